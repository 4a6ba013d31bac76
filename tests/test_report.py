import re

import pytest

import stratgraph as sg


@pytest.fixture
def numbered_goals():
    """A strategy with 300 goals that differ only by a number: over 600 findings."""
    elements = [{"id": "S", "type": "strategy", "title": "Økonomi"}]
    elements += [
        {
            "id": f"G{i}",
            "type": "effect_goal",
            "title": f"Færre borgere på offentlig forsørgelse i kommunen {i}",
            "parents": ["S"],
        }
        for i in range(300)
    ]
    return sg.StrategyMap(elements)


def test_the_page_shows_the_first_findings_and_counts_the_rest(numbered_goals, tmp_path):
    report = sg.audit(numbered_goals)
    assert (report.findings["code"] == "SG402").sum() == 1  # one group, not 44 850 pairs
    sg.write_report(numbered_goals, tmp_path)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    table = page.split("<h2>Findings</h2>")[1].split("<h2>")[0]
    assert len(re.findall(r"<tr><td>SG\d{3}</td>", table)) == 500
    rest = len(report.findings) - 500
    assert f"… and {rest} more findings, not shown here: findings.xlsx lists them all." in table
