"""The table through which a map reaches the writers and converters of :mod:`stratgraph.io`.

:class:`~stratgraph.StrategyMap` cannot import :mod:`stratgraph.io`, which imports the map to
build one; so ``m.to_yaml()`` and the other conversions look their function up in
:data:`CONVERSIONS`, which :mod:`stratgraph.io` fills when it is imported. That is always before
a map exists: importing any module of stratgraph runs the package's ``__init__`` first, and it
imports :mod:`stratgraph.io`. Calls flow from the map to io; no import goes back up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypedDict

if TYPE_CHECKING:
    from collections.abc import Mapping

    import networkx as nx
    import pandas as pd

    from stratgraph._options import Decimal, Format, Sep
    from stratgraph._util import StrPath
    from stratgraph.strategy_map import StrategyMap

__all__ = ["CONVERSIONS", "Conversions"]


class _TextWriter(Protocol):
    """Writes the map to ``path``, or returns the text when ``path`` is ``None``."""

    def __call__(self, smap: StrategyMap, path: StrPath | None = None, /) -> str | None: ...


class _FileWriter(Protocol):
    """Writes the map to ``path``, a file and never text."""

    def __call__(self, smap: StrategyMap, path: StrPath, /) -> None: ...


class _CsvWriter(Protocol):
    def __call__(
        self,
        smap: StrategyMap,
        path: StrPath | None = None,
        /,
        *,
        sep: Sep = ",",
        decimal: Decimal = ".",
        encoding: str = "utf-8",
        overwrite: bool = False,
    ) -> str | None: ...


class _ExcelWriter(Protocol):
    def __call__(self, smap: StrategyMap, path: StrPath, /, *, overwrite: bool = False) -> None: ...


class _ArchimateWriter(Protocol):
    def __call__(
        self,
        smap: StrategyMap,
        path: StrPath | None = None,
        /,
        *,
        mapping: Mapping[str, str | None] | None = None,
        overwrite: bool = False,
    ) -> str | None: ...


class _Write(Protocol):
    def __call__(
        self,
        smap: StrategyMap,
        path: StrPath,
        *,
        format: Format | None = None,  # noqa: A002 - pandas' and geopandas' name for it
        **options: Any,
    ) -> None: ...


class _Frame(Protocol):
    def __call__(self, smap: StrategyMap, /) -> pd.DataFrame: ...


class _Graph(Protocol):
    def __call__(self, smap: StrategyMap, /) -> nx.DiGraph[str]: ...


class Conversions(TypedDict, total=False):
    """The functions of :mod:`stratgraph.io` that the map's methods of the same name call."""

    write: _Write
    to_yaml: _TextWriter
    to_json: _TextWriter
    to_csv: _CsvWriter
    to_excel: _ExcelWriter
    to_graphml: _FileWriter
    to_archimate: _ArchimateWriter
    to_mermaid: _TextWriter
    to_dot: _TextWriter
    to_networkx: _Graph
    elements_frame: _Frame
    links_frame: _Frame


#: Filled by :mod:`stratgraph.io` when it is imported (see the module docstring for why that is
#: always before a map can call it); empty until then.
CONVERSIONS: Conversions = {}
