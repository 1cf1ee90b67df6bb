"""Time each stage of ``make test`` in a fresh clone of HEAD; record it in results.json.

Usage: ``python benchmarks/test_stages.py [--keep]`` (or ``make test-times``). The clone gets
its own ``.venv`` (the one-time install is timed apart, as ``test_stage_install``); then
lint, unit and the editions run as ``make test`` runs them, each timed on its own, then the
browser checks, the hub test and the JupyterLab test side by side, as ``make test`` runs them.
Rows are merged into ``benchmarks/results.json`` as ``test_stage_<stage>`` in seconds of wall
time, with the machine's load average at the start, since the machine may be shared, and as
``test_stage_<stage>_cpu``: the CPU seconds (user and system) of everything the stage ran,
which another user of the machine does not change.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.json"
#: (row name, make arguments), in the order `make test` runs them; the browser checks, the
#: hub test and the JupyterLab test run side by side, as in `make test` (each one's own time
#: is in pytest's last line).
STAGES = [
    ("install", ["venv"]),
    ("lint", ["lint"]),
    ("unit", ["unit"]),
    ("editions", ["editions"]),
    ("site_checks_hub_and_lab_together", ["checks"]),
]


def _children_cpu() -> float:
    """CPU seconds (user and system) of every finished child process and their children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_stages(clone: Path) -> dict[str, float]:
    """Each stage's wall seconds (``name``) and CPU seconds (``name_cpu``)."""
    times: dict[str, float] = {}
    env = {**os.environ, "CI": "true"}
    for name, args in STAGES:
        started, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(["make", "-C", str(clone), *args], check=True, env=env)
        times[name] = time.perf_counter() - started
        times[f"{name}_cpu"] = _children_cpu() - cpu
        print(f"{name}: {times[name]:.0f} s, {times[f'{name}_cpu']:.0f} CPU s", flush=True)
    return times


def main(argv: list[str]) -> int:
    keep = "--keep" in argv
    clone = Path(tempfile.mkdtemp(prefix="jlp-test-times-"))
    load = os.getloadavg()[0]
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        times = run_stages(clone)
    finally:
        if not keep:
            shutil.rmtree(clone, ignore_errors=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    unit = f"s wall, fresh clone, load {load:.1f} at start"
    cpu_unit = "CPU s (user + system, every process of the stage), fresh clone"
    for name, seconds in times.items():
        row = {"value": round(seconds, 1), "unit": cpu_unit if name.endswith("_cpu") else unit}
        results[f"test_stage_{name}"] = row
    stages = [k for k in times if k != "install" and not k.endswith("_cpu")]
    test_total = sum(times[k] for k in stages)
    results["test_stage_total_make_test"] = {"value": round(test_total, 1), "unit": unit}
    test_cpu = sum(times[f"{k}_cpu"] for k in stages)
    results["test_stage_total_make_test_cpu"] = {"value": round(test_cpu, 1), "unit": cpu_unit}
    RESULTS.write_text(json.dumps(dict(sorted(results.items())), indent=2) + "\n")
    print(
        f"make test stages: {test_total:.0f} s, {test_cpu:.0f} CPU s in all"
        f" (install {times['install']:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
