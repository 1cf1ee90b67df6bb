"""``jlp net``: the Network Evaluation Tool from the command line.

* ``jlp net template NETWORK DATE -o FILE`` writes the 42 rows of an empty assessment
  (``.csv`` or ``.xlsx``), ready to fill in a spreadsheet;
* ``jlp net score FILE [--threshold T] [--format table|csv|json]`` prints one row per
  network and date with exactly the columns ``network, date, index, current_stage,
  completeness`` and the six stage scores (0–1);
* ``jlp net save FILE --to HISTORY [--overwrite]`` appends assessments to a history file,
  atomically;
* ``jlp net report FILE -o report.html`` writes a standalone, offline HTML report;
* ``jlp net agreement FILE… [--reference FILE] [-o report.html]`` compares several
  assessors' scorings of one network and date (alpha, spreads, cells to discuss).

Bad input prints ``error:`` lines naming file, row and column, exits 2 and writes nothing.

>>> from typer.testing import CliRunner
>>> CliRunner().invoke(app, ["--help"]).exit_code
0
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from jlp.cli.language import filled_help
from jlp.cli.options import options_named
from jlp.cli.output import TEXT as OUTPUT_TEXT
from jlp.cli.output import Format, local_headers, write_table
from jlp.i18n import N_, Messages, format_number, format_percent
from jlp.limits import MAX_TABLE_ROWS, check_table_rows

#: Help texts (English; the command translates them, see :func:`jlp.cli.language.localise`).
HELP = {
    "app": N_(
        "The Network Evaluation Tool (NET, Ceglie & Dini 1999, Box 2): templates, scores, "
        "history files, reports."
    ),
    "stamp": N_(
        "Write today's date on the report (without it, the same file always gives the same report)."
    ),
    "file": N_("Assessment file (.csv or .xlsx), at most {rows} rows."),
    "threshold": N_("Stage score at which a stage counts as consolidated (0–1]; 0.75 or 0,75."),
    "template": N_(
        "Write an empty assessment (42 rows, ratings left empty) to fill in a spreadsheet."
    ),
    "network": N_("The network's name."),
    "date": N_("Date of the assessment, YYYY-MM-DD."),
    "template_output": N_("File to write (.csv or .xlsx)."),
    "assessor": N_("Your name, written on every row."),
    "force": N_("Replace FILE if it exists."),
    "score": N_("Score every assessment in FILE: one row per network and date."),
    "save": N_("Append the assessments in FILE to a history file, atomically."),
    "to": N_("History file (.csv) to append to."),
    "overwrite": N_("Replace an assessment (network and date) already in the history."),
    "report": N_(
        "Write a standalone HTML report: matrices, progression, benchmark, method feedback."
    ),
    "report_output": N_("HTML file to write."),
    "title": N_("Title of the report."),
    "report_network": N_("Show this network's section (repeat for several)."),
    "agreement": N_(
        "Compare several assessors' scorings of one network and date: alpha, cells to discuss."
    ),
    "files": N_(
        "Scoring files (.csv or .xlsx) or folders of them: one per assessor, or one file "
        "with an assessor column."
    ),
    "reference": N_("A reference scoring to set each assessor against."),
    "agreement_output": N_("Write an offline HTML report to this file."),
    "consensus": N_(
        "Write the consensus scoring (the median of each cell) to this .csv or .xlsx file, "
        "to edit and save as the agreed assessment."
    ),
    "only_network": N_("Only the scorings of this network (a folder may hold several)."),
    "only_date": N_("Only the scorings of this date, YYYY-MM-DD."),
    "boot": N_("Bootstrap resamples for the intervals."),
    "seed": N_("Random seed of the bootstrap."),
}

app = typer.Typer(help=HELP["app"], no_args_is_help=True, add_completion=False)

#: Messages of these commands (translated when read).
TEXT = Messages(
    {
        "exists_fix": "choose another date, or add --overwrite to replace that assessment",
        "template_suffix": "cannot write a template as '{name}'",
        "agreement_who": "{network} on {date}: {n} assessors ({names})",
        "agreement_alpha": "Krippendorff's alpha (ordinal): {alpha}, {level} interval "
        "{low} to {high} ({boot} resamples, seed {seed})",
        "agreement_ranked": "Cells to discuss first (mean gap between two assessors, in points):",
        "agreement_cell": "  {rank:>2}. {indicator} × {stage}: {gap} (ratings {low} to {high})",
        "agreement_headers": {
            "assessor": "Assessor",
            "against": "Set against",
            "cells": "Cells",
            "exact": "Same rating (share)",
            "mean_abs_gap": "Mean gap",
            "mean_gap": "Mean lean (+ higher)",
            "judged": "Cells judged",
        },
        "template_suffix_fix": "end the file name with .csv or .xlsx (the two kinds "
        "'jlp net score' reads)",
        "template_wrote": "wrote {path} (42 cells of {network} on {date}; fill in the rating "
        "column with achieved, partial or not_achieved)",
        "saved": "saved to {path}: {added} rows added, {replaced} replaced; the history holds "
        "{total} rows",
        "report_wrote": "wrote {path} ({size} MB, opens offline)",
        "boot_bad": "--boot must be 0 or more, not {boot}",
        "boot_fix": "give a number of resamples such as 1000",
        "over_input": "this output would replace an input, or land among the scorings read",
        "over_input_fix": "write the report and the consensus outside the scorings' folder",
        "consensus_wrote": "wrote {path} (consensus: the median of each cell; ties noted)",
        "agreement_wrote": "wrote {path} (opens offline)",
        "score_headers": {
            "network": "Network",
            "date": "Date",
            "index": "Index",
            "current_stage": "Current stage",
            "completeness": "Completeness",
        },
        "report_title": "NET report",
        # TRANSLATORS: the current stage of a network whose six stages are all consolidated
        "complete": "complete",
    }
)

#: The kinds of file a template is written as (and ``jlp net score`` reads).
TEMPLATE_SUFFIXES = (".csv", ".xlsx")

#: Decimal places of the stage scores and completeness in ``jlp net score``.
DECIMALS = 4


File = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help=filled_help(HELP["file"], rows=MAX_TABLE_ROWS),
        show_default=False,
    ),
]
Threshold = Annotated[
    str,
    typer.Option(
        "--threshold",
        "-t",
        help=HELP["threshold"],
    ),
]


@app.command(help=HELP["template"])
def template(
    network: Annotated[str, typer.Argument(help=HELP["network"])],
    date: Annotated[str, typer.Argument(help=HELP["date"])],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=HELP["template_output"], show_default=False),
    ],
    assessor: Annotated[str, typer.Option(help=HELP["assessor"])] = "",
    force: Annotated[bool, typer.Option("--force", help=HELP["force"])] = False,
) -> None:
    """Write an empty assessment (42 rows, ratings left empty) to fill in a spreadsheet."""
    from jlp.errors import JlpInputError
    from jlp.files import output_place
    from jlp.net.files import write_template

    output_place(output, force=force)
    if output.suffix.lower() not in TEMPLATE_SUFFIXES:
        raise JlpInputError(
            TEXT["template_suffix"].format(name=output.name),
            file=str(output),
            fix=TEXT["template_suffix_fix"],
        )
    path = write_template(network, date, output, assessor=assessor)
    typer.echo(_plain(TEXT["template_wrote"].format(path=path, network=network.strip(), date=date)))


@app.command(help=HELP["score"])
def score(
    file: File,
    threshold: Threshold = "0.75",
    format: Annotated[
        Format, typer.Option("--format", "-f", help=OUTPUT_TEXT["format"])
    ] = Format.table,
) -> None:
    """Score every assessment in FILE: one row per network and date."""
    from jlp.net.files import read_assessments
    from jlp.net.scoring import SCORE_COLUMNS, ScoringRule

    check_table_rows(file)
    from jlp.net.scoring import score as score_table

    with options_named({"threshold": "--threshold"}):
        rule = ScoringRule(threshold=threshold)
    table = score_table(read_assessments(file), rule=rule)[list(SCORE_COLUMNS)]
    rounded = table.round({c: DECIMALS for c in SCORE_COLUMNS[4:]})
    write_table(rounded, format, decimals=DECIMALS, headers=score_headers(), cells=_stage_cells())


@app.command(help=HELP["save"])
def save(
    file: File,
    to: Annotated[Path, typer.Option("--to", help=HELP["to"], show_default=False)],
    overwrite: Annotated[bool, typer.Option("--overwrite", help=HELP["overwrite"])] = False,
) -> None:
    """Append the assessments in FILE to a history file, atomically."""
    from jlp.errors import JlpInputError, Problem
    from jlp.files import output_place
    from jlp.net.files import TEXT as FILE_TEXT
    from jlp.net.files import read_assessments, save_assessment

    check_table_rows(file)
    output_place(to, inputs=[file], replace=True)
    try:
        result = save_assessment(read_assessments(file), to, overwrite=overwrite)
    except JlpInputError as err:  # the library's fix names its parameter; say the option
        raise JlpInputError(
            problems=[
                Problem(p.message, p.file, p.row, p.column, TEXT["exists_fix"])
                if p.fix == FILE_TEXT.get("exists_fix")
                else p
                for p in err.problems
            ]
        ) from None
    typer.echo(
        _plain(
            TEXT["saved"].format(
                path=result.path,
                added=result.added,
                replaced=result.replaced,
                total=result.total,
            )
        )
    )


@app.command(help=HELP["report"])
def report(
    file: File,
    output: Annotated[
        Path, typer.Option("--output", "-o", help=HELP["report_output"], show_default=False)
    ],
    threshold: Threshold = "0.75",
    title: Annotated[str | None, typer.Option(help=HELP["title"], show_default=False)] = None,
    network: Annotated[
        list[str] | None,
        typer.Option("--network", "-n", help=HELP["report_network"]),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=HELP["force"])] = False,
    stamp: Annotated[bool, typer.Option("--stamp", help=HELP["stamp"])] = False,
) -> None:
    """Write a standalone HTML report: matrices, progression, benchmark, method feedback."""
    from jlp.files import output_place
    from jlp.net.files import read_assessments
    from jlp.net.scoring import ScoringRule
    from jlp.report.net_report import write_net_report

    check_table_rows(file)
    output_place(output, inputs=[file], force=force)
    table = read_assessments(file)
    with options_named({"threshold": "--threshold"}):
        rule = ScoringRule(threshold=threshold)
    path = write_net_report(
        table,
        output,
        title=title if title is not None else TEXT["report_title"],
        source=file.name,
        rule=rule,
        networks=network or None,
        stamp=dt.date.today().isoformat() if stamp else None,
    )
    size = format_number(path.stat().st_size / 1e6, decimals=1)
    typer.echo(_plain(TEXT["report_wrote"].format(path=path, size=size)))


def score_headers() -> dict[str, str]:
    """The column headers of ``jlp net score`` as a table, in the current language (the
    six stage columns are named by the rubric's stage labels); CSV and JSON keep the slugs.
    """
    from jlp.net.rubric import stage_labels

    return local_headers({**TEXT["score_headers"], **stage_labels()})


def _stage_cells() -> dict:
    """How the table shows the current stage: its label in another language than English
    (English keeps the slug the CSV carries, as before)."""
    named = local_headers(score_headers())
    if not named:
        return {}
    named["complete"] = TEXT["complete"]
    return {"current_stage": lambda slug: named.get(slug, slug)}


def _plain(text: object) -> str:
    """Text for the terminal: control characters (escape sequences) shown, not obeyed."""
    import unicodedata

    return "".join(
        c if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf") else repr(c)[1:-1]
        for c in str(text)
    )


@app.command(help=HELP["agreement"])
def agreement(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE…", help=HELP["files"], show_default=False),
    ],
    reference: Annotated[
        Path | None,
        typer.Option("--reference", "-r", help=HELP["reference"], show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=HELP["agreement_output"], show_default=False),
    ] = None,
    consensus: Annotated[
        Path | None,
        typer.Option("--consensus", help=HELP["consensus"], show_default=False),
    ] = None,
    network: Annotated[
        str | None, typer.Option("--network", "-n", help=HELP["only_network"])
    ] = None,
    date: Annotated[str | None, typer.Option("--date", "-d", help=HELP["only_date"])] = None,
    boot: Annotated[int, typer.Option(help=HELP["boot"])] = 1000,
    seed: Annotated[int, typer.Option(help=HELP["seed"])] = 0,
    stamp: Annotated[bool, typer.Option("--stamp", help=HELP["stamp"])] = False,
) -> None:
    """Compare several assessors' scorings of one network and date: alpha, cells to discuss."""
    from jlp.errors import JlpInputError
    from jlp.net.agreement import agreement as compare_group
    from jlp.net.class_folder import read_scorings
    from jlp.net.files import read_assessments, write_assessments
    from jlp.report.agreement_report import write_agreement_report

    if boot < 0:
        raise JlpInputError(
            TEXT["boot_bad"].format(boot=boot), column="--boot", fix=TEXT["boot_fix"]
        )
    inputs = [f.resolve() for f in files] + ([reference.resolve()] if reference else [])
    for target in (t for t in (output, consensus) if t is not None):
        where = target.resolve()
        if any(where == i or (i.is_dir() and i in where.parents) for i in inputs):
            raise JlpInputError(TEXT["over_input"], file=str(target), fix=TEXT["over_input_fix"])
    ref = read_assessments(reference) if reference is not None else None
    result = compare_group(
        read_scorings(files, network=network, date=date), reference=ref, n_boot=boot, seed=seed
    )
    overall = result.alpha.iloc[0]
    typer.echo(
        _plain(
            TEXT["agreement_who"].format(
                network=result.network,
                date=result.date,
                n=len(result.assessors),
                names=", ".join(result.assessors),
            )
        )
    )
    typer.echo(
        TEXT["agreement_alpha"].format(
            alpha=format_number(overall["alpha"], decimals=3),
            level=format_percent(result.level, decimals=0),
            low=format_number(overall["low"], decimals=3),
            high=format_number(overall["high"], decimals=3),
            boot=boot,
            seed=seed,
        )
    )
    from jlp.cli.output import write_table
    from jlp.net.rubric import indicator_labels, stage_labels

    top = result.ranked[result.ranked["disagreement"] > 0].head(10)
    if len(top):
        ilabels, slabels = indicator_labels(), stage_labels()
        typer.echo(TEXT["agreement_ranked"])
        for row in top.itertuples(index=False):
            typer.echo(
                TEXT["agreement_cell"].format(
                    rank=row.rank,
                    indicator=ilabels[row.indicator],
                    stage=slabels[row.stage],
                    gap=format_number(row.disagreement, decimals=2),
                    low=format_number(row.low),
                    high=format_number(row.high),
                )
            )
    write_table(result.by_assessor, headers=TEXT["agreement_headers"])
    if consensus is not None:
        write_assessments(result.consensus, consensus)
        typer.echo(_plain(TEXT["consensus_wrote"].format(path=consensus)))
    if output is not None:
        path = write_agreement_report(
            result, output, stamp=dt.date.today().isoformat() if stamp else None
        )
        typer.echo(_plain(TEXT["agreement_wrote"].format(path=path)))


__all__ = ["HELP", "TEXT", "Format", "app", "score_headers"]
