"""The Spanish edition as built (`make book-es`): every page in Spanish, `lang="es"`, and a
switch to the same page in English.

The English text a Spanish page may still show is found sentence by sentence
(:func:`jlp.editions.translations.english_sentences`) in what a reader sees: the page's
article, its tables and the text the notebooks printed, but not code, and not text marked
as another language (``lang="en"``: the switch, the English titles of the works cited).
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jlp.editions.translations import english_sentences

pytestmark = pytest.mark.browser  # a check of the built sites: after `make editions`

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SITES = {
    "learner": (ROOT / "_build" / "es" / "html", ROOT / "_build" / "html"),
    "workshop": (
        ROOT / "_build" / "es" / "workshop" / "html",
        ROOT / "_build" / "workshop" / "html",
    ),
    "instructor": (
        ROOT / "_build" / "es" / "instructor" / "html",
        ROOT / "_build" / "instructor" / "html",
    ),
}
#: Elements whose text is not prose to translate.
SKIP = {"script", "style", "pre", "code", "kbd", "samp", "svg", "math", "template", "textarea"}
#: Elements whose text is one block (a sentence never runs across two of them).
BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "dt", "dd", "figcaption"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Reader(HTMLParser):
    """The text of a page's article, without code and without text in another language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.depth_article = 0
        self.blocks: list[str] = []
        self.links: list[str] = []
        self._text: list[str] = []

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "a" and values.get("hreflang") == "en":
            self.links.append(values.get("href") or "")
        if tag in VOID:
            return
        lang = values.get("lang")
        skipped = tag in SKIP or (lang is not None and not lang.startswith("es"))
        skipped = skipped or "jlp-language" in (values.get("class") or "")
        self.stack.append((tag, skipped))
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        inside = any(tag in {"article", "nav"} for tag, _ in self.stack)  # the page and its menus
        if inside and not self._skipping():
            self._text.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._text)).strip()
        if text:
            self.blocks.append(text)
        self._text = []


def _pages(site: Path) -> list[Path]:
    skip = {"_static", "_sources", "_images", "es"}
    return sorted(
        p
        for p in site.rglob("*.html")
        if not skip & set(p.relative_to(site).parts[:-1])
        and p.name not in {"search.html", "genindex.html"}
    )


def _site(edition: str) -> tuple[Path, Path]:
    spanish, english = SITES[edition]
    if not (spanish / "index.html").exists():
        if IN_CI:
            pytest.fail(f"the Spanish {edition} edition is not built (CI=true)")
        pytest.skip(f"the Spanish {edition} edition is not built: make book-es")
    return spanish, english


def _read(page: Path) -> _Reader:
    reader = _Reader()
    reader.feed(page.read_text(encoding="utf-8"))
    reader.close()
    return reader


@pytest.mark.parametrize("edition", sorted(SITES))
def test_every_page_is_spanish_and_links_to_the_same_page_in_english(edition):
    spanish, english = _site(edition)
    problems = []
    for page in _pages(spanish):
        name = page.relative_to(spanish).as_posix()
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:400].lower():
            continue  # the site's front door: a redirect to the home page
        reader = _read(page)
        if reader.lang != "es":
            problems.append(f"{name}: lang={reader.lang!r}")
        if len(reader.links) != 1:
            problems.append(f"{name}: {len(reader.links)} links to English, not 1")
            continue
        # published, the Spanish site sits in the English one's es/ folder
        target = (english / "es" / name).parent / reader.links[0]
        target = Path(os.path.normpath(target))
        if target != english / name or not target.exists():
            problems.append(f"{name}: the switch leads to {reader.links[0]}")
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.parametrize("edition", sorted(SITES))
def test_no_english_sentence_on_a_spanish_page(edition):
    spanish, _ = _site(edition)
    found = []
    for page in _pages(spanish):
        for block in _read(page).blocks:
            found += [f"{page.relative_to(spanish)}: {s}" for s in english_sentences(block)]
    assert found == [], f"{len(found)} English sentences, e.g.:\n" + "\n".join(found[:30])
