"""Widgets that speak to people: messages name the controls, surprises are said, charts grey
out on an error, the scorer redraws on its name and date, presets are recognised by hand,
and a person's change updates the chart on screen in place (issue 10 §5, issue 11 §4–§6)."""

from __future__ import annotations

import html
import re

import pytest

from jlp import fees, net
from jlp.widgets import FeeRampTuner, NetScorer, PoolChooser
from jlp.widgets.live_plot import ChartSlot, LivePlot, figure_patch
from jlp.widgets.messages import read_amount

#: Python spellings a person must never meet in a widget's message.
PYTHON_WORDS = re.compile(
    r"\b(first_share|dependency_floor|dropout_threshold|subsidised_years|pool_choices|"
    r"overwrite=True|--overwrite)\b|\(producers\)|\['"
)


def person_sets(widget, **state) -> None:
    """Change a control as the front-end does (a person clicking or typing)."""
    widget.set_state(state)


# ------------------------------------------------------------------ messages


def test_the_tuner_names_its_controls_when_the_cap_is_below_the_first_share():
    tuner = FeeRampTuner()
    tuner.first_share.value = 0.6
    tuner.cap.value = 0.3
    text = tuner.summary.value
    assert "Cap: the cap (30%) is below the first share (60%)" in text
    assert "move Cap up to at least First share" in text
    assert not PYTHON_WORDS.search(text)


def test_the_tuner_names_its_controls_for_the_dependency_floor():
    tuner = FeeRampTuner()
    tuner.dependency_floor.value = 0.3
    text = tuner.summary.value
    assert text.count("Dependency below:") == 1
    assert "move Dependency below down, or Drop-out above up" in text
    assert not PYTHON_WORDS.search(text)


def test_the_pool_chooser_names_its_controls_for_an_empty_pool():
    chooser = PoolChooser()
    chooser.members.value = ()
    text = chooser.summary.value
    assert "Producers:" in text and "tick at least one producer under Producers" in text
    assert not PYTHON_WORDS.search(text)


def test_the_scorer_names_its_box_when_an_assessment_is_already_saved(tmp_path):
    scorer = NetScorer(network="Emasim", date="1998-03-01", history=tmp_path / "h.csv")
    scorer.cell("group_cohesion", "decision").value = "achieved"
    scorer._on_save()
    scorer._on_save()
    text = scorer.status.value
    assert "already in the history" in text
    assert "tick “replace if already saved”" in text
    assert not PYTHON_WORDS.search(text) and "command line" not in text
    assert 'role="alert"' in text


def test_the_scorer_names_the_date_box_for_a_bad_date(tmp_path):
    scorer = NetScorer(network="A", date="03/01/1998", history=tmp_path / "h.csv")
    scorer._on_save()
    assert scorer.status.value.count("Date:") == 1


# ------------------------------------------------------------------ typed amounts


@pytest.mark.parametrize(
    ("typed", "value", "said"),
    [
        ("4.500", 4500.0, "read as 4,500"),  # Spanish thousands: never 100 in silence
        ("4 500", 4500.0, ""),
        ("4500,50", 4500.5, ""),
        ("50", 100.0, "below the lowest value, 100: 100 is used"),
        ("2.000.000", 1_000_000.0, "above the highest value"),
    ],
)
def test_the_cost_box_reads_spanish_numbers_and_says_what_it_did(typed, value, said):
    tuner = FeeRampTuner()
    tuner.annual_cost.value = typed
    assert tuner.cost() == value
    assert tuner._figures["schedule"].data[0].y[-1] == pytest.approx(value)
    if said:
        assert said in tuner.summary.value and "jlp-notice" in tuner.summary.value
    else:
        assert "jlp-notice" not in tuner.summary.value


def test_a_cost_that_is_not_a_number_is_an_error_and_greys_the_charts():
    tuner = FeeRampTuner()
    tuner.annual_cost.value = "cuatro mil"
    text = html.unescape(tuner.summary.value)
    assert "Cost/year US$: 'cuatro mil' is not a number" in text
    assert all(slot.is_stale for slot in tuner.slots)
    tuner.annual_cost.value = "4000"
    assert not any(slot.is_stale for slot in tuner.slots)


def test_an_ambiguous_amount_is_not_guessed():
    amount = read_amount("4.500", low=1, high=10_000)
    assert amount.value is None and "4.5 or 4,500" in amount.note


# ------------------------------------------------------------------ errors clear the chart


def test_the_pool_chart_greys_out_while_the_pool_is_empty():
    chooser = PoolChooser()
    chooser.members.value = ()
    assert chooser.chart.is_stale and "greyed out" in chooser.summary.value
    chooser.preset.value = "ecohamaca"
    assert not chooser.chart.is_stale and "Cannot compute" not in chooser.summary.value


def test_the_tuner_charts_grey_out_on_an_inconsistent_ramp_and_come_back():
    tuner = FeeRampTuner()
    tuner.first_share.value = 0.6
    tuner.cap.value = 0.3
    assert all(slot.is_stale for slot in tuner.slots)
    tuner.cap.value = 0.8
    assert not any(slot.is_stale for slot in tuner.slots)


# ------------------------------------------------------------------ presets by hand


def test_the_ramp_menu_recognises_a_preset_entered_by_hand():
    tuner = FeeRampTuner(preset="none")
    emasim = fees.ramp_preset("emasim")
    tuner.subsidised_years.value = emasim.subsidised_years
    tuner.first_share.value = emasim.first_share
    tuner.step.value = emasim.step
    assert tuner.preset.value == "custom"  # the cap still differs
    tuner.cap.value = emasim.cap
    assert tuner.preset.value == "emasim"
    tuner.step.value = 0.1
    assert tuner.preset.value == "custom"


def test_the_pool_menu_recognises_a_pool_ticked_by_hand():
    chooser = PoolChooser(pool="custom")
    chooser.members.value = ()
    chooser.members.value = tuple(chooser._choices["ecohamaca"])
    assert chooser.preset.value == "ecohamaca"


# ------------------------------------------------------------------ scorer identity


def _heatmap_title(scorer: NetScorer) -> str:
    return scorer._figure.layout.title.text


def test_the_scorer_redraws_when_its_name_or_date_changes():
    scorer = NetScorer(network="Emasim", date="1998-03-01")
    scorer.cell("group_cohesion", "decision").value = "achieved"
    before = scorer.chart.outputs
    scorer.network.value = "Masaya"
    assert "Masaya" in _heatmap_title(scorer) and scorer.chart.outputs != before
    scorer.date.value = "1999-03-01"
    assert "1999-03-01" in _heatmap_title(scorer)
    assert "Masaya, 1999-03-01" in scorer.note.value  # the static book's saved-state line


def test_loading_an_assessment_draws_once_with_its_name_and_date():
    table = net.from_ratings("Ecohamaca", "1997-08-31", {("group_cohesion", "decision"): 2})
    scorer = NetScorer(table)
    assert "Ecohamaca" in _heatmap_title(scorer) and "1997-08-31" in _heatmap_title(scorer)


# ------------------------------------------------------------------ static book


def test_an_empty_scorer_shows_the_card_on_the_static_book_and_a_filled_one_its_state():
    scorer = NetScorer(network="Mine", date="1998-03-01")
    assert "jlp-widget-empty" in scorer._dom_classes
    card = [c for c in scorer.children if "jlp-static-card" in c._dom_classes]
    assert len(card) == 1 and "make lab" in card[0].value and "NET scorer" in card[0].value
    assert any("jlp-live-tool" in c._dom_classes for c in scorer.children)
    scorer.cell("group_cohesion", "decision").value = "partial"
    assert "jlp-widget-empty" not in scorer._dom_classes
    assert "Saved state (Mine, 1998-03-01)" in scorer.note.value


def test_the_chosen_toggle_is_styled_plainly_apart():
    scorer = NetScorer()
    style = scorer.grid.children[0].value
    assert ".mod-active" in style and "background:#0B4F8A" in style


def test_names_typed_by_a_person_stay_text_in_the_saved_state_line():
    scorer = NetScorer(network='<img src=x onerror="alert(1)">', date="1998-03-01")
    scorer.cell("group_cohesion", "decision").value = "partial"
    assert "<img" not in scorer.note.value and "&lt;img" in scorer.note.value


# ------------------------------------------------------------------ in-place updates


def test_a_persons_change_makes_the_chart_live_and_then_sends_only_what_changed():
    scorer = NetScorer(network="Emasim", date="1998-03-01")
    toggle = scorer.cell("group_cohesion", "promotion_motivation")
    toggle.value = "achieved"  # from code: still a saved output
    assert scorer.chart.live is None and len(scorer.chart.outputs) == 1
    person_sets(toggle, index=2)  # a person clicks ½
    live = scorer.chart.live
    assert isinstance(live, LivePlot) and scorer.chart.children == (live,)
    sent = []
    live.send = sent.append
    person_sets(scorer.cell("group_cohesion", "decision"), index=3)
    (patch,) = sent
    assert patch["kind"] == "patch" and set(patch["data"]) <= {0, 1}
    assert "layout" in patch and "annotations" not in patch["layout"]
    assert live.figure["data"][0]["z"] == patch["data"][0]["z"]  # the kernel's copy follows


def test_the_way_before_keeps_drawing_whole_charts():
    scorer = NetScorer(network="Emasim", date="1998-03-01", live_updates=False)
    person_sets(scorer.cell("group_cohesion", "decision"), index=3)
    assert scorer.chart.live is None and len(scorer.chart.outputs) == 1


def test_the_tuner_goes_live_on_a_persons_change_and_updates_the_visible_chart():
    tuner = FeeRampTuner()
    person_sets(tuner.preset, index=[value for _, value in tuner.preset.options].index("fast"))
    live = tuner.slots[0].live
    assert live is not None
    fees_now = fees.schedule(fees.ramp_preset("fast"), 4000, 10)["fee"].tolist()
    assert live.figure["data"][0]["y"] == pytest.approx(fees_now)


def test_a_figure_with_other_traces_is_sent_whole():
    import plotly.graph_objects as go

    slot = ChartSlot()
    slot.draw(go.Figure(go.Bar(y=[1])), live=True)
    assert slot.live.update_figure(go.Figure([go.Bar(y=[1]), go.Bar(y=[2])])) is None
    assert len(slot.live.figure["data"]) == 2


def test_figure_patch_lists_only_changed_properties():
    old = {"data": [{"type": "bar", "y": [1], "name": "a"}], "layout": {"height": 4, "t": 1}}
    new = {"data": [{"type": "bar", "y": [1], "name": "b"}], "layout": {"height": 4, "t": 2}}
    assert figure_patch(old, new) == {"data": {0: {"name": "b"}}, "layout": {"t": 2}}


def test_the_live_chart_sends_plotly_only_when_the_page_has_none():
    live = LivePlot()
    sent = []
    live.send = sent.append
    live._on_message(live, {"kind": "something else"}, [])
    assert sent == []
    live._on_message(live, {"kind": "need_plotly"}, [])
    assert sent[0]["kind"] == "plotly" and "Plotly" in sent[0]["source"][:5000]
