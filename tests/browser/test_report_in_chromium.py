"""report.html in a real browser: every figure renders and the page asks nothing of the network.

Runs under `make test` when Chromium is installed (`.ci/run` installs it); the Makefile says
plainly when it is not, and fails instead when CI is set.
"""

from pathlib import Path

import pytest
from browser_flags import CHROMIUM_FLAGS
from playwright.sync_api import sync_playwright

import stratgraph as sg

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("rapport")
    return sg.write_report(
        sg.datasets.load("eksempel-2013"),
        out,
        compare=sg.datasets.load("eksempel-2012"),
        lang="da",
    )


def test_every_figure_renders_with_no_network_request(chromium, report, tmp_path):
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1100, "height": 1400})

            def record(route):
                requested.append(route.request.url)
                if route.request.url.startswith(("file:", "data:")):
                    route.continue_()
                else:
                    route.abort()

            context.route("**/*", record)
            page = context.new_page()
            page.goto(report.html.as_uri(), wait_until="load")
            images = page.eval_on_selector_all(
                "img",
                "imgs => imgs.map(i => ({alt: i.alt, complete: i.complete,"
                " width: i.naturalWidth, height: i.naturalHeight}))",
            )
            headings = page.eval_on_selector_all("h2", "hs => hs.map(h => h.textContent)")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert len(images) == len(report.figures) >= 5
    for image in images:
        assert image["complete"], image
        assert image["width"] > 300, image
        assert image["height"] > 100, image
    assert [url for url in requested if not url.startswith(("file:", "data:"))] == []
    assert headings[:3] == ["Overblik", "Strategikortet", "Fund"]
    assert Path(tmp_path / "report.png").stat().st_size > 50_000
