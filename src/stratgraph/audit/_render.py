"""The audit report rendered: plain text, Markdown, HTML and the plain data JSON is written from.

Every text from the map is escaped for the format it goes into.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from stratgraph._language import quoted
from stratgraph._language import text as _text
from stratgraph.audit._rules import SEVERITIES

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph.audit._report import AuditReport
    from stratgraph.audit._rules import Rule

__all__ = [
    "FINDING_COLUMNS",
    "JSON_VERSION",
    "as_dict",
    "counts",
    "counts_text",
    "html_fragment",
    "html_page",
    "json_text",
    "markdown",
    "text",
]

#: The columns of :attr:`AuditReport.findings`.
FINDING_COLUMNS: tuple[str, ...] = ("code", "name", "severity", "element", "message")
#: The version of the structure :meth:`AuditReport.to_json` writes.
JSON_VERSION = 1


def counts(report: AuditReport) -> dict[str, int]:
    """Return the number of findings of each severity, ``error`` first; zeros included."""
    counted = Counter(report.findings["severity"])
    return {severity: counted.get(severity, 0) for severity in SEVERITIES}


def counts_text(report: AuditReport) -> str:
    """Return the counts as a phrase: ``2 errors, 1 warning, 0 info`` (``2 fejl, 1 advarsel …``)."""
    parts = []
    for severity, n in counts(report).items():
        noun = _text(("severity." if n == 1 else "severities.") + severity, report.lang)
        parts.append(f"{n} {noun}")
    return ", ".join(parts)


def severity_word(report: AuditReport, severity: str) -> str:
    """Return a severity in the report's language: ``error``, ``fejl``."""
    return _text("severity." + severity, report.lang)


def _t(report: AuditReport, key: str, **fields: object) -> str:
    return _text(key, report.lang, **fields)


def _records(report: AuditReport) -> list[dict[str, str]]:
    columns = [report.findings[name].astype(str).tolist() for name in FINDING_COLUMNS]
    return [dict(zip(FINDING_COLUMNS, row, strict=True)) for row in zip(*columns, strict=True)]


def _by_rule(report: AuditReport) -> list[tuple[Rule, pd.DataFrame]]:
    groups = []
    for rule in report.rules:
        rows = report.findings[report.findings["code"] == rule.code]
        if len(rows):
            groups.append((rule, rows))
    return groups


def text(report: AuditReport) -> str:
    """Return the report as plain text: one line per finding, then the rules not run."""
    name = quoted(report.map_name, report.lang)
    lines = [f"{_t(report, 'audit.title', name=name)}: {counts_text(report)}"]
    if report.part is not None:
        lines.append(report.part)
    lines.extend(
        f"{row['element']}: {row['code']} {row['name']} [{severity_word(report, row['severity'])}]"
        f" {row['message']}"
        for row in _records(report)
    )
    lines.extend(_t(report, "audit.not_run", rule=s) for s in report.skipped)
    lines.append(_t(report, "audit.ok") if report.ok else _t(report, "audit.not_ok"))
    return "\n".join(lines)


def as_dict(report: AuditReport) -> dict[str, Any]:
    """Return the report as plain data, the structure JSON is written from."""
    return {
        "format": "stratgraph-audit",
        "version": JSON_VERSION,
        "map": report.map_name,
        "part": report.part,
        "ok": bool(report.ok),
        "counts": counts(report),
        "thresholds": dict(report.thresholds),
        "rules": [
            {"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary}
            for r in report.rules
        ],
        "skipped": [{"code": s.code, "name": s.name, "reason": s.reason} for s in report.skipped],
        "findings": _records(report),
        "lang": report.lang,
    }


def json_text(report: AuditReport, *, indent: int | None) -> str:
    """Return the report as JSON text, ending in a line break."""
    return json.dumps(as_dict(report), ensure_ascii=False, indent=indent) + "\n"


def markdown(report: AuditReport) -> str:
    """Return the report as Markdown: the verdict, a table of the rules, a list per rule."""
    verdict = _verdict(report)
    lines = [
        f"# {_t(report, 'audit.heading', name=quoted(_md(report.map_name), report.lang))}",
        "",
        *([_md(report.part), ""] if report.part is not None else []),
        f"**{counts_text(report)}** – {verdict}.",
        "",
    ]
    groups = _by_rule(report)
    if not groups:
        lines.append(_t(report, "audit.no_findings"))
        return "\n".join([*lines, *_skipped_markdown(report)]) + "\n"
    head = " | ".join(_t(report, f"column.{c}") for c in _RULE_COLUMNS)
    lines += [f"| {head} |", "| --- | --- | --- | --- | ---: |"]
    lines.extend(
        f"| {rule.code} | {_md(_title(rule))} | {rule.name} | "
        f"{severity_word(report, rule.severity)} | {len(rows)} |"
        for rule, rows in groups
    )
    for rule, rows in groups:
        severity = severity_word(report, rule.severity)
        lines += ["", f"## {rule.code} {_md(_title(rule))} ({rule.name}, {severity})", ""]
        lines.extend(
            f"- **{_md(element)}**: {_md(message)}"
            for element, message in zip(rows["element"], rows["message"], strict=True)
        )
    return "\n".join([*lines, *_skipped_markdown(report)]) + "\n"


#: The columns of the table of rules: the title in the report's language beside the identifiers.
_RULE_COLUMNS = ("code", "title", "name", "severity", "findings")


def _title(rule: Rule) -> str:
    """Return what the rule finds as a heading reads it (its summary, capitalised)."""
    return rule.title or rule.summary[:1].upper() + rule.summary[1:]


def _skipped_markdown(report: AuditReport) -> list[str]:
    if not report.skipped:
        return []
    lines = ["", f"## {_t(report, 'audit.skipped')}", ""]
    lines.extend(f"- {s.code} {s.name}: {_md(s.reason)}" for s in report.skipped)
    return lines


def html_page(report: AuditReport) -> str:
    """Return the report as one self-contained HTML page, ending in a line break."""
    e = html.escape
    heading = e(_t(report, "audit.heading", name=quoted(report.map_name, report.lang)))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{report.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{heading}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{heading}</h1>",
        *_html_body(report, heading=f"<h2>{e(_t(report, 'audit.findings'))}</h2>"),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def html_fragment(report: AuditReport) -> str:
    """Return the report as an HTML fragment for Jupyter."""
    e = html.escape
    findings = e(_t(report, "audit.findings"))
    body = "\n".join(_html_body(report, heading=f"<p><strong>{findings}</strong></p>"))
    return (
        f'<div class="stratgraph-audit"><p><strong>'
        f"{e(_t(report, 'audit.heading', name=quoted(report.map_name, report.lang)))}</strong></p>"
        f"\n{body}\n</div>"
    )


def _html_body(report: AuditReport, *, heading: str) -> list[str]:
    """Return the verdict and the tables, the findings under ``heading``, as HTML parts."""
    e = html.escape
    verdict = _verdict(report)
    parts = [
        *([f'<p class="part">{e(report.part)}</p>'] if report.part is not None else []),
        (
            f'<p class="verdict {"ok" if report.ok else "fail"}">'
            f"<strong>{e(counts_text(report))}</strong> – {e(verdict)}.</p>"
        ),
    ]
    groups = _by_rule(report)
    if groups:
        rule_head = "".join(f"<th>{e(_t(report, 'column.' + c))}</th>" for c in _RULE_COLUMNS)
        parts.append(f'<table class="rules"><thead><tr>{rule_head}</tr></thead><tbody>')
        parts.extend(
            f'<tr class="{e(rule.severity)}"><td>{e(rule.code)}</td><td>{e(_title(rule))}</td>'
            f"<td>{e(rule.name)}</td>"
            f"<td>{e(severity_word(report, rule.severity))}</td><td>{len(rows)}</td></tr>"
            for rule, rows in groups
        )
        parts.append("</tbody></table>")
        finding_head = "".join(f"<th>{e(_t(report, 'column.' + c))}</th>" for c in FINDING_COLUMNS)
        parts.append(
            f'{heading}<table class="findings"><thead><tr>{finding_head}</tr></thead><tbody>'
        )
        parts.extend(
            f'<tr class="{e(row["severity"])}">'
            + "".join(
                f"<td>{e(severity_word(report, row[c]) if c == 'severity' else row[c])}</td>"
                for c in FINDING_COLUMNS
            )
            + "</tr>"
            for row in _records(report)
        )
        parts.append("</tbody></table>")
    else:
        parts.append(f"<p>{e(_t(report, 'audit.no_findings'))}</p>")
    if report.skipped:
        parts.append(f'<p>{e(_t(report, "audit.skipped_intro"))}</p><ul class="skipped">')
        parts.extend(f"<li>{e(s.code)} {e(s.name)}: {e(s.reason)}</li>" for s in report.skipped)
        parts.append("</ul>")
    return parts


def short_verdict(report: AuditReport) -> str:
    """Return ``ok`` or ``not ok`` in the report's language."""
    return _t(report, "audit.ok") if report.ok else _t(report, "audit.not_ok_word")


def _verdict(report: AuditReport) -> str:
    return _t(report, "audit.ok") if report.ok else _t(report, "audit.not_ok_short")


_CSS = (
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
    "th{background:#f0f0f0}table.rules{width:auto;margin-bottom:1.5em}"
    "table.rules tr.error td:nth-child(4),table.findings tr.error td:nth-child(3)"
    "{color:#b2182b;font-weight:bold}"
    "table.rules tr.warning td:nth-child(4),table.findings tr.warning td:nth-child(3)"
    "{color:#b35806}"
    "table.rules tr.info td:nth-child(4),table.findings tr.info td:nth-child(3){color:#2166ac}"
    ".verdict.ok{color:#1a7837}.verdict.fail{color:#b2182b}"
)

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    """Escape text for Markdown: no markup characters, no line breaks."""
    return " ".join(str(text).split()).translate(_MD_SPECIAL)
