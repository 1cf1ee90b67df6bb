"""The broker institution: portfolio, costs, revenue by source, donor share, break-even."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp import datasets, fees
from jlp.errors import JlpInputError


def test_certec_preset_takes_its_scale_from_the_projects_table():
    # Contract changed (issue 12): the 71 brokers CERTEC trained, not CERTEC itself,
    # organised the 59 networks; the preset trains the brokers (paid by institutions) and
    # counts the 59 networks as its reach, not as clients paying it fees.
    certec = datasets.load("projects").set_index("id").loc["hn_certec"]
    plan = fees.institution_preset("certec")
    assert sum(plan.first_brokers) == certec["brokers_trained"] == 71
    assert len(plan.first_brokers) == 2  # 1997 and 1998
    assert plan.first_cohorts == ()  # the 59 networks are not CERTEC's own clients
    table = fees.finances(plan)
    assert table["brokers_trained"].iloc[:2].sum() == 71
    assert table.loc[1, "reach_networks"] == certec["networks"] == 59
    assert table.loc[1, "reach_enterprises"] == pytest.approx(certec["enterprises"])
    assert table["active_networks"].iloc[1] == 2 * plan.new_networks
    scale = fees.institution_scale("certec")
    assert scale["brokers"] == certec["brokers_trained"] == 71
    assert scale["reach_networks"] == 59 and scale["reach_enterprises"] == 1200
    assert plan.ramp == fees.ramp_preset("emasim")
    assert plan.public_split == {"donor": 1.0}


def test_certec_sells_broker_training_to_institutions():
    plan = fees.institution_preset("certec")
    table = fees.finances(plan)
    assert fees.revenue_sources(table) == [
        "service_fees",
        "training_fees",
        "membership_fees",
        "public_donor",
    ]
    assert table["training_fees"].tolist() == pytest.approx(
        (table["brokers_trained"] * plan.training_price).tolist()
    )
    untrained = fees.finances(plan.replace(first_brokers=(), new_brokers=0))
    assert (untrained["training_fees"] == 0).all()
    assert (untrained["reach_networks"] == 0).all()
    assert "training_fees" not in fees.revenue_sources(untrained)
    assert (table["cost"] - untrained["cost"]).tolist() == pytest.approx(
        (table["brokers_trained"] * plan.training_cost).tolist()
    )


def test_mexico_preset_splits_the_costs_in_thirds():
    figures = datasets.load("reported_figures").set_index("id")
    third = figures.loc["mx_pii_cost_share_association", "value"]
    table = fees.finances(fees.institution_preset("mexico"))
    assert fees.revenue_sources(table) == [
        "service_fees",
        "membership_fees",
        "public_state_government",
        "public_pii",
    ]
    for column in ("membership_fees", "public_state_government", "public_pii"):
        assert (table[column] / table["cost"]).tolist() == pytest.approx([third] * len(table))
    assert table["public_share"].tolist() == pytest.approx([2 / 3] * len(table))
    assert fees.break_even_year(table) is None


def test_certec_private_share_grows_but_no_break_even():
    table = fees.finances(fees.institution_preset("certec"))
    assert table["service_fees"].iloc[:3].eq(0).all()  # three free years
    assert table["training_fees"].iloc[:3].gt(0).all()  # institutions pay for training
    assert table["own_share"].iloc[-1] > table["own_share"].iloc[2]
    assert table["public_share"].iloc[-1] > 0
    assert fees.break_even_year(table) is None


def test_a_small_portfolio_by_hand():
    plan = fees.InstitutionPlan(
        years=4,
        first_cohorts=[2, 1],
        new_networks=0,
        support_years=2,
        cost_per_network=100,
        overhead=50,
        membership_fee=10,
        public_split={"state": "10%", "donor": 0.3},
        enterprises_per_network=5,
        ramp=fees.RampRule(first_share=0.5, step=0.5),
    )
    table = fees.finances(plan)
    assert table["new_networks"].tolist() == [2, 1, 0, 0]
    assert table["active_networks"].tolist() == [2, 3, 1, 0]
    assert table["enterprises"].tolist() == [10, 15, 5, 0]
    assert table["cost"].tolist() == [250, 350, 150, 50]
    # year 2: the first cohort pays 100 %, the second 50 %
    assert table["service_fees"].tolist() == [100, 250, 100, 0]
    gap = np.array([250 - 110, 350 - 260, 150 - 110, 50 - 10])
    assert table["public_funds"].tolist() == pytest.approx(gap)
    assert table["public_state"].tolist() == pytest.approx(gap / 4)
    assert table["public_donor"].tolist() == pytest.approx(gap * 3 / 4)
    assert fees.break_even_year(table) is None


def test_break_even_and_surplus():
    plan = fees.InstitutionPlan(
        years=5,
        first_cohorts=[4],
        support_years=5,
        cost_per_network=100,
        membership_fee=60,
        overhead=50,
        ramp=fees.RampRule(first_share=0.25, step=0.25),
    )
    table = fees.finances(plan)
    # own revenue 160, 260, 360, 460, 460 against a cost of 450 each year
    assert fees.break_even_year(table) == 4
    assert table["surplus"].tolist() == pytest.approx([0, 0, 0, 10, 10])
    assert table["public_funds"].tolist() == pytest.approx([290, 190, 90, 0, 0])


def test_institution_preset_with_another_ramp():
    fast = fees.institution_preset("certec", "fast")
    assert fast.ramp == fees.ramp_preset("fast")
    rule = fees.RampRule(first_share=1)
    assert fees.institution_preset("mexico", rule).ramp == rule


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"years": 0}, "years"),
        ({"support_years": 0}, "support_years"),
        ({"cost_per_network": 0}, "cost_per_network"),
        ({"overhead": -1}, "overhead"),
        ({"membership_share": "120%"}, "membership_share"),
        ({"first_cohorts": [3, -1]}, "first_cohorts"),
        ({"new_networks": "many"}, "new_networks"),
        ({"public_split": {}}, "public_split"),
        ({"public_split": {"Donor!": 1}}, "public_split"),
        ({"public_split": {"funds": 1}}, "public_split"),
        ({"public_split": {"donor": 0}}, "public_split"),
        ({"public_split": {"donor": 2}}, "public_split"),
    ],
)
def test_bad_plans_name_the_parameter(changes, column):
    with pytest.raises(JlpInputError) as caught:
        fees.institution_preset("certec").replace(**changes)
    assert caught.value.problems[0].column == column
    assert caught.value.problems[0].fix


def test_unknown_institution_preset():
    with pytest.raises(JlpInputError, match="certec, mexico"):
        fees.institution_preset("jampro")


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 30),
    st.lists(st.integers(0, 50), max_size=5),
    st.integers(0, 50),
    st.integers(1, 12),
    st.floats(1, 1e5),
    st.floats(0, 1e6),
    st.floats(0, 1e6),
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_revenue_always_covers_the_costs(
    years, first, new, support, cost, overhead, fee, member_share, first_share, step
):
    plan = fees.InstitutionPlan(
        years=years,
        first_cohorts=first,
        new_networks=new,
        support_years=support,
        cost_per_network=cost,
        overhead=overhead,
        membership_fee=fee,
        membership_share=member_share,
        public_split={"state": 0.5, "donor": 1},
        ramp=fees.RampRule(first_share=first_share, step=step),
    )
    table = fees.finances(plan)
    revenue = table[fees.revenue_sources(table)].sum(axis=1)
    assert np.allclose(revenue, table["cost"] + table["surplus"], rtol=1e-9, atol=1e-6)
    assert (table["public_funds"] >= 0).all() and (table["surplus"] >= 0).all()
    assert ((table["public_funds"] == 0) | (table["surplus"] == 0)).all()
    shares = table["public_share"].dropna()
    assert ((shares >= 0) & (shares <= 1 + 1e-12)).all()
    assert (table["service_fees"] <= table["active_networks"] * cost * (1 + 1e-12)).all()
    year = fees.break_even_year(table)
    if year is not None:
        assert table.loc[table["year"] == year, "public_funds"].iloc[0] == pytest.approx(
            0, abs=1e-6
        )
