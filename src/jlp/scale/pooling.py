"""Pooled purchases: who buys yarn together, and what each level of pooling saves.

Box 4 of Ceglie & Dini (1999): the best cotton yarn prices come only with quantities larger
than any single hammock network of Masaya buys, so the brokers set up a purchase centre for
the whole hammock sector. This module computes, for a table of producers and their monthly
yarn needs and a price curve (:mod:`jlp.scale.prices`):

* :func:`pool_purchase` — one pool: the producers you name buy together, everyone pays the
  price of the pooled quantity; against what each would pay alone, and the co-ordination
  cost of the group (:class:`~jlp.scale.coordination.CoordinationCost`);
* :func:`groups`, :func:`purchases`, :func:`savings_by_level` — the same at each **level**
  of :data:`LEVELS`: ``own`` (everyone buys alone), ``network`` (each network buys
  together; producers in no network buy alone), ``sector`` (each sector buys together) and
  ``cluster`` (the whole cluster buys together).

The rule at every level: a group buys together if its members need any yarn, and every
member of a buying group takes part in co-ordinating it — so widening a purchase to
producers who need no yarn (the wood workshops of the cluster) adds co-ordination cost and
saves nothing. The bundled producers and prices are illustrative (the paper gives no
quantities or prices); the numbers are in US$ and kg a month.

>>> prod = producers()
>>> eco = pool_purchase(prod, pool_choices(prod)["ecohamaca"])
>>> eco.size, eco.quantity_kg, eco.unit_price
(11, 6174.0, 3.15)
>>> table = savings_by_level(prod)
>>> table["level"].tolist()
['own', 'network', 'sector', 'cluster']
>>> [round(x) for x in table["saving"]]
[0, 3786, 11311, 11311]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jlp.errors import JlpInputError, Problem
from jlp.i18n import Messages
from jlp.scale import _checks
from jlp.scale.coordination import CoordinationCost
from jlp.scale.prices import PriceCurve, yarn_prices

#: The bundled producers: table ``masaya_producers`` of :mod:`jlp.datasets`.
DATASET = "masaya_producers"
#: The levels of pooling, from the narrowest to the widest.
LEVELS = ("own", "network", "sector", "cluster")

#: The cluster of a producer whose row names none (a value in the data, never translated).
DEFAULT_CLUSTER = "cluster"

#: User-facing strings, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "levels": {
            "own": "Each producer alone",
            "network": "Each network",
            "sector": "The sector",
            "cluster": "The cluster",
        },
        "sectors": {"hammocks": "Hammock sector", "wood_furniture": "Wood and furniture sector"},
        "clusters": {"masaya": "Masaya cluster"},
        "sector_generic": "Sector {name}",
        "cluster_generic": "Cluster {name}",
        "producer_what": "producer ids",
        "level_what": "levels",
        "columns": {
            "id": "a short unique name for each producer, such as eco_01",
            "sector": "the producer's sector, such as hammocks",
            "yarn_kg_month": "the yarn the producer needs a month, in kg",
        },
        "id_empty": "the producer has no id",
        "id_fix": "write a short unique name, such as eco_01",
        "id_twice": "the id {id!r} is used twice (first in row {row})",
        "id_twice_fix": "give each producer its own id",
        "sector_empty": "the producer has no sector",
        "sector_fix": "write the producer's sector, such as hammocks",
        "yarn_fix": "write the yarn need in kg a month, a number of at least 0 (0 if none)",
        "empty_pool": "the pool has no members",
        "empty_fix": "choose at least one producer, e.g. pool_choices(producers)['ecohamaca']",
        "listed_twice": "{id!r} is listed twice in the pool",
        "twice_fix": "list each producer once",
        "not_list": "members must be a list of producer ids, not one text",
        "not_list_fix": "write a list, such as ['eco_01', 'eco_02']",
        "not_curve": "a {type} is not a price curve",
        "curve_fix": "give yarn_prices(), a TierTable or a SmoothPrice (or leave curve out)",
        "not_coordination": "a {type} is not a co-ordination cost",
        "coordination_fix": "give CoordinationCost(fixed=..., per_member=..., per_pair=...) (or "
        "leave it out)",
    }
)

_REQUIRED = ("id", "sector", "yarn_kg_month")


def producers(source: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The producers and their monthly yarn needs, checked (see :func:`check_producers`).

    ``source`` is None (the bundled, illustrative table ``masaya_producers``), a DataFrame,
    or the path of a CSV/XLSX file with at least ``id``, ``sector`` and ``yarn_kg_month``.

    >>> prod = producers()
    >>> len(prod), float(prod["yarn_kg_month"].sum())
    (42, 13482.0)
    """
    if source is None:
        from jlp import datasets

        return check_producers(datasets.load(DATASET), file=f"datasets/{DATASET}.csv")
    frame, file, rows = _checks.table(source, "source")
    return check_producers(frame.assign(row=rows), file=file)


def check_producers(frame: pd.DataFrame, *, file: str | None = None) -> pd.DataFrame:
    """A clean copy of a producers table, or every problem at once as a JlpInputError.

    Needs ``id`` (unique), ``sector`` and ``yarn_kg_month`` (kg a month, at least 0).
    Optional: ``label`` (default: the id), ``network`` (empty: in no network),
    ``network_label`` (default: the network), ``cluster`` (default: one cluster); other
    columns are kept. Rows count as in a spreadsheet (header = row 1) unless the frame has
    a ``row`` column.

    >>> check_producers(pd.DataFrame({"id": ["a"], "sector": ["s"], "yarn_kg_month": [-2]}))
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: row 2, column 'yarn_kg_month': -2 is below 0 (fix: write the \
yarn need in kg a month, a number of at least 0 (0 if none))
    """
    frame, _, rows = _checks.table(frame, "producers")
    _checks.require(frame, {c: TEXT["columns"][c] for c in _REQUIRED}, file)
    problems: list[Problem] = []
    ids = _checks.text_column(frame, "id")
    first: dict[str, int] = {}
    for row, pid in zip(rows, ids, strict=True):
        if not pid:
            problems.append(Problem(TEXT["id_empty"], file, row, "id", TEXT["id_fix"]))
        elif pid in first:
            problems.append(
                Problem(
                    TEXT["id_twice"].format(id=pid, row=first[pid]),
                    file,
                    row,
                    "id",
                    TEXT["id_twice_fix"],
                )
            )
        else:
            first[pid] = row
    sectors = _checks.text_column(frame, "sector")
    problems += [
        Problem(TEXT["sector_empty"], file, row, "sector", TEXT["sector_fix"])
        for row, s in zip(rows, sectors, strict=True)
        if not s
    ]
    yarn = _checks.numeric_column(
        frame, "yarn_kg_month", rows, file, problems, fix=TEXT["yarn_fix"]
    )
    if problems:
        raise JlpInputError(problems=problems)
    networks = _checks.text_column(frame, "network")
    labels = _checks.text_column(frame, "label", ids)
    network_labels = _checks.text_column(frame, "network_label", networks)
    clusters = _checks.text_column(frame, "cluster", [DEFAULT_CLUSTER] * len(frame))
    clean = frame.copy()
    clean["id"] = ids
    clean["label"] = [lab or pid for lab, pid in zip(labels, ids, strict=True)]
    clean["network"] = networks
    clean["network_label"] = [lab or net for lab, net in zip(network_labels, networks, strict=True)]
    clean["sector"] = sectors
    clean["cluster"] = [c or DEFAULT_CLUSTER for c in clusters]
    clean["yarn_kg_month"] = np.asarray(yarn, dtype=float)
    front = ["id", "label", "network", "network_label", "sector", "cluster", "yarn_kg_month"]
    return clean[front + [c for c in clean.columns if c not in front]]


# --------------------------------------------------------------------------- one pool


@dataclass(frozen=True)
class PoolResult:
    """One pooled purchase: the members, what they buy together, and what it saves.

    Amounts are US$ a month. ``detail`` has one row per member: id, label, network,
    quantity_kg, own_unit_price, own_cost (buying alone), pooled_unit_price, pooled_cost
    and saving.
    """

    members: tuple[str, ...]
    quantity_kg: float
    unit_price: float
    cost: float
    cost_alone: float
    coordination_cost: float
    detail: pd.DataFrame = field(compare=False, repr=False)

    @property
    def size(self) -> int:
        """Number of producers in the pool."""
        return len(self.members)

    @property
    def saving(self) -> float:
        """What the members save on yarn by buying together (US$ a month)."""
        return self.cost_alone - self.cost

    @property
    def saving_share(self) -> float:
        """The saving as a share of what they would pay alone (0 if they buy nothing)."""
        return self.saving / self.cost_alone if self.cost_alone > 0 else 0.0

    @property
    def net_saving(self) -> float:
        """The saving less the co-ordination cost of the group."""
        return self.saving - self.coordination_cost

    @property
    def own_unit_price(self) -> float:
        """The members' average price per kg when each buys alone (NaN if they buy nothing)."""
        return self.cost_alone / self.quantity_kg if self.quantity_kg > 0 else float("nan")

    def as_dict(self) -> dict[str, Any]:
        """The headline numbers, for a table or a message.

        >>> pool_purchase(None, ["ind_01"]).as_dict()["saving"]
        0.0
        """
        return {
            "size": self.size,
            "quantity_kg": self.quantity_kg,
            "unit_price": self.unit_price,
            "own_unit_price": self.own_unit_price,
            "cost": self.cost,
            "cost_alone": self.cost_alone,
            "saving": self.saving,
            "saving_share": self.saving_share,
            "coordination_cost": self.coordination_cost,
            "net_saving": self.net_saving,
        }


def _members(members: Any, view: _View) -> list[str]:
    if isinstance(members, str):
        raise JlpInputError(TEXT["not_list"], column="members", fix=TEXT["not_list_fix"])
    chosen = [str(m) for m in members]
    if not chosen:
        raise JlpInputError(TEXT["empty_pool"], column="members", fix=TEXT["empty_fix"])
    seen: set[str] = set()
    for member in chosen:
        if member not in view.index:
            raise _checks.suggest(member, view.ids, TEXT["producer_what"], "members")
        if member in seen:
            raise JlpInputError(
                TEXT["listed_twice"].format(id=member), column="members", fix=TEXT["twice_fix"]
            )
        seen.add(member)
    return chosen


_FRONT = ["id", "label", "network", "network_label", "sector", "cluster", "yarn_kg_month"]


@dataclass(frozen=True)
class _View:
    """A checked producers table as plain lists, for quick lookups (no pandas per call)."""

    table: pd.DataFrame
    ids: list[str]
    labels: list[str]
    networks: list[str]
    sectors: list[str]
    clusters: list[str]
    yarn: np.ndarray
    index: dict[str, int]
    network_labels: dict[str, str]

    @classmethod
    def of(cls, table: pd.DataFrame) -> _View:
        ids = table["id"].tolist()
        networks = table["network"].tolist()
        names: dict[str, str] = {}
        for net, lab in zip(networks, table["network_label"].tolist(), strict=True):
            if net and isinstance(net, str):
                names.setdefault(net, lab if isinstance(lab, str) and lab else net)
        return cls(
            table=table,
            ids=ids,
            labels=table["label"].tolist(),
            networks=networks,
            sectors=table["sector"].tolist(),
            clusters=table["cluster"].tolist(),
            yarn=table["yarn_kg_month"].to_numpy(dtype=float),
            index={pid: i for i, pid in enumerate(ids)},
            network_labels=names,
        )

    def sound(self) -> bool:
        """The quick re-check of a table already cleaned: every text a string, ids unique and
        filled, sectors filled, needs finite and at least 0."""
        texts = (self.ids, self.labels, self.networks, self.sectors, self.clusters)
        return (
            all(isinstance(v, str) for column in texts for v in column)
            and len(self.index) == len(self.ids)
            and all(self.ids)
            and all(self.sectors)
            and all(self.clusters)
            and bool(np.all(np.isfinite(self.yarn)))
            and bool(np.all(self.yarn >= 0))
        )


def _view(table: pd.DataFrame | None) -> _View:
    """The checked view of a producers table (None: the bundled one).

    A table that already has :func:`check_producers`'s shape gets a quick re-check; any
    other table (or a clean one that has since been broken) gets the full check, which
    reports every problem with its row.
    """
    if table is None:
        return _View.of(producers())
    if (
        isinstance(table, pd.DataFrame)
        and list(table.columns[:7]) == _FRONT
        and table["yarn_kg_month"].dtype == float
    ):
        view = _View.of(table)
        if view.sound():
            return view
    return _View.of(check_producers(table))


def _defaults(
    table: pd.DataFrame | None, curve: PriceCurve | None, coordination: CoordinationCost | None
) -> tuple[_View, PriceCurve, CoordinationCost]:
    if curve is not None and not isinstance(curve, PriceCurve):
        raise JlpInputError(
            TEXT["not_curve"].format(type=type(curve).__name__),
            column="curve",
            fix=TEXT["curve_fix"],
        )
    if coordination is not None and not isinstance(coordination, CoordinationCost):
        raise JlpInputError(
            TEXT["not_coordination"].format(type=type(coordination).__name__),
            column="coordination",
            fix=TEXT["coordination_fix"],
        )
    return (
        _view(table),
        yarn_prices() if curve is None else curve,
        CoordinationCost() if coordination is None else coordination,
    )


def _price(curve: PriceCurve, quantity: np.ndarray) -> np.ndarray:
    return np.asarray(curve.price(quantity), dtype=float)


def pool_purchase(
    producers: pd.DataFrame | None,
    members: Iterable[str],
    curve: PriceCurve | None = None,
    *,
    coordination: CoordinationCost | None = None,
) -> PoolResult:
    """The producers ``members`` buy their yarn together: price, cost, saving, co-ordination.

    ``producers`` None means the bundled table, ``curve`` None the bundled price tiers,
    ``coordination`` None the default :class:`CoordinationCost`. Raises
    :class:`~jlp.errors.JlpInputError` for an empty pool, an unknown or repeated id.

    >>> pool = pool_purchase(None, ["eco_01", "eco_02", "ind_01"])
    >>> pool.quantity_kg, pool.unit_price, round(pool.saving, 2), pool.coordination_cost
    (2214.0, 3.4, 442.8, 351.0)
    """
    view, curve, coordination = _defaults(producers, curve, coordination)
    chosen = _members(members, view)
    where = [view.index[m] for m in chosen]
    quantity = view.yarn[where]
    own_price = _price(curve, quantity)
    own_cost = quantity * own_price
    total = float(quantity.sum())
    price = float(curve.price(total))
    pooled_cost = quantity * price
    detail = pd.DataFrame(
        {
            "id": chosen,
            "label": [view.labels[i] for i in where],
            "network": [view.networks[i] for i in where],
            "quantity_kg": quantity,
            "own_unit_price": own_price,
            "own_cost": own_cost,
            "pooled_unit_price": np.full(len(chosen), price),
            "pooled_cost": pooled_cost,
            "saving": own_cost - pooled_cost,
        }
    )
    return PoolResult(
        members=tuple(chosen),
        quantity_kg=total,
        unit_price=price,
        cost=float(pooled_cost.sum()),
        cost_alone=float(own_cost.sum()),
        coordination_cost=float(coordination.cost(len(chosen))),
        detail=detail,
    )


# --------------------------------------------------------------------------- levels


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise _checks.suggest(level, list(LEVELS), TEXT["level_what"], "level")
    return level


def _groups(view: _View, level: str) -> dict[str, list[str]]:
    if level == "own":
        keys = view.ids
    elif level == "network":
        keys = [net or pid for net, pid in zip(view.networks, view.ids, strict=True)]
    else:
        keys = view.sectors if level == "sector" else view.clusters
    found: dict[str, list[str]] = {}
    need: dict[str, float] = {}
    for key, pid, kg in zip(keys, view.ids, view.yarn.tolist(), strict=True):
        found.setdefault(key, []).append(pid)
        need[key] = need.get(key, 0.0) + kg
    return {key: members for key, members in found.items() if need[key] > 0}


def groups(producers: pd.DataFrame | None, level: str) -> dict[str, list[str]]:
    """Who buys together at ``level`` (one of :data:`LEVELS`): group name → producer ids.

    Groups whose members need no yarn are left out (they buy nothing). At ``own`` and, for
    producers in no network, at ``network``, a producer is its own group, named by its id.

    >>> g = groups(None, "network")
    >>> len(g["ecohamaca"]), g["ind_01"]
    (11, ['ind_01'])
    """
    _check_level(level)
    return _groups(_view(producers), level)


def _label(view: _View, level: str, group: str) -> str:
    if level == "sector":
        return TEXT["sectors"].get(group, TEXT["sector_generic"].format(name=group))
    if level == "cluster":
        return TEXT["clusters"].get(group, TEXT["cluster_generic"].format(name=group))
    if level == "network" and group in view.network_labels:
        return view.network_labels[group]
    return view.labels[view.index[group]] if group in view.index else group


def group_label(producers: pd.DataFrame | None, level: str, group: str) -> str:
    """A readable name for a group of :func:`groups` (a network, sector, cluster or producer).

    >>> prod = producers()
    >>> group_label(prod, "network", "ecohamaca"), group_label(prod, "sector", "hammocks")
    ('EcoHamaca', 'Hammock sector')
    """
    _check_level(level)
    return _label(_view(producers), level, group)


_PURCHASE_COLUMNS = [
    "level",
    "group",
    "label",
    "members",
    "quantity_kg",
    "unit_price",
    "cost",
    "cost_alone",
    "saving",
    "coordination_cost",
    "net_saving",
]


def _purchase_records(
    view: _View, curve: PriceCurve, coordination: CoordinationCost, levels: Iterable[str]
) -> list[dict[str, Any]]:
    alone = view.yarn * _price(curve, view.yarn)  # what each producer pays buying alone
    records = []
    for level in levels:
        found = _groups(view, level)
        where = [[view.index[m] for m in members] for members in found.values()]
        totals = np.array([view.yarn[w].sum() for w in where], dtype=float)
        prices = _price(curve, totals)  # one call per level, not per group
        sizes = np.array([len(w) for w in where], dtype=float)
        coordinating = np.asarray(coordination.cost(sizes), dtype=float)
        for i, group in enumerate(found):
            total, price = float(totals[i]), float(prices[i])
            cost_alone = float(alone[where[i]].sum())
            cost = total * price
            saving = cost_alone - cost
            records.append(
                {
                    "level": level,
                    "group": group,
                    "label": _label(view, level, group),
                    "members": int(sizes[i]),
                    "quantity_kg": total,
                    "unit_price": price,
                    "cost": cost,
                    "cost_alone": cost_alone,
                    "saving": saving,
                    "coordination_cost": float(coordinating[i]),
                    "net_saving": saving - float(coordinating[i]),
                }
            )
    return records


def purchases(
    producers: pd.DataFrame | None = None,
    curve: PriceCurve | None = None,
    *,
    levels: Iterable[str] = LEVELS,
    coordination: CoordinationCost | None = None,
) -> pd.DataFrame:
    """Every purchase at every level: one row per buying group.

    Columns: level, group, label, members, quantity_kg, unit_price, cost, cost_alone,
    saving, coordination_cost, net_saving (US$ and kg a month).

    >>> buys = purchases(levels=["network"])
    >>> eco = buys.set_index("group").loc["ecohamaca"]
    >>> int(eco["members"]), float(eco["quantity_kg"]), float(eco["unit_price"])
    (11, 6174.0, 3.15)
    """
    levels = [_check_level(level) for level in levels]
    view, curve, coordination = _defaults(producers, curve, coordination)
    records = _purchase_records(view, curve, coordination, levels)
    return pd.DataFrame.from_records(records, columns=_PURCHASE_COLUMNS)


def savings_by_level(
    producers: pd.DataFrame | None = None,
    curve: PriceCurve | None = None,
    *,
    levels: Iterable[str] = LEVELS,
    coordination: CoordinationCost | None = None,
) -> pd.DataFrame:
    """What pooling saves at each level, against every producer buying alone.

    One row per level: level, label, purchases (buying groups), pooled_members (producers
    in a group of two or more), largest_kg (the largest purchase), quantity_kg, cost_alone,
    cost, saving, saving_share, mean_unit_price (cost / quantity), best_unit_price (the
    lowest price any group pays), coordination_cost, net_saving. US$ and kg a month.
    When each network lies within one sector (as in the bundled table), a wider level never
    saves less on yarn than a narrower one; its net saving can be lower, as it has more
    members to co-ordinate.

    >>> table = savings_by_level()
    >>> sector = table.set_index("level").loc["sector"]
    >>> int(sector["purchases"]), float(sector["best_unit_price"])
    (1, 2.8)
    """
    levels = [_check_level(level) for level in levels]
    view, curve, coordination = _defaults(producers, curve, coordination)
    records = _purchase_records(view, curve, coordination, levels)
    out = []
    for level in levels:
        rows = [r for r in records if r["level"] == level]
        quantity = sum(r["quantity_kg"] for r in rows)
        cost = sum(r["cost"] for r in rows)
        alone = sum(r["cost_alone"] for r in rows)
        saving = alone - cost
        coordinating = sum(r["coordination_cost"] for r in rows)
        out.append(
            {
                "level": level,
                "label": TEXT["levels"][level],
                "purchases": len(rows),
                "pooled_members": sum(r["members"] for r in rows if r["members"] >= 2),
                "largest_kg": max((r["quantity_kg"] for r in rows), default=0.0),
                "quantity_kg": float(quantity),
                "cost_alone": float(alone),
                "cost": float(cost),
                "saving": saving,
                "saving_share": saving / alone if alone > 0 else 0.0,
                "mean_unit_price": cost / quantity if quantity > 0 else float("nan"),
                "best_unit_price": min((r["unit_price"] for r in rows), default=float("nan")),
                "coordination_cost": float(coordinating),
                "net_saving": saving - coordinating,
            }
        )
    return pd.DataFrame.from_records(out)


def pool_choices(producers: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """Named pools to start from: each network, each sector and each cluster.

    Keys: the network slug (``ecohamaca``), ``sector:<slug>`` and ``cluster:<slug>``;
    values: the member ids, in table order. Groups that need no yarn are left out.

    >>> list(pool_choices())
    ['ecohamaca', 'network_b', 'network_c', 'sector:hammocks', 'cluster:masaya']
    """
    view = _view(producers)
    choices = {
        key: members
        for key, members in _groups(view, "network").items()
        if key in view.network_labels
    }
    for level in ("sector", "cluster"):
        choices.update({f"{level}:{key}": members for key, members in _groups(view, level).items()})
    return choices


def choice_label(producers: pd.DataFrame | None, key: str) -> str:
    """A readable name for a key of :func:`pool_choices`.

    >>> choice_label(producers(), "sector:hammocks")
    'Hammock sector'
    """
    level, _, group = key.rpartition(":")
    return group_label(producers, level or "network", group)


__all__ = [
    "DATASET",
    "LEVELS",
    "PoolResult",
    "check_producers",
    "choice_label",
    "group_label",
    "groups",
    "pool_choices",
    "pool_purchase",
    "producers",
    "purchases",
    "savings_by_level",
]
