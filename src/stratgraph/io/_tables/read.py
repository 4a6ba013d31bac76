"""Reading a map from tables: number columns planned, list columns settled, then one of two paths.

A table that breaks no rule is read a column at a time (:mod:`~stratgraph.io._tables.columns`);
any other row by row (:mod:`~stratgraph.io._tables.rows`), naming every problem with its place.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from stratgraph._build import add_measurements
from stratgraph._cells import unneutralise
from stratgraph._numbers import plan_column, warn_no_money
from stratgraph._options import Decimal, check_choice, choices
from stratgraph._readnotes import warn_at
from stratgraph._util import gc_paused
from stratgraph.exceptions import ValidationError
from stratgraph.io._tables import columns
from stratgraph.io._tables.cells import STRONG_SEPARATORS, is_blank, split_list
from stratgraph.io._tables.headers import (
    INDICATOR_ALIASES,
    LINK_ALIASES,
    MEASUREMENT_ALIASES,
    Table,
    header_text,
    map_header,
    warn_headers,
)
from stratgraph.io._tables.rows import measurement_records, state_from_rows
from stratgraph.model import FIELD_ALIASES
from stratgraph.schema import Schema, SchemaLike
from stratgraph.strategy_map import StrategyMap

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from stratgraph._numbers import Kind
    from stratgraph.exceptions import Location, Problem

__all__ = ["map_from_tables", "settle_commas"]


#: The number fields of each table and how they are read.
_NUMBER_KINDS: dict[str, Kind] = {
    "budget": "money",
    "start": "year",
    "end": "year",
    "weight": "number",
    "baseline": "number",
    "target": "number",
    "actual": "number",
    "value": "number",
}


def _plan_numbers(
    table: Table,
    aliases: Mapping[str, str],
    *,
    decimal: str | None,
    default: str,
    currency: str | None,
    schema: Schema | None = None,
) -> str | None:
    """Decide how each number column of ``table`` is read; return a currency the map takes.

    A budget column in a map whose ``schema`` carries no money is warned of, once.
    """
    mapping = map_header(table, aliases, [])
    if default == ",":
        dialect = "the default of Danish files (';'-separated CSV and Excel workbooks)"
    else:
        dialect = "the default of ','-separated files"
    taken = None
    for index, name in mapping.items():
        kind = _NUMBER_KINDS.get(name)
        if kind is None or (kind == "money" and aliases is not FIELD_ALIASES):
            continue
        header = header_text(table, table.header[index])
        cells = (
            (row, unneutralise(c) if type(c) is str and table.neutralised else c)
            for row, cells in table.rows
            if index < len(cells) and not is_blank(c := cells[index])
        )
        column, new_currency = plan_column(
            cells,
            kind=kind,
            header=header,
            default=default,
            decimal=decimal,
            currency=currency,
            where=functools.partial(_cell_at, table, header),
            dialect=dialect,
        )
        table.numbers[name] = column
        taken = taken or new_currency
        if kind == "money" and schema is not None and not schema.money:
            count = sum(1 for _, c in table.rows if index < len(c) and not is_blank(c[index]))
            if count:
                warn_no_money(schema.name, header, count, _cell_at(table, header, None))
    return taken


def _cell_at(table: Table, column: str, row: int | None) -> Location:
    """Return where a cell of ``column`` is; the header cell for ``row=None``."""
    return table.where(table.header_row if row is None else row, column)


def map_from_tables(
    elements: Table,
    links: Table | None = None,
    indicators: Table | None = None,
    measurements: Table | None = None,
    *,
    schema: SchemaLike | None = None,
    decimal: str | None = None,
    default_decimal: str = ".",
    meta: Mapping[str, Any] | None = None,
) -> StrategyMap:
    """Build a map from an elements table and optional links, indicators and measurements tables.

    A table that breaks no rule is read a column at a time (:mod:`~stratgraph.io._tables.columns`)
    and its rows are dropped once checked, so that a big file's cells do not outlive the reading;
    any other goes row by row, so that every problem is named with its row and column.

    A header that is not a field but resembles one, a header repeated by unknown columns, and
    elements at several levels with no parents column are each warned of (:func:`warn_at`).

    Raises
    ------
    ValidationError
        With every problem found, each with its row and column, in file order.
    """
    if decimal is not None:
        decimal = check_choice("decimal", decimal, choices(Decimal))
    meta = dict(meta or {})
    stated = meta.get("currency")
    the_schema = Schema.coerce(schema)
    for table, aliases in (
        (elements, FIELD_ALIASES),
        (links, LINK_ALIASES),
        (indicators, INDICATOR_ALIASES),
        (measurements, MEASUREMENT_ALIASES),
    ):
        if table is not None:
            taken = _plan_numbers(
                table,
                aliases,
                decimal=decimal,
                default=default_decimal,
                currency=stated,
                schema=the_schema,
            )
            if taken is not None:
                meta["currency"] = taken
    problems: list[Problem] = []
    emap = map_header(elements, FIELD_ALIASES, problems)
    warn_headers(elements, emap, FIELD_ALIASES)
    _warn_if_flat(elements, emap, links, the_schema)
    for index, field in emap.items():
        if field in ("parents", "agenda"):
            settle_commas(elements, index)
    measured_problems: list[Problem] = []
    measured = (
        measurement_records(measurements, measured_problems) if measurements is not None else []
    )
    state = None
    with gc_paused():
        if not measured_problems:
            # Looked up in its module at each call, so the tests can hold both paths to one answer.
            state = columns.state_from_tables(elements, links, indicators, the_schema)
    if state is not None and measured:
        # The tables broke no rule; the measurements' problems are the only ones there are.
        add_measurements(state, measured, measured_problems)
        if measured_problems:
            raise ValidationError(measured_problems)
    if state is None:
        state = state_from_rows(
            elements,
            emap,
            links,
            indicators,
            schema=the_schema,
            problems=problems + measured_problems,
            measurements=measurements,
            measured=measured,
        )
    return StrategyMap._from_state(state, **meta)  # noqa: SLF001 - the readers' own


def settle_commas(table: Table, index: int) -> None:
    """Decide how the cells of a list column that hold commas only are read, and say so.

    Such a cell is split at its commas, unless its whole text is a value that another cell of
    the column holds in a ``;``-separated list: then it is that one value. Either way the cells
    are named in one warning (per way) for the column, since a comma may be part of a value.
    A cell kept whole becomes a list of its one value, which the readers take as it is.
    """
    header = header_text(table, table.header[index])
    lone: list[tuple[int, list[Any], str]] = []
    values: set[str] = set()
    for number, cells in table.rows:
        cell = cells[index] if index < len(cells) else None
        if type(cell) is not str or "," not in cell:
            continue
        text = unneutralise(cell) if table.neutralised else cell
        if '"' in text or STRONG_SEPARATORS.search(text):
            values.update(split_list(text))
        elif isinstance(cells, list):
            lone.append((number, cells, text))
    whole = [(number, cells, text) for number, cells, text in lone if text.strip() in values]
    for _, cells, text in whole:
        cells[index] = [text.strip()]
    split = [number for number, _, text in lone if text.strip() not in values]
    if whole:
        rows = [number for number, _, _ in whole]
        one = len(rows) == 1
        warn_at(
            table.where(rows[0], header),
            f"{_cells_holding(rows)} commas only and "
            f"{'is read as one value' if one else 'are each read as one value'}, because the "
            f"column has {'that value' if one else 'those values'} in a list elsewhere: "
            f"{_rows_text(rows)}; write {'it' if one else 'them'} in double quotes to say so",
        )
    if split:
        warn_at(
            table.where(split[0], header),
            f"{_cells_holding(split)} commas only and {'is' if len(split) == 1 else 'are'} "
            f"split at them: {_rows_text(split)}; if a cell is one value with a comma in it, "
            "write it in double quotes (\"Børn, unge\") or separate values with ';'",
        )


def _cells_holding(rows: Sequence[int]) -> str:
    return "1 cell holds" if len(rows) == 1 else f"{len(rows)} cells hold"


def _rows_text(rows: Sequence[int], most: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:most]) + (" …" if len(rows) > most else "")
    return f"row{'s' if len(rows) > 1 else ''} {shown}"


def _warn_if_flat(
    table: Table, mapping: Mapping[int, str], links: Table | None, schema: Schema
) -> None:
    """Warn if the elements are at several levels but nothing in the file links them.

    Given before the rows are read, so that the warnings stay in file order.
    """
    fields = set(mapping.values())
    if "parents" in fields or "links" in fields or (links is not None and links.rows):
        return
    column = next((i for i, f in mapping.items() if f == "type"), None)
    if column is None:
        return
    texts = {cells[column] for _, cells in table.rows if column < len(cells)}
    levels = {schema.resolve_type(t) for t in texts if isinstance(t, str)} - {None}
    if len(levels) < 2:  # noqa: PLR2004 - one level needs no hierarchy
        return
    ordered = [n for n in schema.level_names if n in levels]
    warn_at(
        table.where(table.header_row),
        f"the elements are at {len(ordered)} levels ({', '.join(ordered)}) but there is no "
        "parents column and no links, so the hierarchy is empty; add a column 'parents' (or "
        "'forælder', 'overordnet') that names each element's parent",
    )
