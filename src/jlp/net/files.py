"""Assessment files: read CSV (UTF-8, with or without BOM) and XLSX; write; append to a history.

File contract (DESIGN.md, Data contracts): one row per judged cell with the columns ``network``,
``date``, ``indicator``, ``stage``, ``rating`` and optionally ``assessor``, ``note``.

* **CSV** must be UTF-8; the byte-order mark Excel writes is accepted. Commas, semicolons
  (Excel's choice in Spanish locales) or tabs separate the cells; the header decides which.
  jlp writes CSV as UTF-8 *with* a BOM so that Excel opens accents correctly.
* **XLSX** workbooks must keep the assessments on a sheet named ``assessments``
  (:data:`ASSESSMENT_SHEET`); other sheets (jlp's templates add ``rubric``) are ignored.
* Reading is :func:`jlp.files.read_table`'s and writing :func:`jlp.files.atomic_write`'s
  (the rules every file of jlp follows: formulas neutralised in CSV, text stays text in
  XLSX, nothing written into a missing folder).
* A **history file** is a CSV that grows by one assessment at a time.
  :func:`save_assessment` holds an operating-system lock (it ends with the process) and
  appends atomically — it writes a temporary file in the same
  folder, flushes it to disk and then replaces the history in one step — so a crash or a
  full disk never leaves a half-written history. Earlier rows are copied byte for byte;
  an assessment already there (same network and date) is refused unless
  ``overwrite=True``, which replaces that assessment alone.

Row numbers in messages count as a spreadsheet does (header = row 1).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> from jlp.net.assessments import template
>>> _ = save_assessment(template("Emasim", "1998-03-01"), folder / "history.csv")
>>> len(read_assessments(folder / "history.csv"))
42
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jlp.errors import JlpInputError
from jlp.files.read import read_table as _read_any
from jlp.files.write import atomic_write, csv_bytes, history_lock, output_place
from jlp.i18n import Messages
from jlp.net.assessments import COLUMNS, KEY, REQUIRED_COLUMNS, validate

#: The sheet of an XLSX workbook that holds the assessments.
ASSESSMENT_SHEET = "assessments"

#: Suffixes read as Excel workbooks.
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def _read(
    source: str | os.PathLike | bytes, *, name: str | None = None, sheet: str = ASSESSMENT_SHEET
) -> pd.DataFrame:
    return _read_any(
        source, name=name, sheet=sheet, expected=REQUIRED_COLUMNS, empty_fix=TEXT["empty_fix"]
    )


#: How long :func:`save_assessment` waits for another save to the same history (seconds).
LOCK_TIMEOUT = 10.0

#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "empty_fix": "start from `jlp net template NETWORK DATE -o FILE`",
        "old_xls": "old .xls workbooks cannot be read",
        "old_xls_fix": "save it as .xlsx or as CSV UTF-8",
        "exists": "{network} on {date} is already in the history",
        "exists_fix": "choose another date, or replace it with overwrite=True "
        "(command line: --overwrite)",
        "history_csv": "a history file must be a .csv file",
        "history_csv_fix": "give a path ending in .csv",
        # TRANSLATORS: the ratings offered in a workbook's drop-down list, in the language's
        # words (jlp reads achieved/partial/not_achieved and logrado/parcial/no logrado alike)
        "rating_choices": "achieved,partial,not_achieved",
        "rating_error": "achieved, partial or not_achieved (or leave empty)",
        "notes": {
            "network": "The network's name, the same on every row.",
            "date": "Date of the assessment: year-month-day, e.g. 1998-03-01.",
            "indicator": "One of the 7 NET indicators (keep the name as written).",
            "stage": "One of the 6 NET stages (keep the name as written).",
            "rating": "achieved, partial or not_achieved (in Spanish: logrado, parcial or no "
            "logrado; or 2, 1, 0); leave it empty if not judged yet. The sheet 'rubric' "
            "says what each cell asks for.",
            "assessor": "Your name.",
            "note": "Anything the group should know about this cell (optional).",
            "indicator_label": "For reading only: the indicator's name (ignored when read).",
            "stage_label": "For reading only: the stage's name (ignored when read).",
            "result": "For reading only: the result this cell asks for (ignored when read).",
        },
    }
)


@dataclass(frozen=True)
class SaveResult:
    """What :func:`save_assessment` did."""

    path: Path
    added: int
    replaced: int
    total: int


# --------------------------------------------------------------------------- reading


def read_table(
    source: str | os.PathLike | bytes,
    *,
    name: str | None = None,
    sheet: str = ASSESSMENT_SHEET,
) -> pd.DataFrame:
    """Read a CSV or XLSX file as a table of text, without checking its content.

    The one reader of :func:`jlp.files.read_table`, with the ``assessments`` sheet of a
    workbook; the index holds each row's spreadsheet row number (header = row 1).

    >>> read_table(b"network,date\\nA,1998-01-01\\n", name="a.csv").loc[2, "network"]
    'A'
    """
    return _read(source, name=name, sheet=sheet)


def read_assessments(source: str | os.PathLike | bytes, *, name: str | None = None) -> pd.DataFrame:
    """Read and check an assessment file (CSV or XLSX); return the normalised table.

    >>> data = "network,date,indicator,stage,rating\\nA,1998-01-01,group_cohesion,decision,2\\n"
    >>> read_assessments(data.encode(), name="a.csv")["rating"].tolist()
    ['achieved']
    """
    if not isinstance(source, bytes | bytearray | memoryview):
        name = name or str(source)
    name = name or "upload"
    table = read_table(source, name=name)
    return validate(table, file=name, rows=list(table.index))


# --------------------------------------------------------------------------- writing


def _csv_bytes(
    table: pd.DataFrame, *, header: bool = True, sep: str = ",", bom: bool = True
) -> bytes:
    return csv_bytes(table, header=header, sep=sep, bom=bom)


def _text_cell(sheet, row: int, column: int, value: object) -> None:
    """Write ``value`` as text: a name such as ``=1+1`` stays a name, never a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"


def _append_text(sheet, values: list) -> None:
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        _text_cell(sheet, row, column, value)


def _header_notes(sheet, columns: list[str]) -> None:
    """A note (an Excel comment) on each known column of the header row, saying what to
    write there, in the current language; the column names themselves never change."""
    from openpyxl.comments import Comment

    notes = TEXT["notes"]
    for position, column in enumerate(columns, start=1):
        if column in notes:
            sheet.cell(row=1, column=position).comment = Comment(notes[column], "jlp")


def _xlsx_bytes(table: pd.DataFrame, *, with_rubric: bool = True) -> bytes:
    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = ASSESSMENT_SHEET
    _append_text(sheet, list(table.columns))
    for row in table.astype(str).itertuples(index=False, name=None):
        _append_text(sheet, list(row))
    sheet.freeze_panes = "A2"
    _header_notes(sheet, list(table.columns))
    if "rating" in table.columns and len(table):
        letter = openpyxl.utils.get_column_letter(list(table.columns).index("rating") + 1)
        choices = TEXT["rating_choices"].replace('"', "")
        check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        check.error = TEXT["rating_error"]
        sheet.add_data_validation(check)
        check.add(f"{letter}2:{letter}{len(table) + 1}")
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column[:50])
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    if with_rubric:
        from jlp.net.rubric import rubric

        reference = book.create_sheet("rubric")
        cells = rubric()[
            [
                "indicator",
                "stage",
                "indicator_label",
                "stage_label",
                "result",
                "evidence",
                "provenance",
            ]
        ]
        _append_text(reference, list(cells.columns))
        for row in cells.itertuples(index=False, name=None):
            _append_text(reference, list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_assessments(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write an assessment table to CSV (UTF-8 with BOM) or XLSX, chosen by the suffix.

    The table is checked first; nothing is written if it is bad. An XLSX gets the
    ``assessments`` sheet (with a drop-down list of ratings) and a ``rubric`` sheet with
    the text of each cell, for the person filling it in.
    """
    path = Path(path)
    checked = validate(table)
    columns = [c for c in COLUMNS if c in checked.columns] + [
        c for c in checked.columns if c not in COLUMNS
    ]
    checked = checked[columns]
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        output_place(path, replace=True)
        return atomic_write(path, _xlsx_bytes(checked))
    if suffix == ".xls":
        raise JlpInputError(TEXT["old_xls"], file=str(path), fix=TEXT["old_xls_fix"])
    output_place(path, replace=True)
    return atomic_write(path, _csv_bytes(checked))


def write_template(network: str, date: str, path: str | os.PathLike, *, assessor: str = "") -> Path:
    """Write the 42 empty rows of one network and date, ready to fill in a spreadsheet.

    A CSV template also carries the reference columns ``indicator_label``,
    ``stage_label`` and ``result`` (the rubric's text); they are ignored when read back.
    """
    from jlp.net.assessments import template
    from jlp.net.rubric import rubric

    table = template(network, date, assessor=assessor)
    path = Path(path)
    if path.suffix.lower() in XLSX_SUFFIXES:
        return write_assessments(table, path)
    cells = rubric()
    reference = table.assign(
        indicator_label=cells["indicator_label"].to_numpy(),
        stage_label=cells["stage_label"].to_numpy(),
        result=cells["result"].to_numpy(),
    )
    output_place(path, replace=True)
    return atomic_write(path, _csv_bytes(reference))


# --------------------------------------------------------------------------- history


def _locked(path: Path, timeout: float | None = None):
    """The history's lock (see :func:`jlp.files.history_lock`); ``timeout`` defaults to
    :data:`LOCK_TIMEOUT`, read when called."""
    return history_lock(path, LOCK_TIMEOUT if timeout is None else timeout)


def _line_end(data: bytes) -> bytes:
    match = re.search(rb"\r?\n", data)
    return match.group(0) if match else b"\r\n"


def save_assessment(
    assessment: pd.DataFrame,
    history: str | os.PathLike,
    *,
    overwrite: bool = False,
) -> SaveResult:
    """Append one or more assessments to a history CSV, atomically.

    Refuses (and saves nothing) if the new rows are bad, if the history itself is bad, or
    if a network+date is already there and ``overwrite`` is false. With ``overwrite=True``
    the rows of those network+date pairs are replaced; every other row stays.

    >>> import tempfile, pathlib
    >>> from jlp.net.assessments import template
    >>> history = pathlib.Path(tempfile.mkdtemp()) / "h.csv"
    >>> save_assessment(template("A", "1998-01-01"), history).total
    42
    >>> save_assessment(template("A", "1998-07-01"), history).total
    84
    """
    path = Path(history)
    if path.suffix.lower() != ".csv":
        raise JlpInputError(TEXT["history_csv"], file=str(path), fix=TEXT["history_csv_fix"])
    new = validate(assessment)
    output_place(path, replace=True)
    with _locked(path):
        if not path.exists() or path.stat().st_size == 0:
            columns = [c for c in COLUMNS if c in new.columns] + [
                c for c in new.columns if c not in COLUMNS
            ]
            atomic_write(path, _csv_bytes(new[columns]))
            return SaveResult(path, len(new), 0, len(new))

        raw = read_table(path)
        old = validate(raw, file=str(path), rows=list(raw.index))
        new_keys = set(map(tuple, new[KEY].drop_duplicates().to_numpy()))
        clash = pd.MultiIndex.from_frame(old[KEY]).isin(list(new_keys))
        if clash.any() and not overwrite:
            network, date = old.loc[clash, KEY].iloc[0]
            raise JlpInputError(
                TEXT["exists"].format(network=network, date=date),
                file=str(path),
                row=int(old.index[clash][0]),
                fix=TEXT["exists_fix"],
            )
        sep = raw.attrs.get("separator", ",")
        header = list(raw.columns)
        extra = [c for c in new.columns if c not in header and (new[c] != "").any()]
        added = new.reindex(columns=header + extra, fill_value="")
        if not clash.any() and not extra:
            data = path.read_bytes()
            end = _line_end(data)
            if not data.endswith(b"\n"):
                data += end
            rows = _csv_bytes(added, header=False, sep=sep).replace(b"\r\n", end)
            atomic_write(path, data + rows)
        else:
            kept = raw.loc[old.index[~clash]].reindex(columns=header + extra, fill_value="")
            atomic_write(path, _csv_bytes(pd.concat([kept, added]), sep=sep))
        return SaveResult(path, len(new), int(clash.sum()), int((~clash).sum()) + len(new))


__all__ = [
    "ASSESSMENT_SHEET",
    "TEXT",
    "SaveResult",
    "atomic_write",
    "read_assessments",
    "read_table",
    "save_assessment",
    "write_assessments",
    "write_template",
]
