"""Round trips through every file format lose nothing the format can hold (docs/file-formats.md)."""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

import stratgraph as sg
from strategies import describe, format_maps
from stratgraph._cells import neutralise, unneutralise
from stratgraph.io.csv import sibling

#: The formats that hold a whole map: metadata (name, organisation, year, currency) and schema too.
WHOLE_MAP_SUFFIXES = {"yaml": ".yaml", "json": ".json", "excel": ".xlsx", "graphml": ".graphml"}
#: CSV as English and Danish spreadsheets save it; the reader detects separator, decimal mark and
#: encoding by itself.
CSV_DIALECTS = {
    "comma-utf8": {"sep": ",", "decimal": ".", "encoding": "utf-8"},
    "danish-utf8": {"sep": ";", "decimal": ",", "encoding": "utf-8"},
    "danish-utf8-bom": {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"},
    "semicolon-point": {"sep": ";", "decimal": ".", "encoding": "utf-8"},
    "tab": {"sep": "\t", "decimal": ",", "encoding": "utf-8"},
}
DANISH_EXCEL = {"sep": ";", "decimal": ",", "encoding": "cp1252"}


def _links(smap: sg.StrategyMap) -> set[tuple[Any, ...]]:
    return {(link.key, link.kind.value, link.note, link.weight) for link in smap.links}


def assert_same_content(got: sg.StrategyMap, expected: sg.StrategyMap) -> None:
    """Elements in order with every field, the links, each one's parents in order, the schema."""
    assert got.ids == expected.ids
    for new, old in zip(got, expected, strict=True):
        assert new == old, f"element {old.id!r} changed"
        assert got.parents(old.id) == expected.parents(old.id), f"parents of {old.id!r} reordered"
    assert _links(got) == _links(expected)
    assert got.measurements == expected.measurements
    assert got.schema == expected.schema


def _roundtrip(
    smap: sg.StrategyMap,
    suffix: str,
    *,
    write: dict[str, Any] | None = None,
    read: dict[str, Any] | None = None,
) -> sg.StrategyMap:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"kort{suffix}"
        smap.write(path, **(write or {}))
        return sg.read(path, **(read or {}))


@pytest.mark.parametrize("fmt", list(WHOLE_MAP_SUFFIXES))
@given(smap=format_maps())
def test_roundtrip_keeps_everything(fmt, smap):
    note(describe(smap))
    back = _roundtrip(smap, WHOLE_MAP_SUFFIXES[fmt])
    assert_same_content(back, smap)
    assert back.metadata() == smap.metadata()
    assert back == smap


@pytest.mark.parametrize("dialect", list(CSV_DIALECTS))
@given(smap=format_maps())
def test_csv_roundtrip_keeps_elements_and_links(dialect, smap):
    note(describe(smap))
    # CSV holds no schema: the reader is given it, as a user would give it.
    back = _roundtrip(smap, ".csv", write=CSV_DIALECTS[dialect], read={"schema": smap.schema})
    assert_same_content(back, smap)
    assert back.name == "kort"


@given(smap=format_maps(cp1252=True))
def test_csv_roundtrip_in_windows_1252(smap):
    note(describe(smap))
    # The encoding is named on reading: bytes such as "Å" followed by a no-break space are valid
    # UTF-8 too ("Š"), so no reader can tell every Windows-1252 file from a UTF-8 one.
    back = _roundtrip(
        smap,
        ".csv",
        write=DANISH_EXCEL,
        read={"schema": smap.schema, "encoding": "cp1252"},
    )
    assert_same_content(back, smap)


@given(smap=format_maps(cp1252=True))
def test_csv_in_windows_1252_is_detected_when_it_has_danish_letters(smap):
    # Windows-1252 "æø" is no valid UTF-8, so a file with such a title is told apart.
    note(describe(smap))
    danish = sg.StrategyMap(
        [e.model_copy(update={"title": e.title + " æøå"}) for e in smap],
        smap.links,
        schema=smap.schema,
    )
    back = _roundtrip(danish, ".csv", write=DANISH_EXCEL, read={"schema": smap.schema})
    assert_same_content(back, danish)


@pytest.mark.parametrize("dialect", list(CSV_DIALECTS))
def test_csv_column_names_may_hold_the_other_separator(dialect):
    # More of another separator inside a column name than separators between the columns.
    other = "," if CSV_DIALECTS[dialect]["sep"] == ";" else ";"
    attrs = {f"x{other * 30}x": "1,5", f"y{other}z": "2"}
    smap = sg.StrategyMap([{"id": "V1", "type": "vision", "title": "Vision", "attrs": attrs}])
    back = _roundtrip(smap, ".csv", write=CSV_DIALECTS[dialect])
    assert_same_content(back, smap)


# -- diagrams -----------------------------------------------------------------------------------


def _mermaid_shows(label: str) -> str:
    """What Mermaid shows: ``<br>`` breaks the line, ``#name;`` and ``#123;`` are entities."""

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        return chr(int(name)) if name.isdigit() else html.unescape(f"&{name};")

    return "\n".join(re.sub(r"#(\w+);", entity, part) for part in label.split("<br>"))


@given(smap=format_maps())
def test_mermaid_shows_every_element_and_link(smap):
    note(describe(smap))
    text = smap.to_mermaid()
    assert text is not None
    # Split on "\n" only: titles may hold other line separators (U+2028), kept inside a label.
    lines = text.split("\n")
    nodes = {}
    for line in lines:
        stripped = line.strip()
        if '["' in stripped:
            node, _, rest = stripped.partition('["')
            label, _, level = rest.rpartition('"]:::')
            nodes[node] = (label, level)
    assert len(nodes) == len(smap)
    node_of = {}
    for e in smap:
        shown = f"{e.id}: {e.title}"
        matches = [n for n, (label, _) in nodes.items() if _mermaid_shows(label) == shown]
        assert matches, f"no node shows {shown!r}"
        assert nodes[matches[0]][1] == e.type
        node_of[e.id] = matches[0]
    for label, _ in nodes.values():
        # Nothing in a label can end it early, start a Markdown label or be read as HTML.
        assert not re.search(r'["`<>]', label.replace("<br>", ""))
    edges = [line.split() for line in lines if line.startswith("  n") and '["' not in line]
    assert len(edges) == len(smap.links)
    shown = {(parts[0], parts[-1]) for parts in edges}
    for link in smap.links:
        assert (node_of[link.source], node_of[link.target]) in shown


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@given(smap=format_maps())
def test_dot_shows_every_element_and_link(smap):
    note(describe(smap))
    text = smap.to_dot()
    assert text is not None
    lines = text.split("\n")
    for e in smap:
        node = f"{_dot_quote(e.id)} [label={_dot_quote(e.title)},"
        assert any(line.strip().startswith(node) for line in lines), f"no node for {e.id!r}"
    edges = [line.strip() for line in lines if " -> " in line]
    assert len(edges) == len(smap.links)
    for link in smap.links:
        edge = f"{_dot_quote(link.source)} -> {_dot_quote(link.target)}"
        assert any(line.startswith(edge) for line in edges)
    # Every line break in a title is escaped: a label never spans two lines of the file.
    assert sum(1 for line in lines if "[label=" in line) == len(smap)


# -- formula neutralisation ---------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def formula_map():
    return sg.StrategyMap(
        [
            {"id": "S1", "type": "strategy", "title": FORMULA, "owner": "@ejer"},
            {"id": "-G1", "type": "effect_goal", "title": "'citeret"},
        ],
        [{"source": "S1", "target": "-G1", "kind": "hierarchy", "note": "+1 år"}],
        name="Formler",
    )


def test_csv_neutralises_formulas_and_reads_them_back(formula_map, tmp_path):
    path = tmp_path / "formler.csv"
    formula_map.to_csv(path)
    text = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    assert "'@ejer" in text
    assert "''citeret" in text
    assert "'-G1" in text
    assert "'+1 år" in sibling(path, "links").read_text(encoding="utf-8")
    back = sg.read(path)
    assert back["S1"].title == FORMULA
    assert back["-G1"].title == "'citeret"
    assert_same_content(back, formula_map)


def test_excel_neutralises_formulas_and_reads_them_back(formula_map, tmp_path):
    path = tmp_path / "formler.xlsx"
    formula_map.to_excel(path)
    book = openpyxl.load_workbook(path)
    try:
        sheet = book["elements"]
        header = [c.value for c in sheet[1]]
        s1 = dict(zip(header, sheet[2], strict=False))
        g1 = dict(zip(header, sheet[3], strict=False))
        assert s1["title"].value == "'" + FORMULA
        assert s1["title"].data_type == "s"
        assert s1["owner"].value == "'@ejer"
        assert g1["id"].value == "'-G1"
        assert g1["title"].value == "''citeret"
        links = book["links"]
        assert [c.value for c in links[2]][3] == "'+1 år"
    finally:
        book.close()
    back = sg.read(path)
    assert back["S1"].title == FORMULA
    assert back == formula_map


@given(st.text())
def test_neutralise_is_undone_by_unneutralise(text):
    cell = neutralise(text)
    assert unneutralise(cell) == text
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell == "" or cell.strip() != ""


def test_frames_keep_text_that_looks_neutralised():
    # A DataFrame is no spreadsheet: nothing in it was quoted, so nothing may be unquoted.
    smap = sg.StrategyMap(
        [
            {"id": "'=S1", "type": "strategy", "title": "''", "attrs": {"x_note": "'@x"}},
            {"id": "G1", "type": "effect_goal", "title": "'-1 %", "parents": ["'=S1"]},
        ],
        name="Citater",
    )
    back = sg.from_frames(smap.elements_frame(), smap.links_frame(), name="Citater")
    assert back == smap


# -- what no format can hold --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "suffix"),
    [
        ({"title": "Mål\ufffe"}, ".graphml"),
        ({"title": "Mål\uffff"}, ".graphml"),
        ({"title": "Mål\ud800"}, ".yaml"),
        ({"title": "Mål", "attrs": {"x_note": "a\x00b"}}, ".csv"),
    ],
    ids=["U+FFFE-graphml", "U+FFFF-graphml", "surrogate-yaml", "NUL-in-attrs-csv"],
)
def test_a_valid_map_can_be_written_and_read_back(fields, suffix):
    try:
        smap = sg.StrategyMap([{"id": "G1", "type": "vision", **fields}])
    except sg.ValidationError:
        return  # refused up front, so no file is ever written that cannot be read
    assert list(_roundtrip(smap, suffix)) == list(smap)


@pytest.mark.parametrize("name", ["Kort\r2013", "Kort\x012013"], ids=["CR", "control"])
def test_map_name_is_kept_by_graphml(name):
    try:
        smap = sg.StrategyMap([], name=name, organisation=name)
    except (sg.ValidationError, ValueError):
        return  # refused up front, so no file is ever written that cannot be read
    back = _roundtrip(smap, ".graphml")
    assert back.metadata() == smap.metadata()
