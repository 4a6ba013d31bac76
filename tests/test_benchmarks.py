"""The benchmarks compare like with like, and `python -m benchmarks` reports every target.

Nothing here is timed: the numbers belong to `make bench`. These tests check that the by-hand
baseline builds the same graph the map holds, and that the report has a row and a verdict for
each target.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from benchmarks.baseline import networkx_by_hand
from benchmarks.targets import ANALYSES, PROGRESS

import stratgraph as sg

ROOT = Path(__file__).resolve().parent.parent


def _plain(value: Any) -> Any:
    """Indicators as the dicts a CSV row gives, tuples as lists: how the two graphs differ."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, sg.Indicator):
        return {k: v for k, v in value.model_dump().items() if v is not None}
    return value


def test_the_graph_built_by_hand_holds_what_the_map_holds(tmp_path):
    smap = sg.datasets.synthetic(3000, seed=4)
    path = tmp_path / "kort.csv"
    smap.to_csv(path)
    assert path.with_name("kort.links.csv").is_file()
    assert path.with_name("kort.indicators.csv").is_file()
    by_hand = networkx_by_hand(path)
    ours = sg.read_csv(path).to_networkx()
    assert list(by_hand.nodes) == list(ours.nodes)
    for node, data in ours.nodes(data=True):
        assert {k: _plain(v) for k, v in by_hand.nodes[node].items()} == {
            k: _plain(v) for k, v in data.items()
        }, node
    assert set(by_hand.edges) == set(ours.edges)
    for source, target, data in ours.edges(data=True):
        assert by_hand.edges[source, target] == data, (source, target)


def test_the_report_has_a_row_and_a_verdict_for_every_target(tmp_path):
    run = subprocess.run(  # noqa: S603 - this interpreter on the project's own module
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--size=1500",
            "--large=3000",
            "--runs=1",
            "--plot-size=30",
            "--atlas=1,2,1",
            f"--cache={tmp_path}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode in (0, 1), run.stderr  # 1: a target missed at these toy sizes
    lines = run.stdout.splitlines()
    rows = [line.split(" | ") for line in lines if line.startswith("| ")][2:]
    assert [row[0].removeprefix("| ") for row in rows] == [
        "load",
        "audit",
        *["scaling"] * (len(ANALYSES) + 1),
        "memory",
        *["atlas"] * 5,
        "plot",
    ]
    assert [row[1] for row in rows if row[0] == "| scaling"] == [*ANALYSES, PROGRESS]
    for row in rows[:-1]:  # the ratio is the two sides' quotient (both shown rounded)
        ours, theirs = (float(cell.split()[0].replace(",", "")) for cell in row[3:5])
        assert float(row[5].split()[0]) == pytest.approx(ours / theirs, rel=0.05, abs=0.02), row
    for target in ("load", "audit", "scaling", "memory", "atlas", "plot"):
        assert sum(line.startswith((f"{target}: met", f"{target}: MISSED")) for line in lines) == 1
    assert lines[-1].endswith("s.")
    assert f"of {len(rows)} targets met in" in lines[-1]


def test_the_scaling_target_times_the_chosen_analyses_only(tmp_path):
    command = [sys.executable, "-m", "benchmarks", "--only=scaling", "--size=300", "--large=600"]
    command += ["--runs=1", f"--cache={tmp_path}"]
    run = subprocess.run(  # noqa: S603 - this interpreter on the project's own module
        [*command, "--analyses=line_of_sight, cross_cutting_matrix"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode in (0, 1), run.stderr
    rows = [line.split(" | ") for line in run.stdout.splitlines() if line.startswith("| ")][2:]
    timed = [row[1] for row in rows if row[1] in ANALYSES]
    assert timed == ["cross_cutting_matrix", "line_of_sight"]  # in the bench's order
    wrong = subprocess.run(  # noqa: S603 - as above
        [*command, "--analyses=line_of_sigth"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert wrong.returncode == 2  # argparse's usage error
    assert "unknown analyses ['line_of_sigth']; choose from orphans," in wrong.stderr
