from hypothesis import given

import stratgraph as sg
from strategies import analysis_maps, check_frame

COLUMNS = {"type": "str", "title": "str", "n_indicators": "int64", "measured": "bool"}
# The goals the bundled 2013 map gives indicators (its header lists them).
MEASURED_IN_2013 = {
    *("G1", "G2", "G3", "G3.1", "G4", "G7", "G9", "G11", "G-Æ1", "G-Æ2"),
    *("G14", "G14.1", "G16", "G17", "G18", "G19", "G26"),
}


@given(analysis_maps())
def test_indicator_coverage_lists_every_goal_with_its_indicators(m):
    found = sg.indicator_coverage(m)
    check_frame(found, COLUMNS)
    goals = [e for e in m if e.type == m.schema.goal_level]
    # A goal's children at the schema's measure level are its indicators too.
    measure = m.schema.measure_level
    counts = {
        e.id: len(e.indicators) + sum(m[c].type == measure for c in m.children(e.id)) for e in goals
    }
    expected = [(e.id, e.type, e.title, counts[e.id], counts[e.id] > 0) for e in goals]
    assert [
        (i, *row) for i, row in zip(found.index, found.itertuples(index=False), strict=True)
    ] == (expected)


def test_example_goals_without_indicator(example):
    found = sg.indicator_coverage(example)
    unmeasured = found.index[~found["measured"]]
    for goal in ("G5", "G8", "G12", "G13", "G20"):
        assert goal in unmeasured
    measured = found.index[found["measured"]].tolist()
    assert set(measured) == MEASURED_IN_2013
    assert measured == [i for i in example.ids if i in MEASURED_IN_2013]  # map order


def test_example_mix_of_measured_and_unmeasured_goals(example):
    found = sg.indicator_coverage(example)
    goals = [e for e in example if e.type == "effect_goal"]
    assert len(found) == len(goals)
    mix = found["measured"].value_counts()
    assert mix[True] == len(MEASURED_IN_2013)
    assert mix[False] == len(goals) - len(MEASURED_IN_2013)
    assert found["n_indicators"].sum() == sum(len(e.indicators) for e in goals)
