"""Tables read a column at a time: the fast path of :func:`~.read.map_from_tables`.

A table with nothing wrong becomes columns of parsed values (text, years, budgets, agendas) and a
list of links, which :func:`stratgraph._build.columns.build_columns` checks and builds in bulk.
At the first sign of a problem :func:`state_from_tables` returns ``None``, and the reader goes
row by row (:mod:`~stratgraph.io._tables.rows`) to name every problem with its place.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from stratgraph._build import LinkRow, build_columns
from stratgraph._numbers import AS_WRITTEN, Column, Foreign
from stratgraph.io._tables.cells import attr_value, cell_text, is_blank, read_cell, split_cell
from stratgraph.io._tables.headers import LINK_ALIASES, map_header
from stratgraph.io._tables.rows import indicators_by_element
from stratgraph.model import FIELD_ALIASES, LinkKind

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from stratgraph._build import MapState
    from stratgraph.exceptions import Problem
    from stratgraph.io._tables.headers import Table
    from stratgraph.schema import Schema

__all__ = ["state_from_tables"]

_TEXT = ("id", "type", "title", "description", "owner", "status", "followup")
#: Columns whose few distinct values are worth sharing between elements (memory, not speed).
_SHARED_TEXT = ("type", "owner", "status", "followup")


_UNSEEN = object()


class _Declined(Exception):  # noqa: N818 - a signal, not an error: the slow path takes over
    """The table has something the record-by-record checker must look at."""


def state_from_tables(
    elements: Table,
    links: Table | None,
    indicators: Table | None,
    schema: Schema,
) -> MapState | None:
    """Return the contents of the map the tables hold, or ``None`` if any cell needs a look."""
    try:
        fields, attrs = _element_columns(elements)
        cells = _cell_links(fields)
        rows = _table_links(links) if links is not None else []
        found = {}
        if indicators is not None:
            problems: list[Problem] = []
            found = indicators_by_element(indicators, set(fields["id"]), problems)
            if problems:
                return None
    except _Declined:
        return None
    del fields["parents"], fields["links"]

    def release() -> None:  # the cells are checked and parsed: the rows are no longer needed
        for table in (elements, links, indicators):
            if table is not None:
                table.rows = ()

    return build_columns(
        schema, fields, attrs=attrs, indicators=found, cells=cells, rows=rows, release=release
    )


def _columns(table: Table, aliases: dict[str, str]) -> dict[str, list[Any]]:
    """Return field → cells (blank as ``None``, formula quotes undone) for a clean header."""
    problems: list[Problem] = []
    mapping = map_header(table, aliases, problems)
    if problems:
        raise _Declined
    width = len(table.header)
    rows = [cells for _, cells in table.rows]
    if any(len(cells) != width for cells in rows):
        if any(not is_blank(c) for cells in rows for c in cells[width:]):
            raise _Declined  # a value in a column without a header
        rows = [[*cells[:width], *[None] * (width - len(cells))] for cells in rows]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
    out: dict[str, list[Any]] = {}
    for index, field in enumerate(mapping[i] for i in range(width)):
        values = _values(columns[index], neutralised=table.neutralised)
        if not field:
            if any(v is not None for v in values):
                raise _Declined  # a value under a blank header
            continue
        if field in out:
            raise _Declined  # two columns of the same attribute name
        out[field] = values
    return out


def _values(cells: Sequence[Any], *, neutralised: bool) -> list[Any]:
    out: list[Any] = []
    append = out.append
    for cell in cells:
        if type(cell) is str:
            if not cell or cell.isspace():
                append(None)
            elif neutralised and cell[0] in "'j":
                append(read_cell(cell))
            else:
                append(cell)
        elif is_blank(cell):
            append(None)
        else:
            append(cell)
    return out


def _element_columns(table: Table) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    if not table.header:
        raise _Declined
    columns = _columns(table, FIELD_ALIASES)
    if not {"id", "type", "title"} <= set(columns) or "attrs" in columns:
        raise _Declined
    n = len(table.rows)
    fields: dict[str, list[Any]] = {}
    attrs: dict[str, list[Any]] = {}
    for name, values in columns.items():
        if name.startswith("attr:"):
            try:
                parsed = [attr_value(v) for v in values]
            except ValueError:
                raise _Declined from None  # the row by row reader names the cell
            if any(p is None and v is not None for p, v in zip(parsed, values, strict=True)):
                raise _Declined  # json:null is a value, which None in a column is not
            attrs[name[5:]] = parsed
        elif name in _TEXT:
            texts = [v if v is None or type(v) is str else cell_text(v) for v in values]
            fields[name] = _shared(texts) if name in _SHARED_TEXT else texts
        elif name == "agenda":
            fields[name] = _parsed(values, lambda v: tuple(split_cell(v)))
        elif name in ("start", "end"):
            fields[name] = _parsed(values, functools.partial(_year, column=table.numbers[name]))
        elif name == "budget":
            fields[name] = _parsed(values, table.numbers[name].read)
        elif name == "indicators":  # a DataFrame's column of Indicator lists
            if any(v is not None and not isinstance(v, list | tuple) for v in values):
                raise _Declined
            fields[name] = [v if v is None else tuple(v) for v in values]
        else:  # parents and links
            fields[name] = values
    for name in ("parents", "links"):
        fields.setdefault(name, [None] * n)
    _keep_foreign(fields, attrs)
    return fields, attrs


def _keep_foreign(fields: dict[str, list[Any]], attrs: dict[str, list[Any]]) -> None:
    """Move budgets in another currency than the map's out of the budgets, into an attribute."""
    budgets = fields.get("budget")
    if budgets is None or not any(type(b) is Foreign for b in budgets):
        return
    kept = attrs.get(AS_WRITTEN) or [None] * len(budgets)
    for i, budget in enumerate(budgets):
        if type(budget) is Foreign:
            if kept[i] is not None:
                raise _Declined  # two values for one attribute: the checker names the cell
            kept[i] = budget.text
    attrs[AS_WRITTEN] = kept
    fields["budget"] = [None if type(b) is Foreign else b for b in budgets]


def _shared(values: list[Any]) -> list[Any]:
    """Return the values with equal ones made one object (the file gives each cell its own)."""
    seen: dict[Any, Any] = {}
    return [seen.setdefault(v, v) for v in values]


def _parsed(values: list[Any], parse: Callable[[Any], Any]) -> list[Any]:
    """Parse each cell, each distinct text once; raise ``_Declined`` if one does not parse."""
    cache: dict[str, Any] = {}
    out: list[Any] = []
    try:
        for value in values:
            if value is None:
                out.append(None)
            elif type(value) is str:
                parsed = cache.get(value, _UNSEEN)
                if parsed is _UNSEEN:
                    parsed = cache[value] = parse(value)
                out.append(parsed)
            else:
                out.append(parse(value))
    except ValueError:
        raise _Declined from None
    return out


def _year(value: Any, *, column: Column) -> int | None:
    number = column.number(value)
    if number is None:
        return None
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _cell_links(fields: dict[str, list[Any]]) -> list[tuple[str, str, str | LinkKind]]:
    """Return the links in parents and links cells, in element order; ids are checked later."""
    cells: list[tuple[str, str, str | LinkKind]] = []
    hierarchy = LinkKind.HIERARCHY
    for eid, parents, lateral in zip(fields["id"], fields["parents"], fields["links"], strict=True):
        if parents is not None:
            cells.extend((parent, eid, hierarchy) for parent in split_cell(parents))
        if lateral is not None:
            for entry in split_cell(lateral):
                kind, sep, target = entry.partition(":")
                if not sep or not target.strip():
                    raise _Declined
                cells.append((eid, target.strip(), kind.strip()))
    return cells


def _table_links(table: Table) -> list[LinkRow]:
    if not table.header:
        return []
    columns = _columns(table, LINK_ALIASES)
    if not {"source", "target"} <= set(columns) or any(c.startswith("attr:") for c in columns):
        raise _Declined
    names = list(columns)
    rows: list[LinkRow] = []
    for values in zip(*columns.values(), strict=True):
        given = {"kind"}
        row: dict[str, Any] = {"kind": LinkKind.HIERARCHY, "note": None, "weight": None}
        for name, value in zip(names, values, strict=True):
            if value is None:
                continue
            given.add(name)
            if name == "weight":
                try:
                    row[name] = table.numbers[name].number(value)
                except ValueError:
                    raise _Declined from None
                if row[name] is None:
                    given.discard(name)
            elif name == "note":
                row[name] = cell_text(value)
            else:
                row[name] = cell_text(value).strip()
        if "source" not in row or "target" not in row:
            raise _Declined
        rows.append(
            (
                row["source"],
                row["target"],
                row["kind"],
                row["note"],
                row["weight"],
                frozenset(given),
            )
        )
    return rows
