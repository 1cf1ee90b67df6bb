"""Remove solutions and instructor notes from page sources (MyST Markdown and notebooks).

The HTML of an edition is cleaned inside Sphinx (see :mod:`jlp.editions`), but the site also
serves each page's source for download (``_sources/``: the ``.md`` or ``.ipynb`` button).
These functions make that copy match the edition: a workshop trainee who downloads a
notebook gets the exercises without their solutions, and nobody outside the instructor
edition gets the instructor notes.

Understood: fenced directives (backtick or colon fences, nested), the gated pair
``{solution-start}`` … ``{solution-end}`` (in a notebook, every cell between them goes), and
``{instructor-note}`` blocks.

>>> page = '''# Title
... :::{exercise}
... Count the firms.
... :::
... :::{solution}
... Eleven.
... :::
... '''
>>> print(strip_markdown(page, solutions=True, instructor_notes=True))
# Title
:::{exercise}
Count the firms.
:::
<BLANKLINE>
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

#: Block directives removed with the solutions, and the gated pair.
SOLUTION_BLOCKS = frozenset({"solution"})
GATE_START, GATE_END = "solution-start", "solution-end"
#: Block directives removed with the instructor notes.
NOTE_BLOCKS = frozenset({"instructor-note"})

_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|:{3,})(?P<info>\S.*)?$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:.-]+)\}")


@dataclass
class _Fence:
    char: str
    length: int
    name: str | None  # the directive's name, or None for a code block
    start: int


def _fence(line: str) -> tuple[str, int, str | None] | None:
    """(fence char, length, info string or None) for a fence line, else None."""
    m = _OPEN.match(line.rstrip("\n"))
    if not m:
        return None
    fence = m.group("fence")
    info = (m.group("info") or "").strip() or None
    if fence[0] == "`" and info and "`" in info:  # an inline code span, not a fence
        return None
    return fence[0], len(fence), info


def _blocks(lines: list[str]) -> list[tuple[int, int, str]]:
    """Every fenced directive as (first line, last line, name), nested ones included."""
    found: list[tuple[int, int, str]] = []
    stack: list[_Fence] = []
    for i, line in enumerate(lines):
        parsed = _fence(line)
        if parsed is None:
            continue
        char, length, info = parsed
        top = stack[-1] if stack else None
        closes = top is not None and info is None and char == top.char and length >= top.length
        if closes:
            stack.pop()
            if top.name is not None:
                found.append((top.start, i, top.name))
            continue
        if top is not None and top.char == "`" and top.name is None:
            continue  # inside a code block nothing opens
        if info is None:
            continue  # a stray closing fence
        m = _DIRECTIVE.match(info)
        stack.append(_Fence(char, length, m.group("name") if m else None, i))
    return found


def _removed_lines(
    lines: list[str], *, solutions: bool, instructor_notes: bool, gated_open: bool
) -> tuple[set[int], bool]:
    """Line numbers to drop, and whether a gated solution is still open at the end."""
    drop: set[int] = set()
    blocks = sorted(_blocks(lines))
    names = set()
    if solutions:
        names |= SOLUTION_BLOCKS
    if instructor_notes:
        names |= NOTE_BLOCKS
    for start, end, name in blocks:
        if name in names:
            drop.update(range(start, end + 1))
    if solutions:
        gate_from = 0 if gated_open else None
        for start, end, name in blocks:
            if name == GATE_START and gate_from is None:
                gate_from = start
            elif name == GATE_END and gate_from is not None:
                drop.update(range(gate_from, end + 1))
                gate_from = None
        if gate_from is not None:
            drop.update(range(gate_from, len(lines)))
        gated_open = gate_from is not None
    return drop, gated_open


def _tidy(text: str) -> str:
    """Collapse the runs of blank lines a removal leaves behind."""
    return re.sub(r"\n{3,}", "\n\n", text)


def strip_markdown(text: str, *, solutions: bool, instructor_notes: bool) -> str:
    """``text`` without solution blocks (when ``solutions``) and instructor notes.

    >>> strip_markdown(
    ...     ":::{instructor-note}\\nSay hello.\\n:::\\nKept.\\n",
    ...     solutions=False,
    ...     instructor_notes=True,
    ... )
    'Kept.\\n'
    """
    lines = text.splitlines(keepends=True)
    drop, _ = _removed_lines(
        lines, solutions=solutions, instructor_notes=instructor_notes, gated_open=False
    )
    if not drop:
        return text
    kept = "".join(line for i, line in enumerate(lines) if i not in drop)
    return _tidy(kept).lstrip("\n")


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def strip_notebook(
    notebook: dict[str, Any], *, solutions: bool, instructor_notes: bool
) -> dict[str, Any]:
    """A copy of a notebook (nbformat 4 JSON) without solutions and instructor notes.

    Cells between ``{solution-start}`` and ``{solution-end}`` go whole; markdown cells keep
    whatever text stands outside the removed blocks, and go when nothing is left.

    >>> nb = {
    ...     "cells": [
    ...         {
    ...             "cell_type": "markdown",
    ...             "source": ":::{solution-start} ex1\\n:::",
    ...             "metadata": {},
    ...         },
    ...         {"cell_type": "code", "source": "answer = 11", "metadata": {}, "outputs": []},
    ...         {
    ...             "cell_type": "markdown",
    ...             "source": ":::{solution-end}\\n:::\\nNext.",
    ...             "metadata": {},
    ...         },
    ...     ],
    ...     "metadata": {},
    ...     "nbformat": 4,
    ...     "nbformat_minor": 5,
    ... }
    >>> [c["source"] for c in strip_notebook(nb, solutions=True, instructor_notes=True)["cells"]]
    ['Next.']
    """
    out = copy.deepcopy(notebook)
    cells: list[dict[str, Any]] = []
    gated_open = False
    for cell in out.get("cells", []):
        if cell.get("cell_type") != "markdown":
            if not (solutions and gated_open):
                cells.append(cell)
            continue
        lines = _source(cell).splitlines(keepends=True)
        drop, gated_open = _removed_lines(
            lines, solutions=solutions, instructor_notes=instructor_notes, gated_open=gated_open
        )
        if not drop:
            cells.append(cell)
            continue
        kept = _tidy("".join(line for i, line in enumerate(lines) if i not in drop)).strip("\n")
        if kept.strip():
            cell["source"] = kept
            cells.append(cell)
    out["cells"] = cells
    return out


def strip_notebook_text(text: str, *, solutions: bool, instructor_notes: bool) -> str:
    """:func:`strip_notebook` on a notebook's JSON text; returns JSON text (1-space indent)."""
    notebook = json.loads(text)
    stripped = strip_notebook(notebook, solutions=solutions, instructor_notes=instructor_notes)
    return json.dumps(stripped, indent=1, ensure_ascii=False) + "\n"


__all__ = ["strip_markdown", "strip_notebook", "strip_notebook_text"]
