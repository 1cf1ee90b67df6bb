"""``jlp data``: check and list the course's data packages.

``jlp data check [DIR]`` validates every table of the Frictionless Data Package in DIR
(default: the bundled datasets, or ``$JLP_DATA_DIR``) and prints one ``error:`` line per
problem, naming the file, row and column, then exits 2; a clean package prints a one-line
summary and exits 0 (naming any CSV file of the folder that the package does not
describe). It never writes a file. ``jlp data list [DIR]`` shows each table's
rows and provenance counts.

>>> from typer.testing import CliRunner
>>> result = CliRunner().invoke(app, ["check"])
>>> result.exit_code, "no problems" in result.output
(0, True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jlp.cli.output import TEXT as OUTPUT_TEXT
from jlp.cli.output import Format, local_headers, write_table
from jlp.errors import JlpInputError
from jlp.i18n import N_, Messages, ngettext

#: Help texts (English; the command translates them, see :func:`jlp.cli.language.localise`).
HELP = {
    "app": N_("Check and list data packages (datapackage.json + CSV files)."),
    "dir": N_(
        "Folder holding datapackage.json (or the file itself). Default: the bundled datasets."
    ),
    "check": N_(
        "Validate every table against its schema; report every problem (exit 2), write nothing."
    ),
    "list": N_("List the tables: name, rows, and how many rows are reported or illustrative."),
}

#: Messages of these commands (translated when read).
TEXT = Messages(
    {
        "checked": "{package}: {resources}, {rows}, no problems{note}",
        "undescribed": " (not in the package: {files})",
        "headers": {
            "table": "Table",
            "rows": "Rows",
            "reported": "Reported",
            "illustrative": "Illustrative",
            "title": "Title",
        },
    }
)

app = typer.Typer(help=HELP["app"], no_args_is_help=True, add_completion=False)

Directory = Annotated[Path | None, typer.Argument(metavar="DIR", help=HELP["dir"])]


@app.command(help=HELP["check"])
def check(
    directory: Directory = None,
) -> None:
    """Validate every table against its schema; report every problem (exit 2), write nothing."""
    from jlp import datacheck, datasets

    target = directory if directory is not None else datasets.data_dir()
    report = datacheck.package_report(target)
    if report.problems:
        raise JlpInputError(problems=report.problems)
    tables = len(report.rows)
    rows = sum(report.rows.values())
    note = ""
    if report.undescribed:
        note = TEXT["undescribed"].format(files=", ".join(report.undescribed))
    typer.echo(
        TEXT["checked"].format(
            package=report.package_file,
            resources=ngettext("{n} resource", "{n} resources", tables).format(n=tables),
            rows=ngettext("{n} row", "{n} rows", rows).format(n=rows),
            note=note,
        )
    )


@app.command("list", help=HELP["list"])
def list_tables(
    directory: Directory = None,
    fmt: Annotated[Format, typer.Option("--format", help=OUTPUT_TEXT["format"])] = Format.table,
) -> None:
    """List the tables: name, rows, and how many rows are reported or illustrative."""
    import pandas as pd

    from jlp import datasets

    rows = []
    for name in datasets.names(directory=directory):
        frame = datasets.load(name, directory=directory)
        counts = (
            frame["provenance"].value_counts().to_dict() if "provenance" in frame.columns else {}
        )
        rows.append(
            {
                "table": name,
                "rows": len(frame),
                "reported": int(counts.get("reported", 0)),
                "illustrative": int(counts.get("illustrative", 0)),
                "title": datasets.describe(name, directory=directory).get("title", ""),
            }
        )
    columns = ["table", "rows", "reported", "illustrative", "title"]
    write_table(pd.DataFrame(rows, columns=columns), fmt, headers=local_headers(TEXT["headers"]))


__all__ = ["HELP", "TEXT", "app"]
