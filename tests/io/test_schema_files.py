"""``schema=`` in every form: a preset, a Schema, a mapping, or a YAML, JSON or TOML file."""

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main

SDG = {
    "name": "sdg",
    "goal_level": "target",
    "measure_level": "indicator",
    "money": False,
    "levels": [
        {"name": "agenda", "label_da": "Dagsorden"},
        {"name": "goal", "aliases": ["mål", "verdensmål"], "label_da": "Verdensmål"},
        {"name": "target", "aliases": ["delmål"], "label_da": "Delmål"},
        {"name": "indicator", "aliases": ["indikator"], "label_da": "Indikator"},
    ],
}

SDG_TOML = """\
name = "sdg"
goal_level = "target"
measure_level = "indicator"
money = false

[[levels]]
name = "agenda"
label_da = "Dagsorden"

[[levels]]
name = "goal"
aliases = ["mål", "verdensmål"]
label_da = "Verdensmål"

[[levels]]
name = "target"
aliases = ["delmål"]
label_da = "Delmål"

[[levels]]
name = "indicator"
aliases = ["indikator"]
label_da = "Indikator"
"""


def check_sdg(schema):
    assert schema.name == "sdg"
    assert schema.level_names == ("agenda", "goal", "target", "indicator")
    assert schema.goal_level == "target"
    assert schema.measure_level == "indicator"
    assert schema.money is False
    assert schema.work_levels == ()
    assert schema.anchor_levels == ("agenda", "goal")
    assert schema.resolve_type("Verdensmål") == "goal"
    assert schema.level("indikator").label_da == "Indikator"


@pytest.fixture
def sdg_yaml(tmp_path):
    path = tmp_path / "sdg.yaml"
    path.write_text(yaml.safe_dump(SDG, allow_unicode=True), encoding="utf-8")
    return path


def test_a_preset_name():
    schema = sg.Schema.coerce("logframe")
    assert schema is sg.Schema.preset("logframe")
    assert schema.measure_level is None
    assert schema.money is True


def test_a_schema_is_kept_as_it_is():
    schema = sg.Schema(**SDG)
    assert sg.Schema.coerce(schema) is schema
    check_sdg(schema)


def test_a_mapping():
    check_sdg(sg.Schema.coerce(SDG))


@pytest.mark.parametrize("as_path", [str, Path], ids=["str", "Path"])
def test_a_yaml_file(sdg_yaml, as_path):
    check_sdg(sg.Schema.coerce(as_path(sdg_yaml)))


def test_a_yml_file_with_a_bom(tmp_path):
    path = tmp_path / "sdg.yml"
    path.write_bytes(b"\xef\xbb\xbf" + yaml.safe_dump(SDG, allow_unicode=True).encode("utf-8"))
    check_sdg(sg.Schema.coerce(str(path)))


def test_a_json_file(tmp_path):
    path = tmp_path / "sdg.json"
    path.write_text(json.dumps(SDG, ensure_ascii=False), encoding="utf-8")
    check_sdg(sg.Schema.coerce(path))


def test_a_toml_file(tmp_path):
    path = tmp_path / "sdg.toml"
    path.write_text(SDG_TOML, encoding="utf-8")
    check_sdg(sg.Schema.coerce(str(path)))


def test_a_schema_block_under_its_own_key(tmp_path):
    path = tmp_path / "sdg.toml"
    path.write_text(
        SDG_TOML.replace("[[levels]]", "[[schema.levels]]").replace(
            'name = "sdg"\ngoal_level = "target"\nmeasure_level = "indicator"\nmoney = false\n',
            '[schema]\nname = "sdg"\ngoal_level = "target"\nmeasure_level = "indicator"\n'
            "money = false\n",
        ),
        encoding="utf-8",
    )
    check_sdg(sg.Schema.coerce(path))


def test_a_file_naming_a_preset(tmp_path):
    path = tmp_path / "kommune.yaml"
    path.write_text("preset: okr\n", encoding="utf-8")
    assert sg.Schema.coerce(path) is sg.Schema.preset("okr")


def test_the_readers_take_a_schema_file(sdg_yaml, tmp_path):
    csv_path = tmp_path / "sdg.csv"
    csv_path.write_text(
        "id,type,title,parents\nA,agenda,Agenda 2030,\nG1,verdensmål,Afskaf fattigdom,A\n"
        "T1,delmål,Udryd ekstrem fattigdom,G1\nI1,indikator,Andel under 1.90 USD,T1\n",
        encoding="utf-8",
    )
    for given in (sdg_yaml, str(sdg_yaml)):
        for m in (sg.read(csv_path, schema=given), sg.read_csv(csv_path, schema=given)):
            check_sdg(m.schema)
            assert [e.type for e in m] == ["agenda", "goal", "target", "indicator"]


def test_a_missing_file_names_the_file_and_the_presets(tmp_path):
    missing = tmp_path / "skemaer" / "sdg.yaml"
    for given in (str(missing), missing, "sdg.yaml"):
        with pytest.raises(sg.SchemaError) as info:
            sg.Schema.coerce(given)
        name = str(given)
        assert str(info.value) == (
            f"schema file {name!r} does not exist; give a YAML, JSON or TOML schema file, or one "
            "of the presets: municipal, okr, balanced_scorecard, logframe"
        )


def test_a_name_that_is_neither_a_preset_nor_a_file_path():
    with pytest.raises(sg.SchemaError, match=r"^unknown schema preset 'sdg'; valid presets: "):
        sg.Schema.coerce("sdg")


def test_a_folder_is_not_a_schema_file(tmp_path):
    folder = tmp_path / "sdg.yaml"
    folder.mkdir()
    with pytest.raises(sg.SchemaError, match=r"sdg.yaml' is a folder; give a YAML"):
        sg.Schema.coerce(folder)


def test_an_unknown_extension_as_a_path(tmp_path):
    path = tmp_path / "sdg.txt"
    path.write_text("levels: [a]\ngoal_level: a\n", encoding="utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"cannot tell the format of schema file {str(path)!r} from its extension '.txt'; use "
        ".yaml, .yml, .json or .toml"
    )


def test_malformed_yaml_gives_the_line_and_column(tmp_path):
    path = tmp_path / "sdg.yaml"
    path.write_text("goal_level: target\nlevels: [agenda, goal\nmoney: false\n", encoding="utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value).startswith(f"{path}, line 3, column 6: not valid YAML: ")


def test_malformed_json_gives_the_line_and_column(tmp_path):
    path = tmp_path / "sdg.json"
    path.write_text('{\n  "goal_level": "target",\n  "levels": ["a" "target"]\n}\n', "utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"{path}, line 3, column 18: not valid JSON: Expecting ',' delimiter"
    )


def test_malformed_toml_gives_the_line(tmp_path):
    path = tmp_path / "sdg.toml"
    path.write_text('goal_level = "target"\nlevels = ["a" "target"]\n', encoding="utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value).startswith(f"{path}: not valid TOML: ")
    assert "(at line 2, column " in str(info.value)


def test_a_bad_key_in_a_yaml_schema_names_its_line(tmp_path):
    path = tmp_path / "sdg.yaml"
    path.write_text(
        "goal_level: target\nlevels:\n  - agenda\n  - name: target\n    nestable: maybe\n"
        "mesure_level: indicator\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"the schema in {path} is not valid: line 5, levels.1.nestable: 'maybe' is not true or "
        "false; write true or false; line 6, mesure_level: Extra inputs are not permitted"
    )


def test_a_measure_level_must_lie_below_the_goal_level(tmp_path):
    path = tmp_path / "sdg.json"
    path.write_text(json.dumps({**SDG, "measure_level": "goal"}), encoding="utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"the schema in {path} is not valid: measure_level 'goal' must be one of the levels "
        "below the goal level 'target': ['indicator']"
    )


def test_a_schema_file_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "sdg.yaml"
    path.write_text("- agenda\n- goal\n", encoding="utf-8")
    with pytest.raises(sg.SchemaError, match=r"a schema file must hold a mapping .* not list"):
        sg.Schema.coerce(path)


def test_a_custom_schema_round_trips_with_its_measure_level(tmp_path):
    m = sg.StrategyMap(
        [
            {"id": "G1", "type": "goal", "title": "Afskaf fattigdom"},
            {"id": "T1", "type": "target", "title": "Udryd ekstrem fattigdom", "parents": ["G1"]},
            {"id": "I1", "type": "indicator", "title": "Andel i fattigdom", "parents": ["T1"]},
        ],
        schema=SDG,
    )
    for suffix in (".yaml", ".json", ".xlsx", ".graphml"):
        path = tmp_path / f"kort{suffix}"
        m.write(path)
        back = sg.read(path)
        assert back.schema == m.schema, suffix
        assert back.schema.measure_level == "indicator"
        assert back.schema.money is False


def test_a_map_file_cannot_point_to_a_schema_file(sdg_yaml, tmp_path):
    # A path inside a map would be read from wherever the reader runs: only presets there.
    path = tmp_path / "kort.yaml"
    path.write_text(
        yaml.safe_dump({"schema": str(sdg_yaml), "elements": []}, allow_unicode=True), "utf-8"
    )
    with pytest.raises(sg.SchemaError, match=r"the schema the file declares is not valid: unknown"):
        sg.read(path)


def test_a_schema_given_over_a_different_declared_one_is_a_read_warning(sdg_yaml, tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(
        yaml.safe_dump(
            {"schema": "okr", "elements": [{"id": "G1", "type": "goal", "title": "Fattigdom"}]}
        ),
        encoding="utf-8",
    )
    with pytest.warns(sg.ReadWarning, match=r"declares the schema 'okr', but it was read with"):
        m = sg.read(path, schema=sdg_yaml)
    assert m.schema.name == "sdg"
    assert len(m.warnings) == 1
    assert m.warnings[0].location == sg.Location("kort.yaml", line=1)
    assert m.warnings[0].message == (
        "the file declares the schema 'okr', but it was read with the schema given to the "
        "reader, 'sdg' (agenda, goal, target, indicator); leave out --schema (schema=) to read "
        "it with its own"
    )


# -- hostile and ambiguous schema files ----------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.json", '{"levels": ' + DEEP + ', "goal_level": "x"}'),
        ("deep.yaml", "levels: " + DEEP + "\ngoal_level: x\n"),
        ("deep.toml", 'goal_level = "x"\nlevels = ' + DEEP + "\n"),
    ],
)
def test_a_deeply_nested_schema_file_is_one_schema_error(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"schema file {str(path)!r} is nested too deeply to be a schema; a schema holds a list "
        "of levels, each a name or a mapping"
    )


def test_a_deeply_nested_schema_file_given_to_a_reader(tmp_path, monkeypatch):
    (tmp_path / "deep.json").write_text('{"levels": ' + DEEP + ', "goal_level": "x"}', "utf-8")
    (tmp_path / "kort.csv").write_text("id,type,title\nG1,goal,Fattigdom\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(sg.SchemaError, match=r"^schema file 'deep.json' is nested too deeply"):
        sg.read_csv("kort.csv", schema="deep.json")


def test_the_cli_names_a_deeply_nested_schema_file(tmp_path):
    schema = tmp_path / "deep.json"
    schema.write_text('{"levels": ' + DEEP + ', "goal_level": "x"}', "utf-8")
    (tmp_path / "kort.csv").write_text("id,type,title\nG1,goal,Fattigdom\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["validate", str(tmp_path / "kort.csv"), "--schema", str(schema)]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"stratgraph: error: schema file {str(schema)!r} is nested too deeply to be a schema; a "
        "schema holds a list of levels, each a name or a mapping\n"
    )


def test_a_level_listed_twice_is_refused():
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema(levels=["a", "b", "a"], goal_level="b")
    assert str(info.value) == (
        "the schema is not valid: the level 'a' is listed twice (levels 1 and 3); list each "
        "level once"
    )


def test_levels_that_fold_to_one_name_are_refused():
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema(levels=["effect_goal", "effectgoal"], goal_level="effect_goal")
    assert str(info.value) == (
        "the schema is not valid: the levels 'effect_goal' and 'effectgoal' (levels 1 and 2) "
        "are one name once case, spaces, '_' and '-' are ignored; give each level its own name"
    )


def test_a_level_listed_twice_in_a_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "kæde.yaml"
    path.write_text("goal_level: goal\nlevels: [goal, goal]\n", encoding="utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"the schema in {path} is not valid: the level 'goal' is listed twice (levels 1 and 2); "
        "list each level once"
    )


def test_a_schema_file_is_read_as_yaml_1_2(tmp_path):
    path = tmp_path / "kæde.yaml"
    path.write_text(
        "goal_level: goal\nlevels:\n  - {name: goal, aliases: [no, on]}\n  - action\n",
        encoding="utf-8",
    )
    schema = sg.Schema.coerce(path)
    assert schema.level("goal").aliases == ("no", "on")
    assert schema.resolve_type("on") == "goal"


def test_a_key_given_twice_in_a_yaml_schema_file_is_refused(tmp_path):
    path = tmp_path / "kæde.yaml"
    path.write_text(
        "goal_level: goal\nlevels: [goal, action]\ngoal_level: action\n", encoding="utf-8"
    )
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"{path}, line 3: the key 'goal_level' appears twice; each key may appear once"
    )


def test_a_key_given_twice_in_a_json_schema_file_is_refused(tmp_path):
    path = tmp_path / "kæde.json"
    path.write_text(
        '{"goal_level": "goal", "levels": ["goal", "action"], "goal_level": "action"}', "utf-8"
    )
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"{path}: the key 'goal_level' appears twice in one object; each key may appear once"
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("okr.yaml", "preset: okr\nmoney: false\n"),
        ("okr.json", '{"preset": "okr", "money": false}'),
        ("okr.toml", 'preset = "okr"\nmoney = false\n'),
    ],
)
def test_a_preset_cannot_be_combined_with_other_keys(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"{path}: 'preset:' names a whole schema and cannot be combined with other keys "
        "(money); write the schema out in full with levels: and goal_level: instead"
    )


def test_a_preset_with_other_keys_in_a_mapping_is_refused():
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce({"preset": "okr", "money": False, "measure_level": "key_result"})
    assert str(info.value) == (
        "'preset:' names a whole schema and cannot be combined with other keys (money, "
        "measure_level); write the schema out in full with levels: and goal_level: instead"
    )


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        ("a.yaml", "goal_level: g\nmoney: 'yes'\nlevels: [g, a]\n", "line 2, money: 'yes'"),
        ("a.yaml", "goal_level: g\nmoney: nej\nlevels: [g, a]\n", "line 2, money: 'nej'"),
        ("a.json", '{"goal_level": "g", "money": 0, "levels": ["g", "a"]}', "money: 0"),
        ("a.toml", 'goal_level = "g"\nmoney = "no"\nlevels = ["g", "a"]\n', "money: 'no'"),
    ],
)
def test_booleans_in_a_schema_file_are_true_or_false(tmp_path, name, text, shown):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)
    assert str(info.value) == (
        f"the schema in {path} is not valid: {shown} is not true or false; write true or false"
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.yaml", "goal_level: g\nmoney: false\nlevels: [{name: g, nestable: true}, a]\n"),
        (
            "a.json",
            '{"goal_level": "g", "money": false, "levels": [{"name": "g", "nestable": true}, "a"]}',
        ),
        (
            "a.toml",
            'goal_level = "g"\nmoney = false\nlevels = [{name = "g", nestable = true}, "a"]\n',
        ),
    ],
)
def test_true_and_false_are_read_in_every_format(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    schema = sg.Schema.coerce(path)
    assert schema.money is False
    assert schema.level("g").nestable is True


def test_a_fifo_is_not_a_schema_file(tmp_path):
    path = tmp_path / "sdg.yaml"
    os.mkfifo(path)
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema.coerce(path)  # would block for ever if it were opened
    assert str(info.value) == (
        f"schema file {str(path)!r} is not a regular file; give a YAML, JSON or TOML schema "
        "file, or one of the presets: municipal, okr, balanced_scorecard, logframe"
    )


def test_a_link_to_a_device_is_not_a_schema_file(tmp_path):
    path = tmp_path / "sdg.json"
    path.symlink_to("/dev/zero")
    with pytest.raises(sg.SchemaError, match=r"sdg.json' is not a regular file; give a YAML"):
        sg.Schema.coerce(path)
