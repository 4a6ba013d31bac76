"""Measurements in files that try to mislead the reader: each is refused where it stands."""

from __future__ import annotations

import html

import openpyxl
import pytest

import stratgraph as sg

SMALL = {
    "elements": [
        {"id": "V1", "type": "vision", "title": "Vision"},
        {"id": "S1", "type": "strategy", "title": "Strat", "parents": ["V1"]},
        {
            "id": "G1",
            "type": "effect_goal",
            "title": "Goal one",
            "parents": ["S1"],
            "indicators": [
                {
                    "name": "Ledighed",
                    "unit": "%",
                    "baseline": 10,
                    "baseline_period": 2012,
                    "target": 5,
                    "target_period": 2016,
                    "higher_is_better": False,
                }
            ],
        },
        {
            "id": "G2",
            "type": "effect_goal",
            "title": "Goal two",
            "parents": ["S1"],
            "indicators": [
                {
                    "name": "Trivsel",
                    "baseline": 50,
                    "baseline_period": 2012,
                    "target": 80,
                    "target_period": 2016,
                }
            ],
        },
    ],
    "measurements": [
        {"element": "G1", "indicator": "Ledighed", "period": 2013, "value": 9},
        {"element": "G1", "indicator": "Ledighed", "period": 2014, "value": 8},
        {"element": "G2", "indicator": "Trivsel", "period": 2014, "value": 60},
    ],
}


@pytest.fixture
def small():
    data = SMALL
    return sg.StrategyMap(data["elements"], measurements=data["measurements"], name="small")


def test_a_graphml_measurement_naming_another_element_is_refused_at_its_node(small, tmp_path):
    small.to_graphml(tmp_path / "small.graphml")
    text = (tmp_path / "small.graphml").read_text(encoding="utf-8")
    own = (
        '[{"indicator": "Ledighed", "period": "2013", "value": 9.0}, '
        '{"indicator": "Ledighed", "period": "2014", "value": 8.0}]'
    )
    moved = '[{"element": "G2", "indicator": "Trivsel", "period": "2013", "value": 9}]'
    assert own in text
    (tmp_path / "g.graphml").write_text(
        text.replace(own, html.escape(moved, quote=False)), encoding="utf-8"
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read(tmp_path / "g.graphml")
    (problem,) = caught.value.problems
    assert problem.message.startswith(
        "measurement 1 of node 'G1' names the element 'G2'; a node's measurements are its own"
    )
    assert problem.location.column == "measurements[0].element"


def test_the_measurements_of_a_refused_element_are_not_checked_again(small, tmp_path):
    small.to_excel(tmp_path / "small.xlsx")
    book = openpyxl.load_workbook(tmp_path / "small.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "G1":
                    cell.value = "G;1"
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(sg.ValidationError) as caught:
        sg.read(tmp_path / "bad.xlsx")
    sheets = [p.location.sheet for p in caught.value.problems]
    assert "measurements" not in sheets
    assert any("contains ';'" in p.message for p in caught.value.problems)


@pytest.mark.parametrize("sheet", ["measurements", "indicators"])
def test_an_unknown_column_is_refused_once_at_its_header_not_in_every_row(small, tmp_path, sheet):
    small.to_excel(tmp_path / "small.xlsx")
    book = openpyxl.load_workbook(tmp_path / "small.xlsx")
    table = book[sheet]
    extra = table.max_column + 1
    table.cell(1, extra, "Afdeling")
    for row in range(2, table.max_row + 1):
        table.cell(row, extra, "Jobcenter")
    book.save(tmp_path / "extra.xlsx")
    with pytest.raises(sg.ValidationError) as caught:
        sg.read(tmp_path / "extra.xlsx")
    (problem,) = caught.value.problems
    rows = table.max_row - 1
    assert problem.message.startswith(
        f"unknown column 'Afdeling' (values in {rows} rows, the first in row 2); a {sheet}"
        if sheet == "measurements"
        else f"unknown column 'Afdeling' (values in {rows} rows, the first in row 2); an {sheet}"
    )
    assert (problem.location.sheet, problem.location.row, problem.location.column) == (
        sheet,
        1,
        "Afdeling",
    )
