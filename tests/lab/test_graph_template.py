"""``jlp graph template``: the CSV pair and one workbook, each read back by the graph commands."""

from __future__ import annotations

import openpyxl
import pytest

from jlp.cli import main
from jlp.graphs import read_graph, read_table, template_path


def _run(*args: str) -> int:
    return main(["graph", "template", *args])


def test_template_writes_the_pair_and_one_workbook(tmp_path):
    assert _run("red", "--folder", str(tmp_path), "--example") == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "red.xlsx",
        "red_edges.csv",
        "red_nodes.csv",
    ]
    book = openpyxl.load_workbook(tmp_path / "red.xlsx")
    assert book.sheetnames == ["nodes", "edges"]
    from_book = read_graph(tmp_path / "red.xlsx")
    from_pair = read_graph(tmp_path / "red_nodes.csv", tmp_path / "red_edges.csv")
    example = read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))
    for graph in (from_book, from_pair):
        assert dict(graph.nodes(data="label")) == dict(example.nodes(data="label"))
        assert graph.number_of_edges() == example.number_of_edges()


def test_empty_template_has_the_headers_only(tmp_path):
    assert _run("mine", "--folder", str(tmp_path)) == 0
    nodes = read_table(tmp_path / "mine.xlsx", sheet="nodes")
    edges = read_table(tmp_path / "mine_edges.csv")
    assert list(nodes.columns.drop("row")) == ["id", "label", "kind", "group", "phase", "note"]
    assert list(edges.columns.drop("row"))[:3] == ["source", "target", "tie"]
    assert len(nodes) == len(edges) == 0


def test_template_replaces_nothing_without_force(tmp_path, capsys):
    (tmp_path / "mine.xlsx").write_bytes(b"my own work")
    assert _run("mine", "--folder", str(tmp_path)) == 2
    said = capsys.readouterr().err
    assert "mine.xlsx" in said and "--force" in said and "Traceback" not in said
    assert (tmp_path / "mine.xlsx").read_bytes() == b"my own work"
    assert not (tmp_path / "mine_nodes.csv").exists()  # nothing written at all


@pytest.mark.parametrize("label", ['=HYPERLINK("http://x")', "+1+1", "@SUM(A1)"])
def test_workbook_cells_are_text_never_formulas(tmp_path, label):
    import pandas as pd

    from jlp.cli.graph import template_workbook

    nodes = pd.DataFrame({"id": ["a"], "label": [label], "kind": ["firm"]})
    edges = pd.DataFrame({"source": ["a"], "target": ["a"], "tie": ["training"]})
    (tmp_path / "t.xlsx").write_bytes(template_workbook({"nodes": nodes, "edges": edges}))
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["nodes"]["B2"]
    assert cell.data_type == "s" and cell.value == label
