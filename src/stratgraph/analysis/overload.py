"""Goal overload: elements, or owners, that carry more goals than anyone can keep in view.

The seminar's "tendency: fewer goals" made countable: the goal-level elements directly joined to
each element, or owned by each unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of, remembered

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["goal_overload"]

_BY = ("element", "owner")


def _check_limit(limit: object) -> int | None:
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        msg = (
            f"limit must be a whole number of 0 or more, or None (every count above 0), "
            f"not {limit!r}"
        )
        raise ValueError(msg)
    return limit


@gc_paused()
def goal_overload(
    smap: StrategyMap, /, *, limit: int | None = 5, by: str = "element"
) -> pd.DataFrame:
    """Return the elements (or owners) that carry more than ``limit`` goals.

    For an element, ``n_goals`` is the number of distinct goal-level elements joined to it by one
    hierarchy link, in either direction: the goals under a strategy, the goals above an agreement,
    the sub-goals of a goal and the goal above it. Elements of the schema's measure level (see
    :class:`Schema`) are left out: they measure goals, they do not carry them. For an owner
    (``by="owner"``), ``n_goals`` is the number of goal-level elements it owns; goals without an
    owner are not counted.

    Parameters
    ----------
    smap
        The map.
    limit
        Keep the rows with more than ``limit`` goals; ``None`` keeps every row with at least one.
    by
        ``"element"`` (count per element) or ``"owner"`` (count per owner).

    Returns
    -------
    pandas.DataFrame
        Sorted by ``n_goals``, largest first (ties in map order). With ``by="element"``, indexed
        by ``id``, with columns

        - ``type`` (str): the element's level;
        - ``title`` (str): the element's title;
        - ``n_goals`` (int): the goal-level elements joined to it by one hierarchy link.

        With ``by="owner"``, indexed by ``owner`` (ties in order of the owner's first goal in the
        map), with the one column ``n_goals`` (int): the goal-level elements it owns.

    Raises
    ------
    ValueError
        If ``by`` is not ``"element"`` or ``"owner"``, or ``limit`` is not a whole number of 0 or
        more or ``None``.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.goal_overload(m)[["type", "n_goals"]]
             type  n_goals
    id
    S6   strategy        9
    A9  agreement        8
    >>> sg.goal_overload(m, by="owner", limit=5)
                          n_goals
    owner
    Økonomi og Personale        7
    Børn og Unge                6
    """
    if by not in _BY:
        msg = f"unknown by={by!r}; valid: {', '.join(repr(b) for b in _BY)}"
        raise ValueError(msg)
    threshold = _check_limit(limit)
    threshold = 0 if threshold is None else threshold
    if by == "owner":  # no hierarchy: one pass over the elements beats building the index
        return _by_owner(smap, threshold)
    return remembered(
        smap, ("goal_overload", "element", threshold), lambda: _by_element(smap, threshold)
    )


def _by_owner(smap: StrategyMap, threshold: int) -> pd.DataFrame:
    goal = smap.schema.goal_level
    counts: dict[str, int] = {}
    for element in smap:
        if element.type == goal and element.owner is not None:
            counts[element.owner] = counts.get(element.owner, 0) + 1
    owners = sorted((o for o, n in counts.items() if n > threshold), key=lambda o: -counts[o])
    return frame(owners, {"n_goals": ([counts[o] for o in owners], "int64")}, index_name="owner")


def _by_element(smap: StrategyMap, threshold: int) -> pd.DataFrame:
    index = index_of(smap)
    n = len(index)
    is_goal = index.rank == index.goal_rank
    parent, child = index.parent, index.child
    # Two elements share at most one link, so counting links counts distinct goals.
    counts = np.bincount(child[is_goal[parent]], minlength=n) + np.bincount(
        parent[is_goal[child]], minlength=n
    )
    measure = smap.schema.measure_level
    if measure is not None:  # an indicator that measures many goals is shared, not overloaded
        counts[index.rank == index.level_names.index(measure)] = 0
    rows = np.flatnonzero(counts > threshold)
    rows = rows[np.argsort(-counts[rows], kind="stable")]  # ties stay in map order
    return frame(
        index.id_array[rows],
        {
            "type": (index.types(rows), "str"),
            "title": (index.titles_at(rows), "str"),
            "n_goals": (counts[rows], "int64"),
        },
    )
