"""`make offline`: the zipped course works when unzipped and served with no internet.

The zip is made from the built learner edition (`make book`) by the same function
`make offline` calls and unzipped into a fresh folder. Every file of the unzipped copy is
compared by content hash with the built site (whose every page the other browser checks load),
and two pages (the home page and a notebook page with charts, a graph and widgets) are opened
from the copy in chromium with every request off the site refused.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from browser import serve, settle, watch
from bs4 import BeautifulSoup
from once import made_once
from test_links import EDITION_SITES, broken_links, site_pages

from jlp.editions.offline import FOLDER, make_zip, site_files, translated_sites

ROOT = Path(__file__).resolve().parents[1]
#: The Spanish site goes into the zip's es/ folder (the English pages' switch leads there).
TRANSLATIONS = translated_sites(ROOT, "_build/html")

pytestmark = pytest.mark.browser


def _unzip_course(out: Path) -> None:
    archive = make_zip(EDITION_SITES["learner"], out / "jlp-course.zip", TRANSLATIONS)
    with zipfile.ZipFile(archive) as z:
        assert all(name.startswith(f"{FOLDER}/") for name in z.namelist())
        z.extractall(out / "unzipped")


@pytest.fixture(scope="module")
def unzipped(shared_dir, site_url):  # site_url: fails/skips as the other browser tests
    """The zipped course, unzipped (made once per test run)."""
    return made_once(shared_dir, "offline-zip", _unzip_course) / "unzipped" / FOLDER


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
        target = (unzipped / rel).parent / next(h for h in links if h.endswith(".ipynb"))
        assert json.loads(target.resolve().read_text(encoding="utf-8"))["nbformat"] == 4


def _hashes(folder: Path, files: list[Path]) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files
    }


def test_unzipped_copy_is_the_built_site(unzipped):
    """The same files with the same bytes, plus the two read-me files of the zip."""
    site = EDITION_SITES["learner"]
    copied = _hashes(unzipped, [p for p in unzipped.rglob("*") if p.is_file()])
    assert copied.pop("README.txt") and copied.pop("LEEME.txt")
    built = _hashes(site, site_files(site))
    for folder, other in TRANSLATIONS.items():
        built.update({f"{folder}/{k}": v for k, v in _hashes(other, site_files(other)).items()})
    assert sorted(set(copied) ^ set(built)) == []
    assert [name for name in copied if copied[name] != built[name]] == []


@pytest.mark.parametrize("rel", ["index.html", "notebooks/programme-facts.html"])
def test_unzipped_pages_load_with_no_internet(unzipped, page, rel):
    with serve(unzipped) as url:
        log = watch(page)
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
        page.goto(f"{url}/{rel}", wait_until="load", timeout=60_000)
        settle(page)
        assert page.locator("h1").count() >= 1, rel
    assert log.problems() == [], "; ".join(log.problems())
