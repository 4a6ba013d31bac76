"""CSV files: one row per element, as Danish or English Excel saves them.

``;`` or ``,`` is detected, UTF-8 (with or without BOM) or Windows-1252 decoded, decimal commas
read. Link notes and indicators, which one row per element cannot hold, live in two sibling files,
``NAME.links.csv`` and ``NAME.indicators.csv``, read automatically when present.
"""

from __future__ import annotations

import csv
import io
import itertools
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph._build import gc_paused
from stratgraph._readnotes import keeps_read_warnings
from stratgraph.exceptions import ReadError
from stratgraph.io._atomic import atomic_write_bytes
from stratgraph.io._common import StrPath, decode_text_as, display_name, read_file_bytes
from stratgraph.io._tabular import (
    HEADER_NAMES,
    Table,
    element_table,
    format_number,
    indicator_table,
    link_table,
    map_from_tables,
    table_from_rows,
)
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    from stratgraph.schema import Schema
    from stratgraph.strategy_map import StrategyMap

__all__ = ["read_csv", "sibling", "to_csv"]

_DELIMITERS = (";", ",", "\t")


def sibling(path: StrPath, part: str) -> Path:
    """Return the path of the ``links`` or ``indicators`` file that goes with ``path``."""
    p = Path(path)
    return p.with_name(f"{p.stem}.{part}{p.suffix or '.csv'}")


def _detect_delimiter(text: str) -> str:
    """Choose the delimiter that splits the header into known column names, else the commonest.

    Counting alone is misled by a column name that holds the other separator ("x;y" in a comma
    file), so the header (or a title row above it) decides first.
    """
    first = next((line for line in io.StringIO(text, newline=None) if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    known = {d: _known_headers(text, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (known[d], counts[d]))
    return best if counts[best] else ","


def _known_headers(text: str, delimiter: str) -> int:
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return max(
            (
                sum(1 for cell in row if normalise_name(cell) in HEADER_NAMES)
                for row in itertools.islice(rows, 10)
            ),
            default=0,
        )
    except csv.Error:
        return 0


def _read_table(
    path: Path, *, sep: str | None, encoding: str | None, fallback: str | None = None
) -> tuple[Table, str, str]:
    """Read one CSV file; ``fallback`` decodes a file without BOM when ``encoding`` is None."""
    name = display_name(path)
    data = read_file_bytes(path)
    if encoding is None and fallback is not None and not _has_bom(data):
        encoding = fallback
    text, used = decode_text_as(data, name, encoding)
    delimiter = sep or _detect_delimiter(text)
    csv.field_size_limit(1 << 30)
    with gc_paused():  # a list per row: the collector would walk them all again and again
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
        except csv.Error as err:
            msg = f"{name}: not valid CSV ({err}); check for an unclosed quote"
            raise ReadError(msg) from err
        return table_from_rows(rows, file=name), delimiter, used


def _has_bom(data: bytes) -> bool:
    return data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


@keeps_read_warnings
def read_csv(
    path: StrPath,
    *,
    schema: Schema | str | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    name: str | None = None,
) -> StrategyMap:
    r"""Read a map from a CSV file with one row per element.

    Columns: ``id, type, title, parents`` and optionally ``description, owner, agenda, start,
    end, budget, status, links``; Danish headers (``titel``, ``forælder``, ``ejer`` ...) and type
    names (``effektmål``, ``projekt`` ...) work. Any other column is kept in ``attrs``.

    Parameters
    ----------
    path
        The CSV file. ``NAME.links.csv`` and ``NAME.indicators.csv`` beside it are read too.
    schema
        A :class:`Schema` or preset name (default ``"municipal"``).
    sep
        The delimiter; detected from the header line when ``None``.
    decimal
        The decimal mark, ``","`` or ``"."``; detected from the numbers when ``None``.
    encoding
        The text encoding; UTF-8 (with or without BOM), then Windows-1252, when ``None``.
    name
        The map's name; the file name without extension when ``None``.

    Returns
    -------
    StrategyMap

    Raises
    ------
    ReadError
        If the file cannot be decoded or parsed as CSV.
    ValidationError
        If the map breaks the model; every problem is listed with its row and column.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mål.csv"
    >>> _ = path.write_text("id;type;titel;forælder;budget\n"
    ...                     "S1;strategi;Tidlig indsats;;\n"
    ...                     "G1;effektmål;Færre anbringelser;S1;1.234,50\n", encoding="cp1252")
    >>> m = sg.read_csv(path)
    >>> m["G1"].type, m["G1"].budget, m.parents("G1")
    ('effect_goal', 1234.5, ['S1'])
    """
    main = Path(path)
    elements, delimiter, used = _read_table(main, sep=sep, encoding=encoding)
    # Siblings were saved together with the main file: a Windows-1252 main file means
    # Windows-1252 siblings, even where their own bytes happen to be valid UTF-8.
    fallback = "cp1252" if used == "cp1252" else None
    extra: dict[str, Table | None] = {}
    for part in ("links", "indicators"):
        other = sibling(main, part)
        extra[part] = (
            _read_table(other, sep=sep, encoding=encoding, fallback=fallback)[0]
            if other.is_file()
            else None
        )
    if not elements.header and not main.read_bytes().strip():
        msg = (
            f"{display_name(main)} is empty; a strategy map CSV starts with a header row such as "
            "id,type,title,parents"
        )
        raise ReadError(msg)
    return map_from_tables(
        elements,
        extra["links"],
        extra["indicators"],
        schema=schema,
        decimal=decimal,
        default_decimal="," if delimiter == ";" else ".",
        meta={"name": name or main.stem},
    )


def _render(header: Sequence[str], rows: Sequence[Sequence[Any]], sep: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([["" if c is None else _cell(c) for c in row] for row in rows])
    return out.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(
    smap: StrategyMap,
    path: StrPath | None = None,
    *,
    sep: str = ",",
    decimal: str = ".",
    encoding: str = "utf-8",
) -> str | None:
    """Write ``smap`` as CSV; for Danish Excel use ``sep=";", decimal=",", encoding="cp1252"``.

    Cells a spreadsheet would run as formulas are prefixed with ``'``; reading undoes it. Link
    notes and weights and indicators go to ``NAME.links.csv`` and ``NAME.indicators.csv``; a
    sibling left from an earlier export of the same name is removed when the map has none.
    Every file is written atomically.

    Returns
    -------
    str or None
        The elements table as text when ``path`` is ``None``.
    """
    if sep not in (",", ";", "\t") or decimal not in (",", "."):
        msg = f"sep must be ',', ';' or a tab and decimal ',' or '.', not {sep!r} and {decimal!r}"
        raise ValueError(msg)
    if sep == decimal:
        msg = "sep and decimal must differ; Danish Excel uses sep=';' with decimal=','"
        raise ValueError(msg)

    def number(value: float) -> str:
        return format_number(value, decimal)

    tables = {
        "elements": element_table(smap, number),
        "links": link_table(smap, number),
        "indicators": indicator_table(smap, number),
    }
    texts = {part: _render(*table, sep) for part, table in tables.items()}
    if path is None:
        left_out = [part for part in ("links", "indicators") if tables[part][1]]
        if left_out:
            warnings.warn(
                f"the map has {' and '.join(left_out)} that the returned text does not hold; "
                "give a path to write them beside it",
                UserWarning,
                stacklevel=3,
            )
        return texts["elements"]
    try:
        encoded = {part: text.encode(encoding) for part, text in texts.items()}
    except UnicodeEncodeError as err:
        msg = (
            f"the map holds {err.object[err.start : err.end]!r}, which {encoding} cannot write; "
            "use encoding='utf-8' (Excel reads it with a BOM: 'utf-8-sig')"
        )
        raise ValueError(msg) from err
    atomic_write_bytes(path, encoded["elements"])
    for part in ("links", "indicators"):
        other = sibling(path, part)
        if tables[part][1]:
            atomic_write_bytes(other, encoded[part])
        else:
            other.unlink(missing_ok=True)
    return None
