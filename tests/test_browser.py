"""The web app in a real headless Chromium (Debian's chromium, driven by Playwright).

Screenshots go to tests/screenshots/ (ignored by git).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import POLICY
from webutil import HOSTILE_TITLE, LiveServer, seed_store

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
def page():
    SHOTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        yield pg
        browser.close()


def test_stories_page_filter_and_open_a_story(server, page):
    page.goto(server.url + "/")
    rows = page.locator("li.story-row")
    assert rows.count() == 10
    assert page.locator("svg.chart circle").count() == 8  # two pairs of stories share a score: one marker each
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
