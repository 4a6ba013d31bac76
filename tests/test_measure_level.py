"""A schema says what its map holds: a measure level (the SDG framework), no money, no agreements.

The SDG map is written as analysts save it (cp1252, ``;``) with its schema in a YAML file of its
own, and audited through the API and through the real command line.
"""

import csv
import io
import json
import math
import re

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main

SDG_SCHEMA = {
    "name": "sdg",
    "goal_level": "target",
    "measure_level": "indicator",
    "money": False,
    "levels": [
        {"name": "agenda", "label_da": "Dagsorden"},
        {"name": "goal", "aliases": ["verdensmål"], "label_da": "Verdensmål"},
        {"name": "target", "aliases": ["delmål"], "label_da": "Delmål"},
        {"name": "indicator", "aliases": ["indikator"], "label_da": "Indikator"},
    ],
}

# I-X measures a target of goal 1 and one of goal 2; T2.2 has no indicator at all.
SDG_ROWS = [
    ("A2030", "agenda", "Agenda 2030", ""),
    ("SDG1", "verdensmål", "Afskaf fattigdom", "A2030"),
    ("SDG2", "verdensmål", "Stop sult", "A2030"),
    ("T1.1", "delmål", "Udryd ekstrem fattigdom – alle steder", "SDG1"),
    ("T1.2", "delmål", "Halver andelen i fattigdom", "SDG1"),
    ("T2.1", "delmål", "Adgang til sikker og nærende føde", "SDG2"),
    ("T2.2", "delmål", "Afskaf alle former for fejlernæring", "SDG2"),
    ("I1.1.1", "indikator", "Andel under den internationale fattigdomsgrænse", "T1.1"),
    ("I1.2.1", "indikator", "Andel under den nationale fattigdomsgrænse", "T1.2"),
    ("I2.1.1", "indikator", "Udbredelse af underernæring", "T2.1"),
    ("I-X", "indikator", "Husstande med usikker fødevareforsyning", "T1.1;T2.1"),
]
TARGETS = ["T1.1", "T1.2", "T2.1", "T2.2"]


@pytest.fixture
def sdg_files(tmp_path):
    schema = tmp_path / "sdg.yaml"
    schema.write_text(yaml.safe_dump(SDG_SCHEMA, allow_unicode=True), encoding="utf-8")
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows([("id", "type", "titel", "forælder"), *SDG_ROWS])
    data = tmp_path / "verdensmål.csv"
    data.write_bytes(text.getvalue().encode("cp1252"))  # as Danish Excel saves it
    return schema, data


def findings(report):
    return list(zip(report.findings["code"], report.findings["element"], strict=True))


def check_sdg_audit(codes_elements, skipped):
    # Only what the map's own structure supports: T2.2 is measured by nothing, and the links
    # from goals to targets carry no rationale. Nothing about budgets, agreements, or indicators
    # that hang under their targets; the shared indicator I-X is neither cross-cutting work
    # nor overloaded.
    assert codes_elements == [("SG301", "T2.2"), *(("SG501", t) for t in TARGETS)]
    assert skipped == [
        (
            "SG102",
            "unimplemented-goal",
            (
                "the schema has no level of work below the goal level (target); its indicator "
                "level measures the goals, it does not carry them"
            ),
        ),
        (
            "SG302",
            "goal-without-budget",
            "the schema says that its maps carry no money (money: false)",
        ),
        ("SG303", "goal-off-track", NO_MEASUREMENTS),
        ("SG304", "stale-indicator", NO_MEASUREMENTS),
        ("SG305", "indicator-without-baseline", NO_INDICATORS),
        ("SG306", "target-missed", NO_MEASUREMENTS),
    ]


#: Why the rules of follow-up by measurement do not run on a map without measurements.
NO_MEASUREMENTS = (
    "the map has no measurements: there is no value to judge progress by (add a measurements "
    "sheet, see `sg.progress`)"
)
#: Why SG305 does not run: indicators at a measure level have no baseline or target to check.
NO_INDICATORS = (
    "no element in the map has indicators of its own (with a baseline and a target): there is "
    "nothing to check"
)


def test_the_sdg_audit_through_the_api(sdg_files):
    schema_file, data = sdg_files
    m = sg.read(data, schema=schema_file)
    assert m.schema.measure_level == "indicator"
    assert m.warnings == ()
    report = sg.audit(m)
    check_sdg_audit(findings(report), [(s.code, s.name, s.reason) for s in report.skipped])
    assert [r.code for r in report.rules] == [
        "SG101", "SG103", "SG201", "SG202", "SG301", "SG401", "SG402", "SG501", "SG601",
    ]  # fmt: skip
    # Every text a reader sees speaks of the schema's own levels.
    for text in (report.to_markdown(), report.to_html(), report.to_json(), str(report)):
        assert "agreement" not in text
        assert "project" not in text
        assert "budget" in text  # the reason SG302 did not run
    message = report.findings["message"].iloc[0]
    assert message.startswith("Target T2.2 “Afskaf alle former for fejlernæring” has no indicator")
    rules = {r.code: r.summary for r in report.rules}
    assert rules["SG103"] == "work under no target"
    assert rules["SG101"] == "a target with no goal or agenda above it"
    markdown = report.to_markdown()
    assert (
        "## Rules not run\n\n- SG102 unimplemented-goal: the schema has no level of work below "
        "the goal level (target); its indicator level measures the goals, it does not carry them\n"
        "- SG302 goal-without-budget: the schema says that its maps carry no money (money: "
        "false)\n"
    ) in markdown
    assert '<ul class="skipped"><li>SG102 unimplemented-goal: the schema has no level' in (
        report.to_html().replace("\n", "")
    )


def test_measure_level_children_are_indicators(sdg_files):
    schema_file, data = sdg_files
    m = sg.read_csv(data, schema=str(schema_file))
    coverage = sg.indicator_coverage(m)
    assert coverage["n_indicators"].to_dict() == {"T1.1": 2, "T1.2": 1, "T2.1": 2, "T2.2": 0}
    assert coverage["measured"].to_dict() == {
        "T1.1": True, "T1.2": True, "T2.1": True, "T2.2": False
    }  # fmt: skip
    # An indicator measures a target, it does not carry it; it is not a level to skip. With no
    # work level nothing could carry a target, so none is unimplemented (the audit skips SG102).
    assert sg.orphans(m).empty
    assert sg.orphaned_goals(m).empty
    assert sg.level_skips(m).empty
    # I-X lies under two goals, but it measures them: it is neither cross-cutting nor overloaded.
    assert sg.cross_cutting(m).empty
    matrix = sg.cross_cutting_matrix(m).loc[["SDG1", "SDG2"], ["SDG1", "SDG2"]]
    assert matrix.to_numpy().tolist() == [[2, 0], [0, 2]]  # each goal's targets; I-X nowhere
    assert sg.goal_overload(m, limit=None)["n_goals"].to_dict() == {"SDG1": 2, "SDG2": 2}


def test_the_sdg_audit_through_the_command_line(sdg_files):
    schema_file, data = sdg_files
    runner = CliRunner()
    args = ["audit", str(data), "--schema", str(schema_file), "--sep", ";"]
    result = runner.invoke(main, [*args, "--encoding", "cp1252", "--format", "json"])
    assert result.exit_code == 1, result.output  # SG501 warnings reach --fail-on warning
    assert result.stderr == ""
    report = json.loads(result.stdout)
    check_sdg_audit(
        [(f["code"], f["element"]) for f in report["findings"]],
        [(s["code"], s["name"], s["reason"]) for s in report["skipped"]],
    )
    text = runner.invoke(main, [*args, "--fail-on", "error"])
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0] == "Audit of verdensmål: 0 errors, 4 warnings, 1 info"
    assert lines[-7:] == [
        (
            "not run: SG102 unimplemented-goal: the schema has no level of work below the goal "
            "level (target); its indicator level measures the goals, it does not carry them"
        ),
        (
            "not run: SG302 goal-without-budget: the schema says that its maps carry no money "
            "(money: false)"
        ),
        f"not run: SG303 goal-off-track: {NO_MEASUREMENTS}",
        f"not run: SG304 stale-indicator: {NO_MEASUREMENTS}",
        f"not run: SG305 indicator-without-baseline: {NO_INDICATORS}",
        f"not run: SG306 target-missed: {NO_MEASUREMENTS}",
        "not ok: errors or warnings found",
    ]
    assert "agreement" not in text.stdout


def test_the_sdg_report_lists_the_rules_not_run(sdg_files, tmp_path):
    schema_file, data = sdg_files
    out = tmp_path / "rapport"
    args = ["report", str(data), "-o", str(out), "--schema", str(schema_file), "--lang", "da"]
    result = CliRunner().invoke(main, [*args, "--sep", ";", "--encoding", "cp1252"])
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert '<h2 id="skipped">Regler, der ikke blev kørt</h2>' in page
    assert "<li>SG302 goal-without-budget: skemaet siger, at dets kort ikke har penge" in page
    assert 'id="read_warnings"' not in page  # nothing was ambiguous


def test_a_map_without_budgets_keeps_the_budget_rule_silent():
    schema = {"levels": ["strategy", "goal", "project"], "goal_level": "goal"}
    elements = [
        {"id": "S1", "type": "strategy", "title": "Tidlig indsats"},
        {"id": "G1", "type": "goal", "title": "Færre anbringelser", "parents": ["S1"]},
        {"id": "G2", "type": "goal", "title": "Flere i job", "parents": ["S1"]},
        {"id": "P1", "type": "project", "title": "Familiehus", "parents": ["G1"]},
    ]
    report = sg.audit(sg.StrategyMap(elements, schema=schema), select=["SG1", "SG3"])
    assert [(s.code, s.reason) for s in report.skipped] == [
        ("SG301", ("no element in the map has an indicator and the schema has no measure level: "
         "the map does not measure its goals, so every goal would be reported (see the "
         "analysis of indicator coverage, `sg.indicator_coverage`)")),
        ("SG302", "no element in the map has a budget"),
        ("SG303", NO_MEASUREMENTS),
        ("SG304", NO_MEASUREMENTS),
        ("SG305", NO_INDICATORS),
        ("SG306", NO_MEASUREMENTS),
    ]  # fmt: skip
    # No agreement level: the advice names the schema's own work level.
    assert findings(report) == [("SG102", "G2")]
    assert report.findings["message"].iloc[0] == (
        "Goal G2 “Flere i job” has no project below it: nobody is committed to deliver it. "
        "Start a project that carries it, or drop it."
    )
    # One budget anywhere and the rule runs: the other goal has no money.
    elements[3]["budget"] = 100_000
    report = sg.audit(sg.StrategyMap(elements, schema=schema), select=["SG302"])
    assert report.skipped == ()
    assert findings(report) == [("SG302", "G2")]


def test_the_municipal_advice_names_its_agreements_and_projects():
    m = sg.StrategyMap(
        [
            {"id": "S1", "type": "strategi", "title": "Tidlig indsats"},
            {"id": "G1", "type": "effektmål", "title": "Færre anbringelser", "parents": ["S1"]},
        ]
    )
    message = sg.audit(m, select=["SG102"]).findings["message"].iloc[0]
    assert message.endswith(
        "Put it into an agreement, start a project that carries it, or drop it."
    )


def test_a_goal_level_at_the_top_skips_the_rules_about_anchors():
    schema = {"levels": ["goal", "action"], "goal_level": "goal", "money": False}
    m = sg.StrategyMap([{"id": "G1", "type": "goal", "title": "Rent vand"}], schema=schema)
    report = sg.audit(m, select=["SG101", "SG601"])
    reason = (
        "the goal level (goal) is the top level of the schema: there is no level above the goals"
    )
    assert [(s.code, s.reason) for s in report.skipped] == [("SG101", reason), ("SG601", reason)]
    assert report.rules == ()


# -- the summary and the report follow the schema -----------------------------------------------

# The schema file of an SDG-shaped map, as an analyst writes it.
SDG_YAML = """levels: [agenda, goal, target, indicator]
goal_level: target
measure_level: indicator
money: false
"""


def sdg_rows():
    """1 agenda, 17 goals, 5 targets each (85), 168 indicators; some under two targets."""
    targets = [f"T{g}.{k}" for g in range(1, 18) for k in range(1, 6)]
    rows = [("A2030", "agenda", "Agenda 2030", "")]
    rows += [(f"SDG{g}", "goal", f"Verdensmål {g}", "A2030") for g in range(1, 18)]
    rows += [(t, "target", f"Delmål {t[1:]}", f"SDG{t[1:].split('.')[0]}") for t in targets]
    for j in range(168):
        parents = [targets[j % 85]]
        if j % 12 == 0:  # also under the next target: mostly of the same goal
            parents.append(targets[(j + 1) % 85])
        elif j % 15 == 7:  # also under a target of another goal
            parents.append(targets[(j + 40) % 85])
        rows.append((f"I{j + 1}", "indicator", f"Indikator {j + 1}", ";".join(parents)))
    return rows


@pytest.fixture
def sdg_map_files(tmp_path):
    schema = tmp_path / "sdg.yaml"
    schema.write_text(SDG_YAML, encoding="utf-8")
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows([("id", "type", "title", "parents"), *sdg_rows()])
    data = tmp_path / "sdg.csv"
    data.write_bytes(text.getvalue().encode("cp1252"))
    return schema, data


# 17 + 85 + 168 links to a parent, and 14 + 11 indicators with a second target.
SDG_LINKS = 17 + 85 + 168 + 14 + 11

SDG_SUMMARY = {
    "elements": 271,
    "links": SDG_LINKS,
    "goals": 85,
    "goals_measured": 85,
    "goals_measured_share": 1.0,
    "total_budget": math.nan,  # money: false
    "goals_unfunded": math.nan,  # money: false
    "orphans": 0,  # indicators do not leave the targets unimplemented
    "unanchored_goals": 0,
    "unimplemented_goals": math.nan,  # no work level below the targets
    "work_without_goal": 0,
    "overloaded": 0,
    "level_skips": 0,
    "double_binds": 0,
    "cross_cutting": 0,  # the indicators under targets of two goals measure them
    "level.agenda": 1,
    "level.goal": 17,
    "level.target": 85,
    "level.indicator": 168,
    "link.hierarchy": SDG_LINKS,
    "link.supports": 0,
    "link.tension": 0,
}


def check_figures(values, expected):
    assert list(values) == list(expected)
    for name, value in expected.items():
        if isinstance(value, float) and math.isnan(value):
            assert isinstance(values[name], float), name
            assert math.isnan(values[name]), name
        else:
            assert values[name] == value, name


def test_the_sdg_summary_reports_no_failures_the_schema_rules_out(sdg_map_files):
    schema_file, data = sdg_map_files
    m = sg.read_csv(data, schema=str(schema_file))
    assert m.warnings == ()
    assert SDG_LINKS == 295
    check_figures(sg.summary(m)["value"].to_dict(), SDG_SUMMARY)
    # 14 indicators lie under targets of two goals: they measure both, and are not counted.
    shared = [e.id for e in m if e.type == "indicator" and len(m.parents(e.id)) == 2]
    goals = {eid: {m.parents(t)[0] for t in m.parents(eid)} for eid in shared}
    assert sum(len(g) == 2 for g in goals.values()) == 14
    assert sg.cross_cutting(m).empty
    matrix = sg.cross_cutting_matrix(m)
    assert int(matrix.to_numpy().sum()) == 85  # every target under its own goal, nothing shared
    assert sg.orphans(m).empty
    assert sg.goal_overload(m, limit=None)["n_goals"].unique().tolist() == [5]
    report = sg.audit(m)
    assert [s.code for s in report.skipped] == [
        "SG102", "SG302", "SG303", "SG304", "SG305", "SG306"
    ]  # fmt: skip
    assert "SG601" not in set(report.findings["code"])


def test_the_sdg_report_leaves_out_what_the_schema_rules_out(sdg_map_files, tmp_path):
    schema_file, data = sdg_map_files
    out = tmp_path / "out"
    args = ["report", str(data), "--schema", str(schema_file), "-o", str(out), "--lang", "da"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("report.html")
    page = (out / "report.html").read_text(encoding="utf-8")
    # No budget figures anywhere: not in the overview, no section, no figure.
    for absent in ("Samlet budget", "Mål uden budget", "Mål uden udmøntning", "<h2>Budget</h2>"):
        assert absent not in page
    assert (
        '<p class="left-out" id="left-out-budget">Budget: udeladt, da skemaet siger, at dets '
        "kort ikke har penge (money: false).</p>"
    ) in page
    # Nothing is cross-cutting: the section is one line saying why, no table of indicators.
    assert "<h2>Tværgående elementer</h2>" not in page
    assert (
        '<p class="left-out" id="left-out-cross_cutting">Tværgående elementer: udeladt, da intet '
        "element ligger under to eller flere grupper på niveauet over målene; elementer på "
        "niveauet indicator måler målene og tælles ikke med.</p>"
    ) in page
    assert re.search(r"<td>I\d+</td>", page) is None  # no table lists an indicator
    assert '<td>Løsrevne elementer</td><td class="num">0</td>' in page
    assert '<td>Tværgående elementer</td><td class="num">0</td>' in page
    assert "<h2>For mange mål pr. element</h2>" in page  # the goals still carry their targets
    names = sorted(p.name for p in (out / "figures").iterdir())
    assert "map.png" in names  # the map, whole or as an overview with its branches (map-N)
    assert [n for n in names if not n.startswith("map")] == ["overload.pdf", "overload.png"]
    book = openpyxl.load_workbook(out / "findings.xlsx", read_only=True)
    figures = {row[0]: row[2] for row in book["overblik"].iter_rows(min_row=2, values_only=True)}
    book.close()
    assert figures["goals_unfunded"] is None  # an empty cell, not a count nor NaN
    assert figures["total_budget"] is None
    assert figures["unimplemented_goals"] is None
    assert figures["goals"] == 85


def test_the_sdg_report_notes_in_english(sdg_map_files, tmp_path):
    schema_file, data = sdg_map_files
    m = sg.read(data, schema=schema_file)
    written = sg.write_report(m, tmp_path / "out", lang="en")
    assert [n for n in sorted(written.figures) if not n.startswith("map-")] == ["map", "overload"]
    page = written.html.read_text(encoding="utf-8")
    assert (
        "Budget: left out, as the schema says that its maps carry no money (money: false).</p>"
    ) in page
    assert (
        "Cross-cutting elements: left out, as no element lies below two or more groups at the "
        "level above the goals; elements of the indicator level measure the goals and are not "
        "counted.</p>"
    ) in page
    assert "Total budget" not in page


@pytest.fixture
def example_without_budgets(tmp_path):
    """The bundled example as Excel, its budget column deleted as an analyst would."""
    book = openpyxl.load_workbook(sg.datasets.path("eksempel-2013", format="xlsx"))
    sheet = book["elements"]
    header = [cell.value for cell in sheet[1]]
    sheet.delete_cols(header.index("budget") + 1)
    path = tmp_path / "uden-budget.xlsx"
    book.save(path)
    return path


def test_a_municipal_map_without_budgets_has_no_budget_figure(example_without_budgets, tmp_path):
    m = sg.read(example_without_budgets)
    assert all(e.budget is None for e in m)
    values = sg.summary(m)["value"].to_dict()
    assert math.isnan(values["total_budget"])
    assert math.isnan(values["goals_unfunded"])
    # Everything else is as for the example with its budgets.
    full = sg.summary(sg.datasets.load("eksempel-2013"))["value"].to_dict()
    assert {k: v for k, v in values.items() if k not in {"total_budget", "goals_unfunded"}} == {
        k: v for k, v in full.items() if k not in {"total_budget", "goals_unfunded"}
    }
    assert values["unimplemented_goals"] == 1  # G13
    assert values["cross_cutting"] == full["cross_cutting"] == 28

    out = tmp_path / "rapport"
    runner = CliRunner()
    # A report with budgets first: its budget figure goes when the new report has none.
    before = sg.datasets.path("eksempel-2013", format="xlsx")
    assert runner.invoke(main, ["report", str(before), "-o", str(out)]).exit_code == 0
    assert (out / "figures" / "budget.png").is_file()
    result = runner.invoke(main, ["report", str(example_without_budgets), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert (
        '<p class="left-out" id="left-out-budget">Budget: left out, as no element in the map '
        "has a budget.</p>"
    ) in page
    assert "<h2>Budget</h2>" not in page
    assert "Total budget" not in page
    assert "Goals without budget" not in page
    assert "<h2>Cross-cutting elements</h2>" in page  # the rest of the report is as before
    names = sorted(p.name for p in (out / "figures").iterdir())
    assert [n for n in names if not n.startswith("map-")] == [
        "cross_cutting.pdf", "cross_cutting.png", "map.pdf", "map.png", "overload.pdf",
        "overload.png", "progress.pdf", "progress.png", "status_map.pdf", "status_map.png",
    ]  # fmt: skip
    args = ["report", str(example_without_budgets), "-o", str(out), "--lang", "da"]
    assert runner.invoke(main, args).exit_code == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Budget: udeladt, da intet element i kortet har et budget.</p>" in page


def test_a_goal_level_at_the_top_leaves_out_the_cross_cutting_figure(tmp_path):
    schema = {"levels": ["goal", "action"], "goal_level": "goal"}
    m = sg.StrategyMap(
        [
            {"id": "G1", "type": "goal", "title": "Rent vand", "budget": 5},
            {"id": "A1", "type": "action", "title": "Rens søen", "parents": ["G1"]},
        ],
        schema=schema,
    )
    values = sg.summary(m)["value"].to_dict()
    assert math.isnan(values["unanchored_goals"])
    assert math.isnan(values["cross_cutting"])
    assert values["unimplemented_goals"] == 0
    assert values["total_budget"] == 5.0
    with pytest.warns(sg.StratgraphWarning, match="no Danish label .* 'goal', 'action'"):
        written = sg.write_report(m, tmp_path / "out", lang="da")
    assert sorted(written.figures) == ["budget", "map", "overload"]
    page = written.html.read_text(encoding="utf-8")
    assert (
        "Tværgående elementer: udeladt, da målniveauet er det øverste niveau, så der ikke er "
        "noget niveau over målene at gruppere efter.</p>"
    ) in page
    assert "Uforankrede mål" not in page
