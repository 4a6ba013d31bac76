"""Charts of the analyses: goal overload as bars, the cross-cutting matrix as a heatmap."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from stratgraph._language import plural as plural_of
from stratgraph._language import text
from stratgraph._options import Language, Per, check_map, check_whole
from stratgraph.analysis import cross_cutting_matrix, goal_overload
from stratgraph.analysis.overload import per_option
from stratgraph.plotting._common import chart_axes, empty_axes, is_empty, nothing_to_show
from stratgraph.plotting._text import MIN_SIZE, text_width, truncate
from stratgraph.plotting.style import INK, OKABE_ITO, TENSION_COLOUR, resolve_lang, tint, word

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from stratgraph.strategy_map import StrategyMap

__all__ = ["plot_cross_cutting", "plot_overload"]

_LABEL_PT = 175.0  # tick labels are cut to this width, in points
_BAR_CM = 0.45  # height of a bar's row in a new figure
_LIGHT = 0.5  # cells lighter than this (relative luminance) get black text


def plot_overload(
    smap: StrategyMap,
    /,
    *,
    per: Per = "element",
    limit: int = 5,
    top: int | None = 15,
    lang: Language | None = None,
    by: Per | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the number of goals each element (or owner) carries, as horizontal bars.

    The counts are :func:`goal_overload`'s (with ``limit=None``), largest at the top. Bars over
    ``limit`` are vermillion and hatched, so that they stand out in black and white too; a dashed
    line marks the limit.

    Parameters
    ----------
    smap
        The map.
    per
        ``"element"`` or ``"owner"``, as in :func:`goal_overload`.
    limit
        The most goals an element (or owner) should carry.
    top
        Show only the ``top`` largest counts (``None``: all).
    lang
        ``"en"`` or ``"da"``; ``None`` uses the language of :func:`memo_style`, else English.
    ax
        The Axes to draw on; ``None`` makes a new figure sized for the bars.
    by
        The old name of ``per``; it still works in this release, with a ``FutureWarning``.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; its containers hold the bars.

    Raises
    ------
    OptionError
        If ``per``, ``limit``, ``top`` or ``lang`` is not valid.

    Warns
    -----
    UserWarning
        If the map has no elements.
    FutureWarning
        If ``by`` is given: it is renamed ``per``.

    See Also
    --------
    goal_overload : the counts as a table.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> ax = sg.plot_overload(m, top=3)
    >>> [round(bar.get_width()) for bar in ax.containers[0]]
    [9, 8, 5]
    """
    per = per_option("plot_overload", per, by, stacklevel=2)
    language = resolve_lang(lang)
    top = check_whole("top", top, least=1, none="every count")
    limit = check_whole("limit", limit)
    counts = goal_overload(smap, limit=None, per=per)
    if is_empty(smap, "the overload chart"):
        return empty_axes(ax)
    if top is not None:
        counts = counts.head(top)
    if ax is None:
        ax = chart_axes(max(5.0, 2.6 + _BAR_CM * len(counts)))
    labels = [_label(smap, key, per) for key in counts.index]
    values = counts["n_goals"].to_numpy()
    over = values > limit
    goals = smap.schema.level(smap.schema.goal_level)
    colours = [TENSION_COLOUR if o else tint(OKABE_ITO[4], 0.35) for o in over]
    style: dict[str, Any] = {"color": colours, "edgecolor": INK, "linewidth": 0.6, "height": 0.7}
    style.update(kwargs)
    bars = ax.barh(np.arange(len(values)), values, **style)
    for bar, is_over in zip(bars, over, strict=True):
        if is_over and "hatch" not in kwargs:
            bar.set_hatch("////")
            bar.set_hatchcolor("white")
    for y, value in enumerate(values):
        ax.annotate(
            str(int(value)),
            (value, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            color=INK,
        )
    ax.axvline(limit, color=INK, linestyle="--", linewidth=0.9, zorder=3)
    ax.set_yticks(np.arange(len(values)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, max(float(values.max()) if len(values) else 0.0, limit) * 1.12 + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    label = goals.label(language).lower()
    plural = plural_of(label, language, inflect=not (language == "da" and label == goals.name))
    ax.set_xlabel(word("count of", language, what=plural))
    ax.set_title(
        word(
            "per owner" if per == "owner" else "per element", language, goals=goals.label(language)
        ),
        loc="left",
    )
    ax.legend(
        handles=[
            Patch(
                facecolor=TENSION_COLOUR,
                edgecolor=INK,
                hatch="////",
                label=word("over limit", language),
            ),
            Patch(
                facecolor=tint(OKABE_ITO[4], 0.35),
                edgecolor=INK,
                label=word("within limit", language),
            ),
            _limit_handle(word("limit", language, limit=limit)),
        ],
        loc="lower right",
        fontsize=7,
        frameon=False,
    )
    return ax


def _limit_handle(label: str) -> Any:
    return Line2D([], [], color=INK, linestyle="--", linewidth=0.9, label=label)


def _label(smap: StrategyMap, key: object, per: Per) -> str:
    if per == "owner":
        return truncate(str(key), _LABEL_PT, 7)
    element = smap[str(key)]
    return truncate(f"{element.id}  {' '.join(element.title.split())}", _LABEL_PT, 7)


def plot_cross_cutting(
    smap: StrategyMap,
    /,
    *,
    by: str | None = None,
    lang: Language | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the cross-cutting matrix as a heatmap: how many elements each pair of groups shares.

    The cells are :func:`cross_cutting_matrix`'s, with their counts written in; the diagonal
    (the elements under one group) is written in bold on white and outlined, and only the shared
    counts are coloured: white for none, darker blue for more, which reads the same in black and
    white and with any colour vision. Groups that share no element with another are left out,
    so the matrix shows only the groups that cut across; cells too small for a count at 6 pt
    are coloured without it (the colour bar gives the scale).

    Parameters
    ----------
    smap
        The map.
    by
        A level (default: the level just above the goal level) or ``"agenda"``.
    lang
        ``"en"`` or ``"da"``; ``None`` uses the language of :func:`memo_style`, else English.
    ax
        The Axes to draw on; ``None`` makes a new square figure.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow` (which draws the shared counts, the
        diagonal masked), e.g. ``cmap``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; ``ax.images[0]`` holds the matrix.

    Raises
    ------
    OptionError
        If ``by`` is neither a level nor ``"agenda"``, or ``lang`` is not valid.

    Warns
    -----
    UserWarning
        If the map has no elements, or no two groups share an element: the Axes then says
        so ("Nothing to show: ...") and holds no image.

    See Also
    --------
    cross_cutting_matrix : the matrix as a table.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> ax = sg.plot_cross_cutting(m)
    >>> ax.images[0].get_array().shape
    (8, 8)
    """
    check_map(smap)
    language = resolve_lang(lang)
    matrix = cross_cutting_matrix(smap, by=by)  # checks `by`
    if is_empty(smap, "the cross-cutting heatmap"):
        return empty_axes(ax)
    # The groups that share an element with another: a column with a cell off the diagonal.
    # Read from the sparse columns' cells, never from the whole matrix (see cross_cutting_matrix).
    keep = np.array(
        [bool((_nonzero_rows(column) != k).any()) for k, (_, column) in enumerate(matrix.items())],
        dtype=bool,
    )
    if not keep.any():
        return nothing_to_show(ax, word("no shared", language))
    matrix = matrix.iloc[np.flatnonzero(keep), np.flatnonzero(keep)]
    n = len(matrix)
    if ax is None:
        ax = chart_axes(min(16.0, max(8.0, 4.5 + 0.7 * n)))
    values = matrix.to_numpy()
    # The diagonal (elements under one group) would swamp the colour scale: colour the shared
    # counts only, and write the diagonal in bold on white.
    shared = values.astype(float)
    np.fill_diagonal(shared, np.nan)
    high = np.nanmax(shared) if n > 1 else 1.0
    style: dict[str, Any] = {"cmap": "Blues", "vmin": 0, "vmax": max(1.0, high), "aspect": "equal"}
    style.update(kwargs)
    image = ax.imshow(np.ma.masked_invalid(shared), **style)
    norm = image.norm
    cmap = image.get_cmap()
    size = 7.0 if n <= 12 else MIN_SIZE  # noqa: PLR2004
    figure = ax.get_figure(root=True)
    assert figure is not None  # noqa: S101 - drawn on a figure
    box = ax.get_position()
    fig_w, fig_h = figure.get_size_inches()
    cell_pt = min(box.width * fig_w, box.height * fig_h) * 72 / n
    widest = max(text_width(str(v), size, bold=True) for v in values.ravel())
    counts = cell_pt >= max(widest, 1.2 * size) + 1
    for i in range(n):
        for j in range(n):
            if not counts:
                break
            if i == j:
                ax.text(
                    j,
                    i,
                    str(values[i, j]),
                    ha="center",
                    va="center",
                    fontsize=size,
                    fontweight="bold",
                    color=INK,
                )
                continue
            if values[i, j] == 0:
                continue
            r, g, b, _ = cmap(norm(values[i, j]))
            light = 0.2126 * r + 0.7152 * g + 0.0722 * b
            ax.text(
                j,
                i,
                str(values[i, j]),
                ha="center",
                va="center",
                fontsize=size,
                color="black" if light > _LIGHT else "white",
            )
    for i in range(n):
        ax.add_patch(_square(i, INK))
    names = [str(key) for key in matrix.index]
    is_level = matrix.index.name == "id"
    labels = [
        truncate(f"{key}  {' '.join(smap[key].title.split())}", 110, 7) if is_level else key
        for key in names
    ]
    ax.set_xticks(np.arange(n), names if is_level else labels, rotation=90)
    ax.set_yticks(np.arange(n), labels)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # "by strategy" in English; Danish distributes over the plural: "fordelt på strategier".
    if is_level:
        level = smap.schema.level(_by_level(smap, by))
        group = level.label(language).lower()
        if language == "da":
            group = plural_of(group, language, inflect=level.label_da != level.name)
    else:
        group = (
            text("fallback.agendas", language)
            if language == "da"
            else word("agenda", language).lower()
        )
    ax.set_title(word("cross cutting", language, by=group), loc="left")
    colourbar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.03)
    colourbar.set_label(word("shared", language), fontsize=7)
    colourbar.ax.tick_params(labelsize=6.5)
    return ax


def _nonzero_rows(column: pd.Series[Any]) -> np.ndarray[Any, Any]:
    """Return the rows where a column of the cross-cutting matrix is not 0.

    A big matrix is sparse: its cells that are not 0 are read from where it holds them.
    """
    if isinstance(column.dtype, pd.SparseDtype):
        return np.asarray(column.array.sp_index.indices)
    return np.flatnonzero(column.to_numpy())


def _by_level(smap: StrategyMap, by: str | None) -> str:
    if by is not None:
        return by
    return smap.schema.level_names[max(0, smap.schema.goal_rank - 1)]


def _square(i: int, colour: str) -> Any:
    return Rectangle((i - 0.5, i - 0.5), 1, 1, fill=False, edgecolor=colour, linewidth=1.0)
