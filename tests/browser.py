"""Helpers for the browser tests: a local static server and Debian's chromium via playwright.

Never ``playwright install``: the browser is Debian's ``chromium`` package
(``apt-get install -y chromium``), found at ``/usr/bin/chromium`` or ``$JLP_CHROMIUM``.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Console and page-error noise known to be harmless (the theme and its add-ons); keep it short.
CONSOLE_ALLOWLIST = (
    "Identifier 'THEBE_JS_URL' has already been declared",  # sphinx-thebe, loaded twice
    "Got invalid theme mode",  # pydata-sphinx-theme before the mode is stored
    "favicon.ico",  # the site has no favicon
    "strict mode",  # ajv schema warnings inside the widget manager
)

LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def chromium_path() -> str | None:
    """The chromium executable to drive, or None when there is none."""
    candidates = [os.environ.get("JLP_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and Path(c).exists()), None)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def is_local(url: str) -> bool:
    """True for a request that stays on this machine's site (or inside the page)."""
    parsed = urlparse(url)
    return parsed.scheme in LOCAL_SCHEMES or parsed.hostname in LOCAL_HOSTS


@dataclass
class PageLog:
    """What happened while a page loaded."""

    failed: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        def noisy(messages: list[str]) -> list[str]:
            return [m for m in messages if not any(a in m for a in CONSOLE_ALLOWLIST)]

        return (
            [f"failed request: {u}" for u in self.failed]
            + [f"request off the site: {u}" for u in self.offsite]
            + [f"page error: {e}" for e in noisy(self.errors)]
            + [f"console error: {m}" for m in noisy(self.console)]
            + [f"dialog opened: {d}" for d in self.dialogs]
        )


def watch(page) -> PageLog:
    """Record failed and off-site requests, page errors, console errors and dialogs."""
    log = PageLog()

    def on_route(route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            log.offsite.append(url)
            route.abort()

    def on_failed(request) -> None:
        if is_local(request.url) and not request.url.endswith("favicon.ico"):
            log.failed.append(f"{request.url} ({request.failure})")

    def on_console(message) -> None:
        if message.type == "error":
            log.console.append(message.text)

    def on_dialog(dialog) -> None:
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    page.route("**/*", on_route)
    page.on("requestfailed", on_failed)
    page.on("pageerror", lambda exc: log.errors.append(str(exc)))
    page.on("console", on_console)
    page.on("dialog", on_dialog)
    return log


def settle(page, *, idle_ms: int = 5_000) -> None:  # playwright Page
    """Wait for the page's load event, then for the network to go quiet (at most ``idle_ms``).

    Headless chromium sometimes never reports "network idle" for a page whose every request
    has finished (seen on some pages with plotly charts); waiting longer proves nothing, so
    after ``idle_ms`` the checks go on. They still see every failed or off-site request.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    page.wait_for_load_state("load", timeout=60_000)
    try:
        page.wait_for_load_state("networkidle", timeout=idle_ms)
    except PlaywrightTimeoutError:
        page.wait_for_timeout(1_000)
