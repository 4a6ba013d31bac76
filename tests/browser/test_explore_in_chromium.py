"""The interactive map of 2 000 elements in a real browser: offline, searchable, filterable.

Runs under `make test` when Chromium is installed, like test_report_in_chromium.py.
"""

import pytest
from browser_flags import CHROMIUM_FLAGS
from playwright.sync_api import sync_playwright

import stratgraph as sg

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def big_map():
    return sg.datasets.synthetic(2000)


@pytest.fixture(scope="module")
def saved(big_map, tmp_path_factory):
    return sg.explore(big_map, lang="da").save(tmp_path_factory.mktemp("kort") / "map.html")


@pytest.fixture(scope="module")
def page(saved, chromium):
    path = chromium
    requested: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})

        def record(route):
            requested.append(route.request.url)
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:
                route.abort()

        context.route("**/*", record)
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(saved.as_uri(), wait_until="load")
        tab.wait_for_function("window.sgExplore && window.sgExplore.painted")
        yield tab, requested, errors
        browser.close()


def test_it_loads_with_no_request_leaving_the_file(page):
    tab, requested, errors = page
    assert errors == []
    assert requested == [requested[0]]
    assert requested[0].startswith("file:")
    assert tab.locator("g.sg-node").count() == 2000
    assert tab.locator("#sg-status").text_content() == "2000 af 2000 elementer vises"


def test_search_finds_an_element_by_its_danish_title(page, big_map):
    tab, _, _ = page
    element = next(e for e in big_map if "ø" in e.title and e.type == "effect_goal")
    query = element.title.upper()  # any case, Danish letters as written: "Ø" finds "ø"
    tab.fill("#sg-search", query)
    found = tab.eval_on_selector_all("#sg-results li.sg-result", "ls => ls.map(l => l.dataset.id)")
    assert element.id in found
    assert set(found) == {e.id for e in big_map if e.title.upper() == query}
    assert tab.locator(f'g.sg-node.sg-match[data-id="{element.id}"]').count() == 1
    tab.fill("#sg-search", "")


def test_a_click_highlights_the_elements_chain(page, big_map):
    tab, _, _ = page
    chain = sg.line_of_sight(big_map, "EG20")
    expected = set(chain.index)
    tab.fill("#sg-search", "EG20")
    tab.click('#sg-results li.sg-result[data-id="EG20"]')  # centres the view on it
    tab.click("#sg-view", position={"x": 300, "y": 4})  # the background clears it
    assert tab.locator("g.sg-node.sg-lit").count() == 0
    tab.locator('g.sg-node[data-id="EG20"]').click()
    lit = tab.eval_on_selector_all("g.sg-node.sg-lit", "gs => gs.map(g => g.dataset.id)")
    listed = tab.eval_on_selector_all("#sg-chain li", "ls => ls.map(l => l.dataset.id)")
    assert set(lit) == expected
    assert set(listed) == expected
    assert tab.evaluate("window.sgExplore.selected") == "EG20"
    assert tab.locator('g.sg-node.sg-chosen[data-id="EG20"]').count() == 1
    assert tab.locator("svg.sg-dim").count() == 1


def test_a_level_filter_hides_that_level(page, big_map):
    tab, _, _ = page
    projects = sum(e.type == "project" for e in big_map)
    tab.uncheck('#sg-levels input[data-level="project"]')
    hidden = tab.eval_on_selector_all(
        "g.sg-node", "gs => gs.filter(g => g.style.display === 'none').map(g => g.dataset.id)"
    )
    assert set(hidden) == {e.id for e in big_map if e.type == "project"}
    assert tab.locator("#sg-status").text_content() == f"{2000 - projects} af 2000 elementer vises"
    assert tab.locator('g.sg-node[data-id="PR1"]').is_hidden()
    tab.check('#sg-levels input[data-level="project"]')
    assert tab.evaluate("window.sgExplore.shown") == 2000


def test_the_hover_card_shows_the_elements_findings(page, big_map):
    tab, _, _ = page
    findings = sg.audit(big_map).findings
    codes = sorted(findings.loc[findings["element"] == "EG20", "code"])
    tab.locator('g.sg-node[data-id="EG20"]').hover()
    card = tab.locator("#sg-card")
    assert card.is_visible()
    text = card.text_content()
    assert big_map["EG20"].title in text
    for code in codes:
        assert code in text


def _inside(tab, selector):
    """Return the ids of the shown boxes that lie wholly inside the map's view."""
    return tab.evaluate(
        """sel => {
          const v = document.getElementById('sg-view').getBoundingClientRect();
          return [...document.querySelectorAll(sel)].filter(g => g.style.display !== 'none')
            .filter(g => { const r = g.getBoundingClientRect();
              return r.left >= v.left - 1 && r.right <= v.right + 1
                && r.top >= v.top - 1 && r.bottom <= v.bottom + 1; })
            .map(g => g.dataset.id);
        }""",
        selector,
    )


def _scale(tab):
    return tab.evaluate(
        "() => new DOMMatrix(getComputedStyle(document.getElementById('sg-stage')).transform).a"
    )


def test_it_opens_readable_at_the_left_of_the_top_level(page, big_map):
    tab, _, _ = page
    tab.reload(wait_until="load")  # the tests before moved the view
    tab.wait_for_function("window.sgExplore && window.sgExplore.painted")
    assert _scale(tab) >= 0.3
    first_vision = next(e.id for e in big_map if e.type == "vision")
    assert first_vision in _inside(tab, "g.sg-node")
    assert tab.locator("#sg-overview").is_visible()  # the map is far wider than the window


def test_the_level_names_sit_in_a_gutter_beside_the_boxes(page):
    tab, _, _ = page
    overlaps = tab.evaluate(
        """() => {
          const boxes = [...document.querySelectorAll('g.sg-node')]
            .map(g => g.getBoundingClientRect());
          const v = document.getElementById('sg-view').getBoundingClientRect();
          return [...document.querySelectorAll('.sg-rowlabel')].filter(l => {
            const r = l.getBoundingClientRect();
            return r.right > v.left || boxes.some(b => b.left < r.right && b.right > r.left
              && b.top < r.bottom && b.bottom > r.top && b.left >= v.left);
          }).length;
        }"""
    )
    assert overlaps == 0
    assert tab.locator(".sg-rowlabel").first.is_visible()


def test_fit_after_a_filter_shows_what_is_left_and_lists_it(page, big_map):
    tab, _, _ = page
    owner = "Jobcenter"
    kept = [e.id for e in big_map if e.owner == owner and e.type == "strategy"]
    for level in ("vision", "policy", "effect_goal", "agreement", "project"):
        tab.uncheck(f'#sg-levels input[data-level="{level}"]')
    tab.select_option("#sg-owner", owner)
    assert tab.evaluate("window.sgExplore.shown") == len(kept)
    # Fitted to what is shown: these lie far apart, so the leftmost, readable, and the rest a pan
    # away (their list is beside the map).
    leftmost = tab.evaluate(
        """kept => kept.map(id => document.querySelector(`g.sg-node[data-id="${id}"]`))
             .sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left)[0]
             .dataset.id""",
        kept,
    )
    assert leftmost in _inside(tab, "g.sg-node")
    assert _scale(tab) >= 0.3
    listed = tab.eval_on_selector_all("#sg-shown li[data-id]", "ls => ls.map(l => l.dataset.id)")
    assert listed == kept  # in map order
    tab.locator(f'#sg-shown li[data-id="{kept[-1]}"]').click()
    assert tab.evaluate("window.sgExplore.selected") == kept[-1]
    # Many left: the list stops at 200 and says how many more.
    tab.select_option("#sg-owner", "")
    tab.check('#sg-levels input[data-level="project"]')
    shown = tab.evaluate("window.sgExplore.shown")
    assert tab.locator("#sg-shown li[data-id]").count() == 200
    assert tab.locator("#sg-shown li.sg-more").text_content() == f"… og {shown - 200} til"
    assert _scale(tab) >= 0.3  # a wide row is fitted by height, not shrunk to a line
    for level in ("vision", "policy", "effect_goal", "agreement"):
        tab.check(f'#sg-levels input[data-level="{level}"]')
    assert tab.locator("#sg-shown").is_hidden()
    tab.click("#sg-fit")
    assert _scale(tab) >= 0.3


BUILTIN_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]


def test_values_named_like_javascript_builtins_are_plain_values(page, tmp_path):
    # Owners, statuses and agendas named like Object's own properties once broke plain {} lookups.
    elements = [{"id": "V", "type": "vision", "title": "Vision", "owner": "Direktionen"}]
    for k, name in enumerate(BUILTIN_NAMES):
        elements.append(
            {
                "id": f"S{k}",
                "type": "strategy",
                "title": f"Strategi {k}",
                "owner": name,
                "status": name,
                "agenda": [name],
                "parents": ["V"],
            }
        )
    smap = sg.StrategyMap(elements, name="proto")
    saved = sg.explore(smap, color_by="owner").save(tmp_path / "map.html")
    errors: list[str] = []
    # A second Playwright cannot start while the module's runs: open a tab in its browser.
    tab = page[0].context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(saved.as_uri(), wait_until="load")
    tab.wait_for_function("window.sgExplore && window.sgExplore.painted")
    options = {
        box: tab.eval_on_selector_all(f"{box} option", "os => os.map(o => o.value)")
        for box in ("#sg-owner", "#sg-agenda")
    }
    fills = tab.eval_on_selector_all(
        "g.sg-node", "gs => gs.map(g => [g.dataset.id, g.firstChild.style.fill])"
    )
    legend_items = "ls => ls.map(l => l.textContent)"
    legend = tab.eval_on_selector_all("#sg-legend li", legend_items)
    tab.select_option("#sg-owner", "__proto__")
    shown = tab.locator("#sg-status").text_content()
    tab.select_option("#sg-color", "status")
    status_legend = tab.eval_on_selector_all("#sg-legend li", legend_items)
    tab.close()
    assert errors == []
    owners = sorted(["Direktionen", *BUILTIN_NAMES], key=str.lower)
    assert sorted(options["#sg-owner"][1:], key=str.lower) == owners
    assert sorted(options["#sg-agenda"][1:], key=str.lower) == sorted(BUILTIN_NAMES, key=str.lower)
    assert len({fill for _, fill in fills}) == 6  # one colour per owner, none lost
    assert all(fill.startswith("rgb(") for _, fill in fills)
    assert sorted(item.strip() for item in legend) == sorted(["Direktionen", *BUILTIN_NAMES])
    assert shown == "1 of 6 elements shown"
    assert sorted(item.strip() for item in status_legend) == sorted([*BUILTIN_NAMES, "(none)"])
