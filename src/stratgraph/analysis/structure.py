"""The shape of the chain: orphans, level skips and the lines of sight through one element.

Every function walks the hierarchy index (:mod:`stratgraph.analysis._index`) generation by
generation, so it grows linearly with the map and never recurses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from stratgraph._options import check_map
from stratgraph._premises import has_work_level
from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import chain_flags, index_of, remembered

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.analysis._index import HierarchyIndex, IntArray
    from stratgraph.strategy_map import StrategyMap

BoolArray = np.ndarray[Any, np.dtype[np.bool_]]

__all__ = ["level_skips", "line_of_sight", "orphaned_goals", "orphans"]


def _orphan_frame(smap: StrategyMap, *, goals_only: bool) -> pd.DataFrame:
    return remembered(smap, ("orphans", goals_only), lambda: _orphans(smap, goals_only=goals_only))


def _flags(index: HierarchyIndex, measure: int, *, work: bool) -> tuple[BoolArray, BoolArray]:
    """Return each element's flags: unanchored, unimplemented (see :func:`orphans`).

    ``measure`` is the rank of the measure level (-1 if none): its elements measure a goal
    rather than carry it, so they do not make a goal implemented. ``work`` says whether the
    schema has a work level: without one no goal can be carried, so none is unimplemented.
    """
    g, rank = index.goal_rank, index.rank
    # Ancestor flags flow down the generations, descendant flags flow up.
    # What lies beyond a view's cut counts (see stratgraph.analysis._index).
    above, at, down_at, down_below = chain_flags(index, measure)
    # With the goal level on top there is nothing above a goal to anchor it in.
    goal_unanchored = ~above if g > 0 else np.zeros(len(rank), dtype=bool)
    unanchored = np.where(
        rank < g,
        (rank != 0) & (index.n_parents == 0) & ~index.cut_above,
        np.where(rank == g, goal_unanchored, ~at),
    )
    unimplemented = np.where(rank < g, ~down_at, (rank == g) & ~down_below & work)
    return unanchored, unimplemented


def _orphans(smap: StrategyMap, *, goals_only: bool) -> pd.DataFrame:
    index = index_of(smap)
    g, rank = index.goal_rank, index.rank
    measure = smap.schema.measure_level
    rank_of_measure = index.level_names.index(measure) if measure is not None else -1
    work = has_work_level(smap.schema)
    unanchored, unimplemented = index.remember(
        "orphan_flags", lambda: _flags(index, rank_of_measure, work=work)
    )
    keep = unanchored | unimplemented
    if goals_only:
        keep &= rank == g
    rows = np.flatnonzero(keep)
    return frame(
        index.id_array[rows],
        {
            "type": (index.types(rows), "str"),
            "title": (index.titles_at(rows), "str"),
            "unanchored": (unanchored[rows], "bool"),
            "unimplemented": (unimplemented[rows], "bool"),
        },
    )


def orphans(smap: StrategyMap, /) -> pd.DataFrame:
    """Return the elements cut off from the chain above them or below them.

    With *g* the goal level (ancestors and descendants follow hierarchy links only):

    - above *g*: *unanchored* = not at the top level and without a parent; *unimplemented* =
      no descendant at *g* (an anchor nothing is aimed at);
    - at *g*: *unanchored* = no ancestor above *g*; *unimplemented* = no descendant below *g*
      (a goal that no agreement or project carries); elements of the schema's measure level
      measure a goal and do not carry it, so they do not count;
    - below *g*: *unanchored* = no ancestor at *g* (work that serves no goal); *unimplemented* is
      always false.

    A flag whose premise the schema lacks is false, as the audit leaves out the rule about it:
    with *g* at the top of the schema no goal is unanchored (SG101), and with no work level
    below *g* (only a measure level, or nothing) no goal is unimplemented (SG102).

    Parameters
    ----------
    smap
        The map.

    Returns
    -------
    pandas.DataFrame
        One row per element where either flag is true, indexed by ``id`` in map order, with columns

        - ``type`` (str): the element's level;
        - ``title`` (str): the element's title;
        - ``unanchored`` (bool): cut off from above, as defined above;
        - ``unimplemented`` (bool): cut off from below, as defined above.

    See Also
    --------
    orphaned_goals : the same, for the goal level only.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> found = sg.orphans(m)
    >>> found.loc[["S8", "G41", "G13", "P38", "P39"], ["type", "unanchored", "unimplemented"]]
                type  unanchored  unimplemented
    id
    S8      strategy        True          False
    G41  effect_goal        True          False
    G13  effect_goal       False           True
    P38      project        True          False
    P39      project        True          False
    """
    return _orphan_frame(smap, goals_only=False)


@gc_paused()
def orphaned_goals(smap: StrategyMap, /) -> pd.DataFrame:
    """Return the goal-level elements that are unanchored or unimplemented.

    A goal is *unanchored* when it has no ancestor above the goal level (no strategy, policy or
    vision it serves) and *unimplemented* when it has no descendant below the goal level (no
    agreement or project carries it). Sub-goals count as neither: a goal whose only children are
    sub-goals, none of them carried, is unimplemented. Neither flag is set where the schema has
    no level for it (the goal level at the top; no work level below it), as in :func:`orphans`.

    Parameters
    ----------
    smap
        The map.

    Returns
    -------
    pandas.DataFrame
        One row per such goal, indexed by ``id`` in map order, with the columns of
        :func:`orphans`: ``type`` (str), ``title`` (str), ``unanchored`` (bool) and
        ``unimplemented`` (bool).

    See Also
    --------
    orphans : every level, with the definitions above and below the goal level.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> goals = sg.orphaned_goals(m)
    >>> goals[goals.unanchored].index.tolist()
    ['G41']
    >>> "G13" in goals[goals.unimplemented].index
    True
    """
    return _orphan_frame(smap, goals_only=True)


@gc_paused()
def level_skips(smap: StrategyMap, /) -> pd.DataFrame:
    """Return the hierarchy links that jump over a level that may not be skipped.

    A link from a parent to a child two or more levels below it skips the levels in between. Only
    levels that are not ``optional`` in the schema count: a vision linked straight to a strategy
    skips the optional policy level without a finding. Nor does the measure level: it holds the
    indicators of the levels above it, not a step of the chain.

    Parameters
    ----------
    smap
        The map.

    Returns
    -------
    pandas.DataFrame
        One row per skipping link, indexed by the child's ``id`` (a child with several skipping
        parents has several rows), in map order of the child and then link order, with columns

        - ``parent`` (str): the parent's id;
        - ``parent_type`` (str): the parent's level;
        - ``type`` (str): the child's level;
        - ``title`` (str): the child's title;
        - ``skipped`` (tuple of str): the non-optional levels jumped over, top first.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.level_skips(m)[["parent", "type", "skipped"]]
         parent         type           skipped
    id
    G32      V1  effect_goal       (strategy,)
    A10      S7    agreement    (effect_goal,)
    P38      S7      project  (effect_goal, agreement)
    """
    return remembered(smap, ("level_skips",), lambda: _level_skips(smap))


def _level_skips(smap: StrategyMap) -> pd.DataFrame:
    index = index_of(smap)
    schema = smap.schema
    names = schema.level_names
    # required[r] = the number of non-optional levels above level r, so a link from rank a to
    # rank b skips required[b] - required[a + 1] of them.
    required = np.zeros(len(names) + 1, dtype=np.intp)
    required[1:] = np.cumsum(
        [not level.optional and level.name != schema.measure_level for level in schema.levels]
    )
    # Parent rows: children in map order, each one's parents in link order.
    children = np.repeat(np.arange(len(index), dtype=np.intp), index.n_parents)
    parents = index.parents
    a, b = index.rank[parents], index.rank[children]
    skips = np.flatnonzero((b - a > 1) & (required[b] != required[a + 1]))
    parents, children, a, b = parents[skips], children[skips], a[skips], b[skips]
    skipped = {
        (x, y): tuple(names[r] for r in range(x + 1, y) if not schema.levels[r].optional)
        for x, y in set(zip(a.tolist(), b.tolist(), strict=True))
    }
    return frame(
        index.id_array[children],
        {
            "parent": (index.id_array[parents], "str"),
            "parent_type": (index.types(parents), "str"),
            "type": (index.types(children), "str"),
            "title": (index.titles_at(children), "str"),
            "skipped": (
                [skipped[x, y] for x, y in zip(a.tolist(), b.tolist(), strict=True)],
                "object",
            ),
        },
    )


def _paths(start: int, ptr: IntArray, following: IntArray) -> list[list[int]]:
    """Return every path from ``start`` along ``following`` to an element with none, in order.

    ``ptr`` and ``following`` are compressed rows (see :mod:`~stratgraph.analysis._index`).
    Neighbours are taken in map order, so the paths come out sorted by the map positions of their
    elements. The walk keeps one path and a stack of iterators: no recursion, and each path is
    copied once, when it is complete. Only the rows of the elements on the paths are read, so
    the walk costs what the paths hold, whatever the size of the map.
    """
    rows: dict[int, list[int]] = {}

    def after(i: int) -> list[int]:
        found = rows.get(i)
        if found is None:
            found = rows[i] = sorted(following[ptr[i] : ptr[i + 1]].tolist())
        return found

    paths: list[list[int]] = []
    path = [start]
    stack = [iter(after(start))]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            if not after(path[-1]):
                paths.append(path.copy())
            stack.pop()
            path.pop()
            continue
        path.append(step)
        stack.append(iter(after(step)))
    return paths


@gc_paused()
def line_of_sight(smap: StrategyMap, element_id: str, /) -> pd.DataFrame:
    """Return every chain from the top of the hierarchy down through one element to its end.

    A chain starts at an element with no parent (the vision, when the map is whole), runs down
    hierarchy links through ``element_id`` and ends at an element with no children (a project,
    when the map is whole). Where a chain starts below the top level or ends above the work
    level, the map is broken there: the chain shows where the line of sight is lost. The number of
    chains is the number of paths above the element times the number of paths below it.

    Parameters
    ----------
    smap
        The map.
    element_id
        The id of the element to look through.

    Returns
    -------
    pandas.DataFrame
        One row per element of each chain, indexed by the ``id`` of that element; chains come
        one after another, sorted by the map positions of their elements from the top, with columns

        - ``chain`` (int): the number of the chain, from 0;
        - ``step`` (int): the element's place in the chain, 0 at the top;
        - ``type`` (str): the element's level;
        - ``title`` (str): the element's title.

    Raises
    ------
    UnknownElementError
        If ``element_id`` is not in the map; the message suggests the closest id.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sight = sg.line_of_sight(m, "G3.1")
    >>> sight[sight.chain == 0][["step", "type"]]
          step         type
    id
    V1       0       vision
    POL1     1       policy
    S1       2     strategy
    G3       3  effect_goal
    G3.1     4  effect_goal
    A1       5    agreement
    P1       6      project
    >>> sight.groupby("chain").tail(1).index.tolist()  # where each chain ends
    ['P1', 'P2', 'P6']
    """
    check_map(smap)
    smap[element_id]  # raises UnknownElementError with a did-you-mean hint
    index = index_of(smap)
    focus = int(index.locate([element_id])[0])
    ups = sorted(path[::-1] for path in _paths(focus, index.parent_ptr, index.parents))
    downs = _paths(focus, index.child_ptr, index.children)
    rows: list[int] = []
    chain: list[int] = []
    step: list[int] = []
    for number, (up, down) in enumerate((up, down) for up in ups for down in downs):
        for k, i in enumerate(up + down[1:]):
            rows.append(i)
            chain.append(number)
            step.append(k)
    at = np.array(rows, dtype=np.intp)
    ids = np.empty(len(rows), dtype=object)
    ids[:] = [index.ids[i] for i in rows]  # a few ids: not all of a big map's, as an array
    return frame(
        ids,
        {
            "chain": (chain, "int64"),
            "step": (step, "int64"),
            "type": (index.types(at), "str"),
            "title": (index.titles_at(at), "str"),
        },
    )
