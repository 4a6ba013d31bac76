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
import re
from html.parser import HTMLParser
from itertools import product
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import openpyxl
import pytest
from click.testing import CliRunner

import stratgraph as sg
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
                        i.model_copy(update={"name": cipher(i.name)}) for i in e.indicators
                    ),
                }
            )
            for e in smap
        ]
        links = [link.model_copy(update={"note": cipher(link.note)}) for link in smap.links]
        return sg.StrategyMap(
            elements,
            links,
            schema=smap.schema,
            name=str(cipher(smap.name)),
            year=smap.year,
            organisation=cipher(smap.organisation),
        )

    return plain(sg.datasets.load("eksempel-2012")), plain(sg.datasets.load("eksempel-2013"))


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
    _, new = plain_maps
    report = sg.audit(new, lang=lang)
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
        "Gennemgang af Eksempel Kommune 2013: 1 fejl, 1 advarsel, 0 bemærkninger"
    )
    assert "| SG101 | unanchored-goal | fejl | 1 |" in report.to_markdown()


def test_a_schema_without_danish_labels_falls_back_to_its_level_names():
    schema = sg.Schema(
        levels=[sg.Level(name="theme", label_en="Theme"), sg.Level(name="aim", label_en="Aim")],
        goal_level="aim",
    )
    m = sg.StrategyMap([{"id": "A1", "type": "aim", "title": "Bcdf"}], schema=schema)
    report = sg.audit(m, select=["SG101"], lang="da")
    assert report.findings["message"][0].startswith(
        "Aim A1 “Bcdf” er ikke forankret: der er ingen theme over A1,"
    )
    assert sg.summary(m, lang="da").loc["level.theme", "label"] == "theme"


def test_memo_style_sets_the_language_of_summary_audit_and_report(tmp_path):
    m = sg.datasets.load("eksempel-2013")
    with sg.memo_style(lang="da"):
        assert sg.summary(m).loc["total_budget", "label"] == "Samlet budget"
        assert sg.audit(m, select=["SG101"]).lang == "da"
        sg.write_report(m, tmp_path, date=dt.date(2026, 12, 7))
    assert sg.audit(m, select=["SG101"]).lang == "en"
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Dannet 7. december 2026 af stratgraph" in page


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
    assert f"{number(sg.summary(m).loc['total_budget', 'value'], 'da')} DKK" in page
    assert "373.450.000 DKK" in page
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
        assert out == render(sg.audit(read, lang="da")) + "\n"
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
