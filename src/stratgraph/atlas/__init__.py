"""The atlas: strategy maps of many organisations and years as one, and its analyses.

``docs/atlas.md`` describes the folder it is read from, the namespaced ids and each analysis.
"""

from __future__ import annotations

from stratgraph.atlas._analyses import continuity, coverage, goal_lifetimes, similar_goals
from stratgraph.atlas._atlas import (
    Atlas,
    AtlasLink,
    Key,
    Organisation,
    check_atlas,
    check_year,
    namespaced,
    split_id,
)
from stratgraph.atlas._read import read_atlas

__all__ = [
    "Atlas",
    "AtlasLink",
    "Key",
    "Organisation",
    "check_atlas",
    "check_year",
    "continuity",
    "coverage",
    "goal_lifetimes",
    "namespaced",
    "read_atlas",
    "similar_goals",
    "split_id",
]
