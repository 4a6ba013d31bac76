"""A compact integer view of a map's hierarchy, shared by the analyses.

Elements are numbered in map order; parents and children are lists of those numbers; ``order`` is
a topological order (parents before children). Built once per map state in one pass over the
elements and links, so every analysis can walk the hierarchy without recursion or repeated search.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stratgraph.model import LinkKind

if TYPE_CHECKING:
    from stratgraph.strategy_map import StrategyMap

__all__ = ["HierarchyIndex", "index_of"]


@dataclass(frozen=True, slots=True)
class HierarchyIndex:
    """The hierarchy of one map as integer lists; see the module docstring."""

    ids: list[str]
    position: dict[str, int]
    rank: list[int]
    parents: list[list[int]]
    children: list[list[int]]
    order: list[int]
    goal_rank: int

    def __len__(self) -> int:
        return len(self.ids)


def index_of(smap: StrategyMap) -> HierarchyIndex:
    """Return the hierarchy index of ``smap``, built once and kept until the map changes."""
    cached = smap._index  # noqa: SLF001 - the map keeps this cache for the analyses
    if cached is not None:
        return cached
    schema = smap.schema
    ranks = {name: i for i, name in enumerate(schema.level_names)}
    ids = smap.ids
    position = {eid: i for i, eid in enumerate(ids)}
    rank = [ranks[e.type] for e in smap]
    parents: list[list[int]] = [[] for _ in ids]
    children: list[list[int]] = [[] for _ in ids]
    for link in smap.links:
        if link.kind is LinkKind.HIERARCHY:
            p, c = position[link.source], position[link.target]
            parents[c].append(p)
            children[p].append(c)
    indegree = [len(ps) for ps in parents]
    queue = deque(i for i, d in enumerate(indegree) if d == 0)
    order: list[int] = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for child in children[node]:
            indegree[child] -= 1
            if indegree[child] == 0:
                queue.append(child)
    index = HierarchyIndex(ids, position, rank, parents, children, order, schema.goal_rank)
    smap._index = index  # noqa: SLF001
    return index
