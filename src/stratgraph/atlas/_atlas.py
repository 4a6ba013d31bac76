"""The atlas: many strategy maps as one, keyed by organisation and year, with links between them.

Organisations form a governance chain (state → region → municipality); ids are namespaced
``organisation:id`` (``organisation:year:id`` over several years) in the combined view.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from stratgraph._atomic import write_set
from stratgraph._build import LinkRecord, MapState, extend
from stratgraph._cells import neutralise
from stratgraph._options import check_bool, check_whole, invalid
from stratgraph._util import gc_paused
from stratgraph.exceptions import Location, Problem, UnknownElementError, ValidationError, shorten
from stratgraph.io._common import compose_letters
from stratgraph.model import Link, LinkKind
from stratgraph.schema import Schema
from stratgraph.strategy_map import StrategyMap

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from stratgraph._util import StrPath

__all__ = [
    "Atlas",
    "AtlasLink",
    "Key",
    "Organisation",
    "check_atlas",
    "check_year",
    "namespaced",
    "split_id",
]

#: A map's place in the atlas: its organisation and its year (``None``: a map for no one year).
Key = tuple[str, int | None]

#: What separates the organisation (and year) from the element id in a namespaced id; element ids
#: never hold it (see the model), organisation names may not.
SEPARATOR = ":"
_YEAR = re.compile(r"\d{1,4}")
#: The last year a map of the atlas may have: a namespaced id writes the year in four digits.
LAST_YEAR = 9999


def namespaced(organisation: str, element_id: str, year: int | None = None) -> str:
    """Return the id of an element in the combined view: ``org:id``, or ``org:year:id``.

    Examples
    --------
    >>> from stratgraph.atlas import namespaced
    >>> namespaced("Staten", "N1"), namespaced("Staten", "N1", 2024)
    ('Staten:N1', 'Staten:2024:N1')
    """
    if year is None:
        return f"{organisation}{SEPARATOR}{element_id}"
    return f"{organisation}{SEPARATOR}{year}{SEPARATOR}{element_id}"


def split_id(text: str) -> tuple[str, int | None, str]:
    """Split a namespaced id into organisation, year (or ``None``) and element id.

    Raises
    ------
    ValueError
        If ``text`` is not ``org:id`` or ``org:year:id`` with a whole year.

    Examples
    --------
    >>> from stratgraph.atlas import split_id
    >>> split_id("Staten:2024:N1"), split_id("Fjordby Kommune:G3")
    (('Staten', 2024, 'N1'), ('Fjordby Kommune', None, 'G3'))
    """
    parts = text.split(SEPARATOR)
    if len(parts) == 2 and all(parts):  # noqa: PLR2004 - org:id
        return parts[0], None, parts[1]
    if len(parts) == 3 and parts[0] and parts[2] and _YEAR.fullmatch(parts[1]):  # noqa: PLR2004
        return parts[0], int(parts[1]), parts[2]
    msg = (
        f"{shorten(text)!r} is not a namespaced id; write 'organisation{SEPARATOR}id' "
        f"(or 'organisation{SEPARATOR}year{SEPARATOR}id'), e.g. 'Staten{SEPARATOR}N1'"
    )
    raise ValueError(msg)


@dataclass(frozen=True, slots=True)
class Organisation:
    """One organisation of the atlas and its place in the governance chain.

    Parameters
    ----------
    name
        The organisation's name, as the maps' keys and the namespaced ids write it (no ``:``).
    parent
        The upper organisation (a region's state, a municipality's region), or ``None`` at the top.
    title, kind
        A longer name and what it is (``"stat"``, ``"region"``, ``"kommune"``), for display.

    Examples
    --------
    >>> sg.Organisation("Fjordby Kommune", parent="Region Vestdal", kind="kommune").parent
    'Region Vestdal'
    """

    name: str
    parent: str | None = None
    title: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class AtlasLink:
    """A link between elements of two maps of the atlas; the ends are ``organisation:id``.

    ``supports`` runs from the lower organisation's element to the upper one's (a municipal goal
    contributes to a national goal); ``hierarchy`` runs from the upper element to the lower one
    (parent → child, the national goal carried on in the municipality). Both mean, for
    :func:`coverage`, that the upper element is taken up and the lower one serves it; only a
    ``hierarchy`` link is followed by the single-map analyses of the combined view (the lower
    goal is then anchored above). A ``tension`` link counts for neither. ``year`` limits the link
    to the maps of that year; without it the link holds in every year in which both ends exist.

    Examples
    --------
    >>> sg.AtlasLink("Fjordby Kommune:G1", "Staten:N1", "supports", year=2024).kind
    <LinkKind.SUPPORTS: 'supports'>
    """

    source: str
    target: str
    kind: LinkKind = LinkKind.SUPPORTS
    note: str | None = None
    weight: float | None = None
    year: int | None = None

    def __post_init__(self) -> None:
        kind: Any = self.kind  # a name or alias given in Python, as a Link takes it
        if not isinstance(kind, LinkKind):
            object.__setattr__(self, "kind", LinkKind.parse(kind))


@dataclass(slots=True)
class _Places:
    """Where each part of an atlas came from, for problems: files and rows."""

    maps: dict[Key, Location] = field(default_factory=dict)
    links: list[Location] = field(default_factory=list)
    organisations: dict[str, Location] = field(default_factory=dict)
    #: The keys that two maps claim: links to them are not checked against the one kept.
    claimed_twice: set[Key] = field(default_factory=set)


class Atlas:
    """Strategy maps of several organisations and years, and the links between them.

    Each map keeps its own schema; the maps are keyed by ``(organisation, year)``, the year
    ``None`` for a map of no one year (a standing map, used for every year the atlas has).
    Organisations form a governance chain: each may name its upper organisation.

    Parameters
    ----------
    maps
        The maps: a mapping from ``(organisation, year)`` (or an organisation alone) to a map, or
        maps whose metadata names their ``organisation`` (and ``year``).
    links
        Links between maps, as :class:`AtlasLink` objects or mappings of their fields, ends
        written ``organisation:id``.
    organisations
        The governance chain, as :class:`Organisation` objects or mappings with
        ``organisation`` (or ``name``), ``parent``, ``title``, ``kind``. An organisation with a
        map need not be listed; one listed needs no map.
    name
        The atlas's name, for display.

    Raises
    ------
    ValidationError
        If an organisation name is empty or holds ``:``, one organisation has two maps of one
        year, a parent is unknown or the chain has a cycle, a link names an organisation or
        element not in the atlas or breaks the model, or the maps' schemas cannot be compared;
        ``.problems`` lists every one.

    See Also
    --------
    read_atlas : read an atlas from a folder of map files.

    Examples
    --------
    >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
    >>> atlas.organisations
    ('Staten', 'Region Vestdal', 'Fjordby Kommune', 'Skovlunde Kommune', 'Havnstrup Kommune')
    >>> atlas.years, len(atlas), atlas.parent("Fjordby Kommune")
    ((2022, 2023, 2024), 15, 'Region Vestdal')
    >>> atlas["Staten", 2024].organisation
    'Staten'
    """

    def __init__(
        self,
        maps: Mapping[Key | str, StrategyMap] | Iterable[StrategyMap] = (),
        links: Iterable[AtlasLink | Mapping[str, Any]] = (),
        organisations: Iterable[Organisation | Mapping[str, Any]] = (),
        *,
        name: str = "Atlas",
    ) -> None:
        self.name = name
        self._maps: dict[Key, StrategyMap] = {}
        self._orgs: dict[str, Organisation] = {}
        self._links: list[AtlasLink] = []
        self._places = _Places()
        self._warnings: tuple[Problem, ...] = ()
        problems: list[Problem] = []
        items = maps.items() if isinstance(maps, Mapping) else ((None, m) for m in maps)
        for number, org in enumerate(organisations):
            self._put_org(_organisation(org), problems, Location(item=f"organisations[{number}]"))
        for key, smap in items:
            self._put(smap, key, problems, Location())
        for number, link in enumerate(links):
            self._links.append(_atlas_link(link, problems, Location(item=f"links[{number}]")))
            self._places.links.append(Location(item=f"links[{number}]"))
        problems.extend(self._problems())
        if problems:
            raise ValidationError(problems)

    @classmethod
    def _assemble(
        cls,
        maps: Iterable[tuple[Key, StrategyMap, Location]],
        links: Iterable[tuple[AtlasLink, Location]],
        organisations: Iterable[tuple[Organisation, Location]],
        *,
        name: str,
        problems: list[Problem],
    ) -> Atlas:
        """Build an atlas from parts read from files, adding every problem to ``problems``."""
        atlas = cls(name=name)
        for org, where in organisations:
            atlas._put_org(org, problems, where)
        for key, smap, where in maps:
            atlas._put(smap, key, problems, where)
        for link, where in links:
            atlas._links.append(link)
            atlas._places.links.append(where)
        problems.extend(atlas._problems())
        return atlas

    # -- contents -----------------------------------------------------------------------------

    def _put(
        self, smap: object, key: Key | str | None, problems: list[Problem], where: Location
    ) -> None:
        if not isinstance(smap, StrategyMap):
            msg = f"an atlas holds StrategyMap objects, not {type(smap).__name__}"
            raise TypeError(msg)
        if key is None:
            key = (smap.organisation or "", smap.year)
        elif isinstance(key, str):
            key = (key, smap.year)
        org, year = key
        if isinstance(org, str):  # å as one letter, as macOS may write it in a file name
            org = compose_letters(org)
            key = (org, year)
        bad = _bad_name(org)
        if bad:
            problems.append(
                Problem(f"organisation {org!r} {bad}", replace(where, column="organisation"))
            )
            return
        if year is not None and _year_problem(year):
            message = (
                f"{shorten(repr(year))} is not a year of a map; give a whole year from 1 to "
                f"{LAST_YEAR} such as 2024, or none for a map of no one year"
            )
            problems.append(Problem(message, replace(where, column="year")))
            return
        if key in self._maps:
            first = self._places.maps.get(key, Location())
            seen = f" ({first})" if str(first) else ""
            message = (
                f"organisation {org!r}, {_year_text(year)} already has a map{seen}; give each "
                "organisation one map per year"
            )
            problems.append(Problem(message, where))
            self._places.claimed_twice.add(key)
            return
        self._maps[key] = smap
        self._places.maps[key] = where
        self._orgs.setdefault(org, Organisation(org))

    def _put_org(self, org: Organisation, problems: list[Problem], where: Location) -> None:
        org = _composed_org(org)
        bad = _bad_name(org.name)
        if bad:
            message = f"organisation {org.name!r} {bad}"
            problems.append(Problem(message, replace(where, column="organisation")))
            return
        if org.name in self._places.organisations:
            first = self._places.organisations[org.name]
            message = f"organisation {org.name!r} is listed twice (first at {first}); list it once"
            problems.append(Problem(message, replace(where, column="organisation")))
            return
        self._orgs[org.name] = org
        self._places.organisations[org.name] = where

    def add(
        self, smap: StrategyMap, /, *, organisation: str | None = None, year: int | None = None
    ) -> None:
        """Add a map as ``organisation``'s map of ``year`` (by default as its metadata says).

        Raises
        ------
        ValidationError
            If the organisation already has a map of that year, its name is empty or holds
            ``:``, or the map's schema cannot be compared with the others'; the atlas is unchanged.

        Examples
        --------
        >>> atlas = sg.Atlas()
        >>> atlas.add(sg.datasets.load("eksempel-2013"))
        >>> atlas.add(sg.datasets.load("eksempel-2012"), organisation="Eksempel Kommune")
        >>> atlas.keys()
        [('Eksempel Kommune', 2012), ('Eksempel Kommune', 2013)]
        """
        org = organisation if organisation is not None else smap.organisation
        key: Key = (org or "", year if year is not None else smap.year)
        problems: list[Problem] = []
        before = (dict(self._maps), dict(self._orgs), dict(self._places.maps))
        self._put(smap, key, problems, Location())
        if not problems:
            problems.extend(self._schema_problems())
        if problems:
            self._maps, self._orgs, self._places.maps = before
            raise ValidationError(problems)

    def add_link(
        self,
        source: str,
        target: str,
        kind: LinkKind | str = LinkKind.SUPPORTS,
        *,
        note: str | None = None,
        weight: float | None = None,
        year: int | None = None,
    ) -> AtlasLink:
        """Add a link between elements of two maps, ends written ``organisation:id``.

        Raises
        ------
        ValidationError
            If an end names an organisation or element not in the atlas, or the link breaks
            the model; the atlas is unchanged.

        Examples
        --------
        >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
        >>> atlas.add_link("Havnstrup Kommune:H4", "Staten:N5", year=2024).kind.value
        'supports'
        """
        problems: list[Problem] = []
        fields = {"source": source, "target": target, "kind": kind, "note": note}
        link = _atlas_link({**fields, "weight": weight, "year": year}, problems, Location())
        if not problems:
            problems.extend(self._link_problems(link, Location()))
        if problems:
            raise ValidationError(problems)
        self._links.append(link)
        self._places.links.append(Location())
        return link

    def __len__(self) -> int:
        return len(self._maps)

    def __iter__(self) -> Iterator[Key]:
        return iter(self._maps)

    def __contains__(self, key: object) -> bool:
        return key in self._maps

    def __getitem__(self, key: Key | str) -> StrategyMap:
        if isinstance(key, str):
            found = [k for k in self._maps if k[0] == key]
            if len(found) == 1:
                return self._maps[found[0]]
            years = ", ".join(_year_text(k[1]) for k in found) or "none"
            msg = (
                f"organisation {key!r} has {len(found)} maps (years: {years}); "
                "give the year too, as atlas[organisation, year]"
            )
            raise UnknownElementError(msg)
        try:
            return self._maps[key]
        except KeyError:
            known = ", ".join(f"{o!r} {_year_text(y)}" for o, y in list(self._maps)[:10])
            msg = f"the atlas has no map of {key!r}; it has {known or 'none'}"
            raise UnknownElementError(msg) from None

    def keys(self) -> list[Key]:
        """Return the ``(organisation, year)`` of every map: chain order, then year order.

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").keys()[:2]
        [('Staten', 2022), ('Staten', 2023)]
        """
        return self.keys_of(None)

    def items(self) -> list[tuple[Key, StrategyMap]]:
        """Return ``((organisation, year), map)`` for every map, in the order of :meth:`keys`.

        Examples
        --------
        >>> (org, year), m = sg.datasets.load_atlas("eksempel-atlas").items()[0]
        >>> org, year, len(m) > 0
        ('Staten', 2022, True)
        """
        return [(key, self._maps[key]) for key in self.keys_of(None)]

    @property
    def organisations(self) -> tuple[str, ...]:
        """The organisations, top of the chain first (each before the ones below it).

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").organisations[:2]
        ('Staten', 'Region Vestdal')
        """
        order: list[str] = []
        seen: set[str] = set()
        children: dict[str | None, list[str]] = {}
        for name, org in self._orgs.items():
            parent = org.parent if org.parent in self._orgs else None
            children.setdefault(parent, []).append(name)
        stack = list(reversed(children.get(None, [])))
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            order.append(name)
            stack.extend(reversed(children.get(name, [])))
        order.extend(n for n in self._orgs if n not in seen)  # a cycle, reported as a problem
        return tuple(order)

    @property
    def years(self) -> tuple[int, ...]:
        """The years of the maps, in order (a map of no one year adds none).

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").years
        (2022, 2023, 2024)
        """
        return tuple(sorted({y for _, y in self._maps if y is not None}))

    @property
    def links(self) -> tuple[AtlasLink, ...]:
        """The links between maps, in the order they were added.

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").links[0].kind.value
        'hierarchy'
        """
        return tuple(self._links)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What the readers warned about while reading the atlas's files, in file order.

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").warnings
        ()
        """
        return self._warnings

    def parent(self, organisation: str) -> str | None:
        """Return the upper organisation of ``organisation`` (``None`` at the top of the chain).

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").parent("Region Vestdal")
        'Staten'
        """
        try:
            return self._orgs[organisation].parent
        except KeyError:
            known = ", ".join(repr(o) for o in self._orgs)
            msg = f"organisation {organisation!r} is not in the atlas; it has {known or 'none'}"
            raise UnknownElementError(msg) from None

    def organisation(self, name: str) -> Organisation:
        """Return the :class:`Organisation` called ``name``.

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").organisation("Staten").kind
        'stat'
        """
        self.parent(name)  # raises UnknownElementError naming the organisations
        return self._orgs[name]

    def organisations_frame(self) -> pd.DataFrame:
        """Return the organisations as a DataFrame indexed by ``organisation``, chain order.

        Columns ``parent, title, kind`` (``None`` where not given).

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").organisations_frame().loc["Staten", "kind"]
        'stat'
        """
        names = self.organisations
        rows = [self._orgs[n] for n in names]
        data = {
            "parent": [o.parent for o in rows],
            "title": [o.title for o in rows],
            "kind": [o.kind for o in rows],
        }
        return pd.DataFrame(data, index=pd.Index(names, name="organisation"), dtype=object)

    def links_frame(self) -> pd.DataFrame:
        """Return the links between maps: ``source, target, kind, note, weight, year``.

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").links_frame().columns.tolist()
        ['source', 'target', 'kind', 'note', 'weight', 'year']
        """
        return pd.DataFrame(
            {
                "source": [k.source for k in self._links],
                "target": [k.target for k in self._links],
                "kind": [k.kind.value for k in self._links],
                "note": pd.Series([k.note for k in self._links], dtype=object),
                "weight": pd.Series([k.weight for k in self._links], dtype="float64"),
                "year": pd.Series([k.year for k in self._links], dtype="Int64"),
            }
        )

    def __repr__(self) -> str:
        n = sum(len(m) for m in self._maps.values())
        years = f"{self.years[0]}–{self.years[-1]}" if self.years else "no years"
        return (
            f"<Atlas {self.name!r}: {len(self._orgs)} organisations, {len(self)} maps ({years}), "
            f"{n} elements, {len(self._links)} links between maps>"
        )

    # -- which maps make up a year ------------------------------------------------------------

    def keys_of(self, year: int | None) -> list[Key]:
        """Return the keys of the maps that make up ``year``, in chain order.

        For each organisation its map of that year, else its map of no one year (a standing
        map); ``year=None`` gives every map.

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").keys_of(2024)[:2]
        [('Staten', 2024), ('Region Vestdal', 2024)]
        """
        if year is None:
            order = {name: i for i, name in enumerate(self.organisations)}
            return sorted(self._maps, key=lambda k: (order[k[0]], k[1] is not None, k[1] or 0))
        found = (self._map_key(org, year) for org in self.organisations)
        return [key for key in found if key is not None]

    def _map_key(self, org: str, year: int | None) -> Key | None:
        """Return the key of ``org``'s map in ``year``: that year's, else its standing map."""
        if year is not None and (org, year) in self._maps:
            return (org, year)
        if (org, None) in self._maps:
            return (org, None)
        return None

    def resolved_links(self, year: int | None) -> Iterator[tuple[Key, str, Key, str, AtlasLink]]:
        """Yield each link as it holds among the maps of ``year`` (every year for ``None``).

        Each item is ``(source key, source id, target key, target id, link)``; a link without a
        year is given once for each year in which both its ends exist (once in all for links
        between standing maps).

        Examples
        --------
        >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
        >>> source, _, target, _, _ = next(atlas.resolved_links(2024))
        >>> source, target
        (('Staten', 2024), ('Region Vestdal', 2024))
        """
        years: list[int | None] = list(self.years) or [None]
        seen: set[tuple[Key, str, Key, str]] = set()
        for link in self._links:
            source_org, source_id = _ends(link.source)
            target_org, target_id = _ends(link.target)
            if year is not None:
                wanted: list[int | None] = [year] if link.year in (None, year) else []
            else:
                wanted = [link.year] if link.year is not None else years
            for y in wanted:
                source = self._map_key(source_org, y)
                target = self._map_key(target_org, y)
                if source is None or target is None:
                    continue
                if source_id not in self._maps[source] or target_id not in self._maps[target]:
                    continue
                ends = (source, source_id, target, target_id)
                if source[1] is None and target[1] is None:  # the same link in every year
                    if ends in seen:
                        continue
                    seen.add(ends)
                yield source, source_id, target, target_id, link

    # -- the combined view -------------------------------------------------------------------

    def combined_schema(self) -> Schema:
        """Return the schema of the combined view.

        The maps' schema when they share one; else the ``municipal`` preset, each map's levels
        matched to its levels by name or alias (``goal`` → ``effect_goal``), when every level
        of every map has a match, in the same order, and each map's goal level matches
        ``effect_goal``.

        Raises
        ------
        ValidationError
            If a map's schema cannot be matched so; each problem names the map's file.

        Examples
        --------
        >>> sg.datasets.load_atlas("eksempel-atlas").combined_schema().name
        'municipal'
        """
        schema, _, problems = self._schemas()
        if problems:
            raise ValidationError(problems)
        return schema

    def _schemas(self) -> tuple[Schema, dict[Key, dict[str, str]], list[Problem]]:
        """Return the combined schema, each map's level → its level where they differ, problems."""
        distinct: list[Schema] = []
        for smap in self._maps.values():
            if not any(smap.schema == s for s in distinct):
                distinct.append(smap.schema)
        if len(distinct) <= 1:
            return (distinct[0] if distinct else Schema.preset("municipal")), {}, []
        target = Schema.preset("municipal")
        typemaps: dict[Key, dict[str, str]] = {}
        problems: list[Problem] = []
        matches: dict[int, dict[str, str] | str] = {}
        for key, smap in self._maps.items():
            schema = smap.schema
            found = matches.get(id(schema))
            if found is None:
                found = _match_levels(schema, target)
                matches[id(schema)] = found
            if isinstance(found, str):
                org, year = key
                message = (
                    f"the map of {org!r}, {_year_text(year)} has schema {schema.name!r}, which "
                    f"cannot be compared with the others ({found}); give the maps one schema, or "
                    "name the levels as the municipal schema does "
                    f"({', '.join(target.level_names)})"
                )
                problems.append(Problem(message, replace(self._places.maps[key], column="schema")))
            elif schema != target:
                typemaps[key] = found
        return target, typemaps, problems

    @gc_paused()
    def combined(self, year: int | None = None) -> StrategyMap:
        """Return one map of every map of ``year`` (or of every map), with the links between them.

        Ids are namespaced: ``organisation:id`` for a year given (and for a map of no one year),
        ``organisation:year:id`` over every year. Each element's ``attrs`` carry its
        ``organisation`` and ``year``. The schema is :meth:`combined_schema`; the links between
        maps join the ends they name. Every single-map analysis runs on it. The view is a map to
        analyse, not to write: its ids hold ``:``, which a map file does not take (write the
        atlas with :meth:`write`).

        Raises
        ------
        ValidationError
            If the schemas cannot be compared, or a ``hierarchy`` link between maps breaks the
            model in the combined view (a wrong level order or a cycle).

        Examples
        --------
        >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
        >>> m = atlas.combined(2024)
        >>> m["Staten:N1"].attrs["organisation"], m["Staten:N1"].attrs["year"]
        ('Staten', 2024)
        >>> sorted(sg.orphaned_goals(m).index)[:1]
        ['Fjordby Kommune:F9']
        """
        schema, typemaps, problems = self._schemas()
        if problems:
            raise ValidationError(problems)
        keys = self.keys_of(year)
        elements: dict[str, Any] = {}
        links: list[Link] = []
        every = year is None
        for key in keys:
            org, y = key
            typemap = typemaps.get(key)
            ns: Callable[[str], str] = _prefixer(org, y if every else None)
            for element in self._maps[key]:
                attrs = {**element.attrs, "organisation": org, "year": y}
                update: dict[str, Any] = {"id": ns(element.id), "attrs": attrs}
                if typemap is not None:
                    update["type"] = typemap[element.type]
                elements[update["id"]] = element.model_copy(update=update)
            links.extend(
                link.model_copy(update={"source": ns(link.source), "target": ns(link.target)})
                for link in self._maps[key].links
            )
        state = MapState(schema, elements, links)
        cross = [
            LinkRecord(
                Link.model_construct(
                    source=namespaced(sk[0], sid, sk[1] if every else None),
                    target=namespaced(tk[0], tid, tk[1] if every else None),
                    kind=link.kind,
                    note=link.note,
                    weight=link.weight,
                ),
                where,
            )
            for sk, sid, tk, tid, link, where in self._resolved_with_places(year)
        ]
        extend(state, links=cross)
        state.compact()
        label = self.name if year is None else f"{self.name} {year}"
        return StrategyMap._from_state(state, name=label, year=year)  # noqa: SLF001

    def _resolved_with_places(
        self, year: int | None
    ) -> Iterator[tuple[Key, str, Key, str, AtlasLink, Location]]:
        places = {
            id(link): where for link, where in zip(self._links, self._places.links, strict=True)
        }
        for sk, sid, tk, tid, link in self.resolved_links(year):
            yield sk, sid, tk, tid, link, places.get(id(link), Location())

    def analyse(
        self, analysis: Callable[..., pd.DataFrame], /, *, year: int | None = None, **options: Any
    ) -> pd.DataFrame:
        """Run a single-map analysis on :meth:`combined` and add ``organisation``, ``year`` first.

        ``options`` go to the analysis. The two columns are split from the namespaced ids of
        the result's index (when it is indexed by ``id``); ``year`` is a nullable whole number
        (``<NA>`` for a map of no one year).

        Examples
        --------
        >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
        >>> found = atlas.analyse(sg.orphaned_goals, year=2024)
        >>> found.columns[:3].tolist()
        ['organisation', 'year', 'type']
        >>> found["organisation"].value_counts().to_dict()
        {'Region Vestdal': 1, 'Fjordby Kommune': 1}
        """
        smap = self.combined(year)
        result = analysis(smap, **options)
        if not isinstance(result, pd.DataFrame) or result.index.name != "id":
            return result
        standing = dict(self.keys_of(year))
        orgs: list[str] = []
        got: list[int | None] = []
        for eid in result.index:
            if year is None:
                org, y, _ = split_id(eid)
            else:
                org = eid.split(SEPARATOR, 1)[0]
                y = standing.get(org)
            orgs.append(org)
            got.append(y)
        result = result.copy()
        result.insert(0, "year", pd.Series(got, index=result.index, dtype="Int64"))
        result.insert(0, "organisation", pd.Series(orgs, index=result.index, dtype=object))
        return result

    # -- checks -------------------------------------------------------------------------------

    def _problems(self) -> list[Problem]:
        problems = self._org_problems()
        by_org = self._keys_by_org()
        for link, where in zip(self._links, self._places.links, strict=True):
            problems.extend(self._link_problems(link, where, by_org))
        problems.extend(self._schema_problems())
        return problems

    def _schema_problems(self) -> list[Problem]:
        return self._schemas()[2]

    def _org_problems(self) -> list[Problem]:
        problems = []
        for name, org in self._orgs.items():
            where = replace(self._places.organisations.get(name, Location()), column="parent")
            if org.parent is None:
                continue
            if org.parent not in self._orgs:
                known = ", ".join(repr(o) for o in self._orgs)
                message = (
                    f"the upper organisation {org.parent!r} of {name!r} is not in the atlas; "
                    f"give one of {known}, or leave it empty at the top of the chain"
                )
                problems.append(Problem(message, where))
                continue
            chain = [name]
            up: str | None = org.parent
            while up is not None and up in self._orgs and up not in chain:
                chain.append(up)
                up = self._orgs[up].parent
            if up == name:
                cycle = " → ".join([*chain, name])
                message = f"the chain of upper organisations runs in a circle: {cycle}"
                problems.append(Problem(message, where))
        return problems

    def _keys_by_org(self) -> dict[str, list[Key]]:
        by_org: dict[str, list[Key]] = {}
        for key in self._maps:
            by_org.setdefault(key[0], []).append(key)
        return by_org

    def _link_problems(
        self, link: AtlasLink, where: Location, by_org: dict[str, list[Key]] | None = None
    ) -> list[Problem]:
        if by_org is None:
            by_org = self._keys_by_org()
        problems = []
        ends: list[tuple[str, str] | None] = []
        for column, end in (("source", link.source), ("target", link.target)):
            at = replace(where, column=column)
            parts = end.split(SEPARATOR)
            if len(parts) != 2 or not all(parts):  # noqa: PLR2004
                message = (
                    f"{shorten(end)!r} is not an element of a map of the atlas; write "
                    f"'organisation{SEPARATOR}id', e.g. 'Staten{SEPARATOR}N1', and the year in "
                    "the year column"
                )
                problems.append(Problem(message, at))
                ends.append(None)
                continue
            org, eid = parts
            keys = by_org.get(org, [])
            if not keys:
                known = ", ".join(repr(o) for o in by_org)
                message = (
                    f"organisation {org!r} of {shorten(end)!r} has no map in the atlas; "
                    f"give one of {known or 'none'}"
                )
                problems.append(Problem(message, at))
                ends.append(None)
                continue
            if link.year is not None:
                key = self._map_key(org, link.year)
                if key is None and any(p.location.column == "year" for p in problems):
                    ends.append(None)  # the year is named once
                    continue
                if key is None:
                    years = ", ".join(_year_text(k[1]) for k in keys)
                    message = (
                        f"organisation {org!r} has no map of {link.year} (it has {years}); "
                        "give a year it has a map of, or leave the year empty"
                    )
                    problems.append(Problem(message, replace(where, column="year")))
                    ends.append(None)
                    continue
                keys = [key]
            if any(k in self._places.claimed_twice for k in keys):
                ends.append(None)  # which of two maps is meant is not known: named once
                continue
            if not any(eid in self._maps[k] for k in keys):
                in_year = f" of {link.year}" if link.year is not None else ""
                hint = self._maps[keys[0]]._state.suggest(eid)  # noqa: SLF001
                message = (
                    f"element {eid!r} is not in the map{in_year} of {org!r}{hint}; "
                    "give an id of that map"
                )
                problems.append(Problem(message, at))
                ends.append(None)
                continue
            ends.append((org, eid))
        if ends[0] is not None and ends[0] == ends[1]:
            message = (
                f"{link.kind.value} link from {link.source!r} to itself; a link joins two elements"
            )
            problems.append(Problem(message, replace(where, column="target")))
        elif ends[0] is not None and ends[1] is not None and ends[0][0] == ends[1][0]:
            message = (
                f"{link.source!r} and {link.target!r} are both of {ends[0][0]!r}; a link of one "
                "map belongs in that map's file, the atlas's links join two organisations"
            )
            problems.append(Problem(message, replace(where, column="target")))
        return problems

    # -- writing ------------------------------------------------------------------------------

    def write(self, folder: StrPath, *, overwrite: bool = False) -> Path:
        """Write the atlas to ``folder``: a YAML file per map, ``links.csv``, ``organisations.csv``.

        Each map goes to ``ORGANISATION_YEAR.yaml`` (``ORGANISATION.yaml`` for a map of no one
        year) with its organisation and year in its metadata, as :func:`read_atlas` reads them.
        The files are written as one set: a reader sees them all new or all old. A file there
        that the last write of the atlas did not leave is replaced only with ``overwrite=True``.
        The folder is made if it does not exist.

        Returns
        -------
        pathlib.Path
            The folder.

        Raises
        ------
        FileExistsError
            If a file would be replaced that the atlas did not write, without ``overwrite``.

        Examples
        --------
        >>> import tempfile
        >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     again = sg.read_atlas(atlas.write(folder))
        >>> again.keys() == atlas.keys() and again.links == atlas.links
        True
        """
        overwrite = check_bool("overwrite", overwrite)
        target = Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        parts: dict[str, bytes] = {}
        taken: set[str] = {"links.csv", "organisations.csv"}
        for (org, year), smap in self._maps.items():
            stem = _file_stem(org) + ("" if year is None else f"_{year}")
            name = f"{stem}.yaml"
            number = 2
            while name.casefold() in taken:
                name = f"{stem}-{number}.yaml"
                number += 1
            taken.add(name.casefold())
            meta = smap.metadata()
            view = StrategyMap._from_state(  # noqa: SLF001 - the map's contents, own metadata
                smap._state,  # noqa: SLF001
                name=meta["name"],
                currency=meta["currency"],
                year=year,
                organisation=org,
            )
            parts[name] = view.to_yaml().encode("utf-8")
        parts["organisations.csv"] = _csv(
            ["organisation", "parent", "title", "kind"],
            [
                [o.name, o.parent, o.title, o.kind]
                for o in (self._orgs[n] for n in self.organisations)
            ],
        )
        parts["links.csv"] = _csv(
            ["source", "target", "kind", "note", "weight", "year"],
            [[k.source, k.target, k.kind.value, k.note, k.weight, k.year] for k in self._links],
        )
        write_set(target / "organisations.csv", parts, overwrite=overwrite)
        return target


# -- helpers ----------------------------------------------------------------------------------


def check_atlas(atlas: object) -> None:
    """Raise :class:`TypeError` unless ``atlas`` is an :class:`Atlas`, as every atlas function does.

    Raises
    ------
    TypeError
        If ``atlas`` is not an :class:`Atlas`, naming what it is.

    Examples
    --------
    >>> from stratgraph.atlas import check_atlas
    >>> check_atlas(sg.datasets.load("eksempel-2013"))
    Traceback (most recent call last):
    ...
    TypeError: give an Atlas (sg.read_atlas(folder) reads one), not StrategyMap
    """
    if not isinstance(atlas, Atlas):
        msg = f"give an Atlas (sg.read_atlas(folder) reads one), not {type(atlas).__name__}"
        raise TypeError(msg)


def check_year(atlas: Atlas, year: object, *, none: str = "None") -> int:
    """Return ``year`` if it is a year of ``atlas``, as the atlas's functions check ``year=``.

    ``none`` is how the message offers ``None``, which the caller has taken care of.

    Raises
    ------
    OptionError
        If ``year`` is not a whole number or not a year of ``atlas``, naming its years.

    Examples
    --------
    >>> from stratgraph.atlas import check_year
    >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
    >>> check_year(atlas, 2023)
    2023
    >>> check_year(atlas, 2019)
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.OptionError: year=2019 is not valid; give a year of the atlas (2022, 2023, 2024) or None
    """  # noqa: E501 - a doctest line is as long as the message
    whole = check_whole("year", year, least=1, none="no year")
    if whole is None or whole not in atlas.years:
        years = ", ".join(map(str, atlas.years)) or "none"
        raise invalid("year", whole, f"a year of the atlas ({years}) or {none}")
    return whole


def _prefixer(org: str, year: int | None) -> Callable[[str], str]:
    prefix = namespaced(org, "", year)
    return prefix.__add__


def _ends(end: str) -> tuple[str, str]:
    org, _, eid = end.partition(SEPARATOR)
    return org, eid


def _year_text(year: int | None) -> str:
    return "no year" if year is None else f"year {year}"


def _bad_name(name: object) -> str | None:
    """Why ``name`` cannot name an organisation, or ``None``."""
    if not isinstance(name, str) or not name.strip():
        return "is empty; every map needs its organisation (in its metadata or its file name)"
    if SEPARATOR in name:
        return (
            f"holds {SEPARATOR!r}, which separates the organisation from the id in the combined "
            f"view; write it without {SEPARATOR!r}"
        )
    if name != name.strip():
        return "has space at its start or end; write it without"
    return None


def _match_levels(schema: Schema, target: Schema) -> dict[str, str] | str:
    """Each level of ``schema`` → its level in ``target``, or why they cannot be matched."""
    found: dict[str, str] = {}
    for level in schema.levels:
        names = (level.name, *level.aliases)
        match = next((target.resolve_type(n) for n in names if target.resolve_type(n)), None)
        if match is None:
            return f"level {level.name!r} has no match"
        found[level.name] = match
    ranks = [target.rank(found[n]) for n in schema.level_names]
    if ranks != sorted(ranks):
        return "its levels match in another order"
    if found[schema.goal_level] != target.goal_level:
        return f"its goal level {schema.goal_level!r} is not {target.goal_level!r}"
    return found


def _organisation(value: Organisation | Mapping[str, Any]) -> Organisation:
    if isinstance(value, Organisation):
        return value
    fields = dict(value)
    name = fields.pop("organisation", None) or fields.pop("name", None)
    return Organisation(
        name=name,
        parent=fields.get("parent") or None,
        title=fields.get("title") or None,
        kind=fields.get("kind") or None,
    )


def _year_problem(year: object) -> bool:
    """Whether ``year`` is not a whole year from 1 to :data:`LAST_YEAR`."""
    return isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= LAST_YEAR


def _composed_org(org: Organisation) -> Organisation:
    """Return ``org`` with å as one letter in its name and parent, as the maps' keys have it."""
    name, parent = org.name, org.parent
    return replace(
        org,
        name=compose_letters(name) if isinstance(name, str) else name,
        parent=compose_letters(parent) if isinstance(parent, str) else parent,
    )


def _atlas_link(
    value: AtlasLink | Mapping[str, Any], problems: list[Problem], where: Location
) -> AtlasLink:
    """Return ``value`` as an :class:`AtlasLink`; a bad field is a problem at ``where``."""
    if isinstance(value, AtlasLink):
        return value
    fields = dict(value)
    try:
        kind = LinkKind.parse(fields.get("kind") or LinkKind.SUPPORTS)
    except ValueError:
        message = (
            f"{shorten(fields.get('kind'))!r} is not a link kind; give one of "
            f"{LinkKind.names_text()}"
        )
        problems.append(Problem(message, replace(where, column="kind")))
        kind = LinkKind.SUPPORTS
    year = fields.get("year")
    if year is not None and _year_problem(year):
        message = (
            f"{shorten(year)!r} is not a year; give a whole year from 1 to {LAST_YEAR} "
            "such as 2024, or none"
        )
        problems.append(Problem(message, replace(where, column="year")))
        year = None
    weight = fields.get("weight")
    if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int | float)):
        message = f"{shorten(weight)!r} is not a number; give a weight such as 0.5, or none"
        problems.append(Problem(message, replace(where, column="weight")))
        weight = None
    elif weight is not None and not math.isfinite(weight):
        message = f"{weight!r} is not a finite number; give a weight such as 0.5, or none"
        problems.append(Problem(message, replace(where, column="weight")))
        weight = None
    ends = {}
    for column in ("source", "target"):
        end = fields.get(column)
        if not isinstance(end, str) or not end.strip():
            message = f"the link has no {column}; give 'organisation{SEPARATOR}id'"
            problems.append(Problem(message, replace(where, column=column)))
            end = ""
        ends[column] = compose_letters(end.strip())  # å as one letter, as the maps' ids
    note = fields.get("note")
    return AtlasLink(
        ends["source"],
        ends["target"],
        kind,
        note=str(note) if note not in (None, "") else None,
        weight=None if weight is None else float(weight),
        year=year,
    )


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _file_stem(org: str) -> str:
    """Return a file name for ``org``, with what a file system refuses replaced by ``-``."""
    return _UNSAFE.sub("-", org).strip(". ") or "organisation"


def _csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                ""
                if v is None
                else neutralise(v)
                if isinstance(v, str)
                else repr(v)
                if isinstance(v, float)
                else v
                for v in row
            ]
        )
    return out.getvalue().encode("utf-8")
