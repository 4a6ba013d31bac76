"""Text in spreadsheet cells kept from running as a formula: a leading ``'``, and its undoing.

Every layer that writes a spreadsheet or CSV uses it (the table writers and readers of ``io``,
the report's workbook, the command line's CSV), so it lives below them all.
"""

from __future__ import annotations

__all__ = ["JSON_MARK", "neutralise", "unneutralise"]

#: What starts text a spreadsheet would run as a formula (or a line break it would eat).
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: What starts a cell that holds an attribute's value as JSON: a list, a mapping, NaN or infinity,
#: which a cell cannot hold as they are. Text that starts so is written quoted, like a formula.
JSON_MARK = "json:"


def _needs_quote(value: str) -> bool:
    # Blank text is quoted too: a cell of spaces alone reads as an empty cell.
    return value.startswith((*_TRIGGERS, "'", JSON_MARK)) or (value != "" and not value.strip())


def neutralise(value: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula (and to text starting with ``'``).

    Text of white space alone is prefixed as well, so that it is not read as an empty cell.

    Examples
    --------
    >>> from stratgraph._cells import neutralise, unneutralise
    >>> neutralise("=HYPERLINK(1)"), unneutralise(neutralise("=HYPERLINK(1)"))
    ("'=HYPERLINK(1)", '=HYPERLINK(1)')
    >>> neutralise("'citat"), unneutralise("''citat"), unneutralise("'citat")
    ("''citat", "'citat", "'citat")
    """
    if _needs_quote(value):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo :func:`neutralise` (once: reading a cell twice would eat a quote the user wrote)."""
    if value.startswith("'") and _needs_quote(value[1:]):
        return value[1:]
    return value
