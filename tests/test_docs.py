"""The documentation says what the library does: its examples run and its lists are complete."""

import doctest
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import stratgraph as sg

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = sorted(DOCS.rglob("*.md"))
PYCON = re.compile(r"```pycon\n(.*?)```", re.DOTALL)


def test_the_readme_examples_run_as_written(tmp_path):
    # As a new user would, from a copy of the repository folder (the quick start writes mål.csv
    # and kort.pdf where it runs).
    shutil.copytree(ROOT / "data", tmp_path / "data")
    code = "\n".join(re.findall(r"```python\n(.*?)```", README, re.DOTALL))
    assert "sg.read(" in code
    result = subprocess.run(  # noqa: S603 - this interpreter, on the README's own code
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Eksempel Kommune 2013" in result.stdout
    assert (tmp_path / "mål.csv").exists()
    assert (tmp_path / "kort.pdf").exists()


def test_the_docs_take_the_readme_sections_they_show():
    included = re.findall(r'--8<-- "README.md:([\w-]+)"', (DOCS / "index.md").read_text())
    assert "quick-start" in included
    for name in included:
        assert f"--8<-- [start:{name}]" in README
        assert f"--8<-- [end:{name}]" in README


@pytest.mark.parametrize(
    "page",
    [page for page in PAGES if PYCON.search(page.read_text(encoding="utf-8"))],
    ids=lambda page: page.name,
)
def test_the_examples_on_a_page_run(page):
    source = "\n".join(PYCON.findall(page.read_text(encoding="utf-8")))
    test = doctest.DocTestParser().get_doctest(source, {"sg": sg}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=print)
    assert runner.summarize(verbose=False).failed == 0


def test_the_api_reference_shows_every_public_name():
    shown = set()
    for page in (DOCS / "reference").glob("*.md"):
        shown.update(re.findall(r"^::: stratgraph\.(\w+)", page.read_text(), re.MULTILINE))
    assert set(sg.__all__) - {"__version__"} == shown


def test_the_concepts_page_lists_every_preset_as_the_code_has_it():
    text = (DOCS / "concepts.md").read_text(encoding="utf-8")
    for name in sg.preset_names():
        schema = sg.Schema.preset(name)
        chain = " → ".join(
            f"**{level}**" if level == schema.goal_level else level for level in schema.level_names
        )
        optional = ", ".join(level.name for level in schema.levels if level.optional) or "—"
        nestable = ", ".join(level.name for level in schema.levels if level.nestable) or "—"
        assert f"| `{name}` | {chain} | {optional} | {nestable} |" in text


def test_the_template_is_what_its_script_writes(tmp_path):
    written = tmp_path / "template.xlsx"
    subprocess.run(  # noqa: S603 - this interpreter, on the repository's own script
        [sys.executable, str(ROOT / "scripts" / "make_template.py"), str(written)],
        check=True,
        capture_output=True,
    )
    template = sg.read(DOCS / "template.xlsx")
    assert template == sg.read(written)
    assert sg.audit(template).findings.empty


# A reference to a document outside the repository: "SPEC" followed by a section sign or ".md".
OUTSIDE_SPEC = re.compile(r"\bSPEC(?:\s*§|\.md\b)")


def _repository_texts():
    """Code, docstrings, comments, pages and notebooks; not the test data, hostile bytes and all."""
    for folder in ("src", "docs", "notebooks", "tests", "benchmarks", "scripts"):
        for path in sorted((ROOT / folder).rglob("*")):
            if (
                path.suffix in {".py", ".md", ".ipynb"}
                and (ROOT / "tests" / "data") not in path.parents
            ):
                yield path
    yield from sorted(ROOT.glob("*.md"))


def test_the_docs_and_docstrings_cite_nothing_outside_the_repository():
    # The concepts, file formats, analyses and audit codes pages are the reference: a docstring
    # that points at a document the reader cannot open explains nothing.
    cited = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _repository_texts()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE_SPEC.search(line)
    ]
    assert cited == []
    assert OUTSIDE_SPEC.search("the analyses of SPEC" + " §4")  # the test would see one
