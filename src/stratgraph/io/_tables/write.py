"""Tables for writing: the rows of the elements, links and indicators sheets of a map.

Text is neutralised and lists joined so that the readers of :mod:`stratgraph.io._tables` read
the same map back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from stratgraph._cells import neutralise
from stratgraph.io._tables.cells import attr_cell, join_list
from stratgraph.io._tables.headers import (
    ELEMENT_COLUMNS,
    INDICATOR_COLUMNS,
    LINK_COLUMNS,
    MEASUREMENT_COLUMNS,
)
from stratgraph.model import LinkKind

if TYPE_CHECKING:
    from stratgraph.period import Period
    from stratgraph.strategy_map import StrategyMap

__all__ = ["Cell", "element_table", "indicator_table", "link_table", "measurement_table"]

# -- writing ------------------------------------------------------------------------------------


Cell = Callable[[float], Any]


def element_table(smap: StrategyMap, number: Cell) -> tuple[list[str], list[list[Any]]]:
    """Return the header and rows of the elements table; ``number`` formats numeric cells."""
    parents: dict[str, list[str]] = {}
    lateral: dict[str, list[str]] = {}
    for link in smap.links:
        if link.kind is LinkKind.HIERARCHY:
            parents.setdefault(link.target, []).append(link.source)
        else:
            lateral.setdefault(link.source, []).append(f"{link.kind.value}:{link.target}")
    attr_names: dict[str, None] = {}
    for element in smap:
        attr_names.update(dict.fromkeys(element.attrs))
    # Only maps that declare a followup get its column: other files stay as they were.
    followup = any(e.followup is not None for e in smap)
    header = [
        *ELEMENT_COLUMNS,
        *(("followup",) if followup else ()),
        *(neutralise(name) for name in attr_names),
    ]
    rows = []
    for e in smap:
        row: list[Any] = [
            neutralise(e.id),
            e.type,
            neutralise(e.title),
            neutralise(join_list(parents.get(e.id, ()))),
            _out(e.description),
            _out(e.owner),
            neutralise(join_list(e.agenda)),
            _num(e.start, number),
            _num(e.end, number),
            _num(e.budget, number),
            _out(e.status),
            "; ".join(lateral.get(e.id, ())),
        ]
        if followup:
            row.append(e.followup)
        row.extend(attr_cell(e.attrs[name]) if name in e.attrs else None for name in attr_names)
        rows.append([c if c != "" else None for c in row])
    return header, rows


def link_table(smap: StrategyMap, number: Cell) -> tuple[list[str], list[list[Any]]]:
    """Return the links that carry a note or weight: what the elements table cannot hold."""
    rows = [
        [
            neutralise(link.source),
            neutralise(link.target),
            link.kind.value,
            _out(link.note),
            _num(link.weight, number),
        ]
        for link in smap.links
        if link.note is not None or link.weight is not None
    ]
    return list(LINK_COLUMNS), rows


def indicator_table(smap: StrategyMap, number: Cell) -> tuple[list[str], list[list[Any]]]:
    """Return one row per indicator, keyed by its element's id."""
    rows = [
        [
            neutralise(e.id),
            neutralise(i.name),
            _out(i.unit),
            _num(i.baseline, number),
            _num(i.target, number),
            _num(i.actual, number),
            i.higher_is_better,
            _period(i.baseline_period),
            _period(i.target_period),
            _num(i.weight, number),
        ]
        for e in smap
        for i in e.indicators
    ]
    return list(INDICATOR_COLUMNS), rows


def measurement_table(smap: StrategyMap, number: Cell) -> tuple[list[str], list[list[Any]]]:
    """Return one row per measurement; periods in their canonical text (``2013Q2``)."""
    rows = [
        [
            neutralise(m.element),
            neutralise(m.indicator),
            str(m.period),
            number(m.value),
            _out(m.note),
            _out(m.source),
        ]
        for m in smap.measurements
    ]
    return list(MEASUREMENT_COLUMNS), rows


def _period(value: Period | None) -> str | None:
    return None if value is None else str(value)


def _out(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    return value


def _num(value: float | None, number: Cell) -> Any:
    return None if value is None else number(float(value))
