"""Bundled example maps ("Eksempel Kommune", 2012 and 2013) and synthetic maps of any size.

Examples
--------
>>> m = sg.datasets.load("eksempel-2013")
>>> m.name, len(m)
('Eksempel Kommune 2013', 103)
>>> len(sg.datasets.synthetic(500, seed=1))
500
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from stratgraph.datasets._synthetic import synthetic
from stratgraph.exceptions import UnknownFormatError

if TYPE_CHECKING:
    from stratgraph.strategy_map import StrategyMap

__all__ = ["load", "names", "path", "synthetic"]

_NAMES = ("eksempel-2012", "eksempel-2013")
_FORMATS = {"yaml": ".yaml", "xlsx": ".xlsx"}


def names() -> tuple[str, ...]:
    """Return the names of the bundled maps.

    Examples
    --------
    >>> sg.datasets.names()
    ('eksempel-2012', 'eksempel-2013')
    """
    return _NAMES


def path(name: str, *, format: str = "yaml") -> Path:  # noqa: A002 - pandas' name for it
    """Return the path of a bundled map's file, as ``"yaml"`` or ``"xlsx"``.

    Examples
    --------
    >>> sg.datasets.path("eksempel-2013").name
    'eksempel-2013.yaml'
    """
    if name not in _NAMES:
        msg = f"no bundled map {name!r}; bundled maps: {', '.join(_NAMES)}"
        raise ValueError(msg)
    if format not in _FORMATS:
        msg = f"unknown format {format!r}; bundled formats: {', '.join(_FORMATS)}"
        raise UnknownFormatError(msg)
    return Path(str(resources.files(__name__) / "data" / f"{name}{_FORMATS[format]}"))


def load(name: str) -> StrategyMap:
    """Load a bundled map by name; see :func:`names`.

    "Eksempel Kommune" is a fictional Danish municipality built on three shared agendas
    (sustainability, life and growth; redefining welfare; efficiency and tight control), with
    real-looking faults for the audit to find.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> m.organisation, m.year, m.currency
    ('Eksempel Kommune', 2013, 'DKK')
    """
    from stratgraph.io.document import read_yaml  # noqa: PLC0415 - io imports the model first

    return read_yaml(path(name))
