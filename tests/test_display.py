"""How maps, audit reports and figures show in Jupyter."""

from html.parser import HTMLParser

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

import stratgraph as sg


@pytest.fixture(scope="module")
def eksempel():
    return sg.datasets.load("eksempel-2013")


class _Rows(HTMLParser):
    """The rows of an HTML table, each as the texts of its cells."""

    def __init__(self, text):
        super().__init__()
        self.rows = []
        self.feed(text)

    def handle_starttag(self, tag, _attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self.rows[-1].append("")

    def handle_data(self, data):
        if self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def _rows(text):
    return {row[0]: row[1:] for row in _Rows(text).rows}


def test_a_map_shows_its_name_organisation_year_and_schema(eksempel):
    shown = eksempel._repr_html_()
    assert "<strong>Eksempel Kommune 2013</strong> – Eksempel Kommune, 2013" in shown
    assert "103 elements, 152 links" in shown
    assert "schema <code>municipal</code>, goal level <code>effect_goal</code>" in shown


def test_a_map_shows_each_level_in_english_and_danish_with_its_count(eksempel):
    rows = _rows(eksempel._repr_html_())
    assert rows["effect_goal"][:3] == ["Effect goal", "Effektmål", "33"]
    assert rows["project"][:3] == ["Project", "Projekt", "41"]
    assert rows["policy"][:3] == ["Policy", "Politik", "5"]


def test_a_map_shows_its_links_per_kind(eksempel):
    rows = _rows(eksempel._repr_html_())
    assert rows["hierarchy"][2] == "144"
    assert rows["supports"][2] == "3"
    assert rows["tension"][:3] == ["Tension (dilemma)", "Spænding (dilemma)", "5"]


def test_a_map_escapes_what_the_user_wrote():
    m = sg.StrategyMap(
        [{"id": "S1", "type": "strategy", "title": "x"}],
        name="<script>alert(1)</script>",
        organisation="A & B",
    )
    shown = m._repr_html_()
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown
    assert "A &amp; B" in shown


def test_an_empty_map_shows_zero_counts_and_no_organisation():
    shown = sg.StrategyMap(schema="okr", name="Tom")._repr_html_()
    assert "<strong>Tom</strong><br>0 elements, 0 links" in shown
    rows = _rows(shown)
    assert rows["key_result"] == ["Key result", "Nøgleresultat", "0"]


def test_an_audit_report_shows_its_verdict_rules_and_findings(eksempel):
    report = sg.audit(eksempel, select=["SG1"])
    shown = report._repr_html_()
    assert shown.startswith('<div class="stratgraph-audit">')
    assert "<html" not in shown
    assert "<style" not in shown  # a notebook's page keeps its own look
    assert "2 errors, 4 warnings, 0 info" in shown
    assert "<td>SG101</td><td>unanchored-goal</td>" in shown
    assert shown.count('<tr class="warning">') == 1 + 4  # one rule row, four findings
    assert "Sund mad i alle kommunale køkkener" in shown


def test_a_clean_audit_report_says_so(eksempel):
    shown = sg.audit(eksempel, select=["SG202"], ignore=["SG202"])._repr_html_()
    assert "No findings." in shown


def test_every_figure_of_a_notebook_shows_also_after_memo_style(monkeypatch):
    # Jupyter's inline backend shows a figure only in interactive mode, which it turns on when it
    # draws the first figure; leaving memo_style must not turn it off again.
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "1")
    first = "import stratgraph as sg\nm = sg.datasets.load('eksempel-2013')"
    plot = "with sg.memo_style(lang='da'):\n    ax = sg.plot_chain(m, 'G3')"
    nb = new_notebook(cells=[new_code_cell(first), new_code_cell(plot), new_code_cell(plot)])
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    shown = [
        [output for output in cell.outputs if "image/png" in output.get("data", {})]
        for cell in nb.cells[1:]
    ]
    assert [len(images) for images in shown] == [1, 1]
