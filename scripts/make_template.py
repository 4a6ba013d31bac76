"""Write docs/template.xlsx: a small strategy map to fill in, with every sheet and column.

The workbook is what ``smap.to_excel`` writes, so its headers are the canonical ones that every
reader takes; run ``.venv/bin/python scripts/make_template.py`` after changing the map below.
"""

import sys
from pathlib import Path

import stratgraph as sg

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "template.xlsx"


def template() -> sg.StrategyMap:
    """Return the template map: every level, a sub-goal, indicators, budgets, notes, a tension."""
    smap = sg.StrategyMap(
        name="Skabelon",
        organisation="Eksempel Kommune",
        year=2014,
        currency="DKK",
    )
    add = smap.add_element
    add(
        id="V1",
        type="vision",
        title="Et godt sted at leve, lære og arbejde",
        description="Byrådets vision",
        owner="Byrådet",
        agenda=["velfærd", "bæredygtighed"],
        start=2014,
        end=2018,
    )
    add(id="POL1", type="policy", title="Børne- og ungepolitik", owner="Byrådet", parents=["V1"])
    add(
        id="S1",
        type="strategy",
        title="Tidlig indsats og inklusion",
        owner="Børn og Unge",
        parents=["POL1"],
    )
    add(
        id="G1",
        type="effect_goal",
        title="Flere børn i almene fællesskaber",
        owner="Børn og Unge",
        start=2014,
        end=2018,
        status="igangværende",
        indicators=[
            sg.Indicator(
                name="Andel elever i almenundervisning",
                unit="%",
                baseline=94.2,
                target=96,
                higher_is_better=True,
                baseline_period=2014,
                target_period=2018,
            )
        ],
    )
    add(
        id="G1.1",
        type="effect_goal",
        title="Færre visitationer til specialtilbud",
        owner="Børn og Unge",
        indicators=[
            sg.Indicator(
                name="Visitationer pr. år",
                unit="antal",
                baseline=120,
                target=90,
                higher_is_better=False,
                baseline_period=2014,
                target_period=2018,
            )
        ],
    )
    add(
        id="G2",
        type="effect_goal",
        title="Effektivisering på 2 % årligt",
        owner="Økonomi",
        indicators=[
            sg.Indicator(
                name="Effektivisering",
                unit="%",
                baseline=0,
                target=2,
                baseline_period=2014,
                target_period=2015,
            )
        ],
    )
    add(
        id="A1",
        type="agreement",
        title="Mål- og rammeaftale Skoleområdet",
        owner="Skoler",
        budget=2_500_000,
    )
    add(
        id="A2",
        type="agreement",
        title="Mål- og rammeaftale Økonomi",
        owner="Økonomi",
        budget=400_000,
    )
    add(id="P1", type="project", title="Inklusionsløft", owner="Skoler", budget=750_000.5)
    link = smap.add_link
    link("S1", "G1", note="Når skolerne rummer flere børn, visiteres færre til specialtilbud.")
    link("S1", "G2", note="Tidlig indsats er billigere end sene, specialiserede tilbud.")
    link("G1", "G1.1", note="Et delmål, der kan følges hvert år.")
    link("G1.1", "A1", note="Skolerne forpligter sig til målet i aftalen.")
    link("G2", "A2", note="Økonomi følger effektiviseringen i budgetopfølgningen.")
    link("A1", "P1")
    link("G1", "G2", kind="tension", note="Spare vs. udvikle kvalitet")
    # One measurement of each indicator in the same latest period: on track, nothing stale.
    for element, indicator, period, value in (
        ("G1", "Andel elever i almenundervisning", 2014, 94.2),
        ("G1", "Andel elever i almenundervisning", 2015, 94.8),
        ("G1.1", "Visitationer pr. år", 2015, 112),
        ("G2", "Effektivisering", 2015, 2.1),
    ):
        smap.add_measurement(element=element, indicator=indicator, period=period, value=value)
    return smap


def main() -> None:
    """Write the template to docs/template.xlsx, or to the path given as the first argument."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET
    template().to_excel(target)
    print(f"wrote {target}")  # noqa: T201 - a script reports what it did


if __name__ == "__main__":
    main()
