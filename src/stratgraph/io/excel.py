"""Excel workbooks: sheet ``elements`` (or the first), optional ``links`` and ``indicators``.

Danish sheet names (``elementer``, ``relationer``, ``indikatorer``) work; a ``map`` sheet holds the
map's name, organisation, year, currency and schema.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

from stratgraph._readnotes import keeps_read_warnings
from stratgraph.exceptions import ReadError
from stratgraph.io._atomic import atomic_path
from stratgraph.io._common import StrPath, check_file, display_name, file_schema
from stratgraph.io._tabular import (
    Table,
    element_table,
    indicator_table,
    link_table,
    map_from_tables,
    table_from_rows,
)
from stratgraph.schema import Schema, normalise_name

if TYPE_CHECKING:
    from collections.abc import Iterator

    from stratgraph.strategy_map import StrategyMap

__all__ = ["MAX_UNPACKED", "read_excel", "to_excel"]

#: The most a workbook may unpack to (its XML parts together). A map takes about 600 KiB per
#: 1 000 elements, so this is room for some 400 000.
MAX_UNPACKED = 256 * 2**20

_SHEETS = {
    "elements": ("elements", "elementer", "elementerne", "mål", "strategikort"),
    "links": ("links", "relationer", "forbindelser", "sammenhænge"),
    "indicators": ("indicators", "indikatorer", "målinger"),
    "map": ("map", "kort", "metadata", "om"),
}


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


def _rows(sheet: Any) -> Iterator[list[Any]]:
    # A sheet's <dimension> may claim far more rows and columns than it holds (A1:XFD1048576);
    # read-only openpyxl would pad every row to it, so only the cells present are read.
    sheet.reset_dimensions()
    for row in sheet.iter_rows(values_only=True):
        yield [_unescape(cell) for cell in row]


def _find_sheet(names: list[str], part: str) -> str | None:
    wanted = {normalise_name(n) for n in _SHEETS[part]}
    return next((n for n in names if normalise_name(n) in wanted), None)


@keeps_read_warnings
def read_excel(
    path: StrPath,
    *,
    schema: Schema | str | None = None,
    sheet: str | None = None,
    decimal: str | None = None,
) -> StrategyMap:
    """Read a map from an Excel workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` file.
    schema
        A :class:`Schema` or preset name; overrides a schema in the ``map`` sheet.
    sheet
        The elements sheet; ``elements``/``elementer`` or else the first sheet when ``None``.
    decimal
        The decimal mark of numbers typed as text (``","`` by default, as Danish Excel).

    Returns
    -------
    StrategyMap

    Raises
    ------
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

    name = display_name(path)
    check_file(path)
    try:
        _check_unpacked_size(path, name)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (FileNotFoundError, ReadError):
        raise
    except (zipfile.BadZipFile, ParseError, zlib.error, KeyError, ValueError, OSError) as err:
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
        ):
            if found is None or (part != "elements" and found == chosen):
                tables[part] = None
                continue
            tables[part] = table_from_rows(_rows(book[found]), file=name, sheet=found)
        found = meta_sheet = _find_sheet(names, "map")
        meta = _read_meta(book, found)
    except ReadError:
        raise
    except (
        ParseError,
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
        schema=file_schema(schema, declared, f"{name}, sheet {meta_sheet!r}"),
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


def _read_meta(book: Any, found: str | None) -> dict[str, Any]:
    if found is None:
        return {}
    meta: dict[str, Any] = {}
    for row in _rows(book[found]):
        if len(row) < 2 or row[0] is None:  # noqa: PLR2004 - key and value
            continue
        key = normalise_name(str(row[0]))
        key = {
            "navn": "name",
            "organisation": "organisation",
            "år": "year",
            "valuta": "currency",
        }.get(key, key)
        if key in ("name", "organisation", "currency") and row[1] is not None:
            meta[key] = str(row[1])
        elif key == "year" and row[1] is not None:
            meta[key] = int(row[1])
        elif key == "schema" and row[1] is not None:
            text = str(row[1])
            meta["schema"] = json.loads(text) if text.lstrip().startswith("{") else text
    return meta


def _number(value: float) -> float | int:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _exact_number(cell: Any) -> None:
    """Store a float cell with every digit it needs: openpyxl writes only 16 significant ones."""
    cell.value = repr(cell.value)
    cell.data_type = "n"  # a number cell whose <v> is the shortest text that reads back exactly


def to_excel(smap: StrategyMap, path: StrPath) -> None:
    """Write ``smap`` as an Excel workbook, atomically.

    Sheets ``elements``, ``links`` (links with a note or weight), ``indicators`` and ``map``.
    Text that a spreadsheet would run as a formula is prefixed with ``'``; reading undoes it.
    """
    import openpyxl  # noqa: PLC0415 - keeps `import stratgraph` light
    from openpyxl.styles import Font  # noqa: PLC0415

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None  # noqa: S101 - a new workbook has one sheet
    book.remove(first)
    bold = Font(bold=True)
    for title, (header, rows) in (
        ("elements", element_table(smap, _number)),
        ("links", link_table(smap, _number)),
        ("indicators", indicator_table(smap, _number)),
    ):
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
        meta.append([key, _escape(value)])
    for row in meta.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    with atomic_path(path) as tmp:
        book.save(tmp)
