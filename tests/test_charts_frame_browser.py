"""The frame of the built learner site: one search button, search that finds the right page
first and quotes page text, real alt text, "20 %" kept together, no emoji-font glyph."""

from __future__ import annotations

import re

import pytest
from browser import settle, watch
from bs4 import BeautifulSoup
from test_links import EDITION_SITES
from test_site import learner_pages

pytestmark = pytest.mark.browser

SITE = EDITION_SITES["learner"]
#: Code and scripts are not page text.
NOT_TEXT = ("script", "style", "pre", "code", "kbd", "textarea")
#: Characters that only an emoji font draws (pictographs, symbols, dingbats like ✅ and ❌).
EMOJI = re.compile("[\U0001f000-\U0001faff\u2705\u274c\u274e\u2b50\u2b55\ufe0f]")
BROKEN_PERCENT = re.compile(r"\d[ \t\n]%")


def page_text(path) -> tuple[BeautifulSoup, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("main") or soup
    for tag in main.find_all(NOT_TEXT):
        tag.decompose()
    return soup, main.get_text("")


@pytest.fixture(scope="module")
def built():
    if not (SITE / "index.html").exists():
        pytest.skip("the book is not built: run `make book` first")
    return SITE


def test_images_have_real_alt_text(built):
    problems = []
    for path in learner_pages():
        soup, _ = page_text(built / path)
        for img in soup.select("main img"):
            alt = (img.get("alt") or "").strip()
            if not alt or alt == img.get("src") or re.search(r"\.(png|svg|jpe?g|gif)$", alt):
                problems.append(f"{path}: image without real alt text ({alt or 'none'})")
    assert problems == []


def test_text_has_no_emoji_or_split_percent(built):
    problems = []
    for path in learner_pages():
        _, text = page_text(built / path)
        problems += [f"{path}: emoji glyph {g!r}" for g in sorted(set(EMOJI.findall(text)))]
        problems += [f"{path}: {m!r} may break" for m in BROKEN_PERCENT.findall(text)[:3]]
    assert problems == []


@pytest.mark.parametrize("width", [1366, 390])
def test_one_search_button(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    watch(page)
    page.goto(f"{site_url}/book/method.html", wait_until="load")
    settle(page)
    visible = page.eval_on_selector_all(
        ".search-button, .search-button-field, .search-button__button",
        "els => els.filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0)"
        ".length",
    )
    assert visible == 1


def test_search_for_net_finds_the_net_chapter_first_and_quotes_page_text(page, site_url):
    watch(page)
    page.goto(f"{site_url}/search.html?q=NET", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    page.wait_for_function(
        "document.querySelectorAll('#search-results ul.search li p.context').length > 0",
        timeout=20_000,
    )
    first = page.locator("#search-results ul.search li a").first.get_attribute("href")
    assert first.split("?")[0].split("#")[0].endswith("book/net-tool.html"), first
    excerpts = page.locator("#search-results ul.search li p.context").all_inner_texts()
    assert excerpts and not any(e.strip().startswith("Contents") for e in excerpts), excerpts
