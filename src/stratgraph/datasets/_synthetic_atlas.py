"""Synthetic atlases of any size: a state, regions and municipalities over years, for benchmarks."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from stratgraph._build import MapState
from stratgraph._options import check_whole
from stratgraph._util import gc_paused
from stratgraph.atlas import Atlas, AtlasLink, Organisation
from stratgraph.datasets._synthetic import synthetic
from stratgraph.strategy_map import StrategyMap

if TYPE_CHECKING:
    from stratgraph.atlas import Key

__all__ = ["synthetic_atlas"]

#: Elements in each organisation's map of a year.
ELEMENTS_PER_MAP = 2_000
#: The share of goals that are not in every year: each lives from a random year to another.
_CHURN = 0.1
#: The share of a lower organisation's goals linked to a goal of its upper organisation.
_LINKED = 0.02
FIRST_YEAR = 2015


@gc_paused()
def synthetic_atlas(
    organisations: int, years: int, *, seed: int = 0, elements: int = ELEMENTS_PER_MAP
) -> Atlas:
    """Return an atlas of ``organisations`` × ``years`` maps of about ``elements`` elements each.

    The first organisation is "Staten"; one in twenty of the rest is a region under it, the
    others municipalities under the regions in turn. Each organisation's maps are drawn from one
    :func:`synthetic` map: a tenth of its goals live only from one year to a later one (churn),
    and two in a hundred goals of a lower organisation support a goal of its upper one, in every
    year. The maps of one organisation share the element objects they have in common, as the
    maps of a real atlas read from files do not: memory measured on it is a lower bound.
    ``synthetic_atlas(100, 10)`` has about 2 million elements. The same arguments give the same
    atlas.

    Raises
    ------
    OptionError
        If a count or ``seed`` is not a whole number (``organisations``, ``years`` at least 1).

    Examples
    --------
    >>> atlas = sg.datasets.synthetic_atlas(3, 2, elements=200)
    >>> atlas.organisations, atlas.years
    (('Staten', 'Region 1', 'Kommune 2'), (2015, 2016))
    >>> len(atlas), sum(len(m) for _, m in atlas.items()) > 700
    (6, True)
    """
    organisations = check_whole("organisations", organisations, least=1)
    years = check_whole("years", years, least=1)
    seed = check_whole("seed", seed)
    elements = check_whole("elements", elements, least=1)
    rng = random.Random(f"atlas-{seed}")  # noqa: S311 - reproducible shapes, not secrets
    n_regions = max(1, (organisations - 1) // 20) if organisations > 1 else 0
    orgs = [Organisation("Staten", kind="stat")]
    orgs += [Organisation(f"Region {i + 1}", "Staten", kind="region") for i in range(n_regions)]
    orgs += [
        Organisation(f"Kommune {i}", f"Region {(i % n_regions) + 1}", kind="kommune")
        for i in range(n_regions + 1, organisations)
    ]
    the_years = [FIRST_YEAR + j for j in range(years)]
    maps: dict[Key | str, StrategyMap] = {}
    lasting: dict[str, list[str]] = {}  # the goals in every year, by organisation
    for number, org in enumerate(orgs):
        base = synthetic(elements, seed=seed * 100_003 + number)
        state = base._state  # noqa: SLF001 - drawn from, never changed
        goal = base.schema.goal_level
        goals = [e.id for e in base if e.type == goal]
        spans: dict[str, tuple[int, int]] = {}
        for gid in goals:
            if rng.random() < _CHURN and years > 1:
                start = rng.randrange(years)
                spans[gid] = (start, rng.randrange(start, years) + 1)
        lasting[org.name] = [g for g in goals if g not in spans]
        for j, year in enumerate(the_years):
            absent = {g for g, (start, end) in spans.items() if not start <= j < end}
            kept = {k: v for k, v in state.elements.items() if k not in absent}
            links = [k for k in state.links if k.source not in absent and k.target not in absent]
            maps[(org.name, year)] = StrategyMap._from_state(  # noqa: SLF001
                MapState(base.schema, kept, links),
                name=f"{org.name} {year}",
                organisation=org.name,
                year=year,
            )
    cross = [
        AtlasLink(f"{org.name}:{gid}", f"{org.parent}:{rng.choice(lasting[org.parent])}")
        for org in orgs
        if org.parent is not None and lasting[org.parent]
        for gid in lasting[org.name]
        if rng.random() < _LINKED
    ]
    return Atlas(
        maps, cross, orgs, name=f"Synthetic atlas ({organisations} × {years}, seed {seed})"
    )
