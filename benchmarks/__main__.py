"""Run the benchmarks and print a table and one line per target: ``python -m benchmarks``.

The exit code is 0 when every target is met and 1 otherwise.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import stratgraph as sg
from benchmarks import data, targets

if TYPE_CHECKING:
    from benchmarks.targets import Row

TARGETS = ("load", "audit", "scaling", "memory", "atlas", "plot")


def _say(text: str) -> None:
    print(text, flush=True)  # noqa: T201 - the output is the report


def main(argv: list[str] | None = None) -> int:
    """Run the chosen targets; return 0 if all are met."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000, help="elements for load and audit")
    parser.add_argument("--large", type=int, default=1_000_000, help="elements for scaling")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--plot-size", type=int, default=300, help="elements for the plot")
    parser.add_argument(
        "--atlas",
        default="10,100,10",
        help="organisations of the small and the large atlas, and years (2 000 elements a map)",
    )
    parser.add_argument("--cache", type=Path, default=data.CACHE, help="where the maps are kept")
    parser.add_argument(
        "--only", default=",".join(TARGETS), help=f"targets to run, of {', '.join(TARGETS)}"
    )
    parser.add_argument(
        "--analyses",
        default=",".join(targets.ANALYSES),
        help=f"analyses the scaling target times, of {', '.join(targets.ANALYSES)}",
    )
    args = parser.parse_args(argv)
    chosen = [t.strip() for t in args.only.split(",") if t.strip()]
    unknown = set(chosen) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets {sorted(unknown)}; choose from {', '.join(TARGETS)}")
    analyses = tuple(a.strip() for a in args.analyses.split(",") if a.strip())
    unknown = set(analyses) - set(targets.ANALYSES)
    if unknown:
        parser.error(
            f"unknown analyses {sorted(unknown)}; choose from {', '.join(targets.ANALYSES)}"
        )

    _say(
        f"stratgraph {sg.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}; sizes {args.size:_} and {args.large:_}, {args.runs} runs"
    )
    data.CACHE = args.cache
    started = time.perf_counter()
    rows: list[Row] = []
    for target in chosen:
        _say(f"measuring {target} ...")
        if target == "load":
            rows.append(targets.load(args.size, args.runs))
        elif target == "audit":
            rows.append(targets.audit(args.size, args.runs))
        elif target == "scaling":
            rows.extend(targets.scaling(args.size, args.large, args.runs, _say, analyses))
            rows.append(targets.progress_scaling(args.size, args.large, args.runs, _say))
        elif target == "memory":
            rows.append(targets.memory(args.large))
        elif target == "atlas":
            small, large, years = (int(part) for part in args.atlas.split(","))
            rows.extend(targets.atlas(small, large, years))
        else:
            rows.append(targets.plot(args.plot_size, args.runs))
    _say("")
    _say(table(rows))
    _say("")
    for line in verdicts(rows):
        _say(line)
    missed = [row for row in rows if not row.met]
    _say(
        f"\n{len(rows) - len(missed)} of {len(rows)} targets met "
        f"in {time.perf_counter() - started:.0f} s."
    )
    return 1 if missed else 0


def table(rows: list[Row]) -> str:
    """Return the measurements as a Markdown table."""
    lines = [
        "| target | what | elements | stratgraph | by hand / base | ratio | limit | met |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f} ×" if row.unit == "×" else "–"
        limit = f"≤ {row.limit:g} ×" if row.unit == "×" else f"< {row.limit:g} s"
        lines.append(
            f"| {row.target} | {row.what} | {row.size} | {row.ours} | {row.theirs} | {ratio} "
            f"| {limit} | {'yes' if row.met else '**no**'} |"
        )
    return "\n".join(lines)


def verdicts(rows: list[Row]) -> list[str]:
    """Return one line per target: met or not, by how much, the worst case of several."""
    lines = []
    for target in dict.fromkeys(row.target for row in rows):
        group = [row for row in rows if row.target == target]
        worst = max(group, key=lambda row: row.ratio / row.limit)
        status = "met" if all(row.met for row in group) else "MISSED"
        if worst.unit == "s":
            measured = f"{worst.ratio:.2f} s (limit {worst.limit:g} s)"
        else:
            measured = f"{worst.ratio:.2f} × (limit {worst.limit:g} ×)"
        where = f" worst of {len(group)}: {worst.what}," if len(group) > 1 else ""
        notes = "; ".join(worst.notes)
        lines.append(f"{target}: {status} —{where} {measured}; {notes}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
