"""Fuzzing the readers: random bytes and mutated valid tables give a map or a StratgraphError."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import warnings
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import examples
from stratgraph.exceptions import ReadError, SchemaError, ValidationError
from stratgraph.io.excel import _escape

SUFFIXES = ("csv", "yaml", "json", "xlsx", "graphml")
EXPECTED_ERRORS = (ReadError, ValidationError, SchemaError)

HEADER = ["id", "type", "title", "parents", "budget", "owner", "agenda"]
ROWS = [
    ["V1", "vision", "Et godt liv", "", "", "Byråd", "velfærd"],
    ["S1", "strategy", "Tidlig indsats", "V1", "", "Direktion", "velfærd"],
    ["G1", "effect_goal", "Færre anbringelser", "S1", "1.234,50", "Børn", ""],
    ["G2", "effect_goal", "Flere i job", "S1", "200", "Job", "vækst"],
    ["A1", "agreement", "Aftale med Børn og Familie", "G1; G2", "", "Børn", ""],
    ["P1", "project", "Familiehuset", "A1", "250", "Børn", "velfærd; vækst"],
]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
cell = st.one_of(
    text,
    st.sampled_from(
        ["", "S1", "G9", "effektmål", "project", "NaN", "-1", "1e400", "=1+1", "V1;V1", "x:y"]
    ),
)


@st.composite
def near_valid_tables(draw: st.DrawFn) -> list[list[str]]:
    """The valid table above with cells replaced, rows dropped or repeated and columns swapped."""
    rows = [list(HEADER)] + [list(r) for r in ROWS]
    for _ in range(draw(st.integers(0, 6))):
        mutation = draw(st.sampled_from(["cell", "drop", "repeat", "swap"]))
        if mutation == "cell":
            i = draw(st.integers(0, len(rows) - 1))
            j = draw(st.integers(0, len(HEADER) - 1))
            rows[i][j] = draw(cell)
        elif mutation == "drop" and len(rows) > 1:
            del rows[draw(st.integers(0, len(rows) - 1))]
        elif mutation == "repeat":
            rows.append(list(rows[draw(st.integers(0, len(rows) - 1))]))
        else:
            a, b = draw(st.integers(0, len(HEADER) - 1)), draw(st.integers(0, len(HEADER) - 1))
            for row in rows:
                row[a], row[b] = row[b], row[a]
    return rows


def _document(rows: list[list[str]]) -> dict[str, object]:
    header, *body = rows
    elements = []
    for row in body:
        entry: dict[str, object] = {}
        for key, value in zip(header, row, strict=True):
            if value == "":
                continue
            entry[key] = (
                [p.strip() for p in value.split(";")] if key in ("parents", "agenda") else value
            )
        elements.append(entry)
    return {"name": "Fuzz", "elements": elements}


def _read_or_error(path: Path) -> None:
    """Read ``path``: a map, or an expected error whose message names the file."""
    message = ""
    try:
        with warnings.catch_warnings():
            # Random bytes are the ambiguous files a warning is for (a cell that looks
            # misdecoded, say); what is looked for here is a crash.
            warnings.simplefilter("ignore", sg.ReadWarning)
            smap = sg.read(path)
    except EXPECTED_ERRORS as err:
        message = str(err)
    else:
        assert isinstance(smap, sg.StrategyMap)
        return
    assert path.name in message


@examples(0.5)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"kort.{suffix}")
        path.write_bytes(data)
        _read_or_error(path)


@examples(0.5)
@given(data=st.binary(min_size=1, max_size=200), at=st.integers(0, 400))
def test_valid_files_with_random_bytes_spliced_in(data, at):
    with tempfile.TemporaryDirectory() as folder:
        for suffix in SUFFIXES:
            path = Path(folder, f"kort.{suffix}")
            original = _valid_bytes(path)
            k = at % len(original)
            path.write_bytes(original[:k] + data + original[k:])
            _read_or_error(path)


def _valid_bytes(path: Path) -> bytes:
    from stratgraph.io import write  # noqa: PLC0415

    small = sg.StrategyMap([dict(zip(HEADER[:3], row[:3], strict=True)) for row in ROWS[:2]])
    write(small, path)
    return path.read_bytes()


@examples(0.5)
@given(rows=near_valid_tables(), sep=st.sampled_from([",", ";"]))
def test_near_valid_csv(rows, sep):
    out = io.StringIO()
    csv.writer(out, delimiter=sep).writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "kort.csv")
        path.write_text(out.getvalue(), encoding="utf-8")
        _read_or_error(path)


@examples(0.5)
@given(rows=near_valid_tables(), fmt=st.sampled_from(["yaml", "json"]))
def test_near_valid_documents(rows, fmt):
    doc = _document(rows)
    text = (
        yaml.safe_dump(doc, allow_unicode=True)
        if fmt == "yaml"
        else json.dumps(doc, ensure_ascii=False)
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"kort.{fmt}")
        path.write_text(text, encoding="utf-8")
        _read_or_error(path)


@examples(0.5)
@given(rows=near_valid_tables())
def test_near_valid_workbooks(rows):
    import openpyxl  # noqa: PLC0415

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append([_escape(c) if c == "" or not c.startswith("=") else "'" + c for c in row])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "kort.xlsx")
        book.save(path)
        _read_or_error(path)
