"""The reader's front page without a browser: spans, outlets, feeds of the digest, e-mail, watch, errors."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from conftest import EXAMPLES
from fastapi.testclient import TestClient

from newsverdict.render.reader import outlet_name
from newsverdict.sources.corpus import RawItem
from newsverdict.stories.ingest import ingest_items
from newsverdict.stories.store import Store
from newsverdict.web import create_app

CORPUS = EXAMPLES / "corpus" / "articles.jsonl"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The example corpus with its own dates (November 2026): a store last fed days ago, like `make run`'s."""
    db = tmp_path_factory.mktemp("front") / "demo.db"
    items = [RawItem(origin=f"corpus:{n}", **json.loads(line))
             for n, line in enumerate(CORPUS.read_text().splitlines())]
    with Store(db) as store:
        ingest_items(store, items, now=datetime(2026, 11, 23, tzinfo=UTC))
    return db


@pytest.fixture(scope="module")
def client(demo_db):
    return TestClient(create_app(demo_db), base_url="http://127.0.0.1")


def test_every_default_span_shows_the_same_non_empty_first_screen(cli, client, demo_db):
    web = client.get("/").text
    assert web.count('class="story-row"') == 10 and "10 stories in the latest 7 days in the store" in web
    listed = cli("stories", "--db", str(demo_db)).stdout.decode().strip().splitlines()[1:]
    assert len(listed) == 10
    digest = cli("digest", "--db", str(demo_db), "-f", "json")
    assert digest.returncode == 0 and len(json.loads(digest.stdout)) == 10
    assert len(client.get("/api/stories").json()) == 10
    assert "No stories match" in client.get("/", params={"since": "24h"}).text  # the clock-relative span is empty


def test_placement_is_not_repeated_under_every_row_and_scores_lead_to_the_legend(client):
    page = client.get("/").text
    assert page.count("substance outweighs the noise") <= 2  # the chart's corner, not each row
    assert page.count('href="/about#impact"') >= 10 and page.count('href="/about#hype"') >= 10
    about = client.get("/about").text
    for anchor in ('id="how-to-read"', 'id="impact"', 'id="hype"', 'id="placement"', 'id="chart"', 'id="signals"'):
        assert anchor in about
    assert "moderate" in about and "5–6" in about


def test_chart_has_one_marker_per_score_pair_bands_and_named_corners(client):
    stories = client.get("/api/stories").json()
    pairs = {(s["impact"], s["hype"]) for s in stories}
    svg = client.get("/").text.split("<svg", 1)[1].split("</svg>", 1)[0]
    # one marker per score pair; a pair shared by n stories carries a "+n-1" badge
    assert svg.count("<circle") == len(pairs)
    badges = [int(b) for b in re.findall(r">\+(\d+)</text>", svg)]
    assert len(stories) == 10 and sum(badges) == len(stories) - len(pairs)
    for corner in ("More noise than substance", "Substance outweighs the noise", "Major and loud", "Minor and quiet"):
        assert corner in svg
    assert svg.count('stroke-dasharray="6 4"') == 2  # the ±2 placement bands
    assert 'width="44" height="44"' in svg  # tap targets


def test_story_page_compares_outlets_and_credits_the_earliest(client):
    quake = next(s for s in client.get("/api/stories").json() if "Veloria" in s["headline"])
    page = client.get(f"/story/{quake['story_id']}").text
    assert 'First reported by <b data-testid="first">Northern Ledger</b>, Mon 16 Nov 2026, 06:00 UTC' in page
    bars = page.split('class="bars"', 1)[1].split("</ul>", 1)[0]
    assert bars.count('class="bar-row"') == 5
    # the tabloid's own hype (its own card) shows beside the wire copies' lower hype
    assert bars.index("Coastline Times") < bars.index("Valley Courier")
    assert "+1 h" in page and "+4 h" in page and "a repeat of Northern Ledger" in page
    assert "?" not in bars and "T06:00:00" not in page


def test_earliest_published_copy_is_the_original_whatever_the_ingest_order(tmp_path):
    lines = [json.loads(line) for line in CORPUS.read_text().splitlines()]
    wire, copy = lines[0], lines[1]  # the same text, Northern Ledger 06:00 and Valley Courier 07:00
    with Store(tmp_path / "nv.db") as store:
        ingest_items(store, [RawItem(origin="late", **copy)], now=datetime(2026, 11, 23, tzinfo=UTC))
        ingest_items(store, [RawItem(origin="early", **wire)], now=datetime(2026, 11, 23, tzinfo=UTC))
        rows = {r["source"]: r["duplicate_of"] for r in store.db.execute("SELECT source, duplicate_of FROM articles")}
        ids = {r["source"]: r["id"] for r in store.db.execute("SELECT source, id FROM articles")}
        story = store.stories()[0]
    assert rows["Northern Ledger"] is None and rows["Valley Courier"] == ids["Northern Ledger"]
    assert [s["repeat_of"] for s in story["sources"] if s["source"] == "Valley Courier"] == [ids["Northern Ledger"]]


def test_outlets_page_ranks_by_hype_against_impact_and_each_figure_leads_to_its_articles(client):
    page = client.get("/outlets").text
    names = [chunk.split(">", 1)[1].split("<", 1)[0] for chunk in page.split('class="outlet-name"')[1:]]
    assert names[0] == "Coastline Times" and set(names) == {"Coastline Times", "Valley Courier", "Capital Post",
                                                           "Daily Meridian", "Northern Ledger"}
    detail = client.get("/outlet", params={"source": "Coastline Times", "since": "recent"}).text
    assert detail.count("own hype <b>") == 4 and "TERROR as monster quake" in detail
    assert client.get("/outlets", params={"since": "soon"}).status_code == 422
    assert "pick one on the Outlets page" in client.get("/outlet").text


@pytest.mark.parametrize("source, url, expected", [
    ("Northern Ledger", "", "Northern Ledger"),
    ("www.bbc.co.uk", "", "bbc.co.uk"),
    ("", "https://www.reuters.com/world/x", "reuters.com"),
    ("", "", "unknown outlet"),
])
def test_outlets_are_named_never_question_marks(source, url, expected):
    assert outlet_name(source, url) == expected


def test_digest_feeds_parse_back_as_valid_atom_and_json_feed(client, cli, demo_db):
    atom = client.get("/digest.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(atom.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and len(parsed.entries) == 10
    first = parsed.entries[0]
    # the digest leads with the highest-impact story (the quake and the chip-subsidy law are a near tie)
    impacts = [int(re.search(r"\(impact (\d+)/10", e.title).group(1)) for e in parsed.entries]
    assert first.title.startswith("1. ") and impacts[0] == max(impacts) and "/story/" in first.link
    assert first.updated_parsed is not None and "Impact" in first.content[0].value
    feed = client.get("/digest.json")
    assert feed.headers["content-type"].startswith("application/feed+json")
    body = feed.json()
    assert body["version"] == "https://jsonfeed.org/version/1.1" and len(body["items"]) == 10
    assert feedparser.parse(cli("digest", "-f", "atom", "--db", str(demo_db)).stdout).version == "atom10"
    html = client.get("/digest").text
    assert '<meta name="viewport"' in html and 'id="index"' in html and "Mon 16 Nov 2026" in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def _email_config(tmp_path, port: int):
    path = tmp_path / "config.toml"
    path.write_text(f'[email]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
                    'from = "newsverdict <digest@localhost>"\nto = ["reader@localhost"]\n')
    return path


def test_digest_is_e_mailed_through_a_real_smtp_server_on_loopback(cli, demo_db, tmp_path, smtp_server):
    import email

    controller, inbox = smtp_server
    result = cli("digest", "--send", "--config", str(_email_config(tmp_path, controller.port)), "--db", str(demo_db),
                 "-o", str(tmp_path / "d.txt"))
    assert result.returncode == 0, result.stderr
    assert "e-mailed to reader@localhost" in result.stderr.decode()
    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["reader@localhost"]
    message = email.message_from_bytes(envelope.content)
    assert message["Subject"].startswith("newsverdict digest")
    html = next(p for p in message.walk() if p.get_content_type() == "text/html").get_payload(decode=True).decode()
    assert 'id="index"' in html and "Magnitude 6.8 earthquake strikes northern Veloria" in html


def test_watch_ingests_refreshes_the_digest_and_mails_it_once_per_period(cli, tmp_path, smtp_server):
    controller, inbox = smtp_server
    config = _email_config(tmp_path, controller.port)
    out = tmp_path / "digest.atom"
    db = tmp_path / "watch.db"
    corpus = tmp_path / "three.jsonl"  # three articles keep the test quick
    corpus.write_text("\n".join(CORPUS.read_text().splitlines()[:3]) + "\n")
    args = ("watch", "--every", "0", "--corpus", str(corpus), "-o", str(out), "--config", str(config), "--db", str(db))
    result = cli(*args, "--runs", "2")
    assert result.returncode == 0, result.stderr
    log = result.stderr.decode().strip().splitlines()
    assert len(log) == 2 and "watch run 1: 3 article(s) added" in log[0] and "e-mailed to reader@localhost" in log[0]
    assert "watch run 2: 0 article(s) added" in log[1] and "e-mail not due yet" in log[1]
    assert len(inbox.messages) == 1
    assert feedparser.parse(out.read_bytes()).version == "atom10"


def test_watch_refuses_an_unknown_output_format(cli, tmp_path):
    result = cli("watch", "--runs", "1", "--corpus", str(CORPUS), "-o", str(tmp_path / "d.pdf"),
                 "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2 and "unknown digest suffix" in result.stderr.decode()


def test_errors_are_plain_words_that_keep_what_was_typed(client):
    empty = client.post("/analyze", data={"text": "  ", "title": "My headline"})
    assert empty.status_code == 422
    assert "nothing to analyse yet" in empty.text and 'value="My headline"' in empty.text
    assert "exactly one of" not in empty.text
    feed = client.post("/feeds/add", data={"url": "http://127.0.0.1:1/feed.xml"})
    assert feed.status_code == 422 and "<title>Feeds · newsverdict</title>" in feed.text
    assert 'value="http://127.0.0.1:1/feed.xml"' in feed.text and "We could not add that feed" in feed.text
    missing = client.get("/story/424242", headers={"referer": "http://127.0.0.1/outlets?since=all"})
    assert missing.status_code == 404 and "We could not find that" in missing.text
    assert 'href="/outlets?since=all"' in missing.text and "<h1>404</h1>" not in missing.text


def test_api_page_works_offline_from_the_openapi_document(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "<script" not in page.text and "cdn" not in page.text.lower()
    for path in ("/api/analyze", "/api/stories", "/api/digest"):
        assert path in page.text
    assert 'id="schema-Verdict"' in page.text


def test_evidence_speaks_plain_words_with_a_colour_per_family(client):
    from conftest import POLICY

    page = client.post("/analyze", data={"text": POLICY}).text
    assert 'class="fam-stakes' in page and "Size of the figures" in page and "What is at stake" in page
    evidence = page.split('class="evidence"', 1)[1].split("</details>", 1)[0]
    assert "magnitude" not in evidence and "weight" not in evidence.lower() and "+0." not in evidence


def test_pages_stay_fast_enough_on_the_example_store(client):
    # behaviour, not a benchmark: the list is bounded, whatever the store holds (bench/front.py measures speed)
    page = client.get("/", params={"since": "all", "limit": 3}).text
    assert page.count('class="story-row"') == 3 and "Show more stories" in page
    assert client.get("/", params={"limit": "lots"}).status_code == 200  # a bad value falls back to the default


def test_recent_span_counts_back_from_the_newest_story(tmp_path):
    from newsverdict.stories.store import RECENT_DAYS, span_start

    newest = datetime(2026, 11, 19, tzinfo=UTC).timestamp()
    assert span_start("recent", newest) == newest - timedelta(days=RECENT_DAYS).total_seconds()
    assert span_start("recent", None) is None and span_start("all", newest) is None
