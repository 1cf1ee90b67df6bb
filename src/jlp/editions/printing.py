"""The print edition: one long page that prints whole, on A4 and on Letter.

``python -m jlp.editions print`` builds the course as one page (Sphinx's singlehtml builder),
then :func:`printable` makes that page ready for paper:

- every folded block opens for good: a folded output (myst-nb's "Show code cell output")
  becomes a plain block and prints; a folded code input stays out of print (on the site it is
  folded because the reader need not read it); a text description keeps its label as a
  heading. Chromium printed folded blocks opened at print time as blank pages (28 of them);
- the text column is as wide as the narrowest paper's print area, so that the charts, drawn
  at the column's width, are never cut on A4 or on Letter;
- a picture with a phone-sized version keeps that version for phone screens: a page of
  paper is as narrow as a phone's screen, and the tall phone picture filled a page alone;
- only the page's own markup changes, never the text of a script (the saved widget states
  hold whole pages, body tag and all, as JSON strings: a rewrite there broke the JSON and
  the widget with it).

:func:`widgets_on_one_page` gives the one page the saved state of every notebook's widgets
(Sphinx gives a page only its own document's), so the widgets print as they were saved.

>>> page = (
...     '<body><details class="hide below-input"><summary>Show code cell output</summary>'
...     "<div>42</div></details></body>"
... )
>>> print(printable(page).replace("><", ">\\n<"))
<body class="jlp-print-edition">
<div class="jlp-unfolded hide below-input">
<div>42</div>
</div>
</body>
"""

from __future__ import annotations

import re
from typing import Any

#: Paper sizes the print edition is checked on (CSS ``@page size`` names).
PAPERS = ("A4", "Letter")
#: What printable() rewrites, and the scripts it leaves alone (matched first, kept whole).
_TOKENS = re.compile(
    r"(?P<script><script\b.*?</script\s*>)"
    r"|<details\b(?P<details>[^>]*)>|</details>|<summary\b[^>]*>(?P<summary>.*?)</summary>"
    r"|<body\b(?P<body>[^>]*)>"
    r"|<source\b(?P<source>[^>]*)>",
    re.S | re.I,
)
_CLASS = re.compile(r'class="([^"]*)"')
_MEDIA = re.compile(r'\bmedia="(?!\s*(?:screen|print)\b)([^"]*)"')
#: Folders a page of the built site links into (see :func:`at_top`).
_SITE_FOLDERS = ("_images", "_static", "_downloads", "_sources")
_LINKS = re.compile(r'(\s(?:src|href|srcset)=")([^"]*)"')
_REQUIRE_PATHS = re.compile(r"require\.config\(\{paths: \{[^}]*\}")


def _unfold(match_class: str) -> tuple[str, bool]:
    classes = match_class.split()
    return " ".join(["jlp-unfolded", *classes]), "hide" in classes


def printable(html: str) -> str:
    """The one-page course ready for paper (see the module's description).

    >>> printable('<picture><source media="(max-width: 719px)" srcset="p.png"></picture>')
    '<picture><source media="screen and (max-width: 719px)" srcset="p.png"></picture>'
    >>> printable('<script>var page = "<body>";</script><body>')
    '<script>var page = "<body>";</script><body class="jlp-print-edition">'
    """
    out: list[str] = []
    stack: list[bool] = []  # for each open <details>: is it a folded code cell?
    body_done = False
    last = 0
    for match in _TOKENS.finditer(html):
        out.append(html[last : match.start()])
        last = match.end()
        token = match.group(0)
        if match.group("script") is not None:
            out.append(token)
        elif match.group("body") is not None:
            out.append(token if body_done else _body_class(match.group("body")))
            body_done = True
        elif match.group("source") is not None:
            out.append(_MEDIA.sub(r'media="screen and \1"', token))
        elif match.group("details") is not None:
            found = _CLASS.search(match.group("details"))
            classes, cell = _unfold(found.group(1) if found else "")
            stack.append(cell)
            out.append(f'<div class="{classes}">')
        elif token.lower().startswith("</details"):
            if stack:
                stack.pop()
            out.append("</div>")
        elif stack and not stack[-1]:  # a summary of a text block: keep it as its label
            out.append(f'<p class="jlp-unfolded-title">{match.group("summary")}</p>')
        elif not stack:  # a summary outside any details: leave it
            out.append(token)
    out.append(html[last:])
    return "".join(out)


def _body_class(attributes: str) -> str:
    found = _CLASS.search(attributes)
    if found:
        return (
            "<body"
            + attributes.replace(found.group(0), f'class="{found.group(1)} jlp-print-edition"')
            + ">"
        )
    return f'<body{attributes} class="jlp-print-edition">'


def at_top(html: str, depth: int) -> str:
    """A page written ``depth`` folders down, with its links into the site's own folders
    (``../_images/…``, ``../_static/…``) made right for its place at the top of the site.

    Over http the extra ``../`` went unnoticed (a browser stops at the site's root), but the
    page opened as a file, as chromium prints it, lost its pictures and its map script.

    >>> at_top('<img src="../_images/map.png" srcset="../_images/m.png 2x">', 1)
    '<img src="_images/map.png" srcset="_images/m.png 2x">'
    >>> at_top('<a href="../other/page.html">', 1)
    '<a href="../other/page.html">'
    >>> at_top('require.config({paths: {"anywidget": "../_static/anywidget/index"}});', 1)
    'require.config({paths: {"anywidget": "_static/anywidget/index"}});'
    """
    if depth <= 0:
        return html
    up = re.compile(rf"(^|,\s*)(?:\.\./){{{depth}}}(?=(?:{'|'.join(_SITE_FOLDERS)})/)")

    def fix(match: re.Match[str]) -> str:
        return match.group(1) + up.sub(r"\1", match.group(2)) + '"'

    def fix_paths(match: re.Match[str]) -> str:  # require.config's module paths, in JSON
        return re.sub(rf'"(?:\.\./){{{depth}}}(?=_static/)', '"', match.group(0))

    return _REQUIRE_PATHS.sub(fix_paths, _LINKS.sub(fix, html))


def widgets_on_one_page(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """On the one-page build, load every notebook's saved widget state and widget scripts."""
    if app.builder.name != "singlehtml" or app.env is None:
        return
    try:
        from myst_nb.sphinx_ import NbMetadataCollector
    except ImportError:  # pragma: no cover (myst-nb builds every page of the book)
        return
    for docname in sorted(app.env.found_docs):
        for uri, kwargs in NbMetadataCollector.get_js_files(app.env, docname).values():
            app.add_js_file(uri, **kwargs)


def setup(app: Any) -> None:
    """Register the print edition's handlers (called by :func:`jlp.editions.setup`)."""
    # Before jlp.editions.frame.tidy_assets (900), which drops the repeated scripts.
    app.connect("html-page-context", widgets_on_one_page, priority=800)


__all__ = ["PAPERS", "at_top", "printable", "setup", "widgets_on_one_page"]
