"""``schema=`` in every form: a preset, a Schema, a mapping, or a YAML, JSON or TOML file."""

import json
from pathlib import Path

import pytest
import yaml

import stratgraph as sg

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
        f"the schema in {path} is not valid: line 5, levels.1.nestable: Input should be a valid "
        "boolean, unable to interpret input; line 6, mesure_level: Extra inputs are not permitted"
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
