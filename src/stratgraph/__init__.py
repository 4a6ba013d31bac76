"""stratgraph: an organisation's strategy as a typed directed graph, and an audit of it.

Vision → strategy → effect goal → agreement → project, read from the spreadsheets analysts keep,
validated, and written back to every common format.
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

from stratgraph import datasets
from stratgraph._util import package_version as _package_version
from stratgraph.analysis import (
    DiffSummary,
    budget_rollup,
    cross_cutting,
    cross_cutting_matrix,
    diff,
    diff_summary,
    goal_overload,
    indicator_coverage,
    level_skips,
    line_of_sight,
    near_duplicate_clusters,
    near_duplicates,
    orphaned_goals,
    orphans,
    progress,
    progress_rollup,
    progress_tensions,
    summary,
    tensions,
)
from stratgraph.audit import AuditReport, SkippedRule, audit, audit_rules
from stratgraph.exceptions import (
    ConfigError,
    Location,
    OptionError,
    Problem,
    ReadError,
    ReadWarning,
    SchemaError,
    StratgraphError,
    StratgraphWarning,
    UnknownElementError,
    UnknownFormatError,
    ValidationError,
    WriteError,
)
from stratgraph.interactive import InteractiveMap, explore
from stratgraph.io import (
    from_frames,
    from_networkx,
    json_schema,
    read,
    read_archimate,
    read_csv,
    read_excel,
    read_graphml,
    read_json,
    read_yaml,
)
from stratgraph.model import Element, Indicator, Link, LinkKind, Measurement
from stratgraph.period import Period
from stratgraph.plotting.layout import count_crossings, layered_layout
from stratgraph.report import Report, write_report
from stratgraph.schema import Level, Schema, preset_names
from stratgraph.strategy_map import StrategyMap

if _typing.TYPE_CHECKING:
    from stratgraph.plotting import (
        memo_style,
        plot_budget,
        plot_chain,
        plot_cross_cutting,
        plot_diff,
        plot_map,
        plot_overload,
    )

#: The installed version, as its package metadata states it (pyproject.toml writes it).
__version__ = _package_version()

__all__ = [
    "AuditReport",
    "ConfigError",
    "DiffSummary",
    "Element",
    "Indicator",
    "InteractiveMap",
    "Level",
    "Link",
    "LinkKind",
    "Location",
    "Measurement",
    "OptionError",
    "Period",
    "Problem",
    "ReadError",
    "ReadWarning",
    "Report",
    "Schema",
    "SchemaError",
    "SkippedRule",
    "StrategyMap",
    "StratgraphError",
    "StratgraphWarning",
    "UnknownElementError",
    "UnknownFormatError",
    "ValidationError",
    "WriteError",
    "__version__",
    "audit",
    "audit_rules",
    "budget_rollup",
    "count_crossings",
    "cross_cutting",
    "cross_cutting_matrix",
    "datasets",
    "diff",
    "diff_summary",
    "explore",
    "from_frames",
    "from_networkx",
    "goal_overload",
    "indicator_coverage",
    "json_schema",
    "layered_layout",
    "level_skips",
    "line_of_sight",
    "memo_style",
    "near_duplicate_clusters",
    "near_duplicates",
    "orphaned_goals",
    "orphans",
    "plot_budget",
    "plot_chain",
    "plot_cross_cutting",
    "plot_diff",
    "plot_map",
    "plot_overload",
    "preset_names",
    "progress",
    "progress_rollup",
    "progress_tensions",
    "read",
    "read_archimate",
    "read_csv",
    "read_excel",
    "read_graphml",
    "read_json",
    "read_yaml",
    "summary",
    "tensions",
    "write_report",
]

# The plot functions load matplotlib on first use, so that `import stratgraph` stays light;
# stratgraph.plotting knows which names those are.


def __getattr__(name: str) -> _typing.Any:
    plotting = _importlib.import_module("stratgraph.plotting")
    if name not in plotting.LAZY:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(plotting, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_importlib.import_module("stratgraph.plotting").LAZY})
