"""The command line through its real entry point: exit codes and what it prints."""

import importlib
import json
import subprocess
import sys
from importlib import resources

import jsonschema
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main

CLEAN = {
    "name": "Ren kommune",
    "schema": "municipal",
    "elements": [
        {"id": "V1", "type": "vision", "title": "Et godt sted at leve"},
        {"id": "S1", "type": "strategi", "title": "Tidlig indsats", "parents": []},
        {
            "id": "G1",
            "type": "effektmål",
            "title": "Færre anbringelser",
            "budget": 100000,
            "indicators": [
                {
                    "name": "Anbringelser",
                    "unit": "antal",
                    "baseline": 10,
                    "target": 8,
                    "baseline_period": 2012,
                    "target_period": 2016,
                }
            ],
        },
        {"id": "A1", "type": "aftale", "title": "Aftale med Familieafdelingen", "budget": 5e5},
        {"id": "P1", "type": "projekt", "title": "Familiehus", "parents": ["A1"], "budget": 2e5},
    ],
    "links": [
        {"source": "V1", "target": "S1", "note": "Visionen udmøntes i strategien"},
        {"source": "S1", "target": "G1", "note": "Tidlig indsats giver færre anbringelser"},
        {"source": "G1", "target": "A1", "note": "Aftalen forpligter Familieafdelingen"},
    ],
    # on track in 2014: half the way from 10 to 8, half the time from 2012 to 2016
    "measurements": [{"element": "G1", "indicator": "Anbringelser", "period": 2014, "value": 9}],
}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def clean(tmp_path):
    path = tmp_path / "ren.yaml"
    path.write_text(yaml.safe_dump(CLEAN, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def faulty(tmp_path):
    path = tmp_path / "eksempel-2013.xlsx"
    sg.datasets.load("eksempel-2013").to_excel(path)
    return path


@pytest.fixture
def malformed(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_text("id;type;titel;forælder\nS1;strategi;Tidlig indsats;\nG1;effektmål;;S9\n")
    return path


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def assert_one_clean_error(result, *words):
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr.startswith("stratgraph: error: ")
    for word in words:
        assert word in result.stderr


# -- validate ----------------------------------------------------------------------------------


def test_validate_clean(runner, clean):
    result = run(runner, "validate", clean)
    assert result.exit_code == 0
    assert result.stdout == f"{clean}: valid, 5 elements and 4 links\n"


def test_validate_malformed_lists_every_problem_with_its_place(runner, malformed):
    result = run(runner, "validate", malformed)
    assert_one_clean_error(result, "2 problems")
    lines = result.stderr.splitlines()
    assert any("mål.csv, row 3, column 'titel', element 'G1'" in line for line in lines)
    assert any("row 3, column 'forælder'" in line and "did you mean 'S1'" in line for line in lines)


@pytest.mark.parametrize("command", ["validate", "audit", "report", "plot", "convert", "diff"])
def test_missing_file_is_one_message(runner, tmp_path, command):
    missing = tmp_path / "findes-ikke.xlsx"
    extra = {
        "report": ["-o", tmp_path / "out"],
        "plot": ["-o", tmp_path / "k.png"],
        "convert": [tmp_path / "x.yaml"],
        "diff": [missing],
    }.get(command, [])
    result = run(runner, command, missing, *extra)
    assert_one_clean_error(result, "findes-ikke.xlsx")


@pytest.mark.parametrize("command", ["validate", "audit", "report", "plot", "convert", "diff"])
def test_unknown_option_is_a_usage_error(runner, clean, command):
    result = run(runner, command, clean, "--no-such-option")
    assert result.exit_code == 2
    assert "No such option '--no-such-option'" in result.stderr


def test_not_a_workbook_is_one_message(runner, tmp_path):
    path = tmp_path / "mål.xlsx"
    path.write_bytes(b"this is not a zip file")
    assert_one_clean_error(run(runner, "validate", path), "mål.xlsx", "not an Excel workbook")


# -- audit -------------------------------------------------------------------------------------


def test_audit_clean_map_exits_0(runner, clean):
    result = run(runner, "audit", clean)
    assert result.exit_code == 0
    assert result.stdout == "Audit of Ren kommune: 0 errors, 0 warnings, 0 info\nok\n"


def test_audit_with_findings_exits_1_and_lists_them(runner, faulty):
    result = run(runner, "audit", faulty)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Audit of Eksempel Kommune 2013: 2 errors, 69 warnings, 44 info"
    assert any(line.startswith("G41: SG101 unanchored-goal [error]") for line in lines)


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_audit_fail_on(runner, faulty, fail_on, code):
    assert run(runner, "audit", faulty, "--fail-on", fail_on).exit_code == code


def test_audit_fail_on_error_passes_when_only_warnings(runner, faulty):
    result = run(
        runner, "audit", faulty, "--ignore", "SG101", "--ignore", "SG102", "--fail-on", "error"
    )
    assert result.exit_code == 0
    assert "SG101" not in result.stdout


def test_audit_select(runner, faulty):
    result = run(runner, "audit", faulty, "--select", "SG201", "--format", "json")
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert codes == {"SG201"}


def test_audit_select_and_ignore_take_codes_separated_by_commas(runner, faulty):
    result = run(runner, "audit", faulty, "--select", "SG201, SG202", "--format", "json")
    assert {f["code"] for f in json.loads(result.stdout)["findings"]} == {"SG201", "SG202"}
    result = run(
        runner, "audit", faulty, "--select", "SG101,SG201", "--ignore", "SG101", "--format", "json"
    )
    assert {f["code"] for f in json.loads(result.stdout)["findings"]} == {"SG201"}


def test_audit_markdown(runner, faulty):
    result = run(runner, "audit", faulty, "--format", "markdown")
    assert result.stdout.startswith("# Audit: Eksempel Kommune 2013")
    assert (
        "| SG101 | An effect goal with no strategy, policy or vision above it | unanchored-goal |"
        in (result.stdout)
    )


@pytest.fixture(scope="module")
def audit_schema():
    text = resources.files("stratgraph").joinpath("audit-report.schema.json").read_text("utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("which", ["clean", "faulty"])
def test_audit_json_follows_its_documented_schema(runner, clean, faulty, audit_schema, which):
    path = clean if which == "clean" else faulty
    result = run(runner, "audit", path, "--format", "json")
    document = json.loads(result.stdout)
    assert list(audit_schema.iter_errors(document)) == []
    assert document["ok"] is (which == "clean")
    assert len(document["findings"]) == sum(document["counts"].values())


def test_audit_json_schema_rejects_a_wrong_document(audit_schema):
    wrong = {"format": "stratgraph-audit", "version": 1, "map": "x", "ok": "yes"}
    assert list(audit_schema.iter_errors(wrong))


def test_audit_config_file(runner, faulty, tmp_path):
    config = tmp_path / "audit.toml"
    config.write_text('ignore = ["SG301", "SG601", "SG501"]\noverload_limit = 10\n')
    result = run(runner, "audit", faulty, "--config", config, "--format", "json")
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert codes.isdisjoint({"SG301", "SG601", "SG501", "SG201"})


def test_audit_bad_config_is_one_message(runner, faulty, tmp_path):
    config = tmp_path / "audit.toml"
    config.write_text('select = ["SG999"]\n')
    assert_one_clean_error(run(runner, "audit", faulty, "--config", config), "SG999")


def test_audit_malformed_file(runner, malformed):
    assert_one_clean_error(run(runner, "audit", malformed), "did you mean 'S1'")


# -- convert, diff, example --------------------------------------------------------------------


def test_convert_to_danish_csv_and_back(runner, faulty, tmp_path):
    target = tmp_path / "mål.csv"
    result = run(
        runner, "convert", faulty, target, "--sep", ";", "--decimal", ",", "--encoding", "cp1252"
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(f"wrote {target}")
    assert target.read_bytes().decode("cp1252").startswith("id;type;title;parents")
    assert list(sg.read(target)) == list(sg.read(faulty))


def test_convert_csv_options_need_csv_on_one_side(runner, clean, tmp_path):
    result = run(runner, "convert", clean, tmp_path / "x.yaml", "--sep", ";")
    assert result.exit_code == 2
    assert "error: --sep does not apply to ren.yaml, a YAML file; it applies to CSV input" in (
        result.stderr
    )
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--sep", "|"], "sep='|' is not valid; give one of ',', ';', '\\t'"),
        (["--sep", ",", "--decimal", ","], "decimal=',' is not valid with sep=','; give a decimal"),
        (
            ["--encoding", "cp1252"],
            "the map holds '☃' in element 'S1', field 'title', which cp1252 cannot write",
        ),
    ],
)
def test_convert_to_csv_it_cannot_write_is_one_clean_error(runner, tmp_path, options, message):
    source = tmp_path / "sne.yaml"
    data = {**CLEAN, "elements": [{"id": "S1", "type": "strategi", "title": "Sne ☃"}]}
    del data["measurements"]  # of an element this map has not
    data.pop("links")
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    target = tmp_path / "sne.csv"
    assert_one_clean_error(run(runner, "convert", source, target, *options), message)
    assert not target.exists()


def test_convert_unknown_extension(runner, clean, tmp_path):
    assert_one_clean_error(run(runner, "convert", clean, tmp_path / "x.docx"), ".docx")


def test_convert_malformed(runner, malformed, tmp_path):
    result = run(runner, "convert", malformed, tmp_path / "x.yaml")
    assert_one_clean_error(result, "row 3")
    assert not (tmp_path / "x.yaml").exists()


def test_diff_of_the_two_example_years(runner):
    old, new = (sg.datasets.path(n) for n in sg.datasets.names())
    result = run(runner, "diff", old, new)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("G40") and "added" in line for line in lines)
    assert any(line.startswith("G6 ") and "removed" in line for line in lines)
    assert any(line.startswith("G4 ") and "under S1 → under S5" in line for line in lines)
    assert "goals kept 31/35" in lines[-1]


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_diff_formats(runner, fmt):
    old, new = (sg.datasets.path(n) for n in sg.datasets.names())
    result = run(runner, "diff", old, new, "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        assert {r["id"] for r in json.loads(result.stdout)} >= {"G40", "G41", "G6", "G3"}
    elif fmt == "csv":
        assert result.stdout.splitlines()[0].startswith("id,change,changes")
    else:
        assert result.stdout.startswith("| id | changes | before | after |")


def test_diff_of_a_map_with_itself(runner, clean):
    result = run(runner, "diff", clean, clean)
    assert result.exit_code == 0
    assert result.stdout.startswith("No changes.")


def test_diff_malformed(runner, clean, malformed):
    assert_one_clean_error(run(runner, "diff", clean, malformed), "mål.csv")


def test_example_writes_the_bundled_map(runner, tmp_path):
    target = tmp_path / "start.xlsx"
    result = run(runner, "example", target, "--year", "2012")
    assert result.exit_code == 0
    assert sg.read(target) == sg.datasets.load("eksempel-2012")


def test_example_never_overwrites(runner, tmp_path):
    target = tmp_path / "start.yaml"
    target.write_text("mine")
    result = run(runner, "example", target)
    assert result.exit_code == 2
    assert target.read_text() == "mine"


def test_example_unknown_option(runner, tmp_path):
    assert run(runner, "example", tmp_path / "x.yaml", "--colour").exit_code == 2


# -- plot and report ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["map", "overload", "cross-cutting", "budget"])
def test_plot_writes_a_figure(runner, faulty, tmp_path, kind):
    target = tmp_path / f"{kind}.png"
    result = run(runner, "plot", faulty, "-o", target, "--kind", kind, "--lang", "da")
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"\x89PNG")


def test_plot_colours_the_map_by_status(runner, faulty, tmp_path):
    target = tmp_path / "status.png"
    result = run(runner, "plot", faulty, "-o", target, "--color-by", "status", "--lang", "da")
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"\x89PNG")
    refused = run(runner, "plot", faulty, "-o", target, "--color-by", "heat")
    assert refused.exit_code == 2
    assert "'status'" in refused.output


def test_plot_chain_needs_an_element(runner, faulty, tmp_path):
    result = run(runner, "plot", faulty, "-o", tmp_path / "k.png", "--kind", "chain")
    assert result.exit_code == 2
    assert "--element" in result.stderr
    ok = run(runner, "plot", faulty, "-o", tmp_path / "k.pdf", "--kind", "chain", "--element", "G3")
    assert ok.exit_code == 0
    assert (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF")


def test_plot_unknown_element_is_one_message(runner, faulty, tmp_path):
    result = run(
        runner, "plot", faulty, "-o", tmp_path / "k.png", "--kind", "chain", "--element", "G300"
    )
    assert_one_clean_error(result, "G300")


def test_plot_malformed(runner, malformed, tmp_path):
    assert_one_clean_error(run(runner, "plot", malformed, "-o", tmp_path / "k.png"), "row 3")


def test_report_writes_every_part(runner, faulty, tmp_path):
    out = tmp_path / "rapport"
    old = tmp_path / "2012.yaml"
    sg.datasets.load("eksempel-2012").to_yaml(old)
    result = run(runner, "report", faulty, "-o", out, "--compare", old, "--lang", "da")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == str(out / "report.html")
    page = (out / "report.html").read_text(encoding="utf-8")
    for heading in (
        "Overblik",
        "Strategikortet",
        "Fund",
        "For mange mål pr. element",
        "Tværgående elementer",
        "Budget",
        "Ændringer siden",
    ):
        assert f"<h2>{heading}" in page, heading
    # The example is too large for one legible figure: an overview and one figure per policy.
    branches = [f"map-{k}" for k in range(1, 9)]
    # five figures, the status map and the progress panels, and the branches
    assert page.count('<img src="data:image/svg+xml;base64,') == 7 + len(branches)
    assert "http://" not in page.replace("http://www.w3.org", "")
    for name in ("map", *branches, "overload", "cross_cutting", "budget", "diff"):
        assert (out / "figures" / f"{name}.png").read_bytes().startswith(b"\x89PNG")
        assert (out / "figures" / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    book = openpyxl.load_workbook(out / "findings.xlsx")
    assert book.sheetnames == ["fund", "overblik"]  # a Danish report's workbook is Danish
    header = [c.value for c in book["fund"][1]]
    assert header == ["kode", "hvad reglen finder", "navn", "alvor", "element", "beskrivelse"]
    first = [c.value for c in book["fund"][2]]
    assert first[:3] == [
        "SG101",
        "Effektmål uden strategi, politik eller vision over sig",
        "unanchored-goal",
    ]
    figures = {row[0].value: row for row in book["overblik"].iter_rows(min_row=2)}
    assert [c.value for c in book["overblik"][1]] == ["id", "nøgletal", "værdi", "enhed"]
    assert figures["total_budget"][1].value == "Samlet budget"
    assert figures["total_budget"][2].number_format == "#,##0"  # 373.450.000 in a Danish Excel
    assert figures["total_budget"][3].value == "kr."
    assert figures["goals_measured_share"][3].value == "andel"
    assert book["fund"].max_row == 1 + 115  # the findings: 2 errors, 69 warnings, 44 info
    assert {c.value for c in book["fund"]["D"][1:]} == {"fejl", "advarsel", "bemærkning"}


def test_report_leaves_out_the_budget_of_a_view_without_its_levels(runner, faulty, tmp_path):
    out = tmp_path / "r"
    result = run(runner, "report", faulty, "-o", out, "--levels", "project")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert (
        '<p class="left-out" id="left-out-budget">Budget: left out, as the map has no element at '
        "the budget flow&#x27;s levels (strategy, effect goal, agreement).</p>"
    ) in page
    assert not (out / "figures" / "budget.png").exists()


def test_plot_budget_of_a_view_without_its_levels_says_nothing_to_show(runner, faulty, tmp_path):
    target = tmp_path / "b.png"
    result = run(runner, "plot", faulty, "--kind", "budget", "--levels", "project", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "stratgraph: warning: Nothing to show: the map has no element at the levels strategy, "
        "effect goal, agreement\n"
    )
    assert target.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("view", "named"),
    [(["--levels", "project"], "--levels project"), (["--focus", "P1", "--up", "0"], "--focus P1")],
)
def test_plot_chain_of_an_element_outside_the_view_says_so(runner, faulty, tmp_path, view, named):
    target = tmp_path / "kæde.png"
    result = run(runner, "plot", faulty, "--kind", "chain", "--element", "G1", *view, "-o", target)
    assert_one_clean_error(
        result, f"element 'G1' is in the map but not in the chosen view ({named})"
    )
    assert "not in the map" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("levels", [",,,", "", " , "])
def test_levels_that_name_no_level_are_a_usage_error(runner, faulty, tmp_path, levels):
    target = tmp_path / "kort.png"
    result = run(runner, "plot", faulty, "--levels", levels, "-o", target)
    assert_one_clean_error(
        result,
        f"--levels {levels!r} names no level; give level names separated by commas",
        "vision, policy, strategy, effect_goal, agreement, project",
    )
    assert not target.exists()


def test_report_malformed(runner, malformed, tmp_path):
    assert_one_clean_error(run(runner, "report", malformed, "-o", tmp_path / "r"), "row 3")
    assert not (tmp_path / "r" / "report.html").exists()


def test_console_script_runs_as_a_program(faulty):
    result = subprocess.run(  # noqa: S603 - this interpreter on a fixed module
        [sys.executable, "-m", "stratgraph", "audit", str(faulty), "--fail-on", "error"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("Audit of Eksempel Kommune 2013")
    assert result.stderr == ""


@pytest.mark.parametrize("command", [[], *([name] for name in main.commands)])
def test_help_keeps_each_example_on_a_line_of_its_own(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "\\b" not in result.output
    examples = [line for line in result.output.splitlines() if line.startswith("    stratgraph ")]
    assert examples, result.output
    assert all(line.count("stratgraph ") == 1 for line in examples)


def _run_with_terminal_stderr(args):
    """Run the command with stderr on a pseudo-terminal, as in an analyst's shell."""
    import os  # noqa: PLC0415
    import pty  # noqa: PLC0415

    master, slave = pty.openpty()
    try:
        result = subprocess.run(  # noqa: S603 - this interpreter on a fixed module
            [sys.executable, "-m", "stratgraph", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=slave,
            text=True,
            check=False,
            timeout=300,
        )
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end is closed: all is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if slave != -1:
            os.close(slave)
        os.close(master)
    return result, b"".join(chunks).decode("utf-8", "replace")


def test_report_shows_progress_on_a_terminal(faulty, tmp_path):
    result, terminal = _run_with_terminal_stderr(["report", faulty, "-o", tmp_path / "r"])
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == str(tmp_path / "r" / "report.html")
    assert "Reading" in terminal
    assert "Writing the report" in terminal
    # every step counted, the last one included; the example's measurements add the progress step
    assert "8/8  write" in terminal
    assert "None" not in terminal


def test_report_is_quiet_when_stderr_is_not_a_terminal(faulty, tmp_path):
    result = subprocess.run(  # noqa: S603 - this interpreter on a fixed module
        [sys.executable, "-m", "stratgraph", "report", str(faulty), "-o", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout == f"{tmp_path / 'r' / 'report.html'}\n"


def test_report_computes_each_analysis_once(monkeypatch, tmp_path):
    # The audit, the summary, the plots and the tables all ask for the same analyses; the map
    # keeps each result until it changes, so the report computes each of them once.
    computed: dict[str, int] = {}

    def counting(name, original):
        def counted(*args, **kwargs):
            computed[name] = computed.get(name, 0) + 1
            return original(*args, **kwargs)

        return counted

    for module_name, name in (
        ("structure", "_flags"),
        ("overload", "_by_element"),
        ("budget", "_rollup"),
        ("cross_cutting", "_find_groups"),
    ):
        module = importlib.import_module(f"stratgraph.analysis.{module_name}")
        monkeypatch.setattr(module, name, counting(name, getattr(module, name)))
    sg.write_report(sg.datasets.load("eksempel-2013"), tmp_path)
    # goal_overload twice (limit 5 for the audit and the table, None for the plot); groups by
    # the strategies (the audit, the table, the heatmap); the rest once.
    assert computed == {"_flags": 1, "_by_element": 2, "_rollup": 1, "_find_groups": 1}


def test_a_missing_parent_is_never_suggested_as_the_element_itself(tmp_path):
    path = tmp_path / "mål.csv"
    rows = "id;type;titel;forælder\r\nS1;strategi;Tidlig indsats;\r\nP2;projekt;Åbent hus;P2x\r\n"
    path.write_bytes(rows.encode("cp1252"))
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_csv(path)
    (problem,) = caught.value.problems
    assert problem.message == "element 'P2x' does not exist"
    assert problem.location.row == 3


def test_validate_prints_every_problem_one_per_line(runner, tmp_path):
    path = tmp_path / "mål.csv"
    rows = [f"G{i};effektmål;Mål {i};S{i}" for i in range(1, 61)]
    path.write_bytes(("id;type;titel;forælder\r\n" + "\r\n".join(rows) + "\r\n").encode("cp1252"))
    result = run(runner, "validate", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "stratgraph: error: the strategy map is not valid (60 problems):"
    assert len(lines) == 61
    assert "row 61" in lines[60]
    assert "element 'S60' does not exist" in lines[60]
    assert "more" not in result.stderr


def test_usage_hint_names_the_command_under_python_m(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "stratgraph", "convert", "--bogus"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith("(see 'stratgraph convert --help')")


def test_counts_agree_with_their_number(runner, tmp_path):
    source = tmp_path / "to.yaml"
    source.write_text(
        "elements:\n"
        "  - {id: S1, type: strategy, title: Tidlig indsats}\n"
        "  - {id: G1, type: effect_goal, title: Færre anbringelser, parents: [S1]}\n",
        encoding="utf-8",
    )
    result = run(runner, "validate", source)
    assert result.stdout == f"{source}: valid, 2 elements and 1 link\n"
    result = run(runner, "convert", source, tmp_path / "to.json")
    assert result.stdout == f"wrote {tmp_path / 'to.json'} (2 elements, 1 link)\n"
