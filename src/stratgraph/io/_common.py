"""What every reader shares: decoding of text files, and how a file is named."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import functools
import os
import re
import stat
import unicodedata
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from stratgraph._options import check_whole
from stratgraph._readnotes import collecting, enclosing, in_file_order, warn_at
from stratgraph.exceptions import Location, ReadError, SchemaError, shorten
from stratgraph.schema import Schema, SchemaLike

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from stratgraph._util import StrPath
    from stratgraph.strategy_map import StrategyMap

__all__ = [
    "DEFAULT_MAX_BYTES",
    "check_file",
    "compose_letters",
    "decode_text",
    "decode_text_as",
    "decodes_as",
    "display_name",
    "duration_text",
    "file_schema",
    "keeps_read_warnings",
    "looks_misdecoded",
    "max_bytes_set",
    "read_file_bytes",
    "shorten",
]

_P = ParamSpec("_P")
_MapT = TypeVar("_MapT", bound="StrategyMap")


#: The largest file the readers read unless told otherwise: 1 GiB.
DEFAULT_MAX_BYTES = 1 << 30
#: The environment variable that raises (or lowers) the limit, in bytes.
MAX_BYTES_ENV = "STRATGRAPH_MAX_BYTES"
_MAX_BYTES: ContextVar[int | None] = ContextVar("max_bytes", default=None)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_BOM_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
#: What a file that one encoding cannot read may be in, in the order they are suggested.
_LIKELY = ("utf-8", "cp1252", "mac_roman")


def _decode_as_given(data: bytes, name: str, encoding: str, given: str) -> tuple[str, str]:
    """Decode ``data`` in the encoding the user gave; if it fails, name one that reads it."""
    if given == "utf-8" and data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig"), "utf-8-sig"  # the mark is no part of the first header
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as err:
        other = next(
            (c for c in _LIKELY if codecs.lookup(c).name != given and decodes_as(data, c)), None
        )
        hint = (
            f"it reads as {other}: give that encoding"
            + (
                ", or none (UTF-8 and cp1252 are told apart by themselves)"
                if other != "mac_roman"
                else ""
            )
            if other
            else "save it as UTF-8"
        )
        msg = f"{name}: cannot be read as {encoding} (byte {err.start}: {err.reason}); {hint}"
        raise ReadError(msg) from err


def decodes_as(data: bytes, codec: str) -> bool:
    """Return whether ``data`` is valid text in ``codec``."""
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


# Danish letters saved on a Mac (Mac Roman) and read as Windows-1252 turn into these: æ ø å Æ Ø
# into ¾ ¿ Œ ® ¯, é ö ü ä into Ž š Ÿ Š. Inside a word they are no Danish text; C1 control
# characters are no text at all.
_MOJIBAKE = re.compile(r"[\x80-\x9f]|(?<=[^\W\d_])[¾¿Œ®¯ŽšŸŠ]|[¾¿Œ®¯ŽšŸŠ](?=[^\W\d_])")


def looks_misdecoded(text: str) -> re.Match[str] | None:
    """Return the first character that says ``text`` was decoded with the wrong encoding.

    Examples
    --------
    >>> from stratgraph.io._common import looks_misdecoded
    >>> looks_misdecoded("F¾rre b¿rn").group(), looks_misdecoded("Færre børn, ½ mio. kr.")
    ('¾', None)
    """
    return _MOJIBAKE.search(text)


#: A letter followed by combining marks: å written as a + ring, as macOS and PDFs give it.
_DECOMPOSED = re.compile(r"[^\W\d_][\u0300-\u036f]+")


def compose_letters(text: str) -> str:
    """Write each letter with combining marks as the one letter it is (``a`` + ring → ``å``).

    Only such letters change: unlike NFC on the whole text, characters that NFC would replace
    by another (CJK compatibility ideographs) are kept as written.

    Examples
    --------
    >>> from stratgraph.io._common import compose_letters
    >>> compose_letters("effektma\u030al") == "effektmål", compose_letters("\uf900") == "\uf900"
    (True, True)
    """
    if text.isascii():
        return text
    return _DECOMPOSED.sub(_composed, text)


def _composed(match: re.Match[str]) -> str:
    """Return the letter and its marks composed, or as written where composing only reorders.

    A mark that NFC splits into two (U+0344 is U+0308 U+0301) composes with nothing: such a
    letter is kept as written, so that reading a file gives back the text it was written from.
    """
    written = match.group()
    composed = unicodedata.normalize("NFC", written)
    return composed if len(composed) < len(written) else written


def duration_text(value: dt.timedelta) -> str:
    """Write a duration as Excel shows an ``[h]:mm:ss`` cell: ``36:30:00``, ``-0:00:01.5``.

    Files hold durations as this text, which every format can hold and read back as written.

    Examples
    --------
    >>> import datetime as dt
    >>> from stratgraph.io._common import duration_text
    >>> duration_text(dt.timedelta(days=1, hours=12, minutes=30))
    '36:30:00'
    >>> duration_text(-dt.timedelta(seconds=1.5))
    '-0:00:01.500000'
    """
    sign = "-" if value < dt.timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.days * 86_400 + value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    fraction = f".{value.microseconds:06d}" if value.microseconds else ""
    return f"{sign}{hours}:{minutes:02d}:{seconds:02d}{fraction}"


def display_name(path: StrPath) -> str:
    """Return the name a message uses for ``path``: the file name."""
    return Path(path).name


def file_schema(given: SchemaLike | None, in_file: Any, where: Location | None) -> Schema:
    """Return the schema ``given`` by the caller, else the one the file declares (``in_file``).

    A map file names a preset or holds the schema itself; it cannot point to another file
    (whose path would depend on the folder the map is read from). A schema given that is not
    the one the file declares is a :class:`ReadWarning` at ``where``: the file says otherwise.

    Raises
    ------
    SchemaError
        If the schema is not valid; when it came from the file, the message starts with
        ``where`` (the file and place), so that the user knows where to fix it.
    """
    if given is not None:
        chosen = Schema.coerce(given)
        if in_file is not None and where is not None:
            _warn_if_overridden(chosen, in_file, where)
        return chosen
    try:
        return Schema.preset(in_file) if isinstance(in_file, str) else Schema.coerce(in_file)
    except SchemaError as err:
        if where is None:
            raise
        msg = f"{where}: the schema the file declares is not valid: {err}"
        raise SchemaError(msg) from err
    except RecursionError as err:
        msg = f"{where or 'the file'}: the schema the file declares is nested too deeply"
        raise SchemaError(msg) from err


def _warn_if_overridden(chosen: Schema, in_file: Any, where: Location) -> None:
    """Warn when the schema given to the reader is not the one the file declares."""
    try:
        declared = Schema.preset(in_file) if isinstance(in_file, str) else Schema.coerce(in_file)
    except SchemaError:
        declared = None  # a broken declaration, overridden by the schema given
    if declared == chosen:
        return
    said = repr(in_file) if isinstance(in_file, str) else f"{getattr(declared, 'name', 'custom')!r}"
    warn_at(
        where,
        f"the file declares the schema {said}, but it was read with the schema given to the "
        f"reader, {chosen.name!r} ({', '.join(chosen.level_names)}); leave out --schema "
        "(schema=) to read it with its own",
        stacklevel=4,
    )


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a text file: a BOM decides, else UTF-8, else Windows-1252 (Danish Excel's CSV).

    Raises
    ------
    ReadError
        If ``encoding`` is given and fails, or the bytes are neither UTF-8 nor Windows-1252.
    """
    return decode_text_as(data, name, encoding)[0]


def decode_text_as(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode like :func:`decode_text` and also return the codec that was used."""
    if encoding is not None:
        try:
            given = codecs.lookup(encoding).name
        except LookupError as err:
            msg = (
                f"{name}: {encoding!r} is not an encoding; use utf-8 or cp1252 (Danish Excel's CSV)"
            )
            raise ReadError(msg) from err
        marked = next((codec for mark, codec in _BOMS if data.startswith(mark)), None)
        if marked is None or given.startswith(marked.removesuffix("-sig")):
            return _decode_as_given(data, name, encoding, given)
        warn_at(
            Location(name),
            f"the file starts with a {_BOM_NAMES[marked]} byte-order mark, so it is read as "
            f"{_BOM_NAMES[marked]}, not as the {encoding} given",
            stacklevel=3,
        )
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                msg = f"{name}: starts with a {codec} byte-order mark but is not {codec} ({err})"
                raise ReadError(msg) from err
    if b"\x00" in data[:4096]:
        msg = (
            f"{name}: holds NUL bytes, so it is binary or UTF-16 without a byte-order mark, "
            "not a text file; save it as CSV (UTF-8) or give the workbook itself"
        )
        raise ReadError(msg)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as err:
            msg = (
                f"{name}: byte {err.start} is neither UTF-8 ({utf8_error.reason}) nor "
                "Windows-1252; save the file as UTF-8 or pass encoding= (encoding='mac_roman' "
                "for a file saved on a Mac)"
            )
            raise ReadError(msg) from err


@contextlib.contextmanager
def max_bytes_set(limit: int | None) -> Iterator[None]:
    """Within the block, the readers read files of up to ``limit`` bytes (``None``: the default)."""
    checked = check_whole("max_bytes", limit, none="the default limit")
    token = _MAX_BYTES.set(checked)
    try:
        yield
    finally:
        _MAX_BYTES.reset(token)


def _limit() -> int:
    given = _MAX_BYTES.get()
    if given is not None:
        return given
    text = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_BYTES
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        msg = f"{MAX_BYTES_ENV}={text!r} is not a whole number of bytes; give e.g. 4294967296"
        raise ReadError(msg)
    return value


def check_file(path: StrPath) -> None:
    """Refuse what is not a regular file, or is larger than the limit, before it is opened.

    A FIFO or a device (``/dev/zero``) named like a map would be read forever, and a folder is
    no file; the limit is :data:`DEFAULT_MAX_BYTES` (1 GiB), raised by ``max_bytes=`` on
    :func:`stratgraph.read` or the ``STRATGRAPH_MAX_BYTES`` environment variable.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ReadError
        If the path is not a regular file, or the file is larger than the limit.
    """
    name = display_name(path)
    status = Path(path).stat()  # stat, unlike open, never waits on a FIFO
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        msg = f"{name} is a folder, not a file; give the path of the map file inside it"
        raise ReadError(msg)
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device or other special file"
        msg = f"{name} is {kind}, not a regular file; save the map to a file and read that"
        raise ReadError(msg)
    size = status.st_size
    limit = _limit()
    if size > limit:
        msg = (
            f"{name} is {size:,} bytes, more than the limit of {limit:,} bytes; if the file "
            f"really is a map, raise the limit with max_bytes= or {MAX_BYTES_ENV}"
        )
        raise ReadError(msg)


def read_file_bytes(path: StrPath) -> bytes:
    """Return the bytes of ``path`` after :func:`check_file` has let it through."""
    check_file(path)
    return Path(path).read_bytes()


def keeps_read_warnings(reader: Callable[_P, _MapT]) -> Callable[_P, _MapT]:
    """Decorate a reader so that the map it returns keeps the warnings given while reading."""

    @functools.wraps(reader)
    def read(*args: _P.args, **kwargs: _P.kwargs) -> _MapT:
        with collecting() as notes:
            try:
                smap = reader(*args, **kwargs)
            except MemoryError:
                # Whatever the reader held is freed by now; a message costs little.
                name = Path(str(args[0])).name if args else "the file"
                msg = (
                    f"{name}: ran out of memory while reading it; it is far bigger than a "
                    "strategy map, or damaged"
                )
                raise ReadError(msg) from None
        smap._read_warnings = tuple(in_file_order(notes))  # noqa: SLF001 - the map's own record of its reading
        parent = enclosing()
        if parent is not None:  # a reader called by another reader: the outer one keeps them too
            parent.extend(notes)
        return smap

    return read
