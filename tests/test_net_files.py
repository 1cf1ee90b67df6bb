"""Assessment files: CSV/XLSX reading and writing, bad input, the atomic history file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jlp import net
from jlp.errors import JlpInputError
from jlp.files import write as write_module
from jlp.net import files

HEADER = "network,date,indicator,stage,rating,assessor,note\n"
ROWS = (
    "León,1998-03-01,group_cohesion,promotion_motivation,achieved,Ana,\n"
    'León,1998-03-01,group_cohesion,strategic_planning,partial,Ana,"costs, clients"\n'
    "León,1998-03-01,economic_changes,decision,0,Ana,\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def problem_of(excinfo) -> files.JlpInputError:
    return excinfo.value.problems[0]


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_with_and_without_bom(tmp_path, encoding):
    table = net.read_assessments(write(tmp_path / "a.csv", HEADER + ROWS, encoding))
    assert list(table["network"].unique()) == ["León"]
    assert table["rating"].tolist() == ["achieved", "partial", "not_achieved"]
    assert table.loc[3, "note"] == "costs, clients"  # index = spreadsheet row


def test_semicolon_and_crlf_csv(tmp_path):
    text = (HEADER + ROWS).replace(",", ";").replace(';"costs; clients"', ';"costs, clients"')
    table = net.read_assessments(write(tmp_path / "a.csv", text.replace("\n", "\r\n")))
    assert len(table) == 3
    assert table["indicator"].iloc[-1] == "economic_changes"


def test_header_case_and_blank_rows(tmp_path):
    text = HEADER.title() + ROWS + "\n,,,,,,\n"
    table = net.read_assessments(write(tmp_path / "a.csv", text))
    assert len(table) == 3


def test_xlsx_round_trip(tmp_path):
    original = net.from_ratings(
        "EcoHamaca", "1997-08-01", {("group_organisation", "decision"): "achieved"}, assessor="Iván"
    )
    path = net.write_assessments(original, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["assessments", "rubric"]
    assert book["assessments"].data_validations.dataValidation  # the ratings drop-down
    back = net.read_assessments(path)
    pd.testing.assert_frame_equal(back.reset_index(drop=True), original.reset_index(drop=True))


def test_xlsx_dates_and_numbers_typed_by_excel(tmp_path):
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "assessments"
    sheet.append(["network", "date", "indicator", "stage", "rating"])
    sheet.append(["A", dt.datetime(1998, 3, 1), "group_cohesion", "decision", 2])
    sheet.append(["A", dt.date(1998, 3, 1), "group_cohesion", "pilot_projects", 1.0])
    book.save(tmp_path / "a.xlsx")
    table = net.read_assessments(tmp_path / "a.xlsx")
    assert table["date"].tolist() == ["1998-03-01"] * 2
    assert table["rating"].tolist() == ["achieved", "partial"]


def test_csv_template_reference_columns_are_ignored(tmp_path):
    path = files.write_template("Emasim", "1998-03-01", tmp_path / "t.csv", assessor="Ana")
    raw = files.read_table(path)
    assert {"result", "indicator_label", "stage_label"} <= set(raw.columns)
    assert raw.loc[2, "result"] == net.cell_text("group_cohesion", "promotion_motivation")
    table = net.read_assessments(path)
    assert list(table.columns) == list(net.COLUMNS)
    assert len(table) == 42 and set(table["rating"]) == {""}
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel recognises UTF-8


def test_upload_bytes_are_read_with_their_name():
    table = net.read_assessments((HEADER + ROWS).encode(), name="upload.csv")
    assert len(table) == 3


# --------------------------------------------------------------------------- bad input


def test_unknown_indicator_suggests_the_closest(tmp_path):
    path = write(tmp_path / "a.csv", HEADER + ROWS.replace("economic_changes", "economic_change"))
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(path)
    p = problem_of(excinfo)
    assert (p.file, p.row, p.column) == (str(path), 4, "indicator")
    assert "'economic_change'" in p.message and "economic_changes" in p.fix


def test_unknown_stage_suggests_the_closest(tmp_path):
    path = write(tmp_path / "a.csv", HEADER + ROWS.replace("strategic_planning", "Strategic plan"))
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(path)
    p = problem_of(excinfo)
    assert (p.row, p.column) == (3, "stage") and "strategic_planning" in p.fix


def test_rating_outside_the_allowed_values(tmp_path):
    path = write(tmp_path / "a.csv", HEADER + ROWS.replace(",partial,", ",3,"))
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(path)
    p = problem_of(excinfo)
    assert (p.row, p.column) == (3, "rating") and "'3'" in p.message
    assert "achieved" in p.fix


def test_same_cell_twice(tmp_path):
    twice = ROWS + "León,1998-03-01,group_cohesion,promotion_motivation,partial,Ana,\n"
    path = write(tmp_path / "a.csv", HEADER + twice)
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(path)
    p = problem_of(excinfo)
    assert p.row == 5 and "row 2" in p.message and p.file == str(path)


@pytest.mark.parametrize("bad", ["1998-13-01", "01/03/1998", "1998-02-30", "soon", ""])
def test_invalid_date(tmp_path, bad):
    path = write(tmp_path / "a.csv", HEADER + ROWS.replace("1998-03-01", bad, 1))
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(path)
    p = problem_of(excinfo)
    assert (p.row, p.column) == (2, "date") and "YYYY-MM-DD" in p.message


def test_missing_required_column(tmp_path):
    text = "network,date,indicator,stage\nA,1998-01-01,group_cohesion,decision\n"
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(write(tmp_path / "a.csv", text))
    p = problem_of(excinfo)
    assert p.row == 1 and "rating" in p.message


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_file(tmp_path, text):
    with pytest.raises(JlpInputError, match="empty") as excinfo:
        net.read_assessments(write(tmp_path / "a.csv", text))
    assert "jlp net template" in problem_of(excinfo).fix


def test_header_only_file(tmp_path):
    with pytest.raises(JlpInputError, match="no assessment rows"):
        net.read_assessments(write(tmp_path / "a.csv", HEADER))


def test_file_not_utf8_names_the_row_and_the_fix(tmp_path):
    path = write(tmp_path / "a.csv", HEADER + ROWS, encoding="latin-1")
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(path)
    p = problem_of(excinfo)
    assert p.file == str(path) and p.row == 2
    assert "UTF-8" in p.message and "CSV UTF-8" in p.fix


def test_xlsx_without_the_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Hoja1"
    book.save(tmp_path / "a.xlsx")
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(tmp_path / "a.xlsx")
    p = problem_of(excinfo)
    assert "'assessments'" in p.message and "Hoja1" in p.message
    assert "rename" in p.fix


def test_broken_xlsx_and_old_xls(tmp_path):
    with pytest.raises(JlpInputError, match=r"not a readable \.xlsx"):
        net.read_assessments(write(tmp_path / "a.xlsx", "not a workbook"))
    with pytest.raises(JlpInputError, match=r"\.xls workbooks"):
        net.read_assessments(write(tmp_path / "a.xls", "whatever"))


def test_missing_file(tmp_path):
    # one reader for every file (issue 15): the graph reader's words, "file not found"
    with pytest.raises(JlpInputError, match="file not found"):
        net.read_assessments(tmp_path / "nope.csv")


def test_ragged_row(tmp_path):
    text = HEADER + "A,1998-01-01,group_cohesion,decision,achieved,Ana,note,extra\n"
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(write(tmp_path / "a.csv", text))
    assert problem_of(excinfo).row == 2 and "quotes" in problem_of(excinfo).fix


def test_every_problem_is_listed(tmp_path):
    text = HEADER + "A,bad,nope,decision,maybe,,\nA,1998-01-01,group_cohesion,later,1,,\n"
    with pytest.raises(JlpInputError) as excinfo:
        net.read_assessments(write(tmp_path / "a.csv", text))
    found = {(p.row, p.column) for p in excinfo.value.problems}
    assert found == {(2, "date"), (2, "indicator"), (2, "rating"), (3, "stage")}


# --------------------------------------------------------------------------- history


def test_append_keeps_earlier_bytes_and_refuses_duplicates(tmp_path):
    history = tmp_path / "h.csv"
    first = net.from_ratings("A", "1998-01-01", {("group_cohesion", "decision"): 2})
    net.save_assessment(first, history)
    before = history.read_bytes()
    result = net.save_assessment(net.template("A", "1998-07-01"), history)
    assert history.read_bytes().startswith(before)
    assert (result.added, result.replaced, result.total) == (42, 0, 84)
    with pytest.raises(JlpInputError) as excinfo:
        net.save_assessment(net.template("A", "1998-01-01"), history)
    assert "already in the history" in excinfo.value.problems[0].message
    assert "overwrite" in excinfo.value.problems[0].fix
    assert history.read_bytes().startswith(before) and len(net.read_assessments(history)) == 84


def test_overwrite_replaces_that_assessment_alone(tmp_path):
    history = tmp_path / "h.csv"
    programme = net.simulate_programme(3, 1, seed=5)
    net.save_assessment(programme, history)
    target = programme[["network", "date"]].iloc[0].tolist()
    replacement = net.from_ratings(*target, {c: "achieved" for c in net.CELLS})
    result = net.save_assessment(replacement, history, overwrite=True)
    assert (result.replaced, result.total) == (42, len(programme))
    back = net.read_assessments(history)
    mine = (back["network"] == target[0]) & (back["date"] == target[1])
    assert set(back.loc[mine, "rating"]) == {"achieved"}
    others = programme[~((programme["network"] == target[0]) & (programme["date"] == target[1]))]
    pd.testing.assert_frame_equal(
        back.loc[~mine, ["network", "date", "indicator", "stage", "rating"]].reset_index(drop=True),
        others[["network", "date", "indicator", "stage", "rating"]].reset_index(drop=True),
    )


def test_bad_assessment_saves_nothing(tmp_path):
    history = tmp_path / "h.csv"
    net.save_assessment(net.template("A", "1998-01-01"), history)
    before = history.read_bytes()
    bad = net.template("B", "1998-01-01").assign(rating="maybe")
    with pytest.raises(JlpInputError):
        net.save_assessment(bad, history)
    assert history.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["h.csv"]


def test_bad_history_refuses(tmp_path):
    history = write(tmp_path / "h.csv", HEADER + ROWS.replace("achieved,Ana", "sure,Ana"))
    before = history.read_bytes()
    with pytest.raises(JlpInputError) as excinfo:
        net.save_assessment(net.template("B", "1998-01-01"), history)
    assert excinfo.value.problems[0].file == str(history)
    assert history.read_bytes() == before


def test_failed_replace_leaves_history_and_no_temporary_file(tmp_path, monkeypatch):
    history = tmp_path / "h.csv"
    net.save_assessment(net.template("A", "1998-01-01"), history)
    before = history.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(write_module.os, "replace", broken)
    # Issue 16 changed this contract: a failed write is a clean message, not an OSError.
    with pytest.raises(JlpInputError, match="could not write"):
        net.save_assessment(net.template("A", "1999-01-01"), history)
    assert history.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["h.csv"]  # no temp file, no lock file


HOLD_LOCK = """
import sys, time
from jlp.files import history_lock
with history_lock(sys.argv[1], timeout=5):
    print("locked", flush=True)
    time.sleep(60)
"""


def _holder(history):
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(files.__file__).parents[2])}
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(history)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout.readline().strip() == "locked"
    return process


def test_another_save_in_progress(tmp_path, monkeypatch):
    history = tmp_path / "h.csv"
    holder = _holder(history)
    try:
        monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.1)  # read when called, not at import
        started = time.monotonic()
        with pytest.raises(JlpInputError, match="in progress") as excinfo:
            files.save_assessment(net.template("A", "1998-01-01"), history)
        assert time.monotonic() - started < 3
        assert "try again" in excinfo.value.problems[0].fix
        assert not history.exists()
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("how", ["kill", "terminate"])
def test_a_killed_save_leaves_no_lock_behind(tmp_path, how):
    history = tmp_path / "h.csv"
    holder = _holder(history)
    getattr(holder, how)()
    holder.wait()
    assert write_module.lock_path(history).exists()  # the file stays; its lock died
    result = files.save_assessment(net.template("A", "1998-01-01"), history)
    assert result.total == 42


def test_history_keeps_its_separator_and_extra_columns(tmp_path):
    history = write(
        tmp_path / "h.csv",
        "network;date;indicator;stage;rating;region\n"
        "A;1998-01-01;group_cohesion;decision;2;Norte\n",
    )
    net.save_assessment(net.template("B", "1998-01-01"), history)
    text = history.read_text(encoding="utf-8")
    assert text.startswith(
        "network;date;indicator;stage;rating;region\nA;1998-01-01;group_cohesion;decision;2;Norte\n"
    )
    back = net.read_assessments(history)
    assert len(back) == 43 and back.loc[2, "region"] == "Norte"


def test_history_must_be_csv(tmp_path):
    with pytest.raises(JlpInputError, match=r"must be a \.csv"):
        net.save_assessment(net.template("A", "1998-01-01"), tmp_path / "h.xlsx")


# --------------------------------------------------------------------------- properties

names = st.text(alphabet="AbcñóÜ ,;\"'-", min_size=1, max_size=8).filter(lambda s: s.strip())
dates = st.dates(
    min_value=pd.Timestamp("1990-01-01").date(), max_value=pd.Timestamp("2030-12-31").date()
).map(lambda d: d.isoformat())
cell_ratings = st.dictionaries(
    st.sampled_from(net.CELLS),
    st.sampled_from(["achieved", "partial", "not_achieved"]),
    max_size=42,
)
assessment = st.builds(lambda n, d, r: net.from_ratings(n, d, r), names, dates, cell_ratings)


def distinct(assessments):
    seen, kept = set(), []
    for a in assessments:
        key = (a["network"].iloc[0], a["date"].iloc[0])
        if key not in seen:
            seen.add(key)
            kept.append(a)
    return kept


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(assessment, min_size=1, max_size=4).map(distinct))
def test_save_then_load_returns_the_same_assessments(tmp_path, assessments):
    history = tmp_path / f"h{abs(hash(str(assessments)))}.csv"
    for a in assessments:
        net.save_assessment(a, history)
    back = net.read_assessments(history).reset_index(drop=True)
    expected = pd.concat(assessments, ignore_index=True)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    history.unlink()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(assessment, min_size=2, max_size=5), st.booleans())
def test_appending_never_drops_earlier_rows(tmp_path, assessments, overwrite):
    history = tmp_path / f"g{abs(hash(str(assessments)))}.csv"
    saved: dict[tuple[str, str], pd.DataFrame] = {}
    for a in assessments:
        key = (a["network"].iloc[0], a["date"].iloc[0])
        before = history.read_bytes() if history.exists() else b""
        try:
            net.save_assessment(a, history, overwrite=overwrite)
        except JlpInputError:
            assert key in saved and not overwrite
            assert history.read_bytes() == before
            continue
        if key not in saved:
            assert history.read_bytes().startswith(before)
        saved[key] = a
        back = net.read_assessments(history)
        for (network, date), rows in saved.items():
            mine = back[(back["network"] == network) & (back["date"] == date)]
            assert mine["rating"].tolist() == rows["rating"].tolist()
        assert len(back) == 42 * len(saved)
    history.unlink()
