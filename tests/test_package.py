import subprocess
import sys
import types
from pathlib import Path

import pytest

import stratgraph as sg
from stratgraph.plotting import LAZY


def test_import_does_not_pull_in_matplotlib_or_a_cli_library():
    code = (
        "import sys, stratgraph\n"
        "heavy = [m for m in ('matplotlib', 'click', 'typer', 'openpyxl') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(  # noqa: S603 - runs this interpreter on a fixed snippet
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_all_lists_exactly_the_public_names():
    public = {
        name
        for name, value in vars(sg).items()
        if not name.startswith("_")
        and not (isinstance(value, types.ModuleType) and name != "datasets")
        and name != "annotations"
    }
    # The plotting names load lazily: in the namespace only once used.
    assert set(sg.__all__) == public | set(LAZY) | {"__version__"}
    for name in sg.__all__:
        assert hasattr(sg, name), name
    assert set(LAZY) <= set(dir(sg))


def test_plotting_names_load_matplotlib_only_when_used():
    code = (
        "import sys, stratgraph as sg\n"
        "m = sg.datasets.load('eksempel-2013')\n"
        "sg.count_crossings(m, sg.layered_layout(m))\n"
        "print('matplotlib' in sys.modules)\n"
        "print(sg.plot_map.__module__, sg.memo_style.__module__)\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run(  # noqa: S603 - runs this interpreter on a fixed snippet
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [
        "False",
        "stratgraph.plotting.maps",
        "stratgraph.plotting.style",
        "True",
    ]


def test_an_unknown_name_is_still_an_attribute_error():
    with pytest.raises(AttributeError, match="plot_nothing"):
        sg.plot_nothing  # noqa: B018 - the lookup is the test


def test_all_has_no_duplicates():
    assert len(sg.__all__) == len(set(sg.__all__))


def test_error_tree_inherits_the_natural_builtins():
    assert issubclass(sg.ValidationError, sg.StratgraphError)
    assert issubclass(sg.ValidationError, ValueError)
    assert issubclass(sg.UnknownElementError, KeyError)
    assert issubclass(sg.UnknownFormatError, ValueError)
    assert issubclass(sg.ReadError, ValueError)
    assert issubclass(sg.SchemaError, ValueError)


def test_every_reader_of_io_is_exported_and_documented():
    # A new format's reader is in sg.io's table, in sg.io.__all__, in sg and its __all__, and on
    # the reference page; a reader left out of any of them is found here.
    page = (Path(__file__).parent.parent / "docs" / "reference" / "io.md").read_text("utf-8")
    readers = {f.reader.__name__ for f in sg.io.FORMATS.values() if f.reader is not None}
    readers |= {name for name in vars(sg.io) if name.startswith(("read", "from_"))}
    assert {"read", "read_archimate", "from_frames"} <= readers
    for name in sorted(readers):
        assert name in sg.io.__all__, name
        assert getattr(sg, name) is getattr(sg.io, name), name
        assert name in sg.__all__, name
        assert f"\n::: stratgraph.{name}\n" in page, name
