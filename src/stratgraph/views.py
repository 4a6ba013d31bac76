"""Views of a big map: the part chosen by level, id, branch, owner or agenda, or around one element.

A view is a new :class:`~stratgraph.StrategyMap` holding the chosen elements (the same objects, in
map order) and the links among them, so that every analysis, plot and writer takes it as it is.
It remembers what it cut (:class:`View`, as ``m.view``), so that the analyses do not report a
chain that runs on outside the view as broken.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stratgraph._build import MapState
from stratgraph._build.records import did_you_mean
from stratgraph._language import text as _text
from stratgraph._options import check_whole, invalid
from stratgraph.analysis._index import chain_flags, index_of
from stratgraph.exceptions import StratgraphWarning, UnknownElementError, shorten
from stratgraph.model import LinkKind

if TYPE_CHECKING:
    from stratgraph._options import Language
    from stratgraph.analysis._index import HierarchyIndex
    from stratgraph.model import Element, Link
    from stratgraph.strategy_map import StrategyMap

__all__ = ["View", "focus", "subset", "warn_focus_left_out"]

#: The most owners or agenda tags an error lists; a map may have hundreds of units.
SHOWN_VALUES = 12


@dataclass(frozen=True, slots=True)
class View:
    """What a view cut from its map: kept by :meth:`~stratgraph.StrategyMap.subset` and ``focus``.

    A view of a view adds its criteria to those of the first one and still counts the elements
    of the whole map. The analyses read the cut through the hierarchy index: a hierarchy link cut
    by the view counts as present (see :mod:`stratgraph.analysis._index`).

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> part = m.subset(below="S1").subset(levels="effektmål")
    >>> part.view.describe("en")
    'below S1; levels effektmål'
    >>> len(part), part.view.whole
    (4, 103)
    >>> sorted(part.view.parents_outside)
    ['G1', 'G2', 'G3']
    >>> m.view is None
    True
    """

    #: The criteria, in the order they were applied: (name, the values as given, joined).
    criteria: tuple[tuple[str, str], ...]
    #: The number of elements of the whole map.
    whole: int
    #: The levels at least one element of the whole map is at.
    levels: frozenset[str]
    #: The elements of the view with a hierarchy parent outside it ...
    parents_outside: frozenset[str]
    #: ... and those with a hierarchy child outside it.
    children_outside: frozenset[str]
    #: For each element at the edge, what the chain reaches beyond the cut: bit ``1 << k`` for
    #: flag k of :data:`stratgraph.analysis._index.CHAIN_FLAGS`.
    outside: Mapping[str, int]

    def describe(self, lang: Language) -> str:
        """Return the criteria as one text in ``lang``, e.g. ``"levels effektmål, aftale"``."""
        return "; ".join(
            _text("view." + name, lang, values=values) for name, values in self.criteria
        )

    def headline(self, lang: Language, n: int) -> str:
        """Return the line that says a report or audit covers part of the map, of ``n`` elements."""
        return _text("view.headline", lang, criteria=self.describe(lang), n=n, whole=self.whole)


def subset(
    smap: StrategyMap,
    /,
    *,
    levels: str | Iterable[str] | None = None,
    ids: str | Iterable[str] | None = None,
    below: str | Iterable[str] | None = None,
    above: str | Iterable[str] | None = None,
    owner: str | Iterable[str] | None = None,
    agenda: str | Iterable[str] | None = None,
    stacklevel: int = 2,
) -> StrategyMap:
    """Return the view of ``smap`` with the elements every given criterion keeps.

    See :meth:`stratgraph.StrategyMap.subset`, which calls this; ``stacklevel`` places the
    warning about an empty view at the caller's line.
    """
    schema = smap.schema
    wanted_levels = _values("levels", levels)
    wanted_ids = _values("ids", ids)
    roots_below = _values("below", below)
    roots_above = _values("above", above)
    owners = _values("owner", owner)
    tags = _values("agenda", agenda)
    if wanted_levels is not None:
        wanted_levels = [_level(schema.resolve_type(text), text, smap) for text in wanted_levels]
    for option, given in (("ids", wanted_ids), ("below", roots_below), ("above", roots_above)):
        for eid in given or ():
            _known(smap, option, eid)
    if owners is not None:
        _check_present("owner", owners, (e.owner for e in smap if e.owner), smap, "owners")
    if tags is not None:
        _check_present("agenda", tags, (t for e in smap for t in e.agenda), smap, "agenda tags")

    # Start from the narrowest set a criterion names by id, so that a branch of a big map is
    # found by walking from its root, not by a look at every element.
    index = index_of(smap)
    kept: set[int] | None = None
    if wanted_ids is not None:
        kept = set(index.locate(list(wanted_ids)).tolist())
    if roots_below is not None:
        kept = _narrow(kept, _reach(index, roots_below, down=True, steps=None))
    if roots_above is not None:
        kept = _narrow(kept, _reach(index, roots_above, down=False, steps=None))
    rows = range(len(index)) if kept is None else sorted(kept)
    level_set = None if wanted_levels is None else set(wanted_levels)
    owner_set = None if owners is None else set(owners)
    # An element's own agenda tags count, not its ancestors' (unlike cross_cutting by agenda):
    # a vision tagged with every agenda would otherwise bring the whole map into each one.
    tag_set = None if tags is None else set(tags)
    chosen = [
        e
        for e in (index.elements[i] for i in rows)
        if (level_set is None or e.type in level_set)
        and (owner_set is None or e.owner in owner_set)
        and (tag_set is None or not tag_set.isdisjoint(e.agenda))
    ]
    if not chosen and len(smap):
        criteria = {
            "levels": levels,
            "ids": ids,
            "below": below,
            "above": above,
            "owner": owner,
            "agenda": agenda,
        }
        asked = ", ".join(f"{k}={shorten(repr(v))}" for k, v in criteria.items() if v is not None)
        msg = (
            f"no element of the map {smap.name!r} matches {asked} (every criterion must hold); "
            "the view is empty"
        )
        warnings.warn(msg, StratgraphWarning, stacklevel=stacklevel)
    criteria_given: tuple[tuple[str, str | Iterable[str] | None], ...] = (
        ("levels", levels),
        ("ids", ids),
        ("below", below),
        ("above", above),
        ("owner", owner),
        ("agenda", agenda),
    )
    return _view(
        smap,
        chosen,
        tuple((name, _joined(value)) for name, value in criteria_given if value is not None),
    )


def focus(
    smap: StrategyMap,
    element_id: str,
    /,
    *,
    up: int | None = None,
    down: int | None = None,
) -> StrategyMap:
    """Return the view of ``element_id`` with its ancestors ``up`` and descendants ``down`` steps.

    See :meth:`stratgraph.StrategyMap.focus`, which calls this.
    """
    steps_up = check_whole("up", up, none="every ancestor")
    steps_down = check_whole("down", down, none="every descendant")
    if not isinstance(element_id, str):
        raise invalid("id", element_id, "the id of an element of the map, such as 'G1'")
    _known(smap, None, element_id)
    index = index_of(smap)
    kept = _reach(index, [element_id], down=False, steps=steps_up)
    kept |= _reach(index, [element_id], down=True, steps=steps_down)
    criteria = [("focus", element_id)]
    if steps_up is not None:
        criteria.append(("up", str(steps_up)))
    if steps_down is not None:
        criteria.append(("down", str(steps_down)))
    return _view(smap, [index.elements[i] for i in sorted(kept)], tuple(criteria))


def warn_focus_left_out(
    smap: StrategyMap, element_id: str, levels: object, *, option: str, stacklevel: int
) -> None:
    """Warn that ``levels`` (the ``option`` given) leave out the level of the element in focus.

    ``smap`` is the map before the levels were chosen, so it holds the element. The view is still
    drawn (the element's chains, without it), since that may be what was meant.
    """
    level = smap[element_id].type
    msg = (
        f"the element in focus {element_id!r} is at the level {level!r}, which "
        f"{option}={shorten(repr(levels))} leaves out: it is not shown, only its chains at the "
        f"levels given; add {level!r} to {option} to show it"
    )
    warnings.warn(msg, StratgraphWarning, stacklevel=stacklevel + 1)


def _joined(value: str | Iterable[str]) -> str:
    return ", ".join(_split(value)) if isinstance(value, str) else ", ".join(value)


def _split(value: str) -> list[str]:
    """Return the items of a comma-separated text (the command line's ``--levels a,b``)."""
    return [item.strip() for item in value.split(",") if item.strip()]


def _values(option: str, value: object) -> list[str] | None:
    """Return a criterion as a list of texts: one text, or several (any of which may match)."""
    if value is None:
        return None
    if isinstance(value, str):
        # Level names hold no commas, so "a, b" is two levels, as on the command line; an
        # owner or agenda tag may hold one ("Børn, Unge og Familie"), and stays one text.
        return _split(value) if option == "levels" else [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping | bytes):
        values = list(value)
        if all(isinstance(v, str) for v in values):
            return values
    raise invalid(option, value, "a text or a list of texts")


def _level(canonical: str | None, text: str, smap: StrategyMap) -> str:
    if canonical is None:
        schema = smap.schema
        hint = did_you_mean(
            text, [a for lv in schema.levels for a in lv.aliases] + [*schema.level_names]
        )
        msg = f"a level of the schema {schema.name!r}{hint}: {schema.valid_types}"
        raise invalid("levels", text, msg)
    return canonical


def _known(smap: StrategyMap, option: str | None, element_id: str) -> None:
    if element_id not in smap:
        hint = smap._state.suggest(element_id)  # noqa: SLF001 - the map's own did-you-mean
        msg = f"element {element_id!r} is not in the map{hint}"
        raise UnknownElementError(f"{option}={element_id!r}: {msg}" if option else msg)


def _check_present(
    option: str, wanted: list[str], present: Iterable[str], smap: StrategyMap, what: str
) -> None:
    """Raise naming the first of ``wanted`` that no element has, and listing those there are."""
    there = list(dict.fromkeys(present))
    known = set(there)
    for value in wanted:
        if value in known:
            continue
        if not there:
            raise invalid(option, value, f"nothing: the map {smap.name!r} has no {what}")
        shown = ", ".join(map(repr, there[:SHOWN_VALUES]))
        more = len(there) - SHOWN_VALUES
        listed = shown + (f" and {more} more" if more > 0 else "")
        raise invalid(
            option, value, f"one of the map's {what}{did_you_mean(value, there)}: {listed}"
        )


def _narrow(kept: set[int] | None, rows: set[int]) -> set[int]:
    return rows if kept is None else kept & rows


def _reach(index: HierarchyIndex, starts: list[str], *, down: bool, steps: int | None) -> set[int]:
    """Return the rows of ``starts`` and of what lies ``steps`` hierarchy links below or above."""
    ptr, nxt = index.children_lists() if down else index.parents_lists()
    frontier = index.locate(starts).tolist()
    seen = set(frontier)
    step = 0
    while frontier and (steps is None or step < steps):
        found = []
        for i in frontier:
            for j in nxt[ptr[i] : ptr[i + 1]]:
                if j not in seen:
                    seen.add(j)
                    found.append(j)
        frontier = found
        step += 1
    return seen


def _beyond(smap: StrategyMap, cut: list[Link], chosen: Mapping[str, Element]) -> dict[str, int]:
    """Return what the chain reaches beyond each ``cut`` link, by the element inside, as bits.

    A parent outside brings itself and what lies above it, a child outside itself and what lies
    below it (see :func:`stratgraph.analysis._index.chain_flags`, computed on ``smap``).
    """
    if not cut:
        return {}
    index = index_of(smap)
    g, rank = index.goal_rank, index.rank.tolist()
    measure = smap.schema.measure_level
    rank_of_measure = index.level_names.index(measure) if measure is not None else -1
    above, at, down_at, work = (f.tolist() for f in chain_flags(index, rank_of_measure))
    ends = index.locate([end for link in cut for end in (link.source, link.target)]).tolist()
    bits: dict[str, int] = {}
    for k, link in enumerate(cut):
        parent, child = ends[2 * k], ends[2 * k + 1]
        if link.target in chosen:  # the parent is outside
            r = rank[parent]
            new = bool(r < g or above[parent]) | bool(r == g or at[parent]) << 1
            inside = link.target
        else:  # the child is outside
            r = rank[child]
            new = (
                bool(r == g or down_at[child]) << 2
                | bool((r > g and r != rank_of_measure) or work[child]) << 3
            )
            inside = link.source
        bits[inside] = bits.get(inside, 0) | new
    return bits


def _view(
    smap: StrategyMap, elements: list[Element], criteria: tuple[tuple[str, str], ...]
) -> StrategyMap:
    """Return a new map of ``elements`` (in map order), the links among them, and the cut."""
    chosen = {e.id: e for e in elements}
    links = []
    cut = []
    for link in smap.links:
        inside_source, inside_target = link.source in chosen, link.target in chosen
        if inside_source and inside_target:
            links.append(link)
        elif link.kind is LinkKind.HIERARCHY and (inside_source or inside_target):
            cut.append(link)
    outside = _beyond(smap, cut, chosen)
    parents_outside = {link.target for link in cut if link.target in chosen}
    children_outside = {link.source for link in cut if link.source in chosen}
    before = smap.view
    if before is not None:  # what the earlier view cut is still cut
        parents_outside.update(before.parents_outside.intersection(chosen))
        children_outside.update(before.children_outside.intersection(chosen))
        for eid, bits in before.outside.items():
            if eid in chosen:
                outside[eid] = outside.get(eid, 0) | bits
    view = View(
        criteria=(before.criteria if before is not None else ()) + criteria,
        whole=before.whole if before is not None else len(smap),
        levels=before.levels if before is not None else frozenset(e.type for e in smap),
        parents_outside=frozenset(parents_outside),
        children_outside=frozenset(children_outside),
        outside=outside,
    )
    measurements = [m for m in smap.measurements if m.element in chosen]
    state = MapState(schema=smap.schema, elements=chosen, links=links, measurements=measurements)
    # Any part of a valid map is valid (no new link, no new level order), so it is not checked
    # again; the constructor from a state is the map's own, hence the private call.
    part = type(smap)._from_state(state, **smap.metadata())  # noqa: SLF001
    part._view = view  # noqa: SLF001 - set once, by the views only
    return part
