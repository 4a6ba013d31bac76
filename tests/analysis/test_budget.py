import math

import networkx as nx
import pytest
from hypothesis import given

import stratgraph as sg
from strategies import analysis_maps, check_frame, hierarchy

COLUMNS = {"type": "str", "title": "str", "budget": "float64", "rolled_budget": "float64"}


def rolled_reference(m, *, split):
    """Each element's own budget plus every descendant's, once per path down to it.

    With ``split``, the budget is divided at every step of the path by the number of parents of
    the element stepped into (the child with k parents gives 1/k to each).
    """
    tree = hierarchy(m)
    own = {e.id: e.budget or 0.0 for e in m}
    rolled = {}
    for e in m:
        total = own[e.id]
        for d in nx.descendants(tree, e.id):
            for path in nx.all_simple_paths(tree, e.id, d):
                share = own[d]
                if split:
                    for step in path[1:]:
                        share /= tree.in_degree(step)
                total += share
        rolled[e.id] = total
    return rolled


@given(analysis_maps())
def test_budget_rollup_agrees_with_the_paths_and_counts_nothing_twice(m):
    for split in (True, False):
        money = sg.budget_rollup(m, split=split)
        check_frame(money, COLUMNS)
        assert money.index.tolist() == m.ids
        assert money["type"].tolist() == [e.type for e in m]
        assert money["title"].tolist() == [e.title for e in m]
        own = money["budget"].tolist()
        assert [None if math.isnan(b) else b for b in own] == [e.budget for e in m]
        expected = rolled_reference(m, split=split)
        assert money["rolled_budget"].tolist() == pytest.approx([expected[i] for i in m.ids])
        if split:
            roots = [e.id for e in m if not m.parents(e.id)]
            total = sum(e.budget or 0.0 for e in m)
            assert money.loc[roots, "rolled_budget"].sum() == pytest.approx(total)


def test_example_goals_without_money_below_them(example):
    money = sg.budget_rollup(example)
    assert money.loc["G13", "rolled_budget"] == 0
    assert money.loc["G30", "rolled_budget"] == 0
    assert math.isnan(money.loc["G13", "budget"])
    assert money.loc["G7", "rolled_budget"] >= 750_000  # its own budget counts


def test_example_split_adds_up_to_the_total(example):
    money = sg.budget_rollup(example)
    roots = [e.id for e in example if not example.parents(e.id)]
    assert money.loc[roots, "rolled_budget"].sum() == pytest.approx(money["budget"].sum())


def test_without_split_a_shared_child_counts_fully_for_each_parent(example):
    shared = sg.budget_rollup(example, split=False)
    split = sg.budget_rollup(example, split=True)
    # P20 (350 000 kr.) has two parents, A7 and A2.
    assert example.parents("P20") == ["A7", "A2"]
    assert shared.loc["P20", "rolled_budget"] == split.loc["P20", "rolled_budget"] == 350_000
    assert (shared["rolled_budget"] >= split["rolled_budget"] - 1e-6).all()
    roots = [e.id for e in example if not example.parents(e.id)]
    assert shared.loc[roots, "rolled_budget"].sum() > shared["budget"].sum()


def test_a_diamond_shares_the_budget_between_parents():
    m = sg.StrategyMap(
        [
            {"id": "S1", "type": "strategy", "title": "s1"},
            {"id": "G1", "type": "effect_goal", "title": "g1", "parents": ["S1"]},
            {"id": "G2", "type": "effect_goal", "title": "g2", "parents": ["S1"]},
            {"id": "P1", "type": "project", "title": "p", "budget": 90, "parents": ["G1", "G2"]},
        ]
    )
    split = sg.budget_rollup(m)["rolled_budget"].to_dict()
    assert split == {"S1": 90.0, "G1": 45.0, "G2": 45.0, "P1": 90.0}
    shared = sg.budget_rollup(m, split=False)["rolled_budget"].to_dict()
    assert shared == {"S1": 180.0, "G1": 90.0, "G2": 90.0, "P1": 90.0}


@pytest.mark.parametrize("split", ["yes", 1, None])
def test_split_must_be_a_bool(example, split):
    with pytest.raises(sg.OptionError) as info:
        sg.budget_rollup(example, split=split)
    assert str(info.value) == f"split={split!r} is not valid; give True or False"
