"""Figures stay legible at any size: checked from the artists as drawn, at the figure's size.

No text under 6 pt, outlines no thicker than a share of their boxes, nothing outside the
figure; a figure with nothing to show says so instead of being drawn empty; the report draws
an overview and a figure per branch for maps too large for one.
"""

import re

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.legend import Legend
from matplotlib.spines import Spine
from matplotlib.text import Text

import stratgraph as sg
from stratgraph.datasets._synthetic import framework
from stratgraph.plotting._draw import OUTLINE_SHARE

MIN_PT = 6.0


@pytest.fixture(scope="module", params=["framework", "synthetic-600", "synthetic-2000"])
def big(request):
    if request.param == "framework":
        return framework()
    return sg.datasets.synthetic(int(request.param.split("-")[1]))


def drawn_artists(fig):
    """Every artist the figure really draws (an Axes turned off draws no spines or ticks)."""
    found = []

    def walk(parent):
        for child in parent.get_children():
            if not child.get_visible():
                continue
            if isinstance(child, Axes):
                walk(child)
                continue
            if isinstance(parent, Axes):
                if child is parent.patch:
                    continue
                if not parent.axison and isinstance(child, Spine | Axis):
                    continue
            found.append(child)
            if isinstance(child, Legend):
                walk(child)

    walk(fig)
    return found


def check_legible(ax):
    """Assert the rules on the drawn figure; return the boxes' (outline, smaller side) in pt."""
    fig = ax.get_figure(root=True)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    to_pt = 72 / fig.dpi
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts
    smallest = min(t.get_fontsize() for t in texts)
    assert smallest >= MIN_PT, [t.get_text() for t in texts if t.get_fontsize() < MIN_PT][:5]
    width, height = fig.bbox.width, fig.bbox.height
    outside = []
    for artist in drawn_artists(fig):
        box = artist.get_window_extent(renderer)
        if box.width == 0 and box.height == 0:
            continue
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5:
            outside.append((type(artist).__name__, getattr(artist, "get_text", str)()))
    assert outside == []
    outlines = []
    for patch in ax.patches:
        if (patch.get_gid() or "").startswith("box-"):
            box = patch.get_window_extent(renderer)
            outlines.append((patch.get_linewidth(), min(box.width, box.height) * to_pt))
    return outlines


def test_a_big_map_keeps_to_the_rules(big):
    flagged = sg.orphaned_goals(big).index.tolist() or big.ids[17:200]
    ax = sg.plot_map(big, highlight=flagged)
    outlines = check_legible(ax)
    assert len(outlines) == len(big)
    # A stroke is centred on the edge: half of it at most a share of the box's smaller side.
    worst = max(width / side for width, side in outlines)
    assert worst <= OUTLINE_SHARE + 1e-6
    # The finding outlines are still thicker than the plain ones of boxes of the same size.
    assert {round(w, 3) for w, _ in outlines} != {0.6}
    # Every box has its title or counts as one without it, and the legend says how many.
    titled = {t.get_gid()[6:] for t in ax.texts if (t.get_gid() or "").startswith("title-")}
    missing = len(big) - len(titled)
    assert missing > 0
    note = ax.get_legend().get_title().get_text().replace("\n", " ")
    assert note == f"{missing} boxes too small for a legible title are drawn without it"


def test_level_labels_are_never_cut_mid_word():
    long = {"name": "programme", "label_en": "Tværgående indsatsområder"}
    schema = sg.Schema(levels=[long, "effect_goal", "project"], goal_level="effect_goal")
    m = sg.StrategyMap(
        [
            {"id": "I1", "type": "programme", "title": "Et"},
            {"id": "G1", "type": "effect_goal", "title": "To", "parents": ["I1"]},
            {"id": "P1", "type": "project", "title": "Tre", "parents": ["G1"]},
        ],
        schema=schema,
    )
    ax = sg.plot_map(m)
    labels = [t.get_text() for t in ax.texts[:3]]
    # Wrapped between words; the longest word sets the column's width.
    assert labels == ["Tværgående\nindsatsområder", "Effect goal", "Project"]
    check_legible(ax)


def test_a_small_map_keeps_every_title(small):
    ax = sg.plot_map(small)
    check_legible(ax)
    titled = [t for t in ax.texts if (t.get_gid() or "").startswith("title-")]
    assert len(titled) == len(small)
    assert ax.get_legend().get_title().get_text() == ""


def test_a_budget_flow_of_many_goals_keeps_to_the_rules():
    ax = sg.plot_budget(sg.datasets.synthetic(600))
    check_legible(ax)
    total = ax.texts[-1].get_text()
    assert re.fullmatch(
        r"Total under the strategies: DKK [\d,.]+m \(DKK [\d,.]+m lies under no strategy\)\n"
        r"\d+ bars too small for a legible label are drawn without it",
        total,
    )


def test_a_budget_flow_without_money_says_so():
    with pytest.warns(UserWarning, match="no money"):
        ax = sg.plot_budget(framework())
    assert [t.get_text() for t in ax.texts] == [
        "Nothing to show: the schema says its maps carry no money"
    ]
    assert not ax.patches
    fig = ax.get_figure(root=True)
    assert tuple(np.round(fig.get_size_inches() * 2.54, 1)) == (16.3, 3.0)
    check_legible(ax)


def test_a_budget_flow_without_budgets_says_so(small):
    none = sg.StrategyMap([{**e.model_dump(), "budget": None} for e in small], small.links)
    with pytest.warns(UserWarning, match="intet element i kortet har et budget"):
        ax = sg.plot_budget(none, lang="da")
    assert ax.texts[0].get_text() == "Intet at vise: intet element i kortet har et budget"
    assert ax.texts[0].get_fontsize() == 9


def test_a_matrix_without_shared_cells_says_so():
    with pytest.warns(UserWarning, match="no two groups share an element"):
        ax = sg.plot_cross_cutting(framework())
    assert not ax.images
    check_legible(ax)


def test_the_matrix_drops_groups_that_share_nothing():
    m = sg.datasets.synthetic(600)
    matrix = sg.cross_cutting_matrix(m).to_numpy()
    off = matrix.copy()
    np.fill_diagonal(off, 0)
    sharing = (off > 0).any(axis=1)
    assert 0 < sharing.sum() < len(matrix)  # the test needs groups of both kinds
    ax = sg.plot_cross_cutting(m)
    shown = ax.images[0].get_array()
    assert shown.shape == (sharing.sum(), sharing.sum())
    assert (shown.data[~shown.mask] == off[np.ix_(sharing, sharing)][~shown.mask]).all()
    check_legible(ax)


def test_the_report_draws_an_overview_and_a_figure_per_branch(tmp_path):
    m = sg.datasets.synthetic(600)
    out = sg.write_report(m, tmp_path / "rapport")
    page = out.html.read_text(encoding="utf-8")
    branches = sorted((k for k in out.figures if k.startswith("map-")), key=lambda k: int(k[4:]))
    assert branches == [f"map-{k}" for k in range(1, 21)]  # the twenty with most findings
    assert page.count('<h3 id="branch-') == 20
    assert "11 more branches are not drawn" in page
    assert '<h3 id="overview">Overview by branch</h3>' in page
    for name in ("map", "map-1"):
        assert out.figures[name][0].read_bytes().startswith(b"\x89PNG")


def test_a_report_on_a_map_without_money_or_shared_cells_leaves_them_out(tmp_path):
    out = sg.write_report(framework(), tmp_path / "rapport")
    page = out.html.read_text(encoding="utf-8")
    assert "budget" not in out.figures
    assert "cross_cutting" not in out.figures
    assert 'id="left-out-budget"' in page
    assert 'id="left-out-cross_cutting"' in page


@pytest.mark.parametrize("dpi", [72, 200])
def test_the_rules_hold_at_any_resolution(example, dpi):
    with mpl.rc_context({"figure.dpi": dpi}):
        ax = sg.plot_map(example, highlight=sg.orphaned_goals(example))
        check_legible(ax)
