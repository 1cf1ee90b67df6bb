"""Code where it teaches: on the book's pages a code cell's input is folded unless it teaches.

The course's readers are business people. On every page of the book, each notebook code
cell's input is folded behind myst-nb's own toggle ("Show code cell source"), not removed,
unless the cell carries the tag ``show-code``: the cells a trainee should read or change.
The rule is applied when the pages are written, so no notebook needs a ``hide-input`` tag on
every cell, and the notebooks themselves (the downloads in ``_sources/`` and what JupyterLab
opens) keep every line of code.

How: myst-nb records a cell's tags on its container while it reads a notebook, and its
``HideInputCells`` post-transform (priority 199) folds what ``hide_mode`` names. The
transform here runs just before it (priority 198) and sets ``hide_mode`` on every cell
without ``show-code``; a cell tagged ``hide-output`` folds both, ``remove-input`` stays
removed.

This extension also serves the table presenter's stylesheet (on every page: it also gives
room to the cells of tables the presenter did not draw) and its script (to the pages that
hold a table: the presenter's "scroll sideways" hint, :mod:`jlp.viz.tables`, and the cards a
chapter's own wide table becomes on a phone). Registered by :mod:`jlp.editions`.

>>> folded_mode(None), folded_mode("output"), folded_mode("all")
('input', 'input+output', 'all')
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from jlp.i18n import Messages

#: The tag of a cell whose code stays open on the page.
SHOW_TAG = "show-code"
STATIC = Path(__file__).parent / "tables_static"
TABLES_CSS = "jlp-tables.css"
TABLES_JS = "jlp-tables.js"
#: The toggles' words whole, by what the toggle folds, for a translated page: myst-nb writes
#: its own prompt (``code_prompt_show``, "Show code cell {type}") with an English word in place
#: of {type} ("source", "output", "content"), so a translated page takes these instead.
TOGGLES = Messages(
    {
        "input": ("Show code cell source", "Hide code cell source"),
        "output": ("Show code cell output", "Hide code cell output"),
        "all": ("Show code cell content", "Hide code cell content"),
        "input+output": ("Show code cell", "Hide code cell"),
    }
)


def folded_mode(mode: str | None) -> str:
    """myst-nb's ``hide_mode`` for a cell whose input is folded, given its own mode."""
    return {None: "input", "output": "input+output"}.get(mode, mode)  # type: ignore[arg-type]


def shows_code(node: nodes.Element) -> bool:
    """Whether a notebook cell container keeps its code open (tag ``show-code``)."""
    tags = (node.get("cell_metadata") or {}).get("tags") or []
    return SHOW_TAG in tags


class FoldCodeInputs(SphinxPostTransform):
    """Fold every code cell's input on a page, except cells tagged ``show-code``."""

    default_priority = 198  # just before myst-nb's HideInputCells (199)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        config = getattr(self.env, "mystnb_config", None)
        if config is None:  # myst-nb is not loaded: the page holds no notebook cell
            return
        show, hide = config.code_prompt_show, config.code_prompt_hide
        for node in self.document.findall(nodes.container):
            if node.get("nb_element") != "cell_code" or not node.children:
                continue
            if node.children[0].get("nb_element") != "cell_code_source" or shows_code(node):
                continue
            node["hide_mode"] = folded_mode(node.get("hide_mode"))
            node["prompt_show"] = node.get("prompt_show") or show
            node["prompt_hide"] = node.get("prompt_hide") or hide
            node["classes"].append("jlp-code-folded")
        if (self.config.language or "en") != "en":
            self._words_whole(show, hide, self.config.language)

    def _words_whole(self, show: str, hide: str, code: str) -> None:
        """In a translated build, each toggle's words in that language, whole."""
        words = TOGGLES.in_language(code)
        for node in self.document.findall(nodes.container):
            mode = node.get("hide_mode")
            if node.get("nb_element") != "cell_code" or mode not in TOGGLES:
                continue
            if node.get("prompt_show", show) == show and node.get("prompt_hide", hide) == hide:
                node["prompt_show"], node["prompt_hide"] = words[mode]


def _configure(app: Any, config: Any) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _tables_where_needed(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if "<table" in context.get("body", ""):
        app.add_js_file(TABLES_JS)


def code_version() -> int:
    """A number that changes with this module or its browser files, so that Sphinx rewrites
    every page when the folding rule or the table style changes."""
    digest = hashlib.sha1()
    for path in sorted([Path(__file__), *STATIC.glob("*")]):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:8], 16)


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point (loaded by :mod:`jlp.editions`)."""
    app.add_post_transform(FoldCodeInputs)
    app.add_css_file(TABLES_CSS)  # small, and it pads every table of a page
    app.connect("config-inited", _configure)
    app.connect("html-page-context", _tables_where_needed)
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "version": "1",
        "env_version": code_version(),
    }
