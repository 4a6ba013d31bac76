"""Excel workbooks: sheet ``elements`` (or the first), optional links, indicators, measurements.

Danish sheet names (``elementer``, ``relationer``, ``indikatorer``, ``målinger``) work; a ``map``
sheet holds the map's name, organisation, year, currency and schema.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import re
import sys
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal as DecimalText
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph._atomic import atomic_path, check_folder
from stratgraph._cells import neutralise, unneutralise
from stratgraph._numbers import plain_number
from stratgraph._options import Decimal, check_bool, check_choice, check_text, choices
from stratgraph._readnotes import warn_at
from stratgraph.exceptions import (
    Location,
    Problem,
    ReadError,
    ValidationError,
    WriteError,
    shorten,
)
from stratgraph.io._common import (
    check_file,
    compose_letters,
    display_name,
    duration_text,
    file_schema,
    keeps_read_warnings,
)
from stratgraph.io._tables.headers import (
    INDICATOR_ALIASES,
    MEASUREMENT_ALIASES,
    Table,
    header_text,
    map_header,
    table_from_rows,
)
from stratgraph.io._tables.read import map_from_tables
from stratgraph.io._tables.write import (
    element_table,
    indicator_table,
    link_table,
    measurement_table,
)
from stratgraph.schema import SchemaLike, normalise_name

if TYPE_CHECKING:
    from stratgraph._util import StrPath
    from stratgraph.strategy_map import StrategyMap

__all__ = ["MAX_CELL_TEXT", "MAX_UNPACKED", "read_excel", "to_excel"]

#: The most a workbook may unpack to (its XML parts together). A map takes about 600 KiB per
#: 1 000 elements, so this is room for some 400 000.
MAX_UNPACKED = 256 * 2**20

_SHEETS = {
    "elements": ("elements", "elementer", "elementerne", "mål", "strategikort"),
    "links": ("links", "relationer", "forbindelser", "sammenhænge"),
    "indicators": ("indicators", "indikatorer"),
    "measurements": ("measurements", "målinger", "måledata", "målepunkter"),
    "map": ("map", "kort", "metadata", "om"),
}
#: Sheets of notes for the reader of the workbook, left unread without a word.
_NOTES = frozenset(
    normalise_name(n)
    for n in ("vejledning", "readme", "read me", "about", "help", "hjælp", "instructions", "noter")
)
#: What may follow a measurements sheet's name: the years it holds ("Målinger 2012-2015").
_YEARS_AFTER = re.compile(r"[\s_\-–]*\d[\d\s_\-–/.]*$")


# OOXML writes a character that XML cannot hold (a carriage return, a control character) as
# _xHHHH_, and a literal "_xHHHH_" with its "_" written as _x005F_; Excel reads and writes them so.
_TO_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escape(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return _TO_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)


def _unescape(value: Any) -> Any:
    if not isinstance(value, str) or "_x" not in value:
        return value
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value)


@dataclass(frozen=True, slots=True)
class _Merged:
    """A range of merged cells and the value Excel shows across it (that of its first cell)."""

    ref: str
    first_row: int
    last_row: int
    first_column: int
    last_column: int
    value: Any


def _rows(
    sheet: Any,
    file: str,
    merged: list[_Merged] | None = None,
    percents: list[tuple[int, int]] | None = None,
) -> list[list[Any]]:
    """Return each row's values as Excel shows them, an empty list for a row the sheet leaves out.

    A formula that Excel never computed (a workbook written by a program, not saved by Excel)
    has no value to show: it reads as empty, with a warning naming the cell. A formula that was
    computed reads as its value, as Excel shows it. A range of merged cells shows the value of
    its first cell across the range: every row of the range reads that value in the range's
    first column (the other columns are other fields, which a value shown wide is not given).
    Each such range with a value is added to ``merged`` (for a warning naming it, once the
    header is known). Each number cell formatted as a percentage is added to ``percents`` as
    (row, column), both from 1.
    """
    from openpyxl.worksheet._reader import (  # noqa: PLC0415 - keeps `import stratgraph` light
        FORMULA_TAG,
        WorkSheetParser,
    )

    uncomputed: list[str] = []

    class _Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                uncomputed.append(element.get("r") or f"row {cell['row']}")
                warn_at(
                    Location(file, sheet.title, cell["row"]),
                    f"cell {uncomputed[-1]} holds a formula that was never computed, so it has "
                    "no value and reads as empty; open the workbook in Excel and save it, or "
                    "type the value",
                    stacklevel=4,
                )
            return cell

    book = sheet.parent
    percent_styles = _percent_styles(book) if percents is not None else frozenset()
    rows: list[list[Any]] = []
    expected = 1
    # Read like openpyxl's read-only sheet, but only the cells present: a sheet's <dimension>
    # may claim far more rows and columns than it holds (A1:XFD1048576).
    with sheet._get_source() as source:  # noqa: SLF001 - the sheet's XML, as openpyxl reads it
        parser = _Parser(
            source,
            sheet._shared_strings,  # noqa: SLF001
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,  # noqa: SLF001
            timedelta_formats=book._timedelta_formats,  # noqa: SLF001
        )
        for number, cells in parser.parse():
            while expected < number:
                expected += 1
                rows.append([])
            expected = number + 1
            width = max((c["column"] for c in cells), default=0)
            row: list[Any] = [None] * width
            for c in cells:
                value = row[c["column"] - 1] = _cell_value(c["value"])
                if (
                    c["style_id"] in percent_styles
                    and isinstance(value, int | float)
                    and not isinstance(value, bool)
                    and percents is not None
                ):
                    percents.append((number, c["column"]))
            rows.append(row)
        # <mergeCells> follows the rows in the sheet's XML: the parser has it once they are read.
        if parser.merged_cells is not None:
            _fill_merged(rows, parser.merged_cells.mergeCell, merged)
    return rows


#: A number format's parts that show no digits: quoted text, an escaped character, [colour].
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _percent_styles(book: Any) -> frozenset[int]:
    """Return the cell styles of ``book`` whose number format shows a number as a percentage."""
    from openpyxl.styles.numbers import (  # noqa: PLC0415
        BUILTIN_FORMATS,
        BUILTIN_FORMATS_MAX_SIZE,
    )

    found = set()
    for index, style in enumerate(book._cell_styles):  # noqa: SLF001 - as openpyxl's cells read it
        number = style.numFmtId
        if number < BUILTIN_FORMATS_MAX_SIZE:
            shown = BUILTIN_FORMATS.get(number, "General")
        else:
            try:
                shown = book._number_formats[number - BUILTIN_FORMATS_MAX_SIZE]  # noqa: SLF001
            except IndexError:
                continue
        if "%" in _FORMAT_LITERALS.sub("", str(shown)):
            found.add(index)
    return frozenset(found)


def _per_cent(value: float) -> float:
    """Return the per cent a percentage cell shows: 0.055 as 5.5, without float noise."""
    if isinstance(value, int):
        return value * 100
    if not math.isfinite(value):
        return value
    return float(DecimalText(repr(value)).scaleb(2))


#: The number fields of indicators and measurements that a percentage cell is read into as per cent.
_PER_CENT_FIELDS = {
    "indicators": (INDICATOR_ALIASES, ("baseline", "target", "actual")),
    "measurements": (MEASUREMENT_ALIASES, ("value",)),
}


def _read_percentages(
    table: Table, rows: list[list[Any]], percents: list[tuple[int, int]], part: str
) -> None:
    """Read each percentage cell of a number column as the per cent it shows; warn once a column.

    An analyst who formats 0.055 as a percentage sees 5,5 %, and types 5,5 in the cells beside
    it: the cell is read as 5.5, so that a column mixing the two gives one scale.
    """
    if not percents or part not in _PER_CENT_FIELDS:
        return
    aliases, fields = _PER_CENT_FIELDS[part]
    mapping = map_header(table, aliases, [])
    wanted = {index + 1 for index, field in mapping.items() if field in fields}
    found: dict[int, list[int]] = {}
    for number, column in percents:
        if column in wanted and number > table.header_row:
            found.setdefault(column, []).append(number)
    from openpyxl.utils.cell import get_column_letter  # noqa: PLC0415

    for column, numbers in sorted(found.items()):
        first = rows[numbers[0] - 1][column - 1]
        for number in numbers:
            cells = rows[number - 1]
            cells[column - 1] = _per_cent(cells[column - 1])
        header = header_text(table, table.header[column - 1])
        count = len(numbers)
        shown = rows[numbers[0] - 1][column - 1]
        warn_at(
            Location(table.file, table.sheet, numbers[0], column=header),
            f"{count} cell{'s' if count > 1 else ''} of the column {header!r} "
            f"{'are' if count > 1 else 'is'} formatted as a percentage (the first, "
            f"{get_column_letter(column)}{numbers[0]}, holds {first!r} and shows "
            f"{plain_number(shown)} %) and {'are' if count > 1 else 'is'} read as the per cent "
            f"shown ({plain_number(shown)}, not {first!r}), as a typed number would be; if the "
            "value is a fraction, give the "
            "cells a number format without %",
            stacklevel=3,
        )


def _fill_merged(rows: list[list[Any]], ranges: Any, merged: list[_Merged] | None) -> None:
    """Give every cell of each merged range the value of its first cell, as Excel shows it."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415

    for found in ranges:
        bounds = range_boundaries(found.ref)
        if None in bounds:
            continue  # a whole row or column: no range Excel merges
        first_col, first_row, last_col, last_row = (int(b) for b in bounds)  # type: ignore[arg-type]
        if first_row > len(rows):
            continue
        top = rows[first_row - 1]
        value = top[first_col - 1] if first_col <= len(top) else None
        if value is None:
            continue
        # Down the rows only: a value merged across columns is shown wide, not given to the
        # fields of the columns beside it.
        for number in range(first_row + 1, min(last_row, len(rows)) + 1):
            row = rows[number - 1]
            if len(row) < first_col:
                row.extend([None] * (first_col - len(row)))
            row[first_col - 1] = value
        if merged is not None:
            merged.append(_Merged(found.ref, first_row, last_row, first_col, last_col, value))


def _merged_message(found: _Merged) -> str:
    from openpyxl.utils.cell import get_column_letter  # noqa: PLC0415

    value = shorten(str(found.value))
    if found.last_column == found.first_column:
        return f"cells {found.ref} are merged; read {value!r} in each"
    letter = get_column_letter(found.first_column)
    where = (
        f"{letter}{found.first_row} only"
        if found.last_row == found.first_row
        else f"each row of column {letter} only"
    )
    return (
        f"cells {found.ref} are merged; read {value!r} in {where}, as its columns are different "
        "fields; unmerge the cells if the value belongs to more than one column"
    )


def _warn_merged(table: Table, merged: list[_Merged]) -> None:
    """Warn once for each merged range that reaches the header or the rows under it."""
    for found in merged:
        if found.last_row < table.header_row:
            continue  # a title above the table: not read
        index = found.first_column - 1
        header = table.header[index] if index < len(table.header) else None
        warn_at(
            Location(
                table.file,
                table.sheet,
                found.first_row,
                column=None if header is None else str(header),
            ),
            _merged_message(found),
            stacklevel=3,
        )


def _cell_value(value: Any) -> Any:
    """Return a cell's value as the readers take it: text unescaped, times as the text shown."""
    if isinstance(value, str):
        value = compose_letters(value)  # å as one letter, as ids are compared
        return _unescape(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_text(value)
    return value


def _find_sheet(names: list[str], part: str) -> str | None:
    """Return the sheet of ``part``; a measurements sheet may name its years after the name."""
    wanted = {normalise_name(n) for n in _SHEETS[part]}
    found = next((n for n in names if normalise_name(n) in wanted), None)
    if found is None and part == "measurements":
        found = next((n for n in names if normalise_name(_YEARS_AFTER.sub("", n)) in wanted), None)
    return found


def _warn_unread(book: Any, names: list[str], read: set[str], file: str) -> None:
    """Warn of each sheet with content that is not read, naming how the sheets are named.

    An empty sheet (Excel's "Ark2") and one named as notes (``vejledning``, ``readme``) are
    left out without a word.
    """
    for title in names:
        if title in read or normalise_name(title) in _NOTES or _empty(book[title]):
            continue
        warn_at(
            Location(file, title),
            f"the sheet {title!r} is not read: a workbook's sheets are read by their names, "
            "'elements' (or 'elementer', else the first sheet), 'links' ('relationer'), "
            "'indicators' ('indikatorer'), 'measurements' ('målinger', also 'Målinger "
            "2012-2015') and 'map' ('kort'); rename the sheet if it holds one of these, or "
            "name it 'vejledning' or 'noter' if it holds notes",
            stacklevel=3,
        )


def _empty(sheet: Any) -> bool:
    """Return whether ``sheet`` holds no value.

    The rows are read to the end: a read-only sheet closes its part of the file only when its
    rows are exhausted, and one left open would be closed later by the garbage collector.
    """
    try:
        rows = sheet.iter_rows(values_only=True)
    except AttributeError:  # a chart sheet holds no cells
        return False
    empty = True
    for row in rows:
        if empty and any(value is not None for value in row):
            empty = False
    return empty


@keeps_read_warnings
def read_excel(
    path: StrPath,
    *,
    schema: SchemaLike | None = None,
    sheet: str | None = None,
    decimal: Decimal | None = None,
) -> StrategyMap:
    """Read a map from an Excel workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` file.
    schema
        A :class:`Schema`, preset name, mapping or schema file (see :meth:`Schema.coerce`);
        overrides a schema in the ``map`` sheet.
    sheet
        The elements sheet; ``elements``/``elementer`` or else the first sheet when ``None``.
    decimal
        The decimal mark of numbers typed as text (``","`` by default, as Danish Excel).

    Returns
    -------
    StrategyMap

    Raises
    ------
    OptionError
        If ``sheet`` or ``decimal`` is not one this reader takes.
    ReadError
        If the file is not an .xlsx workbook or the named sheet does not exist.
    ValidationError
        If the map breaks the model; every problem is listed with its sheet, row and column.

    Examples
    --------
    >>> m = sg.read_excel(sg.datasets.path("eksempel-2013", format="xlsx"))
    >>> m == sg.datasets.load("eksempel-2013")
    True
    """
    import openpyxl  # noqa: PLC0415 - keeps `import stratgraph` light

    check_text("sheet", sheet, what="a sheet name", none="the elements sheet")
    if decimal is not None:
        decimal = check_choice("decimal", decimal, choices(Decimal))
    name = display_name(path)
    check_file(path)
    try:
        _check_unpacked_size(path, name)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (FileNotFoundError, ReadError):
        raise
    # SyntaxError: ElementTree's ParseError, or the copy of it that defusedxml keeps.
    except (zipfile.BadZipFile, SyntaxError, zlib.error, KeyError, ValueError, OSError) as err:
        msg = (
            f"{name} is not an Excel workbook (.xlsx) that can be read ({err}); "
            "save it from Excel as 'Excel Workbook (.xlsx)', or export CSV"
        )
        raise ReadError(msg) from err
    found: str | None = None
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            msg = f"{name} has no sheet {sheet!r}; sheets: {', '.join(names)}"
            raise ReadError(msg)  # noqa: TRY301 - passed on as it is by `except ReadError` below
        chosen = sheet or _find_sheet(names, "elements") or names[0]
        tables: dict[str, Table | None] = {}
        for part, found in (
            ("elements", chosen),
            ("links", _find_sheet(names, "links")),
            ("indicators", _find_sheet(names, "indicators")),
            ("measurements", _find_sheet(names, "measurements")),
        ):
            if found is None or (part != "elements" and found == chosen):
                tables[part] = None
                continue
            merged: list[_Merged] = []
            percents: list[tuple[int, int]] = []
            rows = _rows(book[found], name, merged, percents)
            table = table_from_rows(rows, file=name, sheet=found)
            _warn_merged(table, merged)
            _read_percentages(table, rows, percents, part)
            tables[part] = table
        found = meta_sheet = _find_sheet(names, "map")
        meta = _read_meta(book, found, name)
        found = None
        read = {chosen, meta_sheet, *(t.sheet for t in tables.values() if t is not None)}
        _warn_unread(book, names, {n for n in read if n is not None}, name)
    except ReadError:
        raise
    except (
        SyntaxError,  # ElementTree's ParseError, or the copy of it defusedxml keeps
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        ValueError,
        TypeError,
    ) as err:
        # openpyxl reads a sheet's XML lazily, so a broken sheet shows only while its rows are read.
        msg = f"{name}, sheet {found!r}: the sheet cannot be read ({err}); save it again from Excel"
        raise ReadError(msg) from err
    finally:
        book.close()
    declared = meta.pop("schema", None)
    schema_at = meta.get("where", {}).get("schema") or Location(name, sheet=meta_sheet)
    elements = tables["elements"]
    assert elements is not None  # noqa: S101 - chosen above
    if not elements.header:
        msg = (
            f"{name}, sheet {chosen!r}: the sheet is empty; it needs a header row such as "
            "id, type, title, parents"
        )
        raise ReadError(msg)
    return map_from_tables(
        elements,
        tables["links"],
        tables["indicators"],
        tables["measurements"],
        schema=file_schema(schema, declared, schema_at),
        decimal=decimal,
        default_decimal=",",
        meta={"name": Path(path).stem, **meta},
    )


def _check_unpacked_size(path: StrPath, name: str) -> None:
    """Refuse a workbook that would unpack to more than :data:`MAX_UNPACKED` (a zip bomb).

    The sizes are those the archive declares; :mod:`zipfile` never reads past them.
    """
    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())
    if total > MAX_UNPACKED:
        msg = (
            f"{name} would unpack to {total / 2**20:,.0f} MiB, more than the "
            f"{MAX_UNPACKED / 2**20:,.0f} MiB a strategy map workbook can take; "
            "it is damaged or not a strategy map"
        )
        raise ReadError(msg)


def _read_meta(book: Any, found: str | None, file: str) -> dict[str, Any]:
    """Read the ``map`` sheet: one key and value a row; ``where`` holds the row of each key."""
    if found is None:
        return {}
    meta: dict[str, Any] = {}
    where: dict[str, Location] = {}
    for number, row in enumerate(_rows(book[found], file), start=1):
        if len(row) < 2 or row[0] is None:  # noqa: PLR2004 - key and value
            continue
        key = normalise_name(str(row[0]))
        key = {
            "navn": "name",
            "organisation": "organisation",
            "aar": "year",  # "år", folded
            "valuta": "currency",
        }.get(key, key)
        value = row[1]
        if value is None:
            continue
        where[key] = Location(file, found, number, column=str(row[0]))
        if key in ("name", "organisation", "currency"):
            meta[key] = unneutralise(str(value))
        elif key == "year":
            meta[key] = value if isinstance(value, int | float) else str(value)
        elif key == "schema":
            text = str(value)
            meta["schema"] = _schema_json(text, where[key]) if text.lstrip()[:1] == "{" else text
    meta["where"] = where
    return meta


def _schema_json(text: str, where: Location) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        msg = f"{where}: the schema is not valid JSON ({err})"
        raise ReadError(msg) from err
    except RecursionError as err:
        msg = f"{where}: the schema's JSON is nested too deeply to be a schema"
        raise ReadError(msg) from err


def _number(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _exact_number(cell: Any) -> None:
    """Store a float cell with every digit it needs: openpyxl writes only 16 significant ones."""
    cell.value = repr(cell.value)
    cell.data_type = "n"  # a number cell whose <v> is the shortest text that reads back exactly


#: The most characters an Excel cell holds; Excel cuts longer text without a word.
MAX_CELL_TEXT = 32_767


def _check_cell_lengths(tables: dict[str, tuple[list[str], list[list[Any]]]]) -> None:
    """Refuse to write text that Excel would cut: every such cell is named.

    Raises
    ------
    ValidationError
        Naming the sheet, the element (or link) and the field of each text too long.
    """
    problems = []
    for sheet, (header, rows) in tables.items():
        for row in rows:
            for column, cell in zip(header, row, strict=False):
                if isinstance(cell, str) and len(_escape(cell)) > MAX_CELL_TEXT:
                    message = (
                        f"the text is {len(cell):,} characters long; an Excel cell holds at most "
                        f"{MAX_CELL_TEXT:,} and Excel would cut the rest; shorten it, or write "
                        "the map as YAML, JSON or CSV"
                    )
                    owner = str(row[0]) if sheet != "links" else f"{row[0]} → {row[1]}"
                    where = Location(sheet=sheet, column=column, element=shorten(owner))
                    problems.append(Problem(message, where))
    if problems:
        raise ValidationError(problems)


#: Who stratgraph's workbooks name as their author; Excel keeps it when it saves them.
_CREATOR = "stratgraph"
#: Parts of a workbook that stratgraph never writes, by the start of their name in the package.
_FOREIGN_PARTS = (
    ("xl/vbaProject", "macros"),
    ("xl/charts/", "charts"),
    ("xl/drawings/", "drawings or pictures"),
    ("xl/media/", "pictures"),
    ("xl/pivot", "pivot tables"),
    ("xl/comments", "comments"),
    ("xl/threadedComments", "comments"),
    ("xl/tables/", "Excel tables"),
    ("xl/externalLinks/", "links to other workbooks"),
)


def _what_would_be_lost(path: Path, headers: dict[str, list[str]]) -> list[str]:
    """Return what the workbook at ``path`` holds that writing the map over it would drop.

    Every workbook may lose sheets other than the four stratgraph writes, formulas, defined
    names, macros, charts, pictures, pivot tables and comments; a workbook stratgraph did not
    write (by its author) also headers it would not write again (``titel`` for ``title``).
    """
    import openpyxl  # noqa: PLC0415 - keeps `import stratgraph` light

    if path.stat().st_size == 0:
        return []
    try:
        with zipfile.ZipFile(path) as package:
            members = package.namelist()
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, SyntaxError):
        return ["content that is not a workbook stratgraph can read"]
    lost = list(
        dict.fromkeys(
            what for m in members for start, what in _FOREIGN_PARTS if m.startswith(start)
        )
    )
    try:
        ours = book.properties.creator == _CREATOR
        if book.defined_names:
            lost.append("named ranges " + ", ".join(f"'{n}'" for n in book.defined_names))
        for ws in book.worksheets:
            if ws.title not in headers:
                lost.append(f"sheet '{ws.title}'")
                continue
            formulas = 0
            for i, row in enumerate(ws.iter_rows()):
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        formulas += 1
                    elif (
                        i == 0
                        and not ours
                        and ws.title != "map"
                        and cell.value not in (None, "", *headers[ws.title])
                    ):
                        lost.append(f"header '{cell.value}' in sheet '{ws.title}'")
            if formulas:
                lost.append(
                    f"{formulas} formula{'s' if formulas > 1 else ''} in sheet '{ws.title}'"
                )
    finally:
        book.close()
    return lost


def to_excel(smap: StrategyMap, path: StrPath, *, overwrite: bool = False) -> None:
    """Write ``smap`` as an Excel workbook, atomically.

    Sheets ``elements``, ``links`` (links with a note or weight), ``indicators``,
    ``measurements`` and ``map``.
    Text that a spreadsheet would run as a formula is prefixed with ``'``; reading undoes it.

    A workbook already at ``path`` is replaced only when the map would keep all of it: a
    workbook with other sheets, formulas, named ranges, macros, charts, pictures, pivot tables
    or comments, or (when stratgraph did not write it) headers of its own, stops the write with
    an error that lists what would be lost, unless ``overwrite=True``.

    Raises
    ------
    FileExistsError
        If the workbook at ``path`` holds content the map would drop and ``overwrite`` is false.
    FileNotFoundError
        If the folder of ``path`` does not exist.
    """
    import openpyxl  # noqa: PLC0415 - keeps `import stratgraph` light
    from openpyxl.styles import Font  # noqa: PLC0415

    overwrite = check_bool("overwrite", overwrite)
    target = Path(path)
    check_folder(target)
    tables = {
        "elements": element_table(smap, _number),
        "links": link_table(smap, _number),
        "indicators": indicator_table(smap, _number),
        "measurements": measurement_table(smap, _number),
    }
    _check_cell_lengths(tables)
    if target.is_file() and not overwrite:
        headers = {title: [str(c) for c in header] for title, (header, _) in tables.items()}
        lost = _what_would_be_lost(target, headers | {"map": []})
        if lost:
            msg = (
                f"not writing {target.name}: the workbook there holds {'; '.join(lost[:8])}"
                f"{' …' if len(lost) > 8 else ''}, which the map would not keep. Write to "  # noqa: PLR2004
                "another name, or pass overwrite=True (--force on the command line) to replace it"
            )
            raise FileExistsError(msg)
    book = openpyxl.Workbook()
    book.properties.creator = _CREATOR
    first = book.active
    assert first is not None  # noqa: S101 - a new workbook has one sheet
    book.remove(first)
    bold = Font(bold=True)
    for title, (header, rows) in tables.items():
        ws = book.create_sheet(title)
        ws.append([_escape(c) for c in header])
        for row in rows:
            ws.append([_escape(c) for c in row])
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                elif isinstance(cell.value, float):
                    _exact_number(cell)
    meta = book.create_sheet("map")
    schema = smap.schema.to_dict()
    for key, value in (
        ("name", smap.name),
        ("organisation", smap.organisation),
        ("year", smap.year),
        ("currency", smap.currency),
        ("schema", schema.get("preset") or json.dumps(schema, ensure_ascii=False)),
    ):
        meta.append([key, _escape(neutralise(value) if isinstance(value, str) else value)])
    for row in meta.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    try:
        with atomic_path(path) as tmp:
            book.save(tmp)
    except WriteError as err:
        _drop_quietly(err)
        raise
    except OSError as err:
        msg = f"{display_name(path)} cannot be written ({err.strerror or err}); nothing was written"
        _drop_quietly(err)
        raise WriteError(msg) from None


def _drop_quietly(err: BaseException) -> None:
    """Free what a failed save left half open, without openpyxl's "Exception ignored" noise.

    openpyxl writes each sheet from a generator; when the disk is full, closing that generator
    fails again, and Python would print that second failure as a traceback.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        seen: BaseException | None = err
        done: set[int] = set()
        while seen is not None and id(seen) not in done:  # it and its causes hold the frames
            done.add(id(seen))
            seen.__traceback__ = None
            seen = seen.__cause__ or seen.__context__
        gc.collect()
    finally:
        sys.unraisablehook = hook
