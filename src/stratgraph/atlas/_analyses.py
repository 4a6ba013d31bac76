"""The atlas's analyses: coverage along the governance chain, continuity over years, similar goals.

Each is a pure function of an atlas returning a plain DataFrame, as the single-map analyses do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from stratgraph._build import MapState
from stratgraph._options import check_fraction
from stratgraph._pandas import TEXT
from stratgraph._util import gc_paused
from stratgraph.analysis import near_duplicates
from stratgraph.atlas._atlas import Atlas, Key, check_atlas, check_year, namespaced
from stratgraph.model import LinkKind
from stratgraph.schema import Schema
from stratgraph.strategy_map import StrategyMap

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["continuity", "coverage", "goal_lifetimes", "similar_goals"]


def _years(atlas: Atlas, year: int | None) -> list[int | None]:
    if year is not None:
        return [check_year(atlas, year)]
    return list(atlas.years) or [None]


def _frame(index: Sequence[str], columns: dict[str, tuple[list[Any], str]]) -> pd.DataFrame:
    data = {name: pd.Series(values, dtype=dtype).array for name, (values, dtype) in columns.items()}
    return pd.DataFrame(data, index=pd.Index(list(index), dtype=TEXT, name="id"))


def _ancestors(atlas: Atlas) -> dict[str, list[str]]:
    """Each organisation's upper organisations, nearest first (a cycle is cut where it closes)."""
    out: dict[str, list[str]] = {}
    orgs = atlas.organisations  # the property orders the chain anew at each call
    known = set(orgs)
    for org in orgs:
        chain: list[str] = []
        up = atlas.parent(org)
        while up is not None and up not in chain and up != org and up in known:
            chain.append(up)
            up = atlas.parent(up)
        out[org] = chain
    return out


@gc_paused()
def coverage(atlas: Atlas, /, *, year: int | None = None) -> pd.DataFrame:
    """Return the goals that the governance chain leaves uncovered, per organisation and year.

    Along the chain (state → region → municipality) an upper organisation's goal is *taken up*
    when a link between maps (``supports`` or ``hierarchy``, either direction) joins it to an
    element of an organisation below it (any number of steps down); a lower organisation's goal
    *serves* an upper goal when such a link joins it to a goal (goal level of that map's schema)
    of an organisation above it. ``tension`` links count for neither. The check is made among
    the maps of each year (:meth:`Atlas.keys_of`): ``not_taken_up`` only for an organisation
    with a map below it that year, ``serves_no_upper`` only for one with a map above it.
    Time and memory are linear in the elements and links.

    Parameters
    ----------
    atlas
        The atlas.
    year
        One year of the atlas; ``None`` (the default) checks every year.

    Returns
    -------
    pandas.DataFrame
        One row per goal where either column is true, indexed by ``id`` as in
        ``atlas.combined(year)``, in chain order, then year, then map order:

        - ``organisation`` (str), ``year`` (Int64; ``<NA>`` in an atlas of no years): the map.
        - ``type`` (str), ``title`` (str): the goal's.
        - ``not_taken_up`` (bool): no organisation below takes the goal up.
        - ``serves_no_upper`` (bool): the goal serves no goal of an organisation above.

    Raises
    ------
    OptionError
        If ``year`` is not a year of the atlas.

    See Also
    --------
    orphaned_goals : goals without anchor or work within one map.

    Examples
    --------
    >>> atlas = sg.datasets.load_atlas("eksempel-atlas")
    >>> found = sg.coverage(atlas, year=2024)
    >>> found.loc["Staten:N4", ["not_taken_up", "serves_no_upper"]].tolist()
    [True, False]
    >>> found.groupby("organisation", sort=False)["serves_no_upper"].sum().to_dict()
    {'Staten': 0, 'Fjordby Kommune': 3, 'Skovlunde Kommune': 1, 'Havnstrup Kommune': 2}
    """
    check_atlas(atlas)
    ancestors = _ancestors(atlas)
    ids: list[str] = []
    cols: dict[str, list[Any]] = {k: [] for k in ("organisation", "year", "type", "title")}
    flags: dict[str, list[bool]] = {"not_taken_up": [], "serves_no_upper": []}
    for y in _years(atlas, year):
        keys = atlas.keys_of(y)
        present = {key[0] for key in keys}
        has_lower: set[str] = set()
        for org in present:
            has_lower.update(ancestors[org])
        taken: set[tuple[Key, str]] = set()
        serves: set[tuple[Key, str]] = set()
        for sk, sid, tk, tid, link in atlas.resolved_links(y):
            if link.kind is LinkKind.TENSION:
                continue
            if tk[0] in ancestors[sk[0]]:
                upper, lower = (tk, tid), (sk, sid)
            elif sk[0] in ancestors[tk[0]]:
                upper, lower = (sk, sid), (tk, tid)
            else:
                continue  # between organisations side by side: no part of the chain
            taken.add(upper)
            upper_map = atlas[upper[0]]
            if upper_map[upper[1]].type == upper_map.schema.goal_level:
                serves.add(lower)
        for key in keys:
            org = key[0]
            smap = atlas[key]
            check_up = org in has_lower
            check_down = any(a in present for a in ancestors[org])
            if not (check_up or check_down):
                continue
            goal = smap.schema.goal_level
            for element in smap:
                if element.type != goal:
                    continue
                not_taken = check_up and (key, element.id) not in taken
                no_upper = check_down and (key, element.id) not in serves
                if not (not_taken or no_upper):
                    continue
                ids.append(namespaced(org, element.id, key[1] if year is None else None))
                cols["organisation"].append(org)
                cols["year"].append(y)
                cols["type"].append(element.type)
                cols["title"].append(element.title)
                flags["not_taken_up"].append(not_taken)
                flags["serves_no_upper"].append(no_upper)
    return _frame(
        ids,
        {
            "organisation": (cols["organisation"], TEXT),
            "year": (cols["year"], "Int64"),
            "type": (cols["type"], TEXT),
            "title": (cols["title"], TEXT),
            "not_taken_up": (flags["not_taken_up"], "bool"),
            "serves_no_upper": (flags["serves_no_upper"], "bool"),
        },
    )


def _yearly(atlas: Atlas) -> dict[str, list[tuple[int, StrategyMap]]]:
    """Each organisation's maps of a year, in year order, in chain order of organisations."""
    out: dict[str, list[tuple[int, StrategyMap]]] = {org: [] for org in atlas.organisations}
    for (org, y), smap in atlas.items():
        if y is not None:
            out[org].append((y, smap))
    for maps in out.values():
        maps.sort(key=lambda item: item[0])
    return {org: maps for org, maps in out.items() if maps}


def _goal_ids(smap: StrategyMap) -> list[str]:
    goal = smap.schema.goal_level
    return [e.id for e in smap if e.type == goal]


@gc_paused()
def continuity(atlas: Atlas, /) -> pd.DataFrame:
    """Return the number of goals of each organisation in each year, and how many came and went.

    Goals (goal level of each map's schema) are matched by id between an organisation's
    consecutive maps (consecutive among the years it has a map of: a year with no map is passed
    over). Maps of no one year are left out. The seminar's "fewer and more long-term goals":
    falling ``n_goals`` and low ``added``/``removed`` over the years.

    Returns
    -------
    pandas.DataFrame
        One row per organisation and year, in chain order, then year order:

        - ``organisation`` (str), ``year`` (int).
        - ``n_goals`` (int): the goals of that year's map.
        - ``added`` (Int64): goals not in the organisation's previous map (``<NA>`` in its
          first year).
        - ``removed`` (Int64): goals of the previous map not in this one (``<NA>`` first).
        - ``kept`` (Int64): goals in both (``<NA>`` first).

    See Also
    --------
    goal_lifetimes : the years each goal is present.
    diff : every change between two maps.

    Examples
    --------
    >>> table = sg.continuity(sg.datasets.load_atlas("eksempel-atlas"))
    >>> table.query("organisation == 'Fjordby Kommune'")[["year", "n_goals", "added", "removed"]]
        year  n_goals  added  removed
    6   2022        9   <NA>     <NA>
    7   2023        9      2        2
    8   2024        8      0        1
    """
    check_atlas(atlas)
    cols: dict[str, list[Any]] = {k: [] for k in ("organisation", "year", "n_goals")}
    changes: dict[str, list[int | None]] = {"added": [], "removed": [], "kept": []}
    for org, maps in _yearly(atlas).items():
        before: set[str] | None = None
        for y, smap in maps:
            goals = set(_goal_ids(smap))
            cols["organisation"].append(org)
            cols["year"].append(y)
            cols["n_goals"].append(len(goals))
            changes["added"].append(None if before is None else len(goals - before))
            changes["removed"].append(None if before is None else len(before - goals))
            changes["kept"].append(None if before is None else len(goals & before))
            before = goals
    return pd.DataFrame(
        {
            "organisation": pd.Series(cols["organisation"], dtype=TEXT).array,
            "year": pd.Series(cols["year"], dtype="int64").array,
            "n_goals": pd.Series(cols["n_goals"], dtype="int64").array,
            **{k: pd.Series(v, dtype="Int64").array for k, v in changes.items()},
        }
    )


@gc_paused()
def goal_lifetimes(atlas: Atlas, /) -> pd.DataFrame:
    """Return each goal's lifetime: the first and last year it is in its organisation's maps.

    Goals are matched by id within an organisation across its maps of a year (maps of no one
    year are left out).

    Returns
    -------
    pandas.DataFrame
        One row per goal, indexed by ``id`` (``organisation:id``), in chain order, then in the
        order goals first appear:

        - ``organisation`` (str).
        - ``title`` (str): its title in the last year it is present.
        - ``first_year``, ``last_year`` (int).
        - ``n_years`` (int): the number of the organisation's maps it is in.
        - ``current`` (bool): it is in the organisation's latest map.

    See Also
    --------
    continuity : goals added and removed per year.

    Examples
    --------
    >>> life = sg.goal_lifetimes(sg.datasets.load_atlas("eksempel-atlas"))
    >>> life.loc["Fjordby Kommune:F5", ["first_year", "last_year", "n_years"]].astype(int).tolist()
    [2022, 2022, 1]
    >>> int(life["current"].sum()), len(life)
    (29, 35)
    """
    check_atlas(atlas)
    rows: dict[str, list[Any]] = {}
    for org, maps in _yearly(atlas).items():
        last = maps[-1][0]
        for y, smap in maps:
            goal = smap.schema.goal_level
            for element in smap:
                if element.type != goal:
                    continue
                key = namespaced(org, element.id)
                row = rows.get(key)
                if row is None:
                    rows[key] = [org, element.title, y, y, 1, y == last]
                else:
                    row[1], row[3], row[4], row[5] = element.title, y, row[4] + 1, y == last
    values = list(rows.values())
    return _frame(
        list(rows),
        {
            "organisation": ([r[0] for r in values], TEXT),
            "title": ([r[1] for r in values], TEXT),
            "first_year": ([r[2] for r in values], "int64"),
            "last_year": ([r[3] for r in values], "int64"),
            "n_years": ([r[4] for r in values], "int64"),
            "current": ([r[5] for r in values], "bool"),
        },
    )


_GOALS = Schema(levels=["goal"], goal_level="goal")


@gc_paused()
def similar_goals(
    atlas: Atlas, /, *, threshold: float = 0.85, year: int | None = None
) -> pd.DataFrame:
    """Return pairs of goals of different organisations whose titles are near-identical.

    Who pursues the same goal: :func:`near_duplicates` on the goals of the maps of each year
    (:meth:`Atlas.keys_of`), keeping the pairs of two organisations.

    Parameters
    ----------
    atlas
        The atlas.
    threshold
        The least similarity of two titles, above 0 and at most 1 (see :func:`near_duplicates`).
    year
        One year of the atlas; ``None`` (the default) compares within each year.

    Returns
    -------
    pandas.DataFrame
        One row per pair, indexed by ``id`` (the goal earlier in chain order, namespaced as in
        ``atlas.combined(year)``):

        - ``organisation`` (str), ``year`` (Int64): of ``id``.
        - ``other`` (str), ``other_organisation`` (str): the other goal.
        - ``title``, ``other_title`` (str), ``similarity`` (float).

    Raises
    ------
    OptionError
        If ``threshold`` is not above 0 and at most 1, or ``year`` not a year of the atlas.

    Examples
    --------
    >>> pairs = sg.similar_goals(sg.datasets.load_atlas("eksempel-atlas"), year=2024)
    >>> pairs[["organisation", "other_organisation"]].head(1).values.tolist()
    [['Staten', 'Skovlunde Kommune']]
    """
    check_atlas(atlas)
    check_fraction("threshold", threshold)
    ids: list[str] = []
    cols: dict[str, list[Any]] = {
        k: []
        for k in ("organisation", "year", "other", "other_organisation", "title", "other_title")
    }
    similarity: list[float] = []
    for y in _years(atlas, year):
        elements = {}
        org_of: dict[str, str] = {}
        for key in atlas.keys_of(y):
            org = key[0]
            smap = atlas[key]
            goal = smap.schema.goal_level
            for element in smap:
                if element.type == goal:
                    eid = namespaced(org, element.id, key[1] if year is None else None)
                    elements[eid] = element.model_copy(update={"id": eid, "type": "goal"})
                    org_of[eid] = org
        goals = StrategyMap._from_state(MapState(_GOALS, elements, []))  # noqa: SLF001
        pairs = near_duplicates(goals, threshold=threshold)
        for eid, other, title, other_title, sim in zip(
            pairs.index,
            pairs["other"],
            pairs["title"],
            pairs["other_title"],
            pairs["similarity"],
            strict=True,
        ):
            if org_of[eid] == org_of[other]:
                continue
            ids.append(eid)
            cols["organisation"].append(org_of[eid])
            cols["year"].append(y)
            cols["other"].append(other)
            cols["other_organisation"].append(org_of[other])
            cols["title"].append(title)
            cols["other_title"].append(other_title)
            similarity.append(float(sim))
    types = {"year": "Int64"}
    return _frame(
        ids,
        {
            **{k: (v, types.get(k, TEXT)) for k, v in cols.items()},
            "similarity": (similarity, "float64"),
        },
    )
