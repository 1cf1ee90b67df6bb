"""The course in a real JupyterLab: the trainee copies render, run, and their tools answer.

``make lab-test`` (``pytest -m lab tests/lab``). JupyterLab runs on 127.0.0.1 over fresh
workshop copies (see conftest.py); Chromium opens a notebook, runs every cell, looks at the
rendered markdown and the outputs, then changes a control of each tool and waits for its
chart or table to change. your-network also runs through papermill on two other networks.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from jlp.cli.graph import template_workbook

pytestmark = pytest.mark.lab

ROOT = Path(__file__).resolve().parents[2]

#: The notebooks opened in JupyterLab, and whether the tools in them must answer a change.
NOTEBOOKS = ["net-tool.ipynb", "fee-ramp.ipynb", "your-network.ipynb", "emasim.ipynb"]

_OPENED = """() => {
  const nb = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return !!(nb && nb.sessionContext && nb.content && nb.content.model);
}"""

#: Run all cells once the kernel is up, without waiting here (the tabs start together).
_RUN_ALL_WHEN_READY = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  nb.sessionContext.ready.then(
    () => window.jupyterapp.commands.execute('notebook:run-all-cells'));
}"""

_ALL_RAN = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  const kernel = nb.sessionContext.session && nb.sessionContext.session.kernel;
  const cells = [...nb.content.model.cells].filter(c => c.type === 'code');
  return !!kernel && kernel.status === 'idle' && cells.every(c => c.executionCount !== null);
}"""

_ERRORS = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  const out = [];
  for (const cell of nb.content.model.cells) {
    if (cell.type !== 'code') continue;
    for (let i = 0; i < cell.outputs.length; i++) {
      const o = cell.outputs.get(i).toJSON();
      if (o.output_type === 'error') out.push(o.ename + ': ' + o.evalue);
    }
  }
  return out;
}"""

#: What a tool shows: its charts, tables and framed pages (not its controls' own labels).
_SHOWN = """(area) => [...area.querySelectorAll('.js-plotly-plot .main-svg, table, iframe')]
  .map(e => e.tagName === 'IFRAME' ? (e.srcdoc || e.src) : e.innerHTML).join('|')"""


@pytest.fixture(scope="module")
def running(lab, chromium, papermill_runs):
    """Every notebook open in its own tab, all running at once (their kernels in parallel);
    the papermill runs started first, in the background."""
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    pages = {}
    for name in NOTEBOOKS:
        pages[name] = page = context.new_page()
        page.goto(lab.tree(name))
        page.wait_for_function(_OPENED, timeout=120_000, polling=250)
        page.evaluate(_RUN_ALL_WHEN_READY)
    yield pages
    context.close()


def _ran(page) -> None:
    page.bring_to_front()
    page.wait_for_function(_ALL_RAN, timeout=180_000, polling=500)
    page.wait_for_timeout(500)  # the last outputs reach the page


def _widget_areas(page):
    return page.locator(".jp-OutputArea-output:has(.jupyter-widgets)")


def _change_a_control(area) -> str:
    """Change the first control of a tool that has one; say which kind it was."""
    selects = area.locator("select:visible")
    for i in range(selects.count()):
        select = selects.nth(i)
        values = select.evaluate("s => [...s.options].map(o => o.value)")
        if len(values) >= 2:
            current = select.evaluate("s => s.value")
            select.select_option(value=next(v for v in values if v != current))
            return "menu"
    handle = area.locator(".noUi-handle").first
    if handle.count():
        handle.focus()
        for _ in range(3):
            handle.press("ArrowRight")
        return "slider"
    button = area.locator("button.widget-toggle-button:not(.mod-active)").first
    if button.count():
        button.click()
        return "button"
    box = area.locator("input[type=checkbox]").first
    box.click()
    return "checkbox"


def _answers(page, area) -> bool:
    before = area.evaluate(_SHOWN)
    kind = _change_a_control(area)
    try:
        page.wait_for_function(
            f"([area, before]) => ({_SHOWN})(area) !== before",
            arg=[area.element_handle(), before],
            timeout=15_000,
            polling=200,
        )
    except Exception as err:  # a timeout: say which control did not answer
        raise AssertionError(f"the tool did not redraw after a change of its {kind}") from err
    return True


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_trainee_copy_runs_and_answers(lab, running, name):
    """Rendered like the book, no solutions, every cell runs, every tool answers a change."""
    page = running[name]
    _ran(page)
    assert page.evaluate(_ERRORS) == [], f"{name}: a cell failed"
    rendered = page.locator(".jp-MarkdownCell .myst")  # jupyterlab-myst's rendering
    texts = rendered.all_inner_texts()
    assert texts, f"{name}: no markdown rendered"
    assert not [t for t in texts if ":::{" in t or "```{" in t], f"{name}: raw MyST shown"
    assert page.locator("text=Unknown Directive").count() == 0
    assert page.locator("text=Error displaying widget").count() == 0
    assert not any("Solution to" in t for t in texts), f"{name}: a solution in a trainee copy"
    # A self-check: answers folded, feedback seen once an answer is opened.
    checks = page.locator(".jp-MarkdownCell .myst details:has(summary:text-matches('^A\\\\.'))")
    if checks.count():
        first = checks.first
        first.scroll_into_view_if_needed()
        assert first.get_attribute("open") is None
        assert not first.get_by_text("Right.").or_(first.get_by_text("Not quite.")).is_visible()
        first.locator("summary").click()
        verdict = first.get_by_text("Right.").or_(first.get_by_text("Not quite."))
        assert verdict.first.is_visible()
    areas = _widget_areas(page)
    assert areas.count() >= 1, f"{name}: no live tool"
    for index in range(areas.count()):
        area = areas.nth(index)
        area.scroll_into_view_if_needed()
        assert _answers(page, area)
    assert page.locator("text=Error displaying widget").count() == 0


def test_saved_copy_reopens_with_one_line(lab, running):
    """After a save, a reopened notebook says how to bring its tools back (no widget error)."""
    page = running["fee-ramp.ipynb"]
    _ran(page)
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        "() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000
    )
    saved = json.loads((lab.root / lab.folder / "fee-ramp.ipynb").read_text())
    texts = [
        output.get("data", {})
        for cell in saved["cells"]
        for output in cell.get("outputs", [])
        if "data" in output
    ]
    assert texts, "the saved copy has no outputs"
    assert not any("application/vnd.jupyter.widget-view+json" in d for d in texts)
    page.reload()
    page.wait_for_selector(".jp-OutputArea-output", timeout=60_000)
    assert page.locator("text=to bring the tools back").count() >= 1
    assert page.locator("text=Error displaying widget").count() == 0


def test_instructor_copy_folds_solutions_and_shows_notes(lab, chromium):
    """The instructor's copy, as opened (not run): solutions folded, notes as in the book."""
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        page.goto(lab.tree("emasim.ipynb", folder="instructor-notebooks"))
        page.wait_for_function(_OPENED, timeout=120_000, polling=250)
        rendered = page.locator(".jp-MarkdownCell .myst")
        rendered.first.wait_for()
        texts = rendered.all_inner_texts()
        assert not [t for t in texts if ":::{" in t], "raw MyST shown"
        assert page.locator("text=Unknown Directive").count() == 0
        solution = page.locator(
            ".jp-MarkdownCell .myst details:has(summary:has-text('Solution to'))"
        )
        assert solution.count() >= 1
        assert solution.first.get_attribute("open") is None  # folded until clicked
        note = rendered.filter(has_text="Instructor note: Running the EMASIM case · 75–90 min")
        note.first.wait_for(timeout=30_000)  # an admonition, as in the instructor edition
        folded = page.locator(".jp-Cell:has(.jp-InputCollapser) .jp-Placeholder")
        assert folded.count() >= 1  # the cells of a gated solution, collapsed
    finally:
        context.close()


# --- your-network through papermill -------------------------------------------------------


def _start_papermill(folder: Path, **parameters: str) -> subprocess.Popen:
    """Start your-network on ``parameters`` in ``folder`` (its own process, in the background)."""
    args = [sys.executable, "-m", "papermill", str(ROOT / "notebooks" / "your-network.ipynb")]
    args += [str(folder / "out.ipynb"), "--cwd", str(folder), "--no-progress-bar"]
    for key, value in parameters.items():
        args += ["-p", key, value]
    path = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    log = (folder / "papermill.log").open("w")
    return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, text=True)


def _printed(folder: Path, run: subprocess.Popen) -> list[str]:
    """Every text the run printed or showed; a failed run or cell fails the test."""
    try:
        code = run.wait(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
    assert code == 0, (folder / "papermill.log").read_text()[-3000:]
    notebook = json.loads((folder / "out.ipynb").read_text(encoding="utf-8"))
    printed = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", output.get("evalue")
            if output["output_type"] == "stream":
                printed.append("".join(output["text"]))
            for key in ("text/plain", "text/html"):
                value = output.get("data", {}).get(key)
                if value:
                    printed.append("".join(value))
    return printed


def _row(printed: str, first_cell: str) -> list[str]:
    """The cells' texts of the shown table row that starts with ``first_cell``."""
    for row in re.findall(r"<tr>(.*?)</tr>", printed, flags=re.S):
        cells = [
            html.unescape(re.sub(r"<[^>]+>", "", c))
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        ]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no table row {first_cell!r} shown")


@pytest.fixture(scope="module")
def papermill_runs(tmp_path_factory):
    """The two papermill runs of your-network, started at once; tests read their results."""
    spanish = tmp_path_factory.mktemp("spanish")
    (spanish / "nodos.csv").write_text(SPANISH_NODES, encoding="utf-8")
    (spanish / "aristas.csv").write_text(SPANISH_EDGES, encoding="utf-8")
    workbook = tmp_path_factory.mktemp("workbook")
    (workbook / "red.xlsx").write_bytes(template_workbook(_workbook_tables()))
    runs = {
        "spanish": (
            spanish,
            _start_papermill(
                spanish, NODES="nodos.csv", EDGES="aristas.csv", TITLE="Red de Masaya"
            ),
        ),
        "workbook": (workbook, _start_papermill(workbook, NODES="red.xlsx", BROKER="cdi")),
    }
    yield runs
    for _, run in runs.values():
        if run.poll() is None:
            run.kill()
            run.wait()


SPANISH_NODES = """id;label;kind;group;phase
ana_lopez;Ana López (asesora);broker;apoyo;1
pena;Muebles Peña;firm;carpinteros;1
nunez;Taller Núñez;firm;carpinteros;1
zuniga;Tapicería Zúñiga;firm;tapiceros;2
ordonez;Barnices Ordóñez;firm;acabados;2
inatec;Instituto Técnico de la Madera;institution;apoyo;1
"""

SPANISH_EDGES = """source;target;tie;directed;phase;weight
ana_lopez;pena;coordination;FALSO;1;1,5
ana_lopez;nunez;coordination;FALSO;1;1
ana_lopez;zuniga;coordination;FALSO;2;1
pena;nunez;shared_order;sí;1;0,5
pena;zuniga;subcontracting;VERDADERO;2;2
zuniga;ordonez;supply;no;2;1
inatec;nunez;training;VERDADERO;1;1
"""


def test_your_network_on_spanish_files(papermill_runs):
    """Accented names, semicolons, decimal commas, VERDADERO/FALSO; the broker found by kind."""
    printed = "\n".join(_printed(*papermill_runs["spanish"]))
    assert "Without Ana López (asesora)" in printed
    # Zúñiga still links Barnices Ordóñez to the rest
    assert _row(printed, "Firms cut off from every institution")[2] == "none"
    assert "Red de Masaya" in printed  # the pictures' title follows the parameter
    assert "Furniture workshops" not in printed
    assert "Tapicería Zúñiga" in printed
    # the mistakes demo still runs on the course's example, not on these files
    assert "unknown node 'taller_nunes'" in printed


def _workbook_tables() -> dict[str, pd.DataFrame]:
    nodes = pd.DataFrame(
        {
            "id": ["cdi", "a", "b", "c"],
            "label": ["Centro de Desarrollo Industrial", "Ébano", "Cedro", "Pino"],
            "kind": ["institution", "firm", "firm", "firm"],
        }
    )
    edges = pd.DataFrame(
        {"source": ["cdi", "cdi", "a"], "target": ["a", "b", "c"], "tie": ["training"] * 3}
    )
    return {"nodes": nodes, "edges": edges}


def test_your_network_on_a_workbook_with_the_broker_elsewhere(papermill_runs):
    """One workbook, no phases, the broker an institution named by BROKER."""
    printed = "\n".join(_printed(*papermill_runs["workbook"]))
    assert "Without Centro de Desarrollo Industrial" in printed
    assert _row(printed, "Pieces the network falls into")[1:] == ["1", "2"]
    assert "this network has no phases" in printed
    assert _row(printed, "Title of the pictures")[1] == "red"
