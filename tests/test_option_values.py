"""Each option refuses a value of the wrong kind the same way, before anything is read or written.

A yes/no option takes only ``True``/``False`` (``overwrite="no"`` is true in Python and would
replace the user's files), a whole number takes numpy's whole numbers but not ``True``, and a
file name given where a map is wanted is a ``TypeError`` that says how to read it.
"""

import json
import math

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main

NOT_A_MAP = "expected a StrategyMap, got str ('x.yaml'); read a file with sg.read(...)"


@pytest.fixture
def small():
    return sg.StrategyMap(
        [
            {"id": "V", "type": "vision", "title": "Et godt liv"},
            {"id": "S1", "type": "strategy", "title": "Tidlig indsats", "parents": ["V"]},
            {"id": "G1", "type": "effect_goal", "title": "Færre anbringelser", "parents": ["S1"]},
            {"id": "A1", "type": "agreement", "title": "Aftale", "parents": ["G1"]},
            {"id": "P1", "type": "project", "title": "Familiehus", "parents": ["A1"]},
        ],
        name="Kort",
    )


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- overwrite and other yes/no options --------------------------------------------------------


def test_a_workbook_with_a_sheet_of_the_users_is_kept_when_overwrite_is_not_a_bool(small, tmp_path):
    path = tmp_path / "kort.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Mine"
    book.active["A1"] = "mine"
    book.save(path)
    with pytest.raises(sg.OptionError) as info:
        small.to_excel(path, overwrite="no")
    assert str(info.value) == "overwrite='no' is not valid; give True or False"
    assert openpyxl.load_workbook(path).sheetnames == ["Mine"]


def test_a_links_file_stratgraph_did_not_write_is_kept_when_overwrite_is_not_a_bool(
    small, tmp_path
):
    small.add_link("S1", "P1", kind="supports", note="fælles")
    theirs = tmp_path / "kort.links.csv"
    theirs.write_bytes("kilde;mål\r\nS1;P1\r\n".encode("cp1252"))
    with pytest.raises(sg.OptionError, match=r"^overwrite='no' is not valid; give True or False$"):
        small.to_csv(tmp_path / "kort.csv", overwrite="no")
    assert theirs.read_bytes() == "kilde;mål\r\nS1;P1\r\n".encode("cp1252")
    assert not (tmp_path / "kort.csv").exists()


@pytest.mark.parametrize(
    "call",
    [
        lambda m, p: m.to_archimate(p / "m.xml", overwrite="no"),
        lambda m, p: sg.io.write(m, p / "m.yaml", overwrite=1),
        lambda m, p: sg.io.write(m, p / "m.csv", overwrite="no"),
        lambda m, p: sg.explore(m).save(p / "m.html", overwrite="no"),
        lambda m, p: sg.write_report(m, p / "rapport", overwrite="no"),
    ],
    ids=["to_archimate", "write-yaml", "write-csv", "explore-save", "write_report"],
)
def test_every_writer_refuses_an_overwrite_that_is_not_a_bool(small, tmp_path, call):
    with pytest.raises(sg.OptionError) as info:
        call(small, tmp_path)
    assert str(info.value).startswith("overwrite=")
    assert str(info.value).endswith(" is not valid; give True or False")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("wrap", ["no", math.nan, [1], b"x", None])
def test_wrap_takes_only_true_or_false(small, wrap):
    for call in (sg.plot_map, lambda m, **o: sg.plot_chain(m, "G1", **o)):
        with pytest.raises(sg.OptionError) as info:
            call(small, wrap=wrap)
        assert str(info.value) == f"wrap={wrap!r} is not valid; give True or False"


def test_split_and_numpy_bools(small):
    with pytest.raises(sg.OptionError, match=r"^split='5' is not valid; give True or False$"):
        sg.budget_rollup(small, split="5")
    kept = sg.budget_rollup(small, split=np.bool_(False))  # noqa: FBT003 - numpy's own bool
    assert kept.equals(sg.budget_rollup(small, split=False))


# -- yes/no values where a number is meant -----------------------------------------------------


def test_true_in_a_json_map_is_not_read_as_the_number_one(tmp_path):
    data = {
        "name": "Kort",
        "elements": [
            {"id": "V", "type": "vision", "title": "Et godt liv"},
            {
                "id": "G1",
                "type": "effect_goal",
                "title": "Færre anbringelser",
                "parents": ["V"],
                "start": True,
                "budget": True,
                "indicators": [{"name": "Andel", "baseline": True, "target": False}],
            },
        ],
        "links": [{"source": "V", "target": "G1", "kind": "supports", "weight": True}],
    }
    path = tmp_path / "kort.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(sg.ValidationError) as info:
        sg.read(path)
    found = {(p.location.column, p.message) for p in info.value.problems}
    assert found == {
        ("start", "True is a yes/no value, not a number"),
        ("budget", "True is a yes/no value, not a number"),
        ("indicators[0].baseline", "True is a yes/no value, not a number"),
        ("indicators[0].target", "False is a yes/no value, not a number"),
        ("weight", "True is a yes/no value, not a number"),
    }
    path.write_text(json.dumps({"year": True, "elements": data["elements"][:1]}), encoding="utf-8")
    with pytest.raises(sg.ValidationError) as year:
        sg.read(path)
    assert [(p.location.column, p.message) for p in year.value.problems] == [
        ("year", "True is a yes/no value, not a number")
    ]


def test_true_given_in_python_is_not_a_number(small):
    with pytest.raises(sg.ValidationError) as info:
        small.add_element(id="P2", type="project", title="Nyt", budget=True, parents=["A1"])
    (problem,) = info.value.problems
    assert (problem.location.column, problem.message) == (
        "budget",
        "True is a yes/no value, not a number",
    )
    assert "P2" not in small
    with pytest.raises(sg.OptionError) as year:
        sg.StrategyMap(year=True)
    assert str(year.value) == (
        "year=True is not valid; give a whole number of 1 or more, or None (no year)"
    )
    assert sg.StrategyMap(year=np.int64(2024)).year == 2024


# -- numbers ------------------------------------------------------------------------------------


def test_the_smallest_thresholds_find_what_a_small_one_finds():
    m = sg.datasets.load("eksempel-2013")
    small = sg.near_duplicates(m, threshold=1e-10)
    assert len(small) == 502
    for tiny in (1e-20, 1e-300, 5e-324):
        assert sg.near_duplicates(m, threshold=tiny).equals(small)
        assert len(sg.near_duplicate_clusters(m, threshold=tiny)) == 1
    assert len(sg.audit(m, select=["SG4"], near_duplicate_threshold=1e-300).findings) == len(
        sg.audit(m, select=["SG4"], near_duplicate_threshold=1e-10).findings
    )


@pytest.mark.parametrize("seed", [None, math.nan, "5", 2.5, True, b"x", -1])
def test_a_seed_is_a_whole_number(seed):
    with pytest.raises(sg.OptionError) as info:
        sg.datasets.synthetic(20, seed=seed)
    assert str(info.value) == f"seed={seed!r} is not valid; give a whole number of 0 or more"


def test_numpy_whole_numbers_are_whole_numbers():
    m = sg.datasets.load("eksempel-2013")
    three = np.int64(3)
    assert sg.datasets.synthetic(np.int32(40), seed=three) == sg.datasets.synthetic(40, seed=3)
    assert sg.goal_overload(m, limit=three).equals(sg.goal_overload(m, limit=3))
    assert sg.cross_cutting(m, min_groups=np.int64(2)).equals(sg.cross_cutting(m, min_groups=2))
    same = sg.audit(m, overload_limit=three, cross_cutting_min_groups=np.int16(2))
    assert same.findings.equals(sg.audit(m, overload_limit=3, cross_cutting_min_groups=2).findings)
    assert sg.near_duplicates(m, threshold=np.float32(0.5)).equals(
        sg.near_duplicates(m, threshold=0.5)
    )


@pytest.mark.parametrize("limit", ["5", -1, math.nan, True])
def test_max_bytes_is_a_whole_number(tmp_path, limit):
    path = tmp_path / "kort.csv"
    path.write_bytes(b"id;type;title\r\nS1;strategy;a\r\n")
    with pytest.raises(sg.OptionError) as info:
        sg.read(path, max_bytes=limit)
    assert str(info.value) == (
        f"max_bytes={limit!r} is not valid; give a whole number of 0 or more, or None "
        "(the default limit)"
    )


def test_indent_of_the_audit_json(small):
    report = sg.audit(small)
    with pytest.raises(sg.OptionError) as info:
        report.to_json(indent="x")
    assert str(info.value) == (
        "indent='x' is not valid; give a whole number of 0 or more, or None (all on one line)"
    )
    assert json.loads(report.to_json(indent=np.int64(1))) == json.loads(report.to_json())


# -- CSV and workbook options -------------------------------------------------------------------


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "kort.csv"
    path.write_bytes("id;type;titel\r\nS1;strategi;Færre børn\r\n".encode("cp1252"))
    return path


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sep": 5}, "sep=5 is not valid; give one of ',', ';', '\\t', '|'"),
        ({"sep": "5"}, "sep='5' is not valid; give one of ',', ';', '\\t', '|'"),
        ({"sep": ""}, "sep='' is not valid; give one of ',', ';', '\\t', '|'"),
        ({"decimal": "5"}, "decimal='5' is not valid; give one of ',', '.'"),
        ({"name": ""}, "name='' is not valid; give a name for the map, or None (the file name)"),
    ],
)
def test_read_csv_options(csv_file, options, message):
    with pytest.raises(sg.OptionError) as info:
        sg.read_csv(csv_file, **options)
    assert str(info.value) == message


ENCODINGS = (
    "a text encoding such as 'utf-8' (or 'utf-8-sig' for Excel) or 'cp1252' (Danish Excel's CSV)"
)


@pytest.mark.parametrize("encoding", [3, b"utf-8", "nope", "rot13", ""])
def test_an_encoding_that_is_none_is_an_option_error_reading_and_writing(csv_file, small, encoding):
    with pytest.raises(sg.OptionError) as read:
        sg.read_csv(csv_file, encoding=encoding)
    assert str(read.value) == (
        f"encoding={encoding!r} is not valid; give {ENCODINGS}, or None (UTF-8, then Windows-1252)"
    )
    with pytest.raises(sg.OptionError) as written:
        small.to_csv(csv_file, encoding=encoding)
    assert str(written.value) == f"encoding={encoding!r} is not valid; give {ENCODINGS}"
    assert csv_file.read_bytes() == "id;type;titel\r\nS1;strategi;Færre børn\r\n".encode("cp1252")


def test_to_csv_options_in_the_standard_form(small):
    with pytest.raises(sg.OptionError) as sep:
        small.to_csv(sep=5)
    assert str(sep.value) == "sep=5 is not valid; give one of ',', ';', '\\t'"
    with pytest.raises(sg.OptionError) as encoding:
        small.to_csv(encoding=None)
    assert str(encoding.value) == f"encoding=None is not valid; give {ENCODINGS}"


def test_read_excel_options(small, tmp_path):
    path = tmp_path / "kort.xlsx"
    small.to_excel(path)
    with pytest.raises(sg.OptionError, match=r"^decimal='5' is not valid; give one of ',', '.'$"):
        sg.read_excel(path, decimal="5")
    with pytest.raises(sg.OptionError) as info:
        sg.read_excel(path, sheet=3)
    assert str(info.value) == (
        "sheet=3 is not valid; give a sheet name, or None (the elements sheet)"
    )


def test_format_is_an_option(small, tmp_path):
    with pytest.raises(sg.OptionError) as info:
        sg.read(tmp_path / "kort.yaml", format="toml")
    assert isinstance(info.value, sg.UnknownFormatError)
    assert str(info.value) == (
        "unknown format 'toml'; valid formats: yaml, json, csv, excel, graphml, archimate"
    )
    with pytest.raises(sg.OptionError, match=r"^unknown format 'md'; valid formats: yaml, "):
        sg.io.write(small, tmp_path / "kort.md", format="md")


# -- the other options ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2024-01-01", "date='2024-01-01' is not valid; give a datetime.date"),
        (5, "date=5 is not valid; give a datetime.date"),
        ("", "date='' is not valid; give a datetime.date"),
    ],
)
def test_the_report_date_is_a_date(small, tmp_path, date, message):
    with pytest.raises(sg.OptionError) as info:
        sg.write_report(small, tmp_path / "rapport", date=date)
    assert str(info.value).startswith(message)
    assert not (tmp_path / "rapport").exists()


def test_progress_is_a_function_and_the_folder_a_name(small, tmp_path):
    with pytest.raises(sg.OptionError) as info:
        sg.write_report(small, tmp_path / "rapport", progress=5)
    assert str(info.value) == (
        "progress=5 is not valid; give a function called with each step's name, or None"
    )
    with pytest.raises(sg.OptionError) as empty:
        sg.write_report(small, "")
    assert str(empty.value) == (
        "out_dir='' is not valid; give the name of a folder to write into, e.g. 'rapport'"
    )


@pytest.mark.parametrize(
    ("rc", "why"),
    [
        ("5", ""),
        (5, ""),
        ({"a": 1}, " ('a' is not an rcParam)"),
        ({"font.size": "x"}, " (Key font.size: Could not convert 'x' to float)"),
    ],
)
def test_memo_style_rc(rc, why):
    with pytest.raises(sg.OptionError) as info, sg.memo_style(rc=rc):
        pass
    assert str(info.value) == (
        f"rc={rc!r} is not valid; give a mapping of matplotlib rcParams such as "
        f"{{'font.size': 9}}, or None{why}"
    )


def test_levels_highlight_and_link_kinds(small):
    with pytest.raises(sg.OptionError, match=r"^levels=5 is not valid; give a list of two levels"):
        sg.plot_budget(small, levels=5)
    with pytest.raises(sg.OptionError) as highlight:
        sg.plot_map(small, highlight=b"x")
    assert str(highlight.value) == (
        "highlight=b'x' is not valid; give an element id, a list of ids or a DataFrame indexed "
        "by id (such as sg.orphaned_goals(m)), or None"
    )
    with pytest.raises(sg.OptionError) as kind:
        small.number_of_links("x")
    assert str(kind.value) == (
        "kind='x' is not valid; give a link kind or an alias: hierarchy (hierarki, parent, "
        "forælder); supports (support, understøtter, bidrager, bidrag); tension (spænding, "
        "dilemma), or None (every link)"
    )


def test_the_audit_names_cross_cutting_by_once(small):
    with pytest.raises(sg.ConfigError) as info:
        sg.audit(small, cross_cutting_by="")
    assert str(info.value).startswith(
        "cross_cutting_by='' is not valid; give a level of the map's schema: vision ("
    )


def test_map_keywords_are_options_not_columns():
    with pytest.raises(sg.OptionError) as name:
        sg.StrategyMap(name=5)
    assert str(name.value) == "name=5 is not valid; give a name for the map"
    with pytest.raises(sg.OptionError, match=r"^name='' is not valid; give a name for the map$"):
        sg.StrategyMap(name="")
    frame = pd.DataFrame({"id": ["S1"], "type": ["strategy"], "title": ["Tidlig indsats"]})
    with pytest.raises(sg.OptionError) as currency:
        sg.from_frames(frame, currency=12)
    assert str(currency.value) == "currency=12 is not valid; give a currency code such as 'DKK'"


# -- what is given instead of a map, a frame or a graph --------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        sg.orphans,
        sg.orphaned_goals,
        sg.goal_overload,
        sg.level_skips,
        sg.budget_rollup,
        sg.tensions,
        sg.near_duplicates,
        sg.near_duplicate_clusters,
        sg.indicator_coverage,
        sg.plot_overload,
        sg.plot_budget,
        sg.plot_cross_cutting,
        sg.audit,
        sg.summary,
        sg.cross_cutting,
        sg.cross_cutting_matrix,
        sg.plot_map,
        sg.explore,
        sg.layered_layout,
        lambda x: sg.line_of_sight(x, "G1"),
        lambda x: sg.plot_chain(x, "G1"),
        lambda x: sg.io.write(x, "a.yaml"),
        lambda x: sg.write_report(x, "rapport"),
    ],
)
def test_a_file_name_given_for_a_map_says_how_to_read_it(call, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TypeError) as info:
        call("x.yaml")
    assert str(info.value) == NOT_A_MAP
    assert list(tmp_path.iterdir()) == []


def test_a_second_map_and_other_objects_are_named(small, tmp_path):
    for call in (sg.diff, sg.diff_summary, sg.plot_diff):
        with pytest.raises(TypeError) as info:
            call(small, "x.yaml")
        assert str(info.value) == "new: " + NOT_A_MAP
    with pytest.raises(TypeError) as compare:
        sg.write_report(small, tmp_path / "rapport", compare="x.yaml")
    assert str(compare.value) == "compare: " + NOT_A_MAP
    with pytest.raises(TypeError) as graph:
        sg.plot_map(nx.DiGraph())
    assert str(graph.value).startswith("expected a StrategyMap, got DiGraph (<networkx.")
    with pytest.raises(TypeError) as none:
        sg.plot_map(None)
    assert str(none.value) == (
        "expected a StrategyMap, got NoneType (None); read a file with sg.read(...)"
    )


def test_wrong_shapes_of_input_say_what_is_expected():
    with pytest.raises(TypeError) as frames:
        sg.from_frames([{"id": "S1"}])
    assert str(frames.value) == (
        "elements: expected a pandas DataFrame, got list ([{'id': 'S1'}]); make one with "
        "pd.DataFrame(...), or build the map with sg.StrategyMap(elements, links) from a list "
        "of dicts"
    )
    with pytest.raises(TypeError) as graph:
        sg.from_networkx(nx.path_graph(3))
    assert str(graph.value) == (
        "expected a directed networkx graph (nx.DiGraph), got Graph; a link points from parent "
        "to child, so build the graph as nx.DiGraph with edges parent → child"
    )
    elements = [{"id": "V", "type": "vision", "title": "v"}]
    with pytest.raises(TypeError) as links:
        sg.StrategyMap(elements, links=[("V", "S1")])
    assert str(links.value) == (
        "links[0] is tuple (('V', 'S1')), not a Link or a mapping; give a list of items, each a "
        "Link or a mapping of its fields such as {'source': 'V', 'target': 'S1'}"
    )
    with pytest.raises(TypeError) as number:
        sg.StrategyMap([5])
    assert str(number.value).startswith("elements[0] is int (5), not an Element or a mapping; ")


# -- the audit configuration file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ("select = ['SG101'] # æ\n".encode("latin-1"), "is not UTF-8 text ("),
        ("select = ['SG101']\n".encode("utf-16"), "is not UTF-8 text ("),
        (b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "is nested too deeply to be an audit"),
        (b"tool = 5\n", "has a [tool] table but no [tool.stratgraph.audit] table"),
        (b'tool = "x"\n', "has a [tool] table but no [tool.stratgraph.audit] table"),
        (b"[tool]\nstratgraph = 5\n", "has a [tool] table but no [tool.stratgraph.audit] table"),
    ],
)
def test_a_bad_audit_file_is_one_config_error(small, tmp_path, content, what):
    path = tmp_path / "audit.toml"
    path.write_bytes(content)
    with pytest.raises(sg.ConfigError) as info:
        sg.audit(small, config=path)
    assert what in str(info.value)
    assert repr(str(path)) in str(info.value)


def test_an_audit_file_that_is_a_folder_is_named(small, tmp_path):
    (tmp_path / "x.toml").mkdir()
    with pytest.raises(sg.ConfigError) as info:
        sg.audit(small, config=tmp_path / "x.toml")
    assert str(info.value) == (
        f"audit config file {str(tmp_path / 'x.toml')!r} is a folder; give a TOML file of audit "
        "options"
    )


# -- the command line ---------------------------------------------------------------------------


def test_the_command_line_does_not_offer_a_format_option(small, tmp_path):
    small.to_yaml(tmp_path / "kort.yaml")
    result = CliRunner().invoke(
        main, ["convert", str(tmp_path / "kort.yaml"), str(tmp_path / "x.md")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "stratgraph: error: cannot tell the format of 'x.md' from its extension '.md'; use one of "
    )
    assert "format=" not in result.stderr


def test_a_report_folder_that_cannot_be_made_is_said_so(small, tmp_path):
    small.to_yaml(tmp_path / "kort.yaml")
    (tmp_path / "fil").write_text("ikke en mappe")
    target = tmp_path / "fil" / "rapport"
    result = CliRunner().invoke(main, ["report", str(tmp_path / "kort.yaml"), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"stratgraph: error: cannot make the report folder {target} (Not a directory); give a "
        "folder in a place you can write to\n"
    )


# -- ArchiMate keeps a text of spaces -----------------------------------------------------------


@pytest.mark.parametrize("text", [" ", "\xa0"])
def test_archimate_keeps_a_status_and_owner_of_spaces(tmp_path, text):
    m = sg.StrategyMap([{"id": "V", "type": "vision", "title": "v", "status": text, "owner": text}])
    m.to_archimate(tmp_path / "kort.xml")
    back = sg.read(tmp_path / "kort.xml")
    assert (back["V"].status, back["V"].owner) == (text, text)
    assert back == m
