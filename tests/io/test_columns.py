"""Tables are read a column at a time when nothing is wrong; the answer is the row-by-row one.

``stratgraph.io._tables.columns`` checks a whole table at once and declines at the first doubt, and
the row-by-row checker then names every problem. These tests hold the two paths to the same
answers: the same map (every field, its type and which fields were given) for a valid table, the
same problems for a broken one, and never a map from the fast path where the checker refuses.
"""

from __future__ import annotations

import contextlib
import functools
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgraph as sg
from strategies import describe, examples, format_maps
from stratgraph.io._tables import columns as _columnar

if TYPE_CHECKING:
    from collections.abc import Iterator

CSV_DIALECTS = {
    "comma-utf8": {"sep": ",", "decimal": ".", "encoding": "utf-8"},
    "danish-cp1252": {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"},
}


@contextlib.contextmanager
def fast_path(*, on: bool) -> Iterator[list[bool]]:
    """Read with the column-at-a-time path on (recording whether it took the table) or off."""
    real = _columnar.state_from_tables
    taken: list[bool] = []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        state = real(*args, **kwargs) if on else None
        taken.append(state is not None)
        return state

    _columnar.state_from_tables = recorded
    try:
        yield taken
    finally:
        _columnar.state_from_tables = real


def content(smap: sg.StrategyMap) -> list[Any]:
    """Everything a map holds, in order, with the type of every value and the fields given."""
    return [
        smap.schema,
        [(repr(e), sorted(e.model_fields_set)) for e in smap],
        [(repr(k), sorted(k.model_fields_set)) for k in smap.links],
    ]


def outcome(read: Any, path: Path, *, fast: bool) -> tuple[str, Any, list[bool]]:
    """Return whether the file was read, what it gave (with the warnings), and the path taken."""
    with fast_path(on=fast) as taken, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", sg.ReadWarning)
        try:
            smap = read(path)
        except sg.ValidationError as err:
            return "refused", [[str(p) for p in err.problems], _said(caught)], taken
    return "read", [content(smap), _said(caught), smap.warnings, smap.currency], taken


def _said(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught]


@pytest.mark.parametrize("dialect", list(CSV_DIALECTS))
@given(smap=format_maps())
def test_a_valid_csv_gives_the_same_map_either_way(dialect, smap):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kort.csv"
        smap.to_csv(path, **CSV_DIALECTS[dialect])
        read = functools.partial(sg.read_csv, schema=smap.schema)
        fast = outcome(read, path, fast=True)
        slow = outcome(read, path, fast=False)
    assert fast[2] == [True], describe(smap)  # the column path took it
    assert fast[:2] == slow[:2], describe(smap)
    assert fast[0] == "read"


@given(smap=format_maps())
@examples(0.2)  # two workbooks an example
def test_a_valid_workbook_gives_the_same_map_either_way(smap):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kort.xlsx"
        smap.to_excel(path)
        fast = outcome(sg.read_excel, path, fast=True)
        slow = outcome(sg.read_excel, path, fast=False)
    assert fast[2] == [True], describe(smap)
    assert fast[:2] == slow[:2], describe(smap)


def test_a_data_frame_gives_the_same_map_either_way():
    smap = sg.datasets.load("eksempel-2013")
    frames = smap.elements_frame(), smap.links_frame()
    with fast_path(on=True) as taken:
        fast = sg.from_frames(*frames)
    with fast_path(on=False):
        slow = sg.from_frames(*frames)
    assert taken == [True]
    assert content(fast) == content(slow)


# Cells that are now and then wrong in one of the ways a spreadsheet goes wrong: each list holds
# right and wrong values, and a cell is drawn from it one time in eight (else it is right).
CELLS = {
    "id": ["G9", "", " A", "A|B", "'=A", "a", "A", "B"],
    "type": ["vision", "strategi", "effect goal", "projekt", "", "mål", "=x"],
    "title": ["Mål", "", " ", "x\x01y", "'=SUM(A1)", "a\r\nb", "'", "'  "],
    "parents": ["", "A", "B", "A; B", "C,D", "A; A", "Z", "A|B", "'-A", "E", "A\nB", '"A"; B'],
    "owner": ["", "Børn og Unge", "\t", "x\x0bx", "'=1"],
    "agenda": [
        *("", "velfærd", "velfærd; klima", "a; a", "a|b", ";", "tema:klima"),
        *("Science, space; B", '"Science, space"', "a\r\nb", '"a\rb"', '"x" y', '"a; b"', '"'),
    ],
    "start": ["", "2013", "2013,0", "2013.5", "år", "1.013"],
    "end": ["", "2012", "2015"],
    "budget": [
        *("", "1.234,50", "1234.5", "-5", "12 kr.", "1e400", "abc", "0", "1,234"),
        # money as Danish budgets write it, a foreign currency, and no amount
        *("750.000 kr.", "(1.000)", "-", "7,5 mio. kr.", "€ 500", "1.500", "1,234.50"),
    ],
    "links": ["", "supports:B", "tension:A", "understøtter:C", "hierarchy:E", "bad", "x:D"],
    "note": ["", "Fordi", "'=1"],
}
LINK_CELLS = {
    "source": ["A", "B", "C", "", "Z"],
    "target": ["B", "C", "D", "E", "A"],
    "kind": ["", "hierarchy", "supports", "dilemma", "nej"],
    "note": ["", "Forandringsteori", "x\x02"],
    "weight": ["", "0,5", "2", "inf", "tung", "-", "1.500"],
}
# A valid chain: A is the vision, B a strategy under it, then effect goals under B.
RIGHT = {"type": ["vision", "strategi"], "parents": ["", "A"], "budget": ["", "1.234,50"]}


@st.composite
def messy_tables(draw: st.DrawFn) -> tuple[str, str | None]:
    columns = list(CELLS)
    rows = [columns]
    for k in range(draw(st.integers(1, 6))):
        right = {
            "id": "ABCDEF"[k],
            "type": RIGHT["type"][k] if k < 2 else "effektmål",
            "title": f"Mål {k}",
            "parents": RIGHT["parents"][k] if k < 2 else "B",
        }
        rows.append(
            [
                draw(st.sampled_from(CELLS[c]))
                if draw(st.integers(0, 7)) == 0
                else right.get(c, CELLS[c][0])
                for c in columns
            ]
        )
    elements = "\n".join(";".join(_quoted(cell) for cell in row) for row in rows) + "\n"
    if not draw(st.booleans()):
        return elements, None
    link_rows = [list(LINK_CELLS)] + [
        [draw(st.sampled_from(LINK_CELLS[c])) for c in LINK_CELLS]
        for _ in range(draw(st.integers(0, 3)))
    ]
    links = "\n".join(";".join(_quoted(cell) for cell in row) for row in link_rows) + "\n"
    return elements, links


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


@given(tables=messy_tables())
@examples(1.5)
def test_a_messy_csv_gets_the_same_answer_either_way(tables):
    elements, links = tables
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kort.csv"
        path.write_text(elements, encoding="utf-8")
        if links is not None:
            path.with_name("kort.links.csv").write_text(links, encoding="utf-8")
        fast = outcome(sg.read_csv, path, fast=True)
        slow = outcome(sg.read_csv, path, fast=False)
    assert fast[:2] == slow[:2]
    # The column path took exactly the tables the checker found nothing wrong with.
    assert fast[2] == [slow[0] == "read"]


def test_the_messy_tables_hold_both_valid_and_broken_ones():
    """The property above compares real outcomes of both kinds, not refusals alone."""
    answers = {"read": 0, "refused": 0}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kort.csv"
        for elements, _ in _examples(messy_tables(), 200):
            path.write_text(elements, encoding="utf-8")
            answers[outcome(sg.read_csv, path, fast=True)[0]] += 1
    assert answers["read"] >= 10, answers
    assert answers["refused"] >= 10, answers


def _examples(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    # A sample of the strategy's output, not a property's example count: the test above needs
    # enough tables to see both outcomes whatever the profile, so it does not take examples().
    found: list[Any] = []

    @given(strategy)
    @settings(max_examples=count, database=None)
    def collect(example: Any) -> None:
        found.append(example)

    collect()
    return found


ELEMENTS = (
    "id;type;title;parents;links\n"
    "A;vision;Vision;;\n"
    "B;strategi;Strategi;A;tension:C\n"
    "C;strategi;Anden strategi;A;\n"
    "D;effektmål;Mål;B;\n"
    "E;effektmål;Delmål;D;\n"
)


@pytest.mark.parametrize(
    ("links", "answer"),
    [
        ("source;target;note\nA;B;Fordi\n", "read"),  # a note for the link in B's parents cell
        ("source;target;note\nA;B;Fordi\nA;B;Igen\n", "refused"),  # the same link twice
        ("source;target;kind\nA;B;supports\n", "refused"),  # another kind between the same two
        ("source;target;note\nB;A;Fordi\n", "refused"),  # the other way round
        ("source;target;kind;note\nC;B;tension;Spare\n", "read"),  # a tension has no direction
        ("source;target;kind\nD;C;supports\nC;D;supports\n", "refused"),  # twice in the table
        ("source;target\nE;D\n", "refused"),  # a cycle within one nestable level
        ("source;target\nD;A\n", "refused"),  # a chain that rises
        ("source;target;weight\nA;C;0,5\n", "read"),
    ],
)
def test_each_link_rule_gets_the_same_answer_either_way(tmp_path, links, answer):
    path = tmp_path / "kort.csv"
    path.write_text(ELEMENTS, encoding="utf-8")
    path.with_name("kort.links.csv").write_text(links, encoding="utf-8")
    fast = outcome(sg.read_csv, path, fast=True)
    slow = outcome(sg.read_csv, path, fast=False)
    assert fast[:2] == slow[:2]
    assert fast[0] == answer
    assert fast[2] == [answer == "read"]


@pytest.mark.parametrize(
    "header",
    ["budget", "Budget (1.000 kr.)", "Budget i mio. kr.", "Budget, t.kr.", "Beløb i EUR"],
)
@pytest.mark.parametrize(
    "cells",
    [
        ("750.000 kr.", "1.234.567,00 kr.", "-"),
        ("1.500", "2.500", ""),
        ("7,5 mio. kr.", "(1.000)", "USD 5"),
        ("2,5", "1.250", "kr. 1.000.000,-"),
    ],
)
def test_each_money_column_gets_the_same_answer_either_way(tmp_path, header, cells):
    rows = [f"id;type;title;parents;{header}", "A;vision;Vision;;"]
    rows += [f"G{i};effektmål;Mål {i};A;{cell}" for i, cell in enumerate(cells)]
    path = tmp_path / "kort.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    fast = outcome(sg.read_csv, path, fast=True)
    slow = outcome(sg.read_csv, path, fast=False)
    assert fast[:2] == slow[:2]
    assert fast[2] == [slow[0] == "read"]
