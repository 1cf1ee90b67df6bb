"""A fixed, readable layout for a case network: who sits where tells the story.

Members (firms) stand on an oval; what they share (a joint enterprise, an association, the
broker) sits inside it; support institutions stand in a band above and markets in a band
below. Every node is then a box that holds its shape and its label as vis-network draws it
(the label under the shape, wrapped at :data:`LABEL_WRAP` units), and boxes are pushed
apart until none overlaps. Three layouts are made: a *wide* one for a laptop, a *medium* one
for a column of about 640 px (a tablet, or the printed page) and a *narrow* one, at most
:data:`NARROW_WIDTH` units wide, for a phone; a page picks the widest whose labels come out at
least :data:`LEAST_PX` px. The same graph always gives the same layout (no randomness).

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_nodes_from([("a", {"kind": "firm"}), ("b", {"kind": "firm"}), ("c", {"kind": "broker"})])
>>> g.add_edges_from([("a", "c"), ("b", "c")])
>>> maps = map_layouts(g)
>>> sorted(maps["wide"].positions) == ["a", "b", "c"] and maps == map_layouts(g)
True
>>> overlapping_pairs(maps["narrow"].boxes()) == []
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

#: Font size of a node label, in layout units (vis-network draws it at this size times zoom).
FONT = 14.0
#: A label longer than this (layout units) is wrapped onto more lines by vis-network.
LABEL_WRAP = 150.0
#: Height of one label line, in layout units.
LINE = FONT * 1.25
#: Space between a node's shape and its label, and around every box.
GAP = 4.0
PAD = 6.0
#: The widest a layout may be (layout units); a page picks *wide* when it draws labels
#: at 12 px or more with it, else *medium* at 11 px or more, else *narrow* (360 px phone:
#: 14 × 360 / 400 ≈ 12.6 px). *Medium* is made for the print edition's 640 px column, where
#: the wide layout would draw 10.5 px labels: 14 × 640 / (780 + 16) ≈ 11.3 px.
WIDE_WIDTH = 840.0
MEDIUM_WIDTH = 780.0
NARROW_WIDTH = 400.0
#: The smallest label (px, as drawn) with which a page takes each layout; the last is taken
#: when no other fits.
LEAST_PX: dict[str, float] = {"wide": 12.0, "medium": 11.0, "narrow": 0.0}
#: Up to this many nodes a graph gets the story layout; beyond, labels cannot all be shown.
STORY_MAX_NODES = 90

#: Where each kind of node stands.
BANDS: dict[str, str] = {
    "firm": "ring",
    "enterprise_joint": "middle",
    "association": "middle",
    "broker": "middle",
    "network": "middle",
    "institution": "top",
    "market": "bottom",
}

# Share of an em that a character takes in a sans-serif font (generous, so estimates err
# on the wide side): narrow letters, wide letters and capitals, and all the rest.
_NARROW = set("iljtf.,;:'!|()[] ")
_WIDE = set("mwMW@%")


def text_width(text: str, font: float = FONT) -> float:
    """A generous estimate of ``text``'s width in a sans-serif font of size ``font``.

    >>> text_width("Taller A") < text_width("Taller AAAA")
    True
    """
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += 0.34
        elif char in _WIDE:
            total += 0.9
        elif char.isupper() or char.isdigit():
            total += 0.7
        else:
            total += 0.58
    return total * font


def wrap_label(label: str, limit: float = LABEL_WRAP) -> list[str]:
    """The lines a label is drawn on: words wrapped at ``limit`` (a long word stays whole).

    >>> wrap_label("Export buyers (Sweden, Finland, USA, Peru)")
    ['Export buyers', '(Sweden, Finland,', 'USA, Peru)']
    """
    lines: list[str] = []
    for word in label.split():
        if lines and text_width(lines[-1] + " " + word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class Box:
    """A node's footprint: its centre ``(x, y)`` and the half-sizes of shape plus label."""

    x: float
    y: float
    half_w: float
    half_h: float

    def overlaps(self, other: Box) -> bool:
        return (
            abs(self.x - other.x) < self.half_w + other.half_w
            and abs(self.y - other.y) < self.half_h + other.half_h
        )


def footprint(label: str, size: float) -> tuple[float, float, float]:
    """Width, height and downward shift of the box around a node's shape and its label.

    The shape (radius ``size``) is centred on the node; the label hangs under it.

    >>> w, h, dy = footprint("Banks", 10)
    >>> h > 2 * 10 and dy > 0
    True
    """
    lines = wrap_label(label)
    # vis-network wraps by the real width, narrower than this estimate: a label estimated
    # over the limit may stay on one line there, but never wider than the limit
    label_w = LABEL_WRAP if len(lines) > 1 else text_width(label)
    label_h = LINE * len(lines)
    width = max(2 * size, label_w) + 2 * PAD
    height = 2 * size + GAP + label_h + 2 * PAD
    return width, height, (GAP + label_h) / 2


@dataclass
class MapLayout:
    """Node positions (the shape's centre) and the extent of every box, in layout units."""

    positions: dict[Any, tuple[float, float]]
    sizes: dict[Any, tuple[float, float, float]] = field(repr=False)
    extent: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    def boxes(self) -> dict[Any, Box]:
        """Each node's box (shape and label)."""
        return {
            n: Box(x, y + self.sizes[n][2], self.sizes[n][0] / 2, self.sizes[n][1] / 2)
            for n, (x, y) in self.positions.items()
        }

    def to_json(self) -> dict[str, Any]:
        """Positions by string id and the extent, for a page's script."""
        left, top, right, bottom = self.extent
        return {
            "x": {str(n): round(p[0], 1) for n, p in self.positions.items()},
            "y": {str(n): round(p[1], 1) for n, p in self.positions.items()},
            "extent": [round(left, 1), round(top, 1), round(right, 1), round(bottom, 1)],
        }


def overlapping_pairs(boxes: Mapping[Any, Box]) -> list[tuple[Any, Any]]:
    """Every pair of boxes that overlap.

    >>> overlapping_pairs({"a": Box(0, 0, 5, 5), "b": Box(8, 0, 5, 5), "c": Box(30, 0, 5, 5)})
    [('a', 'b')]
    """
    items = list(boxes.items())
    return [
        (a, b)
        for i, (a, box_a) in enumerate(items)
        for b, box_b in items[i + 1 :]
        if box_a.overlaps(box_b)
    ]


def _ellipse(count: int, rx: float, ry: float, start: float = -math.pi / 2) -> list[tuple]:
    return [
        (
            rx * math.cos(start + 2 * math.pi * i / count),
            ry * math.sin(start + 2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def _rows(nodes: list, sizes: Mapping, width: float, top: float, downward: bool) -> dict:
    """Nodes in centred rows no wider than ``width``, stacked from ``top`` up or down."""
    rows: list[list] = [[]]
    used = 0.0
    for node in nodes:
        w = sizes[node][0]
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append(node)
        used += w
    placed = {}
    y = top
    for row in rows:
        height = max((sizes[n][1] for n in row), default=0.0)
        total = sum(sizes[n][0] for n in row)
        spare = (width - total) / (len(row) + 1) if len(row) else 0.0
        spare = min(spare, 60.0)
        x = -(total + spare * (len(row) - 1)) / 2
        for node in row:
            w, _h, dy = sizes[node]
            centre_y = y + height / 2 if downward else y - height / 2
            placed[node] = (x + w / 2, centre_y - dy)
            x += w + spare
        y = y + height if downward else y - height
    return placed


def _order_ring(graph: nx.Graph, ring: list) -> list:
    """Members by group, then by label, so that a group's members stand together."""
    return sorted(
        ring,
        key=lambda n: (str(graph.nodes[n].get("group") or ""), str(graph.nodes[n].get("label", n))),
    )


def _story(graph: nx.Graph, sizes: Mapping[Any, tuple[float, float, float]], width: float) -> dict:
    bands: dict[str, list] = {"ring": [], "middle": [], "top": [], "bottom": []}
    for node, kind in graph.nodes(data="kind", default=""):
        bands[BANDS.get(str(kind), "top")].append(node)
    if not bands["ring"]:  # no firms: the most linked actors form the ring
        bands["ring"], bands["middle"] = bands["middle"], []
    if not bands["ring"]:
        bands["ring"], bands["top"] = bands["top"], []
    ring = _order_ring(graph, bands["ring"])
    middle = sorted(bands["middle"], key=lambda n: (-graph.degree(n), str(n)))
    # the oval: round when it fits the width, else as wide as allowed and taller
    widest = max((sizes[n][0] for n in ring), default=0.0)
    perimeter = sum(max(sizes[n][0], sizes[n][1]) * 0.92 for n in ring)
    inner = _rows(middle, sizes, max(width * 0.5, 1.0), 0.0, True) if middle else {}
    inner_w = max((abs(x) + sizes[n][0] / 2 for n, (x, _) in inner.items()), default=0.0)
    inner_h = max((abs(y) + sizes[n][1] for n, (_, y) in inner.items()), default=0.0)
    rx_cap = max((width - widest) / 2, 40.0)
    r = max(perimeter / (2 * math.pi), inner_w + widest / 2 + 20, inner_h + 40, 60.0)
    # an oval lying down where there is room (a laptop), standing up where there is not
    rx = min(r * 1.3, rx_cap)
    ry = max(inner_h + 40, 40.0)
    while _perimeter(rx, ry) < perimeter:  # Ramanujan's perimeter of an ellipse
        ry += 10.0
    positions = dict(zip(ring, _ellipse(len(ring), rx, ry), strict=True)) if ring else {}
    if inner:
        shift = sum(y for _, y in inner.values()) / len(inner)
        positions.update({n: (x, y - shift) for n, (x, y) in inner.items()})
    top_y = -ry - max((sizes[n][1] for n in ring), default=0.0) / 2 - 30
    bottom_y = ry + max((sizes[n][1] for n in ring), default=0.0) / 2 + 30
    top = sorted(bands["top"], key=lambda n: (str(graph.nodes[n].get("group") or ""), str(n)))
    bottom = sorted(bands["bottom"], key=lambda n: str(n))
    positions.update(_rows(top, sizes, width, top_y, False))
    positions.update(_rows(bottom, sizes, width, bottom_y, True))
    return positions


def _perimeter(a: float, b: float) -> float:
    return math.pi * (3 * (a + b) - math.sqrt((3 * a + b) * (a + 3 * b)))


def separate(
    positions: Mapping[Any, tuple[float, float]],
    sizes: Mapping[Any, tuple[float, float, float]],
    *,
    width: float | None = None,
    rounds: int = 600,
) -> dict[Any, tuple[float, float]]:
    """Push overlapping boxes apart (along the shorter overlap) until none overlaps.

    With ``width``, no box leaves the band ``[-width/2, width/2]``: boxes then move up or down.
    Deterministic: the same input gives the same output.

    >>> sizes = {"a": (20, 20, 0), "b": (20, 20, 0)}
    >>> moved = separate({"a": (0, 0), "b": (5, 0)}, sizes)
    >>> abs(moved["a"][0] - moved["b"][0]) >= 20
    True
    """
    nodes = list(positions)
    if len(nodes) < 2:
        return dict(positions)
    xy = np.array([positions[n] for n in nodes], dtype=float)
    half = np.array([[sizes[n][0] / 2, sizes[n][1] / 2] for n in nodes], dtype=float)
    shift = np.array([sizes[n][2] for n in nodes], dtype=float)
    count = len(nodes)
    upper = np.triu(np.ones((count, count), dtype=bool), 1)
    for step in range(rounds):
        cx, cy = xy[:, 0], xy[:, 1] + shift
        dx = cx[None, :] - cx[:, None]
        dy = cy[None, :] - cy[:, None]
        over_x = half[:, 0][:, None] + half[:, 0][None, :] - np.abs(dx)
        over_y = half[:, 1][:, None] + half[:, 1][None, :] - np.abs(dy)
        hit = (over_x > 0) & (over_y > 0) & upper
        if not hit.any():
            break
        move = np.zeros_like(xy)
        for i, j in zip(*np.nonzero(hit), strict=True):
            # ties in direction are broken by order, so the result never depends on chance
            sx = np.sign(dx[i, j]) or (1.0 if i < j else -1.0)
            sy = np.sign(dy[i, j]) or (1.0 if i < j else -1.0)
            sideways = width is None or step < rounds // 2
            if sideways and over_x[i, j] + 0.5 < over_y[i, j] * (1.0 if width is None else 3.0):
                push = over_x[i, j] / 2 + 0.5
                move[i, 0] -= sx * push
                move[j, 0] += sx * push
            else:
                push = over_y[i, j] / 2 + 0.5
                move[i, 1] -= sy * push
                move[j, 1] += sy * push
        xy += move
        if width is not None:
            limit = width / 2 - half[:, 0]
            xy[:, 0] = np.clip(xy[:, 0], -limit, limit)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _extent(positions: Mapping, sizes: Mapping) -> tuple[float, float, float, float]:
    boxes = [
        (
            x - sizes[n][0] / 2,
            y + sizes[n][2] - sizes[n][1] / 2,
            x + sizes[n][0] / 2,
            y + sizes[n][2] + sizes[n][1] / 2,
        )
        for n, (x, y) in positions.items()
    ]
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def story_layout(
    graph: nx.Graph, node_sizes: Mapping[Any, float] | None = None, *, width: float = WIDE_WIDTH
) -> MapLayout:
    """The story layout of ``graph`` no wider than ``width`` layout units, with no two boxes
    overlapping. ``node_sizes`` gives each shape's radius (default 16).

    >>> import networkx as nx
    >>> layout = story_layout(nx.path_graph(4), width=300)
    >>> layout.extent[2] - layout.extent[0] <= 300
    True
    """
    node_sizes = node_sizes or {}
    sizes = {
        n: footprint(str(d.get("label", n)), float(node_sizes.get(n, 16.0)))
        for n, d in graph.nodes(data=True)
    }
    width = max(width, max((s[0] for s in sizes.values()), default=0.0) + 1)
    placed = separate(_story(graph, sizes, width), sizes, width=width)
    return MapLayout(placed, sizes, _extent(placed, sizes))


def map_layouts(
    graph: nx.Graph, node_sizes: Mapping[Any, float] | None = None
) -> dict[str, MapLayout]:
    """The *wide*, *medium* and *narrow* story layouts of ``graph``, widest first (see the
    module's note)."""
    return {
        "wide": story_layout(graph, node_sizes, width=WIDE_WIDTH),
        "medium": story_layout(graph, node_sizes, width=MEDIUM_WIDTH),
        "narrow": story_layout(graph, node_sizes, width=NARROW_WIDTH),
    }


def page_layouts(maps: Mapping[str, MapLayout]) -> dict[str, dict[str, Any]]:
    """``maps`` as :func:`jlp.viz.network_page.network_page` takes them: each layout's
    positions and extent, and the smallest label with which a page takes it (:data:`LEAST_PX`).

    >>> import networkx as nx
    >>> sorted(page_layouts(map_layouts(nx.path_graph(2)))["medium"])
    ['extent', 'least', 'x', 'y']
    """
    return {name: {**m.to_json(), "least": LEAST_PX.get(name, 12.0)} for name, m in maps.items()}


__all__ = [
    "FONT",
    "LABEL_WRAP",
    "LEAST_PX",
    "MEDIUM_WIDTH",
    "NARROW_WIDTH",
    "STORY_MAX_NODES",
    "WIDE_WIDTH",
    "Box",
    "MapLayout",
    "footprint",
    "map_layouts",
    "overlapping_pairs",
    "page_layouts",
    "separate",
    "story_layout",
    "text_width",
    "wrap_label",
]
