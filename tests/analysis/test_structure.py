import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import analysis_maps, check_frame, hierarchy, position, rank
from stratgraph.analysis._index import index_of

ORPHAN_COLUMNS = {"type": "str", "title": "str", "unanchored": "bool", "unimplemented": "bool"}
SKIP_COLUMNS = {
    "parent": "str",
    "parent_type": "str",
    "type": "str",
    "title": "str",
    "skipped": "object",
}
SIGHT_COLUMNS = {"chain": "int64", "step": "int64", "type": "str", "title": "str"}


# -- references, written from the definitions in docs/analyses.md with networkx -----------------


def orphans_reference(m):
    tree, level, g = hierarchy(m), rank(m), m.schema.goal_rank
    names = m.schema.level_names
    measure = names.index(m.schema.measure_level) if m.schema.measure_level else -1
    work = any(r > g and r != measure for r in range(len(names)))
    rows = []
    for e in m:
        up = {level[a] for a in nx.ancestors(tree, e.id)}
        down = {level[d] for d in nx.descendants(tree, e.id)}
        r = level[e.id]
        if r < g:
            unanchored = r != 0 and tree.in_degree(e.id) == 0
            unimplemented = g not in down
        elif r == g:
            # Without a level above the goals, or a work level below them, the flag has no
            # premise and is never set (as the audit leaves out SG101 and SG102).
            unanchored = g > 0 and not any(u < g for u in up)
            unimplemented = work and not any(d > g and d != measure for d in down)
        else:
            unanchored = g not in up
            unimplemented = False
        if unanchored or unimplemented:
            rows.append((e.id, e.type, e.title, unanchored, unimplemented))
    return rows


def skips_reference(m):
    levels = m.schema.levels
    rows = []
    for e in m:
        for parent in m.parents(e.id):
            a, b = (m.schema.level_names.index(x) for x in (m[parent].type, e.type))
            skipped = tuple(lv.name for lv in levels[a + 1 : b] if not lv.optional)
            if skipped:
                rows.append((e.id, parent, m[parent].type, e.type, e.title, skipped))
    return rows


def chains_reference(m, eid):
    tree = hierarchy(m)
    tops = [a for a in nx.ancestors(tree, eid) | {eid} if tree.in_degree(a) == 0]
    ends = [d for d in nx.descendants(tree, eid) | {eid} if tree.out_degree(d) == 0]
    chains = set()
    for top in tops:
        for end in ends:
            if top == end:
                chains.add((top,))
            else:
                chains.update(tuple(p) for p in nx.all_simple_paths(tree, top, end) if eid in p)
    pos = position(m)
    return sorted(chains, key=lambda chain: [pos[i] for i in chain])


def rows_of(frame):
    return [(i, *row) for i, row in zip(frame.index, frame.itertuples(index=False), strict=True)]


# -- properties on random maps --------------------------------------------------------------------


@given(analysis_maps())
def test_orphans_and_level_skips_agree_with_their_definitions(m):
    found = sg.orphans(m)
    check_frame(found, ORPHAN_COLUMNS)
    expected = orphans_reference(m)
    assert rows_of(found) == expected
    goals = sg.orphaned_goals(m)
    check_frame(goals, ORPHAN_COLUMNS)
    assert rows_of(goals) == [row for row in expected if row[1] == m.schema.goal_level]
    skips = sg.level_skips(m)
    check_frame(skips, SKIP_COLUMNS)
    assert rows_of(skips) == skips_reference(m)


@given(analysis_maps(), st.data())
def test_line_of_sight_lists_every_chain_through_the_element(m, data):
    for eid in data.draw(st.lists(st.sampled_from(m.ids), max_size=3)) if len(m) else []:
        sight = sg.line_of_sight(m, eid)
        check_frame(sight, SIGHT_COLUMNS)
        chains: list[list[str]] = []
        for element, chain, step in zip(sight.index, sight["chain"], sight["step"], strict=True):
            if step == 0:
                assert chain == len(chains)
                chains.append([])
            assert (chain, step) == (len(chains) - 1, len(chains[-1]))
            chains[-1].append(element)
        assert [tuple(c) for c in chains] == chains_reference(m, eid)
        assert sight["type"].tolist() == [m[i].type for i in sight.index]
        assert sight["title"].tolist() == [m[i].title for i in sight.index]


# -- the bundled example --------------------------------------------------------------------------


def test_example_orphans(example):
    found = sg.orphans(example)
    assert found.loc["G41", "unanchored"]
    assert not found.loc["G41", "unimplemented"]
    assert found.loc["G13", "unimplemented"]
    assert not found.loc["G13", "unanchored"]
    for work in ("P38", "P39", "P34"):
        assert found.loc[work, "unanchored"]
        assert not found.loc[work, "unimplemented"]
    assert found.loc["S8", "unanchored"]  # a strategy with no parent
    assert found.loc["A13", "unanchored"]  # an agreement tied to no goal
    assert "G3.1" not in found.index  # a sub-goal anchored through its parent goal


def test_example_orphaned_goals_keep_the_goal_level_only(example):
    goals = sg.orphaned_goals(example)
    assert set(goals["type"]) == {"effect_goal"}
    assert goals.index[goals.unanchored].tolist() == ["G41"]
    assert "G13" in goals.index[goals.unimplemented]
    assert goals.index.tolist() == [i for i in sg.orphans(example).index if i in goals.index]


def test_example_level_skips(example):
    skips = sg.level_skips(example)
    found = set(zip(skips["parent"], skips.index, strict=True))
    assert {("S7", "A10"), ("S7", "P38"), ("V1", "G32")} <= found
    assert skips.loc["G32", "skipped"] == ("strategy",)
    assert skips.loc["P38", "skipped"] == ("effect_goal", "agreement")
    # V1 → S2 jumps over the optional policy level only: no finding.
    assert ("V1", "S2") not in found


def test_example_line_of_sight_reaches_the_vision_and_the_projects(example):
    sight = sg.line_of_sight(example, "G3")
    tops = sight[sight.step == 0].index.unique().tolist()
    assert tops == ["V1"]
    ends = sight.groupby("chain").tail(1)
    assert set(ends["type"]) == {"project"}
    assert {"G3", "G3.1", "A1"} <= set(sight.index)


def test_example_line_of_sight_of_an_orphan_starts_at_the_orphan(example):
    sight = sg.line_of_sight(example, "P39")
    assert sight.index.tolist() == ["P39"]
    assert sight[["chain", "step"]].to_numpy().tolist() == [[0, 0]]


def test_line_of_sight_of_an_unknown_id_suggests_the_nearest(example):
    with pytest.raises(
        sg.UnknownElementError, match=r"'g41' is not in the map.*did you mean 'G41'"
    ):
        sg.line_of_sight(example, "g41")


def test_line_of_sight_multiplies_paths_above_and_below():
    m = sg.StrategyMap(
        [
            {"id": "V1", "type": "vision", "title": "v"},
            {"id": "S1", "type": "strategy", "title": "s1", "parents": ["V1"]},
            {"id": "S2", "type": "strategy", "title": "s2", "parents": ["V1"]},
            {"id": "G1", "type": "effect_goal", "title": "g", "parents": ["S2", "S1"]},
            {"id": "P2", "type": "project", "title": "p2", "parents": ["G1"]},
            {"id": "P1", "type": "project", "title": "p1", "parents": ["G1"]},
        ]
    )
    sight = sg.line_of_sight(m, "G1")
    chains = [tuple(part.index) for _, part in sight.groupby("chain")]
    assert chains == [
        ("V1", "S1", "G1", "P2"),
        ("V1", "S1", "G1", "P1"),
        ("V1", "S2", "G1", "P2"),
        ("V1", "S2", "G1", "P1"),
    ]


def test_line_of_sight_reads_only_the_chains_of_its_element():
    # Once the map's index is made, a line of sight reads the rows of the elements on its chains
    # and nothing made for all elements at once (lists of every row, every id, every title).
    m = sg.datasets.synthetic(3000)
    index = index_of(m)
    before = set(index.results)
    sight = sg.line_of_sight(m, "EG7")
    assert set(index.results) - before == {"level_array"}  # the names of the six levels
    assert "EG7" in sight.index
    assert sight.loc[sight["step"] == 0, "type"].unique().tolist() == ["vision"]
    assert sight["title"].tolist() == [m[eid].title for eid in sight.index]


def test_orphans_with_a_custom_schema_follow_its_goal_level():
    schema = sg.Schema(levels=["agenda", "goal", "target", "indicator"], goal_level="target")
    m = sg.StrategyMap(
        [
            {"id": "A", "type": "agenda", "title": "a"},
            {"id": "B", "type": "goal", "title": "b"},  # not top, no parent
            {"id": "T1", "type": "target", "title": "t1", "parents": ["A"]},  # nothing below
            {"id": "T2", "type": "target", "title": "t2"},  # no anchor
            {"id": "I1", "type": "indicator", "title": "i1", "parents": ["T2"]},
            {"id": "I2", "type": "indicator", "title": "i2", "parents": ["B"]},  # serves no target
        ],
        schema=schema,
    )
    found = sg.orphans(m)
    assert rows_of(found[["unanchored", "unimplemented"]]) == [
        ("B", True, True),
        ("T1", False, True),
        ("T2", True, False),
        ("I2", True, False),
    ]
