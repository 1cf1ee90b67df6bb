"""Checks shared by the modules of :mod:`jlp.scale`: numbers, quantities and tables.

Every check raises :class:`~jlp.errors.JlpInputError` naming the parameter (as the
``column``) or the file, row and column, with a fix. Internal: the public functions of
:mod:`jlp.scale` call these.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from numbers import Real
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jlp.errors import JlpInputError, Problem
from jlp.files.cells import AmbiguousNumber, parse_number
from jlp.i18n import Messages
from jlp.text import closest

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "not_number": "{value!r} is not a number",
        "below": "{value:g} is below {minimum:g}",
        "not_above": "{value:g} must be above {minimum:g}",
        "number_fix": "write a number {limit}, with a dot for decimals and no thousands separator",
        "at_least": "of at least {minimum:g}",
        "above": "above {minimum:g}",
        "not_whole": "{value!r} is not a whole number",
        "whole_fix": "write a whole number of at least {minimum}",
        "missing_column": "the table has no column '{column}'",
        "missing_fix": "add a column '{column}' ({what})",
        "not_table": "{kind} is not a table",
        "table_fix": "give a pandas DataFrame or the path of a CSV or XLSX file",
        "empty_cell": "is empty",
        "unknown": "{value!r} is not one of the {what}",
        "did_you_mean": "did you mean {close}? The {what} are: {choices}",
        "choose_from": "use one of the {what}: {choices}",
    }
)


def number(
    value: Any, name: str, *, minimum: float = 0.0, above: bool = False, fix: str | None = None
) -> float:
    """A finite float, at least ``minimum`` (strictly above it if ``above``).

    >>> number("2.5", "price"), number(3, "price")
    (2.5, 3.0)
    >>> number(-1, "fixed")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'fixed': -1 is below 0 (fix: write a number of at least 0...)
    """
    limit = TEXT["above" if above else "at_least"].format(minimum=minimum)
    fix = fix or TEXT["number_fix"].format(limit=limit)
    parsed = _float(value, name)
    if parsed is None:
        raise JlpInputError(TEXT["not_number"].format(value=value), column=name, fix=fix)
    if parsed < minimum or (above and parsed == minimum):
        key = "not_above" if above else "below"
        raise JlpInputError(TEXT[key].format(value=parsed, minimum=minimum), column=name, fix=fix)
    return parsed


def whole(value: Any, name: str, *, minimum: int = 0) -> int:
    """A whole number of at least ``minimum`` (``4.0`` is accepted as 4).

    >>> whole(4.0, "size")
    4
    """
    fix = TEXT["whole_fix"].format(minimum=minimum)
    parsed = _float(value, name)
    if parsed is None or parsed != int(parsed):
        raise JlpInputError(TEXT["not_whole"].format(value=value), column=name, fix=fix)
    if parsed < minimum:
        raise JlpInputError(
            TEXT["below"].format(value=parsed, minimum=minimum), column=name, fix=fix
        )
    return int(parsed)


def quantities(value: Any, name: str, fix: str) -> float | np.ndarray:
    """Quantities (a number or an array) checked finite and at least 0; floats out."""
    if np.ndim(value) == 0:
        return number(value, name, fix=fix)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise JlpInputError(TEXT["not_number"].format(value=value), column=name, fix=fix) from None
    bad = ~np.isfinite(array) | (array < 0)
    if bad.any():
        first = array[bad][0]
        message = (
            TEXT["below"].format(value=first, minimum=0)
            if np.isfinite(first)
            else TEXT["not_number"].format(value=first)
        )
        raise JlpInputError(message, column=name, fix=fix)
    return array


def _float(value: Any, column: str | None = None) -> float | None:
    """A number by the one rule of :func:`jlp.files.parse_number`; an ambiguous ``4.000``
    raises, saying how to write it."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, np.number) and not isinstance(value, np.bool_):
        value = float(value)
    if not isinstance(value, str | Real) or isinstance(value, bool | np.bool_):
        return None
    try:
        return parse_number(value)
    except AmbiguousNumber as err:
        raise JlpInputError(str(err), column=column, fix=err.fix) from None


def suggest(value: str, choices: Sequence[str], what: str, column: str) -> JlpInputError:
    """An error for an unknown name, suggesting the closest of ``choices``."""
    near = closest(value, choices, cutoff=0.6)
    close = [near] if near else []
    shown = ", ".join(choices) if len(choices) <= 12 else ", ".join([*choices[:12], "…"])
    fix = (
        TEXT["did_you_mean"].format(
            close=" or ".join(repr(c) for c in close), what=what, choices=shown
        )
        if close
        else TEXT["choose_from"].format(what=what, choices=shown)
    )
    return JlpInputError(TEXT["unknown"].format(value=value, what=what), column=column, fix=fix)


def table(source: Any, kind: str) -> tuple[pd.DataFrame, str | None, list[int]]:
    """A DataFrame, the file it came from (or None) and each record's spreadsheet row.

    A path is read with :func:`jlp.files.read.read_records` (CSV with any separator and
    with or without Excel's BOM, or XLSX), the reader of every file jlp takes. A
    DataFrame's rows count from 2 (row 1 is the header) unless it carries a ``row``
    column, as read_records gives.
    """
    if isinstance(source, str | Path):
        from jlp.files.read import read_records

        frame = read_records(source)
        file: str | None = str(source)
    elif isinstance(source, pd.DataFrame):
        frame, file = source, None
    else:
        raise JlpInputError(
            TEXT["not_table"].format(kind=type(source).__name__), column=kind, fix=TEXT["table_fix"]
        )
    if "row" in frame.columns:
        rows = [int(r) for r in frame["row"]]
        frame = frame.drop(columns="row")
    else:
        rows = list(range(2, len(frame) + 2))
    frame = frame.rename(columns=lambda c: str(c).strip().lower())
    return frame.reset_index(drop=True), file, rows


def require(frame: pd.DataFrame, columns: Mapping[str, str], file: str | None) -> None:
    """Raise one problem per missing column; ``columns`` maps a name to what it holds."""
    problems = [
        Problem(
            TEXT["missing_column"].format(column=c),
            file,
            1,
            c,
            TEXT["missing_fix"].format(column=c, what=what),
        )
        for c, what in columns.items()
        if c not in frame.columns
    ]
    if problems:
        raise JlpInputError(problems=problems)


def numeric_column(
    frame: pd.DataFrame,
    column: str,
    rows: list[int],
    file: str | None,
    problems: list[Problem],
    *,
    minimum: float = 0.0,
    above: bool = False,
    fix: str,
) -> list[float | None]:
    """The column as floats (None where a problem was recorded in ``problems``)."""
    values: list[float | None] = []
    for row, raw in zip(rows, frame[column].tolist(), strict=True):
        blank = (
            raw is None
            or (isinstance(raw, float) and math.isnan(raw))
            or (isinstance(raw, str) and not raw.strip())
            or raw is pd.NA
        )
        try:
            parsed = None if blank else _float(raw, column)
        except JlpInputError as err:
            problems.append(replace(err.problems[0], file=file, row=row))
            values.append(None)
            continue
        if blank:
            problems.append(Problem(TEXT["empty_cell"], file, row, column, fix))
        elif parsed is None:
            problems.append(Problem(TEXT["not_number"].format(value=raw), file, row, column, fix))
        elif parsed < minimum or (above and parsed == minimum):
            key = "not_above" if above else "below"
            problems.append(
                Problem(TEXT[key].format(value=parsed, minimum=minimum), file, row, column, fix)
            )
            parsed = None
        values.append(parsed)
    return values


def text_column(
    frame: pd.DataFrame, column: str, default: Iterable[str] | None = None
) -> list[str]:
    """The column as stripped strings ('' for a blank), or ``default`` if it is absent."""
    if column not in frame.columns:
        return list(default) if default is not None else [""] * len(frame)
    out = []
    for raw in frame[column].tolist():
        missing = raw is None or raw is pd.NA or (isinstance(raw, float) and math.isnan(raw))
        out.append("" if missing else str(raw).strip())
    return out
