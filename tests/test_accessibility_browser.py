"""axe-core beyond the learner pages: the instructor edition, and the checker itself.

Every learner page is checked with axe in the same visit as its other browser checks
(test_site.py). The instructor edition differs from the learner's only in what it adds (open
solutions, instructor notes, its banner), so here axe runs on those parts of the pages that
hold them, after the page has loaded; the tests below also prove that the check can fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import blocking_violations, serve, watch
from test_links import EDITION_SITES, site_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in site_pages(site)] if site.exists() else []


def _instructor_only_pages() -> list[str]:
    site = EDITION_SITES["instructor"]
    marks = ('class="instructor-note', 'class="solution')
    return [
        rel
        for rel in _pages(site)
        if any(m in (site / rel).read_text(encoding="utf-8", errors="replace") for m in marks)
    ]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def instructor_url():
    site = EDITION_SITES["instructor"]
    if not (site / "index.html").exists():
        if IN_CI:
            pytest.fail("the instructor edition is not built (make book-instructor)")
        pytest.skip("the instructor edition is not built: make book-instructor")
    with serve(site) as url:
        yield url


#: What only the instructor edition shows: the parts axe checks there.
INSTRUCTOR_PARTS = [".instructor-note", ".solution", ".bd-header-announcement"]


def check_instructor_parts(page, axe, url: str) -> None:
    log = watch(page)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(url, wait_until="load", timeout=60_000)
    include = [s for s in INSTRUCTOR_PARTS if page.locator(s).count()]
    assert include, f"{url} holds none of {INSTRUCTOR_PARTS}"
    found = blocking_violations(page, axe, include=include)
    assert found == [], "\n".join(found)
    assert log.problems() == [], "; ".join(log.problems())


@pytest.mark.parametrize("path", _instructor_only_pages() or ["book/index.html"])
def test_instructor_parts_have_no_serious_violation(page, instructor_url, axe, path):
    check_instructor_parts(page, axe, f"{instructor_url}/{path}")


def test_axe_finds_a_real_violation(page, axe, tmp_path):
    """The check can fail: an image without alt text and an unlabelled button are caught."""
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
        '<h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "<button></button></main></body></html>"
    )
    with serve(tmp_path) as url:
        page.goto(f"{url}/index.html")
        found = blocking_violations(page, axe)
    assert any("image-alt" in f for f in found)
    assert any("button-name" in f for f in found)


def test_described_figure_reads_aloud_prints_and_passes_axe(page, axe, tmp_path):
    """A chart wrapped by jlp.viz.alt_text: summary tied to the figure, shown in print."""
    import shutil

    import plotly.graph_objects as go
    from matplotlib.figure import Figure

    from jlp.editions import STATIC
    from jlp.sphinx_ext import plotly_js_path
    from jlp.viz.alt_text import described, summarize_figure

    fig = go.Figure(go.Bar(x=["Sales", "Jobs", "Fixed assets"], y=[200, 15, 98], name="EMASIM"))
    fig.update_layout(title="EMASIM, change in %")
    summary = summarize_figure(fig)
    assert "Sales 200" in summary and "Fixed assets 98" in summary
    still = Figure()
    still.subplots().bar(["Sales", "Jobs", "Fixed assets"], [200, 15, 98])
    shown = described(fig, summary, still=still)
    shutil.copy(plotly_js_path(), tmp_path / "plotly.min.js")
    shutil.copy(STATIC / "jlp-editions.css", tmp_path / "jlp-editions.css")
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Figure</title>'
        '<link rel="stylesheet" href="jlp-editions.css"><script src="plotly.min.js"></script>'
        f"</head><body><main><h1>Figure</h1>{shown.html}</main></body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        log = watch(page)
        page.goto(f"{url}/index.html", wait_until="load")
        page.wait_for_selector(".plotly-graph-div .main-svg")
        described_by = page.locator("figure.jlp-figure").get_attribute("aria-describedby")
        assert page.locator(f"#{described_by}").text_content() == summary
        assert page.locator("img.jlp-print-only").is_hidden()  # the still is for paper only
        found = blocking_violations(page, axe)
        page.emulate_media(media="print")
        assert page.locator(f"#{described_by}").is_visible()
        assert page.locator("img.jlp-print-only").is_visible()
        assert page.locator(".jlp-screen-only").is_hidden()
    assert found == [], "\n".join(found)
    assert log.problems() == [], "; ".join(log.problems())
