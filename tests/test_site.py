"""Browser checks of every page of the built learner edition, one visit per page.

Each page is loaded once in chromium (one visit shared with the chart and table checks:
tests/page_visits.py), with every request off the site refused, and checked
for what a reader would meet: no failed or off-site request, no page or console error, a
heading on every chapter, and no serious or critical accessibility problem (axe-core, which
comes inside the axe-playwright-python wheel and is injected by the test, so the browser
still makes no request off the site). Run after the editions are built (`make browser`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from page_visits import reads, visited
from test_links import EDITION_SITES, site_pages

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser


def toc_pages() -> list[str]:
    """Every document named in _toc.yml, in reading order, as a site-relative .html path."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in toc.items() if k != "root"})
    return [f"{Path(f).with_suffix('')}.html" for f in found]


def learner_pages() -> list[str]:
    """Every page of the learner site when built (else the chapters of the TOC)."""
    site = EDITION_SITES["learner"]
    if (site / "index.html").exists():
        return [p.relative_to(site).as_posix() for p in site_pages(site)]
    return toc_pages()


def test_every_chapter_is_built():
    site = EDITION_SITES["learner"]
    if not (site / "index.html").exists():
        pytest.skip("the book is not built: run `make book` first")
    missing = [p for p in toc_pages() if not (site / p).exists()]
    assert missing == []


@pytest.mark.parametrize("path", learner_pages())
def test_page_loads_offline_cleanly_and_accessibly(shared_dir, browser_context, site_url, path):
    seen = visited(shared_dir, browser_context, site_url, path)  # tests/page_visits.py
    if path in toc_pages():
        assert seen["headings"] >= 1, f"{path} shows no heading"
    assert seen["axe"] == [], f"{path}:\n" + "\n".join(seen["axe"])
    assert seen["problems"] == [], f"{path}: " + "; ".join(seen["problems"])


PROGRAMME_FACTS = "notebooks/programme-facts.html"


@reads("laptop", "drawn")
def chart_graph_and_widget(page) -> dict[str, int] | None:
    """On the programme facts page: the charts, graph canvases and widget dropdowns drawn."""
    if not page.url.endswith(PROGRAMME_FACTS):
        return None
    page.wait_for_selector(".plotly-graph-div .main-svg", timeout=15_000)
    frames = [f for f in page.frames if f is not page.main_frame]
    canvases = []
    for frame in frames:
        frame.wait_for_selector("canvas", timeout=15_000)
        canvases.append(frame.locator("canvas").count())
    page.wait_for_selector(".jupyter-widgets", timeout=15_000)
    return {
        "charts": page.locator(".plotly-graph-div .main-svg").count(),
        "frames": len(frames),
        "canvases": sum(canvases),
        "dropdowns": page.locator(".widget-dropdown select, .widget-dropdown").count(),
    }


def test_programme_facts_draws_chart_graph_and_widget(shared_dir, browser_context, site_url):
    seen = visited(shared_dir, browser_context, site_url, PROGRAMME_FACTS)  # one shared visit
    drawn = seen["drawn"]
    assert drawn["charts"] >= 1
    assert drawn["frames"], "no graph iframe on the page"
    assert drawn["canvases"] >= 1, "the graph iframe drew no canvas"
    assert drawn["dropdowns"] >= 1
    # what went wrong while the map and the widget drew too, not only while the page loaded
    assert seen["problems_at_the_end"] == [], "; ".join(seen["problems_at_the_end"])
