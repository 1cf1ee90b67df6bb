"""Hostile input through the ``jlp`` command: one clear line, exit 2, nothing written; and
what a user typed never becomes mathematics, a terminal command or invalid JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jlp.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"


def jlp(
    *args: object,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m jlp ARGS`` as a process, this checkout's source first."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "jlp", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=env,
        cwd=cwd,
        check=False,
    )


def _tables(folder: Path, labels: tuple[str, str]) -> tuple[Path, Path]:
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    nodes.write_text(
        "id,label,kind\n" + "".join(f'n{i},"{label}",firm\n' for i, label in enumerate(labels)),
        encoding="utf-8",
    )
    edges.write_text("source,target,tie\nn0,n1,supply\n", encoding="utf-8")
    return nodes, edges


def test_python_dash_m_jlp_runs_the_command():
    done = jlp("--version")
    assert done.returncode == 0 and done.stdout.startswith("jlp ")


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_glyph_the_font_lacks_gives_one_warning_and_the_command_ends(tmp_path, suffix):
    nodes, edges = _tables(tmp_path, ("中文 Firm", "Taller B"))
    out = tmp_path / f"map{suffix}"
    done = jlp("graph", "render", nodes, edges, "-o", out, timeout=90)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    warned = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warned) == 1 and "中文" in warned[0] and "Traceback" not in done.stderr


def test_dollar_signs_are_drawn_as_typed(tmp_path):
    nodes, edges = _tables(tmp_path, ("Fee US$ 5 to US$ 10", "B"))
    out = tmp_path / "map.svg"
    assert (
        main(["graph", "render", str(nodes), str(edges), "-o", str(out), "--title", "Costs $x^2$"])
        == 0
    )
    svg = out.read_text(encoding="utf-8")
    # matplotlib writes each text as a comment before its glyphs: the text as drawn
    assert "Fee US$ 5 to US$ 10" in svg and "Costs $x^2$" in svg
    assert "Oblique" not in svg  # mathtext would draw "to" and "x" in italic glyphs


def test_no_text_of_a_still_picture_is_parsed_as_mathematics():
    import networkx as nx
    from matplotlib.text import Text

    from jlp.viz.graph_static import static_figure

    graph = nx.MultiDiGraph()
    graph.add_node("a", label="US$ 5", kind="fir$m")
    graph.add_node("b", label="US$ 10", kind="firm")
    graph.add_edge("a", "b", tie="sup$ply")
    fig = static_figure(graph, title="$\\alpha$", size_by=None)
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    assert {"US$ 5", "US$ 10", "$\\alpha$"} <= {t.get_text() for t in texts}
    assert not any(t.get_parse_math() for t in texts)


@pytest.mark.parametrize(
    "args",
    [
        ["schedule", "--annual-cost", "1e308"],
        ["schedule", "--annual-cost", "1000000001"],
        ["institution", "--annual-cost", "1e308", "--format", "json"],
        ["institution", "--new-networks", "1e308"],
    ],
)
def test_huge_amounts_are_refused_naming_the_limit(args):
    done = jlp("fees", *args)
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: option --") and "(fix: " in line
    assert "at most" in line and "Traceback" not in done.stderr


def test_the_largest_amount_still_works(capsys):
    from jlp.fees.values import MAX_AMOUNT

    assert main(["fees", "schedule", "--annual-cost", str(MAX_AMOUNT), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["subsidy"] == MAX_AMOUNT


@pytest.mark.parametrize(
    "command",
    [["fees", "schedule"], ["fees", "institution"], ["fees", "institution", "--preset", "mexico"]],
)
def test_json_output_is_strict(command, capsys):
    assert main([*command, "--format", "json"]) == 0
    out = capsys.readouterr().out
    json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in JSON output"))


def test_json_writer_maps_missing_and_non_finite_to_null():
    import pandas as pd

    from jlp.cli.output import json_text

    frame = pd.DataFrame({"a": [float("nan"), float("inf"), -float("inf"), 1.5]})
    assert json.loads(json_text(frame.to_dict("records"))) == [
        {"a": None},
        {"a": None},
        {"a": None},
        {"a": 1.5},
    ]


def test_option_problems_name_the_option_and_say_the_fix_in_words(capsys):
    assert main(["fees", "schedule", "--first-share", "0.5", "--cap", "0.3"]) == 2
    err = capsys.readouterr().err
    assert "option --cap:" in err and "column" not in err
    assert "first_share" not in err and "the first share" in err


@pytest.mark.parametrize("name", ["t.xls", "t.json", "noext", "t.csv.txt"])
def test_template_is_written_only_where_score_can_read_it(tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["net", "template", "A", "1998-03-01", "-o", str(out)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("error: ") and ".csv or .xlsx" in line and name in line
    assert not out.exists()


@pytest.mark.parametrize("name", ["t.csv", "t.XLSX"])
def test_a_template_written_is_scored(tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["net", "template", "A", "1998-03-01", "-o", str(out)]) == 0
    assert main(["net", "score", str(out), "--format", "json"]) == 0
    capsys.readouterr()


def test_graph_and_net_options_are_named_as_typed(capsys):
    from jlp.graphs import template_path

    nodes, edges = template_path("example_nodes.csv"), template_path("example_edges.csv")
    for args, option in (
        (["--phase", "9"], "--phase"),
        (["--tie", "gossip"], "--tie"),
        (["--group", "sector"], "--group"),
    ):
        assert main(["graph", "metrics", str(nodes), str(edges), *args]) == 2
        assert capsys.readouterr().err.startswith(f"error: option {option}: ")
    assert main(["graph", "without", str(nodes), str(edges), "--node", "nobody"]) == 2
    assert capsys.readouterr().err.startswith("error: option --node: no node 'nobody'")


def test_saving_twice_says_the_option_not_the_parameter(tmp_path, capsys):
    path = tmp_path / "a.csv"
    history = tmp_path / "history.csv"
    assert main(["net", "template", "A", "1998-03-01", "-o", str(path)]) == 0
    assert main(["net", "save", str(path), "--to", str(history)]) == 0
    capsys.readouterr()
    assert main(["net", "save", str(path), "--to", str(history)]) == 2
    err = capsys.readouterr().err
    assert "--overwrite" in err and "overwrite=True" not in err


HOSTILE = "Evil\x1b]52;c;ZWNobyBoaQ==\x07\x1b[2J\x9b31m"


def test_control_characters_never_reach_the_terminal_raw(tmp_path, capsys):
    import pandas as pd

    from jlp.cli.output import write_table

    nodes, edges = _tables(tmp_path, (HOSTILE, "B"))
    assert main(["graph", "metrics", str(nodes), str(edges)]) == 2  # the reader refuses it
    captured = capsys.readouterr()
    assert not any(ch in captured.err + captured.out for ch in "\x1b\x07\x9b")
    frame = pd.DataFrame({"label": [HOSTILE], "degree": [1]})  # whatever reaches the writer
    write_table(frame, "table")
    out = capsys.readouterr().out
    assert "Evil\\x1b]52;c;ZWNobyBoaQ==\\x07\\x1b[2J\\x9b31m" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    write_table(frame, "json")
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    assert json.loads(out)[0]["label"] == HOSTILE  # the data stay whole, only escaped


def test_csv_to_a_terminal_is_escaped_but_to_a_pipe_is_whole():
    import io

    import pandas as pd

    from jlp.cli.output import write_table

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    frame = pd.DataFrame({"name": [HOSTILE]})
    shown, piped = Terminal(), io.StringIO()
    write_table(frame, "csv", out=shown)
    write_table(frame, "csv", out=piped)
    assert "\x1b" not in shown.getvalue() and "\\x1b]52" in shown.getvalue()
    assert HOSTILE in piped.getvalue()


HOSTILE_NAMES = {
    "sim-1": '<a href="https://evil.example/track">Click</a>',
    "sim-2": '<span style="font-size:80px">BIG</span> & <b>bold</b> US$ 5 to US$ 10',
}


def _hostile_programme(folder: Path) -> Path:
    from jlp import net

    programme = net.simulate_programme(3, 2, seed=2)
    programme["network"] = programme["network"].replace(HOSTILE_NAMES)
    source = folder / "hostile.csv"
    programme.to_csv(source, index=False)
    return source


def test_report_is_reproducible_and_dated_only_when_asked(tmp_path, capsys):
    import datetime as dt

    source = _hostile_programme(tmp_path)
    first, second, dated = tmp_path / "a.html", tmp_path / "b.html", tmp_path / "c.html"
    for out in (first, second):
        assert main(["net", "report", str(source), "-o", str(out)]) == 0
    assert main(["net", "report", str(source), "-o", str(dated), "--stamp"]) == 0
    capsys.readouterr()
    assert first.read_bytes() == second.read_bytes()
    today = dt.date.today().isoformat()
    assert today not in first.read_text(encoding="utf-8")
    assert f"Made with jlp on {today}" in dated.read_text(encoding="utf-8")


def test_report_names_are_text_in_the_page_and_in_the_charts(tmp_path):
    import re

    from jlp import net
    from jlp.report.net_report import net_report_html
    from jlp.sphinx_ext import plotly_js_path
    from jlp.viz import plotly_text

    page = net_report_html(net.read_assessments(_hostile_programme(tmp_path)))
    page = page.replace(plotly_js_path().read_text(encoding="utf-8"), "")
    figures = re.findall(r"var spec = (.*?);\n", page)
    assert len(figures) >= 6
    for spec in figures:
        text = json.dumps(json.loads(spec))  # every string as JSON writes it
        for name in HOSTILE_NAMES.values():
            assert json.dumps(name)[1:-1] not in text  # never raw markup for plotly
    charts = " ".join(json.dumps(json.loads(spec)) for spec in figures)
    assert json.dumps(plotly_text(HOSTILE_NAMES["sim-1"]))[1:-1] in charts
    outside = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    assert "evil.example" not in re.findall(r'href="([^"]*)"', outside)
    assert "&lt;a href=&#34;https://evil.example/track&#34;&gt;Click&lt;/a&gt;" in outside


def _package(folder: Path, path: str = "t.csv") -> Path:
    folder.mkdir(exist_ok=True)
    descriptor = {
        "name": "tiny",
        "licenses": [{"name": "CC-BY-4.0"}],
        "resources": [
            {
                "name": "t",
                "path": path,
                "sources": [{"title": "made up"}],
                "schema": {"fields": [{"name": "a", "type": "string"}]},
            }
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def _one_error(capsys, folder: Path | str) -> str:
    assert main(["data", "check", str(folder)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    return lines[0]


def test_data_check_a_symlink_loop_no_resource_names(tmp_path, capsys):
    folder = _package(tmp_path / "p")
    (folder / "t.csv").write_text("a\nx\n", encoding="utf-8")
    (folder / "x.csv").symlink_to("y.csv")
    (folder / "y.csv").symlink_to("x.csv")
    assert main(["data", "check", str(folder)]) == 0
    assert "no problems" in capsys.readouterr().out


def test_data_check_a_resource_that_is_a_symlink_loop(tmp_path, capsys):
    folder = _package(tmp_path / "p")
    (folder / "t.csv").symlink_to("t.csv")
    line = _one_error(capsys, folder)
    assert "t.csv" in line and "leads back to itself" in line


def test_data_check_deeply_nested_json(tmp_path, capsys):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "datapackage.json").write_text("[" * 100_000, encoding="utf-8")
    line = _one_error(capsys, folder)
    assert "datapackage.json" in line and "nested too deeply" in line


def test_data_check_given_a_csv_file_asks_for_the_folder(tmp_path, capsys):
    folder = _package(tmp_path / "p")
    (folder / "t.csv").write_text("a\nx\n", encoding="utf-8")
    line = _one_error(capsys, folder / "t.csv")
    assert "not a folder holding datapackage.json" in line and "does not exist" not in line


def test_data_check_a_url_path_and_a_folder_path(tmp_path, capsys):
    remote = _package(tmp_path / "remote", "https://evil.example/t.csv")
    line = _one_error(capsys, remote)
    assert "web address" in line and "missing" not in line
    folder = _package(tmp_path / "folder")
    (folder / "t.csv").mkdir()
    line = _one_error(capsys, folder)
    assert "is a folder, not a CSV file" in line and "t.csv" in line


def test_data_check_bad_package_exits_2_as_a_process(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "datapackage.json").write_text("[" * 100_000, encoding="utf-8")
    done = jlp("data", "check", folder)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ")
