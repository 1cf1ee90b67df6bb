"""The bundled NET rubric: 42 cells, reported structure, illustrative texts."""

from __future__ import annotations

import pytest

from jlp import datasets, net
from jlp.errors import JlpInputError


def test_rubric_has_every_cell_once_in_matrix_order():
    table = net.rubric()
    assert list(zip(table["indicator"], table["stage"], strict=True)) == list(net.CELLS)
    assert table["result"].str.len().min() > 40
    assert table["result"].is_unique and table["evidence"].is_unique


def test_rubric_says_what_is_reported_and_what_is_ours():
    table = net.rubric()
    assert set(table["labels_provenance"]) == {"reported"}
    assert set(table["labels_source"]) == {"Box 2"}
    assert set(table["provenance"]) == {"illustrative"}
    assert table["source"].str.contains("operationalisation").all()
    assert "operationalisation" in datasets.describe("net_rubric")["title"]


def test_labels_follow_box_2():
    assert net.indicator_labels()["external_relations"] == (
        "Relations with the external economic environment"
    )
    assert list(net.stage_labels()) == list(net.STAGES)


def test_a_rubric_of_your_own(tmp_path):
    table = net.rubric()
    table["result"] = "Texto " + table.index.astype(str)
    path = tmp_path / "rubrica.csv"
    table.to_csv(path, index=False)
    assert net.cell_text("group_cohesion", "decision", path=path) == "Texto 2"
    table.iloc[:41].to_csv(tmp_path / "short.csv", index=False)
    with pytest.raises(JlpInputError, match="42"):
        net.rubric(tmp_path / "short.csv")


def test_cell_text_unknown_slug():
    with pytest.raises(JlpInputError) as excinfo:
        net.cell_text("group_cohesion", "pilot_project")
    assert "pilot_projects" in excinfo.value.problems[0].fix
