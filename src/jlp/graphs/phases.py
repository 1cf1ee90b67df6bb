"""The network as it stood at each phase, and its measures over the phases.

Nodes and ties carry the ``phase`` they appeared in (a whole number, or a NET stage name
such as ``pilot_projects``; see :func:`jlp.graphs.tables.phase_order`). A node or tie with
no phase is there from the start. A tie exists from the later of its own phase and the
phases of its two ends (a tie cannot come before the firms it links). Nothing leaves: a
phase's graph holds everything that has appeared up to and including it.

>>> import pandas as pd
>>> from jlp.graphs.build import graph_from_frames
>>> g = graph_from_frames(
...     pd.DataFrame(
...         {
...             "id": ["a", "b", "c"],
...             "label": ["A", "B", "C"],
...             "kind": ["firm"] * 3,
...             "phase": ["1", "1", "2"],
...         }
...     ),
...     pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "tie": ["supply"] * 2}),
... )
>>> [snapshot(g, p).number_of_edges() for p in phases(g)]
[1, 2]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from jlp.errors import JlpInputError
from jlp.graphs.build import with_ties
from jlp.graphs.metrics import graph_summary, node_metrics

if TYPE_CHECKING:  # pandas loads in the functions that make tables
    import pandas as pd


from jlp.i18n import Messages

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "no_phase": "there is no phase '{phase}' in this network",
        "phase_fix": "choose one of: {phases}",
        "no_phase_column": "this network's tables have no phase column",
        "no_phases": "this network has no phases",
        "phases_fix": "add a 'phase' column to the nodes or edges table",
    }
)


def phases(graph: nx.Graph) -> tuple[Any, ...]:
    """The graph's phases in order (empty when no node or tie has one)."""
    stored = graph.graph.get("phases")
    if stored is not None:
        return tuple(stored)
    found = {d["phase"] for _, d in graph.nodes(data=True) if d.get("phase") is not None}
    found |= {d["phase"] for *_, d in graph.edges(data=True) if d.get("phase") is not None}
    return tuple(sorted(found, key=str))


def phase_name(graph: nx.Graph, phase: Any) -> str:
    """How a reader sees ``phase``: "2 · Raw material first" when the graph names its phases
    (``graph.graph["phase_names"]``), a NET stage in words ("Pilot projects"), else the
    phase as written.

    >>> import networkx as nx
    >>> phase_name(nx.Graph(phase_names={2: "Raw material first"}), 2)
    '2 · Raw material first'
    >>> phase_name(nx.Graph(), "pilot_projects"), phase_name(nx.Graph(), 3)
    ('Pilot projects', '3')
    """
    names = graph.graph.get("phase_names") or {}
    for key, name in names.items():
        if key == phase or str(key) == str(phase):
            return f"{phase} · {name}"
    text = str(phase)
    return text.replace("_", " ").capitalize() if "_" in text or text.isalpha() else text


def resolve_phase(graph: nx.Graph, phase: Any) -> Any:
    """The phase value of ``graph`` that ``phase`` names (``"2"`` names 2), or an error.

    >>> import networkx as nx
    >>> resolve_phase(nx.Graph(phases=(1, 2)), "2")
    2
    """
    known = phases(graph)
    for value in known:
        if value == phase or str(value) == str(phase).strip():
            return value
    raise JlpInputError(
        TEXT["no_phase"].format(phase=phase),
        column="phase",
        fix=TEXT["phase_fix"].format(phases=", ".join(map(str, known)))
        if known
        else TEXT["no_phase_column"],
    )


def snapshot(graph: nx.Graph, phase: Any) -> nx.Graph:
    """A copy of ``graph`` holding what had appeared by the end of ``phase``.

    The copy keeps the graph's type and attributes; ``graph`` is not changed.
    """
    known = phases(graph)
    rank = {value: i for i, value in enumerate(known)}
    limit = rank[resolve_phase(graph, phase)]

    def since(data: dict) -> int:
        return rank.get(data.get("phase"), -1)

    kept = graph.__class__()
    kept.graph.update(graph.graph)
    kept.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if since(d) <= limit)
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
    for *ends, data in edges:
        u, v = ends[0], ends[1]
        if u in kept and v in kept and since(data) <= limit:
            kept.add_edge(*ends, **data)
    return kept


def select(graph: nx.Graph, *, ties: Iterable[str] | None = None, phase: Any = None) -> nx.Graph:
    """The part of ``graph`` to measure or draw: only ``ties`` of those types, as it stood at
    ``phase`` (both optional; ``graph`` itself when neither is given).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", tie="supply")
    0
    >>> select(g) is g
    True
    """
    part = with_ties(graph, ties) if ties is not None and graph.is_multigraph() else graph
    return snapshot(part, phase) if phase is not None else part


def metrics_by_phase(graph: nx.Graph, *, group: str | None = None) -> pd.DataFrame:
    """:func:`~jlp.graphs.metrics.node_metrics` at each phase, stacked, with a ``phase``
    column first (a node appears from the phase it joins)."""
    import pandas as pd

    known = phases(graph)
    if not known:
        raise JlpInputError(
            TEXT["no_phases"],
            column="phase",
            fix=TEXT["phases_fix"],
        )
    frames = [node_metrics(snapshot(graph, p), group=group).assign(phase=p) for p in known]
    table = pd.concat(frames, ignore_index=True)
    return table[["phase", *[c for c in table.columns if c != "phase"]]]


def summary_by_phase(graph: nx.Graph) -> pd.DataFrame:
    """:func:`~jlp.graphs.metrics.graph_summary` at each phase, one row per phase."""
    import pandas as pd

    known = phases(graph)
    if not known:
        raise JlpInputError(
            TEXT["no_phases"],
            column="phase",
            fix=TEXT["phases_fix"],
        )
    return pd.DataFrame([{"phase": p, **graph_summary(snapshot(graph, p))} for p in known])


__all__ = [
    "metrics_by_phase",
    "phase_name",
    "phases",
    "resolve_phase",
    "snapshot",
    "summary_by_phase",
]
