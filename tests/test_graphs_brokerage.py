"""Gould–Fernandez roles: hand-worked triads, and a brute-force count on random graphs."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp.errors import JlpInputError
from jlp.graphs import ROLES, brokerage_roles, directed_view, node_groups


def triad(groups: str, *, undirected: bool = False) -> nx.Graph:
    """a→b→c (or a–b–c) with the groups of a, b, c given as three letters."""
    graph = nx.Graph() if undirected else nx.DiGraph()
    for node, group in zip("abc", groups, strict=True):
        graph.add_node(node, group=group)
    graph.add_edges_from([("a", "b"), ("b", "c")])
    return graph


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ("XXX", "coordinator"),
        ("XYX", "consultant"),
        ("XXY", "representative"),
        ("YXX", "gatekeeper"),
        ("XYZ", "liaison"),
    ],
)
def test_each_role_by_hand(groups, role):
    counts = brokerage_roles(triad(groups)).loc["b"].to_dict()
    assert counts == {r: int(r == role) for r in ROLES}
    assert brokerage_roles(triad(groups)).drop(index="b").to_numpy().sum() == 0


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        # an undirected path runs both ways: a→b→c and c→b→a
        ("XXX", {"coordinator": 2}),
        ("XYX", {"consultant": 2}),
        ("XXY", {"representative": 1, "gatekeeper": 1}),  # a→b→c represents, c→b→a gatekeeps
        ("XYZ", {"liaison": 2}),
    ],
)
def test_undirected_ties_count_both_ways(groups, expected):
    counts = brokerage_roles(triad(groups, undirected=True)).loc["b"].to_dict()
    assert counts == {r: expected.get(r, 0) for r in ROLES}


def test_a_tie_from_a_to_c_closes_the_path_but_c_to_a_does_not():
    closed = triad("XXX")
    closed.add_edge("a", "c")
    assert brokerage_roles(closed).loc["b"].sum() == 0
    reverse = triad("XXX")
    reverse.add_edge("c", "a")
    assert brokerage_roles(reverse).loc["b", "coordinator"] == 1


def test_worked_example_with_mixed_ties():
    """Two carpenters, an upholsterer and a buyer, with a broker (worked out by hand).

    Groups: c1, c2 carpenters (C); u upholsterer (U); m market (M); k broker (K).
    Ties: k–c1, k–c2, k–u undirected; c1→m, u→m directed; c1–c2 undirected.
    """
    graph = nx.MultiDiGraph()
    for node, group in {"c1": "C", "c2": "C", "u": "U", "m": "M", "k": "K"}.items():
        graph.add_node(node, group=group)
    for u, v, directed in [
        ("k", "c1", False),
        ("k", "c2", False),
        ("k", "u", False),
        ("c1", "m", True),
        ("u", "m", True),
        ("c1", "c2", False),
    ]:
        graph.add_edge(u, v, key="t", tie="t", directed=directed)
    t = brokerage_roles(graph)
    # k: open paths c1→k→u, u→k→c1, c2→k→u, u→k→c2 (c1–c2 closed): C,K,U and U,K,C → liaison 4
    assert t.loc["k"].to_dict() == {
        "coordinator": 0,
        "consultant": 0,
        "representative": 0,
        "gatekeeper": 0,
        "liaison": 4,
    }
    # c1: k→c1→m (K,C,M liaison), c2→c1→m (C,C,M representative); k→c1→c2 closed by k–c2
    assert t.loc["c1"].to_dict() == {
        "coordinator": 0,
        "consultant": 0,
        "representative": 1,
        "gatekeeper": 0,
        "liaison": 1,
    }
    # u: k→u→m (K,U,M liaison)
    assert t.loc["u", "liaison"] == 1 and t.loc["u"].sum() == 1
    # c2: k→c2→c1 closed (k–c1), c1→c2→k closed; m has no way on
    assert t.loc["c2"].sum() == 0 and t.loc["m"].sum() == 0


def test_group_falls_back_to_kind_and_names_a_missing_attribute():
    graph = nx.Graph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(graph, {"a": "firm", "b": "broker", "c": "firm"}, "kind")
    graph.nodes["c"]["group"] = "firm"
    assert node_groups(graph) == {"a": "firm", "b": "broker", "c": "firm"}
    assert brokerage_roles(graph).loc["b", "consultant"] == 2
    with pytest.raises(JlpInputError, match="no node has the attribute 'sector'"):
        brokerage_roles(graph, group="sector")
    nx.set_node_attributes(graph, {"a": "x", "b": "x", "c": "y"}, "sector")
    assert brokerage_roles(graph, group="sector").loc["b", "representative"] == 1


def brute_force(graph: nx.Graph, group: str | None = None) -> dict:
    arcs = directed_view(graph)
    groups = node_groups(graph, group)
    counts = {node: dict.fromkeys(ROLES, 0) for node in graph}
    for a, b, c in itertools.permutations(graph.nodes, 3):
        if not (arcs.has_edge(a, b) and arcs.has_edge(b, c)) or arcs.has_edge(a, c):
            continue
        ga, gb, gc = groups[a], groups[b], groups[c]
        if ga == gb == gc:
            role = "coordinator"
        elif ga == gc:
            role = "consultant"
        elif ga == gb:
            role = "representative"
        elif gb == gc:
            role = "gatekeeper"
        else:
            role = "liaison"
        counts[b][role] += 1
    return counts


@st.composite
def mixed_graphs(draw):
    n = draw(st.integers(0, 12))
    graph = nx.MultiDiGraph()
    for node in range(n):
        graph.add_node(node, group=draw(st.sampled_from("ABC")))
    if n:
        ties = draw(
            st.lists(
                st.tuples(
                    st.integers(0, n - 1),
                    st.integers(0, n - 1),
                    st.sampled_from(["supply", "credit"]),
                    st.booleans(),
                ),
                max_size=40,
            )
        )
        for u, v, tie, directed in ties:
            graph.add_edge(u, v, key=tie, tie=tie, directed=directed)
    return graph


@settings(max_examples=150, deadline=None)
@given(mixed_graphs())
def test_matches_brute_force_on_random_mixed_graphs(graph):
    table = brokerage_roles(graph)
    assert {node: table.loc[node].to_dict() for node in graph} == brute_force(graph)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 25), st.floats(0.05, 0.5), st.integers(0, 999))
def test_matches_brute_force_on_random_digraphs_grouped_by_kind(n, p, seed):
    graph = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    for node in graph:
        graph.nodes[node]["kind"] = ("firm", "broker", "institution", "market")[node % 4]
    table = brokerage_roles(graph)
    assert {node: table.loc[node].to_dict() for node in graph} == brute_force(graph)
