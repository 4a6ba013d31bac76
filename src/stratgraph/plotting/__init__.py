"""Figures for notebooks and council memos: the layered strategy map and its companions.

:mod:`~stratgraph.plotting.layout` needs no matplotlib and loads at once; the plot functions and
:func:`memo_style` load matplotlib on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from stratgraph.plotting.layout import count_crossings, layered_layout

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from stratgraph.plotting.atlas import plot_atlas, plot_continuity
    from stratgraph.plotting.budget import plot_budget
    from stratgraph.plotting.charts import plot_cross_cutting, plot_overload
    from stratgraph.plotting.diff import plot_diff
    from stratgraph.plotting.maps import plot_chain, plot_map
    from stratgraph.plotting.progress import plot_progress
    from stratgraph.plotting.style import memo_style

__all__ = [
    "count_crossings",
    "layered_layout",
    "memo_style",
    "plot_atlas",
    "plot_budget",
    "plot_chain",
    "plot_continuity",
    "plot_cross_cutting",
    "plot_diff",
    "plot_map",
    "plot_overload",
    "plot_progress",
]

#: The names that need matplotlib, and the module each lives in.
LAZY: dict[str, str] = {
    "memo_style": "stratgraph.plotting.style",
    "plot_atlas": "stratgraph.plotting.atlas",
    "plot_budget": "stratgraph.plotting.budget",
    "plot_chain": "stratgraph.plotting.maps",
    "plot_continuity": "stratgraph.plotting.atlas",
    "plot_cross_cutting": "stratgraph.plotting.charts",
    "plot_diff": "stratgraph.plotting.diff",
    "plot_map": "stratgraph.plotting.maps",
    "plot_overload": "stratgraph.plotting.charts",
    "plot_progress": "stratgraph.plotting.progress",
}


def figure_of(ax: Axes) -> Figure:
    """Return the figure an Axes is drawn in (the top one, for an Axes in a subfigure).

    Here rather than beside the drawing code so that the report and the command line can save
    a figure without importing matplotlib before they draw.
    """
    return ax.get_figure(root=True)  # type: ignore[return-value] # always set once drawn on


def __getattr__(name: str) -> Any:
    module = LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *LAZY})
