"""A user's script, type-checked by ``tests/test_typing.py`` with ``mypy --strict``.

Each ``to_*`` method (of the map and of the audit's report) returns the text when no path is
given and ``None`` when it writes a file; the script holds them to that. Its code is in a
function so that importing it writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import stratgraph as sg

if TYPE_CHECKING:
    from pathlib import Path


def main(folder: Path) -> list[str]:
    """Use every conversion of a map, without a path and with one."""
    m = sg.datasets.load("eksempel-2013")
    texts: list[str] = []
    text: str = m.to_yaml()
    texts.append(text)
    texts.append(m.to_json())
    texts.append(m.to_csv())
    texts.append(m.to_csv(sep=";", decimal=",", encoding="cp1252"))
    texts.append(m.to_mermaid())
    texts.append(m.to_dot())
    # ArchiMate has no place for measurements (it warns): the 2012 map has none
    earlier = sg.datasets.load("eksempel-2012")
    texts.append(earlier.to_archimate())
    texts.append(earlier.to_archimate(mapping={"Goal": "strategi"}))
    m.to_yaml(folder / "kort.yaml")
    m.to_json(str(folder / "kort.json"))
    m.to_csv(folder / "kort.csv", sep=";", overwrite=True)
    m.to_excel(folder / "kort.xlsx")
    m.to_graphml(folder / "kort.graphml")
    m.to_mermaid(folder / "kort.mmd")
    m.to_dot(folder / "kort.dot")
    earlier.to_archimate(folder / "kort.xml")
    m.write(folder / "kort.yml")
    report = sg.audit(m)
    markdown: str = report.to_markdown()
    texts += [markdown, report.to_html(), report.to_json(), report.to_json(indent=None)]
    report.to_markdown(folder / "fund.md")
    report.to_html(folder / "fund.html")
    report.to_json(folder / "fund.json", indent=4)
    return texts
