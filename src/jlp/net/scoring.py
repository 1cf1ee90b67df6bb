"""Scoring NET assessments: points, stage and indicator scores, index, current stage.

Ceglie & Dini (1999, Box 2) say each cell's judgement is "translated into scores" that
give the network's level of progression, without publishing the numbers. This is the
course's default rule (our operationalisation; every number is configurable through
:class:`ScoringRule`):

* points per cell: achieved 2, partial 1, not achieved 0; a cell not judged (empty
  rating or no row at all) scores 0 and counts as missing;
* stage score = the stage's points / 14 (7 cells × 2); indicator score = the indicator's
  points / 12 (6 cells × 2); index = total points / 84 × 100, rounded to one decimal;
* a stage is *consolidated* when its score ≥ the threshold (default 0.75); the current
  stage is the first stage, in order, that is not consolidated, or ``complete``;
* completeness = judged cells / 42.

Everything works on whole arrays: the assessments become one ``(n, 7, 6)`` array of
rating codes (:class:`RatingCube`), and each score is a sum over one of its axes.

>>> from jlp.net.assessments import from_ratings
>>> a = from_ratings(
...     "A", "1998-01-01", {(i, "promotion_motivation"): "achieved" for i in INDICATORS}
... )
>>> score(a)[["index", "current_stage", "promotion_motivation"]].values.tolist()
[[16.7, 'strategic_planning', 1.0]]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.net.assessments import KEY, RATINGS, check
from jlp.net.rubric import CELLS, INDICATORS, STAGES

#: Code of a cell that is not judged, in a :class:`RatingCube`.
NOT_JUDGED = -1

#: The value of ``current_stage`` when every stage is consolidated.
COMPLETE = "complete"

#: The columns :func:`score` returns (the ``jlp net score`` contract).
SCORE_COLUMNS: tuple[str, ...] = (
    "network",
    "date",
    "index",
    "current_stage",
    "completeness",
    *STAGES,
)

_DEFAULT_POINTS = MappingProxyType({"achieved": 2, "partial": 1, "not_achieved": 0})


#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "threshold": "the threshold must lie above 0 and at most 1, not {threshold}",
        "threshold_fix": "give a share such as 0.75",
        "points_for": "points must be given for exactly {ratings}",
        "points_fix": "e.g. achieved 2, partial 1, not_achieved 0",
        "points_order": "points must not fall from not_achieved to partial to achieved, and "
        "achieved must be above 0",
        "cannot_rate": "cannot rate {indicator} × {stage} as {value}",
        "cannot_rate_fix": "use NET slugs and achieved, partial or not_achieved",
        "one_matrix": "a matrix shows one assessment; this table holds {n}",
        "one_matrix_fix": "pick one network and date first (jlp.net.select)",
    }
)


@dataclass(frozen=True)
class ScoringRule:
    """Points per rating and the threshold at which a stage counts as consolidated.

    >>> ScoringRule().max_points, ScoringRule(threshold=0.5).threshold
    (2, 0.5)
    >>> ScoringRule(threshold=1.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'threshold': the threshold must lie above 0 and at ...
    """

    threshold: float = 0.75
    points: Mapping[str, float] = field(default_factory=lambda: _DEFAULT_POINTS)

    def __post_init__(self) -> None:
        from jlp.files.cells import AmbiguousNumber, parse_number

        try:  # the one number rule: "0,75" is 0.75 too
            threshold = parse_number(self.threshold, maximum=1)
        except AmbiguousNumber:
            threshold = None
        if threshold is None or not 0 < threshold <= 1:
            raise JlpInputError(
                TEXT["threshold"].format(threshold=self.threshold),
                column="threshold",
                fix=TEXT["threshold_fix"],
            )
        if set(self.points) != set(RATINGS):
            raise JlpInputError(
                TEXT["points_for"].format(ratings=", ".join(RATINGS)),
                column="points",
                fix=TEXT["points_fix"],
            )
        values = [float(self.points[r]) for r in RATINGS]
        if not (0 <= values[0] <= values[1] <= values[2] and values[2] > 0):
            raise JlpInputError(
                TEXT["points_order"],
                column="points",
                fix=TEXT["points_fix"],
            )
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "points", MappingProxyType(dict(self.points)))

    @property
    def max_points(self) -> float:
        """Points of an achieved cell (the most a cell can score)."""
        value = float(self.points["achieved"])
        return int(value) if value.is_integer() else value

    def point_table(self) -> np.ndarray:
        """Points indexed by rating code; the last entry (code -1) is a cell not judged."""
        return np.array([float(self.points[r]) for r in RATINGS] + [0.0])


#: The default rule described in the module's docstring.
DEFAULT_RULE = ScoringRule()


def rule_for(threshold: float | None = None, rule: ScoringRule | None = None) -> ScoringRule:
    """The rule to use: ``rule`` if given, else the default with ``threshold`` if given."""
    if rule is not None:
        return rule
    return DEFAULT_RULE if threshold is None else ScoringRule(threshold=threshold)


@dataclass(frozen=True)
class RatingCube:
    """Assessments as an array: ``codes[a, i, s]`` is assessment ``a``'s rating of indicator
    ``i`` at stage ``s`` (0 not achieved, 1 partial, 2 achieved, -1 not judged).

    ``keys`` holds the network and date of each assessment, sorted by network then date;
    ``assessor`` the first assessor named in each (``''`` if none).
    """

    keys: pd.DataFrame
    codes: np.ndarray
    assessor: np.ndarray

    def __len__(self) -> int:
        return len(self.keys)


def cube(assessments: pd.DataFrame) -> RatingCube:
    """Check a table of assessments and build its :class:`RatingCube`.

    >>> from jlp.net.assessments import template
    >>> c = cube(template("A", "1998-01-01"))
    >>> c.codes.shape, int(c.codes.max())
    ((1, 7, 6), -1)
    """
    data = check(assessments)
    combined = data.network.astype(np.int64) * len(data.dates) + data.date
    assessment, unique = pd.factorize(combined, sort=True)  # sorted: network, then date
    n = len(unique)
    codes = np.full((n, len(INDICATORS) * len(STAGES)), NOT_JUDGED, dtype=np.int8)
    codes[assessment, data.indicator.astype(np.int64) * len(STAGES) + data.stage] = data.rating
    keys = pd.DataFrame(
        {
            "network": data.networks[unique // len(data.dates)],
            "date": data.dates[unique % len(data.dates)],
        },
        dtype=str,
    )
    assessor = np.full(n, "", dtype=object)
    if "assessor" in data.text:
        named = np.flatnonzero(data.text["assessor"] != "")
        if len(named):  # the first assessor named in each assessment
            first, where = np.unique(assessment[named], return_index=True)
            assessor[first] = data.text["assessor"][named[where]]
    return RatingCube(keys, codes.reshape(n, len(INDICATORS), len(STAGES)), assessor)


def cube_from_ratings(ratings: Mapping[tuple[str, str], object]) -> np.ndarray:
    """A ``(1, 7, 6)`` code array from ``(indicator, stage) → rating`` (words or 2/1/0).

    >>> int(cube_from_ratings({("group_cohesion", "decision"): "partial"})[0, 0, 2])
    1
    """
    from jlp.net.assessments import normalise_rating

    codes = np.full((1, len(INDICATORS), len(STAGES)), NOT_JUDGED, dtype=np.int8)
    for (indicator, stage), value in ratings.items():
        word = normalise_rating(value)
        if word is None or (indicator, stage) not in CELLS:
            raise JlpInputError(
                TEXT["cannot_rate"].format(indicator=indicator, stage=stage, value=repr(value)),
                fix=TEXT["cannot_rate_fix"],
            )
        if word:
            codes[0, INDICATORS.index(indicator), STAGES.index(stage)] = RATINGS.index(word)
    return codes


def score_codes(codes: np.ndarray, rule: ScoringRule = DEFAULT_RULE) -> dict[str, np.ndarray]:
    """Score a ``(n, 7, 6)`` array of rating codes; every entry of the result has length n.

    Returns ``index``, ``current_stage``, ``completeness``, ``stage_scores`` (n × 6),
    ``indicator_scores`` (n × 7), ``points`` and ``judged``.

    >>> codes = np.full((1, 7, 6), 2, dtype=np.int8)
    >>> result = score_codes(codes)
    >>> float(result["index"][0]), result["current_stage"][0]
    (100.0, 'complete')
    """
    top = rule.max_points
    points = rule.point_table()[codes]
    stage_points = points.sum(axis=1)
    total = stage_points.sum(axis=1)
    per_stage = len(INDICATORS) * top
    consolidated = stage_points >= rule.threshold * per_stage - 1e-9
    complete = consolidated.all(axis=1)
    first_open = np.where(complete, len(STAGES), np.argmin(consolidated, axis=1))
    judged = (codes != NOT_JUDGED).sum(axis=(1, 2))
    return {
        "index": np.round(total / (len(CELLS) * top) * 100, 1),
        "current_stage": np.array((*STAGES, COMPLETE), dtype=object)[first_open],
        "completeness": judged / len(CELLS),
        "stage_scores": stage_points / per_stage,
        "indicator_scores": points.sum(axis=2) / (len(STAGES) * top),
        "points": total,
        "judged": judged,
    }


def score(
    assessments: pd.DataFrame,
    *,
    threshold: float | None = None,
    rule: ScoringRule | None = None,
) -> pd.DataFrame:
    """One row per network and date with the columns of :data:`SCORE_COLUMNS`.

    The last six columns are the stage scores (0–1). Rows are sorted by network and date.

    >>> from jlp.net.assessments import template
    >>> list(score(template("A", "1998-01-01")).columns) == list(SCORE_COLUMNS)
    True
    """
    data = cube(assessments)
    result = score_codes(data.codes, rule_for(threshold, rule))
    table = data.keys.copy()
    table["index"] = result["index"]
    table["current_stage"] = result["current_stage"]
    table["completeness"] = result["completeness"]
    for position, stage in enumerate(STAGES):
        table[stage] = result["stage_scores"][:, position]
    return table


def indicator_scores(assessments: pd.DataFrame, *, rule: ScoringRule | None = None) -> pd.DataFrame:
    """One row per network and date with the seven indicator scores (0–1).

    >>> from jlp.net.assessments import template
    >>> list(indicator_scores(template("A", "1998-01-01")).columns)[2]
    'group_cohesion'
    """
    data = cube(assessments)
    result = score_codes(data.codes, rule_for(None, rule))
    table = data.keys.copy()
    for position, indicator in enumerate(INDICATORS):
        table[indicator] = result["indicator_scores"][:, position]
    return table


def summary(
    ratings: Mapping[tuple[str, str], object] | np.ndarray,
    rule: ScoringRule = DEFAULT_RULE,
) -> dict[str, object]:
    """Score one assessment held as a mapping ``(indicator, stage) → rating`` (or codes).

    >>> s = summary({("group_cohesion", "promotion_motivation"): "achieved"})
    >>> s["index"], s["current_stage"], round(s["completeness"], 3)
    (2.4, 'promotion_motivation', 0.024)
    """
    codes = ratings if isinstance(ratings, np.ndarray) else cube_from_ratings(ratings)
    result = score_codes(codes.reshape(1, len(INDICATORS), len(STAGES)), rule)
    return {
        "index": float(result["index"][0]),
        "current_stage": str(result["current_stage"][0]),
        "completeness": float(result["completeness"][0]),
        "stage_scores": dict(zip(STAGES, result["stage_scores"][0].tolist(), strict=True)),
        "indicator_scores": dict(
            zip(INDICATORS, result["indicator_scores"][0].tolist(), strict=True)
        ),
    }


def cell_matrix(assessment: pd.DataFrame) -> pd.DataFrame:
    """One assessment as a 7 × 6 table of ratings (``''`` where not judged).

    >>> from jlp.net.assessments import from_ratings
    >>> m = cell_matrix(from_ratings("A", "1998-01-01", {("group_cohesion", "decision"): 1}))
    >>> m.loc["group_cohesion", "decision"], m.shape
    ('partial', (7, 6))
    """
    data = cube(assessment)
    if len(data) != 1:
        raise JlpInputError(
            TEXT["one_matrix"].format(n=len(data)),
            fix=TEXT["one_matrix_fix"],
        )
    words = np.array((*RATINGS, ""), dtype=object)[data.codes[0]]
    return pd.DataFrame(words, index=list(INDICATORS), columns=list(STAGES))


__all__ = [
    "COMPLETE",
    "DEFAULT_RULE",
    "KEY",
    "NOT_JUDGED",
    "SCORE_COLUMNS",
    "RatingCube",
    "ScoringRule",
    "cell_matrix",
    "cube",
    "cube_from_ratings",
    "indicator_scores",
    "rule_for",
    "score",
    "score_codes",
    "summary",
]
