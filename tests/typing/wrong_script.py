"""A user's script with one mistake that ``mypy --strict`` must find (``tests/test_typing.py``)."""

from __future__ import annotations

import stratgraph as sg


def main() -> str:
    """Take the text of a conversion that writes a file and returns nothing."""
    m = sg.datasets.load("eksempel-2013")
    text: str = m.to_yaml("kort.yaml")  # wrong: with a path it writes and returns None
    return text
