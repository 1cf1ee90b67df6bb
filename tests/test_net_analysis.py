"""Progression, benchmarking, method feedback, broker feedback and the simulator."""

from __future__ import annotations

import pandas as pd
import pytest

from jlp import net
from jlp.errors import JlpInputError
from jlp.net.analysis import _inversion_mask
from jlp.net.scoring import cube

IND, S = net.INDICATORS, net.STAGES


def assessment(network, date, ratings, assessor=""):
    return net.from_ratings(network, date, ratings, assessor=assessor)


def first_stages(k: int, rating: str = "achieved") -> dict:
    """Every cell of the first k stages rated ``rating``."""
    return {(i, s): rating for i in IND for s in S[:k]}


@pytest.fixture()
def two_networks():
    return pd.concat(
        [
            assessment("A", "1998-01-01", first_stages(1), "Ana"),
            assessment("A", "1998-07-01", first_stages(2), "Ana"),
            assessment("A", "1999-01-01", first_stages(3), "Ana"),
            assessment("B", "1998-04-01", first_stages(0), "Beto"),
            assessment("B", "1999-04-01", first_stages(1), "Beto"),
        ]
    )


def test_months_between():
    assert net.months_between("1998-01-31", "1998-02-28") == 0
    assert net.months_between("1998-01-31", "1998-03-01") == 1
    assert net.months_between("1997-03-15", "1999-03-15") == 24


def test_progression_of_one_network(two_networks):
    table = net.progression(two_networks, "A")
    assert table["date"].tolist() == ["1998-01-01", "1998-07-01", "1999-01-01"]
    assert table["months"].tolist() == [0, 6, 12]
    assert table["index"].tolist() == [round(14 / 84 * 100, 1), round(28 / 84 * 100, 1), 50.0]
    assert table["current_stage"].tolist() == ["strategic_planning", "decision", "pilot_projects"]
    assert set(table["assessor"]) == {"Ana"}


def test_progression_unknown_network_suggests(two_networks):
    with pytest.raises(JlpInputError) as excinfo:
        net.progression(two_networks, "a")
    assert "'A'" in excinfo.value.problems[0].fix


def test_benchmark_at_a_date_uses_the_latest_assessment_by_then(two_networks):
    table = net.benchmark(two_networks, date="1998-12-31")
    assert table[["network", "date"]].values.tolist() == [["A", "1998-07-01"], ["B", "1998-04-01"]]


def test_benchmark_at_months_since_first(two_networks):
    table = net.benchmark(two_networks, months=6)
    assert table[["network", "date", "months"]].values.tolist() == [
        ["A", "1998-07-01", 6],
        ["B", "1998-04-01", 0],
    ]
    at_twelve = net.benchmark(two_networks, months=12)
    assert at_twelve["months"].tolist() == [12, 12]
    assert net.benchmark(two_networks, months=13).empty  # nobody followed that long


def test_benchmark_default_is_latest_sorted_by_index(two_networks):
    table = net.benchmark(two_networks)
    assert table["network"].tolist() == ["A", "B"]
    assert table["index"].is_monotonic_decreasing


def test_benchmark_bad_arguments(two_networks):
    with pytest.raises(JlpInputError, match="not both"):
        net.benchmark(two_networks, date="1998-01-01", months=3)
    with pytest.raises(JlpInputError, match="YYYY-MM-DD"):
        net.benchmark(two_networks, date="01/01/1998")


def test_method_feedback_counts_latest_assessments(two_networks):
    feedback = net.method_feedback(two_networks).set_index(["indicator", "stage"])
    # latest: A has stages 1-3 achieved, B has stage 1 achieved; nothing else judged
    cell = feedback.loc[("group_cohesion", "promotion_motivation")]
    assert (cell["judged"], cell["achieved"], cell["achievement_rate"], cell["pattern"]) == (
        2,
        2,
        1.0,
        "always",
    )
    later = feedback.loc[("group_cohesion", "decision")]
    assert (later["judged"], later["achieved"]) == (1, 1)
    assert feedback.loc[("group_cohesion", "self_management"), "judged"] == 0
    assert pd.isna(feedback.loc[("group_cohesion", "self_management"), "achievement_rate"])
    assert feedback.attrs["assessments"] == 2
    every = net.method_feedback(two_networks, which="all").set_index(["indicator", "stage"])
    assert every.loc[("group_cohesion", "promotion_motivation"), "judged"] == 4


def test_never_and_always():
    table = pd.concat(
        [
            assessment(
                "A",
                "1998-01-01",
                {
                    ("group_cohesion", "decision"): "achieved",
                    ("external_relations", "decision"): "partial",
                },
            ),
            assessment(
                "B",
                "1998-01-01",
                {
                    ("group_cohesion", "decision"): "achieved",
                    ("external_relations", "decision"): "not_achieved",
                },
            ),
        ]
    )
    found = net.extremes(net.method_feedback(table))
    assert found[["indicator", "stage", "pattern"]].values.tolist() == [
        ["group_cohesion", "decision", "always"],
        ["external_relations", "decision", "never"],
    ]
    assert net.extremes(net.method_feedback(table), min_judged=3).empty


def test_order_inversions():
    ratings = {
        ("planning_capacity", "promotion_motivation"): "partial",
        ("planning_capacity", "strategic_planning"): "",  # not judged: no inversion
        ("planning_capacity", "decision"): "not_achieved",
        ("planning_capacity", "pilot_projects"): "achieved",
        ("group_cohesion", "promotion_motivation"): "achieved",
        ("group_cohesion", "decision"): "achieved",
    }
    found = net.order_inversions(assessment("A", "1998-01-01", ratings))
    assert found[
        ["indicator", "earlier_stage", "earlier_rating", "later_stage"]
    ].values.tolist() == [
        ["planning_capacity", "promotion_motivation", "partial", "pilot_projects"],
        ["planning_capacity", "decision", "not_achieved", "pilot_projects"],
    ]
    feedback = net.method_feedback(assessment("A", "1998-01-01", ratings))
    assert feedback["inversions"].sum() == 1  # one cell achieved out of order


def test_inversion_counts_agree_with_the_list():
    programme = net.simulate_programme(20, 3, seed=11)
    listed = net.order_inversions(programme)
    cells = listed.drop_duplicates(["network", "date", "indicator", "later_stage"])
    assert _inversion_mask(cube(programme).codes).sum() == len(cells)
    assert len(listed) > 0


def test_no_inversions_gives_an_empty_table():
    found = net.order_inversions(net.template("A", "1998-01-01"))
    assert found.empty and "later_stage" in found.columns


def test_broker_feedback(two_networks):
    table = net.broker_feedback(two_networks).set_index("assessor")
    assert table.loc["Ana", "networks"] == 1 and table.loc["Ana", "assessments"] == 3
    assert table.loc["Ana", "mean_index"] == 50.0
    assert table.loc["Ana", "index_gain_per_year"] == pytest.approx(50.0 - 16.7, abs=0.1)
    assert table.loc["Beto", "index_gain_per_year"] == pytest.approx(16.7, abs=0.1)
    assert table.loc["Beto", "weakest_indicator"] in IND


def test_broker_feedback_needs_assessors():
    with pytest.raises(JlpInputError) as excinfo:
        net.broker_feedback(net.template("A", "1998-01-01"))
    assert excinfo.value.problems[0].column == "assessor"


# --------------------------------------------------------------------------- simulator


def test_simulator_is_reproducible_and_illustrative():
    a = net.simulate_programme(10, 3, seed=42)
    assert a.equals(net.simulate_programme(10, 3, seed=42))
    assert not a.equals(net.simulate_programme(10, 3, seed=43))
    assert set(a["provenance"]) == {"illustrative"} and a.attrs["provenance"] == "illustrative"
    net.validate(a)  # a valid assessment file


def test_simulator_has_fast_slow_stalled_and_dropped_networks():
    programme = net.simulate_programme(60, 4, seed=0)
    scores = net.scores_over_time(programme)
    last = scores.groupby("network").tail(1)
    assert last["index"].max() - last["index"].min() > 40  # different speeds
    follow = last["months"]
    assert (follow < follow.max() - 12).any()  # some dropped out early
    gains = (
        scores.groupby("network")["index"]
        .agg(lambda s: s.iloc[-1] - s.iloc[-3] if len(s) > 2 else None)
        .dropna()
    )
    assert (gains.abs() < 5).any()  # some stalled over their last year
    assert set(scores["assessor"]) >= {"Broker A", "Broker B"}


def test_simulator_bad_arguments():
    with pytest.raises(JlpInputError):
        net.simulate_programme(0, 3)
    with pytest.raises(JlpInputError, match="YYYY-MM-DD"):
        net.simulate_programme(2, 1, start="1996")


def test_bundled_example_is_the_simulator_output():
    example = net.example_programme()
    simulated = net.simulate_programme(8, 4, seed=1999)
    pd.testing.assert_frame_equal(example, simulated.reset_index(drop=True), check_dtype=False)
