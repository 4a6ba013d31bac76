"""Schemas: the ordered levels of a strategy map, the goal level, and the presets.

A schema says which element types exist, in which order (top first), which one is the goal level,
and which names (Danish ones included) are accepted for each level when reading a file.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError as PydanticError

from stratgraph._options import Language, check_choice, choices
from stratgraph._yaml import parse
from stratgraph.exceptions import ReadError, SchemaError

if TYPE_CHECKING:
    from stratgraph._util import StrPath

__all__ = ["Level", "Schema", "SchemaLike", "preset_names"]

_SPACES = re.compile(r"[\s_\-]+")
#: The Danish letters and the spellings of a keyboard without them fold to the same key.
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_LEVEL_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
#: How close an unknown type must be to a level's name or alias to be suggested (see
#: ``Schema._closest_type``): close, or sharing the first four letters and fairly close.
_CLOSE, _PREFIX_CLOSE = 0.75, 0.6


def _errors(err: PydanticError, prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Return each error's key path and text, looking inside a level's or schema's own error."""
    found = []
    for e in err.errors():
        loc = (*prefix, *e["loc"])
        inner = e.get("ctx", {}).get("error")
        if isinstance(inner, SchemaError) and isinstance(inner.__cause__, PydanticError):
            found.extend(_errors(inner.__cause__, loc))  # raised by Level() or Schema()
        elif isinstance(inner, SchemaError):
            found.append((loc, str(inner).partition(" is not valid: ")[2] or str(inner)))
        else:
            found.append((loc, e["msg"].removeprefix("Value error, ")))
    return found


def _schema_error(
    err: PydanticError, what: str, place: Callable[[tuple[Any, ...]], str] | None = None
) -> SchemaError:
    details = []
    for loc, text in _errors(err):
        line = place(loc).removeprefix(", ") if place is not None and loc else ""
        where = ", ".join(part for part in (line, ".".join(str(p) for p in loc)) if part)
        details.append(f"{where}: {text}" if where else text)
    return SchemaError(f"the {what} is not valid: {'; '.join(details)}")


def _strict_bool(value: Any) -> Any:
    """Refuse a yes/no written as anything but a boolean: ``"yes"`` passes where ``"nej"`` fails."""
    if isinstance(value, bool):
        return value
    msg = f"{value!r} is not true or false; write true or false"
    raise ValueError(msg)


def normalise_name(text: str) -> str:
    """Fold a type or header name for matching.

    Case, spaces, ``_``, ``-`` and the Danish transliterations (``ae``/``æ``, ``oe``/``ø``,
    ``aa``/``å``) do not matter: the key is lower case, without spaces, in plain letters. A
    letter written decomposed (``a`` and a combining ring, as macOS and PDFs give it) is the
    letter composed (``å``): the text is compared in Unicode NFC.

    Examples
    --------
    >>> from stratgraph.schema import normalise_name
    >>> normalise_name("Tværgående projekt"), normalise_name("tvaergaaende_projekt")
    ('tvaergaaendeprojekt', 'tvaergaaendeprojekt')
    >>> normalise_name("Resultat-aftale") == normalise_name("RESULTATAFTALE")
    True
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return _SPACES.sub("", text.casefold().translate(_DANISH))


class Level(BaseModel):
    """One level of a schema, such as ``strategy`` or ``effect_goal``.

    Parameters
    ----------
    name
        The canonical name: lower case letters, digits and ``_``, starting with a letter.
    aliases
        Further names accepted for this level on input, e.g. ``("effektmål", "mål")``.
    label_da, label_en
        Labels for figures and reports. ``label_en`` defaults to the name with spaces;
        ``label_da`` to the name itself, so that Danish output without a Danish label shows the
        level's name rather than English words.
    optional
        The level may be skipped by a hierarchy link without a finding. ``True`` or ``False``
        and nothing else: a schema file writes its format's booleans (``true``/``false``),
        never text such as ``"yes"``.
    nestable
        An element may have a parent of its own level (sub-goals, sub-projects); a boolean as
        ``optional`` is.

    Examples
    --------
    >>> sg.Level(name="target", aliases=("delmål",), nestable=True).label_en
    'Target'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    aliases: tuple[str, ...] = ()
    label_da: str = ""
    label_en: str = ""
    optional: bool = False
    nestable: bool = False

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except PydanticError as err:
            raise _schema_error(err, "level") from err

    _booleans = field_validator("optional", "nestable", mode="before")(_strict_bool)

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not _LEVEL_NAME.match(value):
            msg = (
                f"level name {value!r} is not valid: use lower case letters, digits and '_', "
                "starting with a letter (e.g. 'effect_goal'); put other spellings in aliases"
            )
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _default_labels(self) -> Level:
        default = self.name.replace("_", " ").capitalize()
        if not self.label_en:
            object.__setattr__(self, "label_en", default)
        if not self.label_da:  # the name, visibly, never English prose in a Danish sentence
            object.__setattr__(self, "label_da", self.name)
        return self

    def label(self, lang: Language = "en") -> str:
        """Return the label in ``lang`` (``"en"`` or ``"da"``).

        Raises
        ------
        OptionError
            If ``lang`` is neither.

        Examples
        --------
        >>> goal = sg.Schema.preset("municipal").level("effect_goal")
        >>> goal.label("en"), goal.label("da")
        ('Effect goal', 'Effektmål')
        """
        if check_choice("lang", lang, choices(Language)) == "da":
            return self.label_da
        return self.label_en


class Schema(BaseModel):
    """Ordered levels, top first, with one goal level.

    Levels above the goal level are *anchor levels*; levels below it are *work levels*, except
    the *measure level* if there is one.

    Parameters
    ----------
    levels
        The levels, top first, as names or :class:`Level` objects.
    goal_level
        The name of the goal level.
    measure_level
        A level below the goal level whose elements are the indicators of their parents (the
        SDG framework's goal → target → indicator), or ``None``. Such elements measure a goal
        rather than carry it: they count as indicators, not as work.
    money
        Whether maps of this schema carry budgets; ``False`` keeps the budget rules silent.
    name
        The schema's name (a preset's name, or ``"custom"``).

    Examples
    --------
    >>> s = sg.Schema(levels=["agenda", "goal", "target", "indicator"], goal_level="target")
    >>> s.level_names
    ('agenda', 'goal', 'target', 'indicator')
    >>> s.anchor_levels, s.work_levels
    (('agenda', 'goal'), ('indicator',))
    >>> sdg = sg.Schema(levels=["agenda", "goal", "target", "indicator"], goal_level="target",
    ...                 measure_level="indicator", money=False)
    >>> sdg.work_levels, sdg.measure_level, sdg.money
    ((), 'indicator', False)
    >>> sg.Schema.preset("municipal").resolve_type("Effektmål")
    'effect_goal'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    levels: tuple[Level, ...] = Field(min_length=1)
    goal_level: str
    measure_level: str | None = None
    money: bool = True
    name: str = "custom"

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except PydanticError as err:
            raise _schema_error(err, "schema") from err

    _booleans = field_validator("money", mode="before")(_strict_bool)

    @field_validator("levels", mode="before")
    @classmethod
    def _levels_from_names(cls, value: Any) -> Any:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            return value
        return tuple(Level(name=v) if isinstance(v, str) else v for v in value)

    @model_validator(mode="after")
    def _check_levels(self) -> Schema:
        names = [level.name for level in self.levels]
        first: dict[str, int] = {}
        for i, name in enumerate(names):
            j = first.setdefault(normalise_name(name), i)
            if j == i:
                continue
            if names[j] == name:
                msg = (
                    f"the level {name!r} is listed twice (levels {j + 1} and {i + 1}); list each "
                    "level once"
                )
            else:
                msg = (
                    f"the levels {names[j]!r} and {name!r} (levels {j + 1} and {i + 1}) are one "
                    "name once case, spaces, '_' and '-' are ignored; give each level its own name"
                )
            raise ValueError(msg)
        seen: dict[str, str] = {}
        for level in self.levels:
            for alias in (level.name, *level.aliases):
                key = normalise_name(alias)
                if not key:
                    msg = f"level {level.name!r} has an empty alias"
                    raise ValueError(msg)
                owner = seen.setdefault(key, level.name)
                if owner != level.name:
                    msg = f"the name {alias!r} is claimed by both {owner!r} and {level.name!r}"
                    raise ValueError(msg)
        if self.goal_level not in names:
            msg = f"goal_level {self.goal_level!r} is not one of the levels {names}"
            raise ValueError(msg)
        if self.measure_level is not None:
            below = names[names.index(self.goal_level) + 1 :]
            if self.measure_level not in below:
                msg = (
                    f"measure_level {self.measure_level!r} must be one of the levels below the "
                    f"goal level {self.goal_level!r}: {below or 'there are none'}"
                )
                raise ValueError(msg)
        return self

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def preset(cls, name: str) -> Schema:
        """Return the preset schema ``name``; see :func:`preset_names`.

        Raises
        ------
        SchemaError
            If there is no preset of that name; the message lists the presets.

        Examples
        --------
        >>> okr = sg.Schema.preset("okr")
        >>> okr.level_names, okr.goal_level
        (('mission', 'objective', 'key_result', 'initiative'), 'objective')
        """
        try:
            return _PRESETS[name]
        except KeyError:
            msg = f"unknown schema preset {name!r}; valid presets: {', '.join(preset_names())}"
            raise SchemaError(msg) from None

    @classmethod
    def coerce(cls, schema: SchemaLike | None) -> Schema:
        """Return a Schema from a Schema, a preset name, a mapping, a schema file or ``None``.

        ``None`` gives the default ``municipal`` preset. A mapping has the shape of the
        ``schema:`` block of a map file. A path (str or :class:`os.PathLike`) names a YAML,
        JSON or TOML schema file (see :meth:`from_file`). A string that ends in ``.yaml``,
        ``.yml``, ``.json`` or ``.toml``, or holds a folder separator, is the path of a schema
        file; any other string is a preset name.

        Raises
        ------
        SchemaError
            If the preset is unknown or the file is missing or malformed; the message names the
            file and the place in it, and lists the presets.

        Examples
        --------
        >>> sg.Schema.coerce(None).name, sg.Schema.coerce("logframe").goal_level
        ('municipal', 'outcome')
        >>> sg.Schema.coerce({"levels": ["goal", "action"], "goal_level": "goal"}).work_levels
        ('action',)
        >>> sg.Schema.coerce("sdg.yaml")
        Traceback (most recent call last):
        ...
        stratgraph.exceptions.SchemaError: schema file 'sdg.yaml' does not exist; ...
        """
        if schema is None:
            return _PRESETS["municipal"]
        if isinstance(schema, Schema):
            return schema
        if isinstance(schema, Mapping):
            return cls.from_dict(schema)
        if isinstance(schema, os.PathLike):
            return cls.from_file(schema)
        if isinstance(schema, str):
            # A schema file's name has a suffix a preset's name cannot have, or a folder in it.
            return cls.from_file(schema) if _looks_like_path(schema) else cls.preset(schema)
        msg = (  # type: ignore[unreachable] # callers from untyped code pass anything
            f"schema must be a Schema, a preset name, a mapping or the path of a schema file, "
            f"not {type(schema).__name__}; presets: {', '.join(preset_names())}"
        )
        raise SchemaError(msg)

    @classmethod
    def from_file(cls, path: StrPath) -> Schema:
        r"""Read a schema from a YAML, JSON or TOML file, chosen by the file's extension.

        The file holds what the ``schema:`` block of a map file holds (``levels``,
        ``goal_level`` and optionally ``measure_level``, ``money`` and ``name``), either at its
        top or under a ``schema`` key (a ``[schema]`` table in TOML)::

            goal_level: target
            measure_level: indicator
            money: false
            levels:
              - agenda
              - goal
              - {name: target, aliases: [delmål]}
              - {name: indicator, label_da: Indikator}

        YAML is read as YAML 1.2, as map files are: only ``true`` and ``false`` are booleans
        (``no`` and ``on`` are text), and ``010`` is ten. A key may appear once. Booleans
        (``money``, ``optional``, ``nestable``) are the format's ``true`` and ``false``. A file
        with ``preset:`` holds nothing else (see :meth:`from_dict`).

        Raises
        ------
        SchemaError
            If the file does not exist or is not a regular file, cannot be parsed (the message
            gives the line and column), repeats a key, is nested too deeply, or does not
            describe a valid schema (the message gives the key, and in YAML the line).

        Examples
        --------
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder, "sdg.toml")
        ...     _ = path.write_text('levels = ["goal", "target", "indicator"]\n'
        ...                         'goal_level = "target"\nmeasure_level = "indicator"\n')
        ...     sg.Schema.from_file(path).measure_level
        'indicator'
        """
        file = Path(path)
        name = str(path)
        fmt = _SCHEMA_FORMATS.get(file.suffix.lower())
        if fmt is None:
            msg = (
                f"cannot tell the format of schema file {name!r} from its extension "
                f"{file.suffix!r}; use .yaml, .yml, .json or .toml"
            )
            raise SchemaError(msg)
        # A FIFO or a device (/dev/zero) would block or never end: only a regular file is read.
        if not file.is_file():
            what = (
                "is a folder"
                if file.is_dir()
                else "is not a regular file"
                if file.exists()
                else "does not exist"
            )
            msg = (
                f"schema file {name!r} {what}; give a YAML, JSON or TOML schema file, or one of "
                f"the presets: {', '.join(preset_names())}"
            )
            raise SchemaError(msg)
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            msg = f"schema file {name!r} is not UTF-8 text ({err}); save it as UTF-8"
            raise SchemaError(msg) from err
        try:
            data, place = _parse_schema_text(text, fmt, name)
        except RecursionError as err:
            raise _too_deep(name) from err
        if isinstance(data, Mapping) and set(data) == {"schema"}:
            data, place = data["schema"], _inside(place, "schema")
        if not isinstance(data, Mapping):
            msg = (
                f"{name}: a schema file must hold a mapping with 'levels:' and 'goal_level:' "
                f"(or 'preset:'), not {type(data).__name__}"
            )
            raise SchemaError(msg)
        if "preset" in data:
            try:
                return cls.from_dict(data)
            except SchemaError as err:
                line = place(("preset",)) if len(data) == 1 else ""
                msg = f"{name}{line}: {err}"
                raise SchemaError(msg) from None
        try:
            return cls(**{str(key): value for key, value in data.items()})
        except SchemaError as err:
            cause = err.__cause__
            if not isinstance(cause, PydanticError):
                raise
            raise _schema_error(cause, f"schema in {name}", place) from cause
        except RecursionError as err:  # pydantic walking a deeply nested list
            raise _too_deep(name) from err

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Schema:
        """Build a schema from its file form (``levels:`` and ``goal_level:``), or a preset.

        ``measure_level:`` and ``money:`` may be given too (see :class:`Schema`). A mapping
        with ``preset:`` names a whole schema and holds no other key: a preset with other
        levels, another measure level or no money is a schema of its own, written out in full.

        Raises
        ------
        SchemaError
            If the mapping does not describe a valid schema, or combines ``preset:`` with
            other keys.

        Examples
        --------
        >>> sg.Schema.from_dict({"levels": ["agenda", "goal", "target"], "goal_level": "target"})
        Schema('custom', levels=['agenda', 'goal', 'target'], goal_level='target')
        >>> sg.Schema.from_dict({"preset": "okr"}).name
        'okr'
        """
        if "preset" in data:
            others = [str(key) for key in data if key != "preset"]
            if others:
                msg = (
                    f"'preset:' names a whole schema and cannot be combined with other keys "
                    f"({', '.join(others)}); write the schema out in full with levels: and "
                    "goal_level: instead"
                )
                raise SchemaError(msg)
            return cls.preset(str(data["preset"]))
        try:
            return cls.model_validate(dict(data))
        except PydanticError as err:
            raise _schema_error(err, "schema") from err

    def to_dict(self) -> dict[str, Any]:
        """Return the file form: a preset's name, or the levels and goal level in full.

        Examples
        --------
        >>> sg.Schema.preset("municipal").to_dict()
        {'preset': 'municipal'}
        >>> sg.Schema(levels=["goal", "action"], goal_level="goal").to_dict()["goal_level"]
        'goal'
        """
        if self.name in _PRESETS and _PRESETS[self.name] == self:
            return {"preset": self.name}
        return self.model_dump(mode="json")

    # -- lookups --------------------------------------------------------------------------

    @cached_property
    def level_names(self) -> tuple[str, ...]:
        """The canonical level names, top first.

        Examples
        --------
        >>> sg.Schema.preset("logframe").level_names
        ('impact', 'outcome', 'output', 'activity')
        """
        return tuple(level.name for level in self.levels)

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {level.name: i for i, level in enumerate(self.levels)}

    @cached_property
    def _by_alias(self) -> dict[str, str]:
        return {
            normalise_name(alias): level.name
            for level in self.levels
            for alias in (level.name, *level.aliases)
        }

    @cached_property
    def goal_rank(self) -> int:
        """The position of the goal level, 0 being the top level.

        Examples
        --------
        >>> sg.Schema.preset("municipal").goal_rank
        3
        """
        return self._rank[self.goal_level]

    @property
    def anchor_levels(self) -> tuple[str, ...]:
        """The levels above the goal level.

        Examples
        --------
        >>> sg.Schema.preset("municipal").anchor_levels
        ('vision', 'policy', 'strategy')
        """
        return self.level_names[: self.goal_rank]

    @property
    def work_levels(self) -> tuple[str, ...]:
        """The levels below the goal level, except the measure level.

        Examples
        --------
        >>> sg.Schema.preset("municipal").work_levels
        ('agreement', 'project')
        """
        return tuple(n for n in self.level_names[self.goal_rank + 1 :] if n != self.measure_level)

    def level(self, name: str) -> Level:
        """Return the level called ``name`` (or one of its aliases).

        Raises
        ------
        SchemaError
            If ``name`` is not a level of this schema; the message lists the valid names.

        Examples
        --------
        >>> goal = sg.Schema.preset("municipal").level("effektmål")
        >>> goal.name, goal.label_da, goal.nestable
        ('effect_goal', 'Effektmål', True)
        """
        return self.levels[self.rank(name)]

    def rank(self, name: str) -> int:
        """Return the position of level ``name`` (or an alias), 0 being the top level.

        Raises
        ------
        SchemaError
            If ``name`` is not a level of this schema; the message lists the valid names.

        Examples
        --------
        >>> sg.Schema.preset("municipal").rank("projekt")
        5
        """
        canonical = self.resolve_type(name)
        if canonical is None:
            raise SchemaError(self.unknown_type_message(name))
        return self._rank[canonical]

    def resolve_type(self, text: str) -> str | None:
        """Return the canonical level name for ``text`` (a name or alias), or ``None``.

        Case, spaces, ``_``, ``-`` and the Danish transliterations (``ae``/``æ``, ``oe``/``ø``,
        ``aa``/``å``) do not matter (:func:`normalise_name`).

        Examples
        --------
        >>> s = sg.Schema.preset("municipal")
        >>> s.resolve_type("Mål- og rammeaftale"), s.resolve_type("projket")
        ('agreement', None)
        >>> s.resolve_type("Effektmaal"), s.resolve_type("Tvaergaaende projekt")
        ('effect_goal', 'project')
        >>> s.resolve_type("Resultat aftale"), s.resolve_type("EFFEKT-MÅL")
        ('agreement', 'effect_goal')
        """
        if text in self._rank:
            return text
        return self._by_alias.get(normalise_name(text))

    def unknown_type_message(self, text: object, *, where: str = "") -> str:
        """Say that ``text`` is not a level of this schema, name the closest, list the valid names.

        ``where`` names the places that hold it, e.g. ``"rows 2, 5 and 9"``.

        Examples
        --------
        >>> sg.Schema.preset("okr").unknown_type_message("goal")
        "unknown type 'goal'; valid types (and aliases): mission (vision, formål); ..."
        >>> sg.Schema.preset("municipal").unknown_type_message("projket")
        "unknown type 'projket' (did you mean 'projekt'?); valid types (and aliases): ..."
        """
        hint = self._closest_type(text) if isinstance(text, str) else None
        shown = f" (did you mean {hint!r}?)" if hint is not None else ""
        shown += f" in {where}" if where else ""
        return f"unknown type {text!r}{shown}; valid types (and aliases): {self.valid_types}"

    @property
    def valid_types(self) -> str:
        """The level names, each with its aliases: what a type may be.

        Examples
        --------
        >>> sg.Schema.preset("okr").valid_types
        'mission (vision, formål); objective (målsætning, objectives, o); ...'
        """
        return "; ".join(
            level.name + (f" ({', '.join(level.aliases)})" if level.aliases else "")
            for level in self.levels
        )

    def _closest_type(self, text: str) -> str | None:
        """Return the level name or alias ``text`` is a slip of, or ``None``.

        Type names are words, not short ids: a suggestion is either close (a ratio of 0.75 on
        the folded names: 'projket' → 'projekt') or starts with the same four letters and is
        fairly close ('Politik område' → 'politik'); 'Indikator' is no slip of 'indsats'.
        """
        key = normalise_name(text)
        best, score = None, 0.0
        # Aliases first: of equally close names the one written in the file's language wins.
        names = [a for level in self.levels for a in level.aliases] + list(self.level_names)
        for name in names:
            other = normalise_name(name)
            ratio = difflib.SequenceMatcher(a=key, b=other).ratio()
            near = ratio >= _CLOSE or (ratio >= _PREFIX_CLOSE and key[:4] == other[:4])
            if near and ratio > score:
                best, score = name, ratio
        return best

    def __repr__(self) -> str:
        extra = f", measure_level={self.measure_level!r}" if self.measure_level else ""
        extra += "" if self.money else ", money=False"
        return (
            f"Schema({self.name!r}, levels={list(self.level_names)}, "
            f"goal_level={self.goal_level!r}{extra})"
        )


#: What ``schema=`` accepts: a Schema, a preset name, a mapping or the path of a schema file.
SchemaLike: TypeAlias = "Schema | StrPath | Mapping[str, Any]"

_SCHEMA_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}
Place = Callable[[tuple[Any, ...]], str]


def _looks_like_path(text: str) -> bool:
    """Whether a ``schema=`` string is meant as a file: a schema file's suffix or a folder."""
    separators = {"/", os.sep, os.altsep or "/"}
    return Path(text).suffix.lower() in _SCHEMA_FORMATS or any(s in text for s in separators)


def _too_deep(name: str) -> SchemaError:
    return SchemaError(
        f"schema file {name!r} is nested too deeply to be a schema; a schema holds a list of "
        "levels, each a name or a mapping"
    )


def _no_place(_loc: tuple[Any, ...]) -> str:
    return ""


def _inside(place: Place, key: str) -> Place:
    return lambda loc: place((key, *loc))


def _parse_schema_text(text: str, fmt: str, name: str) -> tuple[Any, Place]:
    """Parse a schema file; return its data and a function giving the line of a key path."""
    if fmt == "json":
        repeated: list[str] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            keys = [k for k, _ in items]
            repeated.extend(k for k, n in Counter(keys).items() if n > 1)
            return dict(items)

        try:
            data = json.loads(text, object_pairs_hook=pairs)
        except json.JSONDecodeError as err:
            msg = f"{name}, line {err.lineno}, column {err.colno}: not valid JSON: {err.msg}"
            raise SchemaError(msg) from err
        except ValueError as err:  # a number too long to convert
            msg = f"{name}: not valid JSON for a schema ({err})"
            raise SchemaError(msg) from err
        if repeated:
            msg = (
                f"{name}: the key {repeated[0]!r} appears twice in one object; each key may "
                "appear once"
            )
            raise SchemaError(msg)
        return data, _no_place
    if fmt == "toml":
        try:
            return tomllib.loads(text), _no_place
        except tomllib.TOMLDecodeError as err:
            msg = f"{name}: not valid TOML: {err}"
            raise SchemaError(msg) from err
    try:
        parsed = parse(text, name, "a schema file")
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err)
        if "nesting depth" in problem:  # libyaml's own limit
            raise _too_deep(name) from err
        msg = f"{name}{where}: not valid YAML: {problem}"
        raise SchemaError(msg) from err
    except ReadError as err:  # aliases that refer to themselves or expand too far
        raise SchemaError(str(err)) from err
    except ValueError as err:  # a number too long to convert
        msg = f"{name}: not valid YAML for a schema ({err})"
        raise SchemaError(msg) from err
    if parsed.repeated:
        key, line = parsed.repeated[0]
        msg = f"{name}, line {line}: the key {key!r} appears twice; each key may appear once"
        raise SchemaError(msg)
    node, data = parsed.node, parsed.data

    def place(loc: tuple[Any, ...]) -> str:
        found = node
        for key in loc:
            child = None
            if isinstance(found, yaml.MappingNode):
                child = next((v for k, v in found.value if k.value == str(key)), None)
                if child is None:  # an unknown key: point at the key itself
                    child = next((k for k, _ in found.value if k.value == str(key)), None)
            elif isinstance(found, yaml.SequenceNode) and isinstance(key, int):
                child = found.value[key] if 0 <= key < len(found.value) else None
            if child is None:
                break
            found = child
        return f", line {found.start_mark.line + 1}" if found is not None else ""

    return data, place


def _preset(name: str, goal_level: str, levels: Sequence[dict[str, Any]]) -> Schema:
    return Schema(name=name, goal_level=goal_level, levels=tuple(Level(**lv) for lv in levels))


_PRESETS: dict[str, Schema] = {
    "municipal": _preset(
        "municipal",
        "effect_goal",
        [
            {
                "name": "vision",
                "aliases": ("visionen", "politisk vision"),
                "label_da": "Vision",
            },
            {
                "name": "policy",
                "aliases": ("politik", "politikker", "policies"),
                "label_da": "Politik",
                "optional": True,
            },
            {
                "name": "strategy",
                "aliases": ("strategi", "strategier", "strategies"),
                "label_da": "Strategi",
            },
            {
                "name": "effect_goal",
                "aliases": ("effektmål", "effect goal", "goal", "mål", "delmål", "sub goal"),
                "label_da": "Effektmål",
                "label_en": "Effect goal",
                "nestable": True,
            },
            {
                "name": "agreement",
                "aliases": (
                    "aftale",
                    "aftaler",
                    "resultataftale",
                    "mål- og rammeaftale",
                    "mål og rammeaftale",
                    "rammeaftale",
                    "strategiplan",
                    "agreements",
                ),
                "label_da": "Aftale",
            },
            {
                "name": "project",
                "aliases": (
                    "projekt",
                    "projekter",
                    "tværgående projekt",
                    "indsats",
                    "delprojekt",
                    "projects",
                ),
                "label_da": "Projekt",
                "nestable": True,
            },
        ],
    ),
    "okr": _preset(
        "okr",
        "objective",
        [
            {"name": "mission", "aliases": ("vision", "formål"), "label_da": "Mission"},
            {
                "name": "objective",
                "aliases": ("målsætning", "objectives", "o"),
                "label_da": "Målsætning",
                "nestable": True,
            },
            {
                "name": "key_result",
                "aliases": ("key result", "kr", "nøgleresultat", "nøgleresultater"),
                "label_da": "Nøgleresultat",
                "label_en": "Key result",
            },
            {
                "name": "initiative",
                "aliases": ("initiativ", "indsats", "projekt", "project"),
                "label_da": "Initiativ",
                "nestable": True,
            },
        ],
    ),
    "balanced_scorecard": _preset(
        "balanced_scorecard",
        "objective",
        [
            {"name": "vision", "aliases": ("strategi", "strategy"), "label_da": "Vision"},
            {
                "name": "perspective",
                "aliases": ("perspektiv", "perspektiver"),
                "label_da": "Perspektiv",
            },
            {
                "name": "objective",
                "aliases": ("strategic objective", "strategisk mål", "mål"),
                "label_da": "Strategisk mål",
                "label_en": "Strategic objective",
                "nestable": True,
            },
            {
                "name": "initiative",
                "aliases": ("initiativ", "indsats", "projekt", "project"),
                "label_da": "Initiativ",
                "nestable": True,
            },
        ],
    ),
    "logframe": _preset(
        "logframe",
        "outcome",
        [
            {
                "name": "impact",
                "aliases": ("goal", "overall objective", "overordnet mål", "virkning"),
                "label_da": "Overordnet mål",
            },
            {
                "name": "outcome",
                "aliases": ("purpose", "formål", "effekt", "outcomes"),
                "label_da": "Effekt",
            },
            {
                "name": "output",
                "aliases": ("leverance", "leverancer", "outputs", "result"),
                "label_da": "Leverance",
            },
            {
                "name": "activity",
                "aliases": ("aktivitet", "aktiviteter", "activities"),
                "label_da": "Aktivitet",
                "nestable": True,
            },
        ],
    ),
}


def preset_names() -> tuple[str, ...]:
    """Return the names of the preset schemas, the default ``municipal`` first.

    Examples
    --------
    >>> sg.preset_names()
    ('municipal', 'okr', 'balanced_scorecard', 'logframe')
    """
    return tuple(_PRESETS)
