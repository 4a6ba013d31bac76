"""What a map must hold for a figure about it to mean something.

The audit leaves out a rule whose premise the map lacks; the summary and the report leave out
the figures built on the same premise, by the same tests, so that none of them contradicts
the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from stratgraph.schema import Schema
    from stratgraph.strategy_map import StrategyMap

__all__ = ["has_anchor_level", "has_level_below", "has_work_level", "why_no_money"]


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


def has_anchor_level(schema: Schema) -> bool:
    """Return whether a level lies above the goal level (a goal can be unanchored)."""
    return bool(schema.anchor_levels)


def has_work_level(schema: Schema) -> bool:
    """Return whether a work level lies below the goal level (a goal can be unimplemented)."""
    return bool(schema.work_levels)


def has_level_below(schema: Schema) -> bool:
    """Return whether any level, work or measure, lies below the goal level."""
    return bool(schema.work_levels) or schema.measure_level is not None
