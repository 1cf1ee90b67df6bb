"""`make offline`: the zipped course works when unzipped and served with no internet.

The zip is made from the built learner edition (`make book`) by the same function
`make offline` calls, unzipped into a fresh folder, served with Python's http.server and
loaded page by page in chromium with every request off the site refused.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from browser import serve, settle, watch
from bs4 import BeautifulSoup
from test_links import EDITION_SITES, broken_links, site_pages

from jlp.editions.offline import FOLDER, make_zip

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory, site_url):  # site_url: fails/skips as the other browser tests
    out = tmp_path_factory.mktemp("offline")
    archive = make_zip(EDITION_SITES["learner"], out / "jlp-course.zip")
    with zipfile.ZipFile(archive) as z:
        assert all(name.startswith(f"{FOLDER}/") for name in z.namelist())
        z.extractall(out / "unzipped")
    return out / "unzipped" / FOLDER


def test_zip_is_reproducible(tmp_path, site_url):
    first = make_zip(EDITION_SITES["learner"], tmp_path / "a.zip").read_bytes()
    second = make_zip(EDITION_SITES["learner"], tmp_path / "b.zip").read_bytes()
    assert first == second


def test_unzipped_site_has_every_page_and_no_broken_link(unzipped):
    assert (unzipped / "README.txt").exists() and (unzipped / "LEEME.txt").exists()
    built = {p.relative_to(EDITION_SITES["learner"]) for p in site_pages(EDITION_SITES["learner"])}
    assert {p.relative_to(unzipped) for p in site_pages(unzipped)} == built
    assert broken_links(unzipped) == []


def test_every_notebook_page_offers_its_ipynb(unzipped):
    notebooks = sorted((unzipped / "_sources").rglob("*.ipynb"))
    assert notebooks, "no notebook in the site"
    for source in notebooks:
        rel = source.relative_to(unzipped / "_sources").with_suffix(".html")
        soup = BeautifulSoup((unzipped / rel).read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("a.btn-download-source-button")]
        assert any(h.endswith(".ipynb") for h in links), rel
        target = ((unzipped / rel).parent / next(h for h in links if h.endswith(".ipynb")))
        assert json.loads(target.resolve().read_text(encoding="utf-8"))["nbformat"] == 4


def test_unzipped_pages_load_with_no_internet(unzipped, page):
    pages = [p.relative_to(unzipped).as_posix() for p in site_pages(unzipped)]
    with serve(unzipped) as url:
        log = watch(page)
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
        for rel in pages:
            page.goto(f"{url}/{rel}", wait_until="load", timeout=60_000)
            settle(page)
            assert page.locator("h1").count() >= 1, rel
    assert log.problems() == [], "; ".join(log.problems())
