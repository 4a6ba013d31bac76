"""The memo style: colours, hatches, fonts and vector settings for figures printed on A4.

:func:`memo_style` is a context manager (like seaborn's ``axes_style``); the palettes and the
words used on figures, in English and Danish, live here too so that every plot agrees.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from cycler import cycler
from matplotlib.colors import to_rgb

from stratgraph._options import Language, check_choice, choices

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "HATCHES",
    "LINESTYLES",
    "OKABE_ITO",
    "current_lang",
    "memo_rc",
    "memo_style",
    "resolve_lang",
    "tint",
    "word",
]

#: Okabe and Ito's colour-blind-safe palette (black left out: it is the ink of text and edges).
OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)

#: Hatches that tell categories apart where colour is lost (greyscale print), in palette order.
HATCHES: tuple[str, ...] = ("", "////", "....", "xxxx", "\\\\\\\\", "++++", "oooo", "----")

#: Line styles in the same spirit, for line plots in the memo style.
LINESTYLES: tuple[Any, ...] = ("-", "--", ":", "-.", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 2)))

#: Fills of the levels, top first: light tints that keep black text legible (as in DOT export).
LEVEL_FILLS: tuple[str, ...] = (
    "#f0e442",
    "#e8d5a9",
    "#9ad0f5",
    "#a6dcc8",
    "#f5c9a3",
    "#d9c2e4",
    "#dddddd",
)

#: The colour of tension links and other warnings: Okabe–Ito vermillion.
TENSION_COLOUR = "#D55E00"
#: Ink for text, outlines and hierarchy links.
INK = "#222222"
#: Links that are neither the chain nor a tension.
SUPPORT_COLOUR = "#555555"

_LANG: ContextVar[Language | None] = ContextVar("stratgraph_plot_lang", default=None)
_LANGS: tuple[Language, ...] = choices(Language)

_WORDS: dict[str, dict[str, str]] = {
    "hierarchy": {"en": "Chain (parent → child)", "da": "Kæde (over → under)"},
    "supports": {"en": "Supports", "da": "Understøtter"},
    "tension": {"en": "Tension ⚡", "da": "Spænding ⚡"},
    "finding": {"en": "Finding", "da": "Fund"},
    "no owner": {"en": "No owner", "da": "Ingen ejer"},
    "no agenda": {"en": "No agenda", "da": "Ingen dagsorden"},
    "owner": {"en": "Owner", "da": "Ejer"},
    "agenda": {"en": "Agenda", "da": "Dagsorden"},
    "level": {"en": "Level", "da": "Niveau"},
    "limit": {"en": "Limit ({limit})", "da": "Grænse ({limit})"},
    "over limit": {"en": "Over the limit", "da": "Over grænsen"},
    "within limit": {"en": "Within the limit", "da": "Inden for grænsen"},
    "count of": {"en": "Number of {what}", "da": "Antal {what}"},
    "per element": {"en": "{goals} per element", "da": "{goals} pr. element"},
    "per owner": {"en": "{goals} per owner", "da": "{goals} pr. ejer"},
    "shared": {"en": "Elements shared", "da": "Fælles elementer"},
    "cross cutting": {
        "en": "Cross-cutting elements by {by}",
        "da": "Tværgående elementer fordelt på {by}",
    },
    "lines of sight": {"en": "Lines of sight through {id}", "da": "Sigtelinjer gennem {id}"},
    "focus": {"en": "Element in focus", "da": "Element i fokus"},
    "budget flow": {
        "en": "Budget from {top} through {middle} to {bottom}",
        "da": "Budget fra {top} gennem {middle} til {bottom}",
    },
    "no money": {"en": "no money behind", "da": "ingen penge bag"},
    "total": {"en": "Total: {amount}", "da": "I alt: {amount}"},
    "unanchored": {"en": "Not anchored above", "da": "Ikke forankret opadtil"},
    "own budget": {"en": "Own budget", "da": "Eget budget"},
    "added": {"en": "Added", "da": "Ny"},
    "removed": {"en": "Removed", "da": "Fjernet"},
    "moved": {"en": "Moved", "da": "Flyttet"},
    "retitled": {"en": "Retitled", "da": "Ny titel"},
    "retyped": {"en": "New level", "da": "Nyt niveau"},
    "unchanged": {"en": "Unchanged", "da": "Uændret"},
    "diff title": {"en": "Changes from {old} to {new}", "da": "Ændringer fra {old} til {new}"},
    "no data": {"en": "Nothing to show", "da": "Intet at vise"},
    "untitled": {
        "en": "{n} boxes too small for a legible title are drawn without it",
        "da": "{n} bokse er for små til en læselig titel og er vist uden",
    },
    "unlabelled": {
        "en": "{n} bars too small for a legible label are drawn without it",
        "da": "{n} søjler er for små til en læselig tekst og er vist uden",
    },
    "no budgets": {
        "en": "Nothing to show: no element of the map has a budget",
        "da": "Intet at vise: intet element i kortet har et budget",
    },
    "money false": {
        "en": "Nothing to show: the schema says its maps carry no money",
        "da": "Intet at vise: skemaet siger, at dets kort ikke har penge",
    },
    "no shared": {
        "en": "Nothing to show: no two groups share an element",
        "da": "Intet at vise: ingen to grupper har et element til fælles",
    },
}


def word(key: str, lang: Language, **fields: object) -> str:
    """Return the figure text ``key`` in ``lang``, with ``fields`` filled in."""
    return _WORDS[key][lang].format(**fields)


def current_lang() -> Language | None:
    """Return the language set by the innermost :func:`memo_style`, or ``None``."""
    return _LANG.get()


def resolve_lang(lang: Language | None) -> Language:
    """Return ``lang``, else the memo style's language, else ``"en"``; check it is known."""
    chosen = lang if lang is not None else (_LANG.get() or "en")
    return check_choice("lang", chosen, _LANGS)


def tint(colour: str, amount: float = 0.55) -> str:
    """Return ``colour`` mixed with white (``amount`` of white), as ``#rrggbb``.

    Light tints keep black text legible on a box and print as distinct greys.
    """
    r, g, b = to_rgb(colour)
    mixed = (c + (1 - c) * amount for c in (r, g, b))
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)


#: Centimetres per inch, for figure sizes given as a memo would give them.
CM = 1 / 2.54
#: The width of a figure in a memo: A4 (21 cm) less margins.
MEMO_WIDTH = 16 * CM


def memo_rc() -> dict[str, Any]:
    """Return the rcParams of :func:`memo_style`."""
    return {
        "figure.figsize": (MEMO_WIDTH, 10 * CM),
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "savefig.bbox": "tight",
        "savefig.pad_inches": 0.04,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        # DejaVu Sans ships with matplotlib and has æ, ø, å, ⚡ and arrows.
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 8,
        "axes.titlesize": 9,
        "axes.titleweight": "bold",
        "axes.labelsize": 8,
        "xtick.labelsize": 7,
        "ytick.labelsize": 7,
        "legend.fontsize": 7,
        "legend.title_fontsize": 7,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "text.color": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "axes.prop_cycle": cycler(color=list(OKABE_ITO)) + cycler(linestyle=list(LINESTYLES)),
        "lines.linewidth": 1.2,
        "patch.linewidth": 0.6,
        "hatch.linewidth": 0.5,
        "image.cmap": "cividis",
        # Vector output: TrueType fonts in PDF and PostScript (editable, no Type 3), text as
        # paths in SVG (looks the same without the font), and fixed SVG ids so the same
        # figure gives the same file.
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "stratgraph",
    }


@contextmanager
def memo_style(
    lang: Language | None = None, *, rc: Mapping[str, Any] | None = None
) -> Iterator[dict[str, Any]]:
    """Style figures for a council memo printed on A4, in colour or black and white.

    Inside the ``with`` block: figures are 16 cm wide (A4 less margins), fonts legible at that
    size (DejaVu Sans, which has æ, ø and å), the colour cycle is Okabe and Ito's colour-blind-safe
    palette paired with line styles so that lines stay apart in greyscale (the map plots add
    hatches), PNGs are saved at 300 dpi, PDFs and PostScript embed TrueType fonts and SVG files
    come out the same every time. With ``lang="da"`` every ``plot_*`` function in the block
    labels in Danish unless it is given ``lang`` itself.

    Parameters
    ----------
    lang
        ``"en"`` or ``"da"``; ``None`` keeps the language of an enclosing block (default English).
    rc
        Further rcParams, applied over the memo style.

    Yields
    ------
    dict
        The rcParams in force.

    Raises
    ------
    OptionError
        If ``lang`` is not ``"en"``, ``"da"`` or ``None``.

    See Also
    --------
    plot_map : the strategy map, styled for a memo.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> with sg.memo_style(lang="da"):
    ...     ax = sg.plot_map(m)
    >>> [t.get_text() for t in ax.texts if t.get_text() in ("Strategi", "Effektmål")]
    ['Strategi', 'Effektmål']
    >>> round(ax.figure.get_figwidth() * 2.54)
    16
    """
    if lang is not None:
        resolve_lang(lang)
    params = memo_rc()
    if rc:
        params.update(rc)
    token = _LANG.set(lang) if lang is not None else None
    interactive = mpl.is_interactive()
    try:
        # matplotlib's stubs want literal rcParams keys; these are checked when set.
        with mpl.rc_context(params):  # type: ignore[arg-type]
            try:
                yield dict(params)
            finally:
                interactive = mpl.is_interactive()
    finally:
        # Jupyter's inline backend turns interactive mode on when it draws its first figure. If
        # that happens in this block, leaving the block must not turn it off again, or no later
        # figure of the notebook would show.
        mpl.interactive(interactive)
        if token is not None:
            _LANG.reset(token)
