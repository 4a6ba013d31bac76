"""The 2013 example through every format, and the Danish spreadsheet conventions."""

import csv
import io

import openpyxl
import pandas as pd
import pytest

import stratgraph as sg

FORMATS = ["yaml", "json", "csv", "xlsx", "graphml"]


@pytest.mark.parametrize("ext", FORMATS)
def test_example_reads_back_the_same_from_every_format(example, tmp_path, ext):
    path = tmp_path / f"kort.{ext}"
    example.write(path)
    back = sg.read(path)
    assert list(back) == list(example)  # every element, every field, in map order
    assert {(link.key, link.kind, link.note, link.weight) for link in back.links} == {
        (link.key, link.kind, link.note, link.weight) for link in example.links
    }
    assert back.schema == example.schema
    if ext != "csv":  # a CSV holds no map metadata
        assert back == example


def test_every_format_gives_the_same_map(example, tmp_path):
    maps = {}
    for ext in FORMATS:
        path = tmp_path / f"kort.{ext}"
        example.write(path)
        maps[ext] = sg.read(path)
    first = maps["yaml"]
    for ext, m in maps.items():
        assert list(m) == list(first), ext
        assert {(link.key, link.kind, link.note) for link in m.links} == {
            (link.key, link.kind, link.note) for link in first.links
        }, ext


def test_example_holds_indicators_notes_tensions_and_attrs(example):
    assert any(e.indicators for e in example)
    assert any(link.kind is sg.LinkKind.TENSION and link.note for link in example.links)
    assert any(link.kind is sg.LinkKind.HIERARCHY and link.note for link in example.links)
    assert all(e.budget is None or e.budget >= 0 for e in example)


DANISH = (
    "ID;Type;Titel;Forælder;Ejer;Dagsorden;Budget;Startår\r\n"
    "V1;Vision;Et godt sted at leve;;Direktionen;;;2012\r\n"
    "S1;Strategi;Tidlig indsats;V1;Børn og Unge;velfærd;;2012\r\n"
    'G1;Effektmål;"Færre anbringelser; flere i skole";S1;Børn og Unge;velfærd, bæredygtighed;'
    "1.234,50;2013\r\n"
    "A1;Resultataftale;Aftale med dagtilbud;G1;Dagtilbud;;2.500.000;2013\r\n"
    "P1;Tværgående projekt;Sprogindsats 0–6 år;A1;Dagtilbud;;250.000,75;2013\r\n"
)


def _check_danish(m):
    assert [e.id for e in m] == ["V1", "S1", "G1", "A1", "P1"]
    assert [e.type for e in m] == ["vision", "strategy", "effect_goal", "agreement", "project"]
    g1 = m["G1"]
    assert g1.title == "Færre anbringelser; flere i skole"
    assert g1.budget == 1234.5
    assert g1.agenda == ("velfærd", "bæredygtighed")
    assert g1.owner == "Børn og Unge"
    assert g1.start == 2013
    assert m["A1"].budget == 2_500_000
    assert m["P1"].budget == 250_000.75
    assert m.parents("P1") == ["A1"]
    assert m.children("V1") == ["S1"]


def _read_split(read, path, row=4):
    """Read the Danish file: its one cell of comma-separated tags is split, and named."""
    with pytest.warns(
        sg.ReadWarning, match=rf"1 cell holds commas only and is split at them: row {row};"
    ):
        m = read(path)
    assert [(w.location.row, w.location.column) for w in m.warnings] == [(row, "Dagsorden")]
    return m


def test_danish_excel_csv_loads_with_no_edits(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_bytes(DANISH.encode("cp1252"))
    _check_danish(_read_split(sg.read_csv, path))


def test_utf8_bom_comma_csv_loads_with_no_edits(tmp_path):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=",", lineterminator="\n")
    for row in csv.reader(io.StringIO(DANISH), delimiter=";"):
        writer.writerow(row)
    path = tmp_path / "mål.csv"
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    _check_danish(_read_split(sg.read, path))


def test_danish_csv_written_by_stratgraph_opens_as_danish_excel_saves_it(example, tmp_path):
    path = tmp_path / "kort.csv"
    example.to_csv(path, sep=";", decimal=",", encoding="cp1252")
    text = path.read_bytes().decode("cp1252")
    assert text.splitlines()[0].startswith("id;type;title;parents")
    assert list(sg.read_csv(path)) == list(example)


def test_title_rows_above_the_header_are_skipped(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_bytes(("Strategikort 2013;;;\r\n;;;\r\n" + DANISH).encode("cp1252"))
    _check_danish(_read_split(sg.read_csv, path, row=6))


def test_danish_workbook_with_danish_sheet_names(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Elementer"
    for row in csv.reader(io.StringIO(DANISH), delimiter=";"):
        ws.append(row)
    rel = book.create_sheet("Relationer")
    rel.append(["Kilde", "Til", "Art", "Begrundelse"])
    rel.append(["S1", "G1", "hierarki", "Tidlig indsats virker"])
    rel.append(["G1", "P1", "understøtter", None])
    ind = book.create_sheet("Indikatorer")
    ind.append(["Element", "Navn", "Enhed", "Udgangspunkt", "Målværdi"])
    ind.append(["G1", "Anbringelser pr. 1.000 børn", "antal", "12,5", 9])
    path = tmp_path / "mål.xlsx"
    book.save(path)
    m = _read_split(sg.read_excel, path)
    _check_danish_excel = m["G1"]
    assert _check_danish_excel.budget == 1234.5
    assert m.links_frame().query("source == 'S1'")["note"].tolist() == ["Tidlig indsats virker"]
    assert m.number_of_links("supports") == 1
    (indicator,) = m["G1"].indicators
    assert indicator.baseline == 12.5
    assert indicator.target == 9


def test_formula_cells_are_neutralised_and_restored(tmp_path):
    m = sg.StrategyMap(
        [
            {"id": "S1", "type": "strategy", "title": '=HYPERLINK("http://x","klik")'},
            {
                "id": "G1",
                "type": "effect_goal",
                "title": "-5 % CO2",
                "parents": ["S1"],
                "owner": "@team",
                "attrs": {"x_note": "+45 12345678"},
            },
        ]
    )
    csv_path = tmp_path / "m.csv"
    m.to_csv(csv_path)
    text = csv_path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    assert "'-5 % CO2" in text
    assert "'@team" in text
    assert "'+45 12345678" in text
    xlsx_path = tmp_path / "m.xlsx"
    m.to_excel(xlsx_path)
    cells = [c.value for row in openpyxl.load_workbook(xlsx_path)["elements"] for c in row]
    assert '\'=HYPERLINK("http://x","klik")' in cells
    for path in (csv_path, xlsx_path):
        back = sg.read(path)
        assert list(back) == list(m)


def test_decimal_numbers_survive_both_decimal_marks(tmp_path):
    m = sg.StrategyMap(
        [
            {"id": "G1", "type": "effect_goal", "title": "Mål", "budget": 1.234},
            {"id": "G2", "type": "effect_goal", "title": "Mål 2", "budget": 1234567.5},
        ]
    )
    for sep, decimal in ((",", "."), (";", ",")):
        path = tmp_path / f"m{sep == ';'}.csv"
        m.to_csv(path, sep=sep, decimal=decimal)
        assert [e.budget for e in sg.read_csv(path)] == [1.234, 1234567.5]


def test_unknown_extension_names_the_valid_ones(tmp_path):
    path = tmp_path / "kort.docx"
    path.write_text("x")
    with pytest.raises(sg.UnknownFormatError, match=r"\.csv.*\.xlsx"):
        sg.read(path)
    with pytest.raises(sg.UnknownFormatError, match="valid formats"):
        sg.datasets.load("eksempel-2013").write(tmp_path / "x.yaml", format="pdf")


def test_missing_file_is_a_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nope\.csv"):
        sg.read(tmp_path / "nope.csv")


def test_mermaid_and_dot_hold_every_element_and_link(example, tmp_path):
    mermaid = example.to_mermaid()
    dot = example.to_dot()
    assert mermaid.startswith("flowchart TD")
    assert mermaid.count("-->") == example.number_of_links("hierarchy")
    assert dot.count(" -> ") == len(example.links)
    for e in example:
        assert f'"{e.id}"' in dot
    example.write(tmp_path / "kort.mmd")
    assert (tmp_path / "kort.mmd").read_text(encoding="utf-8") == mermaid


def test_frames_round_trip(example):
    elements = example.elements_frame()
    links = example.links_frame()
    assert elements.index.name == "id"
    assert elements.index.tolist() == example.ids
    assert str(elements["start"].dtype) == "Int64"
    assert list(links.columns) == ["source", "target", "kind", "note", "weight"]
    back = sg.from_frames(
        elements,
        links,
        measurements=example.measurements_frame(),
        name=example.name,
        year=example.year,
        organisation=example.organisation,
    )
    assert back == example


def test_from_frames_takes_danish_columns_and_parents():
    frame = pd.DataFrame(
        {
            "id": ["S1", "G1"],
            "type": ["strategi", "effektmål"],
            "titel": ["A", "B"],
            "forælder": [None, "S1"],
            "kommentar": ["x", None],
        }
    )
    m = sg.from_frames(frame)
    assert m.parents("G1") == ["S1"]
    assert m["S1"].attrs == {"kommentar": "x"}
    assert m["G1"].attrs == {}


def test_networkx_view_has_fields_and_kinds(example):
    graph = example.to_networkx()
    assert graph.number_of_nodes() == len(example)
    assert graph.number_of_edges() == len(example.links)
    goal = next(e for e in example if e.indicators)
    assert graph.nodes[goal.id]["indicators"] == goal.indicators
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert kinds == {"hierarchy", "supports", "tension"}
    assert sg.from_networkx(graph) == example
