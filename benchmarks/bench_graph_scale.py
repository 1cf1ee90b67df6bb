"""Inter-firm graphs far beyond a programme: 2,000 and 20,000 nodes, as a user runs them.

The graphs are :func:`jlp.graphs.illustrative_programme` scaled up (made-up structure,
about 2.4 ties a node), written to CSV and run through the ``jlp`` command as a process:
``graph metrics`` (above 2,500 nodes betweenness is estimated from 250 seeded sources)
and ``graph without`` (every actor taken out in turn). Each row is one run's wall time;
``_cpu_s`` rows are the process's CPU time, steadier on a shared machine. The goals:
metrics of 20,000 nodes within 10 s, ``without`` within 30 s, on a 2-core laptop.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (2_000, 20_000)


def _write(size: int, folder: Path) -> tuple[Path, Path, int]:
    from jlp.graphs import illustrative_programme

    share = size / 1334
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nodes, edges = illustrative_programme(
            brokers=max(1, round(71 * share)),
            networks=max(1, round(59 * share)),
            enterprises=max(3, round(1200 * share)),
        )
    paths = folder / f"nodes_{size}.csv", folder / f"edges_{size}.csv"
    nodes.to_csv(paths[0], index=False)
    edges.to_csv(paths[1], index=False)
    return *paths, len(edges)


def _run(args: list[str]) -> tuple[float, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE.parent / "src"), env.get("PYTHONPATH", "")])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "jlp", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def graph_scale() -> dict[str, tuple[float, str]]:
    """Wall and CPU time of ``jlp graph metrics`` and ``jlp graph without`` per size."""
    rows: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            nodes, edges, ties = _write(size, Path(tmp))
            rows[f"graph_scale_{size}_ties"] = (ties, "ties")
            for command in ("metrics", "without"):
                wall, cpu = _run(["graph", command, str(nodes), str(edges), "--format", "csv"])
                rows[f"graph_scale_{size}_{command}_s"] = (wall, "s")
                rows[f"graph_scale_{size}_{command}_cpu_s"] = (cpu, "s")
    return rows


BENCHMARKS = [("graph_scale", graph_scale)]
