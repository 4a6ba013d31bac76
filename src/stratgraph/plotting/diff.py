"""Two versions of a map in one figure: what was added, removed, moved, retitled or retyped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stratgraph._options import check_bool, check_map
from stratgraph.analysis import diff
from stratgraph.model import LinkKind
from stratgraph.plotting._common import empty_axes, is_empty
from stratgraph.plotting._draw import Box, Link, draw_layered, legend_badge, legend_line
from stratgraph.plotting.layout import layout_graph
from stratgraph.plotting.style import (
    INK,
    LEVEL_FILLS,
    OKABE_ITO,
    TENSION_COLOUR,
    resolve_lang,
    tint,
    word,
)

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

    from stratgraph._options import Language
    from stratgraph.strategy_map import StrategyMap

__all__ = ["plot_diff"]

# The mark and colour of each change; the marks tell them apart in black and white.
_MARKS: dict[str, tuple[str, str]] = {
    "added": ("+", OKABE_ITO[2]),
    "removed": ("−", TENSION_COLOUR),
    "retyped": ("↕", OKABE_ITO[6]),
    "retitled": ("✎", OKABE_ITO[0]),
    "moved": ("↷", OKABE_ITO[4]),
}
_REMOVED_GREY = "#8a8a8a"


def plot_diff(
    old: StrategyMap,
    new: StrategyMap,
    /,
    *,
    lang: Language | None = None,
    wrap: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the changes from one version of a map to the next, in one layered map of both.

    Every element of either version is drawn once, where the layout of both versions together
    puts it; each change found by :func:`diff` gets a badge and a colour: added (+, green),
    removed (−, grey box with a dashed outline), retyped (↕), retitled (✎) and moved (↷, its new
    parents drawn solid, the links it lost dashed grey). Unchanged elements keep their level's
    colour. The legend counts each change.

    Parameters
    ----------
    old, new
        The two versions, e.g. last year's map and this year's.
    lang
        ``"en"`` or ``"da"``; ``None`` uses the language of :func:`memo_style`, else English.
    wrap
        Wrap titles over several lines (``True``) or cut them to one line (``False``).
    ax
        The Axes to draw on; ``None`` makes a new figure 16 cm wide.
    **kwargs
        Passed to :class:`matplotlib.patches.FancyBboxPatch` for every box.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; each box has the gid ``box-<id>``.

    Raises
    ------
    SchemaError
        If the two maps have different levels or goal levels (as in :func:`diff`).
    OptionError
        If ``lang`` is not ``"en"``, ``"da"`` or ``None``.

    Warns
    -----
    UserWarning
        If both maps are empty.

    See Also
    --------
    diff : the changes as a table.

    Examples
    --------
    >>> old, new = sg.datasets.load("eksempel-2012"), sg.datasets.load("eksempel-2013")
    >>> ax = sg.plot_diff(old, new, lang="da")
    >>> ax.get_title(loc="left")
    'Ændringer fra 2012 til 2013'
    >>> "box-G6" in {p.get_gid() for p in ax.patches}  # a removed goal is still drawn
    True
    """
    check_map(old, option="old")
    check_map(new, option="new")
    language = resolve_lang(lang)
    changes = diff(old, new)
    if not len(old) and is_empty(new, "the diff plot"):
        return empty_axes(ax)
    elements = [*new, *(e for e in old if e.id not in new)]
    position = {e.id: i for i, e in enumerate(elements)}
    ranks = {name: r for r, name in enumerate(new.schema.level_names)}
    new_links = {
        (link.source, link.target) for link in new.links if link.kind is LinkKind.HIERARCHY
    }
    old_links = {
        (link.source, link.target) for link in old.links if link.kind is LinkKind.HIERARCHY
    }
    edges = [(position[a], position[b]) for a, b in new_links | old_links]
    edges.sort()
    layered = layout_graph([ranks[e.type] for e in elements], edges)
    status = {eid: str(changes.at[eid, "change"]) for eid in changes.index}
    boxes = []
    for element in elements:
        change = status.get(element.id)
        box = Box(element.id, element.title, (LEVEL_FILLS[ranks[element.type] % len(LEVEL_FILLS)],))
        if change == "added":
            box.fill = (tint(OKABE_ITO[2], 0.45),)
            box.linewidth = 1.4
        elif change == "removed":
            box.fill = ("white",)
            box.edgecolor = box.text_colour = _REMOVED_GREY
            box.linestyle = "--"
        if change is not None:
            box.badges.append(_MARKS[change])
        boxes.append(box)
    links = [
        Link(position[link.source], position[link.target], link.kind.value, link.note)
        for link in new.links
        if link.kind is not LinkKind.HIERARCHY
    ]
    counts = changes["change"].value_counts()
    legend: list[Artist] = [
        legend_line(word("hierarchy", language), color=INK, linewidth=0.9),
        legend_line(
            f"{word('hierarchy', language)}, {_only_before(language, old)}",
            color=_REMOVED_GREY,
            linewidth=0.9,
            linestyle="--",
        ),
    ]
    legend += [
        legend_badge(f"{word(change, language)} ({int(counts[change])})", mark, colour)
        for change, (mark, colour) in _MARKS.items()
        if change in counts
    ]
    ax, _ = draw_layered(
        ax,
        layered,
        boxes,
        row_labels=[new.schema.levels[level].label(language) for level in layered.levels],
        links=links,
        faint_routes=frozenset((position[a], position[b]) for a, b in old_links - new_links),
        legend=legend,
        wrap_titles=check_bool("wrap", wrap),
        box_kwargs=kwargs,
    )
    ax.set_title(word("diff title", language, old=_version(old), new=_version(new)), loc="left")
    return ax


def _version(smap: StrategyMap) -> str:
    return str(smap.year) if smap.year is not None else smap.name


def _only_before(lang: Language, old: StrategyMap) -> str:
    return word("only before", lang, version=_version(old))
