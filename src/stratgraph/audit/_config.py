"""The audit's configuration: keywords and a TOML file merged and checked into one frozen object.

Every bad value raises :class:`ConfigError` naming the option and what would be valid.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from stratgraph._options import (
    NearDuplicateSearch,
    check_choice,
    check_fraction,
    check_number,
    check_whole,
    choices,
    invalid,
)
from stratgraph.audit._rules import RULES, SEVERITIES, Rule, Severity
from stratgraph.exceptions import ConfigError

if TYPE_CHECKING:
    from stratgraph._util import StrPath

__all__ = ["THRESHOLDS", "AuditConfig", "configure"]

#: The thresholds and their defaults; see :func:`audit`.
THRESHOLDS: Mapping[str, Any] = MappingProxyType(
    {
        "overload_limit": 5,
        "near_duplicate_threshold": 0.85,
        "near_duplicate_search": "auto",
        "cross_cutting_min_groups": 2,
        "cross_cutting_by": None,
        "at_risk": 0.10,
        "off_track": 0.25,
    }
)
#: Every option a configuration may give.
OPTIONS = ("select", "ignore", "severity", *THRESHOLDS)

_BY_NAME = {rule.name: rule for rule in RULES}
_SEVERITY: dict[str, Severity] = {severity: severity for severity in SEVERITIES}


@dataclass(frozen=True, slots=True)
class AuditConfig:
    """What an audit runs with: the rules chosen, their severities and the thresholds."""

    rules: tuple[Rule, ...]
    severity: Mapping[str, Severity]
    overload_limit: int
    near_duplicate_threshold: float
    near_duplicate_search: NearDuplicateSearch
    cross_cutting_min_groups: int
    cross_cutting_by: str | None
    at_risk: float
    off_track: float

    def thresholds(self) -> dict[str, Any]:
        """Return the thresholds by name, as :attr:`AuditReport.thresholds` shows them."""
        return {name: getattr(self, name) for name in THRESHOLDS}


def configure(
    config: StrPath | Mapping[str, Any] | None, keywords: Mapping[str, object]
) -> AuditConfig:
    """Return the configuration of ``config`` (a TOML file or a mapping) and ``keywords``.

    ``keywords`` holds only the options given; they win over ``config``, and severities merge.
    """
    if config is None:
        given: dict[str, Any] = {}
    elif isinstance(config, str | PathLike):
        given = _read_toml(config)
    elif hasattr(config, "items"):
        given = dict(config)
    else:
        msg = f"config must be a path to a TOML file or a mapping of options, not {config!r}"
        raise ConfigError(msg)
    merged: dict[str, Any] = {}
    for source in (given, keywords):
        for key, value in source.items():
            option = key.replace("-", "_") if isinstance(key, str) else key
            if option not in OPTIONS:
                msg = f"unknown audit option {key!r}; valid options: {', '.join(OPTIONS)}"
                raise ConfigError(msg)
            if option == "severity" and "severity" in merged:
                merged["severity"] = {**merged["severity"], **_severities(value)}
            else:
                merged[option] = _severities(value) if option == "severity" else value
    selected = _rule_list(merged["select"], "select") if "select" in merged else list(RULES)
    ignored = {rule.code for rule in _rule_list(merged.get("ignore", []), "ignore")}
    chosen = {rule.code for rule in selected} - ignored
    severity: dict[str, Severity] = {rule.code: rule.severity for rule in RULES}
    severity.update(merged.get("severity", {}))
    by = merged.get("cross_cutting_by")
    if by is not None and not isinstance(by, str):
        raise invalid("cross_cutting_by", by, "a level name or 'agenda'", error=ConfigError)

    def whole(option: str, least: int) -> int:
        value = merged.get(option, THRESHOLDS[option])
        return check_whole(option, value, least=least, error=ConfigError)

    at_risk = check_number(
        "at_risk", merged.get("at_risk", THRESHOLDS["at_risk"]), least=0, error=ConfigError
    )
    given_off = merged.get("off_track", THRESHOLDS["off_track"])
    off_track = check_number("off_track", given_off, least=0, error=ConfigError)
    if off_track < at_risk:
        valid = f"a number of at_risk ({at_risk:g}) or more"
        raise invalid("off_track", given_off, valid, error=ConfigError)

    return AuditConfig(
        rules=tuple(rule for rule in RULES if rule.code in chosen),
        severity=MappingProxyType(severity),
        overload_limit=whole("overload_limit", 0),
        near_duplicate_threshold=check_fraction(
            "near_duplicate_threshold",
            merged.get("near_duplicate_threshold", THRESHOLDS["near_duplicate_threshold"]),
            error=ConfigError,
        ),
        near_duplicate_search=check_choice(
            "near_duplicate_search",
            merged.get("near_duplicate_search", THRESHOLDS["near_duplicate_search"]),
            choices(NearDuplicateSearch),
            error=ConfigError,
        ),
        cross_cutting_min_groups=whole("cross_cutting_min_groups", 2),
        cross_cutting_by=by,
        at_risk=at_risk,
        off_track=off_track,
    )


def _valid_rules() -> str:
    return ", ".join(f"{rule.code} ({rule.name})" for rule in RULES)


def _rules_named(value: object, option: str) -> list[Rule]:
    """Return the rules one entry of ``select`` or ``ignore`` names: a code, name or prefix."""
    if not isinstance(value, str) or not value.strip():
        msg = (
            f"{option} entries must be rule codes or names, not {value!r}; valid: {_valid_rules()}"
        )
        raise ConfigError(msg)
    text = value.strip()
    if text.upper() == "ALL":
        return list(RULES)
    name = re.sub(r"[\s_\-]+", "-", text.casefold())
    if name in _BY_NAME:
        return [_BY_NAME[name]]
    matches = [rule for rule in RULES if rule.code.startswith(text.upper())]
    if matches and len(text) >= 3:  # noqa: PLR2004 - "SG1" and longer: "S" would match everything
        return matches
    msg = (
        f"unknown rule {value!r} in {option}; give a code (e.g. 'SG101'), a code prefix "
        f"(e.g. 'SG1'), a name or 'ALL'; valid rules: {_valid_rules()}"
    )
    raise ConfigError(msg)


def _rule_list(value: object, option: str) -> list[Rule]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, Mapping | bytes):
        raise invalid(option, value, "a list of rule codes or names", error=ConfigError)
    return [rule for entry in value for rule in _rules_named(entry, option)]


def _severities(value: object) -> dict[str, Severity]:
    valid = ", ".join(map(repr, SEVERITIES))
    if not isinstance(value, Mapping):
        raise invalid(
            "severity",
            value,
            f"a mapping of rule codes or names to one of {valid}, e.g. {{'SG301': 'warning'}}",
            error=ConfigError,
        )
    result: dict[str, Severity] = {}
    for key, level in value.items():
        written = _SEVERITY.get(level.strip().lower()) if isinstance(level, str) else None
        if written is None:
            option = f"severity[{key!r}]"
            valid_level = f"one of {valid} (to switch a rule off, put it in ignore)"
            raise invalid(option, level, valid_level, error=ConfigError)
        for rule in _rules_named(key, "severity"):
            result[rule.code] = written
    return result


def _read_toml(path: StrPath) -> dict[str, Any]:
    """Return the audit options in a TOML file: all of it, or its ``[tool.stratgraph.audit]``."""
    file = Path(path)
    name = str(file)
    # A FIFO or a device would block or never end: only a regular file is read (as schema files).
    if not file.is_file():
        what = "is a folder" if file.is_dir() else "is not a regular file"
        what = what if file.exists() else "does not exist"
        msg = f"audit config file {name!r} {what}; give a TOML file of audit options"
        raise ConfigError(msg)
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        msg = f"audit config file {name!r} is not UTF-8 text ({err}); save it as UTF-8"
        raise ConfigError(msg) from err
    except OSError as err:
        msg = f"audit config file {name!r} cannot be read ({err.strerror or err})"
        raise ConfigError(msg) from err
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        msg = f"audit config file {name!r} is not valid TOML: {err}"
        raise ConfigError(msg) from err
    except RecursionError as err:
        msg = (
            f"audit config file {name!r} is nested too deeply to be an audit configuration; "
            "it holds options such as select = [...] and overload_limit = 5"
        )
        raise ConfigError(msg) from err
    if "tool" in data:  # a pyproject.toml
        tool = data["tool"]
        stratgraph = tool.get("stratgraph", {}) if isinstance(tool, dict) else None
        section = stratgraph.get("audit") if isinstance(stratgraph, dict) else None
        if not isinstance(section, dict):
            msg = (
                f"{str(file)!r} has a [tool] table but no [tool.stratgraph.audit] table; put the "
                "audit options there, or in a file of their own"
            )
            raise ConfigError(msg)
        return section
    return data
