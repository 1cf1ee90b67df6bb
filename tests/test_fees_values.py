"""Reading shares, counts and amounts: every accepted spelling, every refusal named."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jlp.errors import JlpInputError
from jlp.fees import RampRule, parse_amount, parse_count, parse_percentage, parse_share


@pytest.mark.parametrize(
    ("given_value", "expected"),
    [
        ("20%", 0.2),
        ("20 %", 0.2),
        ("20\u00a0%", 0.2),  # no-break space, as Spanish typography writes it
        ("20\u202f%", 0.2),  # narrow no-break space
        (" 0.2 ", 0.2),
        ("0,2", 0.2),
        ("20,5 %", 0.205),
        ("100%", 1.0),
        ("0%", 0.0),
        ("1", 1.0),
        ("0", 0.0),
        (".25", 0.25),
        (0.2, 0.2),
        (1, 1.0),
        (0, 0.0),
    ],
)
def test_parse_share_accepts_fractions_and_percents(given_value, expected):
    assert parse_share(given_value) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("given_value", "words"),
    [
        ("120%", "above 100 %"),
        ("1.5", "above 1"),
        (20, "above 1"),
        ("-0.1", "below 0"),
        ("-5%", "below 0"),
        ("abc", "is not a number"),
        ("%", "is not a number"),
        ("", "is empty"),
        ("   ", "is empty"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        (float("nan"), "is not a number"),
        (True, "wrong kind"),
        (None, "wrong kind"),
        ("20 % 5", "is not a number"),
    ],
)
def test_parse_share_refuses_with_the_parameter_and_the_fix(given_value, words):
    with pytest.raises(JlpInputError) as caught:
        parse_share(given_value, name="first_share")
    problem = caught.value.problems[0]
    assert problem.column == "first_share"
    assert words in problem.message
    assert "0.2" in problem.fix and "20%" in problem.fix


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_parse_share_reads_a_fraction_and_its_percent_alike(fraction):
    assert parse_share(repr(fraction)) == pytest.approx(fraction, abs=1e-12)
    assert parse_share(f"{fraction * 100!r}%") == pytest.approx(fraction, abs=1e-12)


def test_parse_percentage_without_a_limit_reads_growth():
    assert parse_percentage("200%", name="sales_gain", maximum=None) == 2.0
    assert parse_percentage("2", name="sales_gain", maximum=None) == 2.0
    with pytest.raises(JlpInputError, match="below 0"):
        parse_percentage("-1%", maximum=None)


@pytest.mark.parametrize(("given_value", "expected"), [("3", 3), (4, 4), (5.0, 5), (" 7 ", 7)])
def test_parse_count_accepts_whole_numbers(given_value, expected):
    assert parse_count(given_value, name="years") == expected


@pytest.mark.parametrize(
    ("given_value", "words"),
    [
        ("-1", "below 1"),
        ("2.5", "not a whole number"),
        ("ten", "not a number"),
        ("101", "above 100"),
        (False, "wrong kind"),
    ],
)
def test_parse_count_refuses(given_value, words):
    with pytest.raises(JlpInputError) as caught:
        parse_count(given_value, name="years", minimum=1, maximum=100)
    problem = caught.value.problems[0]
    assert problem.column == "years" and words in problem.message
    assert "whole number" in problem.fix


def test_parse_amount_accepts_spaces_and_refuses_commas():
    assert parse_amount("4 000") == 4000.0
    assert parse_amount("4000.50") == 4000.5
    with pytest.raises(JlpInputError) as caught:
        parse_amount("4,000", name="annual_cost")
    assert caught.value.problems[0].column == "annual_cost"
    assert "thousands separators" in caught.value.problems[0].fix


@pytest.mark.parametrize(("given_value", "words"), [("-5", "below 0"), ("0", "must be above 0")])
def test_parse_amount_limits(given_value, words):
    with pytest.raises(JlpInputError, match=words):
        parse_amount(given_value, name="annual_cost", above=True)


def test_a_record_reports_every_bad_parameter_at_once():
    with pytest.raises(JlpInputError) as caught:
        RampRule(subsidised_years="-1", first_share="150%", step="x", cap=2)
    columns = [p.column for p in caught.value.problems]
    assert columns == ["subsidised_years", "first_share", "step", "cap"]


def test_a_record_names_missing_and_unknown_parameters():
    with pytest.raises(JlpInputError) as caught:
        RampRule(step=0.1, speed=3)
    by_column = {p.column: p for p in caught.value.problems}
    assert by_column["first_share"].message == "is missing"
    assert "not a parameter" in by_column["speed"].message
    assert "first_share" in by_column["speed"].fix


def test_replace_checks_the_new_values():
    rule = RampRule(first_share=0.2, step=0.1)
    assert rule.replace(step="30%").step == pytest.approx(0.3)
    assert rule.step == 0.1  # unchanged: records are frozen
    with pytest.raises(JlpInputError, match="above 1"):
        rule.replace(cap=3)


def test_a_share_of_exactly_one_survives_rounding():
    assert parse_share("100.0000000000001%") == 1.0
    assert not math.isnan(parse_share("0%"))
