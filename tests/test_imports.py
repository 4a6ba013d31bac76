"""The modules of stratgraph import one another downwards only, and each can be imported alone.

The graph is read from the source with ``ast``: every ``import`` and ``from … import`` of a
stratgraph module, at module level and inside functions alike (a deferred import is still a
dependency), but not those under ``if TYPE_CHECKING:``, which never run. :data:`LAYERS` is the
one statement of which module sits above which; CONTRIBUTING.md draws it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx

import stratgraph

SRC = Path(stratgraph.__file__).parent
PACKAGE = "stratgraph"
CONTRIBUTING = SRC.parents[1] / "CONTRIBUTING.md"

#: The layers, lowest first. A module may import only from a lower layer, or from its own unit
#: (a package's modules import one another; the cycle test keeps that in order). A unit is a
#: module or a package; a module belongs to the longest unit that names it or a package above it,
#: so ``analysis._index`` is its own unit, below the rest of ``analysis``.
LAYERS: list[tuple[str, ...]] = [
    ("exceptions", "_util", "_pandas", "_formats", "_premises", "_cells"),
    ("_options", "_readnotes", "_yaml", "_atomic"),
    ("_language", "schema", "_numbers", "period"),
    ("model",),
    ("_build",),
    ("analysis._index", "analysis._frame"),
    ("views",),
    ("strategy_map",),
    ("analysis", "io"),
    ("atlas",),
    ("audit", "plotting", "datasets"),
    ("interactive",),
    ("report",),
    ("report_atlas",),
    ("",),  # stratgraph/__init__.py, the public face
    ("cli",),
    ("__main__",),
]
#: Imports between two units of one layer that the layering allows: none so far. Add a pair
#: (importer, imported) here only with the reason beside it.
SIDEWAYS: set[tuple[str, str]] = set()
#: Private modules inside a package that modules outside it may import, and why.
SHARED_PRIVATE = {
    "analysis._index": "the one walk of the hierarchy; views and the audit's rules read it too",
    "io._common": "the decoding of text files, which the atlas's links files are read with too",
}


def unit_of(name: str) -> str:
    """Return the unit of module ``name`` in :data:`LAYERS` (``""`` for the package itself)."""
    parts = name.split(".")[1:]
    units = {u for layer in LAYERS for u in layer}
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in units:
            return ".".join(parts[:n])
    if not parts:
        return ""
    msg = f"{name} is in no layer of LAYERS: add it to the table"
    raise AssertionError(msg)


def layer_of(unit: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


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


def test_every_import_goes_to_the_same_unit_or_a_lower_layer():
    sources = {name: path.read_text(encoding="utf-8") for name, path in MODULES.items()}
    upwards = []
    for importer, imported in import_graph(sources).edges:
        a, b = unit_of(importer), unit_of(imported)
        if a == b or (a, b) in SIDEWAYS or layer_of(b) < layer_of(a):
            continue
        how = "sideways" if layer_of(b) == layer_of(a) else "upwards"
        upwards.append(f"{importer} → {imported} ({how}: {a or PACKAGE} → {b or PACKAGE})")
    assert not upwards, "imports against LAYERS:\n" + "\n".join(sorted(upwards))


def _private_imports(name: str, source: str) -> list[str]:
    """Return the private modules and names of another package that module ``name`` imports."""
    own = name.split(".")[1] if name.count(".") >= 1 else ""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(PACKAGE):
            continue  # relative imports stay inside their package
        parts = node.module.split(".")[1:]
        if not parts or parts[0] == own:
            continue
        inner = [p for p in parts[1:] if p.startswith("_")]
        if inner and ".".join(parts) not in SHARED_PRIVATE:
            found.append(f"{name}:{node.lineno} imports the module {node.module}")
        found += [
            f"{name}:{node.lineno} imports {node.module}.{alias.name}"
            for alias in node.names
            if alias.name.startswith("_") and not alias.name.startswith("__")
        ]
    return found


def test_no_module_imports_what_another_package_keeps_private():
    # A helper one package shares with others has a public name, or lives in a private module
    # of stratgraph itself (``stratgraph._cells``), below every layer that uses it.
    found = [
        line
        for name, path in MODULES.items()
        for line in _private_imports(name, path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_every_unit_of_the_layers_is_in_the_diagram_of_contributing():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    diagram = text.split("## How the package is built", 1)[1].split("```text", 1)[1]
    diagram = diagram.split("```", 1)[0]
    drawn = set(re.findall(r"[\w.]+(?=/?)", diagram))
    missing = [u for layer in LAYERS for u in layer if u and u not in drawn]
    assert not missing, f"units of LAYERS missing from CONTRIBUTING.md's diagram: {missing}"
    for name in MODULES:
        unit_of(name)  # raises for a module in no layer


def test_the_layer_check_sees_an_import_upwards():
    sources = {
        "stratgraph.model": "from stratgraph.strategy_map import StrategyMap\n",
        "stratgraph.strategy_map": "from stratgraph.model import Element\n",
        "stratgraph.io.csv": "from stratgraph.analysis._frame import frame\n",
    }
    edges = import_graph(sources).edges
    assert [(a, b) for a, b in edges if layer_of(unit_of(b)) >= layer_of(unit_of(a))] == [
        ("stratgraph.model", "stratgraph.strategy_map")
    ]
    assert _private_imports("stratgraph.io.csv", sources["stratgraph.io.csv"]) == [
        "stratgraph.io.csv:1 imports the module stratgraph.analysis._frame"
    ]


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
