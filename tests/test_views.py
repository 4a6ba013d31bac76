"""Views of a map: ``subset`` and ``focus``, what every analysis, plot and writer does with them."""

from __future__ import annotations

import json
import warnings

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import analysis_maps, hierarchy
from stratgraph.cli import main


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def example():
    return sg.datasets.load("eksempel-2013")


def _boxes(ax):
    return sorted(p.get_gid()[4:] for p in ax.patches if (p.get_gid() or "").startswith("box-"))


def _links(smap):
    return {(link.source, link.target, link.kind.value) for link in smap.links}


# -- what a view holds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("criteria", "ids"),
    [
        ({"levels": ["vision", "politik"]}, ["V1", "POL1", "POL2", "POL3", "POL4", "POL5"]),
        ({"above": "P6"}, ["V1", "POL1", "S1", "G1", "G2", "G3", "G3.1", "A1", "A3", "P6"]),
        ({"below": "A3", "levels": "Projekt"}, ["P6", "P7"]),
        (
            {"owner": ["Jobcenter", "Kultur og Fritid"], "levels": "effektmål"},
            ["G5", "G14", "G14.1", "G40", "G16", "G29"],
        ),
        ({"agenda": "baeredygtighed", "levels": "strategi"}, ["S2", "S3", "S5"]),
        (
            {"below": ["S1", "S2"], "above": "P6"},
            ["S1", "G1", "G2", "G3", "G3.1", "A1", "A3", "P6"],
        ),
        ({"ids": ["G1", "S1", "V1"]}, ["V1", "S1", "G1"]),  # in map order
        ({"ids": "G1"}, ["G1"]),
    ],
)
def test_subset_keeps_the_elements_every_criterion_keeps(example, criteria, ids):
    assert example.subset(**criteria).ids == ids


@pytest.mark.parametrize(
    ("up", "down", "ids"),
    [
        (None, None, ["V1", "POL1", "S1", "G1", "G3", "G3.1", "A1", "P1", "P2", "P6"]),
        (1, 1, ["G1", "G3", "G3.1", "A1", "P1", "P2", "P6"]),
        (2, 0, ["S1", "G1", "G3", "G3.1", "A1"]),  # S1 is two steps up by G1 and by G3
        (0, 0, ["A1"]),
    ],
)
def test_focus_keeps_the_element_and_its_chains_up_and_down(example, up, down, ids):
    assert example.focus("A1", up=up, down=down).ids == ids


def test_a_view_keeps_the_links_among_its_elements_and_the_map_around_them(example):
    view = example.subset(levels="effect_goal")
    assert _links(view) == {
        ("G3", "G3.1", "hierarchy"),
        ("G14", "G14.1", "hierarchy"),
        ("G7", "G32", "supports"),
        ("G3", "G18", "tension"),
        ("G5", "G20", "tension"),
        ("G27", "G42", "tension"),
        ("G12", "G42", "tension"),
        ("G25", "G30", "tension"),
    }
    assert view.metadata() == example.metadata()
    assert view.schema == example.schema
    assert view["G1"] == example["G1"]  # indicators, owner, agenda, attrs: the element itself
    assert view["G1"].indicators
    assert example.subset(levels="vision")["V1"].attrs == example["V1"].attrs != {}


def test_a_view_is_a_map_of_its_own(example):
    view = example.focus("G1", up=0)
    view.add_element(id="P99", type="projekt", title="Ny indsats", parents=["A1"])
    view.name = "Udsnit"
    assert "P99" in view
    assert "P99" not in example
    assert example.name == "Eksempel Kommune 2013"
    assert len(example) == 103


def test_a_view_of_a_custom_schema_takes_its_levels_by_alias():
    schema = sg.Schema(
        levels=[
            sg.Level(name="agenda"),
            sg.Level(name="goal", aliases=["verdensmål"]),
            sg.Level(name="target", aliases=["delmål"]),
        ],
        goal_level="target",
    )
    m = sg.StrategyMap(
        [
            {"id": "A", "type": "agenda", "title": "Agenda 2030"},
            {"id": "1", "type": "verdensmål", "title": "Afskaf fattigdom", "parents": ["A"]},
            {"id": "1.1", "type": "delmål", "title": "Ekstrem fattigdom", "parents": ["1"]},
            {"id": "2", "type": "goal", "title": "Stop sult", "parents": ["A"]},
        ],
        schema=schema,
    )
    view = m.subset(levels=["Verdensmål", "delmål"], below="1")
    assert view.ids == ["1", "1.1"]
    assert _links(view) == {("1", "1.1", "hierarchy")}
    assert view.schema is m.schema


# -- bad input -------------------------------------------------------------------------------


def test_focus_on_a_missing_element_suggests_the_closest(example):
    with pytest.raises(sg.UnknownElementError, match=r"element 'G99' is not in the map \(did"):
        example.focus("G99")
    with pytest.raises(sg.UnknownElementError) as caught:
        example.focus("g3.1")
    assert str(caught.value) == "element 'g3.1' is not in the map (did you mean 'G3.1'?)"


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        (
            {"levels": ["strategi", "målsætning"]},
            (
                r"^levels='målsætning' is not valid; give a level of the schema 'municipal': "
                r"vision \(visionen, politisk vision\); policy .*; project \(projekt, "
            ),
        ),
        (
            {"owner": "jobcenter"},
            (
                r"^owner='jobcenter' is not valid; give one of the map's owners \(did you mean "
                r"'Jobcenter'\?\): 'Direktionen', 'Børn og Unge', .*'Kultur og Fritid'$"
            ),
        ),
        (
            {"agenda": ["velfaerd", "velfærd"]},
            (
                r"^agenda='velfærd' is not valid; give one of the map's agenda tags \(did you "
                r"mean 'velfaerd'\?\): 'baeredygtighed', 'velfaerd', 'effektivisering'$"
            ),
        ),
        ({"levels": 3}, r"^levels=3 is not valid; give a text or a list of texts$"),
        ({"owner": ["Jobcenter", None]}, r"^owner=\['Jobcenter', None\] is not valid; give a"),
    ],
)
def test_subset_with_what_the_map_does_not_have_lists_what_it_has(example, criteria, message):
    with pytest.raises(sg.OptionError, match=message):
        example.subset(**criteria)


def test_an_owner_list_is_cut_short_on_a_map_of_many_units():
    m = sg.StrategyMap(
        [{"id": f"E{i}", "type": "project", "title": "x", "owner": f"Enhed {i}"} for i in range(30)]
    )
    with pytest.raises(sg.OptionError, match=r"'Enhed 11' and 18 more$"):
        m.subset(owner="Enhed 99")
    with pytest.raises(sg.OptionError, match=r"give nothing: the map 'Strategy map' has no agenda"):
        m.subset(agenda="klima")


@pytest.mark.parametrize("option", ["ids", "below", "above"])
def test_subset_by_a_missing_id_names_the_option_and_the_closest_id(example, option):
    with pytest.raises(
        sg.UnknownElementError,
        match=rf"^{option}='S10': element 'S10' is not in the map \(did you mean 'S1'\?\)$",
    ):
        example.subset(**{option: ["S1", "S10"]})


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"up": -1}, r"^up=-1 is not valid; give a whole number of 0 or more, or None"),
        ({"down": 1.5}, r"^down=1.5 is not valid; give a whole number"),
        ({"up": True}, r"^up=True is not valid"),
    ],
)
def test_focus_steps_are_whole_numbers(example, options, message):
    with pytest.raises(sg.OptionError, match=message):
        example.focus("G1", **options)


def test_an_empty_selection_warns_and_gives_an_empty_valid_map(example, tmp_path):
    with pytest.warns(
        sg.StratgraphWarning,
        match=r"^no element of the map 'Eksempel Kommune 2013' matches levels='vision', "
        r"owner='Jobcenter' \(every criterion must hold\); the view is empty$",
    ) as caught:
        view = example.subset(levels="vision", owner="Jobcenter")
    assert caught[0].filename == __file__  # the warning points at the caller's line
    assert len(view) == 0
    assert view.links == ()
    assert view.name == "Eksempel Kommune 2013"
    view.to_excel(tmp_path / "tomt.xlsx")
    assert sg.read_excel(tmp_path / "tomt.xlsx") == view
    assert sg.audit(view).findings.empty


def test_a_subset_without_criteria_is_a_copy_and_warns_about_nothing(example):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        copy = example.subset()
        empty = sg.StrategyMap().subset()
    assert copy == example
    assert copy is not example
    assert len(empty) == 0


# -- properties on random maps, against networkx ---------------------------------------------


def _kept_links(smap, kept):
    return {
        (link.source, link.target, link.kind.value)
        for link in smap.links
        if link.source in kept and link.target in kept
    }


@given(analysis_maps())
def test_a_subset_of_every_id_is_the_map(smap):
    assert smap.subset(ids=smap.ids) == smap


@given(analysis_maps(), st.data())
def test_focus_with_no_steps_is_the_element_alone(smap, data):
    if not len(smap):
        return
    eid = data.draw(st.sampled_from(smap.ids))
    view = smap.focus(eid, up=0, down=0)
    assert view.ids == [eid]
    assert view.links == ()


@given(analysis_maps(), st.data())
def test_below_and_above_match_networkx(smap, data):
    if not len(smap):
        return
    tree = hierarchy(smap)
    roots = data.draw(st.lists(st.sampled_from(smap.ids), min_size=1, max_size=3))
    under = set(roots).union(*(nx.descendants(tree, r) for r in roots))
    over = set(roots).union(*(nx.ancestors(tree, r) for r in roots))
    for view, kept in ((smap.subset(below=roots), under), (smap.subset(above=roots), over)):
        assert view.ids == [eid for eid in smap.ids if eid in kept]
        assert _links(view) == _kept_links(smap, kept)


@given(analysis_maps(), st.data())
def test_focus_steps_match_networkx_path_lengths(smap, data):
    if not len(smap):
        return
    tree = hierarchy(smap)
    eid = data.draw(st.sampled_from(smap.ids))
    up = data.draw(st.none() | st.integers(0, 4))
    down = data.draw(st.none() | st.integers(0, 4))
    below = nx.single_source_shortest_path_length(tree, eid, cutoff=down)
    above = nx.single_source_shortest_path_length(tree.reverse(), eid, cutoff=up)
    kept = set(below) | set(above)
    view = smap.focus(eid, up=up, down=down)
    assert view.ids == [e for e in smap.ids if e in kept]
    assert _links(view) == _kept_links(smap, kept)


@given(analysis_maps(), st.data())
def test_criteria_hold_together_and_each_list_is_any_of(smap, data):
    if not len(smap):
        return
    elements = list(smap)
    levels = data.draw(st.lists(st.sampled_from([e.type for e in elements]), max_size=2))
    owners = sorted({e.owner for e in elements if e.owner})
    tags = sorted({t for e in elements for t in e.agenda})
    owner = data.draw(st.none() | st.lists(st.sampled_from(owners), min_size=1)) if owners else None
    agenda = data.draw(st.none() | st.lists(st.sampled_from(tags), min_size=1)) if tags else None
    expected = [
        e.id
        for e in elements
        if e.type in levels
        and (owner is None or e.owner in owner)
        and (agenda is None or set(e.agenda) & set(agenda))
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        view = smap.subset(levels=levels, owner=owner, agenda=agenda)
    assert view.ids == expected
    assert _links(view) == _kept_links(smap, set(expected))
    assert [type(w.message) for w in caught] == ([] if expected else [sg.StratgraphWarning])


# -- every analysis, plot and writer takes a view ---------------------------------------------


def _views():
    example = sg.datasets.load("eksempel-2013")
    synthetic = sg.datasets.synthetic(600)
    goal = next(e.id for e in synthetic if e.type == "effect_goal")
    return {
        "example-levels": example.subset(levels=["strategi", "effektmål", "aftale"]),
        "example-focus": example.focus("G3.1"),
        "example-owner": example.subset(owner="Børn og Unge"),
        "synthetic-levels": synthetic.subset(levels=["effect_goal", "agreement", "project"]),
        "synthetic-focus": synthetic.focus(goal, up=1),
        "synthetic-branch": synthetic.subset(below=synthetic.ids[0], agenda="velfærd"),
    }


VIEWS = _views()


@pytest.mark.parametrize("name", list(VIEWS))
def test_every_analysis_takes_a_view(name):
    view = VIEWS[name]
    report = sg.audit(view)
    assert set(report.findings["element"].dropna()) <= set(view.ids)
    table = sg.summary(view)
    assert int(table.loc["elements", "value"]) == len(view)
    assert set(sg.goal_overload(view).index) <= set(view.ids)
    assert set(sg.cross_cutting(view).index) <= set(view.ids)


@pytest.mark.parametrize("name", list(VIEWS))
def test_every_writer_takes_a_view(name, tmp_path):
    view = VIEWS[name]
    assert sg.read_yaml(_write(view.to_yaml(), tmp_path / "udsnit.yaml")) == view
    view.to_excel(tmp_path / "udsnit.xlsx")
    assert sg.read_excel(tmp_path / "udsnit.xlsx") == view


def _write(text, path):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(VIEWS))
def test_plot_map_takes_a_view(name):
    view = VIEWS[name]
    assert _boxes(sg.plot_map(view)) == sorted(view.ids)


# -- plot_map(levels=, focus=) ---------------------------------------------------------------


def test_plot_map_draws_the_levels_and_the_focus_asked_for(example):
    ax = sg.plot_map(example, focus="S2", levels=["strategi", "effektmål", "aftale"])
    assert _boxes(ax) == ["A8", "G5", "G7", "G8", "S2"]
    ax = sg.plot_map(example, levels="politik", lang="da")
    assert _boxes(ax) == ["POL1", "POL2", "POL3", "POL4", "POL5"]
    assert ax.texts[0].get_text() == "Politik"


def test_plot_map_warns_when_the_levels_leave_out_the_element_in_focus(example):
    with pytest.warns(sg.StratgraphWarning, match="focus 'S2' is at the level 'strategy'") as w:
        ax = sg.plot_map(example, focus="S2", levels=["effektmål", "aftale"])
    assert "levels=['effektmål', 'aftale'] leaves out" in str(w[0].message)
    assert w[0].filename == __file__  # at the caller's line
    assert _boxes(ax) == ["A8", "G5", "G7", "G8"]


def test_plot_map_marks_the_element_in_focus(example):
    ax = sg.plot_map(example, focus="S2", highlight=["G5", "G1"])
    assert _boxes(ax) == sorted(
        ["V1", "S2", "G5", "G7", "G8", "A8", "P4", "P21", "P22", "P23", "P24", "P25"]
    )
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-2:] == ["Finding (!)", "Element in focus"]
    widths = {p.get_gid(): p.get_linewidth() for p in ax.patches if p.get_gid()}
    assert widths["box-S2"] > widths["box-G5"] > widths["box-G7"]  # focus, finding, plain


def test_plot_map_of_an_empty_view_warns_and_draws_nothing(example):
    with (
        pytest.warns(sg.StratgraphWarning, match="the view is empty"),
        pytest.warns(UserWarning, match="has no elements, so the map plot is empty"),
    ):
        ax = sg.plot_map(example, focus="S2", levels="politik", highlight="P1")
    assert _boxes(ax) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda m: sg.plot_map(m, levle="vision"),
            (
                r"^plot_map\(\) got an unexpected keyword argument 'levle' \(did you mean "
                r"'levels'\?\); it takes levels, focus, color_by, at, highlight, lang, wrap, ax, "
                r"and properties of matplotlib's FancyBboxPatch"
            ),
        ),
        (
            lambda m: sg.plot_chain(m, "G1", levels="vision"),
            r"^plot_chain\(\) got an unexpected keyword argument 'levels'; it takes lang, wrap, ax",
        ),
    ],
)
def test_a_mistyped_plot_option_is_named_not_passed_to_matplotlib(example, call, message):
    with pytest.raises(TypeError, match=message):
        call(example)


def test_box_properties_still_reach_every_box(example):
    ax = sg.plot_map(example, levels="vision", lw=3.5, alpha=0.5)
    (box,) = [p for p in ax.patches if p.get_gid() == "box-V1"]
    assert (box.get_linewidth(), box.get_alpha()) == (3.5, 0.5)


def test_plot_map_with_a_missing_focus_suggests_the_closest(example):
    with pytest.raises(sg.UnknownElementError, match=r"'S22' is not in the map \(did you mean"):
        sg.plot_map(example, focus="S22")


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "mål.xlsx"
    sg.datasets.load("eksempel-2013").to_excel(path)
    return path


def test_cli_plot_draws_a_branch(example_file, tmp_path):
    target = tmp_path / "gren.png"
    result = CliRunner().invoke(
        main,
        [
            "plot",
            str(example_file),
            "-o",
            str(target),
            "--focus",
            "S2",
            "--levels",
            "effektmål,aftale",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"wrote {target}"]
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "S22"], "stratgraph: error: element 'S22' is not in the map (did you mean"),
        (["--levels", "mål,foo"], "stratgraph: error: levels='foo' is not valid; give a level"),
        (["--up", "1"], "stratgraph: error: --up and --down need --focus ID"),
        (
            ["--kind", "diff", "--compare", "x.xlsx", "--levels", "mål"],
            "do not apply to --kind diff",
        ),
    ],
)
def test_cli_plot_refuses_a_view_it_cannot_draw(example_file, tmp_path, args, message):
    result = CliRunner().invoke(
        main, ["plot", str(example_file), "-o", str(tmp_path / "x.png"), *args]
    )
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_cli_plot_says_why_a_view_is_empty(example_file, tmp_path):
    target = tmp_path / "tom.png"
    result = CliRunner().invoke(
        main,
        [
            "plot",
            str(example_file),
            "-o",
            str(target),
            "--focus",
            "V1",
            "--down",
            "0",
            "--levels",
            "projekt",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        (
            "stratgraph: warning: no element of the map 'Eksempel Kommune 2013' matches "
            "levels=['projekt'] (every criterion must hold); the view is empty"
        ),
        (
            "stratgraph: warning: the map 'Eksempel Kommune 2013' has no elements, so the map "
            "plot is empty"
        ),
    ]
    assert target.exists()


def test_cli_report_on_a_branch(example_file, tmp_path):
    result = CliRunner().invoke(
        main, ["report", str(example_file), "-o", str(tmp_path / "rapport"), "--focus", "S2"]
    )
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(tmp_path / "rapport" / "findings.xlsx", sheet_name=None)
    ids = set(sheets["findings"]["element"].dropna())
    assert ids <= {"V1", "S2", "G5", "G7", "G8", "A8", "P4", "P21", "P22", "P23", "P24", "P25"}
    assert ids & {"G5", "G7", "G8"}
    summary = sheets["summary"].set_index("figure")
    assert summary.loc["elements", "value"] == 12


# -- a view knows it is part of a map --------------------------------------------------------


def test_a_view_remembers_its_criteria_and_what_it_cut(example):
    assert example.view is None
    part = example.subset(below="S1").subset(levels="effektmål, aftale")
    assert part.view.criteria == (("below", "S1"), ("levels", "effektmål, aftale"))
    assert part.view.whole == 103
    assert part.view.describe("da") == "under S1; niveauer effektmål, aftale"
    assert part.view.headline("en", len(part)) == (
        f"Part of the map: below S1; levels effektmål, aftale ({len(part)} of 103 elements)"
    )
    # G1's parent S1 fell to the second cut, A1's children (projects) to the second too.
    assert {"G1", "G2", "G3"} <= part.view.parents_outside
    assert "G3.1" not in part.view.parents_outside  # its parent G3 is in the view
    assert {"A1", "A2"} <= part.view.children_outside
    focused = example.focus("G3.1", up=1, down=0)
    assert focused.view.describe("en") == "around G3.1; up 1; down 0"
    assert focused.view.parents_outside == {"G3"}
    assert focused.view.children_outside == {"G3", "G3.1"}  # G3 → A1, G3.1 → A1


def test_levels_take_one_comma_separated_text_as_on_the_command_line(example):
    assert example.subset(levels="strategi, effektmål").ids == (
        example.subset(levels=["strategy", "effect_goal"]).ids
    )


def test_a_view_by_levels_reports_the_maps_structural_findings_not_the_cut(example):
    view = example.subset(levels=["effektmål", "aftale", "projekt"])
    whole, part = sg.audit(example).findings, sg.audit(view).findings
    for code in ("SG101", "SG102", "SG103"):
        expected = whole.loc[(whole.code == code) & whole.element.isin(view.ids), "element"]
        assert part.loc[part.code == code, "element"].tolist() == expected.tolist(), code
    assert part.loc[part.code == "SG101", "element"].tolist() == ["G41"]  # not all 33 goals
    assert len(whole[whole.code == "SG103"]) == 4  # P38 lies under a strategy, under no goal
    assert "P38" in part.loc[part.code == "SG103", "element"].tolist()


def test_a_branch_root_is_not_an_orphan_of_its_branch(example):
    branch = example.subset(below="S1")
    assert sg.orphans(branch).empty
    figures = sg.summary(branch)["value"]
    assert figures[["orphans", "unanchored_goals", "unimplemented_goals"]].tolist() == [0, 0, 0]
    # Cut from its map, the same branch is a map of its own, with S1 under no vision.
    alone = sg.StrategyMap(list(branch), branch.links, schema=branch.schema)
    assert alone.view is None
    assert sg.orphans(alone).index.tolist() == ["S1"]


def test_a_level_skip_over_a_level_the_view_left_out_is_still_a_skip(example):
    view = example.subset(levels=["vision", "effektmål"])
    skips = sg.audit(view, select=["SG202"]).findings
    assert skips["element"].tolist() == ["G32"]  # V1 → G32 passes over the strategies
    assert "strategy" in skips["message"][0].lower()


def test_a_goal_whose_work_lies_outside_the_view_is_not_judged_unfunded(example):
    goals = example.subset(levels="effektmål")
    whole = sg.audit(example, select=["SG302"]).findings["element"].tolist()
    part = sg.audit(goals, select=["SG302"]).findings["element"].tolist()
    assert part == [g for g in whole if not example.children(g)]
    assert len(part) < len(sg.orphaned_goals(goals)) + len(goals)  # not every goal
    assert sg.summary(goals).loc["goals_unfunded", "value"] == len(part)


@given(analysis_maps(), st.data())
def test_a_view_flags_each_element_as_its_whole_map_does(smap, data):
    if not len(smap):
        return
    ids = smap.ids
    whole = sg.orphans(smap)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.StratgraphWarning)  # an empty view is fine here
        view = smap
        for _ in range(data.draw(st.integers(1, 2))):  # a view of a view keeps both cuts
            if not len(view):
                break
            how = data.draw(st.sampled_from(["levels", "below", "focus", "ids"]))
            if how == "levels":
                view = view.subset(levels=data.draw(st.sampled_from([e.type for e in view])))
            elif how == "ids":
                view = view.subset(ids=data.draw(st.lists(st.sampled_from(view.ids), min_size=1)))
            elif how == "below":
                view = view.subset(below=data.draw(st.sampled_from(view.ids)))
            else:
                up = data.draw(st.none() | st.integers(0, 2))
                view = view.focus(data.draw(st.sampled_from(view.ids)), up=up, down=up)
    expected = whole[whole.index.isin(view.ids)]
    pd.testing.assert_frame_equal(sg.orphans(view), expected)
    assert set(view.ids) <= set(ids)


def test_the_audit_and_the_report_name_the_part_they_cover(example, tmp_path):
    view = example.subset(levels=["effektmål", "aftale", "projekt"])
    line = "Part of the map: levels effektmål, aftale, projekt (89 of 103 elements)"
    report = sg.audit(view)
    assert report.part == line
    assert str(report).splitlines()[1] == line
    assert f"\n{line}\n" in report.to_markdown()
    assert f'<p class="part">{line}</p>' in report.to_html()
    assert json.loads(report.to_json())["part"] == line
    assert sg.audit(example).part is None
    danish = sg.audit(view, lang="da").part
    assert danish == "Del af kortet: niveauer effektmål, aftale, projekt (89 af 103 elementer)"
    written = sg.write_report(view, tmp_path / "rapport")
    assert f'<p class="part">{line}</p>' in written.html.read_text(encoding="utf-8")


def test_cli_report_on_levels_says_it_covers_part_of_the_map(example_file, tmp_path):
    result = CliRunner().invoke(
        main,
        ["report", str(example_file), "-o", str(tmp_path / "r"), "--levels", "effektmål,projekt"],
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "Part of the map: levels effektmål, projekt (74 of 103 elements)" in page


def test_cli_plot_warns_when_the_levels_leave_out_the_element_in_focus(example_file, tmp_path):
    target = tmp_path / "gren.png"
    result = CliRunner().invoke(
        main,
        ["plot", str(example_file), "-o", str(target), "--focus", "S2", "--levels", "effektmål"],
    )
    assert result.exit_code == 0, result.output
    assert (
        "stratgraph: warning: the element in focus 'S2' is at the level 'strategy', which "
        "--levels='effektmål' leaves out"
    ) in result.stderr
    assert target.stat().st_size > 0


def test_a_view_written_to_a_file_reads_back_as_a_whole_map(example, tmp_path):
    view = example.subset(below="S1")
    view.to_excel(tmp_path / "gren.xlsx")
    back = sg.read_excel(tmp_path / "gren.xlsx")
    assert back.view is None
    assert back.ids == view.ids
    assert sg.orphans(back).index.tolist() == ["S1"]  # S1 now stands under nothing
