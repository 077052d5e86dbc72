"""Feeds, the store, ingest, stories and the digest, as a user drives them from the command line."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import EXAMPLES, POLICY

from newsverdict.errors import InputError, StoreError
from newsverdict.sources.corpus import RawItem, parse_date
from newsverdict.sources.feeds import parse_feed, parse_opml
from newsverdict.stories.ingest import ingest_items
from newsverdict.stories.repeats import canonical_url
from newsverdict.stories.store import SCHEMA_VERSION, Store

CORPUS = EXAMPLES / "corpus"
NOW = datetime(2026, 11, 20, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "nv.db"


def _ingest_example(cli, db: Path):
    result = cli("ingest", str(CORPUS / "articles.jsonl"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return result


def test_ingest_the_example_corpus_and_list_stories(cli, db):
    result = _ingest_example(cli, db)
    assert "added" in result.stderr.decode()
    stories = json.loads(cli("stories", "--format", "json", "--db", str(db)).stdout)
    headlines = [s["headline"] for s in stories]
    assert len(stories) == 10
    quake = next(s for s in stories if "Veloria" in s["headline"])
    assert quake["coverage"]["outlets"] >= 2
    assert quake["coverage"]["repeats"] >= 2  # syndicated copy and light rewrites are repeats
    gossip = next(s for s in stories if "Mira Solenne" in s["headline"])
    assert stories.index(gossip) == len(stories) - 1 or gossip["impact"] == min(s["impact"] for s in stories)
    assert gossip["hype"] > quake["hype"]
    # ranked by impact, not by noise
    assert [s["impact"] for s in stories] == sorted((s["impact"] for s in stories), reverse=True)
    assert "Harbour City" in " ".join(headlines)


def test_reingest_adds_nothing_and_same_url_with_tracking_is_stored_once(cli, db):
    _ingest_example(cli, db)
    with Store(db) as store:
        before = store.count("articles")
        urls = [r[0] for r in store.db.execute("SELECT canonical_url FROM articles")]
    assert sum("marlow-rates" in u for u in urls) == 1  # the utm_ copy was recognised
    result = cli("ingest", str(CORPUS / "articles.jsonl"), "--db", str(db))
    assert "0 article(s) added" in result.stderr.decode()
    with Store(db) as store:
        assert store.count("articles") == before


def test_story_card_shows_all_sources_and_a_summary_without_repeats(cli, db):
    _ingest_example(cli, db)
    stories = [json.loads(line) for line in cli("stories", "-f", "jsonl", "--db", str(db)).stdout.splitlines()]
    quake = next(s for s in stories if "Veloria" in s["headline"])
    out = cli("story", str(quake["story_id"]), "--db", str(db)).stdout.decode()
    for outlet in ("Northern Ledger", "Valley Courier", "Capital Post", "Coastline Times"):
        assert outlet in out
    assert "repeats #" in out
    summary = quake["summary"]
    assert summary.count("struck the mountainous north") <= 1
    assert len(quake["key_points"]) == 3
    # two outlets word the rate rise differently; the story's summary states it once
    rates = next(s for s in stories if "Marlow raises interest rates" in s["headline"])
    assert rates["coverage"]["outlets"] == 2
    assert rates["summary"].count("5.25%") == 1


def test_feeds_add_opml_list_ingest_and_remove(cli, db):
    result = cli("feeds", "add", str(CORPUS / "feeds.opml"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "wire.xml" in result.stdout.decode()
    assert "wire.xml" in cli("feeds", "list", "--db", str(db)).stdout.decode()
    result = cli("ingest", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "4 article(s) added" in result.stderr.decode()
    again = cli("ingest", "--db", str(db))
    assert "0 article(s) added" in again.stderr.decode()
    assert cli("feeds", "remove", "1", "--db", str(db)).returncode == 0
    assert "no feeds yet" in cli("feeds", "list", "--db", str(db)).stdout.decode()


def test_digest_html_has_ranked_cards_and_an_svg_chart(cli, db, tmp_path):
    _ingest_example(cli, db)
    out = tmp_path / "digest.html"
    result = cli("digest", "--since", "all", "--format", "html", "-o", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert "<svg" in page and "<circle" in page
    assert page.index("Veloria") < page.index("Mira Solenne")  # gossip ranks last
    md = cli("digest", "--since", "all", "--format", "markdown", "--db", str(db)).stdout.decode()
    assert md.startswith("# newsverdict digest") and "## 1. " in md


def test_digest_of_an_empty_window_says_so(cli, db):
    _ingest_example(cli, db)
    result = cli("digest", "--since", "1h", "--db", str(db))  # the example corpus is dated November 2026
    assert result.returncode in (0, 2)
    if result.returncode == 2:
        assert "no stories" in result.stderr.decode()


def test_full_text_search(cli, db):
    _ingest_example(cli, db)
    out = cli("search", "retirement age", "--db", str(db)).stdout.decode()
    assert "Tessaly" in out
    assert cli("search", "zzzzunlikelyword", "--db", str(db)).returncode == 1
    assert cli("search", 'bad "quote', "--db", str(db)).returncode in (0, 1)  # never a traceback


def test_store_has_wal_foreign_keys_and_schema_version(db):
    with Store(db) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.schema_version() == SCHEMA_VERSION


def test_newer_schema_is_refused_and_garbage_is_not_a_database(tmp_path):
    newer = tmp_path / "newer.db"
    with Store(newer) as store:
        store.db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer"):
        Store(newer)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a newsverdict database"):
        Store(garbage)


def test_bad_items_are_reported_and_the_good_ones_kept(db):
    body = POLICY.split("\n\n", 1)[1]
    items = [
        RawItem(origin="a", url="https://a.example/1", source="A", title="Good one", text=body,
                published="2026-11-19T10:00:00Z"),
        RawItem(origin="b", url="https://b.example/2", source="B", title="No text"),
        RawItem(origin="c", url="https://c.example/3", source="C", title="Future", text=body.replace("wage", "pay"),
                published="2031-01-01T00:00:00Z"),
        RawItem(origin="d", url="https://d.example/4", source="D", title="Bad date", text=body, published="soon-ish"),
        RawItem(origin="e", url="https://e.example/5", source="E", title="Huge", text="word " * 300_000),
        InputError("f.jsonl:3: not valid JSON (Expecting value)"),
    ]
    with Store(db) as store:
        report = ingest_items(store, items, now=NOW)
        assert report.added == 1
        reasons = " | ".join(r for _, r in report.skipped)
        assert "no text" in reasons and "future" in reasons and "unparsable date" in reasons
        assert "size cap" in reasons and "not valid JSON" in reasons
        assert store.count("ingest_errors") == 5
        assert store.count("stories") == 1


def test_a_failure_midway_keeps_finished_items(db, monkeypatch):
    import newsverdict.stories.ingest as ingest

    body = POLICY.split("\n\n", 1)[1]
    calls = {"n": 0}
    real = ingest.Ingester.add

    def dying_add(self, item, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the user pressed ^C, or the machine went down
        return real(self, item, **kw)

    monkeypatch.setattr(ingest.Ingester, "add", dying_add)
    items = [RawItem(origin=str(i), url=f"https://x.example/{i}", source=f"Outlet {i}", title=f"T{i}",
                     text=body + f" Item number {i} of the series.") for i in range(5)]
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        ingest_items(store, items, now=NOW)
    with Store(db) as store:
        assert store.count("articles") == 2
        assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.setattr(ingest.Ingester, "add", real)
    with Store(db) as store:
        report = ingest_items(store, items, now=NOW)
        assert report.added == 3 and report.already_stored == 2


def test_canonical_url_and_dates():
    assert canonical_url("HTTPS://Www.Example.com/a/b/?utm_source=x&id=3&fbclid=abc#top") == \
        "https://www.example.com/a/b?id=3"
    assert canonical_url("ftp://example.com/x") is None
    assert parse_date("Mon, 16 Nov 2026 06:00:00 GMT").year == 2026
    assert parse_date("2026-11-16T06:00:00Z").tzinfo is not None
    assert parse_date("yesterday-ish") is None


HOSTILE_ENTITIES = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>&c;</title><item><title>x</title><link>https://x.example/</link></item></channel></rss>"""
HOSTILE_EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""


@pytest.mark.parametrize("data", [HOSTILE_ENTITIES, HOSTILE_EXTERNAL])
def test_hostile_xml_is_refused(data):
    with pytest.raises(InputError, match="hostile XML"):
        parse_feed(data, "evil.xml")


def test_bad_feeds_and_opml_give_clear_errors(cli, tmp_path, db):
    html_page = tmp_path / "page.xml"
    html_page.write_text("<!doctype html><html><body><p>Not a feed</p></body></html>")
    with pytest.raises(InputError, match="HTML page, not an RSS/Atom feed"):
        parse_feed(html_page.read_bytes(), str(html_page))
    with pytest.raises(InputError, match=r"not a readable RSS/Atom feed|malformed"):
        parse_feed(b"<rss><channel><item><title>broken", "broken.xml")
    with pytest.raises(InputError, match="OPML lists no feeds"):
        parse_opml(b"<opml version='2.0'><body></body></opml>", "empty.opml")
    with pytest.raises(InputError, match="malformed OPML"):
        parse_opml(b"<opml><body><outline", "bad.opml")
    evil = tmp_path / "evil.xml"
    evil.write_bytes(HOSTILE_EXTERNAL)
    result = cli("feeds", "add", str(evil), "--db", str(db))
    assert result.returncode == 2 and "hostile XML" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_feed_items_without_link_or_text_are_reported():
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>empty</title></item>"
            b"<item><title>ok</title><link>https://x.example/a</link><description>hello</description></item>"
            b"</channel></rss>")
    parsed = parse_feed(feed, "t.xml")
    assert len(parsed.items) == 1
    assert parsed.problems == ["item 1: no link and no text"]
