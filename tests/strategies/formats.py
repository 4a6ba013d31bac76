"""Hypothesis strategies for valid strategy maps: schemas, elements, links, whole maps.

The text they draw is chosen to break file formats: Danish letters, quotes, separators, line
breaks, and the characters that make a spreadsheet run a cell as a formula.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import string
from typing import Any

from hypothesis import strategies as st

import stratgraph as sg
from stratgraph.schema import normalise_name

__all__ = [
    "CP1252_TEXT",
    "attrs",
    "describe",
    "element_ids",
    "format_maps",
    "format_schemas",
    "indicators",
    "map_names",
    "texts",
]

# Characters that spreadsheets read as the start of a formula, and the quote that hides them.
_FORMULA = "=+-@'"
_DANISH = "æøåÆØÅéü"
_QUOTES = "'\"`«»“”"
_PLAIN = string.ascii_letters + string.digits + " ._/()#&%$!?*<>[]{}\\"
# Characters that some format treats as a line break or as white space (YAML: NEL, LS, PS).
_AWKWARD = "\xa0\x85\u2028\u2029\u00ad\u200b\ufeff€–—…"

#: What an id may hold (docs/concepts.md): anything but ``, ; : |`` and control characters.
_ID_CHARS = "".join(dict.fromkeys(_PLAIN + _DANISH + _QUOTES + _FORMULA + "€–"))
#: What text fields may hold: also separators, tabs and line breaks.
_TEXT_CHARS = "".join(dict.fromkeys(_ID_CHARS + ",;:|\t\n\r" + _AWKWARD))

#: Text that Windows-1252 (Danish Excel's CSV) can encode.
CP1252_TEXT = "".join(c for c in _TEXT_CHARS if c.encode("cp1252", errors="ignore"))

# The strategy builders below are cached: a strategy is immutable, and building one anew for every
# element of every example costs more than drawing from it.


@functools.cache
def _any_char(*, cp1252: bool) -> st.SearchStrategy[str]:
    """One character from the hostile alphabet, or now and then any other character."""
    if cp1252:
        return st.sampled_from(CP1252_TEXT)
    anything = st.characters(
        codec="utf-8",  # no surrogates
        exclude_categories=("Cc",),  # control characters: text holds only \t, \n and \r
        # The model accepts these two, but no XML file can hold them; until the model refuses
        # them, test_a_valid_map_can_be_written_and_read_back records it.
        exclude_characters="\ufffe\uffff",
    )
    return st.one_of(st.sampled_from(_TEXT_CHARS), anything)


@functools.cache
def texts(
    *, cp1252: bool = False, max_size: int = 24, blank: bool = False
) -> st.SearchStrategy[str]:
    r"""Text for titles, notes and the like, never empty.

    With ``blank=False`` it says something (a title must); with ``blank=True`` it may be white
    space alone, which an optional field keeps as written. ``\r`` may appear; the model turns it
    into ``\n``, and the map is compared as stored.
    """
    some = st.text(_any_char(cp1252=cp1252), min_size=1, max_size=max_size).filter(
        lambda s: s.strip() != ""
    )
    if not blank:
        return some
    spaces = " \t\n" + ("\xa0" if cp1252 else "\xa0\u2028\u3000")
    return st.one_of(some, st.text(st.sampled_from(spaces), min_size=1, max_size=3))


def _id_text(alphabet: str, *, max_size: int = 12) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=1, max_size=max_size).filter(
        lambda s: s == s.strip() and s != ""
    )


@functools.cache
def element_ids(*, cp1252: bool = False) -> st.SearchStrategy[str]:
    """Ids as the model allows: no space at the ends, none of ``, ; : |``, no control characters."""
    alphabet = "".join(c for c in _ID_CHARS if not cp1252 or c in CP1252_TEXT)
    return st.one_of(
        _id_text(alphabet),
        # Ids that look like numbers, dates or keywords to a spreadsheet or a YAML reader.
        st.sampled_from(["1", "01", "1.0", "1.5", "2013-01-01", "true", "null"]),
        st.builds(lambda c, s: c + s, st.sampled_from(_FORMULA), _id_text(alphabet, max_size=6)),
    )


#: Tags as agendas name them, with the separators of a list cell inside (docs/file-formats.md,
#: "Lists in a cell").
_TAGS_WITH_SEPARATORS = (
    "General science, space and technology",
    "Klima; energi",
    "Vækst | job",
    "Børn\nog unge",
    '"Citat"',
    'Sig "ja"',
    '"a, b"; c',
    ",",
)


@functools.cache
def _tags(*, cp1252: bool) -> st.SearchStrategy[str]:
    # An agenda tag has no space at its ends and no control character but a line break; it may
    # hold ':' ("tema:klima") and the separators of a list cell, which the writers quote.
    alphabet = "".join(c for c in _ID_CHARS + ":,;|\n" if not cp1252 or c in CP1252_TEXT)
    return st.one_of(_id_text(alphabet, max_size=10), st.sampled_from(_TAGS_WITH_SEPARATORS))


@functools.cache
def _numbers(*, negative: bool = True) -> st.SearchStrategy[float]:
    finite = st.floats(
        min_value=None if negative else 0.0,
        allow_nan=False,
        allow_infinity=False,
    )
    # Values a Danish spreadsheet makes ambiguous: thousands groups versus decimals.
    tricky = st.sampled_from([0.0, 1.234, 1234.5, 1.5, 12.345, 123.456, 1234567.0, 1e20, 0.1])
    signed = st.builds(lambda x, s: x * s, tricky, st.sampled_from([1, -1] if negative else [1]))
    return st.one_of(signed, st.integers(0, 10**9).map(float), finite)


@functools.cache
def periods() -> st.SearchStrategy[sg.Period]:
    """Periods of every kind: a year, a quarter, a month or a day."""
    years = st.integers(1900, 2100)
    return st.one_of(
        years.map(sg.Period.parse),
        st.builds(lambda y, q: sg.Period.parse(f"{y}Q{q}"), years, st.integers(1, 4)),
        st.builds(lambda y, m: sg.Period.parse(f"{y}-{m:02d}"), years, st.integers(1, 12)),
        st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(sg.Period.parse),
    )


@st.composite
def _indicator(draw: st.DrawFn, *, cp1252: bool) -> sg.Indicator:
    first, last = draw(st.none() | periods()), draw(st.none() | periods())
    if first is not None and last is not None and last < first:
        first, last = last, first
    return sg.Indicator(
        name=draw(texts(cp1252=cp1252)),
        unit=draw(st.none() | texts(cp1252=cp1252, max_size=6, blank=True)),
        baseline=draw(st.none() | _numbers()),
        target=draw(st.none() | _numbers()),
        actual=draw(st.none() | _numbers()),
        higher_is_better=draw(st.booleans()),
        baseline_period=first,
        target_period=last,
        weight=draw(st.none() | _numbers(negative=False).filter(lambda w: w <= 1_000_000)),
    )


@functools.cache
def indicators(*, cp1252: bool = False) -> st.SearchStrategy[sg.Indicator]:
    """Indicators with an optional unit, values, direction, periods and weight."""
    return _indicator(cp1252=cp1252)


@functools.cache
def attrs(*, cp1252: bool = False) -> st.SearchStrategy[dict[str, str]]:
    """Extra columns: names that can never be read back as a field, text values."""
    # A prefix keeps a name from being read back as a field ("x_titel" is no alias of "title");
    # a leading formula character makes the header cell one a spreadsheet would run.
    prefix = st.sampled_from(["x_", "x_", "=x_", "@x_", "-x_"])
    # Separators and quotes inside a name test the header row of a CSV file; a name ends in no
    # white space, as a spreadsheet's header cell is read trimmed.
    rest = string.ascii_letters + string.digits + "_ æøåÆØÅ-.,;:|'\""
    names = st.builds(
        lambda p, s: p + s,
        prefix,
        st.text(st.sampled_from(rest), max_size=8).filter(lambda s: s == s.rstrip()),
    )
    return st.dictionaries(names, texts(cp1252=cp1252, blank=True), max_size=3)


@functools.cache
def _years() -> st.SearchStrategy[tuple[int | None, int | None]]:
    year = st.integers(1900, 2100)
    return st.one_of(
        st.tuples(st.none(), st.none()),
        st.tuples(year, st.none()),
        st.tuples(st.none(), year),
        st.tuples(year, st.integers(0, 30)).map(lambda p: (p[0], p[0] + p[1])),
    )


@st.composite
def _levels(draw: st.DrawFn) -> tuple[sg.Level, ...]:
    names = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
            min_size=1,
            max_size=5,
            unique_by=normalise_name,
        )
    )
    taken = {normalise_name(n) for n in names}
    levels = []
    for name in names:
        aliases = draw(
            st.lists(
                st.sampled_from(["mål", "delmål", "Indsats", "tema", "Område", "projekt", "kpi"]),
                max_size=2,
                unique_by=normalise_name,
            ).map(lambda a: tuple(x for x in a if normalise_name(x) not in taken))
        )
        taken.update(normalise_name(a) for a in aliases)
        levels.append(
            sg.Level(
                name=name,
                aliases=aliases,
                label_da=draw(st.sampled_from(["", "Mål", "Delmål", "Æblemål"])),
                optional=draw(st.booleans()),
                nestable=draw(st.booleans()),
            )
        )
    return tuple(levels)


@st.composite
def _custom_schemas(draw: st.DrawFn) -> sg.Schema:
    levels = draw(_levels())
    goal = draw(st.sampled_from([lv.name for lv in levels]))
    # "municipal": a custom schema named like a preset must not be taken for the preset.
    name = draw(st.sampled_from(["custom", "kommunal", "Sundhed 2030", "municipal"]))
    return sg.Schema(levels=levels, goal_level=goal, name=name)


@functools.cache
def format_schemas() -> st.SearchStrategy[sg.Schema]:
    """The presets and small custom schemas with optional and nestable levels."""
    presets = st.sampled_from(sg.preset_names()).map(sg.Schema.preset)
    return st.one_of(presets, _custom_schemas())


@functools.cache
def map_names(*, cp1252: bool = False) -> st.SearchStrategy[str]:
    """Names of maps and organisations.

    Without ``\r``: the model does not turn it into ``\n`` in a name as it does in element text,
    and GraphML cannot keep it; test_map_name_is_kept_by_graphml records that.
    """
    return texts(cp1252=cp1252, max_size=30).map(lambda s: s.replace("\r", ""))


def _link_options(schema: sg.Schema, a: sg.Element, b: sg.Element) -> list[tuple[str, str, str]]:
    """The links allowed between ``a`` and ``b`` (``a`` first in the map): kind, source, target."""
    ra, rb = schema.rank(a.type), schema.rank(b.type)
    options = [
        ("supports", a.id, b.id),
        ("supports", b.id, a.id),
        ("tension", a.id, b.id),
        ("tension", b.id, a.id),
    ]
    if ra < rb:
        options.append(("hierarchy", a.id, b.id))
    elif rb < ra:
        options.append(("hierarchy", b.id, a.id))
    elif schema.levels[ra].nestable:
        # Same nestable level: the earlier element is the parent, so no cycle can form.
        options.append(("hierarchy", a.id, b.id))
    return options


@st.composite
def format_maps(draw: st.DrawFn, *, cp1252: bool = False, max_elements: int = 10) -> sg.StrategyMap:
    """A valid map: random schema, elements at random levels, links that respect the levels.

    With ``cp1252=True`` every text can be encoded in Windows-1252.
    """
    schema = draw(format_schemas())
    ids = draw(st.lists(element_ids(cp1252=cp1252), max_size=max_elements, unique=True))
    elements = []
    for eid in ids:
        start, end = draw(_years())
        fields: dict[str, Any] = {
            "id": eid,
            "type": draw(st.sampled_from(schema.level_names)),
            "title": draw(texts(cp1252=cp1252)),
            "description": draw(st.none() | texts(cp1252=cp1252, max_size=60, blank=True)),
            "owner": draw(st.none() | texts(cp1252=cp1252, max_size=12, blank=True)),
            "status": draw(st.none() | texts(cp1252=cp1252, max_size=10, blank=True)),
            "agenda": draw(st.lists(_tags(cp1252=cp1252), max_size=3, unique=True)),
            "start": start,
            "end": end,
            "budget": draw(st.none() | _numbers(negative=False)),
            "indicators": draw(
                st.lists(
                    indicators(cp1252=cp1252),
                    max_size=2,
                    unique_by=lambda i: normalise_name(i.name),
                )
            ),
            "followup": draw(st.sampled_from([None, "measured", "dialogue"])),
            "attrs": draw(attrs(cp1252=cp1252)),
        }
        elements.append(sg.Element(**fields))
    measurements = []
    for element in elements:
        for indicator in element.indicators:
            measurements.extend(
                sg.Measurement(
                    element=element.id,
                    indicator=indicator.name,
                    period=period,
                    value=draw(_numbers()),
                    note=draw(st.none() | texts(cp1252=cp1252, max_size=20, blank=True)),
                    source=draw(st.none() | texts(cp1252=cp1252, max_size=12, blank=True)),
                )
                for period in draw(st.lists(periods(), max_size=3, unique=True))
            )

    links = []
    if len(elements) >= 2:
        every_pair = list(itertools.combinations(range(len(elements)), 2))
        pairs = draw(st.lists(st.sampled_from(every_pair), unique=True, max_size=2 * len(elements)))
        for i, j in pairs:
            a, b = elements[i], elements[j]
            # Hierarchy links first in the options, so shrinking prefers the chain.
            options = _link_options(schema, a, b)[::-1]
            kind, source, target = draw(st.sampled_from(options))
            links.append(
                sg.Link(
                    source=source,
                    target=target,
                    kind=kind,
                    note=draw(st.none() | texts(cp1252=cp1252, max_size=40, blank=True)),
                    weight=draw(st.none() | _numbers()),
                )
            )

    return sg.StrategyMap(
        elements=elements,
        links=links,
        measurements=measurements,
        schema=schema,
        name=draw(map_names(cp1252=cp1252)),
        currency=draw(st.sampled_from(["DKK", "EUR", "kr.", "€"])),
        year=draw(st.none() | st.integers(1900, 2100)),
        organisation=draw(st.none() | map_names(cp1252=cp1252)),
    )


def describe(smap: sg.StrategyMap) -> str:
    """Spell out a map in full, for Hypothesis to show with a failing example."""
    lines = [f"schema={smap.schema!r} {smap.schema.to_dict()!r}", f"metadata={smap.metadata()!r}"]
    lines += [f"  {e!r}" for e in smap]
    lines += [f"  {link!r}" for link in smap.links]
    lines += [f"  {m!r}" for m in smap.measurements]
    return "\n".join(lines)
