"""Set one NET scoring against another, cell by cell (a trainee's against a reference).

Every case's NET exercise ends the same way: the trainee scores a network at a moment the
box describes, then reads where their ratings differ from the course's reference scoring and
why. :func:`compare` does that for any two single assessments.

>>> from jlp import net
>>> ref = net.from_ratings("Ref", "1997-08-31", {("group_cohesion", "decision"): 2})
>>> mine = net.from_ratings("Mine", "1997-08-31", {("group_cohesion", "decision"): 1})
>>> row = compare(mine, ref).iloc[0]
>>> row["Yours"], row["Reference"], int(row["Gap (points)"])
('partial', 'achieved', -1)
"""

from __future__ import annotations

import pandas as pd

from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.net.assessments import assessment_keys, validate
from jlp.net.rubric import CELLS, INDICATORS, STAGES, indicator_labels, stage_labels

#: User-facing strings of this module (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "ratings": {
            "achieved": "achieved",
            "partial": "partial",
            "not_achieved": "not achieved",
            "": "not judged",
        },
        "columns": (
            "Indicator",
            "Stage",
            "Yours",
            "Reference",
            "Gap (points)",
            "Reference reasoning",
        ),
        "one_at_a_time": "compare one assessment at a time; {what} holds {n}",
        "one_fix": "pick one network and date first (jlp.net.select)",
    }
)

#: Points per rating for the gap (the course's default rule; a cell not judged scores 0).
POINTS = {"achieved": 2, "partial": 1, "not_achieved": 0, "": 0}


def _single(table: pd.DataFrame, what: str) -> pd.DataFrame:
    table = validate(table)
    count = len(assessment_keys(table))
    if count != 1:
        raise JlpInputError(TEXT["one_at_a_time"].format(what=what, n=count), fix=TEXT["one_fix"])
    return table


def _ratings(table: pd.DataFrame) -> dict[tuple[str, str], str]:
    ratings = table["rating"].fillna("").astype(str)
    return dict(zip(zip(table["indicator"], table["stage"], strict=True), ratings, strict=True))


def compare(
    mine: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    only_differences: bool = True,
    with_reasoning: bool = True,
) -> pd.DataFrame:
    """Your ratings against the reference's, stage by stage, with the points between them.

    Both tables are single assessments (one network and one date each; the network names may
    differ). ``Gap (points)`` is your points minus the reference's (achieved 2, partial 1,
    not achieved and not judged 0). With ``only_differences`` only the cells whose ratings
    differ are listed; ``with_reasoning`` adds the reference's ``note`` for each cell.

    >>> from jlp import net
    >>> ref = net.from_ratings("Ref", "1997-08-31", {})
    >>> compare(ref, ref).shape, compare(ref, ref, only_differences=False).shape
    ((0, 6), (42, 6))
    """
    yours = _ratings(_single(mine, "your table"))
    ref = _single(reference, "the reference")
    theirs = _ratings(ref)
    why = (
        dict(zip(zip(ref["indicator"], ref["stage"], strict=True), ref["note"], strict=True))
        if "note" in ref.columns
        else {}
    )
    ilabels, slabels = indicator_labels(), stage_labels()
    rows = []
    for cell in sorted(CELLS, key=lambda c: (STAGES.index(c[1]), INDICATORS.index(c[0]))):
        a, b = yours.get(cell, ""), theirs.get(cell, "")
        if only_differences and a == b:
            continue
        note = why.get(cell, "")
        rows.append(
            (
                ilabels[cell[0]],
                slabels[cell[1]],
                TEXT["ratings"][a],
                TEXT["ratings"][b],
                POINTS[a] - POINTS[b],
                "" if pd.isna(note) else str(note),
            )
        )
    columns = list(TEXT["columns"])
    table = pd.DataFrame(rows, columns=columns)
    return table if with_reasoning else table.drop(columns=columns[-1])


__all__ = ["POINTS", "TEXT", "compare"]
