"""jlp.scale.pooling: pooled yarn purchases, the levels network/sector/cluster, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_scale_prices import curves

from jlp import scale
from jlp.errors import JlpInputError


@pytest.fixture(scope="module")
def producers() -> pd.DataFrame:
    return scale.producers()


@pytest.fixture(scope="module")
def curve() -> scale.TierTable:
    return scale.yarn_prices()


@st.composite
def producer_tables(draw) -> pd.DataFrame:
    """Small random tables: producers in networks (or none), two sectors, one cluster;
    every network lies within one sector, as the levels assume."""
    count = draw(st.integers(1, 14))
    home = {"net_a": "hammocks", "net_b": "hammocks", "net_c": "wood"}  # networks nest in sectors
    rows = []
    for i in range(count):
        network = draw(st.sampled_from(["", "net_a", "net_b", "net_c"]))
        rows.append(
            {
                "id": f"p{i}",
                "label": f"Producer {i}",
                "network": network,
                "sector": home.get(network) or draw(st.sampled_from(["hammocks", "wood"])),
                "cluster": "town",
                "yarn_kg_month": draw(st.one_of(st.just(0.0), st.floats(0, 20_000))),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- one pool


def test_pool_of_ecohamaca(producers, curve):
    eco = producers.loc[producers["network"] == "ecohamaca"]
    result = scale.pool_purchase(producers, eco["id"].tolist(), curve)
    quantity = eco["yarn_kg_month"].sum()
    assert result.size == 11
    assert result.quantity_kg == pytest.approx(quantity)
    assert result.unit_price == curve.price(quantity)
    assert result.cost == pytest.approx(quantity * curve.price(quantity))
    alone = sum(q * curve.price(q) for q in eco["yarn_kg_month"])
    assert result.cost_alone == pytest.approx(alone)
    assert result.saving == pytest.approx(alone - result.cost)
    assert result.saving_share == pytest.approx(result.saving / alone)
    assert result.coordination_cost == scale.CoordinationCost().cost(11)
    assert result.net_saving == pytest.approx(result.saving - result.coordination_cost)
    detail = result.detail
    assert detail["id"].tolist() == eco["id"].tolist()
    assert detail["own_cost"].sum() == pytest.approx(result.cost_alone)
    assert detail["pooled_cost"].sum() == pytest.approx(result.cost)
    assert (detail["pooled_unit_price"] == result.unit_price).all()


def test_pool_of_one_is_buying_alone(producers, curve):
    result = scale.pool_purchase(producers, ["ind_01"], curve)
    assert result.saving == 0 and result.coordination_cost == 0


def test_defaults_are_the_bundled_data():
    eco = [f"eco_{i:02d}" for i in range(1, 12)]
    assert scale.pool_purchase(None, eco) == scale.pool_purchase(
        scale.producers(), eco, scale.yarn_prices(), coordination=scale.CoordinationCost()
    )


@settings(max_examples=120, deadline=None)
@given(table=producer_tables(), curve=curves, data=st.data())
def test_pooled_unit_price_never_above_a_members_own(table, curve, data):
    members = data.draw(st.lists(st.sampled_from(table["id"].tolist()), min_size=1, unique=True))
    result = scale.pool_purchase(table, members, curve)
    detail = result.detail
    assert (result.unit_price <= detail["own_unit_price"]).all()
    assert (detail["pooled_cost"] <= detail["own_cost"] + 1e-9).all()
    assert result.saving >= -1e-9
    assert result.cost <= result.cost_alone + 1e-9


# --------------------------------------------------------------------------- levels


def test_groups_at_each_level(producers):
    buyers = producers.loc[producers["yarn_kg_month"] > 0, "id"].tolist()
    own = scale.groups(producers, "own")
    assert sorted(own) == sorted(buyers) and all(own[i] == [i] for i in own)
    network = scale.groups(producers, "network")
    assert network["ecohamaca"] == [f"eco_{i:02d}" for i in range(1, 12)]
    assert network["ind_01"] == ["ind_01"]
    assert "wood_01" not in network  # needs no yarn, buys nothing alone
    sector = scale.groups(producers, "sector")
    assert sorted(sector) == ["hammocks"]  # the wood sector buys no yarn
    assert len(sector["hammocks"]) == (producers["sector"] == "hammocks").sum()
    cluster = scale.groups(producers, "cluster")
    assert cluster["masaya"] == producers["id"].tolist()


def test_box_4_the_best_price_needs_the_whole_sector(producers, curve):
    buys = scale.purchases(producers, curve)
    networks = buys.loc[buys["level"] == "network"]
    sector = buys.loc[buys["level"] == "sector"]
    assert networks["quantity_kg"].max() < curve.best_price_from
    assert (networks["unit_price"] > curve.best_price).all()
    assert len(sector) == 1 and sector["unit_price"].iloc[0] == curve.best_price


def test_savings_by_level(producers, curve):
    table = scale.savings_by_level(producers, curve)
    assert table["level"].tolist() == list(scale.LEVELS)
    by = table.set_index("level")
    assert by.loc["own", "saving"] == 0 and by.loc["own", "coordination_cost"] == 0
    assert by.loc["own", "saving"] < by.loc["network", "saving"] < by.loc["sector", "saving"]
    assert np.allclose(table["cost"], table["cost_alone"] - table["saving"])
    assert (table["net_saving"] == table["saving"] - table["coordination_cost"]).all()
    assert np.allclose(table["quantity_kg"], producers["yarn_kg_month"].sum())
    # the cluster adds members who need no yarn: the same saving, more co-ordination
    assert by.loc["cluster", "saving"] == pytest.approx(by.loc["sector", "saving"])
    assert by.loc["cluster", "coordination_cost"] > by.loc["sector", "coordination_cost"]
    assert by.loc["cluster", "net_saving"] < by.loc["sector", "net_saving"]
    buys = scale.purchases(producers, curve)
    for level in scale.LEVELS:
        rows = buys.loc[buys["level"] == level]
        assert by.loc[level, "saving"] == pytest.approx(rows["saving"].sum())
        assert by.loc[level, "purchases"] == len(rows)


@settings(max_examples=80, deadline=None)
@given(table=producer_tables(), curve=curves)
def test_wider_levels_never_save_less(table, curve):
    saving = scale.savings_by_level(table, curve).set_index("level")["saving"]
    assert saving["own"] <= saving["network"] + 1e-6
    assert saving["network"] <= saving["sector"] + 1e-6
    assert saving["sector"] <= saving["cluster"] + 1e-6


def test_pool_choices_name_every_network_sector_and_cluster(producers):
    choices = scale.pool_choices(producers)
    assert choices["ecohamaca"] == scale.groups(producers, "network")["ecohamaca"]
    assert choices["sector:hammocks"] == scale.groups(producers, "sector")["hammocks"]
    assert choices["cluster:masaya"] == producers["id"].tolist()
    assert all(members for members in choices.values())


# --------------------------------------------------------------------------- bad input


def _problem(caught):
    return caught.value.problems[0]


def test_empty_pool(producers):
    with pytest.raises(JlpInputError) as caught:
        scale.pool_purchase(producers, [])
    assert _problem(caught).column == "members" and "at least one" in _problem(caught).fix


def test_unknown_producer_is_named_with_a_suggestion(producers):
    with pytest.raises(JlpInputError) as caught:
        scale.pool_purchase(producers, ["eco_01", "eco_12"])
    problem = _problem(caught)
    assert problem.column == "members" and "eco_12" in problem.message
    assert "eco_1" in problem.fix


def test_a_producer_listed_twice(producers):
    with pytest.raises(JlpInputError) as caught:
        scale.pool_purchase(producers, ["eco_01", "eco_01"])
    assert _problem(caught).column == "members" and "twice" in _problem(caught).message


def test_members_as_a_single_string_is_refused(producers):
    with pytest.raises(JlpInputError) as caught:
        scale.pool_purchase(producers, "eco_01")
    assert _problem(caught).column == "members" and "list" in _problem(caught).fix


def test_negative_yarn_need_names_row_and_column(producers):
    bad = producers.copy()
    bad.loc[3, "yarn_kg_month"] = -50
    with pytest.raises(JlpInputError) as caught:
        scale.pool_purchase(bad, ["eco_01"])
    problem = _problem(caught)
    assert (problem.row, problem.column) == (5, "yarn_kg_month")
    assert "-50" in problem.message and "0" in problem.fix


def test_table_problems_are_all_reported():
    table = pd.DataFrame(
        {
            "id": ["a", "b", "b", ""],
            "sector": ["hammocks", "hammocks", "", "hammocks"],
            "yarn_kg_month": [10, "ten", 5, 3],
        }
    )
    with pytest.raises(JlpInputError) as caught:
        scale.check_producers(table, file="mine.csv")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert {(3, "yarn_kg_month"), (4, "id"), (4, "sector"), (5, "id")} <= found
    assert all(p.file == "mine.csv" and p.fix for p in caught.value.problems)


def test_missing_column_is_named():
    with pytest.raises(JlpInputError) as caught:
        scale.check_producers(pd.DataFrame({"id": ["a"], "sector": ["x"]}))
    assert _problem(caught).column == "yarn_kg_month" and _problem(caught).row == 1


def test_optional_columns_get_defaults():
    table = scale.check_producers(
        pd.DataFrame({"id": ["a", "b"], "sector": ["s", "s"], "yarn_kg_month": ["100", 200.5]})
    )
    assert table["label"].tolist() == ["a", "b"]
    assert table["network"].tolist() == ["", ""]
    assert table["cluster"].tolist() == ["cluster", "cluster"]
    assert table["yarn_kg_month"].tolist() == [100.0, 200.5]
    assert scale.groups(table, "cluster") == {"cluster": ["a", "b"]}


def test_unknown_level(producers):
    with pytest.raises(JlpInputError) as caught:
        scale.groups(producers, "nation")
    assert _problem(caught).column == "level" and "sector" in _problem(caught).fix


def test_producers_file(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id,sector,yarn_kg_month\na,hammocks,100\nb,hammocks,-1\n", encoding="utf-8")
    with pytest.raises(JlpInputError) as caught:
        scale.producers(path)
    assert (_problem(caught).file, _problem(caught).row) == (str(path), 3)
    path.write_text("id,sector,yarn_kg_month\na,hammocks,100\nb,hammocks,1\n", encoding="utf-8")
    assert scale.producers(path)["yarn_kg_month"].sum() == 101


def test_widening_keeps_totals(producers, curve):
    buys = scale.purchases(producers, curve)
    totals = buys.groupby("level")["quantity_kg"].sum()
    assert np.allclose(totals.to_numpy(), producers["yarn_kg_month"].sum())


def test_wrong_kinds_of_argument_are_named(producers):
    with pytest.raises(JlpInputError) as caught:
        scale.pool_purchase(producers, ["eco_01"], curve={"min_kg": [0]})
    assert _problem(caught).column == "curve" and "yarn_prices()" in _problem(caught).fix
    with pytest.raises(JlpInputError) as caught:
        scale.savings_by_level(producers, coordination=300)
    assert _problem(caught).column == "coordination"
    with pytest.raises(JlpInputError) as caught:
        scale.pool_purchase([["eco_01", 3]], ["eco_01"])
    assert _problem(caught).column == "producers"
