"""Fee ramps: FeeRampTuner update latency and the speed of the pure functions behind it.

The tuner is driven as a user drives it: each iteration sets one control, which calls the
widget's handler (recompute, update three figures in place, display them). The handler
runs inside an IPython shell so that displaying really formats each figure (its JSON and
HTML), as in a kernel; what the shell prints is discarded. The issue asks for ≤ 50 ms per
update.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import time

CHANGES = 60


def _shell():
    from IPython.core.interactiveshell import InteractiveShell

    return InteractiveShell.instance()


def tuner_update() -> dict[str, tuple[float, str]]:
    """Median and worst time of one FeeRampTuner update after a control changes."""
    _shell()
    from jlp.widgets import FeeRampTuner

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        tuner = FeeRampTuner()
        values = [
            (tuner.step, [0.05, 0.1, 0.15, 0.2, 0.3, 0.35]),
            (tuner.first_share, [0.1, 0.15, 0.25, 0.3]),
            (tuner.subsidised_years, [0, 1, 2, 4, 5]),
            (tuner.dropout_threshold, [0.2, 0.3, 0.35]),
            (tuner.new_networks, [10, 20, 40, 50]),
            (tuner.years, [8, 12, 15, 20]),
        ]
        times, cpu_times = [], []
        i = 0
        while len(times) < CHANGES:
            control, options = values[i % len(values)]
            value = options[(i // len(values)) % len(options)]
            i += 1
            if control.value == value:
                continue
            started, cpu = time.perf_counter(), time.process_time()
            control.value = value
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu)
    times.sort()
    return {
        "fees_tuner_update_median": (statistics.median(times) * 1000, "ms"),
        "fees_tuner_update_p90": (times[int(0.9 * (len(times) - 1))] * 1000, "ms"),
        "fees_tuner_update_max": (times[-1] * 1000, "ms"),
        # CPU time of this process: what the update costs when the machine is not shared
        "fees_tuner_update_cpu_median": (statistics.median(cpu_times) * 1000, "ms"),
    }


def tuner_tab_switch() -> dict[str, tuple[float, str]]:
    """Time to open a tab whose chart is out of date (it is drawn then, not on every change)."""
    _shell()
    from jlp.widgets import FeeRampTuner

    times = []
    with contextlib.redirect_stdout(io.StringIO()):
        tuner = FeeRampTuner()
        for i in range(20):
            tuner.tabs.selected_index = 0
            tuner.step.value = [0.1, 0.2][i % 2]
            started = time.perf_counter()
            tuner.tabs.selected_index = 1 + i % 2
            times.append(time.perf_counter() - started)
    return {"fees_tuner_tab_switch_median": (statistics.median(times) * 1000, "ms")}


def pure_functions() -> dict[str, tuple[float, str]]:
    """Time of a 10-year schedule with affordability, and of a 60-year institution."""
    from jlp import fees

    rule = fees.ramp_preset("emasim")
    benefit = fees.benefit_preset()
    thresholds = fees.default_thresholds()
    plan = fees.institution_preset("certec").replace(years=60)

    def timed(function, repeat: int = 200) -> float:
        function()
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        return (time.perf_counter() - started) / repeat * 1000

    return {
        "fees_schedule_affordability_10y": (
            timed(lambda: fees.affordability(fees.schedule(rule, 4000, 10), benefit, thresholds)),
            "ms",
        ),
        "fees_institution_finances_60y": (timed(lambda: fees.finances(plan)), "ms"),
    }


BENCHMARKS = [
    ("fees_tuner_update", tuner_update),
    ("fees_tuner_tab_switch", tuner_tab_switch),
    ("fees_pure_functions", pure_functions),
]
