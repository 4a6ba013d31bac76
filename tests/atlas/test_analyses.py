"""The atlas's analyses against brute-force references on small random atlases."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stratgraph as sg
from strategies import check_frame
from stratgraph.analysis.duplicates import normalise_title

TITLES = (
    "Flere unge i uddannelse",
    "Flere unge i uddannelse!",
    "Flere unge skal i uddannelse",
    "Færre anbringelser af børn",
    "Færre anbringelser",
    "Grøn omstilling",
)
GOALS = ("G1", "G2", "G3", "G4")
KINDS = ("supports", "hierarchy", "tension")


@st.composite
def atlases(draw: st.DrawFn) -> tuple[sg.Atlas, dict[str, Any]]:
    """2–4 organisations in a chain, 1–3 years, maps of a few goals, random links between maps."""
    n_orgs = draw(st.integers(2, 4))
    orgs = [f"O{i}" for i in range(n_orgs)]
    parents: dict[str, str | None] = {"O0": None}
    for i in range(1, n_orgs):
        parents[orgs[i]] = draw(st.sampled_from([None, *orgs[:i]]))
    years = sorted(draw(st.sets(st.integers(2020, 2024), min_size=1, max_size=3)))
    maps: dict[tuple[str, int], sg.StrategyMap] = {}
    goals: dict[tuple[str, int], list[str]] = {}
    for org in orgs:
        for year in years:
            if (org, year) != (orgs[0], years[0]) and draw(st.integers(0, 5)) == 0:
                continue  # an organisation without a map that year
            chosen = draw(st.lists(st.sampled_from(GOALS), unique=True, max_size=4))
            elements: list[dict[str, Any]] = [{"id": "S1", "type": "strategy", "title": "Strategi"}]
            for g in chosen:
                title = draw(st.sampled_from(TITLES))
                elements.append({"id": g, "type": "effect_goal", "title": title, "parents": ["S1"]})
            maps[org, year] = sg.StrategyMap(elements, organisation=org, year=year)
            goals[org, year] = chosen
    links = []
    ends = [(org, y, e) for (org, y), m in maps.items() for e in m.ids]
    for _ in range(draw(st.integers(0, 8))):
        (so, sy, se), (to, ty, te) = draw(st.sampled_from(ends)), draw(st.sampled_from(ends))
        if so == to:
            continue
        same_year = sy == ty and draw(st.booleans())
        links.append(
            {
                "source": f"{so}:{se}",
                "target": f"{to}:{te}",
                "kind": draw(st.sampled_from(KINDS)),
                "year": sy if same_year else None,
            }
        )
    atlas = sg.Atlas(
        maps,
        [link for link in links if _valid(link, maps)],
        [{"organisation": o, "parent": p} for o, p in parents.items()],
    )
    return atlas, {"maps": maps, "parents": parents, "years": years}


def _valid(link: dict[str, Any], maps: dict[tuple[str, int], sg.StrategyMap]) -> bool:
    """Whether both ends exist in some year (every year the link names)."""
    ok = True
    for end in (link["source"], link["target"]):
        org, eid = end.split(":")
        keys = [k for k in maps if k[0] == org and link["year"] in (None, k[1])]
        ok = ok and any(eid in maps[k] for k in keys)
    return ok


def _ancestors(parents: dict[str, str | None], org: str) -> list[str]:
    out = []
    up = parents[org]
    while up is not None:
        out.append(up)
        up = parents[up]
    return out


def brute_coverage(atlas: sg.Atlas, world: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Every goal checked against every link, by the documented rule, in plain loops."""
    maps, parents = world["maps"], world["parents"]
    rows = []
    for year in world["years"]:
        present = {org: m for (org, y), m in maps.items() if y == year}
        links = [k for k in atlas.links if k.year in (None, year) and k.kind.value != "tension"]
        for org in atlas.organisations:
            if org not in present:
                continue
            lower = [o for o in present if org in _ancestors(parents, o)]
            upper = [o for o in present if o in _ancestors(parents, org)]
            for element in present[org]:
                if element.type != "effect_goal":
                    continue
                me = f"{org}:{element.id}"
                others = [
                    link.target if link.source == me else link.source
                    for link in links
                    if me in (link.source, link.target)
                ]
                taken = any(
                    o.split(":")[0] in lower and o.split(":")[1] in present[o.split(":")[0]]
                    for o in others
                )
                serves = any(
                    o.split(":")[0] in upper
                    and o.split(":")[1] in present[o.split(":")[0]]
                    and present[o.split(":")[0]][o.split(":")[1]].type == "effect_goal"
                    for o in others
                )
                not_taken, no_upper = bool(lower) and not taken, bool(upper) and not serves
                if not_taken or no_upper:
                    rows.append((f"{org}:{year}:{element.id}", org, year, not_taken, no_upper))
    return rows


@given(atlases())
def test_coverage_agrees_with_brute_force(drawn: tuple[sg.Atlas, dict[str, Any]]) -> None:
    atlas, world = drawn
    found = sg.coverage(atlas)
    check_frame(
        found,
        {
            "organisation": "str",
            "year": "Int64",
            "type": "str",
            "title": "str",
            "not_taken_up": "bool",
            "serves_no_upper": "bool",
        },
    )
    got = list(
        zip(
            found.index,
            found["organisation"],
            found["year"].astype(int),
            found["not_taken_up"],
            found["serves_no_upper"],
            strict=True,
        )
    )
    expected = brute_coverage(atlas, world)
    assert sorted(got) == sorted(expected)
    for year in atlas.years:  # one year alone gives that year's rows, ids without the year
        one = sg.coverage(atlas, year=year)
        assert sorted(one.index) == sorted(
            r[0].replace(f":{year}:", ":") for r in expected if r[2] == year
        )


@given(atlases())
def test_continuity_and_lifetimes_agree_with_brute_force(
    drawn: tuple[sg.Atlas, dict[str, Any]],
) -> None:
    atlas, world = drawn
    maps = world["maps"]
    rows = []
    life: dict[str, list[int]] = {}
    for org in atlas.organisations:
        years = sorted(y for (o, y) in maps if o == org)
        before = None
        for year in years:
            now = {e.id for e in maps[org, year] if e.type == "effect_goal"}
            change = (
                (pd.NA, pd.NA, pd.NA)
                if before is None
                else (len(now - before), len(before - now), len(now & before))
            )
            rows.append((org, year, len(now), *change))
            before = now
            for g in sorted(now):
                life.setdefault(f"{org}:{g}", []).append(year)
    table = sg.continuity(atlas)
    got = [tuple(r) for r in table.itertuples(index=False)]
    assert got == rows
    lifetimes = sg.goal_lifetimes(atlas)
    assert sorted(lifetimes.index) == sorted(life)
    for gid, years in life.items():
        org = gid.split(":")[0]
        latest = max(y for (o, y) in maps if o == org)
        assert lifetimes.loc[gid, ["first_year", "last_year", "n_years", "current"]].tolist() == [
            min(years),
            max(years),
            len(years),
            max(years) == latest,
        ]


def dice(a: str, b: str) -> float:
    x, y = f" {a} ", f" {b} "
    grams_x = Counter(x[k : k + 3] for k in range(len(x) - 2))
    grams_y = Counter(y[k : k + 3] for k in range(len(y) - 2))
    shared = sum((grams_x & grams_y).values())
    return 2 * shared / (sum(grams_x.values()) + sum(grams_y.values()))


@given(atlases(), st.sampled_from([0.85, 0.6, 1.0]))
def test_similar_goals_agree_with_all_pairs(
    drawn: tuple[sg.Atlas, dict[str, Any]], threshold: float
) -> None:
    atlas, world = drawn
    found = sg.similar_goals(atlas, threshold=threshold)
    expected = set()
    for year in world["years"]:
        goals = [
            (f"{org}:{year}:{e.id}", org, e.title)
            for (org, y), m in world["maps"].items()
            if y == year
            for e in m
            if e.type == "effect_goal"
        ]
        for (a, oa, ta), (b, ob, tb) in combinations(goals, 2):
            if oa != ob and dice(normalise_title(ta), normalise_title(tb)) >= threshold:
                expected.add(frozenset((a, b)))
    got = {frozenset((a, b)) for a, b in zip(found.index, found["other"], strict=True)}
    assert got == expected
    assert len(found) == len(expected)
    assert (found["organisation"] != found["other_organisation"]).all()


def test_the_example_atlas_shows_the_chain_and_the_years() -> None:
    atlas = sg.datasets.load_atlas("eksempel-atlas")
    found = sg.coverage(atlas)
    not_taken = found[found["not_taken_up"]]
    assert sorted(zip(not_taken.index, not_taken["year"].astype(int), strict=True)) == [
        ("Staten:2022:N7", 2022),
        ("Staten:2024:N4", 2024),
    ]
    table = sg.continuity(atlas).set_index(["organisation", "year"])
    assert table.loc[("Staten", 2023)].tolist() == [6, 1, 1, 5]
    m = atlas.combined()
    assert len(m) == sum(len(smap) for _, smap in atlas.items())
    assert m.number_of_links() == sum(s.number_of_links() for _, s in atlas.items()) + sum(
        1 for _ in atlas.resolved_links(None)
    )
    report = sg.audit(atlas.combined(2024))
    assert "Fjordby Kommune:F9" in set(report.findings["element"])


def test_analyses_take_only_an_atlas_and_its_years() -> None:
    atlas = sg.datasets.load_atlas("eksempel-atlas")
    with pytest.raises(TypeError, match="give an Atlas"):
        sg.coverage(sg.datasets.load("eksempel-2013"))  # type: ignore[arg-type]
    with pytest.raises(sg.OptionError, match="year=2019 is not valid; give a year of the atlas"):
        sg.coverage(atlas, year=2019)
    with pytest.raises(sg.OptionError, match="threshold=0 is not valid"):
        sg.similar_goals(atlas, threshold=0)


def _chain_atlas(tmp_path) -> sg.Atlas:
    """The state's goal carried on word for word by a municipality, linked across the maps."""
    (tmp_path / "Staten_2024.yaml").write_text(
        "organisation: Staten\nyear: 2024\nelements:\n"
        "- {id: V, type: vision, title: Danmark i arbejde}\n"
        "- {id: S, type: strategy, title: Et stærkt arbejdsmarked, parents: [V]}\n"
        "- {id: N1, type: effect_goal, title: Flere borgere i job, parents: [S]}\n",
        encoding="utf-8",
    )
    (tmp_path / "Fjordby Kommune_2024.yaml").write_text(
        "organisation: Fjordby Kommune\nyear: 2024\nelements:\n"
        "- {id: V, type: vision, title: Fjordby for alle}\n"
        "- {id: S, type: strategy, title: Job og uddannelse, parents: [V]}\n"
        "- {id: S2, type: strategy, title: Trivsel, parents: [V]}\n"
        "- {id: F1, type: effect_goal, title: Flere borgere i job, parents: [S]}\n"
        "- {id: F2, type: effect_goal, title: Flere borgere i job!, parents: [S]}\n"
        "- {id: F1P, type: project, title: Jobcenter, parents: [F1]}\n"
        "- {id: F2P, type: project, title: Job og trivsel, parents: [F2, S2]}\n",
        encoding="utf-8",
    )
    (tmp_path / "organisations.csv").write_text(
        "organisation,parent\nStaten,\nFjordby Kommune,Staten\n", encoding="utf-8"
    )
    (tmp_path / "links.csv").write_text(
        "source,target,kind,note\nStaten:N1,Fjordby Kommune:F1,hierarchy,Målet føres videre\n",
        encoding="utf-8",
    )
    return sg.read_atlas(tmp_path)


def test_the_audit_of_a_combined_view_judges_each_organisation_on_its_own(tmp_path) -> None:
    found = sg.audit(_chain_atlas(tmp_path).combined(2024)).findings
    by_code = found.groupby("code")["element"].apply(list).to_dict()
    # The state's goal carried on by the municipality is the chain, not a duplicate to merge;
    # the municipality's own two goals alike are.
    assert by_code["SG402"] == ["Fjordby Kommune:F1"]
    (message,) = found.loc[found["code"] == "SG402", "message"]
    assert "Fjordby Kommune:F2" in message
    assert "Staten:N1" not in message
    # Steered from the state and the municipality is the chain; under two of the
    # municipality's own strategies is cross-cutting.
    assert by_code["SG601"] == ["Fjordby Kommune:F2P"]
    (message,) = found.loc[found["code"] == "SG601", "message"]
    assert "Fjordby Kommune:S, Fjordby Kommune:S2" in message
    # The same goals as one map of their own are one organisation's: the pair is reported.
    plain = sg.StrategyMap(
        [
            {"id": "S", "type": "strategy", "title": "S"},
            {"id": "N1", "type": "effect_goal", "title": "Flere borgere i job", "parents": ["S"]},
            {"id": "F1", "type": "effect_goal", "title": "Flere borgere i job", "parents": ["S"]},
        ]
    )
    assert sg.audit(plain, select=["SG402"]).findings["element"].tolist() == ["N1"]
