"""Joint NET scoring: alpha against the `krippendorff` package, spreads, ranking, consensus,
the class folder, and one clear message for each kind of bad input."""

from __future__ import annotations

import os
import stat

import numpy as np
import pandas as pd
import pytest

from jlp import net
from jlp.errors import JlpInputError
from jlp.net.agreement import (
    agreement,
    bootstrap_alpha,
    consensus_scoring,
    krippendorff_alpha,
    split_assessors,
)
from jlp.net.assessments import RATINGS, from_ratings
from jlp.net.class_folder import (
    drop_scoring,
    moments,
    read_scorings,
    scoring_files,
    scoring_name,
)
from jlp.net.rubric import CELLS

krippendorff = pytest.importorskip("krippendorff")


def oracle(values: np.ndarray) -> float:
    """The independent implementation: assessors in rows, units in columns."""
    with np.errstate(invalid="ignore", divide="ignore"):  # it gives nan where alpha is undefined
        return float(
            krippendorff.alpha(
                reliability_data=np.asarray(values, dtype=float).T,
                level_of_measurement="ordinal",
                value_domain=[0, 1, 2],
            )
        )


def scoring(values, network="Emasim", date="1998-03-01", assessor=""):
    ratings = {cell: int(v) for cell, v in zip(CELLS, values, strict=True) if not np.isnan(v)}
    return from_ratings(network, date, ratings, assessor=assessor)


# --------------------------------------------------------------------------- alpha


@pytest.mark.parametrize("seed", range(12))
def test_alpha_matches_krippendorff_package_on_random_data(seed):
    rng = np.random.default_rng(seed)
    assessors = int(rng.integers(2, 9))
    values = rng.integers(0, 3, size=(42, assessors)).astype(float)
    # some assessors follow a shared "truth", so alpha spans low to high values
    truth = rng.integers(0, 3, size=42)
    follow = rng.random(size=(42, assessors)) < rng.random()
    values[follow] = np.broadcast_to(truth[:, None], values.shape)[follow]
    values[rng.random(size=values.shape) < rng.uniform(0, 0.4)] = np.nan
    assert krippendorff_alpha(values) == pytest.approx(oracle(values), abs=1e-12)


def test_alpha_by_hand():
    # Two assessors, units (0,0), (1,1), (2,2), (2,1): ratings used 0:2, 1:3, 2:3 (n = 8).
    values = np.array([[0, 0], [1, 1], [2, 2], [2, 1]], dtype=float)
    # Ordinal distances: d(0,1) = (2+3)/2 ... squared: d01 = 2.5², d12 = 3², d02 = (2/2+3+3/2)²
    d01, d12, d02 = 2.5**2, 3.0**2, 5.5**2
    observed = 2 * d12  # the unit (2,1) gives two ordered pairs 1-2 and 2-1, weight 1
    expected = (2 * 2 * 3 * d01 + 2 * 3 * 3 * d12 + 2 * 2 * 3 * d02) / 7
    assert krippendorff_alpha(values) == pytest.approx(1 - observed / expected)
    assert krippendorff_alpha(values) == pytest.approx(oracle(values))


def test_perfect_agreement_is_one_and_systematic_disagreement_is_negative():
    values = np.tile(np.array([0, 1, 2] * 14, dtype=float)[:, None], (1, 4))
    assert krippendorff_alpha(values) == 1.0
    flipped = np.column_stack([values[:, 0], 2 - values[:, 0]])
    assert krippendorff_alpha(flipped) < -0.4
    assert krippendorff_alpha(flipped) == pytest.approx(oracle(flipped))


def test_alpha_is_undefined_when_one_rating_is_used_or_nothing_pairs():
    assert np.isnan(krippendorff_alpha(np.ones((42, 3))))
    lonely = np.full((42, 2), np.nan)
    lonely[:, 0] = 1
    assert np.isnan(krippendorff_alpha(lonely))


def test_missing_cells_are_left_out_not_counted_as_zero():
    values = np.array([[2, 2], [1, 1], [0, 0], [2, np.nan], [np.nan, 0]], dtype=float)
    assert krippendorff_alpha(values) == 1.0
    assert krippendorff_alpha(values) == pytest.approx(oracle(values))


def test_bootstrap_is_seeded_and_brackets_alpha():
    rng = np.random.default_rng(3)
    truth = rng.integers(0, 3, size=42)
    values = np.column_stack(
        [np.where(rng.random(42) < 0.8, truth, rng.integers(0, 3, 42)) for _ in range(5)]
    ).astype(float)
    first = bootstrap_alpha(values, n_boot=400, seed=7)
    assert first == bootstrap_alpha(values, n_boot=400, seed=7)
    assert first != bootstrap_alpha(values, n_boot=400, seed=8)
    low, high = first
    assert -1 <= low < krippendorff_alpha(values) < high <= 1
    assert all(np.isnan(bootstrap_alpha(values, n_boot=0)))


# --------------------------------------------------------------------------- the group


def three_trainees():
    base = np.array([2] * 14 + [1] * 14 + [0] * 14, dtype=float)
    ana, ben, eva = base.copy(), base.copy(), base.copy()
    ben[0] = 0  # one cell: 2, 0, 2 → spread 2
    eva[20] = 2  # one cell: 1, 1, 2 → spread 1
    eva[41] = np.nan  # Eva did not judge the last cell
    return {"Ana": scoring(ana), "Ben": scoring(ben), "Eva": scoring(eva)}


def test_spread_ranking_and_per_scope_alpha():
    result = agreement(three_trainees(), n_boot=200, seed=1)
    assert result.assessors == ("Ana", "Ben", "Eva")
    top = result.ranked.iloc[0]
    assert (top["indicator"], top["stage"]) == CELLS[0]
    assert (top["low"], top["high"], top["spread"], top["judged"]) == (0, 2, 2, 3)
    assert top["disagreement"] == pytest.approx((2 + 0 + 2) / 3)
    second = result.ranked.iloc[1]
    assert (second["indicator"], second["stage"]) == CELLS[20]
    assert result.ranked["disagreement"].iloc[2:].eq(0).all()
    last = result.cells.iloc[41]
    assert (last["judged"], last["not_judged"]) == (2, 1)

    values = result.ratings.to_numpy()
    alpha = result.alpha.set_index("name")
    assert result.overall == pytest.approx(oracle(values))
    stage_mask = result.ratings.index.get_level_values("stage") == CELLS[0][1]
    assert alpha.loc[CELLS[0][1], "alpha"] == pytest.approx(oracle(values[stage_mask]))
    row_mask = result.ratings.index.get_level_values("indicator") == "external_relations"
    assert alpha.loc["external_relations", "alpha"] == pytest.approx(
        oracle(values[row_mask]), nan_ok=True
    )
    assert len(result.alpha) == 1 + 6 + 7
    assert alpha.loc["all cells", "low"] <= result.overall <= alpha.loc["all cells", "high"]


def test_each_assessor_against_median_and_reference():
    trainees = three_trainees()
    reference = scoring(np.array([2] * 42, dtype=float))
    result = agreement(trainees, reference=reference, n_boot=0)
    table = result.by_assessor.set_index(["assessor", "against"])
    assert table.loc[("Ana", "median"), "mean_abs_gap"] == 0
    assert table.loc[("Ben", "median"), "mean_gap"] == pytest.approx(-2 / 42)
    assert table.loc[("Eva", "median"), "cells"] == 41
    # Against an all-achieved reference Ana loses 14 × 1 + 14 × 2 points over 42 cells
    assert table.loc[("Ana", "reference"), "mean_gap"] == pytest.approx(-(14 + 28) / 42)
    assert table.loc[("Ana", "reference"), "exact"] == pytest.approx(14 / 42)


def test_consensus_is_the_median_with_ties_flagged_and_saves_to_history(tmp_path):
    two = {
        "Ana": scoring(np.array([2, 1] + [0] * 40, dtype=float)),
        "Ben": scoring(np.array([1, 1] + [np.nan] * 40, dtype=float)),
    }
    result = agreement(two, n_boot=0)
    consensus = result.consensus
    assert set(consensus["assessor"]) == {"consensus"}
    assert consensus["rating"].iloc[0] == "partial"  # tie 1 / 2 → lower
    assert "decide together" in consensus["note"].iloc[0]
    assert consensus["rating"].iloc[1] == "partial"
    assert consensus["note"].iloc[1] == ""
    assert consensus["rating"].iloc[5] == "not_achieved"  # one assessor → their rating
    assert bool(result.cells["tie"].iloc[0]) and not bool(result.cells["tie"].iloc[1])
    saved = net.save_assessment(consensus, tmp_path / "history.csv")
    assert saved.total == 42
    assert set(net.read_assessments(tmp_path / "history.csv")["assessor"]) == {"consensus"}


def test_consensus_of_nobody_is_empty():
    cells = agreement(three_trainees(), n_boot=0).cells.assign(median=np.nan, tie=False)
    assert set(consensus_scoring("A", "1998-01-01", cells)["rating"]) == {""}


def test_one_table_with_an_assessor_column():
    both = pd.concat(
        [scoring(np.full(42, 2.0), assessor="Ana"), scoring(np.full(42, 1.0), assessor=" Ben ")],
        ignore_index=True,
    )
    result = agreement(both, n_boot=0)
    assert result.assessors == ("Ana", "Ben")
    assert np.isnan(result.overall) or result.overall < 0


# --------------------------------------------------------------------------- bad input


def write(path, table):
    net.write_assessments(table, path)
    return path


def test_one_assessor_only_is_refused(tmp_path):
    path = write(tmp_path / "ana.csv", scoring(np.full(42, 2.0), assessor="Ana"))
    with pytest.raises(JlpInputError) as caught:
        agreement(read_scorings([path]))
    assert len(caught.value.problems) == 1
    assert "at least two assessors" in str(caught.value)
    assert "fix:" in str(caught.value)


def test_same_assessor_twice_names_file_row_and_column(tmp_path):
    write(tmp_path / "a.csv", scoring(np.full(42, 2.0), assessor="Ana"))
    write(tmp_path / "b.csv", scoring(np.full(42, 1.0), assessor="ana "))
    with pytest.raises(JlpInputError) as caught:
        agreement(read_scorings([tmp_path]))
    problem = caught.value.problems[0]
    assert problem.file.endswith("b.csv") and problem.row == 2
    assert problem.column == "assessor"
    assert "a.csv" in problem.message


@pytest.mark.parametrize(
    ("other", "column"), [({"network": "Masaya"}, "network"), ({"date": "1998-09-01"}, "date")]
)
def test_different_networks_or_dates_are_refused(tmp_path, other, column):
    write(tmp_path / "a.csv", scoring(np.full(42, 2.0), assessor="Ana"))
    kwargs = {"network": "Emasim", "date": "1998-03-01", "assessor": "Ben"} | other
    write(tmp_path / "b.csv", scoring(np.full(42, 1.0), **kwargs))
    with pytest.raises(JlpInputError) as caught:
        agreement(read_scorings([tmp_path]))
    problem = caught.value.problems[0]
    assert (problem.file.endswith("b.csv"), problem.row, problem.column) == (True, 2, column)


def test_network_names_in_other_case_or_unicode_form_are_the_same(tmp_path):
    a = scoring(np.full(42, 2.0), network="Café Norte", assessor="Ana")
    b = scoring(np.full(42, 1.0), network="cafe\u0301 norte", assessor="Ben")
    assert agreement([a, b], n_boot=0).assessors == ("Ana", "Ben")


def test_a_reference_of_another_moment_is_refused():
    with pytest.raises(JlpInputError, match="reference"):
        agreement(three_trainees(), reference=scoring(np.full(42, 2.0), date="1999-01-01"))


def test_bad_row_in_a_shared_file_keeps_its_row_number(tmp_path):
    path = tmp_path / "group.csv"
    path.write_text(
        "network,date,indicator,stage,rating,assessor\n"
        "A,1998-01-01,group_cohesion,decision,2,Ana\n"
        "A,1998-01-01,group_cohesion,decision,1,Ben\n"
        "A,1998-01-01,group_cohesion,decisoin,1,Ben\n",
        encoding="utf-8",
    )
    with pytest.raises(JlpInputError) as caught:
        read_scorings([path])
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (4, "stage")
    assert "decision" in problem.fix


# --------------------------------------------------------------------------- class folder


def test_drop_names_carry_the_assessor_and_never_overwrite_another(tmp_path):
    mine = scoring(np.full(42, 2.0))
    first = drop_scoring(mine, tmp_path, assessor="Ana López")
    second = drop_scoring(mine, tmp_path, assessor="Ben")
    assert first != second and "ana-lopez" in first.name
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o640
    # Ana saves again: her own file is replaced, in one step
    again = drop_scoring(scoring(np.full(42, 1.0)), tmp_path, assessor="ana lópez")
    assert again == first
    assert set(net.read_assessments(first)["rating"]) == {"partial"}
    # A file with Ben's name but someone else's scoring inside is never replaced
    squatter = tmp_path / scoring_name("Emasim", "1998-03-01", "Eva")
    squatter.write_bytes(second.read_bytes())
    before = squatter.read_bytes()
    with pytest.raises(JlpInputError, match="already holds the scoring of Ben"):
        drop_scoring(mine, tmp_path, assessor="Eva")
    assert squatter.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_drop_refuses_a_scoring_without_assessor(tmp_path):
    with pytest.raises(JlpInputError, match="no assessor"):
        drop_scoring(scoring(np.full(42, 2.0)), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_class_folder_with_subfolders_and_moments(tmp_path):
    for n, name in enumerate(["Ana", "Ben", "Eva"]):
        drop_scoring(scoring(np.full(42, float(n % 3))), tmp_path / name.lower(), assessor=name)
    drop_scoring(scoring(np.full(42, 2.0), date="1999-01-01"), tmp_path / "ana", assessor="Ana")
    (tmp_path / "ana" / ".hidden.csv").write_text("junk")
    assert len(scoring_files(tmp_path)) == 4
    both = read_scorings([tmp_path])
    assert sorted(moments(both)) == [("Emasim", "1998-03-01", 3), ("Emasim", "1999-01-01", 1)]
    chosen = read_scorings([tmp_path], network="emasim", date="1998-03-01")
    assert sorted(s.assessor for s in chosen) == ["Ana", "Ben", "Eva"]
    assert agreement(chosen, n_boot=0).assessors == tuple(s.assessor for s in chosen)


def test_split_assessors_uses_the_default_name_for_rows_without_one():
    table = scoring(np.full(42, 2.0))
    assert [s.assessor for s in split_assessors(table, default="ana.csv")] == ["ana.csv"]


def test_ratings_are_the_rating_codes():
    result = agreement(three_trainees(), n_boot=0)
    assert list(RATINGS).index("achieved") == result.ratings.iloc[0]["Ana"]


def test_a_dropped_scoring_carries_no_live_formula_and_reads_back_as_typed(tmp_path):
    """The class folder's files are written like every CSV jlp writes (formulas neutralised)."""
    table = scoring(
        np.full(42, 2), network='=HYPERLINK("http://evil.example","x")', assessor="+Ana"
    )
    path = drop_scoring(table, tmp_path)
    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+Ana" in text
    assert not any(line.startswith(("=", "+")) for line in text.splitlines())
    back = net.read_assessments(path)
    assert set(back["network"]) == {table["network"].iloc[0]}
    assert set(back["assessor"]) == {"+Ana"}
