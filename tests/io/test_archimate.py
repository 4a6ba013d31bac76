"""ArchiMate exchange files: reading, writing, keeping what the map has no place for, interop."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyArchimate as pa  # noqa: N813 - the short name its own docs use
import pytest
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main
from stratgraph.io.archimate import (
    ELEMENT_TYPES,
    MODEL_ORDER,
    NS,
    RELATIONSHIP_TYPES,
    XSI,
    default_mapping,
    is_archimate,
)

XSI_TYPE = f"{{{XSI}}}type"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: A model as Archi 5 exports it: motivation, strategy, implementation, application and
#: technology elements, properties, documentation in two languages, folders and one view.
ARCHI_MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/"
       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       xsi:schemaLocation="http://www.opengroup.org/xsd/archimate/3.0/ http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
       identifier="id-model">
  <name xml:lang="da">Odsherred digitalisering</name>
  <documentation xml:lang="da">Arkitektur for den digitale velfærd</documentation>
  <properties>
    <property propertyDefinitionRef="pd-org">
      <value xml:lang="da">Odsherred Kommune</value>
    </property>
    <property propertyDefinitionRef="pd-fda">
      <value xml:lang="da">FDA 2.0</value>
    </property>
  </properties>
  <elements>
    <element identifier="id-drv" xsi:type="Driver">
      <name xml:lang="da">Flere ældre borgere</name>
    </element>
    <element identifier="id-goal" xsi:type="Goal">
      <name xml:lang="da">Digital velfærd</name>
      <name xml:lang="en">Digital welfare</name>
      <documentation xml:lang="da">Borgeren mødes digitalt, hvor det giver mening</documentation>
      <documentation xml:lang="en">Citizens are met digitally where it makes sense</documentation>
      <properties>
        <property propertyDefinitionRef="pd-owner">
          <value xml:lang="da">Direktionen</value>
        </property>
      </properties>
    </element>
    <element identifier="id-out1" xsi:type="Outcome">
      <name xml:lang="da">Flere ældre klarer sig selv</name>
      <properties>
        <property propertyDefinitionRef="pd-owner">
          <value xml:lang="da">Sundhed og Ældre</value>
        </property>
        <property propertyDefinitionRef="pd-budget">
          <value xml:lang="da">1.250.000</value>
        </property>
        <property propertyDefinitionRef="pd-risk">
          <value xml:lang="da">middel</value>
        </property>
      </properties>
    </element>
    <element identifier="id-out2" xsi:type="Outcome">
      <name xml:lang="da">Lavere sagsbehandlingstid</name>
    </element>
    <element identifier="id-prin" xsi:type="Principle">
      <name xml:lang="da">Digital først</name>
    </element>
    <element identifier="id-req" xsi:type="Requirement">
      <name xml:lang="da">Aftale om velfærdsteknologi</name>
    </element>
    <element identifier="id-coa" xsi:type="CourseOfAction">
      <name xml:lang="da">Rehabilitering før hjemmehjælp</name>
    </element>
    <element identifier="id-cap" xsi:type="Capability">
      <name xml:lang="da">Velfærdsteknologi</name>
    </element>
    <element identifier="id-wp1" xsi:type="WorkPackage">
      <name xml:lang="da">Skærmbesøg i hjemmeplejen</name>
      <properties>
        <property propertyDefinitionRef="pd-budget">
          <value xml:lang="da">400.000</value>
        </property>
      </properties>
    </element>
    <element identifier="id-del" xsi:type="Deliverable">
      <name xml:lang="da">Skærmløsning i drift</name>
    </element>
    <element identifier="id-app" xsi:type="ApplicationComponent">
      <name xml:lang="da">Omsorgssystem</name>
      <documentation xml:lang="da">Fagsystem for hjemmeplejen</documentation>
    </element>
    <element identifier="id-node" xsi:type="Node">
      <name xml:lang="da">Driftscenter</name>
    </element>
  </elements>
  <relationships>
    <relationship identifier="id-r1" source="id-out1" target="id-goal" xsi:type="Realization">
      <documentation xml:lang="da">Hvis flere klarer sig selv, er velfærden digital</documentation>
    </relationship>
    <relationship identifier="id-r2" source="id-out2" target="id-goal" xsi:type="Realization" />
    <relationship identifier="id-r3" source="id-req" target="id-out1" xsi:type="Realization" />
    <relationship identifier="id-r4" source="id-del" target="id-out1" xsi:type="Realization" />
    <relationship identifier="id-r5" source="id-wp1" target="id-del" xsi:type="Realization" />
    <relationship identifier="id-r6" source="id-coa" target="id-out2" xsi:type="Realization" />
    <relationship identifier="id-r7" source="id-out1" target="id-out2" xsi:type="Influence" modifier="-">
      <documentation xml:lang="da">Tid til rehabilitering koster sagsbehandlingstid</documentation>
    </relationship>
    <relationship identifier="id-r8" source="id-drv" target="id-goal" xsi:type="Influence" modifier="+" />
    <relationship identifier="id-r9" source="id-app" target="id-wp1" xsi:type="Serving" />
    <relationship identifier="id-r10" source="id-node" target="id-app" xsi:type="Serving" />
    <relationship identifier="id-r11" source="id-prin" target="id-goal" xsi:type="Realization" />
    <relationship identifier="id-r12" source="id-cap" target="id-coa" xsi:type="Association" />
    <relationship identifier="id-r13" source="id-wp1" target="id-req" xsi:type="Realization" />
  </relationships>
  <organizations>
    <item>
      <label xml:lang="da">Motivation</label>
      <item identifierRef="id-drv" />
      <item>
        <label xml:lang="da">Mål</label>
        <item identifierRef="id-goal" />
        <item identifierRef="id-out1" />
        <item identifierRef="id-out2" />
      </item>
      <item identifierRef="id-prin" />
      <item identifierRef="id-req" />
    </item>
    <item>
      <label xml:lang="da">Strategi</label>
      <item identifierRef="id-coa" />
      <item identifierRef="id-cap" />
    </item>
    <item>
      <label xml:lang="da">Implementering</label>
      <item identifierRef="id-wp1" />
      <item identifierRef="id-del" />
    </item>
    <item>
      <label xml:lang="da">Applikation</label>
      <item identifierRef="id-app" />
    </item>
    <item>
      <label xml:lang="da">Teknologi</label>
      <item identifierRef="id-node" />
    </item>
    <item>
      <label xml:lang="da">Relationer</label>
      <item identifierRef="id-r1" />
      <item identifierRef="id-r9" />
    </item>
    <item>
      <label xml:lang="da">Views</label>
      <item identifierRef="id-view" />
    </item>
  </organizations>
  <propertyDefinitions>
    <propertyDefinition identifier="pd-owner" type="string">
      <name xml:lang="da">Ejer</name>
    </propertyDefinition>
    <propertyDefinition identifier="pd-budget" type="string">
      <name xml:lang="da">Budget</name>
    </propertyDefinition>
    <propertyDefinition identifier="pd-risk" type="string">
      <name xml:lang="da">Risiko</name>
    </propertyDefinition>
    <propertyDefinition identifier="pd-org" type="string">
      <name xml:lang="da">organisation</name>
    </propertyDefinition>
    <propertyDefinition identifier="pd-fda" type="string">
      <name xml:lang="da">Referencearkitektur</name>
    </propertyDefinition>
  </propertyDefinitions>
  <views>
    <diagrams>
      <view identifier="id-view" xsi:type="Diagram">
        <name xml:lang="da">Gevinstkæde</name>
        <node identifier="n-goal" elementRef="id-goal" xsi:type="Element" x="240" y="24" w="120" h="55">
          <style>
            <fillColor r="204" g="204" b="255" />
          </style>
        </node>
        <node identifier="n-out1" elementRef="id-out1" xsi:type="Element" x="120" y="144" w="120" h="55" />
        <node identifier="n-app" elementRef="id-app" xsi:type="Element" x="360" y="264" w="120" h="55" />
        <node identifier="n-wp1" elementRef="id-wp1" xsi:type="Element" x="120" y="264" w="120" h="55" />
        <connection identifier="c-r1" relationshipRef="id-r1" xsi:type="Relationship" source="n-out1" target="n-goal" />
        <connection identifier="c-r9" relationshipRef="id-r9" xsi:type="Relationship" source="n-app" target="n-wp1" />
      </view>
    </diagrams>
  </views>
</model>
"""  # noqa: E501 - the long lines of a real export

#: The bundled 2013 example has measurements, which ArchiMate has no place for; that warning is
#: tested in test_measurements_io.py.
pytestmark = pytest.mark.filterwarnings("ignore:the map's .* measurements are not written")


@pytest.fixture
def archi_file(tmp_path: Path) -> Path:
    path = tmp_path / "odsherred.xml"
    path.write_text(ARCHI_MODEL, encoding="utf-8")
    return path


# -- reading ------------------------------------------------------------------------------------


def test_elements_land_on_the_levels_of_the_default_mapping(archi_file: Path) -> None:
    m = sg.read_archimate(archi_file)
    assert m.name == "Odsherred digitalisering"
    assert m.organisation == "Odsherred Kommune"
    assert [(e.id, e.type) for e in m] == [
        ("id-drv", "vision"),
        ("id-goal", "strategy"),
        ("id-out1", "effect_goal"),
        ("id-out2", "effect_goal"),
        ("id-req", "agreement"),
        ("id-coa", "agreement"),
        ("id-wp1", "project"),
        ("id-del", "agreement"),
    ]
    goal = m["id-goal"]
    assert goal.title == "Digital velfærd"
    assert goal.description == "Borgeren mødes digitalt, hvor det giver mening"
    assert goal.owner == "Direktionen"
    assert goal.attrs["archimate:name"] == [["da", "Digital velfærd"], ["en", "Digital welfare"]]
    out1 = m["id-out1"]
    assert (out1.owner, out1.budget, out1.attrs["Risiko"]) == (
        "Sundhed og Ældre",
        1250000,
        "middel",
    )
    assert m["id-wp1"].budget == 400000
    assert m["id-req"].attrs["archimate:type"] == "Requirement"
    assert "archimate:type" not in m["id-del"].attrs  # Deliverable is the agreement's own type


def test_relationships_become_links_in_the_right_direction(archi_file: Path) -> None:
    m = sg.read_archimate(archi_file)
    links = {(k.source, k.target): (k.kind.value, k.note) for k in m.links}
    assert links == {
        ("id-goal", "id-out1"): ("hierarchy", "Hvis flere klarer sig selv, er velfærden digital"),
        ("id-goal", "id-out2"): ("hierarchy", None),
        ("id-out1", "id-req"): ("hierarchy", None),
        ("id-out1", "id-del"): ("hierarchy", None),
        ("id-del", "id-wp1"): ("hierarchy", None),
        ("id-out2", "id-coa"): ("hierarchy", None),
        ("id-out1", "id-out2"): ("tension", "Tid til rehabilitering koster sagsbehandlingstid"),
        ("id-drv", "id-goal"): ("supports", None),
        ("id-req", "id-wp1"): ("hierarchy", None),
    }
    assert m.parents("id-wp1") == ["id-del", "id-req"]


def test_what_has_no_place_in_the_map_is_kept(archi_file: Path) -> None:
    m = sg.read_archimate(archi_file)
    kept = m.foreign["archimate"]
    assert sorted(kept["kept_elements"]) == ["id-app", "id-cap", "id-node", "id-prin"]
    kept_rels = [r["identifier"] for r in kept["relationships"] if r["link"] is None]
    assert kept_rels == ["id-r9", "id-r10", "id-r11", "id-r12"]
    assert kept["properties"] == [["Referencearkitektur", "FDA 2.0"]]
    assert kept["documentation"] == [["da", "Arkitektur for den digitale velfærd"]]
    assert len(kept["views"]) == 1
    assert len(kept["organizations"]) == 1


def test_a_hierarchy_against_the_schema_is_kept_with_a_warning(archi_file: Path) -> None:
    with pytest.warns(sg.ReadWarning) as caught:
        m = sg.read_archimate(archi_file, mapping={"Principle": "policy"})
    (note,) = [w.message.problem for w in caught.list]  # type: ignore[union-attr]
    assert (note.location.item, note.location.element) == ("relationship 'id-r11'", None)
    assert note.location.line == 94
    assert "parent is at the level 'strategy' and its child at 'policy'" in note.message
    assert m["id-prin"].type == "policy"
    assert m.warnings == (note,)


def test_mapping_overrides_the_default(archi_file: Path) -> None:
    m = sg.read_archimate(
        archi_file, mapping={"Capability": "agreement", "Association": "supports"}
    )
    assert m["id-cap"].type == "agreement"
    assert {(k.source, k.target, k.kind.value) for k in m.links} >= {
        ("id-cap", "id-coa", "supports")
    }
    assert default_mapping()["Capability"] is None  # the default is not changed


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"Goal": "strategi-x"}, r"mapping\['Goal'\]='strategi-x' is not valid; give a level"),
        ({"Influence": "maybe"}, r"mapping\['Influence'\]='maybe' is not valid; give a link kind"),
    ],
)
def test_a_bad_mapping_names_the_option(archi_file: Path, mapping: dict, message: str) -> None:
    with pytest.raises(sg.OptionError, match=message):
        sg.read_archimate(archi_file, mapping=mapping)


def test_a_danish_alias_in_the_mapping_resolves(archi_file: Path) -> None:
    m = sg.read_archimate(archi_file, mapping={"Requirement": "resultataftale"})
    assert m["id-req"].type == "agreement"


# -- round trip ---------------------------------------------------------------------------------


def parts(path: Path) -> dict[str, object]:
    """Every element, relationship, property, documentation and folder of a file, by field."""
    root = ET.parse(path).getroot()  # noqa: S314 - a file these tests wrote
    defs = {
        d.get("identifier"): d.find(f"{{{NS}}}name").text  # type: ignore[union-attr]
        for d in root.iter(f"{{{NS}}}propertyDefinition")
    }

    def texts(el: ET.Element, tag: str) -> list[tuple[str | None, str | None]]:
        return [(c.get(LANG), c.text) for c in el.findall(f"{{{NS}}}{tag}")]

    def props(el: ET.Element) -> list[tuple[str | None, str | None]]:
        return [
            (defs[p.get("propertyDefinitionRef")], p.find(f"{{{NS}}}value").text)  # type: ignore[union-attr]
            for p in el.iter(f"{{{NS}}}property")
        ]

    def folder(item: ET.Element) -> object:
        return (
            texts(item, "label"),
            item.get("identifierRef"),
            [folder(i) for i in item.findall(f"{{{NS}}}item")],
        )

    return {
        "name": texts(root, "name"),
        "documentation": texts(root, "documentation"),
        "properties": props(root.find(f"{{{NS}}}properties")),  # type: ignore[arg-type]
        "elements": {
            e.get("identifier"): (
                e.get(XSI_TYPE),
                texts(e, "name"),
                texts(e, "documentation"),
                props(e),
            )
            for e in root.iter(f"{{{NS}}}element")
        },
        "relationships": {
            r.get("identifier"): (
                r.get(XSI_TYPE),
                r.get("source"),
                r.get("target"),
                r.get("modifier"),
                texts(r, "documentation"),
                props(r),
            )
            for r in root.iter(f"{{{NS}}}relationship")
        },
        "organizations": [folder(o) for o in root.findall(f"{{{NS}}}organizations")],
        "views": [
            (n.tag, sorted(n.attrib.items())) for v in root.iter(f"{{{NS}}}view") for n in v.iter()
        ],
    }


def test_round_trip_keeps_every_part_field_by_field(archi_file: Path, tmp_path: Path) -> None:
    m = sg.read_archimate(archi_file)
    out = tmp_path / "out.xml"
    m.to_archimate(out)
    again = sg.read_archimate(out)
    assert again == m
    assert list(again) == list(m)  # every element field, attrs included
    assert [(k.key, k.kind, k.note, k.weight) for k in again.links] == [
        (k.key, k.kind, k.note, k.weight) for k in m.links
    ]
    assert again.foreign["archimate"]["kept_elements"] == m.foreign["archimate"]["kept_elements"]
    before, after = parts(archi_file), parts(out)
    # a budget the map holds unchanged is written as the file wrote it, not as 1250000
    out1 = before["elements"]["id-out1"]  # type: ignore[index]
    assert out1[3][1] == ("Budget", "1.250.000")
    assert after == before
    # and once more: writing what was read back gives the same file
    second = tmp_path / "second.xml"
    again.to_archimate(second)
    assert second.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_a_map_built_here_round_trips(tmp_path: Path) -> None:
    m = sg.datasets.load("eksempel-2013")
    out = tmp_path / "kort.xml"
    m.write(out)
    back = sg.read(out)
    # everything but the measurements, which ArchiMate has no place for (and says so)
    assert back.measurements == ()
    assert back.metadata() == m.metadata()
    assert list(back) == list(m)
    assert {(k.key, k.kind, k.note, k.weight) for k in back.links} == {
        (k.key, k.kind, k.note, k.weight) for k in m.links
    }


def test_a_custom_schema_and_awkward_ids_round_trip(tmp_path: Path) -> None:
    schema = sg.Schema(levels=["agenda", "goal", "target"], goal_level="goal")
    m = sg.StrategyMap(
        [
            {"id": "1", "type": "agenda", "title": "Trivsel"},
            {"id": "Mål Æ/2", "type": "goal", "title": "Færre ensomme", "parents": ["1"]},
            {"id": "T-3", "type": "target", "title": "Besøgsvenner", "parents": ["Mål Æ/2"]},
        ],
        [{"source": "1", "target": "T-3", "kind": "supports", "weight": 0.5}],
        schema=schema,
    )
    out = tmp_path / "custom.xml"
    m.to_archimate(out)
    check_xsd_rules(out)
    back = sg.read_archimate(out)
    assert back == m
    assert back.ids == ["1", "Mål Æ/2", "T-3"]


def test_elements_removed_from_the_map_leave_views_and_folders(archi_file: Path) -> None:
    m = sg.read_archimate(archi_file)
    smaller = sg.StrategyMap(
        [e for e in m if e.id != "id-wp1"],
        [k for k in m.links if "id-wp1" not in k.key],
        name=m.name,
    )
    smaller._foreign = dict(m.foreign)  # the kept model, as a reader leaves it
    text = smaller.to_archimate()
    assert text is not None
    assert "id-wp1" not in text  # the element, its relationships, its node, its folder item
    assert 'relationshipRef="id-r9"' not in text  # its serving relationship went with it
    assert 'elementRef="id-app"' in text


# -- the rules of the Open Group's schema -------------------------------------------------------

_NCNAME = re.compile(r"^[^\W\d][\w.\-]*\Z")


def check_xsd_rules(path: Path) -> None:
    """Check the rules of archimate3_Diagram.xsd that a writer can break."""
    root = ET.parse(path).getroot()  # noqa: S314 - a file these tests wrote
    assert root.tag == f"{{{NS}}}model"
    locals_ = [c.tag.rpartition("}")[2] for c in root]
    ranks = [MODEL_ORDER.index(t) for t in locals_]
    assert ranks == sorted(ranks), locals_
    assert locals_[0] == "name"
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
    assert len(ids) == len(set(ids))
    assert all(_NCNAME.match(i) for i in ids), [i for i in ids if not _NCNAME.match(i)]
    known = set(ids)
    for element in root.iter(f"{{{NS}}}element"):
        assert element.get(XSI_TYPE) in ELEMENT_TYPES
        kids = [c.tag.rpartition("}")[2] for c in element]
        assert kids[:1] == ["name"] or element.get(XSI_TYPE).endswith("Junction")
        assert kids == sorted(kids, key=("name", "documentation", "properties").index)
    for rel in root.iter(f"{{{NS}}}relationship"):
        assert rel.get(XSI_TYPE) in RELATIONSHIP_TYPES
        assert rel.get("source") in known
        assert rel.get("target") in known
    defs = {d.get("identifier") for d in root.iter(f"{{{NS}}}propertyDefinition")}
    for prop in root.iter(f"{{{NS}}}property"):
        assert prop.get("propertyDefinitionRef") in defs
    for item in root.iter(f"{{{NS}}}item"):
        assert item.get("identifierRef") in (None, *known)
    for part in root.iter():
        for attr in ("elementRef", "relationshipRef"):
            assert part.get(attr) in (None, *known)


def test_written_files_keep_the_schema_rules(archi_file: Path, tmp_path: Path) -> None:
    check_xsd_rules(archi_file)  # the checker passes a real Archi export
    out = tmp_path / "out.xml"
    sg.read_archimate(archi_file).to_archimate(out)
    check_xsd_rules(out)
    made = tmp_path / "made.xml"
    sg.datasets.load("eksempel-2013").to_archimate(made)
    check_xsd_rules(made)


# -- another implementation: pyArchimate ----------------------------------------------------------


def test_a_model_pyarchimate_writes_reads_here(tmp_path: Path) -> None:
    model = pa.Model("Kommunal plan", uuid="id-m")
    goal = model.add(pa.ArchiType.Goal, "Sund by", uuid="id-g", desc="Byrådets mål")
    goal.prop("Ejer", "Teknik og Miljø")
    outcome = model.add(pa.ArchiType.Outcome, "Flere cykler", uuid="id-o")
    work = model.add(pa.ArchiType.WorkPackage, "Cykelsti", uuid="id-w")
    app = model.add(pa.ArchiType.ApplicationComponent, "GIS", uuid="id-a")
    model.add_relationship(pa.ArchiType.Realization, outcome, goal, uuid="id-r1")
    model.add_relationship(pa.ArchiType.Realization, work, outcome, uuid="id-r2")
    model.add_relationship(pa.ArchiType.Influence, work, goal, uuid="id-r3", influence_strength="-")
    model.add_relationship(pa.ArchiType.Serving, app, work, uuid="id-r4")
    path = tmp_path / "pyarchimate.xml"
    model.write(str(path))
    m = sg.read(path)
    assert [(e.id, e.type, e.title) for e in m] == [
        ("id-g", "strategy", "Sund by"),
        ("id-o", "effect_goal", "Flere cykler"),
        ("id-w", "project", "Cykelsti"),
    ]
    assert (m["id-g"].owner, m["id-g"].description) == ("Teknik og Miljø", "Byrådets mål")
    assert {(k.source, k.target, k.kind.value) for k in m.links} == {
        ("id-g", "id-o", "hierarchy"),
        ("id-o", "id-w", "hierarchy"),
        ("id-w", "id-g", "tension"),
    }
    assert list(m.foreign["archimate"]["kept_elements"]) == ["id-a"]


def test_a_model_written_here_reads_in_pyarchimate(archi_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    sg.read_archimate(archi_file).to_archimate(out)
    model = pa.Model()
    model.read(str(out))
    assert model.name == "Odsherred digitalisering"
    types = {e.uuid: (e.type, e.name) for e in model.elements}
    assert types["id-goal"] == ("Goal", "Digital velfærd")
    assert types["id-node"] == ("Node", "Driftscenter")
    assert len(types) == 12
    rels = {r.uuid: (r.type, r.source.uuid, r.target.uuid) for r in model.relationships}
    assert rels["id-r1"] == ("Realization", "id-out1", "id-goal")
    assert rels["id-r10"] == ("Serving", "id-node", "id-app")
    assert len(rels) == 13
    assert next(e for e in model.elements if e.uuid == "id-out1").prop("Risiko") == "middel"
    assert len(model.views) == 1


def test_a_map_written_here_uses_valid_relationships(tmp_path: Path) -> None:
    out = tmp_path / "kort.xml"
    sg.datasets.load("eksempel-2013").to_archimate(out)
    model = pa.Model()
    model.read(str(out))
    assert len(model.elements) == 103
    assert len(model.relationships) == 152
    invalid = [
        (r.type, r.source.type, r.target.type)
        for r in model.relationships
        if not pa.check_valid_relationship(r.type, r.source.type, r.target.type)
    ]
    assert invalid == []


# -- bad input ----------------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "bad.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">\n'
    "<name>M</name>\n"
)


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "<elements>\n<element identifier='a'>\n</elements>\n</model>")
    with pytest.raises(sg.ReadError, match=r"bad\.xml, line 6: not well-formed XML"):
        sg.read_archimate(path)


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY x "y">]>\n<model/>',
        '<?xml version="1.0"?>\n<!DOCTYPE model SYSTEM "http://example.org/a.dtd">\n<model/>',
    ],
)
def test_a_dtd_or_entity_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(sg.ReadError, match=r"refused \(DTDForbidden\).*<!DOCTYPE"):
        sg.read_archimate(write(tmp_path, text))


def test_an_unknown_namespace_is_refused(tmp_path: Path) -> None:
    text = '<model xmlns="http://www.opengroup.org/xsd/archimate/4.0/"><name>x</name></model>'
    with pytest.raises(sg.ReadError, match=r"not an ArchiMate exchange file of a version read"):
        sg.read_archimate(write(tmp_path, text))


def test_broken_references_name_the_line_and_identifier(tmp_path: Path) -> None:
    text = HEAD + (
        "<elements>\n"
        '<element identifier="g" xsi:type="Goal"><name>G</name></element>\n'  # line 5
        '<element identifier="g" xsi:type="Outcome"><name>O</name></element>\n'
        '<element identifier="1x" xsi:type="Outcome"><name>O</name></element>\n'
        "</elements>\n"
        "<relationships>\n"
        '<relationship identifier="r" source="g" target="nowhere" xsi:type="Realization"/>\n'
        "</relationships>\n"
        "<views><diagrams>\n"
        '<view identifier="v" xsi:type="Diagram"><name>V</name>\n'
        '<node identifier="n" elementRef="gone" xsi:type="Element" x="0" y="0" w="1" h="1"/>\n'
        "</view></diagrams></views>\n"
        "</model>\n"
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_archimate(write(tmp_path, text))
    found = [(p.location.line, p.location.element) for p in caught.value.problems]
    assert found == [(6, "g"), (7, "1x"), (10, None), (14, "gone")]
    assert caught.value.problems[2].location.item == "relationship 'r'"
    messages = [p.message for p in caught.value.problems]
    assert "used before, on line 5" in messages[0]
    assert "not an XML name (xs:ID)" in messages[1]
    assert "the relationship's target 'nowhere' is not in the model" in messages[2]
    assert "shows the element 'gone', which the model does not hold" in messages[3]


def test_an_unknown_element_type_is_kept_with_a_warning(tmp_path: Path) -> None:
    text = HEAD + (
        "<elements>\n"
        '<element identifier="g" xsi:type="Goal"><name>G</name></element>\n'
        '<element identifier="x" xsi:type="Ambition"><name>X</name></element>\n'
        "</elements>\n</model>\n"
    )
    path = write(tmp_path, text)
    with pytest.warns(sg.ReadWarning, match="'Ambition' is not an ArchiMate 3.1 element type"):
        m = sg.read_archimate(path)
    assert m.warnings[0].location.line == 6
    assert m.ids == ["g"]
    out = m.to_archimate()
    assert out is not None
    assert 'xsi:type="Ambition"' in out


def test_a_2_1_file_is_read(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<model xmlns="http://www.opengroup.org/xsd/archimate" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">\n'
        "<name>Gammel model</name>\n"
        "<elements>\n"
        '<element identifier="g" xsi:type="Goal"><label xml:lang="da">Mål</label>'
        '<properties><property identifierref="p1"><value>Byrådet</value></property>'
        "</properties></element>\n"
        '<element identifier="w" xsi:type="WorkPackage"><label>Projekt</label></element>\n'
        "</elements>\n"
        "<relationships>\n"
        '<relationship identifier="r" source="w" target="g" xsi:type="Realisation"/>\n'
        "</relationships>\n"
        '<propertydefs><propertydef identifier="p1" name="Ejer" type="string"/></propertydefs>\n'
        '<organization><item><label>Mål</label><item identifierref="g"/></item></organization>\n'
        '<views><view identifier="v"><label>V</label>'
        '<node identifier="n" elementref="g" x="0" y="0" w="1" h="1"/></view></views>\n'
        "</model>\n"
    )
    path = write(tmp_path, text)
    m = sg.read(path)
    assert [(e.id, e.type, e.title, e.owner) for e in m] == [
        ("g", "strategy", "Mål", "Byrådet"),
        ("w", "project", "Projekt", None),
    ]
    assert m.parents("w") == ["g"]
    out = tmp_path / "new.xml"
    m.to_archimate(out)
    check_xsd_rules(out)
    written = out.read_text(encoding="utf-8")
    assert 'elementRef="g"' in written
    assert '<item identifierRef="g" />' in written
    ghost = write(tmp_path, text.replace('identifierref="g"/>', 'identifierref="ghost"/>'))
    with pytest.raises(sg.ValidationError, match="the organization item refers to 'ghost'"):
        sg.read(ghost)


def test_xml_graphml_is_still_read_as_graphml(tmp_path: Path) -> None:
    m = sg.datasets.load("eksempel-2013")
    path = tmp_path / "kort.xml"
    m.to_graphml(path)
    assert sg.read(path) == m


# -- command line and audit ---------------------------------------------------------------------


def test_convert_both_ways(archi_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "kort.yaml"
    result = runner.invoke(main, ["convert", str(archi_file), str(out)])
    assert result.exit_code == 0, result.output
    assert sg.read(out)["id-out1"].budget == 1250000
    back = tmp_path / "back.xml"
    result = runner.invoke(main, ["convert", str(out), str(back)])
    assert result.exit_code == 0, result.output
    check_xsd_rules(back)
    again = sg.read(back)
    assert [(e.id, e.type, e.title) for e in again] == [
        (e.id, e.type, e.title) for e in sg.read(out)
    ]


def test_audit_runs_on_a_model_read_from_archimate(archi_file: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["audit", str(archi_file), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Audit of Odsherred digitalisering: 0 errors, 5 warnings, 0 info"
    assert lines[1].startswith("id-out2: SG302 goal-without-budget [warning]")
    assert sum("SG501 link-without-rationale" in line for line in lines) == 4


def test_the_library_never_imports_the_gpl_implementation() -> None:
    import stratgraph.io.archimate as module  # noqa: PLC0415

    src = Path(module.__file__).parents[1]
    users = [p.name for p in src.rglob("*.py") if "pyArchimate" in p.read_text(encoding="utf-8")]
    assert users == []


# -- what the testers found ----------------------------------------------------------------------


def model_text(elements: str, relationships: str = "", extra: str = "") -> str:
    """Return an exchange file holding the given elements, relationships and other parts."""
    text = HEAD + f"<elements>\n{elements}</elements>\n"
    if relationships:
        text += f"<relationships>\n{relationships}</relationships>\n"
    return text + extra + "</model>\n"


def el(ident: str, kind: str, name: str | None = None, inner: str = "") -> str:
    named = "" if name == "" else f"<name>{name or ident}</name>"
    return f'<element identifier="{ident}" xsi:type="{kind}">{named}{inner}</element>\n'


def rel(ident: str, kind: str, source: str, target: str, more: str = "") -> str:
    return (
        f'<relationship identifier="{ident}" xsi:type="{kind}" source="{source}" '
        f'target="{target}"{more}/>\n'
    )


JUNCTION_MODEL = model_text(
    el("g1", "Goal") + el("o1", "Outcome") + el("o2", "Outcome") + el("j", "AndJunction", ""),
    rel("r1", "Realization", "o1", "j")
    + rel("r2", "Realization", "o2", "j")
    + rel("r3", "Realization", "j", "g1"),
)


def test_a_chain_through_an_unnamed_junction_is_a_link(tmp_path: Path) -> None:
    m = sg.read_archimate(write(tmp_path, JUNCTION_MODEL))
    assert [(k.source, k.target, k.kind.value) for k in m.links] == [
        ("g1", "o1", "hierarchy"),
        ("g1", "o2", "hierarchy"),
    ]
    assert m.warnings == ()
    out = tmp_path / "out.xml"
    m.to_archimate(out)
    check_xsd_rules(out)
    root = ET.parse(out).getroot()  # noqa: S314 - a file this test wrote
    rels = [(r.get("source"), r.get("target")) for r in root.iter(f"{{{NS}}}relationship")]
    assert rels == [("o1", "j"), ("o2", "j"), ("j", "g1")]
    junctions = [e.get("identifier") for e in root.iter(f"{{{NS}}}element")]
    assert "j" in junctions
    assert sg.read_archimate(out) == m


def test_a_link_removed_from_a_junction_chain_is_not_read_back(tmp_path: Path) -> None:
    m = sg.read_archimate(write(tmp_path, JUNCTION_MODEL))
    smaller = sg.StrategyMap(list(m), [k for k in m.links if k.target != "o1"], name=m.name)
    smaller._foreign = dict(m.foreign)  # the kept model, as a reader leaves it
    out = tmp_path / "out.xml"
    smaller.to_archimate(out)
    back = sg.read_archimate(out)
    assert [(k.source, k.target) for k in back.links] == [("g1", "o2")]


def test_a_junction_mixing_types_is_kept_with_a_warning(tmp_path: Path) -> None:
    text = model_text(
        el("g1", "Goal") + el("o1", "Outcome") + el("j", "OrJunction", ""),
        rel("r1", "Realization", "o1", "j") + rel("r2", "Aggregation", "j", "g1"),
    )
    with pytest.warns(sg.ReadWarning, match=r"junction 'j' joins relationships of different"):
        m = sg.read_archimate(write(tmp_path, text))
    assert m.links == ()
    assert (m.warnings[0].location.line, m.warnings[0].location.element) == (10, "j")
    assert "r2" in (m.to_archimate() or "")


def test_an_unnamed_real_element_is_still_refused(tmp_path: Path) -> None:
    text = model_text(el("g1", "Goal", ""))
    with pytest.raises(sg.ValidationError, match="every element but a junction needs one"):
        sg.read_archimate(write(tmp_path, text))


def props_model(*pairs: tuple[str, str]) -> str:
    """Return a model whose Outcome ``o1`` has the given (name, value XML) properties."""
    names = list(dict.fromkeys(name for name, _ in pairs))
    inner = "".join(
        f'<property propertyDefinitionRef="p{names.index(name)}">{value}</property>'
        for name, value in pairs
    )
    definitions = "".join(
        f'<propertyDefinition identifier="p{i}" type="string"><name>{name}</name>'
        "</propertyDefinition>"
        for i, name in enumerate(names)
    )
    return model_text(
        el("g1", "Goal") + el("o1", "Outcome", inner=f"\n<properties>{inner}</properties>\n"),
        rel("r1", "Realization", "o1", "g1"),
        f"<propertyDefinitions>{definitions}</propertyDefinitions>\n",
    )


def test_properties_named_like_fields_are_kept_under_a_name_of_their_own(tmp_path: Path) -> None:
    text = props_model(
        ("Ejer", "<value>Børn og Unge</value>"),
        ("Ansvarlig", "<value>Jens Ærø</value>"),
        ("ID", "<value>X-7</value>"),
        ("Title", "<value>Andet navn</value>"),
    )
    with pytest.warns(sg.ReadWarning) as caught:
        m = sg.read_archimate(write(tmp_path, text))
    assert len(caught) == 3
    assert m["o1"].owner == "Børn og Unge"
    assert m["o1"].title == "o1"
    assert dict(m["o1"].attrs) == {
        "archimate:fields": {"owner": "Ejer"},
        "archimate:property:Ansvarlig": "Jens Ærø",
        "archimate:property:ID": "X-7",
        "archimate:property:Title": "Andet navn",
    }
    first = m.warnings[0]
    assert (first.location.line, first.location.element) == (7, "o1")
    assert "the property 'Ansvarlig' is named like the field 'owner'" in first.message
    out = tmp_path / "out.xml"
    m.to_archimate(out)
    root = ET.parse(out).getroot()  # noqa: S314 - a file this test wrote
    names = {
        d.get("identifier"): d.findtext(f"{{{NS}}}name")
        for d in root.iter(f"{{{NS}}}propertyDefinition")
    }
    written = [
        (names[p.get("propertyDefinitionRef")], p.findtext(f"{{{NS}}}value"))
        for e in root.iter(f"{{{NS}}}element")
        if e.get("identifier") == "o1"
        for p in e.iter(f"{{{NS}}}property")
    ]
    assert written == [
        ("Ejer", "Børn og Unge"),
        ("Ansvarlig", "Jens Ærø"),
        ("ID", "X-7"),
        ("Title", "Andet navn"),
    ]
    with pytest.warns(sg.ReadWarning):
        assert sg.read_archimate(out) == m


def test_an_empty_property_is_no_value(tmp_path: Path) -> None:
    text = props_model(("Budget", '<value xml:lang="da"></value>'), ("Ejer", "<value/>"))
    m = sg.read_archimate(write(tmp_path, text))
    assert (m["o1"].budget, m["o1"].owner) == (None, None)
    assert m.warnings == ()


def test_a_weight_is_read_by_the_rule_for_numbers_as_text(tmp_path: Path) -> None:
    text = model_text(
        el("g1", "Goal") + el("o1", "Outcome"),
        '<relationship identifier="r1" xsi:type="Realization" source="o1" target="g1">'
        '<properties><property propertyDefinitionRef="pw"><value>0,5</value></property>'
        "</properties></relationship>\n",
        '<propertyDefinitions><propertyDefinition identifier="pw" type="string">'
        "<name>weight</name></propertyDefinition></propertyDefinitions>\n",
    )
    m = sg.read_archimate(write(tmp_path, text))
    assert [k.weight for k in m.links] == [0.5]
    bad = write(tmp_path, text.replace("0,5", "halv"), "worse.xml")
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_archimate(bad)
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.item) == (9, "relationship 'r1'")
    assert "the property weight" in problem.message


def test_a_round_trip_keeps_languages_budget_texts_and_extensions(tmp_path: Path) -> None:
    text = props_model(
        ("Budget", '<value xml:lang="da">750.000 kr.</value>'),
        ("Ejer", '<value xml:lang="da">Anna</value><value xml:lang="en">Anne</value>'),
        ("Risiko", '<value xml:lang="da">-</value>'),
    )
    text = text.replace('identifier="m">', 'identifier="m" version="4.2">', 1)
    text = text.replace(
        '<element identifier="g1" xsi:type="Goal"><name>g1</name>',
        '<element identifier="g1" xsi:type="Goal" xmlns:v="urn:vendor" v:color="red">'
        '<name>g1</name><v:ext a="1">vendor data</v:ext>',
    )
    path = write(tmp_path, text)
    m = sg.read_archimate(path)
    assert (m["o1"].budget, m["o1"].owner, m["o1"].attrs["Risiko"]) == (750000, "Anna", "-")
    out = tmp_path / "out.xml"
    m.to_archimate(out)
    root = ET.parse(out).getroot()  # noqa: S314 - a file this test wrote
    assert root.get("version") == "4.2"
    goal, outcome = root.iter(f"{{{NS}}}element")
    assert goal.get("{urn:vendor}color") == "red"
    assert [(c.tag, c.text) for c in goal][1] == ("{urn:vendor}ext", "vendor data")
    values = [
        [(v.get(LANG), v.text) for v in p.iter(f"{{{NS}}}value")]
        for p in outcome.iter(f"{{{NS}}}property")
    ]
    assert values == [
        [("da", "750.000 kr.")],
        [("da", "Anna"), ("en", "Anne")],
        [("da", "-")],
    ]
    # a value the map changed is written as it holds it, in the language it was read in
    back = sg.read_archimate(out)
    changed = sg.StrategyMap(
        [e.model_copy(update={"budget": 800000}) if e.id == "o1" else e for e in back],
        back.links,
        name=back.name,
    )
    changed._foreign = dict(back.foreign)  # the kept model, as a reader leaves it
    again = tmp_path / "again.xml"
    changed.to_archimate(again)
    outcome = list(ET.parse(again).getroot().iter(f"{{{NS}}}element"))[1]  # noqa: S314
    first = next(outcome.iter(f"{{{NS}}}value"))
    assert (first.get(LANG), first.text) == ("da", "800000")


def test_a_budget_of_dash_or_in_euro_is_written_back_as_it_was(tmp_path: Path) -> None:
    text = props_model(("Budget", "<value>-</value>"))
    m = sg.read_archimate(write(tmp_path, text))
    assert m["o1"].budget is None
    assert "<value>-</value>" in (m.to_archimate() or "")
    euro = props_model(("Budget", "<value>€ 12.000</value>"), ("currency", "")).replace(
        '<property propertyDefinitionRef="p1"></property>', ""
    )
    euro = euro.replace(  # the map's currency, a property of the model
        "<name>M</name>\n",
        '<name>M</name>\n<properties><property propertyDefinitionRef="p1"><value>DKK</value>'
        "</property></properties>\n",
    )
    with pytest.warns(sg.ReadWarning, match="is kept as written in the attribute"):
        m = sg.read_archimate(write(tmp_path, euro, "euro.xml"))
    assert m["o1"].attrs["budget as written"] == "€ 12.000"
    written = m.to_archimate() or ""
    assert "<value>€ 12.000</value>" in written
    assert "budget as written" not in written


def test_a_prefixed_namespace_and_qualified_types_are_read(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<archimate:model xmlns:archimate="http://www.opengroup.org/xsd/archimate/3.0/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">\n'
        "<archimate:name>Præfiks</archimate:name>\n<archimate:elements>\n"
        '<archimate:element identifier="g" xsi:type="archimate:Goal">'
        "<archimate:name>Mål</archimate:name></archimate:element>\n"
        '<archimate:element identifier="o" xsi:type="archimate:Outcome">'
        "<archimate:name>Effekt</archimate:name></archimate:element>\n"
        "</archimate:elements>\n<archimate:relationships>\n"
        '<archimate:relationship identifier="r" source="o" target="g" '
        'xsi:type="archimate:Realization"/>\n'
        "</archimate:relationships>\n</archimate:model>\n"
    )
    m = sg.read_archimate(write(tmp_path, text))
    assert [(e.id, e.type) for e in m] == [("g", "strategy"), ("o", "effect_goal")]
    assert m.parents("o") == ["g"]
    out = tmp_path / "out.xml"
    m.to_archimate(out)
    check_xsd_rules(out)
    assert sg.read_archimate(out) == m


def test_the_writer_refuses_identifiers_and_attributes_the_reader_would_refuse() -> None:
    def element(ident: str, **attrs: object) -> dict[str, object]:
        return {"id": ident, "type": "strategy", "title": ident, "attrs": attrs}

    m = sg.StrategyMap(
        [
            element("s1", **{"archimate:id": "e1"}),
            element("s2", **{"archimate:id": "e1"}),
            element("s3", **{"archimate:id": "1 bad"}),
            element("s4", **{"archimate:name": [[]]}),
            element("s5", **{"archimate:fields": {"owner": 5}}),
        ],
        name="Kort",
    )
    with pytest.raises(sg.ValidationError) as caught:
        m.to_archimate()
    found = [(p.location.element, p.message.split(";")[0]) for p in caught.value.problems]
    assert found == [
        ("s2", "the attribute archimate:id = 'e1' is given by the element 's1' too"),
        ("s3", "the attribute archimate:id = '1 bad' is not an XML name (xs:ID)"),
        (
            "s4",
            (
                "the attribute archimate:name = '[[]]' is not a list of [language, text] pairs "
                'such as [["da", "Mål"], ["en", "Goal"]]'
            ),
        ),
        (
            "s5",
            (
                "the attribute archimate:fields = \"{'owner': 5}\" is not a mapping of fields to "
                'property names such as {"owner": "Ejer"}'
            ),
        ),
    ]


def test_an_archimate_id_may_be_another_elements_id(tmp_path: Path) -> None:
    m = sg.StrategyMap(
        [
            {"id": "s1", "type": "strategy", "title": "A", "attrs": {"archimate:id": "e1"}},
            {"id": "e1", "type": "strategy", "title": "B"},
        ],
        name="Kort",
    )
    out = tmp_path / "out.xml"
    m.to_archimate(out)
    check_xsd_rules(out)
    assert sg.read_archimate(out) == m


def test_convert_refuses_to_replace_a_model_holding_more_than_the_map(
    archi_file: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    sheet = tmp_path / "kort.xlsx"
    assert runner.invoke(main, ["convert", str(archi_file), str(sheet)]).exit_code == 0
    before = archi_file.read_bytes()
    result = runner.invoke(main, ["convert", str(sheet), str(archi_file)])
    assert result.exit_code != 0
    assert "not writing odsherred.xml: the ArchiMate model there holds 4 elements" in result.output
    assert "pass --force" in result.output
    assert archi_file.read_bytes() == before
    other = tmp_path / "pom.xml"
    other.write_text("<project><name>x</name></project>\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="it is not an ArchiMate model"):
        sg.read(sheet).to_archimate(other)
    assert other.read_text(encoding="utf-8") == "<project><name>x</name></project>\n"
    result = runner.invoke(main, ["convert", str(sheet), str(archi_file), "--force"])
    assert result.exit_code == 0, result.output
    # a model read and written again loses nothing, so it needs no force
    sg.read_archimate(archi_file).to_archimate(archi_file)


def test_a_temporary_file_that_cannot_be_made_is_a_write_error(tmp_path: Path) -> None:
    # The name fits the file system; the temporary name beside it (.NAME.XXXXXXXX.tmp) does not.
    target = tmp_path / ("k" * 246 + ".xml")
    with pytest.raises(sg.WriteError, match=r"cannot be written \(File name too long\)"):
        sg.datasets.load("eksempel-2013").to_archimate(target)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_encoding_is_a_read_error(tmp_path: Path) -> None:
    text = model_text(el("g1", "Goal")).replace('encoding="UTF-8"', 'encoding="x-foo"')
    with pytest.raises(sg.ReadError, match=r"bad\.xml: the encoding the file declares is unknown"):
        sg.read_archimate(write(tmp_path, text))


def test_folders_nested_too_deeply_are_a_read_error(tmp_path: Path) -> None:
    deep = "<item><label>F</label>" * 1200 + '<item identifierRef="g1"/>' + "</item>" * 1200
    text = model_text(el("g1", "Goal"), extra=f"<organizations>{deep}</organizations>\n")
    with pytest.raises(sg.ReadError, match=r"bad\.xml: the model is nested too deeply"):
        sg.read_archimate(write(tmp_path, text))


def test_a_schema_property_that_is_not_json_names_its_line(tmp_path: Path) -> None:
    text = model_text(el("g1", "Goal")).replace(
        "<name>M</name>\n",
        '<name>M</name>\n<properties><property propertyDefinitionRef="ps">'
        "<value>{'levels': 1}</value></property></properties>\n",
    )
    text = text.replace(
        "</model>",
        '<propertyDefinitions><propertyDefinition identifier="ps" type="string">'
        "<name>stratgraph:schema</name></propertyDefinition></propertyDefinitions>\n</model>",
    )
    with pytest.raises(
        sg.ReadError, match=r"bad\.xml, line 4: the property stratgraph:schema is not a schema"
    ):
        sg.read_archimate(write(tmp_path, text))


# -- recognising .xml by its root element ---------------------------------------------------------

TWO_GOALS = model_text(
    el("g1", "Goal", "Digital velfærd") + el("o1", "Outcome", "Færre fald"),
    rel("r1", "Realization", "o1", "g1"),
)


@pytest.mark.parametrize(
    ("label", "data"),
    [
        (
            "utf-16 with a declaration",
            TWO_GOALS.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
        ),
        ("utf-16 with no declaration", TWO_GOALS.split("\n", 1)[1].encode("utf-16")),
        (
            "a comment of 20 KB before the root",
            TWO_GOALS.replace("<model ", "<!-- " + "x" * 20_000 + " -->\n<model ", 1).encode(),
        ),
        (
            "many attributes before xmlns",
            TWO_GOALS.replace(
                "<model ",
                "<model " + " ".join(f'a{k}="{"v" * 40}"' for k in range(300)) + " ",
                1,
            ).encode(),
        ),
    ],
)
def test_an_archimate_xml_is_recognised_by_its_root(
    tmp_path: Path, label: str, data: bytes
) -> None:
    path = tmp_path / "model.xml"
    path.write_bytes(data)
    assert len(data) > 8192 or label.startswith("utf-16")
    assert is_archimate(path)
    m = sg.read(path)
    assert [(e.id, e.type, e.title) for e in m] == [
        ("g1", "strategy", "Digital velfærd"),
        ("o1", "effect_goal", "Færre fald"),
    ]
    assert [(k.source, k.target) for k in m.links] == [("g1", "o1")]


def test_a_model_in_another_namespace_gets_the_archimate_refusal(tmp_path: Path) -> None:
    path = write(tmp_path, TWO_GOALS.replace(NS, "http://example.com/other/"), "model.xml")
    assert not is_archimate(path)
    with pytest.raises(sg.ReadError) as caught:
        sg.read(path)
    assert str(caught.value) == (
        "model.xml: not an ArchiMate exchange file of a version read here; its root is <model> "
        "in the namespace 'http://example.com/other/', an ArchiMate 3.x file's is <model> in "
        "'http://www.opengroup.org/xsd/archimate/3.0/' (2.1: "
        "'http://www.opengroup.org/xsd/archimate')"
    )


def test_an_archi_native_model_names_the_open_exchange_export(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:archimate="http://www.archimatetool.com/archimate" name="Kommune" id="id-1" '
        'version="5.0.0">\n'
        '  <folder name="Strategy" id="id-2" type="strategy"/>\n'
        "</archimate:model>\n"
    )
    path = write(tmp_path, text, "kommune.xml")
    runner = CliRunner()
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code != 0
    assert "kommune.xml: this is an Archi model in Archi's own format" in result.output
    assert "File → Export → Model to Open Exchange File" in result.output
    assert "GraphML" not in result.output


def test_graphml_in_an_xml_file_with_a_long_prolog_is_graphml(tmp_path: Path) -> None:
    m = sg.datasets.load("eksempel-2013")
    first = tmp_path / "kort.graphml"
    m.to_graphml(first)
    text = first.read_text(encoding="utf-8")
    path = tmp_path / "kort.xml"
    path.write_text(text.replace("<graphml", "<!-- " + "y" * 10_000 + " -->\n<graphml", 1))
    assert sg.read(path) == m


# -- problems found after parsing name the XML --------------------------------------------------


def _weight(value: str) -> str:
    return (
        f'<properties><property propertyDefinitionRef="pw"><value>{value}</value></property>'
        "</properties>"
    )


_DEFINITIONS = (
    "<propertyDefinitions>"
    '<propertyDefinition identifier="pw" type="string"><name>weight</name></propertyDefinition>'
    '<propertyDefinition identifier="pid" type="string"><name>stratgraph:id</name>'
    "</propertyDefinition>"
    '<propertyDefinition identifier="pb" type="string"><name>Budget</name></propertyDefinition>'
    "</propertyDefinitions>\n"
)


@pytest.mark.parametrize(
    ("elements", "relationships", "line", "item", "element", "message"),
    [
        (
            el("g1", "Goal", "G") + '<element identifier="o1" xsi:type="Outcome">\n<name/>'
            "</element>\n",
            "",
            7,
            "<name>",
            "o1",
            "the title is empty",
        ),
        (
            el("g1", "Goal", "Mål\x7f"),
            "",
            5,
            "<name>",
            "g1",
            "the title contains the control character U+007F",
        ),
        (
            el("g1", "Goal") + el("o1", "Outcome"),
            '<relationship identifier="r1" xsi:type="Realization" source="o1" target="g1">'
            + _weight("nan")
            + "</relationship>\n",
            9,
            "relationship 'r1'",
            None,
            "'nan' is not a finite number",
        ),
        (
            el(
                "g1",
                "Goal",
                inner="\n<properties><property propertyDefinitionRef='pid'>"
                "<value>a|b</value></property></properties>",
            ),
            "",
            6,
            "property 'stratgraph:id'",
            "a|b",
            "'|'",
        ),
        (
            el(
                "o1",
                "Outcome",
                inner="\n<properties><property propertyDefinitionRef='pb'>"
                "<value>mange</value></property></properties>",
            ),
            "",
            6,
            "property 'Budget'",
            "o1",
            "'mange' is not a number",
        ),
        (
            el("o1", "Outcome") + el("o2", "Outcome") + el("o3", "Outcome"),
            rel("r1", "Aggregation", "o1", "o2")
            + rel("r2", "Aggregation", "o2", "o3")
            + rel("r3", "Aggregation", "o3", "o1"),
            12,
            "relationship 'r3'",
            None,
            "hierarchy cycle: o1 → o2 → o3 → o1",
        ),
    ],
    ids=["empty name", "U+007F", "weight nan", "id with |", "budget", "cycle"],
)
def test_a_problem_the_map_finds_names_the_line_and_the_xml(  # noqa: PLR0917 - one case
    tmp_path: Path,
    elements: str,
    relationships: str,
    line: int,
    item: str,
    element: str | None,
    message: str,
) -> None:
    path = write(tmp_path, model_text(elements, relationships, _DEFINITIONS))
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_archimate(path)
    (problem,) = caught.value.problems
    where = problem.location
    assert (where.line, where.item, where.column, where.element) == (line, item, None, element)
    assert message in problem.message
    assert "column" not in str(where)


def test_a_warning_the_map_gives_names_the_property_and_its_line(tmp_path: Path) -> None:
    no_money = sg.Schema.coerce(
        {
            "levels": ["strategy", "effect_goal", "project"],
            "goal_level": "effect_goal",
            "money": False,
        }
    )
    text = model_text(
        el("g1", "Goal")
        + el(
            "o1",
            "Outcome",
            inner="\n<properties><property propertyDefinitionRef='pb'>"
            "<value>1000</value></property></properties>",
        ),
        extra=_DEFINITIONS,
    )
    with pytest.warns(sg.ReadWarning, match="says its maps carry no money") as caught:
        m = sg.read_archimate(write(tmp_path, text), schema=no_money)
    (note,) = [w.message.problem for w in caught.list]  # type: ignore[union-attr]
    assert m.warnings == (note,)
    assert (note.location.line, note.location.item, note.location.element) == (
        7,
        "property 'Budget'",
        "o1",
    )
    assert note.location.column is None


# -- what a warning promises is true for every target ---------------------------------------------


def test_a_kept_relationship_is_said_to_be_written_back_to_archimate_only(
    tmp_path: Path,
) -> None:
    text = model_text(el("g1", "Goal") + el("g2", "Goal"), rel("r1", "Realization", "g2", "g1"))
    path = write(tmp_path, text, "model.xml")
    runner = CliRunner()
    result = runner.invoke(main, ["convert", str(path), str(tmp_path / "out.xlsx")])
    assert result.exit_code == 0, result.output
    assert (
        "model.xml, line 9, relationship 'r1': the Realization relationship from 'g1' to 'g2' "
        "is not read as a hierarchy link"
    ) in result.output
    assert (
        "the relationship is kept on the map as it is and written back to ArchiMate; other "
        "formats leave it out (smap.foreign)"
    ) in result.output
    assert "it is kept and written back" not in result.output
    assert (tmp_path / "out.xlsx").is_file()


# -- a relationship joins concepts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "what", "line"),
    [
        ("v1", "a view", 13),
        ("pw", "a property definition", 12),
        ("m", "the model's own identifier", 2),
    ],
)
def test_a_relationship_ending_on_no_concept_is_refused(
    tmp_path: Path, target: str, what: str, line: int
) -> None:
    text = model_text(
        el("g1", "Goal") + el("o1", "Outcome"),
        rel("r1", "Association", "o1", target),
        _DEFINITIONS.replace("><", ">\n<", 1)
        + '<views><diagrams><view identifier="v1" xsi:type="Diagram"><name>V</name></view>'
        "</diagrams></views>\n",
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_archimate(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.item) == (9, "relationship 'r1'")
    assert problem.message == (
        f"the relationship's target {target!r} is {what} (line {line}), not a concept; a "
        "relationship joins elements or relationships; give the identifier of one"
    )
