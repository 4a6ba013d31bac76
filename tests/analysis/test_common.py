"""What every analysis promises (docs/analyses.md): purity, fixed columns, exports, linear walks."""

import gc

import pandas as pd
import pytest
from hypothesis import given

import stratgraph as sg
import stratgraph.analysis
from strategies import analysis_maps, check_frame
from stratgraph._build import MapState
from stratgraph.analysis import _index

ORPHANS = {"type": "str", "title": "str", "unanchored": "bool", "unimplemented": "bool"}
ANALYSES = {
    "orphans": (sg.orphans, ORPHANS, "id"),
    "orphaned_goals": (sg.orphaned_goals, ORPHANS, "id"),
    "level_skips": (
        sg.level_skips,
        {"parent": "str", "parent_type": "str", "type": "str", "title": "str", "skipped": "object"},
        "id",
    ),
    "goal_overload": (sg.goal_overload, {"type": "str", "title": "str", "n_goals": "int64"}, "id"),
    "goal_overload_by_owner": (
        lambda m: sg.goal_overload(m, per="owner"),
        {"n_goals": "int64"},
        "owner",
    ),
    "cross_cutting": (
        sg.cross_cutting,
        {"type": "str", "title": "str", "n_groups": "int64", "groups": "object"},
        "id",
    ),
    "cross_cutting_by_agenda": (
        lambda m: sg.cross_cutting(m, by="agenda"),
        {"type": "str", "title": "str", "n_groups": "int64", "groups": "object"},
        "id",
    ),
    "budget_rollup": (
        sg.budget_rollup,
        {"type": "str", "title": "str", "budget": "float64", "rolled_budget": "float64"},
        "id",
    ),
    "tensions": (
        sg.tensions,
        {
            "type": "str",
            "title": "str",
            "other": "str",
            "other_type": "str",
            "other_title": "str",
            "note": "str",
            "double_binds": "object",
        },
        "id",
    ),
    "indicator_coverage": (
        sg.indicator_coverage,
        {"type": "str", "title": "str", "n_indicators": "int64", "measured": "bool"},
        "id",
    ),
}
PUBLIC = [
    "budget_rollup",
    "cross_cutting",
    "cross_cutting_matrix",
    "goal_overload",
    "indicator_coverage",
    "level_skips",
    "line_of_sight",
    "orphaned_goals",
    "orphans",
    "tensions",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_every_analysis_is_exported_from_the_package(name):
    assert name in sg.__all__
    assert name in stratgraph.analysis.__all__
    assert getattr(sg, name) is getattr(stratgraph.analysis, name)


@pytest.mark.parametrize("name", list(ANALYSES))
def test_an_empty_map_gives_the_documented_columns(name):
    function, columns, index_name = ANALYSES[name]
    found = function(sg.StrategyMap())
    assert found.empty
    check_frame(found, columns, index_name=index_name)


def test_an_empty_map_gives_an_empty_matrix():
    matrix = sg.cross_cutting_matrix(sg.StrategyMap())
    assert matrix.shape == (0, 0)
    assert matrix.index.name == "id"


def test_line_of_sight_in_an_empty_map_names_the_missing_id():
    with pytest.raises(sg.UnknownElementError, match=r"element 'G1' is not in the map"):
        sg.line_of_sight(sg.StrategyMap(), "G1")


def run_everything(m):
    # The default grouping level is the one above the goal level; a goal level on top has none.
    skip = {"cross_cutting"} if m.schema.goal_rank == 0 else set()
    results = [function(m) for name, (function, _, _) in ANALYSES.items() if name not in skip]
    results.append(sg.budget_rollup(m, split=False))
    results.append(sg.goal_overload(m, limit=None))
    results.append(sg.cross_cutting_matrix(m, by="agenda"))
    if m.schema.goal_rank > 0:
        results.append(sg.cross_cutting_matrix(m))
    results.extend(sg.line_of_sight(m, eid) for eid in m.ids[:3])
    return results


@given(analysis_maps())
def test_analyses_never_change_the_map(m):
    before = (m.to_json(), m.ids, m.links)
    results = run_everything(m)
    assert all(type(result) is pd.DataFrame for result in results)
    assert (m.to_json(), m.ids, m.links) == before


# -- a chain 200 000 goals deep: linear walks, no recursion ---------------------------------------

DEPTH = 200_000


def deep_chain(depth, *, fast):
    """G0 → G1 → … nested goals; G0 and G2 in tension; agendas on G0 and G1; 1 kr. each.

    ``fast`` fills the map's contents directly: the public constructor checks every one of the
    400 000 records, which takes most of a minute on a busy machine and is not what is tested
    here. :func:`test_the_fast_chain_equals_the_checked_one` keeps the two ways equal.
    """
    template = sg.Element(id="G", type="effect_goal", title="Mål", budget=1.0)
    elements = [
        template.model_copy(update={"id": "G0", "agenda": ("klima",)}),
        template.model_copy(update={"id": "G1", "agenda": ("vækst",)}),
        *(template.model_copy(update={"id": f"G{i}"}) for i in range(2, depth)),
    ]
    link = sg.Link(source="G", target="G")
    links = [
        link.model_copy(update={"source": f"G{i - 1}", "target": f"G{i}"}) for i in range(1, depth)
    ]
    links.append(sg.Link(source="G0", target="G2", kind="tension", note="dybt dilemma"))
    if not fast:
        return sg.StrategyMap(elements=elements, links=links)
    state = MapState(schema=sg.Schema.preset("municipal"), elements={e.id: e for e in elements})
    for each in links:
        state.add_link(each)
    return sg.StrategyMap._from_state(state)


def test_the_fast_chain_equals_the_checked_one():
    fast = deep_chain(1000, fast=True)
    assert fast == deep_chain(1000, fast=False)
    assert fast.parents("G999") == ["G998"]


@pytest.fixture(scope="module")
def deep():
    # Hundreds of thousands of new objects set off the cyclic garbage collector again and again,
    # each time scanning every object alive; none of them form cycles, so it is held off while
    # they are made and they are then set aside from its scans (for this module only).
    gc.disable()
    try:
        chain = deep_chain(DEPTH, fast=True)
    finally:
        gc.enable()
    gc.freeze()
    yield chain
    gc.unfreeze()


def test_deep_chain_orphans(deep):
    found = sg.orphans(deep)
    assert len(found) == DEPTH
    assert found["unanchored"].all()
    assert found["unimplemented"].all()
    assert len(sg.orphaned_goals(deep)) == DEPTH
    assert sg.level_skips(deep).empty


def test_deep_chain_line_of_sight(deep):
    sight = sg.line_of_sight(deep, f"G{DEPTH // 2}")
    assert len(sight) == DEPTH
    assert (sight["chain"] == 0).all()
    assert sight.index[0] == "G0"
    assert sight.index[-1] == f"G{DEPTH - 1}"
    assert sight["step"].iloc[-1] == DEPTH - 1


def test_deep_chain_overload_and_indicators(deep):
    assert sg.goal_overload(deep).empty
    found = sg.goal_overload(deep, limit=None)
    assert found["n_goals"].value_counts().to_dict() == {2: DEPTH - 2, 1: 2}
    assert sg.goal_overload(deep, limit=1, per="owner").empty
    assert (~sg.indicator_coverage(deep)["measured"]).all()


def test_deep_chain_cross_cutting(deep):
    assert sg.cross_cutting(deep).empty  # no strategies above the goals
    assert sg.cross_cutting_matrix(deep).shape == (0, 0)
    found = sg.cross_cutting(deep, by="agenda")
    assert len(found) == DEPTH - 1  # from G1 down, both tags
    assert found["groups"].iloc[-1] == ("klima", "vækst")
    matrix = sg.cross_cutting_matrix(deep, by="agenda")
    assert matrix.to_numpy().tolist() == [[DEPTH, DEPTH - 1], [DEPTH - 1, DEPTH - 1]]


def test_deep_chain_budget(deep):
    for split in (True, False):
        money = sg.budget_rollup(deep, split=split)
        assert money.loc["G0", "rolled_budget"] == DEPTH
        assert money.loc[f"G{DEPTH - 1}", "rolled_budget"] == 1


def test_deep_chain_tensions(deep):
    found = sg.tensions(deep)
    assert found.index.tolist() == ["G0"]
    assert found["double_binds"].iloc[0] == tuple(f"G{i}" for i in range(3, DEPTH))


# -- numpy and plain Python walk the generations alike -------------------------------------------


def results_walked(m, plain_below):
    """Every analysis of ``m`` with generations of fewer than ``plain_below`` links in Python."""
    saved = _index.PLAIN_BELOW
    _index.PLAIN_BELOW = plain_below
    m._index = None  # the index cuts its walks when it is built
    try:
        return run_everything(m)
    finally:
        _index.PLAIN_BELOW = saved
        m._index = None


@given(analysis_maps(max_elements=40))
def test_numpy_and_python_walks_give_the_same_results(m):
    everywhere_numpy = results_walked(m, 0)
    everywhere_python = results_walked(m, 10**9)
    mixed = results_walked(m, 3)
    for a, b, c in zip(everywhere_numpy, everywhere_python, mixed, strict=True):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        pd.testing.assert_frame_equal(a, c, check_exact=True)


# -- results are kept per state of the map ---------------------------------------------------------


def test_a_changed_result_does_not_change_the_next_one():
    m = sg.datasets.load("eksempel-2013")
    first = sg.orphans(m)
    expected = first.copy()
    first.loc["G41", "unanchored"] = False
    first["extra"] = 1
    first.index.name = "element"
    again = sg.orphans(m)
    pd.testing.assert_frame_equal(again, expected)
    assert again is not first


def test_results_follow_the_map_when_it_changes():
    m = sg.datasets.load("eksempel-2013")
    before = sg.budget_rollup(m).loc["A3", "rolled_budget"]
    assert "P99" not in sg.orphans(m).index
    m.add_element(id="P99", type="project", title="Cykelsti uden mål", budget=2e6)
    assert sg.orphans(m).loc["P99", "unanchored"]
    assert sg.budget_rollup(m).loc["A3", "rolled_budget"] == before
    m.add_link("A3", "P99")
    assert "P99" not in sg.orphans(m).index
    assert sg.budget_rollup(m).loc["A3", "rolled_budget"] == before + 2e6
    assert sg.summary(m).loc["elements", "value"] == 104


def _ends_by_id(m):
    """The places of every link's ends, looked up by id: what the kept places must equal."""
    place = {eid: i for i, eid in enumerate(m.ids)}
    return [[place[k.source] for k in m.links], [place[k.target] for k in m.links]]


def test_the_places_the_builder_keeps_match_the_ids_after_changes():
    example = sg.datasets.load("eksempel-2013")
    m = sg.from_frames(example.elements_frame(), example.links_frame(), schema=example.schema)
    kept = m._state.ends
    assert kept is not None  # whole valid columns are built in bulk
    assert kept.tolist() == _ends_by_id(m)
    m.add_element(id="P99", type="project", title="Cykelsti", parents=["A3"])
    m.add_link("G1", "P99", "supports", weight=0.5)
    with pytest.raises(sg.ValidationError):
        m.add_element(id="P100", type="project", title="", parents=["A3"])
    index = _index.index_of(m)
    assert index.link_ends.tolist() == _ends_by_id(m)
    links, sources, targets = index.links_of(sg.LinkKind.SUPPORTS)
    assert (links[-1].source, links[-1].target) == ("G1", "P99")
    assert (m.ids[sources[-1]], m.ids[targets[-1]]) == ("G1", "P99")


def test_a_tension_row_that_names_its_ends_the_other_way_round_moves_the_places():
    # The elements' links cell names G1 → G2; the links table annotates it as G2 → G1.
    elements = pd.DataFrame(
        {
            "id": ["V", "S", "G1", "G2"],
            "type": ["vision", "strategy", "effect_goal", "effect_goal"],
            "title": ["V", "S", "Mål 1", "Mål 2"],
            "parents": [None, "V", "S", "S"],
            "links": [None, None, "tension:G2", None],
        }
    )
    links = pd.DataFrame(
        {"source": ["G2"], "target": ["G1"], "kind": ["tension"], "note": ["Dilemma"]}
    )
    m = sg.from_frames(elements, links)
    (tension,) = (k for k in m.links if k.kind is sg.LinkKind.TENSION)
    assert (tension.source, tension.target, tension.note) == ("G2", "G1", "Dilemma")
    assert m._state.ends is not None
    assert _index.index_of(m).link_ends.tolist() == _ends_by_id(m)
    assert sg.tensions(m).index.tolist() == ["G1"]
