"""The atlas report: one HTML page on the governance chain, its years and its combined map.

It is what ``stratgraph report FOLDER -o DIR`` writes; it is written as :func:`write_report`
writes its report: all files new or all old, never over a file that is not its own unasked.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from stratgraph._atomic import check_ownership, write_set
from stratgraph._language import date_text, quoted, resolve_lang, text
from stratgraph._util import package_version
from stratgraph.atlas import Atlas, check_atlas, continuity, coverage, similar_goals, split_id
from stratgraph.audit import audit
from stratgraph.exceptions import WriteError
from stratgraph.report import CSS, Report, Say, check_writing, figure_html, html_table, save_figure

if TYPE_CHECKING:
    from collections.abc import Callable

    from stratgraph._options import Language
    from stratgraph._util import StrPath

__all__ = ["ATLAS_REPORT_FILES", "write_atlas_report"]

_FIGURES = ("atlas", "continuity")
#: Every file an atlas report writes, relative to its folder.
ATLAS_REPORT_FILES = (
    "report.html",
    *(f"figures/{name}.{ext}" for name in _FIGURES for ext in ("png", "pdf")),
)
_ROWS_SHOWN = 200


def write_atlas_report(
    atlas: Atlas,
    out_dir: StrPath,
    /,
    *,
    lang: Language | None = None,
    progress: Callable[[str], None] | None = None,
    date: dt.date | None = None,
    overwrite: bool = False,
) -> Report:
    """Write the report on an atlas into the folder ``out_dir``.

    ``report.html`` (self-contained) has, for the latest year of the atlas: the coverage along
    the chain per organisation (:func:`coverage`) with its goals, the similar goals across
    organisations (:func:`similar_goals`), the chain as one map (:func:`plot_atlas`) and the
    audit of the combined map with each finding's organisation and year; and over every year
    the goals per organisation (:func:`continuity`, :func:`plot_continuity`). The figures go
    beside it as PNG and PDF in ``figures/``.

    Parameters
    ----------
    atlas
        The atlas, e.g. ``sg.read_atlas(folder)``.
    out_dir
        The folder; made if missing. An earlier report there is replaced as a whole; other
        files in the folder are left alone.
    lang
        ``"en"`` or ``"da"``: the language of every text; ``None`` uses the language of
        :func:`memo_style`, else English.
    progress
        Called with the name of each step as it starts.
    date
        The date printed in the report; today when ``None``.
    overwrite
        Replace files at the names the report writes that are not from an earlier report.

    Returns
    -------
    Report
        The paths written (``findings`` and ``interactive`` are ``None``).

    Raises
    ------
    FileExistsError
        If a file the report would replace is not its own and ``overwrite`` is false.
    OptionError
        If ``lang``, ``overwrite``, ``date``, ``progress`` or ``out_dir`` is not valid.
    TypeError
        If ``atlas`` is not an :class:`Atlas`.
    ValidationError
        If the maps' schemas cannot be compared (see :meth:`Atlas.combined`).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = sg.write_atlas_report(sg.datasets.load_atlas("eksempel-atlas"), folder, lang="da")
    >>> out.html.name, sorted(out.figures)
    ('report.html', ['atlas', 'continuity'])
    """
    import matplotlib as mpl  # noqa: PLC0415 - plotting is imported only when drawing

    from stratgraph.plotting.atlas import draw_combined, plot_continuity  # noqa: PLC0415
    from stratgraph.plotting.style import memo_style  # noqa: PLC0415

    check_atlas(atlas)
    overwrite = check_writing(out_dir, progress=progress, date=date, overwrite=overwrite)
    lang = resolve_lang(lang)
    say = Say(lang)
    step = progress or (lambda _name: None)
    folder = Path(out_dir)
    anchor = folder / "report.html"
    if folder.is_dir():  # stop before drawing when a file in the way is not ours
        check_ownership(anchor, ATLAS_REPORT_FILES, overwrite=overwrite)
    elif not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as err:
            msg = (
                f"cannot make the report folder {folder} ({err.strerror or err}); give a folder "
                "in a place you can write to"
            )
            raise WriteError(msg) from err
    year = atlas.years[-1] if atlas.years else None
    year_text = str(year) if year is not None else "–"
    smap = atlas.combined(year)
    orgs = [org for org, _ in atlas.keys_of(year)]
    parts: dict[str, bytes] = {}
    written: dict[str, list[str]] = {}
    sections: list[str] = []

    def heading(key: str, **fields: object) -> None:
        sections.append(f'<h2 id="{key}">{html.escape(say(key, **fields))}</h2>')

    def note(key: str) -> None:
        sections.append(f"<p>{html.escape(say(key))}</p>")

    step("coverage")
    found = coverage(atlas, year=year)
    heading("atlas_coverage", year=year_text)
    note("atlas_coverage_note")
    per_org = pd.DataFrame(
        {
            "n_not_taken_up": found.groupby("organisation", sort=False)["not_taken_up"].sum(),
            "n_serves_no_upper": found.groupby("organisation", sort=False)["serves_no_upper"].sum(),
        }
    ).reindex(orgs, fill_value=0)
    per_org.index.name = "organisation"
    per_org = per_org.astype(int)
    sections.append(html_table(per_org, smap, say))
    if len(found):
        sections.append(f"<h3>{html.escape(say('atlas_coverage_goals'))}</h3>")
        sections.append(html_table(found.drop(columns=["year"]), smap, say, limit=_ROWS_SHOWN))

    with mpl.rc_context(), memo_style(lang):
        step("continuity")
        heading("atlas_continuity")
        if atlas.years:
            uri, paths = save_figure(plot_continuity(atlas, lang=lang), parts, "continuity")
            written["continuity"] = paths
            sections.append(figure_html(uri, say("atlas_continuity"), say("atlas_continuity_note")))
        sections.append(html_table(_shown(continuity(atlas)), smap, say, index=False))

        step("similar goals")
        heading("atlas_similar", year=year_text)
        note("atlas_similar_note")
        pairs = similar_goals(atlas, year=year).drop(columns=["year"])
        sections.append(
            html_table(pairs, smap, say, limit=_ROWS_SHOWN)
            if len(pairs)
            else f"<p>{say('none')}</p>"
        )

        step("map")
        heading("atlas_map", year=year_text)
        if len(smap):
            ax = draw_combined(smap, orgs, lang, overview=None, wrap=True, ax=None, box_kwargs={})
            uri, paths = save_figure(ax, parts, "atlas")
            written["atlas"] = paths
            sections.append(
                figure_html(uri, say("atlas_map", year=year_text), say("atlas_map_note"))
            )

    step("audit")
    report = audit(smap, lang=lang)
    heading("atlas_audit", year=year_text)
    note("atlas_audit_note")
    findings = _with_places(report.findings, atlas, year)
    sections.append(_findings_with_places(findings, {r.code: r.title for r in report.rules}, say))

    step("write")
    title = f"{say('atlas_title')}: {quoted(atlas.name, lang)}"
    years = f"{atlas.years[0]}–{atlas.years[-1]}" if atlas.years else "–"
    meta = say(
        "atlas_meta",
        orgs=len(atlas.organisations),
        maps=len(atlas),
        years=years,
        links=len(atlas.links),
    )
    when = date_text(dt.datetime.now(tz=dt.UTC).date() if date is None else date, lang)
    generated = say("generated", date=when, version=package_version())
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f'<h1>{html.escape(title)}</h1><p class="meta">{html.escape(meta)}</p>'
        + "".join(sections)
        + f'<p class="meta">{html.escape(generated)}</p>'
        "</body></html>\n"
    )
    parts["report.html"] = page.encode("utf-8")
    (folder / "figures").mkdir(parents=True, exist_ok=True)
    write_set(anchor, parts, overwrite=overwrite)
    return Report(
        html=anchor, figures={key: [folder / p for p in paths] for key, paths in written.items()}
    )


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table as the page shows it: years as written, no value as an empty cell."""
    out = table.astype(object).where(table.notna(), None)
    if "year" in out:
        out["year"] = [None if y is None else str(y) for y in out["year"]]
    return out


def _with_places(findings: pd.DataFrame, atlas: Atlas, year: int | None) -> pd.DataFrame:
    """Add each finding's organisation and year (split from its namespaced element)."""
    orgs: list[str] = []
    for element in findings["element"].tolist():
        try:
            org, _, _ = split_id(str(element))
        except ValueError:  # a finding about the map as a whole names no element
            org = ""
        orgs.append(org)
    years = dict(atlas.keys_of(year))
    out = findings.copy()
    out.insert(0, "year", pd.Series([years.get(o) for o in orgs], index=out.index, dtype="Int64"))
    out.insert(0, "organisation", orgs)
    return out


def _findings_with_places(findings: pd.DataFrame, titles: dict[str, str], say: Say) -> str:
    """Return the findings as the report shows them, each led by its organisation and year."""
    if findings.empty:
        return f"<p>{html.escape(say('no_findings'))}</p>"
    columns = ("code", "title", "name", "severity", "element", "message")
    head = "".join(
        f"<th>{html.escape(say.header(c))}</th>" for c in ("organisation", "year")
    ) + "".join(f"<th>{html.escape(text('column.' + c, say.lang))}</th>" for c in columns)
    rows = []
    for f in findings.head(_ROWS_SHOWN).itertuples():
        year = "" if f.year is None or f.year is pd.NA else str(f.year)
        severity = str(f.severity)
        cells = [
            html.escape(str(f.organisation)),
            year,
            html.escape(str(f.code)),
            html.escape(titles.get(str(f.code), "")),
            html.escape(str(f.name)),
            html.escape(text("severity." + severity, say.lang)),
            html.escape(str(f.element)),
            html.escape(str(f.message)),
        ]
        tds = [f"<td>{c}</td>" for c in cells]
        tds[5] = f'<td class="sev-{html.escape(severity)}">{cells[5]}</td>'
        rows.append("<tr>" + "".join(tds) + "</tr>")
    more = ""
    if len(findings) > _ROWS_SHOWN:
        more = f"<p>{html.escape(say('more_rows', n=len(findings) - _ROWS_SHOWN))}</p>"
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f'<div class="scroll">{table}</div>{more}'
