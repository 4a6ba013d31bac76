"""Measure the memory one job needs, in a fresh process: ``python -m benchmarks.memory JOB PATH``.

``JOB`` is ``stratgraph`` (``sg.read_csv``) or ``by-hand`` (pandas and a networkx DiGraph, see
:mod:`benchmarks.baseline`). Both import the same modules first; the memory they hold then is the
baseline. Prints one JSON line: the peak resident memory (``VmHWM``) and the memory held once the
job is done and its result kept (``VmRSS``), both beyond the baseline, in bytes.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import networkx as nx  # noqa: F401 - imported by both jobs before the baseline
import pandas as pd  # noqa: F401

import stratgraph as sg
from benchmarks.baseline import networkx_by_hand


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    msg = f"/proc/self/status has no {field}; this measurement needs Linux"
    raise RuntimeError(msg)


def main(job: str, path: Path) -> None:
    """Run ``job`` on ``path`` and print what it cost."""
    jobs = {"stratgraph": sg.read_csv, "by-hand": networkx_by_hand}
    gc.collect()
    baseline = _status("VmRSS")
    result = jobs[job](path)
    gc.collect()
    print(  # noqa: T201 - the output is the measurement
        json.dumps({"peak": _status("VmHWM") - baseline, "retained": _status("VmRSS") - baseline})
    )
    del result


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
