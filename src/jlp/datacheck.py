"""Check a Frictionless Data Package (``datapackage.json`` + CSV files) and report every problem.

Two levels of checking share this module:

* :func:`check_package` is the full audit behind ``jlp data check``. It validates every
  resource with `frictionless <https://framework.frictionlessdata.io/>`_ against its Table
  Schema, and adds the house rules of jlp: every resource has an inline ``schema`` and a
  ``sources`` entry; a ``provenance`` column is an enum of ``reported`` / ``illustrative``;
  a row marked ``reported`` names its box or section in ``source``; a range
  (``value_high``) goes with the qualifier ``between``.
* :func:`read_table` is the quick typed read used by :func:`jlp.datasets.load`. It applies
  the same schema (types, ``required``, ``unique``, ``enum``, ``pattern``, ``minimum`` /
  ``maximum``, lengths, primary and foreign keys) and the same house rules with pandas,
  because importing frictionless and jsonschema costs about two seconds in every new
  process (see the notes in :mod:`jlp.datasets`). When the quick read finds a problem,
  ``load`` asks :func:`check_package`'s machinery for the full report, so both routes
  print the same messages.

Nothing here writes a file. Problems are :class:`jlp.errors.Problem` records naming the
file, the row (spreadsheet style: the header is row 1) and the column, with a fix.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "datapackage.json").write_text('{"name": "x", "resources": [}')
>>> [p.message for p in check_package(folder)]  # doctest: +ELLIPSIS
['not valid JSON: Expecting value (line 1, character 29)']
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import difflib
import io
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from jlp.errors import Problem

PACKAGE_FILE = "datapackage.json"
PROVENANCE_VALUES = ("reported", "illustrative")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

#: Table Schema field types (frictionless 5).
KNOWN_TYPES = frozenset(
    [
        "string",
        "number",
        "integer",
        "boolean",
        "object",
        "array",
        "date",
        "time",
        "datetime",
        "year",
        "yearmonth",
        "duration",
        "geopoint",
        "geojson",
        "any",
    ]
)
#: Field types and constraints :func:`read_table` checks itself; anything else makes
#: ``jlp.datasets.load`` fall back to the full frictionless check.
FAST_TYPES = frozenset(
    ["string", "number", "integer", "boolean", "date", "datetime", "year", "any"]
)
FAST_CONSTRAINTS = frozenset(
    ["required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"]
)
FAST_FIELD_KEYS = frozenset(
    [
        "name",
        "type",
        "title",
        "description",
        "constraints",
        "format",
        "example",
        "rdfType",
        "trueValues",
        "falseValues",
    ]
)
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")

_INTEGER = re.compile(r"^[+-]?\d+$")
_YEAR = re.compile(r"^\d{4}$")
_NUMBER = re.compile(r"^[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|nan|inf|infinity)$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_TYPE_FIX = {
    "integer": "write a whole number such as 12 (no decimals, spaces, units or thousands "
    "separators)",
    "number": "write a number such as 12.5 (a dot for decimals; no spaces, units, % signs "
    "or thousands separators)",
    "year": "write a four-digit year such as 1997",
    "date": "write the date as YYYY-MM-DD, e.g. 1997-08-31",
    "datetime": "write an ISO 8601 date and time such as 1997-08-31T12:00:00",
    "time": "write the time as HH:MM:SS",
    "yearmonth": "write the month as YYYY-MM, e.g. 1997-08",
}


@dataclass
class PackageReport:
    """What :func:`package_report` found: the problems and the row count of each resource."""

    package_file: str
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    #: CSV files in the package folder that no resource describes (not an error: a note).
    undescribed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


# --------------------------------------------------------------------------- paths


def display_path(path: str | Path) -> str:
    """Name a file for a message: relative to the working directory when inside it.

    >>> display_path(Path.cwd() / "datasets" / "projects.csv")
    'datasets/projects.csv'
    """
    path = Path(path)
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def package_file(path: str | Path) -> Path:
    """The ``datapackage.json`` for ``path``, which may be the file or its directory."""
    path = Path(path)
    return path / PACKAGE_FILE if path.is_dir() or path.suffix != ".json" else path


# --------------------------------------------------------------------------- descriptor


def read_descriptor(
    path: str | Path,
) -> tuple[dict[str, Any] | None, dict[str | None, list[Problem]]]:
    """Read ``datapackage.json`` and check its structure (no data is read).

    Returns the descriptor (``None`` when it cannot be read) and the problems found, keyed
    by resource name (``None`` for the package as a whole).
    """
    pfile = package_file(path)
    label = display_path(pfile)
    found: dict[str | None, list[Problem]] = {None: []}
    if not pfile.is_file():
        where = pfile.parent
        found[None].append(
            Problem(
                f"no {PACKAGE_FILE} here"
                + ("" if where.is_dir() else f" (the folder {display_path(where)} does not exist)"),
                label,
                fix="give the folder that holds datapackage.json (e.g. datasets/)",
            )
        )
        return None, found
    try:
        text = pfile.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        found[None].append(
            Problem(f"not UTF-8 text (byte {err.start})", label, fix="save the file as UTF-8")
        )
        return None, found
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as err:
        found[None].append(
            Problem(
                f"not valid JSON: {err.msg} (line {err.lineno}, character {err.colno})",
                label,
                fix="look for a missing comma, quote or bracket just before that place",
            )
        )
        return None, found
    if not isinstance(descriptor, dict):
        found[None].append(
            Problem(
                "the top level must be a JSON object {...}",
                label,
                fix='start from {"name": ..., "resources": [...]}',
            )
        )
        return None, found
    _check_package_metadata(descriptor, label, found)
    return descriptor, found


def _check_package_metadata(
    descriptor: dict[str, Any], label: str, found: dict[str | None, list[Problem]]
) -> None:
    top = found[None]
    if not isinstance(descriptor.get("name"), str) or not descriptor.get("name"):
        top.append(Problem('the package has no "name"', label, fix='add "name": "jlp"'))
    if not _nonempty_list(descriptor.get("licenses")):
        top.append(
            Problem(
                'the package has no "licenses"',
                label,
                fix='add "licenses": [{"name": "CC-BY-4.0", "path": '
                '"https://creativecommons.org/licenses/by/4.0/"}]',
            )
        )
    resources = descriptor.get("resources")
    if not _nonempty_list(resources):
        top.append(
            Problem(
                'the package has no "resources"',
                label,
                fix='list the tables under "resources": [...]',
            )
        )
        return
    seen: set[str] = set()
    names = [r.get("name") for r in resources if isinstance(r, dict)]
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict):
            top.append(
                Problem(
                    f"resources[{index}] is not a JSON object",
                    label,
                    fix="describe each resource as {...}",
                )
            )
            continue
        name = resource.get("name")
        if not isinstance(name, str) or not SLUG.match(name):
            top.append(
                Problem(
                    f'resources[{index}] has no valid "name" (got {name!r})',
                    label,
                    fix="name it with a lowercase slug such as reported_figures",
                )
            )
            continue
        if name in seen:
            top.append(
                Problem(
                    f"two resources are named '{name}'",
                    label,
                    fix="give every resource its own name",
                )
            )
            continue
        seen.add(name)
        found[name] = _check_resource_metadata(resource, label, names)


def _check_resource_metadata(
    resource: dict[str, Any], label: str, names: list[Any]
) -> list[Problem]:
    name = resource["name"]
    out: list[Problem] = []

    def add(message: str, fix: str, column: str | None = None) -> None:
        out.append(Problem(f"resource '{name}': {message}", label, column=column, fix=fix))

    path = resource.get("path")
    if not isinstance(path, str) or not path:
        add('has no "path" to a local CSV file', f'add "path": "{name}.csv"')
    elif "://" in path or PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
        add(
            f'"path" {path!r} must be a file inside the package folder',
            f'write a relative path such as "{name}.csv"',
        )
    if not _nonempty_list(resource.get("sources")):
        add(
            'has no "sources"',
            'add "sources": [{"title": "Ceglie, G. and Dini, M. (1999) ..."}] naming where '
            "the figures come from",
        )
    schema = resource.get("schema")
    if schema is None:
        add(
            'has no "schema"',
            'describe every column under "schema": {"fields": [{"name": ..., "type": ...}]}',
        )
        return out
    if not isinstance(schema, dict):
        add(
            '"schema" must be written inline as a JSON object',
            'write "schema": {"fields": [...]} inside datapackage.json',
        )
        return out
    fields = schema.get("fields")
    if not _nonempty_list(fields):
        add('the schema has no "fields"', 'list every column under "schema": {"fields": [...]}')
        return out
    field_names: list[str] = []
    for index, spec in enumerate(fields):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            add(f"schema field {index + 1} has no name", 'give every field a "name"')
            continue
        fname = spec["name"]
        if fname in field_names:
            add(f"the schema has two fields named '{fname}'", "rename or remove one of them", fname)
        field_names.append(fname)
        ftype = spec.get("type", "string")
        if ftype not in KNOWN_TYPES:
            close = difflib.get_close_matches(str(ftype), KNOWN_TYPES, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            add(
                f"field '{fname}' has an unknown type {ftype!r}",
                f"use one of {', '.join(sorted(KNOWN_TYPES))}{hint}",
                fname,
            )
        constraints = spec.get("constraints", {})
        if not isinstance(constraints, dict):
            add(
                f"field '{fname}': \"constraints\" must be a JSON object",
                'write "constraints": {"required": true}',
                fname,
            )
            continue
        if "enum" in constraints and not _nonempty_list(constraints["enum"]):
            add(
                f"field '{fname}': \"enum\" must be a non-empty list",
                'write "enum": ["a", "b"]',
                fname,
            )
        if "pattern" in constraints:
            try:
                re.compile(str(constraints["pattern"]))
            except re.error as err:
                add(
                    f"field '{fname}': the pattern does not compile ({err})",
                    "correct the regular expression",
                    fname,
                )
        if fname == "provenance" and (
            ftype != "string" or sorted(constraints.get("enum") or []) != sorted(PROVENANCE_VALUES)
        ):
            add(
                "the provenance field must be a string with "
                f'"enum": {json.dumps(list(PROVENANCE_VALUES))}',
                'write {"name": "provenance", "type": "string", "constraints": {"required": '
                'true, "enum": ["reported", "illustrative"]}}',
                fname,
            )
    primary = _as_list(schema.get("primaryKey"))
    for key in primary:
        if key not in field_names:
            add(
                f"primaryKey names '{key}', which is not a field",
                "list only field names in primaryKey",
                key,
            )
    for fk in schema.get("foreignKeys") or []:
        if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
            add(
                "a foreignKeys entry is malformed",
                'write {"fields": ["part_of"], "reference": {"resource": "", "fields": ["id"]}}',
            )
            continue
        for key in _as_list(fk.get("fields")):
            if key not in field_names:
                add(
                    f"foreignKeys names '{key}', which is not a field",
                    "list only field names in foreignKeys",
                    key,
                )
        target = fk["reference"].get("resource", "")
        if target not in ("", name) and target not in names:
            add(
                f"a foreign key refers to resource '{target}', which does not exist",
                f"use one of: {', '.join(str(n) for n in names)}",
            )
    return out


def _nonempty_list(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _usable(resource: Any) -> bool:
    """Whether a resource descriptor has the path and inline schema a read needs."""
    return (
        isinstance(resource, dict)
        and isinstance(resource.get("path"), str)
        and isinstance(resource.get("schema"), dict)
        and _nonempty_list(resource["schema"].get("fields"))
    )


def _resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        r["name"]: r
        for r in descriptor.get("resources") or []
        if isinstance(r, dict) and isinstance(r.get("name"), str)
    }


# --------------------------------------------------------------------------- quick typed read


@dataclass
class Table:
    """A resource read by :func:`read_table`: its typed frame and what was wrong with it."""

    name: str
    file: str
    frame: Any  # pandas.DataFrame, or None when the file could not be read at all
    problems: list[Problem]
    house_problems: list[Problem]
    layout_problems: list[Problem]  # header, blank rows, rows of the wrong length
    complete: bool  # False when the schema uses features the quick check does not cover
    readable: bool  # False when the file is missing or not UTF-8 CSV


def fast_supported(resource: dict[str, Any]) -> bool:
    """Whether :func:`read_table` checks every rule of this resource's schema itself."""
    if set(resource) & {"dialect", "compression", "data"}:
        return False
    encoding = str(resource.get("encoding", "utf-8")).lower().replace("_", "-")
    if encoding not in ("utf-8", "utf-8-sig"):
        return False
    return all(_field_fast(spec) for spec in resource["schema"]["fields"])


def _field_fast(spec: dict[str, Any]) -> bool:
    return (
        spec.get("type", "string") in FAST_TYPES
        and not set(spec) - FAST_FIELD_KEYS
        and spec.get("format", "default") == "default"
        and not set(spec.get("constraints", {})) - FAST_CONSTRAINTS
    )


def read_table(
    descriptor: dict[str, Any],
    name: str,
    basedir: Path,
    _others: dict[str, Table] | None = None,
) -> Table:
    """Read one resource into a typed :class:`pandas.DataFrame` and check it against its schema.

    Column types: ``integer`` and ``year`` → ``Int64``; ``number`` → ``float64``;
    ``boolean`` → ``boolean``; ``date`` and ``datetime`` → ``datetime64``; ``string``
    and anything else → ``string``. Columns come in schema order. A cell that breaks the
    schema is reported and left missing in the frame.
    """
    import pandas as pd

    resource = _resources(descriptor)[name]
    path = basedir / resource["path"]
    label = display_path(path)
    schema = resource["schema"]
    fields = [f for f in schema["fields"] if isinstance(f, dict) and "name" in f]
    missing_values = set(schema.get("missingValues", [""]))
    table = Table(name, label, None, [], [], [], fast_supported(resource), True)

    header, rows, read_problems = _read_csv(path, label)
    if header is None:
        table.problems.extend(read_problems)
        table.readable = False
        return table
    table.problems.extend(read_problems)
    table.layout_problems = _header_problems(header, fields, label, schema.get("fieldsMatch"))

    position = {h: i for i, h in enumerate(header) if h}
    width = len(header)
    kept: list[tuple[int, list[str]]] = []
    for row_number, cells in rows:
        if all(c in missing_values for c in cells):
            table.layout_problems.append(
                Problem("the row is blank", label, row_number, fix="delete the blank row")
            )
            continue
        if len(cells) != width:
            table.layout_problems.append(_width_problem(label, row_number, len(cells), width))
            continue
        kept.append((row_number, cells))
    table.problems.extend(table.layout_problems)
    row_numbers = [r for r, _ in kept]

    columns: dict[str, Any] = {}
    raw: dict[str, list[str | None]] = {}
    for spec in fields:
        fname = spec["name"]
        fast = _field_fast(spec)
        ftype = spec.get("type", "string") if fast else "string"  # the full check covers it
        if fname in position:
            values = [c[position[fname]] for _, c in kept]
            values = [None if v in missing_values else v for v in values]
        else:
            values = [None] * len(kept)
        if fname in position:  # keys and house rules look only at columns the file has
            raw[fname] = values
        typed, bad = _convert(values, ftype, spec)
        for i in bad:
            table.problems.append(
                Problem(
                    f"{values[i]!r} is not a valid {ftype}",
                    label,
                    row_numbers[i],
                    fname,
                    _TYPE_FIX.get(ftype, f"write a valid {ftype}"),
                )
            )
        columns[fname] = (typed, ftype)
        if fname in position and fast:
            table.problems.extend(
                _constraint_problems(values, typed, bad, spec, label, row_numbers)
            )

    table.problems.extend(
        _key_problems(descriptor, resource, raw, fields, label, row_numbers, basedir, _others)
    )
    frame = pd.DataFrame(
        {fname: _to_series(values, ftype) for fname, (values, ftype) in columns.items()}
    )
    present = [c for c in frame.columns if c in position]
    table.house_problems = _house_problems(frame[present], label, row_numbers)
    table.problems.extend(table.house_problems)
    table.problems.sort(key=_order(fields))
    table.frame = frame
    return table


def _read_csv(
    path: Path, label: str
) -> tuple[list[str] | None, list[tuple[int, list[str]]], list[Problem]]:
    if not path.is_file():
        return (
            None,
            [],
            [
                Problem(
                    "the file is missing",
                    label,
                    fix=f'restore {path.name}, or correct the resource\'s "path" in {PACKAGE_FILE}',
                )
            ],
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return (
            None,
            [],
            [
                Problem(
                    f"the file is not UTF-8 text (byte 0x{data[err.start]:02x})",
                    label,
                    line,
                    fix="save it as 'CSV UTF-8' (in Excel: Save As, CSV UTF-8)",
                )
            ],
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, None)
        if header is None:
            return (
                None,
                [],
                [
                    Problem(
                        "the file is empty",
                        label,
                        1,
                        fix="write the header row with the column names",
                    )
                ],
            )
        for number, cells in enumerate(reader, start=2):
            rows.append((number, cells))
    except csv.Error as err:
        return (
            None,
            [],
            [
                Problem(
                    f"cannot read the CSV: {err}",
                    label,
                    reader.line_num,
                    fix="check the quotes on this line",
                )
            ],
        )
    return header, rows, []


def _header_problems(
    header: list[str], fields: list[dict[str, Any]], label: str, match: str | None = None
) -> list[Problem]:
    """Missing, extra, unnamed and repeated columns. Columns are matched by name, in any
    order; the schema's ``fieldsMatch`` (datapackage v2) may allow extra columns
    (``subset``, ``partial``) or missing optional ones (``superset``, ``partial``)."""
    allow_extra = match in ("subset", "partial")
    allow_missing = match in ("superset", "partial")
    out = []
    names = [f["name"] for f in fields]
    seen: set[str] = set()
    for index, text in enumerate(header, start=1):
        if not text.strip():
            out.append(
                Problem(
                    f"column {index} has no name in the header",
                    label,
                    1,
                    fix="write the column name, or delete the empty column",
                )
            )
        elif text in seen:
            out.append(
                Problem(
                    "the column name appears twice in the header",
                    label,
                    1,
                    text,
                    fix="rename or delete one of the two columns",
                )
            )
        elif text not in names and not allow_extra:
            close = difflib.get_close_matches(text, names, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            out.append(
                Problem(
                    "the column is not in the schema",
                    label,
                    1,
                    text,
                    fix=f"add it to the schema in datapackage.json, or delete the column{hint}",
                )
            )
        seen.add(text)
    for spec in fields:
        required = spec.get("constraints", {}).get("required")
        if spec["name"] not in header and not (allow_missing and not required):
            out.append(
                Problem(
                    ("the required column is missing" if required else "the column is missing"),
                    label,
                    1,
                    spec["name"],
                    fix=f"add a column '{spec['name']}' to the header"
                    + ("" if required else " (its cells may stay empty)"),
                )
            )
    return out


def _width_problem(label: str, row: int, got: int, width: int) -> Problem:
    if got < width:
        return Problem(
            f"the row has {got} values but the header has {width} columns",
            label,
            row,
            fix="add the missing values (empty cells still need their commas)",
        )
    return Problem(
        f"the row has {got} values but the header has {width} columns",
        label,
        row,
        fix="put quotes around values that contain commas, or remove the extra values",
    )


def _convert(values: list[str | None], ftype: str, spec: dict[str, Any]) -> tuple[list, list[int]]:
    """Cast text cells to Python values; return the values and the indexes that failed."""
    out: list[Any] = []
    bad: list[int] = []
    true_values = set(spec.get("trueValues", DEFAULT_TRUE))
    false_values = set(spec.get("falseValues", DEFAULT_FALSE))
    for i, text in enumerate(values):
        value: Any = None
        if text is not None:
            try:
                value = _cast(text, ftype, true_values, false_values)
            except ValueError:
                bad.append(i)
                value = None
        out.append(value)
    return out, bad


def _cast(text: str, ftype: str, true_values: set[str], false_values: set[str]) -> Any:
    if ftype == "integer":
        if not _INTEGER.match(text):
            raise ValueError(text)
        return int(text)
    if ftype == "year":
        if not _YEAR.match(text):
            raise ValueError(text)
        return int(text)
    if ftype == "number":
        if not _NUMBER.match(text):
            raise ValueError(text)
        return float(text)
    if ftype == "boolean":
        if text in true_values:
            return True
        if text in false_values:
            return False
        raise ValueError(text)
    if ftype == "date":
        if not _DATE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    if ftype == "datetime":
        return dt.datetime.fromisoformat(text)
    return text


def _to_series(values: list[Any], ftype: str) -> Any:
    import pandas as pd

    if ftype in ("integer", "year"):
        return pd.array(values, dtype="Int64")
    if ftype == "number":
        return pd.array([math.nan if v is None else v for v in values], dtype="float64")
    if ftype == "boolean":
        return pd.array(values, dtype="boolean")
    if ftype in ("date", "datetime"):
        return pd.to_datetime(pd.Series(values, dtype="object"))
    return pd.array(values, dtype="string")


def _constraint_problems(
    values: list[str | None],
    typed: list[Any],
    bad: list[int],
    spec: dict[str, Any],
    label: str,
    rows: list[int],
) -> list[Problem]:
    name = spec["name"]
    ftype = spec.get("type", "string")
    rules = spec.get("constraints", {})
    out: list[Problem] = []
    skip = set(bad)
    first_seen: dict[Any, int] = {}
    enum = rules.get("enum")
    enum_typed = None
    if enum is not None:
        enum_typed, _ = _convert([str(e) for e in enum], ftype, spec)
    pattern = re.compile(str(rules["pattern"])) if "pattern" in rules else None
    for i, (text, value) in enumerate(zip(values, typed, strict=True)):
        if i in skip:
            continue
        if text is None:
            if rules.get("required"):
                out.append(
                    Problem(
                        "the value is missing",
                        label,
                        rows[i],
                        name,
                        fix="fill in this cell: the column is required",
                    )
                )
            continue
        if enum_typed is not None and value not in enum_typed:
            close = difflib.get_close_matches(text, [str(e) for e in enum], n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            out.append(
                Problem(
                    f"{text!r} is not an allowed value",
                    label,
                    rows[i],
                    name,
                    fix=f"use one of: {', '.join(str(e) for e in enum)}{hint}",
                )
            )
        if pattern is not None and not pattern.fullmatch(text):
            fix = (
                "use lowercase letters, digits and underscores, e.g. hn_project"
                if rules["pattern"].startswith("^[a-z0-9]")
                else f"make it match the pattern {rules['pattern']}"
            )
            out.append(
                Problem(
                    f"{text!r} does not match the pattern {rules['pattern']}",
                    label,
                    rows[i],
                    name,
                    fix=fix,
                )
            )
        for key, word, test in (
            ("minimum", "less than the minimum", lambda v, b: v < b),
            ("maximum", "more than the maximum", lambda v, b: v > b),
        ):
            if key in rules and value is not None:
                bound = _convert([str(rules[key])], ftype, spec)[0][0]
                if bound is not None and test(value, bound):
                    out.append(
                        Problem(
                            f"{text} is {word} {rules[key]}",
                            label,
                            rows[i],
                            name,
                            fix=f"check the value; the schema allows {key} {rules[key]}",
                        )
                    )
        for key, word, test in (
            ("minLength", "shorter than", lambda n, b: n < b),
            ("maxLength", "longer than", lambda n, b: n > b),
        ):
            if key in rules and test(len(text), int(rules[key])):
                out.append(
                    Problem(
                        f"the text is {word} {rules[key]} characters",
                        label,
                        rows[i],
                        name,
                        fix=f"check the value ({key} {rules[key]})",
                    )
                )
        if rules.get("unique"):
            if value in first_seen:
                out.append(
                    Problem(
                        f"{text!r} repeats the value of row {first_seen[value]}",
                        label,
                        rows[i],
                        name,
                        fix="every value in this column must be different",
                    )
                )
            else:
                first_seen[value] = rows[i]
    return out


def _key_problems(
    descriptor: dict[str, Any],
    resource: dict[str, Any],
    raw: dict[str, list[str | None]],
    fields: list[dict[str, Any]],
    label: str,
    rows: list[int],
    basedir: Path,
    others: dict[str, Table] | None,
) -> list[Problem]:
    schema = resource["schema"]
    out: list[Problem] = []
    primary = [k for k in _as_list(schema.get("primaryKey")) if k in raw]
    unique_already = len(primary) == 1 and next(
        (f.get("constraints", {}).get("unique") for f in fields if f["name"] == primary[0]), False
    )
    if primary:
        seen: dict[tuple, int] = {}
        for i in range(len(rows)):
            key = tuple(raw[k][i] for k in primary)
            required = {f["name"] for f in fields if f.get("constraints", {}).get("required")}
            for k, v in zip(primary, key, strict=True):
                if v is None and k not in required:
                    out.append(
                        Problem(
                            "the value is missing; it is part of the primary key",
                            label,
                            rows[i],
                            k,
                            fix="fill in this cell",
                        )
                    )
            if None in key or unique_already:
                continue
            if key in seen:
                out.append(
                    Problem(
                        f"repeats the primary key of row {seen[key]}",
                        label,
                        rows[i],
                        ", ".join(primary),
                        fix="make every row's key different",
                    )
                )
            else:
                seen[key] = rows[i]
    for fk in schema.get("foreignKeys") or []:
        keys = _as_list(fk.get("fields"))
        ref = fk.get("reference", {})
        target = ref.get("resource", "") or resource["name"]
        ref_fields = _as_list(ref.get("fields"))
        if any(k not in raw for k in keys):
            continue
        if target == resource["name"]:
            if any(k not in raw for k in ref_fields):
                continue
            allowed = {tuple(raw[k][i] for k in ref_fields) for i in range(len(rows))}
            where = "this table"
        else:
            if not _usable(_resources(descriptor).get(target)):
                continue  # the descriptor check reports what is wrong with that resource
            others = {} if others is None else others
            if target not in others:
                others[target] = read_table(descriptor, target, basedir, others)
            other = others[target]
            if other.frame is None or any(k not in other.frame.columns for k in ref_fields):
                continue
            allowed = set(
                other.frame[ref_fields].astype("string").itertuples(index=False, name=None)
            )
            where = f"resource '{target}'"
        for i in range(len(rows)):
            key = tuple(raw[k][i] for k in keys)
            if all(v is None for v in key):
                continue
            if key not in allowed:
                shown = ", ".join(str(v) for v in key)
                ref = "/".join(ref_fields)
                out.append(
                    Problem(
                        f"'{shown}' is not an existing {ref} in {where}",
                        label,
                        rows[i],
                        ", ".join(keys),
                        fix=f"use an existing {ref} of {where}, or leave it empty",
                    )
                )
    return out


def _house_problems(frame: Any, label: str, rows: list[int]) -> list[Problem]:
    """jlp's own rules, beyond the Table Schema (see the module docstring)."""
    out: list[Problem] = []
    columns = set(frame.columns)
    if {"provenance", "source"} <= columns:
        for i, (prov, src) in enumerate(zip(frame["provenance"], frame["source"], strict=True)):
            if prov == "reported" and (_isna(src) or not str(src).strip()):
                out.append(
                    Problem(
                        "the row is marked reported but names no source",
                        label,
                        rows[i],
                        "source",
                        fix="write the paper's box or section (e.g. 'Box 1', 'Honduras section'), "
                        "or mark the row illustrative",
                    )
                )
    if {"value", "value_high"} <= columns:
        qualifiers = frame["qualifier"] if "qualifier" in columns else [None] * len(frame)
        for i, (low, high, qual) in enumerate(
            zip(frame["value"], frame["value_high"], qualifiers, strict=True)
        ):
            has_high = high is not None and not _isna(high)
            if has_high and not _isna(low) and high < low:
                out.append(
                    Problem(
                        f"value_high {high:g} is below value {low:g}",
                        label,
                        rows[i],
                        "value_high",
                        fix="put the low end in value, the high end in value_high",
                    )
                )
            if "qualifier" in columns and not _isna(qual):
                if has_high and qual != "between":
                    out.append(
                        Problem(
                            f"a range (value_high) needs the qualifier 'between', not {qual!r}",
                            label,
                            rows[i],
                            "qualifier",
                            fix="write between, or empty value_high",
                        )
                    )
                if not has_high and qual == "between":
                    out.append(
                        Problem(
                            "the qualifier 'between' needs a value_high",
                            label,
                            rows[i],
                            "value_high",
                            fix="write the high end of the range",
                        )
                    )
    return out


def _isna(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _order(fields: list[dict[str, Any]]):
    index = {f["name"]: i for i, f in enumerate(fields)}

    def key(p: Problem) -> tuple[int, int]:
        first = (p.column or "").split(", ")[0]
        return (p.row or 0, index.get(first, -1))

    return key


# --------------------------------------------------------------------------- full check


def package_report(path: str | Path) -> PackageReport:
    """Check a whole package with frictionless and the house rules; count each table's rows.

    ``path`` is the folder holding ``datapackage.json`` or the file itself.
    """
    pfile = package_file(path)
    report = PackageReport(display_path(pfile))
    descriptor, found = read_descriptor(pfile)
    report.problems.extend(found.pop(None, []))
    if descriptor is None:
        return report
    basedir = pfile.parent
    described = {
        (basedir / r["path"]).resolve()
        for r in _resources(descriptor).values()
        if isinstance(r.get("path"), str)
    }
    report.undescribed = sorted(
        p.name for p in basedir.glob("*.csv") if p.resolve() not in described
    )
    ready = [name for name, problems in found.items() if not problems]
    for problems in found.values():
        report.problems.extend(problems)
    if not report.problems:
        report.problems.extend(_profile_problems(descriptor, report.package_file))
    tables = {name: read_table(descriptor, name, basedir) for name in ready}
    readable = [n for n in ready if tables[n].readable]
    full = frictionless_problems(descriptor, readable, basedir, report.package_file)
    for name in ready:
        table = tables[name]
        if not table.readable:
            report.problems.extend(table.problems)
            continue
        report.problems.extend(_merge(table, full.get(name, [])))
        report.rows[name] = 0 if table.frame is None else len(table.frame)
    report.problems.extend(full.get(None, []))
    return report


def check_package(path: str | Path) -> list[Problem]:
    """Every problem in the data package at ``path`` (a folder or its ``datapackage.json``).

    An empty list means the package is valid: each CSV matches its schema and the house
    rules hold. Nothing is written.

    >>> from jlp.datasets import data_dir
    >>> check_package(data_dir())
    []
    """
    return package_report(path).problems


def check_resource(descriptor: dict[str, Any], name: str, basedir: Path) -> list[Problem]:
    """The full (frictionless + house rules) problems of one resource of a read descriptor."""
    table = read_table(descriptor, name, basedir)
    if not table.readable:
        return table.problems
    label = display_path(basedir / PACKAGE_FILE)
    full = frictionless_problems(descriptor, [name], basedir, label)
    return full.get(None, []) + _merge(table, full.get(name, []))


def _merge(table: Table, full: list[Problem]) -> list[Problem]:
    """The layout problems (from the quick read), frictionless's cell problems, the house rules.

    Cell problems in a row that is blank or has the wrong number of values are dropped:
    the row-level problem explains them.
    """
    broken = {p.row for p in table.layout_problems if p.row not in (None, 1)}
    cells = [p for p in full if p.row not in broken]
    fields = table.frame.columns.tolist() if table.frame is not None else []
    return sorted(
        table.layout_problems + cells + table.house_problems,
        key=_order([{"name": f} for f in fields]),
    )


def _profile_problems(descriptor: dict[str, Any], label: str) -> list[Problem]:
    import frictionless

    report = frictionless.Package.validate_descriptor(copy.deepcopy(descriptor))
    return [
        Problem(
            f"does not follow the Data Package standard: {e.note}",
            label,
            fix="see https://datapackage.org/standard/data-package/",
        )
        for e in report.errors
    ]


def frictionless_problems(
    descriptor: dict[str, Any], names: Iterable[str], basedir: Path, package_label: str
) -> dict[str | None, list[Problem]]:
    """Validate the named resources' rows with frictionless; problems keyed by resource name.

    Header problems (missing or extra columns) are left to :func:`read_table`, which
    reports each once; frictionless matches columns by name (``fieldsMatch: partial``).
    """
    import frictionless

    names = list(names)
    out: dict[str | None, list[Problem]] = {None: []}
    if not names:
        return out
    by_name = _resources(descriptor)
    subset = copy.deepcopy(descriptor)
    wanted = list(names)
    for n in names:  # the tables that foreign keys point at must be in the package too
        for fk in by_name[n]["schema"].get("foreignKeys") or []:
            target = (fk.get("reference") or {}).get("resource", "")
            if target in by_name and target not in wanted and _usable(by_name[target]):
                wanted.append(target)
    subset["resources"] = [copy.deepcopy(by_name[n]) for n in wanted]
    for resource in subset["resources"]:
        # Match columns by name; read_table has reported missing and extra columns already.
        resource["schema"]["fieldsMatch"] = "partial"
        # A key into a table whose descriptor is broken cannot be checked; that table's
        # own problem is reported by the descriptor check.
        keys = resource["schema"].get("foreignKeys") or []
        resource["schema"]["foreignKeys"] = [
            fk
            for fk in keys
            if (fk.get("reference") or {}).get("resource", "") in ("", resource["name"], *wanted)
        ]
        if not resource["schema"]["foreignKeys"]:
            del resource["schema"]["foreignKeys"]
    try:
        package = frictionless.Package(subset, basepath=str(basedir))
    except frictionless.FrictionlessException as exc:
        reasons = exc.reasons or [exc.error]
        out[None] = [
            Problem(
                f"frictionless cannot read the descriptor: {r.note}",
                package_label,
                fix="correct the resource or schema named in the message",
            )
            for r in reasons
        ]
        return out
    for resource in package.resources:
        if resource.name not in names:
            continue
        label = display_path(basedir / resource.path)
        fields = {f["name"]: f for f in by_name[resource.name]["schema"]["fields"]}
        try:
            report = resource.validate()
        except frictionless.FrictionlessException as exc:
            out[resource.name] = [
                Problem(
                    f"frictionless cannot validate: {exc.error.note}",
                    label,
                    fix="check the file and its schema",
                )
            ]
            continue
        errors = [e for task in report.tasks for e in task.errors] + list(report.errors)
        out[resource.name] = _map_errors(errors, label, fields, by_name[resource.name])
    return out


_LABEL_ERRORS = {
    "missing-label",
    "extra-label",
    "blank-label",
    "duplicate-label",
    "incorrect-label",
    "blank-header",
}


def _map_errors(
    errors: list[Any], label: str, fields: dict[str, dict[str, Any]], resource: dict[str, Any]
) -> list[Problem]:
    """Turn frictionless errors into one Problem per problem, with a fix."""
    out: list[Problem] = []
    unique_rows = {e.row_number for e in errors if e.type == "unique-error"}
    primary = _as_list(resource["schema"].get("primaryKey"))
    for e in errors:
        kind = e.type
        row = getattr(e, "row_number", None)
        column = getattr(e, "field_name", None) or None
        cell = getattr(e, "cell", None)
        if kind in _LABEL_ERRORS or kind in ("missing-cell", "extra-cell", "blank-row"):
            continue  # read_table reports the header and the row layout once
        spec = fields.get(column or "", {})
        if kind == "type-error":
            ftype = spec.get("type", "value")
            out.append(
                Problem(
                    f"{cell!r} is not a valid {ftype}",
                    label,
                    row,
                    column,
                    _TYPE_FIX.get(ftype, f"write a valid {ftype}"),
                )
            )
        elif kind == "constraint-error":
            out.append(_constraint_from_note(e.note, cell, label, row, column, spec))
        elif kind == "unique-error":
            first = re.search(r"position (\d+)", e.note)
            out.append(
                Problem(
                    f"{cell!r} repeats the value of row {first.group(1) if first else '?'}",
                    label,
                    row,
                    column,
                    fix="every value in this column must be different",
                )
            )
        elif kind == "primary-key":
            if row in unique_rows:
                continue
            first = re.search(r"position (\d+)", e.note)
            out.append(
                Problem(
                    f"repeats the primary key of row {first.group(1) if first else '?'}",
                    label,
                    row,
                    ", ".join(primary),
                    fix="make every row's key different",
                )
            )
        elif kind == "foreign-key":
            out.append(_foreign_from_note(e.note, label, row, resource))
        elif kind == "encoding-error":
            out.append(
                Problem(
                    "the file is not UTF-8 text",
                    label,
                    fix="save it as 'CSV UTF-8' (in Excel: Save As, CSV UTF-8)",
                )
            )
        elif kind in ("scheme-error", "source-error"):
            out.append(
                Problem(
                    "the file is missing or cannot be opened",
                    label,
                    fix='restore the file or correct the resource\'s "path"',
                )
            )
        else:
            out.append(
                Problem(
                    f"{e.title}: {e.note}" if e.note else e.message,
                    label,
                    row,
                    column,
                    fix=f"see the frictionless documentation for '{kind}' errors",
                )
            )
    return out


def _constraint_from_note(
    note: str, cell: Any, label: str, row: int | None, column: str | None, spec: dict[str, Any]
) -> Problem:
    match = re.match(r'constraint "(\w+)" is "(.*)"$', note or "")
    rule = match.group(1) if match else ""
    rules = spec.get("constraints", {})
    if rule == "required":
        return Problem(
            "the value is missing",
            label,
            row,
            column,
            fix="fill in this cell: the column is required",
        )
    if rule == "enum":
        choices = [str(v) for v in rules.get("enum", [])]
        close = difflib.get_close_matches(str(cell), choices, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return Problem(
            f"{cell!r} is not an allowed value",
            label,
            row,
            column,
            fix=f"use one of: {', '.join(choices)}{hint}",
        )
    if rule == "pattern":
        pattern = str(rules.get("pattern", match.group(2) if match else ""))
        fix = (
            "use lowercase letters, digits and underscores, e.g. hn_project"
            if pattern.startswith("^[a-z0-9]")
            else f"make it match the pattern {pattern}"
        )
        return Problem(
            f"{cell!r} does not match the pattern {pattern}", label, row, column, fix=fix
        )
    if rule in ("minimum", "maximum"):
        word = "less than the minimum" if rule == "minimum" else "more than the maximum"
        return Problem(
            f"{cell} is {word} {rules.get(rule)}",
            label,
            row,
            column,
            fix=f"check the value; the schema allows {rule} {rules.get(rule)}",
        )
    if rule in ("minLength", "maxLength"):
        word = "shorter than" if rule == "minLength" else "longer than"
        return Problem(
            f"the text is {word} {rules.get(rule)} characters",
            label,
            row,
            column,
            fix=f"check the value ({rule} {rules.get(rule)})",
        )
    return Problem(
        f"{cell!r} breaks the constraint {note}",
        label,
        row,
        column,
        fix="check the value against the schema",
    )


def _foreign_from_note(note: str, label: str, row: int | None, resource: dict[str, Any]) -> Problem:
    match = re.search(
        r'for "([^"]*)": values "([^"]*)" not found in the lookup table "([^"]*)" '
        r'as "([^"]*)"',
        note or "",
    )
    if not match:
        return Problem(
            f"breaks a foreign key: {note}",
            label,
            row,
            fix="use a value that exists in the referenced table",
        )
    keys, values, target, ref = match.groups()
    where = "this table" if target in ("", resource["name"]) else f"resource '{target}'"
    ref_fields = ref.replace(", ", "/")
    return Problem(
        f"'{values}' is not an existing {ref_fields} in {where}",
        label,
        row,
        keys,
        fix=f"use an existing {ref_fields} of {where}, or leave it empty",
    )


__all__ = [
    "PACKAGE_FILE",
    "PROVENANCE_VALUES",
    "PackageReport",
    "Table",
    "check_package",
    "check_resource",
    "display_path",
    "frictionless_problems",
    "package_file",
    "package_report",
    "read_descriptor",
    "read_table",
]
