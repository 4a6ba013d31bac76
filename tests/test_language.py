"""Everything a reader sees is in the language asked for: no English in Danish output, no Danish
in English output.

The forbidden words come from the catalogue itself (:data:`stratgraph._language.CATALOGUE`): the
words of its English texts that no Danish text uses are what Danish output must not contain, and
the other way round, so the lists grow with the catalogue and cannot go stale.

The map's own words are not ours to translate. The test map is the bundled 2013 example with
every word of its titles, notes, owners, agendas and names replaced by a made-up word of
consonants (``Bcdf``), the same word for the same word so that near-duplicate titles stay near
duplicates; element ids (``G41``) hold digits and are never taken as words. File names the
report gives (``findings.xlsx``, ``figures/``, ``map.html``), rule codes and rule names are
identifiers and are removed before the words are checked.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import warnings
from html.parser import HTMLParser
from itertools import product
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import openpyxl
import pytest
from click.testing import CliRunner

import stratgraph as sg
from measured import measured
from stratgraph._language import CATALOGUE, date_text, millions, number
from stratgraph.audit import RULES
from stratgraph.cli import main

mpl.use("Agg")

_WORD = re.compile(r"\b[^\W\d_]+\b")
_FIELD = re.compile(r"\{[^{}]*\}")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _catalogue_words(lang: str) -> set[str]:
    found: set[str] = set()
    for entry in CATALOGUE.values():
        found |= _words(_FIELD.sub(" ", getattr(entry, lang)))
    return found


ENGLISH_ONLY = _catalogue_words("en") - _catalogue_words("da")
DANISH_ONLY = _catalogue_words("da") - _catalogue_words("en")
FORBIDDEN = {"da": ENGLISH_ONLY, "en": DANISH_ONLY}
IDENTIFIERS = sorted(
    [*(r.name for r in RULES), *(r.code for r in RULES), "findings.xlsx", "figures/", "map.html"],
    key=len,
    reverse=True,
)


def test_the_word_lists_are_not_empty_and_hold_the_words_of_the_issue():
    assert {"error", "warning", "goal", "level", "findings", "agenda"} <= ENGLISH_ONLY
    assert {"fejl", "advarsel", "bemærkning", "styringskæden", "fund"} <= DANISH_ONLY


_CONSONANTS = "bcdfghjklmnpqrstvwxz"


class _Cipher:
    """A made-up word of consonants for each word, the same for the same word."""

    def __init__(self) -> None:
        self.words: dict[str, str] = {}

    def word(self, match: re.Match[str]) -> str:
        key = match.group().casefold()
        if key not in self.words:
            n, letters = len(self.words), []
            for _ in range(3):
                n, r = divmod(n, len(_CONSONANTS))
                letters.append(_CONSONANTS[r])
            self.words[key] = "B" + "".join(letters)
        return self.words[key]

    def __call__(self, text: str | None) -> str | None:
        return None if text is None else _WORD.sub(self.word, text)


@pytest.fixture(scope="module")
def plain_maps() -> tuple[sg.StrategyMap, sg.StrategyMap]:
    """The bundled 2012 and 2013 maps with every word of their own made up."""
    cipher = _Cipher()

    def plain(smap: sg.StrategyMap) -> sg.StrategyMap:
        elements = [
            e.model_copy(
                update={
                    "title": cipher(e.title),
                    "description": cipher(e.description),
                    "owner": cipher(e.owner),
                    "agenda": tuple(cipher(a) for a in e.agenda),
                    "indicators": tuple(
                        i.model_copy(update={"name": cipher(i.name), "unit": cipher(i.unit)})
                        for i in e.indicators
                    ),
                }
            )
            for e in smap
        ]
        links = [link.model_copy(update={"note": cipher(link.note)}) for link in smap.links]
        measurements = [
            {
                "element": m.element,
                "indicator": cipher(m.indicator),
                "period": m.period,
                "value": m.value,
                "note": cipher(m.note),
                "source": cipher(m.source),
            }
            for m in smap.measurements
        ]
        return sg.StrategyMap(
            elements,
            links,
            measurements,
            schema=smap.schema,
            name=str(cipher(smap.name)),
            year=smap.year,
            organisation=cipher(smap.organisation),
        )

    # The 2013 map with measurements, so that the report has its progress section.
    new = measured(sg.datasets.load("eksempel-2013"))
    return plain(sg.datasets.load("eksempel-2012")), plain(new)


def _followed_up(smap: sg.StrategyMap) -> sg.StrategyMap:
    """Return the map with a goal whose indicators make every rule of follow-up find something.

    One indicator off track and past its target period, one measured long ago, one never
    measured and without its periods; the words are made up as the map's are.
    """
    anchor = next(e.id for e in smap if e.type == smap.schema.anchor_levels[-1])
    goal = sg.Element(
        id="GM1",
        type=smap.schema.goal_level,
        title="Bmmm Bnnn",
        indicators=[
            sg.Indicator(
                name="Bppp", baseline=10, target=20, baseline_period=2012, target_period=2014
            ),
            sg.Indicator(
                name="Bqqq", baseline=1, target=2, baseline_period=2012, target_period=2020
            ),
            sg.Indicator(name="Brrr", unit="Bsss", baseline=5, target=3),
        ],
    )
    measurements = [
        {"element": "GM1", "indicator": "Bppp", "period": 2013, "value": 10},
        {"element": "GM1", "indicator": "Bppp", "period": "2014Q4", "value": 11},
        {"element": "GM1", "indicator": "Bqqq", "period": "2013-05", "value": 1},
    ]
    return sg.StrategyMap(
        [*smap, goal],
        [*smap.links, sg.Link(source=anchor, target="GM1", note="Bttt")],
        [*smap.measurements, *measurements],
        schema=smap.schema,
        name=smap.name,
        year=smap.year,
        organisation=smap.organisation,
    )


def _strangers(text: str, lang: str) -> set[str]:
    for identifier in IDENTIFIERS:
        text = text.replace(identifier, " ")
    return _words(text) & FORBIDDEN[lang]


class _Visible(HTMLParser):
    """The text of a page a reader sees: no markup, no style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag in {"style", "script"}
        self.parts.extend(value or "" for name, value in attrs if name in {"alt", "title"})

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 - HTMLParser's signature
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _visible(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return " ".join(parser.parts)


def _figure_texts(ax) -> str:
    texts = [t.get_text() for t in ax.figure.findobj(mpl.text.Text)]
    return " ".join(texts)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_report_workbook_and_figures_have_no_word_of_the_other_language(
    plain_maps, tmp_path, lang
):
    old, new = plain_maps
    written = sg.write_report(new, tmp_path, compare=old, lang=lang, date=dt.date(2026, 12, 7))
    page = written.html.read_text(encoding="utf-8")
    assert 'id="progress"' in page  # the progress section is checked too
    assert _strangers(_visible(page), lang) == set()
    book = openpyxl.load_workbook(written.findings)
    findings_sheet, summary_sheet = book.worksheets
    cells = [*book.sheetnames]
    cells += [str(c.value) for row in findings_sheet.iter_rows() for c in row if c.value]
    # The summary sheet's first column holds the figures' stable names: identifiers.
    cells += [str(c.value) for row in summary_sheet.iter_rows() for c in row[1:] if c.value]
    cells.append(str(summary_sheet.cell(1, 1).value))  # but its header is for readers
    assert _strangers(" ".join(cells), lang) == set()
    expected = {"da": ["fund", "overblik"], "en": ["findings", "summary"]}[lang]
    assert book.sheetnames == expected


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_audit_in_every_rendering_has_no_word_of_the_other_language(plain_maps, lang):
    report = sg.audit(_followed_up(plain_maps[1]), lang=lang)
    assert set(report.findings["code"]) == {r.code for r in RULES}  # every rule found something
    data = json.loads(report.to_json())
    prose = [f["message"] for f in data["findings"]]
    prose += [r["summary"] for r in data["rules"]] + [s["reason"] for s in data["skipped"]]
    for text in (" ".join(prose), report.to_markdown(), str(report), _visible(report.to_html())):
        assert _strangers(text, lang) == set()
    assert data["lang"] == lang
    assert _strangers(_visible(report._repr_html_()), lang) == set()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_summary_has_no_word_of_the_other_language(plain_maps, lang):
    _, new = plain_maps
    labels = " ".join(sg.summary(new, lang=lang)["label"])
    assert _strangers(labels, lang) == set()


_PLOTS = {
    "map": lambda _old, new: sg.plot_map(new, highlight=sg.orphaned_goals(new)),
    "map by owner": lambda _old, new: sg.plot_map(new, color_by="owner"),
    "map by agenda": lambda _old, new: sg.plot_map(new, color_by="agenda"),
    "overload": lambda _old, new: sg.plot_overload(new),
    "overload per owner": lambda _old, new: sg.plot_overload(new, per="owner"),
    "cross-cutting": lambda _old, new: sg.plot_cross_cutting(new),
    "chain": lambda _old, new: sg.plot_chain(new, "P38"),
    "budget": lambda _old, new: sg.plot_budget(new),
    "map by status": lambda _old, new: sg.plot_map(new, color_by="status"),
    "progress": lambda _old, new: sg.plot_progress(new, max_panels=40).axes[0],
    "diff": sg.plot_diff,
}


@pytest.mark.parametrize(("lang", "kind"), list(product(["da", "en"], _PLOTS)))
def test_every_figure_has_no_word_of_the_other_language(plain_maps, lang, kind):
    old, new = plain_maps
    with sg.memo_style(lang=lang):
        ax = _PLOTS[kind](old, new)
    try:
        texts = _figure_texts(ax)
        assert texts.strip()
        assert _strangers(texts, lang) == set()
    finally:
        plt.close("all")


def test_a_danish_audit_reads_as_a_danish_memo():
    m = sg.datasets.load("eksempel-2013")
    report = sg.audit(m, select=["SG101", "SG402"], lang="da")
    messages = report.findings["message"].tolist()
    assert messages[0] == (
        "Effektmål G41 “Sund mad i alle kommunale køkkener” er ikke forankret: der er ingen "
        "strategier, politikker eller visioner over G41, så ingen sigtelinje løber fra toppen "
        "af styringskæden ned til målet. Knyt målet til en strategi, eller tag det ud."
    )
    assert "(lighed 0,88)" in messages[1]
    assert report.counts == {"error": 1, "warning": 1, "info": 0}  # identifiers stay
    assert str(report).splitlines()[0] == (
        "Gennemgang af »Eksempel Kommune 2013«: 1 fejl, 1 advarsel, 0 bemærkninger"
    )
    markdown = report.to_markdown()
    assert markdown.startswith("# Gennemgang: »Eksempel Kommune 2013«\n")
    assert (
        "| SG101 | Effektmål uden strategi, politik eller vision over sig | unanchored-goal | fejl "
        "| 1 |" in markdown
    )
    assert (
        "## SG101 Effektmål uden strategi, politik eller vision over sig (unanchored-goal, fejl)"
        in markdown
    )


def test_a_schema_without_danish_labels_falls_back_to_its_level_names():
    schema = sg.Schema(
        levels=[sg.Level(name="theme", label_en="Theme"), sg.Level(name="aim", label_en="Aim")],
        goal_level="aim",
    )
    m = sg.StrategyMap([{"id": "A1", "type": "aim", "title": "Bcdf"}], schema=schema)
    with pytest.warns(sg.StratgraphWarning, match="no Danish label .* 'theme', 'aim'") as caught:
        report = sg.audit(m, select=["SG101"], lang="da")
    assert len(caught) == 1  # once for the call, naming every level without a Danish label
    # The level name as written, not capitalised into an English-looking word.
    assert report.findings["message"][0].startswith(
        "aim A1 “Bcdf” er ikke forankret: der er ingen theme over A1,"
    )
    assert report.rules[0].title == "aim uden theme over sig"
    with pytest.warns(sg.StratgraphWarning, match="label_da"):
        assert sg.summary(m, lang="da").loc["level.theme", "label"] == "theme"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # English output names levels by their English labels
        sg.audit(m, select=["SG101"], lang="en")


def test_memo_style_sets_the_language_of_summary_audit_and_report(tmp_path):
    m = sg.datasets.load("eksempel-2013")
    with sg.memo_style(lang="da"):
        assert sg.summary(m).loc["total_budget", "label"] == "Samlet budget"
        assert sg.audit(m, select=["SG101"]).lang == "da"
        sg.write_report(m, tmp_path, date=dt.date(2026, 12, 7))
    assert sg.audit(m, select=["SG101"]).lang == "en"
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f"Udarbejdet med stratgraph {sg.__version__} den 7. december 2026." in page


def test_numbers_and_dates_read_the_language_s_way_everywhere(tmp_path):
    assert number(79_400_000, "da") == "79.400.000"
    assert number(79_400_000, "en") == "79,400,000"
    assert number(1234.5, "da", 1) == "1.234,5"
    assert millions(1_234_500_000, "DKK", "da") == "1.234,5 mio. kr."
    assert date_text(dt.date(2026, 12, 7), "da") == "7. december 2026"
    assert date_text(dt.date(2026, 12, 7), "en") == "7 December 2026"
    m = sg.datasets.load("eksempel-2013")
    page = sg.write_report(m, tmp_path, lang="da").html.read_text(encoding="utf-8")
    total = sg.budget_rollup(m).loc["V1", "rolled_budget"]
    assert f">{number(total, 'da')}</td>" in page  # the budget table
    assert f"{number(sg.summary(m).loc['total_budget', 'value'], 'da')} kr." in page
    assert "373.450.000 kr." in page
    assert "DKK" not in _visible(page)  # one way of writing the currency: kr.
    assert "373,450,000" not in page


def _cli(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.output


def test_the_cli_and_the_api_give_the_same_danish_output(tmp_path):
    m = sg.datasets.load("eksempel-2013")
    path = tmp_path / "e13.yaml"
    m.write(path)
    read = sg.read(path)
    for fmt, render in (
        ("markdown", lambda r: r.to_markdown()),
        ("json", lambda r: r.to_json()),
        ("text", str),
    ):
        code, out = _cli(["audit", str(path), "--lang", "da", "--format", fmt])
        assert code == 1
        # The same bytes: to_markdown() and to_json() end in a newline, str() does not.
        assert out == render(sg.audit(read, lang="da")) + ("\n" if fmt == "text" else "")
    code, out = _cli(["report", str(path), "-o", str(tmp_path / "cli"), "--lang", "da"])
    assert code == 0
    api = sg.write_report(read, tmp_path / "api", lang="da")
    cli_page = (tmp_path / "cli" / "report.html").read_bytes()
    assert cli_page == api.html.read_bytes()
    assert b"Rapport om strategikortet" in cli_page
    code, out = _cli(["plot", str(path), "-o", str(tmp_path / "kort.svg"), "--lang", "da"])
    assert (code, out) == (0, f"skrev {tmp_path / 'kort.svg'}\n")
    code, out = _cli(["validate", str(path), "--lang", "da"])
    assert out == f"{path}: gyldig, 103 elementer og 152 relationer\n"


def test_the_docs_name_the_languages_page():
    docs = Path(__file__).parents[1] / "docs"
    assert "lang" in (docs / "languages.md").read_text(encoding="utf-8")


def _split_cli(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _bad_workbook(path: Path) -> None:
    """A workbook as Excel writes it, with three problems and a column name that warns."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Mål"
    sheet.append(["id", "niveau", "titel", "forælder", "Budgt"])
    sheet.append(["S1", "strategi", "Vækst", None, 1500])
    sheet.append(["E1", "Effektmåål", "Flere i job", "S1", None])
    sheet.append(["P1", "projekt", "Jobcenter", "E9", None])
    book.save(path)


def test_validate_frames_its_problems_in_danish_and_says_they_are_english(tmp_path):
    path = tmp_path / "fejl.xlsx"
    _bad_workbook(path)
    code, out, err = _split_cli(["validate", str(path), "--lang", "da"])
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[:2] == [
        "stratgraph: advarsel: (beskrivelserne er på engelsk, som stratgraphs fejlmeddelelser)",
        (
            "stratgraph: advarsel: fejl.xlsx, ark 'Mål', række 1, kolonne 'Budgt': the column "
            "'Budgt' is not a known field and is kept as an attribute, but it resembles the "
            "'budget' field and no column gives that field; rename it 'budget' if it holds the "
            "budget"
        ),
    ]
    assert lines[2] == "stratgraph: fejl: kortet er ikke gyldigt (2 problemer):"
    assert lines[3].startswith(
        "  - fejl.xlsx, ark 'Mål', række 3, kolonne 'niveau', element 'E1': "
    )
    assert lines[4].startswith(
        "  - fejl.xlsx, ark 'Mål', række 4, kolonne 'forælder', element 'P1':"
    )
    assert lines[5] == "  (beskrivelserne er på engelsk, som stratgraphs fejlmeddelelser)"
    framing = " ".join(line.split(":")[0] for line in lines) + " ".join(lines[2:3] + lines[5:])
    assert _strangers(framing.replace("fejl.xlsx", " "), "da") == set()
    code, _, err = _split_cli(["validate", str(path)])
    assert err.splitlines()[1] == "stratgraph: error: the strategy map is not valid (2 problems):"
    assert "række" not in err


def test_a_danish_report_keeps_read_notes_with_danish_places(tmp_path):
    path = tmp_path / "mål.csv"
    path.write_bytes(
        "id;type;titel;forælder;Budgt\nS1;strategi;Vækst;;1500\nG1;effektmål;Job;S1;2\n".encode(
            "cp1252"
        )
    )
    with pytest.warns(sg.ReadWarning, match="'Budgt' is not a known field"):
        m = sg.read(path)
    assert m.warnings[0].location.column == "Budgt"
    page = sg.write_report(m, tmp_path / "rapport", lang="da").html.read_text(encoding="utf-8")
    assert '<h2 id="read_warnings">Bemærkninger fra indlæsningen</h2>' in page
    assert "selve bemærkningen på engelsk" in page
    assert "<li>mål.csv, række 1, kolonne &#x27;Budgt&#x27;: the column" in page
    assert "<h1>Rapport om strategikortet: »mål«</h1>" in page  # the name is set off


def _diff_files(tmp_path: Path, plain_maps) -> tuple[str, str]:
    old, new = plain_maps
    paths = (tmp_path / "gammel.yaml", tmp_path / "ny.yaml")
    old.write(paths[0])
    new.write(paths[1])
    return str(paths[0]), str(paths[1])


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_the_diff_cli_has_no_word_of_the_other_language(plain_maps, tmp_path, lang, fmt):
    old, new = _diff_files(tmp_path, plain_maps)
    code, out, err = _split_cli(["diff", old, new, "--lang", lang, "--format", fmt])
    assert (code, err) == (0, "")
    assert len(out.splitlines()) > 20
    assert _strangers(out, lang) == set()


def test_the_diff_cli_speaks_danish(tmp_path):
    paths = [tmp_path / "2012.yaml", tmp_path / "2013.yaml"]
    sg.datasets.load("eksempel-2012").write(paths[0])
    sg.datasets.load("eksempel-2013").write(paths[1])
    args = ["diff", *map(str, paths), "--lang", "da"]
    _, out, _ = _split_cli(args)
    lines = out.splitlines()
    assert lines[0].split() == ["G3", "ny", "titel", *lines[0].split()[3:]]
    assert lines[1].split() == ["G4", "flyttet", "under", "S1", "→", "under", "S5"]
    assert lines[-1] == (
        "96 → 103 elementer: 14 nye, 7 fjernede, 1 med nyt niveau, 4 med ny titel, 8 flyttede; "
        "31 af 35 mål bevaret (kontinuitet 89 %), 2 nye mål"
    )
    _, out, _ = _split_cli([*args, "--format", "markdown"])
    assert out.startswith("| id | alle ændringer | før | efter |\n")
    _, out, _ = _split_cli([*args, "--format", "csv"])
    assert out.splitlines()[0] == (
        "id,hovedændring,alle ændringer,niveau før,niveau efter,titel før,titel efter,"
        "overordnet før,overordnet efter"
    )
    assert "G40,ny,ny,,Effektmål,,Flere borgere i varig beskæftigelse,,S5" in out
    with sg.memo_style(lang="da"):
        summary = str(sg.diff_summary(*(sg.read(p) for p in paths)))
    assert summary == lines[-1]


def test_convert_and_example_say_what_they_wrote_in_danish(tmp_path):
    target = tmp_path / "mål.yaml"
    code, out, _ = _split_cli(["example", str(target), "--lang", "da"])
    assert (code, out) == (0, f"skriv {target}\n".replace("skriv", "skrev"))
    code, out, _ = _split_cli(["convert", str(target), str(tmp_path / "mål.xlsx"), "--lang", "da"])
    assert (code, out) == (0, f"skrev {tmp_path / 'mål.xlsx'} (103 elementer, 152 relationer)\n")


def test_a_closed_pipe_ends_every_command_quietly(tmp_path):
    """``stratgraph diff … | head``: the reader is gone before a line is written."""
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    sg.datasets.load("eksempel-2012").write(old)
    sg.datasets.load("eksempel-2013").write(new)
    env = {**os.environ, "PYTHONPATH": str(Path(sg.__file__).parents[1])}
    for args in (["diff", old, new], ["audit", new, "--format", "json"], ["validate", new]):
        command = [sys.executable, "-m", "stratgraph", *map(str, args)]
        writer = subprocess.Popen(  # noqa: S603 - our own command, our own files
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        assert writer.stdout is not None
        writer.stdout.close()  # as head does once it has its lines
        _, err = writer.communicate()
        assert err == b"", args
        assert writer.returncode == 1, args


def test_the_interactive_map_speaks_the_language_of_its_texts(plain_maps):
    _, new = plain_maps
    for lang in ("da", "en"):
        payload = sg.explore(new, lang=lang).payload
        words = _FIELD.sub(" ", " ".join(str(v) for v in payload["words"].values()))
        findings = " ".join(f[2] for node in payload["nodes"] for f in node["findings"])
        budgets = " ".join(str(node["budget"]) for node in payload["nodes"] if node["budget"])
        assert findings
        assert _strangers(f"{words} {findings} {budgets}", lang) == set(), lang
    payload = sg.explore(new, lang="da").payload
    assert payload["words"]["matches"] == "{n} fundet"  # the script fills in the count
    assert any(str(node["budget"]).endswith(" kr.") for node in payload["nodes"])


def test_the_danish_rule_titles_and_counts_read_as_prose():
    rules = sg.audit_rules(lang="da")
    assert rules.loc["SG501", "summary"] == (
        "relation til eller fra et effektmål uden note (forandringsteori)"
    )
    assert (
        sg.audit_rules().loc["SG501", "summary"]
        == sg.audit_rules(lang="en").loc["SG501", "summary"]
    )
    m = sg.datasets.load("eksempel-2013")
    message = sg.audit(m, select=["SG601"], lang="da").findings["message"][0]
    assert "Et tværgående element har brug for én navngiven ejer" in message
    assert "styres fra to sider på én gang" in message or "styres fra tre sider" in message
    assert " 2 sider" not in message


def test_the_danish_budget_figure_says_what_its_total_counts():
    m = sg.datasets.load("eksempel-2013")
    ax = sg.plot_budget(m, lang="da")
    try:
        texts = [t.get_text() for t in ax.texts if t.get_text().startswith("I alt")]
        expected = (
            "I alt under strategier: 342,7 mio. kr. "
            "(30,7 mio. kr. ligger ikke under nogen strategi)"
        )
        assert texts == [expected]
    finally:
        plt.close("all")
