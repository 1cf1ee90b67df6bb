"""Economies of scale (Masaya): PoolChooser update latency and the speed of jlp.scale.

The chooser is driven as a user drives it: each iteration picks another named pool, ticks
another set of producers or moves a co-ordination slider, which calls the widget's handler
(recompute the pool, update the figure in place, display it). The handler runs inside an
IPython shell so that displaying really formats the figure (its JSON and HTML), as in a
kernel; what the shell prints is discarded. The issue asks for ≤ 50 ms per update.
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


def chooser_update() -> dict[str, tuple[float, str]]:
    """Median and worst time of one PoolChooser update after a control changes."""
    _shell()
    from jlp import scale
    from jlp.widgets.pool_chooser import PoolChooser

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        chooser = PoolChooser()
        keys = list(scale.pool_choices())
        ids = chooser.table["id"].tolist()
        actions = [
            lambda i: setattr(chooser.preset, "value", keys[i % len(keys)]),
            lambda i: setattr(chooser.members, "value", tuple(ids[i % 7 : i % 7 + 5 + i % 13])),
            lambda i: setattr(chooser.per_pair, "value", float(i % 9)),
            lambda i: setattr(chooser.fixed, "value", float(100 * (i % 11))),
        ]
        times = []
        for i in range(CHANGES):
            started = time.perf_counter()
            actions[i % len(actions)](i)
            times.append(time.perf_counter() - started)
    return {
        "scale_chooser_update_median": (statistics.median(times) * 1000, "ms"),
        "scale_chooser_update_max": (max(times) * 1000, "ms"),
    }


def pure_functions() -> dict[str, tuple[float, str]]:
    """Time of a pool, the savings at every level, the yarn-pool trade-off and best_size."""
    from jlp import scale

    prod = scale.producers()
    curve = scale.yarn_prices()
    eco = scale.pool_choices(prod)["ecohamaca"]
    project = scale.project_preset("common_brand")

    def timed(function, repeat: int = 50) -> float:
        function()
        started = time.perf_counter()
        for _ in range(repeat):
            function()
        return (time.perf_counter() - started) / repeat * 1000

    return {
        "scale_pool_purchase_11": (timed(lambda: scale.pool_purchase(prod, eco, curve)), "ms"),
        "scale_savings_by_level_42": (timed(lambda: scale.savings_by_level(prod, curve)), "ms"),
        "scale_pool_tradeoff_37": (timed(lambda: scale.pool_tradeoff(prod, curve)), "ms"),
        "scale_best_size_roots_10000": (
            timed(lambda: scale.best_size(project, max_size=10_000)),
            "ms",
        ),
        "scale_best_size_grid_10000": (
            timed(lambda: scale.best_row(scale.net_benefit_table(project, max_size=10_000))),
            "ms",
        ),
    }


BENCHMARKS = [("scale_chooser_update", chooser_update), ("scale_pure_functions", pure_functions)]
