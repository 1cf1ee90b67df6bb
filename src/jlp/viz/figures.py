"""Plotly figures that draw both in the static book and in JupyterLab.

plotly 7 gives a kernel only the ``application/vnd.plotly.v1+json`` output, which Jupyter
Book skips. :class:`BookFigure` offers that type (JupyterLab draws it) together with an
HTML fragment that calls the site's own ``plotly.min.js`` (the book draws it). The
fragment's element id comes from the figure's content and from how many times that same
content was shown before in this process, so two equal charts on one page (a chart and a
widget's first tab) never share an id, and re-running a notebook gives the same output.

>>> import plotly.graph_objects as go
>>> shown = BookFigure(go.Figure(go.Bar(x=["a"], y=[1])))
>>> sorted(shown._repr_mimebundle_())
['application/vnd.plotly.v1+json', 'text/html']
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

import plotly.graph_objects as go

from jlp.i18n import SOURCE_LANGUAGE, language, separators
from jlp.viz.palette import QUALITATIVE
from jlp.viz.plotly_locale import locale_config

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
    """Return ``fig`` with the course's layout defaults applied (colours, fonts, margins),
    and, in a language other than English, its numbers' separators (ticks, hover texts).

    >>> import plotly.graph_objects as go
    >>> from jlp.i18n import language_set
    >>> styled(go.Figure()).layout.colorway[0]
    '#0072B2'
    >>> with language_set("es"):
    ...     styled(go.Figure()).layout.separators
    ',.'
    """
    fig.update_layout(**BASE_LAYOUT)
    if language() != SOURCE_LANGUAGE:
        fig.update_layout(separators=separators())
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


#: The script that draws a figure into its element. It waits while the element is hidden (a
#: closed tab, a folded block), because plotly measures text as it draws and hidden text measures
#: zero (the title then lands on its subtitle); it wraps the title and subtitle to the width
#: drawn, as plotly does not wrap text, making room for extra lines in the top margin; and it
#: follows its column's width (a window resized, a phone turned, the sidebar opened, a tab shown):
#: a new width redraws the chart from scratch, as ``Plotly.react`` and ``Plotly.relayout`` would
#: keep the width first drawn (and ``relayout`` of a height pins the width), so the chart would
#: stick out of a narrower column; a width within a few pixels is followed by plotly's own
#: autosize. ``layout.width`` is never set (only while printing, by the print edition's script).
#: ``%(id)s``, ``%(spec)s`` and ``%(config)s`` are filled in.
_DRAW = """<script>(function () {
  var spec = %(spec)s;
  var config = %(config)s, id = "%(id)s", drawn = 0;
  // The element just before this script (a widget's output may run it before the element is
  // in the page, where the id cannot find it yet).
  var here = document.currentScript && document.currentScript.previousElementSibling;
  var div = here && here.id === id ? here : document.getElementById(id);
  if (!window.Plotly || !div) { return; }
  function wrap(text, width, size) {
    var most = Math.max(14, Math.floor(width / (size * 0.56)));
    return String(text).split(/<br\\s*\\/?>/i).map(function (line) {
      var lines = [], now = "";
      (line.match(/(?:<[^>]*>|[^\\s<])+/g) || []).forEach(function (word) {
        var next = now ? now + " " + word : word;
        if (now && next.replace(/<[^>]*>|&[^;]*;/g, "x").length > most) {
          lines.push(now); now = word;
        } else { now = next; }
      });
      lines.push(now);
      return lines.join("<br>");
    }).join("<br>");
  }
  function count(text) { return String(text || "").split(/<br\\s*\\/?>/i).length; }
  function soft(text) { return String(text).replace(/<br\\s*\\/?>/gi, " "); }
  function fitted(width) {
    var layout = JSON.parse(JSON.stringify(spec.layout || {}));
    var data = JSON.parse(JSON.stringify(spec.data || []));
    var title = layout.title, base = (layout.font && layout.font.size) || 12, extra = 0;
    if (title && title.text) {
      var size = (title.font && title.font.size) || Math.round(base * 1.4);
      var text = wrap(title.text, width - 20, size);
      extra += (count(text) - count(title.text)) * size * 1.3;
      title.text = text;
      if (title.y === undefined && title.yref === undefined) {
        // Hung from the top of the figure (plotly centres a title in the top margin), so
        // that lines added below it are measured and given room after drawing (settle).
        title.yref = "container"; title.yanchor = "top"; title.y = 0.98;
      }
      if (title.subtitle && title.subtitle.text) {
        var small = (title.subtitle.font && title.subtitle.font.size) || base;
        var note = wrap(soft(title.subtitle.text), width - 20, small);
        extra += (count(note) - count(title.subtitle.text)) * small * 1.3;
        title.subtitle.text = note;
      }
      if (extra > 0) {
        layout.margin = layout.margin || {};
        layout.margin.t = (layout.margin.t === undefined ? 80 : layout.margin.t) + extra;
      }
    }
    var legend = layout.legend || {};
    if (legend.orientation === "h" && legend.y < 0 && !legend.yref) {
      // Below the figure, not below the plot: the margin then grows to hold the legend
      // and the axis title keeps its own room above it, at any width.
      legend.yref = "container"; legend.y = 0; legend.yanchor = "bottom";
      layout.legend = legend;
    }
    if (width < 560) {
      // On a phone, tick labels may turn to fit (a fixed flat angle piles them up).
      var left = (layout.margin && layout.margin.l) || 80;
      var right = (layout.margin && layout.margin.r) || 80;
      var middle = left + (width - left - right) / 2;
      var room = 2 * Math.min(middle, width - middle) - 10;
      Object.keys(layout).forEach(function (key) {
        var axis = layout[key];
        if (!/^[xy]axis\\d*$/.test(key) || !axis) { return; }
        if (axis.tickangle === 0) { delete axis.tickangle; }
        axis.automargin = true;  // long tick labels push the margin instead of leaving it
        var named = axis.title && axis.title.text;
        if (key.charAt(0) === "x" && named) {  // an axis title wraps under its axis
          axis.title.text = wrap(named, room, (axis.title.font && axis.title.font.size) || base);
        }
      });
      data.forEach(function (trace) {  // a turned label reads on one line
        if (Array.isArray(trace.x) && typeof trace.x[0] === "string") {
          trace.x = trace.x.map(function (v) { return String(v).replace(/<br\\s*\\/?>/gi, " "); });
        }
      });
    }
    var plot = width - ((layout.margin && layout.margin.l) || 80) -
               ((layout.margin && layout.margin.r) || 80);
    data.forEach(function (trace) {
      // Text in heatmap cells too long for its cell is left out (the colour and the hover
      // still tell); it would spill over its neighbours.
      if (trace.type !== "heatmap" || !trace.text || !trace.x) { return; }
      // a colour bar beside the cells takes room from them; one lying under them does not
      var flat = trace.colorbar && trace.colorbar.orientation === "h";
      var scale = trace.showscale === false || flat ? 0 : 100;
      var cell = (plot - scale) / trace.x.length, longest = 0;
      var textSize = (trace.textfont && trace.textfont.size) || base;
      [].concat.apply([], trace.text).forEach(function (value) {
        String(value || "").replace(/<[^>]*>/g, "\\n").split("\\n").forEach(function (part) {
          longest = Math.max(longest, part.length);
        });
      });
      if (longest * textSize * 0.6 > cell) { trace.texttemplate = ""; trace.text = null; }
    });
    var named = (legend.font && legend.font.size) || base;
    data.forEach(function (trace) {
      if (trace.name && trace.showlegend !== false) {
        trace.name = wrap(trace.name, width - 70, named);
      }
    });
    return {data: data, layout: layout};
  }
  function draw() {
    var width = div.clientWidth, full = div._fullLayout;
    if (!width) { return; }  // hidden: drawn when shown
    if (Math.abs(width - drawn) < 24) {
      // Nearly the same width: the texts fitted still fit; plotly takes the new width.
      if (full && Math.abs(width - full.width) > 1) {
        Plotly.Plots.resize(div).catch(function () {});
      }
      return;
    }
    drawn = width;
    var fit = fitted(width);
    div.style.height = ((spec.layout && spec.layout.height) || 450) + "px";
    // newPlot, not react: react keeps the width of the first drawing.
    Plotly.newPlot(div, fit.data, fit.layout, config).then(settle);
  }
  function put(layout, path, value) {
    var keys = path.split("."), last = keys.pop(), here = layout;
    keys.forEach(function (key) {
      if (!here[key] || typeof here[key] !== "object") { here[key] = {}; }
      here = here[key];
    });
    here[last] = value;
  }
  function settle() {
    // Measured once drawn: the title starts inside the figure, the title and its note end
    // above the plot, and on a narrow screen (more lines for the title, notes and legend)
    // the figure grows so that the plot keeps a readable height.
    var full = div._fullLayout;
    if (!full || !full._size) { return; }
    var frame = div.getBoundingClientRect(), update = {};
    var heading = div.querySelectorAll(".g-gtitle .gtitle, .g-gtitle .gtitle-subtitle");
    if (heading.length && full.title && full.title.yref === "container") {
      var top = Infinity, bottom = 0;
      heading.forEach(function (el) {
        var box = el.getBoundingClientRect();
        top = Math.min(top, box.top - frame.top);
        bottom = Math.max(bottom, box.bottom - frame.top);
      });
      if (top < 4) {
        update["title.y"] = full.title.y - (4 - top) / full.height;
        bottom += 4 - top;
      }
      if (bottom > full.margin.t - 8) { update["margin.t"] = Math.ceil(bottom + 12); }
    }
    div.querySelectorAll(".infolayer text").forEach(function (el) {
      // An x-axis title wider than the room around its middle wraps to that room.
      var named = /^x(\\d*)title$/.exec(el.getAttribute("class") || "");
      var axis = named && full["xaxis" + named[1]];
      if (!axis || !axis.title || !axis.title.text) { return; }
      var box = el.getBoundingClientRect();
      if (box.left >= frame.left - 1 && box.right <= frame.right + 1) { return; }
      var middle = (box.left + box.right) / 2;
      var room = 2 * Math.min(middle - frame.left, frame.right - middle) - 10;
      var size = (axis.title.font && axis.title.font.size) || 14;
      update["xaxis" + named[1] + ".title.text"] = wrap(soft(axis.title.text), room, size);
    });
    var least = Math.min(260, 0.55 * ((spec.layout && spec.layout.height) || 450));
    var plot = full._size.h - ((update["margin.t"] || full.margin.t) - full.margin.t);
    if (plot < least - 4) {
      update.height = Math.ceil(full.height + least - plot);
      div.style.height = update.height + "px";
    }
    if (!Object.keys(update).length) { return; }
    // react, not relayout: relayout of a height would pin the width drawn (plotly then never
    // follows the column again).
    var layout = JSON.parse(JSON.stringify(div.layout));
    Object.keys(update).forEach(function (path) { put(layout, path, update[path]); });
    Plotly.react(div, div.data, layout, config);
  }
  if (window.ResizeObserver) {
    new ResizeObserver(function () { window.requestAnimationFrame(draw); }).observe(div);
  }
  draw();
})();</script>"""


#: How many times each figure content has been shown in this process (see :func:`_shown_id`).
_SHOWN: Counter[str] = Counter()


def _shown_id(spec_json: str) -> str:
    """The content id, with ``-2``, ``-3``… when the same content was shown before.

    >>> first, again = _shown_id('{"doc": 1}'), _shown_id('{"doc": 1}')
    >>> again == first + "-2"
    True
    """
    base = _id_for(spec_json)
    _SHOWN[base] += 1
    return base if _SHOWN[base] == 1 else f"{base}-{_SHOWN[base]}"


def _fragment(spec_json: str, div_id: str, height: object) -> str:
    # The figure is serialised once and written into the page as JSON (every "<" escaped as
    # \u003c, so that no string in it can close the script or open a comment in it); the
    # site's plotly.min.js draws it.
    safe = spec_json.replace("<", "\\u003c")
    config = json.dumps({**PLOTLY_CONFIG, **locale_config()})  # dates, tool bar: language
    return (
        f'<div id="{div_id}" class="plotly-graph-div" style="height:{height}px; width:100%;">'
        "</div>\n" + _DRAW % {"spec": safe, "config": config, "id": div_id}
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
        spec["config"] = {**PLOTLY_CONFIG, **locale_config(), "responsive": False}
        height = self.figure.layout.height or 450
        return {
            "application/vnd.plotly.v1+json": spec,
            "text/html": _fragment(spec_json, _shown_id(spec_json), height),
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
