"""A map in figures: elements per level, links per kind, and the headline figures of the audit.

One small table for the top of a council memo (byrådsnotat), with English or Danish labels.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from stratgraph._language import currency_text, resolve_lang, text, warn_unlabelled_levels
from stratgraph._options import check_map
from stratgraph._premises import (
    has_anchor_level,
    has_level_below,
    has_work_level,
    why_no_money,
)
from stratgraph._util import gc_paused
from stratgraph.analysis._frame import frame
from stratgraph.analysis._index import index_of
from stratgraph.analysis.budget import budget_rollup
from stratgraph.analysis.cross_cutting import cross_cutting
from stratgraph.analysis.indicators import indicator_coverage
from stratgraph.analysis.overload import goal_overload
from stratgraph.analysis.structure import level_skips, orphans
from stratgraph.analysis.tensions import tensions
from stratgraph.model import LinkKind

if TYPE_CHECKING:
    import pandas as pd

    from stratgraph._options import Language
    from stratgraph.strategy_map import StrategyMap

__all__ = ["summary"]

#: figure → unit; the labels are the language catalogue's ``summary.<figure>``, where
#: ``{goal}`` is the goal level's label.
_HEADLINE: dict[str, str] = {
    "elements": "",
    "links": "",
    "goals": "",
    "goals_measured": "",
    "goals_measured_share": "share",
    "total_budget": "{currency}",
    "goals_unfunded": "",
    "orphans": "",
    "unanchored_goals": "",
    "unimplemented_goals": "",
    "work_without_goal": "",
    "overloaded": "",
    "level_skips": "",
    "double_binds": "",
    "cross_cutting": "",
}


def _headline(smap: StrategyMap) -> dict[str, float]:
    """Return the headline figures, by name, from the analyses that define them."""
    index = index_of(smap)
    g, rank = index.goal_rank, index.rank
    coverage = indicator_coverage(smap)
    n_goals = len(coverage)
    measured = int(coverage["measured"].sum())
    money = budget_rollup(smap)
    budgets = money["budget"].to_numpy()
    # A goal with work outside a view may have money there (see stratgraph.analysis._index).
    goal_money = money["rolled_budget"].to_numpy()[(rank == g) & ~index.cut_below]
    cut_off = orphans(smap)
    cut_rank = rank[index.locate(cut_off.index.tolist())]
    unanchored = cut_off["unanchored"].to_numpy()
    unimplemented = cut_off["unimplemented"].to_numpy()
    binds = {eid for ids in tensions(smap)["double_binds"].tolist() for eid in ids}
    # A figure whose premise the map lacks is NaN, not a count of failures, where the audit
    # leaves out the rule about it (see stratgraph._premises).
    schema = smap.schema
    anchored, funded = has_anchor_level(schema), why_no_money(smap) is None
    crossing: float = len(cross_cutting(smap)) if anchored else math.nan
    return {
        "elements": len(smap),
        "links": smap.number_of_links(),
        "goals": n_goals,
        "goals_measured": measured,
        "goals_measured_share": measured / n_goals if n_goals else math.nan,
        "total_budget": _total(budgets[~np.isnan(budgets)].tolist()) if funded else math.nan,
        "goals_unfunded": int((goal_money <= 0).sum()) if funded else math.nan,
        "orphans": len(cut_off),
        "unanchored_goals": int((unanchored & (cut_rank == g)).sum()) if anchored else math.nan,
        "unimplemented_goals": (
            int((unimplemented & (cut_rank == g)).sum()) if has_work_level(schema) else math.nan
        ),
        "work_without_goal": (
            int((unanchored & (cut_rank > g)).sum()) if has_level_below(schema) else math.nan
        ),
        "overloaded": len(goal_overload(smap)),
        "level_skips": len(level_skips(smap)),
        "double_binds": len(binds),
        "cross_cutting": crossing,
    }


def _total(amounts: list[float]) -> float:
    """Return the exact sum of ``amounts``; a sum beyond the largest float is infinite.

    Each budget is finite, but two near 1e308 add up to more than a float holds.
    """
    try:
        return math.fsum(amounts)
    except OverflowError:
        return math.inf


@gc_paused()
def summary(smap: StrategyMap, /, *, lang: Language | None = None) -> pd.DataFrame:
    """Return the map in figures: headline figures, elements per level and links per kind.

    The headline figures come from the analyses that define them, with their default options:
    ``orphans`` and the goal and work counts from :func:`orphans`, ``goals_unfunded`` from
    :func:`budget_rollup` (a goal whose rolled budget is 0: no money on it nor below it),
    ``overloaded`` from :func:`goal_overload` (limit 5), ``double_binds`` from :func:`tensions`
    (distinct elements), ``cross_cutting`` from :func:`cross_cutting` (two or more groups at the
    level above the goal level). Elements of the schema's measure level are neither overloaded
    nor cross-cutting, and do not make a goal implemented.

    A figure whose premise the map lacks is NaN rather than a count of failures, where the audit
    leaves out the rule about it (see :attr:`AuditReport.skipped`); its row stays:

    - ``total_budget`` and ``goals_unfunded``: the schema has ``money=False``, or no element
      has a budget (SG302);
    - ``unanchored_goals`` and ``cross_cutting``: the goal level is the top level (SG101, SG601);
    - ``unimplemented_goals``: no work level lies below the goal level, only a measure level or
      nothing (SG102);
    - ``work_without_goal``: no level at all lies below the goal level (SG103).

    Parameters
    ----------
    smap
        The strategy map.
    lang
        The language of ``label``: ``"en"`` (English) or ``"da"`` (Danish); ``None`` uses the
        language of :func:`memo_style`, else English.

    Returns
    -------
    pandas.DataFrame
        One row per figure, indexed by ``figure`` (a stable English name), always the same rows
        for maps of the same schema, in this order:

        - group ``headline``: ``elements``, ``links``, ``goals``, ``goals_measured``,
          ``goals_measured_share``, ``total_budget``, ``goals_unfunded``, ``orphans``,
          ``unanchored_goals``, ``unimplemented_goals``, ``work_without_goal``, ``overloaded``,
          ``level_skips``, ``double_binds``, ``cross_cutting``;
        - group ``level``: ``level.<name>`` for each level of the schema, top first;
        - group ``link``: ``link.hierarchy``, ``link.supports``, ``link.tension``.

        Columns:

        - ``group`` (str): ``headline``, ``level`` or ``link``.
        - ``label`` (str): what the figure is, in ``lang``.
        - ``value`` (object): a count (int), a share from 0 to 1 (float; NaN when there is
          nothing to divide by) or an amount of money (float); NaN (float) where the map lacks
          the figure's premise, as said above.
        - ``unit`` (str), in ``lang``: ``""`` for a count, ``"share"`` (``"andel"``) for a
          share, the map's currency for money (``"kr."`` for DKK in Danish).

    Raises
    ------
    OptionError
        If ``lang`` is not ``"en"`` or ``"da"``.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> s = sg.summary(m)
    >>> s.loc[["elements", "goals", "total_budget", "level.project", "link.tension"], "value"]
    figure
    elements               103
    goals                   33
    total_budget     373450000.0
    level.project           41
    link.tension             5
    Name: value, dtype: object
    >>> sg.summary(m, lang="da").loc["goals_unfunded", ["label", "value"]].tolist()
    ['Mål uden budget', 2]
    >>> sg.summary(m, lang="da").loc[["goals_measured_share", "total_budget"], "unit"].tolist()
    ['andel', 'kr.']
    >>> with sg.memo_style(lang="da"):
    ...     sg.summary(m).loc["elements", "label"]
    'Elementer'

    >>> sdg = sg.StrategyMap(
    ...     [{"id": "T1", "type": "target", "title": "Udryd fattigdom"},
    ...      {"id": "I1", "type": "indicator", "title": "Andel fattige", "parents": ["T1"]}],
    ...     schema=sg.Schema(levels=["goal", "target", "indicator"], goal_level="target",
    ...                      measure_level="indicator", money=False))
    >>> sg.summary(sdg).loc[["goals_unfunded", "unimplemented_goals", "orphans"], "value"]
    figure
    goals_unfunded         NaN
    unimplemented_goals    NaN
    orphans                  1
    Name: value, dtype: object
    """
    check_map(smap)
    lang = resolve_lang(lang)
    schema = smap.schema
    warn_unlabelled_levels(schema, lang)
    goal_label = schema.level(schema.goal_level).label(lang)
    rows: list[tuple[str, str, str, object, str]] = []
    money = currency_text(smap.currency, lang)
    for name, value in _headline(smap).items():
        unit = _HEADLINE[name]
        rows.append(
            (
                name,
                "headline",
                text("summary." + name, lang, goal=goal_label),
                value,
                text("unit.share", lang) if unit == "share" else unit.format(currency=money),
            )
        )
    index = index_of(smap)
    counts = np.bincount(index.rank, minlength=len(schema.levels)).tolist()
    rows.extend(
        (f"level.{level.name}", "level", level.label(lang), counts[r], "")
        for r, level in enumerate(schema.levels)
    )
    links = Counter(link.kind for link in smap.links)
    rows.extend(
        (f"link.{kind.value}", "link", text(f"summary.link.{kind.value}", lang), links[kind], "")
        for kind in LinkKind
    )
    return frame(
        [row[0] for row in rows],
        {
            "group": ([row[1] for row in rows], "str"),
            "label": ([row[2] for row in rows], "str"),
            "value": ([row[3] for row in rows], "object"),
            "unit": ([row[4] for row in rows], "str"),
        },
        index_name="figure",
    )
