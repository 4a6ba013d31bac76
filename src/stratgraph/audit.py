"""The audit: rules with stable codes, like a linter's, run over a map; findings in one report.

Each rule reads one analysis of :mod:`stratgraph.analysis`; the codes, their meaning and how to
silence them are documented in ``docs/audit-codes.md``.
"""

from __future__ import annotations

import html
import json
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from stratgraph._atomic import atomic_write_text
from stratgraph._pandas import text_array
from stratgraph._util import StrPath, gc_paused
from stratgraph.analysis._index import index_of
from stratgraph.analysis._premises import why_no_money
from stratgraph.analysis.budget import budget_rollup
from stratgraph.analysis.cross_cutting import cross_cutting
from stratgraph.analysis.duplicates import near_duplicate_clusters, title_similarity
from stratgraph.analysis.indicators import indicator_coverage
from stratgraph.analysis.overload import goal_overload
from stratgraph.analysis.structure import level_skips, orphaned_goals, orphans
from stratgraph.analysis.tensions import tensions
from stratgraph.exceptions import ConfigError, SchemaError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from stratgraph.model import Element
    from stratgraph.strategy_map import StrategyMap

__all__ = [
    "FINDING_COLUMNS",
    "SEVERITIES",
    "AuditReport",
    "Rule",
    "SkippedRule",
    "audit",
    "audit_rules",
]


#: The severities, most serious first.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
#: The columns of :attr:`AuditReport.findings`.
FINDING_COLUMNS: tuple[str, ...] = ("code", "name", "severity", "element", "message")
#: The version of the structure :meth:`AuditReport.to_json` writes.
JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class Rule:
    """One audit rule: a stable code, a name, a default severity and what it finds."""

    code: str
    name: str
    severity: str
    summary: str


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


RULES: tuple[Rule, ...] = (
    Rule("SG101", "unanchored-goal", "error", "a goal with no strategy, policy or vision above it"),
    Rule("SG102", "unimplemented-goal", "error", "a goal no agreement or project carries"),
    Rule("SG103", "work-serving-no-goal", "warning", "an agreement or project under no goal"),
    Rule("SG201", "goal-overload", "warning", "an element joined to more goals than the limit"),
    Rule("SG202", "level-skip", "warning", "a hierarchy link that jumps over a required level"),
    Rule("SG301", "goal-without-indicator", "info", "a goal with no indicator"),
    Rule("SG302", "goal-without-budget", "warning", "a goal with no money on it nor below it"),
    Rule("SG401", "double-bind", "warning", "an element below both sides of a tension"),
    Rule("SG402", "near-duplicate-goals", "warning", "goals with near-identical titles"),
    Rule("SG501", "link-without-rationale", "warning", "a goal's hierarchy link with no note"),
    Rule("SG601", "cross-cutting-element", "info", "an element that serves several strategies"),
)
_BY_CODE = {rule.code: rule for rule in RULES}
_BY_NAME = {rule.name: rule for rule in RULES}

#: The thresholds and their defaults; see :func:`audit`.
_THRESHOLDS: dict[str, Any] = {
    "overload_limit": 5,
    "near_duplicate_threshold": 0.85,
    "cross_cutting_min_groups": 2,
    "cross_cutting_by": None,
}
_OPTIONS = ("select", "ignore", "severity", *_THRESHOLDS)


# -- configuration -------------------------------------------------------------------------------


def _valid_rules() -> str:
    return ", ".join(f"{rule.code} ({rule.name})" for rule in RULES)


def _rules_named(value: object, option: str) -> list[Rule]:
    """Return the rules one entry of ``select`` or ``ignore`` names: a code, name or prefix."""
    if not isinstance(value, str) or not value.strip():
        msg = (
            f"{option} entries must be rule codes or names, not {value!r}; valid: {_valid_rules()}"
        )
        raise ConfigError(msg)
    text = value.strip()
    if text.upper() == "ALL":
        return list(RULES)
    name = re.sub(r"[\s_\-]+", "-", text.casefold())
    if name in _BY_NAME:
        return [_BY_NAME[name]]
    matches = [rule for rule in RULES if rule.code.startswith(text.upper())]
    if matches and len(text) >= 3:  # noqa: PLR2004 - "SG1" and longer: "S" would match everything
        return matches
    msg = (
        f"unknown rule {value!r} in {option}; give a code (e.g. 'SG101'), a code prefix "
        f"(e.g. 'SG1'), a name or 'ALL'; valid rules: {_valid_rules()}"
    )
    raise ConfigError(msg)


def _rule_list(value: object, option: str) -> list[Rule]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple | set | frozenset):
        msg = f"{option} must be a list of rule codes or names, not {value!r}"
        raise ConfigError(msg)
    return [rule for entry in value for rule in _rules_named(entry, option)]


def _severities(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        msg = (
            f"severity must map rule codes or names to one of {', '.join(SEVERITIES)}, "
            f"e.g. {{'SG301': 'warning'}}; not {value!r}"
        )
        raise ConfigError(msg)
    result: dict[str, str] = {}
    for key, level in value.items():
        if not isinstance(level, str) or level.strip().lower() not in SEVERITIES:
            msg = (
                f"unknown severity {level!r} for {key!r}; valid: {', '.join(SEVERITIES)} "
                "(to switch a rule off, put it in ignore)"
            )
            raise ConfigError(msg)
        for rule in _rules_named(key, "severity"):
            result[rule.code] = level.strip().lower()
    return result


def _whole(value: object, option: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        msg = f"{option} must be a whole number of {least} or more, not {value!r}"
        raise ConfigError(msg)
    return value


def _fraction(value: object, option: str) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 < value <= 1
        or math.isnan(value)
    ):
        msg = f"{option} must be a number above 0 and at most 1, not {value!r}"
        raise ConfigError(msg)
    return float(value)


def _read_toml(path: StrPath) -> dict[str, Any]:
    """Return the audit options in a TOML file: all of it, or its ``[tool.stratgraph.audit]``."""
    file = Path(path)
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        msg = f"audit config file {str(file)!r} does not exist"
        raise ConfigError(msg) from None
    except tomllib.TOMLDecodeError as err:
        msg = f"audit config file {str(file)!r} is not valid TOML: {err}"
        raise ConfigError(msg) from err
    if "tool" in data:  # a pyproject.toml
        section = data["tool"].get("stratgraph", {}).get("audit")
        if not isinstance(section, dict):
            msg = (
                f"{str(file)!r} has a [tool] table but no [tool.stratgraph.audit] table; put the "
                "audit options there, or in a file of their own"
            )
            raise ConfigError(msg)
        return section
    return data


def _options(config: StrPath | Mapping[str, Any] | None, options: Mapping[str, Any]) -> _Config:
    if config is None:
        given: dict[str, Any] = {}
    elif isinstance(config, str | PathLike):
        given = _read_toml(config)
    elif hasattr(config, "items"):
        given = dict(config)
    else:
        msg = f"config must be a path to a TOML file or a mapping of options, not {config!r}"
        raise ConfigError(msg)
    merged: dict[str, Any] = {}
    for source in (given, options):
        for key, value in source.items():
            option = key.replace("-", "_") if isinstance(key, str) else key
            if option not in _OPTIONS:
                msg = f"unknown audit option {key!r}; valid options: {', '.join(_OPTIONS)}"
                raise ConfigError(msg)
            if option == "severity" and "severity" in merged:
                merged["severity"] = {**merged["severity"], **_severities(value)}
            else:
                merged[option] = _severities(value) if option == "severity" else value
    selected = _rule_list(merged["select"], "select") if "select" in merged else list(RULES)
    ignored = {rule.code for rule in _rule_list(merged.get("ignore", []), "ignore")}
    chosen = {rule.code for rule in selected} - ignored
    severity = {rule.code: rule.severity for rule in RULES}
    severity.update(merged.get("severity", {}))
    by = merged.get("cross_cutting_by")
    if by is not None and not isinstance(by, str):
        msg = f"cross_cutting_by must be a level name or 'agenda', not {by!r}"
        raise ConfigError(msg)
    return _Config(
        rules=tuple(rule for rule in RULES if rule.code in chosen),
        severity=severity,
        overload_limit=_whole(
            merged.get("overload_limit", _THRESHOLDS["overload_limit"]), "overload_limit", 0
        ),
        near_duplicate_threshold=_fraction(
            merged.get("near_duplicate_threshold", _THRESHOLDS["near_duplicate_threshold"]),
            "near_duplicate_threshold",
        ),
        cross_cutting_min_groups=_whole(
            merged.get("cross_cutting_min_groups", _THRESHOLDS["cross_cutting_min_groups"]),
            "cross_cutting_min_groups",
            2,
        ),
        cross_cutting_by=by,
    )


@dataclass(frozen=True, slots=True)
class _Config:
    rules: tuple[Rule, ...]
    severity: dict[str, str]
    overload_limit: int
    near_duplicate_threshold: float
    cross_cutting_min_groups: int
    cross_cutting_by: str | None

    def thresholds(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _THRESHOLDS}


# -- the rules -----------------------------------------------------------------------------------

Found = list[tuple[str, str]]  # (element id, message)

#: The members a finding about a group of near-duplicate goals names; the rest are counted.
_SHOWN_MEMBERS = 10


class _Words:
    """Names of levels and elements for messages, in the words of the map's schema."""

    def __init__(self, smap: StrategyMap) -> None:
        self.smap = smap
        schema = smap.schema
        self.labels = {level.name: level.label_en.lower() for level in schema.levels}
        self.goal = self.labels[schema.goal_level]
        self.anchors = _either([self.labels[name] for name in reversed(schema.anchor_levels)])
        self.work = _either([self.labels[name] for name in schema.work_levels])
        measure = schema.measure_level
        self.measure = self.labels[measure] if measure is not None else "indicator"

    def element(self, element_id: str, *, capital: bool = True) -> str:
        element = self.smap[element_id]
        label = self.labels[element.type]
        return f"{label.capitalize() if capital else label} {element_id} {_quote(element)}"

    def summary(self, rule: Rule) -> str:
        """Say what ``rule`` finds in the words of this schema's levels."""
        schema = self.smap.schema
        work = schema.work_levels
        nearest = self.labels[schema.anchor_levels[-1]] if schema.anchor_levels else "level"
        return _SUMMARIES.get(rule.code, rule.summary).format(
            a_goal=f"{_article(self.goal)} {self.goal}",
            goals=_plural(self.goal),
            anchors=self.anchors or "level",
            work=self.work or "work",
            a_work=f"{_article(self.labels[work[0]])} {self.work}" if work else "work",
            goal=self.goal,
            anchor_plural=_plural(nearest),
        )


#: What the rules find, in the words of the map's schema (see :meth:`_Words.summary`).
_SUMMARIES = {
    "SG101": "{a_goal} with no {anchors} above it",
    "SG102": "{a_goal} no {work} carries",
    "SG103": "{a_work} under no {goal}",
    "SG201": "an element joined to more {goals} than the limit",
    "SG301": "{a_goal} with no indicator",
    "SG302": "{a_goal} with no money on it nor below it",
    "SG402": "two {goals} with near-identical titles",
    "SG501": "{a_goal}'s hierarchy link with no note",
    "SG601": "an element that serves several {anchor_plural}",
}


def _article(noun: str) -> str:
    """Return the English indefinite article for ``noun``: ``an agreement``, ``a project``."""
    return "an" if noun[:1].lower() in {"a", "e", "i", "o", "u"} else "a"


def _quote(element: Element) -> str:
    title = " ".join(element.title.split())
    return f"“{title}”"


def _either(words: list[str], conjunction: str = "or") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _plural(noun: str) -> str:
    """Return the English plural of a level label: ``strategy`` → ``strategies``."""
    if noun.endswith("y") and noun[-2:-1] not in {"a", "e", "i", "o", "u"}:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _unanchored_goal(smap: StrategyMap, words: _Words, _: _Config) -> Found:
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


def _unimplemented_goal(smap: StrategyMap, words: _Words, _: _Config) -> Found:
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


def _work_serving_no_goal(smap: StrategyMap, words: _Words, _: _Config) -> Found:
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


def _goal_overload(smap: StrategyMap, words: _Words, config: _Config) -> Found:
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


def _level_skip(smap: StrategyMap, words: _Words, _: _Config) -> Found:
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


def _goal_without_indicator(smap: StrategyMap, words: _Words, _: _Config) -> Found:
    rows = indicator_coverage(smap)
    found: Found = []
    for eid in rows.index[~rows["measured"].to_numpy()].tolist():
        message = (
            f"{words.element(eid)} has no indicator. Add one (counting logic), or say in the "
            "map how the goal is followed up in the dialogue (trust logic) and ignore SG301."
        )
        found.append((eid, message))
    return found


def _goal_without_budget(smap: StrategyMap, words: _Words, _: _Config) -> Found:
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


def _double_bind(smap: StrategyMap, words: _Words, _: _Config) -> Found:
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


def _near_duplicate_goals(smap: StrategyMap, words: _Words, config: _Config) -> Found:
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


def _link_without_rationale(smap: StrategyMap, words: _Words, _: _Config) -> Found:
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


def _cross_cutting_element(smap: StrategyMap, words: _Words, config: _Config) -> Found:
    by = config.cross_cutting_by
    try:
        rows = cross_cutting(smap, by=by, min_groups=config.cross_cutting_min_groups)
    except SchemaError as err:
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


def _needs_anchors(smap: StrategyMap, words: _Words, _: _Config) -> str | None:
    if smap.schema.anchor_levels:
        return None
    return (
        f"the goal level ({words.goal}) is the top level of the schema: there is no level above "
        "the goals"
    )


def _needs_groups(smap: StrategyMap, words: _Words, config: _Config) -> str | None:
    return None if config.cross_cutting_by is not None else _needs_anchors(smap, words, config)


def _needs_work(smap: StrategyMap, words: _Words, _: _Config) -> str | None:
    if smap.schema.work_levels:
        return None
    reason = f"the schema has no level of work below the goal level ({words.goal})"
    if smap.schema.measure_level is not None:
        reason += f"; its {words.measure} level measures the goals, it does not carry them"
    return reason


def _needs_below(smap: StrategyMap, words: _Words, _: _Config) -> str | None:
    if smap.schema.work_levels or smap.schema.measure_level is not None:
        return None
    return f"the schema has no level below the goal level ({words.goal})"


def _needs_indicators(smap: StrategyMap, _words: _Words, _: _Config) -> str | None:
    if smap.schema.measure_level is not None or any(e.indicators for e in smap):
        return None
    return (
        "no element in the map has an indicator and the schema has no measure level: the map "
        "does not measure its goals, so every goal would be reported (see indicator_coverage)"
    )


def _needs_money(smap: StrategyMap, _words: _Words, _: _Config) -> str | None:
    why = why_no_money(smap)  # the summary and the report leave out their budgets alike
    if why == "money_false":
        return "the schema says that its maps carry no money (money: false)"
    if why == "no_budgets":
        return "no element in the map has a budget"
    return None


def _skips_unused(smap: StrategyMap, words: _Words, _: _Config) -> str | None:
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


#: Rules that run but leave out part of what they check when the map lacks it; the report
#: lists what was left out and why among the rules not run.
_PARTLY: dict[str, Callable[[StrategyMap, _Words, _Config], str | None]] = {
    "SG202": _skips_unused,
}


_PREMISES: dict[str, Callable[[StrategyMap, _Words, _Config], str | None]] = {
    "SG101": _needs_anchors,
    "SG102": _needs_work,
    "SG103": _needs_below,
    "SG301": _needs_indicators,
    "SG302": _needs_money,
    "SG601": _needs_groups,
}


_CHECKS: dict[str, Callable[[StrategyMap, _Words, _Config], Found]] = {
    "SG101": _unanchored_goal,
    "SG102": _unimplemented_goal,
    "SG103": _work_serving_no_goal,
    "SG201": _goal_overload,
    "SG202": _level_skip,
    "SG301": _goal_without_indicator,
    "SG302": _goal_without_budget,
    "SG401": _double_bind,
    "SG402": _near_duplicate_goals,
    "SG501": _link_without_rationale,
    "SG601": _cross_cutting_element,
}


# -- the report ----------------------------------------------------------------------------------


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
        {'error': 2, 'warning': 44, 'info': 46}
        """
        counted = Counter(self.findings["severity"])
        return {severity: counted.get(severity, 0) for severity in SEVERITIES}

    def _counts_text(self) -> str:
        parts = []
        for severity, n in self.counts.items():
            noun = severity if severity == "info" or n == 1 else f"{severity}s"
            parts.append(f"{n} {noun}")
        return ", ".join(parts)

    def _records(self) -> list[dict[str, str]]:
        columns = [self.findings[name].astype(str).tolist() for name in FINDING_COLUMNS]
        return [dict(zip(FINDING_COLUMNS, row, strict=True)) for row in zip(*columns, strict=True)]

    def _by_rule(self) -> list[tuple[Rule, pd.DataFrame]]:
        groups = []
        for rule in self.rules:
            rows = self.findings[self.findings["code"] == rule.code]
            if len(rows):
                groups.append((rule, rows))
        return groups

    def __repr__(self) -> str:
        verdict = "ok" if self.ok else "not ok"
        return f"<AuditReport {self.map_name!r}: {self._counts_text()}; {verdict}>"

    def __str__(self) -> str:
        lines = [f"Audit of {self.map_name}: {self._counts_text()}"]
        lines.extend(
            f"{row['element']}: {row['code']} {row['name']} [{row['severity']}] {row['message']}"
            for row in self._records()
        )
        lines.extend(f"not run: {s}" for s in self.skipped)
        lines.append("ok" if self.ok else "not ok: errors or warnings found")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain data: the structure :meth:`to_json` writes.

        Examples
        --------
        >>> data = sg.audit(sg.datasets.load("eksempel-2013")).to_dict()
        >>> list(data)
        ['format', 'version', 'map', 'ok', 'counts', 'thresholds', 'rules', 'skipped', 'findings']
        >>> data["findings"][0]["code"]
        'SG101'
        """
        return {
            "format": "stratgraph-audit",
            "version": JSON_VERSION,
            "map": self.map_name,
            "ok": bool(self.ok),
            "counts": self.counts,
            "thresholds": dict(self.thresholds),
            "rules": [
                {"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary}
                for r in self.rules
            ],
            "skipped": [{"code": s.code, "name": s.name, "reason": s.reason} for s in self.skipped],
            "findings": self._records(),
        }

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
          order of :attr:`findings`.

        Keys may be added in a later version; none will be removed or change meaning.

        Examples
        --------
        >>> import json
        >>> text = sg.audit(sg.datasets.load("eksempel-2013")).to_json()
        >>> json.loads(text)["counts"]
        {'error': 2, 'warning': 44, 'info': 46}
        """
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"
        return _written(text, path)

    def to_markdown(self, path: StrPath | None = None) -> str | None:
        """Write the report as Markdown to ``path``, or return the text when ``path`` is ``None``.

        A heading with the verdict, a table of the rules that found something, and the
        findings as one list per rule, each item led by the element's id. Text from the map is
        escaped, so a title cannot break the Markdown.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> print(sg.audit(m, select=["SG1"]).to_markdown())
        # Audit: Eksempel Kommune 2013
        <BLANKLINE>
        **2 errors, 4 warnings, 0 info** – not ok (errors or warnings found).
        <BLANKLINE>
        | code | name | severity | findings |
        ...
        ## SG101 unanchored-goal (error)
        <BLANKLINE>
        - **G41**: Effect goal G41 “Sund mad i alle kommunale køkkener” has no strategy, ...
        """
        verdict = "ok" if self.ok else "not ok (errors or warnings found)"
        lines = [
            f"# Audit: {_md(self.map_name)}",
            "",
            f"**{self._counts_text()}** – {verdict}.",
            "",
        ]
        groups = self._by_rule()
        if not groups:
            lines.append("No findings.")
            return _written("\n".join([*lines, *self._skipped_markdown()]) + "\n", path)
        lines += ["| code | name | severity | findings |", "| --- | --- | --- | ---: |"]
        lines.extend(
            f"| {rule.code} | {rule.name} | {rule.severity} | {len(rows)} |"
            for rule, rows in groups
        )
        for rule, rows in groups:
            lines += ["", f"## {rule.code} {rule.name} ({rule.severity})", ""]
            lines.extend(
                f"- **{_md(element)}**: {_md(message)}"
                for element, message in zip(rows["element"], rows["message"], strict=True)
            )
        return _written("\n".join([*lines, *self._skipped_markdown()]) + "\n", path)

    def _skipped_markdown(self) -> list[str]:
        if not self.skipped:
            return []
        lines = ["", "## Rules not run", ""]
        lines.extend(f"- {s.code} {s.name}: {_md(s.reason)}" for s in self.skipped)
        return lines

    def to_html(self, path: StrPath | None = None) -> str | None:
        """Write the report as one self-contained HTML page, or return it if ``path`` is ``None``.

        No external files, scripts or fonts; every text from the map is escaped.

        Examples
        --------
        >>> page = sg.audit(sg.datasets.load("eksempel-2013")).to_html()
        >>> page.startswith("<!DOCTYPE html>"), "SG101" in page
        (True, True)
        """
        e = html.escape
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>Audit: {e(self.map_name)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            f"<h1>Audit: {e(self.map_name)}</h1>",
            *self._html_body(heading="<h2>Findings</h2>"),
            "</body>",
            "</html>",
        ]
        return _written("\n".join(parts) + "\n", path)

    def _repr_html_(self) -> str:
        """Show the report in Jupyter: the verdict, the rules that found something, the findings."""
        body = "\n".join(self._html_body(heading="<p><strong>Findings</strong></p>"))
        return (
            f'<div class="stratgraph-audit"><p><strong>Audit: {html.escape(self.map_name)}'
            f"</strong></p>\n{body}\n</div>"
        )

    def _html_body(self, *, heading: str) -> list[str]:
        """Return the verdict and the tables, the findings under ``heading``, as HTML parts."""
        e = html.escape
        verdict = "ok" if self.ok else "not ok (errors or warnings found)"
        parts = [
            (
                f'<p class="verdict {"ok" if self.ok else "fail"}">'
                f"<strong>{e(self._counts_text())}</strong> – {e(verdict)}.</p>"
            ),
        ]
        groups = self._by_rule()
        if groups:
            parts.append(
                '<table class="rules"><thead><tr><th>code</th><th>name</th><th>severity</th>'
                "<th>findings</th></tr></thead><tbody>"
            )
            parts.extend(
                f'<tr class="{e(rule.severity)}"><td>{e(rule.code)}</td><td>{e(rule.name)}</td>'
                f"<td>{e(rule.severity)}</td><td>{len(rows)}</td></tr>"
                for rule, rows in groups
            )
            parts.append("</tbody></table>")
            parts.append(
                f'{heading}<table class="findings"><thead><tr><th>code</th><th>name</th>'
                "<th>severity</th><th>element</th><th>message</th></tr></thead><tbody>"
            )
            parts.extend(
                f'<tr class="{e(row["severity"])}">'
                + "".join(f"<td>{e(row[column])}</td>" for column in FINDING_COLUMNS)
                + "</tr>"
                for row in self._records()
            )
            parts.append("</tbody></table>")
        else:
            parts.append("<p>No findings.</p>")
        if self.skipped:
            parts.append('<p>Rules not run:</p><ul class="skipped">')
            parts.extend(f"<li>{e(s.code)} {e(s.name)}: {e(s.reason)}</li>" for s in self.skipped)
            parts.append("</ul>")
        return parts


_CSS = (
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
    "th{background:#f0f0f0}table.rules{width:auto;margin-bottom:1.5em}"
    "tr.error td:nth-child(3){color:#b2182b;font-weight:bold}"
    "tr.warning td:nth-child(3){color:#b35806}"
    "tr.info td:nth-child(3){color:#2166ac}"
    ".verdict.ok{color:#1a7837}.verdict.fail{color:#b2182b}"
)

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    """Escape text for Markdown: no markup characters, no line breaks."""
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


def _written(text: str, path: StrPath | None) -> str | None:
    if path is None:
        return text
    atomic_write_text(path, text)
    return None


# -- the entry points ----------------------------------------------------------------------------


@gc_paused()
def audit(
    smap: StrategyMap,
    /,
    config: StrPath | Mapping[str, Any] | None = None,
    **options: Any,
) -> AuditReport:
    """Run the audit rules over a map and return every finding in one report.

    Every selected rule runs over the whole map; nothing stops at the first finding. The rules,
    with their default severity (see ``docs/audit-codes.md`` and :func:`audit_rules`):

    ======  ========================  ========  ==================================================
    code    name                      severity  finds
    ======  ========================  ========  ==================================================
    SG101   unanchored-goal           error     a goal with no strategy, policy or vision above it
    SG102   unimplemented-goal        error     a goal no agreement or project carries
    SG103   work-serving-no-goal      warning   an agreement or project under no goal
    SG201   goal-overload             warning   an element joined to more goals than the limit
    SG202   level-skip                warning   a hierarchy link that jumps over a required level
    SG301   goal-without-indicator    info      a goal with no indicator
    SG302   goal-without-budget       warning   a goal with no money on it nor below it
    SG401   double-bind               warning   an element below both sides of a tension
    SG402   near-duplicate-goals      warning   goals with near-identical titles
    SG501   link-without-rationale    warning   a goal's hierarchy link with no note
    SG601   cross-cutting-element     info      an element that serves several strategies
    ======  ========================  ========  ==================================================

    Parameters
    ----------
    smap
        The strategy map.
    config
        A path to a TOML file, or a mapping, with any of the options below. In a
        ``pyproject.toml`` the options go in ``[tool.stratgraph.audit]``; anywhere else at the top
        level (severities as a ``[severity]`` table). Keys may be written with ``-`` or ``_``.
    **options
        The same options as keywords; they win over ``config``:

        - ``select``: the rules to run (default all): codes (``"SG101"``), code prefixes
          (``"SG1"``), names (``"unanchored-goal"``) or ``"ALL"``.
        - ``ignore``: rules not to run, written the same way; applied after ``select``.
        - ``severity``: a mapping of rule code or name to ``"error"``, ``"warning"`` or
          ``"info"``, e.g. ``{"SG301": "warning"}``.
        - ``overload_limit`` (int, default 5): SG201 reports elements joined to more goals.
        - ``near_duplicate_threshold`` (float, default 0.85): SG402's least title similarity,
          see :func:`near_duplicates`.
        - ``cross_cutting_min_groups`` (int, default 2): SG601 reports elements with at least
          this many groups.
        - ``cross_cutting_by`` (str, default the level above the goal level): SG601's groups, a
          level or ``"agenda"``, see :func:`cross_cutting`.

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
    SG302 a budget somewhere in the map and a schema with ``money=True``. SG202 does not
    count a level no element of the map is at (a map without agreements may link its goals
    straight to projects), and lists the levels it passed over so; SG102's advice names only
    the work levels the map uses. Elements of the
    schema's measure level (see :class:`Schema`) are indicators: they count for SG301, do not
    carry a goal for SG102, need no rationale on their link for SG501, and are neither
    overloaded (SG201) nor cross-cutting (SG601).

    Raises
    ------
    ConfigError
        If an option, rule, or severity is unknown (the message lists the valid ones), a
        threshold is out of range, or the TOML file cannot be read.

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
    """
    settings = _options(config, options)
    words = _Words(smap)
    columns: dict[str, list[str]] = {name: [] for name in FINDING_COLUMNS}
    ran: list[Rule] = []
    skipped: list[SkippedRule] = []
    for rule in settings.rules:
        premise = _PREMISES.get(rule.code)
        reason = premise(smap, words, settings) if premise is not None else None
        if reason is not None:
            skipped.append(SkippedRule(rule.code, rule.name, reason))
            continue
        severity = settings.severity[rule.code]
        ran.append(Rule(rule.code, rule.name, severity, words.summary(rule)))
        found = _CHECKS[rule.code](smap, words, settings)
        partly = _PARTLY.get(rule.code)
        left_out = partly(smap, words, settings) if partly is not None else None
        if left_out is not None:
            skipped.append(SkippedRule(rule.code, rule.name, left_out))
        columns["code"].extend([rule.code] * len(found))
        columns["name"].extend([rule.name] * len(found))
        columns["severity"].extend([severity] * len(found))
        columns["element"].extend(eid for eid, _ in found)
        columns["message"].extend(message for _, message in found)
    findings = pd.DataFrame({name: text_array(cells) for name, cells in columns.items()})
    return AuditReport(
        findings=findings,
        map_name=smap.name,
        rules=tuple(ran),
        thresholds=settings.thresholds(),
        skipped=tuple(skipped),
    )


def audit_rules() -> pd.DataFrame:
    """Return the audit rules: code, name, default severity and what each finds.

    Returns
    -------
    pandas.DataFrame
        One row per rule, indexed by ``code`` in code order, with columns ``name`` (str),
        ``severity`` (str, the default) and ``summary`` (str).

    Examples
    --------
    >>> sg.audit_rules().loc["SG402", ["name", "severity"]].tolist()
    ['near-duplicate-goals', 'warning']
    """
    index = pd.Index([rule.code for rule in RULES], dtype="str", name="code")
    return pd.DataFrame(
        {
            "name": pd.Series([r.name for r in RULES], dtype="str", index=index),
            "severity": pd.Series([r.severity for r in RULES], dtype="str", index=index),
            "summary": pd.Series([r.summary for r in RULES], dtype="str", index=index),
        }
    )
