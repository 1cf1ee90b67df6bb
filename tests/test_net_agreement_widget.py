"""The instructor's AgreementView: a class folder read, a moment chosen, the consensus edited
and saved through the NET scorer's own save path."""

from __future__ import annotations

import numpy as np

from jlp import net
from jlp.net.rubric import CELLS
from jlp.widgets import AgreementView


def drop(folder, names, network="Emasim", date="1998-03-01", seed=0):
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, 42)
    for name in names:
        values = np.where(rng.random(42) < 0.7, truth, rng.integers(0, 3, 42))
        table = net.from_ratings(
            network, date, {c: int(v) for c, v in zip(CELLS, values, strict=True)}
        )
        net.drop_scoring(table, folder, assessor=name)


def test_view_reads_the_folder_and_shows_the_biggest_moment(tmp_path):
    drop(tmp_path, ["Ana", "Ben", "Eva"])
    drop(tmp_path, ["Ana", "Ben"], network="Masaya", seed=1)
    drop(tmp_path, ["Ana"], network="Jampro", seed=2)
    view = AgreementView(tmp_path, n_boot=100)
    assert [value for _, value in view.moment.options] == [
        ("Emasim", "1998-03-01"),
        ("Masaya", "1998-03-01"),
    ]
    assert view.result.assessors == ("Ana", "Ben", "Eva")
    expected = net.agreement(net.read_scorings([tmp_path], network="Emasim"), n_boot=100)
    assert f"α = {expected.overall:.2f}" in view.report.value
    view.moment.value = ("Masaya", "1998-03-01")
    assert view.result.network == "Masaya" and len(view.result.assessors) == 2


def test_edit_and_save_consensus(tmp_path):
    drop(tmp_path / "class", ["Ana", "Ben", "Eva"])
    history = tmp_path / "history.csv"
    view = AgreementView(tmp_path / "class", n_boot=0, history=history)
    view._on_edit()
    scorer = view.editor.children[1]
    assert scorer.assessor.value == "consensus"
    scorer.cell(*CELLS[0]).value = "achieved"
    scorer._on_save()
    saved = net.read_assessments(history)
    assert set(saved["assessor"]) == {"consensus"}
    assert (
        saved.loc[
            saved["indicator"].eq(CELLS[0][0]) & saved["stage"].eq(CELLS[0][1]), "rating"
        ].item()
        == "achieved"
    )


def test_hostile_names_stay_text_and_errors_show_in_the_status(tmp_path):
    drop(tmp_path, ["<img src=x onerror=alert(1)>", "Ben"], network="<script>x</script>")
    view = AgreementView(tmp_path, n_boot=0)
    assert "<img" not in view.report.value and "<script>" not in view.report.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.report.value
    (tmp_path / "bad.csv").write_text("network,date\nA,1998\n", encoding="utf-8")
    view.read()
    assert "bad.csv" in view.status.value and "B00020" in view.status.value
