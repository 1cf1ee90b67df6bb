"""jlp.net.compare: one scoring against another, cell by cell."""

from __future__ import annotations

import pytest

from jlp import net
from jlp.errors import JlpInputError


def test_gap_is_your_points_minus_the_references():
    ref = net.from_ratings("Ref", "1998-01-01", {("group_cohesion", "decision"): 2})
    ref = ref.assign(note="they signed the statutes")
    mine = net.from_ratings("Mine", "1998-01-01", {("planning_capacity", "decision"): 1})
    table = net.compare(mine, ref)
    assert len(table) == 2
    gaps = dict(zip(table["Indicator"], table["Gap (points)"], strict=True))
    assert gaps == {"Group cohesion": -2, "Capacity of strategic planning": 1}
    assert "they signed the statutes" in set(table["Reference reasoning"])


def test_identical_scorings_have_no_differences_and_full_matrix_on_request():
    ref = net.from_ratings("Ref", "1998-01-01", {("group_cohesion", "decision"): 1})
    assert net.compare(ref, ref).empty
    full = net.compare(ref, ref, only_differences=False, with_reasoning=False)
    assert full.shape == (42, 5) and (full["Gap (points)"] == 0).all()
    assert full["Stage"].iloc[0] == "Promotion and motivation"  # stage by stage


def test_more_than_one_assessment_is_refused():
    two = net.combine([net.template("A", "1998-01-01"), net.template("A", "1999-01-01")])
    with pytest.raises(JlpInputError, match="one assessment at a time"):
        net.compare(two, net.template("R", "1998-01-01"))
