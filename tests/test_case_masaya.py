"""The Masaya case (Box 4): its data agree with the paper, build a graph, score with NET,
and every claim the notebook makes about them holds."""

from __future__ import annotations

import ast
import doctest
import json
import re
import warnings
from pathlib import Path

import networkx as nx
import pytest

from jlp import datasets, graphs, net, programme, scale
from jlp.cases import masaya
from jlp.errors import JlpInputError

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "masaya.ipynb"
LEVELS = {1: "network", 2: "sector", 3: "cluster", 4: "beyond", 5: "nation"}
CITED = {"Box 3", "Box 4", "Nicaragua section"}
FIRST, SECOND = "1998-06-01", "1999-03-01"


@pytest.fixture(scope="module")
def nodes():
    return datasets.load("masaya_cluster_nodes")


@pytest.fixture(scope="module")
def edges():
    return datasets.load("masaya_cluster_edges")


@pytest.fixture(scope="module")
def cluster():
    folder = datasets.data_dir()
    with warnings.catch_warnings():
        warnings.simplefilter("error", graphs.GraphDataWarning)
        return graphs.read_graph(
            folder / "masaya_cluster_nodes.csv", folder / "masaya_cluster_edges.csv"
        )


@pytest.fixture(scope="module")
def reference():
    return net.validate(datasets.load("masaya_net_reference"))


# --------------------------------------------------------------------------- reported figures

# The figures the page shows for Nicaragua, as the paper gives them
# (Box 3 and the Nicaragua section; Box 4 itself reports no figure).
FACTS_FIGURES = {
    ("Member enterprises", 11.0, "exact", "Box 3"),
    ("Average permanent employees per enterprise", 15.0, "about", "Box 3"),
    ("Occasions on which the network exported", 8.0, "exact", "Box 3"),
    ("Hammocks exported per month on average", 3000.0, "more_than", "Box 3"),
    (
        "Reduction in the cost of dyeing after training in the dyeing process",
        40.0,
        "up_to",
        "Box 3",
    ),
    ("Distance south of the capital Managua", 25.0, "exact", "Box 3"),
}


def test_reported_figures_for_nicaragua_equal_the_facts_sheet():
    shown = programme.figures_for("Nicaragua")
    found = {(r.metric_label, float(r.value), r.qualifier, r.source) for r in shown.itertuples()}
    assert found >= FACTS_FIGURES


def test_nicaragua_project_rows_equal_the_facts_sheet():
    projects = datasets.load("projects").set_index("id")
    first, second = projects.loc["ni_phase1"], projects.loc["ni_phase2"]
    assert (first["networks"], first["networks_qualifier"]) == (20, "about")
    assert first["national_consultants"] == 7
    assert "PAMIC" in first["counterpart"]
    assert second["budget_usd"] == 1_300_000 and second["duration_years"] == 3
    assert "Austria" in second["funder"]
    assert "INPYME" in projects.loc["ni_project", "counterpart"]
    table = masaya.projects()
    assert len(table) == 3 and set(table["Source"]) == {"Nicaragua section"}
    assert set(table["Country"]) == {"Nicaragua"}


# --------------------------------------------------------------------------- node and edge tables


def test_tables_are_registered_with_provenance(nodes, edges, reference):
    assert {"masaya_cluster_nodes", "masaya_cluster_edges", "masaya_net_reference"} <= set(
        datasets.names()
    )
    for table in (nodes, edges):
        assert set(table["provenance"]) == {"reported", "illustrative"}
        reported = table[table["provenance"] == "reported"]
        assert set(reported["reference"]) <= CITED
        assert table["note"].notna().all()
    assert set(datasets.load("masaya_net_reference")["provenance"]) == {"illustrative"}


@pytest.mark.parametrize(
    ("node", "name", "reference"),
    [
        ("ecohamaca", "EcoHamaca", "Box 3"),
        ("purchase_centre", "purchase centre", "Box 4"),
        ("wood_furniture", "wood and furniture", "Box 4"),
        ("made_in_masaya", "Made in Masaya", "Box 4"),
        ("san_juan_ceramics", "San Juan de Oriente", "Box 4"),
        ("leon_leather", "León", "Box 4"),
        ("masatepe_furniture", "Masatepe", "Box 4"),
        ("nicaraguan_exporters", "Nicaraguan", "Box 4"),
        ("pamic_inpyme", "PAMIC / INPYME", "Nicaragua section"),
        ("inter_committee", "Inter-institutional committee", "Nicaragua section"),
        ("ncc", "National Committee for Competitiveness", "Nicaragua section"),
    ],
)
def test_actors_the_paper_names_are_reported(nodes, node, name, reference):
    row = nodes.set_index("id").loc[node]
    assert name in row["label"]
    assert (row["provenance"], row["reference"]) == ("reported", reference)


def test_new_products_are_named_where_the_wood_sector_joins(nodes, edges):
    wood = nodes.set_index("id").loc["wood_furniture"]
    for product in ("hanging chairs", "deck chairs", "cribs"):
        assert product in wood["note"]
    hammocks = set(nodes.loc[nodes["group"] == "hammocks", "id"])
    design = edges[(edges["target"] == "wood_furniture") & edges["source"].isin(hammocks)]
    assert len(design) >= 1 and design["note"].str.contains("cribs").all()
    assert set(design["provenance"]) == {"reported"}


def test_a_tie_to_an_illustrative_actor_is_illustrative(nodes, edges):
    made_up = set(nodes.loc[nodes["provenance"] == "illustrative", "id"])
    assert made_up == {"network_b", "network_c"}
    touching = edges["source"].isin(made_up) | edges["target"].isin(made_up)
    assert (edges.loc[touching, "provenance"] == "illustrative").all()
    assert (
        edges.loc[edges["provenance"] == "illustrative", "note"]
        .str.startswith("Illustrative")
        .all()
    )


def test_level_names_its_phase_and_ties_never_precede_their_ends(nodes, edges):
    assert {(int(p), lv) for p, lv in zip(nodes["phase"], nodes["level"], strict=True)} <= set(
        LEVELS.items()
    )
    phase = dict(zip(nodes["id"], nodes["phase"], strict=True))
    for row in edges.itertuples():
        assert row.phase == max(phase[row.source], phase[row.target]), row


# --------------------------------------------------------------------------- the graph


def test_graph_steps_through_five_connected_levels(cluster, nodes):
    assert graphs.phases(cluster) == (1, 2, 3, 4, 5)
    sizes = [graphs.snapshot(cluster, p).number_of_nodes() for p in LEVELS]
    assert sizes == sorted(set(sizes)) and sizes[-1] == len(nodes)
    for p in LEVELS:
        assert nx.is_weakly_connected(graphs.snapshot(cluster, p)), p


def test_institutions_and_sparser_ties_come_with_the_widening(cluster):
    summary = graphs.summary_by_phase(cluster).set_index("phase")
    firm_institution = summary["firm_institution_share"].tolist()
    assert firm_institution[:2] == [0, 0] and 0 < firm_institution[2] < firm_institution[3]
    density = summary["density"].tolist()
    assert density[1:] == sorted(density[1:], reverse=True)


def _betweenness(cluster) -> dict:
    table = graphs.metrics_by_phase(cluster)
    return {(r.id, r.phase): r.betweenness for r in table.itertuples()}


def test_hubs_move_as_the_page_says(cluster):
    b = _betweenness(cluster)
    brokers = [b["unido_brokers", p] for p in LEVELS]
    # highest among the networks, down by about a third at the sector, up again beyond
    assert brokers[0] == max(b[n, 1] for n, p in b if p == 1)
    assert 0.55 < brokers[1] / brokers[0] < 0.75
    assert brokers[3] > brokers[2] and brokers[4] > brokers[2]
    # the purchase centre at the sector, the brand at the cluster: each close to the brokers
    assert b["purchase_centre", 2] > 0.9 * b["unido_brokers", 2]
    assert b["made_in_masaya", 3] > 0.85 * b["unido_brokers", 3]


def test_the_brand_is_the_one_actor_whose_departure_cuts_firms_off(cluster):
    ranked = graphs.departures(cluster)
    assert ranked.iloc[0]["id"] == "made_in_masaya"
    assert (ranked["firms_cut_off"] > 0).sum() == 1
    assert graphs.without(cluster, "made_in_masaya").cut_off == ("other_handicrafts",)


# --------------------------------------------------------------------------- NET reference


def test_reference_scoring_has_every_cell_twice_with_its_reasoning(reference):
    raw = datasets.load("masaya_net_reference")
    assert len(reference) == 2 * len(net.CELLS)
    assert set(reference["date"]) == {FIRST, SECOND}
    assert raw.groupby("moment")["date"].nunique().eq(1).all()
    assert raw["note"].str.len().gt(20).all()
    blanks = reference[reference["rating"] == ""]
    assert set(blanks["date"]) == {SECOND} and len(blanks) == 4
    assert blanks["note"].str.startswith("Not judged").all()


def test_reference_scores_as_the_solutions_say(reference):
    scores = net.score(reference).set_index("date")
    assert scores.loc[FIRST, "current_stage"] == "promotion_motivation"
    assert scores.loc[SECOND, "current_stage"] == "strategic_planning"
    assert scores.loc[FIRST, "index"] < 25 < 45 < scores.loc[SECOND, "index"]
    assert scores.loc[FIRST, "completeness"] == 1.0
    assert scores.loc[SECOND, "completeness"] == pytest.approx(38 / 42)
    later = net.select(reference, date=SECOND).set_index(["indicator", "stage"])["rating"]
    assert later["group_organisation", "strategic_projects"] == "achieved"
    assert later["production_changes", "pilot_projects"] == "achieved"
    assert (later.xs("self_management", level="stage") == "not_achieved").all()
    earlier = net.select(reference, date=FIRST).set_index(["indicator", "stage"])["rating"]
    assert (
        earlier.xs("problem_analysis")[["promotion_motivation", "strategic_planning"]] == "achieved"
    ).all()


def test_reference_has_cells_out_of_order_only_at_the_second_moment(reference):
    inversions = net.order_inversions(reference)
    assert set(inversions["date"]) == {SECOND}
    pairs = set(
        zip(
            inversions["indicator"],
            inversions["earlier_stage"],
            inversions["later_stage"],
            strict=True,
        )
    )
    assert ("group_organisation", "decision", "strategic_projects") in pairs


def test_my_scoring_and_the_reference_score_side_by_side(reference):
    mine = net.template("Masaya hammock sector (my scoring)", FIRST)
    table = net.score(net.combine([mine, reference]))
    assert len(table) == 3 and table["index"].min() == 0


# --------------------------------------------------------------------------- the model's claims


def test_price_claims(reference):
    curve = scale.yarn_prices()
    buys = scale.purchases(levels=["network", "sector"]).set_index("group")
    eco = buys.loc["ecohamaca"]
    assert 6000 < eco["quantity_kg"] < 6500 and eco["unit_price"] == 3.15
    assert eco["quantity_kg"] < curve.best_price_from
    assert buys.loc[["network_b", "network_c"], "unit_price"].eq(3.40).all()
    assert 13000 < buys.loc["hammocks", "quantity_kg"] < 14000
    assert buys.loc["hammocks", "unit_price"] == curve.best_price
    tiers = scale.price_table(curve, [240, 20, 260])["cost"].tolist()
    assert tiers[0] + tiers[1] - tiers[2] == pytest.approx(52)


def test_saving_claims():
    levels = scale.savings_by_level().set_index("level")
    assert levels.loc["network", "saving_share"] < 0.1
    assert 0.2 < levels.loc["sector", "saving_share"] < 0.25
    assert levels.loc["sector", "saving"] / levels.loc["network", "saving"] == pytest.approx(
        3, abs=0.1
    )
    assert levels.loc["cluster", "saving"] == levels.loc["sector", "saving"]
    assert levels.loc["cluster", "coordination_cost"] > levels.loc["sector", "coordination_cost"]
    network_c = scale.purchases(levels=["network"]).set_index("group").loc["network_c"]
    assert 400 < network_c["coordination_cost"] < network_c["saving"] < 500


def test_group_size_claims():
    curve = scale.yarn_prices()
    pool = scale.pool_tradeoff()
    best, per_member = scale.best_row(pool), scale.best_row(pool, objective="per_member")
    assert best.size == len(pool) - 1
    reaching = pool.loc[pool["quantity_kg"] >= curve.best_price_from, "size"]
    assert per_member.size == reaching.min() == 28
    assert best.size - per_member.size == 8
    sizes = {
        name: scale.best_size(p, max_size=300).size for name, p in scale.project_presets().items()
    }
    assert sizes["joint_export"] <= 15 and 30 <= sizes["purchase_centre"] <= 50
    assert sizes["common_brand"] > 150


def test_dearer_pairs_leave_the_four_smallest_out():
    dearer = scale.pool_tradeoff(coordination=scale.CoordinationCost(300, 15, 4))
    assert scale.best_row(dearer).size == len(dearer) - 4
    assert scale.best_row(dearer, objective="per_member").size == 28


def test_pool_chooser_answers():
    choices = scale.pool_choices()
    eco = scale.pool_purchase(None, choices["ecohamaca"])
    assert round(eco.saving, -2) == 2800 and eco.coordination_cost == 575
    both = scale.pool_purchase(None, choices["ecohamaca"] + choices["network_b"])
    assert both.unit_price == 3.15 and 3800 < 12000 - both.quantity_kg < 4000
    sector = choices["sector:hammocks"]
    added = (
        scale.purchases(levels=["cluster"])["coordination_cost"].iloc[0]
        - scale.purchases(levels=["sector"])["coordination_cost"].iloc[0]
    )
    assert added == pytest.approx(465)
    below = scale.pool_purchase(None, sector, coordination=scale.CoordinationCost(300, 15, 15.6))
    above = scale.pool_purchase(None, sector, coordination=scale.CoordinationCost(300, 15, 15.8))
    assert below.net_saving > 0 > above.net_saving


# --------------------------------------------------------------------------- the notebook


def _cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def _text(cell: dict) -> str:
    return "".join(cell["source"])


def test_notebook_is_committed_without_outputs():
    for cell in _cells():
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def _names(source: str) -> tuple[set[str], set[str]]:
    tree = ast.parse(source)
    stored = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    loaded = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    return stored, loaded


def test_no_later_cell_needs_what_a_solution_defines():
    inside, defined_in_solutions, used_after = False, set(), set()
    for cell in _cells():
        text = _text(cell)
        if cell["cell_type"] == "markdown":
            if "{solution-start}" in text:
                inside = True
            if "{solution-end}" in text:
                inside = False
            continue
        stored, loaded = _names(text)
        if inside:
            defined_in_solutions |= stored
        else:
            used_after |= loaded & defined_in_solutions
            defined_in_solutions -= stored
    assert not used_after


def test_every_exercise_has_a_solution_and_there_are_self_checks():
    text = "\n".join(_text(c) for c in _cells() if c["cell_type"] == "markdown")
    labels = re.findall(r":label: (masaya-ex-[\w-]+)", text)
    solved = re.findall(r"\{solution(?:-start)?\} (masaya-ex-[\w-]+)", text)
    assert labels and sorted(labels) == sorted(solved)
    assert 3 <= text.count("{self-check}") <= 5
    assert text.count("{instructor-note}") >= 2
    assert "illustrative" in text.lower() and "(Ceglie & Dini, 1999, Box 4)" in text


def test_code_cells_only_call_jlp():
    allowed = {
        "masaya",
        "datasets",
        "graphs",
        "net",
        "programme",
        "scale",
        "viz",
        "net_charts",
        "scale_charts",
        "graph_frame",
        "static_picture",
        "GraphExplorer",
        "NetScorer",
        "PoolChooser",
    }
    defined: set[str] = set()
    for cell in _cells():
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(_text(cell))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                assert module.split(".")[0] == "jlp", module
        stored, loaded = _names(_text(cell))
        assert loaded <= allowed | defined | stored, loaded - allowed - defined - stored
        defined |= stored


# --------------------------------------------------------------------------- jlp.cases.masaya


def test_case_module_examples_run():
    result = doctest.testmod(masaya, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_network_levels_and_snapshots_agree(cluster, nodes):
    g = masaya.network()
    assert sorted(g.nodes) == sorted(cluster.nodes)
    table = masaya.levels(g)
    assert table["Phase"].tolist() == list(masaya.PHASES)
    joined = sum(len(cell.split("; ")) for cell in table["Who joins"])
    assert joined == len(nodes)
    sizes = [s.number_of_nodes() for s in masaya.snapshots(g).values()]
    assert sizes == [graphs.snapshot(g, p).number_of_nodes() for p in masaya.PHASES]


def test_hubs_table_is_the_metrics_by_phase(cluster):
    table = masaya.hubs(cluster)
    b = _betweenness(cluster)
    label = dict(cluster.nodes(data="label"))
    for (node, phase), value in b.items():
        assert table.loc[label[node], masaya.LEVELS[phase - 1]] == pytest.approx(value)
    assert table["network"].notna().sum() == graphs.snapshot(cluster, 1).number_of_nodes()
    peaks = table.max(axis=1).tolist()
    assert peaks == sorted(peaks, reverse=True)
    with pytest.raises(JlpInputError, match="not a measure"):
        masaya.hubs(cluster, metric="label")


def test_compare_counts_gaps_and_hides_the_reasoning_until_asked():
    mine = masaya.reference("1999-03-01").assign(network="Mine")
    upgraded = mine.assign(rating=mine["rating"].replace({"partial": "achieved"}))
    gaps = masaya.compare(upgraded, with_reasoning=False)
    assert len(gaps) == (mine["rating"] == "partial").sum()
    assert (gaps["Gap (points)"] == 1).all()
    assert "Reference reasoning" not in gaps.columns
    assert "Reference reasoning" in masaya.compare(upgraded).columns  # the one shared default
    first = masaya.reference("1998-06-01")
    empty = masaya.compare(net.template("Mine", "1998-06-01"))
    points = {"achieved": 2, "partial": 1, "not_achieved": 0, "": 0}
    assert len(empty) == (first["rating"] != "").sum()
    assert empty["Gap (points)"].sum() == -first["rating"].map(points).sum()


def test_reasoning_reads_every_cell_in_matrix_order():
    table = masaya.reasoning("1998-06-01")
    assert len(table) == 42 and table["Why"].str.len().gt(0).all()
    assert table["Stage"].iloc[0] == "Promotion and motivation"
    assert table["Stage"].iloc[-1] == "Self-management"
    assert len(masaya.reasoning("1999-03-01", judged_only=True)) == 38
    with pytest.raises(JlpInputError, match="1998-06-01"):
        masaya.reference("1999-01-01")
