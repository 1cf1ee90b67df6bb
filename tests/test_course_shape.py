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
    text = re.sub(r"\{[a-z-]+\}`", "`", text)  # nor role names such as {term}
    return text


def words(doc: str) -> int:
    """
    >>> words("notebooks/emasim") > 500
    True
    """
    return len(WORD.findall(prose(doc)))


def draws_a_map(doc: str) -> bool:
    """A notebook draws a map with code; a chapter only through a picture it embeds."""
    if doc.startswith("book/"):
        return bool(re.search(r"\{(figure|image)\}|!\[", cells(doc)[0][1]))
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


#: Pages that are not lessons: the build-status page (owned with the print pipeline).
NOT_LESSONS = ("book/status",)


@pytest.mark.parametrize("doc", [d for d in toc_files() if d not in NOT_LESSONS])
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


def exercise_labels(doc: str) -> list[str]:
    text = "\n".join(t for kind, t in cells(doc) if kind == "markdown")
    return re.findall(r"^:::\{exercise(?:-start)?\}[^\n]*\n:label: (\S+)", text, re.M)


def test_exercise_numbers_restart_in_each_chapter():
    """Sphinx numbers exercises through the whole book unless jlp.exercise_numbers runs."""
    from jlp.exercise_numbers import renumber

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "jlp.exercise_numbers" in config["sphinx"]["extra_extensions"]
    running, numbers = 0, {}
    for doc in toc_files():
        labels = exercise_labels(doc)
        numbers[doc] = {"exercise": {label: (running + n,) for n, label in enumerate(labels, 1)}}
        running += len(labels)
    assert running > 20, "the course should have many exercises"
    renumber(numbers)
    for doc, found in numbers.items():
        assert sorted(n for (n,) in found["exercise"].values()) == list(
            range(1, len(exercise_labels(doc)) + 1)
        ), doc


def test_built_pages_number_exercises_from_one():
    """In a built site (when there is one), each page's first exercise is Exercise 1."""
    site = ROOT / "_build" / "html"
    if not (site / "notebooks" / "masaya.html").exists():
        pytest.skip("no built site in this checkout (make book)")
    for doc in ("notebooks/emasim", "notebooks/masaya", "book/graphs"):
        html = (site / f"{doc}.html").read_text(encoding="utf-8")
        found = [int(n) for n in re.findall(r"Exercise (\d+)", html)]
        assert found and min(found) == 1, doc


# ----------------------------------------------------------------- worksheets (§4)

SHEET_LINKS = {
    "net-grid.pdf": ("book/net-tool", "notebooks/emasim", "notebooks/ecohamaca"),
    "fee-ramp.pdf": ("book/fee-ramp", "notebooks/emasim"),
    "map-sheet.pdf": ("book/graphs", "notebooks/jampro"),
    "pool-sheet.pdf": ("notebooks/masaya-more",),
}


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


@pytest.mark.parametrize("name", sorted(SHEET_LINKS))
def test_worksheet_is_committed_current_and_linked(name):
    from jlp import worksheets

    committed = ROOT / worksheets.FOLDER / name
    assert committed.exists(), f"run python -m jlp.worksheets to write {name}"
    assert committed.read_bytes() == worksheets.pdf_bytes(name), (
        f"{name} is out of date: run python -m jlp.worksheets"
    )
    for doc in SHEET_LINKS[name]:
        text = "\n".join(t for kind, t in cells(doc) if kind == "markdown")
        assert f"worksheets/{name})" in text, f"{doc} does not link {name}"


def test_net_grid_holds_every_indicator_stage_and_cell_on_one_page():
    from jlp.net.rubric import indicator_labels, rubric, stage_labels

    path = ROOT / "book" / "worksheets" / "net-grid.pdf"
    text = pdf_text(path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"Pages:\s+1\b", info.stdout)
    for label in [*indicator_labels().values(), *stage_labels().values()]:
        assert all(word in text for word in label.split()), label
    words = set(re.findall(r"\w+", text))
    for result in rubric()["result"]:
        assert set(re.findall(r"\w+", result)) <= words, result
    assert text.count("½") >= 42 and "÷ 84" in text


def test_fee_ramp_sheet_holds_the_four_numbers_the_reported_start_and_ten_years():
    text = pdf_text(ROOT / "book" / "worksheets" / "fee-ramp.pdf")
    for words in ("Free years", "First share", "Yearly step", "Cap", "Subsidy", "Cost recovery"):
        assert words in text
    assert "Honduras section): 3 years fully subsidised, then 20 % of the cost" in text
    assert "more than 40 %" in text and re.search(r"\b9 \b.*\b10\b", text)


def test_map_sheet_names_every_kind_and_tie_and_the_step_back_test():
    from jlp.graphs import KNOWN_KINDS, KNOWN_TIES

    text = pdf_text(ROOT / "book" / "worksheets" / "map-sheet.pdf")
    for slug in (*KNOWN_KINDS, *KNOWN_TIES):
        assert slug.replace("_", " ") in text, slug
    assert "Step-back test" in text and "Degree" in text and "betweenness" in text


def test_pool_sheet_holds_the_masaya_price_list():
    from jlp import scale

    text = pdf_text(ROOT / "book" / "worksheets" / "pool-sheet.pdf")
    for row in scale.yarn_prices().table().itertuples():
        assert f"{row.unit_price_usd:.2f}" in text and row.label in text


WIDGETS = ("NetScorer(", "FeeRampTuner(", "GraphExplorer(", "PoolChooser(")
PAPER = {
    "NetScorer(": "net-grid.pdf",
    "FeeRampTuner(": "fee-ramp.pdf",
    "GraphExplorer(": "map-sheet.pdf",
    "PoolChooser(": "pool-sheet.pdf",
}


@pytest.mark.parametrize("doc", [d for d in toc_files() if d.startswith("notebooks/")])
def test_each_widget_exercise_has_a_paper_version(doc):
    """A notebook page that uses a widget links its worksheet (for sessions without computers)."""
    code = "\n".join(t for kind, t in cells(doc) if kind == "code")
    text = "\n".join(t for kind, t in cells(doc) if kind == "markdown")
    for widget in WIDGETS:
        if widget in code:
            assert f"worksheets/{PAPER[widget]})" in text, f"{doc}: {widget} without its sheet"


# ----------------------------------------------------------------- closing synthesis


def test_lessons_learned_closes_the_cases_with_objectives_and_two_exercises():
    order = toc_files()
    lessons = "book/lessons-learned"
    assert all(order.index(lessons) > order.index(case) for case in CORE_CASES)
    text = cells(lessons)[0][1]
    assert "Objectives" in text
    labels = exercise_labels(lessons)
    assert len(labels) >= 2 and "lessons-ex-match" in labels and "lessons-ex-plan" in labels


def test_reference_material_left_the_lessons():
    """Flags, file formats, encodings and locking live in the appendix, not in the lessons."""
    appendix = cells("book/using-jlp")[0][1]
    for needed in ("UTF-8", "--threshold", "lock", "assessments", "jlp fees schedule"):
        assert needed in appendix
    mine = (
        "book/",
        "notebooks/emasim",
        "notebooks/ecohamaca",
        "notebooks/masaya",
        "notebooks/jampro",
    )
    lessons = [
        d
        for d in toc_files()
        if d.startswith(mine) and d not in ("book/using-jlp", "book/deployment")
    ]
    for doc in lessons:
        text = "\n".join(t for kind, t in cells(doc) if kind == "markdown")
        for flag in ("--threshold", "--overwrite", "--format csv", "CSV UTF-8", "history_lock"):
            assert flag not in text, f"{doc} still explains {flag}"
    guide = cells("book/instructor-guide")[0][1]
    assert "solution-start" not in guide and ":::{self-check}" not in guide
    assert "solution-start" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_glossary_has_the_course_terms_in_spanish_and_pages_link_to_it():
    text = cells("book/glossary")[0][1]
    table = text.split("## The terms in Spanish", 1)[1]
    for term in ("Betweenness", "Completeness", "Fee ramp", "Cost recovery", "Consolidated stage"):
        assert f"\n{term}\n" in text, term
        assert re.search(rf"\| {{term}}`{term}` \| \w", table), term
    linking = [d for d in toc_files() if "{term}`" in "".join(t for _, t in cells(d))]
    assert set(CORE_CASES) <= set(linking)
