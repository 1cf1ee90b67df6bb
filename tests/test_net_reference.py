"""jlp.net.reference and jlp.cases.network: one reference scoring and one network loader for
every case, each flag with one meaning."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pandas as pd
import pytest

from jlp import datasets, graphs, net
from jlp.cases import ecohamaca, emasim, jampro, masaya
from jlp.cases import network as case_network
from jlp.errors import JlpInputError
from jlp.net.reference import ReferenceScoring

DATES = ("2000-01-01", "2000-06-01", "2001-01-01")
CASES = (emasim, ecohamaca, masaya, jampro)

# A hand-made reference: five cells judged over three moments, the rest never judged.
#   cohesion/promotion: achieved throughout, its reason reworded at the second moment;
#   cohesion/decision:  not judged -> not achieved -> partial;
#   analysis/decision:  partial -> achieved -> achieved;
#   planning/pilot:     not achieved throughout;
#   relations/self:     not judged -> not judged -> achieved.
CELLS = {
    ("group_cohesion", "promotion_motivation"): ("achieved", "achieved", "achieved"),
    ("group_cohesion", "decision"): ("", "not_achieved", "partial"),
    ("problem_analysis", "decision"): ("partial", "achieved", "achieved"),
    ("planning_capacity", "pilot_projects"): ("not_achieved",) * 3,
    ("external_relations", "self_management"): ("", "", "achieved"),
}
NOTES = {
    ("group_cohesion", "promotion_motivation"): (
        "They meet.",
        "They meet monthly.",
        "They meet monthly.",
    )
}


def _hand_made() -> pd.DataFrame:
    frames = []
    for moment, date in enumerate(DATES):
        table = net.template("Ref", date)
        for (indicator, stage), ratings in CELLS.items():
            at = (table["indicator"] == indicator) & (table["stage"] == stage)
            table.loc[at, "rating"] = ratings[moment]
            table.loc[at, "note"] = NOTES.get((indicator, stage), ("why",) * 3)[moment]
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


TEXT = {
    "moments": {d: (f"Moment {i + 1}", f"What happened by {d}") for i, d in enumerate(DATES)},
    "moment_columns": ("When", "Name", "Story"),
}


@pytest.fixture()
def scoring() -> ReferenceScoring:
    return ReferenceScoring.from_table(
        _hand_made(), network="Ref", dates=DATES, subject="the test network", text=dict(TEXT)
    )


def _cells(table: pd.DataFrame) -> set[tuple[str, str]]:
    ilabels = {v: k for k, v in net.indicator_labels().items()}
    slabels = {v: k for k, v in net.stage_labels().items()}
    return {
        (ilabels[i], slabels[s]) for i, s in zip(table["Indicator"], table["Stage"], strict=True)
    }


# --------------------------------------------------------------------------- the flags


def test_judged_only_drops_the_cells_not_judged_and_keeps_not_achieved(scoring):
    for moment, date in enumerate(DATES):
        judged = scoring.reasoning(date, judged_only=True)
        expected = {cell for cell, ratings in CELLS.items() if ratings[moment] != ""}
        assert _cells(judged) == expected
    assert "not achieved" in set(scoring.reasoning(DATES[0], judged_only=True)["Rating"])
    assert len(scoring.reasoning(DATES[0])) == len(net.CELLS)  # no flag: every cell


def test_changed_only_keeps_the_cells_whose_rating_moved_since_the_moment_before(scoring):
    assert len(scoring.reasoning(DATES[0], changed_only=True)) == len(net.CELLS)
    second = _cells(scoring.reasoning(DATES[1], changed_only=True))
    assert second == {("group_cohesion", "decision"), ("problem_analysis", "decision")}
    third = _cells(scoring.reasoning(DATES[2], changed_only=True))
    assert third == {("group_cohesion", "decision"), ("external_relations", "self_management")}
    # a reworded reason alone is not a change
    assert ("group_cohesion", "promotion_motivation") not in second


def test_the_filters_combine_and_name_what_they_do_not_know(scoring):
    table = scoring.reasoning(DATES[2], stages=["decision"], ratings=["partial"])
    assert _cells(table) == {("group_cohesion", "decision")}
    assert len(scoring.reasoning(DATES[2], ratings=[""])) == len(net.CELLS) - len(CELLS)
    with pytest.raises(JlpInputError, match="'pilot' is not a NET stage") as raised:
        scoring.reasoning(DATES[0], stages=["pilot"])
    assert raised.value.problems[0].column == "stage"
    with pytest.raises(JlpInputError, match="'not judged' is not a rating"):
        scoring.reasoning(DATES[0], ratings=["not judged"])


def test_reasoning_reads_stage_by_stage_with_labels_and_reasons(scoring):
    table = scoring.reasoning(DATES[1], judged_only=True)
    assert table.columns.tolist() == ["Indicator", "Stage", "Rating", "Why"]
    assert table["Stage"].tolist() == [
        "Promotion and motivation",
        "Decision",
        "Decision",
        "Pilot projects",
    ]
    assert table["Why"].iloc[0] == "They meet monthly."
    assert table["Rating"].tolist()[1:3] == ["not achieved", "achieved"]


# --------------------------------------------------------------------------- compare


def test_compare_shows_the_reasoning_by_default_and_hides_it_on_request(scoring):
    mine = scoring.at(DATES[2]).assign(network="Mine")
    assert scoring.compare(mine).empty
    mine.loc[mine["rating"] == "partial", "rating"] = "achieved"
    diff = scoring.compare(mine)
    assert diff.iloc[0][["Yours", "Reference", "Gap (points)"]].tolist() == [
        "achieved",
        "partial",
        1,
    ]
    assert diff.iloc[0]["Reference reasoning"] == "why"
    assert "Reference reasoning" not in scoring.compare(mine, with_reasoning=False).columns
    assert scoring.compare(mine, only_differences=False).shape == (len(net.CELLS), 6)


def test_compare_and_at_name_the_moments_they_know(scoring):
    with pytest.raises(JlpInputError) as raised:
        scoring.compare(net.template("Mine", "2000-03-01"))
    problem = raised.value.problems[0]
    assert problem.column == "date" and "the test network" in problem.message
    assert ", ".join(DATES) in problem.message
    both = net.combine([net.template("Mine", d) for d in DATES[:2]])
    with pytest.raises(JlpInputError, match="one assessment at a time; this table holds 2"):
        scoring.compare(both)


# --------------------------------------------------------------------------- moments, data


def test_moments_read_the_case_text_at_each_call(scoring):
    assert scoring.moments().columns.tolist() == ["When", "Name", "Story"]
    assert scoring.moments()["When"].tolist() == list(DATES)
    scoring.text["moments"][DATES[0]] = ("Momento 1", "Lo que pasó")  # a translation
    assert scoring.moments().iloc[0]["Name"] == "Momento 1"


def test_a_bundled_reference_goes_through_the_data_package():
    scoring = ReferenceScoring(
        "masaya_net_reference", network=masaya.REFERENCE_NETWORK, dates=masaya.MOMENTS
    )
    assert len(scoring.assessments()) == 84
    with pytest.raises(JlpInputError, match="did you mean 'masaya_net_reference'"):
        ReferenceScoring("masaya_net_referense", network="x", dates=["1998-06-01"]).assessments()


def test_every_case_uses_the_one_shared_scoring():
    signatures = set()
    for case in CASES:
        assert isinstance(case.SCORING, ReferenceScoring)
        for name, method in (
            ("moments", "moments"),
            ("reference_assessments", "assessments"),
            ("reference", "at"),
            ("reasoning", "reasoning"),
            ("compare", "compare"),
        ):
            alias = getattr(case, name)
            assert alias.__self__ is case.SCORING and alias.__name__ == method
        assert case.SCORING.dates == case.MOMENTS
        signatures.add(str(inspect.signature(case.compare)))
        assert case.moments()["Date"].tolist() == list(case.MOMENTS)
    assert len(signatures) == 1
    assert inspect.signature(emasim.compare).parameters["with_reasoning"].default is True


# --------------------------------------------------------------------------- the networks


@pytest.mark.parametrize("name", ["emasim", "ecohamaca", "masaya_cluster", "jampro"])
def test_a_case_network_is_its_two_files(name):
    folder = datasets.data_dir()
    expected = graphs.read_graph(folder / f"{name}_nodes.csv", folder / f"{name}_edges.csv")
    loaded = case_network(name)
    assert list(loaded.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(loaded.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert "<NA>" not in {str(v) for _, d in loaded.nodes(data=True) for v in d.values()}


def test_the_case_networks_are_the_case_modules_networks():
    for case, name in (
        (emasim, "emasim"),
        (ecohamaca, "ecohamaca"),
        (masaya, "masaya_cluster"),
        (jampro, "jampro"),
    ):
        assert list(case.network().edges(keys=True)) == list(case_network(name).edges(keys=True))


def test_a_bad_network_table_is_stopped_by_the_data_package(tmp_path: Path):
    copy = tmp_path / "data"
    shutil.copytree(datasets.data_dir(), copy)
    edges = copy / "emasim_edges.csv"
    lines = edges.read_text("utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",reported,", ",maybe,", 1)  # provenance outside its enum
    edges.write_text("".join(lines), "utf-8")
    # the graph reader alone takes the word as one more attribute ...
    assert graphs.read_graph(copy / "emasim_nodes.csv", edges).number_of_edges() > 0
    # ... the case loader checks the data package first and stops at the bad cell
    with pytest.raises(JlpInputError) as raised:
        case_network("emasim", directory=copy)
    problem = raised.value.problems[0]
    assert Path(problem.file).name == "emasim_edges.csv"
    assert (problem.row, problem.column) == (2, "provenance")
    assert "maybe" in str(raised.value)
