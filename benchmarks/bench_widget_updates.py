"""The kernel's share of a live widget update: CPU time from a person's change (as the
front-end sends it) to the chart's update and every other message sent.

The browser benchmarks (``bench_widgets_browser.py``) time the whole path in JupyterLab,
which on a shared machine swings with its load; this part is measured in CPU time, so it
stays comparable between runs. Rows: ``widgets.kernel.<widget>.cpu_median_ms``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ROUNDS = 40


def _cpu_median(change: Callable[[int], None]) -> float:
    change(0)
    change(1)  # the first changes make the chart live
    times = []
    for i in range(ROUNDS):
        started = time.process_time()
        change(i)
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def widget_updates() -> dict[str, tuple[float, str]]:
    from jlp.widgets import FeeRampTuner, NetScorer, PoolChooser

    scorer = NetScorer(network="Bench", date="1998-03-01")
    cells = list(scorer.toggles.values())
    tuner = FeeRampTuner()
    chooser = PoolChooser()
    changes = {
        # click ✓ then – on the cells in turn, as the browser benchmark does
        "net_scorer": lambda i: cells[(i // 2) % len(cells)].set_state(
            {"index": 3 if i % 2 == 0 else 0}
        ),
        "fee_ramp_tuner": lambda i: tuner.preset.set_state({"index": 1 - i % 2}),
        "pool_chooser": lambda i: chooser.preset.set_state({"index": 1 - i % 2}),
    }
    return {
        f"widgets.kernel.{name}.cpu_median_ms": (_cpu_median(change), "ms CPU")
        for name, change in changes.items()
    }


BENCHMARKS = [("widget updates in the kernel", widget_updates)]


if __name__ == "__main__":
    for row, (value, unit) in widget_updates().items():
        print(f"{row}: {value:.1f} {unit}")
