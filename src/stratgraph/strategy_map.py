"""StrategyMap: a schema, metadata, the elements in insertion order and the links between them.

A map is always valid: it is built by checking every record (:mod:`stratgraph._build`), and every
addition is checked the same way before it changes anything.
"""

from __future__ import annotations

from collections import Counter
from os import PathLike
from typing import TYPE_CHECKING, Any

from stratgraph._build import ElementRecord, LinkRecord, MapState, build, did_you_mean, extend
from stratgraph.exceptions import UnknownElementError
from stratgraph.model import Element, Link, LinkKind
from stratgraph.schema import Schema

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    import networkx as nx
    import pandas as pd

    from stratgraph.analysis._index import HierarchyIndex

__all__ = ["StrategyMap"]

StrPath = str | PathLike[str]


class StrategyMap:
    """A strategy map: vision → strategy → effect goal → agreement → project, as a typed graph.

    Parameters
    ----------
    elements
        Elements, as :class:`Element` objects or mappings of their fields; a mapping may hold
        ``parents`` (a list of ids) as sugar for hierarchy links.
    links
        Links, as :class:`Link` objects or mappings of their fields.
    schema
        A :class:`Schema` or the name of a preset (default ``"municipal"``).
    name, currency, year, organisation
        Metadata; budgets are in ``currency`` (default ``"DKK"``).

    Raises
    ------
    ValidationError
        If anything breaks the model; ``.problems`` lists every problem found.

    See Also
    --------
    read : read a map from a file.
    from_frames : build a map from pandas DataFrames.

    Examples
    --------
    >>> m = sg.StrategyMap(name="Skitse")
    >>> m.add_element(id="S1", type="strategi", title="Tidlig indsats")
    Element(id='S1', type='strategy', ...)
    >>> m.add_element(id="G1", type="effektmål", title="Færre anbringelser", parents=["S1"])
    Element(id='G1', type='effect_goal', ...)
    >>> len(m), m.parents("G1")
    (2, ['S1'])
    """

    def __init__(
        self,
        elements: Iterable[Element | Mapping[str, Any]] = (),
        links: Iterable[Link | Mapping[str, Any]] = (),
        *,
        schema: Schema | str | None = None,
        name: str = "Strategy map",
        currency: str = "DKK",
        year: int | None = None,
        organisation: str | None = None,
    ) -> None:
        records = [_element_record(e) for e in elements]
        link_records = [
            LinkRecord(link if isinstance(link, Link) else dict(link)) for link in links
        ]
        state = build(Schema.coerce(schema), records, link_records)
        self._setup(state, name=name, currency=currency, year=year, organisation=organisation)

    def _setup(
        self,
        state: MapState,
        *,
        name: str,
        currency: str,
        year: int | None,
        organisation: str | None,
    ) -> None:
        self._state = state
        self.name = name
        self.currency = currency
        self.year = year
        self.organisation = organisation
        self._parents: dict[str, list[str]] | None = None
        # The analyses' integer view of the hierarchy (stratgraph.analysis._index), built on
        # first use and dropped whenever the map changes.
        self._index: HierarchyIndex | None = None

    @classmethod
    def _from_state(cls, state: MapState, **meta: Any) -> StrategyMap:
        smap = cls.__new__(cls)
        smap._setup(  # noqa: SLF001 - the class's own constructor path
            state,
            name=meta.get("name") or "Strategy map",
            currency=meta.get("currency") or "DKK",
            year=meta.get("year"),
            organisation=meta.get("organisation"),
        )
        return smap

    # -- the contents ------------------------------------------------------------------------

    @property
    def schema(self) -> Schema:
        """The map's schema."""
        return self._state.schema

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link, in the order they were added."""
        return tuple(self._state.links)

    @property
    def ids(self) -> list[str]:
        """The element ids in map order."""
        return list(self._state.elements)

    def metadata(self) -> dict[str, Any]:
        """Return the map's metadata: ``name``, ``currency``, ``year``, ``organisation``."""
        return {
            "name": self.name,
            "currency": self.currency,
            "year": self.year,
            "organisation": self.organisation,
        }

    def __len__(self) -> int:
        return len(self._state.elements)

    def __iter__(self) -> Iterator[Element]:
        return iter(self._state.elements.values())

    def __contains__(self, element_id: object) -> bool:
        return element_id in self._state.elements

    def __getitem__(self, element_id: str) -> Element:
        try:
            return self._state.elements[element_id]
        except KeyError:
            hint = did_you_mean(str(element_id), self._state.elements)
            msg = f"element {element_id!r} is not in the map{hint}"
            raise UnknownElementError(msg) from None

    def get(self, element_id: str, default: Element | None = None) -> Element | None:
        """Return the element with ``element_id``, or ``default`` if there is none."""
        return self._state.elements.get(element_id, default)

    def children(self, element_id: str) -> list[str]:
        """Return the ids of the hierarchy children of ``element_id``, in link order."""
        self[element_id]  # raises UnknownElementError with a hint
        return list(self._state.children.get(element_id, ()))

    def parents(self, element_id: str) -> list[str]:
        """Return the ids of the hierarchy parents of ``element_id``, in link order."""
        self[element_id]
        if self._parents is None:
            parents: dict[str, list[str]] = {}
            for link in self._state.links:
                if link.kind is LinkKind.HIERARCHY:
                    parents.setdefault(link.target, []).append(link.source)
            self._parents = parents
        return list(self._parents.get(element_id, ()))

    def number_of_links(self, kind: LinkKind | str | None = None) -> int:
        """Return the number of links, or of links of one ``kind``."""
        if kind is None:
            return len(self._state.links)
        wanted = LinkKind.parse(kind)
        return sum(1 for link in self._state.links if link.kind is wanted)

    # -- changes -----------------------------------------------------------------------------

    def add_element(
        self,
        element: Element | None = None,
        /,
        *,
        parents: Iterable[str] = (),
        **fields: Any,
    ) -> Element:
        """Add one element (an :class:`Element` or its fields) and its hierarchy parents.

        Returns the element as stored (its type resolved to the canonical level name).

        Raises
        ------
        ValidationError
            If the element or one of its parent links breaks the model; the map is unchanged.
        """
        if element is not None and fields:
            msg = "give an Element or its fields, not both"
            raise TypeError(msg)
        record = ElementRecord(element if element is not None else fields, parents=list(parents))
        extend(self._state, [record])
        self._parents = self._index = None
        eid = element.id if element is not None else fields["id"]
        return self._state.elements[eid]

    def add_link(
        self,
        source: str,
        target: str,
        kind: LinkKind | str = LinkKind.HIERARCHY,
        *,
        note: str | None = None,
        weight: float | None = None,
    ) -> Link:
        """Add a link from ``source`` to ``target`` (parent → child for ``hierarchy``).

        Raises
        ------
        ValidationError
            If the link breaks the model (missing end, self-link, wrong level order, a cycle,
            a second link between the same two elements); the map is unchanged.
        """
        fields = {"source": source, "target": target, "kind": kind, "note": note, "weight": weight}
        extend(self._state, links=[LinkRecord(fields)])
        self._parents = self._index = None
        return self._state.links[-1]

    # -- comparison and display --------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        """Compare schema, metadata, elements in order, and the set of links."""
        if not isinstance(other, StrategyMap):
            return NotImplemented
        return (
            self.schema == other.schema
            and self.metadata() == other.metadata()
            and list(self._state.elements.items()) == list(other._state.elements.items())
            and _link_set(self) == _link_set(other)
        )

    __hash__ = None  # type: ignore[assignment] # a map is mutable

    def __repr__(self) -> str:
        counts = Counter(e.type for e in self)
        levels = ", ".join(f"{counts[lv]} {lv}" for lv in self.schema.level_names if counts[lv])
        return (
            f"<StrategyMap {self.name!r}: {len(self)} elements ({levels or 'none'}), "
            f"{len(self._state.links)} links, schema {self.schema.name!r}>"
        )

    # -- conversions (implemented in stratgraph.io) ------------------------------------------

    def elements_frame(self) -> pd.DataFrame:
        """Return the elements as a DataFrame indexed by ``id``; see :func:`from_frames`."""
        from stratgraph.io.frames import elements_frame  # noqa: PLC0415 - io imports this module

        return elements_frame(self)

    def links_frame(self) -> pd.DataFrame:
        """Return the links as a DataFrame: ``source, target, kind, note, weight``."""
        from stratgraph.io.frames import links_frame  # noqa: PLC0415 - io imports this module

        return links_frame(self)

    def to_networkx(self) -> nx.DiGraph[str]:
        """Return a networkx DiGraph: element fields as node attributes, links as edges."""
        from stratgraph.io.graph import to_networkx  # noqa: PLC0415 - io imports this module

        return to_networkx(self)

    def write(self, path: StrPath, *, format: str | None = None, **options: Any) -> None:  # noqa: A002 - pandas' name for it
        """Write the map to ``path`` in the format its extension names (or ``format``)."""
        from stratgraph.io import write  # noqa: PLC0415 - io imports this module

        write(self, path, format=format, **options)

    def to_yaml(self, path: StrPath | None = None) -> str | None:
        """Write the map as YAML to ``path``, or return the text when ``path`` is ``None``."""
        from stratgraph.io.document import to_yaml  # noqa: PLC0415 - io imports this module

        return to_yaml(self, path)

    def to_json(self, path: StrPath | None = None) -> str | None:
        """Write the map as JSON to ``path``, or return the text when ``path`` is ``None``."""
        from stratgraph.io.document import to_json  # noqa: PLC0415 - io imports this module

        return to_json(self, path)

    def to_csv(
        self,
        path: StrPath | None = None,
        *,
        sep: str = ",",
        decimal: str = ".",
        encoding: str = "utf-8",
    ) -> str | None:
        """Write the elements as CSV (Danish Excel: ``sep=";", decimal=",", encoding="cp1252"``).

        Link notes and weights, and indicators, go to ``NAME.links.csv`` and
        ``NAME.indicators.csv`` beside ``path`` when the map has any.
        """
        from stratgraph.io.csv import to_csv  # noqa: PLC0415 - io imports this module

        return to_csv(self, path, sep=sep, decimal=decimal, encoding=encoding)

    def to_excel(self, path: StrPath) -> None:
        """Write the map as an Excel workbook (sheets ``elements``, ``links``, ``indicators``)."""
        from stratgraph.io.excel import to_excel  # noqa: PLC0415 - io imports this module

        to_excel(self, path)

    def to_graphml(self, path: StrPath) -> None:
        """Write the map as GraphML (for Gephi, yEd, Cytoscape)."""
        from stratgraph.io.graph import to_graphml  # noqa: PLC0415 - io imports this module

        to_graphml(self, path)

    def to_mermaid(self, path: StrPath | None = None) -> str | None:
        """Write a Mermaid flowchart to ``path``, or return it when ``path`` is ``None``."""
        from stratgraph.io.diagram import to_mermaid  # noqa: PLC0415 - io imports this module

        return to_mermaid(self, path)

    def to_dot(self, path: StrPath | None = None) -> str | None:
        """Write a Graphviz DOT graph to ``path``, or return it when ``path`` is ``None``."""
        from stratgraph.io.diagram import to_dot  # noqa: PLC0415 - io imports this module

        return to_dot(self, path)


def _link_set(smap: StrategyMap) -> set[tuple[tuple[str, str], str, str | None, float | None]]:
    return {(link.key, link.kind.value, link.note, link.weight) for link in smap.links}


def _element_record(element: Element | Mapping[str, Any]) -> ElementRecord:
    if isinstance(element, Element):
        return ElementRecord(element)
    fields = dict(element)
    parents = fields.pop("parents", ())
    return ElementRecord(fields, parents=[parents] if isinstance(parents, str) else list(parents))
