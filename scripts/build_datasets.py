"""Write the bundled example maps as Excel workbooks and copy YAML and Excel to data/.

The YAML files in src/stratgraph/datasets/data are the source; run `make data` after editing them.
"""

import shutil
from pathlib import Path

import stratgraph as sg

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "data"


def main() -> None:
    """Regenerate the Excel workbooks and the copies in data/."""
    PUBLIC.mkdir(exist_ok=True)
    for name in sg.datasets.names():
        smap = sg.datasets.load(name)
        xlsx = sg.datasets.path(name, format="xlsx")
        smap.to_excel(xlsx)
        for fmt in ("yaml", "xlsx"):
            source = sg.datasets.path(name, format=fmt)
            shutil.copyfile(source, PUBLIC / source.name)
            print(f"wrote {PUBLIC / source.name}")  # noqa: T201 - a script reports what it did


if __name__ == "__main__":
    main()
