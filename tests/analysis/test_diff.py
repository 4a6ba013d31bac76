import math

import pytest
from hypothesis import given

import stratgraph as sg
from strategies import check_frame, edited_maps, examples
from stratgraph.analysis.diff import CHANGES

COLUMNS = {
    "change": "str",
    "changes": "object",
    "old_type": "str",
    "new_type": "str",
    "old_title": "str",
    "new_title": "str",
    "old_parents": "object",
    "new_parents": "object",
}


@pytest.fixture(scope="module")
def years():
    return sg.datasets.load("eksempel-2012"), sg.datasets.load("eksempel-2013")


def reference(old, new):
    """Each changed id with the set of its changes, by set arithmetic on the plain data."""
    changes = {eid: {"added"} for eid in new.types.keys() - old.types.keys()}
    changes.update({eid: {"removed"} for eid in old.types.keys() - new.types.keys()})
    for eid in old.types.keys() & new.types.keys():
        found = set()
        if old.types[eid] != new.types[eid]:
            found.add("retyped")
        if old.titles[eid] != new.titles[eid]:
            found.add("retitled")
        if old.parents[eid] != new.parents[eid]:
            found.add("moved")
        if found:
            changes[eid] = found
    return changes


def value(cell):
    """A cell of a text column as Python: NaN (a missing text) becomes None."""
    return None if isinstance(cell, float) and math.isnan(cell) else cell


@given(edited_maps())
@examples(1.5)
def test_diff_agrees_with_a_set_based_reference(versions):
    old, new = versions
    d = sg.diff(old.smap, new.smap)
    check_frame(d, COLUMNS)
    expected = reference(old, new)
    assert d.index.is_unique
    assert {eid: set(c) for eid, c in d["changes"].items()} == expected
    # Rows: the new map's order, then the removed elements in the old map's order.
    in_new = [eid for eid in new.smap.ids if eid in expected]
    gone = [eid for eid in old.smap.ids if eid not in new.types]
    assert d.index.tolist() == in_new + gone
    for eid, row in d.iterrows():
        assert row["changes"] == tuple(c for c in CHANGES if c in expected[eid])
        assert row["change"] == row["changes"][0]
        assert value(row["old_type"]) == old.types.get(eid)
        assert value(row["new_type"]) == new.types.get(eid)
        assert value(row["old_title"]) == old.titles.get(eid)
        assert value(row["new_title"]) == new.titles.get(eid)
        for version, column in ((old, "old_parents"), (new, "new_parents")):
            parents = row[column]
            if eid in version.types:
                assert set(parents) == version.parents[eid]
                order = version.smap.ids
                assert list(parents) == sorted(parents, key=order.index)
            else:
                assert parents is None


@given(edited_maps())
@examples(1.5)
def test_diff_summary_counts_the_reference(versions):
    old, new = versions
    expected = reference(old, new)
    s = sg.diff_summary(old.smap, new.smap)
    for change in CHANGES:
        assert getattr(s, change) == sum(change in c for c in expected.values()), change
    both = old.types.keys() & new.types.keys()
    assert s.unchanged == len(both - expected.keys())
    assert (s.old_elements, s.new_elements) == (len(old.types), len(new.types))
    old_goals = {eid for eid, t in old.types.items() if t == "effect_goal"}
    new_goals = {eid for eid, t in new.types.items() if t == "effect_goal"}
    assert (s.old_goals, s.new_goals) == (len(old_goals), len(new_goals))
    assert s.goals_kept == len(old_goals & new_goals)
    assert s.goals_added == len(new_goals - old_goals)
    if old_goals:
        assert s.goal_continuity == len(old_goals & new_goals) / len(old_goals)
    else:
        assert math.isnan(s.goal_continuity)
    assert s.to_dict()["goals_kept"] == s.goals_kept


@given(edited_maps())
@examples(0.5)
def test_a_map_has_no_changes_against_itself(versions):
    old, _ = versions
    d = sg.diff(old.smap, old.smap)
    assert d.empty
    check_frame(d, COLUMNS)
    s = sg.diff_summary(old.smap, old.smap)
    assert s.unchanged == len(old.types)
    assert s.added == s.removed == s.moved == 0


def test_empty_maps_give_the_documented_columns():
    d = sg.diff(sg.StrategyMap(), sg.StrategyMap())
    assert d.empty
    check_frame(d, COLUMNS)
    assert math.isnan(sg.diff_summary(sg.StrategyMap(), sg.StrategyMap()).goal_continuity)


def test_example_years_added_removed_retitled_moved_goals(years):
    old, new = years
    d = sg.diff(old, new)
    goals = d[(d["old_type"] == "effect_goal") | (d["new_type"] == "effect_goal")]

    def having(change):
        return sorted(goals.index[goals["changes"].map(lambda c: change in c)])

    assert having("added") == ["G40", "G41"]
    assert having("removed") == ["G10", "G24", "G33", "G6"]
    assert having("retitled") == ["G18", "G27", "G3"]
    assert having("moved") == ["G23", "G4"]
    assert d.loc["G4", "old_parents"] == ("S1",)
    assert d.loc["G4", "new_parents"] == ("S5",)
    assert d.loc["G23", "old_parents"] == ("S3",)
    assert d.loc["G23", "new_parents"] == ("S6",)
    assert d.loc["G3", "old_title"] == "Bedre sprogudvikling i dagtilbud"
    assert d.loc["G3", "new_title"] == "Styrket sprog og trivsel i dagtilbud"


def test_example_years_hif_is_retyped_from_project_to_agreement(years):
    d = sg.diff(*years)
    hif = d.loc["HIF"]
    assert hif["change"] == "retyped"
    assert "retyped" in hif["changes"]
    assert (hif["old_type"], hif["new_type"]) == ("project", "agreement")
    assert d[d["change"] == "retyped"].index.tolist() == ["HIF"]


def test_example_years_goal_continuity_is_31_of_35(years):
    s = sg.diff_summary(*years)
    assert (s.goals_kept, s.old_goals) == (31, 35)
    assert s.goal_continuity == pytest.approx(31 / 35)
    assert s.goals_added == 2
    assert "31/35" in str(s)


def test_the_diff_leaves_both_maps_unchanged(years):
    old, new = years
    before = (old.to_json(), new.to_json())
    sg.diff(old, new)
    sg.diff_summary(old, new)
    assert (old.to_json(), new.to_json()) == before


def test_maps_with_different_levels_cannot_be_compared(years):
    okr = sg.StrategyMap(schema="okr")
    with pytest.raises(sg.SchemaError, match=r"different levels.*'vision'.*'mission'"):
        sg.diff(years[0], okr)
    with pytest.raises(ValueError, match="different levels"):
        sg.diff_summary(okr, years[1])


def test_maps_with_different_goal_levels_cannot_be_compared():
    a = sg.StrategyMap(schema=sg.Schema(levels=["theme", "goal", "task"], goal_level="goal"))
    b = sg.StrategyMap(schema=sg.Schema(levels=["theme", "goal", "task"], goal_level="theme"))
    with pytest.raises(sg.SchemaError, match=r"different goal levels: old 'goal', new 'theme'"):
        sg.diff(a, b)


def test_schemas_that_differ_only_in_labels_and_flags_can_be_compared():
    loose = sg.Schema(
        levels=[
            sg.Level(name="theme", optional=True),
            "goal",
            sg.Level(name="task", label_da="Opgave"),
        ],
        goal_level="goal",
    )
    strict = sg.Schema(levels=["theme", "goal", "task"], goal_level="goal")
    old = sg.StrategyMap([{"id": "G1", "type": "goal", "title": "Mål"}], schema=strict)
    new = sg.StrategyMap(
        [
            {"id": "G1", "type": "goal", "title": "Mål"},
            {"id": "T1", "type": "task", "title": "Opgave", "parents": ["G1"]},
        ],
        schema=loose,
    )
    d = sg.diff(old, new)
    assert d.index.tolist() == ["T1"]
    assert d.loc["T1", "change"] == "added"
    assert sg.diff_summary(old, new).goal_continuity == 1.0
