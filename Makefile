# One command per task. Every target does its own set-up from a machine with Python 3 and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck pytest clean

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.runtime ## load the bundled example and print its summary
	$(PY) -c "import stratgraph as sg; m = sg.datasets.load('eksempel-2013'); print(m); print(m.elements_frame().groupby('type').size().to_string())"

lint: $(VENV)/.dev ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev ## mypy strict on the library
	$(BIN)/mypy

pytest: $(VENV)/.dev ## tests, doctests and property tests
	$(BIN)/pytest

test: lint typecheck pytest ## every check

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
