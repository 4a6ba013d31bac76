from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import analysis_maps, check_frame, hierarchy, rank

ELEMENT_COLUMNS = {"type": "str", "title": "str", "n_goals": "int64"}
OWNER_COLUMNS = {"n_goals": "int64"}


def overload_reference(m, limit):
    tree, level, g = hierarchy(m), rank(m), m.schema.goal_rank
    rows = []
    for e in m:
        joined = {x for x in (*tree.predecessors(e.id), *tree.successors(e.id)) if level[x] == g}
        if e.type == m.schema.measure_level:  # an indicator is shared, never overloaded
            continue
        if len(joined) > (0 if limit is None else limit):
            rows.append((e.id, e.type, e.title, len(joined)))
    return sorted(rows, key=lambda row: -row[3])


def owner_reference(m, limit):
    counts = Counter(e.owner for e in m if e.type == m.schema.goal_level and e.owner is not None)
    rows = [(owner, n) for owner, n in counts.items() if n > (0 if limit is None else limit)]
    return sorted(rows, key=lambda row: -row[1])


@given(analysis_maps(), st.none() | st.integers(0, 4))
def test_goal_overload_counts_the_goals_one_link_away(m, limit):
    found = sg.goal_overload(m, limit=limit)
    check_frame(found, ELEMENT_COLUMNS)
    assert [
        (i, *row) for i, row in zip(found.index, found.itertuples(index=False), strict=True)
    ] == (overload_reference(m, limit))
    owners = sg.goal_overload(m, limit=limit, per="owner")
    check_frame(owners, OWNER_COLUMNS, index_name="owner")
    assert list(zip(owners.index, owners["n_goals"], strict=True)) == owner_reference(m, limit)


def test_example_overloaded_strategy_and_agreement(example):
    found = sg.goal_overload(example)
    assert found.index.tolist()[:2] == ["S6", "A9"]
    assert found.loc["S6", "n_goals"] == 9
    assert found.loc["A9", "n_goals"] == 8
    assert (found["n_goals"] > 5).all()


def test_example_limit_none_lists_every_element_joined_to_a_goal(example):
    found = sg.goal_overload(example, limit=None)
    assert (found["n_goals"] > 0).all()
    assert found["n_goals"].is_monotonic_decreasing
    assert found.loc["G3", "n_goals"] == 1  # its sub-goal G3.1 (S1 is a strategy)
    assert "POL1" not in found.index  # a policy above strategies only
    assert found.loc["V1", "n_goals"] == 1  # G32, hung straight under the vision


def test_example_overload_per_owner(example):
    owners = sg.goal_overload(example, per="owner", limit=None)
    goals = [e for e in example if e.type == "effect_goal"]
    assert owners["n_goals"].sum() == len(goals)
    assert owners.loc["Økonomi og Personale", "n_goals"] == 7
    assert owners["n_goals"].is_monotonic_decreasing


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"per": "nonsense"}, r"^per='nonsense' is not valid; give one of 'element', 'owner'$"),
        ({"per": "Owner"}, r"^per='Owner' is not valid; give one of 'element', 'owner'$"),
        (
            {"limit": -1},
            r"^limit=-1 is not valid; give a whole number of 0 or more, or None \(every count",
        ),
        ({"limit": 2.5}, r"^limit=2.5 is not valid; give a whole number"),
        ({"limit": True}, r"^limit=True is not valid; give a whole number"),
    ],
)
def test_bad_options_say_what_is_valid(example, options, message):
    with pytest.raises(sg.OptionError, match=message):
        sg.goal_overload(example, **options)


def test_by_is_the_old_name_of_per(example):
    with pytest.warns(
        FutureWarning, match=r"goal_overload\(by='owner'\) is renamed .*per='owner'"
    ) as w:
        owners = sg.goal_overload(example, by="owner", limit=None)
    assert w[0].filename == __file__  # the warning points at the caller's line
    assert owners.equals(sg.goal_overload(example, per="owner", limit=None))
    assert owners.index.name == "owner"
    with (
        pytest.warns(FutureWarning, match="renamed"),
        pytest.raises(sg.OptionError, match=r"^by='unit' is not valid; give one of 'element'"),
    ):
        sg.goal_overload(example, by="unit")
