"""Compare the crossings of stratgraph's layered layout with Graphviz dot and networkx.

Usage: ``python scripts/compare_layouts.py [--maps N] [--dot PATH]``

On the bundled maps, on maps with the shape of the UN SDG framework (17 goals, 169 targets,
232 indicators, a tenth of them under two or three targets) and on synthetic maps of 30 to 300
elements, and on random maps of 300 elements whose elements have one to three parents each
anywhere in the level above, count the hierarchy-link
crossings of (a) ``sg.layered_layout``, (b) Graphviz ``dot`` run on ``smap.to_dot()`` (node
positions from ``dot -Tplain``), also without the ``supports`` and ``tension`` edges ("dot, chain
only": dot then minimises exactly what is counted), (c) networkx ``multipartite_layout`` on the
same rows as (a), all with ``sg.count_crossings`` on the node positions, and print a Markdown
table. Graphviz is needed for (b) only; without it the script says so and leaves (b) empty.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from typing import TextIO

import networkx as nx

import stratgraph as sg
from stratgraph.datasets._synthetic import framework


def dot_positions(
    smap: sg.StrategyMap, dot: str, *, chain_only: bool = False
) -> dict[str, tuple[float, float]]:
    """Node positions (inches, y up) of ``dot -Tplain`` on the map's DOT text.

    With ``chain_only``, the ``supports`` and ``tension`` edges are left out of the DOT text, so
    that dot minimises the crossings of the hierarchy alone, as the count measures them.
    """
    text = smap.to_dot() or ""
    if chain_only:
        text = "\n".join(
            line
            for line in text.splitlines()
            if "style=dashed" not in line and "style=dotted" not in line
        )
    out = subprocess.run(  # noqa: S603 - a fixed program on our own text
        [dot, "-Tplain"], input=text, capture_output=True, text=True, check=True
    ).stdout
    positions: dict[str, tuple[float, float]] = {}
    for line in out.splitlines():
        parts = _split_plain(line)
        if parts and parts[0] == "node":
            positions[parts[1]] = (float(parts[2]), float(parts[3]))
    return positions


def _split_plain(line: str) -> list[str]:
    """Split a line of ``-Tplain`` output, where names may be quoted."""
    parts: list[str] = []
    i = 0
    while i < len(line):
        if line[i] == " ":
            i += 1
        elif line[i] == '"':
            j = i + 1
            buf = []
            while j < len(line) and line[j] != '"':
                if line[j] == "\\" and j + 1 < len(line):
                    j += 1
                buf.append(line[j])
                j += 1
            parts.append("".join(buf))
            i = j + 1
        else:
            j = line.find(" ", i)
            j = len(line) if j < 0 else j
            parts.append(line[i:j])
            i = j
    return parts


def multipartite_positions(smap: sg.StrategyMap) -> dict[str, tuple[float, float]]:
    """Return networkx ``multipartite_layout`` positions: the same rows, map order in a row."""
    heights = {eid: y for eid, (_, y) in sg.layered_layout(smap).items()}
    layers: dict[float, list[str]] = {}
    for eid in smap.ids:
        layers.setdefault(-heights[eid], []).append(eid)
    graph = nx.DiGraph()
    graph.add_nodes_from(smap.ids)
    pos = nx.multipartite_layout(graph, subset_key=layers, align="horizontal")
    return {eid: (float(p[0]), float(p[1])) for eid, p in pos.items()}


def random_map(n: int, *, seed: int) -> sg.StrategyMap:
    """Return a map of ``n`` elements on the municipal levels, each with 1-3 random parents.

    The level sizes grow downwards (1, 2, 4, 8, ... shares); every element below the top level
    has one to three parents drawn from the level above, so that the map is far denser in
    crossings than a real one and the crossing minimisation has much to do.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test maps, not secrets
    levels = sg.Schema.preset("municipal").level_names
    weights = [2**k for k in range(len(levels))]
    counts = [max(1, n * w // sum(weights)) for w in weights]
    counts[-1] += n - sum(counts)
    elements = []
    links = []
    above: list[str] = []
    for level, count in zip(levels, counts, strict=True):
        ids = [f"{level[0].upper()}{len(elements) + i}" for i in range(count)]
        for eid in ids:
            elements.append({"id": eid, "type": level, "title": eid})
            parents = rng.sample(above, min(len(above), rng.choice((1, 1, 2, 3))))
            links.extend({"source": parent, "target": eid} for parent in parents)
        above = ids
    return sg.StrategyMap(elements, links, name=f"random({n}, seed={seed})")


def main() -> int:
    """Print the table; return the exit code (0)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=20, help="number of synthetic maps")
    parser.add_argument(
        "--frameworks", type=int, default=5, help="number of SDG-shaped maps (seeds 0, 1, ...)"
    )
    parser.add_argument("--random", type=int, default=20, help="number of random 300-element maps")
    parser.add_argument("--dot", default=shutil.which("dot"), help="the dot program")
    args = parser.parse_args()
    dot = args.dot
    if dot is None:
        say(
            "Graphviz `dot` was not found, so the dot columns are empty: install Graphviz "
            "(e.g. `apt-get install graphviz`) or pass --dot PATH.",
            file=sys.stderr,
        )
    cases: list[tuple[str, sg.StrategyMap]] = [
        (name, sg.datasets.load(name)) for name in sg.datasets.names()
    ]
    cases.extend((f"framework(seed={k})", framework(seed=k)) for k in range(args.frameworks))
    if args.frameworks:
        # More sharing, and more of it across goals, than the real framework has.
        cases.append(
            ("framework(seed=0, shared=0.2, across=0.5)", framework(seed=0, shared=0.2, across=0.5))
        )
    for k in range(args.maps):
        n = 30 + round(k * 270 / max(1, args.maps - 1))
        cases.append((f"synthetic({n}, seed={k})", sg.datasets.synthetic(n, seed=k)))
    cases.extend((f"random(300, seed={k})", random_map(300, seed=k)) for k in range(args.random))
    say(
        "| map | elements | hierarchy links | stratgraph | dot | dot, chain only | multipartite "
        "| stratgraph layout time (s) |"
    )
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    worse = []
    totals = [0, 0, 0, 0]
    for label, smap in cases:
        start = time.perf_counter()
        positions = sg.layered_layout(smap)
        took = time.perf_counter() - start
        ours = sg.count_crossings(smap, positions)
        theirs = sg.count_crossings(smap, dot_positions(smap, dot)) if dot else None
        chain = sg.count_crossings(smap, dot_positions(smap, dot, chain_only=True)) if dot else None
        multi = sg.count_crossings(smap, multipartite_positions(smap))
        for k, count in enumerate((ours, theirs, chain, multi)):
            totals[k] += count or 0
        if theirs is not None and chain is not None and ours > min(theirs, chain):
            worse.append(label)
        say(
            f"| {label} | {len(smap)} | {smap.number_of_links('hierarchy')} | {ours} | "
            f"{_cell(theirs)} | {_cell(chain)} | {multi} | {took:.2f} |"
        )
    shown = [str(t) if dot or k in (0, 3) else "–" for k, t in enumerate(totals)]
    say(f"| **total** | | | **{shown[0]}** | **{shown[1]}** | **{shown[2]}** | **{shown[3]}** | |")
    if dot:
        verdict = (
            "no more crossings than dot (either way) on any map"
            if not worse
            else f"more crossings than dot on {len(worse)} map(s): {', '.join(worse)}"
        )
        say(f"\nstratgraph's layered layout: {verdict}.")
    return 0


def _cell(count: int | None) -> str:
    return "–" if count is None else str(count)


def say(text: str, *, file: TextIO = sys.stdout) -> None:
    """Print one line of the report."""
    print(text, file=file)


if __name__ == "__main__":
    raise SystemExit(main())
