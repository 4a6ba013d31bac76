import math
import warnings

import networkx as nx
import pytest
from hypothesis import given

import stratgraph as sg
from strategies import analysis_maps, check_frame, examples, hierarchy, rank

COLUMNS = {"group": "str", "label": "str", "value": "object", "unit": "str"}
HEADLINE = [
    "elements",
    "links",
    "goals",
    "goals_measured",
    "goals_measured_share",
    "total_budget",
    "goals_unfunded",
    "orphans",
    "unanchored_goals",
    "unimplemented_goals",
    "work_without_goal",
    "overloaded",
    "level_skips",
    "double_binds",
    "cross_cutting",
]


def plain_figures(m):
    """Every figure of the summary by plain counting over the elements, links and networkx."""
    tree = hierarchy(m)
    ranks = rank(m)
    g = m.schema.goal_rank
    goals = [e for e in m if ranks[e.id] == g]
    names = m.schema.level_names
    measure = names.index(m.schema.measure_level) if m.schema.measure_level else -1
    # The premises of the audit's rules: without them a figure is NaN, not a count of failures.
    has_work = any(r > g and r != measure for r in range(len(names)))
    has_below = g < len(names) - 1
    has_money = m.schema.money and any(e.budget is not None for e in m)
    up = {e.id: nx.ancestors(tree, e.id) for e in m}
    down = {e.id: nx.descendants(tree, e.id) for e in m}

    def unanchored(eid):
        r = ranks[eid]
        if r < g:
            return r != 0 and not list(tree.predecessors(eid))
        if r == g:
            return g > 0 and not any(ranks[a] < g for a in up[eid])
        return not any(ranks[a] == g for a in up[eid])

    def unimplemented(eid):
        r = ranks[eid]
        if r < g:
            return not any(ranks[d] == g for d in down[eid])
        if r == g:
            return has_work and not any(ranks[d] > g and ranks[d] != measure for d in down[eid])
        return False

    cut_off = [e.id for e in m if unanchored(e.id) or unimplemented(e.id)]
    budget = {e.id: e.budget or 0.0 for e in m}
    joined = {
        e.id: {n for n in (*tree.predecessors(e.id), *tree.successors(e.id)) if ranks[n] == g}
        for e in m
        if ranks[e.id] != measure  # an indicator is shared, never overloaded
    }
    required = [not level.optional for level in m.schema.levels]
    skips = [
        (p, c) for p, c in tree.edges if any(required[r] for r in range(ranks[p] + 1, ranks[c]))
    ]
    binds = set()
    for link in m.links:
        if link.kind is sg.LinkKind.TENSION:
            binds |= down[link.source] & down[link.target]
    if g > 0:
        crossing = sum(
            1
            for e in m
            if ranks[e.id] > g - 1
            and ranks[e.id] != measure
            and sum(ranks[a] == g - 1 for a in up[e.id]) >= 2
        )
    else:
        crossing = math.nan
    measured = sum(
        1 for e in goals if e.indicators or any(ranks[c] == measure for c in tree.successors(e.id))
    )
    figures = {
        "elements": len(m),
        "links": len(m.links),
        "goals": len(goals),
        "goals_measured": measured,
        "goals_measured_share": measured / len(goals) if goals else math.nan,
        "total_budget": sum(budget.values()) if has_money else math.nan,
        "goals_unfunded": (
            sum(1 for e in goals if budget[e.id] + sum(budget[d] for d in down[e.id]) == 0)
            if has_money
            else math.nan
        ),
        "orphans": len(cut_off),
        "unanchored_goals": sum(1 for e in goals if unanchored(e.id)) if g > 0 else math.nan,
        "unimplemented_goals": (
            sum(1 for e in goals if unimplemented(e.id)) if has_work else math.nan
        ),
        "work_without_goal": (
            sum(1 for e in m if ranks[e.id] > g and unanchored(e.id)) if has_below else math.nan
        ),
        "overloaded": sum(1 for ids in joined.values() if len(ids) > 5),
        "level_skips": len(skips),
        "double_binds": len(binds),
        "cross_cutting": crossing,
    }
    for level in m.schema.level_names:
        figures[f"level.{level}"] = sum(1 for e in m if e.type == level)
    for kind in sg.LinkKind:
        figures[f"link.{kind.value}"] = sum(1 for link in m.links if link.kind is kind)
    return figures


@given(analysis_maps())
def test_summary_agrees_with_plain_counting(m):
    s = sg.summary(m)
    check_frame(s, COLUMNS, index_name="figure")
    expected = plain_figures(m)
    assert s.index.tolist() == list(expected)
    for figure, value in expected.items():
        got = s.loc[figure, "value"]
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(got), figure
        elif figure == "total_budget":
            assert got == pytest.approx(value), figure
        else:
            assert got == value, figure
            assert type(got) is type(value), figure
    assert s["group"].tolist() == (
        ["headline"] * len(HEADLINE) + ["level"] * len(m.schema.levels) + ["link"] * 3
    )


@given(analysis_maps())
@examples(0.25)
def test_summary_leaves_the_map_unchanged(m):
    before = (m.to_json(), m.ids, m.links)
    with warnings.catch_warnings():  # a random schema has no Danish labels: said, not tested here
        warnings.simplefilter("ignore", sg.StratgraphWarning)
        sg.summary(m, lang="da")
    assert (m.to_json(), m.ids, m.links) == before


def test_an_empty_map_has_every_figure():
    s = sg.summary(sg.StrategyMap())
    check_frame(s, COLUMNS, index_name="figure")
    assert s.index.tolist()[: len(HEADLINE)] == HEADLINE
    assert s.loc["elements", "value"] == 0
    assert math.isnan(s.loc["goals_measured_share", "value"])
    # No budget anywhere: the money figures are not counts of failures.
    assert math.isnan(s.loc["total_budget", "value"])
    assert math.isnan(s.loc["goals_unfunded", "value"])
    assert s.loc["unimplemented_goals", "value"] == 0  # the municipal schema has work levels


def test_example_figures(example):
    s = sg.summary(example)
    values = s["value"].to_dict()
    assert values["elements"] == 103
    assert values["goals"] == 33
    assert values["goals_measured"] == 17
    assert values["goals_measured_share"] == pytest.approx(17 / 33)
    assert values["goals_unfunded"] == 2  # G13 and G30
    assert values["unanchored_goals"] == 1  # G41
    assert values["overloaded"] == 2  # S6 and A9
    assert values["level_skips"] == 3
    assert values["double_binds"] == 3  # P2, P4, P28
    assert values["level.strategy"] == 8
    assert values["link.tension"] == 5
    assert s.loc["total_budget", "unit"] == "DKK"
    assert s.loc["goals_measured_share", "unit"] == "share"


@pytest.mark.parametrize(
    ("lang", "figure", "label"),
    [
        ("en", "goals_unfunded", "Goals without budget"),
        ("da", "goals_unfunded", "Mål uden budget"),
        ("en", "goals", "Goals (level: Effect goal)"),
        ("da", "goals", "Mål (niveau: Effektmål)"),
        ("da", "level.agreement", "Aftale"),
        ("da", "link.tension", "Spændinger (dilemmaer)"),
    ],
)
def test_labels_follow_the_language(example, lang, figure, label):
    assert sg.summary(example, lang=lang).loc[figure, "label"] == label


def test_an_unknown_language_is_refused(example):
    with pytest.raises(sg.OptionError, match=r"^lang='de' is not valid; give one of 'en', 'da'$"):
        sg.summary(example, lang="de")


def test_the_currency_of_the_map_is_the_unit_of_money():
    m = sg.StrategyMap(
        [{"id": "G1", "type": "effect_goal", "title": "Mål", "budget": 10.5}], currency="EUR"
    )
    s = sg.summary(m)
    assert s.loc["total_budget", ["value", "unit"]].tolist() == [10.5, "EUR"]


def test_budgets_that_sum_beyond_the_largest_float_give_an_infinite_total():
    # Each budget is a finite float; their sum is not, and is reported as such, not raised.
    m = sg.StrategyMap(
        [
            {"id": "S1", "type": "strategy", "title": "S"},
            {"id": "G1", "type": "effect_goal", "title": "G", "parents": ["S1"]},
            {"id": "A1", "type": "agreement", "title": "A", "parents": ["G1"], "budget": 1e308},
            {"id": "A2", "type": "agreement", "title": "B", "parents": ["G1"], "budget": 1e308},
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # numpy's own overflow note in the roll-up
        assert sg.summary(m).loc["total_budget", "value"] == math.inf
