"""The project's own files agree: licence, pre-commit hooks, changelog and the docs site."""

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml

import stratgraph as sg

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
#: The dev tools and their pinned versions, from pyproject.toml's dev extras.
PINS = dict(
    re.fullmatch(r"([\w.-]+)(?:\[[\w,]+\])?==([\w.]+)", requirement).groups()
    for requirement in PROJECT["optional-dependencies"]["dev"]
)
#: Hooks published by a repository of their own, by the tool they run.
PUBLISHED_HOOKS = {
    "https://github.com/astral-sh/ruff-pre-commit": "ruff",
    "https://github.com/pre-commit/mirrors-mypy": "mypy",
}
#: What each published hook runs, by its id.
PUBLISHED_COMMANDS = {
    "ruff": ("check",),
    "ruff-check": ("check",),
    "ruff-format": ("format",),
    "mypy": (),
}
#: The options a hook may add: none that changes the settings pyproject.toml gives the tool.
HOOK_OPTIONS = {"--force-exclude"}


def test_the_licence_file_is_the_one_pyproject_names_and_the_wheel_carries():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PROJECT["license"] == "MIT"
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert "Permission is hereby granted, free of charge, to any person obtaining" in text
    assert PROJECT["license-files"] == ["LICENSE"]
    # hatchling reads license-files from 1.27 on; an older one would build a wheel without it.
    assert "hatchling>=1.27" in PYPROJECT["build-system"]["requires"][0]
    assert "MIT licence" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _commands_of_hooks(config_text):
    """Return the commands the hooks run, checking each runs a pinned tool with our settings."""
    ran = set()
    for repo in yaml.safe_load(config_text)["repos"]:
        for hook in repo["hooks"]:
            if repo["repo"] == "local":
                assert hook["language"] == "system", hook["id"]
                program, *words = shlex.split(hook["entry"])
                # The tools make installs from the pins, not whatever is on the PATH.
                assert program.startswith(".venv/bin/"), hook["id"]
                tool = program.removeprefix(".venv/bin/")
            else:
                tool = PUBLISHED_HOOKS[repo["repo"]]
                assert repo["rev"] == f"v{PINS[tool]}", f"{repo['repo']} is not at {PINS[tool]}"
                words = list(PUBLISHED_COMMANDS[hook["id"]])
            words += hook.get("args", [])
            assert tool in PINS, f"{tool} is not pinned in the dev extras"
            options = {word for word in words if word.startswith("-")}
            assert options <= HOOK_OPTIONS, f"{hook['id']} sets {options - HOOK_OPTIONS} itself"
            ran.add(" ".join([tool, *(word for word in words if not word.startswith("-"))]))
    return ran


def test_the_pre_commit_hooks_run_ruff_and_mypy_as_the_makefile_does():
    ran = _commands_of_hooks((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert ran == {"ruff check", "ruff format", "mypy"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in ran:
        assert f"$(BIN)/{command}" in makefile


RUFF_HOOKS = "https://github.com/astral-sh/ruff-pre-commit"


@pytest.mark.parametrize(
    ("hook", "problem"),
    [
        ("{repo: local, hooks: [{id: bare, entry: ruff check, language: system}]}", "bare"),
        ("{repo: local, hooks: [{id: r, entry: .venv/bin/ruff check -q, language: system}]}", "-q"),
        (
            "{repo: local, hooks: [{id: r, entry: .venv/bin/ruff, args: [-x], language: system}]}",
            "-x",
        ),
        (f"{{repo: '{RUFF_HOOKS}', rev: v0.1.0, hooks: [{{id: ruff-check}}]}}", "is not at"),
    ],
)
def test_a_hook_that_differs_from_the_makefile_is_refused(hook, problem):
    with pytest.raises(AssertionError, match=problem):
        _commands_of_hooks(f"repos: [{hook}]")


def test_a_published_hook_at_the_pinned_version_is_accepted():
    hook = f"{{repo: '{RUFF_HOOKS}', rev: v{PINS['ruff']}, hooks: [{{id: ruff}}]}}"
    assert _commands_of_hooks(f"repos: [{hook}]") == {"ruff check"}


def test_the_changelog_keeps_a_changelog_and_names_this_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.MULTILINE)
    headings = re.findall(r"^## .*$", text, re.MULTILINE)
    assert len(versions) == len(headings), "a version heading is not '## [x.y.z] - YYYY-MM-DD'"
    assert versions[0] == ("Unreleased", "")
    assert versions[1] == (sg.__version__, versions[1][1])
    assert all(date for _, date in versions[1:]), "every release has its date"
    sections = set(re.findall(r"^### (.*)$", text, re.MULTILINE))
    assert sections <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


@pytest.mark.parametrize(
    ("page", "source"), [("contributing.md", "CONTRIBUTING.md"), ("changelog.md", "CHANGELOG.md")]
)
def test_the_docs_site_shows_the_root_files(page, source):
    assert (ROOT / "docs" / page).read_text(encoding="utf-8") == f'--8<-- "{source}"\n'
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f": {page}\n" in nav
