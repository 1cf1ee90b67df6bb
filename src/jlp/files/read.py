"""Reading the tables people make: one reader for every CSV and XLSX file jlp takes in.

:func:`read_table` gives a table of text, exactly as the spreadsheet shows it, with each
row's spreadsheet number as the index (the header is row 1). Every reader of jlp (NET
assessments, rubrics, network tables, pools and prices) builds on it, so every file gets
the same care:

* **CSV** must be UTF-8 (the byte-order mark Excel writes is fine). Commas, semicolons
  (Excel's choice in Spanish locales) or tabs separate the cells: the first lines decide.
  A row with more cells than the header, an unclosed quotation mark, a column name used
  twice, data under a nameless column and a control character inside a cell are refused,
  each with its row.
* **XLSX** workbooks: the values a spreadsheet shows. A formula whose value was never
  saved (a workbook written by a script) and a cell showing an error (``#DIV/0!``) are
  refused, naming the cells.
* Every text is put in Unicode's composed form (``é`` typed either way is one letter);
  a cell that jlp wrote with a protective ``'`` before ``= + - @`` gets it taken off.
* With ``expected`` columns, title rows above the header are recognised and named.

>>> read_table(b"Network;Date\\nLeo\\xcc\\x81n;'=1+1\\n", name="a.csv").to_dict("records")
[{'network': 'León', 'date': '=1+1'}]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jlp.errors import JlpInputError, Problem, row_span
from jlp.files.write import FORMULA_STARTS
from jlp.i18n import Messages
from jlp.text import nfc

if TYPE_CHECKING:  # pandas is loaded only where a DataFrame is asked for
    import pandas as pd

#: Suffixes read as Excel workbooks.
XLSX_SUFFIXES = (".xlsx", ".xlsm")

#: Suffixes read as text tables.
CSV_SUFFIXES = (".csv", ".txt", ".tsv", "")

#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "save_utf8": 'save it from your spreadsheet as "CSV UTF-8" (Excel: File › Save as › '
        '"CSV UTF-8 (Comma delimited)"; LibreOffice: Character set "Unicode (UTF-8)")',
        "not_utf8": "the file is not UTF-8 text (byte 0x{byte:02x} cannot be read)",
        "empty": "the file is empty",
        "empty_fix": "write a header row, then one row per record",
        "missing": "file not found",
        "missing_fix": "check the path and the file name",
        "folder": "this is a folder, not a file",
        "unreadable": "jlp cannot read this file ({reason})",
        "unreadable_fix": "check that the file is yours to read, or copy it somewhere else",
        "suffix": "cannot read '{suffix}' files",
        "suffix_fix": "save the table as CSV (UTF-8) or as an Excel .xlsx workbook",
        "no_sheet": "the workbook has no sheet named '{sheet}' (it has: {found})",
        "no_sheet_fix": "rename the sheet that holds the table to '{sheet}'",
        "bad_xlsx": "this is not a readable .xlsx workbook",
        "bad_xlsx_fix": "open it in your spreadsheet and save it again as .xlsx or as CSV UTF-8",
        "old_xls": "old .xls workbooks cannot be read",
        "old_xls_fix": "save it as .xlsx or as CSV UTF-8",
        "ragged": "this row has {n} cells but the header has {m}",
        "ragged_fix": "put cells that contain the separator ('{sep}') in double quotes, "
        "or remove the extra cells",
        "no_columns": "the file has no header row",
        "no_columns_fix": "write the column names in the first row",
        "no_header": "a column has data but no name in the header",
        "no_header_fix": "write a column name in the header row",
        "twice": "the column '{column}' appears twice in the header (columns {where})",
        "twice_fix": "keep one column of each name",
        "unclosed": "a quotation mark opened on this row is never closed",
        "unclosed_fix": 'close the quotation mark ("), or remove it',
        "control": "'{value}' is not plain text",
        "control_fix": "type the cell again; it may have been pasted from a terminal or a PDF",
        "title_rows": "row {row} has '{seen}' where the header ({expected}) was expected",
        "title_rows_fix": "delete the title rows above the header ({rows})",
        "formula": "sheet '{sheet}', {cells}: {what} with no saved value",
        "formula_one": "a formula",
        "formula_many": "formulas",
        "formula_fix": "type the value itself, or open and save the file in Excel or LibreOffice",
        "error_value": "sheet '{sheet}', {cells}: the cell shows an error ({error})",
        "error_value_fix": "correct the formula, or type the value itself",
    }
)

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes, for a fast first look at a whole file (0 marks a control).
_CONTROL_BYTES = bytes(
    0 if (b < 32 and b not in (9, 10, 13)) or b == 127 else 1 for b in range(256)
)
# A cell jlp protected on writing (one quote added before quotes and a formula character).
_PROTECTED = re.compile("^'+[" + re.escape("".join(FORMULA_STARTS)) + "]")
_SHOWN_CELLS = 8


def as_text(value: object) -> str:
    """One cell as the text it shows in a spreadsheet: ``''`` for empty, ``2`` for ``2.0``.

    >>> as_text(None), as_text(2.0), as_text(" partial "), as_text(dt.date(1998, 3, 1))
    ('', '2', ' partial ', '1998-03-01')
    """
    pd = sys.modules.get("pandas")  # only pandas' own values need pandas (not imported here)
    if value is None or (pd is not None and (value is pd.NA or value is pd.NaT)):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):  # pandas' Timestamp is one too
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return nfc(str(value))


def unprotect(cell: str) -> str:
    """Take off the ``'`` jlp puts before a cell that starts like a formula.

    >>> unprotect("'=1+1"), unprotect("'quoted'"), unprotect("=1")
    ('=1+1', "'quoted'", '=1')
    """
    return cell[1:] if _PROTECTED.match(cell) else cell


# --------------------------------------------------------------------------- CSV


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data[: err.start].count(b"\n") + 1
        raise JlpInputError(
            TEXT["not_utf8"].format(byte=data[err.start]), file=name, row=row, fix=TEXT["save_utf8"]
        ) from None
    if not text.strip():
        raise JlpInputError(TEXT["empty"], file=name, fix=TEXT["empty_fix"])
    return nfc(text)


def separator(text: str) -> str:
    """The separator of a CSV text: comma, semicolon or tab, whichever the first lines use
    most (a comma on a tie).

    >>> separator("a;b;c\\n1,5;2;3\\n"), separator("a\\tb\\n"), separator("title\\na,b\\n")
    (';', '\\t', ',')
    """
    lines = text[:200_000].split("\n", 10)[:10]
    counts = {sep: max(line.count(sep) for line in lines) for sep in (",", ";", "\t")}
    return max(counts, key=lambda s: (counts[s], s == ","))


def _has_control(data: bytes) -> bool:
    """Whether the file holds a control character (tab and line ends aside)."""
    return b"\x00" in data.translate(_CONTROL_BYTES)


def _csv_rows(text: str, name: str, sep: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as err:
        row_number = len(rows) + 1
        if "end of data" in str(err) or "EOF" in str(err):
            raise JlpInputError(
                TEXT["unclosed"], file=name, row=row_number, fix=TEXT["unclosed_fix"]
            ) from None
        # a stray quote inside an unquoted cell, and the like: read it leniently
        lenient = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        return list(lenient)
    return rows


# --------------------------------------------------------------------------- XLSX


def _cells(positions: list[tuple[int, int]]) -> str:
    from openpyxl.utils import get_column_letter

    names = [f"{get_column_letter(c)}{r}" for r, c in positions[:_SHOWN_CELLS]]
    more = ", …" if len(positions) > _SHOWN_CELLS else ""
    return ("cell " if len(positions) == 1 else "cells ") + ", ".join(names) + more


def _xlsx_rows(data: bytes, name: str, sheet: str | None, fallback: bool) -> list[list[str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    def load(data_only: bool):
        try:
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
        except (
            zipfile.BadZipFile,
            InvalidFileException,
            KeyError,
            OSError,
            ValueError,
            TypeError,
            AttributeError,
            IndexError,
        ):
            raise JlpInputError(TEXT["bad_xlsx"], file=name, fix=TEXT["bad_xlsx_fix"]) from None

    book = load(False)
    try:
        names = list(book.sheetnames)
        lower = {n.strip().lower(): n for n in names}
        if sheet is None:
            chosen = names[0]
        elif sheet.strip().lower() in lower:
            chosen = lower[sheet.strip().lower()]
        elif fallback:
            chosen = names[0]
        else:
            raise JlpInputError(
                TEXT["no_sheet"].format(sheet=sheet, found=", ".join(names)),
                file=name,
                fix=TEXT["no_sheet_fix"].format(sheet=sheet),
            )
        raw = [list(row) for row in book[chosen].iter_rows(min_row=1, min_col=1)]
        formulas = [
            (c.row, c.column) for row in raw for c in row if getattr(c, "data_type", None) == "f"
        ]
        values = [[c.value for c in row] for row in raw]
    except JlpInputError:
        raise
    except (KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile):
        raise JlpInputError(TEXT["bad_xlsx"], file=name, fix=TEXT["bad_xlsx_fix"]) from None
    errors: dict[str, list[tuple[int, int]]] = {}
    for row in raw:
        for c in row:
            if getattr(c, "data_type", None) == "e":
                errors.setdefault(str(c.value), []).append((c.row, c.column))
    problems: list[Problem] = []
    if formulas:
        cached_book = load(True)
        try:
            sheet_cells = cached_book[chosen]
            cached = {p: sheet_cells.cell(*p) for p in formulas}
        except (KeyError, ValueError, TypeError, AttributeError):
            raise JlpInputError(TEXT["bad_xlsx"], file=name, fix=TEXT["bad_xlsx_fix"]) from None
        unsaved = []
        for position in formulas:
            cell = cached.get(position)
            value = None if cell is None else cell.value
            if value is None:
                unsaved.append(position)
            elif getattr(cell, "data_type", None) == "e":
                errors.setdefault(str(value), []).append(position)
            else:
                r, c = position
                values[r - 1][c - 1] = value
        if unsaved:
            what = TEXT["formula_one" if len(unsaved) == 1 else "formula_many"]
            problems.append(
                Problem(
                    TEXT["formula"].format(sheet=chosen, cells=_cells(unsaved), what=what),
                    name,
                    fix=TEXT["formula_fix"],
                )
            )
    for error, positions in errors.items():
        problems.append(
            Problem(
                TEXT["error_value"].format(sheet=chosen, cells=_cells(positions), error=error),
                name,
                fix=TEXT["error_value_fix"],
            )
        )
    if problems:
        raise JlpInputError(problems=problems)
    rows = [[as_text(v) for v in row] for row in values]
    if not any(any(c.strip() for c in row) for row in rows):
        raise JlpInputError(TEXT["empty"], file=name, fix=TEXT["empty_fix"])
    return rows


def sheet_names(source: str | os.PathLike | bytes, name: str | None = None) -> list[str]:
    """The names of a workbook's sheets, in order."""
    import openpyxl

    data, name = read_bytes(source, name)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise JlpInputError(TEXT["bad_xlsx"], file=name, fix=TEXT["bad_xlsx_fix"]) from None
    try:
        return list(book.sheetnames)
    finally:
        book.close()


# --------------------------------------------------------------------------- the table


def _title_rows(rows: list[list[str]], expected: Sequence[str], name: str) -> None:
    """Raise when the header with the ``expected`` columns sits below other rows."""
    want = {e.lower() for e in expected}

    def names(row: list[str]) -> set[str]:
        return {str(c).strip().lstrip("\ufeff").lower() for c in row}

    if not want or names(rows[0]) & want:
        return
    for number, row in enumerate(rows[1:11], start=2):
        if want <= names(row) or len(names(row) & want) >= max(2, len(want) // 2):
            seen = next((c.strip() for c in rows[0] if c.strip()), "")
            shown = ", ".join(list(expected)[:3]) + (", …" if len(expected) > 3 else "")
            raise JlpInputError(
                TEXT["title_rows"].format(row=1, seen=seen[:60], expected=shown),
                file=name,
                row=1,
                fix=TEXT["title_rows_fix"].format(rows=row_span(list(range(1, number)))),
            )


def _column_letter(position: int) -> str:
    """The spreadsheet letter of a column (0 → A, 26 → AA)."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header(cells: list[str], name: str) -> list[str]:
    header = [str(h).strip().lstrip("\ufeff").strip().lower() for h in cells]
    where: dict[str, list[int]] = {}
    for position, column in enumerate(header):
        if column:
            where.setdefault(column, []).append(position)
    problems = [
        Problem(
            TEXT["twice"].format(
                column=column, where=" and ".join(_column_letter(p) for p in positions)
            ),
            name,
            1,
            column,
            TEXT["twice_fix"],
        )
        for column, positions in where.items()
        if len(positions) > 1
    ]
    if problems:
        raise JlpInputError(problems=problems)
    return header


@dataclass
class Sheet:
    """A table as read from a file, before any checking: text cells in plain Python lists.

    ``columns`` are the header names (lower-cased, stripped); ``rows`` the cells of each
    row; ``numbers`` each row's spreadsheet number (header = row 1); ``separator`` the CSV
    separator (``,`` for a workbook). No pandas is needed to read or use it (the command
    line starts faster); :meth:`frame` gives the DataFrame the course's notebooks use.

    >>> s = read_sheet(b"Id;Label\\na;Le\\xc3\\xb3n\\n", name="n.csv")
    >>> s.columns, s.rows, s.numbers, s.separator
    (['id', 'label'], [['a', 'León']], [2], ';')
    """

    columns: list[str]
    rows: list[list[str]]
    numbers: list[int]
    separator: str = ","
    name: str = field(default="", repr=False)

    def column(self, name: str) -> list[str]:
        """The cells of one column, top to bottom."""
        position = self.columns.index(name)
        return [row[position] for row in self.rows]

    def as_columns(self, *, row: bool = False) -> dict[str, list]:
        """``{column: cells}``; with ``row``, a ``row`` column of spreadsheet numbers too."""
        table: dict[str, list] = {c: self.column(c) for c in self.columns}
        if row:
            table["row"] = list(self.numbers)
        return table

    def frame(self) -> pd.DataFrame:
        """The sheet as a DataFrame of text, indexed by spreadsheet row number."""
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=self.columns, dtype=object)
        if not self.rows:
            frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in self.columns})
        frame.index = pd.Index(self.numbers, dtype="int64")
        frame.attrs["separator"] = self.separator
        return frame


def _from_rows(rows: list[list[str]], name: str, sep: str) -> Sheet:
    header = _header(rows[0], name)
    width = len(header)
    body, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.append(
                Problem(
                    TEXT["ragged"].format(n=len(row), m=width),
                    name,
                    number,
                    None,
                    TEXT["ragged_fix"].format(sep=sep),
                )
            )
        body.append(row[:width] + [""] * (width - len(row)))
    for position, column in enumerate(header):
        if column == "" and any(r[position].strip() for r in body):
            problems.append(Problem(TEXT["no_header"], name, 1, None, TEXT["no_header_fix"]))
            break
    if problems:
        raise JlpInputError(problems=problems)
    keep = [p for p, h in enumerate(header) if h]
    if len(keep) < width:
        body = [[r[p] for p in keep] for r in body]
    return Sheet([header[p] for p in keep], body, list(range(2, 2 + len(body))), sep, name)


def _control_cells(sheet: Sheet, name: str) -> list[Problem]:
    problems = []
    for position, column in enumerate(sheet.columns):
        for number, row in zip(sheet.numbers, sheet.rows, strict=True):
            value = row[position]
            if _CONTROL.search(value):
                problems.append(
                    Problem(
                        TEXT["control"].format(value=value[:60]),
                        name,
                        number,
                        column,
                        TEXT["control_fix"],
                    )
                )
    return problems


def _finish(sheet: Sheet, text: str | None, control: bool = True) -> Sheet:
    if text is None or "'" in text:
        for row in sheet.rows:
            for position, value in enumerate(row):
                if value[:1] == "'" and _PROTECTED.match(value):
                    row[position] = value[1:]
    if control:
        problems = _control_cells(sheet, sheet.name)
        if problems:
            raise JlpInputError(problems=problems)
    return sheet


def read_bytes(source: str | os.PathLike | bytes, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of ``source`` (a path or the bytes of an upload) and the name to show."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), name or "upload"
    path = Path(source)
    name = name or str(path)
    try:
        return path.read_bytes(), name
    except FileNotFoundError:
        raise JlpInputError(TEXT["missing"], file=name, fix=TEXT["missing_fix"]) from None
    except IsADirectoryError:
        raise JlpInputError(TEXT["folder"], file=name, fix=TEXT["missing_fix"]) from None
    except OSError as err:
        raise JlpInputError(
            TEXT["unreadable"].format(reason=err.strerror or "error"),
            file=name,
            fix=TEXT["unreadable_fix"],
        ) from None


def read_sheet(
    source: str | os.PathLike | bytes,
    *,
    name: str | None = None,
    sheet: str | None = None,
    fallback: bool = False,
    expected: Sequence[str] = (),
    empty_fix: str | None = None,
) -> Sheet:
    """Read a CSV or XLSX file as a :class:`Sheet` of text, without checking its content.

    ``source`` is a path, or the file's bytes (an upload) with ``name`` giving the file
    name. Header names are lower-cased and stripped; cells are text as typed (not
    stripped; empty cells are ``''``). ``sheet`` names the sheet of a workbook (default:
    the first; with ``fallback`` the first also when no sheet has that name). ``expected``
    names columns the header should have, to recognise title rows above it; ``empty_fix``
    replaces the fix given for an empty file.

    >>> read_sheet(b"network,date\\nA,1998-01-01\\n", name="a.csv").rows
    [['A', '1998-01-01']]
    """
    data, name = read_bytes(source, name)
    try:
        return _read_sheet(data, name, sheet, fallback, expected)
    except JlpInputError as err:
        if empty_fix and err.problems[0].message == TEXT["empty"]:
            raise JlpInputError(TEXT["empty"], file=name, fix=empty_fix) from None
        raise


def read_table(
    source: str | os.PathLike | bytes,
    *,
    name: str | None = None,
    sheet: str | None = None,
    fallback: bool = False,
    expected: Sequence[str] = (),
    empty_fix: str | None = None,
) -> pd.DataFrame:
    """:func:`read_sheet` as a DataFrame of text whose index holds each row's spreadsheet
    number (header = row 1); ``attrs["separator"]`` names the CSV separator.

    >>> read_table(b"network,date\\nA,1998-01-01\\n", name="a.csv").loc[2, "network"]
    'A'
    """
    return read_sheet(
        source, name=name, sheet=sheet, fallback=fallback, expected=expected, empty_fix=empty_fix
    ).frame()


def _read_sheet(
    data: bytes, name: str, sheet: str | None, fallback: bool, expected: Sequence[str]
) -> Sheet:
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise JlpInputError(TEXT["old_xls"], file=name, fix=TEXT["old_xls_fix"])
    if suffix in XLSX_SUFFIXES or data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data, name, sheet, fallback)
        _title_rows(rows, expected, name)
        return _finish(_from_rows(rows, name, ","), None)
    if suffix not in CSV_SUFFIXES:
        raise JlpInputError(TEXT["suffix"].format(suffix=suffix), file=name, fix=TEXT["suffix_fix"])
    text = _decode(data, name)
    sep = separator(text)
    rows = _csv_rows(text, name, sep)
    if not rows:
        raise JlpInputError(TEXT["empty"], file=name, fix=TEXT["empty_fix"])
    _title_rows(rows, expected, name)
    return _finish(_from_rows(rows, name, sep), text, _has_control(data))


def read_record_sheet(
    source: str | os.PathLike | bytes, *, sheet: str | None = None, expected: Sequence[str] = ()
) -> Sheet:
    """:func:`read_sheet` with every cell stripped and fully empty rows dropped (their
    numbers are skipped, so later rows keep their spreadsheet number); a sheet not found:
    the first one.

    >>> s = read_record_sheet(b"Id;Label\\n a ; Le\\xc3\\xb3n\\n;\\n b;B\\n")
    >>> s.rows, s.numbers
    ([['a', 'León'], ['b', 'B']], [2, 4])
    """
    read = read_sheet(source, sheet=sheet, fallback=True, expected=expected)
    if not read.columns:
        raise JlpInputError(TEXT["no_columns"], file=str(source), fix=TEXT["no_columns_fix"])
    rows, numbers = [], []
    for number, row in zip(read.numbers, read.rows, strict=True):
        cells = [cell.strip() for cell in row]
        if any(cells):
            rows.append(cells)
            numbers.append(number)
    return Sheet(read.columns, rows, numbers, read.separator, read.name)


def read_records(
    source: str | os.PathLike | bytes, *, sheet: str | None = None, expected: Sequence[str] = ()
) -> pd.DataFrame:
    """:func:`read_record_sheet` as a DataFrame, each record's spreadsheet row in a ``row``
    column.

    >>> read_records(b"Id;Label\\n a ; Le\\xc3\\xb3n\\n;\\n b;B\\n").to_dict("records")
    [{'id': 'a', 'label': 'León', 'row': 2}, {'id': 'b', 'label': 'B', 'row': 4}]
    """
    import pandas as pd

    read = read_record_sheet(source, sheet=sheet, expected=expected)
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in read.as_columns().items()})
    frame["row"] = pd.Series(read.numbers, dtype="int64")
    return frame


__all__ = [
    "CSV_SUFFIXES",
    "TEXT",
    "XLSX_SUFFIXES",
    "Sheet",
    "as_text",
    "read_bytes",
    "read_record_sheet",
    "read_records",
    "read_sheet",
    "read_table",
    "separator",
    "sheet_names",
    "unprotect",
]
