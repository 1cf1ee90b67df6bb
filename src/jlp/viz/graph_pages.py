"""Pages that draw a jlp network: nodes by kind, ties by type, sized by a metric.

Built on :func:`jlp.viz.network_page` (self-contained, offline, every label and tooltip
escaped, the caller's graph never changed). This module only decides the look:

- **nodes** are coloured *and* shaped by ``kind`` (:data:`KIND_STYLE`, Okabe–Ito colours,
  so kinds stay apart for colour-blind readers and in grey print by shape);
- **ties** are coloured by type, some dashed (:data:`TIE_STYLE`); directed ties carry an
  arrow, undirected ones none; parallel ties between one pair are drawn as separate
  curves; both legends list only what the picture holds;
- **illustrative** actors (``provenance`` ``illustrative``) have a dashed outline and a pale
  fill, illustrative ties are faded and thin; the legend says so;
- **positions**: a case network (up to :data:`jlp.viz.map_layout.STORY_MAX_NODES` nodes) is a
  fixed map (:mod:`jlp.viz.map_layout`: members on an oval, what they share inside it,
  institutions above, markets below; no two labels overlap, a narrow layout for a phone);
  nothing moves when ties or phases change. Larger graphs come from a seeded layout; up to
  :data:`PHYSICS_MAX_NODES` nodes they settle with vis.js physics for a moment, larger ones
  are drawn still at once (``benchmarks/bench_graphs.py``, ``graph_physics_limit``).

>>> from jlp import graphs
>>> g = graphs.read_graph(
...     graphs.template_path("example_nodes.csv"), graphs.template_path("example_edges.csv")
... )
>>> page = graph_page(g, size_by="betweenness")
>>> "Joint purchase" in page and "Broker" in page
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from jlp.errors import JlpInputError
from jlp.graphs import (
    METRIC_COLUMNS,
    ROLES,
    node_groups,
    node_metrics,
    phase_name,
    select,
    simple_view,
)
from jlp.i18n import Messages
from jlp.viz import map_layout
from jlp.viz.network_page import GraphFrame, LegendItem, network_page, seeded_positions
from jlp.viz.palette import OKABE_ITO

#: User-facing strings of this module, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "title": "Network",
        "legend": "Legend",
        "kinds": {
            "firm": "Firm",
            "enterprise_joint": "Joint enterprise",
            "institution": "Institution",
            "association": "Association",
            "broker": "Broker",
            "market": "Market / buyer",
            "network": "Network",
        },
        "ties": {
            "joint_purchase": "Joint purchase",
            "shared_order": "Shared order",
            "subcontracting": "Subcontracting",
            "supply": "Supply",
            "training": "Training",
            "credit": "Credit",
            "ownership": "Ownership",
            "export": "Export",
            "information": "Information",
            "coordination": "Co-ordination",
        },
        "metrics": {
            "degree": "partners",
            "betweenness": "betweenness",
            "constraint": "constraint",
            "effective_size": "effective size",
            "brokerage": "brokerage (all roles)",
        },
        "kind": "Kind",
        "group": "Group",
        "phase": "Since phase",
        "isolate": "no ties yet",
        "sized_by": "Node size: {metric}.",
        "phase_caption": "As it stood at phase {phase}.",
        "illustrative_actor": "Illustrative actor (not named in the source)",
        "illustrative_tie": "Illustrative tie (not in the source)",
        "illustrative": "Illustrative: not in the source",
        "reported": "Reported: {reference}",
        "bad_size": "cannot size nodes by '{size_by}'",
        "size_fix": "choose one of: {choices}",
        "bad_format": "cannot write a picture as '{suffix}'",
        "format_fix": "end the file name with .png, .svg or .pdf (or .html for the interactive "
        "page)",
    }
)

#: Colour, vis.js shape and legend swatch for each kind of node.
KIND_STYLE: dict[str, tuple[str, str, str]] = {
    "firm": (OKABE_ITO["blue"], "dot", "round"),
    "enterprise_joint": (OKABE_ITO["sky_blue"], "hexagon", "hexagon"),
    "institution": (OKABE_ITO["green"], "square", "square"),
    "association": (OKABE_ITO["orange"], "triangle", "triangle"),
    "broker": (OKABE_ITO["vermillion"], "diamond", "diamond"),
    "market": (OKABE_ITO["purple"], "star", "star"),
    "network": (OKABE_ITO["yellow"], "triangleDown", "triangle-down"),
}
OTHER_KIND = ("#9a9a9a", "dot", "round")
#: Colour and dashing for each tie type.
TIE_STYLE: dict[str, tuple[str, bool]] = {
    "joint_purchase": (OKABE_ITO["blue"], False),
    "shared_order": (OKABE_ITO["orange"], False),
    "subcontracting": (OKABE_ITO["black"], False),
    "supply": (OKABE_ITO["sky_blue"], False),
    "training": (OKABE_ITO["green"], False),
    "credit": (OKABE_ITO["blue"], True),
    "ownership": (OKABE_ITO["purple"], False),
    "export": (OKABE_ITO["orange"], True),
    "information": ("#7a7a7a", True),
    "coordination": (OKABE_ITO["vermillion"], False),
}
OTHER_TIE = ("#9a9a9a", True)
#: Metrics a picture can size its nodes by (``brokerage`` is the sum of the five roles).
SIZE_METRICS: tuple[str, ...] = (
    "degree",
    "betweenness",
    "constraint",
    "effective_size",
    "brokerage",
)
#: Up to this many nodes, a page lets vis.js physics settle the seeded layout; above it the
#: nodes are drawn still. Measured by ``benchmarks/bench_graphs.py`` (``graph_physics_*``) in
#: headless Chromium on this project's shared 2-core machine, seconds until the picture stands
#: still, physics on / off: 60 nodes 1.9 / 0.6, 154 nodes 2.5 / 1.2, 300 nodes 5.2 / 0.5,
#: 700 nodes 5.4 / 1.3, 1,334 nodes 17.6 / 2.1. Physics costs at most 1.5 s more up to about
#: 150 nodes and 4–15 s more beyond, so it is switched off above 150.
PHYSICS_MAX_NODES = 150
#: Above this many nodes the layout places each group on its own (networkx's spring layout
#: needs scipy from 500 nodes on, and a layout by group reads better at programme scale).
GROUP_LAYOUT_FROM = 400
NODE_SIZE = (10.0, 38.0)
#: Node sizes on a fixed map (smaller, so that labels get the room), and the size its
#: layout reserves for every node whatever it is sized by.
MAP_NODE_SIZE = (9.0, 22.0)
#: How an illustrative actor or tie is drawn: a dashed outline, a pale fill, a faded tie.
ILLUSTRATIVE_DASHES = [5, 4]
ILLUSTRATIVE_FILL = 0.45
ILLUSTRATIVE_TIE = {"opacity": 0.4, "width": 1.2}


def kind_label(kind: str) -> str:
    return TEXT["kinds"].get(kind, kind)


def tie_label(tie: str) -> str:
    return TEXT["ties"].get(tie, tie.replace("_", " "))


def words(value: Any) -> str:
    """A slug as words: ``training_education`` → ``Training education``.

    >>> words("promotion_motivation")
    'Promotion motivation'
    """
    text = str(value)
    return text.replace("_", " ").capitalize() if "_" in text else text


def is_illustrative(data: Mapping[str, Any]) -> bool:
    """True when a node's or tie's ``provenance`` is ``illustrative``."""
    return str(data.get("provenance", "")).strip().lower() == "illustrative"


def _pale(color: str, share: float) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c * share + 255 * (1 - share)) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def is_map(graph: nx.Graph) -> bool:
    """True when ``graph`` is drawn as a fixed map (:mod:`jlp.viz.map_layout`)."""
    return 0 < graph.number_of_nodes() <= map_layout.STORY_MAX_NODES


def map_layouts(graph: nx.Graph) -> dict[str, map_layout.MapLayout]:
    """The wide, medium and narrow map layouts of ``graph`` (every node given the largest
    size)."""
    return map_layout.map_layouts(graph, dict.fromkeys(graph.nodes, MAP_NODE_SIZE[1]))


def _scale(graph: nx.Graph, seed: int) -> float:
    return 220.0 * math.sqrt(max(graph.number_of_nodes(), 4) / 4)


def _spring(graph: nx.Graph, seed: int, scale: float) -> dict:
    if graph.number_of_nodes() < GROUP_LAYOUT_FROM:
        return seeded_positions(graph, seed=seed, scale=scale)
    # a sunflower spiral: even, seeded by order only, no scipy needed
    nodes = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))
    golden = math.pi * (3 - math.sqrt(5))
    return {
        node: (
            scale * math.sqrt((i + 0.5) / len(nodes)) * math.cos(i * golden),
            scale * math.sqrt((i + 0.5) / len(nodes)) * math.sin(i * golden),
        )
        for i, node in enumerate(nodes)
    }


def graph_layout(graph: nx.Graph, *, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Seeded pixel positions for every node (the same graph and seed give the same result).

    Below :data:`GROUP_LAYOUT_FROM` nodes: networkx's spring layout of the simple graph.
    Above: each group (``group``, else ``kind``) is laid out on its own around a centre
    placed by a spring layout of the groups, so that a programme's networks show as
    clusters and the whole stays fast without scipy.

    A case network (:func:`is_map`) gets the wide map layout instead.

    >>> import networkx as nx
    >>> graph_layout(nx.path_graph(5)) == graph_layout(nx.path_graph(5))
    True
    """
    if is_map(graph):
        return map_layouts(graph)["wide"].positions
    simple = nx.Graph(simple_view(graph).edges())
    simple.add_nodes_from(graph.nodes)
    if simple.number_of_nodes() < GROUP_LAYOUT_FROM:
        return seeded_positions(simple, seed=seed) if len(simple) else {}
    groups = node_groups(graph)
    members: dict[Any, list] = {}
    for node in graph.nodes:
        members.setdefault(repr(groups[node]), []).append(node)
    between = nx.Graph()
    between.add_nodes_from(members)
    for u, v in simple.edges():
        gu, gv = repr(groups[u]), repr(groups[v])
        if gu != gv:
            weight = between.get_edge_data(gu, gv, {"weight": 0})["weight"]
            between.add_edge(gu, gv, weight=weight + 1)
    radius = {g: 60.0 * math.sqrt(len(m)) for g, m in members.items()}
    centres = _spring(between, seed, _scale(graph, seed) * 1.4)
    positions = {}
    for group, nodes in members.items():
        cx, cy = centres[group]
        inner = simple.subgraph(nodes)
        local = _spring(inner, seed, radius[group]) if len(nodes) > 1 else {nodes[0]: (0, 0)}
        for node, (x, y) in local.items():
            positions[node] = (cx + x, cy + y)
    return positions


def _sizes(values: Mapping[Any, Any], bounds: tuple[float, float] = NODE_SIZE) -> dict[Any, float]:
    numbers = {n: float(v) for n, v in values.items() if not pd.isna(v)}
    top = max(numbers.values(), default=0.0)
    low, high = bounds
    return {
        n: low + (high - low) * math.sqrt(numbers[n] / top) if top > 0 and n in numbers else low
        for n in values
    }


def _number(value: Any) -> str:
    if pd.isna(value):
        return "—"
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def styled_graph(
    graph: nx.Graph,
    *,
    size_by: str | None = "degree",
    group: str | None = None,
    metrics: Any = None,
    bounds: tuple[float, float] = NODE_SIZE,
    phases_of: nx.Graph | None = None,
) -> nx.MultiDiGraph:
    """A new graph carrying vis.js attributes (colour, shape, size, title, arrows, curves).

    ``graph`` is not changed. ``metrics`` is :func:`jlp.graphs.node_metrics` of ``graph``
    (computed when not given); tooltips show each node's measures. ``bounds`` are the
    smallest and largest node size; ``phases_of`` the graph whose phase names to show.
    """
    phases_of = phases_of if phases_of is not None else graph
    if size_by is not None and size_by not in SIZE_METRICS:
        raise JlpInputError(
            TEXT["bad_size"].format(size_by=size_by),
            fix=TEXT["size_fix"].format(choices=", ".join(SIZE_METRICS)),
        )
    table = metrics if metrics is not None else node_metrics(graph, group=group)
    table = table.assign(brokerage=table[list(ROLES)].sum(axis=1))
    records = {r["id"]: r for r in table.to_dict("records")}
    rows = {node: records[str(node)] for node in graph.nodes}
    sizes = _sizes({node: rows[node][size_by] for node in graph.nodes}, bounds) if size_by else {}
    drawn = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        kind = str(data.get("kind", ""))
        color, shape, _ = KIND_STYLE.get(kind, OTHER_KIND)
        row = rows[node]
        name = str(data.get("label", node))
        lines = [name]
        if data.get("full_name") not in (None, "", name):
            lines.append(str(data["full_name"]))
        lines.append(f"{TEXT['kind']}: {kind_label(kind)}")
        if data.get("group") not in (None, ""):
            lines.append(f"{TEXT['group']}: {words(data['group'])}")
        if data.get("phase") is not None:
            lines.append(f"{TEXT['phase']}: {phase_name(phases_of, data['phase'])}")
        measures = [f"{TEXT['metrics'][m]}: {_number(row[m])}" for m in SIZE_METRICS]
        lines.append(" · ".join(measures) if row["degree"] else TEXT["isolate"])
        illustrative = is_illustrative(data)
        if illustrative:
            lines.append(TEXT["illustrative"])
        elif data.get("reference") not in (None, ""):
            lines.append(TEXT["reported"].format(reference=data["reference"]))
        extra: dict[str, Any] = {"color": color, "borderWidth": 1.5}
        if illustrative:
            extra = {
                "color": {"background": _pale(color, ILLUSTRATIVE_FILL), "border": "#333333"},
                "shapeProperties": {"borderDashes": ILLUSTRATIVE_DASHES},
                "borderWidth": 2,
            }
        drawn.add_node(
            node,
            label=name,
            shape=shape,
            title="\n".join(lines),
            size=sizes.get(node, 16.0 if bounds == NODE_SIZE else bounds[0]),
            **extra,
        )
    seen: dict[frozenset, int] = {}
    labels = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    edges = (
        graph.edges(keys=True, data=True)
        if graph.is_multigraph()
        else ((u, v, d.get("tie"), d) for u, v, d in graph.edges(data=True))
    )
    for u, v, key, data in edges:
        tie = str(data.get("tie", key))
        color, dashed = TIE_STYLE.get(tie, OTHER_TIE)
        directed = bool(data.get("directed", graph.is_directed() and not graph.is_multigraph()))
        k = seen.get(frozenset((u, v)), 0)
        seen[frozenset((u, v))] = k + 1
        smooth = (
            {"enabled": True, "type": "continuous"}
            if k == 0
            else {
                "enabled": True,
                "type": "curvedCW" if k % 2 else "curvedCCW",
                "roundness": 0.18 * ((k + 1) // 2),
            }
        )
        arrow = "→" if directed else "–"
        title = f"{labels[u]} {arrow} {labels[v]}: {tie_label(tie)}"
        if data.get("phase") is not None:
            title += f" ({TEXT['phase'].lower()} {phase_name(phases_of, data['phase'])})"
        if data.get("note"):
            title += f"\n{data['note']}"
        faded = is_illustrative(data)
        if faded:
            title += f"\n{TEXT['illustrative']}"
        drawn.add_edge(
            u,
            v,
            key=key,
            color={"color": color, "opacity": ILLUSTRATIVE_TIE["opacity"]} if faded else color,
            dashes=dashed,
            width=ILLUSTRATIVE_TIE["width"] if faded else 2,
            title=title,
            smooth=smooth,
            arrows={"to": {"enabled": directed, "scaleFactor": 0.6}},
        )
    return drawn


def legend_for(graph: nx.Graph) -> list[LegendItem]:
    """Legend entries for the kinds of node and the tie types ``graph`` holds."""
    kinds = list(dict.fromkeys(str(d.get("kind", "")) for _, d in graph.nodes(data=True)))
    ties = list(
        dict.fromkeys(
            str(d.get("tie", k))
            for *_, k, d in (
                graph.edges(keys=True, data=True)
                if graph.is_multigraph()
                else ((u, v, None, d) for u, v, d in graph.edges(data=True))
            )
        )
    )
    ordered_kinds = [k for k in KIND_STYLE if k in kinds] + [
        k for k in kinds if k not in KIND_STYLE
    ]
    ordered_ties = [t for t in TIE_STYLE if t in ties] + [t for t in ties if t not in TIE_STYLE]
    items = [
        LegendItem(
            kind_label(k), KIND_STYLE.get(k, OTHER_KIND)[0], KIND_STYLE.get(k, OTHER_KIND)[2]
        )
        for k in ordered_kinds
    ]
    items += [
        LegendItem(
            tie_label(t),
            TIE_STYLE.get(t, OTHER_TIE)[0],
            "line dashed" if TIE_STYLE.get(t, OTHER_TIE)[1] else "line",
        )
        for t in ordered_ties
        if t != "None"
    ]
    if any(is_illustrative(d) for _, d in graph.nodes(data=True)):
        items.append(LegendItem(TEXT["illustrative_actor"], "#e8e8e8", "outline"))
    edge_data = (d for *_, d in graph.edges(data=True))
    if any(is_illustrative(d) for d in edge_data):
        items.append(LegendItem(TEXT["illustrative_tie"], "#555555", "line faded"))
    return items


def graph_page(
    graph: nx.Graph,
    *,
    title: str | None = None,
    caption: str = "",
    size_by: str | None = "degree",
    group: str | None = None,
    ties: Iterable[str] | None = None,
    phase: Any = None,
    positions: Mapping[Any, tuple[float, float]] | None = None,
    physics: bool | None = None,
    seed: int = 7,
    height: int = 520,
    lang: str = "en",
    metrics: Any = None,
    maps: Mapping[str, map_layout.MapLayout] | None = None,
) -> str:
    """A self-contained HTML page drawing ``graph`` (``graph`` is not changed).

    ``ties`` and ``phase`` pick what to draw (:func:`select`); positions come from the
    *whole* graph, so a node stays in place from one phase or tie filter to the next: a case
    network is a fixed map (:func:`map_layouts`, or ``maps`` when the caller has them),
    other graphs use ``positions`` or :func:`graph_layout`. ``physics=None`` turns physics
    on up to :data:`PHYSICS_MAX_NODES` nodes (never on a map). ``metrics`` may pass
    :func:`jlp.graphs.node_metrics` of the part drawn, when the caller has it already.
    """
    if size_by is not None and size_by not in SIZE_METRICS:
        raise JlpInputError(
            TEXT["bad_size"].format(size_by=size_by),
            fix=TEXT["size_fix"].format(choices=", ".join(SIZE_METRICS)),
        )
    part = select(graph, ties=ties, phase=phase)
    common = {
        "title": title or TEXT["title"],
        "seed": seed,
        "height": height,
        "legend": legend_for(part),
        "legend_title": TEXT["legend"],
        "caption": _caption(graph, caption, size_by, phase),
        "lang": lang,
    }
    if positions is None and is_map(graph):
        layouts = map_layouts(graph) if maps is None else maps
        styled = styled_graph(
            part,
            size_by=size_by,
            group=group,
            metrics=metrics,
            bounds=MAP_NODE_SIZE,
            phases_of=graph,
        )
        return network_page(
            styled,
            layouts=map_layout.page_layouts(layouts),
            font_size=map_layout.FONT,
            label_wrap=map_layout.LABEL_WRAP,
            **common,
        )
    positions = positions if positions is not None else graph_layout(graph, seed=seed)
    if physics is None:
        physics = part.number_of_nodes() <= PHYSICS_MAX_NODES
    return network_page(
        styled_graph(part, size_by=size_by, group=group, metrics=metrics, phases_of=graph),
        positions={n: positions[n] for n in part.nodes if n in positions},
        physics=physics,
        **common,
    )


def _caption(graph: nx.Graph, caption: str, size_by: str | None, phase: Any) -> str:
    notes = [caption] if caption else []
    if size_by:
        notes.append(TEXT["sized_by"].format(metric=TEXT["metrics"][size_by]))
    if phase is not None:
        notes.append(TEXT["phase_caption"].format(phase=phase_name(graph, phase)))
    return " ".join(notes)


def map_update(
    graph: nx.Graph,
    *,
    size_by: str | None = "degree",
    ties: Iterable[str] | None = None,
    phase: Any = None,
    metrics: Any = None,
    caption: str = "",
) -> dict[str, Any]:
    """What a drawn map of ``graph`` needs to show other ties or another phase: its nodes,
    ties, legend and caption (a page applies it in place, every node where it stands).

    >>> from jlp import graphs
    >>> g = graphs.read_graph(
    ...     graphs.template_path("example_nodes.csv"), graphs.template_path("example_edges.csv")
    ... )
    >>> sorted(map_update(g, ties=["training"]))
    ['caption', 'edges', 'legend', 'nodes']
    """
    from jlp.viz.network_page import vis_data

    part = select(graph, ties=ties, phase=phase)
    styled = styled_graph(
        part, size_by=size_by, metrics=metrics, bounds=MAP_NODE_SIZE, phases_of=graph
    )
    nodes, edges = vis_data(styled)
    return {
        "nodes": nodes,
        "edges": edges,
        "legend": [vars(item) for item in legend_for(part)],
        "caption": _caption(graph, caption, size_by, phase),
    }


def graph_frame(
    graph: nx.Graph, *, title: str | None = None, height: int = 520, **kwargs: Any
) -> GraphFrame:
    """:func:`graph_page` in a sandboxed iframe, for a notebook or the book.

    >>> import networkx as nx
    >>> graph_frame(nx.Graph([("a", "b")])).html.startswith("<iframe")
    True
    """
    title = title or TEXT["title"]
    frame_height = None
    if kwargs.get("positions") is None and is_map(graph):
        maps = kwargs.setdefault("maps", map_layouts(graph))
        _left, top, _right, bottom = maps["wide"].extent
        rows = math.ceil(len(legend_for(graph)) / 3)
        frame_height = round(bottom - top + 20) + 26 * rows + 60
    return GraphFrame(
        graph_page(graph, title=title, height=height, **kwargs),
        title=title,
        height=height,
        frame_height=frame_height,
    )


__all__ = [
    "KIND_STYLE",
    "METRIC_COLUMNS",
    "PHYSICS_MAX_NODES",
    "SIZE_METRICS",
    "TEXT",
    "TIE_STYLE",
    "graph_frame",
    "graph_layout",
    "graph_page",
    "is_illustrative",
    "is_map",
    "legend_for",
    "map_layouts",
    "map_update",
    "select",
    "styled_graph",
]
