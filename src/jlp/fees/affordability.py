"""Affordability: the fee as a share of what co-operation earns the network.

A fee is easier to accept when it is small next to the **extra margin** the network's
members earn from co-operating. This module compares the two, year by year, and warns

* of **drop-out** when the fee passes ``dropout_threshold`` of the extra margin, and
* of **dependency** when the fee stays below ``dependency_floor`` of the extra margin
  for ``dependency_years`` years in a row or more: the network gets used to a subsidy
  it could do without (Ceglie & Dini, 1999, Lessons Learned, lesson 8).

Both thresholds are **teaching assumptions**, not findings of the paper.

The default extra margin is an S-shaped path built from EMASIM's reported size and sales
growth (Box 1: 11 enterprises of about 4 workers; collective sales +200 %) and illustrative
values for sales per worker, margin rate and timing (see ``datasets/fee_presets.csv``).

>>> from jlp.fees.ramps import ramp_preset, schedule
>>> result = affordability(schedule(ramp_preset("fast"), annual_cost=4000, years=10))
>>> [(w.kind, w.years) for w in result.warnings]
[('dropout', (2,))]
>>> round(float(result.table.loc[1, "fee_to_margin"]), 3)
0.273
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Self

import numpy as np
import pandas as pd
from pydantic import model_validator

from jlp.errors import JlpInputError
from jlp.fees import presets
from jlp.fees.ramps import RampRule, schedule
from jlp.fees.values import Amount, Checked, Percentage, PositiveAmount, PositiveCount, Share
from jlp.i18n import Messages

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "dropout": "{years}: the fee is above {threshold:.0%} of the network's extra margin "
        "(risk that members drop out)",
        "dependency": "{years}: the fee stays below {floor:.0%} of the extra margin for {run} "
        "years in a row (risk of dependency: {limit} or more)",
        "year": "year {year}",
        "years": "years {first}–{last}",
        "years_list": "years {years}",
        "floor_above": "the dependency floor ({floor:.0%}) is not below the drop-out threshold "
        "({threshold:.0%})",
        "floor_fix": "lower dependency_floor or raise dropout_threshold",
        "margins_length": "gives {given} yearly margins for a schedule of {years} years",
        "margins_fix": "give one extra margin per year of the schedule",
        "margins_number": "holds a value that is not a finite number",
        "margins_number_fix": "give numbers (US$ a year), one per year",
        "no_warning": "no warning",
    }
)


class BenefitPath(Checked):
    """The network's extra yearly margin from co-operation, rising along an S-shaped curve.

    At full effect the extra margin is ``enterprises * workers_per_enterprise *
    sales_per_worker * sales_gain * margin_rate``; in year ``t`` it is that amount times
    ``1 / (1 + exp(-steepness * (t - midpoint)))``: little in the first years while trust
    is built, most of the gain around ``midpoint``, then levelling off.

    >>> path = benefit_preset("emasim")
    >>> path.full_margin
    44000.0
    >>> [round(m) for m in path.margins(4)]
    [1170, 3660, 10185, 22000]
    """

    enterprises: PositiveAmount
    workers_per_enterprise: PositiveAmount
    sales_per_worker: Amount
    sales_gain: Percentage
    margin_rate: Share
    midpoint: Amount
    steepness: PositiveAmount

    @property
    def full_margin(self) -> float:
        """The extra margin per year once the whole sales gain has come (US$)."""
        return (
            self.enterprises
            * self.workers_per_enterprise
            * self.sales_per_worker
            * self.sales_gain
            * self.margin_rate
        )

    def margins(self, years: int) -> np.ndarray:
        """The extra margin of years 1 to ``years`` (US$ a year)."""
        t = np.arange(1, years + 1, dtype=float)
        return self.full_margin / (1.0 + np.exp(-self.steepness * (t - self.midpoint)))


class AffordabilityRule(Checked):
    """The thresholds of the warnings (teaching assumptions, not findings of the paper).

    >>> AffordabilityRule(
    ...     dropout_threshold="10%", dependency_floor="20%", dependency_years=3
    ... )  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'dependency_floor': the dependency floor (20%) is not ...
    """

    dropout_threshold: Share
    dependency_floor: Share
    dependency_years: PositiveCount

    @model_validator(mode="after")
    def _floor_below_threshold(self) -> Self:
        if self.dependency_floor >= self.dropout_threshold:
            raise JlpInputError(
                TEXT["floor_above"].format(
                    floor=self.dependency_floor, threshold=self.dropout_threshold
                ),
                column="dependency_floor",
                fix=TEXT["floor_fix"],
            )
        return self


@dataclass(frozen=True)
class AffordabilityWarning:
    """One warning: its kind (``dropout`` or ``dependency``), the years, and a message."""

    kind: str
    years: tuple[int, ...]
    message: str


@dataclass(frozen=True)
class Affordability:
    """The yearly comparison of fee and extra margin, and the warnings it raises.

    ``table`` columns: ``year``, ``fee``, ``margin`` (extra margin, US$), ``fee_to_margin``
    (fee over margin; ``inf`` when a fee is due but there is no margin), ``dropout`` and
    ``dependency`` (booleans: the year is part of a warning).
    """

    table: pd.DataFrame
    warnings: tuple[AffordabilityWarning, ...]
    rule: AffordabilityRule


def benefit_preset(name: str = "emasim") -> BenefitPath:
    """A benefit path preset (``emasim``: reported size and sales growth, illustrative
    margin rate and timing)."""
    return BenefitPath(**presets.parameters("benefit", name))


def default_thresholds() -> AffordabilityRule:
    """The illustrative thresholds of ``datasets/fee_presets.csv``.

    >>> rule = default_thresholds()
    >>> rule.dropout_threshold, rule.dependency_floor, rule.dependency_years
    (0.25, 0.05, 5)
    """
    return AffordabilityRule(**presets.parameters("thresholds", "default"))


def _years_text(years: Sequence[int]) -> str:
    if len(years) == 1:
        return TEXT["year"].format(year=years[0])
    if list(years) == list(range(years[0], years[-1] + 1)):
        return TEXT["years"].format(first=years[0], last=years[-1])
    return TEXT["years_list"].format(years=", ".join(str(y) for y in years))


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) index pairs of the runs of True in ``mask``."""
    padded = np.concatenate(([False], mask, [False])).astype(int)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _margins(given: object, years: int) -> np.ndarray:
    if given is None:
        return benefit_preset().margins(years)
    if isinstance(given, BenefitPath):
        return given.margins(years)
    try:
        values = np.asarray(given, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise JlpInputError(
            TEXT["margins_number"], column="margins", fix=TEXT["margins_number_fix"]
        ) from None
    if len(values) != years:
        raise JlpInputError(
            TEXT["margins_length"].format(given=len(values), years=years),
            column="margins",
            fix=TEXT["margins_fix"],
        )
    if not np.isfinite(values).all():
        raise JlpInputError(
            TEXT["margins_number"], column="margins", fix=TEXT["margins_number_fix"]
        )
    return values


def affordability(
    schedule: pd.DataFrame,
    margins: BenefitPath | Sequence[float] | np.ndarray | None = None,
    rule: AffordabilityRule | None = None,
) -> Affordability:
    """Compare each year's fee of ``schedule`` (see :func:`jlp.fees.schedule`) with the
    network's extra margin, and raise the drop-out and dependency warnings.

    ``margins`` is a :class:`BenefitPath` or one amount per year (default: the ``emasim``
    benefit preset); ``rule`` holds the thresholds (default: :func:`default_thresholds`).

    >>> from jlp.fees.ramps import ramp_preset, schedule
    >>> result = affordability(schedule(ramp_preset("none"), 4000, 6))
    >>> print(result.warnings[0].message)  # doctest: +NORMALIZE_WHITESPACE
    years 1–6: the fee stays below 5% of the extra margin for 6 years in a row
    (risk of dependency: 5 or more)
    """
    rule = rule or default_thresholds()
    years = schedule["year"].to_numpy()
    fee = schedule["fee"].to_numpy(dtype=float)
    margin = _margins(margins, len(years))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = np.where(
            margin > 0, fee / np.where(margin > 0, margin, 1.0), np.where(fee > 0, np.inf, 0.0)
        )
    dropout = ratio > rule.dropout_threshold
    dependency = np.zeros(len(years), dtype=bool)
    warnings: list[AffordabilityWarning] = []
    if dropout.any():
        flagged = tuple(int(y) for y in years[dropout])
        warnings.append(
            AffordabilityWarning(
                "dropout",
                flagged,
                TEXT["dropout"].format(
                    years=_years_text(flagged), threshold=rule.dropout_threshold
                ),
            )
        )
    for start, stop in _runs(ratio < rule.dependency_floor):
        if stop - start >= rule.dependency_years:
            dependency[start:stop] = True
            flagged = tuple(int(y) for y in years[start:stop])
            warnings.append(
                AffordabilityWarning(
                    "dependency",
                    flagged,
                    TEXT["dependency"].format(
                        years=_years_text(flagged),
                        floor=rule.dependency_floor,
                        run=stop - start,
                        limit=rule.dependency_years,
                    ),
                )
            )
    table = pd.DataFrame(
        {
            "year": years,
            "fee": fee,
            "margin": margin,
            "fee_to_margin": ratio,
            "dropout": dropout,
            "dependency": dependency,
        }
    )
    return Affordability(table, tuple(warnings), rule)


def verdicts(
    rules: Mapping[str, RampRule],
    margins: BenefitPath | Sequence[float] | np.ndarray | None = None,
    rule: AffordabilityRule | None = None,
    *,
    annual_cost: float | str | None = None,
    years: int | str | None = None,
) -> pd.DataFrame:
    """The affordability warnings of several ramps side by side: one row per ramp.

    ``rules`` names each ramp (a :class:`~jlp.fees.ramps.RampRule`, e.g. the presets of
    :func:`~jlp.fees.ramps.ramp_presets`); ``margins`` and ``rule`` are those of
    :func:`affordability`; ``annual_cost`` and ``years`` those of
    :func:`~jlp.fees.ramps.schedule`. Columns: ``ramp``, ``warnings`` (the messages, or
    "no warning").

    >>> from jlp.fees.ramps import ramp_presets
    >>> table = verdicts(ramp_presets(), annual_cost=4000, years=10)
    >>> table.loc[table["ramp"] == "emasim", "warnings"].item()
    'no warning'
    """
    rows = []
    for name, ramp in rules.items():
        result = affordability(schedule(ramp, annual_cost, years), margins, rule)
        messages = "; ".join(w.message for w in result.warnings)
        rows.append({"ramp": name, "warnings": messages or TEXT["no_warning"]})
    return pd.DataFrame(rows, columns=["ramp", "warnings"])


__all__ = [
    "TEXT",
    "Affordability",
    "AffordabilityRule",
    "AffordabilityWarning",
    "BenefitPath",
    "affordability",
    "benefit_preset",
    "default_thresholds",
    "verdicts",
]
