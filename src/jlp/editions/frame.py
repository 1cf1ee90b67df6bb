"""The frame around every page: scripts, search, and small typographic rules.

Part of the :mod:`jlp.editions` Sphinx extension (its ``setup`` calls :func:`setup`):

- each page loads each script once, and none it does not use: sphinx-thebe's settings were
  written twice ("Identifier 'THEBE_JS_URL' has already been declared") and its scripts come
  with every page although no page runs live code in Thebe; MathJax (fetched from a CDN)
  only where a page has mathematics;
- the theme starts in a named colour mode (an empty one is reported as an error);
- search ranks first the page whose own title names what was searched (and, for an
  abbreviation such as "NET", the page that defines it: "… (NET)"), and its excerpts come
  from the page's text, not from the printed table of contents;
- a notebook's picture gets the description its PNG carries as alt text (not its path);
- no glyph needs an emoji font (the build status table's ✅ and ❌ become ✓ and ✗);
- a number and its per cent sign never part at the end of a line: "20 %" is written with a
  no-break space (the same for "US$ 5" and "5 km" is left to the text).

>>> no_break_percent("from 20 % to 100 %")
'from 20\\xa0% to 100\\xa0%'
>>> no_break_percent("x % y")
'x % y'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

STATIC = Path(__file__).parent / "static"
SCORER = STATIC / "jlp-search-scorer.js"
NBSP = "\u00a0"
_PERCENT = re.compile(r"(?<=\d) (?=%)")
#: Nodes whose text is code or markup, never page prose.
_LITERAL = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.doctest_block)


def no_break_percent(text: str) -> str:
    """``text`` with a no-break space between a number and a following ``%``."""
    return _PERCENT.sub(NBSP, text)


class NoBreakPercent(SphinxTransform):
    """Join "20 %" with a no-break space in the page text and HTML outputs (not in code)."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Text)):
            if isinstance(node.parent, _LITERAL) or "%" not in node:
                continue
            fixed = no_break_percent(str(node))
            if fixed != str(node):
                node.parent.replace(node, nodes.Text(fixed))
        # A notebook's HTML output (a table, a summary) is page text too.
        for raw in list(self.document.findall(nodes.raw)):
            text = raw.astext()
            if "html" in raw.get("format", "").split() and _PERCENT.search(text):
                fixed = nodes.raw(text=no_break_percent(text), **raw.attributes)
                raw.replace_self(fixed)


#: Glyphs that need an emoji font (most computers of the course's readers have none), and the
#: text-font signs that replace them.
PLAIN_GLYPHS = {"\u2705": "\u2713", "\u274c": "\u2717", "\u2714\ufe0f": "\u2714"}


def plain_glyphs(text: str) -> str:
    """``text`` with each emoji-font glyph replaced by a sign every text font draws.

    >>> plain_glyphs("ran: \u2705")
    'ran: \u2713'
    """
    for glyph, plain in PLAIN_GLYPHS.items():
        text = text.replace(glyph, plain)
    return text


class PlainGlyphs(SphinxPostTransform):
    """Replace emoji glyphs in page text, including the build status table (myst-nb writes
    its "succeeded" column as emoji, at post-transform priority 8)."""

    default_priority = 50

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Text)):
            fixed = plain_glyphs(str(node))
            if fixed != str(node) and not isinstance(node.parent, _LITERAL):
                node.parent.replace(node, nodes.Text(fixed))


def png_description(path: Path) -> str:
    """The ``Description`` a PNG carries (matplotlib's ``savefig(metadata=...)``), or ""."""
    try:
        from PIL import Image

        with Image.open(path) as picture:
            return str(getattr(picture, "text", {}).get("Description", "")).strip()
    except (OSError, ValueError):
        return ""


class DescribedPictures(SphinxPostTransform):
    """A notebook's picture without alt text takes the description stored in its PNG (the
    still network pictures store one); myst-nb otherwise writes the file's path as alt."""

    default_priority = 60

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.image):
            uri = str(node.get("uri", ""))
            if node.get("alt") or not uri.endswith(".png") or "://" in uri:
                continue
            path = Path(self.app.srcdir) / uri.lstrip("/")
            if not path.exists():
                path = Path(self.app.srcdir) / Path(self.env.docname).parent / uri
            text = png_description(path)
            if text:
                node["alt"] = text


def _thebe_on(config: Any) -> bool:
    buttons = (getattr(config, "html_theme_options", None) or {}).get("launch_buttons") or {}
    return bool(buttons.get("thebe"))


def _unwanted(script: Any, *, thebe: bool, maths: bool) -> bool:
    name = str(getattr(script, "filename", "") or "")
    body = str((getattr(script, "attributes", None) or {}).get("body", ""))
    if not thebe and ("thebe" in name or "THEBE_JS_URL" in body):
        return True
    return not maths and "mathjax" in name.lower()


def tidy_assets(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Each script once; no Thebe scripts when Thebe is off; no MathJax without maths."""
    scripts = context.get("script_files")
    if scripts is None:
        return
    thebe = _thebe_on(app.config)
    maths = 'class="math' in context.get("body", "")
    kept, seen = [], set()
    for script in scripts:
        key = (
            str(getattr(script, "filename", "") or ""),
            str((getattr(script, "attributes", None) or {}).get("body", "")),
        )
        if key in seen or _unwanted(script, thebe=thebe, maths=maths):
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept
    styles = context.get("css_files")
    if styles is not None and not thebe:
        styles[:] = [s for s in styles if "thebe" not in str(getattr(s, "filename", "") or "")]


def configure(app: Any, config: Any) -> None:
    """Colour mode, search scorer (at ``config-inited``)."""
    # The theme reads its first colour mode from the page context (not a theme option).
    config.html_context = {"default_mode": "light", **(config.html_context or {})}
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app: Any) -> None:
    """Register the frame's handlers on ``app`` (called by :func:`jlp.editions.setup`)."""
    app.add_transform(NoBreakPercent)
    app.add_post_transform(PlainGlyphs)
    app.add_post_transform(DescribedPictures)
    app.connect("config-inited", configure, priority=600)
    # After the extensions that add scripts to a page (MathJax, sphinx-thebe: priority 500).
    app.connect("html-page-context", tidy_assets, priority=900)


__all__ = [
    "DescribedPictures",
    "NoBreakPercent",
    "PlainGlyphs",
    "configure",
    "no_break_percent",
    "plain_glyphs",
    "setup",
    "tidy_assets",
]
