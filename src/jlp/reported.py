"""How the course writes a figure the paper reports: its number, its unit and its hedge.

Ceglie & Dini (1999) often hedge a figure ("about 300 enterprises", "more than 40 %",
"up to 40 %"); the bundled tables keep the hedge in a ``qualifier`` column (``exact``,
``about``, ``more_than``, ``up_to``, ``between``) beside ``value``, ``value_high`` and
``unit``. Every table, widget and case page writes such a figure with :func:`hedged`, so
the hedge reads the same everywhere and is never dropped.

>>> hedged(40, unit="percent", qualifier="more_than")
'more than 40 %'
>>> hedged(680000, unit="usd", qualifier="about", source="Honduras section")
'about US$ 680,000 (Honduras section)'
>>> hedged(35, unit="percent", qualifier="between", high=200)
'35 to 200 %'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from jlp.i18n import Messages, number_text

#: User-facing strings, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "hedges": {
            "exact": "{v}",
            "about": "about {v}",
            "more_than": "more than {v}",
            "up_to": "up to {v}",
            "between": "{v}",
        },
        "range": "{low} to {high}",
        "units": {
            "count": "{v}",
            "percent": "{v} %",
            "fraction": "{v} %",
            "usd": "US$ {v}",
            "year": "{v}",
            "years": "{v} years",
            "km": "{v} km",
        },
        "other_unit": "{v} {unit}",
        "months": (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        "month": "{month} {year}",
        "source": "{v} ({source})",
        "missing": "—",
    }
)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _number(value: float, unit: str) -> str:
    """A number as the course writes it: thousands separated, years and fractions apart."""
    if unit == "year":
        return str(int(value))
    if unit == "fraction":
        return number_text(float(value) * 100, 0)
    if float(value).is_integer():
        return number_text(float(value), 0)
    places = len(f"{float(value):.2f}".rstrip("0").partition(".")[2])
    return number_text(float(value), places)


def _month(period: str) -> str | None:
    """``YYYY-MM`` as "March 1997"; anything else: None."""
    year, _, month = period.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return None
    return TEXT["month"].format(month=TEXT["months"][int(month) - 1], year=year)


def hedged(
    value: object,
    *,
    unit: str = "count",
    qualifier: object = "exact",
    high: object = None,
    period: object = None,
    source: object = None,
) -> str:
    """A reported figure as it reads: number, unit and hedge, and its source if given.

    ``unit`` is one of the ``unit`` values of the bundled tables (count, usd, percent,
    fraction, year, years, km); ``qualifier`` is the hedge (a missing one counts as
    ``exact``); ``high`` is the high end of a range (qualifier ``between``). A year whose
    ``period`` names its month (``1997-03``) reads "March 1997". A missing value reads "—".

    >>> hedged(300, qualifier="about"), hedged(3, unit="years"), hedged(0.3333, unit="fraction")
    ('about 300', '3 years', '33 %')
    >>> hedged(1997, unit="year", period="1997-03"), hedged(None)
    ('March 1997', '—')
    """
    if _missing(value):
        return TEXT["missing"]
    month = _month(period) if unit == "year" and isinstance(period, str) else None
    if month is not None:
        shown = month
    else:
        number = _number(float(value), unit)  # type: ignore[arg-type]
        if not _missing(high):
            number = TEXT["range"].format(low=number, high=_number(float(high), unit))  # type: ignore[arg-type]
        template = TEXT["units"].get(unit, TEXT["other_unit"])
        shown = template.format(v=number, unit=unit)
    hedge = "exact" if _missing(qualifier) else str(qualifier)
    text = TEXT["hedges"].get(hedge, "{v}").format(v=shown)
    if not _missing(source) and str(source):
        text = TEXT["source"].format(v=text, source=source)
    return text


def figure_value(row: Mapping[str, Any], *, with_source: bool = False) -> str:
    """One row of ``reported_figures`` (or a row shaped like it) written with :func:`hedged`.

    >>> from jlp.datasets import load
    >>> fee = load("reported_figures").set_index("id").loc["emasim_fee_year2"]
    >>> figure_value(fee), figure_value(fee, with_source=True)
    ('more than 40 %', 'more than 40 % (Honduras section)')
    """
    return hedged(
        row["value"],
        unit=str(row["unit"]),
        qualifier=row.get("qualifier"),
        high=row.get("value_high"),
        period=row.get("period"),
        source=row.get("source") if with_source else None,
    )


__all__ = ["TEXT", "figure_value", "hedged"]
