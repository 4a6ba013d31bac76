"""The analyses of SPEC §4: pure functions of a map that return plain DataFrames indexed by id.

One module per family; each walks the hierarchy once through :mod:`stratgraph.analysis._index`.
"""

from __future__ import annotations

__all__: list[str] = []
