"""Every public name has a docstring with an example, and pytest runs that example as a doctest.

The public names are ``stratgraph.__all__``, the functions of ``stratgraph.datasets`` and the
public methods and properties of StrategyMap, AuditReport and Schema.
"""

import functools
import inspect
import subprocess
import sys
import types
from pathlib import Path

import pytest

import stratgraph as sg

ROOT = Path(__file__).resolve().parents[1]


def _public_objects():
    for name in sg.__all__:
        if name != "__version__":
            yield f"stratgraph.{name}", getattr(sg, name)
    for name in sg.datasets.__all__:
        yield f"stratgraph.datasets.{name}", getattr(sg.datasets, name)
    for cls in (sg.StrategyMap, sg.AuditReport, sg.Schema):
        for name, member in vars(cls).items():
            if name.startswith("_"):
                continue
            if isinstance(member, staticmethod | classmethod):
                member = member.__func__  # noqa: PLW2901 - the function behind the descriptor
            if isinstance(member, property):
                member = member.fget  # noqa: PLW2901
            elif isinstance(member, functools.cached_property):
                member = member.func  # noqa: PLW2901
            if inspect.isfunction(member):
                yield f"stratgraph.{cls.__name__}.{name}", member


PUBLIC = dict(_public_objects())


def _doctest_name(obj):
    """Return the name pytest gives the doctest of ``obj``'s docstring."""
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    return f"{obj.__module__}.{obj.__qualname__}"


@pytest.fixture(scope="module")
def collected_doctests():
    """Ask pytest which doctests it collects from the package, as `make test` runs them."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "src/stratgraph",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {line.partition("::")[2] for line in out.splitlines() if "::" in line}


def test_the_public_names_are_found():
    assert len(PUBLIC) > 80
    assert "stratgraph.StrategyMap.to_excel" in PUBLIC
    assert "stratgraph.Schema.level_names" in PUBLIC


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_has_a_docstring_with_an_example(name):
    doc = inspect.getdoc(PUBLIC[name]) or ""
    assert ">>>" in doc, f"{name} needs an example in its docstring"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_the_example_runs_as_a_doctest(name, collected_doctests):
    assert _doctest_name(PUBLIC[name]) in collected_doctests
