"""Columns, lists and type names as analysts write them, read from real files.

The rules are those of "CSV and Excel" in docs/file-formats.md.

CSV files are written as Danish Excel saves them (Windows-1252, ``;``), workbooks with openpyxl
as Excel writes them; every test asserts the exact values read, the exact warnings with their
cell, and that the map comes back the same through every writer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import openpyxl
import pytest

import stratgraph as sg
from stratgraph.io._tables.cells import join_list, split_list
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from pathlib import Path


def danish_csv(path: Path, lines: list[str]) -> Path:
    """Write ``lines`` as Danish Excel saves a CSV file: Windows-1252, CRLF."""
    path.write_bytes("\r\n".join([*lines, ""]).encode("cp1252"))
    return path


def workbook(path: Path, rows: list[list[object]], *, sheet: str = "Elementer") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for cells in rows:
        ws.append(cells)
    book.save(path)
    return path


def hierarchy(smap: sg.StrategyMap) -> list[tuple[str, str]]:
    return [(k.source, k.target) for k in smap.links if k.kind is sg.LinkKind.HIERARCHY]


WRITERS = {
    "yaml": ({}, {}),
    "json": ({}, {}),
    "graphml": ({}, {}),
    "xlsx": ({}, {}),
    "csv-comma": ({"sep": ",", "decimal": ".", "encoding": "utf-8"}, {}),
    "csv-danish": ({"sep": ";", "decimal": ",", "encoding": "cp1252"}, {}),
}


def assert_round_trips(smap: sg.StrategyMap, folder: Path) -> None:
    """Every writer's file reads back as the same elements and links, with no warning."""
    for fmt, (write, read) in WRITERS.items():
        path = folder / f"tilbage-{fmt}.{fmt.split('-')[0]}"
        smap.write(path, **write)
        back = sg.read(path, schema=smap.schema, **read)
        assert list(back) == list(smap), fmt
        assert {(k.key, k.kind) for k in back.links} == {(k.key, k.kind) for k in smap.links}, fmt
        assert back.warnings == (), fmt


# -- headers ---------------------------------------------------------------------------------------


def test_overordnet_maal_is_the_parents_column(tmp_path):
    # The file: it read as "29 elements and 1 link" with the hierarchy in attrs.
    path = danish_csv(
        tmp_path / "mål.csv",
        [
            "Mål-id;Niveau;Titel på mål;Overordnet mål;Ansvarlig enhed;Beskrivelse af mål",
            "V1;Vision;Et godt liv;;Byrådet;",
            "S1;Strategi;Tidlig indsats;V1;Direktionen;Før problemerne vokser",
            "G1;Effektmål;Færre anbringelser;S1;Børn og Familie;",
        ],
    )
    smap = sg.read_csv(path)
    assert smap.warnings == ()
    assert hierarchy(smap) == [("V1", "S1"), ("S1", "G1")]
    assert smap["S1"].owner == "Direktionen"
    assert smap["S1"].description == "Før problemerne vokser"
    assert smap["G1"].title == "Færre anbringelser"
    assert all(e.attrs == {} for e in smap)
    assert_round_trips(smap, tmp_path)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Overordnet mål", "parents"),
        ("Forælder-id", "parents"),
        ("Forældre-ID", "parents"),
        ("Parent ID", "parents"),
        ("Hører under", "parents"),
        ("Overordnet element", "parents"),
        ("Parent", "parents"),
        ("Parents", "parents"),
        ("Parent(s)", "parents"),
        ("Titel på mål", "title"),
        ("Mål-id", "id"),
        ("Ansvarlig enhed", "owner"),
        ("Beskrivelse af mål", "description"),
        ("Start år", "start"),
        ("Startaar", "start"),
        ("Slutår", "end"),
        ("SLUT_AAR", "end"),
    ],
)
def test_headers_analysts_write_are_recognised(tmp_path, header, field):
    base = {"id": "id", "title": "titel", "parents": "forælder", "owner": "ejer"}
    base |= {"description": "beskrivelse", "start": "start", "end": "slut"}
    base[field] = header
    columns = ["id", "title", "parents", "owner", "description", "start", "end"]
    values = {"id": "G1", "title": "Færre anbringelser", "parents": "S1", "owner": "Børn"}
    values |= {"description": "Kort", "start": "2013", "end": "2016"}
    path = danish_csv(
        tmp_path / "kort.csv",
        [
            ";".join(["type", *(base[c] for c in columns)]),
            "strategi;S1;Tidlig indsats;;;;;",
            ";".join(["effektmål", *(values[c] for c in columns)]),
        ],
    )
    smap = sg.read_csv(path)
    assert smap.warnings == ()
    assert smap["G1"].attrs == {}
    assert smap["G1"] == sg.Element(
        id="G1",
        type="effect_goal",
        title="Færre anbringelser",
        owner="Børn",
        description="Kort",
        start=2013,
        end=2016,
    )
    assert hierarchy(smap) == [("S1", "G1")]


def test_a_header_that_resembles_a_field_is_named_in_a_warning(tmp_path):
    path = danish_csv(
        tmp_path / "kort.csv",
        [
            "id;type;titel;forælder;Ansvarlig person;Beskrivlese",
            "S1;strategi;Tidlig indsats;;Anna;Kort",
            "G1;effektmål;Færre anbringelser;S1;Bo;",
        ],
    )
    with pytest.warns(sg.ReadWarning) as record:
        smap = sg.read_csv(path)
    assert len(record) == 2
    assert [str(w.message) for w in record] == [str(p) for p in smap.warnings]
    first, second = smap.warnings
    assert first.location == sg.Location(file="kort.csv", row=1, column="Ansvarlig person")
    assert first.message == (
        "the column 'Ansvarlig person' is not a known field and is kept as an attribute, but "
        "it resembles the 'owner' field and no column gives that field; rename it 'owner' if "
        "it holds the owner"
    )
    assert second.location == sg.Location(file="kort.csv", row=1, column="Beskrivlese")
    assert "resembles the 'description' field" in second.message
    # Kept as written: the warning is the reader's only guess.
    assert smap["S1"].attrs == {"Ansvarlig person": "Anna", "Beskrivlese": "Kort"}
    assert smap["S1"].owner is None


def test_a_header_like_a_field_another_column_gives_is_no_warning(tmp_path):
    path = danish_csv(
        tmp_path / "kort.csv",
        ["id;type;titel;forælder;ejer;Ejer før 2013", "S1;strategi;Tidlig indsats;;Anna;Bo"],
    )
    smap = sg.read_csv(path)
    assert smap.warnings == ()
    assert smap["S1"].owner == "Anna"
    assert smap["S1"].attrs == {"Ejer før 2013": "Bo"}


def test_a_missing_column_names_the_header_that_resembles_it(tmp_path):
    path = danish_csv(tmp_path / "kort.csv", ["id;type;Titl", "S1;strategi;Tidlig indsats"])
    with (
        pytest.raises(sg.ValidationError) as info,
        pytest.warns(sg.ReadWarning, match="'Titl' is not a known field .* resembles the 'title'"),
    ):
        sg.read_csv(path)
    (problem,) = info.value.problems
    assert problem.location == sg.Location(file="kort.csv", row=1)
    assert problem.message.endswith("columns found: id, type, Titl ('Titl' resembles 'title')")


def test_a_repeated_unknown_header_keeps_both_columns(tmp_path):
    # Issue 13: two "Bemærkning" columns kept only the last.
    path = danish_csv(
        tmp_path / "kort.csv",
        [
            "id;type;titel;forælder;Bemærkning;budget;Bemærkning",
            "S1;strategi;Tidlig indsats;;Første;;Anden",
            "G1;effektmål;Færre anbringelser;S1;;1.234,50;Kun den anden",
        ],
    )
    with pytest.warns(
        sg.ReadWarning, match=r"column 7 is kept as the attribute 'Bemærkning \(2\)'"
    ):
        smap = sg.read_csv(path)
    (warning,) = smap.warnings
    assert warning.location == sg.Location(file="kort.csv", row=1, column="Bemærkning")
    assert smap["S1"].attrs == {"Bemærkning": "Første", "Bemærkning (2)": "Anden"}
    assert smap["G1"].attrs == {"Bemærkning (2)": "Kun den anden"}
    assert smap["G1"].budget == 1234.5
    assert_round_trips(smap, tmp_path)


def test_a_repeated_header_skips_a_name_another_column_has(tmp_path):
    path = workbook(
        tmp_path / "kort.xlsx",
        [
            ["id", "type", "titel", "Note", "Note (2)", "Note"],
            ["S1", "strategi", "Tidlig indsats", "a", "b", "c"],
        ],
    )
    with pytest.warns(sg.ReadWarning, match="kept as the attribute 'Note \\(3\\)'"):
        smap = sg.read_excel(path)
    assert smap["S1"].attrs == {"Note": "a", "Note (2)": "b", "Note (3)": "c"}
    assert smap.warnings[0].location == sg.Location(
        file="kort.xlsx", sheet="Elementer", row=1, column="Note"
    )


def test_levels_without_a_parents_column_warn_that_the_hierarchy_is_empty(tmp_path):
    path = danish_csv(
        tmp_path / "kort.csv",
        [
            "id;type;titel;ejer",
            "P1;projekt;Familiehuset;Børn",
            "S1;strategi;Tidlig indsats;Direktion",
            "G1;Effektmål;Færre anbringelser;Børn",
        ],
    )
    with pytest.warns(sg.ReadWarning, match="the hierarchy is empty"):
        smap = sg.read_csv(path)
    (warning,) = smap.warnings
    assert warning.location == sg.Location(file="kort.csv", row=1)
    assert warning.message == (
        "the elements are at 3 levels (strategy, effect_goal, project) but there is no parents "
        "column and no links, so the hierarchy is empty; add a column 'parents' (or 'forælder', "
        "'overordnet') that names each element's parent"
    )
    assert smap.links == ()


def test_one_level_or_a_links_sheet_needs_no_parents_column(tmp_path):
    one_level = danish_csv(
        tmp_path / "projekter.csv", ["id;type;titel", "P1;projekt;A", "P2;Projekter;B"]
    )
    assert sg.read_csv(one_level).warnings == ()
    path = workbook(
        tmp_path / "kort.xlsx",
        [["id", "type", "titel"], ["S1", "strategi", "A"], ["G1", "effektmål", "B"]],
    )
    book = openpyxl.load_workbook(path)
    links = book.create_sheet("Relationer")
    links.append(["kilde", "til"])
    links.append(["S1", "G1"])
    book.save(path)
    smap = sg.read_excel(path)
    assert smap.warnings == ()
    assert hierarchy(smap) == [("S1", "G1")]


def test_header_warnings_in_a_workbook_name_sheet_and_column(tmp_path):
    path = workbook(
        tmp_path / "kort.xlsx",
        [
            ["Strategikort 2013", None, None, None],
            ["Nr.", "Niveau", "Navn", "Titl på ejer"],
            ["S1", "Strategi", "Tidlig indsats", "Anna"],
            ["G1", "Effekt-mål", "Færre anbringelser", "Bo"],
        ],
    )
    with pytest.warns(sg.ReadWarning) as record:
        smap = sg.read_excel(path)
    assert len(record) == 2
    assert [p.location for p in smap.warnings] == [
        sg.Location(file="kort.xlsx", sheet="Elementer", row=2, column="Titl på ejer"),
        sg.Location(file="kort.xlsx", sheet="Elementer", row=2),
    ]
    assert "resembles the 'owner' field" in smap.warnings[0].message
    assert "the hierarchy is empty" in smap.warnings[1].message
    assert [e.type for e in smap] == ["strategy", "effect_goal"]


# -- lists -----------------------------------------------------------------------------------------


def test_a_comma_inside_a_semicolon_list_belongs_to_the_tag(tmp_path):
    # The cell became four tags: commas split too.
    path = danish_csv(
        tmp_path / "kort.csv",
        [
            "id;type;titel;forælder;dagsorden",
            'S1;strategi;Tidlig indsats;;"A;General science, space and technology;B"',
            "G1;effektmål;Færre anbringelser;S1;velfærd, klima",
            'G2;effektmål;Flere i job;S1 | G1;"vækst\r\nklima"',
            'G3;effektmål;Grøn by;"S1\r\nG1";"""Science, space"""',
        ],
    )
    with pytest.warns(
        sg.ReadWarning, match=r"1 cell holds commas only and is split at them: row 3;"
    ):
        smap = sg.read_csv(path)
    assert [(w.location.row, w.location.column) for w in smap.warnings] == [(3, "dagsorden")]
    assert smap["S1"].agenda == ("A", "General science, space and technology", "B")
    assert smap["G1"].agenda == ("velfærd", "klima")  # no ';', '|' or line break: commas split
    assert smap["G2"].agenda == ("vækst", "klima")
    assert smap["G3"].agenda == ("Science, space",)  # one quoted tag
    assert hierarchy(smap) == [("S1", "G1"), ("S1", "G2"), ("G1", "G2"), ("S1", "G3"), ("G1", "G3")]
    assert_round_trips(smap, tmp_path)


def test_a_workbook_cell_with_line_breaks_is_a_list(tmp_path):
    path = workbook(
        tmp_path / "kort.xlsx",
        [
            ["id", "type", "titel", "overordnet", "tema"],
            ["S1", "strategi", "Tidlig indsats", None, "Science, space and technology"],
            ["S2", "strategi", "Grøn omstilling", None, "klima"],
            ["G1", "effektmål", "Færre anbringelser", "S1\nS2", "velfærd\nScience, space"],
        ],
    )
    with pytest.warns(
        sg.ReadWarning, match=r"1 cell holds commas only and is split at them: row 2;"
    ):
        smap = sg.read_excel(path)
    assert smap["G1"].agenda == ("velfærd", "Science, space")
    assert hierarchy(smap) == [("S1", "G1"), ("S2", "G1")]
    # A lone tag with commas and nothing else in the cell reads as a list of three: the rule.
    assert smap["S1"].agenda == ("Science", "space and technology")


@pytest.mark.parametrize(
    "tags",
    [
        ("General science, space and technology",),
        ("Science, space", "B"),
        ("Klima; energi",),
        ("a|b", "c"),
        ("Børn\nog unge",),
        ('"Citat"',),
        ('Sig "ja"', "x"),
        ('"a, b"; c', ","),
        ('"',),
    ],
)
def test_tags_with_separators_and_quotes_come_back_through_every_writer(tmp_path, tags):
    smap = sg.StrategyMap(
        [
            {"id": 'S"1', "type": "strategy", "title": "Tidlig indsats", "agenda": tags},
            {"id": "G1", "type": "effect_goal", "title": "Mål", "parents": ['S"1']},
            {"id": '"G2"', "type": "effect_goal", "title": "Mål", "parents": ['S"1', "G1"]},
        ]
    )
    assert split_list(join_list(tags)) == list(tags)
    assert_round_trips(smap, tmp_path)


def test_the_writers_quote_only_what_they_must(tmp_path):
    smap = sg.StrategyMap(
        [
            {"id": "S1", "type": "strategy", "title": "A", "agenda": ["Science, space"]},
            {"id": "S2", "type": "strategy", "title": "B", "agenda": ["Science, space", "x"]},
            {"id": "S3", "type": "strategy", "title": "C", "agenda": ["a;b", 'Sig "ja"']},
        ]
    )
    path = smap.to_csv(tmp_path / "kort.csv", sep=";", encoding="cp1252") or tmp_path / "kort.csv"
    text = path.read_bytes().decode("cp1252")
    assert 'S1;strategy;A;;;;"""Science, space""";' in text
    assert 'S2;strategy;B;;;;"Science, space; x";' in text  # quoted by CSV: it holds ';'
    assert 'S3;strategy;C;;;;"""a;b""; Sig ""ja""";' in text


# -- type names ------------------------------------------------------------------------------------


def test_type_names_without_danish_letters_resolve(tmp_path):
    path = danish_csv(
        tmp_path / "kort.csv",
        [
            "id;type;titel;forælder",
            "S1;Strategi;Tidlig indsats;",
            "G1;Effektmaal;Færre anbringelser;S1",
            "G2;EFFEKT-MÅL;Flere i job;S1",
            "A1;Resultat aftale;Aftale med Børn;G1",
            "P1;Tvaergaaende projekt;Familiehuset;A1",
            "P2;tværgående_projekt;Ung i job;A1",
        ],
    )
    smap = sg.read_csv(path)
    assert [e.type for e in smap] == [
        "strategy",
        "effect_goal",
        "effect_goal",
        "agreement",
        "project",
        "project",
    ]
    assert smap.warnings == ()


def test_an_unknown_type_gets_a_did_you_mean(tmp_path):
    path = danish_csv(
        tmp_path / "kort.csv",
        ["id;type;titel;forælder", "S1;strategi;Tidlig indsats;", "P1;projket;Familiehuset;S1"],
    )
    with pytest.raises(sg.ValidationError) as info:
        sg.read_csv(path)
    (problem,) = info.value.problems
    assert problem.location == sg.Location(file="kort.csv", row=3, column="type", element="P1")
    assert problem.message.startswith(
        "unknown type 'projket' (did you mean 'projekt'?); valid types (and aliases): "
        "vision (visionen, politisk vision); policy (politik, "
    )


@pytest.mark.parametrize("name", sg.preset_names())
def test_no_two_levels_of_a_preset_fold_to_the_same_key(name):
    schema = sg.Schema.preset(name)
    owner: dict[str, str] = {}
    for level in schema.levels:
        for alias in (level.name, *level.aliases):
            assert owner.setdefault(normalise_name(alias), level.name) == level.name, alias
            assert schema.resolve_type(alias.upper()) == level.name


def test_no_two_fields_share_a_header_name():
    from stratgraph.model import FIELD_NAMES  # noqa: PLC0415

    owner: dict[str, str] = {}
    for field, names in FIELD_NAMES.items():
        for name in names:
            assert owner.setdefault(normalise_name(name), field) == field, name


def test_a_schema_refuses_aliases_that_fold_together():
    with pytest.raises(sg.SchemaError, match="'Effektmaal' is claimed by both 'goal' and 'other'"):
        sg.Schema(
            levels=[
                sg.Level(name="goal", aliases=("effektmål",)),
                sg.Level(name="other", aliases=("Effektmaal",)),
            ],
            goal_level="goal",
        )


# -- problems in file order ------------------------------------------------------------------------


def test_problems_are_listed_in_file_order(tmp_path):
    # Found in another order: the reader's (a budget) first, then elements, links, cycles.
    path = danish_csv(
        tmp_path / "kort.csv",
        [
            "id;type;titel;forælder;budget;links",
            "C1;effektmål;Ring;C3;;",
            "C2;effektmål;Ring;C1;;",
            "C3;effektmål;Ring;C2;;",
            "G1;projket;Et mål;;;",
            "G2;effektmål;Et mål;S9;;understøtter:G1",
            "G3;effektmål;;;mange penge;påvirker:G2",
            "G4;effektmål;Et mål;;-5;",
        ],
    )
    with pytest.raises(sg.ValidationError) as info:
        sg.read_csv(path)
    places = [(p.location.row, p.location.column) for p in info.value.problems]
    assert places == [
        (2, "forælder"),  # the cycle, found last
        (5, "type"),
        (6, "forælder"),
        (7, "titel"),
        (7, "budget"),  # found first, by the reader
        (7, "links"),
        (8, "budget"),
    ]
    messages = [p.message for p in info.value.problems]
    assert messages[0].startswith("hierarchy cycle: C1 → C2 → C3 → C1")
    assert re.match(r"element 'S9' does not exist", messages[2])


def test_an_unknown_column_of_the_links_sheet_names_the_field_it_resembles(tmp_path):
    path = workbook(
        tmp_path / "kort.xlsx",
        [
            ["id", "type", "titel", "forælder"],
            ["S1", "strategi", "A", None],
            ["G1", "mål", "B", None],
        ],
    )
    book = openpyxl.load_workbook(path)
    links = book.create_sheet("Relationer")
    links.append(["kilde", "til", "Begrundelser"])
    links.append(["S1", "G1", "Fordi"])
    book.save(path)
    with pytest.raises(sg.ValidationError) as info:
        sg.read_excel(path)
    (problem,) = info.value.problems
    assert problem.location == sg.Location(
        file="kort.xlsx", sheet="Relationer", row=2, column="Begrundelser"
    )
    assert problem.message == (
        "unknown column; a links table has source, target, kind, note, weight (it resembles 'note')"
    )
