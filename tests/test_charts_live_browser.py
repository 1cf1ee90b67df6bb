"""The live chart widget (:class:`jlp.widgets.live_plot.LivePlot`) follows its column's width.

Its front-end (the anywidget module) is loaded into a small page with the site's plotly.js and
a stand-in for the widget's model, as JupyterLab would load it. The column then changes as it
does for a reader: the window narrows to a phone's 390 px and widens again, a side panel opens
(the column narrows with no window resize, which plotly's own "responsive" never hears), and
the kernel sends a patch while the column is narrow (``Plotly.react`` keeps the width it drew).
After each change the chart is no wider than its column, fills it, and stays taller than 150 px.
"""

from __future__ import annotations

import contextlib
import json

import plotly.graph_objects as go
import pytest
from browser import serve, watch

from jlp.widgets.live_plot import _PLOTLY_JS, LivePlot, _spec, figure_patch

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

#: The page: a side panel that a class opens (as JupyterLab's sidebar narrows the notebook),
#: a column holding the widget's element, and a model with the traits the module reads.
PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font-family: sans-serif; }
  .frame { display: flex; }
  .panel { flex: none; width: 0; overflow: hidden; }
  body.panel-open .panel { width: 420px; }
  .column { flex: 1 1 auto; min-width: 0; padding: 12px; }
</style>
<script src="plotly.min.js"></script></head><body>
<div class="frame"><div class="panel">files</div><div class="column"><div id="el"></div></div></div>
<script type="module">
  import widget from "./live_plot.mjs";
  const state = {figure: FIGURE, config: CONFIG};
  const listeners = {};
  const model = {
    get: (name) => state[name],
    set: (name, value) => { state[name] = value; },
    on: (name, fn) => { (listeners[name] = listeners[name] || []).push(fn); },
    off: (name, fn) => { listeners[name] = (listeners[name] || []).filter((f) => f !== fn); },
    send: () => {},
  };
  window.kernelSends = (msg) => (listeners["msg:custom"] || []).forEach((fn) => fn(msg));
  widget.render({model, el: document.getElementById("el")});
</script></body></html>"""

#: The chart's width, its column's width and its height, once drawn.
MEASURE = """() => {
  const chart = document.querySelector('.jlp-live-plot');
  const svg = chart && chart.querySelector('.main-svg');
  if (!svg) { return null; }
  return {chart: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height,
          column: document.getElementById('el').getBoundingClientRect().width};
}"""


def _figure() -> go.Figure:
    fig = go.Figure(go.Bar(x=[f"Year {i}" for i in range(1, 11)], y=list(range(10)), name="Fee"))
    fig.update_layout(title={"text": "Fee paid by the network"}, height=420)
    return fig


@pytest.fixture()
def live_page(page, tmp_path):
    widget = LivePlot(_figure())
    (tmp_path / "plotly.min.js").write_text(_PLOTLY_JS.read_text(encoding="utf-8"), "utf-8")
    (tmp_path / "live_plot.mjs").write_text(LivePlot._esm, encoding="utf-8")
    html = PAGE.replace("FIGURE", json.dumps(widget.figure)).replace(
        "CONFIG", json.dumps(widget.config)
    )
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    log = watch(page)
    with serve(tmp_path) as url:
        page.set_viewport_size(LAPTOP)
        page.goto(f"{url}/index.html", wait_until="load")
        page.wait_for_function(f"({MEASURE})() !== null")
        yield page
    assert log.problems() == []


def _fits(page, when: str) -> dict:
    """Wait (up to 3 s) until the chart fills its column; its measures then."""
    with contextlib.suppress(Exception):  # a time-out: measured and reported below
        page.wait_for_function(
            f"(() => {{ const m = ({MEASURE})(); "
            "return m && Math.abs(m.chart - m.column) <= 1; })()",
            timeout=3_000,
        )
    sizes = page.evaluate(MEASURE)
    assert sizes["chart"] <= sizes["column"] + 1, f"{when}: wider than its column: {sizes}"
    assert sizes["chart"] >= sizes["column"] - 1, f"{when}: narrower than its column: {sizes}"
    assert sizes["height"] > 150, f"{when}: flattened: {sizes}"
    return sizes


def test_live_chart_follows_the_window_from_laptop_to_phone_and_back(live_page):
    wide = _fits(live_page, "first drawn at 1366 px")
    live_page.set_viewport_size(PHONE)
    narrow = _fits(live_page, "after the window went to 390 px")
    live_page.set_viewport_size(LAPTOP)
    again = _fits(live_page, "back at 1366 px")
    assert narrow["chart"] < 400 < wide["chart"] == again["chart"]


def test_live_chart_follows_a_side_panel_and_a_patch(live_page):
    wide = _fits(live_page, "first drawn")
    live_page.evaluate("document.body.classList.add('panel-open')")
    narrow = _fits(live_page, "side panel opened (no window resize)")
    assert narrow["chart"] <= wide["chart"] - 400
    old = _spec(_figure())
    new = _spec(_figure().update_traces(y=list(range(10, 0, -1))))
    patch = json.loads(json.dumps({"kind": "patch", **figure_patch(old, new)}))  # keys as text
    live_page.evaluate("msg => window.kernelSends(msg)", patch)
    live_page.wait_for_timeout(200)
    _fits(live_page, "a patch drawn in the narrow column")
    live_page.evaluate("document.body.classList.remove('panel-open')")
    assert _fits(live_page, "side panel closed")["chart"] == wide["chart"]
