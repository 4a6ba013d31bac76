"""The records of a strategy map: Element, Indicator and Link, and the rules each one keeps alone.

Rules that need the whole map (types against the schema, links between elements, cycles) live in
:mod:`stratgraph._build`; :class:`~stratgraph.StrategyMap` lives in :mod:`stratgraph.strategy_map`.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from stratgraph._numbers import header_unit
from stratgraph.period import Period
from stratgraph.schema import normalise_name

__all__ = [
    "ELEMENT_FIELDS",
    "Element",
    "Followup",
    "Indicator",
    "Link",
    "LinkKind",
    "MapMetadata",
    "Measurement",
]

#: How an element is followed up: by its indicators (counting logic) or in dialogue (trust logic).
Followup = Literal["measured", "dialogue"]

_FOLLOWUP_NAMES: dict[str, Followup] = {
    "measured": "measured",
    "måling": "measured",
    "målinger": "measured",
    "målt": "measured",
    "tællelogik": "measured",
    "counting": "measured",
    "dialogue": "dialogue",
    "dialog": "dialogue",
    "i dialog": "dialogue",
    "i dialogen": "dialogue",
    "dialogbaseret": "dialogue",
    "dialogbaseret opfølgning": "dialogue",
    "tillid": "dialogue",
    "tillidslogik": "dialogue",
    "trust": "dialogue",
}
_FOLLOWUP_ALIASES = {normalise_name(name): value for name, value in _FOLLOWUP_NAMES.items()}


def followup_of(text: object) -> Followup | None:
    """Return the followup ``text`` names (English or Danish), or ``None`` if it names none.

    Examples
    --------
    >>> from stratgraph.model import followup_of
    >>> followup_of("Tillidslogik"), followup_of("tællelogik"), followup_of("maybe")
    ('dialogue', 'measured', None)
    >>> followup_of("I dialogen"), followup_of("målinger")
    ('dialogue', 'measured')
    """
    return _FOLLOWUP_ALIASES.get(normalise_name(text)) if isinstance(text, str) else None


# U+FFFE, U+FFFF and lone surrogates are not characters: XML (Excel, GraphML) and UTF-8 cannot
# hold them, so a map holding one could never be written and read back.
_NONCHARACTERS = "\ud800-\udfff\ufffe\uffff"
FORBIDDEN_IN_ID = re.compile(rf"[,;:|\x00-\x1f\x7f-\x9f{_NONCHARACTERS}]")
# A tag may hold separators and line breaks: list cells quote such a tag (io._tables.cells).
FORBIDDEN_IN_TAG = re.compile(rf"[\x00-\x09\x0b-\x1f\x7f-\x9f{_NONCHARACTERS}]")
# Text fields may hold tabs and line breaks (a cell with Alt+Enter) but no other control character:
# XML-based formats (Excel, GraphML) cannot hold them, so they could never be written back.
CONTROL_IN_TEXT = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_NONCHARACTERS}]")


def check_id(value: str, what: str = "id", forbidden: re.Pattern[str] = FORBIDDEN_IN_ID) -> str:
    """Return ``value`` if it is a valid element id, else raise ``ValueError`` saying why."""
    if not value:
        msg = f"the {what} is empty; every element needs a unique id such as 'G1' or 'Mål-Æ1'"
        raise ValueError(msg)
    if value != value.strip():
        msg = f"{what} {value!r} has leading or trailing space; use {value.strip()!r}"
        raise ValueError(msg)
    bad = forbidden.search(value)
    if bad:
        char = bad.group()
        shown = repr(char) if char.isprintable() and char.isascii() else f"U+{ord(char):04X}"
        listed = "', '".join(c for c in ",;:|" if forbidden.search(c))
        msg = (
            f"{what} {value!r} contains {shown}; it may not contain '{listed}' "
            "or control characters (they separate values in spreadsheet cells)"
            if listed
            else f"{what} {value!r} contains {shown}; it may not contain control characters"
        )
        raise ValueError(msg)
    return value


def _clean_text(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = CONTROL_IN_TEXT.search(value)
    if bad:
        msg = (
            f"{field} contains the control character U+{ord(bad.group()):04X}; "
            "text may hold tabs and line breaks but no other control characters"
        )
        raise ValueError(msg)
    return value or None


def negative_budget(written: str | None, value: float) -> str:
    """Say that a budget is negative, quoting the cell as written when it came from a file.

    Examples
    --------
    >>> from stratgraph.model import negative_budget
    >>> negative_budget("(10.000,00)", -10_000.0)
    "the budget '(10.000,00)' is negative (-10000); a budget is a number of 0 or more"
    >>> negative_budget("-5", -5.0)
    'the budget -5 is negative; a budget is a number of 0 or more'
    """
    plain = written is None or written.strip() == f"{value:g}"  # '-5' says no more than -5
    said = f"{value:g} is negative" if plain else f"{written!r} is negative ({value:g})"
    return f"the budget {said}; a budget is a number of 0 or more"


def _not_yes_no(value: Any) -> Any:
    """Refuse ``True``/``False`` where a number is meant; Python would count them as 1 and 0.

    A JSON ``true`` or a ticked box in the year or budget column is a mistake, not the number 1.
    """
    if isinstance(value, bool) or (  # numpy's too: numpy.bool_, called numpy.bool in numpy 2
        type(value).__module__ == "numpy" and type(value).__name__ in ("bool_", "bool")
    ):
        msg = f"{value!r} is a yes/no value, not a number"
        raise ValueError(msg)
    return value


def _finite(value: float | None, field: str) -> float | None:
    if value is not None and not math.isfinite(value):
        msg = f"{field} must be a finite number, not {value!r}"
        raise ValueError(msg)
    return value


class LinkKind(StrEnum):
    """The kinds of link: the chain (``hierarchy``), a lateral ``supports``, a ``tension``.

    A ``hierarchy`` link points from parent to child; ``supports`` says that one element
    contributes to another beside the chain; ``tension`` names a dilemma between two elements
    (symmetric in meaning). Danish names are accepted on input (:meth:`parse`).

    Examples
    --------
    >>> [kind.value for kind in sg.LinkKind]
    ['hierarchy', 'supports', 'tension']
    >>> sg.LinkKind("tension") is sg.LinkKind.parse("dilemma")
    True
    """

    HIERARCHY = "hierarchy"
    SUPPORTS = "supports"
    TENSION = "tension"

    @classmethod
    def parse(cls, value: object) -> LinkKind:
        """Return the kind named by ``value`` (English or Danish), or raise ``ValueError``.

        Examples
        --------
        >>> sg.LinkKind.parse("Dilemma")
        <LinkKind.TENSION: 'tension'>
        """
        if isinstance(value, LinkKind):
            return value
        if isinstance(value, str):
            kind = _LINK_KIND_ALIASES.get(normalise_name(value))
            if kind is not None:
                return kind
        msg = f"unknown link kind {value!r}; valid kinds (and aliases): {cls.names_text()}"
        raise ValueError(msg)

    @classmethod
    def names_text(cls) -> str:
        """Return the kinds with their aliases, as a message lists them.

        Examples
        --------
        >>> sg.LinkKind.names_text().split("; ")[0]
        'hierarchy (hierarki, parent, forælder)'
        """
        return "; ".join(
            f"{kind.value} ({', '.join(a for a, k in _LINK_KIND_NAMES.items() if k is kind and a != kind.value)})"  # noqa: E501
            for kind in cls
        )


_LINK_KIND_NAMES: dict[str, LinkKind] = {
    "hierarchy": LinkKind.HIERARCHY,
    "hierarki": LinkKind.HIERARCHY,
    "parent": LinkKind.HIERARCHY,
    "forælder": LinkKind.HIERARCHY,
    "supports": LinkKind.SUPPORTS,
    "support": LinkKind.SUPPORTS,
    "understøtter": LinkKind.SUPPORTS,
    "bidrager": LinkKind.SUPPORTS,
    "bidrag": LinkKind.SUPPORTS,
    "tension": LinkKind.TENSION,
    "spænding": LinkKind.TENSION,
    "dilemma": LinkKind.TENSION,
}
#: Every accepted name of a link kind, folded by normalise_name.
_LINK_KIND_ALIASES = {normalise_name(name): kind for name, kind in _LINK_KIND_NAMES.items()}


#: The largest weight of an indicator: weighted means of many goals stay far from float's range.
MAX_WEIGHT = 1_000_000


class Indicator(BaseModel):
    """A measure attached to an element: its baseline and target, each with its period.

    ``weight`` (none means 1) is the indicator's share when a goal with several indicators is
    rolled up (:func:`stratgraph.progress_rollup`). Its values over time are the map's
    measurements (:class:`Measurement`); ``actual`` is the single value without a period that
    older maps keep, which progress does not read.

    Examples
    --------
    >>> i = sg.Indicator(name="Andel elever med 02 i dansk", unit="%", baseline=12, target=8,
    ...                  baseline_period=2012, target_period="2016", higher_is_better=False)
    >>> i.baseline_period, i.target_period
    (Period('2012'), Period('2016'))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None
    higher_is_better: bool = True
    baseline_period: Period | None = None
    target_period: Period | None = None
    weight: float | None = None

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        cleaned = _clean_text(value, "the indicator name")
        if cleaned is None or not cleaned.strip():
            msg = "the indicator name is empty; give every indicator a name"
            raise ValueError(msg)
        return cleaned

    @field_validator("unit")
    @classmethod
    def _check_unit(cls, value: str | None) -> str | None:
        return _clean_text(value, "the unit")

    @field_validator("baseline", "target", "actual", "weight", mode="before")
    @classmethod
    def _number_not_yes_no(cls, value: Any) -> Any:
        return _not_yes_no(value)

    @field_validator("baseline", "target", "actual")
    @classmethod
    def _check_number(cls, value: float | None) -> float | None:
        return _finite(value, "an indicator value")

    @field_validator("weight")
    @classmethod
    def _check_weight(cls, value: float | None) -> float | None:
        _finite(value, "the weight")
        if value is not None and value < 0:
            msg = f"the weight {value:g} is negative; a weight is a number of 0 or more"
            raise ValueError(msg)
        if value is not None and value > MAX_WEIGHT:
            msg = (
                f"the weight {value:.12g} is more than {MAX_WEIGHT:,.0f}; a weight is an "
                "indicator's share beside the others (1 and 2, or 25 and 75), from 0 to 1 000 000"
            )
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _check_periods(self) -> Indicator:
        first, last = self.baseline_period, self.target_period
        if first is not None and last is not None and last < first:
            msg = (
                f"the baseline period {first} is after the target period {last}; the target "
                "period is the same period as the baseline's or a later one"
            )
            raise ValueError(msg)
        return self


class Element(BaseModel):  # noqa: PLW1641 - pydantic gives a frozen model its hash
    """One node of a strategy map: a vision, strategy, effect goal, agreement, project ...

    ``type`` holds the canonical level name once the element is in a map; aliases such as
    ``"effektmål"`` are resolved by the map's schema. ``attrs`` keeps any further columns verbatim.

    Examples
    --------
    >>> e = sg.Element(id="Mål-Æ1", type="effect_goal", title="Flere ældre klarer sig selv",
    ...                budget=1234.5, agenda=["velfærd"])
    >>> e.agenda, e.budget
    (('velfærd',), 1234.5)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    type: str
    title: str
    description: str | None = None
    owner: str | None = None
    agenda: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    budget: float | None = None
    status: str | None = None
    indicators: tuple[Indicator, ...] = ()
    followup: Followup | None = None
    attrs: dict[str, Any] = {}

    def __eq__(self, other: object) -> bool:
        """Compare every field; a NaN attribute equals a NaN (it reads back as another NaN)."""
        same = super().__eq__(other)
        if same is not False or not isinstance(other, Element) or not self.attrs:
            return same
        rest = {k: v for k, v in self.__dict__.items() if k != "attrs"}
        others = {k: v for k, v in other.__dict__.items() if k != "attrs"}
        return rest == others and _same_value(self.attrs, other.attrs)

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        return check_id(value)

    @field_validator("type")
    @classmethod
    def _check_type(cls, value: str) -> str:
        if not value.strip():
            msg = "the type is empty; give a level of the schema such as 'effect_goal'"
            raise ValueError(msg)
        return value

    @field_validator("title")
    @classmethod
    def _check_title(cls, value: str) -> str:
        cleaned = _clean_text(value, "the title")
        if cleaned is None or not cleaned.strip():
            msg = "the title is empty; every element needs a title"
            raise ValueError(msg)
        return cleaned

    @field_validator("description", "owner", "status")
    @classmethod
    def _check_text(cls, value: str | None) -> str | None:
        return _clean_text(value, "the text")

    @field_validator("followup", mode="before")
    @classmethod
    def _parse_followup(cls, value: Any) -> Any:
        if value is None or not isinstance(value, str):
            return value
        if not value.strip():
            return None
        found = followup_of(value)
        if found is None:
            msg = (
                f"followup {value!r} is not known; write 'measured' (followed by its indicators, "
                "also 'måling', 'målinger', 'målt', 'tællelogik') or 'dialogue' (followed up in "
                "dialogue, also 'dialog', 'i dialogen', 'dialogbaseret', 'tillid', 'tillidslogik')"
            )
            raise ValueError(msg)
        return found

    @field_validator("indicators")
    @classmethod
    def _check_indicator_names(cls, value: tuple[Indicator, ...]) -> tuple[Indicator, ...]:
        seen: dict[str, str] = {}
        for indicator in value:
            key = normalise_name(indicator.name)
            if key in seen:
                msg = (
                    f"two indicators are named {seen[key]!r} and {indicator.name!r}; give each "
                    "indicator of an element its own name (measurements name it)"
                )
                raise ValueError(msg)
            seen[key] = indicator.name
        return value

    @field_validator("agenda", mode="before")
    @classmethod
    def _agenda_tuple(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = (value,)
        if isinstance(value, list | tuple) and any(isinstance(t, str) and "\r" in t for t in value):
            # Line breaks are kept as the text fields keep them.
            return tuple(
                t.replace("\r\n", "\n").replace("\r", "\n") if isinstance(t, str) else t
                for t in value
            )
        return value

    @field_validator("agenda")
    @classmethod
    def _check_agenda(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for tag in value:
            check_id(tag, "agenda tag", FORBIDDEN_IN_TAG)
        if len(set(value)) != len(value):
            msg = f"agenda {list(value)} names a tag twice; name each tag once"
            raise ValueError(msg)
        return value

    @field_validator("start", "end", "budget", mode="before")
    @classmethod
    def _number_not_yes_no(cls, value: Any) -> Any:
        return _not_yes_no(value)

    @field_validator("budget")
    @classmethod
    def _check_budget(cls, value: float | None) -> float | None:
        _finite(value, "the budget")
        if value is not None and value < 0:
            raise ValueError(negative_budget(None, value))
        return value

    @field_validator("attrs")
    @classmethod
    def _check_attrs(cls, value: dict[str, Any]) -> dict[str, Any]:
        for key, item in value.items():
            if (
                not isinstance(key, str)
                or not key.strip()
                or key != key.strip()
                or CONTROL_IN_TEXT.search(key)
            ):
                msg = (
                    f"attribute name {key!r} is not valid; use a non-empty text without control "
                    "characters or spaces at its ends"
                )
                raise ValueError(msg)
            if isinstance(item, list | dict) and _depth(item) > MAX_ATTR_DEPTH:
                msg = (
                    f"attribute {key!r} is nested more than {MAX_ATTR_DEPTH} levels deep; "
                    "no writer could write it back, so flatten it"
                )
                raise ValueError(msg)
            if isinstance(item, str):
                bad = CONTROL_IN_TEXT.search(item)
                if bad:
                    msg = (
                        f"attribute {key!r} contains the control character "
                        f"U+{ord(bad.group()):04X};"
                        " text may hold tabs and line breaks but no other control characters"
                    )
                    raise ValueError(msg)
            field = FIELD_ALIASES.get(normalise_name(key)) or budget_header(key)
            if field is not None:
                msg = (
                    f"attribute {key!r} would be read back as the field {field!r}; "
                    "set the field itself or rename the attribute"
                )
                raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _check_years(self) -> Element:
        if self.start is not None and self.end is not None and self.end < self.start:
            msg = f"end {self.end} is before start {self.start}; end must be the same year or later"
            raise ValueError(msg)
        return self


class Link(BaseModel):
    """A directed link between two elements.

    ``hierarchy`` links point parent → child; ``supports`` is a lateral contribution;
    ``tension`` names a dilemma between two elements (symmetric in meaning). ``note`` holds the
    rationale or assumption: the theory of change.

    Examples
    --------
    >>> sg.Link(source="S1", target="G1", note="Tidlig indsats giver færre anbringelser").kind
    <LinkKind.HIERARCHY: 'hierarchy'>
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    target: str
    kind: LinkKind = LinkKind.HIERARCHY
    note: str | None = None
    weight: float | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _parse_kind(cls, value: Any) -> LinkKind:
        return LinkKind.parse(value)

    @field_validator("source", "target")
    @classmethod
    def _check_end(cls, value: str) -> str:
        return check_id(value, "linked id")

    @field_validator("note")
    @classmethod
    def _check_note(cls, value: str | None) -> str | None:
        return _clean_text(value, "the note")

    @field_validator("weight", mode="before")
    @classmethod
    def _weight_not_yes_no(cls, value: Any) -> Any:
        return _not_yes_no(value)

    @field_validator("weight")
    @classmethod
    def _check_weight(cls, value: float | None) -> float | None:
        return _finite(value, "the weight")

    @property
    def key(self) -> tuple[str, str]:
        """The pair of ends, ordered for ``tension`` links (which are symmetric)."""
        if self.kind is LinkKind.TENSION and self.target < self.source:
            return (self.target, self.source)
        return (self.source, self.target)


class Measurement(BaseModel):
    """One value of an indicator in one period: the data progress is computed from.

    ``element`` is the id of the element and ``indicator`` the name of one of its indicators;
    ``note`` and ``source`` say what a reader should know and where the number comes from.

    Examples
    --------
    >>> sg.Measurement(element="G1", indicator="Ledighed", period="2014K3", value="4.2")
    Measurement(element='G1', indicator='Ledighed', period=Period('2014Q3'), value=4.2, note=None, source=None)
    """  # noqa: E501

    model_config = ConfigDict(frozen=True, extra="forbid")

    element: str
    indicator: str
    period: Period
    value: float
    note: str | None = None
    source: str | None = None

    @field_validator("element")
    @classmethod
    def _check_element(cls, value: str) -> str:
        return check_id(value, "element id")

    @field_validator("indicator")
    @classmethod
    def _check_indicator(cls, value: str) -> str:
        cleaned = _clean_text(value, "the indicator name")
        if cleaned is None or not cleaned.strip():
            msg = "the indicator name is empty; name one of the element's indicators"
            raise ValueError(msg)
        return cleaned

    @field_validator("value", mode="before")
    @classmethod
    def _value_not_yes_no(cls, value: Any) -> Any:
        return _not_yes_no(value)

    @field_validator("value")
    @classmethod
    def _check_value(cls, value: float) -> float:
        _finite(value, "a measured value")
        return value

    @field_validator("note", "source")
    @classmethod
    def _check_text(cls, value: str | None) -> str | None:
        return _clean_text(value, "the text")


#: The measurement fields in file order.
MEASUREMENT_FIELDS: tuple[str, ...] = tuple(Measurement.model_fields)

#: The element fields in file order; every other column is kept in ``attrs``.
ELEMENT_FIELDS: tuple[str, ...] = tuple(Element.model_fields)

#: Names accepted for each element column on input (Danish included), folded by normalise_name.
# Case, spaces, '_', '-' and æ/ae, ø/oe, å/aa do not matter (normalise_name): "Mål-id" is
# also "maal id" and "MÅL_ID". A header that is none of these but resembles one is named in a
# warning (io._tables).
_FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "nr", "nr.", "nummer", "kode", "element", "element id", "mål id", "mål nr"),
    "type": ("type", "niveau", "level", "elementtype"),
    "title": (
        "title",
        "titel",
        "navn",
        "name",
        "overskrift",
        "betegnelse",
        "label",
        "titel på mål",
        "måltitel",
        "målnavn",
    ),
    "parents": (
        "parents",
        "parent",
        "parent(s)",
        "parent id",
        "parent ids",
        "forælder",
        "forældre",
        "forælder id",
        "forældre id",
        "overordnet",
        "overordnede",
        "overordnet element",
        "overordnet mål",
        "overordnede mål",
        "overordnet id",
        "hører under",
    ),
    "links": ("links", "relationer", "relation", "forbindelser"),
    "description": ("description", "beskrivelse", "uddybning", "beskrivelse af mål"),
    "owner": (
        "owner",
        "ejer",
        "ansvarlig",
        "ansvar",
        "enhed",
        "unit",
        "afdeling",
        "ansvarlig enhed",
        "ansvarlig afdeling",
        "ansvarlig forvaltning",
        "forvaltning",
    ),
    "agenda": ("agenda", "agendas", "dagsorden", "dagsordener", "tags", "tema", "temaer"),
    "start": ("start", "startår", "start year", "fra år", "fra"),
    "end": ("end", "slut", "slutår", "end year", "til år", "til"),
    "budget": ("budget", "budget dkk", "budget kr", "beløb", "ramme", "økonomi"),
    "status": ("status", "tilstand"),
    "indicators": ("indicators", "indikatorer"),
    # Not "opfølgning" alone: in municipal sheets it often holds the rhythm ("Årligt i udvalget").
    "followup": ("followup", "follow up", "opfølgningsform", "opfølgningslogik", "styringslogik"),
    "attrs": ("attrs", "attributes", "attributter"),
}

#: Every accepted name of an element column, folded, mapped to the canonical field.
FIELD_ALIASES: dict[str, str] = {
    normalise_name(alias): field for field, aliases in _FIELD_NAMES.items() for alias in aliases
}
#: The names of each element column as a person writes them (for messages and near matches).
FIELD_NAMES = _FIELD_NAMES


def _same_value(a: Any, b: Any) -> bool:
    """Return whether two attribute values are equal, taking NaN as equal to NaN."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_value(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return (
            type(a) is type(b)
            and len(a) == len(b)
            and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
        )
    return bool(a == b)


def budget_header(name: str) -> str | None:
    """Return ``"budget"`` if a table would read a column ``name`` as the budget in a unit.

    ``Budget (1.000 kr.)`` is the budget in thousands: an attribute of that name could be
    written but not read back as an attribute.
    """
    split = header_unit(name)
    if split is not None and FIELD_ALIASES.get(normalise_name(split[0])) == "budget":
        return "budget"
    return None


#: The deepest lists and mappings may nest in an attribute: beyond it, writing the map would
#: exhaust Python's recursion limit.
MAX_ATTR_DEPTH = 100


def _depth(value: Any) -> int:
    """Return how deep lists and mappings nest in ``value``, looking no deeper than the limit."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_ATTR_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, level + 1) for c in children if isinstance(c, list | dict))
    return deepest


class MapMetadata(BaseModel):
    """A map's name, currency, year and organisation; checked on every assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    name: str = "Strategy map"
    currency: str = "DKK"
    year: int | None = None
    organisation: str | None = None

    @field_validator("year", mode="before")
    @classmethod
    def _year_not_yes_no(cls, value: Any) -> Any:
        return _not_yes_no(value)

    @field_validator("name", "currency", "organisation")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        bad = CONTROL_IN_TEXT.search(value)
        if bad:
            msg = (
                f"{value!r} contains the control character U+{ord(bad.group()):04X}; "
                "text may hold tabs and line breaks but no other control characters"
            )
            raise ValueError(msg)
        return value
