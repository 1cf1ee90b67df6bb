"""Three editions of a small fixture book, built the way `make book-*` builds them.

The fixture holds an exercise, a solution, an instructor note and a self-check, both in a
MyST page and in a notebook (a gated solution with a code cell between its gates). Every
marker word is unique, so a search of the built files shows where each piece went.

Marked `browser` as a whole: it builds three sites (about a minute) and checks them, one in
chromium, so it runs once, with the other checks of built sites (`make browser`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser import serve, settle, watch
from bs4 import BeautifulSoup
from once import made_once

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/example-org/jlp"

PAGE = """# Fixture page

Some prose.

## Exercises

:::{exercise}
:label: fx-ex1
Count the firms in EMASIM, kiwiexercisemd.
:::

:::{solution} fx-ex1
Eleven firms, mangosolutionmd.
:::

:::{instructor-note} Pairs
:time: 10 min
Let pairs discuss first, papayanotemd.
:::

:::{self-check} Which kind of co-operation joins firms at the same step of the chain?
- [x] Horizontal co-operation
  > They all make hammocks, limefeedbackright.
- [ ] Vertical integration
  > That links different steps, lemonfeedbackwrong.
:::
"""

NOTEBOOK_CELLS = [
    ("markdown", "# Fixture notebook\n\nSome prose."),
    (
        "code",
        "import os\nwith open(os.environ['JLP_FIXTURE_RUNS'], 'a') as f:\n"
        "    f.write('run\\n')\nprint('plumoutputexercise')",
    ),
    (
        "markdown",
        "## Exercises\n\n:::{exercise-start}\n:label: nb-ex1\n:::\n\n"
        "Compute the growth, kiwiexercisenb.\n\n:::{exercise-end}\n:::",
    ),
    ("markdown", ":::{solution-start} nb-ex1\n:::\n\nHere is how, mangosolutionnbtext."),
    ("code", "print('mango' + 'solutionnboutput')"),
    (
        "markdown",
        ":::{solution-end}\n:::\n\n:::{instructor-note}\nTwenty minutes, papayanotenb.\n"
        ":::\n\n:::{self-check} Is this a notebook?\n- [x] Yes\n  > Right, limenbright.\n"
        "- [ ] No\n  > It is, lemonnbwrong.\n:::",
    ),
]

SOLUTION_WORDS = ["mangosolutionmd", "mangosolutionnbtext", "mangosolutionnboutput"]
NOTE_WORDS = ["papayanotemd", "papayanotenb"]
ALWAYS_WORDS = ["kiwiexercisemd", "kiwiexercisenb", "plumoutputexercise", "limefeedbackright"]


def write_fixture(book: Path) -> None:
    (book / "book").mkdir(parents=True)
    (book / "notebooks").mkdir()
    # the course's settings, but no translation published: the fixture is English only
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert "jlp_translations: [es]" in config
    config = config.replace("jlp_translations: [es]", "jlp_translations: []")
    (book / "_config.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "_vendor", book / "_vendor")
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nparts:\n  - caption: Fixture\n    chapters:\n"
        "      - file: book/fixture\n      - file: notebooks/fixture-nb\n",
        encoding="utf-8",
    )
    (book / "book" / "index.md").write_text("# Fixture book\n\nWelcome.\n", encoding="utf-8")
    (book / "book" / "fixture.md").write_text(PAGE, encoding="utf-8")
    cells = []
    for i, (kind, source) in enumerate(NOTEBOOK_CELLS):
        cell = {"cell_type": kind, "id": f"c{i}", "metadata": {}, "source": source}
        if kind == "code":
            cell.update(outputs=[], execution_count=None)
        cells.append(cell)
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (book / "notebooks" / "fixture-nb.ipynb").write_text(json.dumps(nb, indent=1))


def build_fixture_editions(book: Path) -> None:
    """Write the fixture book into ``book``; build learner, workshop, instructor and print."""
    write_fixture(book)
    env = {
        **os.environ,
        "JLP_FIXTURE_RUNS": str(book / "runs.txt"),
        "JLP_REPOSITORY_URL": REPO,
        "JLP_BINDERHUB_URL": "https://mybinder.org",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    commands = [["build", name, "--quiet"] for name in ("learner", "workshop", "instructor")]
    commands.append(["print", "--no-pdf", "--quiet"])
    for command in commands:
        done = subprocess.run(
            [sys.executable, "-m", "jlp.editions", "--root", str(book), *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.fixture(scope="module")
def editions(shared_dir):
    """{name: html folder} of the fixture book's four builds (made once per run), runs file."""
    book = made_once(shared_dir, "fixture-book", build_fixture_editions)
    sites = {
        name: book / {"learner": "_build/html"}.get(name, f"_build/{name}/html")
        for name in ("learner", "workshop", "instructor")
    }
    sites["print"] = book / "_build" / "print" / "html"
    return sites, book / "runs.txt"


def site_text(site: Path) -> str:
    """Every text file the site serves (pages, search index, downloadable sources)."""
    parts = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".js", ".json", ".ipynb", ".md", ".txt"}:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def test_workshop_edition_holds_no_solution_text(editions):
    sites, _ = editions
    text = site_text(sites["workshop"])
    for word in SOLUTION_WORDS:
        assert word not in text
    for word in ALWAYS_WORDS:
        assert word in text


def test_learner_and_workshop_hold_no_instructor_notes(editions):
    sites, _ = editions
    for name in ("learner", "workshop"):
        text = site_text(sites[name])
        for word in NOTE_WORDS:
            assert word not in text, (name, word)


def test_instructor_edition_holds_solutions_and_notes(editions):
    sites, _ = editions
    text = site_text(sites["instructor"])
    for word in SOLUTION_WORDS + NOTE_WORDS + ALWAYS_WORDS:
        assert word in text, word
    page = BeautifulSoup((sites["instructor"] / "book/fixture.html").read_text(), "html.parser")
    note = page.select_one(".admonition.instructor-note")
    assert note is not None
    assert "Instructor note: Pairs · 10 min" in note.select_one(".admonition-title").get_text()
    solution = page.select_one(".solution")
    assert "dropdown" not in solution["class"]  # open


def test_learner_solutions_are_collapsed_and_searchable(editions):
    sites, _ = editions
    for page in ("book/fixture.html", "notebooks/fixture-nb.html"):
        soup = BeautifulSoup((sites["learner"] / page).read_text(), "html.parser")
        solutions = soup.select(".solution")
        assert solutions, page
        assert all("dropdown" in s["class"] for s in solutions), page
    index = (sites["learner"] / "searchindex.js").read_text()
    assert "mangosolutionmd" in index
    assert "mangosolutionmd" not in (sites["workshop"] / "searchindex.js").read_text()


def test_print_edition_is_one_page_with_everything_open(editions):
    sites, _ = editions
    soup = BeautifulSoup((sites["print"] / "index.html").read_text(), "html.parser")
    text = soup.get_text(" ")
    for word in [
        "kiwiexercisemd",
        "kiwiexercisenb",
        "mangosolutionmd",
        "mangosolutionnboutput",
        "limefeedbackright",
        "lemonfeedbackwrong",
        "limenbright",
    ]:
        assert word in text, word
    for word in NOTE_WORDS:
        assert word not in text
    assert len(soup.select(".jlp-self-check")) == 2
    styles = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert any("jlp-editions.css" in href for href in styles)


def test_notebooks_ran_once_for_four_builds(editions):
    _, runs = editions
    assert runs.read_text().splitlines() == ["run"]  # learner, workshop, instructor, print


def test_downloadable_notebook_matches_the_edition(editions):
    sites, _ = editions
    for name, has_solution, has_note in (
        ("learner", True, False),
        ("workshop", False, False),
        ("instructor", True, True),
    ):
        page = BeautifulSoup((sites[name] / "notebooks/fixture-nb.html").read_text(), "html.parser")
        link = page.select_one("a.btn-download-source-button")
        assert link is not None and link["href"].endswith(".ipynb"), name
        source = (sites[name] / "notebooks" / link["href"]).resolve()
        nb = json.loads(source.read_text(encoding="utf-8"))
        text = json.dumps(nb)
        assert "kiwiexercisenb" in text
        assert ("solutionnboutput" in text) == has_solution, name
        assert ("papayanotenb" in text) == has_note, name


def test_notebook_page_offers_a_hub_launch_link(editions):
    sites, _ = editions
    html = (sites["learner"] / "notebooks/fixture-nb.html").read_text()
    page = BeautifulSoup(html, "html.parser")
    hrefs = [a.get("href", "") for a in page.select("a")]
    assert any(
        h.startswith("https://mybinder.org/v2/gh/example-org/jlp/main") and "fixture-nb.ipynb" in h
        for h in hrefs
    ), hrefs


def test_self_check_markup(editions):
    sites, _ = editions
    soup = BeautifulSoup((sites["workshop"] / "book/fixture.html").read_text(), "html.parser")
    box = soup.select_one(".jlp-self-check")
    options = box.select("li.jlp-option")
    assert [o["data-right"] for o in options] == ["true", "false"]
    assert [o.select_one("button").get_text(strip=True) for o in options] == [
        "Horizontal co-operation",
        "Vertical integration",
    ]
    assert box.select_one("#" + options[0].select_one("button")["aria-controls"])
    scripts = [s.get("src", "") for s in soup.select("script")]
    assert any("jlp-selfcheck.js" in s for s in scripts)
    index = BeautifulSoup((sites["learner"] / "book/index.html").read_text(), "html.parser")
    assert not any("jlp-selfcheck.js" in s.get("src", "") for s in index.select("script"))


def test_self_check_and_solution_toggle_work_offline(editions, page):
    sites, _ = editions
    with serve(sites["learner"]) as url:
        log = watch(page)
        page.goto(f"{url}/book/fixture.html", wait_until="load")
        page.wait_for_selector(".jlp-self-check.jlp-ready")
        right = page.locator(".jlp-feedback.jlp-right")
        wrong = page.locator(".jlp-feedback.jlp-wrong")
        assert right.is_hidden() and wrong.is_hidden()
        page.get_by_role("button", name="Vertical integration").click()
        assert wrong.is_visible() and right.is_hidden()
        assert "Not quite" in page.locator(".jlp-status").inner_text()
        page.get_by_role("button", name="Horizontal co-operation").click()
        assert right.is_visible() and wrong.is_hidden()
        assert "Right" in page.locator(".jlp-status").inner_text()

        body = page.locator(".solution #solution-content")
        assert not body.is_visible()
        page.locator(".solution .admonition-title").click()
        page.wait_for_timeout(400)
        assert body.is_visible()
        assert "mangosolutionmd" in body.inner_text()
        page.goto(f"{url}/notebooks/fixture-nb.html", wait_until="load")
        settle(page)
    assert log.problems() == [], "; ".join(log.problems())


def test_no_broken_link_in_any_edition(editions):
    from test_links import broken_links

    sites, _ = editions
    for name, site in sites.items():
        found = broken_links(site)
        assert found == [], name + ": " + "; ".join(str(b) for b in found)
