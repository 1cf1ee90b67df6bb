"""A chart inside a widget that updates in place, sending only what changed.

A plotly figure shown as an output is drawn anew on every change: the front-end throws the
old chart away and builds another (a quarter to a third of a second in JupyterLab). A
:class:`ChartSlot` starts the same way — a saved output, which the static book draws too —
and, once a person moves a control in a live notebook, becomes a :class:`LivePlot`: a small
anywidget that keeps its chart and receives, per change, only the trace properties and
layout entries that differ (``Plotly.react`` then redraws just those).

>>> import plotly.graph_objects as go
>>> old = {"data": [{"type": "bar", "y": [1, 2], "name": "a"}], "layout": {"title": "t"}}
>>> new = {"data": [{"type": "bar", "y": [1, 3], "name": "a"}], "layout": {"title": "t"}}
>>> figure_patch(old, new)
{'data': {0: {'y': [1, 3]}}, 'layout': {}}
>>> slot = ChartSlot()
>>> slot.draw(go.Figure(go.Bar(y=[1])), live=True)
>>> type(slot.children[0]).__name__
'LivePlot'
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import traitlets
from IPython import get_ipython

from jlp.viz.figures import PLOTLY_CONFIG, show

#: The chart's front-end: draws with the page's plotly.js (JupyterLab's plotly renderer
#: loads it; if it is absent, the kernel sends its own copy once per page).
_ESM = """
function loadPlotly(model) {
  if (window.Plotly) { return Promise.resolve(window.Plotly); }
  if (!window.jlpPlotlyLoading) {
    window.jlpPlotlyLoading = new Promise((resolve) => {
      const take = (msg) => {
        if (!msg || msg.kind !== "plotly") { return; }
        model.off("msg:custom", take);
        const url = URL.createObjectURL(new Blob([msg.source], {type: "text/javascript"}));
        const script = document.createElement("script");
        script.src = url;
        script.onload = () => resolve(window.Plotly);
        document.head.appendChild(script);
      };
      model.on("msg:custom", take);
      model.send({kind: "need_plotly"});
    });
  }
  return window.jlpPlotlyLoading;
}

function render({ model, el }) {
  const div = document.createElement("div");
  div.className = "jlp-live-plot";
  div.style.width = "100%";
  el.style.width = "100%";
  el.style.flex = "1 1 auto";
  el.appendChild(div);
  let figure = model.get("figure");
  let Plotly = null;
  // The chart follows its column's width. Plotly.react keeps the width it first drew at, and
  // plotly's "responsive" hears only the window: a column narrowed by a side panel, a tab
  // shown or a turned phone would leave the chart wider than its place. Whenever the
  // element's width and the chart's differ, plotly is asked to size the chart again (the
  // layout never names a width).
  const follow = () => {
    const full = div._fullLayout;
    if (!Plotly || !full || !div.clientWidth || Math.abs(div.clientWidth - full.width) <= 1) {
      return;
    }
    Plotly.Plots.resize(div).catch(() => {});  // refused while hidden: done when shown
  };
  const sizes = window.ResizeObserver ? new ResizeObserver(() => follow()) : null;
  if (sizes) { sizes.observe(div); }
  const draw = () => {
    if (!Plotly) { return; }
    // plotly measures the width as it draws: wait until the chart is on the page.
    if (!div.isConnected || !div.clientWidth) { requestAnimationFrame(draw); return; }
    const layout = Object.assign({}, figure.layout || {});
    delete layout.width;
    // A fixed height: plotly's "responsive" then follows the width only, and a click on a
    // legend entry or a button cannot shrink the chart to its title.
    div.style.height = (layout.height || 450) + "px";
    Plotly.react(div, figure.data || [], layout, model.get("config")).then(follow);
  };
  let patching = false;
  const onFigure = () => {
    if (patching) { return; }  // our own copy of a patch: drawn already
    figure = model.get("figure");
    draw();
  };
  const onPatch = (msg) => {
    if (!msg || msg.kind !== "patch") { return; }
    const data = (figure.data || []).map((trace) => Object.assign({}, trace));
    for (const [index, changes] of Object.entries(msg.data || {})) {
      Object.assign(data[Number(index)], changes);
    }
    const layout = Object.assign({}, figure.layout || {}, msg.layout || {});
    figure = {data: data, layout: layout};
    draw();
    patching = true;
    try {
      model.set("figure", figure);  // kept for the saved notebook; not sent back
    } finally {
      patching = false;
    }
  };
  model.on("change:figure", onFigure);
  model.on("msg:custom", onPatch);
  loadPlotly(model).then((found) => { Plotly = found; draw(); });
  return () => {
    if (sizes) { sizes.disconnect(); }
    model.off("change:figure", onFigure);
    model.off("msg:custom", onPatch);
    if (Plotly) { Plotly.purge(div); }
  };
}
export default { render };
"""

_PLOTLY_JS = Path(go.__file__).resolve().parent.parent / "package_data" / "plotly.min.js"


def figure_patch(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any] | None:
    """What changed from figure spec ``old`` to ``new``: per trace, the properties that
    differ; in the layout, the entries that differ. ``None`` when the traces do not line up
    (another number or type of traces): then the whole figure must be sent.

    >>> figure_patch({"data": [{"type": "bar"}]}, {"data": []}) is None
    True
    """
    old_data, new_data = old.get("data", []), new.get("data", [])
    if len(old_data) != len(new_data) or any(
        a.get("type") != b.get("type") or set(a) - set(b)
        for a, b in zip(old_data, new_data, strict=True)
    ):
        return None
    old_layout, new_layout = old.get("layout", {}), new.get("layout", {})
    if set(old_layout) - set(new_layout):
        return None
    data = {
        i: {k: v for k, v in b.items() if a.get(k) != v}
        for i, (a, b) in enumerate(zip(old_data, new_data, strict=True))
    }
    return {
        "data": {i: changes for i, changes in data.items() if changes},
        "layout": {k: v for k, v in new_layout.items() if old_layout.get(k) != v},
    }


def _plain(value: Any) -> Any:
    """``value`` (a figure's property) as JSON-ready Python: arrays as lists, NaN as None
    (a gap for plotly.js), tuples as lists.

    >>> _plain({"z": np.array([[1.0, np.nan]]), "x": ("a", np.int64(2))})
    {'z': [[1.0, None]], 'x': ['a', 2]}
    """
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "Mm":  # dates and durations: ISO text, as plotly writes them
            return (
                np.datetime_as_string(value).tolist()
                if value.dtype.kind == "M"
                else [str(item) for item in value.tolist()]
            )
        if value.dtype.kind in "fcO":
            return [_plain(item) for item in value.tolist()]
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):  # a date or a time
        return value.isoformat()
    return value


def _spec(fig: go.Figure) -> dict[str, Any]:
    """The figure as plain data, read from its validated properties without copying them
    first (a fifth of the time of a JSON round trip)."""
    data, layout = getattr(fig, "_data", None), getattr(fig, "_layout", None)
    if data is None or layout is None:  # another plotly: the slower, public way
        spec = json.loads(pio.to_json(fig, validate=False))
        return {"data": spec.get("data", []), "layout": spec.get("layout", {})}
    return {"data": [_plain(trace) for trace in data], "layout": _plain(layout)}


class LivePlot(anywidget.AnyWidget):
    """A plotly chart kept on screen and updated in place (see :func:`figure_patch`)."""

    _esm = _ESM
    figure = traitlets.Dict().tag(sync=True)
    config = traitlets.Dict(PLOTLY_CONFIG).tag(sync=True)

    def __init__(self, fig: go.Figure | None = None, **kwargs: Any) -> None:
        from jlp.viz.plotly_locale import locale_config

        # the reader's language when the chart is made (Spanish month names, tool-bar words)
        kwargs.setdefault("config", {**PLOTLY_CONFIG, **locale_config()})
        super().__init__(**kwargs)
        if fig is not None:
            self.figure = _spec(fig)
        self.on_msg(self._on_message)

    def update_figure(self, fig: go.Figure) -> dict[str, Any] | None:
        """Show ``fig``: send only what differs from the figure on screen; return the
        patch sent (``None`` when the whole figure was sent)."""
        new = _spec(fig)
        patch = figure_patch(self.figure, new)
        if patch is None:
            self.figure = new
            return None
        if patch["data"] or patch["layout"]:
            self.send({"kind": "patch", **patch})
            # The kernel's copy follows without sending the whole figure again (and without
            # comparing it, as a property lock would, through a JSON round trip).
            self._trait_values["figure"] = new
        return patch

    def _on_message(self, _widget: object, content: dict, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("kind") == "need_plotly":
            self.send({"kind": "plotly", "source": _PLOTLY_JS.read_text(encoding="utf-8")})


class ChartSlot(widgets.VBox):
    """Where a widget shows one chart: first a saved output (drawn by the static book and
    by JupyterLab), then, from the first change a person makes in a live notebook, a
    :class:`LivePlot` updated in place. ``live_updates=False`` keeps the output (every
    change draws a new chart), as the widgets did before."""

    def __init__(self, *, live_updates: bool = True, **kwargs: Any) -> None:
        self.output = widgets.Output()
        self.live: LivePlot | None = None
        self.live_updates = live_updates
        super().__init__([self.output], **kwargs)
        self.add_class("jlp-chart-slot")

    def draw(self, fig: go.Figure, *, live: bool = False, always: bool = False) -> None:
        """Show ``fig``. ``live``: the change came from a person in a live front-end.
        ``always``: write the output even outside IPython (for tests and saved state)."""
        self.stale(False)
        if self.live is not None:
            self.live.update_figure(fig)
            return
        if live and self.live_updates:
            self.live = LivePlot(fig)
            self.children = [self.live]
            return
        if not always and get_ipython() is None:  # plain Python: no front-end to draw in
            return
        bundle = show(fig)._repr_mimebundle_()
        self.output.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)

    def stale(self, flag: bool = True) -> None:
        """Grey the chart out (``True``) while the widget shows an error, or restore it."""
        if flag:
            self.add_class("jlp-stale")
        else:
            self.remove_class("jlp-stale")

    @property
    def outputs(self) -> tuple:
        """The saved output (empty once the chart is live)."""
        return self.output.outputs

    @property
    def is_stale(self) -> bool:
        """Whether the chart is greyed out."""
        return "jlp-stale" in self._dom_classes


@contextmanager
def held(*controls: widgets.Widget) -> Iterator[None]:
    """Hold back what ``controls`` send to the page until the block ends, so that the
    chart's update, sent inside the block, reaches the page first (a preset that moves
    four sliders then redraws the chart before the sliders).

    >>> a, b = widgets.IntSlider(), widgets.IntSlider()
    >>> with held(a, b):
    ...     a.value = 3
    >>> a.value
    3
    """
    with ExitStack() as stack:
        for control in controls:
            stack.enter_context(control.hold_sync())
        yield


def from_person(change: dict) -> bool:
    """Whether a trait change came from the front-end (a person), not from code.

    ipywidgets locks the properties it applies from a front-end message while their
    observers run (a menu or a toggle sends ``index``, from which ``value`` follows).

    >>> w = widgets.IntSlider()
    >>> seen = []
    >>> w.observe(lambda c: seen.append(from_person(c)), names="value")
    >>> w.value = 3
    >>> w.set_state({"value": 4})
    >>> menu = widgets.Dropdown(options=["a", "b"])
    >>> menu.observe(lambda c: seen.append(from_person(c)), names="value")
    >>> menu.set_state({"index": 1})
    >>> seen
    [False, True, True]
    """
    return bool(getattr(change.get("owner"), "_property_lock", None))


__all__ = ["ChartSlot", "LivePlot", "figure_patch", "from_person", "held"]
