"""The cells of a table: text as spreadsheets hold it, lists in one cell, values written as JSON.

Reading undoes what writing does: formula neutralisation (a leading ``'``), list cells joined
with ``;`` and quoted values, attribute values that a cell cannot hold written as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from stratgraph._cells import JSON_MARK, neutralise, unneutralise
from stratgraph.exceptions import shorten
from stratgraph.io._common import duration_text

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "STRONG_SEPARATORS",
    "JsonText",
    "attr_cell",
    "attr_value",
    "cell_text",
    "is_blank",
    "join_list",
    "parse_bool",
    "read_cell",
    "split_cell",
    "split_list",
]

#: What separates the values of a list cell; a comma does only where none of these stands.
_SEPARATORS = ";|\n"
#: Finds a separator that always separates the values of a list cell (a comma may not).
STRONG_SEPARATORS = re.compile(r"[;|\n]")
_COMMA = re.compile(",")
_TRUE = {"true", "ja", "yes", "sand", "1", "x", "y", "j"}
_FALSE = {"false", "nej", "no", "falsk", "0", "n"}


class JsonText(str):
    """A cell read as written that starts with :data:`JSON_MARK`: a value written as JSON."""

    __slots__ = ()


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
    >>> from stratgraph.io._tables.cells import attr_cell, attr_value, read_cell
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


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        return bool(value is pd.NA or value is pd.NaT)
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def parse_bool(value: Any) -> bool:
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


def cell_text(value: Any) -> str:
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


def split_cell(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if not is_blank(v)]
    return split_list(cell_text(value))


def split_list(text: str) -> list[str]:
    r"""Split a list cell (parents, agenda, links) into its values.

    ``;``, ``|`` and a line break separate values; a comma separates them only in a cell that
    holds none of those. A value written in double quotes (a quote inside it doubled) is read as
    the text between them, separators included; any other double quote is kept as written.
    Blank values are left out. :func:`join_list` writes what this reads back.

    Examples
    --------
    >>> from stratgraph.io._tables.cells import split_list
    >>> split_list("A;General science, space and technology;B")
    ['A', 'General science, space and technology', 'B']
    >>> split_list("S1, S2"), split_list("S1 | S2\nS3")
    (['S1', 'S2'], ['S1', 'S2', 'S3'])
    >>> split_list('"Science, space"'), split_list('"a; b"; "say ""hi"" twice"')
    (['Science, space'], ['a; b', 'say "hi" twice'])
    """
    if '"' not in text:
        separator = STRONG_SEPARATORS if STRONG_SEPARATORS.search(text) else _COMMA
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
    >>> from stratgraph.io._tables.cells import join_list, split_list
    >>> join_list(["A", "Science, space", "B"]), join_list(["Science, space"])
    ('A; Science, space; B', '"Science, space"')
    >>> join_list(["a|b", "c"]), split_list(join_list(['"x" y', "z"]))
    ('"a|b"; c', ['"x" y', 'z'])
    """
    alone = len(values) == 1
    return "; ".join(
        '"' + v.replace('"', '""') + '"'
        if v.startswith('"') or STRONG_SEPARATORS.search(v) or "\r" in v or (alone and "," in v)
        else v
        for v in values
    )
