"""Hostile and messy files (issue 16): no crash, no lost file, no injected link or formula.

Every file of ``tests/hostile/`` goes through the readers and the commands that take it.
A file jlp must refuse gives exit 2, ``error:`` lines only (no traceback, no raw control
character), and leaves every file of its folder as it was, with nothing added. A file jlp
must accept is read as the person who typed it meant. Workbooks with formulas are made
here with openpyxl. ``test_corpus_size`` keeps count of the corpus.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from jlp import net
from jlp.cli import main
from jlp.errors import JlpInputError
from jlp.files import write as write_module
from jlp.graphs import read_graph, read_table

HOSTILE = Path(__file__).parent / "hostile"
SRC = Path(__file__).resolve().parents[1] / "src"
RAW_CONTROL = ("\x1b", "\x00", "\x07", "\x9b")

# --------------------------------------------------------------------------- helpers


def folder_state(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def copy(tmp_path: Path, *names: str) -> list[Path]:
    out = []
    for name in names:
        shutil.copy(HOSTILE / name, tmp_path / name)
        out.append(tmp_path / name)
    return out


def assert_clean_refusal(code: int, out: str, err: str, *, lines: int | None = 1) -> None:
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and err.strip()
    shown = err.strip().splitlines()
    assert all(line.startswith("error: ") for line in shown), shown
    if lines is not None:
        assert len(shown) == lines, shown
    assert not any(c in out + err for c in RAW_CONTROL)


def formula_like(cell: str) -> bool:
    """A cell a spreadsheet would run as a formula (a plain number is harmless)."""
    return cell.startswith(FORMULA) and not write_module._PLAIN_NUMBER.fullmatch(cell)


FORMULA = write_module.FORMULA_STARTS


# --------------------------------------------------------------------------- refused files

NET_REFUSED = {
    "net_zero_width_rating.csv": "invisible character (zero-width space) after 'achieved'",
    "net_bom_inside_cell.csv": "invisible character (byte-order mark)",
    "net_nul_in_cell.csv": "null character",
    "net_escape_sequence.csv": "\\x1b]52",
    "net_ragged_row.csv": "this row has 9 cells but the header has 7",
    "net_unclosed_quote.csv": "never closed",
    "net_duplicate_header.csv": "the column 'rating' appears twice",
    "net_title_rows.csv": "row 1 has 'Evaluación de la red' where the header",
    "net_repeated_mistake.csv": "rows 2–7, column 'rating': 'sure' is not a rating",
    "net_not_utf8.csv": "not UTF-8",
    "net_empty.csv": "the file is empty",
    "net_bad_date.csv": "'01/03/1998' is not a date",
    "net_bom_only.csv": "the file is empty",
    "net_utf16.csv": "not UTF-8",
}
NET_COMMANDS = {
    "score": lambda f, d: ["net", "score", f],
    "save": lambda f, d: ["net", "save", f, "--to", d / "history.csv"],
    "report": lambda f, d: ["net", "report", f, "-o", d / "report.html"],
}


@pytest.mark.parametrize("command", sorted(NET_COMMANDS))
@pytest.mark.parametrize(("name", "words"), sorted(NET_REFUSED.items()))
def test_refused_assessment_files(tmp_path, capsys, name, words, command):
    (path,) = copy(tmp_path, name)
    before = folder_state(tmp_path)
    code, out, err = run(capsys, *NET_COMMANDS[command](path, tmp_path))
    assert_clean_refusal(code, out, err, lines=2 if name == "net_escape_sequence.csv" else 1)
    assert words in err
    assert folder_state(tmp_path) == before  # nothing changed, nothing added


GRAPH_REFUSED = {
    ("nodes_ragged.csv", "edges_ok.csv"): "this row has 5 cells but the header has 3",
    ("nodes_duplicate_header.csv", "edges_ok.csv"): "the column 'id' appears twice",
    (
        "nodes_zero_width.csv",
        "edges_zero_width.csv",
    ): "invisible character (zero-width space) after 'a'",
    ("nodes_zero_width.csv", "edges_ambiguous_weight.csv"): "'4.000' could be read two ways",
    (
        "nodes_zero_width.csv",
        "edges_nan_weights.csv",
    ): "rows 2–4, column 'weight': 'nan', 'None', 'NaN' are not weights",
    ("nodes_zero_width.csv", "edges_bad_boolean.csv"): "'quizás' is not true or false",
    ("net_escape_sequence.csv", "edges_ok.csv"): "\\x1b]52",
    ("nodes_title_rows.csv", "edges_ok.csv"): "row 1 has 'Red de talleres' where the header",
}
GRAPH_COMMANDS = {
    "metrics": lambda n, e, d: ["graph", "metrics", n, e, "--format", "csv"],
    "render": lambda n, e, d: ["graph", "render", n, e, "-o", d / "map.html"],
}


@pytest.mark.parametrize("command", sorted(GRAPH_COMMANDS))
@pytest.mark.parametrize(("names", "words"), sorted(GRAPH_REFUSED.items()))
def test_refused_graph_files(tmp_path, capsys, names, words, command):
    nodes, edges = copy(tmp_path, *names)
    before = folder_state(tmp_path)
    code, out, err = run(capsys, *GRAPH_COMMANDS[command](nodes, edges, tmp_path))
    assert_clean_refusal(code, out, err, lines=None)
    assert words in err
    assert folder_state(tmp_path) == before


def test_nan_and_none_weights_are_refused_alike(tmp_path):
    nodes, edges = copy(tmp_path, "nodes_zero_width.csv", "edges_nan_weights.csv")
    with pytest.raises(JlpInputError) as caught:
        read_graph(nodes, edges)
    problems = caught.value.problems
    # one mistake down a column is one problem naming its rows (issue 11)
    assert [(p.rows, p.column) for p in problems] == [((2, 3, 4), "weight")]
    assert problems[0].message == "'nan', 'None', 'NaN' are not weights"


# --------------------------------------------------------------------------- accepted files


@pytest.mark.parametrize(
    "name",
    [
        "net_bom.csv",
        "net_semicolon.csv",
        "net_tab.tsv",
        "net_crlf_quoted_newline.csv",
        "net_cr_line_ends.csv",
        "net_trailing_empty_columns.csv",
    ],
)
def test_accepted_assessment_files(tmp_path, capsys, name):
    (path,) = copy(tmp_path, name)
    table = net.read_assessments(path)
    assert set(table["network"]) == {"Emasim"} and "achieved" in set(table["rating"])
    code, out, err = run(capsys, "net", "score", path, "-f", "csv")
    assert code == 0 and not err and out.startswith("network,date,index")


def test_note_with_a_newline_and_a_separator_survive(tmp_path):
    table = net.read_assessments(copy(tmp_path, "net_crlf_quoted_newline.csv")[0])
    assert table["note"].tolist() == ["two\r\nlines"] or table["note"].tolist() == ["two\nlines"]
    table = net.read_assessments(copy(tmp_path, "net_semicolon.csv")[0])
    assert table["note"].tolist() == ["costes, clientes"]


def test_one_name_in_two_unicode_forms_is_one_network(tmp_path):
    table = net.read_assessments(copy(tmp_path, "net_nfd_and_nfc.csv")[0])
    assert set(table["network"]) == {"León"}
    assert len(net.score(table)) == 1


def test_one_node_id_in_two_unicode_forms_is_one_node(tmp_path):
    graph = read_graph(*copy(tmp_path, "nodes_nfd.csv", "edges_nfd.csv"))
    assert sorted(graph.nodes) == ["León", "b"] and graph.number_of_edges() == 1


def test_nan_and_none_are_text_not_missing(tmp_path):
    graph = read_graph(*copy(tmp_path, "nodes_ok.csv", "edges_ok.csv"))
    assert "nan" in graph and graph.nodes["nan"]["label"] == "None"
    assert read_table(tmp_path / "nodes_ok.csv")["id"].tolist() == ["leon", "b", "nan"]


def test_spanish_spreadsheet_habits(tmp_path):
    graph = read_graph(*copy(tmp_path, "nodes_es.csv", "edges_es.csv"))
    ties = {(u, v): d for u, v, d in graph.edges(data=True)}
    weights = sorted(d["weight"] for d in ties.values())
    assert weights == [0.25, 2.5, 1234.5]
    directed = sorted((d["tie"], d["directed"]) for d in ties.values())
    assert directed == [("credit", True), ("supply", True), ("training", False)]
    assert graph.nodes["a"]["label"] == "Taller Núñez"


def test_formulas_in_graph_labels_never_reach_a_csv_output(tmp_path, capsys):
    nodes, edges = copy(tmp_path, "nodes_formula_labels.csv", "edges_formula_labels.csv")
    for command in (["metrics"], ["without"]):
        code, out, err = run(capsys, "graph", *command, nodes, edges, "--format", "csv")
        assert code == 0, err
        cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
        assert not [c for c in cells if formula_like(c)], out
    code, out, _ = run(capsys, "graph", "metrics", nodes, edges, "--format", "csv")
    assert "'=HYPERLINK" in out and "'+SUM(A1)" in out and "'@cmd" in out and "'-2+3" in out


def test_formulas_in_assessments_never_reach_a_csv_and_come_back_intact(tmp_path, capsys):
    (path,) = copy(tmp_path, "net_formulas_in_names.csv")
    original = net.read_assessments(path)
    assert original["assessor"].iloc[0].startswith("=HYPERLINK")
    code, _, err = run(capsys, "net", "save", path, "--to", tmp_path / "history.csv")
    assert code == 0, err
    text = (tmp_path / "history.csv").read_text(encoding="utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if formula_like(c)]
    assert "-2.5" in cells  # a number stays a number
    again = net.read_assessments(tmp_path / "history.csv")
    assert again.reset_index(drop=True).equals(original.reset_index(drop=True))


@pytest.mark.parametrize("name", ["=1+1", "+SUM(A1)", "@cmd", "-2+3", '=HYPERLINK("x")'])
def test_templates_keep_a_formula_like_name_as_text(tmp_path, capsys, name):
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"t{suffix}"
        code, _, err = run(
            capsys, "net", "template", "-o", path, "--force", "--", name, "2026-01-01"
        )
        assert code == 0, err
        if suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            assert not [
                c.coordinate
                for s in book
                for row in s.iter_rows()
                for c in row
                if c.data_type == "f"
            ]
        else:
            cells = [c for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))) for c in row]
            assert not [c for c in cells if formula_like(c)]
        assert set(net.read_assessments(path)["network"]) == {name}
        code, out, err = run(capsys, "net", "score", path, "-f", "csv")
        assert code == 0, err
        assert next(csv.DictReader(io.StringIO(out)))["network"] == "'" + name


def test_score_csv_neutralises_and_keeps_numbers(tmp_path, capsys):
    (path,) = copy(tmp_path, "net_formulas_in_names.csv")
    code, out, _ = run(capsys, "net", "score", path, "-f", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert code == 0 and float(row["index"]) > 0


# --------------------------------------------------------------------------- workbooks


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


NET_HEADER = ["network", "date", "indicator", "stage", "rating"]


def test_uncached_formulas_in_an_assessment_are_named_by_cell(tmp_path, capsys):
    path = workbook(
        tmp_path / "a.xlsx",
        {
            "assessments": [
                NET_HEADER,
                ["A", "1998-01-01", "group_cohesion", "decision", '=IF(1,"achieved","")'],
                ["A", "1998-01-01", "group_cohesion", "pilot_projects", "=1/0"],
                ["A", "1998-01-01", "group_cohesion", "self_management", "achieved"],
            ]
        },
    )
    before = folder_state(tmp_path)
    code, out, err = run(capsys, "net", "score", path)
    assert_clean_refusal(code, out, err)
    assert "sheet 'assessments', cells E2, E3: formulas with no saved value" in err
    assert "type the value itself" in err
    assert folder_state(tmp_path) == before


def test_a_formula_label_in_a_graph_workbook_is_named_by_cell(tmp_path, capsys):
    path = workbook(
        tmp_path / "g.xlsx",
        {
            "nodes": [["id", "label", "kind"], ["a", '=UPPER("x")', "firm"], ["b", "B", "firm"]],
            "edges": [["source", "target", "tie"], ["a", "b", "supply"]],
        },
    )
    code, out, err = run(capsys, "graph", "metrics", path)
    assert_clean_refusal(code, out, err)
    assert "sheet 'nodes', cell B2: a formula with no saved value" in err


def test_error_values_damaged_and_disguised_workbooks(tmp_path, capsys):
    path = workbook(
        tmp_path / "a.xlsx",
        {"assessments": [NET_HEADER, ["A", "1998-01-01", "group_cohesion", "decision", "#N/A"]]},
    )
    (tmp_path / "broken.xlsx").write_bytes(path.read_bytes()[:500])
    (tmp_path / "disguised.csv").write_bytes(path.read_bytes())
    for name, words in (
        ("a.xlsx", "cell E2: the cell shows an error (#N/A)"),
        ("broken.xlsx", "not a readable .xlsx workbook"),
        ("disguised.csv", "cell E2: the cell shows an error (#N/A)"),
    ):
        before = folder_state(tmp_path)
        code, out, err = run(capsys, "net", "score", tmp_path / name)
        assert_clean_refusal(code, out, err)
        assert words in err and folder_state(tmp_path) == before


def test_an_output_that_is_a_link_to_the_input_is_refused(tmp_path, capsys, inputs):
    link = tmp_path / "link.html"
    link.symlink_to(inputs["assessment"])
    before = inputs["assessment"].read_bytes()
    code, out, err = run(capsys, "net", "report", inputs["assessment"], "-o", link, "--force")
    assert_clean_refusal(code, out, err)
    assert "also an input file" in err and inputs["assessment"].read_bytes() == before


def test_title_rows_above_a_workbook_header(tmp_path, capsys):
    path = workbook(
        tmp_path / "a.xlsx",
        {
            "assessments": [
                ["Evaluación de la red"],
                [],
                NET_HEADER,
                ["A", "1998-01-01", "group_cohesion", "decision", "achieved"],
            ]
        },
    )
    code, out, err = run(capsys, "net", "score", path)
    assert_clean_refusal(code, out, err)
    assert "row 1 has 'Evaluación de la red'" in err and "rows 1–2" in err


# --------------------------------------------------------------------------- output places


@pytest.fixture()
def inputs(tmp_path) -> dict[str, Path]:
    assessment = tmp_path / "a.csv"
    net.write_template("Emasim", "1998-03-01", assessment)
    nodes, edges = copy(tmp_path, "nodes_es.csv", "edges_es.csv")
    return {"assessment": assessment, "nodes": nodes, "edges": edges}


def writers(inputs: dict[str, Path], output: Path) -> dict[str, list]:
    return {
        "net template": ["net", "template", "Emasim", "1998-03-01", "-o", output],
        "net report": ["net", "report", inputs["assessment"], "-o", output],
        "net save": ["net", "save", inputs["assessment"], "--to", output],
        "graph render": ["graph", "render", inputs["nodes"], inputs["edges"], "-o", output],
    }


def output_name(command: str) -> str:
    return {
        "net template": "t.csv",
        "net report": "r.html",
        "net save": "h.csv",
        "graph render": "m.html",
    }[command]


COMMANDS = ["net template", "net report", "net save", "graph render"]


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_folder_is_refused_and_not_created(tmp_path, capsys, inputs, command):
    output = tmp_path / "nope" / output_name(command)
    code, out, err = run(capsys, *writers(inputs, output)[command])
    assert_clean_refusal(code, out, err)
    assert "does not exist" in err and not (tmp_path / "nope").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_as_output_is_refused(tmp_path, capsys, inputs, command):
    folder = tmp_path / "out.html"
    folder.mkdir()
    before = folder_state(tmp_path)
    code, out, err = run(capsys, *writers(inputs, folder)[command])
    assert_clean_refusal(code, out, err)
    assert "is a folder" in err and folder_state(tmp_path) == before


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders"
)
@pytest.mark.parametrize("command", COMMANDS)
def test_read_only_folder_is_refused(tmp_path, capsys, inputs, command):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, out, err = run(capsys, *writers(inputs, folder / output_name(command))[command])
    finally:
        folder.chmod(0o755)
    assert_clean_refusal(code, out, err)
    assert "read-only" in err and not list(folder.iterdir())


@pytest.mark.parametrize("command", COMMANDS)
def test_permission_denied_while_writing_is_a_clean_message(
    tmp_path, capsys, inputs, monkeypatch, command
):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(write_module.tempfile, "mkstemp", denied)
    before = folder_state(tmp_path)
    code, out, err = run(capsys, *writers(inputs, tmp_path / output_name(command))[command])
    assert_clean_refusal(code, out, err)
    assert "read-only" in err and folder_state(tmp_path) == before


@pytest.mark.parametrize("command", ["net template", "net report", "graph render"])
def test_an_existing_file_is_replaced_only_with_force(tmp_path, capsys, inputs, command):
    output = tmp_path / output_name(command)
    output.write_text("mine")
    code, out, err = run(capsys, *writers(inputs, output)[command])
    assert_clean_refusal(code, out, err)
    assert "--force" in err and output.read_text() == "mine"
    code, _, err = run(capsys, *writers(inputs, output)[command], "--force")
    assert code == 0, err
    assert output.read_text(encoding="utf-8-sig") != "mine"


def test_a_report_never_replaces_its_input(tmp_path, capsys, inputs):
    source = inputs["assessment"]
    before = source.read_bytes()
    for extra in ([], ["--force"]):
        code, out, err = run(capsys, "net", "report", source, "-o", source, *extra)
        assert_clean_refusal(code, out, err)
        assert "also an input file" in err and source.read_bytes() == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_leaves_nothing_behind(tmp_path, capsys, inputs, monkeypatch, command):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    output = tmp_path / output_name(command)
    if command == "net save":
        net.save_assessment(net.template("Other", "1990-01-01"), output)
    monkeypatch.setattr(write_module.os, "fsync", full)
    before = folder_state(tmp_path)
    code, out, err = run(
        capsys,
        *writers(inputs, output)[command],
        "--force" if command in ("net template", "net report", "graph render") else "--overwrite",
    )
    assert_clean_refusal(code, out, err)
    assert "the disk is full" in err
    assert folder_state(tmp_path) == before  # no partial file, no temporary file


def test_a_file_size_limit_in_a_real_process_is_a_clean_message(tmp_path, inputs):
    output = tmp_path / "r.html"
    command = (
        f"ulimit -f 64; exec {sys.executable} -c 'import sys; from jlp.cli import main; "
        f"sys.exit(main(sys.argv[1:]))' net report {inputs['assessment']} -o {output}"
    )
    done = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "larger than this system allows" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.csv", "nodes_es.csv", "edges_es.csv"]
    )


def test_a_terminated_command_leaves_no_temporary_file(tmp_path, inputs):
    """SIGTERM at any moment: the output is absent or whole, and no temporary file stays."""
    output = tmp_path / "r.html"
    code = "import sys; from jlp.cli import main; sys.exit(main(sys.argv[1:]))"
    for delay in (0.5, 2.0, 4.0):
        output.unlink(missing_ok=True)
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                code,
                "net",
                "report",
                str(inputs["assessment"]),
                "-o",
                str(output),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(SRC)},
        )
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.terminate()
        _, err = process.communicate(timeout=300)
        assert "Traceback" not in err
        assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert not output.exists() or output.read_text(encoding="utf-8").endswith("</html>\n")


def test_a_temporary_file_left_by_a_killed_process_is_swept(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    stale = tmp_path / f".r.html.{dead}.abc123.tmp"
    stale.write_text("half a page")
    mine = tmp_path / f".r.html.{os.getpid()}.live.tmp"  # a live writer's file stays
    mine.write_text("being written")
    write_module.atomic_write(tmp_path / "r.html", b"page")
    assert not stale.exists() and mine.exists()


def test_control_characters_in_an_argument_never_reach_the_terminal(tmp_path, capsys):
    code, out, err = run(
        capsys, "net", "template", "Ema\x1b[2Jsim", "1998-03-01", "-o", tmp_path / "t.csv"
    )
    assert_clean_refusal(code, out, err)
    assert "\\x1b[2J" in err and not (tmp_path / "t.csv").exists()


# --------------------------------------------------------------------------- the count


def test_corpus_size():
    """Every fixture of tests/hostile is used by a test above."""
    used = (
        set(NET_REFUSED)
        | {n for pair in GRAPH_REFUSED for n in pair}
        | {
            "net_bom.csv",
            "net_semicolon.csv",
            "net_tab.tsv",
            "net_crlf_quoted_newline.csv",
            "net_cr_line_ends.csv",
            "net_trailing_empty_columns.csv",
            "net_nfd_and_nfc.csv",
            "nodes_nfd.csv",
            "edges_nfd.csv",
            "nodes_ok.csv",
            "edges_ok.csv",
            "nodes_es.csv",
            "edges_es.csv",
            "nodes_formula_labels.csv",
            "edges_formula_labels.csv",
            "net_formulas_in_names.csv",
            "nodes_title_rows.csv",
        }
    )
    on_disk = {p.name for p in HOSTILE.iterdir() if p.suffix in (".csv", ".tsv")}
    assert on_disk == used


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_jlp_may_not_write_is_refused_before_any_work(
    tmp_path, capsys, inputs, monkeypatch, command
):
    """The same check as the read-only folder above, runnable as root too."""
    real = os.access
    out_folder = tmp_path / "ro"
    out_folder.mkdir()
    monkeypatch.setattr(
        write_module.os, "access", lambda p, mode: False if Path(p) == out_folder else real(p, mode)
    )
    code, out, err = run(capsys, *writers(inputs, out_folder / output_name(command))[command])
    assert_clean_refusal(code, out, err)
    assert "read-only" in err and not list(out_folder.iterdir())


@pytest.mark.parametrize("command", COMMANDS)
def test_special_and_impossible_output_names(tmp_path, capsys, inputs, command):
    long_name = "x" * 300 + Path(output_name(command)).suffix  # a template is .csv or .xlsx
    for output, words in (
        (Path(os.devnull), "not an ordinary file"),
        (tmp_path / long_name, "could not write"),
    ):
        code, out, err = run(
            capsys,
            *writers(inputs, output)[command],
            *(["--force"] if command in ("net template", "net report", "graph render") else []),
        )
        assert_clean_refusal(code, out, err)
        assert words in err or (command == "graph render" and "cannot write 'null'" in err)
