"""The bundled tables' words in the reader's language: names, labels and notes.

The data package is written in English. Its prose fields (:data:`FIELDS`: a node's label
and full name, a note, a figure's label…) have a Spanish translation in one gettext
catalogue per table, kept beside the data (``datasets/locale/es/LC_MESSAGES/<table>.po``).
:func:`jlp.datasets.load` and :func:`jlp.cases.network` put the bundled tables through
:func:`translated`; ids, slugs, codes, numbers and the sources cited never change, nor does
anything read from a user's own files.

``python -m jlp.data_text`` brings the catalogues up to date with the tables (``make
messages`` runs it); ``python -m jlp.data_text --check`` lists what is left to translate.

>>> import pandas as pd
>>> table = pd.DataFrame({"id": ["a"], "note": ["Took part in INFOP's course."]})
>>> translated(table, "emasim_edges", language="en").equals(table)
True
"""

from __future__ import annotations

import argparse
import csv
import gettext
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from jlp import i18n
from jlp.i18n import SOURCE_LANGUAGE, language

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

#: The fields whose words a reader sees and that no code uses as a key.
FIELDS: tuple[str, ...] = (
    "label",
    "full_name",
    "note",
    "subject_label",
    "metric_label",
    "moment_label",
    "network_label",
    "start_label",
    "project",
    "period",
    # the NET rubric's (net_rubric)
    "indicator_label",
    "stage_label",
    "result",
    "evidence",
)
LOCALE = "locale"
LANGUAGES: tuple[str, ...] = ("es",)


def _data_dir() -> Path:
    from jlp.datasets import data_dir

    return data_dir()


def _tables(directory: Path) -> dict[str, Path]:
    import json

    package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    return {
        r["name"]: directory / r["path"]
        for r in package["resources"]
        if str(r.get("path", "")).endswith(".csv")
    }


def texts(path: Path) -> list[tuple[str, int, str]]:
    """The words to translate in one CSV table: (text, row, field), in file order."""
    found: list[tuple[str, int, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=2):
            for field in FIELDS:
                value = (row.get(field) or "").strip()
                if value and any(ch.isalpha() for ch in value):
                    found.append((value, row_number, field))
    return found


def catalogue_path(directory: Path, code: str, table: str) -> Path:
    return directory / LOCALE / code / "LC_MESSAGES" / f"{table}.po"


def _catalogue(table: str, code: str) -> gettext.NullTranslations:
    """A bundled table's catalogue in language ``code`` (read once: :func:`jlp.i18n.catalogue`)."""
    return i18n.catalogue(catalogue_path(_data_dir(), code, table), code)


def _translated_ids(path: Path) -> set[str]:
    """The texts that have a translation in the catalogue ``path`` (none when it is absent)."""
    if not path.exists():
        return set()
    with path.open("rb") as handle:
        found = read_po(handle)
    return {str(m.id) for m in found if m.id and m.string and not m.fuzzy}


def _bundled(directory: Path | None) -> bool:
    import os

    return directory is None and not os.environ.get("JLP_DATA_DIR")


def word(text: str, table: str, *, language: str | None = None) -> str:
    """One text of a bundled table in ``language`` (the current one by default)."""
    code = language or _language()
    key = text.strip() if isinstance(text, str) else ""
    if code == SOURCE_LANGUAGE or not key:  # gettext("") is a catalogue's header, never a word
        return text
    spoken = _catalogue(table, code).gettext(key)
    return text if spoken is key else spoken  # gettext gives back its argument when untranslated


def _language() -> str:
    return language()


def translated(
    frame: pd.DataFrame, table: str, *, language: str | None = None, directory: Path | None = None
) -> pd.DataFrame:
    """``frame`` (a bundled table) with its prose fields in ``language``; a copy."""
    code = language or _language()
    if code == SOURCE_LANGUAGE or not _bundled(directory):
        return frame
    frame = frame.copy()
    for field in FIELDS:
        if field in frame.columns:
            frame[field] = frame[field].map(lambda v: word(v, table, language=code))
    return frame


def translate_graph(graph: nx.Graph, name: str, *, language: str | None = None) -> nx.Graph:
    """The bundled network ``name``'s node and tie words in ``language``, in place."""
    code = language or _language()
    if code == SOURCE_LANGUAGE:
        return graph
    for _, data in graph.nodes(data=True):
        _translate_attributes(data, f"{name}_nodes", code)
    for *_, data in graph.edges(data=True):
        _translate_attributes(data, f"{name}_edges", code)
    return graph


def _translate_attributes(data: dict[str, Any], table: str, code: str) -> None:
    for field in FIELDS:
        if isinstance(data.get(field), str):
            data[field] = word(data[field], table, language=code)


def update(directory: Path | None = None) -> dict[str, int]:
    """Bring every table's catalogue up to date; how many messages each still lacks."""
    directory = directory or _data_dir()
    left: dict[str, int] = {}
    for table, path in _tables(directory).items():
        found = texts(path)
        for code in LANGUAGES:
            target = catalogue_path(directory, code, table)
            old, dates = {}, {}
            if target.exists():
                with target.open("rb") as handle:
                    before = read_po(handle)
                old = {str(m.id): m for m in before if m.id}
                # the same words give the same file: no date changes when nothing else does
                dates = {
                    "creation_date": before.creation_date,
                    "revision_date": before.revision_date,
                }
            catalogue = Catalog(
                locale=code,
                project="jlp data",
                domain=table,
                copyright_holder="jlp contributors",
                **dates,
            )
            for text, row, field in found:
                previous = old.get(text)
                location = (f"{path.name}:{field}", row)
                if text in catalogue:
                    catalogue[text].locations.append(location)
                    continue
                catalogue.add(
                    text,
                    previous.string if previous else "",
                    locations=[location],
                    flags=previous.flags if previous else (),
                )
            if not len(catalogue):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".po.partial")
            with partial.open("wb") as handle:
                write_po(handle, catalogue, width=76, omit_header=False, sort_output=False)
            partial.replace(target)
            left[table] = sum(1 for m in catalogue if m.id and not m.string)
    i18n.catalogue.cache_clear()
    return left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jlp.data_text", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="only list what is untranslated")
    args = parser.parse_args(argv)
    if args.check:
        directory = _data_dir()
        left = {}
        for table, source in _tables(directory).items():
            wanted = {t for t, _, _ in texts(source)}
            for code in LANGUAGES:
                path = catalogue_path(directory, code, table)
                missing = len(wanted - _translated_ids(path))
                if missing or not path.exists():
                    left[table] = missing
    else:
        left = update()
    for table, count in sorted(left.items()):
        if count:
            print(f"{table}: {count} to translate")
    total = sum(left.values())
    print(
        f"{total} messages of the data to translate"
        if total
        else "The data's words are all translated."
    )
    return 1 if args.check and total else 0


if __name__ == "__main__":
    sys.exit(main())
