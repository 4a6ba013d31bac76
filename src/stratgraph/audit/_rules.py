"""The audit's rules: one table in which each rule carries its code, name, severity and check.

A rule's check reads one analysis and returns its findings; a rule whose premise the map lacks
(budgets, indicators, a level of work) stays silent and says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from stratgraph._language import count_word, either, number, period_text, share, text
from stratgraph._options import Severity, choices
from stratgraph._premises import why_no_money
from stratgraph.analysis._index import index_of
from stratgraph.analysis.budget import budget_rollup
from stratgraph.analysis.cross_cutting import cross_cutting
from stratgraph.analysis.duplicates import near_duplicate_clusters, title_similarity
from stratgraph.analysis.indicators import indicator_coverage
from stratgraph.analysis.overload import goal_overload
from stratgraph.analysis.progress import latest_period, progress, progress_rollup
from stratgraph.analysis.structure import level_skips, orphaned_goals, orphans
from stratgraph.analysis.tensions import tensions
from stratgraph.exceptions import ConfigError, OptionError
from stratgraph.period import Period

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd

    from stratgraph._options import Language
    from stratgraph.audit._config import AuditConfig
    from stratgraph.audit._words import _Words
    from stratgraph.strategy_map import StrategyMap

__all__ = ["RULES", "SEVERITIES", "Found", "Rule", "Severity"]

#: The severities, most serious first.
SEVERITIES: tuple[Severity, ...] = choices(Severity)

Found = list[tuple[str, str]]  # (element id, message)

#: The members a finding about a group of near-duplicate goals names; the rest are counted.
_SHOWN_MEMBERS = 10


def _unanchored_goal(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    goals = orphaned_goals(smap)
    nearest = words.labels[smap.schema.anchor_levels[-1]]
    found: Found = []
    for eid in goals.index[goals["unanchored"].to_numpy()].tolist():
        message = words.text(
            "SG101",
            element=words.element(eid),
            id=eid,
            anchors=words.anchors,
            anchors_plural=words.anchors_plural,
            nearest=nearest,
            a_nearest=words.a(nearest),
        )
        found.append((eid, message))
    return found


def _used_levels(smap: StrategyMap) -> set[str]:
    """Return the levels at least one element of the map is at (the whole map, for a view).

    A view by level has no agreements when it leaves them out, but a link that skips them still
    skips a level of the map.
    """
    view = smap.view
    return set(view.levels) if view is not None else {element.type for element in smap}


def _unimplemented_goal(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    goals = orphaned_goals(smap)
    # Advice names the work the map has: a map without agreements is not told to make one.
    used = _used_levels(smap)
    levels = [name for name in smap.schema.work_levels if name in used]
    work = [words.labels[name] for name in levels or smap.schema.work_levels]
    first, last = work[0], work[-1]
    key = "SG102.many" if len(work) > 1 else "SG102.one"
    found: Found = []
    for eid in goals.index[goals["unimplemented"].to_numpy()].tolist():
        message = words.text(
            key,
            element=words.element(eid),
            id=eid,
            work=words.work,
            works=words.works,
            a_first=words.a(first),
            a_last=words.a(last),
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
        # An indicator of nothing measures no goal; work under no goal serves none.
        key = "SG103.measure" if level == measure else "SG103.work"
        message = words.text(
            key,
            element=words.element(eid),
            id=eid,
            goal=words.goal,
            goals=words.plural(words.goal),
            anchors_plural=words.anchors_plural,
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
        message = words.text(
            "SG201",
            element=words.element(eid),
            id=eid,
            n=n,
            goals=words.plural(words.goal),
            limit=limit,
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
        message = words.text(
            "SG202.many" if len(skipped) > 1 else "SG202.one",
            element=words.element(eid),
            parent=words.element(parent, capital=False),
            levels=either([words.labels[s] for s in skipped], words.lang, both=True),
        )
        found.append((eid, message))
    return found


def _goal_without_indicator(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    rows = indicator_coverage(smap)
    found: Found = []
    for eid in rows.index[~rows["measured"].to_numpy()].tolist():
        if smap[eid].followup == "dialogue":  # trust logic, declared: not unmeasured by mistake
            continue
        found.append((eid, words.text("SG301", element=words.element(eid), id=eid)))
    return found


def _goal_without_budget(smap: StrategyMap, words: _Words, _: AuditConfig) -> Found:
    money = budget_rollup(smap)
    # A goal with work outside the view may have money there (see stratgraph.analysis._index).
    rows = money[
        (money["type"] == smap.schema.goal_level)
        & (money["rolled_budget"] <= 0)
        & ~index_of(smap).cut_below
    ]
    found: Found = []
    for eid in rows.index.tolist():
        found.append((eid, words.text("SG302", element=words.element(eid), id=eid)))
    return found


# -- follow-up by measurement: progress towards the indicators' targets -------------------------
#
# The four rules read the memoised results of sg.progress and sg.progress_rollup (computed once
# an audit, at the map's latest period, with the audit's thresholds). Elements followed up in
# dialogue (followup: dialogue) are in neither, so none of the rules reports them.


def _indicators(smap: StrategyMap, config: AuditConfig) -> pd.DataFrame:
    """Return :func:`progress` at the map's latest period, as every rule here reads it."""
    return progress(smap, at_risk=config.at_risk, off_track=config.off_track)


def _periods(texts: list[object]) -> dict[str, Period]:
    """Return the periods written as canonical text in ``texts`` (missing ones left out)."""
    return {t: Period.parse(t) for t in set(texts) if isinstance(t, str)}


def _figure(value: float, unit: object, lang: Language) -> str:
    """Return an indicator's value as a message writes it: ``94,8 %``, ``118 antal``."""
    decimals = next((d for d in range(3) if round(value, d) == value), 2)
    written = number(value, lang, decimals)
    if not isinstance(unit, str) or not unit.strip():
        return written
    unit = unit.strip()
    return written + unit if unit == "%" and lang == "en" else f"{written} {unit}"


def _goal_off_track(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    rolled = progress_rollup(smap, at_risk=config.at_risk, off_track=config.off_track)
    goal = rolled["type"].to_numpy() == smap.schema.goal_level
    rows = rolled[goal & (rolled["status"].to_numpy() == "off_track")]
    latest = latest_period(smap)
    if rows.empty or latest is None:
        return []
    # The period named is that of the goal's own latest measurement scored; a goal scored only
    # through its supporters is named at the map's latest period.
    scores = _indicators(smap, config)
    scored = scores[scores["status"].to_numpy() != "no_data"]
    texts = _periods(scored["period"].tolist())
    own: dict[str, Period] = {}
    for eid, written in zip(scored["element"].tolist(), scored["period"].tolist(), strict=True):
        if eid not in own or own[eid] < texts[written]:
            own[eid] = texts[written]
    found: Found = []
    for eid, done, expected, share_of_supports in zip(
        rows["element"].tolist(),
        rows["progress"].tolist(),
        rows["expected"].tolist(),
        rows["supports"].tolist(),
        strict=True,
    ):
        helped = 0.0 if math.isnan(share_of_supports) else share_of_supports
        message = words.text(
            "SG303" if not helped else "SG303.supported",
            element=words.element(eid),
            progress=share(done, words.lang),
            expected=share(expected, words.lang),
            period=period_text(own.get(eid, latest), words.lang),
            supported=share(helped, words.lang) if helped else "",
        )
        found.append((eid, message))
    return found


def _stale_indicator(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    latest = latest_period(smap)
    if latest is None:
        return []
    rows = _indicators(smap, config)
    texts = _periods(rows["period"].tolist())
    # A measurement is in the latest period when its period reaches into it: a figure for the
    # year 2015 is in 2015Q4.
    current = {t for t, period in texts.items() if period.end >= latest.start}
    found: Found = []
    for eid, name, written in zip(
        rows["element"].tolist(), rows["indicator"].tolist(), rows["period"].tolist(), strict=True
    ):
        if written in current:
            continue
        fields = {
            "element": words.element(eid),
            "indicator": name,
            "latest": period_text(latest, words.lang),
        }
        if written in texts:
            last = period_text(texts[written], words.lang)
            message = words.text("SG304.old", last=last, **fields)
        else:
            message = words.text("SG304.never", **fields)
        found.append((eid, message))
    return found


#: What an indicator needs for its progress, in the order a message names what is missing.
_NEEDED = ("baseline", "baseline_period", "target", "target_period")


def _indicator_without_baseline(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    rows = _indicators(smap, config)
    absent = rows[list(_NEEDED)].isna().to_numpy()
    elements, names = rows["element"].tolist(), rows["indicator"].tolist()
    found: Found = []
    for k in np.flatnonzero(absent.any(axis=1)).tolist():
        missing = [
            words.text("indicator." + need)
            for need, no in zip(_NEEDED, absent[k].tolist(), strict=True)
            if no
        ]
        message = words.text(
            "SG305",
            element=words.element(elements[k]),
            indicator=names[k],
            missing=either(missing, words.lang),
        )
        found.append((elements[k], message))
    return found


def _target_missed(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    latest = latest_period(smap)
    if latest is None:
        return []
    rows = _indicators(smap, config)
    ends = _periods(rows["target_period"].tolist())
    # The target period has passed when it ends by the end of the map's latest period: a target
    # for 2016 is judged on the value for 2016.
    passed = rows["target_period"].isin([t for t, p in ends.items() if p.end <= latest.end])
    known = rows["value"].notna().to_numpy() & rows["target"].notna().to_numpy()
    rows = rows[passed.to_numpy() & known]
    if rows.empty:
        return []
    value, target = rows["value"].to_numpy(), rows["target"].to_numpy()
    # With a baseline, progress knows the direction (and a target held at the baseline); else
    # higher_is_better says it.
    pairs = zip(rows["element"].tolist(), rows["indicator"].tolist(), strict=True)
    better = np.array([_better(smap, eid, name) for eid, name in pairs], dtype=np.bool_)
    reached = np.where(better, value >= target, value <= target)
    done = rows["progress"].to_numpy()
    reached = np.where(np.isnan(done), reached, done >= 1)
    texts = _periods(rows["period"].tolist())
    found: Found = []
    for k in np.flatnonzero(~reached).tolist():
        row = rows.iloc[k]
        unit = row["unit"]
        message = words.text(
            "SG306",
            element=words.element(row["element"]),
            indicator=row["indicator"],
            target_period=period_text(ends[row["target_period"]], words.lang),
            value=_figure(row["value"], unit, words.lang),
            period=period_text(texts[row["period"]], words.lang),
            target=_figure(row["target"], unit, words.lang),
        )
        found.append((row["element"], message))
    return found


def _better(smap: StrategyMap, element: str, indicator: str) -> bool:
    """Return ``higher_is_better`` of an element's indicator (found by its own spelling)."""
    return next(i.higher_is_better for i in smap[element].indicators if i.name == indicator)


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
        note_text = " ".join(note.split()).rstrip(".") if isinstance(note, str) else ""
        dilemma = f" ({note_text})" if note_text else ""
        for eid in binds:
            message = words.text(
                "SG401",
                element=words.element(eid),
                id=eid,
                side=words.named(side),
                other=words.named(other),
                dilemma=dilemma,
            )
            found.append((eid, message))
    return found


def _namespace(eid: str) -> str | None:
    """Return the map an element of an atlas's combined view comes from, else ``None``.

    The combined view names an element ``organisation:id`` (``organisation:year:id`` over
    every year); an id of a map of its own never holds ``:``.
    """
    cut = eid.rfind(":")
    return eid[:cut] if cut >= 0 else None


def _within_maps(members: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Split a group of goals of a combined view into the groups within one map (two or more).

    Goals of different organisations that read alike are the governance chain at work (see
    :func:`~stratgraph.similar_goals`), and a goal kept over the years is one goal: neither is a
    duplicate to merge. A map of its own is one map, and its group stays whole.
    """
    by_map: dict[str | None, list[str]] = {}
    for member in members:
        by_map.setdefault(_namespace(member), []).append(member)
    return [tuple(part) for part in by_map.values() if len(part) > 1]


def _near_duplicate_goals(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    groups = near_duplicate_clusters(
        smap, threshold=config.near_duplicate_threshold, search=config.near_duplicate_search
    )
    found: Found = []
    parts = [
        part for members in groups["members"].tolist() for part in _within_maps(tuple(members))
    ]
    for eid, members in ((part[0], part) for part in parts):
        if len(members) == 2:  # noqa: PLR2004 - a pair: say how close
            other = members[1]
            score = title_similarity(smap[eid].title, smap[other].title)
            message = words.text(
                "SG402.pair",
                element=words.element(eid),
                other=words.named(other),
                score=number(score, words.lang, 2),
            )
        else:
            rest = members[1:]
            shown = ", ".join(words.named(m) for m in rest[:_SHOWN_MEMBERS])
            if len(rest) > _SHOWN_MEMBERS:
                shown += words.text("SG402.more", n=len(rest) - _SHOWN_MEMBERS)
            message = words.text(
                "SG402.group",
                element=words.element(eid),
                n=len(rest),
                goals=words.plural(words.goal),
                shown=shown,
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
        message = words.text(
            "SG501",
            source=words.element(link.source, capital=False),
            target=words.element(link.target, capital=False),
        )
        messages.append((index.ids[at], message))
    return messages


def _cross_cutting_element(smap: StrategyMap, words: _Words, config: AuditConfig) -> Found:
    by = config.cross_cutting_by
    try:
        rows = cross_cutting(smap, by=by, min_groups=config.cross_cutting_min_groups)
    except OptionError as err:
        # the option is by= of cross_cutting; here it is cross_cutting_by= (min_groups likewise)
        msg = f"cross_cutting_{err}"
        raise ConfigError(msg) from err
    # An indicator that measures goals of several groups is shared, not steered from each.
    rows = rows[rows["type"] != smap.schema.measure_level]
    level = smap.schema.resolve_type(by) if by is not None else smap.schema.anchor_levels[-1]
    kind = (
        words.plural(words.labels[level]) if level is not None else words.text("fallback.agendas")
    )
    found: Found = []
    least = config.cross_cutting_min_groups
    for eid, n, groups in zip(
        rows.index.tolist(), rows["n_groups"].tolist(), rows["groups"].tolist(), strict=True
    ):
        home = _namespace(eid)
        if home is not None:
            # In an atlas's combined view, a group of another organisation is the governance
            # chain steering from above (a link between maps), not work steered from two sides.
            groups = [g for g in groups if g not in smap or _namespace(g) == home]  # noqa: PLW2901
            n = len(groups)  # noqa: PLW2901
            if n < least:
                continue
        message = words.text(
            "SG601",
            element=words.element(eid),
            id=eid,
            n=count_word(n, words.lang),  # "to strategier": small numbers in words in prose
            kind=kind,
            groups=", ".join(groups),
        )
        found.append((eid, message))
    return found


# -- what each rule needs: a rule whose premise the map lacks stays silent and says why ---------


def _needs_anchors(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    if smap.schema.anchor_levels:
        return None
    return words.text("premise.no_anchors", goal=words.goal)


def _needs_groups(smap: StrategyMap, words: _Words, config: AuditConfig) -> str | None:
    return None if config.cross_cutting_by is not None else _needs_anchors(smap, words, config)


def _needs_work(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    if smap.schema.work_levels:
        return None
    reason = words.text("premise.no_work", goal=words.goal)
    if smap.schema.measure_level is not None:
        reason += words.text("premise.measure_not_work", measure=words.measure)
    return reason


def _needs_below(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    if smap.schema.work_levels or smap.schema.measure_level is not None:
        return None
    return words.text("premise.no_below", goal=words.goal)


def _needs_indicators(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    if smap.schema.measure_level is not None or any(e.indicators for e in smap):
        return None
    return words.text("premise.no_indicators")


def _needs_indicator_values(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    if any(e.indicators for e in smap):
        return None
    return words.text("premise.no_indicator_values")


def _needs_measurements(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    return None if smap.measurements else words.text("premise.no_measurements")


def _needs_money(smap: StrategyMap, words: _Words, _: AuditConfig) -> str | None:
    why = why_no_money(smap)  # the summary and the report leave out their budgets alike
    return None if why is None else words.text("premise." + why)


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
    levels = [words.labels[level] for level in unused]
    if words.lang == "da":  # "kortet har ingen aftaler"
        levels = words.plurals(levels)
    reason = words.text("premise.unused_levels", levels=either(levels, words.lang, both=True))
    if pure:
        links = either(
            [
                words.text(
                    "premise.unused_link",
                    upper=words.plural(words.labels[a]),
                    lower=words.plural(words.labels[b]),
                )
                for a, b in pure
            ],
            words.lang,
            both=True,
        )
        return words.text("premise.unused_links", reason=reason, links=links)
    return words.text("premise.unused_any", reason=reason)


#: The levels named in general words, for the summaries of :data:`RULES` (an audit names them in
#: the words of the map's schema).
_GENERAL = {
    "a_goal": "a goal",
    "goal": "goal",
    "goals": "goals",
    "anchors": "strategy, policy or vision",
    "work": "agreement or project",
    "works": "agreements or projects",
    "a_work": "an agreement or project",
    "anchor_plural": "strategies",
}


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
        What the rule finds, in English, with levels named in general words ("a goal"): the
        catalogue's ``summary.<code>`` text, given when the rule is made (one source); in
        :attr:`AuditReport.rules`, in the words of the audited map's schema and the audit's
        language.
    check
        Returns the findings on a map, each ``(element id, message)``, in map order.
    premise
        Returns why the rule cannot run on a map (it lacks what the rule is about), or ``None``.
    partly
        Returns which part of its check the rule leaves out on a map, or ``None``; the report
        lists it among the rules not run.

    Examples
    --------
    >>> from stratgraph.audit import RULES
    >>> RULES[0]
    Rule(code='SG101', name='unanchored-goal', severity='error', summary='a goal with no ...')
    """

    code: str
    name: str
    severity: Severity
    summary: str = ""
    check: Callable[[StrategyMap, _Words, AuditConfig], Found] = field(
        kw_only=True, repr=False, compare=False
    )
    premise: Callable[[StrategyMap, _Words, AuditConfig], str | None] | None = field(
        default=None, kw_only=True, repr=False, compare=False
    )
    partly: Callable[[StrategyMap, _Words, AuditConfig], str | None] | None = field(
        default=None, kw_only=True, repr=False, compare=False
    )
    #: The summary as a heading reads it, in the audit's language (set when the audit runs).
    title: str = field(default="", kw_only=True, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.summary:  # the catalogue's English, in general words: one source for both
            object.__setattr__(self, "summary", text("summary." + self.code, "en", **_GENERAL))


RULES: tuple[Rule, ...] = (
    Rule(
        "SG101",
        "unanchored-goal",
        "error",
        check=_unanchored_goal,
        premise=_needs_anchors,
    ),
    Rule(
        "SG102",
        "unimplemented-goal",
        "error",
        check=_unimplemented_goal,
        premise=_needs_work,
    ),
    Rule(
        "SG103",
        "work-serving-no-goal",
        "warning",
        check=_work_serving_no_goal,
        premise=_needs_below,
    ),
    Rule(
        "SG201",
        "goal-overload",
        "warning",
        check=_goal_overload,
    ),
    Rule(
        "SG202",
        "level-skip",
        "warning",
        check=_level_skip,
        partly=_skips_unused,
    ),
    Rule(
        "SG301",
        "goal-without-indicator",
        "info",
        check=_goal_without_indicator,
        premise=_needs_indicators,
    ),
    Rule(
        "SG302",
        "goal-without-budget",
        "warning",
        check=_goal_without_budget,
        premise=_needs_money,
    ),
    Rule(
        "SG303",
        "goal-off-track",
        "warning",
        check=_goal_off_track,
        premise=_needs_measurements,
    ),
    Rule(
        "SG304",
        "stale-indicator",
        "info",
        check=_stale_indicator,
        premise=_needs_measurements,
    ),
    Rule(
        "SG305",
        "indicator-without-baseline",
        "warning",
        check=_indicator_without_baseline,
        premise=_needs_indicator_values,
    ),
    Rule(
        "SG306",
        "target-missed",
        "warning",
        check=_target_missed,
        premise=_needs_measurements,
    ),
    Rule(
        "SG401",
        "double-bind",
        "warning",
        check=_double_bind,
    ),
    Rule(
        "SG402",
        "near-duplicate-goals",
        "warning",
        check=_near_duplicate_goals,
    ),
    Rule(
        "SG501",
        "link-without-rationale",
        "warning",
        check=_link_without_rationale,
    ),
    Rule(
        "SG601",
        "cross-cutting-element",
        "info",
        check=_cross_cutting_element,
        premise=_needs_groups,
    ),
)
