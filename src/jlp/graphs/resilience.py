"""What changes when one actor leaves: "what if the hub steps back?"

A broker's aim is a network that stands without the broker. :func:`without` removes one
node and compares before and after: the number of pieces (connected components of the
simple graph), the largest piece, and how many firms still reach an institution (a
training centre, a credit programme, an association) through any chain of ties, whatever
their type or direction. :func:`departures` does so for every node and ranks them.

>>> import networkx as nx
>>> g = nx.Graph([("f1", "broker"), ("f2", "broker"), ("broker", "bank")])
>>> nx.set_node_attributes(g, {"f1": "firm", "f2": "firm", "broker": "broker",
...                            "bank": "institution"}, "kind")
>>> d = without(g, "broker")
>>> d.firms_reaching_before, d.firms_reaching_after, d.cut_off
(2, 0, ('f1', 'f2'))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from jlp.errors import JlpInputError
from jlp.graphs.build import simple_view
from jlp.graphs.metrics import FIRM_KINDS, INSTITUTION_KINDS
from jlp.text import did_you_mean


@dataclass(frozen=True)
class Departure:
    """The network before and after one node leaves."""

    node: Any
    label: str
    components_before: int
    components_after: int
    largest_before: int
    largest_after: int
    firms_reaching_before: int
    firms_reaching_after: int
    cut_off: tuple  # firms that reached an institution before and no longer do
    isolated: tuple  # nodes left with no tie at all (that had one before)


def _reaching(simple: nx.Graph, firms: set, institutions: set) -> set:
    reach = set()
    for piece in nx.connected_components(simple):
        if piece & institutions:
            reach |= piece & firms
    return reach


def _kinds(graph: nx.Graph, kinds: Iterable[str]) -> set:
    wanted = set(kinds)
    return {n for n, k in graph.nodes(data="kind") if k in wanted}


def without(
    graph: nx.Graph,
    node: Any,
    *,
    firm_kinds: Iterable[str] = FIRM_KINDS,
    institution_kinds: Iterable[str] = INSTITUTION_KINDS,
) -> Departure:
    """Compare ``graph`` with and without ``node`` (``graph`` itself is not changed)."""
    if node not in graph:
        raise JlpInputError(
            f"no node '{node}' in this network", column="id",
            fix=did_you_mean(node, sorted(map(str, graph)), cutoff=0.6),
        )
    before = simple_view(graph)
    after = before.copy()
    after.remove_node(node)
    firms, institutions = _kinds(graph, firm_kinds), _kinds(graph, institution_kinds)
    reach_before = _reaching(before, firms, institutions)
    reach_after = _reaching(after, firms - {node}, institutions - {node})
    order = {n: i for i, n in enumerate(graph.nodes)}
    return Departure(
        node=node,
        label=str(graph.nodes[node].get("label", node)),
        components_before=nx.number_connected_components(before),
        components_after=nx.number_connected_components(after) if len(after) else 0,
        largest_before=max((len(c) for c in nx.connected_components(before)), default=0),
        largest_after=max((len(c) for c in nx.connected_components(after)), default=0),
        firms_reaching_before=len(reach_before),
        firms_reaching_after=len(reach_after),
        cut_off=tuple(sorted(reach_before - reach_after - {node}, key=order.get)),
        isolated=tuple(sorted((n for n in before.neighbors(node) if after.degree(n) == 0),
                              key=order.get)),
    )


def departures(graph: nx.Graph, nodes: Iterable[Any] | None = None) -> pd.DataFrame:
    """:func:`without` for each node (default: every node that has a tie), as a table
    sorted by the firms cut off from every institution, then by the pieces added."""
    simple = simple_view(graph)
    chosen = list(nodes) if nodes is not None else [n for n in graph if simple.degree(n)]
    rows = []
    for node in chosen:
        d = without(graph, node)
        rows.append({
            "id": str(d.node), "label": d.label, "kind": graph.nodes[node].get("kind", ""),
            "firms_cut_off": len(d.cut_off),
            "components_added": d.components_after - d.components_before,
            "largest_after": d.largest_after,
            "firms_reaching_after": d.firms_reaching_after,
            "left_isolated": len(d.isolated),
        })
    table = pd.DataFrame(rows, columns=["id", "label", "kind", "firms_cut_off",
                                        "components_added", "largest_after",
                                        "firms_reaching_after", "left_isolated"])
    return table.sort_values(["firms_cut_off", "components_added"], ascending=False,
                             kind="stable").reset_index(drop=True)


__all__ = ["Departure", "departures", "without"]
