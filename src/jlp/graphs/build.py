"""Turn checked node and edge tables into a networkx graph, and the views metrics use.

**Representation.** A network is a :class:`networkx.MultiDiGraph`:

- one node per row of the nodes table, keyed by ``id``, with every non-empty cell as an
  attribute (``label``, ``kind``, ``group``, ``phase`` as written, any extra column);
- one edge per tie, keyed by its type: ``graph.edges[u, v, "training"]``. Every edge carries
  ``tie``, ``directed`` (bool) and its other non-empty cells. An undirected tie is stored
  once, from ``source`` to ``target`` as written, with ``directed=False``. So two firms that
  buy together *and* share an order hold two edges, ``joint_purchase`` and ``shared_order``;
  a pair carries at most one tie of each type in each direction (an undirected tie covers
  both directions: :func:`~jlp.graphs.tables.check_tables` warns about and drops repeats);
- ``graph.graph["phases"]``: the phases in order (see :mod:`jlp.graphs.phases`).

Metrics do not read the multigraph directly but one of two plain views:
:func:`simple_view` (undirected, one edge per linked pair, self-loops left out: what
degree, betweenness, constraint, effective size and clustering use) and
:func:`directed_view` (one arc per direction a tie runs, an undirected tie giving both:
what the brokerage roles use).

>>> import pandas as pd
>>> g = graph_from_frames(
...     pd.DataFrame({"id": ["a", "b"], "label": ["León", "Masaya"], "kind": ["firm", "firm"]}),
...     pd.DataFrame(
...         {"source": ["a", "a"], "target": ["b", "b"], "tie": ["joint_purchase", "shared_order"]}
...     ),
... )
>>> sorted(k for _, _, k in g.edges(keys=True))
['joint_purchase', 'shared_order']
>>> simple_view(g).edges["a", "b"]["ties"]
('joint_purchase', 'shared_order')
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from jlp.errors import JlpInputError
from jlp.graphs.tables import Tables, check_tables, read_tables, records

if TYPE_CHECKING:
    import pandas as pd
from jlp.i18n import Messages
from jlp.limits import check_table_rows

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "no_tie": "no tie of type {types} in this network",
        "tie_fix": "choose among: {types}",
        "no_ties": "(the network has no ties)",
    }
)

_NOT_ATTRIBUTES = {"row", "id", "source", "target"}


def _attributes(record: dict, phases: tuple) -> dict:
    attrs = {}
    for key, value in record.items():
        if key in _NOT_ATTRIBUTES or value is None or value == "":
            continue
        attrs[key] = phases[value] if key == "phase" else value
    return attrs


def build_graph(tables: Tables) -> nx.MultiDiGraph:
    """The multigraph of a checked pair of tables (see the module text for its shape).

    >>> import pandas as pd
    >>> from jlp.graphs.tables import check_tables
    >>> t = check_tables(
    ...     pd.DataFrame(
    ...         {
    ...             "id": ["a", "b"],
    ...             "label": ["A", ""],
    ...             "kind": ["firm", "broker"],
    ...             "staff": ["4", ""],
    ...         }
    ...     ),
    ...     pd.DataFrame(
    ...         {"source": ["b"], "target": ["a"], "tie": ["training"], "directed": ["yes"]}
    ...     ),
    ... )
    >>> g = build_graph(t)
    >>> dict(g.nodes["a"]), dict(g.nodes["b"])
    ({'label': 'A', 'kind': 'firm', 'staff': 4}, {'label': 'b', 'kind': 'broker'})
    >>> dict(g.edges["b", "a", "training"])
    {'tie': 'training', 'directed': True}
    """
    graph = nx.MultiDiGraph(
        phases=tables.phases, nodes_file=tables.nodes_file, edges_file=tables.edges_file
    )
    graph.add_nodes_from(
        (record["id"], _attributes(record, tables.phases))
        for record in records(tables.node_columns)
    )
    graph.add_edges_from(
        (record["source"], record["target"], record["tie"], _attributes(record, tables.phases))
        for record in records(tables.edge_columns)
    )
    return graph


def graph_from_frames(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    nodes_file: str = "nodes",
    edges_file: str = "edges",
) -> nx.MultiDiGraph:
    """Check two data frames (as typed in a spreadsheet) and build the graph."""
    return build_graph(check_tables(nodes, edges, nodes_file=nodes_file, edges_file=edges_file))


def read_graph(nodes: str | Path, edges: str | Path | None = None) -> nx.MultiDiGraph:
    """Read, check and build a network from its node and edge files (CSV or XLSX).

    With ``edges`` omitted, ``nodes`` is one workbook with sheets ``nodes`` and ``edges``.
    A file above :data:`jlp.limits.MAX_TABLE_ROWS` rows is refused before it is
    read. Bad input raises :class:`~jlp.errors.JlpInputError`; slips warn
    (:class:`~jlp.graphs.tables.GraphDataWarning`).

    >>> from jlp.graphs import template_path
    >>> g = read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))
    >>> g.number_of_nodes() > 10
    True
    """
    for path in (nodes, edges):
        if path is not None:
            check_table_rows(path)
    return build_graph(read_tables(nodes, edges))


def tie_types(graph: nx.MultiDiGraph) -> list[str]:
    """The tie types present, sorted.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="credit", tie="credit")
    >>> tie_types(g)
    ['credit']
    """
    return sorted({data.get("tie", key) for _, _, key, data in graph.edges(keys=True, data=True)})


def with_ties(graph: nx.MultiDiGraph, ties: Iterable[str] | None) -> nx.MultiDiGraph:
    """A copy of ``graph`` keeping only ties of the given types (all nodes stay).

    ``None`` keeps every tie. An unknown type raises :class:`~jlp.errors.JlpInputError`.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="credit", tie="credit")
    >>> _ = g.add_edge("a", "b", key="training", tie="training")
    >>> [k for *_, k in with_ties(g, ["credit"]).edges(keys=True)]
    ['credit']
    """
    if ties is None:
        return graph.copy()
    wanted = set(ties)
    present = set(tie_types(graph))
    unknown = sorted(wanted - present)
    if unknown:
        raise JlpInputError(
            TEXT["no_tie"].format(types=", ".join(map(repr, unknown))),
            column="tie",
            fix=TEXT["tie_fix"].format(types=", ".join(sorted(present)) or TEXT["no_ties"]),
        )
    kept = graph.__class__()
    kept.graph.update(graph.graph)
    kept.add_nodes_from(graph.nodes(data=True))
    kept.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in graph.edges(keys=True, data=True)
        if d.get("tie", k) in wanted
    )
    return kept


def simple_view(graph: nx.Graph) -> nx.Graph:
    """Undirected, one edge per linked pair, no self-loops; ``ties`` lists the pair's types.

    Node attributes are shared with ``graph`` (not copied): read them, do not change them.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="credit", tie="credit", directed=True)
    >>> _ = g.add_edge("b", "a", key="supply", tie="supply", directed=True)
    >>> _ = g.add_edge("a", "a", key="supply", tie="supply")
    >>> s = simple_view(g)
    >>> list(s.edges(data="ties"))
    [('a', 'b', ('credit', 'supply'))]
    """
    simple = nx.Graph()
    simple.graph.update(graph.graph)
    simple.add_nodes_from(graph.nodes(data=True))
    ties: dict[frozenset, set] = {}
    keyed = (
        graph.edges(keys=True, data=True)
        if graph.is_multigraph()
        else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    )
    for u, v, key, data in keyed:
        if u != v:
            ties.setdefault(frozenset((u, v)), set()).add(data.get("tie", key))
    for pair, types in ties.items():
        u, v = tuple(pair)
        simple.add_edge(u, v, ties=tuple(sorted(t for t in types if t is not None)))
    return simple


def directed_view(graph: nx.Graph) -> nx.DiGraph:
    """One arc per direction a tie runs (an undirected tie gives both); no self-loops.

    A tie is directed when its ``directed`` attribute is true; on a plain undirected
    networkx graph every edge counts both ways, on a plain directed one each edge one way.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="credit", tie="credit", directed=True)
    >>> _ = g.add_edge("b", "c", key="supply", tie="supply", directed=False)
    >>> sorted(directed_view(g).edges())
    [('a', 'b'), ('b', 'c'), ('c', 'b')]
    """
    arcs = nx.DiGraph()
    arcs.add_nodes_from(graph.nodes(data=True))
    default = graph.is_directed()
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        arcs.add_edge(u, v)
        if not data.get("directed", default):
            arcs.add_edge(v, u)
    return arcs


__all__ = [
    "build_graph",
    "directed_view",
    "graph_from_frames",
    "read_graph",
    "simple_view",
    "tie_types",
    "with_ties",
]
