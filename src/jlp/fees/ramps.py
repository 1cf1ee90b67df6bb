"""Fee ramps: what share of the broker's cost a network pays, year by year.

A ramp has four parameters (Ceglie & Dini, 1999, Methodology and Honduras section): some fully
**subsidised years**, a **first share** of the cost in the first paying year, a yearly
**step** added to the share after that, and a **cap** the share never passes. In year
``t`` (counting from 1) the share is

* 0 while ``t <= subsidised_years``;
* ``min(cap, first_share + (t - subsidised_years - 1) * step)`` afterwards.

So the share never falls, stays within ``[0, cap]``, and subsidised years pay nothing.
Applied to a yearly service cost, the fee is ``share * cost`` and the subsidy the rest.

>>> rule = ramp_preset("emasim")
>>> rule.subsidised_years, rule.first_share, rule.step, rule.cap
(3, 0.2, 0.25, 1.0)
>>> table = schedule(rule, annual_cost=4000, years=6)
>>> table["fee_share"].tolist()
[0.0, 0.0, 0.0, 0.2, 0.45, 0.7]
>>> table["fee"].tolist()
[0.0, 0.0, 0.0, 800.0, 1800.0, 2800.0]
>>> full_cost_year(rule)
8
"""

from __future__ import annotations

import math
from typing import Self

import numpy as np
import pandas as pd
from pydantic import model_validator

from jlp.errors import JlpInputError
from jlp.fees import presets
from jlp.fees.values import Checked, Share, Years, parse_amount, parse_count
from jlp.i18n import Messages

#: The columns of a schedule that the command line writes, in order.
SCHEDULE_COLUMNS = ("year", "fee_share", "fee", "subsidy", "cumulative_recovery")

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "cap_below": "the cap ({cap:.0%}) is below the first share ({first:.0%})",
        "cap_fix": "raise the cap to at least the first share, or lower the first share",
    }
)

_DECIMALS = 12  # shares are rounded so that 0.2 + 4 * 0.2 is exactly 1


class RampRule(Checked):
    """How a network's share of the service cost rises: free years, first share, step, cap.

    Shares may be given as fractions or percents (``"20%"``); every bad value raises
    :class:`~jlp.errors.JlpInputError` naming the parameter.

    >>> RampRule(subsidised_years=2, first_share="10%", step="15 %", cap=0.7).step
    0.15
    >>> RampRule(first_share=0.5, cap=0.3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'cap': the cap (30%) is below the first share (50%) (fix: ...)
    """

    subsidised_years: Years = 0
    first_share: Share
    step: Share = 0.0
    cap: Share = 1.0

    @model_validator(mode="after")
    def _cap_covers_first_share(self) -> Self:
        if self.cap < self.first_share:
            raise JlpInputError(
                TEXT["cap_below"].format(cap=self.cap, first=self.first_share),
                column="cap",
                fix=TEXT["cap_fix"],
            )
        return self

    def shares(self, years: int) -> np.ndarray:
        """The fee share of years 1 to ``years`` (an array of fractions).

        >>> RampRule(subsidised_years=1, first_share=0.5, step=0.5).shares(4).tolist()
        [0.0, 0.5, 1.0, 1.0]
        """
        return self._shares_at(np.arange(1, years + 1))

    def share(self, year: int) -> float:
        """The fee share of one year (counting from 1), computed as :meth:`shares` does.

        >>> ramp_preset("emasim").share(5)
        0.45
        """
        return float(self._shares_at(np.array([year], dtype=np.int64))[0])

    def _shares_at(self, years: np.ndarray) -> np.ndarray:
        paying = years - self.subsidised_years  # 1 = the first paying year
        raw = np.round(self.first_share + (paying - 1) * self.step, _DECIMALS)
        return np.where(paying >= 1, np.minimum(self.cap, raw), 0.0)


def ramp_presets() -> dict[str, RampRule]:
    """Every ramp preset: ``emasim`` (reported start, illustrative after year 5), and for
    contrast ``fast``, ``gentle`` and ``none`` (a permanent subsidy).

    >>> list(ramp_presets())
    ['emasim', 'fast', 'gentle', 'none']
    """
    return {name: ramp_preset(name) for name in presets.preset_names("ramp")}


def ramp_preset(name: str) -> RampRule:
    """One ramp preset by name (see :func:`ramp_presets`); the table says which parameters
    are reported (:func:`jlp.fees.presets.provenance`).

    >>> ramp_preset("none").shares(3).tolist()
    [0.0, 0.0, 0.0]
    """
    values = presets.parameters("ramp", name)
    return RampRule(**values)


def _cost_and_years(annual_cost: object, years: object) -> tuple[float, int]:
    if annual_cost is None or years is None:
        defaults = presets.default_service()
        annual_cost = defaults["annual_cost"] if annual_cost is None else annual_cost
        years = defaults["years"] if years is None else years
    problems, cost, horizon = [], 0.0, 0
    try:
        cost = parse_amount(annual_cost, name="annual_cost", above=True)
    except JlpInputError as err:
        problems += err.problems
    try:
        horizon = parse_count(years, name="years", minimum=1, maximum=100)
    except JlpInputError as err:
        problems += err.problems
    if problems:
        raise JlpInputError(problems=problems)
    return cost, horizon


def schedule(
    rule: RampRule, annual_cost: float | str | None = None, years: int | str | None = None
) -> pd.DataFrame:
    """A ramp applied to a yearly service cost: one row per year.

    Columns: ``year`` (from 1), ``cost``, ``fee_share`` (fraction), ``fee``, ``subsidy``
    (``cost - fee``) and ``cumulative_recovery`` (fees paid so far over cost so far, a
    fraction). ``annual_cost`` (US$) and ``years`` default to the illustrative values of
    :func:`jlp.fees.presets.default_service`.

    >>> schedule(ramp_preset("fast"), annual_cost=1000, years=3)["cumulative_recovery"].tolist()
    [0.0, 0.125, 0.25]
    """
    cost, horizon = _cost_and_years(annual_cost, years)
    share = rule.shares(horizon)
    fee = share * cost
    costs = np.full(horizon, cost)
    return pd.DataFrame(
        {
            "year": np.arange(1, horizon + 1),
            "cost": costs,
            "fee_share": share,
            "fee": fee,
            "subsidy": costs - fee,
            "cumulative_recovery": np.cumsum(fee) / np.cumsum(costs),
        }
    )


def full_cost_year(rule: RampRule) -> int | None:
    """The first year the network pays the full cost, or ``None`` if it never does.

    Found from the rule itself, so it may lie beyond the years of a schedule.

    >>> full_cost_year(ramp_preset("fast")), full_cost_year(ramp_preset("none"))
    (5, None)
    """
    if rule.cap < 1.0:
        return None
    if rule.first_share >= 1.0:
        return rule.subsidised_years + 1
    if rule.step <= 0.0:
        return None
    first = rule.subsidised_years + 1  # the first paying year, which pays less than 100 %
    # The share never falls, so search for the first year at 100 %: double an upper bound
    # until it pays in full, then halve the gap. Shares are kept to 12 decimals (see
    # jlp.fees.values), so the bound stays below 10**13 years and the search is short.
    low, high = 0, max(1, math.ceil((1.0 - rule.first_share) / rule.step))
    while rule.share(first + high) < 1.0:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if rule.share(first + middle) >= 1.0:
            high = middle
        else:
            low = middle
    return first + high


def compare(
    rules: dict[str, RampRule],
    annual_cost: float | str | None = None,
    years: int | str | None = None,
) -> pd.DataFrame:
    """Side by side: for each rule, fees and subsidy over the horizon and the full-cost year.

    Columns: ``fees``, ``subsidy``, ``recovery`` (fees over cost, the last year's
    cumulative recovery), ``last_share`` and ``full_cost_year`` (``<NA>`` if never).

    >>> compare(ramp_presets(), annual_cost=4000, years=10).loc["none", "fees"]
    np.float64(0.0)
    """
    rows = []
    for name, rule in rules.items():
        table = schedule(rule, annual_cost, years)
        rows.append(
            {
                "ramp": name,
                "fees": float(table["fee"].sum()),
                "subsidy": float(table["subsidy"].sum()),
                "recovery": float(table["cumulative_recovery"].iloc[-1]),
                "last_share": float(table["fee_share"].iloc[-1]),
                "full_cost_year": full_cost_year(rule),
            }
        )
    frame = pd.DataFrame(rows).set_index("ramp")
    frame["full_cost_year"] = frame["full_cost_year"].astype("Int64")
    return frame


__all__ = [
    "SCHEDULE_COLUMNS",
    "TEXT",
    "RampRule",
    "compare",
    "full_cost_year",
    "ramp_preset",
    "ramp_presets",
    "schedule",
]
