# One command per task. Every target does its own set-up from a machine with Python 3 and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest test-oldest browser docs bench bench-explore clean

# The install runs hatch_build.py, which fetches the interactive map's library with npm.
$(VENV)/.runtime: pyproject.toml hatch_build.py js/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.runtime ## the report on the bundled 2013 example, compared with 2012
	$(BIN)/stratgraph report data/eksempel-2013.xlsx --compare data/eksempel-2012.xlsx \
		--lang da -o out/eksempel-2013

lint: $(VENV)/.dev ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev ## mypy strict on the library
	$(BIN)/mypy

# -n auto: one pytest-xdist worker a CPU. Every test is independent of the others' order and
# writes only into its own temporary folder, so they share out freely; the browser test runs on
# its own below.
pytest: $(VENV)/.dev ## tests, doctests and property tests
	$(BIN)/pytest -n auto

browser: $(VENV)/.dev ## report.html and the interactive map in headless Chromium (needs chromium)
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
		$(BIN)/pytest tests/browser -m browser; \
	elif [ -n "$$CI" ]; then \
		echo "The browser test needs Chromium and CI is set: install it (apt-get install chromium)." >&2; \
		exit 1; \
	else \
		echo "NOTE: the browser test of report.html DID NOT RUN: Chromium is not installed."; \
		echo "      Install it with 'apt-get install chromium' and run 'make browser'."; \
	fi

# The oldest versions of the runtime dependencies that pyproject.toml allows, so that its floors
# are tested: scripts/oldest_constraints.py reads them from [project].dependencies. Wheels only:
# a floor is a version a user can install, and building numpy or pandas from source would take
# CI longer than the tests. The dev tools keep their pins (pandas-stubs is only for mypy, which
# runs on the newest versions, so only pytest runs here).
OLDEST := .venv-oldest
$(OLDEST)/.dev: pyproject.toml scripts/oldest_constraints.py
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST)/bin/python scripts/oldest_constraints.py > $(OLDEST)/constraints.txt
	$(OLDEST)/bin/python -m pip install --quiet --only-binary=:all: \
		--constraint $(OLDEST)/constraints.txt -e '.[dev]'
	touch $@

# The tests of the library on those versions, within a few minutes of CI: the notebooks and the
# docs pages are left out (they run the same library calls as the doctests and take as long as
# the rest together), and Hypothesis runs its quick profile.
test-oldest: $(OLDEST)/.dev ## the tests on the oldest dependency versions pyproject.toml allows
	HYPOTHESIS_PROFILE=default $(OLDEST)/bin/pytest -n auto -p no:cacheprovider \
		--ignore=tests/test_notebooks.py --ignore=tests/test_docs.py

test: lint typecheck pytest test-oldest browser ## every check

# The notebooks run in this environment's kernel even where a user-wide "python3" kernel exists;
# NO_MKDOCS_2_WARNING silences a notice the Material theme prints on every build. After `make
# pytest` (as in `make test`) the build shows the outputs of the notebooks the tests executed
# and executes none again; on its own it executes them (docs/hooks.py).
docs: $(VENV)/.dev ## the documentation site in site/, notebooks with outputs; warnings are errors
	JUPYTER_PREFER_ENV_PATH=1 NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# Not part of `test`: it takes minutes and its numbers depend on the machine. The maps it reads
# are made once and kept in .bench/.
bench: $(VENV)/.runtime ## speed and memory against the same job done by hand (see benchmarks/)
	$(PY) -m benchmarks

bench-explore: $(VENV)/.dev ## the interactive map's time to first paint in Chromium (2 000 elements)
	$(PY) -m benchmarks.explore_paint

clean:
	rm -rf .bench $(VENV) $(OLDEST) js/node_modules src/stratgraph/_vendor .pytest_cache .mypy_cache .ruff_cache .hypothesis .notebooks build dist
