"""Write the bundled example maps as Excel workbooks and copy YAML and Excel to data/.

The YAML files in src/stratgraph/datasets/data are the source; run `make data` after editing them.
"""

import shutil
from pathlib import Path

import stratgraph as sg

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "data"


def main() -> None:
    PUBLIC.mkdir(exist_ok=True)
    for name in sg.datasets.names():
        smap = sg.datasets.load(name)
        xlsx = sg.datasets.path(name, format="xlsx")
        smap.to_excel(xlsx)
        for fmt in ("yaml", "xlsx"):
            source = sg.datasets.path(name, format=fmt)
            shutil.copyfile(source, PUBLIC / source.name)
            print(f"wrote {PUBLIC / source.name}")


if __name__ == "__main__":
    main()
