"""The JSON API and the pages, through the ASGI client."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, GOSSIP, HOSTILE_TITLE, POLICY
from fastapi.testclient import TestClient

from bench.liveserver import seed_store
from newsverdict.web import MAX_BODY_BYTES, create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "nv.db"
    seed_store(db)
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def test_api_analyze_text_gives_the_same_card_as_the_library(client):
    import newsverdict

    response = client.post("/api/analyze", json={"text": POLICY})
    assert response.status_code == 200
    card = response.json()
    assert card == newsverdict.analyze(POLICY).model_dump(mode="json")


def test_api_analyze_html(client):
    html = (EXAMPLES / "port-strike.html").read_text()
    card = client.post("/api/analyze", json={"html": html}).json()
    assert card["headline"].startswith("Dockworkers") and card["cleaning"]["repeats_dropped"] == 2


@pytest.mark.parametrize("body, fragment", [
    ({}, "exactly one"),
    ({"text": POLICY, "url": "https://example.org/"}, "exactly one"),
    ({"text": "too short"}, "too short to judge"),
    ({"url": "http://127.0.0.1:9/x"}, "non-public address"),
    ({"url": "http://10.1.2.3/x"}, "non-public address"),
    ({"url": "http://169.254.169.254/latest/meta-data/"}, "non-public address"),
    ({"url": "file:///etc/passwd"}, "only http(s)"),
])
def test_api_analyze_bad_input_is_a_clear_json_error(client, body, fragment):
    response = client.post("/api/analyze", json=body)
    assert response.status_code == 422
    assert fragment in response.json()["error"]


def test_request_body_cap(client):
    response = client.post("/api/analyze", content=b"x" * (MAX_BODY_BYTES + 10),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "cap" in response.json()["error"]


def test_api_stories_filters_and_story(client):
    stories = client.get("/api/stories").json()
    assert len(stories) == 10
    assert [s["impact"] for s in stories] == sorted((s["impact"] for s in stories), reverse=True)
    extreme = client.get("/api/stories", params={"hype": "extreme"}).json()
    assert [s["headline"] for s in extreme] == [s["headline"] for s in stories if s["hype_level"] == "extreme"]
    by_outlet = client.get("/api/stories", params={"outlet": "Valley Courier"}).json()
    assert by_outlet and all(any(r["source"] == "Valley Courier" for r in s["sources"]) for s in by_outlet)
    text = client.get("/api/stories", params={"q": "retirement"}).json()
    assert [s["headline"] for s in text] == ["Rail workers in Tessaly begin 48-hour strike over pensions"]
    one = client.get(f"/api/stories/{stories[0]['story_id']}").json()
    assert one["story_id"] == stories[0]["story_id"] and one["sources"]
    missing = client.get("/api/stories/99999")
    assert missing.status_code == 404 and "no story" in missing.json()["error"]
    assert client.get("/api/stories", params={"since": "soon"}).status_code == 422


def test_api_digest_formats(client):
    assert client.get("/api/digest").json()[0]["impact"] >= 1
    assert "<svg" in client.get("/api/digest", params={"format": "html"}).text
    assert client.get("/api/digest", params={"format": "pdf"}).status_code == 422


def test_openapi_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/analyze", "/api/stories", "/api/stories/{story_id}", "/api/digest"} <= set(paths)


def test_pages_render_and_escape_article_text(client):
    page = client.get("/")
    assert page.status_code == 200 and "<svg" in page.text and "/story/" in page.text
    assert "script-src 'none'" in page.headers["content-security-policy"]
    analyzed = client.post("/analyze", data={"text": HOSTILE_TITLE + "\n\n" + POLICY.split("\n\n", 1)[1]})
    assert analyzed.status_code == 200
    assert "<script>document.title" not in analyzed.text
    assert "&lt;script&gt;" in analyzed.text
    assert "<img src=x" not in analyzed.text
    assert "<mark" in analyzed.text  # evidence highlighted in the article text


def test_analyze_page_shows_errors_as_a_message(client):
    page = client.post("/analyze", data={"text": "short"})
    assert page.status_code == 422
    assert "too short to judge" in page.text and "Traceback" not in page.text


def test_story_page_folds_repeats(client):
    stories = client.get("/api/stories").json()
    quake = next(s for s in stories if "Veloria" in s["headline"])
    page = client.get(f"/story/{quake['story_id']}")
    assert "repeat(s) of this article" in page.text


def test_feeds_page_add_is_guarded_and_ingest_job_runs(client):
    assert client.get("/feeds").status_code == 200
    refused = client.post("/feeds/add", data={"url": "http://127.0.0.1:1/feed.xml"})
    assert refused.status_code == 422 and "non-public" in refused.text
    started = client.post("/feeds/ingest", follow_redirects=False)
    assert started.status_code == 303
    job_page = client.get(started.headers["location"])
    assert job_page.status_code == 200 and ("Running" in job_page.text or "Finished" in job_page.text)


def test_gossip_is_analysed_as_loud(client):
    card = client.post("/api/analyze", json={"text": GOSSIP}).json()
    assert card["hype_level"] in {"high", "extreme"}
