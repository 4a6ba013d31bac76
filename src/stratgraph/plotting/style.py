"""The memo style: colours, hatches, fonts and vector settings for figures printed on A4.

:func:`memo_style` is a context manager (like seaborn's ``axes_style``); the palettes and the
words used on figures come from the language catalogue (:mod:`stratgraph._language`), which
also holds the language a ``memo_style(lang=...)`` block sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from cycler import cycler
from matplotlib.colors import to_rgb

from stratgraph._language import current_lang, resolve_lang, text, using
from stratgraph._options import invalid

if TYPE_CHECKING:
    from collections.abc import Iterator

    from stratgraph._options import Language

__all__ = [
    "HATCHES",
    "LINESTYLES",
    "OKABE_ITO",
    "STATUSES",
    "STATUS_STYLES",
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

#: The statuses of :func:`~stratgraph.progress_rollup`, in the order legends list them.
STATUSES: tuple[str, ...] = ("on_track", "at_risk", "off_track", "no_data", "dialogue")

#: Each status's colour from Okabe and Ito's colour-blind-safe palette (green, orange and
#: vermillion read as good, warning and bad to most readers, and stay apart for the
#: colour-blind), and a hatch of its own so that the statuses stay apart in greyscale print:
#: the worse the status, the denser the hatch; no data is left white.
STATUS_STYLES: dict[str, tuple[str, str]] = {
    "on_track": ("#009E73", ""),
    "at_risk": ("#E69F00", "////"),
    "off_track": ("#D55E00", "xxxx"),
    "no_data": ("#FFFFFF", "...."),
    "dialogue": ("#56B4E9", "oo"),
}

#: The colour of tension links and other warnings: Okabe–Ito vermillion.
TENSION_COLOUR = "#D55E00"
#: Ink for text, outlines and hierarchy links.
INK = "#222222"
#: Links that are neither the chain nor a tension.
SUPPORT_COLOUR = "#555555"


def word(key: str, lang: Language, **fields: object) -> str:
    """Return the catalogue's figure text ``key`` in ``lang``, ``fields`` filled in."""
    return text("figure." + key, lang, **fields)


def tint(colour: str, amount: float = 0.55) -> str:
    """Return ``colour`` mixed with white (``amount`` of white), as ``#rrggbb``.

    Light tints keep black text legible on a box and print as distinct greys.
    """
    r, g, b = to_rgb(colour)
    mixed = (c + (1 - c) * amount for c in (r, g, b))
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)


#: Centimetres per inch, for figure sizes given as a memo would give them.
CM = 1 / 2.54
#: Typographic points in a centimetre: text sizes are in points, the drawing in centimetres.
PT_PER_CM = 72 / 2.54
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
    labels in Danish unless it is given ``lang`` itself, and so do :func:`summary`,
    :func:`audit` and :func:`write_report`.

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
    if rc is not None:
        valid = "a mapping of matplotlib rcParams such as {'font.size': 9}, or None"
        if not isinstance(rc, Mapping):
            raise invalid("rc", rc, valid)
        unknown = [key for key in rc if key not in mpl.rcParams]
        if unknown:
            raise invalid("rc", rc, f"{valid} ({unknown[0]!r} is not an rcParam)")
        try:
            mpl.RcParams(rc)  # checks each name and value as matplotlib would when it is set
        except (KeyError, ValueError, TypeError) as err:
            raise invalid("rc", rc, f"{valid} ({str(err).strip(chr(34))})") from err
        params.update(rc)
    interactive = mpl.is_interactive()
    try:
        # matplotlib's stubs want literal rcParams keys; these are checked when set.
        with using(lang), mpl.rc_context(params):  # type: ignore[arg-type]
            try:
                yield dict(params)
            finally:
                interactive = mpl.is_interactive()
    finally:
        # Jupyter's inline backend turns interactive mode on when it draws its first figure. If
        # that happens in this block, leaving the block must not turn it off again, or no later
        # figure of the notebook would show.
        mpl.interactive(interactive)
