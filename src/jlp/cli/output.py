"""The one table writer of the ``jlp`` command: text, CSV or JSON, for every command.

``--format table`` (for reading) prints aligned columns, numbers to the right, a dash for
a missing value; ``csv`` and ``json`` are for a spreadsheet or a program. Whatever a file
held, nothing reaches the terminal as a control sequence: control characters in names and
values are shown as visible escapes (``\\x1b``) in the table, and in CSV written to a
terminal; CSV cells that a spreadsheet would run as a formula are neutralised
(:func:`jlp.files.csv_text`). JSON never holds ``NaN`` or ``Infinity`` (a missing or
non-finite number is ``null``), and C1 control characters are escaped there too.

>>> import pandas as pd
>>> frame = pd.DataFrame({"name": ["A\\x1b[2J", "B"], "score": [0.5, float("nan")]})
>>> write_table(frame, Format.table)
name      score
A\\x1b[2J  0.500
B             —
>>> write_table(frame, Format.json)
[
  {
    "name": "A\\u001b[2J",
    "score": 0.5
  },
  {
    "name": "B",
    "score": null
  }
]
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

from jlp.i18n import N_, SOURCE_LANGUAGE, format_number, language
from jlp.text import printable

if TYPE_CHECKING:  # pandas is imported only by the commands that print a table
    import pandas as pd

#: Help texts of this module (English; the command translates them, see
#: :func:`jlp.cli.language.localise`).
TEXT = {
    "format": N_(
        "Output format: table (for reading), csv or json (for a spreadsheet or a program)."
    ),
}
#: How the table shows a missing value (in every language).
MISSING = "—"


class Format(StrEnum):
    """Output formats of every command that prints a table."""

    table = "table"
    csv = "csv"
    json = "json"


#: Controls that ``json.dumps`` leaves as they are (it escapes C0 itself): DEL, C1, and
#: the invisible characters that reorder or hide text.
_UNESCAPED_BY_JSON = re.compile("[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def terminal_safe(text: object) -> str:
    """``text`` with every control or invisible character shown as a visible escape
    (:func:`jlp.text.printable`, the one escaping function of jlp's messages).

    >>> terminal_safe("ok\\x1b]52;c;ZWNobw==\\x07")
    'ok\\\\x1b]52;c;ZWNobw==\\\\x07'
    >>> terminal_safe("Peña")
    'Peña'
    """
    return printable(text)


def _json_value(value: Any) -> Any:
    """A JSON-ready value: numpy scalars as Python, missing and non-finite numbers as None."""
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    pd = sys.modules.get("pandas")  # pandas' missing values exist only once it is loaded
    if pd is not None:
        try:
            if pd.isna(value):
                return None
        except (TypeError, ValueError):
            pass
    return value


def json_text(records: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> str:
    """Strict JSON (no NaN or Infinity), C1 control characters escaped.

    >>> json_text([{"a": float("inf"), "b": "x"}])
    '[\\n  {\\n    "a": null,\\n    "b": "x"\\n  }\\n]'
    """
    if isinstance(records, Mapping):
        clean: Any = {k: _json_value(v) for k, v in records.items()}
    else:
        clean = [{k: _json_value(v) for k, v in row.items()} for row in records]
    text = json.dumps(clean, ensure_ascii=False, indent=2, allow_nan=False)
    # json.dumps escapes C0 controls itself; the others would reach a terminal raw
    return _UNESCAPED_BY_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def default_cell(value: Any, decimals: int = 3) -> str:
    """How the table shows one value: a dash when missing, floats to ``decimals`` places.

    >>> default_cell(float("nan")), default_cell(2.0), default_cell(7), default_cell("x")
    ('—', '2.000', '7', 'x')
    """
    value = _json_value(value)
    if value is None:
        return MISSING
    if isinstance(value, float):
        return local_number(value, decimals)
    return str(value)


def local_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Column headers for the table format: in English the table keeps the file's own
    column names (the names CSV and JSON carry), in another language ``headers`` (column
    name → header in that language).

    >>> from jlp.i18n import language_set
    >>> with language_set("en"):
    ...     local_headers({"rows": "Filas"})
    {}
    >>> with language_set("es"):
    ...     local_headers({"rows": "Filas"})
    {'rows': 'Filas'}
    """
    if language() == SOURCE_LANGUAGE:
        return {}
    return dict(headers)


def local_number(value: float, decimals: int) -> str:
    """A number for the table format: as before in English (``1234.500``), the language's
    way in another (``1.234,500`` in Spanish).

    >>> from jlp.i18n import language_set
    >>> with language_set("es"):
    ...     local_number(0.25, 3)
    '0,250'
    """
    if language() == SOURCE_LANGUAGE:
        return f"{value:.{decimals}f}"
    return format_number(value, decimals=decimals)


def aligned(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool] | None = None
) -> str:
    """Rows of text cells as aligned columns (``right`` marks right-aligned columns).

    >>> print(aligned(["a", "bb"], [["x", "1"], ["yyy", "22"]], right=[False, True]))
    a    bb
    x     1
    yyy  22
    """
    right = list(right) if right is not None else [False] * len(headers)
    cells = [[terminal_safe(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(row, widths, right, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def write_table(
    frame: pd.DataFrame | Mapping[str, Sequence[Any]],
    fmt: Format | str = Format.table,
    *,
    headers: Mapping[str, str] | None = None,
    cells: Mapping[str, Callable[[Any], str]] | None = None,
    decimals: int = 3,
    note: str = "",
    out: IO[str] | None = None,
) -> None:
    """Print ``frame`` as a table, CSV or JSON (the one writer every command uses).

    ``frame`` is a DataFrame or plain columns ``{name: values}`` (no pandas needed).
    For the table only: ``headers`` renames columns, ``cells`` formats a column's values
    (default :func:`default_cell`), ``note`` follows the table. CSV and JSON hold the
    frame's own columns and values.

    >>> write_table({"id": ["a", "b"], "degree": [2, None]})
    id  degree
    a        2
    b        —
    """
    out = out if out is not None else sys.stdout
    fmt = Format(fmt)
    plain = isinstance(frame, Mapping)
    if fmt is Format.csv:
        from jlp.files import csv_text  # formulas neutralised

        text = csv_text(frame)
        if out.isatty():  # the data stay as they are in a pipe or a file
            text = "\n".join(terminal_safe(line) for line in text.split("\n"))
        out.write(text)
        return
    columns = list(frame) if plain else list(frame.columns)
    if plain:
        rows = list(zip(*frame.values(), strict=True))
    else:
        rows = list(frame.itertuples(index=False, name=None))
    if fmt is Format.json:
        out.write(json_text([dict(zip(columns, row, strict=True)) for row in rows]) + "\n")
        return
    headers, cells = headers or {}, cells or {}
    if plain:
        right = [
            any(_is_number(v) for v in values) and all(v is None or _is_number(v) for v in values)
            for values in frame.values()
        ]
    else:
        right = [frame[c].dtype.kind in "iuf" for c in columns]
    shown = [
        [
            cells[c](v) if c in cells else default_cell(v, decimals)
            for c, v in zip(columns, row, strict=True)
        ]
        for row in rows
    ]
    out.write(aligned([headers.get(c, str(c)) for c in columns], shown, right) + "\n")
    if note:
        out.write(terminal_safe(note) + "\n")


__all__ = [
    "MISSING",
    "TEXT",
    "Format",
    "aligned",
    "default_cell",
    "json_text",
    "local_headers",
    "local_number",
    "terminal_safe",
    "write_table",
]
