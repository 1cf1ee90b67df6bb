"""Chart titles with a note under them, laid out the same way on every chart of the course.

plotly draws the note (its ``subtitle``) under the title; neither wraps, so the note is
wrapped here for a laptop's width, and the book's figure script re-wraps both to the width
they are drawn at (:mod:`jlp.viz.figures`). The title hangs from the top of the figure and
the top margin grows with the note, so the note never reaches the plot.

>>> layout = titled("Fee ramp", "Illustrative figures.")
>>> layout["title"]["subtitle"]["text"], layout["margin"]["t"]
('Illustrative figures.', 86)
"""

from __future__ import annotations

import textwrap

#: Size (px) of a note under a title: smaller than the title, still readable on a phone.
NOTE_SIZE = 12
#: Characters per note line on a laptop (the page re-wraps to the width drawn).
NOTE_WIDTH = 95


def note_lines(note: str, width: int = NOTE_WIDTH) -> list[str]:
    """``note`` as lines of at most ``width`` characters; ``<br>`` starts a new line.

    >>> note_lines("one<br>two three", width=5)
    ['one', 'two', 'three']
    """
    lines: list[str] = []
    for part in note.split("<br>"):
        lines += textwrap.wrap(part, width=width, break_on_hyphens=False)
    return lines


def titled(title: str, note: str = "") -> dict:
    """Layout keys for ``title`` with ``note`` under it (``update_layout(**titled(...))``)."""
    lines = note_lines(note)
    return {
        "title": {
            "text": title,
            "subtitle": {"text": "<br>".join(lines), "font": {"size": NOTE_SIZE}},
            "y": 0.98,
            "yanchor": "top",
            "yref": "container",
        },
        "margin": {"t": 70 + 16 * len(lines)},
    }


__all__ = ["NOTE_SIZE", "NOTE_WIDTH", "note_lines", "titled"]
