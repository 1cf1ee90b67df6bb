"""Network pages in a real browser: they draw, stay offline, show hostile names as text,
and keep accents and non-Latin scripts."""

from __future__ import annotations

import copy
import warnings

import networkx as nx
import pandas as pd
import pytest
from browser import serve, watch

from jlp.graphs import graph_from_frames, illustrative_programme, read_graph, template_path
from jlp.viz.graph_pages import PHYSICS_MAX_NODES, graph_frame

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"


def host(tmp_path, *frames) -> None:
    body = "".join(frame.html for frame in frames)
    (tmp_path / "index.html").write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>",
        encoding="utf-8",
    )


def open_frames(page, url, count=1):
    log = watch(page)
    page.goto(f"{url}/index.html", wait_until="load")
    inner = page.frames[1:]
    assert len(inner) == count
    for frame in inner:
        # a map is as tall as its layout needs: bring each frame into view (chromium does
        # not paint frames far off screen)
        frame.frame_element().scroll_into_view_if_needed()
        frame.wait_for_selector("body[data-drawn='1']", timeout=60_000)
    return log, inner


#: The centre of the pixels painted in the firm colour (#0072B2), in CSS pixels of the canvas.
FIND_BLUE = """() => {
  const canvas = document.querySelector('canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let x = 0, y = 0, count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] < 30 && Math.abs(data[i + 1] - 114) < 30 && Math.abs(data[i + 2] - 178) < 30) {
      const p = i / 4; x += p % canvas.width; y += Math.floor(p / canvas.width); count++;
    }
  }
  const box = canvas.getBoundingClientRect();
  return {x: x / count * box.width / canvas.width, y: y / count * box.height / canvas.height,
          count: count};
}"""


def hostile_network():
    nodes = pd.DataFrame(
        {
            "id": ["evil", "leon", "ja", "ru"],
            "label": [HOSTILE, "Asociación de León", "日本の会社", "Кооператив Ёлка"],
            "kind": [HOSTILE, "association", "firm", "firm"],
            "note": ["<script>alert(2)</script>", "", "", ""],
        }
    )
    edges = pd.DataFrame(
        {
            "source": ["evil", "leon", "ja"],
            "target": ["leon", "ja", "ru"],
            "tie": [HOSTILE, "training", "joint_purchase"],
            "note": [f"<b>{HOSTILE}</b>", "Tegucigalpa", ""],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the hostile kind and tie are "unusual": a warning
        return graph_from_frames(nodes, edges)


def test_hostile_names_show_as_text_in_canvas_legend_and_tooltip(page, tmp_path):
    graph = hostile_network()
    before = (
        copy.deepcopy(dict(graph.nodes(data=True))),
        copy.deepcopy(list(graph.edges(keys=True, data=True))),
    )
    host(tmp_path, graph_frame(graph, title=HOSTILE, caption=HOSTILE, physics=False))
    with serve(tmp_path) as url:
        log, (inner,) = open_frames(page, url)
        assert inner.locator("canvas").count() == 1
        assert inner.locator("img, b, script[src]").count() == 0
        legend = inner.locator(".jlp-legend").inner_text()
        assert HOSTILE in legend  # the kind and the tie type, shown as text
        assert "Association" in legend and "Training" in legend
        assert HOSTILE in inner.locator(".jlp-caption").inner_text()
        page.wait_for_timeout(300)
    assert log.problems() == [], "; ".join(log.problems())
    assert (dict(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))) == before


def test_tooltip_is_text(page, tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("evil", label=HOSTILE, kind="firm")
    host(tmp_path, graph_frame(graph, physics=False, height=400))
    with serve(tmp_path) as url:
        log, (inner,) = open_frames(page, url)
        canvas = inner.locator("canvas").bounding_box()  # relative to the main page
        dot = inner.evaluate(FIND_BLUE)  # where the node's blue dot is drawn on the canvas
        assert dot["count"] > 0
        page.mouse.move(canvas["x"] + dot["x"] - 30, canvas["y"] + dot["y"] - 30)
        page.mouse.move(canvas["x"] + dot["x"], canvas["y"] + dot["y"], steps=6)
        tooltip = inner.locator(".vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert HOSTILE in tooltip.inner_text()
        assert tooltip.locator("img").count() == 0
    assert log.problems() == [], "; ".join(log.problems())


def test_accents_and_other_scripts_are_kept(page, tmp_path):
    host(tmp_path, graph_frame(hostile_network(), physics=False))
    with serve(tmp_path) as url:
        log, (inner,) = open_frames(page, url)
        labels = inner.evaluate("""() => {
            const text = Array.from(document.scripts).map(s => s.textContent).join('\\n');
            const start = text.indexOf('new vis.DataSet(') + 'new vis.DataSet('.length;
            const end = text.indexOf(');', start);
            return JSON.parse(text.slice(start, end)).map(n => n.label);
        }""")
        assert labels == [HOSTILE, "Asociación de León", "日本の会社", "Кооператив Ёлка"]
    assert log.problems() == [], "; ".join(log.problems())


def test_example_and_programme_pages_draw_offline(page, tmp_path):
    example = read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        programme = graph_from_frames(
            *illustrative_programme(brokers=20, networks=20, enterprises=500)
        )
    assert programme.number_of_nodes() > PHYSICS_MAX_NODES >= example.number_of_nodes()
    host(
        tmp_path,
        graph_frame(example, size_by="betweenness", phase="pilot_projects"),
        graph_frame(programme),
    )
    with serve(tmp_path) as url:
        log, frames = open_frames(page, url, count=2)
        for frame in frames:
            assert frame.locator("canvas").count() == 1
        page.wait_for_timeout(500)
    assert log.problems() == [], "; ".join(log.problems())


#: The box around every painted (not white) pixel of the canvas, in canvas pixels.
PAINTED_BOX = """() => {
  const canvas = document.querySelector('canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let left = canvas.width, right = -1, top = canvas.height, bottom = -1;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) {
      const p = i / 4, x = p % canvas.width, y = Math.floor(p / canvas.width);
      left = Math.min(left, x); right = Math.max(right, x);
      top = Math.min(top, y); bottom = Math.max(bottom, y);
    }
  }
  return {left, right, top, bottom, width: canvas.width, height: canvas.height};
}"""


def test_picture_is_refitted_when_the_frame_narrows(page, tmp_path):
    """A book page lays itself out after the frame has drawn: the graph must stay in view."""
    example = read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))
    frame = graph_frame(example, physics=False)
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html><body><div id='box' style='width:1200px'>"
        f"{frame.html}</div></body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        log, (inner,) = open_frames(page, url)
        page.evaluate("document.getElementById('box').style.width = '600px'")
        page.wait_for_timeout(800)
        box = inner.evaluate(PAINTED_BOX)
    assert box["width"] < 900  # the canvas did follow the frame
    # the whole picture is inside the canvas, with a margin, not cut at its edges
    assert box["left"] > 0 and box["right"] < box["width"] - 1
    assert box["top"] > 0 and box["bottom"] < box["height"] - 1
    assert box["right"] - box["left"] > box["width"] / 3  # and not shrunk to a dot
    assert log.problems() == [], "; ".join(log.problems())


def test_map_waits_for_its_frame_to_have_a_width(page, tmp_path):
    """A map drawn inside a box not laid out yet (no width) must not fail, and fits once shown."""
    example = read_graph(template_path("example_nodes.csv"), template_path("example_edges.csv"))
    frame = graph_frame(example)
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html><body><div id='box' style='width:0;overflow:hidden'>"
        f"{frame.html}</div></body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        log = watch(page)
        page.goto(f"{url}/index.html", wait_until="load")
        inner = page.frames[1]
        inner.wait_for_function("window.jlpNetwork !== undefined", timeout=60_000)
        page.evaluate("document.getElementById('box').style.width = '700px'")
        inner.wait_for_selector("body[data-drawn='1']", timeout=60_000)
        inner.wait_for_selector("[data-layout]", timeout=10_000)
        page.wait_for_timeout(300)
        box = inner.evaluate(PAINTED_BOX)
    assert box["left"] > 0 and box["right"] < box["width"] - 1
    assert box["right"] - box["left"] > box["width"] / 3
    assert log.problems() == [], "; ".join(log.problems())
