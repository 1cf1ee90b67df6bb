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
from browser import settle, watch
from page_visits import visited
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


def load(page, url: str):
    log = watch(page)
    # The browser asks for /favicon.ico on its own; the site has none.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(url, wait_until="load", timeout=60_000)
    settle(page)
    return log


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


def test_programme_facts_draws_chart_graph_and_widget(page, site_url):
    log = load(page, f"{site_url}/notebooks/programme-facts.html")
    page.wait_for_selector(".plotly-graph-div .main-svg", timeout=15_000)
    assert page.locator(".plotly-graph-div .main-svg").count() >= 1

    frames = [f for f in page.frames if f is not page.main_frame]
    assert frames, "no graph iframe on the page"
    drawn = 0
    for frame in frames:
        frame.wait_for_selector("canvas", timeout=15_000)
        drawn += frame.locator("canvas").count()
    assert drawn >= 1, "the graph iframe drew no canvas"

    page.wait_for_selector(".jupyter-widgets", timeout=15_000)
    assert page.locator(".widget-dropdown select, .widget-dropdown").count() >= 1
    assert log.problems() == [], "; ".join(log.problems())
