"""Read and check the node and edge tables of a network (DESIGN.md, Data contracts).

A network comes as two tables, typed in a spreadsheet by a broker or a trainee:

- **nodes**: ``id``, ``label``, ``kind`` (required), optional ``group``, ``phase`` and any
  other column (kept as an attribute);
- **edges**: ``source``, ``target``, ``tie`` (required), optional ``directed``, ``phase``,
  ``weight`` and any other column.

Files may be CSV (UTF-8 with or without the BOM Excel writes; comma, semicolon or tab
separated) or XLSX (the first sheet, or the sheet named ``nodes`` / ``edges``). Headers are
read without regard to case or surrounding spaces; every cell is stripped.

Problems that make the tables unusable raise :class:`~jlp.errors.JlpInputError`, with every
problem found listed with its file, row (spreadsheet rows: the header is row 1) and column:
a missing file, an empty file, a missing column, an empty id, a duplicate node id, an edge
naming an unknown node, a ``directed``, ``weight`` or ``phase`` value that cannot be read.
Things that are allowed but probably slips raise a :class:`GraphDataWarning` naming them:
a self-loop, a tie type or node kind outside the usual lists, the same tie typed twice, a tie
dated before one of its ends.

>>> import pandas as pd
>>> nodes = pd.DataFrame({"id": ["a", "b"], "label": ["León", ""], "kind": ["firm", "firm"]})
>>> edges = pd.DataFrame({"source": ["a"], "target": ["c"], "tie": ["supply"]})
>>> try:
...     check_tables(nodes, edges, edges_file="edges.csv")
... except JlpInputError as err:
...     print(err.problems[0].row, err.problems[0].column, err.problems[0].message)
2 target unknown node 'c'
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jlp.errors import JlpInputError, Problem
from jlp.files.cells import AmbiguousNumber, parse_bool, parse_number
from jlp.files.read import read_record_sheet, read_records, sheet_names
from jlp.i18n import Messages
from jlp.text import closest, did_you_mean
from jlp.vocabulary import STAGES as _STAGES

#: User-facing messages, translated when read (jlp.i18n).
TEXT = Messages(
    {
        "no_column": "the {what} table has no column '{column}' (it has: {present})",
        "none": "none",
        "column_fix": "add a column named '{column}' to the header row",
        "not_bool": "{values} is not true or false",
        "not_bools": "{values} are not true or false",
        "bool_fix": "write true or false (also sí/no, verdadero/falso, 1/0), or leave the cell "
        "empty for false",
        "not_weight": "{values} is not a weight",
        "not_weights": "{values} are not weights",
        "weight_fix": "write a number of zero or more, or leave the cell empty",
        "not_phase": "'{value}' is not a phase",
        "phase_fix": "write every phase as a whole number (1, 2, 3…) or every phase as a NET "
        "stage ({stages}); leave it empty for 'from the start'",
        "close_id": "{did_you_mean} otherwise add '{name}' to the nodes table",
        "unknown_id_fix": "add '{name}' to the nodes table, or correct the id; known ids: {ids}",
        "no_rows": "the nodes table has no rows",
        "rows_fix": "write one row per firm, institution or broker under the header",
        "empty_id": "the id is empty",
        "id_fix": "give every node a short unique id, e.g. taller_nunez",
        "id_twice": "the id '{id}' is used twice (first on row {row})",
        "id_twice_fix": "give each node its own id, or merge the two rows",
        "empty_kind": "the kind is empty",
        "kind_fix": "write what the node is: {kinds}",
        "empty_source": "the source is empty",
        "empty_target": "the target is empty",
        "end_fix": "write the id of a node from the nodes table",
        "unknown_node": "unknown node '{node}'",
        "empty_tie": "the tie type is empty",
        "tie_fix": "write the kind of tie: {ties}",
        "no_edges": "no edges file given",
        "edges_fix": "give the nodes file and the edges file, or one .xlsx workbook with sheets "
        "named 'nodes' and 'edges'",
        "no_sheet": "the workbook has no sheet named {missing} (it has: {sheets})",
        "sheet_fix": "name the sheets 'nodes' and 'edges', or give two files",
        "row": "row {rows}",
        "rows": "rows {rows}",
        "repeat": "{source}–{target} {tie} (row {row} repeats row {earlier})",
        "repeats": "{file}: the same tie is written twice (an undirected tie already covers both "
        "directions); only the first is kept: {repeats}",
        "unusual_kind": "{file}, {rows}: unusual node kind '{kind}' (the usual kinds are "
        "{kinds}); it is kept as written",
        "loop": "'{node}' ({tie}, row {row})",
        "unusual_tie": "{file}, {rows}: unusual tie type '{tie}' (the usual types are {ties}); "
        "it is kept as written",
        "loops": "{file}: {n} tie(s) from a node to itself, kept in the graph but left out of "
        "every metric: {loops}",
        "early": "row {row} ({source}–{target} in phase {phase}, an end appears in phase {later})",
        "earlies": "{file}: tie(s) dated before one of their ends; they are drawn from the later "
        "phase: {early}",
    }
)

#: Node kinds the course uses; other kinds are accepted with a warning.
KNOWN_KINDS: tuple[str, ...] = (
    "firm",
    "enterprise_joint",
    "institution",
    "association",
    "broker",
    "market",
    "network",
)
#: Tie types the course uses; other types are accepted with a warning.
KNOWN_TIES: tuple[str, ...] = (
    "joint_purchase",
    "shared_order",
    "subcontracting",
    "supply",
    "training",
    "credit",
    "ownership",
    "export",
    "information",
    "coordination",
)
#: NET stages in order: phases may be written with these names instead of numbers.
STAGES: tuple[str, ...] = _STAGES
NODE_COLUMNS: tuple[str, ...] = ("id", "label", "kind")
EDGE_COLUMNS: tuple[str, ...] = ("source", "target", "tie")

_EXCEL = {".xlsx", ".xlsm"}

if TYPE_CHECKING:  # pandas loads only when a DataFrame is asked for (the CLI needs none)
    import pandas as pd

#: A table as plain columns, ``{column: values}``: what the checks work on.
Columns = dict[str, list]


class GraphDataWarning(UserWarning):
    """Something in a network table that is allowed but probably a slip (named in the text)."""


@dataclass(frozen=True)
class Tables:
    """A checked pair of tables, ready to become a graph.

    ``node_columns`` and ``edge_columns`` (and the DataFrames :attr:`nodes` and
    :attr:`edges` made from them on first use) hold strings except ``directed`` (bool),
    ``weight`` (float or ``None``) and ``phase`` (the phase's position in :attr:`phases`, or
    ``None``); extra columns that hold only numbers become numbers. ``row`` is each record's
    spreadsheet row.
    """

    node_columns: Columns
    edge_columns: Columns
    phases: tuple[Any, ...]
    nodes_file: str
    edges_file: str

    @cached_property
    def nodes(self) -> pd.DataFrame:
        """The nodes as a DataFrame."""
        return _frame(self.node_columns)

    @cached_property
    def edges(self) -> pd.DataFrame:
        """The edges as a DataFrame."""
        return _frame(self.edge_columns)


def records(table: Columns) -> list[dict[str, Any]]:
    """The rows of a table of columns as dicts.

    >>> records({"id": ["a", "b"], "row": [2, 3]})
    [{'id': 'a', 'row': 2}, {'id': 'b', 'row': 3}]
    """
    names = list(table)
    return [dict(zip(names, values, strict=True)) for values in zip(*table.values(), strict=True)]


def _frame(table: Columns) -> pd.DataFrame:
    import pandas as pd

    kinds = {"row": "int64", "directed": bool}
    return pd.DataFrame({c: pd.Series(v, dtype=kinds.get(c, object)) for c, v in table.items()})


def _length(table: Columns) -> int:
    return len(next(iter(table.values()), []))


# --------------------------------------------------------------------------- reading files


def read_table(
    path: str | Path, *, sheet: str | None = None, expected: Iterable[str] = ()
) -> pd.DataFrame:
    """Read one table (CSV or XLSX) as strings, with a ``row`` column (spreadsheet rows).

    The reader is :func:`jlp.files.read.read_records` (one for every file jlp reads). Header names
    are lower-cased and stripped; cells are stripped; fully empty rows are dropped (their
    row numbers are skipped, so later rows keep their spreadsheet number). In a workbook,
    ``sheet`` names the sheet to read (the first one when no sheet has that name);
    ``expected`` names columns the header should have, to recognise title rows above it.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "n.csv"
    >>> _ = p.write_bytes("\\ufeffId ; Label\\n a ; León\\n".encode("utf-8"))
    >>> read_table(p).to_dict("records")
    [{'id': 'a', 'label': 'León', 'row': 2}]
    """
    return read_records(Path(path), sheet=sheet, expected=tuple(expected))


def _read_columns(path: str | Path, sheet: str, expected: Iterable[str]) -> Columns:
    """One file's table as columns with a ``row`` column, no pandas involved."""
    return read_record_sheet(Path(path), sheet=sheet, expected=tuple(expected)).as_columns(row=True)


# --------------------------------------------------------------------------- checking tables


def _require(frame: Columns, needed: Iterable[str], file: str, what: str) -> list[Problem]:
    present = [c for c in frame if c != "row"]
    return [
        Problem(
            TEXT["no_column"].format(
                what=what, column=c, present=", ".join(present) or TEXT["none"]
            ),
            file,
            1,
            c,
            TEXT["column_fix"].format(column=c),
        )
        for c in needed
        if c not in frame
    ]


def _column_problem(
    bad: list[tuple[int, str]], file: str, column: str, what: tuple[str, str], fix: str
) -> list[Problem]:
    """One problem for the bad cells of a column, naming its rows and (some of) its values:
    the same slip typed down a column is one line, not one line per row. ``what`` names the
    messages of :data:`TEXT` for one bad value and for several."""
    if not bad:
        return []
    values = list(dict.fromkeys(raw for _, raw in bad))
    shown = ", ".join(f"'{v}'" for v in values[:3]) + (", …" if len(values) > 3 else "")
    message = TEXT[what[0] if len(values) == 1 else what[1]].format(values=shown)
    rows = tuple(row for row, _ in bad)
    return [Problem(message, file, rows[0], column, fix, rows=rows)]


def _parse_bool(frame: Columns, column: str, file: str, problems: list[Problem]) -> list:
    values, bad = [], []
    for row, raw in zip(frame["row"], frame[column], strict=True):
        value = parse_bool(raw)
        if value is None:
            bad.append((row, raw))
        values.append(bool(value))
    problems += _column_problem(
        bad,
        file,
        column,
        ("not_bool", "not_bools"),
        TEXT["bool_fix"],
    )
    return values


def _parse_weight(frame: Columns, file: str, problems: list[Problem]) -> list:
    values: list[float | None] = []
    bad: list[tuple[int, str]] = []
    for row, raw in zip(frame["row"], frame["weight"], strict=True):
        if raw == "":
            values.append(None)
            continue
        try:
            value = parse_number(raw)  # one rule for decimal commas and thousands
        except AmbiguousNumber as err:
            problems.append(Problem(str(err), file, row, "weight", err.fix))
            values.append(None)
            continue
        if value is None or value < 0:
            bad.append((row, raw))
            values.append(None)
        else:
            values.append(value)
    problems += _column_problem(
        bad,
        file,
        "weight",
        ("not_weight", "not_weights"),
        TEXT["weight_fix"],
    )
    return values


def phase_order(values: Iterable[str]) -> tuple[Any, ...] | None:
    """The phases written in a table, in order; ``None`` when they mix kinds.

    Phases are either all whole numbers (1, 2, 3 or years) or all NET stage names.

    >>> phase_order(["2", "1", "", "2"])
    (1, 2)
    >>> phase_order(["pilot_projects", "promotion_motivation"])
    ('promotion_motivation', 'pilot_projects')
    >>> phase_order(["1", "pilot_projects"]) is None
    True
    """
    written = {v for v in values if v != ""}
    if not written:
        return ()
    try:
        return tuple(sorted({int(v) for v in written}))
    except ValueError:
        pass
    if written <= set(STAGES):
        return tuple(s for s in STAGES if s in written)
    return None


def _phase_problems(frame: Columns, file: str, order: tuple | None) -> list[Problem]:
    if order is not None or "phase" not in frame:
        return []
    numeric = sum(v.lstrip("-").isdigit() for v in frame["phase"] if v)
    bad = [
        (row, v)
        for row, v in zip(frame["row"], frame["phase"], strict=True)
        if v and ((numeric and not v.lstrip("-").isdigit()) or (not numeric and v not in STAGES))
    ]
    return [
        Problem(
            TEXT["not_phase"].format(value=v),
            file,
            row,
            "phase",
            TEXT["phase_fix"].format(stages=", ".join(STAGES)),
        )
        for row, v in bad
    ]


_CODE = re.compile(r"0\d+")  # "0123": a code, keep its zeros
_DECIMAL = re.compile(r"[.,eE]")


def _numeric_extras(frame: Columns, skip: Iterable[str]) -> Columns:
    frame = dict(frame)
    for column, cells in frame.items():
        if column in skip or column == "row":
            continue
        filled = [v for v in cells if v != ""]
        if not filled:
            continue
        coded = any(_CODE.fullmatch(v) for v in filled)
        numbers = [] if coded else [_number_or_none(v) for v in filled]
        if numbers and all(n is not None for n in numbers):
            as_int = all(float(n).is_integer() for n in numbers) and not any(
                _DECIMAL.search(v) for v in filled
            )
            values = iter(numbers)
            converted: list[Any] = []
            for cell in cells:
                number = None if cell == "" else next(values)
                converted.append(None if number is None else int(number) if as_int else number)
            frame[column] = converted
    return frame


def _number_or_none(text: str) -> float | None:
    """A number for an extra column, or ``None`` (an ambiguous 4.000 stays text)."""
    try:
        return parse_number(text)
    except AmbiguousNumber:
        return None


def _hint(name: str, known: list[str]) -> str:
    same = [k for k in known if k.lower() == name.lower()]
    close = same[0] if same else closest(name, known, cutoff=0.6)
    if close:
        return TEXT["close_id"].format(did_you_mean=did_you_mean(close, [close]), name=name)
    listed = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    return TEXT["unknown_id_fix"].format(name=name, ids=listed)


def check_tables(
    nodes: pd.DataFrame | Mapping[str, Iterable],
    edges: pd.DataFrame | Mapping[str, Iterable],
    *,
    nodes_file: str = "nodes",
    edges_file: str = "edges",
) -> Tables:
    """Check a node and an edge table; return them typed, or raise one error listing all.

    ``nodes`` and ``edges`` are frames of strings as :func:`read_table` gives, or mappings
    ``{column: values}`` (a ``row`` column is added when missing). Warnings
    (:class:`GraphDataWarning`) name self-loops, unusual tie types and kinds, repeated ties
    and ties dated before their ends.

    >>> import pandas as pd
    >>> t = check_tables(
    ...     pd.DataFrame({"id": ["a", "b"], "label": ["A", "B"], "kind": ["firm", "firm"]}),
    ...     pd.DataFrame({"source": ["a"], "target": ["b"], "tie": ["supply"]}),
    ... )
    >>> t.edges[["source", "target", "directed", "row"]].to_dict("records")
    [{'source': 'a', 'target': 'b', 'directed': False, 'row': 2}]
    """
    nodes = _as_strings(nodes)
    edges = _as_strings(edges)
    problems = _require(nodes, NODE_COLUMNS, nodes_file, "nodes")
    problems += _require(edges, EDGE_COLUMNS, edges_file, "edges")
    if problems:
        raise JlpInputError(problems=problems)
    if _length(nodes) == 0:
        raise JlpInputError(
            TEXT["no_rows"],
            file=nodes_file,
            row=2,
            fix=TEXT["rows_fix"],
        )

    # nodes: ids present and unique, kinds present, labels default to ids
    first_row: dict[str, int] = {}
    for row, node_id, kind in zip(nodes["row"], nodes["id"], nodes["kind"], strict=True):
        if node_id == "":
            problems.append(
                Problem(
                    TEXT["empty_id"],
                    nodes_file,
                    row,
                    "id",
                    TEXT["id_fix"],
                )
            )
        elif node_id in first_row:
            problems.append(
                Problem(
                    TEXT["id_twice"].format(id=node_id, row=first_row[node_id]),
                    nodes_file,
                    row,
                    "id",
                    TEXT["id_twice_fix"],
                )
            )
        else:
            first_row[node_id] = row
        if kind == "":
            problems.append(
                Problem(
                    TEXT["empty_kind"],
                    nodes_file,
                    row,
                    "kind",
                    TEXT["kind_fix"].format(kinds=", ".join(KNOWN_KINDS)),
                )
            )

    # edges: ends present and known, tie present
    known = sorted(first_row)
    for row, source, target, tie in zip(
        edges["row"], edges["source"], edges["target"], edges["tie"], strict=True
    ):
        for column, end in (("source", source), ("target", target)):
            if end == "":
                problems.append(
                    Problem(
                        TEXT[f"empty_{column}"],
                        edges_file,
                        row,
                        column,
                        TEXT["end_fix"],
                    )
                )
            elif end not in first_row:
                problems.append(
                    Problem(
                        TEXT["unknown_node"].format(node=end),
                        edges_file,
                        row,
                        column,
                        _hint(end, known),
                    )
                )
        if tie == "":
            problems.append(
                Problem(
                    TEXT["empty_tie"],
                    edges_file,
                    row,
                    "tie",
                    TEXT["tie_fix"].format(ties=", ".join(KNOWN_TIES)),
                )
            )

    # typed optional columns
    directed = (
        _parse_bool(edges, "directed", edges_file, problems)
        if "directed" in edges
        else [False] * _length(edges)
    )
    weight = (
        _parse_weight(edges, edges_file, problems) if "weight" in edges else [None] * _length(edges)
    )
    node_phases = list(nodes["phase"]) if "phase" in nodes else []
    edge_phases = list(edges["phase"]) if "phase" in edges else []
    order = phase_order(node_phases + edge_phases)
    if order is None:
        problems += _phase_problems(nodes, nodes_file, None)
        problems += _phase_problems(edges, edges_file, None)
    if problems:
        raise JlpInputError(problems=problems)

    assert order is not None
    position = {str(p): i for i, p in enumerate(order)}
    nodes = _numeric_extras(nodes, skip=("id", "label", "kind", "group", "phase"))
    edges = _numeric_extras(edges, skip=("source", "target", "tie", "directed", "phase", "weight"))
    nodes["label"] = [lab or nid for lab, nid in zip(nodes["label"], nodes["id"], strict=True)]
    edges["directed"] = directed
    edges["weight"] = weight
    for frame in (nodes, edges):
        if "phase" in frame:
            frame["phase"] = [position.get(v) for v in frame["phase"]]
    _warn_about(nodes, edges, nodes_file, edges_file, order)
    edges = _drop_repeats(edges, edges_file)
    return Tables(nodes, edges, tuple(order), nodes_file, edges_file)


def _drop_repeats(edges: Columns, edges_file: str) -> Columns:
    """Keep one tie of each type per pair and direction (an undirected tie covers both)."""
    covered: dict[tuple[str, str, str], int] = {}
    keep, repeats = [], []
    for row, source, target, tie, directed in zip(
        edges["row"],
        edges["source"],
        edges["target"],
        edges["tie"],
        edges["directed"],
        strict=True,
    ):
        arcs = [(source, target, tie)] + ([] if directed else [(target, source, tie)])
        earlier = next((covered[a] for a in arcs if a in covered), None)
        if earlier is not None:
            repeats.append(
                TEXT["repeat"].format(
                    source=source, target=target, tie=tie, row=row, earlier=earlier
                )
            )
            keep.append(False)
            continue
        covered.update(dict.fromkeys(arcs, row))
        keep.append(True)
    if repeats:
        _warn(TEXT["repeats"].format(file=edges_file, repeats="; ".join(repeats)))
    if all(keep):
        return edges
    return {c: [v for v, k in zip(cells, keep, strict=True) if k] for c, cells in edges.items()}


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    pd = sys.modules.get("pandas")  # pandas' own missing values, when a DataFrame came in
    if pd is not None and value is pd.NA:
        return ""
    return str(value).strip()


def _as_strings(table: pd.DataFrame | Mapping[str, Iterable]) -> Columns:
    """A copy of ``table`` as columns of stripped text (and a ``row`` column)."""
    if hasattr(table, "to_dict") and hasattr(table, "columns"):  # a DataFrame
        source = {c: table[c].tolist() for c in table.columns}
    else:
        source = {c: list(v) for c, v in table.items()}  # type: ignore[union-attr]
    columns: Columns = {}
    for column, values in source.items():
        name = str(column).strip().lower()
        columns[name] = list(values) if name == "row" else [_cell(v) for v in values]
    if "row" not in columns:
        columns["row"] = list(range(2, _length(columns) + 2))
    return columns


def _rows(rows: list[int]) -> str:
    return TEXT["row" if len(rows) == 1 else "rows"].format(rows=", ".join(map(str, rows)))


def _warn(message: str) -> None:
    """Warn, pointing at the caller's line outside ``jlp.graphs`` (not at jlp's own code)."""
    package = str(Path(__file__).parent)
    level, frame = 1, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(package):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, GraphDataWarning, stacklevel=level)


def _warn_about(
    nodes: Columns, edges: Columns, nodes_file: str, edges_file: str, order: tuple
) -> None:
    unusual: dict[str, list[int]] = {}
    for row, kind in zip(nodes["row"], nodes["kind"], strict=True):
        if kind not in KNOWN_KINDS:
            unusual.setdefault(kind, []).append(row)
    for kind, rows in unusual.items():
        _warn(
            TEXT["unusual_kind"].format(
                file=nodes_file, rows=_rows(rows), kind=kind, kinds=", ".join(KNOWN_KINDS)
            )
        )

    ties: dict[str, list[int]] = {}
    loops: list[str] = []
    for row, source, target, tie in zip(
        edges["row"], edges["source"], edges["target"], edges["tie"], strict=True
    ):
        if tie not in KNOWN_TIES:
            ties.setdefault(tie, []).append(row)
        if source == target:
            loops.append(TEXT["loop"].format(node=source, tie=tie, row=row))
    for tie, rows in ties.items():
        _warn(
            TEXT["unusual_tie"].format(
                file=edges_file, rows=_rows(rows), tie=tie, ties=", ".join(KNOWN_TIES)
            )
        )
    if loops:
        _warn(TEXT["loops"].format(file=edges_file, n=len(loops), loops="; ".join(loops)))

    if "phase" in edges and "phase" in nodes:
        node_phase = dict(zip(nodes["id"], nodes["phase"], strict=True))
        early = []
        for row, source, target, phase in zip(
            edges["row"], edges["source"], edges["target"], edges["phase"], strict=True
        ):
            if phase is None:
                continue
            ends = [node_phase.get(n) for n in (source, target)]
            later = [p for p in ends if p is not None and p > phase]
            if later:
                early.append(
                    TEXT["early"].format(
                        row=row,
                        source=source,
                        target=target,
                        phase=order[phase],
                        later=order[max(later)],
                    )
                )
        if early:
            _warn(TEXT["earlies"].format(file=edges_file, early="; ".join(early)))


# --------------------------------------------------------------------------- files to tables


def read_tables(nodes: str | Path, edges: str | Path | None = None) -> Tables:
    """Read and check a node and an edge file (CSV or XLSX).

    With ``edges`` omitted, ``nodes`` must be a workbook with sheets ``nodes`` and ``edges``.
    """
    nodes_path = Path(nodes)
    if edges is None:
        if nodes_path.suffix.lower() not in _EXCEL:
            raise JlpInputError(
                TEXT["no_edges"],
                file=str(nodes_path),
                fix=TEXT["edges_fix"],
            )
        sheets = [name.strip().lower() for name in sheet_names(nodes_path)]
        missing = [s for s in ("nodes", "edges") if s not in sheets]
        if missing:
            raise JlpInputError(
                TEXT["no_sheet"].format(
                    missing=" or ".join(map(repr, missing)), sheets=", ".join(sheets)
                ),
                file=str(nodes_path),
                fix=TEXT["sheet_fix"],
            )
        node_frame = _read_columns(nodes_path, "nodes", NODE_COLUMNS)
        edge_frame = _read_columns(nodes_path, "edges", EDGE_COLUMNS)
        return check_tables(
            node_frame,
            edge_frame,
            nodes_file=f"{nodes_path} [nodes]",
            edges_file=f"{nodes_path} [edges]",
        )
    return check_tables(
        _read_columns(nodes_path, "nodes", NODE_COLUMNS),
        _read_columns(edges, "edges", EDGE_COLUMNS),
        nodes_file=str(nodes_path),
        edges_file=str(edges),
    )


__all__ = [
    "EDGE_COLUMNS",
    "KNOWN_KINDS",
    "KNOWN_TIES",
    "NODE_COLUMNS",
    "STAGES",
    "Columns",
    "GraphDataWarning",
    "Tables",
    "check_tables",
    "phase_order",
    "read_table",
    "read_tables",
    "records",
]
