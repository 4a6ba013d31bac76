"""Money and numbers are read as the spreadsheet that holds them writes them.

The rules are those of "Money and numbers" in docs/file-formats.md.

Every test reads a real file: CSV as Danish Excel saves it (``;``-separated, Windows-1252, bytes
written here) or a workbook made with openpyxl the way Excel makes one (number cells with a
number format, text cells), and asserts the exact values and the exact warnings with their cell.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import examples
from stratgraph._numbers import format_number, parse_number

HEAD = "id;type;titel;forælder;{budget}"
TOP = "S1;strategi;Tidlig indsats;;"


def danish_csv(path: Path, budgets: list[str], *, header: str = "budget") -> Path:
    """Write what Danish Excel saves: ';'-separated, Windows-1252 (UTF-8 with BOM if need be)."""
    lines = [HEAD.format(budget=header), TOP]
    lines += [f"G{i};effektmål;Mål {i};S1;{cell}" for i, cell in enumerate(budgets, start=1)]
    text = "\r\n".join(lines) + "\r\n"
    try:
        path.write_bytes(text.encode("cp1252"))
    except UnicodeEncodeError:  # thin spaces: Excel's "CSV UTF-8"
        path.write_bytes(text.encode("utf-8-sig"))
    return path


def budgets(smap: sg.StrategyMap) -> list[float | None]:
    return [smap[f"G{i}"].budget for i in range(1, len(smap))]


def quiet(read: Any, *args: Any, **kwargs: Any) -> sg.StrategyMap:
    """Read, failing on any warning (pytest turns warnings into errors; this says so here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read(*args, **kwargs)


# -- the spellings of Danish municipal budgets ---------------------------------------------------

NBSP, THIN, NARROW = "\u00a0", "\u2009", "\u202f"
#: (cell as written, header, value read); a header that states a unit scales the column.
SPELLINGS = [
    ("750.000 kr.", "budget", 750_000.0),
    ("750.000 kr", "budget", 750_000.0),
    ("750.000,-", "budget", 750_000.0),
    ("kr. 750.000,-", "budget", 750_000.0),
    ("kr. 1.234.567,00", "budget", 1_234_567.0),
    ("Kr. 1.500,00", "budget", 1_500.0),
    ("kr 1.500", "budget", 1_500.0),
    ("1.234.567 kr", "budget", 1_234_567.0),
    ("1.234,50", "budget", 1_234.5),
    ("12,5 kr.", "budget", 12.5),
    ("2.500.000", "budget", 2_500_000.0),
    ("DKK 250.000", "budget", 250_000.0),
    ("250.000 DKK", "budget", 250_000.0),
    ("DKK 1.500.000,00", "budget", 1_500_000.0),
    ("+1.500 kr.", "budget", 1_500.0),
    ("500 t.kr.", "budget", 500_000.0),
    ("500 tkr.", "budget", 500_000.0),
    ("7,5 mio. kr.", "budget", 7_500_000.0),
    ("7,5 mio.", "budget", 7_500_000.0),
    ("1,1 mio", "budget", 1_100_000.0),
    ("1,5 mio. DKK", "budget", 1_500_000.0),
    ("DKK 1,5 mio", "budget", 1_500_000.0),
    ("3 mill. kr.", "budget", 3_000_000.0),
    ("2 mia. kr.", "budget", 2_000_000_000.0),
    ("1,2 mia.", "budget", 1_200_000_000.0),
    ("0,5 mia. kr.", "budget", 500_000_000.0),
    (f"1{NBSP}234{NBSP}567", "budget", 1_234_567.0),
    (f"1{THIN}234{THIN}567 kr.", "budget", 1_234_567.0),
    (f"1{NARROW}234,50", "budget", 1_234.5),
    ("1 234 567", "budget", 1_234_567.0),
    ("-", "budget", None),
    ("\u2013", "budget", None),
    ("kr. -", "budget", None),
    ("750", "Budget (1.000 kr.)", 750_000.0),
    ("1.250,5", "Budget (1.000 kr.)", 1_250_500.0),
    ("7,5", "Budget i mio. kr.", 7_500_000.0),
    ("500", "Budget, t.kr.", 500_000.0),
    ("750.000", "Budget (kr.)", 750_000.0),
    ("1.500", "Beløb i DKK", 1_500.0),
    ("2.500", "Budget kr", 2_500.0),
    ("-", "Budget (t.kr.)", None),
    ("1,5", "Budget (mio.)", 1_500_000.0),
]


@pytest.mark.parametrize(
    ("cell", "header", "value"), SPELLINGS, ids=[f"{c!r} under {h!r}" for c, h, _ in SPELLINGS]
)
def test_each_spelling_of_money_reads_exactly(tmp_path, cell, header, value):
    m = quiet(sg.read_csv, danish_csv(tmp_path / "budget.csv", [cell], header=header))
    assert m["G1"].budget == value
    assert m.currency == "DKK"
    assert m.warnings == ()


NEGATIVE = [
    ("(1.000)", "Budget (kr.)", -1000),
    ("(1.000 kr.)", "budget", -1000),
    ("(1.234,50 kr.)", "budget", -1234.5),
    ("-1.000 kr.", "budget", -1000),
    ("\u22121.000 kr.", "budget", -1000),
    ("\u2212250", "Budget (1.000 kr.)", -250000),
    ("kr. -25.000", "budget", -25000),
    ("- 2,5 mio.", "budget", -2500000),
    ("-1.000,-", "budget", -1000),
]


@pytest.mark.parametrize(("cell", "header", "value"), NEGATIVE)
def test_a_negative_amount_is_read_as_negative_and_refused_as_a_budget(
    tmp_path, cell, header, value
):
    path = danish_csv(tmp_path / "budget.csv", [cell], header=header)
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_csv(path)
    (problem,) = caught.value.problems
    # The cell as written, which the user can find in the file, and the amount it was read as.
    assert problem.message == (
        f"the budget {cell!r} is negative ({value:g}); a budget is a number of 0 or more"
    )
    assert (problem.location.row, problem.location.column) == (3, header)


def test_the_spelling_table_is_long_enough():
    assert len(SPELLINGS) + len(NEGATIVE) >= 30


# -- the issue: "750.000 kr." was read as 750 ------------------------------------------------------

ISSUE_BUDGETS = ["750.000 kr.", "1.250.000 kr.", "500.000 kr.", "2.000.000 kr.", "85.000 kr."]


def test_amounts_in_kroner_are_read_in_full_and_the_total_is_right(tmp_path):
    m = quiet(sg.read_csv, danish_csv(tmp_path / "budget.csv", ISSUE_BUDGETS))
    assert budgets(m) == [750_000.0, 1_250_000.0, 500_000.0, 2_000_000.0, 85_000.0]
    total = sg.summary(m).loc["total_budget"]
    assert (total["value"], total["unit"]) == (4_585_000.0, "DKK")
    assert sg.budget_rollup(m).loc["S1", "rolled_budget"] == 4_585_000.0


def test_three_cells_in_other_styles_do_not_change_untouched_cells(tmp_path):
    before = quiet(sg.read_csv, danish_csv(tmp_path / "før.csv", ISSUE_BUDGETS))
    changed = ["kr. 1.234.567,00", ISSUE_BUDGETS[1], "7,5 mio. kr.", ISSUE_BUDGETS[3], "500 t.kr."]
    after = quiet(sg.read_csv, danish_csv(tmp_path / "efter.csv", changed))
    assert budgets(after) == [1_234_567.0, 1_250_000.0, 7_500_000.0, 2_000_000.0, 500_000.0]
    for i in (1, 3):
        assert budgets(after)[i] == budgets(before)[i]


def test_a_cell_the_column_cannot_read_is_an_error_there_alone(tmp_path):
    cells = [*ISSUE_BUDGETS[:2], "1,234.50", *ISSUE_BUDGETS[3:]]
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_csv(danish_csv(tmp_path / "budget.csv", cells))
    (problem,) = caught.value.problems
    assert (problem.location.row, problem.location.column) == (5, "budget")
    assert "'1,234.50' cannot be read the way its column writes numbers" in problem.message
    assert "decimal comma and thousands dots (1.234.567,50)" in problem.message
    # Fixed, the file reads, and its other cells are what they were.
    cells[2] = "1.234,50 kr."
    m = quiet(sg.read_csv, danish_csv(tmp_path / "budget.csv", cells))
    assert budgets(m) == [750_000.0, 1_250_000.0, 1_234.5, 2_000_000.0, 85_000.0]


def test_each_column_decides_its_own_decimal_mark(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_bytes(
        b"id;type;titel;for\xe6lder;budget;start\r\n"
        b"S1;strategi;Strategi;;1,234.50;2013\r\n"
        b"G1;effektm\xe5l;M\xe5l;S1;2,500.75;2.014\r\n"
    )
    m = quiet(sg.read_csv, path)
    assert (m["S1"].budget, m["G1"].budget) == (1234.5, 2500.75)
    assert (m["S1"].start, m["G1"].start) == (2013, 2014)


# -- ambiguous columns: decided by a rule, and said so ---------------------------------------------


def test_an_ambiguous_column_follows_the_danish_dialect_and_warns(tmp_path):
    path = danish_csv(tmp_path / "budget.csv", ["1.500", "2.500", "300"])
    with pytest.warns(sg.ReadWarning, match=r"'1\.500' could be 1500 or 1\.5") as caught:
        m = sg.read_csv(path)
    assert len(caught) == 1
    assert budgets(m) == [1500.0, 2500.0, 300.0]
    (warning,) = m.warnings
    assert (warning.location.file, warning.location.row, warning.location.column) == (
        "budget.csv",
        3,
        "budget",
    )
    assert "read with the decimal comma" in warning.message
    assert "';'-separated CSV" in warning.message


def test_an_ambiguous_column_follows_the_english_dialect_and_warns(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_bytes(
        b"id,type,title,parents,budget\r\nS1,strategy,S,,\r\nG1,effect_goal,G,S1,1.500\r\n"
    )
    with pytest.warns(sg.ReadWarning, match="read with the decimal point"):
        m = sg.read_csv(path)
    assert m["G1"].budget == 1.5
    assert (m.warnings[0].location.row, m.warnings[0].location.column) == (3, "budget")


def test_a_decimal_given_settles_an_ambiguous_column_without_a_warning(tmp_path):
    path = danish_csv(tmp_path / "budget.csv", ["1.500", "2.500"])
    m = quiet(sg.read_csv, path, decimal=".")
    assert budgets(m) == [1.5, 2.5]


# -- foreign currencies ----------------------------------------------------------------------------


def test_a_column_all_in_euro_makes_the_map_a_euro_map(tmp_path):
    path = danish_csv(tmp_path / "budget.csv", ["€ 1.000", "2.500,50 EUR"])
    with pytest.warns(sg.ReadWarning, match="every amount in column 'budget' is in EUR"):
        m = sg.read_csv(path)
    assert m.currency == "EUR"
    assert budgets(m) == [1000.0, 2500.5]
    (warning,) = m.warnings
    assert (warning.location.row, warning.location.column) == (1, "budget")


def test_an_amount_in_another_currency_is_kept_as_written_and_never_summed(tmp_path):
    path = danish_csv(tmp_path / "budget.csv", ["750.000 kr.", "€ 10.000", "USD 5.000"])
    with pytest.warns(sg.ReadWarning) as caught:
        m = sg.read_csv(path)
    assert len(caught) == 1  # one warning for the column, naming its cells
    assert m.currency == "DKK"
    assert budgets(m) == [750_000.0, None, None]
    assert m["G2"].attrs == {"budget as written": "€ 10.000"}
    assert m["G3"].attrs == {"budget as written": "USD 5.000"}
    assert sg.summary(m).loc["total_budget", "value"] == 750_000.0
    (warning,) = m.warnings
    assert (warning.location.row, warning.location.column) == (4, "budget")
    assert warning.message.startswith(
        "2 cells in column 'budget' (rows 4 and 5) are in another currency than the map's DKK "
        "(the first, '€ 10.000', in EUR)"
    )


def test_one_amount_in_another_currency_is_named_alone(tmp_path):
    path = danish_csv(tmp_path / "budget.csv", ["750.000 kr.", "€ 10.000"])
    with pytest.warns(sg.ReadWarning, match="'€ 10.000' is in EUR, not in the map's currency DKK"):
        m = sg.read_csv(path)
    assert (m.warnings[0].location.row, m.warnings[0].location.column) == (4, "budget")


def test_a_yaml_text_budget_is_read_like_a_cell(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(
        "elements:\n"
        "  - {id: S1, type: strategy, title: S}\n"
        "  - {id: G1, type: effect_goal, title: A, parents: [S1], budget: '750.000 kr.'}\n"
        "  - {id: G2, type: effect_goal, title: B, parents: [S1], budget: '7,5 mio. kr.'}\n"
        "  - {id: G3, type: effect_goal, title: C, parents: [S1], budget: 1250000}\n"
        "  - {id: G4, type: effect_goal, title: D, parents: [S1], budget: '-'}\n"
        "  - {id: G5, type: effect_goal, title: E, parents: [S1], budget: '€ 500'}\n",
        encoding="utf-8",
    )
    with pytest.warns(sg.ReadWarning, match="is in EUR"):
        m = sg.read_yaml(path)
    assert budgets(m) == [750_000.0, 7_500_000.0, 1_250_000.0, None, None]
    assert m["G5"].attrs == {"budget as written": "€ 500"}
    (warning,) = m.warnings
    assert (warning.location.line, warning.location.column) == (7, "budget")


def test_a_yaml_text_budget_that_is_ambiguous_reads_with_the_decimal_comma(tmp_path):
    path = tmp_path / "kort.json"
    path.write_text(
        '{"elements": [{"id": "G1", "type": "effect_goal", "title": "A", "budget": "1.500"}]}',
        encoding="utf-8",
    )
    with pytest.warns(sg.ReadWarning, match="read with the decimal comma"):
        m = sg.read_json(path)
    assert m["G1"].budget == 1500.0


# -- Excel: number cells are numbers, text cells are read like CSV cells ---------------------------


def excel_book(path: Path, header: str, cells: list[Any], *, currency: str | None = None) -> Path:
    """Write a workbook as Excel does: number cells with a kroner format, text cells as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "elementer"
    sheet.append(["id", "type", "titel", "forælder", header])
    sheet.append(["S1", "strategi", "Strategi", None, None])
    for i, cell in enumerate(cells, start=1):
        sheet.append([f"G{i}", "effektmål", f"Mål {i}", "S1", cell])
        if isinstance(cell, int | float):
            sheet.cell(row=i + 2, column=5).number_format = '#,##0 "kr."'
    if currency is not None:
        meta = book.create_sheet("map")
        meta.append(["valuta", currency])
    book.save(path)
    return path


def test_a_scaled_header_scales_number_cells_and_text_cells(tmp_path):
    path = excel_book(tmp_path / "budget.xlsx", "Budget (1.000 kr.)", [750, 1.5, "1.250,5", "-"])
    m = quiet(sg.read_excel, path)
    assert budgets(m) == [750_000.0, 1_500.0, 1_250_500.0, None]


def test_a_cell_that_states_its_own_unit_is_not_scaled_again(tmp_path):
    path = excel_book(tmp_path / "budget.xlsx", "Budget, t.kr.", [750, "7,5 mio. kr.", "500 t.kr."])
    with pytest.warns(sg.ReadWarning, match="states its own unit") as caught:
        m = sg.read_excel(path)
    assert len(caught) == 1
    assert budgets(m) == [750_000.0, 7_500_000.0, 500_000.0]
    (warning,) = m.warnings
    assert (warning.location.sheet, warning.location.row, warning.location.column) == (
        "elementer",
        4,
        "Budget, t.kr.",
    )


def test_excel_number_cells_do_not_vote_and_text_cells_decide(tmp_path):
    path = excel_book(tmp_path / "budget.xlsx", "budget", [1500, "1.500", "2.500 kr."])
    m = quiet(sg.read_excel, path)
    assert budgets(m) == [1500.0, 1500.0, 2500.0]


def test_an_ambiguous_text_cell_in_excel_warns_at_its_cell(tmp_path):
    path = excel_book(tmp_path / "budget.xlsx", "budget", [1500.25, "1.500"])
    with pytest.warns(sg.ReadWarning, match="Excel workbooks"):
        m = sg.read_excel(path)
    assert budgets(m) == [1500.25, 1500.0]
    assert (m.warnings[0].location.row, m.warnings[0].location.column) == (4, "budget")


def test_a_stated_currency_makes_kroner_foreign(tmp_path):
    path = excel_book(
        tmp_path / "budget.xlsx", "budget", ["1.000 EUR", "750.000 kr."], currency="EUR"
    )
    with pytest.warns(sg.ReadWarning, match="is in DKK, not in the map's currency EUR"):
        m = sg.read_excel(path)
    assert m.currency == "EUR"
    assert budgets(m) == [1000.0, None]
    assert m["G2"].attrs == {"budget as written": "750.000 kr."}


# -- writers write plain numbers that read back exactly -------------------------------------------

WRITERS = {
    "yaml": ("kort.yaml", {}),
    "json": ("kort.json", {}),
    "csv-danish": ("kort.csv", {"sep": ";", "decimal": ",", "encoding": "cp1252"}),
    "csv-english": ("kort.csv", {"sep": ",", "decimal": ".", "encoding": "utf-8"}),
    "excel": ("kort.xlsx", {}),
    "graphml": ("kort.graphml", {}),
}


@pytest.mark.parametrize("writer", list(WRITERS))
def test_money_read_from_a_danish_file_survives_every_writer(tmp_path, writer):
    cells = [*ISSUE_BUDGETS, "7,5 mio. kr.", "1.234,56 kr.", "-", "0,1 mio."]
    with pytest.warns(sg.ReadWarning, match="is in EUR"):
        m = sg.read_csv(danish_csv(tmp_path / "budget.csv", [*cells, "€ 5.000"]))
    expected = [750_000.0, 1_250_000.0, 500_000.0, 2_000_000.0, 85_000.0]
    assert budgets(m) == [*expected, 7_500_000.0, 1234.56, None, 100_000.0, None]
    name, options = WRITERS[writer]
    path = tmp_path / "out" / name
    path.parent.mkdir()
    m.write(path, **options)
    back = quiet(sg.read, path)
    assert budgets(back) == budgets(m)
    assert back["G10"].attrs == {"budget as written": "€ 5.000"}
    assert list(back) == list(m)
    assert math.fsum(b for b in budgets(back) if b is not None) == 12_186_234.56


# -- numbers in exponent form read back exactly in every CSV dialect ------------------------------

DIALECTS = [(";", ","), (";", "."), (",", "."), ("\t", ","), ("\t", ".")]


def map_with_numbers(path: Path, budget: float, values: list[float]) -> sg.StrategyMap:
    """Read a JSON map (JSON writes a float's shortest exact form) holding these numbers."""
    indicators = [{"name": f"i{k}", "baseline": v, "target": v} for k, v in enumerate(values)]
    doc = {
        "elements": [
            {"id": "S1", "type": "strategy", "title": "S", "budget": budget},
            {"id": "G1", "type": "effect_goal", "title": "G", "parents": ["S1"]},
        ],
        "links": [],
    }
    doc["elements"][1]["indicators"] = indicators
    path.write_text(json.dumps(doc), encoding="utf-8")
    return quiet(sg.read_json, path)


def numbers_of(smap: sg.StrategyMap) -> list[Any]:
    values = [(i.baseline, i.target) for i in smap["G1"].indicators]
    return [smap["S1"].budget, values]


@pytest.mark.parametrize(("sep", "decimal"), DIALECTS)
def test_exponent_numbers_read_back_exactly_from_csv(tmp_path, sep, decimal):
    m = map_with_numbers(tmp_path / "kort.json", 1.234e20, [1.234e-7, 1.125e22, -5.5e-300])
    m.to_csv(tmp_path / "kort.csv", sep=sep, decimal=decimal, encoding="cp1252")
    back = quiet(sg.read_csv, tmp_path / "kort.csv")
    assert numbers_of(back) == [
        1.234e20,
        [(1.234e-7, 1.234e-7), (1.125e22, 1.125e22), (-5.5e-300, -5.5e-300)],
    ]


@given(
    budget=st.floats(min_value=0, allow_infinity=False, allow_nan=False),
    values=st.lists(st.floats(allow_infinity=False, allow_nan=False), min_size=1, max_size=4),
)
@examples(0.125)  # five files an example
def test_any_finite_number_reads_back_exactly_in_every_dialect(budget, values):
    with tempfile.TemporaryDirectory() as folder:
        m = map_with_numbers(Path(folder) / "kort.json", budget, values)
        for sep, decimal in DIALECTS:
            m.to_csv(Path(folder) / "kort.csv", sep=sep, decimal=decimal, encoding="utf-8")
            back = quiet(sg.read_csv, Path(folder) / "kort.csv")
            assert numbers_of(back) == numbers_of(m), (sep, decimal)


@given(value=st.floats(allow_infinity=False, allow_nan=False), decimal=st.sampled_from(",."))
def test_format_number_is_read_back_by_parse_number_alone(value, decimal):
    text = format_number(value, decimal)
    assert parse_number(text) == value
    assert parse_number(text, decimal) == value


# -- a rule that concerns single cells warns once for its column -----------------------------------


def test_many_cells_that_state_their_own_unit_give_one_warning_in_the_cli(tmp_path):
    cells = ["7,5 mio. kr.", "2 mio.", "1,5 mio. kr.", "3 mio.", "0,5 mio."]
    path = excel_book(tmp_path / "budget.xlsx", "Budget, t.kr.", cells)
    result = subprocess.run(  # noqa: S603 - this interpreter on our own module
        [sys.executable, "-m", "stratgraph", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in result.stderr.splitlines() if "warning" in line]
    assert lines == [
        (
            "stratgraph: warning: budget.xlsx, sheet 'elementer', row 3, column 'Budget, t.kr.': "
            "5 cells in column 'Budget, t.kr.' (rows 3, 4, 5 and 2 more) state their own unit, "
            "so each is read as it says (the first, '7,5 mio. kr.', as 7500000) and not scaled "
            "by the unit in the header; write the numbers alone to use the header's unit"
        )
    ]


def test_many_foreign_amounts_give_one_warning_that_counts_them(tmp_path):
    cells = [f"€ {k}.000" for k in range(1, 1001)]
    with pytest.warns(sg.ReadWarning) as caught:
        m = sg.read_csv(danish_csv(tmp_path / "budget.csv", ["750.000 kr.", *cells]))
    assert len(caught) == 1
    (warning,) = m.warnings
    assert warning.message.startswith(
        "1 000 cells in column 'budget' (rows 4, 5, 6 and 997 more) are in another currency"
    )
    assert m["G1000"].attrs == {"budget as written": "€ 999.000"}


# -- a currency alone under a scaled header --------------------------------------------------


def test_a_currency_without_scale_under_a_scaled_header_is_scaled_and_warned(tmp_path):
    path = danish_csv(
        tmp_path / "budget.csv",
        ["750", "750.000 kr.", "250 kr.", "1.250,5"],
        header="Budget (1.000 kr.)",
    )
    with pytest.warns(sg.ReadWarning, match="state a currency but no scale") as caught:
        m = sg.read_csv(path)
    assert len(caught) == 1
    assert budgets(m) == [750_000.0, 750_000_000.0, 250_000.0, 1_250_500.0]
    (warning,) = m.warnings
    assert (warning.location.row, warning.location.column) == (4, "Budget (1.000 kr.)")
    assert "(rows 4 and 5)" in warning.message
    assert "the first, '750.000 kr.', as 750000000" in warning.message


def test_one_currency_cell_under_a_scaled_header_is_named(tmp_path):
    path = excel_book(tmp_path / "budget.xlsx", "Budget i mio. kr.", [2.5, "3 kr."])
    with pytest.warns(sg.ReadWarning, match=r"'3 kr\.' states a currency but no scale"):
        m = sg.read_excel(path)
    assert budgets(m) == [2_500_000.0, 3_000_000.0]
    assert (m.warnings[0].location.row, m.warnings[0].location.column) == (4, "Budget i mio. kr.")


# -- messages that say what the value is and what would be valid ----------------------------------


def test_a_year_that_is_not_a_number_gets_a_year_hint(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_bytes("id;type;titel;startår\r\nS1;strategi;S;abc\r\n".encode("cp1252"))
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_csv(path)
    (problem,) = caught.value.problems
    assert problem.message == "'abc' is not a year (write a whole year such as 2013)"
    assert (problem.location.row, problem.location.column) == (2, "startår")


def test_an_excel_date_in_a_year_column_gives_its_year(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "type", "titel", "Startår", "budget"])
    sheet.append(["S1", "strategi", "S", dt.date(2014, 3, 1), dt.date(2014, 3, 1)])
    sheet["D2"].number_format = sheet["E2"].number_format = "dd-mm-yyyy"
    book.save(tmp_path / "mål.xlsx")
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_excel(tmp_path / "mål.xlsx")
    (problem,) = caught.value.problems  # the year is read; the budget is refused
    assert problem.message.startswith("2014-03-01T00:00:00 is a date, not a number")
    assert (problem.location.row, problem.location.column) == (2, "budget")
    sheet["E2"] = None
    book.save(tmp_path / "mål.xlsx")
    assert quiet(sg.read_excel, tmp_path / "mål.xlsx")["S1"].start == 2014


def test_a_number_too_large_once_scaled_says_so(tmp_path):
    path = excel_book(tmp_path / "budget.xlsx", "Budget (mia. kr.)", [1e300])
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_excel(path)
    (problem,) = caught.value.problems
    assert problem.message.startswith("1e+300 times the scale 1,000,000,000 of its unit overflows")
    assert (problem.location.row, problem.location.column) == (3, "Budget (mia. kr.)")


def test_a_header_with_two_scales_is_refused(tmp_path):
    path = danish_csv(tmp_path / "budget.csv", ["7"], header="Budget (mio. mio.)")
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_csv(path)
    (problem,) = caught.value.problems
    assert problem.message.startswith(
        "the header 'Budget (mio. mio.)' states 2 scales (mio. and mio.), so its unit is unclear"
    )
    assert (problem.location.row, problem.location.column) == (1, "Budget (mio. mio.)")


def test_a_cell_with_two_scales_is_refused_clearly(tmp_path):
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_csv(danish_csv(tmp_path / "budget.csv", ["5 mio. t.kr."]))
    (problem,) = caught.value.problems
    assert problem.message == (
        "'5 mio. t.kr.' states two scales (mio. and t.kr.); write one, e.g. 5 mio. kr. or "
        "5.000 t.kr."
    )


# -- YAML and JSON: numbers written with marks are read by the column rules -----------------------


def test_a_yaml_plain_number_with_a_mark_is_read_with_the_file_s_budgets(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(
        "elements:\n"
        "  - id: S1\n    type: strategy\n    title: S\n    budget: 2.500.000\n"
        "  - id: G1\n    type: effect_goal\n    title: G\n    parents: [S1]\n    budget: 1.500\n",
        encoding="utf-8",
    )
    m = quiet(sg.read_yaml, path)
    assert (m["S1"].budget, m["G1"].budget) == (2_500_000.0, 1_500.0)


def test_a_yaml_plain_number_nothing_settles_is_read_by_the_rule_and_warned(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(
        "elements:\n  - id: S1\n    type: strategy\n    title: S\n    budget: 1.500\n",
        encoding="utf-8",
    )
    # A plain number is YAML's own: read as YAML reads it, with a warning that names the line.
    with pytest.warns(sg.ReadWarning, match=r"'1\.500' could be 1\.5 or 1500") as caught:
        m = sg.read_yaml(path)
    assert len(caught) == 1
    assert m["S1"].budget == 1.5
    assert (m.warnings[0].location.line, m.warnings[0].location.column) == (2, "budget")


def test_a_yaml_plain_number_is_yaml_s_but_text_is_read_the_danish_way(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(
        "elements:\n"
        "  - id: S1\n    type: strategy\n    title: S\n"
        "    indicators:\n      - {name: a, baseline: 1.125, target: '1.125'}\n",
        encoding="utf-8",
    )
    with pytest.warns(sg.ReadWarning) as caught:
        m = sg.read_yaml(path)
    assert len(caught) == 2
    (indicator,) = m["S1"].indicators
    assert (indicator.baseline, indicator.target) == (1.125, 1125.0)


def test_a_number_split_by_a_comma_in_a_flow_mapping_is_refused_at_its_line(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(
        "elements:\n"
        "  - {id: S1, type: strategy, title: S}\n"
        "  - {id: G1, type: effect_goal, title: G, parents: [S1], budget: 1,500}\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_yaml(path)
    (problem,) = caught.value.problems
    assert problem.message.startswith(
        "'budget: 1,500' inside {...} is read by YAML as budget: 1 and a key '500'"
    )
    assert (problem.location.line, problem.location.column) == (3, "budget")


INDICATOR_FILE = """\
elements:
  - id: S1
    type: strategy
    title: S
    start: "2.014"
  - id: G1
    type: effect_goal
    title: G
    start: 2013
    indicators:
      - name: Ventetid
        baseline: "1.500"
        target: {target}
      - name: Tilfredshed
        baseline: 2.250,5
        target: "3"
links:
  - {{source: S1, target: G1, kind: supports, weight: "0,5"}}
"""


def test_yaml_indicator_values_years_and_weights_given_as_text_follow_the_rules(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(INDICATOR_FILE.format(target='"2,5"'), encoding="utf-8")
    m = quiet(sg.read_yaml, path)
    first, second = m["G1"].indicators
    assert (first.baseline, first.target) == (1500.0, 2.5)
    assert (second.baseline, second.target) == (2250.5, 3.0)
    assert (m["S1"].start, m["G1"].start) == (2014, 2013)
    assert [link.weight for link in m.links if link.kind == "supports"] == [0.5]


def test_a_bad_indicator_value_is_named_in_our_words_at_the_indicator_s_line(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(INDICATOR_FILE.format(target='"mange"'), encoding="utf-8")
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_yaml(path)
    (problem,) = caught.value.problems
    assert problem.message == (
        "'mange' is not a number (write e.g. 42 or 5,9, with the decimal mark the column's "
        "other numbers use)"
    )
    assert (problem.location.line, problem.location.column) == (11, "target")


def test_json_indicator_values_given_as_text_follow_the_rules(tmp_path):
    path = tmp_path / "kort.json"
    indicator = {"name": "Ventetid", "baseline": "1.500", "target": "2,5"}
    doc = {"elements": [{"id": "S1", "type": "strategy", "title": "S", "indicators": [indicator]}]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.warns(sg.ReadWarning, match=r"'1\.500' could be 1500 or 1\.5") as caught:
        m = sg.read_json(path)
    assert len(caught) == 1
    (indicator_read,) = m["S1"].indicators
    assert (indicator_read.baseline, indicator_read.target) == (1500.0, 2.5)
    (warning,) = m.warnings
    assert (warning.location.item, warning.location.column) == (
        "elements[0]",
        "indicators[0].baseline",
    )
    assert warning.message.endswith("write it as 1500 or 1.5 with no thousands mark to say which")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_number_with_thousands_of_digits_is_named_with_its_line(tmp_path, suffix):
    path = tmp_path / f"kort{suffix}"
    digits = "9" * 5000
    if suffix == ".yaml":
        path.write_text(
            f"elements:\n  - id: S1\n    type: strategy\n    title: S\n    budget: {digits}\n",
            encoding="utf-8",
        )
    else:
        path.write_text(
            '{"elements": [\n{"id": "S1", "type": "strategy", "title": "S",\n'
            f'"budget": {digits}}}]}}',
            encoding="utf-8",
        )
    with pytest.raises(sg.ReadError) as caught:
        sg.read(path)
    assert str(caught.value) == (
        f"kort{suffix}, line {5 if suffix == '.yaml' else 3}: the number 999999999999… has 5,000 "
        "digits, more than a number in a map can have (4,300); write it shorter, or in quotes if "
        "it is text"
    )


def test_yaml_writes_numbers_that_read_back_exactly(tmp_path):
    m = map_with_numbers(tmp_path / "kort.json", 1.125, [1.125, 12.345, 1.234e20, 0.5])
    m.to_yaml(tmp_path / "kort.yaml")
    assert numbers_of(quiet(sg.read_yaml, tmp_path / "kort.yaml")) == numbers_of(m)


# -- GraphML: budgets held as text ---------------------------------------------------------------


def graphml_with_budgets(path: Path, budgets: list[str]) -> Path:
    """Write GraphML as a tool that types every attribute as text does."""
    nodes = "".join(
        f'<node id="G{i}"><data key="t">effect_goal</data><data key="n">Mål {i}</data>'
        f'<data key="b">{budget}</data></node>'
        for i, budget in enumerate(budgets, start=1)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '<key id="t" for="node" attr.name="type" attr.type="string"/>\n'
        '<key id="n" for="node" attr.name="title" attr.type="string"/>\n'
        '<key id="b" for="node" attr.name="budget" attr.type="string"/>\n'
        f'<graph edgedefault="directed">{nodes}</graph>\n</graphml>\n',
        encoding="utf-8",
    )
    return path


def test_graphml_budgets_held_as_text_are_one_column(tmp_path):
    path = graphml_with_budgets(tmp_path / "kort.graphml", ["1.500", "2.500.000", "7,5 mio. kr."])
    m = quiet(sg.read_graphml, path)
    assert [m[f"G{i}"].budget for i in (1, 2, 3)] == [1_500.0, 2_500_000.0, 7_500_000.0]


def test_a_graphml_text_budget_nothing_settles_is_warned_at_its_node(tmp_path):
    path = graphml_with_budgets(tmp_path / "kort.graphml", ["1.500"])
    with pytest.warns(sg.ReadWarning, match=r"'1\.500' could be 1500 or 1\.5"):
        m = sg.read_graphml(path)
    assert m["G1"].budget == 1500.0
    assert (m.warnings[0].location.element, m.warnings[0].location.column) == ("G1", "budget")


def test_a_graphml_text_budget_that_is_no_number_is_named_in_our_words(tmp_path):
    path = graphml_with_budgets(tmp_path / "kort.graphml", ["2,5 mio. kr.", "mange penge"])
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_graphml(path)
    (problem,) = caught.value.problems
    assert problem.message.startswith("'mange penge' is not a number (write e.g. 1234,50")
    assert (problem.location.element, problem.location.column) == ("G2", "budget")
    with pytest.warns(sg.ReadWarning, match="'€ 5' is in EUR"):
        m = sg.read_graphml(graphml_with_budgets(path, ["2,5 mio. kr.", "€ 5"]))
    assert (m["G1"].budget, m["G2"].budget) == (2_500_000.0, None)
    assert m["G2"].attrs == {"budget as written": "€ 5"}


# -- a schema that carries no money ---------------------------------------------------------------

NO_MONEY = sg.Schema(
    levels=["agenda", "goal", "target"], goal_level="target", money=False, name="sdg-light"
)


def test_a_budget_in_a_map_whose_schema_carries_no_money_is_kept_and_warned_once(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_bytes(
        b"id;type;titel;for\xe6lder;budget\r\nA1;agenda;A;;\r\n"
        b"G1;goal;G;A1;1.500,50\r\nT1;target;T;G1;2.000\r\nT2;target;U;G1;300\r\n"
    )
    with pytest.warns(sg.ReadWarning, match="says its maps carry no money") as caught:
        m = sg.read_csv(path, schema=NO_MONEY)
    assert len(caught) == 1
    assert [m[i].budget for i in ("G1", "T1", "T2")] == [1500.5, 2000.0, 300.0]
    (warning,) = m.warnings
    assert (warning.location.row, warning.location.column) == (1, "budget")
    assert warning.message.startswith(
        "the schema 'sdg-light' says its maps carry no money (money=False), but 'budget' gives "
        "3 elements budgets: they are kept and rolled up as written"
    )
    assert sg.budget_rollup(m).loc["A1", "rolled_budget"] == 3800.5


def test_a_yaml_budget_in_a_map_whose_schema_carries_no_money_is_warned(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(
        "elements:\n  - {id: A1, type: agenda, title: A}\n"
        "  - {id: G1, type: goal, title: G, parents: [A1], budget: 1500}\n",
        encoding="utf-8",
    )
    with pytest.warns(sg.ReadWarning, match="gives 1 element a budget") as caught:
        m = sg.read_yaml(path, schema=NO_MONEY)
    assert len(caught) == 1
    assert m["G1"].budget == 1500.0
    assert (m.warnings[0].location.line, m.warnings[0].location.column) == (3, "budget")
