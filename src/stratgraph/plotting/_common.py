"""Small helpers the plot functions share: empty maps, highlights, category colours."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
import pandas as pd

from stratgraph._options import invalid
from stratgraph.plotting.style import CM, HATCHES, INK, OKABE_ITO, STATUS_STYLES, tint

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from stratgraph.strategy_map import StrategyMap

__all__ = [
    "category_style",
    "chart_axes",
    "empty_axes",
    "highlighted_ids",
    "is_empty",
    "nothing_to_show",
    "status_style",
]

_NOTHING_CM = 3.0  # the height of a new figure that only says there is nothing to show


def is_empty(smap: StrategyMap, what: str, *, stacklevel: int = 3) -> bool:
    """Warn and return ``True`` when ``smap`` has no elements."""
    if len(smap):
        return False
    warnings.warn(
        f"the map {smap.name!r} has no elements, so {what} is empty",
        UserWarning,
        stacklevel=stacklevel,
    )
    return True


def chart_axes(height_cm: float) -> Axes:
    """Return the Axes of a new figure as wide as the rcParams say, laid out to fit its labels."""
    width = plt.rcParams["figure.figsize"][0]
    fig = plt.figure(figsize=(width, height_cm * CM), layout="constrained")
    return fig.add_subplot()


def empty_axes(ax: Axes | None) -> Axes:
    """Return ``ax`` (or a new Axes) with nothing on it and no frame."""
    if ax is None:
        ax = plt.figure().add_subplot()
    ax.set_axis_off()
    return ax


def nothing_to_show(ax: Axes | None, message: str, *, stacklevel: int = 3) -> Axes:
    """Warn ``message`` and return ``ax`` (or a new, low Axes) saying it, with nothing drawn.

    A figure whose data hold nothing to draw (a budget flow without budgets, a matrix without
    shared cells) says so in text of normal size instead of being drawn empty.
    """
    warnings.warn(message, UserWarning, stacklevel=stacklevel)
    if ax is None:
        width = plt.rcParams["figure.figsize"][0]
        ax = plt.figure(figsize=(width, _NOTHING_CM * CM)).add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=9, transform=ax.transAxes)
    return ax


def highlighted_ids(smap: StrategyMap, highlight: object) -> list[str]:
    """Return the ids named by ``highlight``: ``None``, an id, ids, or a frame indexed by id.

    Raises
    ------
    UnknownElementError
        If an id is not in the map (the message suggests the closest one).
    OptionError
        If ``highlight`` is none of those, or holds an id that is not text (bytes, a number).
    """
    if highlight is None:
        return []
    valid = (
        "an element id, a list of ids or a DataFrame indexed by id (such as "
        "sg.orphaned_goals(m)), or None"
    )
    if isinstance(highlight, pd.DataFrame | pd.Series):
        ids: Iterable[Any] = highlight.index
    elif isinstance(highlight, str):
        ids = [highlight]
    elif isinstance(highlight, Iterable) and not isinstance(highlight, bytes | bytearray):
        ids = highlight
    else:
        raise invalid("highlight", highlight, valid)
    found = []
    for eid in ids:
        if not isinstance(eid, str):  # bytes would give its byte values, 5 the id '5'
            raise invalid("highlight", highlight, valid + f"; it holds {eid!r}, not an id")
        smap[eid]  # raises UnknownElementError with a did-you-mean hint
        found.append(eid)
    return list(dict.fromkeys(found))


def category_style(position: int, lightness: float = 0.6) -> tuple[str, str, str]:
    """Fill, hatch and hatch colour of the ``position``-th category (owner, agenda tag ...).

    ``lightness`` is the share of white in the fill.
    """
    colour = OKABE_ITO[position % len(OKABE_ITO)]
    hatch = HATCHES[position % len(HATCHES)]
    return tint(colour, lightness), hatch, tint(colour, 0.15)


def status_style(status: str) -> tuple[str, str, str]:
    """Fill, hatch and hatch colour of a progress status (``on_track``, ``no_data`` ...).

    The fill is a light tint of the status's colour, so that black text stays legible on it;
    the hatch is drawn in the colour itself (grey on the white of ``no_data``).
    """
    colour, hatch = STATUS_STYLES[status]
    if status == "no_data":
        return "white", hatch, "#8c8c8c"
    return tint(colour, 0.5), hatch, tint(colour, 0.0) if hatch else INK
