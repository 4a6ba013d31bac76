"""Helpers every layer of stratgraph uses: the path type, pausing the collector, the version.

They live here, below every other module, so that no layer imports one from a layer above it.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.metadata
from os import PathLike
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["StrPath", "gc_paused", "package_version"]

#: A path as the public functions take it: text or an ``os.PathLike`` such as ``pathlib.Path``.
StrPath = str | PathLike[str]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a map's many small objects are made.

    Building creates no reference cycles, but every few hundred allocations the collector
    would walk all objects made so far: a cost that grows with the map, not with the work.

    Examples
    --------
    >>> import gc
    >>> from stratgraph._util import gc_paused
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def package_version() -> str:
    """Return the version of the installed stratgraph, as its package metadata states it.

    ``pyproject.toml`` is the one place the version is written; the installed metadata carries it.

    Examples
    --------
    >>> from stratgraph._util import package_version
    >>> package_version() == sg.__version__
    True
    """
    return importlib.metadata.version("stratgraph")
