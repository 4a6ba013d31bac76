"""Build a map from raw records, checking every rule of the model and collecting every problem.

Readers turn their rows into :class:`ElementRecord` and :class:`LinkRecord` (raw values plus the
place they came from); :func:`build` checks them all and either returns the parts of a valid map or
raises one :class:`~stratgraph.exceptions.ValidationError` that lists every problem with its place.
"""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from collections import ChainMap, deque
from collections.abc import Container, MutableMapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError as PydanticError

from stratgraph._util import gc_paused
from stratgraph.exceptions import Location, Problem, ValidationError, shorten
from stratgraph._build.measurements import MeasurementRecord, add_measurements
from stratgraph.model import Element, Link, LinkKind, Measurement, check_id

if TYPE_CHECKING:
    import numpy as np
    from stratgraph.period import Period
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from stratgraph.schema import Schema

__all__ = ["ElementRecord", "LinkRecord", "MapState", "build", "extend"]

V = TypeVar("V")
_READ_ONLY = "the elements of a map change only when a build succeeds"


@dataclass(slots=True)
class ElementRecord:
    """One element as read: its raw fields, where it was, and its parent and link cells."""

    fields: Mapping[str, Any] | Element
    where: Location = field(default_factory=Location)
    columns: Mapping[str, str] = field(default_factory=dict)
    parents: Sequence[str] = ()
    links: Sequence[tuple[str, str]] = ()


@dataclass(slots=True)
class LinkRecord:
    """One link as read (from a links table or the Python API), with where it was."""

    fields: Mapping[str, Any] | Link
    where: Location = field(default_factory=Location)
    columns: Mapping[str, str] = field(default_factory=dict)
    #: A link from a links table may add a note or weight to the same link named in the elements
    #: table (its parents or links cell) instead of being a duplicate of it.
    may_annotate: bool = False


@dataclass(slots=True)
class MapState:
    """The contents of a map: elements by id in insertion order, links in order.

    Two indexes serve the checks and are made from the links on first use: ``pairs`` (the
    unordered pair of ends → position in ``links``) and ``children``. A map that is only read
    and analysed never needs them, so :meth:`compact` drops them once a map is built.

    ``ends`` (2 × k) holds the places in ``elements`` of the source and target of the first k
    links, when the bulk builder made them while checking the links. Elements are only ever
    added at the end (a failed change takes off only what it added), so a place stays true; the
    analyses' index looks up the ends of any later link itself.
    """

    schema: Schema
    elements: dict[str, Element] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    ends: np.ndarray[Any, np.dtype[np.intp]] | None = None
    _measured: dict[tuple[str, str, Period], int] | None = None
    _pairs: dict[tuple[str, str], int] | None = None
    _children: dict[str, list[str]] | None = None
    _names: NameIndex | None = None

    @property
    def pairs(self) -> dict[tuple[str, str], int]:
        """Position in ``links`` of the link between each pair of elements (ends in order)."""
        if self._pairs is None:
            self._pairs = {_pair(k.source, k.target): i for i, k in enumerate(self.links)}
        return self._pairs

    @property
    def children(self) -> dict[str, list[str]]:
        """Hierarchy children of each element that has any, in link order."""
        if self._children is None:
            children: dict[str, list[str]] = {}
            for link in self.links:
                if link.kind is LinkKind.HIERARCHY:
                    children.setdefault(link.source, []).append(link.target)
            self._children = children
        return self._children

    @property
    def measured(self) -> dict[tuple[str, str, Period], int]:
        """Position in ``measurements`` of each (element, indicator, period) measured."""
        if self._measured is None:
            self._measured = {
                (m.element, m.indicator, m.period): i for i, m in enumerate(self.measurements)
            }
        return self._measured

    def compact(self) -> None:
        """Drop the indexes, to be made again when next needed."""
        self._pairs = self._children = self._measured = None
        self._names = None

    def suggest(self, name: str) -> str:
        """Return `` (did you mean 'X'?)`` for the element id closest to ``name``, or ``""``.

        An id that looks the same but writes a letter another way (``å`` as one character or
        as ``a`` and a ring) is named as such: the two print alike, and "did you mean" would
        offer what seems the very id refused.
        """
        other = other_form(name, self.elements)
        if other:
            return other
        self._names = NameIndex.fresh(self._names, self.elements, len(self.elements))
        best = self._names.closest(name)
        if best is not None and best not in self.elements:  # the ids changed, not their number
            self._names = NameIndex(self.elements)
            best = self._names.closest(name)
        return f" (did you mean {best!r}?)" if best is not None else ""

    def add_link(self, link: Link) -> None:
        """Append ``link`` (already checked)."""
        self.pairs[_pair(link.source, link.target)] = len(self.links)
        if link.kind is LinkKind.HIERARCHY:
            self.children.setdefault(link.source, []).append(link.target)
        self.links.append(link)


def other_form(name: str, known: Container[str]) -> str:
    """Return a hint if ``name`` is a known id written with other characters, else ``""``.

    ``å`` may be one character or ``a`` and a ring: the two print alike, so "did you mean"
    would offer what looks like the very id refused. The hint says what differs instead.
    """
    for form in ("NFC", "NFD"):
        same = unicodedata.normalize(form, name)
        if same != name and same in known:
            return (
                f" (it looks like {same!r} but writes a letter with other characters: "
                f"{_FORMS[form]}; write the ids of one file the same way)"
            )
    return ""


#: How each Unicode normal form writes a letter such as å, for messages.
_FORMS = {
    "NFC": "the map's id has it as one character, this one as a letter and a mark",
    "NFD": "the map's id has it as a letter and a mark, this one as one character",
}


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


#: What a missing or empty required field should hold.
_REQUIRED = {
    "id": "every element needs a unique id such as 'G1' or 'Mål-Æ1'",
    "type": "give a level of the schema such as 'effect_goal'",
    "title": "every element needs a title",
    "source": "a link needs the id of an existing element at each end",
    "target": "a link needs the id of an existing element at each end",
}


def _pydantic_problems(
    err: PydanticError, where: Location, columns: Mapping[str, str]
) -> list[Problem]:
    problems = []
    for e in err.errors():
        name = str(e["loc"][0]) if e["loc"] else None
        message = e["msg"].removeprefix("Value error, ")
        if e["type"] == "missing":
            hint = _REQUIRED.get(name or "")
            message = f"the {name} is empty or missing" + (f"; {hint}" if hint else "")
        elif e["type"].endswith("_parsing") or e["type"].endswith("_type"):
            message = f"{shorten(e['input'])!r} is not valid here: {message.lower()}"
        column = columns.get(name, name) if name else None
        if name == "indicators" and len(e["loc"]) > 2:  # noqa: PLR2004 - (field, index, subfield)
            column = f"indicators[{e['loc'][1]}].{e['loc'][2]}"
        problems.append(Problem(message, replace(where, column=column)))
    return problems


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """Return `` (did you mean 'X'?)`` for the closest of ``known`` to ``name``, or ``""``.

    Builds a :class:`NameIndex` of ``known``; to look up many names, keep one and call
    :meth:`NameIndex.suggest`.
    """
    return NameIndex(known).suggest(name)


class NameIndex:
    """The ids of a map, indexed so that the closest to a missing id is found in bounded time.

    A lookup scores with difflib only a few candidates: the ids next to the name in case-folded
    order (they share its longest beginning, so a slip near the end is found) and next to it in
    order of the reversed ids (a slip near the start), ``_NEAREST`` on each side of each, so
    that a lookup costs the same in a map of 50 ids or 50 000.
    """

    _NEAREST = 24  # ids taken on each side of the name in each order

    def __init__(self, known: Iterable[str]) -> None:
        self.names = list(dict.fromkeys(known))
        self.size = len(self.names)  # what the owner counted when it made the index
        self.rank = {n: i for i, n in enumerate(self.names)}
        self.folded: dict[str, str] = {}
        for n in self.names:
            self.folded.setdefault(n.casefold(), n)
        self.forward = sorted((n.casefold(), i) for i, n in enumerate(self.names))
        self.backward = sorted((n.casefold()[::-1], i) for i, n in enumerate(self.names))

    def __len__(self) -> int:
        return len(self.names)

    @classmethod
    def fresh(cls, index: NameIndex | None, known: Iterable[str], size: int) -> NameIndex:
        """Return ``index`` if it holds ``size`` ids (as many as ``known``), else a new index."""
        if index is not None and index.size == size:
            return index
        fresh = cls(known)
        fresh.size = size
        return fresh

    def suggest(self, name: str, exclude: str | None = None) -> str:
        """Return `` (did you mean 'X'?)`` for the id closest to ``name`` but ``exclude``."""
        other = other_form(name, self.rank)
        if other:
            return other
        best = self.closest(name, exclude)
        return f" (did you mean {best!r}?)" if best is not None else ""

    def closest(self, name: str, exclude: str | None = None) -> str | None:
        """Return the id closest to ``name`` (a case-insensitive match first), or ``None``.

        ``exclude`` is never returned: the other end of a link is no suggestion for this one.
        """
        folded = name.casefold()
        best = self.folded.get(folded)
        if best is None or best == exclude:
            near: set[int] = set()
            for order, key in ((self.forward, folded), (self.backward, folded[::-1])):
                at = bisect.bisect_left(order, (key, -1))
                near.update(i for _, i in order[max(0, at - self._NEAREST) : at + self._NEAREST])
            best = _closest(name, [self.names[i] for i in sorted(near) if self.names[i] != exclude])
        return best


def _closest(name: str, candidates: list[str]) -> str | None:
    """Return the candidate closest to ``name`` by difflib's ratio, at least 0.5; first of ties."""
    # Ids are short ('S9' against 'S1' scores 0.5), so the cutoff is below difflib's default;
    # of equally close ids the first in the map wins ('S1' rather than 'S2').
    best = None
    score = 0.5
    matcher = difflib.SequenceMatcher(b=name)
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < score or matcher.quick_ratio() < score:
            continue
        ratio = matcher.ratio()
        if ratio > score or (best is None and ratio >= score):
            best, score = candidate, ratio
    return best


class _View(MutableMapping[str, V]):
    """A read-only view of the map's elements; a ChainMap writes to the dict in front of it."""

    def __init__(self, elements: dict[str, Element]) -> None:
        self._elements = elements

    def __iter__(self) -> Iterator[str]:
        return iter(self._elements)

    def __len__(self) -> int:
        return len(self._elements)

    def __setitem__(self, eid: str, value: V) -> None:
        raise TypeError(_READ_ONLY)

    def __delitem__(self, eid: str) -> None:
        raise TypeError(_READ_ONLY)


class _Places(_View[Location]):
    """The place of each element already in the map: the element itself."""

    def __getitem__(self, eid: str) -> Location:
        if eid not in self._elements:
            raise KeyError(eid)
        return Location(element=eid)


class _Types(_View[str]):
    """The level of each element already in the map."""

    def __getitem__(self, eid: str) -> str:
        return self._elements[eid].type


class _Builder:
    def __init__(self, state: MapState) -> None:
        self.state = state
        self.problems: list[Problem] = []
        # Where each id was first defined, valid or not, so that links to an element with a bad
        # title do not also report "does not exist".
        # Both are views of the map's elements plus what this builder adds, so that adding one
        # element to a big map does not copy the map.
        self.defined: ChainMap[str, Location] = ChainMap({}, _Places(state.elements))
        self._names: NameIndex | None = None  # made on the first missing id
        # The level of each id defined with a known type, so that the links of an element with
        # another problem (a bad budget, say) are still checked for level order.
        self.types: ChainMap[str, str] = ChainMap({}, _Types(state.elements))
        self.annotatable: set[tuple[str, str]] = set()
        # Each unknown type once: the position of its problem, and every place that holds it.
        self.unknown_types: dict[str, tuple[int, list[Location]]] = {}
        # Ids written with a space around them, by the id without it: a reference to the id
        # without the space names the real fix, not the id with it as a did-you-mean.
        self.spaced: dict[str, str] = {}
        #: Whether the last element given to :meth:`element` repeated an id.
        self.repeated = False

    # -- elements ------------------------------------------------------------------------------

    def element(self, record: ElementRecord) -> str | None:
        schema = self.state.schema
        raw = record.fields
        eid: Any = raw.id if isinstance(raw, Element) else raw.get("id")

        def where() -> Location:  # built only when there is a problem to place
            return replace(record.where, element=eid if isinstance(eid, str) and eid else None)

        if isinstance(raw, Element):
            el: Element | None = raw
            raw_type: Any = raw.type
        else:
            raw_type = raw.get("type")
            try:
                el = Element.model_validate(raw)
            except PydanticError as err:
                self.problems.extend(_pydantic_problems(err, where(), record.columns))
                el = None
        canonical: str | None = None
        if isinstance(raw_type, str) and raw_type.strip():
            canonical = schema.resolve_type(raw_type)
            if canonical is None:
                at = replace(where(), column=record.columns.get("type", "type"))
                seen = self.unknown_types.get(raw_type)
                if seen is None:
                    self.unknown_types[raw_type] = (len(self.problems), [at])
                    self.problems.append(Problem(schema.unknown_type_message(raw_type), at))
                else:
                    seen[1].append(at)
                el = None
            elif el is not None and el.type != canonical:
                el = el.model_copy(update={"type": canonical})
        self.repeated = False
        if not isinstance(eid, str) or not eid:
            return None
        first = self.defined.get(eid)
        if first is not None:
            self.repeated = True
            col = record.columns.get("id", "id")
            place = str(replace(first, element=None))
            used = f"is already used ({place})" if place else "is already used"
            message = f"id {eid!r} {used}; every id must be unique"
            self.problems.append(Problem(message, replace(where(), column=col)))
            return None
        self.defined[eid] = record.where
        if eid != eid.strip():
            self.spaced.setdefault(eid.strip(), eid)
        if canonical is not None:
            self.types[eid] = canonical
        if el is not None:
            self.state.elements[eid] = el
        return eid

    # -- links ---------------------------------------------------------------------------------

    def link(self, record: LinkRecord) -> Link | None:
        raw = record.fields
        columns = record.columns
        if isinstance(raw, Link):
            link = raw
        else:
            try:
                link = Link.model_validate(raw)
            except PydanticError as err:
                bad_place = self._link_place(record.where, raw.get("source"))
                self.problems.extend(_pydantic_problems(err, bad_place, columns))
                # A bad kind or weight says nothing about the ends: a missing one is reported too.
                bad = {str(e["loc"][0]) for e in err.errors() if e["loc"]}
                ends = {raw.get(name): name for name in ("target", "source") if name not in bad}
                for end, name in ends.items():
                    if isinstance(end, str) and end and end not in self.defined:
                        far = raw.get("source" if name == "target" else "target")
                        self._missing(end, replace(bad_place, column=columns.get(name)), far)
                return None

        # Placed only when there is a problem: most links have none, and a map has many links.
        def where() -> Location:
            return self._link_place(record.where, link.source)

        ok = True
        for end, name in ((link.source, "source"), (link.target, "target")):
            if end not in self.defined:
                ok = False
                if name == "target" and end == link.source:
                    break  # one missing id, named once
                far = link.target if name == "source" else link.source
                self._missing(end, replace(where(), column=columns.get(name)), far)
        if link.source == link.target:
            message = (
                f"{link.kind.value} link from {link.source!r} to itself; "
                "a link joins two different elements"
            )
            self.problems.append(Problem(message, replace(where(), column=columns.get("target"))))
            return None
        if not ok:
            return None
        pair = _pair(link.source, link.target)
        index = self.state.pairs.get(pair)
        if index is not None:
            old = self.state.links[index]
            same = old.kind is link.kind and old.key == link.key
            if (
                record.may_annotate
                and same
                and pair in self.annotatable
                and old.note is None
                and old.weight is None
            ):
                # Same ends and kind, so the children index stays as it is; a tension link
                # may name them the other way round, so the kept places may not hold.
                self.state.links[index] = link
                self.state.ends = None
                self.annotatable.discard(pair)
                return link
            message = (
                f"{link.source!r} and {link.target!r} are already linked "
                f"({old.kind.value} {old.source!r} → {old.target!r}); two elements are linked "
                "at most once"
            )
            self.problems.append(Problem(message, replace(where(), column=columns.get("target"))))
            return None
        if link.kind is LinkKind.HIERARCHY and not self._level_order(link, where, columns):
            return None
        self.state.add_link(link)
        return link

    def _link_place(self, where: Location, source: object) -> Location:
        """Place a link's problem on its source element when the place names no element."""
        if where.element is None and isinstance(source, str) and source in self.defined:
            return replace(where, element=source)
        return where

    def _missing(self, end: str, where: Location, other: object = None) -> None:
        """Report that no element has the id ``end``; ``other`` (the link's far end) is no hint."""
        spaced = self.spaced.get(end)
        if spaced is not None:
            at = replace(self.defined[spaced], file=None, column=None, element=None)
            side = (
                "around it"
                if spaced[0].isspace() and spaced[-1].isspace()
                else "at the start"
                if spaced[0].isspace()
                else "at the end"
            )
            owner = f"{at}'s id" if str(at) else "the id"
            message = (
                f"element {end!r} does not exist: {owner} {spaced!r} has a space {side}; remove it"
            )
            self.problems.append(Problem(message, where))
            return
        # Ids are only added while a map is built: their number tells whether the index is
        # current (counted per part, as a ChainMap counts its union key by key).
        size = sum(map(len, self.defined.maps))
        self._names = NameIndex.fresh(self._names, self.defined, size)
        hint = self._names.suggest(end, other if isinstance(other, str) else None)
        self.problems.append(Problem(f"element {end!r} does not exist{hint}", where))

    def check_exists(self, end: str, where: Location) -> None:
        """Report ``end`` if no element has that id (for a row whose own id is taken)."""
        if end not in self.defined:
            self._missing(end, where)

    def finish(self) -> None:
        """Name every place of an unknown type in its one problem, the valid types given once."""
        schema = self.state.schema
        for text, (k, places) in self.unknown_types.items():
            if len(places) == 1:
                continue
            where = _places_text(places)
            message = schema.unknown_type_message(text, where=where)
            self.problems[k] = Problem(message, replace(places[0], element=None))

    def _level_order(
        self, link: Link, where: Callable[[], Location], columns: Mapping[str, str]
    ) -> bool:
        parent, child = link.source, link.target
        p_type, c_type = self.types.get(parent), self.types.get(child)
        if p_type is None or c_type is None:
            return True  # the element's type was invalid and is reported already
        schema = self.state.schema
        p_rank, c_rank = schema.rank(p_type), schema.rank(c_type)
        if p_rank < c_rank or (p_rank == c_rank and schema.levels[p_rank].nestable):
            return True
        if p_rank == c_rank:
            nestable = [lv.name for lv in schema.levels if lv.nestable] or ["none"]
            message = (
                f"{parent!r} and {child!r} are both {p_type}, and {p_type} is not "
                f"nestable; a parent must be at a higher level (nestable levels: "
                f"{', '.join(nestable)})"
            )
        else:
            message = (
                f"the parent {parent!r} ({p_type}) is at a lower level than its child "
                f"{child!r} ({c_type}); levels run {' → '.join(schema.level_names)}, "
                "and a hierarchy link points from parent down to child"
            )
        col = columns.get("target") if columns.get("target") == "parents" else columns.get("source")
        place = replace(where(), column=col or columns.get("target"))
        self.problems.append(Problem(message, place))
        return False

    # -- cycles --------------------------------------------------------------------------------

    def cycles(self, where_of: Mapping[tuple[str, str], Location]) -> None:
        children = self.state.children
        # Every id defined, valid or not: a link to an element reported invalid is still kept
        # (so that it is not also reported missing), and may be part of a cycle.
        indegree: dict[str, int] = dict.fromkeys(self.defined, 0)
        for kids in children.values():
            for kid in kids:
                indegree[kid] += 1
        queue = deque(n for n, d in indegree.items() if d == 0)
        while queue:
            node = queue.popleft()
            for child in children.get(node, ()):
                indegree[child] -= 1
                if indegree[child] == 0:
                    queue.append(child)
        remaining = {n for n, d in indegree.items() if d > 0}
        if not remaining:
            return
        # Every element left by Kahn's algorithm has a parent that is left too, so walking *up*
        # from any of them ends in a cycle; a walk that meets an earlier walk adds nothing new.
        parent_of: dict[str, str] = {}
        for parent, kids in children.items():
            if parent in remaining:
                for kid in kids:
                    if kid in remaining:
                        parent_of.setdefault(kid, parent)
        walked: set[str] = set()
        for start in (n for n in self.defined if n in remaining):
            order: dict[str, int] = {}
            node = start
            while node not in order and node not in walked:
                order[node] = len(order)
                node = parent_of[node]
            walked.update(order)
            if node not in order:
                continue
            cycle = [n for n, i in order.items() if i >= order[node]]
            cycle.reverse()  # top-down: each element is the parent of the next
            cycle = _from_first(cycle, self.defined)
            message = (
                f"hierarchy cycle: {_cycle_text(cycle)}; a chain runs from the top level down and "
                "never returns to where it started"
            )
            where = where_of.get((cycle[-1], cycle[0]), Location(element=cycle[0]))
            self.problems.append(Problem(message, where))


def _places_text(places: Sequence[Location]) -> str:
    """Say where several problems of one kind are: ``rows 2, 5, 9 and 14 more``."""
    if all(p.row is not None for p in places):
        noun, marks = "rows", [str(p.row) for p in places]
    elif all(p.line is not None for p in places):
        noun, marks = "lines", [str(p.line) for p in places]
    else:
        noun, marks = "elements", [repr(p.element or p.item or "?") for p in places]
    shown = 3
    if len(marks) <= shown + 1:
        return f"{noun} {', '.join(marks[:-1])} and {marks[-1]}"
    return f"{noun} {', '.join(marks[:shown])} and {len(marks) - shown} more"


def _from_first(cycle: list[str], order: Iterable[str]) -> list[str]:
    """Rotate ``cycle`` to start at the element that comes first in ``order`` (map order)."""
    members = set(cycle)
    first = next((n for n in order if n in members), cycle[0])
    k = cycle.index(first)
    return cycle[k:] + cycle[:k]


def _cycle_text(cycle: Sequence[str]) -> str:
    return " → ".join([*cycle, cycle[0]])


def _path_down(start: str, goal: str, children: Mapping[str, list[str]]) -> list[str] | None:
    """Return the hierarchy path from ``start`` down to ``goal`` (both included), or ``None``."""
    came_from: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [node]
            while (step := came_from[path[-1]]) is not None:
                path.append(step)
            return path[::-1]
        for child in children.get(node, ()):
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    return None


def _references(record: ElementRecord) -> Iterator[tuple[str, Location]]:
    """Yield the ids a record's parent and link cells name, each with its cell."""
    eid = record.fields.id if isinstance(record.fields, Element) else record.fields.get("id")
    where = replace(record.where, element=eid if isinstance(eid, str) else None)
    parents = replace(where, column=record.columns.get("parents", "parents"))
    links = replace(where, column=record.columns.get("links", "links"))
    yield from ((parent, parents) for parent in record.parents)
    yield from ((target, links) for _, target in record.links)


def _valid_id(eid: str) -> bool:
    try:
        check_id(eid)
    except ValueError:
        return False
    return True


def _build(
    schema: Schema,
    elements: Iterable[ElementRecord],
    links: Iterable[LinkRecord] = (),
    measurements: Iterable[MeasurementRecord] = (),
    *,
    problems: Iterable[Problem] = (),
) -> MapState:
    """Do the work of :func:`build`, which runs it with the cyclic collector paused."""
    state = MapState(schema=schema)
    builder = _Builder(state)
    given = list(problems)
    builder.problems.extend(given)
    pending: list[LinkRecord] = []
    row_ids: dict[tuple[str | None, str | None, int], str] = {}
    # The references of a row whose id is taken: its links are not made, but a missing parent
    # in it is a problem of its own.
    orphaned: list[tuple[str, Location]] = []
    for record in elements:
        eid = builder.element(record)
        if builder.repeated:
            orphaned.extend(_references(record))
        raw_id = record.where.element or (eid if eid is not None else None)
        if record.where.row is not None and raw_id:
            row_ids.setdefault((record.where.file, record.where.sheet, record.where.row), raw_id)
        # The links of an element whose own id is malformed would only repeat that problem.
        if eid is None or not _valid_id(eid) or not (record.parents or record.links):
            continue
        where = replace(record.where, element=eid)
        parents_col = record.columns.get("parents", "parents")
        pending.extend(
            LinkRecord(
                {"source": parent, "target": eid, "kind": LinkKind.HIERARCHY},
                where,
                {"source": parents_col, "target": parents_col},
            )
            for parent in record.parents
        )
        links_col = record.columns.get("links", "links")
        for kind, target in record.links:
            pending.append(
                LinkRecord(
                    {"source": eid, "target": target, "kind": kind},
                    where,
                    {"source": links_col, "target": links_col, "kind": links_col},
                )
            )
    for end, where in orphaned:
        builder.check_exists(end, where)
    where_of: dict[tuple[str, str], Location] = {}
    for cell in pending:
        link = builder.link(cell)
        if link is not None:
            builder.annotatable.add(_pair(link.source, link.target))
            where_of[(link.source, link.target)] = replace(
                cell.where, column=cell.columns.get("target")
            )
    for row in links:
        link = builder.link(row)
        if link is not None:
            element = row.where.element or link.source
            where_of[(link.source, link.target)] = replace(
                row.where, column=row.columns.get("target"), element=element
            )
    builder.cycles(where_of)
    add_measurements(state, measurements, builder.problems, defined=builder.defined)
    if builder.problems:
        builder.finish()
        # A reader's problem (a number it could not parse, say) names its row; name its element.
        for i, problem in enumerate(given):
            loc = problem.location
            eid = row_ids.get((loc.file, loc.sheet, loc.row)) if loc.row is not None else None
            if eid is not None and loc.element is None:
                builder.problems[i] = replace(problem, location=replace(loc, element=eid))
        raise ValidationError(builder.problems)
    state.compact()
    return state


def build(
    schema: Schema,
    elements: Iterable[ElementRecord],
    links: Iterable[LinkRecord] = (),
    measurements: Iterable[MeasurementRecord] = (),
    *,
    problems: Iterable[Problem] = (),
) -> MapState:
    """Check every record and return the contents of a valid map, or raise ``ValidationError``.

    Parent cells come first (in element order), then link cells, then the links table, then
    the measurements.
    ``problems`` found earlier by a reader (a number it could not parse, say) are reported first,
    together with everything found here.
    """
    with gc_paused():
        return _build(schema, elements, links, measurements, problems=problems)


def extend(
    state: MapState,
    elements: Iterable[ElementRecord] = (),
    links: Iterable[LinkRecord] = (),
    measurements: Iterable[MeasurementRecord] = (),
) -> list[Measurement]:
    """Add records to an existing map's state, or raise ``ValidationError`` and leave it as it was.

    Returns the measurements as stored, one for each measurement record (see
    :func:`~stratgraph._build.measurements.add_measurements`).

    Only the new hierarchy links are checked for cycles (a search below each new child), so adding
    one element or link costs what its neighbourhood costs, not the whole map.
    """
    n_links = len(state.links)
    builder = _Builder(state)
    added: list[str] = []
    pending: list[LinkRecord] = []
    for record in elements:
        eid = builder.element(record)
        if eid is not None:
            added.append(eid)
            where = replace(record.where, element=eid)
            columns = {"source": "parents", "target": "parents"}
            pending.extend(
                LinkRecord({"source": p, "target": eid}, where, columns) for p in record.parents
            )
    for link_record in (*pending, *links):
        builder.link(link_record)
    for link in state.links[n_links:]:
        down = _path_down(link.target, link.source, state.children)
        if link.kind is LinkKind.HIERARCHY and down is not None:
            cycle = _from_first(down, state.elements)
            message = (
                f"hierarchy cycle: {_cycle_text(cycle)}, closed by the link "
                f"{link.source!r} → {link.target!r}; a chain runs from the top level down and "
                "never returns to where it started"
            )
            builder.problems.append(Problem(message, Location(element=link.source)))
            break
    n_measurements = len(state.measurements)
    stored = add_measurements(state, measurements, builder.problems, defined=builder.defined)
    if builder.problems:
        del state.measurements[n_measurements:]
        state._measured = None  # noqa: SLF001 - the state's own index, made again on next use
        builder.finish()
        for link in state.links[n_links:]:
            del state.pairs[_pair(link.source, link.target)]
            if link.kind is LinkKind.HIERARCHY:
                kids = state.children[link.source]
                kids.pop()
                if not kids:
                    del state.children[link.source]
        del state.links[n_links:]
        for eid in added:
            state.elements.pop(eid, None)
        raise ValidationError(builder.problems)
    return stored
