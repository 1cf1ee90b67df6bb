"""Check a Frictionless Data Package (``datapackage.json`` + CSV files) and report every problem.

`frictionless <https://framework.frictionlessdata.io/>`_ validates each table against its
Table Schema (types, constraints, primary and foreign keys, header and row layout); this
module turns its errors into :class:`jlp.errors.Problem` records naming the file, the row
(spreadsheet style: the header is row 1) and the column, with a fix. Columns are matched
by name in any order (``fieldsMatch: equal``, unless a schema says otherwise); files are
read as UTF-8 unless a resource names another ``encoding``.

jlp's house rules, which the standard does not have: the package has ``licenses``; every
resource has a ``name``, a ``path``, ``sources`` and an inline schema with fields; a
``provenance`` field is a string with the enum ``reported`` / ``illustrative``; a row
marked ``reported`` names the paper's box or section (in ``reference`` where a table has
that column, else in ``source``); a range (``value_high``) is not below ``value`` and goes
with the qualifier ``between``. Nothing here writes a file.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "datapackage.json").write_text('{"name": "x", "resources": [}')
>>> [p.message for p in check_package(folder)]
['not valid JSON: Expecting value (line 1, character 29)']
"""

from __future__ import annotations

import copy
import csv
import errno
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from jlp.errors import Problem
from jlp.i18n import Messages
from jlp.text import closest, printable

PACKAGE_FILE = "datapackage.json"
PROVENANCE_VALUES = ("reported", "illustrative")
#: Where a ``reported`` row names its box or section: the first of these columns a table has.
CITATION_COLUMNS = ("reference", "source")

_SPEC = "see https://datapackage.org/standard/"
# fmt: off
#: Every message and its fix, filled in with :meth:`str.format` (one place, for translations).
TEXT = Messages({
    # the descriptor
    "no-package": ("no datapackage.json here{gone}", "give the folder that holds datapackage.json"),
    "not-a-folder": ("this is a file, not a folder holding datapackage.json",
                     "give the folder that holds datapackage.json (or that file itself), "
                     "such as {parent}"),
    "too-deep": ("the JSON is nested too deeply to read (more than {depth} brackets inside "
                 "each other)", "a data package needs only a few levels: rewrite the file"),
    "url-path": ("resource '{name}': the \"path\" is a web address ({url})",
                 "jlp reads only files in the package's folder: download the table there and "
                 'write its file name as "path"'),
    "not-utf8-json": ("not UTF-8 text (byte {byte})", "save the file as UTF-8"),
    "not-json": ("not valid JSON: {msg} (line {line}, character {col})",
                 "look for a missing comma, quote or bracket just before that place"),
    "not-object": ("the top level must be a JSON object", 'write {{"resources": [...]}}'),
    "no-licenses": ('the package has no "licenses"', 'add "licenses": [{{"name": "CC-BY-4.0"}}]'),
    "no-resources": ('the package has no "resources"', 'list the tables under "resources": [...]'),
    "no-name": ('resources[{index}] has no "name"', "name it with a slug such as reported_figures"),
    "dup-name": ("two resources are named '{name}'", "give every resource its own name"),
    "no-path": ("resource '{name}': has no \"path\" to a CSV file", 'add "path": "{name}.csv"'),
    "no-sources": ("resource '{name}': has no \"sources\"",
                   'add "sources": [{{"title": "Ceglie, G. and Dini, M. (1999) ..."}}] naming '
                   "where the figures come from"),
    "no-schema": ("resource '{name}': has no \"schema\"{inline}",
                  'describe every column under "schema": {{"fields": [...]}}'),
    "provenance-field": ("resource '{name}': the provenance field must be a string with \"enum\": "
                         '["reported", "illustrative"]',
                         'write {{"name": "provenance", "type": "string", "constraints": '
                         '{{"required": true, "enum": ["reported", "illustrative"]}}}}'),
    "bad-pattern": ("resource '{name}': the pattern does not compile ({error})",
                    "correct the regular expression"),
    "unknown-type": ("resource '{name}': field '{column}' has an unknown type {kind!r}",
                     "use one of {kinds}{hint}"),
    "resource-error": ("resource '{name}': {note}", _SPEC + "data-resource/"),
    "field-error": ("resource '{name}': {note}", _SPEC + "table-schema/"),
    "package-error": ("does not follow the Data Package standard: {note}", _SPEC + "data-package/"),
    # the files: header and rows
    "folder-not-file": ("this is a folder, not a CSV file",
                        'correct the resource\'s "path" in datapackage.json to name the CSV '
                        "file, or move the folder away and restore {file}"),
    "file-loop": ("the file is a link that leads back to itself (a symbolic link loop)",
                  "replace the link with the CSV file itself"),
    "missing-file": ("the file is missing",
                     'restore {file}, or correct the resource\'s "path" in datapackage.json'),
    "empty-file": ("the file is empty", "write the header row with the column names"),
    "encoding-error": ("the file is not UTF-8 text{byte}",
                       "save it as 'CSV UTF-8' (in Excel: Save As, CSV UTF-8)"),
    "missing-label": ("the column is missing",
                      "add a column '{column}' to the header (its cells may stay empty)"),
    "missing-label:required": ("the required column is missing",
                               "add a column '{column}' to the header"),
    "extra-label": ("the column is not in the schema",
                    "add it to the schema in datapackage.json, or delete the column{hint}"),
    "blank-label": ("column {number} has no name in the header",
                    "write the column name, or delete the empty column"),
    "blank-row": ("the row is blank", "delete the blank row"),
    "missing-cell": ("the row has {got} values but the header has {width} columns",
                     "add the missing values (empty cells still need their commas)"),
    "extra-cell": ("the row has {got} values but the header has {width} columns",
                   "put quotes around values that contain commas, or remove the extra values"),
    # the cells
    "type-error": ("{cell!r} is not a valid {kind}", "write a valid {kind}"),
    "type-error:integer": ("{cell!r} is not a valid integer", "write a whole number such as 12 "
                           "(no decimals, spaces, units or thousands separators)"),
    "type-error:number": ("{cell!r} is not a valid number", "write a number such as 12.5 "
                          "(a dot for decimals; no spaces, units, % signs or separators)"),
    "type-error:year": ("{cell!r} is not a valid year", "write a four-digit year such as 1997"),
    "type-error:date": ("{cell!r} is not a valid date", "write YYYY-MM-DD, e.g. 1997-08-31"),
    "type-error:datetime": ("{cell!r} is not a valid datetime",
                            "write an ISO 8601 date and time such as 1997-08-31T12:00:00"),
    "type-error:boolean": ("{cell!r} is not a valid boolean", "write true or false"),
    "type-error:yearmonth": ("{cell!r} is not a valid yearmonth", "write YYYY-MM, e.g. 1997-08"),
    "required": ("the value is missing", "fill in this cell: the column is required"),
    "enum": ("{cell!r} is not an allowed value", "use one of: {choices}{hint}"),
    "pattern": ("{cell!r} does not match the pattern {bound}", "make it match the pattern {bound}"),
    "slug": ("{cell!r} does not match the pattern {bound}",
             "use lowercase letters, digits and underscores, e.g. hn_project"),
    "minimum": ("{cell} is less than the minimum {bound}",
                "check the value; the schema allows minimum {bound}"),
    "maximum": ("{cell} is more than the maximum {bound}",
                "check the value; the schema allows maximum {bound}"),
    "minLength": ("the text is shorter than {bound} characters", "check the value"),
    "maxLength": ("the text is longer than {bound} characters", "check the value"),
    "constraint-error": ("{cell!r} breaks the constraint {note}", "check the value"),
    "unique-error": ("{cell!r} repeats the value of row {first}",
                     "every value in this column must be different"),
    "primary-key": ("repeats the primary key of row {first}", "make every row's key different"),
    "empty-key": ("the value is missing; it is part of the primary key", "fill in this cell"),
    "foreign-key": ("'{values}' is not an existing {ref} in {where}",
                    "use an existing {ref} of {where}, or leave it empty"),
    "other": ("{note}", "see the frictionless documentation for '{type}' errors"),
    # the house rules for rows
    "unsourced": ("the row is marked reported but names no source",
                  "write the paper's box or section (e.g. 'Box 1', 'Honduras section'), "
                  "or mark the row illustrative"),
    "high-below": ("value_high {high:g} is below value {low:g}",
                   "put the low end in value, the high end in value_high"),
    "no-high": ("the qualifier 'between' needs a value_high", "write the high end of the range"),
    "not-between": ("a range (value_high) needs the qualifier 'between', not {qualifier!r}",
                    "write between, or empty value_high"),
})
# fmt: on
_FOREIGN_KEY_NOTE = re.compile(
    r'for "(.*)": values "(.*)" not found in the lookup table "(.*)" as "(.*)"'
)

#: Words that fill in the messages above (translated when read).
WORDS = Messages(
    {
        "no_folder": " (the folder {folder} does not exist)",
        "not_inline": ' written inline, with "fields"',
        "this_table": "this table",
        "resource": "resource '{target}'",
        "did_you_mean": " (did you mean '{name}'?)",
        "byte": " (byte 0x{byte:02x})",
    }
)
_ROW_LAYOUT = {"missing-cell", "extra-cell", "blank-row"}
_UNREADABLE = {"encoding-error", "scheme-error", "source-error"}
#: A resource path that names a place on the web (``https://…``, ``ftp://…``), not a file.
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def _resolved(path: Path) -> Path:
    """``path`` with its links followed, or as it stands when they loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a symbolic link loop (RuntimeError up to Python 3.12)
        return Path(os.path.abspath(path))


def _loops(path: Path) -> bool:
    """True when ``path`` is a symbolic link that leads back to itself."""
    try:
        path.resolve(strict=True)
    except (RuntimeError, OSError) as err:
        return isinstance(err, RuntimeError) or getattr(err, "errno", None) == errno.ELOOP
    return False


def frictionless() -> ModuleType:
    """Import frictionless without jsonschema's optional ``rfc3987_syntax`` dependency.

    When ``rfc3987_syntax`` is installed, jsonschema imports it to check the ``iri`` and
    ``iri-reference`` formats, and that module compiles Lark grammars at import: 2 to 13
    seconds in every new process (a known upstream problem). No descriptor of ours uses
    those formats, so we make that one import fail before jsonschema is first imported;
    jsonschema then leaves the two formats unchecked. All of jlp gets frictionless here.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import frictionless as module

    return module


def problem(
    key: str, file: str | None, row: int | None = None, column: str | None = None, /, **details: Any
) -> Problem:
    """The :class:`Problem` told by ``TEXT[key]``, filled in with ``column`` and ``details``.

    >>> str(problem("blank-row", "a.csv", 4))
    'a.csv, row 4: the row is blank (fix: delete the blank row)'
    """
    message, fix = (text.format(column=column, **details) for text in TEXT[key])
    return Problem(message, file, row, column, fix)


@dataclass
class PackageReport:
    """What :func:`package_report` found: the problems and the row count of each resource."""

    package_file: str
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    #: CSV files in the package folder that no resource describes (not an error: a note).
    undescribed: list[str] = field(default_factory=list)


@dataclass
class Checked:
    """What :func:`check_resources` found in one resource, and the text cells it read."""

    problems: list[Problem]
    header: list[str] | None = None  # None when the file was not read
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)


def display_path(path: str | Path) -> str:
    """Name a file for a message: relative to the working directory when inside it.

    >>> display_path(Path.cwd() / "datasets" / "projects.csv")
    'datasets/projects.csv'
    """
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
    """Read ``datapackage.json`` and apply the house rules to it (quick: no frictionless).

    Returns the descriptor (``None`` when it cannot be read) and the problems found, keyed
    by resource name (``None`` for the package as a whole).
    """
    given = Path(path)
    if given.is_file() and given.suffix != ".json":
        parent = display_path(given.parent)
        return None, {None: [problem("not-a-folder", display_path(given), parent=parent)]}
    pfile = package_file(path)
    label = display_path(pfile)
    top: list[Problem] = []
    found: dict[str | None, list[Problem]] = {None: top}
    if not pfile.is_file():
        where = pfile.parent
        gone = "" if where.is_dir() else WORDS["no_folder"].format(folder=display_path(where))
        return None, {None: [problem("no-package", label, gone=gone)]}
    try:
        descriptor = json.loads(pfile.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        return None, {None: [problem("not-utf8-json", label, byte=err.start)]}
    except json.JSONDecodeError as err:
        return None, {
            None: [problem("not-json", label, msg=err.msg, line=err.lineno, col=err.colno)]
        }
    except RecursionError:
        return None, {None: [problem("too-deep", label, depth=sys.getrecursionlimit())]}
    if not isinstance(descriptor, dict):
        return None, {None: [problem("not-object", label)]}
    if not _filled(descriptor.get("licenses")):
        top.append(problem("no-licenses", label))
    if not _filled(descriptor.get("resources")):
        return descriptor, {None: [*top, problem("no-resources", label)]}
    for index, resource in enumerate(descriptor["resources"]):
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str) or not name:
            top.append(problem("no-name", label, index=index))
        elif name in found:
            top.append(problem("dup-name", label, name=name))
        else:
            found[name] = _house_descriptor_rules(resource, label)
    return descriptor, found


def _house_descriptor_rules(resource: dict[str, Any], label: str) -> list[Problem]:
    name, schema, where = resource["name"], resource.get("schema"), resource.get("path")
    out = [] if isinstance(where, str) else [problem("no-path", label, name=name)]
    if isinstance(where, str) and _URL.match(where):
        out.append(problem("url-path", label, name=name, url=where))
    if not _filled(resource.get("sources")):
        out.append(problem("no-sources", label, name=name))
    if not isinstance(schema, dict) or not _filled(schema.get("fields")):
        inline = "" if schema is None else WORDS["not_inline"]
        return [*out, problem("no-schema", label, name=name, inline=inline)]
    for spec in (s for s in schema["fields"] if isinstance(s, dict)):
        rules = spec.get("constraints") if isinstance(spec.get("constraints"), dict) else {}
        if spec.get("name") == "provenance" and (
            spec.get("type", "string") != "string"
            or sorted(rules.get("enum") or []) != sorted(PROVENANCE_VALUES)
        ):
            out.append(problem("provenance-field", label, None, "provenance", name=name))
        try:  # frictionless 5 stops with a traceback on a pattern that does not compile
            re.compile(str(rules.get("pattern", "")))
        except re.error as err:
            out.append(problem("bad-pattern", label, None, spec.get("name"), name=name, error=err))
    return out


def _filled(value: Any) -> bool:
    return isinstance(value, list) and len(value) > 0


def _resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The resources by name (the first of a repeated name wins)."""
    resources = [r for r in descriptor.get("resources") or [] if isinstance(r, dict)]
    return {r["name"]: r for r in reversed(resources) if isinstance(r.get("name"), str)}


def _descriptor_problems(fl: ModuleType, resource: dict[str, Any], label: str) -> list[Problem]:
    """frictionless's check of one resource descriptor, its schema and its fields."""
    out = []
    for error in fl.Resource.validate_descriptor(copy.deepcopy(resource)).errors:
        kind, column, details = error.type, None, {"name": resource["name"], "note": error.note}
        if kind == "field-error":  # frictionless does not say which field: find it
            notes = {
                f.get("name"): [e.note for e in fl.Field.validate_descriptor(f).errors]
                for f in resource["schema"]["fields"]
            }
            column = next((name for name, found in notes.items() if error.note in found), None)
        unknown = re.fullmatch(r'field type "(.*)" is not supported', error.note)
        if unknown:
            kinds = {vars(c).get("type") for c in vars(fl.fields).values() if isinstance(c, type)}
            kinds = sorted(k for k in kinds if k)
            hint = _hint(unknown.group(1), kinds)
            details |= {"kind": unknown.group(1), "kinds": ", ".join(kinds), "hint": hint}
            kind = "unknown-type"
        out.append(
            problem(kind if kind in TEXT else "resource-error", label, None, column, **details)
        )
    return out


# --------------------------------------------------------------------------- checks


def package_report(path: str | Path) -> PackageReport:
    """Check a whole package with frictionless and the house rules; count each table's rows.

    ``path`` is the folder holding ``datapackage.json`` or the file itself.
    """
    pfile = package_file(path)
    report = PackageReport(display_path(pfile))
    descriptor, found = read_descriptor(path)
    report.problems = [p for problems in found.values() for p in problems]
    if descriptor is None:
        return report
    described = {
        _resolved(pfile.parent / str(r.get("path"))) for r in _resources(descriptor).values()
    }
    report.undescribed = sorted(
        p.name for p in pfile.parent.glob("*.csv") if _resolved(p) not in described
    )
    ready = [name for name, problems in found.items() if name is not None and not problems]
    for name, checked in check_resources(descriptor, ready, pfile.parent).items():
        report.problems.extend(checked.problems)
        if name is not None and checked.header is not None:
            report.rows[name] = len(checked.rows)
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


def check_resources(
    descriptor: dict[str, Any], names: Iterable[str], basedir: Path
) -> dict[str | None, Checked]:
    """Validate the named resources with frictionless and the house row rules.

    The names must have passed :func:`read_descriptor`'s house rules. Returns what was
    found for each name, and under ``None`` the problems of the package as a whole.
    """
    fl = frictionless()
    label = display_path(basedir / PACKAGE_FILE)
    by_name = _resources(descriptor)
    out: dict[str | None, Checked] = {None: Checked([])}
    for name in names:
        out[name] = Checked(_descriptor_problems(fl, by_name[name], label))
    wanted = [name for name in out if name is not None and not out[name].problems]
    for name in list(wanted):  # the tables that foreign keys point at go in too
        for target in _key_targets(by_name[name]):
            resource = by_name.get(target)
            if not resource or target in wanted or target in out:
                continue
            if not _house_descriptor_rules(resource, label) + _descriptor_problems(
                fl, resource, label
            ):
                wanted.append(target)
    subset = {k: v for k, v in descriptor.items() if k != "resources"}
    subset["resources"] = [_prepared(by_name[n], by_name, wanted) for n in wanted]
    try:
        package = fl.Package(subset, basepath=str(basedir))
    except fl.FrictionlessException as exc:
        out[None].problems = [
            problem("package-error", label, note=e.note) for e in exc.reasons or [exc.error]
        ]
        return out
    for name in (n for n in wanted if n in out):
        resource, checked = by_name[name], out[name]
        path = basedir / resource["path"]
        try:
            report = package.get_resource(name).validate()
            errors = [e for task in report.tasks for e in task.errors] + list(report.errors)
        except fl.FrictionlessException as exc:
            errors = [exc.error]
        readable = not any(e.type in _UNREADABLE for e in errors)
        if readable:
            checked.header, checked.rows = read_cells(resource, path)
        checked.problems = _map_errors(errors, resource, path, len(checked.header or []))
        if readable:
            checked.problems += _house_row_rules(checked, display_path(path))
        order = {f["name"]: i for i, f in enumerate(resource["schema"]["fields"])}
        checked.problems.sort(
            key=lambda p: (p.row or 0, order.get((p.column or "").split(", ")[0], -1))
        )
    return out


def _key_targets(resource: dict[str, Any]) -> list[Any]:
    keys = resource["schema"].get("foreignKeys") or []
    return [
        (fk.get("reference") or {}).get("resource") if isinstance(fk, dict) else None for fk in keys
    ]


def _prepared(resource: dict[str, Any], by_name: dict[str, Any], wanted: list[str]) -> dict:
    """A copy for frictionless: columns matched by name, UTF-8, keys into checked tables.

    A key into a table whose descriptor is broken cannot be checked (that table's own
    problem is reported); a key into a table that does not exist is left to frictionless.
    """
    prepared = copy.deepcopy(resource)
    prepared.setdefault("encoding", "utf-8")
    schema = prepared["schema"]
    schema.setdefault("fieldsMatch", "equal")
    keys = zip(schema.pop("foreignKeys", None) or [], _key_targets(resource), strict=True)
    if keys := [fk for fk, t in keys if t in ("", resource["name"], *wanted) or t not in by_name]:
        schema["foreignKeys"] = keys
    return prepared


def read_cells(
    resource: dict[str, Any], path: Path
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows (spreadsheet row number, text cells) of a resource's CSV file."""
    encoding = str(resource.get("encoding", "utf-8")).lower().replace("_", "-")
    encoding = "utf-8-sig" if encoding in ("utf-8", "utf8") else encoding  # a BOM is fine
    dialect = resource.get("dialect") if isinstance(resource.get("dialect"), dict) else {}
    with path.open(encoding=encoding, newline="") as handle:
        records = list(csv.reader(handle, delimiter=dialect.get("delimiter", ",")))
    return (records[0] if records else []), list(enumerate(records[1:], start=2))


# --------------------------------------------------------------------------- frictionless errors


def _map_errors(errors: list[Any], resource: dict[str, Any], path: Path, width: int) -> list:
    """One Problem per problem, with a fix (``width``: the header's length). A blank row or
    a row of the wrong length is reported once, without the cell errors it causes; a
    repeated key once, not twice."""
    label = display_path(path)
    primary = resource["schema"].get("primaryKey") or []
    primary = [primary] if isinstance(primary, str) else list(primary)
    broken = {e.row_number for e in errors if e.type in _ROW_LAYOUT}
    keyed = {
        getattr(e, "row_number", None)
        for e in errors
        if e.type == "unique-error" or getattr(e, "field_name", None) in primary
    }
    out: list[Problem] = []
    told: set[int] = set()
    for e in errors:
        row = getattr(e, "row_number", None)
        if row in broken:  # one problem for the row, none for the cells it shifts or empties
            if e.type not in _ROW_LAYOUT or row in told:
                continue
            told.add(row)
        elif e.type == "primary-key" and row in keyed:
            continue  # reported with the cell
        kind, details = _details(e, resource, path, width)
        column = details.pop("column", getattr(e, "field_name", None) or None)
        if kind == "empty-key":
            column = ", ".join(primary)
        out.append(problem(kind, label, details.pop("row", row), column, **details))
    return out


def _details(e: Any, resource: dict[str, Any], path: Path, width: int) -> tuple[str, dict]:
    """Which text of :data:`TEXT` tells frictionless error ``e``, and what fills it in."""
    specs = {f["name"]: f for f in resource["schema"]["fields"]}
    spec = specs.get(getattr(e, "field_name", None) or "", {})
    found = {"cell": getattr(e, "cell", None), "note": e.note, "type": e.type, "file": path.name}
    found["name"] = resource["name"]
    first = re.search(r"position (\d+)", e.note or "")
    if e.type == "type-error":
        kind = spec.get("type", "string")
        return next(k for k in (f"{e.type}:{kind}", e.type) if k in TEXT), found | {"kind": kind}
    if e.type == "constraint-error":
        rule = (re.match(r'constraint "(\w+)"', e.note) or [None, e.type])[1]
        bound = spec.get("constraints", {}).get(rule)
        if rule == "enum":
            found |= {"choices": ", ".join(map(str, bound)), "hint": _hint(e.cell, bound)}
        if rule == "pattern" and str(bound).startswith("^[a-z0-9]"):
            rule = "slug"
        return (rule if rule in TEXT else e.type), found | {"bound": bound}
    if e.type in ("unique-error", "primary-key"):
        return (e.type if first else "empty-key"), found | {"first": first and first.group(1)}
    if e.type == "foreign-key":
        keys, values, target, ref = _FOREIGN_KEY_NOTE.search(e.note).groups()
        where = (
            WORDS["this_table"]
            if target in ("", resource["name"])
            else WORDS["resource"].format(target=target)
        )
        found |= {"column": keys, "values": values, "ref": ref.replace(", ", "/")}
        return e.type, found | {"where": where}
    if e.type in ("missing-cell", "extra-cell"):
        return e.type, found | {"got": len(e.cells), "width": width, "column": None}
    if e.type == "missing-label":
        required = specs[e.field_name].get("constraints", {}).get("required")
        return e.type + ":required" * bool(required), found | {"row": 1}
    if e.type in ("extra-label", "blank-label"):
        found |= {"row": 1, "column": e.label.strip() or None, "number": e.field_number}
        return ("extra-label" if e.label.strip() else "blank-label"), found | {
            "hint": _hint(e.label, specs)
        }
    if e.type == "encoding-error":  # frictionless gives no place: find the first bad byte
        data, found["byte"] = path.read_bytes(), ""
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            start = err.start + 3 * data.startswith(b"\xef\xbb\xbf")
            found |= {
                "byte": WORDS["byte"].format(byte=data[start]),
                "row": data[:start].count(b"\n") + 1,
            }
        return e.type, found
    if e.type in _UNREADABLE and path.is_dir():
        return "folder-not-file", found
    if e.type in _UNREADABLE and _loops(path):
        return "file-loop", found
    if e.type in _UNREADABLE and not path.is_file():
        return "missing-file", found
    if e.type == "source-error" and "empty" in e.note:
        return "empty-file", found | {"row": 1}
    return (e.type if e.type in TEXT else "other"), found


def _hint(value: Any, choices: Iterable[Any]) -> str:
    close = closest(value, choices)  # the one "did you mean" rule of jlp.text
    return WORDS["did_you_mean"].format(name=printable(close)) if close is not None else ""


# --------------------------------------------------------------------------- house row rules


def _house_row_rules(checked: Checked, label: str) -> list[Problem]:
    """jlp's rules for rows (see the module notes), on the rows as long as the header."""
    header = checked.header or []
    cite = next((c for c in CITATION_COLUMNS if c in header), None)
    ranges = {"value", "value_high"} <= set(header)
    out = []
    for number, cells in (r for r in checked.rows if len(r[1]) == len(header)):
        row = dict(zip(header, (c.strip() for c in cells), strict=True))
        if cite and row.get("provenance") == "reported" and not row[cite]:
            out.append(problem("unsourced", label, number, cite))
        if not ranges:
            continue
        qualifier = row.get("qualifier")
        low, high = _number(row["value"]), _number(row["value_high"])
        if not row["value_high"] and qualifier == "between":
            out.append(problem("no-high", label, number, "value_high"))
        if low is not None and high is not None and high < low:
            out.append(problem("high-below", label, number, "value_high", low=low, high=high))
        if row["value_high"] and qualifier not in (None, "", "between"):
            out.append(problem("not-between", label, number, "qualifier", qualifier=qualifier))
    return out


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


__all__ = [
    "CITATION_COLUMNS",
    "PACKAGE_FILE",
    "PROVENANCE_VALUES",
    "TEXT",
    "Checked",
    "PackageReport",
    "check_package",
    "check_resources",
    "display_path",
    "frictionless",
    "package_file",
    "package_report",
    "problem",
    "read_cells",
    "read_descriptor",
]
