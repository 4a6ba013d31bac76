"""Tensions: the dilemmas named in the map, and the elements caught between both sides.

Save versus develop quality, counting logic versus trust logic: a tension link names the dilemma,
and the work that descends from both sides is in a double bind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of, remembered
from stratgraph.model import LinkKind

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["tensions"]


def _descendants(start: int, ptr: list[int], children: list[int]) -> set[int]:
    seen: set[int] = set()
    stack = children[ptr[start] : ptr[start + 1]]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(children[ptr[node] : ptr[node + 1]])
    return seen


@gc_paused()
def tensions(smap: StrategyMap, /) -> pd.DataFrame:
    """Return one row per tension link, with the elements that descend from both sides.

    A tension is symmetric, so each row names the side that comes first in the map as its ``id``
    and the other side as ``other``. An element is in a *double bind* when it descends (through
    hierarchy links) from both sides; the sides themselves are not counted, but when one side
    descends from the other, everything below the lower side is.

    Parameters
    ----------
    smap
        The map.

    Returns
    -------
    pandas.DataFrame
        One row per tension link, indexed by the ``id`` of the side first in the map, in map order
        of that side and then of the other, with columns

        - ``type`` (str), ``title`` (str): that side's level and title;
        - ``other`` (str), ``other_type`` (str), ``other_title`` (str): the other side's id,
          level and title;
        - ``note`` (str): the link's note, the dilemma in words (NaN where there is none);
        - ``double_binds`` (tuple of str): the ids, in map order, of the elements that descend
          from both sides.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> t = sg.tensions(m)
    >>> t.loc["G3", ["other", "double_binds"]].tolist()
    ['G18', ('P2',)]
    """
    return remembered(smap, ("tensions",), lambda: _tensions(smap))


def _tensions(smap: StrategyMap) -> pd.DataFrame:
    index = index_of(smap)
    links, sources, targets = index.links_of(LinkKind.TENSION)
    ptr, children = index.children_lists()
    rows: list[tuple[int, int, str | None, tuple[str, ...]]] = []
    for link, x, y in zip(links, sources.tolist(), targets.tolist(), strict=True):
        a, b = min(x, y), max(x, y)
        both = _descendants(a, ptr, children) & _descendants(b, ptr, children)
        rows.append((a, b, link.note, tuple(index.ids[i] for i in sorted(both))))
    rows.sort(key=lambda row: (row[0], row[1]))
    sides = np.array([a for a, *_ in rows], dtype=np.intp)
    others = np.array([b for _, b, *_ in rows], dtype=np.intp)
    return frame(
        index.id_array[sides],
        {
            "type": (index.types(sides), "str"),
            "title": (index.titles_at(sides), "str"),
            "other": (index.id_array[others], "str"),
            "other_type": (index.types(others), "str"),
            "other_title": (index.titles_at(others), "str"),
            "note": ([note for _, _, note, _ in rows], "str"),
            "double_binds": ([binds for *_, binds in rows], "object"),
        },
    )
