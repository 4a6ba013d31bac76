"""Every error stratgraph raises, and the location that tells a user where to look.

The tree::

    StratgraphError                     base of everything below
    ├── ValidationError (ValueError)    a map or file breaks the model; lists all problems
    ├── ReadError (ValueError)          a file cannot be read at all (encoding, syntax, not a sheet)
    ├── WriteError (OSError)            a file cannot be written (the disk is full, no permission)
    ├── SchemaError (ValueError)        a schema is malformed, or names an unknown preset or level
    ├── OptionError (ValueError)        a keyword option has a value it cannot take
    │   ├── ConfigError                 an audit configuration is not valid
    │   └── UnknownFormatError          a file extension or format name is not supported
    └── UnknownElementError (KeyError)  an element id is not in the map

and the warnings::

    StratgraphWarning (UserWarning)     base of every warning stratgraph gives
    └── ReadWarning                     a file was read by a documented rule where it is ambiguous
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ConfigError",
    "Location",
    "OptionError",
    "Problem",
    "ReadError",
    "ReadWarning",
    "SchemaError",
    "StratgraphError",
    "StratgraphWarning",
    "UnknownElementError",
    "UnknownFormatError",
    "ValidationError",
    "WriteError",
]


#: The most characters of a value a message shows; a 10 MB cell is not echoed whole.
SHOWN = 60


def shorten(value: object, limit: int = SHOWN) -> str:
    """Return ``value`` as text for a message, cut to ``limit`` characters with "…".

    Examples
    --------
    >>> from stratgraph.exceptions import shorten
    >>> shorten("x" * 100, 10), shorten("kort")
    ('xxxxxxxxx…', 'kort')
    """
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem sits, as the user would look for it.

    Parameters
    ----------
    file
        The file name, or ``None`` for a map built in Python.
    sheet
        The workbook sheet (Excel only).
    row
        The row number as a spreadsheet shows it (the header is row 1).
    line
        The line number in a text file (YAML).
    item
        The position in a document without lines, e.g. ``elements[3]`` (JSON).
    column
        The column header or the field name.
    element
        The id of the element concerned.

    Examples
    --------
    >>> str(sg.Location(file="mål.csv", row=14, column="forælder", element="G7"))
    "mål.csv, row 14, column 'forælder', element 'G7'"
    """

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    line: int | None = None
    item: str | None = None
    column: str | None = None
    element: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(self.file)
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.item is not None:
            parts.append(self.item)
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        if self.element is not None:
            parts.append(f"element {self.element!r}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a map, with its location and a message saying what would be valid.

    Examples
    --------
    >>> try:
    ...     sg.StrategyMap([{"id": "G1", "type": "effektmål", "title": "Færre anbringelser",
    ...                      "parents": ["S9"]}])
    ... except sg.ValidationError as err:
    ...     problem = err.problems[0]
    >>> problem.location.element, problem.location.column
    ('G1', 'parents')
    >>> print(problem)
    column 'parents', element 'G1': element 'S9' does not exist
    """

    message: str
    location: Location = field(default_factory=Location)

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class StratgraphError(Exception):
    """Base class of every error raised by stratgraph.

    Catch it to handle any of them; each also inherits the natural built-in exception.

    Examples
    --------
    >>> try:
    ...     sg.read("kort.docx")
    ... except sg.StratgraphError as err:
    ...     print(type(err).__name__)
    UnknownFormatError
    """


class ValidationError(StratgraphError, ValueError):
    """Raised when a map, or the file it is read from, breaks a rule of the model.

    The rules are listed under "What is valid" in the documentation's concepts page
    (``docs/concepts.md``).

    Every problem found is collected before raising; ``.problems`` holds them, each with a
    :class:`Location`: for a table read from a file in file order (sheet, row, column), else in
    the order they were found.

    Examples
    --------
    >>> sg.StrategyMap([
    ...     {"id": "S1", "type": "strategi", "title": ""},
    ...     {"id": "G1", "type": "effektmål", "title": "Færre anbringelser", "parents": ["S9"]},
    ... ])
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.ValidationError: the strategy map is not valid (2 problems):
      - column 'title', element 'S1': the title is empty; every element needs a title
      - column 'parents', element 'G1': element 'S9' does not exist (did you mean 'S1'?)
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        n = len(self.problems)
        head = "1 problem" if n == 1 else f"{n} problems"
        shown = "\n".join(f"  - {p}" for p in self.problems[:50])
        more = f"\n  ... and {n - 50} more" if n > 50 else ""  # noqa: PLR2004 - a screenful
        super().__init__(f"the strategy map is not valid ({head}):\n{shown}{more}")


class OptionError(StratgraphError, ValueError):
    """Raised when a keyword option has a value it cannot take.

    The message names the option, the value given and the values that would be valid. Every
    function of the library checks its options this one way, so catching ``OptionError`` (or
    ``ValueError``) catches every bad option.

    Examples
    --------
    >>> sg.goal_overload(sg.datasets.load("eksempel-2013"), limit=-1)
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.OptionError: limit=-1 is not valid; give a whole number of 0 or more, ...
    """


class ConfigError(OptionError):
    """Raised when an audit configuration (keywords or a TOML file) is not valid.

    An unknown option (in a TOML file or a mapping; an unknown keyword is a ``TypeError``), rule
    code or name, or severity, a threshold out of range, or a TOML file that cannot be read; the
    message lists what would be valid.

    Examples
    --------
    >>> sg.audit(sg.datasets.load("eksempel-2013"), overload_limit=-1)
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.ConfigError: overload_limit=-1 is not valid; give a whole number of 0 ...
    """


class ReadError(StratgraphError, ValueError):
    """Raised when a file cannot be read at all: unknown encoding, broken syntax, not a workbook.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "kort.yaml")
    ...     _ = path.write_text("elements: [", encoding="utf-8")
    ...     sg.read(path)
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.ReadError: kort.yaml, line ...: not valid YAML ...
    """


class WriteError(StratgraphError, OSError):
    """Raised when a file cannot be written: the disk is full, or the folder is not writable.

    Nothing is left behind: the file that was there before is kept as it was.

    Examples
    --------
    >>> issubclass(sg.WriteError, OSError)
    True
    """


class SchemaError(StratgraphError, ValueError):
    """Raised when a schema is malformed or names an unknown preset or level.

    Examples
    --------
    >>> sg.Schema.preset("okrr")
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.SchemaError: unknown schema preset 'okrr'; valid presets: municipal, ...
    """


class UnknownElementError(StratgraphError, KeyError):
    """Raised when an element id is looked up that is not in the map.

    Examples
    --------
    >>> sg.datasets.load("eksempel-2013")["G99"]
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.UnknownElementError: element 'G99' is not in the map (did you mean 'G9'?)
    """

    def __str__(self) -> str:
        # KeyError quotes its argument; a message reads better without the quotes.
        return str(self.args[0]) if self.args else ""


class UnknownFormatError(OptionError):
    """Raised when a file extension or format name is not one stratgraph reads or writes.

    Examples
    --------
    >>> sg.read("kort.docx")
    Traceback (most recent call last):
    ...
    stratgraph.exceptions.UnknownFormatError: cannot tell the format of 'kort.docx' ...
    """


class StratgraphWarning(UserWarning):
    """Base class of every warning stratgraph gives; filter on it to silence or raise them all.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("error", sg.StratgraphWarning)  # every warning becomes an error
    ...     issubclass(sg.ReadWarning, sg.StratgraphWarning)
    True
    """


class ReadWarning(StratgraphWarning):
    """Given when a file is ambiguous and the reader decides by a documented rule.

    ``.problem`` holds the message and the :class:`Location` of the cell concerned; the map that
    was read keeps every one of them in :attr:`StrategyMap.warnings`, in file order.

    Examples
    --------
    >>> w = sg.ReadWarning(sg.Problem("read as 750 000", sg.Location(file="mål.csv", row=3)))
    >>> print(w)
    mål.csv, row 3: read as 750 000
    >>> w.problem.location.row
    3
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
