"""The course has the shape of the workshop (issue 12 §1 and §4).

Pages follow the table of contents; a page that draws a network map comes after the chapter that
teaches how to read one; a core case page stays within its word budget; every page states its
time; exercise numbers restart in each chapter; the printable worksheets exist, are linked from
the pages and hold what they promise.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

#: The core case pages and their budget of words of prose (issue 12: at most about 2,000).
CORE_CASES = ("notebooks/emasim", "notebooks/ecohamaca", "notebooks/masaya", "notebooks/jampro")
WORD_BUDGET = 2000

#: Code that draws a network map on a page (static pictures, explorers, graph pages).
MAP_DRAWING = re.compile(
    r"\b(static_picture|graph_frame|GraphExplorer|actors_frame|show_graph|network_page)\("
)
MAP_CHAPTER = "book/graphs"

FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.S | re.M)
INSTRUCTOR_NOTE = re.compile(r"^:::\{instructor-note\}.*?^:::\s*$", re.S | re.M)
WORD = re.compile(r"[^\W_][\w'’.,%-]*")


def toc_files() -> list[str]:
    """Every document of _toc.yml in reading order, without its suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in toc.items() if k != "root"})
    return found


def source_path(doc: str) -> Path:
    for suffix in (".md", ".ipynb"):
        if (ROOT / f"{doc}{suffix}").exists():
            return ROOT / f"{doc}{suffix}"
    raise FileNotFoundError(doc)


@cache
def cells(doc: str) -> tuple[tuple[str, str], ...]:
    """(kind, text) of each cell; a Markdown page is one markdown cell."""
    path = source_path(doc)
    if path.suffix == ".md":
        return (("markdown", path.read_text(encoding="utf-8")),)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return tuple((c["cell_type"], "".join(c["source"])) for c in notebook["cells"])


def prose(doc: str) -> str:
    """The words a learner reads: markdown without code blocks, instructor notes or options."""
    text = "\n".join(t for kind, t in cells(doc) if kind == "markdown")
    text = FENCE.sub(" ", text)
    text = INSTRUCTOR_NOTE.sub(" ", text)
    text = re.sub(r"^:(label|class|time):.*$", " ", text, flags=re.M)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not words
    return text


def words(doc: str) -> int:
    """
    >>> words("notebooks/emasim") > 500
    True
    """
    return len(WORD.findall(prose(doc)))


def draws_a_map(doc: str) -> bool:
    if doc.startswith("book/"):
        return "{jlp-graph}" in cells(doc)[0][1]
    return any(kind == "code" and MAP_DRAWING.search(t) for kind, t in cells(doc))


def test_no_page_draws_a_map_before_the_map_chapter():
    order = toc_files()
    early = [doc for doc in order[: order.index(MAP_CHAPTER)] if draws_a_map(doc)]
    assert not early, f"these pages draw a map before {MAP_CHAPTER}: {early}"
    assert any(draws_a_map(doc) for doc in order), "the test would find no map at all"


@pytest.mark.parametrize("doc", CORE_CASES)
def test_core_case_page_keeps_its_word_budget(doc):
    assert doc in toc_files()
    assert words(doc) <= WORD_BUDGET, f"{doc}: {words(doc)} words of prose"


@pytest.mark.parametrize("doc", CORE_CASES)
def test_each_core_case_has_an_optional_extension(doc):
    extension = f"{doc}-more"
    order = toc_files()
    assert order.index(extension) == order.index(doc) + 1
    first = cells(extension)[0][1]
    assert "Optional" in first and Path(doc).name in first


TIME = re.compile(r"^\*\*Time:\*\* (about )?\d+", re.M)


@pytest.mark.parametrize("doc", toc_files())
def test_every_page_states_its_time(doc):
    head = "\n".join(t for kind, t in cells(doc)[:3] if kind == "markdown")
    assert TIME.search(head), f"{doc}: no '**Time:** …' line near the top"


def test_the_home_page_offers_a_self_study_path_with_a_budget():
    home = cells("book/index")[0][1]
    assert "## Studying alone" in home
    path = home.split("## Studying alone", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"about \d+ hours", path)
    for case in ("emasim", "ecohamaca", "masaya", "honduras-certec", "mexico", "jampro"):
        assert f"{case}.ipynb" in home


EXERCISE = re.compile(r"^:::\{exercise(?:-start)?\}", re.M)
