"""One visit per page of the learner site for every per-page check, whatever the test process.

test_site (loads cleanly, a heading, axe), test_charts_browser (no console error, one id per
chart) and test_tables_browser (table cells, folded code) each checked every page in a visit
of its own: three loads of every page. Here the first test process that needs a page opens it
once, as a first-time reader on a laptop, and records what each of those checks reads from it;
the others read the record (tests/once.py: made once per run, shared by the pytest-xdist
processes). Each test still asserts its own conditions on what the browser really showed.
"""

from __future__ import annotations

import json
from pathlib import Path

from browser import blocking_violations, settle, watch
from once import made_once

LAPTOP = {"width": 1366, "height": 900}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Runs in the page: true once every saved widget has been drawn (or there is none).
WIDGETS_DRAWN_JS = f"""
() => document.querySelectorAll('script[type="{WIDGET_VIEW}"]').length === 0
  || document.querySelectorAll('.jupyter-widgets.widget-container, .jupyter-widgets').length > 0
"""
CHART_IDS_JS = "() => [...document.querySelectorAll('.plotly-graph-div')].map((d) => d.id)"


def first_visit(page, url: str) -> None:
    """Open ``url`` at laptop size as a first-time reader (nothing in local storage), wait
    until no request is open and the saved widgets have drawn."""
    page.set_viewport_size(LAPTOP)
    page.add_init_script("try { window.localStorage.clear(); } catch (e) {}")
    # The browser asks for /favicon.ico on its own; the site has none.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(url, wait_until="load", timeout=60_000)
    settle(page)
    page.wait_for_timeout(300)  # charts draw in the frame after load
    page.wait_for_function(WIDGETS_DRAWN_JS, timeout=20_000)
    page.wait_for_timeout(300)


def record_page(context, url: str, folder: Path) -> None:
    """Visit ``url`` in a new tab of ``context``; write what the checks read to ``folder``."""
    from axe_playwright_python.sync_playwright import Axe
    from test_tables_browser import BAD_CELLS_JS, CODE_JS

    page = context.new_page()
    try:
        log = watch(page)
        first_visit(page, url)
        record = {"bad_cells": page.evaluate(BAD_CELLS_JS), "code": page.evaluate(CODE_JS)}
        record["headings"] = page.locator("main h1").count()
        record["chart_ids"] = page.evaluate(CHART_IDS_JS)
        # What the page itself said, before axe is injected into it.
        record["errors"] = list(log.errors)
        record["console"] = list(log.console)
        record["axe"] = blocking_violations(page, Axe())
        record["problems"] = log.problems()
    finally:
        page.close()
    (folder / "record.json").write_text(json.dumps(record), encoding="utf-8")


def visited(shared_dir: Path, context, site_url: str, path: str) -> dict:
    """The record of the one visit to ``path`` this run (made by the first process to ask)."""
    name = "visit-" + path.replace("/", "--")
    made = made_once(shared_dir, name, lambda f: record_page(context, f"{site_url}/{path}", f))
    return json.loads((made / "record.json").read_text(encoding="utf-8"))
