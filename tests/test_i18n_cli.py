"""The command line and the files it writes in Spanish: ``--lang es`` or a Spanish locale.

Help, bad-input errors (file, row, column and fix), usage errors, tables, the NET template
and the HTML reports; English stays as it was; Spanish rating words are read in both
languages; hostile input stays inert in Spanish output too.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from jlp import i18n, net
from jlp.cli import main


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def process(*args: object, lang: str | None = None) -> subprocess.CompletedProcess:
    """``python -m jlp ARGS`` as a user runs it; ``lang`` sets LANG (JLP_LANG unset)."""
    env = {k: v for k, v in os.environ.items() if k not in ("JLP_LANG", "LC_ALL", "LC_MESSAGES")}
    if lang is not None:
        env["LANG"] = lang
    else:
        env["LANG"] = "C.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "jlp", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture()
def assessment(tmp_path) -> Path:
    """One network's assessment with a few cells rated, in English words."""
    ratings = {
        ("group_cohesion", "promotion_motivation"): "achieved",
        ("group_cohesion", "strategic_planning"): "partial",
        ("group_organisation", "promotion_motivation"): "not_achieved",
        ("problem_analysis", "promotion_motivation"): "achieved",
    }
    path = tmp_path / "emasim.csv"
    net.from_ratings("Emasim", "1998-03-01", ratings).to_csv(path, index=False)
    return path


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("how", ["option", "locale"])
def test_help_in_spanish_by_option_and_by_locale(how):
    if how == "option":
        done = process("net", "score", "--help", "--lang", "es")
    else:
        done = process("net", "score", "--help", lang="es_HN.UTF-8")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Uso: jlp net score" in out
    assert "Califica cada evaluación del archivo" in out
    assert "Argumentos" in out and "Opciones" in out and "[obligatorio]" in out
    assert "Muestra este mensaje y termina." in out
    assert "250.000" in out  # the row limit written the Spanish way
    for english in ("Usage:", "Score every assessment", "Show this message"):
        assert english not in out


def test_root_help_lists_lang_and_spanish_commands(capsys):
    code, out, _ = run(capsys, "--lang", "es", "--help")
    assert code == 0
    assert "--lang" in out and "Herramientas para articuladores de redes" in out
    assert "La herramienta de evaluación de redes (NET" in out


def test_english_help_unchanged(capsys):
    code, out, _ = run(capsys, "net", "score", "--help")
    assert code == 0
    assert "Usage: jlp net score" in out and "Score every assessment in FILE" in out
    assert "Arguments" in out and "Options" in out


def test_the_language_holds_for_one_run_only(capsys):
    assert run(capsys, "--lang", "es", "net", "score", "missing.csv")[0] == 2
    assert i18n.language() == "en"
    code, _, err = run(capsys, "net", "score", "missing.csv")
    assert code == 2 and "file not found" in err


# --------------------------------------------------------------------------- errors


def test_bad_input_error_in_spanish_names_file_row_column_and_fix(tmp_path):
    bad = tmp_path / "mala.csv"
    bad.write_text(
        "network,date,indicator,stage,rating\nEmasim,1998-03-01,group_cohesion,decision,quizás\n",
        encoding="utf-8",
    )
    done = process("--lang", "es", "net", "score", bad)
    assert done.returncode == 2
    line = done.stderr.strip()
    assert "\n" not in line and "Traceback" not in done.stderr
    assert line == (
        f"error: {bad}, fila 2, columna 'rating': 'quizás' no es una calificación "
        "(solución: escriba logrado, parcial o no logrado (o en inglés: achieved, partial o "
        "not_achieved; o 2, 1, 0); déjela en blanco si aún no se ha calificado)"
    )


def test_missing_file_by_locale(tmp_path):
    done = process("net", "score", tmp_path / "nada.csv", lang="es_MX.UTF-8")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: {tmp_path / 'nada.csv'}: no se encontró el archivo "
        "(solución: revise la ruta y el nombre del archivo)"
    )


def test_same_error_in_english_unchanged(tmp_path, capsys):
    code, _, err = run(capsys, "net", "score", tmp_path / "none.csv")
    assert code == 2
    assert err.strip() == (
        f"error: {tmp_path / 'none.csv'}: file not found (fix: check the path and the file name)"
    )


def test_usage_errors_in_spanish(capsys):
    code, _, err = run(capsys, "--lang", "es", "net", "scor")
    assert code == 2
    assert "Uso: jlp net" in err and "Pruebe 'jlp net --help' para ver la ayuda." in err
    assert "Error: No existe el comando 'scor'. ¿Quiso decir 'score'?" in err
    code, _, err = run(capsys, "net", "score", "--lang", "es")
    assert code == 2 and "Error: Falta el argumento 'FILE'." in err
    code, _, err = run(capsys, "--lang", "es", "net", "score", "x.csv", "--format", "xml")
    assert code == 2 and "no es uno de 'table', 'csv', 'json'" in err


def test_an_unknown_language_is_bad_input(capsys):
    code, _, err = run(capsys, "--lang", "fr", "data", "check")
    assert code == 2
    assert err.strip() == "error: option --lang: jlp speaks en or es, not 'fr' " + (
        "(fix: write --lang es or --lang en)"
    )


def test_an_option_error_in_spanish(capsys):
    code, _, err = run(capsys, "--lang", "es", "fees", "schedule", "--years", "x")
    assert code == 2
    assert err.startswith("error: opción --years: ") and "(solución: " in err


# --------------------------------------------------------------------------- tables


def test_score_table_in_spanish(assessment, capsys):
    code, out, _ = run(capsys, "--lang", "es", "net", "score", assessment)
    assert code == 0
    header, row = out.splitlines()[:2]
    assert header.split()[:3] == ["Red", "Fecha", "Índice"]
    assert "Etapa actual" in header and "Promoción y motivación" in header
    assert "Promoción y motivación" in row  # the current stage named, not its slug
    assert re.search(r"\b\d+,\d{4}\b", row)  # a decimal comma


def test_score_csv_and_json_keep_the_contract_in_spanish(assessment, capsys):
    _, english, _ = run(capsys, "net", "score", assessment, "-f", "csv")
    _, spanish, _ = run(capsys, "--lang", "es", "net", "score", assessment, "-f", "csv")
    assert spanish == english
    assert spanish.splitlines()[0].startswith("network,date,index,current_stage")


def test_english_table_unchanged(assessment, capsys):
    _, out, _ = run(capsys, "net", "score", assessment)
    assert out.splitlines()[0].split()[:4] == ["network", "date", "index", "current_stage"]
    assert "promotion_motivation" in out.splitlines()[1]


def test_fee_schedule_in_spanish(capsys):
    code, out, _ = run(capsys, "--lang", "es", "fees", "schedule", "--years", "6")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["Año", "Porcentaje", "de", "la"]
    assert "4.000" in out and "22,5\u00a0%" in out
    assert "La red paga el costo total a partir del año 8." in out


def test_data_check_summary_in_spanish(capsys):
    code, out, _ = run(capsys, "--lang", "es", "data", "check")
    assert code == 0
    assert re.search(r"datapackage\.json: \d+ recursos, \d+ filas, sin problemas", out)


# --------------------------------------------------------------------------- ratings


def _spanish_copy(source: Path, target: Path, words: dict[str, str]) -> Path:
    rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    for row in rows:
        row["rating"] = words.get(row["rating"], row["rating"])
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.mark.parametrize(
    "words",
    [
        {"achieved": "logrado", "partial": "parcial", "not_achieved": "no logrado"},
        {"achieved": "LOGRADO", "partial": "Parcial", "not_achieved": "No  Logrado"},
        {
            "achieved": unicodedata.normalize("NFD", "Lógrado"),
            "partial": " parcial ",
            "not_achieved": "no-lógrado",
        },
    ],
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_spanish_rating_words_read_as_english_ones(assessment, tmp_path, capsys, words, lang):
    spanish = _spanish_copy(assessment, tmp_path / "calificada.csv", words)
    _, english, _ = run(capsys, "net", "score", assessment, "-f", "json")
    code, out, err = run(capsys, "--lang", lang, "net", "score", spanish, "-f", "json")
    assert code == 0, err
    assert out == english
    read = net.read_assessments(spanish)
    assert read["rating"].tolist() == net.read_assessments(assessment)["rating"].tolist()


def test_a_spanish_history_saves_english_words(assessment, tmp_path, capsys):
    spanish = _spanish_copy(
        assessment,
        tmp_path / "s.csv",
        {"achieved": "logrado", "partial": "parcial", "not_achieved": "no logrado"},
    )
    history = tmp_path / "historial.csv"
    code, out, _ = run(capsys, "--lang", "es", "net", "save", spanish, "--to", history)
    assert code == 0 and out.startswith("guardado en ")
    words = set(net.read_assessments(history)["rating"]) - {""}
    assert words == {"achieved", "partial", "not_achieved"}


# --------------------------------------------------------------------------- template


def test_workbook_template_in_spanish(tmp_path, capsys):
    path = tmp_path / "plantilla.xlsx"
    code, out, _ = run(
        capsys, "--lang", "es", "net", "template", "Emasim", "1998-03-01", "-o", path
    )
    assert code == 0 and out.startswith("se escribió ")
    book = openpyxl.load_workbook(path)
    sheet = book["assessments"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["network", "date", "indicator", "stage", "rating"]  # the contract
    notes = {c.value: c.comment.text for c in sheet[1] if c.comment}
    assert notes["network"] == "El nombre de la red, el mismo en cada fila."
    assert notes["rating"].startswith("logrado, parcial o no logrado")
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"logrado,parcial,no logrado"' in lists
    rubric = book["rubric"]
    labels = {row[2] for row in rubric.iter_rows(min_row=2, values_only=True)}
    assert "Cohesión del grupo" in labels
    assert rubric.cell(2, 5).value.startswith("Un núcleo de empresarios")
    assert rubric.cell(1, 5).value == "result"  # column names never change


def test_csv_template_in_spanish_reads_back(tmp_path, capsys):
    path = tmp_path / "plantilla.csv"
    assert (
        run(capsys, "--lang", "es", "net", "template", "Emasim", "1998-03-01", "-o", path)[0] == 0
    )
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[:5] == ["network", "date", "indicator", "stage", "rating"]
    assert rows[0]["indicator_label"] == "Cohesión del grupo"
    assert rows[0]["stage_label"] == "Promoción y motivación"
    for row in rows[:3]:
        row["rating"] = "logrado"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    table = net.read_assessments(path)
    assert (table["rating"] == "achieved").sum() == 3


def test_english_template_unchanged(tmp_path, capsys):
    path = tmp_path / "template.xlsx"
    assert run(capsys, "net", "template", "Emasim", "1998-03-01", "-o", path)[0] == 0
    book = openpyxl.load_workbook(path)
    lists = [v.formula1 for v in book["assessments"].data_validations.dataValidation]
    assert '"achieved,partial,not_achieved"' in lists
    assert book["rubric"].cell(2, 3).value == "Group cohesion"


# --------------------------------------------------------------------------- reports


def test_net_report_in_spanish(tmp_path, capsys):
    programme = tmp_path / "programa.csv"
    net.simulate_programme(3, 1, seed=2).to_csv(programme, index=False)
    page_path = tmp_path / "informe.html"
    code, out, _ = run(capsys, "--lang", "es", "net", "report", programme, "-o", page_path)
    assert code == 0 and "se abre sin internet" in out
    page = page_path.read_text(encoding="utf-8")
    assert '<html lang="es">' in page
    assert "<title>Informe NET</title>" in page
    assert "Última evaluación de cada red" in page and "Regla de puntaje" in page
    assert "una etapa está consolidada con un puntaje de al menos 0,75" in page
    english = tmp_path / "report.html"
    assert run(capsys, "net", "report", programme, "-o", english)[0] == 0
    assert '<html lang="en">' in english.read_text(encoding="utf-8")


def test_agreement_report_in_spanish(tmp_path, capsys):
    folder = tmp_path / "clase"
    folder.mkdir()
    for name, rating in (("Ana", "achieved"), ("Beto", "partial"), ("Carla", "achieved")):
        ratings = {
            ("group_cohesion", "decision"): rating,
            ("group_cohesion", "pilot_projects"): "partial",
        }
        table = net.from_ratings("Emasim", "1998-03-01", ratings).assign(assessor=name)
        table.to_csv(folder / f"{name}.csv", index=False)
    page_path = tmp_path / "concordancia.html"
    code, out, err = run(
        capsys, "--lang", "es", "net", "agreement", folder, "-o", page_path, "--boot", "20"
    )
    assert code == 0, err
    assert "Alfa de Krippendorff (ordinal)" in out and "Evaluador" in out
    page = page_path.read_text(encoding="utf-8")
    assert '<html lang="es">' in page and "Celdas para discutir primero" in page


# --------------------------------------------------------------------------- hostile input


def test_hostile_names_stay_inert_in_spanish(tmp_path, capsys):
    hostile = '=HYPERLINK("http://x")<script>alert(1)</script>'
    path = tmp_path / "h.csv"
    quoted = '"' + hostile.replace('"', '""') + '\x1b[2J"'
    path.write_text(
        "network,date,indicator,stage,rating\n"
        + quoted
        + ",1998-03-01,group_cohesion,decision,logrado\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--lang", "es", "net", "score", path)
    assert code == 2 and out == ""
    assert "\x1b" not in err and "\\x1b[2J" in err
    assert "fila 2, columna 'network'" in err and "no es texto simple" in err
    table = net.from_ratings(hostile, "1998-03-01", {("group_cohesion", "decision"): "logrado"})
    table.to_csv(path, index=False)
    report = tmp_path / "r.html"
    assert run(capsys, "--lang", "es", "net", "report", path, "-o", report)[0] == 0
    page = report.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    csv_out = run(capsys, "--lang", "es", "net", "score", path, "-f", "csv")[1]
    assert "'=HYPERLINK" in csv_out  # a formula is neutralised in Spanish too


def test_graph_tables_in_spanish(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--lang", "es", "graph", "template", "red", "--example")
    assert code == 0 and out.startswith("se escribieron ")
    code, out, _ = run(capsys, "--lang", "es", "graph", "metrics", "red.xlsx")
    assert code == 0
    assert "Intermediación" in out.splitlines()[0] and "Tamaño efectivo" in out.splitlines()[0]
    _, english, _ = run(capsys, "graph", "metrics", "red.xlsx", "--format", "csv")
    _, spanish, _ = run(capsys, "--lang", "es", "graph", "metrics", "red.xlsx", "--format", "csv")
    assert spanish == english and english.startswith("id,label,kind,degree,betweenness")
