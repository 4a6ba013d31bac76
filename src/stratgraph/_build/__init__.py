"""Building a map: every record checked against the model, or whole valid columns at once.

:mod:`~stratgraph._build.records` checks one record at a time and names every problem with its
place; :mod:`~stratgraph._build.columns` is its fast path for tables that break no rule.
"""

from stratgraph._build.columns import LinkRow, build_columns
from stratgraph._build.measurements import MeasurementRecord, add_measurements
from stratgraph._build.records import ElementRecord, LinkRecord, MapState, build, extend

__all__ = [
    "ElementRecord",
    "LinkRecord",
    "LinkRow",
    "MapState",
    "MeasurementRecord",
    "build",
    "add_measurements",
    "build_columns",
    "extend",
]
