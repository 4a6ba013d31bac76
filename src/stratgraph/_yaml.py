"""The YAML 1.2 reader shared by map files and schema files, with line numbers for messages.

Both read YAML the same way: ``010`` is ten, ``no`` and ``on`` are text, a repeated key is found.
"""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from stratgraph.exceptions import ReadError

__all__ = [
    "MAX_ALIAS_EXPANSION",
    "YAML12_RESOLVERS",
    "LineLoader",
    "Parsed",
    "check_aliases",
    "parse",
    "too_long_number",
]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_BaseLoader):  # type: ignore[misc,valid-type] # CSafeLoader is untyped
    """A safe loader that reads YAML 1.2 plain scalars and records where everything was.

    It records the line of every mapping, any repeated key, and the text as written of every
    plain scalar that is read as a number or yes/no (``written``, by the id of its mapping or
    list), so that a text field such as an id keeps ``010`` as ``010``.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.lines: dict[int, int] = {}
        self.repeated: list[tuple[str, int]] = []
        self.written: dict[int, dict[Any, str]] = {}
        #: (key, number, rest, line) of each ``key: 1,500`` that a flow mapping split in two.
        self.split: list[tuple[str, str, str, int]] = []

    def construct_line_map(self, node: yaml.MappingNode) -> Any:
        data: dict[Any, Any] = {}
        self.lines[id(data)] = node.start_mark.line + 1
        yield data
        seen: set[Any] = set()
        texts: dict[Any, str] = {}
        if node.flow_style:
            self._find_split_numbers(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node)
            if isinstance(key, str | int | float | bool) and key in seen:
                self.repeated.append((str(key), key_node.start_mark.line + 1))
            if isinstance(key, str | int | float | bool):
                seen.add(key)
                if _is_typed_plain(value_node):
                    texts[key] = value_node.value
        data.update(self.construct_mapping(node))
        if texts:
            self.written[id(data)] = texts

    def _find_split_numbers(self, node: yaml.MappingNode) -> None:
        """Note each ``budget: 1,500`` in ``{...}``: YAML reads 1 and a key ``500`` from it."""
        for (key, value), (rest, empty) in itertools.pairwise(node.value):
            if (
                _is_typed_plain(value)
                and value.tag != _BOOL
                and isinstance(rest, yaml.ScalarNode)
                and not rest.style
                and rest.value[:1].isdigit()
                and isinstance(empty, yaml.ScalarNode)
                and empty.value == ""
                and rest.start_mark.line == value.end_mark.line
            ):
                line = value.start_mark.line + 1
                self.split.append((str(key.value), str(value.value), str(rest.value), line))

    def construct_line_seq(self, node: yaml.SequenceNode) -> Any:
        data: list[Any] = []
        yield data
        data.extend(self.construct_sequence(node))
        texts = {i: item.value for i, item in enumerate(node.value) if _is_typed_plain(item)}
        if texts:
            self.written[id(data)] = texts

    def construct_int12(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        try:
            if digits[:2] in ("0o", "0x"):
                return int(digits[2:], 8 if digits[1] == "o" else 16)
            return sign * int(digits, 10)  # YAML 1.2: a leading 0 is no octal mark
        except ValueError as err:  # more digits than Python converts
            msg = too_long_number(digits)
            raise yaml.constructor.ConstructorError(None, None, msg, node.start_mark) from err

    def construct_refused(self, node: yaml.Node) -> Any:
        msg = (
            f"the tag {node.tag} is not a value a map file can hold; write text, a number, a "
            "list or a mapping"
        )
        raise yaml.constructor.ConstructorError(None, None, msg, node.start_mark)


def too_long_number(digits: str) -> str:
    """Say that a number has more digits than Python converts, and what to write instead."""
    return (
        f"the number {digits[:12]}… has {len(digits):,} digits, more than a number in a map can "
        f"have ({sys.get_int_max_str_digits():,}); write it shorter, or in quotes if it is text"
    )


def _is_typed_plain(node: yaml.Node) -> bool:
    """Tell whether ``node`` is a plain scalar read as something other than text or null."""
    return (
        isinstance(node, yaml.ScalarNode)
        and not node.style  # plain: None from PyYAML, "" from libyaml
        and node.tag in (_INT, _FLOAT, _BOOL)
    )


_INT, _FLOAT, _BOOL = (f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool"))

# YAML 1.2's core schema, not PyYAML's YAML 1.1: 010 is ten (not eight), 12:30 and 2013-01-01
# are text (not 750 and a date), and only true and false are yes/no (not yes, no, on, off).
LineLoader.yaml_implicit_resolvers = {}
#: YAML 1.2's core schema: the tag, pattern and first characters of each implicit type.
YAML12_RESOLVERS: tuple[tuple[str, str, list[str]], ...] = (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        (
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+.0123456789"),
    ),
    ("merge", r"^(?:<<)$", ["<"]),
)
for _tag, _pattern, _first in YAML12_RESOLVERS:
    LineLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)
LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_line_map)
LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_line_seq)
LineLoader.add_constructor(_INT, LineLoader.construct_int12)
for _tag in ("binary", "set", "omap", "pairs"):
    LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", LineLoader.construct_refused)

#: The most nodes that aliases may add to a YAML document once expanded (a billion laughs).
MAX_ALIAS_EXPANSION = 100_000


def check_aliases(root: yaml.Node, name: str, what: str = "a map file") -> None:
    """Refuse a document whose aliases refer to themselves or expand it beyond reason.

    PyYAML shares an aliased object instead of copying it, but anything that later walks,
    copies or writes the map (``attrs`` above all) would expand it in full.

    Raises
    ------
    ReadError
        If an alias is part of what it names, or expanding the aliases would add more than
        :data:`MAX_ALIAS_EXPANSION` nodes.
    """
    sizes: dict[int, int] = {}  # node id -> expanded size, for nodes already measured
    open_nodes: set[int] = set()
    distinct = 0
    # An explicit stack: a deep document must not exhaust Python's recursion limit here.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            msg = (
                f"{name}, line {node.start_mark.line + 1}: an alias (*name) refers to the "
                f"anchor (&name) it stands inside; {what} cannot contain itself"
            )
            raise ReadError(msg)
        open_nodes.add(key)
        distinct += 1
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                msg = (
                    f"{name}, line {child.start_mark.line + 1}: an alias (*name) refers to the "
                    f"anchor (&name) it stands inside; {what} cannot contain itself"
                )
                raise ReadError(msg)
            if id(child) not in sizes:
                stack.append((child, False))
    if sizes[id(root)] - distinct > MAX_ALIAS_EXPANSION:
        msg = (
            f"{name}: its aliases (*name) would expand it by {sizes[id(root)] - distinct:,} "
            f"values, more than the {MAX_ALIAS_EXPANSION:,} {what} may add so; "
            "write the values out or use fewer aliases"
        )
        raise ReadError(msg)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A YAML document as read: its data, its node tree, and what the loader recorded."""

    data: Any
    node: yaml.Node | None
    lines: dict[int, int]
    repeated: list[tuple[str, int]]
    written: dict[int, dict[Any, str]]
    split: list[tuple[str, str, str, int]]


def parse(text: str, name: str, what: str = "a map file") -> Parsed:
    """Read one YAML 1.2 document, refusing aliases that refer to themselves or expand too far.

    Raises
    ------
    yaml.YAMLError
        If the text is not YAML, or holds a tag no file of ours can hold.
    ReadError
        If its aliases refer to themselves or expand beyond :data:`MAX_ALIAS_EXPANSION`.
    RecursionError, ValueError
        If it is nested too deeply, or holds a number too long to convert.
    """
    loader = LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_aliases(node, name, what)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return Parsed(data, node, loader.lines, loader.repeated, loader.written, loader.split)
