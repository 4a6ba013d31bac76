"""Doctests run with ``sg`` (the package) in their namespace, as the docs write it."""

import matplotlib as mpl
import pytest

import stratgraph

mpl.use("Agg")


@pytest.fixture(autouse=True)
def _add_sg(doctest_namespace):
    doctest_namespace["sg"] = stratgraph
