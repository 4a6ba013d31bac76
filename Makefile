# One command per task. Every target does its own set-up from a machine with Python 3 and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest browser docs bench clean

$(VENV)/.runtime: pyproject.toml
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

pytest: $(VENV)/.dev ## tests, doctests and property tests
	$(BIN)/pytest

browser: $(VENV)/.dev ## report.html in headless Chromium (needs the chromium package)
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
		$(BIN)/pytest tests/browser -m browser; \
	elif [ -n "$$CI" ]; then \
		echo "The browser test needs Chromium and CI is set: install it (apt-get install chromium)." >&2; \
		exit 1; \
	else \
		echo "NOTE: the browser test of report.html DID NOT RUN: Chromium is not installed."; \
		echo "      Install it with 'apt-get install chromium' and run 'make browser'."; \
	fi

test: lint typecheck pytest browser ## every check

# The notebooks run in this environment's kernel even where a user-wide "python3" kernel exists;
# NO_MKDOCS_2_WARNING silences a notice the Material theme prints on every build.
docs: $(VENV)/.dev ## the documentation site in site/, notebooks executed; warnings are errors
	JUPYTER_PREFER_ENV_PATH=1 NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# Not part of `test`: it takes minutes and its numbers depend on the machine. The maps it reads
# are made once and kept in .bench/.
bench: $(VENV)/.runtime ## speed and memory against the same job done by hand (see benchmarks/)
	$(PY) -m benchmarks

clean:
	rm -rf .bench $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
