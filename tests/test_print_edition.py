"""The print edition's page rewriting and the frame's page rules (no build, no browser)."""

from __future__ import annotations

from types import SimpleNamespace

from bs4 import BeautifulSoup
from sphinx.builders.html._assets import _JavaScript

from jlp.editions import frame
from jlp.editions.printing import printable

CELLS = """<html><head></head><body data-default-mode="light">
<div class="cell tag_hide-input">
<details class="hide above-input">
<summary aria-label="Toggle hidden content">
<span class="collapsed">Show code cell source</span>
<span class="expanded">Hide code cell source</span>
</summary>
<div class="cell_input docutils container"><pre>import jlp</pre></div>
</details>
<div class="cell_output docutils container"><p>Shown output</p></div>
</div>
<details class="admonition hide below-input">
<summary aria-label="Toggle hidden content">
<p class="collapsed admonition-title">Show code cell output</p>
<p class="expanded admonition-title">Hide code cell output</p>
</summary>
<div class="cell_output docutils container"><table><tr><td>Folded table</td></tr></table></div>
</details>
<figure><details class="jlp-summary"><summary>Text description</summary>
<p>What the map shows.</p></details></figure>
</body></html>"""


def test_print_page_has_no_folds_and_no_toggle_text():
    soup = BeautifulSoup(printable(CELLS), "html.parser")
    assert soup.find("details") is None and soup.find("summary") is None
    text = soup.get_text(" ")
    assert "code cell" not in text  # no "Show code cell output"
    assert "Folded table" in text and "Shown output" in text and "What the map shows." in text
    assert "Text description" in soup.select_one("p.jlp-unfolded-title").get_text()
    # The folded input stays in the page, marked so the print stylesheet leaves it out.
    assert soup.select_one(".jlp-unfolded.hide .cell_input") is not None
    body = soup.find("body")
    assert "jlp-print-edition" in body["class"] and body["data-default-mode"] == "light"


def test_page_text_keeps_numbers_with_their_per_cent_sign_and_draws_no_emoji():
    assert frame.no_break_percent("20 % and 5 %.") == "20\u00a0% and 5\u00a0%."
    assert frame.no_break_percent("the % sign") == "the % sign"
    assert frame.plain_glyphs("\u2705 ran, \u274c failed") == "\u2713 ran, \u2717 failed"


class _App:
    config = SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": False}})


def test_each_script_once_and_no_unused_thebe_or_mathjax():
    thebe_body = 'const THEBE_JS_URL = "https://unpkg.com/thebe"'
    scripts = [
        _JavaScript("doctools.js"),
        _JavaScript(None, body=thebe_body),
        _JavaScript(None, body=thebe_body),
        _JavaScript("sphinx-thebe.js"),
        _JavaScript("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"),
        _JavaScript(None, body="var x = 1;"),
        _JavaScript(None, body="var x = 1;"),
    ]
    context = {"script_files": scripts, "css_files": [], "body": "<p>No maths here.</p>"}
    frame.tidy_assets(_App(), "page", "page.html", context, None)
    assert [(s.filename, s.attributes.get("body")) for s in scripts] == [
        ("doctools.js", None),
        (None, "var x = 1;"),
    ]


def test_html_outputs_keep_numbers_with_their_per_cent_sign():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("page", get_default_settings(Parser))
    document += nodes.paragraph("", "Fees cover 20 % of the cost.")
    document += nodes.raw("", "<td>up to 40 %</td>", format="html")
    document += nodes.literal_block("", "share = 20 % 7")
    frame.NoBreakPercent(document).apply()
    texts = [node.astext() for node in document.children]
    assert texts == [
        "Fees cover 20\u00a0% of the cost.",
        "<td>up to 40\u00a0%</td>",
        "share = 20 % 7",
    ]


#: A saved widget state in the head holds a whole map page (body tag, folds and a picture) as
#: JSON; the page's own body comes after it.
STATE_THEN_BODY = (
    '<html><head><script type="application/vnd.jupyter.widget-state+json">'
    '{"html": "<html><body class=\\"map\\"><details class=\\"hide\\"><summary>x</summary>'
    '</details><source media=\\"(max-width: 719px)\\"></body></html>"}</script></head>'
    '<body data-default-mode="light"><picture><source media="(max-width: 719px)" '
    'srcset="../_images/phone.png"><img src="../_images/wide.png" alt="A map"></picture>'
    "</body></html>"
)


def test_print_page_leaves_scripts_whole_and_marks_its_own_body():
    import json
    import re

    from jlp.editions.printing import at_top

    page = printable(at_top(STATE_THEN_BODY, 1))
    state = re.search(r"<script[^>]*>(.*?)</script>", page, re.S).group(1)
    assert json.loads(state) == json.loads(
        re.search(r"<script[^>]*>(.*?)</script>", STATE_THEN_BODY, re.S).group(1)
    )
    soup = BeautifulSoup(page, "html.parser")
    body = soup.find("body")
    assert body["class"] == ["jlp-print-edition"] and body["data-default-mode"] == "light"
    # On paper (as narrow as a phone) the picture is the wide one; phones keep theirs.
    assert soup.find("source")["media"] == "screen and (max-width: 719px)"
    # Links into the site's folders are right for the page's place at the top.
    assert soup.find("img")["src"] == "_images/wide.png"
    assert soup.find("source")["srcset"] == "_images/phone.png"
