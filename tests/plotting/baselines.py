"""The memo-critical figures compared pixel by pixel, and how to draw their baselines again.

Run ``python tests/plotting/baselines.py`` from the repository root to write the PNGs in
``tests/plotting/baseline/`` after a deliberate change to how the figures look.
"""

from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt

import stratgraph as sg

BASELINE = Path(__file__).resolve().parent / "baseline"
DPI = 72


def _small():
    return sg.StrategyMap(
        [
            {"id": "V", "type": "vision", "title": "Et godt sted at leve, lære og arbejde"},
            {
                "id": "S1",
                "type": "strategy",
                "title": "Tidlig indsats og inklusion",
                "parents": ["V"],
            },
            {"id": "S2", "type": "strategy", "title": "Klimastrategi", "parents": ["V"]},
            {
                "id": "G1",
                "type": "effect_goal",
                "title": "Færre anbringelser uden for hjemmet",
                "parents": ["S1"],
            },
            {
                "id": "G1.1",
                "type": "effect_goal",
                "title": "Flere familier får hjælp tidligt",
                "parents": ["G1"],
            },
            {"id": "G2", "type": "effect_goal", "title": "Lavere CO2-udledning", "parents": ["S2"]},
            {"id": "G3", "type": "effect_goal", "title": "Sund mad i alle køkkener"},
            {
                "id": "A1",
                "type": "agreement",
                "title": "Resultataftale Familieafdelingen",
                "parents": ["G1", "G1.1"],
                "budget": 2_000_000,
            },
            {
                "id": "A2",
                "type": "agreement",
                "title": "Strategiplan Teknik og Miljø",
                "parents": ["G2", "G3"],
                "budget": 1_500_000,
            },
            {
                "id": "P1",
                "type": "project",
                "title": "Familiehuset",
                "parents": ["A1"],
                "budget": 500_000,
            },
            {
                "id": "P2",
                "type": "project",
                "title": "Elbiler i bilparken",
                "parents": ["A2"],
                "budget": 250_000,
            },
        ],
        [
            {"source": "G1", "target": "G2", "kind": "tension", "note": "Spare vs. udvikle"},
            {"source": "P2", "target": "G1", "kind": "supports"},
        ],
        name="Lille kort",
    )


def map_da():
    with sg.memo_style(lang="da"):
        smap = _small()
        return sg.plot_map(smap, highlight=sg.orphaned_goals(smap)).figure


def overload_da():
    with sg.memo_style(lang="da"):
        return sg.plot_overload(sg.datasets.load("eksempel-2013"), top=8).figure


def budget_da():
    with sg.memo_style(lang="da"):
        return sg.plot_budget(_small()).figure


FIGURES = {"map_da": map_da, "overload_da": overload_da, "budget_da": budget_da}


def save(name, path):
    figure = FIGURES[name]()
    figure.savefig(path, dpi=DPI, metadata={"Software": None})
    plt.close(figure)


if __name__ == "__main__":
    BASELINE.mkdir(exist_ok=True)
    for figure_name in FIGURES:
        save(figure_name, BASELINE / f"{figure_name}.png")
