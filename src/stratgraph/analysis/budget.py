"""Budget roll-up: the money below each element, so that goals without funding show.

One pass up the hierarchy in reverse topological order; a child with several parents shares its
money between them, so that no krone is counted twice.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["budget_rollup"]


def budget_rollup(smap: StrategyMap, /, *, split: bool = True) -> pd.DataFrame:
    """Return each element's own budget and the budget rolled up from everything below it.

    ``rolled_budget`` is the element's own budget plus the rolled budgets of its hierarchy
    children; a missing budget counts as 0. With ``split=True`` a child with *k* parents gives
    1/*k* of its rolled budget to each, so nothing is counted twice: the rolled budgets of the
    elements that have no parent add up to the map's total budget. With ``split=False`` each
    parent gets all of it, which answers "how much money works towards this element?" but counts
    shared work once per parent.

    Parameters
    ----------
    smap
        The map.
    split
        Share a child's money between its parents (``True``) or give all of it to each.

    Returns
    -------
    pandas.DataFrame
        One row per element, indexed by ``id`` in map order, with columns

        - ``type`` (str): the element's level;
        - ``title`` (str): the element's title;
        - ``budget`` (float): the element's own budget, NaN where it has none;
        - ``rolled_budget`` (float): its own budget (0 if none) plus its children's rolled budgets,
          in the map's currency.

    Raises
    ------
    TypeError
        If ``split`` is not ``True`` or ``False``.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> money = sg.budget_rollup(m)
    >>> money.loc[["G13", "G30"], "rolled_budget"].tolist()
    [0.0, 0.0]
    >>> roots = [e.id for e in m if not m.parents(e.id)]
    >>> round(money.loc[roots, "rolled_budget"].sum()) == round(money["budget"].sum())
    True
    """
    if not isinstance(split, bool):
        msg = (  # type: ignore[unreachable] # callers from untyped code pass anything
            f"split must be True (share a child's budget between its parents) or False, "
            f"not {split!r}"
        )
        raise TypeError(msg)
    index = index_of(smap)
    elements = list(smap)
    own = [0.0 if e.budget is None else float(e.budget) for e in elements]
    rolled = own.copy()
    for p in reversed(index.order):
        for c in index.children[p]:
            share = rolled[c]
            if split:
                share /= len(index.parents[c])
            rolled[p] += share
    return frame(
        [e.id for e in elements],
        {
            "type": ([e.type for e in elements], "str"),
            "title": ([e.title for e in elements], "str"),
            "budget": ([math.nan if e.budget is None else e.budget for e in elements], "float64"),
            "rolled_budget": (rolled, "float64"),
        },
    )
