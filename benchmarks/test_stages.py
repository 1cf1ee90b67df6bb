"""Time each stage of ``make test`` in a fresh clone of HEAD; record it in results.json.

Usage: ``python benchmarks/test_stages.py [--keep]`` (or ``make test-times``). The clone gets
its own ``.venv`` (the one-time install is timed apart, as ``test_stage_install``); then
lint, unit and the three editions run as ``make test`` runs them, each timed on its own, then
the browser checks and the hub test side by side, as ``make test`` runs them. Rows are merged into
``benchmarks/results.json`` as ``test_stage_<stage>`` in seconds of wall time, with the
machine's load average at the start, since the machine may be shared.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.json"
#: (row name, make arguments), in the order `make test` runs them; the browser checks and the
#: hub test run side by side, as in `make test` (each one's own time is in pytest's last line).
STAGES = [
    ("install", ["venv"]),
    ("lint", ["lint"]),
    ("unit", ["unit"]),
    ("editions", ["editions"]),
    ("site_checks_and_hub_together", ["-j2", "--output-sync=target", "site-checks", "hub-test"]),
]


def run_stages(clone: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    env = {**os.environ, "CI": "true"}
    for name, args in STAGES:
        started = time.perf_counter()
        subprocess.run(["make", "-C", str(clone), *args], check=True, env=env)
        times[name] = time.perf_counter() - started
        print(f"{name}: {times[name]:.0f} s", flush=True)
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
    for name, seconds in times.items():
        results[f"test_stage_{name}"] = {"value": round(seconds, 1), "unit": unit}
    test_total = sum(v for k, v in times.items() if k != "install")
    results["test_stage_total_make_test"] = {"value": round(test_total, 1), "unit": unit}
    RESULTS.write_text(json.dumps(dict(sorted(results.items())), indent=2) + "\n")
    print(f"make test stages: {test_total:.0f} s in all (install {times['install']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
