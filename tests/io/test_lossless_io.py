"""Nothing a file holds is dropped silently, and no input gives a traceback.

Each test is a reproducer: a value that was lost without a word, or an input that crashed.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
import textwrap
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main


def _one_element(**attrs):
    return sg.StrategyMap([{"id": "S1", "type": "strategy", "title": "A", "attrs": attrs}])


# -- YAML: text as written (YAML 1.2) -----------------------------------------------------------


def test_yaml_text_fields_keep_the_text_written(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(
        "name: 2013\n"
        "elements:\n"
        "  - {id: 010, type: strategy, title: 12:30, owner: 0x1F, budget: 010}\n"
        "  - {id: G1, type: effect_goal, title: yes, parents: [010], agenda: [1_000, 1e3]}\n",
        encoding="utf-8",
    )
    m = sg.read(path)
    assert [e.id for e in m] == ["010", "G1"]
    assert (m["010"].title, m["010"].owner, m["010"].budget) == ("12:30", "0x1F", 10.0)
    assert (m["G1"].title, m["G1"].agenda) == ("yes", ("1_000", "1e3"))
    assert m.parents("G1") == ["010"]
    assert m.name == "2013"
    assert m.warnings == ()


def test_yaml_attributes_round_trip_text_that_either_yaml_reads_as_a_number(tmp_path):
    m = _one_element(a="0o17", b="1e3", c="12:30", d="yes", e="010", n=7, f=2.5)
    path = tmp_path / "kort.yaml"
    m.to_yaml(path)
    assert sg.read(path)["S1"].attrs == dict(m["S1"].attrs)


def test_yaml_binary_value_is_one_clean_error(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text("elements:\n - {id: S1, type: strategy, title: A, x: !!binary aGVq}\n")
    with pytest.raises(sg.ReadError, match=r"kort.yaml, line 2: the tag .*binary"):
        sg.read(path)


def test_yaml_date_and_number_keys_are_attribute_names(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text("elements:\n - {id: S1, type: strategy, title: A, 2013-01-01: x, 5: y}\n")
    m = sg.read(path)
    assert m["S1"].attrs == {"2013-01-01": "x", "5": "y"}
    out = tmp_path / "ud.json"
    m.to_json(out)
    assert sg.read(out) == m


# -- nesting ------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [150, 990])
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_deep_attribute_is_an_error_not_a_crash_on_writing(tmp_path, depth, suffix):
    path = tmp_path / f"kort{suffix}"
    value = "[" * depth + "]" * depth
    if suffix == ".yaml":
        path.write_text(f"elements:\n - {{id: S1, type: strategy, title: A, x: {value}}}\n")
    else:
        path.write_text(
            f'{{"elements": [{{"id": "S1", "type": "strategy", "title": "A", "x": {value}}}]}}'
        )
    # Either the parser refuses it, or the model does: never a RecursionError on writing.
    with pytest.raises((sg.ValidationError, sg.ReadError), match="nested"):
        sg.read(path)


def test_deep_json_in_graphml_attrs_is_a_problem(tmp_path):
    m = _one_element(x="y")
    path = tmp_path / "kort.graphml"
    m.to_graphml(path)
    deep = "[" * 3000 + "]" * 3000
    path.write_text(
        path.read_text().replace('{"x": "y"}', deep).replace("{&quot;x&quot;: &quot;y&quot;}", deep)
    )
    with pytest.raises(sg.ValidationError, match="column 'attrs', element 'S1'"):
        sg.read(path)


def test_deep_schema_json_in_excel_is_one_error(tmp_path):
    path = tmp_path / "kort.xlsx"
    _one_element(x="y").to_excel(path)
    book = openpyxl.load_workbook(path)
    book["map"]["B5"] = '{"levels": ' + "[" * 3000 + "]" * 3000 + "}"
    book.save(path)
    with pytest.raises(sg.ReadError, match=r"kort.xlsx, sheet 'map', row 5.*nested too deeply"):
        sg.read(path)


# -- values a format could not hold --------------------------------------------------------------

ODD = {
    "nan": float("nan"),
    "inf": float("inf"),
    "liste": [1, "to", None],
    "kort": {"a": [1, 2], "b": {"c": "d"}},
    "tekst": "json: ikke json",
}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".graphml", ".yaml", ".json"])
def test_odd_attributes_round_trip(tmp_path, suffix):
    m = _one_element(**ODD)
    path = tmp_path / f"kort{suffix}"
    m.write(path)
    back = sg.read(path)["S1"].attrs
    assert set(back) == set(ODD)
    assert math.isnan(back["nan"])
    assert back["inf"] == math.inf
    assert (back["liste"], back["kort"], back["tekst"]) == (ODD["liste"], ODD["kort"], ODD["tekst"])


def test_a_cell_marked_json_that_is_not_json_is_named(tmp_path):
    path = tmp_path / "kort.csv"
    path.write_text("id,type,title,x\nS1,strategy,A,json:[1,\n", encoding="utf-8")
    # The comma in the cell splits it: the row is one field too long, which is named as well.
    with (
        pytest.raises(sg.ValidationError, match=r"kort.csv, row 2, column 'x'.*not valid JSON"),
        pytest.warns(sg.ReadWarning, match="row 2 has 5 fields but the header has 4"),
    ):
        sg.read(path)


def _excel_times(path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "elements"
    ws.append(["id", "type", "title", "tid", "varighed"])
    ws.append(["S1", "strategy", "A", dt.time(12, 30), dt.timedelta(days=1, hours=12, minutes=30)])
    ws["E2"].number_format = "[h]:mm:ss"
    book.save(path)


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".yaml", ".csv", ".xlsx"])
def test_excel_times_and_durations_are_written_as_the_text_excel_shows(tmp_path, suffix):
    source = tmp_path / "tider.xlsx"
    _excel_times(source)
    m = sg.read(source)
    assert m["S1"].attrs == {"tid": "12:30:00", "varighed": "36:30:00"}
    out = tmp_path / f"ud{suffix}"
    m.write(out)
    assert sg.read(out)["S1"].attrs == m["S1"].attrs


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_python_times_are_written_as_text(tmp_path, suffix):
    m = _one_element(tid=dt.time(8, 15), varighed=dt.timedelta(minutes=90))
    out = tmp_path / f"ud{suffix}"
    m.write(out)
    assert sg.read(out)["S1"].attrs == {"tid": "08:15:00", "varighed": "1:30:00"}


# -- Excel --------------------------------------------------------------------------------------


def test_excel_refuses_text_it_would_cut(tmp_path):
    m = sg.StrategyMap(
        [{"id": "S1", "type": "strategy", "title": "A", "description": "x" * 40_000}]
    )
    path = tmp_path / "kort.xlsx"
    with pytest.raises(
        sg.ValidationError, match=r"sheet 'elements', column 'description', element 'S1'.*32,767"
    ):
        m.to_excel(path)
    assert not path.exists()


def _formula_book(path, *, cached):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "elements"
    ws.append(["id", "type", "title", "budget"])
    ws.append(["S1", "strategy", "A", "=100+150"])
    book.save(path)
    if cached:  # as Excel saves it: the formula with the value it computed
        member = "xl/worksheets/sheet1.xml"
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        parts[member] = parts[member].replace(b"<f>100+150</f><v></v>", b"<f>100+150</f><v>250</v>")
        parts[member] = parts[member].replace(b"<f>100+150</f><v />", b"<f>100+150</f><v>250</v>")
        with zipfile.ZipFile(path, "w") as z:
            for n, data in parts.items():
                z.writestr(n, data)


def test_excel_formula_without_a_value_is_named(tmp_path):
    path = tmp_path / "kort.xlsx"
    _formula_book(path, cached=False)
    with pytest.warns(sg.ReadWarning, match="cell D2 holds a formula that was never computed"):
        m = sg.read(path)
    assert m["S1"].budget is None
    assert m.warnings[0].location == sg.Location(file="kort.xlsx", sheet="elements", row=2)


def test_excel_formula_with_a_value_reads_the_value(tmp_path):
    path = tmp_path / "kort.xlsx"
    _formula_book(path, cached=True)
    m = sg.read(path)
    assert m["S1"].budget == 250
    assert m.warnings == ()


def test_excel_metadata_error_names_its_cell(tmp_path):
    path = tmp_path / "kort.xlsx"
    _one_element(x="y").to_excel(path)
    book = openpyxl.load_workbook(path)
    book["map"]["B3"] = "sidste år"
    book.save(path)
    with pytest.raises(sg.ValidationError, match=r"kort.xlsx, sheet 'map', row 3, column 'year'"):
        sg.read(path)


def test_yaml_metadata_error_names_its_line(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text("name: A\nyear: sidste år\nelements: []\n")
    with pytest.raises(sg.ValidationError, match=r"kort.yaml, line 2, column 'year'"):
        sg.read(path)


def test_full_disk_writing_excel_is_one_clean_error(tmp_path):
    script = textwrap.dedent(
        f"""
        import resource, signal, stratgraph as sg
        m = sg.datasets.synthetic(3000, seed=1)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
        try:
            m.to_excel({str(tmp_path / "kort.xlsx")!r})
        except sg.WriteError as err:
            print("WriteError:", err)
        """
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout.startswith("WriteError: kort.xlsx cannot be written (File too large)")
    assert done.stderr == ""
    assert not (tmp_path / "kort.xlsx").exists()


@pytest.mark.parametrize("suffix", ["yaml", "json", "csv", "graphml"])
def test_full_disk_writing_any_format_is_one_error_naming_the_file(tmp_path, suffix):
    script = textwrap.dedent(
        f"""
        import resource, signal, stratgraph as sg
        m = sg.datasets.synthetic(3000, seed=1)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
        try:
            m.write({str(tmp_path / ("kort." + suffix))!r})
        except sg.WriteError as err:
            print("WriteError:", err)
        """
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout.startswith(f"WriteError: kort.{suffix} cannot be written"), done.stderr
    assert done.stderr == ""
    assert not (tmp_path / f"kort.{suffix}").exists()


def test_memory_error_while_reading_is_one_clean_error(tmp_path):
    path = tmp_path / "stor.csv"
    path.write_text("id,type,title\nS1,strategy," + "x" * 200_000_000 + "\n")
    script = textwrap.dedent(
        f"""
        import resource, stratgraph as sg, pandas, openpyxl
        used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        resource.setrlimit(resource.RLIMIT_AS, (used + 2**30, used + 2**30))
        try:
            sg.read({str(path)!r})
        except sg.ReadError as err:
            print("ReadError:", err)
        """
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout.startswith("ReadError: stor.csv: ran out of memory"), done.stderr[-500:]


# -- GraphML ------------------------------------------------------------------------------------


def test_graphml_second_graph_is_an_error(tmp_path):
    path = tmp_path / "kort.graphml"
    _one_element(x="y").to_graphml(path)
    text = path.read_text()
    path.write_text(
        text.replace("</graphml>", '<graph id="andet" edgedefault="directed"/></graphml>')
    )
    with pytest.raises(sg.ReadError, match=r"kort.graphml: holds a second graph \('andet'\)"):
        sg.read(path)


@pytest.mark.parametrize("value", ["[1, 2]", "7"])
def test_graphml_attrs_not_an_object_is_named(tmp_path, value):
    path = tmp_path / "kort.graphml"
    _one_element(x="y").to_graphml(path)
    text = path.read_text()
    path.write_text(
        text.replace("{&quot;x&quot;: &quot;y&quot;}", value).replace('{"x": "y"}', value)
    )
    with pytest.raises(
        sg.ValidationError, match=r"column 'attrs', element 'S1': attrs must be a mapping"
    ):
        sg.read(path)


# -- CSV encodings ------------------------------------------------------------------------------


def test_mac_roman_csv_is_named_and_reads_right_when_told(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_bytes(
        "id;type;titel;ejer\nS1;strategi;Færre anbringelser;Børn\n".encode("mac_roman")
    )
    with pytest.warns(sg.ReadWarning, match="encoding='mac_roman'"):
        m = sg.read(path)
    assert m.warnings[0].location == sg.Location(file="mål.csv", row=2, column="titel")
    told = sg.read(path, encoding="mac_roman")
    assert (told["S1"].title, told["S1"].owner) == ("Færre anbringelser", "Børn")


def test_danish_cp1252_csv_gives_no_encoding_warning(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_bytes("id;type;titel\nS1;strategi;Færre børn på ½ tid, 3 ® \n".encode("cp1252"))
    assert sg.read(path).warnings == ()


def test_unknown_csv_encoding_is_one_clean_error(tmp_path):
    with pytest.raises(sg.OptionError) as info:
        _one_element(x="y").to_csv(tmp_path / "kort.csv", encoding="bogus")
    assert str(info.value) == (
        "encoding='bogus' is not valid; give a text encoding such as 'utf-8' (or 'utf-8-sig' for "
        "Excel) or 'cp1252' (Danish Excel's CSV)"
    )
    with pytest.raises(sg.OptionError) as read:  # reading says the same, and what None does
        sg.read_csv(tmp_path / "none.csv", encoding="bogus")
    assert str(read.value) == str(info.value) + ", or None (UTF-8, then Windows-1252)"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-32-le"])
def test_utf16_csv_is_written_so_it_reads_back(tmp_path, encoding):
    m = sg.StrategyMap([{"id": "S1", "type": "strategy", "title": "Færre"}])
    path = tmp_path / "kort.csv"
    m.to_csv(path, encoding=encoding)
    assert sg.read(path)["S1"].title == "Færre"


def test_csv_encoding_that_cannot_be_read_back_is_refused(tmp_path):
    with pytest.raises(sg.OptionError, match=r"^encoding='cp037' is not valid; give a text enc"):
        _one_element(x="y").to_csv(tmp_path / "kort.csv", encoding="cp037")


# -- the command line ---------------------------------------------------------------------------


@pytest.fixture
def two_years(tmp_path):
    old, new = tmp_path / "gammel.yaml", tmp_path / "ny.yaml"
    old.write_text("elements:\n - {id: S1, type: strategy, title: A}\n")
    new.write_text(
        "elements:\n - {id: S1, type: strategy, title: '=HYPERLINK(\"x\")'}\n"
        " - {id: '@S2', type: strategy, title: '+1'}\n"
    )
    return old, new


def test_diff_csv_neutralises_formulas(two_years):
    result = CliRunner().invoke(main, ["diff", *map(str, two_years), "--format", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for line in lines[1:]:
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), line
    assert "'=HYPERLINK" in result.stdout
    assert "'@S2" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["validate"], "Missing argument 'FILE'"),
        (["validatx"], "No such command 'validatx'"),
        (["audit", "x.yaml", "--fail-on", "nej"], "Invalid value for '--fail-on'"),
    ],
)
def test_usage_errors_are_one_line(args, words):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("stratgraph: error: ")
    assert words in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_convert_with_bogus_encoding_is_one_line(tmp_path):
    source = tmp_path / "kort.yaml"
    source.write_text("elements:\n - {id: S1, type: strategy, title: A}\n")
    result = CliRunner().invoke(
        main, ["convert", str(source), str(tmp_path / "ud.csv"), "--encoding", "bogus"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "stratgraph: error: encoding='bogus' is not valid; give a text encoding such as 'utf-8' "
        "(or 'utf-8-sig' for Excel) or 'cp1252' (Danish Excel's CSV)\n"
    )


def test_a_huge_header_is_not_echoed_whole(tmp_path):
    path = tmp_path / "kort.csv"
    path.write_text("ident,type," + "x" * 10_000_000 + "\nS1,strategy,A\n")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert len(result.stderr) < 1000
    assert "x" * 59 + "…" in result.stderr


def test_the_map_sheet_neutralises_what_a_spreadsheet_would_run(tmp_path):
    smap = sg.StrategyMap(
        [{"id": "S1", "type": "strategy", "title": "S"}],
        name="=HYPERLINK(1)",
        organisation="@kommune",
    )
    path = tmp_path / "kort.xlsx"
    smap.to_excel(path)
    sheet = openpyxl.load_workbook(path)["map"]
    values = {row[0].value: row[1].value for row in sheet.iter_rows()}
    assert values["name"] == "'=HYPERLINK(1)"
    assert values["organisation"] == "'@kommune"
    back = sg.read_excel(path)
    assert (back.name, back.organisation) == ("=HYPERLINK(1)", "@kommune")
