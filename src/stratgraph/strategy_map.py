"""StrategyMap: a schema, metadata, the elements in insertion order and the links between them.

A map is always valid: it is built by checking every record (:mod:`stratgraph._build`), and every
addition is checked the same way before it changes anything.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, overload

from pydantic import ValidationError as PydanticError

from stratgraph import views
from stratgraph._build import (
    ElementRecord,
    LinkRecord,
    MapState,
    MeasurementRecord,
    build,
    extend,
)
from stratgraph._formats import CONVERSIONS
from stratgraph._options import check_text, check_whole, invalid
from stratgraph.exceptions import (
    Location,
    Problem,
    UnknownElementError,
    ValidationError,
    shorten,
)
from stratgraph.model import Element, Link, LinkKind, MapMetadata, Measurement
from stratgraph.schema import Schema, SchemaLike

if TYPE_CHECKING:
    from collections.abc import Iterator

    import networkx as nx
    import pandas as pd

    from stratgraph._options import Decimal, Format, Sep
    from stratgraph._util import StrPath
    from stratgraph.analysis._index import HierarchyIndex
    from stratgraph.period import PeriodLike
    from stratgraph.views import View

__all__ = ["StrategyMap"]

_T = TypeVar("_T", Element, Link, Measurement)


class StrategyMap:
    """A strategy map: vision → strategy → effect goal → agreement → project, as a typed graph.

    Parameters
    ----------
    elements
        Elements, as :class:`Element` objects or mappings of their fields; a mapping may hold
        ``parents`` (a list of ids) as sugar for hierarchy links.
    links
        Links, as :class:`Link` objects or mappings of their fields.
    measurements
        Values of the elements' indicators over time, as :class:`Measurement` objects or
        mappings of their fields (``element, indicator, period, value, note, source``).
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

    #: Marks the class for :func:`stratgraph._options.check_map`, which sits below this module.
    _is_strategy_map: ClassVar[bool] = True

    def __init__(
        self,
        elements: Iterable[Element | Mapping[str, Any]] = (),
        links: Iterable[Link | Mapping[str, Any]] = (),
        measurements: Iterable[Measurement | Mapping[str, Any]] = (),
        *,
        schema: SchemaLike | None = None,
        name: str = "Strategy map",
        currency: str = "DKK",
        year: int | None = None,
        organisation: str | None = None,
    ) -> None:
        # keywords given in Python are options: a bad one is named as the keyword it is
        check_text("name", name, what="a name for the map")
        check_text("currency", currency, what="a currency code such as 'DKK'")
        check_text("organisation", organisation, what="the organisation's name", none="none")
        year = check_whole("year", year, least=1, none="no year")
        records = [_element_record(e) for e in _items("elements", elements, Element)]
        link_records = [
            LinkRecord(link if isinstance(link, Link) else dict(link))
            for link in _items("links", links, Link)
        ]
        measurement_records = [
            MeasurementRecord(m if isinstance(m, Measurement) else dict(m))
            for m in _items("measurements", measurements, Measurement)
        ]
        state = build(Schema.coerce(schema), records, link_records, measurement_records)
        self._setup(state, name=name, currency=currency, year=year, organisation=organisation)

    def _setup(
        self,
        state: MapState,
        *,
        name: str,
        currency: str,
        year: int | None,
        organisation: str | None,
        where: Location | Mapping[str, Location] | None = None,
    ) -> None:
        self._state = state
        self._meta = _metadata(
            where, name=name, currency=currency, year=year, organisation=organisation
        )
        self._parents: dict[str, list[str]] | None = None
        # The analyses' integer view of the hierarchy (stratgraph.analysis._index), built on
        # first use and dropped whenever the map changes.
        self._index: HierarchyIndex | None = None
        # What the reader warned about while reading the file (stratgraph._readnotes).
        self._read_warnings: tuple[Problem, ...] = ()
        # What the file held that the map has no place for, by format (see `foreign`).
        self._foreign: dict[str, Any] = {}
        # What a view cut from its map (stratgraph.views sets it; see `view`).
        self._view: View | None = None

    @classmethod
    def _from_state(cls, state: MapState, **meta: Any) -> StrategyMap:
        smap = cls.__new__(cls)
        smap._setup(  # noqa: SLF001 - the class's own constructor path
            state,
            name="Strategy map" if meta.get("name") is None else meta["name"],
            currency="DKK" if meta.get("currency") is None else meta["currency"],
            year=meta.get("year"),
            organisation=meta.get("organisation"),
            where=meta.get("where"),
        )
        return smap

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Return what the reader warned about while reading this map's file, in file order.

        Each :class:`Problem` names the cell and says which documented rule decided it; a map
        built in Python, or read from a file with nothing ambiguous in it, has none.

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").warnings
        ()
        """
        return self._read_warnings

    @property
    def foreign(self) -> Mapping[str, Any]:
        """Return what the map's file held that the map has no place for, by format.

        A map read from ArchiMate keeps the model's other elements and relationships, its
        folders, views and properties under ``"archimate"``, and :meth:`to_archimate` writes
        them back; the writers of other formats do not write them. Read-only.

        Examples
        --------
        >>> dict(sg.datasets.load("eksempel-2013").foreign)
        {}
        """
        return MappingProxyType(self._foreign)

    # -- metadata ----------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The map's name.

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").name
        'Eksempel Kommune 2013'
        """
        return self._meta.name

    @name.setter
    def name(self, value: str) -> None:
        self._set_meta("name", value)

    @property
    def currency(self) -> str:
        """The currency of every budget in the map (default ``"DKK"``).

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").currency
        'DKK'
        """
        return self._meta.currency

    @currency.setter
    def currency(self, value: str) -> None:
        self._set_meta("currency", value)

    @property
    def year(self) -> int | None:
        """The year the map describes.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> m.year
        2013
        >>> m.year = 2014
        >>> m.metadata()["year"]
        2014
        """
        return self._meta.year

    @year.setter
    def year(self, value: int | None) -> None:
        self._set_meta("year", value)

    @property
    def organisation(self) -> str | None:
        """The organisation whose strategy the map is.

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").organisation
        'Eksempel Kommune'
        """
        return self._meta.organisation

    @organisation.setter
    def organisation(self, value: str | None) -> None:
        self._set_meta("organisation", value)

    def _set_meta(self, field: str, value: object) -> None:
        self._meta = _metadata(None, **{**self._meta.model_dump(), field: value})

    # -- the contents ------------------------------------------------------------------------

    @property
    def schema(self) -> Schema:
        """The map's schema.

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").schema.goal_level
        'effect_goal'
        """
        return self._state.schema

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link, in the order they were added.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> [(link.source, link.target, link.kind.value) for link in m.links[:2]]
        [('V1', 'POL1', 'hierarchy'), ('V1', 'POL2', 'hierarchy')]
        """
        return tuple(self._state.links)

    @property
    def measurements(self) -> tuple[Measurement, ...]:
        """Every measurement of the elements' indicators, in the order they were added.

        Examples
        --------
        >>> m = sg.StrategyMap([{"id": "G1", "type": "effektmål", "title": "Flere i job",
        ...     "indicators": [{"name": "Ledighed", "unit": "%", "baseline": 5.1, "target": 4.0}]}])
        >>> m.add_measurement(element="G1", indicator="ledighed", period="2014K2", value=4.8)
        Measurement(element='G1', indicator='Ledighed', period=Period('2014Q2'), value=4.8, ...)
        >>> [str(x.period) for x in m.measurements]
        ['2014Q2']
        """
        return tuple(self._state.measurements)

    @property
    def ids(self) -> list[str]:
        """The element ids in map order.

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").ids[:4]
        ['V1', 'POL1', 'POL2', 'POL3']
        """
        return list(self._state.elements)

    @property
    def view(self) -> View | None:
        """What this map, a view of a bigger one, left out; ``None`` for a whole map.

        :meth:`subset` and :meth:`focus` keep their criteria, the number of elements of the
        whole map and the elements whose hierarchy parents or children lie outside the view
        (see :class:`stratgraph.views.View`). The analyses count a link the view cut as present,
        so an element whose parent lies outside is not unanchored. A map read from a file is a
        whole map: a view written to a file does not keep what it cut.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> goals = m.subset(levels="effektmål, aftale, projekt")
        >>> goals.view.describe("en"), len(goals), goals.view.whole
        ('levels effektmål, aftale, projekt', 89, 103)
        >>> sg.orphaned_goals(goals).query("unanchored").index.tolist()  # as in the whole map
        ['G41']
        """
        return self._view

    def metadata(self) -> dict[str, Any]:
        """Return the map's metadata: ``name``, ``currency``, ``year``, ``organisation``.

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").metadata()
        {'name': 'Eksempel Kommune 2013', 'currency': 'DKK', 'year': 2013,
         'organisation': 'Eksempel Kommune'}
        """
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
            hint = self._state.suggest(str(element_id))
            msg = f"element {element_id!r} is not in the map{hint}"
            raise UnknownElementError(msg) from None

    def get(self, element_id: str, default: Element | None = None) -> Element | None:
        """Return the element with ``element_id``, or ``default`` if there is none.

        ``m[element_id]`` raises :class:`UnknownElementError` (a ``KeyError``) instead.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> m.get("G1").owner
        'Børn og Unge'
        >>> m.get("G99") is None
        True
        """
        return self._state.elements.get(element_id, default)

    def children(self, element_id: str) -> list[str]:
        """Return the ids of the hierarchy children of ``element_id``, in link order.

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").children("S1")
        ['G1', 'G2', 'G3']
        """
        self[element_id]  # raises UnknownElementError with a hint
        return list(self._state.children.get(element_id, ()))

    def parents(self, element_id: str) -> list[str]:
        """Return the ids of the hierarchy parents of ``element_id``, in link order.

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").parents("A2")
        ['G4', 'G1', 'G22']
        """
        self[element_id]
        if self._parents is None:
            parents: dict[str, list[str]] = {}
            for link in self._state.links:
                if link.kind is LinkKind.HIERARCHY:
                    parents.setdefault(link.target, []).append(link.source)
            self._parents = parents
        return list(self._parents.get(element_id, ()))

    def number_of_links(self, kind: LinkKind | str | None = None) -> int:
        """Return the number of links, or of links of one ``kind``.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> m.number_of_links(), m.number_of_links("tension"), m.number_of_links("dilemma")
        (152, 5, 5)
        """
        if kind is None:
            return len(self._state.links)
        try:
            wanted = LinkKind.parse(kind)
        except ValueError as err:
            valid = f"a link kind or an alias: {LinkKind.names_text()}, or None (every link)"
            raise invalid("kind", kind, valid) from err
        return sum(1 for link in self._state.links if link.kind is wanted)

    # -- views -------------------------------------------------------------------------------

    def subset(
        self,
        *,
        levels: str | Iterable[str] | None = None,
        ids: str | Iterable[str] | None = None,
        below: str | Iterable[str] | None = None,
        above: str | Iterable[str] | None = None,
        owner: str | Iterable[str] | None = None,
        agenda: str | Iterable[str] | None = None,
    ) -> StrategyMap:
        """Return a new map with the elements that every given criterion keeps.

        The view holds the chosen elements (in map order, with every field, indicator and
        attribute), the links among them, and the map's name, metadata and schema; every
        analysis, plot and writer takes it. Each criterion takes one text or a list of them, any
        of which may match; the criteria given must all hold. The map itself is not changed.
        The view remembers what it cut (:attr:`view`), so that an analysis of it does not
        report a chain that runs on outside the view as broken.

        Parameters
        ----------
        levels
            Levels, by name or by any alias the schema knows (``"effektmål"``, ``"Projekt"``);
            one text may list several, separated by commas (``"effektmål, aftale"``), as on the
            command line.
        ids
            Element ids.
        below
            Elements with everything under them along hierarchy links (the branch).
        above
            Elements with everything above them along hierarchy links (the chains up).
        owner
            Owners (organisational units), as written in the map.
        agenda
            Agenda tags, as written in the map; an element with any of them on itself is kept.
            Tags are not inherited from ancestors here (unlike :func:`cross_cutting` with
            ``by="agenda"``): a vision tagged with every agenda would bring in the whole map.
            For the branches under the tagged elements, give their ids as ``below``.

        Returns
        -------
        StrategyMap
            A new map; it is empty (with a warning) when no element meets every criterion.

        Raises
        ------
        OptionError
            If a level is not one of the schema, or an owner or agenda tag is not in the map;
            the message lists those that are.
        UnknownElementError
            If an id of ``ids``, ``below`` or ``above`` is not in the map.

        Warns
        -----
        StratgraphWarning
            If the criteria are valid but no element meets them all.

        See Also
        --------
        focus : one element with its chains up and down.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> branch = m.subset(below="S1", levels=["strategi", "effektmål"])
        >>> branch.ids
        ['S1', 'G1', 'G2', 'G3', 'G3.1']
        >>> branch.number_of_links(), branch.name
        (4, 'Eksempel Kommune 2013')
        >>> len(m.subset(owner="Jobcenter", levels="effect_goal"))
        4
        >>> m.subset(levels="målsætning")
        Traceback (most recent call last):
        ...
        stratgraph.exceptions.OptionError: levels='målsætning' is not valid; give a level of ...
        """
        return views.subset(
            self,
            levels=levels,
            ids=ids,
            below=below,
            above=above,
            owner=owner,
            agenda=agenda,
            stacklevel=3,
        )

    def focus(
        self, element_id: str, /, *, up: int | None = None, down: int | None = None
    ) -> StrategyMap:
        """Return a new map of one element with what lies above and below it in the hierarchy.

        ``up`` and ``down`` count hierarchy steps: ``up=1`` keeps the element's parents,
        ``down=2`` its children and grandchildren, ``None`` (the default) everything that way.
        The view holds the links among the elements kept, and the map's name, metadata and
        schema, like :meth:`subset`.

        Raises
        ------
        UnknownElementError
            If ``element_id`` is not in the map (the message suggests the closest id).
        OptionError
            If ``up`` or ``down`` is not a whole number of 0 or more, or ``None``.

        See Also
        --------
        subset : the elements chosen by level, id, branch, owner or agenda.
        line_of_sight : the chains through one element, as a table.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> m.focus("G3.1").ids
        ['V1', 'POL1', 'S1', 'G3', 'G3.1', 'A1', 'P1', 'P2', 'P6']
        >>> m.focus("G3.1", up=1, down=0).ids
        ['G3', 'G3.1']
        >>> m.focus("G99")
        Traceback (most recent call last):
        ...
        stratgraph.exceptions.UnknownElementError: element 'G99' is not in the map (did you mean 'G9'?)
        """  # noqa: E501 - a doctest line is as long as the message
        return views.focus(self, element_id, up=up, down=down)

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

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> m.add_element(id="P99", type="projekt", title="Ny cykelsti", parents=["A3"], budget=2e6)
        Element(id='P99', type='project', ...)
        >>> m.add_element(id="P100", type="projekt", title="", parents=["A99"])
        Traceback (most recent call last):
        ...
        stratgraph.exceptions.ValidationError: the strategy map is not valid (2 problems):
        ...
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

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> m.add_link("G1", "G41", "tension", note="Inklusion vs. specialiserede tilbud")
        Link(source='G1', target='G41', kind=<LinkKind.TENSION: 'tension'>, ...)
        >>> m.number_of_links("tension")
        6
        """
        fields = {"source": source, "target": target, "kind": kind, "note": note, "weight": weight}
        extend(self._state, links=[LinkRecord(fields)])
        self._parents = self._index = None
        return self._state.links[-1]

    def add_measurement(
        self,
        measurement: Measurement | None = None,
        /,
        *,
        element: str | None = None,
        indicator: str | None = None,
        period: PeriodLike | None = None,
        value: float | None = None,
        note: str | None = None,
        source: str | None = None,
    ) -> Measurement:
        """Add one value of an element's indicator in a period.

        The indicator is named as the element names it (case and spacing do not matter).
        Returns the measurement as stored.

        Raises
        ------
        ValidationError
            If no element has the id, the element has no such indicator, the period cannot be
            read, or the indicator already has another value in that period; the map is
            unchanged.

        Examples
        --------
        >>> m = sg.datasets.load("eksempel-2013")
        >>> m.add_measurement(element="G1", indicator="Nope", period=2014, value=1)
        Traceback (most recent call last):
        ...
        stratgraph.exceptions.ValidationError: the strategy map is not valid (1 problem):
        ...
        """
        given = {"element": element, "indicator": indicator, "period": period, "value": value}
        if measurement is not None and any(v is not None for v in (*given.values(), note, source)):
            msg = "give a Measurement or its fields, not both"
            raise TypeError(msg)
        fields: Measurement | dict[str, Any] = (
            measurement
            if measurement is not None
            else {
                k: v for k, v in {**given, "note": note, "source": source}.items() if v is not None
            }
        )
        (stored,) = extend(self._state, measurements=[MeasurementRecord(fields)])
        self._index = None
        return stored

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
            and _measurement_set(self) == _measurement_set(other)
        )

    __hash__ = None  # type: ignore[assignment] # a map is mutable

    def __repr__(self) -> str:
        counts = Counter(e.type for e in self)
        levels = ", ".join(f"{counts[lv]} {lv}" for lv in self.schema.level_names if counts[lv])
        return (
            f"<StrategyMap {self.name!r}: {len(self)} elements ({levels or 'none'}), "
            f"{len(self._state.links)} links, schema {self.schema.name!r}>"
        )

    def _repr_html_(self) -> str:
        """Show the map in Jupyter as a compact table: levels and links, counted."""
        e = html.escape
        schema = self.schema
        counts = Counter(element.type for element in self)
        about = ", ".join(str(part) for part in (self.organisation, self.year) if part is not None)
        head = (
            f"<strong>{e(self.name)}</strong>"
            + (f" – {e(about)}" if about else "")
            + f"<br>{len(self)} elements, {len(self._state.links)} links; schema "
            f"<code>{e(schema.name)}</code>, goal level <code>{e(schema.goal_level)}</code>"
        )
        rows = [
            "<tr><th>level</th><th>English</th><th>dansk</th><th>elements</th></tr>",
            *(
                f"<tr><td><code>{e(level.name)}</code></td><td>{e(level.label_en)}</td>"
                f"<td>{e(level.label_da)}</td>"
                f'<td style="text-align:right">{counts[level.name]}</td></tr>'
                for level in schema.levels
            ),
            "<tr><th>link kind</th><th>English</th><th>dansk</th><th>links</th></tr>",
            *(
                f"<tr><td><code>{kind.value}</code></td><td>{_KIND_LABELS[kind][0]}</td>"
                f"<td>{_KIND_LABELS[kind][1]}</td>"
                f'<td style="text-align:right">{self.number_of_links(kind)}</td></tr>'
                for kind in LinkKind
            ),
        ]
        return f'<div class="stratgraph-map"><p>{head}</p><table>{"".join(rows)}</table></div>'

    # -- conversions (implemented in stratgraph.io, reached through stratgraph._formats) ------

    def elements_frame(self) -> pd.DataFrame:
        """Return the elements as a DataFrame indexed by ``id``; see :func:`from_frames`.

        Examples
        --------
        >>> df = sg.datasets.load("eksempel-2013").elements_frame()
        >>> df.loc["G1", ["type", "owner"]].tolist()
        ['effect_goal', 'Børn og Unge']
        >>> df.columns[:4].tolist()
        ['type', 'title', 'description', 'owner']
        """
        return CONVERSIONS["elements_frame"](self)

    def measurements_frame(self) -> pd.DataFrame:
        """Return the measurements as a DataFrame (``element, indicator, period, value, ...``).

        Periods are written in their canonical form (``2013``, ``2013Q2``, ``2013-05``,
        ``2013-05-17``).

        Examples
        --------
        >>> sg.datasets.load("eksempel-2013").measurements_frame().columns.tolist()
        ['element', 'indicator', 'period', 'value', 'note', 'source']
        """
        import pandas as pd  # noqa: PLC0415 - pandas loads only when a frame is asked for

        columns = ["element", "indicator", "period", "value", "note", "source"]
        rows = [
            (m.element, m.indicator, str(m.period), m.value, m.note, m.source)
            for m in self._state.measurements
        ]
        return pd.DataFrame(rows, columns=columns)

    def links_frame(self) -> pd.DataFrame:
        """Return the links as a DataFrame: ``source, target, kind, note, weight``.

        Examples
        --------
        >>> links = sg.datasets.load("eksempel-2013").links_frame()
        >>> links["kind"].value_counts().to_dict()
        {'hierarchy': 144, 'tension': 5, 'supports': 3}
        """
        return CONVERSIONS["links_frame"](self)

    def to_networkx(self) -> nx.DiGraph[str]:
        """Return a networkx DiGraph: element fields as node attributes, links as edges.

        Every edge has the attributes ``kind``, ``note`` and ``weight``.

        Examples
        --------
        >>> g = sg.datasets.load("eksempel-2013").to_networkx()
        >>> g.number_of_nodes(), g.number_of_edges(), g.nodes["G1"]["type"]
        (103, 152, 'effect_goal')
        >>> g.edges["S1", "G1"]["kind"]
        'hierarchy'
        """
        return CONVERSIONS["to_networkx"](self)

    def write(self, path: StrPath, *, format: Format | None = None, **options: Any) -> None:  # noqa: A002 - pandas' name for it
        """Write the map to ``path`` in the format its extension names (or ``format``).

        ``options`` go to the writer, e.g. ``sep=";"`` for CSV. ``overwrite=True`` is taken
        for every format (see :func:`stratgraph.io.write`).

        Raises
        ------
        UnknownFormatError
            If the extension (or ``format``) is not one stratgraph writes.

        Examples
        --------
        >>> import tempfile
        >>> m = sg.datasets.load("eksempel-2013")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     m.write(f"{folder}/kort.graphml")
        ...     sg.read(f"{folder}/kort.graphml") == m
        True
        """
        CONVERSIONS["write"](self, path, format=format, **options)

    @overload
    def to_yaml(self, path: None = None) -> str: ...
    @overload
    def to_yaml(self, path: StrPath) -> None: ...
    def to_yaml(self, path: StrPath | None = None) -> str | None:
        """Write the map as YAML to ``path``, or return the text when ``path`` is ``None``.

        Examples
        --------
        >>> print(sg.datasets.load("eksempel-2013").to_yaml()[:70])
        name: Eksempel Kommune 2013
        organisation: Eksempel Kommune
        year: 2013
        """
        return CONVERSIONS["to_yaml"](self, path)

    @overload
    def to_json(self, path: None = None) -> str: ...
    @overload
    def to_json(self, path: StrPath) -> None: ...
    def to_json(self, path: StrPath | None = None) -> str | None:
        """Write the map as JSON to ``path``, or return the text when ``path`` is ``None``.

        Examples
        --------
        >>> import json
        >>> data = json.loads(sg.datasets.load("eksempel-2013").to_json())
        >>> data["schema"], len(data["elements"]), len(data["links"])
        ('municipal', 103, ...)
        """
        return CONVERSIONS["to_json"](self, path)

    @overload
    def to_csv(
        self,
        path: None = None,
        *,
        sep: Sep = ",",
        decimal: Decimal = ".",
        encoding: str = "utf-8",
        overwrite: bool = False,
    ) -> str: ...
    @overload
    def to_csv(
        self,
        path: StrPath,
        *,
        sep: Sep = ",",
        decimal: Decimal = ".",
        encoding: str = "utf-8",
        overwrite: bool = False,
    ) -> None: ...
    def to_csv(
        self,
        path: StrPath | None = None,
        *,
        sep: Sep = ",",
        decimal: Decimal = ".",
        encoding: str = "utf-8",
        overwrite: bool = False,
    ) -> str | None:
        """Write the elements as CSV (Danish Excel: ``sep=";", decimal=",", encoding="cp1252"``).

        Link notes and weights, indicators and measurements go to ``NAME.links.csv``,
        ``NAME.indicators.csv`` and ``NAME.measurements.csv`` beside ``path`` when the map has
        any; the manifest
        ``.NAME.csv.stratgraph.json`` records the files written together, so that a reader sees
        them all new or all old. A sibling stratgraph did not write stops the write unless
        ``overwrite=True`` (see :func:`stratgraph.io.csv.to_csv`).

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> m = sg.datasets.load("eksempel-2013")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     m.to_csv(f"{folder}/mål.csv", sep=";", decimal=",", encoding="cp1252")
        ...     print(*sorted(p.name for p in Path(folder).iterdir()))
        ...     sg.read(f"{folder}/mål.csv")["G1"].title
        .mål.csv.stratgraph.json mål.csv mål.indicators.csv mål.links.csv mål.measurements.csv
        'Flere børn i almene fællesskaber – færre i specialtilbud'
        """
        return CONVERSIONS["to_csv"](
            self, path, sep=sep, decimal=decimal, encoding=encoding, overwrite=overwrite
        )

    def to_excel(self, path: StrPath, *, overwrite: bool = False) -> None:
        """Write the map as an Excel workbook: a sheet for each of its tables.

        Sheets ``elements``, ``links``, ``indicators`` and ``measurements``; a ``map`` sheet
        holds the name, organisation, year, currency and schema. A workbook at ``path`` with
        content the map would drop (other sheets, formulas, macros …) is replaced
        only with ``overwrite=True`` (see :func:`stratgraph.io.excel.to_excel`).

        Examples
        --------
        >>> import tempfile
        >>> m = sg.datasets.load("eksempel-2013")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     m.to_excel(f"{folder}/mål.xlsx")
        ...     sg.read_excel(f"{folder}/mål.xlsx") == m
        True
        """
        CONVERSIONS["to_excel"](self, path, overwrite=overwrite)

    def to_graphml(self, path: StrPath) -> None:
        """Write the map as GraphML (for Gephi, yEd, Cytoscape).

        Examples
        --------
        >>> import tempfile
        >>> m = sg.datasets.load("eksempel-2013")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     m.to_graphml(f"{folder}/kort.graphml")
        ...     len(sg.read_graphml(f"{folder}/kort.graphml"))
        103
        """
        CONVERSIONS["to_graphml"](self, path)

    @overload
    def to_mermaid(self, path: None = None) -> str: ...
    @overload
    def to_mermaid(self, path: StrPath) -> None: ...
    def to_mermaid(self, path: StrPath | None = None) -> str | None:
        """Write a Mermaid flowchart to ``path``, or return it when ``path`` is ``None``.

        Examples
        --------
        >>> print(sg.datasets.load("eksempel-2013").to_mermaid().splitlines()[0])
        flowchart TD
        """
        return CONVERSIONS["to_mermaid"](self, path)

    @overload
    def to_dot(self, path: None = None) -> str: ...
    @overload
    def to_dot(self, path: StrPath) -> None: ...
    def to_dot(self, path: StrPath | None = None) -> str | None:
        """Write a Graphviz DOT graph to ``path``, or return it when ``path`` is ``None``.

        Examples
        --------
        >>> print(sg.datasets.load("eksempel-2013").to_dot().splitlines()[0])
        digraph "Eksempel Kommune 2013" {
        """
        return CONVERSIONS["to_dot"](self, path)

    @overload
    def to_archimate(
        self,
        path: None = None,
        *,
        mapping: Mapping[str, str | None] | None = None,
        overwrite: bool = False,
    ) -> str: ...
    @overload
    def to_archimate(
        self,
        path: StrPath,
        *,
        mapping: Mapping[str, str | None] | None = None,
        overwrite: bool = False,
    ) -> None: ...
    def to_archimate(
        self,
        path: StrPath | None = None,
        *,
        mapping: Mapping[str, str | None] | None = None,
        overwrite: bool = False,
    ) -> str | None:
        """Write an ArchiMate 3.1 exchange file to ``path``, or return it when ``path`` is ``None``.

        Elements get the ArchiMate type they were read as, else the first type ``mapping``
        (see :func:`stratgraph.io.archimate.default_mapping`) puts on their level; what the map
        kept from an ArchiMate file (:attr:`foreign`) is written back. An existing file at
        ``path`` that holds elements, relationships or views the map would not write, or that is
        not an ArchiMate model, is replaced only with ``overwrite=True``.

        Examples
        --------
        >>> text = sg.datasets.load("eksempel-2012").to_archimate()  # it has no measurements
        >>> 'xsi:type="Outcome"' in text, text.count("<element ")
        (True, 96)
        """
        return CONVERSIONS["to_archimate"](self, path, mapping=mapping, overwrite=overwrite)


#: English and Danish labels of the link kinds, for display.
_KIND_LABELS: dict[LinkKind, tuple[str, str]] = {
    LinkKind.HIERARCHY: ("Hierarchy (the chain)", "Hierarki (kæden)"),
    LinkKind.SUPPORTS: ("Supports", "Understøtter"),
    LinkKind.TENSION: ("Tension (dilemma)", "Spænding (dilemma)"),
}


def _metadata(where: Location | Mapping[str, Location] | None, **fields: Any) -> MapMetadata:
    """Check the metadata; a problem names where the file gives it (``where``, per field)."""
    try:
        return MapMetadata(**fields)
    except PydanticError as err:
        problems = []
        for e in err.errors():
            field = str(e["loc"][0]) if e["loc"] else None
            place = where.get(field or "") if isinstance(where, Mapping) else where
            location = replace(place or Location(), column=field)
            message = e["msg"].removeprefix("Value error, ")
            if e["type"] != "value_error":  # pydantic's own words do not name the value
                message = f"{shorten(e['input'])!r} is not valid here: {message.lower()}"
            problems.append(Problem(message, location))
        raise ValidationError(problems) from None


def _measurement_set(smap: StrategyMap) -> set[Measurement]:
    return set(smap.measurements)


def _link_set(smap: StrategyMap) -> set[tuple[tuple[str, str], str, str | None, float | None]]:
    return {(link.key, link.kind.value, link.note, link.weight) for link in smap.links}


def _items(option: str, given: object, kind: type[_T]) -> list[_T | Mapping[str, Any]]:
    """Return the items of ``elements=`` or ``links=``, each a ``kind`` or a mapping of fields.

    Raises
    ------
    TypeError
        If ``given`` is not a list of such items (a tuple ``("V", "S1")`` for a link, a number,
        a DataFrame, which :func:`stratgraph.from_frames` reads).
    """
    one, fields = {
        Element: ("an Element", "{'id': 'S1', 'type': 'strategy', 'title': …}"),
        Link: ("a Link", "{'source': 'V', 'target': 'S1'}"),
        Measurement: (
            "a Measurement",
            "{'element': 'G1', 'indicator': 'Ledighed', 'period': 2014, 'value': 4.8}",
        ),
    }[kind]
    valid = f"give a list of items, each {one} or a mapping of its fields such as {fields}"
    frame = hasattr(given, "columns")  # a DataFrame iterates over its column names
    if isinstance(given, str | bytes | Mapping) or not isinstance(given, Iterable) or frame:
        hint = "; read a DataFrame with sg.from_frames(...)" if frame else ""
        msg = f"{option}={shorten(repr(given))} is not valid; {valid}{hint}"
        raise TypeError(msg)
    items: list[_T | Mapping[str, Any]] = []
    for number, item in enumerate(given):
        if not isinstance(item, kind | Mapping):
            msg = (
                f"{option}[{number}] is {type(item).__name__} ({shorten(repr(item))}), "
                f"not {one} or a mapping; {valid}"
            )
            raise TypeError(msg)
        items.append(item)
    return items


def _element_record(element: Element | Mapping[str, Any]) -> ElementRecord:
    if isinstance(element, Element):
        return ElementRecord(element)
    fields = dict(element)
    parents = fields.pop("parents", ())
    return ElementRecord(fields, parents=[parents] if isinstance(parents, str) else list(parents))
