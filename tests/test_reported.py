"""jlp.reported: a reported figure reads the same, hedge kept, wherever the course shows it."""

from __future__ import annotations

import pytest

from jlp import datasets, programme
from jlp.cases import ecohamaca, emasim, jampro
from jlp.reported import figure_value, hedged
from jlp.widgets.facts import facts_table_html


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"value": 300, "qualifier": "about"}, "about 300"),
        ({"value": 40, "unit": "percent", "qualifier": "more_than"}, "more than 40 %"),
        ({"value": 40, "unit": "percent", "qualifier": "up_to"}, "up to 40 %"),
        ({"value": 2, "high": 15, "qualifier": "between"}, "2 to 15"),
        ({"value": 1_500_000, "unit": "usd", "qualifier": "about"}, "about US$ 1,500,000"),
        ({"value": 1996, "unit": "year"}, "1996"),
        ({"value": 1997, "unit": "year", "period": "1997-08"}, "August 1997"),
        ({"value": 3, "unit": "years"}, "3 years"),
        ({"value": 25, "unit": "km"}, "25 km"),
        ({"value": 1 / 3, "unit": "fraction"}, "33 %"),
        ({"value": 2.5, "unit": "count"}, "2.5"),
        ({"value": 4, "unit": "count", "qualifier": None}, "4"),
        ({"value": float("nan")}, "—"),
        ({"value": 20, "unit": "percent", "source": "Box 1"}, "20 % (Box 1)"),
    ],
)
def test_hedged_writes_number_unit_and_hedge(args, expected):
    value = args.pop("value")
    assert hedged(value, **args) == expected


def test_every_reported_figure_keeps_its_hedge_and_no_blank():
    figures = datasets.load("reported_figures")
    words = {"about": "about ", "more_than": "more than ", "up_to": "up to ", "between": " to "}
    for _, row in figures.iterrows():
        text = figure_value(row)
        assert not any(bad in text for bad in ("nan", "<NA>", "None")), row["id"]
        if row["qualifier"] in words:
            assert words[row["qualifier"]] in text, row["id"]
        assert figure_value(row, with_source=True).endswith(f"({row['source']})")


def test_the_pages_write_a_figure_the_same_way():
    """The case tables, the facts widget and the programme table share one writing."""
    assert "more than 40 %" in emasim.reported_figures()["Value"].tolist()
    assert "more than 40 %" in facts_table_html("Honduras")
    assert "more than 3,000" in ecohamaca.reported_figures()["Value"].tolist()
    assert "more than 3,000" in facts_table_html("Nicaragua")
    assert jampro.projects()["Budget"].iloc[0].startswith("about US$ 1,500,000")
    assert "about US$ 1,500,000" in programme.projects_table()["Budget"].tolist()
