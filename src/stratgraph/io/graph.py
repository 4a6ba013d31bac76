"""The networkx view of a map, and GraphML files (for Gephi, yEd and Cytoscape).

GraphML is parsed with defusedxml: a DTD, entity declarations and external references are
refused, so a file cannot expand into gigabytes or reach outside itself.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph._build import ElementRecord, LinkRecord, build
from stratgraph._readnotes import keeps_read_warnings
from stratgraph.exceptions import Location, Problem, ReadError
from stratgraph.io._atomic import atomic_path
from stratgraph.io._common import StrPath, display_name, file_schema, read_file_bytes
from stratgraph.model import ELEMENT_FIELDS, FIELD_ALIASES
from stratgraph.schema import Schema, normalise_name
from stratgraph.strategy_map import StrategyMap

if TYPE_CHECKING:
    from collections.abc import Mapping

    import networkx as nx

__all__ = ["from_networkx", "read_graphml", "to_graphml", "to_networkx"]

_META = ("name", "currency", "year", "organisation")


def to_networkx(smap: StrategyMap) -> nx.DiGraph[str]:
    """Return the map as a DiGraph: nodes carry the element fields, edges carry ``kind``.

    Fields that are unset (``None`` or empty) are left out; ``note`` and ``weight`` appear on an
    edge only when set. ``G.graph`` holds the schema and the map's metadata.

    Examples
    --------
    >>> G = sg.datasets.load("eksempel-2013").to_networkx()
    >>> G.nodes["V1"]["type"], G.graph["schema"].name
    ('vision', 'municipal')
    """
    import networkx as nx  # noqa: PLC0415 - keeps `import stratgraph` light

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.graph.update(smap.metadata())
    graph.graph["schema"] = smap.schema
    graph.add_nodes_from(
        (
            e.id,
            {
                f: getattr(e, f)
                for f in ELEMENT_FIELDS[1:]
                if getattr(e, f) is not None and getattr(e, f) != () and getattr(e, f) != {}
            },
        )
        for e in smap
    )
    graph.add_edges_from(
        (
            link.source,
            link.target,
            {
                k: v
                for k, v in (
                    ("kind", link.kind.value),
                    ("note", link.note),
                    ("weight", link.weight),
                )
                if v is not None
            },
        )
        for link in smap.links
    )
    return graph


@keeps_read_warnings
def from_networkx(
    graph: Any,
    *,
    schema: Schema | str | None = None,
    file: str | None = None,
) -> StrategyMap:
    """Build a map from a networkx graph whose nodes carry element fields.

    Node attributes named like element fields (English or Danish) become fields, any other
    attribute is kept in ``attrs``; an edge's ``kind`` defaults to ``hierarchy``. ``graph.graph``
    may hold ``schema``, ``name``, ``currency``, ``year`` and ``organisation``.

    Raises
    ------
    ValidationError
        If the graph breaks the model; every problem names its node or edge.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.from_networkx(m.to_networkx()) == m
    True
    """
    return _from_graph(graph, schema=schema, file=file, problems=[])


def _from_graph(
    graph: Any, *, schema: Schema | str | None, file: str | None, problems: list[Problem]
) -> StrategyMap:
    records = []
    for node, data in graph.nodes(data=True):
        fields: dict[str, Any] = {"id": node}
        attrs: dict[str, Any] = dict(data.get("attrs") or {})
        for key, value in data.items():
            field = FIELD_ALIASES.get(normalise_name(str(key)))
            if key == "attrs":
                continue
            if field is None or field in ("parents", "links"):
                attrs[str(key)] = value
            elif value is not None:
                fields[field] = value
        if attrs:
            fields["attrs"] = attrs
        where = Location(file, element=str(node))
        records.append(ElementRecord(fields, where))
    links = [
        LinkRecord(
            {"source": u, "target": v, "kind": d.get("kind", "hierarchy"), **_edge_extra(d)},
            Location(file, column=f"edge {u!r} → {v!r}"),
        )
        for u, v, d in graph.edges(data=True)
    ]
    meta = {k: graph.graph.get(k) for k in _META}
    the_schema = file_schema(schema, graph.graph.get("schema"), file)
    state = build(the_schema, records, links, problems=problems)
    return StrategyMap._from_state(state, **meta)  # noqa: SLF001 - the readers' constructor


def _edge_extra(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in ("note", "weight") if data.get(k) is not None}


# -- GraphML ------------------------------------------------------------------------------------


def _check_graphml(root: Any, name: str) -> None:
    """Refuse what networkx would read without a word: not GraphML, no direction, repeated ids."""
    tag = str(root.tag).rpartition("}")[2]
    if tag != "graphml":
        msg = f"{name}: not GraphML; the file starts with <{tag}>, a GraphML file with <graphml>"
        raise ReadError(msg)
    seen: set[str] = set()
    for element in root.iter():
        local = str(element.tag).rpartition("}")[2]
        if local == "graph" and element.get("edgedefault") == "undirected":
            msg = (
                f'{name}: the graph is undirected (edgedefault="undirected"); a strategy map '
                "needs directed edges, from parent to child"
            )
            raise ReadError(msg)
        if local == "node":
            node_id = element.get("id")
            if node_id in seen:
                msg = (
                    f"{name}, element {node_id!r}: two nodes have this id; every id must be unique"
                )
                raise ReadError(msg)
            if node_id is not None:
                seen.add(node_id)


def to_graphml(smap: StrategyMap, path: StrPath) -> None:
    """Write ``smap`` as GraphML, atomically.

    Agenda tags are joined with ``; ``; indicators, extra attributes and a custom schema are
    stored as JSON text, which every GraphML tool keeps as a string.
    """
    import networkx as nx  # noqa: PLC0415 - keeps `import stratgraph` light

    graph: nx.DiGraph[str] = nx.DiGraph()
    for key in _META:
        value = getattr(smap, key)
        if value is not None:
            graph.graph[key] = value
    schema = smap.schema.to_dict()
    graph.graph["schema"] = schema.get("preset") or json.dumps(schema, ensure_ascii=False)
    for e in smap:
        data: dict[str, Any] = {"type": e.type, "title": e.title}
        for field in ("description", "owner", "status"):
            if getattr(e, field) is not None:
                data[field] = getattr(e, field)
        if e.agenda:
            data["agenda"] = "; ".join(e.agenda)
        for field in ("start", "end"):
            if getattr(e, field) is not None:
                data[field] = int(getattr(e, field))
        if e.budget is not None:
            data["budget"] = float(e.budget)
        if e.indicators:
            data["indicators"] = json.dumps(
                [i.model_dump(exclude_none=True) for i in e.indicators], ensure_ascii=False
            )
        if e.attrs:
            data["attrs"] = json.dumps(e.attrs, ensure_ascii=False, default=str)
        graph.add_node(e.id, **data)
    for link in smap.links:
        graph.add_edge(
            link.source,
            link.target,
            kind=link.kind.value,
            **_edge_extra(
                {"note": link.note, "weight": None if link.weight is None else float(link.weight)}
            ),
        )
    with atomic_path(path) as tmp:
        nx.write_graphml(graph, tmp, encoding="utf-8", prettyprint=True)


@keeps_read_warnings
def read_graphml(path: StrPath, *, schema: Schema | str | None = None) -> StrategyMap:
    """Read a map from a GraphML file (as written by :meth:`StrategyMap.to_graphml`, Gephi, yEd).

    Raises
    ------
    ReadError
        If the file is not GraphML, declares a DTD, entities or external references, holds an
        undirected graph or repeats a node id.
    ValidationError
        If the map breaks the model; every problem names its node or edge.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "kort.graphml"
    >>> m = sg.datasets.load("eksempel-2013")
    >>> m.to_graphml(out)
    >>> sg.read_graphml(out) == m
    True
    """
    import networkx as nx  # noqa: PLC0415
    from defusedxml import DefusedXmlException  # noqa: PLC0415
    from defusedxml import ElementTree as SafeET  # noqa: PLC0415 - keeps `import stratgraph` light

    name = display_name(path)
    data = read_file_bytes(path)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as err:
        msg = (
            f"{name}: refused ({type(err).__name__}); GraphML needs no entities or DTDs, "
            "so remove the <!DOCTYPE ...> part"
        )
        raise ReadError(msg) from err
    except Exception as err:
        msg = f"{name}: not valid XML ({err})"
        raise ReadError(msg) from err
    _check_graphml(root, name)
    try:
        with warnings.catch_warnings():
            # A <key> without attr.type is read as text, as GraphML says; nothing to warn about.
            warnings.filterwarnings("ignore", "No key type for id", UserWarning)
            # bytes, not str: the XML declaration's own encoding then decides how to decode.
            graph = nx.parse_graphml(data, node_type=str)  # type: ignore[call-overload]
    except (nx.NetworkXError, KeyError, ValueError, TypeError) as err:
        msg = f"{name}: not a GraphML graph that can be read ({err})"
        raise ReadError(msg) from err
    problems: list[Problem] = []
    for node, attrs in graph.nodes(data=True):
        for key in ("indicators", "attrs"):
            if isinstance(attrs.get(key), str):
                try:
                    attrs[key] = json.loads(attrs[key])
                except json.JSONDecodeError as err:
                    where = Location(name, column=key, element=str(node))
                    problems.append(Problem(f"not valid JSON ({err.msg})", where))
                    del attrs[key]
        if isinstance(attrs.get("agenda"), str):
            attrs["agenda"] = [t.strip() for t in attrs["agenda"].split(";") if t.strip()]
    raw_schema = graph.graph.get("schema")
    if isinstance(raw_schema, str) and raw_schema.lstrip().startswith("{"):
        try:
            graph.graph["schema"] = json.loads(raw_schema)
        except json.JSONDecodeError as err:
            msg = f"{name}: the graph's schema is not valid JSON ({err})"
            raise ReadError(msg) from err
    graph.graph.setdefault("name", Path(path).stem)
    return _from_graph(graph, schema=schema, file=name, problems=problems)
