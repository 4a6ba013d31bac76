"""The drawing engine behind the map plots: boxes in rows, links between them, and the legend.

:func:`draw_layered` takes a finished :class:`~stratgraph.plotting.layout.Layered` layout and one
:class:`Box` per element and draws them to scale: the geometry is worked out in centimetres on the
page, so titles are fitted to the boxes they are printed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, FancyArrowPatch, FancyBboxPatch, Patch, Rectangle
from matplotlib.path import Path
from matplotlib.patheffects import withStroke

from stratgraph.plotting import figure_of
from stratgraph.plotting._text import (
    MIN_SIZE,
    Fit,
    fit_text,
    line_height,
    needs_hyphen,
    text_width,
    truncate,
    wrap,
)
from stratgraph.plotting.style import (
    CM,
    INK,
    MEMO_WIDTH,
    PT_PER_CM,
    SUPPORT_COLOUR,
    TENSION_COLOUR,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

    from stratgraph.plotting.layout import Layered

__all__ = [
    "OUTLINE_SHARE",
    "Box",
    "Link",
    "MapPicture",
    "axes_size_cm",
    "draw_layered",
    "figure_of",
    "new_axes",
]

_SIZES = (7.5, 7.0, 6.5, MIN_SIZE)
_MIN_SIZE = _SIZES[-1]
_PAD_PT = 3.0  # inner padding of a box, each side
_GLYPH_HEIGHT = 1.05  # ascender to descender, in units of the font size
_TURNED_PAD_PT = 0.5  # across a narrow box, each side of turned text
#: An outline is at most this share of its box's smaller side, so a crowded row of findings
#: stays a row of boxes and does not become a black band.
OUTLINE_SHARE = 0.12
_MARGIN_CM = 0.15  # kept clear at the right edge (turned text, link arcs)
_VMARGIN_CM = 0.5  # kept clear above and below the rows (badges on the top edge, brackets)
_LABEL_MAX_CM = 3.2  # the widest the column of level names gets
_LABEL_MIN_CM = 2.2
_BOX_SHARE = 0.86  # the share of an element's room its box takes in a crowded row
_MAX_BOX_CM = 3.6
_MAX_UNIT_CM = 3.0  # a map of a few elements is not blown up to the page width
_ROW_HEIGHT_CM = (0.9, 1.9)  # a row of flat boxes: at least, at most
_TALL_ROW_CM = 2.8  # a row of narrow boxes with text turned on its side
_GAP_CM = 1.0  # between rows, for the links
_LABEL_SIZE = 7.5
_TURN_BELOW_PT = 24.0  # boxes narrower than this (inside) get their text turned
_LEGEND_ROW_CM = 0.5
_FAINT = "#999999"  # links of an old version


@dataclass(slots=True)
class Box:
    """How one element is drawn."""

    id: str
    title: str
    fill: Sequence[str]  # one colour, or several drawn as stripes
    hatch: Sequence[str] = ("",)
    hatch_colour: Sequence[str] = (INK,)
    edgecolor: str = INK
    linewidth: float = 0.6
    linestyle: str = "-"
    text_colour: str = INK
    #: Marks on the top edge, e.g. ``("!", INK)`` for a finding: (mark, colour of its disc).
    badges: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Link:
    """A lateral link drawn as a curve: ``supports`` or ``tension``."""

    source: int
    target: int
    kind: str
    note: str | None = None


@dataclass(slots=True)
class MapPicture:
    """What a map plot drew, for the caller to add to or inspect."""

    boxes: dict[str, FancyBboxPatch] = field(default_factory=dict)
    titles: dict[str, Any] = field(default_factory=dict)
    edges: LineCollection | None = None
    links: list[FancyArrowPatch] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # element ids by layout number
    #: Elements whose boxes were too small for their title at the smallest legible size.
    untitled: list[str] = field(default_factory=list)


def new_axes(height_cm: float) -> Axes:
    """Return the Axes of a new figure as wide as the rcParams say and ``height_cm`` tall."""
    width = plt.rcParams["figure.figsize"][0]
    if not width or width <= 0:  # pragma: no cover - rcParams always hold a width
        width = MEMO_WIDTH
    fig = plt.figure(figsize=(width, height_cm * CM))
    return fig.add_axes((0.0, 0.0, 1.0, 1.0))


def axes_size_cm(ax: Axes) -> tuple[float, float]:
    """Return the width and height of an Axes on the page, in centimetres."""
    fig_w, fig_h = figure_of(ax).get_size_inches()
    pos = ax.get_position()
    return pos.width * fig_w * 2.54, pos.height * fig_h * 2.54


@dataclass(slots=True)
class _Row:
    top: float = 0.0  # cm from the bottom of the drawing
    height: float = 0.0
    turned: frozenset[int] = frozenset()  # boxes with their text on its side

    @property
    def bottom(self) -> float:
        return self.top - self.height

    @property
    def middle(self) -> float:
        return self.top - self.height / 2


def draw_layered(
    ax: Axes | None,
    layered: Layered,
    boxes: Sequence[Box],
    *,
    row_labels: Sequence[str],
    links: Sequence[Link] = (),
    faint_routes: frozenset[tuple[int, int]] = frozenset(),
    legend: Sequence[Artist] = (),
    wrap_titles: bool = True,
    show_ids: bool = True,
    untitled_note: str = "",
    box_kwargs: dict[str, Any] | None = None,
) -> tuple[Axes, MapPicture]:
    """Draw a layered map on ``ax`` (or a new A4-wide figure) and return the Axes and artists.

    ``faint_routes`` are hierarchy links (parent, child) drawn dashed and grey (links that exist
    in an old version only); ``box_kwargs`` go to every :class:`~matplotlib.patches.FancyBboxPatch`.

    The drawing keeps to rules that make it legible at any size: no text under
    :data:`~stratgraph.plotting._text.MIN_SIZE` points (a box too small for its title at that
    size is drawn without it, and ``untitled_note``, formatted with ``n``, the number of such
    boxes, is added to the legend), outlines and badges no thicker than a share of their box,
    and everything inside the Axes.
    """
    box_kwargs = dict(box_kwargs or {})
    n_rows = len(layered.rows)
    x = layered.x
    # Horizontal scale: the label column, then the layout's x range at S cm per unit.
    label_lines = _label_column(row_labels)
    label_cm = (
        max(
            (text_width(line, _LABEL_SIZE, bold=True) for lines in label_lines for line in lines),
            default=0.0,
        )
        / PT_PER_CM
        + 0.35
    )
    created = ax is None
    width_cm = plt.rcParams["figure.figsize"][0] * 2.54 if ax is None else axes_size_cm(ax)[0]
    # Boxes in sparse rows widen up to their neighbours, so the drawing's extent and its scale
    # depend on each other: settle them in a few rounds. However many boxes a row holds, the
    # drawing is scaled to the width (never beyond it): text that no longer fits is left off.
    low, high = min(x) - 0.5, max(x) + 0.5
    usable_cm = max(0.5, width_cm - label_cm - _MARGIN_CM)
    for _ in range(3):
        scale = min(_MAX_UNIT_CM, usable_cm / (high - low))
        half = _half_widths(layered, scale)
        low = min(min(x) - 0.5, *(x[v] - half[v] for v in range(layered.n)))
        high = max(max(x) + 0.5, *(x[v] + half[v] for v in range(layered.n)))
    # Row heights and font sizes.
    rows = [_Row() for _ in range(n_rows)]
    fits: dict[int, Fit] = {}

    def fit_rows(limit: float | None) -> None:
        for r, layer in enumerate(layered.rows):
            elements = [v for v in layer if v < layered.n]
            rows[r] = _fit_row(
                elements,
                boxes,
                half,
                scale,
                limit=limit,
                wrap_titles=wrap_titles,
                show_ids=show_ids,
                fits=fits,
            )

    fit_rows(None)
    legend = list(legend)
    untitled = [v for v in range(layered.n) if v not in fits]
    note = _note(untitled_note, len(untitled), width_cm)
    columns, legend_lines = _legend_layout(legend, width_cm)
    legend_cm = (legend_lines + note.count("\n") + bool(note)) * _LEGEND_ROW_CM + 0.2
    content = sum(row.height for row in rows) + _GAP_CM * (n_rows - 1)
    if created:
        ax = new_axes(content + _VMARGIN_CM + 0.1 + (legend_cm if legend else 0.0))
        fig_h = figure_of(ax).get_size_inches()[1] * 2.54
        bottom = (legend_cm if legend else 0.0) / fig_h
        ax.set_position((0.0, bottom, 1.0, (content + _VMARGIN_CM) / fig_h))
        height_cm = content + _VMARGIN_CM
        gap = _GAP_CM
    else:
        assert ax is not None  # noqa: S101 - for the type checker
        height_cm = axes_size_cm(ax)[1]
        gap = _GAP_CM
        if content > height_cm - _VMARGIN_CM:
            # Squeeze rows and gaps alike, then fit the text again into the smaller boxes.
            factor = max(1e-3, (height_cm - _VMARGIN_CM) / content)
            gap = _GAP_CM * factor
            fit_rows(factor)
        else:
            gap = min(
                2 * _GAP_CM,
                (height_cm - _VMARGIN_CM - sum(r.height for r in rows)) / max(1, n_rows - 1),
            )
            if n_rows == 1:
                gap = _GAP_CM
    assert ax is not None  # noqa: S101
    if not created:  # squeezed rows may have lost titles: the note counts them as drawn
        untitled = [v for v in range(layered.n) if v not in fits]
        note = _note(untitled_note, len(untitled), width_cm)
    # Rows from the top down.
    total = sum(row.height for row in rows) + gap * (n_rows - 1)
    top = (height_cm + total) / 2
    for row in rows:
        row.top = top
        top -= row.height + gap
    left = low - label_cm / scale
    right = left + width_cm / scale
    extra = (right - _MARGIN_CM / scale - high) / 2
    if extra > 0 and _MAX_UNIT_CM * (high - low) < usable_cm:  # a small map: centre it
        left -= extra
        right -= extra
    ax.set_xlim(left, right)
    ax.set_ylim(0, height_cm)
    ax.set_axis_off()
    picture = MapPicture(untitled=[boxes[v].id for v in range(layered.n) if v not in fits])
    _draw_bands(ax, rows, left, right, gap=gap, height=height_cm)
    _draw_labels(ax, rows, label_lines, left + 0.15 / scale)
    _draw_edges(ax, layered, rows, half=half, faint=faint_routes, picture=picture)
    _draw_boxes(
        ax,
        layered,
        boxes,
        rows=rows,
        half=half,
        scale=scale,
        fits=fits,
        box_kwargs=box_kwargs,
        picture=picture,
    )
    _draw_links(ax, layered, rows=rows, links=links, scale=scale, picture=picture)
    if legend or note:
        ax.legend(
            handles=list(legend),
            title=note or None,
            title_fontsize=_LEGEND_SIZE,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=columns,
            frameon=False,
            fontsize=7,
            handlelength=2.6,
            borderaxespad=0.1,
        )
    return ax, picture


def _half_widths(layered: Layered, scale: float) -> list[float]:
    """Half the width of every element's box, in layout units.

    In a crowded row a box takes its share of one unit; in a sparse row it widens up to its
    neighbours (keeping a gap to boxes, a little room for links passing through) and to a cap.
    """
    x, n = layered.x, layered.n
    half = [0.0] * n
    for layer in layered.rows:
        for i, v in enumerate(layer):
            if v >= n:
                continue
            room = _MAX_BOX_CM / scale / 2
            for j in (i - 1, i + 1):
                if 0 <= j < len(layer):
                    w = layer[j]
                    distance = abs(x[w] - x[v])
                    if w < n:
                        room = min(room, distance / 2 - (1 - _BOX_SHARE) / 2)
                    else:
                        room = min(room, distance - 0.12)
            half[v] = max(room, _BOX_SHARE / 2)
    return half


_LEGEND_SIZE = 7.0


def _note(template: str, count: int, width_cm: float) -> str:
    """Return the note on boxes drawn without their titles, wrapped; "" if there are none."""
    if not count or not template:
        return ""
    return "\n".join(wrap(template.format(n=count), width_cm * PT_PER_CM - 30, _LEGEND_SIZE))


def _legend_layout(legend: Sequence[Artist], width_cm: float) -> tuple[int, int]:
    """Return the number of columns and of text lines of a legend that fits ``width_cm``.

    Up to four columns, as many as fit side by side at the width of the widest entry; a label
    too wide for the figure is cut to fit.
    """
    if not legend:
        return 1, 0
    em = _LEGEND_SIZE
    room = width_cm * PT_PER_CM - 2 * em  # the legend's own padding
    handle = (2.6 + 0.8) * em  # handle length and the pad to the text
    for entry in legend:
        label = str(entry.get_label())
        lines = [truncate(line, room - handle, _LEGEND_SIZE) for line in label.split("\n")]
        entry.set_label("\n".join(lines))
    widest = max(
        text_width(line, _LEGEND_SIZE)
        for entry in legend
        for line in str(entry.get_label()).split("\n")
    )
    column = handle + widest + 2.0 * em  # and the spacing between columns
    columns = max(1, min(4, len(legend), int((room + 2.0 * em) // column)))
    per_row = [
        max(str(e.get_label()).count("\n") + 1 for e in legend[i : i + columns])
        for i in range(0, len(legend), columns)
    ]
    # Matplotlib fills the columns one after another; rows of equal height are a close bound.
    rows = math.ceil(len(legend) / columns)
    return columns, max(rows, sum(per_row))


def _label_column(labels: Sequence[str]) -> list[list[str]]:
    """Wrap the level names for the column on the left, never cutting a word.

    The column is as wide as the longest word (at least 2.2 cm, at most 3.2 cm); a name is
    wrapped between words; a single word wider than the widest column is hyphenated at the
    best place (never cut short).
    """
    longest = max(
        (text_width(w, _LABEL_SIZE, bold=True) for label in labels for w in label.split()),
        default=0.0,
    )
    width = min(_LABEL_MAX_CM * PT_PER_CM, max(_LABEL_MIN_CM * PT_PER_CM, longest))
    return [wrap(label, width, _LABEL_SIZE, bold=True) for label in labels]


def _fit_row(
    elements: list[int],
    boxes: Sequence[Box],
    half: list[float],
    scale: float,
    *,
    limit: float | None,
    wrap_titles: bool,
    show_ids: bool,
    fits: dict[int, Fit],
) -> _Row:
    """Choose a row's height and font sizes so that every title fits; fill ``fits``.

    Boxes too narrow for a few words a line get their text turned on its side; when most boxes
    of a row are, the row is made tall for them. Text is one size across a row (one for flat
    text, one for turned), the largest at which every title fits without hyphenation, or else
    with it, or else cut short; never below :data:`MIN_SIZE`. A box too small for one line at
    that size gets no entry in ``fits``: it is drawn without text.
    """
    factor = limit or 1.0
    for v in elements:
        fits.pop(v, None)
    if not elements:
        return _Row(height=_ROW_HEIGHT_CM[0] * factor)
    width = {v: 2 * half[v] * scale * PT_PER_CM - 2 * _PAD_PT for v in elements}
    turned = {v for v in elements if width[v] < _TURN_BELOW_PT}
    tall = 2 * len(turned) > len(elements)
    if tall:
        # In a tall row, text that would have to be hyphenated across a box runs along it.
        turned |= {
            v for v in elements if needs_hyphen(_title(boxes[v], wrap_titles), width[v], _MIN_SIZE)
        }
    flat = [v for v in elements if v not in turned]
    ids = int(show_ids)
    if tall:
        height_cm = _TALL_ROW_CM * factor
    else:
        cap = _ROW_HEIGHT_CM[1] * factor * PT_PER_CM - 2 * _PAD_PT
        size = _choose_size(
            [(_title(boxes[v], wrap_titles), width[v]) for v in flat], cap, extra_lines=ids
        )
        need = max(
            (len(wrap(_title(boxes[v], wrap_titles), width[v], size)) + ids) * line_height(size)
            for v in flat
        )
        height_cm = max(_ROW_HEIGHT_CM[0] * factor, (min(need, cap) + 2 * _PAD_PT) / PT_PER_CM)
    room = height_cm * PT_PER_CM - 2 * _PAD_PT
    if flat and room >= (ids + 1) * line_height(_MIN_SIZE):
        items = [(_title(boxes[v], wrap_titles), width[v]) for v in flat]
        size = _choose_size(items, room, extra_lines=ids)
        for v, (title, w) in zip(flat, items, strict=True):
            fits[v] = fit_text(title, w, room - ids * line_height(size), (size,))
    # Turned text runs along the box: a box is wide enough for it if one line at the smallest
    # size fits across it, with a little room either side.
    across = {v: width[v] + 2 * _PAD_PT - 2 * _TURNED_PAD_PT for v in turned}
    legible = [
        v
        for v in turned
        if _lines_across(across[v], _MIN_SIZE) and room >= text_width("M…", _MIN_SIZE)
    ]
    if legible:
        texts = {
            v: " ".join(
                f"{boxes[v].id}  {boxes[v].title}".split() if show_ids else boxes[v].title.split()
            )
            for v in legible
        }
        narrowest = min(across[v] for v in legible)
        sizes = tuple(s for s in _SIZES if _lines_across(narrowest, s)) or (_MIN_SIZE,)
        size = sizes[-1]
        for candidate in sizes:
            lines = _lines_across(narrowest, candidate)
            if all(len(wrap(texts[v], room, candidate)) <= lines for v in legible):
                size = candidate
                break
        for v in legible:
            lines = _lines_across(across[v], size)
            fits[v] = fit_text(texts[v], room, lines * line_height(size), (size,))
    return _Row(height=height_cm, turned=frozenset(turned))


def _lines_across(width: float, size: float) -> int:
    """How many lines of turned text at ``size`` fit ``width`` points across.

    One line needs the height of its letters (ascender to descender, about 1.05 × size), each
    further line the line spacing.
    """
    first = _GLYPH_HEIGHT * size
    return 0 if width < first else 1 + int((width - first) // line_height(size))


def _title(box: Box, wrap_titles: bool) -> str:
    return box.title if wrap_titles else " ".join(box.title.split())


def _choose_size(items: list[tuple[str, float]], room: float, *, extra_lines: int) -> float:
    """Return the size at which every ``(text, width)`` fits ``room`` points of height.

    Fewest hyphenated words first, then the largest size; the smallest size if none fits.
    """
    best: tuple[int, float] | None = None
    for size in _SIZES:
        if any(
            (len(wrap(text, w, size)) + extra_lines) * line_height(size) > room for text, w in items
        ):
            continue
        broken = sum(1 for text, w in items for word in text.split() if text_width(word, size) > w)
        if best is None or broken < best[0]:
            best = (broken, size)
        if broken == 0:
            break
    return _MIN_SIZE if best is None else best[1]


def _draw_bands(
    ax: Axes, rows: list[_Row], left: float, right: float, *, gap: float, height: float
) -> None:
    """Pale bands behind alternate rows, so that the eye keeps to a level (and to the Axes)."""
    for r, row in enumerate(rows):
        if r % 2:
            continue
        bottom = max(0.0, row.bottom - gap / 2)
        ax.add_artist(
            Rectangle(
                (left, bottom),
                right - left,
                min(height, row.top + gap / 2) - bottom,
                facecolor="#f2f2f2",
                edgecolor="none",
                zorder=0,
            )
        )


def _draw_labels(ax: Axes, rows: list[_Row], labels: list[list[str]], x: float) -> None:
    for row, lines in zip(rows, labels, strict=True):
        ax.text(
            x,
            row.middle,
            "\n".join(lines),
            ha="left",
            va="center",
            fontsize=_LABEL_SIZE,
            fontweight="bold",
            color=INK,
            zorder=5,
        )


def _ports(count: int, centre: float, half_width: float) -> list[float]:
    """Where ``count`` links meet a box edge: spread over the middle of the edge."""
    if count <= 1:
        return [centre] * count
    spread = min(half_width * 0.6, 0.12 * (count - 1))
    return [centre - spread + 2 * spread * i / (count - 1) for i in range(count)]


def _draw_edges(
    ax: Axes,
    layered: Layered,
    rows: list[_Row],
    *,
    half: list[float],
    faint: frozenset[tuple[int, int]],
    picture: MapPicture,
) -> None:
    x, row_of, n = layered.x, layered.row, layered.n
    # Ports: each element's links leave its bottom (enter its top) in the order of where
    # they go, so that fans do not start from one point.
    out_ports: dict[tuple[int, int], float] = {}
    in_ports: dict[tuple[int, int], float] = {}
    leaving: dict[int, list[tuple[float, int, int]]] = {}
    entering: dict[int, list[tuple[float, int, int]]] = {}
    for parent, child, path in layered.routes:
        if len(path) < 2 or row_of[parent] == row_of[child]:  # noqa: PLR2004
            continue
        leaving.setdefault(parent, []).append((x[path[1]], parent, child))
        entering.setdefault(child, []).append((x[path[-2]], parent, child))
    for v, items in leaving.items():
        items.sort()
        for px, (_, p, c) in zip(_ports(len(items), x[v], half[v]), items, strict=True):
            out_ports[(p, c)] = px
    for v, items in entering.items():
        items.sort()
        for px, (_, p, c) in zip(_ports(len(items), x[v], half[v]), items, strict=True):
            in_ports[(p, c)] = px
    solid: list[list[tuple[float, float]]] = []
    dashed: list[list[tuple[float, float]]] = []
    for parent, child, path in layered.routes:
        if row_of[parent] == row_of[child]:
            # Nesting within a level: a bracket under the row, from the parent's right part to
            # the child's left part (clear of the links that leave from the middle), arrowed.
            row = rows[row_of[parent]]
            drop = row.bottom - min(0.22, _GAP_CM / 4)
            side = 1 if x[child] > x[parent] else -1
            start = x[parent] + side * 0.5 * half[parent]
            end = x[child] - side * 0.5 * half[child]
            nest = FancyArrowPatch(
                path=Path([(start, row.bottom), (start, drop), (end, drop), (end, row.bottom)]),
                arrowstyle="-|>,head_length=3,head_width=1.6",
                color=_FAINT if (parent, child) in faint else INK,
                linestyle="--" if (parent, child) in faint else "-",
                linewidth=0.7,
                zorder=2,
            )
            nest.set_gid(f"nest-{parent}-{child}")
            ax.add_artist(nest)
            continue
        points = [(out_ports.get((parent, child), x[parent]), rows[row_of[parent]].bottom)]
        for v in path[1:-1]:
            row = rows[row_of[v]]
            points += [(x[v], row.top), (x[v], row.bottom)]
        points.append((in_ports.get((parent, child), x[child]), rows[row_of[child]].top))
        (dashed if (parent, child) in faint else solid).append(points)
    del n
    picture.edges = LineCollection(
        solid, colors=INK, linewidths=0.7, zorder=2, capstyle="round", joinstyle="round"
    )
    ax.add_collection(picture.edges)
    if dashed:
        ax.add_collection(
            LineCollection(dashed, colors=_FAINT, linewidths=0.7, linestyles="--", zorder=1.5)
        )


def _draw_boxes(
    ax: Axes,
    layered: Layered,
    boxes: Sequence[Box],
    *,
    rows: list[_Row],
    half: list[float],
    scale: float,
    fits: dict[int, Fit],
    box_kwargs: dict[str, Any],
    picture: MapPicture,
) -> None:
    radius_cm = 0.08
    for v, box in enumerate(boxes):
        row = rows[layered.row[v]]
        cx, w, h = layered.x[v], 2 * half[v], row.height
        side_pt = min(w * scale, h) * PT_PER_CM
        radius = min(radius_cm, 0.25 * side_pt / PT_PER_CM)
        kwargs: dict[str, Any] = {
            "boxstyle": f"round,pad=0,rounding_size={radius / scale}",
            "mutation_aspect": scale,
            "facecolor": box.fill[0] if len(box.fill) == 1 else "white",
            "edgecolor": box.edgecolor,
            "linewidth": min(box.linewidth, OUTLINE_SHARE * side_pt),
            "linestyle": box.linestyle,
            "zorder": 4,
        }
        if len(box.fill) == 1 and box.hatch[0]:
            kwargs["hatch"] = box.hatch[0]
            kwargs["hatchcolor"] = box.hatch_colour[0]
        kwargs.update(box_kwargs)
        patch = FancyBboxPatch((cx - w / 2, row.bottom), w, h, **kwargs)
        patch.set_gid(f"box-{box.id}")
        ax.add_artist(patch)
        picture.boxes[box.id] = patch
        picture.order.append(box.id)
        if len(box.fill) > 1:  # stripes, one per category, inside the outline
            for k, colour in enumerate(box.fill):
                stripe = Rectangle(
                    (cx - w / 2 + k * w / len(box.fill), row.bottom),
                    w / len(box.fill),
                    h,
                    facecolor=colour,
                    edgecolor="none",
                    hatch=box.hatch[k % len(box.hatch)] or None,
                    zorder=4.1,
                )
                stripe.set_hatchcolor(box.hatch_colour[k % len(box.hatch_colour)])
                stripe.set_clip_path(patch)
                ax.add_artist(stripe)
        for k, (mark, colour) in enumerate(box.badges):
            _draw_badge(ax, mark, colour, k, cx=cx, width_cm=w * scale, row=row, scale=scale)
        fit = fits.get(v)
        if fit is None:
            continue
        text_kwargs: dict[str, Any] = {"color": box.text_colour, "zorder": 6, "ha": "center"}
        if any(box.hatch):
            # A halo of the fill keeps text legible over a hatch.
            text_kwargs["path_effects"] = [withStroke(linewidth=1.8, foreground=box.fill[0])]
        if v in row.turned:
            picture.titles[box.id] = ax.text(
                cx,
                row.middle,
                fit.text,
                va="center",
                rotation=90,
                fontsize=fit.size,
                rotation_mode="anchor",
                gid=f"title-{box.id}",
                **text_kwargs,
            )
        else:
            size = fit.size
            lines = len(fit.lines) + 1
            block = lines * line_height(size) / PT_PER_CM
            start = row.middle + block / 2
            ax.text(cx, start, box.id, va="top", fontsize=size, fontweight="bold", **text_kwargs)
            picture.titles[box.id] = ax.text(
                cx,
                start - line_height(size) / PT_PER_CM,
                fit.text,
                va="top",
                fontsize=size,
                linespacing=1.2,
                gid=f"title-{box.id}",
                **text_kwargs,
            )


def _draw_badge(
    ax: Axes,
    mark: str,
    colour: str,
    number: int,
    *,
    cx: float,
    width_cm: float,
    row: _Row,
    scale: float,
) -> None:
    """Draw a round mark on the top edge: at a wide box's corner, in a narrow box's middle.

    Further marks of the same box (``number`` 1, 2 ...) go to the left, or below in a narrow box.
    A badge is at most as wide as its box; one too small for its mark at the smallest legible
    size is a plain disc, and its outline is a share of its width.
    """
    radius = min(0.17, 0.5 * width_cm, 0.25 * row.height)
    if width_cm >= 1.2:  # noqa: PLR2004
        centre = (cx + (width_cm / 2 - 0.05 - 2.1 * radius * number) / scale, row.top - 0.03)
    else:
        centre = (cx, row.top - 2.1 * radius * number)
    ax.add_artist(
        Ellipse(
            centre,
            2 * radius / scale,
            2 * radius,
            facecolor=colour,
            edgecolor="white",
            linewidth=min(0.6, OUTLINE_SHARE * 2 * radius * PT_PER_CM),
            zorder=7,
        )
    )
    size = 6.5 * radius / 0.17
    if size < _MIN_SIZE:
        return
    ax.text(
        centre[0],
        centre[1],
        mark,
        ha="center",
        va="center_baseline",
        fontsize=size,
        fontweight="bold",
        color="white",
        zorder=8,
    )


def _bridge_tracks(layered: Layered, links: Sequence[Link]) -> dict[int, int]:
    """Stack the bridges over each row so that no two on one track overlap: link → track."""
    x, row = layered.x, layered.row
    tracks: dict[int, int] = {}
    taken: dict[tuple[int, int], list[tuple[float, float]]] = {}
    same_row = [k for k, link in enumerate(links) if row[link.source] == row[link.target]]
    same_row.sort(key=lambda k: abs(x[links[k].source] - x[links[k].target]))
    for k in same_row:
        a, b = sorted((x[links[k].source], x[links[k].target]))
        track = 0
        while any(
            a <= hi + 0.3 and lo - 0.3 <= b
            for lo, hi in taken.get((row[links[k].source], track), [])
        ):
            track += 1
        taken.setdefault((row[links[k].source], track), []).append((a, b))
        tracks[k] = track
    return tracks


def _draw_links(
    ax: Axes,
    layered: Layered,
    *,
    rows: list[_Row],
    links: Sequence[Link],
    scale: float,
    picture: MapPicture,
) -> None:
    """Supports links (dotted arrows) and tensions (dashed vermillion curves marked ⚡).

    Links within a row bridge over it, at heights that keep them apart; links between rows are
    arcs. Both stand apart from the hierarchy: curved, dashed or dotted, and in colour.
    """
    tracks = _bridge_tracks(layered, links)
    centre = ((min(layered.x) + max(layered.x)) / 2, (rows[0].top + rows[-1].bottom) / 2)
    for k, link in enumerate(links):
        a, b = link.source, link.target
        ra, rb = rows[layered.row[a]], rows[layered.row[b]]
        xa, xb = layered.x[a], layered.x[b]
        tension = link.kind == "tension"
        style: dict[str, Any] = {
            "arrowstyle": "-" if tension else "-|>,head_length=4,head_width=2",
            "linestyle": (0, (4, 2)) if tension else (0, (1, 1.5)),
            "linewidth": 1.3 if tension else 1.0,
            "color": TENSION_COLOUR if tension else SUPPORT_COLOUR,
            "zorder": 3.5,  # under the boxes: a link never hides a title
        }
        if k in tracks:
            rise = 0.28 + 0.2 * tracks[k]
            path = Path(
                [(xa, ra.top), (xa, ra.top + rise), (xb, rb.top + rise), (xb, rb.top)],
                [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4],
            )
            arrow = FancyArrowPatch(path=path, **style)
            middle = ((xa + xb) / 2, ra.top + 0.75 * rise)
        else:
            # The arc bulges towards the middle of the drawing, never out over its edge.
            sx, sy, ex, ey = xa * scale, ra.middle, xb * scale, rb.middle
            dx, dy = ex - sx, ey - sy
            to_x, to_y = centre[0] * scale - (sx + ex) / 2, centre[1] - (sy + ey) / 2
            rad = 0.25 if dy * to_x - dx * to_y >= 0 else -0.25
            arrow = FancyArrowPatch(
                (xa, ra.middle),
                (xb, rb.middle),
                connectionstyle=f"arc3,rad={rad}",
                patchA=picture.boxes.get(_box_id(picture, a)),
                patchB=picture.boxes.get(_box_id(picture, b)),
                **style,
            )
            # The middle of matplotlib's arc3 curve, worked out in centimetres on the page.
            middle = (((sx + ex) / 2 + rad * dy / 2) / scale, (sy + ey) / 2 - rad * dx / 2)
        arrow.set_gid(f"{link.kind}-{a}-{b}")
        ax.add_artist(arrow)
        picture.links.append(arrow)
        if tension:
            ax.text(
                middle[0],
                middle[1],
                "⚡",
                ha="center",
                va="center",
                fontsize=6.5,
                color=TENSION_COLOUR,
                zorder=8,
                bbox={
                    "boxstyle": "circle,pad=0.12",
                    "facecolor": "white",
                    "edgecolor": TENSION_COLOUR,
                    "linewidth": 0.8,
                },
            )


def _box_id(picture: MapPicture, index: int) -> str:
    return picture.order[index]


def legend_line(label: str, **style: Any) -> Line2D:
    """Return a legend entry for a kind of link."""
    return Line2D([], [], label=label, **style)


def legend_box(label: str, **style: Any) -> Patch:
    """Return a legend entry for a kind of box."""
    return Patch(label=label, **style)


def legend_badge(label: str, mark: str, colour: str = INK) -> Line2D:
    """Return a legend entry for a badge: a circle with a mark in it."""
    return Line2D(
        [],
        [],
        label=label,
        marker=f"${mark}$" if mark else "o",
        markersize=7,
        markerfacecolor="white",
        markeredgecolor=colour,
        color="none",
    )
