"""Tables of elements, links and indicators: what CSV, Excel and DataFrames have in common.

Reading maps headers (Danish ones included) to fields, parses Danish numbers, splits list cells
and undoes formula neutralisation; writing does the reverse. Every problem names its row and column
as the spreadsheet shows them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import json
import math
import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError as PydanticError

from stratgraph._build import ElementRecord, LinkRecord, build, gc_paused
from stratgraph._readnotes import warn_at
from stratgraph.exceptions import Location, Problem, ValidationError, shorten
from stratgraph.io._common import duration_text
from stratgraph.io._numbers import (
    AS_WRITTEN,
    Column,
    Foreign,
    Kind,
    format_number,
    header_unit,
    parse_number,
    plan_column,
    warn_no_money,
)
from stratgraph.model import FIELD_ALIASES, Indicator, LinkKind, negative_budget
from stratgraph.schema import Schema, SchemaLike, normalise_name
from stratgraph.strategy_map import StrategyMap

__all__ = [
    "ELEMENT_COLUMNS",
    "HEADER_NAMES",
    "INDICATOR_COLUMNS",
    "JSON_MARK",
    "LINK_COLUMNS",
    "JsonText",
    "Table",
    "attr_cell",
    "attr_value",
    "element_table",
    "format_number",
    "indicator_table",
    "link_table",
    "map_from_tables",
    "neutralise",
    "parse_number",
    "read_cell",
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
#: What separates the values of a list cell; a comma does only where none of these stands.
_SEPARATORS = ";|\n"
_STRONG = re.compile(r"[;|\n]")
_COMMA = re.compile(",")
_TRUE = {"true", "ja", "yes", "sand", "1", "x", "y", "j"}
_FALSE = {"false", "nej", "no", "falsk", "0", "n"}


# -- cells --------------------------------------------------------------------------------------


#: What starts a cell that holds an attribute's value as JSON: a list, a mapping, NaN or infinity,
#: which a cell cannot hold as they are. Text that starts so is written quoted, like a formula.
JSON_MARK = "json:"


class JsonText(str):
    """A cell read as written that starts with :data:`JSON_MARK`: a value written as JSON."""

    __slots__ = ()


def _needs_quote(value: str) -> bool:
    # Blank text is quoted too: a cell of spaces alone reads as an empty cell.
    return value.startswith((*_TRIGGERS, "'", JSON_MARK)) or (value != "" and not value.strip())


def read_cell(value: str) -> str:
    """Return a text cell as it was before writing: quotes undone, JSON cells marked."""
    return JsonText(value) if value.startswith(JSON_MARK) else unneutralise(value)


def attr_cell(value: Any) -> Any:
    """Return an attribute's value as a spreadsheet cell holds it, so that it reads back.

    Text is neutralised; a list, a mapping, NaN or infinity is written as JSON after
    :data:`JSON_MARK`; a time of day or a duration as the text Excel shows. Empty text and
    ``None``, which an empty cell cannot tell from no value, are written as JSON too
    (``json:""``, ``json:null``).

    Examples
    --------
    >>> from stratgraph.io._tabular import attr_cell, attr_value, read_cell
    >>> attr_cell([1, "a"]), attr_cell(float("nan")), attr_cell("json: tekst")
    ('json:[1, "a"]', 'json:NaN', "'json: tekst")
    >>> attr_cell(""), attr_cell(None)
    ('json:""', 'json:null')
    >>> attr_value(read_cell(attr_cell({"a": [1]}))), attr_value(read_cell("'json: tekst"))
    ({'a': [1]}, 'json: tekst')
    """
    if isinstance(value, str) and value:
        return neutralise(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_text(value)
    if isinstance(value, bool | int | dt.date):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    text = json.dumps(value, ensure_ascii=False, default=_json_text)
    return JSON_MARK + text


def _json_text(value: Any) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_text(value)
    return str(value)


def attr_value(value: Any) -> Any:
    """Return an attribute cell's value: a :class:`JsonText` cell is decoded, others kept.

    Raises
    ------
    ValueError
        If the JSON after the mark is not valid or nested too deeply.
    """
    if not isinstance(value, JsonText):
        return value
    try:
        return json.loads(value[len(JSON_MARK) :])
    except json.JSONDecodeError as err:
        msg = (
            f"{shorten(value)!r} starts with {JSON_MARK!r} but is not valid JSON ({err.msg}); "
            f"write {JSON_MARK!r} only before a JSON value, or start the cell with ' for text"
        )
        raise ValueError(msg) from None
    except RecursionError:
        msg = f"{shorten(value)!r} is JSON nested too deeply for an attribute"
        raise ValueError(msg) from None


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
    return split_list(_text(value))


def split_list(text: str) -> list[str]:
    r"""Split a list cell (parents, agenda, links) into its values.

    ``;``, ``|`` and a line break separate values; a comma separates them only in a cell that
    holds none of those. A value written in double quotes (a quote inside it doubled) is read as
    the text between them, separators included; any other double quote is kept as written.
    Blank values are left out. :func:`join_list` writes what this reads back.

    Examples
    --------
    >>> from stratgraph.io._tabular import split_list
    >>> split_list("A;General science, space and technology;B")
    ['A', 'General science, space and technology', 'B']
    >>> split_list("S1, S2"), split_list("S1 | S2\nS3")
    (['S1', 'S2'], ['S1', 'S2', 'S3'])
    >>> split_list('"Science, space"'), split_list('"a; b"; "say ""hi"" twice"')
    (['Science, space'], ['a; b', 'say "hi" twice'])
    """
    if '"' not in text:
        separator = _STRONG if _STRONG.search(text) else _COMMA
        return [part.strip() for part in separator.split(text) if part.strip()]
    items = _quoted_items(text, _SEPARATORS)
    if len(items) == 1 and not items[0][1]:
        items = _quoted_items(text, ",")
    return [value if quoted else value.strip() for value, quoted in items if value.strip()]


def _quoted_items(text: str, separators: str) -> list[tuple[str, bool]]:
    """Split ``text`` at ``separators`` outside quoted values; each value says if it was quoted."""
    items: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while True:
        start = i
        while start < n and text[start].isspace() and text[start] not in separators:
            start += 1
        if start < n and text[start] == '"':
            value, end = _quoted(text, start + 1)
            if end is not None:
                while end < n and text[end].isspace() and text[end] not in separators:
                    end += 1
                if end == n or text[end] in separators:
                    items.append((value, True))
                    if end == n:
                        return items
                    i = end + 1
                    continue
        end = start
        while end < n and text[end] not in separators:
            end += 1
        items.append((text[start:end], False))
        if end >= n:
            return items
        i = end + 1


def _quoted(text: str, i: int) -> tuple[str, int | None]:
    """Read a quoted value from just after its opening quote: the value and the end, if closed."""
    parts: list[str] = []
    n = len(text)
    while i < n:
        close = text.find('"', i)
        if close < 0:
            break
        parts.append(text[i:close])
        if close + 1 < n and text[close + 1] == '"':
            parts.append('"')
            i = close + 2
            continue
        return "".join(parts), close + 1
    return "", None


def join_list(values: Sequence[str]) -> str:
    r"""Write values as one list cell that :func:`split_list` reads back as the same values.

    Values are separated by ``"; "``. A value is put in double quotes (a quote inside it
    doubled) when it starts with a quote or holds ``;``, ``|`` or a line break, or when it is
    the only value and holds a comma.

    Examples
    --------
    >>> from stratgraph.io._tabular import join_list, split_list
    >>> join_list(["A", "Science, space", "B"]), join_list(["Science, space"])
    ('A; Science, space; B', '"Science, space"')
    >>> join_list(["a|b", "c"]), split_list(join_list(['"x" y', "z"]))
    ('"a|b"; c', ['"x" y', 'z'])
    """
    alone = len(values) == 1
    return "; ".join(
        '"' + v.replace('"', '""') + '"'
        if v.startswith('"') or _STRONG.search(v) or "\r" in v or (alone and "," in v)
        else v
        for v in values
    )


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
    #: How each number column (by field) is read: decided once from all its cells.
    numbers: dict[str, Column] = dataclasses.field(default_factory=dict)

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
    """Return column index → field; unknown headers map to ``"attr:<header>"``.

    A header repeated by a later unknown column maps to ``"attr:<header> (2)"`` (or the next
    number no column uses), so that both columns are kept.
    """
    mapping: dict[int, str] = {}
    taken: dict[str, str] = {}
    headers = {i: _header(table, raw) for i, raw in enumerate(table.header) if not _is_blank(raw)}
    written = set(headers.values())
    kept: set[str] = set()
    for index, raw in enumerate(table.header):
        if _is_blank(raw):
            mapping[index] = ""
            continue
        header = headers[index]
        field = aliases.get(normalise_name(header)) or _budget_with_unit(header, aliases)
        if field is None:
            name, k = header, 1
            while name in kept:
                k += 1
                name = f"{header} ({k})"
                if name in written:
                    name = header  # a column of that name comes too: try the next number
            kept.add(name)
            mapping[index] = f"attr:{name}"
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


def _budget_with_unit(header: str, aliases: Mapping[str, str]) -> str | None:
    """Return ``"budget"`` for a budget header that states a unit (``Budget (1.000 kr.)``)."""
    split = header_unit(header)
    if split is not None and aliases.get(normalise_name(split[0])) == "budget":
        return "budget"
    return None


def _resembles(header: str, aliases: Mapping[str, str], present: Container[str]) -> list[str]:
    """Return the fields, given by no other column, that the unknown ``header`` resembles.

    A header resembles a field when one of its words is a name of the field ("Ansvarlig
    person"), when it holds a name of four letters or more ("Projektejer"), or when it is
    spelled nearly as such a name (difflib ratio 0.8 or more: "Titl", "Beskrivlese"). Names are
    compared folded (:func:`~stratgraph.schema.normalise_name`); "fra" and "til" are too common
    to count as words. Only names that share a pair of letters with the header are spelled
    against it, so that a sheet of 16 000 columns is looked at in moments.
    """
    index = _alias_index(aliases)
    key = normalise_name(header)
    words = {normalise_name(w) for w in re.split(r"\W+", header) if w}
    hits = {m.group(1) for m in index.long.finditer(key)} if index.long else set()
    hits.update(w for w in words if w in aliases and w not in _COMMON)
    near = {a for pair in _pairs(key) for a in index.by_pair.get(pair, ())} - hits
    if near:
        matcher = difflib.SequenceMatcher(b=key)
        for alias in near:
            matcher.set_seq1(alias)
            if (
                matcher.real_quick_ratio() >= _NEAR
                and matcher.quick_ratio() >= _NEAR
                and matcher.ratio() >= _NEAR
            ):
                hits.add(alias)
    found: list[str] = []
    for alias in sorted(hits, key=index.order.__getitem__):
        field = aliases[alias]
        if field not in present and field not in found and field not in ("attrs", "indicators"):
            found.append(field)
    return found


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


@dataclass(frozen=True, slots=True)
class _AliasIndex:
    long: re.Pattern[str] | None  # every name of four letters or more, found where it stands
    by_pair: dict[str, list[str]]  # pair of letters → the names of four letters or more with it
    order: dict[str, int]  # name → its place among the aliases, so that answers keep that order


_ALIAS_INDEXES: dict[int, tuple[Mapping[str, str], _AliasIndex]] = {}


def _alias_index(aliases: Mapping[str, str]) -> _AliasIndex:
    kept = _ALIAS_INDEXES.get(id(aliases))
    if kept is not None and kept[0] is aliases:
        return kept[1]
    long = [a for a in aliases if len(a) >= _LONG]
    by_pair: dict[str, list[str]] = {}
    for alias in long:
        for pair in _pairs(alias):
            by_pair.setdefault(pair, []).append(alias)
    pattern = "|".join(re.escape(a) for a in sorted(long, key=len, reverse=True))
    index = _AliasIndex(
        re.compile(f"(?=({pattern}))") if long else None,
        by_pair,
        {a: i for i, a in enumerate(aliases)},
    )
    if len(_ALIAS_INDEXES) > 16:  # noqa: PLR2004 - a few tables' worth; the rest are one-offs
        _ALIAS_INDEXES.clear()
    _ALIAS_INDEXES[id(aliases)] = (aliases, index)
    return index


_NEAR = 0.8
_LONG = 4
#: Names of fields that are also everyday words in a header ("Bemærkning til budget").
_COMMON = frozenset({"fra", "til"})


def _resemblance(fields: Sequence[str]) -> str:
    return " or ".join(repr(f) for f in fields)


def warn_headers(table: Table, mapping: Mapping[int, str], aliases: Mapping[str, str]) -> None:
    """Warn, naming the header cell, of a repeated unknown header and of one like a field's."""
    present = {f for f in mapping.values() if f and not f.startswith("attr:")}
    for index, field in mapping.items():
        if not field.startswith("attr:"):
            continue
        header = _header(table, table.header[index])
        where = table.where(table.header_row, header)
        if field[5:] != header:
            warn_at(
                where,
                f"the header {header!r} is used by an earlier column too; column "
                f"{index + 1} is kept as the attribute {field[5:]!r} so that both are kept "
                "(give the columns different headers to name them yourself)",
            )
            continue
        similar = _resembles(header, aliases, present)
        if similar:
            warn_at(
                where,
                f"the column {header!r} is not a known field and is kept as an attribute, "
                f"but it resembles the {_resemblance(similar)} field and no column gives that "
                f"field; rename it {similar[0]!r} if it holds the {similar[0]}",
            )


def _unknown_hints(
    table: Table, mapping: Mapping[int, str], aliases: Mapping[str, str]
) -> dict[str, str]:
    """Return, for each unknown column of a table that has no attributes, the field it resembles."""
    present = {f for f in mapping.values() if f and not f.startswith("attr:")}
    hints = {}
    for index, field in mapping.items():
        if field.startswith("attr:"):
            similar = _resembles(_header(table, table.header[index]), aliases, present)
            hints[field] = f" (it resembles {_resemblance(similar)})" if similar else ""
    return hints


def _require(
    table: Table,
    mapping: Mapping[int, str],
    required: Sequence[str],
    problems: list[Problem],
    names: Mapping[str, str],
) -> bool:
    present = set(mapping.values())
    missing = [f for f in required if f not in present]
    if missing:
        shown = ", ".join(shorten(h) for h in table.header if not _is_blank(h)) or "none"
        aliases = {alias: f for alias, f in names.items() if f in missing}
        near = [
            f"{header!r} resembles {_resemblance(fields)}"
            for header in (_header(table, h) for h in table.header if not _is_blank(h))
            if (fields := _resembles(header, aliases, ()))
        ]
        message = (
            f"the {table.sheet or 'table'} has no column for {', '.join(missing)}; it needs "
            f"{', '.join(required)} (Danish headers such as titel and forælder work too); "
            f"columns found: {shown}" + (f" ({'; '.join(near)})" if near else "")
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
                cell = read_cell(cell)  # noqa: PLW2901 - the cell as it was before writing
            values[field] = cell
        yield number, values, {f: headers.get(i, f) for i, f in mapping.items() if f}


#: The number fields of each table and how they are read.
_NUMBER_KINDS: dict[str, Kind] = {
    "budget": "money",
    "start": "year",
    "end": "year",
    "weight": "number",
    "baseline": "number",
    "target": "number",
    "actual": "number",
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
    mapping = _map_header(table, aliases, [])
    if default == ",":
        dialect = "the default of Danish files (';'-separated CSV and Excel workbooks)"
    else:
        dialect = "the default of ','-separated files"
    taken = None
    for index, name in mapping.items():
        kind = _NUMBER_KINDS.get(name)
        if kind is None or (kind == "money" and aliases is not FIELD_ALIASES):
            continue
        header = _header(table, table.header[index])
        cells = (
            (row, unneutralise(c) if type(c) is str and table.neutralised else c)
            for row, cells in table.rows
            if index < len(cells) and not _is_blank(c := cells[index])
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
            count = sum(1 for _, c in table.rows if index < len(c) and not _is_blank(c[index]))
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

    A header that is not a field but resembles one, a header repeated by unknown columns, and
    elements at several levels with no parents column are each warned of (:func:`warn_at`).

    Raises
    ------
    ValidationError
        With every problem found, each with its row and column, in file order.
    """
    if decimal not in (None, ",", "."):
        msg = f"decimal must be ',' or '.', not {decimal!r}"
        raise ValueError(msg)
    meta = dict(meta or {})
    stated = meta.get("currency")
    the_schema = Schema.coerce(schema)
    for table, aliases in (
        (elements, FIELD_ALIASES),
        (links, _LINK_ALIASES),
        (indicators, _INDICATOR_ALIASES),
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
    from stratgraph.io._columnar import state_from_tables  # noqa: PLC0415 - it imports this module

    problems: list[Problem] = []
    emap = _map_header(elements, FIELD_ALIASES, problems)
    warn_headers(elements, emap, FIELD_ALIASES)
    _warn_if_flat(elements, emap, links, the_schema)
    for index, field in emap.items():
        if field in ("parents", "agenda"):
            settle_commas(elements, index)
    with gc_paused():
        fast = state_from_tables(elements, links, indicators, the_schema)
    if fast is not None:
        smap = StrategyMap._from_state(fast, **meta)  # noqa: SLF001
    else:
        records: list[ElementRecord] = []
        if elements.header and _require(
            elements, emap, ("id", "type", "title"), problems, FIELD_ALIASES
        ):
            records = _element_records(elements, emap, problems)
        link_records = _link_records(links, problems) if links is not None else []
        if indicators is not None:
            _attach_indicators(indicators, records, problems)
        try:
            state = build(the_schema, records, link_records, problems=problems)
        except ValidationError as err:
            tables = [t for t in (elements, links, indicators) if t is not None]
            raise ValidationError(_in_file_order(err.problems, tables, records)) from None
        smap = StrategyMap._from_state(state, **meta)  # noqa: SLF001 - the readers' own
    return smap


def settle_commas(table: Table, index: int) -> None:
    """Decide how the cells of a list column that hold commas only are read, and say so.

    Such a cell is split at its commas, unless its whole text is a value that another cell of
    the column holds in a ``;``-separated list: then it is that one value. Either way the cells
    are named in one warning (per way) for the column, since a comma may be part of a value.
    A cell kept whole becomes a list of its one value, which the readers take as it is.
    """
    header = _header(table, table.header[index])
    lone: list[tuple[int, list[Any], str]] = []
    values: set[str] = set()
    for number, cells in table.rows:
        cell = cells[index] if index < len(cells) else None
        if type(cell) is not str or "," not in cell:
            continue
        text = unneutralise(cell) if table.neutralised else cell
        if '"' in text or _STRONG.search(text):
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


def _in_file_order(
    problems: Sequence[Problem], tables: Sequence[Table], records: Sequence[ElementRecord]
) -> list[Problem]:
    """Order problems by their place in the file: table (sheet), then row, then column.

    A problem placed on an element alone takes the element's row; one with no place in any
    table comes last. Problems in the same cell keep the order they were found in.
    """
    rank = {(t.file, t.sheet): k for k, t in enumerate(tables)}
    columns = [
        {_header(t, h): i for i, h in reversed(list(enumerate(t.header))) if not _is_blank(h)}
        for t in tables
    ]
    rows = {
        r.where.element: r.where.row
        for r in records
        if r.where.element is not None and r.where.row is not None
    }
    last = (len(tables), 0, 0)

    def place(problem: Problem) -> tuple[int, int, int]:
        loc = problem.location
        table = rank.get((loc.file, loc.sheet))
        row = loc.row
        if row is None and loc.element is not None:
            row, table = rows.get(loc.element), 0
        if table is None or row is None:
            return last
        column = columns[table].get(loc.column, -1) if loc.column is not None else -1
        return (table, row, column)

    return sorted(problems, key=place)


def _element_records(
    table: Table, mapping: Mapping[int, str], problems: list[Problem]
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
                try:
                    attrs[name[5:]] = attr_value(value)
                except ValueError as err:
                    problems.append(
                        Problem(str(err), Location(where.file, where.sheet, number, column=column))
                    )
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
                    column=table.numbers[name],
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
        written = fields.pop(AS_WRITTEN, None)
        if written is not None:
            if AS_WRITTEN in attrs:
                message = (
                    f"the budget {written!r} is in another currency than the map's and would be "
                    f"kept in the column {AS_WRITTEN!r}, which holds a value already; clear one"
                )
                problems.append(
                    Problem(message, Location(where.file, where.sheet, number, column=column))
                )
            else:
                attrs[AS_WRITTEN] = written
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
    column: Column,
    where: Location,
    problems: list[Problem],
) -> None:
    try:
        number = column.read(value)
    except ValueError as err:
        problems.append(Problem(str(err), where))
        return
    if number is None:
        return
    if isinstance(number, Foreign):
        fields[AS_WRITTEN] = number.text
        return
    if name in ("start", "end"):
        if not number.is_integer():
            problems.append(
                Problem(f"{value!r} is not a year; write a whole year such as 2013", where)
            )
            return
        fields[name] = int(number)
    elif number < 0 and isinstance(value, str):  # the cell as written, not the number read
        problems.append(Problem(negative_budget(value, number), where))
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


def _link_records(table: Table, problems: list[Problem]) -> list[LinkRecord]:
    if not table.header:
        return []
    mapping = _map_header(table, _LINK_ALIASES, problems)
    if not _require(table, mapping, ("source", "target"), problems, _LINK_ALIASES):
        return []
    hints = _unknown_hints(table, mapping, _LINK_ALIASES)
    records = []
    for number, values, columns in _cells(table, mapping, problems):
        fields: dict[str, Any] = {"kind": LinkKind.HIERARCHY}
        for name, value in values.items():
            where = table.where(number, columns.get(name, name))
            if name.startswith("attr:"):
                message = f"unknown column; a links table has {', '.join(LINK_COLUMNS)}"
                problems.append(Problem(message + hints[name], where))
            elif name == "weight":
                try:
                    weight = table.numbers["weight"].number(value)
                except ValueError as err:
                    problems.append(Problem(str(err), where))
                    continue
                if weight is not None:
                    fields["weight"] = weight
            else:
                fields[name] = _text(value).strip() if name != "note" else _text(value)
        records.append(LinkRecord(fields, table.where(number), columns, may_annotate=True))
    return records


def _attach_indicators(table: Table, records: list[ElementRecord], problems: list[Problem]) -> None:
    by_id = {r.fields.get("id"): r for r in records if isinstance(r.fields, dict)}
    for owner, found in indicators_by_element(table, by_id, problems).items():
        fields = by_id[owner].fields
        assert isinstance(fields, dict)  # noqa: S101 - records above are built from dicts
        fields["indicators"] = (*fields.get("indicators", ()), *found)


def indicators_by_element(
    table: Table, known: Container[Any], problems: list[Problem]
) -> dict[Any, tuple[Indicator, ...]]:
    """Read an indicators table: the indicators of each element of ``known``, in row order.

    Every row that cannot be read, or names an element not in ``known``, adds a problem.
    """
    found: dict[Any, tuple[Indicator, ...]] = {}
    if not table.header:
        return found
    mapping = _map_header(table, _INDICATOR_ALIASES, problems)
    if not _require(table, mapping, ("element", "name"), problems, _INDICATOR_ALIASES):
        return found
    hints = _unknown_hints(table, mapping, _INDICATOR_ALIASES)
    for number, values, columns in _cells(table, mapping, problems):
        fields: dict[str, Any] = {}
        ok = True
        for name, value in values.items():
            where = table.where(number, columns.get(name, name))
            try:
                if name.startswith("attr:"):
                    message = (
                        f"unknown column; an indicators table has {', '.join(INDICATOR_COLUMNS)}"
                        + hints[name]
                    )
                    raise ValueError(message)  # noqa: TRY301 - reported like the parse errors
                if name in ("baseline", "target", "actual"):
                    read = table.numbers[name].number(value)
                    if read is not None:
                        fields[name] = read
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
