"""Reading and writing strategy maps: one module per format.

``read`` and ``write`` choose the format by the file's extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph._formats import CONVERSIONS, Conversions
from stratgraph._options import Format, ReadFormat, check_bool, check_map
from stratgraph.exceptions import UnknownFormatError
from stratgraph.io._common import max_bytes_set
from stratgraph.io.archimate import _xml_format, read_archimate, to_archimate
from stratgraph.io.csv import read_csv, to_csv
from stratgraph.io.diagram import to_dot, to_mermaid
from stratgraph.io.document import json_schema, read_json, read_yaml, to_json, to_yaml
from stratgraph.io.excel import read_excel, to_excel
from stratgraph.io.frames import elements_frame, from_frames, links_frame
from stratgraph.io.graph import from_networkx, read_graphml, to_graphml, to_networkx

if TYPE_CHECKING:
    from collections.abc import Callable

    from stratgraph._util import StrPath
    from stratgraph.schema import SchemaLike
    from stratgraph.strategy_map import StrategyMap

__all__ = [
    "from_frames",
    "from_networkx",
    "json_schema",
    "read",
    "read_archimate",
    "read_csv",
    "read_excel",
    "read_graphml",
    "read_json",
    "read_yaml",
    "write",
]


@dataclass(frozen=True)
class FileFormat:
    """One file format: what people call it, which files are it, and how it is read and written.

    Examples
    --------
    >>> sg.io.FORMATS["excel"].title, sg.io.FORMATS["excel"].extensions
    ('Excel', ('.xlsx', '.xlsm'))
    """

    #: The name ``format=`` takes, e.g. ``"excel"``.
    name: str
    #: The name shown to people in a message, e.g. ``"Excel"``.
    title: str
    #: The extensions that mean this format, lower case with the dot.
    extensions: tuple[str, ...]
    #: ``read_<format>``, or ``None`` for a format stratgraph only writes.
    reader: Callable[..., StrategyMap] | None
    #: ``to_<format>``.
    writer: Callable[..., object]
    #: Whether the writer takes ``overwrite=``: it may find files it did not write (a CSV's
    #: siblings, a workbook's other sheets, an ArchiMate model holding more than the map).
    takes_overwrite: bool = False


#: Every format, by the name ``format=`` takes; ``sg.read``, ``sg.io.write`` and the command
#: line all look formats up here.
FORMATS: dict[str, FileFormat] = {
    f.name: f
    for f in (
        FileFormat("yaml", "YAML", (".yaml", ".yml"), read_yaml, to_yaml),
        FileFormat("json", "JSON", (".json",), read_json, to_json),
        FileFormat("csv", "CSV", (".csv", ".txt"), read_csv, to_csv, takes_overwrite=True),
        FileFormat(
            "excel", "Excel", (".xlsx", ".xlsm"), read_excel, to_excel, takes_overwrite=True
        ),
        FileFormat("graphml", "GraphML", (".graphml",), read_graphml, to_graphml),
        # .xml is ArchiMate or GraphML: for reading, the root element decides (see format_of)
        FileFormat(
            "archimate", "ArchiMate", (".xml",), read_archimate, to_archimate, takes_overwrite=True
        ),
        FileFormat("mermaid", "Mermaid", (".mmd", ".mermaid"), None, to_mermaid),
        FileFormat("dot", "Graphviz DOT", (".dot", ".gv"), None, to_dot),
    )
}
_READERS = {name: f.reader for name, f in FORMATS.items() if f.reader is not None}
_WRITERS = {name: f.writer for name, f in FORMATS.items()}
_EXTENSIONS = {ext: f.name for f in FORMATS.values() for ext in f.extensions}


def format_of(path: StrPath) -> FileFormat | None:
    """Return the format a file is read as, by its extension and for ``.xml`` its root element.

    ``None`` when the extension names no format stratgraph reads.

    Examples
    --------
    >>> sg.io.format_of(sg.datasets.path("eksempel-2013")).title
    'YAML'
    >>> sg.io.format_of("map.docx") is None
    True
    """
    fmt = FORMATS.get(_EXTENSIONS.get(Path(path).suffix.lower(), ""))
    if fmt is None or fmt.reader is None:
        return None
    if fmt.name == "archimate" and Path(path).is_file():
        return FORMATS[_xml_format(path)]
    return fmt


def _format_of(path: StrPath, format: str | None, valid: tuple[str, ...]) -> str:  # noqa: A002
    if format is not None:
        if format not in valid:
            msg = f"unknown format {format!r}; valid formats: {', '.join(valid)}"
            raise UnknownFormatError(msg)
        return format
    suffix = Path(path).suffix.lower()
    found = _EXTENSIONS.get(suffix)
    if found is None or found not in valid:
        known = ", ".join(sorted(s for s, f in _EXTENSIONS.items() if f in valid))
        msg = (
            f"cannot tell the format of {Path(path).name!r} from its extension {suffix!r}; "
            f"use one of {known}, or pass format= (one of {', '.join(valid)})"
        )
        if suffix == ".xls":
            msg += "; an old .xls workbook must be saved as .xlsx first"
        raise UnknownFormatError(msg)
    return found


def read(
    path: StrPath,
    *,
    format: ReadFormat | None = None,  # noqa: A002 - pandas' and geopandas' name for it
    schema: SchemaLike | None = None,
    max_bytes: int | None = None,
    **options: Any,
) -> StrategyMap:
    """Read a map from ``path``, choosing the reader by the file's extension.

    Parameters
    ----------
    path
        A ``.yaml``/``.yml``, ``.json``, ``.csv``, ``.xlsx``, ``.graphml`` or ``.xml`` file; an
        ``.xml`` file is read as ArchiMate when its root element is in the ArchiMate namespace,
        else as GraphML.
    format
        ``"yaml"``, ``"json"``, ``"csv"``, ``"excel"``, ``"graphml"`` or ``"archimate"``, to
        override the extension.
    schema
        A :class:`Schema`, preset name, mapping or schema file (see :meth:`Schema.coerce`).
    max_bytes
        The largest file to read, in bytes; by default 1 GiB, or the ``STRATGRAPH_MAX_BYTES``
        environment variable when it is set (the limit of every reader).
    **options
        Passed to the reader, e.g. ``sep=`` or ``decimal=`` for :func:`read_csv`.

    Returns
    -------
    StrategyMap

    Raises
    ------
    UnknownFormatError
        If the extension or ``format`` is not one stratgraph reads (an :class:`OptionError`).
    OptionError
        If ``max_bytes`` is not a whole number of 0 or more, or as the reader raises it.
    FileNotFoundError
        If there is no such file.
    ReadError
        If ``path`` is not a regular file (a folder, a FIFO, a device such as ``/dev/zero``)
        or is larger than the limit; and as the reader raises it.
    ValidationError
        As the reader raises it.

    See Also
    --------
    read_yaml, read_json, read_csv, read_excel, read_graphml, read_archimate

    Examples
    --------
    >>> m = sg.read(sg.datasets.path("eksempel-2013"))
    >>> m.name, len(m) > 60
    ('Eksempel Kommune 2013', True)
    """
    fmt = _format_of(path, format, tuple(_READERS))
    if not Path(path).exists():
        msg = f"no such file: {path}"
        raise FileNotFoundError(msg)
    if format is None and fmt == "archimate" and Path(path).is_file():
        fmt = _xml_format(path)  # .xml is both; the root element tells them apart
    reader = _READERS[fmt]
    with max_bytes_set(max_bytes):
        result: StrategyMap = reader(path, schema=schema, **options)
    return result


def write(
    smap: StrategyMap,
    path: StrPath,
    *,
    format: Format | None = None,  # noqa: A002 - pandas' and geopandas' name for it
    **options: Any,
) -> None:
    """Write ``smap`` to ``path`` in the format its extension names (or ``format``), atomically.

    ``overwrite=True`` is taken for every format: it lets a CSV write replace siblings, a
    workbook write replace sheets stratgraph did not write and an ArchiMate write replace a
    model holding more than the map; the other formats write only the file named, which is
    always replaced, so for them it changes nothing.

    Raises
    ------
    UnknownFormatError
        If the extension or ``format`` is not one stratgraph writes.
    OptionError
        If ``overwrite`` is not ``True`` or ``False``, or as the writer raises it.
    TypeError
        If ``smap`` is not a :class:`StrategyMap`.
    """
    check_map(smap)
    fmt = _format_of(path, format, tuple(_WRITERS))
    overwrite = check_bool("overwrite", options.pop("overwrite", False))
    if FORMATS[fmt].takes_overwrite:
        options["overwrite"] = overwrite
    _WRITERS[fmt](smap, path, **options)


# The map's methods (``m.to_yaml()``, ``m.write()`` …) call these through stratgraph._formats,
# since the map cannot import this package, which imports the map.
CONVERSIONS.update(
    Conversions(
        write=write,
        to_yaml=to_yaml,
        to_json=to_json,
        to_csv=to_csv,
        to_excel=to_excel,
        to_graphml=to_graphml,
        to_archimate=to_archimate,
        to_mermaid=to_mermaid,
        to_dot=to_dot,
        to_networkx=to_networkx,
        elements_frame=elements_frame,
        links_frame=links_frame,
    )
)
