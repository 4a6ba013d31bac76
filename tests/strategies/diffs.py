"""Random maps for the duplicate and diff properties, with the plain facts they are built from.

- :func:`titled_maps`: goals (and other elements) whose titles are variations of a few phrases:
  case, spacing, punctuation and letters changed, words dropped or added, so that many pairs lie
  near any threshold.
- :func:`edited_maps`: a map and a second version of it after random edits (add, remove,
  retitle, retype, re-parent), with the elements and hierarchy links of both as plain data, so a
  reference can compare them with sets alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

import stratgraph as sg

__all__ = ["Version", "edited_maps", "titled_maps", "titles"]

PHRASES = (
    "Flere borgere i beskæftigelse",
    "Flere borgere i varig beskæftigelse",
    "Færre anbringelser uden for hjemmet",
    "Sund mad i alle kommunale køkkener",
    "Mere husholdningsaffald genanvendes",
    "ab",
    "a",
    "Øl",
    "x y",
)
EXTRA_WORDS = ("varig", "flere", "i", "og", "2013", "–", "ÆØÅ")
LETTERS = "abeilnorsæøå "
PUNCTUATION = " .,;:!?-–()\"'"


@st.composite
def titles(draw: st.DrawFn) -> str:
    """A title: a phrase, random letters, or a phrase after a few random edits."""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        text = draw(st.text(st.sampled_from(LETTERS + PUNCTUATION), min_size=1, max_size=12))
        return text if text.strip() else "tom"
    text = draw(st.sampled_from(PHRASES))
    for _ in range(draw(st.integers(0, 4))):
        edit = draw(st.integers(0, 6))
        at = draw(st.integers(0, len(text)))
        if edit == 0:
            text = text[:at] + draw(st.sampled_from(LETTERS)) + text[at:]
        elif edit == 1 and len(text) > 1:
            text = text[:at] + text[at + 1 :]
        elif edit == 2:
            text = text[:at] + draw(st.sampled_from(PUNCTUATION)) + text[at:]
        elif edit == 3:
            text = text.upper() if draw(st.booleans()) else text.lower()
        elif edit == 4:
            text = f"{text} {draw(st.sampled_from(EXTRA_WORDS))}"
        elif edit == 5:
            text = "  " + text.replace(" ", "   ") + " "
        else:
            words = text.split()
            if len(words) > 1:
                del words[draw(st.integers(0, len(words) - 1))]
                text = " ".join(words)
    return text if text.strip() else "tom"


@st.composite
def titled_maps(draw: st.DrawFn, *, max_elements: int = 24) -> sg.StrategyMap:
    """A map of goals (mostly) and a few other elements, all with drawn titles, no links."""
    schema = draw(
        st.sampled_from(
            [
                sg.Schema.preset("municipal"),
                sg.Schema.preset("okr"),
                sg.Schema(levels=["target", "task"], goal_level="target"),
            ]
        )
    )
    n = draw(st.integers(0, max_elements))
    elements = []
    for i in range(n):
        at_goal = draw(st.integers(0, 4)) > 0
        level = schema.goal_level if at_goal else draw(st.sampled_from(schema.level_names))
        elements.append(sg.Element(id=f"E{i}", type=level, title=draw(titles())))
    return sg.StrategyMap(elements=elements, schema=schema)


@dataclass(frozen=True)
class Version:
    """One version of a map as plain data: types, titles and hierarchy parents by id."""

    types: dict[str, str]
    titles: dict[str, str]
    parents: dict[str, set[str]]
    smap: sg.StrategyMap


_RANK = {name: r for r, name in enumerate(sg.Schema.preset("municipal").level_names)}
_NESTABLE = {level.name for level in sg.Schema.preset("municipal").levels if level.nestable}


def _allowed(parent_type: str, child_type: str) -> bool:
    a, b = _RANK[parent_type], _RANK[child_type]
    return a < b or (a == b and parent_type in _NESTABLE)


def _build(
    order: list[str],
    types: dict[str, str],
    titles_: dict[str, str],
    links: list[tuple[str, str]],
    lateral: list[tuple[str, str, str]],
) -> Version:
    elements = [sg.Element(id=eid, type=types[eid], title=titles_[eid]) for eid in order]
    hierarchy = [sg.Link(source=p, target=c) for p, c in links]
    others = [sg.Link(source=a, target=b, kind=kind) for a, b, kind in lateral]
    smap = sg.StrategyMap(elements=elements, links=[*hierarchy, *others])
    parents: dict[str, set[str]] = {eid: set() for eid in order}
    for p, c in links:
        parents[c].add(p)
    return Version(dict(types), dict(titles_), parents, smap)


@st.composite
def edited_maps(draw: st.DrawFn, *, max_elements: int = 12) -> tuple[Version, Version]:
    """A municipal map and a version of it after random edits, each with its plain data.

    Links only go from a higher level to a lower one (or within a nestable level, from an earlier
    element to a later one in creation order), so no version has a cycle; a link that a retyping
    makes invalid is dropped, which moves its child, as it would in a real edit.
    """
    levels = list(_RANK)
    n = draw(st.integers(0, max_elements))
    ids = [f"E{i}" if i % 4 else f"Mål-{i}" for i in range(n)]
    types = {eid: draw(st.sampled_from(levels)) for eid in ids}
    titles_ = {eid: draw(st.sampled_from(PHRASES)) for eid in ids}
    links = [
        (parent, child)
        for j, child in enumerate(ids)
        for parent in ids[:j]
        if _allowed(types[parent], types[child]) and draw(st.integers(0, 3)) == 0
    ]
    lateral: list[tuple[str, str, str]] = []
    linked = {frozenset(link) for link in links}
    for a, b in draw(
        st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3)
        if ids
        else st.just([])
    ):
        if a != b and frozenset((a, b)) not in linked:
            linked.add(frozenset((a, b)))
            lateral.append((a, b, draw(st.sampled_from(["supports", "tension"]))))
    old = _build(ids, types, titles_, links, lateral)

    # -- the edits -------------------------------------------------------------------------------
    order = list(ids)
    removed = set(draw(st.lists(st.sampled_from(ids), max_size=3, unique=True)) if ids else [])
    order = [eid for eid in order if eid not in removed]
    new_types = {eid: types[eid] for eid in order}
    new_titles = {eid: titles_[eid] for eid in order}
    for eid in order:
        action = draw(st.integers(0, 9))
        if action == 0:
            new_titles[eid] = draw(st.sampled_from(PHRASES))  # may be the same title
        elif action == 1:
            new_titles[eid] = new_titles[eid] + " "  # a difference in spacing is a retitle
        elif action == 2:
            new_types[eid] = draw(st.sampled_from(levels))  # may be the same level
    added = [f"Ny-{k}" for k in range(draw(st.integers(0, 3)))]
    for eid in added:
        new_types[eid] = draw(st.sampled_from(levels))
        new_titles[eid] = draw(st.sampled_from(PHRASES))
        order.insert(draw(st.integers(0, len(order))), eid)
    creation = [eid for eid in ids if eid not in removed] + added
    new_links = [
        (p, c)
        for p, c in links
        if p in new_types
        and c in new_types
        and _allowed(new_types[p], new_types[c])
        and (new_types[p] != new_types[c] or creation.index(p) < creation.index(c))
        and draw(st.integers(0, 5)) > 0  # drop a few: re-parenting
    ]
    new_linked = {frozenset(link) for link in new_links}
    new_lateral = [
        (a, b, kind)
        for a, b, kind in lateral
        if a in new_types and b in new_types and frozenset((a, b)) not in new_linked
    ]
    new_linked.update(frozenset((a, b)) for a, b, _ in new_lateral)
    for j, child in enumerate(creation):
        for parent in creation[:j]:
            pair = frozenset((parent, child))
            if (
                pair not in new_linked
                and _RANK[new_types[parent]] < _RANK[new_types[child]]
                and draw(st.integers(0, 7)) == 0
            ):
                new_links.append((parent, child))
                new_linked.add(pair)
    new = _build(order, new_types, new_titles, new_links, new_lateral)
    return old, new
