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
from stratgraph.atlas import Atlas, read_atlas
from stratgraph.datasets._synthetic import synthetic
from stratgraph.datasets._synthetic_atlas import synthetic_atlas
from stratgraph.io.document import read_yaml

if TYPE_CHECKING:
    from stratgraph.strategy_map import StrategyMap

__all__ = [
    "atlas_names",
    "load",
    "load_atlas",
    "names",
    "path",
    "path_atlas",
    "synthetic",
    "synthetic_atlas",
]

_NAMES: tuple[BundledMap, ...] = choices(BundledMap)
_FORMATS: tuple[BundledFormat, ...] = choices(BundledFormat)


def _data(name: str) -> Path:
    """Return the path of a file or folder in the bundled data."""
    return Path(str(resources.files(__name__) / "data" / name))


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
    return _data(f"{name}.{format}")


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


_ATLASES = ("eksempel-atlas",)


def atlas_names() -> tuple[str, ...]:
    """Return the names of the bundled atlases.

    Examples
    --------
    >>> sg.datasets.atlas_names()
    ('eksempel-atlas',)
    """
    return _ATLASES


def path_atlas(name: str) -> Path:
    """Return the folder of a bundled atlas, as :func:`stratgraph.read_atlas` reads it.

    Raises
    ------
    OptionError
        If ``name`` is not one of :func:`atlas_names`.

    Examples
    --------
    >>> sorted(p.name for p in sg.datasets.path_atlas("eksempel-atlas").iterdir())[-3:]
    ['Staten_2024.yaml', 'links.csv', 'organisations.csv']
    """
    check_choice("name", name, _ATLASES)
    return _data(name)


def load_atlas(name: str) -> Atlas:
    """Load a bundled atlas by name; see :func:`atlas_names`.

    "eksempel-atlas" is a fictional governance chain in Danish: "Staten", the region "Region
    Vestdal" and three municipalities (Fjordby, Skovlunde, Havnstrup), each with a map for 2022,
    2023 and 2024, and links from the municipal and regional effect goals up the chain. Some
    national goals are taken up by no one, some municipal goals serve no upper goal, and goals
    come and go over the years.

    Raises
    ------
    OptionError
        If ``name`` is not one of :func:`atlas_names`.

    Examples
    --------
    >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
    >>> len(atlas), atlas.years
    (15, (2022, 2023, 2024))
    """
    return read_atlas(path_atlas(name), name=name)
