"""What an analyst would write by hand: pandas reads the files, a loop builds a networkx DiGraph.

Every target of the benchmarks is a ratio against this code, run side by side in the same process.
The graph it builds holds the same nodes, node attributes and edges as the map's
:meth:`~stratgraph.StrategyMap.to_networkx` (``tests/test_benchmarks.py`` checks that), so the
comparison is like for like: the same files in, the same information out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["digraph_from_frames", "networkx_by_hand", "read_frames"]


def read_frames(path: Path) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    """Read the elements file and its ``links`` and ``indicators`` siblings with pandas."""
    links = path.with_name(f"{path.stem}.links.csv")
    indicators = path.with_name(f"{path.stem}.indicators.csv")
    return (
        pd.read_csv(path, low_memory=False),
        pd.read_csv(links) if links.is_file() else None,
        pd.read_csv(indicators) if indicators.is_file() else None,
    )


def digraph_from_frames(
    elements: pd.DataFrame, links: pd.DataFrame | None, indicators: pd.DataFrame | None
) -> nx.DiGraph[str]:
    """Build the DiGraph: one node per row, an edge per parent and per ``kind:target`` entry."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for row in elements.to_dict("records"):
        eid = row.pop("id")
        parents, lateral = row.pop("parents"), row.pop("links")
        attrs: dict[str, Any] = {k: v for k, v in row.items() if pd.notna(v)}
        if "agenda" in attrs:
            attrs["agenda"] = tuple(tag.strip() for tag in attrs["agenda"].split(";"))
        graph.add_node(eid, **attrs)
        if pd.notna(parents):
            for parent in parents.split(";"):
                graph.add_edge(parent.strip(), eid, kind="hierarchy")
        if pd.notna(lateral):
            for entry in lateral.split(";"):
                kind, _, target = entry.strip().partition(":")
                graph.add_edge(eid, target, kind=kind)
    if links is not None:
        for row in links.to_dict("records"):
            data = graph.edges[row["source"], row["target"]]
            data.update((k, row[k]) for k in ("note", "weight") if pd.notna(row[k]))
    if indicators is not None:
        for row in indicators.to_dict("records"):
            node = graph.nodes[row.pop("element")]
            node.setdefault("indicators", []).append({k: v for k, v in row.items() if pd.notna(v)})
    return graph


def networkx_by_hand(path: Path) -> nx.DiGraph[str]:
    """Read ``path`` with pandas and build the DiGraph: the whole job done by hand."""
    return digraph_from_frames(*read_frames(path))
