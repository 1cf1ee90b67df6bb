"""The print edition: one long page that prints whole, on A4 and on Letter.

``python -m jlp.editions print`` builds the course as one page (Sphinx's singlehtml builder),
then :func:`printable` makes that page ready for paper:

- every folded block opens for good: a folded output (myst-nb's "Show code cell output")
  becomes a plain block and prints; a folded code input stays out of print (on the site it is
  folded because the reader need not read it); a text description keeps its label as a
  heading. Chromium printed folded blocks opened at print time as blank pages (28 of them);
- the text column is as wide as the narrowest paper's print area, so that the charts, drawn
  at the column's width, are never cut on A4 or on Letter.

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
#: Label kept (as a heading) for folded blocks other than code cells, by details class.
_TOKENS = re.compile(r"<details\b([^>]*)>|</details>|<summary\b[^>]*>(.*?)</summary>", re.S)
_CLASS = re.compile(r'class="([^"]*)"')


def _unfold(match_class: str) -> tuple[str, bool]:
    classes = match_class.split()
    return " ".join(["jlp-unfolded", *classes]), "hide" in classes


def printable(html: str) -> str:
    """The one-page course ready for paper (see the module's description)."""
    out: list[str] = []
    stack: list[bool] = []  # for each open <details>: is it a folded code cell?
    last = 0
    for match in _TOKENS.finditer(html):
        out.append(html[last : match.start()])
        last = match.end()
        token = match.group(0)
        if token.startswith("<details"):
            found = _CLASS.search(match.group(1) or "")
            classes, cell = _unfold(found.group(1) if found else "")
            stack.append(cell)
            out.append(f'<div class="{classes}">')
        elif token == "</details>":
            if stack:
                stack.pop()
            out.append("</div>")
        elif stack and not stack[-1]:  # a summary of a text block: keep it as its label
            out.append(f'<p class="jlp-unfolded-title">{match.group(2)}</p>')
        elif not stack:  # a summary outside any details: leave it
            out.append(token)
    out.append(html[last:])
    page = "".join(out)
    return re.sub(r"<body\b([^>]*)>", _body_class, page, count=1)


def _body_class(match: re.Match[str]) -> str:
    attributes = match.group(1)
    found = _CLASS.search(attributes)
    if found:
        return (
            "<body"
            + attributes.replace(found.group(0), f'class="{found.group(1)} jlp-print-edition"')
            + ">"
        )
    return f'<body{attributes} class="jlp-print-edition">'


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


__all__ = ["PAPERS", "printable", "setup", "widgets_on_one_page"]
