"""The reading side of the hostile corpus: a long-lived worker process reads one file per task.

``tests/io/test_hostile.py`` keeps one such process for each test process (so one a CPU under
``pytest -n``), through ``concurrent.futures.ProcessPoolExecutor`` with ``spawn`` and
:func:`start` as initializer: it caps the process's address space and imports stratgraph once,
instead of starting an interpreter per file. :func:`check` then reads a file through the
Python API (running every analysis on a map that loads) and through ``python -m stratgraph
validate FILE`` (run in this same process, as ``python -m`` runs it), within a time limit, and
returns the outcome as a dict: ``loaded``, ``error`` for a StratgraphError, ``crash`` for anything
else, ``timeout`` when the limit passed; the error's type and message; what the command printed
and its exit code; the seconds taken.

Run as ``python tests/io/hostile_worker.py FILE`` (``scripts/hostile_table.py`` does, to measure
each file's peak memory in a process of its own), it reads one file and prints that outcome as the
last line, a JSON object, with the peak memory (``ru_maxrss``, in KiB).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import runpy
import signal
import sys
import time
import traceback
import warnings
from pathlib import Path
from typing import Any


class Overtime(BaseException):
    """Raised in the worker when a file takes longer than its time limit (``SIGALRM``)."""


ANALYSES = (
    "orphans",
    "goal_overload",
    "cross_cutting",
    "budget_rollup",
    "tensions",
    "level_skips",
    "indicator_coverage",
    "near_duplicates",
    "summary",
    "audit",
)


def run(path: str) -> dict[str, Any]:
    """Read ``path`` and, if it loads, run every analysis on it."""
    import stratgraph as sg  # noqa: PLC0415 - imported once by start()

    result: dict[str, Any] = {}
    try:
        smap = sg.read(path)
        for name in ANALYSES:
            getattr(sg, name)(smap)
    except Overtime:
        raise
    except sg.StratgraphError as err:
        result.update(outcome="error", type=type(err).__name__, message=str(err))
    except BaseException as err:  # noqa: BLE001 - any other exception is what is looked for
        result.update(outcome="crash", type=type(err).__name__, message=traceback.format_exc())
    else:
        result.update(
            outcome="loaded",
            elements=len(smap),
            links=len(smap.links),
            titles={e.id: e.title for e in list(smap)[:10]},
            descriptions={e.id: e.description for e in list(smap)[:10]},
        )
    return result


def run_cli(path: str) -> dict[str, Any]:
    """Run ``python -m stratgraph validate PATH`` in this process; return its output and code."""
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["stratgraph", "validate", path]
    code: Any = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            runpy.run_module("stratgraph", run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        code = exit_.code
    except Overtime:
        raise
    except BaseException:  # noqa: BLE001 - the interpreter would print this traceback
        err.write(traceback.format_exc())
        code = 1
    finally:
        sys.argv = argv
    return {"cli_code": code, "cli_stdout": out.getvalue(), "cli_stderr": err.getvalue()}


def start(memory_cap: int) -> None:
    """Cap this process's address space at ``memory_cap`` bytes and import stratgraph once."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))
    # The command's output is captured whole, at the width a wide terminal would give it.
    os.environ["COLUMNS"] = "200"
    signal.signal(signal.SIGALRM, _overtime)
    import stratgraph  # noqa: F401, PLC0415 - once here, not in every task


def _overtime(_signum: int, _frame: object) -> None:
    raise Overtime


def check(path: str, cwd: str, limit: int) -> dict[str, Any]:
    """Read ``path`` through the API and the command line in ``cwd``, within ``limit`` seconds.

    Each task starts as a fresh interpreter would: with the interpreter's warning filters and
    empty once-per-place registries (so a warning given for an earlier file is shown again), in
    the working directory ``cwd``.
    """
    began = time.perf_counter()
    before = Path.cwd()
    signal.alarm(limit)
    try:
        # Entering resets the registries; leaving restores the filters the task may have changed.
        with warnings.catch_warnings():
            os.chdir(cwd)
            result = run(path)
            result.update(run_cli(path))
    except Overtime:
        result = {"outcome": "timeout", "message": f"not done within {limit} s"}
    finally:
        signal.alarm(0)
        os.chdir(before)
    result["seconds"] = time.perf_counter() - began  # the API and the command together
    return result


def main() -> None:
    """Read ``sys.argv[1]`` in this fresh process and print the JSON line, with the peak memory."""
    began = time.perf_counter()
    result = run(sys.argv[1])
    result.update(run_cli(sys.argv[1]))
    result["seconds"] = time.perf_counter() - began
    result["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write("\n" + json.dumps(result, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
