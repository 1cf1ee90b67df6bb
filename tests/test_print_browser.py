"""The print edition (``make book-print``: _build/print/html) printed by chromium, as a PDF on
A4 and on Letter: text on every page (no blank page), nothing cut at the page's width, no
request off the site while the page loads and prints, and no folding toggle on paper.

The print page (about 300 pages) is loaded once per test run and printed on both papers from
that one load; what each check reads is recorded then (tests/once.py). A test module that
measures something else in the printed page adds a measure with :func:`print_measure`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
#: {name: measure(page)}: what other test modules read in the print page at each paper's
#: print width, before it prints (see :func:`print_measure`).
PRINT_MEASURES: dict[str, Callable[[Any], Any]] = {}


def print_measure(name: str) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Register ``measure(page)``: run on the loaded print page at each paper's print width;
    its JSON-able result is ``printed(paper)[1][name]``."""

    def register(measure: Callable[[Any], Any]) -> Callable[[Any], Any]:
        PRINT_MEASURES[name] = measure
        return measure

    return register


@pytest.fixture(scope="session")
def print_site() -> Path:
    if not (PRINT_SITE / "index.html").exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("the print edition is not built (make book-print)")
        pytest.skip("the print edition is not built: run `make book-print` first")
    return PRINT_SITE


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``: by poppler's ``pdftotext`` where it is installed
    (twenty times faster), else by pypdf."""
    tool = shutil.which("pdftotext")
    if tool is None:
        from pypdf import PdfReader

        return [page.extract_text() or "" for page in PdfReader(pdf).pages]
    done = subprocess.run(
        [tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    )
    return done.stdout.split("\f")[:-1]  # every page ends with a form feed


def _textless(text: str) -> bool:
    return len(re.sub(r"\s", "", text)) < 3


def pictures_on_textless_pages(pdf: Path, texts: list[str]) -> dict[str, int]:
    """{page number: pictures drawn on it} for the pages of ``pdf`` without text: a network map
    as tall as the paper prints alone on its page, as a picture, and that page is not blank."""
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    return {str(n): len(pages[n - 1].images) for n, t in enumerate(texts, 1) if _textless(t)}


def print_papers(browser, site: Path, folder: Path) -> None:
    """Load the print page once; for each paper, measure it at the paper's print width and
    print it: ``folder`` gets the PDFs and a JSON of each paper's measures, page texts and
    the requests made."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = watch(page)
    measures: dict[str, dict[str, Any]] = {}
    with serve(site) as url:
        page.goto(f"{url}/index.html", wait_until="load", timeout=120_000)
        settle(page, limit_ms=30_000)
        page.wait_for_timeout(1000)
        page.emulate_media(media="print")
        for paper in PAPERS:
            page.set_viewport_size({"width": PRINT_WIDTH[paper], "height": 1000})
            page.wait_for_timeout(300)
            found = {"cut": too_wide(page), "charts": page.evaluate(CHART_PARTS)}
            found.update({name: measure(page) for name, measure in PRINT_MEASURES.items()})
            pdf = folder / f"{paper}.pdf"
            pdf.write_bytes(page.pdf(format=paper, print_background=True))
            found["texts"] = page_texts(pdf)
            found["pictures"] = pictures_on_textless_pages(pdf, found["texts"])
            measures[paper] = found
    for found in measures.values():  # the requests of the whole load and of both prints
        found.update(offsite=log.offsite, failed=log.failed)
    (folder / "measures.json").write_text(json.dumps(measures), encoding="utf-8")
    context.close()


@pytest.fixture(scope="session")
def printed(browser, print_site, shared_dir):
    """{paper: measures}, both papers printed from one load once per test run (the first
    test process to ask prints, the others wait for it and read it)."""
    found: dict[str, dict] = {}

    def on(paper: str) -> dict:
        if not found:
            made = made_once(shared_dir, "print", lambda f: print_papers(browser, print_site, f))
            found.update(json.loads((made / "measures.json").read_text(encoding="utf-8")))
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
def test_every_printed_page_has_text_or_a_picture(printed, paper):
    """No blank page: each page holds text, or (a map as tall as the paper) a picture."""
    found = printed(paper)
    texts, pictures = found["texts"], found["pictures"]
    blank = [n for n, text in enumerate(texts, 1) if _textless(text) and not pictures[str(n)]]
    assert len(texts) > 20 and blank == [], f"{paper}: blank pages {blank} of {len(texts)}"
    alone = [int(n) for n in pictures]
    assert len(alone) <= len(texts) // 50, f"{paper}: {len(alone)} pages hold only a picture"
    toggles = [n for n, text in enumerate(texts, 1) if TOGGLES.search(text)]
    assert toggles == [], f"{paper}: folding toggles printed on pages {toggles}"


@pytest.mark.parametrize("paper", PAPERS)
def test_nothing_is_cut_at_the_paper_width(printed, paper):
    measures = printed(paper)
    assert measures["cut"] == []
    problems = [f"{c['id']}: {p}" for c in measures["charts"] for p in c["problems"]]
    assert problems == []


@pytest.mark.parametrize("paper", PAPERS)
def test_printing_asks_nothing_off_the_site(printed, paper):
    measures = printed(paper)
    assert measures["offsite"] == [] and measures["failed"] == []


def test_the_toggle_check_tells_a_printed_toggle_from_a_sentence_naming_it():
    assert TOGGLES.search("Results\n\u25bc Show code cell output\n42")
    assert TOGGLES.search("Hide code cell source")
    assert not TOGGLES.search("The code is folded under Show code cell source; only the lines")


def test_the_page_texts_show_a_printed_toggle_and_a_blank_page(page, tmp_path):
    """The checks above can fail: a toggle printed on its own line, and an empty page."""
    page.set_content(
        "<p>Results</p><p>\u25bc Show code cell output</p><p>42</p>"
        '<div style="break-before: page"></div><div style="break-before: page">Last</div>'
    )
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    texts = page_texts(pdf)
    assert len(texts) == 3
    assert TOGGLES.search(texts[0]) and "Last" in texts[2]
    assert re.sub(r"\s", "", texts[1]) == ""
