"""Audit rules stay silent about levels the map does not use, and the report says so."""

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main


def municipal_map(tmp_path, elements):
    path = tmp_path / "kommune.yaml"
    path.write_text(
        yaml.safe_dump({"schema": "municipal", "elements": elements}, allow_unicode=True),
        encoding="utf-8",
    )
    return sg.read_yaml(path)


WITHOUT_AGREEMENTS = [
    {"id": "V1", "type": "vision", "title": "Et godt sted at leve"},
    {"id": "S1", "type": "strategi", "title": "Tidlig indsats", "parents": ["V1"]},
    {"id": "G1", "type": "effektmål", "title": "Færre anbringelser", "parents": ["S1"]},
    {"id": "G2", "type": "effektmål", "title": "Flere i job", "parents": ["S1"]},
    {"id": "P1", "type": "projekt", "title": "Familiehuset", "parents": ["G1"]},
    {"id": "P2", "type": "projekt", "title": "Job først", "parents": ["S1"]},
]


def test_a_link_over_a_level_the_map_does_not_use_is_no_level_skip(tmp_path):
    m = municipal_map(tmp_path, WITHOUT_AGREEMENTS)
    report = sg.audit(m, select=["SG202"])
    # P2 under S1 skips the effect goal, which the map uses; the agreement it does not.
    assert report.findings[["element", "message"]].values.tolist() == [
        [
            "P2",
            (
                "Project P2 “Job først” hangs directly under strategy S1 “Tidlig indsats”, "
                "skipping the effect goal level. Put the missing effect goal between them."
            ),
        ]
    ]
    assert [r.code for r in report.rules] == ["SG202"]
    assert [str(s) for s in report.skipped] == [
        (
            "SG202 level-skip: the map has no agreement; links from effect goals straight to "
            "projects skip nothing it uses"
        )
    ]


def test_a_map_that_uses_every_level_has_no_note_on_level_skips(tmp_path):
    elements = [
        *WITHOUT_AGREEMENTS,
        {"id": "A1", "type": "aftale", "title": "Aftale", "parents": ["G2"]},
    ]
    report = sg.audit(municipal_map(tmp_path, elements), select=["SG202"])
    assert report.findings["element"].tolist() == ["P1", "P2"]
    assert report.skipped == ()


def test_unimplemented_goal_advice_names_only_the_work_the_map_has(tmp_path):
    m = municipal_map(tmp_path, WITHOUT_AGREEMENTS)
    report = sg.audit(m, select=["SG102"])
    assert report.findings[["element", "message"]].values.tolist() == [
        [
            "G2",
            (
                "Effect goal G2 “Flere i job” has no agreement or project below it: nobody is "
                "committed to deliver it. Start a project that carries it, or drop it."
            ),
        ]
    ]


def test_the_cli_lists_the_level_skip_note(tmp_path):
    m = municipal_map(tmp_path, WITHOUT_AGREEMENTS)
    result = CliRunner().invoke(
        main, ["audit", str(tmp_path / "kommune.yaml"), "--select", "SG202"]
    )
    assert m is not None
    assert result.exit_code == 1
    assert (
        "not run: SG202 level-skip: the map has no agreement; links from effect goals straight "
        "to projects skip nothing it uses"
    ) in result.stdout.splitlines()


@pytest.mark.parametrize("code", ["SG202"])
def test_the_documentation_lists_the_rule(code):
    text = Path(__file__).parents[1].joinpath("docs", "audit-codes.md").read_text("utf-8")
    table = text[text.index("| rule | left out when |") :].split("\n\n")[0]
    assert f"| {code} |" in table
