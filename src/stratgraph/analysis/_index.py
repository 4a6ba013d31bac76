"""A compact array view of a map's hierarchy, shared by the analyses, and their results.

Elements are numbered in map order; hierarchy links are two integer arrays (parent, child) with
compressed-row views by child and by parent, both in link order. Each element has a *generation*:
the length of the longest hierarchy path down to it, so every parent is in an earlier generation
than its children. A flow down (ancestor flags, inherited groups) visits the links generation by
generation, a flow up (descendant flags, budgets) in the reverse order; the links of one generation
never depend on each other, so numpy handles each generation at once. Where a generation has only
a few links (a deep chain of nested goals is one link per generation) plain Python walks them,
since a numpy call would cost more than the work.

A view (:meth:`~stratgraph.StrategyMap.subset`, ``focus``) is part of a bigger map, and what it
cut is not missing. A hierarchy link the view cut leads where it led in the map the view was
cut from: the view keeps, for each element at its edge, what lay beyond the cut (an ancestor
above the goal level, one at it, a descendant at it, work below it; :attr:`HierarchyIndex.outside`),
and :func:`chain_flags` counts it. So an element of a view is anchored, implemented or serving
a goal exactly when it is in the whole map, and a view reports the whole map's structural
findings about the elements it shows, no more and no fewer. Money is simpler: a goal with a
child outside the view (:attr:`HierarchyIndex.cut_below`) may have money there, and is not
judged unfunded. This is the one place the rule lives.

The index is built once per map state and kept on the map, which drops it whenever it changes; it
also keeps each analysis's result for that state (:func:`remembered`), so that the audit, the
summary and the report compute each analysis once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, partial
from itertools import chain, compress
from operator import attrgetter, is_
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from stratgraph._options import check_map
from stratgraph._pandas import private_copy
from stratgraph._util import gc_paused
from stratgraph.model import LinkKind

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterator, Sequence

    from stratgraph.model import Element, Link
    from stratgraph.strategy_map import StrategyMap

__all__ = ["Flow", "HierarchyIndex", "distinct", "index_of", "ranges", "remembered", "walk"]

T = TypeVar("T")
IntArray = np.ndarray[Any, np.dtype[np.intp]]

#: A generation with fewer links than this is walked in plain Python; see the module docstring.
#: The tests set it to 0 (numpy everywhere) and to a huge number (Python everywhere) to check
#: that both walks agree.
PLAIN_BELOW = 48


@dataclass(frozen=True, slots=True)
class Flow:
    """The hierarchy links in the order a flow visits them, cut into steps.

    ``links`` holds link numbers (into :attr:`HierarchyIndex.parent` and ``child``); each step is
    ``(start, stop, vectorised)``: the links ``links[start:stop]`` depend only on links of earlier
    steps, and are visited with numpy when ``vectorised``, else one by one in plain Python.
    """

    links: IntArray
    steps: tuple[tuple[int, int, bool], ...]


@dataclass(frozen=True, slots=True, eq=False)
class HierarchyIndex:
    """The hierarchy of one map as integer arrays; see the module docstring."""

    #: The element ids in map order.
    ids: list[str]
    #: The level of each element as a number, 0 at the top.
    rank: IntArray
    level_names: tuple[str, ...]
    goal_rank: int
    #: The elements in map order, so that an analysis reads fields without a lookup by id.
    elements: list[Element]
    #: The hierarchy links and the tension links, in link order.
    hierarchy_links: list[Link]
    tension_links: list[Link]
    #: Every link in map order, its kind, and the positions of its source (row 0) and target
    #: (row 1).
    links: Sequence[Link]
    link_kinds: list[LinkKind]
    link_ends: IntArray
    #: Each hierarchy link's parent and child.
    parent: IntArray
    child: IntArray
    #: Compressed rows: the parents of element i are ``parents[parent_ptr[i]:parent_ptr[i + 1]]``
    #: and its children ``children[child_ptr[i]:child_ptr[i + 1]]``, both in link order.
    parent_ptr: IntArray
    parents: IntArray
    child_ptr: IntArray
    children: IntArray
    #: The number of parents of each element.
    n_parents: IntArray
    #: Whether each element has a hierarchy parent (``cut_above``) or child (``cut_below``)
    #: outside the view this map is; all false for a whole map. See the module docstring.
    cut_above: np.ndarray[Any, np.dtype[np.bool_]]
    cut_below: np.ndarray[Any, np.dtype[np.bool_]]
    #: What lies beyond the view's cut, one row per flag of :func:`chain_flags` (shape 4 × n).
    outside: np.ndarray[Any, np.dtype[np.bool_]]
    #: Links grouped by the generation of their child, earliest first (for flows down) ...
    down: Flow
    #: ... and grouped by the generation of their parent, latest first, each parent's links
    #: together in link order (for flows up).
    up: Flow
    #: What the analyses computed from this state, by a key naming the analysis and its options.
    results: dict[Hashable, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the result stored under ``key``, computing and storing it the first time."""
        try:
            return self.results[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self.results[key] = compute()
            return value

    @property
    def id_index(self) -> pd.Index:
        """The ids as a pandas Index, whose hash table finds them; made on first use."""
        return self.remember("id_index", lambda: pd.Index(self.ids, dtype=object))

    def locate(self, ids: list[str]) -> IntArray:
        """Return the map positions of ``ids`` (all in the map)."""
        return self.id_index.get_indexer(pd.Index(ids, dtype=object)).astype(np.intp)

    def links_of(self, kind: LinkKind) -> tuple[list[Link], IntArray, IntArray]:
        """Return the links of ``kind`` in link order, with their sources' and targets' rows."""
        chosen = np.fromiter(
            map(partial(is_, kind), self.link_kinds), dtype=np.bool_, count=len(self.link_kinds)
        )
        links = list(compress(self.links, chosen.tolist()))
        return links, self.link_ends[0, chosen], self.link_ends[1, chosen]

    @property
    def id_array(self) -> np.ndarray[Any, np.dtype[np.object_]]:
        """The ids as a numpy array, to pick many by position at once."""
        return self.remember("id_array", lambda: np.array(self.ids, dtype=object))

    @property
    def titles(self) -> np.ndarray[Any, np.dtype[np.object_]]:
        """The titles in map order, as a numpy array."""
        return self.remember(
            "titles", lambda: np.array(list(map(attrgetter("title"), self.elements)), dtype=object)
        )

    def titles_at(self, rows: IntArray) -> np.ndarray[Any, np.dtype[np.object_]]:
        """Return the titles of the elements at ``rows``.

        A few rows are read from their elements: all the titles of a big map take longer to
        gather than the handful a result shows.
        """
        if "titles" in self.results or 4 * len(rows) > len(self):
            return self.titles[rows]
        titles = np.empty(len(rows), dtype=object)
        titles[:] = [self.elements[i].title for i in rows.tolist()]
        return titles

    def types(self, rows: IntArray) -> np.ndarray[Any, np.dtype[np.object_]]:
        """Return the level names of the elements at ``rows``."""
        names = self.remember("level_array", lambda: np.array(self.level_names, dtype=object))
        return names[self.rank[rows]]

    def children_lists(self) -> tuple[list[int], list[int]]:
        """Return the child rows as plain lists (pointers, children), for walks in Python."""
        return self.remember(
            "children_lists", lambda: (self.child_ptr.tolist(), self.children.tolist())
        )

    def parents_lists(self) -> tuple[list[int], list[int]]:
        """Return the parent rows as plain lists (pointers, parents), for walks in Python."""
        return self.remember(
            "parents_lists", lambda: (self.parent_ptr.tolist(), self.parents.tolist())
        )


def index_of(smap: StrategyMap) -> HierarchyIndex:
    """Return the hierarchy index of ``smap``, built once and kept until the map changes.

    Every analysis starts here, so this is where a file name or a graph given instead of a map
    is refused (:func:`~stratgraph._options.check_map`).
    """
    check_map(smap)
    cached = smap._index  # noqa: SLF001 - the map keeps this cache for the analyses
    if cached is not None:
        return cached
    with gc_paused():  # many new objects, no cycles: see gc_paused
        index = _build_index(smap)
    smap._index = index  # noqa: SLF001
    return index


def remembered(
    smap: StrategyMap, key: Hashable, compute: Callable[[], pd.DataFrame]
) -> pd.DataFrame:
    """Return the frame ``compute()`` gives for ``smap``, computed once per state of the map.

    Each caller gets its own copy (see :func:`~stratgraph._pandas.private_copy`): changing it (a
    value, a column, the index) never reaches the stored frame or another caller's copy.
    """
    return private_copy(index_of(smap).remember(key, compute))


def distinct(values: IntArray) -> IntArray:
    """Return the distinct ``values``, sorted.

    A stable sort merges the ascending runs values often come in, and numpy's own unique hashes
    instead, which takes ten times longer on a million integers.
    """
    values = np.sort(values, kind="stable")
    return values[np.flatnonzero(np.diff(values, prepend=values[:1] - 1))]


def ranges(starts: IntArray, stops: IntArray) -> IntArray:
    """Return the concatenation of ``range(start, stop)`` for each pair, as one array."""
    lengths = stops - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.intp)
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return offsets + np.arange(total, dtype=np.intp)


def _build_index(smap: StrategyMap) -> HierarchyIndex:
    schema = smap.schema
    elements = list(smap)
    ids = smap.ids
    n = len(ids)
    level_rank = {name: r for r, name in enumerate(schema.level_names)}
    types = map(attrgetter("type"), elements)
    rank = np.fromiter(map(level_rank.__getitem__, types), dtype=np.intp, count=n)
    links = smap.links
    kinds = list(map(attrgetter("kind"), links))
    is_hierarchy = list(map(partial(is_, LinkKind.HIERARCHY), kinds))
    hierarchy = list(compress(links, is_hierarchy))
    tension = list(compress(links, map(partial(is_, LinkKind.TENSION), kinds)))
    table = cache(partial(pd.Index, ids, dtype=object))  # made only if some id is looked up

    def where(names: list[str]) -> IntArray:
        return table().get_indexer(pd.Index(names, dtype=object)).astype(np.intp)

    link_ends = _link_ends(smap, where)
    chosen = np.fromiter(is_hierarchy, dtype=np.bool_, count=len(links))
    parent, child = link_ends[0, chosen], link_ends[1, chosen]
    by_child = np.argsort(child, kind="stable")
    by_parent = np.argsort(parent, kind="stable")
    n_parents = np.bincount(child, minlength=n).astype(np.intp)
    n_children = np.bincount(parent, minlength=n).astype(np.intp)
    parent_ptr = np.concatenate(([0], np.cumsum(n_parents))).astype(np.intp)
    child_ptr = np.concatenate(([0], np.cumsum(n_children))).astype(np.intp)
    children = child[by_parent]
    generation = _generations(n, child_ptr, children, n_parents)
    cut_above, cut_below = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    outside = np.zeros((len(CHAIN_FLAGS), n), dtype=bool)
    view = smap.view
    if view is not None:
        for flags, cut in ((cut_above, view.parents_outside), (cut_below, view.children_outside)):
            present = [eid for eid in cut if eid in smap]  # a view changed since may lack some
            if present:
                flags[where(present)] = True
        beyond = [(eid, bits) for eid, bits in view.outside.items() if eid in smap]
        if beyond:
            rows = where([eid for eid, _ in beyond])
            bits = np.array([b for _, b in beyond], dtype=np.intp)
            for k in range(len(CHAIN_FLAGS)):
                outside[k, rows] = (bits >> k) & 1 == 1
    down_links = by_child[np.argsort(generation[child[by_child]], kind="stable")]
    up_links = by_parent[np.argsort(-generation[parent[by_parent]], kind="stable")]
    index = HierarchyIndex(
        ids=ids,
        rank=rank,
        level_names=schema.level_names,
        goal_rank=schema.goal_rank,
        elements=elements,
        hierarchy_links=hierarchy,
        tension_links=tension,
        links=links,
        link_kinds=kinds,
        link_ends=link_ends,
        parent=parent,
        child=child,
        parent_ptr=parent_ptr,
        parents=parent[by_child],
        child_ptr=child_ptr,
        children=children,
        n_parents=n_parents,
        cut_above=cut_above,
        cut_below=cut_below,
        outside=outside,
        down=_flow(down_links, generation[child[down_links]]),
        up=_flow(up_links, generation[parent[up_links]]),
    )
    if table.cache_info().currsize:
        index.results["id_index"] = table()
    return index


def _link_ends(smap: StrategyMap, where: Callable[[list[str]], IntArray]) -> IntArray:
    """Return the positions of every link's source and target (2 × links).

    The bulk builder keeps them for the links it made (:class:`~stratgraph._build.MapState`);
    the ends of any other link are looked up by their ids (``where``, a hash table of the ids).
    A map of a million elements spends more on that table than on everything else the index
    holds, since neither the table nor the ids fit in the processor's cache.
    """
    links = smap.links
    kept = smap._state.ends  # noqa: SLF001 - the map's own state, read where it was made
    k = 0 if kept is None else min(kept.shape[1], len(links))
    if kept is not None and k == len(links):
        return kept[:, :k]
    if k == len(links):
        return np.zeros((2, 0), dtype=np.intp)
    # Both ends in one visit of each link, then sources first: parents repeat, so looking them
    # up together keeps the hash table's hot part in cache.
    rest = links[k:]
    pairs = list(chain.from_iterable(map(attrgetter("source", "target"), rest)))
    found = where(pairs[0::2] + pairs[1::2]).reshape(2, len(rest))
    return found if kept is None else np.concatenate((kept[:, :k], found), axis=1)


def _flow(links: IntArray, generations: IntArray) -> Flow:
    """Cut ``links`` (sorted by generation) into steps; merge runs of small generations."""
    steps: list[tuple[int, int, bool]] = []
    if len(links):
        cuts = np.flatnonzero(np.diff(generations)) + 1
        starts = np.concatenate(([0], cuts)).tolist()
        stops = [*cuts.tolist(), len(links)]
        for start, stop in zip(starts, stops, strict=True):
            vectorised = stop - start >= PLAIN_BELOW
            if steps and not vectorised and not steps[-1][2]:
                steps[-1] = (steps[-1][0], stop, False)  # one plain walk over both
            else:
                steps.append((start, stop, vectorised))
    return Flow(links, tuple(steps))


def _generations(n: int, child_ptr: IntArray, children: IntArray, n_parents: IntArray) -> IntArray:
    """Return each element's generation: the longest hierarchy path from an element with no parent.

    Kahn's algorithm, one generation at a time: numpy for a wide generation, Python for a narrow
    one, so that a chain a hundred thousand deep costs what its links cost.
    """
    waiting = n_parents.copy()
    generation = np.zeros(n, dtype=np.intp)
    frontier: IntArray = np.flatnonzero(waiting == 0)
    ptr: list[int] | None = None
    kids: list[int] | None = None
    g = 0
    while len(frontier):
        generation[frontier] = g
        g += 1
        starts, stops = child_ptr[frontier], child_ptr[frontier + 1]
        if int((stops - starts).sum()) >= PLAIN_BELOW:
            reached = children[ranges(starts, stops)]
            np.subtract.at(waiting, reached, 1)
            frontier = distinct(reached[waiting[reached] == 0])
            continue
        # Narrow generations, one after another, in plain Python until one is wide again.
        if ptr is None or kids is None:
            ptr, kids = child_ptr.tolist(), children.tolist()
        nodes: list[int] = frontier.tolist()
        placed: list[int] = []
        gens: list[int] = []
        while nodes and sum(ptr[i + 1] - ptr[i] for i in nodes) < PLAIN_BELOW:
            ready = []
            for i in nodes:
                for c in kids[ptr[i] : ptr[i + 1]]:
                    left = waiting[c] - 1
                    waiting[c] = left
                    if left == 0:
                        ready.append(c)
            placed.extend(ready)
            gens.extend([g] * len(ready))
            nodes = ready
            g += 1
        if placed:
            generation[np.array(placed, dtype=np.intp)] = np.array(gens, dtype=np.intp)
        g -= 1  # the last narrow generation is the next frontier, placed again above
        frontier = np.array(nodes, dtype=np.intp)
    return generation


def walk(flow: Flow) -> Iterator[tuple[IntArray, bool]]:
    """Yield the link numbers of each step of ``flow`` and whether to take it with numpy."""
    for start, stop, vectorised in flow.steps:
        yield flow.links[start:stop], vectorised


def below_any(index: HierarchyIndex, *seeds: np.ndarray[Any, np.dtype[np.bool_]]) -> list[Any]:
    """For each ``seed``, return whether each element has an ancestor where the seed is true."""
    return _spread(index.down, index.parent, index.child, len(index), seeds)


def above_any(index: HierarchyIndex, *seeds: np.ndarray[Any, np.dtype[np.bool_]]) -> list[Any]:
    """For each ``seed``, return whether each element has a descendant where the seed is true."""
    return _spread(index.up, index.child, index.parent, len(index), seeds)


#: The flags of :func:`chain_flags`, in order; a view keeps them for its edge as bits, 1 << k.
CHAIN_FLAGS = ("above_goal", "goal_above", "goal_below", "work_below")


def chain_flags(index: HierarchyIndex, measure: int) -> tuple[Any, Any, Any, Any]:
    """Return, for each element, whether the chain reaches past it (see the module docstring).

    In the order of :data:`CHAIN_FLAGS`: an ancestor above the goal level; an ancestor at the
    goal level; a descendant at the goal level; a descendant below it that is not of the measure
    level (rank ``measure``, -1 if none), i.e. work. What lies beyond a view's cut counts.
    """

    def compute() -> tuple[Any, Any, Any, Any]:
        g, rank, out = index.goal_rank, index.rank, index.outside
        above, at = below_any(index, (rank < g) | out[0], (rank == g) | out[1])
        down_at, work = above_any(
            index, (rank == g) | out[2], ((rank > g) & (rank != measure)) | out[3]
        )
        return above | out[0], at | out[1], down_at | out[2], work | out[3]

    return index.remember(("chain_flags", measure), compute)


def _spread(
    flow: Flow,
    sources: IntArray,
    targets: IntArray,
    n: int,
    seeds: tuple[np.ndarray[Any, np.dtype[np.bool_]], ...],
) -> list[Any]:
    """Carry each seed along ``flow``'s links, from each link's source end to its target end."""
    flags = [np.zeros(n, dtype=bool) for _ in seeds]
    pairs = list(zip(seeds, flags, strict=True))
    for links, vectorised in walk(flow):
        src, dst = sources[links], targets[links]
        if vectorised:
            for seed, flag in pairs:
                flag[dst[seed[src] | flag[src]]] = True
            continue
        for s, d in zip(src.tolist(), dst.tolist(), strict=True):
            for seed, flag in pairs:
                if seed[s] or flag[s]:
                    flag[d] = True
    return flags
