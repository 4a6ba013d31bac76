"""Timing side by side, and peak memory in a fresh process."""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = ["Memory", "Times", "peak_memory", "side_by_side", "times"]


@dataclass(frozen=True)
class Times:
    """Seconds of each run."""

    runs: list[float]

    @property
    def median(self) -> float:
        """The median run."""
        return statistics.median(self.runs)


def _once(job: Callable[[], Any], setup: Callable[[], Any] | None) -> float:
    """Time one call of ``job`` (after ``setup``, not timed); its result is dropped untimed."""
    if setup is not None:
        setup()
    gc.collect()
    start = time.perf_counter()
    result = job()
    took = time.perf_counter() - start
    del result
    return took


def times(job: Callable[[], Any], runs: int, setup: Callable[[], Any] | None = None) -> Times:
    """Time ``runs`` calls of ``job``."""
    return Times([_once(job, setup) for _ in range(runs)])


def side_by_side(
    ours: Callable[[], Any],
    theirs: Callable[[], Any],
    runs: int,
    *,
    setup: Callable[[], Any] | None = None,
) -> tuple[Times, Times]:
    """Time ``ours`` and ``theirs`` in turns, the order swapped every run, so drift hits both."""
    a: list[float] = []
    b: list[float] = []
    for k in range(runs):
        if k % 2 == 0:
            a.append(_once(ours, setup))
            b.append(_once(theirs, None))
        else:
            b.append(_once(theirs, None))
            a.append(_once(ours, setup))
    return Times(a), Times(b)


@dataclass(frozen=True)
class Memory:
    """Resident memory of a process beyond what it held after its imports, in bytes."""

    peak: int
    retained: int


def peak_memory(job: str, path: Path) -> Memory:
    """Run ``python -m benchmarks.memory JOB PATH`` and return what it measured."""
    out = subprocess.run(  # noqa: S603 - this interpreter on our own module
        [sys.executable, "-m", "benchmarks.memory", job, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Memory(**json.loads(out.splitlines()[-1]))
