"""Synthetic maps of any size with the shape of a real municipal map, for tests and benchmarks."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from stratgraph._build import ElementRecord, LinkRecord, build
from stratgraph._options import check_whole
from stratgraph._util import gc_paused
from stratgraph.model import Element, Indicator, Link, LinkKind
from stratgraph.schema import Schema, SchemaLike
from stratgraph.strategy_map import StrategyMap

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo

__all__ = ["synthetic"]

# Shares of each municipal level: few anchors, many goals, most elements are work.
_SHARES = {
    "vision": 0.004,
    "policy": 0.02,
    "strategy": 0.05,
    "effect_goal": 0.25,
    "agreement": 0.15,
    "project": 0.526,
}
_OWNERS = (
    "Direktionen",
    "Børn og Unge",
    "Social og Sundhed",
    "Teknik og Miljø",
    "Kultur og Fritid",
    "Jobcenter",
    "Økonomi og Personale",
)
_AGENDAS = ("bæredygtighed", "velfærd", "effektivisering")
#: Link notes and indicator names.
_WORDS = (
    "tidlig indsats",
    "inklusion",
    "rehabilitering",
    "klimatilpasning",
    "lokalsamfund",
    "digitalisering",
    "samskabelse",
    "borgerinddragelse",
    "sundhed",
    "beskæftigelse",
)

# -- titles: Danish phrases from small word lists, one 64-bit draw per title ---------------------


def _words(text: str) -> tuple[str, ...]:
    """Split a word list written as text: entries are separated by ``|`` (or by spaces alone)."""
    separator = "|" if "|" in text else None
    return tuple(entry.strip() for entry in text.split(separator) if entry.strip())


_VERBS = _words("""
    Styrke Udvikle Forbedre Sikre Fremme Understøtte Udbygge Løfte Målrette Forenkle Nytænke
    Samle Digitalisere Kvalificere Forny Prioritere Synliggøre Effektivisere Modernisere Omlægge
    Udvide Styrk
""")
#: Compound nouns: a first part and a second part, as Danish writes them in one word.
_FIRST = _words("""
    sundheds børne ældre skole social beskæftigelses klima natur trafik bolig erhvervs kultur
    idræts fritids familie ungdoms handicap psykiatri misbrugs integrations affalds energi vand
    miljø plan bygge landdistrikts turisme frivilligheds forebyggelses rehabiliterings demens
    pleje hjemmepleje dagtilbuds klub kost læse sprog trivsels uddannelses job virksomheds borger
    digitaliserings tandpleje sygepleje genoptrænings omsorgs trygheds kyst skov cykel bus vej sti
    havne biblioteks by lokal spildevands grundvands regnvands kloak varme sol vind jord landbrugs
    fiskeri sundhedspleje jordemoder forældre plejefamilie anbringelses efterværns praktik
    lærlinge voksenuddannelses ensomheds musik teater museums kunst lejligheds sommerhus
""")
_SECOND = _words("""
    indsatsen tilbuddet kvaliteten samarbejdet planen området netværket forløbet rådgivningen
    vejledningen kapaciteten udviklingen organiseringen koordineringen dækningen servicen
    beredskabet fællesskabet miljøet økonomien ledelsen kompetencerne faciliteterne partnerskabet
    udbuddet indsatserne tilsynet opfølgningen visitationen kontakten modtagelsen overgangene
    rammerne mulighederne aktiviteterne forebyggelsen arbejdet kendskabet adgangen sammenhængen
    strategien politikken kortlægningen prioriteringen digitaliseringen dokumentationen
    evalueringen uddannelsen rekrutteringen fastholdelsen ventetiden åbningstiden kommunikationen
    informationen inddragelsen styringen planlægningen investeringen renoveringen vedligeholdelsen
""")
_GROUPS = _words("""
    for børn i dagtilbud | for skoleelever | for unge under 25 år | for ældre borgere |
    for borgere med handicap | for langtidsledige | for nytilkomne flygtninge |
    for familier med små børn | for pårørende | for kommunens medarbejdere | for små virksomheder |
    for frivillige foreninger | for sårbare børn og unge | for borgere med psykiske lidelser |
    for seniorer | for beboere i landdistrikterne | for enlige forsørgere | for kronisk syge |
    for demente og deres pårørende | for unge uden uddannelse | for elever i udskolingen |
    for sygemeldte | for turister og gæster | for pendlere | for landmænd |
    for lokale erhvervsdrivende | for børn med særlige behov | for hjemløse |
    for borgere på kontanthjælp | for unge mødre | for ordblinde | for tosprogede børn |
    for elever i indskolingen | for plejehjemsbeboere | for borgere med diabetes |
    for førtidspensionister | for lærlinge | for nyuddannede | for cyklister |
    for idrætsforeninger | for gravide | for spædbørn og deres forældre | for anbragte børn |
    for unge med misbrug | for borgere med demens | for blinde og svagsynede | for døve |
    for kræftpatienter | for udsatte boligområder | for iværksættere | for store virksomheder |
    for kulturinstitutioner | for boligforeninger | for grundejerforeninger | for pensionister |
    for hjemmeboende ældre | for socialt udsatte | for pædagoger | for lærere | for sygeplejersker
""")
#: Place names are made as Danish ones are: Hol-bæk, Ny-købing, Kirke-by.
_PLACE_FIRST = _words("""
    Hol Ny Kirke Sønder Nørre Vester Øster Lille Store Eg Lind Ask Bøge Hassel Ege Birke Skov Sø
    Mølle Strand Bakke Eng Mose Hede Ager Grå Hvide Røde Lyng Kilde Fjord Ravns Ulfs Torne Gud
    Her Kalle Rud Tved Hjort Svane Krage Tranes Ørne Ulve Bjerge Dals Fane Gjern Has Jyde Kerte
    Lange Mari Nakke Ore Præste Sand Sten Tofte Vejle Viby Vinde Østrup Fårup Glam Gørs Haders
    Ishøj Jels Karup Ko Lem Nyk Odder Padborg Ribe Rø Snekke Stubbe Tune Vam Aa Bro Dyre Frede
""")
_PLACE_END = _words("""
    bæk købing rup strup løse sted lev by bjerg lund holm høj gård vig næs inge skov torp balle
    drup mose ved tofte havn sø rød dal hede ager bølle vejle slev magle um ring lykke toft bro
    borg hus bøl fjord hoved kær lunde minde ø sund tved vad skær bjerre strand mark huse hule
    dam vang bakke
""")
_PLACES = _words("""
    i {} | i {} | i {} | i {} | på {} Skole | i {}-området | ved {} Station | omkring {} |
    i {} Syd | i {} Nord | på {} Plejecenter | i {} Børnehus | ved {} Havn | i {} Midtby
""")
#: Most goals have no horizon; the empty entries are the odds of that.
_HORIZONS = ("",) * 8 + _words("""
    inden 2016 | inden 2018 | frem mod 2020 | gennem samskabelse | med digitale løsninger |
    i samarbejde med regionen | via partnerskaber | med frivillige
""")
#: Work below the goals: agreements, projects.
_WORK = _words("""
    Projekt om | Aftale om | Indsats for | Pilotprojekt om | Forløb om | Partnerskab om |
    Kampagne for | Netværk om | Udviklingsprojekt om | Samarbejde om
""")
#: Small edits that make a goal's title a near-duplicate of an earlier goal's.
_EDITS = (" – fortsat", " (videreført)", " 2.0", "!", " i fællesskab", " også")
#: The share of goals whose title repeats an earlier goal's with a small edit (SG402 finds them).
_NEAR_DUPLICATES = 0.005


def _pick(bits: int, words: tuple[str, ...]) -> tuple[str, int]:
    return words[bits % len(words)], bits // len(words)


def _title(bits: int, rank: int, goal: int) -> str:
    """Return a title for an element of ``rank`` from 64 random ``bits``."""
    first, bits = _pick(bits, _FIRST)
    second, bits = _pick(bits, _SECOND)
    group, bits = _pick(bits, _GROUPS)
    if rank < goal:  # strategies and what is above them: a field of work and its people
        return f"{first.capitalize()}{second} {group}"
    place, bits = _pick(bits, _PLACES)
    town, bits = _pick(bits, _PLACE_FIRST)
    ending, bits = _pick(bits, _PLACE_END)
    where = place.format(town + ending)
    if rank > goal:  # the work that carries the goals
        work, bits = _pick(bits, _WORK)
        return f"{work} {first}{second} {where}"
    verb, bits = _pick(bits, _VERBS)
    horizon, bits = _pick(bits, _HORIZONS)
    return f"{verb} {first}{second} {group} {where}{' ' if horizon else ''}{horizon}"


@gc_paused()
def synthetic(n: int, *, seed: int = 0, schema: SchemaLike | None = None) -> StrategyMap:
    """Return a valid random map of ``n`` elements with a realistic shape.

    The shape follows a municipal map: few visions and strategies, many goals and projects;
    about 10 % of goals and projects have two parents, 1 % have none (orphans), 1 % skip a level,
    some goals and projects are nested, and there are ``supports`` and ``tension`` links. Any
    schema works: its levels get the same shares from the top. The same ``n`` and ``seed`` give
    the same map.

    Raises
    ------
    OptionError
        If ``n`` or ``seed`` is not a whole number of 0 or more (numpy's whole numbers are;
        ``True``, ``2.5``, ``None`` and NaN are not: the same map must come back every time).

    Examples
    --------
    >>> m = sg.datasets.synthetic(500, seed=1)
    >>> len(m), m == sg.datasets.synthetic(500, seed=1)
    (500, True)
    """
    n = check_whole("n", n)
    seed = check_whole("seed", seed)
    the_schema = Schema.coerce(schema)
    rng = random.Random(seed)  # noqa: S311 - reproducible shapes, not secrets
    levels = the_schema.level_names
    shares = list(_SHARES.values())
    weights = [
        shares[min(i * len(shares) // len(levels), len(shares) - 1)] for i in range(len(levels))
    ]
    counts = [max(1, round(n * w / sum(weights))) if n >= len(levels) else 0 for w in weights]
    counts[-1] += n - sum(counts)
    if n < len(levels):
        counts = [1 if i < n else 0 for i in range(len(levels))]
    by_level: list[list[str]] = []
    records: list[ElementRecord] = []
    links: list[LinkRecord] = []
    pairs: set[tuple[str, str]] = set()
    goal = the_schema.goal_rank

    def link(source: str, target: str, kind: LinkKind, note: str | None = None) -> None:
        pair = (source, target) if source <= target else (target, source)
        if source != target and pair not in pairs:
            pairs.add(pair)
            links.append(
                LinkRecord(Link.model_construct(source=source, target=target, kind=kind, note=note))
            )

    # Titles come from a stream of their own, so that the rest of the map is drawn as it always
    # was; a string seed is hashed the same way in every run.
    words = random.Random(f"{seed}-titles")  # noqa: S311 - reproducible text, not secrets
    goal_titles: list[str] = []
    prefixes = _prefixes(levels)
    for rank, (level, count) in enumerate(zip(levels, counts, strict=True)):
        prefix = prefixes[rank]
        ids = [f"{prefix}{i + 1}" for i in range(count)]
        nestable = the_schema.levels[rank].nestable
        for index, eid in enumerate(ids):
            word = rng.choice(_WORDS)
            if rank == goal and goal_titles and words.random() < _NEAR_DUPLICATES:
                earlier = goal_titles[words.randrange(len(goal_titles))]
                title = earlier + _EDITS[words.randrange(len(_EDITS))]
            else:
                title = _title(words.getrandbits(64), rank, goal)
            if rank == goal:
                goal_titles.append(title)
            fields: dict[str, Any] = {
                "id": eid,
                "type": level,
                "title": title,
                "owner": rng.choice(_OWNERS),
                "agenda": tuple(sorted(rng.sample(_AGENDAS, rng.choice((1, 1, 1, 2))))),
                "start": 2012 + rng.randrange(4),
            }
            if rank > goal or rng.random() < 0.3:  # noqa: PLR2004
                fields["budget"] = float(rng.randrange(1, 400) * 25_000)
            if rank == goal and rng.random() < 0.4:  # noqa: PLR2004
                base = float(rng.randrange(10, 90))
                fields["indicators"] = (
                    Indicator(name=f"Andel {word}", unit="%", baseline=base, target=base + 5),
                )
            # Valid by construction (the tests validate synthetic maps in full), so skip the
            # per-field checks that would dominate the time at a million elements; the fields
            # left out get their defaults here, which is quicker than pydantic's way.
            values = {**_DEFAULTS, "attrs": {}, **fields}
            records.append(
                ElementRecord(Element.model_construct(_fields_set=set(fields), **values))
            )
            if rank == 0:
                continue
            roll = rng.random()
            if roll < 0.01:  # noqa: PLR2004 - orphans
                continue
            above = rank - 2 if roll < 0.02 and rank >= 2 else rank - 1  # noqa: PLR2004 - skips
            if the_schema.levels[above].optional and above > 0 and rng.random() < 0.5:  # noqa: PLR2004
                above -= 1
            candidates = by_level[above]
            if nestable and index > 0 and rng.random() < 0.05:  # noqa: PLR2004 - nesting
                candidates = ids[:index]
            if not candidates:
                continue
            note = f"Hvis {word}, så {rng.choice(_WORDS)}" if rng.random() < 0.6 else None  # noqa: PLR2004
            link(rng.choice(candidates), eid, LinkKind.HIERARCHY, note)
            if rank >= goal and rng.random() < 0.1 and len(by_level[rank - 1]) > 1:  # noqa: PLR2004
                link(rng.choice(by_level[rank - 1]), eid, LinkKind.HIERARCHY)
        by_level.append(ids)
    goals = by_level[goal]
    for _ in range(len(goals) // 200 + (1 if len(goals) > 1 else 0)):
        a, b = rng.sample(goals, 2)
        link(a, b, LinkKind.TENSION, "Spare vs. udvikle kvalitet")
    work = [e for level in by_level[goal + 1 :] for e in level]
    for _ in range(len(work) // 50):
        link(rng.choice(work), rng.choice(goals), LinkKind.SUPPORTS)
    state = build(the_schema, records, links)
    return StrategyMap._from_state(  # noqa: SLF001 - a constructor of the package
        state, name=f"Synthetic map ({n} elements, seed {seed})", year=2013
    )


def _default_values() -> dict[str, Any]:
    fields: dict[str, FieldInfo] = Element.model_fields
    return {name: field.get_default(call_default_factory=True) for name, field in fields.items()}


#: Element's defaults, made once (``attrs``, a dict, is made anew for each element).
_DEFAULTS = {
    name: value for name, value in _default_values().items() if name not in {"id", "type", "title"}
}


def _prefixes(levels: tuple[str, ...]) -> list[str]:
    """Short distinct id prefixes: ``V``, ``P``, ``S``, ``EG``, ``A``, ``PR`` for municipal."""
    taken: list[str] = []
    for level in levels:
        initials = "".join(part[0] for part in level.split("_")).upper()
        options = [initials, *(level[:k].upper() for k in range(2, len(level) + 1))]
        prefix = next((o for o in options if o not in taken), level.upper() + str(len(taken)))
        taken.append(prefix)
    return taken


#: Targets per goal in the UN Sustainable Development Goals (169 in all).
SDG_TARGETS = (7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19)
#: Indicators in the SDG framework, each counted once.
SDG_INDICATORS = 232


def framework(*, seed: int = 0, shared: float = 0.1, across: float = 1 / 3) -> StrategyMap:
    """Return a map with the shape of the UN SDG framework, for layout tests and comparisons.

    One agenda, 17 goals with their real numbers of targets (169 in all) and 232 indicators, at
    least one per target. A share ``shared`` of the indicators also measure one or two further
    targets; each further target lies under another goal with odds ``across``, else under the
    same goal. Elements are in framework order (goal 1 before goal 2, target 1.1 before 1.2, an
    indicator after the indicators of earlier targets), as the framework's own tables list
    them. The schema is ``agenda → goal → target → indicator``, indicators the measure level.
    The same arguments give the same map.

    Examples
    --------
    >>> from stratgraph.datasets._synthetic import framework
    >>> m = framework(seed=1)
    >>> [m.schema.level_names, len(m), m.number_of_links("hierarchy")]
    [('agenda', 'goal', 'target', 'indicator'), 419, 449]
    """
    rng = random.Random(f"framework-{seed}")  # noqa: S311 - reproducible shapes, not secrets
    schema = Schema(
        levels=["agenda", "goal", "target", "indicator"],
        goal_level="target",
        measure_level="indicator",
        money=False,
    )
    elements: list[dict[str, Any]] = [{"id": "A", "type": "agenda", "title": "Agenda 2030"}]
    links: list[dict[str, str]] = []
    targets: list[list[str]] = []
    for g, count in enumerate(SDG_TARGETS, start=1):
        elements.append({"id": f"G{g}", "type": "goal", "title": f"Verdensmål {g}"})
        links.append({"source": "A", "target": f"G{g}"})
        targets.append([f"T{g}.{t}" for t in range(1, count + 1)])
    every_target = [t for goal in targets for t in goal]
    extra = [0] * len(every_target)
    for i in rng.sample(range(len(every_target)), SDG_INDICATORS - len(every_target)):
        extra[i] += 1
    for g, goal in enumerate(targets, start=1):
        for t in goal:
            elements.append({"id": t, "type": "target", "title": f"Delmål {t[1:]}"})
            links.append({"source": f"G{g}", "target": t})
    indicators = iter(extra)
    for goal in targets:
        for t in goal:
            for k in range(1 + next(indicators)):
                eid = f"I{t[1:]}.{k + 1}"
                elements.append({"id": eid, "type": "indicator", "title": f"Indikator {eid[1:]}"})
                links.append({"source": t, "target": eid})
                if rng.random() >= shared:
                    continue
                others = {t}
                for _ in range(rng.choice((1, 1, 2))):
                    pool = rng.choice(targets) if rng.random() < across else goal
                    other = rng.choice(pool)
                    if other not in others:
                        others.add(other)
                        links.append({"source": other, "target": eid})
    return StrategyMap(elements, links, schema=schema, name=f"SDG-shaped framework (seed {seed})")
