"""The shape of the chain: orphans, level skips and the lines of sight through one element.

Every function walks the hierarchy index once in topological order, so it grows linearly with the
map and never recurses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["level_skips", "line_of_sight", "orphaned_goals", "orphans"]


def _orphan_frame(smap: StrategyMap, *, goals_only: bool) -> pd.DataFrame:
    index = index_of(smap)
    g = index.goal_rank
    rank, parents, children, order = index.rank, index.parents, index.children, index.order
    n = len(index)
    # Ancestor flags flow down (parents come first in `order`), descendant flags flow up.
    above = [False] * n  # has an ancestor above the goal level
    at = [False] * n  # has an ancestor at the goal level
    for c in order:
        for p in parents[c]:
            if rank[p] < g or above[p]:
                above[c] = True
            if rank[p] == g or at[p]:
                at[c] = True
    down_at = [False] * n  # has a descendant at the goal level
    down_below = [False] * n  # has a descendant below the goal level
    for p in reversed(order):
        for c in children[p]:
            if rank[c] == g or down_at[c]:
                down_at[p] = True
            if rank[c] > g or down_below[c]:
                down_below[p] = True
    rows: list[tuple[str, str, str, bool, bool]] = []
    for i, element in enumerate(smap):
        r = rank[i]
        if goals_only and r != g:
            continue
        if r < g:
            unanchored, unimplemented = r != 0 and not parents[i], not down_at[i]
        elif r == g:
            unanchored, unimplemented = not above[i], not down_below[i]
        else:
            unanchored, unimplemented = not at[i], False
        if unanchored or unimplemented:
            rows.append((element.id, element.type, element.title, unanchored, unimplemented))
    return frame(
        [row[0] for row in rows],
        {
            "type": ([row[1] for row in rows], "str"),
            "title": ([row[2] for row in rows], "str"),
            "unanchored": ([row[3] for row in rows], "bool"),
            "unimplemented": ([row[4] for row in rows], "bool"),
        },
    )


def orphans(smap: StrategyMap, /) -> pd.DataFrame:
    """Return the elements cut off from the chain above them or below them.

    With *g* the goal level (ancestors and descendants follow hierarchy links only):

    - above *g*: *unanchored* = not at the top level and without a parent; *unimplemented* =
      no descendant at *g* (an anchor nothing is aimed at);
    - at *g*: *unanchored* = no ancestor above *g*; *unimplemented* = no descendant below *g*
      (a goal that no agreement or project carries);
    - below *g*: *unanchored* = no ancestor at *g* (work that serves no goal); *unimplemented* is
      always false.

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


def orphaned_goals(smap: StrategyMap, /) -> pd.DataFrame:
    """Return the goal-level elements that are unanchored or unimplemented.

    A goal is *unanchored* when it has no ancestor above the goal level (no strategy, policy or
    vision it serves) and *unimplemented* when it has no descendant below the goal level (no
    agreement or project carries it). Sub-goals count as neither: a goal whose only children are
    sub-goals, none of them carried, is unimplemented.

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


def level_skips(smap: StrategyMap, /) -> pd.DataFrame:
    """Return the hierarchy links that jump over a level that may not be skipped.

    A link from a parent to a child two or more levels below it skips the levels in between. Only
    levels that are not ``optional`` in the schema count: a vision linked straight to a strategy
    skips the optional policy level without a finding.

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
    index = index_of(smap)
    schema = smap.schema
    names = schema.level_names
    # required[r] = the number of non-optional levels above level r, so a link from rank a to
    # rank b skips required[b] - required[a + 1] of them.
    required = [0]
    for level in schema.levels:
        required.append(required[-1] + (not level.optional))
    rank, elements = index.rank, list(smap)
    child_ids: list[str] = []
    columns: dict[str, list[object]] = {
        "parent": [],
        "parent_type": [],
        "type": [],
        "title": [],
        "skipped": [],
    }
    for c, child in enumerate(elements):
        for p in index.parents[c]:
            a, b = rank[p], rank[c]
            if b - a <= 1 or required[b] == required[a + 1]:  # adjacent or nested levels
                continue
            skipped = tuple(names[r] for r in range(a + 1, b) if not schema.levels[r].optional)
            child_ids.append(child.id)
            columns["parent"].append(elements[p].id)
            columns["parent_type"].append(elements[p].type)
            columns["type"].append(child.type)
            columns["title"].append(child.title)
            columns["skipped"].append(skipped)
    dtypes = {"parent": "str", "parent_type": "str", "type": "str", "title": "str"}
    return frame(
        child_ids,
        {name: (values, dtypes.get(name, "object")) for name, values in columns.items()},
    )


def _paths(start: int, following: list[list[int]]) -> list[list[int]]:
    """Return every path from ``start`` along ``following`` to an element with none, in order.

    Neighbours are taken in map order, so the paths come out sorted by the map positions of their
    elements. The walk keeps one path and a stack of iterators: no recursion, and each path is
    copied once, when it is complete.
    """
    paths: list[list[int]] = []
    path = [start]
    stack = [iter(sorted(following[start]))]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            if not following[path[-1]]:
                paths.append(path.copy())
            stack.pop()
            path.pop()
            continue
        path.append(step)
        stack.append(iter(sorted(following[step])))
    return paths


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
    smap[element_id]  # raises UnknownElementError with a did-you-mean hint
    index = index_of(smap)
    focus = index.position[element_id]
    ups = sorted(path[::-1] for path in _paths(focus, index.parents))
    downs = _paths(focus, index.children)
    elements = list(smap)
    rows: list[int] = []
    chain: list[int] = []
    step: list[int] = []
    for number, (up, down) in enumerate((up, down) for up in ups for down in downs):
        for k, i in enumerate(up + down[1:]):
            rows.append(i)
            chain.append(number)
            step.append(k)
    return frame(
        [elements[i].id for i in rows],
        {
            "chain": (chain, "int64"),
            "step": (step, "int64"),
            "type": ([elements[i].type for i in rows], "str"),
            "title": ([elements[i].title for i in rows], "str"),
        },
    )
