"""jlp.viz.scale_charts: what each chart draws, in-place updates, and grey-safe styles."""

from __future__ import annotations

import numpy as np
import pytest

from jlp import scale
from jlp.viz import scale_charts as charts


@pytest.fixture(scope="module")
def prod():
    return scale.producers()


@pytest.fixture(scope="module")
def curve():
    return scale.yarn_prices()


def test_price_curve_follows_the_tiers(curve):
    fig = charts.price_curve_chart(curve)
    line = fig.data[0]
    assert line.line.shape == "hv" and fig.layout.xaxis.type == "log"
    assert list(line.y) == [curve.price(x) for x in line.x]
    assert set(line.y) == set(curve.unit_price)  # every tier is drawn
    assert max(line.x) > curve.best_price_from
    best = fig.layout.shapes[0]
    assert best.x0 == best.x1 == curve.best_price_from
    assert f"{curve.best_price_from:,.0f}" in fig.layout.annotations[0].text
    assert "llustrative" in fig.layout.title.subtitle.text


def test_each_level_is_marked_where_it_buys(prod, curve):
    buys = scale.purchases(prod, curve)
    fig = charts.price_curve_chart(curve, buys)
    by_name = {trace.name: trace for trace in fig.data}
    for level in scale.LEVELS:
        trace = by_name[charts.TEXT["levels"][level]]
        rows = buys.loc[buys["level"] == level]
        if level != "own":
            rows = rows.loc[rows["members"] >= 2]
        assert sorted(trace.x) == sorted(rows["quantity_kg"].clip(lower=10))
        assert sorted(trace.y) == sorted(rows["unit_price"])
    sector = by_name[charts.TEXT["levels"]["sector"]]
    assert list(sector.y) == [curve.best_price]
    symbols = {by_name[charts.TEXT["levels"][lv]].marker.symbol for lv in scale.LEVELS}
    assert len(symbols) == len(scale.LEVELS)  # told apart without colour


def test_smooth_curve_is_a_line_without_best_marker():
    smooth = scale.SmoothPrice()
    fig = charts.price_curve_chart(smooth)
    assert fig.data[0].line.shape == "linear"
    assert len(fig.layout.shapes) == 0
    assert np.all(np.diff(fig.data[0].y) <= 0)


def test_price_chart_updates_in_place(prod, curve):
    fig = charts.price_curve_chart(curve, scale.purchases(prod, curve, levels=["own"]))
    same = charts.price_curve_chart(curve, scale.purchases(prod, curve), fig=fig)
    assert same is fig
    assert len(fig.data[3].x) == 1  # the sector purchase is now drawn


def test_pool_chart_marks_members_and_pool(prod, curve):
    pool = scale.pool_purchase(prod, scale.pool_choices(prod)["ecohamaca"], curve)
    fig = charts.pool_chart(pool, curve)
    members, star = fig.data[1], fig.data[2]
    assert list(members.y) == pool.detail["own_unit_price"].tolist()
    assert list(star.x) == [pool.quantity_kg] and list(star.y) == [pool.unit_price]
    assert "11 producer(s)" in fig.layout.title.text
    other = scale.pool_purchase(prod, ["ind_01", "ind_02"], curve)
    assert charts.pool_chart(other, curve, fig=fig) is fig
    assert list(fig.data[2].x) == [other.quantity_kg]
    assert "2 producer(s)" in fig.layout.title.text


def test_savings_chart_bars(prod, curve):
    table = scale.savings_by_level(prod, curve)
    fig = charts.savings_chart(table)
    assert [list(t.y) for t in fig.data] == [
        table[c].tolist() for c in ("saving", "coordination_cost", "net_saving")
    ]
    patterns = {t.marker.pattern.shape for t in fig.data}
    assert len(patterns) == 3  # readable in grey
    cheaper = scale.savings_by_level(prod, curve, coordination=scale.CoordinationCost(0, 0, 0))
    assert charts.savings_chart(cheaper, fig=fig) is fig
    assert list(fig.data[1].y) == [0, 0, 0, 0]


def test_tradeoff_chart_marks_the_optimum():
    project = scale.project_preset("purchase_centre")
    table = scale.net_benefit_table(project, max_size=80)
    best = scale.best_size(project, max_size=80)
    fig = charts.tradeoff_chart(table, best)
    assert list(fig.data[2].y) == table["net_benefit"].tolist()
    assert list(fig.data[3].x) == [best.size] and list(fig.data[3].y) == [best.net_benefit]
    assert fig.layout.shapes[0].x0 == best.size
    assert str(best.size) in fig.data[3].name
    # per member: every line divided by the size
    members = scale.best_size(project, max_size=80, objective="per_member")
    fig = charts.tradeoff_chart(table, members, objective="per_member")
    assert np.allclose(fig.data[0].y, table["benefit_per_member"])
    assert list(fig.data[3].y) == [members.net_per_member]


def test_tradeoff_chart_of_the_yarn_pool():
    table = scale.pool_tradeoff()
    fig = charts.tradeoff_chart(table, scale.best_row(table))
    assert fig.data[0].name == charts.TEXT["benefit_pool"]
    assert fig.layout.title.text == charts.TEXT["pool_tradeoff_title"]
    unmarked = charts.tradeoff_chart(table, fig=fig)
    assert unmarked is fig and len(fig.data[3].x) == 0 and len(fig.layout.shapes) == 0


def test_tradeoff_chart_says_when_no_group_pays():
    project = scale.JointProject(
        value_per_member=1, half_partners=50, coordination=scale.CoordinationCost(1000, 100, 10)
    )
    fig = charts.tradeoff_chart(scale.net_benefit_table(project), scale.best_size(project))
    assert fig.data[3].name == charts.TEXT["no_group"]


def test_scope_chart_scales_each_project_to_its_best():
    presets = scale.project_presets()
    fig = charts.scope_chart(presets, max_size=250)
    lines, marks = fig.data[0::2], fig.data[1::2]
    for project, line, mark in zip(presets.values(), lines, marks, strict=True):
        best = scale.best_size(project, max_size=250)
        assert max(line.y) == pytest.approx(1.0)
        assert list(mark.x) == [best.size] and mark.y[0] == pytest.approx(1.0)
        assert f"{best.size} members" in line.name
    assert len({line.line.dash for line in lines}) == len(lines)
