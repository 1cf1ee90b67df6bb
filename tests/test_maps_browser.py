"""The network maps of the built site as a reader sees them (issue 10 §3, §8): at 1366 px and
at 390 px, label boxes taken from the drawn vis-network never overlap, no node or label lies
outside its frame, labels are drawn at 11 px or more; notebook pages stay under 1 MB."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import settle, watch

from jlp.viz.network_page import vis_js_path

#: The learner edition, as tests/conftest.py serves it (not imported: tests/lab has a
#: conftest module of its own, and which of the two `conftest` names depends on load order).
SITE = Path(__file__).resolve().parents[1] / "_build" / "html"

pytestmark = pytest.mark.browser

#: The pages that hold network maps (drawn frames, the explorer's saved state included).
MAP_PAGES = [
    "emasim-more",
    "ecohamaca-more",
    "jampro",
    "masaya-more",
    "your-network",
    "programme-facts",
]
WIDTHS = [1366, 390]
MIN_LABEL_PX = 11.0
MAX_PAGE_BYTES = 1_000_000

#: Inside one frame: each node's label box and whole box (shape and label) in the frame's
#: CSS pixels, the label's drawn font size, and the canvas and frame extents.
BOXES = """() => {
  const net = window.jlpNetwork;
  const canvas = document.querySelector('#jlp-graph canvas');
  const rect = canvas.getBoundingClientRect();
  const scale = net.getScale();
  const dom = (x, y) => { const p = net.canvasToDOM({x: x, y: y});
                          return [p.x + rect.left, p.y + rect.top]; };
  const nodes = net.body.nodeIndices.map((id) => {
    const node = net.body.nodes[id];
    const size = node.labelModule.size;
    const bb = node.shape.boundingBox;
    return {
      label: node.options.label,
      box: [...dom(size.left, size.top), ...dom(size.left + size.width, size.top + size.height)],
      whole: [...dom(bb.left, bb.top), ...dom(bb.right, bb.bottom)],
      px: node.labelModule.fontOptions.size * scale,
    };
  });
  return {nodes: nodes, canvas: [rect.left, rect.top, rect.right, rect.bottom],
          frame: [0, 0, document.documentElement.clientWidth, window.innerHeight]};
}"""


def overlapping(nodes: list[dict], slack: float = 0.5) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            ax0, ay0, ax1, ay1 = a["box"]
            bx0, by0, bx1, by1 = b["box"]
            if min(ax1, bx1) - max(ax0, bx0) > slack and min(ay1, by1) - max(ay0, by0) > slack:
                pairs.append((a["label"], b["label"]))
    return pairs


def outside(nodes: list[dict], area: list[float], slack: float = 1.0) -> list[str]:
    x0, y0, x1, y1 = area
    return [
        n["label"]
        for n in nodes
        if n["whole"][0] < x0 - slack
        or n["whole"][1] < y0 - slack
        or n["whole"][2] > x1 + slack
        or n["whole"][3] > y1 + slack
    ]


def map_frames(page, url: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    log = watch(page)
    page.goto(url, wait_until="load")
    settle(page)
    page.wait_for_timeout(600)  # the frames report their height; the page resizes them
    # widgets draw after the page loads: wait until the number of map frames stops growing
    count, steady = -1, 0
    for _ in range(150):
        now = page.evaluate("document.querySelectorAll('iframe.jlp-graph-frame').length")
        steady = steady + 1 if now == count and now > 0 else 0
        count = now
        if steady >= 10:
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(600)
    frames = [f for f in page.frames if f.parent_frame is not None]
    drawn = []
    for frame in frames:
        if frame.query_selector("#jlp-graph") is None:
            continue
        frame.wait_for_selector("body[data-drawn='1']", timeout=60_000)
        drawn.append(frame)
    return log, drawn


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", MAP_PAGES)
def test_map_labels_never_overlap_and_stay_in_the_frame(page, site_url, name, width):
    log, frames = map_frames(page, f"{site_url}/notebooks/{name}.html", width)
    assert frames, f"{name}: no network map drawn"
    problems = []
    for frame in frames:
        found = frame.evaluate(BOXES)
        title = frame.title()
        element = frame.frame_element()
        shown = element.bounding_box()
        visible = [0, 0, shown["width"], shown["height"]]
        for a, b in overlapping(found["nodes"]):
            problems.append(f"{title}: labels '{a}' and '{b}' overlap")
        for label in outside(found["nodes"], found["canvas"]):
            problems.append(f"{title}: '{label}' lies outside the canvas")
        for label in outside(found["nodes"], visible):
            problems.append(f"{title}: '{label}' lies outside the frame on the page")
        small = [n["label"] for n in found["nodes"] if n["px"] < MIN_LABEL_PX]
        if small:
            problems.append(f"{title}: labels under {MIN_LABEL_PX} px: {small[:5]}")
    assert problems == [], f"{name} at {width} px:\n" + "\n".join(problems)
    assert [p for p in log.problems() if "failed request" in p or "off the site" in p] == []


def test_notebook_pages_weigh_under_one_megabyte():
    """In both languages: the Spanish pages (``es/``) carry longer words in the same widgets."""
    pages = sorted((SITE / "notebooks").glob("*.html")) + sorted(
        (SITE / "es" / "notebooks").glob("*.html")
    )
    if not pages:
        pytest.skip("the book is not built")
    heavy = {
        p.relative_to(SITE).as_posix(): p.stat().st_size // 1024
        for p in pages
        if p.stat().st_size > MAX_PAGE_BYTES
    }
    assert heavy == {}, f"pages over 1 MB (KB): {heavy}"


def test_vis_network_is_served_once_and_no_page_copies_it():
    if not (SITE / "notebooks").exists():
        pytest.skip("the book is not built")
    loader = (SITE / "_static" / "jlp-vis.js").read_text(encoding="utf-8")
    code = vis_js_path().read_text(encoding="utf-8")
    # a stretch of the library that no escaping changes: found in every copy of it
    plain = re.compile(r"[A-Za-z0-9_.,(){}=]{60}")
    stretch = plain.search(code, len(code) // 2).group(0)
    assert stretch in loader
    copies = [p.name for p in SITE.rglob("*.html") if stretch in p.read_text(encoding="utf-8")]
    assert copies == []
