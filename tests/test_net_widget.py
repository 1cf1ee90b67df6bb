"""NetScorer: toggles drive the scores and the heatmap; load, save, progression."""

from __future__ import annotations

import base64

import numpy as np
import pandas as pd
import pytest

from jlp import net
from jlp.widgets.net_scorer import NetScorer


def decode(array) -> np.ndarray:
    """A plotly JSON array: a list, or a typed array {dtype, bdata, shape}."""
    if isinstance(array, dict):
        shape = [int(n) for n in str(array.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(array["bdata"]), array["dtype"]).reshape(shape)
    return np.asarray(array, dtype=float)


def chart_bundle(output) -> dict:
    assert len(output.outputs) == 1
    return output.outputs[0]["data"]


def test_toggles_drive_scores_summary_and_heatmap():
    scorer = NetScorer(network="Emasim", date="1998-03-01")
    assert scorer.scores["index"] == 0 and scorer.scores["current_stage"] == "promotion_motivation"
    for indicator in net.INDICATORS:
        scorer.cell(indicator, "promotion_motivation").value = "achieved"
    assert scorer.scores["index"] == round(14 / 84 * 100, 1)
    assert scorer.scores["current_stage"] == "strategic_planning"
    assert "Index 16.7" in scorer.summary.value
    bundle = chart_bundle(scorer.chart)
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/html"}
    z = decode(bundle["application/vnd.plotly.v1+json"]["data"][0]["z"])
    assert z[:, 0].tolist() == [2] * 7 and np.isnan(z[:, 1:]).all()
    expected = net.summary(scorer.ratings)
    assert expected["index"] == scorer.scores["index"]


def test_rubric_text_at_hand():
    scorer = NetScorer(network="A", date="1998-01-01")
    toggle = scorer.cell("economic_changes", "pilot_projects")
    text = net.cell_text("economic_changes", "pilot_projects")
    assert all(text in tip for tip in toggle.tooltips)
    toggle.value = "partial"
    assert text in scorer.rubric_text.value.replace("&#x27;", "'")
    assert "partial" in scorer.rubric_text.value


def test_assessment_round_trip_and_clear():
    start = net.from_ratings(
        "A", "1998-01-01", {("group_cohesion", "decision"): "partial"}, assessor="Ana"
    )
    scorer = NetScorer(start)
    assert scorer.assessor.value == "Ana"
    pd.testing.assert_frame_equal(
        scorer.assessment().reset_index(drop=True), start.reset_index(drop=True)
    )
    scorer._on_clear()
    assert set(scorer.ratings.values()) == {""} and scorer.scores["completeness"] == 0


def test_load_a_programme_and_choose_an_assessment():
    programme = net.simulate_programme(3, 2, seed=1)
    scorer = NetScorer(programme)
    keys = net.assessment_keys(programme)
    assert len(scorer.choice.options) == len(keys)
    network, date = keys.iloc[0]
    scorer.choice.value = (network, date)
    assert (scorer.network.value, scorer.date.value) == (network, date)
    expected = net.score(net.select(programme, network, date)).iloc[0]
    assert scorer.scores["index"] == expected["index"]


def test_upload(tmp_path):
    scorer = NetScorer()
    data = net.simulate_programme(1, 1, seed=3).to_csv(index=False).encode("utf-8-sig")
    scorer._on_upload({"new": ({"name": "up.csv", "content": memoryview(data)},)})
    assert scorer.network.value == "sim-1" and "Loaded" in scorer.status.value
    scorer._on_upload({"new": ({"name": "bad.csv", "content": memoryview(b"x,y\n1,2\n")},)})
    assert "missing required column" in scorer.status.value
    assert scorer.network.value == "sim-1"  # unchanged


def test_save_history_and_progression(tmp_path):
    history = tmp_path / "history.csv"
    scorer = NetScorer(network="Emasim", date="1998-03-01", history=history)
    scorer.cell("group_cohesion", "promotion_motivation").value = "achieved"
    scorer._on_save()
    assert "Saved" in scorer.status.value
    assert "two or more" in chart_bundle(scorer.progress)["text/plain"]
    scorer._on_save()
    assert "already in the history" in scorer.status.value
    scorer.overwrite.value = True
    scorer.cell("group_cohesion", "strategic_planning").value = "achieved"
    scorer._on_save()
    assert "1 replaced" not in scorer.status.value and "42 replaced" in scorer.status.value
    scorer.date.value = "1999-03-01"
    scorer._on_save()
    bundle = chart_bundle(scorer.progress)
    assert "application/vnd.plotly.v1+json" in bundle
    assert len(net.read_assessments(history)) == 84
    reopened = NetScorer(history=history)
    reopened._on_open()
    assert reopened.network.value == "Emasim" and reopened.date.value == "1999-03-01"


@pytest.mark.parametrize("date", ["", "03/01/1998"])
def test_save_refuses_bad_identity(tmp_path, date):
    scorer = NetScorer(network="A", date=date, history=tmp_path / "h.csv")
    scorer._on_save()
    assert "YYYY-MM-DD" in scorer.status.value and not (tmp_path / "h.csv").exists()


def test_save_needs_a_history_path():
    scorer = NetScorer(network="A", date="1998-01-01")
    scorer._on_save()
    assert "history file" in scorer.status.value
