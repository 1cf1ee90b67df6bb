"""What a live widget sends per change: the chart's changes as plain data, first.

The time an update takes in JupyterLab is measured in ``benchmarks/`` (never here); these
tests hold the properties that make it short.
"""

from __future__ import annotations

import json

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from jlp.widgets import FeeRampTuner, NetScorer, PoolChooser
from jlp.widgets.live_plot import ChartSlot, _spec


@pytest.fixture
def sent(monkeypatch):
    """Every message the widgets send to the page, in order: (widget class, method, keys)."""
    log: list[tuple[str, str, tuple]] = []
    original = widgets.Widget._send

    def record(self, msg, buffers=None):
        keys = tuple(sorted(msg.get("state", msg.get("content", {})) or ()))
        log.append((type(self).__name__, msg["method"], keys))
        return original(self, msg, buffers)

    monkeypatch.setattr(widgets.Widget, "_send", record)
    return log


def _first_patch(log) -> int:
    return next(i for i, (kind, method, _) in enumerate(log) if method == "custom")


def test_a_preset_redraws_the_chart_before_the_sliders_it_moves(sent):
    tuner = FeeRampTuner()
    tuner.preset.set_state({"index": 1})  # a person: the chart goes live
    sent.clear()
    tuner.preset.set_state({"index": 0})
    first = _first_patch(sent)
    sliders = [i for i, (kind, _, keys) in enumerate(sent) if "Slider" in kind and "value" in keys]
    assert sliders and min(sliders) > first  # the sliders did move, after the chart


def test_a_pool_preset_redraws_the_chart_before_the_ticks_it_moves(sent):
    chooser = PoolChooser()
    chooser.preset.set_state({"index": 1})
    sent.clear()
    chooser.preset.set_state({"index": 0})
    first = _first_patch(sent)
    ticks = [i for i, (kind, _, keys) in enumerate(sent) if kind == "SelectMultiple"]
    assert ticks and min(ticks) > first


def test_one_click_on_the_grid_sends_one_small_chart_update_and_no_whole_figure(sent):
    scorer = NetScorer(network="Emasim", date="1998-03-01")
    scorer.cell("group_cohesion", "decision").set_state({"index": 3})
    sent.clear()
    scorer.cell("group_cohesion", "promotion_motivation").set_state({"index": 2})
    patches = [entry for entry in sent if entry[1] == "custom"]
    assert len(patches) == 1
    assert not any("figure" in keys for _, method, keys in sent if method == "update")


def test_the_chart_data_is_plain_json_with_gaps_as_null():
    fig = go.Figure(go.Heatmap(z=np.array([[1.0, np.nan]]), x=("a", "b")))
    spec = _spec(fig)
    text = json.dumps(spec, allow_nan=False)  # no NaN, no numpy: what the page reads
    assert spec["data"][0]["z"] == [[1.0, None]] and spec["data"][0]["x"] == ["a", "b"]
    assert json.loads(text)["layout"] == json.loads(pio.to_json(fig, validate=False))["layout"]


def test_dates_on_a_live_chart_are_iso_text():
    fig = go.Figure(go.Scatter(x=np.array(["2024-01-02", "2024-03-04"], dtype="datetime64[D]")))
    assert _spec(fig)["data"][0]["x"] == ["2024-01-02", "2024-03-04"]


def test_the_kernels_copy_of_a_live_chart_follows_each_patch():
    slot = ChartSlot()
    slot.draw(go.Figure(go.Bar(y=[1, 2])), live=True)
    slot.live.send = lambda *_: None
    slot.draw(go.Figure(go.Bar(y=[1, 5])), live=True)
    assert slot.live.figure["data"][0]["y"] == [1, 5]
    assert slot.live.get_state()["figure"]["data"][0]["y"] == [1, 5]  # saved and re-shown
