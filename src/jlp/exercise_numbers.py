"""Exercise numbers that restart in each chapter of the book.

sphinx-exercise numbers exercises with Sphinx's figure numbers, which run on through the whole
book (Exercise 38 on the ninth page). A workshop refers to "exercise 2 of the EMASIM page", so
this extension renumbers each page's exercises 1, 2, 3 … in the order Sphinx gave them.

>>> renumber({"a": {"exercise": {"x": (7,), "y": (5,)}, "figure": {"f": (3,)}}})
{'a': {'exercise': {'y': (1,), 'x': (2,)}, 'figure': {'f': (3,)}}}
"""

from __future__ import annotations

from typing import Any

#: The kind of numbered node that restarts in each document.
KIND = "exercise"


def renumber(fignumbers: dict[str, dict[str, dict[str, tuple[int, ...]]]]) -> dict:
    """Number each document's exercises from 1, keeping their order; other kinds unchanged."""
    for numbers in fignumbers.values():
        found = numbers.get(KIND)
        if found:
            ordered = sorted(found, key=lambda key: found[key])
            numbers[KIND] = {key: (position,) for position, key in enumerate(ordered, 1)}
    return fignumbers


def _restart(app: Any, env: Any) -> list[str]:
    renumber(env.toc_fignumbers)
    return []


def setup(app: Any) -> dict[str, Any]:
    """Register the renumbering after Sphinx has assigned its numbers (priority 900)."""
    app.connect("env-get-updated", _restart, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
