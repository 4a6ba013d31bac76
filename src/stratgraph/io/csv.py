"""CSV files: one row per element, as Danish or English Excel saves them.

``;`` or ``,`` is detected, UTF-8 (with or without BOM) or Windows-1252 decoded, decimal commas
read. Link notes, indicators and measurements, which one row per element cannot hold, live in
sibling files, ``NAME.links.csv``, ``NAME.indicators.csv`` and ``NAME.measurements.csv``, read
automatically when present.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph._atomic import (
    check_folder,
    check_other_sets,
    locked,
    manifest_path,
    settle,
    write_set,
)
from stratgraph._numbers import format_number
from stratgraph._options import (
    Decimal,
    ReadSep,
    Sep,
    check_bool,
    check_choice,
    check_text,
    choices,
    invalid,
)
from stratgraph._readnotes import warn_at
from stratgraph._util import StrPath, gc_paused
from stratgraph.exceptions import Location, OptionError, ReadError, shorten
from stratgraph.io._common import (
    compose_letters,
    decode_text_as,
    decodes_as,
    display_name,
    keeps_read_warnings,
    looks_misdecoded,
    read_file_bytes,
)
from stratgraph.io._tables.headers import HEADER_NAMES, Table, table_from_rows
from stratgraph.io._tables.read import map_from_tables
from stratgraph.io._tables.write import (
    element_table,
    indicator_table,
    link_table,
    measurement_table,
)
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from stratgraph.schema import SchemaLike
    from stratgraph.strategy_map import StrategyMap

__all__ = ["read_csv", "sibling", "to_csv"]

_DELIMITERS = (";", ",", "\t")
#: The sibling files of a CSV map, each a table one row per element cannot hold.
_PARTS = ("links", "indicators", "measurements")


def sibling(path: StrPath, part: str) -> Path:
    """Return the path of the ``links``, ``indicators`` or ``measurements`` file of ``path``."""
    p = Path(path)
    return p.with_name(f"{p.stem}.{part}{p.suffix or '.csv'}")


def _guessed_sets(main: Path, names: Sequence[str]) -> dict[str, str]:
    """Map each of ``names`` that is by name the sibling of an existing CSV map to that map."""
    found = {}
    for name in names:
        for part in _PARTS:
            stem, dot, _ = name.rpartition(f".{part}.")
            owner = main.with_name(f"{stem}{Path(name).suffix}")
            if dot and stem and owner.name != main.name and owner.is_file():
                found[name] = owner.name
    return found


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
    text = compose_letters(text)  # å as one letter, as ids are compared
    delimiter = sep or _detect_delimiter(text)
    csv.field_size_limit(1 << 30)
    with gc_paused():  # a list per row: the collector would walk them all again and again
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
        except csv.Error as err:
            msg = f"{name}: not valid CSV ({err}); check for an unclosed quote"
            raise ReadError(msg) from err
        table = table_from_rows(rows, file=name)
    _warn_long_rows(table, delimiter)
    _warn_misdecoded(table, data, text, used)
    return table, delimiter, used


def _warn_long_rows(table: Table, delimiter: str) -> None:
    """Warn of rows with more fields than the header whose extra fields are all empty.

    Such a row has most likely a value with the delimiter in it, unquoted, which moved the cells
    after it one column to the right; a row whose extra fields hold values is an error already.
    """
    width = len(table.header)
    long = [
        (number, len(cells))
        for number, cells in table.rows
        if len(cells) > width and all(not c or c.isspace() for c in cells[width:])
    ]
    if not long:
        return
    shown = repr(delimiter) if delimiter != "\t" else "tab"
    if len(long) == 1:
        ((number, fields),) = long
        said = f"row {number} has {fields} fields but the header has {width}"
    else:
        rows = ", ".join(str(n) for n, _ in long[:10]) + (" …" if len(long) > 10 else "")  # noqa: PLR2004
        said = f"rows {rows} have more fields than the header's {width}"
    warn_at(
        Location(table.file, row=long[0][0]),
        f"{said}, so the cells after an unquoted {shown} are read one column too far to the "
        f"right; put a value that holds {shown} in double quotes",
        stacklevel=4,
    )


def _warn_misdecoded(table: Table, data: bytes, text: str, used: str) -> None:
    """Warn at the first cell whose text shows that the file was decoded wrongly.

    Three mistakes show: UTF-8 read as a one-byte encoding (``Ã¦`` for ``æ``), Windows-1252 read
    as Latin-1 (control characters for ``–`` and ``€``), and a Mac file read as Windows-1252.
    """
    codec = codecs.lookup(used).name
    if codec.startswith("utf") or data.isascii():
        return
    if decodes_as(data, "utf-8"):

        def hint(cell: str) -> str | None:
            try:
                fixed = cell.encode(used).decode("utf-8")
            except UnicodeError:
                return None
            # Only where UTF-8 gives the letters of a European text (æ ø å é …): cp1252 text
            # such as "Å–" is valid UTF-8 by chance too, and reads as "Ŗ".
            if fixed == cell or not any(
                "\u00c0" <= ch <= "\u00ff" for ch in set(fixed) - set(cell)
            ):
                return None
            return (
                f"{shorten(cell)!r} reads as {shorten(fixed)!r} in UTF-8: the file is UTF-8 but "
                f"was read as {used}; read it as utf-8, or give no encoding"
            )

    elif codec != "cp1252" and _C1.search(text) and decodes_as(data, "cp1252"):

        def hint(cell: str) -> str | None:
            found = _C1.search(cell)
            if found is None:
                return None
            return (
                f"{shorten(cell)!r} holds the control character U+{ord(found.group()):04X}, "
                f"which is no text: the file was read as {used} and is probably Windows-1252; "
                "read it as cp1252"
            )

    elif codec == "cp1252" and looks_misdecoded(text):

        def hint(cell: str) -> str | None:
            found = looks_misdecoded(cell)
            if found is None:
                return None
            return (
                f"{shorten(cell)!r} holds {found.group()!r}, which Danish text does not; the "
                f"file was read as {used} and is probably in another encoding: a file saved on "
                "a Mac is read right with encoding='mac_roman'"
            )

    else:
        return
    for number, row in [(table.header_row, table.header), *table.rows]:
        for index, cell in enumerate(row):
            message = hint(cell) if isinstance(cell, str) and not cell.isascii() else None
            if message is None:
                continue
            column = table.header[index] if index < len(table.header) else None
            warn_at(
                Location(table.file, row=number, column=None if column is None else str(column)),
                message,
                stacklevel=4,
            )
            return


_C1 = re.compile("[\x80-\x9f]")


def _has_bom(data: bytes) -> bool:
    return data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


@keeps_read_warnings
def read_csv(
    path: StrPath,
    *,
    schema: SchemaLike | None = None,
    sep: ReadSep | None = None,
    decimal: Decimal | None = None,
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
        The CSV file. ``NAME.links.csv``, ``NAME.indicators.csv`` and
        ``NAME.measurements.csv`` beside it are read too.
    schema
        A :class:`Schema`, preset name, mapping or schema file (see :meth:`Schema.coerce`);
        default ``"municipal"``.
    sep
        The delimiter, ``","``, ``";"``, ``"\t"`` or ``"|"``; detected from the header line
        when ``None``.
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
    OptionError
        If ``sep``, ``decimal``, ``encoding`` or ``name`` is not one this reader takes.
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
    if sep is not None:
        sep = check_choice("sep", sep, choices(ReadSep))
    if decimal is not None:
        decimal = check_choice("decimal", decimal, choices(Decimal))
    _check_encoding(encoding, none="UTF-8, then Windows-1252")
    check_text("name", name, what="a name for the map", none="the file name")
    main = Path(path)
    with locked(main):  # no other process switches the set while it is read
        written = settle(main)  # finish a write of the set that was cut off after its commit point
        elements, delimiter, used = _read_table(main, sep=sep, encoding=encoding)
        # Siblings were saved together with the main file: a Windows-1252 main file means
        # Windows-1252 siblings, even where their own bytes happen to be valid UTF-8.
        fallback = "cp1252" if used == "cp1252" else None
        extra: dict[str, Table | None] = {}
        for part in _PARTS:
            other = sibling(main, part)
            if other.name in written and not other.is_file():
                warn_at(
                    Location(file=display_name(main)),
                    f"{other.name} is missing: stratgraph wrote it with {main.name} (its manifest "
                    f"{manifest_path(main).name} lists it), so the map is read without its {part}; "
                    f"put {other.name} back beside {main.name}, or write {main.name} again",
                )
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
        extra["measurements"],
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


#: What an ``encoding=`` of a CSV reader or writer would be valid as.
_ENCODINGS = (
    "a text encoding such as 'utf-8' (or 'utf-8-sig' for Excel) or 'cp1252' (Danish Excel's CSV)"
)


def _check_encoding(encoding: object, *, none: str | None = None) -> codecs.CodecInfo | None:
    """Return the codec ``encoding`` names (``None`` if ``none`` says what None means).

    Raises
    ------
    OptionError
        If ``encoding`` is not text, or names no text encoding Python knows.
    """
    if encoding is None and none is not None:
        return None
    if isinstance(encoding, str) and encoding.strip():
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            pass
        else:
            if info._is_text_encoding:  # noqa: SLF001 - the codecs module's own mark; rot13 etc.
                return info
    raise invalid("encoding", encoding, _ENCODINGS + (f", or None ({none})" if none else ""))


def _writable_encoding(encoding: str) -> bytes:
    """Check that a CSV written in ``encoding`` can be read back; return the BOM it needs.

    UTF-16 and UTF-32 get their byte-order mark, which tells the readers (ours and Excel's) what
    they are; an encoding that does not write plain letters as ASCII would be read as garbage.

    Raises
    ------
    OptionError
        If ``encoding`` is no text encoding, or one a CSV reader cannot tell without being told.
    """
    info = _check_encoding(encoding)
    assert info is not None  # noqa: S101 - None is refused without none=
    try:
        ascii_safe = "id;type".encode(encoding).endswith(b"id;type")  # utf-8-sig adds a BOM
    except UnicodeError:
        ascii_safe = False
    name = info.name.replace("_", "-")
    if name.startswith(("utf-16", "utf-32")):
        bom = "\ufeff".encode(encoding)
        return b"" if name in ("utf-16", "utf-32") else bom  # these write their own BOM
    if not ascii_safe:
        msg = (
            f"encoding={encoding!r} is not valid; give {_ENCODINGS}: a CSV file in {encoding} "
            "could not be read back without being told its encoding"
        )
        raise OptionError(msg)
    return b""


def _cell_of(tables: Mapping[str, tuple[Sequence[str], Sequence[Sequence[Any]]]], char: str) -> str:
    """Say where ``char`` sits (the first cell the encoding fails at): the element and field."""
    for part, (header, rows) in tables.items():
        named = next((name for name in header if char in name), None)
        if named is not None:
            return f" in the name of the field {named!r}"
        for row in rows:
            for name, value in zip(header, row, strict=False):
                text = _cell(value)
                if char not in text:
                    continue
                owner = {"links": f"the link {row[0]} → {row[1]}"}.get(part, f"element {row[0]!r}")
                where = {
                    "indicators": f"indicator {row[1]!r} of {owner}",
                    "measurements": f"the measurement of {row[1]!r} of {owner} in {row[2]}",
                }.get(part, owner)
                return f" in {where}, field {name!r}"
    return ""


def to_csv(
    smap: StrategyMap,
    path: StrPath | None = None,
    *,
    sep: Sep = ",",
    decimal: Decimal = ".",
    encoding: str = "utf-8",
    overwrite: bool = False,
) -> str | None:
    """Write ``smap`` as CSV; for Danish Excel use ``sep=";", decimal=",", encoding="cp1252"``.

    Cells a spreadsheet would run as formulas are prefixed with ``'``; reading undoes it. Link
    notes and weights, indicators and measurements go to ``NAME.links.csv``,
    ``NAME.indicators.csv`` and ``NAME.measurements.csv``, only when the map has any. The files
    are written as one transaction recorded in the manifest ``.NAME.csv.stratgraph.json``: a
    reader sees all of them new or all old, never a mix. A
    sibling left from an earlier export of the same name is removed when the map has none.

    Parameters
    ----------
    overwrite
        Replace (or remove) a sibling that stratgraph did not write, or that was changed since
        it did. Without it such a sibling stops the write, naming it. ``path`` itself is always
        replaced: it was asked for by name.

    Raises
    ------
    FileExistsError
        If a sibling is in the way and ``overwrite`` is false; nothing is written then.
    FileNotFoundError
        If the folder of ``path`` does not exist.

    Returns
    -------
    str or None
        The elements table as text when ``path`` is ``None``.
    """
    sep = check_choice("sep", sep, choices(Sep))
    decimal = check_choice("decimal", decimal, choices(Decimal))
    if sep == decimal:
        msg = (
            f"decimal={decimal!r} is not valid with sep={sep!r}; give a decimal mark that "
            "differs from the delimiter (Danish Excel uses sep=';' with decimal=',')"
        )
        raise OptionError(msg)
    overwrite = check_bool("overwrite", overwrite)
    bom = _writable_encoding(encoding)

    def number(value: float) -> str:
        return format_number(value, decimal)

    tables = {
        "elements": element_table(smap, number),
        "links": link_table(smap, number),
        "indicators": indicator_table(smap, number),
        "measurements": measurement_table(smap, number),
    }
    texts = {part: _render(*table, sep) for part, table in tables.items()}
    if path is None:
        left_out = [part for part in _PARTS if tables[part][1]]
        if left_out:
            warnings.warn(
                f"the map has {' and '.join(left_out)} that the returned text does not hold; "
                "give a path to write them beside it",
                UserWarning,
                stacklevel=3,
            )
        return texts["elements"]
    try:
        encoded = {part: bom + text.encode(encoding) for part, text in texts.items()}
    except UnicodeEncodeError as err:
        bad = err.object[err.start : err.end]
        msg = (
            f"the map holds {bad!r}{_cell_of(tables, bad)}, which {encoding} cannot "
            "write; use encoding='utf-8' (Excel reads it with a BOM: 'utf-8-sig')"
        )
        raise OptionError(msg) from err
    main = Path(path)
    check_folder(main)
    parts = {main.name: encoded["elements"]}
    parts.update({sibling(main, part).name: encoded[part] for part in _PARTS if tables[part][1]})
    names = list(parts)
    check_other_sets(main, names, guessed=_guessed_sets(main, names), overwrite=overwrite)
    write_set(
        main,
        parts,
        managed=[sibling(main, part).name for part in _PARTS],
        named=[main.name],
        overwrite=overwrite,
    )
    return None
