"""jlp's own words in Spanish: one gettext catalogue (src/jlp/locale), complete, in step with
the code, and chosen at the moment a word is used."""

from __future__ import annotations

import re
import string
from collections import Counter

import pytest
from babel.messages.pofile import read_po

from jlp import i18n
from jlp.i18n import CATALOGUES, Messages, gettext, language_set, ngettext, set_language
from jlp.i18n_extract import template

PO = CATALOGUES / "es" / "LC_MESSAGES" / "jlp.po"
POT = CATALOGUES / "jlp.pot"
PLOTLY_FIELD = re.compile(r"%\{[^}]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _read(path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def spanish():
    return _read(PO)


@pytest.fixture(scope="module")
def extracted():
    return template()


def _entries(catalogue):
    return [m for m in catalogue if m.id]


def _key(message):
    return (message.context, message.id)


def _strings(message):
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strs = message.string if isinstance(message.string, tuple) else (message.string,)
    return ids, strs


def test_every_message_is_translated_and_none_is_fuzzy(spanish):
    untranslated = [m.id for m in _entries(spanish) if not all(_strings(m)[1])]
    fuzzy = [m.id for m in _entries(spanish) if m.fuzzy]
    assert not untranslated, f"translate these in {PO.name}: {untranslated}"
    assert not fuzzy, f"check and unmark these fuzzy entries in {PO.name}: {fuzzy}"


def test_the_catalogue_holds_exactly_the_strings_of_the_code(spanish, extracted):
    in_code = {_key(m) for m in _entries(extracted)}
    in_po = {_key(m) for m in _entries(spanish)}
    in_pot = {_key(m) for m in _entries(_read(POT))}
    assert in_code - in_po == set(), "strings the .po lacks: run `make messages`, then translate"
    assert in_po - in_code == set(), "strings no longer in the code: run `make messages`"
    assert in_pot == in_code, "jlp.pot is out of date: run `make messages`"


def test_every_string_carries_its_module_and_line(extracted):
    for message in _entries(extracted):
        assert message.locations, message.id
        for path, line in message.locations:
            assert path.startswith("src/jlp/") and path.endswith(".py") and line > 0


def _fields(text):
    brace = Counter(
        (name, spec, conversion)
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )
    return brace, Counter(PLOTLY_FIELD.findall(text)), Counter(TAG.findall(text))


def test_placeholders_and_markup_are_the_same_in_both_languages(spanish):
    for message in _entries(spanish):
        ids, strs = _strings(message)
        for text in strs:
            assert _fields(text) == _fields(ids[-1]), (message.id, text)


def test_a_message_dict_reads_in_the_language_of_the_moment():
    text = Messages({"fee": "Fee", "nested": {"year": "Year"}, "pair": ("Year", 3)})
    with language_set("es"):
        assert (text["fee"], text["nested"]["year"], text["pair"]) == ("Cuota", "Año", ("Año", 3))
        with language_set("en"):
            assert text.as_dict() == {"fee": "Fee", "nested": {"year": "Year"}, "pair": ("Year", 3)}
        assert text["fee"] == "Cuota"
    assert text.source()["nested"] == {"year": "Year"}


def test_switching_back_and_forth_in_one_process(monkeypatch):
    monkeypatch.delenv("JLP_LANG", raising=False)
    monkeypatch.setenv("LANG", "C")
    try:
        assert set_language("es") == "es" and gettext("Year") == "Año"
        assert set_language("en") == "en" and gettext("Year") == "Year"
        assert set_language("es") == "es" and gettext("Year") == "Año"
    finally:
        set_language(None)
    assert gettext("Year") == "Year"
    monkeypatch.setenv("JLP_LANG", "es")
    assert gettext("Year") == "Año"


def test_an_unknown_message_and_a_plural_fall_back_to_english():
    with language_set("es"):
        assert gettext("no such sentence in the catalogue") == "no such sentence in the catalogue"
        assert ngettext("{n} apple", "{n} apples", 2) == "{n} apples"


def test_the_catalogue_is_read_once_per_language():
    assert i18n.translations("es") is i18n.translations("es")
