import io

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgb

import stratgraph as sg
from stratgraph.plotting.style import HATCHES, OKABE_ITO, current_lang, memo_rc, tint


def test_memo_style_sets_print_defaults_and_restores_them():
    before = dict(mpl.rcParams)
    with sg.memo_style() as rc:
        assert mpl.rcParams["figure.figsize"][0] * 2.54 == pytest.approx(16)
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert mpl.rcParams["svg.hashsalt"] == rc["svg.hashsalt"]
        assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        colours = [c["color"] for c in mpl.rcParams["axes.prop_cycle"]]
        assert colours[:3] == list(OKABE_ITO[:3])
        styles = [c["linestyle"] for c in mpl.rcParams["axes.prop_cycle"]]
        assert len(set(map(str, styles))) == len(styles)  # lines apart without colour, too
    assert dict(mpl.rcParams) == before


def test_memo_style_takes_further_rc_and_nests_languages():
    assert current_lang() is None
    with sg.memo_style(lang="da", rc={"font.size": 11}):
        assert mpl.rcParams["font.size"] == 11
        assert current_lang() == "da"
        with sg.memo_style():
            assert current_lang() == "da"
        with sg.memo_style(lang="en"):
            assert current_lang() == "en"
        assert current_lang() == "da"
    assert current_lang() is None


def test_memo_style_refuses_an_unknown_language():
    with (
        pytest.raises(sg.OptionError, match=r"^lang='de' is not valid; give one of 'en', 'da'$"),
        sg.memo_style(lang="de"),
    ):
        pass


def test_palette_and_hatches_survive_greyscale():
    # Category fills must differ in lightness or hatch, so they stay apart printed in grey.
    greys = [
        round(sum(w * c for w, c in zip((0.299, 0.587, 0.114), to_rgb(tint(col)), strict=True)), 2)
        for col in OKABE_ITO
    ]
    assert len(set(greys)) >= 4
    assert len(set(HATCHES)) == len(HATCHES)
    assert memo_rc()["image.cmap"] == "cividis"


def test_danish_letters_and_symbols_render_without_a_missing_glyph(small):
    # A missing glyph is a warning, and warnings are errors in this test suite.
    with sg.memo_style(lang="da"):
        ax = sg.plot_map(small, highlight=["G1"])
        ax.text(0, 0, "Æble, ørred og ål ⚡ ★ ✕ ✎ ↷ − +")
        ax.figure.savefig(io.BytesIO(), format="png")
        ax.figure.savefig(io.BytesIO(), format="pdf")


def _svg(draw):
    with sg.memo_style(lang="da"):
        ax = draw()
        out = io.BytesIO()
        ax.figure.savefig(out, format="svg", metadata={"Date": None})
        plt.close(ax.figure)
    return out.getvalue()


@pytest.mark.parametrize(
    "draw",
    [
        pytest.param(lambda m: sg.plot_map(m, highlight=sg.orphaned_goals(m)), id="map"),
        pytest.param(sg.plot_budget, id="budget"),
    ],
)
def test_the_same_map_gives_the_same_svg_bytes(example, draw):
    first = _svg(lambda: draw(example))
    again = _svg(lambda: draw(sg.read_yaml(sg.datasets.path("eksempel-2013"))))
    assert first == again
    assert b"<svg" in first
