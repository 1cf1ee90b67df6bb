"""Joint NET scoring: how far a group of assessors agree, and where they should talk.

A cohort of trainees (or a team of brokers) scores the same network on the same date, each
alone. :func:`agreement` sets their scorings side by side and returns:

* the spread of every cell (how many judged it, lowest and highest rating, median, and
  the mean distance between two assessors' ratings, in points);
* Krippendorff's alpha for ordinal data, over all 42 cells and per stage and per
  indicator, each with a bootstrap interval;
* the cells of most disagreement, ranked for the group's discussion;
* each assessor against the group median, and against a reference scoring when one is
  given;
* a consensus scoring: the median of each cell, ties flagged, as an assessment table the
  group edits and saves through :func:`jlp.net.save_assessment`.

Ratings count as achieved 2, partial 1, not achieved 0; a cell an assessor left empty is
*missing* for that assessor (it is not a 0 here, unlike in the index).

**Alpha.** Krippendorff's alpha = 1 − observed / expected disagreement, with the ordinal
distance between ratings computed from how often each rating is used (Krippendorff 2011,
*Computing Krippendorff's alpha-reliability*). 1 is perfect agreement, 0 is no better than
chance, below 0 is systematic disagreement. The units are the cells; a cell judged by fewer
than two assessors does not count. Alpha is undefined (``nan``) when all the ratings used
are the same, since then no disagreement is expected by chance.

**Bootstrap.** The interval resamples the cells (units) with replacement, ``n_boot`` times
(default 1000) from a seeded generator (``seed``, default 0, so the same files give the same
interval), and reports the 2.5th and 97.5th percentiles of the alphas that are defined
(``level`` = 0.95). It treats cells as independent, which they are only roughly; for one
stage (7 cells) or one indicator (6 cells) the interval is wide and worth reading as such.

>>> from jlp.net.assessments import from_ratings
>>> ana = from_ratings(
...     "Emasim",
...     "1998-03-01",
...     {("group_cohesion", "decision"): 2, ("planning_capacity", "decision"): 0},
... )
>>> ben = from_ratings(
...     "Emasim",
...     "1998-03-01",
...     {("group_cohesion", "decision"): 2, ("planning_capacity", "decision"): 1},
... )
>>> result = agreement({"Ana": ana, "Ben": ben}, n_boot=0)
>>> result.assessors
('Ana', 'Ben')
>>> top = result.ranked.iloc[0]
>>> top["indicator"], top["stage"], float(top["spread"])
('planning_capacity', 'decision', 1.0)
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.net.assessments import RATINGS, validate
from jlp.net.rubric import CELLS, INDICATORS, STAGES

#: User-facing strings of this module (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "one_assessor": "agreement needs the scorings of at least two assessors; found {n}",
        "one_assessor_fix": "add the other assessors' files (or rows with their names in the "
        "assessor column)",
        "twice": "the assessor '{name}' scored twice (first in {first})",
        "twice_fix": "keep one scoring per assessor, or write each person's own name in the "
        "assessor column",
        "several": "this scoring holds {n} assessments ({what}); agreement compares one network "
        "on one date",
        "several_fix": "keep one network and one date per assessor",
        "mixed": "this scoring is of {network} on {date}, but {first} is of {network0} on {date0}",
        "mixed_fix": "compare scorings of the same network and date only; move the other "
        "files to another folder",
        "reference_mixed": "the reference is of {network} on {date}, the scorings of {network0} "
        "on {date0}",
        "reference_fix": "give the reference scoring of the same network and date",
        "no_cells": "no cell is judged by two assessors or more, so nothing can be compared",
        "no_cells_fix": "ask each assessor to fill in the ratings",
        "consensus": "consensus",
        "tie_note": "tie between {low} and {high}: decide together",
        "overall": "all cells",
    }
)

#: The assessor name written on a consensus scoring.
CONSENSUS = "consensus"

#: Columns of :attr:`Agreement.cells` (one row per cell).
CELL_COLUMNS: tuple[str, ...] = (
    "indicator",
    "stage",
    "judged",
    "low",
    "high",
    "spread",
    "median",
    "tie",
    "disagreement",
    "achieved",
    "partial",
    "not_achieved",
    "not_judged",
)


@dataclass(frozen=True)
class Scoring:
    """One assessor's scoring of one network on one date, and where it came from.

    ``table`` is a checked assessment (:func:`jlp.net.validate`); ``file`` and ``row`` (its
    first row in the file) let a message point at it.
    """

    assessor: str
    table: pd.DataFrame
    file: str | None = None
    row: int | None = None

    @property
    def where(self) -> str:
        """The file (and row) this scoring came from, for messages."""
        if self.file is None:
            return f"the scoring of {self.assessor}"
        return self.file if self.row is None else f"{self.file}, row {self.row}"


@dataclass(frozen=True)
class Agreement:
    """The result of :func:`agreement`; every table is a plain DataFrame."""

    network: str
    date: str
    assessors: tuple[str, ...]
    ratings: pd.DataFrame
    cells: pd.DataFrame
    ranked: pd.DataFrame
    alpha: pd.DataFrame
    by_assessor: pd.DataFrame
    consensus: pd.DataFrame
    reference: pd.DataFrame | None = None
    n_boot: int = 1000
    seed: int = 0
    level: float = 0.95
    sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def overall(self) -> float:
        """Krippendorff's alpha over all cells (``nan`` when undefined)."""
        return float(self.alpha["alpha"].iloc[0])


# --------------------------------------------------------------------------- alpha


def _distance(marginals: np.ndarray) -> np.ndarray:
    """Squared ordinal distances between the ratings 0..k-1, given how often each is used."""
    k = len(marginals)
    delta = np.zeros((k, k))
    for c in range(k):
        for d in range(c + 1, k):
            between = marginals[c : d + 1].sum() - (marginals[c] + marginals[d]) / 2
            delta[c, d] = delta[d, c] = between**2
    return delta


def _unit_coincidences(values: np.ndarray, k: int = 3) -> np.ndarray:
    """Each unit's coincidence matrix, flattened: shape (units, k*k).

    ``values`` has one row per unit and one column per assessor; ``nan`` is missing.
    """
    counts = np.stack([(values == v).sum(axis=1) for v in range(k)], axis=1).astype(float)
    paired = counts.sum(axis=1)
    weight = np.where(paired >= 2, 1.0 / np.maximum(paired - 1, 1), 0.0)
    outer = counts[:, :, None] * counts[:, None, :]
    outer -= counts[:, :, None] * np.eye(k)[None, :, :]
    return (outer * weight[:, None, None]).reshape(len(values), k * k)


def _alpha_from(coincidences: np.ndarray, k: int = 3) -> np.ndarray:
    """Alpha for each row of summed coincidence matrices (shape (m, k*k)); nan if undefined."""
    o = coincidences.reshape(-1, k, k)
    marginals = o.sum(axis=2)
    n = marginals.sum(axis=1)
    alphas = np.full(len(o), np.nan)
    for row in range(len(o)):
        if n[row] <= 1:
            continue
        delta = _distance(marginals[row])
        observed = (o[row] * delta).sum()
        expected = (np.outer(marginals[row], marginals[row]) * delta).sum() / (n[row] - 1)
        if expected > 0:
            alphas[row] = 1 - observed / expected
    return alphas


def krippendorff_alpha(values: np.ndarray | Sequence[Sequence[float]]) -> float:
    """Krippendorff's alpha for ordinal ratings 0, 1, 2; units in rows, assessors in columns.

    Missing ratings are ``nan``. Returns ``nan`` when alpha is undefined (fewer than two
    pairable ratings, or only one rating value used).

    >>> krippendorff_alpha([[0, 0], [1, 1], [2, 2]])
    1.0
    >>> round(krippendorff_alpha([[0, 2], [2, 0], [1, 1]]), 3)
    -0.667
    """
    array = np.asarray(values, dtype=float)
    return float(_alpha_from(_unit_coincidences(array).sum(axis=0, keepdims=True))[0])


def bootstrap_alpha(
    values: np.ndarray, *, n_boot: int = 1000, seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """A percentile bootstrap interval for alpha, resampling units (rows) with replacement.

    Seeded, so the same data give the same interval; ``(nan, nan)`` when ``n_boot`` is 0 or
    no resample has a defined alpha.

    >>> data = np.array([[0, 0], [1, 1], [2, 2], [2, 1], [0, 0], [1, 1]], dtype=float)
    >>> low, high = bootstrap_alpha(data, n_boot=200, seed=1)
    >>> bool(low <= krippendorff_alpha(data) <= high <= 1)
    True
    """
    units = _unit_coincidences(np.asarray(values, dtype=float))
    if n_boot <= 0 or len(units) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(units), size=(n_boot, len(units)))
    counts = np.zeros((n_boot, len(units)))
    np.add.at(counts, (np.repeat(np.arange(n_boot), len(units)), draws.ravel()), 1)
    alphas = _alpha_from(counts @ units)
    alphas = alphas[~np.isnan(alphas)]
    if len(alphas) == 0:
        return (float("nan"), float("nan"))
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(alphas, [tail, 100 - tail])
    return (float(low), float(high))


# --------------------------------------------------------------------------- inputs


def same_name(text: str) -> str:
    """A name as it is compared: one Unicode form, no outer spaces, case ignored.

    >>> same_name(" Ana ") == same_name("ana"), same_name("Jose\\u0301") == same_name("José")
    (True, True)
    """
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


def _as_scorings(
    scorings: Sequence[Scoring] | Mapping[str, pd.DataFrame] | pd.DataFrame,
) -> list[Scoring]:
    if isinstance(scorings, pd.DataFrame):
        return split_assessors(scorings)
    if isinstance(scorings, Mapping):
        return [Scoring(str(name), validate(table)) for name, table in scorings.items()]
    found: list[Scoring] = []
    for item in scorings:
        found.extend([item] if isinstance(item, Scoring) else split_assessors(item))
    return found


def split_assessors(
    table: pd.DataFrame, *, file: str | None = None, default: str = ""
) -> list[Scoring]:
    """One :class:`Scoring` per assessor named in a table's ``assessor`` column.

    Rows with an empty assessor belong to ``default`` (e.g. the file's name). The table may
    be raw text as :func:`jlp.net.files.read_table` returns it (its index holding the
    spreadsheet row numbers) or already checked.

    >>> from jlp.net.assessments import from_ratings
    >>> both = pd.concat(
    ...     [
    ...         from_ratings("A", "1998-01-01", {}, assessor="Ana"),
    ...         from_ratings("A", "1998-01-01", {}, assessor="Ben"),
    ...     ]
    ... )
    >>> [s.assessor for s in split_assessors(both)]
    ['Ana', 'Ben']
    """
    table = table.rename(columns=lambda c: str(c).strip().lower())
    labels = list(table.index)
    table = table.reset_index(drop=True)
    text = table.astype(str).apply(lambda column: column.str.strip()).mask(table.isna(), "")
    keep = (text != "").any(axis=1).to_numpy()
    if "assessor" in table.columns:
        names = text["assessor"].map(lambda n: unicodedata.normalize("NFC", n))
    else:
        names = pd.Series("", index=table.index)
    names = names.where(names != "", default).to_numpy()
    numbered = file is not None and all(isinstance(r, int | np.integer) for r in labels)
    found = []
    for name in dict.fromkeys(names[keep]):
        mask = keep & (names == name)
        part = table.loc[mask].assign(assessor=name)
        rows = [int(r) for r, m in zip(labels, mask, strict=True) if m] if numbered else None
        checked = validate(part, file=file, rows=rows)
        found.append(Scoring(str(name), checked, file, rows[0] if rows else None))
    return found


def _one_moment(scorings: list[Scoring]) -> tuple[str, str]:
    first: Scoring | None = None
    seen: dict[str, Scoring] = {}
    for scoring in scorings:
        keys = scoring.table[["network", "date"]].drop_duplicates()
        if len(keys) != 1:
            what = "; ".join(f"{n} on {d}" for n, d in keys.itertuples(index=False))
            raise JlpInputError(
                TEXT["several"].format(n=len(keys), what=what),
                file=scoring.file,
                row=scoring.row,
                column="date",
                fix=TEXT["several_fix"],
            )
        key = same_name(scoring.assessor)
        if key in seen:
            raise JlpInputError(
                TEXT["twice"].format(name=scoring.assessor, first=seen[key].where),
                file=scoring.file,
                row=scoring.row,
                column="assessor",
                fix=TEXT["twice_fix"],
            )
        seen[key] = scoring
        if first is None:
            first = scoring
            continue
        network, date = keys.iloc[0]
        network0, date0 = first.table[["network", "date"]].iloc[0]
        if same_name(network) != same_name(network0) or date != date0:
            column = "date" if same_name(network) == same_name(network0) else "network"
            raise JlpInputError(
                TEXT["mixed"].format(
                    network=network, date=date, first=first.where, network0=network0, date0=date0
                ),
                file=scoring.file,
                row=scoring.row,
                column=column,
                fix=TEXT["mixed_fix"],
            )
    if len(scorings) < 2:
        only = scorings[0] if scorings else None
        raise JlpInputError(
            TEXT["one_assessor"].format(n=len(scorings)),
            file=only.file if only else None,
            column="assessor",
            fix=TEXT["one_assessor_fix"],
        )
    network, date = scorings[0].table[["network", "date"]].iloc[0]
    return str(network), str(date)


def _points(table: pd.DataFrame) -> np.ndarray:
    """The 42 cells of a checked scoring as points 0/1/2, ``nan`` where not judged."""
    lookup = {
        (i, s): r
        for i, s, r in zip(table["indicator"], table["stage"], table["rating"], strict=True)
    }
    return np.array([RATINGS.index(lookup[c]) if lookup.get(c) else np.nan for c in CELLS])


# --------------------------------------------------------------------------- agreement


def _alpha_rows(values: np.ndarray, n_boot: int, seed: int, level: float) -> pd.DataFrame:
    cell_index = pd.MultiIndex.from_tuples(CELLS, names=["indicator", "stage"])
    scopes = [("all", TEXT["overall"], np.ones(len(CELLS), dtype=bool))]
    scopes += [("stage", s, cell_index.get_level_values("stage") == s) for s in STAGES]
    scopes += [("indicator", i, cell_index.get_level_values("indicator") == i) for i in INDICATORS]
    rows = []
    for scope, name, mask in scopes:
        part = values[mask]
        pairable = (~np.isnan(part)).sum(axis=1)
        low, high = bootstrap_alpha(part, n_boot=n_boot, seed=seed, level=level)
        rows.append(
            (
                scope,
                name,
                krippendorff_alpha(part),
                low,
                high,
                int((pairable >= 2).sum()),
                int(pairable[pairable >= 2].sum()),
            )
        )
    return pd.DataFrame(rows, columns=["scope", "name", "alpha", "low", "high", "cells", "ratings"])


def _cell_table(values: np.ndarray) -> pd.DataFrame:
    judged = (~np.isnan(values)).sum(axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low = np.nanmin(np.where(judged[:, None] > 0, values, 0), axis=1)
        high = np.nanmax(np.where(judged[:, None] > 0, values, 0), axis=1)
        median = np.nanmedian(values, axis=1)
    low = np.where(judged > 0, low, np.nan)
    high = np.where(judged > 0, high, np.nan)
    pairs = np.zeros(len(values))
    distance = np.zeros(len(values))
    n = values.shape[1]
    for a in range(n):
        for b in range(a + 1, n):
            both = ~np.isnan(values[:, a]) & ~np.isnan(values[:, b])
            pairs += both
            distance += np.where(both, np.abs(values[:, a] - values[:, b]), 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        disagreement = np.where(pairs > 0, distance / np.maximum(pairs, 1), np.nan)
    counts = {r: (values == RATINGS.index(r)).sum(axis=1) for r in RATINGS}
    return pd.DataFrame(
        {
            "indicator": [i for i, _ in CELLS],
            "stage": [s for _, s in CELLS],
            "judged": judged,
            "low": low,
            "high": high,
            "spread": high - low,
            "median": median,
            "tie": np.isfinite(median) & (median % 1 != 0),
            "disagreement": disagreement,
            "achieved": counts["achieved"],
            "partial": counts["partial"],
            "not_achieved": counts["not_achieved"],
            "not_judged": n - judged,
        },
        columns=list(CELL_COLUMNS),
    )


def rank_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """The cells the group should discuss first: most disagreement, then widest spread.

    Cells judged by fewer than two assessors come last (nothing to compare), in grid order.
    """
    order = cells.assign(
        _comparable=cells["judged"] >= 2,
        _grid=np.arange(len(cells)),
    ).sort_values(
        ["_comparable", "disagreement", "spread", "not_judged", "_grid"],
        ascending=[False, False, False, True, True],
        na_position="last",
    )
    ranked = order.drop(columns=["_comparable", "_grid"]).reset_index(drop=True)
    ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
    return ranked


def _versus(
    values: np.ndarray, target: np.ndarray, assessors: Sequence[str], label: str
) -> pd.DataFrame:
    rows = []
    for k, name in enumerate(assessors):
        both = ~np.isnan(values[:, k]) & ~np.isnan(target)
        gap = values[both, k] - target[both]
        rows.append(
            {
                "assessor": name,
                "against": label,
                "cells": int(both.sum()),
                "exact": float((gap == 0).mean()) if both.any() else np.nan,
                "mean_abs_gap": float(np.abs(gap).mean()) if both.any() else np.nan,
                "mean_gap": float(gap.mean()) if both.any() else np.nan,
                "judged": int((~np.isnan(values[:, k])).sum()),
            }
        )
    return pd.DataFrame(rows)


def consensus_scoring(
    network: str, date: str, cells: pd.DataFrame, assessor: str = CONSENSUS
) -> pd.DataFrame:
    """The median of each cell as an assessment table; a tie takes the lower rating.

    A tie (an even number of assessors split between two ratings) is flagged in the ``note``
    column for the group to decide; a cell nobody judged stays empty.
    """
    ratings, notes = [], []
    for median, tie in zip(cells["median"], cells["tie"], strict=True):
        if not np.isfinite(median):
            ratings.append("")
            notes.append("")
            continue
        lower = int(np.floor(median))
        ratings.append(RATINGS[lower])
        notes.append(
            TEXT["tie_note"].format(low=RATINGS[lower], high=RATINGS[int(np.ceil(median))])
            if tie
            else ""
        )
    table = pd.DataFrame(
        {
            "network": network,
            "date": date,
            "indicator": cells["indicator"].to_numpy(),
            "stage": cells["stage"].to_numpy(),
            "rating": ratings,
            "assessor": assessor,
            "note": notes,
        }
    )
    return validate(table)


def agreement(
    scorings: Sequence[Scoring | pd.DataFrame] | Mapping[str, pd.DataFrame] | pd.DataFrame,
    *,
    reference: pd.DataFrame | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> Agreement:
    """Compare several assessors' scorings of one network on one date.

    ``scorings`` is a list of :class:`Scoring` (see :func:`jlp.net.class_folder.read_scorings`),
    a mapping assessor → assessment table, one table with an ``assessor`` column, or a list
    of such tables. At least two assessors, each once, all of the same network and date;
    otherwise :class:`~jlp.errors.JlpInputError` says which file and row to fix.

    >>> from jlp.net.assessments import from_ratings
    >>> same = {c: 2 for c in CELLS[:6]} | {c: 0 for c in CELLS[6:12]}
    >>> pair = {n: from_ratings("A", "1998-01-01", same) for n in ("Ana", "Ben", "Eva")}
    >>> agreement(pair, n_boot=0).overall
    1.0
    """
    found = _as_scorings(scorings)
    network, date = _one_moment(found)
    assessors = tuple(s.assessor for s in found)
    values = np.column_stack([_points(s.table) for s in found])
    if not ((~np.isnan(values)).sum(axis=1) >= 2).any():
        raise JlpInputError(
            TEXT["no_cells"], file=found[0].file, column="rating", fix=TEXT["no_cells_fix"]
        )
    index = pd.MultiIndex.from_tuples(CELLS, names=["indicator", "stage"])
    ratings = pd.DataFrame(values, index=index, columns=list(assessors))
    cells = _cell_table(values)
    by_assessor = _versus(values, cells["median"].to_numpy(dtype=float), assessors, "median")
    ref_table = None
    if reference is not None:
        ref_table = validate(reference)
        keys = ref_table[["network", "date"]].drop_duplicates()
        ref_network, ref_date = keys.iloc[0]
        if len(keys) != 1 or same_name(ref_network) != same_name(network) or ref_date != date:
            raise JlpInputError(
                TEXT["reference_mixed"].format(
                    network=ref_network, date=ref_date, network0=network, date0=date
                ),
                column="network",
                fix=TEXT["reference_fix"],
            )
        by_assessor = pd.concat(
            [by_assessor, _versus(values, _points(ref_table), assessors, "reference")],
            ignore_index=True,
        )
    return Agreement(
        network=network,
        date=date,
        assessors=assessors,
        ratings=ratings,
        cells=cells,
        ranked=rank_cells(cells),
        alpha=_alpha_rows(values, n_boot, seed, level),
        by_assessor=by_assessor,
        consensus=consensus_scoring(network, date, cells),
        reference=ref_table,
        n_boot=n_boot,
        seed=seed,
        level=level,
        sources=tuple(s.where for s in found),
    )


__all__ = [
    "CELL_COLUMNS",
    "CONSENSUS",
    "TEXT",
    "Agreement",
    "Scoring",
    "agreement",
    "bootstrap_alpha",
    "consensus_scoring",
    "krippendorff_alpha",
    "rank_cells",
    "same_name",
    "split_assessors",
]
