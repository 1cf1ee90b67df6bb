"""The ``jlp`` command's start-up: wall time of a whole process, as a user waits for it.

Each command runs 5 times as ``python -m jlp …`` (the same code as the ``jlp`` script) on a
case graph's files; the median and the fastest run are kept. ``graph metrics`` should
load neither the drawing code (pyvis, jinja2, plotly, IPython) nor pandas:
``cli_graph_metrics_drawing_modules`` counts those modules in the process (0). Most of what
remains is importing numpy and networkx (``cli_import_numpy_networkx_s``, measured the same
way, for comparison; pandas alone is ``cli_import_pandas_s``). Goal: 0.5 s or less for
``graph metrics`` on a case graph.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "datasets"
RUNS = 5
DRAWING = ("pyvis", "jinja2", "plotly", "IPython", "matplotlib", "pandas")


def _env() -> dict[str, str]:
    """The environment of a user's run: jlp's source first, and Python's bytecode cache on
    (a user's Python writes it on the first run; with PYTHONDONTWRITEBYTECODE every run
    compiles jlp again, which is not what anyone waits for twice)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _times(args: list[str]) -> list[float]:
    subprocess.run(  # one run first, so that the bytecode cache is written
        [sys.executable, *args], env=_env(), check=True, capture_output=True
    )
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, *args],
            env=_env(),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - started)
    return times


def cli_start() -> dict[str, tuple[float, str]]:
    """Wall time of ``jlp --version``, ``jlp graph metrics`` and ``jlp fees schedule``."""
    graph = ["graph", "metrics", str(DATA / "emasim_nodes.csv"), str(DATA / "emasim_edges.csv")]
    rows: dict[str, tuple[float, str]] = {}
    for name, args in (
        ("version", ["--version"]),
        ("graph_metrics", graph),
        ("fees_schedule", ["fees", "schedule"]),
    ):
        times = _times(["-m", "jlp", *args])
        rows[f"cli_{name}_median_s"] = (statistics.median(times), "s")
        rows[f"cli_{name}_best_s"] = (min(times), "s")
    imports = _times(["-c", "import numpy, networkx"])
    rows["cli_import_numpy_networkx_s"] = (statistics.median(imports), "s")
    rows["cli_import_pandas_s"] = (statistics.median(_times(["-c", "import pandas"])), "s")
    probe = (
        "import sys, runpy; sys.argv = ['jlp', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('jlp', run_name='__main__')\nexcept SystemExit:\n"
        "    pass\n"
        f"print(sum(m.split('.')[0] in {DRAWING!r} for m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *graph],
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    rows["cli_graph_metrics_drawing_modules"] = (int(done.stderr.split()[-1]), "modules")
    return rows


BENCHMARKS = [("cli_start", cli_start)]
