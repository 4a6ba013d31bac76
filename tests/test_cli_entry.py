"""The command's help says what its options do, and ``python -m stratgraph.cli`` runs it."""

import subprocess
import sys

from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main


def option_help(text, option):
    """Return the help of ``option`` in click's option list, its wrapped lines joined."""
    lines = text.splitlines()
    lines = lines[lines.index("Options:") :]
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(option))
    parts = [lines[start].strip().split("  ", 1)[-1].strip()]
    for line in lines[start + 1 :]:
        if line.strip().startswith("-") or not line.strip():
            break
        parts.append(line.strip())
    return " ".join(parts)


def test_convert_help_says_the_csv_options_describe_target_when_it_is_csv():
    result = CliRunner().invoke(main, ["convert", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert option_help(result.output, "--sep") == (
        "The delimiter of TARGET when it is CSV, else of a CSV SOURCE (read: detected from the "
        "header)."
    )
    assert option_help(result.output, "--decimal") == (
        "The decimal mark of TARGET's numbers when it is CSV, else of numbers written as text "
        "in a CSV or Excel SOURCE."
    )
    assert option_help(result.output, "--encoding") == (
        "The text encoding of TARGET when it is CSV, else of a CSV SOURCE, e.g. cp1252."
    )


def test_the_other_commands_describe_csv_input():
    result = CliRunner().invoke(main, ["validate", "--help"], terminal_width=200)
    assert option_help(result.output, "--sep") == (
        "CSV input: the delimiter (default: detected from the header)."
    )


def test_python_m_stratgraph_cli_runs_the_command():
    done = subprocess.run(
        [sys.executable, "-m", "stratgraph.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"stratgraph, version {sg.__version__}\n"
