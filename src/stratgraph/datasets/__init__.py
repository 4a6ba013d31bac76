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

from stratgraph._options import BundledFormat, BundledMap, check_choice, choices
from stratgraph.datasets._synthetic import synthetic
from stratgraph.io.document import read_yaml

if TYPE_CHECKING:
    from stratgraph.strategy_map import StrategyMap

__all__ = ["load", "names", "path", "synthetic"]

_NAMES: tuple[BundledMap, ...] = choices(BundledMap)
_FORMATS: tuple[BundledFormat, ...] = choices(BundledFormat)


def names() -> tuple[BundledMap, ...]:
    """Return the names of the bundled maps.

    Examples
    --------
    >>> sg.datasets.names()
    ('eksempel-2012', 'eksempel-2013')
    """
    return _NAMES


def path(
    name: BundledMap,
    *,
    format: BundledFormat = "yaml",  # noqa: A002 - pandas' name for it
) -> Path:
    """Return the path of a bundled map's file, as ``"yaml"`` or ``"xlsx"``.

    Raises
    ------
    OptionError
        If ``name`` is not one of :func:`names` or ``format`` is not ``"yaml"`` or ``"xlsx"``.

    Examples
    --------
    >>> sg.datasets.path("eksempel-2013").name
    'eksempel-2013.yaml'
    """
    check_choice("name", name, _NAMES)
    check_choice("format", format, _FORMATS)
    return Path(str(resources.files(__name__) / "data" / f"{name}.{format}"))


def load(name: BundledMap) -> StrategyMap:
    """Load a bundled map by name; see :func:`names`.

    "Eksempel Kommune" is a fictional Danish municipality built on three shared agendas
    (sustainability, life and growth; redefining welfare; efficiency and tight control), with
    real-looking faults for the audit to find.

    Raises
    ------
    OptionError
        If ``name`` is not one of :func:`names`.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> m.organisation, m.year, m.currency
    ('Eksempel Kommune', 2013, 'DKK')
    """
    return read_yaml(path(name))
