import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

import stratgraph as sg
from stratgraph.plotting.style import TENSION_COLOUR


def boxes(ax):
    return {
        p.get_gid()[4:]: p
        for p in ax.patches
        if isinstance(p, FancyBboxPatch) and (p.get_gid() or "").startswith("box-")
    }


def texts(ax):
    return [t.get_text() for t in ax.texts]


def arrows(ax, kind):
    return [
        p
        for p in ax.patches
        if isinstance(p, FancyArrowPatch) and (p.get_gid() or "").startswith(kind + "-")
    ]


def test_draws_one_box_per_element_with_its_id_and_title(small):
    _, ax = plt.subplots()
    assert sg.plot_map(small, ax=ax) is ax
    assert set(boxes(ax)) == set(small.ids)
    shown = "\n".join(texts(ax))
    for e in small:
        assert e.id in texts(ax)
        assert all(word in shown for word in e.title.split())


def test_long_titles_are_wrapped_or_cut_to_fit_their_box(example):
    ax = sg.plot_map(example)
    titles = texts(ax)
    assert any("\n" in t for t in titles)  # wrapped
    assert any(t.endswith("…") for t in titles)  # cut where the box is too small
    one_line = sg.plot_map(example, wrap=False)
    assert not any("\n" in t for t in texts(one_line) if t.startswith("G"))


def test_boxes_are_coloured_by_level(small):
    found = boxes(sg.plot_map(small))
    colours = {e.type: set() for e in small}
    for e in small:
        colours[e.type].add(to_hex(found[e.id].get_facecolor()))
    assert all(len(c) == 1 for c in colours.values())
    assert len({c.pop() for c in colours.values()}) == len(colours)


def test_boxes_are_coloured_and_hatched_by_owner(small):
    ax = sg.plot_map(small, color_by="owner")
    found = boxes(ax)
    style = {e.id: (to_hex(found[e.id].get_facecolor()), found[e.id].get_hatch()) for e in small}
    assert style["S1"] == style["G1"]  # both Børn og Unge
    assert style["S1"] != style["S2"]
    assert style["S1"][1] != style["S2"][1]  # told apart in black and white, too
    assert style["A1"][0] == "#ffffff"  # no owner
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"Direktionen", "Børn og Unge", "Teknik og Miljø", "No owner"} <= set(legend)


def test_agenda_colours_stripe_elements_with_several_tags(small):
    ax = sg.plot_map(small, color_by="agenda")
    stripes = [p for p in ax.patches if type(p) is Rectangle and p.get_clip_path() is not None]
    assert len(stripes) == 2  # G1 has two tags
    assert len({p.get_hatch() for p in stripes}) == 2
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"velfærd", "bæredygtighed", "økonomi", "No agenda"} <= set(legend)


@pytest.mark.parametrize("highlight", [["G1.1", "A2"], "G1.1", pytest.param(None, id="frame")])
def test_findings_get_a_thick_outline_and_a_mark(small, highlight):
    if highlight is None:  # a frame indexed by id, as the analyses return
        highlight = sg.orphans(small).iloc[:0].reindex(["G1.1", "A2"])
    ax = sg.plot_map(small, highlight=highlight)
    found = boxes(ax)
    marked = {"G1.1", "A2"} if not isinstance(highlight, str) else {"G1.1"}
    for eid, box in found.items():
        assert (box.get_linewidth() >= 2) is (eid in marked)
    assert texts(ax).count("!") == len(marked)
    assert "Finding (!)" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_orphaned_goals_frame_highlights_them(example):
    orphaned = sg.orphaned_goals(example)
    found = boxes(sg.plot_map(example, highlight=orphaned))
    plain = boxes(sg.plot_map(example))
    # Outlines scale with their boxes: a finding's is thicker than the same box's without it.
    thicker = {
        eid for eid, box in found.items() if box.get_linewidth() > plain[eid].get_linewidth()
    }
    assert thicker == set(orphaned.index)


def test_unknown_highlight_says_which_id(small):
    with pytest.raises(sg.UnknownElementError, match="G9"):
        sg.plot_map(small, highlight=["G9"])
    with pytest.raises(sg.OptionError, match=r"^highlight=3 is not valid; give an element id"):
        sg.plot_map(small, highlight=3)


def test_the_chain_is_solid_lines_and_laterals_are_curved_and_styled_apart(small):
    ax = sg.plot_map(small)
    [chain] = [c for c in ax.collections if isinstance(c, LineCollection)]
    # Every hierarchy link between rows is one line; the nested goal gets an arrowed bracket.
    assert len(chain.get_segments()) == small.number_of_links("hierarchy") - 1
    assert {ls[1] for ls in chain.get_linestyles()} == {None}
    assert len(arrows(ax, "nest")) == 1
    [tension] = arrows(ax, "tension")
    assert to_hex(tension.get_edgecolor()) == TENSION_COLOUR.lower()
    assert tension.get_linestyle() not in ("-", "solid")
    assert "⚡" in texts(ax)
    [supports] = arrows(ax, "supports")
    assert supports.get_linestyle() not in ("-", "solid")
    assert to_hex(supports.get_edgecolor()) != to_hex(tension.get_edgecolor())
    assert supports.get_arrowstyle().__class__.__name__ != "Curve"  # it has a head


def test_level_names_stand_on_the_left_in_english_or_danish(small):
    english = sg.plot_map(small)
    assert {"Vision", "Strategy", "Effect goal", "Agreement", "Project"} <= set(texts(english))
    danish = sg.plot_map(small, lang="da")
    assert {"Vision", "Strategi", "Effektmål", "Aftale", "Projekt"} <= set(texts(danish))
    label = next(t for t in danish.texts if t.get_text() == "Effektmål")
    assert label.get_position()[0] < min(p.get_x() for p in boxes(danish).values())
    with sg.memo_style(lang="da"):
        assert "Effektmål" in texts(sg.plot_map(small))
        assert "Effect goal" in texts(sg.plot_map(small, lang="en"))


def test_legend_names_each_kind_of_link(small):
    legend = [t.get_text() for t in sg.plot_map(small, lang="da").get_legend().get_texts()]
    assert legend[:3] == ["Kæde (over → under)", "Understøtter", "Spænding ⚡"]


def test_keyword_arguments_go_to_every_box(small):
    found = boxes(sg.plot_map(small, alpha=0.4, linewidth=1.5))
    assert {b.get_alpha() for b in found.values()} == {0.4}
    assert {b.get_linewidth() for b in found.values()} == {1.5}


def test_a_new_figure_is_a_memo_page_wide_and_rows_top_down(small):
    with sg.memo_style():
        ax = sg.plot_map(small)
    assert ax.figure.get_figwidth() * 2.54 == pytest.approx(16)
    found = boxes(ax)
    assert found["V"].get_y() > found["S1"].get_y() > found["G1"].get_y() > found["P1"].get_y()


def test_bad_options_are_refused(small):
    with pytest.raises(
        sg.OptionError,
        match=r"^color_by='colour' is not valid; give one of 'level', 'owner', 'agenda', 'status'$",
    ):
        sg.plot_map(small, color_by="colour")
    with pytest.raises(sg.OptionError, match=r"^lang='sv' is not valid; give one of 'en', 'da'$"):
        sg.plot_map(small, lang="sv")


@pytest.mark.parametrize("with_ax", [True, False])
def test_an_empty_map_warns_and_returns_the_axes(empty, with_ax):
    given = plt.subplots()[1] if with_ax else None
    with pytest.warns(UserWarning, match="no elements"):
        ax = sg.plot_map(empty, ax=given)
    assert ax is given if with_ax else ax is not None
    assert not ax.patches


# -- plot_chain ----------------------------------------------------------------------------------


def test_chain_draws_the_lines_of_sight_and_marks_the_focus(example):
    _, ax = plt.subplots()
    assert sg.plot_chain(example, "G3.1", ax=ax) is ax
    found = boxes(ax)
    assert set(found) == set(sg.line_of_sight(example, "G3.1").index)
    assert found["G3.1"].get_linewidth() > found["G3"].get_linewidth()
    assert "★" in texts(ax)
    assert ax.get_title(loc="left") == "Lines of sight through G3.1"


def test_chain_marks_where_the_line_of_sight_is_lost(example, small):
    ax = sg.plot_chain(example, "G13", lang="da")  # G13 has nothing below it
    assert "✕" in texts(ax)
    assert ax.get_title(loc="left") == "Sigtelinjer gennem G13"
    assert "✕" not in texts(sg.plot_chain(small, "G1"))


def test_chain_of_an_unknown_element_says_so(small, empty):
    with pytest.raises(sg.UnknownElementError, match="G9"):
        sg.plot_chain(small, "G9")
    with pytest.warns(UserWarning, match="no elements"):
        sg.plot_chain(empty, "G1")


def test_chain_passes_keyword_arguments_to_the_boxes(small):
    found = boxes(sg.plot_chain(small, "G1", facecolor="white"))
    assert {to_hex(b.get_facecolor()) for b in found.values()} == {"#ffffff"}
