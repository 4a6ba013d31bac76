"""Build hooks for the documentation site: notebooks and command help as pages, links in docstrings.

MkDocs loads this file by path (``hooks:`` in mkdocs.yml) and mkdocstrings loads
:class:`DocstringReferences` from it as a griffe extension.

The notebooks are executed once per check: ``tests/test_notebooks.py`` runs them and keeps each
that passed, with its outputs, in ``.notebooks/``. When every notebook has such a copy whose cells
are the notebook's own, the site shows those copies and mkdocs-jupyter executes nothing; otherwise
(a notebook changed since, or the tests were not run) mkdocs-jupyter executes them all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import griffe
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import stratgraph

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

NOTEBOOKS = "notebooks"
EXECUTED = ".notebooks"
CLI_PAGE, CLI_MARKER = "cli.md", "<!-- the help of every command -->"
PUBLIC = set(stratgraph.__all__) - {"__version__", "datasets"}
DATASETS = set(stratgraph.datasets.__all__)

# Sphinx roles as the docstrings write them: :func:`read`, :class:`~stratgraph.StrategyMap`.
ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|data|exc|obj):`(~?)([\w.]+?)(\(\))?`")
SEE_ALSO = re.compile(r"^See Also\n-{3,}\n(?P<body>(?:.+\n?)+)", re.MULTILINE)
SEE_ALSO_ITEM = re.compile(r"^(?P<names>[\w.]+(?:\s*,\s*[\w.]+)*)(?:\s*:\s*(?P<text>.*))?$")


def _sources(path: Path) -> list[tuple[str, str]]:
    """Return the kind and source of each cell of a notebook, outputs left out."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(c["cell_type"], "".join(c["source"])) for c in cells]


def _executed_root(root: Path) -> Path | None:
    """Return ``.notebooks/`` if its notebooks/ holds an executed copy of every notebook."""
    executed = root / EXECUTED
    for path in (root / NOTEBOOKS).glob("*.ipynb"):
        copy = executed / NOTEBOOKS / path.name
        if not copy.is_file() or _sources(copy) != _sources(path):
            return None
    return executed


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Execute no notebook where the tests have executed every one of them already."""
    if _executed_root(Path(config.config_file_path).parent) is not None:
        config.plugins["mkdocs-jupyter"].config["execute"] = False
    return config


@event_priority(100)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the notebooks as pages under notebooks/: the executed copies where there are."""
    root = Path(config.config_file_path).parent
    source = _executed_root(root) or root
    for path in sorted((root / NOTEBOOKS).glob("*.ipynb")):
        files.append(
            File(
                f"{NOTEBOOKS}/{path.name}",
                src_dir=str(source),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
    return files


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:  # noqa: ARG001 - MkDocs' signature
    """Put the help of every command into the command line page, as the terminal shows it."""
    if page.file.src_uri != CLI_PAGE:
        return markdown
    if CLI_MARKER not in markdown:
        msg = f"{CLI_PAGE} lost its marker {CLI_MARKER!r}: the command help has nowhere to go"
        raise ValueError(msg)
    return markdown.replace(CLI_MARKER, _command_help())


def _command_help() -> str:
    from stratgraph.cli import main  # noqa: PLC0415 - loads click and the commands on demand

    width = {"terminal_width": 100, "max_content_width": 100}
    root = click.Context(main, info_name="stratgraph", **width, **main.context_settings)
    sections = [f"## stratgraph\n\n```text\n{main.get_help(root)}\n```"]
    for name, command in main.commands.items():
        context = click.Context(command, info_name=name, parent=root, **width)
        sections.append(f"## stratgraph {name}\n\n```text\n{command.get_help(context)}\n```")
    return "\n\n".join(sections)


class DocstringReferences(griffe.Extension):
    """Turn the docstrings' Sphinx roles and See Also entries into links of the site.

    A name that the API reference documents becomes a link to it; any other name (a private
    helper, a matplotlib class) stays as code.
    """

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:  # noqa: ARG002 - griffe's signature
        """Point the public names at what Python imports, then rewrite every docstring."""
        for name in sorted(PUBLIC):
            member = pkg.members.get(name)
            if member is None or not member.is_alias:
                continue
            # `from .cross_cutting import cross_cutting` makes the name the function in Python;
            # griffe takes the module of the same name, unless told.
            target = member.final_target
            if target.is_module and name in target.members:
                pkg.set_member(name, griffe.Alias(name, f"{target.path}.{name}", parent=pkg))
        for obj in _objects(pkg):
            if obj.docstring is not None:
                value = SEE_ALSO.sub(lambda m, o=obj: _see_also(m, o, pkg), obj.docstring.value)
                obj.docstring.value = ROLE.sub(lambda m, o=obj: _role(m, o, pkg), value)


def _objects(obj: griffe.Object) -> list[griffe.Object]:
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_objects(member))
    return found


def _role(match: re.Match[str], obj: griffe.Object, pkg: griffe.Module) -> str:
    short, name, call = match.group(1), match.group(2), match.group(3) or ""
    shown = (name.rsplit(".", 1)[-1] if short else name.removeprefix("stratgraph.")) + call
    return _reference(name, shown, obj, pkg)


def _see_also(match: re.Match[str], obj: griffe.Object, pkg: griffe.Module) -> str:
    items = []
    for line in match.group("body").splitlines():
        item = SEE_ALSO_ITEM.match(line.strip())
        if item is None:  # a continuation of the previous description
            items[-1] += " " + line.strip()
            continue
        text = item.group("text")
        names = [name.strip() for name in item.group("names").split(",")]
        links = ", ".join(_reference(name, name, obj, pkg) for name in names)
        items.append(f"- {links}" + (f": {text}" if text else ""))
    return "See Also\n--------\n" + "\n".join(items) + "\n"


def _reference(name: str, shown: str, obj: griffe.Object, pkg: griffe.Module) -> str:
    """Return a link to ``name`` as seen from ``obj``, or ``name`` as code."""
    identifier = _identifier(name.removeprefix("stratgraph."), obj)
    if identifier is not None and _documented(identifier, pkg):
        return f"[`{shown}`][{identifier}]"
    return f"`{shown}`"


def _identifier(name: str, obj: griffe.Object) -> str | None:
    head = name.split(".", 1)[0]
    if head in PUBLIC:
        return f"stratgraph.{name}"
    if head == "datasets" or (obj.path.startswith("stratgraph.datasets") and name in DATASETS):
        return f"stratgraph.datasets.{name.removeprefix('datasets.')}"
    cls = obj if obj.is_class else obj.parent
    if cls is not None and cls.is_class and cls.name in PUBLIC and name in cls.members:
        return f"stratgraph.{cls.name}.{name}"
    return None


def _documented(identifier: str, pkg: griffe.Module) -> bool:
    """Whether the API reference shows ``identifier``: it exists and has a docstring."""
    try:
        target = pkg[identifier.removeprefix("stratgraph.")]
    except (KeyError, griffe.AliasResolutionError):
        return False
    if target.is_alias:
        try:
            target = target.final_target
        except griffe.AliasResolutionError:
            return False
    return target.docstring is not None
