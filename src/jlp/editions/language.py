"""The course in two languages: English (the source) and Spanish (from message catalogues).

The English pages are the single source. Sphinx's gettext workflow turns them into
catalogues (``locales/es/LC_MESSAGES/<page>.po``, one per page, committed); a Spanish
build reads the same sources with ``language: es`` and swaps in each translated message
(``python -m jlp.editions build learner --lang es``, or ``make book-es``). The notebooks
run again for the Spanish build with ``JLP_LANG=es``, so what ``jlp`` prints and draws
comes out in Spanish too (one execution cache per language).

The two sites sit one inside the other once published: the English site at the top, the
Spanish one in its ``es/`` folder. Every Spanish page carries a link to the same page in
English (:func:`switch_target`), and every English page one to Spanish once Spanish is
listed in ``jlp_translations`` (published); with ``<link rel="alternate" hreflang=…>``.

>>> switch_target("notebooks/emasim", "en")
'../es/notebooks/emasim.html'
>>> switch_target("book/index", "es")
'../../book/index.html'
"""

from __future__ import annotations

import gettext
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.transforms import SphinxTransform


@dataclass(frozen=True)
class Language:
    """One language of the course: its code, its own name, and its site's folder."""

    code: str
    name: str
    folder: str  # the site's place inside the English site ("" for English itself)


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", ""),
    "es": Language("es", "Español", "es"),
}
SOURCE_LANGUAGE = "en"
#: Where the message catalogues live, from the book's root.
LOCALE_DIR = "locales"

#: User-facing words, one dict per language.
TEXT: dict[str, dict[str, str]] = {
    "en": {"switch_label": "Read this page in another language", "switch": "En español"},
    "es": {
        "switch_label": "Leer esta página en otro idioma",
        "switch": "In English",
        # the site's frame: its title (sidebar, every page's <title>) and its author (footer)
        "title": "Aprendizaje conjunto para articuladores de redes",
        "author": "los colaboradores de jlp, a partir de Ceglie & Dini (1999)",
    },
}
#: The English site's frame is ``_config.yml``'s ``title`` and ``author``; a translated
#: build takes these settings from :data:`TEXT` instead.
FRAME_SETTINGS = {"html_title": "title", "author": "author"}
#: Words of the theme's own catalogue (sphinx-book-theme) that a translated build corrects,
#: by language: English message → the word shown.
THEME_WORDS: dict[str, dict[str, str]] = {
    "es": {"Download this page": "Descargar esta página"},
}
THEME_CATALOGUE = "booktheme"


def language_named(code: str) -> Language:
    """The language with this code (``en`` or ``es``).

    >>> language_named("es").name
    'Español'
    """
    try:
        return LANGUAGES[code]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise ValueError(f"no language '{code}': the course is built in {known}") from None


def other_language(code: str) -> str:
    """The language a page's switch leads to.

    >>> other_language("en"), other_language("es")
    ('es', 'en')
    """
    return "es" if language_named(code).code == "en" else "en"


def switch_target(pagename: str, code: str) -> str:
    """The relative link from page ``pagename`` of the ``code`` site to the same page in
    the other language (the Spanish site sits in the English site's ``es/`` folder)."""
    up = "../" * pagename.count("/")
    here, there = language_named(code), language_named(other_language(code))
    root = up + ("../" if here.folder else "")  # the English site's root
    folder = f"{there.folder}/" if there.folder else ""
    return f"{root}{folder}{pagename}.html"


def switch_html(pagename: str, code: str) -> str:
    """The switch shown at the top of every page: one link, in the other language.

    >>> print(switch_html("book/index", "en").replace("><", ">\\n<"))
    <nav class="jlp-language" aria-label="Read this page in another language">
    <a href="../es/book/index.html" hreflang="es" lang="es">En español</a>
    </nav>
    """
    words = TEXT[language_named(code).code]
    other = other_language(code)
    href = html.escape(switch_target(pagename, code), quote=True)
    return (
        f'<nav class="jlp-language" aria-label="{html.escape(words["switch_label"])}">'
        f'<a href="{href}" hreflang="{other}" lang="{other}">{html.escape(words["switch"])}</a>'
        "</nav>"
    )


def build_settings(code: str, root: Path) -> dict[str, Any]:
    """The Sphinx settings of a build in language ``code`` (none for the source language).

    >>> build_settings("es", Path("/course"))["locale_dirs"]
    ['/course/locales']
    >>> build_settings("es", Path("/course"))["html_title"]
    'Aprendizaje conjunto para articuladores de redes'
    >>> build_settings("en", Path("/course"))
    {}
    """
    if language_named(code).code == SOURCE_LANGUAGE:
        return {}
    return {
        "language": code,
        "locale_dirs": [(root / LOCALE_DIR).as_posix()],
        "gettext_compact": False,
        **{setting: TEXT[code][key] for setting, key in FRAME_SETTINGS.items()},
    }


def _add_switch(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html" or app.builder.name == "singlehtml" or "body" not in context:
        return
    code = app.config.language or SOURCE_LANGUAGE
    if code not in LANGUAGES:
        return
    if code == SOURCE_LANGUAGE and other_language(code) not in app.config.jlp_translations:
        return  # no link to a translation that is not published yet
    context["body"] = switch_html(pagename, code) + context["body"]
    other = other_language(code)
    href = html.escape(switch_target(pagename, code), quote=True)
    context["metatags"] = (
        context.get("metatags", "") + f'\n<link rel="alternate" hreflang="{other}" href="{href}">'
    )


class _Corrected(gettext.NullTranslations):
    """A catalogue that shows a few words of its own and asks the theme's for the rest."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self._words = words

    def gettext(self, message: str) -> str:
        return self._words.get(message) or super().gettext(message)


def _correct_theme_words(app: Any) -> None:
    """In a translated build, put :data:`THEME_WORDS` in front of the theme's catalogue."""
    from sphinx import locale

    words = THEME_WORDS.get(app.config.language or SOURCE_LANGUAGE)
    if not words:
        return
    key = ("general", THEME_CATALOGUE)
    theme = locale.translators.get(key)
    if isinstance(theme, _Corrected):
        return
    corrected = _Corrected(words)
    if theme is not None:
        corrected.add_fallback(theme)
    locale.translators[key] = corrected


class SourceForTableCells(SphinxTransform):
    """Give table cells parsed inside a directive (a solution's table) the source and line
    of their table, so that Sphinx treats their text as messages to translate."""

    default_priority = 15  # before Sphinx's Locale transform (20)

    def apply(self, **kwargs: Any) -> None:
        from docutils import nodes

        for entry in self.document.findall(nodes.entry):
            holder = entry.parent
            while holder is not None and not holder.source:
                holder = holder.parent
            if holder is None:
                continue
            for text in entry.findall(nodes.TextElement):
                if not text.source:
                    text.source, text.line = holder.source, holder.line


class TranslateTocCaptions(SphinxTransform):
    """Translate the captions of the table of contents (the parts of the sidebar), which
    sphinx-external-toc puts into the root page after Sphinx has translated it."""

    default_priority = 101  # after sphinx-external-toc's InsertToctrees (100)

    def apply(self, **kwargs: Any) -> None:
        from sphinx import addnodes
        from sphinx.locale import init as init_locale
        from sphinx.util.i18n import docname_to_domain

        code = self.config.language or SOURCE_LANGUAGE
        if code == SOURCE_LANGUAGE:
            return
        folders = [str(Path(self.env.srcdir) / d) for d in self.config.locale_dirs]
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        catalogue, found = init_locale(folders, code, domain)
        if not found:
            return
        for toctree in self.document.findall(addnodes.toctree):
            if toctree.get("caption"):
                toctree["caption"] = catalogue.gettext(toctree["caption"])


def _worksheets_in_language(app: Any, exception: Exception | None) -> None:
    """In a translated build, the printable worksheets the pages offer (copied as they are
    into ``_downloads``) are drawn again in the build's language."""
    code = app.config.language or SOURCE_LANGUAGE
    if exception is not None or code == SOURCE_LANGUAGE or app.builder.format != "html":
        return
    from jlp.i18n import language_set
    from jlp.worksheets import SHEETS, pdf_bytes

    with language_set(code):
        drawn = {name: pdf_bytes(name) for name in SHEETS}
    for path in Path(app.outdir).glob("_downloads/*/*.pdf"):
        if path.name in drawn:
            partial = path.with_suffix(".pdf.partial")
            partial.write_bytes(drawn[path.name])
            partial.replace(path)


def setup(app: Any) -> None:
    """Register the language switch (called from :func:`jlp.editions.setup`).

    ``jlp_translations`` (in ``_config.yml`` under ``sphinx.config``) lists the published
    translations the English pages link to; a translated page always links to English.
    """
    app.add_config_value("jlp_translations", [], "html", [list])
    app.connect("html-page-context", _add_switch)
    app.connect("builder-inited", _correct_theme_words)
    app.add_transform(SourceForTableCells)
    app.add_transform(TranslateTocCaptions)
    app.connect("build-finished", _worksheets_in_language)


__all__ = [
    "FRAME_SETTINGS",
    "LANGUAGES",
    "LOCALE_DIR",
    "SOURCE_LANGUAGE",
    "TEXT",
    "THEME_WORDS",
    "Language",
    "build_settings",
    "language_named",
    "other_language",
    "setup",
    "switch_html",
    "switch_target",
]
