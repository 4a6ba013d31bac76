"""The atlas as figures: organisations as swimlanes of the layered map, and goals over the years.

:func:`plot_atlas` draws one year of the governance chain, :func:`plot_continuity` the years.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.path import Path

from stratgraph._options import Language, check_bool
from stratgraph.atlas import Atlas, check_atlas, check_year, continuity
from stratgraph.model import LinkKind
from stratgraph.plotting import figure_of
from stratgraph.plotting._common import empty_axes
from stratgraph.plotting._draw import Link, axes_size_cm, draw_layered, legend_line
from stratgraph.plotting._text import truncate
from stratgraph.plotting._text import wrap as wrap_text
from stratgraph.plotting.layout import Layered, layout_graph
from stratgraph.plotting.maps import _boxes, _check_box_options, _link_legend
from stratgraph.plotting.style import (
    CM,
    INK,
    LEVEL_FILLS,
    LINESTYLES,
    MEMO_WIDTH,
    OKABE_ITO,
    resolve_lang,
    word,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from stratgraph.strategy_map import StrategyMap

__all__ = ["plot_atlas", "plot_continuity"]

#: An atlas view with more elements than this is drawn as the overview, as the report draws a
#: map of more than 400 elements by its branches: boxes of so many elements carry no titles.
OVERVIEW_ABOVE = 400
#: Nor is a view drawn whole whose widest level holds more elements than this: side by side on
#: the widest page (below) each box would be too narrow for its title even turned on its side.
WIDEST_ROW = 60
#: Colour of links between organisations: Okabe–Ito blue, apart from the chain's ink, the
#: supports' grey and the tensions' vermillion.
CROSS_COLOUR = "#0072B2"
_BAND_GAP = 1.0  # layout units between two organisations' bands
_UNIT_CM = 0.62  # the room an element gets across its row in a new figure, at the least
_WIDEST_CM = 27.0  # A4 landscape less margins: the widest a new figure gets
_HEADER_CM = 0.75  # room above the rows for the organisations' names
_NAME_SIZE = 8.0


def _chosen_year(atlas: Atlas, year: int | None) -> int | None:
    if year is None:
        return atlas.years[-1] if atlas.years else None
    return check_year(atlas, year, none="None for the latest")


def plot_atlas(
    atlas: Atlas,
    /,
    *,
    year: int | None = None,
    overview: bool | None = None,
    lang: Language | None = None,
    wrap: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the atlas of one year: the layered map with each organisation in a band of its own.

    Levels are rows as in :func:`plot_map`; the organisations are columns (swimlanes) in chain
    order (state, region, municipalities), each named at the top of its band, each laid out as
    its own map. Links within an organisation are drawn as :func:`plot_map` draws them; links
    between organisations (:attr:`Atlas.links`) run across the bands as blue arrows, solid for
    ``hierarchy``, dotted for ``supports``, dashed for ``tension``. A new figure is as wide as
    the widest level needs (at most 27 cm, A4 landscape), at least the memo width.

    An atlas of more than 400 elements in the year (or more than 60 in one level) is drawn as
    an overview instead: a table of boxes with the number of elements of each organisation and
    level, and the links between organisations as arrows between the bands labelled with their
    number, where the whole map would be boxes too small for their titles.

    Parameters
    ----------
    atlas
        The atlas.
    year
        The year to draw (each organisation's map of that year, else its map of no one year);
        ``None`` draws the latest year.
    overview
        ``True`` draws the overview, ``False`` the whole map however big; ``None`` (the
        default) chooses by size as above.
    lang
        ``"en"`` or ``"da"`` for the level names and the legend; ``None`` uses the language of
        :func:`memo_style`, else English.
    wrap
        Wrap titles over several lines (``True``) or cut them to one line (``False``).
    ax
        The Axes to draw on; ``None`` makes a new figure.
    **kwargs
        Passed to :class:`matplotlib.patches.FancyBboxPatch` for every box of the whole map.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Each box is a patch with the gid ``box-<organisation>:<id>``, each
        band a rectangle with the gid ``band-<organisation>`` and each link between
        organisations an arrow with the gid ``cross-<source>-><target>`` (namespaced ids; in
        the overview, organisation names, and each box ``cell-<organisation>-<level>``).

    Raises
    ------
    OptionError
        If ``year`` is not a year of the atlas, ``lang`` not ``"en"``, ``"da"`` or ``None``, or
        ``overview`` or ``wrap`` not true or false.
    ValidationError
        If the maps' schemas cannot be compared (see :meth:`Atlas.combined`).
    TypeError
        If ``atlas`` is not an :class:`Atlas`, or a keyword argument is not a box property.

    Warns
    -----
    UserWarning
        If the maps of the year have no elements (the Axes is returned empty).

    See Also
    --------
    plot_map : one map.
    plot_continuity : the number of goals over the years.

    Examples
    --------
    >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
    >>> ax = sg.plot_atlas(atlas, year=2024, lang="da")
    >>> [p.get_gid()[5:] for p in ax.patches if (p.get_gid() or "").startswith("band-")][:3]
    ['Staten', 'Region Vestdal', 'Fjordby Kommune']
    >>> sum((p.get_gid() or "").startswith("cross-") for p in ax.patches)
    18
    """
    check_atlas(atlas)
    _check_box_options("plot_map", kwargs)
    language = resolve_lang(lang)
    wrap = check_bool("wrap", wrap)
    if overview is not None:
        overview = check_bool("overview", overview)
    chosen = _chosen_year(atlas, year)
    smap = atlas.combined(chosen)
    orgs = [org for org, _ in atlas.keys_of(chosen)]
    if not len(smap):
        import warnings  # noqa: PLC0415

        warnings.warn(
            f"the maps of {chosen or 'the atlas'} have no elements, so the atlas plot is empty",
            UserWarning,
            stacklevel=2,
        )
        return empty_axes(ax)
    return draw_combined(
        smap, orgs, language, overview=overview, wrap=wrap, ax=ax, box_kwargs=kwargs
    )


def draw_combined(
    smap: StrategyMap,
    orgs: list[str],
    lang: Language,
    *,
    overview: bool | None,
    wrap: bool,
    ax: Axes | None,
    box_kwargs: dict[str, Any],
) -> Axes:
    """Draw a year's combined view of elements (options checked), as :func:`plot_atlas` does.

    The report has the view already: it draws it here rather than have it combined again.
    """
    of_org = [str(e.attrs["organisation"]) for e in smap]
    ranks = {name: r for r, name in enumerate(smap.schema.level_names)}
    per_level = Counter(e.type for e in smap)
    if overview is None:
        overview = len(smap) > OVERVIEW_ABOVE or max(per_level.values()) > WIDEST_ROW
    if overview:
        return _overview(smap, orgs, of_org, ranks, lang, ax=ax)
    return _whole(smap, orgs, of_org, ranks, lang, wrap=wrap, ax=ax, box_kwargs=box_kwargs)


# -- the whole map, in bands -------------------------------------------------------------------


def _swimlanes(
    smap: StrategyMap, orgs: list[str], of_org: list[str], ranks: dict[str, int]
) -> tuple[Layered, list[tuple[str, float, float]]]:
    """Lay out each organisation's elements as a map of its own, the maps side by side.

    Returns the layout of the whole and each band's organisation, left and right edge. Between
    two bands every row gets a virtual node at the edge, so that a box in a sparse row widens
    up to the edge of its band and never into the next one.
    """
    n = len(smap)
    position = {eid: i for i, eid in enumerate(smap.ids)}
    members: dict[str, list[int]] = {org: [] for org in orgs}
    for i, org in enumerate(of_org):
        members[org].append(i)
    edges: dict[str, list[tuple[int, int]]] = {org: [] for org in orgs}
    for link in smap.links:
        if link.kind is not LinkKind.HIERARCHY:
            continue
        a, b = position[link.source], position[link.target]
        if of_org[a] == of_org[b]:
            edges[of_org[a]].append((a, b))
    levels = sorted({ranks[e.type] for e in smap})
    row_of_level = {level: r for r, level in enumerate(levels)}
    row: list[int] = [0] * n
    x: list[float] = [0.0] * n
    depth: list[int] = [0] * n
    rows: list[list[int]] = [[] for _ in levels]
    routes: list[tuple[int, int, list[int]]] = []
    crossings = 0
    bands: list[tuple[str, float, float]] = []
    offset = 0.0
    for k, org in enumerate(orgs):
        if k:  # a fence between this band and the last, in every row
            fence = offset - _BAND_GAP / 2
            for r in range(len(levels)):
                row.append(r)
                x.append(fence)
                rows[r].append(len(row) - 1)
        ids = members[org]
        if not ids:
            bands.append((org, offset - _BAND_GAP / 2, offset + 0.5 + _BAND_GAP / 2))
            offset += 1.0 + _BAND_GAP
            continue
        local = {g: i for i, g in enumerate(ids)}
        part = layout_graph(
            [ranks[smap[smap.ids[g]].type] for g in ids],
            [(local[a], local[b]) for a, b in edges[org]],
        )
        shift = offset - min(part.x)
        node: list[int] = list(ids)
        for _ in range(part.n, len(part.row)):  # virtual nodes of long links
            node.append(len(row))
            row.append(0)
            x.append(0.0)
        for v, g in enumerate(node):
            row[g] = row_of_level[part.levels[part.row[v]]]
            x[g] = part.x[v] + shift
            if v < part.n:
                depth[g] = part.depth[v]
        for r, layer in enumerate(part.rows):
            rows[row_of_level[part.levels[r]]].extend(node[v] for v in layer)
        routes += [(node[p], node[c], [node[v] for v in path]) for p, c, path in part.routes]
        crossings += part.crossings
        right = max(part.x) + shift
        bands.append((org, offset - _BAND_GAP / 2, right + _BAND_GAP / 2))
        offset = right + 1.0 + _BAND_GAP
    for layer in rows:
        layer.sort(key=lambda v: x[v])
    return Layered(n, row, x, rows, levels, depth, routes, crossings), bands


def _display_ids(smap: StrategyMap) -> list[str]:
    """Return the ids shown in the boxes: each map's own, or namespaced where two share one.

    The band names the organisation, so a map's own ids suffice unless two organisations use
    the same id; then the namespaced ids tell them apart.
    """
    own = [eid.rsplit(":", 1)[-1] for eid in smap.ids]
    return own if len(set(own)) == len(own) else list(smap.ids)


def _whole(
    smap: StrategyMap,
    orgs: list[str],
    of_org: list[str],
    ranks: dict[str, int],
    lang: Language,
    *,
    wrap: bool,
    ax: Axes | None,
    box_kwargs: dict[str, Any],
) -> Axes:
    layered, bands = _swimlanes(smap, orgs, of_org, ranks)
    boxes, _ = _boxes(smap, "level", lang, {})
    shown = _display_ids(smap)
    for box, eid in zip(boxes, shown, strict=True):
        box.id = eid
    position = {eid: i for i, eid in enumerate(smap.ids)}
    inside: list[Link] = []
    across: list[tuple[int, int, LinkKind]] = []
    for link in smap.links:
        a, b = position[link.source], position[link.target]
        if of_org[a] != of_org[b]:
            across.append((a, b, link.kind))
        elif link.kind is not LinkKind.HIERARCHY:
            inside.append(Link(a, b, link.kind.value, link.note))
    legend = _link_legend(smap, lang)
    if across:
        legend.append(
            legend_line(word("across", lang), color=CROSS_COLOUR, linewidth=1.2, marker=">")
        )
    span = max(len(layer) for layer in layered.rows) + _BAND_GAP * (len(orgs) - 1)
    width = min(_WIDEST_CM, max(MEMO_WIDTH / CM, 3.0 + span * _UNIT_CM))
    created = ax is None
    with mpl.rc_context({"figure.figsize": (width * CM, plt.rcParams["figure.figsize"][1])}):
        ax, picture = draw_layered(
            ax,
            layered,
            boxes,
            row_labels=[smap.schema.levels[level].label(lang) for level in layered.levels],
            links=inside,
            legend=legend,
            wrap_titles=wrap,
            untitled_note=word("untitled", lang, n="{n}"),
            box_kwargs=box_kwargs,
        )
    _namespace_gids(ax, list(smap.ids), shown)
    top = _make_room(ax, created)
    patches = [picture.boxes[shown[i]] for i in range(layered.n)]
    # The first band starts where its widest box does (boxes of sparse rows widen).
    low = min(p.get_x() for p, org in zip(patches, of_org, strict=True) if org == orgs[0])
    _draw_bands(ax, bands, top, first_left=min(bands[0][1], low - 0.15))
    for k, (a, b, kind) in enumerate(across):
        gid = f"cross-{smap.ids[a]}->{smap.ids[b]}"
        _cross_arrow(ax, patches[a], patches[b], kind, track=k, gid=gid)
    return ax


def _namespace_gids(ax: Axes, ids: list[str], shown: list[str]) -> None:
    """Give each box and title the gid of its namespaced id (they are drawn in map order)."""
    if ids == shown:
        return
    boxes = [p for p in ax.patches if (p.get_gid() or "").startswith("box-")]
    for patch, eid in zip(boxes, ids, strict=True):
        patch.set_gid(f"box-{eid}")
    k = 0
    for label in [t for t in ax.texts if (t.get_gid() or "").startswith("title-")]:
        while shown[k] != label.get_gid()[len("title-") :]:  # type: ignore[index]
            k += 1
        label.set_gid(f"title-{ids[k]}")
        k += 1


def _make_room(ax: Axes, created: bool) -> float:
    """Add room above the rows for the organisations' names; return the top of the rows."""
    bottom, top = ax.get_ylim()
    if created:  # a taller figure, the drawing at the same scale
        fig = figure_of(ax)
        w, h = fig.get_size_inches()
        pos = ax.get_position()
        added = _HEADER_CM * CM
        fig.set_size_inches(w, h + added)
        ax.set_position(
            (pos.x0, pos.y0 * h / (h + added), pos.width, (pos.height * h + added) / (h + added))
        )
    ax.set_ylim(bottom, top + _HEADER_CM)
    return top


def _draw_bands(
    ax: Axes, bands: list[tuple[str, float, float]], top: float, *, first_left: float
) -> None:
    right_end = ax.get_xlim()[1]
    scale = axes_size_cm(ax)[0] / (ax.get_xlim()[1] - ax.get_xlim()[0])
    for k, (org, left, right) in enumerate(bands):
        left = first_left if k == 0 else left  # noqa: PLW2901 - the first band starts at the map
        right = right_end if k == len(bands) - 1 else right  # noqa: PLW2901
        band = Rectangle(
            (left, 0.0),
            right - left,
            top + _HEADER_CM,
            facecolor="none",
            edgecolor="#b0b0b0",
            linewidth=0.6,
            linestyle=(0, (4, 2)),
            zorder=1,
            gid=f"band-{org}",
        )
        band.set_clip_on(False)
        ax.add_patch(band)
        room = (right - left) * scale * 72 / 2.54 - 4
        size = _NAME_SIZE
        from stratgraph.plotting._text import text_width, truncate  # noqa: PLC0415

        while size > 6.0 and text_width(org, size, bold=True) > room:  # noqa: PLR2004
            size -= 0.5
        ax.text(
            (left + right) / 2,
            top + _HEADER_CM / 2,
            truncate(org, room, size, bold=True)
            if text_width(org, size, bold=True) > room
            else org,
            ha="center",
            va="center",
            fontsize=size,
            fontweight="bold",
            color=INK,
            gid=f"name-{org}",
        )


_CROSS_STYLE: dict[LinkKind, Any] = {
    LinkKind.HIERARCHY: "-",
    LinkKind.SUPPORTS: (0, (1, 1.5)),
    LinkKind.TENSION: (0, (4, 2)),
}


def _cross_arrow(ax: Axes, a: Any, b: Any, kind: LinkKind, *, track: int, gid: str) -> None:
    """Draw a link between two bands: below the row when both ends share it, else an arc.

    A straight line between two boxes of one row would run through the boxes between them.
    """
    ya, yb = a.get_y(), b.get_y()
    if abs(ya - yb) < 1e-9:  # noqa: PLR2004
        arm = 6.0 + 3.5 * (track % 5)  # points below the boxes: five tracks keep links apart
        start = (a.get_x() + a.get_width() / 2, ya)
        end = (b.get_x() + b.get_width() / 2, yb)
        connection = f"arc,angleA=-90,angleB=-90,armA={arm},armB={arm},rad=4"
        ends: dict[str, Any] = {"shrinkA": 0, "shrinkB": 0}
    else:
        start = (a.get_x() + a.get_width() / 2, ya + a.get_height() / 2)
        end = (b.get_x() + b.get_width() / 2, yb + b.get_height() / 2)
        connection = "arc3,rad=-0.12"
        ends = {"patchA": a, "patchB": b}
    arrow = FancyArrowPatch(
        start,
        end,
        **ends,
        arrowstyle="-" if kind is LinkKind.TENSION else "-|>,head_length=4,head_width=2",
        connectionstyle=connection,
        linestyle=_CROSS_STYLE[kind],
        linewidth=1.1,
        color=CROSS_COLOUR,
        alpha=0.85,
        zorder=3.6,
        gid=gid,
    )
    ax.add_patch(arrow)


# -- the overview ------------------------------------------------------------------------------


def _overview(
    smap: StrategyMap,
    orgs: list[str],
    of_org: list[str],
    ranks: dict[str, int],
    lang: Language,
    *,
    ax: Axes | None,
) -> Axes:
    """Draw the overview: elements counted per organisation and level, links between bands.

    The links between two organisations are one arrow, labelled with their number.
    """
    levels = sorted({ranks[e.type] for e in smap})
    counts = Counter((o, ranks[e.type]) for o, e in zip(of_org, smap, strict=True))
    position = {eid: i for i, eid in enumerate(smap.ids)}
    pairs: Counter[tuple[str, str]] = Counter()
    for link in smap.links:
        a, b = of_org[position[link.source]], of_org[position[link.target]]
        if a != b:
            pairs[(a, b)] += 1
    column = {org: k for k, org in enumerate(orgs)}
    n_rows = len(levels)
    label_units = 2.2
    from stratgraph.plotting._text import line_height, text_width  # noqa: PLC0415

    width = min(_WIDEST_CM, max(MEMO_WIDTH / CM, 4.0 + 1.4 * len(orgs)))
    if ax is not None:
        width = axes_size_cm(ax)[0]
    right = len(orgs) + 1.6  # room for the last name, turned
    scale_pt = width / (right + label_units) * 72 / 2.54
    size = max(5.0, min(8.0, scale_pt / 3.2))
    turned = any(text_width(org, size, bold=True) > scale_pt - 4 for org in orgs)
    names = {org: _fitted_name(org, size, turned=turned) for org in orgs}
    title = wrap_text(word("atlas overview", lang, n=len(smap)), width / CM * 72 - 8, 7.5)
    arrows = _overview_arrows(pairs, column)
    tracks = 1 + max((track for *_, track in arrows), default=-1)
    # In row units (a row is a centimetre): the title, the names (turned) and the arrows' tracks.
    title_units = (len(title) * line_height(7.5) + 6) / 72 * 2.54
    name_units = max(_name_height(lines, size, turned=turned) for lines in names.values()) + 0.2
    header = title_units + name_units
    below = 0.3 + _TRACK_UNITS * tracks
    if ax is None:
        fig = plt.figure(figsize=(width * CM, (n_rows + header + below) * CM))
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(-label_units, right)
    ax.set_ylim(-below, n_rows + header)
    ax.set_axis_off()
    for r, level in enumerate(levels):
        y = n_rows - 1 - r
        name = smap.schema.levels[level].label(lang)
        ax.text(
            -label_units + 0.1,
            y + 0.5,
            name,
            ha="left",
            va="center",
            fontsize=7.5,
            fontweight="bold",
            color=INK,
        )
        fill = LEVEL_FILLS[level % len(LEVEL_FILLS)]
        for org in orgs:
            n = counts.get((org, level), 0)
            cell = Rectangle(
                (column[org] + 0.06, y + 0.06),
                0.88,
                0.88,
                facecolor=fill if n else "white",
                edgecolor=INK,
                linewidth=0.5,
                gid=f"cell-{org}-{smap.schema.level_names[level]}",
            )
            ax.add_patch(cell)
            if scale_pt >= 9:  # noqa: PLR2004 - a number fits the box
                ax.text(
                    column[org] + 0.5,
                    y + 0.5,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=size,
                    color=INK,
                    gid=f"count-{org}-{smap.schema.level_names[level]}",
                )
    for org in orgs:
        ax.text(
            column[org] + (0.3 if turned else 0.5),
            n_rows + 0.1,
            "\n".join(names[org]),
            ha="left" if turned else "center",
            va="bottom",
            rotation=50 if turned else 0,
            rotation_mode="anchor",
            linespacing=1.0,
            fontsize=size,
            fontweight="bold",
            color=INK,
            gid=f"name-{org}",
        )
    for a, b, n, xa, xb, track in arrows:
        run = -0.3 - _TRACK_UNITS * (track + 0.5)
        arrow = FancyArrowPatch(
            path=Path([(xa, 0.06), (xa, run), (xb, run), (xb, 0.06)]),
            arrowstyle="-|>,head_length=4,head_width=2",
            color=CROSS_COLOUR,
            linewidth=0.6 + min(2.0, n / 10),
            alpha=0.85,
            zorder=3,
            gid=f"cross-{a}->{b}",
        )
        ax.add_patch(arrow)
        ax.text(  # on the middle of its own arrow, the line broken for it
            (xa + xb) / 2,
            run,
            str(n),
            ha="center",
            va="center",
            fontsize=6.5,
            color=CROSS_COLOUR,
            zorder=3.5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4},
            gid=f"count-{a}->{b}",
        )
    ax.text(
        -label_units + 0.1,
        n_rows + header - 0.1,
        "\n".join(title),
        ha="left",
        va="top",
        fontsize=7.5,
        color=INK,
        gid="title",
    )
    return ax


#: Row units between two tracks of arrows below the overview: a count's label and a little air.
_TRACK_UNITS = 0.42
#: The longest line of an organisation's name in the overview, in points; longer is wrapped.
_NAME_LINE_PT = 110.0


def _fitted_name(org: str, size: float, *, turned: bool) -> list[str]:
    """Return the lines of an organisation's name over its column: at most two, wrapped.

    A name longer than two lines is cut with an ellipsis (its band's gid keeps it whole).
    """
    if not turned:
        return [org]
    lines = wrap_text(org, _NAME_LINE_PT, size, bold=True)
    if len(lines) > 2:  # noqa: PLR2004
        lines = [lines[0], truncate(" ".join(lines[1:]), _NAME_LINE_PT, size, bold=True)]
    return lines


def _name_height(lines: list[str], size: float, *, turned: bool) -> float:
    """Return the height in centimetres of a name's lines above the columns, turned or not."""
    from stratgraph.plotting._text import line_height, text_width  # noqa: PLC0415

    across = max(text_width(line, size, bold=True) for line in lines)
    tall = len(lines) * line_height(size)
    if not turned:
        return tall / 72 * 2.54
    return (across * _SIN_50 + tall * _COS_50) / 72 * 2.54


_SIN_50, _COS_50 = math.sin(math.radians(50)), math.cos(math.radians(50))


def _overview_arrows(
    pairs: Counter[tuple[str, str]], column: dict[str, int]
) -> list[tuple[str, str, int, float, float, int]]:
    """Place the overview's arrows: where each leaves and enters its column, and its track.

    The arrows that leave or enter one column do so side by side across the column's bottom, so
    that no two run down one line. Each arrow runs along a track below the table: an arrow gets
    the first track free over its span (and a little to each side, so that the counts on two
    tracks never stand side by side), so arrows on one track never overlap, and each count sits
    on the middle of its own arrow. Returns (source, target, number, start x, end x, track).
    """
    ends: dict[str, list[tuple[int, int]]] = {org: [] for org in column}
    for k, (a, b) in enumerate(pairs):
        ends[a].append((column[b], k))
        ends[b].append((column[a], k))
    x_of: dict[tuple[str, int], float] = {}
    for org, mine in ends.items():
        mine.sort()  # ends towards the left leave the column to the left
        for j, (_, k) in enumerate(mine):
            x_of[(org, k)] = column[org] + 0.2 + 0.6 * (j + 0.5) / len(mine)
    spans = sorted(
        (min(x_of[(a, k)], x_of[(b, k)]), max(x_of[(a, k)], x_of[(b, k)]), k)
        for k, (a, b) in enumerate(pairs)
    )
    track_end: list[float] = []  # the right end of the last span on each track
    track_of: dict[int, int] = {}
    for left, span_right, k in spans:
        free = next((t for t, end in enumerate(track_end) if end + 0.3 < left), len(track_end))
        if free == len(track_end):
            track_end.append(span_right)
        track_end[free] = span_right
        track_of[k] = free
    return [
        (a, b, n, x_of[(a, k)], x_of[(b, k)], track_of[k])
        for k, ((a, b), n) in enumerate(pairs.items())
    ]


# -- the years -------------------------------------------------------------------------------


#: Above this many organisations the goals are drawn as the median and range, not a line each.
_LINES_MOST = 12


def plot_continuity(
    atlas: Atlas, /, *, lang: Language | None = None, ax: Axes | None = None
) -> Axes:
    """Draw the number of goals of each organisation over the years, and the goals' churn.

    The seminar's "fewer and more long-term goals": on top a line for each organisation (in
    chain order, each with its own colour, line style and marker, named at its end) of its
    number of goals (goal level of its schema) in each year it has a map; below, the goals added
    (above the line) and removed (below it) since the organisation's previous map, a bar each.
    An atlas of more than 12 organisations draws the median over organisations with the range
    from fewest to most, and the churn summed. The numbers are those of :func:`continuity`.

    Parameters
    ----------
    atlas
        The atlas.
    lang
        ``"en"`` or ``"da"``; ``None`` uses the language of :func:`memo_style`, else English.
    ax
        The Axes to draw the goals on; the churn gets an Axes below it. ``None`` makes a new
        figure.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes of the number of goals (``ax.figure.axes`` holds the churn's too). Each line
        has the organisation as its label (gid ``goals-<organisation>``), each bar the gid
        ``added-<organisation>-<year>`` or ``removed-<organisation>-<year>``.
        Organisations whose lines coincide share one end label (gid
        ``name-<organisation>|<organisation>...``) and get concentric markers.

    Raises
    ------
    OptionError
        If ``lang`` is not ``"en"``, ``"da"`` or ``None``.
    TypeError
        If ``atlas`` is not an :class:`Atlas`.

    Warns
    -----
    UserWarning
        If no map of the atlas has a year (the Axes is returned empty).

    See Also
    --------
    continuity : the numbers as a table.
    goal_lifetimes : the years each goal is present.

    Examples
    --------
    >>> ax = sg.plot_continuity(sg.datasets.load_atlas("eksempel-atlas"), lang="da")
    >>> ax.get_ylabel()
    'Antal effektmål'
    >>> [line.get_label() for line in ax.lines][:2]
    ['Staten', 'Region Vestdal']
    """
    check_atlas(atlas)
    language = resolve_lang(lang)
    table = continuity(atlas)
    if table.empty:
        import warnings  # noqa: PLC0415

        warnings.warn(
            f"no map of the atlas {atlas.name!r} has a year, so the continuity plot is empty",
            UserWarning,
            stacklevel=2,
        )
        return empty_axes(ax)
    from mpl_toolkits.axes_grid1 import (  # type: ignore[import-untyped] # noqa: PLC0415
        make_axes_locatable,
    )

    if ax is None:  # room on the right for the organisations' names at the lines' ends
        fig = plt.figure(figsize=(plt.rcParams["figure.figsize"][0], 11.0 * CM))
        ax = fig.add_axes((0.1, 0.45, 0.66, 0.5))
        churn = fig.add_axes((0.1, 0.08, 0.66, 0.32), sharex=ax)
    else:
        churn = make_axes_locatable(ax).append_axes("bottom", size="70%", pad=0.35, sharex=ax)
    years = sorted(set(table["year"].tolist()))
    orgs = list(dict.fromkeys(table["organisation"].tolist()))
    goal_label = _goal_word(atlas, language)
    many = len(orgs) > _LINES_MOST
    if many:
        grouped = table.groupby("year")
        median = grouped["n_goals"].median()
        low, high = grouped["n_goals"].min(), grouped["n_goals"].max()
        ax.fill_between(
            years, low.to_numpy(), high.to_numpy(), color="#dddddd", label=word("range", language)
        )
        ax.plot(
            years,
            median.to_numpy(),
            color=INK,
            marker="o",
            label=word("median", language),
            gid="goals-median",
        )
        added = grouped["added"].sum(min_count=1)
        removed = grouped["removed"].sum(min_count=1)
        for y in years:
            a, r = added.get(y), removed.get(y)
            if a is not None and r is not None and not pd.isna(a):  # NA in the first year
                churn.bar(y, int(a), width=0.6, color="#009E73", gid=f"added-all-{y}")
                churn.bar(y, -int(r), width=0.6, color="#D55E00", gid=f"removed-all-{y}")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=7)
    else:
        width = 0.8 / len(orgs)
        series = {
            org: (tuple(rows["year"].tolist()), tuple(rows["n_goals"].tolist()))
            for org, rows in ((org, table[table["organisation"] == org]) for org in orgs)
        }
        alike: dict[tuple[tuple[Any, ...], tuple[Any, ...]], list[int]] = {}
        for k, org in enumerate(orgs):  # organisations whose lines coincide all the way
            alike.setdefault(series[org], []).append(k)
        ends: list[tuple[float, int, int, list[int]]] = [
            (group_series[1][-1], ks[0], group_series[0][-1], ks)
            for group_series, ks in alike.items()
        ]
        for k, org in enumerate(orgs):
            rows = table[table["organisation"] == org]
            colour = _LINE_COLOURS[k % len(_LINE_COLOURS)]
            style = LINESTYLES[k % len(LINESTYLES)]
            marker = _MARKERS[k % len(_MARKERS)]
            ys, ns = series[org]
            group = alike[series[org]]
            # Coinciding lines get concentric markers, the first drawn the largest, so that
            # each organisation's colour and shape shows around the next one's.
            (line,) = ax.plot(
                ys,
                ns,
                color=colour,
                linestyle=style,
                marker=marker,
                markersize=4 + 2.5 * (len(group) - 1 - group.index(k)),
                linewidth=1.3,
                label=org,
            )
            line.set_gid(f"goals-{org}")
            for y, a, r in zip(ys, rows["added"].tolist(), rows["removed"].tolist(), strict=True):
                if pd.isna(a):
                    continue
                offset = -0.4 + width * (k + 0.5)
                churn.bar(
                    y + offset,
                    int(a),
                    width=width * 0.9,
                    color=colour,
                    edgecolor=INK,
                    linewidth=0.3,
                    gid=f"added-{org}-{y}",
                )
                churn.bar(
                    y + offset,
                    -int(r),
                    width=width * 0.9,
                    color="white",
                    edgecolor=colour,
                    hatch="////",
                    linewidth=0.6,
                    gid=f"removed-{org}-{y}",
                )
    ax.set_ylabel(word("count of", language, what=goal_label.lower()))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.tick_params(labelbottom=False)
    churn.axhline(0, color=INK, linewidth=0.6)
    churn.set_ylabel(word("churn", language), fontsize=7.5)
    churn.set_xticks(years, [str(y) for y in years])
    churn.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    churn.text(
        0.005,
        0.98,
        "▲ " + word("churn added", language),
        transform=churn.transAxes,
        va="top",
        fontsize=6.5,
        color=INK,
    )
    churn.text(
        0.005,
        0.02,
        "▼ " + word("churn removed", language),
        transform=churn.transAxes,
        va="bottom",
        fontsize=6.5,
        color=INK,
    )
    ticks = churn.get_yticks()
    churn.set_yticks(ticks, [str(abs(int(t))) for t in ticks])
    if not many:
        _name_ends(ax, ends, orgs)
    return ax


_LINE_COLOURS = tuple(c for c in OKABE_ITO if c != "#F0E442")  # yellow is lost on white


#: The line markers in turn, and the glyph that names each in a label.
_MARKERS = "osD^v<>"
_GLYPHS = dict(zip(_MARKERS, "●■◆▲▼◀▶", strict=True))
_END_SIZE = 6.5  # points, the names at the lines' ends


def _name_ends(ax: Axes, ends: list[tuple[float, int, int, list[int]]], orgs: list[str]) -> None:
    """Name each line at its end, inside the figure, moving names apart that would overlap.

    Lines that coincide all the way get one label naming each of their organisations on a line
    of its own, after the glyph of its marker (gid ``name-<org>|<org>...``, in chain order).
    Names stack upwards from their lines' ends; the Axes grows upwards until the highest fits
    inside it, and a name too long for the room right of the Axes is cut with an ellipsis.
    """
    from stratgraph.plotting._text import line_height  # noqa: PLC0415

    fig = figure_of(ax)
    height_pt = ax.get_position().height * fig.get_size_inches()[1] * 72
    step_pt = line_height(_END_SIZE)
    low, high = ax.get_ylim()
    labels: list[tuple[float, int, int, list[int]]] = sorted(ends)
    placed: list[tuple[float, float]] = []
    for _ in range(4):  # the scale changes as the Axes grows; it settles in a round or two
        per_pt = (high - low) / height_pt
        placed = []
        for value, _, _, ks in labels:
            half = len(ks) * step_pt * per_pt / 2
            centre = max(value, low + half, (placed[-1][1] + half) if placed else low)
            placed.append((centre, centre + half))
        if not placed or placed[-1][1] <= high:
            break
        high = placed[-1][1] + step_pt * per_pt / 2
        ax.set_ylim(low, high)
    x_end = fig.bbox.width - 3  # pixels: the figure's right edge, less a little
    for (value, _, year, ks), (centre, _) in zip(labels, placed, strict=True):
        start = ax.transData.transform((year + 0.08, centre))[0]
        room = (x_end - start) * 72 / fig.dpi
        names = [orgs[k] for k in ks]
        if len(ks) == 1:
            text = truncate(names[0], room, _END_SIZE)
            colour = _LINE_COLOURS[ks[0] % len(_LINE_COLOURS)]
        else:
            text = "\n".join(
                truncate(f"{_GLYPHS[_MARKERS[k % len(_MARKERS)]]} {orgs[k]}", room, _END_SIZE)
                for k in ks
            )
            colour = INK
        ax.annotate(
            text,
            (year, value),
            xytext=(year + 0.08, centre),
            va="center",
            fontsize=_END_SIZE,
            linespacing=1.0,
            color=colour,
            annotation_clip=False,
            gid="name-" + "|".join(names),
        )


def _goal_word(atlas: Atlas, lang: Language) -> str:
    """Return the goal level's name in the plural, as the first map's schema has it: effektmål."""
    from stratgraph._language import plural  # noqa: PLC0415

    for _, smap in atlas.items():  # noqa: PERF102 - an Atlas has items(), not values()
        level = smap.schema.level(smap.schema.goal_level)
        label = level.label(lang)
        return plural(label, lang, inflect=not (lang == "da" and level.label_da == level.name))
    return word("goals", lang)
