"""What every reader shares: path types, decoding of text files, and how a file is named."""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph.exceptions import ReadError, SchemaError
from stratgraph.schema import Schema

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "DEFAULT_MAX_BYTES",
    "StrPath",
    "check_file",
    "decode_text",
    "decode_text_as",
    "display_name",
    "file_schema",
    "max_bytes_set",
    "read_file_bytes",
]

#: The largest file the readers read unless told otherwise: 1 GiB.
DEFAULT_MAX_BYTES = 1 << 30
#: The environment variable that raises (or lowers) the limit, in bytes.
MAX_BYTES_ENV = "STRATGRAPH_MAX_BYTES"
_MAX_BYTES: ContextVar[int | None] = ContextVar("max_bytes", default=None)

StrPath = str | os.PathLike[str]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def display_name(path: StrPath) -> str:
    """Return the name a message uses for ``path``: the file name."""
    return Path(path).name


def file_schema(given: Schema | str | None, in_file: Any, where: str | None) -> Schema:
    """Return the schema ``given`` by the caller, else the one the file declares (``in_file``).

    Raises
    ------
    SchemaError
        If the schema is not valid; when it came from the file, the message starts with
        ``where`` (the file and place), so that the user knows where to fix it.
    """
    if given is not None:
        return Schema.coerce(given)
    try:
        return Schema.coerce(in_file)
    except SchemaError as err:
        if where is None:
            raise
        msg = f"{where}: the schema the file declares is not valid: {err}"
        raise SchemaError(msg) from err


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
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as err:
            msg = f"{name}: cannot be read as {encoding} ({err}); try encoding='utf-8' or 'cp1252'"
            raise ReadError(msg) from err
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
                "Windows-1252; save the file as UTF-8 or pass encoding="
            )
            raise ReadError(msg) from err


@contextlib.contextmanager
def max_bytes_set(limit: int | None) -> Iterator[None]:
    """Within the block, the readers read files of up to ``limit`` bytes (``None``: the default)."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        msg = f"max_bytes must be a whole number of bytes, 0 or more, not {limit!r}"
        raise ValueError(msg)
    token = _MAX_BYTES.set(limit)
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
