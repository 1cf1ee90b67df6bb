"""Network maps on paper (issue 10 §3 and §6): in the print edition's column, printed on A4 and
on Letter, every map label is at least 11 px as drawn on the page (a frame's own scale and any
CSS shrinking of the frame counted), every map, with its legend, fits on one page, and the
legend's swatches (backgrounds inside the frame) print in colour.

The page is made here: the case maps in the print edition's column, styled by the editions'
own stylesheet (``jlp-editions.css``), so no book build is needed. When the print edition is
built (``make book-print``), its maps are measured the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import serve, settle
from test_maps_browser import BOXES
from test_maps_layout import GRAPHS

from jlp import programme
from jlp.sphinx_ext import VIS_JS, lighten_page, vis_loader
from jlp.viz.graph_pages import graph_frame
from jlp.viz.programme_charts import actors_frame

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CSS = ROOT / "src" / "jlp" / "editions" / "static" / "jlp-editions.css"
PRINT_SITE = ROOT / "_build" / "print" / "html"
#: The print area of each paper in CSS px (96 to the inch, 15 mm margins): width, height.
PAPERS = {
    "A4": (round(180 / 25.4 * 96), round(267 / 25.4 * 96)),
    "Letter": (round(185.9 / 25.4 * 96), round(249.4 / 25.4 * 96)),
}
MIN_LABEL_PX = 11.0
MAPS = ["emasim", "ecohamaca", "jampro", "masaya_cluster", "honduras_certec", "your-network"]

#: Each frame's scale on the page: its drawn width over its laid-out width (a CSS transform).
FRAME_SCALE = """(frame) => frame.getBoundingClientRect().width / frame.offsetWidth"""

#: How the legend's swatches of a frame print: each one's print-color-adjust.
SWATCHES_PRINT = """() => [...new Set([...document.querySelectorAll('.jlp-swatch')]
  .map((s) => getComputedStyle(s).printColorAdjust))]"""


def measured(page) -> list[dict]:
    """Every drawn map of the page: its title, smallest label as drawn (px) and its height as
    drawn (px)."""
    found = []
    for element in page.query_selector_all("iframe.jlp-graph-frame"):
        frame = element.content_frame()
        frame.wait_for_selector("body[data-drawn='1']", timeout=60_000)
        scale = element.evaluate(FRAME_SCALE)
        boxes = frame.evaluate(BOXES)
        smallest = min(n["px"] for n in boxes["nodes"]) * scale
        found.append(
            {
                "title": frame.title(),
                "label_px": round(smallest, 2),
                "height": round(element.bounding_box()["height"]),
                "swatches": frame.evaluate(SWATCHES_PRINT),
            }
        )
    return found


def print_page(tmp_path: Path) -> Path:
    """The case maps in the print edition's column (body class and theme containers), with
    vis-network served once, and each frame's height set by the page, as on the site."""
    frames = "\n".join(
        f"<h2>{name}</h2>{graph_frame(GRAPHS[name](), title=name).html}" for name in MAPS
    )
    frames += actors_frame(programme.honduras_actors()).html  # the programme's actors
    (tmp_path / "jlp-editions.css").write_text(CSS.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / VIS_JS).write_text(vis_loader(), encoding="utf-8")
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<link rel='stylesheet' href='jlp-editions.css'></head>"
        "<body class='jlp-print-edition' style='margin:0'><div class='bd-main'>"
        "<div class='bd-content'><div class='bd-article-container'><article class='bd-article'>"
        f"{frames}</article></div></div></div></body></html>"
    )
    (tmp_path / "index.html").write_text(lighten_page(page, "_static/"), encoding="utf-8")
    return tmp_path


def open_for_paper(page, url: str, paper: str) -> list[dict]:
    """Load as the print tests do (a laptop's width, then print media at the paper's width)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url, wait_until="load", timeout=120_000)
    settle(page, limit_ms=30_000)
    page.wait_for_timeout(800)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAPERS[paper][0], "height": 1000})
    page.wait_for_timeout(600)
    return measured(page)


def problems_of(maps: list[dict], paper: str) -> list[str]:
    height = PAPERS[paper][1]
    problems = [
        f"{m['title']}: labels {m['label_px']} px" for m in maps if m["label_px"] < MIN_LABEL_PX
    ]
    problems += [f"{m['title']}: {m['height']} px tall" for m in maps if m["height"] > height]
    problems += [
        f"{m['title']}: swatches {m['swatches']}" for m in maps if m["swatches"] != ["exact"]
    ]
    return problems


@pytest.mark.parametrize("paper", list(PAPERS))
def test_map_labels_print_at_11_px_or_more_and_each_map_fits_a_page(page, tmp_path, paper):
    with serve(print_page(tmp_path)) as url:
        maps = open_for_paper(page, f"{url}/index.html", paper)
    assert len(maps) == len(MAPS) + 1
    assert problems_of(maps, paper) == [], f"{paper}: {maps}"


@pytest.mark.parametrize("paper", list(PAPERS))
def test_the_print_editions_maps_print_at_11_px_or_more(page, paper):
    if not (PRINT_SITE / "index.html").exists():
        pytest.skip("the print edition is not built: run `make book-print` first")
    with serve(PRINT_SITE) as url:
        maps = open_for_paper(page, f"{url}/index.html", paper)
    assert maps, "the print edition holds no network map"
    assert problems_of(maps, paper) == [], f"{paper}: {maps}"
