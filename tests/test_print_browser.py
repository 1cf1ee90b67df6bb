"""The print edition (``make book-print``: _build/print/html) printed by chromium, as a PDF on
A4 and on Letter: text on every page (no blank page), nothing cut at the page's width, no
request off the site while the page loads and prints, and no folding toggle on paper."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from browser import serve, settle, watch
from charts_layout import CHART_PARTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PRINT_SITE = ROOT / "_build" / "print" / "html"
PAPERS = ("A4", "Letter")
#: The print area's width in CSS px: the paper less two 15 mm margins (96 px to the inch).
PRINT_WIDTH = {"A4": round((210 - 30) / 25.4 * 96), "Letter": round((215.9 - 30) / 25.4 * 96)}
TOGGLES = re.compile(r"(Show|Hide) code cell (output|source|content)")


@pytest.fixture(scope="module")
def print_url():
    if not (PRINT_SITE / "index.html").exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("the print edition is not built (make book-print)")
        pytest.skip("the print edition is not built: run `make book-print` first")
    with serve(PRINT_SITE) as url:
        yield url


@pytest.fixture(scope="module")
def printed(browser, print_url):
    """The print page loaded once; {paper: PDF bytes}, the request log, page measures."""
    from pypdf import PdfReader

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = watch(page)
    page.goto(f"{print_url}/index.html", wait_until="load", timeout=120_000)
    settle(page, limit_ms=30_000)
    page.wait_for_timeout(1000)
    page.emulate_media(media="print")
    measures = {}
    for paper in PAPERS:
        page.set_viewport_size({"width": PRINT_WIDTH[paper], "height": 1000})
        page.wait_for_timeout(300)
        measures[paper] = {"cut": too_wide(page), "charts": page.evaluate(CHART_PARTS)}
    pdfs = {
        paper: PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
        for paper in PAPERS
    }
    yield pdfs, log, measures
    context.close()


def too_wide(page) -> list[str]:
    """Elements of the text that reach past the right edge of the text column."""
    return page.evaluate(
        """() => {
      const main = document.querySelector('main') || document.body;
      const edge = main.getBoundingClientRect().right + 1;
      const found = [];
      main.querySelectorAll('table, img, svg.main-svg, iframe, pre, figure, .plotly-graph-div')
        .forEach((el) => {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > edge) {
            found.push(`${el.tagName.toLowerCase()}#${el.id || ''} ends at ${Math.round(r.right)}`
                       + ` > ${Math.round(edge)}`);
          }
        });
      return found.slice(0, 10);
    }"""
    )


@pytest.mark.parametrize("paper", PAPERS)
def test_every_printed_page_has_text(printed, paper):
    pdfs, _, _ = printed
    texts = [p.extract_text() or "" for p in pdfs[paper].pages]
    blank = [n for n, text in enumerate(texts, 1) if len(re.sub(r"\s", "", text)) < 3]
    assert len(texts) > 20 and blank == [], f"{paper}: blank pages {blank} of {len(texts)}"
    toggles = [n for n, text in enumerate(texts, 1) if TOGGLES.search(text)]
    assert toggles == [], f"{paper}: folding toggles printed on pages {toggles}"


@pytest.mark.parametrize("paper", PAPERS)
def test_nothing_is_cut_at_the_paper_width(printed, paper):
    _, _, measures = printed
    assert measures[paper]["cut"] == []
    problems = [f"{c['id']}: {p}" for c in measures[paper]["charts"] for p in c["problems"]]
    assert problems == []


def test_printing_asks_nothing_off_the_site(printed):
    _, log, _ = printed
    assert log.offsite == [] and log.failed == []
