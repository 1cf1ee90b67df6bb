"""Browser checks of the built site: offline, error-free, and every kind of output drawn.

Run after `make book` (the `make test` target does both). Marked `browser`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from browser import settle, watch

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


def load(page, url: str):
    log = watch(page)
    page.goto(url, wait_until="load", timeout=60_000)
    settle(page)
    return log


@pytest.mark.parametrize("path", toc_pages())
def test_page_loads_offline_without_errors(page, site_url, path):
    log = load(page, f"{site_url}/{path}")
    assert page.locator("main h1").count() >= 1, f"{path} shows no heading"
    assert log.problems() == [], f"{path}: " + "; ".join(log.problems())


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
