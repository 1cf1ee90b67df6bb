"""The three editions of the real course, as `make editions` builds them.

No hard-coded markers: the instructor edition is the reference. Every solution and every
instructor note found there must be absent where its edition says so; the text compared is
each element's longest sentence, searched in every text file the other edition serves
(pages, search index and downloadable sources).
"""

from __future__ import annotations

import functools
import os
import re

import pytest
from bs4 import BeautifulSoup
from test_links import EDITION_SITES, site_pages

pytestmark = pytest.mark.browser  # needs the built sites, like the browser checks

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
TEXT_FILES = {".html", ".js", ".json", ".ipynb", ".md", ".txt"}


def _need(edition: str):
    site = EDITION_SITES[edition]
    if not (site / "index.html").exists():
        if IN_CI:
            pytest.fail(f"the {edition} edition is not built (make editions)")
        pytest.skip(f"the {edition} edition is not built: make editions")
    return site


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _longest_sentence(element) -> str:
    for title in element.select(".admonition-title"):
        title.extract()
    sentences = re.split(r"(?<=[.!?])\s+", _normal(element.get_text(" ")))
    return max(sentences, key=len)


@functools.cache
def _soups(edition: str) -> tuple[tuple[str, BeautifulSoup], ...]:
    """Every page of an edition, parsed once per test process."""
    site = _need(edition)
    return tuple(
        (
            path.relative_to(site).as_posix(),
            BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"),
        )
        for path in site_pages(site)
    )


def _pieces(selector: str) -> list[tuple[str, str]]:
    """(page, longest sentence) of every element matching ``selector`` in the instructor site."""
    found = []
    for page, soup in _soups("instructor"):
        for element in soup.select(selector):
            sentence = _longest_sentence(element)
            if len(sentence) >= 25:
                found.append((page, sentence))
    return found


@functools.cache
def _served_text(edition: str) -> str:
    site = _need(edition)
    parts = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_FILES:
            raw = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".html":
                raw = BeautifulSoup(raw, "html.parser").get_text(" ")
            parts.append(_normal(raw))
    return "\n".join(parts)


def test_instructor_edition_holds_solutions_and_notes():
    assert _pieces(".solution"), "no solution in the instructor edition"
    assert _pieces(".admonition.instructor-note"), "no instructor note in the instructor edition"


def test_workshop_edition_holds_no_solution_text():
    served = _served_text("workshop")
    leaked = [(page, s) for page, s in _pieces(".solution") if s in served]
    assert leaked == []


@pytest.mark.parametrize("edition", ["learner", "workshop"])
def test_no_instructor_note_outside_the_instructor_edition(edition):
    served = _served_text(edition)
    leaked = [(page, s) for page, s in _pieces(".admonition.instructor-note") if s in served]
    assert leaked == []


def test_learner_edition_keeps_solutions_behind_a_toggle():
    site = _need("learner")
    solutions = [
        element
        for path in site_pages(site)
        for element in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(
            ".solution"
        )
    ]
    assert solutions
    assert all("dropdown" in element["class"] for element in solutions)
