"""FeeRampTuner: presets drive the controls, controls drive the computation, errors show."""

from __future__ import annotations

import pytest

from jlp import fees
from jlp.widgets import FeeRampTuner


@pytest.fixture()
def tuner():
    return FeeRampTuner()


def test_starts_on_the_emasim_preset(tuner):
    assert tuner.preset.value == "emasim"
    assert tuner.rule() == fees.ramp_preset("emasim")
    assert tuner.cost() == fees.default_service()["annual_cost"]
    assert "year 8" in tuner.summary.value
    assert "No affordability warning" in tuner.summary.value
    assert set(tuner._figures) == {"schedule", "affordability", "institution"}


def test_a_preset_sets_the_ramp_controls(tuner):
    tuner.preset.value = "fast"
    assert (
        tuner.subsidised_years.value,
        tuner.first_share.value,
        tuner.step.value,
        tuner.cap.value,
    ) == (1, 0.25, 0.25, 1.0)
    assert tuner.preset.value == "fast"
    assert "drop out" in tuner.summary.value
    tuner.preset.value = "none"
    assert "never pays the full cost" in tuner.summary.value
    assert "dependency" in tuner.summary.value


def test_moving_a_control_makes_the_ramp_custom(tuner):
    tuner.step.value = 0.1
    assert tuner.preset.value == "custom"
    assert tuner.rule().step == pytest.approx(0.1)
    figure = tuner._figures["schedule"]
    expected = fees.schedule(tuner.rule(), tuner.cost(), tuner.years.value)
    assert list(figure.data[0].y) == pytest.approx(expected["fee"].tolist())


def test_an_inconsistent_ramp_shows_a_message_not_a_traceback(tuner):
    tuner.first_share.value = 0.6
    tuner.cap.value = 0.3
    assert "Cannot compute" in tuner.summary.value
    assert "cap" in tuner.summary.value and "first share" in tuner.summary.value
    tuner.cap.value = 0.8
    assert "Cannot compute" not in tuner.summary.value


def test_thresholds_and_institution(tuner):
    tuner.dropout_threshold.value = 0.05  # equal to the dependency floor: refused
    assert "Cannot compute" in tuner.summary.value
    tuner.dropout_threshold.value = 0.06
    assert "drop out" in tuner.summary.value
    tuner.dependency_floor.value = 0.1  # above the threshold: refused with a message
    assert "dependency floor" in tuner.summary.value
    tuner.dependency_floor.value = 0.01
    tuner.institution.value = "mexico"
    assert tuner.new_networks.value == fees.institution_preset("mexico").new_networks
    tuner.tabs.selected_index = 2
    names = [t.name for t in tuner._figures["institution"].data]
    assert "State government" in names


def test_only_the_visible_chart_is_drawn_until_its_tab_opens(tuner):
    before = list(tuner._figures["affordability"].data[1].y)
    tuner.first_share.value = 0.5  # the schedule tab is visible
    assert 1 in tuner._pending and 0 not in tuner._pending
    assert list(tuner._figures["affordability"].data[1].y) == before
    tuner.tabs.selected_index = 1
    assert 1 not in tuner._pending
    expected = fees.schedule(tuner.rule(), tuner.cost(), tuner.years.value)
    assert list(tuner._figures["affordability"].data[1].y) == pytest.approx(
        expected["fee"].tolist()
    )


def test_the_charts_are_displayed_in_an_ipython_shell():
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()
    try:
        tuner = FeeRampTuner("gentle", "mexico")
        tuner.step.value = 0.2
    finally:
        InteractiveShell.clear_instance()
    assert tuner.preset.value == "custom"
    for output in tuner.outputs:  # every chart is saved as an output the book can draw
        (shown,) = output.outputs
        assert set(shown["data"]) == {"application/vnd.plotly.v1+json", "text/html"}
