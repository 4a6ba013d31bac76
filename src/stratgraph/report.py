"""The report: one self-contained HTML page with figures, findings and tables.

Beside it go the figures as PNG and PDF and the findings as an Excel workbook. It is what
``stratgraph report FILE -o DIR`` writes; :func:`write_report` does the same from Python.

The files are written as one transaction (see :mod:`stratgraph._atomic`) recorded in the
manifest ``DIR/.report.html.stratgraph.json``: the folder holds the whole old report or the whole
new one. A file at a name the report writes that is not from an earlier report (by the
manifest) stops the write unless ``overwrite=True``; other files in the folder are left alone.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph._atomic import check_ownership, write_set
from stratgraph._cells import neutralise
from stratgraph._language import (
    CATALOGUE,
    currency_text,
    date_text,
    number,
    period_text,
    plural,
    problem_text,
    quoted,
    resolve_lang,
    share,
    text,
    yes_no,
)
from stratgraph._options import check_bool, check_map, invalid
from stratgraph._premises import budget_levels, has_anchor_level, has_flow_elements, why_no_money
from stratgraph._util import package_version
from stratgraph.analysis import (
    budget_rollup,
    cross_cutting,
    diff,
    diff_summary,
    goal_overload,
    progress_rollup,
    summary,
)
from stratgraph.analysis.progress import latest_period
from stratgraph.audit import audit, counts_text
from stratgraph.exceptions import WriteError
from stratgraph.plotting import figure_of

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import pandas as pd
    from matplotlib.axes import Axes

    from stratgraph._options import Language
    from stratgraph._util import StrPath
    from stratgraph.strategy_map import StrategyMap

__all__ = ["REPORT_FILES", "Report", "write_report"]

#: A map with more elements than this is not drawn whole in the report (the overview is).
_WHOLE_MAP_MOST = 400
#: A branch of at most this many elements makes a legible figure of its own.
_BRANCH_MOST = 80
#: The most branch figures a report draws: those with the most findings.
_BRANCHES_DRAWN = 20
_FIGURES = (
    "map",
    *(f"map-{k}" for k in range(1, _BRANCHES_DRAWN + 1)),
    "overload",
    "cross_cutting",
    "budget",
    "status_map",
    "progress",
    "diff",
)
#: Every file a report may write, relative to its folder.
REPORT_FILES = (
    "report.html",
    "findings.xlsx",
    "map.html",
    *(f"figures/{name}.{ext}" for name in _FIGURES for ext in ("png", "pdf")),
)

CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 2em auto;
       max-width: 60em; padding: 0 1em; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #bbb; padding-bottom: 0.2em; margin-top: 2em; }
p.meta { color: #555; margin-top: 0; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0 1em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
div.scroll { overflow-x: auto; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
p.left-out { color: #555; font-style: italic; }
.sev-error { color: #b00020; font-weight: bold; }
.sev-warning { color: #8a5a00; font-weight: bold; }
.sev-info { color: #35607a; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
"""


@dataclass
class Report:
    """What :func:`write_report` wrote: the HTML page, the figure files and the findings book.

    Attributes
    ----------
    html
        The report page, ``report.html``.
    figures
        The files of each figure by name (``map``, ``overload``, ``cross_cutting``, ``budget``,
        ``status_map``, ``progress``, ``diff``), PNG first, then PDF.
    findings
        The findings as an Excel workbook, ``findings.xlsx``.
    interactive
        The interactive map (:func:`explore`), ``map.html``; ``None`` for an empty map.

    Examples
    --------
    >>> from pathlib import Path
    >>> written = sg.Report(Path("rapport/report.html"), findings=Path("rapport/findings.xlsx"))
    >>> written.html.name, written.figures, written.findings.name
    ('report.html', {}, 'findings.xlsx')
    """

    html: Path
    figures: dict[str, list[Path]] = field(default_factory=dict)
    findings: Path | None = None
    interactive: Path | None = None


class Say:
    """The report's texts in one language: ``say("title")``, ``say("diff", old=...)``."""

    def __init__(self, lang: Language, groups: str = "") -> None:
        self.lang = lang
        #: The groups cross-cutting elements lie below, in the plural: ``strategier``.
        self.groups = groups or text("fallback.groups", lang)

    def __call__(self, key: str, **fields: object) -> str:
        return text("report." + key, self.lang, **fields)

    def header(self, column: str) -> str:
        """Return a table column's header; a column the catalogue lacks keeps its name."""
        key = "header." + column
        return text(key, self.lang, groups=self.groups) if key in CATALOGUE else column


def _groups(smap: StrategyMap, lang: Language) -> str:
    """Return the plural of the level cross-cutting elements are grouped by: ``strategies``."""
    schema = smap.schema
    if not schema.anchor_levels:
        return ""
    level = schema.level(schema.anchor_levels[-1])
    label = level.label(lang).lower()
    return plural(label, lang, inflect=not (lang == "da" and level.label_da == level.name))


def html_table(
    frame: pd.DataFrame,
    smap: StrategyMap,
    say: Say,
    *,
    index: bool = True,
    limit: int | None = None,
) -> str:
    """Return ``frame`` as an HTML table, headers, levels, yes/no and numbers in ``say``'s words."""
    shown = frame if limit is None else frame.head(limit)
    names = ([str(shown.index.name or "")] if index else []) + [str(c) for c in shown.columns]
    head = "".join(f"<th>{html.escape(say.header(c))}</th>" for c in names)
    rows = []
    # Column by column, as plain Python values: a row Series per row costs more than the row.
    cells_by_column = [shown.index.tolist()] if index else []
    cells_by_column += [shown[c].to_numpy(dtype=object).tolist() for c in shown.columns]
    labels = {level.name: level.label(say.lang) for level in smap.schema.levels}
    for values in zip(*cells_by_column, strict=True):
        cells = []
        for name, value in zip(names, values, strict=True):
            if name in _LEVEL_COLUMNS and isinstance(value, str):
                value = labels.get(value, value)  # noqa: PLW2901 - the level's label
            elif name in _CHANGE_COLUMNS:
                value = _changes(value, say.lang)  # noqa: PLW2901
            shown_text, numeric = _cell(value, say.lang)
            css = ' class="num"' if numeric else ""
            cells.append(f"<td{css}>{html.escape(shown_text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if limit is not None and len(frame) > limit:
        more = f"<p>{html.escape(say('more_rows', n=number(len(frame) - limit, say.lang)))}</p>"
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f'<div class="scroll">{table}</div>{more}'


#: Columns of the analyses whose values are level names, and change names.
_LEVEL_COLUMNS = frozenset({"type", "old_type", "new_type", "parent_type"})
_CHANGE_COLUMNS = frozenset({"change", "changes"})


def _changes(value: Any, lang: Language) -> Any:
    """Return a change name (``moved``) or a tuple of them in ``lang``."""
    if isinstance(value, str) and "change." + value in CATALOGUE:
        return text("change." + value, lang)
    if isinstance(value, tuple):
        return tuple(_changes(v, lang) for v in value)
    return value


def _cell(value: Any, lang: Language) -> tuple[str, bool]:
    if value is None or (isinstance(value, float) and value != value):  # noqa: PLR0124 - NaN
        return "", False
    if isinstance(value, bool):
        return yes_no(value, lang), False
    if isinstance(value, float):
        if abs(value) >= 100:  # noqa: PLR2004 - money and large counts: whole units
            return number(value, lang), True
        written = f"{value:.3g}"
        return (written.replace(".", ",") if lang == "da" else written), True
    if isinstance(value, int):
        return number(value, lang), True
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value), False
    return str(value), False


def _summary_table(figures: pd.DataFrame, lang: Language) -> str:
    rows = []
    shares = text("unit.share", lang)
    for label, value, unit in zip(figures["label"], figures["value"], figures["unit"], strict=True):
        if unit != shares and isinstance(value, float) and value != value:  # noqa: PLR0124
            continue  # NaN: the map lacks what the figure is about (see summary)
        if unit == shares:
            shown = share(float(value), lang)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            shown = number(float(value), lang) + (f" {unit}" if unit else "")
        else:
            shown = f"{value} {unit}".strip()
        rows.append(
            f'<tr><td>{html.escape(str(label))}</td><td class="num">{html.escape(shown)}</td></tr>'
        )
    return f"<table><tbody>{''.join(rows)}</tbody></table>"


#: The workbook of findings beside the page, as the page names it.
_BOOK = "findings.xlsx"

#: The findings the page shows, and the rows of its longer tables; findings.xlsx has them all.
_FINDINGS_SHOWN = 500
_ROWS_SHOWN = 200


def _findings_table(findings: pd.DataFrame, titles: dict[str, str], say: Say) -> str:
    if findings.empty:
        return f"<p>{html.escape(say('no_findings'))}</p>"
    head = "".join(
        f"<th>{html.escape(text('column.' + c, say.lang))}</th>"
        for c in ("code", "title", "name", "severity", "element", "message")
    )
    rows = "".join(
        "<tr>"
        f"<td>{html.escape(str(f.code))}</td><td>{html.escape(titles.get(str(f.code), ''))}</td>"
        f"<td>{html.escape(str(f.name))}</td>"
        f'<td class="sev-{html.escape(str(f.severity))}">'
        f"{html.escape(text('severity.' + str(f.severity), say.lang))}</td>"
        f"<td>{html.escape(str(f.element))}</td><td>{html.escape(str(f.message))}</td>"
        "</tr>"
        for f in findings.head(_FINDINGS_SHOWN).itertuples()
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    more = ""
    if len(findings) > _FINDINGS_SHOWN:
        note = say("more_findings", n=number(len(findings) - _FINDINGS_SHOWN, say.lang), book=_BOOK)
        more = f"<p>{html.escape(note)}</p>"
    return f'<div class="scroll">{table}</div>{more}'


def _notes_section(say: Say, key: str, notes: list[str]) -> list[str]:
    """Return a heading, a note and a list of ``notes``; nothing when there are none."""
    if not notes:
        return []
    items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return [
        f'<h2 id="{key}">{html.escape(say(key))}</h2>',
        f"<p>{html.escape(say(key + '_note'))}</p><ul>{items}</ul>",
    ]


def save_figure(ax: Axes, parts: dict[str, bytes], name: str) -> tuple[str, list[str]]:
    """Render the figure as PNG and PDF into ``parts``; return an SVG data URI and the names."""
    import matplotlib.pyplot as plt  # noqa: PLC0415 - plotting is imported only when drawing

    fig = figure_of(ax)
    paths = []
    for ext in ("png", "pdf"):
        path = f"figures/{name}.{ext}"
        rendered = io.BytesIO()
        fig.savefig(rendered, format=ext, dpi=200 if ext == "png" else None)
        parts[path] = rendered.getvalue()
        paths.append(path)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/svg+xml;base64,{data}", paths


def _drawn_whole(smap: StrategyMap) -> bool:
    """Return whether to try the whole map as one figure (else the overview at once)."""
    return len(smap) <= _WHOLE_MAP_MOST


def _untitled(ax: Axes) -> int:
    """Return how many boxes of a drawn map are without their title (too small for it)."""
    gids = [a.get_gid() or "" for a in (*ax.patches, *ax.texts)]
    return sum(g.startswith("box-") for g in gids) - sum(g.startswith("title-") for g in gids)


def _close(ax: Axes) -> None:
    import matplotlib.pyplot as plt  # noqa: PLC0415 - plotting is imported only when drawing

    plt.close(figure_of(ax))


def _below(smap: StrategyMap, root: str) -> list[str]:
    """Return ``root`` and every element under it along hierarchy links, in the map's order."""
    seen = {root}
    todo = [root]
    while todo:
        for child in smap.children(todo.pop()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return [eid for eid in smap.ids if eid in seen]


def _part(
    smap: StrategyMap, ids: list[str], *, titles: Mapping[str, str] | None = None
) -> StrategyMap:
    """Return the map of ``ids`` and the links among them (titles replaced from ``titles``)."""
    from stratgraph.strategy_map import StrategyMap  # noqa: PLC0415 - the report's own layer

    kept = set(ids)
    titles = titles or {}
    elements = [
        smap[eid].model_copy(update={"title": titles[eid]}) if eid in titles else smap[eid]
        for eid in ids
    ]
    links = [link for link in smap.links if link.source in kept and link.target in kept]
    return StrategyMap(
        elements,
        links,
        schema=smap.schema,
        name=smap.name,
        currency=smap.currency,
        year=smap.year,
        organisation=smap.organisation,
    )


def _roots(smap: StrategyMap, rank: int) -> list[str]:
    """Return the elements that start a branch at ``rank``, in the map's order.

    The elements of that level, and those further down that hang straight from above it (an
    optional level skipped); an element without parents below the level starts none.
    """
    ranks = {name: r for r, name in enumerate(smap.schema.level_names)}
    roots = []
    for element in smap:
        own = ranks[element.type]
        parents = smap.parents(element.id)
        if own == rank or (
            own > rank and parents and all(ranks[smap[p].type] < rank for p in parents)
        ):
            roots.append(element.id)
    return roots


def _branch_rank(smap: StrategyMap) -> int:
    """Return the level whose elements root the branches: the highest with small branches.

    The highest level above the bottom one at which no branch has more than
    :data:`_BRANCH_MOST` elements, else the level just above the bottom one.
    """
    levels = smap.schema.level_names
    for rank in range(len(levels) - 1):
        roots = _roots(smap, rank)
        if roots and max(len(_below(smap, r)) for r in roots) <= _BRANCH_MOST:
            return rank
    return max(0, len(levels) - 2)


def _overview(
    smap: StrategyMap,
    flagged: list[str],
    say: Say,
    lang: Language,
    *,
    parts: dict[str, bytes],
    written: dict[str, list[str]],
) -> list[str]:
    """Draw the overview (one box per branch, with its counts) and a figure per branch.

    The branches are the elements of :func:`_branch_rank`'s level with everything below them;
    the overview is the map down to that level. At most :data:`_BRANCHES_DRAWN` branches are
    drawn, those with the most findings (in the map's order among equals).
    """
    from stratgraph.plotting.maps import plot_map  # noqa: PLC0415

    rank = _branch_rank(smap)
    schema = smap.schema
    level = schema.level_names[rank]
    label = schema.level(level).label(lang).lower()
    found = set(flagged)
    roots = _roots(smap, rank)
    branches = {root: _below(smap, root) for root in roots}
    findings = {root: sum(eid in found for eid in ids) for root, ids in branches.items()}
    top = [e.id for e in smap if schema.rank(e.type) < rank or e.id in branches]
    titles = {root: say("counts", n=len(ids), k=findings[root]) for root, ids in branches.items()}
    overview = _part(smap, top, titles=titles)
    marked = [root for root in roots if findings[root]] + [e for e in top if e in found]
    ax = plot_map(overview, highlight=sorted(set(marked)), lang=lang)
    uri, paths = save_figure(ax, parts, "map")
    written["map"] = paths
    sections = [
        f"<h2>{html.escape(say('map'))}</h2>",
        f'<h3 id="overview">{html.escape(say("overview"))}</h3>',
        figure_html(uri, say("overview"), say("overview_note", level=label)),
    ]
    covered = {eid for ids in branches.values() for eid in ids} | set(top)
    outside = len(smap) - len(covered)
    if outside:
        note = say("outside", n=outside, level=label)
        sections.append(f"<p>{html.escape(note)}</p>")
    order = {root: i for i, root in enumerate(roots)}
    chosen = sorted(roots, key=lambda r: (-findings[r], order[r]))[:_BRANCHES_DRAWN]
    for k, root in enumerate(sorted(chosen, key=order.__getitem__), start=1):
        ids = branches[root]
        ax = plot_map(_part(smap, ids), highlight=[e for e in ids if e in found], lang=lang)
        name = f"map-{k}"
        uri, paths = save_figure(ax, parts, name)
        written[name] = paths
        heading = say("branch", id=root, title=smap[root].title)
        note = say("branch_note", id=root, n=len(ids), k=findings[root])
        sections.append(f'<h3 id="branch-{k}">{html.escape(heading)}</h3>')
        sections.append(figure_html(uri, heading, note))
    if len(roots) > len(chosen):
        note = say("branches_left", n=len(roots) - len(chosen), book=_BOOK)
        sections.append(f"<p>{html.escape(note)}</p>")
    return sections


#: The most panels of the figure of goals off track or at risk.
_PANELS_SHOWN = 12
#: The order of the progress table: the goals that need attention first.
_STATUS_ORDER = {"off_track": 0, "at_risk": 1, "on_track": 2, "no_data": 3}


def _progress_section(
    smap: StrategyMap, say: Say, *, parts: dict[str, bytes], written: dict[str, list[str]]
) -> list[str]:
    """Return the progress section: the goals' statuses, the status map, the goals behind.

    The goals are the elements of the schema's goal level (those followed up in dialogue are
    listed apart); the status map draws the levels down to the goal level, where the statuses
    are; the figure of :func:`plot_progress` shows the goals off track or at risk, worst first,
    up to :data:`_PANELS_SHOWN` panels.
    """
    from stratgraph.plotting.maps import plot_map  # noqa: PLC0415 - drawn only when reporting
    from stratgraph.plotting.progress import plot_progress  # noqa: PLC0415

    lang = say.lang
    schema = smap.schema
    goal_level = schema.level(schema.level_names[schema.goal_rank])
    goal = goal_level.label(lang).lower()
    latest = latest_period(smap)
    assert latest is not None  # noqa: S101 - the section is written for a map with measurements
    period = period_text(latest, lang)
    rolled = progress_rollup(smap)
    goals = rolled[(rolled["type"] == goal_level.name) & (rolled["followup"] != "dialogue")]
    goals = goals.sort_values("status", key=lambda column: column.map(_STATUS_ORDER), kind="stable")
    sections = [
        f'<h2 id="progress">{html.escape(say("progress"))}</h2>',
        f"<p>{html.escape(say('progress_note', goal=goal, period=period))}</p>",
        _progress_table(goals, say),
    ]
    levels = list(schema.level_names[: schema.goal_rank + 1])
    ax = plot_map(smap, levels=levels, color_by="status", lang=lang)
    heading = say("status_map")
    if _untitled(ax):
        _close(ax)
        reason = say("status_map_illegible")
        sections.append(_left_out_html(say, "status_map", heading, reason))
    else:
        uri, paths = save_figure(ax, parts, "status_map")
        written["status_map"] = paths
        sections.append(f'<h3 id="status-map">{html.escape(heading)}</h3>')
        note = say("status_map_note", goal=goal, period=period)
        sections.append(figure_html(uri, heading, note))
    behind = [
        eid
        for eid, status in zip(goals["element"], goals["status"], strict=True)
        if status in ("off_track", "at_risk") and smap[eid].indicators
    ]
    heading = say("behind")
    sections.append(f'<h3 id="behind">{html.escape(heading)}</h3>')
    shown: list[str] = []
    panels = 0
    for eid in behind:
        count = len(smap[eid].indicators)
        if shown and panels + count > _PANELS_SHOWN:
            break
        shown.append(eid)
        panels += count
    if shown:
        figure = plot_progress(smap, shown, lang=lang, max_panels=max(panels, 1))
        uri, paths = save_figure(figure.axes[0], parts, "progress")
        written["progress"] = paths
        sections.append(figure_html(uri, heading, say("behind_note")))
        if len(behind) > len(shown):
            note = say("behind_more", n=number(len(behind) - len(shown), lang))
            sections.append(f"<p>{html.escape(note)}</p>")
    else:
        sections.append(f"<p>{html.escape(say('none_behind'))}</p>")
    dialogue = [e for e in smap if e.followup == "dialogue"]
    if dialogue:
        items = "".join(f"<li>{html.escape(f'{e.id}: {e.title}')}</li>" for e in dialogue)
        sections.append(f'<h3 id="dialogue">{html.escape(say("dialogue"))}</h3>')
        sections.append(f"<p>{html.escape(say('dialogue_note'))}</p><ul>{items}</ul>")
    return sections


def _progress_table(goals: pd.DataFrame, say: Say) -> str:
    """Return the goals' progress, expected progress and status as a table, in ``say``'s words."""
    lang = say.lang
    head = "".join(
        f"<th>{html.escape(say.header(c))}</th>"
        for c in ("id", "title", "progress", "expected", "status")
    )
    rows = []
    shown = goals.head(_ROWS_SHOWN)
    for eid, title, prog, expected, status in zip(
        shown["element"],
        shown["title"],
        shown["progress"],
        shown["expected"],
        shown["status"],
        strict=True,
    ):
        rows.append(
            f'<tr class="status-{html.escape(status)}"><td>{html.escape(eid)}</td>'
            f"<td>{html.escape(title)}</td>"
            f'<td class="num">{html.escape(share(prog, lang))}</td>'
            f'<td class="num">{html.escape(share(expected, lang))}</td>'
            f"<td>{html.escape(text('status.' + status, lang))}</td></tr>"
        )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    more = ""
    if len(goals) > _ROWS_SHOWN:
        more = f"<p>{html.escape(say('more_rows', n=number(len(goals) - _ROWS_SHOWN, lang)))}</p>"
    return f'<div class="scroll">{table}</div>{more}'


def _left_out(smap: StrategyMap, say: Say) -> dict[str, str]:
    """Return why each figure with nothing to show is left out, by the figure's name.

    The budget follows the audit's SG302 (:func:`why_no_money`); the cross-cutting figure its
    SG601 and :func:`cross_cutting`, which never counts the measure level.
    """
    reasons: dict[str, str] = {}
    schema = smap.schema
    if not len(smap):
        reasons["map"] = say("empty_map")
    if goal_overload(smap, limit=None).empty:
        reasons["overload"] = say("no_goal_links")
    if not has_anchor_level(schema):
        reasons["cross_cutting"] = say("no_level_above")
    elif cross_cutting(smap, min_groups=2).empty:
        reason = say("no_shared")
        if schema.measure_level is not None:
            level = schema.level(schema.measure_level).label(say.lang).lower()
            reason += "; " + say("measure_apart", level=level)
        reasons["cross_cutting"] = reason
    no_money = why_no_money(smap)
    if no_money is not None:
        reasons["budget"] = say(no_money)
    elif not has_flow_elements(smap, budget_levels(schema)):
        names = budget_levels(schema)
        levels = ", ".join(schema.level(name).label(say.lang).lower() for name in names)
        reasons["budget"] = say("no_flow_elements", levels=levels)
    return reasons


def _left_out_html(say: Say, name: str, section: str, reason: str) -> str:
    line = say("left_out", section=section, reason=reason)
    return f'<p class="left-out" id="left-out-{name}">{html.escape(line)}</p>'


def figure_html(uri: str, alt: str, caption: str) -> str:
    return (
        f'<figure><img src="{uri}" alt="{html.escape(alt)}">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def _findings_book(
    findings: pd.DataFrame, titles: dict[str, str], summary_frame: pd.DataFrame, lang: Language
) -> bytes:
    import openpyxl  # noqa: PLC0415 - keeps `import stratgraph` light
    from openpyxl.styles import Font  # noqa: PLC0415

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101 - a new workbook has one sheet
    sheet.title = text("sheet.findings", lang)
    # The rule's title beside its code, in the workbook's language; the name stays (identifier).
    columns = ["code", "title", *list(findings.columns)[1:]]
    sheet.append([text("column." + str(c), lang) for c in columns])
    severity = columns.index("severity")
    for row in findings.itertuples(index=False):
        cells = [str(v) for v in row]
        cells.insert(1, titles.get(cells[0], ""))
        cells[severity] = text("severity." + cells[severity], lang)
        sheet.append([neutralise(cell) for cell in cells])
    figures = book.create_sheet(text("sheet.summary", lang))
    # The figure's stable name (an identifier), then the figure as a reader names it.
    figures.append([text("header." + c, lang) for c in ("figure", "label", "value", "unit")])
    for key, label, value, unit in zip(
        summary_frame.index,
        summary_frame["label"],
        summary_frame["value"],
        summary_frame["unit"],
        strict=True,
    ):
        missing = isinstance(value, float) and value != value  # noqa: PLR0124 - NaN
        # An empty cell, not NaN, which Excel cannot hold.
        figures.append([str(key), neutralise(str(label)), None if missing else value, str(unit)])
        if key == "total_budget":  # money as Excel shows it: thousands separated
            figures.cell(figures.max_row, 3).number_format = "#,##0"
        elif key == "goals_measured_share":
            figures.cell(figures.max_row, 3).number_format = "0%"
    for ws in (sheet, figures):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    rendered = io.BytesIO()
    book.save(rendered)
    return rendered.getvalue()


def check_writing(out_dir: object, *, progress: object, date: object, overwrite: object) -> bool:
    """Check the options every report takes before anything is written; return ``overwrite``.

    Raises
    ------
    OptionError
        If a folder name is blank, ``progress`` cannot be called, ``date`` is no date or
        ``overwrite`` is no yes/no.
    """
    if isinstance(out_dir, str) and not out_dir.strip():
        raise invalid("out_dir", out_dir, "the name of a folder to write into, e.g. 'rapport'")
    if progress is not None and not callable(progress):
        raise invalid("progress", progress, "a function called with each step's name, or None")
    if date is not None and not isinstance(date, dt.date):
        raise invalid("date", date, "a datetime.date, e.g. datetime.date(2024, 1, 31), or None")
    return check_bool("overwrite", overwrite)


def write_report(
    smap: StrategyMap,
    out_dir: StrPath,
    /,
    *,
    compare: StrategyMap | None = None,
    lang: Language | None = None,
    config: StrPath | Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
    date: dt.date | None = None,
    overwrite: bool = False,
) -> Report:
    """Write the report on ``smap`` into the folder ``out_dir``.

    The folder gets ``report.html`` (self-contained: figures embedded, no network needed),
    ``figures/*.png`` and ``figures/*.pdf`` for memos, ``findings.xlsx`` (the audit's
    findings and the summary figures) and ``map.html``, the interactive map of :func:`explore`,
    which the report links to. With ``compare``, the changes since that map (the year before)
    are added. The rules the audit left out (see :attr:`AuditReport.skipped`) and the
    warnings given while the map was read (:attr:`StrategyMap.warnings`) get sections of their
    own when there are any.

    A map with measurements gets a progress section: a table of the goals (the schema's goal
    level) with their rolled-up progress, the progress expected by the latest period measured
    and their status (:func:`progress_rollup`), off track first; the levels down to the goals
    coloured by status (:func:`plot_map` with ``color_by="status"``, left out with a note when
    too crowded to be legible); :func:`plot_progress` for the goals off track or at risk (up to
    12 panels, the rest counted); and the elements followed up in dialogue (trust logic), which
    are neither scored nor counted as unmeasured.

    A figure with nothing to show is not drawn: its section is one line saying why, in
    ``lang``. The budget is left out when the schema has ``money=False`` or no element has a
    budget (as the audit leaves out SG302), and the overview then shows no budget figures; the
    cross-cutting figure when the goal level is the top level or no element lies below two
    groups (elements of the measure level are never cross-cutting); the overload figure when
    no element is linked to a goal. The overview leaves out every figure of :func:`summary`
    that is NaN because the map lacks its premise.

    Parameters
    ----------
    smap
        The map to report on.
    out_dir
        The folder; made if missing. An earlier report there (recognised by its manifest,
        ``.report.html.stratgraph.json``) is replaced as a whole, its figures that the new report
        does not have removed; other files in the folder are left alone.
    compare
        An earlier version of the map, for the section on changes.
    lang
        ``"en"`` or ``"da"``: the language of every text in the report, the figures and the
        workbook (headings, findings, table headers and values, numbers and the date);
        ``None`` uses the language of :func:`memo_style`, else English.
    config
        Audit settings: a TOML file or a mapping, as for :func:`audit`.
    progress
        Called with the name of each step as it starts (the command line shows a bar).
    date
        The date printed in the report; today when ``None``.
    overwrite
        Replace files at the names the report writes that are not from an earlier report, or
        that were changed since. Without it such a file stops the write before anything is
        drawn, naming it.

    Returns
    -------
    Report
        The paths written.

    Raises
    ------
    FileExistsError
        If a file the report would replace is not its own and ``overwrite`` is false.
    OptionError
        If ``lang`` is not ``"en"`` or ``"da"``, ``overwrite`` not ``True`` or ``False``,
        ``date`` not a date, ``progress`` not callable or ``out_dir`` empty;
        :class:`ConfigError` (an ``OptionError``) if ``config`` is not a valid audit
        configuration.
    TypeError
        If ``smap`` or ``compare`` is not a :class:`StrategyMap`.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = sg.write_report(sg.datasets.load("eksempel-2013"), folder, lang="da")
    >>> out.html.name, [name for name in sorted(out.figures) if not name.startswith("map-")]
    ('report.html', ['budget', 'cross_cutting', 'map', 'overload', 'progress', 'status_map'])
    """
    import matplotlib as mpl  # noqa: PLC0415 - plotting is imported only when drawing

    from stratgraph.interactive import explore  # noqa: PLC0415
    from stratgraph.plotting.budget import plot_budget  # noqa: PLC0415
    from stratgraph.plotting.charts import plot_cross_cutting, plot_overload  # noqa: PLC0415
    from stratgraph.plotting.maps import plot_map  # noqa: PLC0415
    from stratgraph.plotting.style import memo_style  # noqa: PLC0415

    check_map(smap)
    if compare is not None:
        check_map(compare, option="compare")
    overwrite = check_writing(out_dir, progress=progress, date=date, overwrite=overwrite)
    lang = resolve_lang(lang)
    say = Say(lang, _groups(smap, lang))
    step = progress or (lambda _name: None)
    folder = Path(out_dir)
    anchor = folder / "report.html"
    left_out = _left_out(smap, say)
    figure_names = [n for n in ("map", "overload", "cross_cutting", "budget") if n not in left_out]
    if "map" not in left_out:  # the overview's branches, should the map be drawn that way
        figure_names += [f"map-{k}" for k in range(1, _BRANCHES_DRAWN + 1)]
    figure_names += ["status_map", "progress"] if smap.measurements else []
    figure_names += ["diff"] if compare is not None else []
    names = ["report.html", "findings.xlsx"]
    names += ["map.html"] if "map" not in left_out else []
    names += [f"figures/{n}.{ext}" for n in figure_names for ext in ("png", "pdf")]
    if folder.is_dir():  # stop before drawing when a file in the way is not ours
        check_ownership(anchor, names, overwrite=overwrite)
    elif not folder.exists():  # made before drawing, so a folder that cannot be stops it first
        try:
            folder.mkdir(parents=True)
        except OSError as err:
            msg = (
                f"cannot make the report folder {folder} ({err.strerror or err}); give a folder "
                "in a place you can write to"
            )
            raise WriteError(msg) from err
    parts: dict[str, bytes] = {}

    step("audit")
    # The analyses keep their results with the map (until it changes): the summary, the plots
    # and the tables below reuse what the audit computed instead of running it again.
    report = audit(smap, config, lang=lang)
    findings = report.findings
    figures_frame = summary(smap, lang=lang)
    limit = int(report.thresholds.get("overload_limit", 5))
    min_groups = int(report.thresholds.get("cross_cutting_min_groups", 2))
    flagged = sorted(set(findings.loc[findings["severity"].isin(("error", "warning")), "element"]))

    written: dict[str, list[str]] = {}
    sections: list[str] = []
    title = f"{say('title')}: {quoted(smap.name, lang)}"
    when = date_text(dt.datetime.now(tz=dt.UTC).date() if date is None else date, lang)

    sections.append(f"<h2>{html.escape(say('summary'))}</h2>")
    sections.append(_summary_table(figures_frame, lang))

    with mpl.rc_context(), memo_style(lang):
        step("map")
        if "map" in left_out:
            sections.append(_left_out_html(say, "map", say("map"), left_out["map"]))
        else:
            whole = plot_map(smap, highlight=flagged, lang=lang) if _drawn_whole(smap) else None
            if whole is not None and not _untitled(whole):
                uri, paths = save_figure(whole, parts, "map")
                written["map"] = paths
                sections.append(f"<h2>{html.escape(say('map'))}</h2>")
                sections.append(figure_html(uri, say("map"), say("map_note")))
            else:
                if whole is not None:
                    _close(whole)
                sections += _overview(smap, flagged, say, lang, parts=parts, written=written)
            parts["map.html"] = explore(smap, lang=lang, config=config).html.encode("utf-8")
            link = '<a href="map.html">map.html</a>'
            sections.append(f"<p>{html.escape(say('explore'))} {link}</p>")

        sections.append(f"<h2>{html.escape(say('findings'))}</h2>")
        titles = {rule.code: rule.title for rule in report.rules}
        sections.append(_findings_table(findings, titles, say))
        sections.extend(_notes_section(say, "skipped", [str(s) for s in report.skipped]))
        notes = [problem_text(w, lang) for w in smap.warnings]
        sections.extend(_notes_section(say, "read_warnings", notes))

        step("overload")
        if "overload" in left_out:
            sections.append(_left_out_html(say, "overload", say("overload"), left_out["overload"]))
        else:
            ax = plot_overload(smap, limit=limit, lang=lang)
            uri, paths = save_figure(ax, parts, "overload")
            written["overload"] = paths
            sections.append(f"<h2>{html.escape(say('overload'))}</h2>")
            note = say("overload_note", limit=limit)
            sections.append(figure_html(uri, say("overload"), note))
            overload = goal_overload(smap, limit=limit)
            shown = html_table(overload, smap, say, limit=_ROWS_SHOWN)
            sections.append(shown if len(overload) else f"<p>{say('none')}</p>")

        step("cross-cutting")
        if "cross_cutting" in left_out:
            reason = left_out["cross_cutting"]
            sections.append(_left_out_html(say, "cross_cutting", say("cross"), reason))
        else:
            ax = plot_cross_cutting(smap, lang=lang)
            uri, paths = save_figure(ax, parts, "cross_cutting")
            written["cross_cutting"] = paths
            sections.append(f"<h2>{html.escape(say('cross'))}</h2>")
            note = say("cross_note", n=min_groups, groups=say.groups)
            sections.append(figure_html(uri, say("cross"), note))
            crossing = cross_cutting(smap, min_groups=min_groups)
            sections.append(
                html_table(crossing, smap, say, limit=50)
                if len(crossing)
                else f"<p>{say('none')}</p>"
            )

        step("budget")
        if "budget" in left_out:
            sections.append(_left_out_html(say, "budget", say("budget"), left_out["budget"]))
        else:
            uri, paths = save_figure(plot_budget(smap, lang=lang), parts, "budget")
            written["budget"] = paths
            sections.append(f"<h2>{html.escape(say('budget'))}</h2>")
            note = say("budget_note", currency=currency_text(smap.currency, lang))
            sections.append(figure_html(uri, say("budget"), note))
            rolled = budget_rollup(smap)
            levels = smap.schema.level_names[: smap.schema.goal_rank + 1]
            sections.append(html_table(rolled[rolled["type"].isin(levels)], smap, say, limit=60))

        if smap.measurements:
            step("progress")
            sections += _progress_section(smap, say, parts=parts, written=written)

        if compare is not None:
            from stratgraph.plotting.diff import plot_diff  # noqa: PLC0415

            step("changes")
            uri, paths = save_figure(plot_diff(compare, smap, lang=lang), parts, "diff")
            written["diff"] = paths
            heading = say("diff", old=compare.name)
            sections.append(f"<h2>{html.escape(heading)}</h2>")
            sections.append(figure_html(uri, heading, diff_summary(compare, smap).text(lang)))
            changes = diff(compare, smap)
            shown = html_table(changes, smap, say, limit=_ROWS_SHOWN)
            sections.append(shown if len(changes) else f"<p>{say('none')}</p>")

    step("write")
    findings_book = _findings_book(
        findings, {rule.code: rule.title for rule in report.rules}, figures_frame, lang
    )
    counts = counts_text(report)
    meta = " · ".join(str(v) for v in (smap.organisation, smap.year, counts) if v)
    generated = say("generated", date=when, version=package_version())
    where = say("figures", folder="figures/", book=_BOOK)
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f'<h1>{html.escape(title)}</h1><p class="meta">{html.escape(meta)}</p>'
        + (f'<p class="part">{html.escape(report.part)}</p>' if report.part else "")
        + "".join(sections)
        + f'<p class="meta">{html.escape(generated)} {html.escape(where)}</p>'
        "</body></html>\n"
    )
    parts["report.html"] = page.encode("utf-8")
    parts["findings.xlsx"] = findings_book
    (folder / "figures").mkdir(parents=True, exist_ok=True)
    write_set(anchor, parts, overwrite=overwrite)
    return Report(
        html=anchor,
        figures={key: [folder / p for p in paths] for key, paths in written.items()},
        findings=folder / "findings.xlsx",
        interactive=folder / "map.html" if "map.html" in parts else None,
    )
