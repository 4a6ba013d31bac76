"""Writes are atomic: a write that fails or is killed midway leaves the old file as it was."""

from __future__ import annotations

import io
import os
import pathlib
import signal
import subprocess
import sys
import time

import openpyxl
import pytest
from networkx.readwrite.graphml import GraphMLWriter

import stratgraph as sg
from stratgraph.io import write

FORMATS = ("yaml", "json", "csv", "xlsx", "graphml")


@pytest.fixture
def old_file(tmp_path, request):
    path = tmp_path / f"kort.{request.param}"
    write(sg.datasets.load("eksempel-2012"), path)
    return path


@pytest.mark.parametrize("old_file", FORMATS, indirect=True)
def test_a_write_that_fails_midway_leaves_the_old_file(old_file, monkeypatch):
    before = {p.name: p.read_bytes() for p in old_file.parent.iterdir()}  # CSV has siblings
    old_map = sg.read(old_file)
    real_write_bytes = pathlib.Path.write_bytes

    def write_half(self, data):
        real_write_bytes(self, data[: len(data) // 2])
        msg = "no space left on device"
        raise OSError(msg)

    def save_half(book, filename):
        book_path = pathlib.Path(filename)
        real_save(book, book_path)
        real_write_bytes(book_path, book_path.read_bytes()[:1000])
        msg = "no space left on device"
        raise OSError(msg)

    def graphml_half(writer, stream):
        whole = io.BytesIO()
        real_dump(writer, whole)
        stream.write(whole.getvalue()[:200])
        msg = "no space left on device"
        raise OSError(msg)

    real_save = openpyxl.Workbook.save
    real_dump = GraphMLWriter.dump
    monkeypatch.setattr(pathlib.Path, "write_bytes", write_half)
    monkeypatch.setattr(openpyxl.Workbook, "save", save_half)
    monkeypatch.setattr(GraphMLWriter, "dump", graphml_half)
    with pytest.raises(OSError, match="no space left"):
        write(sg.datasets.load("eksempel-2013"), old_file)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in old_file.parent.iterdir()} == before  # no .tmp left
    assert sg.read(old_file) == old_map


KILLED_WRITER = """
import sys
import stratgraph as sg
from stratgraph.io import write
smap = sg.datasets.synthetic(20_000, seed=1)
print("ready", flush=True)
write(smap, sys.argv[1])
"""


@pytest.mark.parametrize("suffix", ["xlsx"])
def test_a_writer_killed_midway_leaves_the_old_file(tmp_path, suffix):
    path = tmp_path / f"kort.{suffix}"
    write(sg.datasets.load("eksempel-2012"), path)
    before = path.read_bytes()
    child = subprocess.Popen(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 60
    # Kill it once the temporary file beside the target has started to fill.
    while not any(p.name.endswith(".tmp") and p.stat().st_size > 0 for p in tmp_path.iterdir()):
        assert child.poll() is None, "the writer finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert sg.read(path) == sg.datasets.load("eksempel-2012")
