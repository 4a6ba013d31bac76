"""Maps with measurements for the tests of the progress figures and the report's progress section.

:func:`measured` gives every indicator of a map baseline and target periods (2012 and 2016) and
measurements in 2012, 2013 and 2014 that put it on track, at risk or off track in turn (and
leaves every fifth unmeasured), and declares one goal followed up in dialogue; the same map
gives the same measurements.
"""

from __future__ import annotations

import stratgraph as sg

#: Progress in 2014 of the k-th measured indicator, in turn: on track (expected is 0.5),
#: at risk, off track, moved the wrong way (off track).
SHARES = (0.55, 0.35, 0.1, -0.1)


def measured(smap: sg.StrategyMap, *, dialogue: int = 1) -> sg.StrategyMap:
    """Return ``smap`` with measurements; its ``dialogue``-th goal with indicators in dialogue.

    Indicators without a baseline or target get 0 and 10. A map that has measurements of its
    own is returned as it is.
    """
    if smap.measurements:
        return smap
    goal_level = smap.schema.level_names[smap.schema.goal_rank]
    measured_goals = [e.id for e in smap if e.type == goal_level and e.indicators]
    in_dialogue = measured_goals[dialogue] if dialogue is not None else None
    elements = []
    measurements = []
    k = 0
    for element in smap:
        indicators = []
        for indicator in element.indicators:
            base = 0.0 if indicator.baseline is None else indicator.baseline
            target = 10.0 if indicator.target is None else indicator.target
            if target == base:
                target = base + 10
            indicators.append(
                indicator.model_copy(
                    update={
                        "baseline": base,
                        "target": target,
                        "baseline_period": sg.Period.parse(2012),
                        "target_period": sg.Period.parse(2016),
                        "higher_is_better": target > base,
                    }
                )
            )
            k += 1
            if k % 5 == 0:
                continue
            reached = SHARES[k % len(SHARES)]
            for year, part in ((2012, 0.0), (2013, reached / 2), (2014, reached)):
                measurements.append(
                    {
                        "element": element.id,
                        "indicator": indicator.name,
                        "period": year,
                        "value": round(base + (target - base) * part, 6),
                    }
                )
        update: dict[str, object] = {"indicators": tuple(indicators)}
        if element.id == in_dialogue:
            update["followup"] = "dialogue"
        elements.append(element.model_copy(update=update))
    return sg.StrategyMap(
        elements,
        list(smap.links),
        measurements,
        schema=smap.schema,
        name=smap.name,
        currency=smap.currency,
        year=smap.year,
        organisation=smap.organisation,
    )


#: The goals of :func:`five_statuses` by the status each has in 2014, and its progress then.
GOALS = {
    "G1": ("on_track", 0.55),
    "G2": ("at_risk", 0.35),
    "G3": ("off_track", 0.10),
    "G4": ("no_data", None),
    "G5": ("dialogue", 0.9),
}


def five_statuses() -> sg.StrategyMap:
    """A vision, two strategies and five goals, one in each status in 2014.

    Each goal has the indicator "Andel" (%, 40 in 2012 → 60 in 2016) measured in 2012, 2013
    and 2014 on its way to the progress of :data:`GOALS` (G4 unmeasured, G5 in dialogue).
    S1 (G1, G2) rolls up to 0.45 (on track), S2 (G3; G4 and G5 not counted) to 0.10 (off
    track), V to 0.275 (at risk); 2014 expects 0.4997.
    """
    elements: list[dict[str, object]] = [
        {"id": "V", "type": "vision", "title": "Et godt sted at leve"},
        {"id": "S1", "type": "strategy", "title": "Tidlig indsats", "parents": ["V"]},
        {"id": "S2", "type": "strategy", "title": "Grøn omstilling", "parents": ["V"]},
    ]
    measurements = []
    for eid, (status, share) in GOALS.items():
        elements.append(
            {
                "id": eid,
                "type": "effect_goal",
                "title": f"Mål {eid}",
                "parents": ["S1" if eid in ("G1", "G2") else "S2"],
                "followup": "dialogue" if status == "dialogue" else None,
                "indicators": [
                    {
                        "name": "Andel",
                        "unit": "%",
                        "baseline": 40,
                        "target": 60,
                        "baseline_period": 2012,
                        "target_period": 2016,
                    }
                ],
            }
        )
        if share is None:
            continue
        for year, part in ((2012, 0.0), (2013, share / 2), (2014, share)):
            measurements.append(
                {"element": eid, "indicator": "Andel", "period": year, "value": 40 + 20 * part}
            )
    return sg.StrategyMap(elements, [], measurements, name="Fem status")
