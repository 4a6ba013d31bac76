import random
from collections import Counter
from itertools import combinations
from unittest.mock import patch

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
