"""The Masaya tables agree with what Ceglie & Dini (1999) report in Boxes 3 and 4."""

from __future__ import annotations

import pytest

from jlp import datasets, scale


@pytest.fixture(scope="module")
def reported():
    return datasets.load("reported_figures").set_index("id")["value"]


@pytest.fixture(scope="module")
def producers():
    table = datasets.load("masaya_producers")
    return table.fillna({"network": "", "network_label": ""})


def test_tables_are_registered_and_illustrative(producers):
    assert {"masaya_producers", "masaya_price_tiers"} <= set(datasets.names())
    tiers = datasets.load("masaya_price_tiers")
    assert set(producers["provenance"]) == {"illustrative"}
    assert set(tiers["provenance"]) == {"illustrative"}
    assert tiers["note"].str.contains("Illustrative").all()
    for name in ("masaya_producers", "masaya_price_tiers"):
        assert "illustrative" in datasets.describe(name)["description"].lower()


def test_ecohamaca_rows_agree_with_box_3(producers, reported):
    eco = producers.loc[producers["network"] == "ecohamaca"]
    assert len(eco) == reported["ecohamaca_enterprises"]
    assert (eco["employees"] == reported["ecohamaca_employees"]).all()
    # over 3,000 hammocks a month exported on average: they make at least that many
    assert eco["hammocks_month"].sum() > reported["ecohamaca_hammocks_per_month"]
    assert (eco["reference"] == "Box 3").all()
    assert eco["note"].str.contains("illustrative").all()


def test_box_4_no_single_network_reaches_the_best_price(producers):
    curve = scale.yarn_prices()
    hammocks = producers.loc[producers["sector"] == "hammocks"]
    by_network = hammocks.loc[hammocks["network"] != ""].groupby("network")["yarn_kg_month"]
    assert by_network.sum().max() < curve.best_price_from <= hammocks["yarn_kg_month"].sum()
    # nor does any producer buying alone
    assert hammocks["yarn_kg_month"].max() < curve.best_price_from


def test_the_wood_sector_needs_no_yarn(producers):
    wood = producers.loc[producers["sector"] == "wood_furniture"]
    assert len(wood) > 0 and (wood["yarn_kg_month"] == 0).all()
    assert set(producers["cluster"]) == {"masaya"}
