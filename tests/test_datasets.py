"""jlp.datasets: the bundled tables load, are typed by their schema and hold the paper's facts."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from jlp import datacheck, datasets
from jlp.errors import JlpInputError

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "datasets"

# The boxes and sections of the paper, as FACTS.md names them.
KNOWN_SOURCES = {
    "Introduction",
    "Honduras section",
    "Nicaragua section",
    "Mexico section",
    "Jamaica section",
    "Methodology section",
    "Lessons learned",
    "Box 1",
    "Box 2",
    "Box 3",
    "Box 4",
    "Box 5",
}
# The dtype of each Table Schema type (any other type reads as text).
DTYPES = {
    "integer": "Int64",
    "year": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "datetime64",
    "datetime": "datetime64",
}


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.delenv(datasets.ENV_VAR, raising=False)
    datasets.clear_cache()
    yield
    datasets.clear_cache()


@pytest.fixture
def package_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the bundled package, used through JLP_DATA_DIR."""
    folder = tmp_path / "data"
    shutil.copytree(BUNDLED, folder)
    monkeypatch.setenv(datasets.ENV_VAR, str(folder))
    return folder


def set_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Write ``value`` in the row whose id is ``row_id``; return its spreadsheet row number."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    col = rows[0].index(column)
    index = next(i for i, r in enumerate(rows) if r[0] == row_id)
    rows[index][col] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return index + 1


def by_id(name: str) -> pd.DataFrame:
    return datasets.load(name).set_index("id")


# --------------------------------------------------------------------------- loading and types


def test_names_match_the_descriptor():
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    assert datasets.names() == [r["name"] for r in descriptor["resources"]]
    assert {"projects", "reported_figures"} <= set(datasets.names())


@pytest.mark.parametrize("name", datasets.names())
def test_every_resource_loads_with_schema_types(name):
    frame = datasets.load(name)
    fields = datasets.describe(name)["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert len(frame) > 0
    for spec in fields:
        dtype, expected = str(frame[spec["name"]].dtype), DTYPES.get(spec["type"], "string")
        if expected == "datetime64":
            dtype = dtype.split("[")[0]  # the unit (ns, us ...) is pandas's choice
        assert dtype == expected, spec["name"]
    with (BUNDLED / datasets.describe(name)["path"]).open(encoding="utf-8") as handle:
        assert len(frame) == sum(1 for _ in csv.reader(handle)) - 1


@pytest.mark.parametrize("name", datasets.names())
def test_every_reported_row_names_a_known_source(name):
    frame = datasets.load(name)
    assert set(frame["provenance"]) <= {"reported", "illustrative"}
    reported = frame[frame["provenance"] == "reported"]
    if reported.empty:
        return
    # Node and edge tables cite the paper in `reference` (their `source` is a node id).
    cite = next(c for c in datacheck.CITATION_COLUMNS if c in frame.columns)
    assert reported[cite].notna().all()
    # One reference, or several joined by "; " (e.g. "Box 3; Nicaragua section").
    cited = {part.strip() for value in reported[cite] for part in value.split(";")}
    assert cited <= KNOWN_SOURCES


def test_descriptor_is_complete():
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["name"] == "jlp"
    assert descriptor["licenses"]
    assert "Ceglie" in descriptor["sources"][0]["title"]
    for resource in descriptor["resources"]:
        assert resource["description"] and resource["sources"], resource["name"]
        schema = resource["schema"]
        names = [spec["name"] for spec in schema["fields"]]
        if "id" in names:
            assert schema["primaryKey"] == ["id"], resource["name"]
        else:  # a table without ids is keyed by its columns, or is an edge list
            assert set(schema.get("primaryKey", [])) <= set(names), resource["name"]
            assert schema.get("primaryKey") or {"source", "target"} <= set(names)
        for spec in schema["fields"]:
            assert spec.get("description"), (resource["name"], spec["name"])
        provenance = next(f for f in schema["fields"] if f["name"] == "provenance")
        assert provenance["constraints"]["enum"] == ["reported", "illustrative"]


def test_accents_are_kept():
    projects = by_id("projects")
    assert (
        "Asociación Nacional de Mediana y Pequeña Industria"
        in projects.loc["hn_project", "partners"]
    )
    assert projects.loc["hn_certec", "project"] == "CERTEC (Centro de Recursos y Tecnología)"
    assert "Cámara de la Industria Electrónica" in projects.loc["mx_pii", "counterpart"]


def test_load_returns_an_independent_copy():
    first = datasets.load("projects")
    first.loc[0, "country"] = "Changed"
    assert datasets.load("projects").loc[0, "country"] == "Honduras"
    schema = datasets.describe("projects")
    schema["schema"]["fields"].clear()
    assert datasets.describe("projects")["schema"]["fields"]


# --------------------------------------------------------------------------- the paper's facts

PROJECT_FACTS = [
    ("hn_project", "start_label", "1993/94"),
    ("hn_project", "funder", "Government of the Netherlands"),
    ("hn_project", "budget_usd", 680_000.0),
    ("hn_project", "budget_qualifier", "about"),
    ("hn_project", "national_consultants", 8),
    ("hn_project", "networks", 33),
    ("hn_project", "enterprises", 300),
    ("hn_project", "enterprises_qualifier", "about"),
    ("hn_certec", "start_year", 1997),
    ("hn_certec", "brokers_trained", 71),
    ("hn_certec", "networks", 59),
    ("hn_certec", "enterprises", 1200),
    ("hn_certec", "counts_period", "1997-1998"),
    ("ni_project", "start_year", 1995),
    ("ni_phase1", "networks", 20),
    ("ni_phase1", "networks_qualifier", "about"),
    ("ni_phase1", "national_consultants", 7),
    ("ni_phase2", "duration_years", 3),
    ("ni_phase2", "budget_usd", 1_300_000.0),
    ("ni_phase2", "funder", "Government of Austria"),
    ("mx_pii", "start_label", "second half of 1997"),
    ("jm_project", "start_year", 1994),
    ("jm_project", "budget_usd", 1_500_000.0),
    ("jm_project", "budget_qualifier", "about"),
    ("jm_project", "budget_scope", "both_phases"),
    ("jm_phase2", "start_year", 1997),
    ("jm_phase2", "duration_years", 3),
]


@pytest.mark.parametrize(("row", "column", "expected"), PROJECT_FACTS)
def test_project_facts_match_the_paper(row, column, expected):
    assert by_id("projects").loc[row, column] == expected


def test_mexico_partners_and_jamaica_funder():
    projects = by_id("projects")
    for partner in ("CONCAMIN", "FUNTEC", "UNDP", "UNIDO"):
        assert partner in projects.loc["mx_pii", "partners"]
    assert "UNDP" in projects.loc["jm_project", "funder"]
    assert projects.loc["jm_phase2", "part_of"] == "jm_project"


# id: (value, value_high or None, unit, qualifier, source)
FIGURE_FACTS = {
    "cl_profo_networks": (450, None, "count", "about", "Introduction"),
    "hn_eval_networks": (6, None, "count", "exact", "Honduras section"),
    "hn_eval_sales": (35, 200, "percent", "between", "Honduras section"),
    "hn_eval_employment": (11, 50, "percent", "between", "Honduras section"),
    "hn_eval_fixed_assets": (10, 100, "percent", "between", "Honduras section"),
    "hn_firm_size": (2, 15, "count", "between", "Honduras section"),
    "hn_fees_from": (1996, None, "year", "exact", "Honduras section"),
    "certec_revenue": (680_000, None, "usd", "exact", "Honduras section"),
    "certec_revenue_cost_share": (650, None, "percent", "more_than", "Honduras section"),
    "emasim_enterprises": (11, None, "count", "exact", "Box 1"),
    "emasim_workers": (4, None, "count", "exact", "Box 1"),
    "emasim_sales_change": (200, None, "percent", "exact", "Box 1"),
    "emasim_employment_change": (15, None, "percent", "exact", "Box 1"),
    "emasim_fixed_assets_change": (98, None, "percent", "exact", "Box 1"),
    "emasim_subsidised_years": (3, None, "years", "exact", "Honduras section"),
    "emasim_fee_year1": (20, None, "percent", "exact", "Honduras section"),
    "emasim_fee_year2": (40, None, "percent", "more_than", "Honduras section"),
    "ecohamaca_enterprises": (11, None, "count", "exact", "Box 3"),
    "ecohamaca_employees": (15, None, "count", "about", "Box 3"),
    "ecohamaca_export_occasions": (8, None, "count", "exact", "Box 3"),
    "ecohamaca_hammocks_per_month": (3000, None, "count", "more_than", "Box 3"),
    "ecohamaca_dyeing_cost_cut": (40, None, "percent", "up_to", "Box 3"),
    "ecohamaca_legal_status": (1997, None, "year", "exact", "Box 3"),
    "mx_pii_cost_share_association": (1 / 3, None, "fraction", "exact", "Mexico section"),
    "mx_pii_cost_share_state": (1 / 3, None, "fraction", "exact", "Mexico section"),
    "mx_pii_cost_share_pii": (1 / 3, None, "fraction", "exact", "Mexico section"),
}


@pytest.mark.parametrize("row", sorted(FIGURE_FACTS))
def test_reported_figures_match_the_paper(row):
    value, high, unit, qualifier, source = FIGURE_FACTS[row]
    figure = by_id("reported_figures").loc[row]
    assert figure["value"] == pytest.approx(value)
    assert pd.isna(figure["value_high"]) if high is None else figure["value_high"] == high
    assert (figure["unit"], figure["qualifier"], figure["source"]) == (unit, qualifier, source)
    assert figure["provenance"] == "reported"


def test_dated_figures_and_caveats():
    figures = by_id("reported_figures")
    assert figures.loc["ecohamaca_legal_status", "period"] == "1997-08"
    assert figures.loc["ecohamaca_applied", "period"] == "1997-03"
    assert "not explain" in figures.loc["certec_revenue_cost_share", "note"]
    pii = figures[figures["subject"] == "pii_local_projects"]
    assert pii["value"].sum() == pytest.approx(1.0)


# --------------------------------------------------------------------------- names and errors


def test_unknown_name_lists_the_tables_and_suggests_the_closest():
    with pytest.raises(JlpInputError) as caught:
        datasets.load("projets")
    text = str(caught.value)
    assert "'projets'" in text
    assert "projects, reported_figures" in text
    assert "did you mean 'projects'?" in text
    with pytest.raises(JlpInputError, match="use one of: projects, reported_figures"):
        datasets.describe("zzz")


def test_data_dir_is_the_checkout_folder_by_default():
    assert datasets.data_dir().resolve() == BUNDLED.resolve()


def test_jlp_data_dir_is_used_first(package_copy):
    assert datasets.data_dir() == package_copy
    set_cell(package_copy / "projects.csv", "hn_project", "note", "a note of the copy")
    assert by_id("projects").loc["hn_project", "note"] == "a note of the copy"


def test_jlp_data_dir_without_a_package_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(datasets.ENV_VAR, str(tmp_path))
    with pytest.raises(JlpInputError, match="JLP_DATA_DIR") as caught:
        datasets.load("projects")
    assert caught.value.problems[0].fix


def test_changed_file_is_read_again(package_copy):
    assert by_id("projects").loc["hn_project", "networks"] == 33
    set_cell(package_copy / "projects.csv", "hn_project", "networks", "34")
    os.utime(package_copy / "projects.csv", ns=(1, 1))  # a different stamp, however fast
    assert by_id("projects").loc["hn_project", "networks"] == 34


def test_invalid_data_raises_every_problem(package_copy):
    path = package_copy / "reported_figures.csv"
    row_a = set_cell(path, "emasim_sales_change", "value", "200%")
    row_b = set_cell(path, "emasim_workers", "provenance", "hearsay")
    with pytest.raises(JlpInputError) as caught:
        datasets.load("reported_figures")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(row_a, "value"), (row_b, "provenance")}
    assert all(p.file.endswith("reported_figures.csv") and p.fix for p in caught.value.problems)
    assert len(datasets.load("projects")) == 8  # the other table is still fine


def test_directory_argument(tmp_path):
    shutil.copytree(BUNDLED, tmp_path / "copy")
    assert len(datasets.load("projects", directory=tmp_path / "copy")) == 8
    assert datasets.names(directory=tmp_path / "copy" / "datapackage.json") == datasets.names()


def _tiny_package(folder: Path, fields: list[dict], rows: str, **schema) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.csv").write_text(rows, encoding="utf-8")
    descriptor = {
        "name": "tiny",
        "licenses": [{"name": "CC0-1.0"}],
        "resources": [
            {
                "name": "t",
                "path": "t.csv",
                "sources": [{"title": "test"}],
                "schema": {"fields": fields, **schema},
            }
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def test_boolean_and_date_columns(tmp_path):
    folder = _tiny_package(
        tmp_path,
        [
            {"name": "id", "type": "string"},
            {"name": "ok", "type": "boolean"},
            {"name": "day", "type": "date"},
        ],
        "id,ok,day\na,true,1997-08-31\nb,0,\n",
    )
    frame = datasets.load("t", directory=folder)
    assert str(frame["ok"].dtype) == "boolean" and frame["ok"].tolist() == [True, False]
    assert str(frame["day"].dtype).startswith("datetime64")
    assert frame["day"][0] == pd.Timestamp("1997-08-31") and pd.isna(frame["day"][1])


def test_other_field_types_are_validated_and_kept_as_text(tmp_path):
    fields = [{"name": "id", "type": "string"}, {"name": "month", "type": "yearmonth"}]
    good = _tiny_package(tmp_path / "good", fields, "id,month\na,1997-08\n")
    assert datasets.load("t", directory=good)["month"].tolist() == ["1997-08"]
    bad = _tiny_package(tmp_path / "bad", fields, "id,month\na,August\n")
    with pytest.raises(JlpInputError) as caught:
        datasets.load("t", directory=bad)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "month")]


def test_installed_wheel_layout_is_found(tmp_path):
    """An installed package finds its data in jlp/_data/datasets (as the wheel lays it out)."""
    site = tmp_path / "site"
    shutil.copytree(
        REPO / "src" / "jlp", site / "jlp", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(BUNDLED, site / "jlp" / "_data" / "datasets")
    code = (
        "from jlp import datasets; print(datasets.data_dir()); "
        "print(len(datasets.load('reported_figures')))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", datasets.ENV_VAR)}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    where, rows = done.stdout.split()
    assert Path(where) == site / "jlp" / "_data" / "datasets"
    assert int(rows) == len(datasets.load("reported_figures"))


def test_foreign_key_to_another_table(tmp_path):
    folder = _tiny_package(
        tmp_path,
        [{"name": "id", "type": "string"}, {"name": "country", "type": "string"}],
        "id,country\na,hn\nb,zz\n",
        foreignKeys=[{"fields": ["country"], "reference": {"resource": "c", "fields": ["code"]}}],
    )
    (folder / "c.csv").write_text("code\nhn\nni\n", encoding="utf-8")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append(
        {
            "name": "c",
            "path": "c.csv",
            "sources": [{"title": "test"}],
            "schema": {"fields": [{"name": "code", "type": "string"}]},
        }
    )
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(JlpInputError) as caught:
        datasets.load("t", directory=folder)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (3, "country")
    assert "'zz' is not an existing code in resource 'c'" in problem.message
    assert [(p.row, p.column) for p in datacheck.check_package(folder)] == [(3, "country")]


def test_fields_match_subset_allows_extra_columns(tmp_path):
    fields = [{"name": "id", "type": "string"}]
    strict = _tiny_package(tmp_path / "strict", fields, "id,comment\na,hello\n")
    with pytest.raises(JlpInputError, match="column 'comment': the column is not in the schema"):
        datasets.load("t", directory=strict)
    loose = _tiny_package(tmp_path / "loose", fields, "id,comment\na,hello\n", fieldsMatch="subset")
    assert list(datasets.load("t", directory=loose).columns) == ["id"]
