"""The graph page in a real browser: it draws, shows hostile labels as text, stays offline."""

from __future__ import annotations

import networkx as nx
import pytest
from browser import serve, watch

from jlp.viz import GraphFrame, network_page

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"


def test_hostile_and_accented_labels_show_as_text(page, tmp_path):
    graph = nx.Graph()
    graph.add_node("evil", label=HOSTILE, title=f"<script>alert(2)</script>{HOSTILE}")
    graph.add_node("leon", label="Asociación de León")
    graph.add_node("ja", label="日本語の会社")
    graph.add_edge("evil", "leon", title="<b>tie</b>")
    graph.add_edge("leon", "ja")
    frame = GraphFrame(network_page(graph, title="Hostile <b>title</b>"), title="t")
    (tmp_path / "index.html").write_text(
        f"<!DOCTYPE html><html><body>{frame.html}</body></html>", encoding="utf-8"
    )
    with serve(tmp_path) as url:
        log = watch(page)
        page.goto(f"{url}/index.html", wait_until="load")
        inner = page.frames[1]
        inner.wait_for_selector("body[data-drawn='1']", timeout=15_000)
        assert inner.locator("canvas").count() == 1
        assert inner.locator("img").count() == 0  # the label did not become an element
        data = inner.evaluate(
            "() => Array.from(document.scripts).map(s => s.textContent).join('\\n')"
        )
        assert "Asociaci\\u00f3n de Le\\u00f3n" in data  # accents kept (as JSON escapes)
        page.wait_for_timeout(300)
    assert log.problems() == [], "; ".join(log.problems())
    assert list(graph.nodes["evil"]) == ["label", "title"]  # the caller's graph is untouched
