"""The JAMPRO case (Jamaica section, Box 5): its data, the claims its notebook makes, and
the service-centre fee structure (:mod:`jlp.fees.centre`) it uses.

The notebook narrates numbers (the hub's betweenness, the pieces left when it steps back,
the NET indexes, the public share of a centre's costs). Each test here recomputes such a
claim, where it can, without jlp's own function for it, and checks the page's wording
still fits the data.
"""

from __future__ import annotations

import doctest
import json
import re
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp import datasets, fees, graphs, net
from jlp.cases import jampro
from jlp.errors import JlpInputError
from jlp.fees import centre
from jlp.fees.centre import CentrePlan, ServiceLine, centre_finances, recovery_by_line
from jlp.viz import fee_charts

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "jampro.ipynb"
#: The case's optional extension page (issue 12: the core page keeps a word budget).
EXTENSION = ROOT / "notebooks" / "jampro-more.ipynb"
REFERENCE_NETWORK = jampro.REFERENCE_NETWORK
MOMENTS = jampro.MOMENTS
HUB = jampro.HUB


@pytest.fixture(scope="module")
def nodes() -> pd.DataFrame:
    return datasets.load("jampro_nodes")


@pytest.fixture(scope="module")
def edges() -> pd.DataFrame:
    return datasets.load("jampro_edges")


@pytest.fixture(scope="module")
def network():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no slip in the tables: not even a warning
        folder = datasets.data_dir()
        return graphs.read_graph(folder / "jampro_nodes.csv", folder / "jampro_edges.csv")


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return net.validate(datasets.load("jampro_net_reference"), file="jampro_net_reference.csv")


@pytest.fixture(scope="module")
def page() -> str:
    cells = [
        c for p in (NOTEBOOK, EXTENSION) for c in json.loads(p.read_text(encoding="utf-8"))["cells"]
    ]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------- reported figures


def test_project_figures_equal_the_paper():
    """FACTS.md, Jamaica: from 1994; second phase from 1997 for 3 years; about US$ 1.5 M,
    UNDP (the paper: for the two phases together)."""
    projects = datasets.load("projects").set_index("id")
    project, phase = projects.loc["jm_project"], projects.loc["jm_phase2"]
    assert project["country"] == phase["country"] == "Jamaica"
    assert project["start_year"] == 1994
    assert project["budget_usd"] == 1_500_000
    assert project["budget_qualifier"] == "about"
    assert project["budget_scope"] == "both_phases"
    assert "UNDP" in project["funder"] and "UNDP" in phase["funder"]
    assert "JAMPRO" in project["counterpart"] and "Productivity Centre" in project["counterpart"]
    assert (phase["start_year"], phase["duration_years"], phase["phase"]) == (1997, 3, 2)
    assert pd.isna(phase["budget_usd"])  # reported only for both phases together
    assert {project["source"], phase["source"]} == {"Jamaica section"}
    assert {project["provenance"], phase["provenance"]} == {"reported"}


def test_box5_counts_two_apparel_technical_centres(nodes):
    figure = datasets.load("reported_figures").set_index("id").loc["jm_apparel_centres"]
    assert (figure["value"], figure["source"], figure["provenance"]) == (2, "Box 5", "reported")
    centres = nodes[nodes["id"].str.startswith("atc_")]
    assert len(centres) == figure["value"]
    assert set(centres["full_name"]) == {
        "Apparel Technical Centre, Kingston",
        "Apparel Technical Centre, Montego Bay",
    }


# --------------------------------------------------------------------------- actors and ties


def test_every_actor_the_paper_names_is_reported_with_its_place(nodes):
    named = {
        "productivity_centre": "Jamaica section",
        "chief_adviser": "Jamaica section",
        "heart": "Jamaica section",
        "community_colleges": "Jamaica section",
        "uwi": "Jamaica section",
        "vocational_schools": "Jamaica section",
        # the fields of the specialised centres (garments and fashion: Box 5's centres)
        "furniture_centre": "Jamaica section",
        "food_centre": "Jamaica section",
        "handicraft_centre": "Jamaica section",
        "metalworking_centre": "Jamaica section",
        "design_centre": "Box 5",
        "atc_kingston": "Box 5",
        "atc_montego_bay": "Box 5",
        "designers": "Box 5",
        "input_suppliers": "Box 5",
    }
    table = nodes.set_index("id")
    for actor, place in named.items():
        assert table.loc[actor, "provenance"] == "reported", actor
        assert table.loc[actor, "reference"] == place, actor
    assert set(table.index[table["provenance"] == "reported"]) == set(named)


def test_made_up_actors_and_ties_say_so(nodes, edges):
    made_up = nodes[nodes["provenance"] == "illustrative"]
    assert set(made_up["kind"]) == {"firm", "market"}  # the paper names no firm, no buyer
    assert made_up["full_name"].str.contains("(illustrative)", regex=False).all()
    assert made_up["note"].str.startswith("Made up").all()
    assert made_up["reference"].isna().all()
    invented = edges[edges["provenance"] == "illustrative"]
    assert invented["note"].str.contains("made up", case=False).all()
    assert invented["reference"].isna().all()
    cited = edges[edges["provenance"] == "reported"]
    assert set(cited["reference"]) == {"Jamaica section", "Box 5"}
    # a reported tie joins two reported actors
    reported_actors = set(nodes.loc[nodes["provenance"] == "reported", "id"])
    assert set(cited["source"]) | set(cited["target"]) <= reported_actors


def test_the_hub_coordinates_every_institution_the_paper_lists(edges):
    hub = edges[(edges["source"] == HUB) & (edges["tie"] == "coordination")]
    partners = set(hub.loc[hub["provenance"] == "reported", "target"])
    assert {
        "heart",
        "community_colleges",
        "uwi",
        "vocational_schools",
        "atc_kingston",
        "atc_montego_bay",
        "furniture_centre",
        "food_centre",
        "handicraft_centre",
        "metalworking_centre",
    } <= partners


def test_groups_are_the_brokerage_groups_of_the_page(network):
    assert set(graphs.node_groups(network).values()) == {
        "jampro",
        "training_education",
        "service_centres",
        "firms",
        "markets",
    }


# --------------------------------------------------------------------------- the page's claims


def test_the_productivity_centre_is_the_hub(network, page):
    metrics = graphs.node_metrics(network).set_index("id")
    simple = nx.Graph(graphs.simple_view(network).edges())
    expected = nx.betweenness_centrality(simple)
    assert metrics["betweenness"].to_dict() == pytest.approx(expected)
    order = metrics.sort_values("betweenness", ascending=False).index[:4].tolist()
    assert order == [HUB, "design_centre", "atc_kingston", "atc_montego_bay"]
    hub = metrics.loc[HUB]
    assert hub["degree"] == 16 and hub["constraint"] == metrics["constraint"].min()
    text = _plain(page)
    assert f"betweenness {hub['betweenness']:.2f}" in text
    assert f"{hub['betweenness']:.0%}".replace("%", " %") in text
    # issue 12: the case reads the map with degree and betweenness only; constraint and
    # effective size (still computed above) are explained on the optional advanced page
    assert "16 partners" in text and "effective size" not in text.lower()


def test_the_roles_the_page_names(network, page):
    roles = graphs.brokerage_roles(network)
    hub = roles.loc[HUB]
    assert (hub > 0).all()  # every role
    assert hub.idxmax() == "liaison" and hub.sort_values().index[-2] == "consultant"
    for centre_id in ("atc_kingston", "atc_montego_bay"):
        played = roles.loc[centre_id]
        assert played["liaison"] > 0 and played.drop("liaison").eq(0).all()
    # issue 12: the roles stay in jlp (checked above) but leave the case pages
    text = _plain(page)
    assert not any(role in text for role in ("liaison", "gatekeeper", "coordinator"))
    firm_a = roles.loc["kgn_garment_a"]
    assert firm_a["coordinator"] > 0 and firm_a["representative"] > 0


def test_when_the_hub_steps_back(network, nodes, edges, page):
    step_back = graphs.without(network, HUB)
    # the same, without jlp: the undirected graph of all ties, minus the hub
    simple = nx.Graph(zip(edges["source"], edges["target"], strict=True))
    simple.remove_node(HUB)
    pieces = list(nx.connected_components(simple))
    kinds = nodes.set_index("id")["kind"]
    firms = set(kinds.index[kinds == "firm"])
    institutions = set(kinds.index[kinds == "institution"])
    reaching = {f for piece in pieces if piece & institutions for f in piece & firms}
    only_the_hub = {
        n
        for n in firms
        if set(nx.Graph(zip(edges["source"], edges["target"], strict=True)).neighbors(n)) == {HUB}
    }
    assert step_back.components_after == len(pieces)
    assert step_back.largest_after == max(len(p) for p in pieces)
    assert step_back.firms_reaching_after == len(reaching)
    assert set(step_back.cut_off) == only_the_hub == {"garment_newcomer", "metal_b"}
    assert set(step_back.isolated) == only_the_hub | {"chief_adviser"}
    text = _plain(page)
    assert (step_back.components_before, step_back.components_after) == (1, 8)
    assert "from one piece into eight" in text
    assert f"largest piece ({step_back.largest_after} actors)" in text
    assert (step_back.firms_reaching_before, step_back.firms_reaching_after) == (17, 15)
    assert "Fifteen of the 17 firms" in text
    # the exercise's answer: one tie per piece beyond the first, the adviser left aside
    assert step_back.components_after - 1 - 1 == 6


def test_the_chief_adviser_changes_nothing_in_the_picture(network):
    departure = graphs.without(network, "chief_adviser")
    assert departure.components_after == departure.components_before == 1
    assert departure.cut_off == () and departure.isolated == ()


def test_who_follows_the_hub_in_the_ranking(network):
    ranking = graphs.departures(network)
    assert ranking.loc[0, "id"] == HUB
    assert set(ranking.loc[1:4, "id"]) == {
        "design_centre",
        "food_centre",
        "handicraft_centre",
        "metalworking_centre",
    }
    assert ranking.loc[1:4, "firms_cut_off"].eq(1).all()
    assert ranking.loc[5, "id"] == "kgn_garment_a"


# --------------------------------------------------------------------------- NET exercise


def test_reference_scoring_has_every_cell_of_both_moments(reference):
    assert set(reference["network"]) == {REFERENCE_NETWORK}
    assert sorted(set(reference["date"])) == list(MOMENTS)
    for date in MOMENTS:
        moment = reference[reference["date"] == date]
        assert len(moment) == len(net.CELLS) == 42
        assert set(zip(moment["indicator"], moment["stage"], strict=True)) == set(net.CELLS)
        assert moment["rating"].isin(net.RATINGS).all()
    raw = datasets.load("jampro_net_reference")
    assert set(raw["provenance"]) == {"illustrative"}
    # a judgement other than "not achieved" always gives its reason
    judged = raw[raw["rating"] != "not_achieved"]
    assert judged["note"].notna().all()


def test_reference_scores_and_stages(reference, page):
    points = reference["rating"].map({"achieved": 2, "partial": 1, "not_achieved": 0})
    by_hand = (points.groupby(reference["date"]).sum() / 84 * 100).round(1)
    scores = net.score(reference).set_index("date")
    assert scores["index"].to_dict() == pytest.approx(by_hand.to_dict())
    assert scores["index"].tolist() == [19.0, 63.1]
    assert scores["current_stage"].tolist() == ["strategic_planning", "strategic_projects"]
    assert scores.loc["1999-02-01", "decision"] == pytest.approx(11 / 14)
    text = _plain(page)
    for value in ("19.0", "63.1", "(0.79)", "(0.86)", "(0.14)"):
        assert value in text


def test_the_fee_cells_are_partial_while_the_centre_charges_nothing(reference):
    later = reference[reference["date"] == MOMENTS[1]].set_index(["indicator", "stage"])
    assert later.loc[("economic_changes", "decision"), "rating"] == "partial"
    assert later.loc[("planning_capacity", "decision"), "rating"] == "partial"
    assert "no fee" in later.loc[("economic_changes", "decision"), "note"]
    inversions = net.order_inversions(reference)
    assert set(inversions["indicator"]) == {"group_organisation", "economic_changes"}


def test_the_scored_network_is_the_graphs_kingston_network(network):
    members = ["kgn_garment_a", "kgn_garment_b", "kgn_garment_c", "kgn_garment_d"]
    purchases = graphs.with_ties(network, ["joint_purchase"]).subgraph(members)
    assert nx.Graph(purchases.to_undirected()).number_of_edges() == 6  # all buy together
    assert all(network.has_edge("atc_kingston", m) for m in members)


# --------------------------------------------------------------------------- jlp.cases.jampro


def test_case_module_doctests():
    result = doctest.testmod(jampro, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_the_case_network_is_the_tables(network):
    loaded = jampro.network()
    assert list(loaded.nodes(data=True)) == list(network.nodes(data=True))
    assert list(loaded.edges(keys=True, data=True)) == list(network.edges(keys=True, data=True))


def test_projects_read_as_the_paper_does():
    table = jampro.projects().set_index("Project or phase")
    assert table["From"].tolist() == ["1994", "1997"]
    assert table["Years"].tolist() == ["—", "3"]
    assert table["Budget"].iloc[0] == "about US$ 1,500,000 (both phases together)"
    assert set(table["Source"]) == {"Jamaica section"}


def test_reasoning_lists_what_changed(reference):
    first, second = (
        reference[reference["date"] == d].set_index(["indicator", "stage"])["rating"]
        for d in MOMENTS
    )
    changed = int((first != second.reindex(first.index)).sum())
    assert len(jampro.reasoning(MOMENTS[1], changed_only=True)) == changed == 24
    assert len(jampro.reasoning(MOMENTS[0], changed_only=True)) == 42
    assert len(jampro.reasoning(MOMENTS[0], judged_only=True)) == 42  # every cell is judged
    explained = jampro.reasoning(MOMENTS[0], ratings=["achieved", "partial"])
    assert set(explained["Rating"]) == {"achieved", "partial"}
    assert explained["Why"].str.len().gt(0).all()
    stages = jampro.reasoning(MOMENTS[0])["Stage"].tolist()
    assert stages == sorted(stages, key=list(net.stage_labels().values()).index)


def test_compare_counts_the_gap_cell_by_cell():
    ref = jampro.reference(MOMENTS[1])
    mine = ref.assign(network="Mine").reset_index(drop=True)
    assert jampro.compare(mine).empty
    cell = mine.index[(mine["indicator"] == "economic_changes") & (mine["stage"] == "decision")]
    mine.loc[cell, "rating"] = "achieved"  # the reference says partial: no fee is paid
    one = jampro.compare(mine)
    assert len(one) == 1 and one.loc[0, "Gap (points)"] == 1
    assert one.loc[0, "Reference"] == "partial" and "no fee" in one.loc[0, "Reference reasoning"]
    assert "Reference reasoning" not in jampro.compare(mine, with_reasoning=False)
    blank = net.template("Mine", MOMENTS[1])  # nothing judged yet
    gaps = jampro.compare(blank, only_differences=False)["Gap (points)"]
    points = ref["rating"].map({"achieved": 2, "partial": 1, "not_achieved": 0})
    assert gaps.sum() == -points.sum()


def test_compare_refuses_what_it_cannot_compare():
    with pytest.raises(JlpInputError, match="one assessment at a time"):
        jampro.compare(jampro.reference_assessments())
    with pytest.raises(JlpInputError) as raised:
        jampro.compare(net.template("Mine", "1998-05-01"))
    assert raised.value.problems[0].column == "date"


# --------------------------------------------------------------------------- jlp.fees.centre


def _line(name: str, cost: float, **ramp) -> ServiceLine:
    return ServiceLine(name=name, annual_cost=cost, ramp=fees.RampRule(**ramp))


def test_centre_module_doctests():
    result = doctest.testmod(centre, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_the_case_plan_by_hand():
    plan = CentrePlan(
        years=10,
        lines=[
            _line("one firm", 30_000, first_share=0.5, step=0.25),
            ServiceLine(name="networks", annual_cost=20_000, ramp=fees.ramp_preset("emasim")),
            _line("everyone", 25_000, first_share=0.1, cap=0.1),
        ],
    )
    table = centre_finances(plan)
    # year 1: 50 % of 30,000 + 0 + 10 % of 25,000
    assert table.loc[0, "service_fees"] == 15_000 + 2_500
    assert table.loc[0, "public_share"] == pytest.approx(1 - 17_500 / 75_000)
    # from year 8 every line has reached its cap: only the open services' subsidy is left
    assert table.loc[7:, "public_funds"].tolist() == [25_000 * 0.9] * 3
    assert fees.break_even_year(table) is None
    lines = recovery_by_line(plan)
    assert list(lines.columns) == list(centre.RECOVERY_COLUMNS)
    assert lines["recovery"].tolist() == pytest.approx([0.925, 0.53, 0.1])
    assert lines["full_cost_year"].tolist()[:2] == [3, 8]
    assert lines["full_cost_year"].isna().tolist() == [False, False, True]
    with_subscriptions = centre_finances(plan.replace(membership_fee=12_000))
    assert with_subscriptions["public_share"].iloc[[0, 7]].round(2).tolist() == [0.61, 0.14]


def test_one_line_is_the_ramp_schedule():
    rule = fees.ramp_preset("emasim")
    plan = CentrePlan(years=7, lines=[ServiceLine(name="a", annual_cost=4000, ramp=rule)])
    schedule = fees.schedule(rule, 4000, 7)
    table = centre_finances(plan)
    assert table["service_fees"].tolist() == schedule["fee"].tolist()
    assert table["public_funds"].tolist() == schedule["subsidy"].tolist()
    detail = centre.line_schedules(plan)
    assert detail.drop(columns="line").equals(schedule)


def test_the_charts_draw_a_centre():
    plan = CentrePlan(
        years=5,
        public_split={"government": 0.6, "donor": 0.3},
        lines=[_line("a", 100, first_share=0.2, step=0.2)],
    )
    fig = fee_charts.revenue_mix_chart(centre_finances(plan))
    names = [trace.name for trace in fig.data]
    assert names[:4] == [
        "Service fees (networks)",
        "Membership fees",
        "Government",
        "International donor",
    ]
    assert len(fee_charts.preset_shares_chart(plan.ramps(), years=5).data) == 1


@pytest.mark.parametrize(
    ("build", "column"),
    [
        (lambda: _line(" ", 100, first_share=0.1), "name"),
        (lambda: _line("a", 0, first_share=0.1), "annual_cost"),
        (lambda: _line("a", -5, first_share=0.1), "annual_cost"),
        (lambda: CentrePlan(lines=[]), "lines"),
        (lambda: CentrePlan(lines=[_line("a", 1, first_share=0)] * 2), "lines"),
        (lambda: CentrePlan(lines=[_line("a", 1, first_share=0)], years=0), "years"),
        (
            lambda: CentrePlan(lines=[_line("a", 1, first_share=0)], membership_fee=-1),
            "membership_fee",
        ),
        (
            lambda: CentrePlan(lines=[_line("a", 1, first_share=0)], public_split={"Gov": 1}),
            "public_split",
        ),
        (
            lambda: CentrePlan(lines=[_line("a", 1, first_share=0)], public_split={"funds": 1}),
            "public_split",
        ),
        (
            lambda: CentrePlan(lines=[_line("a", 1, first_share=0)], public_split={"gov": 0}),
            "public_split",
        ),
    ],
)
def test_bad_parameters_name_the_parameter(build, column):
    with pytest.raises(JlpInputError) as raised:
        build()
    assert column in {p.column for p in raised.value.problems}


def test_every_bad_value_of_a_line_is_reported_at_once():
    with pytest.raises(JlpInputError) as raised:
        ServiceLine(name="", annual_cost="lots", ramp=fees.RampRule(first_share=0))
    assert {p.column for p in raised.value.problems} == {"name", "annual_cost"}


_ramps = st.builds(
    lambda free, first, step, extra: fees.RampRule(
        subsidised_years=free, first_share=first, step=step, cap=min(1.0, first + extra)
    ),
    st.integers(0, 5),
    st.floats(0, 1),
    st.floats(0, 0.5),
    st.floats(0, 1),
)
_lines = st.lists(st.tuples(st.floats(1, 1e6), _ramps), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    lines=_lines,
    years=st.integers(1, 15),
    membership=st.floats(0, 5e5),
    weights=st.lists(st.floats(0.01, 1), min_size=1, max_size=3),
)
def test_revenue_always_covers_the_costs(lines, years, membership, weights):
    plan = CentrePlan(
        years=years,
        membership_fee=membership,
        public_split={f"source_{i}": w for i, w in enumerate(weights)},
        lines=[
            ServiceLine(name=f"line {i}", annual_cost=cost, ramp=rule)
            for i, (cost, rule) in enumerate(lines)
        ],
    )
    table = centre_finances(plan)
    revenue = table[fees.revenue_sources(table)].sum(axis=1)
    assert np.allclose(revenue, table["cost"] + table["surplus"])
    public = [c for c in fees.revenue_sources(table) if c.startswith("public_")]
    assert np.allclose(table[public].sum(axis=1), table["public_funds"])
    assert table["public_share"].between(0, 1).all()
    # ramps never fall and costs are flat, so the public share never rises
    assert (np.diff(table["public_share"].to_numpy()) <= 1e-12).all()
    by_line = recovery_by_line(plan)
    assert by_line["cost_share"].sum() == pytest.approx(1.0)
    assert by_line["fees"].sum() == pytest.approx(table["service_fees"].sum())
    assert by_line["recovery"].between(0, 1).all()
