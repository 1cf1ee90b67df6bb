"""The presets of :mod:`jlp.fees`, read from the bundled table ``fee_presets``.

Each row of ``datasets/fee_presets.csv`` is one parameter of one preset. A *reported* row
leaves its value empty and names the bundled figure it comes from in ``taken_from``
(``reported_figures/<id>`` or ``projects/<id>/<column>``), so a figure of the paper is
typed only once, in ``reported_figures.csv`` or ``projects.csv``. Everything else is
*illustrative*: a value made up for teaching, whose ``note`` says why it was chosen.

>>> table = parameter_table()
>>> row = table[(table["preset"] == "emasim") & (table["parameter"] == "first_share")].iloc[0]
>>> float(row["value"]), row["provenance"], row["source"]
(0.2, 'reported', 'Honduras section')
>>> parameters("ramp", "emasim")["subsidised_years"]
3.0
"""

from __future__ import annotations

import pandas as pd

from jlp.datasets import load
from jlp.errors import JlpInputError, Problem
from jlp.i18n import Messages
from jlp.text import closest, did_you_mean

TABLE = "fee_presets"
FILE = "fee_presets.csv"

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "no_figure": "no reported figure {id!r}",
        "figure_fix": "name an id of reported_figures.csv",
        "no_cell": "no project cell {id}/{column}",
        "cell_fix": "name an id and a column of projects.csv",
        "empty_cell": "projects.csv leaves {id}/{column} empty",
        "empty_cell_fix": "refer to a cell that holds a number",
        "both": "gives both a value and taken_from",
        "neither": "gives no value",
        "value_fix": "give either a value or, in taken_from, the figure it comes from (not both)",
        "no_preset": "no {kind} preset named {name!r}",
        "presets": "The presets are: {names}",
    }
)


def _lookup(
    reference: str, unit: str, figures: pd.DataFrame, projects: pd.DataFrame, row: int
) -> float:
    parts = reference.split("/")
    where = {"file": FILE, "row": row, "column": "taken_from"}
    if parts[0] == "reported_figures":
        if parts[1] not in figures.index:
            raise JlpInputError(
                TEXT["no_figure"].format(id=parts[1]),
                **where,
                fix=TEXT["figure_fix"],
            )
        figure = figures.loc[parts[1]]
        value = float(figure["value"])
        if figure["unit"] == "percent" and unit == "fraction":
            value /= 100.0
        return value
    if parts[1] not in projects.index or parts[2] not in projects.columns:
        raise JlpInputError(
            TEXT["no_cell"].format(id=parts[1], column=parts[2]),
            **where,
            fix=TEXT["cell_fix"],
        )
    cell = projects.loc[parts[1], parts[2]]
    if pd.isna(cell):
        raise JlpInputError(
            TEXT["empty_cell"].format(id=parts[1], column=parts[2]),
            **where,
            fix=TEXT["empty_cell_fix"],
        )
    return float(cell)


def parameter_table() -> pd.DataFrame:
    """Every preset parameter with its value filled in, its provenance and its source.

    Columns: ``kind, preset, parameter, value, unit, taken_from, provenance, source, note``.
    """
    table = load(TABLE)
    figures = load("reported_figures").set_index("id")
    projects = load("projects").set_index("id")
    values: list[float] = []
    problems: list[Problem] = []
    for index, record in enumerate(table.to_dict("records")):
        row = index + 2  # the header is row 1
        has_value = pd.notna(record["value"])
        has_reference = pd.notna(record["taken_from"])
        if has_value == has_reference:
            problems.append(
                Problem(
                    TEXT["both"] if has_value else TEXT["neither"],
                    FILE,
                    row,
                    "value",
                    TEXT["value_fix"],
                )
            )
            values.append(float("nan"))
            continue
        if has_value:
            values.append(float(record["value"]))
            continue
        try:
            values.append(
                _lookup(str(record["taken_from"]), str(record["unit"]), figures, projects, row)
            )
        except JlpInputError as err:
            problems.extend(err.problems)
            values.append(float("nan"))
    if problems:
        raise JlpInputError(problems=problems)
    table["value"] = values
    return table


def preset_names(kind: str) -> list[str]:
    """The presets of one kind, in the order of the table.

    >>> preset_names("ramp")
    ['emasim', 'fast', 'gentle', 'none']
    """
    table = load(TABLE)
    return list(dict.fromkeys(table.loc[table["kind"] == kind, "preset"]))


def check_preset(kind: str, name: object) -> str:
    """``name`` if it is a preset of ``kind``; otherwise a :class:`JlpInputError`.

    >>> check_preset("ramp", "emasm")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jlp.errors.JlpInputError: column 'preset': no ramp preset named 'emasm' (fix: did you ...
    """
    names = preset_names(kind)
    if isinstance(name, str) and name.strip().lower() in names:
        return name.strip().lower()
    raise JlpInputError(
        TEXT["no_preset"].format(kind=kind, name=name),
        column="preset",
        fix=(did_you_mean(name, names) + " " if closest(name, names) else "")
        + TEXT["presets"].format(names=", ".join(names)),
    )


def parameters(kind: str, name: str) -> dict[str, float]:
    """The parameters of one preset as ``{parameter: value}`` (reported values filled in)."""
    name = check_preset(kind, name)
    table = parameter_table()
    rows = table[(table["kind"] == kind) & (table["preset"] == name)]
    return dict(zip(rows["parameter"], rows["value"].astype(float), strict=True))


def provenance(kind: str, name: str) -> pd.DataFrame:
    """One preset's parameters with value, unit, provenance, source and note, for display.

    >>> provenance("ramp", "emasim").loc["step", "provenance"]
    'illustrative'
    """
    name = check_preset(kind, name)
    table = parameter_table()
    rows = table[(table["kind"] == kind) & (table["preset"] == name)]
    return rows[["parameter", "value", "unit", "provenance", "source", "note"]].set_index(
        "parameter"
    )


def default_service() -> dict[str, float]:
    """The illustrative yearly service cost (US$) and horizon (years) of a schedule.

    >>> default_service()
    {'annual_cost': 4000.0, 'years': 10.0}
    """
    return parameters("service", "default")


__all__ = [
    "check_preset",
    "default_service",
    "parameter_table",
    "parameters",
    "preset_names",
    "provenance",
]
