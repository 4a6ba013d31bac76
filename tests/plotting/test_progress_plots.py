"""The progress figures: the map coloured by status, and plot_progress's small multiples."""

import datetime as dt

import matplotlib.dates as mdates
import pytest
from matplotlib.colors import to_rgba

import stratgraph as sg
from measured import GOALS, five_statuses

#: Each status's fill and hatch as plot_map draws it: Okabe–Ito colours lightened half-way to
#: white, and a hatch of its own.
FILLS = {
    "on_track": ("#80ceb9", ""),
    "at_risk": ("#f2cf80", "////"),
    "off_track": ("#eaae80", "xxxx"),
    "no_data": ("#ffffff", "...."),
    "dialogue": ("#abdaf4", "oo"),
}
WORDS = {
    "en": ["On track", "At risk", "Off track", "No data", "Followed up in dialogue"],
    "da": ["På sporet", "I risiko", "Bagud", "Ingen data", "Følges op i dialogen"],
}


@pytest.fixture
def statuses():
    return five_statuses()


def _boxes(ax):
    return {p.get_gid()[4:]: p for p in ax.patches if (p.get_gid() or "").startswith("box-")}


def _year_end(year):
    return mdates.date2num(dt.date(year, 12, 31))


def test_each_status_has_its_own_fill_and_hatch(statuses):
    ax = sg.plot_map(statuses, color_by="status")
    boxes = _boxes(ax)
    for eid, (status, _) in GOALS.items():
        fill, hatch = FILLS[status]
        assert boxes[eid].get_facecolor() == to_rgba(fill), eid
        assert (boxes[eid].get_hatch() or "") == hatch, eid
    # The strategies and the vision take their rolled-up status.
    assert boxes["S1"].get_facecolor() == to_rgba(FILLS["on_track"][0])
    assert boxes["S2"].get_hatch() == "xxxx"
    assert boxes["V"].get_hatch() == "////"
    # No two statuses share a fill or a hatch: they stay apart in greyscale print too.
    assert len({fill for fill, _ in FILLS.values()}) == len({h for _, h in FILLS.values()}) == 5


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_legend_names_the_statuses_in_the_language_with_their_styles(statuses, lang):
    ax = sg.plot_map(statuses, color_by="status", lang=lang)
    legend = ax.get_legend()
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts[1:] == WORDS[lang]  # after the hierarchy's line
    handles = legend.legend_handles[1:]
    for handle, (fill, hatch) in zip(handles, FILLS.values(), strict=True):
        assert handle.get_facecolor() == to_rgba(fill)
        assert (handle.get_hatch() or "") == hatch


def test_the_legend_lists_only_the_statuses_drawn(statuses):
    ax = sg.plot_map(statuses, color_by="status", focus="G1")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["Chain (parent → child)", "On track", "At risk", "Element in focus"]


def test_a_view_keeps_the_status_rolled_up_on_the_whole_map(statuses):
    ax = sg.plot_map(statuses, color_by="status", levels=["vision", "strategy"])
    boxes = _boxes(ax)
    assert sorted(boxes) == ["S1", "S2", "V"]
    assert boxes["S2"].get_hatch() == "xxxx"  # from G3, which the view leaves out
    assert boxes["V"].get_hatch() == "////"


def test_at_takes_the_status_at_an_earlier_period(statuses):
    # In 2013 G2 has made 0.175 of the 0.2498 expected: on track; G3 0.05: at risk.
    boxes = _boxes(sg.plot_map(statuses, color_by="status", at=2013))
    assert boxes["G2"].get_hatch() is None
    assert boxes["G3"].get_hatch() == "////"
    before = _boxes(sg.plot_map(statuses, color_by="status", at="2011"))
    assert {p.get_hatch() for eid, p in before.items() if eid != "G5"} == {"...."}


def test_at_needs_the_status_colouring(statuses):
    with pytest.raises(sg.OptionError, match=r"at.*color_by=\"status\""):
        sg.plot_map(statuses, at=2013)
    with pytest.raises(sg.OptionError, match="2013Q5"):
        sg.plot_map(statuses, color_by="status", at="2013Q5")


def test_one_panel_per_measured_indicator_with_the_expected_path(statuses):
    fig = sg.plot_progress(statuses)
    gids = [ax.get_gid() for ax in fig.axes]
    # G4 is not measured; G5 is followed up in dialogue: neither is drawn unless asked for.
    assert gids == [f"progress-{eid}-Andel" for eid in ("G1", "G2", "G3")]
    asked = sg.plot_progress(statuses, ids=["G5"])
    assert asked.axes[0].get_title(loc="left") == "G5 · Andel\nFollowed up in dialogue"
    ax = fig.axes[1]
    lines = {line.get_gid(): line for line in ax.get_lines()}
    expected = lines["expected"]
    assert list(expected.get_xdata()) == [_year_end(2012), _year_end(2016)]
    assert list(expected.get_ydata()) == [40, 60]
    assert expected.get_linestyle() == "--"
    measured = lines["measured"]
    assert list(measured.get_xdata()) == [_year_end(y) for y in (2012, 2013, 2014)]
    assert list(measured.get_ydata()) == pytest.approx([40, 43.5, 47])
    assert list(lines["baseline"].get_xydata()[0]) == [_year_end(2012), 40]
    assert list(lines["target"].get_xydata()[0]) == [_year_end(2016), 60]
    # The status line is wrapped to the panel's width.
    assert ax.get_title(loc="left") == "G2 · Andel\nAt risk · progress 35%,\nexpected 50%"
    assert ax.get_ylabel() == "%"
    # Each year's number stands under its middle, between the marks where the years begin: a
    # yearly measurement at the right edge of its year, a quarter's inside it.
    labels = [t.get_text() for t in ax.get_xticklabels(minor=True)]
    assert labels == ["2012", "2013", "2014", "2015", "2016"]
    middles = [mdates.date2num(dt.date(y, 7, 2)) for y in range(2012, 2017)]
    assert list(ax.get_xticks(minor=True)) == middles
    starts = [mdates.date2num(dt.date(y, 1, 1)) for y in range(2012, 2018)]
    assert list(ax.get_xticks()) == starts
    assert {t.get_text() for t in ax.get_xticklabels()} == {""}
    assert starts[0] < _year_end(2012) < starts[1]  # the baseline of 2012 inside 2012
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Measured", "Baseline", "Target", "Expected path (baseline → target)"]


def test_the_panels_speak_danish(statuses):
    with sg.memo_style(lang="da"):
        fig = sg.plot_progress(statuses, ["G3"])
    (ax,) = fig.axes
    assert ax.get_title(loc="left") == "G3 · Andel\nBagud · fremdrift 10 %, forventet 50 %"
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Målt", "Udgangspunkt", "Målværdi", "Forventet forløb (udgangspunkt → mål)"]


def test_ids_choose_the_panels_in_their_order_and_at_cuts_the_measurements(statuses):
    fig = sg.plot_progress(statuses, ["G3", "G4", "G1"], at=2013)
    assert [ax.get_gid() for ax in fig.axes] == [
        "progress-G3-Andel",
        "progress-G4-Andel",
        "progress-G1-Andel",
    ]
    g3 = {line.get_gid(): line for line in fig.axes[0].get_lines()}
    assert list(g3["measured"].get_ydata()) == pytest.approx([40, 41])
    title = fig.axes[0].get_title(loc="left")
    assert title == "G3 · Andel\nAt risk · progress 5%, expected\n25%"
    g4 = {line.get_gid() for line in fig.axes[1].get_lines()}
    assert g4 == {"expected", "baseline", "target"}  # nothing measured
    assert fig.axes[1].get_title(loc="left") == "G4 · Andel\nNo data"


def test_the_panels_go_ncols_to_a_row(statuses):
    fig = sg.plot_progress(statuses, ncols=2)
    fig.canvas.draw()
    lefts = sorted({round(ax.get_position().x0, 3) for ax in fig.axes})
    bottoms = sorted({round(ax.get_position().y0, 3) for ax in fig.axes})
    assert (len(lefts), len(bottoms)) == (2, 2)
    assert round(fig.get_figwidth() * 2.54) == 16


def test_more_indicators_than_max_panels_are_cut_with_a_warning(statuses):
    with pytest.warns(UserWarning, match=r"3 indicators to draw.*first 2 are drawn and 1 left"):
        fig = sg.plot_progress(statuses, max_panels=2)
    assert len(fig.axes) == 2
    with (
        sg.memo_style(lang="da"),
        pytest.warns(
            UserWarning, match=r"^3 indikatorer at tegne.*de første 2 tegnes, og 1 udelades"
        ),
    ):
        sg.plot_progress(statuses, max_panels=2)


def test_nothing_measured_says_so(statuses):
    with pytest.warns(UserWarning, match="no indicator of S1, S2 has a measurement"):
        fig = sg.plot_progress(statuses, ["S1", "S2"])
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.texts] == [
        "Nothing to show: no indicator of S1, S2 has a measurement"
    ]
    with pytest.warns(UserWarning, match="no indicator of the map has a measurement"):
        sg.plot_progress(statuses, at=2011)


def test_bad_options_are_named(statuses):
    with pytest.raises(sg.UnknownElementError, match="G9"):
        sg.plot_progress(statuses, ["G9"])
    with pytest.raises(sg.OptionError, match="ids"):
        sg.plot_progress(statuses, 5)
    with pytest.raises(sg.OptionError, match="ncols"):
        sg.plot_progress(statuses, ncols=0)
    with pytest.raises(sg.OptionError, match="max_panels"):
        sg.plot_progress(statuses, max_panels=2.5)
    with pytest.raises(sg.OptionError, match="at"):
        sg.plot_progress(statuses, at="13/2013")


def test_an_element_asked_for_without_indicators_is_named(statuses):
    bare = sg.StrategyMap(
        [*statuses, sg.Element(id="G9", type="effect_goal", title="Uden indikator")],
        statuses.links,
        statuses.measurements,
        schema=statuses.schema,
    )
    with pytest.warns(UserWarning, match="G9 has no indicators: no panel for it"):
        fig = sg.plot_progress(bare, ids=["G2", "G9"])
    assert [ax.get_gid() for ax in fig.axes] == ["progress-G2-Andel"]
    with sg.memo_style(lang="da"), pytest.warns(UserWarning, match="G9 har ingen indikatorer"):
        sg.plot_progress(bare, ids=["G9", "G2"])


def test_an_empty_list_of_ids_is_named_as_given(statuses):
    with pytest.warns(UserWarning, match=r"no indicator of ids=\[\] has a measurement"):
        sg.plot_progress(statuses, ids=[])
