"""Numbers and yes/no values as people type them in a spreadsheet or on the command line.

One rule for numbers, used by every reader of files and options (:func:`parse_number`),
and one for true/false (:func:`parse_bool`).

>>> parse_number("20,5"), parse_number("1.234,5"), parse_number("-2.5"), parse_number("4 000")
(20.5, 1234.5, -2.5, 4000.0)
>>> parse_bool("VERDADERO"), parse_bool("no"), parse_bool("quizás") is None
(True, False, True)
"""

from __future__ import annotations

import math
import re
from numbers import Real

from jlp.i18n import Messages

#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "ambiguous": "'{text}' could be read two ways ({small:g} or {large:g})",
        "ambiguous_fix": "write {large:g} with no thousands separators if you mean {large:g}, "
        "or {small:g} if you mean {small:g}",
    }
)

#: Words read as true and as false (compared in lower case, after stripping).
TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "si", "sí", "s", "x", "verdadero", "v"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "falso", ""})

_SPACES = re.compile(r"[\s\u00a0\u202f_']+")
_PLAIN = re.compile(r"[+-]?(\d+|\d*\.\d+|\d+\.)([eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:(?P<sep>[.,])\d{3})(?:(?P=sep)\d{3})*")


class AmbiguousNumber(ValueError):
    """A number such as ``4.000`` that reads as four or as four thousand."""

    def __init__(self, text: str, small: float, large: float) -> None:
        self.text, self.small, self.large = text, small, large
        super().__init__(TEXT["ambiguous"].format(text=text, small=small, large=large))

    @property
    def fix(self) -> str:
        """How to write the number so that it reads one way only."""
        return TEXT["ambiguous_fix"].format(small=self.small, large=self.large)


def parse_number(value: object, *, maximum: float | None = None) -> float | None:
    """The finite number ``value`` stands for, or ``None`` when it is not a number.

    The rule (the same for files and command-line options):

    - spaces (also the no-break spaces of Spanish typography), ``_`` and ``'`` are
      ignored, so ``4 000`` is 4000; a leading ``−`` (the typographic minus) is a minus;
    - with both ``.`` and ``,`` the last one is the decimal mark and the other groups
      thousands: ``1.234,5`` and ``1,234.5`` are both 1234.5;
    - one kind of mark that appears several times groups thousands: ``1.234.567``;
    - a single mark followed by anything but exactly three digits is the decimal mark:
      ``20,5``, ``4000,5``, ``0,25`` and ``3.14159`` read as decimals;
    - a single mark followed by exactly three digits reads as a decimal when the whole
      part is 0 (``0,250``), and is otherwise ambiguous (``4.000`` is four in Spain and
      four thousand in Mexico): :class:`AmbiguousNumber` is raised, whose ``fix`` says
      how to write it, unless ``maximum`` rules the thousands reading out;
    - ``nan``, ``inf``, booleans and empty text are not numbers.

    >>> parse_number("0,250"), parse_number("3.14159"), parse_number("1,234,567")
    (0.25, 3.14159, 1234567.0)
    >>> parse_number("−3"), parse_number("1e3"), parse_number("nan"), parse_number("")
    (-3.0, 1000.0, None, None)
    >>> parse_number("12.345", maximum=100)
    12.345
    >>> parse_number("4.000")
    Traceback (most recent call last):
    ...
    jlp.files.cells.AmbiguousNumber: '4.000' could be read two ways (4 or 4000)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = _SPACES.sub("", value).replace("\u2212", "-")
    if not text:
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        whole, _, fraction = text.rpartition(decimal)
        if not _GROUPED.fullmatch(whole) or not fraction.isdigit():
            return None
        text = whole.replace("." if decimal == "," else ",", "") + "." + fraction
    elif dots + commas > 1:
        if not _GROUPED.fullmatch(text):
            return None
        text = text.replace(".", "").replace(",", "")
    elif dots + commas == 1:
        mark = "." if dots else ","
        whole, _, fraction = text.partition(mark)
        exponent = re.search(r"[eE][+-]?\d+$", fraction)
        digits = fraction[: exponent.start()] if exponent else fraction
        if (
            len(digits) == 3
            and digits.isdigit()
            and not exponent
            and whole.lstrip("+-").lstrip("0") != ""
            and whole.lstrip("+-").isdigit()
        ):
            small, large = float(f"{whole}.{fraction}"), float(whole + fraction)
            if maximum is None or abs(large) <= maximum:
                raise AmbiguousNumber(value.strip(), small, large)
        text = f"{whole}.{fraction}"
    if not _PLAIN.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def parse_bool(value: object) -> bool | None:
    """``True``/``False`` for a yes/no cell (English or Spanish), ``None`` if it is neither.

    An empty cell is false.

    >>> [parse_bool(v) for v in ("TRUE", "Sí", "FALSO", "", "1", "0", 1, "maybe")]
    [True, True, False, False, True, False, True, None]
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, Real):
        return {1: True, 0: False}.get(value)  # type: ignore[call-overload]
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


__all__ = ["FALSE_WORDS", "TEXT", "TRUE_WORDS", "AmbiguousNumber", "parse_bool", "parse_number"]
