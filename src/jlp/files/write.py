"""Writing files safely: one rule for where to write, atomic writes, safe CSV, a history lock.

- :func:`output_place` checks a path before anything is computed: its folder exists and
  can be written, it is not a folder, it is not one of the inputs, and it is replaced
  only when asked (``force``). Every command of ``jlp`` that writes a file calls it.
- :func:`atomic_write` writes through a temporary file in the same folder, then replaces
  the target in one step: a reader sees the old file or the new one, never a part. On any
  failure (a full disk, an interrupt) the temporary file is removed; one left by a killed
  process is removed by the next write to the same file.
- :func:`csv_bytes` writes a table as CSV with every text cell that a spreadsheet would
  take for a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) prefixed with
  ``'``; :func:`jlp.files.read.read_table` takes that quote off again.
- :func:`history_lock` is an exclusive lock that the operating system releases when the
  process ends, however it ends; its file lives outside the user's folders.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(folder / "x.txt", b"hello").read_bytes()
b'hello'
>>> output_place(folder / "x.txt")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
jlp.errors.JlpInputError: .../x.txt: the file already exists (fix: choose another name, ...)
>>> neutralise("=HYPERLINK(1)"), neutralise("-2.5"), neutralise("León")
("'=HYPERLINK(1)", '-2.5', 'León')
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jlp.errors import JlpInputError
from jlp.i18n import Messages

if TYPE_CHECKING:  # pandas loads only for DataFrames (the command line may need none)
    import pandas as pd

#: How long :func:`history_lock` waits for another save to the same file (seconds).
LOCK_TIMEOUT = 10.0

#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "is_folder": "this is a folder, not a file name",
        "is_folder_fix": "add a file name, e.g. {example}",
        "no_folder": "the folder '{folder}' does not exist",
        "no_folder_fix": "create the folder first, or write somewhere else",
        "not_folder": "'{folder}' is a file, not a folder",
        "read_only": "jlp cannot write in the folder '{folder}' (it is read-only or not yours)",
        "read_only_fix": "write somewhere else, e.g. in your home folder",
        "not_file": "this is not an ordinary file (a device, a pipe or a socket)",
        "not_file_fix": "give the name of an ordinary file",
        "exists": "the file already exists",
        "exists_fix": "choose another name, or add --force to replace it",
        "is_input": "this is also an input file; jlp never writes over its input",
        "is_input_fix": "give the output another name",
        "disk_full": "the disk is full; nothing was written",
        "disk_full_fix": "free some space, or write to another disk",
        "too_big": "the file is larger than this system allows; nothing was written",
        "cannot_write": "jlp could not write the file ({reason}); nothing was written",
        "cannot_write_fix": "check the folder and the disk, or write somewhere else",
        "locked": "another save to this file is in progress",
        "locked_fix": "wait until it ends and try again",
    }
)

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Quotes, then a character that starts a formula: written with one more quote.
_QUOTED_FORMULA = re.compile("^'+[" + re.escape("".join(FORMULA_STARTS)) + "]")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
_TEMPORARY = ".{name}.{pid}.{tag}.tmp"


def _example(path: Path) -> str:
    return str(path / "output.html")


def output_place(
    path: str | os.PathLike,
    *,
    inputs: Iterable[str | os.PathLike | None] = (),
    force: bool = False,
    replace: bool = False,
) -> Path:
    """Check that ``path`` may be written; return it, or raise :class:`JlpInputError`.

    The rule every writer follows: the folder must exist (jlp creates none), must be a
    folder and writable; ``path`` must not be a folder nor one of ``inputs`` (compared as
    the same file on disk); an existing file is replaced only with ``force`` (or
    ``replace``, for files such as a history that are meant to be rewritten).
    """
    try:
        return _output_place(Path(path), inputs, force or replace)
    except OSError as err:  # a name too long, a folder jlp may not look into…
        raise write_error(path, err) from None


def _output_place(path: Path, inputs: Iterable[str | os.PathLike | None], force: bool) -> Path:
    file = str(path)
    if path.is_dir():
        raise JlpInputError(
            TEXT["is_folder"], file=file, fix=TEXT["is_folder_fix"].format(example=_example(path))
        )
    folder = path.parent
    if not folder.exists():
        raise JlpInputError(
            TEXT["no_folder"].format(folder=folder), file=file, fix=TEXT["no_folder_fix"]
        )
    if not folder.is_dir():
        raise JlpInputError(
            TEXT["not_folder"].format(folder=folder), file=file, fix=TEXT["no_folder_fix"]
        )
    if path.exists() and not path.is_file():
        raise JlpInputError(TEXT["not_file"], file=file, fix=TEXT["not_file_fix"])
    if path.exists():
        for source in inputs:
            if source is None:
                continue
            with contextlib.suppress(OSError):
                if Path(source).exists() and os.path.samefile(source, path):
                    raise JlpInputError(TEXT["is_input"], file=file, fix=TEXT["is_input_fix"])
        if not force:
            raise JlpInputError(TEXT["exists"], file=file, fix=TEXT["exists_fix"])
    if not os.access(folder, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.W_OK) and not os.access(folder, os.W_OK)
    ):
        raise JlpInputError(
            TEXT["read_only"].format(folder=folder), file=file, fix=TEXT["read_only_fix"]
        )
    return path


def write_error(path: str | os.PathLike, err: OSError) -> JlpInputError:
    """The message for an :class:`OSError` met while writing ``path``."""
    file = str(path)
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return JlpInputError(TEXT["disk_full"], file=file, fix=TEXT["disk_full_fix"])
    if err.errno == errno.EFBIG:
        return JlpInputError(TEXT["too_big"], file=file, fix=TEXT["disk_full_fix"])
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return JlpInputError(
            TEXT["read_only"].format(folder=Path(path).parent), file=file, fix=TEXT["read_only_fix"]
        )
    if err.errno == errno.EISDIR:
        return JlpInputError(
            TEXT["is_folder"],
            file=file,
            fix=TEXT["is_folder_fix"].format(example=_example(Path(path))),
        )
    if err.errno == errno.ENOENT:
        return JlpInputError(
            TEXT["no_folder"].format(folder=Path(path).parent), file=file, fix=TEXT["no_folder_fix"]
        )
    reason = err.strerror or type(err).__name__
    return JlpInputError(
        TEXT["cannot_write"].format(reason=reason), file=file, fix=TEXT["cannot_write_fix"]
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _sweep(path: Path) -> None:
    """Remove temporary files of ``path`` left by processes that no longer run."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            pid = name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then replace.

    Readers see either the old file or the new one, never a part of it. The folder must
    exist (see :func:`output_place`); a failure raises :class:`JlpInputError` saying what
    happened (a full disk, a read-only folder) and leaves the old file as it was.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write(target, b"hello").read_bytes()
    b'hello'
    """
    path = Path(path)
    if path.is_dir():
        raise JlpInputError(
            TEXT["is_folder"],
            file=str(path),
            fix=TEXT["is_folder_fix"].format(example=_example(path)),
        )
    if not path.parent.is_dir():
        raise JlpInputError(
            TEXT["no_folder"].format(folder=path.parent), file=str(path), fix=TEXT["no_folder_fix"]
        )
    if path.exists() and not path.is_file():
        raise JlpInputError(TEXT["not_file"], file=str(path), fix=TEXT["not_file_fix"])
    _sweep(path)
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
    except OSError as err:
        raise write_error(path, err) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _fsync_dir(path.parent)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def neutralise(cell: object) -> object:
    """A cell safe to write into CSV: text a spreadsheet would run as a formula gets a
    leading ``'``; numbers, and text that is just a number, stay as they are.

    Text that already starts with quotes before such a character gets one more, so that
    reading strips exactly the one added and every cell comes back as it was.

    >>> neutralise("+SUM(A1)"), neutralise("@cmd"), neutralise(-3), neutralise("-2+3")
    ("'+SUM(A1)", "'@cmd", -3, "'-2+3")
    >>> neutralise("'-"), neutralise("'x")
    ("''-", "'x")
    """
    if not isinstance(cell, str):
        return cell
    if _QUOTED_FORMULA.match(cell) or (
        cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell)
    ):
        return "'" + cell
    return cell


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell passed through :func:`neutralise` (numbers untouched).

    >>> import pandas as pd
    >>> neutralised(pd.DataFrame({"a": ["=1+1", "x"], "b": [-2.5, 1.0]})).to_dict("list")
    {'a': ["'=1+1", 'x'], 'b': [-2.5, 1.0]}
    """
    import pandas as pd

    out = table.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            out.iloc[:, position] = column.map(neutralise)
    return out


def csv_text(
    table: pd.DataFrame | Mapping[str, Sequence[object]],
    *,
    sep: str = ",",
    header: bool = True,
    line_end: str = "\n",
    **options: object,
) -> str:
    """``table`` as CSV text with formulas neutralised (see :func:`neutralise`).

    ``table`` is a DataFrame, or plain columns ``{name: values}`` (written without pandas,
    the same way: ``None`` as an empty cell, floats in full).

    >>> import pandas as pd
    >>> csv_text(pd.DataFrame({"id": ["=cmd|' /C calc'!A0"], "w": [-2.5]}))
    "id,w\\n'=cmd|' /C calc'!A0,-2.5\\n"
    >>> csv_text({"id": ["=1+1", "b"], "w": [None, 0.5]})
    "id,w\\n'=1+1,\\nb,0.5\\n"
    """
    if isinstance(table, Mapping):
        if options:
            raise TypeError("options apply to DataFrames only")
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=sep, lineterminator=line_end)
        if header:
            writer.writerow([neutralise(str(c)) for c in table])
        writer.writerows(
            ["" if v is None else neutralise(v) for v in row]
            for row in zip(*table.values(), strict=True)
        )
        return buffer.getvalue()
    return neutralised(table).to_csv(
        index=False, sep=sep, header=header, lineterminator=line_end, **options
    )  # type: ignore[arg-type]


def csv_bytes(
    table: pd.DataFrame, *, header: bool = True, sep: str = ",", bom: bool = True
) -> bytes:
    """``table`` as the bytes of a CSV file jlp writes: UTF-8 with the byte-order mark Excel
    needs to show accents, Windows line ends, every cell as text, formulas neutralised.

    >>> import pandas as pd
    >>> csv_bytes(pd.DataFrame({"a": ["@x"]}), bom=False)
    b"a\\r\\n'@x\\r\\n"
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    if header:
        writer.writerow([neutralise(str(c)) for c in table.columns])
    writer.writerows(
        [neutralise(c) for c in row] for row in table.astype(str).itertuples(index=False, name=None)
    )
    return (("\ufeff" if bom and header else "") + buffer.getvalue()).encode("utf-8")


def lock_path(path: str | os.PathLike) -> Path:
    """Where the lock of ``path`` lives: a folder of this user's locks outside the user's
    own folders (``$XDG_RUNTIME_DIR`` or the system's temporary folder), one file per
    history, named by a hash of its full path; so no lock file ever appears next to a
    history.

    >>> lock_path("a/h.csv") == lock_path("a/../a/h.csv")
    True
    """
    import hashlib

    target = Path(path)
    full = str(target.parent.resolve() / target.name)
    base = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir())
    if not os.access(base, os.W_OK | os.X_OK):
        base = Path(tempfile.gettempdir())
    user = os.getuid() if hasattr(os, "getuid") else "user"
    folder = base / f"jlp-locks-{user}"
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, exist_ok=True)
    return folder / (
        hashlib.sha256(full.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".lock"
    )


@contextlib.contextmanager
def history_lock(path: str | os.PathLike, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` while it is read and rewritten.

    The lock is the operating system's (``filelock``): it ends with the process, even one
    killed outright, so a crash never blocks later saves. Its file lives apart (see
    :func:`lock_path`). ``timeout`` defaults to :data:`LOCK_TIMEOUT`, read when called.
    """
    from filelock import FileLock, Timeout

    path = Path(path)
    wait = LOCK_TIMEOUT if timeout is None else timeout
    lock = FileLock(str(lock_path(path)), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise JlpInputError(TEXT["locked"], file=str(path), fix=TEXT["locked_fix"]) from None
    except OSError as err:
        raise write_error(path, err) from None
    try:
        yield
    finally:
        lock.release()


__all__ = [
    "FORMULA_STARTS",
    "LOCK_TIMEOUT",
    "TEXT",
    "atomic_write",
    "csv_bytes",
    "csv_text",
    "history_lock",
    "lock_path",
    "neutralise",
    "neutralised",
    "output_place",
    "write_error",
]
