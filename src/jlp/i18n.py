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

Words follow the language too, through one gettext catalogue (``src/jlp/locale``: the
template ``jlp.pot``, the Spanish ``es/LC_MESSAGES/jlp.po``, read with Babel the first time a
Spanish word is asked for). The English text in the code is the message id, and it is
translated when it is *used*, never when a module is imported, so a notebook may change the
language at any time. A module keeps its words in one place, a :class:`Messages` dict, whose
strings (at any depth) are translated each time they are read; a lone sentence is marked
with :func:`gettext` (used now) or :func:`N_` (only marked: translated later with
:func:`gettext`). Placeholders are named (``{year}``), so a translation may reorder them.
What comes back is a :class:`Message`, a ``str`` whose ``format`` writes the numbers it
places the language's way (``{cost:,.0f}``: 4.000 in Spanish).

>>> TEXT = Messages({"fee": "Fee", "full": "The network pays the full cost from year {year}."})
>>> with language_set("es"):
...     TEXT["fee"], TEXT["full"].format(year=4)
('Cuota', 'La red paga el costo total a partir del año 4.')
>>> with language_set("en"):
...     TEXT["fee"], gettext("Fee")
('Fee', 'Fee')

``make messages`` extracts every marked string (the ``Messages`` dicts too, by
:mod:`jlp.i18n_extract`) into ``jlp.pot`` and brings ``jlp.po`` up to date; a translator then
fills in the new ``msgstr`` lines (``tests/test_i18n_catalogue.py`` fails on any left empty).
"""

from __future__ import annotations

import gettext as _gettext
import io
import numbers
import os
import re
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

#: The languages the course is written in; the first is the source language.
LANGUAGES: tuple[str, ...] = ("en", "es")
SOURCE_LANGUAGE = LANGUAGES[0]
#: Babel locales for the numbers of each language (``JLP_NUMBER_LOCALE`` overrides).
NUMBER_LOCALES = {"en": "en_US", "es": "es"}
NBSP = "\u00a0"
#: The gettext domain, and the folder of its catalogues (``<language>/LC_MESSAGES/jlp.po``).
DOMAIN = "jlp"
CATALOGUES = Path(__file__).parent / "locale"

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


def format_number(value: float, decimals: int | None = None, *, grouping: bool = True) -> str:
    """``value`` with the language's separators; ``decimals`` fixes the decimal places,
    otherwise up to three are shown (trailing zeros dropped); ``grouping=False`` writes no
    thousands separator (a year, a code).

    >>> with language_set("es"):
    ...     format_number(1234567), format_number(0.1234), format_number(3, decimals=1)
    ('1.234.567', '0,123', '3,0')
    """
    from babel.numbers import format_decimal

    whole = "#,##0" if grouping else "0"
    if decimals is None:
        pattern = whole + ".###"
    else:
        pattern = whole + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale())


def separators() -> str:
    """The decimal sign then the thousands sign of the numbers in use, as plotly's layout
    ``separators`` takes them.

    >>> with language_set("es"):
    ...     separators()
    ',.'
    """
    return _separators(_locale())


@cache
def _separators(locale: str) -> str:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol(locale) + get_group_symbol(locale)


def number_text(value: float, places: int, *, grouped: bool = True) -> str:
    """``value`` with ``places`` decimals and the separators of the numbers in use, fast
    enough for every cell of a large table; ``grouped=False`` leaves out the thousands
    separator (a year).

    >>> with language_set("en"):
    ...     number_text(1234567.891, 2), number_text(-0.0, 0), number_text(1997, 0, grouped=False)
    ('1,234,567.89', '0', '1997')
    >>> with language_set("es"):
    ...     number_text(4000.5, 1)
    '4.000,5'
    """
    if round(value, places) == 0:
        value = 0.0  # no "-0"
    if not grouped:
        return f"{value:.{places}f}"
    point, group = separators()
    return f"{value:,.{places}f}".translate({ord(","): group, ord("."): point})


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


# --------------------------------------------------------------------------- words


@cache
def translations(code: str) -> _gettext.NullTranslations:
    """jlp's catalogue of language ``code`` (``jlp.po``, read by :func:`catalogue`); English
    has none.

    >>> translations("es").gettext("Year")
    'Año'
    >>> translations("en").gettext("Year")
    'Year'
    """
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return catalogue(CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po", code)


@cache
def catalogue(path: Path, code: str) -> _gettext.NullTranslations:
    """The gettext catalogue in ``path``, a ``.po`` file of language ``code`` (jlp's own, or
    a data table's), read once per process; a missing file gives an empty catalogue.

    The ``.po`` file itself is read (with Babel), so a fresh clone needs no compile step;
    fuzzy entries and empty ``msgstr`` lines are left out, so they fall back to English.

    >>> catalogue(CATALOGUES / "es" / "LC_MESSAGES" / "jlp.po", "es").gettext("Year")
    'Año'
    >>> catalogue(CATALOGUES / "es" / "LC_MESSAGES" / "none.po", "es").gettext("Year")
    'Year'
    """
    if not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        read = read_po(po, locale=code, domain=path.stem)
    compiled = io.BytesIO()
    write_mo(compiled, read, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


_SPEC = re.compile(
    r"(?P<align>.?[<>^=])?(?P<sign>[-+ ])?(?P<zero>0)?(?P<width>\d+)?(?P<group>[,_])?"
    r"(?:\.(?P<precision>\d+))?(?P<type>[dfFg%])?"
)


class _Numbers(string.Formatter):
    """``str.format`` whose number fields (``{cost:,.0f}``, ``{share:.0%}``, ``{x:g}``)
    follow the separators of the language in use; every other field as Python writes it."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if not format_spec and isinstance(value, float):  # {index}: 14.3 reads 14,3
            return format_number(value, grouping=False)
        spec = _SPEC.fullmatch(format_spec) if format_spec else None
        if (
            spec is None
            or spec["sign"]
            or spec["zero"]
            or not isinstance(value, numbers.Real)
            or isinstance(value, bool)
            or not (spec["type"] or spec["group"])
        ):
            return super().format_field(value, format_spec)
        kind, places = spec["type"] or "", spec["precision"]
        if kind == "%":
            text = format_percent(float(value), decimals=int(places or 6))
        elif kind == "g":  # up to six decimals, as Python's "g" shows them
            from babel.numbers import format_decimal

            pattern = ("#,##0" if spec["group"] else "0") + ".######"
            text = format_decimal(value, format=pattern, locale=_locale())
        else:
            decimals = 0 if kind == "d" else int(places or (6 if kind in ("f", "F") else 0))
            if not kind and not isinstance(value, numbers.Integral):
                decimals = None
            text = format_number(value, decimals=decimals, grouping=bool(spec["group"]))
        if spec["width"]:
            text = format(text, f"{spec['align'] or '>'}{spec['width']}")
        return text


_NUMBERS = _Numbers()


class Message(str):
    """A message in the current language. Its :meth:`format` writes numbers the way that
    language does (``{cost:,.0f}`` gives 4.000 in Spanish); in English it is ``str.format``.

    >>> with language_set("es"):
    ...     gettext("Fee share: {share:.0%} of US$ {cost:,.0f}").format(share=0.2, cost=4000)
    'Fee share: 20\xa0% of US$ 4.000'
    """

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        if language() == SOURCE_LANGUAGE:
            return str.format(self, *args, **kwargs)
        return _NUMBERS.vformat(self, args, kwargs)


def gettext(message: str) -> str:
    """``message`` in the current language (itself when it has no translation), as a
    :class:`Message`: a ``str`` whose ``format`` writes numbers the language's way.

    >>> with language_set("es"):
    ...     gettext("Year")
    'Año'
    """
    if not message:  # gettext("") is the catalogue's header, never a word
        return message
    return Message(translations(language()).gettext(message))


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language.

    >>> with language_set("en"):
    ...     ngettext("{n} year", "{n} years", 1).format(n=1)
    '1 year'
    """
    return Message(translations(language()).ngettext(singular, plural, count))


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where the same English needs another word
    elsewhere (``context`` tells the two apart; it is never shown).

    >>> with language_set("en"):
    ...     pgettext("chart legend", "Fee")
    'Fee'
    """
    return Message(translations(language()).pgettext(context, message))


_S = TypeVar("_S", bound=str)


def N_(message: _S) -> _S:
    """Mark ``message`` for the catalogue without translating it now: translate it where
    it is used, with :func:`gettext`.

    >>> HEADERS = {"year": (N_("Year"), "year")}
    >>> with language_set("es"):
    ...     gettext(HEADERS["year"][0])
    'Año'
    """
    return message


def _translated(value: Any) -> Any:
    if isinstance(value, str):
        return gettext(value)
    if isinstance(value, Messages):
        return value
    if isinstance(value, Mapping):
        return Messages(value)
    if isinstance(value, tuple | list):
        return type(value)(_translated(item) for item in value)
    return value


class Messages(Mapping[Any, Any]):
    """A module's user-facing strings, written in English and translated when read.

    Every string value is a message: alone, in a tuple or list, or in a nested dict (which
    reads as a :class:`Messages` too). Other values (numbers, None) come back unchanged.
    Keys are never translated. ``make messages`` finds these strings by themselves (no
    marking inside the dict), with the module and line of each.

    >>> TEXT = Messages({"year": "Year", "axes": ("Year", "Fee"), "kinds": {"firm": "Firm"}})
    >>> with language_set("es"):
    ...     TEXT["year"], TEXT["axes"], TEXT["kinds"]["firm"], TEXT.get("nothing", "-")
    ('Año', ('Año', 'Cuota'), 'Empresa', '-')
    >>> with language_set("en"):
    ...     TEXT.as_dict()
    {'year': 'Year', 'axes': ('Year', 'Fee'), 'kinds': {'firm': 'Firm'}}
    """

    __slots__ = ("_source",)

    def __init__(self, source: Mapping[Any, Any]) -> None:
        self._source = {
            key: Messages(value) if isinstance(value, Mapping) else value
            for key, value in source.items()
        }

    def __getitem__(self, key: Any) -> Any:
        return _translated(self._source[key])

    def __iter__(self) -> Iterator[Any]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)

    def __repr__(self) -> str:
        return f"Messages({self.source()!r})"

    def source(self) -> dict[Any, Any]:
        """The English text, untranslated (nested dicts as plain dicts)."""
        return {
            key: value.source() if isinstance(value, Messages) else value
            for key, value in self._source.items()
        }

    def as_dict(self) -> dict[Any, Any]:
        """A plain dict in the current language (for JSON, a widget's front end, a template)."""
        return {
            key: value.as_dict() if isinstance(value, Messages) else value
            for key, value in self.items()
        }

    def in_language(self, code: str | None) -> dict[Any, Any]:
        """A plain dict in language ``code`` (a Sphinx ``language`` such as ``es`` or
        ``es_419``); a language jlp lacks, or None, gives English.

        >>> (
        ...     Messages({"fee": "Fee"}).in_language("es_HN"),
        ...     Messages({"fee": "Fee"}).in_language("fr"),
        ... )
        ({'fee': 'Cuota'}, {'fee': 'Fee'})
        """
        with language_set(_known(code) or SOURCE_LANGUAGE):
            return self.as_dict()


__all__ = [
    "CATALOGUES",
    "DOMAIN",
    "LANGUAGES",
    "NUMBER_LOCALES",
    "N_",
    "SOURCE_LANGUAGE",
    "Message",
    "Messages",
    "catalogue",
    "format_money",
    "format_number",
    "format_percent",
    "gettext",
    "language",
    "language_set",
    "ngettext",
    "number_text",
    "pgettext",
    "separators",
    "set_language",
    "translations",
]
