"""Drawing jlp networks (no browser): styles, legends, escaping, layout, caller's graph kept."""

from __future__ import annotations

import copy
import html
import json
import re
import time

import networkx as nx
import pytest
from blocked import unimportable

from jlp.errors import JlpInputError
from jlp.graphs import graph_from_frames, illustrative_programme, read_graph, template_path
from jlp.viz.graph_pages import (
    PHYSICS_MAX_NODES,
    graph_frame,
    graph_layout,
    graph_page,
    legend_for,
    map_update,
    styled_graph,
)
from jlp.viz.graph_static import save_static, static_figure
from jlp.viz.network_page import external_references
from jlp.widgets import GraphExplorer
from jlp.widgets.graph_explorer import explorer_view, metric_table_html

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture()
def example():
    return read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))


def options_of(page: str) -> dict:
    return json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))


def snapshot_of(graph):
    return (
        copy.deepcopy(dict(graph.nodes(data=True))),
        copy.deepcopy(list(graph.edges(keys=True, data=True))),
        dict(graph.graph),
    )


def test_page_is_offline_and_leaves_the_graph_unchanged(example):
    before = snapshot_of(example)
    page = graph_page(
        example,
        size_by="betweenness",
        phase="pilot_projects",
        ties=["joint_purchase", "coordination"],
    )
    graph_frame(example)
    static_figure(example)
    assert external_references(page) == []
    assert snapshot_of(example) == before


def test_styles_follow_kind_and_tie_and_parallel_ties_curve(example):
    drawn = styled_graph(example)
    assert drawn.nodes["broker"]["shape"] == "diamond"
    assert drawn.nodes["instituto"]["shape"] == "square"
    pair = drawn["muebles_pena"]["tapiceria_zuniga"]
    assert set(pair) == {"shared_order", "subcontracting"}
    curves = sorted(d["smooth"]["type"] for d in pair.values())
    assert curves == ["continuous", "curvedCW"]  # drawn as two separate lines
    assert pair["subcontracting"]["arrows"]["to"]["enabled"] is True
    assert pair["shared_order"]["arrows"]["to"]["enabled"] is False
    assert "Subcontracting" in pair["subcontracting"]["title"]
    assert "betweenness" in drawn.nodes["broker"]["title"]


def test_legend_lists_only_what_is_drawn(example):
    labels = [item.label for item in legend_for(example)]
    assert labels[:2] == ["Firm", "Joint enterprise"] and "Co-ordination" in labels
    only = legend_for(
        graph_from_frames(
            __import__("pandas").DataFrame(
                {"id": ["a", "b"], "label": ["A", "B"], "kind": ["firm", "firm"]}
            ),
            __import__("pandas").DataFrame({"source": ["a"], "target": ["b"], "tie": ["credit"]}),
        )
    )
    assert [i.label for i in only] == ["Firm", "Credit"]
    assert only[1].style == "line dashed"


def test_hostile_names_are_escaped_in_page_and_legend():
    graph = nx.MultiDiGraph()
    graph.add_node("x", label=HOSTILE, kind=HOSTILE)
    graph.add_node("y", label="León", kind="firm")
    graph.add_edge("x", "y", key=HOSTILE, tie=HOSTILE, directed=False)
    page = graph_page(graph, title=HOSTILE, caption=HOSTILE)
    assert "<img" not in page
    assert html.escape(HOSTILE) in page  # legend, title and caption: escaped text


def test_layout_is_seeded_and_pages_are_reproducible(example):
    assert graph_layout(example, seed=3) == graph_layout(example, seed=3)
    assert graph_page(example) == graph_page(example)


def test_programme_scale_layout_needs_no_scipy_and_turns_physics_off():
    graph = graph_from_frames(*illustrative_programme(brokers=20, networks=20, enterprises=500))
    assert graph.number_of_nodes() > PHYSICS_MAX_NODES
    with unimportable("scipy"):
        with pytest.raises(ImportError):  # the block is real: networkx's default needs scipy here
            nx.spring_layout(nx.Graph(graph), seed=7)
        positions = graph_layout(graph)
        page = graph_page(graph, positions=positions)
    assert set(positions) == set(graph) and positions == graph_layout(graph)
    assert options_of(page)["physics"]["enabled"] is False


def test_case_networks_are_fixed_maps_and_other_small_graphs_settle(example):
    # issue 10: a case network is a fixed map (no physics re-settling when ties change);
    # small graphs laid out by the caller still settle with physics
    assert options_of(graph_page(example))["physics"]["enabled"] is False
    positions = graph_layout(example)
    assert options_of(graph_page(example, positions=positions))["physics"]["enabled"] is True


def test_size_by_must_be_known(example, tmp_path):
    with pytest.raises(JlpInputError, match="cannot size nodes by 'fame'"):
        graph_page(example, size_by="fame")
    with pytest.raises(JlpInputError, match=r"\.gif"):
        save_static(example, tmp_path / "x.gif")


def test_static_picture_files(example, tmp_path):
    for suffix in (".png", ".svg", ".pdf"):
        path = save_static(example, tmp_path / f"net{suffix}", size_by="effective_size")
        assert path.stat().st_size > 1000
    assert "Tapicería Zúñiga" in (tmp_path / "net.svg").read_text(encoding="utf-8")


def test_metric_table_escapes_and_marks_isolates():
    graph = nx.Graph()
    graph.add_node("x", label=HOSTILE, kind="firm")
    graph.add_edge("a", "b")
    from jlp.graphs import node_metrics

    table_html = metric_table_html(node_metrics(graph))
    assert "<img" not in table_html and html.escape(HOSTILE) in table_html
    assert "—" in table_html and "constraint is undefined" in table_html


def test_explorer_controls_drive_the_view(example):
    explorer = GraphExplorer(example)
    assert explorer.phase.value == "strategic_projects"
    explorer.phase.value = "promotion_motivation"
    assert "Ebanistería López" not in explorer.table.value  # joined in the next phase
    explorer.tie_buttons["coordination"].value = False
    # issue 11 §6: a case network's map is updated in place (only what changed is sent)
    shown = explorer.picture.update
    assert shown["edges"] and "Co-ordination" not in json.dumps(shown)
    assert "Co-ordination" in json.dumps(map_update(example))
    explorer.size_by.value = "constraint"
    assert "sorted by constraint" in explorer.table.value
    assert explorer.chosen_ties() == [t for t in explorer.tie_buttons if t != "coordination"]


def test_explorer_the_first_way_sends_a_new_page_per_change(example):
    explorer = GraphExplorer(example, live=False)
    explorer.tie_buttons["coordination"].value = False
    assert "Co-ordination" not in html.unescape(explorer.picture.value)


def test_explorer_on_a_graph_without_phases_or_types():
    explorer = GraphExplorer(nx.karate_club_graph())
    assert explorer.phase.disabled and explorer.chosen_ties() is None
    assert 'id="jlp-graph"' in explorer.picture.page  # a map, drawn once, updated in place


def test_explorer_view_is_quick_enough_to_run_in_tests():
    graph = graph_from_frames(*illustrative_programme(brokers=3, networks=4, enterprises=52))
    positions = graph_layout(graph)
    started = time.perf_counter()
    frame, table = explorer_view(graph, positions=positions, size_by="betweenness")
    assert frame.startswith("<iframe") and "<table" in table
    assert time.perf_counter() - started < 30  # a sanity bound only; speed is benchmarked
