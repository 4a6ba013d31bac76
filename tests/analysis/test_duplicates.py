import random
from collections import Counter
from itertools import combinations
from unittest.mock import patch

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import check_frame, examples, titled_maps, titles
from stratgraph.analysis import duplicates
from stratgraph.analysis.duplicates import (
    _candidates,
    _encode,
    normalise_title,
    title_similarity,
)

COLUMNS = {"other": "str", "title": "str", "other_title": "str", "similarity": "float64"}

thresholds = st.one_of(
    st.sampled_from([0.85, 2 / 3, 0.5, 0.9, 1.0, 0.7, 0.75]),
    st.floats(min_value=0.05, max_value=1.0),
)


def dice(a, b):
    """Sørensen–Dice of the trigram multisets of two folded titles, padded: plain counting."""
    x, y = f" {a} ", f" {b} "
    grams_x = Counter(x[k : k + 3] for k in range(len(x) - 2))
    grams_y = Counter(y[k : k + 3] for k in range(len(y) - 2))
    shared = sum((grams_x & grams_y).values())
    return 2 * shared / (sum(grams_x.values()) + sum(grams_y.values()))


def candidate_pairs(folded, threshold):
    """The candidate pairs ``(i, j)`` of the blocking, as a set."""
    first, second = _candidates(_encode(folded), threshold)
    return set(zip(first.tolist(), second.tolist(), strict=True))


def all_pairs(m, threshold):
    """Every pair of goal-level elements, scored by plain counting: no blocking."""
    goals = [e for e in m if e.type == m.schema.goal_level]
    found = []
    for a, b in combinations(goals, 2):
        score = dice(normalise_title(a.title), normalise_title(b.title))
        if score >= threshold:
            found.append((a.id, b.id, a.title, b.title, score))
    return found


@given(titled_maps(), thresholds)
@examples(2)
def test_near_duplicates_agree_with_all_pairs(m, threshold):
    found = sg.near_duplicates(m, threshold=threshold)
    check_frame(found, COLUMNS)
    rows = list(
        zip(
            found.index,
            found["other"],
            found["title"],
            found["other_title"],
            found["similarity"],
            strict=True,
        )
    )
    assert rows == all_pairs(m, threshold)


@given(st.lists(titles(), min_size=2, max_size=30), thresholds)
@examples(2)
def test_blocking_keeps_every_pair_at_or_above_the_threshold(raw, threshold):
    folded = [normalise_title(t) for t in raw]
    candidates = candidate_pairs(folded, threshold)
    for i, j in combinations(range(len(folded)), 2):
        if dice(folded[i], folded[j]) >= threshold:
            assert (i, j) in candidates, (folded[i], folded[j])


@given(
    st.lists(
        st.text(st.sampled_from("ab "), min_size=1, max_size=12).filter(str.strip),
        min_size=2,
        max_size=12,
    ),
    thresholds,
)
@examples(2)
def test_blocking_keeps_every_pair_among_titles_of_few_letters(raw, threshold):
    # Two letters and spaces: trigrams repeat within a title, the hardest case for the filters.
    folded = [normalise_title(t) for t in raw]
    candidates = candidate_pairs(folded, threshold)
    for i, j in combinations(range(len(folded)), 2):
        if dice(folded[i], folded[j]) >= threshold:
            assert (i, j) in candidates


@given(titles(), titles())
def test_similarity_is_symmetric_and_between_0_and_1(a, b):
    score = title_similarity(a, b)
    assert score == dice(normalise_title(a), normalise_title(b))
    assert 0 <= score <= 1
    assert score == title_similarity(b, a)
    assert title_similarity(a, a) == 1.0


@pytest.mark.parametrize(
    ("title", "folded"),
    [
        ("  Flere borgere i BESKÆFTIGELSE! ", "flere borgere i beskæftigelse"),
        ("Mindre dokumentation – mere tid", "mindre dokumentation mere tid"),
        ("Sund\tmad\n(i alle køkkener)", "sund mad i alle køkkener"),
        ("CO₂-udledning", "co2 udledning"),
        ("?!", "?!"),
        ("  ? ! ", "? !"),
    ],
)
def test_normalise_title_folds_case_spacing_and_punctuation(title, folded):
    assert normalise_title(title) == folded


def test_the_example_pairs_g14_with_g40():
    m = sg.datasets.load("eksempel-2013")
    found = sg.near_duplicates(m)
    assert found.index.tolist() == ["G14"]
    assert found.loc["G14", "other"] == "G40"
    # 29 and 35 trigrams; 28 shared (only "i b" is lost where "varig " comes in).
    assert found.loc["G14", "similarity"] == 2 * 28 / 64
    assert sg.near_duplicates(m, threshold=0.9).empty


def test_only_goal_level_elements_are_compared():
    m = sg.StrategyMap(
        [
            {"id": "S1", "type": "strategy", "title": "Flere borgere i beskæftigelse"},
            {"id": "G1", "type": "effect_goal", "title": "Flere borgere i beskæftigelse"},
            {"id": "P1", "type": "project", "title": "flere borgere i beskæftigelse!"},
            {"id": "G2", "type": "effect_goal", "title": "FLERE BORGERE I BESKÆFTIGELSE."},
        ]
    )
    found = sg.near_duplicates(m)
    assert found.index.tolist() == ["G1"]
    assert found["other"].tolist() == ["G2"]
    assert found["similarity"].tolist() == [1.0]


def test_pairs_are_sorted_by_map_order_of_both_elements():
    m = sg.StrategyMap(
        [
            {"id": "Z", "type": "effect_goal", "title": "Sund mad"},
            {"id": "A", "type": "effect_goal", "title": "Sund mad!"},
            {"id": "M", "type": "effect_goal", "title": "sund mad"},
        ]
    )
    found = sg.near_duplicates(m)
    assert list(zip(found.index, found["other"], strict=True)) == [
        ("Z", "A"),
        ("Z", "M"),
        ("A", "M"),
    ]


@pytest.mark.parametrize("threshold", [0, -0.1, 1.01, float("nan"), "0.9", True, None])
def test_a_threshold_outside_0_to_1_is_refused(threshold):
    m = sg.datasets.load("eksempel-2013")
    with pytest.raises(
        sg.OptionError, match=r"^threshold=.* is not valid; give a number above 0 and at most 1$"
    ):
        sg.near_duplicates(m, threshold=threshold)


@pytest.mark.parametrize("m", [sg.StrategyMap(), sg.StrategyMap(schema="okr")])
def test_an_empty_map_gives_the_documented_columns(m):
    found = sg.near_duplicates(m)
    assert found.empty
    check_frame(found, COLUMNS)


def realistic_titles(n, seed):
    """Titles of 3 to 7 words from a vocabulary of 2 000 made-up words with Zipf frequencies."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    letters = "aaabdeeeeefgghiiijkkllmmnnnooprrrssstttuvyæøå"
    vocabulary = [
        "".join(rng.choice(letters) for _ in range(rng.randint(2, 12))) for _ in range(2000)
    ]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    return [" ".join(rng.choices(vocabulary, weights, k=rng.randint(3, 7))) for _ in range(n)]


def test_blocking_is_far_from_all_pairs_on_a_big_map():
    folded = realistic_titles(3000, seed=7)
    n_pairs = len(folded) * (len(folded) - 1) // 2
    assert len(candidate_pairs(folded, 0.85)) < n_pairs / 100
    assert len(candidate_pairs(folded, 0.7)) < n_pairs / 20


@given(st.lists(titles(), min_size=2, max_size=30), thresholds)
def test_the_candidates_do_not_depend_on_how_the_search_is_cut(raw, threshold):
    folded = [normalise_title(t) for t in raw]
    whole = candidate_pairs(folded, threshold)
    with patch.object(duplicates, "_CHUNK", 1):  # one index match at a time
        assert candidate_pairs(folded, threshold) == whole


def clusters_of_pairs(m, threshold):
    """Connected components of every qualifying pair, by plain union-find: no blocking."""
    ids = [e.id for e in m if e.type == m.schema.goal_level]
    group = {eid: {eid} for eid in ids}
    for a, b, *_ in all_pairs(m, threshold):
        if group[a] is not group[b]:
            joined = group[a] | group[b]
            for eid in joined:
                group[eid] = joined
    found = {min(g, key=ids.index): g for g in group.values() if len(g) > 1}
    return [
        (head, len(found[head]), tuple(sorted(found[head], key=ids.index)))
        for head in sorted(found, key=ids.index)
    ]


@given(titled_maps(), thresholds)
def test_near_duplicate_clusters_are_the_components_of_all_pairs(m, threshold):
    found = sg.near_duplicate_clusters(m, threshold=threshold)
    check_frame(found, {"n_members": "int64", "members": "object"})
    rows = list(zip(found.index, found["n_members"], found["members"], strict=True))
    assert rows == clusters_of_pairs(m, threshold)
    with patch.object(duplicates, "_CHUNK", 1):  # one index match at a time
        cut = duplicates._clusters(m, threshold)
    assert list(zip(cut.index, cut["n_members"], cut["members"], strict=True)) == rows


@st.composite
def templated_maps(draw):
    """Goals whose titles repeat a few templates: the same words, the case or spacing changed,
    a number or a word added, or nothing at all to fold (all of them are the same title)."""
    templates = draw(st.lists(titles(), min_size=1, max_size=4))
    n = draw(st.integers(2, 40))
    elements = [{"id": "S", "type": "strategy", "title": "Strategi"}]
    for i in range(n):
        title = draw(st.sampled_from(templates))
        variant = draw(st.integers(0, 5))
        if variant == 1:
            title = title.upper()
        elif variant == 2:
            title = f"  {title}!"
        elif variant == 3:
            title = f"{title} {draw(st.integers(0, 3))}"
        elif variant == 4:
            title = draw(st.sampled_from(["–", "!!", "…"]))
        kind = "effect_goal" if draw(st.integers(0, 5)) else "project"
        elements.append({"id": f"G{i}", "type": kind, "title": title, "parents": ["S"]})
    return sg.StrategyMap(elements)


@given(templated_maps(), thresholds)
def test_templated_titles_give_every_pair_of_all_pairs(m, threshold):
    found = sg.near_duplicates(m, threshold=threshold)
    check_frame(found, COLUMNS)
    rows = list(
        zip(
            found.index,
            found["other"],
            found["title"],
            found["other_title"],
            found["similarity"],
            strict=True,
        )
    )
    assert rows == all_pairs(m, threshold)


@given(templated_maps(), thresholds)
def test_templated_titles_cluster_as_the_components_of_all_pairs(m, threshold):
    found = sg.near_duplicate_clusters(m, threshold=threshold)
    rows = list(zip(found.index, found["n_members"], found["members"], strict=True))
    assert rows == clusters_of_pairs(m, threshold)


def test_thousands_of_goals_with_one_title_are_one_group_and_all_their_pairs():
    elements = [{"id": "S", "type": "strategy", "title": "Beskæftigelse"}]
    elements += [
        {"id": f"J{i}", "type": "effect_goal", "title": "Flere borgere i job", "parents": ["S"]}
        for i in range(2000)
    ]
    elements += [
        {"id": "K", "type": "effect_goal", "title": "FLERE borgere i job!"},
        {"id": "L", "type": "effect_goal", "title": "Flere borgere i jobs"},
    ]
    m = sg.StrategyMap(elements)
    found = sg.near_duplicate_clusters(m)
    assert found.index.tolist() == ["J0"]
    assert found.loc["J0", "members"] == (*(f"J{i}" for i in range(2000)), "K", "L")
    pairs = sg.near_duplicates(m)
    assert len(pairs) == 2002 * 2001 // 2
    assert (pairs.index[0], pairs["other"].iloc[0]) == ("J0", "J1")
    assert (pairs.index[-1], pairs["other"].iloc[-1]) == ("K", "L")
    score = title_similarity("Flere borgere i job", "Flere borgere i jobs")
    assert score == 2 * 18 / (19 + 20)  # "job " is not in "jobs"; "obs", "bs " are not in "job"
    assert (pairs.loc[pairs["other"] == "L", "similarity"] == score).all()
    assert (pairs.loc[pairs["other"] != "L", "similarity"] == 1.0).all()


def numbered_goals(n):
    """One strategy with ``n`` goals whose titles differ only by a number."""
    elements = [{"id": "S", "type": "strategy", "title": "Økonomi"}]
    elements += [
        {
            "id": f"G{i}",
            "type": "effect_goal",
            "title": f"Færre borgere på offentlig forsørgelse i kommunen {i}",
            "parents": ["S"],
        }
        for i in range(n)
    ]
    return sg.StrategyMap(elements)


@pytest.mark.parametrize("search", ["exact", "words"])
def test_goals_that_differ_by_a_number_are_one_cluster(search):
    m = numbered_goals(3000)  # 4 498 500 pairs: held all at once, they took gigabytes
    found = sg.near_duplicate_clusters(m, search=search)
    assert found.index.tolist() == ["G0"]
    assert found.loc["G0", "n_members"] == 3000
    assert found.loc["G0", "members"] == tuple(f"G{i}" for i in range(3000))


def test_clusters_take_a_threshold_like_the_pairs():
    m = sg.datasets.load("eksempel-2013")
    assert sg.near_duplicate_clusters(m, threshold=0.3)["members"].tolist() == [
        ("G2", "G-Æ2"),
        ("G9", "G23", "G41"),
        ("G14", "G40"),
    ]
    with pytest.raises(
        sg.OptionError, match=r"^threshold=0 is not valid; give a number above 0 and at most 1$"
    ):
        sg.near_duplicate_clusters(m, threshold=0)


# -- how the candidates are found: exact, by words, or chosen -------------------------------------


def folded_pairs(found):
    """The pairs of a frame as pairs of distinct folded titles (goals of one title left out)."""
    pairs = set()
    for a, b in zip(found["title"], found["other_title"], strict=True):
        x, y = normalise_title(a), normalise_title(b)
        if x != y:
            pairs.add((min(x, y), max(x, y)))
    return pairs


def brute_force_pairs(m, threshold):
    """Every two distinct folded goal titles at or above ``threshold``, by one matrix product.

    Each title is a 0/1 row over its numbered trigrams (the n-th "abc" of a title is its own
    column), so the product of the rows counts the trigrams two titles share: every pair is
    scored, nothing is filtered.
    """
    folded = sorted({normalise_title(e.title) for e in m if e.type == m.schema.goal_level})
    column: dict[tuple[str, int], int] = {}
    rows = []
    for title in folded:
        padded = f" {title} "
        seen = Counter()
        grams = []
        for k in range(len(padded) - 2):
            seen[padded[k : k + 3]] += 1
            grams.append(
                column.setdefault((padded[k : k + 3], seen[padded[k : k + 3]]), len(column))
            )
        rows.append(grams)
    x = np.zeros((len(folded), len(column)), dtype=np.float32)
    for i, grams in enumerate(rows):
        x[i, grams] = 1
    shared = x @ x.T
    size = np.array([len(t) for t in folded], dtype=np.float64)
    score = 2 * shared / np.maximum(size[:, None] + size[None, :], 1)
    i, j = np.nonzero(np.triu(score >= threshold, 1))
    return {(folded[a], folded[b]) for a, b in zip(i.tolist(), j.tolist(), strict=True)}


@pytest.mark.parametrize(("n", "seed"), [(6000, 1), (6000, 4), (8000, 0)])
def test_words_and_exact_give_the_pairs_of_all_pairs_on_synthetic_maps(n, seed):
    """The recall of the words search, measured against every pair scored: 1.0 on these maps.

    This is the measurement the contract asks of an approximate candidate stage, at the
    default threshold (the audit's). It is not 1.0 everywhere: at 100 000 elements the words
    search misses one pair in 126 (three words added), and at ``threshold=0.7`` pairs further
    apart qualify (3 of 11 missed on ``synthetic(6000, seed=4)``), as the performance page says.
    """
    m = sg.datasets.synthetic(n, seed=seed)
    exact = sg.near_duplicates(m, search="exact")
    words = sg.near_duplicates(m, search="words")
    pd.testing.assert_frame_equal(words, exact)
    expected = brute_force_pairs(m, 0.85)
    assert len(expected) > 0
    assert folded_pairs(exact) == expected


@pytest.mark.parametrize("seed", [0, 2])
def test_words_and_exact_give_the_same_pairs_on_a_map_of_20_000(seed):
    m = sg.datasets.synthetic(20_000, seed=seed)
    exact = sg.near_duplicates(m, search="exact")
    assert len(exact) > 10
    pd.testing.assert_frame_equal(sg.near_duplicates(m, search="words"), exact)
    pd.testing.assert_frame_equal(sg.near_duplicates(m), exact)  # auto: exact here


@pytest.mark.parametrize(
    "m",
    [
        sg.datasets.load("eksempel-2013"),
        sg.datasets.load_atlas("eksempel-atlas").combined(),
    ],
    ids=["eksempel-2013", "eksempel-atlas"],
)
def test_words_and_exact_give_the_pairs_of_all_pairs_on_the_examples(m):
    # At the default threshold; at 0.7 the atlas has pairs more than two words apart.
    exact = sg.near_duplicates(m, search="exact")
    words = sg.near_duplicates(m, search="words")
    pd.testing.assert_frame_equal(words, exact)
    assert folded_pairs(exact) == brute_force_pairs(m, 0.85)
    assert len(exact) > 0


WORDS = (
    "flere",
    "færre",
    "borgere",
    "borger",
    "unge",
    "ældre",
    "job",
    "uddannelse",
    "trivsel",
    "sund",
    "mad",
    "skole",
    "skoler",
    "sundhed",
    "kommunen",
    "i",
    "på",
    "for",
    "med",
    "og",
    "bedre",
    "mindre",
    "mere",
    "tid",
    "til",
)


@st.composite
def edited_titles(draw):
    """A title of 3 to 7 words and variants of it with up to two whole words added, removed
    or replaced, in any order."""
    base = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=7))
    variants = [base]
    for _ in range(draw(st.integers(1, 4))):
        words = list(base)
        for _ in range(draw(st.integers(0, 2))):
            edit = draw(st.sampled_from(["add", "remove", "replace"]))
            at = draw(st.integers(0, len(words) - 1))
            if edit == "add":
                words.insert(at, draw(st.sampled_from(WORDS)))
            elif edit == "remove" and len(words) > 1:
                del words[at]
            else:
                words[at] = draw(st.sampled_from(WORDS))
        variants.append(draw(st.permutations(words)) if draw(st.booleans()) else words)
    return [" ".join(words) for words in variants]


@given(st.lists(edited_titles(), min_size=1, max_size=4), st.sampled_from([0.85, 0.7, 0.5]))
def test_words_finds_every_pair_within_two_words_that_exact_finds(groups, threshold):
    elements = [
        {"id": f"G{i}", "type": "effect_goal", "title": title}
        for i, title in enumerate(t for group in groups for t in group)
    ]
    m = sg.StrategyMap(elements)
    exact = sg.near_duplicates(m, threshold=threshold, search="exact")
    words = sg.near_duplicates(m, threshold=threshold, search="words")
    exact_rows = set(zip(exact.index, exact["other"], exact["similarity"], strict=True))
    words_rows = set(zip(words.index, words["other"], words["similarity"], strict=True))
    assert words_rows <= exact_rows  # never a pair that is not one
    for a, b, score in exact_rows:
        x = Counter(normalise_title(m[a].title).split())
        y = Counter(normalise_title(m[b].title).split())
        if (x - y).total() <= 2 and (y - x).total() <= 2 and (x & y):
            assert (a, b, score) in words_rows, (m[a].title, m[b].title)


def three_inflected_words():
    """Two goals three words apart, each a different ending of the other's."""
    return sg.StrategyMap(
        [
            {
                "id": "G1",
                "type": "effect_goal",
                "title": "Flere unge borgere i uddannelse og beskæftigelse i hele kommunen",
            },
            {
                "id": "G2",
                "type": "effect_goal",
                "title": "Flere unges borger i uddannelser og beskæftigelse i hele kommunen",
            },
        ]
    )


def test_three_inflected_words_are_found_by_exact_and_auto_but_not_by_words():
    # The words search looks at whole words: "unge"/"unges", "borgere"/"borger" and
    # "uddannelse"/"uddannelser" are three words out on each side, one more than it allows.
    m = three_inflected_words()
    score = title_similarity(m["G1"].title, m["G2"].title)
    assert score == 2 * 57 / (64 + 65)  # 0.884
    for search in ("exact", "auto"):
        found = sg.near_duplicates(m, search=search)
        assert list(zip(found.index, found["other"], found["similarity"], strict=True)) == [
            ("G1", "G2", score)
        ]
        assert sg.near_duplicate_clusters(m, search=search)["members"].tolist() == [("G1", "G2")]
    assert sg.near_duplicates(m, search="words").empty
    assert sg.near_duplicate_clusters(m, search="words").empty


def test_auto_past_the_bound_warns_once_and_searches_by_words(monkeypatch):
    # The bound is per distinct title plus a constant: a bound below 0 puts this small map past
    # it (a real map gets there with hundreds of thousands of distinct titles).
    monkeypatch.setattr(duplicates, "_EXACT_MATCHES_PER_TITLE", 0)
    monkeypatch.setattr(duplicates, "_EXACT_MATCHES", -1)
    m = three_inflected_words()
    k = 2
    message = (
        rf"^the {k} distinct goal titles are too many to compare exactly in bounded time; the "
        r"search compared whole words: .* can be missed; give search=\"exact\" "
        r"\(near_duplicate_search=\"exact\" in the audit\) to compare every pair$"
    )
    with pytest.warns(sg.StratgraphWarning, match=message) as caught:
        found = sg.near_duplicates(m)
    assert len(caught) == 1
    assert caught[0].filename == __file__  # points at the caller
    pd.testing.assert_frame_equal(found, sg.near_duplicates(m, search="words"))
    assert found.empty  # the pair three words apart is what words can miss
    with pytest.warns(sg.StratgraphWarning, match=message) as caught:
        groups = sg.near_duplicate_clusters(m)
    assert len(caught) == 1
    assert groups.empty


def test_auto_past_the_bound_gives_the_words_pairs_of_a_synthetic_map(monkeypatch):
    m = sg.datasets.synthetic(6000, seed=2)
    monkeypatch.setattr(duplicates, "_EXACT_MATCHES_PER_TITLE", 0)
    monkeypatch.setattr(duplicates, "_EXACT_MATCHES", 0)
    with pytest.warns(sg.StratgraphWarning, match="compared whole words"):
        found = sg.near_duplicates(m)
    words = sg.near_duplicates(m, search="words")
    assert len(words) > 0
    pd.testing.assert_frame_equal(found, words)


def components(m, pairs):
    """Connected components of the pairs, by plain union-find, as the clusters' rows."""
    ids = [e.id for e in m if e.type == m.schema.goal_level]
    group = {eid: {eid} for eid in ids}
    for a, b in pairs:
        if group[a] is not group[b]:
            joined = group[a] | group[b]
            for eid in joined:
                group[eid] = joined
    found = {min(g, key=ids.index): g for g in group.values() if len(g) > 1}
    return [
        (head, len(found[head]), tuple(sorted(found[head], key=ids.index)))
        for head in sorted(found, key=ids.index)
    ]


@pytest.mark.parametrize("threshold", [0.85, 0.6])
def test_word_clusters_are_the_components_of_the_word_pairs(threshold):
    m = sg.datasets.synthetic(4000, seed=5)
    pairs = sg.near_duplicates(m, threshold=threshold, search="words")
    found = sg.near_duplicate_clusters(m, threshold=threshold, search="words")
    rows = list(zip(found.index, found["n_members"], found["members"], strict=True))
    assert len(rows) > 0
    assert rows == components(m, zip(pairs.index, pairs["other"], strict=True))
    with patch.object(duplicates, "_CHUNK", 7):  # a few pairs at a time
        cut = duplicates._clusters(m, threshold, "words")
    assert list(zip(cut.index, cut["n_members"], cut["members"], strict=True)) == rows


@given(templated_maps(), thresholds)
def test_templated_titles_cluster_alike_by_words_and_by_their_pairs(m, threshold):
    pairs = sg.near_duplicates(m, threshold=threshold, search="words")
    found = sg.near_duplicate_clusters(m, threshold=threshold, search="words")
    rows = list(zip(found.index, found["n_members"], found["members"], strict=True))
    assert rows == components(m, zip(pairs.index, pairs["other"], strict=True))


@pytest.mark.parametrize("search", ["fast", "Exact", None, 1])
def test_an_unknown_search_is_refused(search):
    m = sg.datasets.load("eksempel-2013")
    message = rf"^search={search!r} is not valid; give one of 'auto', 'exact', 'words'$"
    with pytest.raises(sg.OptionError, match=message):
        sg.near_duplicates(m, search=search)
    with pytest.raises(sg.OptionError, match=message):
        sg.near_duplicate_clusters(m, search=search)


def _long_pair(n_words):
    """Two goals of ``n_words`` distinct words each, two words replaced."""
    words = [f"ord{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(n_words)]
    other = [*words[:-2], "praktik", "idræt"]
    return sg.StrategyMap(
        [
            {"id": "G1", "type": "effect_goal", "title": " ".join(words)},
            {"id": "G2", "type": "effect_goal", "title": " ".join(other)},
        ]
    )


def test_long_titles_two_words_apart_are_found_up_to_the_documented_length():
    # Up to 40 words a title is searched with two words left out; past that with one, to bound
    # the work per title: a pair two words apart is then missed, as the docstring says.
    within = _long_pair(30)
    assert title_similarity(within["G1"].title, within["G2"].title) >= 0.85
    assert sg.near_duplicates(within, search="words")["other"].tolist() == ["G2"]
    beyond = _long_pair(45)
    assert sg.near_duplicates(beyond, search="exact")["other"].tolist() == ["G2"]
    assert sg.near_duplicates(beyond, search="words").empty
