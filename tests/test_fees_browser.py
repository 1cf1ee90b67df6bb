"""The fee charts in a real browser: the kernel-free explorer responds; the pages draw offline."""

from __future__ import annotations

import os
from pathlib import Path

import plotly
import pytest
from browser import serve, watch

from jlp import fees
from jlp.viz import fee_charts, figure_html

pytestmark = pytest.mark.browser

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SITE = Path(__file__).resolve().parents[1] / "_build" / "html"


def _built(path: str) -> None:
    """Skip (fail under CI) when the built book predates the fee pages."""
    if not (SITE / path).is_file():
        message = f"{path} is not in the built book: run `make book` first"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)


def _fee(page) -> list[float]:
    return page.evaluate("() => Array.from(document.getElementById('explorer').data[0].y)")


def _title(page) -> str:
    return page.evaluate("() => document.getElementById('explorer').layout.title.text")


def test_explorer_buttons_and_slider_work_without_a_kernel(page, tmp_path):
    fig = fee_charts.ramp_explorer_chart()
    (tmp_path / "plotly.min.js").write_bytes(PLOTLY_JS.read_bytes())
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><script src="plotly.min.js"></script>'
        f"</head><body>{figure_html(fig, div_id='explorer')}</body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        log = watch(page)
        page.goto(f"{url}/index.html", wait_until="load")
        page.wait_for_selector("#explorer .main-svg")

        def expected(free: int, step: float) -> list[float]:
            rule = fees.RampRule(subsidised_years=free, first_share=0.2, step=step)
            return fees.schedule(rule, 4000, 10)["fee"].tolist()

        assert _fee(page) == pytest.approx(expected(3, 0.25))
        page.locator("#explorer .updatemenu-button").nth(0).click()  # "Free years: 0"
        page.wait_for_function(
            "() => document.getElementById('explorer').layout.title.text.includes('0 free')"
        )
        assert _fee(page) == pytest.approx(expected(0, 0.25))
        label = page.locator("#explorer text.slider-label", has_text="50%").bounding_box()
        rail = page.locator("#explorer rect.slider-rail-touch-rect").bounding_box()
        page.mouse.click(label["x"] + label["width"] / 2, rail["y"] + rail["height"] / 2)
        page.wait_for_function(
            "() => document.getElementById('explorer').layout.title.text.includes('50%')"
        )
        assert _fee(page) == pytest.approx(expected(0, 0.5))  # the slider kept the free years
        assert "from year 3" in page.evaluate(
            "() => document.getElementById('explorer').layout.title.subtitle.text"
        )
    assert log.problems() == [], "; ".join(log.problems())


@pytest.mark.parametrize(("path", "charts"), [("notebooks/fee-ramp.html", 6)])
def test_the_fee_pages_draw_offline(page, site_url, path, charts):
    _built(path)
    log = watch(page)
    page.goto(f"{site_url}/{path}", wait_until="load")
    page.wait_for_selector(".plotly-graph-div .main-svg", timeout=15_000)
    page.wait_for_timeout(500)
    assert page.locator(".plotly-graph-div").count() >= charts
    assert page.locator(".updatemenu-button").count() == 6  # the explorer's buttons
    assert log.problems() == [], "; ".join(log.problems())


def test_the_chapter_renders(page, site_url):
    _built("book/fee-ramp.html")
    log = watch(page)
    page.goto(f"{site_url}/book/fee-ramp.html", wait_until="load")
    assert "fee ramp" in page.locator("h1").first.text_content().lower()
    assert page.locator("a[href$='notebooks/fee-ramp.html']").count() >= 1
    assert log.problems() == [], "; ".join(log.problems())
