"""Affordability: the fee against the network's extra margin, and the two warnings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp import datasets, fees
from jlp.errors import JlpInputError


def test_benefit_path_is_built_from_emasim_reported_figures():
    figures = datasets.load("reported_figures").set_index("id")
    path = fees.benefit_preset("emasim")
    assert path.enterprises == figures.loc["emasim_enterprises", "value"]
    assert path.workers_per_enterprise == figures.loc["emasim_workers", "value"]
    assert path.sales_gain == figures.loc["emasim_sales_change", "value"] / 100
    expected = (
        path.enterprises
        * path.workers_per_enterprise
        * path.sales_per_worker
        * path.sales_gain
        * path.margin_rate
    )
    assert path.full_margin == pytest.approx(expected)
    margins = path.margins(30)
    assert (np.diff(margins) > 0).all()  # rises every year
    assert margins[-1] == pytest.approx(path.full_margin, rel=1e-6)  # and levels off
    assert margins[int(path.midpoint) - 1] == pytest.approx(path.full_margin / 2)


def test_benefit_and_thresholds_are_illustrative_where_not_reported():
    benefit = fees.provenance("benefit", "emasim")
    assert set(
        benefit.loc[["sales_per_worker", "margin_rate", "midpoint", "steepness"], "provenance"]
    ) == {"illustrative"}
    thresholds = fees.provenance("thresholds", "default")
    assert set(thresholds["provenance"]) == {"illustrative"}
    assert thresholds["note"].str.contains("Teaching assumption").all()


def _warnings(preset: str) -> dict[str, tuple[int, ...]]:
    result = fees.affordability(fees.schedule(fees.ramp_preset(preset), 4000, 10))
    return {w.kind: w.years for w in result.warnings}


def test_the_presets_tell_the_story():
    assert _warnings("emasim") == {}
    assert _warnings("fast") == {"dropout": (2,)}
    assert _warnings("gentle") == {"dependency": tuple(range(1, 9))}
    assert _warnings("none") == {"dependency": tuple(range(1, 11))}


def test_table_columns_and_ratio():
    table = fees.schedule(fees.ramp_preset("fast"), 4000, 4)
    result = fees.affordability(table, [1000.0, 2000.0, 4000.0, 0.0])
    assert list(result.table.columns) == [
        "year",
        "fee",
        "margin",
        "fee_to_margin",
        "dropout",
        "dependency",
    ]
    assert result.table["fee_to_margin"].tolist() == [0.0, 0.5, 0.5, np.inf]
    assert result.table["dropout"].tolist() == [False, True, True, True]
    (warning,) = result.warnings
    assert warning.kind == "dropout" and warning.years == (2, 3, 4)
    assert "years 2–4" in warning.message and "25%" in warning.message


def test_no_fee_and_no_margin_counts_as_nothing_paid():
    table = fees.schedule(fees.ramp_preset("none"), 4000, 3)
    result = fees.affordability(
        table,
        [0, 0, 0],
        fees.AffordabilityRule(dropout_threshold=0.3, dependency_floor=0.1, dependency_years=3),
    )
    assert result.table["fee_to_margin"].tolist() == [0, 0, 0]
    assert [w.kind for w in result.warnings] == ["dependency"]


def test_thresholds_are_parameters():
    table = fees.schedule(fees.ramp_preset("emasim"), 4000, 10)
    strict = fees.AffordabilityRule(
        dropout_threshold="5%", dependency_floor="1%", dependency_years=2
    )
    result = fees.affordability(table, rule=strict)
    kinds = {w.kind: w.years for w in result.warnings}
    assert kinds["dropout"] == tuple(range(5, 11))  # 45 % of the cost is above 5 % of margin
    assert kinds["dependency"] == (1, 2, 3)
    assert result.rule is strict


def test_non_consecutive_years_are_listed():
    table = fees.schedule(fees.RampRule(first_share=0.5), 1000, 4)
    result = fees.affordability(table, [1000, 10_000, 1000, 10_000])
    assert result.warnings[0].years == (1, 3)
    assert "years 1, 3" in result.warnings[0].message


@pytest.mark.parametrize(
    ("margins", "words"),
    [
        ([1.0, 2.0], "gives 2 yearly margins for a schedule of 3 years"),
        ([1.0, float("nan"), 2.0], "not a finite number"),
        (["a", "b", "c"], "not a finite number"),
    ],
)
def test_bad_margins(margins, words):
    table = fees.schedule(fees.ramp_preset("emasim"), 4000, 3)
    with pytest.raises(JlpInputError) as caught:
        fees.affordability(table, margins)
    assert caught.value.problems[0].column == "margins"
    assert words in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("params", "column"),
    [
        (
            {"dropout_threshold": "150%", "dependency_floor": 0.1, "dependency_years": 3},
            "dropout_threshold",
        ),
        (
            {"dropout_threshold": 0.2, "dependency_floor": 0.3, "dependency_years": 3},
            "dependency_floor",
        ),
        (
            {"dropout_threshold": 0.2, "dependency_floor": 0.1, "dependency_years": 0},
            "dependency_years",
        ),
    ],
)
def test_bad_thresholds(params, column):
    with pytest.raises(JlpInputError) as caught:
        fees.AffordabilityRule(**params)
    assert caught.value.problems[0].column == column


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=25),
    st.floats(min_value=0.02, max_value=1, allow_nan=False),
    st.integers(1, 8),
    st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_flags_follow_the_thresholds(margins, threshold, run, first):
    years = len(margins)
    rule = fees.AffordabilityRule(
        dropout_threshold=threshold, dependency_floor=threshold / 2, dependency_years=run
    )
    table = fees.schedule(fees.RampRule(first_share=first), 1000, years)
    result = fees.affordability(table, margins, rule)
    ratio = result.table["fee_to_margin"].to_numpy()
    assert (result.table["dropout"].to_numpy() == (ratio > threshold)).all()
    low = ratio < threshold / 2
    flagged = result.table["dependency"].to_numpy()
    assert not (flagged & ~low).any()  # only low years are flagged
    # a flagged year belongs to a run of low years at least `run` long
    for i in np.flatnonzero(flagged):
        start = i
        while start > 0 and low[start - 1]:
            start -= 1
        stop = i
        while stop < years - 1 and low[stop + 1]:
            stop += 1
        assert stop - start + 1 >= run
    # and every such run is flagged
    count = 0
    for i in range(years + 1):
        if i < years and low[i]:
            count += 1
            continue
        if count >= run:
            assert flagged[i - count : i].all()
        count = 0
