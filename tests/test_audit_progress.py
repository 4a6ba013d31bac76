"""The audit's rules of follow-up by measurement (SG303 to SG306) and the trust logic."""

import pytest

import stratgraph as sg


def indicator(name, **fields):
    return sg.Indicator(name=name, **fields)


def goal(eid, title, *indicators, **fields):
    return sg.Element(id=eid, type="effect_goal", title=title, indicators=indicators, **fields)


def measured_map(*, measurements=True):
    """Return a map with one goal for each case the rules decide (see the comments)."""
    elements = [
        sg.Element(id="S1", type="strategy", title="Vækst og velfærd"),
        # progress 0.15, expected 1.0 at 2016: off track; target period 2016 passed, not met
        goal(
            "G1",
            "Flere i job",
            indicator(
                "Ledighed",
                unit="%",
                baseline=8,
                target=4,
                higher_is_better=False,
                baseline_period=2012,
                target_period=2016,
            ),
        ),
        # progress 0.5, expected 0.5: on track; target period 2020 not passed
        goal(
            "G2",
            "Bedre skoler",
            indicator(
                "Karaktergennemsnit", baseline=6, target=7, baseline_period=2012, target_period=2020
            ),
        ),
        # followed up in dialogue: reported by no rule, whatever its indicator says
        goal(
            "G3",
            "Trivsel",
            indicator("Trivselsmåling", baseline=70, target=80),
            followup="dialogue",
        ),
        # last measured 2014Q2 (stale); no periods (without baseline); no data (not off track)
        goal(
            "G4",
            "Sundhed",
            indicator("Sygefravær", baseline=5, target=3, higher_is_better=False),
        ),
        goal("G5", "Uden indikator"),
        # never measured: stale, not missed
        goal(
            "G6",
            "Tryghed",
            indicator(
                "Anmeldelser",
                baseline=100,
                target=80,
                higher_is_better=False,
                baseline_period=2012,
                target_period=2015,
            ),
        ),
        # no baseline: without baseline; 900 against 1000 higher is better: missed
        goal("G7", "Flere besøgende", indicator("Besøg", target=1000, target_period=2016)),
        # hold the level: 12 complaints against at most 10: progress 0, off track and missed
        goal(
            "G8",
            "Stabil drift",
            indicator(
                "Klager",
                baseline=10,
                target=10,
                higher_is_better=False,
                baseline_period=2012,
                target_period=2016,
            ),
        ),
        # beyond the target in 2016: on track, not missed
        goal(
            "G9",
            "Renere luft",
            indicator(
                "CO2",
                unit="tons",
                baseline=100,
                target=80,
                higher_is_better=False,
                baseline_period=2012,
                target_period=2016,
            ),
        ),
        # no indicator, followed up in dialogue: not reported as without indicator
        goal("G10", "Samskabelse", followup="dialogue"),
        # not a goal: off track and missed, but SG303 is about goals
        sg.Element(
            id="P1",
            type="project",
            title="Jobcenter",
            indicators=[
                indicator(
                    "Samtaler", baseline=0, target=100, baseline_period=2012, target_period=2016
                )
            ],
        ),
    ]
    links = [sg.Link(source="S1", target=f"G{i}") for i in range(1, 11)]
    links.append(sg.Link(source="G1", target="P1"))
    rows = [
        ("G1", "Ledighed", 2013, 7.9),
        ("G1", "Ledighed", 2014, 7.8),
        ("G1", "Ledighed", 2015, 7.7),
        ("G1", "Ledighed", 2016, 7.4),
        ("G2", "Karaktergennemsnit", "2016Q4", 6.5),
        ("G3", "Trivselsmåling", 2013, 50),
        ("G4", "Sygefravær", "2014Q2", 4.5),
        ("G7", "Besøg", 2016, 900),
        ("G8", "Klager", 2016, 12),
        ("G9", "CO2", 2016, 78),
        ("P1", "Samtaler", 2016, 10),
    ]
    chosen = [{"element": e, "indicator": i, "period": p, "value": v} for e, i, p, v in rows]
    return sg.StrategyMap(elements, links, chosen if measurements else (), name="Måling")


@pytest.fixture(scope="module")
def smap():
    return measured_map()


def found(report, code=None):
    rows = report.findings
    if code is not None:
        rows = rows[rows["code"] == code]
    return rows["element"].tolist()


def message(report, code, element):
    rows = report.findings
    return rows.loc[(rows["code"] == code) & (rows["element"] == element), "message"].item()


# -- each rule fires where it should and nowhere else -------------------------------------------


def test_goals_off_track_are_the_goals_rolled_up_off_track(smap):
    report = sg.audit(smap, select=["SG303"])
    assert found(report) == ["G1", "G8"]
    rolled = sg.progress_rollup(smap).set_index("element")["status"]
    assert rolled["P1"] == "off_track"  # a project off track is not a goal off track
    assert rolled["G3"] == "dialogue"


def test_an_off_track_goal_in_english_and_danish(smap):
    assert message(sg.audit(smap, select=["SG303"]), "SG303", "G1") == (
        "Effect goal G1 “Flere i job” is off track: at its latest measurement (2016) it has come "
        "15% of the way from baseline to target, where a steady path would have come 100%. Take "
        "up in the dialogue what holds the goal back, and change the effort or, if it was set "
        "on a wrong footing, the target."
    )
    assert message(sg.audit(smap, select=["SG303"], lang="da"), "SG303", "G1") == (
        "Effektmål G1 “Flere i job” er bagud: ved seneste måling (2016) er målet nået 15 % af "
        "vejen fra udgangsværdi til målværdi, hvor en jævn udvikling ville have nået 100 %. Tag "
        "op i styringsdialogen, hvad der holder målet tilbage, og justér indsatsen eller, hvis "
        "den var sat på et forkert grundlag, målværdien."
    )


def test_the_thresholds_of_off_track_are_the_audit_s(smap, tmp_path):
    # G1's gap is 0.85, G8's 1.0
    assert found(sg.audit(smap, select=["SG303"], off_track=0.9)) == ["G8"]
    config = tmp_path / "audit.toml"
    config.write_text('select = ["goal-off-track"]\nat-risk = 0.5\noff-track = 0.9\n')
    report = sg.audit(smap, config)
    assert found(report) == ["G8"]
    assert (report.thresholds["at_risk"], report.thresholds["off_track"]) == (0.5, 0.9)
    assert found(sg.audit(smap, config, off_track=0.8)) == ["G1", "G8"]


def test_bad_thresholds_say_what_is_valid(smap):
    with pytest.raises(
        sg.ConfigError, match=r"^off_track=0\.05 is not valid; give a number of at_risk \(0\.1\) "
    ):
        sg.audit(smap, off_track=0.05)
    with pytest.raises(sg.ConfigError, match=r"^at_risk=-1 is not valid; give a number of 0 or "):
        sg.audit(smap, {"at_risk": -1})


def test_stale_indicators_are_those_not_measured_in_the_latest_period(smap):
    report = sg.audit(smap, select=["SG304"])
    # G1's, G7's and G8's figures for the year 2016 reach into 2016Q4: they are current.
    assert found(report) == ["G4", "G6"]
    assert message(report, "SG304", "G4") == (
        "Effect goal G4 “Sundhed”: the indicator “Sygefravær” has no measurement in the map's "
        "latest period (Q4 2016); its latest is from Q2 2014. Its progress is read from an old "
        "value: add the measurement, or note why the indicator is measured less often."
    )
    assert message(sg.audit(smap, select=["SG304"], lang="da"), "SG304", "G6") == (
        "Effektmål G6 “Tryghed”: indikatoren “Anmeldelser” er aldrig blevet målt, mens kortet har "
        "målinger til og med 4. kvartal 2016. Tilføj dens målinger, eller, hvis målet følges op "
        "i dialogen, skriv det med opfølgningsform: dialog."
    )


def test_a_yearly_figure_before_the_latest_quarter_s_year_is_stale():
    m = measured_map()
    m.add_measurement(element="G2", indicator="Karaktergennemsnit", period="2017Q1", value=6.6)
    assert found(sg.audit(m, select=["SG304"])) == ["G1", "G4", "G6", "G7", "G8", "G9", "P1"]


def test_indicators_without_baseline_or_target_name_what_is_missing(smap):
    report = sg.audit(smap, select=["SG305"])
    assert found(report) == ["G4", "G7"]
    assert message(report, "SG305", "G7") == (
        "Effect goal G7 “Flere besøgende”: the indicator “Besøg” has no baseline or baseline "
        "period, so whether it is on track cannot be worked out. Add what is missing to the "
        "indicator."
    )
    assert message(sg.audit(smap, select=["SG305"], lang="da"), "SG305", "G4") == (
        "Effektmål G4 “Sundhed”: indikatoren “Sygefravær” har ingen periode for udgangsværdien "
        "eller periode for målværdien, så det kan ikke opgøres, om den er på sporet. Tilføj det "
        "manglende på indikatoren."
    )


def test_targets_missed_are_judged_in_their_direction_once_their_period_is_over(smap):
    report = sg.audit(smap, select=["SG306"])
    # G6 was never measured (SG304 says so), G9 is beyond its target, G2's time is not up.
    assert found(report) == ["G1", "G7", "G8", "P1"]
    assert message(report, "SG306", "G1") == (
        "Effect goal G1 “Flere i job”: the target period of the indicator “Ledighed” (2016) has "
        "passed without the target met: the latest value is 7.4% (2016) against a target of 4%. "
        "Decide in the dialogue whether to extend the target period, change the target or close "
        "the goal."
    )
    assert message(sg.audit(smap, select=["SG306"], lang="da"), "SG306", "G8") == (
        "Effektmål G8 “Stabil drift”: målperioden for indikatoren “Klager” (2016) er gået, uden "
        "at målværdien er nået: den seneste værdi er 12 (2016) mod en målværdi på 10. Beslut i "
        "styringsdialogen, om målperioden skal forlænges, målværdien ændres, eller målet "
        "afsluttes."
    )


def test_a_target_met_late_is_not_missed_and_one_not_yet_due_is_not_judged():
    m = measured_map()
    m.add_measurement(element="G1", indicator="Ledighed", period="2017Q1", value=3.9)
    assert found(sg.audit(m, select=["SG306"])) == ["G7", "G8", "P1"]
    m = measured_map()
    m.add_measurement(element="G2", indicator="Karaktergennemsnit", period=2015, value=5)
    assert "G2" not in found(sg.audit(m, select=["SG306"]))


def test_a_value_on_the_wrong_side_of_a_rising_target_is_missed_with_its_unit():
    m = measured_map()
    m.add_measurement(element="G9", indicator="CO2", period="2016Q4", value=81.25)
    report = sg.audit(m, select=["SG306"], lang="da")
    assert found(report) == ["G1", "G7", "G8", "G9", "P1"]
    assert "den seneste værdi er 81,25 tons (4. kvartal 2016) mod en målværdi på 80 tons" in (
        message(report, "SG306", "G9")
    )


# -- the trust logic and the premises -----------------------------------------------------------


def test_an_element_followed_up_in_dialogue_is_reported_by_none_of_the_rules(smap):
    report = sg.audit(smap)
    for code in ("SG301", "SG303", "SG304", "SG305", "SG306"):
        assert {"G3", "G10"}.isdisjoint(found(report, code)), code
    assert found(report, "SG301") == ["G5"]


def test_the_advice_for_a_goal_without_indicator_is_to_say_it_is_followed_up_in_dialogue(smap):
    assert message(sg.audit(smap, select=["SG301"]), "SG301", "G5") == (
        "Effect goal G5 “Uden indikator” has no indicator. Add one (counting logic), or, if the "
        "goal is followed up in the dialogue (trust logic), say so on it with followup: dialogue."
    )
    assert message(sg.audit(smap, select=["SG301"], lang="da"), "SG301", "G5") == (
        "Effektmål G5 “Uden indikator” har ingen indikator. Tilføj en (tællelogik), eller, hvis "
        "målet følges op i dialogen (tillidslogik), skriv det på målet med opfølgningsform: dialog."
    )


def test_a_map_without_measurements_leaves_three_rules_out_and_says_why():
    report = sg.audit(measured_map(measurements=False), select=["SG3"])
    reason = (
        "the map has no measurements: there is no value to judge progress by (add a "
        "measurements sheet, see `sg.progress`)"
    )
    assert [(s.code, s.reason) for s in report.skipped] == [
        ("SG302", "no element in the map has a budget"),
        ("SG303", reason),
        ("SG304", reason),
        ("SG306", reason),
    ]
    assert found(report, "SG305") == ["G4", "G7"]  # indicators are checked before any value
    assert "- SG304 stale-indicator: the map has no measurements" in report.to_markdown()
    danish = sg.audit(measured_map(measurements=False), select=["SG303"], lang="da")
    assert danish.skipped[0].reason.startswith("kortet har ingen målinger: der er ingen værdi at ")


def test_a_map_without_indicators_leaves_the_baseline_rule_out():
    m = sg.StrategyMap([goal("G1", "Flere i job")], [])
    report = sg.audit(m, select=["SG305"])
    assert [(s.code, s.reason) for s in report.skipped] == [
        (
            "SG305",
            (
                "no element in the map has indicators of its own (with a baseline and a "
                "target): there is nothing to check"
            ),
        )
    ]


def test_audit_rules_lists_the_four_rules():
    rules = sg.audit_rules()
    assert rules.loc[
        ["SG303", "SG304", "SG305", "SG306"], ["name", "severity"]
    ].values.tolist() == [
        ["goal-off-track", "warning"],
        ["stale-indicator", "info"],
        ["indicator-without-baseline", "warning"],
        ["target-missed", "warning"],
    ]
    assert sg.audit_rules(lang="da").loc["SG303", "summary"] == (
        "effektmål, der er bagud i forhold til planen"
    )


def test_a_goal_off_track_through_what_supports_it_is_named_at_the_map_s_latest_period(smap):
    helped = goal("G11", "Flere i uddannelse")
    m = sg.StrategyMap(
        [*smap, helped],
        [
            *smap.links,
            sg.Link(source="S1", target="G11"),
            sg.Link(source="G1", target="G11", kind="supports"),
        ],
        smap.measurements,
    )
    report = sg.audit(m, select=["SG303"])
    assert found(report) == ["G1", "G8", "G11"]
    assert "at its latest measurement (Q4 2016) it has come 15% of the way" in message(
        report, "SG303", "G11"
    )


def test_an_off_track_goal_helped_by_supports_says_its_figure_counts_them():
    lagging = indicator(
        "Ledighed",
        baseline=10,
        target=8,
        higher_is_better=False,
        baseline_period=2012,
        target_period=2016,
    )
    helper = indicator("Andel", baseline=0, target=10, baseline_period=2012, target_period=2016)
    m = sg.StrategyMap(
        [goal("G1", "Flere i job", lagging), goal("G2", "Flere i praktik", helper)],
        [sg.Link(source="G2", target="G1", kind="supports", weight=1.0)],
        [
            {"element": "G1", "indicator": "Ledighed", "period": 2015, "value": 11},
            {"element": "G2", "indicator": "Andel", "period": 2015, "value": 3},
        ],
    )
    # own progress -0.5 (moved the wrong way); with G2's 0.3 at half the weight: -0.1
    # G2 is off track too, on its own: its message says nothing of supports
    first, second = sg.audit(m, select=["SG303"]).findings["message"]
    assert "counting" not in second
    message = first
    assert "has come -10% of the way from baseline to target, counting the elements" in message
    assert "that support it (50% of the weight)" in message
    danish = sg.audit(m, select=["SG303"], lang="da").findings["message"].iloc[0]
    assert "medregnet de elementer, der understøtter det (50 % af vægten)" in danish
