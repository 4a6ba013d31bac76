"""Cross-cutting elements: work that serves several strategies, or several agendas, at once.

Groups (the ancestors at one level, or agenda tags) flow down the hierarchy as sets of small
integers, generation by generation; an element that adds nothing to its parent's set shares it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from stratgraph._options import check_map, check_whole, invalid
from stratgraph._pandas import sparse_counts
from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import IntArray, distinct, index_of, ranges, remembered, walk
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from stratgraph.analysis._index import HierarchyIndex
    from stratgraph.strategy_map import StrategyMap

__all__ = ["cross_cutting", "cross_cutting_matrix"]

#: A matrix over this many groups or fewer is an ordinary frame (8 MB at most); a bigger one
#: holds only the cells that are not 0 (see :func:`cross_cutting_matrix`).
DENSE_UP_TO = 1000
#: The names of ``by`` that mean the agenda tags (English and Danish).
_AGENDA = ("agenda", "dagsorden")


def _valid_by(smap: StrategyMap) -> str:
    schema = smap.schema
    levels = "; ".join(
        level.name + (f" ({', '.join(level.aliases)})" if level.aliases else "")
        for level in schema.levels
    )
    # A level may be called 'agenda' (it then wins); the Danish name still reaches the tags.
    tags = next((name for name in _AGENDA if schema.resolve_type(name) is None), None)
    return f"a level of the map's schema: {levels}" + (
        f"; or {tags!r} for the elements' agenda tags" if tags else ""
    )


def _level_of(smap: StrategyMap, by: str | None) -> int | None:
    """Return the rank of the grouping level named by ``by``, or ``None`` for the agenda tags."""
    schema = smap.schema
    if by is None:
        if schema.goal_rank == 0:
            raise invalid(
                "by",
                by,
                f"{_valid_by(smap)} (the goal level {schema.goal_level!r} is the top level, so "
                "there is no level above it to group by by default)",
            )
        return schema.goal_rank - 1
    if isinstance(by, str):
        level = schema.resolve_type(by)
        if level is not None:  # a level of this name wins over the agenda tags
            return schema.level_names.index(level)
        if normalise_name(by) in _AGENDA:
            return None
    # Callers from untyped code pass anything; the message is the same.
    raise invalid("by", by, _valid_by(smap))


class _Sets:
    """A growing table of sorted sets of group numbers; set ``k`` is ``members[ptr[k]:ptr[k + 1]]``.

    An element that adds nothing to what its largest parent set holds shares that set, so a long
    chain below one strategy holds one set, not one per element.
    """

    def __init__(self) -> None:
        self.members: IntArray = np.zeros(64, dtype=np.intp)
        self.ptr: IntArray = np.zeros(65, dtype=np.intp)
        self.count = 0

    @property
    def sizes(self) -> IntArray:
        """The number of members of each set."""
        return np.diff(self.ptr[: self.count + 1])

    def add(self, lengths: IntArray, members: IntArray) -> IntArray:
        """Add sets of ``lengths`` whose members, one set after another, are ``members``."""
        k, used = self.count, int(self.ptr[self.count])
        if k + len(lengths) + 1 > len(self.ptr):
            self.ptr = np.resize(self.ptr, 2 * (k + len(lengths)) + 1)
        if used + len(members) > len(self.members):
            self.members = np.resize(self.members, 2 * (used + len(members)))
        self.ptr[k + 1 : k + len(lengths) + 1] = used + np.cumsum(lengths)
        self.members[used : used + len(members)] = members
        self.count += len(lengths)
        return np.arange(k, self.count, dtype=np.intp)

    def get(self, k: int) -> list[int]:
        """Return the members of set ``k`` (none for -1)."""
        if k < 0:
            return []
        return self.members[self.ptr[k] : self.ptr[k + 1]].tolist()  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class _Groups:
    """Each element's groups, found once per map state and grouping level."""

    #: The group names, in the order of their numbers.
    names: list[str]
    #: The name of the index of a matrix over the groups.
    index_name: str
    #: Each element's set in :attr:`sets` (-1: no group at all).
    set_of: IntArray
    sets: _Sets
    #: The elements that have groups to report (all of them for the agenda tags).
    grouped: np.ndarray[Any, np.dtype[np.bool_]]

    def sizes(self) -> IntArray:
        """Return each element's number of groups."""
        sizes = np.concatenate(([0], self.sets.sizes))  # set -1, no group, has none
        return sizes[self.set_of + 1]


def _groups(smap: StrategyMap, level: int | None) -> _Groups:
    """Return each element's groups: its ancestors at rank ``level``, or the agenda tags (``None``).

    Group numbers follow the order of the names: map order for a level's elements, order of first
    appearance in the map for agenda tags. Computed once per state of the map and level.
    """
    index = index_of(smap)
    measure = smap.schema.measure_level
    rank_of_measure = index.level_names.index(measure) if measure is not None else -1
    return index.remember(("groups", level), lambda: _find_groups(index, level, rank_of_measure))


def _find_groups(index: HierarchyIndex, level: int | None, measure: int) -> _Groups:
    n, rank = len(index), index.rank
    sets = _Sets()
    set_of = np.full(n, -1, dtype=np.intp)
    number = np.full(n, -1, dtype=np.intp)
    own_ptr: IntArray = np.zeros(n + 1, dtype=np.intp)
    own: IntArray = np.zeros(0, dtype=np.intp)
    if level is None:
        tags: dict[str, int] = {}
        flat: list[int] = []
        ends: list[int] = []
        for element in index.elements:
            if element.agenda:
                numbers = {tags.setdefault(tag, len(tags)) for tag in element.agenda}
                flat.extend(sorted(numbers))
            ends.append(len(flat))
        names = list(tags)
        own_ptr[1:] = ends
        own = np.array(flat, dtype=np.intp)
        tagged = np.flatnonzero(np.diff(own_ptr))
        set_of[tagged] = sets.add(np.diff(own_ptr)[tagged], own)
        grouped = np.ones(n, dtype=bool)
    else:
        at_level = np.flatnonzero(rank == level)
        names = index.id_array[at_level].tolist()
        number[at_level] = np.arange(len(at_level), dtype=np.intp)
        grouped = rank > level
    # An element of the measure level measures the goals above it, it is not steered from them:
    # it is never cross-cutting, though the groups still flow through it to anything below.
    grouped &= rank != measure
    for links, vectorised in walk(index.down):
        ps, cs = index.parent[links], index.child[links]
        if level is not None:  # above the level nothing can be grouped
            below = rank[cs] >= level
            ps, cs = ps[below], cs[below]
        if not len(cs):
            continue
        if vectorised:
            _merge(
                sets, set_of, ps, cs, number=number, own_ptr=own_ptr, own=own, n_groups=len(names)
            )
            continue
        starts = np.flatnonzero(np.diff(cs, prepend=-1)).tolist()
        for start, stop in zip(starts, [*starts[1:], len(cs)], strict=True):
            c = int(cs[start])
            found: set[int] = set(own[own_ptr[c] : own_ptr[c + 1]].tolist())
            best, best_size = -1, 0
            for p in ps[start:stop].tolist():
                members = sets.get(int(set_of[p]))
                found.update(members)
                if len(members) > best_size:
                    best, best_size = int(set_of[p]), len(members)
                if number[p] >= 0:
                    found.add(int(number[p]))
            if len(found) == best_size:  # nothing beyond its largest parent's set
                set_of[c] = best
            else:
                held = np.array(sorted(found), dtype=np.intp)
                set_of[c] = sets.add(np.array([len(held)], dtype=np.intp), held)[0]
    return _Groups(names, "agenda" if level is None else "id", set_of, sets, grouped)


def _merge(
    sets: _Sets,
    set_of: IntArray,
    ps: IntArray,
    cs: IntArray,
    *,
    number: IntArray,
    own_ptr: IntArray,
    own: IntArray,
    n_groups: int,
) -> None:
    """Give each child in ``cs`` (its links next to each other) the union of its parents' groups.

    The union is found for all children at once as (child, group) keys made unique; a child
    holding no more than its largest parent set shares that set.
    """
    parent_sets = set_of[ps]
    starts = sets.ptr[np.maximum(parent_sets, 0)]
    lengths = np.concatenate(([0], sets.sizes))[parent_sets + 1]  # set -1 has no member
    children = cs[np.flatnonzero(np.diff(cs, prepend=-1))]
    at_level = number[ps] >= 0
    owners = np.concatenate(
        (
            np.repeat(cs, lengths),
            cs[at_level],
            np.repeat(children, own_ptr[children + 1] - own_ptr[children]),
        )
    )
    values = np.concatenate(
        (
            sets.members[ranges(starts, starts + lengths)],
            number[ps[at_level]],
            own[ranges(own_ptr[children], own_ptr[children + 1])],
        )
    )
    width = max(n_groups, 1)
    keys = distinct(owners * width + values)
    owner_of_key = keys // width
    firsts = np.flatnonzero(np.diff(owner_of_key, prepend=-1))
    holders, counts = owner_of_key[firsts], np.diff(np.append(firsts, len(keys)))
    # The largest parent set of each child (the first of its links after sorting by size).
    order = np.lexsort((-lengths, cs))
    first = order[np.flatnonzero(np.diff(cs[order], prepend=-1))]
    at = np.searchsorted(cs[first], holders)
    size_of_largest, set_of_largest = lengths[first][at], parent_sets[first][at]
    set_of[children] = -1
    same = counts == size_of_largest
    set_of[holders[same]] = set_of_largest[same]
    fresh = ~same
    set_of[holders[fresh]] = sets.add(counts[fresh], keys[np.repeat(fresh, counts)] % width)


@gc_paused()
def cross_cutting(
    smap: StrategyMap, /, *, by: str | None = None, min_groups: int = 2
) -> pd.DataFrame:
    """Return the elements that serve several groups: strategies, or agendas, at once.

    With a level as ``by``, an element's groups are its ancestors at that level, for every element
    below it. With ``by="agenda"``, an element's groups are its own agenda tags and those of all
    its ancestors, for every element. Ancestors follow hierarchy links only. Elements of the
    schema's measure level (see :class:`Schema`) are left out: an indicator shared by the goals
    of several groups measures them, it is not steered from each.

    Parameters
    ----------
    smap
        The map.
    by
        A level of the map's schema (its name or an alias), or ``"agenda"`` (Danish
        ``"dagsorden"``) for the agenda tags; a level of that name wins. The default is the
        level just above the goal level (``strategy`` in the municipal schema).
    min_groups
        Keep the elements with at least this many groups: a whole number of 0 or more. ``1``
        (or ``0``) lists every element with its groups; the audit's
        ``cross_cutting_min_groups`` takes 2 or more, since its finding is that an element is
        cross-cutting, which needs two groups.

    Returns
    -------
    pandas.DataFrame
        One row per element with at least ``min_groups`` groups, indexed by ``id`` in map order,
        with columns

        - ``type`` (str): the element's level;
        - ``title`` (str): the element's title;
        - ``n_groups`` (int): the number of groups;
        - ``groups`` (tuple of str): the groups, element ids in map order, or agenda tags in the
          order they first appear in the map.

    Raises
    ------
    OptionError
        If ``by`` is neither a level of the schema nor ``"agenda"`` (the message lists both), or
        ``by`` is left out and the goal level is the top level; if ``min_groups`` is not a whole
        number of 0 or more.

    See Also
    --------
    cross_cutting_matrix : how often each pair of groups meets in one element.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.cross_cutting(m).loc["P2", "groups"]
    ('S1', 'S6')
    >>> sg.cross_cutting(m, by="agenda", min_groups=3).loc["P22", "groups"]
    ('baeredygtighed', 'velfaerd', 'effektivisering')
    """
    check_map(smap)
    min_groups = check_whole("min_groups", min_groups)
    level = _level_of(smap, by)
    return remembered(
        smap, ("cross_cutting", level, min_groups), lambda: _cross_cutting(smap, level, min_groups)
    )


def _cross_cutting(smap: StrategyMap, level: int | None, min_groups: int) -> pd.DataFrame:
    groups = _groups(smap, level)
    index = index_of(smap)
    sizes = groups.sizes()
    rows = np.flatnonzero(groups.grouped & (sizes >= min_groups))
    held = groups.set_of[rows]
    # Each set is named once, however many elements share it.
    named = np.empty(groups.sets.count + 1, dtype=object)
    named[0] = ()
    for k in distinct(held[held >= 0]).tolist():
        named[k + 1] = tuple(groups.names[g] for g in groups.sets.get(k))
    return frame(
        index.id_array[rows],
        {
            "type": (index.types(rows), "str"),
            "title": (index.titles_at(rows), "str"),
            "n_groups": (sizes[rows], "int64"),
            "groups": (named[held + 1], "object"),
        },
    )


@gc_paused()
def cross_cutting_matrix(smap: StrategyMap, /, *, by: str | None = None) -> pd.DataFrame:
    """Return how many elements each pair of groups shares, as a square sparse frame.

    Groups are as in :func:`cross_cutting`: the elements of level ``by`` (default: the level just
    above the goal level), or the agenda tags with ``by="agenda"``. As there, elements of the
    schema's measure level are not counted.

    Parameters
    ----------
    smap
        The map.
    by
        A level of the map's schema, or ``"agenda"``; as in :func:`cross_cutting`.

    Returns
    -------
    pandas.DataFrame
        One row and one column per group: every element of the level, in map order (index and
        columns named ``id``), or every agenda tag in the order it first appears (named
        ``agenda``). Cell (a, b) (int) is the number of elements whose groups hold both a and b;
        the diagonal cell (a, a) is the number whose groups hold a. The frame is symmetric.

        Up to 1 000 groups the columns are ``int64``. Over more groups they are sparse
        (``Sparse[int64, 0]``): only the cells that are not 0 are held, so a map of 50 000
        strategies, few of which meet, gives a frame of a few megabytes, not one of 2.5 billion
        cells. Reading a cell (``.loc[a, b]``), a row or a block works as on any frame, but a
        sparse frame's cells cannot be changed; ``.sparse.to_dense()`` gives an ordinary frame
        of every cell, for a matrix small enough to hold whole.

    Raises
    ------
    OptionError
        If ``by`` is neither a level of the schema nor ``"agenda"``; as in :func:`cross_cutting`.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> matrix = sg.cross_cutting_matrix(m, by="agenda")
    >>> matrix.index.tolist()
    ['baeredygtighed', 'velfaerd', 'effektivisering']
    >>> bool((matrix.to_numpy() == matrix.to_numpy().T).all())
    True
    >>> sg.cross_cutting_matrix(m).loc["S1", ["S1", "S5", "S6"]].tolist()
    [19, 9, 8]
    """
    check_map(smap)
    level = _level_of(smap, by)
    return remembered(smap, ("cross_cutting_matrix", level), lambda: _matrix(smap, level))


def _matrix(smap: StrategyMap, level: int | None) -> pd.DataFrame:
    groups = _groups(smap, level)
    sets = groups.sets
    n_groups = len(groups.names)
    # Many elements share one set (a single parent passes its own on), so count each set once,
    # weighted by the number of elements that hold it: every ordered pair of its members.
    held = groups.set_of[groups.grouped & (groups.set_of >= 0)]
    times = np.bincount(held, minlength=sets.count)
    used = np.flatnonzero(times)
    sizes = sets.sizes[used]
    squares = sizes * sizes
    which = np.repeat(np.arange(len(used)), squares)
    step = np.arange(len(which)) - np.repeat(np.cumsum(squares) - squares, squares)
    base = sets.ptr[used][which]
    cells = (
        sets.members[base + step // sizes[which]] * n_groups
        + sets.members[base + step % sizes[which]]
    )
    order = np.argsort(cells, kind="stable")
    cells, weights = cells[order], times[used][which][order]
    starts = np.flatnonzero(np.diff(cells, prepend=-1))
    keys = cells[starts]
    counts = np.add.reduceat(weights, starts) if len(starts) else np.zeros(0, dtype=np.int64)
    # The matrix is symmetric, so column b holds row b's cells: cut the row-major keys by row.
    row, column = keys // max(n_groups, 1), keys % max(n_groups, 1)
    bounds = np.searchsorted(row, np.arange(n_groups + 1)).tolist()
    labels = pd.Index(groups.names, dtype="str", name=groups.index_name)
    if n_groups <= DENSE_UP_TO:
        dense = np.zeros((n_groups, n_groups), dtype=np.int64)
        dense[row, column] = counts
        return pd.DataFrame(dense, index=labels, columns=labels.copy(), copy=False)
    columns = {
        k: sparse_counts(counts[a:b], column[a:b], n_groups)
        for k, (a, b) in enumerate(pairwise(bounds))
    }
    matrix = pd.DataFrame(columns, index=labels)
    matrix.columns = labels.copy()
    return matrix
