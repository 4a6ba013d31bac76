"""Build a map from whole columns at once: the fast path for tables that break no rule.

:func:`stratgraph._build.records.build` checks one record at a time so that it can name every
problem with its place; at a hundred thousand rows that costs seconds of per-element validation.
:func:`build_columns` applies the same rules (those of :mod:`stratgraph.model` and
:mod:`stratgraph._build.records`) a column at a time and makes the records without validating
them again.
It answers only "valid" or "not valid": for a table with any problem it returns ``None``, and
the caller runs the record-by-record checker, which reports every problem with its place. So a
rule may be checked more strictly here than there, never less; ``tests/io/test_columns.py`` holds
the two paths to the same answers.
"""

from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from pydantic import BaseModel

from stratgraph._build.records import MapState
from stratgraph.model import (
    followup_of,
    CONTROL_IN_TEXT,
    FORBIDDEN_IN_ID,
    FORBIDDEN_IN_TAG,
    ELEMENT_FIELDS,
    FIELD_ALIASES,
    Element,
    Indicator,
    Link,
    LinkKind,
)
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from stratgraph.schema import Schema

__all__ = ["LinkRow", "build_columns", "construct"]

M = TypeVar("M", bound=BaseModel)

#: A link as read: source, target, kind (text or LinkKind), note, weight, and the names of the
#: fields its row gave (the model's ``model_fields_set``).
LinkRow = tuple[str, str, "str | LinkKind", "str | None", "float | None", frozenset[str]]

_set = object.__setattr__
_TEXT_FIELDS = ("description", "owner", "status")
_CELL_FIELDS = frozenset({"source", "target", "kind"})
#: The element fields a column may give (indicators and attrs come apart).
_COLUMN_FIELDS = frozenset(
    {
        *("id", "type", "title", *_TEXT_FIELDS, "agenda", "start", "end", "budget"),
        *("indicators", "followup"),
    }
)


def construct(cls: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    """Make a model from values already checked, as ``model_construct`` does but faster.

    ``values`` must hold every field. ``fields_set`` may be shared between records: frozen
    models never change it, and ``model_copy`` copies it before adding to it.
    """
    record = cls.__new__(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", fields_set)
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


class _Shared:
    """One ``set`` per distinct combination of field names, shared by the records that have it."""

    def __init__(self) -> None:
        self._sets: dict[frozenset[str], set[str]] = {}

    def __call__(self, names: frozenset[str]) -> set[str]:
        found = self._sets.get(names)
        if found is None:
            found = self._sets[names] = set(names)
        return found


def _texts_ok(values: Iterable[str | None]) -> bool:
    """Whether every value is text with no control character but tabs and line breaks."""
    present = [v for v in values if v is not None]
    if any(type(v) is not str for v in present):
        return False
    return CONTROL_IN_TEXT.search("\n".join(present)) is None


def _one_line_breaks(values: list[str | None]) -> list[str | None]:
    r"""Turn ``\r\n`` and ``\r`` into ``\n``, as the model does."""
    return [
        v.replace("\r\n", "\n").replace("\r", "\n") if v is not None and "\r" in v else v
        for v in values
    ]


def _one_line_break_tags(tags: tuple[str, ...] | None) -> tuple[str, ...] | None:
    r"""Turn ``\r\n`` and ``\r`` in tags into ``\n``, as the model does."""
    if tags is None or not any(isinstance(t, str) and "\r" in t for t in tags):
        return tags
    return tuple(
        t.replace("\r\n", "\n").replace("\r", "\n") if isinstance(t, str) else t for t in tags
    )


def _ids_ok(ids: Sequence[Any]) -> bool:
    if any(type(v) is not str or not v or v != v.strip() for v in ids):
        return False
    return FORBIDDEN_IN_ID.search(" ".join(ids)) is None and len(set(ids)) == len(ids)


def _agendas_ok(agendas: Iterable[tuple[str, ...] | None]) -> bool:
    for tags in set(agendas):
        if tags is None:
            continue
        if len(set(tags)) != len(tags):
            return False
        for tag in tags:
            if type(tag) is not str or not tag or tag != tag.strip():
                return False
            if FORBIDDEN_IN_TAG.search(tag):
                return False
    return True


def _numbers_ok(fields: Mapping[str, Sequence[Any]]) -> bool:
    budgets = fields.get("budget")
    if budgets is not None:
        for budget in set(budgets):
            if budget is not None and (
                type(budget) is not float or not math.isfinite(budget) or budget < 0
            ):
                return False
    for year in ("start", "end"):
        years = fields.get(year)
        if years is not None and any(y is not None and type(y) is not int for y in set(years)):
            return False
    starts, ends = fields.get("start"), fields.get("end")
    if starts is not None and ends is not None:
        return all(s is None or e is None or e >= s for s, e in zip(starts, ends, strict=True))
    return True


def _attr_names_ok(names: Iterable[str]) -> bool:
    for key in names:
        if (
            type(key) is not str
            or not key.strip()
            or key != key.strip()
            or CONTROL_IN_TEXT.search(key)
            or FIELD_ALIASES.get(normalise_name(key)) is not None
        ):
            return False
    return True


def _element_columns(
    schema: Schema,
    fields: Mapping[str, Sequence[Any]],
    attrs: Mapping[str, Sequence[Any]],
    indicators: Mapping[str, tuple[Indicator, ...]],
) -> dict[str, Sequence[Any]] | None:
    """Check the element columns; return them as the elements will hold them, or ``None``."""
    ids = fields["id"]
    if not _ids_ok(ids) or set(fields) - _COLUMN_FIELDS or not set(indicators) <= set(ids):
        return None
    raw_types = fields["type"]
    canonical: dict[Any, str | None] = {}
    for raw in set(raw_types):
        if type(raw) is not str or not raw.strip():
            return None
        canonical[raw] = schema.resolve_type(raw)
    if None in canonical.values():
        return None
    titles = fields["title"]
    if any(type(t) is not str or not t.strip() for t in titles) or not _texts_ok(titles):
        return None
    columns: dict[str, Sequence[Any]] = {
        "id": ids,
        "type": [canonical[t] for t in raw_types],
        "title": _one_line_breaks(list(titles)),
    }
    for name in _TEXT_FIELDS:
        values = fields.get(name)
        if values is not None:
            if not _texts_ok(values):
                return None
            columns[name] = _one_line_breaks(list(values))
    agendas = fields.get("agenda")
    if agendas is not None:
        agendas = [_one_line_break_tags(tags) for tags in agendas]
        if not _agendas_ok(agendas):
            return None
        columns["agenda"] = agendas
    if not _numbers_ok(fields):
        return None
    for name in ("start", "end", "budget"):
        if name in fields:
            columns[name] = fields[name]
    followups = fields.get("followup")
    if followups is not None:
        read = {v: followup_of(v) for v in set(followups) if v is not None}
        if None in read.values():
            return None  # the record checker names the cell and the valid words
        columns["followup"] = [None if v is None else read[v] for v in followups]
    listed = fields.get("indicators")
    if listed is not None:
        if any(v is not None and any(type(i) is not Indicator for i in v) for v in listed):
            return None
        columns["indicators"] = listed
    if not _indicator_names_ok(ids, listed, indicators):
        return None
    if not _attr_names_ok(attrs) or not all(
        _texts_ok(v for v in values if type(v) is str) for values in attrs.values()
    ):
        return None
    return columns


def _indicator_names_ok(
    ids: Sequence[Any],
    listed: Sequence[tuple[Indicator, ...] | None] | None,
    indicators: Mapping[str, tuple[Indicator, ...]],
) -> bool:
    """Return whether no element would have two indicators of one name (measurements name them)."""
    def unique(found: tuple[Indicator, ...]) -> bool:
        return len(found) < 2 or len({normalise_name(x.name) for x in found}) == len(found)  # noqa: PLR2004

    if listed is None:
        return all(unique(found) for found in indicators.values())
    return all(
        unique((*(own or ()), *indicators.get(eid, ())))
        for eid, own in zip(ids, listed, strict=True)
        if own or eid in indicators
    )


def _make_elements(
    columns: Mapping[str, Sequence[Any]],
    attrs: Mapping[str, Sequence[Any]],
    indicators: Mapping[str, tuple[Indicator, ...]],
) -> dict[str, Element]:
    names = [f for f in ELEMENT_FIELDS if f in columns]
    empty: dict[str, Any] = {f: Element.model_fields[f].default for f in ELEMENT_FIELDS}
    shared = _Shared()
    attr_items = list(attrs.items())
    elements: dict[str, Element] = {}
    for i, row in enumerate(zip(*(columns[f] for f in names), strict=True)):
        given = {f: v for f, v in zip(names, row, strict=True) if v is not None}
        values = {**empty, **given}
        if attr_items:
            values["attrs"] = {k: v[i] for k, v in attr_items if v[i] is not None}
            if values["attrs"]:
                given["attrs"] = True
        else:
            values["attrs"] = {}
        if indicators:
            found = indicators.get(values["id"])
            if found:
                values["indicators"] = (*values["indicators"], *found)
                given["indicators"] = True
        elements[values["id"]] = construct(Element, values, shared(frozenset(given)))
    return elements


def _kinds(texts: Iterable[str | LinkKind]) -> dict[str | LinkKind, LinkKind] | None:
    kinds: dict[str | LinkKind, LinkKind] = {}
    for text in set(texts):
        try:
            kinds[text] = LinkKind.parse(text)
        except ValueError:
            return None
    return kinds


def _check_links(
    position: Mapping[str, int],
    ranks: Sequence[int],
    nestable: Sequence[bool],
    cells: Sequence[tuple[str, str, str | LinkKind]],
    rows: Sequence[LinkRow],
) -> tuple[list[dict[str, Any]], list[set[str]], tuple[list[int], list[int]]] | None:
    """Check the links as :meth:`_Builder.link` does, or return ``None``.

    ``position`` gives each element's place in the map and ``ranks`` its level's rank. Returns
    each link's values, the fields its row gave, and the places of its two ends, in map order.
    """
    kinds = _kinds([c[2] for c in cells] + [r[2] for r in rows])
    if kinds is None:
        return None
    shared = _Shared()
    links: list[dict[str, Any]] = []
    given: list[set[str]] = []
    pairs: dict[tuple[str, str], int] = {}
    from_cells = shared(_CELL_FIELDS)
    sources: list[int] = []
    targets: list[int] = []
    at = position.get
    for source, target, text in cells:
        pair = (source, target) if source <= target else (target, source)
        s, t = at(source), at(target)
        if s is None or t is None or source == target or pair in pairs:
            return None
        pairs[pair] = len(links)
        sources.append(s)
        targets.append(t)
        links.append(
            {"source": source, "target": target, "kind": kinds[text], "note": None, "weight": None}
        )
        given.append(from_cells)
    # A link named in a cell may be annotated (given a note or weight) by one row of the table.
    annotated: set[int] = set()
    for source, target, text, note, weight, fields in rows:
        kind = kinds[text]
        if type(source) is not str or type(target) is not str:
            return None
        s, t = at(source), at(target)
        if s is None or t is None or source == target:
            return None
        if note is not None and (type(note) is not str or not _texts_ok([note])):
            return None
        if weight is not None and (type(weight) is not float or not math.isfinite(weight)):
            return None
        link: dict[str, Any] = {
            "source": source,
            "target": target,
            "kind": kind,
            "note": _one_line_breaks([note])[0] or None,
            "weight": weight,
        }
        pair = (source, target) if source <= target else (target, source)
        index = pairs.get(pair)
        if index is None:
            pairs[pair] = len(links)
            links.append(link)
            given.append(shared(fields))
            sources.append(s)
            targets.append(t)
            continue
        old = links[index]
        if (
            index >= len(cells)  # links from the table are not annotated, only repeated
            or index in annotated
            or old["kind"] is not kind
            or old["note"] is not None
            or old["weight"] is not None
            or (kind is not LinkKind.TENSION and old["source"] != source)
        ):
            return None  # a second link between the same two elements
        links[index] = link
        given[index] = shared(fields)
        # a tension link's row may name its ends the other way round
        sources[index], targets[index] = s, t
        annotated.add(index)
    del pairs
    # Along a chain the level never rises, so a cycle can only run through links between
    # elements of one (nestable) level: only those are searched.
    within: dict[str, list[str]] = {}
    hierarchy = LinkKind.HIERARCHY
    for link, s, t in zip(links, sources, targets, strict=True):
        if link["kind"] is hierarchy:
            p, c = ranks[s], ranks[t]
            if p > c:
                return None
            if p == c:
                if not nestable[p]:
                    return None
                within.setdefault(link["source"], []).append(link["target"])
    if _has_cycle({n for kids in within.values() for n in kids} | set(within), within):
        return None
    return links, given, (sources, targets)


def build_columns(
    schema: Schema,
    fields: Mapping[str, Sequence[Any]],
    *,
    attrs: Mapping[str, Sequence[Any]] | None = None,
    indicators: Mapping[str, tuple[Indicator, ...]] | None = None,
    cells: Sequence[tuple[str, str, str | LinkKind]] = (),
    rows: Sequence[LinkRow] = (),
    release: Callable[[], None] | None = None,
) -> MapState | None:
    """Return the contents of a valid map, or ``None`` if any rule is broken.

    Parameters
    ----------
    fields
        Element field → one value per element (``None`` where the cell is empty); ``id``,
        ``type`` and ``title`` are required. Values are as the readers parse them: text,
        ``int`` years, ``float`` budgets, ``tuple`` agendas.
    attrs
        Further columns: attribute name → one value per element (``None`` where empty).
    indicators
        The indicators of each element that has any, by id, already validated.
    cells
        Links named in elements' cells, as (source, target, kind), in element order: the
        parents of an element, then its links cell. Each such link may be annotated once by a
        row of ``rows`` with the same ends and kind.
    rows
        Links from a links table, as :data:`LinkRow`.
    release
        Called once everything is checked and before the records are made, so that the caller
        can let go of what it read (the rows of a big file) before the map takes its place.
    """
    attrs = attrs or {}
    indicators = indicators or {}
    columns = _element_columns(schema, fields, attrs, indicators)
    if columns is None:
        return None
    levels = {name: i for i, name in enumerate(schema.level_names)}
    ranks = list(map(levels.__getitem__, columns["type"]))
    position = {eid: i for i, eid in enumerate(columns["id"])}
    nestable = [level.nestable for level in schema.levels]
    checked = _check_links(position, ranks, nestable, cells, rows)
    if checked is None:
        return None
    del ranks, position
    if release is not None:
        release()
    elements = _make_elements(columns, attrs, indicators)
    del columns
    values, given, ends = checked
    links = [construct(Link, *pair) for pair in zip(values, given, strict=True)]
    # Every end was looked up above; the analyses' index takes the places from here.
    places = np.array(ends, dtype=np.intp).reshape(2, len(links))
    return MapState(schema=schema, elements=elements, links=links, ends=places)


def _has_cycle(ids: Iterable[str], children: Mapping[str, list[str]]) -> bool:
    """Whether the hierarchy has a cycle (Kahn's algorithm leaves elements behind)."""
    indegree = dict.fromkeys(ids, 0)
    for kids in children.values():
        for kid in kids:
            indegree[kid] += 1
    queue = deque(n for n, d in indegree.items() if d == 0)
    seen = 0
    while queue:
        node = queue.popleft()
        seen += 1
        for child in children.get(node, ()):
            indegree[child] -= 1
            if indegree[child] == 0:
                queue.append(child)
    return seen != len(indegree)
