"""Node and graph measures: hand-worked small graphs, and agreement with networkx."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp.graphs import (
    ISOLATE_NOTE,
    METRIC_COLUMNS,
    betweenness,
    graph_summary,
    node_metrics,
    simple_view,
    structural_holes,
)


def multigraph(ties, kinds=None):
    graph = nx.MultiDiGraph()
    for node, kind in (kinds or {}).items():
        graph.add_node(node, kind=kind, label=node.upper())
    for u, v, tie, directed in ties:
        graph.add_edge(u, v, key=tie, tie=tie, directed=directed)
    return graph


def test_columns_are_the_cli_columns_plus_a_note():
    table = node_metrics(nx.path_graph(3))
    assert tuple(table.columns) == (*METRIC_COLUMNS, "note")


def test_path_of_three_by_hand():
    t = node_metrics(nx.path_graph(["a", "b", "c"])).set_index("id")
    assert t["degree"].tolist() == [1, 2, 1]
    assert t["betweenness"].tolist() == [0.0, 1.0, 0.0]
    # b ties to a and c with p = 1/2 each, and a, c share no tie: constraint 2 × (1/2)² = 0.5
    assert t["constraint"].tolist() == [1.0, 0.5, 1.0]
    assert t["effective_size"].tolist() == [1.0, 2.0, 1.0]


def test_triangle_by_hand():
    c, e = structural_holes(nx.complete_graph(3))
    # p = 1/2 to each partner, plus 1/2 × 1/2 through the third: 2 × (3/4)² = 1.125
    assert c == {0: 1.125, 1: 1.125, 2: 1.125}
    assert e == {0: 1.0, 1: 1.0, 2: 1.0}  # 2 partners − 2·1/2 redundancy


def test_star_by_hand():
    c, e = structural_holes(nx.star_graph(3))
    assert math.isclose(c[0], 1 / 3) and e[0] == 3.0  # three separate partners
    assert betweenness(nx.star_graph(3))[0] == 1.0


def test_isolates_have_empty_constraint_zero_effective_size_and_a_note():
    graph = nx.Graph([("a", "b")])
    graph.add_node("alone")
    graph.add_edge("loop", "loop")  # a self-loop only: still an isolate for the metrics
    t = node_metrics(graph).set_index("id")
    for node in ("alone", "loop"):
        assert t.loc[node, "constraint"] is pd.NA
        assert t.loc[node, "effective_size"] == 0.0
        assert t.loc[node, "note"] == ISOLATE_NOTE
        assert t.loc[node, "degree"] == 0
    assert t.loc["a", "note"] == ""
    assert str(t["constraint"].dtype) == "Float64"
    assert not t.drop(columns="constraint").isna().any().any()  # no NaN anywhere else


def test_parallel_and_directed_ties_count_once_for_degree():
    graph = multigraph(
        [
            ("a", "b", "credit", True),
            ("b", "a", "supply", True),
            ("a", "b", "training", False),
            ("a", "c", "supply", False),
        ]
    )
    t = node_metrics(graph).set_index("id")
    assert t["degree"].to_dict() == {"a": 2, "b": 1, "c": 1}
    assert simple_view(graph).edges["a", "b"]["ties"] == ("credit", "supply", "training")


def test_summary_by_hand():
    kinds = {
        "f1": "firm",
        "f2": "firm",
        "j": "enterprise_joint",
        "i": "institution",
        "b": "broker",
        "x": "firm",
    }
    graph = multigraph(
        [
            ("f1", "f2", "joint_purchase", False),
            ("f1", "f2", "shared_order", False),
            ("f1", "j", "ownership", True),
            ("i", "f2", "training", True),
            ("b", "f1", "coordination", False),
            ("f1", "f1", "supply", False),
        ],
        kinds,
    )
    s = graph_summary(graph)
    assert s["nodes"] == 6 and s["ties"] == 5 and s["linked_pairs"] == 4
    assert s["components"] == 2 and s["isolates"] == 1
    assert s["firm_firm_share"] == 3 / 5  # two firm–firm ties and one to the joint enterprise
    assert s["firm_institution_share"] == 1 / 5
    assert s["other_share"] == 1 / 5  # the tie to the broker
    assert s["density"] == 4 / 15
    assert s["average_clustering"] == nx.average_clustering(simple_view(graph))


def test_summary_without_ties_has_no_shares():
    graph = nx.Graph()
    graph.add_node("a", kind="firm")
    s = graph_summary(graph)
    assert s["firm_firm_share"] is None and s["ties"] == 0 and s["components"] == 1


def test_metrics_leave_the_graph_unchanged():
    graph = multigraph(
        [("a", "b", "credit", True), ("b", "c", "supply", False)],
        {"a": "firm", "b": "broker", "c": "firm"},
    )
    before = nx.MultiDiGraph(graph)
    node_metrics(graph)
    graph_summary(graph)
    assert nx.utils.graphs_equal(graph, before)
    assert list(graph.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))


graphs = st.builds(
    lambda n, p, seed: nx.gnp_random_graph(n, p, seed=seed),
    st.integers(1, 30),
    st.floats(0.0, 0.6),
    st.integers(0, 10_000),
)


@settings(max_examples=60, deadline=None)
@given(graphs)
def test_structural_holes_match_networkx(graph):
    constraint, effective = structural_holes(graph)
    expected_c, expected_e = nx.constraint(graph), nx.effective_size(graph)
    for node in graph:
        if graph.degree(node):
            assert math.isclose(constraint[node], expected_c[node], rel_tol=1e-12)
            assert math.isclose(effective[node], expected_e[node], rel_tol=1e-12, abs_tol=1e-12)
        else:
            assert math.isnan(expected_c[node])  # networkx: NaN; jlp: undefined, shown empty
            assert math.isnan(constraint[node]) and effective[node] == 0.0


@settings(max_examples=60, deadline=None)
@given(graphs)
def test_betweenness_matches_networkx(graph):
    ours = betweenness(graph)
    theirs = nx.betweenness_centrality(graph, normalized=True)
    for node in graph:
        assert math.isclose(ours[node], theirs[node], rel_tol=1e-9, abs_tol=1e-12)


def test_betweenness_matches_networkx_across_batches(monkeypatch):
    from jlp.graphs import centrality as module

    monkeypatch.setattr(module, "BATCH_PAIRS", 50)  # force many small batches
    graph = nx.barabasi_albert_graph(120, 2, seed=4)
    ours = module.betweenness(graph)
    theirs = nx.betweenness_centrality(graph)
    assert all(math.isclose(ours[n], theirs[n], rel_tol=1e-9, abs_tol=1e-12) for n in graph)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs(n):
    t = node_metrics(nx.path_graph(n))
    assert len(t) == n
    assert (t["betweenness"] == 0).all()
