"""Cross-cutting elements: work that serves several strategies, or several agendas, at once.

Groups (the ancestors at one level, or agenda tags) flow down the hierarchy as sets of small
integers, one pass in topological order; elements with a single parent share its set.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of
from stratgraph.exceptions import SchemaError
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from stratgraph.strategy_map import StrategyMap

__all__ = ["cross_cutting", "cross_cutting_matrix"]

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
            msg = (
                f"the goal level {schema.goal_level!r} is the top level, so there is no level "
                f"above it to group by; give by= as {_valid_by(smap)}"
            )
            raise SchemaError(msg)
        return schema.goal_rank - 1
    if not isinstance(by, str):
        msg = (  # type: ignore[unreachable] # callers from untyped code pass anything
            f"by must be a level name or 'agenda', not {type(by).__name__}; "
            f"valid: {_valid_by(smap)}"
        )
        raise SchemaError(msg)
    level = schema.resolve_type(by)
    if level is not None:  # a level of this name wins over the agenda tags
        return schema.level_names.index(level)
    if normalise_name(by) in _AGENDA:
        return None
    msg = f"unknown by={by!r}; valid: {_valid_by(smap)}"
    raise SchemaError(msg)


def _groups(
    smap: StrategyMap, by: str | None
) -> tuple[list[str], list[frozenset[int] | None], str]:
    """Return the group names, each element's groups (``None``: not grouped) and the index name.

    Group numbers follow the order of the names: map order for a level's elements, order of first
    appearance in the map for agenda tags.
    """
    level = _level_of(smap, by)
    index = index_of(smap)
    rank, parents = index.rank, index.parents
    n = len(index)
    empty: frozenset[int] = frozenset()
    groups: list[frozenset[int]] = [empty] * n
    if level is None:
        tags: dict[str, int] = {}
        own: list[frozenset[int]] = []
        for element in smap:
            for tag in element.agenda:
                tags.setdefault(tag, len(tags))
            own.append(frozenset(tags[t] for t in element.agenda))
        for c in index.order:
            inherited = _union([groups[p] for p in parents[c]])
            groups[c] = inherited if own[c] <= inherited else inherited | own[c]
        return list(tags), list(groups), "agenda"
    names = [e.id for i, e in enumerate(smap) if rank[i] == level]
    number = {i: k for k, i in enumerate(i for i in range(n) if rank[i] == level)}
    for c in index.order:
        if rank[c] < level:  # nothing above it can be at the level
            continue
        ps = parents[c]
        inherited = _union([groups[p] for p in ps])
        at_level = [number[p] for p in ps if rank[p] == level]
        groups[c] = inherited.union(at_level) if at_level else inherited
    return names, [groups[i] if rank[i] > level else None for i in range(n)], "id"


def _union(sets: list[frozenset[int]]) -> frozenset[int]:
    if not sets:
        return frozenset()
    if len(sets) == 1:
        return sets[0]
    largest = max(sets, key=len)
    if all(s <= largest for s in sets):
        return largest
    return frozenset().union(*sets)


def cross_cutting(
    smap: StrategyMap, /, *, by: str | None = None, min_groups: int = 2
) -> pd.DataFrame:
    """Return the elements that serve several groups: strategies, or agendas, at once.

    With a level as ``by``, an element's groups are its ancestors at that level, for every element
    below it. With ``by="agenda"``, an element's groups are its own agenda tags and those of all
    its ancestors, for every element. Ancestors follow hierarchy links only.

    Parameters
    ----------
    smap
        The map.
    by
        A level of the map's schema (its name or an alias), or ``"agenda"`` (Danish
        ``"dagsorden"``) for the agenda tags; a level of that name wins. The default is the
        level just above the goal level (``strategy`` in the municipal schema).
    min_groups
        Keep the elements with at least this many groups.

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
    SchemaError
        If ``by`` is neither a level of the schema nor ``"agenda"`` (the message lists both), or
        ``by`` is left out and the goal level is the top level.
    ValueError
        If ``min_groups`` is not a whole number of 0 or more.

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
    if isinstance(min_groups, bool) or not isinstance(min_groups, int) or min_groups < 0:
        msg = f"min_groups must be a whole number of 0 or more, not {min_groups!r}"
        raise ValueError(msg)
    names, groups, _ = _groups(smap, by)
    rows = [
        (e, s) for e, s in zip(smap, groups, strict=True) if s is not None and len(s) >= min_groups
    ]
    return frame(
        [e.id for e, _ in rows],
        {
            "type": ([e.type for e, _ in rows], "str"),
            "title": ([e.title for e, _ in rows], "str"),
            "n_groups": ([len(s) for _, s in rows], "int64"),
            "groups": ([tuple(names[k] for k in sorted(s)) for _, s in rows], "object"),
        },
    )


def cross_cutting_matrix(smap: StrategyMap, /, *, by: str | None = None) -> pd.DataFrame:
    """Return how many elements each pair of groups shares, as a square frame.

    Groups are as in :func:`cross_cutting`: the elements of level ``by`` (default: the level just
    above the goal level), or the agenda tags with ``by="agenda"``.

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

    Raises
    ------
    SchemaError
        If ``by`` is neither a level of the schema nor ``"agenda"``; as in :func:`cross_cutting`.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> matrix = sg.cross_cutting_matrix(m, by="agenda")
    >>> matrix.index.tolist()
    ['baeredygtighed', 'velfaerd', 'effektivisering']
    >>> bool((matrix.to_numpy() == matrix.to_numpy().T).all())
    True
    """
    names, groups, index_name = _groups(smap, by)
    counts = np.zeros((len(names), len(names)), dtype=np.int64)
    # Many elements share one set (a single parent passes its own on), so count each set once.
    for s, times in Counter(s for s in groups if s).items():
        members = np.fromiter(s, dtype=np.intp, count=len(s))
        counts[np.ix_(members, members)] += times
    labels = pd.Index(names, dtype="str", name=index_name)
    return pd.DataFrame(counts, index=labels, columns=labels.copy())
