"""Periods of measurement: a year, a quarter, a month or a day, as people write them.

A measurement belongs to a period; progress places it in time at the period's last day. Danish
habits are read (``2013K2``, ``2. kvartal 2013``, ``2. kvt. 2013``, ``maj 2013``, ``17-05-2013``
day first), and so is every period as the reports write it in Danish or English (``maj 2015``,
``May 2015``, ``17. maj 2015``); every period is written back in one canonical form (``2013``,
``2013Q2``, ``2013-05``, ``2013-05-17``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import numbers
import re
from functools import lru_cache, total_ordering
from typing import TYPE_CHECKING, Any, Literal

from pydantic_core import core_schema

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

__all__ = ["Period", "PeriodKind", "PeriodLike"]

PeriodKind = Literal["year", "quarter", "month", "day"]

#: What is valid, said once for every message.
VALID = (
    "write a year (2013), a quarter (2013Q2, 2013K2, '2. kvartal 2013', '2. kvt. 2013'), "
    "a month (2013-05, 'maj 2013', 'May 2013') or a day (2013-05-17, 17-05-2013 or '17. maj 2013')"
)

_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(
    r"(?:(\d{4})\s*-?\s*[QK]\s*(\d)|[QK]\s*(\d)\s*[-/ ]?\s*(\d{4})"
    r"|(\d)\.\s*(?:kvartal\s+|kvt\.?\s+|kvt\.)(\d{4}))",
    re.IGNORECASE,
)
#: Month names, Danish and English, in full and in the usual abbreviations (lower case).
_MONTH_NAMES: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "january", "jan"),
            ("februar", "february", "feb", "febr"),
            ("marts", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# A month by name, before or after its year: "maj 2016", "jan. 2016", "Sept.-2016", "2016 maj".
_NAMED_MONTH = re.compile(r"([^\W\d_]+)(?:\.?\s*-\s*|\.?\s+|\.)(\d{4})|(\d{4})\s+([^\W\d_]+)\.?")
# A day with its month by name, as the reports write it: "17. maj 2015", "17 May 2015".
_NAMED_DAY = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?\s+(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Danish dates are written day first: 17-05-2013, 17.05.2013, 17/05/2013.
_DANISH_DAY = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
# A datetime as text with a time of midnight (Excel and pandas write these).
_MIDNIGHT = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})[ T]00:00(?::00(?:\.0+)?)?")


@total_ordering
class Period:
    """A year, quarter, month or day: when a measurement was taken.

    Periods are ordered by their last day (a measurement is placed in time at the end of its
    period); of two periods ending the same day, the shorter one is the later.

    Examples
    --------
    >>> sg.Period.parse("2. kvartal 2013")
    Period('2013Q2')
    >>> p = sg.Period.parse("17-05-2013")
    >>> p.kind, p.start, p.end
    ('day', datetime.date(2013, 5, 17), datetime.date(2013, 5, 17))
    >>> sg.Period.parse(2013) < sg.Period.parse("2014Q1")
    True
    """

    __slots__ = ("_hash", "end", "kind", "start")

    kind: PeriodKind
    start: dt.date
    end: dt.date

    def __init__(self, kind: PeriodKind, start: dt.date, end: dt.date) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self._hash = hash((kind, start))

    @classmethod
    def parse(cls, value: object) -> Period:
        """Return the period ``value`` names, or raise ``ValueError`` saying what is valid.

        Examples
        --------
        >>> [str(sg.Period.parse(v)) for v in (2013, "2013K4", "Q1 2014", "2014-5", "1.2.2015")]
        ['2013', '2013Q4', '2014Q1', '2014-05', '2015-02-01']
        >>> [str(sg.Period.parse(v)) for v in ("2. kvt. 2015", "jun 2016", "Sep. 2016", "2016 maj")]
        ['2015Q2', '2016-06', '2016-09', '2016-05']
        >>> sg.Period.parse("2013Q5")
        Traceback (most recent call last):
        ...
        ValueError: '2013Q5' is not a period: a quarter is Q1 to Q4; write a year ...
        """
        if isinstance(value, Period):
            return value
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            msg = f"{value!r} is a yes/no value, not a period; {VALID}"
            raise ValueError(msg)
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0):
                msg = f"{value!r} has a time of day; a period is a day at the finest; {VALID}"
                raise ValueError(msg)
            return _day(value.year, value.month, value.day, value)
        if isinstance(value, dt.date):
            return _day(value.year, value.month, value.day, value)
        if isinstance(value, numbers.Integral):  # numpy's integers too
            return _parse_text(str(int(value)))
        if isinstance(value, float) and value.is_integer():
            return _parse_text(str(int(value)))
        if isinstance(value, str):
            return _parse_text(value)
        msg = f"{value!r} is not a period; {VALID}"
        raise ValueError(msg)

    def __str__(self) -> str:
        """Return the canonical text: ``2013``, ``2013Q2``, ``2013-05`` or ``2013-05-17``."""
        year = self.start.year
        if self.kind == "year":
            return f"{year:04d}"
        if self.kind == "quarter":
            return f"{year:04d}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    def __repr__(self) -> str:
        """Return ``Period('2013Q2')``."""
        return f"Period({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        """Return whether both name the same period."""
        if not isinstance(other, Period):
            return NotImplemented
        return self.kind == other.kind and self.start == other.start

    def __hash__(self) -> int:
        """Hash by kind and start, as equality compares."""
        return self._hash

    def __lt__(self, other: object) -> bool:
        """Order by last day, then by first day: the shorter of two ending together is later."""
        if not isinstance(other, Period):
            return NotImplemented
        return (self.end, self.start) < (other.end, other.start)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as its canonical text."""
        return (Period.parse, (str(self),))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Parse on input with :meth:`parse`; write the canonical text in JSON mode."""
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                str, when_used="json-unless-none"
            ),
        )

    @property
    def days(self) -> int:
        """The period's last day as a day number (``date.toordinal``), where progress places it."""
        return self.end.toordinal()


PeriodLike = Period | str | int | dt.date


def _day(year: int, month: int, day: int, written: object) -> Period:
    try:
        date = dt.date(year, month, day)
    except ValueError as err:
        msg = f"{written!r} is not a period: {err}; {VALID}"
        raise ValueError(msg) from None
    return Period("day", date, date)


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> Period:
    written = text
    text = " ".join(text.split())
    if (m := _YEAR.fullmatch(text)) is not None:
        year = int(m.group(1))
        return Period("year", dt.date(_year(year, written), 1, 1), dt.date(year, 12, 31))
    if (m := _QUARTER.fullmatch(text)) is not None:
        year_text, quarter_text = next(
            (y, q)
            for q, y in (
                (m.group(2), m.group(1)),
                (m.group(3), m.group(4)),
                (m.group(5), m.group(6)),
            )
            if q is not None
        )
        quarter, year = int(quarter_text), _year(int(year_text), written)
        if not 1 <= quarter <= 4:  # noqa: PLR2004 - a year has four quarters
            msg = f"{written!r} is not a period: a quarter is Q1 to Q4; {VALID}"
            raise ValueError(msg)
        first = 3 * quarter - 2
        last_day = calendar.monthrange(year, first + 2)[1]
        return Period("quarter", dt.date(year, first, 1), dt.date(year, first + 2, last_day))
    if (m := _MONTH.fullmatch(text)) is not None:
        year, month = _year(int(m.group(1)), written), int(m.group(2))
        if not 1 <= month <= 12:  # noqa: PLR2004 - a year has twelve months
            msg = f"{written!r} is not a period: a month is 01 to 12; {VALID}"
            raise ValueError(msg)
        last_day = calendar.monthrange(year, month)[1]
        return Period("month", dt.date(year, month, 1), dt.date(year, month, last_day))
    if (named := _named(text, written)) is not None:
        return named
    if (m := _MIDNIGHT.fullmatch(text)) is not None:
        text = m.group(1)
    if (m := _ISO_DAY.fullmatch(text)) is not None:
        return _day(_year(int(m.group(1)), written), int(m.group(2)), int(m.group(3)), written)
    if (m := _DANISH_DAY.fullmatch(text)) is not None:
        return _day(_year(int(m.group(3)), written), int(m.group(2)), int(m.group(1)), written)
    msg = f"{written!r} is not a period; {VALID}"
    raise ValueError(msg)


def _named(text: str, written: str) -> Period | None:
    """Return the month or day ``text`` names with a month name, or ``None`` if it names none."""
    if (m := _NAMED_MONTH.fullmatch(text)) is not None:
        name, year_text = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month = _MONTH_NAMES.get(name.casefold())
        if month is None:
            return None
        year = _year(int(year_text), written)
        last_day = calendar.monthrange(year, month)[1]
        return Period("month", dt.date(year, month, 1), dt.date(year, month, last_day))
    if (m := _NAMED_DAY.fullmatch(text)) is not None:
        month = _MONTH_NAMES.get(m.group(2).casefold())
        if month is None:
            return None
        return _day(_year(int(m.group(3)), written), month, int(m.group(1)), written)
    if text.casefold().rstrip(".") in _MONTH_NAMES:
        msg = f"{written!r} is not a period: a month needs its year ('maj 2016'); {VALID}"
        raise ValueError(msg)
    return None


def _year(year: int, written: str) -> int:
    if year < 1:
        msg = f"{written!r} is not a period: there is no year 0; {VALID}"
        raise ValueError(msg)
    return year
