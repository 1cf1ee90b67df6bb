"""Make an expensive test fixture once per test run, whatever the number of processes.

pytest-xdist runs tests in several processes, each with its own module-scoped fixtures; a
fixture that builds a book four times or zips a site should still run once. The first process
to ask makes the folder; the others wait on a lock and reuse it. (pytest-xdist's own
``--dist loadgroup`` does not group tests under pytest 9, so it cannot be relied on.)
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

COMPLETE = ".complete"


def made_once(shared: Path, name: str, make: Callable[[Path], None]) -> Path:
    """``shared / name``, made by ``make(folder)`` in the first process that gets here."""
    folder = shared / name
    with FileLock(str(shared / f"{name}.lock")):
        if not (folder / COMPLETE).exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder)
            (folder / COMPLETE).write_text("")
    return folder
