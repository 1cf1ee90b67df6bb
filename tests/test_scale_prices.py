"""jlp.scale.prices: yarn price curves (tiers and a smooth rule), monotone, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp import datasets, scale
from jlp.errors import JlpInputError

# --------------------------------------------------------------------------- strategies


@st.composite
def tier_tables(draw) -> scale.TierTable:
    """A valid tier table: thresholds rising from 0, prices never rising."""
    count = draw(st.integers(1, 7))
    steps = draw(
        st.lists(st.floats(1, 5000, allow_nan=False), min_size=count - 1, max_size=count - 1)
    )
    thresholds = np.concatenate([[0.0], np.cumsum(steps)]).tolist()
    top = draw(st.floats(0.5, 20))
    cuts = draw(st.lists(st.floats(0, 0.5), min_size=count - 1, max_size=count - 1))
    prices = [top]
    for cut in cuts:
        prices.append(prices[-1] * (1 - cut))
    return scale.TierTable(min_kg=thresholds, unit_price=prices)


smooth_curves = st.builds(
    lambda top, share, half: scale.SmoothPrice(
        list_price=top, floor_price=top * share, half_discount_kg=half
    ),
    st.floats(0.5, 20),
    st.floats(0.05, 1.0),
    st.floats(1, 50_000),
)
curves = st.one_of(tier_tables(), smooth_curves)
quantities = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)


# --------------------------------------------------------------------------- the bundled curve


def test_bundled_curve_is_the_illustrative_tier_table():
    curve = scale.yarn_prices()
    tiers = datasets.load("masaya_price_tiers")
    assert isinstance(curve, scale.TierTable)
    assert list(curve.min_kg) == tiers["min_kg"].astype(float).tolist()
    assert list(curve.unit_price) == tiers["unit_price_usd"].astype(float).tolist()
    assert list(curve.labels) == tiers["label"].tolist()
    assert set(tiers["provenance"]) == {"illustrative"}
    assert curve.list_price == tiers["unit_price_usd"].iloc[0]
    assert curve.best_price == tiers["unit_price_usd"].min()
    assert curve.best_price_from == tiers["min_kg"].max()


def test_all_units_tiers_price_the_whole_order():
    curve = scale.TierTable(min_kg=[0, 100, 1000], unit_price=[4.0, 3.5, 3.0])
    assert curve.price(0) == 4.0
    assert curve.price(99.9) == 4.0
    assert curve.price(100) == 3.5
    assert curve.price(999) == 3.5
    assert curve.price(1000) == 3.0
    assert curve.price(1e9) == 3.0
    assert curve.cost(200) == pytest.approx(700.0)
    assert curve.price(np.array([50, 150, 5000])).tolist() == [4.0, 3.5, 3.0]
    assert curve.tier(150) == 1
    assert curve.table()["max_kg"].iloc[:2].tolist() == [100, 1000]
    assert math.isinf(curve.table()["max_kg"].iloc[-1])


def test_smooth_rule_is_documented_formula():
    curve = scale.SmoothPrice(list_price=4.0, floor_price=3.0, half_discount_kg=500)
    assert curve.price(0) == 4.0
    assert curve.price(500) == pytest.approx(3.5)  # half of the full discount
    assert curve.price(1e12) == pytest.approx(3.0, abs=1e-6)
    assert curve.best_price == 3.0 and curve.best_price_from is None


def test_price_table_samples_the_curve():
    curve = scale.yarn_prices()
    table = scale.price_table(curve, [0, 250, 12_000])
    assert table.columns.tolist() == ["quantity_kg", "unit_price", "cost"]
    assert table["unit_price"].tolist() == [curve.price(q) for q in (0, 250, 12_000)]
    assert table["cost"].tolist() == pytest.approx(
        [0, 250 * curve.price(250), 12_000 * curve.price(12_000)]
    )


# --------------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None)
@given(curve=curves, a=quantities, b=quantities)
def test_price_never_rises_with_quantity(curve, a, b):
    low, high = sorted((a, b))
    assert curve.price(high) <= curve.price(low)
    assert curve.best_price <= curve.price(high) <= curve.list_price


@settings(max_examples=60, deadline=None)
@given(curve=curves, qs=st.lists(quantities, min_size=2, max_size=40))
def test_vectorised_price_is_monotone_and_matches_scalar(curve, qs):
    ordered = np.sort(np.array(qs))
    prices = curve.price(ordered)
    assert np.all(np.diff(prices) <= 0)
    assert prices.tolist() == [curve.price(float(q)) for q in ordered]


# --------------------------------------------------------------------------- bad input


def _problem(caught) -> object:
    return caught.value.problems[0]


@pytest.mark.parametrize("bad", [-1, -0.01, float("nan"), "lots", float("inf")])
def test_bad_quantity_names_the_parameter(bad):
    with pytest.raises(JlpInputError) as caught:
        scale.yarn_prices().price(bad)
    problem = _problem(caught)
    assert problem.column == "quantity"
    assert problem.fix and "kg" in problem.fix


def test_negative_quantity_in_an_array_is_refused():
    with pytest.raises(JlpInputError) as caught:
        scale.SmoothPrice().price(np.array([10.0, -3.0]))
    assert _problem(caught).column == "quantity" and "-3" in _problem(caught).message


def test_thresholds_that_do_not_increase_are_refused_with_the_row():
    frame = pd.DataFrame({"min_kg": [0, 500, 500, 2000], "unit_price_usd": [4, 3.8, 3.6, 3.2]})
    with pytest.raises(JlpInputError) as caught:
        scale.tiers_from_table(frame, file="tiers.csv")
    problem = _problem(caught)
    assert (problem.file, problem.row, problem.column) == ("tiers.csv", 4, "min_kg")
    assert "increas" in problem.message or "above" in problem.message
    assert "smallest" in problem.fix


def test_prices_that_rise_with_quantity_are_refused():
    with pytest.raises(JlpInputError) as caught:
        scale.TierTable(min_kg=[0, 100, 200], unit_price=[4.0, 3.0, 3.5])
    problem = _problem(caught)
    assert problem.column == "unit_price_usd"
    assert "3.5" in problem.message and problem.fix


def test_first_tier_must_start_at_zero():
    with pytest.raises(JlpInputError) as caught:
        scale.TierTable(min_kg=[100, 200], unit_price=[4.0, 3.0])
    assert _problem(caught).column == "min_kg" and "0" in _problem(caught).fix


@pytest.mark.parametrize(
    ("frame", "column"),
    [
        (pd.DataFrame({"min_kg": [0, 100]}), "unit_price_usd"),
        (pd.DataFrame({"min_kg": [0, "many"], "unit_price_usd": [4, 3]}), "min_kg"),
        (pd.DataFrame({"min_kg": [0, -100], "unit_price_usd": [4, 3]}), "min_kg"),
        (pd.DataFrame({"min_kg": [0, 100], "unit_price_usd": [4, 0]}), "unit_price_usd"),
        (pd.DataFrame({"min_kg": [], "unit_price_usd": []}), "min_kg"),
    ],
)
def test_bad_tier_tables_name_the_column(frame, column):
    with pytest.raises(JlpInputError) as caught:
        scale.tiers_from_table(frame)
    assert any(p.column == column and p.fix for p in caught.value.problems)


def test_every_problem_of_a_tier_table_is_reported_at_once():
    frame = pd.DataFrame({"min_kg": [0, -5, 10], "unit_price_usd": [4, "x", 3]})
    with pytest.raises(JlpInputError) as caught:
        scale.tiers_from_table(frame)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert {(3, "min_kg"), (3, "unit_price_usd")} <= found


def test_unknown_curve_name_lists_the_choices():
    with pytest.raises(JlpInputError) as caught:
        scale.yarn_prices(curve="cotton")
    problem = _problem(caught)
    assert problem.column == "curve" and "cotton_yarn" in problem.fix


def test_tier_file_is_read_with_spreadsheet_rows(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text("min_kg;unit_price_usd\n0;4\n300;3.9\n200;3.5\n", encoding="utf-8-sig")
    with pytest.raises(JlpInputError) as caught:
        scale.yarn_prices(path)
    problem = _problem(caught)
    assert problem.file == str(path) and problem.row == 4 and problem.column == "min_kg"
    good = tmp_path / "good.csv"
    good.write_text("min_kg,unit_price_usd,label\n0,4,shop\n300,3.9,bulk\n", encoding="utf-8")
    curve = scale.yarn_prices(good)
    assert curve.price(400) == 3.9 and curve.labels == ("shop", "bulk")


@pytest.mark.parametrize(
    ("kwargs", "column"),
    [
        ({"list_price": -1}, "list_price"),
        ({"floor_price": 5.0, "list_price": 4.0}, "floor_price"),
        ({"floor_price": 0}, "floor_price"),
        ({"half_discount_kg": 0}, "half_discount_kg"),
    ],
)
def test_bad_smooth_parameters(kwargs, column):
    with pytest.raises(JlpInputError) as caught:
        scale.SmoothPrice(**kwargs)
    assert _problem(caught).column == column and _problem(caught).fix
