"""Assessments: the tidy table of judged NET cells, checked and normalised.

An assessment is one network judged on one date: up to 42 rows, one per cell, with the
columns of the assessment file (DESIGN.md, Data contracts) — ``network``, ``date`` (ISO 8601,
``YYYY-MM-DD``), ``indicator``, ``stage``, ``rating`` and optionally ``assessor`` and
``note``. A rating is ``achieved``, ``partial`` or ``not_achieved`` (or ``2``, ``1``,
``0``); an empty rating means the cell is not judged yet. A file may hold many
assessments (a history, a whole programme).

:func:`validate` turns any such table into the normal form every other function expects
(slugs checked, ratings as words, dates as ``YYYY-MM-DD`` text, empty strings for empty
cells), or raises one :class:`~jlp.errors.JlpInputError` listing every problem with its
row and column. It works on whole columns at once, so a programme's history of hundreds
of thousands of rows is checked in a fraction of a second.

>>> table = template("Emasim", "1998-03-01")
>>> len(table), sorted(set(table["rating"]))
(42, [''])
>>> table.loc[0, "rating"] = "2"
>>> validate(table).loc[0, "rating"]
'achieved'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jlp.errors import JlpInputError, Problem
from jlp.files.read import as_text
from jlp.i18n import Messages
from jlp.text import did_you_mean, has_hidden
from jlp.vocabulary import CELLS, INDICATORS, RATINGS, STAGES
from jlp.vocabulary import RATING_WORDS as _RATING_ALIASES

#: User-facing strings (translated when read, see :mod:`jlp.i18n`).
TEXT = Messages(
    {
        "missing_columns": "missing required column(s): {columns}",
        "missing_columns_fix": "the header row must name {required} (optional: {optional})",
        "twice": "the column '{column}' appears twice in the header",
        "twice_fix": "keep one column of each name",
        "no_rows": "the file holds no assessment rows",
        "no_rows_fix": "add one row per judged cell, or start from `jlp net template`",
        "no_network": "the network name is empty",
        "no_network_fix": "write the network's name on every row",
        "bad_date": "'{value}' is not a date in the form YYYY-MM-DD",
        "bad_date_fix": "write the date as year-month-day, e.g. 1998-03-01",
        "bad_indicator": "'{value}' is not a NET indicator",
        "bad_stage": "'{value}' is not a NET stage",
        "bad_rating": "'{value}' is not a rating",
        "bad_rating_fix": "write achieved, partial or not_achieved (in Spanish: logrado, parcial "
        "or no logrado; or 2, 1, 0); leave it empty if not judged yet",
        "rated_twice": "the cell {indicator} × {stage} of {network} on {date} is already rated "
        "on row {row}",
        "rated_twice_fix": "keep one row per cell in each assessment",
        "more": "… and {n} more problems",
        "name_fix": "give the network's name",
        "hidden": "the network name '{network}' holds a hidden character",
        "hidden_fix": "type the name again, letters only",
        "bad_cell": "{cell} is not a NET cell",
        "bad_cell_fix": "name each cell by indicator and stage, e.g. ('group_cohesion', "
        "'decision'); indicators: {indicators}; stages: {stages}",
        "several": "the table holds several networks: say which one",
        "choose": "choose one of {choices}",
        "no_network_rows": "no assessment of the network '{network}'",
        "no_date": "'{network}' has no assessment dated '{date}'",
    }
)

#: Columns every assessment file must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("network", "date", "indicator", "stage", "rating")

#: Columns an assessment file may have; any others are kept as they are.
OPTIONAL_COLUMNS: tuple[str, ...] = ("assessor", "note")

#: Reference columns a template carries for the person filling it in; dropped on reading.
REFERENCE_COLUMNS: tuple[str, ...] = ("indicator_label", "stage_label", "result")

#: The columns of a normalised assessment table, in order.
COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

#: The identity of one assessment.
KEY: list[str] = ["network", "date"]

#: How many problems an error lists before it says "and N more".
MAX_PROBLEMS = 30

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")


_RATING_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_]+")


def rating_key(value: object) -> str:
    """A rating cell reduced to what is compared: no accents, lower case, one ``_``
    between words (spaces of any kind, hyphens and dashes alike).

    >>> rating_key(" No  LOGRADO "), rating_key("no-lo\u0301grado"), rating_key("Not\u00a0achieved")
    ('no_logrado', 'no_logrado', 'not_achieved')
    """
    text = unicodedata.normalize("NFKD", as_text(value).strip())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _RATING_SEPARATORS.sub("_", text.casefold())


def normalise_rating(value: object) -> str | None:
    """The rating word for a cell value, ``''`` for not judged, ``None`` if not allowed.

    English and Spanish words (:data:`jlp.vocabulary.RATING_WORDS`) are read alike, in any
    case, with or without accents, in either Unicode form: ``achieved``/``logrado``,
    ``partial``/``parcial``, ``not achieved``/``no logrado`` (or 2, 1, 0); the file contract
    stays the English words (jlp writes ``achieved``, ``partial``, ``not_achieved``).

    >>> normalise_rating("Not achieved"), normalise_rating(1), normalise_rating("maybe")
    ('not_achieved', 'partial', None)
    >>> normalise_rating("LOGRADO"), normalise_rating("Parcial"), normalise_rating("No lógrado")
    ('achieved', 'partial', 'not_achieved')
    """
    return _RATING_ALIASES.get(rating_key(value))


def normalise_date(value: object) -> str | None:
    """An ISO date ``YYYY-MM-DD`` for a cell value, or ``None`` if it is not a valid date.

    >>> normalise_date("1997-08-01"), normalise_date("01/08/1997"), normalise_date("1997-02-30")
    ('1997-08-01', None, None)
    """
    match = _ISO_DATE.match(as_text(value).strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class Checked:
    """A checked assessment table as codes: what :func:`validate` and
    :func:`jlp.net.scoring.cube` both build on (one factorisation per column).

    ``network``/``date`` codes index the sorted ``networks``/``dates``; ``indicator``,
    ``stage`` index :data:`~jlp.net.rubric.INDICATORS`/:data:`~jlp.net.rubric.STAGES`;
    ``rating`` indexes :data:`RATINGS` (-1 = not judged). ``text`` holds every column's
    stripped text; ``index`` the labels of the rows kept (entirely empty rows are dropped).
    """

    network: np.ndarray
    networks: np.ndarray
    date: np.ndarray
    dates: np.ndarray
    indicator: np.ndarray
    stage: np.ndarray
    rating: np.ndarray
    text: dict[str, np.ndarray]
    index: pd.Index


def _factorised(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct stripped texts of a column, factorising the big array only once."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object))  # missing values: -1
    texts = np.array([as_text(u).strip() for u in uniques] + [""], dtype=object)
    merged, distinct = pd.factorize(texts)
    return merged[codes], np.asarray(distinct, dtype=object)  # code -1 picks the last: ""


def _sorted_codes(codes: np.ndarray, uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(uniques.astype(str), kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], uniques[order]


def check(
    table: pd.DataFrame,
    *,
    file: str | None = None,
    rows: Sequence[int] | None = None,
) -> Checked:
    """Check an assessment table; return it as codes or raise listing every problem.

    See :func:`validate` for the rules; this is its fast core.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError("an assessment table must be a pandas DataFrame")
    table = table.rename(columns=lambda c: as_text(c).strip().lower())
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise JlpInputError(
            TEXT["missing_columns"].format(columns=", ".join(missing)),
            file=file,
            row=1,
            fix=TEXT["missing_columns_fix"].format(
                required=", ".join(REQUIRED_COLUMNS), optional=", ".join(OPTIONAL_COLUMNS)
            ),
        )
    dupes = table.columns[table.columns.duplicated()].unique().tolist()
    if dupes:
        raise JlpInputError(
            TEXT["twice"].format(column=dupes[0]),
            file=file,
            row=1,
            column=dupes[0],
            fix=TEXT["twice_fix"],
        )
    table = table.drop(columns=[c for c in REFERENCE_COLUMNS if c in table.columns])
    row_numbers = np.asarray(list(rows) if rows is not None else range(2, len(table) + 2))
    if len(row_numbers) != len(table):
        raise ValueError("rows must give one number per table row")

    factors = {c: _factorised(table[c]) for c in table.columns}
    blank = np.ones(len(table), dtype=bool)
    for codes, uniques in factors.values():
        blank &= (uniques == "")[codes]
    keep = ~blank
    if not keep.any():
        raise JlpInputError(
            TEXT["no_rows"],
            file=file,
            fix=TEXT["no_rows_fix"],
        )
    if not keep.all():
        factors = {c: (codes[keep], uniques) for c, (codes, uniques) in factors.items()}
        row_numbers = row_numbers[keep]
    index = table.index[keep]

    problems: list[Problem] = []

    def report(bad_unique: np.ndarray, column: str, message: str, fix: str | dict) -> None:
        codes, uniques = factors[column]
        if not bad_unique.any():
            return
        for position in np.flatnonzero(bad_unique[codes]):
            value = uniques[codes[position]]
            hint = fix[value] if isinstance(fix, dict) else fix
            problems.append(
                Problem(
                    message.replace("{value}", value),
                    file,
                    int(row_numbers[position]),
                    column,
                    hint,
                )
            )

    net_codes, net_uniques = factors["network"]
    report(
        net_uniques == "",
        "network",
        TEXT["no_network"],
        TEXT["no_network_fix"],
    )

    date_codes, date_uniques = factors["date"]
    iso = np.array([normalise_date(d) or "" for d in date_uniques], dtype=object)
    report(
        iso == "",
        "date",
        TEXT["bad_date"],
        TEXT["bad_date_fix"],
    )

    positions = {}
    for column, choices in (("indicator", INDICATORS), ("stage", STAGES)):
        codes, uniques = factors[column]
        lookup = np.array(
            [choices.index(u) if u in choices else -1 for u in uniques], dtype=np.int64
        )
        hints = {u: did_you_mean(u, choices) for u in uniques[lookup < 0]}
        report(lookup < 0, column, TEXT[f"bad_{column}"], hints)
        positions[column] = lookup[codes]

    rating_codes, rating_uniques = factors["rating"]
    words = [normalise_rating(u) for u in rating_uniques]
    rating_lookup = np.array(
        [-2 if w is None else (RATINGS.index(w) if w else -1) for w in words], dtype=np.int8
    )
    report(
        rating_lookup == -2,
        "rating",
        TEXT["bad_rating"],
        TEXT["bad_rating_fix"],
    )

    if problems:
        _raise(problems, file)

    # Dates that differ only in form (1998-03-01 and 1998-03-01 00:00:00) become one.
    date_merged, dates = pd.factorize(iso)
    date_codes = date_merged[date_codes]
    net_codes, networks = _sorted_codes(net_codes, net_uniques)
    date_codes, dates = _sorted_codes(date_codes, np.asarray(dates, dtype=object))
    indicator, stage = positions["indicator"], positions["stage"]
    key = ((net_codes * len(dates) + date_codes) * len(INDICATORS) + indicator) * len(STAGES)
    key += stage
    twice = pd.Series(key).duplicated(keep=False).to_numpy()
    if twice.any():
        first_row: dict[int, int] = {}
        for position in np.flatnonzero(twice):
            cell = int(key[position])
            if cell not in first_row:
                first_row[cell] = int(row_numbers[position])
                continue
            problems.append(
                Problem(
                    TEXT["rated_twice"].format(
                        indicator=INDICATORS[indicator[position]],
                        stage=STAGES[stage[position]],
                        network=networks[net_codes[position]],
                        date=dates[date_codes[position]],
                        row=first_row[cell],
                    ),
                    file,
                    int(row_numbers[position]),
                    "stage",
                    TEXT["rated_twice_fix"],
                )
            )
        _raise(problems, file)

    text = {
        c: uniques[codes]
        for c, (codes, uniques) in factors.items()
        if c not in ("network", "date", "indicator", "stage", "rating")
    }
    return Checked(
        net_codes,
        networks,
        date_codes,
        dates,
        indicator.astype(np.int8),
        stage.astype(np.int8),
        rating_lookup[rating_codes],
        text,
        index,
    )


def _raise(problems: list[Problem], file: str | None) -> None:
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(Problem(TEXT["more"].format(n=len(problems) - MAX_PROBLEMS), file))
    raise JlpInputError(problems=shown)


def validate(
    table: pd.DataFrame,
    *,
    file: str | None = None,
    rows: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Check an assessment table and return it in normal form; raise on any bad row.

    ``rows`` gives each row's number as a spreadsheet shows it (header = row 1); by default
    the rows count from 2 in table order. Rows that are entirely empty are dropped; the
    index of the result keeps the labels of the rows it came from. Every problem found is
    listed (up to :data:`MAX_PROBLEMS`), each with its file, row, column and a fix.

    >>> bad = template("Emasim", "1998-03-01").assign(rating="maybe")
    >>> try:
    ...     validate(bad, file="emasim.csv")
    ... except JlpInputError as err:
    ...     print(err.problems[0].row, err.problems[0].column, err.problems[0].message)
    2 rating 'maybe' is not a rating
    """
    checked = check(table, file=file, rows=rows)
    words = np.array((*RATINGS, ""), dtype=object)
    out = {
        "network": checked.networks[checked.network],
        "date": checked.dates[checked.date],
        "indicator": np.asarray(INDICATORS, dtype=object)[checked.indicator],
        "stage": np.asarray(STAGES, dtype=object)[checked.stage],
        "rating": words[checked.rating],
    }
    empty = np.full(len(checked.network), "", dtype=object)
    for column in OPTIONAL_COLUMNS:
        out[column] = checked.text.get(column, empty)
    for column, values in checked.text.items():
        out.setdefault(column, values)
    return pd.DataFrame(out, index=checked.index, dtype=str)


def template(network: str, date: str | dt.date, *, assessor: str = "") -> pd.DataFrame:
    """An empty assessment: the 42 cells of one network and date, ratings left empty.

    >>> t = template("EcoHamaca", "1997-08-01")
    >>> t.iloc[-1][["indicator", "stage", "rating"]].tolist()
    ['external_relations', 'self_management', '']
    """
    network = str(network).strip()
    if not network:
        raise JlpInputError(TEXT["no_network"], column="network", fix=TEXT["name_fix"])
    if has_hidden(network):
        raise JlpInputError(
            TEXT["hidden"].format(network=network),
            column="network",
            fix=TEXT["hidden_fix"],
        )
    iso = normalise_date(date)
    if iso is None:
        raise JlpInputError(
            TEXT["bad_date"].replace("{value}", str(date)),
            column="date",
            fix=TEXT["bad_date_fix"],
        )
    return pd.DataFrame(
        {
            "network": network,
            "date": iso,
            "indicator": [i for i, _ in CELLS],
            "stage": [s for _, s in CELLS],
            "rating": "",
            "assessor": str(assessor),
            "note": "",
        }
    )


def from_ratings(
    network: str,
    date: str | dt.date,
    ratings: Mapping[tuple[str, str], object],
    *,
    assessor: str = "",
) -> pd.DataFrame:
    """An assessment from a mapping ``(indicator, stage) → rating``; other cells not judged.

    >>> a = from_ratings("Emasim", "1998-03-01", {("group_cohesion", "decision"): 2})
    >>> (a["rating"] != "").sum()
    np.int64(1)
    """
    table = template(network, date, assessor=assessor)
    position = {cell: n for n, cell in enumerate(CELLS)}
    for cell, value in ratings.items():
        if cell not in position:
            raise JlpInputError(
                TEXT["bad_cell"].format(cell=repr(cell)),
                fix=TEXT["bad_cell_fix"].format(
                    indicators=", ".join(INDICATORS), stages=", ".join(STAGES)
                ),
            )
        table.loc[position[cell], "rating"] = as_text(value)
    return validate(table)


def assessment_keys(assessments: pd.DataFrame) -> pd.DataFrame:
    """The distinct (network, date) pairs, sorted.

    >>> assessment_keys(template("B", "1998-01-01")).values.tolist()
    [['B', '1998-01-01']]
    """
    return assessments[KEY].drop_duplicates().sort_values(KEY).reset_index(drop=True)


def select(
    assessments: pd.DataFrame, network: str | None = None, date: str | None = None
) -> pd.DataFrame:
    """The rows of one network (and date); the latest date when ``date`` is not given.

    >>> a = pd.concat([template("A", "1998-01-01"), template("A", "1999-01-01")])
    >>> set(select(a, "A")["date"])
    {'1999-01-01'}
    """
    networks = sorted(set(assessments["network"]))
    if network is None:
        if len(networks) != 1:
            raise JlpInputError(
                TEXT["several"],
                column="network",
                fix=TEXT["choose"].format(choices=", ".join(networks[:10])),
            )
        network = networks[0]
    rows = assessments[assessments["network"] == network]
    if rows.empty:
        raise JlpInputError(
            TEXT["no_network_rows"].format(network=network),
            column="network",
            fix=did_you_mean(network, networks),
        )
    if date is None:
        date = max(rows["date"])
    else:
        iso = normalise_date(date)
        if iso is None or iso not in set(rows["date"]):
            raise JlpInputError(
                TEXT["no_date"].format(network=network, date=date),
                column="date",
                fix=TEXT["choose"].format(choices=", ".join(sorted(set(rows["date"])))),
            )
        date = iso
    return rows[rows["date"] == date]


def combine(tables: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Stack normalised assessment tables into one (columns united, empties as ``''``)."""
    frames = [t for t in tables if len(t)]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS})
    return pd.concat(frames, ignore_index=True).fillna("").astype(str)


__all__ = [
    "COLUMNS",
    "KEY",
    "OPTIONAL_COLUMNS",
    "RATINGS",
    "REFERENCE_COLUMNS",
    "REQUIRED_COLUMNS",
    "TEXT",
    "Checked",
    "as_text",
    "assessment_keys",
    "check",
    "combine",
    "from_ratings",
    "normalise_date",
    "normalise_rating",
    "select",
    "template",
    "validate",
]
