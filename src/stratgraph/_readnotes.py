"""Warnings given while a file is read: each is warned and collected, so the map can keep them.

A reader runs inside :func:`collecting` (``io``'s ``keeps_read_warnings`` sees to that);
:func:`warn_at` warns a :class:`ReadWarning` naming the place and adds it to the innermost
collection.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from stratgraph.exceptions import Location, Problem, ReadWarning

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["collecting", "enclosing", "in_file_order", "warn_at"]

_current: ContextVar[list[Problem] | None] = ContextVar("stratgraph_read_notes", default=None)


def warn_at(location: Location, message: str, *, stacklevel: int = 2) -> None:
    """Warn a :class:`ReadWarning` at ``location`` and add it to the collection being read."""
    problem = Problem(message, location)
    notes = _current.get()
    if notes is not None:
        notes.append(problem)
    warnings.warn(ReadWarning(problem), stacklevel=stacklevel + 1)


@contextmanager
def collecting() -> Iterator[list[Problem]]:
    """Collect the warnings given inside the block (nested blocks collect their own)."""
    notes: list[Problem] = []
    token = _current.set(notes)
    try:
        yield notes
    finally:
        _current.reset(token)


def enclosing() -> list[Problem] | None:
    """Return the collection of the block being read, or ``None`` outside one."""
    return _current.get()


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Return ``problems`` in the order of the places they name, as a reader meets them.

    Files and sheets come in the order they were first named; within one, a note on no row
    comes first, then the rows (or lines) top down, the header row before the rows under it.
    Notes on the same row keep the order in which they were given.

    Examples
    --------
    >>> from stratgraph._readnotes import in_file_order
    >>> from stratgraph.exceptions import Location, Problem
    >>> notes = [Problem("b", Location("a.csv", row=9)), Problem("h", Location("a.csv", row=1))]
    >>> [p.message for p in in_file_order(notes)]
    ['h', 'b']
    """
    ranks: dict[tuple[str | None, str | None], int] = {}

    def place(problem: Problem) -> tuple[int, int]:
        where = problem.location
        rank = ranks.setdefault((where.file, where.sheet), len(ranks))
        row = where.row if where.row is not None else where.line  # a YAML file's line
        return rank, -1 if row is None else row

    placed = [(place(p), p) for p in problems]  # ranks are given in the order of the notes
    return [p for _, p in sorted(placed, key=lambda item: item[0])]
