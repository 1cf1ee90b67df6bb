"""The programme facts: reported figures reach the chapter intact."""

from __future__ import annotations

import pytest

from jlp import programme
from jlp.errors import JlpInputError
from jlp.viz.programme_charts import actors_frame, evaluation_chart
from jlp.widgets.facts import FactsBrowser, facts_table_html


def test_evaluation_ranges_are_the_six_networks_only():
    # Contract changed (issue 12): the paper never says EMASIM was among the six evaluated
    # networks, and its measure differs, so EMASIM is no longer placed on the ranges.
    ranges = programme.evaluation_ranges()
    assert list(ranges.index) == list(programme.EVALUATED_METRICS)
    assert "emasim" not in ranges.columns
    assert ranges.loc["employment_change", ["low", "high"]].tolist() == [11, 50]
    assert set(ranges["source"]) == {"Honduras section"}


def test_projects_table_keeps_hedges_and_hides_blanks():
    table = programme.projects_table()
    honduras = table[table["Project or phase"] == "UNIDO SME networking project"].iloc[0]
    assert honduras["Enterprises"] == "about 300"
    assert honduras["Networks"] == "33"
    assert not table.isin(["nan", "<NA>", "NaN"]).any().any()


def test_figures_for_unknown_country_names_the_choices():
    with pytest.raises(JlpInputError, match="Honduras"):
        programme.figures_for("Atlantis")


def test_facts_browser_updates_table_on_change():
    browser = FactsBrowser("Honduras")
    assert "EMASIM" in browser.table.value and "EcoHamaca" not in browser.table.value
    browser.country.value = "Nicaragua"
    assert "EcoHamaca" in browser.table.value
    assert ">1996<" in facts_table_html("Honduras")  # years are not written as 1,996


def test_honduras_actors_graph_and_drawing():
    graph = programme.honduras_actors()
    assert graph.number_of_nodes() == 8
    assert graph.has_edge("infop", "emasim") and graph.edges["infop", "emasim"]["tie"] == "training"
    assert {d["provenance"] for _, d in graph.nodes(data=True)} == {"reported"}
    frame = actors_frame(graph)
    assert "Instituto Nacional de Formaci" in frame.page


def test_evaluation_chart_has_the_ranges_and_no_emasim_marker():
    fig = evaluation_chart(programme.evaluation_ranges())
    assert [t.type for t in fig.data] == ["bar"]
    assert "EMASIM" not in fig.layout.title.text
