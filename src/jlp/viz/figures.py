"""Plotly figures that draw both in the static book and in JupyterLab.

plotly 7 gives a kernel only the ``application/vnd.plotly.v1+json`` output, which Jupyter
Book skips. :class:`BookFigure` offers that type (JupyterLab draws it) together with an
HTML fragment that calls the site's own ``plotly.min.js`` (the book draws it). The
fragment's element id comes from the figure's content, so re-running a notebook gives the
same output.

>>> import plotly.graph_objects as go
>>> shown = BookFigure(go.Figure(go.Bar(x=["a"], y=[1])))
>>> sorted(shown._repr_mimebundle_())
['application/vnd.plotly.v1+json', 'text/html']
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import plotly.graph_objects as go

from jlp.viz.palette import QUALITATIVE

#: Options for every figure: no plotly logo, resizes with the page, no calls to plotly's servers.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

#: Layout defaults: readable fonts, the colour-blind-safe colourway, room for a title.
BASE_LAYOUT: dict[str, Any] = {
    "template": "plotly_white",
    "colorway": QUALITATIVE,
    "font": {"family": "Helvetica, Arial, sans-serif", "size": 14},
    "margin": {"l": 60, "r": 30, "t": 60, "b": 50},
}


def styled(fig: go.Figure) -> go.Figure:
    """Return ``fig`` with the course's layout defaults applied (colours, fonts, margins).

    >>> import plotly.graph_objects as go
    >>> styled(go.Figure()).layout.colorway[0]
    '#0072B2'
    """
    fig.update_layout(**BASE_LAYOUT)
    return fig


def figure_id(fig: go.Figure) -> str:
    """A stable element id derived from the figure's content.

    >>> import plotly.graph_objects as go
    >>> figure_id(go.Figure()) == figure_id(go.Figure())
    True
    """
    digest = hashlib.sha1(fig.to_json().encode("utf-8")).hexdigest()[:12]
    return f"jlp-fig-{digest}"


def figure_html(fig: go.Figure, *, div_id: str | None = None) -> str:
    """The HTML fragment of a figure for a page that already loads ``plotly.min.js``.

    >>> import plotly.graph_objects as go
    >>> "Plotly.newPlot" in figure_html(go.Figure())
    True
    """
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=div_id or figure_id(fig),
        config=PLOTLY_CONFIG,
        default_height=f"{fig.layout.height or 450}px",
        default_width="100%",
    )


class BookFigure:
    """Display wrapper: a plotly figure that shows in the static book and in JupyterLab.

    The last expression of a notebook cell, ``BookFigure(fig)`` (or ``show(fig)``), renders.
    """

    def __init__(self, fig: go.Figure) -> None:
        self.figure = fig

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        spec = json.loads(self.figure.to_json())
        spec["config"] = PLOTLY_CONFIG
        return {
            "application/vnd.plotly.v1+json": spec,
            "text/html": figure_html(self.figure),
        }


def show(fig: go.Figure) -> BookFigure:
    """Wrap ``fig`` for display; use as the last line of a notebook cell.

    >>> import plotly.graph_objects as go
    >>> isinstance(show(go.Figure()), BookFigure)
    True
    """
    return BookFigure(fig)


__all__ = [
    "BASE_LAYOUT",
    "PLOTLY_CONFIG",
    "BookFigure",
    "figure_html",
    "figure_id",
    "show",
    "styled",
]
