"""Hypothesis strategies and reference views for the tests, and the one rule for example counts.

- :mod:`strategies.formats`: maps whose text and numbers are chosen to break file formats
  (``format_maps``, ``format_schemas``, ...), for the round trips through every format.
- :mod:`strategies.analysis`: small hierarchical maps for the analysis properties
  (``analysis_maps``, ``analysis_schemas``) and the plain graph views their brute-force
  references use (``hierarchy``, ``rank``, ``position``, ``check_frame``).
- :mod:`strategies.diffs`: maps with near-duplicate titles (``titled_maps``) and a map with an
  edited second version (``edited_maps``), for the duplicate and diff properties.

The Hypothesis profile (``tests/conftest.py``) decides how many examples a property runs: quick
locally, thorough in CI. A property whose examples are each slow, or that needs more of them to
reach its edge cases, says so as a share of the profile with :func:`examples`, never as a number.
"""

from __future__ import annotations

from hypothesis import settings

from strategies.analysis import (
    LEVEL_NAMES,
    OWNERS,
    TAGS,
    analysis_maps,
    analysis_schemas,
    check_frame,
    hierarchy,
    position,
    rank,
)
from strategies.diffs import Version, edited_maps, titled_maps, titles
from strategies.formats import (
    CP1252_TEXT,
    attrs,
    describe,
    element_ids,
    format_maps,
    format_schemas,
    indicators,
    map_names,
    texts,
)

__all__ = [
    "CP1252_TEXT",
    "LEVEL_NAMES",
    "OWNERS",
    "TAGS",
    "Version",
    "analysis_maps",
    "analysis_schemas",
    "attrs",
    "check_frame",
    "describe",
    "edited_maps",
    "element_ids",
    "examples",
    "format_maps",
    "format_schemas",
    "hierarchy",
    "indicators",
    "map_names",
    "position",
    "rank",
    "texts",
    "titled_maps",
    "titles",
]


def examples(share: float) -> settings:
    """Return settings that run ``share`` times the loaded profile's examples, at least one.

    ``examples(0.25)`` for a property whose examples each write several files; ``examples(2)``
    for one that needs more draws to reach its edge cases. Every other setting is the profile's.
    """
    return settings(max_examples=max(1, round(settings().max_examples * share)))
