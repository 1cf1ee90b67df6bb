"""Three editions of the course from one source: learner, workshop and instructor.

A Sphinx extension (listed in ``_config.yml`` under ``sphinx.extra_extensions``) that reads
the config value ``jlp_edition`` and shapes the book to match:

============  ==========================  ==================
edition       solutions (sphinx-exercise)  instructor notes
============  ==========================  ==================
learner       collapsed behind a toggle   removed
workshop      removed from the site       removed
instructor    open                        shown
============  ==========================  ==================

It also registers the ``{instructor-note}`` directive, adds the course's print stylesheet,
shows a banner naming the workshop and instructor editions, and strips the downloadable
page sources (``_sources/``) to match the edition (:mod:`jlp.editions.sources`).
``python -m jlp.editions`` builds an edition into its own folder (:mod:`jlp.editions.build`).

>>> EDITIONS["workshop"].solutions
'removed'
>>> edition_named("instructor").instructor_notes
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from jlp.editions import frame, language, printing
from jlp.editions.copies import KINDS, working_copy_text
from jlp.editions.sources import strip_markdown, strip_notebook_text
from jlp.i18n import Messages

LOG = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
CSS = "jlp-editions.css"
PRINT_JS = "jlp-print.js"
WIDGETS_JS = "jlp-widgets-a11y.js"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: User-facing words, in the book's language when a page is built (jlp.i18n).
TEXT = Messages(
    {
        "instructor_note": "Instructor note",
        "banner_workshop": "Workshop edition: the exercises are here, their solutions are not.",
        "banner_instructor": (
            "Instructor edition: solutions and facilitation notes are open. "
            "Do not share it with trainees before the workshop."
        ),
    }
)


@dataclass(frozen=True)
class Edition:
    """One edition of the book: what it does with solutions and instructor notes."""

    name: str
    solutions: Literal["collapsed", "removed", "open"]
    instructor_notes: bool
    output: str  # the HTML folder, relative to the book root
    summary: str


EDITIONS: dict[str, Edition] = {
    "learner": Edition(
        "learner",
        "collapsed",
        False,
        "_build/html",
        "self-study: solutions collapsed behind a toggle, no instructor notes",
    ),
    "workshop": Edition(
        "workshop",
        "removed",
        False,
        "_build/workshop/html",
        "trainees in a workshop: exercises without solutions, no instructor notes",
    ),
    "instructor": Edition(
        "instructor",
        "open",
        True,
        "_build/instructor/html",
        "instructors: solutions open, instructor notes with timings and tips",
    ),
}
DEFAULT_EDITION = "learner"


def edition_named(name: str) -> Edition:
    """The edition called ``name``; a clear error for an unknown name.

    >>> edition_named("learner").output
    '_build/html'
    """
    try:
        return EDITIONS[name]
    except KeyError:
        known = ", ".join(EDITIONS)
        message = f"jlp_edition = {name!r} is not an edition; use one of: {known}"
        raise ConfigError(message) from None


def _text(config: Any) -> dict[str, str]:
    return TEXT.in_language(getattr(config, "language", None))


class InstructorNote(SphinxDirective):
    """``{instructor-note} [title]`` with an optional ``:time:`` (e.g. ``20 min``).

    Kept only in the instructor edition; elsewhere it leaves nothing in the doctree, so its
    text reaches neither the HTML nor the search index.
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {  # noqa: RUF012 (docutils API)
        "time": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        if not edition_named(self.config.jlp_edition).instructor_notes:
            return []
        label = _text(self.config)["instructor_note"]
        if self.arguments:
            label = f"{label}: {self.arguments[0]}"
        if self.options.get("time"):
            label = f"{label} · {self.options['time']}"
        note = nodes.admonition("", classes=["instructor-note", *self.options.get("class", [])])
        title_nodes, messages = self.state.inline_text(label, self.lineno)
        title = nodes.title(label, "", *title_nodes)
        title.source, title.line = self.state_machine.get_source_and_line(self.lineno)
        note += title
        note += messages
        self.state.nested_parse(self.content, self.content_offset, note)
        self.add_name(note)
        return [note]


class ApplyEditionToSolutions(SphinxTransform):
    """Remove, collapse or open every sphinx-exercise solution, after gated ones are merged."""

    default_priority = 20  # sphinx-exercise merges gated solutions at priority 10

    def apply(self, **kwargs: Any) -> None:
        from sphinx_exercise.nodes import solution_end_node, solution_node, solution_start_node

        edition = edition_named(self.config.jlp_edition)
        for node in list(self.document.findall(solution_node)):
            if edition.solutions == "removed":
                node.parent.remove(node)
                continue
            classes = [c for c in node["classes"] if c not in {"dropdown", "toggle"}]
            if edition.solutions == "collapsed":
                classes.append("dropdown")
            node["classes"] = classes
        if edition.solutions == "removed":  # a malformed gate must not leak its content
            for kind in (solution_start_node, solution_end_node):
                for node in list(self.document.findall(kind)):
                    node.parent.remove(node)


HUB_KEYS = ("binderhub_url", "jupyterhub_url")


def launch_settings(theme_options: dict[str, Any]) -> dict[str, Any]:
    """The theme options with hub launch links dropped when no repository URL is set.

    A hub link must name the repository the hub clones; without ``repository.url`` the
    theme can only warn (and a strict build fails), so the links wait for the URL.

    >>> launch_settings({"launch_buttons": {"binderhub_url": "https://mybinder.org"}})
    {'launch_buttons': {'binderhub_url': ''}}
    >>> opts = {
    ...     "repository_url": "https://github.com/o/r",
    ...     "launch_buttons": {"binderhub_url": "https://mybinder.org"},
    ... }
    >>> launch_settings(opts) == opts
    True
    """
    buttons = dict(theme_options.get("launch_buttons") or {})
    if theme_options.get("repository_url") or not any(buttons.get(k) for k in HUB_KEYS):
        return theme_options
    for key in HUB_KEYS:
        if key in buttons:
            buttons[key] = ""
    return {**theme_options, "launch_buttons": buttons}


def _configure(app: Any, config: Any) -> None:
    edition = edition_named(config.jlp_edition)
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    options = launch_settings(dict(config.html_theme_options))
    if options is not config.html_theme_options and options != config.html_theme_options:
        LOG.info("[jlp] hub launch links need repository.url (or JLP_REPOSITORY_URL): none set")
    banner = _text(config).get(f"banner_{edition.name}")
    if banner:
        options = {**options, "announcement": banner}
    config.html_theme_options = options


def _strip_sources(app: Any, exception: Exception | None) -> None:
    """Make the downloadable sources in ``_sources/`` match the edition."""
    if exception is not None or app.builder.format != "html":
        return
    edition = edition_named(app.config.jlp_edition)
    solutions = edition.solutions == "removed"
    notes = not edition.instructor_notes
    if not (solutions or notes):
        return
    sources = Path(app.outdir) / "_sources"
    for path in sorted(sources.rglob("*")) if sources.is_dir() else []:
        if path.suffix == ".ipynb" and edition.name in KINDS:
            # the workshop's downloads are the very copies `make lab` opens for trainees
            text = path.read_text(encoding="utf-8")
            path.write_text(working_copy_text(text, edition.name), encoding="utf-8")
            continue
        if path.suffix == ".ipynb":
            strip = strip_notebook_text
        elif path.suffix in {".md", ".txt"}:
            strip = strip_markdown
        else:
            continue
        text = path.read_text(encoding="utf-8")
        stripped = strip(text, solutions=solutions, instructor_notes=notes)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8")


def _widget_fixes_where_needed(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Pages with saved widgets get the script that labels them for keyboards and readers."""
    if WIDGET_MIME in context.get("body", ""):
        app.add_js_file(WIDGETS_JS)


def _share_html_handlers(app: Any) -> None:
    """Give the one-page (singlehtml) builder every extension's HTML node handlers.

    Sphinx uses a builder's own handler table when any extension registers one under its
    name, else the "html" table. sphinx-exercise registers "singlehtml" handlers, which hides
    every other extension's HTML handlers (myst-nb's hidden code cells, our self-checks) from
    the print edition; copying the missing ones back restores them.
    """
    tables = app.registry.translation_handlers
    if app.builder.format == "html" and app.builder.name in tables:
        own = tables[app.builder.name]
        for node, handlers in tables.get("html", {}).items():
            own.setdefault(node, handlers)


def code_version() -> int:
    """A number that changes whenever this extension's code or browser files change.

    Sphinx rebuilds every page when an extension's ``env_version`` changes, so an updated
    extension never leaves pages or ``_static`` files of an older one in a built site.
    """
    digest = hashlib.sha1()
    for path in sorted([Path(__file__), *STATIC.glob("*")]):
        digest.update(path.read_bytes())
    return int(digest.hexdigest()[:8], 16)


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point (needs ``sphinx_exercise``, which it loads)."""
    app.setup_extension("sphinx_exercise")
    app.setup_extension("jlp.editions.code_cells")  # fold code unless tagged show-code
    app.add_config_value("jlp_edition", DEFAULT_EDITION, "env", [str])
    app.add_directive("instructor-note", InstructorNote)
    app.add_transform(ApplyEditionToSolutions)
    app.add_css_file(CSS)
    app.add_js_file(PRINT_JS)
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _share_html_handlers)
    app.connect("html-page-context", _widget_fixes_where_needed)
    language.setup(app)
    app.connect("build-finished", _strip_sources)
    frame.setup(app)
    printing.setup(app)
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "version": "1",
        "env_version": code_version(),
    }


__all__ = [
    "DEFAULT_EDITION",
    "EDITIONS",
    "TEXT",
    "Edition",
    "edition_named",
    "launch_settings",
    "setup",
]
