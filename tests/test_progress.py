"""Progress, its roll-up and the tensions between rising and falling sides.

The reference below is written from the definitions alone, in plain Python over the map's own
measurements: dictionaries, recursion, and exact fractions for the trend.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import examples
from strategies.progress import PERIODS, progress_maps
from stratgraph._pandas import PANDAS_3

AT_RISK, OFF_TRACK = 0.10, 0.25
TOL = 1e-9


# ---------------------------------------------------------------------------------------------
# The reference


def _fold(name):
    return " ".join(name.casefold().split())


def _status(p, e, at_risk, off_track):
    if p is None or e is None:
        return "no_data"
    gap = e - p
    if gap <= at_risk:
        return "on_track"
    return "at_risk" if gap <= off_track else "off_track"


def reference_progress(m, at=None, at_risk=AT_RISK, off_track=OFF_TRACK):
    """One dict per indicator row, from the definitions."""
    if at is None and m.measurements:
        at = max(x.period for x in m.measurements)
    elif at is not None:
        at = sg.Period.parse(at)
    rows = []
    for e in m:
        if e.followup == "dialogue":
            continue
        for ind in e.indicators:
            points = {}
            for x in m.measurements:
                if x.element == e.id and _fold(x.indicator) == _fold(ind.name) and x.period <= at:
                    points[str(x.period)] = (x.period, x.value)
            b, t = ind.baseline, ind.target
            value = period = None
            if points:
                period, value = max(points.values(), key=lambda pv: pv[0])
            progress = None
            if value is not None and b is not None and t is not None:
                if t == b:
                    good = value >= t if ind.higher_is_better else value <= t
                    progress = 1.0 if good else 0.0
                else:
                    progress = (value - b) / (t - b)
            expected = None
            if period is not None and ind.baseline_period and ind.target_period:
                b_end = ind.baseline_period.end.toordinal()
                t_end = ind.target_period.end.toordinal()
                if t_end == b_end:
                    expected = 1.0
                else:
                    expected = min(
                        1.0, max(0.0, (period.end.toordinal() - b_end) / (t_end - b_end))
                    )
            trend = projected = None
            times = {p.end.toordinal() for p, _ in points.values()}
            if len(times) >= 2:
                pts = [(Fraction(p.end.toordinal()), Fraction(v)) for p, v in points.values()]
                mt = sum(x for x, _ in pts) / len(pts)
                mv = sum(y for _, y in pts) / len(pts)
                slope = sum((x - mt) * (y - mv) for x, y in pts) / sum(
                    (x - mt) ** 2 for x, _ in pts
                )
                trend = slope * Fraction(36525, 100)
                if ind.target_period is not None:
                    projected = mv + slope * (ind.target_period.end.toordinal() - mt)
            reaches = None
            if trend is not None and t is not None and ind.target_period is not None:
                up = t > b if b is not None and t != b else ind.higher_is_better
                reaches = projected >= Fraction(t) if up else projected <= Fraction(t)
            against = b is not None and t is not None and t != b and (t > b) != ind.higher_is_better
            rows.append(
                {
                    "element": e.id,
                    "indicator": ind.name,
                    "unit": ind.unit,
                    "weight": 1.0 if ind.weight is None else ind.weight,
                    "baseline": b,
                    "baseline_period": ind.baseline_period and str(ind.baseline_period),
                    "target": t,
                    "target_period": ind.target_period and str(ind.target_period),
                    "period": period and str(period),
                    "value": value,
                    "measurements": len(points),
                    "progress": progress,
                    "expected": expected,
                    "status": _status(progress, expected, at_risk, off_track),
                    "trend": None if trend is None else float(trend),
                    "projected": None if projected is None else float(projected),
                    "reaches_target": reaches,
                    "note": "target_against_direction" if against else None,
                    # for the roll-up: the trend in progress units
                    "pace": (
                        float(trend / (Fraction(t) - Fraction(b)))
                        if trend is not None and b is not None and t is not None and t != b
                        else None
                    ),
                }
            )
    return rows


def _mean(items):
    """Weighted mean of (p, e, t) triples with weights; t may be None. None if weights add to 0."""
    w = sum(weight for _, weight in items)
    if not items or w == 0:
        return None
    p = sum(weight * v[0] for v, weight in items) / w
    e = sum(weight * v[1] for v, weight in items) / w
    timed = [(v[2], weight) for v, weight in items if v[2] is not None]
    wt = sum(weight for _, weight in timed)
    t = sum(weight * x for x, weight in timed) / wt if timed and wt != 0 else None
    return (p, e, t)


def reference_rollup(m, at=None, at_risk=AT_RISK, off_track=OFF_TRACK):
    """One dict per element, by recursion from the definitions."""
    rows = reference_progress(m, at, at_risk, off_track)
    goal = m.schema.goal_rank
    rank = {e.id: m.schema.rank(e.type) for e in m}
    dialogue = {e.id for e in m if e.followup == "dialogue"}
    weight = {}
    children, supporters = {e.id: [] for e in m}, {e.id: [] for e in m}
    for link in m.links:
        w = 1.0 if link.weight is None else link.weight
        if link.kind == "hierarchy":
            children[link.source].append((link.target, w))
        elif link.kind == "supports":
            supporters[link.target].append((link.source, w))
        weight[link.source, link.target] = w
    scored_rows = {
        e.id: [r for r in rows if r["element"] == e.id and r["status"] != "no_data"] for e in m
    }
    own = {
        eid: _mean([((r["progress"], r["expected"], r["pace"]), r["weight"]) for r in rs])
        for eid, rs in scored_rows.items()
    }
    collects = {
        e.id: not scored_rows[e.id] and rank[e.id] < goal and e.id not in dialogue for e in m
    }

    chains = {}

    def chain(eid):
        if eid not in chains:
            if eid in dialogue:
                chains[eid] = None
            elif scored_rows[eid]:
                chains[eid] = own[eid]
            elif rank[eid] >= goal:
                chains[eid] = None
            else:
                chains[eid] = _mean(
                    [(chain(c), w) for c, w in children[eid] if chain(c) is not None]
                )
        return chains[eid]

    rolled, base_of = {}, {}

    def rollup(eid):
        if eid not in rolled:
            if eid in dialogue:
                rolled[eid] = base_of[eid] = None
                return None
            if scored_rows[eid]:
                base = own[eid]
            elif collects[eid]:
                base = _mean([(rollup(c), w) for c, w in children[eid] if rollup(c) is not None])
            else:
                base = None
            base_of[eid] = base
            items = [(base, 1.0)] if base is not None else []
            items += [
                (chain(s), w)
                for s, w in supporters[eid]
                if s not in dialogue and chain(s) is not None
            ]
            rolled[eid] = _mean(items)
        return rolled[eid]

    out = []
    for e in m:
        r = rollup(e.id)
        scored = excluded = 0
        sup_w = 0.0
        if e.id not in dialogue:
            if collects[e.id]:
                for c, _ in children[e.id]:
                    if c in dialogue:
                        continue
                    if rollup(c) is not None:
                        scored += 1
                    else:
                        excluded += 1
            for s, w in supporters[e.id]:
                if s in dialogue:
                    continue
                if chain(s) is not None:
                    scored += 1
                    sup_w += w
                else:
                    excluded += 1
        share = None
        if r is not None:
            share = sup_w / ((base_of[e.id] is not None) + sup_w)
        out.append(
            {
                "element": e.id,
                "type": e.type,
                "title": e.title,
                "followup": "dialogue" if e.id in dialogue else "measured",
                "progress": None if r is None else r[0],
                "expected": None if r is None else r[1],
                "status": "dialogue"
                if e.id in dialogue
                else _status(*(r or (None, None))[:2], at_risk, off_track),
                "trend": None if r is None else r[2],
                "indicators": len(scored_rows[e.id]),
                "scored": scored,
                "excluded": excluded,
                "supports": share,
            }
        )
    return out


# ---------------------------------------------------------------------------------------------
# Comparing


def _missing(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def _same(got, want):
    if _missing(want):
        return _missing(got)
    if isinstance(want, float) and not isinstance(want, bool):
        return not _missing(got) and math.isclose(got, want, rel_tol=TOL, abs_tol=TOL)
    return got == want


def _near_threshold(row, at_risk, off_track):
    if row["progress"] is None or row["expected"] is None:
        return False
    gap = row["expected"] - row["progress"]
    return min(abs(gap - at_risk), abs(gap - off_track)) < 1e-6


PROGRESS_DTYPES = {
    "element": "str",
    "indicator": "str",
    "unit": "str",
    "weight": "float64",
    "baseline": "float64",
    "baseline_period": "str",
    "target": "float64",
    "target_period": "str",
    "period": "str",
    "value": "float64",
    "measurements": "int64",
    "progress": "float64",
    "expected": "float64",
    "status": "str",
    "trend": "float64",
    "projected": "float64",
    "reaches_target": "object",
    "note": "str",
}
ROLLUP_DTYPES = {
    "element": "str",
    "type": "str",
    "title": "str",
    "followup": "str",
    "progress": "float64",
    "expected": "float64",
    "status": "str",
    "trend": "float64",
    "indicators": "int64",
    "scored": "int64",
    "excluded": "int64",
    "supports": "float64",
}


def _check_columns(frame, dtypes):
    assert type(frame) is pd.DataFrame
    assert list(frame.columns) == list(dtypes)
    assert isinstance(frame.index, pd.RangeIndex)
    for column, dtype in dtypes.items():
        # text is pandas 3's "str", pandas 2's object (stratgraph._pandas.text_array)
        want = ("str" if PANDAS_3 else "object") if dtype == "str" else dtype
        assert str(frame[column].dtype) == want, column


ATS = st.one_of(st.none(), st.sampled_from(PERIODS))


@examples(5)
@given(progress_maps(), ATS)
def test_progress_agrees_with_the_reference(m, at):
    got = sg.progress(m, at=at)
    _check_columns(got, PROGRESS_DTYPES)
    want = reference_progress(m, at)
    assert len(got) == len(want)
    for row, ref in zip(got.to_dict("records"), want, strict=True):
        for column in PROGRESS_DTYPES:
            if column == "reaches_target" and None not in (ref["projected"], ref["target"]):
                gap = abs(ref["projected"] - ref["target"])
                if gap < 1e-9 * max(1.0, abs(ref["target"])):
                    continue  # on the target: rounding may put the line on either side
            assert _same(row[column], ref[column]), (column, row, ref)


@examples(5)
@given(progress_maps(), ATS, st.sampled_from(((0.10, 0.25), (0.0, 0.0), (0.05, 0.5))))
def test_progress_rollup_agrees_with_the_reference(m, at, thresholds):
    at_risk, off_track = thresholds
    got = sg.progress_rollup(m, at=at, at_risk=at_risk, off_track=off_track)
    _check_columns(got, ROLLUP_DTYPES)
    want = reference_rollup(m, at, at_risk, off_track)
    assert len(got) == len(want)
    for row, ref in zip(got.to_dict("records"), want, strict=True):
        for column in ROLLUP_DTYPES:
            if column == "status" and _near_threshold(ref, at_risk, off_track):
                continue  # summed in another order, a gap on a threshold may fall either way
            assert _same(row[column], ref[column]), (column, row, ref)
    trend = {r["element"]: r["trend"] for r in want}
    tensions = sg.progress_tensions(m, at=at)
    listed = {(s, t): (a, b) for s, t, a, b in tensions.iloc[:, :4].itertuples(index=False)}
    links = [(lk.source, lk.target) for lk in m.links if lk.kind == "tension"]
    assert list(listed) == [pair for pair in links if pair in listed]  # in link order
    for s, t in links:
        a, b = trend[s], trend[t]
        if a is None or b is None:
            assert (s, t) not in listed
        elif min(abs(a), abs(b)) > TOL:  # a trend of 0 may come out as rounding of either sign
            assert ((s, t) in listed) == (a * b < 0)
            if (s, t) in listed:
                assert listed[s, t] == pytest.approx((a, b), rel=TOL, abs=TOL)


# ---------------------------------------------------------------------------------------------
# Every decided case, exactly


def _measured(rows):
    return [{"element": e, "indicator": i, "period": p, "value": v} for e, i, p, v in rows]


def _map(indicators, measurements, *, elements=(), links=()):
    goal = sg.Element(id="G1", type="effect_goal", title="Mål", indicators=indicators)
    return sg.StrategyMap([goal, *elements], list(links), _measured(measurements))


def _ind(name="I", **fields):
    given = {"baseline": 10, "target": 20, "baseline_period": 2012, "target_period": 2016}
    return sg.Indicator(name=name, **{**given, **fields})


def _row(m, **options):
    return sg.progress(m, **options).iloc[0].to_dict()


@pytest.mark.parametrize(
    ("better", "value", "progress"),
    [
        (True, 10, 1.0),
        (True, 12, 1.0),
        (True, 9.5, 0.0),
        (False, 10, 1.0),
        (False, 8, 1.0),
        (False, 11, 0.0),
    ],
)
def test_a_target_equal_to_the_baseline_holds_the_level(better, value, progress):
    m = _map([_ind(target=10, higher_is_better=better)], [("G1", "I", 2014, value)])
    row = _row(m)
    assert row["progress"] == progress
    assert row["note"] is None or math.isnan(row["note"])


def test_a_falling_target_with_lower_better_counts_the_fall_as_progress():
    m = _map([_ind(baseline=10, target=5, higher_is_better=False)], [("G1", "I", 2014, 7)])
    row = _row(m)
    assert row["progress"] == pytest.approx(0.6)
    assert pd.isna(row["note"])
    assert row["value"] == 7
    assert row["period"] == "2014"


def test_a_target_against_higher_is_better_follows_the_target_and_says_so():
    m = _map([_ind(baseline=10, target=5, higher_is_better=True)], [("G1", "I", 2014, 7)])
    row = _row(m)
    assert row["progress"] == pytest.approx(0.6)  # the target decides the direction
    assert row["note"] == "target_against_direction"


def test_progress_is_not_clipped():
    m = _map([_ind()], [("G1", "I", 2013, 5), ("G1", "I", 2014, 25)])
    assert _row(m, at=2013)["progress"] == -0.5
    assert _row(m)["progress"] == 1.5


def test_at_before_every_measurement_leaves_no_data():
    m = _map([_ind()], [("G1", "I", 2014, 12), ("G1", "I", 2015, 14)])
    row = _row(m, at=2013)
    assert row["measurements"] == 0
    assert pd.isna(row["value"])
    assert pd.isna(row["period"])
    assert pd.isna(row["progress"])
    assert pd.isna(row["expected"])
    assert pd.isna(row["trend"])
    assert pd.isna(row["projected"])
    assert row["status"] == "no_data"
    assert row["reaches_target"] is None


def test_at_given_as_a_quarter_counts_what_ends_by_then():
    # 2015-06-30 ends with 2015Q2 but starts later, so it comes after it; 2015 ends later.
    m = _map(
        [_ind()],
        [
            ("G1", "I", "2015-03", 12),
            ("G1", "I", "2015Q2", 13),
            ("G1", "I", "2015-06-30", 99),
            ("G1", "I", 2015, 98),
            ("G1", "I", "2014Q2", 11),
        ],
    )
    row = _row(m, at="2015Q2")
    assert (row["period"], row["value"], row["measurements"]) == ("2015Q2", 13, 3)
    assert _row(m, at=sg.Period.parse("2015-06-30"))["value"] == 99
    latest = _row(m)  # the latest period measured: 2015
    assert (latest["period"], latest["measurements"]) == ("2015", 5)


def test_expected_is_the_share_of_time_passed_and_is_clipped():
    m = _map(
        [_ind(baseline_period=2012, target_period=2014)],
        [
            ("G1", "I", 2011, 10),
            ("G1", "I", 2013, 15),
            ("G1", "I", 2014, 18),
            ("G1", "I", 2016, 19),
        ],
    )
    assert _row(m, at=2011)["expected"] == 0.0
    assert _row(m, at=2013)["expected"] == 0.5
    after = _row(m)  # after the target period
    assert after["expected"] == 1.0
    assert after["progress"] == pytest.approx(0.9)
    assert after["status"] == "on_track"
    assert _row(m, at=2014)["status"] == "at_risk"  # gap 0.2


def test_baseline_and_target_periods_ending_together_expect_everything():
    m = _map([_ind(baseline_period=2014, target_period="2014Q4")], [("G1", "I", 2013, 15)])
    assert _row(m)["expected"] == 1.0


@pytest.mark.parametrize(
    ("gap_value", "status"), [(14.0, "on_track"), (13.5, "at_risk"), (12.0, "off_track")]
)
def test_status_from_the_gap(gap_value, status):
    # expected 0.5 at the end of 2014 (2012 → 2016 has 1461 days, 730 of them passed)
    m = _map([_ind(target_period="2016-12-30")], [("G1", "I", 2014, gap_value)])
    row = _row(m)
    assert row["expected"] == 730 / 1460
    assert row["status"] == status


def test_the_trend_is_a_least_squares_line_per_year():
    m = _map(
        [_ind(baseline=0, target=10, target_period=2018)],
        [
            ("G1", "I", 2013, 1),
            ("G1", "I", 2014, 3),
            ("G1", "I", 2015, 5),
            ("G1", "I", "2015Q4", 5),
        ],
    )
    row = _row(m)
    # 2015 and 2015Q4 are one measurement time: three times, two years apart at 2 a year
    assert row["measurements"] == 4
    days = [sg.Period.parse(p).end.toordinal() for p in ("2013", "2014", "2015", "2015Q4")]
    mt = sum(days) / 4
    slope = sum((d - mt) * (v - 3.5) for d, v in zip(days, [1, 3, 5, 5], strict=True)) / sum(
        (d - mt) ** 2 for d in days
    )
    assert row["trend"] == pytest.approx(slope * 365.25)
    assert row["projected"] == pytest.approx(
        3.5 + slope * (sg.Period.parse(2018).end.toordinal() - mt)
    )
    assert row["reaches_target"] is True
    one = _map([_ind()], [("G1", "I", 2013, 1), ("G1", "I", "2013Q4", 1)])
    assert pd.isna(_row(one)["trend"])
    assert _row(one)["reaches_target"] is None


def test_reaches_target_follows_the_direction():
    falling = _map(
        [_ind(baseline=10, target=5, higher_is_better=False, target_period=2016)],
        [("G1", "I", 2013, 9), ("G1", "I", 2014, 8)],
    )
    assert _row(falling)["reaches_target"] is False  # 2 years more at -1 a year: about 6
    hold = _map(
        [_ind(baseline=10, target=10, higher_is_better=False, target_period=2016)],
        [("G1", "I", 2013, 11), ("G1", "I", 2014, 10.5)],
    )
    assert _row(hold)["reaches_target"] is True  # falling, as lower is better
    no_target_period = _map(
        [_ind(target_period=None)], [("G1", "I", 2013, 11), ("G1", "I", 2014, 12)]
    )
    row = _row(no_target_period)
    assert row["trend"] == pytest.approx(365.25 / 365)
    assert pd.isna(row["projected"])
    assert row["reaches_target"] is None


def test_dialogue_elements_are_left_out_and_weights_default_to_one():
    talk = sg.Element(
        id="G2", type="effect_goal", title="Trivsel", followup="dialogue", indicators=[_ind()]
    )
    m = _map([_ind("A", weight=2), _ind("B")], [], elements=[talk])
    got = sg.progress(m)
    assert got[["element", "indicator", "weight"]].to_numpy().tolist() == [
        ["G1", "A", 2.0],
        ["G1", "B", 1.0],
    ]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"at": "2013Q5"}, "at="),
        ({"at": 2013.5}, "at="),
        ({"at": True}, "at="),
        ({"at_risk": -0.1}, "at_risk="),
        ({"at_risk": math.nan}, "at_risk="),
        ({"off_track": math.inf}, "off_track="),
        ({"at_risk": 0.3, "off_track": 0.2}, "off_track="),
        ({"at_risk": "0.1"}, "at_risk="),
    ],
)
def test_bad_options_are_refused_by_name(options, named):
    m = _map([_ind()], [])
    for analysis in (sg.progress, sg.progress_rollup):
        with pytest.raises(sg.OptionError, match=named):
            analysis(m, **options)
    if set(options) == {"at"}:
        with pytest.raises(sg.OptionError, match=named):
            sg.progress_tensions(m, **options)


def test_a_map_without_measurements_keeps_the_columns():
    m = _map([_ind()], [])
    assert sg.progress(m)["status"].tolist() == ["no_data"]
    empty = sg.StrategyMap([], [])
    _check_columns(sg.progress(empty), PROGRESS_DTYPES)
    _check_columns(sg.progress_rollup(empty), ROLLUP_DTYPES)
    assert sg.progress_tensions(empty).columns.tolist() == [
        "source",
        "target",
        "source_trend",
        "target_trend",
        "source_title",
        "target_title",
    ]


# ---------------------------------------------------------------------------------------------
# The roll-up, exactly


def _goal(eid, *, weight=None, followup=None):
    """A goal whose one indicator, measured at the end of 2014 as v, has progress v / 10."""
    ind = sg.Indicator(
        name="I", baseline=0, target=10, baseline_period=2014, target_period=2014, weight=weight
    )
    return sg.Element(id=eid, type="effect_goal", title=eid, indicators=[ind], followup=followup)


def _strategy(eid, **fields):
    return sg.Element(id=eid, type="strategy", title=eid, **fields)


def _rolled(elements, links, values):
    m = sg.StrategyMap(elements, links, _measured((eid, "I", 2014, v) for eid, v in values.items()))
    return sg.progress_rollup(m).set_index("element")


def test_a_child_with_two_parents_counts_fully_for_each():
    r = _rolled(
        [_strategy("S1"), _strategy("S2"), _goal("G1"), _goal("G2")],
        [
            sg.Link(source="S1", target="G1"),
            sg.Link(source="S2", target="G1"),
            sg.Link(source="S2", target="G2", weight=3),
        ],
        {"G1": 4, "G2": 8},
    )
    assert r.loc["S1", "progress"] == pytest.approx(0.4)
    assert r.loc["S2", "progress"] == pytest.approx((0.4 + 3 * 0.8) / 4)
    assert r.loc["S2", ["scored", "excluded", "indicators"]].tolist() == [2, 0, 0]
    assert r.loc["G1", ["indicators", "scored"]].tolist() == [1, 0]


def test_elements_without_data_are_excluded_and_counted_never_zero():
    r = _rolled(
        [_strategy("S1"), _goal("G1"), _goal("G2")],
        [sg.Link(source="S1", target="G1"), sg.Link(source="S1", target="G2")],
        {"G1": 6},
    )
    assert r.loc["S1", ["progress", "scored", "excluded"]].tolist() == [0.6, 1, 1]
    assert r.loc["G2", "status"] == "no_data"


def test_supports_links_add_their_source_chain_with_the_link_weight():
    r = _rolled(
        [_strategy("S1"), _goal("G1"), _goal("G2"), _goal("G3")],
        [
            sg.Link(source="S1", target="G1"),
            sg.Link(source="G2", target="G1", kind="supports", weight=3),
            sg.Link(source="G3", target="G2", kind="supports"),
        ],
        {"G1": 2, "G2": 8, "G3": 5},
    )
    # G1: own 0.2 (weight 1) and G2's chain, its own 0.8 without G3's support (weight 3)
    assert r.loc["G1", "progress"] == pytest.approx((0.2 + 3 * 0.8) / 4)
    assert r.loc["G1", "supports"] == pytest.approx(0.75)
    assert r.loc["G1", "scored"] == 1
    assert r.loc["G2", "progress"] == pytest.approx((0.8 + 0.5) / 2)
    # S1 takes G1's rolled value, supports and all
    assert r.loc["S1", "progress"] == pytest.approx(r.loc["G1", "progress"])
    assert r.loc["S1", "supports"] == 0.0


def test_dialogue_elements_have_no_numbers_and_stop_the_chain():
    r = _rolled(
        [
            _strategy("S1"),
            _strategy("S2", followup="dialogue"),
            _goal("G1"),
            _goal("G2", followup="dialogue"),
            _goal("G3"),
        ],
        [
            sg.Link(source="S1", target="G1"),
            sg.Link(source="S1", target="G2"),
            sg.Link(source="S2", target="G3"),
            sg.Link(source="S2", target="G1", kind="supports"),
        ],
        {"G1": 3, "G3": 5},
    )
    assert r.loc["S1", ["progress", "scored", "excluded"]].tolist() == [0.3, 1, 0]
    assert r.loc["S2", "status"] == r.loc["G2", "status"] == "dialogue"
    assert r.loc["S2", "followup"] == "dialogue"
    assert r.loc["S1", "followup"] == "measured"
    assert r.loc["S2", ["progress", "expected", "trend", "supports"]].isna().all()
    assert r.loc["G1", ["progress", "scored"]].tolist() == [0.3, 0]  # nothing from S2


def test_weights_of_zero_count_as_present_but_add_nothing():
    r = _rolled(
        [_strategy("S1"), _strategy("S2"), _goal("G1", weight=0), _goal("G2")],
        [
            sg.Link(source="S1", target="G1"),
            sg.Link(source="S2", target="G2", weight=0),
        ],
        {"G1": 2, "G2": 6},
    )
    assert r.loc["G1", ["indicators", "status"]].tolist() == [1, "no_data"]
    assert r.loc["S1", ["status", "scored", "excluded"]].tolist() == ["no_data", 0, 1]
    assert r.loc["S2", ["status", "scored", "excluded"]].tolist() == ["no_data", 1, 0]


def test_tensions_where_one_side_rises_and_the_other_falls():
    def goal(eid):
        ind = sg.Indicator(
            name="I", baseline=0, target=10, baseline_period=2012, target_period=2016
        )
        return sg.Element(id=eid, type="effect_goal", title=f"Mål {eid}", indicators=[ind])

    values = {"G1": (1, 3), "G2": (5, 4), "G3": (2, 2), "G4": (6, 5)}
    m = sg.StrategyMap(
        [goal(eid) for eid in values],
        [
            sg.Link(source="G1", target="G2", kind="tension"),
            sg.Link(source="G1", target="G3", kind="tension"),
            sg.Link(source="G2", target="G4", kind="tension"),
        ],
        _measured(
            (eid, "I", year, v)
            for eid, vs in values.items()
            for year, v in zip((2013, 2014), vs, strict=True)
        ),
    )
    t = sg.progress_tensions(m)
    assert t[["source", "target", "source_title", "target_title"]].to_numpy().tolist() == [
        ["G1", "G2", "Mål G1", "Mål G2"]
    ]
    per_year = 365.25 / 365 / 10
    assert t.loc[0, "source_trend"] == pytest.approx(2 * per_year)
    assert t.loc[0, "target_trend"] == pytest.approx(-per_year)


def test_values_beyond_floats_range_give_no_trend_instead_of_an_overflow():
    m = sg.StrategyMap(
        [
            sg.Element(
                id="G1",
                type="effect_goal",
                title="x",
                indicators=[
                    sg.Indicator(
                        name="a", baseline=0, target=1, baseline_period=2012, target_period=2016
                    )
                ],
            )
        ]
    )
    m.add_measurement(element="G1", indicator="a", period=2013, value=1e308)
    m.add_measurement(element="G1", indicator="a", period=2014, value=-1e308)
    row = sg.progress(m).iloc[0]  # warnings are errors in the suite: an overflow would raise
    assert row["value"] == -1e308
    assert row["progress"] == -1e308
    assert pd.isna(row["trend"])
    assert pd.isna(row["projected"])
    assert sg.progress_rollup(m).loc[0, "progress"] == -1e308


def test_progress_between_values_whose_difference_overflows_is_still_worked_out():
    m = sg.StrategyMap(
        [
            sg.Element(
                id="G1",
                type="effect_goal",
                title="x",
                indicators=[
                    sg.Indicator(
                        name="a",
                        baseline=1e308,
                        target=-1e308,
                        baseline_period=2012,
                        target_period=2016,
                        higher_is_better=False,
                    ),
                    sg.Indicator(
                        name="b", baseline=0, target=1e308, baseline_period=2012, target_period=2016
                    ),
                ],
            )
        ]
    )
    m.add_measurement(element="G1", indicator="a", period=2014, value=0.0)
    m.add_measurement(element="G1", indicator="b", period=2014, value=2.5e307)
    rows = sg.progress(m)
    assert rows["progress"].tolist() == [0.5, 0.25]
