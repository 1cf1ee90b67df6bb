"""jlp.viz without a browser: figure bundles, graph pages, the caller's graph untouched."""

from __future__ import annotations

import copy
import html
import json

import networkx as nx
import plotly.graph_objects as go
import pytest
from blocked import unimportable

from jlp import viz
from jlp.viz.network_page import external_references


def test_book_figure_offers_plotly_json_and_html_without_plotlyjs():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    bundle = viz.show(fig)._repr_mimebundle_()
    assert bundle["application/vnd.plotly.v1+json"]["data"][0]["type"] == "bar"
    fragment = bundle["text/html"]
    assert "Plotly.newPlot" in fragment
    assert "<script src" not in fragment  # plotly.js comes once per site, not per figure
    assert external_references(fragment) == []


def test_figure_html_is_deterministic():
    def make():
        return go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))

    assert viz.figure_html(make()) == viz.figure_html(make())


def test_network_page_is_self_contained_and_keeps_graph():
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="Asociación de León", kind="association", weight=3)
    graph.add_edge("a", "b", tie="credit", weight=2)
    graph.add_edge("a", "b", tie="training")
    before = copy.deepcopy(graph)
    page = viz.network_page(graph, title="Test")
    assert external_references(page) == []
    assert nx.utils.graphs_equal(graph, before)
    assert dict(graph.nodes["a"]) == dict(before.nodes["a"])
    assert page.count('"from": "a"') == 2  # both parallel ties are drawn


def test_positions_are_seeded():
    graph = nx.les_miserables_graph()
    assert viz.seeded_positions(graph, seed=3) == viz.seeded_positions(graph, seed=3)
    assert viz.network_page(graph, seed=3) == viz.network_page(graph, seed=3)


def test_graph_frame_escapes_page_into_srcdoc():
    page = viz.network_page(nx.Graph([("<b>x</b>", "y")]), title='"quoted" <title>')
    frame = viz.GraphFrame(page, title='A "graph"').html
    assert frame.startswith("<iframe") and 'sandbox="allow-scripts"' in frame
    srcdoc = frame.split('srcdoc="', 1)[1].split('" style=', 1)[0]
    assert '"' not in srcdoc and "<" not in srcdoc  # nothing can break out of the attribute
    assert html.unescape(srcdoc) == page
    assert "&lt;title&gt;" in page  # the page title itself is escaped by the template


def test_legend_labels_are_escaped():
    page = viz.network_page(
        nx.Graph([(1, 2)]), legend=[viz.LegendItem("<script>alert(1)</script>", "#000")]
    )
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_figure_text_cannot_close_the_script():
    fig = go.Figure(go.Bar(x=["</script><script>alert(1)</script>"], y=[1]))
    fragment = viz.figure_html(fig)
    assert fragment.count("</script>") == 1  # only the fragment's own closing tag
    spec = fragment.split("var spec = ", 1)[1].split(";\n", 1)[0]
    assert json.loads(spec)["data"][0]["x"] == ["</script><script>alert(1)</script>"]


@pytest.mark.xfail(
    strict=True,
    raises=ImportError,
    reason="found with scipy really blocked: from 500 nodes networkx's spring layout, "
    "method='force' included, builds a scipy sparse matrix; jlp.viz.graph_layout avoids it, "
    "seeded_positions does not yet (scipy stays a declared dependency meanwhile)",
)
def test_seeded_positions_need_no_scipy_on_large_graphs():
    graph = nx.gnm_random_graph(520, 900, seed=1)
    with unimportable("scipy"):
        with pytest.raises(ImportError):  # the block is real: networkx's default needs scipy here
            nx.spring_layout(graph, seed=1)
        positions = viz.seeded_positions(graph, seed=1)
    assert len(positions) == 520
    assert positions == viz.seeded_positions(graph, seed=1)  # with scipy back: the same picture
