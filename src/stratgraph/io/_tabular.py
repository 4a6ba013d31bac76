"""Tables of elements, links and indicators: what CSV, Excel and DataFrames have in common.

Reading maps headers (Danish ones included) to fields, parses Danish numbers, splits list cells
and undoes formula neutralisation; writing does the reverse. Every problem names its row and column
as the spreadsheet shows them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError as PydanticError

from stratgraph._build import ElementRecord, LinkRecord, build, gc_paused
from stratgraph.exceptions import Location, Problem
from stratgraph.model import FIELD_ALIASES, Indicator, LinkKind
from stratgraph.schema import Schema, SchemaLike, normalise_name
from stratgraph.strategy_map import StrategyMap

__all__ = [
    "ELEMENT_COLUMNS",
    "HEADER_NAMES",
    "INDICATOR_COLUMNS",
    "LINK_COLUMNS",
    "Table",
    "element_table",
    "indicator_table",
    "link_table",
    "map_from_tables",
    "neutralise",
    "parse_number",
    "unneutralise",
]

#: Columns of the elements table, in the order they are written.
ELEMENT_COLUMNS = (
    "id",
    "type",
    "title",
    "parents",
    "description",
    "owner",
    "agenda",
    "start",
    "end",
    "budget",
    "status",
    "links",
)
LINK_COLUMNS = ("source", "target", "kind", "note", "weight")
INDICATOR_COLUMNS = ("element", "name", "unit", "baseline", "target", "actual", "higher_is_better")

_LINK_ALIASES = {
    normalise_name(a): f
    for f, names in {
        "source": ("source", "kilde", "fra", "from", "parent", "forælder", "overordnet"),
        "target": ("target", "til", "to", "destination", "child", "barn", "underordnet"),
        "kind": ("kind", "type", "art", "slags", "relation", "relationstype"),
        "note": (
            "note",
            "rationale",
            "begrundelse",
            "forandringsteori",
            "theory of change",
            "antagelse",
            "bemærkning",
        ),
        "weight": ("weight", "vægt", "vægtning"),
    }.items()
    for a in names
}
_INDICATOR_ALIASES = {
    normalise_name(a): f
    for f, names in {
        "element": ("element", "id", "element id", "mål", "goal"),
        "name": ("name", "navn", "indikator", "indicator"),
        "unit": ("unit", "enhed"),
        "baseline": ("baseline", "udgangspunkt", "basislinje", "nulpunkt"),
        "target": ("target", "målværdi", "mål værdi", "target value"),
        "actual": ("actual", "faktisk", "aktuel", "realiseret", "opnået"),
        "higher_is_better": ("higher is better", "højere er bedre", "stigende er bedre"),
    }.items()
    for a in names
}

#: Every header name a table of elements, links or indicators may have, folded by normalise_name.
HEADER_NAMES = frozenset({*FIELD_ALIASES, *_LINK_ALIASES, *_INDICATOR_ALIASES})

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_THOUSANDS = {
    ".": re.compile(r"^[+-]?\d{1,3}(,\d{3})+$"),  # in a decimal-point file, ',' groups thousands
    ",": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$"),  # in a decimal-comma file, '.' groups thousands
}
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")
_CURRENCY = re.compile(r"(?i)\s*(kr\.?|dkk|,-)\s*$")
_SPLIT = re.compile(r"[;,]")
_TRUE = {"true", "ja", "yes", "sand", "1", "x", "y", "j"}
_FALSE = {"false", "nej", "no", "falsk", "0", "n"}


# -- cells --------------------------------------------------------------------------------------


def _needs_quote(value: str) -> bool:
    # Blank text is quoted too: a cell of spaces alone reads as an empty cell.
    return value.startswith((*_TRIGGERS, "'")) or (value != "" and not value.strip())


def neutralise(value: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula (and to text starting with ``'``).

    Text of white space alone is prefixed as well, so that it is not read as an empty cell.

    Examples
    --------
    >>> from stratgraph.io._tabular import neutralise, unneutralise
    >>> neutralise("=HYPERLINK(1)"), unneutralise(neutralise("=HYPERLINK(1)"))
    ("'=HYPERLINK(1)", '=HYPERLINK(1)')
    >>> neutralise("'citat"), unneutralise("''citat"), unneutralise("'citat")
    ("''citat", "'citat", "'citat")
    """
    if _needs_quote(value):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo :func:`neutralise` (once: reading a cell twice would eat a quote the user wrote)."""
    if value.startswith("'") and _needs_quote(value[1:]):
        return value[1:]
    return value


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        import pandas as pd  # noqa: PLC0415 - only reached for values that may be pandas NA

        return bool(value is pd.NA or value is pd.NaT)
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def parse_number(value: Any, decimal: str | None = None) -> float:
    """Parse a number as a Danish or English spreadsheet writes it.

    ``decimal`` is the decimal mark of the file (``","`` or ``"."``); a cell holding both marks
    is read by the last one, whatever the file uses.

    Raises
    ------
    ValueError
        If the text is not a number.

    Examples
    --------
    >>> from stratgraph.io._tabular import parse_number
    >>> parse_number("1.234,50"), parse_number("1.234", ","), parse_number("2.5", ",")
    (1234.5, 1234.0, 2.5)
    >>> parse_number("1,234.50"), parse_number("12,5 kr."), parse_number("-3")
    (1234.5, 12.5, -3.0)
    """
    if isinstance(value, bool):
        msg = f"{value!r} is a yes/no value, not a number"
        raise ValueError(msg)  # noqa: TRY004 - a cell's content, reported as a bad value
    if isinstance(value, int | float):
        return float(value)
    text = _CURRENCY.sub("", str(value).strip()).replace("\u00a0", "").replace(" ", "")
    text = text.replace("\u2212", "-")  # a typographic minus
    has_comma, has_point = "," in text, "." in text
    if has_comma and has_point:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
    elif has_comma:
        mark = "." if decimal != "," and _THOUSANDS["."].match(text) else ","
    elif has_point:
        mark = "," if decimal == "," and _THOUSANDS[","].match(text) else "."
    else:
        mark = "."
    other = "." if mark == "," else ","
    number = text.replace(other, "").replace(mark, ".")
    try:
        result = float(number)
    except ValueError:
        msg = f"{value!r} is not a number (write e.g. 1234,50 or 1.234,50)"
        raise ValueError(msg) from None
    if not math.isfinite(result):
        msg = f"{value!r} is not a finite number"
        raise ValueError(msg)
    return result


def format_number(value: float, decimal: str = ".") -> str:
    """Write a number so that :func:`parse_number` reads it back exactly, in either file mode."""
    text = str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if _AMBIGUOUS.match(text):
        text += "0"  # "1.234" could be read as thousands; "1.2340" cannot
    return text.replace(".", decimal) if decimal != "." else text


def _guess_decimal(cells: Iterable[Any], default: str) -> str:
    votes = {",": 0, ".": 0}
    # Each distinct text is looked at once and counts as many times as it occurs.
    for cell, count in Counter(c for c in cells if isinstance(c, str)).items():
        text = cell.strip()
        if "," in text and "." in text:
            votes["," if text.rfind(",") > text.rfind(".") else "."] += count
        elif "," in text and not _THOUSANDS["."].match(text):
            votes[","] += count
        elif "." in text and not _THOUSANDS[","].match(text):
            votes["."] += count
    if votes[","] != votes["."]:
        return "," if votes[","] > votes["."] else "."
    return default


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    msg = f"{value!r} is not yes or no (write true/false or ja/nej)"
    raise ValueError(msg)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value == dt.datetime.combine(value.date(), dt.time()):
        # Excel turns typed text such as 2013-1-1 into a date cell; read it as the date it shows.
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _split(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if not _is_blank(v)]
    return [part.strip() for part in _SPLIT.split(_text(value)) if part.strip()]


# -- reading ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Table:
    """Rows of cells under a header, as read from a sheet, a CSV file or a DataFrame."""

    header: list[Any]
    rows: Sequence[tuple[int, Sequence[Any]]]  # (row number as the spreadsheet shows it, cells)
    file: str | None = None
    sheet: str | None = None
    header_row: int = 1
    #: Text cells were neutralised on writing (a spreadsheet); a DataFrame's cells were not.
    neutralised: bool = True

    def where(self, row: int | None = None, column: str | None = None) -> Location:
        """Return the location of a cell."""
        return Location(self.file, self.sheet, row, column=column)


def table_from_rows(
    rows: Iterable[Sequence[Any]], *, file: str | None, sheet: str | None = None
) -> Table:
    """Find the header row (skipping title rows above it) and return the table under it."""
    # Most rows start with a filled cell, which settles it without looking at the rest.
    nonblank = [
        (i, r)
        for i, r in enumerate(rows, start=1)
        if (r and type(r[0]) is str and r[0] and not r[0].isspace())
        or any(not _is_blank(c) for c in r)
    ]
    if not nonblank:
        return Table([], [], file, sheet)
    header_at = 0
    for k, (_, cells) in enumerate(nonblank[:10]):
        fields = {FIELD_ALIASES.get(normalise_name(str(c))) for c in cells if not _is_blank(c)}
        fields |= {_LINK_ALIASES.get(normalise_name(str(c))) for c in cells if not _is_blank(c)}
        fields |= {
            _INDICATOR_ALIASES.get(normalise_name(str(c))) for c in cells if not _is_blank(c)
        }
        if (
            {"id", "title"} <= fields
            or {"source", "target"} <= fields
            or {"element", "name"} <= fields
        ):
            header_at = k
            break
    number, header = nonblank[header_at]
    body = [(i, r) for i, r in nonblank[header_at + 1 :]]
    return Table(list(header), body, file, sheet, number)


def _header(table: Table, raw: Any) -> str:
    text = _text(raw)
    return (unneutralise(text) if table.neutralised else text).strip()


def _map_header(
    table: Table, aliases: Mapping[str, str], problems: list[Problem]
) -> dict[int, str]:
    """Return column index → field; unknown headers map to ``"attr:<header>"``."""
    mapping: dict[int, str] = {}
    taken: dict[str, str] = {}
    for index, raw in enumerate(table.header):
        if _is_blank(raw):
            mapping[index] = ""
            continue
        header = _header(table, raw)
        field = aliases.get(normalise_name(header))
        if field is None:
            mapping[index] = f"attr:{header}"
            continue
        if field in taken:
            message = (
                f"the columns {taken[field]!r} and {header!r} both give the {field}; "
                "keep one or rename the other"
            )
            problems.append(Problem(message, table.where(table.header_row, header)))
            mapping[index] = ""
            continue
        taken[field] = header
        mapping[index] = field
    return mapping


def _require(
    table: Table, mapping: Mapping[int, str], required: Sequence[str], problems: list[Problem]
) -> bool:
    present = set(mapping.values())
    missing = [f for f in required if f not in present]
    if missing:
        shown = ", ".join(str(h) for h in table.header if not _is_blank(h)) or "none"
        message = (
            f"the {table.sheet or 'table'} has no column for {', '.join(missing)}; it needs "
            f"{', '.join(required)} (Danish headers such as titel and forælder work too); "
            f"columns found: {shown}"
        )
        problems.append(Problem(message, table.where(table.header_row)))
        return False
    return True


def _cells(
    table: Table, mapping: Mapping[int, str], problems: list[Problem]
) -> Iterable[tuple[int, dict[str, Any], dict[str, str]]]:
    """Yield (row, field → raw value, field → header) for each row, blank cells left out."""
    headers = {i: _header(table, h) for i, h in enumerate(table.header) if not _is_blank(h)}
    for number, cells in table.rows:
        values: dict[str, Any] = {}
        for index, cell in enumerate(cells):
            if _is_blank(cell):
                continue
            field = mapping.get(index)
            if not field:
                if field is None or index not in headers:
                    message = (
                        f"a value ({_text(cell)[:40]!r}) stands in column {index + 1}, which has "
                        "no header; give the column a header or clear the cell"
                    )
                    problems.append(Problem(message, table.where(number)))
                continue
            if isinstance(cell, str) and table.neutralised:
                cell = unneutralise(cell)  # noqa: PLW2901 - the cell as it was before writing
            values[field] = cell
        yield number, values, {f: headers.get(i, f) for i, f in mapping.items() if f}


def _number_cells(tables: Iterable[Table | None], names: set[str]) -> Iterable[Any]:
    for table in tables:
        if table is None:
            continue
        aliases = {**FIELD_ALIASES, **_LINK_ALIASES, **_INDICATOR_ALIASES}
        columns = [
            i
            for i, h in enumerate(table.header)
            if not _is_blank(h) and aliases.get(normalise_name(str(h))) in names
        ]
        for i in columns:
            yield from (cells[i] for _, cells in table.rows if i < len(cells))


def map_from_tables(
    elements: Table,
    links: Table | None = None,
    indicators: Table | None = None,
    *,
    schema: SchemaLike | None = None,
    decimal: str | None = None,
    default_decimal: str = ".",
    meta: Mapping[str, Any] | None = None,
) -> StrategyMap:
    """Build a map from an elements table and optional links and indicators tables.

    A table that breaks no rule is read a column at a time (:mod:`stratgraph.io._columnar`) and
    its rows are dropped once checked, so that a big file's cells do not outlive the reading;
    any other goes row by row, so that every problem is named with its row and column.

    Raises
    ------
    ValidationError
        With every problem found, each with its row and column.
    """
    if decimal not in (None, ",", "."):
        msg = f"decimal must be ',' or '.', not {decimal!r}"
        raise ValueError(msg)
    mark = decimal or _guess_decimal(
        _number_cells(
            (elements, links, indicators),
            {"budget", "start", "end", "weight", "baseline", "target", "actual"},
        ),
        default_decimal,
    )
    the_schema = Schema.coerce(schema)
    from stratgraph.io._columnar import state_from_tables  # noqa: PLC0415 - it imports this module

    with gc_paused():
        fast = state_from_tables(elements, links, indicators, the_schema, mark)
    if fast is not None:
        return StrategyMap._from_state(fast, **(meta or {}))  # noqa: SLF001
    problems: list[Problem] = []
    emap = _map_header(elements, FIELD_ALIASES, problems)
    records: list[ElementRecord] = []
    if elements.header and _require(elements, emap, ("id", "type", "title"), problems):
        records = _element_records(elements, emap, mark, problems)
    link_records = _link_records(links, mark, problems) if links is not None else []
    if indicators is not None:
        _attach_indicators(indicators, records, mark, problems)
    state = build(the_schema, records, link_records, problems=problems)
    return StrategyMap._from_state(state, **(meta or {}))  # noqa: SLF001 - the readers' constructor


def _element_records(
    table: Table, mapping: Mapping[int, str], mark: str, problems: list[Problem]
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
                attrs[name[5:]] = value
            elif name == "parents":
                parents = _split(value)
            elif name == "agenda":
                fields["agenda"] = tuple(_split(value))
            elif name == "links":
                links = _link_cell(value, where, column, problems)
            elif name in ("budget", "start", "end"):
                _number_field(
                    fields,
                    name,
                    value,
                    mark=mark,
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
                fields[name] = _text(value)
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
    mark: str,
    where: Location,
    problems: list[Problem],
) -> None:
    try:
        number = parse_number(value, mark)
    except ValueError as err:
        problems.append(Problem(str(err), where))
        return
    if name in ("start", "end"):
        if not number.is_integer():
            problems.append(
                Problem(f"{value!r} is not a year; write a whole year such as 2013", where)
            )
            return
        fields[name] = int(number)
    else:
        fields[name] = number


def _link_cell(
    value: Any, where: Location, column: str, problems: list[Problem]
) -> list[tuple[str, str]]:
    links = []
    for entry in _split(value):
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


def _link_records(table: Table, mark: str, problems: list[Problem]) -> list[LinkRecord]:
    if not table.header:
        return []
    mapping = _map_header(table, _LINK_ALIASES, problems)
    if not _require(table, mapping, ("source", "target"), problems):
        return []
    records = []
    for number, values, columns in _cells(table, mapping, problems):
        fields: dict[str, Any] = {"kind": LinkKind.HIERARCHY}
        for name, value in values.items():
            where = table.where(number, columns.get(name, name))
            if name.startswith("attr:"):
                message = f"unknown column; a links table has {', '.join(LINK_COLUMNS)}"
                problems.append(Problem(message, where))
            elif name == "weight":
                try:
                    fields["weight"] = parse_number(value, mark)
                except ValueError as err:
                    problems.append(Problem(str(err), where))
            else:
                fields[name] = _text(value).strip() if name != "note" else _text(value)
        records.append(LinkRecord(fields, table.where(number), columns, may_annotate=True))
    return records


def _attach_indicators(
    table: Table, records: list[ElementRecord], mark: str, problems: list[Problem]
) -> None:
    by_id = {r.fields.get("id"): r for r in records if isinstance(r.fields, dict)}
    for owner, found in indicators_by_element(table, by_id, mark, problems).items():
        fields = by_id[owner].fields
        assert isinstance(fields, dict)  # noqa: S101 - records above are built from dicts
        fields["indicators"] = (*fields.get("indicators", ()), *found)


def indicators_by_element(
    table: Table, known: Container[Any], mark: str, problems: list[Problem]
) -> dict[Any, tuple[Indicator, ...]]:
    """Read an indicators table: the indicators of each element of ``known``, in row order.

    Every row that cannot be read, or names an element not in ``known``, adds a problem.
    """
    found: dict[Any, tuple[Indicator, ...]] = {}
    if not table.header:
        return found
    mapping = _map_header(table, _INDICATOR_ALIASES, problems)
    if not _require(table, mapping, ("element", "name"), problems):
        return found
    for number, values, columns in _cells(table, mapping, problems):
        fields: dict[str, Any] = {}
        ok = True
        for name, value in values.items():
            where = table.where(number, columns.get(name, name))
            try:
                if name.startswith("attr:"):
                    message = (
                        f"unknown column; an indicators table has {', '.join(INDICATOR_COLUMNS)}"
                    )
                    raise ValueError(message)  # noqa: TRY301 - reported like the parse errors
                if name in ("baseline", "target", "actual"):
                    fields[name] = parse_number(value, mark)
                elif name == "higher_is_better":
                    fields[name] = _parse_bool(value)
                else:
                    fields[name] = _text(value)
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
            for e in err.errors():
                message = e["msg"].removeprefix("Value error, ")
                column = columns.get(str(e["loc"][0]), str(e["loc"][0])) if e["loc"] else None
                problems.append(Problem(message, table.where(number, column)))
            continue
        if ok:
            found[owner] = (*found.get(owner, ()), indicator)
    return found


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
    header = [*ELEMENT_COLUMNS, *(neutralise(name) for name in attr_names)]
    rows = []
    for e in smap:
        row: list[Any] = [
            neutralise(e.id),
            e.type,
            neutralise(e.title),
            neutralise("; ".join(parents.get(e.id, ()))),
            _out(e.description),
            _out(e.owner),
            neutralise("; ".join(e.agenda)),
            _num(e.start, number),
            _num(e.end, number),
            _num(e.budget, number),
            _out(e.status),
            "; ".join(lateral.get(e.id, ())),
        ]
        row.extend(_out(e.attrs.get(name)) for name in attr_names)
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
        ]
        for e in smap
        for i in e.indicators
    ]
    return list(INDICATOR_COLUMNS), rows


def _out(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    return value


def _num(value: float | None, number: Cell) -> Any:
    return None if value is None else number(float(value))
