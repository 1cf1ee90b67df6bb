"""``jlp graph``: measure and draw a network from its node and edge tables.

``NODES`` and ``EDGES`` are CSV (UTF-8, with or without BOM) or XLSX files; give one
workbook with sheets ``nodes`` and ``edges`` instead of two files if you like. Problems in
the tables exit 2 with one ``error:`` line each (file, row, column, fix); slips that are
allowed (a self-loop, an unusual tie type) print ``warning:`` lines and go on.

- ``jlp graph metrics NODES EDGES [--group ATTR] [--format table|csv|json]``: one row
  per node, columns ``id,label,kind,degree,betweenness,constraint,effective_size,
  coordinator,consultant,representative,gatekeeper,liaison``. An isolate (a node with no
  tie) has effective size 0 and no constraint: an empty cell in CSV, ``null`` in JSON,
  a dash in the table.
- ``jlp graph summary NODES EDGES [--by-phase]``: density, pieces, tie mix, clustering.
- ``jlp graph render NODES EDGES -o page.html [--tie TYPE ...] [--phase P]``: a
  self-contained page (or ``.png`` / ``.svg`` / ``.pdf`` for print).
- ``jlp graph without NODES EDGES [--node ID]``: what changes if one actor leaves.
- ``jlp graph template [NAME] [--folder DIR] [--example]``: the tables to fill in, twice over:
  ``NAME_nodes.csv`` and ``NAME_edges.csv``, and one workbook ``NAME.xlsx`` with sheets
  ``nodes`` and ``edges`` (every command reads either form).

>>> from typer.testing import CliRunner
>>> CliRunner().invoke(app, ["--help"]).exit_code
0
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jlp import limits
from jlp.cli.language import filled_help
from jlp.cli.options import options_named
from jlp.cli.output import TEXT as OUTPUT_TEXT
from jlp.cli.output import Format, local_headers, terminal_safe, write_table
from jlp.cli.progress import progress_bar
from jlp.errors import JlpInputError
from jlp.i18n import N_, SOURCE_LANGUAGE, Messages, language
from jlp.limits import check_drawable

if TYPE_CHECKING:  # pandas loads inside the commands that need it
    import pandas as pd

#: Help texts (English; the command translates them, see :func:`jlp.cli.language.localise`).
HELP = {
    "nodes": N_("Nodes table (.csv or .xlsx), or one workbook with sheets 'nodes' and 'edges'."),
    "edges": N_(
        "Edges table (.csv or .xlsx); leave out when NODES is a workbook with both sheets."
    ),
    "group": N_(
        "Node attribute that defines groups for the brokerage roles "
        "(default: 'group', falling back to 'kind')."
    ),
    "tie": N_("Keep only ties of this type (repeat for several)."),
    "phase": N_("Use the network as it stood at this phase."),
    "output": N_("File to write: .html (interactive page) or .png, .svg, .pdf (still picture)."),
    "size_by": N_("Measure that sizes the nodes."),
    "title": N_("Title of the picture."),
    "by_phase": N_("One row per phase instead of the whole network."),
    "node": N_("The actor who leaves (an id); default: every actor, ranked."),
    "force": N_("Replace the output file if it exists."),
    "metrics": N_(
        "One row per node: degree, betweenness, constraint, effective size, brokerage "
        "roles. Above {exact} nodes betweenness is estimated from {sources} nodes "
        "(seeded; the output says so)."
    ),
    "app": N_(
        "Measure and draw a network from its node and edge tables (CSV or XLSX). Limits: "
        "{rows} rows a table, {nodes} nodes and {ties} ties a network, {draw} "
        "nodes a picture."
    ),
    "template": N_(
        "Write the tables to fill in: NAME_nodes.csv, NAME_edges.csv and one workbook "
        "NAME.xlsx with sheets 'nodes' and 'edges'. Fill in either form."
    ),
    "template_name": N_("The start of the file names."),
    "template_folder": N_("Folder to write into (it must exist)."),
    "template_example": N_("Fill the tables with the course's illustrative example."),
    "summary": N_("Measures of the whole network: density, pieces, tie mix, clustering."),
    "render": N_("Draw the network: a self-contained .html page, or a .png/.svg/.pdf picture."),
    "without": N_(
        "What changes if one actor leaves: pieces, and firms still reaching an institution."
    ),
}

#: Messages of these commands (translated when read).
TEXT = Messages(
    {
        "isolates": "— an isolate (no tie): constraint is undefined; effective size is 0.",
        "wrote": "wrote {path} ({nodes} nodes, {ties} ties)",
        "measuring": "measuring every node",
        "departing": "taking each actor out in turn",
        "render_suffix": "cannot write '{name}'",
        "render_suffix_fix": "end the file name with .html, .png, .svg or .pdf",
        "size_by_bad": "cannot size nodes by '{size_by}'",
        "size_by_fix": "choose one of: {choices}",
        "warning": "warning: {line}",
        "note": "note: {line}",
        "template_wrote": "wrote {files}: fill in the CSV pair or the workbook, then run "
        "'jlp graph metrics {nodes} {edges}' or 'jlp graph metrics {book}'",
        "template_kind": "one of: {values}",
        "glyphs": "the picture's font has no sign for {chars}: those labels show empty boxes "
        "(fix: write the page as .html, which uses the reader's fonts)",
    }
)

#: matplotlib's warning for a character its font cannot draw.
_GLYPH = re.compile(r"Glyph (\d+) .*missing from")

app = typer.Typer(
    help=filled_help(
        HELP["app"],
        rows=limits.MAX_TABLE_ROWS,
        nodes=limits.MAX_NODES,
        ties=limits.MAX_TIES,
        draw=limits.DRAW_MAX_NODES,
    ),
    no_args_is_help=True,
    add_completion=False,
)


Nodes = Annotated[Path, typer.Argument(metavar="NODES", help=HELP["nodes"], show_default=False)]
Edges = Annotated[
    Path | None, typer.Argument(metavar="EDGES", help=HELP["edges"], show_default=False)
]
Group = Annotated[str | None, typer.Option("--group", help=HELP["group"])]
Phase = Annotated[str | None, typer.Option("--phase", help=HELP["phase"])]
Ties = Annotated[list[str] | None, typer.Option("--tie", help=HELP["tie"])]
Output = Annotated[Format, typer.Option("--format", help=OUTPUT_TEXT["format"])]


def _warning_lines(caught: list[warnings.WarningMessage], data_warning: type) -> list[str]:
    """The ``warning:`` lines for what was caught: each data warning, then one line for
    characters the font lacks, then any other warning once."""
    lines, glyphs = [], []
    for item in caught:
        text = str(item.message)
        glyph = _GLYPH.match(text)
        if glyph:
            glyphs.append(chr(int(glyph.group(1))))
        elif issubclass(item.category, data_warning) or text not in lines:
            lines.append(text)
    if glyphs:
        lines.append(TEXT["glyphs"].format(chars="".join(dict.fromkeys(glyphs))))
    return [terminal_safe(line) for line in lines]


@contextmanager
def _reporting_warnings() -> Iterator[None]:
    """Print each warning as a ``warning:`` line on stderr (never a Python warning).

    The lines are printed after recording stops, so nothing printed is recorded again.
    """
    from jlp.graphs import GraphDataWarning

    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", GraphDataWarning)
            yield
    finally:
        for line in _warning_lines(caught, GraphDataWarning):
            print(TEXT["warning"].format(line=line), file=sys.stderr)


def _load(nodes: Path, edges: Path | None, ties: list[str] | None = None, phase: str | None = None):
    from jlp.graphs.build import read_graph
    from jlp.graphs.phases import select

    graph = read_graph(nodes, edges)
    with options_named({"phase": "--phase", "tie": "--tie"}):
        return graph, select(graph, ties=ties or None, phase=phase)


def metrics_frame(graph, group: str | None = None) -> tuple[dict[str, list], str]:
    """The ``metrics`` table as plain columns (exactly :data:`jlp.graphs.METRIC_COLUMNS`),
    and the note saying when betweenness is an estimate (large graphs; else empty)."""
    from jlp.graphs.metrics import METRIC_COLUMNS, metric_columns

    with (
        options_named({group: "--group"} if group else {}),
        progress_bar(TEXT["measuring"], size=graph.number_of_nodes()) as update,
    ):
        table, estimate = metric_columns(graph, group=group, progress=update)
    return {c: table[c] for c in METRIC_COLUMNS}, estimate


def _headers(columns) -> dict[str, str]:
    """The table's headers in the current language (the course's column names, from
    :func:`jlp.viz.tables.header`); English keeps the file's column names."""
    if language() == SOURCE_LANGUAGE:
        return {}
    from jlp.viz.tables import header

    return local_headers({str(c): header(c) for c in columns})


def _note(text: str, fmt: Format) -> str:
    """``text`` as the table's closing note, or on stderr for csv and json (data only)."""
    if text and fmt is not Format.table:
        print(TEXT["note"].format(line=terminal_safe(text)), file=sys.stderr)
        return ""
    return text


@app.command(
    help=filled_help(
        HELP["metrics"],
        exact=limits.EXACT_BETWEENNESS_MAX_NODES,
        sources=limits.BETWEENNESS_SOURCES,
    )
)
def metrics(
    nodes: Nodes,
    edges: Edges = None,
    group: Group = None,
    fmt: Output = Format.table,
    tie: Ties = None,
    phase: Phase = None,
) -> None:
    with _reporting_warnings():
        _, part = _load(nodes, edges, tie, phase)
        table, estimate = metrics_frame(part, group)
    notes = [
        TEXT["isolates"] if 0 in table["degree"] else "",
        _note(estimate, fmt),
    ]
    write_table(table, fmt, note="\n".join(n for n in notes if n), headers=_headers(table))


@app.command(help=HELP["summary"])
def summary(
    nodes: Nodes,
    edges: Edges = None,
    fmt: Output = Format.table,
    by_phase: Annotated[bool, typer.Option("--by-phase", help=HELP["by_phase"])] = False,
    tie: Ties = None,
) -> None:
    """Measures of the whole network: density, pieces, tie mix, clustering."""
    import pandas as pd

    from jlp.graphs import graph_summary, summary_by_phase

    with _reporting_warnings():
        _, part = _load(nodes, edges, tie)
        table = summary_by_phase(part) if by_phase else pd.DataFrame([graph_summary(part)])
    write_table(table, fmt, headers=_headers(table.columns))


@app.command(help=HELP["render"])
def render(
    nodes: Nodes,
    edges: Edges = None,
    output: Annotated[Path, typer.Option("-o", "--output", help=HELP["output"])] = ...,
    tie: Ties = None,
    phase: Phase = None,
    size_by: Annotated[str, typer.Option("--size-by", help=HELP["size_by"])] = "degree",
    title: Annotated[str | None, typer.Option("--title", help=HELP["title"])] = None,
    force: Annotated[bool, typer.Option("--force", help=HELP["force"])] = False,
) -> None:
    """Draw the network: a self-contained .html page, or a .png/.svg/.pdf picture."""
    from jlp.viz.graph_pages import SIZE_METRICS, graph_page
    from jlp.viz.graph_static import FORMATS, save_static

    suffix = output.suffix.lower()
    if suffix != ".html" and suffix not in FORMATS:
        raise JlpInputError(
            TEXT["render_suffix"].format(name=output.name),
            file=str(output),
            fix=TEXT["render_suffix_fix"],
        )
    if size_by not in SIZE_METRICS:
        raise JlpInputError(
            TEXT["size_by_bad"].format(size_by=size_by),
            column="--size-by",
            fix=TEXT["size_by_fix"].format(choices=", ".join(SIZE_METRICS)),
        )
    from jlp.files import atomic_write, output_place

    output_place(output, inputs=[nodes, edges], force=force)
    with _reporting_warnings():
        graph, part = _load(nodes, edges, tie, phase)
        check_drawable(graph.number_of_nodes())
        title = title or nodes.stem
        if suffix == ".html":
            page = graph_page(graph, title=title, ties=tie or None, phase=phase, size_by=size_by)
            atomic_write(output, page.encode("utf-8"))
        else:
            save_static(graph, output, title=title, ties=tie or None, phase=phase, size_by=size_by)
    typer.echo(
        TEXT["wrote"].format(path=output, nodes=part.number_of_nodes(), ties=part.number_of_edges())
    )


@app.command(help=HELP["without"])
def without(
    nodes: Nodes,
    edges: Edges = None,
    node: Annotated[str | None, typer.Option("--node", help=HELP["node"])] = None,
    fmt: Output = Format.table,
) -> None:
    """What changes if one actor leaves: pieces, and firms still reaching an institution."""
    from jlp.graphs import departures

    with _reporting_warnings():
        graph, _ = _load(nodes, edges)
        with (
            options_named({"id": "--node"}),
            progress_bar(TEXT["departing"], size=graph.number_of_nodes()) as update,
        ):
            table = departures(graph, [node] if node is not None else None, progress=update)
    write_table(table, fmt, headers=_headers(table.columns))


def _template_tables(example: bool) -> dict[str, pd.DataFrame]:
    """The node and edge tables of a template: headers only, or the example's rows."""
    import pandas as pd

    from jlp.graphs import template_path

    source = "example_{}.csv" if example else "{}.csv"
    return {
        sheet: pd.read_csv(
            template_path(source.format(sheet)),
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
        )
        for sheet in ("nodes", "edges")
    }


def template_workbook(tables: dict[str, pd.DataFrame]) -> bytes:
    """One XLSX workbook, a sheet per table, every cell text (a name never becomes a formula),
    with drop-down lists of the usual kinds and tie types (other values stay allowed)."""
    import io

    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    from jlp.graphs.tables import KNOWN_KINDS, KNOWN_TIES

    book = openpyxl.Workbook()
    book.remove(book.active)
    lists = {"kind": KNOWN_KINDS, "tie": KNOWN_TIES}
    for name, table in tables.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate([list(table.columns), *table.itertuples(index=False)], start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c, value=str(value))
                if cell.data_type == "f":
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 40)
        for header, values in lists.items():
            if header in table.columns:
                letter = openpyxl.utils.get_column_letter(list(table.columns).index(header) + 1)
                check = DataValidation(
                    type="list", formula1='"' + ",".join(sorted(values)) + '"', allow_blank=True
                )
                check.showErrorMessage = False  # a kind outside the list is allowed (a warning)
                check.prompt = TEXT["template_kind"].format(values=", ".join(sorted(values)))
                sheet.add_data_validation(check)
                check.add(f"{letter}2:{letter}1000")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@app.command(help=HELP["template"])
def template(
    name: Annotated[str, typer.Argument(help=HELP["template_name"])] = "my_network",
    folder: Annotated[
        Path, typer.Option("--folder", help=HELP["template_folder"], show_default=False)
    ] = Path(),
    example: Annotated[bool, typer.Option("--example", help=HELP["template_example"])] = False,
    force: Annotated[bool, typer.Option("--force", help=HELP["force"])] = False,
) -> None:
    from jlp.files import atomic_write, csv_bytes, output_place

    paths = {
        "nodes": folder / f"{name}_nodes.csv",
        "edges": folder / f"{name}_edges.csv",
        "book": folder / f"{name}.xlsx",
    }
    for path in paths.values():  # every place checked before anything is written
        output_place(path, force=force)
    tables = _template_tables(example)
    for sheet in ("nodes", "edges"):
        atomic_write(paths[sheet], csv_bytes(tables[sheet]))
    atomic_write(paths["book"], template_workbook(tables))
    shown = {key: terminal_safe(str(path)) for key, path in paths.items()}
    typer.echo(TEXT["template_wrote"].format(files=", ".join(shown.values()), **shown))


__all__ = ["HELP", "TEXT", "Format", "app", "metrics_frame", "template_workbook"]
