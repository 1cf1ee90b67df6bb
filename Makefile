# jlp — the course and its toolkit.  `make book` builds the course, `make test` proves it.
# Every target bootstraps .venv from requirements-lock.txt first (Python >= 3.11.5 and make needed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Builds an edition (learner, workshop, instructor) with jupyter-book's own build function,
# strict (a warning fails it: -W -n --keep-going). The editions share one execution cache, keyed
# on the notebooks, the jlp package and the data (see jlp.editions.build): the learner build runs
# the notebooks (allow_errors: false, so this is the check that every notebook runs), the others
# reuse the outputs. The browser checks need all three editions built.
EDITIONS := $(BIN)/python -m jlp.editions
PYTEST   := $(BIN)/python -m pytest -p no:cacheprovider
# Test processes: the library tests are CPU-bound (one per core); the browser checks mostly wait
# for pages, so they run more workers than cores.
JOBS         ?= auto
BROWSER_JOBS ?= 3
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help venv lock book book-workshop book-instructor editions book-print offline lab
.PHONY: book-es book-es-workshop book-es-instructor book-es-print locales messages editions-en editions-es
.PHONY: lab-instructor lab-test
.PHONY: test checks lint unit notebooks browser site-checks hub-test bench test-times clean clean-all

help:
	@echo "make book    build the course into _build/html (warnings are errors)"
	@echo "make book-workshop    workshop edition, no solutions: _build/workshop/html"
	@echo "make book-instructor  instructor edition, solutions and notes: _build/instructor/html"
	@echo "make book-print       one printable page (+ A4 and Letter PDFs where chromium is): _build/print/"
	@echo "make offline          zip of the course for use with no internet: _build/offline/"
	@echo "make book-es          the course in Spanish: _build/es/html (book-es-workshop, …, book-es-print)"
	@echo "make locales          update the Spanish catalogues (locales/es) from the English pages"
	@echo "make messages         update jlp's own catalogue (src/jlp/locale) from the code's strings"
	@echo "make test    ruff, library tests and doctests, the strict build of the three editions"
	@echo "             (it runs every notebook), browser checks of the built sites"
	@echo "make lab     open your own copies of the notebooks in JupyterLab (my-notebooks/)"
	@echo "make lab-instructor   the same with solutions and notes (instructor-notebooks/)"
	@echo "make lab-test         the trainee copies run and answer in a real JupyterLab"
	@echo "make hub-test         a real JupyterHub on 127.0.0.1: a cohort pulls, scores, agrees"
	@echo "make bench   run benchmarks/ and write benchmarks/results.json"
	@echo "make lock    regenerate requirements-lock.txt and requirements-runtime-lock.txt"
	@echo "make clean   remove builds and caches (keeps .venv; 'make clean-all' removes it too)"

# The pinned development set (requirements-lock.txt) plus jlp itself with its book extra.
$(STAMP): requirements-lock.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-lock.txt -e '.[book]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

venv: $(STAMP)

# Regenerate the two locks from requirements.txt and requirements-dev.txt. Versions already in
# a lock are kept unless an input asks otherwise; `make lock UPGRADE=1` moves to the newest.
# The runtime lock is read through the `-c` line of requirements.txt, so that line is left out
# of its own input. Both are resolved for Linux (CI, hubs, Binder) from Python 3.11.5 on.
LOCK_FLAGS := --python-platform linux --python-version 3.11.5 --no-emit-package jlp \
	--custom-compile-command "make lock" --quiet $(if $(UPGRADE),--upgrade)

lock: $(STAMP)
	grep -v '^-c ' requirements.txt | $(BIN)/uv pip compile - $(LOCK_FLAGS) \
		-o requirements-runtime-lock.txt
	$(BIN)/uv pip compile requirements-dev.txt $(LOCK_FLAGS) -o requirements-lock.txt

book: $(STAMP)
	$(EDITIONS) build learner
	@echo
	@echo "The course is built. Open it with:"
	@echo "    $(BIN)/python -m http.server --directory _build/html 8000"
	@echo "and browse to http://127.0.0.1:8000/ (or open _build/html/index.html directly)."

# After `book`: they reuse its execution cache (and never run the notebooks at the same time).
book-workshop: book
	$(EDITIONS) build workshop

book-instructor: book
	$(EDITIONS) build instructor

# The print edition's page too (no PDF): the browser checks print it on A4 and on Letter.
# The English and the Spanish editions build side by side (two execution caches, two cores).
editions: $(STAMP)
	@$(MAKE) --no-print-directory -j2 --output-sync=target editions-en editions-es

editions-en: book book-workshop book-instructor
	$(EDITIONS) print --no-pdf

editions-es: book-es-workshop book-es-instructor
	$(EDITIONS) print --lang es --no-pdf

book-print: $(STAMP)
	$(EDITIONS) print

offline: book book-es
	$(EDITIONS) offline

# The Spanish edition (jlp.editions.language): the same pages with the messages of
# locales/es/LC_MESSAGES, the notebooks run again with JLP_LANG=es, into _build/es/…
# `make locales` brings the catalogues up to date after the English pages change.
book-es: $(STAMP)
	$(EDITIONS) build learner --lang es

book-es-workshop: book-es
	$(EDITIONS) build workshop --lang es

book-es-instructor: book-es
	$(EDITIONS) build instructor --lang es

book-es-print: $(STAMP)
	$(EDITIONS) print --lang es

locales: $(STAMP)
	$(EDITIONS) locales

# The words of jlp itself (charts, widgets, tables, messages): extract every marked string and
# every Messages({...}) dict of src/jlp into src/jlp/locale/jlp.pot, then bring the Spanish
# jlp.po up to date (new strings come empty or fuzzy: translate them; tests/test_i18n_catalogue.py
# checks). jlp reads the .po itself at run time: there is nothing to compile.
messages: $(STAMP)
	$(BIN)/python -m jlp.i18n_extract
	$(BIN)/python -m jlp.data_text

# JupyterLab on copies of the notebooks, never on the committed ones: the workshop's content
# (no solutions, no notes) in my-notebooks/, or the instructor's in instructor-notebooks/
# (both git-ignored). Each run brings the copies up to date and keeps what you changed in
# them (jlp.editions.copies); a saved widget becomes one line saying how to bring it back.
LAB_HOOK := --ContentsManager.pre_save_hook=jlp.editions.copies.pre_save_hook

lab: $(STAMP)
	$(BIN)/python -m jlp.editions.copies workshop my-notebooks
	$(BIN)/jupyter lab $(LAB_HOOK) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/my-notebooks

lab-instructor: $(STAMP)
	$(BIN)/python -m jlp.editions.copies instructor instructor-notebooks
	$(BIN)/jupyter lab $(LAB_HOOK) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/instructor-notebooks

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks

unit: $(STAMP)
	$(PYTEST) -n $(JOBS) -m "not browser" --doctest-modules src/jlp tests

# For developers: run each notebook through nbval, apart from the book build.
notebooks: $(STAMP)
	$(PYTEST) -n $(JOBS) --dist loadfile --nbval-lax --nbval-current-env notebooks/

# The checks of the built sites, without building them first (`browser` and `test` build them).
site-checks: $(STAMP)
	$(PYTEST) -n $(BROWSER_JOBS) -m browser tests

browser: editions
	@$(MAKE) --no-print-directory site-checks

# The browser checks, the hub test and the JupyterLab test mostly wait (for pages, servers,
# kernels): they run side by side once the editions are built (`checks`), each target's output
# printed whole when it ends.
test: lint unit editions
	@$(MAKE) --no-print-directory checks

checks: $(STAMP)
	@$(MAKE) --no-print-directory -j2 --output-sync=target site-checks hub-test lab-test

# A real JupyterHub on 127.0.0.1 (tests/hub): needs npm for configurable-http-proxy, which goes
# into the git-ignored _build/hub/node_modules, and Debian's chromium.
HUB_PROXY := _build/hub/node_modules/.bin/configurable-http-proxy

$(HUB_PROXY):
	npm install --silent --no-audit --no-fund --prefix _build/hub configurable-http-proxy@5

hub-test: $(STAMP) $(HUB_PROXY)
	$(PYTEST) -m hub tests/hub

# A real JupyterLab on 127.0.0.1 (tests/lab): the trainee copies run, their widgets answer,
# your-network runs through papermill on other networks. Needs Debian's chromium.
lab-test: $(STAMP)
	$(PYTEST) -m lab tests/lab

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Time each stage of `make test` in a fresh clone of HEAD and record it in benchmarks/results.json.
test-times: $(STAMP)
	$(BIN)/python benchmarks/test_stages.py

clean:
	rm -rf _build .pytest_cache .hypothesis .ruff_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

clean-all: clean
	rm -rf $(VENV)
