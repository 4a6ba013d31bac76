"""Measurements in every file format: round trips, files as analysts write them, bad cells named."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import openpyxl
import pytest

import stratgraph as sg
from stratgraph.io._tables import columns

ELEMENTS = [
    {"id": "V1", "type": "vision", "title": "Et godt sted at leve"},
    {
        "id": "G1",
        "type": "effect_goal",
        "title": "Flere i job",
        "followup": "dialog",
        "indicators": [
            {
                "name": "Ledighed",
                "unit": "%",
                "baseline": 6.2,
                "target": 4.5,
                "higher_is_better": False,
                "baseline_period": 2012,
                "target_period": "2016Q4",
                "weight": 2,
            },
            {"name": "Beskæftigelse", "unit": "%", "baseline": 71.5, "target": 75, "weight": 0.5},
        ],
    },
    {"id": "G2", "type": "effect_goal", "title": "Færre sygedage", "followup": "measured"},
]
MEASUREMENTS = [
    {"element": "G1", "indicator": "Ledighed", "period": 2013, "value": 5.9,
     "note": "Foreløbigt; revideres", "source": "Jobindsats.dk"},
    {"element": "G1", "indicator": "ledighed", "period": "2014K2", "value": 5.6},
    {"element": "G1", "indicator": "Ledighed", "period": "2014-05", "value": 5.55},
    {"element": "G1", "indicator": "Beskæftigelse", "period": "17-05-2015", "value": 72.25,
     "source": "Danmarks Statistik"},
]  # fmt: skip


def measured_map() -> sg.StrategyMap:
    return sg.StrategyMap(
        ELEMENTS,
        [{"source": "V1", "target": "G1"}, {"source": "V1", "target": "G2"}],
        MEASUREMENTS,
        name="kort",
    )


def test_the_map_holds_every_period_kind_and_the_indicators_own_spelling():
    m = measured_map()
    assert [(x.indicator, str(x.period), x.period.kind) for x in m.measurements] == [
        ("Ledighed", "2013", "year"),
        ("Ledighed", "2014Q2", "quarter"),
        ("Ledighed", "2014-05", "month"),
        ("Beskæftigelse", "2015-05-17", "day"),
    ]
    assert m["G1"].followup == "dialogue"


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".xlsx", ".graphml"])
def test_round_trip_keeps_measurements_periods_weights_and_followup(tmp_path, suffix):
    m = measured_map()
    path = tmp_path / f"kort{suffix}"
    m.write(path)
    back = sg.read(path)
    assert back == m
    assert back.measurements == m.measurements
    assert back["G1"].indicators == m["G1"].indicators
    assert (back["G1"].followup, back["G2"].followup) == ("dialogue", "measured")


@pytest.mark.parametrize(
    "dialect",
    [
        {"sep": ";", "decimal": ",", "encoding": "cp1252"},
        {"sep": ",", "decimal": ".", "encoding": "utf-8"},
    ],
)
def test_csv_round_trip_writes_a_measurements_sibling(tmp_path, dialect):
    m = measured_map()
    m.to_csv(tmp_path / "kort.csv", **dialect)
    text = (tmp_path / "kort.measurements.csv").read_bytes().decode(dialect["encoding"])
    first = text.splitlines()[1]
    if dialect["sep"] == ";":
        assert first == "G1;Ledighed;2013;5,9;Foreløbigt; revideres;Jobindsats.dk".replace(
            "Foreløbigt; revideres", '"Foreløbigt; revideres"'
        )
    else:
        assert first == "G1,Ledighed,2013,5.9,Foreløbigt; revideres,Jobindsats.dk"
    back = sg.read(tmp_path / "kort.csv")
    assert back == m
    assert back.measurements == m.measurements


def test_frames_and_networkx_keep_measurements():
    m = measured_map()
    frame = m.measurements_frame()
    assert frame["period"].tolist() == ["2013", "2014Q2", "2014-05", "2015-05-17"]
    back = sg.from_frames(m.elements_frame(), m.links_frame(), measurements=frame, name=m.name)
    assert back == m
    assert sg.from_networkx(m.to_networkx()) == m


def test_graphml_holds_each_elements_measurements_as_json(tmp_path):
    measured_map().to_graphml(tmp_path / "kort.graphml")
    root = ET.parse(tmp_path / "kort.graphml").getroot()  # noqa: S314 - our own file
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    key = next(
        k.get("id") for k in root.iterfind("g:key", ns) if k.get("attr.name") == "measurements"
    )
    node = next(n for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")
                if n.get("id") == "G1")  # fmt: skip
    data = next(d.text for d in node.iterfind("g:data", ns) if d.get("key") == key)
    assert json.loads(data)[1] == {"indicator": "Ledighed", "period": "2014Q2", "value": 5.6}


def _analyst_workbook(path, measurements, *, indicators=None, followup="tillid"):
    """A workbook as an analyst makes it in Danish Excel: Danish sheets and headers."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Elementer"
    ws.append(["id", "type", "titel", "forælder", "opfølgningsform"])
    ws.append(["V1", "vision", "Et godt sted at leve", None, None])
    ws.append(["G1", "effektmål", "Flere i job", "V1", followup])
    ind = book.create_sheet("Indikatorer")
    ind.append(["mål", "navn", "enhed", "udgangspunkt", "målværdi", "basisår", "målår", "vægt"])
    for row in indicators or [["G1", "Ledighed", "%", "6,2", "4,5", 2012, "2016K4", "2"]]:
        ind.append(row)
    meas = book.create_sheet("Målinger")
    meas.append(["mål id", "indikator", "periode", "værdi", "note", "kilde"])
    for row in measurements:
        meas.append(row)
    book.save(path)


def test_an_analysts_workbook_is_read_to_the_exact_measurements(tmp_path):
    path = tmp_path / "plan.xlsx"
    _analyst_workbook(
        path,
        [
            ["G1", "Ledighed", 2013, "5,9", "Foreløbigt", "Jobindsats"],
            ["G1", "ledighed", dt.datetime(2014, 3, 31), 5.7, None, None],  # noqa: DTZ001
            ["G1", "Ledighed", "2. kvartal 2014", "5,6", None, None],
            ["G1", "Ledighed", "17-05-2015", 5, None, None],
        ],
    )
    m = sg.read_excel(path)
    assert [(x.indicator, str(x.period), x.value, x.note, x.source) for x in m.measurements] == [
        ("Ledighed", "2013", 5.9, "Foreløbigt", "Jobindsats"),
        ("Ledighed", "2014-03-31", 5.7, None, None),
        ("Ledighed", "2014Q2", 5.6, None, None),
        ("Ledighed", "2015-05-17", 5.0, None, None),
    ]
    indicator = m["G1"].indicators[0]
    assert (indicator.baseline, indicator.target, indicator.weight) == (6.2, 4.5, 2.0)
    assert (str(indicator.baseline_period), str(indicator.target_period)) == ("2012", "2016Q4")
    assert m["G1"].followup == "dialogue"


def test_a_danish_csv_with_siblings_is_read_to_the_exact_measurements(tmp_path):
    (tmp_path / "mål.csv").write_text(
        "id;type;titel;forælder;styringslogik\nV1;vision;Vision;;\nG1;effektmål;Job;V1;tællelogik\n",
        encoding="cp1252",
    )
    (tmp_path / "mål.indicators.csv").write_text(
        "element;navn;enhed;udgangspunkt;målværdi;udgangsår;målår;vægtning\n"
        "G1;Sygefravær;% af arbejdstiden;5,6;4,5;2012;2016;1,5\n",
        encoding="cp1252",
    )
    (tmp_path / "mål.measurements.csv").write_text(
        "element;indikator;periode;værdi;bemærkning;kilde\n"
        "G1;Sygefravær;2013K4;5,3;;Fraværsstatistik, HR\n"
        "G1;sygefravær;17-05-2014;5,25;Langtidssygemeldinger i ældreplejen;\n",
        encoding="cp1252",
    )
    m = sg.read_csv(tmp_path / "mål.csv")
    assert [(str(x.period), x.value, x.note, x.source) for x in m.measurements] == [
        ("2013Q4", 5.3, None, "Fraværsstatistik, HR"),
        ("2014-05-17", 5.25, "Langtidssygemeldinger i ældreplejen", None),
    ]
    assert m["G1"].indicators[0].weight == 1.5
    assert m["G1"].followup == "measured"


def _danish_csv(folder, periods):
    (folder / "mål.csv").write_text(
        "id;type;titel;forælder;opfølgningsform\nV1;vision;Vision;;\n"
        "G1;effektmål;Job;V1;I dialogen\nG2;effektmål;Sygefravær;V1;målinger\n",
        encoding="cp1252",
    )
    (folder / "mål.indicators.csv").write_text(
        "element;navn;enhed\nG2;Sygefravær;%\n", encoding="cp1252"
    )
    (folder / "mål.measurements.csv").write_text(
        "element;indikator;periode;værdi\n"
        + "".join(f"G2;Sygefravær;{period};5,{i}\n" for i, period in enumerate(periods)),
        encoding="cp1252",
    )
    return folder / "mål.csv"


def test_month_names_kvt_quarters_and_danish_followup_phrases_are_read_from_a_csv(tmp_path):
    m = sg.read_csv(_danish_csv(tmp_path, ["maj 2016", "2. kvt. 2015", "sept. 2016", "Jan 2017"]))
    assert [(str(x.period), x.value) for x in m.measurements] == [
        ("2016-05", 5.0),
        ("2015Q2", 5.1),
        ("2016-09", 5.2),
        ("2017-01", 5.3),
    ]
    assert (m["G1"].followup, m["G2"].followup) == ("dialogue", "measured")


def test_a_half_year_period_is_a_problem_naming_its_cell(tmp_path):
    path = _danish_csv(tmp_path, ["maj 2016", "1. halvår 2015"])
    with pytest.raises(sg.ValidationError, match=r"'1\. halvår 2015' is not a period") as caught:
        sg.read_csv(path)
    (problem,) = caught.value.problems
    assert (problem.location.file, problem.location.row, problem.location.column) == (
        "mål.measurements.csv",
        3,
        "periode",
    )
    assert "a month (2013-05, 'maj 2013', 'May 2013')" in problem.message


def test_every_bad_cell_is_one_problem_with_its_place(tmp_path):
    path = tmp_path / "plan.xlsx"
    _analyst_workbook(
        path,
        [
            ["G9", "Ledighed", 2013, 5.9, None, None],
            ["G1", "Ledigheden", 2013, 5.9, None, None],
            ["G1", "Ledighed", "2013Q5", 5.9, None, None],
            ["G1", "Ledighed", "13/2013", 5.9, None, None],
            ["G1", "Ledighed", 2014, "mange", None, None],
            ["G1", "Ledighed", 2015, 5.5, None, None],
            ["G1", "Ledighed", 2015, 5.4, None, None],
        ],
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_excel(path)
    found = [
        (p.location.sheet, p.location.row, p.location.column, p.message)
        for p in caught.value.problems
    ]
    places = [(sheet, row, column) for sheet, row, column, _ in found]
    assert places == [
        ("Målinger", 2, "mål id"),
        ("Målinger", 3, "indikator"),
        ("Målinger", 4, "periode"),
        ("Målinger", 5, "periode"),
        ("Målinger", 6, "værdi"),
        ("Målinger", 8, "værdi"),
    ], found
    messages = [message for *_, message in found]
    assert "no element has the id 'G9' (did you mean 'G1'?)" in messages[0]
    assert "G1 has no indicator named 'Ledigheden'; its indicators are 'Ledighed'" in messages[1]
    assert "a quarter is Q1 to Q4" in messages[2]
    assert "'13/2013' is not a period" in messages[3]
    assert "'mange' is not a number" in messages[4]
    assert (
        "measured twice in 2015: 5.5 (plan.xlsx, sheet 'Målinger', row 7) and 5.4" in (messages[5])
    )


def test_a_bad_indicator_or_followup_is_named_and_its_measurements_are_not_scored(tmp_path):
    path = tmp_path / "plan.xlsx"
    _analyst_workbook(
        path,
        [["G1", "Ledighed", 2015, 5.5, None, None], ["G1", "Ledighed", 2016, 5.1, None, None]],
        indicators=[["G1", "Ledighed", "%", 6.2, 4.5, 2017, 2016, None]],
        followup="måske",
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_excel(path)
    found = [
        (p.location.sheet, p.location.row, p.location.column, p.message)
        for p in caught.value.problems
    ]
    assert [place[:3] for place in found] == [
        ("Elementer", 3, "opfølgningsform"),
        ("Indikatorer", 2, "målår"),
    ]
    assert "followup 'måske' is not known; write 'measured'" in found[0][3]
    assert "the baseline period 2017 is after the target period 2016" in found[1][3]


def test_the_column_path_joins_measurement_problems_into_one_error(tmp_path, monkeypatch):
    """Clean tables are read a column at a time; the measurements' problems are still named."""
    m = measured_map()
    m.to_csv(tmp_path / "kort.csv")
    path = tmp_path / "kort.measurements.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "G1,Ledighed,2013,6.0,,\nG1,Nope,2016,1,,\n",
        encoding="utf-8",
    )

    def problems() -> list[tuple[object, ...]]:
        with pytest.raises(sg.ValidationError) as caught:
            sg.read_csv(tmp_path / "kort.csv")
        return [(p.location.row, p.location.column) for p in caught.value.problems]

    fast = problems()
    assert fast == [(6, "value"), (7, "indicator")]
    monkeypatch.setattr(columns, "state_from_tables", lambda *_: None)
    assert problems() == fast


def test_an_ambiguous_value_is_read_by_the_number_rules_and_warned_of(tmp_path):
    path = tmp_path / "plan.xlsx"
    _analyst_workbook(path, [["G1", "Ledighed", 2013, "1.234", None, None]])
    with pytest.warns(sg.ReadWarning, match="1.234"):
        m = sg.read_excel(path)
    assert m.measurements[0].value == 1234.0
    where = m.warnings[0].location
    assert (where.sheet, where.row, where.column) == ("Målinger", 2, "værdi")


def test_yaml_measurements_name_their_line(tmp_path):
    path = tmp_path / "kort.yaml"
    text = measured_map().to_yaml()
    assert text is not None
    path.write_text(
        text + "- {element: G1, indicator: Ledighed, period: 2013Q5, value: 4.2}\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_yaml(path)
    (problem,) = caught.value.problems
    assert problem.location.line == text.count("\n") + 1
    assert problem.location.column == "period"
    assert "a quarter is Q1 to Q4" in problem.message


def test_the_bundled_example_is_measured_2012_to_2016():
    m = sg.datasets.load("eksempel-2013")
    periods = {x.period for x in m.measurements}
    assert {p.start.year for p in periods} == {2012, 2013, 2014, 2015, 2016}
    assert {p.kind for p in periods} == {"year", "quarter"}
    assert m["G12"].followup == "dialogue"
    assert max(x.period for x in m.measurements if x.element == "G4") == sg.Period.parse(2014)
    weighted = [e.id for e in m if len(e.indicators) == 2]
    assert weighted == ["G1", "G-Æ1", "G14"]
    assert all(i.weight is not None for e in weighted for i in m[e].indicators)


def test_archimate_keeps_periods_and_followup_and_says_it_drops_measurements(tmp_path):
    m = measured_map()
    with pytest.warns(sg.StratgraphWarning, match="the map's 4 measurements are not written"):
        m.to_archimate(tmp_path / "kort.xml")
    back = sg.read_archimate(tmp_path / "kort.xml")
    assert back["G1"].indicators == m["G1"].indicators
    assert back["G1"].followup == "dialogue"
    assert back.measurements == ()


def test_a_free_text_opfolgning_column_is_an_attribute_and_opfolgningsform_the_followup(tmp_path):
    """'Opfølgning' alone often holds the rhythm of the follow-up, not the logic."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Elementer"
    ws.append(["Id", "Type", "Titel", "Overordnet", "Opfølgning", "Opfølgningsform"])
    ws.append(["S1", "strategi", "Tidlig indsats", None, "Årligt i udvalget", None])
    ws.append(["G1", "effektmål", "Færre anbringelser", "S1", "Kvartalsvis", "dialog"])
    book.save(tmp_path / "plan.xlsx")
    m = sg.read_excel(tmp_path / "plan.xlsx")
    assert m.warnings == ()
    assert m["S1"].attrs == {"Opfølgning": "Årligt i udvalget"}
    assert m["S1"].followup is None
    assert m["G1"].attrs == {"Opfølgning": "Kvartalsvis"}
    assert m["G1"].followup == "dialogue"


def _percent_workbook(path, values, *, fmt="0.0%", sheet="målinger", indicator=("5,8", "4,0")):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Elementer"
    ws.append(["Id", "Type", "Titel", "Overordnet"])
    ws.append(["S1", "strategi", "S", None])
    ws.append(["G1", "effektmål", "Lavere ledighed", "S1"])
    wi = book.create_sheet("Indikatorer")
    wi.append(["Mål", "Navn", "Enhed", "Udgangspunkt", "Målværdi", "Basisår", "Målår"])
    wi.append(["G1", "Ledighed", "%", *indicator, 2012, 2016])
    wm = book.create_sheet(sheet)
    wm.append(["Mål", "Indikator", "Periode", "Værdi"])
    for year, value in values:
        wm.append(["G1", "Ledighed", year, value])
        wm.cell(wm.max_row, 4).number_format = fmt
    book.save(path)
    return path


def test_a_percentage_cell_is_read_as_the_per_cent_it_shows(tmp_path):
    """0.055 formatted 0.0% shows 5,5 % and sits beside a typed 5,8: it is read as 5.5."""
    path = _percent_workbook(tmp_path / "t.xlsx", [(2013, 0.056), (2014, 0.055), (2015, "5,3")])
    with pytest.warns(sg.ReadWarning, match="formatted as a percentage") as caught:
        m = sg.read_excel(path)
    assert len(caught) == 1
    assert [x.value for x in m.measurements] == [5.6, 5.5, 5.3]
    (warning,) = m.warnings
    assert warning.location == sg.Location("t.xlsx", "målinger", 2, column="Værdi")
    assert warning.message == (
        "2 cells of the column 'Værdi' are formatted as a percentage (the first, D2, holds "
        "0.056 and shows 5.6 %) and are read as the per cent shown (5.6, not 0.056), as a "
        "typed number would be; if the value is a fraction, give the cells a number format "
        "without %"
    )
    assert sg.progress(m)["value"].tolist() == [5.3]  # the latest, on the indicator's scale


def test_percentage_baseline_and_target_cells_are_per_cent_too(tmp_path):
    path = tmp_path / "t.xlsx"
    _percent_workbook(path, [(2013, 5.6)], fmt="0.0", indicator=(0.058, 0.04))
    book = openpyxl.load_workbook(path)
    for ref in ("D2", "E2"):
        book["Indikatorer"][ref].number_format = "0%"  # Excel's built-in format 9
    book.save(path)
    with pytest.warns(sg.ReadWarning):
        m = sg.read_excel(path)
    (indicator,) = m["G1"].indicators
    assert (indicator.baseline, indicator.target) == (5.8, 4.0)
    assert [(w.location.sheet, w.location.row, w.location.column) for w in m.warnings] == [
        ("Indikatorer", 2, "Udgangspunkt"),
        ("Indikatorer", 2, "Målværdi"),
    ]
    assert m.warnings[0].message.startswith("1 cell of the column 'Udgangspunkt' is formatted")
    assert [x.value for x in m.measurements] == [5.6]


def test_a_percent_sign_written_as_text_in_the_format_is_no_percentage(tmp_path):
    """'0.0"%"' shows the number as it is, with a % after it: Excel does not multiply it."""
    path = _percent_workbook(tmp_path / "t.xlsx", [(2013, 5.6)], fmt='0.0" %"')
    m = sg.read_excel(path)
    assert m.warnings == ()
    assert [x.value for x in m.measurements] == [5.6]


@pytest.mark.parametrize("name", ["Målinger 2012-2015", "measurements 2014", "målinger_2013"])
def test_a_measurements_sheet_may_name_its_years(tmp_path, name):
    path = _percent_workbook(tmp_path / "t.xlsx", [(2013, "5,6")], fmt="General", sheet=name)
    m = sg.read_excel(path)
    assert m.warnings == ()
    assert [(x.period, x.value) for x in m.measurements] == [(sg.Period.parse(2013), 5.6)]


def test_every_sheet_not_read_is_named_but_empty_and_notes_sheets(tmp_path):
    path = _percent_workbook(tmp_path / "t.xlsx", [(2013, "5,6")], fmt="General", sheet="Data")
    book = openpyxl.load_workbook(path)
    book.create_sheet("Ark2")
    book.create_sheet("Vejledning")["A1"] = "Sådan udfylder du arket"
    book.create_sheet("Resultater")["C4"] = 5.5
    book.save(path)
    with pytest.warns(sg.ReadWarning, match="is not read"):
        m = sg.read_excel(path)
    assert m.measurements == ()
    assert [w.location for w in m.warnings] == [
        sg.Location("t.xlsx", "Data"),
        sg.Location("t.xlsx", "Resultater"),
    ]
    assert m.warnings[0].message == (
        "the sheet 'Data' is not read: a workbook's sheets are read by their names, "
        "'elements' (or 'elementer', else the first sheet), 'links' ('relationer'), "
        "'indicators' ('indikatorer'), 'measurements' ('målinger', also 'Målinger "
        "2012-2015') and 'map' ('kort'); rename the sheet if it holds one of these, or name it "
        "'vejledning' or 'noter' if it holds notes"
    )


def _old_workbook(path, header, row):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Elementer"
    ws.append(["Id", "Type", "Titel", "Overordnet"])
    ws.append(["S1", "strategi", "S", None])
    ws.append(["G1", "effektmål", "Lavere ledighed", "S1"])
    sheet = book.create_sheet("målinger")
    sheet.append(header)
    sheet.append(row)
    book.save(path)
    return path


def test_indicators_on_a_malinger_sheet_are_told_where_indicators_go(tmp_path):
    path = _old_workbook(
        tmp_path / "gammel.xlsx",
        ["Mål", "Navn", "Enhed", "Udgangspunkt", "Målværdi"],
        ["G1", "Ledighed", "%", "5,8", "4,0"],
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_excel(path)
    (problem,) = caught.value.problems
    assert problem.location == sg.Location("gammel.xlsx", "målinger", 1)
    assert problem.message == (
        "the sheet 'målinger' has no column for indicator, period, value; it needs element, "
        "indicator, period, value (Danish headers work too: mål, indikator, periode, værdi); "
        "columns found: Mål, Navn, Enhed, Udgangspunkt, Målværdi; it looks like a table of "
        "indicators (its columns 'Enhed', 'Udgangspunkt', 'Målværdi' are an indicator's): a "
        "sheet 'målinger' is read as measurements, one value of an indicator in a period a "
        "row; name an indicators sheet 'indikatorer' (or 'indicators')"
    )


def test_measurements_with_a_column_per_year_are_told_one_row_per_period(tmp_path):
    path = _old_workbook(
        tmp_path / "bred.xlsx",
        ["Mål", "Indikator", 2012, 2013, 2014],
        ["G1", "Ledighed", 5.8, 5.6, 5.5],
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_excel(path)
    (problem,) = caught.value.problems
    assert problem.location == sg.Location("bred.xlsx", "målinger", 1)
    assert problem.message == (
        "the sheet 'målinger' has no column for period, value; it needs element, indicator, "
        "period, value (Danish headers work too: mål, indikator, periode, værdi); columns "
        "found: Mål, Indikator, 2012, 2013, 2014; its headers 2012, 2013, 2014 are periods, "
        "one column each: measurements are one row per period (element, indicator, period, "
        "value), so write each value on its own row, its period in a column 'periode' and the "
        "value in 'værdi'"
    )


def test_a_missing_value_column_still_names_the_header_that_resembles_it(tmp_path):
    path = _old_workbook(
        tmp_path / "t.xlsx", ["Mål", "Indikator", "Periode", "Værdien"], ["G1", "Ledighed", 2013, 5]
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_excel(path)
    (problem,) = caught.value.problems
    assert problem.message.startswith("the sheet 'målinger' has no column for value; ")
    assert problem.message.endswith(
        "columns found: Mål, Indikator, Periode, Værdien ('Værdien' resembles 'value')"
    )


def test_rows_kept_for_periods_not_measured_yet_are_left_out_with_a_warning(tmp_path):
    path = tmp_path / "plan.xlsx"
    _analyst_workbook(
        path,
        [
            ["G1", "Ledighed", 2013, "5,9", None, None],
            ["G1", "Ledighed", 2014, None, None, None],
            ["G1", "Ledighed", 2015, "-", None, None],
        ],
    )
    with pytest.warns(UserWarning, match="left out") as caught:
        m = sg.read_excel(path)
    assert [(str(x.period), x.value) for x in m.measurements] == [("2013", 5.9)]
    (left,) = [w for w in caught if "left out" in str(w.message)]
    assert "sheet 'Målinger', row 3" in str(left.message)
    assert "2 rows of the measurements table have no value in the column 'værdi' (rows 3, 4)" in (
        str(left.message)
    )
    assert "not measured yet" in str(left.message)


def test_a_percentage_written_as_text_is_told_how_to_write_it(tmp_path):
    path = tmp_path / "plan.xlsx"
    _analyst_workbook(path, [["G1", "Ledighed", 2013, "46 %", None, None]])
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_excel(path)
    (problem,) = caught.value.problems
    assert (problem.location.row, problem.location.column) == (2, "værdi")
    assert "'46 %' is not a number: write a percentage without its sign ('46')" in (problem.message)


def test_a_whole_percentage_is_shown_as_excel_shows_it(tmp_path):
    path = tmp_path / "t.xlsx"
    _percent_workbook(path, [(2013, 0.42)], fmt="0%")
    with pytest.warns(UserWarning, match="percentage"):
        m = sg.read_excel(path)
    (warning,) = m.warnings
    assert "holds 0.42 and shows 42 %) and is read as the per cent shown (42, not 0.42)" in (
        warning.message
    )
