import json
import re
from pathlib import Path
from types import MappingProxyType

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given

import stratgraph as sg
from strategies import examples, format_maps
from stratgraph._pandas import TEXT
from stratgraph.audit import FINDING_COLUMNS, RULES, SEVERITIES

CODES = [rule.code for rule in RULES]


@pytest.fixture(scope="module")
def report(example):
    return sg.audit(example)


def elements_of(report, code):
    findings = report.findings
    return findings.loc[findings["code"] == code, "element"].tolist()


# -- the rules on the bundled example ------------------------------------------------------------


#: The rules that need measurements; a map without any leaves them out, saying why.
MEASURED = {"SG303", "SG304", "SG306"}


def test_the_example_shows_every_code(example, report):
    found = set(report.findings["code"])
    skipped = {rule.code for rule in report.skipped}
    assert found | skipped == set(CODES)
    assert not found & skipped
    assert skipped == (set() if example.measurements else MEASURED)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("SG101", ["G41"]),
        ("SG102", ["G13"]),
        ("SG201", ["S6", "A9"]),
        ("SG202", ["G32", "A10", "P38"]),
        ("SG302", ["G13", "G30"]),
        ("SG401", ["P2", "P4", "P28"]),
        ("SG402", ["G14"]),
    ],
)
def test_the_example_faults_are_found_where_they_were_planted(report, code, expected):
    assert elements_of(report, code) == expected


def test_the_example_work_serving_no_goal(report):
    assert {"P34", "P38", "P39"} <= set(elements_of(report, "SG103"))


def test_the_example_links_without_rationale(report):
    found = report.findings[report.findings["code"] == "SG501"]
    assert {"G8", "G11", "G40", "G21", "G30", "G3.1", "G14.1", "G32"} <= set(found["element"])
    assert any("S2" in m and "G8" in m for m in found["message"])
    assert "G1" not in set(found[found["message"].str.contains("strategy S1")]["element"])


def test_the_example_cross_cutting_projects(report):
    assert {"P2", "P4", "P5", "P11", "P13", "P20", "P21", "P22", "P28", "P31", "P36"} <= set(
        elements_of(report, "SG601")
    )


def test_messages_name_the_element_its_title_and_what_to_do(report, example):
    for row in report.findings.itertuples(index=False):
        element = example[row.element]
        assert row.element in row.message
        assert " ".join(element.title.split()) in row.message
        assert row.message.endswith(".")
    first = report.findings.iloc[0]
    assert first["message"].startswith("Effect goal G41 “Sund mad i alle kommunale køkkener”")
    assert "Link it to the strategy it serves" in first["message"]


def test_default_severities_and_verdict(report):
    severity = dict(zip(report.findings["code"], report.findings["severity"], strict=True))
    ran = {rule.code for rule in report.rules}
    assert severity == {rule.code: rule.severity for rule in RULES if rule.code in ran}
    assert severity["SG101"] == "error"
    assert severity["SG601"] == "info"
    assert not report.ok
    assert report.counts["error"] == 2
    assert sum(report.counts.values()) == len(report.findings)


def test_findings_frame_has_exactly_the_columns(report):
    findings = report.findings
    assert type(findings) is pd.DataFrame
    assert list(findings.columns) == list(FINDING_COLUMNS)
    assert all(str(t) == TEXT for t in findings.dtypes)
    assert isinstance(findings.index, pd.RangeIndex)
    assert findings["code"].tolist() == sorted(findings["code"])  # rule order


def test_an_empty_map_has_no_findings_and_the_columns():
    report = sg.audit(sg.StrategyMap(name="Tom"))
    assert report.findings.empty
    assert list(report.findings.columns) == list(FINDING_COLUMNS)
    assert report.ok
    assert report.counts == {"error": 0, "warning": 0, "info": 0}
    assert "No findings." in report.to_markdown()
    assert "No findings." in report.to_html()
    assert json.loads(report.to_json())["findings"] == []


# -- the renderings ------------------------------------------------------------------------------


def test_markdown_reads_well(report):
    text = report.to_markdown()
    lines = text.splitlines()
    assert lines[0] == "# Audit: Eksempel Kommune 2013"
    assert lines[2].startswith("**2 errors, ")
    assert "not ok" in lines[2]
    assert (
        "| SG101 | An effect goal with no strategy, policy or vision above it | unanchored-goal "
        "| error | 1 |" in lines
    )
    for rule in report.rules:  # every rule found something; titles are in the map's words
        assert f"## {rule.code} {rule.title} ({rule.name}, {rule.severity})" in lines
    items = [line for line in lines if line.startswith("- **")]
    assert len(items) == len(report.findings)
    assert "- **G41**: Effect goal G41 “Sund mad i alle kommunale køkkener” has no" in text


def test_markdown_escapes_what_would_break_it():
    m = sg.StrategyMap(
        [{"id": "G_1*", "type": "effect_goal", "title": "A *bold* [link](x) | pipe\nline <b>"}],
        name="Kort # 1",
    )
    text = sg.audit(m).to_markdown()
    assert "# Audit: Kort \\# 1" in text
    assert "\\*bold\\*" in text
    assert "\\[link\\](x) \\| pipe line \\<b\\>" in text
    assert "- **G\\_1\\***:" in text


def test_json_has_the_documented_structure(report):
    data = json.loads(report.to_json())
    assert list(data) == [
        "format",
        "version",
        "map",
        "part",
        "ok",
        "counts",
        "thresholds",
        "rules",
        "skipped",
        "findings",
        "lang",
    ]
    assert data["lang"] == "en"
    assert data["part"] is None
    assert data["skipped"] == [
        {"code": rule.code, "name": rule.name, "reason": rule.reason} for rule in report.skipped
    ]
    assert data["format"] == "stratgraph-audit"
    assert data["version"] == 1
    assert data["map"] == "Eksempel Kommune 2013"
    assert data["ok"] is False
    assert data["counts"] == report.counts
    assert data["thresholds"] == {
        "overload_limit": 5,
        "near_duplicate_threshold": 0.85,
        "near_duplicate_search": "auto",
        "cross_cutting_min_groups": 2,
        "cross_cutting_by": None,
        "at_risk": 0.10,
        "off_track": 0.25,
    }
    assert [r["code"] for r in data["rules"]] == [rule.code for rule in report.rules]
    assert set(data["rules"][0]) == {"code", "name", "severity", "summary"}
    assert len(data["findings"]) == len(report.findings)
    assert data["findings"][0] == dict(report.findings.iloc[0])
    assert "Sund mad" in report.to_json()  # Danish letters kept as they are


def test_html_is_self_contained_and_escaped():
    m = sg.StrategyMap(
        [{"id": "G1", "type": "effect_goal", "title": "<script>alert('x')</script> & co"}],
        name="<b>Kort</b>",
    )
    page = sg.audit(m).to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
    assert "&lt;b&gt;Kort&lt;/b&gt;" in page
    assert "http" not in page  # nothing loaded from elsewhere
    assert "<link" not in page


def test_html_has_a_row_per_finding(report):
    page = report.to_html()
    assert page.count('<tr class="') == len(report.findings) + len(report.rules)
    assert "<title>Audit: Eksempel Kommune 2013</title>" in page


@pytest.mark.parametrize("method", ["to_markdown", "to_html", "to_json"])
def test_reports_are_written_to_a_path(report, tmp_path, method):
    path = tmp_path / f"audit.{method}"
    assert getattr(report, method)(path) is None
    assert path.read_text(encoding="utf-8") == getattr(report, method)()


def test_repr_and_str(report):
    assert repr(report).startswith("<AuditReport 'Eksempel Kommune 2013': 2 errors, ")
    assert repr(report).endswith("; not ok>")
    text = str(report).splitlines()
    assert text[0].startswith("Audit of Eksempel Kommune 2013: 2 errors")
    assert text[1].startswith("G41: SG101 unanchored-goal [error] Effect goal G41")
    assert text[-1] == "not ok: errors or warnings found"
    assert len(text) == len(report.findings) + 2 + len(report.skipped)


# -- configuration -------------------------------------------------------------------------------


def test_select_by_code_prefix_and_name(example):
    report = sg.audit(example, select=["SG1", "double-bind"])
    assert set(report.findings["code"]) == {"SG101", "SG102", "SG103", "SG401"}
    assert [r.code for r in report.rules] == ["SG101", "SG102", "SG103", "SG401"]


def test_ignore_applies_after_select(example):
    report = sg.audit(example, select=["ALL"], ignore=["SG5", "cross_cutting_element", "sg301"])
    skipped = {rule.code for rule in report.skipped}
    assert set(report.findings["code"]) == set(CODES) - {"SG501", "SG601", "SG301"} - skipped


def test_severity_overrides(example):
    report = sg.audit(example, severity={"SG301": "warning", "double-bind": "ERROR"})
    severity = dict(zip(report.findings["code"], report.findings["severity"], strict=True))
    assert severity["SG301"] == "warning"
    assert severity["SG401"] == "error"
    assert report.counts["error"] == 2 + 3
    json_rules = {r["code"]: r["severity"] for r in json.loads(report.to_json())["rules"]}
    assert json_rules["SG401"] == "error"


def test_ok_when_only_info_findings_remain(example):
    report = sg.audit(example, select=["SG301", "SG601"])
    assert len(report.findings) > 0
    assert report.ok
    assert repr(report).endswith("; ok>")
    assert not sg.audit(example, select=["SG301"], severity={"SG301": "warning"}).ok


@pytest.mark.parametrize(
    ("options", "code", "count"),
    [
        ({"overload_limit": 8}, "SG201", 1),
        ({"overload_limit": 3}, "SG201", 6),
        ({"near_duplicate_threshold": 0.9}, "SG402", 0),
        ({"near_duplicate_threshold": 0.3}, "SG402", 3),
        ({"cross_cutting_min_groups": 4}, "SG601", 3),
        ({"cross_cutting_by": "agenda", "cross_cutting_min_groups": 3}, "SG601", None),
    ],
)
def test_thresholds(example, options, code, count):
    report = sg.audit(example, select=[code], **options)
    found = report.findings
    if count is None:
        assert len(found) > 0
        assert "agendas" in found["message"].iloc[0]
    else:
        assert len(found) == count
    for key, value in options.items():
        assert report.thresholds[key] == value


def test_thresholds_give_what_the_analyses_give(example):
    report = sg.audit(example, overload_limit=3, cross_cutting_min_groups=3)
    assert elements_of(report, "SG201") == sg.goal_overload(example, limit=3).index.tolist()
    assert elements_of(report, "SG601") == sg.cross_cutting(example, min_groups=3).index.tolist()


def test_a_toml_file(example, tmp_path):
    path = tmp_path / "audit.toml"
    path.write_text(
        'select = ["SG2", "SG301", "SG302"]\n'
        'ignore = ["goal-without-indicator"]\n'
        "overload-limit = 8\n"
        "[severity]\n"
        'SG302 = "error"\n',
        encoding="utf-8",
    )
    report = sg.audit(example, path)
    assert set(report.findings["code"]) == {"SG201", "SG202", "SG302"}
    assert elements_of(report, "SG201") == ["S6"]
    assert set(report.findings.loc[report.findings["code"] == "SG302", "severity"]) == {"error"}
    # Keywords win over the file; severities merge.
    report = sg.audit(example, str(path), overload_limit=5, severity={"SG202": "info"})
    assert elements_of(report, "SG201") == ["S6", "A9"]
    severity = dict(zip(report.findings["code"], report.findings["severity"], strict=True))
    assert severity == {"SG201": "warning", "SG202": "info", "SG302": "error"}


def test_a_pyproject_toml(example, tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "kort"\n[tool.stratgraph.audit]\nselect = ["SG101"]\n',
        encoding="utf-8",
    )
    assert elements_of(sg.audit(example, config=path), "SG101") == ["G41"]
    assert len(sg.audit(example, config=path).findings) == 1


def test_a_mapping_as_config(example):
    report = sg.audit(example, {"select": "SG402", "near-duplicate-threshold": 0.8})
    assert elements_of(report, "SG402") == ["G14"]
    assert report.thresholds["near_duplicate_threshold"] == 0.8


BAD_OPTIONS = [
    ({"select": ["SG999"]}, r"unknown rule 'SG999' in select.*SG101 \(unanchored-goal\)"),
    ({"ignore": ["orphan"]}, r"unknown rule 'orphan' in ignore; .*valid rules: SG101"),
    ({"select": ["S"]}, r"unknown rule 'S' in select"),
    ({"select": [1]}, r"select entries must be rule codes or names, not 1"),
    ({"select": 101}, r"^select=101 is not valid; give a list of rule codes or names$"),
    (
        {"severity": {"SG101": "fatal"}},
        (
            r"^severity\['SG101'\]='fatal' is not valid; give one of 'error', 'warning', 'info' "
            r"\(to switch a rule off, put it in ignore\)$"
        ),
    ),
    ({"severity": {"SG000": "info"}}, r"unknown rule 'SG000' in severity"),
    (
        {"severity": "info"},
        r"^severity='info' is not valid; give a mapping of rule codes or names to one of 'error'",
    ),
    ({"overload_limit": -1}, r"^overload_limit=-1 is not valid; give a whole number of 0 or more$"),
    ({"overload_limit": 2.5}, r"^overload_limit=2.5 is not valid; give a whole number of 0 or "),
    (
        {"near_duplicate_threshold": 0},
        r"^near_duplicate_threshold=0 is not valid; give a number above 0 and at most 1$",
    ),
    ({"near_duplicate_threshold": 1.5}, r"^near_duplicate_threshold=1.5 is not valid; give a num"),
    (
        {"cross_cutting_min_groups": 1},
        r"^cross_cutting_min_groups=1 is not valid; give a whole number of 2 or more$",
    ),
    ({"cross_cutting_by": "kommune"}, r"cross_cutting_by='kommune' is not valid; give a lev"),
    ({"cross_cutting_by": 3}, r"^cross_cutting_by=3 is not valid; give a level name or 'agenda'$"),
]


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS)
def test_bad_options_raise_and_say_what_is_valid(example, options, message):
    with pytest.raises(sg.ConfigError, match=message):
        sg.audit(example, **options)


@pytest.mark.parametrize(("options", "message"), BAD_OPTIONS)
def test_bad_options_in_a_config_mapping_say_the_same(example, options, message):
    with pytest.raises(sg.ConfigError, match=message):
        sg.audit(example, options)


def test_an_unknown_option_in_a_config_lists_the_valid_ones(example):
    with pytest.raises(
        sg.ConfigError,
        match=r"^unknown audit option 'overload'; valid options: select, ignore, severity, "
        r"overload_limit, near_duplicate_threshold, near_duplicate_search, "
        r"cross_cutting_min_groups, cross_cutting_by, at_risk, off_track$",
    ):
        sg.audit(example, {"overload": 3})


def test_an_unknown_keyword_is_a_type_error(example):
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'overload'"):
        sg.audit(example, overload=3)  # type: ignore[call-arg]


def test_config_errors_are_option_errors(example):
    with pytest.raises(sg.OptionError, match=r"^overload_limit=-1 is not valid"):
        sg.audit(example, overload_limit=-1)


def test_a_keyword_left_at_none_keeps_the_config_value(example):
    config = {"overload_limit": 3, "select": ["SG201"], "cross_cutting_by": "agenda"}
    report = sg.audit(example, config, overload_limit=None, select=None, cross_cutting_by=None)
    assert report.thresholds == {
        "overload_limit": 3,
        "near_duplicate_threshold": 0.85,
        "near_duplicate_search": "auto",
        "cross_cutting_min_groups": 2,
        "cross_cutting_by": "agenda",
        "at_risk": 0.10,
        "off_track": 0.25,
    }
    assert set(report.findings["code"]) == {"SG201"}
    assert sg.audit(example, config, overload_limit=4).thresholds["overload_limit"] == 4


def test_rules_and_severities_are_accepted_from_any_iterable_and_mapping(example):
    report = sg.audit(
        example,
        select=(code for code in ("SG101", "SG103")),
        severity=MappingProxyType({"unanchored-goal": " Warning "}),
    )
    assert [(rule.code, rule.severity) for rule in report.rules] == [
        ("SG101", "warning"),
        ("SG103", "warning"),
    ]


def test_config_errors_are_value_errors(example):
    with pytest.raises(ValueError, match="unknown rule"):
        sg.audit(example, select=["nope"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("select = [", r"is not valid TOML"),
        ("colour = 'red'\n", r"unknown audit option 'colour'"),
        ("[tool.black]\nline-length = 100\n", r"no \[tool.stratgraph.audit\] table"),
    ],
)
def test_bad_toml_files(example, tmp_path, text, message):
    path = tmp_path / "audit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sg.ConfigError, match=message):
        sg.audit(example, path)


def test_a_missing_config_file(example, tmp_path):
    with pytest.raises(sg.ConfigError, match=r"audit config file '.*nowhere.toml' does not exist"):
        sg.audit(example, tmp_path / "nowhere.toml")


def test_a_config_of_the_wrong_type(example):
    with pytest.raises(sg.ConfigError, match="config must be a path to a TOML file or a mapping"):
        sg.audit(example, 42)


def test_audit_rules_lists_every_rule():
    rules = sg.audit_rules()
    assert rules.index.name == "code"
    assert rules.index.tolist() == CODES
    assert list(rules.columns) == ["name", "severity", "summary"]
    assert set(rules["severity"]) <= set(SEVERITIES)
    assert rules["name"].is_unique


# -- random maps: the findings are the analyses' -------------------------------------------------


def unnoted_goal_links(m):
    goal = m.schema.goal_level
    found = []
    for link in m.links:
        if link.kind is not sg.LinkKind.HIERARCHY or (link.note or "").strip():
            continue
        ends = [m[link.target], m[link.source]]
        at_goal = [e.id for e in ends if e.type == goal]
        if at_goal:
            found.append(at_goal[0])
    return found


def unfunded_goals(m):
    graph = m.to_networkx()
    tree = nx.DiGraph((u, v) for u, v, kind in graph.edges(data="kind") if kind == "hierarchy")
    tree.add_nodes_from(m.ids)
    return [
        e.id
        for e in m
        if e.type == m.schema.goal_level
        and not (e.budget or 0) > 0
        and not any((m[d].budget or 0) > 0 for d in nx.descendants(tree, e.id))
    ]


@given(format_maps())
@examples(0.25)
def test_findings_on_random_maps_are_the_analyses_findings(m):
    before = (m.to_json(), m.ids, m.links)
    report = sg.audit(m)
    assert (m.to_json(), m.ids, m.links) == before
    assert list(report.findings.columns) == list(FINDING_COLUMNS)
    schema = m.schema
    goals = sg.orphaned_goals(m)
    cut_off = sg.orphans(m)
    expected = {
        "SG101": goals.index[goals["unanchored"]].tolist() if schema.anchor_levels else [],
        "SG102": goals.index[goals["unimplemented"]].tolist() if schema.work_levels else [],
        "SG103": cut_off.index[
            cut_off["type"].isin(schema.work_levels) & cut_off["unanchored"]
        ].tolist(),
        "SG201": sg.goal_overload(m).index.tolist(),
        # A skip over a level no element of the map is at is no finding.
        "SG202": [
            eid
            for eid, skipped in sg.level_skips(m)["skipped"].items()
            if any(level in {e.type for e in m} for level in skipped)
        ],
        "SG301": [
            e.id
            for e in m
            if e.type == schema.goal_level and not e.indicators and e.followup != "dialogue"
        ]
        if any(e.indicators for e in m)
        else [],
        "SG302": unfunded_goals(m) if any(e.budget is not None for e in m) else [],
        "SG401": [eid for binds in sg.tensions(m)["double_binds"] for eid in binds],
        "SG402": sg.near_duplicate_clusters(m).index.tolist(),
        "SG501": sorted(unnoted_goal_links(m), key=m.ids.index),
        "SG601": sg.cross_cutting(m).index.tolist() if schema.anchor_levels else [],
    }
    for code, elements in expected.items():
        assert elements_of(report, code) == elements, code
    for row in report.findings.itertuples(index=False):
        assert row.element in m
        assert row.message.strip()
    data = json.loads(report.to_json())
    assert [f["element"] for f in data["findings"]] == report.findings["element"].tolist()
    assert report.to_html().count("<td>") == 5 * len(report.findings) + 5 * len(
        {f["code"] for f in data["findings"]}
    )
    markdown = report.to_markdown()
    items = [line for line in markdown.splitlines() if line.startswith("- **")]
    assert len(items) == len(report.findings)
    assert report.ok == (report.counts["error"] + report.counts["warning"] == 0)


def test_the_reference_page_documents_every_rule():
    page = (Path(__file__).parent.parent / "docs" / "audit-codes.md").read_text(encoding="utf-8")
    for rule in RULES:
        anchor = f"#{rule.code.lower()}-{rule.name}"
        assert (
            f"| [{rule.code}]({anchor}) | {rule.name} | {rule.severity} | {rule.summary} |" in page
        )
        assert f"\n## {rule.code} {rule.name}\n" in page


def test_the_docstring_of_audit_lists_every_rule_as_the_table_does():
    # The table in audit()'s docstring is written by hand: code, name, severity, summary.
    row = re.compile(r"^ *(SG\d{3}) +(\S+) +(error|warning|info) +(.+?) *$", re.MULTILINE)
    table = row.findall(sg.audit.__doc__)
    assert table == [(r.code, r.name, r.severity, r.summary) for r in RULES]


def test_a_group_of_near_duplicate_goals_is_one_finding_naming_its_members():
    elements = [{"id": "S", "type": "strategy", "title": "Økonomi"}]
    elements += [
        {
            "id": f"G{i}",
            "type": "effect_goal",
            "title": f"Færre borgere på offentlig forsørgelse i kommunen {i}",
            "parents": ["S"],
        }
        for i in range(1000)
    ]
    report = sg.audit(sg.StrategyMap(elements), select=["SG402"])
    assert report.findings["element"].tolist() == ["G0"]
    message = report.findings["message"].iloc[0]
    assert message.startswith(
        "Effect goal G0 “Færre borgere på offentlig forsørgelse i kommunen 0” and 999 other "
        "effect goals have near-identical titles: G1 “Færre borgere på offentlig forsørgelse i "
        "kommunen 1”, G2 "
    )
    assert message.endswith(
        "G10 “Færre borgere på offentlig forsørgelse i kommunen 10” … and 989 more. Merge "
        "them, or sharpen what sets them apart."
    )


def test_the_near_duplicate_search_is_an_audit_option(example, tmp_path):
    words = sg.audit(example, select=["SG402"], near_duplicate_search="words")
    assert words.thresholds["near_duplicate_search"] == "words"
    assert words.findings["element"].tolist() == ["G14"]
    config = tmp_path / "audit.toml"
    config.write_text('near_duplicate_search = "exact"\n', encoding="utf-8")
    assert sg.audit(example, config).thresholds["near_duplicate_search"] == "exact"
    config.write_text('near_duplicate_search = "fast"\n', encoding="utf-8")
    with pytest.raises(sg.ConfigError, match="near_duplicate_search"):
        sg.audit(example, config)
