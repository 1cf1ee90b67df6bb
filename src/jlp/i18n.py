"""The language jlp speaks, and numbers and money written the way that language writes them.

The language is, in order: the one set by :func:`set_language` (a call in a notebook),
the ``JLP_LANG`` environment variable (set by the Spanish build of the book, and by
``--lang`` on the command line), the system locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``), else English. Only languages the course is written in are chosen (English,
Spanish); anything else falls back to English.

Numbers follow the language (Babel's locale data): Spanish writes 4.000 and 2,5, English
4,000 and 2.5. Honduras, Nicaragua and Mexico write 4,000.5 in Spanish too: a programme
there sets ``JLP_NUMBER_LOCALE=es_HN`` (any Babel locale) and jlp writes numbers that way.
A percentage keeps a no-break space before the sign in both languages, so "20 %" never
breaks across two lines. The file contracts do not change with the language: column
names and slugs are the same everywhere.

>>> with language_set("es"):
...     format_money(4000), format_number(2.5), format_percent(0.2)
('US$\\xa04.000', '2,5', '20\\xa0%')
>>> with language_set("en"):
...     format_money(4000), format_number(1234.5678, decimals=2), format_percent(0.455)
('US$\\xa04,000', '1,234.57', '45.5\\xa0%')
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

#: The languages the course is written in; the first is the source language.
LANGUAGES: tuple[str, ...] = ("en", "es")
SOURCE_LANGUAGE = LANGUAGES[0]
#: Babel locales for the numbers of each language (``JLP_NUMBER_LOCALE`` overrides).
NUMBER_LOCALES = {"en": "en_US", "es": "es"}
NBSP = "\u00a0"

_chosen: str | None = None


def _known(code: str | None) -> str | None:
    """``es`` for ``es``, ``es_HN.UTF-8`` or ``es-419``; None for a language jlp lacks."""
    if not code:
        return None
    short = code.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in LANGUAGES else None


def set_language(code: str | None) -> str:
    """Choose the language for this process (``None`` goes back to the environment's).

    >>> set_language("es"), language()
    ('es', 'es')
    >>> set_language(None) == language()
    True
    """
    global _chosen
    if code is not None and _known(code) is None:
        raise ValueError(f"jlp speaks {', '.join(LANGUAGES)}, not '{code}'")
    _chosen = _known(code)
    return language()


def language() -> str:
    """The language in use now (see the module text for how it is chosen)."""
    if _chosen:
        return _chosen
    for variable in ("JLP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        found = _known(os.environ.get(variable))
        if found:
            return found
        if variable == "JLP_LANG" and os.environ.get(variable):
            break  # an explicit choice jlp cannot meet: English, not the system locale
    return SOURCE_LANGUAGE


@contextmanager
def language_set(code: str) -> Iterator[str]:
    """Use ``code`` inside a ``with`` block, then go back to the language before."""
    global _chosen
    before = _chosen
    set_language(code)
    try:
        yield language()
    finally:
        _chosen = before


def _locale() -> str:
    return os.environ.get("JLP_NUMBER_LOCALE") or NUMBER_LOCALES[language()]


def format_number(value: float, decimals: int | None = None) -> str:
    """``value`` with the language's separators; ``decimals`` fixes the decimal places,
    otherwise up to three are shown (trailing zeros dropped).

    >>> with language_set("es"):
    ...     format_number(1234567), format_number(0.1234), format_number(3, decimals=1)
    ('1.234.567', '0,123', '3,0')
    """
    from babel.numbers import format_decimal

    if decimals is None:
        pattern = "#,##0.###"
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale())


def format_percent(share: float, decimals: int | None = None) -> str:
    """A share (0.2) as a percentage ("20 %", with a no-break space).

    >>> with language_set("en"):
    ...     format_percent(1 / 3, decimals=0)
    '33\\xa0%'
    """
    digits = 1 if decimals is None else decimals
    number = format_number(round(share * 100, digits), decimals=decimals)
    return f"{number}{NBSP}%"


def format_money(amount: float, decimals: int = 0) -> str:
    """US dollars as the course writes them: "US$ 4,000" (English), "US$ 4.000" (Spanish).

    >>> with language_set("es"):
    ...     format_money(1800.5, decimals=2)
    'US$\\xa01.800,50'
    """
    return f"US${NBSP}{format_number(amount, decimals=decimals)}"


__all__ = [
    "LANGUAGES",
    "NUMBER_LOCALES",
    "SOURCE_LANGUAGE",
    "format_money",
    "format_number",
    "format_percent",
    "language",
    "language_set",
    "set_language",
]
