import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import PathPatch, Rectangle

import stratgraph as sg
from stratgraph.plotting.style import TENSION_COLOUR

# -- plot_overload -------------------------------------------------------------------------------


def test_overload_draws_a_bar_per_element_largest_on_top(example):
    _, ax = plt.subplots()
    assert sg.plot_overload(example, ax=ax, top=None) is ax
    expected = sg.goal_overload(example, limit=None)
    bars = list(ax.containers[0])
    assert [round(b.get_width()) for b in bars] == expected["n_goals"].tolist()
    assert bars[0].get_y() < bars[1].get_y()  # and the y axis is turned: first bar on top
    assert ax.yaxis_inverted()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("S6  Økonomi")


def test_bars_over_the_limit_stand_out_in_colour_and_hatch(example):
    ax = sg.plot_overload(example, limit=5)
    bars = list(ax.containers[0])
    over = [b for b in bars if b.get_width() > 5]
    assert [round(b.get_width()) for b in over] == [9, 8]
    assert all(to_hex(b.get_facecolor()) == TENSION_COLOUR.lower() and b.get_hatch() for b in over)
    assert all(not b.get_hatch() for b in bars if b.get_width() <= 5)
    [limit_line] = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert limit_line.get_xdata()[0] == 5
    assert [t.get_text() for t in ax.texts][:2] == ["9", "8"]


def test_overload_by_owner_in_danish(example):
    ax = sg.plot_overload(example, per="owner", lang="da")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == sg.goal_overload(example, limit=None, per="owner").index.tolist()
    assert ax.get_xlabel() == "Antal effektmål"
    assert ax.get_title(loc="left") == "Effektmål pr. ejer"


def test_overload_passes_keyword_arguments_to_barh(small):
    ax = sg.plot_overload(small, edgecolor="red", height=0.5)
    assert {to_hex(b.get_edgecolor()) for b in ax.containers[0]} == {"#ff0000"}
    assert {b.get_height() for b in ax.containers[0]} == {0.5}


def test_overload_options_are_checked(small):
    with pytest.raises(sg.OptionError, match=r"^top=0 is not valid; give a whole number of 1 or"):
        sg.plot_overload(small, top=0)
    with pytest.raises(sg.OptionError, match=r"^per='level' is not valid; give one of 'element'"):
        sg.plot_overload(small, per="level")
    with pytest.raises(sg.OptionError, match=r"^limit=None is not valid; give a whole number"):
        sg.plot_overload(small, limit=None)


def test_overload_by_is_the_old_name_of_per(small):
    with pytest.warns(FutureWarning, match=r"plot_overload\(by='owner'\) is renamed") as w:
        ax = sg.plot_overload(small, by="owner")
    assert w[0].filename == __file__
    assert ax.get_title(loc="left") == sg.plot_overload(small, per="owner").get_title(loc="left")


# -- plot_cross_cutting --------------------------------------------------------------------------


def test_heatmap_shows_the_matrix_with_counts(example):
    _, ax = plt.subplots()
    assert sg.plot_cross_cutting(example, ax=ax) is ax
    matrix = sg.cross_cutting_matrix(example)
    shown = ax.images[0].get_array()
    assert shown.shape == matrix.shape
    assert shown.mask.diagonal().all()  # the diagonal is written, not coloured
    off = ~np.eye(len(matrix), dtype=bool)
    assert (shown.data[off] == matrix.to_numpy()[off]).all()
    written = [t.get_text() for t in ax.texts]
    assert written.count("35") == 1  # S6 alone
    assert [t.get_text() for t in ax.get_xticklabels()] == matrix.index.tolist()


def test_heatmap_by_agenda_with_a_colour_map_of_choice(example):
    ax = sg.plot_cross_cutting(example, by="agenda", cmap="Greys", lang="da")
    assert ax.images[0].get_cmap().name == "Greys"
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "baeredygtighed",
        "velfaerd",
        "effektivisering",
    ]
    assert ax.get_title(loc="left") == "Tværgående elementer fordelt på dagsordener"


def test_heatmap_refuses_an_unknown_grouping(small):
    with pytest.raises(sg.OptionError, match=r"^by='department' is not valid; give a level of"):
        sg.plot_cross_cutting(small, by="department")


# -- plot_budget ---------------------------------------------------------------------------------


def nodes(ax):
    return {
        p.get_gid()[5:]: p
        for p in ax.patches
        if isinstance(p, Rectangle) and (p.get_gid() or "").startswith("node-")
    }


def bands(ax):
    return {
        p.get_gid()[5:]: p
        for p in ax.patches
        if isinstance(p, PathPatch) and (p.get_gid() or "").startswith("band-")
    }


def test_budget_bars_are_as_tall_as_the_rolled_up_money(small):
    _, ax = plt.subplots(figsize=(6, 8))
    assert sg.plot_budget(small, ax=ax) is ax
    found = nodes(ax)
    assert set(found) == {"S1", "S2", "G1", "G1.1", "G2", "A1", "A2"}
    money = sg.budget_rollup(small)["rolled_budget"]
    per_cm = {eid: money[eid] / found[eid].get_height() for eid in ("S1", "G2", "A1", "A2")}
    assert max(per_cm.values()) == pytest.approx(min(per_cm.values()))


def test_budget_bands_join_parents_to_children_in_the_columns(small):
    ax = sg.plot_budget(small)
    assert set(bands(ax)) == {"S1-G1", "S2-G2", "G1-A1", "G1.1-A1", "G2-A2"}
    assert len({to_hex(b.get_facecolor()) for k, b in bands(ax).items() if k.startswith("S")}) == 2


def test_budget_marks_elements_without_money(small):
    unfunded = {"A2", "P2"}
    without = sg.StrategyMap(
        [{**e.model_dump(), "budget": None} if e.id in unfunded else e for e in small],
        small.links,
    )
    ax = sg.plot_budget(without, lang="da")
    found = nodes(ax)
    assert to_hex(found["G2"].get_facecolor()) == TENSION_COLOUR.lower()
    assert to_hex(found["G1"].get_facecolor()) != TENSION_COLOUR.lower()
    assert sum("intet budget" in t.get_text() for t in ax.texts) == 3  # S2, G2, A2
    assert "I alt under strategier: 2,5 mio. kr." in [t.get_text() for t in ax.texts]


def test_budget_levels_and_keyword_arguments(small):
    ax = sg.plot_budget(small, levels=["strategy", "agreement", "project"], alpha=0.3)
    assert set(bands(ax)) == {"A1-P1", "A2-P2", "S2-P2"}
    assert {b.get_alpha() for b in bands(ax).values()} == {0.3}
    with pytest.raises(sg.OptionError, match=r"^levels=\['strategy'\] is not valid; give .*two"):
        sg.plot_budget(small, levels=["strategy"])
    with pytest.raises(
        sg.OptionError, match=r"^levels=\['strategy', 'unit'\] is not valid; .*: vision, "
    ):
        sg.plot_budget(small, levels=["strategy", "unit"])
    with pytest.raises(sg.OptionError, match=r"^levels='strategy' is not valid; give a list"):
        sg.plot_budget(small, levels="strategy")


@pytest.mark.parametrize(
    "view",
    [
        pytest.param(lambda m: m.subset(levels=["project"]), id="projects only"),
        pytest.param(lambda m: m.focus("P1", up=0, down=0), id="one project"),
    ],
)
def test_budget_says_so_when_no_element_is_at_its_levels(view):
    seen = view(sg.datasets.load("eksempel-2013"))
    message = (
        "Nothing to show: the map has no element at the levels strategy, effect goal, agreement"
    )
    with pytest.warns(UserWarning, match=f"^{message}$"):
        ax = sg.plot_budget(seen)
    assert not nodes(ax)
    assert [t.get_text() for t in ax.texts] == [message]


# -- every chart -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plot", [sg.plot_overload, sg.plot_cross_cutting, sg.plot_budget], ids=lambda f: f.__name__
)
@pytest.mark.parametrize("with_ax", [True, False])
def test_an_empty_map_warns_and_returns_the_axes(empty, plot, with_ax):
    given = plt.subplots()[1] if with_ax else None
    with pytest.warns(UserWarning, match="no elements"):
        ax = plot(empty, ax=given)
    assert ax is given if with_ax else ax is not None
    assert not ax.patches
    assert not ax.images


def test_heatmap_of_a_sparse_matrix_shows_the_groups_that_share():
    # 1 100 strategies (a sparse matrix); only S7 and S900 share a goal.
    elements = [{"id": "V", "type": "vision", "title": "Vision"}]
    elements += [
        {"id": f"S{i}", "type": "strategy", "title": f"Strategi {i}", "parents": ["V"]}
        for i in range(1100)
    ]
    elements += [
        {"id": "G1", "type": "effect_goal", "title": "Mål", "parents": ["S7", "S900"]},
        {"id": "G2", "type": "effect_goal", "title": "Mål 2", "parents": ["S7"]},
    ]
    ax = sg.plot_cross_cutting(sg.StrategyMap(elements))
    shown = ax.images[0].get_array()
    assert shown.shape == (2, 2)
    assert shown.data[0, 1] == shown.data[1, 0] == 1
    # S7 holds G1 and G2, S900 holds G1: the diagonal is written, the shared cells too.
    assert sorted(t.get_text() for t in ax.texts if t.get_text() in {"1", "2"}) == [
        "1",
        "1",
        "1",
        "2",
    ]
