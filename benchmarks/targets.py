"""The targets of issue 7, each measured side by side and judged against its limit."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import stratgraph as sg
from benchmarks.baseline import digraph_from_frames, networkx_by_hand, read_frames
from benchmarks.data import measured, synthetic_csv
from benchmarks.measure import peak_memory, side_by_side, times

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = [
    "ANALYSES",
    "PROGRESS",
    "Row",
    "atlas",
    "audit",
    "load",
    "memory",
    "plot",
    "progress_scaling",
    "scaling",
]


@dataclass(frozen=True)
class Row:
    """One measured target: what, at which size, the two sides, their ratio and the limit."""

    target: str
    what: str
    size: str
    ours: str
    theirs: str
    ratio: float
    limit: float
    #: "×" for a ratio of times or memory, "s" for seconds (the plot target has no other side).
    unit: str = "×"
    notes: list[str] = field(default_factory=list)

    @property
    def met(self) -> bool:
        """Whether the ratio is within the limit."""
        return self.ratio <= self.limit if self.unit == "×" else self.ratio < self.limit


def fresh(smap: sg.StrategyMap) -> sg.StrategyMap:
    """Return the same map without anything an earlier analysis kept: the map as just read."""
    return sg.StrategyMap._from_state(smap._state, **smap.metadata())  # noqa: SLF001


def _s(seconds: float) -> str:
    return f"{seconds:.3g} s" if seconds < 100 else f"{seconds:.0f} s"  # noqa: PLR2004


def _mib(size: float) -> str:
    mib = size / 2**20
    return f"{mib:.3g} MiB" if mib < 1000 else f"{mib:,.0f} MiB"  # noqa: PLR2004


def _n(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def load(n: int, runs: int) -> Row:
    """``sg.read_csv`` against pandas.read_csv plus building the DiGraph by hand."""
    path = synthetic_csv(n)
    ours, theirs = side_by_side(lambda: sg.read_csv(path), lambda: networkx_by_hand(path), runs)
    return Row(
        "load",
        "sg.read_csv vs pandas.read_csv + nx.DiGraph",
        _n(n),
        _s(ours.median),
        _s(theirs.median),
        ours.median / theirs.median,
        2.0,
        notes=[f"median of {runs} runs each, in turns"],
    )


def audit(n: int, runs: int) -> Row:
    """``sg.audit`` against building the DiGraph from the frames pandas read."""
    path = synthetic_csv(n)
    smap = sg.read_csv(path)
    frames = read_frames(path)
    maps: list[sg.StrategyMap] = []
    ours, theirs = side_by_side(
        lambda: sg.audit(maps.pop()),
        lambda: digraph_from_frames(*frames),
        runs,
        setup=lambda: maps.append(fresh(smap)),
    )
    return Row(
        "audit",
        "sg.audit vs building the nx.DiGraph",
        _n(n),
        _s(ours.median),
        _s(theirs.median),
        ours.median / theirs.median,
        2.0,
        notes=[f"median of {runs} runs each, in turns; every audit on a map as just read"],
    )


def _analyses() -> dict[str, Callable[[sg.StrategyMap, sg.StrategyMap], Any]]:
    return {
        "orphans": lambda m, _: sg.orphans(m),
        "orphaned_goals": lambda m, _: sg.orphaned_goals(m),
        "goal_overload": lambda m, _: sg.goal_overload(m),
        "goal_overload(per=owner)": lambda m, _: sg.goal_overload(m, per="owner"),
        "cross_cutting": lambda m, _: sg.cross_cutting(m),
        "cross_cutting_matrix": lambda m, _: sg.cross_cutting_matrix(m),
        "level_skips": lambda m, _: sg.level_skips(m),
        "line_of_sight": lambda m, _: sg.line_of_sight(m, m.ids[-1]),
        "budget_rollup": lambda m, _: sg.budget_rollup(m),
        "tensions": lambda m, _: sg.tensions(m),
        "indicator_coverage": lambda m, _: sg.indicator_coverage(m),
        "near_duplicates": lambda m, _: sg.near_duplicates(m),
        "near_duplicate_clusters": lambda m, _: sg.near_duplicate_clusters(m),
        "summary": lambda m, _: sg.summary(m),
        "diff": lambda m, other: sg.diff(other, m),
        "audit": lambda m, _: sg.audit(m),
    }


ANALYSES = tuple(_analyses())


def scaling(
    small: int,
    large: int,
    runs: int,
    say: Callable[[str], None],
    names: tuple[str, ...] = ANALYSES,
) -> list[Row]:
    """Time the analyses ``names`` (all by default) at ``large`` elements against ``small``."""
    limit = 1.2 * large / small  # linear growth, with room for the cost of a larger heap
    jobs = {name: job for name, job in _analyses().items() if name in names}
    medians: dict[str, list[float]] = {name: [] for name in jobs}
    for n, k in ((small, runs), (large, max(1, runs // 2))):
        say(f"  reading the maps of {_n(n)} elements")
        smap, other = sg.read_csv(synthetic_csv(n)), sg.read_csv(synthetic_csv(n, seed=1))
        for name, job in jobs.items():
            # Both maps as just read in every run: the other map's index, made in the first run
            # and kept, would else be timed in the only run at the large size and none after.
            maps: list[tuple[sg.StrategyMap, sg.StrategyMap]] = []
            took = times(
                lambda job=job, maps=maps: job(*maps.pop()),
                k,
                setup=lambda maps=maps, smap=smap, other=other: maps.append(
                    (fresh(smap), fresh(other))
                ),
            )
            medians[name].append(took.median)
            say(f"  {name} at {_n(n)}: {_s(took.median)}")
        del smap, other
    return [
        Row(
            "scaling",
            name,
            f"{_n(small)} → {_n(large)}",
            _s(big),
            _s(base),
            big / base,
            limit,
            notes=[f"median of {runs} runs at {_n(small)}, {max(1, runs // 2)} at {_n(large)}"],
        )
        for name, (base, big) in medians.items()
    ]


#: The scaling row of the progress roll-up, on maps with measurements.
PROGRESS = "progress_rollup, 5 measurements an indicator"


def progress_scaling(small: int, large: int, runs: int, say: Callable[[str], None]) -> Row:
    """``progress_rollup`` at ``large`` elements against its time at ``small``.

    The maps are the synthetic ones with five yearly measurements of every indicator; each run
    starts from the map as just built, so the indicators' scores are computed in it too.
    """
    medians = []
    for n, k in ((small, runs), (large, max(1, runs // 2))):
        say(f"  building the map of {_n(n)} elements with measurements")
        smap = measured(n)
        maps: list[sg.StrategyMap] = []
        took = times(
            lambda maps=maps: sg.progress_rollup(maps.pop()),
            k,
            setup=lambda maps=maps, smap=smap: maps.append(fresh(smap)),
        )
        medians.append(took.median)
        say(
            f"  progress_rollup at {_n(n)} ({_n(len(smap.measurements))} measurements): "
            f"{_s(took.median)}"
        )
        del smap, maps
    base, big = medians
    return Row(
        "scaling",
        PROGRESS,
        f"{_n(small)} → {_n(large)}",
        _s(big),
        _s(base),
        big / base,
        1.2 * large / small,
        notes=[f"median of {runs} runs at {_n(small)}, {max(1, runs // 2)} at {_n(large)}"],
    )


def _atlas_run(organisations: int, years: int) -> dict[str, float]:
    """Run ``python -m benchmarks.atlas`` in a fresh process and return what it measured."""
    out = subprocess.run(  # noqa: S603 - this interpreter on our own module
        [sys.executable, "-m", "benchmarks.atlas", str(organisations), str(years)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, float] = json.loads(out.splitlines()[-1])
    return result


def atlas(small: int, large: int, years: int) -> list[Row]:
    """Measure an atlas of ``large`` organisations against one of ``small``, over ``years``.

    Build (``synthetic_atlas``), the combined view over every year, the audit of each year's
    combined view, coverage, and the peak memory of the whole run: each should grow no more than
    the number of elements does, which the limit of 12 × allows 20 % on top of for 10 ×.
    """
    base, big = _atlas_run(small, years), _atlas_run(large, years)
    grow = big["elements"] / base["elements"]
    sizes = f"{_n(int(base['elements']))} → {_n(int(big['elements']))}"
    rows = []
    for step in ("build", "combined", "audit", "coverage", "peak"):
        show = _mib if step == "peak" else _s
        rows.append(
            Row(
                "atlas",
                f"{step}: {large} vs {small} organisations × {years} years",
                sizes,
                show(big[step]),
                show(base[step]),
                big[step] / base[step],
                12.0,
                notes=[f"{grow:.1f} × the elements; one run each, in a fresh process"],
            )
        )
    return rows


def memory(n: int) -> Row:
    """Peak memory of ``sg.read_csv`` against pandas plus the DiGraph, each in a fresh process."""
    path = synthetic_csv(n)
    ours, theirs = peak_memory("stratgraph", path), peak_memory("by-hand", path)
    return Row(
        "memory",
        "peak RSS: sg.read_csv vs pandas.read_csv + nx.DiGraph",
        _n(n),
        _mib(ours.peak),
        _mib(theirs.peak),
        ours.peak / theirs.peak,
        1.5,
        notes=[
            (
                f"held once loaded: {_mib(ours.retained)} vs {_mib(theirs.retained)} "
                f"({ours.retained / theirs.retained:.2f} ×)"
            )
        ],
    )


def plot(n: int, runs: int, path: Path | None = None) -> Row:
    """``plot_map`` of an ``n``-element map, layout and drawing, with its crossings beside dot's."""
    import matplotlib as mpl  # noqa: PLC0415 - only this target draws

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    smap = sg.datasets.synthetic(n)

    def draw() -> None:
        ax = sg.plot_map(fresh(smap))
        ax.figure.canvas.draw()
        if path is not None:
            ax.figure.savefig(path)
        plt.close(ax.figure)

    took = times(draw, runs)
    ours = sg.count_crossings(smap, sg.layered_layout(smap))
    dot = shutil.which("dot")
    if dot is None:
        crossings = f"{ours} crossings; Graphviz dot is not installed, so none to compare"
    else:
        from scripts.compare_layouts import dot_positions  # noqa: PLC0415 - needs dot

        start = time.perf_counter()
        theirs = sg.count_crossings(smap, dot_positions(smap, dot))
        chain = sg.count_crossings(smap, dot_positions(smap, dot, chain_only=True))
        dot_took = time.perf_counter() - start
        crossings = (
            f"hierarchy crossings: stratgraph {ours}, dot {theirs}, dot on the chain alone "
            f"{chain} (dot took {_s(dot_took / 2)} per layout)"
        )
    return Row(
        "plot",
        "plot_map, layout and drawing",
        _n(n),
        _s(took.median),
        "–",
        took.median,
        3.0,
        unit="s",
        notes=[f"median of {runs} runs", crossings],
    )
