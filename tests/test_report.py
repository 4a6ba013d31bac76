import re

import pytest

import stratgraph as sg
from measured import five_statuses


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


def _section(page: str, start: str, end: str = "<h2") -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def _rows(section: str) -> list[list[str]]:
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in body.split("</tr>") if row]


def test_the_progress_section_lists_the_goals_worst_first_with_figures(tmp_path):
    smap = five_statuses()
    written = sg.write_report(smap, tmp_path)
    page = written.html.read_text(encoding="utf-8")
    section = _section(page, '<h2 id="progress">Progress towards the targets</h2>')
    assert "at 2014" in section
    assert _rows(section.split("<h3", 1)[0]) == [
        ["G3", "Mål G3", "10%", "50%", "Off track"],
        ["G2", "Mål G2", "35%", "50%", "At risk"],
        ["G1", "Mål G1", "55%", "50%", "On track"],
        ["G4", "Mål G4", "", "", "No data"],
    ]
    assert '<h3 id="status-map">Status of the map</h3>' in section
    assert '<h3 id="behind">Goals off track or at risk</h3>' in section
    dialogue = _section(section, '<h3 id="dialogue">Followed up in dialogue</h3>')
    assert "trust logic" in dialogue
    assert re.findall(r"<li>([^<]*)</li>", dialogue) == ["G5: Mål G5"]
    assert sorted(written.figures) == ["map", "overload", "progress", "status_map"]
    assert [p.name for p in written.figures["progress"]] == ["progress.png", "progress.pdf"]
    assert all(p.stat().st_size > 1000 for p in written.figures["status_map"])


def test_the_progress_section_speaks_danish(tmp_path):
    written = sg.write_report(five_statuses(), tmp_path, lang="da")
    page = written.html.read_text(encoding="utf-8")
    section = _section(page, '<h2 id="progress">Fremdrift mod målene</h2>')
    assert "Fremdriften for hvert effektmål pr. 2014" in section
    head = re.findall(r"<th>([^<]*)</th>", section.split("<tbody>", 1)[0])
    assert head == ["id", "titel", "fremdrift", "forventet", "status"]
    assert [row[2:] for row in _rows(section.split("<h3", 1)[0])] == [
        ["10 %", "50 %", "Bagud"],
        ["35 %", "50 %", "I risiko"],
        ["55 %", "50 %", "På sporet"],
        ["", "", "Ingen data"],
    ]
    assert "Mål, der er bagud eller i risiko" in section
    assert "Følges op i dialogen" in section
    assert "tillidslogik" in section


def test_a_map_without_measurements_has_no_progress_section(tmp_path):
    smap = five_statuses()
    plain = sg.StrategyMap(list(smap), list(smap.links), name=smap.name)
    written = sg.write_report(plain, tmp_path)
    page = written.html.read_text(encoding="utf-8")
    assert 'id="progress"' not in page
    assert "progress" not in written.figures
    assert "status_map" not in written.figures


def test_no_goal_behind_is_said_and_draws_no_progress_figure(tmp_path):
    smap = five_statuses()
    kept = [m for m in smap.measurements if m.element == "G1"]
    on_track = sg.StrategyMap(list(smap), list(smap.links), kept, name=smap.name)
    written = sg.write_report(on_track, tmp_path)
    page = written.html.read_text(encoding="utf-8")
    assert "<p>No goal is off track or at risk.</p>" in page
    assert "progress" not in written.figures
    assert "status_map" in written.figures


def test_the_danish_budget_note_ends_with_one_full_stop(tmp_path):
    written = sg.write_report(sg.datasets.load("eksempel-2013"), tmp_path, lang="da")
    page = written.html.read_text(encoding="utf-8")
    assert "I kr.: eget budget og budget opsummeret nedefra." in page
    assert "kr.." not in page
