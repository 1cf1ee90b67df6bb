"""The print edition on paper, read as chromium lays it out for print (print media, at the
print width of A4): saved widgets print what they show and not their controls, no table cell
breaks a word or a date across lines, and the notes meant for the web stay off paper.

The same checks run first on a small page made to fail them, so that a check which finds
nothing has been shown able to find something."""

from __future__ import annotations

import pytest
from browser import serve, settle
from test_print_browser import PRINT_WIDTH, print_site  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser

#: What a reader could take for a working control on paper.
CONTROLS = (
    "input, select, textarea, button:not(.jlp-choice), .widget-slider, .slider-container, "
    ".widget-dropdown, .widget-select, .widget-text, .widget-checkbox, .widget-button, "
    ".widget-toggle-button, .widget-toggle-buttons, .lm-TabBar, .p-TabBar"
)
#: Boxes meant for the web only: how to open a saved tool live, and a self-check's verdicts.
WEB_ONLY = ".jlp-static-note, .jlp-static-card, .jlp-web-only, .jlp-table-hint, .jlp-feedback"

#: In the page: {"controls", "broken", "web_only", "choices"}, each a list of what is found.
#: A word is what lies between spaces; in a word of letters a line may also end after a
#: hyphen or a slash ("Self-" / "management"); a date or an amount is never broken.
ON_PAPER = """([controls, webOnly]) => {
  const main = document.querySelector('main') || document.body;
  const shown = (el) => {
    if (el.getClientRects().length === 0) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const name = (el) => `${el.tagName.toLowerCase()}.${String(el.className).trim()
    .split(/\\s+/).slice(-2).join('.')} "${(el.innerText || el.value || '').trim().slice(0, 40)}"`;
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0)
      .map((r) => Math.round(r.top))).size;
  };
  const broken = [];
  main.querySelectorAll('td, th').forEach((cell) => {
    if (!shown(cell)) return;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (const word of text.matchAll(/\\S+/g)) {
        const parts = /\\p{L}/u.test(word[0])
          ? word[0].match(/[^-\\u2013/]+[-\\u2013/]*|[-\\u2013/]+/g) : [word[0]];
        let at = word.index;
        for (const part of parts) {
          if (lines(node, at, at + part.length) > 1) {
            broken.push(`"${part}" in ${name(cell)}`);
          }
          at += part.length;
        }
      }
    }
  });
  return {
    controls: [...main.querySelectorAll(controls)].filter(shown).map(name),
    broken,
    web_only: [...main.querySelectorAll(webOnly)].filter(shown).map(name),
    choices: [...main.querySelectorAll('.jlp-self-check .jlp-choice')].filter(shown).length,
  };
}"""

#: A page made to fail every check: a live control, a date broken in a narrow cell, a web note.
FAILING = """<!DOCTYPE html><html><body><main>
<input type="range" aria-label="fee"><div class="jlp-static-note">Saved state.</div>
<table><tr><td style="width: 3em; max-width: 3em; overflow-wrap: anywhere">1995-01-12</td>
<td style="width: 4em">Self-management</td></tr></table></main></body></html>"""


def on_paper(page) -> dict:
    return page.evaluate(ON_PAPER, [CONTROLS, WEB_ONLY])


@pytest.fixture(scope="module")
def paper(browser, print_site):  # noqa: F811
    """What the print page shows as chromium lays it out for A4 (print media, print width)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with serve(print_site) as url:
        page.goto(f"{url}/index.html", wait_until="load", timeout=180_000)
        settle(page, limit_ms=30_000)
        page.wait_for_timeout(1000)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": PRINT_WIDTH["A4"], "height": 1000})
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_timeout(500)
        found = on_paper(page)
    context.close()
    return found


def test_the_checks_find_what_they_look_for(browser):
    page = browser.new_page(viewport={"width": 400, "height": 400})
    page.set_content(FAILING)
    page.emulate_media(media="print")
    found = on_paper(page)
    page.close()
    assert len(found["controls"]) == 1 and "input" in found["controls"][0]
    assert len(found["web_only"]) == 1
    assert any('"1995-01-12"' in b or '"1995' in b for b in found["broken"])
    assert not any("management" in b for b in found["broken"]), "a break after a hyphen is fine"


def test_saved_widgets_print_no_controls(paper):
    found = paper["controls"]
    assert found == [], f"{len(found)} controls on paper, as {found[:10]}"


def test_no_table_cell_breaks_a_word(paper):
    found = paper["broken"]
    assert found == [], f"{len(found)} words broken in table cells: {found[:10]}"


def test_notes_for_the_web_and_marked_answers_stay_off_paper(paper):
    assert paper["web_only"] == [], f"notes for the web on paper: {paper['web_only'][:10]}"
    assert paper["choices"] > 0, "a self-check prints its choices"
