"""PoolChooser: presets and ticks drive jlp.scale.pool_purchase; errors become messages."""

from __future__ import annotations

import pandas as pd
import pytest

from jlp import scale
from jlp.widgets.pool_chooser import TEXT, PoolChooser


@pytest.fixture()
def chooser():
    return PoolChooser()


def test_starts_with_ecohamaca(chooser):
    eco = scale.pool_choices()["ecohamaca"]
    assert chooser.preset.value == "ecohamaca"
    assert list(chooser.members.value) == eco
    expected = scale.pool_purchase(None, eco)
    assert chooser.result() == expected
    assert f"US$ {expected.unit_price:.2f}" in chooser.summary.value
    assert f"{expected.saving:,.0f}" in chooser.summary.value
    assert "llustrative" in chooser.summary.value


def test_every_named_pool_is_offered(chooser):
    keys = [value for _, value in chooser.preset.options]
    assert keys == [*scale.pool_choices(), "custom"]
    labels = dict((v, k) for k, v in chooser.preset.options)
    assert labels["sector:hammocks"] == "Hammock sector"


def test_choosing_a_preset_sets_the_members(chooser):
    chooser.preset.value = "sector:hammocks"
    sector = scale.pool_choices()["sector:hammocks"]
    assert list(chooser.members.value) == sector
    assert chooser.result().unit_price == scale.yarn_prices().best_price
    assert TEXT["best_reached"] in chooser.summary.value


def test_ticking_producers_makes_a_custom_pool(chooser):
    chooser.members.value = ("eco_01", "ind_01")
    assert chooser.preset.value == "custom"
    assert chooser.result() == scale.pool_purchase(None, ["eco_01", "ind_01"])
    # ticking exactly a network's members selects that network again
    chooser.members.value = tuple(scale.pool_choices()["network_b"])
    assert chooser.preset.value == "network_b"


def test_coordination_sliders(chooser):
    chooser.fixed.value = 0
    chooser.per_member.value = 0
    chooser.per_pair.value = 10
    result = chooser.result()
    assert result.coordination_cost == scale.CoordinationCost(0, 0, 10).cost(11)
    assert f"US$ {result.coordination_cost:,.0f} a month" in chooser.summary.value
    chooser.per_pair.value = 50
    chooser.fixed.value = 1000
    assert result.saving < chooser.result().coordination_cost
    assert "costs more than it saves" in chooser.summary.value


def test_empty_pool_is_a_message_not_a_traceback(chooser):
    figure = chooser._figure
    chooser.members.value = ()
    assert TEXT["error"] in chooser.summary.value
    assert "members" in chooser.summary.value and "at least one producer" in chooser.summary.value
    assert chooser._figure is figure  # the last good chart stays
    chooser.preset.value = "ecohamaca"
    assert TEXT["error"] not in chooser.summary.value


def test_chart_is_updated_in_place(chooser):
    figure = chooser._figure
    chooser.preset.value = "network_c"
    assert chooser._figure is figure
    assert list(figure.data[2].x) == [chooser.result().quantity_kg]


def test_own_producers_table():
    table = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "label": ["A", "B", "C"],
            "network": ["n1", "n1", ""],
            "sector": ["hammocks"] * 3,
            "yarn_kg_month": [3000, 5000, 4500],
        }
    )
    chooser = PoolChooser(table, pool="n1")
    assert chooser.result().quantity_kg == 8000
    chooser.preset.value = "sector:hammocks"
    assert chooser.result().unit_price == scale.yarn_prices().price(12_500)


def test_a_pool_that_needs_no_yarn():
    table = pd.DataFrame(
        {"id": ["a", "w"], "sector": ["hammocks", "wood"], "yarn_kg_month": [100, 0]}
    )
    chooser = PoolChooser(table, pool="custom")
    chooser.members.value = ("w",)
    assert TEXT["no_yarn"] in chooser.summary.value


def test_exported_from_jlp_widgets():
    from jlp import widgets

    assert widgets.PoolChooser is PoolChooser
