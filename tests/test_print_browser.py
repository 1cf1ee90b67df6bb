"""The print edition (``make book-print``: _build/print/html) printed by chromium, as a PDF on
A4 and on Letter: text on every page (no blank page), nothing cut at the page's width, no
request off the site while the page loads and prints, and no folding toggle on paper."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from browser import serve, settle, watch
from charts_layout import CHART_PARTS
from once import made_once

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PRINT_SITE = ROOT / "_build" / "print" / "html"
PAPERS = ("A4", "Letter")
#: The print area's width in CSS px: the paper less two 15 mm margins (96 px to the inch).
PRINT_WIDTH = {"A4": round((210 - 30) / 25.4 * 96), "Letter": round((215.9 - 30) / 25.4 * 96)}
#: A folding toggle as it prints: its label alone on its line (the course's own text may name
#: the toggle in a sentence, "the code is folded under Show code cell source").
TOGGLES = re.compile(r"^\W*(Show|Hide) code cell (output|source|content)\W*$", re.M)


@pytest.fixture(scope="session")
def print_site() -> Path:
    if not (PRINT_SITE / "index.html").exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("the print edition is not built (make book-print)")
        pytest.skip("the print edition is not built: run `make book-print` first")
    return PRINT_SITE


def print_on(browser, site: Path, paper: str, folder: Path) -> None:
    """Load the print page, measure it at ``paper``'s print width and print it on ``paper``:
    ``folder`` gets the PDF and a JSON of the measures and of the requests made."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = watch(page)
    with serve(site) as url:
        page.goto(f"{url}/index.html", wait_until="load", timeout=120_000)
        settle(page, limit_ms=30_000)
        page.wait_for_timeout(1000)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": PRINT_WIDTH[paper], "height": 1000})
        page.wait_for_timeout(300)
        measures = {"cut": too_wide(page), "charts": page.evaluate(CHART_PARTS)}
        (folder / "paper.pdf").write_bytes(page.pdf(format=paper, print_background=True))
    measures.update(offsite=log.offsite, failed=log.failed)
    (folder / "measures.json").write_text(json.dumps(measures), encoding="utf-8")
    context.close()


@pytest.fixture(scope="session")
def printed(browser, print_site, shared_dir):
    """{paper: (PDF, measures)}, each paper printed once per test run (the first test process
    to ask prints it, the others wait for it and read it; two papers print side by side)."""
    from pypdf import PdfReader

    found: dict[str, tuple] = {}

    def on(paper: str) -> tuple:
        if paper not in found:
            made = made_once(
                shared_dir, f"print-{paper}", lambda f: print_on(browser, print_site, paper, f)
            )
            measures = json.loads((made / "measures.json").read_text(encoding="utf-8"))
            found[paper] = (PdfReader(made / "paper.pdf"), measures)
        return found[paper]

    return on


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
    pdf, _ = printed(paper)
    texts = [p.extract_text() or "" for p in pdf.pages]
    blank = [n for n, text in enumerate(texts, 1) if len(re.sub(r"\s", "", text)) < 3]
    assert len(texts) > 20 and blank == [], f"{paper}: blank pages {blank} of {len(texts)}"
    toggles = [n for n, text in enumerate(texts, 1) if TOGGLES.search(text)]
    assert toggles == [], f"{paper}: folding toggles printed on pages {toggles}"


@pytest.mark.parametrize("paper", PAPERS)
def test_nothing_is_cut_at_the_paper_width(printed, paper):
    _, measures = printed(paper)
    assert measures["cut"] == []
    problems = [f"{c['id']}: {p}" for c in measures["charts"] for p in c["problems"]]
    assert problems == []


@pytest.mark.parametrize("paper", PAPERS)
def test_printing_asks_nothing_off_the_site(printed, paper):
    _, measures = printed(paper)
    assert measures["offsite"] == [] and measures["failed"] == []


def test_the_toggle_check_tells_a_printed_toggle_from_a_sentence_naming_it():
    assert TOGGLES.search("Results\n\u25bc Show code cell output\n42")
    assert TOGGLES.search("Hide code cell source")
    assert not TOGGLES.search("The code is folded under Show code cell source; only the lines")
