"""Random maps with measured indicators, for the progress and roll-up properties.

Built on :func:`strategies.analysis.analysis_maps` (its multi-parent hierarchies and lateral
links), then given what progress reads: indicators with baselines, targets, their periods,
directions and weights (0 among them); hierarchy and supports links with weights; elements
followed up in dialogue; and measurements over years, quarters, months and days, several per
indicator, some indicators with none, now and then the same measurement twice.
"""

from __future__ import annotations

from hypothesis import strategies as st

import stratgraph as sg
from strategies.analysis import analysis_maps

__all__ = ["PERIODS", "progress_maps"]

#: The periods drawn from. 2013 and 2013Q4 end on the same day (one time for the trend), as do
#: 2015Q2 and 2015-06-30; a month and a day fall between the quarters.
PERIODS = (
    "2010",
    "2011",
    "2012",
    "2013Q2",
    "2013Q4",
    "2013",
    "2014-05",
    "2014",
    "2015-03-17",
    "2015Q2",
    "2015-06-30",
    "2015",
    "2016",
    "2018",
)
#: Values and weights that add up exactly in binary floating point, and a few that do not.
VALUES = st.sampled_from((-2.0, 0.0, 0.25, 1.0, 2.5, 3.0, 4.0, 7.0, 10.0, 12.5, 0.1))
WEIGHTS = st.sampled_from((None, None, None, 0.0, 0.5, 1.0, 2.0, 3.0))


def _ordered(pair: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    a, b = pair
    if a is not None and b is not None and sg.Period.parse(b) < sg.Period.parse(a):
        return b, a
    return a, b


@st.composite
def _indicator(draw: st.DrawFn, name: str) -> sg.Indicator:
    periods = st.one_of(st.none(), st.sampled_from(PERIODS))
    baseline_period, target_period = _ordered((draw(periods), draw(periods)))
    baseline = draw(st.one_of(st.none(), VALUES))
    target = draw(st.one_of(st.none(), st.just(baseline), VALUES))
    return sg.Indicator(
        name=name,
        unit=draw(st.sampled_from((None, "%", "antal"))),
        baseline=baseline,
        target=target,
        higher_is_better=draw(st.booleans()),
        baseline_period=baseline_period,
        target_period=target_period,
        weight=draw(WEIGHTS),
    )


@st.composite
def progress_maps(draw: st.DrawFn, *, max_elements: int = 12) -> sg.StrategyMap:
    """A valid random map with measured indicators (see the module docstring)."""
    base = draw(analysis_maps(max_elements=max_elements))
    elements = []
    measurements = []
    for element in base:
        indicators = [draw(_indicator(ind.name)) for ind in element.indicators]
        followup = draw(st.sampled_from((None, None, None, "measured", "dialogue")))
        elements.append(element.model_copy(update={"indicators": indicators, "followup": followup}))
        for ind in indicators:
            points = draw(st.dictionaries(st.sampled_from(PERIODS), VALUES, max_size=5))
            for period, value in points.items():
                # The indicator's name as people write it now and then: other case, more spaces.
                name = ind.name.upper().replace(" ", "  ") if draw(st.booleans()) else ind.name
                row = {"element": element.id, "indicator": name, "period": period, "value": value}
                measurements.append(row)
                if draw(st.integers(0, 9)) == 0:
                    measurements.append(dict(row))  # the same measurement twice counts once
    links = [link.model_copy(update={"weight": draw(WEIGHTS)}) for link in base.links]
    order = draw(st.permutations(range(len(measurements))))
    return sg.StrategyMap(elements, links, [measurements[k] for k in order], schema=base.schema)
