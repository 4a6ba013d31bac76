"""Changes between two versions of a map: elements added, removed, retyped, retitled or moved.

"Fewer and more long-term goals – continuity": :func:`diff_summary` measures how many of last
year's goals are still there, :func:`diff` lists every change element by element.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from stratgraph.analysis._frame import frame
from stratgraph.exceptions import SchemaError

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.model import Element
    from stratgraph.strategy_map import StrategyMap

__all__ = ["CHANGES", "DiffSummary", "diff", "diff_summary"]

#: The kinds of change, in the order :func:`diff` lists them in ``changes``.
CHANGES: tuple[str, ...] = ("added", "removed", "retyped", "retitled", "moved")


@dataclass(frozen=True, slots=True)
class _Row:
    id: str
    changes: tuple[str, ...]
    old: Element | None
    new: Element | None
    old_parents: tuple[str, ...] | None
    new_parents: tuple[str, ...] | None


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


def _parents(smap: StrategyMap, element_id: str, position: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(smap.parents(element_id), key=position.__getitem__))


def _rows(old: StrategyMap, new: StrategyMap) -> list[_Row]:
    _check_schemas(old, new)
    old_pos = {eid: i for i, eid in enumerate(old.ids)}
    new_pos = {eid: i for i, eid in enumerate(new.ids)}
    rows: list[_Row] = []
    for element in new:
        new_parents = _parents(new, element.id, new_pos)
        before = old.get(element.id)
        if before is None:
            rows.append(_Row(element.id, ("added",), None, element, None, new_parents))
            continue
        old_parents = _parents(old, element.id, old_pos)
        changes = tuple(
            change
            for change, changed in (
                ("retyped", before.type != element.type),
                ("retitled", before.title != element.title),
                ("moved", set(old_parents) != set(new_parents)),
            )
            if changed
        )
        if changes:
            rows.append(_Row(element.id, changes, before, element, old_parents, new_parents))
    rows.extend(
        _Row(element.id, ("removed",), element, None, _parents(old, element.id, old_pos), None)
        for element in old
        if element.id not in new_pos
    )
    return rows


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
    rows = _rows(old, new)

    def field(row: _Row, side: str, name: str) -> Any:
        element = row.old if side == "old" else row.new
        return None if element is None else getattr(element, name)

    return frame(
        [row.id for row in rows],
        {
            "change": ([row.changes[0] for row in rows], "str"),
            "changes": ([row.changes for row in rows], "object"),
            "old_type": ([field(row, "old", "type") for row in rows], "str"),
            "new_type": ([field(row, "new", "type") for row in rows], "str"),
            "old_title": ([field(row, "old", "title") for row in rows], "str"),
            "new_title": ([field(row, "new", "title") for row in rows], "str"),
            "old_parents": ([row.old_parents for row in rows], "object"),
            "new_parents": ([row.new_parents for row in rows], "object"),
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

    def __str__(self) -> str:
        continuity = (
            "n/a"
            if self.goal_continuity != self.goal_continuity  # NaN
            else f"{self.goal_continuity:.0%}"
        )
        return (
            f"{self.old_elements} → {self.new_elements} elements: {self.added} added, "
            f"{self.removed} removed, {self.retyped} retyped, {self.retitled} retitled, "
            f"{self.moved} moved; goals kept {self.goals_kept}/{self.old_goals} "
            f"(continuity {continuity}), {self.goals_added} new goals"
        )


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
    rows = _rows(old, new)
    goal = old.schema.goal_level
    counts = dict.fromkeys(CHANGES, 0)
    for row in rows:
        for change in row.changes:
            counts[change] += 1
    old_goals = {e.id for e in old if e.type == goal}
    new_goals = {e.id for e in new if e.type == goal}
    kept = len(old_goals & new_goals)
    both = sum(1 for eid in new.ids if eid in old)
    changed = sum(1 for row in rows if row.old is not None and row.new is not None)
    return DiffSummary(
        old_elements=len(old),
        new_elements=len(new),
        added=counts["added"],
        removed=counts["removed"],
        retyped=counts["retyped"],
        retitled=counts["retitled"],
        moved=counts["moved"],
        unchanged=both - changed,
        old_goals=len(old_goals),
        new_goals=len(new_goals),
        goals_kept=kept,
        goals_added=len(new_goals - old_goals),
        goal_continuity=kept / len(old_goals) if old_goals else float("nan"),
    )
