"""Reading and writing an atlas folder, and every kind of bad input, with file and row."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import openpyxl
import pandas as pd
import pytest

import stratgraph as sg

if TYPE_CHECKING:
    from pathlib import Path


def _map(
    org: str | None, year: int | None, goals: tuple[str, ...] = ("G1", "G2"), **kw: object
) -> sg.StrategyMap:
    elements = [{"id": "S1", "type": "strategi", "title": "Tidlig indsats"}]
    elements += [
        {"id": g, "type": "effektmål", "title": f"Mål {g}", "parents": ["S1"]} for g in goals
    ]
    return sg.StrategyMap(elements, organisation=org, year=year, **kw)  # type: ignore[arg-type]


def _links_csv(path: Path, rows: list[str]) -> None:
    text = "kilde;til;type;note;vægt;år\n" + "\n".join(rows) + "\n"
    path.write_bytes(text.encode("cp1252"))


def test_a_folder_is_read_by_metadata_and_file_name(tmp_path: Path) -> None:
    _map("Staten", 2024).to_yaml(tmp_path / "whatever.yaml")
    _map(None, None).to_csv(tmp_path / "Ærø Kommune_2024.csv", sep=";", encoding="cp1252")
    _map(None, None).to_excel(tmp_path / "Ærø Kommune_2023.xlsx")
    _links_csv(
        tmp_path / "links.csv", ["Ærø Kommune:G1;Staten:G2;understøtter;Fælles mål;0,5;2024"]
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "organisations"
    sheet.append(["organisation", "overordnet", "titel", "type"])
    sheet.append(["Staten", None, "Staten", "stat"])
    sheet.append(["Ærø Kommune", "Staten", "Ærø Kommune", "kommune"])
    book.save(tmp_path / "organisationer.xlsx")
    atlas = sg.read_atlas(tmp_path)
    assert atlas.keys() == [("Staten", 2024), ("Ærø Kommune", 2023), ("Ærø Kommune", 2024)]
    assert atlas.parent("Ærø Kommune") == "Staten"
    assert atlas.links == (
        sg.AtlasLink(
            "Ærø Kommune:G1", "Staten:G2", "supports", note="Fælles mål", weight=0.5, year=2024
        ),
    )
    found = sg.coverage(atlas, year=2024)
    assert found.loc["Staten:G1"].tolist() == ["Staten", 2024, "effect_goal", "Mål G1", True, False]
    assert found.loc["Ærø Kommune:G2", "serves_no_upper"]
    assert "Ærø Kommune:G1" not in found.index
    assert "Staten:G2" not in found.index


def test_write_round_trips_and_keeps_the_users_files(tmp_path: Path) -> None:
    atlas = sg.datasets.load_atlas("eksempel-atlas")
    folder = atlas.write(tmp_path / "ud")
    again = sg.read_atlas(folder, name="eksempel-atlas")
    assert again.keys() == atlas.keys()
    assert again.links == atlas.links
    assert again.organisations_frame().equals(atlas.organisations_frame())
    for key, smap in atlas.items():
        assert again[key] == smap
    atlas.write(folder)  # its own files: replaced
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "links.csv").write_text("source,target\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"links\.csv"):
        atlas.write(tmp_path / "mine")
    assert (tmp_path / "mine" / "links.csv").read_text(encoding="utf-8") == "source,target\n"
    atlas.write(tmp_path / "mine", overwrite=True)
    assert sg.read_atlas(tmp_path / "mine").keys() == atlas.keys()


def test_every_bad_file_is_reported_together_with_file_and_row(tmp_path: Path) -> None:
    _map("Staten", 2024).to_yaml(tmp_path / "Staten_2024.yaml")
    _map("Fjordby", 2024).to_yaml(tmp_path / "Fjordby_2024.yaml")
    _map("Fjordby", 2024).to_yaml(tmp_path / "fjordby-kopi.yaml")  # the same org and year
    _map("Nord:by", 2024).to_yaml(tmp_path / "nordby.yaml")  # ':' in the name
    (tmp_path / "noter.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "brudt.yaml").write_text("elements: [", encoding="utf-8")
    _links_csv(
        tmp_path / "links.csv",
        [
            "Fjordby:G1;Staten:G1;supports;;;2024",
            "Sydby:G1;Staten:G1;supports;;;",
            "Fjordby:G2;Staten:G9;supports;;;2024",
            "Fjordby:G2;Staten:G1;støtter;;;2023",
        ],
    )
    (tmp_path / "organisations.csv").write_text(
        "organisation,parent\nStaten,\nFjordby,Region Nord\n", encoding="utf-8"
    )
    with pytest.raises(sg.ValidationError) as info:
        sg.read_atlas(tmp_path)
    got = {(str(p.location), p.message.split(";")[0]) for p in info.value.problems}
    assert got == {
        ("brudt.yaml", "line 2: not valid YAML (did not find expected node content)"),
        (
            "noter.docx",
            "is not a map file, nor links.* or organisations.*",
        ),
        (
            "fjordby-kopi.yaml",
            "organisation 'Fjordby', year 2024 already has a map (Fjordby_2024.yaml)",
        ),
        (
            "nordby.yaml, column 'organisation'",
            (
                "organisation 'Nord:by' holds ':', which separates the organisation from the id "
                "in the combined view"
            ),
        ),
        (
            "links.csv, row 3, column 'source'",
            "organisation 'Sydby' of 'Sydby:G1' has no map in the atlas",
        ),
        (
            "links.csv, row 4, column 'target'",
            "element 'G9' is not in the map of 2024 of 'Staten' (did you mean 'G1'?)",
        ),
        ("links.csv, row 5, column 'kind'", "'støtter' is not a link kind"),
        (
            "links.csv, row 5, column 'year'",
            "organisation 'Fjordby' has no map of 2023 (it has year 2024)",
        ),
        (
            "organisations.csv, row 3, column 'parent'",
            "the upper organisation 'Region Nord' of 'Fjordby' is not in the atlas",
        ),
    }


def test_schemas_that_cannot_be_compared_are_named_per_file(tmp_path: Path) -> None:
    _map("Staten", 2024).to_yaml(tmp_path / "Staten_2024.yaml")
    sg.StrategyMap(
        [{"id": "M", "type": "mission", "title": "Mission"}],
        schema="okr",
        organisation="Fjordby",
        year=2024,
    ).to_yaml(tmp_path / "Fjordby_2024.yaml")
    with pytest.raises(sg.ValidationError) as info:
        sg.read_atlas(tmp_path)
    (problem,) = info.value.problems
    assert problem.location == sg.Location(file="Fjordby_2024.yaml", column="schema")
    assert problem.message.startswith(
        "the map of 'Fjordby', year 2024 has schema 'okr', which cannot be compared with the "
        "others (level 'objective' has no match)"
    )


def test_a_bad_number_in_a_yaml_links_file_names_its_item(tmp_path: Path) -> None:
    _map("Staten", 2024).to_yaml(tmp_path / "Staten_2024.yaml")
    _map("Fjordby", 2024).to_yaml(tmp_path / "Fjordby_2024.yaml")
    (tmp_path / "links.yaml").write_text(
        "links:\n- {source: 'Fjordby:G1', target: 'Staten:G1'}\n"
        "- {source: 'Fjordby:G2', target: 'Staten:G1', year: 'sidste år', weight: 'meget'}\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.ValidationError) as info:
        sg.read_atlas(tmp_path)
    got = [(p.location, p.message.split(";")[0]) for p in info.value.problems]
    assert got == [
        (
            sg.Location(file="links.yaml", item="links[1]", column="year"),
            "'sidste år' is not a year",
        ),
        (
            sg.Location(file="links.yaml", item="links[1]", column="weight"),
            "'meget' is not a number",
        ),
    ]


def test_a_year_in_the_file_name_that_the_map_contradicts_is_warned(tmp_path: Path) -> None:
    _map("Staten", 2023).to_yaml(tmp_path / "Staten_2024.yaml")
    with pytest.warns(sg.ReadWarning, match="the map says year 2023, its file name 2024"):
        atlas = sg.read_atlas(tmp_path)
    assert atlas.keys() == [("Staten", 2023)]
    assert atlas.warnings[0].location == sg.Location(file="Staten_2024.yaml", column="year")


def test_a_folder_that_is_not_one(tmp_path: Path) -> None:
    with pytest.raises(sg.ReadError, match="not a folder"):
        sg.read_atlas(tmp_path / "mangler")


def test_atlas_in_python_checks_its_links_and_names() -> None:
    atlas = sg.Atlas(
        {("Staten", 2024): _map("Staten", 2024), "Fjordby": _map("Fjordby", 2024)},
        organisations=[{"organisation": "Fjordby", "parent": "Staten"}],
    )
    assert atlas.keys() == [("Staten", 2024), ("Fjordby", 2024)]
    with pytest.raises(sg.ValidationError, match="element 'G7' is not in the map of 'Staten'"):
        atlas.add_link("Fjordby:G1", "Staten:G7")
    with pytest.raises(sg.ValidationError, match="already has a map"):
        atlas.add(_map("Fjordby", 2024))
    assert len(atlas) == 2
    link = atlas.add_link("Staten:G1", "Fjordby:G2", "hierarchy")
    m = atlas.combined(2024)
    assert m.parents("Fjordby:G2") == ["Fjordby:S1", "Staten:G1"]
    assert link.year is None
    assert m["Fjordby:G2"].attrs == {"organisation": "Fjordby", "year": 2024}
    every = atlas.combined()
    assert "Fjordby:2024:G2" in every


def test_a_map_of_no_one_year_stands_in_every_year() -> None:
    atlas = sg.Atlas(
        [_map("Staten", None), _map("Fjordby", 2023), _map("Fjordby", 2024, goals=("G1",))],
        [sg.AtlasLink("Fjordby:G2", "Staten:G1")],
        [sg.Organisation("Fjordby", parent="Staten")],
    )
    assert atlas.years == (2023, 2024)
    assert atlas.keys_of(2024) == [("Staten", None), ("Fjordby", 2024)]
    found = sg.coverage(atlas)
    assert list(zip(found.index, found["year"], found["not_taken_up"], strict=True)) == [
        ("Staten:G2", 2023, True),
        ("Fjordby:2023:G1", 2023, False),
        ("Staten:G1", 2024, True),
        ("Staten:G2", 2024, True),
        ("Fjordby:2024:G1", 2024, False),
    ]
    assert found["serves_no_upper"].tolist() == [False, True, False, False, True]
    ids = atlas.combined().ids
    assert ids[:3] == ["Staten:S1", "Staten:G1", "Staten:G2"]
    assert ids[3:5] == ["Fjordby:2023:S1", "Fjordby:2023:G1"]
    orphans = atlas.analyse(sg.orphaned_goals)
    assert list(zip(orphans["organisation"], orphans["year"].astype(object), strict=True)) == [
        ("Staten", pd.NA),
        ("Staten", pd.NA),
        ("Fjordby", 2023),
        ("Fjordby", 2023),
        ("Fjordby", 2024),
    ]


def test_an_organisation_written_with_a_decomposed_letter_is_one_organisation(
    tmp_path: Path,
) -> None:
    nfd = unicodedata.normalize("NFD", "Århus Kommune")  # as macOS writes a file name
    _map(None, None).to_csv(tmp_path / f"{nfd}_2024.csv", sep=";", encoding="utf-8")
    _map(None, None, goals=("N1",)).to_csv(tmp_path / "Staten_2024.csv")
    (tmp_path / "links.csv").write_text("source,target\nÅrhus Kommune:G1,Staten:N1\n")
    (tmp_path / "organisations.csv").write_text(
        f"organisation,parent\nStaten,\nÅrhus Kommune,Staten\n{nfd} Syd,{nfd}\n"
    )
    atlas = sg.read_atlas(tmp_path)
    assert atlas.organisations == ("Staten", "Århus Kommune", "Århus Kommune Syd")
    assert atlas.keys() == [("Staten", 2024), ("Århus Kommune", 2024)]
    assert atlas.parent("Århus Kommune") == "Staten"
    assert atlas.parent("Århus Kommune Syd") == "Århus Kommune"
    found = sg.coverage(atlas, year=2024)
    assert found.index.tolist() == ["Århus Kommune:G2"]
    assert found.loc["Århus Kommune:G2", "serves_no_upper"]


def test_a_link_end_with_a_decomposed_letter_names_the_composed_element() -> None:
    atlas = sg.Atlas(
        {("Ærø", 2024): _map(None, 2024, goals=("Gå",)), ("Staten", 2024): _map(None, 2024)},
        links=[{"source": unicodedata.normalize("NFD", "Ærø:Gå"), "target": "Staten:G1"}],
    )
    assert atlas.links[0].source == "Ærø:Gå"


def _two_maps(folder: Path) -> None:
    _map("Ærø Kommune", 2024).to_yaml(folder / "Ærø Kommune_2024.yaml")
    _map("Staten", 2024).to_yaml(folder / "Staten_2024.yaml")


def test_a_links_year_in_superscript_digits_is_one_problem_among_the_others(
    tmp_path: Path,
) -> None:
    _two_maps(tmp_path)
    (tmp_path / "links.csv").write_text(
        "kilde;til;år\nÆrø Kommune:G1;Staten:G1;2024¹\nÆrø Kommune:G2;Staten:X2;²⁰²⁴\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_atlas(tmp_path)
    found = [(str(p.location), p.message) for p in caught.value.problems]
    assert found == [
        (
            "links.csv, row 2, column 'year'",
            "'2024¹' is not a year; give a whole year such as 2024, or leave it empty",
        ),
        (
            "links.csv, row 3, column 'year'",
            "'²⁰²⁴' is not a year; give a whole year such as 2024, or leave it empty",
        ),
        (
            "links.csv, row 3, column 'target'",
            (
                "element 'X2' is not in the map of 'Staten' (did you mean 'G2'?); "
                "give an id of that map"
            ),
        ),
    ]


@pytest.mark.parametrize("year", [12345, -1])
def test_a_map_year_outside_1_to_9999_is_a_problem_naming_its_file(
    tmp_path: Path, year: int
) -> None:
    _two_maps(tmp_path)
    text = (tmp_path / "Staten_2024.yaml").read_text(encoding="utf-8")
    (tmp_path / "Staten_2024.yaml").unlink()
    (tmp_path / "Staten.yaml").write_text(
        text.replace("year: 2024", f"year: {year}"), encoding="utf-8"
    )
    assert f"year: {year}" in (tmp_path / "Staten.yaml").read_text(encoding="utf-8")
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_atlas(tmp_path)
    [problem] = caught.value.problems
    assert str(problem.location) == "Staten.yaml, column 'year'"
    assert problem.message == (
        f"{year} is not a year of a map; give a whole year from 1 to 9999 such as 2024, "
        "or none for a map of no one year"
    )


def test_a_links_year_past_9999_is_refused() -> None:
    with pytest.raises(sg.ValidationError, match=r"'12345' is not a year; give a whole year from"):
        sg.Atlas(
            {("Ærø", 2024): _map(None, 2024), ("Staten", 2024): _map(None, 2024)},
            links=[{"source": "Ærø:G1", "target": "Staten:G1", "year": 12345}],
        )


def test_a_link_weight_that_is_not_finite_is_a_problem_a_negative_one_is_kept(
    tmp_path: Path,
) -> None:
    _two_maps(tmp_path)
    rows = ["Ærø Kommune:G1;Staten:G1;;;nan;", "Ærø Kommune:G2;Staten:G2;;;-inf;"]
    _links_csv(tmp_path / "links.csv", rows)
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_atlas(tmp_path)
    found = [(str(p.location), p.message) for p in caught.value.problems]
    assert found == [
        (
            "links.csv, row 2, column 'weight'",
            "nan is not a finite number; give a weight such as 0.5, or none",
        ),
        (
            "links.csv, row 3, column 'weight'",
            "-inf is not a finite number; give a weight such as 0.5, or none",
        ),
    ]
    _links_csv(tmp_path / "links.csv", ["Ærø Kommune:G1;Staten:G1;;;-3;"])
    atlas = sg.read_atlas(tmp_path)  # a link of a map may weigh less than nothing, so one here
    assert [link.weight for link in atlas.combined(2024).links if link.weight] == [-3.0]


def test_links_to_an_organisation_and_year_two_files_claim_are_not_checked(
    tmp_path: Path,
) -> None:
    _map("Ærø Kommune", 2024).to_yaml(tmp_path / "Ærø Kommune_2024.yaml")
    _map(None, None, goals=("N1",)).to_yaml(tmp_path / "Staten_2024.yaml")
    _map(None, None, goals=("X1",)).to_csv(tmp_path / "Staten_2024.csv")
    _links_csv(tmp_path / "links.csv", ["Ærø Kommune:G1;Staten:N1;;;;", "Ærø Kommune:G9;X:N1;;;;"])
    with pytest.raises(sg.ValidationError) as caught:
        sg.read_atlas(tmp_path)
    found = [(str(p.location), p.message) for p in caught.value.problems]
    assert found == [
        (
            "Staten_2024.yaml",
            (
                "organisation 'Staten', year 2024 already has a map (Staten_2024.csv); "
                "give each organisation one map per year"
            ),
        ),
        (
            "links.csv, row 3, column 'source'",
            (
                "element 'G9' is not in the map of 'Ærø Kommune' (did you mean 'G1'?); "
                "give an id of that map"
            ),
        ),
        (
            "links.csv, row 3, column 'target'",
            (
                "organisation 'X' of 'X:N1' has no map in the atlas; "
                "give one of 'Staten', 'Ærø Kommune'"
            ),
        ),
    ]


def test_an_organisation_named_like_a_year_file_round_trips(tmp_path: Path) -> None:
    atlas = sg.Atlas(
        {
            ("Plan_2024", None): _map(None, None),
            ("Plan", 2024): _map(None, 2024),
            ("Plan/Syd_2023", None): _map(None, None),
        }
    )
    again = sg.read_atlas(atlas.write(tmp_path))
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == [
        "Plan-Syd_2023.yaml",
        "Plan_2024-2.yaml",
        "Plan_2024.yaml",
    ]
    assert again.keys() == atlas.keys()
    assert again.warnings == ()
