"""Fixtures for the plot tests: the bundled maps, a small map, an empty one; figures closed."""

import matplotlib.pyplot as plt
import pytest

import stratgraph as sg


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def example_2012():
    return sg.datasets.load("eksempel-2012")


@pytest.fixture
def small():
    """A map with every kind of link, a nested goal, a level skip and Danish titles."""
    return sg.StrategyMap(
        [
            {"id": "V", "type": "vision", "title": "Et godt sted at leve", "owner": "Direktionen"},
            {
                "id": "S1",
                "type": "strategy",
                "title": "Tidlig indsats",
                "parents": ["V"],
                "owner": "Børn og Unge",
                "agenda": ["velfærd"],
            },
            {
                "id": "S2",
                "type": "strategy",
                "title": "Grøn omstilling",
                "parents": ["V"],
                "owner": "Teknik og Miljø",
                "agenda": ["bæredygtighed"],
            },
            {
                "id": "G1",
                "type": "effect_goal",
                "title": "Færre anbringelser",
                "parents": ["S1"],
                "owner": "Børn og Unge",
                "agenda": ["velfærd", "økonomi"],
            },
            {
                "id": "G1.1",
                "type": "effect_goal",
                "title": "Flere familier får hjælp tidligt",
                "parents": ["G1"],
                "owner": "Børn og Unge",
            },
            {
                "id": "G2",
                "type": "effect_goal",
                "title": "Lavere CO2-udledning",
                "parents": ["S2"],
                "owner": "Teknik og Miljø",
                "agenda": ["bæredygtighed"],
            },
            {
                "id": "A1",
                "type": "agreement",
                "title": "Resultataftale Familie",
                "parents": ["G1", "G1.1"],
                "budget": 2_000_000,
            },
            {
                "id": "A2",
                "type": "agreement",
                "title": "Strategiplan Teknik",
                "parents": ["G2"],
                "budget": 1_000_000,
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
                "title": "Elbiler",
                "parents": ["A2", "S2"],
                "budget": 250_000,
            },
        ],
        [
            {"source": "G1", "target": "G2", "kind": "tension", "note": "Spare vs. udvikle"},
            {"source": "P2", "target": "G1", "kind": "supports"},
        ],
        name="Lille kort",
        year=2013,
    )


@pytest.fixture
def empty():
    return sg.StrategyMap(name="Tomt kort")
