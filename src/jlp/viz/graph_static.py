"""A still picture of a network for print and slides (matplotlib: PNG, SVG or PDF).

The same look as the interactive page (:mod:`jlp.viz.graph_pages`): nodes coloured and
shaped by kind, ties coloured and dashed by type, the same seeded positions, a legend.
It uses matplotlib's object interface (no pyplot, no window), so it runs on a server.

A case network (:func:`jlp.viz.graph_pages.is_map`) is drawn on its fixed map layout at the
size a page shows it: :data:`SHOWN_WIDTH` CSS pixels wide at 100 dpi, labels at
:data:`LABEL_PX` pixels or more. In a notebook or the book, :func:`static_picture` carries
the same picture twice, wide for a laptop and narrow (the phone layout,
:data:`PHONE_WIDTH` px) for a phone; the page shows the one that fits.

>>> from jlp import graphs
>>> g = graphs.read_graph(
...     graphs.template_path("example_nodes.csv"), graphs.template_path("example_edges.csv")
... )
>>> fig = static_figure(g, size_by="degree")
>>> len(fig.axes)
1
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
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
from jlp.viz import map_layout
from jlp.viz.graph_pages import (
    KIND_STYLE,
    OTHER_KIND,
    OTHER_TIE,
    SIZE_METRICS,
    TEXT,
    TIE_STYLE,
    graph_layout,
    is_illustrative,
    is_map,
    kind_label,
    map_layouts,
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
#: Width in CSS pixels at which the book shows a still picture, and a phone's width.
SHOWN_WIDTH = 720
PHONE_WIDTH = 380
#: Smallest label and legend text, in CSS pixels as drawn (at 100 dpi, 1 px = 0.72 pt).
LABEL_PX = 12.0
DPI = 100


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
    layout: str | None = None,
) -> Figure:
    """A matplotlib figure of ``graph`` (``graph`` is not changed); every label is drawn as
    plain text (:data:`PLAIN_TEXT`).

    A case network is drawn on its map layout (``layout``: ``"wide"``, the default, or
    ``"narrow"``) at the size it is shown, and ``width``/``height`` are not used.

    >>> import networkx as nx
    >>> fig = static_figure(nx.Graph([("a", "b")]), title="US$ 5 to US$ 10")
    >>> fig.axes[0].title.get_parse_math()
    False
    """
    with rc_context(PLAIN_TEXT):
        if positions is None and is_map(graph):
            return _map_figure(
                graph,
                title=title,
                size_by=size_by,
                ties=ties,
                phase=phase,
                layout=layout or "wide",
            )
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


def _map_figure(
    graph: nx.Graph,
    *,
    title: str | None,
    size_by: str | None,
    ties: Iterable[str] | None,
    phase: Any,
    layout: str,
) -> Figure:
    chosen = map_layouts(graph)[layout]
    part = select(graph, ties=ties, phase=phase)
    left, top, right, bottom = chosen.extent
    shown = SHOWN_WIDTH if layout == "wide" else PHONE_WIDTH
    scale = min(shown / (right - left + 16), 1.0)  # CSS px per layout unit
    font_pt = max(map_layout.FONT * scale, LABEL_PX) * 72 / DPI
    map_px = (bottom - top + 16) * scale
    title_px = 44 if layout == "wide" else 64
    handles = _handles(part)
    columns = 4 if layout == "wide" else 1
    legend_px = (len(handles) + columns - 1) // columns * 22 + 34 if handles else 0
    note_px = 24 if size_by else 0
    total = title_px + map_px + legend_px + note_px
    fig = Figure(figsize=(shown / DPI, total / DPI), dpi=DPI)
    ax = fig.add_axes((0, (legend_px + note_px) / total, 1, map_px / total))
    ax.set_axis_off()
    ax.set_xlim(left - 8, right + 8)
    ax.set_ylim(bottom + 8, top - 8)  # screen y runs down
    heading = textwrap.fill(title or TEXT["title"], 80 if layout == "wide" else 40)
    fig.text(
        0.5,
        1 - 10 / total,
        heading,
        ha="center",
        va="top",
        fontsize=15 * 72 / DPI,
        fontweight="bold",
    )
    pos = {n: chosen.positions[n] for n in part}
    radius = _radii(part, size_by)
    _draw_edges(ax, part, pos, node_size=60)
    for node, data in part.nodes(data=True):
        kind = str(data.get("kind", ""))
        color, shape, _ = KIND_STYLE.get(kind, OTHER_KIND)
        x, y = pos[node]
        diameter_pt = 2 * radius[node] * scale * 72 / DPI * 1.15
        faded = is_illustrative(data)
        ax.scatter(
            [x],
            [y],
            s=diameter_pt**2,
            c=color,
            marker=MARKERS.get(shape, "o"),
            edgecolors="#333333",
            linewidths=1.2 if faded else 0.8,
            linestyles="--" if faded else "-",
            alpha=0.5 if faded else 1.0,
            zorder=3,
        )
        ax.text(
            x,
            y + radius[node] + map_layout.GAP,
            "\n".join(map_layout.wrap_label(str(data.get("label", node)))),
            ha="center",
            va="top",
            fontsize=font_pt,
            zorder=4,
            linespacing=1.1,
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.75},
        )
    if handles:
        fig.legend(
            handles=handles,
            loc="lower center",
            bbox_to_anchor=(0.5, note_px / total),
            ncols=columns,
            frameon=False,
            fontsize=LABEL_PX * 72 / DPI,
            handlelength=2.2,
            columnspacing=1.2,
        )
    if size_by:
        fig.text(
            0.01,
            4 / total,
            TEXT["sized_by"].format(metric=TEXT["metrics"][size_by]),
            fontsize=LABEL_PX * 72 / DPI,
            color="#444444",
        )
    return fig


def _radii(part: nx.Graph, size_by: str | None) -> dict:
    from jlp.viz.graph_pages import MAP_NODE_SIZE

    low, high = MAP_NODE_SIZE
    if size_by is None:
        return dict.fromkeys(part, low)
    table = node_metrics(part).set_index("id")
    table["brokerage"] = table[list(ROLES)].sum(axis=1)
    values = {n: table.at[str(n), size_by] for n in part}
    numbers = {n: float(v) for n, v in values.items() if not pd.isna(v)}
    top = max(numbers.values(), default=0.0)
    return {
        n: low + (high - low) * (numbers[n] / top) ** 0.5 if top and n in numbers else low
        for n in part
    }


def _edge_list(part: nx.Graph):
    return (
        part.edges(keys=True, data=True)
        if part.is_multigraph()
        else ((u, v, d.get("tie"), d) for u, v, d in part.edges(data=True))
    )


def _draw_edges(ax: Any, part: nx.Graph, pos: Mapping, *, node_size: float) -> None:
    seen: dict[frozenset, int] = {}
    batches: dict[tuple, list] = {}
    for u, v, key, data in _edge_list(part):
        if u == v:
            continue
        tie = str(data.get("tie", key))
        k = seen.get(frozenset((u, v)), 0)
        seen[frozenset((u, v))] = k + 1
        rad = 0.0 if k == 0 else (0.15 * ((k + 1) // 2)) * (1 if k % 2 else -1)
        key = (tie, rad, bool(data.get("directed", False)), is_illustrative(data))
        batches.setdefault(key, []).append((u, v))
    for (tie, rad, directed, faded), pairs in batches.items():
        color, dashed = TIE_STYLE.get(tie, OTHER_TIE)
        nx.draw_networkx_edges(
            nx.DiGraph(pairs),
            pos,
            ax=ax,
            edge_color=color,
            width=1.0 if faded else 1.6,
            alpha=0.4 if faded else 0.9,
            style="--" if dashed else "-",
            arrows=True,
            arrowstyle="-|>" if directed else "-",
            arrowsize=10,
            connectionstyle=f"arc3,rad={rad}",
            node_size=node_size,
        )


def _handles(part: nx.Graph) -> list[Line2D]:
    from jlp.viz.graph_pages import TEXT as PAGE_TEXT
    from jlp.viz.graph_pages import legend_for

    handles = []
    kinds = {kind_label(k): k for k in (str(d.get("kind", "")) for _, d in part.nodes(data=True))}
    ties = {tie_label(str(d.get("tie", k))): str(d.get("tie", k)) for *_, k, d in _edge_list(part)}
    for item in legend_for(part):
        if item.label in kinds:
            color, shape, _ = KIND_STYLE.get(kinds[item.label], OTHER_KIND)
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker=MARKERS.get(shape, "o"),
                    markersize=9,
                    markerfacecolor=color,
                    markeredgecolor="#333333",
                    label=item.label,
                )
            )
        elif item.label in ties:
            color, dashed = TIE_STYLE.get(ties[item.label], OTHER_TIE)
            handles.append(
                Line2D([], [], color=color, lw=2, ls="--" if dashed else "-", label=item.label)
            )
        elif item.label == PAGE_TEXT["illustrative_actor"]:
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="",
                    marker="o",
                    markersize=9,
                    markerfacecolor="#ddd",
                    markeredgecolor="#333333",
                    alpha=0.6,
                    label=item.label,
                )
            )
        elif item.label == PAGE_TEXT["illustrative_tie"]:
            handles.append(Line2D([], [], color="#555555", lw=1, alpha=0.4, label=item.label))
    return handles


def _palette() -> Any:
    """A fixed palette: every colour of the maps, paler shades of each (smoothed edges,
    illustrative fills) and greys. Hues never merge, as they may in an adaptive palette."""
    from PIL import Image

    from jlp.viz.palette import OKABE_ITO

    colours = []
    for colour in [*OKABE_ITO.values(), "#9a9a9a", "#7a7a7a", "#333333"]:
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        for share in (1.0, 0.7, 0.45, 0.25):
            colours.append([round(c * share + 255 * (1 - share)) for c in rgb])
    colours += [[level] * 3 for level in range(0, 256, 32)] + [[255, 255, 255]]
    flat = [value for colour in colours for value in colour]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat + [0] * (768 - len(flat)))
    return palette


def _png(fig: Figure) -> bytes:
    """The figure as a small PNG on :func:`_palette` (a third of a full-colour PNG)."""
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    small = io.BytesIO()
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(small, "PNG", optimize=True)
    return small.getvalue()


class StaticPicture:
    """A PNG of :func:`static_figure` that a notebook shows as an image (``_repr_png_``).

    ``narrow`` (a PNG of the phone layout) makes the HTML form a ``<picture>`` that shows it
    on screens narrower than :data:`SHOWN_WIDTH`; each image is shown at its own size.

    >>> import networkx as nx
    >>> static_picture(nx.Graph([("a", "b")])).png[:4]
    b'\\x89PNG'
    """

    def __init__(self, png: bytes, *, narrow: bytes | None = None, alt: str = "") -> None:
        self.png = png
        self.narrow = narrow
        self.alt = alt

    def _repr_png_(self) -> bytes:
        return self.png

    def _repr_html_(self) -> str:
        def source(data: bytes) -> str:
            return "data:image/png;base64," + base64.b64encode(data).decode("ascii")

        wide = (
            f'<img src="{source(self.png)}" alt="{html.escape(self.alt)}" '
            'style="max-width:100%;height:auto">'
        )
        if self.narrow is None:
            return wide
        return (
            f'<picture class="jlp-still"><source media="(max-width: {SHOWN_WIDTH - 1}px)" '
            f'srcset="{source(self.narrow)}">{wide}</picture>'
        )


def static_picture(graph: nx.Graph, **kwargs: Any) -> StaticPicture:
    """:func:`static_figure` as a PNG picture, to show in a notebook or save as it is.

    A case network carries both its wide and its phone picture (see the module's note).
    """
    alt = kwargs.get("title") or TEXT["title"]
    if kwargs.get("positions") is None and is_map(graph):
        kwargs.pop("width", None)
        kwargs.pop("height", None)
        return StaticPicture(
            _png(static_figure(graph, layout="wide", **kwargs)),
            narrow=_png(static_figure(graph, layout="narrow", **kwargs)),
            alt=alt,
        )
    buffer = io.BytesIO()
    static_figure(graph, **kwargs).savefig(buffer, format="png", dpi=110)
    return StaticPicture(buffer.getvalue(), alt=alt)


def save_static(graph: nx.Graph, path: str | Path, **kwargs: Any) -> Path:
    """Write :func:`static_figure` to ``path`` (``.png``, ``.svg`` or ``.pdf``)."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise JlpInputError(
            TEXT["bad_format"].format(suffix=path.suffix or path.name),
            file=str(path),
            fix=TEXT["format_fix"],
        )
    if kwargs.get("size_by") not in (None, *SIZE_METRICS):
        raise JlpInputError(
            TEXT["bad_size"].format(size_by=kwargs["size_by"]),
            fix=TEXT["size_fix"].format(choices=", ".join(SIZE_METRICS)),
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
