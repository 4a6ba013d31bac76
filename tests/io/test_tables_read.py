"""Spreadsheets as analysts save them: merged cells, comma lists, ragged rows, encodings.

Every test reads a real file (CSV written as Danish Excel saves it, workbooks written with
openpyxl) and asserts the exact values read and the exact warnings with their place; the rules
are those of "CSV and Excel" in docs/file-formats.md.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import TYPE_CHECKING

import openpyxl
import pytest
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main
from stratgraph.schema import normalise_name

if TYPE_CHECKING:
    from pathlib import Path

HEADER = "id;type;titel;forælder;ejer;dagsorden"


def danish_csv(path: Path, lines: list[str], encoding: str = "cp1252") -> Path:
    """Write ``lines`` as Danish Excel saves a CSV file: Windows-1252, CRLF."""
    path.write_bytes("\r\n".join([*lines, ""]).encode(encoding))
    return path


def read_warned(path: Path, **options: object) -> sg.StrategyMap:
    with pytest.warns(sg.ReadWarning):
        return sg.read(path, **options)


def messages(smap: sg.StrategyMap) -> list[str]:
    return [p.message for p in smap.warnings]


# -- 1. merged cells -------------------------------------------------------------------------------


def merged_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Elementer"
    ws.append(["Strategikort 2024"])  # a title row, merged across the table as Excel users do
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["id", "type", "titel", "forælder", "ejer", "status"])
    ws.append(["P-1", "Projekt", "Cykelstier", "EM-01", "Teknik", "i gang"])
    ws.append(["P-2", "Projekt", "Skolehaver", None, None, "i gang"])
    ws.append(["P-3", "Projekt", "Byskov", None, None, "i gang"])
    ws.append(["EM-01", "Effektmål", "Grøn by", None, "Teknik", None])
    ws.append(["RA-1", "Resultat aftale", "Aftale om cykler", "EM-01", "Teknik", None])
    ws.append(["RA-2", None, "Aftale om træer", "EM-01", "Teknik", None])
    ws.merge_cells("D4:D6")
    ws.merge_cells("E4:E6")
    ws.merge_cells("B8:B9")
    book.save(path)
    return path


def test_a_merged_range_gives_its_value_to_every_cell_with_a_warning(tmp_path):
    m = read_warned(merged_workbook(tmp_path / "flettet.xlsx"))
    assert m.parents("P-2") == ["EM-01"]
    assert m.parents("P-3") == ["EM-01"]
    assert [m[i].owner for i in ("P-1", "P-2", "P-3")] == ["Teknik"] * 3
    assert m["RA-2"].type == "agreement"
    assert messages(m) == [
        "cells D4:D6 are merged; read 'EM-01' in each",
        "cells E4:E6 are merged; read 'Teknik' in each",
        "cells B8:B9 are merged; read 'Resultat aftale' in each",
    ]
    where = m.warnings[0].location
    assert (where.file, where.sheet, where.row, where.column) == (
        "flettet.xlsx",
        "Elementer",
        4,
        "forælder",
    )
    assert m.warnings[2].location.column == "type"


# -- 2. commas in list cells -----------------------------------------------------------------------


def test_a_comma_cell_that_is_a_tag_of_the_column_stays_one_tag(tmp_path):
    path = danish_csv(
        tmp_path / "tags.csv",
        [
            HEADER,
            'S1;strategi;Grøn omstilling;;;"Bæredygtighed, liv og vækst; Klima"',
            "S2;strategi;Vækst;;;Bæredygtighed, liv og vækst",
            "S3;strategi;Skole;;;Læring, trivsel",
            "S4;strategi;Sundhed;;;Sundhed, motion",
        ],
    )
    m = read_warned(path)
    assert m["S1"].agenda == ("Bæredygtighed, liv og vækst", "Klima")
    assert m["S2"].agenda == ("Bæredygtighed, liv og vækst",)
    assert m["S3"].agenda == ("Læring", "trivsel")
    assert m["S4"].agenda == ("Sundhed", "motion")
    assert messages(m) == [
        (
            "1 cell holds commas only and is read as one value, because the column has that "
            "value in a list elsewhere: row 3; write it in double quotes to say so"
        ),
        (
            "2 cells hold commas only and are split at them: rows 4, 5; if a cell is one value "
            'with a comma in it, write it in double quotes ("Børn, unge") or separate values '
            "with ';'"
        ),
    ]
    assert [(w.location.row, w.location.column) for w in m.warnings] == [
        (3, "dagsorden"),
        (4, "dagsorden"),
    ]


def test_a_parents_cell_split_at_commas_is_named(tmp_path):
    path = danish_csv(
        tmp_path / "forældre.csv",
        [
            HEADER,
            "S1;strategi;Et;;;",
            "S2;strategi;To;;;",
            "G1;effektmål;Tre;S1, S2;;",
        ],
    )
    m = read_warned(path)
    assert m.parents("G1") == ["S1", "S2"]
    assert messages(m) == [
        (
            "1 cell holds commas only and is split at them: row 4; if a cell is one value with a "
            "comma in it, write it in double quotes (\"Børn, unge\") or separate values with ';'"
        )
    ]
    assert m.warnings[0].location.column == "forælder"


# -- 3. rows longer than the header ----------------------------------------------------------------


def test_a_row_longer_than_the_header_is_named(tmp_path):
    path = danish_csv(
        tmp_path / "skæv.csv",
        [
            HEADER,
            "S1;strategi;Et;;;",
            "S2;strategi;To;;;",
            "G1;effektmål;Tre;S1; S2;;",
        ],
    )
    m = read_warned(path)
    assert messages(m) == [
        (
            "row 4 has 7 fields but the header has 6, so the cells after an unquoted ';' are "
            "read one column too far to the right; put a value that holds ';' in double quotes"
        )
    ]
    assert (m.warnings[0].location.row, m.warnings[0].location.column) == (4, None)


# -- 4. GraphML keeps the order of parents ---------------------------------------------------------


def test_graphml_keeps_the_order_of_parents(tmp_path):
    m = sg.StrategyMap(
        [
            sg.Element(id="RA-002", type="agreement", title="To"),
            sg.Element(id="RA-012", type="agreement", title="Tolv"),
            sg.Element(id="P-023", type="project", title="Projekt"),
        ],
        links=[
            sg.Link(source="RA-012", target="P-023"),
            sg.Link(source="RA-002", target="P-023"),
        ],
    )
    m.to_graphml(tmp_path / "kort.graphml")
    text = (tmp_path / "kort.graphml").read_text(encoding="utf-8")
    assert text.index('source="RA-012"') < text.index('source="RA-002"')
    back = sg.read_graphml(tmp_path / "kort.graphml")
    assert back.parents("P-023") == ["RA-012", "RA-002"]


# -- 5. encodings ----------------------------------------------------------------------------------


def test_a_wrong_encoding_suggests_the_one_that_reads(tmp_path):
    path = danish_csv(tmp_path / "mål.csv", [HEADER, "S1;strategi;Færre;;;"])
    result = CliRunner().invoke(main, ["validate", str(path), "--encoding", "utf-8"])
    assert result.exit_code != 0
    assert "cannot be read as utf-8" in result.output
    assert "encoding='utf-8'" not in result.output
    assert "it reads as cp1252" in result.output


def test_a_utf8_bom_wins_over_a_legacy_encoding_given(tmp_path):
    path = danish_csv(tmp_path / "bom.csv", [HEADER, "G1;effektmål;Færre;;;"], "utf-8-sig")
    m = read_warned(path, encoding="cp1252")
    assert m["G1"].title == "Færre"
    assert m["G1"].type == "effect_goal"
    assert messages(m) == [
        (
            "the file starts with a UTF-8 byte-order mark, so it is read as UTF-8, not as the "
            "cp1252 given"
        )
    ]


def test_utf8_read_as_cp1252_is_named_at_the_cell(tmp_path):
    path = danish_csv(tmp_path / "utf8.csv", [HEADER, "G1;strategi;Færre børn;;;"], "utf-8")
    m = read_warned(path, encoding="cp1252")
    assert m["G1"].title == "FÃ¦rre bÃ¸rn"
    assert messages(m) == [
        (
            "'forÃ¦lder' reads as 'forælder' in UTF-8: the file is UTF-8 but was read as cp1252; "
            "read it as utf-8, or give no encoding"
        )
    ]
    assert (m.warnings[0].location.row, m.warnings[0].location.column) == (1, "forÃ¦lder")


def test_cp1252_read_as_latin1_suggests_cp1252(tmp_path):
    path = danish_csv(tmp_path / "streg.csv", [HEADER, "G1;strategi;2024 – 2027;;;"])
    m = read_warned(path, encoding="latin-1")
    assert m["G1"].title == "2024 \x96 2027"
    assert messages(m) == [
        (
            "'2024 \\x96 2027' holds the control character U+0096, which is no text: the file "
            "was read as latin-1 and is probably Windows-1252; read it as cp1252"
        )
    ]
    assert (m.warnings[0].location.row, m.warnings[0].location.column) == (2, "titel")


# -- 6. warnings in file order ---------------------------------------------------------------------


def test_warnings_are_kept_in_file_order(tmp_path):
    rows = [["Strategikort"], ["id", "type", "titel", "Ansvarlig person"]]
    rows += [[f"S{i}", "strategi", f"S {i}", None] for i in range(1, 5)]
    rows.append(["S9", "strategi", "Ni", "=A3"])  # a formula never computed
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    ws.merge_cells("B3:B4")
    book.save(tmp_path / "orden.xlsx")
    m = read_warned(tmp_path / "orden.xlsx")
    assert [w.location.row for w in m.warnings] == [2, 3, 7]
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "orden.xlsx")])
    shown = [line for line in result.output.splitlines() if "warning:" in line]
    assert [re.search(r"row (\d+)", line)[1] for line in shown] == ["2", "3", "7"]  # type: ignore[index]


# -- 7. decomposed Unicode -------------------------------------------------------------------------


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_decomposed_letters_fold_like_composed_ones():
    assert normalise_name(nfd("effektmål")) == normalise_name("effektmål")
    assert normalise_name(nfd("Titel på mål")) == normalise_name("Titel på mål")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_decomposed_file_reads_like_a_composed_one(tmp_path, suffix):
    # Text is read in NFC: a decomposed å is the letter å, in ids, types, headers and titles.
    lines = [
        nfd("Mål-id;Niveau;Titel på mål;forælder;startår"),
        nfd("Mål-1;strategi;Grøn by;;2024"),
        "Mål-2;" + nfd("effektmål;Færre biler på år;") + "Mål-1;2025",  # a composed reference
    ]
    path = tmp_path / f"nfd{suffix}"
    if suffix == ".csv":
        danish_csv(path, lines, "utf-8")
    else:
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        for line in lines:
            ws.append([int(c) if c.isdigit() else c or None for c in line.split(";")])
        book.save(path)
    m = sg.read(path)
    assert list(m.ids) == ["Mål-1", "Mål-2"]
    assert m["Mål-2"].type == "effect_goal"
    assert m["Mål-2"].title == "Færre biler på år"
    assert unicodedata.is_normalized("NFC", m["Mål-2"].title)
    assert m["Mål-2"].start == 2025
    assert m.parents("Mål-2") == ["Mål-1"]


def test_a_mark_that_composes_with_nothing_is_read_as_written(tmp_path):
    # U+0344 is U+0308 U+0301 in NFC: composing "Ê" + U+0344 would only rewrite it, so it stays.
    owner = "Ê\u0344 og Å"
    smap = sg.StrategyMap([{"id": "V1", "type": "vision", "title": "Ø", "owner": owner}])
    smap.to_csv(tmp_path / "kort.csv", sep="\t")
    assert sg.read_csv(tmp_path / "kort.csv", sep="\t")["V1"].owner == owner


# -- 8. attributes named like a field --------------------------------------------------------------


@pytest.mark.parametrize("name", ["Budget (1.000 kr.)", "Beløb i mio. kr.", "budget, t.kr."])
def test_an_attribute_named_like_a_budget_header_is_refused(name):
    with pytest.raises(ValueError, match="would be read back as the field 'budget'"):
        sg.Element(id="P1", type="project", title="P", attrs={name: "750"})


# -- 9. empty, None and NaN attributes -------------------------------------------------------------


def test_a_nan_attribute_equals_a_nan():
    def element(value: float) -> sg.Element:
        return sg.Element(id="P1", type="project", title="Et", attrs={"tal": {"a": [value]}})

    assert element(float("nan")) == element(float("nan"))
    assert element(float("nan")) != element(1.0)
    assert sg.StrategyMap([element(float("nan"))]) == sg.StrategyMap([element(float("nan"))])


def test_empty_none_and_nan_attributes_come_back(tmp_path):
    m = sg.StrategyMap(
        [
            sg.Element(id="P1", type="project", title="Et", attrs={"note": "", "x": None}),
            sg.Element(id="P2", type="project", title="To", attrs={"tal": float("nan")}),
        ]
    )
    for fmt, write in {
        "xlsx": {},
        "csv": {"sep": ";", "decimal": ",", "encoding": "cp1252"},
        "yaml": {},
        "json": {},
    }.items():
        path = tmp_path / f"attrs.{fmt}"
        m.write(path, **write)
        back = sg.read(path)
        assert back["P1"].attrs == {"note": "", "x": None}, fmt
        assert "x" not in back["P2"].attrs, fmt
        assert math.isnan(back["P2"].attrs["tal"]), fmt
        assert list(back) == list(m), fmt
        assert back == m or fmt == "csv", fmt  # a CSV file holds no name
        assert back.warnings == (), fmt


def test_a_map_file_with_an_attribute_named_like_a_budget_header_is_refused(tmp_path):
    # It could not go through a spreadsheet and back: the header would be read as the budget.
    path = tmp_path / "kort.yaml"
    path.write_text(
        "elements:\n  - {id: P1, type: project, title: P, attrs: {'Budget (1.000 kr.)': '750'}}\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read(path)
    (problem,) = caught.value.problems
    assert "attribute 'Budget (1.000 kr.)' would be read back as the field 'budget'" in str(problem)
    assert problem.location.element == "P1"


def test_a_range_merged_across_columns_gives_its_value_to_its_first_column(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["id", "type", "titel", "forælder", "ejer"])
    ws.append(["S1", "strategi", "En bred titel", None, "Teknik"])
    ws.merge_cells("C2:D2")
    book.save(tmp_path / "bred.xlsx")
    m = read_warned(tmp_path / "bred.xlsx")
    assert m["S1"].title == "En bred titel"
    assert m.parents("S1") == []
    assert messages(m) == [
        (
            "cells C2:D2 are merged; read 'En bred titel' in C2 only, as its columns are different "
            "fields; unmerge the cells if the value belongs to more than one column"
        )
    ]
    assert m.warnings[0].location.column == "titel"
