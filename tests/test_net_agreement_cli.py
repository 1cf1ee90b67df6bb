"""`jlp net agreement`: the group's scorings on the command line and in the offline report,
with hostile names kept as text and bad input refused with exit 2."""

from __future__ import annotations

import re

import numpy as np
import pytest

from jlp import net
from jlp.cli import main
from jlp.net.rubric import CELLS

HOSTILE = {
    "network": "<img src=x onerror=alert(1)>",
    "assessors": ["<script>alert('a')</script>", '=HYPERLINK("http://evil.example","x")', "Ana"],
    "note": "<a href=javascript:alert(1)>see</a>",
}


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def drop_group(folder, network="Emasim", names=("Ana", "Ben", "Eva"), seed=0, note=""):
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, 42)
    for name in names:
        values = np.where(rng.random(42) < 0.75, truth, rng.integers(0, 3, 42))
        table = net.from_ratings(
            network, "1998-03-01", {c: int(v) for c, v in zip(CELLS, values, strict=True)}
        )
        net.drop_scoring(table.assign(note=note), folder, assessor=name)
    return folder


def test_agreement_prints_alpha_cells_and_writes_report_and_consensus(capsys, tmp_path):
    folder = drop_group(tmp_path / "class")
    code, out, err = run(
        capsys,
        "net",
        "agreement",
        folder,
        "-o",
        tmp_path / "r.html",
        "--consensus",
        tmp_path / "c.csv",
        "--boot",
        200,
    )
    assert code == 0, err
    assert "3 assessors" in out and "alpha (ordinal)" in out
    result = net.agreement(net.read_scorings([folder]), n_boot=200)
    assert f"{result.overall:.3f}" in out
    assert "Cells to discuss first" in out
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"α = {result.overall:.2f}" in page
    assert "Cells to discuss first" in page
    consensus = net.read_assessments(tmp_path / "c.csv")
    assert set(consensus["assessor"]) == {"consensus"}
    assert (consensus["rating"].to_numpy() == result.consensus["rating"].to_numpy()).all()


def test_reference_adds_rows_per_assessor(capsys, tmp_path):
    folder = drop_group(tmp_path / "class")
    reference = tmp_path / "reference.csv"
    net.write_assessments(
        net.from_ratings("Emasim", "1998-03-01", dict.fromkeys(CELLS, 2)), reference
    )
    code, out, _ = run(capsys, "net", "agreement", folder, "--reference", reference, "--boot", 0)
    assert code == 0
    assert out.count("reference") == 3


def test_hostile_names_never_become_markup_or_terminal_commands(capsys, tmp_path):
    folder = drop_group(
        tmp_path / "class",
        network=HOSTILE["network"],
        names=HOSTILE["assessors"],
        note=HOSTILE["note"],
    )
    code, out, _ = run(capsys, "net", "agreement", folder, "-o", tmp_path / "r.html", "--boot", 50)
    assert code == 0
    assert "<script>alert('a')</script>" in out  # a terminal shows it as text
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert not re.search(r"<script|<img|<a ", page, re.IGNORECASE)
    assert "&lt;script&gt;alert(&#39;a&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "=HYPERLINK(&#34;http://evil.example&#34;,&#34;x&#34;)" in page


@pytest.mark.parametrize("case", ["one", "twice", "networks", "dates"])
def test_bad_groups_exit_2_with_one_clear_line(capsys, tmp_path, case):
    folder = tmp_path / "class"
    drop_group(folder, names=("Ana",))
    if case == "twice":
        other = net.from_ratings("Emasim", "1998-03-01", {CELLS[0]: 2}, assessor="ANA")
        net.write_assessments(other, folder / "copy.csv")
    elif case == "networks":
        drop_group(folder, network="Masaya", names=("Ben",))
    elif case == "dates":
        other = net.from_ratings("Emasim", "1999-03-01", {CELLS[0]: 2}, assessor="Ben")
        net.write_assessments(other, folder / "ben.csv")
    before = {p: p.read_bytes() for p in folder.iterdir()}
    code, _out, err = run(capsys, "net", "agreement", folder, "-o", tmp_path / "r.html")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "(fix: " in lines[0]
    assert "Traceback" not in err
    if case != "one":
        assert ", row 2, column '" in lines[0]
    assert not (tmp_path / "r.html").exists()
    assert before == {p: p.read_bytes() for p in folder.iterdir()}


def test_a_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "net", "agreement", tmp_path / "nope.csv", tmp_path / "x.csv")
    assert code == 2 and "no such file" in err


def test_outputs_never_replace_an_input_nor_land_in_the_class_folder(capsys, tmp_path):
    folder = drop_group(tmp_path / "class")
    before = {p: p.read_bytes() for p in folder.iterdir()}
    one = sorted(folder.iterdir())[0]
    for option, target in (("-o", one), ("--consensus", folder / "consensus.csv")):
        code, _, err = run(capsys, "net", "agreement", folder, option, target)
        assert code == 2 and "replace an input" in err
    assert before == {p: p.read_bytes() for p in folder.iterdir()}


def test_a_terminal_escape_in_a_name_is_refused_and_shown_escaped(capsys, tmp_path):
    """The file reader refuses invisible characters; the message shows them, never obeys."""
    folder = drop_group(tmp_path / "class", names=["Ana\x1b[31m", "Ben", "Cruz"])
    code, out, err = run(capsys, "net", "agreement", folder, "--boot", 0)
    assert code == 2
    assert "\x1b" not in out + err and "\\x1b" in err


def test_the_report_is_reproducible_and_dated_only_when_asked(capsys, tmp_path):
    folder = drop_group(tmp_path / "class")
    for name in ("a.html", "b.html"):
        code, _, _ = run(capsys, "net", "agreement", folder, "-o", tmp_path / name, "--boot", 20)
        assert code == 0
    first, second = ((tmp_path / n).read_bytes() for n in ("a.html", "b.html"))
    assert first == second and b"Made with jlp on" not in first
    code, _, _ = run(capsys, "net", "agreement", folder, "-o", tmp_path / "c.html", "--stamp")
    assert code == 0
    assert "Made with jlp on 20" in (tmp_path / "c.html").read_text(encoding="utf-8")
