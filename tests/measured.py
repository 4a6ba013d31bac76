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

    Indicators without a baseline or target get 0 and 10.
    """
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
