"""Phases (the network as it stood) and resilience (what if one actor leaves)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from jlp.errors import JlpInputError
from jlp.graphs import (
    GraphDataWarning,
    departures,
    graph_from_frames,
    metrics_by_phase,
    phases,
    read_graph,
    snapshot,
    summary_by_phase,
    template_path,
    without,
)


@pytest.fixture()
def example():
    return read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))


def staged():
    nodes = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "label": list("ABCD"),
            "kind": ["firm", "firm", "institution", "firm"],
            "phase": ["1", "", "2", "3"],
        }
    )
    edges = pd.DataFrame(
        {
            "source": ["a", "a", "b", "c"],
            "target": ["b", "c", "c", "d"],
            "tie": ["supply", "training", "credit", "training"],
            "phase": ["2", "", "1", "3"],
        }
    )
    with pytest.warns(GraphDataWarning, match=r"row 4 \(b–c in phase 1, an end appears in phase 2"):
        return graph_from_frames(nodes, edges)


def test_snapshots_by_hand():
    graph = staged()
    assert phases(graph) == (1, 2, 3)
    one, two, three = (snapshot(graph, p) for p in (1, 2, 3))
    assert sorted(one) == ["a", "b"] and one.number_of_edges() == 0  # b–c waits for c
    assert sorted(two) == ["a", "b", "c"]
    assert sorted((u, v) for u, v in two.edges()) == [("a", "b"), ("a", "c"), ("b", "c")]
    assert nx.utils.graphs_equal(three, graph)
    assert snapshot(graph, "2").number_of_nodes() == 3  # the CLI passes phases as text


def test_snapshot_is_a_copy_and_leaves_graph_alone():
    graph = staged()
    before = nx.MultiDiGraph(graph)
    part = snapshot(graph, 1)
    part.nodes["a"]["label"] = "changed"
    part.add_node("new")
    assert graph.nodes["a"]["label"] == "A" and "new" not in graph
    assert nx.utils.graphs_equal(graph, before)


def test_unknown_phase_lists_the_known_ones():
    with pytest.raises(JlpInputError, match="no phase '9'") as err:
        snapshot(staged(), 9)
    assert "1, 2, 3" in err.value.problems[0].fix
    with pytest.raises(JlpInputError, match="no phases"):
        metrics_by_phase(nx.MultiDiGraph(phases=()))


def test_stage_names_and_metrics_over_phases(example):
    assert phases(example) == (
        "promotion_motivation",
        "strategic_planning",
        "pilot_projects",
        "strategic_projects",
    )
    summary = summary_by_phase(example)
    assert summary["nodes"].is_monotonic_increasing and summary["ties"].is_monotonic_increasing
    assert summary["nodes"].iloc[-1] == example.number_of_nodes()
    table = metrics_by_phase(example)
    assert table.columns[0] == "phase"
    first = table[table["phase"] == "promotion_motivation"]
    assert set(first["id"]) == {
        n for n, d in example.nodes(data=True) if d["phase"] == "promotion_motivation"
    }
    # the co-operative has joined in planning but has no tie until strategic projects
    planning = table[table["phase"] == "strategic_planning"].set_index("id")
    assert planning.loc["cooperativa", "degree"] == 0
    assert planning.loc["cooperativa", "constraint"] is pd.NA


def test_without_the_hub_by_hand():
    graph = nx.Graph(
        [("f1", "hub"), ("f2", "hub"), ("hub", "bank"), ("f3", "school"), ("f1", "f2")]
    )
    kinds = {
        "f1": "firm",
        "f2": "firm",
        "f3": "firm",
        "hub": "broker",
        "bank": "institution",
        "school": "institution",
    }
    nx.set_node_attributes(graph, kinds, "kind")
    before = nx.Graph(graph)
    d = without(graph, "hub")
    assert (d.components_before, d.components_after) == (2, 3)
    assert (d.largest_before, d.largest_after) == (4, 2)
    assert (d.firms_reaching_before, d.firms_reaching_after) == (3, 1)
    assert d.cut_off == ("f1", "f2") and d.isolated == ("bank",)
    assert nx.utils.graphs_equal(graph, before)


def test_a_leaving_firm_is_not_counted_as_cut_off():
    graph = nx.Graph([("f1", "inst")])
    nx.set_node_attributes(graph, {"f1": "firm", "inst": "institution"}, "kind")
    d = without(graph, "f1")
    assert d.firms_reaching_after == 0 and d.cut_off == () and d.isolated == ("inst",)


def test_departures_rank_the_broker_first_in_the_example(example):
    table = departures(example)
    assert table.iloc[0]["id"] == "broker"
    assert table.iloc[0]["firms_cut_off"] == len(without(example, "broker").cut_off) > 0
    with pytest.raises(JlpInputError, match="no node 'Broker'") as err:
        without(example, "Broker")
    assert "did you mean 'broker'" in err.value.problems[0].fix


def test_reported_honduras_actors_read_as_a_network():
    """The bundled Honduras tables use the same format: the consultants hold it together."""
    from jlp.datasets import data_dir
    from jlp.graphs import node_metrics

    graph = read_graph(
        data_dir() / "honduras_actors_nodes.csv", data_dir() / "honduras_actors_edges.csv"
    )
    table = node_metrics(graph).set_index("id")
    assert table["betweenness"].idxmax() == "consultants"
    assert graph.edges["infop", "emasim", "training"]["directed"] is True
    assert graph.nodes["infop"]["provenance"] == "reported"
    step_back = without(graph, "consultants")
    assert step_back.firms_reaching_after == step_back.firms_reaching_before  # INFOP, PASI stay
