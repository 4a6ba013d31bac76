"""YAML and JSON map files: ``elements:``, ``links:``, ``measurements:``; ``parents:`` as sugar.

Both formats share one document shape (published as a JSON Schema, see :func:`json_schema`);
YAML is read with a safe loader that remembers line numbers for error messages.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from stratgraph._atomic import atomic_write_text
from stratgraph._build import ElementRecord, LinkRecord, MeasurementRecord, build
from stratgraph._numbers import (
    AS_WRITTEN,
    Foreign,
    Kind,
    format_number,
    read_column,
    warn_no_money,
)
from stratgraph._yaml import MAX_ALIAS_EXPANSION, YAML12_RESOLVERS, parse, too_long_number
from stratgraph.exceptions import Location, Problem, ReadError
from stratgraph.io._common import (
    decode_text,
    display_name,
    duration_text,
    file_schema,
    keeps_read_warnings,
    read_file_bytes,
)
from stratgraph.model import FIELD_ALIASES, Element, Link, LinkKind, Measurement, negative_budget
from stratgraph.schema import SchemaLike, normalise_name
from stratgraph.strategy_map import StrategyMap

if TYPE_CHECKING:
    from stratgraph._util import StrPath

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

_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type] # CSafeDumper is untyped
    """A safe dumper that quotes text which YAML 1.1 or YAML 1.2 would read as anything else."""

    def represent_clock(self, value: dt.time | dt.timedelta) -> yaml.ScalarNode:
        text = value.isoformat() if isinstance(value, dt.time) else duration_text(value)
        node: yaml.ScalarNode = self.represent_str(text)
        return node

    def represent_exact_float(self, value: float) -> yaml.ScalarNode:
        """Write ``1.125`` as ``1.1250``: the reader takes ``1.125`` for 1 125 in some files."""
        if math.isfinite(value) and (not value.is_integer() or abs(value) >= 2**53):
            mantissa, e, exponent = format_number(value).partition("e")
            if "." not in mantissa:
                mantissa += ".0"  # YAML 1.1 readers take 1e+20 for text
            text = mantissa + e + exponent
            node: yaml.ScalarNode = self.represent_scalar("tag:yaml.org,2002:float", text)
            return node
        plain: yaml.ScalarNode = self.represent_float(value)
        return plain


_Dumper.add_representer(float, _Dumper.represent_exact_float)
_Dumper.add_representer(dt.time, _Dumper.represent_clock)
_Dumper.add_representer(dt.timedelta, _Dumper.represent_clock)
# Write what the reader reads back: YAML 1.2's plain scalars, so that "no" and "010" stay quoted.
for _tag, _pattern, _first in YAML12_RESOLVERS:
    _Dumper.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


# -- reading ------------------------------------------------------------------------------------


@keeps_read_warnings
def read_yaml(path: StrPath, *, schema: SchemaLike | None = None) -> StrategyMap:
    """Read a map from a YAML file.

    Parameters
    ----------
    path
        The file.
    schema
        A :class:`Schema`, preset name, mapping or schema file (see :meth:`Schema.coerce`);
        overrides a ``schema:`` in the file.

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
    try:
        parsed = parse(text, name)
    except yaml.constructor.ConstructorError as err:
        mark = err.problem_mark
        where = f"{name}, line {mark.line + 1}" if mark is not None else name
        msg = f"{where}: {err.problem}"
        raise ReadError(msg) from err
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
    problems = [
        Problem(f"the key {key!r} appears twice; each key may appear once", Location(name, line=n))
        for key, n in parsed.repeated
    ]
    problems += [
        Problem(
            f"'{key}: {number},{rest}' inside {{...}} is read by YAML as {key}: {number} and a "
            f"key {rest!r}, because a comma ends a value there; write the number without the "
            f"comma, or in quotes ({key}: '{number},{rest}') to have it read as a number "
            "written as text",
            Location(name, line=line, column=key),
        )
        for key, number, rest, line in parsed.split
    ]
    return from_document(
        parsed.data,
        file=name,
        schema=schema,
        lines=parsed.lines,
        problems=problems,
        written=parsed.written,
        key_lines=_key_lines(parsed.node),
    )


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """Return the line of each top-level key, for messages about the map's name or year."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): key.start_mark.line + 1
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


@keeps_read_warnings
def read_json(path: StrPath, *, schema: SchemaLike | None = None) -> StrategyMap:
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
            for k in sorted(k for k, n in Counter(keys).items() if n > 1)
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
        # A number too long to convert (Python's limit on the digits of an int): say where.
        long = re.search(rf"\d{{{sys.get_int_max_str_digits() + 1},}}", text)
        if long is None:  # pragma: no cover - json raises ValueError for long ints alone
            msg = f"{name}: not valid JSON for a strategy map ({err})"
            raise ReadError(msg) from err
        line = text.count("\n", 0, long.start()) + 1
        msg = f"{name}, line {line}: {too_long_number(long.group())}"
        raise ReadError(msg) from err
    return from_document(data, file=name, schema=schema, problems=repeated)


def from_document(
    data: Any,
    *,
    file: str | None = None,
    schema: SchemaLike | None = None,
    lines: Mapping[int, int] | None = None,
    problems: list[Problem] | None = None,
    written: Mapping[int, Mapping[Any, str]] | None = None,
    key_lines: Mapping[str, int] | None = None,
) -> StrategyMap:
    """Build a map from a parsed YAML/JSON document (a mapping with ``elements`` and ``links``).

    ``written`` holds, by the id of a mapping or list, the text as written of each value the
    YAML reader read as a number or yes/no: a text field (an id, a title) takes that text.
    """
    lines = lines or {}
    texts = _Texts(written or {})
    found: list[Problem] = list(problems or [])
    if not isinstance(data, Mapping):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        msg = (
            f"{file or 'the document'}: expected a mapping with an 'elements:' list "
            f"(and optionally 'links:', 'schema:', 'name:'), got {got}"
        )
        raise ReadError(msg)
    where_doc = Location(file, line=lines.get(id(data)))
    known = {
        *("name", "organisation", "year", "currency", "schema"),
        *("elements", "links", "measurements"),
    }
    found.extend(
        Problem(f"unknown top-level key {key!r}; valid keys: {', '.join(sorted(known))}", where_doc)
        for key in data
        if key not in known
    )
    the_schema = file_schema(schema, data.get("schema"), where_doc if str(where_doc) else None)
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
    measurements = data.get("measurements") or []
    if not isinstance(measurements, list):
        msg = (
            f"{file or 'the document'}: 'measurements:' must be a list of measurements, each "
            "with element, indicator, period and value"
        )
        raise ReadError(msg)

    records = []
    link_records = []
    for i, raw in enumerate(elements):
        where = _where(file, lines, raw, f"elements[{i}]")
        if not isinstance(raw, Mapping):
            found.append(Problem("an element must be a mapping with id, type and title", where))
            continue
        record, extra_links = _element_record(raw, where, found, texts)
        records.append(record)
        link_records.extend(extra_links)
    for i, raw in enumerate(links):
        where = _where(file, lines, raw, f"links[{i}]")
        if not isinstance(raw, Mapping):
            found.append(Problem("a link must be a mapping with source and target", where))
            continue
        fields = {str(k): texts.text(raw, k, v) for k, v in raw.items()}
        link_records.append(LinkRecord(fields, where, {k: k for k in fields}, may_annotate=True))
    measured = []
    for i, raw in enumerate(measurements):
        where = _where(file, lines, raw, f"measurements[{i}]")
        if not isinstance(raw, Mapping):
            message = "a measurement must be a mapping with element, indicator, period and value"
            found.append(Problem(message, where))
            continue
        fields = {
            str(k): texts.text(raw, k, v) if k != "value" else _as_written_number(texts, raw, k, v)
            for k, v in raw.items()
        }
        measured.append(MeasurementRecord(fields, where, {k: k for k in fields}))
    _text_values(measured, found)
    taken = _text_numbers(
        records,
        link_records,
        texts=texts,
        lines=lines,
        file=file,
        stated=data.get("currency"),
        found=found,
    )
    if not the_schema.money:
        _warn_if_money(the_schema.name, records)
    state = build(the_schema, records, link_records, measured, problems=found)
    meta: dict[str, Any] = {
        k: texts.text(data, k, data.get(k)) if k != "year" else data.get(k)
        for k in ("name", "currency", "year", "organisation")
    }
    if taken is not None:
        meta["currency"] = taken
    if meta["name"] is None and file is not None:
        meta["name"] = Path(file).stem
    key_lines = key_lines or {}
    meta["where"] = {
        k: Location(file, line=key_lines.get(k)) if key_lines.get(k) else where_doc
        for k in ("name", "currency", "year", "organisation")
    }
    return StrategyMap._from_state(state, **meta)  # noqa: SLF001 - the readers' constructor


#: The number fields of elements, indicators and links, and how each is read.
_ELEMENT_NUMBERS: dict[str, Kind] = {"budget": "money", "start": "year", "end": "year"}
_INDICATOR_NUMBERS = ("baseline", "target", "actual")
_DIALECT = "the rule for numbers written as text in a map file"


def _text_numbers(
    records: list[ElementRecord],
    link_records: list[LinkRecord],
    *,
    texts: _Texts,
    lines: Mapping[int, int],
    file: str | None,
    stated: Any,
    found: list[Problem],
) -> str | None:
    """Read numbers written as text (``"750.000 kr."``, YAML ``1.500``) field by field.

    The values of one field in the file are the cells of one column (:func:`read_column`).
    Returns the currency the map takes when every budget is in one foreign currency and the
    file states none.
    """
    taken = None
    dicts = [r for r in records if isinstance(r.fields, dict)]
    fields_of = [r.fields for r in dicts if isinstance(r.fields, dict)]
    for name, kind in _ELEMENT_NUMBERS.items():
        given = [(i, f[name]) for i, f in enumerate(fields_of) if f.get(name) is not None]
        if not any(isinstance(v, str) for _, v in given):
            continue

        def where(i: int | None, name: str = name) -> Location:
            record = dicts[0 if i is None else i]
            return replace(record.where, column=record.columns.get(name, name))

        read, new = read_column(
            given,
            kind=kind,
            header=name,
            where=where,
            problems=found,
            currency=stated if isinstance(stated, str) else None,
            dialect=_DIALECT,
            default=_default_mark(given),
        )
        taken = taken or new
        for i, value in given:
            fields = fields_of[i]
            number = read.get(i)
            if i not in read:
                del fields[name]
            elif isinstance(number, Foreign):
                _keep_as_written(fields, str(fields.pop(name)), where(i), found)
            elif number is None:
                del fields[name]
            elif name == "budget" and isinstance(value, str) and number < 0:
                # The text as written, not only the number read from it.
                eid = fields.get("id")
                at = replace(where(i), element=eid if isinstance(eid, str) else None)
                found.append(Problem(negative_budget(value, float(number)), at))
                del fields[name]
            else:
                fields[name] = number
    _text_indicator_numbers(dicts, texts=texts, lines=lines, file=file, found=found)
    indices, weights = _number_column(link_records, "weight", found)
    for i in indices:
        link_fields = link_records[i].fields
        assert isinstance(link_fields, dict)  # noqa: S101 - from_document builds dicts
        if weights.get(i) is None:
            del link_fields["weight"]
        else:
            link_fields["weight"] = weights[i]
    return taken


def _number_column(
    records: Sequence[LinkRecord | MeasurementRecord], name: str, found: list[Problem]
) -> tuple[list[int], Mapping[int, Any]]:
    """Read the field ``name`` of ``records`` as one column when any is written as text.

    Returns the positions of the records that give the field and the number read for each (none
    for an empty cell; a refused cell is left out, its problem in ``found``), or nothing when
    every value is a number already.
    """
    given = [
        (i, r.fields[name])
        for i, r in enumerate(records)
        if isinstance(r.fields, dict) and r.fields.get(name) is not None
    ]
    if not any(isinstance(v, str) for _, v in given):
        return [], {}
    read, _ = read_column(
        given,
        kind="number",
        header=name,
        where=lambda i: replace(records[i or 0].where, column=name),
        problems=found,
        dialect=_DIALECT,
        default=_default_mark(given),
    )
    return [i for i, _ in given], read


def _text_values(records: list[MeasurementRecord], found: list[Problem]) -> None:
    """Read the measured values written as text (``"4,2"``), all of them one column."""
    indices, values = _number_column(records, "value", found)
    for i in indices:
        fields = records[i].fields
        assert isinstance(fields, dict)  # noqa: S101 - from_document builds dicts
        if i not in values:
            records[i] = replace(records[i], fields={})  # its problem is reported; score nothing
        elif values[i] is None:
            del fields["value"]
        else:
            fields["value"] = values[i]
    records[:] = [r for r in records if r.fields]


def _warn_if_money(schema: str, records: list[ElementRecord]) -> None:
    """Warn once if a map whose schema carries no money gives budgets."""
    given = [
        r for r in records if isinstance(r.fields, dict) and r.fields.get("budget") is not None
    ]
    if given:
        column = given[0].columns.get("budget", "budget")
        warn_no_money(schema, column, len(given), replace(given[0].where, column=column))


def _keep_as_written(
    fields: dict[str, Any], text: str, where: Location, found: list[Problem]
) -> None:
    attrs = fields.setdefault("attrs", {})
    if AS_WRITTEN in attrs:
        message = (
            f"the budget {text!r} is in another currency than the map's and would be "
            f"kept in {AS_WRITTEN!r}, which holds a value already; clear one"
        )
        found.append(Problem(message, where))
    else:
        attrs[AS_WRITTEN] = text


def _text_indicator_numbers(
    records: list[ElementRecord],
    *,
    texts: _Texts,
    lines: Mapping[int, int],
    file: str | None,
    found: list[Problem],
) -> None:
    """Read the indicators' baselines, targets and actuals, each field as one column."""
    places: list[tuple[ElementRecord, int, Mapping[str, Any]]] = []
    for record in records:
        given = record.fields.get("indicators") if isinstance(record.fields, dict) else None
        if isinstance(given, list):
            places.extend(
                (record, j, ind) for j, ind in enumerate(given) if isinstance(ind, Mapping)
            )
    if not places:
        return
    changed: dict[int, dict[str, Any]] = {}
    for name in _INDICATOR_NUMBERS:
        cells = []
        for k, (_, _, ind) in enumerate(places):
            value = ind.get(name)
            if value is not None:
                cells.append((k, _as_written_number(texts, ind, name, value)))
        if not any(isinstance(v, str) for _, v in cells):
            continue

        def where(k: int | None, name: str = name) -> Location:
            record, j, ind = places[k or 0]
            line = lines.get(id(ind))
            if line is not None:
                return Location(file, line=line, column=name)
            return replace(record.where, column=f"indicators[{j}].{name}")

        read, _ = read_column(
            cells,
            kind="number",
            header=name,
            where=where,
            problems=found,
            dialect=_DIALECT,
            default=_default_mark(cells),
        )
        for k, _ in cells:
            new = changed.setdefault(k, dict(places[k][2]))
            if read.get(k) is None:
                del new[name]
            else:
                new[name] = read[k]
    for k, new in changed.items():
        record, j, _ = places[k]
        assert isinstance(record.fields, dict)  # noqa: S101 - only dicts are in records here
        indicators = record.fields["indicators"] = list(record.fields["indicators"])
        indicators[j] = new


class _PlainNumber(str):
    """A YAML plain number with a mark (``1.500``), as written."""

    __slots__ = ()


def _as_written_number(texts: _Texts, container: Any, key: Any, value: Any) -> Any:
    """Return a YAML plain number with a mark (``1.500``, ``2,5``) as written, else ``value``.

    YAML reads ``1.500`` as 1.5, but a person may have written it as 1 500: such a number is
    read like a cell of its column, by the same rules as numbers written as text.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = texts.text(container, key, value)
        if isinstance(text, str) and ("." in text or "," in text):
            return _PlainNumber(text)
    return value


def _default_mark(cells: list[tuple[int, Any]]) -> str:
    """Return the mark a column nothing settles is read with: YAML's own for plain numbers.

    ``baseline: 1.125`` is the number 1.125 to YAML and JSON, and stays so unless other cells
    of its column show the decimal comma; a number written as text (``"1.500"``) was typed as a
    Danish spreadsheet writes it, so it is read with the decimal comma.
    """
    texts = [v for _, v in cells if isinstance(v, str)]
    return "." if texts and all(isinstance(v, _PlainNumber) for v in texts) else ","


def _where(file: str | None, lines: Mapping[int, int], raw: Any, item: str) -> Location:
    line = lines.get(id(raw))
    return Location(file, line=line) if line is not None or not file else Location(file, item=item)


class _Texts:
    """The text as written of values the YAML reader read as numbers or yes/no."""

    __slots__ = ("written",)

    def __init__(self, written: Mapping[int, Mapping[Any, str]]) -> None:
        self.written = written

    def text(self, container: Any, key: Any, value: Any) -> Any:
        """Return ``value`` (``container[key]``) as written if it was read as a number."""
        if isinstance(value, str) or value is None or not self.written:
            return value
        return self.written.get(id(container), {}).get(key, value)

    def items(self, value: Any) -> Any:
        """Return the list ``value`` with each item as written."""
        if not isinstance(value, list) or id(value) not in self.written:
            return value
        texts = self.written[id(value)]
        return [texts.get(i, item) for i, item in enumerate(value)]


#: Element fields that hold text: a number written there is read as the text written.
_TEXT_FIELDS = frozenset({"id", "type", "title", "description", "owner", "status"})


def _element_record(
    raw: Mapping[str, Any], where: Location, found: list[Problem], texts: _Texts
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
        if field in _TEXT_FIELDS:
            value = texts.text(raw, key, value)  # noqa: PLW2901 - the value as written
        elif field in _ELEMENT_NUMBERS:
            value = _as_written_number(texts, raw, key, value)  # noqa: PLW2901
        elif field in ("parents", "agenda"):
            value = texts.items(texts.text(raw, key, value))  # noqa: PLW2901
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
        # Every parent is listed, in order; a note or weight is added by an entry in `links`.
        if link.kind is LinkKind.HIERARCHY:
            hierarchy_plain.setdefault(link.target, []).append(link.source)
        if link.kind is not LinkKind.HIERARCHY or link.note is not None or link.weight is not None:
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
    if smap.measurements:
        doc["measurements"] = [_measurement_entry(m) for m in smap.measurements]
    return doc


def _element_entry(element: Element, parents: list[str] | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": element.id, "type": element.type, "title": element.title}
    for field in (
        *("description", "owner", "agenda", "start", "end", "budget", "status", "followup"),
    ):
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
            i.model_dump(mode="json", exclude_none=True, exclude_defaults=True) | {"name": i.name}
            for i in element.indicators
        ]
    if parents:
        entry["parents"] = parents
    if element.attrs:
        entry["attrs"] = dict(element.attrs)
    return entry


def _measurement_entry(measurement: Measurement) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "element": measurement.element,
        "indicator": measurement.indicator,
        "period": str(measurement.period),
        "value": measurement.value,
    }
    for field in ("note", "source"):
        value = getattr(measurement, field)
        if value is not None:
            entry[field] = value
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
        Dumper=_Dumper,
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
    if isinstance(value, dt.timedelta):
        return duration_text(value)
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
