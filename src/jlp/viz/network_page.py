"""Self-contained, offline pages for network graphs, built with pyvis.

pyvis 0.3.2 holds the nodes, edges and vis.js options and ships vis-network; the page
itself comes from jlp's own template (``templates/network.html``), because pyvis's template
always pulls Bootstrap from a CDN, switches every tooltip to ``innerHTML`` when a title
contains ``href``, and uses one fixed element id. Here:

- every script and style is inlined, so a page works with no internet; a site that serves
  vis-network once (:mod:`jlp.sphinx_ext`) removes the inlined copy (:func:`vis_block`) and the
  frame asks the page holding it for the library instead;
- labels are drawn on the canvas and tooltips are set as text by vis-network, node data is
  written as JSON with ``<``, ``>`` and ``&`` escaped, and the legend and caption are
  escaped by Jinja: a label such as ``<img src=x onerror=alert(1)>`` shows as text;
- positions come from a seeded networkx layout (or the caller's), so every build draws
  the same picture; physics is off when positions are fixed;
- the caller's graph is never changed (pyvis's ``from_nx`` would change it).

>>> import networkx as nx
>>> g = nx.Graph([("León", "Masaya")])
>>> page = network_page(g, title="Two towns")
>>> external_references(page)
[]
>>> dict(g.nodes["León"])
{}
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from jlp.i18n import Messages, language
from jlp.viz.palette import OKABE_ITO

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "title": "Network",
        "legend": "Legend",
        "frame": "Network graph",
    }
)

_TEMPLATES = Path(__file__).parent / "templates"
_VIS_DIR = Path(__import__("pyvis").__file__).parent / "templates" / "lib" / "vis-9.1.2"

DEFAULT_NODE_COLOR = OKABE_ITO["sky_blue"]
#: Node attributes passed through to vis.js when present on a graph's node.
NODE_KEYS = (
    "label",
    "title",
    "color",
    "shape",
    "size",
    "group",
    "borderWidth",
    "font",
    "shapeProperties",
)
#: Edge attributes passed through to vis.js when present on a graph's edge.
EDGE_KEYS = ("title", "color", "width", "dashes", "label", "arrows", "smooth")


_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)((?:https?:)?//[^"'\s)>]+)""", re.I
)


def external_references(page: str) -> list[str]:
    """Every address outside the page that it would load (``src``, ``href``, CSS ``url()``).

    >>> external_references('<script src="https://cdn.example/x.js"></script>')
    ['https://cdn.example/x.js']
    """
    return _EXTERNAL.findall(page)


@dataclass(frozen=True)
class LegendItem:
    """One entry of a graph legend: a label, a colour and a swatch style.

    ``style`` is a CSS class list: ``round``, ``square``, ``diamond``, ``triangle`` for node
    kinds; ``line`` (optionally with ``dashed``) for tie types.
    """

    label: str
    color: str
    style: str = "round"


#: The page font of the book's theme (a system font stack), also used inside graph frames.
PAGE_FONT = (
    '-apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", sans-serif'
)


def vis_js_path() -> Path:
    """Where the vis-network script shipped with pyvis lies."""
    return _VIS_DIR / "vis-network.min.js"


@cache
def vis_block() -> str:
    """The inlined vis-network script exactly as a page holds it (a site may remove it).

    >>> vis_block().startswith("<script>") and vis_block().endswith("</script>")
    True
    """
    return "<script>" + vis_js_path().read_text(encoding="utf-8") + "</script>"


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html"]))


def seeded_positions(
    graph: nx.Graph, *, seed: int = 7, scale: float | None = None
) -> dict[Any, tuple[float, float]]:
    """Pixel positions from networkx's spring layout with a fixed seed.

    The scale grows with the square root of the node count so that larger graphs spread out.

    >>> import networkx as nx
    >>> seeded_positions(nx.path_graph(3)) == seeded_positions(nx.path_graph(3))
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    scale = scale if scale is not None else 220.0 * math.sqrt(max(graph.number_of_nodes(), 4) / 4)
    simple = nx.Graph(graph)  # a copy: the layout never touches the caller's graph
    layout = nx.spring_layout(simple, seed=seed, scale=scale, method="force")
    return {n: (float(x), float(y)) for n, (x, y) in layout.items()}


def pyvis_network(
    graph: nx.Graph,
    *,
    positions: Mapping[Any, tuple[float, float]] | None = None,
    seed: int = 7,
    physics: bool = False,
) -> Network:
    """A pyvis ``Network`` built node by node from ``graph`` (which is left unchanged).

    Node and edge attributes named in :data:`NODE_KEYS` / :data:`EDGE_KEYS` pass through;
    ids become strings; a missing label is the id. Parallel edges of a multigraph are all
    kept. With ``physics=False`` the nodes sit at ``positions`` (default: a seeded layout).

    >>> import networkx as nx
    >>> net = pyvis_network(nx.Graph([(1, 2)]))
    >>> [n["id"] for n in net.nodes], len(net.edges)
    (['1', '2'], 1)
    """
    net = Network(directed=graph.is_directed(), cdn_resources="in_line")
    if positions is None and not physics:
        positions = seeded_positions(graph, seed=seed)
    for node, data in graph.nodes(data=True):
        attrs = {k: data[k] for k in NODE_KEYS if k in data and data[k] is not None}
        attrs["label"] = str(attrs.get("label", node))
        attrs.setdefault("color", DEFAULT_NODE_COLOR)
        attrs.setdefault("title", attrs["label"])
        if positions is not None and node in positions:
            x, y = positions[node]
            attrs.update(x=x, y=y, physics=physics)
        net.add_node(str(node), **attrs)
    # Appended directly: pyvis's add_edge drops a second tie between the same pair and
    # scans every edge on each call (quadratic on large graphs).
    edge_iter = (
        graph.edges(keys=False, data=True) if graph.is_multigraph() else graph.edges(data=True)
    )
    for u, v, data in edge_iter:
        attrs = {k: data[k] for k in EDGE_KEYS if k in data and data[k] is not None}
        net.edges.append({"from": str(u), "to": str(v), **attrs})
    return net


def vis_data(graph: nx.Graph) -> tuple[list[dict], list[dict]]:
    """The nodes and edges of ``graph`` as vis-network data (no positions).

    >>> import networkx as nx
    >>> nodes, edges = vis_data(nx.Graph([(1, 2)]))
    >>> [n["id"] for n in nodes], len(edges)
    (['1', '2'], 1)
    """
    net = pyvis_network(graph, positions={}, physics=False)
    return net.nodes, net.edges


def _options(
    *,
    physics: bool,
    seed: int,
    directed: bool,
    fixed: bool,
    font_size: float,
    label_wrap: float | None = None,
) -> dict[str, Any]:
    interaction = {"hover": True, "tooltipDelay": 120, "navigationButtons": False}
    if fixed:  # a map: nothing moves, and the page scrolls over it on a phone
        interaction.update(dragNodes=False, dragView=False, zoomView=False)
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {
            "enabled": physics,
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 120},
        },
        "interaction": interaction,
        "nodes": {
            "shape": "dot",
            "size": 16,
            "color": {"background": OKABE_ITO["sky_blue"], "border": OKABE_ITO["blue"]},
            "font": {
                "size": font_size,
                "face": PAGE_FONT,
                "color": "#1a1a1a",
                # on a map, ties pass under the labels, not through their letters
                **({"background": "rgba(255, 255, 255, 0.8)"} if fixed else {}),
            },
            **({"widthConstraint": {"maximum": label_wrap}} if label_wrap else {}),
            "borderWidth": 1.5,
        },
        "edges": {
            "color": {"color": "#6b6b6b", "inherit": False},
            "smooth": {"enabled": True, "type": "continuous"},
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.6}},
        },
    }


def network_page(
    graph: nx.Graph,
    *,
    title: str | None = None,
    positions: Mapping[Any, tuple[float, float]] | None = None,
    seed: int = 7,
    physics: bool = False,
    height: int = 460,
    legend: Sequence[LegendItem] = (),
    legend_title: str | None = None,
    caption: str = "",
    lang: str | None = None,
    layouts: Mapping[str, Any] | None = None,
    font_size: float = 15.0,
    label_wrap: float | None = None,
) -> str:
    """A complete, self-contained HTML page that draws ``graph`` with vis-network.

    With ``layouts`` (name → :meth:`jlp.viz.map_layout.MapLayout.to_json`, widest first) the
    page is a fixed map: it picks the first layout that draws labels at its ``least`` px or
    more (12 unless given) in the width it has, else the last one, sets its height to match
    and never moves a node (no physics, no zoom).

    ``lang`` (the page's ``lang`` attribute), ``title`` and ``legend_title`` default to the
    language in use and its words.

    >>> import networkx as nx
    >>> "<script" in network_page(nx.Graph([("a", "b")]))
    True
    """
    title = title or TEXT["title"]
    legend_title = legend_title or TEXT["legend"]
    lang = lang or language()
    if layouts:
        physics = False
        first = next(iter(layouts.values()))
        positions = {n: (first["x"][str(n)], first["y"][str(n)]) for n in graph.nodes}
    net = pyvis_network(graph, positions=positions, seed=seed, physics=physics)
    return (
        _environment()
        .get_template("network.html")
        .render(
            lang=lang,
            title=title,
            vis_block=vis_block(),
            font=PAGE_FONT,
            font_size=font_size,
            layouts=[{"name": k, **v} for k, v in layouts.items()] if layouts else None,
            nodes=net.nodes,
            edges=net.edges,
            options=_options(
                physics=physics,
                seed=seed,
                directed=graph.is_directed(),
                fixed=bool(layouts),
                font_size=font_size,
                label_wrap=label_wrap,
            ),
            physics=physics,
            canvas_height=height,
            legend=list(legend),
            legend_title=legend_title,
            caption=caption,
        )
    )


class GraphFrame:
    """Display wrapper: a graph page shown in a sandboxed ``<iframe srcdoc=…>``.

    The page is self-contained (about 500 KB, most of it vis-network; a site serving
    vis-network once removes that copy), so several graphs on one page cannot clash and none
    can restyle the book. ``html`` is the iframe markup; ``frame_height`` its height (by
    default the canvas plus room for a legend and a caption). On the book's site the frame
    reports its real height and the page resizes it.

    >>> import networkx as nx
    >>> frame = GraphFrame(network_page(nx.Graph([(1, 2)])), title="A tie")
    >>> frame.html.startswith("<iframe")
    True
    """

    def __init__(
        self,
        page: str,
        *,
        title: str | None = None,
        height: int = 460,
        frame_height: int | None = None,
    ) -> None:
        self.page = page
        self.title = title or TEXT["frame"]
        self.height = height
        self.frame_height = frame_height

    @property
    def html(self) -> str:
        frame_height = self.frame_height or self.height + 110  # a legend of two rows, a caption
        return (
            f'<iframe class="jlp-graph-frame" title="{html.escape(self.title)}" '
            f'sandbox="allow-scripts" srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{frame_height}px;border:0;"></iframe>'
        )

    def _repr_html_(self) -> str:
        return self.html


def show_graph(graph: nx.Graph, *, title: str | None = None, **kwargs: Any) -> GraphFrame:
    """Draw ``graph`` in a notebook or the book; keyword arguments go to :func:`network_page`.

    >>> import networkx as nx
    >>> isinstance(show_graph(nx.Graph([(1, 2)])), GraphFrame)
    True
    """
    height = kwargs.get("height", 460)
    return GraphFrame(network_page(graph, title=title, **kwargs), title=title, height=height)


__all__ = [
    "EDGE_KEYS",
    "NODE_KEYS",
    "PAGE_FONT",
    "GraphFrame",
    "LegendItem",
    "external_references",
    "network_page",
    "pyvis_network",
    "seeded_positions",
    "show_graph",
    "vis_block",
    "vis_data",
    "vis_js_path",
]
