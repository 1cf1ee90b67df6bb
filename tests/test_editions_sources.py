"""Page sources stripped to match an edition: solutions and instructor notes out, the rest kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jlp.editions import EDITIONS, edition_named, launch_settings
from jlp.editions.build import _prune_stale_caches, build_plan, hub_overrides, inputs_digest
from jlp.editions.sources import strip_markdown, strip_notebook, strip_notebook_text

# --- blocks a page is made of; each carries one unique word so we can see what survived ---


def prose(word: str) -> str:
    return f"Some prose about networks {word}.\n"


def exercise(word: str) -> str:
    return f":::{{exercise}}\n:label: ex-{word}\nDo the task {word}.\n:::\n"


def solution(word: str) -> str:
    return f":::{{solution}} ex-{word}\nThe answer {word}.\n:::\n"


def backtick_solution(word: str) -> str:
    return f"````{{solution}} ex-{word}\nCode:\n```python\nprint('{word}')\n```\n````\n"


def gated_solution(word: str) -> str:
    return (
        f"```{{solution-start}} ex-{word}\n:class: dropdown\n```\nWorked {word}.\n\n"
        "```{solution-end}\n```\n"
    )


def note(word: str) -> str:
    return f":::{{instructor-note}} Timing\n:time: 10 min\nPairs first {word}.\n:::\n"


def nested_note(word: str) -> str:
    """An instructor note inside a tip box: the note goes, the tip stays."""
    return f"::::{{tip}}\nKeep this tip.\n:::{{instructor-note}}\nHidden {word}.\n:::\n::::\n"


def code_with_fences(word: str) -> str:
    """A code block that shows directive syntax: it is text, nothing in it is removed."""
    return f"```markdown\n:::{{solution}} x\n{word}\n:::\n```\n"


KEPT = {"prose": prose, "exercise": exercise, "code": code_with_fences}
SOLUTIONS = {"solution": solution, "backtick": backtick_solution, "gated": gated_solution}
NOTES = {"note": note, "nested_note": nested_note}
ALL = {**KEPT, **SOLUTIONS, **NOTES}

pages = st.lists(st.sampled_from(sorted(ALL)), min_size=1, max_size=12)


def compose(kinds: list[str]) -> tuple[str, dict[str, str]]:
    words = {f"w{i}x{kind.replace('_', '')}": kind for i, kind in enumerate(kinds)}
    text = "\n".join(ALL[kind](word) for word, kind in words.items())
    return text, words


@settings(max_examples=150, deadline=None)
@given(pages, st.booleans(), st.booleans())
def test_strip_removes_exactly_the_chosen_blocks(kinds, solutions, notes):
    text, words = compose(kinds)
    out = strip_markdown(text, solutions=solutions, instructor_notes=notes)
    for word, kind in words.items():
        gone = (solutions and kind in SOLUTIONS) or (notes and kind in NOTES)
        assert (word not in out) == gone, (kind, solutions, notes, out)
    if "nested_note" in kinds:
        assert "Keep this tip." in out


@settings(max_examples=100, deadline=None)
@given(pages)
def test_strip_is_idempotent(kinds):
    text, _ = compose(kinds)
    once = strip_markdown(text, solutions=True, instructor_notes=True)
    assert strip_markdown(once, solutions=True, instructor_notes=True) == once


@given(st.text(alphabet=st.characters(blacklist_characters=":`"), max_size=300))
def test_text_without_fences_is_unchanged(text):
    assert strip_markdown(text, solutions=True, instructor_notes=True) == text


def test_unclosed_gate_removes_to_the_end_rather_than_leak():
    text = "Before.\n:::{solution-start} ex1\n:::\nSecret answer.\n"
    assert strip_markdown(text, solutions=True, instructor_notes=False) == "Before.\n"


def cell(kind: str, source: str) -> dict:
    extra = {"outputs": [], "execution_count": None} if kind == "code" else {}
    return {"cell_type": kind, "metadata": {}, "source": source, **extra}


def notebook(*cells: dict) -> dict:
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_gated_solution_across_cells_goes_whole_and_the_rest_stays():
    nb = notebook(
        cell(
            "markdown",
            "# Title\n\n:::{exercise-start}\n:label: e1\n:::\nTask TASKWORD\n"
            ":::{exercise-end}\n:::",
        ),
        cell("code", "x = 1  # exercise scaffold KEEPCODE"),
        cell("markdown", "Intro KEEPINTRO\n\n:::{solution-start} e1\n:::\nWhy SOLTEXT"),
        cell("code", "answer = 11  # SOLCODE"),
        cell("raw", "raw SOLRAW"),
        cell(
            "markdown", ":::{solution-end}\n:::\n:::{instructor-note}\nNOTEWORD\n:::\nAfter AFTER"
        ),
        cell("code", "print('KEEPLAST')"),
    )
    text = json.dumps(strip_notebook(nb, solutions=True, instructor_notes=True))
    for kept in ("TASKWORD", "KEEPCODE", "KEEPINTRO", "AFTER", "KEEPLAST"):
        assert kept in text
    for gone in ("SOLTEXT", "SOLCODE", "SOLRAW", "NOTEWORD"):
        assert gone not in text
    assert json.dumps(nb).count("SOLCODE") == 1  # the caller's notebook is untouched


def test_learner_notebook_keeps_solutions_but_not_notes():
    nb = notebook(
        cell("markdown", ":::{solution-start} e1\n:::"),
        cell("code", "answer = 11  # SOLCODE"),
        cell("markdown", ":::{solution-end}\n:::"),
        cell("markdown", ":::{instructor-note}\nNOTEWORD\n:::"),
    )
    out = strip_notebook(nb, solutions=False, instructor_notes=True)
    assert "SOLCODE" in json.dumps(out)
    assert "NOTEWORD" not in json.dumps(out)
    assert len(out["cells"]) == 3  # the note's cell held nothing else, so it went


def test_notebook_text_round_trip_keeps_list_sources_and_accents():
    nb = notebook(cell("markdown", ["Asociación de León\n", "second line"]))
    out = json.loads(strip_notebook_text(json.dumps(nb), solutions=True, instructor_notes=True))
    assert out["cells"][0]["source"] == ["Asociación de León\n", "second line"]


def test_editions_table_matches_the_issue():
    assert EDITIONS["learner"].solutions == "collapsed"
    assert not EDITIONS["learner"].instructor_notes
    assert EDITIONS["workshop"].solutions == "removed"
    assert not EDITIONS["workshop"].instructor_notes
    assert EDITIONS["instructor"].solutions == "open"
    assert EDITIONS["instructor"].instructor_notes
    outputs = {e.output for e in EDITIONS.values()}
    assert outputs == {"_build/html", "_build/workshop/html", "_build/instructor/html"}


def test_unknown_edition_names_the_choices():
    with pytest.raises(Exception, match="learner, workshop, instructor"):
        edition_named("teacher")


def test_every_edition_shares_one_execution_cache(tmp_path):
    caches = {
        build_plan(name, root=tmp_path).overrides["nb_execution_cache_path"] for name in EDITIONS
    }
    assert len(caches) == 1
    assert Path(caches.pop()).parent == tmp_path.resolve() / "_build" / ".jupyter_cache"


def test_execution_cache_is_keyed_on_the_package_and_the_data(tmp_path):
    """A change in src/jlp or datasets/ gives a new cache, so no stale output can pass."""
    package, data = tmp_path / "jlp", tmp_path / "datasets"
    (package / "__pycache__").mkdir(parents=True)
    data.mkdir()
    (package / "net.py").write_text("SHARE = 0.2\n")
    (data / "fees.csv").write_text("year,share\n1,0\n")
    first = inputs_digest(package, data)
    (package / "__pycache__" / "net.cpython-311.pyc").write_bytes(b"ignored")
    assert inputs_digest(package, data) == first
    (package / "net.py").write_text("SHARE = 0.25\n")
    second = inputs_digest(package, data)
    (data / "fees.csv").write_text("year,share\n1,0.1\n")
    third = inputs_digest(package, data)
    (data / "fees.csv").rename(data / "fees2.csv")
    assert len({first, second, third, inputs_digest(package, data)}) == 4


def test_a_build_removes_the_stale_cache_beside_the_new_one(tmp_path):
    root = tmp_path / "_build" / ".jupyter_cache"
    stale, current = root / ("a" * 16), root / ("b" * 16)
    stale.mkdir(parents=True)
    (root / "global.db").write_text("")  # not a keyed cache: left alone
    _prune_stale_caches(current)
    assert not stale.exists() and (root / "global.db").exists()


def test_hub_links_wait_for_a_repository_url():
    no_repo = {"launch_buttons": {"binderhub_url": "https://mybinder.org", "thebe": False}}
    assert launch_settings(no_repo)["launch_buttons"] == {"binderhub_url": "", "thebe": False}
    with_repo = {**no_repo, "repository_url": "https://github.com/org/jlp"}
    assert launch_settings(with_repo) == with_repo
    assert hub_overrides({"JLP_REPOSITORY_URL": " ", "JLP_BINDERHUB_URL": ""}) == {}
    assert hub_overrides({"JLP_REPOSITORY_URL": "https://github.com/org/jlp"}) == {
        "repository": {"url": "https://github.com/org/jlp"}
    }
