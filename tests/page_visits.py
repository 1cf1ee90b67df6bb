"""One visit per page and width of the learner site for every per-page check, whatever the
test process.

Every per-page check of the built site reads the same first visit of that page: test_site
(loads cleanly, a heading, axe), test_charts_browser (no console error, one id per chart,
the charts of every tab, the charts on a phone) and test_tables_browser (table cells, folded
code), the Spanish pages (``es/…``) as the English ones. The first test process that needs a
page at a width opens it once, as a first-time reader on a laptop (1366 px) or a phone
(390 px), and records what each check reads from it; the others read the record
(tests/once.py: made once per run, shared by the pytest-xdist processes). Each test still
asserts its own conditions on what the browser really showed.

A test module adds what it reads from a visit with :func:`reads`; the readers of a width run
in the order they were registered, after the page's own record (its errors, then axe):

    @reads("phone", "my_check")
    def my_check(page) -> dict:
        return {"found": page.evaluate("() => ...")}

and its test asserts on ``visited(…, path, "phone")["my_check"]``. A reader may click in
the page (the readers after it see the page as it left it), never navigate away.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from browser import blocking_violations, settle, watch
from once import made_once

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"laptop": LAPTOP, "phone": PHONE}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Runs in the page: true once every saved widget has been drawn (or there is none).
WIDGETS_DRAWN_JS = f"""
() => document.querySelectorAll('script[type="{WIDGET_VIEW}"]').length === 0
  || document.querySelectorAll('.jupyter-widgets.widget-container, .jupyter-widgets').length > 0
"""
CHART_IDS_JS = "() => [...document.querySelectorAll('.plotly-graph-div')].map((d) => d.id)"
#: Runs in the page: true once every plotly chart in the page has drawn its first picture
#: (charts draw in the frames after the load event).
CHARTS_DRAWN_JS = """() => [...document.querySelectorAll('.plotly-graph-div')]
  .every((d) => d.querySelector('.main-svg') !== null)"""

#: {width: {name: reader}}: what the test modules read from each visit (see :func:`reads`).
READERS: dict[str, dict[str, Callable[[Any], Any]]] = {name: {} for name in WIDTHS}


def reads(width: str, name: str) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Register ``reader(page)`` to run in every visit at ``width``; its JSON-able result is
    the record's ``name``."""

    def register(reader: Callable[[Any], Any]) -> Callable[[Any], Any]:
        READERS[width][name] = reader
        return reader

    return register


def first_visit(page, url: str, size: dict[str, int] = LAPTOP) -> None:
    """Open ``url`` at ``size`` as a first-time reader (nothing in local storage), wait until
    no request is open, the saved widgets and the charts have drawn."""
    page.set_viewport_size(size)
    page.add_init_script("try { window.localStorage.clear(); } catch (e) {}")
    # The browser asks for /favicon.ico on its own; the site has none.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(url, wait_until="load", timeout=60_000)
    settle(page)
    page.wait_for_function(WIDGETS_DRAWN_JS, timeout=20_000)
    # Charts draw in the frame after load: wait until they have (a chart that never draws is
    # left to the chart checks to report), then for their layout to settle.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(CHARTS_DRAWN_JS, timeout=5_000, polling="raf")
    page.wait_for_timeout(300)


def record_page(context, url: str, folder: Path, width: str = "laptop") -> None:
    """Visit ``url`` at ``width`` in a new tab of ``context``; write what the checks read
    to ``folder``."""
    page = context.new_page()
    try:
        log = watch(page)
        first_visit(page, url, WIDTHS[width])
        record = laptop_record(page, log) if width == "laptop" else {}
        # What went wrong while the page loaded (before any reader clicks in it).
        record["problems"] = log.problems()
        for name, reader in READERS[width].items():
            record[name] = reader(page)
        # And once the readers have waited for (and clicked in) what draws late: maps, widgets.
        record["problems_at_the_end"] = log.problems()
    finally:
        page.close()
    (folder / "record.json").write_text(json.dumps(record), encoding="utf-8")


def laptop_record(page, log) -> dict[str, Any]:
    """What the page, table and chart checks read from the laptop visit, before any reader
    clicks in it."""
    from axe_playwright_python.sync_playwright import Axe
    from test_tables_browser import BAD_CELLS_JS, CODE_JS

    record = {"bad_cells": page.evaluate(BAD_CELLS_JS), "code": page.evaluate(CODE_JS)}
    record["headings"] = page.locator("main h1").count()
    record["chart_ids"] = page.evaluate(CHART_IDS_JS)
    # What the page itself said, before axe is injected into it.
    record["errors"] = list(log.errors)
    record["console"] = list(log.console)
    record["axe"] = blocking_violations(page, Axe())
    return record


def visited(shared_dir: Path, context, site_url: str, path: str, width: str = "laptop") -> dict:
    """The record of the one visit to ``path`` at ``width`` this run (made by the first
    process to ask)."""
    name = f"visit-{width}-" + path.replace("/", "--")
    made = made_once(
        shared_dir, name, lambda f: record_page(context, f"{site_url}/{path}", f, width)
    )
    return json.loads((made / "record.json").read_text(encoding="utf-8"))
