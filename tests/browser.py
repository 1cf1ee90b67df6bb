"""Helpers for the browser tests: a local static server and Debian's chromium via playwright.

Never ``playwright install``: the browser is Debian's ``chromium`` package
(``apt-get install -y chromium``), found at ``/usr/bin/chromium`` or ``$JLP_CHROMIUM``.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from servers import static_site

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
    "favicon.ico",  # the site has no favicon
    "strict mode",  # ajv schema warnings inside the widget manager
)

LOCAL_HOSTS = {"127.0.0.1"}
#: The log :func:`watch` keeps for each page, for :func:`settle`.
_LOGS: dict[int, PageLog] = {}
LOCAL_SCHEMES = {"data", "blob", "about"}


def chromium_path() -> str | None:
    """The chromium executable to drive, or None when there is none."""
    candidates = [os.environ.get("JLP_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and Path(c).exists()), None)


#: Serve a folder on 127.0.0.1 at a free port: ``with serve(folder) as url`` (tests/servers.py).
serve = static_site


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
    pending: set[int] = field(default_factory=set)  # requests not yet answered
    last_activity: float = field(default_factory=time.monotonic)

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

    def started(request) -> None:
        log.pending.add(id(request))
        log.last_activity = time.monotonic()

    def ended(request) -> None:
        log.pending.discard(id(request))
        log.last_activity = time.monotonic()

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    page.route("**/*", on_route)
    page.on("requestfailed", on_failed)
    page.on("pageerror", lambda exc: log.errors.append(str(exc)))
    page.on("console", on_console)
    page.on("dialog", on_dialog)
    _LOGS[id(page)] = log
    return log


def settle(page, *, quiet_ms: int = 500, limit_ms: int = 10_000) -> None:  # playwright Page
    """Wait for the page's load event, then until no request has been open for ``quiet_ms``.

    The requests are the ones :func:`watch` tracks (every frame's), so this is playwright's
    "network idle" made dependable: headless chromium never reports network idle on pages
    with sandboxed graph frames even when every request has been answered. After
    ``limit_ms`` the checks go on anyway; they still see every failed or off-site request.
    """
    page.wait_for_load_state("load", timeout=60_000)
    log = _LOGS.get(id(page))
    if log is None:  # not watched: no requests to follow
        page.wait_for_timeout(quiet_ms)
        return
    deadline = time.monotonic() + limit_ms / 1000
    while time.monotonic() < deadline:
        quiet_for = time.monotonic() - log.last_activity
        if not log.pending and quiet_for >= quiet_ms / 1000:
            return
        page.wait_for_timeout(100)


#: axe-core findings that fail a page.
BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page, axe, *, include: list[str] | None = None) -> list[str]:
    """Inject axe into the page and its frames, run it, keep serious and critical findings.

    ``include`` limits the check to the elements matching those CSS selectors (the parts of
    an edition that differ from the edition already checked).
    """
    for frame in page.frames[1:]:
        frame.evaluate(axe.axe_script)
    # preload off: axe would re-fetch the stylesheets itself and resolve their @import
    # against the wrong folder (a 404 that is axe's, not the site's).
    options = {"resultTypes": ["violations"], "preload": False}
    context = {"include": [[selector] for selector in include]} if include else None
    results = axe.run(page, context=context, options=options)
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING_IMPACTS
    ]
