"""The benchmark maps: ``sg.datasets.synthetic(n, seed)`` saved as CSV, made once and kept.

The files live in ``.bench/`` under a name that holds a fingerprint of the code that makes them
(the synthetic generator and the CSV writer), so a change to either makes them anew.
"""

from __future__ import annotations

import hashlib
import inspect
from pathlib import Path

import stratgraph as sg
from stratgraph.datasets import _synthetic
from stratgraph.io import csv as csv_io
from stratgraph.io._tables import cells, write

__all__ = ["CACHE", "synthetic_csv"]

CACHE = Path(".bench")


def _fingerprint() -> str:
    source = "".join(inspect.getsource(module) for module in (_synthetic, cells, write, csv_io))
    return hashlib.sha256(source.encode()).hexdigest()[:10]


def synthetic_csv(n: int, *, seed: int = 0) -> Path:
    """Return the CSV file of ``synthetic(n, seed=seed)``, writing it first if it is not there."""
    path = CACHE / f"synthetic-{n}-seed{seed}-{_fingerprint()}" / "map.csv"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        sg.datasets.synthetic(n, seed=seed).to_csv(path)
    return path
