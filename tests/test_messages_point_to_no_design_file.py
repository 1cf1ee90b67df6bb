"""Messages a user sees say the fix in their own words and never send them to DESIGN.md.

The design page is for people changing jlp; a broker reading an error has no use for it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import jlp
from jlp import net
from jlp.errors import JlpInputError

SOURCE = Path(jlp.__file__).parent


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_no_string_in_the_package_cites_the_design_page():
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstring_nodes(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and "DESIGN" in node.value
            ):
                offenders.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert not offenders, offenders


def test_a_rubric_missing_a_cell_names_the_fix(tmp_path):
    table = net.rubric().iloc[1:]  # the first cell, group_cohesion × promotion_motivation, gone
    path = tmp_path / "my_rubric.csv"
    table.to_csv(path, index=False)
    with pytest.raises(JlpInputError) as caught:
        net.rubric(path)
    line = str(caught.value)
    assert "group_cohesion × promotion_motivation" in line and "my_rubric.csv" in line
    assert "42 cells (7 indicators × 6 stages)" in line and "datasets/net_rubric.csv" in line
    assert "DESIGN" not in line and "\n" not in line


def test_an_unknown_cell_names_the_indicators_and_stages():
    with pytest.raises(JlpInputError) as caught:
        net.from_ratings("A", "1998-01-01", {("cohesion", "decision"): 2})
    line = str(caught.value)
    assert "('cohesion', 'decision') is not a NET cell" in line
    assert "('group_cohesion', 'decision')" in line
    assert all(slug in line for slug in (*net.INDICATORS, *net.STAGES))
    assert "DESIGN" not in line and "\n" not in line
