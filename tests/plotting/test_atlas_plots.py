"""The atlas's figures: organisations as bands of the layered map, and the goals over the years."""

import pytest

import stratgraph as sg


@pytest.fixture(scope="module")
def atlas():
    return sg.datasets.load_atlas("eksempel-atlas")


def _gids(ax, prefix):
    return {
        p.get_gid()[len(prefix) :]: p for p in ax.patches if (p.get_gid() or "").startswith(prefix)
    }


def test_one_band_per_organisation_in_chain_order(atlas):
    ax = sg.plot_atlas(atlas, year=2024)
    bands = _gids(ax, "band-")
    assert list(bands) == list(atlas.organisations)
    names = [t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("name-")]
    assert names == list(atlas.organisations)
    lefts = [b.get_x() for b in bands.values()]
    assert lefts == sorted(lefts)


def test_every_box_lies_inside_its_organisations_band(atlas):
    ax = sg.plot_atlas(atlas, year=2024)
    bands = _gids(ax, "band-")
    boxes = _gids(ax, "box-")
    smap = atlas.combined(2024)
    assert sorted(boxes) == sorted(smap.ids)
    for eid, box in boxes.items():
        band = bands[smap[eid].attrs["organisation"]]
        assert band.get_x() <= box.get_x()
        assert box.get_x() + box.get_width() <= band.get_x() + band.get_width()


def test_links_between_organisations_are_drawn_across_bands(atlas):
    ax = sg.plot_atlas(atlas, year=2024)
    cross = _gids(ax, "cross-")
    expected = {
        f"{sk[0]}:{sid}->{tk[0]}:{tid}" for sk, sid, tk, tid, _ in atlas.resolved_links(2024)
    }
    assert set(cross) == expected
    assert len(cross) == 18
    assert {p.get_edgecolor()[:3] for p in cross.values()} == {(0.0, 0x72 / 255, 0xB2 / 255)}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "Link between organisations"


def test_danish_labels(atlas):
    ax = sg.plot_atlas(atlas, year=2023, lang="da")
    texts = [t.get_text() for t in ax.texts]
    assert "Effektmål" in texts
    assert "Kobling mellem organisationer" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_the_overview_counts_elements_per_organisation_and_level(atlas):
    ax = sg.plot_atlas(atlas, year=2024, overview=True, lang="da")
    counts = {
        t.get_gid()[6:]: t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("count-")
    }
    assert counts["Fjordby Kommune-effect_goal"] == "8"
    assert counts["Staten-vision"] == "1"
    assert counts["Fjordby Kommune->Staten"] == "3"
    assert len(_gids(ax, "cell-")) == 5 * 5  # five levels hold elements (none the policy level)
    assert set(_gids(ax, "cross-")) == {
        "Region Vestdal->Staten",
        "Staten->Region Vestdal",
        "Fjordby Kommune->Staten",
        "Fjordby Kommune->Region Vestdal",
        "Skovlunde Kommune->Staten",
        "Skovlunde Kommune->Region Vestdal",
        "Havnstrup Kommune->Staten",
        "Havnstrup Kommune->Region Vestdal",
    }


def test_a_year_outside_the_atlas_is_refused(atlas):
    with pytest.raises(sg.OptionError, match=r"year=2019 .*2022, 2023, 2024"):
        sg.plot_atlas(atlas, year=2019)


def test_continuity_draws_each_organisations_goals_and_churn(atlas):
    ax = sg.plot_continuity(atlas, lang="da")
    lines = {line.get_label(): line for line in ax.lines}
    assert list(lines) == list(atlas.organisations)
    fjordby = lines["Fjordby Kommune"]
    assert list(fjordby.get_xdata()) == [2022, 2023, 2024]
    assert list(fjordby.get_ydata()) == [9, 9, 8]
    assert ax.get_ylabel() == "Antal effektmål"
    churn = ax.figure.axes[1]
    bars = {p.get_gid(): p.get_height() for p in churn.patches if p.get_gid()}
    assert bars["added-Fjordby Kommune-2023"] == 2
    assert bars["removed-Fjordby Kommune-2023"] == -2
    assert bars["removed-Fjordby Kommune-2024"] == -1
    assert "added-Fjordby Kommune-2022" not in bars
