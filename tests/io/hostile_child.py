"""Read one file through the Python API and the command line, and report the outcome as JSON.

Run as ``python tests/hostile_child.py FILE``: the last line printed is a JSON object with the
outcome (``loaded``, ``error`` for a StratgraphError, ``crash`` for anything else), the error's
type and message, what ``python -m stratgraph validate FILE`` printed and its exit code (run in
this same process, as ``python -m`` runs it), the seconds taken and the peak memory
(``ru_maxrss``, in KiB).
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import runpy
import sys
import time
import traceback
from typing import Any

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
    import stratgraph as sg  # noqa: PLC0415 - timed with the rest

    result: dict[str, Any] = {}
    try:
        smap = sg.read(path)
        for name in ANALYSES:
            getattr(sg, name)(smap)
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
    except BaseException:  # noqa: BLE001 - the interpreter would print this traceback
        err.write(traceback.format_exc())
        code = 1
    finally:
        sys.argv = argv
    return {"cli_code": code, "cli_stdout": out.getvalue(), "cli_stderr": err.getvalue()}


def main() -> None:
    """Run on ``sys.argv[1]`` and print the JSON line."""
    start = time.perf_counter()
    result = run(sys.argv[1])
    result.update(run_cli(sys.argv[1]))
    result["seconds"] = time.perf_counter() - start  # the API and the CLI together
    result["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write("\n" + json.dumps(result, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
