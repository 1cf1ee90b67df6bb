"""Working copies (jlp.editions.copies): what trainees and instructors get, and refreshing them.

Plain library tests (no JupyterLab): they run in `make unit`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jlp.editions.copies import (
    BASE,
    WIDGET_MIME,
    merge,
    pre_save_hook,
    refresh,
    working_copy,
    working_copy_text,
)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: Directives jupyterlab-myst 2.x knows (myst-parser's defaults and the extensions it loads).
KNOWN = {"admonition", "dropdown", "exercise", "solution", "solution-start", "solution-end"}
_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{(?P<name>[\w:.-]+)\}", re.M)


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _markdown(notebook: dict) -> str:
    return "\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in notebook["cells"]
        if c["cell_type"] == "markdown"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_copies_use_only_directives_jupyterlab_myst_knows(path):
    for kind in ("workshop", "instructor"):
        names = set(_DIRECTIVE.findall(_markdown(working_copy(_load(path), kind))))
        assert names <= KNOWN, f"{path.name} ({kind}): {names - KNOWN}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_workshop_copy_has_no_solution_and_no_note(path):
    original = _load(path)
    copy = working_copy(original, "workshop")
    text = _markdown(copy)
    assert "{solution" not in text
    assert "Instructor note" not in text
    # every code cell outside a gated solution is kept, in order
    code = [c["source"] for c in copy["cells"] if c["cell_type"] == "code"]
    assert code and all(c in [o["source"] for o in original["cells"]] for c in code)
    assert len({c["id"] for c in copy["cells"]}) == len(copy["cells"])


def test_instructor_copy_folds_solutions_and_shows_notes():
    copy = working_copy(_load(ROOT / "notebooks" / "emasim.ipynb"), "instructor")
    text = _markdown(copy)
    assert re.search(r":::\{solution\} [\w-]+\n:class: dropdown\n", text)
    assert ":::{admonition} Instructor note: Running the EMASIM case · 75–90 min" in text
    hidden = [c for c in copy["cells"] if c["metadata"].get("jupyter", {}).get("source_hidden")]
    assert hidden, "the cells of a gated solution are folded"
    assert all(
        c["metadata"]["jupyter"].get("outputs_hidden") for c in hidden if c["cell_type"] == "code"
    )


def test_self_check_answers_are_folded_with_their_feedback():
    copy = working_copy(_load(ROOT / "notebooks" / "your-network.ipynb"), "workshop")
    text = _markdown(copy)
    assert "- [x]" not in text and "- [ ]" not in text  # nothing pre-ticked
    assert ":::{dropdown} A. It has only one partner.\n**Right.** Right: an actor" in text
    assert ":::{dropdown} B. It has no tie at all.\n**Not quite.** No: an actor" in text


def test_saved_widgets_become_one_line():
    model = {
        "type": "notebook",
        "content": {
            "cells": [
                {
                    "cell_type": "code",
                    "outputs": [
                        {
                            "output_type": "display_data",
                            "data": {WIDGET_MIME: {}, "text/plain": "x"},
                        },
                        {"output_type": "stream", "text": "kept"},
                    ],
                }
            ]
        },
    }
    pre_save_hook(model, path="a.ipynb", contents_manager=None)
    outputs = model["content"]["cells"][0]["outputs"]
    assert set(outputs[0]["data"]) == {"text/plain"}
    assert "bring the tools back" in outputs[0]["data"]["text/plain"]
    assert outputs[1] == {"output_type": "stream", "text": "kept"}


def test_workshop_downloads_are_the_trainee_copies():
    text = (ROOT / "notebooks" / "net-tool.ipynb").read_text(encoding="utf-8")
    assert json.loads(working_copy_text(text, "workshop")) == working_copy(
        json.loads(text), "workshop"
    )


def _notebook(*cells: tuple[str, str]) -> dict:
    return {
        "cells": [
            {"id": i, "cell_type": "code", "metadata": {}, "outputs": [], "source": s}
            for i, s in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_merge_keeps_the_trainees_work_and_takes_the_courses_fixes():
    base = _notebook(("a", "x = 1"), ("b", "y = 2"), ("c", "z = 3"), ("d", "gone = 0"))
    mine = _notebook(("a", "x = 1"), ("b", "y = 20  # mine"), ("mine", "my_cell()"), ("c", "z = 3"))
    theirs = _notebook(("a", "x = 10"), ("b", "y = 2"), ("new", "new()"), ("d", "gone = 0"))
    merged = [c["source"] for c in merge(base, mine, theirs)["cells"]]
    # a: fixed by the course; b: the trainee's; their own cell stays after b; c: removed by
    # the course (untouched by the trainee); new: added; d: deleted by the trainee
    assert merged == ["x = 10", "y = 20  # mine", "my_cell()", "new()"]


def test_refresh_never_destroys_a_trainees_edit(tmp_path):
    source, folder = tmp_path / "course", tmp_path / "mine"
    source.mkdir()
    first = _notebook(("a", "print(1)"), ("b", "print(2)"))
    (source / "n.ipynb").write_text(json.dumps(first))
    assert refresh(source, folder, "workshop")["new"] == 1
    assert (folder / BASE / "workshop" / "n.ipynb").exists()
    copy = _load(folder / "n.ipynb")
    copy["cells"][1]["source"] = "print('my answer')"
    copy["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "mine"}]
    (folder / "n.ipynb").write_text(json.dumps(copy))
    assert refresh(source, folder, "workshop") == {"new": 0, "updated": 0, "kept": 0}
    (source / "n.ipynb").write_text(json.dumps(_notebook(("a", "print(10)"), ("b", "print(2)"))))
    assert refresh(source, folder, "workshop")["kept"] == 1
    cells = _load(folder / "n.ipynb")["cells"]
    assert [c["source"] for c in cells] == ["print(10)", "print('my answer')"]
    assert cells[1]["outputs"][0]["text"] == "mine"
    (folder / "n.ipynb").unlink()  # a deleted copy comes back
    assert refresh(source, folder, "workshop")["new"] == 1
