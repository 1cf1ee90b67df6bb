"""The one number rule, the one yes/no rule, and the escaping of messages (issues 15, 16)."""

from __future__ import annotations

import pytest

from jlp.cli import main
from jlp.errors import JlpInputError, Problem
from jlp.files import AmbiguousNumber, parse_bool, parse_number
from jlp.files.read import read_table
from jlp.text import did_you_mean, invisible_note, printable


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("20,5", 20.5),
        ("4000,5", 4000.5),
        ("0,25", 0.25),
        ("0,250", 0.25),
        ("3.14159", 3.14159),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("4 000", 4000.0),
        ("4\u00a0000,5", 4000.5),
        ("-2.5", -2.5),
        ("\u22123", -3.0),
        ("1e3", 1000.0),
        (".5", 0.5),
        (2, 2.0),
        (-0.5, -0.5),
    ],
)
def test_numbers_people_write(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text",
    ["", "nan", "NaN", "inf", "None", "abc", "1.2.3,4,5", "12,34,5", True, None, float("nan")],
)
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["4.000", "4,000", "-12.500"])
def test_ambiguous_numbers_say_how_to_write_them(text):
    with pytest.raises(AmbiguousNumber) as caught:
        parse_number(text)
    assert "could be read two ways" in str(caught.value)
    assert "no thousands separators" in caught.value.fix


def test_a_maximum_rules_out_the_thousands_reading():
    assert parse_number("12.345", maximum=100) == 12.345
    with pytest.raises(AmbiguousNumber):
        parse_number("12.345", maximum=100000)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("VERDADERO", True),
        ("falso", False),
        ("Sí", True),
        ("si", True),
        ("no", False),
        ("TRUE", True),
        ("false", False),
        ("1", True),
        ("0", False),
        ("", False),
        ("x", True),
    ],
)
def test_yes_and_no(text, value):
    assert parse_bool(text) is value


def test_threshold_option_takes_a_decimal_comma(tmp_path, capsys):
    path = tmp_path / "t.csv"
    assert main(["net", "template", "A", "1998-01-01", "-o", str(path)]) == 0
    capsys.readouterr()
    assert main(["net", "score", str(path), "-t", "0,5", "-f", "csv"]) == 0
    comma = capsys.readouterr().out
    assert main(["net", "score", str(path), "-t", "0.5", "-f", "csv"]) == 0
    assert capsys.readouterr().out == comma


def test_messages_escape_control_characters_and_name_hidden_ones():
    line = str(Problem("'a\x1b[2Jb' is not a rating", "f\x1b.csv", 3, "ra\x07ting", "x\x00"))
    assert not any(c in line for c in "\x1b\x07\x00")
    assert "\\x1b[2J" in line and "f\\x1b.csv" in line and "ra\\x07ting" in line
    assert printable("\u202etxt.exe") == "\\u202etxt.exe"
    assert invisible_note("achieved\u200b") == (
        "it contains an invisible character (zero-width space) after 'achieved'"
    )


def test_a_mistake_down_a_column_is_one_line():
    err = JlpInputError(
        problems=[Problem("'sure' is not a rating", "a.csv", r, "rating") for r in range(3, 13)]
        + [Problem("'sure' is not a rating", "a.csv", 20, "rating")]
    )
    assert str(err) == "a.csv, rows 3–12, 20, column 'rating': 'sure' is not a rating"
    assert err.problems[0].row == 3 and len(err.problems) == 1


def test_did_you_mean_once():
    assert did_you_mean("pilot project", ["decision", "pilot_projects"]) == (
        "did you mean 'pilot_projects'?"
    )


def test_reader_takes_off_only_the_protective_quote():
    table = read_table(b"a,b\n'=1,'ok'\n'-2+3,'@x\n", name="q.csv")
    assert table.to_dict("list") == {"a": ["=1", "-2+3"], "b": ["'ok'", "@x"]}


def test_formula_protection_reads_back_every_cell_as_it_was(tmp_path):
    """'-' and "'-" stay two names: the writer adds one quote, the reader takes one away."""
    import pandas as pd

    from jlp.files import csv_text

    names = ["-", "'-", "''-", "=1+1", "'=1+1", "'x", "-2", "'-2", "@a", "Ana"]
    path = tmp_path / "names.csv"
    path.write_text(csv_text(pd.DataFrame({"name": names})), encoding="utf-8")
    assert read_table(path)["name"].tolist() == names
