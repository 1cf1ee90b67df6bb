"""The data-loading layer: the first ``load`` in a new process, a cached ``load``, and a
fresh ``jlp data check`` of the bundled package.

Both validations use frictionless (see :mod:`jlp.datacheck`), so the first load pays for
importing frictionless and jsonschema once per process. Each fresh-process figure is the
median of a few runs in new interpreters; the cached figure is the median of many calls
in this process.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNS = 3
CACHED_CALLS = 200
TABLE = "reported_figures"

_FIRST_LOAD = f"""
import time
started = time.perf_counter()
from jlp import datasets
datasets.load({TABLE!r})
print(time.perf_counter() - started)
"""


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "JLP_DATA_DIR"}


def first_load() -> dict[str, tuple[float, str]]:
    """Import jlp.datasets and load one table in a new interpreter (seconds, in-process)."""
    times = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", _FIRST_LOAD],
            cwd=REPO,
            env=_env(),
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(done.stdout.split()[-1]))
    return {"datasets_first_load": (statistics.median(times), "s")}


def cached_load() -> dict[str, tuple[float, str]]:
    """A repeated ``load`` of an unchanged table: stamp check and a copy (milliseconds)."""
    from jlp import datasets

    datasets.clear_cache()
    datasets.load(TABLE)
    times = []
    for _ in range(CACHED_CALLS):
        started = time.perf_counter()
        datasets.load(TABLE)
        times.append(time.perf_counter() - started)
    return {"datasets_cached_load": (statistics.median(times) * 1000, "ms")}


def data_check_cli() -> dict[str, tuple[float, str]]:
    """``jlp data check`` on the bundled package, as a user runs it (seconds, wall clock)."""
    command = [str(Path(sys.executable).with_name("jlp")), "data", "check"]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, cwd=REPO, env=_env(), capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return {"data_check_cli": (statistics.median(times), "s")}


BENCHMARKS = [
    ("datasets_first_load", first_load),
    ("datasets_cached_load", cached_load),
    ("data_check_cli", data_check_cli),
]
