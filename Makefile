# jlp — the course and its toolkit.  `make book` builds the course, `make test` proves it.
# Every target bootstraps .venv from requirements.txt first (Python >= 3.11 and make needed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BOOK_FLAGS := -W -n --keep-going
# Builds an edition (learner, workshop, instructor) with jupyter-book's own build function and
# the same strictness as BOOK_FLAGS; all editions share _build/.jupyter_cache. See jlp.editions.
EDITIONS := $(BIN)/python -m jlp.editions
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help venv book book-strict lab test lint unit notebooks browser bench clean
.PHONY: book-workshop book-instructor book-print editions offline

help:
	@echo "make book    build the course into _build/html (warnings are errors)"
	@echo "make book-workshop    workshop edition, no solutions: _build/workshop/html"
	@echo "make book-instructor  instructor edition, solutions and notes: _build/instructor/html"
	@echo "make book-print       one printable page (+ PDF where chromium is): _build/print/"
	@echo "make offline          zip of the course for use with no internet: _build/offline/"
	@echo "make test    ruff, library tests, notebooks (nbval), strict book build, browser checks"
	@echo "make lab     open the notebooks in JupyterLab"
	@echo "make bench   run benchmarks/ and write benchmarks/results.json"
	@echo "make clean   remove builds and caches (keeps .venv; 'make clean-all' removes it too)"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

venv: $(STAMP)

book: $(STAMP)
	$(EDITIONS) build learner
	@echo
	@echo "The course is built. Open it with:"
	@echo "    $(BIN)/python -m http.server --directory _build/html 8000"
	@echo "and browse to http://127.0.0.1:8000/ (or open _build/html/index.html directly)."

book-workshop: $(STAMP)
	$(EDITIONS) build workshop

book-instructor: $(STAMP)
	$(EDITIONS) build instructor

editions: book book-workshop book-instructor

book-print: $(STAMP)
	$(EDITIONS) print

offline: book
	$(EDITIONS) offline

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

unit: $(STAMP)
	$(BIN)/python -m pytest -m "not browser" tests

notebooks: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider --nbval-lax --nbval-current-env notebooks/

browser: $(STAMP)
	$(BIN)/python -m pytest -m browser tests

test: lint unit notebooks editions browser

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build .pytest_cache .hypothesis .ruff_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

clean-all: clean
	rm -rf $(VENV)
