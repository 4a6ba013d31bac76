import math

import networkx as nx
from hypothesis import given

import stratgraph as sg
from strategies import analysis_maps, check_frame, hierarchy, position

COLUMNS = {
    "type": "str",
    "title": "str",
    "other": "str",
    "other_type": "str",
    "other_title": "str",
    "note": "str",
    "double_binds": "object",
}


def tensions_reference(m):
    graph, tree, pos = m.to_networkx(), hierarchy(m), position(m)
    rows = []
    for u, v, data in graph.edges(data=True):
        if data["kind"] != "tension":
            continue
        a, b = sorted((u, v), key=pos.get)
        binds = nx.descendants(tree, a) & nx.descendants(tree, b)
        rows.append((a, b, data.get("note"), tuple(sorted(binds, key=pos.get))))
    return sorted(rows, key=lambda row: (pos[row[0]], pos[row[1]]))


@given(analysis_maps())
def test_tensions_catch_every_element_below_both_sides(m):
    found = sg.tensions(m)
    check_frame(found, COLUMNS)
    rows = [
        (a, b, None if isinstance(note, float) and math.isnan(note) else note, binds)
        for a, b, note, binds in zip(
            found.index, found["other"], found["note"], found["double_binds"], strict=True
        )
    ]
    assert rows == tensions_reference(m)
    assert found["type"].tolist() == [m[i].type for i in found.index]
    assert found["title"].tolist() == [m[i].title for i in found.index]
    assert found["other_type"].tolist() == [m[i].type for i in found["other"]]
    assert found["other_title"].tolist() == [m[i].title for i in found["other"]]


def test_example_double_binds(example):
    found = sg.tensions(example)
    assert len(found) == example.number_of_links("tension")
    assert found.loc["G3", "other"] == "G18"
    assert found.loc["G3", "double_binds"] == ("P2",)
    assert found.loc["G3", "note"].startswith("Spare vs. udvikle kvalitet")
    assert found.loc["G5", "double_binds"] == ("P4",)
    pairs = {
        frozenset((a, b)): binds for a, b, binds in found[["other", "double_binds"]].itertuples()
    }
    assert pairs[frozenset(("G27", "G42"))] == ("P28",)
    assert pairs[frozenset(("G12", "G42"))] == ()


def test_a_side_below_the_other_binds_everything_below_it():
    m = sg.StrategyMap(
        [
            {"id": "G1", "type": "effect_goal", "title": "g1"},
            {"id": "G2", "type": "effect_goal", "title": "g2", "parents": ["G1"]},
            {"id": "G3", "type": "effect_goal", "title": "g3", "parents": ["G2"]},
            {"id": "A1", "type": "agreement", "title": "a", "parents": ["G3"]},
            {"id": "P1", "type": "project", "title": "p", "parents": ["A1"]},
        ],
        [{"source": "G3", "target": "G1", "kind": "tension"}],
    )
    found = sg.tensions(m)
    assert found.index.tolist() == ["G1"]  # the side first in the map
    assert found.loc["G1", "other"] == "G3"
    assert found.loc["G1", "double_binds"] == ("A1", "P1")
    assert math.isnan(found.loc["G1", "note"])
