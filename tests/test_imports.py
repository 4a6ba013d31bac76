"""The modules of stratgraph import one another without cycles, and each can be imported alone.

The graph is read from the source with ``ast``: every ``import`` and ``from … import`` of a
stratgraph module, at module level and inside functions alike (a deferred import is still a
dependency), but not those under ``if TYPE_CHECKING:``, which never run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx

import stratgraph

SRC = Path(stratgraph.__file__).parent
PACKAGE = "stratgraph"


def _module_name(path: Path) -> str:
    parts = [PACKAGE, *path.relative_to(SRC).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, source: str, modules: set[str]) -> set[str]:
    """Return the stratgraph modules that module ``name`` (of ``source``) imports."""
    # A package's own relative imports start from it; a module's from the package holding it.
    is_package = any(m.startswith(f"{name}.") for m in modules)
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    stack: list[ast.AST] = [ast.parse(source)]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                stack.extend(child.orelse)  # the else branch runs
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name.split(".")[0] == PACKAGE)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - child.level + 1]
                    base = ".".join([*parts, *([child.module] if child.module else [])])
                if base.split(".")[0] != PACKAGE:
                    continue
                for alias in child.names:
                    submodule = f"{base}.{alias.name}"
                    found.add(submodule if submodule in modules else base)
            stack.append(child)
    return found


def import_graph(sources: dict[str, str]) -> nx.DiGraph[str]:
    """Return the graph of modules (by name) and the stratgraph modules each imports."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(sources)
    names = set(sources)
    for name, source in sources.items():
        graph.add_edges_from((name, target) for target in _imports(name, source, names))
    return graph


def cycles(graph: nx.DiGraph[str]) -> list[list[str]]:
    """Return each group of modules that import one another, as one cycle through them."""
    found = []
    for group in nx.strongly_connected_components(graph):
        if len(group) > 1:
            cycle = nx.find_cycle(graph.subgraph(group))
            found.append([*(edge[0] for edge in cycle), cycle[0][0]])
    return found


def test_the_modules_import_one_another_without_cycles():
    sources = {name: path.read_text(encoding="utf-8") for name, path in MODULES.items()}
    found = cycles(import_graph(sources))
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_the_graph_sees_every_kind_of_import():
    # A package whose modules import one another in each way the graph must see: deferred in a
    # function, relative, `from package import submodule`, and one under TYPE_CHECKING (none).
    sources = {
        "stratgraph": "from stratgraph import a\n",
        "stratgraph.a": "def f():\n    from stratgraph.b import thing\n",
        "stratgraph.b": "from . import c\n",
        "stratgraph.c": "from stratgraph import __version__\n",
        "stratgraph.d": "if TYPE_CHECKING:\n    import stratgraph.a\nelse:\n    import json\n",
    }
    graph = import_graph(sources)
    assert sorted(graph.edges) == [
        ("stratgraph", "stratgraph.a"),
        ("stratgraph.a", "stratgraph.b"),
        ("stratgraph.b", "stratgraph.c"),
        ("stratgraph.c", "stratgraph"),
    ]
    (cycle,) = cycles(graph)
    assert cycle[0] == cycle[-1]
    assert sorted(cycle[1:]) == ["stratgraph", "stratgraph.a", "stratgraph.b", "stratgraph.c"]


def _import_alone(name: str) -> subprocess.CompletedProcess[str]:
    code = f"import {name}"
    if name == "stratgraph.__main__":  # importing it runs the command line: ask for the version
        code = f"import sys; sys.argv[1:] = ['--version']; {code}"
    return subprocess.run(  # noqa: S603 - this interpreter on a module of ours
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_module_imports_alone_in_a_fresh_interpreter():
    names = list(MODULES)
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = dict(zip(names, pool.map(_import_alone, names), strict=True))
    failed = {n: d.stderr.strip().splitlines()[-1:] for n, d in done.items() if d.returncode}
    assert not failed, failed
    assert len(done) == len(MODULES) > 50  # every module, packages included
