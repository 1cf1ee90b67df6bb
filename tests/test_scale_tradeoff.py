"""jlp.scale: co-ordination cost, critical mass vs co-ordination, the best group size."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp import scale
from jlp.errors import JlpInputError

# --------------------------------------------------------------------------- co-ordination


def test_coordination_cost_formula():
    cost = scale.CoordinationCost(fixed=100, per_member=10, per_pair=2)
    assert cost.cost(0) == 0 and cost.cost(1) == 0  # alone: nobody to co-ordinate with
    assert cost.cost(2) == 100 + 20 + 2
    assert cost.cost(5) == 100 + 50 + 2 * 10
    assert cost.cost(np.array([1, 2, 5])).tolist() == [0, 122, 170]


@pytest.mark.parametrize("name", ["fixed", "per_member", "per_pair"])
def test_negative_coordination_parameter(name):
    with pytest.raises(JlpInputError) as caught:
        scale.CoordinationCost(**{name: -1})
    assert caught.value.problems[0].column == name and caught.value.problems[0].fix


def test_bad_group_size():
    with pytest.raises(JlpInputError) as caught:
        scale.CoordinationCost().cost(2.5)
    assert caught.value.problems[0].column == "size"


# --------------------------------------------------------------------------- the smooth model

projects = st.builds(
    scale.JointProject,
    value_per_member=st.floats(0, 2000),
    half_partners=st.floats(0.1, 200),
    coordination=st.builds(
        scale.CoordinationCost,
        fixed=st.floats(0, 5000),
        per_member=st.floats(0, 300),
        per_pair=st.floats(0, 50),
    ),
)


def brute_force(project: scale.JointProject, low: int, high: int, objective: str):
    """Every size on the grid, each computed on its own with plain Python."""
    best = None
    for n in range(low, high + 1):
        if n == 1:
            total = 0.0
        else:
            partners = n - 1
            per_member = project.value_per_member * partners / (partners + project.half_partners)
            total = n * per_member - project.coordination.cost(n)
        value = total if objective == "total" else total / n
        if best is None or value > best[1] + 1e-9 * max(1.0, abs(value)):
            best = (n, value)
    return best


def test_net_benefit_table_columns():
    project = scale.JointProject(value_per_member=300, half_partners=5)
    table = scale.net_benefit_table(project, max_size=30)
    assert table["size"].tolist() == list(range(1, 31))
    assert (table["net_benefit"] == table["benefit"] - table["coordination_cost"]).all()
    assert np.allclose(table["net_per_member"], table["net_benefit"] / table["size"])
    assert np.allclose(table["benefit_per_member"], table["benefit"] / table["size"])
    assert table.loc[0, ["benefit", "coordination_cost", "net_benefit"]].tolist() == [0, 0, 0]
    n = 8
    expected = n * 300 * (n - 1) / (n - 1 + 5) - scale.CoordinationCost().cost(n)
    assert table.set_index("size").loc[n, "net_benefit"] == pytest.approx(expected)


@settings(max_examples=300, deadline=None)
@given(
    project=projects,
    high=st.integers(1, 400),
    low=st.integers(1, 50),
    objective=st.sampled_from(scale.OBJECTIVES),
)
def test_best_size_is_the_true_maximum_on_the_grid(project, high, low, objective):
    low, high = min(low, high), max(low, high)
    found = scale.best_size(project, min_size=low, max_size=high, objective=objective)
    table = scale.net_benefit_table(project, range(low, high + 1))
    column = "net_benefit" if objective == "total" else "net_per_member"
    assert low <= found.size <= high
    best_value = table[column].max()
    found_value = found.net_benefit if objective == "total" else found.net_per_member
    assert found_value == pytest.approx(best_value, rel=1e-9, abs=1e-9)
    # and against an independent, size-by-size computation
    _, value = brute_force(project, low, high, objective)
    assert found_value == pytest.approx(value, rel=1e-7, abs=1e-7)
    assert scale.best_row(table, objective).size == int(table.loc[table[column].idxmax(), "size"])


def test_best_size_reports_the_optimum_row():
    project = scale.JointProject(
        value_per_member=400, half_partners=10, coordination=scale.CoordinationCost(300, 15, 10)
    )
    found = scale.best_size(project, max_size=200)
    row = scale.net_benefit_table(project, [found.size]).iloc[0]
    assert found.benefit == pytest.approx(row["benefit"])
    assert found.coordination_cost == pytest.approx(row["coordination_cost"])
    assert found.worthwhile and found.objective == "total"
    members = scale.best_size(project, max_size=200, objective="per_member")
    assert members.size < found.size  # members alone would stop at a smaller group


def test_a_project_that_never_pays_stays_at_one():
    project = scale.JointProject(
        value_per_member=1, half_partners=50, coordination=scale.CoordinationCost(1000, 100, 10)
    )
    found = scale.best_size(project, max_size=100)
    assert found.size == 1 and found.net_benefit == 0 and not found.worthwhile


def test_presets_put_each_joint_action_at_its_level():
    presets = scale.project_presets()
    assert [p.level for p in presets.values()] == ["network", "sector", "cluster"]
    sizes = [scale.best_size(p, max_size=400).size for p in presets.values()]
    assert sizes == sorted(sizes) and len(set(sizes)) == 3
    assert all(scale.best_size(p, max_size=400).worthwhile for p in presets.values())
    assert scale.project_preset("purchase_centre") == presets["purchase_centre"]


@pytest.mark.parametrize(
    ("kwargs", "column"),
    [
        ({"value_per_member": -5, "half_partners": 3}, "value_per_member"),
        ({"value_per_member": 5, "half_partners": 0}, "half_partners"),
        ({"value_per_member": float("nan"), "half_partners": 3}, "value_per_member"),
    ],
)
def test_bad_project_parameters(kwargs, column):
    with pytest.raises(JlpInputError) as caught:
        scale.JointProject(**kwargs)
    assert caught.value.problems[0].column == column and caught.value.problems[0].fix


def test_coordination_must_be_a_coordination_cost():
    with pytest.raises(JlpInputError) as caught:
        scale.JointProject(value_per_member=5, half_partners=3, coordination=(1, 2, 3))
    assert caught.value.problems[0].column == "coordination"


def test_bad_search_parameters():
    project = scale.project_preset("joint_export")
    with pytest.raises(JlpInputError) as caught:
        scale.best_size(project, min_size=10, max_size=5)
    assert caught.value.problems[0].column == "max_size"
    with pytest.raises(JlpInputError) as caught:
        scale.best_size(project, objective="members")
    assert caught.value.problems[0].column == "objective"
    assert "per_member" in caught.value.problems[0].fix
    with pytest.raises(JlpInputError) as caught:
        scale.project_preset("brand")
    assert caught.value.problems[0].column == "preset"
    with pytest.raises(JlpInputError) as caught:
        scale.net_benefit_table(project, [])
    assert caught.value.problems[0].column == "sizes"


# --------------------------------------------------------------------------- the yarn pool


def test_pool_tradeoff_rows_are_pools_of_the_first_n():
    producers = scale.producers()
    curve = scale.yarn_prices()
    cost = scale.CoordinationCost()
    table = scale.pool_tradeoff(producers, curve, cost)
    buyers = producers.loc[producers["yarn_kg_month"] > 0]
    order = buyers.sort_values(["yarn_kg_month", "id"], ascending=[False, True])["id"].tolist()
    assert table["member"].tolist() == order
    assert table["size"].tolist() == list(range(1, len(order) + 1))
    for n in (1, 2, 5, 11, len(order)):
        pool = scale.pool_purchase(producers, order[:n], curve, coordination=cost)
        row = table.set_index("size").loc[n]
        assert row["quantity_kg"] == pytest.approx(pool.quantity_kg)
        assert row["unit_price"] == pool.unit_price
        assert row["benefit"] == pytest.approx(pool.saving)
        assert row["net_benefit"] == pytest.approx(pool.net_saving)
    best = scale.best_row(table)
    brute = max(
        range(1, len(order) + 1),
        key=lambda n: (
            scale.pool_purchase(producers, order[:n], curve, coordination=cost).net_saving
        ),
    )
    assert best.size == brute


def test_pool_tradeoff_in_a_chosen_order():
    order = ["ind_12", "eco_01", "netb_03"]
    table = scale.pool_tradeoff(None, order=order)
    assert table["member"].tolist() == order
    with pytest.raises(JlpInputError) as caught:
        scale.pool_tradeoff(None, order=["eco_01", "nobody"])
    assert caught.value.problems[0].column == "order"
    with pytest.raises(JlpInputError) as caught:
        scale.pool_tradeoff(None, order=[])
    assert caught.value.problems[0].column == "order"


def test_best_row_needs_a_tradeoff_table():
    with pytest.raises(JlpInputError) as caught:
        scale.best_row(pd.DataFrame({"size": [1, 2]}))
    assert caught.value.problems[0].column == "net_benefit"
