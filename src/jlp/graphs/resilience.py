"""What changes when one actor leaves: "what if the hub steps back?"

A broker's aim is a network that stands without the broker. :func:`without` removes one
node and compares before and after: the number of pieces (connected components of the
simple graph), the largest piece, and how many firms still reach an institution (a
training centre, a credit programme, an association) through any chain of ties, whatever
their type or direction. :func:`departures` does so for every node and ranks them.

>>> import networkx as nx
>>> g = nx.Graph([("f1", "broker"), ("f2", "broker"), ("broker", "bank")])
>>> nx.set_node_attributes(
...     g, {"f1": "firm", "f2": "firm", "broker": "broker", "bank": "institution"}, "kind"
... )
>>> d = without(g, "broker")
>>> d.firms_reaching_before, d.firms_reaching_after, d.cut_off
(2, 0, ('f1', 'f2'))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from jlp.errors import JlpInputError
from jlp.graphs._paths import Arcs
from jlp.graphs.build import simple_view
from jlp.graphs.metrics import FIRM_KINDS, INSTITUTION_KINDS, pieces
from jlp.i18n import Messages
from jlp.limits import check_size
from jlp.text import did_you_mean

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "no_node": "no node '{node}' in this network",
        "measure": "Measure",
        "with": "With {label}",
        "without": "Without {label}",
        "pieces": "Pieces the network falls into",
        "largest": "Actors in the largest piece",
        "reaching": "Firms that reach an institution",
        "cut_off": "Firms cut off from every institution",
        "isolated": "Actors left with no tie",
        "nobody": "none",
    }
)


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

    def table(self, graph: nx.Graph) -> list[dict[str, Any]]:
        """The comparison as rows for people, actors named by their ``label`` in ``graph``.

        >>> g = nx.Graph([("f1", "b"), ("f2", "b")])
        >>> nx.set_node_attributes(g, {"f1": "firm", "f2": "firm", "b": "broker"}, "kind")
        >>> nx.set_node_attributes(g, {"b": "Ana"}, "label")
        >>> rows = without(g, "b").table(g)
        >>> rows[0]
        {'Measure': 'Pieces the network falls into', 'With Ana': 1, 'Without Ana': 2}
        >>> rows[-1]["Without Ana"]
        'f1, f2'
        """

        def names(nodes: tuple) -> str:
            labels = (str(graph.nodes[n].get("label", n)) for n in nodes)
            return ", ".join(labels) if nodes else TEXT["nobody"]

        measure = TEXT["measure"]
        with_, without_ = (TEXT[k].format(label=self.label) for k in ("with", "without"))
        pairs = (
            ("pieces", self.components_before, self.components_after),
            ("largest", self.largest_before, self.largest_after),
            ("reaching", self.firms_reaching_before, self.firms_reaching_after),
            ("cut_off", None, names(self.cut_off)),
            ("isolated", None, names(self.isolated)),
        )
        return [{measure: TEXT[key], with_: old, without_: new} for key, old, new in pairs]


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
            TEXT["no_node"].format(node=node),
            column="id",
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
        isolated=tuple(
            sorted((n for n in before.neighbors(node) if after.degree(n) == 0), key=order.get)
        ),
    )


#: The columns of :func:`departures`, in order.
DEPARTURE_COLUMNS = (
    "id",
    "label",
    "kind",
    "firms_cut_off",
    "components_added",
    "largest_after",
    "firms_reaching_after",
    "left_isolated",
)


def departures(
    graph: nx.Graph,
    nodes: Iterable[Any] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """:func:`without` for each node (default: every node that has a tie), as a table
    sorted by the firms cut off from every institution, then by the pieces added.

    All nodes are done in one pass over the graph (time grows with nodes + ties, not
    their product): removing a node splits its piece only where it is a cut vertex, into
    the parts the block–cut tree hangs from it (see :func:`_departure_counts`).
    ``progress(done, total)`` follows the pass.

    >>> g = nx.Graph([("f1", "broker"), ("f2", "broker"), ("broker", "bank")])
    >>> nx.set_node_attributes(
    ...     g, {"f1": "firm", "f2": "firm", "broker": "broker", "bank": "institution"}, "kind"
    ... )
    >>> departures(g)[["id", "firms_cut_off", "components_added"]].values.tolist()[0]
    ['broker', 2, 2]
    """
    order = list(graph.nodes)
    check_size(nodes=len(order), ties=graph.number_of_edges())
    index = {node: i for i, node in enumerate(order)}
    if nodes is not None:
        chosen = list(nodes)
        for node in chosen:
            if node not in index:
                without(graph, node)  # raises the error naming the node
    arcs = Arcs.of_ties(graph, order, directed=False)
    degree = arcs.out_degree()
    if nodes is None:
        chosen = [order[i] for i in np.flatnonzero(degree)]
    counts = _departure_counts(graph, order, arcs, progress=progress)
    rows = [
        [
            str(node),
            str(graph.nodes[node].get("label", node)),
            graph.nodes[node].get("kind", ""),
            *counts[index[node]],
        ]
        for node in chosen
    ]
    table = pd.DataFrame(rows, columns=list(DEPARTURE_COLUMNS))
    for column in DEPARTURE_COLUMNS[3:]:
        table[column] = table[column].astype("int64")
    return table.sort_values(
        ["firms_cut_off", "components_added"], ascending=False, kind="stable"
    ).reset_index(drop=True)


def _departure_counts(
    graph: nx.Graph,
    order: list,
    arcs: Arcs,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[int, int, int, int, int]]:
    """For each node: firms cut off, pieces added, largest piece, firms still reaching an
    institution, neighbours left isolated, were it to leave.

    The pieces a node's departure leaves of its own piece are read off the block–cut tree
    (Hopcroft & Tarjan, 1973): a node in no other block than one leaves that piece whole
    (less itself); a cut vertex leaves one part per block–tree branch hanging from it,
    plus the rest of its piece. Sizes, firms and institutions are summed over the tree
    once, so each node costs only its own branches.

    Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
    manipulation. *Communications of the ACM* 16(6), 372–378.
    """
    n = len(order)
    firms = np.array([k in FIRM_KINDS for _, k in graph.nodes(data="kind")], dtype=np.int64)
    institutions = np.array(
        [k in INSTITUTION_KINDS for _, k in graph.nodes(data="kind")], dtype=np.int64
    )
    degree = arcs.out_degree()
    count, piece = pieces(arcs)
    size = np.bincount(piece, minlength=count)
    piece_firms = np.bincount(piece, weights=firms, minlength=count).astype(np.int64)
    piece_institutions = np.bincount(piece, weights=institutions, minlength=count)
    reaching = np.where(piece_institutions > 0, piece_firms, 0)
    reach_total = int(reaching.sum())
    top = np.sort(size)[::-1]
    first, second = int(top[0]) if count else 0, int(top[1]) if count > 1 else 0
    # leaves of the block-cut tree: a node adjacent only to nodes of degree 1
    single = np.bincount(arcs.source, weights=degree[arcs.target] == 1, minlength=n)
    simple = nx.Graph()
    simple.add_nodes_from(range(n))
    simple.add_edges_from(zip(arcs.source.tolist(), arcs.target.tolist(), strict=True))
    branches = _branches(simple, n, firms, institutions)
    out = []
    for v in range(n):
        p = piece[v]
        if v in branches:
            parts = branches[v]
            rest = (
                size[p] - 1 - sum(s for s, _, _ in parts),
                piece_firms[p] - firms[v] - sum(f for _, f, _ in parts),
                piece_institutions[p] - institutions[v] - sum(i for _, _, i in parts),
            )
            parts = [*parts, rest] if rest[0] > 0 else parts
        else:
            parts = (
                [(size[p] - 1, piece_firms[p] - firms[v], piece_institutions[p] - institutions[v])]
                if size[p] > 1
                else []
            )
        largest_elsewhere = _largest_elsewhere(size[p], first, second)
        largest = max([largest_elsewhere, *(s for s, _, _ in parts)])
        reach_after_piece = sum(f for _, f, i in parts if i > 0)
        reached_before = reaching[p]
        cut_off = 0 if reached_before == 0 else (reached_before - firms[v]) - reach_after_piece
        out.append(
            (
                int(cut_off),
                len(parts) - 1,
                int(largest),
                int(reach_total - reached_before + reach_after_piece),
                int(single[v]),
            )
        )
        if progress is not None and (v + 1) % 5000 == 0:
            progress(v + 1, n)
    if progress is not None:
        progress(n, n)
    return out


def _largest_elsewhere(own: int, first: int, second: int) -> int:
    """The largest piece other than one of size ``own`` (``first`` ≥ ``second`` the two
    largest sizes of all pieces)."""
    return second if own == first else first


def _branches(
    simple: nx.Graph,
    n: int,
    firms: np.ndarray,
    institutions: np.ndarray,
) -> dict[int, list[tuple[int, int, int]]]:
    """For each cut vertex: (nodes, firms, institutions) of each block–tree branch hanging
    from it, away from its piece's root (the rest of the piece is what remains)."""
    result: dict[int, list[tuple[int, int, int]]] = {}
    cuts = set(nx.articulation_points(simple))
    if not cuts:
        return result
    tree = nx.Graph()
    weight: dict[Any, tuple[int, int, int]] = {}
    for k, block in enumerate(nx.biconnected_components(simple)):
        members = [u for u in block if u not in cuts]
        weight[("b", k)] = (
            len(members),
            int(firms[members].sum()),
            int(institutions[members].sum()),
        )
        tree.add_edges_from((("b", k), ("c", u)) for u in block if u in cuts)
        tree.add_node(("b", k))
    for u in cuts:
        weight[("c", u)] = (1, int(firms[u]), int(institutions[u]))
    for component in nx.connected_components(tree):
        root = next(iter(component))
        parent = {root: None}
        stack, seen_order = [root], []
        while stack:
            node = stack.pop()
            seen_order.append(node)
            for other in tree[node]:
                if other not in parent:
                    parent[other] = node
                    stack.append(other)
        total = {node: list(weight[node]) for node in seen_order}
        for node in reversed(seen_order):
            up = parent[node]
            if up is not None:
                for j in range(3):
                    total[up][j] += total[node][j]
        for node in seen_order:
            if node[0] == "c":
                result[node[1]] = [
                    tuple(total[child]) for child in tree[node] if parent.get(child) == node
                ]
    return result


__all__ = ["DEPARTURE_COLUMNS", "Departure", "departures", "without"]
