"""`stratgraph report FOLDER`: the report on an atlas, through the real entry point."""

import subprocess
import sys
from importlib.resources import files

import pytest

ATLAS = files("stratgraph.datasets") / "data" / "eksempel-atlas"


def _run(*args, cwd):
    return subprocess.run(  # noqa: S603 - our own command line, with arguments of the test
        [sys.executable, "-m", "stratgraph.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
    )


def test_report_on_a_folder_writes_the_atlas_report_in_danish(tmp_path):
    out = tmp_path / "rapport"
    done = _run("report", str(ATLAS), "-o", str(out), "--lang", "da", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(out / "report.html")
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert [p for p in written if not p.startswith(".")] == [
        "figures/atlas.pdf",
        "figures/atlas.png",
        "figures/continuity.pdf",
        "figures/continuity.png",
        "report.html",
    ]
    page = (out / "report.html").read_text(encoding="utf-8")
    for heading in (
        "Rapport om styringskæden",
        "Dækning langs kæden, 2024",
        "Mål over årene",
        "Ens mål på tværs af organisationer, 2024",
        "Kæden som ét kort, 2024",
        "Gennemgang af det samlede kort, 2024",
    ):
        assert heading in page
    assert "<td>Staten:N4</td><td>Staten</td><td>Effektmål</td>" in page
    assert "<th>organisation</th><th>år</th><th>kode</th>" in page
    assert "2.024" not in page
    assert "&lt;NA&gt;" not in page


def test_a_second_report_replaces_the_first_and_a_stranger_file_stops_it(tmp_path):
    out = tmp_path / "rapport"
    assert _run("report", str(ATLAS), "-o", str(out), cwd=tmp_path).returncode == 0
    assert _run("report", str(ATLAS), "-o", str(out), cwd=tmp_path).returncode == 0
    other = tmp_path / "andet"
    other.mkdir()
    (other / "report.html").write_text("mine", encoding="utf-8")
    done = _run("report", str(ATLAS), "-o", str(other), cwd=tmp_path)
    assert done.returncode == 2
    assert "--force" in done.stderr
    assert (other / "report.html").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("option", [["--compare", "x.yaml"], ["--focus", "N1"]])
def test_options_of_a_single_map_are_refused_for_a_folder(tmp_path, option):
    done = _run("report", str(ATLAS), "-o", str(tmp_path / "r"), *option, cwd=tmp_path)
    assert done.returncode == 2
    assert (
        f"{option[0]} apply to the report on one map file, not to a folder of maps" in done.stderr
    )
    assert not (tmp_path / "r").exists()


def test_a_links_year_in_superscript_digits_is_reported_without_traceback(tmp_path):
    folder = tmp_path / "atlas"
    folder.mkdir()
    for path in ATLAS.iterdir():
        if path.is_file() and not path.name.startswith("."):
            (folder / path.name).write_bytes(path.read_bytes())
    links = folder / "links.csv"
    lines = links.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + ",2024¹"
    links.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _run("report", str(folder), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "links.csv, row 2, column 'year': '2024¹' is not a year" in done.stderr
