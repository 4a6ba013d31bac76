"""Random valid maps for the analysis properties, and the plain graph views the references use.

The maps are small (a brute-force reference must enumerate their paths) but cover every shape the
analyses must handle: presets and custom schemas, optional and nestable levels, multi-parent
elements, skipped levels, elements listed before their parents, empty maps and maps without goals.

Each element is drawn as one integer and decoded (see :func:`_decode`): hundreds of maps per
property stay quick, and shrinking an integer towards 0 gives a simpler element (top level, no
parents, no budget, no tags, no owner, no indicators).
"""

from __future__ import annotations

import random
from functools import cache

import networkx as nx
import pandas as pd
from hypothesis import strategies as st

import stratgraph as sg
from stratgraph._pandas import TEXT

__all__ = [
    "LEVEL_NAMES",
    "OWNERS",
    "TAGS",
    "analysis_maps",
    "analysis_schemas",
    "check_frame",
    "hierarchy",
    "position",
    "rank",
]

#: Level names for custom schemas; ``agenda`` is there on purpose, to clash with ``by="agenda"``.
LEVEL_NAMES = ("agenda", "theme", "goal", "target", "output", "task")
TAGS = ("klima", "velfærd", "vækst", "effektivisering")
OWNERS = ("Børn og Unge", "Jobcenter", "Teknik og Miljø")
NOTES = ("Spare vs. udvikle", "Tælle vs. tillid")


@cache
def _custom_schema(names: tuple[str, ...], flags: int, goal: int, says: int = 0) -> sg.Schema:
    levels = [
        sg.Level(
            name=name, optional=bool(flags >> (2 * k) & 1), nestable=bool(flags >> (2 * k + 1) & 1)
        )
        for k, name in enumerate(names)
    ]
    # Mostly a goal level below the top, as in every preset; now and then the top level itself.
    goal_level = names[0 if goal == 0 else 1 + goal % (len(names) - 1)]
    # Now and then the bottom level measures the goals (as in the SDG framework), and now and
    # then the maps carry no money: the analyses must follow what the schema says.
    below = names.index(goal_level) < len(names) - 1
    return sg.Schema(
        levels=levels,
        goal_level=goal_level,
        measure_level=names[-1] if says & 1 and below else None,
        money=not says & 2,
    )


def analysis_schemas() -> st.SearchStrategy[sg.Schema]:
    """A preset, or a custom schema of 2 to 5 levels with random optional and nestable levels.

    A custom schema may have a measure level (its bottom level, below the goal level) and may
    carry no money.
    """
    presets = st.sampled_from(sg.preset_names()).map(sg.Schema.preset)
    custom = st.builds(
        _custom_schema,
        st.lists(st.sampled_from(LEVEL_NAMES), min_size=2, max_size=5, unique=True).map(tuple),
        st.integers(0, 2**10 - 1),
        st.integers(0, 5),
        st.integers(0, 3),
    )
    return st.one_of(presets, custom)


def _decode(code: int) -> tuple[int, list[int], float | None, list[str], str | None, int]:
    """Decode one element: level, parent picks, budget, agenda tags, owner, number of indicators."""
    code, level = divmod(code, 8)
    code, n_parents = divmod(code, 4)
    picks = []
    for _ in range(n_parents):
        code, pick = divmod(code, 64)
        picks.append(pick)
    code, tags = divmod(code, 16)
    code, owner = divmod(code, 4)
    code, n_indicators = divmod(code, 3)
    code, has_budget = divmod(code, 2)
    # Quarters are exact in binary floating point; sevenths are not, and test the rounding.
    budget = (code % 2**22) / (4 if code % 3 else 7) if has_budget else None
    agenda = [tag for k, tag in enumerate(TAGS) if tags >> k & 1]
    return level, picks, budget, agenda, (OWNERS[owner - 1] if owner else None), n_indicators


@st.composite
def analysis_maps(draw: st.DrawFn, *, max_elements: int = 14) -> sg.StrategyMap:
    """A valid random map.

    Elements are made in a creation order and only take parents made before them at a higher
    level (or the same nestable level), so the hierarchy is acyclic; the map then lists them in a
    shuffled order, so that map order and hierarchy order differ. Two elements are linked at most
    once; some pairs get ``supports`` or ``tension`` links.
    """
    schema = draw(analysis_schemas())
    n_levels = len(schema.levels)
    n = draw(st.integers(0, max_elements))
    codes = draw(st.lists(st.integers(0, 2**64), min_size=n, max_size=n))
    parts = [_decode(code) for code in codes]
    ranks = [part[0] % n_levels for part in parts]
    if draw(st.booleans()):
        ranks.sort()  # top-down creation: long, well-formed chains
    linked: set[frozenset[int]] = set()
    parents: list[list[int]] = []
    for i, r in enumerate(ranks):
        candidates = [
            j for j in range(i) if ranks[j] < r or (ranks[j] == r and schema.levels[r].nestable)
        ]
        picks = parts[i][1] if candidates else []
        parents.append(list(dict.fromkeys(candidates[k % len(candidates)] for k in picks)))
        linked.update(frozenset((i, j)) for j in parents[-1])
    ids = [f"E{i}" if i % 3 else f"Mål-Æ{i}" for i in range(n)]
    elements = [
        sg.Element(
            id=ids[i],
            type=schema.level_names[ranks[i]],
            title=f"Element {i}",
            budget=budget,
            agenda=agenda,
            owner=owner,
            indicators=[sg.Indicator(name=f"Indikator {k}") for k in range(n_indicators)],
        )
        for i, (_, _, budget, agenda, owner, n_indicators) in enumerate(parts)
    ]
    links = [sg.Link(source=ids[p], target=ids[c]) for c in range(n) for p in parents[c]]
    lateral = draw(st.lists(st.integers(0, 2**16), min_size=1, max_size=6)) if n >= 2 else []
    shared = [c for c in range(n) if len(parents[c]) >= 2]
    for code in lateral:
        rest, a = divmod(code, n)
        rest, b = divmod(rest, n)
        rest, kind = divmod(rest, 3)
        rest, between_parents = divmod(rest, 2)
        if shared and between_parents:  # two parents of one child: a double bind, often
            a, b = parents[shared[a % len(shared)]][:2]
        pair = frozenset((a, b))
        if len(pair) == 2 and pair not in linked:
            linked.add(pair)
            links.append(
                sg.Link(
                    source=ids[a],
                    target=ids[b],
                    kind=("supports", "tension", "tension")[kind],
                    note=(None, *NOTES)[rest % 3],
                )
            )
    shuffle = random.Random(draw(st.integers(0, 2**32)))  # noqa: S311 - a test's shuffle
    shuffle.shuffle(links)
    order = list(range(n))
    shuffle.shuffle(order)
    return sg.StrategyMap(elements=[elements[i] for i in order], links=links, schema=schema)


def hierarchy(smap: sg.StrategyMap) -> nx.DiGraph[str]:
    """The map's networkx view with the hierarchy edges only (every element kept)."""
    graph = smap.to_networkx()
    tree: nx.DiGraph[str] = nx.DiGraph()
    tree.add_nodes_from(graph.nodes)
    tree.add_edges_from((u, v) for u, v, kind in graph.edges(data="kind") if kind == "hierarchy")
    return tree


def rank(smap: sg.StrategyMap) -> dict[str, int]:
    """Each element's level as a number, 0 at the top."""
    return {e.id: smap.schema.level_names.index(e.type) for e in smap}


def position(smap: sg.StrategyMap) -> dict[str, int]:
    """Each element's place in map order."""
    return {eid: i for i, eid in enumerate(smap.ids)}


def check_frame(frame: pd.DataFrame, columns: dict[str, str], *, index_name: str = "id") -> None:
    """Assert that ``frame`` has the documented index name, columns (in order) and dtypes.

    ``"str"`` stands for the installed pandas's text dtype (``object`` before pandas 3).
    """
    assert type(frame) is pd.DataFrame  # a plain frame, never a subclass
    assert frame.index.name == index_name
    assert frame.index.dtype == TEXT
    assert list(frame.columns) == list(columns)
    expected = {c: TEXT if t == "str" else t for c, t in columns.items()}
    assert {c: str(t) for c, t in frame.dtypes.items()} == expected
