"""Synthetic maps of any size with the shape of a real municipal map, for tests and benchmarks."""

from __future__ import annotations

import random
from typing import Any

from stratgraph._build import ElementRecord, LinkRecord, build, gc_paused
from stratgraph.model import Element, Indicator, Link, LinkKind
from stratgraph.schema import Schema
from stratgraph.strategy_map import StrategyMap

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


@gc_paused()
def synthetic(n: int, *, seed: int = 0, schema: Schema | str | None = None) -> StrategyMap:
    """Return a valid random map of ``n`` elements with a realistic shape.

    The shape follows a municipal map: few visions and strategies, many goals and projects;
    about 10 % of goals and projects have two parents, 1 % have none (orphans), 1 % skip a level,
    some goals and projects are nested, and there are ``supports`` and ``tension`` links. Any
    schema works: its levels get the same shares from the top. The same ``n`` and ``seed`` give
    the same map.

    Examples
    --------
    >>> m = sg.datasets.synthetic(500, seed=1)
    >>> len(m), m == sg.datasets.synthetic(500, seed=1)
    (500, True)
    """
    if n < 0:
        msg = f"n must be 0 or more, not {n}"
        raise ValueError(msg)
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

    prefixes = _prefixes(levels)
    for rank, (level, count) in enumerate(zip(levels, counts, strict=True)):
        prefix = prefixes[rank]
        ids = [f"{prefix}{i + 1}" for i in range(count)]
        nestable = the_schema.levels[rank].nestable
        for index, eid in enumerate(ids):
            word = rng.choice(_WORDS)
            fields: dict[str, Any] = {
                "id": eid,
                "type": level,
                "title": f"{level.replace('_', ' ').capitalize()} {index + 1}: {word}",
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
            # per-field checks that would dominate the time at a million elements.
            records.append(ElementRecord(Element.model_construct(**fields)))
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


def _prefixes(levels: tuple[str, ...]) -> list[str]:
    """Short distinct id prefixes: ``V``, ``P``, ``S``, ``EG``, ``A``, ``PR`` for municipal."""
    taken: list[str] = []
    for level in levels:
        initials = "".join(part[0] for part in level.split("_")).upper()
        options = [initials, *(level[:k].upper() for k in range(2, len(level) + 1))]
        prefix = next((o for o in options if o not in taken), level.upper() + str(len(taken)))
        taken.append(prefix)
    return taken
