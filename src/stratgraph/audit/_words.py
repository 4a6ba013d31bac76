"""The words of the audit's messages: levels and elements named as the map's schema names them.

English for now; the helpers here depend on nothing else of the audit, so the language can move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stratgraph.model import Element
    from stratgraph.strategy_map import StrategyMap


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

    def summary(self, template: str) -> str:
        """Fill a rule's summary ``template`` with the words of this schema's levels."""
        schema = self.smap.schema
        work = schema.work_levels
        nearest = self.labels[schema.anchor_levels[-1]] if schema.anchor_levels else "level"
        return template.format(
            a_goal=f"{_article(self.goal)} {self.goal}",
            goals=_plural(self.goal),
            anchors=self.anchors or "level",
            work=self.work or "work",
            a_work=f"{_article(self.labels[work[0]])} {self.work}" if work else "work",
            goal=self.goal,
            anchor_plural=_plural(nearest),
        )


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
