"""The class folder: trainees drop their NET scorings in it, the instructor reads them all.

On a hub every trainee's server sees one shared folder (``JLP_CLASS_FOLDER``, by default
``~/class``; the hub configurations under ``hub/`` set it up). :func:`drop_scoring` writes a
trainee's scoring there under a name that carries the network, the date and the assessor,
so that two trainees never write to the same file; :func:`read_scorings` reads every
scoring of a folder (or of given files) as one :class:`~jlp.net.agreement.Scoring` per
assessor, ready for :func:`jlp.net.agreement.agreement`.

A file is written to a temporary file in the same folder and then linked into place, which
fails if the name is taken, so a scoring appears whole or not at all and never replaces
another assessor's file. A trainee who saves again replaces their own file (``os.replace``).
(When the project's shared atomic-write helper lands, the temporary-file part can use it.)

>>> import tempfile
>>> from jlp.net.assessments import from_ratings
>>> folder = tempfile.mkdtemp()
>>> mine = from_ratings("Emasim", "1998-03-01", {("group_cohesion", "decision"): 2})
>>> drop_scoring(mine, folder, assessor="Ana").name
'1998-03-01_emasim_ana-24d4b9.csv'
>>> [s.assessor for s in read_scorings([folder])]
['Ana']
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from jlp.errors import JlpInputError
from jlp.files import csv_bytes
from jlp.i18n import Messages
from jlp.net.agreement import Scoring, same_name, split_assessors
from jlp.net.assessments import COLUMNS, validate
from jlp.net.files import XLSX_SUFFIXES, read_table

#: The environment variable that names the class folder on a hub.
FOLDER_VARIABLE = "JLP_CLASS_FOLDER"

#: Where the class folder is when the variable is not set.
DEFAULT_FOLDER = "~/class"

#: Permissions of a dropped file: the owner writes; the owner's group (the instructors, on
#: a hub set up as in ``hub/``) reads; other trainees cannot.
FILE_MODE = 0o640

#: User-facing strings of this module (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "no_assessor": "the scoring names no assessor",
        "no_assessor_fix": "write your name in the Assessor box (or the assessor column)",
        "one_only": "a class-folder file holds one scoring (one network, one date, one "
        "assessor); this one holds {n}",
        "one_only_fix": "drop each scoring on its own",
        "taken": "the file {name} already holds the scoring of {other}",
        "taken_fix": "write your full name as assessor, so that your file gets its own name",
        "denied": "this folder does not let you write {name}",
        "denied_fix": "ask the instructor to check the class folder's permissions",
        "empty": "no scoring files (.csv or .xlsx) found",
        "empty_fix": "check the folder's name, or ask the trainees to drop their scorings",
        "missing": "no such file or folder",
        "missing_fix": "check the name and the folder",
    }
)


def class_folder(path: str | os.PathLike | None = None) -> Path:
    """The class folder: ``path`` if given, else ``$JLP_CLASS_FOLDER``, else ``~/class``.

    >>> class_folder("/srv/class").as_posix()
    '/srv/class'
    """
    chosen = path if path is not None else os.environ.get(FOLDER_VARIABLE) or DEFAULT_FOLDER
    return Path(chosen).expanduser()


def _slug(text: str, width: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:width].strip("-")


def scoring_name(network: str, date: str, assessor: str) -> str:
    """The file name of one assessor's scoring: date, network and assessor, file-safe.

    A short fingerprint of the assessor's name (case and Unicode form ignored) keeps apart
    two people whose names differ only in letters the file name cannot hold.

    >>> scoring_name("EcoHamaca", "1997-08-01", "José Pérez")
    '1997-08-01_ecohamaca_jose-perez-22d91e.csv'
    >>> scoring_name("EcoHamaca", "1997-08-01", "jose\\u0301 pérez ")
    '1997-08-01_ecohamaca_jose-perez-22d91e.csv'
    """
    fingerprint = hashlib.sha256(same_name(assessor).encode()).hexdigest()[:6]
    person = "-".join(p for p in (_slug(assessor, 30), fingerprint) if p)
    return f"{date}_{_slug(network) or 'network'}_{person}.csv"


def _owner_of(path: Path) -> str | None:
    """The assessor named in an existing class-folder file (``None`` if unreadable)."""
    try:
        raw = read_table(path)
    except (JlpInputError, OSError):
        return None
    if "assessor" not in raw.columns:
        return None
    names = raw["assessor"].astype(str).str.strip()
    names = names[names != ""]
    return str(names.iloc[0]) if len(names) else None


def _refuse_unless_own(target: Path, name: str) -> None:
    """Raise unless the scoring already at ``target`` is ``name``'s own."""
    owner = _owner_of(target)
    if owner is None or same_name(owner) != same_name(name):
        raise JlpInputError(
            TEXT["taken"].format(name=target.name, other=owner or "someone else"),
            file=str(target),
            column="assessor",
            fix=TEXT["taken_fix"],
        )


def drop_scoring(
    assessment: pd.DataFrame,
    folder: str | os.PathLike | None = None,
    *,
    assessor: str | None = None,
) -> Path:
    """Write one scoring into the class folder under its own name; return the file's path.

    ``assessor`` overrides the table's ``assessor`` column. Refuses (writing nothing) a
    scoring without an assessor, a table of several assessments, or a name already used by
    another assessor's file. Saving again as the same assessor replaces one's own file.
    """
    table = validate(assessment)
    if assessor is not None:
        table = table.assign(assessor=str(assessor).strip())
    names = {same_name(n) for n in table["assessor"]}
    keys = table[["network", "date"]].drop_duplicates()
    if len(keys) != 1 or len(names) != 1:
        raise JlpInputError(
            TEXT["one_only"].format(n=max(len(keys), len(names))),
            column="assessor",
            fix=TEXT["one_only_fix"],
        )
    name = str(table["assessor"].iloc[0]).strip()
    if not name:
        raise JlpInputError(TEXT["no_assessor"], column="assessor", fix=TEXT["no_assessor_fix"])
    network, date = keys.iloc[0]
    target_folder = class_folder(folder)
    target_folder.mkdir(parents=True, exist_ok=True)
    target = target_folder / scoring_name(str(network), str(date), name)
    columns = [c for c in COLUMNS if c in table.columns]
    data = csv_bytes(table[columns])  # formulas neutralised, as in every CSV jlp writes

    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target_folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, FILE_MODE)
        try:
            os.link(temporary, target)  # fails if the name is taken: never replaces
        except FileExistsError:
            _refuse_unless_own(target, name)
            os.replace(temporary, target)
        except OSError as err:
            if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            if target.exists():  # a folder that cannot hold links: check, then replace
                _refuse_unless_own(target, name)
            os.replace(temporary, target)
    except PermissionError:
        raise JlpInputError(
            TEXT["denied"].format(name=target.name), file=str(target), fix=TEXT["denied_fix"]
        ) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return target


def scoring_files(folder: str | os.PathLike) -> list[Path]:
    """The scoring files of a folder and its sub-folders (hidden and temporary files left out).

    Sub-folders count because on a Kubernetes hub each trainee writes to their own
    sub-folder of the class volume.
    """
    root = Path(folder)
    found = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p.startswith((".", "~$")) for p in parts) or not path.is_file():
            continue
        if path.suffix.lower() in (".csv", *XLSX_SUFFIXES):
            found.append(path)
    return found


def read_scorings(
    sources: Iterable[str | os.PathLike],
    *,
    network: str | None = None,
    date: str | None = None,
) -> list[Scoring]:
    """Every assessor's scoring in the given files and folders, in order.

    A file may hold one assessor's scoring, or several told apart by the ``assessor``
    column; rows without an assessor belong to the file's name. With ``network`` and
    ``date``, only the scorings of that case moment are kept (so a class folder may hold
    several). Bad files raise :class:`~jlp.errors.JlpInputError` naming file and row.
    """
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            inside = scoring_files(path)
            if not inside:
                raise JlpInputError(TEXT["empty"], file=str(path), fix=TEXT["empty_fix"])
            files.extend(inside)
        elif path.exists():
            files.append(path)
        else:
            raise JlpInputError(TEXT["missing"], file=str(path), fix=TEXT["missing_fix"])
    found: list[Scoring] = []
    for path in files:
        raw = read_table(path)
        found.extend(split_assessors(raw, file=str(path), default=path.stem))
    if network is not None or date is not None:
        found = [
            s
            for s in found
            if (network is None or same_name(s.table["network"].iloc[0]) == same_name(network))
            and (date is None or s.table["date"].iloc[0] == date)
        ]
    return found


def moments(scorings: Iterable[Scoring]) -> list[tuple[str, str, int]]:
    """The case moments (network, date) in a list of scorings, with how many assessors each.

    >>> from jlp.net.assessments import from_ratings
    >>> a = Scoring("Ana", from_ratings("A", "1998-01-01", {}))
    >>> moments([a, a])
    [('A', '1998-01-01', 2)]
    """
    counts: dict[tuple[str, str], int] = {}
    for scoring in scorings:
        key = (str(scoring.table["network"].iloc[0]), str(scoring.table["date"].iloc[0]))
        counts[key] = counts.get(key, 0) + 1
    return [(n, d, c) for (n, d), c in counts.items()]


__all__ = [
    "DEFAULT_FOLDER",
    "FILE_MODE",
    "FOLDER_VARIABLE",
    "TEXT",
    "class_folder",
    "drop_scoring",
    "moments",
    "read_scorings",
    "scoring_files",
    "scoring_name",
]
