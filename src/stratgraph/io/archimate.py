"""ArchiMate files: The Open Group's Model Exchange File Format (3.x written and read, 2.1 read).

Motivation, strategy and implementation concepts land on the schema's levels by a documented
mapping; everything else the model holds is kept on the map and written back.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces

from stratgraph._atomic import OVERWRITE_HINT, atomic_write_text
from stratgraph._numbers import AS_WRITTEN, plain_number, read_column
from stratgraph._options import check_bool, invalid
from stratgraph._readnotes import collecting, warn_at
from stratgraph.exceptions import (
    Location,
    Problem,
    ReadError,
    ReadWarning,
    StratgraphWarning,
    ValidationError,
    shorten,
)
from stratgraph.io._common import display_name, file_schema, keeps_read_warnings, read_file_bytes
from stratgraph.io._tables.cells import join_list, split_list
from stratgraph.io.graph import map_from_graph, read_text_numbers
from stratgraph.model import FIELD_ALIASES, budget_header
from stratgraph.schema import Schema, SchemaLike, normalise_name

if TYPE_CHECKING:
    from stratgraph._util import StrPath
    from stratgraph.strategy_map import StrategyMap

__all__ = ["default_mapping", "is_archimate", "read_archimate", "to_archimate"]

NS = "http://www.opengroup.org/xsd/archimate/3.0/"  # 3.0, 3.1 and 3.2 share it
NS_21 = "http://www.opengroup.org/xsd/archimate"
#: The namespace of Archi's own ``.archimate`` files, which are not exchange files.
ARCHI_NATIVE = "http://www.archimatetool.com/archimate"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
_TYPE = f"{{{XSI}}}type"
_LANG = f"{{{XML}}}lang"
_SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"

#: The element types of ArchiMate 3.1's exchange schema (``xsi:type`` of ``<element>``).
ELEMENT_TYPES = frozenset(
    [
        "BusinessActor",
        "BusinessRole",
        "BusinessCollaboration",
        "BusinessInterface",
        "BusinessProcess",
        "BusinessFunction",
        "BusinessInteraction",
        "BusinessEvent",
        "BusinessService",
        "BusinessObject",
        "Contract",
        "Representation",
        "Product",
        "ApplicationComponent",
        "ApplicationCollaboration",
        "ApplicationInterface",
        "ApplicationFunction",
        "ApplicationInteraction",
        "ApplicationProcess",
        "ApplicationEvent",
        "ApplicationService",
        "DataObject",
        "Node",
        "Device",
        "SystemSoftware",
        "TechnologyCollaboration",
        "TechnologyInterface",
        "Path",
        "CommunicationNetwork",
        "TechnologyFunction",
        "TechnologyProcess",
        "TechnologyInteraction",
        "TechnologyEvent",
        "TechnologyService",
        "Artifact",
        "Equipment",
        "Facility",
        "DistributionNetwork",
        "Material",
        "Stakeholder",
        "Driver",
        "Assessment",
        "Goal",
        "Outcome",
        "Principle",
        "Requirement",
        "Constraint",
        "Meaning",
        "Value",
        "Resource",
        "Capability",
        "CourseOfAction",
        "ValueStream",
        "WorkPackage",
        "Deliverable",
        "ImplementationEvent",
        "Plateau",
        "Gap",
        "Grouping",
        "Location",
        "AndJunction",
        "OrJunction",
    ]
)
#: The relationship types of ArchiMate 3.1's exchange schema.
RELATIONSHIP_TYPES = frozenset(
    [
        "Composition",
        "Aggregation",
        "Assignment",
        "Realization",
        "Serving",
        "Access",
        "Influence",
        "Triggering",
        "Flow",
        "Specialization",
        "Association",
    ]
)
#: 2.1 names that 3.x renamed.
_RENAMED_21 = {
    "Realisation": "Realization",
    "UsedBy": "Serving",
    "Specialisation": "Specialization",
    "Junction": "AndJunction",
}
#: The model's children in the order the exchange schema requires.
MODEL_ORDER = (
    "name",
    "documentation",
    "properties",
    "metadata",
    "elements",
    "relationships",
    "organizations",
    "propertyDefinitions",
    "views",
)

#: Where each concept goes by default: a role that names a level of any schema.
_ELEMENT_ROLES = {
    "Driver": "top",
    "Goal": "above goal",
    "Outcome": "goal",
    "Deliverable": "below goal",
    "Requirement": "below goal",
    "CourseOfAction": "below goal",
    "WorkPackage": "bottom",
}
_RELATIONSHIP_KINDS = {
    "Realization": "hierarchy",
    "Aggregation": "hierarchy",
    "Composition": "hierarchy",
    "Influence": "signed",
}
_LINK_VALUES = ("hierarchy", "supports", "tension", "signed")
#: Means realize ends: a concept may realize those before it (ArchiMate 3.1's relationship table).
_REALIZES = ("Goal", "Outcome", "Requirement", "CourseOfAction", "Deliverable", "WorkPackage")
_MOTIVATION = frozenset(
    ("Driver", "Assessment", "Goal", "Outcome", "Principle", "Requirement", "Constraint")
)
_JUNCTIONS = frozenset(("AndJunction", "OrJunction"))
_INFLUENCERS = _MOTIVATION | {
    "CourseOfAction",
    "Capability",
    "Resource",
    "ValueStream",
    "WorkPackage",
    "Deliverable",
}
#: Properties that carry what ArchiMate has no word for, so that a map reads back as written.
P_ID, P_LEVEL, P_KIND, P_SCHEMA = (
    "stratgraph:id",
    "stratgraph:level",
    "stratgraph:kind",
    "stratgraph:schema",
)
#: Keys in ``Element.attrs`` that hold ArchiMate's own data about an element.
A_TYPE, A_ID, A_NAME, A_DOC = (
    "archimate:type",
    "archimate:id",
    "archimate:name",
    "archimate:documentation",
)
#: The property names a file gave fields under (``{"owner": "Ejer"}``), written back the same.
A_FIELDS = "archimate:fields"
#: The prefix of a property kept in ``attrs`` whose name a field has (``ID``, a second ``Ejer``).
A_PROPERTY = "archimate:property:"
_OWN_ATTRS = (A_TYPE, A_ID, A_NAME, A_DOC, A_FIELDS)
_FIELD_PROPERTIES = (
    *("owner", "agenda", "start", "end", "budget", "status", "indicators", "followup"),
)
_META_PROPERTIES = ("organisation", "year", "currency")
#: What a warning says of a part of the model that the map does not hold as its own.
_KEPT = (
    "kept on the map as it is and written back to ArchiMate; other formats leave it out "
    "(smap.foreign)"
)
_NCNAME = re.compile(r"^[^\W\d][\w.\-\u00b7\u0300-\u036f\u203f\u2040]*\Z")


def default_mapping(schema: SchemaLike | None = None) -> dict[str, str | None]:
    """Return the default mapping of ArchiMate types to ``schema``'s levels and link kinds.

    Concepts go by role, so the mapping fits every schema: ``Driver`` to the top level,
    ``Goal`` to the level above the goal level, ``Outcome`` to the goal level,
    ``Deliverable``, ``Requirement`` and ``CourseOfAction`` to the level below it and
    ``WorkPackage`` to the bottom level. Realization, aggregation and composition are
    hierarchy links; influence is ``signed`` (``supports``, or ``tension`` when its modifier
    starts with ``-``). Every other type is kept as it is (``None``).

    Examples
    --------
    >>> from stratgraph.io.archimate import default_mapping
    >>> m = default_mapping("municipal")
    >>> m["Goal"], m["Outcome"], m["WorkPackage"], m["Influence"], m["Association"]
    ('strategy', 'effect_goal', 'project', 'signed', None)
    """
    the_schema = Schema.coerce(schema)
    names = the_schema.level_names
    g = the_schema.goal_rank
    above = next((lv.name for lv in reversed(the_schema.levels[:g]) if not lv.optional), names[g])
    roles = {
        "top": names[0],
        "above goal": above,
        "goal": names[g],
        "below goal": names[min(g + 1, len(names) - 1)],
        "bottom": names[-1],
    }
    mapping: dict[str, str | None] = dict.fromkeys(sorted(ELEMENT_TYPES | RELATIONSHIP_TYPES))
    mapping.update({t: roles[role] for t, role in _ELEMENT_ROLES.items()})
    mapping.update(_RELATIONSHIP_KINDS)
    return mapping


def _mapping(schema: Schema, given: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """Return the default mapping with ``given`` laid over it, every value checked."""
    mapping = default_mapping(schema)
    if given is None:
        return mapping
    if not isinstance(given, Mapping):
        raise invalid("mapping", given, "a dict of ArchiMate types to levels or link kinds")
    for key, value in given.items():
        if key in RELATIONSHIP_TYPES:
            if value is not None and value not in _LINK_VALUES:
                valid = ", ".join(map(repr, _LINK_VALUES)) + " or None (kept)"
                option = f"mapping[{key!r}]"
                raise invalid(option, value, f"a link kind: {valid}")
            mapping[key] = value
            continue
        if not isinstance(key, str) or not key:
            raise invalid("mapping", key, "ArchiMate type names such as 'Goal' as keys")
        if value is None:
            mapping[key] = None
            continue
        level = schema.resolve_type(value) if isinstance(value, str) else None
        if level is None:
            option = f"mapping[{key!r}]"
            levels = ", ".join(schema.level_names)
            raise invalid(
                option, value, f"a level of the schema {schema.name!r} ({levels}) or None"
            )
        mapping[key] = level
    return mapping


# -- parsing ------------------------------------------------------------------------------------


class _Tree(ContentHandler):
    """Build an ElementTree from SAX events, noting the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.builder = ET.TreeBuilder()
        self.lines: dict[int, int] = {}
        self.locator: Any = None
        self.prefixes: dict[str | None, list[str]] = {}

    def startPrefixMapping(self, prefix: str | None, uri: str) -> None:  # noqa: N802 - SAX's name
        self.prefixes.setdefault(prefix, []).append(uri)

    def endPrefixMapping(self, prefix: str | None) -> None:  # noqa: N802 - SAX's name
        self.prefixes[prefix].pop()

    def setDocumentLocator(self, locator: Any) -> None:  # noqa: N802 - SAX's name
        self.locator = locator

    def startElementNS(self, name: tuple[str | None, str], qname: Any, attrs: Any) -> None:  # noqa: N802, ARG002
        given = {_clark(key): value for key, value in attrs.items()}
        kind = given.get(_TYPE)
        if kind is not None and ":" in kind:
            # xsi:type is a QName: archimate:Goal is Goal when the prefix names ArchiMate's
            prefix, _, local = kind.partition(":")
            bound = self.prefixes.get(prefix)
            if bound and bound[-1] in (NS, NS_21):
                given[_TYPE] = local
        element = self.builder.start(_clark(name), given)
        self.lines[id(element)] = self.locator.getLineNumber() if self.locator else 0

    def endElementNS(self, name: tuple[str | None, str], qname: Any) -> None:  # noqa: N802, ARG002
        self.builder.end(_clark(name))

    def characters(self, content: str) -> None:
        self.builder.data(content)


def _clark(name: tuple[str | None, str]) -> str:
    uri, local = name
    return f"{{{uri}}}{local}" if uri else local


def _parse(data: bytes, name: str) -> tuple[ET.Element, dict[int, int]]:
    """Parse with no DTD, no entities and no network; a refusal or a syntax error names the line."""
    from defusedxml import DefusedXmlException  # noqa: PLC0415 - keeps `import stratgraph` light
    from defusedxml.expatreader import DefusedExpatParser  # noqa: PLC0415

    parser = DefusedExpatParser(forbid_dtd=True)
    parser.setFeature(feature_namespaces, True)  # noqa: FBT003 - SAX's signature
    tree = _Tree()
    parser.setContentHandler(tree)
    try:
        parser.parse(io.BytesIO(data))
    except DefusedXmlException as err:
        msg = (
            f"{name}: refused ({type(err).__name__}); an ArchiMate exchange file needs no DTD "
            "or entities, so remove the <!DOCTYPE ...> part"
        )
        raise ReadError(msg) from err
    except LookupError as err:
        msg = (
            f"{name}: the encoding the file declares is unknown ({err}); save it as UTF-8, "
            "as ArchiMate tools do"
        )
        raise ReadError(msg) from err
    except SAXParseException as err:
        msg = (
            f"{name}, line {err.getLineNumber()}: not well-formed XML ({err.getMessage()}); "
            "an ArchiMate exchange file is XML as the Open Group's schema describes it"
        )
        raise ReadError(msg) from err
    return tree.builder.close(), tree.lines


def is_archimate(path: StrPath) -> bool:
    """Return whether the XML file at ``path`` is an ArchiMate exchange file (by its namespace).

    Only the root element is read (by the hardened parser, in any encoding XML allows, however
    long the prolog before it): it is ``<model>`` in the namespace
    ``http://www.opengroup.org/xsd/archimate/3.0/`` (2.1: ``.../xsd/archimate``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "model.xml"
    >>> sg.datasets.load("eksempel-2012").to_archimate(out)
    >>> from stratgraph.io.archimate import is_archimate
    >>> is_archimate(out)
    True
    """
    found = _root_of(path)
    return found is not None and found[1] == "model" and found[0] in (NS, NS_21)


class _RootFound(Exception):  # noqa: N818 - not an error: the parse stops at what it looked for
    """Raised by the SAX handler at the first start tag, to stop reading the file."""

    def __init__(self, uri: str, local: str) -> None:
        super().__init__(uri, local)
        self.uri, self.local = uri, local


class _Root(ContentHandler):
    def startElementNS(self, name: tuple[str | None, str], qname: Any, attrs: Any) -> None:  # noqa: N802, ARG002 - SAX's name
        raise _RootFound(name[0] or "", name[1])


def _root_of(path: StrPath) -> tuple[str, str] | None:
    """Return the namespace and local name of the root element, or ``None`` if none is read.

    The file is fed to the hardened parser a block at a time and reading stops at the first
    start tag, so a long comment before the root costs one pass and nothing is kept.
    """
    from defusedxml import DefusedXmlException  # noqa: PLC0415 - keeps `import stratgraph` light
    from defusedxml.expatreader import DefusedExpatParser  # noqa: PLC0415

    parser = DefusedExpatParser(forbid_dtd=True)
    parser.setFeature(feature_namespaces, True)  # noqa: FBT003 - SAX's signature
    parser.setContentHandler(_Root())
    try:
        with Path(path).open("rb") as handle:
            while block := handle.read(1 << 16):
                parser.feed(block)
    except _RootFound as found:
        return found.uri, found.local
    except (DefusedXmlException, SAXParseException, LookupError, OSError):
        return None
    return None


def _xml_format(path: StrPath) -> str:
    """Return which reader reads an ``.xml`` file: ``"graphml"`` or ``"archimate"``.

    A root ``<graphml>`` is GraphML; any other root goes to the ArchiMate reader, which names
    what the root is when it refuses it. A file whose root cannot be read (not XML, a DTD) is
    ArchiMate if ArchiMate's namespace appears in its first 8 KB, else GraphML, and that
    reader names the fault.
    """
    found = _root_of(path)
    if found is not None:
        return "graphml" if found[1] == "graphml" else "archimate"
    with Path(path).open("rb") as handle:
        head = handle.read(8192)
    return "archimate" if NS_21.encode() in head else "graphml"


def _local(element: ET.Element) -> str:
    return str(element.tag).rpartition("}")[2]


def _kids(element: ET.Element | None, local: str) -> list[ET.Element]:
    return [] if element is None else [c for c in element if _local(c) == local]


def _first(element: ET.Element, local: str) -> ET.Element | None:
    found = _kids(element, local)
    return found[0] if found else None


def _texts(element: ET.Element, local: str) -> list[list[str | None]]:
    return [[c.get(_LANG), (c.text or "")] for c in _kids(element, local)]


def _upgrade_21(root: ET.Element) -> None:
    """Rewrite a 2.1 tree in place to the 3.x names it means, so one reader reads both."""
    renames = {
        "organization": "organizations",
        "propertydefs": "propertyDefinitions",
        "propertydef": "propertyDefinition",
    }
    for element in root.iter():
        local = _local(element)
        element.tag = f"{{{NS}}}{renames.get(local, local)}"
        # 2.1 says identifierref both for a property's definition and a folder item's concept.
        refers = "propertyDefinitionRef" if local == "property" else "identifierRef"
        for old, new in (
            ("identifierref", refers),
            ("elementref", "elementRef"),
            ("relationshipref", "relationshipRef"),
        ):
            if old in element.attrib:
                element.set(new, element.attrib.pop(old))
        kind = element.get(_TYPE)
        if kind in _RENAMED_21:
            element.set(_TYPE, _RENAMED_21[kind])
    for element in root.iter():
        local = _local(element)
        if local in ("element", "relationship", "view") or (
            local == "model" and _first(element, "name") is None
        ):
            for label in _kids(element, "label"):
                label.tag = f"{{{NS}}}name"
        if local == "propertyDefinition" and element.get("name") is not None:
            named = ET.Element(f"{{{NS}}}name")
            named.text = element.attrib.pop("name")
            element.insert(0, named)
    views = _first(root, "views")
    if views is not None and _first(views, "diagrams") is None:
        diagrams = ET.Element(f"{{{NS}}}diagrams")
        for view in _kids(views, "view"):
            views.remove(view)
            view.set(_TYPE, "Diagram")
            for part in view.iter():
                if _local(part) == "node" and _TYPE not in part.attrib:
                    part.set(_TYPE, "Element" if part.get("elementRef") else "Container")
                if _local(part) == "connection" and _TYPE not in part.attrib:
                    part.set(_TYPE, "Relationship" if part.get("relationshipRef") else "Line")
            diagrams.append(view)
        views.append(diagrams)


# -- reading ------------------------------------------------------------------------------------


class _Reader:
    """One reading of one file: the tree, where its parts are, and what was found wrong."""

    def __init__(self, root: ET.Element, lines: dict[int, int], name: str) -> None:
        self.root = root
        self.lines = lines
        self.name = name
        self.problems: list[Problem] = []
        self.known_definitions: str | None = None

    def where(self, element: ET.Element, identifier: str | None = None) -> Location:
        """Return where ``element`` is: its line, and the element or relationship concerned."""
        line = self.lines.get(id(element))
        if (
            identifier is not None
            and identifier == element.get("identifier")
            and (_local(element) == "relationship")
        ):
            return Location(self.name, line=line, item=f"relationship {identifier!r}")
        return Location(self.name, line=line, element=identifier)

    def problem(self, element: ET.Element, message: str, identifier: str | None = None) -> None:
        ident = identifier if identifier is not None else element.get("identifier")
        self.problems.append(Problem(message, self.where(element, ident)))

    def identifiers(self) -> dict[str, ET.Element]:
        """Check every ``identifier`` (an xs:ID: a name, unique) and return them."""
        found: dict[str, ET.Element] = {}
        for element in self.root.iter():
            ident = element.get("identifier")
            if ident is None:
                continue
            if not _NCNAME.match(ident):
                self.problem(
                    element,
                    f"the identifier {ident!r} is not an XML name (xs:ID); it must start with a "
                    "letter or '_' and hold only letters, digits, '.', '-' and '_'",
                )
            elif ident in found:
                first = self.lines.get(id(found[ident]))
                self.problem(
                    element,
                    f"the identifier {ident!r} is used before, on line {first}; every "
                    "identifier must be unique",
                )
            else:
                found[ident] = element
        return found

    def properties(
        self, element: ET.Element, definitions: Mapping[str, str]
    ) -> list[tuple[str, str]]:
        """Return the element's properties as (name, value) pairs, in file order."""
        return [(key, value) for key, value, _ in self.properties_at(element, definitions)]

    def properties_at(
        self, element: ET.Element, definitions: Mapping[str, str]
    ) -> list[tuple[str, str, ET.Element]]:
        """Return the element's properties as (name, value, <property>), in file order.

        A property with no value, or an empty one (``<value/>``), has the value ``""``.
        """
        found = []
        for holder in _kids(element, "properties"):
            for prop in _kids(holder, "property"):
                ref = prop.get("propertyDefinitionRef", "")
                if ref not in definitions:
                    if self.known_definitions is None:
                        shown = [repr(k) for k in list(definitions)[:8]]
                        self.known_definitions = ", ".join(shown) or "none"
                    message = (
                        f"the property refers to the property definition {ref!r}, which the "
                        f"model does not define; defined: {self.known_definitions}"
                    )
                    where = self.where(element, element.get("identifier"))
                    where = replace(where, line=self.lines.get(id(prop), where.line))
                    self.problems.append(Problem(message, where))
                    continue
                values = _kids(prop, "value")
                found.append((definitions[ref], (values[0].text or "") if values else "", prop))
        return found


def _occurrence(name: str, prop: ET.Element, as_read: str | dict[str, str] | None) -> list[Any]:
    """Return a property as kept: its name, every value with its language, and its reading.

    The writer writes the values as they were while the map's value is still ``as_read``.
    """
    return [name, _texts(prop, "value"), as_read]


@keeps_read_warnings
def read_archimate(
    path: StrPath,
    *,
    schema: SchemaLike | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> StrategyMap:
    """Read a map from an ArchiMate Model Exchange File (3.x; 2.1 files are read too).

    Elements whose type the mapping puts on a level become the map's elements, keeping their
    identifier as id, their name as title and their documentation as description; properties
    named like element fields (``owner``, ``budget``, ``ejer`` …) fill those fields, the
    others go to ``attrs``. Relationships the mapping makes links become links. Everything else
    (other elements, relationships, organizations, views, model properties) is kept in
    ``smap.foreign["archimate"]`` and written back by :meth:`StrategyMap.to_archimate`.

    Parameters
    ----------
    path
        The ``.xml`` file.
    schema
        A :class:`Schema` or preset name; default the one the file names, else ``municipal``.
    mapping
        ArchiMate type names mapped to a level (any alias), to ``"hierarchy"``,
        ``"supports"``, ``"tension"`` or ``"signed"`` for relationships, or to ``None`` to keep
        the concept out of the map; laid over :func:`default_mapping`.

    Returns
    -------
    StrategyMap

    Raises
    ------
    ReadError
        If the file is not well-formed XML, declares a DTD or entities, or is not an ArchiMate
        exchange file of a version read here.
    ValidationError
        If an identifier is not a valid or unique xs:ID, a relationship, organization item,
        property or view refers to something the model does not hold, or the map breaks the
        model; each problem names the line and the identifier.
    OptionError
        If ``mapping`` names a level the schema does not have.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "model.xml"
    >>> m = sg.datasets.load("eksempel-2012")  # ArchiMate has no place for measurements
    >>> m.to_archimate(out)
    >>> back = sg.read_archimate(out)
    >>> back == m, back.foreign["archimate"]["version"]
    (True, '3.1')
    """
    try:
        return _read(path, schema, mapping)
    except RecursionError:
        msg = (
            f"{display_name(path)}: the model is nested too deeply (folders or views inside "
            "one another a thousand levels down or more) to be read"
        )
        raise ReadError(msg) from None


def _read(
    path: StrPath, schema: SchemaLike | None, mapping: Mapping[str, str | None] | None
) -> StrategyMap:
    name = display_name(path)
    root, lines = _parse(read_file_bytes(path), name)
    _check_root(root, name)
    version = "2.1" if str(root.tag).startswith(f"{{{NS_21}}}") else "3.1"
    if version == "2.1":
        _upgrade_21(root)
    reader = _Reader(root, lines, name)
    known = reader.identifiers()
    definitions = {
        d.get("identifier", ""): _first_text(d, "name") or d.get("identifier") or ""
        for holder in _kids(root, "propertyDefinitions")
        for d in _kids(holder, "propertyDefinition")
    }
    model_props = reader.properties_at(root, definitions)
    meta: dict[str, Any] = {"where": Location(name)}
    kept_props: list[list[str]] = []
    model_values: list[list[Any]] = []
    in_file_schema = None
    places = _Places(reader)
    for prop, value, at in model_props:
        places.model.setdefault(prop, lines.get(id(at)))
        if prop in _META_PROPERTIES:
            meta[prop] = int(value) if prop == "year" and value.strip().isdigit() else value
            model_values.append(_occurrence(prop, at, str(meta[prop])))
        elif prop == P_SCHEMA:
            in_file_schema = _schema_json(value, reader, at)
            model_values.append(_occurrence(prop, at, value))
        else:
            kept_props.append([prop, value])
            model_values.append(_occurrence(prop, at, value))
    the_schema = file_schema(schema, in_file_schema, Location(name))
    the_mapping = _mapping(the_schema, mapping)

    import networkx as nx  # noqa: PLC0415 - keeps `import stratgraph` light

    graph: nx.DiGraph[str] = nx.DiGraph()
    names = _texts(root, "name")
    graph.graph["name"] = names[0][1] if names else Path(path).stem
    graph.graph.update({k: v for k, v in meta.items() if k in _META_PROPERTIES})
    kept_elements: dict[str, str] = {}
    order: list[str] = []
    seen: set[str] = set()
    map_id: dict[str, str] = {}  # identifier → the map element's id
    values: dict[str, dict[str, Any]] = {}  # identifier → what the map holds as read
    types: dict[str, str] = {}
    for holder in _kids(root, "elements"):
        for element in _kids(holder, "element"):
            ident = element.get("identifier")
            if ident is None:
                reader.problem(element, "an element has no identifier; every element needs one")
                continue
            if ident in seen:
                continue  # named as a repeated identifier already
            seen.add(ident)
            order.append(ident)
            kind = element.get(_TYPE)
            if not _texts(element, "name") and kind not in _JUNCTIONS:
                reader.problem(
                    element,
                    "the element has no <name>; every element but a junction needs one",
                )
            if kind is None:
                reader.problem(
                    element, "the element has no xsi:type; give one such as 'Goal' or 'Node'"
                )
                continue
            types[ident] = kind
            located = reader.properties_at(element, definitions)
            props = [(key, value) for key, value, _ in located]
            level = _level_of(kind, props, the_mapping, the_schema, reader, element)
            if kind not in ELEMENT_TYPES:
                fate = (
                    f"not a map element; it is {_KEPT}"
                    if level is None
                    else f"read at the level {level!r} and keeps its type, which ArchiMate "
                    "writes back unchanged"
                )
                warn_at(
                    reader.where(element, ident),
                    f"{kind!r} is not an ArchiMate {version} element type; the element is {fate}",
                )
            if level is None:
                kept_elements[ident] = _xml(element)
                continue
            node, data = _node(ident, kind, level, element, located, reader)
            places.element(node, element, located, data["filled"])
            values[ident] = _own_parts(element, located, data.pop("filled"))
            if _type_for(level, the_mapping, the_schema) == kind:
                del data["attrs"][A_TYPE]  # written back as this type without being told
            if node in graph:
                reader.problem(element, f"a second element has the id {node!r}", ident)
                continue
            map_id[ident] = node
            graph.add_node(node, **data)
    relationships, edges, through = _relationships(
        reader, root, graph, map_id, the_mapping, the_schema, types, places
    )
    all_ids = set(known)
    _check_references(reader, root, all_ids)
    if reader.problems:
        raise ValidationError(reader.problems)
    graph.graph["schema"] = the_schema
    foreign = {
        "version": version,
        "identifier": root.get("identifier"),
        "names": names,
        "documentation": _texts(root, "documentation"),
        "properties": kept_props,
        "metadata": [_xml(m) for m in _kids(root, "metadata")],
        "elements": order,
        "kept_elements": kept_elements,
        "relationships": relationships,
        "junction_links": through,
        "organizations": [_xml(o) for o in _kids(root, "organizations")],
        "property_definitions": [
            [d.get("identifier", ""), _first_text(d, "name") or "", d.get("type", "string")]
            for holder in _kids(root, "propertyDefinitions")
            for d in _kids(holder, "propertyDefinition")
        ],
        "views": [_xml(v) for v in _kids(root, "views")],
        "attributes": {} if version == "2.1" else _own_attributes(root, ("identifier",)),
        "model_values": model_values,
        "values": values,
    }
    problems: list[Problem] = []
    with places.relocating():
        read_text_numbers(graph, name, problems)
        smap = map_from_graph(
            graph,
            schema=the_schema,
            file=name,
            problems=problems,
            edges=edges,
            places=places.graph_places(),
        )
    for ident, parts in values.items():
        mapped = smap[map_id[ident]]
        for occurrence in parts["props"]:
            if isinstance(occurrence[2], dict):  # the field it filled: its value as read
                occurrence[2] = _field_text(mapped, occurrence[2]["field"])
    smap._foreign = {"archimate": foreign}  # noqa: SLF001 - the readers' constructor
    return smap


class _Places:
    """Where each map element and link is in the file, to name the XML in what the map finds.

    The map's own checks speak of fields and columns; :meth:`relocate` turns such a place into
    the line and the part of the file that holds the value (``<name>``, a property, a
    relationship).
    """

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.nodes: dict[str, dict[str, tuple[int | None, str]]] = {}
        self.edges: dict[tuple[str, str], Location] = {}
        self.model: dict[str, int | None] = {}  # the model's property → its line

    def element(
        self,
        node: str,
        element: ET.Element,
        props: list[tuple[str, str, ET.Element]],
        filled: Mapping[int, str],
    ) -> None:
        lines = self.reader.lines
        line = lines.get(id(element))
        parts: dict[str, tuple[int | None, str]] = {
            "": (line, "<element>"),
            "id": (line, "identifier"),
            "type": (line, "xsi:type"),
            "attrs": (line, "<properties>"),
        }
        for field, local in (("title", "name"), ("description", "documentation")):
            found = _first(element, local)
            parts[field] = (lines.get(id(found), line) if found is not None else line, f"<{local}>")
        for index, (key, _, prop) in enumerate(props):
            named = filled.get(index) or {P_ID: "id", P_LEVEL: "type"}.get(key)
            if named is not None:
                parts[named] = (lines.get(id(prop), line), f"property {key!r}")
        self.nodes[node] = parts

    def graph_places(self) -> dict[Any, Location]:
        name = self.reader.name
        out: dict[Any, Location] = {
            node: Location(name, line=parts[""][0], element=node)
            for node, parts in self.nodes.items()
        }
        out.update(self.edges)
        return out

    def relocate(self, where: Location) -> Location:
        """Return ``where`` with the line and the XML part in place of a field's column."""
        if where.item is not None and where.item.startswith("relationship "):
            return replace(where, column=None, element=None)
        if where.file != self.reader.name:
            return where
        if where.element is None and where.column in self.model:
            line = self.model[where.column]
            return replace(where, line=line, item=f"property {where.column!r}", column=None)
        parts = self.nodes.get(where.element or "")
        if parts is None:
            return where
        if where.column is None:
            return replace(where, line=where.line or parts[""][0])
        field = re.split(r"[\[.]", where.column, maxsplit=1)[0]
        line, item = parts.get(field) or (parts[""][0], f"property {field!r}")
        if field != where.column:
            item += f" ({where.column})"
        return replace(where, line=line, item=item, column=None)

    @contextmanager
    def relocating(self) -> Iterator[None]:
        """Relocate the problems of a ``ValidationError`` and the warnings given in the block."""
        notes: list[Problem] = []
        caught: list[warnings.WarningMessage] = []
        try:
            with collecting() as notes, warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    yield
                except ValidationError as err:
                    moved = [replace(p, location=self.relocate(p.location)) for p in err.problems]
                    raise ValidationError(moved) from None
        finally:
            # Given again where they are, after the block, as the block gave them.
            for note in notes:
                warn_at(self.relocate(note.location), note.message, stacklevel=3)
            for w in caught:
                if not isinstance(w.message, ReadWarning):
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _check_root(root: ET.Element, name: str) -> None:
    tag = str(root.tag)
    uri = tag[1:].partition("}")[0] if tag.startswith("{") else ""
    if _local(root) == "model" and uri in (NS, NS_21):
        return
    said = f"<{_local(root)}> in the namespace {uri!r}" if uri else f"<{_local(root)}>"
    if uri == ARCHI_NATIVE:
        msg = (
            f"{name}: this is an Archi model in Archi's own format (its root is {said}), not "
            "an Open Group exchange file; in Archi, choose File → Export → Model to Open "
            "Exchange File… and read the file it writes"
        )
        raise ReadError(msg)
    msg = (
        f"{name}: not an ArchiMate exchange file of a version read here; its root is {said}, "
        f"an ArchiMate 3.x file's is <model> in {NS!r} (2.1: {NS_21!r})"
    )
    raise ReadError(msg)


def _first_text(element: ET.Element, local: str) -> str | None:
    found = _first(element, local)
    return None if found is None else (found.text or "")


def _xml(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode")


def _level_of(  # noqa: PLR0917 - one element's parts, read together
    kind: str,
    props: list[tuple[str, str]],
    mapping: Mapping[str, str | None],
    schema: Schema,
    reader: _Reader,
    element: ET.Element,
) -> str | None:
    """Return the level an element goes to: its ``stratgraph:level`` property, else its type's."""
    stated = next((v for k, v in props if k == P_LEVEL), None)
    if stated is not None:
        level = schema.resolve_type(stated)
        if level is not None:
            return level
        warn_at(
            reader.where(element, element.get("identifier")),
            f"the property {P_LEVEL} = {stated!r} is not a level of the schema "
            f"{schema.name!r} ({', '.join(schema.level_names)}); the element goes where its "
            f"type {kind!r} goes",
        )
    return mapping.get(kind)


def _node(  # noqa: PLR0917 - one element's parts, read together
    ident: str,
    kind: str,
    level: str,
    element: ET.Element,
    props: list[tuple[str, str, ET.Element]],
    reader: _Reader,
) -> tuple[str, dict[str, Any]]:
    """Return the map id and the node data (fields and ``attrs``) of a mapped element.

    The first property named like a field fills it; an empty one means no value. Another
    property named like a field (a second ``Ejer``, or ``ID``, ``Title``) is kept in ``attrs``
    under ``archimate:property:NAME``, which no field is called, and written back as ``NAME``.
    """
    names = _texts(element, "name")
    docs = _texts(element, "documentation")
    attrs: dict[str, Any] = {A_TYPE: kind}
    data: dict[str, Any] = {"type": level, "title": names[0][1] if names else ""}
    if docs:
        data["description"] = docs[0][1]
    if len(names) > 1 or (names and names[0][0] is not None):
        attrs[A_NAME] = names
    if len(docs) > 1 or (docs and docs[0][0] is not None):
        attrs[A_DOC] = docs
    node = ident
    filled: dict[int, str] = {}
    for index, (key, value, prop) in enumerate(props):
        field = _field_named(key)
        if key == P_ID and value.strip():
            node = value
            if ident != derived_identifier(value):
                attrs[A_ID] = ident
            continue
        if key == P_LEVEL:
            continue
        if field in _FIELD_PROPERTIES and (
            not value or (not value.strip() and field not in ("owner", "status"))
        ):
            # an empty property is no value; spaces are a text's own (a status of " "), but
            # no number or list
            continue
        if field in _FIELD_PROPERTIES and field not in data:
            data[field] = _field_value(field, value)
            filled[index] = field
            if key != field:
                attrs.setdefault(A_FIELDS, {})[field] = key
            continue
        if field is not None:
            given_by = (
                "an earlier property filled"
                if field in _FIELD_PROPERTIES
                else "the element's identifier, type, name, documentation or relationships give"
            )
            warn_at(
                reader.where(prop, ident),
                f"the property {key!r} is named like the field {field!r}, which {given_by}; "
                f"it is kept in attrs as {A_PROPERTY + key!r}, which ArchiMate writes back as "
                f"{key!r}",
            )
            key = A_PROPERTY + key  # noqa: PLW2901 - the name it is kept under
        if key in attrs:
            before = attrs[key]
            attrs[key] = [*before, value] if isinstance(before, list) else [before, value]
        else:
            attrs[key] = value
    data["attrs"] = attrs
    data["filled"] = filled
    return node, data


def _own_attributes(element: ET.Element, known: tuple[str, ...]) -> dict[str, str]:
    """Return the attributes of ``element`` but ``known`` ones (a tool's own, ``version``)."""
    return {k: v for k, v in element.attrib.items() if k not in known}


def _own_parts(
    element: ET.Element, props: list[tuple[str, str, ET.Element]], filled: Mapping[int, str]
) -> dict[str, Any]:
    """Return what a mapped element holds beyond the map: values' languages, a tool's extensions.

    A property that filled a field is marked ``{"field": ...}``, replaced by the field's text
    once the map is read.
    """
    return {
        "props": [
            _occurrence(key, prop, {"field": filled[i]} if i in filled else value)
            for i, (key, value, prop) in enumerate(props)
            if key not in (P_ID, P_LEVEL)
        ],
        "attributes": _own_attributes(element, ("identifier", _TYPE)),
        "children": [
            _xml(c) for c in element if _local(c) not in ("name", "documentation", "properties")
        ],
    }


def _schema_json(value: str, reader: _Reader, prop: ET.Element) -> Any:
    """Return the schema a ``stratgraph:schema`` property names (a preset) or holds (JSON)."""
    if not value.lstrip().startswith("{"):
        return value
    try:
        return json.loads(value)
    except (json.JSONDecodeError, RecursionError) as err:
        where = reader.where(prop)
        why = "nested too deeply" if isinstance(err, RecursionError) else str(err)
        msg = (
            f"{where}: the property {P_SCHEMA} is not a schema written as JSON ({why}); give "
            "a preset name such as 'municipal' or the schema as JSON"
        )
        raise ReadError(msg) from err


def _field_named(key: str) -> str | None:
    """Return the field a column or attribute named ``key`` would be read back as, if any."""
    return FIELD_ALIASES.get(normalise_name(key)) or budget_header(key)


def _field_value(field: str, value: str) -> Any:
    if field == "agenda":
        return split_list(value)
    if field == "indicators":
        try:
            return json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            return value  # the model's own check names it
    return value


def _relationships(  # noqa: PLR0917 - the reading's parts
    reader: _Reader,
    root: ET.Element,
    graph: Any,
    map_id: Mapping[str, str],
    mapping: Mapping[str, str | None],
    schema: Schema,
    types: Mapping[str, str],
    places: _Places,
) -> tuple[list[dict[str, Any]], list[tuple[str, str]], list[dict[str, Any]]]:
    """Make links of the relationships the mapping asks for; return every relationship kept.

    The third list holds the links read through junctions, each with the relationships it
    runs along (``via``), which stay kept as they are.
    """
    concepts = {
        e.get("identifier")
        for local in ("elements", "relationships")
        for holder in _kids(root, local)
        for e in _kids(holder, local[:-1])
    }
    known = {e.get("identifier"): e for e in root.iter() if e.get("identifier")}
    stored: list[dict[str, Any]] = []
    linker = _Linker(reader, graph, schema, places)
    definitions = {
        d.get("identifier", ""): _first_text(d, "name") or ""
        for holder in _kids(root, "propertyDefinitions")
        for d in _kids(holder, "propertyDefinition")
    }
    at_junctions: list[ET.Element] = []
    for holder in _kids(root, "relationships"):
        for rel in _kids(holder, "relationship"):
            ident = rel.get("identifier")
            kind = rel.get(_TYPE)
            ends = {"source": rel.get("source"), "target": rel.get("target")}
            bad = False
            for end, ref in ends.items():
                if ref is None or ref not in concepts:
                    reader.problem(rel, _bad_end(end, ref, known.get(ref), reader))
                    bad = True
            if kind is None:
                reader.problem(
                    rel, "the relationship has no xsi:type; give one such as 'Realization'"
                )
                bad = True
            if bad or kind is None:
                continue
            props = reader.properties(rel, definitions)
            entry: dict[str, Any] = {"identifier": ident, "xml": _xml(rel), "link": None}
            stored.append(entry)
            if types.get(ends["source"] or "") in _JUNCTIONS or (
                types.get(ends["target"] or "") in _JUNCTIONS
            ):
                at_junctions.append(rel)
                continue
            link = _link_of(rel, kind, props, mapping)
            if link is None:
                continue
            s, t, link_kind = link
            if s not in map_id or t not in map_id:
                continue
            docs = _texts(rel, "documentation")
            data: dict[str, Any] = {"kind": link_kind}
            if docs and docs[0][1]:
                data["note"] = docs[0][1]
            weight = next((v for k, v in props if k == "weight"), None)
            if weight is not None:
                data["weight"] = weight  # read with the others' below
            made = linker.link(rel, map_id[s], map_id[t], data, f"the {kind} relationship")
            if made:
                entry.update(link=list(made), kind=link_kind)
                if weight is not None:
                    linker.weights.append((entry, rel, weight))
    _read_weights(reader, graph, linker.weights)
    through = _junction_links(reader, at_junctions, types, map_id, mapping, linker)
    return stored, linker.edges, through


def _bad_end(end: str, ref: str | None, found: ET.Element | None, reader: _Reader) -> str:
    """Return why a relationship's end is refused: it is missing, or not an element or one."""
    valid = "a relationship joins elements or relationships; give the identifier of one"
    if ref is None:
        return f"the relationship has no {end}; {valid}"
    if found is None:
        return f"the relationship's {end} {ref!r} is not in the model; {valid}"
    local = _local(found)
    what = {
        "model": "the model's own identifier",
        "view": "a view",
        "propertyDefinition": "a property definition",
    }.get(local, f"a <{local}>")
    line = reader.lines.get(id(found))
    return f"the relationship's {end} {ref!r} is {what} (line {line}), not a concept; {valid}"


class _Linker:
    """The links made so far, and the rule that refuses one (against the schema, twice)."""

    def __init__(self, reader: _Reader, graph: Any, schema: Schema, places: _Places) -> None:
        self.reader, self.graph, self.schema, self.places = reader, graph, schema, places
        self.edges: list[tuple[str, str]] = []
        self.pairs: set[frozenset[str]] = set()
        self.weights: list[tuple[dict[str, Any], ET.Element, str]] = []

    def link(
        self, rel: ET.Element, parent: str, child: str, data: dict[str, Any], what: str
    ) -> tuple[str, str] | None:
        why = _why_not_link(self.graph, parent, child, data["kind"], self.schema, self.pairs)
        if why:
            warn_at(
                self.reader.where(rel, rel.get("identifier")),
                f"{what} from {parent!r} to {child!r} is not read as a {data['kind']} link: "
                f"{why}; the relationship is {_KEPT}",
            )
            return None
        self.graph.add_edge(parent, child, **data)
        self.places.edges[parent, child] = self.reader.where(rel, rel.get("identifier"))
        self.edges.append((parent, child))
        self.pairs.add(frozenset((parent, child)))
        return parent, child


def _read_weights(
    reader: _Reader, graph: Any, given: list[tuple[dict[str, Any], ET.Element, str]]
) -> None:
    """Read the links' ``weight`` properties as one column, by the rule for numbers as text."""
    if not given:
        return
    found: list[Problem] = []
    read, _ = read_column(
        [(k, text) for k, (_, _, text) in enumerate(given)],
        kind="number",
        header="weight",
        where=lambda k: reader.where(given[k or 0][1], given[k or 0][1].get("identifier")),
        problems=found,
        dialect="the rule for numbers written as text in a map file",
    )
    for problem in found:
        reader.problems.append(Problem(f"the property weight: {problem.message}", problem.location))
    for k, (entry, _, _) in enumerate(given):
        data = graph.edges[tuple(entry["link"])]
        number = read.get(k)
        if isinstance(number, float | int) and not isinstance(number, bool):
            data["weight"] = float(number)
            entry["weight"] = float(number)
        else:
            del data["weight"]


def _junction_links(  # noqa: PLR0917 - the reading's parts
    reader: _Reader,
    rels: list[ET.Element],
    types: Mapping[str, str],
    map_id: Mapping[str, str],
    mapping: Mapping[str, str | None],
    linker: _Linker,
) -> list[dict[str, Any]]:
    """Read the links that run through junctions: ``A -T-> J -T-> B`` is ``A -T-> B``.

    A junction passes relationships of one type through (influences of one sign); the
    relationships at a junction that mixes types or signs make no link and are warned of. Every
    relationship at a junction stays kept as it is; each link records the ones it runs along.
    """
    out_of: dict[str, list[ET.Element]] = {}
    kinds: dict[str, set[str]] = {}
    first_at: dict[str, ET.Element] = {}
    for rel in rels:
        source, target, kind = rel.get("source", ""), rel.get("target", ""), rel.get(_TYPE, "")
        out_of.setdefault(source, []).append(rel)
        sign = _sign(rel) if kind == "Influence" else ""
        for end in (source, target):
            if types.get(end) in _JUNCTIONS:
                first_at.setdefault(end, rel)
                kinds.setdefault(end, set()).add(kind + sign)
    mixed = set()
    for junction, seen in kinds.items():
        if len({k.rstrip("+-") for k in seen}) > 1 or {"Influence+", "Influence-"} <= seen:
            mixed.add(junction)
            warn_at(
                reader.where(first_at[junction], junction),
                f"the junction {junction!r} joins relationships of different types or signs "
                f"({', '.join(sorted(seen))}); a junction passes one type through, so no link "
                f"is read through it; it and its relationships are {_KEPT}",
            )
    signs = {rel.get("identifier", ""): _sign(rel) for rel in rels}
    through: list[dict[str, Any]] = []
    for start in rels:
        source = start.get("source", "")
        if types.get(source) in _JUNCTIONS or source not in map_id:
            continue
        kind = start.get(_TYPE, "")
        # Every element reached from `source` through junctions only; `via` holds every
        # relationship walked, so that a link removed from the map takes them all with it.
        stack = [start]
        visited: set[str] = set()
        via: list[str] = []
        reached: dict[str, None] = {}
        while stack:
            rel = stack.pop()
            via.append(rel.get("identifier", ""))
            target = rel.get("target", "")
            if types.get(target) not in _JUNCTIONS:
                reached[target] = None
            elif target not in mixed and target not in visited:
                visited.add(target)
                stack.extend(out_of.get(target, ()))
        modifier = next((signs[r] for r in via if signs[r]), "")
        for target in reached:
            if target not in map_id:
                continue
            derived = ET.Element(_q("relationship"), source=source, target=target)
            if modifier:
                derived.set("modifier", modifier)
            link = _link_of(derived, kind, [], mapping)
            if link is None:
                continue
            s, t, link_kind = link
            made = linker.link(
                start,
                map_id[s],
                map_id[t],
                {"kind": link_kind},
                f"the {kind} relationship through a junction",
            )
            if made:
                through.append({"link": list(made), "kind": link_kind, "via": via})
    return through


def _sign(rel: ET.Element) -> str:
    modifier = (rel.get("modifier") or "").strip()
    return "-" if modifier.startswith("-") else ("+" if modifier else "")


def _link_of(
    rel: ET.Element, kind: str, props: list[tuple[str, str]], mapping: Mapping[str, str | None]
) -> tuple[str, str, str] | None:
    """Return (source, target, kind) of the link a relationship makes, parent first, or ``None``."""
    stated = next((v for k, v in props if k == P_KIND), None)
    link = stated if stated in ("hierarchy", "supports", "tension") else mapping.get(kind)
    if link is None:
        return None
    source, target = rel.get("source", ""), rel.get("target", "")
    if link == "signed":
        modifier = rel.get("modifier") or next(
            (v for k, v in props if k == "influenceStrength"), ""
        )
        link = "tension" if modifier.strip().startswith("-") else "supports"
    if link == "hierarchy" and kind == "Realization":
        source, target = target, source  # what realizes is the child
    return source, target, link


def _why_not_link(  # noqa: PLR0917 - a link's parts and the map's
    graph: Any, parent: str, child: str, kind: str, schema: Schema, pairs: set[frozenset[str]]
) -> str | None:
    if parent == child:
        return "it joins an element to itself"
    if frozenset((parent, child)) in pairs:
        return "the two elements are linked already, and a map links two elements once"
    if kind != "hierarchy":
        return None
    upper, lower = graph.nodes[parent]["type"], graph.nodes[child]["type"]
    if schema.rank(upper) < schema.rank(lower):
        return None
    if upper == lower and schema.level(upper).nestable:
        return None
    return (
        f"its parent is at the level {upper!r} and its child at {lower!r}, and the schema "
        f"{schema.name!r} puts a parent above its child"
        + (f" ({upper!r} is not nestable)" if upper == lower else "")
    )


def _check_references(reader: _Reader, root: ET.Element, known: set[str]) -> None:
    """Organization items and view nodes and connections must point at what the model holds."""
    for holder in _kids(root, "organizations"):
        for item in holder.iter():
            ref = item.get("identifierRef")
            if _local(item) == "item" and ref is not None and ref not in known:
                reader.problem(
                    item,
                    f"the organization item refers to {ref!r}, which the model does not hold; "
                    "give the identifier of an element, relationship or view",
                    ref,
                )
    for views in _kids(root, "views"):
        for part in views.iter():
            for attr, what in (("elementRef", "element"), ("relationshipRef", "relationship")):
                ref = part.get(attr)
                if ref is not None and ref not in known:
                    reader.problem(
                        part,
                        f"the view's {_local(part)} {part.get('identifier')!r} shows the {what} "
                        f"{ref!r}, which the model does not hold",
                        ref,
                    )


# -- writing ------------------------------------------------------------------------------------


def to_archimate(
    smap: StrategyMap,
    path: StrPath | None = None,
    *,
    mapping: Mapping[str, str | None] | None = None,
    overwrite: bool = False,
) -> str | None:
    """Write ``smap`` as an ArchiMate 3.1 exchange file to ``path``, or return the text.

    What the map kept from an ArchiMate file (``smap.foreign["archimate"]``) is written back:
    other elements and relationships, organizations, views, properties. Parts of views and
    folders that show elements no longer in the map are left out.

    Raises
    ------
    FileExistsError
        If a file at ``path`` holds elements, relationships or views the new file would not,
        or is not an ArchiMate model, and ``overwrite`` is false.
    ValidationError
        If an ``archimate:`` attribute would make a file the reader refuses.

    Examples
    --------
    >>> text = sg.datasets.load("eksempel-2012").to_archimate()
    >>> text.count('xsi:type="WorkPackage"') > 0
    True
    """
    overwrite = check_bool("overwrite", overwrite)
    if smap.measurements:
        warnings.warn(
            f"the map's {len(smap.measurements)} measurements are not written: an ArchiMate "
            "exchange file has no place for values over time; write YAML, Excel or CSV to keep "
            "them",
            StratgraphWarning,
            stacklevel=3,
        )
    writer = _Writer(smap, _mapping(smap.schema, mapping))
    built = writer.build()
    if path is not None and not overwrite:
        _check_target(Path(path), built)
    root = _plain(built)
    root.set("xmlns", NS)
    root.set("xmlns:xsi", XSI)
    ET.indent(root)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    if path is None:
        return text
    atomic_write_text(path, text)
    return None


def _check_target(target: Path, built: ET.Element) -> None:
    """Refuse to replace a file holding what the new model would not (as ``to_excel`` does)."""
    if not target.is_file():
        return
    concepts = ("element", "relationship", "view")
    try:
        there, _ = _parse(read_file_bytes(target), target.name)
        _check_root(there, target.name)
    except (ReadError, OSError):
        msg = (
            f"not writing {target.name}: it is not an ArchiMate model, and writing would "
            f"replace what it holds. Write to another name, or {OVERWRITE_HINT} to replace it"
        )
        raise FileExistsError(msg) from None
    new = {e.get("identifier") for e in built.iter() if _local(e) in concepts}
    lost: dict[str, list[str]] = {}
    for e in there.iter():
        ident = e.get("identifier")
        if _local(e) in concepts and ident not in new:
            lost.setdefault(_local(e), []).append(str(ident))
    if lost:
        said = "; ".join(
            f"{len(ids)} {kind}{'s' if len(ids) > 1 else ''} ({', '.join(ids[:3])}"
            f"{' …' if len(ids) > 3 else ''})"  # noqa: PLR2004
            for kind, ids in lost.items()
        )
        msg = (
            f"not writing {target.name}: the ArchiMate model there holds {said} that the new "
            f"file would not. Write to another name, or {OVERWRITE_HINT} to replace it"
        )
        raise FileExistsError(msg)


def _plain(root: ET.Element) -> ET.Element:
    """Name the tree's tags and ``xsi`` attributes as written, the namespaces declared on the root.

    ElementTree cannot write a default namespace beside unqualified attributes (ArchiMate's
    ``identifier``), so the tree is written with its prefixes spelt out.
    """
    for element in root.iter():
        tag = str(element.tag)
        if tag.startswith(f"{{{NS}}}"):
            element.tag = tag[len(NS) + 2 :]
        for key in [k for k in element.attrib if k.startswith(f"{{{XSI}}}")]:
            element.set("xsi:" + key[len(XSI) + 2 :], element.attrib.pop(key))
    return root


def derived_identifier(element_id: str) -> str:
    """Return the identifier written for an id that is not an XML name (xs:ID), e.g. ``"1"``.

    It is the same for the same id on every write, so a map reads back as it was written.
    """
    return "id-" + hashlib.sha1(element_id.encode(), usedforsecurity=False).hexdigest()[:16]


def _type_for(level: str, mapping: Mapping[str, str | None], schema: Schema) -> str:
    """Return the type an element of ``level`` is written as: the first type mapped to it."""
    candidates = [*_ELEMENT_ROLES, *sorted(ELEMENT_TYPES)]
    found = next((k for k in candidates if mapping.get(k) == level), None)
    if found is not None:
        return found
    return "Goal" if schema.rank(level) <= schema.goal_rank else "WorkPackage"


def _q(local: str) -> str:
    return f"{{{NS}}}{local}"


def _parse_kept(text: str) -> ET.Element:
    from defusedxml import ElementTree as SafeET  # noqa: PLC0415

    return SafeET.fromstring(text, forbid_dtd=True)


class _Writer:
    def __init__(self, smap: StrategyMap, mapping: Mapping[str, str | None]) -> None:
        self.smap = smap
        self.mapping = mapping
        self.kept: Mapping[str, Any] = smap.foreign.get("archimate") or {}
        self.definitions: dict[str, str] = {}  # property name → definition identifier
        self.definition_rows: list[list[str]] = []
        for ident, name, kind in self.kept.get("property_definitions", ()):
            self.definitions.setdefault(name, ident)
            self.definition_rows.append([ident, name, kind])
        self.used: set[str] = {ident for ident, _, _ in self.definition_rows}
        for text in self._kept_texts():
            self.used.update(re.findall(r'identifier="([^"]+)"', text))
        self.idents: dict[str, str] = {}
        self.counters: dict[str, int] = {}
        self.types: dict[str, str] = {}

    def _kept_texts(self) -> list[str]:
        kept = self.kept
        return [
            *kept.get("kept_elements", {}).values(),
            *(r["xml"] for r in kept.get("relationships", ())),
            *kept.get("views", ()),
        ]

    def fresh(self, prefix: str) -> str:
        n = self.counters.get(prefix, 1)
        while f"{prefix}{n}" in self.used:
            n += 1
        self.counters[prefix] = n + 1
        self.used.add(f"{prefix}{n}")
        return f"{prefix}{n}"

    def definition(self, name: str) -> str:
        if name not in self.definitions:
            ident = self.fresh("propid-")
            self.definitions[name] = ident
            self.definition_rows.append([ident, name, "string"])
        return self.definitions[name]

    def properties(
        self,
        parent: ET.Element,
        pairs: Sequence[tuple[str, str | None]],
        kept: list[list[Any]] | None = None,
    ) -> None:
        """Write (name, text) pairs as properties; ``None`` is no value.

        The n-th property of a name is written with the values ``kept`` holds for the n-th
        property of that name as read (its languages, its text as typed) while the text is
        the one it was read as; a changed one gets the first value's language.
        """
        read: dict[str, list[tuple[int, list[Any]]]] = {}
        for place, occurrence in enumerate(kept or ()):
            read.setdefault(occurrence[0], []).append((place, occurrence))
        count: dict[str, int] = {}
        placed: list[tuple[int, str, str | None, list[list[Any]]]] = []
        for key, value in pairs:
            n = count[key] = count.get(key, -1) + 1
            found = read.get(key, [])[n : n + 1]
            place = found[0][0] if found else len(kept or ()) + len(placed)
            placed.append((place, key, value, [o for _, o in found]))
        placed.sort(key=lambda item: item[0])  # in the order they were read
        holder = None
        for _, key, value, same in placed:
            if same and same[0][2] == value:
                texts = same[0][1] or [[None, ""]]
            elif value is None:
                continue
            else:
                lang = same[0][1][0][0] if same and same[0][1] else None
                texts = [[lang, value]]
            if holder is None:
                holder = ET.SubElement(parent, _q("properties"))
            prop = ET.SubElement(holder, _q("property"), propertyDefinitionRef=self.definition(key))
            _texts_to(prop, "value", texts)

    def build(self) -> ET.Element:
        smap, kept = self.smap, self.kept
        root = ET.Element(_q("model"))
        root.set("identifier", kept.get("identifier") or self.fresh("id-model-"))
        root.set(f"{{{XSI}}}schemaLocation", _SCHEMA_LOCATION)
        names = [list(n) for n in kept.get("names") or [[None, smap.name]]]
        names[0][1] = smap.name
        _texts_to(root, "name", names)
        _texts_to(root, "documentation", kept.get("documentation", ()))
        self._assign_identifiers()
        for key, value in kept.get("attributes", {}).items():
            root.set(key, value)
        model_props: list[tuple[str, str | None]] = [
            (k, str(v))
            for k, v in smap.metadata().items()
            if k in _META_PROPERTIES and v is not None and (k, v) != ("currency", "DKK")
        ]
        preset = smap.schema.to_dict().get("preset")
        if preset != "municipal":
            text = preset or json.dumps(smap.schema.to_dict(), ensure_ascii=False)
            model_props.append((P_SCHEMA, text))
        model_props += [(k, v) for k, v in kept.get("properties", ())]
        self.properties(root, model_props, kept.get("model_values"))
        for text in kept.get("metadata", ()):
            root.append(_parse_kept(text))
        elements = self._elements()
        present = {e.get("identifier", "") for e in elements}
        written = self._relationships()
        relationships = _prune_relationships(
            written, present | {r.get("identifier", "") for r in written}
        )
        present |= {r.get("identifier", "") for r in relationships}
        views = [_parse_kept(v) for v in kept.get("views", ())]
        for view in views:
            present |= {v.get("identifier", "") for v in view.iter() if _local(v) == "view"}
        if elements:
            ET.SubElement(root, _q("elements")).extend(elements)
        if relationships:
            ET.SubElement(root, _q("relationships")).extend(relationships)
        for text in kept.get("organizations", ()):
            organizations = _parse_kept(text)
            _prune_items(organizations, present)
            if len(organizations):
                root.append(organizations)
        if self.definition_rows:
            holder = ET.SubElement(root, _q("propertyDefinitions"))
            for ident, name, kind in self.definition_rows:
                definition = ET.SubElement(
                    holder, _q("propertyDefinition"), identifier=ident, type=kind
                )
                ET.SubElement(definition, _q("name")).text = name
        for view in views:
            _prune_view(view, present)
            root.append(view)
        return root

    def _assign_identifiers(self) -> None:
        """Give each element its identifier: ``archimate:id``, else its id, else one derived.

        An ``archimate:id`` that is not an XML name or that two elements (or a kept part) give,
        and ``archimate:`` attributes of the wrong shape, are refused before anything is
        written: the reader would refuse the file.
        """
        problems: list[Problem] = []
        given: dict[str, str] = {}
        for e in self.smap:
            problems.extend(Problem(m, Location(element=e.id, column="attrs")) for m in _shape(e))
            ident = e.attrs.get(A_ID)
            if not isinstance(ident, str):
                continue
            if ident in given or ident in self.used:
                by = f"the element {given[ident]!r}" if ident in given else "a part of the model"
                why = f"is given by {by} too; every identifier must be unique"
            elif not _NCNAME.match(ident):
                why = (
                    "is not an XML name (xs:ID); it must start with a letter or '_' and hold "
                    "only letters, digits, '.', '-' and '_'"
                )
            else:
                given[ident] = e.id
                continue
            problems.append(
                Problem(
                    f"the attribute {A_ID} = {shorten(ident)!r} {why}; change it, or remove it "
                    "to have one made",
                    Location(element=e.id, column="attrs"),
                )
            )
        if problems:
            raise ValidationError(problems)
        self.used.update(given)
        for e in self.smap:
            ident = e.attrs.get(A_ID) if isinstance(e.attrs.get(A_ID), str) else None
            if ident is None and _NCNAME.match(e.id) and e.id not in self.used:
                ident = e.id
            if ident is None:
                ident = derived_identifier(e.id)
            self.used.add(ident)
            self.idents[e.id] = ident
            kind = e.attrs.get(A_TYPE)
            self.types[e.id] = (
                kind if isinstance(kind, str) else _type_for(e.type, self.mapping, self.smap.schema)
            )

    def _elements(self) -> list[ET.Element]:
        kept = self.kept.get("kept_elements", {})
        out: list[ET.Element] = []
        written: set[str] = set()
        by_ident = {self.idents[e.id]: e for e in self.smap}
        for ident in self.kept.get("elements", ()):
            if ident in by_ident:
                out.append(self._element(by_ident[ident]))
                written.add(ident)
            elif ident in kept:
                out.append(_parse_kept(kept[ident]))
        out.extend(self._element(e) for e in self.smap if self.idents[e.id] not in written)
        return out

    def _element(self, e: Any) -> ET.Element:
        kind = self.types[e.id]
        element = ET.Element(_q("element"), identifier=self.idents[e.id])
        element.set(f"{{{XSI}}}type", kind)
        _texts_to(element, "name", _with_first(e.attrs.get(A_NAME), e.title))
        docs = _with_first(e.attrs.get(A_DOC), e.description)
        _texts_to(element, "documentation", docs)
        own = self.kept.get("values", {}).get(self.idents[e.id], {})
        for key, value in own.get("attributes", {}).items():
            element.set(key, value)
        props: list[tuple[str, str | None]] = []
        if self.idents[e.id] != e.id:
            props.append((P_ID, e.id))
        if self.mapping.get(kind) != e.type:
            props.append((P_LEVEL, e.type))
        given = e.attrs.get(A_FIELDS)
        called = given if isinstance(given, dict) else {}
        props.extend(
            (str(called.get(field, field)), _field_text(e, field)) for field in _FIELD_PROPERTIES
        )
        for key, value in e.attrs.items():
            if key in _OWN_ATTRS or (key == AS_WRITTEN and e.budget is None):
                continue
            name = key.removeprefix(A_PROPERTY) or key
            values = (
                value
                if isinstance(value, list) and all(isinstance(v, str) for v in value)
                else [value]
            )
            props.extend(
                (name, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str))
                for v in values
            )
        self.properties(element, props, own.get("props"))
        element.extend(_parse_kept(text) for text in own.get("children", ()))
        return element

    def _relationships(self) -> list[ET.Element]:
        links = {(link.source, link.target): link for link in self.smap.links}
        out: list[ET.Element] = []
        done: set[tuple[str, str]] = set()
        # A link read through a junction is written by the relationships it runs along while
        # it is unchanged; a changed or removed one takes them out, and what else ran along
        # them is written anew.
        through = self.kept.get("junction_links", ())
        dropped: set[str] = set()
        for entry in through:
            link = links.get((entry["link"][0], entry["link"][1]))
            if link is None or (link.kind.value, link.note, link.weight) != (
                entry["kind"],
                None,
                None,
            ):
                dropped.update(entry["via"])
        for entry in through:
            if dropped.isdisjoint(entry["via"]):
                done.add((entry["link"][0], entry["link"][1]))
        for entry in self.kept.get("relationships", ()):
            if entry.get("identifier") in dropped:
                continue
            rel = _parse_kept(entry["xml"])
            pair = (entry["link"][0], entry["link"][1]) if entry.get("link") else None
            if pair is None:
                out.append(rel)
                continue
            link = links.get(pair)
            if link is None:
                continue  # the link was removed from the map
            if entry.get("kind") != link.kind.value or entry.get("weight") != link.weight:
                continue  # the link changed: written anew below
            _set_note(rel, link.note, self)
            out.append(rel)
            done.add(pair)
        for pair, link in links.items():
            if pair not in done:
                out.append(self._new_relationship(link))
        return out

    def _new_relationship(self, link: Any) -> ET.Element:
        s, t, kind = link.source, link.target, link.kind.value
        ts, tt = self.types[s], self.types[t]
        source, target, rel_type, modifier = s, t, "Association", None
        if kind == "hierarchy":
            if ts == tt:
                rel_type = "Aggregation"
            elif ts in _REALIZES and tt in _REALIZES and _REALIZES.index(tt) > _REALIZES.index(ts):
                source, target, rel_type = t, s, "Realization"
        elif ts in _INFLUENCERS and tt in _MOTIVATION:
            rel_type, modifier = "Influence", "+" if kind == "supports" else "-"
        rel = ET.Element(
            _q("relationship"),
            identifier=self.fresh("id-rel-"),
            source=self.idents[source],
            target=self.idents[target],
        )
        rel.set(f"{{{XSI}}}type", rel_type)
        if modifier is not None:
            rel.set("modifier", modifier)
        elif rel_type == "Association":
            rel.set("isDirected", "true")
        read = _link_of(rel, rel_type, [], self.mapping)
        props: list[tuple[str, str]] = []
        if (
            read is None
            or read[2] != kind
            or (read[0], read[1]) != (self.idents[s], self.idents[t])
        ):
            props.append((P_KIND, kind))
        if link.weight is not None:
            props.append(("weight", plain_number(link.weight)))
        _set_note(rel, link.note, self, props)
        return rel


def _shape(e: Any) -> list[str]:
    """Return what is wrong with the shape of the ``archimate:`` attributes of element ``e``."""
    wrong = []
    for key in (A_NAME, A_DOC):
        value = e.attrs.get(key)
        if value is not None and not (
            isinstance(value, list)
            and value
            and all(
                isinstance(t, list | tuple)
                and len(t) == 2  # noqa: PLR2004 - a language and a text
                and (t[0] is None or isinstance(t[0], str))
                and isinstance(t[1], str)
                for t in value
            )
        ):
            wrong.append(
                f"the attribute {key} = {shorten(value)!r} is not a list of [language, text] "
                'pairs such as [["da", "Mål"], ["en", "Goal"]]; fix or remove it'
            )
    for key in (A_TYPE, A_ID):
        value = e.attrs.get(key)
        if value is not None and not (isinstance(value, str) and value):
            wrong.append(f"the attribute {key} = {shorten(value)!r} is not a text; give one")
    fields = e.attrs.get(A_FIELDS)
    if fields is not None and not (
        isinstance(fields, dict)
        and all(k in _FIELD_PROPERTIES and isinstance(v, str) and v for k, v in fields.items())
    ):
        wrong.append(
            f"the attribute {A_FIELDS} = {shorten(fields)!r} is not a mapping of fields to "
            'property names such as {"owner": "Ejer"}; fix or remove it'
        )
    return wrong


def _field_text(e: Any, field: str) -> str | None:
    """Return the text a field is written as in a property, ``None`` when it has no value.

    A budget in another currency, kept in ``attrs`` as written, is the budget's text.
    """
    value = getattr(e, field)
    if value is None or value == ():
        kept = e.attrs.get(AS_WRITTEN) if field == "budget" else None
        return kept if isinstance(kept, str) else None
    if field == "agenda":
        return join_list(value)
    if field == "indicators":
        dumped = [i.model_dump(mode="json", exclude_none=True) for i in value]
        return json.dumps(dumped, ensure_ascii=False)
    if field == "budget":
        return plain_number(value)
    return str(value)


def _set_note(
    rel: ET.Element, note: str | None, writer: _Writer, props: list[tuple[str, str]] | None = None
) -> None:
    """Put the link's note in the relationship's first documentation, before its properties."""
    docs = _kids(rel, "documentation")
    if note is None:
        for doc in docs[:1]:
            rel.remove(doc)
    elif docs:
        docs[0].text = note
    else:
        doc = ET.Element(_q("documentation"))
        doc.text = note
        names = _kids(rel, "name")
        rel.insert(len(names), doc)
    if props:
        writer.properties(rel, props)


def _with_first(given: Any, first: str | None) -> list[list[str | None]]:
    """Return the language variants kept in ``attrs`` with the first one set to ``first``."""
    texts = [list(t) for t in given] if isinstance(given, list) and given else [[None, first]]
    if first is None:
        return texts[1:]
    texts[0][1] = first
    return texts


def _texts_to(parent: ET.Element, local: str, texts: Any) -> None:
    for lang, text in texts:
        child = ET.SubElement(parent, _q(local))
        if lang:
            child.set(_LANG, lang)
        child.text = text


def _prune_relationships(relationships: list[ET.Element], present: set[str]) -> list[ET.Element]:
    """Leave out relationships whose ends are gone (a relationship may end on another).

    One pass finds those whose end is missing; removing one removes the relationships that
    end on it in turn, through an index of them, so a long chain costs linear time.
    """
    ending_on: dict[str, list[ET.Element]] = {}
    for r in relationships:
        for end in {r.get("source", ""), r.get("target", "")}:
            ending_on.setdefault(end, []).append(r)
    gone: set[int] = set()
    stack = [
        r for r in relationships if r.get("source") not in present or r.get("target") not in present
    ]
    while stack:
        r = stack.pop()
        if id(r) in gone:
            continue
        gone.add(id(r))
        present.discard(r.get("identifier", ""))
        stack.extend(ending_on.get(r.get("identifier", ""), ()))
    return [r for r in relationships if id(r) not in gone]


def _prune_items(folder: ET.Element, present: set[str]) -> None:
    for item in list(folder):
        if _local(item) != "item":
            continue
        ref = item.get("identifierRef")
        if ref is not None and ref not in present:
            folder.remove(item)
        else:
            _prune_items(item, present)


def _prune_view(element: ET.Element, present: set[str]) -> None:
    """Leave out nodes of elements and connections of relationships no longer in the model."""
    gone: set[str] = set()
    for parent in list(element.iter()):
        for child in list(parent):
            ref = child.get("elementRef")
            if _local(child) == "node" and ref is not None and ref not in present:
                gone.update(n.get("identifier", "") for n in child.iter())
                parent.remove(child)
    for parent in list(element.iter()):
        for child in list(parent):
            if _local(child) != "connection":
                continue
            ref = child.get("relationshipRef")
            if (ref is not None and ref not in present) or {
                child.get("source"),
                child.get("target"),
            } & gone:
                parent.remove(child)
