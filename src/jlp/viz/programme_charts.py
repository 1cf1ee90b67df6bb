"""Charts and graph pages for the programme facts (first chapter of the course).

>>> from jlp.programme import evaluation_ranges
>>> fig = evaluation_chart(evaluation_ranges())
>>> [trace.type for trace in fig.data]
['bar']
"""

from __future__ import annotations

import textwrap

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from jlp.i18n import Messages
from jlp.viz import map_layout
from jlp.viz.figures import plotly_text, styled
from jlp.viz.network_page import GraphFrame, LegendItem, network_page
from jlp.viz.palette import OKABE_ITO

#: User-facing strings of this module, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "evaluation_title": "Honduras: results of the 6 evaluated networks (reported)",
        "range": "Range over the 6 evaluated networks",
        "axis": "Change since the start of the project (%)",
        "source": "Source: Ceglie & Dini (1999), Honduras section. The paper does not name the "
        "six.",
        "actors_title": "Honduras: the project's actors and the ties the paper names",
        "actors_caption": "Source: Ceglie & Dini (1999), Honduras section and Box 1. "
        "Each network is drawn as one node.",
        "legend": "Legend",
    }
)

#: Colour and shape per kind of actor.
KIND_STYLE = {
    "broker": (OKABE_ITO["vermillion"], "diamond"),
    "firm": (OKABE_ITO["blue"], "dot"),
    "institution": (OKABE_ITO["green"], "square"),
    "association": (OKABE_ITO["orange"], "triangle"),
}
KIND_LABELS = Messages(
    {
        "broker": "Broker",
        "firm": "Firms / networks",
        "institution": "Support institution",
        "association": "Business association",
    }
)
TIE_STYLE = {
    "coordination": (OKABE_ITO["vermillion"], False),
    "training": (OKABE_ITO["green"], False),
    "credit": (OKABE_ITO["blue"], True),
    "information": ("#7a7a7a", True),
    "ownership": (OKABE_ITO["purple"], False),
}
TIE_LABELS = Messages(
    {
        "coordination": "Brokering / co-ordination",
        "training": "Training",
        "credit": "Credit",
        "information": "Finding enterprises",
        "ownership": "Grew out of",
    }
)
_SWATCH = {"dot": "round", "diamond": "diamond", "square": "square", "triangle": "triangle"}


def evaluation_chart(ranges: pd.DataFrame) -> go.Figure:
    """Horizontal ranges (low–high) per metric of the six evaluated Honduras networks.

    ``ranges`` is :func:`jlp.programme.evaluation_ranges`.
    """
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=[plotly_text(v) for v in ranges["label"]],
            x=ranges["high"] - ranges["low"],
            base=ranges["low"],
            orientation="h",
            name=TEXT["range"],
            marker={
                "color": OKABE_ITO["sky_blue"],
                "line": {"color": OKABE_ITO["blue"], "width": 1},
            },
            hovertemplate="%{y}: %{base}% to %{customdata}%<extra></extra>",
            customdata=ranges["high"],
        )
    )
    # One kind of bar needs no legend: the note under the title says what a bar is and where
    # the figures come from (a note in the margin collided with a legend on a phone).
    note = f"{TEXT['range']}. {TEXT['source']}"
    lines = textwrap.wrap(note, width=95, break_on_hyphens=False)
    styled(fig)
    fig.update_layout(
        title={
            "text": TEXT["evaluation_title"],
            "subtitle": {"text": "<br>".join(lines), "font": {"size": 12}},
            "y": 0.98,
            "yanchor": "top",
            "yref": "container",
        },
        xaxis_title=TEXT["axis"],
        height=340 + 16 * len(lines),
        showlegend=False,
        margin={"t": 70 + 16 * len(lines), "b": 60},
    )
    return fig


def actors_frame(graph: nx.DiGraph, *, height: int = 420) -> GraphFrame:
    """Draw the Honduras actors, coloured and shaped by kind, ties coloured by type."""
    styled_graph = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        color, shape = KIND_STYLE.get(data.get("kind"), ("#999999", "dot"))
        title = f"{data.get('full_name', data.get('label', node))}\n" + KIND_LABELS.get(
            data.get("kind"), ""
        )
        if data.get("note"):
            title += f"\n{data['note']}"
        styled_graph.add_node(
            node, label=data.get("label", str(node)), color=color, shape=shape, title=title, size=18
        )
    for u, v, data in graph.edges(data=True):
        color, dashed = TIE_STYLE.get(data.get("tie"), ("#999999", False))
        styled_graph.add_edge(
            u,
            v,
            color=color,
            dashes=dashed,
            width=2,
            title=f"{TIE_LABELS.get(data.get('tie'), data.get('tie'))}: {data.get('note', '')}",
        )
    legend = [LegendItem(KIND_LABELS[k], c, _SWATCH[s]) for k, (c, s) in KIND_STYLE.items()] + [
        LegendItem(TIE_LABELS[t], c, "line dashed" if d else "line")
        for t, (c, d) in TIE_STYLE.items()
    ]
    page = network_page(
        styled_graph,
        title=TEXT["actors_title"],
        legend=legend,
        legend_title=TEXT["legend"],
        caption=TEXT["actors_caption"],
        height=height,
        # a fixed map, as the case networks: labels 11 px or more on a phone and on paper
        layouts=map_layout.page_layouts(map_layout.map_layouts(graph, dict.fromkeys(graph, 18))),
        font_size=map_layout.FONT,
        label_wrap=map_layout.LABEL_WRAP,
    )
    return GraphFrame(page, title=TEXT["actors_title"], height=height)


__all__ = ["KIND_STYLE", "TEXT", "TIE_STYLE", "actors_frame", "evaluation_chart"]
