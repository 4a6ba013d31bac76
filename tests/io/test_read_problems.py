"""The problems a reader reports about a wrong file: grouped, placed, and naming the real fix."""

import csv
import io

import pytest

import stratgraph as sg

HEADER = ("id", "type", "titel", "forælder", "budget")


def danish_csv(path, rows):
    """Write rows as Danish Excel saves CSV: cp1252, ``;``, CRLF."""
    text = io.StringIO()
    csv.writer(text, delimiter=";").writerows([HEADER, *rows])
    path.write_bytes(text.getvalue().encode("cp1252"))
    return path


def problems_of(path, **options):
    with pytest.raises(sg.ValidationError) as info:
        sg.read_csv(path, **options)
    return info.value.problems


def test_an_unknown_type_is_one_problem_naming_its_rows(tmp_path):
    rows = [("V1", "vision", "Et godt sted at leve", "", "")]
    rows += [(f"M{i}", "Verdensmål", f"Mål {i}", "V1", "") for i in range(1, 18)]
    rows.insert(5, ("I1", "Indikator", "Andel i job", "M1", ""))
    rows.insert(7, ("I2", "Indikator", "Andel i uddannelse", "M2", ""))
    path = danish_csv(tmp_path / "mål.csv", rows)
    problems = problems_of(path)
    valid = sg.Schema.preset("municipal").valid_types
    assert [str(p) for p in problems] == [
        (
            "mål.csv, row 3, column 'type': unknown type 'Verdensmål' in rows 3, 4, 5 and 14 "
            f"more; valid types (and aliases): {valid}"
        ),
        (
            "mål.csv, row 7, column 'type': unknown type 'Indikator' in rows 7 and 9; "
            f"valid types (and aliases): {valid}"
        ),
    ]
    assert valid.count("effektmål") == 1


def test_one_row_with_an_unknown_type_names_its_element(tmp_path):
    path = danish_csv(
        tmp_path / "mål.csv",
        [("V1", "vision", "Vision", "", ""), ("P1", "projket", "Et projekt", "V1", "")],
    )
    (problem,) = problems_of(path)
    assert problem.location == sg.Location("mål.csv", row=3, column="type", element="P1")
    assert problem.message.startswith("unknown type 'projket' (did you mean 'projekt'?); valid")


@pytest.mark.parametrize(
    ("schema", "typed", "hint"),
    [
        ("okr", "Verdensmål", ""),
        ("municipal", "Verdensmål", ""),
        ("municipal", "Indikator", ""),
        ("municipal", "projket", " (did you mean 'projekt'?)"),
        ("municipal", "Indsatser", " (did you mean 'indsats'?)"),
        ("municipal", "Politik område", " (did you mean 'politik'?)"),
    ],
)
def test_a_type_is_suggested_only_when_it_is_a_slip(schema, typed, hint):
    message = sg.Schema.preset(schema).unknown_type_message(typed)
    assert message.startswith(f"unknown type {typed!r}{hint}; valid types")


def test_a_space_after_an_id_is_named_at_its_references(tmp_path):
    rows = [
        ("V1", "vision", "Vision", "", ""),
        ("S1", "strategi", "Strategi", "V1", ""),
        ("EM-05 ", "effektmål", "Færre anbringelser", "S1", ""),
        ("A1", "aftale", "Aftale", "EM-05", ""),
        ("A2", "aftale", "Aftale 2", "EM-05", ""),
    ]
    path = danish_csv(tmp_path / "mål.csv", rows)
    problems = problems_of(path)
    assert [(p.location.row, p.location.column, p.message) for p in problems] == [
        (4, "id", "id 'EM-05 ' has leading or trailing space; use 'EM-05'"),
        (
            5,
            "forælder",
            "element 'EM-05' does not exist: row 4's id 'EM-05 ' has a space at the end; remove it",
        ),
        (
            6,
            "forælder",
            "element 'EM-05' does not exist: row 4's id 'EM-05 ' has a space at the end; remove it",
        ),
    ]


def test_a_duplicate_id_keeps_the_rows_other_problems(tmp_path):
    rows = [
        ("V1", "vision", "Vision", "", ""),
        ("S1", "strategi", "Strategi", "V1", ""),
        ("S1", "strategi", "Strategi igen", "ZZ", ""),
    ]
    path = danish_csv(tmp_path / "mål.csv", rows)
    problems = problems_of(path)
    assert [(p.location.row, p.location.column, p.message) for p in problems] == [
        (4, "id", "id 'S1' is already used (mål.csv, row 3); every id must be unique"),
        (4, "forælder", "element 'ZZ' does not exist"),
    ]


def test_a_negative_budget_is_shown_as_written(tmp_path):
    rows = [("V1", "vision", "Vision", "", ""), ("S1", "strategi", "Strategi", "V1", "(10.000,00)")]
    path = danish_csv(tmp_path / "mål.csv", rows)
    (problem,) = problems_of(path)
    assert problem.location == sg.Location("mål.csv", row=3, column="budget", element="S1")
    assert problem.message == (
        "the budget '(10.000,00)' is negative (-10000); a budget is a number of 0 or more"
    )


def test_a_negative_budget_written_as_text_in_yaml_is_shown_as_written(tmp_path):
    path = tmp_path / "mål.yaml"
    path.write_text(
        "elements:\n  - {id: V1, type: vision, title: Vision}\n"
        "  - {id: S1, type: strategi, title: Strategi, parents: [V1], budget: '-10.000 kr.'}\n",
        encoding="utf-8",
    )
    with pytest.raises(sg.ValidationError) as info:
        sg.read_yaml(path)
    (problem,) = info.value.problems
    assert problem.location == sg.Location("mål.yaml", line=3, column="budget", element="S1")
    assert problem.message == (
        "the budget '-10.000 kr.' is negative (-10000); a budget is a number of 0 or more"
    )
