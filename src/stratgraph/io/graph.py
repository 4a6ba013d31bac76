"""The networkx view of a map, and GraphML files (for Gephi, yEd and Cytoscape).

GraphML is parsed with defusedxml: a DTD, entity declarations and external references are
refused, so a file cannot expand into gigabytes or reach outside itself.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph._atomic import atomic_path
from stratgraph._build import ElementRecord, LinkRecord, MeasurementRecord, build
from stratgraph._numbers import AS_WRITTEN, Foreign, Kind, read_column, warn_no_money
from stratgraph.exceptions import Location, Problem, ReadError
from stratgraph.io._common import display_name, file_schema, keeps_read_warnings, read_file_bytes
from stratgraph.io._tables.cells import join_list, split_list
from stratgraph.model import ELEMENT_FIELDS, FIELD_ALIASES
from stratgraph.schema import SchemaLike, normalise_name
from stratgraph.strategy_map import StrategyMap

if TYPE_CHECKING:
    import networkx as nx

    from stratgraph._util import StrPath

__all__ = ["from_networkx", "read_graphml", "to_graphml", "to_networkx"]

_META = ("name", "currency", "year", "organisation")


def to_networkx(smap: StrategyMap) -> nx.DiGraph[str]:
    """Return the map as a DiGraph: nodes carry the element fields, edges carry ``kind``.

    Fields that are unset (``None`` or empty) are left out; a node's ``measurements`` is a list
    of its measurements (``indicator, period, value, note, source``), and ``note`` and
    ``weight`` appear on an edge only when set. ``G.graph`` holds the schema and the map's metadata.

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
    for m in smap.measurements:
        graph.nodes[m.element].setdefault("measurements", []).append(
            m.model_dump(exclude={"element"}, exclude_none=True)
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
    schema: SchemaLike | None = None,
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
    TypeError
        If ``graph`` is not a directed networkx graph.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.from_networkx(m.to_networkx()) == m
    True
    """
    is_directed = getattr(graph, "is_directed", None)
    if not callable(is_directed) or not hasattr(graph, "nodes") or not is_directed():
        shown = type(graph).__name__
        msg = (
            f"expected a directed networkx graph (nx.DiGraph), got {shown}; a link points from "
            "parent to child, so build the graph as nx.DiGraph with edges parent → child"
        )
        raise TypeError(msg)
    return map_from_graph(graph, schema=schema, file=file, problems=[])


def map_from_graph(
    graph: Any,
    *,
    schema: SchemaLike | None,
    file: str | None,
    problems: list[Problem],
    edges: list[tuple[Any, Any]] | None = None,
    places: Mapping[Any, Location] | None = None,
) -> StrategyMap:
    """Build the map; ``edges`` gives the order of the edges in the file, which the graph loses.

    ``places`` gives where a node or an edge (``(u, v)``) is in the file, when the reader knows.
    """
    places = places or {}
    records = []
    measured: list[MeasurementRecord] = []
    for node, data in graph.nodes(data=True):
        fields: dict[str, Any] = {"id": node}
        given = data.get("attrs")
        attrs: dict[str, Any] = {}
        if isinstance(given, dict):
            attrs.update(given)
        elif given is not None:
            what = type(given).__name__
            problems.append(
                Problem(
                    f"attrs must be a mapping of names to values (a JSON object), not a {what}",
                    Location(file, column="attrs", element=str(node)),
                )
            )
        for key, value in data.items():
            field = FIELD_ALIASES.get(normalise_name(str(key)))
            if key == "attrs":
                continue
            if key == "measurements" and value is not None:
                where = places.get(node) or Location(file, element=str(node))
                measured.extend(_node_measurements(node, value, where, problems))
                continue
            if field is None or field in ("parents", "links"):
                attrs[str(key)] = value
            elif value is not None:
                fields[field] = value
        if attrs:
            fields["attrs"] = attrs
        where = places.get(node) or Location(file, element=str(node))
        records.append(ElementRecord(fields, where))
    links = [
        LinkRecord(
            {"source": u, "target": v, "kind": d.get("kind", "hierarchy"), **_edge_extra(d)},
            places.get((u, v)) or Location(file, column=f"edge {u!r} → {v!r}"),
        )
        for u, v, d in _edges_in_order(graph, edges)
    ]
    meta: dict[str, Any] = {k: graph.graph.get(k) for k in _META}
    meta["where"] = Location(file)
    the_schema = file_schema(schema, graph.graph.get("schema"), Location(file) if file else None)
    given = [
        r for r in records if isinstance(r.fields, dict) and r.fields.get("budget") is not None
    ]
    if given and not the_schema.money:
        warn_no_money(
            the_schema.name, "budget", len(given), replace(given[0].where, column="budget")
        )
    state = build(the_schema, records, links, measured, problems=problems)
    return StrategyMap._from_state(state, **meta)  # noqa: SLF001 - the readers' constructor


def _node_measurements(
    node: Any, value: Any, where: Location, problems: list[Problem]
) -> list[MeasurementRecord]:
    """Return the measurements a node holds: a list of mappings without the element's id."""
    at = replace(where, column="measurements")
    if not isinstance(value, list):
        message = (
            "measurements must be a list (a JSON array) of objects with indicator, period and "
            f"value, not a {type(value).__name__}"
        )
        problems.append(Problem(message, at))
        return []
    records = []
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            message = (
                f"measurements[{i}] is a {type(item).__name__}; each is an object with "
                "indicator, period and value"
            )
            problems.append(Problem(message, at))
            continue
        named = item.get("element", str(node))
        if named != str(node):
            message = (
                f"measurement {i + 1} of node {str(node)!r} names the element {named!r}; a "
                "node's measurements are its own (leave 'element' out, or move the measurement "
                f"to node {named!r})"
            )
            problems.append(Problem(message, replace(at, column=f"measurements[{i}].element")))
            continue
        fields = {**{str(k): v for k, v in item.items()}, "element": str(node)}
        columns = {k: f"measurements[{i}].{k}" for k in fields}
        records.append(MeasurementRecord(fields, replace(where), columns))
    return records


def _edges_in_order(graph: Any, order: list[tuple[Any, Any]] | None) -> list[tuple[Any, Any, Any]]:
    """Return the graph's edges in ``order`` (the file's), any not in it after them.

    Without an order, the edges into each node come in the order they were added to the graph
    (which ``graph.edges`` loses, grouping them by source): an element's parents keep theirs.
    """
    found = [(u, v, d) for v in graph for u, d in graph.pred[v].items()]
    if not order:
        return found
    rank = {pair: k for k, pair in reversed(list(enumerate(order)))}
    return sorted(found, key=lambda e: rank.get((e[0], e[1]), len(rank)))


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
    graphs = 0
    for element in root.iter():
        local = str(element.tag).rpartition("}")[2]
        if local == "graph":
            graphs += 1
            if graphs == 2:  # noqa: PLR2004 - the first is the map
                label = element.get("id")
                named = f"a second graph ({label!r})" if label else "a second graph"
                msg = (
                    f"{name}: holds {named}, but a map file holds one graph, which would be "
                    "read alone; keep one graph per file, or merge them into one"
                )
                raise ReadError(msg)
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

    Agenda tags are joined with ``; ``; indicators, an element's measurements (without its
    id), extra attributes and a custom schema are stored as JSON text, which every GraphML tool
    keeps as a string.
    """
    import networkx as nx  # noqa: PLC0415 - keeps `import stratgraph` light

    graph: nx.DiGraph[str] = nx.DiGraph()
    for key in _META:
        value = getattr(smap, key)
        if value is not None:
            graph.graph[key] = value
    schema = smap.schema.to_dict()
    graph.graph["schema"] = schema.get("preset") or json.dumps(schema, ensure_ascii=False)
    measured: dict[str, list[dict[str, Any]]] = {}
    for m in smap.measurements:
        measured.setdefault(m.element, []).append(
            m.model_dump(mode="json", exclude={"element"}, exclude_none=True)
        )
    for e in smap:
        data: dict[str, Any] = {"type": e.type, "title": e.title}
        for field in ("description", "owner", "status", "followup"):
            if getattr(e, field) is not None:
                data[field] = getattr(e, field)
        if e.agenda:
            data["agenda"] = join_list(e.agenda)
        for field in ("start", "end"):
            if getattr(e, field) is not None:
                data[field] = int(getattr(e, field))
        if e.budget is not None:
            data["budget"] = float(e.budget)
        if e.indicators:
            data["indicators"] = json.dumps(
                [i.model_dump(mode="json", exclude_none=True) for i in e.indicators],
                ensure_ascii=False,
            )
        if e.attrs:
            data["attrs"] = json.dumps(e.attrs, ensure_ascii=False, default=str)
        if e.id in measured:
            data["measurements"] = json.dumps(measured[e.id], ensure_ascii=False)
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
    writer = _in_order_writer()(encoding="utf-8", prettyprint=True)
    writer.order = [(link.source, link.target) for link in smap.links]
    writer.add_graph_element(graph)
    with atomic_path(path) as tmp, Path(tmp).open("wb") as out:
        writer.dump(out)


def _in_order_writer() -> type:
    """Return a GraphML writer that writes the edges in a given order (a map's links' order).

    networkx writes a DiGraph's edges grouped by source node, which would reorder an element's
    parents; the order of the links is the order the map gives them in.
    """
    from networkx.readwrite.graphml import GraphMLWriter  # noqa: PLC0415

    class InOrder(GraphMLWriter):
        order: list[tuple[str, str]]

        def add_edges(self, G: Any, graph_element: Any) -> None:  # noqa: N803 - networkx's name
            for u, v in self.order:
                edge = self.myElement("edge", source=str(u), target=str(v))
                self.add_attributes("edge", edge, G.edges[u, v], G.graph.get("edge_default", {}))
                graph_element.append(edge)

    return InOrder


@keeps_read_warnings
def read_graphml(path: StrPath, *, schema: SchemaLike | None = None) -> StrategyMap:
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
        for key in ("indicators", "attrs", "measurements"):
            if isinstance(attrs.get(key), str):
                where = Location(name, column=key, element=str(node))
                try:
                    attrs[key] = json.loads(attrs[key])
                except json.JSONDecodeError as err:
                    problems.append(Problem(f"not valid JSON ({err.msg})", where))
                    del attrs[key]
                except RecursionError:
                    problems.append(Problem("the JSON is nested too deeply to be read", where))
                    del attrs[key]
        if isinstance(attrs.get("agenda"), str):
            attrs["agenda"] = split_list(attrs["agenda"])
    raw_schema = graph.graph.get("schema")
    if isinstance(raw_schema, str) and raw_schema.lstrip().startswith("{"):
        try:
            graph.graph["schema"] = json.loads(raw_schema)
        except json.JSONDecodeError as err:
            msg = f"{name}: the graph's schema is not valid JSON ({err})"
            raise ReadError(msg) from err
        except RecursionError as err:
            msg = f"{name}: the graph's schema is JSON nested too deeply to be a schema"
            raise ReadError(msg) from err
    graph.graph.setdefault("name", Path(path).stem)
    edges = [
        (e.get("source"), e.get("target"))
        for e in root.iter()
        if str(e.tag).rpartition("}")[2] == "edge"
    ]
    read_text_numbers(graph, name, problems)
    return map_from_graph(graph, schema=schema, file=name, problems=problems, edges=edges)


#: The number fields of a node and how each is read.
_NODE_NUMBERS: dict[str, Kind] = {"budget": "money", "start": "year", "end": "year"}


def read_text_numbers(graph: Any, name: str, problems: list[Problem]) -> None:
    """Read numbers a GraphML file holds as text (``attr.type="string"``) by the column rules.

    The values of one field in the file are one column (:func:`read_column`); each number read
    replaces its text, and a budget in another currency is kept as written in ``attrs``.
    """
    nodes = list(graph.nodes(data=True))
    for field, kind in _NODE_NUMBERS.items():
        cells: list[tuple[int, Any]] = []
        keys: dict[int, str] = {}
        for k, (_, data) in enumerate(nodes):
            for key, value in data.items():
                if value is not None and FIELD_ALIASES.get(normalise_name(str(key))) == field:
                    cells.append((k, value))
                    keys[k] = key
        if not any(isinstance(value, str) for _, value in cells):
            continue

        def where(k: int | None, keys: dict[int, str] = keys, first: int = cells[0][0]) -> Location:
            k = first if k is None else k
            return Location(name, column=keys[k], element=str(nodes[k][0]))

        stated = graph.graph.get("currency")
        read, taken = read_column(
            cells,
            kind=kind,
            header=field,
            where=where,
            problems=problems,
            currency=stated if isinstance(stated, str) else None,
            dialect="the rule for numbers written as text in a map file",
        )
        if taken is not None:
            graph.graph["currency"] = taken
        for k, _ in cells:
            data, key = nodes[k][1], keys[k]
            number = read.get(k)
            if isinstance(number, Foreign):
                attrs = data.setdefault("attrs", {})
                if isinstance(attrs, dict) and AS_WRITTEN not in attrs:
                    attrs[AS_WRITTEN] = data.pop(key)
                    continue
                message = (
                    f"the budget {data[key]!r} is in another currency than the map's and would "
                    f"be kept in {AS_WRITTEN!r}, which holds a value already; clear one"
                )
                problems.append(Problem(message, where(k)))
            if number is None or isinstance(number, Foreign):
                del data[key]
            else:
                data[key] = number
