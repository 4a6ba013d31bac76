"""The audit's rules: one table in which each rule carries its code, name, severity and check.

A rule's check reads one analysis and returns its findings; a rule whose premise the map lacks
(budgets, indicators, a level of work) stays silent and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

import numpy as np

from stratgraph.analysis._index import index_of
from stratgraph.analysis._premises import why_no_money
from stratgraph.analysis.budget import budget_rollup
from stratgraph.analysis.cross_cutting import cross_cutting
from stratgraph.analysis.duplicates import near_duplicate_clusters, title_similarity
from stratgraph.analysis.indicators import indicator_coverage
from stratgraph.analysis.overload import goal_overload
from stratgraph.analysis.structure import level_skips, orphaned_goals, orphans
from stratgraph.analysis.tensions import tensions
from stratgraph.audit._words import _article, _either, _plural, _quote, _Words
from stratgraph.exceptions import ConfigError, OptionError

if TYPE_CHECKING:
    from collections.abc import Callable

    from stratgraph.audit._config import AuditConfig
    from stratgraph.strategy_map import StrategyMap

__all__ = ["RULES", "SEVERITIES", "Found", "Rule", "Severity"]

#: A finding's severity.
Severity = Literal["error", "warning", "info"]
#: The severities, most serious first.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

Found = list[tuple[str, str]]  # (element id, message)

#: The members a finding about a group of near-duplicate goals names; the rest are counted.
_SHOWN_MEMBERS = 10


def _unanchored_goal(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    goals = orphaned_goals(smap)
    nearest = words.labels[smap.schema.anchor_levels[-1]]
    found: Found = []
    for eid in goals.index[goals["unanchored"].to_numpy()].tolist():
        message = (
            f"{words.element(eid)} has no {words.anchors} above it, so no line of sight runs "
            f"from the top of the map to it. Link it to the {nearest} it serves, or drop it."
        )
        found.append((eid, message))
    return found


def _used_levels(smap: StrategyMap) -> set[str]:
    """Return the levels at least one element of the map is at."""
    return {element.type for element in smap}


def _unimplemented_goal(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    goals = orphaned_goals(smap)
    # Advice names the work the map has: a map without agreements is not told to make one.
    used = _used_levels(smap)
    levels = [name for name in smap.schema.work_levels if name in used]
    work = [words.labels[name] for name in levels or smap.schema.work_levels]
    first, last = work[0], work[-1]
    if len(work) > 1:
        advice = f"Put it into {_article(first)} {first}, start {_article(last)} {last} that"
    else:
        advice = f"Start {_article(first)} {first} that"
    found: Found = []
    for eid in goals.index[goals["unimplemented"].to_numpy()].tolist():
        message = (
            f"{words.element(eid)} has no {words.work} below it: nobody is committed to "
            f"deliver it. {advice} carries it, or drop it."
        )
        found.append((eid, message))
    return found


def _work_serving_no_goal(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    cut_off = orphans(smap)
    measure = smap.schema.measure_level
    below = (*smap.schema.work_levels, *([measure] if measure is not None else []))
    rows = cut_off[cut_off["type"].isin(below) & cut_off["unanchored"]]
    found: Found = []
    for eid, level in zip(rows.index.tolist(), rows["type"].tolist(), strict=True):
        if level == measure:  # an indicator of nothing: it measures no goal
            message = (
                f"{words.element(eid)} measures no {words.goal}: there is none above it. Link "
                f"it to the {words.goal} it measures, or drop it."
            )
        else:
            message = (
                f"{words.element(eid)} serves no {words.goal}: there is none above it. Link it "
                f"to the {words.goal} it delivers on, or ask whether the work belongs in the "
                "strategy."
            )
        found.append((eid, message))
    return found


def _goal_overload(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    limit = config.overload_limit
    rows = goal_overload(smap, limit=limit)
    # An indicator that measures many goals is shared, not overloaded.
    rows = rows[rows["type"] != smap.schema.measure_level]
    found: Found = []
    for eid, n in zip(rows.index.tolist(), rows["n_goals"].tolist(), strict=True):
        message = (
            f"{words.element(eid)} is joined to {n} {_plural(words.goal)} directly (the limit "
            f"is {limit}). Fewer and more long-term goals keep the dialogue focused: merge, "
            "prioritise or split them."
        )
        found.append((eid, message))
    return found


def _level_skip(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    rows = level_skips(smap)
    used = _used_levels(smap)
    found: Found = []
    for eid, parent, all_skipped in zip(
        rows.index.tolist(), rows["parent"].tolist(), rows["skipped"].tolist(), strict=True
    ):
        # A level no element of the map is at is not missing between two of them.
        skipped = [level for level in all_skipped if level in used]
        if not skipped:
            continue
        levels = _either([words.labels[s] for s in skipped], "and")
        message = (
            f"{words.element(eid)} hangs directly under {words.element(parent, capital=False)}, "
            f"skipping the {levels} level{'s' if len(skipped) > 1 else ''}. Put the missing "
            f"{levels} between them."
        )
        found.append((eid, message))
    return found


def _goal_without_indicator(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    rows = indicator_coverage(smap)
    found: Found = []
    for eid in rows.index[~rows["measured"].to_numpy()].tolist():
        message = (
            f"{words.element(eid)} has no indicator. Add one (counting logic), or say in the "
            "map how the goal is followed up in the dialogue (trust logic) and ignore SG301."
        )
        found.append((eid, message))
    return found


def _goal_without_budget(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    money = budget_rollup(smap)
    rows = money[(money["type"] == smap.schema.goal_level) & (money["rolled_budget"] <= 0)]
    found: Found = []
    for eid in rows.index.tolist():
        message = (
            f"{words.element(eid)} has no budget, and nothing below it has one: no money is "
            "coupled to the goal. Give the goal or the work that carries it a budget."
        )
        found.append((eid, message))
    return found


def _double_bind(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    rows = tensions(smap)
    found: Found = []
    for side, other, note, binds in zip(
        rows.index.tolist(),
        rows["other"].tolist(),
        rows["note"].tolist(),
        rows["double_binds"].tolist(),
        strict=True,
    ):
        text = " ".join(note.split()).rstrip(".") if isinstance(note, str) else ""
        dilemma = f" ({text})" if text else ""
        for eid in binds:
            message = (
                f"{words.element(eid)} lies below both sides of the tension between {side} "
                f"{_quote(smap[side])} and {other} {_quote(smap[other])}{dilemma}: it is held "
                "to both at once. Make the priority explicit where it is agreed, or move it "
                "under one side."
            )
            found.append((eid, message))
    return found


def _near_duplicate_goals(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    groups = near_duplicate_clusters(smap, threshold=config.near_duplicate_threshold)
    found: Found = []
    for eid, members in zip(groups.index.tolist(), groups["members"].tolist(), strict=True):
        if len(members) == 2:  # noqa: PLR2004 - a pair: say how close
            other = members[1]
            score = title_similarity(smap[eid].title, smap[other].title)
            message = (
                f"{words.element(eid)} and {other} {_quote(smap[other])} are near-identical "
                f"(similarity {score:.2f}). Merge them, or sharpen what sets them apart."
            )
        else:
            rest = members[1:]
            shown = ", ".join(f"{m} {_quote(smap[m])}" for m in rest[:_SHOWN_MEMBERS])
            if len(rest) > _SHOWN_MEMBERS:
                shown += f" … and {len(rest) - _SHOWN_MEMBERS} more"
            message = (
                f"{words.element(eid)} and {len(rest)} other {_plural(words.goal)} have "
                f"near-identical titles: {shown}. Merge them, or sharpen what sets them apart."
            )
        found.append((eid, message))
    return found


def _link_without_rationale(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    index = index_of(smap)
    links = index.hierarchy_links
    is_goal = index.rank == index.goal_rank
    noted = np.array(
        [bool(note and note.strip()) for note in map(attrgetter("note"), links)], dtype=bool
    )
    # A link to an element of the measure level says how a goal is measured, not why one thing
    # leads to another: it needs no theory of change.
    measure = smap.schema.measure_level
    if measure is not None:
        noted |= index.rank[index.child] == index.level_names.index(measure)
    # The goal-level end names the finding: the child if it is a goal, else the parent.
    end = np.where(is_goal[index.child], index.child, index.parent)
    found = np.flatnonzero(~noted & is_goal[end])
    found = found[np.argsort(end[found], kind="stable")]  # map order of the goal, then link order
    messages: Found = []
    for k, at in zip(found.tolist(), end[found].tolist(), strict=True):
        link = links[k]
        message = (
            f"The link from {words.element(link.source, capital=False)} to "
            f"{words.element(link.target, capital=False)} has no note. Write down the theory of "
            "change – why the one leads to the other – as the link's note."
        )
        messages.append((index.ids[at], message))
    return messages


def _cross_cutting_element(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    by = config.cross_cutting_by
    try:
        rows = cross_cutting(smap, by=by, min_groups=config.cross_cutting_min_groups)
    except OptionError as err:
        msg = f"cross_cutting_by: {err}"
        raise ConfigError(msg) from err
    # An indicator that measures goals of several groups is shared, not steered from each.
    rows = rows[rows["type"] != smap.schema.measure_level]
    level = smap.schema.resolve_type(by) if by is not None else smap.schema.anchor_levels[-1]
    kind = _plural(words.labels[level]) if level is not None else "agendas"
    found: Found = []
    for eid, n, groups in zip(
        rows.index.tolist(), rows["n_groups"].tolist(), rows["groups"].tolist(), strict=True
    ):
        message = (
            f"{words.element(eid)} serves {n} {kind} ({', '.join(groups)}). Cross-cutting "
            f"work needs one named owner and priorities agreed between the {kind}, so that it "
            f"is not steered from {n} sides at once."
        )
        found.append((eid, message))
    return found


# -- what each rule needs: a rule whose premise the map lacks stays silent and says why ---------


def _needs_anchors(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    if smap.schema.anchor_levels:
        return None
    return (
        f"the goal level ({words.goal}) is the top level of the schema: there is no level above "
        "the goals"
    )


def _needs_groups(smap: StrategyMap, words: _Words, config: AuditConfig) -> str | None:
    return None if config.cross_cutting_by is not None else _needs_anchors(smap, words, config)


def _needs_work(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    if smap.schema.work_levels:
        return None
    reason = f"the schema has no level of work below the goal level ({words.goal})"
    if smap.schema.measure_level is not None:
        reason += f"; its {words.measure} level measures the goals, it does not carry them"
    return reason


def _needs_below(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    if smap.schema.work_levels or smap.schema.measure_level is not None:
        return None
    return f"the schema has no level below the goal level ({words.goal})"


def _needs_indicators(smap: StrategyMap, _words: _Words, _: AuditConfig) -> str | None:
    if smap.schema.measure_level is not None or any(e.indicators for e in smap):
        return None
    return (
        "no element in the map has an indicator and the schema has no measure level: the map "
        "does not measure its goals, so every goal would be reported (see indicator_coverage)"
    )


def _needs_money(smap: StrategyMap, _words: _Words, _: AuditConfig) -> str | None:
    why = why_no_money(smap)  # the summary and the report leave out their budgets alike
    if why == "money_false":
        return "the schema says that its maps carry no money (money: false)"
    if why == "no_budgets":
        return "no element in the map has a budget"
    return None


def _skips_unused(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    """Say which levels SG202 passed over because the map has none of them, or ``None``."""
    rows = level_skips(smap)
    if rows.empty:
        return None
    used = _used_levels(smap)
    unused: dict[str, None] = {}
    pure: dict[tuple[str, str], None] = {}
    for parent, child, skipped in zip(
        rows["parent_type"].tolist(), rows["type"].tolist(), rows["skipped"].tolist(), strict=True
    ):
        missing = [level for level in skipped if level not in used]
        unused.update(dict.fromkeys(missing))
        if missing and len(missing) == len(skipped):
            pure[(parent, child)] = None
    if not unused:
        return None
    reason = f"the map has no {_either([words.labels[level] for level in unused], 'and')}"
    if pure:
        links = _either(
            [
                f"from {_plural(words.labels[a])} straight to {_plural(words.labels[b])}"
                for a, b in pure
            ],
            "and",
        )
        return f"{reason}; links {links} skip nothing it uses"
    return f"{reason}; a link is not told to put one in"


# -- the table -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """One audit rule: a stable code, a name, a default severity and what it finds.

    Attributes
    ----------
    code, name
        The stable code (``"SG101"``) and name (``"unanchored-goal"``).
    severity
        The default severity; :attr:`AuditReport.rules` holds the one the rule ran with.
    summary
        What the rule finds, in the words of the municipal schema; in
        :attr:`AuditReport.rules`, in the words of the audited map's schema.
    check
        Returns the findings on a map, each ``(element id, message)``, in map order.
    premise
        Returns why the rule cannot run on a map (it lacks what the rule is about), or ``None``.
    partly
        Returns which part of its check the rule leaves out on a map, or ``None``; the report
        lists it among the rules not run.
    wording
        The summary as a template in the words of a schema's levels (see
        ``_Words.summary``); ``None`` when the summary names no level.

    Examples
    --------
    >>> from stratgraph.audit import RULES
    >>> RULES[0]
    Rule(code='SG101', name='unanchored-goal', severity='error', summary='a goal with no ...')
    """

    code: str
    name: str
    severity: Severity
    summary: str
    check: Callable[[StrategyMap, _Words, AuditConfig], Found] = field(
        kw_only=True, repr=False, compare=False
    )
    premise: Callable[[StrategyMap, _Words, AuditConfig], str | None] | None = field(
        default=None, kw_only=True, repr=False, compare=False
    )
    partly: Callable[[StrategyMap, _Words, AuditConfig], str | None] | None = field(
        default=None, kw_only=True, repr=False, compare=False
    )
    wording: str | None = field(default=None, kw_only=True, repr=False, compare=False)


RULES: tuple[Rule, ...] = (
    Rule(
        "SG101",
        "unanchored-goal",
        "error",
        "a goal with no strategy, policy or vision above it",
        check=_unanchored_goal,
        premise=_needs_anchors,
        wording="{a_goal} with no {anchors} above it",
    ),
    Rule(
        "SG102",
        "unimplemented-goal",
        "error",
        "a goal no agreement or project carries",
        check=_unimplemented_goal,
        premise=_needs_work,
        wording="{a_goal} no {work} carries",
    ),
    Rule(
        "SG103",
        "work-serving-no-goal",
        "warning",
        "an agreement or project under no goal",
        check=_work_serving_no_goal,
        premise=_needs_below,
        wording="{a_work} under no {goal}",
    ),
    Rule(
        "SG201",
        "goal-overload",
        "warning",
        "an element joined to more goals than the limit",
        check=_goal_overload,
        wording="an element joined to more {goals} than the limit",
    ),
    Rule(
        "SG202",
        "level-skip",
        "warning",
        "a hierarchy link that jumps over a required level",
        check=_level_skip,
        partly=_skips_unused,
    ),
    Rule(
        "SG301",
        "goal-without-indicator",
        "info",
        "a goal with no indicator",
        check=_goal_without_indicator,
        premise=_needs_indicators,
        wording="{a_goal} with no indicator",
    ),
    Rule(
        "SG302",
        "goal-without-budget",
        "warning",
        "a goal with no money on it nor below it",
        check=_goal_without_budget,
        premise=_needs_money,
        wording="{a_goal} with no money on it nor below it",
    ),
    Rule(
        "SG401",
        "double-bind",
        "warning",
        "an element below both sides of a tension",
        check=_double_bind,
    ),
    Rule(
        "SG402",
        "near-duplicate-goals",
        "warning",
        "goals with near-identical titles",
        check=_near_duplicate_goals,
        wording="two {goals} with near-identical titles",
    ),
    Rule(
        "SG501",
        "link-without-rationale",
        "warning",
        "a goal's hierarchy link with no note",
        check=_link_without_rationale,
        wording="{a_goal}'s hierarchy link with no note",
    ),
    Rule(
        "SG601",
        "cross-cutting-element",
        "info",
        "an element that serves several strategies",
        check=_cross_cutting_element,
        premise=_needs_groups,
        wording="an element that serves several {anchor_plural}",
    ),
)
