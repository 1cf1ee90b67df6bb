"""The course's bundled tables, loaded as validated pandas DataFrames.

The tables and their schemas are described in ``datasets/datapackage.json`` (a
Frictionless Data Package). Every row carries a ``provenance``: ``reported`` (the figure is
in Ceglie & Dini, 1999, at the box or section named in ``source``, or in ``reference`` in
node and edge tables) or ``illustrative``.

>>> from jlp import datasets
>>> "projects" in datasets.names()
True
>>> projects = datasets.load("projects")
>>> int(projects.set_index("id").loc["hn_certec", "brokers_trained"])
71
>>> str(projects["budget_usd"].dtype), str(projects["networks"].dtype)
('float64', 'Int64')

Where the data is found, in order:

1. the folder named by the environment variable ``JLP_DATA_DIR`` (it must hold a
   ``datapackage.json``);
2. the copy installed with the package (``jlp/_data/datasets`` inside the wheel);
3. the ``datasets/`` folder of a source checkout, found by walking up from this file.

Column types follow the schema: ``integer`` and ``year`` → nullable ``Int64``;
``number`` → ``float64`` (missing = ``NaN``); ``boolean`` → nullable ``boolean``;
``date`` and ``datetime`` → ``datetime64`` (pandas Timestamps, chosen over Python dates
so that ``.dt`` and plotting work); ``string`` (and any other type) → pandas ``string``
dtype (missing = ``pd.NA``). Columns come in schema order.

Validation: ``load`` checks the table exactly as ``jlp data check`` does, with
frictionless and jlp's house rules (:func:`jlp.datacheck.check_resources`), and raises
:class:`~jlp.errors.JlpInputError` with every problem. The first load in a process
imports frictionless (about a second; see :func:`jlp.datacheck.frictionless`). Parsed
descriptors and checked tables are cached per process and checked again when a file
changes (its modification time or size); each call returns a fresh copy.
"""

from __future__ import annotations

import copy
import importlib.resources
import math
import os
from pathlib import Path
from typing import Any

import pandas as pd

from jlp.datacheck import (
    PACKAGE_FILE,
    Checked,
    check_resources,
    display_path,
    frictionless,
    package_file,
    read_descriptor,
)
from jlp.errors import JlpInputError, Problem
from jlp.text import did_you_mean

ENV_VAR = "JLP_DATA_DIR"

_Stamp = tuple[int, int] | None
_DESCRIPTORS: dict[Path, tuple[_Stamp, dict[str, Any], dict[str | None, list[Problem]]]] = {}
_FRAMES: dict[tuple[Path, str], tuple[tuple[_Stamp, ...], pd.DataFrame]] = {}


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` (see the module notes for the search order).

    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        folder = Path(env).expanduser()
        if not (folder / PACKAGE_FILE).is_file():
            raise JlpInputError(
                f"{ENV_VAR} is set to {env!r}, which holds no {PACKAGE_FILE}",
                file=display_path(folder / PACKAGE_FILE),
                fix=f"point {ENV_VAR} at the folder that holds {PACKAGE_FILE}, or unset it",
            )
        return folder
    try:
        installed = importlib.resources.files("jlp").joinpath("_data", "datasets")
        if installed.joinpath(PACKAGE_FILE).is_file():
            return Path(str(installed))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):  # pragma: no cover
        pass
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "datasets" / PACKAGE_FILE
        if candidate.is_file():
            return candidate.parent
    raise JlpInputError(  # pragma: no cover - only in a broken installation
        "cannot find the jlp datasets (no installed copy, no datasets/ folder)",
        fix=f"set {ENV_VAR} to the folder that holds {PACKAGE_FILE}",
    )


def names(*, directory: str | Path | None = None) -> list[str]:
    """The names of the tables in the package, in the order the descriptor lists them.

    >>> "reported_figures" in names()
    True
    """
    _, descriptor, _ = _package(directory)
    return _names(descriptor)


def describe(name: str, *, directory: str | Path | None = None) -> dict[str, Any]:
    """The resource descriptor of table ``name`` (a copy): title, description, sources, schema.

    >>> [f["name"] for f in describe("reported_figures")["schema"]["fields"]][:3]
    ['id', 'country', 'subject']
    """
    pfile, descriptor, _ = _package(directory)
    return copy.deepcopy(_resource(descriptor, name, pfile))


def load(name: str, *, directory: str | Path | None = None) -> pd.DataFrame:
    """Table ``name`` as a typed, validated DataFrame.

    Raises :class:`~jlp.errors.JlpInputError` for an unknown name (listing the available
    ones and suggesting the closest) or when the data breaks its schema (every problem,
    with file, row, column and a fix). ``directory`` overrides :func:`data_dir`.

    >>> figures = load("reported_figures")
    >>> sales = figures.set_index("id").loc["emasim_sales_change"]
    >>> float(sales["value"]), sales["unit"], sales["source"]
    (200.0, 'percent', 'Box 1')
    >>> load("project")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: ...no table named 'project'...(fix: did you mean 'projects'?)
    """
    pfile, descriptor, found = _package(directory)
    resource = _resource(descriptor, name, pfile)
    if found.get(name):
        raise JlpInputError(problems=found[name])
    basedir = pfile.parent
    key = (pfile, name)
    stamps = (_stamp(pfile), *(_stamp(basedir / p) for p in _paths(descriptor, resource)))
    cached = _FRAMES.get(key)
    if cached is not None and cached[0] == stamps and None not in stamps:
        return _in_language(cached[1], name, directory)
    checked = check_resources(descriptor, [name], basedir)
    problems = checked[None].problems + checked[name].problems
    if problems:
        raise JlpInputError(problems=problems)
    frame = _frame(checked[name], resource["schema"])
    frame.attrs = {"name": name, "path": str(basedir / resource["path"])}
    _FRAMES[key] = (stamps, frame)
    return _in_language(frame, name, directory)


def _in_language(frame: pd.DataFrame, name: str, directory: str | Path | None) -> pd.DataFrame:
    """A copy of a bundled table with its names and notes in the reader's language
    (:mod:`jlp.data_text`); a table from another folder stays as it is written."""
    from jlp.data_text import translated

    copy_ = translated(frame, name, directory=None if directory is None else Path(directory))
    return copy_ if copy_ is not frame else frame.copy()


def clear_cache() -> None:
    """Forget the parsed descriptors and tables (they are re-read on the next call)."""
    _DESCRIPTORS.clear()
    _FRAMES.clear()


# --------------------------------------------------------------------------- helpers


def _stamp(path: Path) -> _Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _package(
    directory: str | Path | None,
) -> tuple[Path, dict[str, Any], dict[str | None, list[Problem]]]:
    pfile = package_file(Path(directory) if directory is not None else data_dir()).resolve()
    stamp = _stamp(pfile)
    cached = _DESCRIPTORS.get(pfile)
    if cached is not None and stamp is not None and cached[0] == stamp:
        return pfile, cached[1], cached[2]
    descriptor, found = read_descriptor(pfile)
    if descriptor is None or found.get(None):
        raise JlpInputError(problems=found[None])
    _DESCRIPTORS[pfile] = (stamp, descriptor, found)
    return pfile, descriptor, found


def _names(descriptor: dict[str, Any]) -> list[str]:
    return [
        r["name"]
        for r in descriptor.get("resources", [])
        if isinstance(r, dict) and isinstance(r.get("name"), str)
    ]


def _resource(descriptor: dict[str, Any], name: str, pfile: Path) -> dict[str, Any]:
    available = _names(descriptor)
    if isinstance(name, str) and name in available:
        return next(r for r in descriptor["resources"] if r.get("name") == name)
    raise JlpInputError(
        f"no table named {name!r}; the tables are: {', '.join(available)}",
        file=display_path(pfile),
        fix=did_you_mean(name, available),
    )


_DTYPES = {"integer": "Int64", "year": "Int64", "number": "float64", "boolean": "boolean"}


def _frame(checked: Checked, schema: dict[str, Any]) -> pd.DataFrame:
    """The checked cells as a DataFrame typed by the schema (see the module notes).

    frictionless's own cell readers turn the text into values, so every Table Schema
    option (``trueValues``, ``groupChar``, date ``format`` ...) reads as it validated.
    """
    missing = set(schema.get("missingValues", [""]))
    position = {label: i for i, label in enumerate(checked.header or [])}
    fields = frictionless().Schema.from_descriptor(copy.deepcopy(schema)).fields
    columns: dict[str, Any] = {}
    for field in fields:
        at = position.get(field.name)
        text = [None if at is None or c[at] in missing else c[at] for _, c in checked.rows]
        if field.type not in (*_DTYPES, "date", "datetime"):
            columns[field.name] = pd.array(text, dtype="string")
            continue
        read = field.create_cell_reader()
        values = [None if t is None else read(t)[0] for t in text]
        if field.type in ("date", "datetime"):
            utc = any(getattr(v, "tzinfo", None) for v in values)
            columns[field.name] = pd.to_datetime(pd.Series(values, dtype="object"), utc=utc)
        elif field.type == "number":
            columns[field.name] = pd.array(
                [math.nan if v is None else float(v) for v in values], dtype="float64"
            )
        else:
            columns[field.name] = pd.array(values, dtype=_DTYPES[field.type])
    return pd.DataFrame(columns)


def _paths(descriptor: dict[str, Any], resource: dict[str, Any]) -> list[str]:
    """The files a table's validation reads: its own and those its foreign keys point at."""
    paths = [resource["path"]]
    by_name = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    for fk in resource["schema"].get("foreignKeys") or []:
        target = (fk.get("reference") or {}).get("resource", "") if isinstance(fk, dict) else ""
        if target in by_name and isinstance(by_name[target].get("path"), str):
            paths.append(by_name[target]["path"])
    return paths


__all__ = ["ENV_VAR", "clear_cache", "data_dir", "describe", "load", "names"]
