"""Messages a widget shows, in the words of its controls rather than of the Python API.

The library names a bad value by its parameter (``cap``, ``first_share``,
``overwrite=True``); a widget's user sees controls labelled *Cap*, *First share*, *replace
if already saved*. :func:`control_problems` rewrites each problem of a
:class:`~jlp.errors.JlpInputError` so that it names the control and gives the widget's own
fix. :func:`read_amount` reads a typed amount with the project's number rule and says when
a value was read in a way the user may not expect, or moved into the allowed range.

>>> from jlp.errors import JlpInputError
>>> err = JlpInputError(
...     "the cap (30%) is below the first share (50%)", column="cap", fix="raise cap"
... )
>>> control_problems(err, {"cap": "Cap"}, {"cap": "move Cap up"})
['Cap: the cap (30%) is below the first share (50%) (fix: move Cap up)']
>>> read_amount("4.500", low=100, high=1_000_000)
Amount(value=4500.0, note="'4.500' read as 4,500 (4.5 is below the lowest value, 100).")
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import NamedTuple

from jlp.errors import JlpInputError
from jlp.files.cells import AmbiguousNumber, parse_number
from jlp.i18n import Messages, format_number

#: User-facing strings of this module, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "problem": "{control}: {message}",
        "fix": " (fix: {fix})",
        "control": "“{label}”",
        "read_thousands": "'{text}' read as {large:,.0f} ({small:g} is below the lowest value, "
        "{low:,.0f}).",
        "ambiguous": "'{text}' could be {small:g} or {large:,.0f}: write {large:.0f} or {small:g} "
        "with no thousands separator.",
        "not_a_number": "'{text}' is not a number: write digits, such as 4000 or 4 000.",
        "raised": "{value:,.0f} is below the lowest value, {low:,.0f}: {low:,.0f} is used.",
        "lowered": "{value:,.0f} is above the highest value, {high:,.0f}: {high:,.0f} is used.",
    }
)


_COMMAND_LINE = re.compile(r"\s*\(command line:[^)]*\)")


def _named(text: str, labels: Mapping[str, str]) -> str:
    """``text`` with each parameter name (``first_share``, ``overwrite=True``) replaced by
    its control's label in quotation marks; a name that is a plain word (``cap``) is left
    alone unless written as code (``cap=0.5``), as it reads as a word."""
    for name, label in sorted(labels.items(), key=lambda item: -len(item[0])):
        code = "(=True|=False)?" if "_" in name else "(=True|=False)"
        pattern = rf"(?<![\w-]){re.escape(name)}{code}(?![\w-])"
        text = re.sub(pattern, TEXT["control"].format(label=label).replace("\\", r"\\"), text)
    return text


def control_problems(
    err: JlpInputError, labels: Mapping[str, str], fixes: Mapping[str, str] | None = None
) -> list[str]:
    """One line per problem of ``err``, naming the control (``labels``: parameter →
    label) and giving the widget's fix (``fixes``: parameter → fix in control words).

    A problem about a file (it names a file or a row) keeps its place; in any other
    problem a parameter name left in the text becomes its control's label. A fix that
    names a parameter in ``fixes`` (``overwrite=True``) is replaced by the widget's fix.

    >>> err = JlpInputError(
    ...     "Emasim on 1998 is already saved", column="date", fix="replace it with overwrite=True"
    ... )
    >>> control_problems(err, {"date": "Date", "overwrite": "replace if already saved"})
    ['Date: Emasim on 1998 is already saved (fix: replace it with “replace if already saved”)']
    >>> err = JlpInputError("it is saved", file="h.csv", row=2, fix="use overwrite=True")
    >>> control_problems(err, {}, {"overwrite": "tick the box"})
    ['h.csv, row 2: it is saved (fix: tick the box)']
    """
    fixes = fixes or {}
    lines = []
    for problem in err.problems:
        column = problem.column or ""
        fix = fixes.get(column) or next(
            (
                text
                for name, text in fixes.items()
                if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", problem.fix or "")
            ),
            None,
        )
        if problem.file or problem.row is not None:
            lines.append(str(replace(problem, fix=fix or problem.fix)))
            continue
        fix = fix or (_named(_COMMAND_LINE.sub("", problem.fix), labels) if problem.fix else "")
        message = _named(problem.message, labels)
        if column in labels:
            message = TEXT["problem"].format(control=labels[column], message=message)
        lines.append(message + (TEXT["fix"].format(fix=fix) if fix else ""))
    return lines


def problems_html(title: str, lines: list[str]) -> str:
    """An error box: ``title`` and one list item per line (every line escaped).

    >>> problems_html("Cannot compute:", ["<b>x</b>"])[-44:]
    '<ul><li>&lt;b&gt;x&lt;/b&gt;</li></ul></div>'
    """
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f'<div class="jlp-error" role="alert"><b>{html.escape(title)}</b><ul>{items}</ul></div>'


class Amount(NamedTuple):
    """A typed amount as read: the value to use (``None`` if there is none) and a note
    for the user when the reading may surprise them (``""`` otherwise)."""

    value: float | None
    note: str


def read_amount(text: str, *, low: float, high: float) -> Amount:
    """Read an amount typed in a box, with the project's number rule
    (:func:`jlp.files.cells.parse_number`), kept between ``low`` and ``high``.

    ``4.500`` is four and a half in one country and four thousand five hundred in another:
    when only one reading is allowed it is taken and said; otherwise nothing is taken and
    the note says how to write it. A value outside the range is moved to its end, and
    the note says so.

    >>> read_amount("4 000", low=100, high=10_000)
    Amount(value=4000.0, note='')
    >>> read_amount("50", low=100, high=10_000).note
    '50 is below the lowest value, 100: 100 is used.'
    >>> read_amount("4.500", low=1, high=10_000).value is None
    True
    >>> from jlp.i18n import language_set
    >>> with language_set("es"):  # how the course writes it in Spanish: read without a note
    ...     read_amount("4.000", low=100, high=10_000)
    Amount(value=4000.0, note='')
    >>> read_amount("lots", low=1, high=10).note
    "'lots' is not a number: write digits, such as 4000 or 4 000."
    """
    typed = str(text).strip()
    try:
        value = parse_number(typed)
    except AmbiguousNumber as err:
        small_ok, large_ok = low <= err.small <= high, low <= err.large <= high
        if large_ok and not small_ok:
            if typed == format_number(err.large, grouping=True):
                return Amount(err.large, "")  # the course's own way of writing it: no surprise
            note = TEXT["read_thousands"].format(
                text=typed, small=err.small, large=err.large, low=low
            )
            return Amount(err.large, note)
        if small_ok and not large_ok:
            return Amount(err.small, "")
        return Amount(None, TEXT["ambiguous"].format(text=typed, small=err.small, large=err.large))
    if value is None:
        return Amount(None, TEXT["not_a_number"].format(text=typed))
    if value < low:
        return Amount(float(low), TEXT["raised"].format(value=value, low=low))
    if value > high:
        return Amount(float(high), TEXT["lowered"].format(value=value, high=high))
    return Amount(value, "")


__all__ = ["TEXT", "Amount", "control_problems", "problems_html", "read_amount"]
