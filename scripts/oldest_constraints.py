"""Print pip constraints that pin every runtime dependency to the floor pyproject.toml declares.

``make test-oldest`` installs the package with these constraints and runs the tests, so the floors
in ``[project].dependencies`` are the versions that are tested: the two cannot drift apart. A
dependency without a ``>=`` floor is an error, since nothing would say which version to test.
"""

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

# "name>=1.2" with optional extras, further clauses ("<3") and an environment marker.
_FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*?)\s*(?:;.*)?$")


def floors(dependencies: list[str]) -> list[str]:
    """Return one ``name==floor`` constraint per dependency, in the order given.

    Raises ``SystemExit`` naming every dependency that has no ``>=`` floor.
    """
    pins: list[str] = []
    missing: list[str] = []
    for requirement in dependencies:
        match = _FLOOR.match(requirement)
        name, spec = match.groups() if match else (requirement, "")
        lower = [c.strip()[2:].strip() for c in spec.split(",") if c.strip().startswith(">=")]
        if len(lower) != 1:
            missing.append(requirement)
            continue
        pins.append(f"{name}=={lower[0]}")
    if missing:
        sys.exit(
            "pyproject.toml: each runtime dependency needs exactly one '>=' floor to test; "
            f"these have none: {', '.join(repr(r) for r in missing)}"
        )
    return pins


def main() -> None:
    """Print the constraints for the dependencies in pyproject.toml, one a line."""
    with PYPROJECT.open("rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    sys.stdout.write("".join(f"{pin}\n" for pin in floors(dependencies)))


if __name__ == "__main__":
    main()
