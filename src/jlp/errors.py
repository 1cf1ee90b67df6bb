"""The one exception family for bad input.

Every problem a user can cause with a file or a parameter is reported as a
:class:`JlpInputError` (or a subclass). It names where the problem is (file, row,
column) and how to fix it, so that the command line and the notebooks can show a
clear message instead of a traceback.

>>> err = JlpInputError("'maybe' is not a rating", file="a.csv", row=3,
...                     column="rating", fix="write achieved or partial")
>>> print(err)
a.csv, row 3, column 'rating': 'maybe' is not a rating (fix: write achieved or partial)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem found in the input, with where it is and how to fix it.

    ``row`` counts as a spreadsheet does: the header is row 1, the first data row is 2.
    """

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    fix: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


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
        self.problems: list[Problem] = found
        super().__init__("\n".join(str(p) for p in found))


__all__ = ["JlpInputError", "Problem"]
