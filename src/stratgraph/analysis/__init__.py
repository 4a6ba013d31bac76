"""The analyses: pure functions of a map that return plain DataFrames indexed by id.

One module per family; each walks the hierarchy once through :mod:`stratgraph.analysis._index`.
``docs/analyses.md`` defines each analysis and its columns.
"""

from __future__ import annotations

from stratgraph.analysis.budget import budget_rollup
from stratgraph.analysis.cross_cutting import cross_cutting, cross_cutting_matrix
from stratgraph.analysis.diff import DiffSummary, diff, diff_summary
from stratgraph.analysis.duplicates import near_duplicate_clusters, near_duplicates
from stratgraph.analysis.indicators import indicator_coverage
from stratgraph.analysis.overload import goal_overload
from stratgraph.analysis.progress import progress, progress_rollup, progress_tensions
from stratgraph.analysis.structure import level_skips, line_of_sight, orphaned_goals, orphans
from stratgraph.analysis.summary import summary
from stratgraph.analysis.tensions import tensions

__all__ = [
    "DiffSummary",
    "budget_rollup",
    "cross_cutting",
    "cross_cutting_matrix",
    "diff",
    "diff_summary",
    "goal_overload",
    "indicator_coverage",
    "level_skips",
    "line_of_sight",
    "near_duplicate_clusters",
    "near_duplicates",
    "orphaned_goals",
    "orphans",
    "progress",
    "progress_rollup",
    "progress_tensions",
    "summary",
    "tensions",
]
