"""Read and check the numbers a user gives: shares, counts of years, amounts of money.

Every parser raises :class:`~jlp.errors.JlpInputError` naming the parameter (as the
``column``) and the fix. :class:`Checked` is the base of the parameter records of
:mod:`jlp.fees`: a frozen `pydantic <https://docs.pydantic.dev/>`_ model whose fields use
these parsers, so that every problem in a set of parameters is reported at once, in the
same words as here.

>>> parse_share("20%"), parse_share("20 %"), parse_share(0.2), parse_share("0,2")
(0.2, 0.2, 0.2, 0.2)
>>> parse_share("120%")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
jlp.errors.JlpInputError: column 'share': 120% is above 100 % (fix: write a share ...)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from numbers import Real
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, ValidationInfo

from jlp.errors import JlpInputError, Problem
from jlp.files.cells import AmbiguousNumber, parse_number
from jlp.i18n import Messages

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "share_fix": "write a share between 0 and 1 as a fraction (0.2) or a percent (20%)",
        "percent_fix": "write a fraction (2.0) or a percent (200%) of at least 0 and at most "
        "100,000%",
        "count_fix": "write a whole number of at least {minimum}{maximum}, such as {example}",
        "count_max": " and at most {maximum}",
        "amount_fix": "write a number {limit} and at most {maximum} with a dot for decimals "
        "and no thousands separators, such as {example}",
        "amount_max": "{value} is above the largest amount jlp accepts (US$ {maximum:,})",
        "empty": "is empty",
        "not_number": "{value!r} is not a number",
        "not_whole": "{value!r} is not a whole number",
        "below_zero": "{value} is below 0",
        "above_one": "{value} is above 1",
        "above_hundred": "{value} is above 100 %",
        "below_min": "{value} is below {minimum}",
        "above_max": "{value} is above {maximum}",
        "not_above": "{value} must be above {minimum}",
        "limit_above": "above {minimum}",
        "limit_least": "of at least {minimum}",
        "missing": "is missing",
        "missing_fix": "give a value for {name}",
        "unknown": "is not a parameter of {model}",
        "unknown_fix": "use only: {names}",
        "bad_type": "{value!r} has the wrong kind of value",
    }
)

#: The largest amount of money jlp accepts (US$ 1 billion): far above any broker's budget,
#: far below where the arithmetic of a fee ramp would lose precision.
MAX_AMOUNT = 1_000_000_000
#: The largest count (of years, networks, firms) jlp accepts when no smaller limit applies.
MAX_COUNT = 100_000
#: The largest fraction accepted where a percentage may exceed 100 % (100,000 %).
MAX_FACTOR = 1_000.0

#: Shares are kept to 12 decimals (a millionth of a percentage point is far below anything a
#: contract says); this keeps 0.2 + 4 * 0.2 equal to 1 and every ramp's arithmetic exact enough.
_DECIMALS = 12

_SPACES = re.compile(r"[\s\u00a0\u202f_]+")


def _clean(value: object, name: str, fix: str) -> str:
    text = _SPACES.sub("", str(value))
    if not text:
        raise JlpInputError(TEXT["empty"], column=name, fix=fix)
    return text


def _to_float(
    text: str, original: object, name: str, fix: str, *, maximum: float | None = None
) -> float:
    """The number by the one rule of :func:`jlp.files.parse_number` (decimal commas too)."""
    try:
        number = parse_number(text, maximum=maximum)
    except AmbiguousNumber as err:
        raise JlpInputError(str(err), column=name, fix=err.fix) from None
    if number is None:
        raise JlpInputError(
            TEXT["not_number"].format(value=str(original).strip()), column=name, fix=fix
        )
    return number


def _real(value: object, name: str, fix: str) -> float | None:
    """A finite float for a real number given as such; None for a string; error otherwise."""
    if isinstance(value, bool) or not isinstance(value, Real | str):
        raise JlpInputError(TEXT["bad_type"].format(value=value), column=name, fix=fix)
    if isinstance(value, str):
        return None
    number = float(value)
    if not math.isfinite(number):
        raise JlpInputError(TEXT["not_number"].format(value=value), column=name, fix=fix)
    return number


def parse_percentage(value: object, *, name: str = "share", maximum: float | None = 1.0) -> float:
    """A fraction from ``0.2``, ``"0.2"``, ``"0,2"``, ``"20%"`` or ``"20 %"``.

    A bare number is a fraction; a number followed by ``%`` is a percent; the result is
    rounded to 12 decimals. ``maximum`` is the largest fraction allowed (``None``: the
    largest jlp accepts, :data:`MAX_FACTOR`). Spaces, including the no-break spaces Spanish
    typography puts before ``%``, are ignored; a decimal comma is accepted.

    >>> parse_percentage("200%", name="sales_gain", maximum=None)
    2.0
    >>> parse_percentage(-0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'share': -0.1 is below 0 (fix: write a share ...)
    """
    fix = TEXT["share_fix"] if maximum == 1.0 else TEXT["percent_fix"]
    maximum = MAX_FACTOR if maximum is None else maximum
    number = _real(value, name, fix)
    percent = False
    shown: object = value
    if number is None:
        text = _clean(value, name, fix)
        if text.endswith("%"):
            percent, text = True, text[:-1]
            if not text:
                raise JlpInputError(
                    TEXT["not_number"].format(value=str(value).strip()), column=name, fix=fix
                )
        limit = None if maximum is None else maximum * (100 if percent else 1)
        number = _to_float(text, value, name, fix, maximum=limit)
        shown = str(value).strip()
    fraction = number / 100.0 if percent else number
    if fraction < 0:
        raise JlpInputError(TEXT["below_zero"].format(value=shown), column=name, fix=fix)
    if fraction > maximum + 1e-12:
        key = "above_hundred" if percent and maximum == 1.0 else "above_one"
        if maximum != 1.0:
            raise JlpInputError(
                TEXT["above_max"].format(value=shown, maximum=maximum), column=name, fix=fix
            )
        raise JlpInputError(TEXT[key].format(value=shown), column=name, fix=fix)
    fraction = round(fraction, _DECIMALS)
    return min(fraction, maximum)


def parse_share(value: object, *, name: str = "share") -> float:
    """A share between 0 and 1, given as a fraction (``0.2``) or a percent (``"20%"``).

    >>> parse_share("45 %", name="first_share")
    0.45
    >>> parse_share("abc", name="cap")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'cap': 'abc' is not a number (fix: write a share ...)
    """
    return parse_percentage(value, name=name, maximum=1.0)


def parse_count(
    value: object, *, name: str = "years", minimum: int = 0, maximum: int | None = None
) -> int:
    """A whole number such as a count of years or networks, within ``[minimum, maximum]``.

    >>> parse_count("3", name="subsidised_years"), parse_count(4.0)
    (3, 4)
    >>> parse_count("-1", name="years", minimum=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'years': -1 is below 1 (fix: write a whole number of at ...)
    """
    maximum = MAX_COUNT if maximum is None else maximum
    limit = TEXT["count_max"].format(maximum=maximum)
    example = max(minimum, min(10, maximum))
    fix = TEXT["count_fix"].format(minimum=minimum, maximum=limit, example=example)
    number = _real(value, name, fix)
    shown: object = value
    if number is None:
        shown = str(value).strip()
        number = _to_float(_clean(value, name, fix), value, name, fix)
    if number != int(number):
        raise JlpInputError(TEXT["not_whole"].format(value=shown), column=name, fix=fix)
    if number < minimum:
        raise JlpInputError(
            TEXT["below_min"].format(value=shown, minimum=minimum), column=name, fix=fix
        )
    if number > maximum:
        raise JlpInputError(
            TEXT["above_max"].format(value=shown, maximum=maximum), column=name, fix=fix
        )
    return int(number)


def parse_amount(
    value: object, *, name: str = "annual_cost", minimum: float = 0.0, above: bool = False
) -> float:
    """An amount such as a cost in US$: at least ``minimum`` (strictly above it if ``above``).

    Numbers follow the one rule of :func:`jlp.files.parse_number`: spaces between digits
    are ignored (``"4 000"``), ``4000,5`` has a decimal comma, and ``4,000`` is refused,
    because it means four thousand in Honduras and four in Spain.

    >>> parse_amount("4 000"), parse_amount(1500), parse_amount("4000,5")
    (4000.0, 1500.0, 4000.5)
    >>> parse_amount("4,000")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'annual_cost': '4,000' could be read two ways (4 or 4000) ...
    """
    limit = TEXT["limit_above" if above else "limit_least"].format(minimum=f"{minimum:g}")
    fix = TEXT["amount_fix"].format(limit=limit, maximum=MAX_AMOUNT, example="4000")
    number = _real(value, name, fix)
    shown: object = value
    if number is None:
        shown = str(value).strip()
        number = _to_float(_clean(value, name, fix), value, name, fix)
    if number < minimum or (above and number == minimum):
        key = "not_above" if number == minimum else "below_zero" if minimum == 0 else "below_min"
        raise JlpInputError(
            TEXT[key].format(value=shown, minimum=f"{minimum:g}"), column=name, fix=fix
        )
    if number > MAX_AMOUNT:
        raise JlpInputError(
            TEXT["amount_max"].format(value=shown, maximum=MAX_AMOUNT), column=name, fix=fix
        )
    return number


# --------------------------------------------------------------------------- pydantic glue


def _share_field(value: object, info: ValidationInfo) -> float:
    return parse_share(value, name=info.field_name or "share")


def _percentage_field(value: object, info: ValidationInfo) -> float:
    return parse_percentage(value, name=info.field_name or "share", maximum=None)


def _count_field(minimum: int, maximum: int | None):
    def check(value: object, info: ValidationInfo) -> int:
        return parse_count(value, name=info.field_name or "count", minimum=minimum, maximum=maximum)

    return BeforeValidator(check)


def _amount_field(minimum: float, above: bool):
    def check(value: object, info: ValidationInfo) -> float:
        return parse_amount(value, name=info.field_name or "amount", minimum=minimum, above=above)

    return BeforeValidator(check)


#: A share between 0 and 1 (fraction or percent).
Share = Annotated[float, BeforeValidator(_share_field)]
#: A fraction of at least 0, at most :data:`MAX_FACTOR` (``"200%"`` is 2.0).
Percentage = Annotated[float, BeforeValidator(_percentage_field)]
#: Whole numbers: at least 0, at least 1, and a number of years for a horizon (1–100).
Count = Annotated[int, _count_field(0, 10_000)]
PositiveCount = Annotated[int, _count_field(1, 10_000)]
Horizon = Annotated[int, _count_field(1, 100)]
Years = Annotated[int, _count_field(0, 100)]
#: Money: at least 0, or strictly above 0.
Amount = Annotated[float, _amount_field(0.0, False)]
PositiveAmount = Annotated[float, _amount_field(0.0, True)]


def _problems(model: type[BaseModel], err: ValidationError) -> list[Problem]:
    found: list[Problem] = []
    for item in err.errors():
        cause = (item.get("ctx") or {}).get("error")
        loc = [str(part) for part in item.get("loc", ())]
        column = loc[0] if loc else None
        if isinstance(cause, JlpInputError):
            for problem in cause.problems:
                found.append(
                    Problem(
                        problem.message,
                        problem.file,
                        problem.row,
                        problem.column or column,
                        problem.fix,
                    )
                )
        elif item["type"] == "missing":
            found.append(
                Problem(TEXT["missing"], column=column, fix=TEXT["missing_fix"].format(name=column))
            )
        elif item["type"] == "extra_forbidden":
            found.append(
                Problem(
                    TEXT["unknown"].format(model=model.__name__),
                    column=column,
                    fix=TEXT["unknown_fix"].format(names=", ".join(model.model_fields)),
                )
            )
        else:
            found.append(
                Problem(
                    TEXT["bad_type"].format(value=item.get("input")),
                    column=".".join(loc) or None,
                    fix=item["msg"],
                )
            )
    return found


class Checked(BaseModel):
    """A frozen record of parameters whose bad values raise :class:`JlpInputError`.

    Construct it with keywords (strings such as ``"20%"`` are parsed); change it with
    :meth:`replace`, which checks the new values too.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as err:
            raise JlpInputError(problems=_problems(type(self), err)) from None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from a mapping (e.g. a row of a table, or a form's values)."""
        return cls(**dict(data))

    def replace(self, **changes: Any) -> Self:
        """A copy with some parameters changed, checked like a new record."""
        return type(self)(**{**self.model_dump(), **changes})


__all__ = [
    "TEXT",
    "Amount",
    "Checked",
    "Count",
    "Horizon",
    "Percentage",
    "PositiveAmount",
    "PositiveCount",
    "Share",
    "Years",
    "parse_amount",
    "parse_count",
    "parse_percentage",
    "parse_share",
]
