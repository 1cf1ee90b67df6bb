"""Fee ramps: the presets against the paper, the schedule, and the invariants (hypothesis)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp import datasets, fees
from jlp.errors import JlpInputError


def _reported(figure_id: str) -> float:
    figures = datasets.load("reported_figures").set_index("id")
    return float(figures.loc[figure_id, "value"])


# --------------------------------------------------------------------------- presets


def test_emasim_preset_starts_as_box_1_reports():
    rule = fees.ramp_preset("emasim")
    free = int(_reported("emasim_subsidised_years"))
    table = fees.schedule(rule, annual_cost=4000, years=10)
    assert rule.subsidised_years == free == 3
    assert (table["fee_share"].iloc[:free] == 0).all()
    assert table["fee_share"].iloc[free] == pytest.approx(_reported("emasim_fee_year1") / 100)
    # the second contract year is reported as "more than 40 %"
    assert table["fee_share"].iloc[free + 1] > _reported("emasim_fee_year2") / 100


def test_emasim_extrapolation_is_marked_illustrative():
    table = fees.provenance("ramp", "emasim")
    assert table.loc["subsidised_years", "provenance"] == "reported"
    assert table.loc["first_share", "provenance"] == "reported"
    assert table.loc["subsidised_years", "source"] == "Honduras section"
    assert table.loc["step", "provenance"] == "illustrative"
    assert table.loc["cap", "provenance"] == "illustrative"
    assert "extrapolat" in table.loc["step", "note"] or "Years 6 on" in table.loc["step", "note"]


def test_presets_for_contrast():
    presets = fees.ramp_presets()
    assert list(presets) == ["emasim", "fast", "gentle", "none"]
    none = fees.schedule(presets["none"], 4000, 20)
    assert (none["fee"] == 0).all() and (none["subsidy"] == 4000).all()
    assert fees.full_cost_year(presets["none"]) is None
    # fast reaches the full cost sooner than emasim, which is sooner than gentle
    years = {name: fees.full_cost_year(rule) for name, rule in presets.items()}
    assert years["fast"] < years["emasim"] < years["gentle"]


def test_unknown_preset_is_named_with_the_choices():
    with pytest.raises(JlpInputError) as caught:
        fees.ramp_preset("emasm")
    problem = caught.value.problems[0]
    assert problem.column == "preset" and "emasm" in problem.message
    assert "emasim" in problem.fix and "none" in problem.fix


def test_preset_names_are_case_insensitive():
    assert fees.ramp_preset("EMASIM") == fees.ramp_preset("emasim")


# --------------------------------------------------------------------------- schedule


def test_schedule_columns_and_values():
    rule = fees.RampRule(subsidised_years=1, first_share="30%", step=0.3, cap="80%")
    table = fees.schedule(rule, annual_cost="1000", years="5")
    assert list(table.columns) == [
        "year",
        "cost",
        "fee_share",
        "fee",
        "subsidy",
        "cumulative_recovery",
    ]
    assert table["year"].tolist() == [1, 2, 3, 4, 5]
    assert table["fee_share"].tolist() == pytest.approx([0, 0.3, 0.6, 0.8, 0.8])
    assert table["fee"].tolist() == pytest.approx([0, 300, 600, 800, 800])
    assert table["subsidy"].tolist() == pytest.approx([1000, 700, 400, 200, 200])
    assert table["cumulative_recovery"].tolist() == pytest.approx(
        [0, 300 / 2000, 900 / 3000, 1700 / 4000, 2500 / 5000]
    )
    assert fees.SCHEDULE_COLUMNS == ("year", "fee_share", "fee", "subsidy", "cumulative_recovery")


def test_schedule_defaults_come_from_the_illustrative_table():
    table = fees.schedule(fees.ramp_preset("emasim"))
    defaults = fees.default_service()
    assert len(table) == defaults["years"]
    assert (table["cost"] == defaults["annual_cost"]).all()
    rows = fees.provenance("service", "default")
    assert set(rows["provenance"]) == {"illustrative"}


def test_full_cost_year_matches_the_schedule():
    rule = fees.RampRule(subsidised_years=2, first_share=0.3, step=0.1)  # 0.3 + 7 * 0.1 = 1
    table = fees.schedule(rule, 100, 15)
    year = fees.full_cost_year(rule)
    assert year == 10
    assert table.loc[table["fee_share"] >= 1, "year"].min() == year
    assert fees.full_cost_year(fees.RampRule(first_share=1)) == 1
    assert fees.full_cost_year(fees.RampRule(first_share=0.5, step=0)) is None
    assert fees.full_cost_year(fees.RampRule(first_share=0.5, step=0.5, cap=0.99)) is None


def test_full_cost_year_beyond_the_horizon():
    rule = fees.RampRule(first_share=0.01, step=0.01)
    assert fees.full_cost_year(rule) == 100
    assert fees.schedule(rule, 1, 10)["fee_share"].max() < 1


def test_compare_presets():
    table = fees.compare(fees.ramp_presets(), annual_cost=4000, years=10)
    assert list(table.index) == ["emasim", "fast", "gentle", "none"]
    assert (table["fees"] + table["subsidy"]).tolist() == pytest.approx([40000] * 4)
    assert table.loc["emasim", "full_cost_year"] == 8
    assert table["full_cost_year"].isna().tolist() == [False, False, False, True]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("params", "column", "words"),
    [
        ({"first_share": -0.1}, "first_share", "below 0"),
        ({"first_share": "120%"}, "first_share", "above 100 %"),
        ({"first_share": 1.2}, "first_share", "above 1"),
        ({"first_share": 0.2, "step": "abc"}, "step", "not a number"),
        ({"first_share": 0.2, "subsidised_years": -2}, "subsidised_years", "below 0"),
        ({"first_share": 0.5, "cap": 0.3}, "cap", "below the first share"),
        ({"first_share": 0.2, "cap": "101 %"}, "cap", "above 100 %"),
    ],
)
def test_bad_rules_name_the_parameter(params, column, words):
    with pytest.raises(JlpInputError) as caught:
        fees.RampRule(**params)
    problem = caught.value.problems[0]
    assert problem.column == column and words in problem.message and problem.fix


@pytest.mark.parametrize(
    ("cost", "years", "columns"),
    [
        (-1, 10, ["annual_cost"]),
        (0, 10, ["annual_cost"]),
        (4000, -3, ["years"]),
        (4000, 0, ["years"]),
        ("x", "y", ["annual_cost", "years"]),
        (4000, 101, ["years"]),
    ],
)
def test_bad_cost_or_years(cost, years, columns):
    with pytest.raises(JlpInputError) as caught:
        fees.schedule(fees.ramp_preset("fast"), cost, years)
    assert [p.column for p in caught.value.problems] == columns


# --------------------------------------------------------------------------- invariants

shares = st.floats(min_value=0, max_value=1, allow_nan=False, allow_infinity=False)


@st.composite
def rules(draw):
    first = draw(shares)
    cap = draw(st.floats(min_value=first, max_value=1, allow_nan=False))
    step = draw(st.one_of(shares, st.floats(min_value=0, max_value=1e-9)))  # tiny steps too
    return fees.RampRule(
        subsidised_years=draw(st.integers(0, 12)), first_share=first, step=step, cap=cap
    )


costs = st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(rules(), costs, st.integers(1, 40))
def test_invariants(rule, cost, years):
    table = fees.schedule(rule, cost, years)
    share = table["fee_share"].to_numpy()
    # fee + subsidy = cost, every year
    for fee, subsidy in zip(table["fee"], table["subsidy"], strict=True):
        assert math.isclose(fee + subsidy, cost, rel_tol=1e-12, abs_tol=1e-9)
        assert fee >= 0 and subsidy >= 0
    # the share never falls, and stays within [0, cap]
    assert (share[1:] >= share[:-1]).all()
    assert (share >= 0).all() and (share <= rule.cap).all()
    # subsidised years pay nothing
    free = min(rule.subsidised_years, years)
    assert (table["fee"].iloc[:free] == 0).all()
    # cumulative recovery within [0, 1]
    recovery = table["cumulative_recovery"]
    assert ((recovery >= 0) & (recovery <= 1)).all()


@settings(max_examples=300, deadline=None)
@given(rules())
def test_full_cost_year_is_the_first_year_at_full_share(rule):
    year = fees.full_cost_year(rule)
    if year is None:
        assert rule.cap < 1 or rule.step == 0 or rule.share(10_000) < 1
    else:
        assert rule.share(year) >= 1
        assert year == 1 or rule.share(year - 1) < 1
        assert year > rule.subsidised_years


@settings(max_examples=100, deadline=None)
@given(rules(), st.integers(1, 30))
def test_share_and_shares_agree(rule, years):
    assert rule.shares(years).tolist() == [rule.share(y) for y in range(1, years + 1)]


def test_the_chapter_table_matches_the_presets():
    """The preset table typed in book/fee-ramp.md says what the presets compute."""
    page = (Path(__file__).resolve().parents[1] / "book" / "fee-ramp.md").read_text("utf-8")
    rows = [line.split("|")[1:-1] for line in page.splitlines() if line.startswith("| `")]
    compared = fees.compare(fees.ramp_presets(), annual_cost=4000, years=10)
    assert [r[0].strip(" `") for r in rows] == list(compared.index)
    for cells in rows:
        name = cells[0].strip(" `")
        rule = fees.ramp_preset(name)
        free, first, step, full, recovered = (c.strip() for c in cells[1:])
        assert free == ("all" if name == "none" else str(rule.subsidised_years))
        assert first == f"{rule.first_share:.0%}".replace("%", " %")
        assert step == f"{rule.step:.0%}".replace("%", " %")
        year = fees.full_cost_year(rule)
        assert full == (f"year {year}" if year is not None else "never")
        assert recovered == f"{compared.loc[name, 'recovery']:.0%}".replace("%", " %")


@pytest.mark.parametrize("step", [1e-12, 3e-12, 1e-9, 1e-17, 5e-324])
def test_full_cost_year_with_tiny_steps_ends(step):
    rule = fees.RampRule(subsidised_years=2, first_share=0.3, step=step)
    year = fees.full_cost_year(rule)
    if rule.step == 0:  # below a millionth of a percentage point: kept as 0
        assert year is None
    else:
        assert rule.share(year) >= 1 and rule.share(year - 1) < 1
