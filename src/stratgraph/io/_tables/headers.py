"""The header of a table: which column gives which field, in English or Danish, and the table.

A header is matched to a field by its folded name (:func:`~stratgraph.schema.normalise_name`);
an unknown header is kept as an attribute, and one that resembles a field is warned of.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stratgraph._cells import unneutralise
from stratgraph._numbers import header_unit
from stratgraph._readnotes import warn_at
from stratgraph.exceptions import Location, Problem, shorten
from stratgraph.io._tables.cells import cell_text, is_blank
from stratgraph.model import FIELD_ALIASES
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Mapping, Sequence

    from stratgraph._numbers import Column

__all__ = [
    "ELEMENT_COLUMNS",
    "HEADER_NAMES",
    "INDICATOR_ALIASES",
    "INDICATOR_COLUMNS",
    "LINK_ALIASES",
    "LINK_COLUMNS",
    "MEASUREMENT_ALIASES",
    "MEASUREMENT_COLUMNS",
    "Table",
    "header_text",
    "map_header",
    "require_columns",
    "table_from_rows",
    "unknown_hints",
    "warn_headers",
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
INDICATOR_COLUMNS = (
    *("element", "name", "unit", "baseline", "target", "actual", "higher_is_better"),
    *("baseline_period", "target_period", "weight"),
)
MEASUREMENT_COLUMNS = ("element", "indicator", "period", "value", "note", "source")

LINK_ALIASES = {
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
INDICATOR_ALIASES = {
    normalise_name(a): f
    for f, names in {
        "element": ("element", "id", "element id", "mål", "goal"),
        "name": ("name", "navn", "indikator", "indicator"),
        "unit": ("unit", "enhed"),
        "baseline": ("baseline", "udgangspunkt", "basislinje", "nulpunkt"),
        "target": ("target", "målværdi", "mål værdi", "target value"),
        "actual": ("actual", "faktisk", "aktuel", "realiseret", "opnået"),
        "higher_is_better": ("higher is better", "højere er bedre", "stigende er bedre"),
        "baseline_period": (
            *("baseline period", "baseline år", "udgangsperiode", "udgangsår", "basisår"),
            *("periode for udgangspunkt", "år for udgangspunkt"),
        ),
        "target_period": (
            *("target period", "target år", "målperiode", "målår", "målets år"),
            *("periode for målværdi", "år for målværdi"),
        ),
        "weight": ("weight", "vægt", "vægtning"),
    }.items()
    for a in names
}
MEASUREMENT_ALIASES = {
    normalise_name(a): f
    for f, names in {
        "element": ("element", "id", "element id", "mål", "mål id", "goal"),
        "indicator": ("indicator", "indikator", "indicator name", "indikatornavn"),
        "period": ("period", "periode", "tidspunkt", "dato", "date", "år", "year"),
        "value": ("value", "værdi", "måling", "målt værdi", "resultat", "measured"),
        "note": ("note", "bemærkning", "kommentar", "comment"),
        "source": ("source", "kilde", "datakilde"),
    }.items()
    for a in names
}

#: Every header name a table of elements, links or indicators may have, folded by normalise_name.
HEADER_NAMES = frozenset({*FIELD_ALIASES, *LINK_ALIASES, *INDICATOR_ALIASES, *MEASUREMENT_ALIASES})


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
        or any(not is_blank(c) for c in r)
    ]
    if not nonblank:
        return Table([], [], file, sheet)
    header_at = 0
    for k, (_, cells) in enumerate(nonblank[:10]):
        fields = {FIELD_ALIASES.get(normalise_name(str(c))) for c in cells if not is_blank(c)}
        fields |= {LINK_ALIASES.get(normalise_name(str(c))) for c in cells if not is_blank(c)}
        fields |= {INDICATOR_ALIASES.get(normalise_name(str(c))) for c in cells if not is_blank(c)}
        fields |= {
            MEASUREMENT_ALIASES.get(normalise_name(str(c))) for c in cells if not is_blank(c)
        }
        if (
            {"id", "title"} <= fields
            or {"source", "target"} <= fields
            or {"element", "name"} <= fields
            or {"period", "value"} <= fields
        ):
            header_at = k
            break
    number, header = nonblank[header_at]
    body = [(i, r) for i, r in nonblank[header_at + 1 :]]
    return Table(list(header), body, file, sheet, number)


def header_text(table: Table, raw: Any) -> str:
    text = cell_text(raw)
    return (unneutralise(text) if table.neutralised else text).strip()


def map_header(table: Table, aliases: Mapping[str, str], problems: list[Problem]) -> dict[int, str]:
    """Return column index → field; unknown headers map to ``"attr:<header>"``.

    A header repeated by a later unknown column maps to ``"attr:<header> (2)"`` (or the next
    number no column uses), so that both columns are kept.
    """
    mapping: dict[int, str] = {}
    taken: dict[str, str] = {}
    headers = {
        i: header_text(table, raw) for i, raw in enumerate(table.header) if not is_blank(raw)
    }
    written = set(headers.values())
    kept: set[str] = set()
    for index, raw in enumerate(table.header):
        if is_blank(raw):
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
        header = header_text(table, table.header[index])
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


def unknown_hints(
    table: Table, mapping: Mapping[int, str], aliases: Mapping[str, str]
) -> dict[str, str]:
    """Return, for each unknown column of a table that has no attributes, the field it resembles."""
    present = {f for f in mapping.values() if f and not f.startswith("attr:")}
    hints = {}
    for index, field in mapping.items():
        if field.startswith("attr:"):
            similar = _resembles(header_text(table, table.header[index]), aliases, present)
            hints[field] = f" (it resembles {_resemblance(similar)})" if similar else ""
    return hints


#: The Danish headers of each table's required columns, by those columns.
_DANISH_HEADERS = {
    ("id", "type", "title"): "id, type, titel, forælder",
    ("source", "target"): "kilde, til",
    ("element", "name"): "mål, navn, udgangspunkt, målværdi",
    ("element", "indicator", "period", "value"): "mål, indikator, periode, værdi",
}


def require_columns(
    table: Table,
    mapping: Mapping[int, str],
    required: Sequence[str],
    problems: list[Problem],
    names: Mapping[str, str],
    *,
    advice: str = "",
) -> bool:
    """Return whether the table has a column for each required field, else add a problem.

    The problem names the missing fields, the headers found and those that resemble a missing
    field; ``advice`` (a sentence starting with ``"; "``) says what the table looks like instead,
    and then no resemblance is named.
    """
    present = set(mapping.values())
    missing = [f for f in required if f not in present]
    if missing:
        shown = ", ".join(shorten(h) for h in table.header if not is_blank(h)) or "none"
        aliases = {alias: f for alias, f in names.items() if f in missing}
        near = [
            f"{header!r} resembles {_resemblance(fields)}"
            for header in (header_text(table, h) for h in table.header if not is_blank(h))
            if not advice and (fields := _resembles(header, aliases, ()))
        ]
        danish = _DANISH_HEADERS.get(tuple(required))
        what = f"the sheet {table.sheet!r}" if table.sheet else "the table"
        message = (
            f"{what} has no column for {', '.join(missing)}; it needs {', '.join(required)}"
            + (f" (Danish headers work too: {danish})" if danish else "")
            + f"; columns found: {shown}"
            + (f" ({'; '.join(near)})" if near else "")
            + advice
        )
        problems.append(Problem(message, table.where(table.header_row)))
        return False
    return True
