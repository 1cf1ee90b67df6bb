"""The Spanish site's frame (title, author, the theme's words) is in Spanish."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from jlp.editions import language


def test_the_spanish_build_has_a_spanish_title_and_author():
    settings = language.build_settings("es", Path("/course"))
    assert settings["html_title"] == "Aprendizaje conjunto para articuladores de redes"
    assert settings["author"].startswith("los colaboradores de jlp")
    assert "html_title" not in language.build_settings("en", Path("/course"))


@pytest.fixture
def theme_catalogue():
    from sphinx import locale

    key = ("general", language.THEME_CATALOGUE)
    before = locale.translators.get(key)
    theme_dir = Path(__import__("sphinx_book_theme").__file__).parent
    locale.translators.pop(key, None)
    locale.init(
        [str(theme_dir / "theme" / "sphinx_book_theme" / "static" / "locales")],
        "es",
        language.THEME_CATALOGUE,
    )
    yield key
    if before is None:
        locale.translators.pop(key, None)
    else:
        locale.translators[key] = before


def test_the_themes_misspelt_words_are_corrected_and_the_rest_kept(theme_catalogue):
    from sphinx.locale import get_translation

    translate = get_translation(language.THEME_CATALOGUE)
    theirs = translate("Download source file")
    language._correct_theme_words(SimpleNamespace(config=SimpleNamespace(language="es")))
    assert translate("Download this page") == "Descargar esta página"
    assert translate("Download source file") == theirs != "Download source file"
    language._correct_theme_words(SimpleNamespace(config=SimpleNamespace(language="en")))
    assert translate("Download this page") == "Descargar esta página"  # "en" adds nothing
