"""Yarn price curves: the price per kg of cotton yarn falls with the quantity bought.

Box 4 of Ceglie & Dini (1999) reports that the price of a Masaya hammock depends mainly on
the cost of its cotton yarn, and that the best yarn prices are offered only for quantities
larger than any single network buys. The paper gives **no prices or quantities**: the
curves here are illustrative teaching devices, and every number in them is made up.

Two kinds of curve share one interface (``price``, ``cost``, ``list_price``,
``best_price``, ``best_price_from``):

* :class:`TierTable` — a price list in tiers, as a seller quotes it. The tiers are
  *all-units*: an order of ``q`` kg pays the price of the highest tier whose ``min_kg`` it
  reaches, on every kg of the order. The bundled list (``datasets/masaya_price_tiers.csv``)
  is read with :func:`yarn_prices`.
* :class:`SmoothPrice` — a smooth rule with three parameters: the ``list_price`` of a tiny
  order, the ``floor_price`` approached by very large orders, and ``half_discount_kg``, the
  quantity that earns half of the full discount::

      price(q) = floor_price + (list_price - floor_price) * h / (h + q),  h = half_discount_kg

Both never rise with the quantity (checked when a curve is made). Quantities are in kg a
month, prices in US$ per kg.

>>> curve = yarn_prices()
>>> curve.price(600), curve.price(6000), curve.price(13000)
(3.6, 3.15, 2.8)
>>> curve.best_price_from
12000.0
>>> smooth = SmoothPrice(list_price=3.8, floor_price=2.6, half_discount_kg=3000)
>>> round(smooth.price(3000), 2)
3.2
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from jlp.errors import JlpInputError, Problem
from jlp.i18n import Messages
from jlp.scale import _checks

#: The bundled price list: table ``masaya_price_tiers`` of :mod:`jlp.datasets`.
DATASET = "masaya_price_tiers"
#: The price list :func:`yarn_prices` reads when none is named.
DEFAULT_CURVE = "cotton_yarn"

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "quantity_fix": "give a quantity in kg a month of at least 0, such as 500",
        "no_tiers": "the price list has no tiers",
        "no_tiers_fix": "write one row per tier: min_kg (from 0 up) and unit_price_usd",
        "lengths": "min_kg has {kg} values but unit_price_usd has {prices}",
        "lengths_fix": "give one price per tier",
        "labels_length": "there are {labels} labels for {tiers} tiers",
        "labels_fix": "give one label per tier, or none",
        "first_tier": "the first tier starts at {first:g} kg, so smaller orders have no price",
        "first_fix": "start the first tier at 0 kg",
        "not_increasing": "the tier starts at {value:g} kg, not above the tier before ({before:g} "
        "kg)",
        "increasing_fix": "list the tiers from the smallest quantity up, each starting above the "
        "one before",
        "price_rises": "the price {value:g} is above the price of the tier before ({before:g}): "
        "the price per kg must never rise with the quantity",
        "price_fix": "give each tier a price no higher than the tier before (a larger order earns "
        "the same price or a discount)",
        "kg_fix": "write the smallest order of the tier in kg, a number of at least 0",
        "usd_fix": "write the price in US$ per kg, a number above 0",
        "floor_above": "the floor price {floor:g} is above the list price {top:g}",
        "floor_fix": "give a floor_price above 0 and no higher than list_price",
        "curve_what": "price lists",
        "unnamed": "custom",
    }
)

_TIER_COLUMNS = Messages(
    {
        "min_kg": "the smallest monthly order in kg that earns the tier's price",
        "unit_price_usd": "the price per kg, in US$",
    }
)


@runtime_checkable
class PriceCurve(Protocol):
    """What :mod:`jlp.scale` needs of a price curve (both kinds below have it)."""

    name: str

    def price(self, quantity: Any) -> Any: ...

    def cost(self, quantity: Any) -> Any: ...

    @property
    def list_price(self) -> float: ...

    @property
    def best_price(self) -> float: ...

    @property
    def best_price_from(self) -> float | None: ...


def _quantity(value: Any) -> float | np.ndarray:
    return _checks.quantities(value, "quantity", TEXT["quantity_fix"])


def _scalar_or_array(result: np.ndarray, asked: Any) -> float | np.ndarray:
    return float(result) if np.ndim(asked) == 0 else result


@dataclass(frozen=True)
class TierTable:
    """A price list in all-units tiers: from ``min_kg[i]`` kg on, every kg costs ``unit_price[i]``.

    ``min_kg`` starts at 0 and rises strictly; ``unit_price`` never rises. Bad values raise
    :class:`~jlp.errors.JlpInputError` naming the column (``min_kg`` or ``unit_price_usd``,
    as in the price-list file) and the tier's position (counted as a spreadsheet row: the
    first tier is row 2).

    >>> tiers = TierTable(min_kg=[0, 100, 1000], unit_price=[4.0, 3.5, 3.0])
    >>> tiers.price(150), tiers.cost(150), tiers.tier(150)
    (3.5, 525.0, 1)
    >>> tiers.price([50, 5000]).tolist()
    [4.0, 3.0]
    >>> TierTable(min_kg=[0, 500, 500], unit_price=[4, 3.8, 3.6])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: row 4, column 'min_kg': the tier starts at 500 kg, not above...
    """

    min_kg: Sequence[float]
    unit_price: Sequence[float]
    labels: Sequence[str] = ()
    name: str = TEXT["unnamed"]
    _edges: np.ndarray = field(init=False, repr=False, compare=False)
    _prices: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kg = tuple(float(_checks.number(v, "min_kg", fix=TEXT["kg_fix"])) for v in self.min_kg)
        usd = tuple(
            float(_checks.number(v, "unit_price_usd", above=True, fix=TEXT["usd_fix"]))
            for v in self.unit_price
        )
        labels = tuple(str(v) for v in self.labels)
        _tier_problems(kg, usd, labels, None, list(range(2, len(kg) + 2)), raise_=True)
        object.__setattr__(self, "min_kg", kg)
        object.__setattr__(self, "unit_price", usd)
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "_edges", np.array(kg))
        object.__setattr__(self, "_prices", np.array(usd))

    def tier(self, quantity: Any) -> int | np.ndarray:
        """Index (from 0) of the tier an order of ``quantity`` kg falls in.

        >>> TierTable([0, 100], [4.0, 3.5]).tier(100)
        1
        """
        q = _quantity(quantity)
        index = np.searchsorted(self._edges, q, side="right") - 1
        return int(index) if np.ndim(quantity) == 0 else index

    def price(self, quantity: Any) -> float | np.ndarray:
        """Price per kg (US$) of an order of ``quantity`` kg (a number or an array)."""
        q = _quantity(quantity)
        index = np.searchsorted(self._edges, q, side="right") - 1
        return _scalar_or_array(self._prices[index], quantity)

    def cost(self, quantity: Any) -> float | np.ndarray:
        """What an order of ``quantity`` kg costs in all (US$): quantity × price."""
        q = _quantity(quantity)
        return _scalar_or_array(
            q * self._prices[np.searchsorted(self._edges, q, "right") - 1], quantity
        )

    @property
    def list_price(self) -> float:
        """The price of the smallest orders (the first tier)."""
        return self.unit_price[0]

    @property
    def best_price(self) -> float:
        """The lowest price on the list (the last tier)."""
        return self.unit_price[-1]

    @property
    def best_price_from(self) -> float:
        """The smallest monthly order, in kg, that earns the best price."""
        first_best = int(np.argmax(self._prices == self._prices[-1]))
        return self.min_kg[first_best]

    def table(self) -> pd.DataFrame:
        """The tiers as a table: tier (from 1), min_kg, max_kg (exclusive), unit_price_usd, label.

        >>> TierTable([0, 100], [4.0, 3.5], labels=["shop", "bulk"]).table()["max_kg"].tolist()
        [100.0, inf]
        """
        return pd.DataFrame(
            {
                "tier": range(1, len(self.min_kg) + 1),
                "min_kg": self.min_kg,
                "max_kg": [*self.min_kg[1:], math.inf],
                "unit_price_usd": self.unit_price,
                "label": list(self.labels) or [""] * len(self.min_kg),
            }
        )


@dataclass(frozen=True)
class SmoothPrice:
    """A smooth price rule: from ``list_price`` for a tiny order down toward ``floor_price``.

    ``half_discount_kg`` is the monthly order that earns half of the full discount
    ``list_price - floor_price``. The default values are illustrative and close to the
    bundled tier table.

    >>> rule = SmoothPrice(list_price=4.0, floor_price=3.0, half_discount_kg=500)
    >>> rule.price(0), rule.price(500), rule.cost(500)
    (4.0, 3.5, 1750.0)
    >>> SmoothPrice(list_price=3.0, floor_price=3.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'floor_price': the floor price 3.5 is above the list ...
    """

    list_price: float = 3.80
    floor_price: float = 2.60
    half_discount_kg: float = 3000.0
    name: str = "smooth"

    def __post_init__(self) -> None:
        top = _checks.number(self.list_price, "list_price", above=True, fix=TEXT["usd_fix"])
        floor = _checks.number(self.floor_price, "floor_price", above=True, fix=TEXT["floor_fix"])
        half = _checks.number(
            self.half_discount_kg,
            "half_discount_kg",
            above=True,
            fix=TEXT["quantity_fix"].replace("at least 0", "above 0"),
        )
        if floor > top:
            raise JlpInputError(
                TEXT["floor_above"].format(floor=floor, top=top),
                column="floor_price",
                fix=TEXT["floor_fix"],
            )
        object.__setattr__(self, "list_price", top)
        object.__setattr__(self, "floor_price", floor)
        object.__setattr__(self, "half_discount_kg", half)

    def price(self, quantity: Any) -> float | np.ndarray:
        """Price per kg (US$) of an order of ``quantity`` kg (a number or an array)."""
        q = _quantity(quantity)
        span = self.list_price - self.floor_price
        result = self.floor_price + span * self.half_discount_kg / (self.half_discount_kg + q)
        return _scalar_or_array(np.minimum(result, self.list_price), quantity)

    def cost(self, quantity: Any) -> float | np.ndarray:
        """What an order of ``quantity`` kg costs in all (US$): quantity × price."""
        q = _quantity(quantity)
        return _scalar_or_array(np.asarray(q * self.price(q)), quantity)

    @property
    def best_price(self) -> float:
        """The floor price: approached by ever larger orders, never reached."""
        return self.floor_price

    @property
    def best_price_from(self) -> None:
        """None: no finite order earns the floor price."""
        return None


def price_table(curve: PriceCurve, quantities: Iterable[float]) -> pd.DataFrame:
    """The curve at the given quantities: quantity_kg, unit_price (US$/kg), cost (US$).

    >>> price_table(yarn_prices(), [100, 1000]).to_dict("list")
    {'quantity_kg': [100.0, 1000.0], 'unit_price': [3.8, 3.4], 'cost': [380.0, 3400.0]}
    """
    q = _quantity(np.asarray(list(quantities), dtype=float))
    return pd.DataFrame({"quantity_kg": q, "unit_price": curve.price(q), "cost": curve.cost(q)})


# --------------------------------------------------------------------------- reading tiers


def yarn_prices(
    source: str | Path | pd.DataFrame | None = None, *, curve: str | None = None
) -> TierTable:
    """A price list in tiers: the bundled illustrative list, or one you give.

    ``source`` is None (the bundled table ``masaya_price_tiers``), a DataFrame, or the path
    of a CSV/XLSX file with columns ``min_kg`` and ``unit_price_usd`` (and optionally
    ``label``, and ``curve`` to hold several lists; then ``curve`` picks one, by default
    ``cotton_yarn`` or the first). Problems are reported with file, row and column.

    >>> tiers = yarn_prices()
    >>> tiers.name, tiers.list_price, tiers.best_price
    ('cotton_yarn', 3.8, 2.8)
    """
    if source is None:
        from jlp import datasets

        frame = datasets.load(DATASET)
        return tiers_from_table(frame, file=f"datasets/{DATASET}.csv", curve=curve or DEFAULT_CURVE)
    frame, file, rows = _checks.table(source, "source")
    frame = frame.assign(row=rows)
    return tiers_from_table(frame, file=file, curve=curve)


def tiers_from_table(
    frame: pd.DataFrame, *, file: str | None = None, curve: str | None = None
) -> TierTable:
    """A :class:`TierTable` from a table of tiers, with every problem reported at once.

    Rows are numbered as in a spreadsheet (the header is row 1) unless the frame carries a
    ``row`` column. Tiers must be listed from the smallest quantity up.

    >>> tiers_from_table(pd.DataFrame({"min_kg": [0, 200], "unit_price_usd": [4, 3.5]})).price(250)
    3.5
    """
    frame, _, rows = _checks.table(frame, "frame")
    _checks.require(frame, _TIER_COLUMNS, file)
    name = TEXT["unnamed"]
    if "curve" in frame.columns:
        names = _checks.text_column(frame, "curve")
        available = list(dict.fromkeys(n for n in names if n))
        wanted = curve or (
            DEFAULT_CURVE if DEFAULT_CURVE in available else (available[0] if available else None)
        )
        if wanted not in available:
            raise _checks.suggest(wanted, available, TEXT["curve_what"], "curve")
        keep = [n == wanted for n in names]
        frame = frame.loc[keep].reset_index(drop=True)
        rows = [r for r, k in zip(rows, keep, strict=True) if k]
        name = wanted
    elif curve is not None:
        name = curve
    if frame.empty:
        raise JlpInputError(TEXT["no_tiers"], file=file, column="min_kg", fix=TEXT["no_tiers_fix"])
    problems: list[Problem] = []
    kg = _checks.numeric_column(frame, "min_kg", rows, file, problems, fix=TEXT["kg_fix"])
    usd = _checks.numeric_column(
        frame, "unit_price_usd", rows, file, problems, above=True, fix=TEXT["usd_fix"]
    )
    labels = tuple(_checks.text_column(frame, "label")) if "label" in frame.columns else ()
    problems += _tier_problems(kg, usd, labels, file, rows, raise_=False)
    if problems:
        raise JlpInputError(problems=problems)
    return TierTable(min_kg=kg, unit_price=usd, labels=labels, name=name)


def _tier_problems(
    kg: Sequence[float | None],
    usd: Sequence[float | None],
    labels: Sequence[str],
    file: str | None,
    rows: list[int],
    *,
    raise_: bool,
) -> list[Problem]:
    """The order problems of a tier table (values already checked one by one)."""
    found: list[Problem] = []
    if not kg:
        found.append(Problem(TEXT["no_tiers"], file, None, "min_kg", TEXT["no_tiers_fix"]))
    elif len(kg) != len(usd):
        found.append(
            Problem(
                TEXT["lengths"].format(kg=len(kg), prices=len(usd)),
                file,
                None,
                "unit_price_usd",
                TEXT["lengths_fix"],
            )
        )
    elif labels and len(labels) != len(kg):
        found.append(
            Problem(
                TEXT["labels_length"].format(labels=len(labels), tiers=len(kg)),
                file,
                None,
                "label",
                TEXT["labels_fix"],
            )
        )
    else:
        if kg[0] is not None and kg[0] != 0:
            found.append(
                Problem(
                    TEXT["first_tier"].format(first=kg[0]),
                    file,
                    rows[0],
                    "min_kg",
                    TEXT["first_fix"],
                )
            )
        for i in range(1, len(kg)):
            if kg[i] is not None and kg[i - 1] is not None and kg[i] <= kg[i - 1]:
                found.append(
                    Problem(
                        TEXT["not_increasing"].format(value=kg[i], before=kg[i - 1]),
                        file,
                        rows[i],
                        "min_kg",
                        TEXT["increasing_fix"],
                    )
                )
            if usd[i] is not None and usd[i - 1] is not None and usd[i] > usd[i - 1]:
                found.append(
                    Problem(
                        TEXT["price_rises"].format(value=usd[i], before=usd[i - 1]),
                        file,
                        rows[i],
                        "unit_price_usd",
                        TEXT["price_fix"],
                    )
                )
    if found and raise_:
        raise JlpInputError(problems=found)
    return found


__all__ = [
    "DATASET",
    "DEFAULT_CURVE",
    "PriceCurve",
    "SmoothPrice",
    "TierTable",
    "price_table",
    "tiers_from_table",
    "yarn_prices",
]
