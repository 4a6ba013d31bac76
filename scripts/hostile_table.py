"""Run the hostile-input corpus and print a Markdown table of what happened, per format.

Each input (``tests/data/bad/`` and the large ones written by ``tests/data/make_bad_corpus.py``
into a temporary folder) is read in a child process with a 2 GiB address-space cap and a time
limit, through the Python API and ``python -m stratgraph validate``
(``tests/io/hostile_worker.py``), one process per input so that its peak memory is its own.

    python scripts/hostile_table.py
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data"))

import make_bad_corpus  # noqa: E402 - found through the path set above

CHILD = ROOT / "tests" / "io" / "hostile_worker.py"
MEMORY_CAP = 2 * 2**30
TIME_LIMIT = 120
FORMATS = {".csv": "CSV", ".yaml": "YAML", ".json": "JSON", ".xlsx": "Excel", ".graphml": "GraphML"}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(path: Path, cwd: Path) -> dict[str, object]:
    """Return the child's report on ``path``; a hang or a dead child is reported as such."""
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and files
            [sys.executable, str(CHILD), str(path)],
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            preexec_fn=_cap_memory,
            cwd=cwd,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": "hang"}
    if done.returncode != 0 or not done.stdout.strip():
        return {"outcome": "crash", "message": done.stderr[-500:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def clean(result: dict[str, object]) -> bool:
    """Whether the API and the CLI agreed and the CLI printed one message without a traceback."""
    stderr = str(result.get("cli_stderr", ""))
    if "Traceback" in stderr:
        return False
    if result["outcome"] == "loaded":
        return result["cli_code"] in (0, None)
    return (
        result["outcome"] == "error"
        and result["cli_code"] == 2  # noqa: PLR2004 - the CLI's code for bad input
        and stderr.startswith("stratgraph: error: ")
        and stderr.count("stratgraph: error:") == 1
    )


def main() -> None:
    """Run every input and print the table."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        paths = sorted((ROOT / "tests" / "data" / "bad").iterdir())
        paths += make_bad_corpus.write_large(work / "large")
        rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for path in paths:
            result = run(path, work)
            row = rows[FORMATS[path.suffix]]
            row["inputs"] += 1
            outcome = result["outcome"]
            if outcome in ("hang", "crash") or not clean(result):
                row["hangs" if outcome == "hang" else "crashes"] += 1
                sys.stderr.write(f"{path.name}: {outcome}: {result.get('message', '')}\n")
            else:
                row["clean errors" if outcome == "error" else "loaded"] += 1
            seconds = float(result.get("seconds", 0.0))  # type: ignore[arg-type]
            memory = float(result.get("maxrss_kib", 0)) / 1024  # type: ignore[arg-type]
            if seconds > row["seconds"]:
                row["seconds"], row["slowest"] = seconds, paths.index(path)
            if memory > row["memory"]:
                row["memory"], row["largest"] = memory, paths.index(path)
    out = [
        (
            "| format | inputs | clean errors | loaded | crashes | hangs "
            "| longest (s) | input | largest memory (MiB) | input |"
        ),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    total: dict[str, float] = defaultdict(float)
    for fmt in FORMATS.values():
        row = rows[fmt]
        for key in ("inputs", "clean errors", "loaded", "crashes", "hangs"):
            total[key] += row[key]
        out.append(
            f"| {fmt} | {row['inputs']:.0f} | {row['clean errors']:.0f} | {row['loaded']:.0f} "
            f"| {row['crashes']:.0f} | {row['hangs']:.0f} | {row['seconds']:.1f} "
            f"| {paths[int(row['slowest'])].name} | {row['memory']:.0f} "
            f"| {paths[int(row['largest'])].name} |"
        )
    longest = max(rows.values(), key=lambda r: r["seconds"])
    largest = max(rows.values(), key=lambda r: r["memory"])
    out.append(
        f"| **all** | {total['inputs']:.0f} | {total['clean errors']:.0f} | {total['loaded']:.0f} "
        f"| {total['crashes']:.0f} | {total['hangs']:.0f} | {longest['seconds']:.1f} "
        f"| {paths[int(longest['slowest'])].name} | {largest['memory']:.0f} "
        f"| {paths[int(largest['largest'])].name} |"
    )
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
