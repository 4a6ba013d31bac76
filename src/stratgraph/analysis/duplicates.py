"""Near-duplicate goals: pairs of goal-level elements whose titles say nearly the same thing.

Titles are compared by the three-letter pieces they share, after folding case, punctuation and
spacing; an exact prefix filter finds the candidate pairs, so big maps are never compared pair by
pair.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from stratgraph.analysis._frame import frame

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.strategy_map import StrategyMap

__all__ = ["near_duplicates", "normalise_title", "title_similarity"]

# Trigram = (the three letters, which occurrence of them in the title): numbering the occurrences
# turns a title's multiset of trigrams into a set whose intersections count shared occurrences.
Trigram = tuple[str, int]
# Lowers the ceilings of the overlap bounds a hair, so that rounding can never raise a bound
# above the true least overlap (a lower bound that is too low only costs a candidate).
_EPS = 1e-9


def normalise_title(title: str) -> str:
    """Return ``title`` folded for comparison: case, punctuation and spacing do not matter.

    The title is NFKC-normalised and case-folded; every run of characters that are not letters
    or digits (spaces, punctuation, symbols) becomes one space, and the ends are stripped. A title
    with no letter or digit at all is kept case-folded with its spacing collapsed instead, so that
    it still compares equal to itself.

    Examples
    --------
    >>> from stratgraph.analysis.duplicates import normalise_title
    >>> normalise_title("  Flere borgere i BESKÆFTIGELSE! ")
    'flere borgere i beskæftigelse'
    >>> normalise_title("Mindre dokumentation – mere tid til kerneopgaven")
    'mindre dokumentation mere tid til kerneopgaven'
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    chars = [c if unicodedata.category(c)[0] in "LN" else " " for c in folded]
    words = "".join(chars).split()
    return " ".join(words) if words else " ".join(folded.split())


def _trigrams(folded: str) -> list[Trigram]:
    """Return the trigrams of a folded title padded with one space at each end, numbered."""
    padded = f" {folded} "
    seen: Counter[str] = Counter()
    grams = []
    for k in range(len(padded) - 2):
        gram = padded[k : k + 3]
        seen[gram] += 1
        grams.append((gram, seen[gram]))
    return grams


def _dice(a: frozenset[Trigram], b: frozenset[Trigram]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def title_similarity(a: str, b: str) -> float:
    """Return the similarity of two titles, from 0 (nothing in common) to 1 (the same).

    Both titles are folded by :func:`normalise_title` and padded with a space at each end; the
    similarity is the Sørensen–Dice coefficient of their character trigrams, counted with
    repetition: ``2 * shared / (n_a + n_b)``, where a title of ``L`` folded characters has
    ``L`` trigrams. In words: the share of the titles' three-letter pieces that they have in
    common. It is symmetric, and 1 exactly when the folded titles have the same trigrams.

    Examples
    --------
    >>> from stratgraph.analysis.duplicates import title_similarity
    >>> round(title_similarity("Flere borgere i beskæftigelse",
    ...                        "Flere borgere i varig beskæftigelse"), 3)
    0.875
    >>> title_similarity("Sund mad", "sund  MAD!")
    1.0
    """
    x = frozenset(_trigrams(normalise_title(a)))
    y = frozenset(_trigrams(normalise_title(b)))
    return _dice(x, y)


def near_duplicates(smap: StrategyMap, /, *, threshold: float = 0.85) -> pd.DataFrame:
    """Return the pairs of goal-level elements whose titles are near-identical.

    Two goals are a pair when :func:`title_similarity` of their titles is at least
    ``threshold``: case, spacing and punctuation do not count, and a word or an ending more or
    less still gives a high score ("Flere borgere i beskæftigelse" and "Flere borgere i varig
    beskæftigelse": 0.875). Two goals that say the same thing split the attention and the money
    a goal should have, and blur whom the agreements answer to.

    Candidate pairs are found without comparing every pair, and without losing any: two titles
    with similarity ``t`` share at least ``t / (2 - t)`` of the trigrams of either, so with the
    trigrams ordered from rare to common they share one among the first ``1 - t / (2 - t)`` of
    each title's trigrams (prefix filtering), and a shared trigram late in both titles leaves too
    few to reach ``t`` (positional filtering). At the default threshold that is about the rarest
    quarter of each title's trigrams. Only the candidates are scored.

    Parameters
    ----------
    smap
        The strategy map.
    threshold
        The least similarity, above 0 and at most 1, for a pair to be reported.

    Returns
    -------
    pandas.DataFrame
        One row per pair, indexed by ``id`` (the element earlier in map order), in map order of
        ``id`` and then of ``other``:

        - ``other`` (str): the id of the other element.
        - ``title`` (str): the title of ``id``.
        - ``other_title`` (str): the title of ``other``.
        - ``similarity`` (float): the similarity of the two titles, ``threshold`` to 1.

    Raises
    ------
    ValueError
        If ``threshold`` is not a number above 0 and at most 1.

    See Also
    --------
    title_similarity : the measure.
    audit : reports these pairs as ``SG402 near-duplicate-goals``.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> pairs = sg.near_duplicates(m)
    >>> pairs[["other", "similarity"]].round(3)
        other  similarity
    id
    G14   G40       0.875
    >>> pairs.loc["G14", "other_title"]
    'Flere borgere i varig beskæftigelse'
    >>> len(sg.near_duplicates(m, threshold=0.9))
    0
    """
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0 < threshold <= 1
    ):
        msg = f"threshold must be a number above 0 and at most 1, not {threshold!r}"
        raise ValueError(msg)
    goal = smap.schema.goal_level
    goals = [e for e in smap if e.type == goal]
    grams = [frozenset(_trigrams(normalise_title(e.title))) for e in goals]
    rows: list[tuple[str, str, str, str, float]] = []
    for i, j in sorted(_candidates(grams, threshold)):
        score = _dice(grams[i], grams[j])
        if score >= threshold:
            rows.append((goals[i].id, goals[j].id, goals[i].title, goals[j].title, score))
    return frame(
        [row[0] for row in rows],
        {
            "other": ([row[1] for row in rows], "str"),
            "title": ([row[2] for row in rows], "str"),
            "other_title": ([row[3] for row in rows], "str"),
            "similarity": ([row[4] for row in rows], "float64"),
        },
    )


def _candidates(grams: list[frozenset[Trigram]], threshold: float) -> set[tuple[int, int]]:
    """Return the pairs ``(i, j)``, ``i < j``, that may reach ``threshold``; no pair is lost.

    With ``o`` shared trigrams, ``o >= t (|X| + |Y|) / 2``; and as the similarity is at most
    ``2 min / (|X| + |Y|)``, ``|Y| >= t / (2 - t) |X|``. Titles are taken from the smallest; a
    title ``Y`` taken earlier (``|Y| <= |X|``) needs ``o >= t |Y|`` and is indexed by its first
    ``|Y| - ceil(t |Y|) + 1`` trigrams in rarity order; ``X`` needs ``o >= t |X| / (2 - t)`` and
    probes with its first ``|X| - ceil(t |X| / (2 - t)) + 1``. The first trigram two such titles
    share lies within both (prefix filtering). Each shared trigram found at positions ``i`` and
    ``j`` bounds the overlap by the shares found so far plus ``1 + min(|X| - i, |Y| - j) - 1``;
    a pair whose bound falls short of ``t (|X| + |Y|) / 2`` is dropped (positional filtering).
    """
    t = threshold
    frequency: Counter[Trigram] = Counter(g for gs in grams for g in gs)
    ordered = [sorted(gs, key=lambda g: (frequency[g], g)) for gs in grams]
    index: dict[Trigram, list[tuple[int, int]]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for x in sorted(range(len(grams)), key=lambda k: (len(grams[k]), k)):
        xs = ordered[x]
        nx = len(xs)
        shortest = t * nx / (2 - t) - _EPS
        probe = nx - math.ceil(t * nx / (2 - t) - _EPS) + 1
        shared: dict[int, int] = {}  # y → trigrams shared so far, -1 once y is ruled out
        for i, gram in enumerate(xs[:probe]):
            for y, j in index.get(gram, ()):
                so_far = shared.get(y, 0)
                if so_far < 0:
                    continue
                ny = len(ordered[y])
                if ny < shortest:
                    shared[y] = -1
                    continue
                least = math.ceil(t * (nx + ny) / 2 - _EPS)
                if so_far + 1 + min(nx - i - 1, ny - j - 1) < least:
                    shared[y] = -1
                else:
                    shared[y] = so_far + 1
        pairs.update((min(x, y), max(x, y)) for y, n in shared.items() if n > 0)
        for j, gram in enumerate(xs[: nx - math.ceil(t * nx - _EPS) + 1]):
            index[gram].append((x, j))
    return pairs
