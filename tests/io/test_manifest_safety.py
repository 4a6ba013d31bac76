"""A manifest is data from the folder: it never reaches outside it; sets switch one at a time."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap

import pytest

import stratgraph as sg


@pytest.fixture
def written(tmp_path):
    folder = tmp_path / "modtaget"
    folder.mkdir()
    path = folder / "plan.csv"
    sg.datasets.load("eksempel-2013").to_csv(path)
    return path


def _forge(path, change):
    manifest = path.with_name(f".{path.name}.stratgraph.json")
    doc = json.loads(manifest.read_text(encoding="utf-8"))
    change(doc)
    manifest.write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize(
    "pending",
    [
        {"temps": {}, "remove": ["../offer.txt"]},
        {"temps": {}, "remove": ["/etc/offer.txt"]},
        {"temps": {"../offer.txt": ".x.tmp"}, "remove": []},
        {"temps": {"plan.csv": "../offer.txt"}, "remove": []},
    ],
)
def test_a_forged_manifest_never_removes_or_replaces_a_file_outside_its_folder(written, pending):
    victim = written.parent.parent / "offer.txt"
    victim.write_text("vigtigt", encoding="utf-8")
    _forge(written, lambda doc: doc.update(pending=pending))
    with pytest.raises(sg.ReadError, match="is not a stratgraph manifest"):
        sg.read_csv(written)
    assert victim.read_text(encoding="utf-8") == "vigtigt"


def test_a_manifest_claiming_a_file_outside_the_folder_is_refused_before_a_write(written):
    victim = written.parent.parent / "speciale.docx"
    victim.write_bytes(b"mit speciale")
    digest = hashlib.sha256(b"mit speciale").hexdigest()
    _forge(written, lambda doc: doc["files"].update({"../speciale.docx": digest}))
    with pytest.raises(sg.ReadError, match="is not a stratgraph manifest"):
        sg.datasets.load("eksempel-2012").to_csv(written)
    assert victim.read_bytes() == b"mit speciale"


def test_a_manifest_that_is_a_fifo_is_refused_not_waited_on(written):
    manifest = written.with_name(f".{written.name}.stratgraph.json")
    manifest.unlink()
    os.mkfifo(manifest)
    with pytest.raises(sg.ReadError, match="small regular file"):
        sg.read_csv(written)


WRITER = textwrap.dedent(
    """
    import sys
    import stratgraph as sg
    maps = [sg.datasets.load("eksempel-2012"), sg.datasets.load("eksempel-2013")]
    for k in range(int(sys.argv[2])):
        maps[k % 2].to_csv(sys.argv[1])
    """
)


def _as_csv(tmp_path):
    """The two maps as a CSV reader gives them back (a CSV file holds no map name)."""
    found = []
    for name in ("eksempel-2012", "eksempel-2013"):
        path = tmp_path / name / "plan.csv"
        path.parent.mkdir()
        sg.datasets.load(name).to_csv(path)
        found.append(sg.read_csv(path))
    return found


def test_a_reader_beside_a_writer_sees_a_whole_set(written, tmp_path):
    old, new = _as_csv(tmp_path)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(written), "40"])  # noqa: S603
    seen = 0
    try:
        while writer.poll() is None:
            smap = sg.read_csv(written)
            assert smap in (old, new)
            seen += 1
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0
    assert sg.read_csv(written) in (old, new)
    assert not list(written.parent.glob(".*.tmp"))
    assert seen > 0


def test_two_writers_take_turns(written, tmp_path):
    args = [sys.executable, "-c", WRITER, str(written), "15"]
    writers = [subprocess.Popen(args) for _ in range(2)]  # noqa: S603
    assert [w.wait(timeout=300) for w in writers] == [0, 0]
    old, new = _as_csv(tmp_path)
    assert sg.read_csv(written) in (old, new)


def test_a_folder_where_a_sibling_goes_is_never_advised_away_with_overwrite(tmp_path):
    m = sg.datasets.load("eksempel-2013")
    (tmp_path / "x.measurements.csv").mkdir()
    with pytest.raises(FileExistsError) as caught:
        m.to_csv(tmp_path / "x.csv")
    assert "x.measurements.csv/ (a folder)" in str(caught.value)
    assert "overwrite=True to replace" not in str(caught.value)
    assert "a folder is never replaced, not even with overwrite=True" in str(caught.value)
    with pytest.raises(FileExistsError, match="is in the way; move it away"):
        m.to_csv(tmp_path / "x.csv", overwrite=True)
    assert (tmp_path / "x.measurements.csv").is_dir()
    assert not (tmp_path / "x.csv").exists()
