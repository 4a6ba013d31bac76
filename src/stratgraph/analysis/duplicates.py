"""Near-duplicate goals: pairs of goal-level elements whose titles say nearly the same thing.

Titles are compared by the three-letter pieces they share, after folding case, punctuation and
spacing. Goals that share a folded title are searched as one title. Big maps are never compared
pair by pair: an exact prefix filter (an inverted index of each title's rarest trigrams) finds
the pairs that may reach the threshold, a bound on their overlap by trigram buckets drops most of
them, and only the rest are counted exactly; all of it in numpy, on every title at once.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from stratgraph._options import NearDuplicateSearch, check_choice, check_fraction, choices
from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import IntArray, distinct, index_of, ranges, remembered
from stratgraph.exceptions import StratgraphWarning

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from stratgraph.strategy_map import StrategyMap

__all__ = ["near_duplicate_clusters", "near_duplicates", "normalise_title", "title_similarity"]

# Trigram = (the three letters, which occurrence of them in the title): numbering the occurrences
# turns a title's multiset of trigrams into a set whose intersections count shared occurrences.
Trigram = tuple[str, int]
# Lowers the ceilings of the overlap bounds a hair, so that rounding can never raise a bound
# above the true least overlap (a lower bound that is too low only costs a candidate).
_EPS = 1e-9
#: Trigram buckets for the overlap bound: two titles share at most, in each bucket, the smaller
#: of their two counts there.
_BUCKETS = 32
#: Index matches looked at in one go: bounds the memory of the candidate search.
_CHUNK = 1 << 21
#: The index is cut into this many classes of places (see :func:`_candidates`).
_CLASSES = 6
#: "auto" runs the exact search while the index matches it will look at are at most this many
#: per distinct title, plus :data:`_EXACT_MATCHES`; else it compares whole words. Measured: the
#: synthetic titles (a small vocabulary, nearly all distinct: the worst case) take 660 matches
#: per title among 25 000 distinct titles (3 s) and 2 000 among 75 000, so the goals of 98
#: municipalities side by side (tens of thousands, many of them one title) stay exact; the
#: small maps under :data:`_EXACT_MATCHES` always do.
_EXACT_MATCHES_PER_TITLE = 2000
#: See :data:`_EXACT_MATCHES_PER_TITLE`: small maps always stay exact.
_EXACT_MATCHES = 1_000_000
#: The seed of the random keys of words (see :func:`_word_signatures`): the same every run.
_WORD_SEED = 20131105
#: Titles of more words give only the signatures with one word out (and their own).
_MAX_WORDS = 40


class _Fold(dict[int, int]):
    """``str.translate`` table: letters and digits stay, anything else becomes a space."""

    def __missing__(self, code: int) -> int:
        value = code if unicodedata.category(chr(code))[0] in "LN" else 32
        self[code] = value
        return value


_FOLD = _Fold()


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
    words = folded.translate(_FOLD).split()
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


def near_duplicates(
    smap: StrategyMap, /, *, threshold: float = 0.85, search: NearDuplicateSearch = "auto"
) -> pd.DataFrame:
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

    Goals whose folded titles are the same are searched as one title: 2 000 goals titled
    "Flere borgere i job" cost what one does, and their pairs (similarity 1) are written out,
    never scored. The filter saves the most where titles carry rare words. Distinct titles
    written from a small common vocabulary share even their rarest trigrams with a few per cent
    of all other titles, and then the exact work grows with the square of the number of distinct
    titles: about 3 s for 25 000 goals, minutes for 250 000 (see the performance page).

    ``search="words"`` finds the candidates another way: the pairs of titles whose words,
    each title less at most two of them, are the same and not none (two words added, removed or
    replaced on each side, in any order), by hashing every title's words less none, one or two
    of them (titles of more than 40 words: less none or one, so a pair of such titles two words
    apart can be missed). Every candidate is scored exactly, so no pair below ``threshold`` is
    ever reported; what can be missed is a pair three or more whole words apart, such as three
    words with other endings ("Flere unge borgere i uddannelse og beskæftigelse i hele kommunen"
    and "Flere unges borger i uddannelser og beskæftigelse i hele kommunen", 0.884), or two
    titles of one word each. Its work grows with
    the titles and with the pairs that share all but two words of each, not with every title
    that shares a rare trigram. ``search="auto"`` (the default) sets the exact search up, and
    runs it when the index matches it would look at are at most 2 000 per distinct title plus
    1 000 000; past that it searches by words, with a warning. Even on titles from a small
    vocabulary (the worst case), 25 000 distinct titles take 660 matches each and stay exact,
    so the goals of 98 municipalities side by side do; hundreds of thousands of distinct
    titles go by words.

    Parameters
    ----------
    smap
        The strategy map.
    threshold
        The least similarity, above 0 and at most 1, for a pair to be reported.
    search
        How candidate pairs are found: ``"exact"`` (every pair at or above ``threshold``),
        ``"words"`` (the pairs that differ by at most two words a side) or ``"auto"`` (exact
        while its work is bounded, else words).

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
    OptionError
        If ``threshold`` is not a number above 0 and at most 1, or ``search`` is not one of
        ``"auto"``, ``"exact"``, ``"words"``.

    Warns
    -----
    StratgraphWarning
        If ``search="auto"`` searched by words: it says how many distinct titles there were
        and what can be missed. Give ``search="exact"`` to compare them all.

    The number of pairs grows with the square of the size of a group of near-identical titles
    (1 000 goals that differ only by a number are 499 500 pairs): to find the groups, use
    :func:`near_duplicate_clusters`, which never holds all the pairs.

    See Also
    --------
    title_similarity : the measure.
    near_duplicate_clusters : the groups these pairs join into.
    audit : reports these groups as ``SG402 near-duplicate-goals``.

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
    >>> sg.near_duplicates(m, search="words").equals(pairs)
    True
    """
    return _searched(smap, "near_duplicates", _pairs, threshold, search)


def near_duplicate_clusters(
    smap: StrategyMap, /, *, threshold: float = 0.85, search: NearDuplicateSearch = "auto"
) -> pd.DataFrame:
    """Return the groups of goal-level elements joined by near-identical titles.

    Two goals are in one group when a chain of :func:`near_duplicates` pairs joins them (the
    connected components of the pairs): one row per group of two or more goals. The pairs are
    never all held: a candidate pair whose two goals are already joined is not scored, so 1 000
    goals that differ only by a number are one group, found in memory that grows with the
    goals, not with their 499 500 pairs. ``search`` picks how the candidate pairs are found,
    as for :func:`near_duplicates`.

    Parameters
    ----------
    smap
        The strategy map.
    threshold
        The least similarity, above 0 and at most 1, for two titles to join.
    search
        ``"exact"``, ``"words"`` or ``"auto"``: see :func:`near_duplicates`.

    Returns
    -------
    pandas.DataFrame
        One row per group, indexed by ``id`` (its first member in map order), in map order:

        - ``n_members`` (int): the number of goals in the group, 2 or more.
        - ``members`` (tuple of str): the ids of the group's goals in map order, ``id`` first.

    Raises
    ------
    OptionError
        If ``threshold`` is not a number above 0 and at most 1, or ``search`` is not one of
        ``"auto"``, ``"exact"``, ``"words"``.

    Warns
    -----
    StratgraphWarning
        If ``search="auto"`` searched by words (see :func:`near_duplicates`).

    See Also
    --------
    near_duplicates : the pairs, with their similarity.
    audit : reports these groups as ``SG402 near-duplicate-goals``.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.near_duplicate_clusters(m)
         n_members     members
    id
    G14          2  (G14, G40)
    >>> len(sg.near_duplicate_clusters(m, threshold=0.9))
    0
    """
    return _searched(smap, "near_duplicate_clusters", _clusters, threshold, search)


def _searched(
    smap: StrategyMap,
    name: str,
    compute: Callable[[StrategyMap, float, NearDuplicateSearch, list[int]], pd.DataFrame],
    threshold: object,
    search: object,
) -> pd.DataFrame:
    """Check the options, run ``compute`` once per state of the map, warn if it went by words."""
    fraction = check_fraction("threshold", threshold)
    how = check_choice("search", search, choices(NearDuplicateSearch))
    chose: list[int] = []
    found = remembered(smap, (name, fraction, how), lambda: compute(smap, fraction, how, chose))
    if chose:
        _warn_words(chose[0])
    return found


def _warn_words(k: int) -> None:
    """Warn, at the caller of the public function, that "auto" compared whole words."""
    warnings.warn(
        f"the {k} distinct goal titles are too many to compare exactly in bounded time; "
        "the search compared whole words: two titles that differ in more than two words "
        "(three words with other endings, say; in more than one, for titles of over "
        f'{_MAX_WORDS} words) can be missed; give search="exact" (near_duplicate_search="exact" '
        "in the audit) to compare every pair",
        StratgraphWarning,
        stacklevel=4,
    )


@dataclass(frozen=True, slots=True)
class _Titles:
    """The goals' titles folded, each distinct one once (see :func:`_distinct_titles`)."""

    #: The goals' map positions, in map order.
    goals: IntArray
    #: The distinct folded titles, numbered in the order they first appear ...
    folded: list[str]
    #: ... as numbered trigrams ...
    encoded: _Encoded
    #: ... each goal's number among them ...
    code: IntArray
    #: ... and the goals of each, in map order: ``members[ptr[u]:ptr[u + 1]]`` (goal numbers).
    ptr: IntArray
    members: IntArray


def _distinct_titles(smap: StrategyMap) -> _Titles:
    """Return the goals' folded titles, each distinct one once.

    Goals with the same folded title are one title to the search: across many municipalities
    thousands of goals read "Flere borgere i job", and their pairs are the answer itself, never
    candidates to score.
    """
    index = index_of(smap)
    goals = np.flatnonzero(index.rank == index.goal_rank)
    folded = [normalise_title(title) for title in index.titles_at(goals).tolist()]
    code, distinct_titles = pd.factorize(pd.Index(folded, dtype=object))
    code = code.astype(np.intp)
    members = np.argsort(code, kind="stable").astype(np.intp)
    ptr = np.concatenate(([0], np.cumsum(np.bincount(code, minlength=len(distinct_titles)))))
    folded_titles = distinct_titles.tolist()
    return _Titles(goals, folded_titles, _encode(folded_titles), code, ptr.astype(np.intp), members)


@gc_paused()
def _clusters(
    smap: StrategyMap,
    threshold: float,
    search: NearDuplicateSearch = "exact",
    chose: list[int] | None = None,
) -> pd.DataFrame:
    """Return the groups of goals joined by near-identical titles.

    If "auto" chose the words search, the number of distinct titles is appended to ``chose``.
    """
    index = index_of(smap)
    titles = _distinct_titles(smap)
    encoded = titles.encoded
    k = len(encoded.sizes)
    # Union-find over the distinct titles; `label` holds every title's root as of the last
    # chunk, so that pairs already joined are dropped at once, before any is scored.
    parent = list(range(k))

    def root(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    label = np.arange(k, dtype=np.intp)
    sizes = encoded.sizes
    chunks, by_words = _search(titles, threshold, search, label)
    if by_words and chose is not None:
        chose.append(k)
    for found, other in chunks:
        first, second = found, other
        turn = 0
        while len(first):
            # Score the first 2**turn pairs of every title still apart from its partner, join
            # those that reach the threshold, drop the pairs scored and the pairs now joined,
            # and repeat: the pairs inside a big group are dropped unscored.
            order = np.argsort(first, kind="stable")
            first, second = first[order], second[order]
            run = np.flatnonzero(np.diff(first, prepend=-1))
            nth = np.arange(len(first)) - np.repeat(run, np.diff(np.append(run, len(first))))
            pick = nth < 1 << turn
            a, b = first[pick], second[pick]
            shared = _overlaps(encoded, a, b)
            keep = 2 * shared / np.maximum(sizes[a] + sizes[b], 1) >= threshold
            for x, y in zip(a[keep].tolist(), b[keep].tolist(), strict=True):
                rx, ry = root(x), root(y)
                if rx != ry:
                    parent[max(rx, ry)] = min(rx, ry)
            # Refresh the labels of the titles in play only: a refresh of all k titles on
            # every turn of every chunk would cost more than the pairs.
            touched = distinct(np.concatenate((first, second)))
            label[touched] = [root(v) for v in touched.tolist()]
            rest = ~pick & (label[first] != label[second])
            first, second = first[rest], second[rest]
            turn += 1
    label[:] = [root(v) for v in range(k)]
    # Each goal's group: its title's. A title with no trigram at all is like no other, not
    # even the same title again (its similarity is 0), so its goals stay alone.
    n = len(titles.goals)
    group = np.where(sizes[titles.code] > 0, label[titles.code], k + np.arange(n))
    head = np.full(k + n, n, dtype=np.intp)
    np.minimum.at(head, group, np.arange(n, dtype=np.intp))  # the first member in map order
    label_of = head[group]
    ids = index.id_array[titles.goals] if n else np.zeros(0, dtype=object)
    sizes_of = np.bincount(label_of, minlength=n)
    grouped = np.flatnonzero(sizes_of[label_of] > 1)  # goals in a group, in map order
    order = grouped[np.argsort(label_of[grouped], kind="stable")]
    heads = np.flatnonzero(sizes_of > 1)
    bounds = np.cumsum(sizes_of[heads])
    members = [tuple(part) for part in np.split(ids[order], bounds[:-1])] if len(heads) else []
    return frame(
        ids[heads],
        {
            "n_members": (sizes_of[heads], "int64"),
            "members": (members, "object"),
        },
    )


@gc_paused()
def _pairs(
    smap: StrategyMap,
    threshold: float,
    search: NearDuplicateSearch = "exact",
    chose: list[int] | None = None,
) -> pd.DataFrame:
    """Return the pairs of goals with near-identical titles.

    If "auto" chose the words search, the number of distinct titles is appended to ``chose``.
    """
    index = index_of(smap)
    titles = _distinct_titles(smap)
    encoded = titles.encoded
    chunks, by_words = _search(titles, threshold, search)
    if by_words and chose is not None:
        chose.append(len(encoded.sizes))
    first, second = _distinct_pairs(chunks, len(encoded.sizes))
    shared = _overlaps(encoded, first, second)
    sizes = encoded.sizes
    score = 2 * shared / np.maximum(sizes[first] + sizes[second], 1)
    keep = score >= threshold
    # The pairs of goals: every goal of one title with every goal of the other, and the goals
    # of one title among themselves (similarity 1, unless the title has no trigram at all).
    alike = np.flatnonzero(sizes > 0)
    u = np.concatenate((first[keep], alike))
    v = np.concatenate((second[keep], alike))
    score = np.concatenate((score[keep], np.ones(len(alike))))
    count = np.diff(titles.ptr)
    times = count[u] * count[v]
    pair = np.repeat(np.arange(len(u), dtype=np.intp), times)
    step = np.arange(len(pair), dtype=np.intp) - np.repeat(np.cumsum(times) - times, times)
    a = titles.members[titles.ptr[u][pair] + step // count[v][pair]]
    b = titles.members[titles.ptr[v][pair] + step % count[v][pair]]
    score = score[pair]
    apart = a != b
    a, b, score = a[apart], b[apart], score[apart]
    first, second = np.minimum(a, b), np.maximum(a, b)
    same = u[pair][apart] == v[pair][apart]
    once = ~same | (a < b)  # a title's own goals come twice, as (a, b) and as (b, a)
    first, second, score = first[once], second[once], score[once]
    order = np.lexsort((second, first))  # map order of ``id``, then of ``other``
    first, second, score = first[order], second[order], score[order]
    goals = titles.goals
    ids = index.id_array[goals[first]] if len(first) else np.zeros(0, dtype=object)
    others = index.id_array[goals[second]] if len(second) else np.zeros(0, dtype=object)
    return frame(
        ids,
        {
            "other": (others, "str"),
            "title": (index.titles_at(goals[first]), "str"),
            "other_title": (index.titles_at(goals[second]), "str"),
            "similarity": (score, "float64"),
        },
    )


@dataclass(frozen=True, slots=True)
class _Encoded:
    """Titles as numbered trigrams, each title's sorted from rare to common.

    Trigrams are numbered by that global order (:attr:`ranks`, title after title;
    ``ranks[starts[i]:starts[i] + sizes[i]]`` are title ``i``'s, ascending), and counted per
    bucket of that number (:attr:`buckets`, one row per title).
    """

    ranks: IntArray
    starts: IntArray
    sizes: IntArray
    buckets: np.ndarray[Any, Any]


def _encode(folded: list[str]) -> _Encoded:
    """Return the numbered trigrams (see :func:`_trigrams`) of all ``folded`` titles at once."""
    k = len(folded)
    sizes = np.fromiter(map(len, folded), dtype=np.intp, count=k)  # a title has len() trigrams
    text = "".join(f" {title} " for title in folded)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    alphabet = sorted(map(ord, set(text)))
    lookup = np.zeros(alphabet[-1] + 1 if alphabet else 1, dtype=np.int64)
    lookup[alphabet] = np.arange(len(alphabet))
    letters = lookup[codes]
    width = max(len(alphabet), 1)
    total = int(sizes.sum())
    title = np.repeat(np.arange(k, dtype=np.int64), sizes)
    starts = np.cumsum(sizes) - sizes
    # The first letter of each trigram: each title sits in `text` with two more letters (its
    # padding), so trigram m of title i starts at m + 2 i.
    at = np.arange(total, dtype=np.int64) + 2 * title
    gram = (letters[at] * width + letters[at + 1]) * width + letters[at + 2]
    if width**3 > 8 * total:  # a large alphabet: number the trigrams that occur
        kinds, gram = np.unique(gram, return_inverse=True)
        n_grams = len(kinds)
    else:
        n_grams = width**3
    # Number repeated trigrams by occurrence: the pieces of the multiset become a set. Sorting
    # (title, trigram) keys, title after title, is cheap: the keys come in runs, one per title.
    order = np.argsort(title * n_grams + gram, kind="stable")
    numbered = gram[order]
    key = title * n_grams + numbered  # title is already in order
    run = np.flatnonzero(np.diff(key, prepend=-1))
    occurrence = np.arange(total) - np.repeat(run, np.diff(np.append(run, total)))
    repeat = occurrence > 0
    if repeat.any():
        extra = numbered[repeat] * (int(occurrence.max()) + 1) + occurrence[repeat]
        numbered[repeat] = n_grams + np.unique(extra, return_inverse=True)[1]
    # Rare first: by frequency, then by number; each title's trigrams in that order.
    frequency = np.bincount(numbered)
    rank_of = np.empty(len(frequency), dtype=np.int64)
    rank_of[np.lexsort((np.arange(len(frequency)), frequency))] = np.arange(len(frequency))
    ranks = rank_of[numbered]
    ranks = ranks[np.argsort(title * len(frequency) + ranks, kind="stable")]
    bucket = (ranks * 2654435761) % 4294967291 % _BUCKETS
    counts = np.bincount(title * _BUCKETS + bucket, minlength=k * _BUCKETS)
    dtype = np.uint8 if counts.max(initial=0) < 2**8 else np.uint16
    return _Encoded(ranks, starts, sizes, counts.astype(dtype).reshape(k, _BUCKETS))


def _candidates(titles: _Encoded, threshold: float) -> tuple[IntArray, IntArray]:
    """Return the pairs ``(i, j)``, ``i < j``, that may reach ``threshold``; no pair is lost.

    The pairs of :func:`_candidate_chunks`, each once, sorted by ``i`` and then ``j``.
    """
    return _distinct_pairs(_candidate_chunks(titles, threshold), len(titles.sizes))


def _distinct_pairs(
    chunks: Iterable[tuple[IntArray, IntArray]], k: int
) -> tuple[IntArray, IntArray]:
    """Return the pairs ``(i, j)`` of all ``chunks``, each once, sorted by ``i`` and then ``j``."""
    found: list[IntArray] = [np.zeros(0, dtype=np.int64)]
    found.extend(a.astype(np.int64) * k + b for a, b in chunks)
    pairs = distinct(np.concatenate(found))
    return (pairs // max(k, 1)).astype(np.intp), (pairs % max(k, 1)).astype(np.intp)


def _search(
    titles: _Titles, threshold: float, search: NearDuplicateSearch, label: IntArray | None = None
) -> tuple[Iterator[tuple[IntArray, IntArray]], bool]:
    """Return the chunks of candidate pairs of ``search``, and whether "auto" chose words.

    "auto" sets the exact search up and runs it when the index matches it will look at are no
    more than ``_EXACT_MATCHES_PER_TITLE`` per distinct title plus ``_EXACT_MATCHES``; else it
    leaves the set-up unused and searches by words.
    """
    encoded = titles.encoded
    k = len(encoded.sizes)
    if search != "words":
        prefix = _prefix_search(encoded, threshold)
        if prefix is None:
            return iter(()), False
        if search == "exact" or prefix.matches <= _EXACT_MATCHES_PER_TITLE * k + _EXACT_MATCHES:
            return prefix.chunks(label), False
    chunks = _word_chunks(titles.folded, encoded, threshold, label)
    return chunks, search == "auto"


def _word_signatures(folded: list[str]) -> tuple[np.ndarray[Any, Any], IntArray]:
    """Return the hashed word multisets of every title less none, one or two of its words.

    A multiset's hash is the sum (wrapping, 64 bits) of a random key per distinct word, so
    equal multisets hash alike whatever the order of the words. Each title gives its own
    (never the empty multiset; a word twice in a title gives one hash twice), sorted by hash:
    returned as the hashes and their titles.
    """
    split = [title.split() for title in folded]
    count = np.fromiter(map(len, split), dtype=np.intp, count=len(split))
    number, vocabulary = pd.factorize(pd.Index([w for words in split for w in words], dtype=object))
    keys = np.random.Generator(np.random.PCG64(_WORD_SEED)).integers(
        0, np.iinfo(np.uint64).max, size=len(vocabulary), dtype=np.uint64, endpoint=True
    )
    hashed = keys[number]
    starts = np.cumsum(count) - count
    hashes: list[np.ndarray[Any, Any]] = [np.zeros(0, dtype=np.uint64)]
    owners: list[IntArray] = [np.zeros(0, dtype=np.intp)]
    for m in distinct(count).tolist():
        if m == 0:
            continue
        rows = np.flatnonzero(count == m)
        grid = hashed[starts[rows][:, None] + np.arange(m)]  # one row of word keys per title
        full = grid.sum(axis=1, dtype=np.uint64)[:, None]
        parts = [full]
        if m >= 2:  # noqa: PLR2004 - one word out must leave one
            parts.append(full - grid)
        if 3 <= m <= _MAX_WORDS:  # noqa: PLR2004 - two words out must leave one
            i, j = np.triu_indices(m, 1)
            parts.append(full - grid[:, i] - grid[:, j])
        block = np.concatenate(parts, axis=1)
        hashes.append(block.ravel())
        owners.append(np.repeat(rows, block.shape[1]))
    hash_ = np.concatenate(hashes)
    order = np.argsort(hash_)
    return hash_[order], np.concatenate(owners)[order]


def _word_chunks(
    folded: list[str], titles: _Encoded, threshold: float, label: IntArray | None = None
) -> Iterator[tuple[IntArray, IntArray]]:
    """Yield the pairs ``(i, j)``, ``i < j``, of titles that differ by at most two words a side.

    Two titles are a candidate when some multiset of their words, each title less at most two
    of its words, is the same (and not empty): their hashes (see :func:`_word_signatures`) are
    equal. Every two titles with one hash are a pair; a pair too unequal in length to reach
    ``threshold``, or whose overlap bounded bucket by bucket falls short (as in the exact
    search), is left out. Chunks of about ``_CHUNK`` pairs; with ``label``, pairs of titles with
    the same label are left out, as in :meth:`_Prefix.chunks`.
    """
    sizes = titles.sizes
    k = len(sizes)
    if k < 2:  # noqa: PLR2004 - no pair
        return
    hash_, owner = _word_signatures(folded)
    total = len(hash_)
    head = np.ones(total, dtype=bool)
    head[1:] = hash_[1:] != hash_[:-1]
    run = np.flatnonzero(head)
    end = np.repeat(np.append(run[1:], total), np.diff(np.append(run, total)))
    # Each signature pairs with the later ones of its hash: a lone hash pairs with none.
    later = end - np.arange(total) - 1
    live = np.flatnonzero(later > 0)
    reach = np.cumsum(later[live])
    done = 0
    while done < len(live):
        base = int(reach[done - 1]) if done else 0
        stop = max(int(np.searchsorted(reach, base + _CHUNK, "right")), done + 1)
        at = live[done:stop]
        done = stop
        a = np.repeat(owner[at], later[at])
        b = owner[ranges(at + 1, at + 1 + later[at])]
        first, second = np.minimum(a, b), np.maximum(a, b)
        size_a, size_b = sizes[first], sizes[second]
        # Dice is at most 2 min / (|X| + |Y|); the slack keeps rounding from losing a pair.
        keep = (first != second) & (
            2 * np.minimum(size_a, size_b) >= threshold * (size_a + size_b) * (1 - _EPS)
        )
        if label is not None:
            keep &= label[first] != label[second]
        pairs = distinct(first[keep].astype(np.int64) * k + second[keep])
        first, second = pairs // k, pairs % k
        bound = np.minimum(titles.buckets[first], titles.buckets[second]).sum(axis=1)
        enough = bound >= threshold * (sizes[first] + sizes[second]) / 2 * (1 - _EPS)
        yield first[enough].astype(np.intp), second[enough].astype(np.intp)


def _candidate_chunks(
    titles: _Encoded, threshold: float, label: IntArray | None = None
) -> Iterator[tuple[IntArray, IntArray]]:
    """Yield the pairs ``(i, j)``, ``i < j``, that may reach ``threshold``, a chunk at a time.

    The exact search (see :func:`_prefix_search`): no pair is lost.
    """
    prefix = _prefix_search(titles, threshold)
    if prefix is not None:
        yield from prefix.chunks(label)


@dataclass(frozen=True, slots=True)
class _Prefix:
    """The exact search set up: the index and the probes, before any match is made."""

    index: _Index
    buckets: np.ndarray[Any, Any]
    need: IntArray
    probe: _Probes
    #: The index matches of the probes so far: ``end[-1]`` is the work the search will do.
    end: IntArray
    by_turn: IntArray

    @property
    def matches(self) -> int:
        """Return the number of index matches the search will look at."""
        return int(self.end[-1]) if len(self.end) else 0

    def chunks(self, label: IntArray | None = None) -> Iterator[tuple[IntArray, IntArray]]:
        """Yield the candidate pairs ``(i, j)``, ``i < j``, about ``_CHUNK`` matches at a time.

        With ``label`` (a group per title, which the caller may update between chunks), pairs
        of titles with the same label are left out as soon as they are found.
        """
        probe, end, by_turn = self.probe, self.end, self.by_turn
        k = len(by_turn)
        done = 0
        while done < len(probe.x):
            base = int(end[done - 1]) if done else 0
            stop = max(int(np.searchsorted(end, base + _CHUNK, "right")), done + 1)
            grouped = None if label is None else label[by_turn]
            pairs = _matches(self.index, self.buckets, self.need, probe.part(done, stop), grouped)
            done = stop
            a, b = by_turn[pairs // k], by_turn[pairs % k]
            yield np.minimum(a, b).astype(np.intp), np.maximum(a, b).astype(np.intp)


def _prefix_search(titles: _Encoded, threshold: float) -> _Prefix | None:
    """Set up the exact search for the pairs that may reach ``threshold``; ``None``: no pair.

    No pair is lost; a pair may come in more than one chunk. Each chunk holds at most about
    ``_CHUNK`` index matches, so that the memory is bounded whatever the number of pairs.

    With ``o`` shared trigrams, ``o >= t (|X| + |Y|) / 2``; and as the similarity is at most
    ``2 min / (|X| + |Y|)``, ``|Y| >= t / (2 - t) |X|``. Titles are taken from the shortest; a
    title ``Y`` taken earlier (``|Y| <= |X|``) needs ``o >= t |Y|`` and is indexed by its first
    ``|Y| - ceil(t |Y|) + 1`` trigrams from rare to common; ``X`` needs ``o >= t |X| / (2 - t)``
    and probes with its first ``|X| - ceil(t |X| / (2 - t)) + 1``. The first trigram two such
    titles share lies within both (prefix filtering). Sharing it at places ``i`` and ``j`` leaves
    room for at most ``min(|X| - i, |Y| - j)`` shared trigrams (positional filtering), which
    bounds ``|Y|`` from above by ``i`` and from below by ``j``: the index is kept in classes of
    places ``j`` and sorted by trigram and turn, so that one search finds, for each probe and
    class, just the earlier titles of the lengths that can still make it. Last, the pairs whose
    overlap, bounded bucket by bucket, falls short are dropped.
    """
    t = threshold
    n = titles.sizes
    k = len(n)
    if k < 2:  # noqa: PLR2004 - no pair
        return None
    title = np.repeat(np.arange(k, dtype=np.int64), n)
    place = np.arange(len(titles.ranks), dtype=np.int64) - titles.starts[title]
    ranks = titles.ranks
    # Titles are taken by (length, position) and numbered in that order (their turn): each pair
    # is found from its later title. before[L] is the first turn of a title of length L or more.
    by_turn = np.lexsort((np.arange(k), n))
    turn = np.empty(k, dtype=np.int64)
    turn[by_turn] = np.arange(k, dtype=np.int64)
    length = n[by_turn]
    before = np.searchsorted(length, np.arange(int(n.max()) + 2), "left")
    indexed = place < n[title] - np.ceil(t * n[title] - _EPS).astype(np.int64) + 1
    owner, where, gram = turn[title[indexed]], place[indexed], ranks[indexed]
    width = max(1, -(-int(where.max(initial=0) + 1) // _CLASSES))
    classes = where // width
    order = np.lexsort((owner, gram, classes))
    owner, where, classes, gram = owner[order], where[order], classes[order], gram[order]
    keys = gram * k + owner
    starts = np.searchsorted(classes, np.arange(_CLASSES + 1), "left")
    index = _Index(owner, length[owner], length[owner] - where, length)
    probes = place < n[title] - np.ceil(t * n[title] / (2 - t) - _EPS).astype(np.int64) + 1
    x, i, gram = turn[title[probes]], place[probes], ranks[probes]
    nx = length[x]
    # clipped before the cast: a tiny threshold makes the bound huge, past what int64 holds
    with np.errstate(over="ignore"):  # the smallest thresholds give inf, clipped to nx
        tallest = np.floor(np.minimum(2 * (nx - i) / t - nx + _EPS, nx)).astype(np.int64)
    last = np.minimum(x, before[np.minimum(tallest + 1, len(before) - 1)])
    queries: list[_Probes] = []
    for c in range(_CLASSES):
        # Sharing at place j or later leaves |Y| - j: |Y| >= (2 j + t |X|) / (2 - t).
        shortest = np.maximum(np.ceil((2 * c * width + t * nx) / (2 - t) - _EPS), 1)
        first = before[np.minimum(shortest.astype(np.int64), len(before) - 1)]
        some = np.flatnonzero(first < last)
        segment = keys[starts[c] : starts[c + 1]]
        low = np.searchsorted(segment, gram[some] * k + first[some], "left") + starts[c]
        high = np.searchsorted(segment, gram[some] * k + last[some], "left") + starts[c]
        hit = high > low
        queries.append(_Probes(x[some][hit], nx[some][hit], low[hit], high[hit]))
    probe = _Probes(
        *(np.concatenate([getattr(q, name) for q in queries]) for name in _Probes.__slots__)
    )
    # Probe in turn order: the pairs found then come in runs of one title, quick to sort.
    probe = probe.take(np.argsort(probe.x, kind="stable"))
    need = np.ceil(t * np.arange(2 * int(n.max()) + 1) / 2 - _EPS).astype(np.int64)
    buckets = titles.buckets[by_turn]
    end = np.cumsum(probe.high - probe.low)
    return _Prefix(index, buckets, need, probe, end, by_turn)


@dataclass(frozen=True, slots=True)
class _Index:
    """The indexed trigrams: their title (by turn), its length, and the trigrams from each on."""

    owner: IntArray
    length: IntArray
    room: IntArray
    #: The length of each title, by turn.
    lengths: IntArray


@dataclass(frozen=True, slots=True)
class _Probes:
    """Probes: the title (by turn), its length, and the stretch ``low:high`` of the index."""

    x: IntArray
    length: IntArray
    low: IntArray
    high: IntArray

    def part(self, start: int, stop: int) -> _Probes:
        """Return the probes ``start:stop``."""
        return _Probes(*(getattr(self, name)[start:stop] for name in _Probes.__slots__))

    def take(self, rows: IntArray) -> _Probes:
        """Return the probes at ``rows``."""
        return _Probes(*(getattr(self, name)[rows] for name in _Probes.__slots__))


def _matches(
    index: _Index,
    buckets: np.ndarray[Any, Any],
    need: IntArray,
    probe: _Probes,
    label: IntArray | None = None,
) -> IntArray:
    """Return the pairs ``x * k + y`` (turns; ``y`` the earlier) the probes find in the index."""
    k = len(buckets)
    match = ranges(probe.low, probe.high)
    hits = probe.high - probe.low
    length = index.length[match]
    ok = index.room[match] >= need[np.repeat(probe.length, hits) + length]  # room enough in Y
    xs, ys = np.repeat(probe.x, hits)[ok], index.owner[match][ok]
    if label is not None:
        apart = label[xs] != label[ys]
        xs, ys = xs[apart], ys[apart]
    pairs = distinct(xs * k + ys)
    x, y = pairs // k, pairs % k
    bound = np.minimum(buckets[x], buckets[y]).sum(axis=1)
    return pairs[bound >= need[index.lengths[x] + index.lengths[y]]]  # type: ignore[no-any-return]


def _overlaps(titles: _Encoded, first: IntArray, second: IntArray) -> IntArray:
    """Return the number of trigrams each pair of titles shares."""
    if not len(first):
        return np.zeros(0, dtype=np.intp)
    n, starts, ranks = titles.sizes, titles.starts, titles.ranks
    pair = np.concatenate(
        (np.repeat(np.arange(len(first)), n[first]), np.repeat(np.arange(len(first)), n[second]))
    )
    gram = np.concatenate(
        (
            ranks[ranges(starts[first], starts[first] + n[first])],
            ranks[ranges(starts[second], starts[second] + n[second])],
        )
    )
    base = int(ranks.max()) + 1
    keys = np.sort(pair * base + gram)
    twice = keys[1:] == keys[:-1]  # a trigram of both titles of a pair, once in each
    return np.bincount(keys[1:][twice] // base, minlength=len(first))
