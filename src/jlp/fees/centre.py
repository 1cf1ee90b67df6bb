"""A service centre's fee structure: several services, each priced on its own ramp.

A broker institution (:mod:`jlp.fees.institution`) charges networks for one service, the
broker's. A specialised service centre, such as the Apparel Technical Centres that JAMPRO
co-ordinates in Jamaica, sells several: work done for one firm (pattern making and
grading), support to a group of firms (joint purchase, joint marketing), and information
open to every firm (fashion trends). The paper leaves the centres with the task of
studying "a coherent fee structure" that recovers at least part of the cost of their
services (Ceglie & Dini, 1999, Jamaica section), and gives no figures: every number a
user puts here is theirs, and the course's are illustrative.

Each :class:`ServiceLine` has a yearly cost and a :class:`~jlp.fees.RampRule`: the
price the centre charges as a share of that cost, from the year the fee structure starts
(here the ramp is the centre's price policy over the years, not one client's contract).
A :class:`CentrePlan` groups the lines with a yearly membership (or subscription) income
and the public sources that pay the rest. :func:`recovery_by_line` tells what each line
recovers; :func:`centre_finances` gives the centre's revenue by source in the columns of
:func:`jlp.fees.finances`, so :func:`jlp.fees.break_even_year` and
:func:`jlp.viz.fee_charts.revenue_mix_chart` work on it unchanged.

>>> from jlp.fees import RampRule
>>> plan = CentrePlan(
...     years=4,
...     lines=[
...         ServiceLine(
...             name="one firm", annual_cost=1000, ramp=RampRule(first_share=0.5, step=0.5)
...         ),
...         ServiceLine(name="everyone", annual_cost=1000, ramp=RampRule(first_share=0.1, cap=0.1)),
...     ],
... )
>>> centre_finances(plan)["service_fees"].tolist()
[600.0, 1100.0, 1100.0, 1100.0]
>>> recovery_by_line(plan)["recovery"].round(3).tolist()
[0.875, 0.1]
"""

from __future__ import annotations

import re
from typing import Annotated, Self

import numpy as np
import pandas as pd
from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from jlp.errors import JlpInputError
from jlp.fees.ramps import RampRule, full_cost_year, schedule
from jlp.fees.values import Amount, Checked, Horizon, PositiveAmount, Share
from jlp.i18n import Messages

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "name_empty": "a service line needs a name",
        "name_fix": "name the service, e.g. 'Pattern grading for one firm'",
        "no_lines": "the plan has no service line",
        "no_lines_fix": "give at least one ServiceLine",
        "duplicate": "two service lines are named {name!r}",
        "duplicate_fix": "give each service line its own name",
        "split_empty": "names no public source",
        "split_fix": "give at least one source with a weight above 0, e.g. {'government': 1}",
        "split_name": "{name!r} is not a lowercase name",
        "split_name_fix": "name each public source with lowercase letters, digits and _ "
        "(not 'funds' or 'share')",
    }
)

#: The columns of :func:`recovery_by_line`, in order.
RECOVERY_COLUMNS = (
    "cost",
    "cost_share",
    "fees",
    "subsidy",
    "recovery",
    "last_share",
    "full_cost_year",
)

_SLUG = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
_RESERVED = {"funds", "share"}  # public_funds and public_share are totals


def _name(value: object) -> str:
    text = str(value if value is not None else "").strip()
    if not text:
        raise JlpInputError(TEXT["name_empty"], column="name", fix=TEXT["name_fix"])
    return text


def _lines(lines: tuple[ServiceLine, ...]) -> tuple[ServiceLine, ...]:
    if not lines:
        raise JlpInputError(TEXT["no_lines"], column="lines", fix=TEXT["no_lines_fix"])
    names = [line.name for line in lines]
    repeated = [n for n in dict.fromkeys(names) if names.count(n) > 1]
    if repeated:
        raise JlpInputError(
            TEXT["duplicate"].format(name=repeated[0]), column="lines", fix=TEXT["duplicate_fix"]
        )
    return lines


#: A service line's name: any text that is not blank (kept without surrounding spaces).
Name = Annotated[str, BeforeValidator(_name)]


class ServiceLine(Checked):
    """One service of a centre: its name, its yearly cost (US$) and its price ramp.

    >>> line = ServiceLine(
    ...     name="Pattern grading", annual_cost="30000", ramp=RampRule(first_share="50%", step=0.25)
    ... )
    >>> line.annual_cost, line.ramp.shares(3).tolist()
    (30000.0, [0.5, 0.75, 1.0])
    >>> ServiceLine(name=" ", annual_cost=0, ramp=RampRule(first_share=0))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'name': a service line needs a name (fix: ...)
    column 'annual_cost': 0 must be above 0 (fix: ...)
    """

    name: Name
    annual_cost: PositiveAmount
    ramp: RampRule


class CentrePlan(Checked):
    """A centre's service lines, membership income and public sources (US$ a year).

    ``membership_fee`` is a fixed yearly income from members or subscribers;
    ``public_split`` shares out among public sources what fees and membership leave
    uncovered, in the given proportions.

    >>> CentrePlan(lines=[], years=3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'lines': the plan has no service line (fix: ...)
    """

    lines: Annotated[tuple[ServiceLine, ...], AfterValidator(_lines)]
    years: Horizon = 10
    membership_fee: Amount = 0.0
    public_split: dict[str, Share] = Field(default_factory=lambda: {"government": 1.0})

    @model_validator(mode="after")
    def _public_sources(self) -> Self:
        for name in self.public_split:
            if not _SLUG.match(name) or name in _RESERVED:
                raise JlpInputError(
                    TEXT["split_name"].format(name=name),
                    column="public_split",
                    fix=TEXT["split_name_fix"],
                )
        if sum(self.public_split.values()) <= 0:
            raise JlpInputError(TEXT["split_empty"], column="public_split", fix=TEXT["split_fix"])
        return self

    def ramps(self) -> dict[str, RampRule]:
        """Each line's ramp by name (for :func:`jlp.viz.fee_charts.preset_shares_chart`).

        >>> plan = CentrePlan(
        ...     lines=[ServiceLine(name="a", annual_cost=1, ramp=RampRule(first_share=1))]
        ... )
        >>> list(plan.ramps())
        ['a']
        """
        return {line.name: line.ramp for line in self.lines}


def line_schedules(plan: CentrePlan) -> pd.DataFrame:
    """Every line's yearly schedule (:func:`jlp.fees.schedule`), one below the other.

    Columns: ``line`` and the schedule's ``year, cost, fee_share, fee, subsidy,
    cumulative_recovery``.
    """
    tables = [
        schedule(line.ramp, line.annual_cost, plan.years).assign(line=line.name)
        for line in plan.lines
    ]
    table = pd.concat(tables, ignore_index=True)
    return table[["line", *[c for c in table.columns if c != "line"]]]


def recovery_by_line(plan: CentrePlan) -> pd.DataFrame:
    """What each line costs and recovers over the plan's years, indexed by line.

    Columns (:data:`RECOVERY_COLUMNS`): ``cost`` (over all years), ``cost_share`` (of the
    centre's service costs), ``fees``, ``subsidy``, ``recovery`` (fees over cost),
    ``last_share`` (the last year's price as a share of cost) and ``full_cost_year``
    (``<NA>`` if the line never charges the full cost).
    """
    schedules = line_schedules(plan)
    sums = schedules.groupby("line", sort=False)[["cost", "fee", "subsidy"]].sum()
    last = schedules.groupby("line", sort=False)["fee_share"].last()
    table = pd.DataFrame(
        {
            "cost": sums["cost"],
            "cost_share": sums["cost"] / sums["cost"].sum(),
            "fees": sums["fee"],
            "subsidy": sums["subsidy"],
            "recovery": sums["fee"] / sums["cost"],
            "last_share": last,
            "full_cost_year": pd.array(
                [full_cost_year(line.ramp) for line in plan.lines], dtype="Int64"
            ),
        }
    )
    table.index.name = "line"
    return table


def centre_finances(plan: CentrePlan) -> pd.DataFrame:
    """The centre's yearly costs and revenue by source.

    Columns: ``year``, ``cost``, ``service_fees`` (all lines), ``membership_fees``, one
    ``public_<source>`` column per public source, ``public_funds`` (their sum),
    ``surplus``, ``public_share`` and ``own_share``: the revenue columns of
    :func:`jlp.fees.finances`. Revenue always equals costs plus surplus.

    >>> plan = CentrePlan(
    ...     years=2,
    ...     membership_fee=500,
    ...     public_split={"state": 1, "donor": 1},
    ...     lines=[ServiceLine(name="a", annual_cost=1000, ramp=RampRule(first_share=0.1))],
    ... )
    >>> centre_finances(plan)[["public_state", "public_donor"]].iloc[0].tolist()
    [200.0, 200.0]
    """
    schedules = line_schedules(plan)
    yearly = schedules.groupby("year")[["cost", "fee"]].sum()
    cost = yearly["cost"].to_numpy()
    service = yearly["fee"].to_numpy()
    membership = np.full(plan.years, plan.membership_fee)
    own = service + membership
    gap = np.maximum(cost - own, 0.0)
    weights = {k: v for k, v in plan.public_split.items() if v > 0}
    total_weight = sum(weights.values())
    table = pd.DataFrame(
        {
            "year": np.arange(1, plan.years + 1),
            "cost": cost,
            "service_fees": service,
            "membership_fees": membership,
        }
    )
    for name, weight in weights.items():
        table[f"public_{name}"] = gap * (weight / total_weight)
    table["public_funds"] = gap
    table["surplus"] = np.maximum(own - cost, 0.0)
    table["public_share"] = gap / cost
    table["own_share"] = 1.0 - table["public_share"]
    return table


__all__ = [
    "RECOVERY_COLUMNS",
    "TEXT",
    "CentrePlan",
    "ServiceLine",
    "centre_finances",
    "line_schedules",
    "recovery_by_line",
]
