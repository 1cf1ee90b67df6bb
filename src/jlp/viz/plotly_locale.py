"""plotly.js in the course's language: month and day names, number signs and the titles of
the chart's tool bar.

plotly.js writes dates ("Jan 1996"), numbers and its tool-bar titles ("Zoom", "Reset axes")
in English unless the chart's config names a locale. :func:`locale_config` gives the two
config entries that do it — ``locale`` and ``locales`` (the locale itself, so that no extra
script is needed on the page or in JupyterLab) — and nothing in English. Month and day names
come from Babel's locale data; the separators are those of :func:`jlp.i18n.separators`
(``JLP_NUMBER_LOCALE`` included); the tool-bar titles are in :data:`TEXT`, translated
through the course's catalogue.

>>> from jlp.i18n import language_set
>>> with language_set("es"):
...     config = locale_config()
>>> config["locale"], config["locales"]["es"]["format"]["shortMonths"][0]
('es', 'ene')
>>> config["locales"]["es"]["dictionary"]["Reset axes"]
'Restablecer los ejes'
>>> with language_set("en"):
...     locale_config()
{}
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jlp.i18n import SOURCE_LANGUAGE, Messages, language, separators

#: plotly.js's own English words (the keys, as plotly.js asks for them) and the course's
#: text for each (translated when read).
TEXT = Messages(
    {
        "Autoscale": "Autoscale",
        "Box Select": "Box Select",
        "Click to enter Colorscale title": "Click to enter Colorscale title",
        "Click to enter Plot title": "Click to enter Plot title",
        "Click to enter X axis title": "Click to enter X axis title",
        "Click to enter Y axis title": "Click to enter Y axis title",
        "Compare data on hover": "Compare data on hover",
        "Double-click on legend to isolate one trace": "Double-click on legend to isolate "
        "one trace",
        "Double-click to zoom back out": "Double-click to zoom back out",
        "Download plot": "Download plot",
        "Download plot as a PNG": "Download plot as a PNG",
        "Download plot as a png": "Download plot as a PNG",
        "Image download succeeded": "Image download succeeded",
        "Lasso Select": "Lasso Select",
        "Pan": "Pan",
        "Preparing image - this may take a few seconds": "Preparing the image: this may take a "
        "few seconds",
        "Reset": "Reset",
        "Reset axes": "Reset axes",
        "Reset view": "Reset view",
        "Show closest data on hover": "Show closest data on hover",
        "Sorry, there was a problem downloading your image!": "Sorry, the image could not be "
        "downloaded.",
        "Toggle Spike Lines": "Toggle spike lines",
        "Toggle show closest data on hover": "Toggle show closest data on hover",
        "Zoom": "Zoom",
        "Zoom in": "Zoom in",
        "Zoom out": "Zoom out",
    }
)

#: How plotly.js writes dates on an axis and in a hover label, day before month.
_DATE_FORMATS = {
    "date": "%d/%m/%Y",
    "year": "%Y",
    "month": "%b %Y",
    "dayMonth": "%-d %b",
    "dayMonthYear": "%-d %b %Y",
}


@cache
def _format(code: str, signs: str) -> dict[str, Any]:
    from babel.dates import get_day_names, get_month_names

    def names(kind: str, width: str) -> list[str]:
        found = (get_month_names if kind == "months" else get_day_names)(width, locale=code)
        keys = range(1, 13) if kind == "months" else (6, 0, 1, 2, 3, 4, 5)  # Sunday first
        return [str(found[k]).rstrip(".") for k in keys]

    return {
        "days": names("days", "wide"),
        "shortDays": names("days", "abbreviated"),
        "months": names("months", "wide"),
        "shortMonths": names("months", "abbreviated"),
        "decimal": signs[0],
        "thousands": signs[1],
        **_DATE_FORMATS,
    }


def locale_config() -> dict[str, Any]:
    """The plotly config entries for the language in use (``{}`` in English).

    >>> from jlp.i18n import language_set
    >>> with language_set("es"):
    ...     locale_config()["locales"]["es"]["format"]["decimal"]
    ','
    """
    code = language()
    if code == SOURCE_LANGUAGE:
        return {}
    return {
        "locale": code,
        "locales": {code: {"dictionary": TEXT.as_dict(), "format": _format(code, separators())}},
    }


__all__ = ["TEXT", "locale_config"]
