import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from matplotlib.patches import FancyBboxPatch

import stratgraph as sg


def boxes(ax):
    return {
        p.get_gid()[4:]: p
        for p in ax.patches
        if isinstance(p, FancyBboxPatch) and (p.get_gid() or "").startswith("box-")
    }


@pytest.fixture
def changed(small):
    """Next year's small map: P1 removed, P3 added, A2 retitled, P2 moved from A2 to A1."""
    elements = [e.model_dump() for e in small if e.id != "P1"]
    for e in elements:
        if e["id"] == "A2":
            e["title"] = "Strategiplan Teknik og Miljø"
    elements.append({"id": "P3", "type": "project", "title": "Ny", "parents": ["A1"]})
    links = [
        link
        for link in small.links
        if link.source != "P1"
        and link.target != "P1"
        and (link.source, link.target) != ("A2", "P2")
    ]
    links.append(sg.Link(source="A1", target="P2"))
    return sg.StrategyMap(elements, links, name="Lille kort", year=2014)


def test_both_versions_in_one_map_with_each_change_marked(small, changed):
    _, ax = plt.subplots()
    assert sg.plot_diff(small, changed, ax=ax) is ax
    found = boxes(ax)
    assert set(found) == set(small.ids) | set(changed.ids)
    marks = [t.get_text() for t in ax.texts]
    for mark in ("+", "−", "✎", "↷"):
        assert marks.count(mark) == 1
    assert found["P1"].get_linestyle() != "-"  # removed: dashed
    assert to_hex(found["P1"].get_facecolor()) == "#ffffff"
    assert found["P3"].get_linewidth() > found["P2"].get_linewidth()  # added
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"Added (1)", "Removed (1)", "Retitled (1)", "Moved (1)"} <= set(legend)
    assert ax.get_title(loc="left") == "Changes from 2013 to 2014"


def test_links_that_only_the_old_version_has_are_dashed(small, changed):
    ax = sg.plot_diff(small, changed, lang="da")
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    solid, dashed = lines
    assert len(dashed.get_segments()) == 2  # A1 → P1 and A2 → P2 are gone
    assert {ls[1] is not None for ls in dashed.get_linestyles()} == {True}
    assert len(solid.get_segments()) == changed.number_of_links("hierarchy") - 1  # less nesting
    assert ax.get_title(loc="left") == "Ændringer fra 2013 til 2014"


def test_the_bundled_years(example_2012, example):
    ax = sg.plot_diff(example_2012, example, wrap=False, alpha=0.9)
    changes = sg.diff(example_2012, example)
    found = boxes(ax)
    assert set(changes.index) <= set(found)
    assert {b.get_alpha() for b in found.values()} == {0.9}


def test_maps_with_other_levels_cannot_be_compared(small):
    okr = sg.datasets.synthetic(10, seed=1, schema="okr")
    with pytest.raises(sg.SchemaError, match="different levels"):
        sg.plot_diff(small, okr)


def test_two_empty_maps_warn(empty):
    with pytest.warns(UserWarning, match="no elements"):
        ax = sg.plot_diff(empty, empty)
    assert not ax.patches
