"""The layered layout of a strategy map: one row per level, few crossings, straight chains.

Pure Python and numpy (no matplotlib), so that layouts can be computed and measured without a
plotting library: :func:`layered_layout` places the elements, :func:`count_crossings` measures any
layout. The method is the Sugiyama framework:

1. **Rows.** Every level of the schema gets a row, the top level at the top; levels without
   elements get none. A nested element (a goal whose parent is a goal, a sub-project) stays in its
   level's row: it and its parent form a *nesting group* that is ordered as one node, so the
   sub-element always sits right after its parent.
2. **Virtual nodes.** A hierarchy link that skips a level is split into a chain of virtual nodes,
   one per row it passes, so that every link joins two neighbouring rows.
3. **Crossing minimisation**, for each connected part of the map on its own. Six starting orders
   (map order; the *tree order* below; breadth-first and depth-first searches from the top and
   from the bottom, the first being Graphviz dot's start) each go through a local search: sweeps
   down and up that sort each row by the weighted median or the barycentre of its neighbours in
   the row just fixed, each sweep followed by adjacent transpositions, the best order seen
   kept; then *sifting* (every
   node moved to the place in its row with the fewest crossings) and transpositions until
   nothing improves. The best result is then perturbed (runs of neighbours shuffled in a few rows)
   and searched again, a number of times that shrinks as the map grows; an improvement is kept.
   Crossings are counted from the sorted positions of every node's neighbours: a row pair's by
   a Fenwick tree, two nodes' by a merge, one node's against a whole row by a binary search per
   link, so memory stays linear in the links (no matrix of a row's pairs). Work budgets bound
   the sweeps, transpositions and sifting of big rows, and one budget linear in a part's nodes
   and links bounds its whole search, so that time grows with the links; maps of a few hundred
   elements get the whole search. Everything is deterministic: ties
   keep the current order, which starts from map order, and the perturbations use a fixed seed.
   The tree order serves frameworks (goals → targets → indicators, some indicators under
   targets of other goals), where moving one node at a time cannot move a goal with all that
   hangs under it: every node's first parent makes a forest, laid out depth first so that
   every subtree is a run of neighbours in each row; siblings whose subtrees share links start
   side by side, and whole subtrees are then sifted among their siblings. Last, the order is
   settled towards map order without changing its crossings (the mirror image if that is
   closer, then neighbours swapped where the swap costs nothing), so that goal 1 stands before
   goal 2 wherever the crossings allow.
4. **Coordinates** by Brandes and Köpf's method: four alignments of nodes with the median of their
   neighbours, links through virtual nodes aligned first so that long links run straight, each
   alignment compacted left or right at the minimum separation (the compaction of Brandes, Walter
   and Zink's 2020 erratum), then balanced; a last pass restores the separation where balancing
   broke it.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from stratgraph._options import check_map
from stratgraph.analysis._index import index_of
from stratgraph.model import LinkKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from stratgraph.strategy_map import StrategyMap

__all__ = ["Layered", "count_crossings", "layered_layout", "layout_graph"]

#: Horizontal room of an element (its box and the gap to the next) and of a virtual node.
ELEMENT_WIDTH = 1.0
VIRTUAL_WIDTH = 0.25

_MAX_SWEEPS = 24  # sweeps per starting order, as in Graphviz dot's default
_PATIENCE = 6  # sweeps without improvement before giving up on a starting order
_RESTARTS = (4, 32)  # perturbed restarts from the best order: at least, at most
_RESTART_BUDGET = 3000  # restarts times nodes, so that large maps stay fast
_WINDOW = 24  # the largest run of neighbours a perturbation shuffles
# Work budgets, in node and edge visits, that bound the moves in one big row or part.
_SWEEP_WORK = 50_000  # sweeps per starting order times the part's nodes
_TRANSPOSE_WORK = 50_000  # neighbours compared in a layer at one go, or 8 per node
_SIFT_WORK = 1_000_000  # nodes sifted in a layer times its nodes and edges
_ROUND_WORK = 20_000
_TREE_WORK = 2_000_000  # rounds of sifting times the part's nodes
# The whole search of a part (all starts, sweeps, transpositions, sifting and restarts) shares
# one budget linear in its nodes and links, charged as the moves go in units of about the same
# time (a node or link visited in Python; sifting's numpy visits are far cheaper, transposition's
# and subtree sifting's comparisons dearer): maps of a few hundred elements never reach it and
# get the whole search; bigger ones stop early, so that time grows with the links.
_WORK_FLOOR = 6_000_000
_WORK_PER_LINK = 400
_SIFT_CHARGE = 64  # numpy visits of sifting per unit
_PAIR_CHARGE = 4  # units per pair compared by transposition, or link visited by subtree sifting


@dataclass(frozen=True, slots=True)
class Layered:
    """A finished layered layout of ``n`` elements plus the virtual nodes of long links.

    Nodes ``0 .. n-1`` are the elements (in the order given), the rest are virtual.

    Attributes
    ----------
    n
        The number of elements.
    row
        The row of every node, 0 being the top row.
    x
        The horizontal coordinate of every node.
    rows
        The nodes of every row, left to right.
    levels
        The level rank (in the schema) of every row.
    depth
        The nesting depth of every element: 0, or one more than its parent in the same level.
    routes
        Every hierarchy link drawn: ``(parent, child, path)``, ``path`` the nodes from parent
        to child through the virtual nodes; a link within a row (nesting) has no virtual node.
    crossings
        Crossings between neighbouring rows, long links counted through their virtual nodes.
    """

    n: int
    row: list[int]
    x: list[float]
    rows: list[list[int]]
    levels: list[int]
    depth: list[int]
    routes: list[tuple[int, int, list[int]]]
    crossings: int

    def y(self, row: int) -> float:
        """Return the height of ``row``: the bottom row is 0, every row above one more."""
        return float(len(self.rows) - 1 - row)


# -- public functions ----------------------------------------------------------------------------


def layered_layout(smap: StrategyMap) -> dict[str, tuple[float, float]]:
    """Return the layered layout of a map: element id → ``(x, y)``.

    One row per level of the schema (levels without elements get none), the top level at the top;
    a nested element (a goal under a goal, a sub-project) stays in its level's row, right after
    its parent, the two kept together while the rows are ordered. ``y`` is the row counted from
    the bottom row (0), so larger ``y`` is higher on the page; ``x`` is in box widths: two
    elements in a row are at least 1 apart. Crossings of hierarchy links are minimised and chains
    kept straight; ``supports`` and ``tension`` links do not affect the layout. The result
    depends only on the map: ties are broken by map order, and the search's random restarts use
    a fixed seed.

    Parameters
    ----------
    smap
        The map.

    Returns
    -------
    dict
        ``{element id: (x, y)}`` in map order.

    See Also
    --------
    count_crossings : measure a layout.
    plot_map : draw the map with this layout.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> pos = sg.layered_layout(m)
    >>> pos["V1"][1] > pos["S1"][1] > pos["G1"][1] > pos["A1"][1] > pos["P1"][1]
    True
    >>> pos["G3.1"][1] == pos["G3"][1] and pos["G3.1"][0] > pos["G3"][0]  # a sub-goal
    True
    """
    check_map(smap)
    layered = layout_map(smap)
    return {eid: (layered.x[i], layered.y(layered.row[i])) for i, eid in enumerate(smap.ids)}


def count_crossings(smap: StrategyMap, positions: Mapping[str, Sequence[float]]) -> int:
    """Return the number of crossings of hierarchy links in a layout of ``smap``.

    What is counted, so that any layout (this package's, Graphviz ``dot``'s node positions,
    networkx's) can be measured the same way:

    - every hierarchy link is the straight segment between the positions of its two ends
      (node centres); ``supports`` and ``tension`` links are not counted;
    - the rows are the distinct ``y`` values of the positions; a link that spans several rows
      passes each row between its ends at a *virtual point*, where the straight segment meets
      that row's height;
    - between every two consecutive rows, two links cross when their order at the upper row is
      the reverse of their order at the lower row; two links that pass the same virtual point
      and change order there cross once;
    - links that only touch (share an end, or one passes through the other's end) do not cross,
      and a link whose two ends share a row (a flat link) is not counted.

    For straight links this is the number of pairs of links that properly intersect.

    Parameters
    ----------
    smap
        The map whose hierarchy links are counted.
    positions
        Element id → ``(x, y)``, larger ``y`` higher (or lower: a mirrored layout has the same
        count); every element with a hierarchy link must be there, extra keys are ignored.

    Returns
    -------
    int
        The number of crossings.

    Raises
    ------
    ValueError
        If an element with a hierarchy link has no position.

    Examples
    --------
    >>> m = sg.datasets.load("eksempel-2013")
    >>> sg.count_crossings(m, sg.layered_layout(m))
    139
    >>> m2 = sg.StrategyMap([
    ...     {"id": "S1", "type": "strategy", "title": "a"},
    ...     {"id": "S2", "type": "strategy", "title": "b"},
    ...     {"id": "G1", "type": "effect_goal", "title": "c", "parents": ["S2"]},
    ...     {"id": "G2", "type": "effect_goal", "title": "d", "parents": ["S1"]},
    ... ])
    >>> sg.count_crossings(m2, {"S1": (0, 1), "S2": (1, 1), "G1": (0, 0), "G2": (1, 0)})
    1
    """
    check_map(smap)
    segments: list[tuple[float, float, float, float]] = []
    missing: list[str] = []
    for link in smap.links:
        if link.kind is not LinkKind.HIERARCHY:
            continue
        ends = []
        for eid in (link.source, link.target):
            pos = positions.get(eid)
            if pos is None:
                missing.append(eid)
            else:
                ends.append((float(pos[0]), float(pos[1])))
        if len(ends) == 2:  # noqa: PLR2004 - both ends
            (x0, y0), (x1, y1) = ends
            if y0 != y1:
                segments.append((x0, y0, x1, y1) if y0 > y1 else (x1, y1, x0, y0))
    if missing:
        shown = ", ".join(repr(m) for m in dict.fromkeys(missing))
        msg = f"positions has no entry for {shown}; give every linked element a position"
        raise ValueError(msg)
    return _count_segment_crossings(segments)


# -- measuring -----------------------------------------------------------------------------------


def _count_segment_crossings(segments: list[tuple[float, float, float, float]]) -> int:
    """Count proper crossings of segments ``(x_top, y_top, x_bottom, y_bottom)``, row by row."""
    if len(segments) < 2:  # noqa: PLR2004
        return 0
    ys = sorted({y for s in segments for y in (s[1], s[3])}, reverse=True)
    scale = max(1.0, *(abs(v) for s in segments for v in s))
    tolerance = 1e-9 * scale

    def key(value: float) -> int:
        # Snap to a grid far finer than any drawing, so that interpolated points that are
        # equal on paper compare equal.
        return round(value / tolerance)

    def x_at(seg: tuple[float, float, float, float], y: float) -> float:
        x0, y0, x1, y1 = seg
        if y == y0:
            return x0
        if y == y1:
            return x1
        return x0 + (x1 - x0) * (y0 - y) / (y0 - y1)

    by_top = sorted(range(len(segments)), key=lambda i: -segments[i][1])
    active: list[int] = []
    start = 0
    total = 0
    for upper, lower in itertools.pairwise(ys):
        while start < len(by_top) and segments[by_top[start]][1] >= upper:
            active.append(by_top[start])
            start += 1
        active = [i for i in active if segments[i][3] <= lower]
        band = [(key(x_at(segments[i], upper)), key(x_at(segments[i], lower)), i) for i in active]
        total += _strict_inversions(band)
        # Links that meet at a virtual point on the upper row and change order there.
        meeting: dict[int, list[int]] = {}
        for top, _, i in band:
            if segments[i][1] > upper:  # passes the row, does not end on it
                meeting.setdefault(top, []).append(i)
        for group in meeting.values():
            if len(group) > 1:
                slopes: dict[int, int] = {}
                for i in group:
                    x0, y0, x1, y1 = segments[i]
                    slope = key((x1 - x0) / (y0 - y1))
                    slopes[slope] = slopes.get(slope, 0) + 1
                pairs = len(group) * (len(group) - 1) // 2
                total += pairs - sum(c * (c - 1) // 2 for c in slopes.values())
    return total


def _strict_inversions(band: list[tuple[int, int, int]]) -> int:
    """Count pairs strictly ordered at the top and strictly reversed at the bottom."""
    band.sort()
    bottoms = sorted({b for _, b, _ in band})
    rank = {b: i + 1 for i, b in enumerate(bottoms)}
    tree = [0] * (len(bottoms) + 1)
    count = 0
    seen = 0
    i = 0
    while i < len(band):
        j = i
        while j < len(band) and band[j][0] == band[i][0]:
            j += 1
        # Within a group of equal tops nothing is strictly ordered, so count the whole group
        # against what came before, then add it.
        for top in range(i, j):
            r = rank[band[top][1]]
            not_greater = 0
            k = r
            while k > 0:
                not_greater += tree[k]
                k -= k & -k
            count += seen - not_greater
        for top in range(i, j):
            k = rank[band[top][1]]
            while k < len(tree):
                tree[k] += 1
                k += k & -k
        seen += j - i
        i = j
    return count


# -- the layout ----------------------------------------------------------------------------------


def layout_map(smap: StrategyMap) -> Layered:
    """Return the full :class:`Layered` layout of a map (elements in map order).

    Computed once per state of the map and kept on its index, as the analyses keep theirs: a
    report lays out its map for the map figure, the budget flow and the interactive map alike.
    The layout is frozen and its users only read it.
    """
    return index_of(smap).remember("layout_map", lambda: _layout_map(smap))


def _layout_map(smap: StrategyMap) -> Layered:
    ranks = {name: i for i, name in enumerate(smap.schema.level_names)}
    position = {eid: i for i, eid in enumerate(smap.ids)}
    edges = [
        (position[link.source], position[link.target])
        for link in smap.links
        if link.kind is LinkKind.HIERARCHY
    ]
    return layout_graph([ranks[e.type] for e in smap], edges)


def layout_graph(rank: Sequence[int], edges: Sequence[tuple[int, int]]) -> Layered:
    """Lay out elements ``0 .. len(rank)-1`` at level ``rank[i]`` with hierarchy ``edges``.

    ``edges`` point parent → child. An edge that would point upwards or repeat an earlier one is
    left out of the layout (maps are validated; merged maps may hold such).
    """
    n = len(rank)
    levels = sorted(set(rank))
    row_of_level = {level: r for r, level in enumerate(levels)}
    row = [row_of_level[r] for r in rank]
    members, depth = _nesting_groups(row, edges)
    head = list(range(n))
    for group in members:
        for v in group:
            head[v] = group[0]
    up: list[list[int]] = [[] for _ in range(n)]
    down: list[list[int]] = [[] for _ in range(n)]
    routes: list[tuple[int, int, list[int]]] = []
    seen: set[tuple[int, int]] = set()
    for parent, child in edges:
        if (parent, child) in seen or row[parent] > row[child] or parent == child:
            continue
        seen.add((parent, child))
        path = [parent]
        for r in range(row[parent] + 1, row[child]):
            virtual = len(row)
            row.append(r)
            up.append([])
            down.append([])
            path.append(virtual)
        path.append(child)
        if row[parent] < row[child]:
            for a, b in itertools.pairwise(path):
                down[a].append(b)
                up[b].append(a)
        routes.append((parent, child, path))
    # Order rows with every nesting group as one node (its head), so that a group stays together.
    size = len(row)
    grouped_up = [[head[u] if u < n else u for u in up[v]] for v in range(size)]
    grouped_down = [[head[w] if w < n else w for w in down[v]] for v in range(size)]
    for v in range(n):
        if head[v] != v:
            grouped_up[head[v]].extend(grouped_up[v])
            grouped_down[head[v]].extend(grouped_down[v])
            grouped_up[v], grouped_down[v] = [], []
    nodes = [v for v in range(size) if v >= n or head[v] == v]
    heads = _order_rows(len(levels), row, grouped_up, grouped_down, nodes)
    by_head = {group[0]: group for group in members}
    rows = [[w for v in layer for w in by_head.get(v, (v,))] for layer in heads]
    width = [ELEMENT_WIDTH if v < n else VIRTUAL_WIDTH for v in range(size)]
    x = _brandes_koepf(rows, up, down, n, width)
    crossings = _total_crossings(rows, down, _positions(rows, size))
    return Layered(n, row, x, rows, levels, depth, routes, crossings)


def _nesting_groups(
    row: list[int], edges: Sequence[tuple[int, int]]
) -> tuple[list[list[int]], list[int]]:
    """Nesting groups (an element and the elements nested under it, depth first) and depths.

    A nested element joins the group of its first parent in its own row; every element is in
    exactly one group, most of them alone.
    """
    n = len(row)
    parent_of = [-1] * n
    for parent, child in edges:
        if row[parent] != row[child] or parent == child or parent_of[child] >= 0:
            continue
        ancestor = parent
        while ancestor >= 0 and ancestor != child:  # a merged map may nest in a circle
            ancestor = parent_of[ancestor]
        if ancestor < 0:
            parent_of[child] = parent
    nested: list[list[int]] = [[] for _ in range(n)]
    for child in range(n):
        if parent_of[child] >= 0:
            nested[parent_of[child]].append(child)
    groups = []
    depth = [0] * n
    for top in range(n):
        if parent_of[top] >= 0:
            continue
        group = []
        stack = [top]
        while stack:
            v = stack.pop()
            group.append(v)
            for c in reversed(nested[v]):
                depth[c] = depth[v] + 1
                stack.append(c)
        groups.append(group)
    return groups, depth


def _positions(rows: list[list[int]], size: int) -> list[int]:
    pos = [0] * size
    for layer in rows:
        for i, v in enumerate(layer):
            pos[v] = i
    return pos


# -- crossing minimisation -----------------------------------------------------------------------


def _components(nodes: list[int], up: list[list[int]], down: list[list[int]]) -> list[list[int]]:
    """Return the connected parts of the layered graph, each in node order, first node first."""
    seen: set[int] = set()
    parts = []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        part = [start]
        stack = [start]
        while stack:
            v = stack.pop()
            for w in (*up[v], *down[v]):
                if w not in seen:
                    seen.add(w)
                    part.append(w)
                    stack.append(w)
        parts.append(sorted(part))
    return parts


def _order_rows(
    n_rows: int,
    row: list[int],
    up: list[list[int]],
    down: list[list[int]],
    nodes: list[int],
) -> list[list[int]]:
    """Order every row to minimise crossings, one connected part at a time, parts side by side."""
    rows: list[list[int]] = [[] for _ in range(n_rows)]
    for part in _components(nodes, up, down):
        if len(part) == 1:
            rows[row[part[0]]].append(part[0])
            continue
        first = min(row[v] for v in part)
        last = max(row[v] for v in part)
        layers = _minimise(part, row, up, down, first=first, last=last)
        for r, layer in zip(range(first, last + 1), layers, strict=True):
            rows[r].extend(layer)
    return rows


class _Orderer:
    """Crossing minimisation on the layers of one connected part; see the module docstring.

    Nodes are numbered within their layer; ``order[k]`` lists layer ``k``'s nodes left to right
    and ``pos[k]`` is its inverse. For the local moves, :meth:`pair` counts the crossings
    between the edges of ``u`` and ``v`` (to both neighbouring layers) when ``u`` is left of
    ``v`` from the sorted positions of their neighbours, and sifting counts one node against a
    whole layer with a binary search per edge: memory stays linear in the edges, never a
    matrix of a layer's pairs. Big layers and big parts get a bounded share of the moves
    (``_TRANSPOSE_WORK``, ``_SIFT_WORK``, ``_SWEEP_WORK``), so that time grows with the edges.
    """

    def __init__(self, layers: list[list[int]], up: list[list[int]], down: list[list[int]]) -> None:
        local = {v: i for layer in layers for i, v in enumerate(layer)}
        self.members = [list(layer) for layer in layers]
        self.above = [[[local[u] for u in up[v]] for v in layer] for layer in layers]
        self.below = [[[local[w] for w in down[v]] for v in layer] for layer in layers]
        self.order = [list(range(len(layer))) for layer in layers]
        self.pos = [list(range(len(layer))) for layer in layers]
        self.degree = [
            [len(a) + len(b) for a, b in zip(self.above[k], self.below[k], strict=True)]
            for k in range(len(layers))
        ]
        self.edges = [sum(d) for d in self.degree]
        self.size = sum(map(len, layers)) + sum(self.edges) // 2
        self.work = _WORK_FLOOR + _WORK_PER_LINK * self.size  # left of the part's budget
        # Sorted positions of every node's neighbours above and below, while those layers keep.
        self._ends_above: list[list[list[int]] | None] = [None] * len(layers)
        self._ends_below: list[list[list[int]] | None] = [None] * len(layers)

    # -- state --

    def layers(self) -> list[list[int]]:
        return [[m[i] for i in o] for m, o in zip(self.members, self.order, strict=True)]

    def snapshot(self) -> list[list[int]]:
        return [list(o) for o in self.order]

    def restore(self, order: list[list[int]]) -> None:
        for k, o in enumerate(order):
            self.set_order(k, list(o))

    def set_order(self, k: int, order: list[int]) -> None:
        self.order[k] = order
        pos = self.pos[k]
        for i, v in enumerate(order):
            pos[v] = i
        if k > 0:
            self._ends_below[k - 1] = None
        if k + 1 < len(self.order):
            self._ends_above[k + 1] = None

    # -- counting --

    def ends(self, k: int, *, below: bool) -> list[list[int]]:
        """For every node of layer ``k``: the sorted positions of its neighbours above/below."""
        cache = self._ends_below if below else self._ends_above
        found = cache[k]
        if found is None:
            j = k + 1 if below else k - 1
            if 0 <= j < len(self.order):
                other = self.pos[j]
                nbrs = self.below[k] if below else self.above[k]
                found = [sorted(other[w] for w in ws) for ws in nbrs]
            else:
                found = [[] for _ in self.order[k]]
            cache[k] = found
        return found

    def pair(self, k: int, u: int, v: int) -> int:
        """Crossings between the edges of ``u`` and ``v`` of layer ``k`` when ``u`` is left."""
        total = 0
        for below in (False, True):
            ends = self.ends(k, below=below)
            total += _pair_crossings(ends[u], ends[v])
        return total

    def crossings(self) -> int:
        self.work -= self.size
        total = 0
        for k in range(len(self.order) - 1):
            if len(self.order[k]) > 1:
                ends = self.ends(k, below=True)
                total += _bilayer_crossings(self.order[k], ends, len(self.order[k + 1]))
        return total

    # -- sweeps --

    def sweep(self, *, downward: bool, median: bool) -> None:
        """Sort each layer by its neighbours in the layer before it (in sweep direction)."""
        ks = range(1, len(self.order)) if downward else range(len(self.order) - 2, -1, -1)
        self.work -= self.size
        for k in ks:
            nbrs = self.above[k] if downward else self.below[k]
            opos = self.pos[k - 1] if downward else self.pos[k + 1]
            layer = self.order[k]
            keyed = []
            fixed = []
            for i, v in enumerate(layer):
                ps = sorted(opos[w] for w in nbrs[v])
                if ps:
                    keyed.append((_median(ps) if median else sum(ps) / len(ps), i, v))
                fixed.append(not ps)
            keyed.sort()
            moved = iter(keyed)
            self.set_order(k, [v if fixed[i] else next(moved)[2] for i, v in enumerate(layer)])

    # -- local moves --

    def transpose(self) -> None:
        """Swap neighbours in a layer while that removes crossings."""
        n_layers = len(self.order)
        dirty = [len(o) > 1 for o in self.order]
        for _ in range(4 * n_layers):
            if not any(dirty):
                return
            for k in range(n_layers):
                if not dirty[k]:
                    continue
                dirty[k] = False
                layer = list(self.order[k])
                above, below = self.ends(k, below=False), self.ends(k, below=True)
                known: dict[tuple[int, int], int] = {}  # while the neighbour layers keep
                work = max(_TRANSPOSE_WORK, 8 * len(layer))
                moved = False
                # A pass need only look from just left of the previous pass's first swap to
                # just right of its last: elsewhere nothing changed since it was looked at.
                lo, hi = 0, len(layer) - 2
                while lo <= hi and work > 0 and self.work > 0:
                    work -= hi - lo + 1
                    self.work -= _PAIR_CHARGE * (hi - lo + 1)
                    first, last = len(layer), -1
                    for i in range(lo, hi + 1):
                        u, v = layer[i], layer[i + 1]
                        if (v, u) not in known:
                            known[v, u] = _pair_crossings(above[v], above[u]) + _pair_crossings(
                                below[v], below[u]
                            )
                            known[u, v] = _pair_crossings(above[u], above[v]) + _pair_crossings(
                                below[u], below[v]
                            )
                        if known[v, u] < known[u, v]:
                            layer[i], layer[i + 1] = v, u
                            first, last = min(first, i), i
                    if last >= 0:
                        moved = True
                    lo, hi = max(0, first - 1), min(len(layer) - 2, last + 1)
                if moved:
                    self.set_order(k, layer)
                    for j in (k - 1, k + 1):
                        if 0 <= j < n_layers and len(self.order[j]) > 1:
                            dirty[j] = True

    def sift(self) -> None:
        """Move nodes to the place in their layer with the fewest crossings, busiest first."""
        n_layers = len(self.order)
        for k in (*range(n_layers), *range(n_layers - 2, -1, -1)):
            layer = list(self.order[k])
            if len(layer) < 3:  # noqa: PLR2004 - transposition covers two nodes
                continue
            # Every edge of the layer as (node, position of its other end), per side.
            sides = []
            for below in (False, True):
                ends = self.ends(k, below=below)
                nodes = np.array([v for v, e in enumerate(ends) for _ in e], dtype=np.intp)
                places = np.array([p for e in ends for p in e], dtype=np.int64)
                sides.append((ends, nodes, places))
            degree = self.degree[k]
            cost = len(layer) + self.edges[k]
            budget = min(max(1, _SIFT_WORK // cost), _SIFT_CHARGE * max(0, self.work) // cost)
            self.work -= budget * cost // _SIFT_CHARGE
            order = np.array(layer, dtype=np.intp)
            costs = np.zeros(len(layer), dtype=np.int64)
            for v in sorted(layer, key=lambda v: -degree[v])[:budget]:
                if not degree[v]:
                    break
                # gain[w]: crossings saved by moving v from the left of w to its right
                gain = np.zeros(len(layer), dtype=np.int64)
                for ends, nodes, places in sides:
                    mine = np.array(ends[v], dtype=np.int64)
                    if not len(mine) or not len(nodes):
                        continue
                    left_of = np.searchsorted(mine, places, side="left")  # pair(w, v) terms
                    right_of = len(mine) - np.searchsorted(mine, places, side="right")
                    gain += np.bincount(
                        nodes, weights=left_of - right_of, minlength=len(layer)
                    ).astype(np.int64)
                here = int(np.flatnonzero(order == v)[0])
                others = np.delete(order, here)
                np.cumsum(gain[others], out=costs[1:])
                low = costs.min()
                if costs[here] != low:
                    order = np.insert(others, int(costs.argmin()), v)
            self.set_order(k, order.tolist())

    def settle(self) -> None:
        """Bring the order as close to map order as the crossings allow, changing none.

        The mirror image has the same crossings, so the side closer to map order is taken;
        then neighbours that stand against map order swap wherever that neither adds nor
        removes a crossing (the nodes are numbered in map order within a layer).
        """
        pairs = sum(len(o) * (len(o) - 1) // 2 for o in self.order)
        against = sum(_inversions(list(enumerate(o))) for o in self.order)
        if 2 * against > pairs:
            for k, o in enumerate(self.order):
                self.set_order(k, o[::-1])
        n_layers = len(self.order)
        dirty = [len(o) > 1 for o in self.order]
        for _ in range(4 * n_layers):
            if not any(dirty):
                return
            for k in range(n_layers):
                if not dirty[k]:
                    continue
                dirty[k] = False
                layer = list(self.order[k])
                work = max(_TRANSPOSE_WORK, 8 * len(layer))
                moved = False
                swapped = True
                while swapped and work > 0:
                    swapped = False
                    work -= len(layer)
                    for i in range(len(layer) - 1):
                        u, v = layer[i], layer[i + 1]
                        if u > v and self.pair(k, u, v) == self.pair(k, v, u):
                            layer[i], layer[i + 1] = v, u
                            swapped = moved = True
                if moved:
                    self.set_order(k, layer)
                    for j in (k - 1, k + 1):
                        if 0 <= j < n_layers and len(self.order[j]) > 1:
                            dirty[j] = True

    def shuffle(self, rng: random.Random) -> None:
        """Perturb the order: shuffle a run of neighbouring nodes in a few layers."""
        for _ in range(1 + len(self.order)):
            k = rng.randrange(len(self.order))
            layer = list(self.order[k])
            if len(layer) < 3:  # noqa: PLR2004
                continue
            size = rng.randint(2, min(_WINDOW, len(layer)))
            start = rng.randrange(len(layer) - size + 1)
            layer[start : start + size] = rng.sample(layer[start : start + size], size)
            self.set_order(k, layer)

    def local_search(self, budget: int, *, rounds: int) -> int:
        """Sweeps with transposition, then sifting; leave the best order seen; return crossings."""
        self.transpose()
        best = self.snapshot()
        best_crossings = self.crossings()
        stale = 0
        for sweep in range(budget):
            if best_crossings == 0 or stale >= _PATIENCE or self.work <= 0:
                break
            self.sweep(downward=sweep % 2 == 0, median=sweep % 4 < 2)  # noqa: PLR2004
            self.transpose()
            crossings = self.crossings()
            if crossings < best_crossings:
                best, best_crossings, stale = self.snapshot(), crossings, 0
            else:
                stale += 1
        self.restore(best)
        for _ in range(rounds):
            if best_crossings == 0 or self.work <= 0:
                break
            self.sift()
            self.transpose()
            crossings = self.crossings()
            if crossings >= best_crossings:
                self.restore(best)
                break
            best, best_crossings = self.snapshot(), crossings
        return best_crossings


class _TreeSifter:
    """Sifting of whole subtrees: a node moves among its siblings with everything below it.

    Every node but the roots gets its first parent as its *tree parent*; the layers are laid out
    in the order of a depth-first walk of that forest, so that every node's subtree (its
    *block*) is a run of neighbours in every layer. Node moves cannot bring a goal and all its
    targets and indicators next to the goal they share indicators with (each single move adds
    the crossings of the subtree it tears apart); block moves can. A block moves past a
    neighbouring sibling block by swapping the two runs in every layer, which changes only the
    crossings of links with an end in either block: they are counted before and after, so a
    move costs time in those links, never in the whole layer. Blocks whose links all stay
    inside their subtree (apart from the link to their tree parent) are never moved: among such
    siblings every order has the same crossings, and the map's order is kept.
    """

    def __init__(self, above: list[list[list[int]]], below: list[list[list[int]]]) -> None:
        self.above = above
        self.below = below
        n_layers = len(above)
        self.kids: list[list[list[int]]] = [[[] for _ in layer] for layer in above]
        self.parent: list[list[int]] = [[-1] * len(layer) for layer in above]
        roots: list[tuple[int, int]] = []
        for k in range(n_layers):
            for v, ps in enumerate(above[k]):
                if ps:
                    self.parent[k][v] = ps[0]
                    self.kids[k - 1][ps[0]].append(v)
                else:
                    roots.append((k, v))
        self.outside = [[False] * len(layer) for layer in above]
        # Siblings whose subtrees share links, and how many.
        ties: dict[tuple[int, int], dict[tuple[int, int], int]] = {}
        for k in range(n_layers - 1):
            for u, ws in enumerate(below[k]):
                for w in ws:
                    if self.parent[k + 1][w] != u:
                        pair = self._mark(k, u, k + 1, w)
                        if pair is not None:
                            a, b = pair
                            ties.setdefault(a, {})[b] = ties.get(a, {}).get(b, 0) + 1
                            ties.setdefault(b, {})[a] = ties.get(b, {}).get(a, 0) + 1
        # Siblings tied by links start next to each other: a depth-first walk of those ties
        # from a sibling with the fewest, as a path of ties is best laid out along the path.
        self.roots = _chain(roots, ties)
        for k, kids_of in enumerate(self.kids):
            for v, kids in enumerate(kids_of):
                kids_of[v] = [c for _, c in _chain([(k + 1, c) for c in kids], ties)]
        # The nodes of every block, layer by layer.
        self.block: list[list[dict[int, list[int]]]] = [[{} for _ in layer] for layer in above]
        self.order: list[list[int]] = [[] for _ in range(n_layers)]
        for k, v in self.roots:
            self._walk(k, v)
        self.pos = [[0] * len(layer) for layer in above]
        for k, placed in enumerate(self.order):
            for i, v in enumerate(placed):
                self.pos[k][v] = i

    def _walk(self, k: int, v: int) -> None:
        """Append the subtree of ``(k, v)`` to the layers in depth-first order; fill blocks."""
        stack = [(k, v)]
        path: list[tuple[int, int]] = []  # the ancestors of the node being placed
        while stack:
            k, v = stack.pop()
            while path and path[-1][0] >= k:
                path.pop()
            path.append((k, v))
            self.order[k].append(v)
            for j, u in path:
                self.block[j][u].setdefault(k, []).append(v)
            stack.extend((k + 1, c) for c in reversed(self.kids[k][v]))

    def _mark(
        self, k: int, u: int, j: int, w: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """Mark the blocks that hold exactly one end of the link ``(k, u)`` – ``(j, w)``.

        Return the two sibling blocks that the link joins, if neither end is below the other.
        """
        ups = []
        while u >= 0:
            ups.append((k, u))
            u = self.parent[k][u]
            k -= 1
        downs = []
        while w >= 0:
            downs.append((j, w))
            w = self.parent[j][w]
            j -= 1
        common = set(ups) & set(downs)
        for k, v in (*ups, *downs):
            if (k, v) not in common:
                self.outside[k][v] = True
        ups = [x for x in ups if x not in common]
        downs = [x for x in downs if x not in common]
        return (ups[-1], downs[-1]) if ups and downs else None

    def _links(self, blocks: list[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
        """Every link with an end in the given blocks, by its upper layer: ``(upper, lower)``."""
        inside = {(k, v) for j, u in blocks for k, vs in self.block[j][u].items() for v in vs}
        links: dict[int, list[tuple[int, int]]] = {}
        for k, v in inside:
            if k + 1 < len(self.below):
                links.setdefault(k, []).extend((v, w) for w in self.below[k][v])
            if k > 0:
                links.setdefault(k - 1, []).extend(
                    (u, v) for u in self.above[k][v] if (k - 1, u) not in inside
                )
        return links

    def _count(self, links: dict[int, list[tuple[int, int]]]) -> int:
        total = 0
        for k, pairs in links.items():
            top, bottom = self.pos[k], self.pos[k + 1]
            total += _inversions(sorted((top[u], bottom[w]) for u, w in pairs))
        return total

    def _swap(self, left: tuple[int, int], right: tuple[int, int]) -> None:
        """Swap two neighbouring blocks, ``left`` being left of ``right``, in every layer."""
        a, b = self.block[left[0]][left[1]], self.block[right[0]][right[1]]
        for k in a.keys() & b.keys():
            layer, pos = self.order[k], self.pos[k]
            lo = min(pos[v] for v in a[k])
            mid = lo + len(a[k])
            hi = mid + len(b[k])
            layer[lo:hi] = layer[mid:hi] + layer[lo:mid]
            for i in range(lo, hi):
                pos[layer[i]] = i

    def sift(self, work: int) -> int:
        """Move blocks among their siblings while that removes crossings; return work left."""
        groups = [self.roots]
        groups.extend(
            [(k + 1, c) for c in kids] for k, layer in enumerate(self.kids) for kids in layer
        )
        groups = [g for g in groups if len(g) > 1 and any(self.outside[k][v] for k, v in g)]
        for _ in range(4):
            improved = False
            for group in groups:
                for node in [g for g in group if self.outside[g[0]][g[1]]]:
                    gain, work = self._sift_one(group, node, work)
                    improved = improved or gain > 0
                    if work <= 0:
                        return work
            if not improved:
                break
        return work

    def _sift_one(
        self, group: list[tuple[int, int]], node: tuple[int, int], work: int
    ) -> tuple[int, int]:
        """Move ``node``'s block to its best place among the sibling blocks in ``group``."""
        at = group.index(node)
        costs = {at: 0}
        cost = 0
        i = at
        # Right to the end, then left to the start, adding up the change of every swap.
        for step in (1, -1):
            while 0 <= i + step < len(group):
                other = group[i + step]
                pair = (node, other) if step > 0 else (other, node)
                links = self._links([node, other])
                work -= sum(map(len, links.values()))
                before = self._count(links)
                self._swap(*pair)
                cost += self._count(links) - before
                group[i], group[i + step] = other, node
                i += step
                costs.setdefault(i, cost)
        best = min(costs, key=lambda p: (costs[p], abs(p - at)))
        while i < best:
            self._swap(node, group[i + 1])
            group[i], group[i + 1] = group[i + 1], node
            i += 1
        return -costs[best], work


def _tree_start(orderer: _Orderer) -> list[list[int]]:
    """Return the order that sifting whole subtrees reaches (the sifter's blocks let go)."""
    tree = _TreeSifter(orderer.above, orderer.below)
    given = max(0, min(_TREE_WORK, orderer.work // _PAIR_CHARGE))
    orderer.work -= _PAIR_CHARGE * (given - tree.sift(given))
    return tree.order


def _chain(
    members: list[tuple[int, int]], ties: dict[tuple[int, int], dict[tuple[int, int], int]]
) -> list[tuple[int, int]]:
    """Order siblings so that those tied by links are neighbours, else in the given order.

    Every group of tied siblings is walked depth first from its member with the fewest ties,
    the strongest tie first, and placed where its first member stands.
    """
    if len(members) < 2 or not any(m in ties for m in members):  # noqa: PLR2004
        return members
    rank = {m: i for i, m in enumerate(members)}
    done: set[tuple[int, int]] = set()
    out: list[tuple[int, int]] = []
    for first in members:
        if first in done:
            continue
        group = [first]
        seen = {first}
        for m in group:
            for t in ties.get(m, {}):
                if t in rank and t not in seen:
                    seen.add(t)
                    group.append(t)
        start = min(group, key=lambda m: (len(ties.get(m, {})), rank[m]))
        stack = [start]
        while stack:
            m = stack.pop()
            if m in done:
                continue
            done.add(m)
            out.append(m)
            nexts = sorted(
                (t for t in ties.get(m, {}) if t in rank and t not in done),
                key=lambda t: (-ties[m][t], rank[t]),
            )
            stack.extend(reversed(nexts))
    return out


def _inversions(pairs: list[tuple[int, int]]) -> int:
    """Pairs of sorted ``(top, bottom)`` pairs whose bottoms are strictly reversed."""
    if len(pairs) < 2:  # noqa: PLR2004
        return 0
    ranks = {b: i + 1 for i, b in enumerate(sorted({b for _, b in pairs}))}
    tree = [0] * (len(ranks) + 1)
    count = 0
    for seen, (_, b) in enumerate(pairs):
        k = ranks[b]
        not_greater = 0
        while k > 0:
            not_greater += tree[k]
            k -= k & -k
        count += seen - not_greater
        k = ranks[b]
        while k < len(tree):
            tree[k] += 1
            k += k & -k
    return count


def _minimise(
    part: list[int],
    row: list[int],
    up: list[list[int]],
    down: list[list[int]],
    *,
    first: int,
    last: int,
) -> list[list[int]]:
    """Return the layers ``first .. last`` of one connected part, ordered for few crossings."""
    layers: list[list[int]] = [[] for _ in range(first, last + 1)]
    for v in part:
        layers[row[v] - first].append(v)
    orderer = _Orderer(layers, up, down)
    local = {v: i for layer in layers for i, v in enumerate(layer)}
    starts = [orderer.snapshot()]
    starts.append(_tree_start(orderer))
    for downward in (True, False):
        for breadth in (True, False):
            found = _search_order(
                part, row, up, down, first=first, last=last, downward=downward, breadth=breadth
            )
            starts.append([[local[v] for v in layer] for layer in found])
    sweeps = max(4, min(_MAX_SWEEPS, _SWEEP_WORK // len(part)))
    rounds = max(2, _ROUND_WORK // len(part))
    rng = random.Random(len(part))  # noqa: S311 - a fixed seed: the same map, the same layout
    best: list[list[int]] = starts[0]
    best_crossings = -1
    for start in starts:
        orderer.restore(start)
        crossings = orderer.local_search(sweeps, rounds=rounds)
        if best_crossings < 0 or crossings < best_crossings:
            best, best_crossings = orderer.snapshot(), crossings
        if best_crossings == 0:
            break
    # Iterated local search from the best order: small seeded perturbations, kept when better.
    restarts = max(_RESTARTS[0], min(_RESTARTS[1], _RESTART_BUDGET // len(part)))
    for _ in range(restarts if best_crossings else 0):
        if orderer.work <= 0:
            break
        orderer.restore(best)
        orderer.shuffle(rng)
        crossings = orderer.local_search(max(2, sweeps // 2), rounds=rounds)
        if crossings < best_crossings:
            best, best_crossings = orderer.snapshot(), crossings
            if best_crossings == 0:
                break
    orderer.restore(best)
    orderer.settle()
    return orderer.layers()


def _search_order(
    part: list[int],
    row: list[int],
    up: list[list[int]],
    down: list[list[int]],
    *,
    first: int,
    last: int,
    downward: bool,
    breadth: bool,
) -> list[list[int]]:
    """Layers in the order a search from the top (or bottom) level first reaches the nodes.

    The search follows links both ways, children (or parents) first; breadth first is what
    Graphviz dot starts from, depth first keeps subtrees together.
    """
    forward = down if downward else up
    backward = up if downward else down
    layers: list[list[int]] = [[] for _ in range(first, last + 1)]
    seen: set[int] = set()
    roots = [v for v in part if not backward[v]]
    roots.sort(key=lambda v: row[v] if downward else -row[v])  # stable: map order in a row
    for root in roots:
        if root in seen:
            continue
        seen.add(root)
        frontier: deque[int] = deque([root])
        while frontier:
            v = frontier.popleft() if breadth else frontier.pop()
            layers[row[v] - first].append(v)
            nexts = [w for w in dict.fromkeys((*forward[v], *backward[v])) if w not in seen]
            seen.update(nexts)
            frontier.extend(nexts if breadth else reversed(nexts))
    return layers


def _median(ps: list[int]) -> float:
    """Return the weighted median of sorted positions (Gansner et al.'s, as in Graphviz dot)."""
    m = len(ps) // 2
    if len(ps) % 2:
        return float(ps[m])
    if len(ps) == 2:  # noqa: PLR2004
        return (ps[0] + ps[1]) / 2
    left = ps[m - 1] - ps[0]
    right = ps[-1] - ps[m]
    if left + right == 0:
        return (ps[m - 1] + ps[m]) / 2
    return (ps[m - 1] * right + ps[m] * left) / (left + right)


def _pair_crossings(left: list[int], right: list[int]) -> int:
    """Pairs ``(a, b)`` of sorted ``left`` and sorted ``right`` with ``a > b``: a merge count."""
    if not left or not right:
        return 0
    if len(left) == 1 and len(right) == 1:  # most nodes have one parent
        return int(left[0] > right[0])
    if len(left) <= len(right):
        return sum(bisect.bisect_left(right, a) for a in left)
    return sum(len(left) - bisect.bisect_right(left, b) for b in right)


def _bilayer_crossings(upper: Iterable[int], ends: list[list[int]], size: int) -> int:
    """Crossings between a layer and the next (Barth, Jünger and Mutzel's accumulation).

    ``upper`` is the layer's order and ``ends[u]`` the sorted positions of ``u``'s neighbours
    in the next layer, which has ``size`` nodes: a Fenwick tree, O(E log E) time, O(E) memory.
    """
    tree = [0] * (size + 1)
    crossings = 0
    seen = 0
    for u in upper:
        for p in ends[u]:
            k = p + 1
            not_greater = 0
            while k > 0:
                not_greater += tree[k]
                k -= k & -k
            crossings += seen - not_greater
            seen += 1
            k = p + 1
            while k <= size:
                tree[k] += 1
                k += k & -k
    return crossings


def _total_crossings(rows: list[list[int]], down: list[list[int]], pos: list[int]) -> int:
    total = 0
    for k in range(len(rows) - 1):
        ends = [sorted(pos[w] for w in down[u]) for u in rows[k]]
        total += _bilayer_crossings(range(len(ends)), ends, len(rows[k + 1]))
    return total


# -- coordinates ---------------------------------------------------------------------------------


def _brandes_koepf(
    rows: list[list[int]],
    up: list[list[int]],
    down: list[list[int]],
    n: int,
    width: list[float],
) -> list[float]:
    """Horizontal coordinates by Brandes and Köpf's method (with the 2020 erratum's compaction)."""
    size = len(width)
    if size == 0:
        return []
    pos = _positions(rows, size)
    conflicts = _type1_conflicts(rows, up, pos, n)
    candidates: list[list[float]] = []
    for vertical in ("up", "down"):
        layers = rows if vertical == "up" else rows[::-1]
        nbrs = up if vertical == "up" else down
        for horizontal in ("left", "right"):
            adjusted = layers if horizontal == "left" else [layer[::-1] for layer in layers]
            root = _vertical_alignment(adjusted, nbrs, conflicts, size)
            xs = _horizontal_compaction(adjusted, root, width)
            if horizontal == "right":
                xs = [-x for x in xs]
            candidates.append(xs)

    def extent(xs: list[float]) -> tuple[float, float]:
        return (
            min(x - w / 2 for x, w in zip(xs, width, strict=True)),
            max(x + w / 2 for x, w in zip(xs, width, strict=True)),
        )

    spans = [extent(xs) for xs in candidates]
    narrowest = min(range(4), key=lambda i: spans[i][1] - spans[i][0])
    low, high = spans[narrowest]
    for i, xs in enumerate(candidates):
        shift = low - spans[i][0] if i % 2 == 0 else high - spans[i][1]
        candidates[i] = [x + shift for x in xs]
    x = []
    for v in range(size):
        four = sorted(xs[v] for xs in candidates)
        x.append((four[1] + four[2]) / 2)
    # Balancing takes medians of different alignments per node, which can, rarely, bring two
    # neighbours closer than their separation: push such nodes apart from the middle out.
    for layer in rows:
        _separate(layer, x, width)
    left = min(x[v] - width[v] / 2 for layer in rows for v in layer)
    return [value - left - ELEMENT_WIDTH / 2 for value in x]


def _separate(layer: list[int], x: list[float], width: list[float]) -> None:
    for a, b in itertools.pairwise(layer):
        need = (width[a] + width[b]) / 2
        if x[b] - x[a] < need - 1e-9:
            break
    else:
        return
    for a, b in itertools.pairwise(layer):
        x[b] = max(x[b], x[a] + (width[a] + width[b]) / 2)


def _type1_conflicts(
    rows: list[list[int]], up: list[list[int]], pos: list[int], n: int
) -> set[tuple[int, int]]:
    """Edges that cross an inner segment (between two virtual nodes); they yield to it."""
    conflicts: set[tuple[int, int]] = set()
    for k in range(1, len(rows)):
        previous, layer = rows[k - 1], rows[k]
        k0 = 0
        scan = 0
        for i, v in enumerate(layer):
            inner = (
                (up[v][0] if up[v] else None)
                if v >= n
                else next((u for u in up[v] if u >= n), None)
            )
            if inner is None and i != len(layer) - 1:
                continue
            k1 = pos[inner] if inner is not None else len(previous)
            for w in layer[scan : i + 1]:
                for u in up[w]:
                    if (pos[u] < k0 or pos[u] > k1) and not (u >= n or w >= n):
                        conflicts.add((u, w))
            scan = i + 1
            k0 = k1
    return conflicts


def _vertical_alignment(
    layers: list[list[int]],
    nbrs: list[list[int]],
    conflicts: set[tuple[int, int]],
    size: int,
) -> list[int]:
    """Align each node with a median neighbour, left to right; return each node's block root."""
    root = list(range(size))
    align = list(range(size))
    pos = _positions(layers, size)
    for layer in layers:
        previous = -1
        for v in layer:
            ws = sorted(nbrs[v], key=lambda w: pos[w])
            if not ws:
                continue
            middle = (len(ws) - 1) / 2
            for i in range(int(middle), int(middle + 0.5) + 1):
                w = ws[i]
                if (
                    align[v] == v
                    and previous < pos[w]
                    and (w, v) not in conflicts
                    and (v, w) not in conflicts
                ):
                    align[w] = v
                    root[v] = root[w]
                    align[v] = root[v]
                    previous = pos[w]
    return root


def _horizontal_compaction(
    layers: list[list[int]], root: list[int], width: list[float]
) -> list[float]:
    """Place blocks as far left as they go, then pull each right as far as it is free to go."""
    size = len(width)
    successors: dict[int, dict[int, float]] = {}
    predecessors: dict[int, dict[int, float]] = {}
    blocks: list[int] = []
    for layer in layers:
        for left, right in itertools.pairwise(layer):
            a, b = root[left], root[right]
            gap = (width[left] + width[right]) / 2
            if successors.setdefault(a, {}).get(b, 0.0) < gap:
                successors[a][b] = gap
                predecessors.setdefault(b, {})[a] = gap
        blocks.extend(v for v in layer if root[v] == v)
    # Topological order of the block graph (blocks left of others come first).
    indegree = {b: len(predecessors.get(b, {})) for b in blocks}
    queue = deque(b for b in blocks if indegree[b] == 0)
    order = []
    while queue:
        b = queue.popleft()
        order.append(b)
        for c in successors.get(b, {}):
            indegree[c] -= 1
            if indegree[c] == 0:
                queue.append(c)
    xs = [0.0] * size
    for b in order:
        xs[b] = max((xs[a] + g for a, g in predecessors.get(b, {}).items()), default=0.0)
    for b in reversed(order):
        room = min((xs[c] - g for c, g in successors.get(b, {}).items()), default=None)
        if room is not None:
            xs[b] = max(xs[b], room)
    return [xs[root[v]] for v in range(size)]
