"""`jlp data check`: every problem in a data package, one line each, naming file, row and column.

Broken packages are built in tmp_path by copying the bundled one and damaging it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jlp import datacheck, datasets
from jlp.cli import main
from jlp.errors import JlpInputError

BUNDLED = Path(__file__).resolve().parents[1] / "datasets"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv(datasets.ENV_VAR, raising=False)
    datasets.clear_cache()
    yield
    datasets.clear_cache()


@pytest.fixture
def pkg(tmp_path) -> Path:
    folder = tmp_path / "pkg"
    shutil.copytree(BUNDLED, folder)
    return folder


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Write ``value`` in the row whose id is ``row_id``; return its spreadsheet row number."""
    rows = rows_of(path)
    index = next(i for i, r in enumerate(rows) if r[0] == row_id)
    rows[index][rows[0].index(column)] = value
    write_rows(path, rows)
    return index + 1


def edit_descriptor(folder: Path, change: Callable[[dict], None]) -> None:
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def run_check(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["data", "check", *args])
    out, err = capsys.readouterr()
    return code, err.splitlines(), out


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------- clean packages


def test_clean_bundled_package_exits_0_with_a_summary(capsys):
    code, errors, out = run_check(capsys)
    rows = sum(len(datasets.load(n)) for n in datasets.names())
    assert code == 0 and errors == []
    assert f"datapackage.json: {len(datasets.names())} resources, {rows} rows, no problems" in out
    assert len(out.splitlines()) == 1
    assert datacheck.check_package(BUNDLED) == []


def test_clean_copy_by_folder_or_file(capsys, pkg):
    assert run_check(capsys, str(pkg))[0] == 0
    assert run_check(capsys, str(pkg / "datapackage.json"))[0] == 0


def test_summary_names_csv_files_the_package_does_not_describe(capsys, pkg):
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in descriptor["resources"]}
    for stray in pkg.glob("*.csv"):
        if stray.name not in described:
            stray.unlink()
    assert run_check(capsys, str(pkg))[2].strip().endswith("no problems")
    (pkg / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    code, errors, out = run_check(capsys, str(pkg))
    assert code == 0 and errors == []
    assert out.strip().endswith("no problems (not in the package: notes.csv)")


def test_default_folder_follows_jlp_data_dir(capsys, pkg, monkeypatch):
    set_cell(pkg / "projects.csv", "mx_pii", "kind", "programme")
    monkeypatch.setenv(datasets.ENV_VAR, str(pkg))
    code, errors, _ = run_check(capsys)
    assert code == 2 and len(errors) == 1 and "programme" in errors[0]


# --------------------------------------------------------------------------- bad input, one by one


def _assert_one(
    errors: list[str], file: str, row: int | None, column: str | None, *words: str
) -> str:
    matching = [e for e in errors if file in e and all(w in e for w in words)]
    assert len(matching) == 1, errors
    line = matching[0]
    assert line.startswith("error: ") and "(fix: " in line
    if row is not None:
        assert f", row {row}" in line, line
    if column is not None:
        assert f"column '{column}'" in line, line
    return line


def test_wrong_type(capsys, pkg):
    row = set_cell(pkg / "reported_figures.csv", "emasim_sales_change", "value", "abc")
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    _assert_one(errors, "reported_figures.csv", row, "value", "'abc'", "number")


def test_missing_required_column(capsys, pkg):
    path = pkg / "reported_figures.csv"
    rows = rows_of(path)
    drop = rows[0].index("unit")
    write_rows(path, [r[:drop] + r[drop + 1 :] for r in rows])
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1  # reported once, not once per row
    _assert_one(errors, "reported_figures.csv", 1, "unit", "required column is missing")


def test_unknown_provenance(capsys, pkg):
    row = set_cell(pkg / "projects.csv", "ni_phase2", "provenance", "reportd")
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    line = _assert_one(errors, "projects.csv", row, "provenance", "'reportd'")
    assert "reported, illustrative" in line and "did you mean 'reported'" in line


def test_missing_file(capsys, pkg):
    (pkg / "projects.csv").unlink()
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    _assert_one(errors, "projects.csv", None, None, "missing")


def test_datapackage_is_not_valid_json(capsys, pkg):
    path = pkg / "datapackage.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"name": "jlp",', '"name": "jlp"', 1),
        encoding="utf-8",
    )
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    _assert_one(errors, "datapackage.json", None, None, "not valid JSON", "line 3")


def test_resource_without_schema_or_sources(capsys, pkg):
    def damage(d):
        del d["resources"][0]["schema"]
        del d["resources"][1]["sources"]

    edit_descriptor(pkg, damage)
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 2
    _assert_one(errors, "datapackage.json", None, None, "'projects'", 'no "schema"')
    _assert_one(errors, "datapackage.json", None, None, "'reported_figures'", 'no "sources"')


def test_foreign_key_to_a_table_without_schema(capsys, pkg):
    def damage(d):
        d["resources"][0]["schema"]["foreignKeys"].append(
            {"fields": ["id"], "reference": {"resource": "reported_figures", "fields": ["id"]}}
        )
        del d["resources"][1]["schema"]

    edit_descriptor(pkg, damage)
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    _assert_one(errors, "datapackage.json", None, None, "'reported_figures'", 'no "schema"')


def test_package_without_licenses(capsys, pkg):
    edit_descriptor(pkg, lambda d: d.pop("licenses"))
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2
    _assert_one(errors, "datapackage.json", None, None, "licenses")


def test_unknown_field_type_names_the_field(capsys, pkg):
    def damage(d):
        d["resources"][1]["schema"]["fields"][6]["type"] = "numbr"

    edit_descriptor(pkg, damage)
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    _assert_one(errors, "datapackage.json", None, "value", "numbr", "did you mean 'number'")


def test_provenance_must_be_the_enum(capsys, pkg):
    def damage(d):
        field = next(f for f in d["resources"][0]["schema"]["fields"] if f["name"] == "provenance")
        field["constraints"]["enum"] = ["reported", "illustrative", "guess"]

    edit_descriptor(pkg, damage)
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2
    _assert_one(errors, "datapackage.json", None, "provenance", "enum")


@pytest.mark.parametrize(
    ("damage", "file", "column", "words"),
    [
        (
            lambda p: set_cell(p / "projects.csv", "mx_pii", "start_year", "1897"),
            "projects.csv",
            "start_year",
            ("1897", "minimum 1990"),
        ),
        (
            lambda p: set_cell(p / "projects.csv", "jm_phase2", "part_of", "jm_projet"),
            "projects.csv",
            "part_of",
            ("'jm_projet'", "existing id"),
        ),
        (
            lambda p: set_cell(p / "reported_figures.csv", "masaya_distance", "id", "hn_firm_size"),
            "reported_figures.csv",
            "id",
            ("'hn_firm_size'", "repeats"),
        ),
        (
            lambda p: set_cell(p / "reported_figures.csv", "masaya_distance", "metric", "Km Away"),
            "reported_figures.csv",
            "metric",
            ("pattern", "lowercase"),
        ),
        (
            lambda p: set_cell(p / "reported_figures.csv", "masaya_distance", "source", ""),
            "reported_figures.csv",
            "source",
            ("marked reported", "names no source"),
        ),
        (
            lambda p: set_cell(p / "reported_figures.csv", "emasim_fee_year2", "value_high", "60"),
            "reported_figures.csv",
            "qualifier",
            ("needs the qualifier 'between'",),
        ),
        (
            lambda p: set_cell(p / "projects.csv", "hn_project", "networks", "33.5"),
            "projects.csv",
            "networks",
            ("'33.5'", "whole number"),
        ),
    ],
    ids=[
        "minimum",
        "foreign-key",
        "duplicate-id",
        "pattern",
        "reported-without-source",
        "range-qualifier",
        "integer",
    ],
)
def test_cell_problems_name_file_row_and_column(capsys, pkg, damage, file, column, words):
    row = damage(pkg)
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1, errors
    _assert_one(errors, file, row, column, *words)


def test_layout_problems(capsys, pkg):
    path = pkg / "projects.csv"
    rows = rows_of(path)
    rows[0].append("extra")
    for r in rows[1:]:
        r.append("")
    rows[3] = rows[3][:5]  # a short row
    rows.insert(5, [])  # a blank row
    write_rows(path, rows)
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 3, errors
    _assert_one(errors, "projects.csv", 1, "extra", "not in the schema")
    _assert_one(errors, "projects.csv", 4, None, "has 5 values but the header has 27")
    _assert_one(errors, "projects.csv", 6, None, "blank")


def test_not_utf8(capsys, pkg):
    path = pkg / "projects.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    _assert_one(errors, "projects.csv", 2, None, "not UTF-8", "CSV UTF-8")


def test_utf8_with_bom_is_fine(capsys, pkg):
    path = pkg / "projects.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_check(capsys, str(pkg))[0] == 0


def test_every_problem_is_reported(capsys, pkg):
    figures = pkg / "reported_figures.csv"
    rows = [
        set_cell(figures, "cl_profo_networks", "value", "about 450"),
        set_cell(figures, "hn_eval_sales", "unit", "per cent"),
        set_cell(pkg / "projects.csv", "hn_certec", "brokers_trained", "seventy-one"),
    ]
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 3
    files = ["reported_figures.csv", "reported_figures.csv", "projects.csv"]
    for file, row in zip(files, rows, strict=True):
        assert sum(f"{file}, row {row}," in line for line in errors) == 1


def test_repeated_resource_name(capsys, pkg):
    edit_descriptor(pkg, lambda d: d["resources"][1].update(name=d["resources"][0]["name"]))
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2
    _assert_one(errors, "datapackage.json", None, None, "two resources are named 'projects'")


def test_empty_file(capsys, pkg):
    (pkg / "projects.csv").write_text("", encoding="utf-8")
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    _assert_one(errors, "projects.csv", 1, None, "the file is empty")


def test_node_tables_cite_the_paper_in_reference(capsys, pkg):
    """In node and edge tables `source` is a node id, so `reference` names the box."""
    path = pkg / "honduras_actors_nodes.csv"
    rows = rows_of(path)
    reported = next(r for r in rows[1:] if r[rows[0].index("provenance")] == "reported")
    row = set_cell(path, reported[0], "reference", "")
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1
    _assert_one(errors, "honduras_actors_nodes.csv", row, "reference", "names no source")


def test_frictionless_comes_without_the_slow_rfc3987_import():
    """jsonschema's optional rfc3987_syntax compiles grammars for seconds at import."""
    code = (
        "import sys; from jlp import datasets; datasets.load('reported_figures'); "
        "print(sys.modules.get('rfc3987_syntax', 'never imported'), 'frictionless' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=BUNDLED
    )
    assert done.stdout.split() == ["None", "True"]


def test_jlp_data_check_as_a_command(pkg):
    jlp = str(Path(sys.executable).with_name("jlp"))
    clean = subprocess.run([jlp, "data", "check", str(pkg)], capture_output=True, text=True)
    assert clean.returncode == 0 and "no problems" in clean.stdout
    row = set_cell(pkg / "projects.csv", "hn_project", "networks", "33.5")
    broken = subprocess.run([jlp, "data", "check", str(pkg)], capture_output=True, text=True)
    assert broken.returncode == 2 and broken.stdout == ""
    [line] = broken.stderr.splitlines()
    assert line.startswith("error: ") and f"projects.csv, row {row}, column 'networks'" in line


def test_missing_folder(capsys, tmp_path):
    code, errors, _ = run_check(capsys, str(tmp_path / "nowhere"))
    assert code == 2 and len(errors) == 1
    assert "no datapackage.json" in errors[0] and "does not exist" in errors[0]


def test_check_writes_nothing(capsys, tmp_path, pkg):
    clean = tmp_path / "clean"
    shutil.copytree(pkg, clean)
    clean_before = fingerprint(clean)
    assert run_check(capsys, str(clean))[0] == 0
    assert fingerprint(clean) == clean_before

    set_cell(pkg / "reported_figures.csv", "emasim_sales_change", "value", "abc")
    (pkg / "projects.csv").unlink()
    before = fingerprint(pkg)
    assert run_check(capsys, str(pkg))[0] == 2
    assert fingerprint(pkg) == before
    assert sorted(p.name for p in pkg.iterdir()) == sorted(
        p.name for p in clean.iterdir() if p.name != "projects.csv"
    )


# --------------------------------------------------------------------------- jlp data list


def test_data_list(capsys):
    assert main(["data", "list"]) == 0
    out = capsys.readouterr().out
    for name in datasets.names():
        frame = datasets.load(name)
        reported = int((frame["provenance"] == "reported").sum())
        line = next(li for li in out.splitlines() if li.startswith(name))
        assert line.split()[1:4] == [str(len(frame)), str(reported), str(len(frame) - reported)]


@pytest.mark.parametrize("column", ["id", "source", "value_high"])
def test_a_missing_column_is_reported_once(capsys, pkg, column):
    path = pkg / "reported_figures.csv"
    rows = rows_of(path)
    drop = rows[0].index(column)
    write_rows(path, [r[:drop] + r[drop + 1 :] for r in rows])
    code, errors, _ = run_check(capsys, str(pkg))
    assert code == 2 and len(errors) == 1, errors
    _assert_one(errors, "reported_figures.csv", 1, column, "column is missing")
    with pytest.raises(JlpInputError) as caught:
        datasets.load("reported_figures", directory=pkg)
    assert [(p.row, p.column) for p in caught.value.problems] == [(1, column)]
