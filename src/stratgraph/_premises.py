"""What a map must hold for a figure about it to mean something.

The audit leaves out a rule whose premise the map lacks; the summary and the report leave out
the figures built on the same premise, by the same tests, so that none of them contradicts
the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from stratgraph.schema import Schema
    from stratgraph.strategy_map import StrategyMap

__all__ = [
    "budget_levels",
    "has_anchor_level",
    "has_flow_elements",
    "has_level_below",
    "has_work_level",
    "why_no_money",
]


def why_no_money(smap: StrategyMap) -> Literal["money_false", "no_budgets"] | None:
    """Return why budget figures mean nothing for ``smap``, or ``None`` if they do.

    ``"money_false"``: the schema says its maps carry no money; ``"no_budgets"``: no element
    has a budget, so every goal would count as unfunded.
    """
    if not smap.schema.money:
        return "money_false"
    if all(e.budget is None for e in smap):
        return "no_budgets"
    return None


def budget_levels(schema: Schema) -> list[str]:
    """Return the budget flow's default columns: the levels just above, at and below the goals."""
    goal = schema.goal_rank
    ranks = (goal - 1, goal, goal + 1)
    return [schema.level_names[r] for r in ranks if 0 <= r < len(schema.levels)]


def has_flow_elements(smap: StrategyMap, levels: Sequence[str]) -> bool:
    """Return whether an element of ``smap`` lies at one of ``levels``, the budget flow's columns.

    A view of other levels (``subset(levels=["project"])``) or a focus on one project leaves
    every column empty, so there is no bar to draw.
    """
    chosen = set(levels)
    return any(e.type in chosen for e in smap)


def has_anchor_level(schema: Schema) -> bool:
    """Return whether a level lies above the goal level (a goal can be unanchored)."""
    return bool(schema.anchor_levels)


def has_work_level(schema: Schema) -> bool:
    """Return whether a work level lies below the goal level (a goal can be unimplemented)."""
    return bool(schema.work_levels)


def has_level_below(schema: Schema) -> bool:
    """Return whether any level, work or measure, lies below the goal level."""
    return bool(schema.work_levels) or schema.measure_level is not None
