"""The charts and the frame of the built learner site, as a reader meets them in chromium.

One visit per page at 1366 px (a laptop, shared with the page and table checks:
tests/page_visits.py) checks: no console or page error on a first visit (nothing stored by
an earlier page), every chart with its own element id, and, on pages with charts, every chart
in every tab of a widget drawn and taller than 150 px once its tab is open, and no chart text
over another or out of its chart. One visit per page with charts at 390 px (a phone, shared
too) checks: the titles wrap, nothing overlaps, no chart is wider than the screen.
Three pages with charts are also opened at 1366 px, narrowed to 390 px and widened back:
every chart follows its column's width both ways.
"""

from __future__ import annotations

import contextlib

import pytest
from browser import settle, watch
from charts_layout import CHART_PARTS
from page_visits import reads, visited
from test_links import EDITION_SITES
from test_site import learner_pages

pytestmark = pytest.mark.browser

SITE = EDITION_SITES["learner"]
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
TABS = ".widget-tab .lm-TabBar-tab, .widget-tab .p-TabBar-tab"


def chart_pages() -> list[str]:
    """The pages of the built site that hold at least one chart (none when not built)."""
    return [p for p in learner_pages() if (SITE / p).exists() and _has_chart(SITE / p)]


def _has_chart(path) -> bool:
    return "plotly-graph-div" in path.read_text(encoding="utf-8", errors="replace")


def visit(page, url: str, size: dict[str, int]):
    """Open ``url`` as a first-time reader (empty local storage) at ``size``; its log."""
    page.set_viewport_size(size)
    page.add_init_script("try { window.localStorage.clear(); } catch (e) {}")
    log = watch(page)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(url, wait_until="load", timeout=60_000)
    settle(page)
    page.wait_for_timeout(300)  # charts draw in the frame after load
    return log


def chart_problems(page) -> tuple[list[str], list[dict]]:
    charts = page.evaluate(CHART_PARTS)
    problems = [f"{c['id']}: {p}" for c in charts for p in c["problems"]]
    return problems, charts


@pytest.mark.parametrize("path", learner_pages())
def test_page_has_no_console_error_and_one_id_per_chart(
    shared_dir, browser_context, site_url, path
):
    seen = visited(shared_dir, browser_context, site_url, path)  # tests/page_visits.py
    errors = [f"page error: {e}" for e in seen["errors"]] + [
        f"console: {m}" for m in seen["console"]
    ]
    assert errors == [], f"{path}: {errors}"
    ids = seen["chart_ids"]
    shared = sorted({i for i in ids if ids.count(i) > 1})
    assert shared == [], f"{path}: charts sharing an element id: {shared}"


@reads("laptop", "tabs")
def charts_in_every_tab(page) -> dict[str, list[str]]:
    """In the laptop visit: open each tab of the page's widgets in turn; the charts shown
    empty or under 150 px, and the chart problems, of the page and of every tab."""
    if not page.evaluate("() => document.documentElement.outerHTML.includes('plotly-graph-div')"):
        return {"short": [], "problems": []}  # no chart on the page: nothing to open
    problems, charts = chart_problems(page)
    short = [c["id"] for c in charts if c["shown"] and (not c["drawn"] or c["height"] < 150)]
    tabs = page.locator(TABS)
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        tab.scroll_into_view_if_needed()
        tab.click()
        page.wait_for_timeout(400)
        found, charts = chart_problems(page)
        problems += [p for p in found if p not in problems]
        short += [
            f"{c['id']} (tab {tab.inner_text()!r})"
            for c in charts
            if c["shown"] and (not c["drawn"] or c["height"] < 150)
        ]
    return {"short": short, "problems": problems}


@pytest.mark.parametrize("path", chart_pages())
def test_every_chart_in_every_tab_is_drawn_tall_and_clear(
    shared_dir, browser_context, site_url, path
):
    seen = visited(shared_dir, browser_context, site_url, path)["tabs"]  # tests/page_visits.py
    assert seen["short"] == [], f"{path}: charts empty or under 150 px once shown: {seen['short']}"
    assert seen["problems"] == [], f"{path}: {seen['problems']}"


@reads("phone", "phone_charts")
def charts_on_a_phone(page) -> dict[str, list[str]]:
    """In the phone visit: the chart problems, and the charts wider than the screen."""
    problems, _ = chart_problems(page)
    wide = page.eval_on_selector_all(
        ".plotly-graph-div .main-svg:first-of-type",
        "svgs => svgs.filter(s => s.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(s => s.closest('.plotly-graph-div').id)",
    )
    return {"problems": problems, "wide": wide}


@pytest.mark.parametrize("path", chart_pages())
def test_charts_fit_a_phone(shared_dir, browser_context, site_url, path):
    seen = visited(shared_dir, browser_context, site_url, path, "phone")["phone_charts"]
    assert seen["problems"] == [], f"{path} at 390 px: {seen['problems']}"
    assert seen["wide"] == [], f"{path}: charts wider than a 390 px screen: {seen['wide']}"


#: Every chart shown: its drawn width, its column's width (the content box of the element
#: holding it) and its height.
CHART_WIDTHS = """() => [...document.querySelectorAll('.plotly-graph-div')]
  .filter((div) => div.offsetParent && div.querySelector('.main-svg'))
  .map((div) => {
    const holder = div.parentElement, style = getComputedStyle(holder);
    const column = holder.clientWidth - parseFloat(style.paddingLeft) -
                   parseFloat(style.paddingRight);
    const drawn = div.querySelector('.main-svg').getBoundingClientRect();
    return {id: div.id, width: Math.round(drawn.width), column: Math.round(column),
            height: Math.round(drawn.height)};
  })"""


def _charts_after_resize(page, size: dict[str, int], fits: str) -> list[dict]:
    """Resize the window to ``size``; the charts once they pass ``fits`` (a JS test of one
    chart's measures), or after 5 s, as they are then."""
    page.set_viewport_size(size)
    with contextlib.suppress(Exception):  # a time-out: the measures below tell what is wrong
        page.wait_for_function(
            f"({CHART_WIDTHS})().every((c) => {fits})", timeout=5_000, polling=200
        )
    page.wait_for_timeout(300)  # a redraw under way ends
    return page.evaluate(CHART_WIDTHS)


#: The resize is handled by one page script (jlp.viz.figures) for every chart: three pages
#: stand for all (a tabbed widget, a saved live chart, plain charts), in English.
RESIZE_PAGES = ("notebooks/fee-ramp.html", "notebooks/net-tool.html", "notebooks/masaya.html")


@pytest.mark.parametrize("path", [p for p in chart_pages() if p in RESIZE_PAGES])
def test_charts_follow_their_column_from_laptop_to_phone_and_back(page, site_url, path):
    """A window narrowed from 1366 to 390 px (a phone turned, a window dragged) narrows every
    chart to its column; widened again, every chart fills the wider column."""
    visit(page, f"{site_url}/{path}", LAPTOP)
    before = page.evaluate(CHART_WIDTHS)
    narrow = _charts_after_resize(page, PHONE, "c.width <= c.column + 1 && c.height > 150")
    wide = [c for c in narrow if c["width"] > c["column"] + 1]
    flat = [c for c in narrow if c["height"] <= 150]
    assert wide == [], f"{path}: charts wider than their column at 390 px: {wide}"
    assert flat == [], f"{path}: charts 150 px tall or less at 390 px: {flat}"
    again = _charts_after_resize(page, LAPTOP, "Math.abs(c.width - c.column) <= 2")
    loose = [c for c in again if abs(c["width"] - c["column"]) > 2]
    assert loose == [], f"{path}: charts not filling their column back at 1366 px: {loose}"
    # A chart drawn late (a widget's output) may join; none drawn at first may go missing.
    gone = {c["id"] for c in before} - {c["id"] for c in again}
    assert before and not gone, f"{path}: charts no longer drawn back at 1366 px: {gone}"
