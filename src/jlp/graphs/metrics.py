"""Per-node and per-graph measures of a network, on the simple graph of all ties.

Unless said otherwise a measure uses :func:`jlp.graphs.build.simple_view`: every tie of
any type counts, direction is ignored, two ties between one pair count once, self-loops
not at all. Per node (:func:`node_metrics`):

- **degree**: how many distinct partners a node has;
- **betweenness**: the share of shortest paths between other nodes that pass through it
  (normalised to 0–1; the numbers of ``networkx.betweenness_centrality``, computed by
  :func:`jlp.graphs.centrality.betweenness`, which is several times faster);
- **constraint** (Burt, 1992): how far a node's partners are tied to each other, so that
  it has no room to play one against another; 1 for a single partner, lower is more open;
- **effective size** (Burt, 1992): the number of partners minus their redundancy, i.e.
  how many separate groups a node really reaches;
- the five **brokerage roles** of :mod:`jlp.graphs.brokerage`.

**Isolates** (a node with no tie to another node) have effective size 0 (no partner, so
no non-redundant partner) and no constraint: Burt's measure divides by the node's ties,
so it is undefined. The table leaves that cell empty (``<NA>``) and says why in ``note``;
the command line writes an empty cell (CSV) or ``null`` (JSON), the widget a dash. No
cell is ever a silent NaN.

Constraint and effective size are computed here, vectorised over the two-paths of the
graph, rather than with ``networkx.constraint`` / ``networkx.effective_size`` (which
give NaN for isolates and took 18 s on a 1,330-node graph): the tests compare the two on
small graphs.

Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
University Press.

>>> import networkx as nx, pandas as pd
>>> g = nx.Graph([("hub", "a"), ("hub", "b"), ("a", "b"), ("hub", "c")])
>>> g.add_node("alone")
>>> t = node_metrics(g).set_index("id")
>>> int(t.loc["hub", "degree"]), round(float(t.loc["hub", "effective_size"]), 4)
(3, 2.3333)
>>> t.loc["alone", "constraint"] is pd.NA, t.loc["alone", "note"]
(True, 'isolate: no ties, so constraint is undefined (left empty); effective size is 0')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from jlp import limits
from jlp.graphs._paths import Arcs
from jlp.graphs.brokerage import ROLES, role_counts
from jlp.graphs.centrality import betweenness_of_arcs
from jlp.i18n import N_, gettext

if TYPE_CHECKING:  # pandas loads only when a DataFrame is asked for (the CLI needs none)
    import pandas as pd

#: The columns of the per-node table, in order (the ``jlp graph metrics`` columns).
METRIC_COLUMNS: tuple[str, ...] = (
    "id",
    "label",
    "kind",
    "degree",
    "betweenness",
    "constraint",
    "effective_size",
    *ROLES,
)
#: Kinds of node counted as firms, and as institutions, in the summaries and resilience.
FIRM_KINDS: tuple[str, ...] = ("firm", "enterprise_joint")
INSTITUTION_KINDS: tuple[str, ...] = ("institution", "association")
#: The note of an isolated node (translated where it is written into a table).
ISOLATE_NOTE = N_("isolate: no ties, so constraint is undefined (left empty); effective size is 0")


def structural_holes(simple: nx.Graph) -> tuple[dict, dict]:
    """Burt's constraint and effective size of every node of an undirected simple graph.

    Unweighted: a node's proportional tie to each of its d partners is 1/d. Constraint is
    ``sum_j (p_ij + sum_q p_iq p_qj)**2``; effective size ``d - 2t/d`` with t the ties
    among the partners (Borgatti's form of Burt's measure). Isolates: constraint NaN,
    effective size 0 (see the module text).

    >>> import networkx as nx
    >>> c, e = structural_holes(nx.path_graph(3))
    >>> c[1], e[1]
    (0.5, 2.0)
    """
    order = list(simple.nodes)
    constraint, effective, _ = _holes(Arcs.from_graph(simple, order))
    return (
        dict(zip(order, constraint.tolist(), strict=True)),
        dict(zip(order, effective.tolist(), strict=True)),
    )


def _holes(arcs: Arcs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Constraint, effective size and local clustering of nodes ``0..n-1`` (both-way arcs)."""
    n = arcs.n
    degree = arcs.out_degree().astype(float)
    a, b, c, closed = arcs.two_paths()
    # indirect investment i→q→j in each tie i–j: (1/d_i)(1/d_q), summed over shared partners q
    i, q, j = a[closed], b[closed], c[closed]
    position, _ = arcs.index_of(i, j)
    indirect = np.bincount(
        position, weights=1.0 / (degree[i] * degree[q]), minlength=len(arcs.source)
    )
    direct = 1.0 / degree[arcs.source] if len(arcs.source) else np.zeros(0)
    constraint = np.bincount(arcs.source, weights=(direct + indirect) ** 2, minlength=n)
    # ordered pairs of a node's partners that are tied to each other: 2t
    closed_around = np.bincount(b[closed], minlength=n).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = np.where(degree > 0, degree - closed_around / degree, 0.0)
        clustering = np.where(degree > 1, closed_around / (degree * (degree - 1)), 0.0)
    constraint = np.where(degree > 0, constraint, np.nan)
    return constraint, effective, clustering


def metric_columns(
    graph: nx.Graph, *, group: str | None = None, progress: Callable[[int, int], None] | None = None
) -> tuple[dict[str, list], str]:
    """:func:`node_metrics` as plain columns (no pandas): ``({column: values}, estimate)``.

    ``constraint`` is ``None`` for isolates; ``estimate`` says when betweenness is an
    estimate (empty when exact).

    >>> import networkx as nx
    >>> columns, estimate = metric_columns(nx.path_graph(3))
    >>> columns["betweenness"], estimate
    ([0.0, 1.0, 0.0], '')
    """
    order = list(graph.nodes)
    limits.check_size(nodes=len(order), ties=graph.number_of_edges())
    arcs = Arcs.of_ties(graph, order, directed=False)
    constraint, effective, _ = _holes(arcs)
    estimated = len(order) > limits.EXACT_BETWEENNESS_MAX_NODES
    between = betweenness_of_arcs(
        arcs,
        sources=limits.BETWEENNESS_SOURCES if estimated else None,
        seed=limits.BETWEENNESS_SEED,
        progress=progress,
    )
    roles = role_counts(graph, group)
    degree = arcs.out_degree()
    isolated = [int(d) == 0 for d in degree]
    columns: dict[str, list] = {
        "id": [str(n) for n in order],
        "label": [str(graph.nodes[n].get("label", n)) for n in order],
        "kind": [str(graph.nodes[n].get("kind", "")) for n in order],
        "degree": [int(d) for d in degree],
        "betweenness": [float(b) for b in between],
        "constraint": [None if i else float(c) for i, c in zip(isolated, constraint, strict=True)],
        "effective_size": [float(e) for e in effective],
    }
    for role in ROLES:
        columns[role] = [int(v) for v in roles[role]]
    note = gettext(ISOLATE_NOTE)
    columns["note"] = [note if i else "" for i in isolated]
    estimate = (
        limits.TEXT["estimate"].format(
            sources=limits.BETWEENNESS_SOURCES,
            nodes=len(order),
            seed=limits.BETWEENNESS_SEED,
            limit=limits.EXACT_BETWEENNESS_MAX_NODES,
        )
        if estimated
        else ""
    )
    return columns, estimate


def node_metrics(
    graph: nx.Graph, *, group: str | None = None, progress: Callable[[int, int], None] | None = None
) -> pd.DataFrame:
    """One row per node: the :data:`METRIC_COLUMNS` and a ``note`` (why a cell is empty).

    Rows follow the graph's node order (the nodes table's order). ``constraint`` is a
    nullable float: empty (``<NA>``) for isolates only. ``group`` names the attribute the
    brokerage roles group by (default ``group``, falling back to ``kind``).

    Above :data:`jlp.limits.EXACT_BETWEENNESS_MAX_NODES` nodes betweenness is an
    estimate, and ``table.attrs["betweenness_estimate"]`` says so (empty when exact);
    ``progress(done, total)`` follows its sources. A network above
    :data:`jlp.limits.MAX_NODES` nodes or :data:`~jlp.limits.MAX_TIES`
    ties is refused.

    >>> import networkx as nx
    >>> node_metrics(nx.path_graph(3))["betweenness"].tolist()
    [0.0, 1.0, 0.0]
    """
    import pandas as pd

    columns, estimate = metric_columns(graph, group=group, progress=progress)
    kinds = {"degree": "int64", "betweenness": "float64", "effective_size": "float64"}
    kinds.update(dict.fromkeys(ROLES, "int64"))
    table = pd.DataFrame({c: pd.Series(v, dtype=kinds.get(c, object)) for c, v in columns.items()})
    table["constraint"] = pd.array(columns["constraint"], dtype="Float64")
    table.attrs["betweenness_estimate"] = estimate
    return table


def _kind_pair(kinds: tuple[str, str]) -> str:
    firms = sum(k in FIRM_KINDS for k in kinds)
    institutions = sum(k in INSTITUTION_KINDS for k in kinds)
    if firms == 2:
        return "firm_firm"
    if firms == 1 and institutions == 1:
        return "firm_institution"
    return "other"


def graph_summary(graph: nx.Graph) -> dict[str, Any]:
    """Measures of the whole network.

    ``ties`` counts every tie (each type separately); ``linked_pairs`` the pairs with at
    least one; ``density`` and ``average_clustering`` use the simple graph; the shares
    split the ties by the kinds of their two ends (firms: :data:`FIRM_KINDS`,
    institutions: :data:`INSTITUTION_KINDS`; ``other``: ties with a broker, a market,
    between institutions…). With no tie at all the shares are ``None`` (0 of 0).

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("a", "i")])
    >>> nx.set_node_attributes(g, {"a": "firm", "b": "firm", "i": "institution"}, "kind")
    >>> s = graph_summary(g)
    >>> s["firm_firm_share"], s["firm_institution_share"], s["components"]
    (0.5, 0.5, 1)
    """
    order = list(graph.nodes)
    arcs = Arcs.of_ties(graph, order, directed=False)
    n, pairs = len(order), len(arcs.source) // 2
    degree = arcs.out_degree()
    _, _, clustering = _holes(arcs)
    kinds = dict(graph.nodes(data="kind", default=""))
    mix = {"firm_firm": 0, "firm_institution": 0, "other": 0}
    for u, v in graph.edges():
        if u != v:
            mix[_kind_pair((kinds[u], kinds[v]))] += 1
    ties = sum(mix.values())
    return {
        "nodes": n,
        "ties": ties,
        "linked_pairs": pairs,
        "density": 2 * pairs / (n * (n - 1)) if n > 1 else 0.0,
        "components": pieces(arcs)[0],
        "isolates": int((degree == 0).sum()),
        "firm_firm_share": mix["firm_firm"] / ties if ties else None,
        "firm_institution_share": mix["firm_institution"] / ties if ties else None,
        "other_share": mix["other"] / ties if ties else None,
        "average_clustering": float(clustering.mean()) if n else 0.0,
    }


def pieces(arcs: Arcs) -> tuple[int, np.ndarray]:
    """The number of connected pieces of nodes ``0..n-1`` and each node's piece.

    >>> count, label = pieces(Arcs.from_pairs(4, [(0, 1), (1, 0)]))
    >>> count, label.tolist()
    (3, [0, 0, 1, 2])
    """
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    matrix = coo_array(
        (np.ones(len(arcs.source)), (arcs.source, arcs.target)), shape=(arcs.n, arcs.n)
    )
    count, label = connected_components(matrix, directed=False)
    return int(count), label


__all__ = [
    "FIRM_KINDS",
    "INSTITUTION_KINDS",
    "ISOLATE_NOTE",
    "METRIC_COLUMNS",
    "graph_summary",
    "node_metrics",
    "pieces",
    "structural_holes",
]
