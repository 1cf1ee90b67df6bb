"""``jlp graph``: metrics, summary, render, without; bad input exits 2 without a traceback."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from jlp.cli import main
from jlp.graphs import METRIC_COLUMNS, read_graph, template_path

JLP = Path(sys.executable).parent / "jlp"
NODES = str(template_path("example_nodes.csv"))
EDGES = str(template_path("example_edges.csv"))
COLUMNS = (
    "id,label,kind,degree,betweenness,constraint,effective_size,coordinator,consultant,"
    "representative,gatekeeper,liaison"
)


def test_metrics_csv_has_exactly_the_columns_and_one_row_per_node(capsys):
    assert main(["graph", "metrics", NODES, EDGES, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == COLUMNS == ",".join(METRIC_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == list(read_graph(NODES, EDGES).nodes)
    broker = next(r for r in rows if r["id"] == "broker")
    assert broker["label"] == "Ana Martínez (network broker)" and broker["degree"] == "7"


def test_isolates_are_empty_in_csv_null_in_json_dash_in_table(capsys):
    args = ["graph", "metrics", NODES, EDGES, "--phase", "strategic_planning"]
    assert main([*args, "--format", "csv"]) == 0
    row = next(
        r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["id"] == "cooperativa"
    )
    assert row["constraint"] == "" and row["effective_size"] == "0.0" and row["degree"] == "0"
    assert main([*args, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    coop = next(r for r in records if r["id"] == "cooperativa")
    assert coop["constraint"] is None and coop["effective_size"] == 0.0
    assert list(coop) == list(METRIC_COLUMNS)
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "an isolate (no tie): constraint is undefined" in out
    assert "nan" not in out.lower()


def test_group_option_changes_roles(capsys):
    assert main(["graph", "metrics", NODES, EDGES, "--group", "kind", "--format", "json"]) == 0
    by_kind = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert main(["graph", "metrics", NODES, EDGES, "--format", "json"]) == 0
    by_group = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert by_kind["muebles_pena"] != by_group["muebles_pena"]
    assert main(["graph", "metrics", NODES, EDGES, "--group", "sector"]) == 2
    assert "no node has the attribute 'sector'" in capsys.readouterr().err


def test_render_html_and_png_with_tie_and_phase(tmp_path, capsys):
    page = tmp_path / "page.html"
    assert (
        main(
            [
                "graph",
                "render",
                NODES,
                EDGES,
                "-o",
                str(page),
                "--tie",
                "joint_purchase",
                "--tie",
                "training",
                "--phase",
                "pilot_projects",
            ]
        )
        == 0
    )
    assert "wrote" in capsys.readouterr().out
    text = page.read_text(encoding="utf-8")
    assert "Joint purchase" in text and "Training" in text and "Co-ordination" not in text
    picture = tmp_path / "page.png"
    assert main(["graph", "render", NODES, EDGES, "-o", str(picture)]) == 0
    assert picture.read_bytes()[:4] == b"\x89PNG"


def test_summary_and_without(capsys):
    assert main(["graph", "summary", NODES, EDGES, "--by-phase", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["phase"] == "promotion_motivation" and len(rows) == 4
    assert main(["graph", "without", NODES, EDGES, "--node", "broker", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["id"] == "broker" and row["firms_cut_off"] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["metrics", "missing.csv", EDGES], "file not found"),
        (["metrics", NODES, EDGES, "--phase", "9"], "there is no phase '9'"),
        (["metrics", NODES, EDGES, "--tie", "gossip"], "no tie of type 'gossip'"),
        (["render", NODES, EDGES, "-o", "x.gif"], "cannot write 'x.gif'"),
        (["render", NODES, EDGES, "-o", "out.html", "--size-by", "fame"], "cannot size nodes"),
        (["without", NODES, EDGES, "--node", "nobody"], "no node 'nobody'"),
        (["metrics", NODES], "no edges file given"),
    ],
)
def test_bad_input_exits_2_with_a_clear_line(capsys, args, message):
    assert main(["graph", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("error: ") and "Traceback" not in err


def test_bad_tables_list_every_problem(tmp_path, capsys):
    nodes = tmp_path / "n.csv"
    edges = tmp_path / "e.csv"
    nodes.write_text("id,label,kind\na,A,firm\na,B,firm\n", encoding="utf-8")
    edges.write_text("source,target,tie\na,x,supply\ny,a,credit\n", encoding="utf-8")
    assert main(["graph", "metrics", str(nodes), str(edges)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and all(line.startswith("error: ") for line in lines)
    assert "row 3, column 'id'" in lines[0] and "unknown node 'x'" in lines[1]


def test_warnings_are_printed_and_the_command_goes_on(tmp_path, capsys):
    nodes = tmp_path / "n.csv"
    edges = tmp_path / "e.csv"
    nodes.write_text("id,label,kind\na,A,firm\nb,B,firm\n", encoding="utf-8")
    edges.write_text("source,target,tie\na,a,supply\na,b,gossip\n", encoding="utf-8")
    assert main(["graph", "metrics", str(nodes), str(edges), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "'gossip'" in captured.err
    assert "from a node to itself" in captured.err
    assert captured.out.startswith(COLUMNS)


def test_console_script_exit_codes(tmp_path):
    done = subprocess.run(
        [str(JLP), "graph", "metrics", NODES, EDGES, "--format", "csv"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == COLUMNS
    assert "Muebles Peña" in done.stdout
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    bad = subprocess.run(
        [str(JLP), "graph", "metrics", str(empty), EDGES],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "the file is empty" in bad.stderr and "Traceback" not in bad.stderr
