"""A broker institution's finances: its work, who pays for it, and whom it reaches.

An institution such as CERTEC in Honduras sells two kinds of service (Ceglie & Dini, 1999,
Honduras section): **networking services to enterprises** and **services to institutions**
such as the training of network brokers. In the model, the networks it serves itself join
in yearly cohorts; each costs ``cost_per_network`` a year for ``support_years`` years and
pays fees along a ramp (:class:`jlp.fees.RampRule`). Each year it also trains brokers for
other institutions, at ``training_cost`` a broker, and those institutions pay
``training_price`` a broker. The institution has an ``overhead`` too (management, method,
tools). Its revenue comes from the "tripartite" mix planned for CERTEC:

* **service fees**, in two streams: ``service_fees`` paid by the networks it serves, along
  their ramps, and ``training_fees`` paid by institutions for the brokers it trains;
* **membership fees**: a fixed yearly amount, plus a share of the year's costs (the
  Mexican associations paid one third of the operating costs: Mexico section);
* **public or donor funds**, which cover what is left, split among the public sources in
  the given proportions (CERTEC: an international donor; Mexico: the state government and
  the PII, one third of the costs each).

The networks that the trained brokers organise are the institution's **reach**, not its
clients: they pay the brokers' own institutions, not it. ``reach_networks`` counts them
(so many networks per broker trained so far) and ``reach_enterprises`` their firms.

The institution **breaks even** in the first year its own revenue (service, training and
membership fees) covers its costs, so that it needs no public money.

>>> plan = institution_preset("certec")
>>> plan.first_brokers, plan.new_networks, plan.ramp.first_share
((36, 35), 7, 0.2)
>>> table = finances(plan)
>>> int(table.loc[1, "reach_networks"]), int(table.loc[1, "reach_enterprises"])
(59, 1200)
>>> int(table.loc[0, "active_networks"]), round(float(table.loc[0, "public_share"]), 3)
(7, 0.65)
>>> break_even_year(table) is None
True
"""

from __future__ import annotations

import re
from typing import Self

import numpy as np
import pandas as pd
from pydantic import Field, model_validator

from jlp.errors import JlpInputError
from jlp.fees import presets
from jlp.fees.ramps import RampRule, ramp_preset
from jlp.fees.values import Amount, Checked, Count, Horizon, PositiveAmount, Share
from jlp.i18n import Messages

#: The ramp each institution preset applies to its networks: CERTEC grew out of the
#: Honduras project, whose fees EMASIM's contracts show; the paper reports no service fees
#: for the Mexican centres.
INSTITUTION_RAMPS = {"certec": "emasim", "mexico": "none"}

#: Revenue columns other than the public sources, in the order they are stacked.
OWN_SOURCES = ("service_fees", "training_fees", "membership_fees")

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "split_empty": "names no public source",
        "split_fix": "give at least one source with a weight above 0, e.g. {'donor': 1}",
        "split_name": "{name!r} is not a lowercase name",
        "split_name_fix": "name each public source with lowercase letters, digits and _ "
        "(not 'funds' or 'share')",
    }
)

_SLUG = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
_RESERVED = {"funds", "share"}  # public_funds and public_share are totals


class InstitutionPlan(Checked):
    """The portfolio and funding rules of a broker institution (all amounts in US$ a year).

    >>> plan = InstitutionPlan(
    ...     years=3,
    ...     first_cohorts=[2],
    ...     new_networks=1,
    ...     support_years=2,
    ...     cost_per_network=1000,
    ...     ramp=RampRule(first_share=0.5),
    ... )
    >>> finances(plan)["active_networks"].tolist()
    [2, 3, 2]
    """

    years: Horizon = 10
    first_cohorts: tuple[Count, ...] = ()
    new_networks: Count = 0
    support_years: Horizon = 8
    cost_per_network: PositiveAmount
    overhead: Amount = 0.0
    membership_fee: Amount = 0.0
    membership_share: Share = 0.0
    public_split: dict[str, Share] = Field(default_factory=lambda: {"donor": 1.0})
    enterprises_per_network: Amount = 0.0
    first_brokers: tuple[Count, ...] = ()
    new_brokers: Count = 0
    training_cost: Amount = 0.0
    training_price: Amount = 0.0
    networks_per_broker: Amount = 0.0
    reach_enterprises_per_network: Amount = 0.0
    ramp: RampRule

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

    def cohorts(self) -> np.ndarray:
        """Networks joining in each year 1 to ``years``."""
        return _yearly(self.years, self.first_cohorts, self.new_networks)

    def brokers(self) -> np.ndarray:
        """Brokers trained in each year 1 to ``years``."""
        return _yearly(self.years, self.first_brokers, self.new_brokers)


def _yearly(years: int, first: tuple[int, ...], later: int) -> np.ndarray:
    counts = np.full(years, later, dtype=int)
    given = np.asarray(first[:years], dtype=int)
    counts[: len(given)] = given
    return counts


def finances(plan: InstitutionPlan) -> pd.DataFrame:
    """The institution's year-by-year costs and revenue by source.

    Columns: ``year``, ``new_networks``, ``active_networks``, ``enterprises``,
    ``brokers_trained``, ``reach_networks``, ``reach_enterprises``, ``cost``,
    ``service_fees``, ``training_fees``, ``membership_fees``, one ``public_<source>`` column
    per public source,
    ``public_funds`` (their sum), ``surplus`` (own revenue above costs), ``public_share``
    (public funds over costs: the donor share) and ``own_share`` (1 minus it).
    Revenue always equals costs plus surplus.
    """
    joining = plan.cohorts()
    ages = plan.support_years
    active = np.convolve(joining, np.ones(ages, dtype=int))[: plan.years]
    shares = plan.ramp.shares(ages)
    service = plan.cost_per_network * np.convolve(joining, shares)[: plan.years]
    trained = plan.brokers()
    reach = np.round(np.cumsum(trained) * plan.networks_per_broker)
    training = trained * plan.training_price
    cost = active * plan.cost_per_network + trained * plan.training_cost + plan.overhead
    membership = plan.membership_fee + plan.membership_share * cost
    own = service + training + membership
    gap = np.maximum(cost - own, 0.0)
    weights = {k: v for k, v in plan.public_split.items() if v > 0}
    total_weight = sum(weights.values())
    table = pd.DataFrame(
        {
            "year": np.arange(1, plan.years + 1),
            "new_networks": joining,
            "active_networks": active,
            "enterprises": active * plan.enterprises_per_network,
            "brokers_trained": trained,
            "reach_networks": reach.astype(int),
            "reach_enterprises": np.round(reach * plan.reach_enterprises_per_network),
            "cost": cost,
            "service_fees": service,
            "training_fees": training,
            "membership_fees": membership,
        }
    )
    for name, weight in weights.items():
        table[f"public_{name}"] = gap * (weight / total_weight)
    table["public_funds"] = gap
    table["surplus"] = np.maximum(own - cost, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["public_share"] = np.where(cost > 0, gap / np.where(cost > 0, cost, 1.0), np.nan)
    table["own_share"] = 1.0 - table["public_share"]
    return table


def revenue_sources(table: pd.DataFrame) -> list[str]:
    """The revenue columns of a :func:`finances` table, in stacking order.

    Training fees are left out when the institution trains no brokers for a fee.

    >>> revenue_sources(finances(institution_preset("mexico")))
    ['service_fees', 'membership_fees', 'public_state_government', 'public_pii']
    >>> revenue_sources(finances(institution_preset("certec")))
    ['service_fees', 'training_fees', 'membership_fees', 'public_donor']
    """
    own = [
        c
        for c in OWN_SOURCES
        if c in table.columns and (c != "training_fees" or bool(table[c].ne(0).any()))
    ]
    public = [
        c
        for c in table.columns
        if c.startswith("public_") and c != "public_funds" and c != "public_share"
    ]
    return [*own, *public]


def break_even_year(table: pd.DataFrame) -> int | None:
    """The first year the institution's own revenue covers its costs, or ``None``.

    >>> plan = InstitutionPlan(
    ...     years=4,
    ...     first_cohorts=[1],
    ...     support_years=4,
    ...     cost_per_network=1000,
    ...     ramp=RampRule(first_share=0.5, step=0.5),
    ... )
    >>> break_even_year(finances(plan))
    2
    """
    own = table[[c for c in OWN_SOURCES if c in table.columns]].sum(axis=1)
    covered = (own >= table["cost"] - 1e-9) & (table["cost"] > 0)
    return int(table.loc[covered, "year"].iloc[0]) if covered.any() else None


def institution_presets() -> dict[str, InstitutionPlan]:
    """Every institution preset: ``certec`` and ``mexico``."""
    return {name: institution_preset(name) for name in presets.preset_names("institution")}


def institution_preset(name: str, ramp: RampRule | str | None = None) -> InstitutionPlan:
    """An institution preset, optionally with another ramp (a rule or a ramp preset name).

    ``certec``: the 71 brokers CERTEC trained in 1997–1998 (reported), spread evenly over
    its first two years and paid for by institutions, then 35 a year; the networks it
    serves itself, 7 new ones a year on the EMASIM ramp; all prices and costs illustrative.
    Its reach is the 59 networks with 1,200 enterprises that the brokers organised
    (reported), kept at that rate per broker; funded by fees, membership and a donor.
    ``mexico``: the reported one-third split of the state projects' operating costs between
    the association, the state government and the PII, applied to one centre with
    illustrative costs and no fees.
    """
    values = presets.parameters("institution", name)
    name = presets.check_preset("institution", name)
    service = presets.default_service()
    plan: dict[str, object] = {
        "years": int(service["years"]),
        "cost_per_network": service["annual_cost"],
        "public_split": {
            key.removeprefix("public_share_"): value
            for key, value in values.items()
            if key.startswith("public_share_")
        },
    }
    if "brokers" in values:
        total, spread = int(values["brokers"]), int(values["first_years"])
        base, extra = divmod(total, spread)
        plan["first_brokers"] = tuple(base + (1 if i < extra else 0) for i in range(spread))
        if "reach_networks" in values:
            plan["networks_per_broker"] = values["reach_networks"] / total
            plan["reach_enterprises_per_network"] = (
                values.get("reach_enterprises", 0.0) / values["reach_networks"]
            )
    for key in (
        "new_networks",
        "support_years",
        "overhead",
        "membership_fee",
        "membership_share",
        "enterprises_per_network",
        "new_brokers",
        "training_cost",
        "training_price",
    ):
        if key in values:
            plan[key] = values[key]
    if isinstance(ramp, RampRule):
        plan["ramp"] = ramp
    else:
        plan["ramp"] = ramp_preset(ramp or INSTITUTION_RAMPS.get(name, "emasim"))
    return InstitutionPlan(**plan)


def institution_scale(name: str) -> dict[str, float]:
    """The reported figures behind an institution preset (for captions).

    >>> institution_scale("certec")
    {'brokers': 71.0, 'first_years': 2.0, 'reach_networks': 59.0, 'reach_enterprises': 1200.0}
    """
    table = presets.provenance("institution", name)
    reported = table[table["provenance"] == "reported"]
    return {
        k: float(v)
        for k, v in reported["value"].items()
        if not k.startswith(("public_share_", "membership_share"))
    }


__all__ = [
    "INSTITUTION_RAMPS",
    "OWN_SOURCES",
    "TEXT",
    "InstitutionPlan",
    "break_even_year",
    "finances",
    "institution_preset",
    "institution_presets",
    "institution_scale",
    "revenue_sources",
]
