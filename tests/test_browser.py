"""The web app in a real headless Chromium (Debian's chromium, driven by Playwright).

Screenshots of every page type at 390 and 1280 px go to tests/screenshots/ (ignored by git).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import HOSTILE_TITLE, POLICY

from bench.liveserver import LiveServer, seed_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).with_name("screenshots")

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (CI installs it: see .ci/run)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "nv.db"
    seed_store(db)
    with LiveServer(db) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser):
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    yield pg
    pg.close()


@pytest.fixture(scope="module")
def phone(browser):
    pg = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield pg
    pg.close()


def page_types(server) -> dict[str, str]:
    """Every kind of page a reader meets, with a real id where one is needed."""
    import json
    import urllib.request

    with urllib.request.urlopen(server.url + "/api/stories") as response:  # loopback only
        stories = json.load(response)
    quake = next(s for s in stories if "Veloria" in s["headline"])
    return {"stories": "/", "story": f"/story/{quake['story_id']}", "analyze": "/analyze", "feeds": "/feeds",
            "digest": "/digest", "outlets": "/outlets", "outlet": "/outlet?source=Coastline+Times",
            "about": "/about", "api": "/docs", "error": "/story/987654"}


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways_and_every_one_is_screenshotted(server, browser, width):
    pg = browser.new_page(viewport={"width": width, "height": 844 if width == 390 else 900})
    try:
        for name, path in page_types(server).items():
            pg.goto(server.url + path)
            overflow = pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
            pg.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        pg.goto(server.url + "/analyze")
        pg.fill("textarea[name=text]", POLICY)
        pg.click("form.analyze button[type=submit]")
        pg.wait_for_selector("#card")
        pg.click("details.highlighted summary")
        pg.click("details.evidence summary")
        assert pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        pg.screenshot(path=str(SHOTS / f"analyzed-{width}.png"), full_page=True)
    finally:
        pg.close()


def test_phone_first_screen_shows_stories_and_the_legend_is_one_tap_from_a_score(server, phone):
    phone.goto(server.url + "/")
    first = phone.locator("li.story-row").first.bounding_box()
    assert first is not None and first["y"] + 60 < 844, "the first story is below the phone's first screen"
    phone.locator('li.story-row a[href="/about#impact"]').first.tap()
    phone.wait_for_url("**/about#impact")
    assert phone.locator("#impact").is_visible() and phone.locator("#how-to-read").count() == 1


def test_story_page_shows_each_outlets_hype_beside_the_impact(server, phone):
    phone.goto(server.url + page_types(server)["story"])
    bars = phone.locator("ul.bars li.bar-row")
    assert bars.count() == 5 and bars.first.is_visible()
    assert "Coastline Times" in bars.first.inner_text()  # the loudest outlet leads
    assert phone.locator("[data-testid=first]").inner_text() == "Northern Ledger"
    assert phone.locator(".impact-line").first.is_visible()


def test_skip_link_is_the_first_tab_stop_and_targets_are_44_px(server, page):
    page.goto(server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    targets = "main a, main button, main select, main summary, header a, main input"
    # links inside a sentence are exempt (WCAG 2.5.5): those in paragraphs and captions
    small = page.evaluate("""(sel) => [...document.querySelectorAll(sel)]
        .filter(e => e.offsetParent !== null && !e.closest('svg') && !e.closest('p, figcaption'))
        .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])
        .filter(([, h]) => h < 44)""", targets)
    assert small == []


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_serious_or_critical_violation(server, browser, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pg = browser.new_page(viewport={"width": width, "height": 900})
    try:
        found = {}
        for name, path in page_types(server).items():
            pg.goto(server.url + path)
            violations = axe.run(pg).response["violations"]
            bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations
                   if v["impact"] in {"serious", "critical"}]
            if bad:
                found[name] = bad
        pg.goto(server.url + "/analyze")  # and a verdict with its evidence open
        pg.fill("textarea[name=text]", POLICY)
        pg.click("form.analyze button[type=submit]")
        pg.wait_for_selector("#card")
        pg.click("details.highlighted summary")
        pg.click("details.evidence summary")
        bad = [v["id"] for v in axe.run(pg).response["violations"] if v["impact"] in {"serious", "critical"}]
        if bad:
            found["analyzed"] = bad
        assert found == {}
    finally:
        pg.close()


def test_stories_page_filter_and_open_a_story(server, page):
    page.goto(server.url + "/")
    rows = page.locator("li.story-row")
    assert rows.count() == 10
    pairs = {tuple(n.inner_text() for n in row.locator(".nums b").all()) for row in rows.all()}
    assert page.locator("svg.chart circle").count() == len(pairs)  # stories that share a score share one marker
    page.screenshot(path=str(SHOTS / "stories.png"), full_page=True)
    page.select_option("select[name=hype]", "extreme")
    page.click("button[type=submit]")
    assert rows.count() == 1
    assert "Mira Solenne" in rows.first.inner_text()
    page.goto(server.url + "/?since=24h&q=earthquake")
    assert rows.count() == 1
    page.click("a.story-link")
    page.wait_for_url("**/story/*")
    assert "Veloria" in page.locator("h1").inner_text()
    assert page.locator("ol.sources > li").count() >= 2
    page.screenshot(path=str(SHOTS / "story.png"), full_page=True)


def test_chart_dot_links_to_its_story(server, page):
    page.goto(server.url + "/")
    page.locator("details.chart-box svg.chart a").first.click()
    page.wait_for_url("**/story/*")
    assert page.locator(".scores").count() == 1


def test_paste_an_article_and_see_its_score_and_key_points(server, page):
    page.goto(server.url + "/analyze")
    page.fill("textarea[name=text]", POLICY)
    page.click("form.analyze button[type=submit]")
    page.wait_for_selector("#card")
    assert int(page.locator("[data-testid=impact]").inner_text()) >= 5
    assert page.locator("ul.key-points li").count() == 3
    page.click("details.highlighted summary")
    assert page.locator("details.highlighted mark").count() > 0
    page.screenshot(path=str(SHOTS / "analyze.png"), full_page=True)


def test_hostile_article_shows_its_text_and_runs_nothing(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/analyze")
    page.fill("textarea[name=text]", HOSTILE_TITLE + "\n\n" + POLICY.split("\n\n", 1)[1])
    page.click("form.analyze button[type=submit]")
    page.wait_for_selector("#card")
    assert page.title() != "pwned"
    assert "<script>document.title='pwned'</script>" in page.locator("#card h2.headline").inner_text()
    assert page.locator("#card h2.headline img").count() == 0 and page.locator("#card h2.headline b").count() == 0
    assert dialogs == []
    page.screenshot(path=str(SHOTS / "hostile.png"), full_page=True)
