"""Working copies of the notebooks, as trainees and instructors open them in JupyterLab.

One function, :func:`working_copy`, makes both the copies that ``make lab`` opens and the
notebooks the workshop edition offers for download, so they never differ:

- **workshop** (trainees): no solutions, no instructor notes;
- **instructor**: solutions folded (a solution block becomes a dropdown; the cells of a
  gated solution have their input and output collapsed), instructor notes as admonitions.

Both turn each ``{self-check}`` into a block JupyterLab (with ``jupyterlab-myst``) shows as
the book does: the question, then each answer folded, its verdict and feedback seen only
once the reader opens the one they choose. ``jupyterlab-myst`` knows ``exercise``,
``solution``, ``admonition`` and ``dropdown``; any other directive would show as a red
"Unknown Directive" box, so none is left in a copy.

:func:`refresh` writes the copies into a folder and, like nbgitpuller, never destroys a
trainee's work: a cell the trainee changed keeps the trainee's text, a cell they added
stays, a deleted copy comes back, and cells the course changed are updated where the
trainee did not touch them. :func:`pre_save_hook` (for JupyterLab's
``ContentsManager.pre_save_hook``) saves each live widget as one line saying how to bring
it back, so a reopened notebook shows no "Error displaying widget".

>>> nb = {
...     "cells": [
...         {
...             "cell_type": "markdown",
...             "metadata": {},
...             "source": ":::{self-check} Two plus two?\\n- [ ] Three\\n"
...             "  > One short.\\n- [x] Four\\n:::",
...         }
...     ],
...     "metadata": {},
...     "nbformat": 4,
...     "nbformat_minor": 5,
... }
>>> print(working_copy(nb, "workshop")["cells"][0]["source"])
::::{admonition} Self-check: Two plus two?
:class: tip
Open the answer you choose to see whether it is right.
<BLANKLINE>
:::{dropdown} A. Three
**Not quite.** One short.
:::
<BLANKLINE>
:::{dropdown} B. Four
**Right.**
:::
::::
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import string
import sys
from pathlib import Path
from typing import Any

from jlp.editions.sources import _blocks, _source, strip_notebook
from jlp.i18n import Messages

#: The two kinds of copy: (remove solutions, remove instructor notes).
KINDS: dict[str, tuple[bool, bool]] = {"workshop": (True, True), "instructor": (False, False)}

#: The folders ``make lab`` and ``make lab-instructor`` open (git-ignored).
FOLDERS = {"workshop": "my-notebooks", "instructor": "instructor-notebooks"}

#: Where the last copy written of each notebook is kept, to merge the next one.
BASE = ".jlp-course"

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: User-facing words, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "self_check": "Self-check",
        "pick": "Open the answer you choose to see whether it is right.",
        "right": "Right.",
        "wrong": "Not quite.",
        "instructor_note": "Instructor note",
        "solution_end": "End of the solution.",
        "tools_back": "Run all cells (menu Run, then Run All Cells) to bring the tools back.",
        "wrote": "{folder}: {new} new, {updated} updated, {kept} with your changes kept",
        "usage": "usage: python -m jlp.editions.copies workshop|instructor [FOLDER]",
    }
)

_OPTION = re.compile(r"^- \[(?P<mark>[ xX])\]\s+(?P<text>.*)$")
_FIELD = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")


# --- markdown ------------------------------------------------------------------------------


def _header(line: str) -> tuple[str, str]:
    """(fence, argument) of a directive's opening line."""
    m = re.match(r"^\s*(?P<fence>`{3,}|:{3,})\{[\w:.-]+\}\s*(?P<arg>.*)$", line.rstrip("\n"))
    assert m is not None
    return m.group("fence"), m.group("arg").strip()


def _fields(body: list[str]) -> tuple[dict[str, str], list[str]]:
    """A directive's ``:key: value`` lines and the rest of its body."""
    fields: dict[str, str] = {}
    while body and (m := _FIELD.match(body[0].rstrip("\n"))):
        fields[m.group("key")] = m.group("value")
        body = body[1:]
    return fields, body


def _self_check(lines: list[str]) -> list[str]:
    """A ``{self-check}`` block as an admonition of folded answers."""
    _, question = _header(lines[0])
    before: list[str] = []
    options: list[tuple[bool, list[str], list[str]]] = []
    for raw in lines[1:-1]:
        line = raw.rstrip("\n")
        m = _OPTION.match(line)
        if m:
            options.append((m.group("mark") in "xX", [m.group("text")], []))
        elif options and line.startswith(" "):
            text = line.strip()
            _, words, feedback = options[-1]
            if text.startswith(">"):
                feedback.append(text[1:].strip())
            elif feedback:
                feedback.append(text)
            else:
                words.append(text)
        elif not options:
            before.append(line)
    out = [f"::::{{admonition}} {TEXT['self_check']}: {question}", ":class: tip"]
    out += [*(line for line in before if line.strip()), TEXT["pick"], ""]
    for letter, (right, words, feedback) in zip(string.ascii_uppercase, options, strict=False):
        verdict = TEXT["right"] if right else TEXT["wrong"]
        out.append(f":::{{dropdown}} {letter}. {' '.join(words)}")
        out.append(" ".join([f"**{verdict}**", *feedback]))
        out += [":::", ""]
    out[-1] = "::::"
    return [line + "\n" for line in out]


def _instructor_note(lines: list[str]) -> list[str]:
    """An ``{instructor-note}`` block as an admonition (the same title as in the book)."""
    fence, title = _header(lines[0])
    fields, body = _fields(lines[1:-1])
    label = TEXT["instructor_note"] + (f": {title}" if title else "")
    if fields.get("time"):
        label += f" · {fields['time']}"
    head = [f"{fence}{{admonition}} {label}\n", ":class: note\n"]
    return [*head, *body, lines[-1]]


def _folded_solution(lines: list[str]) -> list[str]:
    """A ``{solution}`` block that opens only when clicked."""
    fields, body = _fields(lines[1:-1])
    classes = fields.pop("class", "").split()
    fields["class"] = " ".join([*classes, "dropdown"] if "dropdown" not in classes else classes)
    head = [f":{key}: {value}\n" for key, value in fields.items()]
    return [lines[0], *head, *body, lines[-1]]


def _rewrite(text: str, *, fold: bool) -> str:
    """Markdown with self-checks, instructor notes (and, with ``fold``, solutions) rewritten."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    rewrite = {"self-check": _self_check, "instructor-note": _instructor_note}
    if fold:
        rewrite["solution"] = _folded_solution
    blocks = [b for b in _blocks(lines) if b[2] in rewrite]
    # Outermost blocks only, last first so that earlier line numbers stay valid.
    outer = [b for b in blocks if not any(o[0] < b[0] and b[1] < o[1] for o in blocks)]
    for start, end, name in sorted(outer, reverse=True):
        lines[start : end + 1] = rewrite[name](lines[start : end + 1])
    out = "".join(lines)
    return out if text.endswith("\n") else out.rstrip("\n")


# --- cells ---------------------------------------------------------------------------------


def _gate_marker(text: str) -> str | None:
    """``"start"`` / ``"end"`` when a cell holds a gated solution's marker, else None."""
    names = {name for _, _, name in _blocks(text.splitlines(keepends=True))}
    if "solution-start" in names:
        return "start"
    if "solution-end" in names:
        return "end"
    return None


def _split_at_gates(cell: dict[str, Any]) -> list[dict[str, Any]]:
    """A markdown cell cut so each gate marker stands in a cell of its own."""
    lines = _source(cell).splitlines(keepends=True)
    gates = sorted((s, e) for s, e, n in _blocks(lines) if n in {"solution-start", "solution-end"})
    if not gates:
        return [cell]
    pieces, at = [], 0
    for start, end in gates:
        pieces += [lines[at:start], lines[start : end + 1]]
        at = end + 1
    pieces.append(lines[at:])
    cells = []
    for part in pieces:
        text = "".join(part).strip("\n")
        if text.strip():
            new = copy.deepcopy(cell)
            new["source"] = text
            cells.append(new)
    if cell.get("id"):
        for n, new in enumerate(cells[1:], start=1):
            new["id"] = f"{cell['id'][:60]}-{n}"
    return cells


def _fold_gated(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Collapse every cell between a gated solution's start and end markers."""
    split = [
        piece
        for cell in cells
        for piece in (_split_at_gates(cell) if cell.get("cell_type") == "markdown" else [cell])
    ]
    inside = False
    for cell in split:
        marker = _gate_marker(_source(cell)) if cell.get("cell_type") == "markdown" else None
        if marker == "start":
            inside = True
        elif marker == "end":
            inside = False
            if len(_blocks(_source(cell).splitlines(keepends=True))) == 1:
                cell["source"] = f"*{TEXT['solution_end']}*"  # an end marker draws an empty box
        elif inside:
            jupyter = cell.setdefault("metadata", {}).setdefault("jupyter", {})
            jupyter["source_hidden"] = True
            if cell.get("cell_type") == "code":
                jupyter["outputs_hidden"] = True
    return split


def _ensure_ids(notebook: dict[str, Any]) -> None:
    """Give every cell an id (nbformat 4.5), so copies can be merged cell by cell."""
    seen: set[str] = set()
    for index, cell in enumerate(notebook.get("cells", [])):
        cid = cell.get("id")
        if not cid or cid in seen:
            cid = f"cell-{index:03d}"
            cell["id"] = cid
        seen.add(cid)
    if notebook.get("nbformat", 4) == 4 and notebook.get("nbformat_minor", 0) < 5:
        notebook["nbformat_minor"] = 5


def scrub_widgets(notebook: dict[str, Any]) -> dict[str, Any]:
    """Replace each saved widget view with one line saying how to bring it back (in place).

    >>> nb = {
    ...     "cells": [
    ...         {
    ...             "cell_type": "code",
    ...             "outputs": [
    ...                 {
    ...                     "output_type": "display_data",
    ...                     "data": {WIDGET_MIME: {"model_id": "x"}, "text/plain": "HBox()"},
    ...                 }
    ...             ],
    ...         }
    ...     ]
    ... }
    >>> scrub_widgets(nb)["cells"][0]["outputs"][0]["data"]
    {'text/plain': 'Run all cells (menu Run, then Run All Cells) to bring the tools back.'}
    """
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data") or {}
            if WIDGET_MIME in data:
                output["data"] = {"text/plain": TEXT["tools_back"]}
    return notebook


def working_copy(notebook: dict[str, Any], kind: str) -> dict[str, Any]:
    """The notebook (nbformat 4 JSON) as a ``workshop`` or ``instructor`` copy."""
    solutions, notes = KINDS[kind]
    out = strip_notebook(notebook, solutions=solutions, instructor_notes=notes)
    for cell in out.get("cells", []):
        if cell.get("cell_type") == "markdown":
            cell["source"] = _rewrite(_source(cell), fold=not solutions)
    if not solutions:
        out["cells"] = _fold_gated(out["cells"])
    _ensure_ids(out)
    return scrub_widgets(out)


def working_copy_text(text: str, kind: str) -> str:
    """:func:`working_copy` on a notebook's JSON text; returns JSON text."""
    return _dump(working_copy(json.loads(text), kind))


def _dump(notebook: dict[str, Any]) -> str:
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


# --- refreshing a folder of copies -----------------------------------------------------------


def _fingerprint(cell: dict[str, Any]) -> str:
    return hashlib.sha256(f"{cell.get('cell_type')}\0{_source(cell)}".encode()).hexdigest()


def merge(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Three-way merge of notebooks by cell id; the trainee's (``mine``) changes win.

    ``base`` is the course's copy the trainee started from, ``theirs`` the course's new one.
    A cell the trainee changed or added stays as they left it; one they deleted stays
    deleted; a cell they did not touch follows the course (changed, moved, added, removed).
    Outputs stay wherever the trainee's cell text stays.

    >>> def nb(*cells):
    ...     return {"cells": [{"id": i, "cell_type": "code", "source": s} for i, s in cells]}
    >>> merged = merge(
    ...     nb(("a", "1"), ("b", "2")),
    ...     nb(("a", "1"), ("b", "20"), ("t", "mine")),
    ...     nb(("a", "10"), ("b", "2"), ("c", "3")),
    ... )
    >>> [c["source"] for c in merged["cells"]]
    ['10', '20', 'mine', '3']
    """
    base_cells = {c["id"]: c for c in base.get("cells", [])}
    my_cells = {c["id"]: c for c in mine.get("cells", [])}
    their_ids = [c["id"] for c in theirs.get("cells", [])]
    out: list[dict[str, Any]] = []
    for cell in theirs.get("cells", []):
        cid = cell["id"]
        if cid in base_cells and cid not in my_cells:
            continue  # the trainee deleted it
        mine_cell = my_cells.get(cid)
        if mine_cell is None:
            out.append(copy.deepcopy(cell))  # new in the course
        elif _fingerprint(mine_cell) != _fingerprint(base_cells.get(cid, {})):
            out.append(mine_cell)  # the trainee's change wins
        elif _fingerprint(mine_cell) == _fingerprint(cell):
            out.append(mine_cell)  # unchanged on both sides: keep its outputs
        else:
            out.append(copy.deepcopy(cell))
    # The trainee's own cells (and changed cells the course removed), after their neighbour.
    placed = {c["id"] for c in out}
    previous: str | None = None
    for cell in mine.get("cells", []):
        cid = cell["id"]
        keep = cid not in base_cells or (
            cid not in their_ids and _fingerprint(cell) != _fingerprint(base_cells[cid])
        )
        if cid not in placed and keep:
            at = next((i + 1 for i, c in enumerate(out) if c["id"] == previous), 0)
            out.insert(at, cell)
            placed.add(cid)
        if cid in placed:
            previous = cid
    merged = copy.deepcopy(theirs)
    merged["cells"] = out
    return merged


def _write(path: Path, text: str) -> None:
    from jlp.files import atomic_write

    atomic_write(path, text.encode("utf-8"))


def refresh(source: Path, folder: Path, kind: str) -> dict[str, int]:
    """Write or update the ``kind`` copies of every notebook in ``source`` into ``folder``.

    Returns how many copies were new, updated from the course, and kept with the trainee's
    own changes (merged cell by cell with the course's new version, see :func:`merge`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    base_dir = folder / BASE / kind
    base_dir.mkdir(parents=True, exist_ok=True)
    counts = {"new": 0, "updated": 0, "kept": 0}
    for original in sorted(Path(source).glob("*.ipynb")):
        theirs = working_copy(json.loads(original.read_text(encoding="utf-8")), kind)
        target, base_file = folder / original.name, base_dir / original.name
        if not target.exists() or not base_file.exists():
            if target.exists():  # a copy from before this folder kept its base: keep it
                counts["kept"] += 1
                _write(base_file, _dump(theirs))
                continue
            counts["new"] += 1
            _write(target, _dump(theirs))
        else:
            base = json.loads(base_file.read_text(encoding="utf-8"))
            mine = json.loads(target.read_text(encoding="utf-8"))
            if base == theirs:
                continue  # the course did not change: leave the trainee's file alone
            merged = merge(base, mine, theirs)
            prints = [_fingerprint(c) for c in mine["cells"]]
            edited = prints != [_fingerprint(c) for c in base["cells"]]
            counts["kept" if edited else "updated"] += 1
            _write(target, _dump(merged))
        _write(base_file, _dump(theirs))
    return counts


def pre_save_hook(model: dict[str, Any], **kwargs: Any) -> None:
    """JupyterLab's ``ContentsManager.pre_save_hook``: saved widgets become one line."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        scrub_widgets(model["content"])


def main(argv: list[str] | None = None) -> int:
    """``python -m jlp.editions.copies workshop|instructor [FOLDER]`` (run from the repo)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in KINDS or len(args) > 2:
        print(TEXT["usage"], file=sys.stderr)
        return 2
    kind = args[0]
    folder = Path(args[1] if len(args) > 1 else FOLDERS[kind])
    counts = refresh(Path(os.environ.get("JLP_NOTEBOOKS", "notebooks")), folder, kind)
    print(TEXT["wrote"].format(folder=folder, **counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "FOLDERS",
    "KINDS",
    "TEXT",
    "merge",
    "pre_save_hook",
    "refresh",
    "scrub_widgets",
    "working_copy",
    "working_copy_text",
]
