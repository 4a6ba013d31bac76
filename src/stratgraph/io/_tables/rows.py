"""Tables read row by row: the exact path of :func:`~stratgraph.io._tables.read.map_from_tables`.

Every cell is checked on its own, so that every problem is named with its row and column as the
spreadsheet shows them; the problems come back in file order.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError as PydanticError

from stratgraph._build import ElementRecord, LinkRecord, MeasurementRecord, build
from stratgraph._numbers import AS_WRITTEN, Column, Foreign
from stratgraph._readnotes import warn_at
from stratgraph.exceptions import Location, Problem, ValidationError
from stratgraph.io._tables.cells import (
    attr_value,
    cell_text,
    is_blank,
    parse_bool,
    read_cell,
    split_cell,
)
from stratgraph.io._tables.headers import (
    INDICATOR_ALIASES,
    INDICATOR_COLUMNS,
    LINK_ALIASES,
    LINK_COLUMNS,
    MEASUREMENT_ALIASES,
    MEASUREMENT_COLUMNS,
    Table,
    header_text,
    map_header,
    require_columns,
    unknown_hints,
)
from stratgraph.model import FIELD_ALIASES, Indicator, LinkKind, negative_budget
from stratgraph.period import Period
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Mapping, Sequence

    from stratgraph._build import MapState
    from stratgraph.schema import Schema

__all__ = ["indicators_by_element", "measurement_records", "state_from_rows"]


def state_from_rows(
    elements: Table,
    mapping: Mapping[int, str],
    links: Table | None,
    indicators: Table | None,
    *,
    schema: Schema,
    problems: list[Problem],
    measurements: Table | None = None,
    measured: Sequence[MeasurementRecord] = (),
) -> MapState:
    """Check the tables row by row and return the contents of the map they hold.

    ``mapping`` is the elements header's column index → field; ``problems`` are those found
    before (in the headers, in the ``measurements`` table), reported with the rest;
    ``measured`` are the measurements read from that table.

    Raises
    ------
    ValidationError
        With every problem found, each with its row and column, in file order.
    """
    records: list[ElementRecord] = []
    if elements.header and require_columns(
        elements, mapping, ("id", "type", "title"), problems, FIELD_ALIASES
    ):
        records = _element_records(elements, mapping, problems)
    link_records = _link_records(links, problems) if links is not None else []
    refused: set[tuple[str, str]] = set()
    if indicators is not None:
        _attach_indicators(indicators, records, problems, refused)
    if refused:  # an indicator's row is refused: its measurements are not named again
        measured = [
            r
            for r in measured
            if not isinstance(r.fields, dict)
            or (str(r.fields.get("element")), normalise_name(str(r.fields.get("indicator"))))
            not in refused
        ]
    try:
        return build(schema, records, link_records, measured, problems=problems)
    except ValidationError as err:
        tables = [t for t in (elements, links, indicators, measurements) if t is not None]
        raise ValidationError(_in_file_order(err.problems, tables, records)) from None


def _cells(
    table: Table, mapping: Mapping[int, str], problems: list[Problem]
) -> Iterable[tuple[int, dict[str, Any], dict[str, str]]]:
    """Yield (row, field → raw value, field → header) for each row, blank cells left out."""
    headers = {i: header_text(table, h) for i, h in enumerate(table.header) if not is_blank(h)}
    for number, cells in table.rows:
        values: dict[str, Any] = {}
        for index, cell in enumerate(cells):
            if is_blank(cell):
                continue
            field = mapping.get(index)
            if not field:
                if field is None or index not in headers:
                    message = (
                        f"a value ({cell_text(cell)[:40]!r}) stands in column {index + 1}, "
                        "which has no header; give the column a header or clear the cell"
                    )
                    problems.append(Problem(message, table.where(number)))
                continue
            if isinstance(cell, str) and table.neutralised:
                cell = read_cell(cell)  # noqa: PLW2901 - the cell as it was before writing
            values[field] = cell
        yield number, values, {f: headers.get(i, f) for i, f in mapping.items() if f}


def _in_file_order(
    problems: Sequence[Problem], tables: Sequence[Table], records: Sequence[ElementRecord]
) -> list[Problem]:
    """Order problems by their place in the file: table (sheet), then row, then column.

    A problem placed on an element alone takes the element's row; one with no place in any
    table comes last. Problems in the same cell keep the order they were found in.
    """
    rank = {(t.file, t.sheet): k for k, t in enumerate(tables)}
    columns = [
        {header_text(t, h): i for i, h in reversed(list(enumerate(t.header))) if not is_blank(h)}
        for t in tables
    ]
    rows = {
        r.where.element: r.where.row
        for r in records
        if r.where.element is not None and r.where.row is not None
    }
    last = (len(tables), 0, 0)

    def place(problem: Problem) -> tuple[int, int, int]:
        loc = problem.location
        table = rank.get((loc.file, loc.sheet))
        row = loc.row
        if row is None and loc.element is not None:
            row, table = rows.get(loc.element), 0
        if table is None or row is None:
            return last
        column = columns[table].get(loc.column, -1) if loc.column is not None else -1
        return (table, row, column)

    return sorted(problems, key=place)


def _element_records(
    table: Table, mapping: Mapping[int, str], problems: list[Problem]
) -> list[ElementRecord]:
    records = []
    for number, values, columns in _cells(table, mapping, problems):
        fields: dict[str, Any] = {}
        attrs: dict[str, Any] = {}
        parents: list[str] = []
        links: list[tuple[str, str]] = []
        where = table.where(number)
        for name, value in values.items():
            column = columns.get(name, name)
            if name.startswith("attr:"):
                try:
                    attrs[name[5:]] = attr_value(value)
                except ValueError as err:
                    problems.append(
                        Problem(str(err), Location(where.file, where.sheet, number, column=column))
                    )
            elif name == "parents":
                parents = split_cell(value)
            elif name == "agenda":
                fields["agenda"] = tuple(split_cell(value))
            elif name == "links":
                links = _link_cell(value, where, column, problems)
            elif name in ("budget", "start", "end"):
                _number_field(
                    fields,
                    name,
                    value,
                    column=table.numbers[name],
                    where=Location(where.file, where.sheet, number, column=column),
                    problems=problems,
                )
            elif name == "indicators" and isinstance(value, list | tuple):
                fields["indicators"] = tuple(value)
            elif name in ("indicators", "attrs"):
                message = (
                    f"a {name} column cannot be read from a table; put indicators in the "
                    "indicators sheet and extra fields in columns of their own"
                )
                problems.append(
                    Problem(message, Location(where.file, where.sheet, number, column=column))
                )
            else:
                fields[name] = cell_text(value)
        written = fields.pop(AS_WRITTEN, None)
        if written is not None:
            if AS_WRITTEN in attrs:
                message = (
                    f"the budget {written!r} is in another currency than the map's and would be "
                    f"kept in the column {AS_WRITTEN!r}, which holds a value already; clear one"
                )
                problems.append(
                    Problem(message, Location(where.file, where.sheet, number, column=column))
                )
            else:
                attrs[AS_WRITTEN] = written
        if attrs:
            fields["attrs"] = attrs
        if "id" in fields:
            where = Location(where.file, where.sheet, number, element=fields["id"])
        records.append(ElementRecord(fields, where, columns, parents, links))
    return records


def _number_field(
    fields: dict[str, Any],
    name: str,
    value: Any,
    *,
    column: Column,
    where: Location,
    problems: list[Problem],
) -> None:
    try:
        number = column.read(value)
    except ValueError as err:
        problems.append(Problem(str(err), where))
        return
    if number is None:
        return
    if isinstance(number, Foreign):
        fields[AS_WRITTEN] = number.text
        return
    if name in ("start", "end"):
        if not number.is_integer():
            problems.append(
                Problem(f"{value!r} is not a year; write a whole year such as 2013", where)
            )
            return
        fields[name] = int(number)
    elif number < 0 and isinstance(value, str):  # the cell as written, not the number read
        problems.append(Problem(negative_budget(value, number), where))
    else:
        fields[name] = number


def _link_cell(
    value: Any, where: Location, column: str, problems: list[Problem]
) -> list[tuple[str, str]]:
    links = []
    for entry in split_cell(value):
        kind, sep, target = entry.partition(":")
        if not sep or not target.strip():
            message = (
                f"{entry!r} is not a link; write kind:target entries such as "
                "'supports:G3; tension:G7' (kinds: hierarchy, supports, tension)"
            )
            problems.append(
                Problem(message, Location(where.file, where.sheet, where.row, column=column))
            )
            continue
        links.append((kind.strip(), target.strip()))
    return links


def _link_records(table: Table, problems: list[Problem]) -> list[LinkRecord]:
    if not table.header:
        return []
    mapping = map_header(table, LINK_ALIASES, problems)
    if not require_columns(table, mapping, ("source", "target"), problems, LINK_ALIASES):
        return []
    hints = unknown_hints(table, mapping, LINK_ALIASES)
    records = []
    for number, values, columns in _cells(table, mapping, problems):
        fields: dict[str, Any] = {"kind": LinkKind.HIERARCHY}
        for name, value in values.items():
            where = table.where(number, columns.get(name, name))
            if name.startswith("attr:"):
                message = f"unknown column; a links table has {', '.join(LINK_COLUMNS)}"
                problems.append(Problem(message + hints[name], where))
            elif name == "weight":
                try:
                    weight = table.numbers["weight"].number(value)
                except ValueError as err:
                    problems.append(Problem(str(err), where))
                    continue
                if weight is not None:
                    fields["weight"] = weight
            else:
                fields[name] = cell_text(value).strip() if name != "note" else cell_text(value)
        records.append(LinkRecord(fields, table.where(number), columns, may_annotate=True))
    return records


def _attach_indicators(
    table: Table,
    records: list[ElementRecord],
    problems: list[Problem],
    refused: set[tuple[str, str]],
) -> None:
    by_id = {r.fields.get("id"): r for r in records if isinstance(r.fields, dict)}
    for owner, found in indicators_by_element(table, by_id, problems, refused).items():
        fields = by_id[owner].fields
        assert isinstance(fields, dict)  # noqa: S101 - records above are built from dicts
        fields["indicators"] = (*fields.get("indicators", ()), *found)


def indicators_by_element(
    table: Table,
    known: Container[Any],
    problems: list[Problem],
    refused: set[tuple[str, str]] | None = None,
) -> dict[Any, tuple[Indicator, ...]]:
    """Read an indicators table: the indicators of each element of ``known``, in row order.

    Every row that cannot be read, or names an element not in ``known``, adds a problem; the
    (element, folded name) of each such row goes to ``refused``, whose measurements are then
    not checked again (the row's problem says what is wrong).
    """
    found: dict[Any, list[Indicator]] = {}
    if not table.header:
        return {}
    mapping = map_header(table, INDICATOR_ALIASES, problems)
    if not require_columns(table, mapping, ("element", "name"), problems, INDICATOR_ALIASES):
        return {}
    _refuse_unknown_columns(
        table,
        mapping,
        INDICATOR_ALIASES,
        f"an indicators table has {', '.join(INDICATOR_COLUMNS)}",
        problems,
    )
    for number, values, columns in _cells(table, mapping, problems):
        fields: dict[str, Any] = {}
        ok = True
        for name, value in values.items():
            if name.startswith("attr:"):
                continue  # the column is refused once, at its header
            where = table.where(number, columns.get(name, name))
            try:
                if name in ("baseline", "target", "actual", "weight"):
                    read = table.numbers[name].number(value)
                    if read is not None:
                        fields[name] = read
                elif name == "higher_is_better":
                    fields[name] = parse_bool(value)
                elif name in ("baseline_period", "target_period"):
                    fields[name] = Period.parse(value.strip() if isinstance(value, str) else value)
                else:
                    fields[name] = cell_text(value)
            except ValueError as err:
                problems.append(Problem(str(err), where))
                ok = False
        owner = fields.pop("element", None)
        if owner not in known:
            message = (
                f"element {owner!r} is not in the elements table"
                if owner
                else "the element is empty"
            )
            problems.append(
                Problem(message, table.where(number, columns.get("element", "element")))
            )
            continue
        try:
            indicator = Indicator.model_validate(fields)
        except PydanticError as err:
            _refuse(refused, owner, fields)
            for e in err.errors():
                message = e["msg"].removeprefix("Value error, ")
                # The one check of the whole indicator compares its periods: name the target's.
                field = str(e["loc"][0]) if e["loc"] else "target_period"
                column = columns.get(field, field if e["loc"] else None)
                problems.append(Problem(message, table.where(number, column)))
            continue
        if ok:
            found.setdefault(owner, []).append(indicator)
        else:
            _refuse(refused, owner, fields)
    return {owner: tuple(listed) for owner, listed in found.items()}


def _refuse(refused: set[tuple[str, str]] | None, owner: Any, fields: Mapping[str, Any]) -> None:
    name = fields.get("name")
    if refused is not None and isinstance(owner, str) and isinstance(name, str):
        refused.add((owner.strip(), normalise_name(name)))


#: Fields of an indicator that a measurements table has no column for.
_INDICATOR_ONLY = frozenset({"unit", "baseline", "target", "actual", "baseline_period"})


def _measurement_advice(table: Table, mapping: Mapping[int, str]) -> str:
    """Say what a measurements table without its columns looks like: indicators, or periods wide."""
    if {"indicator", "period", "value"} <= set(mapping.values()):
        return ""
    headers = [header_text(table, h) for h in table.header if not is_blank(h)]
    like = [h for h in headers if INDICATOR_ALIASES.get(normalise_name(h)) in _INDICATOR_ONLY]
    if like:
        named = f"a sheet {table.sheet!r}" if table.sheet else "this table"
        return (
            f"; it looks like a table of indicators (its columns {', '.join(map(repr, like))} are "
            f"an indicator's): {named} is read as measurements, one value of an indicator in a "
            "period a row; name an indicators sheet 'indikatorer' (or 'indicators')"
        )
    periods = []
    for raw in table.header:
        if is_blank(raw) or isinstance(raw, bool):
            continue
        try:
            Period.parse(raw.strip() if isinstance(raw, str) else raw)
        except (ValueError, TypeError):
            continue
        periods.append(header_text(table, raw))
    if periods:
        return (
            f"; its headers {', '.join(periods[:5])}{' …' if len(periods) > 5 else ''} are "  # noqa: PLR2004
            "periods, one column each: measurements are one row per period (element, "
            "indicator, period, value), so write each value on its own row, its period in a "
            "column 'periode' and the value in 'værdi'"
        )
    return ""


def _refuse_unknown_columns(
    table: Table,
    mapping: Mapping[int, str],
    aliases: Mapping[str, str],
    valid: str,
    problems: list[Problem],
) -> None:
    """Add one problem at the header for each unknown column that holds a value.

    An indicators or measurements table has no place for other columns (an element keeps them
    as attributes; these records have none), so such a column is refused once, not in every row.
    """
    hints = unknown_hints(table, mapping, aliases)
    for index, name in mapping.items():
        if not name.startswith("attr:"):
            continue
        filled = [n for n, cells in table.rows if index < len(cells) and not is_blank(cells[index])]
        if filled:
            header = header_text(table, table.header[index])
            rows = "a value" if len(filled) == 1 else f"values in {len(filled)} rows"
            message = (
                f"unknown column {header!r} ({rows}, the first in row {filled[0]}); {valid}"
                + hints[name]
            )
            problems.append(Problem(message, table.where(table.header_row, header)))


def measurement_records(table: Table, problems: list[Problem]) -> list[MeasurementRecord]:
    """Read a measurements table: one record per row, each with its row and columns.

    A period cell is read by :meth:`~stratgraph.Period.parse` (a date cell as its day, ``2013``
    as the year); a value by the number rules of its column. A row with a cell that cannot be
    read adds its problems and no record, so that nothing is scored from it. A row whose value
    cell is empty (or ``-``) is a period not measured yet, as sheets keep rows for the years
    to come: it is left out, with one warning naming the rows.
    """
    records: list[MeasurementRecord] = []
    if not table.header:
        return records
    mapping = map_header(table, MEASUREMENT_ALIASES, problems)
    required = ("element", "indicator", "period", "value")
    advice = _measurement_advice(table, mapping)
    if not require_columns(table, mapping, required, problems, MEASUREMENT_ALIASES, advice=advice):
        return records
    _refuse_unknown_columns(
        table,
        mapping,
        MEASUREMENT_ALIASES,
        f"a measurements table has {', '.join(MEASUREMENT_COLUMNS)}",
        problems,
    )
    unmeasured: list[int] = []
    value_header = "value"
    for number, values, columns in _cells(table, mapping, problems):
        fields: dict[str, Any] = {}
        ok = True
        for name, value in values.items():
            if name.startswith("attr:"):
                continue  # the column is refused once, at its header
            where = table.where(number, columns.get(name, name))
            try:
                if name == "value":
                    read = table.numbers["value"].number(value)
                    if read is not None:
                        fields[name] = read
                elif name == "period":
                    fields[name] = Period.parse(value.strip() if isinstance(value, str) else value)
                elif name in ("note", "source"):
                    fields[name] = cell_text(value)
                else:
                    fields[name] = cell_text(value).strip()
            except ValueError as err:
                eid = values.get("element")
                at = replace(where, element=eid.strip() if isinstance(eid, str) else None)
                problems.append(Problem(str(err), at))
                ok = False
        if ok and "value" not in fields:
            unmeasured.append(number)
            value_header = columns.get("value", "value")
        elif ok:
            records.append(MeasurementRecord(fields, table.where(number), columns))
    if unmeasured:
        column = value_header
        count = len(unmeasured)
        rows = ", ".join(map(str, unmeasured[:3])) + (f" and {count - 3} more" if count > 3 else "")  # noqa: PLR2004
        warn_at(
            table.where(unmeasured[0], column),
            f"{count} row{'s' if count > 1 else ''} of the measurements table ha"
            f"{'ve' if count > 1 else 's'} no value in the column {column!r} (row"
            f"{'s' if count > 1 else ''} {rows}) and {'are' if count > 1 else 'is'} left out, "
            "as periods not measured yet; fill in the value to count it",
            stacklevel=4,
        )
    return records
