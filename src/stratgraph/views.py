"""Views of a big map: the part chosen by level, id, branch, owner or agenda, or around one element.

A view is a new :class:`~stratgraph.StrategyMap` holding the chosen elements (the same objects, in
map order) and the links among them, so that every analysis, plot and writer takes it as it is.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from stratgraph._build import MapState
from stratgraph._build.records import did_you_mean
from stratgraph._options import check_whole, invalid
from stratgraph.analysis._index import index_of
from stratgraph.exceptions import StratgraphWarning, UnknownElementError, shorten

if TYPE_CHECKING:
    from stratgraph.analysis._index import HierarchyIndex
    from stratgraph.model import Element
    from stratgraph.strategy_map import StrategyMap

__all__ = ["focus", "subset"]

#: The most owners or agenda tags an error lists; a map may have hundreds of units.
SHOWN_VALUES = 12


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
    return _view(smap, chosen)


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
    return _view(smap, [index.elements[i] for i in sorted(kept)])


def _values(option: str, value: object) -> list[str] | None:
    """Return a criterion as a list of texts: one text, or several (any of which may match)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
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


def _view(smap: StrategyMap, elements: list[Element]) -> StrategyMap:
    """Return a new map of ``elements`` (in map order) and the links among them."""
    chosen = {e.id: e for e in elements}
    links = [link for link in smap.links if link.source in chosen and link.target in chosen]
    state = MapState(schema=smap.schema, elements=chosen, links=links)
    # Any part of a valid map is valid (no new link, no new level order), so it is not checked
    # again; the constructor from a state is the map's own, hence the private call.
    return type(smap)._from_state(state, **smap.metadata())  # noqa: SLF001
