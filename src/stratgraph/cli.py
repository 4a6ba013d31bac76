"""The ``stratgraph`` command: report, audit, validate, plot, convert, diff and example.

Exit codes: 0 when all is well, 1 when an audit's findings reach ``--fail-on``, 2 for bad input or
usage. Bad input gives one message naming its place, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import inspect
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

import stratgraph as sg
from stratgraph._atomic import OVERWRITE_HINT, atomic_path, manifest_path, owned_files
from stratgraph._cells import neutralise
from stratgraph._language import problem_text, text
from stratgraph._readnotes import in_file_order
from stratgraph.exceptions import ReadWarning, StratgraphError, UnknownFormatError
from stratgraph.io import FORMATS, format_of
from stratgraph.io.csv import sibling
from stratgraph.plotting import figure_of
from stratgraph.report import REPORT_FILES, write_report
from stratgraph.views import warn_focus_left_out

if TYPE_CHECKING:
    from stratgraph._options import BundledMap, ColorBy, Language

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])

_SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


#: The longest line of a message shown; a value of megabytes is cut, not echoed whole.
_LONGEST_LINE = 1000


def _counted(n: int, noun: str, lang: Language) -> str:
    """``1 link``, ``2 links``; ``1 relation``, ``2 relationer``."""
    return text(f"cli.{noun}" if n == 1 else f"cli.{noun}s", lang, n=n)


def _fail(message: str, lang: Language = "en") -> None:
    """Show ``message`` as one ``stratgraph: error:`` message (``fejl`` in Danish); exit 2."""
    lines = [
        line if len(line) <= _LONGEST_LINE else line[: _LONGEST_LINE - 1] + "…"
        for line in message.splitlines() or [""]
    ]
    click.echo(text("cli.error", lang, message="\n".join(lines)), err=True)
    sys.exit(2)


def _closed_pipe() -> None:
    """Leave quietly when the reader of stdout has gone (``stratgraph diff … | head``).

    Python would complain again when it flushes stdout at exit; stdout is pointed at the null
    device first, as Python's documentation on SIGPIPE advises.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):  # a test runner's stdout has no descriptor
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


def _is_closed_pipe(err: BaseException) -> bool:
    return isinstance(err, BrokenPipeError) or (
        isinstance(err, OSError) and err.errno == errno.EPIPE
    )


class _Group(click.Group):
    """Click's group, but a usage error is one ``stratgraph: error:`` line, as bad input is."""

    def main(  # type: ignore[override] # the same call, with click's standalone handling ours
        self, args: Any = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        if not extra.pop("standalone_mode", True):
            return super().main(args, prog_name, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except BrokenPipeError:
            _closed_pipe()
        except click.UsageError as err:
            # The program's own name, not the name a test runner or a wrapper gave it.
            # The subcommand's path below the root, whatever the root was called
            # ('python -m stratgraph', a test runner's name).
            path = []
            if err.ctx is not None:
                root = err.ctx.find_root().command_path
                path = err.ctx.command_path.removeprefix(root).split()
            where = " ".join(["stratgraph", *path])
            message = " ".join(err.format_message().split())
            click.echo(f"stratgraph: error: {message} (see '{where} --help')", err=True)
            sys.exit(err.exit_code)
        except click.ClickException as err:
            _fail(" ".join(err.format_message().split()))
        except click.Abort:
            click.echo("stratgraph: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _friendly(func: F) -> F:
    """Turn every expected failure into one message on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang = kwargs.get("lang", "en")
        fail = functools.partial(_fail, lang=lang)
        try:
            return func(*args, **kwargs)
        except UnknownFormatError as err:
            # the command line names formats by extension only: it has no format= to pass
            _fail(re.sub(r", or pass format= \(one of [^)]*\)", "", str(err)))
        except StratgraphError as err:
            fail(str(err))
        except FileNotFoundError as err:
            fail(f"no such file: {err.filename}" if err.filename else str(err))
        except IsADirectoryError as err:
            fail(f"{err.filename} is a folder, not a file")
        except PermissionError as err:
            fail(f"permission denied: {err.filename or err}")
        except FileExistsError as err:  # the Python hint names overwrite=True; here it is --force
            fail(str(err).replace(OVERWRITE_HINT, "pass --force"))
        except OSError as err:
            if _is_closed_pipe(err):
                raise BrokenPipeError from err
            fail(str(err))
        except MemoryError:
            fail(
                "ran out of memory; the file is far bigger than a strategy map, or damaged "
                "(nothing was written)"
            )
        except RecursionError:
            fail("the input is nested too deeply to be a strategy map (nothing was written)")
        return None

    return wrapper  # type: ignore[return-value] # functools.wraps keeps the signature


class _Steps:
    """Advance a progress bar by one named step; :meth:`add` counts a step known only later."""

    def __init__(self, bar: Any = None) -> None:
        self._bar = bar

    def __call__(self, step: str) -> None:
        if self._bar is not None:
            self._bar.update(1, step)

    def add(self) -> None:
        """Count one more step (one the input shows is needed, such as a map's progress)."""
        if self._bar is not None:
            self._bar.length += 1


@contextmanager
def _progress(label: str, steps: list[str]) -> Iterator[_Steps]:
    """Show a progress bar on a terminal; stay quiet when stderr is not one."""
    if not sys.stderr.isatty():
        yield _Steps()
        return
    with click.progressbar(
        length=len(steps),
        label=label,
        file=sys.stderr,
        show_pos=True,
        item_show_func=lambda step: step or "",
    ) as bar:
        yield _Steps(bar)


def _read(path: str, reading: dict[str, Any], lang: Language = "en") -> sg.StrategyMap:
    """Read a map with the reading options that apply to its format; show its read warnings.

    In Danish the framing and the places are Danish; the notes themselves are English (as the
    problems of :class:`~stratgraph.ValidationError` are), which one line says before them.
    """
    options = {key: value for key, value in reading.items() if value is not None}
    schema = options.pop("schema", None)
    _check_applies(path, options)
    if sys.stderr.isatty():
        click.echo(f"Reading {path} …", err=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return sg.read(path, schema=schema, **options)
        finally:  # shown before an error too: they may explain it
            others = [str(n.message) for n in caught if not isinstance(n.message, ReadWarning)]
            notes = [n.message.problem for n in caught if isinstance(n.message, ReadWarning)]
            shown = [problem_text(note, lang) for note in in_file_order(notes)]
            if shown and lang != "en":
                click.echo(
                    text("cli.warning", lang, message=text("cli.in_english", lang)), err=True
                )
            for message in [*others, *shown]:
                click.echo(text("cli.warning", lang, message=message), err=True)


def _check_applies(path: str, options: dict[str, Any]) -> None:
    """Refuse a reading option the reader of ``path``'s format does not take, naming the format."""
    fmt = format_of(path)
    if fmt is None or fmt.reader is None:  # the reader gives the error for an unknown extension
        return
    for option in options:
        if option in inspect.signature(fmt.reader).parameters:
            continue
        takers = [
            other.title
            for other in FORMATS.values()
            if other.reader is not None and option in inspect.signature(other.reader).parameters
        ]
        article = "an" if fmt.title[0] in "AEIOU" else "a"
        msg = (
            f"--{option} does not apply to {Path(path).name}, {article} {fmt.title} file; it "
            f"applies to {' and '.join(takers)} input"
        )
        raise click.UsageError(msg)


_schema_option = click.option(
    "--schema",
    metavar="NAME|FILE",
    default=None,
    help=(
        f"A schema preset ({', '.join(sg.preset_names())}) or a YAML, JSON or TOML schema file; "
        "default: the file's own, or municipal."
    ),
)
_force_option = click.option(
    "--force",
    is_flag=True,
    help="Replace files in the way that stratgraph did not write (they are lost).",
)
#: The help of --sep, --decimal and --encoding: for reading, and for convert, where they say
#: how to write TARGET when it is CSV.
_CSV_HELP = {
    "read": {
        "sep": "CSV input: the delimiter (default: detected from the header).",
        "decimal": "CSV or Excel input: the decimal mark of numbers written as text.",
        "encoding": "CSV input: the text encoding, e.g. cp1252.",
    },
    "convert": {
        "sep": (
            "The delimiter of TARGET when it is CSV, else of a CSV SOURCE (read: detected from "
            "the header)."
        ),
        "decimal": (
            "The decimal mark of TARGET's numbers when it is CSV, else of numbers written as "
            "text in a CSV or Excel SOURCE."
        ),
        "encoding": (
            "The text encoding of TARGET when it is CSV, else of a CSV SOURCE, e.g. cp1252."
        ),
    },
}


def _reading_option_list(use: str) -> tuple[Callable[[F], F], ...]:
    helps = _CSV_HELP[use]
    return (
        _schema_option,
        click.option("--sep", type=click.Choice([",", ";", "tab", "|"]), help=helps["sep"]),
        click.option("--decimal", type=click.Choice([",", "."]), help=helps["decimal"]),
        click.option("--encoding", help=helps["encoding"]),
        click.option("--sheet", help="Excel input: the sheet holding the elements."),
    )


def _reading_options(func: F, *, use: str = "read") -> F:
    """Add --schema, --sep, --decimal, --encoding and --sheet; hand them on as ``reading``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        reading = {key: kwargs.pop(key) for key in ("schema", "sep", "decimal", "encoding")}
        reading["sheet"] = kwargs.pop("sheet")
        if reading["sep"] == "tab":
            reading["sep"] = "\t"
        return func(*args, reading=reading, **kwargs)

    for option in reversed(_reading_option_list(use)):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value] # functools.wraps keeps the signature


def _view_options(func: F) -> F:
    """Add --levels, --focus, --up and --down; hand them on as ``view`` (see :func:`_view`)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        view = {key: kwargs.pop(key) for key in ("levels", "focus", "up", "down")}
        return func(*args, view=view, **kwargs)

    options = (
        click.option(
            "--levels",
            multiple=True,
            metavar="LEVEL[,LEVEL…]",
            help="Only these levels, by name or alias (e.g. effektmål,aftale); may be repeated.",
        ),
        click.option(
            "--focus",
            metavar="ID",
            help="Only this element and the chains above and below it.",
        ),
        click.option(
            "--up",
            type=click.IntRange(min=0),
            help="With --focus: how many hierarchy steps up to keep (default: all).",
        ),
        click.option(
            "--down",
            type=click.IntRange(min=0),
            help="With --focus: how many hierarchy steps down to keep (default: all).",
        ),
    )
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value] # functools.wraps keeps the signature


def _view(smap: sg.StrategyMap, view: dict[str, Any], lang: Language = "en") -> sg.StrategyMap:
    """Return the part of ``smap`` that --levels and --focus ask for; show why it is empty."""
    if view["focus"] is None and (view["up"] is not None or view["down"] is not None):
        msg = "--up and --down need --focus ID"
        raise click.UsageError(msg)
    levels = [part.strip() for text in view["levels"] for part in text.split(",") if part.strip()]
    if view["levels"] and not levels:  # "--levels ''" would otherwise keep every level
        given = " ".join(f"--levels {text!r}" for text in view["levels"])
        msg = (
            f"{given} names no level; give level names separated by commas, of the map's "
            f"schema: {', '.join(smap.schema.level_names)}"
        )
        raise click.UsageError(msg)
    with _warnings_shown(lang):
        if view["focus"] is not None:
            smap = smap.focus(view["focus"], up=view["up"], down=view["down"])
        if levels:
            whole, smap = smap, smap.subset(levels=levels)
            if view["focus"] is not None and view["focus"] not in smap and len(smap):
                warn_focus_left_out(
                    whole, view["focus"], ",".join(levels), option="--levels", stacklevel=2
                )
    return smap


@contextmanager
def _warnings_shown(lang: Language = "en") -> Iterator[None]:
    """Show each warning given inside as one ``stratgraph: warning:`` line, as they come."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for note in caught:
                click.echo(text("cli.warning", lang, message=note.message), err=True)


_lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "da"]),
    default="en",
    show_default=True,
    help="Language of everything written for readers: findings, headings, tables, figures.",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(sg.__version__, prog_name="stratgraph")
def main() -> None:
    """Audit an organisation's strategy map: vision → strategy → effect goal → agreement → project.

    \b
    Start with the bundled example:
      stratgraph example mål.xlsx
      stratgraph report mål.xlsx -o rapport
    """


def _check_inputs_outside_report(out_dir: str, inputs: list[str | None]) -> None:
    """Stop when an input is a file the report would write or remove in ``out_dir``."""
    folder = Path(out_dir)
    if not folder.is_dir():
        return
    outputs = {(folder / name).resolve() for name in REPORT_FILES}
    outputs |= {p.resolve() for p in owned_files(folder / "report.html")}
    for given in inputs:
        if given is not None and Path(given).resolve() in outputs:
            msg = (
                f"the input {given} is a file the report writes in {out_dir}; the report never "
                "writes over its input: choose another -o folder, or move the input out of it"
            )
            raise click.UsageError(msg)


@main.command()
@click.argument("file", type=click.Path())
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    required=True,
    help="Folder to write report.html, figures/ and findings.xlsx into.",
)
@click.option(
    "--compare",
    type=click.Path(dir_okay=False),
    help="An earlier version of the map (the year before) to show the changes since.",
)
@click.option("--config", type=click.Path(dir_okay=False), help="A TOML file of audit settings.")
@_view_options
@_lang_option
@_reading_options
@_force_option
@_friendly
def report(
    file: str,
    out_dir: str,
    compare: str | None,
    config: str | None,
    lang: Language,
    reading: dict[str, Any],
    force: bool,
    view: dict[str, Any],
) -> None:
    """Write an HTML report on FILE: summary, map, findings, overload, cross-cutting, budget.

    The figures are also written as PNG and PDF for memos, and the findings as an Excel
    workbook. The last line printed is the path of the report. An earlier report in the
    folder is replaced as a whole; a file there that the report did not write stops it
    (--force replaces it), and the report never writes over its own input. --levels and
    --focus report on part of the map (--levels on both maps with --compare).

    FILE may be a folder of maps, one per organisation and year (an atlas, see sg.read_atlas):
    the report is then on the governance chain: coverage, goals over the years, similar goals,
    the chain as one map and the audit of it.

    \b
    Examples:
      stratgraph report mål-2013.xlsx -o rapport --lang da
      stratgraph report mål-2013.xlsx -o rapport --compare mål-2012.xlsx
      stratgraph report styringskæden/ -o rapport --lang da
    """
    import matplotlib as mpl  # noqa: PLC0415 - the command line draws off screen

    mpl.use("Agg")

    if Path(file).is_dir():
        _report_atlas(file, out_dir, lang=lang, force=force, others=(compare, config, view))
        return
    _check_inputs_outside_report(out_dir, [file, compare, config])
    if compare and view["focus"] is not None:
        msg = "--focus does not apply with --compare: the element's chains differ between the maps"
        raise click.UsageError(msg)
    steps = ["read", "audit", "map", "overload", "cross-cutting", "budget"]
    steps += ["changes"] if compare else []
    steps += ["write"]
    with _progress("Writing the report", steps) as advance:
        advance("read")
        smap = _view(_read(file, reading, lang), view, lang)
        if smap.measurements:  # the report's progress section is one more step
            advance.add()
        before = _view(_read(compare, reading, lang), view, lang) if compare else None
        with _warnings_shown(lang):
            written = write_report(
                smap,
                out_dir,
                compare=before,
                lang=lang,
                config=config,
                progress=advance,
                overwrite=force,
            )
    click.echo(str(written.html))


def _report_atlas(
    folder: str, out_dir: str, *, lang: Language, force: bool, others: tuple[Any, ...]
) -> None:
    """Write the atlas report on the maps in ``folder``."""
    compare, config, view = others
    given = [
        name
        for name, value in (
            ("--compare", compare),
            ("--config", config),
            ("--levels", view.get("levels")),
            ("--focus", view.get("focus")),
        )
        if value
    ]
    if given:
        msg = (
            f"{', '.join(given)} apply to the report on one map file, not to a folder of maps "
            f"({folder}); leave them out, or give one map file"
        )
        raise click.UsageError(msg)
    if Path(out_dir).resolve() == Path(folder).resolve():
        msg = (
            f"the report folder {out_dir} is the folder of maps itself, which would then hold "
            "files that are not maps; choose another -o folder"
        )
        raise click.UsageError(msg)
    steps = ["read", "coverage", "continuity", "similar goals", "map", "audit", "write"]
    with _progress("Writing the report", steps) as advance:
        advance("read")
        with _warnings_shown(lang):
            atlas = sg.read_atlas(folder)
            written = sg.write_atlas_report(
                atlas, out_dir, lang=lang, progress=advance, overwrite=force
            )
    click.echo(str(written.html))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--out",
    "target",
    type=click.Path(dir_okay=False),
    required=True,
    help="The figure file; .png, .pdf or .svg.",
)
@click.option(
    "--kind",
    type=click.Choice(["map", "overload", "cross-cutting", "chain", "budget", "diff"]),
    default="map",
    show_default=True,
)
@click.option("--element", metavar="ID", help="The element whose chains to draw (--kind chain).")
@click.option(
    "--compare",
    type=click.Path(dir_okay=False),
    help="The earlier map to compare FILE with (--kind diff).",
)
@click.option(
    "--color-by",
    type=click.Choice(["level", "owner", "agenda", "status"]),
    default="level",
    show_default=True,
    help="How to colour the map's boxes (--kind map).",
)
@_view_options
@_lang_option
@_reading_options
@_friendly
def plot(
    file: str,
    target: str,
    kind: str,
    element: str | None,
    compare: str | None,
    color_by: ColorBy,
    lang: Language,
    reading: dict[str, Any],
    view: dict[str, Any],
) -> None:
    """Draw one figure of FILE for a memo, in print style.

    --levels and --focus draw part of the map (every kind but diff).

    \b
    Examples:
      stratgraph plot mål.xlsx -o kort.pdf --lang da
      stratgraph plot mål.xlsx -o kæde.png --kind chain --element G3
      stratgraph plot mål.xlsx -o gren.png --focus S2 --levels strategi,effektmål,aftale
    """
    import matplotlib as mpl  # noqa: PLC0415 - the command line draws off screen

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    if Path(target).suffix.lower() not in (".png", ".pdf", ".svg"):
        msg = f"cannot tell the figure format of {target!r}; use .png, .pdf or .svg"
        raise click.UsageError(msg)
    if kind == "chain" and not element:
        msg = "--kind chain needs --element ID"
        raise click.UsageError(msg)
    if kind == "diff" and not compare:
        msg = "--kind diff needs --compare OLD"
        raise click.UsageError(msg)
    if kind == "diff" and (view["levels"] or view["focus"] is not None):
        msg = "--levels and --focus do not apply to --kind diff"
        raise click.UsageError(msg)
    whole = _read(file, reading, lang)
    smap = _view(whole, view, lang)
    if kind == "chain" and element not in smap and element in whole:
        chosen = [f"--levels {','.join(view['levels'])}"] if view["levels"] else []
        chosen += [f"--focus {view['focus']}"] if view["focus"] is not None else []
        msg = (
            f"element {element!r} is in the map but not in the chosen view "
            f"({' '.join(chosen)}); draw its chain without them, or choose a view that holds it"
        )
        raise click.UsageError(msg)
    with sg.memo_style(lang), _warnings_shown(lang):
        if kind == "map":
            # The element in focus gets its badge, unless --levels left it out of the view.
            mark = view["focus"] if view["focus"] in smap else None
            ax = sg.plot_map(smap, focus=mark, color_by=color_by, lang=lang)
        elif kind == "overload":
            ax = sg.plot_overload(smap, lang=lang)
        elif kind == "cross-cutting":
            ax = sg.plot_cross_cutting(smap, lang=lang)
        elif kind == "chain":
            ax = sg.plot_chain(smap, str(element), lang=lang)
        elif kind == "budget":
            ax = sg.plot_budget(smap, lang=lang)
        else:
            ax = sg.plot_diff(_read(str(compare), reading, lang), smap, lang=lang)

        with atomic_path(target) as tmp:
            figure_of(ax).savefig(tmp, format=Path(target).suffix.lower().lstrip("."))
        plt.close("all")
    click.echo(text("cli.wrote", lang, path=target))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_lang_option
@_reading_options
@_friendly
def validate(file: str, lang: Language, reading: dict[str, Any]) -> None:
    """Check FILE against the model; list every problem with its row and column.

    \b
    Example:
      stratgraph validate mål.csv
    """
    try:
        smap = _read(file, reading, lang)
    except sg.ValidationError as err:  # its message shows a screenful; here every problem
        problems = err.problems
        head = text("cli.not_valid", lang, problems=_counted(len(problems), "problem", lang))
        lines = [head, *(f"  - {problem_text(p, lang)}" for p in problems)]
        if lang != "en":  # the problems are the API's messages, which stay English
            lines.append("  " + text("cli.in_english", lang))
        _fail("\n".join(lines), lang)
        return
    click.echo(
        text(
            "cli.valid",
            lang,
            file=file,
            elements=_counted(len(smap), "element", lang),
            links=_counted(len(smap.links), "link", lang),
        )
    )


def _codes(given: tuple[str, ...]) -> list[str]:
    """Return the rule codes of a repeated option, each of which may list several with commas."""
    return [code.strip() for part in given for code in part.split(",") if code.strip()]


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="How to print the findings.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="warning",
    show_default=True,
    help="Exit with 1 when a finding has this severity or a worse one.",
)
@click.option("--config", type=click.Path(dir_okay=False), help="A TOML file of audit settings.")
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules (repeat the option or separate codes with commas).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Skip these rules (repeat the option or separate codes with commas).",
)
@_lang_option
@_reading_options
@_friendly
def audit(
    file: str,
    fmt: str,
    fail_on: str,
    config: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: Language,
    reading: dict[str, Any],
) -> None:
    """Audit FILE: orphaned goals, overload, level skips, double binds and the rest.

    Exit code 0 when no finding reaches --fail-on, 1 when one does, 2 for bad input.

    \b
    Example:
      stratgraph audit mål.xlsx --format markdown --fail-on error --lang da
    """
    smap = _read(file, reading, lang)
    options: dict[str, Any] = {}
    if select:
        options["select"] = _codes(select)
    if ignore:
        options["ignore"] = _codes(ignore)
    with _warnings_shown(lang):
        report = sg.audit(smap, config, lang=lang, **options)
    if fmt == "json":  # the same bytes as to_json() and to_markdown(), which end in a newline
        click.echo(report.to_json(), nl=False)
    elif fmt == "markdown":
        click.echo(report.to_markdown(), nl=False)
    else:
        click.echo(str(report))
    if fail_on != "never":
        worst = [_SEVERITY_ORDER[s] for s in report.findings["severity"]]
        if worst and max(worst) >= _SEVERITY_ORDER[fail_on]:
            sys.exit(1)


@main.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
@functools.partial(_reading_options, use="convert")
@_force_option
@_lang_option
@_friendly
def convert(source: str, target: str, reading: dict[str, Any], force: bool, lang: Language) -> None:
    """Read SOURCE and write TARGET; the formats follow the extensions.

    --sep, --decimal and --encoding say how to write TARGET when it is CSV; otherwise they say
    how to read SOURCE (a CSV file, or --decimal for Excel). --sheet and --schema are for SOURCE.

    Every file written is listed. A CSV map's link notes, indicators and measurements go to
    sibling files (NAME.links.csv, NAME.indicators.csv, NAME.measurements.csv); a sibling that
    stratgraph did not write, a workbook holding sheets, formulas or macros the map would drop,
    and SOURCE itself are replaced only with --force.

    \b
    Examples:
      stratgraph convert mål.xlsx mål.yaml --sheet Mål
      stratgraph convert mål.yaml mål.csv --sep ';' --decimal , --encoding cp1252
      stratgraph convert mål.csv mål.xlsx --sep ';' --encoding cp1252
    """
    options: dict[str, Any] = {}
    suffix = Path(target).suffix.lower()
    if suffix == ".csv":  # the CSV options are for writing
        options = {k: reading.pop(k) for k in ("sep", "decimal", "encoding") if reading[k]}

    siblings = [sibling(target, part) for part in ("links", "indicators", "measurements")]
    outputs = [Path(target), *siblings] if suffix == ".csv" else [Path(target)]
    if not force and any(_same_file(source, out) for out in outputs):
        msg = (
            f"{target} is the file being converted ({source}); writing it would drop what the map "
            "does not hold. Write to another name, or pass --force to replace it"
        )
        raise click.UsageError(msg)
    own = [sibling(source, part) for part in ("links", "indicators", "measurements")]
    if not force and any(_same_file(mine, out) for mine in own for out in outputs):
        msg = (
            f"{target} is a sibling file of {source} (its link notes, indicators or "
            f"measurements), which {Path(source).name} reads with it; writing it would change "
            f"{source}. Write to another name, or pass --force to replace it"
        )
        raise click.UsageError(msg)
    options["overwrite"] = force
    there = [p for p in siblings if p.exists()] if suffix == ".csv" else []
    smap = _read(source, reading, lang)
    smap.write(target, **options)
    written = [str(p) for p in owned_files(target)] if suffix == ".csv" else [target]
    if suffix == ".csv":
        written.append(str(manifest_path(target)))
    click.echo(
        text(
            "cli.wrote_counts",
            lang,
            paths=", ".join(written),
            elements=_counted(len(smap), "element", lang),
            links=_counted(len(smap.links), "link", lang),
        )
    )
    removed = [str(p) for p in there if not p.exists()]
    if removed:
        click.echo(text("cli.removed", lang, paths=", ".join(removed)))


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).samefile(b)
    except OSError:
        return False


@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "csv", "json"]),
    default="text",
    show_default=True,
    help="How to print the changes; json keeps the column names and change names (identifiers).",
)
@_lang_option
@_reading_options
@_friendly
def diff(old: str, new: str, fmt: str, lang: Language, reading: dict[str, Any]) -> None:
    """Compare two years of a map: added, removed, retitled, retyped and moved elements.

    \b
    Example:
      stratgraph diff mål-2012.xlsx mål-2013.xlsx --lang da
    """
    before, after = _read(old, reading, lang), _read(new, reading, lang)
    frame = sg.diff(before, after)
    figures = sg.diff_summary(before, after)
    if fmt == "json":
        click.echo(frame.reset_index().to_json(orient="records", force_ascii=False, indent=2))
        return
    if fmt == "csv":
        click.echo(_spreadsheet_safe(_diff_for_readers(frame, after, lang)).to_csv(), nl=False)
        return
    # English keeps the level names it always showed; Danish names levels by their labels.
    labels = {} if lang == "en" else {lv.name: lv.label(lang) for lv in after.schema.levels}
    rows = [
        (str(eid), _changes_text(row.changes, lang), *_change_text(row, labels, lang))
        for eid, row in frame.iterrows()
    ]
    if fmt == "markdown":
        head = [
            text(key, lang) for key in ("header.id", "header.changes", "diff.before", "diff.after")
        ]
        click.echo(f"| {' | '.join(head)} |\n| --- | --- | --- | --- |")
        for eid, change, before_text, after_text in rows:
            cells = (eid, change, before_text, after_text)
            click.echo("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    else:
        width = max((len(r[0]) for r in rows), default=2)
        for eid, change, before_text, after_text in rows:
            arrow = (
                f"{before_text} → {after_text}"
                if before_text and after_text
                else (before_text or after_text)
            )
            click.echo(f"{eid:<{width}}  {change:<18} {arrow}")
    click.echo("" if not rows else "\n", nl=False)
    sentence = figures.text(lang)
    click.echo(sentence if rows else text("cli.no_changes", lang) + "\n" + sentence)


def _changes_text(changes: tuple[str, ...], lang: Language) -> str:
    """``moved+retitled`` in English, ``flyttet+ny titel`` in Danish."""
    return "+".join(text("change." + change, lang) for change in changes)


def _diff_for_readers(frame: Any, smap: sg.StrategyMap, lang: Language) -> Any:
    """Return :func:`sg.diff`'s frame with headers, level names and changes in ``lang``.

    English keeps the column names (identifiers a script may read), as before.
    """
    if lang == "en":
        return frame
    labels = {level.name: level.label(lang) for level in smap.schema.levels}
    out = frame.copy()
    for column in ("old_type", "new_type"):
        out[column] = [labels.get(v, v) if isinstance(v, str) else v for v in frame[column]]
    out["change"] = [text("change." + v, lang) for v in frame["change"]]
    out["changes"] = [_changes_text(v, lang) for v in frame["changes"]]
    for column in ("old_parents", "new_parents"):
        out[column] = [", ".join(v) if isinstance(v, tuple) else v for v in frame[column]]
    out.columns = [text("header." + c, lang) for c in frame.columns]
    out.index.name = text("header.id", lang)
    return out


def _spreadsheet_safe(frame: Any) -> Any:
    """Return ``frame`` with every text a spreadsheet would run as a formula quoted with ``'``."""

    def safe(value: Any) -> Any:
        return neutralise(value) if isinstance(value, str) else value

    out = frame.map(safe)
    out.index = frame.index.map(safe)
    out.columns = frame.columns.map(safe)
    return out


def _change_text(row: Any, labels: dict[str, str], lang: Language) -> tuple[str, str]:
    """Say what an element was before and after, as far as the change concerns."""

    def parents(value: Any) -> str:
        if not value:
            return text("diff.top", lang)
        return text("diff.under", lang, parents=", ".join(value))

    def level(name: Any) -> str:
        return labels.get(str(name), str(name))

    changes = set(row.changes)
    if "added" in changes:
        return "", f"{level(row.new_type)} “{row.new_title}” {parents(row.new_parents)}"
    if "removed" in changes:
        return f"{level(row.old_type)} “{row.old_title}” {parents(row.old_parents)}", ""
    before, after = [], []
    if "retyped" in changes:
        before.append(level(row.old_type))
        after.append(level(row.new_type))
    if "retitled" in changes:
        before.append(f"“{row.old_title}”")
        after.append(f"“{row.new_title}”")
    if "moved" in changes:
        before.append(parents(row.old_parents))
        after.append(parents(row.new_parents))
    return " ".join(before), " ".join(after)


@main.command()
@click.argument("target", type=click.Path(dir_okay=False), default="eksempel-2013.yaml")
@click.option(
    "--year",
    type=click.Choice(["2012", "2013"]),
    default="2013",
    show_default=True,
    help="Which year of Eksempel Kommune.",
)
@_lang_option
@_friendly
def example(target: str, year: str, lang: Language) -> None:
    """Write the bundled example map (Eksempel Kommune) to TARGET to start from.

    The format follows TARGET's extension: .xlsx, .csv, .yaml, .json or .graphml.

    \b
    Example:
      stratgraph example mål.xlsx --year 2013
    """
    path = Path(target)
    if path.exists():
        msg = f"{target} exists already; choose another name (nothing was written)"
        raise click.UsageError(msg)
    name: BundledMap = "eksempel-2012" if year == "2012" else "eksempel-2013"
    sg.datasets.load(name).write(path)
    click.echo(text("cli.wrote", lang, path=target))


if __name__ == "__main__":  # python -m stratgraph.cli, as python -m stratgraph
    main()
