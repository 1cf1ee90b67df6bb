"""The NET scoring rule, on hand-worked assessments and as properties (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp import net
from jlp.errors import JlpInputError
from jlp.net.scoring import cube

IND, S = net.INDICATORS, net.STAGES


def stage_cells(stage: str, ratings: list[str]) -> dict[tuple[str, str], str]:
    """Rate the 7 cells of one stage, in indicator order."""
    assert len(ratings) == 7
    return {(i, stage): r for i, r in zip(IND, ratings, strict=True)}


# --------------------------------------------------------------------------- hand-worked


def test_empty_template_scores_zero_and_is_all_missing():
    row = net.score(net.template("Emasim", "1998-03-01")).iloc[0]
    assert row["index"] == 0
    assert row["current_stage"] == "promotion_motivation"
    assert row["completeness"] == 0
    assert all(row[s] == 0 for s in S)


def test_all_achieved_is_complete():
    a = net.from_ratings("A", "1998-01-01", {c: "achieved" for c in net.CELLS})
    row = net.score(a).iloc[0]
    assert (row["index"], row["current_stage"], row["completeness"]) == (100.0, "complete", 1.0)


def test_worked_example_first_stage_consolidated():
    # promotion: 5 achieved, 1 partial, 1 not = 11 points -> 11/14 = 0.786 >= 0.75
    # strategic planning: 7 partial = 7 points -> 0.5: the current stage
    ratings = {
        **stage_cells("promotion_motivation", ["achieved"] * 5 + ["partial", "not_achieved"]),
        **stage_cells("strategic_planning", ["partial"] * 7),
    }
    row = net.score(net.from_ratings("A", "1998-01-01", ratings)).iloc[0]
    assert row["promotion_motivation"] == pytest.approx(11 / 14)
    assert row["strategic_planning"] == pytest.approx(7 / 14)
    assert row["decision"] == 0
    assert row["index"] == 21.4  # 18 / 84 * 100 = 21.43 -> one decimal
    assert row["current_stage"] == "strategic_planning"
    assert row["completeness"] == pytest.approx(14 / 42)


def test_threshold_decides_consolidation():
    # promotion: 5 achieved, 2 not achieved = 10 points -> 0.714
    ratings = stage_cells("promotion_motivation", ["achieved"] * 5 + ["not_achieved"] * 2)
    a = net.from_ratings("A", "1998-01-01", ratings)
    assert net.score(a).loc[0, "current_stage"] == "promotion_motivation"
    assert net.score(a, threshold=0.7).loc[0, "current_stage"] == "strategic_planning"
    assert net.score(a, threshold=10 / 14).loc[0, "current_stage"] == "strategic_planning"
    assert net.score(a, threshold=1.0).loc[0, "current_stage"] == "promotion_motivation"


def test_current_stage_is_first_not_consolidated_even_if_later_ones_are():
    ratings = {
        **stage_cells("promotion_motivation", ["partial"] * 7),  # 0.5
        **stage_cells("strategic_planning", ["achieved"] * 7),  # 1.0
    }
    row = net.score(net.from_ratings("A", "1998-01-01", ratings)).iloc[0]
    assert row["current_stage"] == "promotion_motivation"


def test_absent_rows_score_like_empty_ratings_and_count_as_missing():
    full = net.template("A", "1998-01-01")
    full.loc[0, "rating"] = "achieved"
    full.loc[1, "rating"] = "partial"
    only_two = full.iloc[:2]
    a, b = net.score(full).iloc[0], net.score(only_two).iloc[0]
    assert a.equals(b)
    assert a["completeness"] == pytest.approx(2 / 42)
    assert a["index"] == round(3 / 84 * 100, 1)


def test_numeric_ratings_equal_words():
    words = net.template("A", "1998-01-01")
    numbers = words.copy()
    words["rating"] = np.resize(["achieved", "partial", "not_achieved", ""], 42)
    numbers["rating"] = np.resize(["2", "1", "0", ""], 42)
    assert net.score(words).equals(net.score(numbers))


def test_indicator_scores():
    ratings = {("group_cohesion", s): "achieved" for s in S}
    ratings[("external_relations", "decision")] = "partial"
    row = net.indicator_scores(net.from_ratings("A", "1998-01-01", ratings)).iloc[0]
    assert row["group_cohesion"] == 1.0
    assert row["external_relations"] == pytest.approx(1 / 12)
    assert row["economic_changes"] == 0


def test_score_columns_are_the_contract():
    assert list(net.score(net.template("A", "1998-01-01")).columns) == [
        "network",
        "date",
        "index",
        "current_stage",
        "completeness",
        "promotion_motivation",
        "strategic_planning",
        "decision",
        "pilot_projects",
        "strategic_projects",
        "self_management",
    ]


def test_many_assessments_sorted_and_each_equal_to_its_own_score():
    programme = net.simulate_programme(6, 2, seed=4)
    table = net.score(programme)
    assert table[["network", "date"]].equals(
        table[["network", "date"]].sort_values(["network", "date"]).reset_index(drop=True)
    )
    for row in table.sample(5, random_state=0).itertuples():
        one = programme[(programme["network"] == row.network) & (programme["date"] == row.date)]
        alone = net.score(one).iloc[0]
        assert alone["index"] == row.index
        assert alone["current_stage"] == row.current_stage


def test_custom_points_rule():
    rule = net.ScoringRule(points={"achieved": 3, "partial": 1, "not_achieved": 0})
    ratings = stage_cells("promotion_motivation", ["achieved"] * 6 + ["partial"])
    row = net.score(net.from_ratings("A", "1998-01-01", ratings), rule=rule).iloc[0]
    assert row["promotion_motivation"] == pytest.approx(19 / 21)
    assert row["index"] == round(19 / 126 * 100, 1)


@pytest.mark.parametrize("threshold", [0, -0.1, 1.01, float("nan"), "high"])
def test_bad_threshold(threshold):
    with pytest.raises(JlpInputError, match="threshold"):
        net.ScoringRule(threshold=threshold)


def test_bad_points():
    with pytest.raises(JlpInputError, match="points"):
        net.ScoringRule(points={"achieved": 1, "partial": 2, "not_achieved": 0})


def test_cell_matrix():
    m = net.cell_matrix(net.from_ratings("A", "1998-01-01", {("economic_changes", "decision"): 0}))
    assert m.loc["economic_changes", "decision"] == "not_achieved"
    assert (m.drop(index="economic_changes") == "").all().all()
    with pytest.raises(JlpInputError, match="one assessment"):
        net.cell_matrix(net.simulate_programme(2, 1, seed=0))


# --------------------------------------------------------------------------- properties

rating = st.sampled_from(["", "not_achieved", "partial", "achieved"])
ratings_42 = st.lists(rating, min_size=42, max_size=42)
UP = {"": "not_achieved", "not_achieved": "partial", "partial": "achieved"}


def as_mapping(values: list[str]) -> dict[tuple[str, str], str]:
    return dict(zip(net.CELLS, values, strict=True))


@settings(max_examples=200, deadline=None)
@given(ratings_42, st.floats(min_value=0.05, max_value=1.0))
def test_index_within_bounds(values, threshold):
    result = net.summary(as_mapping(values), net.ScoringRule(threshold=threshold))
    assert 0 <= result["index"] <= 100
    assert 0 <= result["completeness"] <= 1
    assert all(0 <= v <= 1 for v in result["stage_scores"].values())
    assert all(0 <= v <= 1 for v in result["indicator_scores"].values())


@settings(max_examples=200, deadline=None)
@given(ratings_42, st.integers(min_value=0, max_value=41), st.floats(min_value=0.05, max_value=1.0))
def test_raising_a_rating_never_lowers_anything(values, position, threshold):
    rule = net.ScoringRule(threshold=threshold)
    if values[position] == "achieved":
        return
    raised = list(values)
    raised[position] = UP[values[position]]
    before, after = net.summary(as_mapping(values), rule), net.summary(as_mapping(raised), rule)
    assert after["index"] >= before["index"]
    assert all(after["stage_scores"][s] >= before["stage_scores"][s] for s in S)
    order = [*S, net.COMPLETE]
    assert order.index(after["current_stage"]) >= order.index(before["current_stage"])


@settings(max_examples=50, deadline=None)
@given(st.lists(ratings_42, min_size=1, max_size=5))
def test_vectorised_table_equals_one_by_one(many):
    frames = [net.from_ratings(f"net-{k}", "1998-01-01", as_mapping(v)) for k, v in enumerate(many)]
    table = net.score(pd.concat(frames))
    for k, values in enumerate(many):
        alone = net.summary(as_mapping(values))
        row = table[table["network"] == f"net-{k}"].iloc[0]
        assert row["index"] == alone["index"]
        assert row["current_stage"] == alone["current_stage"]


def test_cube_codes_match_ratings():
    a = net.from_ratings("A", "1998-01-01", {("problem_analysis", "pilot_projects"): "partial"})
    codes = cube(a).codes
    assert codes.shape == (1, 7, 6)
    assert codes[0, IND.index("problem_analysis"), S.index("pilot_projects")] == 1
    assert (codes == -1).sum() == 41


def test_the_books_worked_example_by_hand():
    """The numbers book/net-tool.md works out by hand for jlp.net.worked_example()."""
    example = net.worked_example()
    judged = example[example["rating"] != ""]
    points = judged["rating"].map({"achieved": 2, "partial": 1, "not_achieved": 0})
    by_stage = points.groupby(judged["stage"]).sum().reindex(S, fill_value=0)
    assert by_stage.tolist() == [14, 12, 10, 7, 1, 0]
    row = net.score(example).iloc[0]
    assert row["index"] == 52.4  # 44 / 84 * 100 = 52.38
    assert row["current_stage"] == "decision"  # 10 / 14 = 0.71 < 0.75
    assert row["completeness"] == pytest.approx(31 / 42)
    assert net.score(example, threshold=0.7).loc[0, "current_stage"] == "pilot_projects"
    inversions = net.order_inversions(example)
    assert inversions[["indicator", "earlier_stage", "later_stage"]].values.tolist() == [
        ["group_organisation", "decision", "pilot_projects"]
    ]
