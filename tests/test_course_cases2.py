"""Honduras and CERTEC, and Mexico, have the shape of a workshop case (issue 12 §1).

Each core page keeps the word budget of tests/test_course_shape.py; Honduras and CERTEC moves
its funding model and "NET across a programme" to an optional extension page that says so,
links back, states its time and follows its core page in the table of contents.
"""

from __future__ import annotations

import re

import pytest
from test_course_shape import WORD_BUDGET, cells, toc_files, words

CORE = "notebooks/honduras-certec"
EXTENSION = f"{CORE}-more"
TIME = re.compile(r"^\*\*Time:\*\* (about )?\d+", re.M)
EXERCISE_LABEL = re.compile(r"^:::\{exercise(?:-start)?\}\n:label: (\S+)", re.M)


def markdown(doc: str) -> str:
    return "\n".join(t for kind, t in cells(doc) if kind == "markdown")


def code(doc: str) -> str:
    return "\n".join(t for kind, t in cells(doc) if kind == "code")


@pytest.mark.parametrize("doc", [CORE, "notebooks/mexico"])
def test_core_case_page_keeps_its_word_budget(doc):
    assert words(doc) <= WORD_BUDGET, f"{doc}: {words(doc)} words of prose"


@pytest.mark.parametrize("doc", [CORE, "notebooks/mexico", EXTENSION])
def test_page_states_its_time(doc):
    assert TIME.search(cells(doc)[0][1]), f"{doc}: no '**Time:** …' line in the opening cell"


def test_core_page_keeps_two_exercises_and_points_to_its_extension():
    assert len(EXERCISE_LABEL.findall(markdown(CORE))) >= 2
    opening = cells(CORE)[0][1]
    time_line = TIME.search(opening)
    after = opening[time_line.end() :].split("\n", 2)[1]
    assert after.startswith("Optional extension: [") and "(honduras-certec-more.ipynb)" in after


def test_extension_says_optional_and_links_back():
    first = cells(EXTENSION)[0][1]
    assert "Optional" in first and "honduras-certec.ipynb" in first
    assert "**simulated**" in first and "**illustrative**" in first


def test_extension_follows_its_core_page_in_the_table_of_contents():
    order = toc_files()
    if EXTENSION not in order and "notebooks/jampro-more" not in order:
        pytest.skip("this branch's _toc.yml predates the course order; the lead adds the line")
    assert order.index(EXTENSION) == order.index(CORE) + 1


def test_cases_use_degree_and_betweenness_not_brokerage_roles():
    for doc in (CORE, EXTENSION, "notebooks/mexico"):
        assert "ROLES" not in code(doc), doc
        assert not re.search(r"\bliaison", markdown(doc), re.I), doc


def test_the_funding_model_and_net_moved_whole_to_the_extension():
    core, more = code(CORE), code(EXTENSION)
    for call in ("FeeRampTuner(", "fees.finances(", "net.simulate_programme(", "method_feedback("):
        assert call not in core and call in more, call
    assert {"hc-ex-growth", "hc-ex-feedback"} <= set(EXERCISE_LABEL.findall(markdown(EXTENSION)))
    assert {"hc-ex-650", "hc-ex-split"} <= set(EXERCISE_LABEL.findall(markdown(CORE)))
