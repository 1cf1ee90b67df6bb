"""A still picture of a network for print and slides (matplotlib: PNG, SVG or PDF).

The same look as the interactive page (:mod:`jlp.viz.graph_pages`): nodes coloured and
shaped by kind, ties coloured and dashed by type, the same seeded positions, a legend.
It uses matplotlib's object interface (no pyplot, no window), so it runs on a server.

>>> from jlp import graphs
>>> g = graphs.read_graph(
...     graphs.template_path("example_nodes.csv"), graphs.template_path("example_edges.csv")
... )
>>> fig = static_figure(g, size_by="degree")
>>> len(fig.axes)
1
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from jlp.errors import JlpInputError
from jlp.graphs import ROLES, node_metrics
from jlp.viz.graph_pages import (
    KIND_STYLE,
    OTHER_KIND,
    OTHER_TIE,
    SIZE_METRICS,
    TEXT,
    TIE_STYLE,
    graph_layout,
    kind_label,
    select,
    tie_label,
)

#: matplotlib markers matching the vis.js shapes of the page.
MARKERS = {
    "dot": "o",
    "hexagon": "h",
    "square": "s",
    "triangle": "^",
    "diamond": "D",
    "star": "*",
    "triangleDown": "v",
}
#: Draw labels on the picture up to this many nodes (beyond, they would cover each other).
LABELS_UP_TO = 60
FORMATS = {".png", ".svg", ".pdf"}


#: matplotlib settings under which every text is drawn as typed: no ``$…$`` mathematics
#: (a label "US$ 5 to US$ 10" stays that), no LaTeX.
PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}


def static_figure(
    graph: nx.Graph,
    *,
    title: str | None = None,
    size_by: str | None = "degree",
    ties: Iterable[str] | None = None,
    phase: Any = None,
    positions: Mapping[Any, tuple[float, float]] | None = None,
    seed: int = 7,
    width: float = 10.0,
    height: float = 7.5,
) -> Figure:
    """A matplotlib figure of ``graph`` (``graph`` is not changed); every label is drawn as
    plain text (:data:`PLAIN_TEXT`).

    >>> import networkx as nx
    >>> fig = static_figure(nx.Graph([("a", "b")]), title="US$ 5 to US$ 10")
    >>> fig.axes[0].title.get_parse_math()
    False
    """
    with rc_context(PLAIN_TEXT):
        return _figure(
            graph,
            title=title,
            size_by=size_by,
            ties=ties,
            phase=phase,
            positions=positions,
            seed=seed,
            width=width,
            height=height,
        )


def _figure(
    graph: nx.Graph,
    *,
    title: str | None,
    size_by: str | None,
    ties: Iterable[str] | None,
    phase: Any,
    positions: Mapping[Any, tuple[float, float]] | None,
    seed: int,
    width: float,
    height: float,
) -> Figure:
    positions = positions if positions is not None else graph_layout(graph, seed=seed)
    part = select(graph, ties=ties, phase=phase)
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title or TEXT["title"])
    pos = {n: (positions[n][0], -positions[n][1]) for n in part}  # screen y runs down
    if size_by is not None:
        table = node_metrics(part).set_index("id")
        table["brokerage"] = table[list(ROLES)].sum(axis=1)
        values = {n: table.at[str(n), size_by] for n in part}
        numbers = {n: float(v) for n, v in values.items() if not pd.isna(v)}
        top = max(numbers.values(), default=0.0)
        area = {n: 40 + 360 * (numbers[n] / top if top and n in numbers else 0) for n in part}
    else:
        area = dict.fromkeys(part, 120.0)

    edges = (
        part.edges(keys=True, data=True)
        if part.is_multigraph()
        else ((u, v, d.get("tie"), d) for u, v, d in part.edges(data=True))
    )
    seen: dict[frozenset, int] = {}
    tie_handles: dict[str, Line2D] = {}
    batches: dict[tuple, list] = {}
    for u, v, key, data in edges:
        if u == v:
            continue
        tie = str(data.get("tie", key))
        color, dashed = TIE_STYLE.get(tie, OTHER_TIE)
        k = seen.get(frozenset((u, v)), 0)
        seen[frozenset((u, v))] = k + 1
        rad = 0.0 if k == 0 else (0.15 * ((k + 1) // 2)) * (1 if k % 2 else -1)
        directed = bool(data.get("directed", False))
        batches.setdefault((tie, rad, directed), []).append((u, v))
        tie_handles.setdefault(
            tie, Line2D([], [], color=color, lw=2, ls="--" if dashed else "-", label=tie_label(tie))
        )
    for (tie, rad, directed), pairs in batches.items():
        color, dashed = TIE_STYLE.get(tie, OTHER_TIE)
        nx.draw_networkx_edges(
            nx.DiGraph(pairs),
            pos,
            ax=ax,
            edge_color=color,
            width=1.4,
            style="--" if dashed else "-",
            arrows=True,
            arrowstyle="-|>" if directed else "-",
            arrowsize=12,
            connectionstyle=f"arc3,rad={rad}",
            node_size=120,
        )
    kind_handles: dict[str, Line2D] = {}
    by_kind: dict[str, list] = {}
    for node, kind in part.nodes(data="kind", default=""):
        by_kind.setdefault(str(kind), []).append(node)
    for kind, nodes in by_kind.items():
        color, shape, _ = KIND_STYLE.get(kind, OTHER_KIND)
        marker = MARKERS.get(shape, "o")
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            s=[area[n] for n in nodes],
            c=color,
            marker=marker,
            edgecolors="#333333",
            linewidths=0.8,
            zorder=3,
        )
        kind_handles[kind] = Line2D(
            [],
            [],
            ls="",
            marker=marker,
            markersize=9,
            markerfacecolor=color,
            markeredgecolor="#333333",
            label=kind_label(kind),
        )
    if part.number_of_nodes() <= LABELS_UP_TO:
        for node, data in part.nodes(data=True):
            x, y = pos[node]
            ax.annotate(
                str(data.get("label", node)),
                (x, y),
                xytext=(0, -11),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8,
                zorder=4,
            )
    handles = list(kind_handles.values()) + list(tie_handles.values())
    if handles:
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=min(5, len(handles)),
            frameon=False,
            fontsize=8,
            title=TEXT["legend"],
            title_fontsize=9,
        )
    if size_by:
        fig.text(
            0.01,
            0.005,
            TEXT["sized_by"].format(metric=TEXT["metrics"][size_by]),
            fontsize=8,
            color="#444444",
        )
    ax.margins(0.08)
    return fig


class StaticPicture:
    """A PNG of :func:`static_figure` that a notebook shows as an image (``_repr_png_``).

    >>> import networkx as nx
    >>> static_picture(nx.Graph([("a", "b")])).png[:4]
    b'\\x89PNG'
    """

    def __init__(self, png: bytes) -> None:
        self.png = png

    def _repr_png_(self) -> bytes:
        return self.png


def static_picture(graph: nx.Graph, **kwargs: Any) -> StaticPicture:
    """:func:`static_figure` as a PNG picture, to show in a notebook or save as it is."""
    buffer = io.BytesIO()
    static_figure(graph, **kwargs).savefig(buffer, format="png", dpi=110)
    return StaticPicture(buffer.getvalue())


def save_static(graph: nx.Graph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`static_figure` to ``path`` (``.png``, ``.svg`` or ``.pdf``)."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise JlpInputError(
            f"cannot write a picture as '{path.suffix or path.name}'",
            file=str(path),
            fix="end the file name with .png, .svg or .pdf (or .html for the interactive page)",
        )
    if kwargs.get("size_by") not in (None, *SIZE_METRICS):
        raise JlpInputError(
            f"cannot size nodes by '{kwargs['size_by']}'",
            fix="choose one of: " + ", ".join(SIZE_METRICS),
        )
    from jlp.files import atomic_write

    buffer = io.BytesIO()
    static_figure(graph, **kwargs).savefig(
        buffer,
        format=path.suffix.lower().lstrip("."),
        dpi=150 if path.suffix.lower() == ".png" else None,
    )
    return atomic_write(path, buffer.getvalue())


__all__ = [
    "LABELS_UP_TO",
    "MARKERS",
    "StaticPicture",
    "save_static",
    "static_figure",
    "static_picture",
]
