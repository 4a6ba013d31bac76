"""Reading an atlas from a folder: one map file per organisation and year, links, organisations.

Every file is read, and every problem of every file is reported together.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from stratgraph._atomic import locked, manifest_path, settle
from stratgraph._cells import unneutralise
from stratgraph._readnotes import collecting, in_file_order, warn_at
from stratgraph._yaml import parse as parse_yaml
from stratgraph.atlas._atlas import (
    Atlas,
    AtlasLink,
    Key,
    Organisation,
    _atlas_link,
    _file_stem,
)
from stratgraph.exceptions import (
    Location,
    Problem,
    ReadError,
    StratgraphError,
    ValidationError,
    shorten,
)
from stratgraph.io import format_of, read
from stratgraph.io._common import compose_letters, decode_text, read_file_bytes

if TYPE_CHECKING:
    from collections.abc import Callable

    from stratgraph._util import StrPath
    from stratgraph.strategy_map import StrategyMap

__all__ = ["read_atlas"]

_T = TypeVar("_T")

#: File stems (lower case) of the links file and the organisations file, English and Danish.
LINK_FILES = ("links", "relationer")
ORGANISATION_FILES = ("organisations", "organisationer")
_TABLE_EXTENSIONS = (".csv", ".txt", ".xlsx", ".xlsm", ".yaml", ".yml", ".json")
#: ``ORG_YEAR`` in a file name.
_NAME_YEAR = re.compile(r"(?P<org>.+)_(?P<year>\d{4})")

#: Column headers of the links and organisations files, with their Danish names.
_LINK_HEADERS = {
    "source": "source",
    "kilde": "source",
    "fra": "source",
    "target": "target",
    "til": "target",
    "kind": "kind",
    "type": "kind",
    "art": "kind",
    "note": "note",
    "begrundelse": "note",
    "weight": "weight",
    "vægt": "weight",
    "year": "year",
    "år": "year",
}
_ORG_HEADERS = {
    "organisation": "organisation",
    "organization": "organisation",
    "name": "organisation",
    "navn": "organisation",
    "parent": "parent",
    "overordnet": "parent",
    "forælder": "parent",
    "title": "title",
    "titel": "title",
    "kind": "kind",
    "type": "kind",
    "art": "kind",
}


def read_atlas(folder: StrPath, *, name: str | None = None) -> Atlas:
    """Read an atlas from ``folder``: a map file per organisation (and year), links, organisations.

    Every file in the folder is one of:

    - a map, in any format :func:`read` reads; its organisation and year are those of its
      metadata (``organisation:``, ``year:``) where it has them, else those of its file name,
      ``ORGANISATION_YEAR.ext`` (a four-digit year after the last ``_``) or ``ORGANISATION.ext``
      (a map of no one year). Where the metadata and the file name give different years, the
      metadata decides, with a warning; where the metadata's organisation is the whole file
      name (``Plan_2024.yaml`` of ``organisation: Plan_2024``), the name holds no year. A CSV
      map's ``NAME.links.csv`` and ``NAME.indicators.csv`` belong to it;
    - ``links.csv``, ``.xlsx`` or ``.yaml`` (or ``relationer.*``): the links between maps, one
      a row: ``source``, ``target`` (``organisation:id``), ``kind`` (default ``supports``),
      ``note``, ``weight``, ``year`` (empty: every year);
    - ``organisations.*`` (or ``organisationer.*``): ``organisation``, ``parent`` (the upper
      organisation), ``title``, ``kind``.

    Hidden files (a name starting with ``.``) and folders are passed over.

    Parameters
    ----------
    folder
        The folder.
    name
        The atlas's name; by default the folder's name.

    Returns
    -------
    Atlas

    Raises
    ------
    ValidationError
        Listing every problem of every file together: a file that is not a map, a map that
        cannot be read or is not valid, two maps of one organisation and year, a link to an
        organisation or element not in the atlas, an organisation name holding ``:``, schemas
        that cannot be compared; each with its file and row.
    ReadError
        If ``folder`` is not a folder.

    Examples
    --------
    >>> atlas = sg.read_atlas(sg.datasets.path_atlas("eksempel-atlas"))
    >>> len(atlas), atlas.years
    (15, (2022, 2023, 2024))
    """
    root = Path(folder)
    if not root.is_dir():
        msg = f"{root}: not a folder; give the folder that holds the atlas's map files"
        raise ReadError(msg)
    problems: list[Problem] = []
    maps: list[tuple[Key, StrategyMap, Location]] = []
    links: list[tuple[AtlasLink, Location]] = []
    orgs: list[tuple[Organisation, Location]] = []
    anchor = root / "organisations.csv"
    if manifest_path(anchor).is_file():
        with locked(anchor):  # a write cut off after its commit point is finished first
            settle(anchor)
    with collecting() as notes:
        files = sorted(p for p in root.iterdir() if not p.name.startswith(".") and p.is_file())
        names = {p.name.casefold() for p in files}
        for path in files:
            stem, suffix = path.stem.casefold(), path.suffix.casefold()
            if suffix in _TABLE_EXTENSIONS and stem in LINK_FILES:
                links.extend(_read_rows(path, "links", problems, _link_rows))
            elif suffix in _TABLE_EXTENSIONS and stem in ORGANISATION_FILES:
                orgs.extend(_read_rows(path, "organisations", problems, _org_rows))
            elif _is_sibling(path, names):
                continue
            else:
                found = _read_map(path, problems)
                if found is not None:
                    maps.append(found)
        atlas = Atlas._assemble(  # noqa: SLF001 - the atlas's builder for files
            maps, links, orgs, name=name or root.name, problems=problems
        )
    if problems:
        raise ValidationError(problems)
    atlas._warnings = tuple(in_file_order(notes))  # noqa: SLF001 - the atlas's own record
    return atlas


def _is_sibling(path: Path, names: set[str]) -> bool:
    """Whether ``path`` is a CSV map's ``NAME.links.csv`` or ``NAME.indicators.csv``."""
    lower = path.name.casefold()
    for part in (".links", ".indicators"):
        for suffix in (".csv", ".txt"):
            if (
                lower.endswith(part + suffix)
                and lower.removesuffix(part + suffix) + suffix in names
            ):
                return True
    return False


def _read_map(path: Path, problems: list[Problem]) -> tuple[Key, StrategyMap, Location] | None:
    where = Location(file=path.name)
    if format_of(path) is None:
        message = (
            "is not a map file, nor links.* or organisations.*; every file of an atlas "
            "folder is a map (.yaml, .json, .csv, .xlsx, .graphml, .xml), the links file or the "
            "organisations file: move it out of the folder"
        )
        problems.append(Problem(message, where))
        return None
    try:
        smap = read(path)
    except ValidationError as err:
        problems.extend(_in_file(p, path.name) for p in err.problems)
        return None
    except (StratgraphError, OSError) as err:
        problems.append(Problem(_without_name(str(err), path.name), where))
        return None
    match = _NAME_YEAR.fullmatch(path.stem)
    named_org, named_year = (match["org"], int(match["year"])) if match else (path.stem, None)
    if smap.organisation is not None and _names_file(smap.organisation, path.stem):
        named_year = None  # 'Plan_2024' is the organisation, as its metadata says: no year
    org = smap.organisation if smap.organisation is not None else named_org
    year = smap.year if smap.year is not None else named_year
    if named_year is not None and smap.year is not None and smap.year != named_year:
        warn_at(
            replace(where, column="year"),
            f"the map says year {smap.year}, its file name {named_year}; read as {smap.year}, "
            "as the map's metadata decides",
        )
    return (org, year), smap, where


def _names_file(organisation: str, stem: str) -> bool:
    """Whether ``stem`` is the whole file name :meth:`Atlas.write` gives ``organisation``."""
    own = compose_letters(_file_stem(organisation)).casefold()
    return compose_letters(stem).casefold() == own


def _without_name(message: str, name: str) -> str:
    """Return a reader's message without the file name it starts with (the location names it)."""
    for lead in (f"{name}: ", f"{name}, "):
        if message.startswith(lead):
            return message[len(lead) :]
    return message


def _in_file(problem: Problem, name: str) -> Problem:
    if problem.location.file is not None:
        return problem
    return Problem(problem.message, replace(problem.location, file=name))


# -- the links and organisations tables ---------------------------------------------------------


def _read_rows(
    path: Path,
    what: str,
    problems: list[Problem],
    convert: Callable[[list[tuple[Location, dict[str, Any]]], str, list[Problem]], list[_T]],
) -> list[_T]:
    """Read a table file into rows (header → cell), each with its place, and convert them."""
    try:
        rows = _table(path, what)
    except (StratgraphError, OSError) as err:
        problems.append(Problem(_without_name(str(err), path.name), Location(path.name)))
        return []
    return convert(rows, path.name, problems)


def _table(path: Path, what: str) -> list[tuple[Location, dict[str, Any]]]:
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl  # noqa: PLC0415 - only for workbooks

        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            msg = f"{path.name}: not an Excel workbook openpyxl can read ({shorten(str(err))})"
            raise ReadError(msg) from None
        try:
            sheet = book[what] if what in book.sheetnames else book.worksheets[0]
            grid = [list(r) for r in sheet.iter_rows(values_only=True)]
            title = sheet.title
        finally:
            book.close()
        return _from_grid(grid, path.name, title)
    text = decode_text(read_file_bytes(path), path.name)
    if suffix in (".yaml", ".yml", ".json"):
        data = parse_yaml(text, path.name, what=f"a {what} file").data
        items = data.get(what, data) if isinstance(data, dict) else data
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            msg = f"{path.name}: give a list of {what}, one mapping each (or '{what}:' with one)"
            raise ReadError(msg)
        return [
            (Location(path.name, item=f"{what}[{i}]"), dict(item)) for i, item in enumerate(items)
        ]
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    grid = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return _from_grid(grid, path.name, None)


def _from_grid(
    grid: list[list[Any]], name: str, sheet: str | None
) -> list[tuple[Location, dict[str, Any]]]:
    if not grid:
        return []
    header = ["" if h is None else str(h).strip().casefold() for h in grid[0]]
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        values = {h: _cell(c) for h, c in zip(header, cells, strict=False) if h}
        if all(v is None for v in values.values()):
            continue
        rows.append((Location(name, sheet=sheet, row=number), values))
    return rows


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = unneutralise(value.strip())
        return value or None
    return value


def _fields(values: dict[str, Any], headers: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    fields: dict[str, Any] = {}
    unknown = []
    for header, value in values.items():
        field = headers.get(header)
        if field is None:
            unknown.append(header)
        else:
            fields[field] = value
    return fields, unknown


def _link_rows(
    rows: list[tuple[Location, dict[str, Any]]], name: str, problems: list[Problem]
) -> list[tuple[AtlasLink, Location]]:
    out = []
    for where, values in rows:
        fields, unknown = _fields(values, _LINK_HEADERS)
        for header in unknown:
            message = (
                f"column {header!r} is not a column of the links file; the columns are source, "
                "target, kind, note, weight, year"
            )
            problems.append(
                Problem(message, Location(name, sheet=where.sheet, row=1, column=header))
            )
        for column in ("year", "weight"):
            fields[column] = _number(fields.get(column), column, where, problems)
        out.append((_atlas_link(fields, problems, where), where))
        if unknown:
            break  # the header is wrong: one problem for it, not one a row
    return out


def _number(value: Any, column: str, where: Location, problems: list[Problem]) -> Any:
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        if column == "year" and isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    text = str(value).strip()
    if column == "year":
        if text.isascii() and text.isdigit():  # not ¹ or ²⁰²⁴, which isdigit also takes
            return int(text)
        message = (
            f"{shorten(text)!r} is not a year; give a whole year such as 2024, or leave it empty"
        )
        problems.append(Problem(message, replace(where, column=column)))
        return None
    try:
        # a decimal comma (Danish) or point; a weight has no thousands
        return float(text.replace(",", ".") if "." not in text else text)
    except ValueError:
        message = f"{shorten(text)!r} is not a number; give a weight such as 0,5 or 0.5, or none"
        problems.append(Problem(message, replace(where, column=column)))
        return None


def _org_rows(
    rows: list[tuple[Location, dict[str, Any]]], name: str, problems: list[Problem]
) -> list[tuple[Organisation, Location]]:
    out = []
    for where, values in rows:
        fields, unknown = _fields(values, _ORG_HEADERS)
        if unknown:
            message = (
                f"column {unknown[0]!r} is not a column of the organisations file; the columns "
                "are organisation, parent, title, kind"
            )
            problems.append(
                Problem(message, Location(name, sheet=where.sheet, row=1, column=unknown[0]))
            )
            break
        text = {k: None if v is None else str(v) for k, v in fields.items()}
        org = Organisation(
            name=text.get("organisation") or "",
            parent=text.get("parent"),
            title=text.get("title"),
            kind=text.get("kind"),
        )
        out.append((org, where))
    return out
