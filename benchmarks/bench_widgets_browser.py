"""How fast a widget answers in a real JupyterLab: input event → chart changed on screen.

Starts JupyterLab on 127.0.0.1 (in a temporary folder, stopped at the end), opens a
notebook holding each widget twice — the way before (``live_updates=False``: every change
sends and draws a whole new chart) and the way now (the chart is updated in place) — runs
it, and in headless Chromium changes a control many times, alternating the two, timing
from the input event to the moment the chart on screen shows the new data. Rows:
``widgets.browser.<widget>.{before,now}_median_ms`` and ``….ratio`` (now / before).
Needs Debian's chromium (``/usr/bin/chromium`` or ``$JLP_CHROMIUM``); without it, no rows.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

#: How many timed changes per widget and way (after one warm-up change each).
ROUNDS = int(os.environ.get("JLP_BENCH_ROUNDS", "15"))

_CELLS = [
    "from jlp.widgets import FeeRampTuner, NetScorer, PoolChooser",
    'NetScorer(network="Bench", date="1998-03-01", live_updates=False)'
    '.add_class("bench-net-before")',
    'NetScorer(network="Bench", date="1998-03-01").add_class("bench-net-now")',
    'FeeRampTuner(live_updates=False).add_class("bench-fee-before")',
    'FeeRampTuner().add_class("bench-fee-now")',
    'PoolChooser(live_updates=False).add_class("bench-pool-before")',
    'PoolChooser().add_class("bench-pool-now")',
]

#: In the page: time ``act()`` until the chart under ``root`` shows other data than before.
_MEASURE = """
([root, act]) => new Promise((resolve) => {
  const slot = document.querySelector(root + " .jlp-chart-slot");
  const signature = () => {
    const gd = slot.querySelector(".js-plotly-plot");
    if (!gd || !gd.data || !gd._fullLayout || !gd.querySelector(".main-svg")) { return null; }
    return JSON.stringify(gd.data.map((t) => [t.x, t.y, t.z]));
  };
  const before = signature();
  const started = performance.now();
  const done = () => {
    const now = signature();
    if (now !== null && now !== before) {
      observer.disconnect();
      resolve(performance.now() - started);
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(done);
  observer.observe(slot, {childList: true, subtree: true, attributes: true});
  setTimeout(() => { observer.disconnect(); resolve(-1); }, 15000);
  window[act]();
})
"""

#: In the page: the input events, each a function of no argument on ``window``.
_ACTIONS = """
() => {
  const turn = {};
  const toggles = (root) => Array.from(document.querySelectorAll(
    root + " .jlp-net-grid .widget-toggle-buttons"));
  for (const way of ["before", "now"]) {
    let n = 0;
    window["net_" + way] = () => {  // click ✓ then – on the cells in turn
      const cells = toggles(".bench-net-" + way);
      const cell = cells[Math.floor(n / 2) % cells.length];
      const buttons = cell.querySelectorAll("button");
      (n % 2 === 0 ? buttons[3] : buttons[0]).click();
      n += 1;
    };
    for (const kind of ["fee", "pool"]) {
      window[kind + "_" + way] = () => {  // the first menu: alternate two presets
        const select = document.querySelector(".bench-" + kind + "-" + way + " select");
        const key = kind + way;
        turn[key] = (turn[key] || 0) + 1;
        select.selectedIndex = turn[key] % 2 === 1 ? 1 : 0;
        select.dispatchEvent(new Event("change", {bubbles: true}));
      };
    }
  }
}
"""


def _notebook(folder: Path) -> Path:
    cells = [
        {"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None}
        for c in _CELLS
    ]
    nb = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / "bench.ipynb"
    path.write_text(json.dumps(nb))
    return path


def _drive(url: str) -> dict[str, list[float]]:
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(url)
        page.wait_for_function("window.jupyterapp && window.jupyterapp.shell", timeout=120_000)
        page.wait_for_selector(".jp-Notebook", timeout=120_000)
        page.wait_for_function(
            "document.querySelector('.jp-Notebook-ExecutionIndicator[data-status=idle]')"
            " || document.querySelector('.jp-mod-idle') || true"
        )
        page.wait_for_timeout(3000)  # the kernel starting
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        for way in ("before", "now"):
            for kind in ("net", "fee", "pool"):
                page.wait_for_selector(
                    f".bench-{kind}-{way} .jlp-chart-slot .js-plotly-plot .main-svg",
                    timeout=180_000,
                )
        page.evaluate(_ACTIONS)
        for kind in ("net", "fee", "pool"):
            for way in ("before", "now"):
                root = f".bench-{kind}-{way}"
                page.locator(root).first.scroll_into_view_if_needed()
                # warm up: the first change makes the chart live (way now)
                page.evaluate(_MEASURE, [root, f"{kind}_{way}"])
                page.wait_for_timeout(300)
            for _ in range(ROUNDS):
                for way in ("before", "now"):
                    root = f".bench-{kind}-{way}"
                    page.locator(root).first.scroll_into_view_if_needed()
                    ms = page.evaluate(_MEASURE, [root, f"{kind}_{way}"])
                    if ms >= 0:
                        times.setdefault(f"{kind}_{way}", []).append(ms)
                    page.wait_for_timeout(250)  # let the kernel settle between changes
        browser.close()
    return times


def widgets_in_jupyterlab() -> dict[str, tuple[float, str]]:
    from browser import chromium_path
    from servers import jupyterlab  # tests/servers.py

    if chromium_path() is None:
        return {}
    names = {"net": "net_scorer", "fee": "fee_ramp_tuner", "pool": "pool_chooser"}
    with tempfile.TemporaryDirectory(prefix="jlp-bench-lab-") as tmp:
        folder = Path(tmp)
        _notebook(folder)
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
        env["JUPYTER_RUNTIME_DIR"] = str(folder / ".runtime")
        env["JUPYTERLAB_WORKSPACES_DIR"] = str(folder / ".workspaces")
        options = [
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            f"--LabApp.workspaces_dir={folder / '.workspaces'}",
        ]
        with jupyterlab(folder, options=options, env=env, start_limit=120) as lab:
            times = _drive(f"{lab.url}/lab/tree/bench.ipynb?token={lab.token}")
    # The machine's load while measuring (2 cores shared with other work): read the rows with it.
    rows: dict[str, tuple[float, str]] = {"widgets.browser.load_average": (os.getloadavg()[0], "")}
    for kind, name in names.items():
        before, now = times.get(f"{kind}_before", []), times.get(f"{kind}_now", [])
        if not before or not now:
            continue
        b, n = statistics.median(before), statistics.median(now)
        rows[f"widgets.browser.{name}.before_median_ms"] = (b, "ms")
        rows[f"widgets.browser.{name}.now_median_ms"] = (n, "ms")
        rows[f"widgets.browser.{name}.now_max_ms"] = (max(now), "ms")
        rows[f"widgets.browser.{name}.ratio"] = (n / b, "now/before")
    return rows


BENCHMARKS = [("widgets in JupyterLab (input → chart)", widgets_in_jupyterlab)]


if __name__ == "__main__":
    for row, (value, unit) in widgets_in_jupyterlab().items():
        print(f"{row}: {value:.1f} {unit}")
