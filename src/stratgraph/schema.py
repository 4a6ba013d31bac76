"""Schemas: the ordered levels of a strategy map, the goal level, and the presets.

A schema says which element types exist, in which order (top first), which one is the goal level,
and which names (Danish ones included) are accepted for each level when reading a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError as PydanticError

from stratgraph.exceptions import SchemaError

__all__ = ["Level", "Schema", "preset_names"]

_SPACES = re.compile(r"[\s_\-]+")
#: The Danish letters and the spellings of a keyboard without them fold to the same key.
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_LEVEL_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _schema_error(err: PydanticError, what: str) -> SchemaError:
    details = []
    for e in err.errors():
        inner = e.get("ctx", {}).get("error")
        if isinstance(inner, SchemaError):  # a level's own error, or validation via __init__
            text = str(inner).partition(" is not valid: ")[2] or str(inner)
        else:
            text = e["msg"].removeprefix("Value error, ")
        where = ".".join(str(p) for p in e["loc"])
        details.append(f"{where}: {text}" if where else text)
    return SchemaError(f"the {what} is not valid: {'; '.join(details)}")


def normalise_name(text: str) -> str:
    """Fold a type or header name for matching.

    Case, spaces, ``_``, ``-`` and the Danish transliterations (``ae``/``æ``, ``oe``/``ø``,
    ``aa``/``å``) do not matter: the key is lower case, without spaces, in plain letters.

    Examples
    --------
    >>> from stratgraph.schema import normalise_name
    >>> normalise_name("Tværgående projekt"), normalise_name("tvaergaaende_projekt")
    ('tvaergaaendeprojekt', 'tvaergaaendeprojekt')
    >>> normalise_name("Resultat-aftale") == normalise_name("RESULTATAFTALE")
    True
    """
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
        Labels for figures and reports; default to the name with spaces.
    optional
        The level may be skipped by a hierarchy link without a finding.
    nestable
        An element may have a parent of its own level (sub-goals, sub-projects).

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
        if not self.label_da:
            object.__setattr__(self, "label_da", self.label_en)
        return self

    def label(self, lang: str = "en") -> str:
        """Return the label in ``lang`` (``"en"`` or ``"da"``)."""
        if lang == "da":
            return self.label_da
        if lang == "en":
            return self.label_en
        msg = f"unknown language {lang!r}; valid: 'en', 'da'"
        raise ValueError(msg)


class Schema(BaseModel):
    """Ordered levels, top first, with one goal level.

    Levels above the goal level are *anchor levels*; levels below it are *work levels*.

    Parameters
    ----------
    levels
        The levels, top first, as names or :class:`Level` objects.
    goal_level
        The name of the goal level.
    name
        The schema's name (a preset's name, or ``"custom"``).

    Examples
    --------
    >>> s = sg.Schema(levels=["agenda", "goal", "target", "indicator"], goal_level="target")
    >>> s.level_names
    ('agenda', 'goal', 'target', 'indicator')
    >>> s.anchor_levels, s.work_levels
    (('agenda', 'goal'), ('indicator',))
    >>> sg.Schema.preset("municipal").resolve_type("Effektmål")
    'effect_goal'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    levels: tuple[Level, ...] = Field(min_length=1)
    goal_level: str
    name: str = "custom"

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except PydanticError as err:
            raise _schema_error(err, "schema") from err

    @field_validator("levels", mode="before")
    @classmethod
    def _levels_from_names(cls, value: Any) -> Any:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            return value
        return tuple(Level(name=v) if isinstance(v, str) else v for v in value)

    @model_validator(mode="after")
    def _check_levels(self) -> Schema:
        names = [level.name for level in self.levels]
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
    def coerce(cls, schema: Schema | str | Mapping[str, Any] | None) -> Schema:
        """Return a Schema from a Schema, a preset name, a mapping (as in a file) or ``None``.

        ``None`` gives the default ``municipal`` preset.

        Examples
        --------
        >>> sg.Schema.coerce(None).name, sg.Schema.coerce("logframe").goal_level
        ('municipal', 'outcome')
        >>> sg.Schema.coerce({"levels": ["goal", "action"], "goal_level": "goal"}).work_levels
        ('action',)
        """
        if schema is None:
            return _PRESETS["municipal"]
        if isinstance(schema, Schema):
            return schema
        if isinstance(schema, str):
            return cls.preset(schema)
        if isinstance(schema, Mapping):
            return cls.from_dict(schema)
        msg = (  # type: ignore[unreachable] # callers from untyped code pass anything
            f"schema must be a Schema, a preset name or a mapping, not {type(schema).__name__}; "
            f"presets: {', '.join(preset_names())}"
        )
        raise SchemaError(msg)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Schema:
        """Build a schema from its file form (``levels:`` and ``goal_level:``), or a preset.

        Examples
        --------
        >>> sg.Schema.from_dict({"levels": ["agenda", "goal", "target"], "goal_level": "target"})
        Schema('custom', levels=['agenda', 'goal', 'target'], goal_level='target')
        >>> sg.Schema.from_dict({"preset": "okr"}).name
        'okr'
        """
        if "preset" in data and len(data) == 1:
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
        """The levels below the goal level.

        Examples
        --------
        >>> sg.Schema.preset("municipal").work_levels
        ('agreement', 'project')
        """
        return self.level_names[self.goal_rank + 1 :]

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

    def unknown_type_message(self, text: object) -> str:
        """Say that ``text`` is not a level of this schema, name the closest, list the valid names.

        Examples
        --------
        >>> sg.Schema.preset("okr").unknown_type_message("goal")
        "unknown type 'goal'; valid types (and aliases): mission (vision, formål); ..."
        >>> sg.Schema.preset("municipal").unknown_type_message("projket")
        "unknown type 'projket' (did you mean 'projekt'?); valid types (and aliases): ..."
        """
        # The map's builder owns the one did-you-mean; a schema has few names, so it is cheap.
        from stratgraph._build import did_you_mean  # noqa: PLC0415 - _build imports this module

        valid = "; ".join(
            level.name + (f" ({', '.join(level.aliases)})" if level.aliases else "")
            for level in self.levels
        )
        # Aliases first: of equally close names the one written in the file's language wins.
        names = [a for level in self.levels for a in level.aliases] + list(self.level_names)
        hint = did_you_mean(str(text), names) if isinstance(text, str) else ""
        return f"unknown type {text!r}{hint}; valid types (and aliases): {valid}"

    def __repr__(self) -> str:
        return (
            f"Schema({self.name!r}, levels={list(self.level_names)}, "
            f"goal_level={self.goal_level!r})"
        )


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
