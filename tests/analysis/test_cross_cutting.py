import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import analysis_maps, check_frame, hierarchy, position, rank

COLUMNS = {"type": "str", "title": "str", "n_groups": "int64", "groups": "object"}


def groups_reference(m, by):
    """Every grouped element's groups, in map order, with the group names in their order."""
    tree, level, pos = hierarchy(m), rank(m), position(m)
    names = m.schema.level_names
    measure = m.schema.measure_level  # its elements measure goals: never cross-cutting
    if by is None:
        by = names[m.schema.goal_rank - 1]
    if by in names:  # a level of that name wins over the agenda tags
        b = names.index(by)
        keys = [e.id for e in m if level[e.id] == b]
        grouped = {
            e.id: sorted((a for a in nx.ancestors(tree, e.id) if level[a] == b), key=pos.get)
            for e in m
            if level[e.id] > b and e.type != measure
        }
        return keys, grouped
    first_seen = list(dict.fromkeys(tag for e in m for tag in e.agenda))
    grouped = {}
    for e in m:
        if e.type == measure:
            continue
        tags = set(e.agenda).union(*(m[a].agenda for a in nx.ancestors(tree, e.id)))
        grouped[e.id] = sorted(tags, key=first_seen.index)
    return first_seen, grouped


def by_options(m):
    """``by`` values worth trying on ``m``: the default, every level, and the agenda tags."""
    options = [*m.schema.level_names, "agenda"]
    if m.schema.goal_rank > 0:
        options.append(None)
    return st.sampled_from(options)


@given(analysis_maps(), st.data(), st.integers(0, 3))
def test_cross_cutting_and_its_matrix_agree_with_the_ancestors(m, data, min_groups):
    by = data.draw(by_options(m))
    keys, grouped = groups_reference(m, by)
    found = sg.cross_cutting(m, by=by, min_groups=min_groups)
    check_frame(found, COLUMNS)
    expected = [
        (eid, m[eid].type, m[eid].title, len(groups), tuple(groups))
        for eid, groups in grouped.items()
        if len(groups) >= min_groups
    ]
    assert [
        (i, *row) for i, row in zip(found.index, found.itertuples(index=False), strict=True)
    ] == (expected)
    matrix = sg.cross_cutting_matrix(m, by=by)
    index_name = "agenda" if by == "agenda" and by not in m.schema.level_names else "id"
    assert matrix.index.name == matrix.columns.name == index_name
    assert matrix.index.tolist() == matrix.columns.tolist() == keys
    assert (matrix.dtypes == "int64").all()
    for a in keys:
        for b in keys:
            both = sum(1 for groups in grouped.values() if a in groups and b in groups)
            assert matrix.loc[a, b] == both


def test_default_groups_by_the_level_above_the_goal_level(example):
    assert sg.cross_cutting(example).equals(sg.cross_cutting(example, by="strategy"))
    assert sg.cross_cutting(example).equals(sg.cross_cutting(example, by="Strategi"))  # an alias


def test_example_cross_cutting_projects(example):
    found = sg.cross_cutting(example)
    for project in ("P2", "P4", "P5", "P11", "P13", "P20", "P21", "P22", "P28", "P31", "P36"):
        assert found.loc[project, "n_groups"] >= 2, project
    assert found.loc["P2", "groups"] == ("S1", "S6")
    assert found.loc["P4", "groups"] == ("S1", "S2", "S5", "S6")
    assert "P1" not in found.index  # one strategy only
    assert set(found["type"]) <= {"effect_goal", "agreement", "project"}


def test_example_agenda_groups_include_inherited_tags(example):
    found = sg.cross_cutting(example, by="agenda", min_groups=1)
    # G2 is tagged 'velfaerd' only, but inherits the vision's three agendas.
    assert example["G2"].agenda == ("velfaerd",)
    assert found.loc["G2", "n_groups"] == 3
    assert found.loc["S8", "groups"] == ("velfaerd",)  # S8 has no parent


def test_example_matrix(example):
    matrix = sg.cross_cutting_matrix(example)
    strategies = [e.id for e in example if e.type == "strategy"]
    assert matrix.index.tolist() == strategies
    counts = matrix.to_numpy()
    assert (counts == counts.T).all()
    found = sg.cross_cutting(example, min_groups=1)
    assert np.diag(counts).tolist() == [
        sum(1 for groups in found["groups"] if s in groups) for s in strategies
    ]
    assert matrix.loc["S1", "S6"] == sum(
        1 for groups in found["groups"] if {"S1", "S6"} <= set(groups)
    )


def test_a_level_called_agenda_wins_over_the_tags():
    schema = sg.Schema(levels=["agenda", "goal", "target", "indicator"], goal_level="target")
    m = sg.StrategyMap(
        [
            {"id": "A1", "type": "agenda", "title": "a1", "agenda": ["x"]},
            {"id": "A2", "type": "agenda", "title": "a2", "agenda": ["y"]},
            {"id": "G1", "type": "goal", "title": "g1", "parents": ["A1", "A2"]},
        ],
        schema=schema,
    )
    assert sg.cross_cutting(m, by="agenda")["groups"].tolist() == [("A1", "A2")]
    assert sg.cross_cutting_matrix(m, by="agenda").index.name == "id"
    assert sg.cross_cutting(m, by="dagsorden")["groups"].tolist() == [("x", "y")]


def test_agenda_matrix_is_indexed_by_tag(example):
    matrix = sg.cross_cutting_matrix(example, by="dagsorden")
    assert matrix.index.name == "agenda"
    assert matrix.index.tolist() == ["baeredygtighed", "velfaerd", "effektivisering"]


@pytest.mark.parametrize("function", [sg.cross_cutting, sg.cross_cutting_matrix])
@pytest.mark.parametrize("by", ["nonsense", "", "strategies!"])
def test_unknown_by_lists_the_levels_and_agenda(example, function, by):
    with pytest.raises(
        sg.OptionError,
        match=rf"^by={by!r} is not valid; give a level of the map's schema: vision .*strategy .*; "
        r"or 'agenda' for the elements' agenda tags$",
    ):
        function(example, by=by)


def test_no_default_when_the_goal_level_is_the_top():
    m = sg.StrategyMap(
        [{"id": "G", "type": "goal", "title": "g"}],
        schema=sg.Schema(levels=["goal", "task"], goal_level="goal"),
    )
    with pytest.raises(
        sg.OptionError,
        match=r"^by=None is not valid; give a level of the map's schema: goal; task; .*"
        r"goal level 'goal' is the top level",
    ):
        sg.cross_cutting(m)
    assert sg.cross_cutting(m, by="goal").empty


@pytest.mark.parametrize("min_groups", [-1, 1.5, True, "2"])
def test_bad_min_groups_says_what_is_valid(example, min_groups):
    with pytest.raises(
        sg.OptionError, match=r"^min_groups=.* is not valid; give a whole number of 0 or more$"
    ):
        sg.cross_cutting(example, min_groups=min_groups)


def test_a_matrix_over_many_groups_holds_only_its_cells():
    # 1 200 strategies: more than the 1 000 groups a dense frame is kept for. Goal i serves
    # strategy i and, for every third goal, strategy i + 1 too.
    n = 1200
    elements = [{"id": "V", "type": "vision", "title": "Vision"}]
    elements += [
        {"id": f"S{i}", "type": "strategy", "title": f"Strategi {i}", "parents": ["V"]}
        for i in range(n)
    ]
    elements += [
        {
            "id": f"G{i}",
            "type": "effect_goal",
            "title": f"Mål {i}",
            "parents": [f"S{i}", f"S{i + 1}"] if i % 3 == 0 and i + 1 < n else [f"S{i}"],
        }
        for i in range(n)
    ]
    m = sg.StrategyMap(elements)
    matrix = sg.cross_cutting_matrix(m)
    assert matrix.shape == (n, n)
    assert matrix.index.tolist() == matrix.columns.tolist() == [f"S{i}" for i in range(n)]
    assert (matrix.dtypes == pd.SparseDtype("int64", 0)).all()
    shared = [i for i in range(n - 1) if i % 3 == 0]
    assert matrix.sparse.density == (n + 2 * len(shared)) / n**2
    assert matrix.loc["S3", "S4"] == matrix.loc["S4", "S3"] == 1
    assert matrix.loc["S4", "S5"] == 0
    assert matrix.loc["S3", "S3"] == 1  # G3
    assert matrix.loc["S4", "S4"] == 2  # G4 and G3
    dense = matrix.sparse.to_dense().to_numpy()
    expected = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        expected[i, i] += 1
        if i in shared:
            expected[i + 1, i + 1] += 1
            expected[i, i + 1] = expected[i + 1, i] = 1
    assert (dense == expected).all()
