"""Budget roll-up: the money below each element, so that goals without funding show.

One pass up the hierarchy, generation by generation from the bottom; a child with several parents
shares its money between them, so that no krone is counted twice.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from stratgraph._options import check_bool, check_map
from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of, remembered, walk

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["budget_rollup"]


@gc_paused()
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
    OptionError
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
    check_map(smap)
    split = check_bool("split", split)
    return remembered(smap, ("budget_rollup", split), lambda: _rollup(smap, split=split))


def _rollup(smap: StrategyMap, *, split: bool) -> pd.DataFrame:
    index = index_of(smap)
    budgets = np.array(
        [math.nan if e.budget is None else e.budget for e in index.elements], dtype=np.float64
    )
    rolled = np.nan_to_num(budgets, nan=0.0)
    shares = index.n_parents if split else np.ones(len(index), dtype=np.intp)
    # Up the generations: each parent's children are final, and are added in link order.
    for links, vectorised in walk(index.up):
        ps, cs = index.parent[links], index.child[links]
        if vectorised:
            np.add.at(rolled, ps, rolled[cs] / shares[cs])
            continue
        for p, c in zip(ps.tolist(), cs.tolist(), strict=True):
            rolled[p] += rolled[c] / shares[c]
    rows = np.arange(len(index))
    return frame(
        index.id_array,
        {
            "type": (index.types(rows), "str"),
            "title": (index.titles, "str"),
            "budget": (budgets, "float64"),
            "rolled_budget": (rolled, "float64"),
        },
    )
