"""Measure an atlas at one size, in a fresh process: ``python -m benchmarks.atlas ORGS YEARS``.

Builds ``sg.datasets.synthetic_atlas(ORGS, YEARS)`` (about 2 000 elements a map), makes its
combined view over every year, audits the combined view of each year (over every year a goal kept
for ten years is ten near-duplicate goals) and runs the coverage analysis, timing each step. Prints
one JSON line: the elements, the seconds of each step and the peak resident memory beyond what
the process held after its imports (``VmHWM``), in bytes.
"""

from __future__ import annotations

import gc
import json
import sys
import time

import stratgraph as sg
from benchmarks.memory import _status


def main(organisations: int, years: int) -> dict[str, float]:
    """Run the steps on one synthetic atlas and return what they cost."""
    gc.collect()
    baseline = _status("VmRSS")
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    atlas = sg.datasets.synthetic_atlas(organisations, years)
    seconds["build"] = time.perf_counter() - started
    started = time.perf_counter()
    combined = atlas.combined()
    seconds["combined"] = time.perf_counter() - started
    n = len(combined)
    del combined
    started = time.perf_counter()
    for year in atlas.years:
        sg.audit(atlas.combined(year))
    seconds["audit"] = time.perf_counter() - started
    started = time.perf_counter()
    sg.coverage(atlas)
    seconds["coverage"] = time.perf_counter() - started
    return {
        "elements": n,
        **seconds,
        "peak": _status("VmHWM") - baseline,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]))))  # noqa: T201 - the measurement
