"""Fee charts: the data they draw, in-place updates, and the static explorer."""

from __future__ import annotations

import json

import numpy as np
import pytest

from jlp import fees, viz
from jlp.viz import fee_charts
from jlp.viz.palette import OKABE_ITO


def _y(trace) -> list[float]:
    return np.asarray(trace.y, dtype=float).tolist()


def test_schedule_chart_draws_fee_subsidy_and_recovery():
    rule = fees.ramp_preset("emasim")
    table = fees.schedule(rule, 4000, 10)
    fig = fee_charts.schedule_chart(table, rule=rule)
    fee, subsidy, recovery = fig.data
    assert fig.layout.barmode == "stack"
    assert _y(fee) == table["fee"].tolist() and _y(subsidy) == table["subsidy"].tolist()
    assert _y(recovery) == table["cumulative_recovery"].tolist()
    assert recovery.yaxis == "y2" and fig.layout.yaxis2.tickformat == ".0%"
    assert fee.marker.color == OKABE_ITO["blue"] and subsidy.marker.color == OKABE_ITO["orange"]
    assert "year 8" in fig.layout.title.subtitle.text
    assert "Illustrative" in fig.layout.title.subtitle.text


def test_schedule_chart_updates_in_place():
    first = fees.schedule(fees.ramp_preset("emasim"), 4000, 10)
    fig = fee_charts.schedule_chart(first, rule=fees.ramp_preset("emasim"))
    second_rule = fees.ramp_preset("none")
    second = fees.schedule(second_rule, 3000, 12)
    same = fee_charts.schedule_chart(second, rule=second_rule, fig=fig)
    fresh = fee_charts.schedule_chart(second, rule=second_rule)
    assert same is fig
    assert json.loads(same.to_json()) == json.loads(fresh.to_json())


def test_affordability_chart_marks_the_warning_years():
    result = fees.affordability(fees.schedule(fees.ramp_preset("fast"), 4000, 10))
    fig = fee_charts.affordability_chart(result)
    names = [t.name for t in fig.data]
    assert names[:3] == [
        "Extra margin from co-operation",
        "Fee",
        "Fee as a share of the extra margin",
    ]
    assert names[3] == "Drop-out threshold (25%)" and names[4] == "Dependency floor (5%)"
    dropout, dependency = fig.data[5], fig.data[6]
    assert list(dropout.x) == [2] and list(dependency.x) == []
    assert _y(fig.data[2]) == pytest.approx(result.table["fee_to_margin"].tolist())
    assert "teaching assumptions" in fig.layout.title.subtitle.text
    other = fees.affordability(fees.schedule(fees.ramp_preset("gentle"), 4000, 10))
    same = fee_charts.affordability_chart(other, fig=fig)
    assert json.loads(same.to_json()) == json.loads(fee_charts.affordability_chart(other).to_json())


def test_affordability_chart_leaves_an_infinite_ratio_out():
    table = fees.schedule(fees.RampRule(first_share=0.5), 100, 3)
    result = fees.affordability(table, [0, 100, 1000])
    fig = fee_charts.affordability_chart(result)
    ratio = fig.data[2].y
    assert ratio[0] is None or np.isnan(ratio[0])
    assert list(fig.data[5].x) == [1, 2]  # drop-out years still marked


def test_revenue_mix_chart_stacks_every_source():
    table = fees.finances(fees.institution_preset("mexico"))
    fig = fee_charts.revenue_mix_chart(table)
    names = [t.name for t in fig.data]
    assert names == [
        "Service fees (networks)",
        "Membership fees",
        "State government",
        "PII (the programme)",
        "Total cost",
        "Public/donor share (right axis)",
    ]
    stacked = np.sum([_y(t) for t in fig.data[:4]], axis=0)
    assert stacked.tolist() == pytest.approx((table["cost"] + table["surplus"]).tolist())
    patterns = {t.marker.pattern.shape for t in fig.data[:4]}
    assert len(patterns) == 4  # sources stay apart in grey print
    assert "No break-even" in fig.layout.title.subtitle.text


def test_revenue_mix_chart_rebuilds_when_the_sources_change():
    fig = fee_charts.revenue_mix_chart(fees.finances(fees.institution_preset("mexico")))
    certec = fees.finances(fees.institution_preset("certec"))
    other = fee_charts.revenue_mix_chart(certec, fig=fig)
    assert other is not fig
    assert [t.name for t in other.data][:4] == [
        "Service fees (networks)",
        "Service fees (institutions: broker training)",
        "Membership fees",
        "International donor",
    ]
    again = fee_charts.revenue_mix_chart(certec.assign(cost=certec["cost"] * 2), fig=other)
    assert again is other


def test_revenue_mix_chart_names_the_break_even_year():
    plan = fees.InstitutionPlan(
        years=5,
        first_cohorts=[4],
        support_years=5,
        cost_per_network=100,
        membership_fee=60,
        overhead=50,
        ramp=fees.RampRule(first_share=0.25, step=0.25),
    )
    fig = fee_charts.revenue_mix_chart(fees.finances(plan))
    assert "from year 4" in fig.layout.title.subtitle.text


def test_preset_shares_chart():
    fig = fee_charts.preset_shares_chart(fees.ramp_presets(), years=8)
    assert [t.name for t in fig.data] == ["emasim", "fast", "gentle", "none"]
    assert _y(fig.data[0]) == fees.ramp_preset("emasim").shares(8).tolist()
    assert len({t.marker.symbol for t in fig.data}) == 4


def test_ramp_explorer_precomputes_every_ramp():
    fig = fee_charts.ramp_explorer_chart(
        free_years=(0, 2), steps=(0.0, 0.1, 0.5), start=(2, 0.1), annual_cost=1000, years=6
    )
    (slider,) = fig.layout.sliders
    (menu,) = fig.layout.updatemenus
    assert [s.label for s in slider.steps] == ["0%", "10%", "50%"]
    assert slider.active == 1 and menu.active == 1
    for step, value in zip(slider.steps, (0.0, 0.1, 0.5), strict=True):
        rule = fees.RampRule(subsidised_years=2, first_share=0.2, step=value)
        table = fees.schedule(rule, 1000, 6)
        data, layout = step.args
        assert data["y"][0] == pytest.approx(table["fee"].tolist())
        assert data["y"][1] == pytest.approx(table["subsidy"].tolist())
        assert data["y"][2] == pytest.approx(table["cumulative_recovery"].tolist())
        assert f"rising by {value:.0%}" in layout["title.text"]
    # each button shows its ramp and swaps in a slider computed for its free years
    zero = menu.buttons[0]
    data, layout = zero.args
    table = fees.schedule(fees.RampRule(first_share=0.2, step=0.1), 1000, 6)
    assert data["y"][0] == pytest.approx(table["fee"].tolist())
    inner = layout["sliders"][0]["steps"][2]["args"][0]["y"][0]
    assert inner == pytest.approx(
        fees.schedule(fees.RampRule(first_share=0.2, step=0.5), 1000, 6)["fee"].tolist()
    )


def test_charts_are_book_safe():
    fig = fee_charts.ramp_explorer_chart()
    bundle = viz.show(fig)._repr_mimebundle_()
    assert "Plotly.newPlot" in bundle["text/html"]
    assert "cdn" not in bundle["text/html"].lower()
