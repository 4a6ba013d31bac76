"""Round trips through every file format lose nothing the format can hold (SPEC §3)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from strategies import maps

import stratgraph as sg
from stratgraph.io.csv import sibling

# (extension, writer options, whether the file holds name, year, organisation, currency, schema)
FORMATS = {
    "yaml": (".yaml", {}, True),
    "json": (".json", {}, True),
    "excel": (".xlsx", {}, True),
    "graphml": (".graphml", {}, True),
    "csv": (".csv", {}, False),
}
CSV_DIALECTS = {
    "comma-utf8": {"sep": ",", "decimal": ".", "encoding": "utf-8"},
    "danish-utf8": {"sep": ";", "decimal": ",", "encoding": "utf-8"},
    "danish-cp1252": {"sep": ";", "decimal": ",", "encoding": "cp1252"},
    "semicolon-point": {"sep": ";", "decimal": ".", "encoding": "utf-8"},
    "tab": {"sep": "\t", "decimal": ",", "encoding": "utf-8"},
}


def _links(smap: sg.StrategyMap) -> set[tuple[Any, ...]]:
    return {(link.key, link.kind.value, link.note, link.weight) for link in smap.links}


def assert_same_content(got: sg.StrategyMap, expected: sg.StrategyMap) -> None:
    """Elements in order with every field, the set of links, and the schema."""
    assert got.ids == expected.ids
    for new, old in zip(got, expected, strict=True):
        assert new == old, f"element {old.id!r} changed"
    assert _links(got) == _links(expected)
    assert got.schema == expected.schema


def _roundtrip(smap: sg.StrategyMap, suffix: str, **options: Any) -> sg.StrategyMap:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"kort{suffix}"
        smap.write(path, **options)
        read_options = {"schema": smap.schema} if suffix == ".csv" else {}
        return sg.read(path, **read_options)


@pytest.mark.parametrize("fmt", ["yaml", "json", "excel", "graphml"])
@given(smap=maps())
def test_roundtrip_keeps_everything(fmt, smap):
    suffix, options, _ = FORMATS[fmt]
    back = _roundtrip(smap, suffix, **options)
    assert_same_content(back, smap)
    assert back.metadata() == smap.metadata()
    assert back == smap


@pytest.mark.parametrize("dialect", [d for d in CSV_DIALECTS if d != "danish-cp1252"])
@given(smap=maps())
def test_csv_roundtrip_keeps_elements_and_links(dialect, smap):
    back = _roundtrip(smap, ".csv", **CSV_DIALECTS[dialect])
    assert_same_content(back, smap)


@given(smap=maps(cp1252=True))
def test_csv_roundtrip_in_windows_1252(smap):
    back = _roundtrip(smap, ".csv", **CSV_DIALECTS["danish-cp1252"])
    assert_same_content(back, smap)


# -- diagrams -----------------------------------------------------------------------------------


def _mermaid_label(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br>")


@given(smap=maps())
def test_mermaid_shows_every_element_and_link(smap):
    text = smap.to_mermaid()
    assert text is not None
    nodes = {}
    for line in text.splitlines():
        stripped = line.strip()
        if '["' in stripped:
            node, _, rest = stripped.partition('["')
            nodes[node] = rest
    assert len(nodes) == len(smap)
    node_of = {}
    for e in smap:
        label = _mermaid_label(f"{e.id}: {e.title}")
        matches = [n for n, rest in nodes.items() if rest == f'{label}"]:::{e.type}']
        assert matches, f"no node for {e.id!r}"
        node_of[e.id] = matches[0]
    # Labels never hold a raw quote or line break, which would end the node early.
    assert all('"' not in rest[:-len('"]:::')] for rest in nodes.values() if '"]:::' in rest)
    edges = [line.split() for line in text.splitlines() if line.startswith("  n") and "[" not in line]
    assert len(edges) == len(smap.links)
    shown = {(parts[0], parts[-1]) for parts in edges}
    for link in smap.links:
        assert (node_of[link.source], node_of[link.target]) in shown


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@given(smap=maps())
def test_dot_shows_every_element_and_link(smap):
    text = smap.to_dot()
    assert text is not None
    lines = text.splitlines()
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
            {"id": "-G1", "type": "effect_goal", "title": "'citeret", "parents": ["S1"]},
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
        s1 = {h: c for h, c in zip(header, sheet[2], strict=False)}
        g1 = {h: c for h, c in zip(header, sheet[3], strict=False)}
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
