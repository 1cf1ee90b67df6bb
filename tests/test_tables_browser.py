"""Tables and code on the built learner site, as a reader sees them (issue 10, §1 and §2).

Every table cell of every page, once the page (and its saved widgets) have drawn: no ``NaN``,
``<NA>`` or ``None``, no ``snake_case`` header, no text cut with "…" in what code drew, no
number with more than three decimals, and room around the text (cell padding). On notebook
pages every code cell's input is folded unless the cell is tagged ``show-code``, and the
downloadable notebook keeps every line of code. Each page is visited once for both checks,
in the visit the page and chart checks share (tests/page_visits.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from page_visits import WIDGET_VIEW, visited
from test_links import site_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"

#: Runs in the page: every table cell of the article, with what is wrong with it.
BAD_CELLS_JS = r"""
() => {
  const snake = /^[a-z0-9]+(?:_[a-z0-9]+)+$/;
  const longFloat = /(^|[^\d.,])\d[\d,]*\.\d{4,}(?!\d)/;
  const empty = new Set(["NaN", "nan", "<NA>", "None", "NaT"]);
  const found = [];
  const cells = document.querySelectorAll(".bd-article table th, .bd-article table td");
  for (const cell of cells) {
    const text = cell.textContent.trim();
    const inHead = cell.closest("thead") !== null;
    const problems = [];
    if (empty.has(text)) problems.push("empty value shown as " + text);
    if (inHead && snake.test(text)) problems.push("snake_case header");
    // A cut is mechanical (pandas shortens long text): look for it in what code drew. An
    // author's own "…" in a Markdown table (e.g. a header that each row completes) is prose.
    const drawn = cell.closest(".cell_output, .jupyter-widgets") !== null;
    if (drawn && /(…|\.\.\.)$/.test(text)) problems.push("text cut");
    if (longFloat.test(text)) problems.push("more than 3 decimals");
    const box = cell.getBoundingClientRect();
    if (text && box.width > 0) {
      const style = getComputedStyle(cell);
      const side = Math.min(parseFloat(style.paddingLeft), parseFloat(style.paddingRight));
      if (side < 3) problems.push("no padding");
    }
    for (const p of problems) found.push({problem: p, text: text.slice(0, 60)});
  }
  return found;
}
"""

#: Runs in the page: code inputs shown open although the cell is not tagged show-code, and
#: the number of folded inputs.
CODE_JS = r"""
() => {
  const open = [];
  let folded = 0;
  for (const input of document.querySelectorAll(".bd-article .cell .cell_input")) {
    const cell = input.closest(".cell");
    const details = input.closest("details");
    if (cell.classList.contains("tag_show-code")) continue;
    if (details && !details.open) { folded += 1; continue; }
    open.push(input.textContent.trim().split("\n")[0].slice(0, 60));
  }
  return {open, folded};
}
"""


def _pages() -> list[str]:
    """Pages with a table (or saved widgets that may draw one), and every notebook page."""
    if not SITE.exists():
        return []
    marks = ("<table", WIDGET_VIEW)
    return [
        p.relative_to(SITE).as_posix()
        for p in site_pages(SITE)
        if p.parent.name == "notebooks"
        or any(m in p.read_text(encoding="utf-8", errors="replace") for m in marks)
    ]


@pytest.mark.parametrize("path", _pages())
def test_tables_read_as_text_for_people_and_code_is_folded(
    shared_dir, browser_context, site_url, path
):
    seen = visited(shared_dir, browser_context, site_url, path)  # tests/page_visits.py
    found = seen["bad_cells"]
    assert not found, f"{path}: {len(found)} bad table cells, e.g. {found[:8]}"
    if path.startswith("notebooks/"):
        code = seen["code"]
        assert not code["open"], f"{path}: code shown open without show-code: {code['open']}"
        assert code["folded"] > 0, f"{path}: no folded code input at all"


def test_the_check_sees_bad_cells_and_missing_padding(page):
    page.set_content(
        '<div class="bd-article"><div class="cell_output"><table><thead><tr>'
        "<th>firms_cut_off</th></tr></thead>"
        '<tbody><tr><td style="padding:0">NaN</td></tr><tr><td>0.11491935483870967</td></tr>'
        "<tr><td>A long text cut…</td></tr></tbody></table></div></div>"
    )
    problems = {f["problem"] for f in page.evaluate(BAD_CELLS_JS)}
    assert problems == {
        "snake_case header",
        "empty value shown as NaN",
        "no padding",
        "more than 3 decimals",
        "text cut",
    }


@pytest.mark.parametrize("name", ["fee-ramp", "net-tool"])
def test_downloaded_notebook_keeps_every_line_of_code(site_url, name):
    built = SITE / "_sources" / "notebooks" / f"{name}.ipynb"
    if not built.exists():
        pytest.skip(f"{built} is not in this build")
    source = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    download = json.loads(built.read_text(encoding="utf-8"))

    def code(nb: dict) -> list[str]:
        return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]

    assert code(download) == code(source)
    assert all("hide-input" not in c.get("metadata", {}).get("tags", []) for c in download["cells"])
