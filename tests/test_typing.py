"""A user's script type-checks under ``mypy --strict``: ``m.to_yaml()`` is text, with a path None.

``tests/typing/user_script.py`` uses every conversion both ways and must pass;
``tests/typing/wrong_script.py`` takes text from a conversion that writes a file, and mypy must
say so on that line, so that the check can fail.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import stratgraph as sg

SCRIPTS = Path(__file__).parent / "typing"


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mypy")
    (folder / "none.ini").write_text("[mypy]\n", encoding="utf-8")
    return subprocess.run(  # noqa: S603 - this interpreter's mypy on our own scripts
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--show-error-codes",
            "--cache-dir",
            str(folder / "cache"),
            "--config-file",
            str(folder / "none.ini"),  # the user's settings, not the project's
            str(SCRIPTS / "user_script.py"),
            str(SCRIPTS / "wrong_script.py"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
    )


def test_the_users_script_type_checks_under_strict(mypy_output):
    errors = [line for line in mypy_output.stdout.splitlines() if "user_script.py" in line]
    assert errors == []
    assert mypy_output.stderr == ""


def test_taking_text_from_a_write_is_an_error(mypy_output):
    lines = (SCRIPTS / "wrong_script.py").read_text(encoding="utf-8").splitlines()
    wrong = next(n for n, line in enumerate(lines, start=1) if "# wrong:" in line)
    errors = [line for line in mypy_output.stdout.splitlines() if "error:" in line]
    assert len(errors) == 1, mypy_output.stdout
    assert re.search(
        rf"wrong_script\.py:{wrong}: error: Incompatible types in assignment "
        r'\(expression has type "None", variable has type "str"\)',
        errors[0],
    ), errors[0]
    assert mypy_output.returncode == 1


def test_the_scripts_run(tmp_path):
    sys.path.insert(0, str(SCRIPTS))
    try:
        import user_script  # noqa: PLC0415 - from the scripts' folder, put on the path here
    finally:
        sys.path.remove(str(SCRIPTS))
    with pytest.warns(UserWarning, match="the returned text does not hold") as seen:
        texts = user_script.main(tmp_path)
    assert len(seen) == 2  # to_csv() twice: its links and indicators need files of their own
    assert texts[0] == sg.datasets.load("eksempel-2013").to_yaml()
    assert len(texts) == 12
    assert texts[8].startswith("# Audit: Eksempel Kommune 2013")  # the report's Markdown
    assert json.loads(texts[10]) == json.loads(texts[11])  # indent=None: the same, on one line
    assert "\n" not in texts[11].rstrip("\n")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "fund.html",
        "fund.json",
        "fund.md",
        "kort.csv",
        "kort.dot",
        "kort.graphml",
        "kort.indicators.csv",
        "kort.json",
        "kort.links.csv",
        "kort.measurements.csv",
        "kort.mmd",
        "kort.xlsx",
        "kort.xml",
        "kort.yaml",
        "kort.yml",
    ]
