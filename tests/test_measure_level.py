"""A schema says what its map holds: a measure level (the SDG framework), no money, no agreements.

The SDG map is written as analysts save it (cp1252, ``;``) with its schema in a YAML file of its
own, and audited through the API and through the real command line.
"""

import csv
import io
import json

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
    ]


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
    # An indicator measures a target, it does not carry it; it is not a level to skip.
    assert sg.orphaned_goals(m)["unimplemented"].tolist() == [True] * 4
    assert sg.level_skips(m).empty
    # The analysis itself still sees I-X under two goals; the audit does not call it work.
    assert sg.cross_cutting(m).index.tolist() == ["I-X"]


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
    assert lines[-3:] == [
        (
            "not run: SG102 unimplemented-goal: the schema has no level of work below the goal "
            "level (target); its indicator level measures the goals, it does not carry them"
        ),
        (
            "not run: SG302 goal-without-budget: the schema says that its maps carry no money "
            "(money: false)"
        ),
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
    assert "<li>SG302 goal-without-budget: the schema says that its maps carry no money" in page
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
         "the map does not measure its goals, so every goal would be reported (see "
         "indicator_coverage)")),
        ("SG302", "no element in the map has a budget"),
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
