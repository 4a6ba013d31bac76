"""The one way a keyword option is checked: a bad value raises :class:`OptionError` naming it.

Every public function checks its options with these, so a wrong ``by=`` or ``limit=`` reads the
same everywhere: ``<option>=<value> is not valid; give <what would be valid>``. The audit's own
configuration raises the subclass :class:`ConfigError` through ``error=``.
"""

from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args, overload

import numpy as np

from stratgraph.exceptions import OptionError, shorten

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "BundledFormat",
    "BundledMap",
    "ColorBy",
    "Decimal",
    "ExploreColorBy",
    "Format",
    "Language",
    "NearDuplicateSearch",
    "Per",
    "ReadFormat",
    "ReadSep",
    "Sep",
    "Severity",
    "check_bool",
    "check_choice",
    "check_fraction",
    "check_map",
    "check_number",
    "check_text",
    "check_whole",
    "choices",
    "invalid",
]

T = TypeVar("T")

# The options that take one of a fixed set of values, named once: the signatures use them, and
# the checks take their valid values from them (``choices(Language)``), so the two cannot drift.

#: The language of labels, figures and reports: English or Danish.
Language = Literal["en", "da"]
#: What :func:`~stratgraph.goal_overload` counts goals per: each element, or each owner.
Per = Literal["element", "owner"]
#: What :func:`~stratgraph.plot_map` colours the boxes by.
ColorBy = Literal["level", "owner", "agenda", "status"]
#: What :func:`~stratgraph.explore` colours the boxes by at first.
ExploreColorBy = Literal["level", "owner", "agenda", "status"]
#: The bundled maps of :mod:`stratgraph.datasets`.
BundledMap = Literal["eksempel-2012", "eksempel-2013"]
#: The formats a bundled map's file comes in.
BundledFormat = Literal["yaml", "xlsx"]
#: The formats :func:`~stratgraph.read` reads (its ``format=``).
ReadFormat = Literal["yaml", "json", "csv", "excel", "graphml", "archimate"]
#: The formats :func:`~stratgraph.io.write` writes (its ``format=``): those read, and diagrams.
Format = Literal["yaml", "json", "csv", "excel", "graphml", "archimate", "mermaid", "dot"]
#: The delimiters a CSV file is written with: comma, semicolon (Danish Excel) or tab.
Sep = Literal[",", ";", "\t"]
#: The delimiters a CSV file is read with; ``None`` detects it from the header line.
ReadSep = Literal[",", ";", "\t", "|"]
#: The decimal marks of numbers in a table.
Decimal = Literal[",", "."]
#: A finding's severity, most serious first.
Severity = Literal["error", "warning", "info"]
#: How :func:`~stratgraph.near_duplicates` finds its candidate pairs.
NearDuplicateSearch = Literal["auto", "exact", "words"]


def choices(alias: object) -> tuple[Any, ...]:
    """Return the values of a ``Literal`` alias, in the order it names them.

    Annotate the result with the alias (``tuple[Language, ...]``), so that :func:`check_choice`
    returns the alias's type.

    Examples
    --------
    >>> choices(Language)
    ('en', 'da')
    """
    return tuple(get_args(alias))


def invalid(
    option: str, value: object, valid: str, *, error: type[OptionError] = OptionError
) -> OptionError:
    """Return the error for ``option=value``: what was given and what would be valid."""
    return error(f"{option}={shorten(repr(value))} is not valid; give {valid}")


def check_choice(
    option: str,
    value: object,
    choices: Iterable[T],
    *,
    error: type[OptionError] = OptionError,
) -> T:
    """Return ``value`` if it is one of ``choices``, else raise naming the valid ones.

    Examples
    --------
    >>> check_choice("lang", "da", ("en", "da"))
    'da'
    >>> check_choice("lang", "de", ("en", "da"))
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.OptionError: lang='de' is not valid; give one of 'en', 'da'
    """
    options = tuple(choices)
    for choice in options:
        if type(value) is type(choice) and value == choice:
            return choice
    raise invalid(option, value, "one of " + ", ".join(map(repr, options)), error=error)


@overload
def check_whole(
    option: str,
    value: object,
    *,
    least: int = 0,
    none: None = None,
    error: type[OptionError] = OptionError,
) -> int: ...
@overload
def check_whole(
    option: str,
    value: object,
    *,
    least: int = 0,
    none: str,
    error: type[OptionError] = OptionError,
) -> int | None: ...
def check_whole(
    option: str,
    value: object,
    *,
    least: int = 0,
    none: str | None = None,
    error: type[OptionError] = OptionError,
) -> int | None:
    """Return ``value`` if it is a whole number of ``least`` or more (``None`` if ``none`` says).

    ``none`` is what ``None`` means for this option; without it ``None`` is not valid.

    Examples
    --------
    >>> check_whole("limit", 3)
    3
    >>> check_whole("limit", None, none="every count")
    >>> check_whole("limit", 2.5, none="every count")
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.OptionError: limit=2.5 is not valid; give a whole number of 0 or more, or None (every count)
    """  # noqa: E501 - a doctest line is as long as the message
    if value is None and none is not None:
        return None
    # numbers.Integral takes numpy's whole numbers (np.int64(3)) too; bool is an int in Python
    # but True is a yes/no answer, never a count
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        whole = None
    else:
        whole = int(value)
    if whole is None or whole < least:
        valid = f"a whole number of {least} or more" + (f", or None ({none})" if none else "")
        raise invalid(option, value, valid, error=error)
    return whole


def check_fraction(option: str, value: object, *, error: type[OptionError] = OptionError) -> float:
    """Return ``value`` as a float if it is a number above 0 and at most 1.

    Examples
    --------
    >>> check_fraction("threshold", 0.85)
    0.85
    >>> check_fraction("threshold", 0)
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.OptionError: threshold=0 is not valid; give a number above 0 and at most 1
    """
    number = _real(value)
    if number is None or not 0 < number <= 1:
        raise invalid(option, value, "a number above 0 and at most 1", error=error)
    return number


@overload
def check_number(
    option: str,
    value: object,
    *,
    least: float | None = None,
    none: None = None,
    error: type[OptionError] = OptionError,
) -> float: ...
@overload
def check_number(
    option: str,
    value: object,
    *,
    least: float | None = None,
    none: str,
    error: type[OptionError] = OptionError,
) -> float | None: ...
def check_number(
    option: str,
    value: object,
    *,
    least: float | None = None,
    none: str | None = None,
    error: type[OptionError] = OptionError,
) -> float | None:
    """Return ``value`` as a float if it is a finite number (of ``least`` or more, if given).

    ``none`` is what ``None`` means for this option; without it ``None`` is not valid. Numpy's
    numbers are numbers; ``True``, text and NaN are not.

    Examples
    --------
    >>> check_number("budget", 2.5)
    2.5
    >>> check_number("budget", True)
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.OptionError: budget=True is not valid; give a number
    """
    if value is None and none is not None:
        return None
    number = _real(value)
    if number is None or math.isinf(number) or (least is not None and number < least):
        valid = "a number" + (f" of {least:g} or more" if least is not None else "")
        raise invalid(option, value, valid + (f", or None ({none})" if none else ""), error=error)
    return number


def check_bool(option: str, value: object, *, error: type[OptionError] = OptionError) -> bool:
    """Return ``value`` if it is ``True`` or ``False``; a yes/no option takes nothing else.

    Text such as ``"no"`` is refused rather than read by its truth (``bool("no")`` is true, so
    ``overwrite="no"`` would replace the user's files).

    Examples
    --------
    >>> check_bool("overwrite", False)
    False
    >>> check_bool("overwrite", "no")
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.OptionError: overwrite='no' is not valid; give True or False
    """
    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise invalid(option, value, "True or False", error=error)


@overload
def check_text(
    option: str,
    value: object,
    *,
    what: str = "a text",
    none: None = None,
    error: type[OptionError] = OptionError,
) -> str: ...
@overload
def check_text(
    option: str,
    value: object,
    *,
    what: str = "a text",
    none: str,
    error: type[OptionError] = OptionError,
) -> str | None: ...
def check_text(
    option: str,
    value: object,
    *,
    what: str = "a text",
    none: str | None = None,
    error: type[OptionError] = OptionError,
) -> str | None:
    """Return ``value`` if it is a text that is not empty or only spaces.

    ``what`` says what the text should be; ``none`` is what ``None`` means for this option.

    Examples
    --------
    >>> check_text("name", "Plan 2030")
    'Plan 2030'
    >>> check_text("name", " ", what="a name for the map")
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.OptionError: name=' ' is not valid; give a name for the map
    """
    if value is None and none is not None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise invalid(option, value, what + (f", or None ({none})" if none else ""), error=error)
    return value


def check_map(value: object, *, option: str | None = None) -> None:
    """Raise ``TypeError`` unless ``value`` is a :class:`~stratgraph.StrategyMap`.

    The analyses, plots, audit and writers take a map read already; a file name or a graph
    given instead is named with the way to read it. The map class marks itself with
    ``_is_strategy_map`` (this module sits below it, so it cannot import the class).

    Examples
    --------
    >>> check_map("x.yaml")
    Traceback (most recent call last):
    ...
    TypeError: expected a StrategyMap, got str ('x.yaml'); read a file with sg.read(...)
    """
    if getattr(type(value), "_is_strategy_map", False) is True:
        return
    where = f"{option}: " if option else ""
    msg = (
        f"{where}expected a StrategyMap, got {type(value).__name__} ({shorten(repr(value))}); "
        "read a file with sg.read(...)"
    )
    raise TypeError(msg)


def _real(value: object) -> float | None:
    """Return ``value`` as a float if it is a real number that is not NaN, else ``None``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return None if math.isnan(number) else number
