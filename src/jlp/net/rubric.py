"""The NET matrix: 7 development indicators × 6 development stages (Box 2).

Ceglie & Dini (1999, Box 2) name the indicators and the stages of the Network Evaluation
Tool (NET); they do not publish the text of its 42 cells. The bundled rubric
(``datasets/net_rubric.csv``) is *our operationalisation* of NET: the slugs and labels of
the indicators and stages are ``reported`` (Box 2), the result each cell asks for is
``illustrative`` (written for this course from the paper's Methodology section). A broker
institution can replace the cell texts with its own file of the same shape.

The bundled rubric's English text is the source of its Spanish: like every bundled table's
words, its labels, results and evidence have their translation in the table's own catalogue
(``datasets/locale/es/LC_MESSAGES/net_rubric.po``, :mod:`jlp.data_text`), and the functions
below give them in the current language. The slugs never change.

>>> INDICATORS[0], STAGES[-1]
('group_cohesion', 'self_management')
>>> len(CELLS)
42
>>> cell_text("economic_changes", "pilot_projects")[:30]
'The pilot project shows a gain'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from jlp.errors import JlpInputError
from jlp.i18n import Messages, language
from jlp.text import closest as _closest
from jlp.text import did_you_mean
from jlp.vocabulary import CELLS, INDICATORS, STAGES

# The NET words live in jlp.vocabulary (dependency-free); re-exported here.
#: Columns of a rubric table.
RUBRIC_COLUMNS = ("indicator", "indicator_label", "stage", "stage_label", "result", "evidence")


#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "lacks": "the rubric lacks the column(s) {columns}",
        "lacks_fix": "a rubric has the columns {columns}",
        "cells": "the rubric must hold each of the 42 indicator × stage cells exactly once",
        "cells_missing": "the rubric must hold each of the 42 indicator × stage cells exactly "
        "once; missing {indicator} × {stage}",
        "cells_fix": "keep one row for each of the 42 cells (7 indicators × 6 stages), with the "
        "indicator and stage names of the course's rubric, datasets/net_rubric.csv",
        "not_slug": "'{value}' is not a NET {column}",
    }
)


def _check_rubric(table: pd.DataFrame, file: str) -> pd.DataFrame:
    missing = [c for c in RUBRIC_COLUMNS if c not in table.columns]
    if missing:
        raise JlpInputError(
            TEXT["lacks"].format(columns=", ".join(missing)),
            file=file,
            row=1,
            fix=TEXT["lacks_fix"].format(columns=", ".join(RUBRIC_COLUMNS)),
        )
    cells = list(zip(table["indicator"], table["stage"], strict=True))
    if sorted(cells) != sorted(CELLS):
        absent = sorted(set(CELLS) - set(cells))
        raise JlpInputError(
            TEXT["cells_missing"].format(indicator=absent[0][0], stage=absent[0][1])
            if absent
            else TEXT["cells"],
            file=file,
            fix=TEXT["cells_fix"],
        )
    order = {cell: n for n, cell in enumerate(CELLS)}
    table = table.assign(_order=[order[c] for c in cells]).sort_values("_order")
    return table.drop(columns="_order").reset_index(drop=True)


def _table(path: str | None) -> pd.DataFrame:
    """The rubric (a file's own text as it is; the bundled one in the current language)."""
    return _bundled(language()) if path is None else _load(path)


@lru_cache(maxsize=2)
def _bundled(code: str) -> pd.DataFrame:
    """The bundled rubric in language ``code``, the one in use: :func:`jlp.datasets.load`
    gives a bundled table's words in it."""
    from jlp.datasets import load

    return _check_rubric(load("net_rubric"), "net_rubric.csv")


@lru_cache(maxsize=4)
def _load(path: str) -> pd.DataFrame:
    from jlp.files.read import read_table

    table = read_table(Path(path), expected=RUBRIC_COLUMNS)
    return _check_rubric(table.apply(lambda column: column.str.strip()), str(path))


def rubric(path: str | Path | None = None) -> pd.DataFrame:
    """The rubric: one row per cell, in matrix order (indicator-major).

    ``path`` names a CSV or XLSX rubric of your own (same columns, e.g. cell texts in
    Spanish); by default the bundled, illustrative one.

    >>> r = rubric()
    >>> r.shape[0], r.loc[0, "indicator"], r.loc[0, "stage"]
    (42, 'group_cohesion', 'promotion_motivation')
    >>> sorted(set(r["provenance"]))
    ['illustrative']
    """
    return _table(None if path is None else str(path)).copy()


def indicator_labels(path: str | Path | None = None) -> dict[str, str]:
    """Indicator slug → label.

    >>> indicator_labels()["problem_analysis"]
    'Capacity of problem analysis'
    """
    table = _table(None if path is None else str(path))
    return dict(zip(table["indicator"], table["indicator_label"], strict=True))


def stage_labels(path: str | Path | None = None) -> dict[str, str]:
    """Stage slug → label.

    >>> stage_labels()["self_management"]
    'Self-management'
    """
    table = _table(None if path is None else str(path))
    return dict(zip(table["stage"], table["stage_label"], strict=True))


def cell_text(indicator: str, stage: str, path: str | Path | None = None) -> str:
    """The result the rubric asks for at one cell.

    >>> cell_text("group_organisation", "self_management").startswith("The group pays")
    True
    """
    check_slug(indicator, INDICATORS, "indicator")
    check_slug(stage, STAGES, "stage")
    table = _table(None if path is None else str(path))
    return str(table.iloc[CELLS.index((indicator, stage))]["result"])


def closest(value: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The choice closest to ``value`` (difflib, ignoring case, spaces and hyphens), or
    ``None`` when nothing is close.

    >>> closest("group_cohesin", INDICATORS)
    'group_cohesion'
    >>> closest("Pilot projects", STAGES)
    'pilot_projects'
    >>> closest("emasim", ["EMASIM", "EcoHamaca"])
    'EMASIM'
    """
    return _closest(value, choices)


def check_slug(value: str, choices: tuple[str, ...], column: str) -> str:
    """Return ``value`` if it is one of ``choices``; else raise with the closest suggestion.

    >>> check_slug("decision", STAGES, "stage")
    'decision'
    """
    if value in choices:
        return value
    raise JlpInputError(
        TEXT["not_slug"].format(value=value, column=column),
        column=column,
        fix=did_you_mean(value, choices),
    )


__all__ = [
    "CELLS",
    "INDICATORS",
    "STAGES",
    "cell_text",
    "check_slug",
    "closest",
    "indicator_labels",
    "rubric",
    "stage_labels",
]
