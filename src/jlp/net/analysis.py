"""What a broker institution learns from many NET assessments.

* :func:`progression` — one network's scores over time (Box 2: follow a network's evolution);
* :func:`benchmark` — networks side by side, at the same date or at the same number of
  months since their first assessment (Box 2: comparison with other networks);
* :func:`method_feedback` — per cell, how often networks achieve it, and how often it is
  achieved *out of order* (Box 2: cells always or never achieved show which phases matter
  or are superfluous); :func:`order_inversions` lists those out-of-order cases;
* :func:`broker_feedback` — per assessor, how their networks progress (Box 2: feedback to
  brokers on their own work).

All functions take a table of assessments (see :mod:`jlp.net.assessments`) and use the
scoring rule of :mod:`jlp.net.scoring`.

>>> from jlp.net.simulate import simulate_programme
>>> programme = simulate_programme(6, 2, seed=1)
>>> feedback = method_feedback(programme)
>>> len(feedback), bool(feedback["achievement_rate"].dropna().between(0, 1).all())
(42, True)
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.net.assessments import RATINGS, normalise_date
from jlp.net.scoring import (
    NOT_JUDGED,
    RatingCube,
    ScoringRule,
    cube,
    rule_for,
    score_codes,
)
from jlp.text import did_you_mean
from jlp.vocabulary import INDICATORS, STAGES

_ACHIEVED = RATINGS.index("achieved")

#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "no_network": "no assessment of the network '{network}'",
        "date_or_months": "compare at a date or at a number of months, not both",
        "date_or_months_fix": "give either date or months",
        "bad_date": "'{date}' is not a date in the form YYYY-MM-DD",
        "bad_date_fix": "e.g. 1998-03-01",
        "negative": "months cannot be negative",
        "negative_fix": "give 0 or more months",
        "which": "which must be 'latest' or 'all', not {which}",
        "which_fix": "use 'latest' or 'all'",
        "no_assessor": "no assessor is named, so there is no feedback per broker",
        "no_assessor_fix": "add an assessor column with the broker's name on each row",
    }
)


def months_between(start: pd.Series | str, end: pd.Series | str) -> pd.Series | int:
    """Whole calendar months from ``start`` to ``end`` (ISO dates), as a spreadsheet counts.

    >>> months_between("1997-03-15", "1998-03-14"), months_between("1997-03-15", "1998-03-15")
    (11, 12)
    """
    a, b = pd.to_datetime(start), pd.to_datetime(end)
    if isinstance(a, pd.Timestamp) and isinstance(b, pd.Timestamp):
        return (b.year - a.year) * 12 + (b.month - a.month) - int(b.day < a.day)
    a, b = pd.Series(a), pd.Series(b)
    months = (b.dt.year - a.dt.year) * 12 + (b.dt.month - a.dt.month)
    return (months - (b.dt.day < a.dt.day).astype(int)).astype(int)


def _scores(data: RatingCube, rule: ScoringRule) -> pd.DataFrame:
    result = score_codes(data.codes, rule)
    table = data.keys.copy()
    table["index"] = result["index"]
    table["current_stage"] = result["current_stage"]
    table["completeness"] = result["completeness"]
    for position, stage in enumerate(STAGES):
        table[stage] = result["stage_scores"][:, position]
    for position, indicator in enumerate(INDICATORS):
        table[indicator] = result["indicator_scores"][:, position]
    table["assessor"] = data.assessor
    first = table.groupby("network")["date"].transform("min")
    table["months"] = months_between(first, table["date"]).to_numpy()
    return table


def scores_over_time(
    assessments: pd.DataFrame,
    *,
    threshold: float | None = None,
    rule: ScoringRule | None = None,
) -> pd.DataFrame:
    """Every assessment's scores (index, stage and indicator scores, current stage), with
    its ``assessor`` and ``months`` since the network's first assessment.

    >>> from jlp.net.assessments import template
    >>> a = pd.concat([template("A", "1998-01-01"), template("A", "1998-07-01")])
    >>> scores_over_time(a)["months"].tolist()
    [0, 6]
    """
    return _scores(cube(assessments), rule_for(threshold, rule))


def progression(
    assessments: pd.DataFrame,
    network: str | None = None,
    *,
    threshold: float | None = None,
    rule: ScoringRule | None = None,
) -> pd.DataFrame:
    """One network's scores in date order (all networks when ``network`` is ``None``).

    >>> from jlp.net.assessments import template
    >>> a = pd.concat([template("A", "1998-01-01"), template("B", "1998-07-01")])
    >>> progression(a, "A")["date"].tolist()
    ['1998-01-01']
    """
    table = scores_over_time(assessments, threshold=threshold, rule=rule)
    if network is not None:
        if network not in set(table["network"]):
            raise JlpInputError(
                TEXT["no_network"].format(network=network),
                column="network",
                fix=did_you_mean(network, sorted(set(table["network"]))),
            )
        table = table[table["network"] == network]
    return table.sort_values(["network", "date"]).reset_index(drop=True)


def benchmark(
    assessments: pd.DataFrame,
    *,
    date: str | None = None,
    months: int | None = None,
    threshold: float | None = None,
    rule: ScoringRule | None = None,
) -> pd.DataFrame:
    """Compare networks, one row each, sorted by index (highest first).

    * ``date``: each network's latest assessment on or before that date;
    * ``months``: each network's latest assessment at most that many months after its
      first one (networks followed for less time are left out);
    * neither: each network's latest assessment.

    >>> from jlp.net.simulate import simulate_programme
    >>> b = benchmark(simulate_programme(5, 2, seed=3), months=12)
    >>> bool((b["months"] <= 12).all())
    True
    """
    if date is not None and months is not None:
        raise JlpInputError(TEXT["date_or_months"], fix=TEXT["date_or_months_fix"])
    table = scores_over_time(assessments, threshold=threshold, rule=rule)
    if date is not None:
        iso = normalise_date(date)
        if iso is None:
            raise JlpInputError(
                TEXT["bad_date"].format(date=date),
                column="date",
                fix=TEXT["bad_date_fix"],
            )
        table = table[table["date"] <= iso]
    if months is not None:
        if int(months) < 0:
            raise JlpInputError(TEXT["negative"], column="months", fix=TEXT["negative_fix"])
        reached = table.groupby("network")["months"].transform("max") >= int(months)
        table = table[(table["months"] <= int(months)) & reached]
    latest = table.sort_values(["network", "date"]).groupby("network").tail(1)
    return latest.sort_values(["index", "network"], ascending=[False, True]).reset_index(drop=True)


def _latest_only(data: RatingCube) -> RatingCube:
    last = ~data.keys["network"].duplicated(keep="last").to_numpy()
    return RatingCube(data.keys[last].reset_index(drop=True), data.codes[last], data.assessor[last])


def _inversion_mask(codes: np.ndarray) -> np.ndarray:
    """``mask[a, i, s]`` is true when cell (i, s) is achieved while some earlier stage of
    the same indicator is judged and not achieved."""
    achieved = codes == _ACHIEVED
    short = (codes != NOT_JUDGED) & ~achieved
    earlier_short = np.logical_or.accumulate(short, axis=2)
    shifted = np.zeros_like(earlier_short)
    shifted[:, :, 1:] = earlier_short[:, :, :-1]
    return achieved & shifted


def method_feedback(
    assessments: pd.DataFrame, *, which: Literal["latest", "all"] = "latest"
) -> pd.DataFrame:
    """Per cell (42 rows): how often it is judged, achieved, partly or not achieved, its
    ``achievement_rate`` (achieved / judged), its ``inversions`` (achieved while an earlier
    stage of the same indicator is not) and a ``pattern``: ``never``, ``always`` or ``''``.

    ``which="latest"`` (default) uses each network's latest assessment, so a network
    assessed often does not weigh more; ``"all"`` uses every assessment.

    >>> from jlp.net.assessments import from_ratings
    >>> f = method_feedback(from_ratings("A", "1998-01-01", {("group_cohesion", "decision"): 2}))
    >>> f.set_index(["indicator", "stage"]).loc[("group_cohesion", "decision"), "pattern"]
    'always'
    """
    if which not in ("latest", "all"):
        raise JlpInputError(
            TEXT["which"].format(which=repr(which)),
            column="which",
            fix=TEXT["which_fix"],
        )
    data = cube(assessments)
    if which == "latest":
        data = _latest_only(data)
    codes = data.codes
    counts = {r: (codes == k).sum(axis=0) for k, r in enumerate(RATINGS)}
    judged = (codes != NOT_JUDGED).sum(axis=0)
    inversions = _inversion_mask(codes).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(judged > 0, counts["achieved"] / np.maximum(judged, 1), np.nan)
    table = pd.DataFrame(
        {
            "indicator": np.repeat(INDICATORS, len(STAGES)),
            "stage": np.tile(STAGES, len(INDICATORS)),
            "judged": judged.ravel(),
            "achieved": counts["achieved"].ravel(),
            "partial": counts["partial"].ravel(),
            "not_achieved": counts["not_achieved"].ravel(),
            "achievement_rate": rate.ravel(),
            "inversions": inversions.ravel(),
        }
    )
    table["pattern"] = np.select(
        [
            (table["judged"] > 0) & (table["achieved"] == 0),
            (table["judged"] > 0) & (table["achieved"] == table["judged"]),
        ],
        ["never", "always"],
        default="",
    )
    table.attrs["assessments"] = len(data)
    return table


def order_inversions(assessments: pd.DataFrame) -> pd.DataFrame:
    """Every case of a later-stage cell achieved while an earlier-stage cell of the same
    indicator is judged and not achieved (rated partial or not achieved).

    One row per (assessment, indicator, earlier stage, later stage).

    >>> from jlp.net.assessments import from_ratings
    >>> a = from_ratings(
    ...     "A",
    ...     "1998-01-01",
    ...     {("group_cohesion", "promotion_motivation"): 0, ("group_cohesion", "decision"): 2},
    ... )
    >>> order_inversions(a)[["earlier_stage", "later_stage"]].values.tolist()
    [['promotion_motivation', 'decision']]
    """
    data = cube(assessments)
    codes = data.codes
    achieved = codes == _ACHIEVED
    short = (codes != NOT_JUDGED) & ~achieved
    found = []
    for later in range(1, len(STAGES)):
        for earlier in range(later):
            a, i = np.nonzero(achieved[:, :, later] & short[:, :, earlier])
            if len(a):
                found.append(
                    pd.DataFrame(
                        {
                            "network": data.keys["network"].to_numpy()[a],
                            "date": data.keys["date"].to_numpy()[a],
                            "indicator": np.asarray(INDICATORS, dtype=object)[i],
                            "earlier_stage": STAGES[earlier],
                            "earlier_rating": np.asarray(RATINGS, dtype=object)[
                                codes[a, i, earlier]
                            ],
                            "later_stage": STAGES[later],
                        }
                    )
                )
    columns = ["network", "date", "indicator", "earlier_stage", "earlier_rating", "later_stage"]
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    table = pd.concat(found, ignore_index=True)
    order = {s: n for n, s in enumerate(STAGES)}
    table["_i"] = table["indicator"].map({s: n for n, s in enumerate(INDICATORS)})
    table["_e"] = table["earlier_stage"].map(order)
    table["_l"] = table["later_stage"].map(order)
    return (
        table.sort_values(["network", "date", "_i", "_l", "_e"])
        .drop(columns=["_i", "_e", "_l"])
        .reset_index(drop=True)
    )


def frequent_inversions(assessments: pd.DataFrame, top: int | None = 5) -> pd.DataFrame:
    """The cells most often achieved out of order, over every assessment: one row per
    (indicator, earlier stage, later stage) with the number of ``times``, most first.

    ``top`` keeps that many rows (``None``: all). See :func:`order_inversions`.

    >>> from jlp.net.examples import example_programme
    >>> frequent_inversions(example_programme(), top=1).columns.tolist()
    ['indicator', 'earlier_stage', 'later_stage', 'times']
    """
    keys = ["indicator", "earlier_stage", "later_stage"]
    found = order_inversions(assessments)
    counted = found.groupby(keys, sort=False).size().rename("times").reset_index()
    counted = counted.sort_values("times", ascending=False, kind="stable").reset_index(drop=True)
    return counted if top is None else counted.head(top)


def broker_feedback(
    assessments: pd.DataFrame,
    *,
    threshold: float | None = None,
    rule: ScoringRule | None = None,
) -> pd.DataFrame:
    """Per assessor (the broker who filled in the assessments), how their networks fare.

    Columns: ``assessor``, ``networks``, ``assessments``, ``mean_index`` (of each network's
    latest assessment), ``index_gain_per_year`` (mean over networks followed for at least
    six months), ``mean_completeness``, ``inversions_per_assessment`` and
    ``weakest_indicator`` (the indicator where their networks lag the programme most).
    Needs an ``assessor`` column with names.

    >>> from jlp.net.simulate import simulate_programme
    >>> f = broker_feedback(simulate_programme(8, 2, seed=2))
    >>> int(f["networks"].sum())
    8
    """
    data = cube(assessments)
    if not (data.assessor != "").any():
        raise JlpInputError(
            TEXT["no_assessor"],
            column="assessor",
            fix=TEXT["no_assessor_fix"],
        )
    table = _scores(data, rule_for(threshold, rule))
    table["inversions"] = _inversion_mask(data.codes).sum(axis=(1, 2))
    table = table[table["assessor"] != ""]
    latest = table.sort_values(["network", "date"]).groupby("network").tail(1)
    first = table.sort_values(["network", "date"]).groupby("network").head(1)
    span = (
        latest[["network", "index", "months"]]
        .merge(first[["network", "index"]], on="network", suffixes=("", "_first"))
        .set_index("network")
    )
    span = span[span["months"] >= 6]
    gain = ((span["index"] - span["index_first"]) / span["months"] * 12).rename("gain")
    latest = latest.join(gain, on="network")
    programme_mean = latest[list(INDICATORS)].mean()
    rows = []
    for assessor, group in table.groupby("assessor", sort=True):
        mine = latest[latest["assessor"] == assessor]
        if mine.empty:  # every network of theirs was last assessed by someone else
            mine = group.sort_values("date").groupby("network").tail(1)
        lag = mine[list(INDICATORS)].mean() - programme_mean
        rows.append(
            {
                "assessor": assessor,
                "networks": group["network"].nunique(),
                "assessments": len(group),
                "mean_index": round(float(mine["index"].mean()), 1),
                "index_gain_per_year": round(float(mine["gain"].mean()), 1)
                if "gain" in mine and mine["gain"].notna().any()
                else np.nan,
                "mean_completeness": float(group["completeness"].mean()),
                "inversions_per_assessment": float(group["inversions"].mean()),
                "weakest_indicator": str(lag.idxmin()),
            }
        )
    return pd.DataFrame(rows)


def extremes(feedback: pd.DataFrame, *, min_judged: int = 1) -> pd.DataFrame:
    """The cells of a :func:`method_feedback` table that are never or always achieved.

    >>> from jlp.net.simulate import simulate_programme
    >>> set(extremes(method_feedback(simulate_programme(10, 3, seed=0)))["pattern"]) <= {
    ...     "never",
    ...     "always",
    ... }
    True
    """
    rows = feedback[(feedback["pattern"] != "") & (feedback["judged"] >= min_judged)]
    return rows.reset_index(drop=True)


__all__ = [
    "benchmark",
    "broker_feedback",
    "extremes",
    "frequent_inversions",
    "method_feedback",
    "months_between",
    "order_inversions",
    "progression",
    "scores_over_time",
]
