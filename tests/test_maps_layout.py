"""The fixed map layout of case networks (issue 10 §3): deterministic, no two label boxes
overlapping in layout coordinates, no wider than its band, the story's bands in place."""

from __future__ import annotations

import html
import json
import re

import networkx as nx
import pytest

from jlp.cases import network
from jlp.graphs import phase_name, read_graph, template_path
from jlp.sphinx_ext import lighten_page
from jlp.viz import map_layout
from jlp.viz.graph_pages import graph_frame, graph_page, legend_for, map_layouts
from jlp.viz.network_page import vis_block

CASES = ["emasim", "ecohamaca", "jampro", "masaya_cluster", "honduras_certec"]


def example():
    return read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))


def sixty() -> nx.MultiDiGraph:
    """A 60-node network with long, accented names: 44 firms, shared things, outsiders."""
    graph = nx.MultiDiGraph()
    kinds = (
        ["firm"] * 44
        + ["broker", "enterprise_joint", "association"] * 2
        + ["institution"] * 6
        + ["market"] * 4
    )
    for i, kind in enumerate(kinds):
        graph.add_node(f"n{i}", label=f"Taller Peña Martínez {i}", kind=kind, group=kind)
    for i in range(44):
        graph.add_edge(f"n{i}", f"n{44 + i % 6}", tie="supply")
        graph.add_edge(f"n{i}", f"n{50 + i % 6}", tie="training")
    return graph


GRAPHS = {name: (lambda name=name: network(name)) for name in CASES}
GRAPHS["your-network"] = example
GRAPHS["sixty"] = sixty


@pytest.mark.parametrize("name", list(GRAPHS))
def test_no_two_label_boxes_overlap_in_any_layout(name):
    maps = map_layouts(GRAPHS[name]())
    widths = {
        "wide": map_layout.WIDE_WIDTH,
        "medium": map_layout.MEDIUM_WIDTH,
        "narrow": map_layout.NARROW_WIDTH,
    }
    assert list(maps) == list(widths)  # widest first: a page takes the first that fits
    for kind, width in widths.items():
        layout = maps[kind]
        assert map_layout.overlapping_pairs(layout.boxes()) == [], (name, kind)
        left, _, right, _ = layout.extent
        assert right - left <= width + 1, (name, kind, right - left)


@pytest.mark.parametrize("name", ["emasim", "jampro", "sixty"])
def test_the_layout_is_deterministic(name):
    first = map_layouts(GRAPHS[name]())
    again = map_layouts(GRAPHS[name]())
    assert {k: v.to_json() for k, v in first.items()} == {k: v.to_json() for k, v in again.items()}


def test_the_story_reads_institutions_above_members_and_markets_below():
    graph = network("emasim")
    positions = map_layouts(graph)["wide"].positions
    y_of = {}
    for node, kind in graph.nodes(data="kind"):
        y_of.setdefault(kind, []).append(positions[node][1])
    firms = y_of["firm"]
    assert max(y_of["institution"]) < min(firms)  # screen y runs down
    assert min(y_of["market"]) > max(firms)
    middle = sum(firms) / len(firms)
    assert all(min(firms) < y < max(firms) for y in y_of["enterprise_joint"])
    assert abs(sum(y_of["enterprise_joint"]) / 3 - middle) < (max(firms) - min(firms)) / 2


def test_a_phone_layout_draws_labels_at_11_px_or_more():
    # a 360 px wide frame shows the narrow layout whole; its labels must stay >= 11 px
    for name in GRAPHS:
        left, _, right, _ = map_layouts(GRAPHS[name]())["narrow"].extent
        scale = min(358 / (right - left + 16), 1)
        assert scale * map_layout.FONT >= 11, name


def test_positions_do_not_move_between_phases_or_tie_filters():
    graph = network("emasim")

    def layouts(page):
        found = re.search(r"var layouts = (.*?);\n", page).group(1)
        return json.loads(found)

    whole = layouts(graph_page(graph))
    assert layouts(graph_page(graph, phase=1)) == whole
    assert layouts(graph_page(graph, ties=["training"], phase=2)) == whole


def test_illustrative_actors_and_ties_are_marked_and_in_the_legend():
    graph = network("jampro")
    page = graph_page(graph)
    assert "borderDashes" in page and '"opacity": 0.4' in page
    labels = [item.label for item in legend_for(graph)]
    assert any("Illustrative actor" in label for label in labels)
    assert any("Illustrative tie" in label for label in labels)


def test_tooltips_show_words_not_slugs_and_phase_names():
    graph = network("emasim")
    page = graph_page(graph, phase=4)
    nodes = json.loads(re.search(r"new vis.DataSet\((\[.*?\])\);", page).group(1))
    titles = "\n".join(node["title"] for node in nodes)
    assert "Since phase: 4 · A jointly owned enterprise" in titles
    assert phase_name(graph, 2) == "2 · Raw material first"
    jampro = graph_page(network("jampro"))
    assert "Group: training_education" not in jampro and "Training education" in jampro


def test_legend_swatches_take_their_colour_from_a_variable_only():
    # an inline background would beat the shape's clip (issue 10: a square "triangle")
    page = graph_page(network("emasim"))
    swatches = re.findall(r'<span class="jlp-swatch ([^"]+)" style="([^"]+)"', page)
    assert swatches and all(
        style.startswith("--c:") and ";" not in style.rstrip(";") for _, style in swatches
    )
    assert ".jlp-swatch.triangle { clip-path" in page


def test_a_site_page_keeps_no_copy_of_vis_network():
    frame = graph_frame(network("emasim"), title="EMASIM")
    state = json.dumps({"value": frame.html})
    page = f"<html><head></head><body>{frame.html}<script>{state}</script></body></html>"
    light = lighten_page(page, "../_static/")
    assert len(page) > 800_000 and len(light) < 200_000
    assert html.escape(vis_block(), quote=True) not in light
    assert light.count('src="../_static/jlp-vis.js"') == 1
