"""Book build and notebook execution times (wall clock, seconds)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def book_builds() -> dict[str, tuple[float, str]]:
    """A cold build (empty output and execution cache), then a warm rebuild with no change."""
    out = Path(tempfile.mkdtemp(prefix="jlp-bench-book-"))
    try:
        build = [
            str(BIN / "jupyter-book"),
            "build",
            ".",
            "--path-output",
            str(out),
            "-W",
            "-n",
            "--keep-going",
        ]
        cold = _timed(build)
        warm = _timed(build)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"book_build_cold": (cold, "s"), "book_rebuild_warm": (warm, "s")}


def nbval_run() -> dict[str, tuple[float, str]]:
    """Every notebook executed once through nbval (`--nbval-lax`)."""
    seconds = _timed(
        [
            str(BIN / "python"),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            "notebooks/",
        ]
    )
    return {"nbval_all_notebooks": (seconds, "s")}


BENCHMARKS = [("book_builds", book_builds), ("nbval_run", nbval_run)]
