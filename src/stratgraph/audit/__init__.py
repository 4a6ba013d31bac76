"""The audit: rules with stable codes, like a linter's, run over a map; findings in one report.

Each rule reads one analysis of :mod:`stratgraph.analysis`; the codes, their meaning and how to
silence them are documented in ``docs/audit-codes.md``. The rules are one table in ``_rules``, the
options are checked in ``_config``, and the report is rendered in ``_render``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import pandas as pd

from stratgraph._language import resolve_lang, warn_unlabelled_levels
from stratgraph._options import check_map
from stratgraph._pandas import text_array
from stratgraph._util import StrPath, gc_paused
from stratgraph.audit._config import AuditConfig, configure
from stratgraph.audit._render import FINDING_COLUMNS, JSON_VERSION
from stratgraph.audit._render import counts_text as counts_text  # for the report
from stratgraph.audit._report import AuditReport, SkippedRule
from stratgraph.audit._rules import RULES, SEVERITIES, Rule, Severity
from stratgraph.audit._words import _Words

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from stratgraph._options import Language, NearDuplicateSearch
    from stratgraph.strategy_map import StrategyMap

__all__ = [
    "FINDING_COLUMNS",
    "JSON_VERSION",
    "RULES",
    "SEVERITIES",
    "AuditReport",
    "Rule",
    "Severity",
    "SkippedRule",
    "audit",
    "audit_rules",
]


@gc_paused()
def audit(
    smap: StrategyMap,
    /,
    config: StrPath | Mapping[str, Any] | None = None,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Mapping[str, Severity] | None = None,
    overload_limit: int | None = None,
    near_duplicate_threshold: float | None = None,
    near_duplicate_search: NearDuplicateSearch | None = None,
    cross_cutting_min_groups: int | None = None,
    cross_cutting_by: str | None = None,
    at_risk: float | None = None,
    off_track: float | None = None,
    lang: Language | None = None,
) -> AuditReport:
    """Run the audit rules over a map and return every finding in one report.

    Every selected rule runs over the whole map; nothing stops at the first finding. The rules,
    with their default severity (see ``docs/audit-codes.md`` and :func:`audit_rules`):

    ======  ==========================  ========  ==================================================
    code    name                        severity  finds
    ======  ==========================  ========  ==================================================
    SG101   unanchored-goal             error     a goal with no strategy, policy or vision above it
    SG102   unimplemented-goal          error     a goal no agreement or project carries
    SG103   work-serving-no-goal        warning   an agreement or project under no goal
    SG201   goal-overload               warning   an element joined to more goals than the limit
    SG202   level-skip                  warning   a hierarchy link that jumps over a required level
    SG301   goal-without-indicator      info      a goal with no indicator
    SG302   goal-without-budget         warning   a goal with no money on it nor below it
    SG303   goal-off-track              warning   a goal whose progress is off track
    SG304   stale-indicator             info      an indicator not measured in the latest period
    SG305   indicator-without-baseline  warning   an indicator lacking baseline, target or periods
    SG306   target-missed               warning   a target period passed without the target met
    SG401   double-bind                 warning   an element below both sides of a tension
    SG402   near-duplicate-goals        warning   goals with near-identical titles
    SG501   link-without-rationale      warning   a goal's hierarchy link with no note
    SG601   cross-cutting-element       info      an element that serves several strategies
    ======  ==========================  ========  ==================================================

    Parameters
    ----------
    smap
        The strategy map.
    config
        A path to a TOML file, or a mapping, with any of the options below. In a
        ``pyproject.toml`` the options go in ``[tool.stratgraph.audit]``; anywhere else at the top
        level (severities as a ``[severity]`` table). Keys may be written with ``-`` or ``_``.
        An option given as a keyword wins over ``config``; severities merge, the keyword's
        winning for the same rule. ``None`` leaves an option as ``config`` sets it, or at its
        default.
    select
        The rules to run (default all): codes (``"SG101"``), code prefixes (``"SG1"``), names
        (``"unanchored-goal"``) or ``"ALL"``.
    ignore
        Rules not to run, written the same way; applied after ``select``.
    severity
        A mapping of rule code or name to ``"error"``, ``"warning"`` or ``"info"``, e.g.
        ``{"SG301": "warning"}``.
    overload_limit
        SG201 reports elements joined to more goals than this (default 5).
    near_duplicate_threshold
        SG402's least title similarity, above 0 and at most 1 (default 0.85), see
        :func:`near_duplicates`.
    near_duplicate_search
        How SG402 finds candidate pairs: ``"auto"`` (default), ``"exact"`` or ``"words"``, see
        :func:`near_duplicates`.
    cross_cutting_min_groups
        SG601 reports elements with at least this many groups, 2 or more (default 2).
    cross_cutting_by
        SG601's groups: a level or ``"agenda"`` (default the level above the goal level), see
        :func:`cross_cutting`.
    at_risk, off_track
        SG303's thresholds, as :func:`progress_rollup` takes them: a goal is off track when its
        expected progress exceeds its progress by more than ``off_track`` (default 0.25);
        0 <= ``at_risk`` (default 0.10) <= ``off_track``.
    lang
        The language of the messages, the rules' summaries, the reasons a rule did not run and
        the renderings: ``"en"`` or ``"da"``; ``None`` uses the language of :func:`memo_style`,
        else English. Codes, rule names and the ``severity`` values stay as they are (they are
        identifiers); the renderings write the severities in words of the language.

    Returns
    -------
    AuditReport
        ``.findings`` is a DataFrame with one row per finding (a plain ``RangeIndex``), in rule
        order and within a rule in map order (SG201: most goals first), with the columns

        - ``code`` (str): the rule's code, e.g. ``"SG101"``.
        - ``name`` (str): the rule's name, e.g. ``"unanchored-goal"``.
        - ``severity`` (str): ``"error"``, ``"warning"`` or ``"info"``.
        - ``element`` (str): the id of the element the finding is about (SG402: the first of
          the pair; SG501: the goal-level end of the link).
        - ``message`` (str): what is wrong, naming the element and its title, and what to do.

        ``.ok`` is true when no finding is an error or a warning; ``.skipped`` lists the
        selected rules left out because the map lacks what they are about (see below);
        ``.to_markdown()``, ``.to_html()`` and ``.to_json()`` render the report.

    Notes
    -----
    A rule whose premise the map lacks does not run, and :attr:`AuditReport.skipped` says why:
    SG101 and SG601 need a level above the goals; SG102 a level of work below them; SG103 any
    level below them; SG301 an indicator somewhere in the map or a measure level in the schema;
    SG302 a budget somewhere in the map and a schema with ``money=True``; SG303, SG304 and SG306
    a measurement in the map; SG305 an indicator in the map. SG303 to SG306 read
    :func:`progress` and :func:`progress_rollup` at the map's latest measured period, and,
    like SG301, never report an element followed up in dialogue (``followup="dialogue"``,
    trust logic). SG202 does not
    count a level no element of the map is at (a map without agreements may link its goals
    straight to projects), and lists the levels it passed over so; SG102's advice names only
    the work levels the map uses. Elements of the
    schema's measure level (see :class:`Schema`) are indicators: they count for SG301, do not
    carry a goal for SG102, need no rationale on their link for SG501, and are neither
    overloaded (SG201) nor cross-cutting (SG601).

    Raises
    ------
    OptionError
        If ``lang`` is not ``"en"``, ``"da"`` or ``None``.
    ConfigError
        If an option in ``config``, a rule, or a severity is unknown (the message lists the
        valid ones), a threshold is out of range, or the TOML file cannot be read.
    TypeError
        If a keyword is not one of the options above.

    See Also
    --------
    audit_rules : the rules as a DataFrame.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> report = sg.audit(m)
    >>> report
    <AuditReport 'Eksempel Kommune 2013': 2 errors, ... warnings, ... info; not ok>
    >>> report.findings.loc[report.findings.code == "SG101", ["name", "element"]]
                  name element
    0  unanchored-goal     G41
    >>> quiet = sg.audit(m, select=["SG1"], ignore=["unimplemented-goal"],
    ...                  severity={"SG103": "info"})
    >>> quiet.findings.groupby(["code", "severity"]).size().to_dict()
    {('SG101', 'error'): 1, ('SG103', 'info'): 4}
    >>> print(sg.audit(m, select=["SG101"], lang="da").findings.message[0])
    Effektmål G41 “Sund mad i alle kommunale køkkener” er ikke forankret: der er ingen ...
    """
    check_map(smap)
    keywords = {
        "select": select,
        "ignore": ignore,
        "severity": severity,
        "overload_limit": overload_limit,
        "near_duplicate_threshold": near_duplicate_threshold,
        "near_duplicate_search": near_duplicate_search,
        "cross_cutting_min_groups": cross_cutting_min_groups,
        "cross_cutting_by": cross_cutting_by,
        "at_risk": at_risk,
        "off_track": off_track,
    }
    settings = configure(
        config, {key: value for key, value in keywords.items() if value is not None}
    )
    return _run(smap, settings, resolve_lang(lang))


def _run(smap: StrategyMap, settings: AuditConfig, lang: Language = "en") -> AuditReport:
    """Run the rules ``settings`` chose over ``smap``, each with the severity it gives."""
    warn_unlabelled_levels(smap.schema, lang)
    words = _Words(smap, lang)
    columns: dict[str, list[str]] = {name: [] for name in FINDING_COLUMNS}
    ran: list[Rule] = []
    skipped: list[SkippedRule] = []
    for rule in settings.rules:
        reason = rule.premise(smap, words, settings) if rule.premise is not None else None
        if reason is not None:
            skipped.append(SkippedRule(rule.code, rule.name, reason))
            continue
        level = settings.severity[rule.code]
        summary = words.summary(rule.code)
        ran.append(
            dataclasses.replace(rule, severity=level, summary=summary, title=words.capital(summary))
        )
        found = rule.check(smap, words, settings)
        left_out = rule.partly(smap, words, settings) if rule.partly is not None else None
        if left_out is not None:
            skipped.append(SkippedRule(rule.code, rule.name, left_out))
        columns["code"].extend([rule.code] * len(found))
        columns["name"].extend([rule.name] * len(found))
        columns["severity"].extend([level] * len(found))
        columns["element"].extend(eid for eid, _ in found)
        columns["message"].extend(message for _, message in found)
    findings = pd.DataFrame({name: text_array(cells) for name, cells in columns.items()})
    return AuditReport(
        findings=findings,
        map_name=smap.name,
        rules=tuple(ran),
        thresholds=settings.thresholds(),
        skipped=tuple(skipped),
        lang=lang,
        part=None if smap.view is None else smap.view.headline(lang, len(smap)),
    )


def audit_rules(*, lang: Language | None = None) -> pd.DataFrame:
    """Return the audit rules: code, name, default severity and what each finds.

    Parameters
    ----------
    lang
        The language of ``summary``: ``"en"`` or ``"da"``; ``None`` uses the language of
        :func:`memo_style`, else English. The Danish summaries name the levels of the
        ``municipal`` schema, as :func:`audit` names a map's own.

    Returns
    -------
    pandas.DataFrame
        One row per rule, indexed by ``code`` in code order, with columns ``name`` (str),
        ``severity`` (str, the default) and ``summary`` (str, in ``lang``).

    Raises
    ------
    OptionError
        If ``lang`` is not ``"en"`` or ``"da"``.

    Examples
    --------
    >>> sg.audit_rules().loc["SG402", ["name", "severity"]].tolist()
    ['near-duplicate-goals', 'warning']
    >>> sg.audit_rules(lang="da").loc["SG101", "summary"]
    'effektmål uden strategi, politik eller vision over sig'
    """
    lang = resolve_lang(lang)
    if lang == "en":
        summaries = [r.summary for r in RULES]
    else:
        from stratgraph.schema import Schema  # noqa: PLC0415
        from stratgraph.strategy_map import StrategyMap  # noqa: PLC0415

        words = _Words(StrategyMap([], schema=Schema.preset("municipal")), lang)
        summaries = [words.summary(r.code) for r in RULES]
    index = pd.Index([rule.code for rule in RULES], dtype="str", name="code")
    return pd.DataFrame(
        {
            "name": pd.Series([r.name for r in RULES], dtype="str", index=index),
            "severity": pd.Series([r.severity for r in RULES], dtype="str", index=index),
            "summary": pd.Series(summaries, dtype="str", index=index),
        }
    )
