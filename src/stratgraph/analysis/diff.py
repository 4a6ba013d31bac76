"""Changes between two versions of a map: elements added, removed, retyped, retitled or moved.

"Fewer and more long-term goals – continuity": :func:`diff_summary` measures how many of last
year's goals are still there, :func:`diff` lists every change element by element.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from stratgraph._language import number, resolve_lang, share
from stratgraph._language import text as _text
from stratgraph._options import check_map
from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import IntArray, index_of, ranges
from stratgraph.exceptions import SchemaError

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph._options import Language
    from stratgraph.analysis._index import HierarchyIndex
    from stratgraph.strategy_map import StrategyMap

BoolArray = np.ndarray[Any, np.dtype[np.bool_]]

__all__ = ["CHANGES", "DiffSummary", "diff", "diff_summary"]

#: The kinds of change, in the order :func:`diff` lists them in ``changes``.
CHANGES: tuple[str, ...] = ("added", "removed", "retyped", "retitled", "moved")


@dataclass(frozen=True, slots=True)
class _Comparison:
    """Two maps matched by id: where each element of one is in the other, and what changed."""

    old: HierarchyIndex
    new: HierarchyIndex
    #: For each element of the new map, its place in the old map (-1: added).
    in_old: IntArray
    #: The old map's elements that are not in the new one, in the old map's order.
    gone: IntArray
    #: For each element of the new map: retyped, retitled, moved (all false for an added one).
    retyped: BoolArray
    retitled: BoolArray
    moved: BoolArray

    def changed(self) -> BoolArray:
        """Return, for each element of the new map, whether it is in both and changed."""
        return self.retyped | self.retitled | self.moved


def _check_schemas(old: StrategyMap, new: StrategyMap) -> None:
    a, b = old.schema, new.schema
    if a.level_names != b.level_names:
        msg = (
            f"the two maps have different levels: old {list(a.level_names)}, new "
            f"{list(b.level_names)}; a diff needs the same level names in the same order "
            "(rename the levels of one map, or use the same schema preset for both)"
        )
        raise SchemaError(msg)
    if a.goal_level != b.goal_level:
        msg = (
            f"the two maps have different goal levels: old {a.goal_level!r}, new "
            f"{b.goal_level!r}; goal continuity needs the same goal level in both"
        )
        raise SchemaError(msg)


def _parent_sets(index: HierarchyIndex, numbers: IntArray) -> IntArray:
    """Return the parent rows of ``index``, renumbered by ``numbers`` and sorted by number.

    The rows keep their pointers (``index.parent_ptr``): each element's parents, renumbered, in
    ascending order.
    """
    children = np.repeat(np.arange(len(index), dtype=np.int64), index.n_parents)
    renumbered = numbers[index.parents]
    # The rows are already in order of their element: a stable sort of one key merges runs.
    key = children * (int(renumbered.max(initial=-1)) + 2) + renumbered + 1  # -1 (gone) first
    return renumbered[np.argsort(key, kind="stable")]


def _compare(old: StrategyMap, new: StrategyMap) -> _Comparison:
    _check_schemas(old, new)
    a, b = index_of(old), index_of(new)
    in_old = a.locate(b.ids)
    # One look-up by id, both ways: an old element is at the place of the new one that found it.
    in_new = np.full(len(a), -1, dtype=np.intp)
    found = np.flatnonzero(in_old >= 0)
    in_new[in_old[found]] = found
    both = np.flatnonzero(in_old >= 0)
    was = in_old[both]
    retyped = np.zeros(len(b), dtype=bool)
    retitled = np.zeros(len(b), dtype=bool)
    moved = np.zeros(len(b), dtype=bool)
    retyped[both] = a.rank[was] != b.rank[both]
    retitled[both] = a.titles[was] != b.titles[both]
    # The parents as sets, both in the new map's numbering (an old parent gone from it is -1).
    old_sets = _parent_sets(a, in_new)
    new_sets = _parent_sets(b, np.arange(len(b), dtype=np.intp))
    n_old, n_new = a.n_parents[was], b.n_parents[both]
    moved[both] = n_old != n_new
    same = n_old == n_new
    check, count = both[same], n_new[same]
    start_old, start_new = a.parent_ptr[was[same]], b.parent_ptr[check]
    differ = (
        old_sets[ranges(start_old, start_old + count)]
        != new_sets[ranges(start_new, start_new + count)]
    )
    owner = np.repeat(np.arange(len(check), dtype=np.intp), count)
    moved[check] = np.bincount(owner, weights=differ, minlength=len(check)) > 0
    return _Comparison(a, b, in_old, np.flatnonzero(in_new < 0), retyped, retitled, moved)


def _parent_tuples(index: HierarchyIndex, rows: IntArray) -> list[tuple[str, ...]]:
    """Return the parents of the elements at ``rows``, as ids in map order."""
    ptr = index.parent_ptr
    ids = index.id_array[_parent_sets(index, np.arange(len(index), dtype=np.intp))].tolist()
    return [tuple(ids[ptr[i] : ptr[i + 1]]) for i in rows.tolist()]


def diff(old: StrategyMap, new: StrategyMap, /) -> pd.DataFrame:
    """Return one row per element that was added, removed, retyped, retitled or moved.

    Elements are matched by id: an element whose id is in both maps is the same element, whatever
    else changed. It is *retyped* when its level changed, *retitled* when its title changed (any
    difference, spacing included) and *moved* when the set of its hierarchy parents changed (the
    order of the parents does not count). An element with several changes has one row, with all
    of them in ``changes`` and the first of them in ``change``.

    Parameters
    ----------
    old, new
        The two versions of the map, e.g. last year's and this year's. Their schemas may differ
        (labels, aliases, optional levels), but not their level names or goal level.

    Returns
    -------
    pandas.DataFrame
        One row per changed element, indexed by ``id``: first the elements of ``new`` in its map
        order, then the removed elements in the map order of ``old``. Columns:

        - ``change`` (str): the first change in the order ``added``, ``removed``, ``retyped``,
          ``retitled``, ``moved`` (select one kind of change with ``changes``).
        - ``changes`` (tuple of str): every change of the element, in that order, e.g.
          ``("retyped", "moved")``.
        - ``old_type``, ``new_type`` (str): the level before and after (NaN for an added element,
          resp. a removed one).
        - ``old_title``, ``new_title`` (str): the title before and after (NaN likewise).
        - ``old_parents``, ``new_parents`` (tuple of str): the ids of the hierarchy parents
          before and after, in map order (``None`` for an added element, resp. a removed one).

    Raises
    ------
    SchemaError
        If the maps' schemas have different level names or goal levels.

    See Also
    --------
    diff_summary : the counts, and the continuity of the goals.

    Examples
    --------
    >>> old = sg.datasets.load("eksempel-2012")
    >>> new = sg.datasets.load("eksempel-2013")
    >>> d = sg.diff(old, new)
    >>> d.loc[["G40", "G6", "G3", "G4", "HIF"], ["change", "changes"]]
           change              changes
    id
    G40     added             (added,)
    G6    removed           (removed,)
    G3   retitled          (retitled,)
    G4      moved             (moved,)
    HIF   retyped  (retyped, retitled, moved)
    >>> d.loc["G4", ["old_parents", "new_parents"]].tolist()
    [('S1',), ('S5',)]
    >>> moved = d[d["changes"].map(lambda c: "moved" in c)]
    >>> moved[moved["new_type"] == "effect_goal"].index.tolist()
    ['G4', 'G23']
    """
    check_map(old, option="old")
    check_map(new, option="new")
    with gc_paused():
        return _diff(_compare(old, new))


def _diff(c: _Comparison) -> pd.DataFrame:
    a, b = c.old, c.new
    kept = c.in_old >= 0
    rows = np.flatnonzero(~kept | c.changed())
    was = c.in_old[rows]
    present = was >= 0
    # The eight combinations of retyped, retitled and moved, numbered as bits; then added, removed.
    combos = np.empty(10, dtype=object)
    for bits in range(8):
        combos[bits] = tuple(
            name for k, name in enumerate(("retyped", "retitled", "moved")) if bits >> (2 - k) & 1
        )
    combos[8], combos[9] = ("added",), ("removed",)
    code = np.where(present, 4 * c.retyped[rows] + 2 * c.retitled[rows] + c.moved[rows], 8)
    gone = c.gone
    changes = combos[np.concatenate((code, np.full(len(gone), 9)))]
    nothing = np.full(len(gone), None, dtype=object)
    old_type = np.full(len(rows), None, dtype=object)
    old_title = np.full(len(rows), None, dtype=object)
    old_type[present] = a.types(was[present])
    old_title[present] = a.titles[was[present]]
    new_parents = _parent_tuples(b, rows)
    old_parents: list[tuple[str, ...] | None] = [None] * len(rows)
    for k, parents in zip(
        np.flatnonzero(present).tolist(), _parent_tuples(a, was[present]), strict=True
    ):
        old_parents[k] = parents
    return frame(
        np.concatenate((b.id_array[rows], a.id_array[gone])),
        {
            "change": ([each[0] for each in changes.tolist()], "str"),
            "changes": (changes, "object"),
            "old_type": (np.concatenate((old_type, a.types(gone))), "str"),
            "new_type": (np.concatenate((b.types(rows), nothing)), "str"),
            "old_title": (np.concatenate((old_title, a.titles[gone])), "str"),
            "new_title": (np.concatenate((b.titles[rows], nothing)), "str"),
            "old_parents": ([*old_parents, *_parent_tuples(a, gone)], "object"),
            "new_parents": ([*new_parents, *[None] * len(gone)], "object"),
        },
    )


@dataclass(frozen=True, slots=True)
class DiffSummary:
    """Counts of the changes between two maps, and the continuity of the goals.

    Attributes
    ----------
    old_elements, new_elements
        The number of elements in each map.
    added, removed, retyped, retitled, moved
        The number of elements with each change (an element with two changes counts in both).
    unchanged
        The elements in both maps with none of those changes.
    old_goals, new_goals
        The number of goal-level elements in each map.
    goals_kept
        The old goal-level elements still in the new map at the goal level (by id; a retitled or
        moved goal is kept, a removed or retyped one is not).
    goals_added
        The new goal-level elements that were not goal-level elements of the old map.
    goal_continuity
        ``goals_kept / old_goals``, the share of the old goals kept; NaN when the old map has no
        goal-level element.

    Examples
    --------
    >>> s = sg.diff_summary(sg.datasets.load("eksempel-2012"), sg.datasets.load("eksempel-2013"))
    >>> s.added, s.removed, s.goals_kept, s.old_goals
    (14, 7, 31, 35)
    >>> f"{s.goal_continuity:.0%}"
    '89%'
    """

    old_elements: int
    new_elements: int
    added: int
    removed: int
    retyped: int
    retitled: int
    moved: int
    unchanged: int
    old_goals: int
    new_goals: int
    goals_kept: int
    goals_added: int
    goal_continuity: float

    def to_dict(self) -> dict[str, float]:
        """Return the figures as a plain dict, in the order of the attributes.

        Examples
        --------
        >>> old, new = sg.datasets.load("eksempel-2012"), sg.datasets.load("eksempel-2013")
        >>> list(sg.diff_summary(old, new).to_dict())[:4]
        ['old_elements', 'new_elements', 'added', 'removed']
        """
        return asdict(self)

    def text(self, lang: Language | None = None) -> str:
        """Return the figures as one sentence in ``lang`` (``None``: :func:`memo_style`'s).

        Examples
        --------
        >>> old, new = sg.datasets.load("eksempel-2012"), sg.datasets.load("eksempel-2013")
        >>> print(sg.diff_summary(old, new).text("da"))
        96 → 103 elementer: 14 nye, 7 fjernede, 1 med nyt niveau, 4 med ny titel, 8 flyttede;
        31 af 35 mål bevaret (kontinuitet 89 %), 2 nye mål
        """
        lang = resolve_lang(lang)
        return _text(
            "diff.summary",
            lang,
            old=number(self.old_elements, lang),
            new=number(self.new_elements, lang),
            added=number(self.added, lang),
            removed=number(self.removed, lang),
            retyped=number(self.retyped, lang),
            retitled=number(self.retitled, lang),
            moved=number(self.moved, lang),
            kept=number(self.goals_kept, lang),
            goals=number(self.old_goals, lang),
            share=share(self.goal_continuity, lang) or "–",
            new_goals=number(self.goals_added, lang),
        )

    def __str__(self) -> str:
        return self.text()


def diff_summary(old: StrategyMap, new: StrategyMap, /) -> DiffSummary:
    """Return the counts of :func:`diff` and the goal continuity between two maps.

    Goal continuity is the share of the old map's goal-level elements that the new map keeps at
    the goal level (matched by id): the seminar's "fewer and more long-term goals – continuity"
    as one number.

    Parameters
    ----------
    old, new
        The two versions of the map; as in :func:`diff`.

    Returns
    -------
    DiffSummary
        The figures; ``.to_dict()`` gives them as a dict and ``str()`` as one sentence.

    Raises
    ------
    SchemaError
        If the maps' schemas have different level names or goal levels.

    See Also
    --------
    diff : the changes element by element.

    Examples
    --------
    >>> old = sg.datasets.load("eksempel-2012")
    >>> new = sg.datasets.load("eksempel-2013")
    >>> s = sg.diff_summary(old, new)
    >>> s.goals_kept, s.old_goals, round(s.goal_continuity, 3)
    (31, 35, 0.886)
    >>> print(s)
    96 → 103 elements: 14 added, 7 removed, 1 retyped, 4 retitled, 8 moved; goals kept 31/35
    (continuity 89%), 2 new goals
    """
    check_map(old, option="old")
    check_map(new, option="new")
    with gc_paused():
        c = _compare(old, new)
    a, b = c.old, c.new
    g = a.goal_rank
    kept = c.in_old >= 0
    old_goals = int((a.rank == g).sum())
    new_goals = int((b.rank == g).sum())
    still = c.in_old[kept & (b.rank == g)]
    goals_kept = int((a.rank[still] == g).sum())
    both = int(kept.sum())
    return DiffSummary(
        old_elements=len(old),
        new_elements=len(new),
        added=len(b) - both,
        removed=len(c.gone),
        retyped=int(c.retyped.sum()),
        retitled=int(c.retitled.sum()),
        moved=int(c.moved.sum()),
        unchanged=both - int(c.changed().sum()),
        old_goals=old_goals,
        new_goals=new_goals,
        goals_kept=goals_kept,
        goals_added=new_goals - goals_kept,
        goal_continuity=goals_kept / old_goals if old_goals else float("nan"),
    )
