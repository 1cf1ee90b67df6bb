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

from jlp.cli.options import options_named
from jlp.cli.output import TEXT as OUTPUT_TEXT
from jlp.cli.output import Format, write_table
from jlp.limits import MAX_TABLE_ROWS, check_table_rows

app = typer.Typer(
    help="The Network Evaluation Tool (NET, Ceglie & Dini 1999, Box 2): templates, scores, "
    "history files, reports.",
    no_args_is_help=True,
    add_completion=False,
)

#: User-facing strings of this command (a Spanish edition replaces this dict only).
TEXT = {
    "exists_fix": "choose another date, or add --overwrite to replace that assessment",
    "stamp": "Write today's date on the report (without it, the same file always gives the "
    "same report).",
    "template_suffix": "cannot write a template as '{name}'",
    "agreement_who": "{network} on {date}: {n} assessors ({names})",
    "agreement_alpha": "Krippendorff's alpha (ordinal): {alpha:.3f}, {level:.0%} interval "
    "{low:.3f} to {high:.3f} ({boot} resamples, seed {seed})",
    "agreement_ranked": "Cells to discuss first (mean gap between two assessors, in points):",
    "agreement_cell": "  {rank:>2}. {indicator} × {stage}: {gap:.2f} (ratings {low:g} to {high:g})",
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
}

#: The kinds of file a template is written as (and ``jlp net score`` reads).
TEMPLATE_SUFFIXES = (".csv", ".xlsx")

#: Decimal places of the stage scores and completeness in ``jlp net score``.
DECIMALS = 4


File = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help=f"Assessment file (.csv or .xlsx), at most {MAX_TABLE_ROWS:,} rows.",
        show_default=False,
    ),
]
Threshold = Annotated[
    str,
    typer.Option(
        "--threshold",
        "-t",
        help="Stage score at which a stage counts as consolidated (0–1]; 0.75 or 0,75.",
    ),
]


@app.command()
def template(
    network: Annotated[str, typer.Argument(help="The network's name.")],
    date: Annotated[str, typer.Argument(help="Date of the assessment, YYYY-MM-DD.")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="File to write (.csv or .xlsx).", show_default=False),
    ],
    assessor: Annotated[str, typer.Option(help="Your name, written on every row.")] = "",
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
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
    typer.echo(
        f"wrote {path} (42 cells of {network.strip()} on {date}; fill in the rating "
        "column with achieved, partial or not_achieved)"
    )


@app.command()
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
    write_table(rounded, format, decimals=DECIMALS)


@app.command()
def save(
    file: File,
    to: Annotated[
        Path, typer.Option("--to", help="History file (.csv) to append to.", show_default=False)
    ],
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="Replace an assessment (network and date) already in the history."
        ),
    ] = False,
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
        f"saved to {result.path}: {result.added} rows added, {result.replaced} "
        f"replaced; the history holds {result.total} rows"
    )


@app.command()
def report(
    file: File,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML file to write.", show_default=False)
    ],
    threshold: Threshold = "0.75",
    title: Annotated[str, typer.Option(help="Title of the report.")] = "NET report",
    network: Annotated[
        list[str] | None,
        typer.Option("--network", "-n", help="Show this network's section (repeat for several)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    stamp: Annotated[bool, typer.Option("--stamp", help=TEXT["stamp"])] = False,
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
        title=title,
        source=file.name,
        rule=rule,
        networks=network or None,
        stamp=dt.date.today().isoformat() if stamp else None,
    )
    typer.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, opens offline)")


def _plain(text: object) -> str:
    """Text for the terminal: control characters (escape sequences) shown, not obeyed."""
    import unicodedata

    return "".join(
        c if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf") else repr(c)[1:-1]
        for c in str(text)
    )


@app.command()
def agreement(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE…",
            help="Scoring files (.csv or .xlsx) or folders of them: one per "
            "assessor, or one file with an assessor column.",
            show_default=False,
        ),
    ],
    reference: Annotated[
        Path | None,
        typer.Option(
            "--reference",
            "-r",
            help="A reference scoring to set each assessor against.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write an offline HTML report to this file.", show_default=False
        ),
    ] = None,
    consensus: Annotated[
        Path | None,
        typer.Option(
            "--consensus",
            help="Write the consensus scoring (the median of each cell) to this "
            ".csv or .xlsx file, to edit and save as the agreed assessment.",
            show_default=False,
        ),
    ] = None,
    network: Annotated[
        str | None,
        typer.Option(
            "--network", "-n", help="Only the scorings of this network (a folder may hold several)."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="Only the scorings of this date, YYYY-MM-DD.")
    ] = None,
    boot: Annotated[int, typer.Option(help="Bootstrap resamples for the intervals.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed of the bootstrap.")] = 0,
    stamp: Annotated[bool, typer.Option("--stamp", help=TEXT["stamp"])] = False,
) -> None:
    """Compare several assessors' scorings of one network and date: alpha, cells to discuss."""
    from jlp.errors import JlpInputError
    from jlp.net.agreement import agreement as compare_group
    from jlp.net.class_folder import read_scorings
    from jlp.net.files import read_assessments, write_assessments
    from jlp.report.agreement_report import write_agreement_report

    if boot < 0:
        raise JlpInputError(
            f"--boot must be 0 or more, not {boot}",
            column="--boot",
            fix="give a number of resamples such as 1000",
        )
    inputs = [f.resolve() for f in files] + ([reference.resolve()] if reference else [])
    for target in (t for t in (output, consensus) if t is not None):
        where = target.resolve()
        if any(where == i or (i.is_dir() and i in where.parents) for i in inputs):
            raise JlpInputError(
                "this output would replace an input, or land among the scorings read",
                file=str(target),
                fix="write the report and the consensus outside the scorings' folder",
            )
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
            alpha=overall["alpha"],
            level=result.level,
            low=overall["low"],
            high=overall["high"],
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
                    gap=row.disagreement,
                    low=row.low,
                    high=row.high,
                )
            )
    write_table(result.by_assessor, headers=TEXT["agreement_headers"])
    if consensus is not None:
        write_assessments(result.consensus, consensus)
        typer.echo(f"wrote {consensus} (consensus: the median of each cell; ties noted)")
    if output is not None:
        path = write_agreement_report(
            result, output, stamp=dt.date.today().isoformat() if stamp else None
        )
        typer.echo(f"wrote {path} (opens offline)")


__all__ = ["Format", "app"]
