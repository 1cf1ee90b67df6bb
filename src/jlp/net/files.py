"""Assessment files: read CSV (UTF-8, with or without BOM) and XLSX; write; append to a history.

File contract (DESIGN.md, Data contracts): one row per judged cell with the columns ``network``,
``date``, ``indicator``, ``stage``, ``rating`` and optionally ``assessor``, ``note``.

* **CSV** must be UTF-8; the byte-order mark Excel writes is accepted. Commas, semicolons
  (Excel's choice in Spanish locales) or tabs separate the cells; the header decides which.
  jlp writes CSV as UTF-8 *with* a BOM so that Excel opens accents correctly.
* **XLSX** workbooks must keep the assessments on a sheet named ``assessments``
  (:data:`ASSESSMENT_SHEET`); other sheets (jlp's templates add ``rubric``) are ignored.
* A **history file** is a CSV that grows by one assessment at a time.
  :func:`save_assessment` appends atomically — it writes a temporary file in the same
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

import contextlib
import csv
import io
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jlp.errors import JlpInputError
from jlp.net.assessments import COLUMNS, KEY, as_text, validate

#: The sheet of an XLSX workbook that holds the assessments.
ASSESSMENT_SHEET = "assessments"

#: Suffixes read as Excel workbooks.
XLSX_SUFFIXES = (".xlsx", ".xlsm")

#: How long :func:`save_assessment` waits for another save to the same history (seconds).
LOCK_TIMEOUT = 10.0

#: User-facing strings (a Spanish edition replaces this dict only).
TEXT = {
    "save_utf8": 'save it from your spreadsheet as "CSV UTF-8" (Excel: File › Save as › '
    '"CSV UTF-8 (Comma delimited)"; LibreOffice: Character set "Unicode (UTF-8)")',
    "empty": "the file is empty",
    "empty_fix": "start from `jlp net template NETWORK DATE -o FILE`",
    "no_sheet": "the workbook has no sheet named '{sheet}' (it has: {found})",
    "no_sheet_fix": "rename the sheet that holds the assessments to '{sheet}'",
    "bad_xlsx": "this is not a readable .xlsx workbook",
    "bad_xlsx_fix": "open it in your spreadsheet and save it again as .xlsx or as CSV UTF-8",
    "old_xls": "old .xls workbooks cannot be read",
    "old_xls_fix": "save it as .xlsx or as CSV UTF-8",
    "missing": "no such file",
    "missing_fix": "check the path and the file name",
    "ragged": "this row has {n} cells but the header has {m}",
    "ragged_fix": "put cells that contain the separator ('{sep}') in double quotes, "
    "or remove the extra cells",
    "no_header": "a column has data but no name in the header",
    "no_header_fix": "write a column name in the header row",
    "exists": "{network} on {date} is already in the history",
    "exists_fix": "choose another date, or replace it with overwrite=True "
    "(command line: --overwrite)",
    "history_csv": "a history file must be a .csv file",
    "history_csv_fix": "give a path ending in .csv",
    "locked": "another save to this history is in progress (lock file {lock})",
    "locked_fix": "wait and try again; if no other save is running, delete the lock file",
}


@dataclass(frozen=True)
class SaveResult:
    """What :func:`save_assessment` did."""

    path: Path
    added: int
    replaced: int
    total: int


# --------------------------------------------------------------------------- reading


def _csv_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode the bytes (UTF-8, BOM or not) and pick the separator from the header."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        row = data[: err.start].count(b"\n") + 1
        raise JlpInputError(
            f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be read)",
            file=name, row=row, fix=TEXT["save_utf8"],
        ) from None
    if not text.strip():
        raise JlpInputError(TEXT["empty"], file=name, fix=TEXT["empty_fix"])
    header = text.split("\n", 1)[0]
    return text, max((",", ";", "\t"), key=header.count)


def _csv_rows(text: str, name: str, sep: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as err:  # e.g. a NUL byte
        raise JlpInputError(f"the file cannot be read as CSV ({err})", file=name,
                            fix=TEXT["save_utf8"]) from None


def _fast_frame(text: str, sep: str) -> pd.DataFrame | None:
    """pandas' C parser for a well-formed CSV; ``None`` sends the caller to the careful path.

    Records count as spreadsheet rows (a quoted cell may span lines), so the row number of
    record k is k + 2. Any irregularity (a ragged row, a nameless column, a repeated name)
    is left to :func:`_frame`, which reports it with its row.
    """
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=object,
                            keep_default_na=False, na_filter=False, skip_blank_lines=False,
                            engine="c")
    except (pd.errors.ParserError, ValueError, csv.Error):
        return None
    if frame.empty:
        return None
    header = [str(h).strip().lstrip("\ufeff").lower() for h in frame.iloc[0]]
    if "" in header or len(set(header)) != len(header):
        return None
    frame = frame.iloc[1:]
    frame.columns = header
    frame.index = pd.RangeIndex(2, 2 + len(frame))
    frame.attrs["separator"] = sep
    return frame


def _xlsx_rows(data: bytes, name: str, sheet: str) -> list[list[str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise JlpInputError(TEXT["bad_xlsx"], file=name, fix=TEXT["bad_xlsx_fix"]) from None
    try:
        if sheet not in book.sheetnames:
            raise JlpInputError(
                TEXT["no_sheet"].format(sheet=sheet, found=", ".join(book.sheetnames)),
                file=name, fix=TEXT["no_sheet_fix"].format(sheet=sheet),
            )
        rows = [[as_text(v) for v in row] for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()
    if not any(any(c.strip() for c in row) for row in rows):
        raise JlpInputError(TEXT["empty"], file=name, fix=TEXT["empty_fix"])
    return rows


def _frame(rows: list[list[str]], name: str, sep: str) -> pd.DataFrame:
    header = [h.strip().lstrip("\ufeff").lower() for h in rows[0]]
    width = len(header)
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise JlpInputError(
                TEXT["ragged"].format(n=len(row), m=width), file=name, row=number,
                fix=TEXT["ragged_fix"].format(sep=sep),
            )
        body.append(row[:width] + [""] * (width - len(row)))
    for position, column in enumerate(header):
        if column == "" and any(r[position].strip() for r in body):
            raise JlpInputError(TEXT["no_header"], file=name, row=1,
                                fix=TEXT["no_header_fix"])
    keep = [p for p, h in enumerate(header) if h]
    frame = pd.DataFrame([[r[p] for p in keep] for r in body],
                         columns=[header[p] for p in keep], dtype=str)
    frame.index = pd.RangeIndex(2, 2 + len(body))
    frame.attrs["separator"] = sep
    return frame


def read_table(
    source: str | os.PathLike | bytes,
    *,
    name: str | None = None,
    sheet: str = ASSESSMENT_SHEET,
) -> pd.DataFrame:
    """Read a CSV or XLSX file as a table of text, without checking its content.

    ``source`` is a path, or the file's bytes (an upload) with ``name`` giving the file
    name. The index holds each row's spreadsheet row number (header = row 1). Raises
    :class:`JlpInputError` for a missing, empty, non-UTF-8 or unreadable file and for a
    workbook without the ``sheet``.

    >>> read_table(b"network,date\\nA,1998-01-01\\n", name="a.csv").loc[2, "network"]
    'A'
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        name = name or "upload"
    else:
        path = Path(source)
        name = name or str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise JlpInputError(TEXT["missing"], file=name, fix=TEXT["missing_fix"]) from None
        except IsADirectoryError:
            raise JlpInputError("this is a folder, not a file", file=name,
                                fix=TEXT["missing_fix"]) from None
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise JlpInputError(TEXT["old_xls"], file=name, fix=TEXT["old_xls_fix"])
    if suffix in XLSX_SUFFIXES or data[:4] == b"PK\x03\x04":
        return _frame(_xlsx_rows(data, name, sheet), name, ",")
    text, sep = _csv_text(data, name)
    fast = _fast_frame(text, sep)
    if fast is not None:
        return fast
    return _frame(_csv_rows(text, name, sep), name, sep)


def read_assessments(
    source: str | os.PathLike | bytes, *, name: str | None = None
) -> pd.DataFrame:
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


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then replace.

    Readers see either the old file or the new one, never a part of it.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write(target, b"hello").read_bytes()
    b'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_dir(path.parent)
    return path


def _csv_bytes(table: pd.DataFrame, *, header: bool = True, sep: str = ",",
               bom: bool = True) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    if header:
        writer.writerow(list(table.columns))
    writer.writerows(table.astype(str).itertuples(index=False, name=None))
    return (("\ufeff" if bom and header else "") + buffer.getvalue()).encode("utf-8")


def _xlsx_bytes(table: pd.DataFrame, *, with_rubric: bool = True) -> bytes:
    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = ASSESSMENT_SHEET
    sheet.append(list(table.columns))
    for row in table.astype(str).itertuples(index=False, name=None):
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    if "rating" in table.columns and len(table):
        letter = openpyxl.utils.get_column_letter(list(table.columns).index("rating") + 1)
        check = DataValidation(type="list", formula1='"achieved,partial,not_achieved"',
                               allow_blank=True)
        check.error = "achieved, partial or not_achieved (or leave empty)"
        sheet.add_data_validation(check)
        check.add(f"{letter}2:{letter}{len(table) + 1}")
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column[:50])
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    if with_rubric:
        from jlp.net.rubric import rubric

        reference = book.create_sheet("rubric")
        cells = rubric()[["indicator", "stage", "indicator_label", "stage_label", "result",
                          "evidence", "provenance"]]
        reference.append(list(cells.columns))
        for row in cells.itertuples(index=False, name=None):
            reference.append(list(row))
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
        return atomic_write(path, _xlsx_bytes(checked))
    if suffix == ".xls":
        raise JlpInputError(TEXT["old_xls"], file=str(path), fix=TEXT["old_xls_fix"])
    return atomic_write(path, _csv_bytes(checked))


def write_template(
    network: str, date: str, path: str | os.PathLike, *, assessor: str = ""
) -> Path:
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
    return atomic_write(path, _csv_bytes(reference))


# --------------------------------------------------------------------------- history


@contextlib.contextmanager
def _locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """An exclusive lock on ``path`` by a sidecar lock file (works on every OS)."""
    lock = path.with_name(f".{path.name}.lock")
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise JlpInputError(TEXT["locked"].format(lock=lock), file=str(path),
                                    fix=TEXT["locked_fix"]) from None
            time.sleep(0.05)
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)


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
                TEXT["exists"].format(network=network, date=date), file=str(path),
                row=int(old.index[clash][0]), fix=TEXT["exists_fix"],
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
