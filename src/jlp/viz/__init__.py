"""Figures and graph pages, made safe for the static book and offline use.

>>> from jlp import viz
>>> callable(viz.show) and callable(viz.show_graph)
True
"""

from jlp.viz.figures import (
    BASE_LAYOUT,
    PLOTLY_CONFIG,
    BookFigure,
    figure_html,
    plotly_text,
    show,
    styled,
)
from jlp.viz.network_page import (
    GraphFrame,
    LegendItem,
    network_page,
    pyvis_network,
    seeded_positions,
    show_graph,
)
from jlp.viz.palette import OKABE_ITO, ORDINAL, QUALITATIVE, SEQUENTIAL

__all__ = [
    "BASE_LAYOUT",
    "OKABE_ITO",
    "ORDINAL",
    "PLOTLY_CONFIG",
    "QUALITATIVE",
    "SEQUENTIAL",
    "BookFigure",
    "GraphFrame",
    "LegendItem",
    "figure_html",
    "network_page",
    "plotly_text",
    "pyvis_network",
    "seeded_positions",
    "show",
    "show_graph",
    "styled",
]
