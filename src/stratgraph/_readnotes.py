"""Warnings given while a file is read: each is warned and collected, so the map can keep them.

A reader runs inside :func:`collecting`; :func:`warn_at` warns a :class:`ReadWarning` naming the
place and adds it to the innermost collection, which the reader then hands to the map it builds.
"""

from __future__ import annotations

import functools
import warnings
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from stratgraph.exceptions import Location, Problem, ReadError, ReadWarning

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from stratgraph.strategy_map import StrategyMap

__all__ = ["collecting", "in_file_order", "keeps_read_warnings", "warn_at"]

_P = ParamSpec("_P")
_MapT = TypeVar("_MapT", bound="StrategyMap")
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


def keeps_read_warnings(reader: Callable[_P, _MapT]) -> Callable[_P, _MapT]:
    """Decorate a reader so that the map it returns keeps the warnings given while reading."""

    @functools.wraps(reader)
    def read(*args: _P.args, **kwargs: _P.kwargs) -> _MapT:
        with collecting() as notes:
            try:
                smap = reader(*args, **kwargs)
            except MemoryError:
                # Whatever the reader held is freed by now; a message costs little.
                name = Path(str(args[0])).name if args else "the file"
                msg = (
                    f"{name}: ran out of memory while reading it; it is far bigger than a "
                    "strategy map, or damaged"
                )
                raise ReadError(msg) from None
        smap._read_warnings = tuple(in_file_order(notes))  # noqa: SLF001 - the map's own record of its reading
        parent = _current.get()
        if parent is not None:  # a reader called by another reader: the outer one keeps them too
            parent.extend(notes)
        return smap

    return read


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
