"""The budget as a flow from the strategies through the goals to the agreements: a Sankey chart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from stratgraph._language import million_unit, millions, plural
from stratgraph._options import Language, check_map, invalid
from stratgraph._premises import budget_levels, has_flow_elements, why_no_money
from stratgraph.analysis import budget_rollup
from stratgraph.model import LinkKind
from stratgraph.plotting._common import category_style, empty_axes, is_empty, nothing_to_show
from stratgraph.plotting._draw import axes_size_cm, new_axes
from stratgraph.plotting._text import MIN_SIZE, line_height, text_width, truncate
from stratgraph.plotting.layout import layout_map
from stratgraph.plotting.style import INK, PT_PER_CM, TENSION_COLOUR, resolve_lang, word

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes

    from stratgraph.strategy_map import StrategyMap

__all__ = ["plot_budget"]

_NODE_WIDTH = 0.035  # of the distance between two columns
_GAP_CM = 0.22
_LABEL_SIZE = MIN_SIZE
_LINE_CM = 0.32  # the height of a label line
_MAX_HEIGHT_CM = 23.0
_TITLE_CM = 0.7  # above the Axes of a new figure, for the title
_EMPTY_CM = 0.06  # the height of an element without money


def plot_budget(
    smap: StrategyMap,
    /,
    *,
    levels: Sequence[str] | None = None,
    lang: Language | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw how the budget flows from the strategies through the goals to the agreements.

    Each element of the chosen levels is a bar as tall as its rolled-up budget
    (:func:`budget_rollup` with ``split=True``: own money plus the shares of everything below);
    a band joins a parent to a child, as wide as the child's share that goes to that parent. So
    the bands show which strategy's goals the agreements' money serves. Elements without money
    are marked with a vermillion line and "no money behind"; elements are ordered as in the
    layered map, to keep bands from crossing. Bands are coloured by the strategy they come from.
    Labels are 6 pt; a bar whose slot is too low for a label at that size is drawn without one,
    and a line under the figure counts them.

    Parameters
    ----------
    smap
        The map.
    levels
        The levels to draw as columns, top first; default: the level just above the goal level,
        the goal level and the level just below it.
    lang
        ``"en"`` or ``"da"``; ``None`` uses the language of :func:`memo_style`, else English.
    ax
        The Axes to draw on; ``None`` makes a new figure 16 cm wide and as tall as the columns
        need.
    **kwargs
        Passed to :class:`matplotlib.patches.PathPatch` for every band, e.g. ``alpha``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; every bar is a rectangle with the gid ``node-<id>``, every band a
        path patch with the gid ``band-<parent>-<child>``.

    Raises
    ------
    OptionError
        If a level in ``levels`` is not in the schema, fewer than two levels are chosen, or
        ``lang`` is not valid.

    Warns
    -----
    UserWarning
        If the map has no elements, no money to show (the schema says ``money: false`` or
        no element has a budget) or no element at the chosen levels (a view of other levels):
        the Axes then says so ("Nothing to show: ...") and holds no bars.

    See Also
    --------
    budget_rollup : the amounts as a table.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> ax = sg.plot_budget(m)
    >>> bands = [p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("band-")]
    >>> "band-S1-G1" in bands and "band-G1-A1" in bands
    True
    """
    check_map(smap)
    language = resolve_lang(lang)
    schema = smap.schema
    if levels is None:
        chosen = budget_levels(schema)
    else:
        # A single name (a str is a sequence of letters) or one unknown name: none is chosen.
        named = (
            not isinstance(levels, str)
            and isinstance(levels, Iterable)
            and all(isinstance(n, str) for n in levels)
        )
        found = [schema.resolve_type(n) for n in levels] if named else []
        chosen = [name for name in found if name is not None] if None not in found else []
    if len(chosen) < 2:  # noqa: PLR2004 - a flow needs two ends
        valid = (
            "a list of two levels or more (to draw a flow between), top first, of the map's "
            f"schema: {', '.join(schema.level_names)}"
        )
        raise invalid("levels", levels, valid)
    if is_empty(smap, "the budget flow"):
        return empty_axes(ax)
    no_money = why_no_money(smap)
    if no_money is not None:
        return nothing_to_show(ax, word(no_money.replace("_", " "), language))
    if not has_flow_elements(smap, chosen):
        names = ", ".join(schema.level(name).label(language).lower() for name in chosen)
        return nothing_to_show(ax, word("no flow elements", language, levels=names))
    money = budget_rollup(smap)["rolled_budget"]
    layered = layout_map(smap)
    position = {eid: i for i, eid in enumerate(smap.ids)}
    column_of = {name: c for c, name in enumerate(chosen)}
    columns: list[list[str]] = [[] for _ in chosen]
    for element in sorted(smap, key=lambda e: layered.x[position[e.id]]):
        if element.type in column_of:
            columns[column_of[element.type]].append(element.id)
    flows: list[tuple[str, str, float]] = []
    for link in smap.links:
        if link.kind is not LinkKind.HIERARCHY:
            continue
        a, b = column_of.get(smap[link.source].type), column_of.get(smap[link.target].type)
        if a is not None and b is not None and a < b:
            share = float(money[link.target]) / len(smap.parents(link.target))
            flows.append((link.source, link.target, share))
    # Every element gets a slot at least one label line tall; the money scale is the largest
    # that lets the fullest column fit the height. Crowded columns get smaller labels.
    tallest = max(len(column) for column in columns)
    if ax is None:
        figure_cm = min(_MAX_HEIGHT_CM, max(10.0, 3.5 + 0.55 * tallest))
        ax = new_axes(figure_cm)
        ax.set_position((0.0, 0.0, 1.0, (figure_cm - _TITLE_CM) / figure_cm))
    width_cm, height_cm = axes_size_cm(ax)
    usable = height_cm - 1.1
    room = usable / max(1, tallest)
    scale = _Scale(
        line=min(_LINE_CM, 0.6 * room),
        gap=min(_GAP_CM, 0.25 * room),
        per_cm=1.0,
    )
    scale.per_cm = _money_scale(columns, money, usable, scale)
    spans: dict[str, tuple[float, float, int]] = {}  # id -> top, bottom, column
    for c, column in enumerate(columns):
        slots = [scale.slot(float(money[e])) for e in column]
        top = usable - (usable - sum(slots) - scale.gap * (len(column) - 1)) / 2
        for eid, slot in zip(column, slots, strict=True):
            size = max(min(_EMPTY_CM, scale.line), float(money[eid]) / scale.per_cm)
            middle = top - slot / 2
            spans[eid] = (middle + size / 2, middle - size / 2, c)
            top -= slot + scale.gap
    # Room for the labels left of the first column and right of the others, in centimetres.
    outer = min(4.0, 0.25 * width_cm)
    per_column = max(0.5, width_cm - 2 * outer) / (len(chosen) - 1)
    left = -outer / per_column
    ax.set_xlim(left, len(chosen) - 1 + outer / per_column)
    ax.set_ylim(-0.5, height_cm - 0.5)
    ax.set_axis_off()
    colours = _colours(smap, columns, flows)
    _draw_bands(ax, spans, flows, per_cm=scale.per_cm, colours=colours, kwargs=kwargs)
    unlabelled = _draw_nodes(
        ax,
        smap,
        spans,
        money=money,
        colours=colours,
        lang=language,
        size=_LABEL_SIZE,
        room=(outer * PT_PER_CM - 4, min(outer, 0.9 * per_column) * PT_PER_CM - 4),
    )
    first = schema.level(chosen[0]).label(language).lower()
    between = ", ".join(schema.level(name).label(language).lower() for name in chosen[1:-1])
    last = schema.level(chosen[-1]).label(language).lower()
    ax.set_title(
        word("budget flow", language, top=first, middle=between or "–", bottom=last),
        loc="left",
        pad=4,
    )
    unit = million_unit(smap.currency, language)
    for c, name in enumerate(chosen):
        ax.text(
            c,
            usable + 0.3,
            f"{schema.level(name).label(language)} ({unit})",
            ha="center",
            va="bottom",
            fontsize=7.5,
            fontweight="bold",
            color=INK,
        )
    # The total under the first column, and apart what lies under none of it, so that the
    # figure and the summary's total budget (every budget of the map) add up.
    under = sum(float(money[e]) for e in columns[0])
    outside = float(budget_rollup(smap)["budget"].sum()) - under
    top_level = schema.level(chosen[0])
    top_label = top_level.label(language).lower()
    bare = language == "da" and top_level.label_da == top_level.name
    total = word(
        "total_under",
        language,
        tops=plural(top_label, language, inflect=not bare),
        amount=millions(under, smap.currency, language),
    )
    if outside >= 0.05e6:  # noqa: PLR2004 - what shows as 0,1 mio. or more
        amount = millions(outside, smap.currency, language)
        total += " " + word("outside_money", language, amount=amount, top=top_label)
    ax.text(
        left + 0.05,
        -0.45,
        total + (f"\n{word('unlabelled', language, n=unlabelled)}" if unlabelled else ""),
        ha="left",
        va="bottom",
        fontsize=7,
        color=INK,
    )
    return ax


@dataclass(slots=True)
class _Scale:
    line: float  # cm: the least height of an element's slot, one label line
    gap: float  # cm between two slots
    per_cm: float  # money per cm

    def slot(self, amount: float) -> float:
        return max(max(amount, 0.0) / self.per_cm, self.line)


def _money_scale(columns: list[list[str]], money: Any, usable: float, scale: _Scale) -> float:
    """Money per centimetre such that every column's slots and gaps fit ``usable`` cm."""
    amounts = [[max(float(money[e]), 0.0) for e in column] for column in columns]
    largest = max((sum(a) for a in amounts), default=0.0)
    if largest <= 0:
        return 1.0

    def fits(per_cm: float) -> bool:
        return all(
            sum(max(v / per_cm, scale.line) for v in a) + scale.gap * (len(a) - 1) <= usable
            for a in amounts
        )

    low, high = largest / max(usable, 0.1), largest / 0.001
    if fits(low):
        return low
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (low, middle) if fits(middle) else (middle, high)
    return high


def _colours(
    smap: StrategyMap, columns: list[list[str]], flows: list[tuple[str, str, float]]
) -> dict[str, tuple[str, str, str]]:
    """Each element's colour: the first column's own, passed down to the children they fund.

    A child takes the colour of the parent that gives it most; a nested element with no parent
    in an earlier column takes its nesting parent's.
    """
    colours = {eid: category_style(i, 0.35) for i, eid in enumerate(columns[0])}
    for column in columns[1:]:
        for eid in column:
            sources = sorted(
                (-share, source)
                for source, target, share in flows
                if target == eid and source in colours
            )
            if not sources:
                sources = [(0.0, p) for p in smap.parents(eid) if p in colours]
            colours[eid] = colours[sources[0][1]] if sources else ("#dddddd", "", INK)
    return colours


def _draw_bands(
    ax: Axes,
    spans: dict[str, tuple[float, float, int]],
    flows: list[tuple[str, str, float]],
    *,
    per_cm: float,
    colours: dict[str, tuple[str, str, str]],
    kwargs: dict[str, Any],
) -> None:
    out_next: dict[str, float] = {eid: span[0] for eid, span in spans.items()}
    in_next: dict[str, float] = {eid: span[0] for eid, span in spans.items()}
    # Leave each bar in the order of the targets, arrive in the order of the sources.
    ordered = sorted(flows, key=lambda f: (-spans[f[0]][0], -spans[f[1]][0]))
    starts: dict[tuple[str, str], float] = {}
    for source, target, _ in ordered:
        starts[(source, target)] = out_next[source]
        out_next[source] -= _band(flows, source, target) / per_cm
    ends: dict[tuple[str, str], float] = {}
    for source, target, _ in sorted(flows, key=lambda f: (-spans[f[1]][0], -spans[f[0]][0])):
        ends[(source, target)] = in_next[target]
        in_next[target] -= _band(flows, source, target) / per_cm
    for source, target, share in flows:
        if share <= 0:
            continue
        thick = share / per_cm
        x0 = spans[source][2] + _NODE_WIDTH / 2
        x1 = spans[target][2] - _NODE_WIDTH / 2
        y0, y1 = starts[(source, target)], ends[(source, target)]
        bend = (x1 - x0) / 2
        path = Path(
            [
                (x0, y0),
                (x0 + bend, y0),
                (x1 - bend, y1),
                (x1, y1),
                (x1, y1 - thick),
                (x1 - bend, y1 - thick),
                (x0 + bend, y0 - thick),
                (x0, y0 - thick),
                (x0, y0),
            ],
            [
                Path.MOVETO,
                Path.CURVE4,
                Path.CURVE4,
                Path.CURVE4,
                Path.LINETO,
                Path.CURVE4,
                Path.CURVE4,
                Path.CURVE4,
                Path.CLOSEPOLY,
            ],
        )
        style: dict[str, Any] = {
            "facecolor": colours[source][0],
            "edgecolor": "white",
            "linewidth": 0.3,
            "alpha": 0.8,
            "zorder": 2,
        }
        if spans[target][2] - spans[source][2] > 1:  # skips a column: fainter
            style["alpha"] = 0.4
        style.update(kwargs)
        band = PathPatch(path, **style)
        band.set_gid(f"band-{source}-{target}")
        ax.add_artist(band)


def _band(flows: list[tuple[str, str, float]], source: str, target: str) -> float:
    return next(share for s, t, share in flows if s == source and t == target)


def _draw_nodes(
    ax: Axes,
    smap: StrategyMap,
    spans: dict[str, tuple[float, float, int]],
    *,
    money: Any,
    colours: dict[str, tuple[str, str, str]],
    lang: Language,
    size: float,
    room: tuple[float, float],
) -> int:
    """Draw the bars and their labels; ``room`` is the labels' width outside and inside, in pt.

    Return the number of bars left without a label, their slot being lower than a line of text
    at ``size``.
    """
    unlabelled = 0
    line_cm = line_height(size) / PT_PER_CM
    last = max(span[2] for span in spans.values())
    by_column: dict[int, list[str]] = {}
    for eid, span in spans.items():
        by_column.setdefault(span[2], []).append(eid)
    for c, ids in by_column.items():
        ids.sort(key=lambda e: -spans[e][0])
        last_label = float("inf")  # where the label above sits, from the top down
        for eid in ids:
            y = (spans[eid][0] + spans[eid][1]) / 2
            top, bottom, _ = spans[eid]
            amount = float(money[eid])
            empty = amount <= 0
            rect = Rectangle(
                (c - _NODE_WIDTH / 2, bottom),
                _NODE_WIDTH,
                top - bottom,
                facecolor=TENSION_COLOUR if empty else colours[eid][0],
                edgecolor=TENSION_COLOUR if empty else INK,
                linewidth=0.5,
                zorder=4,
            )
            rect.set_gid(f"node-{eid}")
            ax.add_artist(rect)
            if last_label - y < line_cm:  # no room for a label at a legible size
                unlabelled += 1
                continue
            last_label = y
            value = (
                word("no money", lang)
                if empty
                else millions(amount, smap.currency, lang, unit=False)
            )
            width = (room[1] if 0 < c < last else room[0]) - text_width(f"{eid}    {value}", size)
            title = truncate(" ".join(smap[eid].title.split()), width, size)
            text = f"{eid}  {title}  {value}"
            if c == 0:
                x, ha = c - _NODE_WIDTH, "right"
            else:
                x, ha = c + _NODE_WIDTH, "left"
            ax.text(
                x,
                y,
                text,
                ha=ha,
                va="center",
                fontsize=size,
                color=TENSION_COLOUR if empty else INK,
                zorder=6,
                bbox={
                    "boxstyle": "square,pad=0.05",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.7,
                }
                if 0 < c < last
                else None,
            )
    return unlabelled
