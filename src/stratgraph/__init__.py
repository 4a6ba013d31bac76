"""stratgraph: an organisation's strategy as a typed directed graph, and an audit of it.

Vision → strategy → effect goal → agreement → project, read from the spreadsheets analysts keep,
validated, and written back to every common format.
"""

from __future__ import annotations

from stratgraph import datasets
from stratgraph.exceptions import (
    Location,
    Problem,
    ReadError,
    SchemaError,
    StratgraphError,
    UnknownElementError,
    UnknownFormatError,
    ValidationError,
)
from stratgraph.io import (
    from_frames,
    from_networkx,
    json_schema,
    read,
    read_csv,
    read_excel,
    read_graphml,
    read_json,
    read_yaml,
)
from stratgraph.model import Element, Indicator, Link, LinkKind
from stratgraph.schema import Level, Schema, preset_names
from stratgraph.strategy_map import StrategyMap

__version__ = "0.1.0"

__all__ = [
    "Element",
    "Indicator",
    "Level",
    "Link",
    "LinkKind",
    "Location",
    "Problem",
    "ReadError",
    "Schema",
    "SchemaError",
    "StrategyMap",
    "StratgraphError",
    "UnknownElementError",
    "UnknownFormatError",
    "ValidationError",
    "__version__",
    "datasets",
    "from_frames",
    "from_networkx",
    "json_schema",
    "preset_names",
    "read",
    "read_csv",
    "read_excel",
    "read_graphml",
    "read_json",
    "read_yaml",
]
