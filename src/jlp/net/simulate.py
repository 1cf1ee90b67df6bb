"""An illustrative programme: NET assessment histories of simulated networks.

Nothing here describes a real network. The simulator exists for the benchmarking and
method-feedback exercises and for scale tests. Its assumptions, chosen to give those
exercises something to find:

* each network joins in the programme's first year and is assessed every
  ``interval_months``; it progresses at its own speed (about one stage a year on average,
  faster or slower with its broker);
* some networks stall at an intermediate stage, some drop out (their assessments stop);
* indicators differ in difficulty: cohesion comes first, changes in economic variables and
  external relations lag (the paper's pilot and strategic projects come before results);
* one cell is made easy for everybody (group cohesion at promotion and motivation) and one
  very hard (external relations at self-management), so the method-feedback chart shows an
  "always" and a "never" cell; and one cell comes late (members committing money at the
  decision stage), so networks often show a measurable gain from a pilot project before
  it: an *order inversion* for the method-feedback exercise to find;
* each network has its own persistent cell-by-cell deviations and each assessment some
  noise, so a later-stage cell is now and then achieved before an earlier one;
* brokers rarely judge cells far beyond the network's stage: those are often left empty.

Every row carries ``provenance = illustrative`` and the table's ``attrs`` say so too.

>>> programme = simulate_programme(4, 2, seed=7)
>>> sorted(programme.columns)[:4], set(programme["provenance"])
(['assessor', 'date', 'indicator', 'network'], {'illustrative'})
>>> programme.equals(simulate_programme(4, 2, seed=7))
True
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.net.assessments import RATINGS, normalise_date
from jlp.net.rubric import INDICATORS, STAGES

#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "at_least_one": "n_networks, years and interval_months must be at least 1",
        "at_least_one_fix": "e.g. simulate_programme(12, 3, seed=0)",
        "bad_date": "'{start}' is not a date in the form YYYY-MM-DD",
        "bad_date_fix": "e.g. 1996-01-01",
    }
)

#: How much later than the average each indicator is achieved (in stages).
INDICATOR_LAG = np.array([-0.35, 0.0, 0.0, 0.1, 0.25, 0.55, 0.4])

#: Cells made easy / hard on purpose (see the module notes): (indicator, stage) → extra lag.
SPECIAL_CELLS = {
    ("group_cohesion", "promotion_motivation"): -3.0,
    ("external_relations", "self_management"): 4.0,
    ("economic_changes", "decision"): 2.0,
}


def simulate_programme(
    n_networks: int = 12,
    years: int = 3,
    seed: int = 0,
    *,
    start: str = "1996-01-01",
    interval_months: int = 6,
    brokers: int | None = None,
) -> pd.DataFrame:
    """Illustrative NET assessment histories of ``n_networks`` over ``years``.

    Returns a tidy assessment table (the assessment file contract, DESIGN.md, Data contracts)
    with an ``assessor`` per row and ``provenance = illustrative``; the same ``seed`` gives the
    same table.

    >>> p = simulate_programme(3, 1, seed=0)
    >>> p.groupby(["network", "date"]).size().eq(42).all()
    np.True_
    """
    if int(n_networks) < 1 or int(years) < 1 or int(interval_months) < 1:
        raise JlpInputError(TEXT["at_least_one"], fix=TEXT["at_least_one_fix"])
    origin = normalise_date(start)
    if origin is None:
        raise JlpInputError(
            TEXT["bad_date"].format(start=start), column="start", fix=TEXT["bad_date_fix"]
        )
    n, horizon = int(n_networks), int(years) * 12
    rng = np.random.default_rng(seed)
    n_brokers = int(brokers) if brokers else max(1, math.ceil(n / 5))
    broker_skill = rng.lognormal(0.0, 0.25, n_brokers)
    broker = rng.integers(0, n_brokers, n)
    speed = rng.lognormal(0.0, 0.35, n) * broker_skill[broker]  # stages per year
    cap = np.where(rng.random(n) < 0.25, rng.uniform(1.2, 3.8, n), np.inf)  # stalled
    joined = rng.integers(0, 12, n)  # month of the first assessment
    last = np.where(
        rng.random(n) < 0.15, joined + rng.integers(interval_months, horizon + 1, n), horizon
    )
    last = np.minimum(last, horizon - 1)
    counts = np.maximum(1, (last - joined) // interval_months + 1)

    network = np.repeat(np.arange(n), counts)
    step = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    elapsed = step * interval_months  # months since the network's first assessment
    month = joined[network] + elapsed
    progress = np.minimum(np.minimum(cap[network], speed[network] * elapsed / 12), 6.0) + 0.7

    stage_level = np.arange(len(STAGES), dtype=float)
    difficulty = stage_level[None, :] + INDICATOR_LAG[:, None]
    for (indicator, stage), extra in SPECIAL_CELLS.items():
        difficulty[INDICATORS.index(indicator), STAGES.index(stage)] += extra
    own = rng.normal(0.0, 0.3, (n, len(INDICATORS), len(STAGES)))
    level = (
        progress[:, None, None]
        - difficulty[None]
        + own[network]
        + rng.normal(0.0, 0.15, (len(network), len(INDICATORS), len(STAGES)))
    )
    codes = np.where(level > 0.5, 2, np.where(level > -0.25, 1, 0)).astype(np.int8)
    far = (level < -1.5) & (rng.random(level.shape) < 0.6)
    codes[far] = -1

    year0, month0 = int(origin[:4]), int(origin[5:7]) - 1
    months = np.unique(month)
    iso = {
        m: dt.date(year0 + (month0 + m) // 12, (month0 + m) % 12 + 1, 1).isoformat()
        for m in months.tolist()
    }
    width = len(str(n))
    names = np.array([f"sim-{i + 1:0{width}d}" for i in range(n)], dtype=object)
    letters = np.array([_broker_name(b) for b in range(n_brokers)], dtype=object)
    cells = len(INDICATORS) * len(STAGES)
    words = np.array((*RATINGS, ""), dtype=object)
    table = pd.DataFrame(
        {
            "network": np.repeat(names[network], cells),
            "date": np.repeat(np.array([iso[m] for m in month.tolist()], dtype=object), cells),
            "indicator": np.tile(
                np.repeat(np.array(INDICATORS, dtype=object), len(STAGES)), len(network)
            ),
            "stage": np.tile(np.array(STAGES, dtype=object), len(network) * len(INDICATORS)),
            "rating": words[codes.reshape(-1)],
            "assessor": np.repeat(letters[broker[network]], cells),
            "note": "",
            "provenance": "illustrative",
        }
    )
    table.attrs["provenance"] = "illustrative"
    table.attrs["description"] = (
        f"simulate_programme({n}, {years}, seed={seed}): illustrative, not real networks"
    )
    return table


def _broker_name(number: int) -> str:
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"Broker {letters}"


__all__ = ["INDICATOR_LAG", "SPECIAL_CELLS", "simulate_programme"]
