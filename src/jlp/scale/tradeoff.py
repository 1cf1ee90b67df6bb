"""Critical mass against co-ordination cost: how large should a joint project's group be?

A larger group brings a joint action nearer its critical mass (a bigger order, a fuller
export container, a brand more buyers recognise), but every member added must be
co-ordinated with the others. Box 4 of Ceglie & Dini (1999) draws the lesson: choose the
scale of each joint action — network, sector, cluster or nation — to get the most from
economies of scale and scope, finding "the right equilibrium" (Nicaragua section).

Two models, both with amounts in US$ a month and **illustrative** parameters:

* :class:`JointProject` — a smooth teaching model. Each member of a group of ``n`` gains
  ``value_per_member * p / (p + half_partners)`` where ``p = n - 1`` is the number of its
  partners: nothing alone, half the full value with ``half_partners`` partners (the
  critical mass), the full value only in a very large group. The group pays a
  :class:`~jlp.scale.coordination.CoordinationCost`. :func:`best_size` finds the size that
  maximises the net benefit exactly, from the roots of the derivative (a polynomial), and
  :func:`net_benefit_table` gives the whole curve.
* :func:`pool_tradeoff` — the Masaya yarn purchase itself: producers join the pool one by
  one (largest need first, or in an order you give); the benefit is the pool's saving on
  yarn (:func:`jlp.scale.pooling.pool_purchase`), the cost its co-ordination.

:func:`best_row` picks the best size of any such table by brute force, and can maximise
the group's total net benefit (``objective="total"``, what the sector gains) or each
member's share of it (``"per_member"``, what a member weighing whether to admit newcomers
sees): the second is usually reached at a smaller size.

>>> project = project_preset("purchase_centre")
>>> best = best_size(project, max_size=200)
>>> best.size, best.worthwhile
(40, True)
>>> best_size(project, max_size=200, objective="per_member").size
23
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.polynomial import Polynomial

from jlp.errors import JlpInputError, Problem
from jlp.i18n import Messages
from jlp.scale import _checks
from jlp.scale.coordination import CoordinationCost
from jlp.scale.pooling import _defaults, _members
from jlp.scale.prices import PriceCurve

#: What :func:`best_size` and :func:`best_row` can maximise.
OBJECTIVES = ("total", "per_member")

#: The columns of :func:`net_benefit_table` (and the last ones of :func:`pool_tradeoff`).
TABLE_COLUMNS = (
    "size",
    "benefit",
    "coordination_cost",
    "net_benefit",
    "benefit_per_member",
    "net_per_member",
)

#: User-facing strings, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "value_fix": "give the monthly value, in US$, a member would gain in a very large group "
        "(at least 0)",
        "half_fix": "give the number of partners a member needs to gain half the value (above 0)",
        "objective_what": "objectives",
        "preset_what": "presets",
        "range": "max_size {high} is below min_size {low}",
        "range_fix": "give a max_size at least as large as min_size",
        "no_sizes": "no group sizes to compare",
        "sizes_fix": "give at least one size, such as range(1, 61)",
        "size_fix": "give group sizes as whole numbers of at least 1",
        "order_empty": "the order has no producers",
        "order_fix": "list the producer ids in the order they join, or leave order out",
        "missing_column": "the table has no column '{column}'",
        "table_fix": "give a table from net_benefit_table() or pool_tradeoff()",
        "not_coordination": "a {type} is not a co-ordination cost",
        "coordination_fix": "give CoordinationCost(fixed=..., per_member=..., per_pair=...)",
        "labels": {
            "joint_export": "Joint export by a network (standard sizes, quality and prices)",
            "purchase_centre": "Yarn purchase centre for the hammock sector",
            "common_brand": "Common brand and export promotion for the cluster",
        },
    }
)


@dataclass(frozen=True)
class JointProject:
    """A joint project: what a member gains as the group grows, and what co-ordination costs.

    ``value_per_member`` (US$ a month) is what each member would gain in a very large group;
    ``half_partners`` the number of partners a member needs to gain half of it (the critical
    mass). ``level`` optionally names the level the project illustrates.

    >>> p = JointProject(
    ...     value_per_member=300, half_partners=4, coordination=CoordinationCost(100, 10, 2)
    ... )
    >>> p.benefit_per_member(5), p.benefit(5), p.net_benefit(5)
    (150.0, 750.0, 580.0)
    >>> JointProject(value_per_member=300, half_partners=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'half_partners': 0 must be above 0 (fix: give the number...)
    """

    value_per_member: float
    half_partners: float
    coordination: CoordinationCost = field(default_factory=CoordinationCost)
    name: str = "custom"
    level: str | None = None

    def __post_init__(self) -> None:
        value = _checks.number(self.value_per_member, "value_per_member", fix=TEXT["value_fix"])
        half = _checks.number(self.half_partners, "half_partners", above=True, fix=TEXT["half_fix"])
        if not isinstance(self.coordination, CoordinationCost):
            raise JlpInputError(
                TEXT["not_coordination"].format(type=type(self.coordination).__name__),
                column="coordination",
                fix=TEXT["coordination_fix"],
            )
        object.__setattr__(self, "value_per_member", value)
        object.__setattr__(self, "half_partners", half)

    def benefit_per_member(self, size: Any) -> float | np.ndarray:
        """What each member of a group of ``size`` gains (0 alone)."""
        n = _sizes(size)
        partners = np.maximum(n - 1, 0)
        result = self.value_per_member * partners / (partners + self.half_partners)
        return float(result) if np.ndim(size) == 0 else result

    def benefit(self, size: Any) -> float | np.ndarray:
        """What the whole group gains: size × benefit per member."""
        n = _sizes(size)
        result = n * self.benefit_per_member(n)
        return float(result) if np.ndim(size) == 0 else result

    def net_benefit(self, size: Any) -> float | np.ndarray:
        """The group's gain less its co-ordination cost."""
        n = _sizes(size)
        result = self.benefit(n) - self.coordination.cost(n)
        return float(result) if np.ndim(size) == 0 else result


def _sizes(size: Any) -> np.ndarray:
    array = np.asarray(_checks.quantities(size, "size", TEXT["size_fix"]), dtype=float)
    if np.any(array != np.floor(array)):
        bad = float(array[array != np.floor(array)].ravel()[0])
        raise JlpInputError(
            _checks.TEXT["not_whole"].format(value=bad), column="size", fix=TEXT["size_fix"]
        )
    return array


@dataclass(frozen=True)
class Optimum:
    """The best group size found, with its benefit, co-ordination cost and net benefit."""

    size: int
    benefit: float
    coordination_cost: float
    net_benefit: float
    net_per_member: float
    objective: str = "total"

    @property
    def worthwhile(self) -> bool:
        """True if the best group gains more than it costs (else: better not to group)."""
        return self.net_benefit > 0


def _objective(objective: str) -> str:
    if objective not in OBJECTIVES:
        raise _checks.suggest(objective, list(OBJECTIVES), TEXT["objective_what"], "objective")
    return objective


def _frame(sizes: np.ndarray, benefit: np.ndarray, cost: np.ndarray) -> pd.DataFrame:
    net = benefit - cost
    return pd.DataFrame(
        {
            "size": sizes.astype(int),
            "benefit": benefit,
            "coordination_cost": cost,
            "net_benefit": net,
            "benefit_per_member": benefit / sizes,
            "net_per_member": net / sizes,
        }
    )


def net_benefit_table(
    project: JointProject,
    sizes: Iterable[int] | None = None,
    *,
    max_size: int = 60,
    min_size: int = 1,
) -> pd.DataFrame:
    """The benefit, co-ordination cost and net benefit of ``project`` at each group size.

    ``sizes`` defaults to ``min_size`` … ``max_size``. Columns: :data:`TABLE_COLUMNS`.

    >>> table = net_benefit_table(project_preset("joint_export"), max_size=4)
    >>> table["size"].tolist(), table["coordination_cost"].tolist()
    ([1, 2, 3, 4], [0.0, 195.0, 255.0, 340.0])
    """
    if sizes is None:
        sizes = _grid(min_size, max_size)
    grid = _sizes(np.asarray(list(sizes), dtype=float))
    if grid.size == 0:
        raise JlpInputError(TEXT["no_sizes"], column="sizes", fix=TEXT["sizes_fix"])
    if np.any(grid < 1):
        raise JlpInputError(
            _checks.TEXT["below"].format(value=float(grid.min()), minimum=1),
            column="sizes",
            fix=TEXT["size_fix"],
        )
    benefit = np.asarray(project.benefit(grid), dtype=float)
    cost = np.asarray(project.coordination.cost(grid), dtype=float)
    return _frame(grid, benefit, cost)


def _grid(min_size: int, max_size: int) -> np.ndarray:
    low = _checks.whole(min_size, "min_size", minimum=1)
    high = _checks.whole(max_size, "max_size", minimum=1)
    if high < low:
        raise JlpInputError(
            TEXT["range"].format(high=high, low=low), column="max_size", fix=TEXT["range_fix"]
        )
    return np.arange(low, high + 1, dtype=float)


def best_row(table: pd.DataFrame, objective: str = "total") -> Optimum:
    """The best size of a trade-off table, by looking at every row (ties: the smallest size).

    Works on :func:`net_benefit_table` and :func:`pool_tradeoff` tables alike.

    >>> best_row(net_benefit_table(project_preset("joint_export"), max_size=40)).size
    10
    """
    _objective(objective)
    missing = [
        Problem(TEXT["missing_column"].format(column=column), None, 1, column, TEXT["table_fix"])
        for column in ("size", "net_benefit", "benefit", "coordination_cost")
        if column not in table.columns
    ]
    if missing:
        raise JlpInputError(problems=missing)
    if table.empty:
        raise JlpInputError(TEXT["no_sizes"], column="size", fix=TEXT["table_fix"])
    net = table["net_benefit"].to_numpy(dtype=float)
    sizes = table["size"].to_numpy(dtype=float)
    per_member = net / sizes
    index = int(np.argmax(net if objective == "total" else per_member))
    row = table.iloc[index]
    return Optimum(
        size=int(row["size"]),
        benefit=float(row["benefit"]),
        coordination_cost=float(row["coordination_cost"]),
        net_benefit=float(row["net_benefit"]),
        net_per_member=float(per_member[index]),
        objective=objective,
    )


def best_size(
    project: JointProject, *, max_size: int = 60, min_size: int = 1, objective: str = "total"
) -> Optimum:
    """The group size between ``min_size`` and ``max_size`` that maximises the net benefit.

    Exact on the integer grid without evaluating every size: the net benefit (total or per
    member) is smooth for sizes of 2 and more, so its maximum over whole sizes lies next to
    a root of its derivative (a polynomial, solved with numpy) or at an end of the range;
    size 1 (acting alone, net benefit 0) is a candidate too. Ties go to the smallest size.
    For nearly degenerate parameters (a leading coefficient 10¹² times smaller than the
    largest) it looks at every size instead. A result with ``worthwhile`` False means no
    group pays for itself.

    >>> best = best_size(project_preset("common_brand"), max_size=400)
    >>> best.size, round(best.net_benefit)
    (172, 6338)
    """
    _objective(objective)
    grid = _grid(min_size, max_size)
    low, high = int(grid[0]), int(grid[-1])
    roots = _stationary_points(project, objective)
    if roots is None:
        chosen = grid
    else:
        candidates = {low, high, 1, 2}
        for root in roots:
            if low - 3 <= root.real <= high + 1:
                base = math.floor(root.real) + 1  # roots are in partners; size = partners + 1
                candidates.update(range(base - 1, base + 3))
        chosen = np.array(sorted(c for c in candidates if low <= c <= high), dtype=float)
    table = net_benefit_table(project, chosen)
    return best_row(table, objective)


def _stationary_points(project: JointProject, objective: str) -> np.ndarray | None:
    """Roots (in partners p = size - 1) of the derivative of the net benefit, for p >= 1.

    With b = value_per_member, h = half_partners, F, k, l the fixed, per-member and per-pair
    co-ordination costs:

    * total: B(p) = (p+1) b p / (p+h) and C(p) = F + k (p+1) + l (p+1) p / 2, so
      B' - C' = 0  ⇔  b (p² + 2hp + h) - (l p + k + l/2) (p+h)² = 0;
    * per member: b p/(p+h) - F/(p+1) - k - l p/2 has the derivative
      b h/(p+h)² + F/(p+1)² - l/2 = 0  ⇔  2bh (p+1)² + 2F (p+h)² - l (p+h)² (p+1)² = 0.

    None when the roots cannot be trusted (the caller then looks at every size).
    """
    b, h = project.value_per_member, project.half_partners
    c = project.coordination
    p = Polynomial([0.0, 1.0])
    if objective == "total":
        poly = (
            b * (p**2 + 2 * h * p + h)
            - (c.per_pair * p + c.per_member + c.per_pair / 2) * (p + h) ** 2
        )
    else:
        poly = (
            2 * b * h * (p + 1) ** 2
            + 2 * c.fixed * (p + h) ** 2
            - c.per_pair * (p + h) ** 2 * (p + 1) ** 2
        )
    coef = poly.coef
    biggest = float(np.max(np.abs(coef))) if coef.size else 0.0
    if biggest == 0:
        return np.array([])  # the net benefit is flat: the ends of the range suffice
    coef = coef / biggest
    kept = np.trim_zeros(np.where(np.abs(coef) < _TINY, 0.0, coef), trim="b")
    if kept.size < coef.size:
        return None  # a nearly vanishing leading term: roots too ill-conditioned to trust
    if kept.size < 2:
        return np.array([])
    with np.errstate(all="ignore"):
        try:
            roots = Polynomial(kept).roots()
        except np.linalg.LinAlgError:  # pragma: no cover - guarded by the trim above
            return None
    return roots if np.all(np.isfinite(roots)) else None


_TINY = 1e-12  # relative size below which a polynomial coefficient is treated as zero


# --------------------------------------------------------------------------- the yarn pool


def pool_tradeoff(
    producers: pd.DataFrame | None = None,
    curve: PriceCurve | None = None,
    coordination: CoordinationCost | None = None,
    *,
    order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The yarn pool grown one producer at a time: saving, co-ordination and net benefit.

    Row ``n`` is the pool of the first ``n`` producers of ``order`` (default: every
    producer who needs yarn, largest need first, ties by id). Columns: size, member (the
    producer who joins), label, added_kg, quantity_kg, unit_price, then
    :data:`TABLE_COLUMNS` without size (benefit = the pool's saving on yarn).

    >>> table = pool_tradeoff()
    >>> best = best_row(table)
    >>> best.size, len(table), float(table.loc[best.size - 1, "unit_price"])
    (36, 37, 2.8)
    """
    view, curve, coordination = _defaults(producers, curve, coordination)
    if order is None:
        buyers = [
            (-kg, pid) for pid, kg in zip(view.ids, view.yarn.tolist(), strict=True) if kg > 0
        ]
        ids = [pid for _, pid in sorted(buyers)]
    else:
        if not isinstance(order, str) and len(list(order)) == 0:
            raise JlpInputError(TEXT["order_empty"], column="order", fix=TEXT["order_fix"])
        try:
            ids = _members(order, view)
        except JlpInputError as err:
            raise JlpInputError(
                problems=[Problem(p.message, p.file, p.row, "order", p.fix) for p in err.problems]
            ) from None
    where = [view.index[pid] for pid in ids]
    added = view.yarn[where]
    quantity = np.cumsum(added)
    price = np.asarray(curve.price(quantity), dtype=float)
    alone = np.cumsum(added * np.asarray(curve.price(added), dtype=float))
    sizes = np.arange(1, len(ids) + 1, dtype=float)
    benefit = alone - quantity * price
    cost = np.asarray(coordination.cost(sizes), dtype=float)
    head = pd.DataFrame(
        {
            "member": ids,
            "label": [view.labels[i] for i in where],
            "added_kg": added,
            "quantity_kg": quantity,
            "unit_price": price,
        }
    )
    body = _frame(sizes, benefit, cost)
    return pd.concat([body[["size"]], head, body.drop(columns="size")], axis=1)


# --------------------------------------------------------------------------- presets

#: Illustrative joint projects, one per level (parameters made up for teaching; the paper
#: gives none). Each is chosen so that its best group size falls in the range of its level.
PRESETS: dict[str, dict[str, Any]] = {
    "joint_export": {
        "value_per_member": 250.0,
        "half_partners": 2.0,
        "level": "network",
        "coordination": {"fixed": 150.0, "per_member": 10.0, "per_pair": 25.0},
    },
    "purchase_centre": {
        "value_per_member": 300.0,
        "half_partners": 10.0,
        "level": "sector",
        "coordination": {"fixed": 300.0, "per_member": 15.0, "per_pair": 7.0},
    },
    "common_brand": {
        "value_per_member": 150.0,
        "half_partners": 50.0,
        "level": "cluster",
        "coordination": {"fixed": 1000.0, "per_member": 5.0, "per_pair": 0.8},
    },
}


def project_preset(name: str) -> JointProject:
    """One illustrative joint project by name (see :data:`PRESETS`).

    >>> project_preset("joint_export").level
    'network'
    """
    if name not in PRESETS:
        raise _checks.suggest(name, list(PRESETS), TEXT["preset_what"], "preset")
    values = dict(PRESETS[name])
    coordination = CoordinationCost(**values.pop("coordination"))
    return JointProject(coordination=coordination, name=name, **values)


def project_presets() -> dict[str, JointProject]:
    """Every illustrative joint project: network, sector and cluster level, in that order.

    >>> list(project_presets())
    ['joint_export', 'purchase_centre', 'common_brand']
    """
    return {name: project_preset(name) for name in PRESETS}


def project_label(project: JointProject) -> str:
    """A readable name for a preset (its slug for a custom project).

    >>> project_label(project_preset("common_brand"))
    'Common brand and export promotion for the cluster'
    """
    return TEXT["labels"].get(project.name, project.name)


__all__ = [
    "OBJECTIVES",
    "PRESETS",
    "TABLE_COLUMNS",
    "JointProject",
    "Optimum",
    "best_row",
    "best_size",
    "net_benefit_table",
    "pool_tradeoff",
    "project_label",
    "project_preset",
    "project_presets",
]
