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
    "typesetMath": False,
}

_PLOTLY_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "&#36;"})


def plotly_text(value: object) -> str:
    """``value`` as text that plotly shows literally, wherever a chart shows it.

    plotly.js reads titles, names, tick and hover labels as a little HTML (``<b>``,
    ``<a href>``, ``<span style>``, ``<br>``) and, where MathJax is loaded (the book), text
    between two ``$`` as mathematics. Every name a user typed goes through this function
    before it reaches a chart: ``<``, ``>``, ``&`` and ``$`` become entities, which
    plotly.js turns back into the same characters as plain text. Never put its result in a
    ``hovertemplate`` or ``texttemplate`` (``%{…}`` would still be read there): pass the
    text as data (``customdata``, ``name``) and refer to it.

    >>> plotly_text('<a href="https://evil.example">Fee US$ 5 & more</a>')
    '&lt;a href="https://evil.example"&gt;Fee US&#36; 5 &amp; more&lt;/a&gt;'
    """
    return str(value).translate(_PLOTLY_ENTITIES)


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
    return _id_for(fig.to_json())


def _id_for(spec_json: str) -> str:
    return "jlp-fig-" + hashlib.sha1(spec_json.encode("utf-8")).hexdigest()[:12]


def _fragment(spec_json: str, div_id: str, height: object) -> str:
    # The figure is serialised once and written into the page as JSON (every "<" escaped as
    # \u003c, so that no string in it can close the script or open a comment in it); the
    # site's plotly.min.js draws it.
    safe = spec_json.replace("<", "\\u003c")
    config = json.dumps(PLOTLY_CONFIG)
    return (
        f'<div id="{div_id}" class="plotly-graph-div" style="height:{height}px; width:100%;">'
        f"</div>\n<script>(function () {{\n  var spec = {safe};\n"
        f'  if (window.Plotly && document.getElementById("{div_id}")) {{\n'
        f'    Plotly.newPlot("{div_id}", spec.data, spec.layout, {config});\n  }}\n}})();</script>'
    )


def figure_html(fig: go.Figure, *, div_id: str | None = None) -> str:
    """The HTML fragment of a figure for a page that already loads ``plotly.min.js``.

    >>> import plotly.graph_objects as go
    >>> "Plotly.newPlot" in figure_html(go.Figure())
    True
    """
    spec_json = fig.to_json()
    return _fragment(spec_json, div_id or _id_for(spec_json), fig.layout.height or 450)


class BookFigure:
    """Display wrapper: a plotly figure that shows in the static book and in JupyterLab.

    The last expression of a notebook cell, ``BookFigure(fig)`` (or ``show(fig)``), renders.
    The figure is serialised once for both outputs.
    """

    def __init__(self, fig: go.Figure) -> None:
        self.figure = fig

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        spec_json = self.figure.to_json()
        spec = json.loads(spec_json)
        # JupyterLab's plotly renderer sizes the chart itself; with plotly's own
        # "responsive" as well, a click on a button, slider or legend entry shrank the
        # chart to its title (29 px). The book's fragment keeps "responsive".
        spec["config"] = {**PLOTLY_CONFIG, "responsive": False}
        height = self.figure.layout.height or 450
        return {
            "application/vnd.plotly.v1+json": spec,
            "text/html": _fragment(spec_json, _id_for(spec_json), height),
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
    "plotly_text",
    "show",
    "styled",
]
