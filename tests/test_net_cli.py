"""``jlp net``: template, score, save, report — through jlp.cli.main and once as a process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from jlp import net
from jlp.cli import main
from jlp.sphinx_ext import plotly_js_path
from jlp.viz.network_page import external_references

CONTRACT = (
    "network,date,index,current_stage,completeness,promotion_motivation,"
    "strategic_planning,decision,pilot_projects,strategic_projects,self_management"
)


@pytest.fixture()
def programme_file(tmp_path) -> Path:
    path = tmp_path / "programme.csv"
    net.simulate_programme(5, 2, seed=8).to_csv(path, index=False)
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_template_then_score(tmp_path, capsys):
    path = tmp_path / "emasim.csv"
    code, out, _ = run(capsys, "net", "template", "Emasim", "1998-03-01", "-o", path)
    assert code == 0 and "42 cells" in out
    assert len(net.read_assessments(path)) == 42
    code, out, _ = run(capsys, "net", "score", path, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert ",".join(rows[0]) == CONTRACT
    assert rows[1][:5] == ["Emasim", "1998-03-01", "0.0", "promotion_motivation", "0.0"]


def test_template_xlsx_and_refusal_to_overwrite(tmp_path, capsys):
    path = tmp_path / "t.xlsx"
    assert run(capsys, "net", "template", "A", "1998-03-01", "-o", path)[0] == 0
    code, _, err = run(capsys, "net", "template", "A", "1998-03-01", "-o", path)
    assert code == 2 and "already exists" in err and "--force" in err
    assert run(capsys, "net", "template", "A", "1998-03-01", "-o", path, "--force")[0] == 0


def test_score_formats_agree(programme_file, capsys):
    _, as_csv, _ = run(capsys, "net", "score", programme_file, "-f", "csv")
    _, as_json, _ = run(capsys, "net", "score", programme_file, "-f", "json")
    _, as_table, _ = run(capsys, "net", "score", programme_file)
    records = json.loads(as_json)
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert list(records[0]) == CONTRACT.split(",")
    assert len(records) == len(rows) == len(as_table.strip().splitlines()) - 1
    expected = net.score(net.read_assessments(programme_file))
    assert [r["index"] for r in records] == expected["index"].tolist()
    assert [r["current_stage"] for r in rows] == expected["current_stage"].tolist()
    for record in records:
        assert all(0 <= record[s] <= 1 for s in net.STAGES)


def test_score_threshold(tmp_path, capsys):
    ratings = {(i, "promotion_motivation"): "achieved" for i in net.INDICATORS[:5]}
    path = tmp_path / "a.csv"
    net.write_assessments(net.from_ratings("A", "1998-01-01", ratings), path)
    _, out, _ = run(capsys, "net", "score", path, "-f", "json")
    assert json.loads(out)[0]["current_stage"] == "promotion_motivation"  # 10/14 < 0.75
    _, out, _ = run(capsys, "net", "score", path, "-f", "json", "--threshold", "0.7")
    assert json.loads(out)[0]["current_stage"] == "strategic_planning"
    code, _, err = run(capsys, "net", "score", path, "--threshold", "1.5")
    assert code == 2 and "threshold" in err


BAD = {
    "unknown slug": ("A,1998-01-01,group_cohesoin,decision,achieved\n", "did you mean"),
    "bad rating": ("A,1998-01-01,group_cohesion,decision,yes\n", "column 'rating'"),
    "bad date": ("A,1998/01/01,group_cohesion,decision,achieved\n", "column 'date'"),
    "twice": (
        "A,1998-01-01,group_cohesion,decision,achieved\n"
        "A,1998-01-01,group_cohesion,decision,partial\n",
        "row 3",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_exit_2_without_traceback(tmp_path, capsys, case):
    body, expected = BAD[case]
    path = tmp_path / "bad.csv"
    path.write_text("network,date,indicator,stage,rating\n" + body, encoding="utf-8")
    history = tmp_path / "history.csv"
    for args in (
        ("net", "score", path),
        ("net", "save", path, "--to", history),
        ("net", "report", path, "-o", tmp_path / "r.html"),
    ):
        code, out, err = run(capsys, *args)
        assert code == 2, args
        assert err.startswith("error: ") and str(path) in err and expected in err
        assert "Traceback" not in err and out == ""
    assert not history.exists() and not (tmp_path / "r.html").exists()


def test_not_utf8_and_empty_files(tmp_path, capsys):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(
        "network,date,indicator,stage,rating\nLeón,1998-01-01,group_cohesion,"
        "decision,achieved\n".encode("latin-1")
    )
    code, _, err = run(capsys, "net", "score", latin)
    assert code == 2 and "UTF-8" in err and "row 2" in err
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "net", "score", empty)
    assert code == 2 and "empty" in err


def test_save_to_history(tmp_path, programme_file, capsys):
    history = tmp_path / "history.csv"
    code, out, _ = run(capsys, "net", "save", programme_file, "--to", history)
    assert code == 0 and "rows added" in out
    before = history.read_bytes()
    code, _, err = run(capsys, "net", "save", programme_file, "--to", history)
    assert code == 2 and "already in the history" in err and "--overwrite" in err
    assert history.read_bytes() == before
    code, out, _ = run(capsys, "net", "save", programme_file, "--to", history, "--overwrite")
    assert code == 0
    assert len(net.read_assessments(history)) == len(net.read_assessments(programme_file))


def test_report_is_standalone_and_escaped(tmp_path, capsys):
    programme = net.simulate_programme(3, 2, seed=2)
    programme["network"] = programme["network"].replace("sim-1", "<script>alert(1)</script>")
    source = tmp_path / "p.csv"
    programme.to_csv(source, index=False)
    output = tmp_path / "report.html"
    code, out, _ = run(capsys, "net", "report", source, "-o", output, "--title", "Año 1")
    assert code == 0 and "opens offline" in out
    page = output.read_text(encoding="utf-8")
    plotly_js = plotly_js_path().read_text(encoding="utf-8")
    assert page.count(plotly_js) == 1  # inlined once, not fetched
    rest = page.replace(plotly_js, "")
    assert external_references(rest) == []
    assert "<script>alert(1)</script>" not in rest
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rest
    assert rest.count('class="plotly-graph-div"') >= 3 + 3  # overview + a matrix per network
    assert "Año 1" in rest and "illustrative" in rest


def test_report_unknown_network(programme_file, tmp_path, capsys):
    code, _, err = run(
        capsys, "net", "report", programme_file, "-o", tmp_path / "r.html", "--network", "sim-9"
    )
    assert code == 2 and "did you mean" in err


def test_command_line_as_a_process(tmp_path, programme_file):
    jlp = Path(sys.executable).parent / "jlp"
    done = subprocess.run(
        [str(jlp), "net", "score", str(programme_file), "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == CONTRACT
    bad = tmp_path / "bad.csv"
    bad.write_text("network,date\n", encoding="utf-8")
    done = subprocess.run(
        [str(jlp), "net", "score", str(bad)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
