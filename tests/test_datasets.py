import typing
from collections import Counter
from pathlib import Path

import pytest

import stratgraph as sg
from stratgraph._options import BundledMap

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sg.datasets.names())
def test_bundled_maps_load_with_danish_content(name):
    m = sg.datasets.load(name)
    assert 60 <= len(m) <= 150
    assert m.organisation == "Eksempel Kommune"
    assert m.currency == "DKK"
    assert Counter(e.type for e in m).keys() == set(m.schema.level_names)
    assert any(ch in "".join(e.title for e in m) for ch in "æøå")
    assert all(e.owner for e in m)
    assert any(e.agenda for e in m)
    assert sum(e.budget or 0 for e in m) > 1_000_000
    assert any(e.indicators for e in m)
    assert m.number_of_links("tension") >= 1
    assert all(link.note for link in m.links if link.kind is sg.LinkKind.TENSION)


def test_two_years_differ():
    old, new = (sg.datasets.load(n) for n in sg.datasets.names())
    assert (old.year, new.year) == (2012, 2013)
    goals = {m.year: {e.id for e in m if e.type == "effect_goal"} for m in (old, new)}
    assert goals[2012] - goals[2013]  # removed goals
    assert goals[2013] - goals[2012]  # added goals
    kept = goals[2012] & goals[2013]
    assert any(old[i].title != new[i].title for i in kept)  # retitled
    assert any(old.parents(i) != new.parents(i) for i in kept)  # moved


@pytest.mark.parametrize("name", sg.datasets.names())
def test_data_folder_holds_the_same_files(name):
    yaml_path = sg.datasets.path(name)
    assert (ROOT / "data" / yaml_path.name).read_bytes() == yaml_path.read_bytes()
    xlsx = sg.datasets.path(name, format="xlsx")
    assert sg.read_excel(xlsx) == sg.datasets.load(name)
    assert sg.read_excel(ROOT / "data" / xlsx.name) == sg.datasets.load(name)


def test_unknown_dataset_lists_the_names():
    with pytest.raises(
        sg.OptionError,
        match=r"^name='odsherred' is not valid; give one of 'eksempel-2012', 'eksempel-2013'$",
    ):
        sg.datasets.load("odsherred")
    with pytest.raises(
        sg.OptionError, match=r"^format='csv' is not valid; give one of 'yaml', 'xlsx'$"
    ):
        sg.datasets.path("eksempel-2013", format="csv")
    with pytest.raises(
        sg.OptionError, match=r"^n=-1 is not valid; give a whole number of 0 or more$"
    ):
        sg.datasets.synthetic(-1)
    assert sg.datasets.names() == typing.get_args(BundledMap)


@pytest.mark.parametrize("n", [0, 1, 5, 6, 7, 30, 300])
@pytest.mark.parametrize("schema", sg.preset_names())
def test_synthetic_maps_are_valid_and_sized(n, schema, tmp_path):
    m = sg.datasets.synthetic(n, seed=3, schema=schema)
    assert len(m) == n
    # Writing and reading back runs every check of the model on the whole map.
    m.to_yaml(tmp_path / "s.yaml")
    assert sg.read_yaml(tmp_path / "s.yaml") == m


def test_synthetic_has_a_realistic_shape():
    m = sg.datasets.synthetic(5000, seed=1)
    counts = Counter(e.type for e in m)
    assert counts["project"] > counts["effect_goal"] > counts["strategy"] > counts["vision"]
    n_parents = Counter(link.target for link in m.links if link.kind is sg.LinkKind.HIERARCHY)
    assert sum(1 for c in n_parents.values() if c > 1) > 50  # multi-parent elements
    orphans = [e for e in m if e.type != "vision" and e.id not in n_parents]
    assert 5 < len(orphans) < 250
    rank = {lv: i for i, lv in enumerate(m.schema.level_names)}
    skips = [
        link
        for link in m.links
        if link.kind is sg.LinkKind.HIERARCHY
        and rank[m[link.target].type] - rank[m[link.source].type] > 1
    ]
    assert skips
    assert any(m[link.source].type == m[link.target].type for link in m.links)  # nesting
    assert m.number_of_links("tension") >= 1
    assert m.number_of_links("supports") >= 1


def test_synthetic_is_deterministic_per_seed():
    assert sg.datasets.synthetic(800, seed=7) == sg.datasets.synthetic(800, seed=7)
    assert sg.datasets.synthetic(800, seed=7) != sg.datasets.synthetic(800, seed=8)


def test_synthetic_titles_are_varied_danish_with_a_few_near_duplicates():
    m = sg.datasets.synthetic(20_000, seed=4)
    goals = [e.title for e in m if e.type == "effect_goal"]
    assert len(set(goals)) > 0.99 * len(goals)
    assert any(ch in "".join(goals) for ch in "æøå")
    assert len({title.split()[0] for title in goals}) >= 15  # many ways to open a goal
    # About 0.5 % of the goals repeat an earlier goal with a small edit; SG402 finds them.
    pairs = sg.near_duplicates(m)
    assert 0.002 * len(goals) < len(pairs) < 0.02 * len(goals)
    titles = {e.id: e.title for e in m}
    other = pairs["other"]
    assert any(titles[b].startswith(titles[a]) for a, b in zip(pairs.index, other, strict=True))
