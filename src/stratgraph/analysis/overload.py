"""Goal overload: elements, or owners, that carry more goals than anyone can keep in view.

The seminar's "tendency: fewer goals" made countable: the goal-level elements directly joined to
each element, or owned by each unit.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np

from stratgraph._options import Per, check_choice, check_whole, choices
from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of, remembered

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["goal_overload"]


def per_option(function: str, per: Per, by: Per | None, *, stacklevel: int) -> Per:
    """Return what to count per, from ``per=`` or its old name ``by=`` (with a FutureWarning).

    ``by=`` names the grouping of :func:`~stratgraph.cross_cutting`; for the overload counts it
    meant ``per=`` and is kept for one release. ``stacklevel`` points the warning at the caller
    of the public ``function``.
    """
    if by is None:
        return check_choice("per", per, choices(Per))
    warnings.warn(
        f"{function}(by={by!r}) is renamed {function}(per={by!r}); by= names a grouping "
        "elsewhere (cross_cutting), and here stops working in the next release",
        FutureWarning,
        stacklevel=stacklevel + 1,
    )
    return check_choice("by", by, choices(Per))


@gc_paused()
def goal_overload(
    smap: StrategyMap,
    /,
    *,
    limit: int | None = 5,
    per: Per = "element",
    by: Per | None = None,
) -> pd.DataFrame:
    """Return the elements (or owners) that carry more than ``limit`` goals.

    For an element, ``n_goals`` is the number of distinct goal-level elements joined to it by one
    hierarchy link, in either direction: the goals under a strategy, the goals above an agreement,
    the sub-goals of a goal and the goal above it. Elements of the schema's measure level (see
    :class:`Schema`) are left out: they measure goals, they do not carry them. For an owner
    (``per="owner"``), ``n_goals`` is the number of goal-level elements it owns; goals without an
    owner are not counted.

    Parameters
    ----------
    smap
        The map.
    limit
        Keep the rows with more than ``limit`` goals; ``None`` keeps every row with at least one.
    per
        ``"element"`` (count per element) or ``"owner"`` (count per owner).
    by
        The old name of ``per``; it still works in this release, with a ``FutureWarning``.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``n_goals``, largest first (ties in map order). With ``per="element"``, indexed
        by ``id``, with columns

        - ``type`` (str): the element's level;
        - ``title`` (str): the element's title;
        - ``n_goals`` (int): the goal-level elements joined to it by one hierarchy link.

        With ``per="owner"``, indexed by ``owner`` (ties in order of the owner's first goal in the
        map), with the one column ``n_goals`` (int): the goal-level elements it owns.

    Raises
    ------
    OptionError
        If ``per`` is not ``"element"`` or ``"owner"``, or ``limit`` is not a whole number of 0 or
        more or ``None``.

    Warns
    -----
    FutureWarning
        If ``by`` is given: it is renamed ``per``.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.goal_overload(m)[["type", "n_goals"]]
             type  n_goals
    id
    S6   strategy        9
    A9  agreement        8
    >>> sg.goal_overload(m, per="owner", limit=5)
                          n_goals
    owner
    Økonomi og Personale        7
    Børn og Unge                6
    """
    per = per_option("goal_overload", per, by, stacklevel=3)  # past the gc_paused wrapper
    threshold = check_whole("limit", limit, none="every count above 0")
    threshold = 0 if threshold is None else threshold
    if per == "owner":  # no hierarchy: one pass over the elements beats building the index
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
