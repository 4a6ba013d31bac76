"""The notebooks in notebooks/ run from the repository root, without an error or a warning.

Each is executed top to bottom in a fresh kernel of this interpreter, as an analyst would run it;
none may write into the repository. This is the one place the notebooks are executed: a notebook
that passes is kept, with its outputs, in ``.notebooks/``, and ``make docs`` shows those outputs
instead of executing the notebooks again (``docs/hooks.py``).
"""

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Where a notebook that ran cleanly is kept with its outputs, for the docs build: a folder laid
#: out as the repository's, so that the docs build can take it as the source of notebooks/.
EXECUTED = ROOT / ".notebooks"
# Folders that tools (and this test) write into on their own; everything else must stay as it was.
UNTRACKED = {
    ".git",
    ".venv",
    ".hypothesis",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    EXECUTED.name,
}


def _files():
    found = set()
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in UNTRACKED and d != "__pycache__"]
        found.update(Path(folder, name).relative_to(ROOT) for name in files)
    return found


def test_there_are_notebooks():
    assert NOTEBOOKS


def test_notebooks_are_stored_without_outputs():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        assert code, path.name
        assert all(not cell.outputs and cell.execution_count is None for cell in code), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, monkeypatch):
    # The kernel of this virtual environment, even where a user-wide "python3" kernel exists.
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "1")
    nb = nbformat.read(path, as_version=4)
    before = _files()
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()  # raises CellExecutionError, with the cell and traceback, on any error
    assert _files() == before, "the notebook wrote into the repository"
    stderr = [
        output.text
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stderr"
    ]
    assert not stderr, "".join(stderr)
    (EXECUTED / "notebooks").mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, EXECUTED / "notebooks" / path.name)
