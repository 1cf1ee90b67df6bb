"""The book's own tables (written in a chapter's text) on a phone (issue 10, §1).

A prose table of three or more columns used to scroll sideways at 390 px with its last
column out of sight and no hint. Where such a table is wider than its column, each row is now
shown as a card, each cell headed by its column's name (jlp-tables.js and jlp-tables.css).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
#: Chapters whose tables were cut on a phone (the home page, the timetables, the NET matrix).
PAGES = ("book/index.html", "book/instructor-guide.html", "book/net-tool.html", "book/method.html")

#: Runs in the page: each prose table's overflow (px past its column) and, for the cards,
#: the cells that show no column name.
PROSE_TABLES_JS = r"""
() => [...document.querySelectorAll(".bd-article table")]
  .filter((t) => !t.closest(".cell_output, .output") && !t.classList.contains("jlp-table"))
  .map((t) => ({
    overflow: t.scrollWidth - t.parentElement.clientWidth,
    stacked: t.classList.contains("jlp-stack"),
    unlabelled: [...t.querySelectorAll("tbody td")].filter((td) => td.textContent.trim()
      && getComputedStyle(td, "::before").content.replace(/["']/g, "").trim() === ""
      && t.classList.contains("jlp-stack")).length,
  }))
"""


@pytest.mark.parametrize("path", PAGES)
def test_prose_tables_fit_a_phone_with_every_cell_named(page, site_url, path):
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}/{path}", wait_until="load")
    tables = page.evaluate(PROSE_TABLES_JS)
    assert tables, f"{path}: no prose table found"
    wide = [t for t in tables if t["overflow"] > 1]
    assert not wide, f"{path}: tables wider than the column at 390 px: {wide}"
    assert any(t["stacked"] for t in tables), f"{path}: no table shown as cards at 390 px"
    assert all(t["unlabelled"] == 0 for t in tables), f"{path}: card cells without a name"
