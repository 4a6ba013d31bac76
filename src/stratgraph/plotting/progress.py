"""Progress as a figure: :func:`plot_progress`, small multiples of each indicator's measurements.

Each panel sets an indicator's measurements against its baseline, its target and the straight
path between them that :func:`~stratgraph.progress` expects.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from stratgraph._language import share, text
from stratgraph._options import Language, check_map, check_number, invalid
from stratgraph.analysis import progress
from stratgraph.analysis.progress import latest_period
from stratgraph.period import Period
from stratgraph.plotting import figure_of
from stratgraph.plotting._common import nothing_to_show, status_style
from stratgraph.plotting._text import wrap
from stratgraph.plotting.style import CM, INK, resolve_lang, tint, word

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from stratgraph.model import Indicator
    from stratgraph.strategy_map import StrategyMap

__all__ = ["plot_progress"]

#: The height of one row of panels, and of the legend below them.
_PANEL_CM = 5.0
_LEGEND_CM = 1.2
_TITLE_SIZE = 7.5
#: What an indicator without a row of ``progress`` (its element is followed up in dialogue) shows.
_NO_ROW = ("dialogue", math.nan, math.nan, 0)


@dataclass(frozen=True, slots=True)
class _Panel:
    element: str
    indicator: Indicator
    status: str
    progress: float
    expected: float
    #: (period, value) of the measurements at or before the period looked from, in time order.
    points: list[tuple[Period, float]]


def plot_progress(
    smap: StrategyMap,
    /,
    ids: str | Iterable[str] | None = None,
    *,
    at: Period | str | int | dt.date | None = None,
    lang: Language | None = None,
    ncols: int = 3,
    max_panels: int = 24,
) -> Figure:
    r"""Draw each indicator's measurements against its baseline, target and expected path.

    One panel per indicator (small multiples, ``ncols`` to a row): the measurements at or
    before ``at`` as points joined by a line, each at the end of its period; the baseline
    (square) and the target (star) at the ends of their periods; and the expected path of
    :func:`progress`, the straight line from the baseline to the target, dashed. The panel's
    title names the element and the indicator, and its status with the progress and the
    progress expected by then (the words in ``lang``); the y axis is the indicator's unit, the
    x axis the years.

    Parameters
    ----------
    smap
        The map.
    ids
        An element id or a list of ids: a panel for each of their indicators, in that order.
        ``None``: every indicator with a measurement at or before ``at``, in map order.
    at
        The period to look from, as for :func:`progress`; ``None``: the latest period measured.
    lang
        ``"en"`` or ``"da"``; ``None`` uses the language of :func:`memo_style`, else English.
    ncols
        The panels to a row.
    max_panels
        The most panels drawn; with more indicators the first ``max_panels`` are drawn and a
        warning says how many were left out (choose them with ``ids``).

    Returns
    -------
    matplotlib.figure.Figure
        The figure, 16 cm wide (the width of ``rcParams["figure.figsize"]``), each panel an
        Axes with the gid ``progress-<element>-<indicator>``, its lines with the gids
        ``measured``, ``baseline``, ``target`` and ``expected``.

    Raises
    ------
    UnknownElementError
        If ``ids`` names an element that is not in the map.
    OptionError
        If ``ids`` is not an id or ids, ``at`` not a period, ``lang`` not ``"en"`` or ``"da"``,
        or ``ncols`` or ``max_panels`` not a whole number of 1 or more.

    Warns
    -----
    UserWarning
        If there is no indicator to draw (the figure says so), or more than ``max_panels``.

    See Also
    --------
    progress : the numbers in the panel titles.
    plot_map : ``color_by="status"`` colours the map by the rolled-up status.

    Examples
    --------
    >>> m = sg.StrategyMap(
    ...     [{"id": "G1", "type": "effect_goal", "title": "Færre anbringelser",
    ...       "indicators": [{"name": "Anbragte", "unit": "antal", "baseline": 118,
    ...                       "target": 100, "baseline_period": 2012, "target_period": 2016,
    ...                       "higher_is_better": False}]}],
    ...     [],
    ...     [{"element": "G1", "indicator": "Anbragte", "period": p, "value": v}
    ...      for p, v in [(2013, 115), (2014, 109)]],
    ... )
    >>> fig = sg.plot_progress(m, lang="da")
    >>> ax, = fig.axes
    >>> ax.get_title(loc="left")
    'G1 · Anbragte\nPå sporet · fremdrift 50 %, forventet 50 %'
    >>> ax.get_ylabel()
    'antal'
    """
    check_map(smap)
    language = resolve_lang(lang)
    columns = _whole("ncols", ncols)
    most = _whole("max_panels", max_panels)
    chosen = _ids(smap, ids)
    frame = progress(smap, at=at)
    rows = {
        (element, indicator): (status, prog, expected, count)
        for element, indicator, status, prog, expected, count in zip(
            frame["element"],
            frame["indicator"],
            frame["status"],
            frame["progress"],
            frame["expected"],
            frame["measurements"],
            strict=True,
        )
    }
    drawn: list[tuple[str, Indicator]] = []
    for eid in chosen if chosen is not None else smap.ids:
        for indicator in smap[eid].indicators:
            # Unless asked for by id, only an indicator measured at or before ``at`` is drawn,
            # and none of an element followed up in dialogue: it is neither scored nor reported
            # as unmeasured (sg.progress leaves it out, so it has no row).
            if chosen is None and rows.get((eid, indicator.name), _NO_ROW)[3] == 0:
                continue
            drawn.append((eid, indicator))
    if not drawn:
        what = word("the map", language) if chosen is None else ", ".join(chosen) or "ids=[]"
        message = word("no measurements", language, what=what)
        return figure_of(nothing_to_show(None, message))
    # Named when others are drawn; with none, the figure itself says there is nothing.
    bare = [eid for eid in chosen or () if not smap[eid].indicators]
    if bare:
        many = len(bare) > 1
        warnings.warn(
            word(
                "no indicators",
                language,
                ids=", ".join(bare),
                have="have" if many else "has",
                them="them" if many else "it",
                them_da="dem" if many else "det",
            ),
            UserWarning,
            stacklevel=2,
        )
    if len(drawn) > most:
        warnings.warn(
            word("too many panels", language, n=len(drawn), most=most, left=len(drawn) - most),
            UserWarning,
            stacklevel=2,
        )
        drawn = drawn[:most]
    points = _points(smap, [(eid, indicator.name) for eid, indicator in drawn], at)
    panels = [
        _Panel(eid, ind, *rows.get((eid, ind.name), _NO_ROW)[:3], points[eid, ind.name])
        for eid, ind in drawn
    ]
    return _draw(panels, min(columns, len(panels)), language)


def _whole(name: str, value: object) -> int:
    number = check_number(name, value, least=1)
    if number != int(number) or isinstance(value, float):
        raise invalid(name, value, "a whole number of 1 or more, e.g. 3")
    return int(number)


def _ids(smap: StrategyMap, ids: object) -> list[str] | None:
    if ids is None:
        return None
    valid = "an element id, a list of ids, or None (every indicator with a measurement)"
    if isinstance(ids, str):
        chosen: Iterable[Any] = [ids]
    elif isinstance(ids, Iterable) and not isinstance(ids, bytes | bytearray):
        chosen = ids
    else:
        raise invalid("ids", ids, valid)
    found = []
    for eid in chosen:
        if not isinstance(eid, str):
            raise invalid("ids", ids, valid + f"; it holds {eid!r}, not an id")
        smap[eid]  # raises UnknownElementError with a did-you-mean hint
        found.append(eid)
    return list(dict.fromkeys(found))


def _points(
    smap: StrategyMap, pairs: list[tuple[str, str]], at: object
) -> dict[tuple[str, str], list[tuple[Period, float]]]:
    """Return the measurements at or before ``at`` of each (element, indicator), in time order.

    Only the indicators drawn are gathered: a figure shows a few of a map's many.
    """
    points: dict[tuple[str, str], list[tuple[Period, float]]] = {pair: [] for pair in pairs}
    # ``progress`` has checked ``at``; None looks from the latest period measured.
    latest = latest_period(smap) if at is None else Period.parse(at)
    if latest is not None:
        for measured in smap.measurements:
            series = points.get((measured.element, measured.indicator))
            if series is not None and measured.period <= latest:
                series.append((measured.period, measured.value))
    for series in points.values():
        series.sort(key=lambda point: point[0])
    return points


def _draw(panels: list[_Panel], columns: int, lang: Language) -> Figure:
    rows = math.ceil(len(panels) / columns)
    width = plt.rcParams["figure.figsize"][0]
    fig = plt.figure(figsize=(width, (rows * _PANEL_CM + _LEGEND_CM) * CM), layout="constrained")
    grid = fig.subplots(rows, columns, squeeze=False)
    room = width * 72 / columns - 12  # points across a panel's title
    for k, ax in enumerate(grid.flat):
        if k >= len(panels):
            ax.remove()
            continue
        _draw_panel(ax, panels[k], lang, room)
    handles = [
        Line2D([], [], color=INK, marker="o", markersize=3.5, linewidth=1.1),
        Line2D([], [], color=INK, marker="s", markersize=5, linestyle="none"),
        Line2D([], [], color=INK, marker="*", markersize=8, linestyle="none"),
        Line2D([], [], color="#777777", linestyle="--", linewidth=1.0),
    ]
    labels = [word(key, lang) for key in ("measured", "baseline", "target", "expected path")]
    fig.legend(handles, labels, loc="outside lower center", ncols=4, fontsize=7, frameon=False)
    return fig


def _draw_panel(ax: Axes, panel: _Panel, lang: Language, room: float) -> None:
    indicator = panel.indicator
    ax.set_gid(f"progress-{panel.element}-{indicator.name}")
    base, goal = indicator.baseline_period, indicator.target_period
    start, end = indicator.baseline, indicator.target
    if base is not None and goal is not None and start is not None and end is not None:
        ax.plot(
            [_x(base), _x(goal)],
            [start, end],
            color="#777777",
            linestyle="--",
            linewidth=1.0,
            gid="expected",
            zorder=1,
        )
    if base is not None and indicator.baseline is not None:
        ax.plot([_x(base)], [indicator.baseline], "s", color=INK, markersize=5, gid="baseline")
    if goal is not None and indicator.target is not None:
        ax.plot([_x(goal)], [indicator.target], "*", color=INK, markersize=8, gid="target")
    if panel.points:
        ax.plot(
            [_x(p) for p, _ in panel.points],
            [v for _, v in panel.points],
            color=INK,
            marker="o",
            markersize=3.5,
            linewidth=1.1,
            gid="measured",
            zorder=3,
        )
    # The panel's ground in a pale tint of its status's colour, so that the statuses of many
    # panels read at a glance; the title says the status in words for greyscale print.
    ax.set_facecolor(tint(status_style(panel.status)[0], 0.6))
    lines = wrap(f"{panel.element} · {indicator.name}", room, _TITLE_SIZE, bold=True)
    status = text("status." + panel.status, lang)
    if not (math.isnan(panel.progress) or math.isnan(panel.expected)):
        status = word(
            "progress of",
            lang,
            status=status,
            progress=share(panel.progress, lang),
            expected=share(panel.expected, lang),
        )
    lines += wrap(status, room, _TITLE_SIZE, bold=True)
    ax.set_title("\n".join(lines), loc="left", fontsize=_TITLE_SIZE)
    ax.set_ylabel(indicator.unit or "", fontsize=7)
    _year_ticks(ax, panel)
    ax.tick_params(labelsize=6.5)
    ax.margins(x=0.08, y=0.15)


def _year_ticks(ax: Axes, panel: _Panel) -> None:
    """Mark where each year begins and write its number under its middle (at most 6 numbers).

    A point stands at the end of its period, so a year's measurement stands at the right edge
    of its year and a quarter's inside it: a number under the tick of 1 January would read as
    the year a point at 31 December of the one before belongs to, and one under 31 December
    would put a point of June half a year early.
    """
    periods = [p for p, _ in panel.points]
    periods += [p for p in (panel.indicator.baseline_period, panel.indicator.target_period) if p]
    if not periods:
        return
    first = min(p.end.year for p in periods)
    last = max(p.end.year for p in periods)
    step = max(1, math.ceil((last - first + 1) / 6))
    years = list(range(last, first - 1, -step))[::-1]
    starts = sorted({y for year in years for y in (year, year + 1)} if step > 1 else set())
    starts = starts or list(range(first, last + 2))
    ax.set_xticks([_day(dt.date(year, 1, 1)) for year in starts], [""] * len(starts))
    ax.set_xticks(
        [_day(dt.date(year, 7, 2)) for year in years], [str(year) for year in years], minor=True
    )
    ax.tick_params(axis="x", which="minor", length=0)


def _day(day: dt.date) -> float:
    """Return the place of ``day`` on the time axis."""
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call] # untyped in the stubs


def _x(period: Period) -> float:
    """Return the place of a period on the time axis: its end, as :func:`progress` has it."""
    return float(
        mdates.date2num(  # type: ignore[no-untyped-call] # untyped in the stubs
            period.end
        )
    )
