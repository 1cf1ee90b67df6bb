"""``jlp fees``: fee ramps and a broker institution's funding, from the command line.

``jlp fees schedule`` prints what a network pays its broker year by year: fee share, fee,
subsidy and cumulative cost recovery. Start from a preset (``--preset``, default
``emasim``) and change any part of it with ``--subsidised-years``, ``--first-share``,
``--step`` and ``--cap``; shares are fractions (``0.2``) or percents (``20%``). With
``--format csv`` or ``json`` the columns are exactly
``year,fee_share,fee,subsidy,cumulative_recovery`` (shares as fractions).
``jlp fees presets`` lists the presets and says which values the paper reports;
``jlp fees institution`` prints a broker institution's costs and revenue by source.

>>> from typer.testing import CliRunner
>>> result = CliRunner().invoke(app, ["schedule", "--years", "5", "--format", "csv"])
>>> print(result.output.strip())
year,fee_share,fee,subsidy,cumulative_recovery
1,0.0,0.0,4000.0,0.0
2,0.0,0.0,4000.0,0.0
3,0.0,0.0,4000.0,0.0
4,0.2,800.0,3200.0,0.05
5,0.45,1800.0,2200.0,0.13
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jlp.cli.options import as_options
from jlp.cli.output import TEXT as OUTPUT_TEXT
from jlp.cli.output import Format, aligned, local_headers, write_table
from jlp.errors import JlpInputError, Problem
from jlp.i18n import N_, SOURCE_LANGUAGE, Messages, format_number, language

if TYPE_CHECKING:
    import pandas as pd

#: Help texts (English; the command translates them, see :func:`jlp.cli.language.localise`).
HELP = {
    "app": N_("Fee ramps and funding: what a network pays its broker, and who pays the rest."),
    "schedule": N_("Year-by-year fee, subsidy and cost recovery of a fee ramp."),
    "presets": N_("List the ramp presets and where each value comes from."),
    "institution": N_("A broker institution's yearly costs and revenue by source."),
    "preset_help": N_("Ramp preset to start from: emasim (default), fast, gentle or none."),
    "subsidised_help": N_("Fully subsidised years before the first fee (e.g. 3)."),
    "first_help": N_("Share of the cost paid in the first paying year: 0.2 or 20%."),
    "step_help": N_("Share added each year after that: 0.25 or 25%."),
    "cap_help": N_("Highest share ever paid: 1 or 100%."),
    "cost_help": N_(
        "Yearly cost of the broker's services to the network, in US$ "
        "(default: an illustrative 4000)."
    ),
    "years_help": N_("Number of years to show (default 10)."),
    "institution_help": N_("Institution preset: certec or mexico."),
    "ramp_help": N_("Ramp preset the institution's networks follow (default: the preset's own)."),
    "new_help": N_("Networks joining in each later year (default: the preset's)."),
}

#: Messages of these commands (translated when read).
TEXT = Messages(
    {
        "headers": ["Year", "Fee share", "Fee (US$)", "Subsidy (US$)", "Recovered so far"],
        "full_cost": "The network pays the full cost from year {year}.",
        "never_full": "The network never pays the full cost (cap {cap}).",
        "note": "Illustrative: the yearly cost is a teaching assumption. "
        "Run `jlp fees presets` to see which values the paper reports.",
        "format_fix": "use table, csv or json",
        "format_bad": "{value!r} is not a format",
        "preset_head": ["Preset", "Free years", "First share", "Step", "Cap", "Full cost in year"],
        "reported_head": "Reported values (Ceglie & Dini, 1999):",
        "reported_line": "  {preset} {parameter} = {value} ({source})",
        "never": "never",
        "break_even": "Own revenue covers the costs from year {year}.",
        "no_break_even": "No break-even within {years} years.",
        "institution_headers": {
            "year": "Year",
            "active_networks": "Active networks",
            "cost": "Cost",
            "service_fees": "Service fees",
            "training_fees": "Training fees",
            "membership_fees": "Membership fees",
            "public_donor": "Donor",
            "public_state_government": "State government",
            "public_pii": "PII",
            "public_share": "Public share",
        },
    }
)

FORMATS = tuple(Format)
_OPTIONS = {
    "preset": "--preset",
    "subsidised_years": "--subsidised-years",
    "first_share": "--first-share",
    "step": "--step",
    "cap": "--cap",
    "annual_cost": "--annual-cost",
    "years": "--years",
    "format": "--format",
    "new_networks": "--new-networks",
    "ramp": "--ramp",
    "cost_per_network": "--annual-cost",
}

app = typer.Typer(help=HELP["app"], no_args_is_help=True, add_completion=False)


def _as_options(err: JlpInputError) -> JlpInputError:
    """The same problems, naming the command-line options instead of the parameters."""
    return as_options(err, _OPTIONS)


def _all_or_errors(*steps: Callable[[], Any]) -> list[Any]:
    """Run every step; if any raised :class:`JlpInputError`, raise one with all problems,
    naming the command-line options."""
    results, problems = [], []
    for step in steps:
        try:
            results.append(step())
        except JlpInputError as err:
            problems.extend(err.problems)
    if problems:
        raise _as_options(JlpInputError(problems=problems))
    return results


def _renamed(step: Callable[[], Any], column: str) -> Any:
    """Run ``step``; its problems name ``column`` (e.g. a ramp preset given as --ramp)."""
    try:
        return step()
    except JlpInputError as err:
        raise JlpInputError(
            problems=[Problem(p.message, p.file, p.row, column, p.fix) for p in err.problems]
        ) from None


def _format(value: str) -> str:
    if value.strip().lower() not in FORMATS:
        raise JlpInputError(
            TEXT["format_bad"].format(value=value), column="format", fix=TEXT["format_fix"]
        )
    return value.strip().lower()


def _percent(value: float) -> str:
    """A share as the tables show it: ``20 %`` (three significant digits; in Spanish with
    the language's decimal mark and a no-break space)."""
    if language() == SOURCE_LANGUAGE:
        return f"{value * 100:.3g} %"
    return f"{format_number(float(f'{value * 100:.3g}'))}\u00a0%"


def _money(value: float) -> str:
    if language() == SOURCE_LANGUAGE:
        return f"{value:,.0f}"
    return format_number(value, decimals=0)


def _amount(value: float) -> str:
    if language() == SOURCE_LANGUAGE:
        return f"{value:,.6g}"
    return format_number(float(f"{value:.6g}"))


def _print_table(headers: list[str], rows: list[list[str]]) -> None:
    typer.echo(aligned(headers, rows, right=[True] * len(headers)))


def _emit(frame: pd.DataFrame, fmt: str) -> bool:
    """Write ``frame`` as csv or json; False for the table format (the caller prints)."""
    if fmt == Format.table:
        return False
    write_table(frame, fmt)
    return True


@app.command(help=HELP["schedule"])
def schedule(
    preset: Annotated[str | None, typer.Option(help=HELP["preset_help"])] = None,
    subsidised_years: Annotated[str | None, typer.Option(help=HELP["subsidised_help"])] = None,
    first_share: Annotated[str | None, typer.Option(help=HELP["first_help"])] = None,
    step: Annotated[str | None, typer.Option(help=HELP["step_help"])] = None,
    cap: Annotated[str | None, typer.Option(help=HELP["cap_help"])] = None,
    annual_cost: Annotated[str | None, typer.Option(help=HELP["cost_help"])] = None,
    years: Annotated[str | None, typer.Option(help=HELP["years_help"])] = None,
    format: Annotated[str, typer.Option(help=OUTPUT_TEXT["format"])] = "table",
) -> None:
    from jlp import fees

    changes = {
        k: v
        for k, v in {
            "subsidised_years": subsidised_years,
            "first_share": first_share,
            "step": step,
            "cap": cap,
        }.items()
        if v is not None
    }
    fmt, rule, _ = _all_or_errors(
        lambda: _format(format),
        lambda: fees.ramp_preset(preset if preset is not None else "emasim").replace(**changes),
        # cost and years are checked here too, so that every problem is reported at once
        lambda: fees.schedule(fees.RampRule(first_share=0), annual_cost, years),
    )
    table = fees.schedule(rule, annual_cost, years)
    out = table[list(fees.SCHEDULE_COLUMNS)]
    if _emit(out, fmt):
        return
    _print_table(
        TEXT["headers"],
        [
            [
                str(r.year),
                _percent(r.fee_share),
                _money(r.fee),
                _money(r.subsidy),
                _percent(r.cumulative_recovery),
            ]
            for r in out.itertuples()
        ],
    )
    year = fees.full_cost_year(rule)
    typer.echo("")
    typer.echo(
        TEXT["full_cost"].format(year=year)
        if year is not None
        else TEXT["never_full"].format(cap=_percent(rule.cap))
    )
    typer.echo(TEXT["note"])


@app.command(help=HELP["presets"])
def presets() -> None:
    from jlp import fees

    rows = []
    for name, rule in fees.ramp_presets().items():
        year = fees.full_cost_year(rule)
        rows.append(
            [
                name,
                str(rule.subsidised_years),
                _percent(rule.first_share),
                _percent(rule.step),
                _percent(rule.cap),
                str(year) if year is not None else TEXT["never"],
            ]
        )
    _print_table(TEXT["preset_head"], rows)
    table = fees.parameter_table()
    reported = table[table["provenance"] == "reported"]
    typer.echo("")
    typer.echo(TEXT["reported_head"])
    for r in reported.itertuples():
        value = _percent(r.value) if r.unit == "fraction" else _amount(r.value)
        typer.echo(
            TEXT["reported_line"].format(
                preset=f"{r.kind}/{r.preset}", parameter=r.parameter, value=value, source=r.source
            )
        )


@app.command(help=HELP["institution"])
def institution(
    preset: Annotated[str, typer.Option(help=HELP["institution_help"])] = "certec",
    ramp: Annotated[str | None, typer.Option(help=HELP["ramp_help"])] = None,
    new_networks: Annotated[str | None, typer.Option(help=HELP["new_help"])] = None,
    annual_cost: Annotated[str | None, typer.Option(help=HELP["cost_help"])] = None,
    years: Annotated[str | None, typer.Option(help=HELP["years_help"])] = None,
    format: Annotated[str, typer.Option(help=OUTPUT_TEXT["format"])] = "table",
) -> None:
    from jlp import fees

    changes = {
        k: v
        for k, v in {
            "new_networks": new_networks,
            "years": years,
            "cost_per_network": annual_cost,
        }.items()
        if v is not None
    }
    checks = {
        "new_networks": lambda v: fees.parse_count(v, name="new_networks"),
        "years": lambda v: fees.parse_count(v, name="years", minimum=1, maximum=100),
        "cost_per_network": lambda v: fees.parse_amount(v, name="annual_cost", above=True),
    }
    fmt, name, rule, *_ = _all_or_errors(
        lambda: _format(format),
        lambda: fees.presets.check_preset("institution", preset),
        lambda: _renamed(lambda: fees.ramp_preset(ramp), "ramp") if ramp is not None else None,
        *[lambda k=k, v=v: checks[k](v) for k, v in changes.items()],
    )
    plan = _all_or_errors(lambda: fees.institution_preset(name, rule).replace(**changes))[0]
    table = fees.finances(plan)
    if _emit(table, fmt):
        return
    sources = fees.revenue_sources(table)
    headers = ["year", "active_networks", "cost", *sources, "public_share"]
    named = local_headers(TEXT["institution_headers"])
    _print_table(
        [named.get(h, h) for h in headers],
        [
            [
                str(r["year"]),
                str(r["active_networks"]),
                _money(r["cost"]),
                *[_money(r[s]) for s in sources],
                _percent(r["public_share"]),
            ]
            for r in table.to_dict("records")
        ],
    )
    year = fees.break_even_year(table)
    typer.echo("")
    typer.echo(
        TEXT["break_even"].format(year=year)
        if year is not None
        else TEXT["no_break_even"].format(years=len(table))
    )


__all__ = ["app"]
