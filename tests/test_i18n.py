"""Which language jlp speaks (jlp.i18n) and how the book is built in Spanish (language.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jlp import i18n
from jlp.editions.build import build_plan
from jlp.editions.language import build_settings, switch_html, switch_target


@pytest.fixture(autouse=True)
def _clean_language(monkeypatch):
    for variable in ("JLP_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "JLP_NUMBER_LOCALE"):
        monkeypatch.delenv(variable, raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language(None)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "es_HN.UTF-8"}, "es"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "es-419", "LANG": "en_US.UTF-8"}, "es"),
        ({"JLP_LANG": "es", "LANG": "en_US.UTF-8"}, "es"),
        ({"JLP_LANG": "fr", "LANG": "es_ES.UTF-8"}, "en"),  # an explicit choice wins
    ],
)
def test_the_language_comes_from_the_environment(monkeypatch, environ, expected):
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    assert i18n.language() == expected


def test_a_call_in_a_notebook_wins_and_can_be_undone(monkeypatch):
    monkeypatch.setenv("JLP_LANG", "en")
    assert i18n.set_language("es_NI") == "es"
    assert i18n.format_money(4500) == "US$\u00a04.500"
    assert i18n.set_language(None) == "en"
    with pytest.raises(ValueError, match="not 'fr'"):
        i18n.set_language("fr")


def test_numbers_follow_a_programme_s_own_locale(monkeypatch):
    monkeypatch.setenv("JLP_NUMBER_LOCALE", "es_HN")
    with i18n.language_set("es"):
        assert i18n.format_number(4000.5, decimals=1) == "4,000.5"
        assert i18n.format_percent(0.2) == "20\u00a0%"


def test_percent_and_money_never_break_before_the_sign():
    for code in i18n.LANGUAGES:
        with i18n.language_set(code):
            assert "\u00a0%" in i18n.format_percent(0.45)
            assert i18n.format_money(1).startswith("US$\u00a0")


def test_a_spanish_build_has_its_own_folder_cache_catalogues_and_kernel_language():
    plan = build_plan("learner", root=Path("/course"), language="es")
    assert plan.output == Path("/course/_build/es/html")
    assert plan.overrides["language"] == "es"
    assert plan.overrides["locale_dirs"] == ["/course/locales"]
    assert plan.environ == {"JLP_LANG": "es"}
    english = build_plan("learner", root=Path("/course"))
    assert english.environ == {} and "language" not in english.overrides
    assert english.overrides["nb_execution_cache_path"] != plan.overrides["nb_execution_cache_path"]
    assert build_settings("en", Path("/course")) == {}


def test_the_gettext_build_runs_no_notebook():
    plan = build_plan("learner", root=Path("/course"), builder="gettext")
    assert plan.output == Path("/course/_build/gettext/messages")
    assert plan.overrides["nb_execution_mode"] == "off"


@pytest.mark.parametrize("page", ["index", "book/index", "notebooks/emasim", "a/b/c"])
def test_the_switch_leads_to_the_same_page_and_back(page):
    there = switch_target(page, "en")
    back = switch_target(page, "es")
    # resolve both relative to the page's own folder in each site (es/ inside the English one)
    english_page = Path("/site") / f"{page}.html"
    spanish_page = Path("/site/es") / f"{page}.html"
    assert (english_page.parent / there).resolve() == spanish_page
    assert (spanish_page.parent / back).resolve() == english_page


def test_the_switch_is_one_escaped_link_in_the_other_language():
    html = switch_html('x"><script>alert(1)</script>', "es")
    assert "<script>" not in html and 'lang="en"' in html and "In English" in html
