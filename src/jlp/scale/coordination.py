"""The cost of co-ordinating a group that acts together, by the size of the group.

A joint action has a price in time and money: meetings, agreements, a person who runs the
common service, trust to keep among the members. We model it, for a group of ``n``
producers, as

    cost(n) = fixed + per_member * n + per_pair * n * (n - 1) / 2     for n >= 2

and 0 for ``n <= 1`` (a producer alone co-ordinates with nobody). The last term counts the
pairs of members who must come to terms with each other, so co-ordination grows faster
than the group: this is what eventually outweighs the gains of a larger critical mass
(Ceglie & Dini, 1999, Box 4 and the Nicaragua section speak of finding "the right
equilibrium" in the scale of a joint action). The form is a teaching model and the default
amounts (US$ a month) are **illustrative**, not figures from the paper.

>>> cost = CoordinationCost(fixed=300, per_member=15, per_pair=2)
>>> cost.cost(1), cost.cost(11), cost.cost(37)
(0.0, 575.0, 2187.0)
>>> cost.cost([2, 3]).tolist()
[332.0, 351.0]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from jlp.errors import JlpInputError
from jlp.i18n import Messages
from jlp.scale import _checks

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "amount_fix": "give an amount in US$ a month of at least 0",
        "size_fix": "give a group size as a whole number of at least 0",
        "not_whole": "{value!r} is not a whole number of members",
    }
)


@dataclass(frozen=True)
class CoordinationCost:
    """Co-ordination cost of a group (US$ a month): fixed + per member + per pair of members.

    The defaults are illustrative: a part-time person running a common purchase, plus an
    hour of each member's time and of each pair's dealings a month.

    >>> CoordinationCost(fixed=-1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'fixed': -1 is below 0 (fix: give an amount in US$ a month...)
    """

    fixed: float = 300.0
    per_member: float = 15.0
    per_pair: float = 2.0

    def __post_init__(self) -> None:
        for name in ("fixed", "per_member", "per_pair"):
            value = _checks.number(getattr(self, name), name, fix=TEXT["amount_fix"])
            object.__setattr__(self, name, value)

    def cost(self, size: Any) -> float | np.ndarray:
        """The monthly co-ordination cost of a group of ``size`` members (a number or array).

        >>> CoordinationCost(100, 10, 2).cost(5)
        170.0
        """
        n = _sizes(size)
        together = self.fixed + self.per_member * n + self.per_pair * n * (n - 1) / 2
        result = np.where(n >= 2, together, 0.0)
        return float(result) if np.ndim(size) == 0 else result

    def marginal(self, size: Any) -> float | np.ndarray:
        """What the ``size``-th member adds to the cost: cost(size) - cost(size - 1).

        >>> CoordinationCost(100, 10, 2).marginal(5)
        18.0
        """
        n = _sizes(size)
        result = self.cost(n) - self.cost(np.maximum(n - 1, 0))
        return float(result) if np.ndim(size) == 0 else np.asarray(result)


def _sizes(size: Any) -> np.ndarray:
    array = _checks.quantities(size, "size", TEXT["size_fix"])
    array = np.asarray(array, dtype=float)
    if np.any(array != np.floor(array)):
        bad = array[array != np.floor(array)].ravel()[0]
        raise JlpInputError(
            TEXT["not_whole"].format(value=float(bad)), column="size", fix=TEXT["size_fix"]
        )
    return array


__all__ = ["CoordinationCost"]
