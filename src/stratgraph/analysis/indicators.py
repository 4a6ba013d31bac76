"""Indicator coverage: which goals are measured and which are left to trust.

Counting logic versus trust logic: the share of goals with an indicator is a choice the map should
make visible, not hide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from stratgraph._options import check_map
from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["indicator_coverage"]


@gc_paused()
def indicator_coverage(smap: StrategyMap, /) -> pd.DataFrame:
    """Return every goal-level element with its number of indicators and whether it is measured.

    One frame answers both questions: the goals with no indicator are the rows where ``measured``
    is false, and the mix of measured and unmeasured goals is ``measured.value_counts()`` (or
    ``measured.mean()``, the share measured). When the schema has a *measure level* (see
    :class:`Schema`), each child of a goal at that level counts as one of its indicators.

    Parameters
    ----------
    smap
        The map.

    Returns
    -------
    pandas.DataFrame
        One row per goal-level element, indexed by ``id`` in map order, with columns

        - ``type`` (str): the goal level;
        - ``title`` (str): the goal's title;
        - ``n_indicators`` (int): its number of indicators, its children at the measure level
          included;
        - ``measured`` (bool): whether it has at least one indicator.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> coverage = sg.indicator_coverage(m)
    >>> coverage.loc[["G1", "G5", "G13"], ["n_indicators", "measured"]]
         n_indicators  measured
    id
    G1              2      True
    G5              0     False
    G13             0     False
    >>> coverage["measured"].value_counts().to_dict()
    {True: 17, False: 16}
    """
    check_map(smap)
    goal, measure = smap.schema.goal_level, smap.schema.measure_level
    if measure is None:  # one pass over the elements: cheaper than building the index for it
        goals = [e for e in smap if e.type == goal]
        n_indicators = np.fromiter(
            (len(e.indicators) for e in goals), dtype=np.int64, count=len(goals)
        )
    else:
        index = index_of(smap)
        rows = np.flatnonzero(index.rank == index.goal_rank)
        goals = [index.elements[i] for i in rows.tolist()]
        own = np.fromiter((len(e.indicators) for e in goals), dtype=np.int64, count=len(goals))
        measured_by = index.rank[index.child] == index.level_names.index(measure)
        children = np.bincount(index.parent[measured_by], minlength=len(index))
        n_indicators = own + children[rows]
    return frame(
        [e.id for e in goals],
        {
            "type": ([goal] * len(goals), "str"),
            "title": ([e.title for e in goals], "str"),
            "n_indicators": (n_indicators, "int64"),
            "measured": (n_indicators > 0, "bool"),
        },
    )
