"""The reading options of every command that reads a map, and how read warnings are shown."""

import csv
import io

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main

ROWS = [
    ("id", "type", "titel", "forælder", "budget"),
    ("V1", "vision", "Et godt sted at leve – også i Nørreby", "", ""),
    ("S1", "strategi", "Tidlig indsats", "V1", ""),
    ("G1", "effektmål", "Færre anbringelser", "S1", "1.234,50"),
    ("A1", "aftale", "Aftale med Familieafdelingen", "G1", "750.000"),
]


def danish_csv(path, rows=ROWS):
    """Write rows as Danish Excel saves CSV: cp1252, ``;``, CRLF."""
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows(rows)
    path.write_bytes(text.getvalue().encode("cp1252"))
    return path


def workbook(path, rows=ROWS):
    """Write a workbook whose first sheet is a cover page and whose map is on sheet 'Mål 2013'."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Forside"
    cover.append(["Mål- og rammeaftaler 2013"])
    sheet = book.create_sheet("Mål 2013")
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def assert_usage_error(result, line):
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith(f"stratgraph: error: {line} (see 'stratgraph ")
    assert "Traceback" not in result.output


def test_validate_passes_sep_and_encoding_to_the_csv_reader(runner, tmp_path):
    path = danish_csv(tmp_path / "mål.csv")
    good = run(runner, "validate", path, "--sep", ";", "--encoding", "cp1252", "--decimal", ",")
    assert good.exit_code == 0, good.output
    assert good.stdout == f"{path}: valid, 4 elements and 3 links\n"
    # The options really reach the reader: the wrong ones make it fail.
    wrong_encoding = run(runner, "validate", path, "--encoding", "utf-8")
    assert wrong_encoding.exit_code == 2
    assert "mål.csv: cannot be read as utf-8" in wrong_encoding.stderr
    wrong_sep = run(runner, "validate", path, "--sep", ",")
    assert wrong_sep.exit_code == 2


def test_convert_reads_a_danish_csv_with_the_options_given(runner, tmp_path):
    source = danish_csv(tmp_path / "mål.csv")
    target = tmp_path / "mål.yaml"
    args = ("--sep", ";", "--decimal", ",", "--encoding", "cp1252")
    result = run(runner, "convert", source, target, *args)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    budgets = {e["id"]: e.get("budget") for e in data["elements"]}
    assert budgets == {"V1": None, "S1": None, "G1": 1234.5, "A1": 750000}
    assert data["elements"][0]["title"] == "Et godt sted at leve – også i Nørreby"


def test_convert_to_csv_writes_with_the_csv_options(runner, tmp_path):
    source = workbook(tmp_path / "mål.xlsx")
    target = tmp_path / "ud.csv"
    result = run(runner, "convert", source, target, "--sheet", "Mål 2013", "--sep", ";")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").splitlines()[0].startswith("id;type;title;")


def test_audit_reads_the_sheet_given(runner, tmp_path):
    path = workbook(tmp_path / "mål.xlsx")
    without = run(runner, "audit", path)
    assert without.exit_code == 2  # the cover page is not a map
    result = run(
        runner, "audit", path, "--sheet", "Mål 2013", "--select", "SG1", "--fail-on", "error"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Audit of mål: 0 errors, 0 warnings, 0 info"


def test_plot_reads_with_a_schema_file(runner, tmp_path):
    schema = tmp_path / "kæde.yaml"
    schema.write_text(
        "goal_level: goal\nlevels:\n  - name: goal\n    aliases: [mål]\n"
        "  - name: action\n    aliases: [handling]\n",
        encoding="utf-8",
    )
    path = danish_csv(
        tmp_path / "kæde.csv",
        [("id", "type", "titel", "forælder"), ("G1", "mål", "Rent vand", ""),
         ("H1", "handling", "Nye rør", "G1")],
    )  # fmt: skip
    figure = tmp_path / "kort.png"
    result = run(runner, "plot", path, "-o", figure, "--schema", schema, "--sep", ";")
    assert result.exit_code == 0, result.output
    assert figure.read_bytes().startswith(b"\x89PNG")


def test_diff_reads_both_files_with_the_options(runner, tmp_path):
    old = danish_csv(tmp_path / "2012.csv")
    new = danish_csv(
        tmp_path / "2013.csv",
        [*ROWS[:3], ("G1", "effektmål", "Færre anbringelser i 2013", "S1", "")],
    )
    result = run(runner, "diff", old, new, "--sep", ";", "--encoding", "cp1252", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == ["id", "G1", "A1"]


def test_report_reads_the_sheet_given(runner, tmp_path):
    path = workbook(tmp_path / "mål.xlsx")
    out = tmp_path / "rapport"
    result = run(runner, "report", path, "-o", out, "--sheet", "Mål 2013", "--decimal", ",")
    assert result.exit_code == 0, result.output
    assert "Et godt sted at leve" in (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("command", "option", "value", "file", "line"),
    [
        ("validate", "--sheet", "Mål", "mål.csv",
         "--sheet does not apply to mål.csv, a CSV file; it applies to Excel input"),
        ("audit", "--encoding", "cp1252", "mål.xlsx",
         "--encoding does not apply to mål.xlsx, an Excel file; it applies to CSV input"),
        ("diff", "--decimal", ",", "mål.yaml",
         "--decimal does not apply to mål.yaml, a YAML file; it applies to CSV and Excel input"),
        ("plot", "--sep", ";", "mål.graphml",
         "--sep does not apply to mål.graphml, a GraphML file; it applies to CSV input"),
        ("report", "--sheet", "Mål", "mål.json",
         "--sheet does not apply to mål.json, a JSON file; it applies to Excel input"),
        ("convert", "--sheet", "Mål", "mål.csv",
         "--sheet does not apply to mål.csv, a CSV file; it applies to Excel input"),
        ("validate", "--sep", ";", "model.xml",
         "--sep does not apply to model.xml, an ArchiMate file; it applies to CSV input"),
        ("audit", "--decimal", ",", "model.xml",
         ("--decimal does not apply to model.xml, an ArchiMate file; it applies to CSV and "
          "Excel input")),
    ],
)  # fmt: skip
def test_an_option_the_format_cannot_take_is_a_usage_error(  # noqa: PLR0917 - parametrized
    runner, tmp_path, command, option, value, file, line
):
    path = tmp_path / file
    sg.StrategyMap([{"id": "G1", "type": "effektmål", "title": "Mål"}]).write(path)
    extra = {
        "diff": [path],
        "plot": ["-o", tmp_path / "x.png"],
        "report": ["-o", tmp_path / "r"],
        "convert": [tmp_path / "x.yaml"],
    }.get(command, [])
    result = run(runner, command, path, *extra, option, value)
    assert_usage_error(result, line)


def test_an_xml_file_is_named_by_the_format_its_root_element_says(runner, tmp_path):
    path = tmp_path / "mål.xml"
    sg.StrategyMap([{"id": "G1", "type": "effektmål", "title": "Mål"}]).to_graphml(path)
    result = run(runner, "validate", path, "--sep", ";")
    assert_usage_error(
        result, "--sep does not apply to mål.xml, a GraphML file; it applies to CSV input"
    )


def test_read_warnings_are_printed_one_a_line(runner, tmp_path):
    schema = tmp_path / "kæde.yaml"
    schema.write_text("goal_level: goal\nlevels: [goal, action]\n", encoding="utf-8")
    maps = []
    for year in (2012, 2013):
        path = tmp_path / f"{year}.yaml"
        elements = [{"id": "G1", "type": "goal", "title": f"Rent vand {year}"}]
        path.write_text(yaml.safe_dump({"schema": "okr", "elements": elements}), "utf-8")
        maps.append(path)
    result = run(runner, "diff", *maps, "--schema", schema)
    assert result.exit_code == 0, result.output
    said = (
        "line 1: the file declares the schema 'okr', but it was read with the schema given to "
        "the reader, 'custom' (goal, action); leave out --schema (schema=) to read it with its own"
    )
    assert result.stderr.splitlines() == [
        f"stratgraph: warning: 2012.yaml, {said}",
        f"stratgraph: warning: 2013.yaml, {said}",
    ]
    assert "G1" in result.stdout
