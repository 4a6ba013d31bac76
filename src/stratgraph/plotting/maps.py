"""The strategy map as a figure: :func:`plot_map`, and :func:`plot_chain` for one element's chains.

Both draw the layered layout of :mod:`stratgraph.plotting.layout`, one row per level.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import itertools
from typing import TYPE_CHECKING, Any

from matplotlib.artist import ArtistInspector
from matplotlib.patches import FancyBboxPatch

from stratgraph._language import text
from stratgraph._options import (
    ColorBy,
    Language,
    check_bool,
    check_choice,
    check_map,
    choices,
    invalid,
)
from stratgraph.analysis import line_of_sight, progress_rollup
from stratgraph.model import LinkKind
from stratgraph.plotting._common import (
    category_style,
    empty_axes,
    highlighted_ids,
    is_empty,
    status_style,
)
from stratgraph.plotting._draw import (
    Box,
    Link,
    draw_layered,
    legend_badge,
    legend_box,
    legend_line,
)
from stratgraph.plotting.layout import Layered, layout_graph, layout_map
from stratgraph.plotting.style import (
    INK,
    LEVEL_FILLS,
    STATUSES,
    SUPPORT_COLOUR,
    TENSION_COLOUR,
    resolve_lang,
    word,
)
from stratgraph.views import warn_focus_left_out

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable, Mapping

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

    from stratgraph.period import Period
    from stratgraph.strategy_map import StrategyMap

__all__ = ["plot_chain", "plot_map"]

_COLOR_BY: tuple[ColorBy, ...] = choices(ColorBy)
_FINDING_WIDTH = 2.2


def plot_map(
    smap: StrategyMap,
    /,
    *,
    levels: str | Iterable[str] | None = None,
    focus: str | None = None,
    color_by: ColorBy = "level",
    at: Period | str | int | dt.date | None = None,
    highlight: object = None,
    lang: Language | None = None,
    wrap: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the strategy map: one row per level, top level at the top, few crossing links.

    Every element is a box with its id and its title, wrapped (or cut short with "…") to fit the
    box; boxes are coloured by level, owner, agenda or progress status, with hatches as well as
    colours so that owners, agendas and statuses stay apart in black and white. Hierarchy links
    are solid lines, nested elements (sub-goals, sub-projects) sit right of their parent with a
    bracket below;
    ``supports`` links are dotted arrows and tensions dashed vermillion arcs marked ⚡, so that
    neither can be taken for the chain. Findings are drawn with a thick outline and a "!" badge.
    The level names stand on the left, a legend below.

    Parameters
    ----------
    smap
        The map.
    levels
        Draw only these levels (names or aliases): the view ``smap.subset(levels=levels)``.
    focus
        Draw only this element and its chains up and down: the view ``smap.focus(focus)``; the
        element gets a thick outline and a ★ badge. With ``levels`` too, both apply; levels
        that leave out the element's own level draw its chains without it, with a warning.
    color_by
        ``"level"``, ``"owner"``, ``"agenda"`` (an element with several agenda tags gets a
        stripe for each) or ``"status"``: each element's rolled-up status of
        :func:`progress_rollup` (on track, at risk, off track, no data, or followed up in
        dialogue), worked out on the whole map before ``levels`` and ``focus`` pick a view. The
        statuses are coloured from Okabe and Ito's colour-blind-safe palette (bluish green, orange,
        vermillion, white, sky blue) and hatched (none, ``////``, ``xxxx``, ``....``, ``oo``),
        so that they read in greyscale print too.
    at
        With ``color_by="status"``: the period the status is taken at, as for
        :func:`progress_rollup` (``None``: the latest period measured). Only for that colouring.
    highlight
        Elements to mark as findings: an id, a list of ids, or a DataFrame indexed by id such as
        ``sg.orphaned_goals(m)``; those outside ``levels`` or ``focus`` are not drawn.
    lang
        ``"en"`` or ``"da"`` for the level names and the legend; ``None`` uses the language of
        :func:`memo_style`, else English.
    wrap
        Wrap titles over several lines (``True``) or cut them to one line (``False``).
    ax
        The Axes to draw on; ``None`` makes a new figure 16 cm wide (the width of
        ``rcParams["figure.figsize"]``) and as tall as the map needs.
    **kwargs
        Passed to :class:`matplotlib.patches.FancyBboxPatch` for every box, e.g.
        ``linewidth`` or ``alpha``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Each box is a patch with the gid ``box-<id>``.

    Raises
    ------
    OptionError
        If ``color_by`` or ``lang`` is not one of the valid values, ``levels`` names a level
        the schema does not have, ``at`` is not a period or is given without
        ``color_by="status"``.
    UnknownElementError
        If ``highlight`` or ``focus`` names an element that is not in the map.
    TypeError
        If a keyword argument is neither an option of this function nor a property of
        :class:`~matplotlib.patches.FancyBboxPatch`.

    Warns
    -----
    UserWarning
        If the map (or the view ``levels`` and ``focus`` ask for) has no elements (the Axes is
        returned empty).
    StratgraphWarning
        If ``levels`` leave out the level of the element in ``focus``.

    See Also
    --------
    layered_layout : the positions of the boxes.
    memo_style : colours, fonts and sizes for print.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> ax = sg.plot_map(m, highlight=sg.orphaned_goals(m), lang="da")
    >>> [t.get_text() for t in ax.texts][:3]
    ['Vision', 'Politik', 'Strategi']
    >>> ax.get_legend().get_texts()[-1].get_text()
    'Fund (!)'

    Only the goals and agreements of one strategy's branch:

    >>> ax = sg.plot_map(m, focus="S2", levels=["strategi", "effektmål", "aftale"])
    >>> sorted(p.get_gid()[4:] for p in ax.patches if (p.get_gid() or "").startswith("box-"))
    ['A8', 'G5', 'G7', 'G8', 'S2']

    Coloured by progress: an indicator measured on its straight path is on track.

    >>> m = sg.StrategyMap(
    ...     [{"id": "G1", "type": "effect_goal", "title": "Færre anbringelser",
    ...       "indicators": [{"name": "Anbragte", "baseline": 118, "target": 100,
    ...                       "baseline_period": 2012, "target_period": 2016,
    ...                       "higher_is_better": False}]}],
    ...     [],
    ...     [{"element": "G1", "indicator": "Anbragte", "period": 2014, "value": 109}],
    ... )
    >>> ax = sg.plot_map(m, color_by="status", lang="da")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Kæde (over → under)', 'På sporet']
    """
    check_map(smap)
    _check_box_options("plot_map", kwargs)
    color_by = check_choice("color_by", color_by, _COLOR_BY)
    language = resolve_lang(lang)
    found = set(highlighted_ids(smap, highlight))
    statuses: dict[str, str] = {}
    if color_by == "status":
        # On the whole map: a view would cut goals off from the measures below them.
        statuses = _statuses(smap, at)
    elif at is not None:
        raise invalid("at", at, 'None, unless color_by="status" (the period of the statuses)')
    if focus is not None:
        smap = smap.focus(focus)
    if levels is not None:
        whole, smap = smap, smap.subset(levels=levels)
        if focus is not None and focus not in smap and len(smap):
            warn_focus_left_out(whole, focus, levels, option="levels", stacklevel=2)
    if is_empty(smap, "the map plot"):
        return empty_axes(ax)
    layered = layout_map(smap)
    boxes, legend = _boxes(smap, color_by, language, statuses)
    for i, element in enumerate(smap):
        if element.id in found:
            _mark_finding(boxes[i])
        if element.id == focus:
            _mark_focus(boxes[i])
    position = {eid: i for i, eid in enumerate(smap.ids)}
    links = [
        Link(position[link.source], position[link.target], link.kind.value, link.note)
        for link in smap.links
        if link.kind is not LinkKind.HIERARCHY
    ]
    legend = [*_link_legend(smap, language), *legend]
    if found & set(smap.ids):
        legend.append(_finding_legend(language))
    if focus in smap:
        legend.append(legend_badge(word("focus", language), "★"))
    ax, _ = draw_layered(
        ax,
        layered,
        boxes,
        row_labels=_row_labels(smap, layered, language),
        links=links,
        legend=legend,
        wrap_titles=check_bool("wrap", wrap),
        untitled_note=word("untitled", language, n="{n}"),
        box_kwargs=kwargs,
    )
    return ax


def plot_chain(
    smap: StrategyMap,
    element_id: str,
    /,
    *,
    lang: Language | None = None,
    wrap: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the lines of sight through one element: every chain from the top down through it.

    The elements of :func:`line_of_sight` are drawn as in :func:`plot_map`, coloured by level,
    the element in focus with a thick outline and a ★ badge. A chain that starts below the top
    level or ends at or above the goal level has lost its line of sight there: that end gets a
    vermillion ✕ badge.

    Parameters
    ----------
    smap
        The map.
    element_id
        The element to look through.
    lang
        ``"en"`` or ``"da"``; ``None`` uses the language of :func:`memo_style`, else English.
    wrap
        Wrap titles over several lines (``True``) or cut them to one line (``False``).
    ax
        The Axes to draw on; ``None`` makes a new figure.
    **kwargs
        Passed to :class:`matplotlib.patches.FancyBboxPatch` for every box.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    UnknownElementError
        If ``element_id`` is not in the map.
    OptionError
        If ``lang`` is not ``"en"``, ``"da"`` or ``None``.

    Warns
    -----
    UserWarning
        If the map has no elements.

    See Also
    --------
    line_of_sight : the chains as a table.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> ax = sg.plot_chain(m, "G3.1")
    >>> ax.get_title(loc="left")
    'Lines of sight through G3.1'
    >>> sorted(p.get_gid()[4:] for p in ax.patches if (p.get_gid() or "").startswith("box-"))
    ['A1', 'G3', 'G3.1', 'P1', 'P2', 'P6', 'POL1', 'S1', 'V1']
    """
    check_map(smap)
    _check_box_options("plot_chain", kwargs)
    language = resolve_lang(lang)
    if is_empty(smap, "the chain plot"):
        return empty_axes(ax)
    sight = line_of_sight(smap, element_id)
    ids = [eid for eid in smap.ids if eid in set(sight.index)]
    position = {eid: i for i, eid in enumerate(ids)}
    edges: list[tuple[int, int]] = []
    lost: set[str] = set()
    goal_rank = smap.schema.goal_rank
    ranks = {name: r for r, name in enumerate(smap.schema.level_names)}
    for _, chain in sight.groupby("chain", sort=False):
        members = chain.index.tolist()
        edges += [(position[a], position[b]) for a, b in itertools.pairwise(members)]
        if ranks[smap[members[0]].type] > 0:
            lost.add(members[0])
        if ranks[smap[members[-1]].type] <= goal_rank:
            lost.add(members[-1])
    layered = layout_graph([ranks[smap[eid].type] for eid in ids], list(dict.fromkeys(edges)))
    boxes = [
        Box(eid, smap[eid].title, (LEVEL_FILLS[ranks[smap[eid].type] % len(LEVEL_FILLS)],))
        for eid in ids
    ]
    for box in boxes:
        if box.id in lost:
            box.badges.append(("✕", TENSION_COLOUR))
        if box.id == element_id:
            _mark_focus(box)
    legend: list[Artist] = [
        legend_line(word("hierarchy", language), color=INK, linewidth=0.9),
        legend_badge(word("focus", language), "★"),
    ]
    if lost:
        legend.append(legend_badge(_lost_label(language), "✕", TENSION_COLOUR))
    ax, _ = draw_layered(
        ax,
        layered,
        boxes,
        row_labels=_row_labels(smap, layered, language),
        legend=legend,
        wrap_titles=check_bool("wrap", wrap),
        untitled_note=word("untitled", language, n="{n}"),
        box_kwargs=kwargs,
    )
    ax.set_title(word("lines of sight", language, id=element_id), loc="left")
    return ax


def _lost_label(lang: Language) -> str:
    return word("lost", lang)


def _row_labels(smap: StrategyMap, layered: Layered, lang: Language) -> list[str]:
    return [smap.schema.levels[level].label(lang) for level in layered.levels]


def _mark_focus(box: Box) -> None:
    box.linewidth = _FINDING_WIDTH + 0.4
    box.badges.insert(0, ("★", INK))


def _check_box_options(function: str, options: Mapping[str, object]) -> None:
    """Raise naming an option that neither ``function`` nor a box patch takes.

    Without this, a slip such as ``levle=`` reaches matplotlib, whose message names
    ``FancyBboxPatch.set()`` and not the call the user wrote.
    """
    unknown = [name for name in options if name not in _box_properties()]
    if not unknown:
        return
    own = [
        name
        for name in inspect.signature(_FUNCTIONS[function]).parameters
        if name not in ("smap", "element_id", "kwargs")
    ]
    name = unknown[0]
    close = difflib.get_close_matches(name, [*own, *_box_properties()], n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    msg = (
        f"{function}() got an unexpected keyword argument {name!r}{hint}; it takes "
        f"{', '.join(own)}, and properties of matplotlib's FancyBboxPatch such as linewidth "
        "or alpha for every box"
    )
    raise TypeError(msg)


@functools.cache
def _box_properties() -> frozenset[str]:
    """Return the keyword arguments a box patch takes: properties, their aliases, options."""
    inspector = ArtistInspector(FancyBboxPatch)
    aliases = {alias for names in inspector.aliasd.values() for alias in names}
    options = set(inspect.signature(FancyBboxPatch).parameters) - {
        "xy",
        "width",
        "height",
        "kwargs",
    }
    return frozenset({*inspector.get_setters(), *aliases, *options})


def _mark_finding(box: Box) -> None:
    box.linewidth = _FINDING_WIDTH
    box.edgecolor = INK
    box.badges.append(("!", INK))


def _finding_legend(lang: Language) -> Artist:
    return legend_box(
        word("finding", lang) + " (!)", facecolor="white", edgecolor=INK, linewidth=_FINDING_WIDTH
    )


def _link_legend(smap: StrategyMap, lang: Language) -> list[Artist]:
    entries: list[Artist] = [legend_line(word("hierarchy", lang), color=INK, linewidth=0.9)]
    if smap.number_of_links(LinkKind.SUPPORTS):
        entries.append(
            legend_line(
                word("supports", lang),
                color=SUPPORT_COLOUR,
                linewidth=1.0,
                linestyle=(0, (1, 1.5)),
                marker=">",
                markevery=[-1],
                markersize=4,
            )
        )
    if smap.number_of_links(LinkKind.TENSION):
        entries.append(
            legend_line(
                word("tension", lang), color=TENSION_COLOUR, linewidth=1.3, linestyle=(0, (4, 2))
            )
        )
    return entries


def _statuses(smap: StrategyMap, at: object) -> dict[str, str]:
    """Return each element's rolled-up progress status at ``at``, by id."""
    rolled = progress_rollup(smap, at=at)  # type: ignore[arg-type] # progress_rollup checks it
    return dict(zip(rolled["element"], rolled["status"], strict=True))


def _boxes(
    smap: StrategyMap, color_by: ColorBy, lang: Language, statuses: Mapping[str, str]
) -> tuple[list[Box], list[Artist]]:
    """One box per element, coloured by ``color_by``, and the legend entries of the colours."""
    ranks = {name: r for r, name in enumerate(smap.schema.level_names)}
    if color_by == "status":
        boxes = []
        for e in smap:
            fill, hatch, hatch_colour = status_style(statuses[e.id])
            boxes.append(Box(e.id, e.title, (fill,), (hatch,), (hatch_colour,)))
        shown = {statuses[e.id] for e in smap}
        legend = [
            _category_legend(text("status." + status, lang), status_style(status))
            for status in STATUSES
            if status in shown
        ]
        return boxes, legend
    if color_by == "level":
        boxes = [Box(e.id, e.title, (LEVEL_FILLS[ranks[e.type] % len(LEVEL_FILLS)],)) for e in smap]
        return boxes, []
    if color_by == "owner":
        owners = list(dict.fromkeys(e.owner for e in smap if e.owner))
        styles = {owner: category_style(i) for i, owner in enumerate(owners)}
        boxes = []
        for e in smap:
            fill, hatch, hatch_colour = styles.get(e.owner or "", ("white", "", INK))
            boxes.append(Box(e.id, e.title, (fill,), (hatch,), (hatch_colour,)))
        legend = [_category_legend(owner, styles[owner]) for owner in owners]
        if any(not e.owner for e in smap):
            legend.append(legend_box(word("no owner", lang), facecolor="white", edgecolor=INK))
        return boxes, legend
    tags = list(dict.fromkeys(tag for e in smap for tag in e.agenda))
    styles = {tag: category_style(i) for i, tag in enumerate(tags)}
    boxes = []
    for e in smap:
        if e.agenda:
            chosen = [styles[tag] for tag in e.agenda]
            boxes.append(
                Box(
                    e.id,
                    e.title,
                    tuple(s[0] for s in chosen),
                    tuple(s[1] for s in chosen),
                    tuple(s[2] for s in chosen),
                )
            )
        else:
            boxes.append(Box(e.id, e.title, ("white",)))
    legend = [_category_legend(tag, styles[tag]) for tag in tags]
    if any(not e.agenda for e in smap):
        legend.append(legend_box(word("no agenda", lang), facecolor="white", edgecolor=INK))
    return boxes, legend


def _category_legend(label: str, style: tuple[str, str, str]) -> Artist:
    fill, hatch, hatch_colour = style
    patch = legend_box(label, facecolor=fill, edgecolor=INK, linewidth=0.6, hatch=hatch or None)
    patch.set_hatchcolor(hatch_colour)
    return patch


#: The plot functions whose extra keyword arguments go to every box, by name.
_FUNCTIONS: dict[str, Callable[..., Axes]] = {"plot_map": plot_map, "plot_chain": plot_chain}
