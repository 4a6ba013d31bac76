"""Numbers and money as spreadsheets write them: marks, currencies, scale words, signs.

A column's decimal mark is decided once from all its cells (:func:`plan_column`); each cell is
then read by that one rule (:meth:`Column.read`), so no cell changes how another is read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, localcontext
from typing import TYPE_CHECKING, Any, Literal

from stratgraph._readnotes import warn_at
from stratgraph.exceptions import Problem, ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from stratgraph.exceptions import Location

__all__ = [
    "AS_WRITTEN",
    "Column",
    "Foreign",
    "Kind",
    "format_number",
    "header_unit",
    "parse_number",
    "plain_number",
    "plan_column",
    "read_column",
    "warn_cells",
    "warn_no_money",
]

#: The attribute that keeps, verbatim, a budget cell in a currency other than the map's.
AS_WRITTEN = "budget as written"
#: The currency a map has when nothing states one (the model's default).
HOME = "DKK"

Kind = Literal["money", "number", "year"]

_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_DASHES = frozenset({"-", "\u2012", "\u2013", "\u2014", "\u2212"})
_MINUS = frozenset({"-", "\u2212", "\u2012", "\u2013"})
_CELL = re.compile(r"^(?P<pre>.*?)(?P<num>\d+(?:[., ]\d+)*)(?P<exp>[eE][+-]?\d{1,4})?(?P<post>.*)$")
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")
_NOT_LETTER = r"(?![^\W\d_])"
#: (pattern, scale, currency) of each word a cell or header may carry, longest first.
_WORDS: tuple[tuple[re.Pattern[str], int, str | None], ...] = tuple(
    (re.compile(pattern + _NOT_LETTER, re.IGNORECASE), scale, currency)
    for pattern, scale, currency in (
        (r"t\.? ?kr\.?", 1000, "DKK"),
        (r"tdkk", 1000, "DKK"),
        (r"mdkk", 1_000_000, "DKK"),
        (r"tusinde?", 1000, None),
        (r"mio\.?", 1_000_000, None),
        (r"mill\.?", 1_000_000, None),
        (r"millioner|million", 1_000_000, None),
        (r"mia\.?", 1_000_000_000, None),
        (r"mrd\.?", 1_000_000_000, None),
        (r"milliarder|milliard", 1_000_000_000, None),
        (r"kroner|dkr\.?|kr\.?|dkk", 1, "DKK"),
        (r"euro|eur|€", 1, "EUR"),
        (r"usd|\$", 1, "USD"),
        (r"sek", 1, "SEK"),
        (r"nok", 1, "NOK"),
        (r"gbp|£", 1, "GBP"),
    )
)
#: In a header only: "1.000 kr." or "1.000.000 kr." states the unit of the column.
_HEADER_SCALE = re.compile(r"1(?:[., ]?000){1,3}" + r"(?!\d)")
#: Where a header's unit may stand: "(1.000 kr.)", ", t.kr.", " i mio. kr.", " in EUR", " DKK".
_HEADER_UNIT = (
    re.compile(r"^(?P<base>.*?)\s*\((?P<unit>[^()]*)\)\s*$"),
    re.compile(r"^(?P<base>.*?)\s*,\s*(?P<unit>[^,]*)$"),
    re.compile(r"^(?P<base>.*?)\s+(?:i|in)\s+(?P<unit>.*)$", re.IGNORECASE),
    re.compile(r"^(?P<base>\S.*?)\s+(?P<unit>\S*\D)$"),
)
_CURRENCY_NAMES = {
    "dkk": "DKK",
    "kr": "DKK",
    "kr.": "DKK",
    "kroner": "DKK",
    "eur": "EUR",
    "€": "EUR",
    "euro": "EUR",
    "usd": "USD",
    "$": "USD",
    "sek": "SEK",
    "nok": "NOK",
    "gbp": "GBP",
    "£": "GBP",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """What a header or a cell states besides the number: a scale and a currency."""

    scale: int | None = None
    currency: str | None = None
    text: str = ""
    #: Why the unit cannot be used (two scale words, two currencies), else ``None``.
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Foreign:
    """An amount in a currency other than the map's: kept as written, never summed."""

    text: str
    currency: str


@dataclass(frozen=True, slots=True)
class _Cell:
    negative: bool
    number: str  # digits, marks and spaces
    exp: str
    scale: int | None
    currency: str | None
    whole: bool  # ",-": a whole amount, no decimals


def currency_code(text: str | None) -> str | None:
    """Return the ISO code of a currency as people write it (``kr.`` is DKK), else the text."""
    if text is None:
        return None
    folded = text.strip().casefold()
    return _CURRENCY_NAMES.get(folded, text.strip())


def _words(text: str, *, cell: bool) -> list[tuple[str, Any]] | None:
    """Split the text around a number into words; ``None`` if any part is not one."""
    out: list[tuple[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == " ":
            i += 1
            continue
        if cell and text.startswith((",-", ".-"), i):
            out.append(("whole", None))
            i += 2
            continue
        if cell and char in "()":
            out.append((char, None))
            i += 1
            continue
        if cell and (char in _MINUS or char == "+"):
            out.append(("sign", char))
            i += 1
            continue
        for pattern, scale, currency in _WORDS:
            found = pattern.match(text, i)
            if found:
                out.append(("word", (scale, currency, found.group())))
                i = found.end()
                break
        else:
            return None
    return out


def header_unit(header: str) -> tuple[str, Unit] | None:
    """Split a header such as ``Budget (1.000 kr.)`` into its name and the unit it states.

    Returns ``None`` if the header states no unit.

    Examples
    --------
    >>> from stratgraph._numbers import header_unit
    >>> header_unit("Budget (1.000 kr.)")
    ('Budget', Unit(scale=1000, currency='DKK', text='1.000 kr.', problem=None))
    >>> header_unit("Budget i mio. kr.")[1].scale, header_unit("Beløb i DKK")[1].currency
    (1000000, 'DKK')
    >>> header_unit("Budget") is None
    True
    """
    text = _SPACES.sub(" ", header).strip()
    for pattern in _HEADER_UNIT:
        found = pattern.match(text)
        if not found or not found["base"].strip():
            continue
        unit = _unit(found["unit"].strip())
        if unit is not None:
            return found["base"].strip(), unit
    return None


def _unit(text: str) -> Unit | None:
    scale: int | None = None
    rest = text
    lead = _HEADER_SCALE.match(rest)
    if lead:
        scale = int(re.sub(r"\D", "", lead.group()))
        rest = rest[lead.end() :]
    words = _words(rest, cell=False)
    if not words and scale is None:
        return None
    if words is None:
        return None
    currency = None
    scales = [lead.group()] if lead else []
    problem = None
    for _, (word_scale, word_currency, word) in words:
        if word_scale != 1:
            scales.append(word)
            scale = word_scale if scale is None else scale * word_scale
        if word_currency is not None:
            if currency is not None and currency != word_currency:
                problem = f"states two currencies ({currency} and {word_currency})"
            currency = word_currency
    if len(scales) > 1:
        problem = f"states {len(scales)} scales ({' and '.join(scales)})"
    return Unit(scale, currency, text, problem)


def _lex(text: str, kind: Kind = "money") -> _Cell | None:
    """Split a cell into its parts; ``None`` for a dash alone (no amount).

    Raises
    ------
    ValueError
        If the text is not an amount; the message says what ``kind`` of value would be.
    """
    clean = _SPACES.sub(" ", text).strip()
    if clean.lstrip("+-\u2212").casefold() in ("nan", "inf", "infinity"):
        msg = f"{text!r} is not a finite number"
        raise ValueError(msg)
    found = _CELL.match(clean)
    if found is None:
        words = _words(clean, cell=True)
        signs = [w for w in words or () if w[0] == "sign"]
        if (
            words is not None
            and len(signs) == 1
            and signs[0][1] in _DASHES
            and all(w[0] in ("sign", "word") for w in words)
        ) or clean in _DASHES:
            return None
        raise ValueError(_not_a_number(text, kind))
    pre = _words(found["pre"], cell=True)
    post = _words(found["post"], cell=True)
    if pre is None or post is None:
        raise ValueError(_not_a_number(text, kind))
    negative, parens = False, 0
    scale: int | None = None
    scale_word = ""
    currency: str | None = None
    whole = False
    for side, words in (("pre", pre), ("post", post)):
        for word_kind, value in words:
            if word_kind == "sign" and side == "pre" and not negative:
                negative = value in _MINUS
            elif word_kind == "(" and side == "pre" and not parens:
                parens = 1
            elif word_kind == ")" and side == "post" and parens == 1:
                parens = 2
            elif word_kind == "whole" and side == "post" and not whole:
                whole = True
            elif word_kind == "word":
                word_scale, word_currency, word = value
                if word_scale != 1:
                    if scale is not None:
                        msg = (
                            f"{text!r} states two scales ({scale_word} and {word}); write one, "
                            "e.g. 5 mio. kr. or 5.000 t.kr."
                        )
                        raise ValueError(msg)
                    scale, scale_word = word_scale, word
                if word_currency is not None:
                    if currency is not None and currency != word_currency:
                        msg = (
                            f"{text!r} states two currencies ({currency} and {word_currency}); "
                            "write one"
                        )
                        raise ValueError(msg)
                    currency = word_currency
            else:
                raise ValueError(_not_a_number(text, kind))
    if parens == 1 or (parens and negative):
        raise ValueError(_not_a_number(text, kind))
    closed = parens == 2  # noqa: PLR2004 - "(" before the number and ")" after it
    return _Cell(negative or closed, found["num"], found["exp"] or "", scale, currency, whole)


#: What a value of each kind looks like, for messages.
_EXAMPLES: dict[Kind, str] = {
    "money": (
        "is not a number (write e.g. 1234,50, 1.234.567 kr., 7,5 mio. kr. or (1.000) for a "
        "negative amount)"
    ),
    "number": (
        "is not a number (write e.g. 42 or 5,9, with the decimal mark the column's other "
        "numbers use)"
    ),
    "year": "is not a year (write a whole year such as 2013)",
}


def _not_a_number(value: Any, kind: Kind = "money") -> str:
    if kind == "number" and isinstance(value, str) and value.rstrip().endswith("%"):
        shown = value.rstrip().removesuffix("%").strip()
        return (
            f"{value!r} is not a number: write a percentage without its sign ({shown!r}), "
            "as the column's other cells, or give the cell a number format with %"
        )
    return f"{value!r} {_EXAMPLES[kind]}"


_GROUPING = {sep: re.compile(f"[{re.escape(sep)} ]") for sep in ".,"}


def _groups_ok(integer: str, grouping: str) -> bool:
    parts = _GROUPING[grouping].split(integer)
    if len(parts) == 1:
        return True
    if parts[0].startswith("0") or not 1 <= len(parts[0]) <= 3:  # noqa: PLR2004 - a group
        return False
    return all(len(p) == 3 for p in parts[1:])  # noqa: PLR2004 - a group of thousands


def _value(cell: _Cell, mark: str, *, decimals: int | None) -> Decimal | None:
    """Return the number the cell's digits give with ``mark`` as decimal mark, or ``None``."""
    grouping = "." if mark == "," else ","
    integer, sep, fraction = cell.number.partition(mark)
    if mark in fraction or " " in fraction or grouping in fraction:
        return None
    if sep and not fraction:
        return None
    if not _groups_ok(integer, grouping):
        return None
    if decimals is not None and len(fraction) > decimals:
        return None
    digits = integer.replace(grouping, "").replace(" ", "") + ("." + fraction if fraction else "")
    try:
        return Decimal(digits + cell.exp)
    except InvalidOperation:  # pragma: no cover - the pattern lets only digits through
        return None


@dataclass(frozen=True, slots=True)
class _Refused:
    """A cell that cannot be read, remembered with its message."""

    message: str


_UNSEEN: Any = object()


def _remembered(cache: dict[Any, Any], key: Any, compute: Callable[[], Any]) -> Any:
    """Return ``compute()`` for ``key``, computed once; a refusal is remembered and raised again.

    Raises
    ------
    ValueError
        If ``compute`` raised it, now or the first time.
    """
    found = cache.get(key, _UNSEEN)
    if found is _UNSEEN:
        try:
            found = compute()
        except ValueError as err:
            found = _Refused(str(err))
        cache[key] = found
    if isinstance(found, _Refused):
        raise ValueError(found.message)  # noqa: TRY004 - a cell's content, not a type
    return found


@dataclass(frozen=True, slots=True)
class Column:
    """How the cells of one column are read: its decimal mark and the unit its header states.

    A column remembers each distinct text it has read (most columns repeat their texts), so that
    no text is taken apart twice.
    """

    mark: str = "."
    kind: Kind = "number"
    unit: Unit = Unit()
    #: The map's currency (money only): an amount in another one is kept as :class:`Foreign`.
    home: str | None = None
    _lexed: dict[str, _Cell | _Refused | None] = field(
        default_factory=dict, compare=False, repr=False
    )
    _read: dict[str, float | Foreign | _Refused | None] = field(
        default_factory=dict, compare=False, repr=False
    )
    #: The readings that planning the column found for its texts with a mark.
    _readings: dict[str, dict[str, Decimal]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def _decimals(self, cell: _Cell) -> int | None:
        # A plain amount of money (a currency, no scale word) has at most two decimals; ",-"
        # says it has none. So "750.000 kr." can only be 750 000.
        if cell.whole:
            return 0
        stated = cell.currency is not None or self.unit.currency is not None
        if self.kind == "money" and stated and (cell.scale or self.unit.scale or 1) == 1:
            return 2
        return None

    def readings(self, cell: _Cell) -> dict[str, Decimal]:
        """Return the value the cell has under each decimal mark that can read it."""
        found = {}
        decimals = self._decimals(cell)
        for mark in (",", "."):
            value = _value(cell, mark, decimals=decimals)
            if value is not None:
                found[mark] = value
        return found

    def lex(self, text: str) -> _Cell | None:
        """Take a text cell apart (once per distinct text); ``None`` for no amount.

        Raises
        ------
        ValueError
            If the text is not a value of the column's kind.
        """
        return _remembered(self._lexed, text, lambda: _lex(text, self.kind))  # type: ignore[no-any-return]

    def read(self, value: Any) -> float | Foreign | None:
        """Read one cell: a number, ``None`` for no amount, or a :class:`Foreign` amount.

        Raises
        ------
        ValueError
            If the cell is not a number this column can read; the message says what would be.
        """
        if not isinstance(value, str):
            return self._read_value(value)
        return _remembered(self._read, value, lambda: self._read_text(value))  # type: ignore[no-any-return]

    def _read_value(self, value: Any) -> float | Foreign | None:
        if isinstance(value, bool):
            msg = f"{value!r} is a yes/no value, not a number"
            raise ValueError(msg)  # noqa: TRY004 - a cell's content, reported as a bad value
        if isinstance(value, dt.date):  # an Excel date cell (a datetime is a date too)
            if self.kind == "year":
                return float(value.year)
            msg = (
                f"{value.isoformat()} is a date, not a number; format the cell as a number "
                "(in Excel: Format Cells, Number) and write the amount"
            )
            raise ValueError(msg)
        if isinstance(value, int | float):
            number = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
            if not number.is_finite():
                msg = f"{value!r} is not a finite number"
                raise ValueError(msg)
            currency = self.unit.currency
            if self._is_foreign(currency):
                return Foreign(f"{plain_number(value)} ({self.unit.text})", str(currency))
            return self._finite(number, self.unit.scale or 1, value)
        return self._read_text(str(value))

    def _read_text(self, text: str) -> float | Foreign | None:
        cell = self.lex(text)
        if cell is None:
            return None
        if cell.currency is not None and self.kind != "money":
            msg = (
                f"{text!r} holds a currency ({cell.currency}); write the number alone and the "
                "currency in the unit"
            )
            raise ValueError(msg)
        if self.kind == "year" and cell.scale is not None:
            msg = f"{text!r} is not a year; write a whole year such as 2013"
            raise ValueError(msg)
        currency = cell.currency or self.unit.currency
        if self._is_foreign(currency):
            return Foreign(text, str(currency))
        readings = self._readings.get(text)
        if readings is not None:
            amount = readings.get(self.mark)
        else:
            amount = _value(cell, self.mark, decimals=self._decimals(cell))
        if amount is None:
            raise ValueError(self._unreadable(text, cell))
        scale = cell.scale or self.unit.scale or 1
        return self._finite(amount.copy_negate() if cell.negative else amount, scale, text)

    def _finite(self, number: Decimal, scale: int, value: Any) -> float:
        result = _to_float(_scaled(number, scale))
        if math.isfinite(result):
            return result
        if scale != 1 and math.isfinite(_to_float(number)):
            msg = (
                f"{value!r} times the scale {scale:,} of its unit overflows: it is more than "
                "the largest number a map can hold (about 1.8e308); check the cell and the unit "
                "of its column"
            )
        else:
            msg = f"{value!r} is too large a number to hold (the largest is about 1.8e308)"
        raise ValueError(msg)

    def number(self, value: Any) -> float | None:
        """Read a cell of a column that holds no money (a weight, an indicator's value)."""
        read = self.read(value)
        if isinstance(read, Foreign):  # pragma: no cover - only money columns have currencies
            msg = f"{value!r} is an amount in {read.currency}, not a number"
            raise ValueError(msg)  # noqa: TRY004 - a cell's content, reported as a bad value
        return read

    def _is_foreign(self, currency: str | None) -> bool:
        return self.kind == "money" and currency is not None and currency != self.home

    def _unreadable(self, text: str, cell: _Cell) -> str:
        if self.mark == ",":
            convention = "a decimal comma and thousands dots (1.234.567,50)"
        else:
            convention = "a decimal point and thousands commas (1,234,567.50)"
        hint = ""
        if self._decimals(cell) is not None:
            hint = " (an amount in kroner has at most two decimals; ',-' none)"
        return (
            f"{text!r} cannot be read the way its column writes numbers, with {convention}"
            f"{hint}; write it the same way as the column's other cells"
        )


def _scaled(number: Decimal, scale: int) -> Decimal:
    """Multiply exactly (the default context would round to 28 digits)."""
    if scale == 1:
        return number
    with localcontext() as context:
        context.prec = len(number.as_tuple().digits) + 12
        return number * scale


def plain_number(value: float) -> str:
    """Write a number plainly: a whole number without ``.0``, else as Python writes the float.

    Examples
    --------
    >>> from stratgraph._numbers import plain_number
    >>> plain_number(750000.0), plain_number(0.1), plain_number(2)
    ('750000', '0.1', '2')
    """
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _to_float(number: Decimal) -> float:
    try:
        return float(number)
    except (OverflowError, InvalidOperation):  # pragma: no cover - float() gives inf instead
        return math.inf


def plan_column(
    cells: Iterable[tuple[int | None, Any]],
    *,
    kind: Kind,
    header: str | None,
    default: str,
    decimal: str | None = None,
    currency: str | None = None,
    where: Callable[[int | None], Location],
    dialect: str,
    option: bool = True,
) -> tuple[Column, str | None]:
    """Decide how a column's cells are read, warning where the file leaves it open.

    ``cells`` are (row, value) pairs; ``default`` is the decimal mark of the file's dialect,
    used (with a warning) when no cell settles it, and ``dialect`` says why, for the warning.
    ``option`` says whether the reader takes ``decimal=``, for the warning.
    ``currency`` is the map's currency where the file states one. Returns the column and, for a
    money column whose every amount is in one currency while the map states none, that
    currency (the map's currency becomes it).

    A rule that concerns single cells (a cell that states its own scale, a currency, another
    currency than the map's) warns once for the column, naming its first cells and how many.

    Raises
    ------
    ValidationError
        If the header states a unit that cannot be used (two scale words, two currencies).
    """
    unit = Unit()
    if kind == "money" and header is not None:
        split = header_unit(header)
        if split is not None:
            unit = split[1]
    if unit.problem is not None:
        message = (
            f"the header {header!r} {unit.problem}, so its unit is unclear; write one, e.g. "
            "'Budget (1.000 kr.)' or 'Budget i mio. kr.'"
        )
        raise ValidationError([Problem(message, where(None))])
    home = currency_code(currency) if currency is not None else None
    probe = Column(",", kind, unit, home=None)
    votes: Counter[str] = Counter()
    ambiguous: tuple[int | None, str] | None = None
    currencies: set[str | None] = set()
    vote_of: dict[str, str | None] = {}
    found_readings: dict[str, dict[str, Decimal]] = {}
    rows: list[tuple[int | None, Any]] = []
    for row, value in cells:
        rows.append((row, value))
        if not isinstance(value, str):
            currencies.add(unit.currency)
            continue
        vote = vote_of.get(value, _UNSEEN)
        if vote is _UNSEEN:
            vote = vote_of[value] = None
            try:
                cell = probe.lex(value)
            except ValueError:
                continue
            if cell is not None and ("," in cell.number or "." in cell.number):
                readings = found_readings[value] = probe.readings(cell)
                if kind == "year":  # a year is whole: "1.013" can only be 1013
                    readings = {m: v for m, v in readings.items() if v == v.to_integral_value()}
                if len(readings) == 1:
                    vote = vote_of[value] = next(iter(readings))
                elif len(readings) == 2:  # noqa: PLR2004 - both marks read it
                    vote = vote_of[value] = "both"
        if vote == "both":
            ambiguous = ambiguous or (row, value)
        elif vote is not None:
            votes[vote] += 1
        taken_apart = probe._lexed[value]  # noqa: SLF001 - same module
        if isinstance(taken_apart, _Cell):
            currencies.add(taken_apart.currency or unit.currency)
    new_currency = None
    if kind == "money" and home is None:
        if len(currencies) == 1 and None not in currencies and currencies != {HOME}:
            new_currency = str(next(iter(currencies)))
            where_header = where(None)
            warn_at(
                where_header,
                f"every amount in column {header!r} is in {new_currency} and the file states no "
                f"currency for the map: the map's currency is {new_currency}",
                stacklevel=2,
            )
            home = new_currency
        else:
            home = HOME
    if decimal is not None:
        mark = decimal
    elif votes:
        top = votes.most_common()
        mark = top[0][0] if len(top) == 1 or top[0][1] != top[1][1] else default
    else:
        mark = default
        if ambiguous is not None:
            row, value = ambiguous
            other = "." if default == "," else ","
            try:
                read = Column(default, kind, unit, home).read(value)
                other_read = Column(other, kind, unit, home).read(value)
            except ValueError:  # not finite either way: the error at the cell says so
                read = other_read = None
            hint = (
                "write the number without a thousands mark, or pass decimal=',' or "
                "decimal='.', to say which"
                if option
                else f"write it as {_show(read)} or {_show(other_read)} with no thousands mark "
                "to say which"
            )
            warn_at(
                where(row),
                f"{value!r} could be {_show(read)} or {_show(other_read)}, and no cell in column "
                f"{header!r} settles the decimal mark: the column is read with the decimal "
                f"{'comma' if default == ',' else 'point'}, {dialect}; {hint}",
                stacklevel=2,
            )
    # The probe's cells are taken apart already: the column reads them without doing it again.
    column = Column(
        mark,
        kind,
        unit,
        home if kind == "money" else None,
        probe._lexed,  # noqa: SLF001 - same module
        {},
        found_readings,
    )
    if kind == "money":
        _warn_cells(column, rows, header, where)
    return column, new_currency


def read_column(
    cells: list[tuple[int, Any]],
    *,
    kind: Kind,
    header: str,
    where: Callable[[int | None], Location],
    problems: list[Problem],
    currency: str | None = None,
    dialect: str,
    default: str = ",",
) -> tuple[dict[int, float | int | Foreign | None], str | None]:
    """Read the number field ``header`` of a map file's elements, links or indicators.

    The values given for one field in one file are one column (:func:`plan_column`), read with
    the ``default`` decimal mark where no cell settles it. ``cells`` are (key, value) pairs,
    ``where(key)`` the place of one (``where(None)``: the first). Returns the value of each
    cell that could be read (an ``int`` for a year) and, as :func:`plan_column`, a currency the
    map takes; each cell that cannot is a problem in ``problems``.
    """
    column, taken = plan_column(
        cells,
        kind=kind,
        header=header,
        default=default,
        currency=currency,
        where=lambda key: where(cells[0][0] if key is None else key),
        dialect=dialect,
        option=False,
    )
    read: dict[int, float | int | Foreign | None] = {}
    for key, value in cells:
        try:
            number = column.read(value)
        except ValueError as err:
            problems.append(Problem(str(err), where(key)))
            continue
        if kind == "year" and isinstance(number, float):
            if not number.is_integer():
                problems.append(Problem(_not_a_number(value, "year"), where(key)))
                continue
            read[key] = int(number)
        else:
            read[key] = number
    return read, taken


def warn_no_money(schema: str, column: str, count: int, where: Location) -> None:
    """Warn that a map whose schema carries no money has budgets (kept, as nothing is lost)."""
    warn_at(
        where,
        f"the schema {schema!r} says its maps carry no money (money=False), but {column!r} "
        f"gives {_count(count)} {'element a budget' if count == 1 else 'elements budgets'}: "
        "they are kept and rolled up as written; remove them, or use a schema that carries "
        "money",
        stacklevel=3,
    )


def _show(value: float | Foreign | None) -> str:
    if isinstance(value, float):
        return plain_number(value)
    return repr(value)


def _count(number: int) -> str:
    """Write a count as Danish readers expect it: ``49 997``."""
    return f"{number:,}".replace(",", " ")


def _places(where: Callable[[int | None], Location], rows: list[int | None], count: int) -> str:
    """Say where the first few of ``count`` cells are: ``rows 3, 4, 5 and 49 997 more``."""
    shown = [where(row) for row in rows[:3]]
    first = shown[0]
    if first.row is not None:
        noun, names = "row", [str(w.row) for w in shown]
    elif first.line is not None:
        noun, names = "line", [str(w.line) for w in shown]
    elif first.element is not None:
        noun, names = "element", [repr(w.element) for w in shown]
    else:
        noun, names = "item", [str(w.item) for w in shown]
    more = count - len(shown)
    if more:
        return f"{noun}s {', '.join(names)} and {_count(more)} more"
    return f"{noun}s {', '.join(names[:-1])} and {names[-1]}"


def warn_cells(
    cells: list[tuple[int | None, Any]],
    *,
    where: Callable[[int | None], Location],
    header: str | None,
    one: Callable[[Any], str],
    many: Callable[[Any], str],
    stacklevel: int = 2,
) -> None:
    """Warn once of the ``cells`` of one column that a rule concerns.

    One cell gets ``one(value)``; several get one warning at the first, which counts them,
    names the first few and says ``many(first value)``.
    """
    if not cells:
        return
    row, value = cells[0]
    if len(cells) == 1:
        warn_at(where(row), one(value), stacklevel=stacklevel + 1)
        return
    rows = [r for r, _ in cells[:3]]
    warn_at(
        where(row),
        f"{_count(len(cells))} cells in column {header!r} ({_places(where, rows, len(cells))}) "
        + many(value),
        stacklevel=stacklevel + 1,
    )


def _warn_cells(
    column: Column,
    rows: list[tuple[int | None, Any]],
    header: str | None,
    where: Callable[[int | None], Location],
) -> None:
    """Warn of a column's cells that a rule concerns, once per rule.

    The rules: a cell in a foreign currency, one that overrides its header's scale, and one
    that states a currency alone under a scaled header.
    """
    foreign: list[tuple[int | None, Any]] = []
    own_scale: list[tuple[int | None, Any]] = []
    currency_only: list[tuple[int | None, Any]] = []
    header_scale = column.unit.scale
    for row, value in rows:
        if not isinstance(value, str):
            if column._is_foreign(column.unit.currency):  # noqa: SLF001 - same module
                foreign.append((row, value))
            continue
        cell = column._lexed.get(value)  # noqa: SLF001 - same module
        if not isinstance(cell, _Cell):
            continue
        currency = cell.currency or column.unit.currency
        if column._is_foreign(currency):  # noqa: SLF001 - same module
            foreign.append((row, value))
        elif header_scale is None or header_scale == 1:
            continue
        elif cell.scale is not None and cell.scale != header_scale:
            own_scale.append((row, value))
        elif cell.scale is None and cell.currency is not None:
            currency_only.append((row, value))

    def read(value: Any) -> str:
        try:
            return _show(column.read(value))
        except ValueError:
            return "nothing (see the error at the cell)"

    def currency_of(value: Any) -> str:
        cell = column._lexed.get(value) if isinstance(value, str) else None  # noqa: SLF001
        found = cell.currency if isinstance(cell, _Cell) else None
        return str(found or column.unit.currency)

    home = column.home
    warn_cells(
        foreign,
        where=where,
        header=header,
        one=lambda v: (
            f"{v!r} is in {currency_of(v)}, not in the map's currency {home}: it is not read "
            f"as a budget (so it is never summed with {home}) and is kept as written in the "
            f"attribute {AS_WRITTEN!r}; convert it to {home}, or state the map's currency"
        ),
        many=lambda v: (
            f"are in another currency than the map's {home} (the first, {v!r}, in "
            f"{currency_of(v)}): they are not read as budgets (so never summed with {home}) and "
            f"are kept as written in the attribute {AS_WRITTEN!r}; convert them to {home}, or "
            "state the map's currency"
        ),
        stacklevel=3,
    )
    warn_cells(
        own_scale,
        where=where,
        header=header,
        one=lambda v: (
            f"{v!r} states its own unit, so it is read as {read(v)} and not scaled by the unit "
            f"in the header {header!r}; write the number alone to use the header's unit"
        ),
        many=lambda v: (
            f"state their own unit, so each is read as it says (the first, {v!r}, as {read(v)}) "
            f"and not scaled by the unit in the header; write the numbers alone to use the "
            "header's unit"
        ),
        stacklevel=3,
    )
    unit = column.unit.text
    warn_cells(
        currency_only,
        where=where,
        header=header,
        one=lambda v: (
            f"{v!r} states a currency but no scale, under the header {header!r} whose unit is "
            f"{unit!r}: it is read in the header's unit, as {read(v)}, the way Excel shows a "
            "number formatted with 'kr.'; if it is an amount in kroner, write it in the "
            "header's unit without the currency, or with a scale word of its own (t.kr., mio.)"
        ),
        many=lambda v: (
            f"state a currency but no scale, under a header whose unit is {unit!r}: they are "
            f"read in the header's unit (the first, {v!r}, as {read(v)}), the way Excel shows "
            "numbers formatted with 'kr.'; if they are amounts in kroner, write them in the "
            "header's unit without the currency, or with a scale word of their own"
        ),
        stacklevel=3,
    )


def parse_number(value: Any, decimal: str | None = None, *, default: str = ".") -> float:
    """Parse a number as a Danish or English spreadsheet writes it, on its own.

    ``decimal`` is the decimal mark (``","`` or ``"."``); when ``None`` the cell's own marks
    decide, and ``default`` where they cannot (``"1.500"``). A currency (``kr.``, ``DKK``,
    ``,-``) and a scale word (``t.kr.``, ``mio.``, ``mia.``) are read; a plain amount of money
    has at most two decimals, so ``750.000 kr.`` is 750 000.

    Raises
    ------
    ValueError
        If the text is not a number, is ``-`` alone (no amount), or is in a foreign currency.

    Examples
    --------
    >>> from stratgraph._numbers import parse_number
    >>> parse_number("1.234,50"), parse_number("1.234", ","), parse_number("2.5")
    (1234.5, 1234.0, 2.5)
    >>> parse_number("750.000 kr."), parse_number("7,5 mio. kr."), parse_number("(1.000)", ",")
    (750000.0, 7500000.0, -1000.0)
    """
    column = Column(decimal or default, "money", home=HOME)
    if decimal is None and isinstance(value, str):
        try:
            cell = column.lex(value)
        except ValueError:
            cell = None
        if cell is not None:
            readings = column.readings(cell)
            if len(readings) == 1:
                column = Column(next(iter(readings)), "money", home=HOME)
    result = column.read(value)
    if not isinstance(result, float):
        msg = (
            f"{value!r} is no amount"
            if result is None
            else f"{value!r} is in {result.currency}, not a plain number"
        )
        raise ValueError(msg)  # noqa: TRY004 - a cell's content, reported as a bad value
    return result


def format_number(value: float, decimal: str = ".") -> str:
    """Write a number so that :func:`parse_number` reads it back exactly, in either file mode.

    A number that could be read with thousands marks (``1.234``, ``1.234e+20``) gets a trailing
    zero in its decimals (``1.2340``, ``1.2340e+20``), which no thousands mark can give.

    Examples
    --------
    >>> from stratgraph._numbers import format_number
    >>> format_number(1.234, ","), format_number(1234567.0, ","), format_number(0.5)
    ('1,2340', '1234567', '0.5')
    >>> format_number(1.234e20), format_number(-1.125e-7, ",")
    ('1.2340e+20', '-1,1250e-07')
    """
    text = str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    mantissa, e, exponent = text.partition("e")
    if _AMBIGUOUS.match(mantissa):
        mantissa += "0"  # "1.234" could be read as thousands; "1.2340" cannot
    text = mantissa + e + exponent
    return text.replace(".", decimal) if decimal != "." else text
