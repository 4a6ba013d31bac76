"""YAML and JSON map files: ``elements:`` and ``links:`` lists, with ``parents:`` as sugar.

Both formats share one document shape (published as a JSON Schema, see :func:`json_schema`);
YAML is read with a safe loader that remembers line numbers for error messages.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from stratgraph._build import ElementRecord, LinkRecord, build
from stratgraph._readnotes import keeps_read_warnings
from stratgraph.exceptions import Location, Problem, ReadError
from stratgraph.io._atomic import atomic_write_text
from stratgraph.io._common import (
    StrPath,
    decode_text,
    display_name,
    file_schema,
    read_file_bytes,
)
from stratgraph.model import FIELD_ALIASES, Element, Link, LinkKind
from stratgraph.schema import Schema, normalise_name
from stratgraph.strategy_map import StrategyMap

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "from_document",
    "json_schema",
    "read_json",
    "read_yaml",
    "to_document",
    "to_json",
    "to_yaml",
]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type] # CSafeLoader is untyped
    """A safe loader that records the line of every mapping and any repeated key."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.lines: dict[int, int] = {}
        self.repeated: list[tuple[str, int]] = []

    def construct_line_map(self, node: yaml.MappingNode) -> Any:
        data: dict[Any, Any] = {}
        self.lines[id(data)] = node.start_mark.line + 1
        yield data
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node)
            if isinstance(key, str | int | float | bool) and key in seen:
                self.repeated.append((str(key), key_node.start_mark.line + 1))
            if isinstance(key, str | int | float | bool):
                seen.add(key)
        data.update(self.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_line_map)

#: The most nodes that aliases may add to a YAML document once expanded (a billion laughs).
MAX_ALIAS_EXPANSION = 100_000


def _check_aliases(root: yaml.Node, name: str) -> None:
    """Refuse a document whose aliases refer to themselves or expand it beyond reason.

    PyYAML shares an aliased object instead of copying it, but anything that later walks,
    copies or writes the map (``attrs`` above all) would expand it in full.

    Raises
    ------
    ReadError
        If an alias is part of what it names, or expanding the aliases would add more than
        :data:`MAX_ALIAS_EXPANSION` nodes.
    """
    sizes: dict[int, int] = {}  # node id -> expanded size, for nodes already measured
    open_nodes: set[int] = set()
    distinct = 0
    # An explicit stack: a deep document must not exhaust Python's recursion limit here.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            msg = (
                f"{name}, line {node.start_mark.line + 1}: an alias (*name) refers to the "
                "anchor (&name) it stands inside; a map file cannot contain itself"
            )
            raise ReadError(msg)
        open_nodes.add(key)
        distinct += 1
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                msg = (
                    f"{name}, line {child.start_mark.line + 1}: an alias (*name) refers to the "
                    "anchor (&name) it stands inside; a map file cannot contain itself"
                )
                raise ReadError(msg)
            if id(child) not in sizes:
                stack.append((child, False))
    if sizes[id(root)] - distinct > MAX_ALIAS_EXPANSION:
        msg = (
            f"{name}: its aliases (*name) would expand it by {sizes[id(root)] - distinct:,} "
            f"values, more than the {MAX_ALIAS_EXPANSION:,} a map file may add so; "
            "write the values out or use fewer aliases"
        )
        raise ReadError(msg)


# -- reading ------------------------------------------------------------------------------------


@keeps_read_warnings
def read_yaml(path: StrPath, *, schema: Schema | str | None = None) -> StrategyMap:
    """Read a map from a YAML file.

    Parameters
    ----------
    path
        The file.
    schema
        A :class:`Schema` or preset name; overrides a ``schema:`` in the file.

    Returns
    -------
    StrategyMap

    Raises
    ------
    ReadError
        If the file is not YAML, or not a mapping with an ``elements:`` list.
    ValidationError
        If the map breaks the model; every problem is listed with its line.

    Examples
    --------
    >>> path = sg.datasets.path("eksempel-2013")
    >>> sg.read_yaml(path).name
    'Eksempel Kommune 2013'
    """
    name = display_name(path)
    text = decode_text(read_file_bytes(path), name)
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_aliases(node, name)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{name}, line {mark.line + 1}" if mark is not None else name
        problem = getattr(err, "problem", None) or str(err)
        msg = f"{where}: not valid YAML ({problem}); check indentation, colons and quotes"
        raise ReadError(msg) from err
    except (ValueError, RecursionError) as err:
        # A number too long to convert (Python's limit on int digits), or nesting too deep.
        msg = f"{name}: cannot be read as a strategy map ({err})"
        raise ReadError(msg) from err
    finally:
        loader.dispose()
    problems = [
        Problem(f"the key {key!r} appears twice; each key may appear once", Location(name, line=n))
        for key, n in loader.repeated
    ]
    return from_document(data, file=name, schema=schema, lines=loader.lines, problems=problems)


@keeps_read_warnings
def read_json(path: StrPath, *, schema: Schema | str | None = None) -> StrategyMap:
    """Read a map from a JSON file of the same shape as the YAML one.

    Raises
    ------
    ReadError
        If the file is not JSON, or not an object with an ``elements`` array.
    ValidationError
        If the map breaks the model; every problem is listed with its place.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "kort.json"
    >>> sg.datasets.load("eksempel-2013").to_json(out)
    >>> len(sg.read_json(out)) == len(sg.datasets.load("eksempel-2013"))
    True
    """
    name = display_name(path)
    text = decode_text(read_file_bytes(path), name)
    repeated: list[Problem] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        repeated.extend(
            Problem(
                f"the key {k!r} appears twice in one object; each key may appear once",
                Location(name),
            )
            for k in sorted({k for k in keys if keys.count(k) > 1})
        )
        return dict(items)

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as err:
        msg = f"{name}, line {err.lineno}, column {err.colno}: not valid JSON ({err.msg})"
        raise ReadError(msg) from err
    except RecursionError as err:
        msg = f"{name}: the JSON is nested too deeply to be a strategy map"
        raise ReadError(msg) from err
    except ValueError as err:
        # A number too long to convert (Python's limit on the digits of an int).
        msg = f"{name}: not valid JSON for a strategy map ({err})"
        raise ReadError(msg) from err
    return from_document(data, file=name, schema=schema, problems=repeated)


def from_document(
    data: Any,
    *,
    file: str | None = None,
    schema: Schema | str | None = None,
    lines: Mapping[int, int] | None = None,
    problems: list[Problem] | None = None,
) -> StrategyMap:
    """Build a map from a parsed YAML/JSON document (a mapping with ``elements`` and ``links``)."""
    lines = lines or {}
    found: list[Problem] = list(problems or [])
    if not isinstance(data, Mapping):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        msg = (
            f"{file or 'the document'}: expected a mapping with an 'elements:' list "
            f"(and optionally 'links:', 'schema:', 'name:'), got {got}"
        )
        raise ReadError(msg)
    where_doc = Location(file, line=lines.get(id(data)))
    known = {"name", "organisation", "year", "currency", "schema", "elements", "links"}
    found.extend(
        Problem(f"unknown top-level key {key!r}; valid keys: {', '.join(sorted(known))}", where_doc)
        for key in data
        if key not in known
    )
    the_schema = file_schema(schema, data.get("schema"), str(where_doc) or None)
    elements = data.get("elements")
    if not isinstance(elements, list):
        msg = f"{file or 'the document'}: 'elements:' must be a list of elements, got " + (
            "nothing" if elements is None else f"a {type(elements).__name__}"
        )
        raise ReadError(msg)
    links = data.get("links") or []
    if not isinstance(links, list):
        msg = f"{file or 'the document'}: 'links:' must be a list of links"
        raise ReadError(msg)

    records = []
    link_records = []
    for i, raw in enumerate(elements):
        where = _where(file, lines, raw, f"elements[{i}]")
        if not isinstance(raw, Mapping):
            found.append(Problem("an element must be a mapping with id, type and title", where))
            continue
        record, extra_links = _element_record(raw, where, found)
        records.append(record)
        link_records.extend(extra_links)
    for i, raw in enumerate(links):
        where = _where(file, lines, raw, f"links[{i}]")
        if not isinstance(raw, Mapping):
            found.append(Problem("a link must be a mapping with source and target", where))
            continue
        link_records.append(LinkRecord(dict(raw), where, {k: k for k in raw}))
    state = build(the_schema, records, link_records, problems=found)
    meta = {k: data.get(k) for k in ("name", "currency", "year", "organisation")}
    if meta["name"] is None and file is not None:
        meta["name"] = Path(file).stem
    return StrategyMap._from_state(state, **meta)  # noqa: SLF001 - the readers' constructor


def _where(file: str | None, lines: Mapping[int, int], raw: Any, item: str) -> Location:
    line = lines.get(id(raw))
    return Location(file, line=line) if line is not None or not file else Location(file, item=item)


def _element_record(
    raw: Mapping[str, Any], where: Location, found: list[Problem]
) -> tuple[ElementRecord, list[LinkRecord]]:
    fields: dict[str, Any] = {}
    attrs: dict[str, Any] = {}
    columns: dict[str, str] = {}
    parents: list[str] = []
    link_cells: list[tuple[str, str]] = []
    extra: list[LinkRecord] = []
    for key, value in raw.items():
        field = FIELD_ALIASES.get(normalise_name(str(key)))
        if field is None:
            attrs[str(key)] = value
            continue
        if field in columns:
            message = f"the keys {columns[field]!r} and {key!r} both give the {field}; keep one"
            found.append(Problem(message, where))
            continue
        columns[field] = str(key)
        if field == "parents":
            parents = _id_list(value, where, str(key), found)
        elif field == "links":
            link_cells, extra = _links_of(raw.get("id"), value, where, str(key), found)
        elif field == "attrs":
            if isinstance(value, Mapping):
                attrs.update({str(k): v for k, v in value.items()})
            elif value is not None:
                found.append(Problem("attrs must be a mapping of names to values", where))
        elif value is not None:
            fields[field] = value
    if attrs:
        fields["attrs"] = attrs
    if (
        isinstance(fields.get("id"), int | float)
        and not isinstance(fields["id"], bool)
        and math.isfinite(fields["id"])
    ):
        fields["id"] = _number_text(fields["id"])
    return ElementRecord(fields, where, columns, parents, link_cells), extra


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _id_list(value: Any, where: Location, key: str, found: list[Problem]) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, int | float) and not isinstance(item, bool):
            out.append(_number_text(item))
        else:
            found.append(Problem(f"{item!r} is not an element id", replace(where, column=key)))
    return out


def _links_of(
    source: Any, value: Any, where: Location, key: str, found: list[Problem]
) -> tuple[list[tuple[str, str]], list[LinkRecord]]:
    cells: list[tuple[str, str]] = []
    records: list[LinkRecord] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and ":" in item:
            kind, _, target = item.partition(":")
            cells.append((kind.strip(), target.strip()))
        elif isinstance(item, Mapping):
            records.append(LinkRecord({"source": source, **item}, where, {"target": key}))
        else:
            message = f"{item!r} is not a link; write 'kind:target' or {{kind: ..., target: ...}}"
            found.append(Problem(message, replace(where, column=key)))
    return cells, records


# -- writing ------------------------------------------------------------------------------------


def to_document(smap: StrategyMap) -> dict[str, Any]:
    """Return the map as a plain document: the shape of the YAML and JSON files."""
    hierarchy_plain: dict[str, list[str]] = {}
    links: list[dict[str, Any]] = []
    for link in smap.links:
        if link.kind is LinkKind.HIERARCHY and link.note is None and link.weight is None:
            hierarchy_plain.setdefault(link.target, []).append(link.source)
        else:
            links.append(_link_entry(link))
    doc: dict[str, Any] = {"name": smap.name}
    if smap.organisation is not None:
        doc["organisation"] = smap.organisation
    if smap.year is not None:
        doc["year"] = smap.year
    doc["currency"] = smap.currency
    schema = smap.schema.to_dict()
    doc["schema"] = schema.get("preset", schema)
    doc["elements"] = [_element_entry(e, hierarchy_plain.get(e.id)) for e in smap]
    doc["links"] = links
    return doc


def _element_entry(element: Element, parents: list[str] | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": element.id, "type": element.type, "title": element.title}
    for field in ("description", "owner", "agenda", "start", "end", "budget", "status"):
        value = getattr(element, field)
        if value is None or value == ():
            continue
        if field == "agenda":
            value = list(value)
        elif field == "budget" and float(value).is_integer() and abs(value) < 2**53:
            value = int(value)
        entry[field] = value
    if element.indicators:
        entry["indicators"] = [
            i.model_dump(exclude_none=True, exclude_defaults=True) | {"name": i.name}
            for i in element.indicators
        ]
    if parents:
        entry["parents"] = parents
    if element.attrs:
        entry["attrs"] = dict(element.attrs)
    return entry


def _link_entry(link: Link) -> dict[str, Any]:
    entry: dict[str, Any] = {"source": link.source, "target": link.target, "kind": link.kind.value}
    if link.note is not None:
        entry["note"] = link.note
    if link.weight is not None:
        entry["weight"] = link.weight
    return entry


def to_yaml(smap: StrategyMap, path: StrPath | None = None) -> str | None:
    """Write ``smap`` as YAML to ``path`` (atomically), or return the text."""
    text: str = yaml.dump(
        to_document(smap),
        Dumper=_BaseDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    if path is None:
        return text
    atomic_write_text(path, text)
    return None


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    msg = f"cannot write {value!r} ({type(value).__name__}) to JSON"
    raise TypeError(msg)


def to_json(smap: StrategyMap, path: StrPath | None = None) -> str | None:
    """Write ``smap`` as JSON to ``path`` (atomically), or return the text."""
    text = json.dumps(to_document(smap), ensure_ascii=False, indent=2, default=_json_default)
    if path is None:
        return text
    atomic_write_text(path, text + "\n")
    return None


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the YAML/JSON map file, for editors and validators.

    Examples
    --------
    >>> sg.json_schema()["title"]
    'stratgraph map file'
    """
    path = Path(__file__).with_name("map-file.schema.json")
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return result
