"""Mermaid and Graphviz DOT text of a map, for Markdown memos and documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stratgraph._atomic import atomic_write_text
from stratgraph.model import LinkKind

if TYPE_CHECKING:
    from stratgraph._util import StrPath
    from stratgraph.strategy_map import StrategyMap

__all__ = ["to_dot", "to_mermaid"]

# Okabe–Ito: colour-blind safe; light tints so that black text stays legible.
_FILLS = ("#f0e442", "#e8d5a9", "#9ad0f5", "#a6dcc8", "#f5c9a3", "#d9c2e4", "#dddddd")


def _fill(rank: int) -> str:
    return _FILLS[rank % len(_FILLS)]


def _finish(text: str, path: StrPath | None) -> str | None:
    if path is None:
        return text
    atomic_write_text(path, text)
    return None


# Mermaid reads "#name;" and "#123;" as character entities and renders labels as HTML (a backtick
# at the start makes a Markdown label), so these characters are written as entities.
_MERMAID_ESCAPES = str.maketrans(
    {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;", "\n": "<br>"}
)


def _mermaid_text(text: str) -> str:
    return text.translate(_MERMAID_ESCAPES)


def to_mermaid(smap: StrategyMap, path: StrPath | None = None) -> str | None:
    """Return (or write) a Mermaid flowchart of the map, top level at the top.

    Hierarchy links are solid arrows, ``supports`` dotted arrows, ``tension`` dotted lines
    labelled "tension".

    Examples
    --------
    >>> print(sg.StrategyMap([{"id": "S1", "type": "strategy", "title": "Tidlig indsats"},
    ...     {"id": "G1", "type": "effect_goal", "title": 'Færre "anbringelser"',
    ...      "parents": ["S1"]}]).to_mermaid())
    flowchart TD
      classDef strategy fill:#9ad0f5,stroke:#333
      classDef effect_goal fill:#a6dcc8,stroke:#333
      n0["S1: Tidlig indsats"]:::strategy
      n1["G1: Færre #quot;anbringelser#quot;"]:::effect_goal
      n0 --> n1
    """
    schema = smap.schema
    node = {e.id: f"n{i}" for i, e in enumerate(smap)}
    used = {e.type for e in smap}
    lines = ["flowchart TD"]
    lines += [
        f"  classDef {lv} fill:{_fill(r)},stroke:#333"
        for r, lv in enumerate(schema.level_names)
        if lv in used
    ]
    for e in smap:
        label = _mermaid_text(f"{e.id}: {e.title}")
        lines.append(f'  {node[e.id]}["{label}"]:::{e.type}')
    arrows = {
        LinkKind.HIERARCHY: "-->",
        LinkKind.SUPPORTS: "-.->",
        LinkKind.TENSION: "-. tension .-",
    }
    lines += [f"  {node[l.source]} {arrows[l.kind]} {node[l.target]}" for l in smap.links]  # noqa: E741
    return _finish("\n".join(lines) + "\n", path)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def to_dot(smap: StrategyMap, path: StrPath | None = None) -> str | None:
    """Return (or write) a Graphviz DOT digraph with one rank per level.

    Examples
    --------
    >>> text = sg.datasets.load("eksempel-2013").to_dot()
    >>> text.splitlines()[0]
    'digraph "Eksempel Kommune 2013" {'
    """
    schema = smap.schema
    lines = [
        f"digraph {_quote(smap.name)} {{",
        "  rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
    ]
    for rank, level in enumerate(schema.level_names):
        ids = [e.id for e in smap if e.type == level]
        if not ids:
            continue
        lines.append(f"  subgraph {_quote('level ' + level)} {{ rank=same;")
        lines += [
            f"    {_quote(i)} [label={_quote(smap[i].title)}, fillcolor={_quote(_fill(rank))}];"
            for i in ids
        ]
        lines.append("  }")
    style = {
        LinkKind.HIERARCHY: "",
        LinkKind.SUPPORTS: " [style=dashed]",
        LinkKind.TENSION: (
            ' [style=dotted, dir=both, color="#d55e00", constraint=false, label="tension"]'
        ),
    }
    lines += [f"  {_quote(l.source)} -> {_quote(l.target)}{style[l.kind]};" for l in smap.links]  # noqa: E741
    lines.append("}")
    return _finish("\n".join(lines) + "\n", path)
