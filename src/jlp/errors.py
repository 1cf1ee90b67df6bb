"""The one exception family for bad input.

Every problem a user can cause with a file or a parameter is reported as a
:class:`JlpInputError` (or a subclass). It names where the problem is (file, row,
column) and how to fix it, so that the command line and the notebooks can show a
clear message instead of a traceback.

>>> err = JlpInputError(
...     "'maybe' is not a rating",
...     file="a.csv",
...     row=3,
...     column="rating",
...     fix="write achieved or partial",
... )
>>> print(err)
a.csv, row 3, column 'rating': 'maybe' is not a rating (fix: write achieved or partial)

The same mistake down a column is one problem naming its rows; any control or invisible
character in a message is shown as an escape (see :func:`jlp.text.printable`):

>>> err = JlpInputError(
...     problems=[Problem("'x\x1b' is not a rating", "a.csv", r, "rating") for r in (3, 4, 5, 9)]
... )
>>> print(err)  # doctest: +NORMALIZE_WHITESPACE
a.csv, rows 3–5, 9, column 'rating': 'x\\x1b' is not a rating: it contains an invisible
character (escape) after 'x'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jlp.i18n import Messages
from jlp.text import has_hidden, invisible_note, printable

#: The words that place a problem (file, row, column) and introduce its fix.
TEXT = Messages(
    {
        "row": "row {row}",
        "rows": "rows {rows}",
        "column": "column '{column}'",
        "fix": "{message} (fix: {fix})",
    }
)


def row_span(rows: tuple[int, ...] | list[int]) -> str:
    """Rows as a reader writes them: runs of consecutive rows become ranges.

    >>> row_span([3, 4, 5, 9]), row_span([7])
    ('rows 3–5, 9', 'row 7')
    >>> from jlp.i18n import language_set
    >>> with language_set("es"):
    ...     row_span([3, 4, 5, 9])
    'filas 3–5, 9'
    """
    ordered = sorted(set(rows))
    runs: list[list[int]] = []
    for row in ordered:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    if len(ordered) == 1:
        return TEXT["row"].format(row=parts[0])
    return TEXT["rows"].format(rows=", ".join(parts))


@dataclass(frozen=True)
class Problem:
    """One problem found in the input, with where it is and how to fix it.

    ``row`` counts as a spreadsheet does: the header is row 1, the first data row is 2.
    ``rows`` lists every row of a mistake repeated down a column (``row`` is the first).
    """

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    fix: str | None = None
    rows: tuple[int, ...] = ()

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(printable(self.file))
        if len(self.rows) > 1:
            where.append(row_span(self.rows))
        elif self.row is not None:
            where.append(TEXT["row"].format(row=self.row))
        if self.column:
            where.append(TEXT["column"].format(column=printable(self.column)))
        text = (", ".join(where) + ": " if where else "") + printable(self.message)
        if has_hidden(self.message):
            text += f": {invisible_note(self.message)}"
        if self.fix:
            text = TEXT["fix"].format(message=text, fix=printable(self.fix))
        return text


def merged(problems: list[Problem]) -> list[Problem]:
    """One problem per mistake: the same message, file, column and fix on several rows
    become one problem naming the rows, at the place of the first.

    >>> [str(p) for p in merged([Problem("empty", "a.csv", r, "id") for r in (2, 3)])]
    ["a.csv, rows 2–3, column 'id': empty"]
    """
    first: dict[tuple, int] = {}
    out: list[Problem] = []
    for problem in problems:
        if problem.row is None:
            out.append(problem)
            continue
        key = (problem.message, problem.file, problem.column, problem.fix)
        if key not in first:
            first[key] = len(out)
            out.append(problem)
            continue
        earlier = out[first[key]]
        rows = earlier.rows or (earlier.row,)
        out[first[key]] = replace(earlier, rows=(*rows, *(problem.rows or (problem.row,))))
    return out


class JlpInputError(ValueError):
    """Bad input from a user: a file, a value or a parameter jlp cannot accept.

    Holds one or more :class:`Problem` records; ``str()`` gives one line per problem.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        fix: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        found = list(problems or [])
        if message is not None:
            found.insert(
                0,
                Problem(message, str(file) if file is not None else None, row, column, fix),
            )
        if not found:
            raise TypeError("JlpInputError needs a message or at least one problem")
        self.problems: list[Problem] = merged(found)
        super().__init__("\n".join(str(p) for p in self.problems))


__all__ = ["TEXT", "JlpInputError", "Problem", "merged", "row_span"]
