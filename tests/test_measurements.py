"""Measurements in the model: periods as people write them, and every problem named at once."""

from __future__ import annotations

import datetime as dt

import pytest

import stratgraph as sg
from stratgraph._language import period_text


@pytest.mark.parametrize(
    ("written", "canonical", "kind"),
    [
        (2013, "2013", "year"),
        ("2013", "2013", "year"),
        (2014.0, "2014", "year"),
        ("2013Q2", "2013Q2", "quarter"),
        ("2013-Q2", "2013Q2", "quarter"),
        ("2013 q2", "2013Q2", "quarter"),
        ("Q2 2013", "2013Q2", "quarter"),
        ("2013K2", "2013Q2", "quarter"),
        ("K2 2013", "2013Q2", "quarter"),
        ("2. kvartal 2013", "2013Q2", "quarter"),
        ("2. kvt. 2015", "2015Q2", "quarter"),
        ("2. kvt 2015", "2015Q2", "quarter"),
        ("2.kvt. 2015", "2015Q2", "quarter"),
        ("2. KVT. 2015", "2015Q2", "quarter"),
        ("K2-2015", "2015Q2", "quarter"),
        ("Q2-2015", "2015Q2", "quarter"),
        ("2013-05", "2013-05", "month"),
        ("maj 2016", "2016-05", "month"),
        ("juni 2016", "2016-06", "month"),
        ("Jun 2016", "2016-06", "month"),
        ("jan. 2016", "2016-01", "month"),
        ("sept. 2016", "2016-09", "month"),
        ("Sep 2016", "2016-09", "month"),
        ("okt. 2016", "2016-10", "month"),
        ("Oct 2016", "2016-10", "month"),
        ("december 2016", "2016-12", "month"),
        ("DECEMBER 2016", "2016-12", "month"),
        ("May 2015", "2015-05", "month"),
        ("Marts 2015", "2015-03", "month"),
        ("maj-2016", "2016-05", "month"),
        ("2016 maj", "2016-05", "month"),
        ("2016 Sept.", "2016-09", "month"),
        ("17. maj 2015", "2015-05-17", "day"),
        ("17 May 2015", "2015-05-17", "day"),
        ("2013-5", "2013-05", "month"),
        ("2013-05-17", "2013-05-17", "day"),
        ("17-05-2013", "2013-05-17", "day"),
        ("17.05.2013", "2013-05-17", "day"),
        ("17/5/2013", "2013-05-17", "day"),
        ("2013-05-17 00:00:00", "2013-05-17", "day"),
        (dt.date(2013, 5, 17), "2013-05-17", "day"),
        (dt.datetime(2013, 5, 17), "2013-05-17", "day"),  # noqa: DTZ001 - as openpyxl gives it
    ],
)
def test_a_period_is_read_as_people_write_it(written, canonical, kind):
    period = sg.Period.parse(written)
    assert (str(period), period.kind) == (canonical, kind)
    assert sg.Period.parse(str(period)) == period


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2013Q5", "a quarter is Q1 to Q4"),
        ("5. kvt. 2015", "a quarter is Q1 to Q4"),
        ("13/2013", "is not a period"),
        ("2013-13", "a month is 01 to 12"),
        ("2016-13", "a month is 01 to 12"),
        ("1. halvår 2015", "is not a period;"),
        ("halvår 2015", "is not a period;"),
        ("2015/16", "is not a period;"),
        ("maj", "a month needs its year"),
        ("Sept.", "a month needs its year"),
        ("mej 2016", "is not a period;"),
        ("2016 foo", "is not a period;"),
        ("31. februar 2015", "day is out of range"),
        ("maj 0000", "no year 0"),
        ("31-02-2013", "day is out of range"),
        ("", "is not a period"),
        (True, "yes/no value"),
        (2013.5, "is not a period"),
        ("0000", "no year 0"),
        (dt.datetime(2013, 5, 17, 14, 30), "time of day"),  # noqa: DTZ001
    ],
)
def test_a_period_that_cannot_be_read_says_what_is_valid(written, reason):
    with pytest.raises(ValueError, match=reason) as caught:
        sg.Period.parse(written)
    assert "write a year (2013), a quarter (2013Q2" in str(caught.value)
    assert "a month (2013-05, 'maj 2013', 'May 2013')" in str(caught.value)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("kind", ["month", "day", "quarter", "year"])
def test_a_period_as_the_reports_write_it_reads_back_as_the_same_period(lang, kind):
    written = {
        "month": [f"2015-{month:02d}" for month in range(1, 13)],
        "day": [f"2015-{month:02d}-{month + 16}" for month in range(1, 13)],
        "quarter": [f"2015Q{quarter}" for quarter in range(1, 5)],
        "year": ["2015"],
    }[kind]
    for canonical in written:
        period = sg.Period.parse(canonical)
        assert sg.Period.parse(period_text(period, lang)) == period, period_text(period, lang)


def test_periods_are_placed_in_time_at_their_end():
    year, q4, december, last_day = (
        sg.Period.parse(p) for p in ("2013", "2013Q4", "2013-12", "2013-12-31")
    )
    assert year.end == q4.end == december.end == last_day.end == dt.date(2013, 12, 31)
    # of periods ending together, the shorter is the later
    assert sorted([last_day, year, december, q4]) == [year, q4, december, last_day]
    assert sg.Period.parse("2013Q3") < year < sg.Period.parse("2014-01")
    assert sg.Period.parse("2. kvartal 2016").start == dt.date(2016, 4, 1)
    assert sg.Period.parse("2016Q1").end == dt.date(2016, 3, 31)
    assert sg.Period.parse("2016-02").end == dt.date(2016, 2, 29)


def _goal(**indicator):
    return {
        "id": "G1",
        "type": "effektmål",
        "title": "Flere i job",
        "indicators": [
            {"name": "Ledighed", "unit": "%", "baseline": 5.1, "target": 4.0, **indicator}
        ],
    }


def test_a_map_keeps_its_measurements_with_the_indicators_own_name():
    m = sg.StrategyMap(
        [_goal(baseline_period="2012", target_period="2016K4", weight=2)],
        measurements=[
            {"element": "G1", "indicator": " LEDIGHED ", "period": "2013", "value": "5.0"},
            {"element": "G1", "indicator": "ledighed", "period": "2013", "value": 5.0},  # same
        ],
    )
    indicator = m["G1"].indicators[0]
    assert (str(indicator.baseline_period), str(indicator.target_period)) == ("2012", "2016Q4")
    assert indicator.weight == 2.0
    assert m.measurements == (
        sg.Measurement(element="G1", indicator="Ledighed", period=2013, value=5),
    )
    m.add_measurement(element="G1", indicator="Ledighed", period="2014K1", value=4.8, source="DST")
    frame = m.measurements_frame()
    assert frame.to_dict("records")[1] == {
        "element": "G1",
        "indicator": "Ledighed",
        "period": "2014Q1",
        "value": 4.8,
        "note": None,
        "source": "DST",
    }
    assert m.subset(levels="effektmål").measurements == m.measurements


def test_every_bad_measurement_is_named_together():
    with pytest.raises(sg.ValidationError) as caught:
        sg.StrategyMap(
            [_goal()],
            measurements=[
                {"element": "G2", "indicator": "Ledighed", "period": "2013", "value": 1},
                {"element": "G1", "indicator": "Arbejdsløshed", "period": "2013", "value": 1},
                {"element": "G1", "indicator": "Ledighed", "period": "2013Q5", "value": 1},
                {"element": "G1", "indicator": "Ledighed", "period": "2013", "value": "mange"},
                {"element": "G1", "indicator": "Ledighed", "period": "2014", "value": 4.9},
                {"element": "G1", "indicator": "Ledighed", "period": "2014", "value": 4.7},
            ],
        )
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 5
    assert messages[0].startswith("no element has the id 'G2' (did you mean 'G1'?)")
    assert messages[1].startswith(
        "G1 has no indicator named 'Arbejdsløshed'; its indicators are 'Ledighed'"
    )
    assert "a quarter is Q1 to Q4" in messages[2]
    assert messages[3].startswith("'mange' is not valid here")
    assert messages[4].startswith("G1 'Ledighed' is measured twice in 2014: 4.9 and 4.7")
    assert [p.location.column for p in caught.value.problems] == [
        "element",
        "indicator",
        "period",
        "value",
        "value",
    ]


def test_a_refused_measurement_leaves_the_map_as_it_was():
    m = sg.StrategyMap(
        [_goal()],
        measurements=[{"element": "G1", "indicator": "Ledighed", "period": 2013, "value": 5}],
    )
    with pytest.raises(sg.ValidationError, match="measured twice in 2013: 5 and 6"):
        m.add_measurement(element="G1", indicator="Ledighed", period="2013", value=6)
    assert len(m.measurements) == 1


@pytest.mark.parametrize(
    ("indicator", "message"),
    [
        (
            {"baseline_period": 2016, "target_period": 2012},
            "baseline period 2016 is after the target period 2012",
        ),
        ({"weight": -1}, "the weight -1 is negative"),
        ({"target_period": "2016Q7"}, "a quarter is Q1 to Q4"),
    ],
)
def test_an_indicator_keeps_its_own_rules(indicator, message):
    with pytest.raises(sg.ValidationError, match=message):
        sg.StrategyMap([_goal(**indicator)])


def test_two_indicators_of_one_name_are_refused_because_measurements_name_them():
    goal = _goal()
    goal["indicators"].append({"name": "ledighed "})
    with pytest.raises(
        sg.ValidationError, match="two indicators are named 'Ledighed' and 'ledighed '"
    ):
        sg.StrategyMap([goal])


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("dialog", "dialogue"),
        ("Tillidslogik", "dialogue"),
        ("i dialog", "dialogue"),
        ("I dialogen", "dialogue"),
        ("dialogbaseret", "dialogue"),
        ("Dialogbaseret opfølgning", "dialogue"),
        ("tællelogik", "measured"),
        ("måling", "measured"),
        ("målinger", "measured"),
        ("Målt", "measured"),
        ("", None),
    ],
)
def test_followup_is_read_in_english_and_danish(written, read):
    assert sg.Element(id="G1", type="effect_goal", title="t", followup=written).followup == read


@pytest.mark.parametrize("written", ["kontrol", "dialogisk", "i måling", "målsat"])
def test_an_unknown_followup_says_which_words_are_valid(written):
    known = f"followup '{written}' is not known; write 'measured'"
    with pytest.raises(ValueError, match=known) as caught:
        sg.Element(id="G1", type="effect_goal", title="t", followup=written)
    assert "'målinger', 'målt', 'tællelogik') or 'dialogue'" in str(caught.value)
    assert "'dialog', 'i dialogen', 'dialogbaseret', 'tillid', 'tillidslogik')" in str(caught.value)


def test_an_indicator_weight_beyond_a_million_is_refused_before_any_mean_overflows():
    with pytest.raises(sg.ValidationError, match=r"the weight 1e\+308 is more than 1,000,000"):
        sg.StrategyMap([_goal(weight=1e308)])
    assert sg.StrategyMap([_goal(weight=1_000_000)])["G1"].indicators[0].weight == 1e6


def test_add_measurement_returns_the_stored_measurement_when_it_repeats_one():
    m = sg.StrategyMap(
        [
            _goal(),
            {"id": "G2", "type": "effektmål", "title": "t", "indicators": [{"name": "Trivsel"}]},
        ],
        measurements=[
            {"element": "G1", "indicator": "Ledighed", "period": 2013, "value": 9},
            {"element": "G2", "indicator": "Trivsel", "period": 2014, "value": 60},
        ],
    )
    stored = m.add_measurement(element="G1", indicator="ledighed", period=2013, value=9)
    assert stored == sg.Measurement(element="G1", indicator="Ledighed", period=2013, value=9)
    assert len(m.measurements) == 2


def test_adding_measurements_one_by_one_finds_a_repeat_without_a_scan_of_the_map():
    m = sg.StrategyMap([_goal()])
    first = dt.date(2000, 1, 1)
    for k in range(399):
        day = first + dt.timedelta(days=k)
        m.add_measurement(element="G1", indicator="Ledighed", period=day, value=k)
    # the map's index of (element, indicator, period) is kept, not made again for each addition
    assert len(m._state.measured) == len(m.measurements) == 399
    with pytest.raises(sg.ValidationError, match="measured twice in 2000-01-02: 1 and 2"):
        m.add_measurement(element="G1", indicator="Ledighed", period="2000-01-02", value=2)
    assert len(m._state.measured) == len(m.measurements) == 399


def test_a_numpy_yes_no_is_not_a_measured_value():
    np = pytest.importorskip("numpy")
    with pytest.raises(sg.ValidationError, match="is a yes/no value, not a number"):
        sg.StrategyMap(
            [_goal()],
            measurements=[
                {"element": "G1", "indicator": "Ledighed", "period": 2013, "value": np.bool_(1)}
            ],
        )


def test_an_unknown_field_of_a_measurement_says_which_fields_there_are():
    with pytest.raises(
        sg.ValidationError,
        match="'unit' is not a field of a measurement; a measurement has element",
    ):
        sg.StrategyMap(
            [_goal()],
            measurements=[
                {"element": "G1", "indicator": "Ledighed", "period": 2013, "value": 1, "unit": "%"}
            ],
        )
