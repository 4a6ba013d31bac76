"""Measurements checked against the map they belong to: its elements and their indicators.

A measurement names an element by id and one of its indicators by name (case and spacing do
not matter; the map keeps the indicator's own spelling). Two values of one indicator in one
period that disagree are a problem naming both places; two that agree count once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError as PydanticError

from stratgraph.exceptions import Location, Problem, shorten
from stratgraph.model import Measurement
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from stratgraph._build.records import MapState
    from stratgraph.period import Period

__all__ = ["MeasurementRecord", "add_measurements"]


@dataclass(slots=True)
class MeasurementRecord:
    """One measurement as read (a row of the measurements table, or from Python), with its place."""

    fields: Mapping[str, Any] | Measurement
    where: Location = field(default_factory=Location)
    columns: Mapping[str, str] = field(default_factory=dict)


_REQUIRED = {
    "element": "give the id of the element the indicator belongs to",
    "indicator": "give the name of one of the element's indicators",
    "period": "give the period measured, such as 2013, 2013Q2, 2013-05 or 2013-05-17",
    "value": "give the measured number",
}


def _problems(err: PydanticError, where: Location, columns: Mapping[str, str]) -> list[Problem]:
    problems = []
    for e in err.errors():
        name = str(e["loc"][0]) if e["loc"] else None
        message = e["msg"].removeprefix("Value error, ")
        if e["type"] == "missing":
            message = f"the {name} is empty or missing; {_REQUIRED.get(name or '', '')}".rstrip("; ")
        elif e["type"] == "extra_forbidden":
            message = (
                f"{name!r} is not a field of a measurement; a measurement has element, "
                "indicator, period, value, note and source"
            )
        elif e["type"].endswith(("_parsing", "_type")):
            message = f"{shorten(e['input'])!r} is not valid here: {message.lower()}"
        column = columns.get(name, name) if name else None
        problems.append(Problem(message, replace(where, column=column)))
    return problems


def _refused_element(eid: object, state: MapState, defined: Mapping[str, Location]) -> bool:
    """Return whether ``eid`` names an element that was given but refused (its problem stands)."""
    return isinstance(eid, str) and eid in defined and eid not in state.elements


def add_measurements(
    state: MapState,
    records: Iterable[MeasurementRecord],
    problems: list[Problem],
    *,
    defined: Mapping[str, Location] | None = None,
) -> list[Measurement]:
    """Check ``records`` against ``state`` and append the valid ones to ``state.measurements``.

    Problems go to ``problems``; the caller raises them together with the map's others.
    ``defined`` holds ids that were given but are invalid (their problem is reported already),
    so that a measurement of such an element does not add "no element has the id".
    Returns the measurement as stored for each record accepted: a record that repeats a stored
    measurement (same indicator, period and value) gives the stored one.
    """
    names: dict[str, dict[str, str]] = {}
    stored = state.measured
    places: dict[int, Location] = {}  # where each measurement added here came from
    accepted: list[Measurement] = []
    for record in records:
        raw = record.fields
        columns = record.columns
        if isinstance(raw, Measurement):
            measurement = raw
        elif defined is not None and _refused_element(raw.get("element"), state, defined):
            continue  # the element's own problem is reported; its measurements are not checked
        else:
            try:
                measurement = Measurement.model_validate(raw)
            except PydanticError as err:
                eid = raw.get("element")
                at = replace(record.where, element=eid if isinstance(eid, str) and eid else None)
                problems.extend(_problems(err, at, columns))
                continue
        eid = measurement.element
        where = replace(record.where, element=eid)
        element = state.elements.get(eid)
        if element is None:
            if defined is not None and eid in defined:
                continue  # the element's own problem is reported
            message = (
                f"no element has the id {eid!r}{state.suggest(eid)}; a measurement belongs to an "
                "indicator of an element of the map"
            )
            problems.append(Problem(message, replace(where, column=columns.get("element", "element"))))
            continue
        known = names.get(eid)
        if known is None:
            known = names[eid] = {normalise_name(i.name): i.name for i in element.indicators}
        name = known.get(normalise_name(measurement.indicator))
        if name is None:
            listed = ", ".join(repr(i.name) for i in element.indicators)
            valid = f"its indicators are {listed}" if listed else "it has no indicators; add it"
            message = (
                f"{eid} has no indicator named {measurement.indicator!r}; {valid} "
                "(a measurement names one of its element's indicators)"
            )
            problems.append(Problem(message, replace(where, column=columns.get("indicator", "indicator"))))
            continue
        if name != measurement.indicator:
            measurement = measurement.model_copy(update={"indicator": name})
        key = (eid, name, measurement.period)
        position = stored.get(key)
        if position is not None:
            before = state.measurements[position]
            if before.value == measurement.value:
                accepted.append(before)
            else:
                where_first = places.get(position, Location())
                place = str(replace(where_first, element=None, column=None))
                first = f"{before.value:g} ({place})" if place else f"{before.value:g}"
                message = (
                    f"{eid} {name!r} is measured twice in {measurement.period}: {first} and "
                    f"{measurement.value:g}; one indicator has one value in a period: keep the "
                    "right one"
                )
                problems.append(Problem(message, replace(where, column=columns.get("value", "value"))))
            continue
        stored[key] = len(state.measurements)
        places[len(state.measurements)] = record.where
        state.measurements.append(measurement)
        accepted.append(measurement)
    return accepted
