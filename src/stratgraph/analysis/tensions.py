"""Tensions: the dilemmas named in the map, and the elements caught between both sides.

Save versus develop quality, counting logic versus trust logic: a tension link names the dilemma,
and the work that descends from both sides is in a double bind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of
from stratgraph.model import LinkKind

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["tensions"]


def _descendants(start: int, children: list[list[int]]) -> set[int]:
    seen: set[int] = set()
    stack = list(children[start])
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(children[node])
    return seen


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
    index = index_of(smap)
    elements = list(smap)
    rows: list[tuple[int, int, str | None, tuple[int, ...]]] = []
    for link in smap.links:
        if link.kind is not LinkKind.TENSION:
            continue
        a, b = sorted((index.position[link.source], index.position[link.target]))
        both = _descendants(a, index.children) & _descendants(b, index.children)
        rows.append((a, b, link.note, tuple(sorted(both))))
    rows.sort(key=lambda row: (row[0], row[1]))
    return frame(
        [elements[a].id for a, *_ in rows],
        {
            "type": ([elements[a].type for a, *_ in rows], "str"),
            "title": ([elements[a].title for a, *_ in rows], "str"),
            "other": ([elements[b].id for _, b, *_ in rows], "str"),
            "other_type": ([elements[b].type for _, b, *_ in rows], "str"),
            "other_title": ([elements[b].title for _, b, *_ in rows], "str"),
            "note": ([note for _, _, note, _ in rows], "str"),
            "double_binds": (
                [tuple(elements[i].id for i in binds) for *_, binds in rows],
                "object",
            ),
        },
    )
