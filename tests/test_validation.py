"""The rules of the model (docs/concepts.md, "What is valid"): every problem is found, placed
where the user looks, and explained."""

import csv
import difflib
import math
import unicodedata

import openpyxl
import pytest

import stratgraph as sg

HEADER = ("id", "type", "title", "parents", "budget", "links")
BASE = (
    ("V1", "vision", "Et godt liv i kommunen", "", "", ""),
    ("S1", "strategy", "Tidlig indsats", "V1", "", ""),
    ("G1", "effect_goal", "Færre anbringelser", "S1", "", ""),
    ("P1", "project", "Familiehuset", "G1", "", ""),
)
#: The row number a spreadsheet shows for the first row after BASE (the header is row 1).
FIRST = len(BASE) + 2
LINK_HEADER = ("source", "target", "kind")


def row(eid, type_="effect_goal", title="Et mål", parents="S1", *, budget="", links=""):
    return (eid, type_, title, parents, budget, links)


def write_csv(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def where(problem):
    loc = problem.location
    return (loc.file, loc.row, loc.column, loc.element)


@pytest.fixture
def invalid_csv(tmp_path):
    """Write BASE plus ``rows`` (and a links file) to kort.csv; return the problems reported."""

    def read(*rows, links=None, base=BASE):
        path = write_csv(tmp_path / "kort.csv", [*base, *rows])
        if links is not None:
            write_csv(tmp_path / "kort.links.csv", links, header=LINK_HEADER)
        with pytest.raises(sg.ValidationError) as info:
            sg.read_csv(path)
        return info.value.problems

    return read


@pytest.fixture
def small_map():
    return sg.StrategyMap(
        [
            {"id": "V1", "type": "vision", "title": "Et godt liv"},
            {"id": "S1", "type": "strategy", "title": "Tidlig indsats", "parents": ["V1"]},
            {"id": "S2", "type": "strategi", "title": "Bæredygtighed", "parents": ["V1"]},
            {"id": "G1", "type": "effektmål", "title": "Færre anbringelser", "parents": ["S1"]},
            {"id": "G2", "type": "effect_goal", "title": "Flere i job", "parents": ["G1"]},
            {"id": "G3", "type": "effect_goal", "title": "Færre på ydelse", "parents": ["G2"]},
            {"id": "P1", "type": "project", "title": "Familiehuset", "parents": ["G3"]},
        ],
        [{"source": "G1", "target": "S2", "kind": "supports"}],
        name="Skitse",
    )


# -- ids ------------------------------------------------------------------------------------------


def test_duplicate_id_names_both_rows(invalid_csv):
    problems = invalid_csv(row("S1", "strategy", "Igen", "V1"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "id", "S1")
    message = problems[0].message
    assert "'S1' is already used" in message
    assert "row 3" in message
    assert "unique" in message


@pytest.mark.parametrize(
    ("eid", "words"),
    [
        pytest.param(" G9", ["leading or trailing space", "use 'G9'"], id="leading-space"),
        pytest.param("G9 ", ["leading or trailing space", "use 'G9'"], id="trailing-space"),
        pytest.param("G,9", ["contains ','", "may not contain"], id="comma"),
        pytest.param("G;9", ["contains ';'", "may not contain"], id="semicolon"),
        pytest.param("G:9", ["contains ':'", "may not contain"], id="colon"),
        pytest.param("G|9", ["contains '|'", "may not contain"], id="pipe"),
        pytest.param("G\x019", ["U+0001", "control characters"], id="control-character"),
        pytest.param("G\x7f9", ["U+007F", "control characters"], id="delete-character"),
    ],
)
def test_malformed_id_is_reported_once_in_its_id_cell(invalid_csv, eid, words):
    problems = invalid_csv(row(eid))
    # One problem only: the row's parent link is not reported again under the bad id.
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "id", eid)
    for word in words:
        assert word in problems[0].message


@pytest.mark.parametrize("cell", ["", "   "], ids=["empty", "blank"])
def test_empty_id(invalid_csv, cell):
    problems = invalid_csv(row(cell))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "id", None)
    assert "the id is empty" in problems[0].message
    assert "unique id such as 'G1'" in problems[0].message


def test_malformed_id_through_the_python_api(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_element(id="G;4", type="effect_goal", title="Et mål")
    (problem,) = info.value.problems
    assert problem.location == sg.Location(column="id", element="G;4")
    assert "contains ';'" in problem.message


def test_any_other_unicode_is_a_valid_id(tmp_path):
    path = write_csv(tmp_path / "kort.csv", [*BASE, row("Mål-Æ1")])
    assert sg.read_csv(path).parents("Mål-Æ1") == ["S1"]


# -- titles and types -----------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["", "   "], ids=["empty", "blank"])
def test_empty_title(invalid_csv, title):
    problems = invalid_csv(row("G9", title=title))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "title", "G9")
    assert "title is empty" in problems[0].message
    assert "every element needs a title" in problems[0].message


def test_empty_title_through_the_python_api(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_element(id="G9", type="effect_goal", title=" \n ")
    (problem,) = info.value.problems
    assert problem.location == sg.Location(column="title", element="G9")
    assert "title is empty" in problem.message


def test_unknown_type_lists_the_valid_types_and_aliases(invalid_csv):
    # "effektmaal" is "effektmål" written without the Danish letter: it resolves (docs/concepts.md).
    problems = invalid_csv(row("G9", type_="projket"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "type", "G9")
    message = problems[0].message
    assert message.startswith(
        "unknown type 'projket' (did you mean 'projekt'?); valid types (and aliases): vision ("
    )
    for valid in ("vision", "strategy", "strategi", "effect_goal", "effektmål", "project"):
        assert valid in message


def test_unknown_type_through_the_python_api(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_element(id="G9", type="målsætning", title="Et mål")
    (problem,) = info.value.problems
    assert problem.location == sg.Location(column="type", element="G9")
    assert "unknown type 'målsætning'" in problem.message
    assert "effect_goal (effektmål" in problem.message


def test_unknown_type_of_a_custom_schema_lists_its_levels(tmp_path):
    schema = sg.Schema(levels=["agenda", "goal", "target"], goal_level="target")
    path = write_csv(tmp_path / "kort.csv", [("A1", "tema", "Grøn", "", "", "")])
    with pytest.raises(sg.ValidationError) as info:
        sg.read_csv(path, schema=schema)
    (problem,) = info.value.problems
    assert where(problem) == ("kort.csv", 2, "type", "A1")
    assert "unknown type 'tema'" in problem.message
    assert "valid types (and aliases): agenda; goal; target" in problem.message


# -- links to missing elements --------------------------------------------------------------------


def test_missing_parent_gives_a_hint(invalid_csv):
    problems = invalid_csv(row("G9", parents="S9"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "parents", "G9")
    assert problems[0].message == "element 'S9' does not exist (did you mean 'S1'?)"


def test_missing_target_in_a_links_cell_gives_a_hint(invalid_csv):
    problems = invalid_csv(row("G9", links="supports:G2"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "links", "G9")
    assert problems[0].message == "element 'G2' does not exist (did you mean 'G1'?)"


@pytest.mark.parametrize(
    ("link", "place", "message"),
    [
        (
            ("G1", "G2", "supports"),
            ("kort.links.csv", 2, "target", "G1"),
            # 'G1' is closest, but it is the link's other end: a self-link is no suggestion.
            "element 'G2' does not exist",
        ),
        (
            ("S9", "G1", "hierarchy"),
            ("kort.links.csv", 2, "source", None),
            "element 'S9' does not exist (did you mean 'S1'?)",
        ),
    ],
    ids=["target", "source"],
)
def test_missing_end_in_the_links_table(invalid_csv, link, place, message):
    problems = invalid_csv(links=[link])
    assert len(problems) == 1
    assert where(problems[0]) == place
    assert problems[0].message == message


def test_a_far_off_id_gets_no_hint(invalid_csv):
    problems = invalid_csv(row("G9", parents="Bæredygtighed"))
    assert problems[0].message == "element 'Bæredygtighed' does not exist"


def test_a_hint_ignores_case(invalid_csv):
    problems = invalid_csv(row("G9", parents="s1"))
    assert problems[0].message == "element 's1' does not exist (did you mean 'S1'?)"


def test_missing_parent_through_the_python_api(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_element(id="G9", type="effect_goal", title="Et mål", parents=["S9"])
    (problem,) = info.value.problems
    assert problem.location == sg.Location(column="parents", element="G9")
    assert problem.message == "element 'S9' does not exist (did you mean 'S1'?)"


def test_missing_target_through_the_python_api(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_link("G1", "G7", "supports")
    (problem,) = info.value.problems
    assert problem.location.element == "G1"
    assert "element 'G7' does not exist (did you mean" in problem.message


# -- link kinds -----------------------------------------------------------------------------------


KIND_WORDS = ("unknown link kind 'påvirker'", "hierarchy", "supports", "tension", "dilemma")


def test_unknown_link_kind_in_a_links_cell(invalid_csv):
    problems = invalid_csv(row("G9", links="påvirker:G1"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "links", "G9")
    for word in KIND_WORDS:
        assert word in problems[0].message


def test_unknown_link_kind_in_the_links_table(invalid_csv):
    problems = invalid_csv(links=[("G1", "S1", "påvirker")])
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.links.csv", 2, "kind", "G1")
    for word in KIND_WORDS:
        assert word in problems[0].message


def test_unknown_link_kind_does_not_hide_a_missing_end(invalid_csv):
    problems = invalid_csv(links=[("G1", "G2", "påvirker")])
    # In file order: the links table's columns run source, target, kind.
    assert [where(p) for p in problems] == [
        ("kort.links.csv", 2, "target", "G1"),
        ("kort.links.csv", 2, "kind", "G1"),
    ]
    assert problems[0].message == "element 'G2' does not exist"  # not its own source 'G1'


def test_unknown_link_kind_through_the_python_api(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_link("G1", "S2", "påvirker")
    (problem,) = info.value.problems
    assert problem.location == sg.Location(column="kind", element="G1")
    for word in KIND_WORDS:
        assert word in problem.message


# -- self-links -----------------------------------------------------------------------------------


def test_self_link_in_a_parents_cell(invalid_csv):
    problems = invalid_csv(row("G9", parents="G9"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "parents", "G9")
    assert "hierarchy link from 'G9' to itself" in problems[0].message
    assert "two different elements" in problems[0].message


def test_self_link_in_a_links_cell(invalid_csv):
    problems = invalid_csv(row("G9", links="tension:G9"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "links", "G9")
    assert "tension link from 'G9' to itself" in problems[0].message


def test_self_link_in_the_links_table(invalid_csv):
    problems = invalid_csv(links=[("G1", "G1", "supports")])
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.links.csv", 2, "target", "G1")
    assert "supports link from 'G1' to itself" in problems[0].message


def test_self_link_through_the_python_api(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_link("G1", "G1", "supports")
    (problem,) = info.value.problems
    assert problem.location.element == "G1"
    assert "to itself" in problem.message


# -- level order ----------------------------------------------------------------------------------


def test_parent_at_a_lower_level_than_its_child(invalid_csv):
    problems = invalid_csv(row("S9", type_="strategy", parents="P1"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "parents", "S9")
    message = problems[0].message
    assert "the parent 'P1' (project) is at a lower level than its child 'S9' (strategy)" in message
    assert "vision → policy → strategy → effect_goal → agreement → project" in message


def test_parent_at_a_lower_level_in_the_links_table(invalid_csv):
    problems = invalid_csv(links=[("P1", "S1", "hierarchy")])
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.links.csv", 2, "source", "P1")
    assert "the parent 'P1' (project) is at a lower level" in problems[0].message


def test_a_lower_level_may_support_a_higher_one(tmp_path):
    path = write_csv(tmp_path / "kort.csv", [*BASE, row("G9", links="supports:V1")])
    assert sg.read_csv(path).number_of_links("supports") == 1


def test_same_level_where_the_level_is_not_nestable(invalid_csv):
    problems = invalid_csv(row("S9", type_="strategi", parents="S1"))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "parents", "S9")
    message = problems[0].message
    assert "'S1' and 'S9' are both strategy, and strategy is not nestable" in message
    assert "nestable levels: effect_goal, project" in message


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (row("G9", type_="effektmål", parents="G1"), "G1"),
        (row("P9", type_="delprojekt", parents="P1"), "P1"),
    ],
    ids=["effect_goal", "project"],
)
def test_same_level_where_the_level_is_nestable_loads(tmp_path, child, parent):
    smap = sg.read_csv(write_csv(tmp_path / "kort.csv", [*BASE, child]))
    assert smap.parents(child[0]) == [parent]
    assert smap[child[0]].type == smap[parent].type


def test_level_order_through_the_python_api(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_link("S1", "S2")
    (problem,) = info.value.problems
    assert problem.location.element == "S1"
    assert "strategy is not nestable" in problem.message


# -- cycles ---------------------------------------------------------------------------------------


def cycle_rows(*ids):
    """Rows of nestable goals where each is the parent of the next and the last of the first."""
    return [row(eid, parents=ids[i - 1]) for i, eid in enumerate(ids)]


def test_hierarchy_cycle_is_named(invalid_csv):
    problems = invalid_csv(*cycle_rows("G2", "G3", "G4"))
    assert len(problems) == 1
    # The cycle is closed by G4 → G2, written in G2's parents cell.
    assert where(problems[0]) == ("kort.csv", FIRST, "parents", "G2")
    assert "hierarchy cycle: G2 → G3 → G4 → G2" in problems[0].message
    assert "never returns" in problems[0].message


def test_hierarchy_cycle_starts_at_the_first_element_in_the_file(invalid_csv):
    rows = [row("G3", parents="G2"), row("G2", parents="G4"), row("G4", parents="G3")]
    problems = invalid_csv(*rows)
    assert len(problems) == 1
    assert "hierarchy cycle: G3 → G4 → G2 → G3" in problems[0].message
    assert where(problems[0]) == ("kort.csv", FIRST, "parents", "G3")


def test_long_hierarchy_cycle(invalid_csv):
    ids = [f"M{i}" for i in range(1, 51)]
    problems = invalid_csv(*cycle_rows(*ids), base=())
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", 2, "parents", "M1")
    assert f"hierarchy cycle: {' → '.join([*ids, 'M1'])};" in problems[0].message


def test_two_cycles_are_two_problems(invalid_csv):
    problems = invalid_csv(*cycle_rows("A1", "A2", "A3"), *cycle_rows("B1", "B2", "B3"))
    assert [where(p) for p in problems] == [
        ("kort.csv", FIRST, "parents", "A1"),
        ("kort.csv", FIRST + 3, "parents", "B1"),
    ]
    assert "hierarchy cycle: A1 → A2 → A3 → A1" in problems[0].message
    assert "hierarchy cycle: B1 → B2 → B3 → B1" in problems[1].message


def test_cycle_closed_in_the_links_table(invalid_csv):
    rows = [row("G2", parents="G1"), row("G3", parents="G2")]
    problems = invalid_csv(*rows, links=[("G3", "G1", "hierarchy")])
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.links.csv", 2, "target", "G3")
    assert "hierarchy cycle: G1 → G2 → G3 → G1" in problems[0].message


def test_cycle_through_an_element_with_another_problem(invalid_csv):
    rows = [row("G2", parents="G4"), row("G3", title="", parents="G2"), row("G4", parents="G3")]
    problems = invalid_csv(*rows)
    assert [where(p) for p in problems] == [
        ("kort.csv", FIRST, "parents", "G2"),
        ("kort.csv", FIRST + 1, "title", "G3"),
    ]
    assert "hierarchy cycle: G2 → G3 → G4 → G2" in problems[0].message


def test_supports_links_in_a_circle_are_not_a_cycle(tmp_path):
    rows = [row("G2", links="supports:G3"), row("G3", links="supports:G4")]
    rows.append(row("G4", links="supports:G2"))
    smap = sg.read_csv(write_csv(tmp_path / "kort.csv", [*BASE, *rows]))
    assert smap.number_of_links("supports") == 3


def test_cycle_through_the_python_constructor():
    elements = [
        {"id": "G1", "type": "effect_goal", "title": "a", "parents": ["G3"]},
        {"id": "G2", "type": "effect_goal", "title": "b", "parents": ["G1"]},
        {"id": "G3", "type": "effect_goal", "title": "c", "parents": ["G2"]},
    ]
    with pytest.raises(sg.ValidationError) as info:
        sg.StrategyMap(elements)
    (problem,) = info.value.problems
    assert problem.location == sg.Location(column="parents", element="G1")
    assert "hierarchy cycle: G1 → G2 → G3 → G1" in problem.message


def test_cycle_closed_by_add_link(small_map):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_link("G3", "G1")
    (problem,) = info.value.problems
    assert problem.location.element == "G3"
    assert "hierarchy cycle: G1 → G2 → G3 → G1" in problem.message
    assert "closed by the link 'G3' → 'G1'" in problem.message


# -- budgets --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "words"),
    [
        pytest.param("-5", ["the budget -5 is negative", "0 or more"], id="negative"),
        pytest.param(
            "-1.234,50", ["the budget '-1.234,50' is negative (-1234.5)"], id="negative-danish"
        ),
        pytest.param("mange penge", ["'mange penge' is not a number", "1234,50"], id="text"),
        pytest.param("nan", ["'nan' is not a finite number"], id="nan"),
        pytest.param("inf", ["'inf' is not a finite number"], id="inf"),
        pytest.param("-inf", ["'-inf' is not a finite number"], id="minus-inf"),
    ],
)
def test_bad_budget(invalid_csv, budget, words):
    problems = invalid_csv(row("G9", budget=budget))
    assert len(problems) == 1
    assert where(problems[0]) == ("kort.csv", FIRST, "budget", "G9")
    for word in words:
        assert word in problems[0].message


@pytest.mark.parametrize(
    ("budget", "words"),
    [
        pytest.param(-1, ["the budget -1 is negative", "0 or more"], id="negative"),
        pytest.param("mange penge", ["'mange penge' is not valid", "number"], id="text"),
        pytest.param(math.nan, ["finite number, not nan"], id="nan"),
        pytest.param(math.inf, ["finite number, not inf"], id="inf"),
    ],
)
def test_bad_budget_through_the_python_api(small_map, budget, words):
    with pytest.raises(sg.ValidationError) as info:
        small_map.add_element(id="G9", type="effect_goal", title="Et mål", budget=budget)
    (problem,) = info.value.problems
    assert problem.location == sg.Location(column="budget", element="G9")
    for word in words:
        assert word in problem.message


def test_zero_budget_is_valid(tmp_path):
    smap = sg.read_csv(write_csv(tmp_path / "kort.csv", [*BASE, row("G9", budget="0")]))
    assert smap["G9"].budget == 0


# -- everything at once ---------------------------------------------------------------------------


def test_one_file_reports_every_problem_with_its_own_place(invalid_csv):
    rows = [
        row("S1", "strategy", "Igen", "V1"),  # duplicate id
        row("G2 "),  # malformed id
        row("G3", title=""),  # empty title
        row("G4", type_="projket"),  # unknown type
        row("G5", parents="S9"),  # missing parent
        row("G6", links="påvirker:G1"),  # unknown link kind
        row("G7", parents="G7"),  # self-link
        row("S2", "strategy", parents="P1"),  # parent at a lower level
        row("S3", "strategy", parents="S1"),  # same level, not nestable
        row("G8", budget="-5"),  # negative budget
        row("G9", budget="mange penge"),  # non-numeric budget
        row("G10", budget="inf"),  # infinite budget
        *cycle_rows("C1", "C2", "C3"),  # cycle
    ]
    problems = invalid_csv(*rows)
    expected = {
        (FIRST, "id", "S1"): "is already used",
        (FIRST + 1, "id", "G2 "): "leading or trailing space",
        (FIRST + 2, "title", "G3"): "title is empty",
        (FIRST + 3, "type", "G4"): "unknown type 'projket' (did you mean 'projekt'?)",
        (FIRST + 4, "parents", "G5"): "element 'S9' does not exist",
        (FIRST + 5, "links", "G6"): "unknown link kind 'påvirker'",
        (FIRST + 6, "parents", "G7"): "to itself",
        (FIRST + 7, "parents", "S2"): "is at a lower level",
        (FIRST + 8, "parents", "S3"): "is not nestable",
        (FIRST + 9, "budget", "G8"): "is negative",
        (FIRST + 10, "budget", "G9"): "is not a number",
        (FIRST + 11, "budget", "G10"): "is not a finite number",
        (FIRST + 12, "parents", "C1"): "hierarchy cycle: C1 → C2 → C3 → C1",
    }
    assert len(problems) == len(expected)
    found = {}
    for problem in problems:
        loc = problem.location
        assert loc.file == "kort.csv"
        found[(loc.row, loc.column, loc.element)] = problem.message
    # In file order (docs/file-formats.md), whatever found them first.
    assert list(found) == list(expected)
    for place, words in expected.items():
        assert words in found[place], place


def test_the_python_constructor_reports_every_problem():
    elements = [
        {"id": "S1", "type": "strategy", "title": "Tidlig indsats"},
        {"id": "S1", "type": "strategy", "title": "Igen"},
        {"id": "G1", "type": "goal", "title": "", "budget": -3},
        {"id": "G2", "type": "nope", "title": "Et mål", "parents": ["S9"]},
    ]
    links = [{"source": "S1", "target": "S1", "kind": "supports"}]
    with pytest.raises(sg.ValidationError) as info:
        sg.StrategyMap(elements, links)
    assert [(p.location.column, p.location.element) for p in info.value.problems] == [
        ("id", "S1"),
        ("title", "G1"),
        ("budget", "G1"),
        ("type", "G2"),
        ("parents", "G2"),
        (None, "S1"),
    ]


def test_validation_error_is_a_stratgraph_error_and_a_value_error(invalid_csv):
    problems = invalid_csv(row("G9", parents="S9"), row("G10", budget="-1"))
    err = sg.ValidationError(problems)
    assert isinstance(err, sg.StratgraphError)
    assert isinstance(err, ValueError)
    text = str(err)
    assert text.startswith("the strategy map is not valid (2 problems):")
    assert "kort.csv, row 6, column 'parents', element 'G9': element 'S9' does not exist" in text
    assert "kort.csv, row 7, column 'budget', element 'G10': the budget -1 is negative" in text


def test_validation_error_can_be_caught_as_value_error(tmp_path):
    path = write_csv(tmp_path / "kort.csv", [*BASE, row("G1")])
    with pytest.raises(ValueError, match=r"1 problem\):\n  - kort\.csv, row 6, column 'id'"):
        sg.read_csv(path)


# -- a failed change loses nothing ----------------------------------------------------------------


def snapshot(smap):
    state = smap._state
    return (
        len(smap),
        smap.ids,
        list(smap),
        smap.links,
        {k: list(v) for k, v in state.children.items()},
        dict(state.pairs),
        {eid: smap.parents(eid) for eid in smap.ids},
    )


FAILING_CHANGES = {
    "duplicate id": lambda m: m.add_element(id="G1", type="effect_goal", title="Igen"),
    "bad type": lambda m: m.add_element(id="G9", type="nope", title="Et mål", parents=["S1"]),
    "negative budget": lambda m: m.add_element(
        id="G9", type="effect_goal", title="Et mål", budget=-1, parents=["S1"]
    ),
    "one good, one missing parent": lambda m: m.add_element(
        id="G9", type="effect_goal", title="Et mål", parents=["S1", "S9"]
    ),
    "two good parents, one too low": lambda m: m.add_element(
        id="G9", type="effect_goal", title="Et mål", parents=["S1", "S2", "P1"]
    ),
    "element is its own parent": lambda m: m.add_element(
        id="G9", type="effect_goal", title="Et mål", parents=["G9"]
    ),
    "link to a missing element": lambda m: m.add_link("G1", "G9", "supports"),
    "self-link": lambda m: m.add_link("G1", "G1", "tension"),
    "unknown kind": lambda m: m.add_link("G1", "S1", "påvirker"),
    "parent too low": lambda m: m.add_link("P1", "S1"),
    "not nestable": lambda m: m.add_link("S1", "S2"),
    "second link between the same two": lambda m: m.add_link("S2", "G1", "tension"),
    "cycle": lambda m: m.add_link("G3", "G1"),
    "cycle of two": lambda m: m.add_link("G3", "G2"),
}


@pytest.mark.parametrize("change", FAILING_CHANGES.values(), ids=FAILING_CHANGES.keys())
def test_a_failed_change_leaves_the_map_unchanged(small_map, change):
    before = snapshot(small_map)
    with pytest.raises(sg.ValidationError):
        change(small_map)
    assert snapshot(small_map) == before
    # The map still takes a valid change afterwards, and only that one.
    small_map.add_element(id="G9", type="effect_goal", title="Et mål", parents=["S1"])
    small_map.add_link("G9", "G1", "supports")
    assert len(small_map) == before[0] + 1
    assert small_map.links[len(before[3]) :] == (
        sg.Link(source="S1", target="G9"),
        sg.Link(source="G9", target="G1", kind="supports"),
    )


def test_a_failed_change_leaves_the_map_equal_to_a_fresh_copy(small_map):
    copy = sg.StrategyMap(list(small_map), small_map.links, name="Skitse")
    with pytest.raises(sg.ValidationError):
        small_map.add_element(id="G9", type="effect_goal", title="Et mål", parents=["S1", "S9"])
    assert small_map == copy
    assert small_map.children("S1") == ["G1"]


# -- YAML: lines ----------------------------------------------------------------------------------

YAML = """\
name: Skitse
elements:
  - id: S1
    type: strategi
    title: Tidlig indsats
  - id: S1
    type: strategi
    title: Igen
  - id: G1
    type: effektmål
    title: ""
    parents: [S1]
  - id: G2
    type: målsætning
    title: Et mål
  - id: G3
    type: effektmål
    title: Et mål
    parents: [S9]
    links: ["påvirker:S1"]
    budget: -10
  - id: G4
    type: effektmål
    title: Et mål
    parents: [G6]
  - id: G5
    type: effektmål
    title: Et mål
    parents: [G4]
  - id: G6
    type: effektmål
    title: Et mål
    parents: [G5]
links:
  - source: G3
    target: G3
    kind: supports
  - source: G3
    target: S1
    kind: hierarchy
"""


def test_yaml_problems_name_their_line(tmp_path):
    path = tmp_path / "kort.yaml"
    path.write_text(YAML, encoding="utf-8")
    with pytest.raises(sg.ValidationError) as info:
        sg.read_yaml(path)
    found = [
        (p.location.file, p.location.line, p.location.column, p.location.element)
        for p in info.value.problems
    ]
    assert found == [
        ("kort.yaml", 6, "id", "S1"),
        ("kort.yaml", 9, "title", "G1"),
        ("kort.yaml", 13, "type", "G2"),
        ("kort.yaml", 16, "budget", "G3"),
        ("kort.yaml", 16, "parents", "G3"),
        ("kort.yaml", 16, "links", "G3"),
        ("kort.yaml", 35, "target", "G3"),
        ("kort.yaml", 38, "source", "G3"),
        ("kort.yaml", 22, "parents", "G4"),
    ]
    messages = [p.message for p in info.value.problems]
    assert "'S1' is already used (kort.yaml, line 3)" in messages[0]
    assert "the title is empty" in messages[1]
    assert "unknown type 'målsætning'" in messages[2]
    assert "effektmål" in messages[2]
    assert "the budget -10 is negative" in messages[3]
    assert messages[4] == "element 'S9' does not exist (did you mean 'S1'?)"
    assert "unknown link kind 'påvirker'" in messages[5]
    assert "supports link from 'G3' to itself" in messages[6]
    assert "the parent 'G3' (effect_goal) is at a lower level" in messages[7]
    assert "hierarchy cycle: G4 → G5 → G6 → G4" in messages[8]


# -- Excel: sheets --------------------------------------------------------------------------------


def test_excel_problems_name_their_sheet(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "elementer"
    for cells in [
        ["id", "type", "titel", "forælder", "budget"],
        ["S1", "strategi", "Tidlig indsats", None, None],
        ["G1", "effektmål", "Færre anbringelser", "S9", "mange penge"],
        ["G2", "effektmål", None, "S1", -4],
        ["G3", "projektet", "Familiehuset", "G1", None],
    ]:
        sheet.append(cells)
    links = book.create_sheet("relationer")
    for cells in [["kilde", "til", "art"], ["G1", "G1", "bidrag"], ["G1", "G4", "spænding"]]:
        links.append(cells)
    path = tmp_path / "kort.xlsx"
    book.save(path)
    with pytest.raises(sg.ValidationError) as info:
        sg.read_excel(path)
    found = {
        (p.location.file, p.location.sheet, p.location.row, p.location.column, p.location.element)
        for p in info.value.problems
    }
    assert found == {
        ("kort.xlsx", "elementer", 3, "budget", "G1"),
        ("kort.xlsx", "elementer", 3, "forælder", "G1"),
        ("kort.xlsx", "elementer", 4, "titel", "G2"),
        ("kort.xlsx", "elementer", 4, "budget", "G2"),
        ("kort.xlsx", "elementer", 5, "type", "G3"),
        ("kort.xlsx", "relationer", 2, "til", "G1"),
        ("kort.xlsx", "relationer", 3, "til", "G1"),
    }
    text = str(info.value)
    assert "sheet 'elementer', row 3, column 'forælder', element 'G1': element 'S9'" in text
    assert "unknown type 'projektet'" in text
    assert "supports link from 'G1' to itself" in text
    assert "element 'G4' does not exist" in text


# -- schemas --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: sg.Schema.preset("kommune"),
        lambda: sg.StrategyMap(schema="kommune"),
        lambda: sg.Schema.from_dict({"preset": "kommune"}),
    ],
    ids=["preset", "map", "from_dict"],
)
def test_unknown_preset_lists_the_presets(make):
    with pytest.raises(sg.SchemaError) as info:
        make()
    assert str(info.value) == (
        "unknown schema preset 'kommune'; valid presets: municipal, okr, balanced_scorecard, "
        "logframe"
    )
    assert isinstance(info.value, sg.StratgraphError)
    assert isinstance(info.value, ValueError)


def test_unknown_preset_when_reading(tmp_path):
    path = write_csv(tmp_path / "kort.csv", BASE)
    with pytest.raises(sg.SchemaError, match="valid presets: municipal, okr"):
        sg.read_csv(path, schema="kommune")


def test_goal_level_must_be_a_level():
    with pytest.raises(sg.SchemaError) as info:
        sg.Schema(levels=["agenda", "goal", "target"], goal_level="indicator")
    assert str(info.value) == (
        "the schema is not valid: goal_level 'indicator' is not one of the levels "
        "['agenda', 'goal', 'target']"
    )


def test_goal_level_must_be_a_level_in_a_file_schema():
    with pytest.raises(sg.SchemaError, match="goal_level 'x' is not one of the levels"):
        sg.Schema.from_dict({"levels": ["a", "b"], "goal_level": "x"})


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: sg.Level(name="Effect Goal"), "level name 'Effect Goal' is not valid"),
        (lambda: sg.Schema(levels=["a", "B"], goal_level="a"), "level name 'B' is not valid"),
        (lambda: sg.Schema(levels=[], goal_level="a"), "levels:"),
        (
            lambda: sg.Schema(levels=["a", sg.Level(name="b", aliases=("A",))], goal_level="a"),
            "the name 'A' is claimed by both 'a' and 'b'",
        ),
    ],
    ids=["level-name", "level-name-in-schema", "no-levels", "alias-twice"],
)
def test_malformed_schema_raises_schema_error(make, words):
    with pytest.raises(sg.SchemaError) as info:
        make()
    assert words in str(info.value)


def test_a_missing_id_is_matched_against_a_few_near_ids_not_all(tmp_path, monkeypatch):
    # Scoring every missing id against every id took 106 s for 8 000 rows: a lookup now
    # scores only the ids near it in sorted order, forwards and backwards.
    path = tmp_path / "kort.csv"
    rows = ["id;type;title;parents", "S1;strategy;Økonomi;"]
    rows += [f"G{i};effect_goal;Mål {i};S1" for i in range(20_000)]
    rows += ["A1;agreement;Aftale;G1234x", "A2;agreement;Aftale;H1234", "A3;agreement;Aftale;S2"]
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    scored = []
    real_ratio = difflib.SequenceMatcher.quick_ratio

    def counting(self):
        scored.append(1)
        return real_ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "quick_ratio", counting)
    with pytest.raises(sg.ValidationError) as info:
        sg.read_csv(path)
    assert [p.message for p in info.value.problems] == [
        "element 'G1234x' does not exist (did you mean 'G1234'?)",
        "element 'H1234' does not exist (did you mean 'G1234'?)",
        "element 'S2' does not exist (did you mean 'S1'?)",
    ]
    assert len(scored) <= 3 * 4 * 24


def test_an_id_that_writes_a_letter_another_way_is_told_so_not_offered_back():
    composed, decomposed = (unicodedata.normalize(f, "Mål-1") for f in ("NFC", "NFD"))
    elements = [
        {"id": "S1", "type": "strategy", "title": "S"},
        {"id": composed, "type": "effect_goal", "title": "G", "parents": ["S1"]},
        {"id": "P1", "type": "project", "title": "P", "parents": [decomposed]},
    ]
    with pytest.raises(sg.ValidationError) as caught:
        sg.StrategyMap(elements)
    (problem,) = caught.value.problems
    assert "did you mean" not in problem.message
    assert "writes a letter with other characters: the map's id has it as one character" in (
        problem.message
    )
