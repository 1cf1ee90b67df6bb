"""The network explorer's measures table as a reader sees it (issue 10 §3: "the explorer's
table goes below the picture where the width is narrow and is never cut"): at 390 px no
explorer table is wider than its box (nothing scrolls sideways) and no cell's text is cut; at
1366 px it stays a table with its column headers.

Checked twice: on the built site's case pages (the explorer's saved state), and on a page made
here holding the widget's table as it is sent to JupyterLab, in a phone's width and a laptop's."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import serve, settle, watch
from test_maps_layout import GRAPHS

from jlp.graphs import node_metrics
from jlp.widgets.graph_explorer import TABLE_COLUMNS, TEXT, metric_table_html

pytestmark = pytest.mark.browser

#: The case pages that hold a network explorer (GraphExplorer in the notebook).
EXPLORER_PAGES = ["emasim-more", "ecohamaca-more", "jampro", "masaya-more", "your-network"]
WIDTHS = [390, 1366]

#: Every explorer table of the page: how far its box (the nearest ancestor that scrolls or
#: clips, else the page) is scrolled sideways, the cells whose text is cut, how it is shown.
TABLES = """() => [...document.querySelectorAll('table.jlp-metrics')].map((table) => {
  let box = table.parentElement;
  while (box && getComputedStyle(box).overflowX === 'visible') { box = box.parentElement; }
  box = box || document.documentElement;
  const cut = [...table.querySelectorAll('th, td')]
    .filter((cell) => cell.getClientRects().length > 0 && cell.offsetWidth > 1)
    .filter((cell) => cell.scrollWidth > cell.clientWidth + 1
                      || cell.getBoundingClientRect().right > box.getBoundingClientRect().right + 1)
    .map((cell) => cell.textContent);
  const head = table.querySelector('thead');
  return {
    over: box.scrollWidth - box.clientWidth,
    page_over: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    cut: cut.slice(0, 5),
    display: getComputedStyle(table).display,
    headers: head.getBoundingClientRect().height > 5
      ? [...head.querySelectorAll('th')].map((th) => th.innerText.trim()) : [],
    rows: table.querySelectorAll('tbody tr').length,
  };
})"""


def problems_at(found: list[dict], width: int) -> list[str]:
    problems = []
    for i, table in enumerate(found):
        if table["over"] > 1 or table["page_over"] > 1:
            problems.append(f"table {i}: scrolls sideways by {table['over']} px")
        if table["cut"]:
            problems.append(f"table {i}: text cut in {table['cut']}")
        if width >= 1366 and table["display"] != "table":
            problems.append(f"table {i}: shown as {table['display']}, not a table")
    return problems


def explorer_tables(page, url: str, width: int) -> list[dict]:
    page.set_viewport_size({"width": width, "height": 900})
    log = watch(page)
    page.goto(url, wait_until="load")
    settle(page)
    # the explorer is a widget: drawn from its saved state after the page loads
    page.wait_for_selector("table.jlp-metrics", state="attached", timeout=60_000)
    page.wait_for_timeout(500)
    assert [p for p in log.problems() if "failed request" in p] == []
    return page.evaluate(TABLES)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", EXPLORER_PAGES)
def test_explorer_table_never_scrolls_sideways_nor_cuts(page, site_url, name, width):
    found = explorer_tables(page, f"{site_url}/notebooks/{name}.html", width)
    assert found, f"{name}: no explorer table"
    assert problems_at(found, width) == [], f"{name} at {width} px: {found}"


def widget_page(folder: Path) -> Path:
    """The explorer's table of each case network, as the widget sends it, in a box like
    JupyterLab's output (which scrolls what overflows)."""
    tables = "".join(
        f"<div class='widget-html-content' style='overflow:auto'>"
        f"{metric_table_html(node_metrics(GRAPHS[name]()), sort_by='betweenness')}</div>"
        for name in GRAPHS
    )
    (folder / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
        f"<body style='margin:16px;font:16px sans-serif'>{tables}</body></html>",
        encoding="utf-8",
    )
    return folder


#: What the first card of each table says before each measure (CSS generated text).
CARD_LABELS = """() => [...document.querySelectorAll('table.jlp-metrics tbody tr:first-child')]
  .map((row) => [...row.querySelectorAll('td')]
    .map((cell) => getComputedStyle(cell, '::before').content))"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_widgets_table_fits_a_phone_and_stays_a_table_on_a_laptop(page, tmp_path, width):
    with serve(widget_page(tmp_path)) as url:
        found = explorer_tables(page, f"{url}/index.html", width)
        labels = page.evaluate(CARD_LABELS)
    assert len(found) == len(GRAPHS) and all(t["rows"] > 0 for t in found)
    assert problems_at(found, width) == [], f"at {width} px: {found}"
    headers = [TEXT["columns"][c] for c in TABLE_COLUMNS]
    if width >= 1366:  # a table read across, every column named at its head
        assert all(t["headers"] == headers for t in found), found
    else:  # a card per node: each measure named beside its value, the header row hidden
        assert all(t["headers"] == [] and t["display"] == "block" for t in found), found
        measures = [f'"{name}\u00a0"' for name in headers[2:]]
        assert all(card[2:] == measures for card in labels), labels[0]
