import os
import threading

import pytest

import stratgraph as sg

READERS = [sg.read_csv, sg.read_excel, sg.read_yaml, sg.read_json, sg.read_graphml]


@pytest.mark.parametrize("reader", READERS)
def test_a_fifo_named_like_a_map_is_refused_not_waited_on(tmp_path, reader):
    path = tmp_path / "kort.csv"
    os.mkfifo(path)
    # Were the reader to open the FIFO, it would wait for a writer: this one lets it go.
    unblock = threading.Timer(5, lambda: open(path, "wb").close())  # noqa: PTH123
    unblock.start()
    try:
        with pytest.raises(
            sg.ReadError, match=r"kort\.csv is a FIFO \(named pipe\), not a regular"
        ):
            reader(path)
    finally:
        unblock.cancel()


@pytest.mark.parametrize("reader", [*READERS, sg.read])
def test_a_device_is_refused(reader):
    with pytest.raises(sg.ReadError, match="zero is a device or other special file, not a regular"):
        reader("/dev/zero", format="csv") if reader is sg.read else reader("/dev/zero")


@pytest.mark.parametrize("reader", READERS)
def test_a_folder_is_refused(tmp_path, reader):
    folder = tmp_path / "kort.yaml"
    folder.mkdir()
    with pytest.raises(sg.ReadError, match=r"kort\.yaml is a folder, not a file"):
        reader(folder)


def test_a_file_over_the_limit_is_refused_unless_the_limit_is_raised(tmp_path, monkeypatch):
    path = tmp_path / "kort.csv"
    path.write_bytes(b"id;type;title;parents\r\nS1;strategy;\xd8konomi;\r\n")
    size = path.stat().st_size
    monkeypatch.setenv("STRATGRAPH_MAX_BYTES", str(size - 1))
    message = f"kort.csv is {size:,} bytes, more than the limit of {size - 1:,} bytes"
    with pytest.raises(sg.ReadError, match=message):
        sg.read_csv(path)
    with pytest.raises(sg.ReadError, match=message):
        sg.read(path)
    assert sg.read(path, max_bytes=size)["S1"].title == "Økonomi"
    monkeypatch.setenv("STRATGRAPH_MAX_BYTES", str(size))
    assert sg.read_csv(path)["S1"].title == "Økonomi"


def test_a_limit_that_is_no_number_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "kort.csv"
    path.write_bytes(b"id;type;title;parents\r\nS1;strategy;a;\r\n")
    monkeypatch.setenv("STRATGRAPH_MAX_BYTES", "1 GB")
    with pytest.raises(sg.ReadError, match="STRATGRAPH_MAX_BYTES='1 GB' is not a whole number"):
        sg.read_csv(path)
    with pytest.raises(
        sg.OptionError,
        match=r"^max_bytes=-1 is not valid; give a whole number of 0 or more, or None \(the def",
    ):
        sg.read(path, max_bytes=-1)
