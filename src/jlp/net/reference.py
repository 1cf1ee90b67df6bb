"""A course reference scoring: one network judged at a few moments, each cell with its reason.

Every case's NET exercise works the same way: the trainee scores the network at a moment the
case describes, then reads the course's reference scoring of that moment, why each cell got
its rating, and where their own ratings differ. :class:`ReferenceScoring` does this for any
reference table (one row per cell and moment, the reason in ``note``): a bundled one named by
its dataset, or one an instructor builds (:meth:`ReferenceScoring.from_table`).

>>> from jlp import net
>>> first = net.from_ratings("Ref", "1998-01-01", {("group_cohesion", "decision"): 1})
>>> second = net.from_ratings(
...     "Ref",
...     "1999-01-01",
...     {("group_cohesion", "decision"): 2, ("group_cohesion", "pilot_projects"): 1},
... )
>>> scoring = ReferenceScoring.from_table(
...     net.combine([first, second]), network="Ref", dates=("1998-01-01", "1999-01-01")
... )
>>> scoring.reasoning("1999-01-01", changed_only=True)["Stage"].tolist()
['Decision', 'Pilot projects']
>>> scoring.compare(net.template("Mine", "1998-01-01"))[["Yours", "Reference"]].values.tolist()
[['not judged', 'partial']]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from jlp.datasets import load
from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.net.assessments import RATINGS, assessment_keys, select, validate
from jlp.net.compare import TEXT as COMPARE_TEXT
from jlp.net.compare import compare as compare_assessments
from jlp.net.rubric import INDICATORS, STAGES, indicator_labels, stage_labels

#: User-facing strings of this module (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "reasoning_columns": ("Indicator", "Stage", "Rating", "Why"),
        "moment_columns": ("Date", "Moment", "What happened by then"),
        "unknown_date": "the reference scores {subject} at {dates}, not at '{date}'",
        "date_fix": "choose one of {dates}",
        "unknown_stage": "'{value}' is not a NET stage",
        "stage_fix": "choose among {choices}",
        "unknown_rating": "'{value}' is not a rating",
        "rating_fix": "choose among {choices} ('' is a cell not judged)",
    }
)

#: The ratings a ``ratings`` filter may name ("" is a cell not judged).
RATING_CHOICES: tuple[str, ...] = (*RATINGS, "")


class ReferenceScoring:
    """The course's reference NET scoring of one network at the moments a case describes.

    ``dataset`` names a bundled table (read with :func:`jlp.datasets.load`, so it is
    checked against ``datasets/datapackage.json``, then with :func:`jlp.net.validate`).
    ``network`` is the name in its ``network`` column, ``dates`` the moments in order (ISO
    dates), ``subject`` how messages name the network (default: ``network``). ``text``
    holds the case's words for :meth:`moments`: ``text["moments"]`` maps each date to its
    short name and what the case reports by then, and ``text["moment_columns"]`` names the
    three columns; it is read at each call, so a translated dict takes effect at once.

    >>> emasim = ReferenceScoring(
    ...     "emasim_net_reference",
    ...     network="EMASIM",
    ...     dates=("1995-12-01", "1997-01-15", "1998-12-01"),
    ... )
    >>> len(emasim.at("1998-12-01")), len(emasim.assessments())
    (42, 126)
    """

    def __init__(
        self,
        dataset: str,
        *,
        network: str,
        dates: Sequence[str],
        subject: str | None = None,
        text: Mapping[str, Any] | None = None,
    ) -> None:
        self.dataset = dataset
        self.network = network
        self.dates: tuple[str, ...] = tuple(str(d) for d in dates)
        self.subject = subject or network
        self.text: Mapping[str, Any] = text if text is not None else {}
        self._table: pd.DataFrame | None = None

    @classmethod
    def from_table(
        cls,
        table: pd.DataFrame,
        *,
        network: str,
        dates: Sequence[str],
        subject: str | None = None,
        text: Mapping[str, Any] | None = None,
    ) -> ReferenceScoring:
        """A reference scoring from an assessment table instead of a bundled dataset.

        The table is checked at once (:func:`jlp.net.validate`).

        >>> from jlp import net
        >>> ReferenceScoring.from_table(
        ...     net.template("X", "2000-01-01"), network="X", dates=["2000-01-01"]
        ... ).dataset
        ''
        """
        scoring = cls("", network=network, dates=dates, subject=subject, text=text)
        scoring._table = validate(table).reset_index(drop=True)
        return scoring

    def __repr__(self) -> str:
        source = self.dataset or "a table"
        return f"ReferenceScoring({source!r}, network={self.network!r}, dates={self.dates!r})"

    # ----------------------------------------------------------------------- the tables

    def assessments(self) -> pd.DataFrame:
        """The whole reference table, checked: one row per cell and moment.

        >>> from jlp import net
        >>> ReferenceScoring.from_table(
        ...     net.template("X", "2000-01-01"), network="X", dates=["2000-01-01"]
        ... ).assessments().shape
        (42, 7)
        """
        if self._table is not None:
            return self._table.copy()
        table = validate(load(self.dataset), file=f"{self.dataset}.csv")
        return table.reset_index(drop=True)

    def check_date(self, date: object) -> str:
        """``date`` as text if it is one of the moments; else one clear error naming them."""
        if str(date) not in self.dates:
            dates = ", ".join(self.dates)
            raise JlpInputError(
                TEXT["unknown_date"].format(subject=self.subject, dates=dates, date=date),
                column="date",
                fix=TEXT["date_fix"].format(dates=dates),
            )
        return str(date)

    def at(self, date: str) -> pd.DataFrame:
        """The reference scoring at one moment (one row per cell)."""
        return select(self.assessments(), self.network, self.check_date(date))

    def case_functions(self) -> tuple:
        """``(moments, reference_assessments, reference, reasoning, compare)``: the names
        every case module gives these methods, which its notebook calls.

        >>> from jlp.cases.emasim import SCORING
        >>> SCORING.case_functions()[2] == SCORING.at
        True
        """
        return self.moments, self.assessments, self.at, self.reasoning, self.compare

    def moments(self) -> pd.DataFrame:
        """The moments as a table: date, short name, what the case reports by then.

        >>> ReferenceScoring("x", network="X", dates=["2000-01-01"]).moments().values.tolist()
        [['2000-01-01', '', '']]
        """
        told = self.text.get("moments", {})
        columns = self.text.get("moment_columns", TEXT["moment_columns"])
        rows = [(d, *told.get(d, ("", ""))) for d in self.dates]
        return pd.DataFrame(rows, columns=list(columns))

    # ----------------------------------------------------------------------- reading it

    def reasoning(
        self,
        date: str,
        *,
        stages: Iterable[str] | None = None,
        ratings: Iterable[str] | None = None,
        judged_only: bool = False,
        changed_only: bool = False,
    ) -> pd.DataFrame:
        """The reference at one moment as a readable table: indicator, stage, rating, why.

        Rows run stage by stage, in the order of the matrix. The filters keep a cell only
        if it passes all of those given:

        - ``stages``: the cell is in one of these NET stages (slugs such as ``decision``);
        - ``ratings``: the cell's rating is one of these (``achieved``, ``partial``,
          ``not_achieved``, or ``""`` for a cell not judged);
        - ``judged_only``: the cell is judged (its rating is not empty). A cell rated
          *not achieved* is judged and stays;
        - ``changed_only``: the cell's rating differs from the one at the moment before (at
          the first moment there is nothing before, so every cell stays). A cell whose
          reason is reworded but whose rating stays the same is left out.

        >>> from jlp import net
        >>> ref = ReferenceScoring.from_table(
        ...     net.from_ratings("R", "2000-01-01", {("group_cohesion", "decision"): 0}),
        ...     network="R",
        ...     dates=["2000-01-01"],
        ... )
        >>> ref.reasoning("2000-01-01", judged_only=True)["Rating"].tolist()
        ['not achieved']
        >>> len(ref.reasoning("2000-01-01", ratings=["achieved", "partial"]))
        0
        """
        date = self.check_date(date)
        rows = self.at(date)
        if stages is not None:
            rows = rows[rows["stage"].isin(_chosen(stages, STAGES, "stage"))]
        if ratings is not None:
            rows = rows[rows["rating"].isin(_chosen(ratings, RATING_CHOICES, "rating"))]
        if judged_only:
            rows = rows[rows["rating"] != ""]
        position = self.dates.index(date)
        if changed_only and position > 0:
            before = self.at(self.dates[position - 1]).set_index(["indicator", "stage"])["rating"]
            previous = [
                before.get(cell, "") for cell in zip(rows["indicator"], rows["stage"], strict=True)
            ]
            rows = rows[rows["rating"].to_numpy() != pd.Series(previous, dtype=object).to_numpy()]
        rows = rows.assign(
            _s=rows["stage"].map(STAGES.index), _i=rows["indicator"].map(INDICATORS.index)
        ).sort_values(["_s", "_i"])
        columns = TEXT["reasoning_columns"]
        return pd.DataFrame(
            {
                columns[0]: rows["indicator"].map(indicator_labels()).to_numpy(),
                columns[1]: rows["stage"].map(stage_labels()).to_numpy(),
                columns[2]: rows["rating"].map(COMPARE_TEXT["ratings"]).to_numpy(),
                columns[3]: rows["note"].fillna("").to_numpy(),
            }
        )

    def compare(
        self,
        mine: pd.DataFrame,
        *,
        only_differences: bool = True,
        with_reasoning: bool = True,
    ) -> pd.DataFrame:
        """A trainee's scoring of one moment against the reference, cell by cell.

        ``mine`` is one assessment (one network, one date among the moments), as
        ``NetScorer.assessment()`` returns it or as read from a file. ``Gap (points)`` is your
        points minus the reference's (achieved 2, partial 1, not achieved and not judged 0).
        ``only_differences`` (default) lists only the cells whose ratings differ, stage by
        stage; ``with_reasoning`` (default, as in :func:`jlp.net.compare`) adds the
        reference's reason for each cell: turn it off to show the gaps before the solution.
        """
        mine = validate(mine)
        keys = assessment_keys(mine)
        if len(keys) != 1:
            raise JlpInputError(
                COMPARE_TEXT["one_at_a_time"].format(what="this table", n=len(keys)),
                fix=COMPARE_TEXT["one_fix"],
            )
        reference = self.at(str(keys.loc[0, "date"]))
        return compare_assessments(
            mine, reference, only_differences=only_differences, with_reasoning=with_reasoning
        )


def _chosen(values: Iterable[str], allowed: Sequence[str], what: str) -> list[str]:
    """``values`` as a list, or one clear error naming the first one not in ``allowed``."""
    chosen = [str(v) for v in ([values] if isinstance(values, str) else values)]
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise JlpInputError(
            TEXT[f"unknown_{what}"].format(value=unknown[0]),
            column=what,
            fix=TEXT[f"{what}_fix"].format(choices=", ".join(a for a in allowed if a)),
        )
    return chosen


__all__ = ["RATING_CHOICES", "TEXT", "ReferenceScoring"]
