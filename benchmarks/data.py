"""The benchmark maps: ``sg.datasets.synthetic(n, seed)`` saved as CSV, made once and kept.

The files live in ``.bench/`` under a name that holds a fingerprint of the code that makes them
(the synthetic generator and the CSV writer), so a change to either makes them anew. The maps
with measurements (:func:`measured`) are made in memory.
"""

from __future__ import annotations

import hashlib
import inspect
import random
from pathlib import Path

import pandas as pd

import stratgraph as sg
from stratgraph.datasets import _synthetic
from stratgraph.io import csv as csv_io
from stratgraph.io._tables import cells, write

__all__ = ["CACHE", "measured", "synthetic_csv"]

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


def measured(n: int, *, seed: int = 0, per_indicator: int = 5) -> sg.StrategyMap:
    """Return ``synthetic(n, seed=seed)`` with ``per_indicator`` yearly measurements an indicator.

    Each indicator gets its baseline in 2012 and its target in 2020, and values from 2013 on
    that wander around a straight path from the one to the other. The map is built from frames,
    as ``sg.from_frames`` reads them (the fast path of whole valid columns).
    """
    smap = sg.datasets.synthetic(n, seed=seed)
    rng = random.Random(seed)  # noqa: S311 - reproducible values, not secrets
    periods = {"baseline_period": sg.Period.parse(2012), "target_period": sg.Period.parse(2020)}
    elements = smap.elements_frame()
    indicators = []
    rows: dict[str, list[object]] = {"element": [], "indicator": [], "period": [], "value": []}
    for element in smap:
        given = tuple(ind.model_copy(update=periods) for ind in element.indicators)
        indicators.append(given or None)
        for ind in given:
            base, step = ind.baseline or 0.0, ((ind.target or 0.0) - (ind.baseline or 0.0)) / 8
            for k in range(per_indicator):
                rows["element"].append(element.id)
                rows["indicator"].append(ind.name)
                rows["period"].append(2013 + k)
                rows["value"].append(base + step * (k + 1) * rng.uniform(0.5, 1.3))
    elements["indicators"] = indicators
    return sg.from_frames(
        elements,
        smap.links_frame(),
        measurements=pd.DataFrame(rows),
        schema=smap.schema,
        **smap.metadata(),
    )
