import json
import re
from html.parser import HTMLParser

import pytest

import stratgraph as sg
from stratgraph._atomic import manifest_path
from stratgraph.interactive import SIGNATURE

HOSTILE = "</script><script>alert(1)</script>"


class _Scripts(HTMLParser):
    """The page's elements as a browser's parser sees them: scripts and their text."""

    def __init__(self):
        super().__init__()
        self.scripts = []  # (attrs, text)
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = (dict(attrs), [])

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append((self._open[0], "".join(self._open[1])))
            self._open = None


def scripts_of(page):
    parser = _Scripts()
    parser.feed(page)
    return parser.scripts


def data_of(page):
    data = [text for attrs, text in scripts_of(page) if attrs.get("id") == "sg-data"]
    assert len(data) == 1
    return json.loads(data[0])


@pytest.fixture(scope="module")
def view(example):
    return sg.explore(example, lang="da")


def test_nodes_are_the_elements_at_the_layouts_positions(example, view):
    nodes = view.payload["nodes"]
    assert [n["id"] for n in nodes] == list(example.ids)
    layout = sg.layered_layout(example)
    assert {n["id"]: (n["x"], n["y"]) for n in nodes} == layout
    levels = [level["name"] for level in view.payload["levels"]]
    assert [levels[n["level"]] for n in nodes] == [e.type for e in example]


def test_nodes_carry_what_the_hover_card_shows(example, view):
    nodes = {n["id"]: n for n in view.payload["nodes"]}
    findings = sg.audit(example).findings
    for element in example:
        node = nodes[element.id]
        assert node["title"] == element.title
        assert node["owner"] == element.owner
        assert node["agenda"] == list(element.agenda)
        assert node["indicators"] == [i.name for i in element.indicators]
        own = findings[findings["element"] == element.id]
        assert sorted(f[0] for f in node["findings"]) == sorted(own["code"])
    budgeted = next(e for e in example if e.budget is not None and e.budget >= 1000)
    expected = f"{budgeted.budget:,.0f}".replace(",", ".") + " kr."
    assert nodes[budgeted.id]["budget"] == expected


def test_edges_are_the_hierarchy_links_along_the_layouts_routes(example, view):
    nodes = view.payload["nodes"]
    edges = {(nodes[p]["id"], nodes[c]["id"]): points for p, c, points in view.payload["edges"]}
    hierarchy = {(lk.source, lk.target) for lk in example.links if lk.kind is sg.LinkKind.HIERARCHY}
    assert set(edges) == hierarchy
    assert len(edges) == len(view.payload["edges"])
    # A link that skips a level bends through one point per level it passes.
    rows = {n["id"]: n["y"] for n in nodes}
    for (parent, child), points in edges.items():
        assert len(points) == max(0, rows[parent] - rows[child] - 1)


def test_page_is_one_file_with_the_library_and_its_licence(view):
    page = view.html
    assert page.startswith("<!DOCTYPE html>")
    assert SIGNATURE in page
    scripts = scripts_of(page)
    assert [attrs for attrs, _ in scripts] == [
        {"type": "application/json", "id": "sg-data"},
        {},
        {},
    ]
    library = scripts[1][1]
    assert "Panzoom 4.6.2" in library
    assert "Permission is hereby granted, free of charge" in library
    assert "window.Panzoom(stage" in scripts[2][1]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert '<html lang="da">' in page
    assert data_of(page)["words"]["search"] == "Søg id eller titel"


def test_titles_holding_markup_stay_data():
    m = sg.StrategyMap(
        [
            {"id": "V1", "type": "vision", "title": HOSTILE, "owner": "<b>Økonomi</b> & Co"},
            {"id": "G1", "type": "effect_goal", "title": "Mål <!-- \u2028 --> æøå ÆØÅ"},
        ],
        [{"source": "V1", "target": "G1"}],
        name="<img src=x onerror=alert(2)>",
    )
    page = sg.explore(m).html
    assert HOSTILE not in page
    assert "<img" not in page
    assert "<b>" not in page
    assert len(scripts_of(page)) == 3
    data = data_of(page)
    assert [n["title"] for n in data["nodes"]] == [HOSTILE, "Mål <!-- \u2028 --> æøå ÆØÅ"]
    assert data["nodes"][0]["owner"] == "<b>Økonomi</b> & Co"
    assert data["name"] == "<img src=x onerror=alert(2)>"
    assert "<title>Interactive map: &lt;img src=x onerror=alert(2)&gt;</title>" in page


def test_jupyter_shows_the_page_in_an_escaped_frame(view):
    shown = view._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "<script" not in shown
    assert repr(view) == "<InteractiveMap of 'Eksempel Kommune 2013': 103 elements>"


def test_save_writes_the_page(view, tmp_path):
    target = view.save(tmp_path / "map.html")
    assert target == tmp_path / "map.html"
    assert target.read_text(encoding="utf-8") == view.html
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temporary file left
    view.save(target)  # our own file is replaced without asking
    assert target.read_text(encoding="utf-8") == view.html


def test_save_refuses_a_file_that_is_not_ours(view, tmp_path):
    theirs = tmp_path / "map.html"
    theirs.write_text("<html><body>Budgetnotat 2024</body></html>", encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"map\.html: a file is there .* overwrite=True"):
        view.save(theirs)
    assert theirs.read_text(encoding="utf-8") == "<html><body>Budgetnotat 2024</body></html>"
    view.save(theirs, overwrite=True)
    assert theirs.read_text(encoding="utf-8") == view.html


def test_save_into_a_missing_folder_names_it(view, tmp_path):
    with pytest.raises(FileNotFoundError, match="mangler"):
        view.save(tmp_path / "mangler" / "map.html")


def test_save_refuses_a_page_that_only_quotes_the_signature(view, tmp_path):
    notes = tmp_path / "notes.html"
    quoted = f"<!DOCTYPE html>\n<html><head><title>Noter</title></head><body><pre>{SIGNATURE}</pre>"
    notes.write_text(quoted, encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"notes\.html: a file is there"):
        view.save(notes)
    assert notes.read_text(encoding="utf-8") == quoted
    danish = sg.explore(sg.datasets.load("eksempel-2013"), lang="da")
    danish.save(view.save(tmp_path / "map.html"))  # ours in either language is replaced
    assert (tmp_path / "map.html").read_text(encoding="utf-8") == danish.html


def test_save_to_an_empty_path_or_a_folder_says_what_is_wrong(view, tmp_path):
    with pytest.raises(sg.WriteError, match=r"^cannot write the interactive map: the path is em"):
        view.save("")
    folder = tmp_path / "kort"
    folder.mkdir()
    expected = f"'{folder}': it is a folder; give a file name in it, e.g. '{folder / 'map.html'}'"
    with pytest.raises(sg.WriteError, match=re.escape(expected)):
        view.save(folder)
    assert list(folder.iterdir()) == []


def test_save_where_the_system_refuses_names_no_temporary_file(view):
    with pytest.raises(sg.WriteError) as caught:
        view.save("/proc/map.html")  # /proc takes no new files
    assert str(caught.value) == (
        "map.html cannot be written (No such file or directory); nothing was written"
    )


def test_empty_map_warns_and_gives_a_page_saying_so(tmp_path):
    with pytest.warns(sg.StratgraphWarning, match="'Tom' has no elements"):
        view = sg.explore(sg.StrategyMap(name="Tom"), lang="da")
    data = data_of(view.html)
    assert data["nodes"] == []
    assert data["edges"] == []
    assert data["words"]["empty"] == "Kortet »Tom« har ingen elementer: der er intet at vise."
    assert view.save(tmp_path / "tom.html").stat().st_size > 1000


@pytest.mark.parametrize(
    ("option", "value", "valid"),
    [("color_by", "colour", "'level', 'owner', 'agenda', 'status'"), ("lang", "de", "'en', 'da'")],
)
def test_a_bad_option_names_the_valid_values(example, option, value, valid):
    with pytest.raises(sg.OptionError, match=f"{option}={value!r}.*{valid}"):
        sg.explore(example, **{option: value})


def test_the_report_writes_the_interactive_map_beside_it(example, tmp_path):
    written = sg.write_report(example, tmp_path, lang="da")
    assert written.interactive == tmp_path / "map.html"
    page = written.interactive.read_text(encoding="utf-8")
    assert data_of(page)["nodes"][0]["id"] == "V1"
    report = written.html.read_text(encoding="utf-8")
    assert '<a href="map.html">map.html</a>' in report
    manifest = json.loads(manifest_path(written.html).read_text(encoding="utf-8"))
    assert "map.html" in json.dumps(manifest)


def test_the_report_of_an_empty_map_has_no_interactive_map(tmp_path):
    written = sg.write_report(sg.StrategyMap(name="Tom"), tmp_path)
    assert written.interactive is None
    assert not (tmp_path / "map.html").exists()
