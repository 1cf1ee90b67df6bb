"""Shared fixtures. Browser fixtures fail (not skip) under CI when the browser is missing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from browser import CHROMIUM_ARGS, chromium_path, serve

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch):
    """The tests read jlp's English words whatever the machine's locale (a Spanish LANG would
    otherwise choose Spanish, jlp.i18n); a test that needs Spanish asks for it."""
    monkeypatch.setenv("JLP_LANG", os.environ.get("JLP_LANG") or "en")


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} (CI=true: browser checks must run)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory, worker_id):
    """A folder every test process of this run shares (pytest-xdist workers included)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.fixture(scope="session")
def browser():
    """Debian chromium driven by playwright, shared by the session."""
    path = chromium_path()
    if path is None:
        _missing("no chromium found: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        _missing("the playwright package is not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One browser context per test process: tests open pages in it, never share one."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture()
def page(browser_context):
    """A fresh tab in the process's context, closed after the test."""
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="session")
def site_url():
    """The built book (_build/html) served on 127.0.0.1."""
    if not (SITE / "index.html").exists():
        _missing("the book is not built: run `make book` first")
    with serve(SITE) as url:
        yield url


#: Tests that start a long job other tests then share (the printed PDFs, the fixture book's
#: builds): run first, so that under pytest-xdist they start at once, side by side, instead
#: of being dealt last to one process that then runs alone while the others sit idle.
LONG_FIRST = (
    "test_print_browser.py::test_every_printed_page_has_text_or_a_picture[A4]",
    "test_editions_build.py::",
)


def pytest_collection_modifyitems(session, config, items):
    def rank(item) -> int:
        return next(
            (n for n, mark in enumerate(LONG_FIRST) if mark in item.nodeid), len(LONG_FIRST)
        )

    items.sort(key=rank)  # stable: the order within each group is kept
