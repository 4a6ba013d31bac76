"""Files written together are all new or all old, and a file stratgraph did not write is kept.

A CSV map is up to three files (``NAME.csv`` and its ``links`` and ``indicators`` siblings) and a
report is a folder of them; each such set is switched in by one transaction recorded in a
manifest beside the files. The tests kill the writer at every step and fill the disk at several
sizes, and check that the reader then sees the complete old set or the complete new one.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
from typing import TYPE_CHECKING

import openpyxl
import pytest
from click.testing import CliRunner

import stratgraph as sg
from stratgraph.cli import main
from stratgraph.io import write
from stratgraph.io.csv import sibling

if TYPE_CHECKING:
    from pathlib import Path

SMALL_YAML = """\
name: plan
elements:
  - {id: V1, type: vision, title: Et godt liv}
  - {id: S1, type: strategi, title: Tidlig indsats, parents: [V1]}
  - {id: G1, type: effektmål, title: Færre anbringelser, parents: [S1]}
  - {id: A1, type: aftale, title: Familiehuset, parents: [G1], budget: 1200000}
  - {id: P1, type: projekt, title: Åbent hus, parents: [A1], budget: 350000}
links: []
"""


def small_map(tmp_path: Path, title: str = "Færre anbringelser") -> sg.StrategyMap:
    """A map with no link notes and no indicators: its CSV is one file."""
    source = tmp_path.with_name(f"{tmp_path.name}-source") / f"{len(title)}.yaml"
    source.parent.mkdir(exist_ok=True)
    source.write_text(SMALL_YAML.replace("Færre anbringelser", title), encoding="utf-8")
    return sg.read_yaml(source)


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# -- a sibling we did not write ----------------------------------------------------------------

USER_LINKS = "kilde;til;art;begrundelse\r\nS1;G1;hierarki;Brugerens egen note\r\n"


def test_csv_write_does_not_delete_a_links_file_it_did_not_write(tmp_path):
    theirs = tmp_path / "plan.links.csv"
    theirs.write_bytes(USER_LINKS.encode("cp1252"))
    with pytest.raises(FileExistsError, match=r"plan\.links\.csv.*overwrite=True"):
        small_map(tmp_path).to_csv(tmp_path / "plan.csv")
    assert theirs.read_bytes() == USER_LINKS.encode("cp1252")
    assert not (tmp_path / "plan.csv").exists()


def test_csv_write_does_not_replace_siblings_it_did_not_write(tmp_path):
    example = sg.datasets.load("eksempel-2013")  # has link notes and indicators
    mine = {part: f"my own {part} file\r\n".encode("cp1252") for part in ("links", "indicators")}
    for part, data in mine.items():
        sibling(tmp_path / "plan.csv", part).write_bytes(data)
    with pytest.raises(FileExistsError, match=r"plan\.links\.csv.*plan\.indicators\.csv"):
        example.to_csv(tmp_path / "plan.csv")
    assert files_in(tmp_path) == {f"plan.{part}.csv": data for part, data in mine.items()}


def test_csv_write_with_overwrite_replaces_and_removes_their_siblings(tmp_path):
    (tmp_path / "plan.links.csv").write_bytes(USER_LINKS.encode("cp1252"))
    smap = small_map(tmp_path)
    smap.to_csv(tmp_path / "plan.csv", overwrite=True)
    assert not (tmp_path / "plan.links.csv").exists()
    assert sg.read_csv(tmp_path / "plan.csv") == sg.read_csv(tmp_path / "plan.csv")
    assert list(sg.read_csv(tmp_path / "plan.csv")) == list(smap)


def test_an_edited_sibling_is_no_longer_ours(tmp_path):
    sg.datasets.load("eksempel-2013").to_csv(tmp_path / "plan.csv")
    links = tmp_path / "plan.links.csv"
    links.write_bytes(links.read_bytes() + b"S1,G1,hierarchy,added by hand,\r\n")
    with pytest.raises(FileExistsError, match=r"plan\.links\.csv.*changed since stratgraph wrote"):
        sg.datasets.load("eksempel-2012").to_csv(tmp_path / "plan.csv")


def test_our_own_stale_siblings_are_removed_with_the_new_set(tmp_path):
    sg.datasets.load("eksempel-2013").to_csv(tmp_path / "plan.csv")
    assert (tmp_path / "plan.indicators.csv").exists()
    smap = small_map(tmp_path)
    smap.to_csv(tmp_path / "plan.csv")
    assert sorted(files_in(tmp_path)) == [".plan.csv.stratgraph.json", "plan.csv"]
    assert list(sg.read_csv(tmp_path / "plan.csv")) == list(smap)


def test_convert_lists_every_file_it_wrote(tmp_path):
    target = tmp_path / "plan.csv"
    result = run("convert", sg.datasets.path("eksempel-2013"), target)
    assert result.exit_code == 0, result.output
    names = [target, *(sibling(target, part) for part in ("links", "indicators", "measurements"))]
    manifest = tmp_path / ".plan.csv.stratgraph.json"
    assert result.stdout.splitlines()[0] == (
        f"wrote {', '.join(str(p) for p in names)}, {manifest} (103 elements, 152 links)"
    )
    small = tmp_path / "small.yaml"
    small_map(tmp_path).to_yaml(small)
    result = run("convert", small, target)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {target}, {manifest} (5 elements, 4 links)",
        f"removed {names[1]}, {names[2]}, {names[3]} (this map needs none)",
    ]


def test_convert_stops_at_a_sibling_it_did_not_write_and_names_force(tmp_path):
    theirs = tmp_path / "plan.indicators.csv"
    theirs.write_bytes(b"element;navn\r\nG1;Antal\r\n")
    result = run("convert", sg.datasets.path("eksempel-2013"), tmp_path / "plan.csv")
    assert result.exit_code == 2
    assert "plan.indicators.csv" in result.stderr
    assert "--force" in result.stderr
    assert theirs.read_bytes() == b"element;navn\r\nG1;Antal\r\n"
    result = run("convert", sg.datasets.path("eksempel-2013"), tmp_path / "plan.csv", "--force")
    assert result.exit_code == 0, result.output
    reference = tmp_path.with_name(f"{tmp_path.name}-reference") / "plan.csv"
    reference.parent.mkdir()
    sg.read(sg.datasets.path("eksempel-2013")).to_csv(reference)
    assert sg.read_csv(tmp_path / "plan.csv") == sg.read_csv(reference)


# -- a workbook we did not write, and converting onto the input ---------------------------------


def users_workbook(path: Path) -> bytes:
    """A workbook as an analyst keeps it: Danish headers, and a sheet of formulas of their own."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "elementer"
    ws.append(["id", "type", "titel", "forælder", "budget"])
    ws.append(["S1", "strategi", "Tidlig indsats", None, None])
    ws.append(["G1", "effektmål", "Færre anbringelser", "S1", 1200000])
    calc = book.create_sheet("Budget 2024")
    calc.append(["I alt", "=SUM(elementer!E2:E3)"])
    book.save(path)
    return path.read_bytes()


def test_convert_onto_its_own_input_is_refused(tmp_path):
    path = tmp_path / "user.xlsx"
    before = users_workbook(path)
    result = run("convert", path, path)
    assert result.exit_code == 2
    assert "is the file being converted" in result.stderr
    assert "--force" in result.stderr
    assert path.read_bytes() == before


def test_to_excel_does_not_drop_sheets_formulas_or_headers_it_did_not_write(tmp_path):
    path = tmp_path / "user.xlsx"
    before = users_workbook(path)
    with pytest.warns(sg.ReadWarning, match="the sheet 'Budget 2024' is not read"):
        smap = sg.read_excel(path)
    with pytest.raises(FileExistsError, match="overwrite=True") as caught:
        smap.to_excel(path)
    message = str(caught.value)
    assert "sheet 'elementer'" in message
    assert "sheet 'Budget 2024'" in message
    assert path.read_bytes() == before
    smap.to_excel(path, overwrite=True)
    assert openpyxl.load_workbook(path).sheetnames == [
        *("elements", "links", "indicators", "measurements", "map")
    ]


def test_to_excel_counts_formulas_and_foreign_headers(tmp_path):
    path = tmp_path / "kort.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "elements"
    ws.append(["id", "type", "titel", "budget"])
    ws.append(["S1", "strategy", "Tidlig indsats", "=1000*12"])
    book.save(path)
    with pytest.warns(sg.ReadWarning, match="cell D2 holds a formula that was never computed"):
        smap = sg.read_excel(path)
    with pytest.raises(FileExistsError) as caught:
        smap.to_excel(path)
    assert "header 'titel' in sheet 'elements'" in str(caught.value)
    assert "1 formula in sheet 'elements'" in str(caught.value)


def test_to_excel_replaces_a_workbook_it_wrote_even_after_excel_edits_values(tmp_path):
    path = tmp_path / "kort.xlsx"
    sg.datasets.load("eksempel-2012").to_excel(path)
    book = openpyxl.load_workbook(path)
    book["elements"]["C2"] = "Et nyt navn"
    book.save(path)
    sg.datasets.load("eksempel-2013").to_excel(path)
    assert sg.read_excel(path) == sg.datasets.load("eksempel-2013")
    book = openpyxl.load_workbook(path)
    book.create_sheet("noter")
    book.save(path)
    with pytest.raises(FileExistsError, match="sheet 'noter'"):
        sg.datasets.load("eksempel-2012").to_excel(path)


# -- a missing folder --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["yaml", "json", "csv", "xlsx", "graphml", "mmd", "dot"])
def test_a_missing_folder_is_named_not_the_temporary_file(tmp_path, suffix):
    target = tmp_path / "nope" / f"kort.{suffix}"
    with pytest.raises(FileNotFoundError) as caught:
        write(sg.datasets.load("eksempel-2013"), target)
    assert (
        str(caught.value)
        == f"cannot write kort.{suffix}: the folder '{target.parent}/' does not exist"
    )
    assert not (tmp_path / "nope").exists()


def test_the_command_line_names_a_missing_folder(tmp_path):
    target = tmp_path / "nope" / "kort.csv"
    result = run("convert", sg.datasets.path("eksempel-2013"), target)
    assert result.exit_code == 2
    assert result.stderr == (
        f"stratgraph: error: cannot write kort.csv: the folder '{target.parent}/' does not exist\n"
    )
    result = run("plot", sg.datasets.path("eksempel-2013"), "-o", tmp_path / "nope" / "k.png")
    assert result.exit_code == 2
    assert ".tmp" not in result.stderr
    assert f"the folder '{target.parent}/' does not exist" in result.stderr


# -- the report folder -------------------------------------------------------------------------


def test_report_does_not_replace_files_it_did_not_write(tmp_path):
    out = tmp_path / "rapport"
    out.mkdir()
    (out / "report.html").write_text("<p>my own notes</p>", encoding="utf-8")
    (out / "figures").mkdir()
    (out / "figures" / "map.png").write_bytes(b"my own picture")
    before = files_in(out)
    with pytest.raises(FileExistsError, match=r"'report\.html', 'figures/map\.png'.*overwrite"):
        sg.write_report(sg.datasets.load("eksempel-2013"), out)
    assert files_in(out) == before
    result = run("report", sg.datasets.path("eksempel-2013"), "-o", out)
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert files_in(out) == before


def test_report_never_writes_over_its_input(tmp_path):
    out = tmp_path / "rapport"
    out.mkdir()
    source = out / "findings.xlsx"
    shutil.copyfile(sg.datasets.path("eksempel-2013"), source)
    before = files_in(out)
    for extra in ([], ["--force"]):
        result = run("report", source, "-o", out, *extra)
        assert result.exit_code == 2
        assert "never writes over its input" in result.stderr
        assert files_in(out) == before


def test_report_replaces_its_own_earlier_report_whole(tmp_path):
    out = tmp_path / "rapport"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    old, new = small_map(tmp_path, "Gammelt mål"), small_map(tmp_path, "Nyt mål")
    sg.write_report(new, out, compare=old)
    assert (out / "figures" / "diff.png").exists()
    written = sg.write_report(new, out)
    # Nothing in the small map is cross-cutting: that figure is left out, with a note.
    assert sorted(files_in(out)) == sorted(
        [".report.html.stratgraph.json", "notes.txt", "report.html", "findings.xlsx", "map.html"]
        + [f"figures/{n}.{e}" for n in ("map", "overload", "budget") for e in ("png", "pdf")]
    )
    assert written.figures["map"] == [out / "figures" / "map.png", out / "figures" / "map.pdf"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


# -- killed at every step, and a full disk -----------------------------------------------------

#: What the transaction calls to put files in place and flush them; the child dies at the k-th.
WATCHED = ("replace", "rename", "fsync", "unlink")
FORK = multiprocessing.get_context("fork")


def _child(job, kill_at: int | None, after: bool, fsize: int | None, report) -> None:
    """Run ``job`` (a write) in this forked child, killing it at the ``kill_at``-th watched call."""
    calls = 0
    for name in WATCHED:
        real = getattr(os, name)

        def watched(*args, _real=real, **kwargs):
            nonlocal calls
            calls += 1
            if calls == kill_at and not after:
                os.kill(os.getpid(), signal.SIGKILL)
            result = _real(*args, **kwargs)
            if calls == kill_at and after:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(os, name, watched)
    if fsize is not None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN if after else signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    try:
        job()
    except OSError:
        os._exit(3)  # the disk filled up: the write gave up
    report.send(calls)
    os._exit(0)


def run_killed(job, *, kill_at=None, after=False, fsize=None) -> tuple[int, int | None]:
    """Run ``job`` in a forked child; return its exit code and the watched calls it made."""
    mine, theirs = FORK.Pipe(duplex=False)
    child = FORK.Process(target=_child, args=(job, kill_at, after, fsize, theirs))
    child.start()
    theirs.close()
    child.join()
    try:
        calls = mine.recv() if mine.poll() else None
    except EOFError:  # killed before it could say
        calls = None
    mine.close()
    return child.exitcode, calls


def csv_states(tmp_path, old, new):
    """The old set written in a template folder, and the maps a reader gets from each set."""
    template = tmp_path / "old"
    template.mkdir()
    old.to_csv(template / "plan.csv", sep=";", decimal=",", encoding="cp1252")
    finished = tmp_path / "new"
    shutil.copytree(template, finished)
    new.to_csv(finished / "plan.csv", sep=";", decimal=",", encoding="cp1252")
    old_map, new_map = sg.read_csv(template / "plan.csv"), sg.read_csv(finished / "plan.csv")
    assert old_map != new_map
    return template, old_map, new_map


def check_reader_sees_old_or_new(folder: Path, old_map, new_map, seen: dict[str, int]) -> None:
    got = sg.read_csv(folder / "plan.csv")
    assert got in (old_map, new_map)
    seen["old" if got == old_map else "new"] += 1
    manifest = json.loads((folder / ".plan.csv.stratgraph.json").read_text(encoding="utf-8"))
    assert "pending" not in manifest  # the reader finished a cut-off write


CSV_CASES = {
    "siblings to siblings": ("eksempel-2012", "eksempel-2013"),
    "siblings to one file": ("eksempel-2013", None),
    "one file to siblings": (None, "eksempel-2012"),
}


def _case_maps(tmp_path, case):
    return [
        sg.datasets.load(name) if name else small_map(tmp_path, title=f"Mål {i}")
        for i, name in enumerate(CSV_CASES[case])
    ]


@pytest.mark.parametrize("case", CSV_CASES)
def test_a_csv_write_killed_at_every_step_leaves_the_old_set_or_the_new(tmp_path, case):
    old, new = _case_maps(tmp_path, case)
    template, old_map, new_map = csv_states(tmp_path, old, new)

    def job(folder):
        return lambda: new.to_csv(folder / "plan.csv", sep=";", decimal=",", encoding="cp1252")

    scratch = tmp_path / "scratch"
    shutil.copytree(template, scratch)
    exitcode, total = run_killed(job(scratch))
    assert (exitcode, sg.read_csv(scratch / "plan.csv")) == (0, new_map)
    assert total is not None
    assert total >= 10
    seen = {"old": 0, "new": 0}
    for after in (False, True):
        for k in range(1, total + 1):
            folder = tmp_path / f"killed-{k}-{after}"
            shutil.copytree(template, folder)
            exitcode, _ = run_killed(job(folder), kill_at=k, after=after)
            assert exitcode == -signal.SIGKILL
            check_reader_sees_old_or_new(folder, old_map, new_map, seen)
            new.to_csv(folder / "plan.csv", sep=";", decimal=",", encoding="cp1252")
            assert sg.read_csv(folder / "plan.csv") == new_map  # nothing left in the way
    assert seen["old"] > 0
    assert seen["new"] > 0
    assert seen["old"] + seen["new"] == 2 * total


@pytest.mark.parametrize("case", CSV_CASES)
def test_a_csv_write_on_a_full_disk_leaves_the_old_set_or_the_new(tmp_path, case):
    old, new = _case_maps(tmp_path, case)
    template, old_map, new_map = csv_states(tmp_path, old, new)
    sizes = sorted({len(b) for b in files_in(tmp_path / "new").values()})
    limits = sorted({0, 1, *(s - 1 for s in sizes), *(s // 2 for s in sizes), sizes[-1] + 1, 2**24})
    seen = {"old": 0, "new": 0}
    outcomes = set()
    for signalled in (False, True):  # SIGXFSZ kills the writer, or the write fails with EFBIG
        for limit in limits:
            folder = tmp_path / f"full-{limit}-{signalled}"
            shutil.copytree(template, folder)
            exitcode, _ = run_killed(
                lambda f=folder: new.to_csv(
                    f / "plan.csv", sep=";", decimal=",", encoding="cp1252"
                ),
                fsize=limit,
                after=not signalled,
            )
            outcomes.add(exitcode)
            check_reader_sees_old_or_new(folder, old_map, new_map, seen)
            if exitcode == 3:
                assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert outcomes == {0, 3, -signal.SIGXFSZ}
    assert seen["old"] > 0
    assert seen["new"] > 0


def test_a_csv_write_on_a_full_tmpfs_leaves_the_old_set_or_the_new(tmp_path):
    mount = tmp_path / "small-disk"
    mount.mkdir()
    tried = subprocess.run(  # noqa: S603 - a fixed command
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)],  # noqa: S607
        capture_output=True,
        check=False,
    )
    # The project's machines and CI run as root, where a small tmpfs is a real full disk.
    assert tried.returncode == 0, f"mounting a 400 KiB tmpfs needs root: {tried.stderr!r}"
    try:
        old, new = (sg.datasets.load(n) for n in ("eksempel-2012", "eksempel-2013"))
        template, old_map, new_map = csv_states(tmp_path, old, new)
        needed = sum(len(b) for b in files_in(tmp_path / "new").values())
        seen = {"old": 0, "new": 0}
        failed = 0
        for free in range(0, 2 * needed + 8192, 2048):
            shutil.rmtree(mount / "plan", ignore_errors=True)
            (mount / "filler").unlink(missing_ok=True)
            shutil.copytree(template, mount / "plan")
            usage = shutil.disk_usage(mount)
            with (mount / "filler").open("wb") as filler, contextlib.suppress(OSError):
                filler.write(b"\0" * max(usage.free - free, 0))
            try:
                new.to_csv(mount / "plan" / "plan.csv", sep=";", decimal=",", encoding="cp1252")
            except OSError:
                failed += 1
                assert not [p for p in (mount / "plan").iterdir() if p.name.endswith(".tmp")]
            (mount / "filler").unlink()
            check_reader_sees_old_or_new(mount / "plan", old_map, new_map, seen)
        assert failed > 0
        assert seen["old"] > 0
        assert seen["new"] > 0
    finally:
        subprocess.run(["umount", str(mount)], check=False)  # noqa: S603, S607


def report_parts(folder: Path) -> dict[str, bytes]:
    """The report's files in ``folder``: not its manifest, not a temporary file left by a kill."""
    return {n: b for n, b in files_in(folder).items() if not n.rsplit("/", 1)[-1].startswith(".")}


def _restore(folder: Path, snapshot: dict[str, bytes]) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(folder).as_posix() not in snapshot:
            path.unlink()
    for name, data in snapshot.items():
        (folder / name).write_bytes(data)


def _kill_each_step_from_the_first(job, folder: Path, check, report) -> None:
    """In a forked child: run ``job`` up to its first watched call, then fork a grandchild per
    kill point from there, each killed at its step, checking ``folder`` after each and putting
    it back as it was at the first call. Sends the list of ``check`` results (or errors).

    The costly part before the first call (drawing a report) is thus run once.
    """
    state = {"calls": 0, "kill_at": 0, "after": False, "forked": False}

    def coordinate() -> None:
        snapshot = files_in(folder)
        results: list[str] = []
        for after in (False, True):
            k = 1
            while k < 500:
                pid = os.fork()
                if pid == 0:
                    state.update(calls=1, kill_at=k, after=after)
                    return  # the grandchild carries on with the write
                _, status = os.waitpid(pid, 0)
                if not os.WIFSIGNALED(status):
                    results.append(f"finished after {k - 1} steps, exit {status}")
                    break
                try:
                    results.append(check())
                except Exception as err:  # noqa: BLE001 - sent to the test, which fails on it
                    results.append(f"error at step {k} ({after=}): {err!r}")
                _restore(folder, snapshot)
                k += 1
        report.send(results)
        os._exit(0)

    for name in WATCHED:
        real = getattr(os, name)

        def watched(*args, _real=real, **kwargs):
            state["calls"] += 1
            if not state["forked"]:
                state["forked"] = True
                coordinate()
            if state["calls"] == state["kill_at"] and not state["after"]:
                os.kill(os.getpid(), signal.SIGKILL)
            result = _real(*args, **kwargs)
            if state["calls"] == state["kill_at"] and state["after"]:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(os, name, watched)
    job()
    os._exit(0)


def test_a_report_killed_at_every_step_leaves_the_old_report_or_the_new(tmp_path):
    import hashlib  # noqa: PLC0415

    from stratgraph._atomic import settle  # noqa: PLC0415 - what the next write runs first

    old, new = small_map(tmp_path, "Gammelt mål"), small_map(tmp_path, "Nyt mål")
    folder = tmp_path / "rapport"
    sg.write_report(old, folder)
    old_parts = report_parts(folder)
    new_names = set(old_parts) | {"figures/diff.png", "figures/diff.pdf"}

    def check() -> str:
        recorded = settle(folder / "report.html")
        now = report_parts(folder)
        if now == old_parts:
            return "old"
        assert set(now) == new_names
        assert {n: hashlib.sha256(b).hexdigest() for n, b in now.items()} == recorded
        assert "Nyt mål" in now["report.html"].decode("utf-8")
        return "new"

    mine, theirs = FORK.Pipe(duplex=False)
    child = FORK.Process(
        target=_kill_each_step_from_the_first,
        args=(lambda: sg.write_report(new, folder, compare=old), folder, check, theirs),
    )
    child.start()
    theirs.close()
    child.join()
    results = mine.recv()
    assert child.exitcode == 0
    finished = [r for r in results if r.startswith("finished")]
    assert finished == [f"finished after {len(results) // 2 - 1} steps, exit 0"] * 2
    verdicts = [r for r in results if not r.startswith("finished")]
    assert set(verdicts) == {"old", "new"}, verdicts
    assert len(verdicts) >= 2 * 20


# -- a file of another set ---------------------------------------------------------------------


def test_a_csv_write_onto_another_sets_sibling_is_refused_naming_the_set(tmp_path):
    sg.datasets.load("eksempel-2013").to_csv(tmp_path / "plan.csv")
    before = files_in(tmp_path)
    with pytest.raises(FileExistsError, match=r"'plan\.links\.csv' is part of the set 'plan\.csv'"):
        small_map(tmp_path).to_csv(tmp_path / "plan.links.csv")
    assert files_in(tmp_path) == before
    assert len(sg.read_csv(tmp_path / "plan.csv").links) == 152
    small_map(tmp_path).to_csv(tmp_path / "plan.links.csv", overwrite=True)
    assert len(sg.read_csv(tmp_path / "plan.links.csv")) == 5


def test_a_sibling_name_of_a_csv_without_a_manifest_is_refused(tmp_path):
    (tmp_path / "plan.csv").write_bytes(b"id;type;titel\r\nV1;vision;Et godt liv\r\n")
    with pytest.raises(FileExistsError, match=r"'plan\.indicators\.csv' is part of the set 'plan"):
        small_map(tmp_path).to_csv(tmp_path / "plan.indicators.csv")
    assert sorted(files_in(tmp_path)) == ["plan.csv"]


def test_convert_onto_its_sources_sibling_is_refused(tmp_path):
    assert run("convert", sg.datasets.path("eksempel-2013"), tmp_path / "plan.csv").exit_code == 0
    before = files_in(tmp_path)
    result = run("convert", tmp_path / "plan.csv", tmp_path / "plan.links.csv")
    assert result.exit_code == 2
    assert "is a sibling file of" in result.stderr
    assert "--force" in result.stderr
    assert files_in(tmp_path) == before
    small = tmp_path.with_name(f"{tmp_path.name}-small") / "small.yaml"
    small.parent.mkdir()
    small_map(tmp_path).to_yaml(small)
    result = run("convert", small, tmp_path / "plan.links.csv")
    assert result.exit_code == 2
    assert "part of the set 'plan.csv'" in result.stderr
    assert "pass --force" in result.stderr
    assert "overwrite=True" not in result.stderr
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".graphml", ".mmd", ".dot", ".csv", ".xlsx"])
def test_write_takes_overwrite_for_every_format(tmp_path, suffix):
    smap = small_map(tmp_path)
    smap.write(tmp_path / f"plan{suffix}", overwrite=True)
    write(smap, tmp_path / f"plan{suffix}", overwrite=False)
    assert (tmp_path / f"plan{suffix}").stat().st_size > 0


def test_a_sibling_the_manifest_lists_but_is_gone_is_warned_about(tmp_path):
    sg.datasets.load("eksempel-2013").to_csv(tmp_path / "plan.csv")
    (tmp_path / "plan.measurements.csv").unlink()
    missing = r"plan\.measurements\.csv is missing.*without its measurements"
    with pytest.warns(sg.ReadWarning, match=missing):
        smap = sg.read_csv(tmp_path / "plan.csv")
    assert [w.location.file for w in smap.warnings] == ["plan.csv"]
    assert len(smap.links) == 152
    assert smap.measurements == ()


def test_siblings_without_a_manifest_are_said_to_have_no_record_and_the_cli_names_force(tmp_path):
    sg.datasets.load("eksempel-2013").to_csv(tmp_path / "plan.csv")
    (tmp_path / ".plan.csv.stratgraph.json").unlink()  # copied without the hidden file
    with pytest.raises(FileExistsError) as caught:
        small_map(tmp_path).to_csv(tmp_path / "plan.csv")
    assert str(caught.value) == (
        f"not writing plan.csv: in {tmp_path}{os.sep}, there is no record that stratgraph wrote "
        "'plan.links.csv', 'plan.indicators.csv', 'plan.measurements.csv' (the hidden manifest "
        ".plan.csv.stratgraph.json "
        "that would say so is missing); the write would replace or delete them. Move them away "
        "or write to another name, or pass overwrite=True (--force on the command line) to "
        "replace them"
    )
    (tmp_path / "plan.indicators.csv").unlink()
    (tmp_path / "plan.measurements.csv").unlink()
    result = run("convert", sg.datasets.path("eksempel-2013"), tmp_path / "plan.csv")
    assert result.exit_code == 2
    assert "wrote 'plan.links.csv' (the hidden" in result.stderr
    assert "would replace or delete it. Move it away" in result.stderr
    assert result.stderr.endswith("or pass --force to replace it\n")


def test_a_character_cp1252_cannot_write_is_named_with_its_element_and_field(tmp_path):
    smap = small_map(tmp_path, title="Mindre CO₂")
    with pytest.raises(ValueError, match="cp1252 cannot write") as caught:
        smap.to_csv(tmp_path / "plan.csv", sep=";", decimal=",", encoding="cp1252")
    assert str(caught.value) == (
        "the map holds '₂' in element 'G1', field 'title', which cp1252 cannot write; use "
        "encoding='utf-8' (Excel reads it with a BOM: 'utf-8-sig')"
    )
    assert files_in(tmp_path) == {}


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_links_entry_may_add_a_note_to_a_parents_link(tmp_path, suffix):
    doc = {
        "elements": [
            {"id": "S1", "type": "strategi", "title": "Tidlig indsats"},
            {"id": "G1", "type": "effektmål", "title": "Færre anbringelser", "parents": ["S1"]},
        ],
        "links": [{"source": "S1", "target": "G1", "note": "Tidlig indsats virker", "weight": 2}],
    }
    path = tmp_path / f"plan{suffix}"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (link,) = sg.read(path).links
    assert (link.source, link.target, link.kind.value) == ("S1", "G1", "hierarchy")
    assert (link.note, link.weight) == ("Tidlig indsats virker", 2)
    doc["links"].append({"source": "G1", "target": "S1", "kind": "tension"})
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(sg.ValidationError, match="two elements are linked at most once"):
        sg.read(path)
