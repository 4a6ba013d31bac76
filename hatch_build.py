"""Build hook: put the interactive map's JavaScript library into the package, from npm.

The library (``@panzoom/panzoom``) comes from the npm registry at the version
``js/package-lock.json`` pins, checked against the hash recorded there (``npm ci``); its file and
its licence are copied into ``src/stratgraph/_vendor/``, which git ignores: the repository holds
only our own code. Hatchling runs this for every wheel, editable installs included (``pip install
-e .``, as ``make`` does); ``python hatch_build.py`` does the same by hand in a checkout.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Run by hand (``python hatch_build.py``), the hook needs no hatchling.
if TYPE_CHECKING or __name__ != "__main__":
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
else:
    BuildHookInterface = object

ROOT = Path(__file__).resolve().parent
JS = ROOT / "js"
VENDOR = ROOT / "src" / "stratgraph" / "_vendor"
#: What is copied: the file in the npm package → its name in the package.
FILES = {
    "node_modules/@panzoom/panzoom/dist/panzoom.min.js": "panzoom.min.js",
    "node_modules/@panzoom/panzoom/MIT-License.txt": "panzoom.LICENSE.txt",
}


def vendor() -> None:
    """Install the pinned library with ``npm ci`` (when needed) and copy it into the package."""
    lock = JS / "package-lock.json"
    stamp = JS / "node_modules" / ".package-lock.json"  # npm writes it on every install
    if not stamp.is_file() or stamp.stat().st_mtime < lock.stat().st_mtime:
        npm = shutil.which("npm")
        if npm is None:
            msg = (
                "building stratgraph needs npm (Node.js) to fetch the interactive map's "
                "JavaScript library pinned in js/package-lock.json; install Node.js and build again"
            )
            raise RuntimeError(msg)
        subprocess.run(  # noqa: S603 - a fixed command on our own lock file
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=JS, check=True
        )
    VENDOR.mkdir(exist_ok=True)
    for source, name in FILES.items():
        shutil.copyfile(JS / source, VENDOR / name)


class VendorHook(BuildHookInterface):  # type: ignore[misc,type-arg]
    """Hatchling's custom build hook (``[tool.hatch.build.hooks.custom]``)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002
        """Vendor the library before a wheel (standard or editable) is built."""
        if self.target_name == "wheel":
            vendor()


if __name__ == "__main__":
    vendor()
