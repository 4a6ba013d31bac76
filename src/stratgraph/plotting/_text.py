"""Measuring and wrapping text to fit boxes, without drawing it first.

Widths come from the font's own advance widths (cached per character), so hundreds of titles
can be fitted in milliseconds; kerning is ignored and covered by a small allowance.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

__all__ = [
    "MIN_SIZE",
    "Fit",
    "fit_text",
    "line_height",
    "needs_hyphen",
    "text_width",
    "truncate",
    "wrap",
]

#: No text of a figure is drawn smaller than this, in points at the figure's size: where a
#: label would need less, it is left off and the figure says so.
MIN_SIZE = 6.0
_KERNING_ALLOWANCE = 1.04
_LINE_SPACING = 1.2  # matplotlib's default linespacing
_ELLIPSIS = "…"


@cache
def _char_width(char: str, weight: str) -> float:
    """Advance width of ``char`` at 1 pt in the current sans-serif font."""
    prop = FontProperties(family="sans-serif", weight=weight, size=100)
    width, _, _ = TextToPath().get_text_width_height_descent(char, prop, ismath=False)
    return float(width) / 100


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return the width of one line of ``text`` in points at font ``size``."""
    weight = "bold" if bold else "normal"
    return size * _KERNING_ALLOWANCE * sum(_char_width(c, weight) for c in text)


def line_height(size: float) -> float:
    """Return the height of one line of text in points at font ``size``."""
    return size * _LINE_SPACING


_VOWELS = frozenset("aeiouyæøåéèêáàäöü")
# Consonant clusters that begin syllables, and so are not split.
_ONSETS = frozenset(
    {"ng", "ck", "ch", "th", "ph", "sh", "tr", "kr", "pr", "br", "dr", "gr", "fr", "pl", "bl"}
    | {"kl", "gl", "fl", "sl", "st", "sk", "sp", "sn", "sm", "sv", "kn", "str", "skr", "spr"}
    | {"spl", "sc", "sch", "tj", "dj", "kv"}
)


def _break_quality(word: str, cut: int) -> int:
    """How good a place to hyphenate ``word[:cut] | word[cut:]`` is: 0 best, 3 worst.

    Danish and English compounds: after a joining "s" (uddannelses|strategi), between two
    consonants that do not begin a syllable together (beskæf|tigelse), after a vowel before
    consonants that do (klima|strategi, øko|nomi); anything else last.
    """
    folded = word.casefold()
    left, right = folded[cut - 1], folded[cut]
    if left in "-–/":
        return 0
    if not (left.isalpha() and right.isalpha()):
        return 3
    before = folded[cut - 2] if cut >= 2 else ""  # noqa: PLR2004
    if left == "s" and right not in _VOWELS and (before == "e" or before not in _VOWELS | {"s"}):
        return 0
    if left not in _VOWELS and right not in _VOWELS and left + right not in _ONSETS:
        return 1
    onset = ""
    for char in folded[cut:]:
        if char in _VOWELS or not char.isalpha():
            break
        onset += char
    if left in _VOWELS and onset and (len(onset) == 1 or onset in _ONSETS):
        return 2
    return 3


def _break_word(word: str, width: float, size: float, *, bold: bool) -> list[str]:
    """Split a word too long for a line, with a hyphen at each break, at the best places."""
    pieces = []
    rest = word
    while text_width(rest, size, bold=bold) > width and len(rest) > 1:
        fitting = [
            cut
            for cut in range(1, len(rest))
            if text_width(rest[:cut] + "-", size, bold=bold) <= width
        ] or [1]
        longest = fitting[-1]
        good = [cut for cut in fitting if cut >= 3 and len(rest) - cut >= 3]  # noqa: PLR2004
        if good:
            # The best kind of place, as far right as it goes (but not much shorter than the
            # longest piece that fits).
            best = min(_break_quality(rest, cut) for cut in good if cut >= longest * 0.5)
            longest = max(
                cut for cut in good if cut >= longest * 0.5 and _break_quality(rest, cut) == best
            )
        pieces.append(rest[:longest] + ("" if rest[longest - 1] in "-–/" else "-"))
        rest = rest[longest:]
    pieces.append(rest)
    return pieces


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Wrap ``text`` greedily into lines no wider than ``width`` points at font ``size``.

    Existing line breaks are kept; a word longer than a line is hyphenated.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold=bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            pieces = _break_word(word, width, size, bold=bold)
            lines.extend(pieces[:-1])
            line = pieces[-1]
        lines.append(line)
    return lines


def truncate(line: str, width: float, size: float, *, bold: bool = False) -> str:
    """Shorten ``line`` with an ellipsis until it fits ``width`` points (or is one letter)."""
    if text_width(line, size, bold=bold) <= width:
        return line
    cut = len(line)
    while cut > 1 and text_width(line[:cut].rstrip() + _ELLIPSIS, size, bold=bold) > width:
        cut -= 1
    return line[:cut].rstrip() + _ELLIPSIS


@dataclass(frozen=True, slots=True)
class Fit:
    """Text fitted to a box: the lines and the font size; ``complete`` if nothing was cut."""

    lines: tuple[str, ...]
    size: float
    complete: bool

    @property
    def text(self) -> str:
        """The lines joined by line breaks."""
        return "\n".join(self.lines)


def fit_text(
    text: str, width: float, height: float, sizes: tuple[float, ...], *, bold: bool = False
) -> Fit:
    """Fit ``text`` into ``width`` × ``height`` points at the largest of ``sizes`` that holds it.

    ``sizes`` are tried in order (largest first), first without hyphenating any word, then with.
    When none holds the whole text, the smallest is used and the text is cut after the last line
    that fits, with an ellipsis.
    """
    for hyphenate in (False, True):
        for size in sizes:
            lines = wrap(text, width, size, bold=bold)
            if not hyphenate and any(
                text_width(word, size, bold=bold) > width for word in text.split()
            ):
                continue
            if len(lines) * line_height(size) <= height:
                return Fit(tuple(lines), size, complete=True)
    size = sizes[-1]
    lines = wrap(text, width, size, bold=bold)
    room = max(1, int(height // line_height(size)))
    kept = lines[:room]
    if len(lines) > room:
        kept[-1] = truncate(kept[-1] + _ELLIPSIS, width, size, bold=bold)
    kept = [truncate(line, width, size, bold=bold) for line in kept]
    return Fit(tuple(kept), size, complete=False)


def needs_hyphen(text: str, width: float, size: float, *, bold: bool = False) -> bool:
    """Return whether a word of ``text`` is wider than ``width`` points at ``size``."""
    return any(text_width(word, size, bold=bold) > width for word in text.split())
