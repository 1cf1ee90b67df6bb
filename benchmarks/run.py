"""Run the benchmarks, print a table and write benchmarks/results.json.

Each ``benchmarks/bench_*.py`` module exposes ``BENCHMARKS``: a list of ``(name, function)``
pairs; a function returns ``{name: (value, unit)}`` (one or more rows). Results are merged
into ``results.json`` as ``{name: {"value": v, "unit": u}}``, so running a subset keeps the
other rows. Usage: ``python benchmarks/run.py [SUBSTRING ...]``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"


def discover() -> list[tuple[str, object]]:
    found = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.extend(module.BENCHMARKS)
    return found


def main(selectors: list[str]) -> int:
    console = Console()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    table = Table("benchmark", "value", "unit", title="jlp benchmarks")
    for name, function in discover():
        if selectors and not any(s in name for s in selectors):
            continue
        started = time.perf_counter()
        with console.status(f"running {name} …"):
            rows = function()
        for row, (value, unit) in rows.items():
            results[row] = {"value": round(float(value), 4), "unit": unit}
            table.add_row(row, f"{value:,.3f}", unit)
        console.log(f"{name} done in {time.perf_counter() - started:.1f} s")
    RESULTS.write_text(json.dumps(dict(sorted(results.items())), indent=2) + "\n")
    console.print(table)
    console.print(f"written to {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
