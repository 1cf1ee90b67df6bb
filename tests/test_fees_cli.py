"""``jlp fees``: schedule, presets and institution from the command line; bad input exits 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from jlp import fees
from jlp.cli import main

JLP = Path(sys.executable).parent / "jlp"
COLUMNS = ["year", "fee_share", "fee", "subsidy", "cumulative_recovery"]


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_schedule_csv_has_exactly_the_columns(capsys):
    assert main(["fees", "schedule", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(COLUMNS)
    rows = _csv(out)
    expected = fees.schedule(fees.ramp_preset("emasim"))
    assert [int(r["year"]) for r in rows] == expected["year"].tolist()
    for column in COLUMNS[1:]:
        assert [float(r[column]) for r in rows] == pytest.approx(expected[column].tolist())


def test_schedule_json_has_exactly_the_columns(capsys):
    assert (
        main(
            [
                "fees",
                "schedule",
                "--preset",
                "fast",
                "--years",
                "6",
                "--annual-cost",
                "1000",
                "--format",
                "json",
            ]
        )
        == 0
    )
    records = json.loads(capsys.readouterr().out)
    assert [list(r) for r in records] == [COLUMNS] * 6
    assert [r["year"] for r in records] == [1, 2, 3, 4, 5, 6]
    assert [r["fee_share"] for r in records] == pytest.approx([0, 0.25, 0.5, 0.75, 1, 1])
    assert [r["fee"] for r in records] == pytest.approx([0, 250, 500, 750, 1000, 1000])
    assert all(0 <= r["cumulative_recovery"] <= 1 for r in records)


@pytest.mark.parametrize("share", ["0.2", "20%", "20 %", "0,2"])
def test_shares_as_fractions_or_percents(capsys, share):
    assert (
        main(
            [
                "fees",
                "schedule",
                "--subsidised-years",
                "0",
                "--first-share",
                share,
                "--step",
                "10%",
                "--cap",
                "1",
                "--years",
                "3",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    rows = _csv(capsys.readouterr().out)
    assert [float(r["fee_share"]) for r in rows] == pytest.approx([0.2, 0.3, 0.4])


def test_options_change_a_preset(capsys):
    assert (
        main(
            [
                "fees",
                "schedule",
                "--preset",
                "gentle",
                "--cap",
                "50%",
                "--years",
                "12",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    rows = _csv(capsys.readouterr().out)
    assert max(float(r["fee_share"]) for r in rows) == pytest.approx(0.5)
    assert [float(r["fee_share"]) for r in rows][:4] == pytest.approx([0, 0, 0, 0.1])


def test_schedule_table_for_reading(capsys):
    assert main(["fees", "schedule"]) == 0
    out = capsys.readouterr().out
    assert "Fee share" in out and "Recovered so far" in out
    assert "20 %" in out and "45 %" in out and "4,000" in out
    assert "full cost from year 8" in out
    assert "Illustrative" in out


def test_schedule_table_says_never(capsys):
    assert main(["fees", "schedule", "--preset", "none"]) == 0
    assert "never pays the full cost" in capsys.readouterr().out


def test_presets_lists_and_cites(capsys):
    assert main(["fees", "presets"]) == 0
    out = capsys.readouterr().out
    for name in ("emasim", "fast", "gentle", "none"):
        assert name in out
    assert "ramp/emasim first_share = 20 % (Honduras section)" in out
    assert "institution/mexico membership_share = 33.3 % (Mexico section)" in out
    assert "institution/certec reach_networks = 59 (Honduras section)" in out  # issue 12


def test_institution_table_and_csv(capsys):
    assert main(["fees", "institution"]) == 0
    out = capsys.readouterr().out
    assert "public_donor" in out and "No break-even" in out
    assert (
        main(
            [
                "fees",
                "institution",
                "--preset",
                "mexico",
                "--ramp",
                "fast",
                "--years",
                "4",
                "--new-networks",
                "2",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    rows = _csv(capsys.readouterr().out)
    assert len(rows) == 4 and [int(r["new_networks"]) for r in rows] == [2, 2, 2, 2]
    assert "public_state_government" in rows[0] and "public_pii" in rows[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--first-share", "-0.1"], ["option --first-share: -0.1 is below 0"]),
        (["--first-share", "1.5"], ["option --first-share: 1.5 is above 1"]),
        (["--first-share", "120%"], ["option --first-share: 120% is above 100 %"]),
        (["--step", "abc"], ["option --step: 'abc' is not a number"]),
        (["--years", "-3"], ["option --years: -3 is below 1"]),
        (["--years", "ten"], ["option --years: 'ten' is not a number"]),
        (["--subsidised-years", "-1"], ["option --subsidised-years: -1 is below 0"]),
        (["--annual-cost", "-5"], ["option --annual-cost: -5 is below 0"]),
        (
            ["--first-share", "0.5", "--cap", "0.3"],
            ["option --cap: the cap (30%) is below the first share (50%)"],
        ),
        (
            ["--preset", "emasm"],
            ["option --preset: no ramp preset named 'emasm'", "did you mean 'emasim'?"],
        ),
        (["--format", "xml"], ["option --format: 'xml' is not a format"]),
        (
            ["--years", "0", "--annual-cost", "x", "--cap", "2"],
            ["option --cap", "option --annual-cost", "option --years"],
        ),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(capsys, args, expected):
    assert main(["fees", "schedule", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert all(line.startswith("error: ") and "(fix: " in line for line in lines)
    for words in expected:
        assert words in captured.err


def test_bad_institution_input(capsys):
    assert (
        main(
            ["fees", "institution", "--preset", "jampro", "--ramp", "quick", "--new-networks", "-2"]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "option --preset: no institution preset named 'jampro'" in err
    assert "option --ramp: no ramp preset named 'quick'" in err
    assert "option --new-networks: -2 is below 0" in err


def test_console_script(tmp_path):
    done = subprocess.run(
        [str(JLP), "fees", "schedule", "--first-share", "20%", "--format", "csv", "--years", "5"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == ",".join(COLUMNS)
    bad = subprocess.run(
        [str(JLP), "fees", "schedule", "--cap", "150%"], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: option --cap: 150% is above 100 %")
    assert "Traceback" not in bad.stderr
