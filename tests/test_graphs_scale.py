"""Large networks: every departure in one pass, betweenness estimated above a size (and
said so), and clear refusals naming the limits."""

from __future__ import annotations

import random
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from jlp import limits
from jlp.cli import main
from jlp.graphs import departures, graph_summary, node_metrics, simple_view, template_path, without
from jlp.graphs._paths import Arcs
from jlp.graphs.centrality import betweenness_of_arcs

NODES, EDGES = str(template_path("example_nodes.csv")), str(template_path("example_edges.csv"))
KINDS = ["firm", "firm", "firm", "institution", "association", "broker", "enterprise_joint", None]


def _one_by_one(graph: nx.Graph) -> pd.DataFrame:
    """departures as the definition says: :func:`without` for each node."""
    rows = []
    for node in graph:
        d = without(graph, node)
        rows.append(
            {
                "id": str(node),
                "firms_cut_off": len(d.cut_off),
                "components_added": d.components_after - d.components_before,
                "largest_after": d.largest_after,
                "firms_reaching_after": d.firms_reaching_after,
                "left_isolated": len(d.isolated),
            }
        )
    return pd.DataFrame(rows).set_index("id").sort_index().astype("int64")


@pytest.mark.parametrize("seed", range(60))
def test_every_departure_in_one_pass_equals_one_at_a_time(seed):
    r = random.Random(seed)
    n = r.randint(1, 30)
    graph = nx.gnm_random_graph(n, r.randint(0, 2 * n), seed=seed)
    if seed % 3 == 0:
        graph = nx.MultiDiGraph(graph)
    for node in list(graph.nodes):
        kind = r.choice(KINDS)
        if kind:
            graph.nodes[node]["kind"] = kind
    expected = _one_by_one(graph)
    found = departures(graph, list(graph.nodes)).set_index("id").sort_index()
    pd.testing.assert_frame_equal(found[expected.columns], expected)


@pytest.mark.parametrize("seed", range(10))
def test_clustering_and_pieces_match_networkx(seed):
    graph = nx.gnm_random_graph(40, 70, seed=seed)
    summary = graph_summary(graph)
    assert summary["average_clustering"] == pytest.approx(nx.average_clustering(graph))
    assert summary["components"] == nx.number_connected_components(graph)


def test_betweenness_estimate_is_exact_with_every_source_and_close_with_some():
    graph = nx.connected_watts_strogatz_graph(600, 4, 0.2, seed=3)
    order = list(graph.nodes)
    arcs = Arcs.from_graph(graph, order)
    reference = nx.betweenness_centrality(graph)
    exact = np.array([reference[n] for n in order])
    assert betweenness_of_arcs(arcs, sources=600) == pytest.approx(exact)
    estimate = betweenness_of_arcs(arcs, sources=300, seed=1)
    assert np.corrcoef(exact, estimate)[0, 1] > 0.95
    assert abs(estimate.sum() - exact.sum()) / exact.sum() < 0.1
    assert (betweenness_of_arcs(arcs, sources=300, seed=1) == estimate).all()  # seeded


def test_metrics_say_when_betweenness_is_an_estimate(monkeypatch, capsys):
    graph = simple_view(nx.MultiDiGraph(nx.path_graph(12)))
    assert node_metrics(graph).attrs["betweenness_estimate"] == ""
    monkeypatch.setattr(limits, "EXACT_BETWEENNESS_MAX_NODES", 10)
    monkeypatch.setattr(limits, "BETWEENNESS_SOURCES", 5)
    assert "estimated from 5 of 12 nodes" in node_metrics(graph).attrs["betweenness_estimate"]
    assert main(["graph", "metrics", NODES, EDGES]) == 0
    out = capsys.readouterr().out
    assert "betweenness is estimated from 5 of" in out
    assert main(["graph", "metrics", NODES, EDGES, "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "estimated" not in captured.out and captured.err.startswith("note: betweenness")


def test_too_many_nodes_is_refused_naming_the_limit(monkeypatch, capsys):
    monkeypatch.setattr(limits, "MAX_NODES", 5)
    assert main(["graph", "metrics", NODES, EDGES]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the network has") and "(5)" in err and "(fix: " in err


def test_too_large_a_picture_is_refused_and_nothing_written(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(limits, "DRAW_MAX_NODES", 5)
    out = tmp_path / "map.html"
    assert main(["graph", "render", NODES, EDGES, "-o", str(out)]) == 2
    assert "more than a picture can show (5)" in capsys.readouterr().err
    assert not out.exists()


def test_a_table_over_the_row_limit_is_refused_before_reading(tmp_path):
    nodes = tmp_path / "nodes.csv"
    with nodes.open("w", encoding="utf-8") as stream:
        stream.write("id,label,kind\n")
        stream.writelines(f"n{i},N{i},firm\n" for i in range(limits.MAX_TABLE_ROWS + 1))
    done = subprocess.run(
        [sys.executable, "-m", "jlp", "graph", "metrics", str(nodes), EDGES],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert "nodes.csv" in line and f"more than {limits.MAX_TABLE_ROWS:,} rows" in line


def test_a_workbook_over_the_row_limit_is_refused(monkeypatch, tmp_path, capsys):
    from openpyxl import Workbook

    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 3)
    book = Workbook()
    sheet = book.active
    sheet.title = "nodes"
    sheet.append(["id", "label", "kind"])
    for i in range(5):
        sheet.append([f"n{i}", f"N{i}", "firm"])
    edges = book.create_sheet("edges")
    edges.append(["source", "target", "tie"])
    path = tmp_path / "network.xlsx"
    book.save(path)
    assert main(["graph", "metrics", str(path)]) == 2
    assert "more than 3 rows" in capsys.readouterr().err
