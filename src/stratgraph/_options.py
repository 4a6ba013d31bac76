"""The one way a keyword option is checked: a bad value raises :class:`OptionError` naming it.

Every public function checks its options with these, so a wrong ``by=`` or ``limit=`` reads the
same everywhere: ``<option>=<value> is not valid; give <what would be valid>``. The audit's own
configuration raises the subclass :class:`ConfigError` through ``error=``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from stratgraph.exceptions import OptionError, shorten

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "BundledFormat",
    "BundledMap",
    "ColorBy",
    "ExploreColorBy",
    "Language",
    "Per",
    "check_choice",
    "check_fraction",
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
ColorBy = Literal["level", "owner", "agenda"]
#: What :func:`~stratgraph.explore` colours the boxes by at first.
ExploreColorBy = Literal["level", "owner", "agenda", "status"]
#: The bundled maps of :mod:`stratgraph.datasets`.
BundledMap = Literal["eksempel-2012", "eksempel-2013"]
#: The formats a bundled map's file comes in.
BundledFormat = Literal["yaml", "xlsx"]


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
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        valid = f"a whole number of {least} or more" + (f", or None ({none})" if none else "")
        raise invalid(option, value, valid, error=error)
    return value


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
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or math.isnan(value)
        or not 0 < value <= 1
    ):
        raise invalid(option, value, "a number above 0 and at most 1", error=error)
    return float(value)
