"""The words of the audit's messages: levels and elements named as the map's schema names them.

In the language the audit runs in; the sentences themselves are in :mod:`stratgraph._language`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stratgraph._language import article, either, plural, text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from stratgraph._options import Language
    from stratgraph.model import Element
    from stratgraph.strategy_map import StrategyMap


class _Words:
    """Names of levels and elements for messages, in the words of the map's schema and ``lang``.

    A schema without Danish labels is named by its level names in Danish sentences, not by its
    English labels: the fallback shows, and names are not inflected.
    """

    def __init__(self, smap: StrategyMap, lang: Language = "en") -> None:
        self.smap = smap
        self.lang = lang
        schema = smap.schema
        self.labels = {level.name: level.label(lang).lower() for level in schema.levels}
        # Labels that are a level's own name are shown as they are.
        self._plain = {
            level.name for level in schema.levels if lang == "da" and level.label_da == level.name
        }
        self.goal = self.labels[schema.goal_level]
        anchors = [self.labels[name] for name in reversed(schema.anchor_levels)]
        work = [self.labels[name] for name in schema.work_levels]
        self.anchors = either(anchors, lang) or text("fallback.level", lang)
        self.anchors_plural = either(self.plurals(anchors), lang) or text("fallback.level", lang)
        self.work = either(work, lang) or text("fallback.work", lang)
        self.works = either(self.plurals(work), lang) or text("fallback.works", lang)
        measure = schema.measure_level
        self.measure = (
            self.labels[measure] if measure is not None else text("fallback.indicator", lang)
        )

    def plural(self, label: str) -> str:
        """Return the plural of a level's label (a fallback level name as it is)."""
        return plural(label, self.lang, inflect=label not in self._plain)

    def plurals(self, labels: Sequence[str]) -> list[str]:
        return [self.plural(label) for label in labels]

    def a(self, label: str) -> str:
        """Return the label with its indefinite article: ``an agreement``, ``et projekt``."""
        return f"{article(label, self.lang)} {label}"

    def text(self, key: str, **fields: object) -> str:
        """Return the catalogue's ``key`` in the audit's language, ``fields`` filled in."""
        return text(key, self.lang, **fields)

    def capital(self, phrase: str) -> str:
        """Return ``phrase`` with a capital first letter, unless it starts with a fallback.

        A level name shown as it is written (``aim``) must not become an English word (``Aim``).
        """
        first = phrase.split(maxsplit=1)[:1]
        if first and any(self.labels[name] == first[0] for name in self._plain):
            return phrase
        return phrase[:1].upper() + phrase[1:]

    def element(self, element_id: str, *, capital: bool = True) -> str:
        element = self.smap[element_id]
        label = self.labels[element.type]
        return f"{self.capital(label) if capital else label} {element_id} {_quote(element)}"

    def named(self, element_id: str) -> str:
        """Return an element's id and title: ``S1 “Vækst”``."""
        return f"{element_id} {_quote(self.smap[element_id])}"

    def summary(self, code: str) -> str:
        """Return rule ``code``'s summary in the words of this schema's levels."""
        schema = self.smap.schema
        work = schema.work_levels
        nearest = (
            self.labels[schema.anchor_levels[-1]]
            if schema.anchor_levels
            else text("fallback.level", self.lang)
        )
        return self.text(
            "summary." + code,
            a_goal=self.a(self.goal),
            goal=self.goal,
            goals=self.plural(self.goal),
            anchors=self.anchors,
            work=self.work,
            works=self.works,
            a_work=f"{article(self.labels[work[0]], self.lang)} {self.work}" if work else self.work,
            anchor_plural=self.plural(nearest),
        )


def _quote(element: Element) -> str:
    title = " ".join(element.title.split())
    return f"“{title}”"
