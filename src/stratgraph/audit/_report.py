"""The audit's report: its findings, the rules that ran and were left out, and its renderings.

The renderings themselves are in :mod:`stratgraph.audit._render`; a report writes them to a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from stratgraph._atomic import atomic_write_text
from stratgraph._options import check_whole
from stratgraph.audit import _render

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph._options import Language
    from stratgraph._util import StrPath
    from stratgraph.audit._rules import Rule

__all__ = ["AuditReport", "SkippedRule"]


@dataclass(frozen=True, slots=True)
class SkippedRule:
    """A selected rule the audit left out, because the map lacks what the rule is about.

    Examples
    --------
    >>> print(sg.SkippedRule("SG302", "goal-without-budget", "no element in the map has a budget"))
    SG302 goal-without-budget: no element in the map has a budget
    """

    code: str
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}: {self.reason}"


@dataclass(frozen=True, eq=False)
class AuditReport:
    """The findings of :func:`audit`, and what they were found with.

    Attributes
    ----------
    findings
        One row per finding, columns ``code, name, severity, element, message`` (see
        :func:`audit`), in rule order.
    map_name
        The name of the audited map.
    rules
        The rules that ran, each with the severity it ran with, in code order.
    thresholds
        The thresholds used: ``overload_limit``, ``near_duplicate_threshold``,
        ``cross_cutting_min_groups``, ``cross_cutting_by``.
    skipped
        The selected rules that did not run because the map lacks what they are about (no
        budgets anywhere, no level of work below the goals ...), each a :class:`SkippedRule` with
        the rule's ``code``, ``name`` and the ``reason``, in code order. A rule that ran but
        left part of its check out is listed too, the reason saying which part (SG202 over a
        level no element of the map is at).
    lang
        The language the messages are in and the renderings are written in.
    part
        For a view (:attr:`StrategyMap.view`), the line that says which part of the map was
        audited, e.g. ``"Part of the map: levels effektmål (33 of 103 elements)"``, in ``lang``;
        ``None`` for a whole map. The renderings show it under their heading.

    Examples
    --------
    >>> report = sg.audit(sg.datasets.load("eksempel-2013"))
    >>> report.findings.columns.tolist()
    ['code', 'name', 'severity', 'element', 'message']
    >>> report.findings.iloc[0]["element"], report.thresholds["overload_limit"]
    ('G41', 5)
    """

    findings: pd.DataFrame
    map_name: str
    rules: tuple[Rule, ...]
    thresholds: dict[str, Any] = field(default_factory=dict)
    skipped: tuple[SkippedRule, ...] = ()
    lang: Language = "en"
    part: str | None = None

    @property
    def ok(self) -> bool:
        """``True`` when there is no finding of severity ``error`` or ``warning``.

        Findings of severity ``info`` (cross-cutting elements, by default goals without an
        indicator) describe the map; they do not make it fail.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> sg.audit(m).ok, sg.audit(m, select=["SG601"]).ok
        (False, True)
        """
        return not self.findings["severity"].isin(("error", "warning")).any()

    @property
    def counts(self) -> dict[str, int]:
        """The number of findings of each severity, ``error`` first; zeros included.

        Examples
        --------
        >>> sg.audit(sg.datasets.load("eksempel-2013")).counts
        {'error': 2, 'warning': 69, 'info': 44}
        """
        return _render.counts(self)

    def __repr__(self) -> str:
        verdict = _render.short_verdict(self)
        return f"<AuditReport {self.map_name!r}: {_render.counts_text(self)}; {verdict}>"

    def __str__(self) -> str:
        return _render.text(self)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain data: the structure :meth:`to_json` writes.

        Examples
        --------
        >>> data = sg.audit(sg.datasets.load("eksempel-2013")).to_dict()
        >>> list(data)[-3:], data["lang"]
        (['skipped', 'findings', 'lang'], 'en')
        >>> data["findings"][0]["code"]
        'SG101'
        """
        return _render.as_dict(self)

    @overload
    def to_json(self, path: None = None, *, indent: int | None = 2) -> str: ...
    @overload
    def to_json(self, path: StrPath, *, indent: int | None = 2) -> None: ...
    def to_json(self, path: StrPath | None = None, *, indent: int | None = 2) -> str | None:
        """Write the report as JSON to ``path``, or return the text when ``path`` is ``None``.

        The structure (``version`` 1) is an object with the keys

        - ``format``: always ``"stratgraph-audit"``; ``version``: ``1``;
        - ``map``: the map's name; ``ok``: :attr:`ok`;
        - ``counts``: ``{"error": n, "warning": n, "info": n}``;
        - ``thresholds``: the thresholds used (see :func:`audit`);
        - ``rules``: the rules that ran, each ``{"code", "name", "severity", "summary"}``;
        - ``skipped``: the selected rules left out because the map lacks what they are about,
          each ``{"code", "name", "reason"}``;
        - ``findings``: each ``{"code", "name", "severity", "element", "message"}``, in the
          order of :attr:`findings`;
        - ``lang``: the language of ``summary``, ``reason`` and ``message`` (``"en"`` or
          ``"da"``); codes, names and severities are identifiers and do not change with it.

        Keys may be added in a later version; none will be removed or change meaning.

        Examples
        --------
        >>> import json
        >>> text = sg.audit(sg.datasets.load("eksempel-2013")).to_json()
        >>> json.loads(text)["counts"]
        {'error': 2, 'warning': 69, 'info': 44}
        """
        indent = check_whole("indent", indent, none="all on one line")
        return _written(_render.json_text(self, indent=indent), path)

    @overload
    def to_markdown(self, path: None = None) -> str: ...
    @overload
    def to_markdown(self, path: StrPath) -> None: ...
    def to_markdown(self, path: StrPath | None = None) -> str | None:
        """Write the report as Markdown to ``path``, or return the text when ``path`` is ``None``.

        A heading with the verdict, a table of the rules that found something (each with its
        title, what it finds, beside its code and name), and the findings as one list per rule
        under the rule's title, each item led by the element's id. Text from the map is
        escaped, so a title cannot break the Markdown.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> print(sg.audit(m, select=["SG1"]).to_markdown())
        # Audit: Eksempel Kommune 2013
        <BLANKLINE>
        **2 errors, 4 warnings, 0 info** – not ok (errors or warnings found).
        <BLANKLINE>
        | code | what the rule finds | name | severity | findings |
        ...
        ## SG101 An effect goal with no strategy, policy or vision above it (unanchored-goal, error)
        <BLANKLINE>
        - **G41**: Effect goal G41 “Sund mad i alle kommunale køkkener” has no strategy, ...
        """
        return _written(_render.markdown(self), path)

    @overload
    def to_html(self, path: None = None) -> str: ...
    @overload
    def to_html(self, path: StrPath) -> None: ...
    def to_html(self, path: StrPath | None = None) -> str | None:
        """Write the report as one self-contained HTML page, or return it if ``path`` is ``None``.

        No external files, scripts or fonts; every text from the map is escaped.

        Examples
        --------
        >>> page = sg.audit(sg.datasets.load("eksempel-2013")).to_html()
        >>> page.startswith("<!DOCTYPE html>"), "SG101" in page
        (True, True)
        """
        return _written(_render.html_page(self), path)

    def _repr_html_(self) -> str:
        """Show the report in Jupyter: the verdict, the rules that found something, the findings."""
        return _render.html_fragment(self)


def _written(text: str, path: StrPath | None) -> str | None:
    if path is None:
        return text
    atomic_write_text(path, text)
    return None
