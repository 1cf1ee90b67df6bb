"""No broken link inside the built site: every <a href>, and every file a page loads.

Walks every page of each built edition (learner `_build/html`, and the workshop and
instructor editions when built), follows each link that stays in the site, and checks that
the file exists and, for `page.html#part`, that the page has an element with that id.
Scripts, stylesheets and images the pages load must exist too (the site works offline).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
EDITION_SITES = {
    "learner": ROOT / "_build" / "html",
    "workshop": ROOT / "_build" / "workshop" / "html",
    "instructor": ROOT / "_build" / "instructor" / "html",
}
#: Theme template fragments copied into _static: not pages.
NOT_PAGES = {"_static", "_sources", "_images"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])  # type: ignore[arg-type]
        if tag == "a" and values.get("href") is not None:
            self.links.append(("a", values["href"] or ""))
        elif tag in {"img", "script", "iframe", "source"} and values.get("src"):
            self.links.append((tag, values["src"] or ""))
        elif tag == "link" and values.get("href") and "stylesheet" in (values.get("rel") or ""):
            self.links.append(("link", values["href"] or ""))


@dataclass(frozen=True)
class Broken:
    page: str
    kind: str
    url: str
    why: str

    def __str__(self) -> str:
        return f"{self.page}: <{self.kind}> {self.url} ({self.why})"


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (not the theme's template fragments), the translated
    site in its ``es/`` folder included (in ``_build`` a link to ``_build/es/html``)."""
    pages = []
    for folder, _dirs, files in os.walk(site, followlinks=True):
        here = Path(folder)
        parts = here.relative_to(site).parts
        if NOT_PAGES.intersection(parts[:1]) or NOT_PAGES.intersection(parts[1:2]):
            continue
        pages += [here / name for name in files if name.endswith(".html")]
    return sorted(pages)


def _parse(path: Path, cache: dict[Path, _Collector]) -> _Collector:
    if path not in cache:
        collector = _Collector()
        collector.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = collector
    return cache[path]


def broken_links(site: Path) -> list[Broken]:
    """Every link in ``site`` that points inside the site at nothing."""
    site = Path(os.path.abspath(site))  # not resolved: es/ may be a link to another folder
    cache: dict[Path, _Collector] = {}
    found: list[Broken] = []
    for page in site_pages(site):
        rel = page.relative_to(site).as_posix()
        for kind, url in _parse(page, cache).links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:")):
                continue  # off the site: not followed (the browser tests forbid loading them)
            target = page
            if parts.path:  # as a browser does: by the address, whatever the links on disk
                target = Path(os.path.normpath(page.parent / unquote(parts.path)))
            if not target.is_relative_to(site):
                found.append(Broken(rel, kind, url, "leaves the site folder"))
                continue
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                found.append(Broken(rel, kind, url, "no such file"))
                continue
            fragment = unquote(parts.fragment)
            anchored = kind == "a" and fragment and target.suffix == ".html"
            if anchored and fragment not in _parse(target, cache).ids:
                found.append(Broken(rel, kind, url, f"no element with id {fragment!r}"))
    return found


def test_checker_finds_missing_files_and_anchors(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sub/page.html#here">ok</a> <a href="sub/page.html#gone">bad anchor</a>'
        '<a href="missing.html">bad file</a> <a href="https://example.org/x">off site</a>'
        '<a href="#top">self</a><span id="top"></span><img src="sub/pic.png" alt="">'
        '<a href="../outside.html">escapes</a><a href="sub/">folder</a>'
    )
    (tmp_path / "sub" / "page.html").write_text('<h1 id="here">Here</h1>')
    (tmp_path / "sub" / "index.html").write_text("<p>folder index</p>")
    found = {(b.url, b.why.split(" ")[0]) for b in broken_links(tmp_path)}
    assert found == {
        ("sub/page.html#gone", "no"),
        ("missing.html", "no"),
        ("sub/pic.png", "no"),
        ("../outside.html", "leaves"),
    }


@pytest.mark.browser
@pytest.mark.parametrize("edition", sorted(EDITION_SITES))
def test_no_broken_internal_link(edition):
    site = EDITION_SITES[edition]
    if not (site / "index.html").exists():
        if IN_CI:
            pytest.fail(f"{site} is not built (make editions)")
        pytest.skip(f"the {edition} edition is not built: make editions")
    pages = site_pages(site)
    assert len(pages) >= 3
    found = broken_links(site)
    assert found == [], "\n".join(str(b) for b in found)
