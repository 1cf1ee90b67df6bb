"""The NET report in a real browser: names that look like markup are shown as text, no
link leads anywhere, and the page asks nothing of the internet."""

from __future__ import annotations

import pytest
from browser import serve, settle, watch

from jlp import net
from jlp.cli import main

pytestmark = pytest.mark.browser

HOSTILE = {
    "sim-1": '<a href="https://evil.example/track">Click me</a>',
    "sim-2": '<span style="font-size:80px">BIG</span> & <b>bold</b> US$ 5 to US$ 10',
}

LINK_LIKE = r"a, [href], [xlink\:href]"

#: Every text plotly drew, and what in its pictures could act as a link or restyle text.
SVG_FACTS = """() => {
  const svgs = [...document.querySelectorAll('.plotly-graph-div svg')];
  const texts = svgs.flatMap(s => [...s.querySelectorAll('text')].map(t => t.textContent));
  const links = svgs.flatMap(s => [...s.querySelectorAll('a')]).length;
  const big = svgs.flatMap(s => [...s.querySelectorAll('tspan, text')])
    .filter(t => parseFloat(getComputedStyle(t).fontSize) >= 60).length;
  const bold = svgs.flatMap(s => [...s.querySelectorAll('tspan')])
    .filter(t => (t.getAttribute('style') || '').includes('bold')).length;
  return {texts, links, big, bold, charts: svgs.length};
}"""


@pytest.fixture()
def report(tmp_path):
    programme = net.simulate_programme(3, 2, seed=2)
    programme["network"] = programme["network"].replace(HOSTILE)
    source = tmp_path / "hostile.csv"
    programme.to_csv(source, index=False)
    assert main(["net", "report", str(source), "-o", str(tmp_path / "index.html")]) == 0
    return tmp_path


def test_hostile_names_are_literal_and_no_link_leaves_the_page(page, report):
    opened = []
    page.context.on("page", lambda new: opened.append(new.url))
    log = watch(page)
    with serve(report) as url:
        start = f"{url}/index.html"
        page.goto(start, wait_until="load")
        settle(page)
        page.wait_for_function(
            "document.querySelectorAll('.plotly-graph-div .main-svg').length >= 6", timeout=60_000
        )
        facts = page.evaluate(SVG_FACTS)
        drawn = " ".join(facts["texts"])
        for name in HOSTILE.values():
            assert name in drawn, f"not shown as typed in a chart: {name}"
        assert facts["links"] == 0 and facts["big"] == 0 and facts["bold"] == 0
        body = page.inner_text("body")
        for name in HOSTILE.values():
            assert name in body
        links = page.locator(LINK_LIKE)
        assert links.count() > 0  # the contents' in-page links at least
        for k in range(links.count()):
            links.nth(k).evaluate(
                "el => el.dispatchEvent(new MouseEvent('click', {bubbles: true,"
                " cancelable: true, view: window}))"
            )
            page.wait_for_timeout(50)
            assert page.url.split("#")[0] == start, f"link {k} navigated to {page.url}"
        page.wait_for_timeout(500)
    assert opened == []
    assert log.problems() == []
