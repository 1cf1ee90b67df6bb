"""NET: scoring at programme scale, file reading, and the NetScorer widget's update latency.

* ``net_score_10k_assessments_s`` — :func:`jlp.net.score` on 10,000 assessments (420,000
  rows) of the illustrative simulator, checking included (target ≤ 1 s);
* ``net_score_10k_arithmetic_s`` — only the scoring arithmetic, on the ready ``(n, 7, 6)``
  array of rating codes;
* ``net_read_csv_420k_rows_s`` — reading and checking that table from a CSV file;
* ``net_scorer_update_ms`` (mean) and ``net_scorer_update_p95_ms`` — from a toggle change to
  the scores, summary and heatmap updated, driving the widget's handler in a loop
  (target ≤ 50 ms);
* ``net_naive_interact_update_ms`` — in the same run, a naive ``ipywidgets.interact`` with
  one drop-down per cell that redraws the same heatmap with matplotlib (rendered to PNG,
  as the inline backend does); ``net_naive_over_scorer_ratio`` compares the two.

Wall-clock times depend on what else the machine runs; each timed row has a ``_cpu``
twin (CPU time of this process), which stays close to the wall time of an idle machine.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np


def _programme(assessments: int = 10_000):
    from jlp import net

    table = net.simulate_programme(1600, 4, seed=0)
    keys = table[["network", "date"]].drop_duplicates().iloc[:assessments]
    if len(keys) < assessments:  # pragma: no cover - the simulator's output changed
        raise RuntimeError("the simulated programme has too few assessments")
    last = keys.index[-1] + 42
    return table.iloc[:last].reset_index(drop=True)


def _best_of(function, repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU time (seconds) over ``repeat`` runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return min(wall), min(cpu)


def scoring() -> dict[str, tuple[float, str]]:
    """Score 10,000 assessments (420,000 rows), with and without the input check."""
    from jlp import net
    from jlp.net.scoring import cube, score_codes

    table = _programme()
    assert len(table) == 420_000 and table.groupby(["network", "date"]).ngroups == 10_000
    codes = cube(table).codes
    full = _best_of(lambda: net.score(table))
    arithmetic = _best_of(lambda: score_codes(codes))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programme.csv"
        table.to_csv(path, index=False)
        read = _best_of(lambda: net.read_assessments(path), repeat=2)
    return {
        "net_score_10k_assessments_s": (full[0], "s"),
        "net_score_10k_assessments_cpu_s": (full[1], "s"),
        "net_score_10k_arithmetic_s": (arithmetic[0], "s"),
        "net_read_csv_420k_rows_s": (read[0], "s"),
        "net_read_csv_420k_rows_cpu_s": (read[1], "s"),
    }


def _cycle(n: int):
    from jlp.net.rubric import CELLS

    values = ["achieved", "partial", "not_achieved", ""]
    for k in range(n):
        yield CELLS[(k * 5) % 42], values[k % 4]


def _naive_interact():
    """What a notebook author might write first: interact + a matplotlib redraw."""
    import ipywidgets as widgets
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from jlp.net import summary
    from jlp.net.rubric import CELLS, INDICATORS, STAGES, indicator_labels, stage_labels

    names = {cell: f"{cell[0]}__{cell[1]}" for cell in CELLS}
    options = [("–", ""), ("✗", "not_achieved"), ("½", "partial"), ("✓", "achieved")]

    def draw(**ratings):
        chosen = {cell: ratings[names[cell]] for cell in CELLS}
        result = summary(chosen)
        codes = np.array(
            [
                [
                    ("not_achieved", "partial", "achieved").index(chosen[(i, s)])
                    if chosen[(i, s)]
                    else np.nan
                    for s in STAGES
                ]
                for i in INDICATORS
            ]
        )
        fig, ax = plt.subplots(figsize=(9, 5))
        ax.imshow(codes, cmap="cividis", vmin=0, vmax=2)
        for (row, col), value in np.ndenumerate(codes):
            ax.text(col, row, "–" if np.isnan(value) else f"{value:.0f}", ha="center", va="center")
        ax.set_xticks(range(len(STAGES)), [stage_labels()[s] for s in STAGES], rotation=30)
        ax.set_yticks(range(len(INDICATORS)), [indicator_labels()[i] for i in INDICATORS])
        ax.set_title(f"index {result['index']:g} · {result['current_stage']}")
        fig.savefig(io.BytesIO(), format="png")  # what the inline backend does
        plt.close(fig)

    controls = {names[cell]: widgets.Dropdown(options=options, value="") for cell in CELLS}
    panel = widgets.interactive(draw, **controls)
    return panel, {cell: controls[names[cell]] for cell in CELLS}


def widget_latency() -> dict[str, tuple[float, str]]:
    """NetScorer vs a naive interact + matplotlib redraw of the same heatmap."""
    from jlp.widgets.net_scorer import NetScorer

    scorer = NetScorer(network="Benchmark", date="1998-03-01")
    for cell, value in _cycle(20):  # warm up (first plotly serialisation, caches)
        scorer.cell(*cell).value = value
    times, cpu = [], []
    for cell, value in _cycle(300):
        if scorer.cell(*cell).value == value:
            continue
        started, cpu_started = time.perf_counter(), time.process_time()
        scorer.cell(*cell).value = value  # observer → handler → scores, summary, heatmap
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    assert scorer.chart.outputs, "the heatmap was not drawn"

    _panel, controls = _naive_interact()  # keep the interactive alive while driving it
    for cell, value in _cycle(5):
        controls[cell].value = value
    naive, naive_cpu = [], []
    for cell, value in _cycle(60):
        if controls[cell].value == value:
            continue
        started, cpu_started = time.perf_counter(), time.process_time()
        controls[cell].value = value  # interactive's observer redraws the figure
        naive.append((time.perf_counter() - started) * 1000)
        naive_cpu.append((time.process_time() - cpu_started) * 1000)
    mean, slow = statistics.fmean(times), statistics.fmean(naive)
    return {
        "net_scorer_update_ms": (mean, "ms"),
        "net_scorer_update_p95_ms": (float(np.percentile(times, 95)), "ms"),
        "net_scorer_update_cpu_ms": (statistics.fmean(cpu), "ms"),
        "net_naive_interact_update_ms": (slow, "ms"),
        "net_naive_interact_update_cpu_ms": (statistics.fmean(naive_cpu), "ms"),
        "net_naive_over_scorer_ratio": (slow / mean, "x"),
    }


BENCHMARKS = [("net_scoring", scoring), ("net_widget_latency", widget_latency)]
