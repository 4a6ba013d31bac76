"""pandas DataFrames of a map's elements and links, and maps built from such frames."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from stratgraph._options import check_text, check_whole
from stratgraph.exceptions import shorten
from stratgraph.io._common import keeps_read_warnings
from stratgraph.io._tables.headers import Table
from stratgraph.io._tables.read import map_from_tables
from stratgraph.model import ELEMENT_FIELDS

if TYPE_CHECKING:
    from stratgraph.schema import SchemaLike
    from stratgraph.strategy_map import StrategyMap

__all__ = ["elements_frame", "from_frames", "links_frame"]

_LINK_COLUMNS = ["source", "target", "kind", "note", "weight"]


def elements_frame(smap: StrategyMap) -> pd.DataFrame:
    """Return one row per element, indexed by ``id`` in map order.

    Columns: ``type, title, description, owner, agenda`` (tuple), ``start, end`` (Int64),
    ``budget`` (float), ``status, indicators`` (tuple of Indicator), then one column per
    attribute name found in ``attrs``.

    Examples
    --------
    >>> df = sg.datasets.load("eksempel-2013").elements_frame()
    >>> df.index.name, list(df.columns[:3])
    ('id', ['type', 'title', 'description'])
    """
    fields = [f for f in ELEMENT_FIELDS if f not in ("id", "attrs")]
    columns: dict[str, list[Any]] = {f: [] for f in fields}
    attr_names: dict[str, None] = {}
    for e in smap:
        attr_names.update(dict.fromkeys(e.attrs))
    attr_columns: dict[str, list[Any]] = {a: [] for a in attr_names}
    ids = []
    for e in smap:
        ids.append(e.id)
        for f in fields:
            columns[f].append(getattr(e, f))
        for a, values in attr_columns.items():
            values.append(e.attrs.get(a))
    frame = pd.DataFrame(
        {**columns, **attr_columns},
        index=pd.Index(ids, name="id", dtype=object),
        dtype=object,
    )
    frame["start"] = frame["start"].astype("Int64")
    frame["end"] = frame["end"].astype("Int64")
    frame["budget"] = frame["budget"].astype("float64")
    return frame


def links_frame(smap: StrategyMap) -> pd.DataFrame:
    """Return one row per link: ``source, target, kind, note, weight``.

    Examples
    --------
    >>> sg.datasets.load("eksempel-2013").links_frame().columns.tolist()
    ['source', 'target', 'kind', 'note', 'weight']
    """
    frame = pd.DataFrame(
        [(l.source, l.target, l.kind.value, l.note, l.weight) for l in smap.links],  # noqa: E741
        columns=_LINK_COLUMNS,
        dtype=object,
    )
    frame["weight"] = frame["weight"].astype("float64")
    return frame


@keeps_read_warnings
def from_frames(
    elements: pd.DataFrame,
    links: pd.DataFrame | None = None,
    *,
    measurements: pd.DataFrame | None = None,
    schema: SchemaLike | None = None,
    name: str = "Strategy map",
    currency: str = "DKK",
    year: int | None = None,
    organisation: str | None = None,
) -> StrategyMap:
    """Build a map from an elements frame and optional links and measurements frames.

    ``elements`` has the columns of :func:`elements_frame` (the id as index or as an ``id``
    column; Danish headers work, a ``parents`` column is sugar for hierarchy links); other columns
    are kept in ``attrs``. ``links`` has ``source, target`` and optionally ``kind, note, weight``.
    ``measurements`` has the columns of :meth:`StrategyMap.measurements_frame`: ``element,
    indicator, period, value`` and optionally ``note, source``.

    Raises
    ------
    ValidationError
        If the frames break the model; rows are numbered from 1 as in a spreadsheet's data rows
        after the header (row 2 is the first element).
    TypeError
        If ``elements``, ``links`` or ``measurements`` is not a DataFrame.
    OptionError
        If ``name``, ``currency``, ``year`` or ``organisation`` is not one a map takes.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.from_frames(m.elements_frame(), m.links_frame(), name=m.name, year=m.year,
    ...                organisation=m.organisation,
    ...                measurements=m.measurements_frame()) == m
    True
    """
    for option, given in (
        ("elements", elements),
        ("links", links),
        ("measurements", measurements),
    ):
        if not isinstance(given, pd.DataFrame) and (option == "elements" or given is not None):
            msg = (
                f"{option}: expected a pandas DataFrame, got {type(given).__name__} "
                f"({shorten(repr(given))}); make one with pd.DataFrame(...), or build the map "
                "with sg.StrategyMap(elements, links) from a list of dicts"
            )
            raise TypeError(msg)
    check_text("name", name, what="a name for the map")
    check_text("currency", currency, what="a currency code such as 'DKK'")
    check_text("organisation", organisation, what="the organisation's name", none="none")
    year = check_whole("year", year, least=1, none="no year")
    frame = elements.reset_index() if _index_is_id(elements) else elements
    element_table = Table(
        list(frame.columns),
        [(i, list(row)) for i, row in enumerate(frame.itertuples(index=False), start=2)],
        sheet="elements",
        neutralised=False,
    )
    link_table = None
    if links is not None:
        link_table = Table(
            list(links.columns),
            [(i, list(row)) for i, row in enumerate(links.itertuples(index=False), start=2)],
            sheet="links",
            neutralised=False,
        )
    measurement_table = None
    if measurements is not None:
        measurement_table = Table(
            list(measurements.columns),
            [(i, list(row)) for i, row in enumerate(measurements.itertuples(index=False), start=2)],
            sheet="measurements",
            neutralised=False,
        )
    meta = {"name": name, "currency": currency, "year": year, "organisation": organisation}
    return map_from_tables(
        element_table,
        link_table,
        None,
        measurement_table,
        schema=schema,
        decimal=".",
        meta=meta,
    )


def _index_is_id(frame: pd.DataFrame) -> bool:
    return frame.index.name is not None and "id" not in frame.columns
