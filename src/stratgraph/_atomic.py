"""Atomic writes: a file is replaced whole or not at all; files written together switch together.

One file
    :func:`atomic_path` writes to a temporary file beside the target, flushes it to disk
    (``fsync``) and renames it over the target in one step (``os.replace``). A crash or a full disk
    leaves the old file; at most a ``.NAME.*.tmp`` file is left beside it, which is safe to delete.

Several files (a CSV map and its siblings, a report folder)
    :func:`write_set` makes them one transaction, recorded in a small JSON manifest beside them,
    ``.ANCHOR.stratgraph.json`` (``ANCHOR`` is the main file: ``plan.csv``, ``report.html``).
    The manifest names every file of the set and its SHA-256. The steps:

    1. every new part is written to a temporary file beside its target and flushed to disk;
    2. the manifest is rewritten (atomically, as one file) in the *pending* state: the new parts
       with their hashes and temporary names, and the files of the old set to remove. This rename
       is the commit point: before it every reader sees the old set, after it the new one;
    3. each stale file of ours is removed and each temporary file is renamed over its target,
       the main file last (so a program that opens only the main file, a browser showing the
       report, sees it whole: old, or new with every other part new);
    4. the manifest is rewritten in the *committed* state.

    A reader calls :func:`settle` first. A pending manifest means a write was cut off after its
    commit point: the reader finishes it (rolls forward) from the kept temporary files, checking
    each against its hash, and only then reads. A crash at any point therefore leaves a reader
    the complete old set or the complete new one, never a mix. A part that matches neither its
    temporary file nor its hash stops the reader with an error that names it.

    The manifest is also how a writer knows which files are its own: a file at a name the set
    writes (or would remove) is replaced only if the manifest lists it with the hash it has now.
    Anything else, a file that was there before or that someone edited since, stops the write
    with an error naming it, unless the caller passes ``overwrite=True`` (``--force``).

A manifest is data from the folder, not ours to trust: it is read only if it is a small regular
file, and every name in it must be a plain name inside the folder (no ``..``, no absolute path),
else it is refused before anything is renamed or removed. Readers and writers of a set take a
lock on its folder (``flock``, where the system has it) while they settle, read or write, so
that a reader never sees a set another process is switching, and two writers take turns.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stratgraph.exceptions import ReadError, WriteError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from stratgraph._util import StrPath

__all__ = [
    "Written",
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_folder",
    "check_other_sets",
    "check_ownership",
    "locked",
    "manifest_path",
    "owned_files",
    "settle",
    "write_set",
]

_FORMAT = "stratgraph-files"
_VERSION = 1
#: The largest manifest read: far above what a report with hundreds of figures records.
_MAX_MANIFEST = 1 << 20
#: A part's name: folders and a file, each a plain name (no "..", nothing absolute).
_PART = re.compile(r"(?:[^/\\\x00]+/)*[^/\\\x00]+")
#: A kept temporary file: a hidden name beside its target, ending in .tmp.
_TEMP = re.compile(r"\.[^/\\\x00]+\.tmp")


@contextlib.contextmanager
def locked(anchor: StrPath) -> Iterator[None]:
    """Hold the lock of the folder of ``anchor`` (``flock``) for the block; none where unsupported.

    Whoever settles, reads or writes a set of files holds it, so that a write is never seen
    half-switched by another process and two writers take turns.
    """
    try:
        import fcntl  # noqa: PLC0415 - POSIX only: elsewhere the block runs unlocked
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    folder = Path(anchor).parent
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a missing folder: the read or write names it itself
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor lets go of the lock


_SUFFIX = ".stratgraph.json"

#: The end of every refusal to replace a file; the command line puts its own option in.
OVERWRITE_HINT = "pass overwrite=True (--force on the command line)"


def check_folder(path: StrPath) -> None:
    """Raise ``FileNotFoundError``, naming the folder, when the folder of ``path`` is missing."""
    folder = Path(path).parent
    if not folder.is_dir():
        shown = f"{folder}{os.sep}" if str(folder) != os.sep else str(folder)
        what = "is not a folder" if folder.exists() else "does not exist"
        msg = f"cannot write {Path(path).name}: the folder '{shown}' {what}"
        raise FileNotFoundError(msg)


@contextlib.contextmanager
def atomic_path(path: StrPath) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one step.

    If the block raises, the temporary file is removed and ``path`` is left as it was. The new
    file keeps the permission bits of the file it replaces.
    """
    target = Path(path)
    tmp: Path | None = None
    try:
        tmp = _temp_beside(target)  # a folder that cannot be written fails here already
        yield tmp
        _flush(tmp, target)
        tmp.replace(target)  # os.replace: one step
    except BaseException as err:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        _raise_write_error(err, target)
        raise
    _sync_folder(target.parent)


def _raise_write_error(err: BaseException, target: Path) -> None:
    """Raise a :class:`WriteError` naming ``target`` for a disk that is full or not writable."""
    reason = _system_reason(err)
    if reason is not None:
        msg = f"{target.name} cannot be written ({reason}); nothing was written"
        raise WriteError(msg) from err


def _system_reason(err: BaseException) -> str | None:
    """Return the system's words for an error writing a file, or ``None`` if it is not one.

    openpyxl writes through lxml when lxml is installed, and lxml reports a failed write as
    ``SerialisationError("IO_EFBIG")`` rather than an ``OSError``: its errno name is read back.
    """
    if isinstance(err, WriteError):
        return None
    # Ours (check_folder, a refusal to overwrite) name no file; the system's do.
    if isinstance(err, FileExistsError | FileNotFoundError) and err.filename is None:
        return None
    if isinstance(err, OSError):
        return err.strerror or str(err)
    if type(err).__name__ == "SerialisationError" and str(err).startswith("IO_"):
        number = getattr(errno, str(err).removeprefix("IO_"), None)
        return os.strerror(number) if isinstance(number, int) else str(err)
    return None


def _temp_beside(target: Path) -> Path:
    check_folder(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(tmp_name)


def _flush(tmp: Path, target: Path) -> None:
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    tmp.chmod(_mode_for(target))


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames) to disk, where the system allows it."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:  # Windows opens no folders; its renames are durable on their own
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        # mkstemp makes 0600 files; a new file should get what open() would give it.
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_bytes(path: StrPath, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(path: StrPath, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, encoded with ``encoding``."""
    atomic_write_bytes(path, text.encode(encoding))


# -- sets of files ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """The files a :func:`write_set` wrote and removed, and its manifest."""

    files: list[Path]
    removed: list[Path] = field(default_factory=list)
    manifest: Path | None = None


def manifest_path(anchor: StrPath) -> Path:
    """Return the manifest of the set whose main file is ``anchor``."""
    path = Path(anchor)
    return path.with_name(f".{path.name}{_SUFFIX}")


def other_sets_holding(anchor: StrPath, names: Iterable[str]) -> dict[str, str]:
    """Return which of ``names`` another set in the anchor's folder lists as its part.

    The result maps each such name to the main file of the set that holds it. Only the folder's
    manifests are read (one listing of the folder), not the files.
    """
    path = Path(anchor)
    wanted = set(names)
    found: dict[str, str] = {}
    for manifest in sorted(path.parent.glob(f".*{_SUFFIX}")):
        other = manifest.name[1 : -len(_SUFFIX)]
        if other == path.name:
            continue
        try:
            doc = _load(manifest)
        except (ReadError, OSError):
            continue
        for name in doc["files"] if doc is not None else ():
            if name in wanted and name != other:
                found.setdefault(name, other)
    return found


def check_other_sets(
    anchor: StrPath,
    names: Iterable[str],
    *,
    guessed: Mapping[str, str] | None = None,
    overwrite: bool = False,
) -> None:
    """Refuse to write a file that belongs to another set in the folder, naming that set.

    ``guessed`` maps names to the main file of a set they would belong to by name alone (a
    ``X.links.csv`` beside an ``X.csv`` without a manifest).

    Raises
    ------
    FileExistsError
        If one of ``names`` is a part of another set, unless ``overwrite``.
    """
    if overwrite:
        return
    taken = {**(guessed or {}), **other_sets_holding(anchor, names)}
    if not taken:
        return
    folder = Path(anchor).parent
    clauses = [
        f"'{name}' is part of the set '{other}'"
        + (
            f" (listed in {manifest_path(folder / other).name})"
            if manifest_path(folder / other).exists()
            else f" (its {name.split('.')[-2]} file by name)"
        )
        for name, other in taken.items()
    ]
    sets = _listed(list(dict.fromkeys(taken.values())))
    msg = (
        f"not writing {Path(anchor).name}: in {folder}{os.sep}, {'; '.join(clauses)}; the write "
        f"would change what {sets} reads. Write to another name, or {OVERWRITE_HINT} to "
        "replace it"
    )
    raise FileExistsError(msg)


def _digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return None


def _load(manifest: Path) -> dict[str, Any] | None:
    try:
        info = manifest.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_MANIFEST:
        msg = (
            f"{manifest.name}: is not a stratgraph manifest (it must be a small regular file "
            "recording which files stratgraph wrote together); delete it to take the files "
            "beside it as they are"
        )
        raise ReadError(msg)
    try:
        doc = json.loads(manifest.read_bytes().decode("utf-8"))
    except (ValueError, RecursionError):
        doc = None
    if (
        not isinstance(doc, dict)
        or doc.get("format") != _FORMAT
        or not isinstance(doc.get("files"), dict)
        or not _names_are_plain(doc)
    ):
        msg = (
            f"{manifest.name}: is not a stratgraph manifest (it records which files stratgraph "
            "wrote together); delete it to take the files beside it as they are"
        )
        raise ReadError(msg)
    return doc


def _names_are_plain(doc: Mapping[str, Any]) -> bool:
    """Whether every name the manifest gives is a plain name inside its folder."""

    def part(name: object) -> bool:
        return (
            isinstance(name, str)
            and _PART.fullmatch(name) is not None
            and all(p not in (".", "..") for p in name.split("/"))
        )

    files, pending = doc["files"], doc.get("pending")
    if not all(part(n) and isinstance(h, str) for n, h in files.items()):
        return False
    if pending is None:
        return True
    if not isinstance(pending, dict):
        return False
    remove, temps = pending.get("remove"), pending.get("temps")
    return (
        isinstance(remove, list)
        and all(part(n) for n in remove)
        and isinstance(temps, dict)
        and all(
            part(n) and n in files and isinstance(t, str) and _TEMP.fullmatch(t) is not None
            for n, t in temps.items()
        )
    )


def _where(folder: Path, name: str) -> Path:
    return folder.joinpath(*name.split("/"))


def settle(anchor: StrPath) -> dict[str, str]:
    """Finish a write of the set at ``anchor`` that was cut off after its commit point.

    Returns the files the manifest records (name relative to the anchor's folder → SHA-256),
    empty when there is no manifest.

    Raises
    ------
    ReadError
        If a part of a cut-off write is neither kept in its temporary file nor in place.
    """
    manifest = manifest_path(anchor)
    doc = _load(manifest)
    if doc is None:
        return {}
    files: dict[str, str] = doc["files"]
    pending = doc.get("pending")
    if pending is None:
        return files
    folder = manifest.parent
    for name in pending["remove"]:
        _where(folder, name).unlink(missing_ok=True)
    for name, temp in pending["temps"].items():  # the main file last
        target = _where(folder, name)
        kept = target.with_name(temp)
        if _digest(kept) == files[name]:
            with contextlib.suppress(FileNotFoundError):  # already in place
                kept.replace(target)
        elif _digest(target) != files[name]:
            msg = (
                f"{target.name}: a write of {Path(anchor).name} was cut off and this file is "
                f"neither the old one nor the new one ({manifest.name} records its hash); "
                f"write {Path(anchor).name} again, or delete {manifest.name} to take the "
                "files as they are"
            )
            raise ReadError(msg)
    for sub in {_where(folder, n).parent for n in files} | {folder}:
        _sync_folder(sub)
    _write_manifest(manifest, {"format": _FORMAT, "version": _VERSION, "files": files})
    return files


def owned_files(anchor: StrPath) -> list[Path]:
    """Return the files of the set at ``anchor`` by its manifest; ``[anchor]`` without one."""
    folder = Path(anchor).parent
    with locked(anchor):
        files = settle(anchor)
    return [_where(folder, n) for n in files] if files else [Path(anchor)]


def _write_manifest(manifest: Path, doc: Mapping[str, Any]) -> None:
    atomic_write_text(manifest, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


def check_ownership(
    anchor: StrPath,
    names: Iterable[str],
    *,
    managed: Iterable[str] = (),
    named: Iterable[str] = (),
    overwrite: bool = False,
) -> tuple[dict[str, str], list[str]]:
    """Check that the set at ``anchor`` may write ``names``; return its manifest and what to remove.

    ``names`` are the parts to write (relative to the anchor's folder), ``managed`` names the set
    may hold that must go when not written (a reader would take them for parts), ``named`` the
    parts the caller asked for by name (replaced even when not ours).

    Raises
    ------
    FileExistsError
        If a file would be replaced or removed that the manifest does not list with its present
        hash, naming each such file, unless ``overwrite``.
    """
    folder = Path(anchor).parent
    owned = settle(anchor)
    wanted = list(dict.fromkeys(names))
    keep = set(named)
    remove = [n for n in dict.fromkeys([*owned, *managed]) if n not in wanted]
    remove = [n for n in remove if _where(folder, n).exists()]
    conflicts: list[str] = []
    edited: list[str] = []
    for name in [*(n for n in wanted if n not in keep), *remove]:
        path = _where(folder, name)
        if not path.exists():
            continue
        if path.is_dir():
            conflicts.append(f"{name}/ (a folder)")
        elif name not in owned:
            conflicts.append(name)
        elif _digest(path) != owned[name]:
            edited.append(name)
    if (conflicts or edited) and not overwrite:
        parts = []
        if conflicts and not owned:
            parts.append(
                f"there is no record that stratgraph wrote {_listed(conflicts)} (the hidden "
                f"manifest {manifest_path(anchor).name} that would say so is missing)"
            )
        elif conflicts:
            parts.append(
                f"{_listed(conflicts)} {_be(conflicts)} not among the files stratgraph wrote "
                f"as {Path(anchor).name} ({manifest_path(anchor).name} lists them)"
            )
        if edited:
            parts.append(
                f"{_listed(edited)} {_be(edited, 'has', 'have')} changed since stratgraph wrote "
                f"{_be(edited, 'it', 'them')}"
            )
        folders = [n for n in conflicts if n.endswith(" (a folder)")]
        advice = (
            f"or {OVERWRITE_HINT} to replace {_be([*conflicts, *edited], 'it', 'them')}"
            if not folders
            else "as a folder is never replaced, not even with overwrite=True"
        )
        msg = (
            f"not writing {Path(anchor).name}: in {folder}{os.sep}, {' and '.join(parts)}; "
            f"the write would replace or delete {_be([*conflicts, *edited], 'it', 'them')}. "
            f"Move {_be([*conflicts, *edited], 'it', 'them')} away or write to another name, "
            f"{advice}"
        )
        raise FileExistsError(msg)
    if any(n.endswith(" (a folder)") for n in conflicts):
        msg = (
            f"not writing {Path(anchor).name}: {_listed(conflicts)} is in the way; move it away "
            "or write to another name (a folder is never replaced)"
        )
        raise FileExistsError(msg)
    return owned, remove


def _listed(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def _be(names: list[str], one: str = "is", many: str = "are") -> str:
    return one if len(names) == 1 else many


def write_set(
    anchor: StrPath,
    parts: Mapping[str, bytes],
    *,
    managed: Iterable[str] = (),
    named: Iterable[str] = (),
    overwrite: bool = False,
) -> Written:
    """Write ``parts`` (name relative to the anchor's folder → bytes) as one transaction.

    See the module's description for the steps. Files of the old set (or ``managed`` names) that
    the new set does not hold are removed in the same transaction.

    Raises
    ------
    FileExistsError
        As :func:`check_ownership`; nothing is written then.
    FileNotFoundError
        If a folder a part goes into does not exist.
    """
    with locked(anchor):
        return _write_set(anchor, parts, managed=managed, named=named, overwrite=overwrite)


def _write_set(
    anchor: StrPath,
    parts: Mapping[str, bytes],
    *,
    managed: Iterable[str],
    named: Iterable[str],
    overwrite: bool,
) -> Written:
    anchor_path = Path(anchor)
    folder = anchor_path.parent
    _owned, remove = check_ownership(
        anchor, parts, managed=managed, named=named, overwrite=overwrite
    )
    # The main file goes in last: whoever opens it without checking the manifest sees a whole
    # old or a whole new main file, and a new main file means the other parts are new as well.
    order = sorted(parts, key=lambda n: n == anchor_path.name)
    temps: dict[str, Path] = {}
    try:
        for name in order:
            data = parts[name]
            target = _where(folder, name)
            tmp = _temp_beside(target)
            temps[name] = tmp
            tmp.write_bytes(data)
            _flush(tmp, target)
        hashes = {name: hashlib.sha256(data).hexdigest() for name, data in parts.items()}
        manifest = manifest_path(anchor)
        pending = {
            "format": _FORMAT,
            "version": _VERSION,
            "files": hashes,
            "pending": {"temps": {n: t.name for n, t in temps.items()}, "remove": remove},
        }
        _write_manifest(manifest, pending)  # the commit point
    except BaseException as err:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        _raise_write_error(err, anchor_path)
        raise
    settle(anchor)
    return Written(
        files=[_where(folder, n) for n in parts],
        removed=[_where(folder, n) for n in remove],
        manifest=manifest,
    )
