"""The bundled tables' names and notes in Spanish (jlp.data_text): complete, in sync with the
data, applied where the course loads its tables, and never to a user's own files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from jlp import data_text, datasets
from jlp.cases import network
from jlp.i18n import language_set

DATA = datasets.data_dir()
TABLES = data_text._tables(DATA)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_text_of_the_table_has_its_translation(table):
    wanted = {text for text, _, _ in data_text.texts(TABLES[table])}
    path = data_text.catalogue_path(DATA, "es", table)
    if not wanted:  # nothing in words to translate (ratings, numbers, ids)
        assert not path.exists()
        return
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    messages = {str(m.id): m for m in catalogue if m.id}
    assert set(messages) == wanted, "run python -m jlp.data_text: the catalogue is stale"
    untranslated = sorted(t for t, m in messages.items() if not m.string or m.fuzzy)
    assert untranslated == [], f"{len(untranslated)} to translate, e.g. {untranslated[:3]}"


def test_a_spanish_load_translates_words_and_keeps_keys():
    english = datasets.load("emasim_nodes")
    with language_set("es"):
        spanish = datasets.load("emasim_nodes")
    for column in ("id", "kind", "provenance", "reference"):
        assert spanish[column].equals(english[column])
    notes = english["note"].dropna()
    assert (spanish.loc[notes.index, "note"] != notes).mean() > 0.9
    again = datasets.load("emasim_nodes")
    assert again.equals(english)  # the cache keeps the English table


def test_a_spanish_network_names_its_actors_in_spanish():
    with language_set("es"):
        spanish = network("honduras_certec")
    english = network("honduras_certec")
    assert set(spanish.nodes) == set(english.nodes)
    assert spanish.nodes["members"]["label"] != english.nodes["members"]["label"]


def test_a_users_own_tables_are_never_translated(tmp_path: Path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("locale"))
    shutil.copytree(DATA / "locale", copy / "locale")  # even with the catalogues beside them
    with language_set("es"):
        own = datasets.load("emasim_nodes", directory=copy)
    assert own["note"].equals(datasets.load("emasim_nodes", directory=copy)["note"])
