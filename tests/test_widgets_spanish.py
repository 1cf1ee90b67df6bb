"""The fee tuner and the NET scorer in Spanish: names people read, numbers the Spanish way,
labels that wrap instead of being cut, and no tooltip left empty (shown as "null")."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from jlp.i18n import language_set
from jlp.widgets.fee_tuner import FeeRampTuner
from jlp.widgets.frame import WRAP_LABELS
from jlp.widgets.net_scorer import NetScorer


def _all(widget: widgets.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all(child)


def _readouts(tuner: FeeRampTuner) -> list[str]:
    return [w.readout.value for w in _all(tuner) if hasattr(w, "slider")]


@pytest.mark.parametrize(
    ("code", "cost", "share", "mexico"),
    [("es", "4.000", "20\xa0%", "México"), ("en", "4,000", "20\xa0%", "Mexico")],
)
def test_fee_tuner_names_and_numbers_follow_the_language(code, cost, share, mexico):
    with language_set(code):
        tuner = FeeRampTuner()
        assert tuner.annual_cost.value == cost
        assert tuner.cost() == 4000.0 and "<p class" not in tuner.summary.value  # no note
        assert share in _readouts(tuner)
        assert all(not slider.readout for slider in (tuner.first_share, tuner.years))
        assert tuner.preset.label == "EMASIM" and tuner.preset.value == "emasim"
        tuner.first_share.value = 0.3  # the readout follows the slider
        assert share.replace("20", "30") in _readouts(tuner)
    assert dict(tuner.institution.options)[mexico] == "mexico"


@pytest.mark.parametrize("make", [FeeRampTuner, NetScorer])
def test_labels_wrap_and_no_tooltip_is_empty(make):
    with language_set("es"):
        tool = make()
    assert WRAP_LABELS in tool._dom_classes
    left = [w for w in _all(tool) if "tooltip" in w.trait_names() and w.tooltip is None]
    assert left == []
    labelled = [w for w in _all(tool) if getattr(w, "description", "")]
    assert all(w.tooltip == w.description for w in labelled)


def test_a_live_chart_made_in_spanish_carries_the_spanish_locale():
    """The in-place chart of a widget takes the reader's language when it is made."""
    from jlp.i18n import language_set
    from jlp.widgets.live_plot import LivePlot

    assert "locale" not in LivePlot().config
    with language_set("es"):
        assert LivePlot().config["locale"] == "es"
