"""The atlas's figures: organisations as bands of the layered map, and the goals over the years."""

import itertools
from importlib.resources import files

import numpy as np
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


@pytest.fixture(scope="module")
def ministry_atlas(tmp_path_factory):
    """The example atlas with the state as a long one-word ministry, and a municipality twice.

    Kystby Kommune's maps are Skovlunde Kommune's under another name, so that their lines of
    goals over the years coincide.
    """
    folder = tmp_path_factory.mktemp("ministry")
    source = files("stratgraph.datasets") / "data" / "eksempel-atlas"
    for item in source.iterdir():
        text = item.read_text(encoding="utf-8").replace("Staten", "Beskæftigelsesministeriet")
        name = item.name.replace("Staten", "Beskæftigelsesministeriet")
        (folder / name).write_text(text, encoding="utf-8")
        if name.startswith("Skovlunde-Kommune_"):
            copy = text.replace("Skovlunde Kommune", "Kystby Kommune")
            (folder / name.replace("Skovlunde", "Kystby")).write_text(copy, encoding="utf-8")
    with (folder / "organisations.csv").open("a", encoding="utf-8") as f:
        f.write("Kystby Kommune,Region Vestdal,Kystby Kommune,kommune\n")
    return sg.read_atlas(folder)


def _distance_to_path(point, vertices):
    """Return the distance in pixels from a point to a polyline."""
    p = np.asarray(point)
    best = np.inf
    for a, b in itertools.pairwise(vertices):
        d = b - a
        t = 0.0 if not d.any() else np.clip(np.dot(p - a, d) / np.dot(d, d), 0, 1)
        best = min(best, float(np.linalg.norm(p - (a + t * d))))
    return best


def test_overview_counts_sit_on_their_own_arrows_and_never_overlap(ministry_atlas):
    ax = sg.plot_atlas(ministry_atlas, year=2024, overview=True, lang="da")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    arrows = _gids(ax, "cross-")
    labels = {
        t.get_gid()[6:]: t
        for t in ax.texts
        if (t.get_gid() or "").startswith("count-") and "->" in t.get_gid()
    }
    assert set(labels) == set(arrows)
    assert len(labels) == 8
    extents = {}
    for pair, label in labels.items():
        box = label.get_window_extent(renderer)
        extents[pair] = box
        centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        paths = {
            other: a.get_transform().transform(a.get_path().vertices)  # display coordinates
            for other, a in arrows.items()
        }
        assert _distance_to_path(centre, paths.pop(pair)) < 1.0, pair
        assert min(_distance_to_path(centre, v) for v in paths.values()) > 0.5, pair
    pairs = list(extents.items())
    for i, (p, a) in enumerate(pairs):
        for q, b in pairs[i + 1 :]:
            assert not a.overlaps(b), (p, q)
    for box in extents.values():
        assert fig.bbox.contains(box.x0, box.y0)
        assert fig.bbox.contains(box.x1, box.y1)


def test_overview_names_fit_under_the_title(ministry_atlas):
    ax = sg.plot_atlas(ministry_atlas, year=2024, overview=True, lang="da")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = {t.get_gid(): t for t in ax.texts if t.get_gid()}
    title = texts["title"].get_window_extent(renderer)
    names = {g[5:]: t for g, t in texts.items() if g.startswith("name-")}
    assert list(names) == list(ministry_atlas.organisations)
    assert names["Beskæftigelsesministeriet"].get_text() == "Beskæftigelses-\nministeriet"
    for org, text in names.items():
        box = text.get_window_extent(renderer)
        assert not box.overlaps(title), org
        assert fig.bbox.contains(box.x1, box.y1), org


def test_coinciding_lines_share_one_label_inside_the_figure(ministry_atlas):
    ax = sg.plot_continuity(ministry_atlas, lang="da")
    lines = {line.get_label(): line for line in ax.lines}
    skovlunde, kystby = lines["Skovlunde Kommune"], lines["Kystby Kommune"]
    assert list(skovlunde.get_ydata()) == list(kystby.get_ydata())
    # concentric markers: the line drawn first, underneath, has the larger marker
    assert skovlunde.get_markersize() > kystby.get_markersize()
    assert skovlunde.get_marker() != kystby.get_marker()
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    names = {t.get_gid()[5:]: t for t in ax.texts if (t.get_gid() or "").startswith("name-")}
    assert names["Skovlunde Kommune|Kystby Kommune"].get_text() == (
        "▲ Skovlunde Kommune\n◀ Kystby Kommune"
    )
    named = [org for key in names for org in key.split("|")]
    assert sorted(named) == sorted(ministry_atlas.organisations)
    boxes = [t.get_window_extent(renderer) for t in names.values()]
    for box in boxes:
        assert fig.bbox.x0 <= box.x0
        assert box.x1 <= fig.bbox.x1
        assert fig.bbox.y0 <= box.y0
        assert box.y1 <= fig.bbox.y1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
