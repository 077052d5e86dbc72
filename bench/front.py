"""Speed of the reader's pages on a 10,000-article store, over loopback.

    python -m bench.front [--articles 10000] [--rounds 30] [--json FILE]

Builds the store quickly by writing synthetic stored articles and story cards
straight into SQLite (no analysis: a real story card from the example corpus is
the template, its headline, scores, coverage and sources changed per story), then
starts the app with uvicorn on 127.0.0.1 and requests every page type ``--rounds``
times, one at a time. Prints p50/p95 per page in milliseconds. Traffic never
leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = [f"Outlet {name}" for name in (
    "Aurora", "Beacon", "Chronicle", "Dispatch", "Echo", "Frontier", "Gazette", "Herald", "Inquirer", "Journal",
    "Keystone", "Ledger", "Monitor", "Northstar", "Observer", "Pioneer", "Quarterly", "Record", "Sentinel",
    "Tribune", "Union", "Voice", "Wire", "Examiner", "Yardstick", "Zenith")] + ["www.example-news.com", "wire.example"]
WORDS = ("parliament approves budget law court ruling earthquake strike election inflation rates recall vaccine "
         "trial minister resigns merger subsidy chips port flood wildfire talks treaty sanctions tariff").split()


def build_store(path: Path, n_articles: int, seed: int = 1) -> dict:
    """A store of ``n_articles`` articles in stories of 1-8 articles over 30 days; returns what was built."""
    from newsverdict.sources.corpus import RawItem
    from newsverdict.stories.ingest import ingest_items
    from newsverdict.stories.store import Store

    rng = random.Random(seed)
    corpus = ROOT / "examples" / "corpus" / "articles.jsonl"
    template_db = path.with_name("template.db")
    items = [RawItem(origin=f"t{n}", **json.loads(line)) for n, line in enumerate(corpus.read_text().splitlines()[:5])]
    with Store(template_db) as store:
        ingest_items(store, items, now=datetime(2026, 11, 23, tzinfo=UTC))
        template = store.stories()[0]
        article_card = store.db.execute("SELECT card_json FROM articles LIMIT 1").fetchone()[0]
    end = datetime(2026, 11, 20, tzinfo=UTC).timestamp()
    start = end - 30 * 86400
    now_iso = datetime(2026, 11, 21, tzinfo=UTC).isoformat()
    article_rows, story_rows = [], []
    article_id, story_id = 0, 0
    while article_id < n_articles:
        story_id += 1
        size = min(rng.choice((1, 1, 2, 3, 4, 5, 6, 8)), n_articles - article_id)
        first = rng.uniform(start, end)
        impact, hype = rng.randint(1, 9), rng.randint(1, 9)
        headline = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" ({story_id})"
        sources, timestamps, original = [], [], None
        for k in range(size):
            article_id += 1
            ts = first + k * rng.uniform(600, 20000)
            timestamps.append(ts)
            source = rng.choice(OUTLETS)
            repeat = original is not None and rng.random() < 0.25
            text = f"{headline}. " + " ".join(rng.choice(WORDS) for _ in range(120))
            published = datetime.fromtimestamp(ts, UTC).isoformat()
            article_rows.append((article_id, f"https://{source.replace(' ', '').lower()}.example/{article_id}",
                                 f"https://{source.replace(' ', '').lower()}.example/{article_id}",
                                 f"fp{article_id}", source, headline, text, published, ts, now_iso,
                                 original if repeat else None, story_id, min(10, max(1, impact + rng.randint(-1, 1))),
                                 min(10, max(1, hype + rng.randint(-2, 3))), article_card))
            sources.append({"article_id": article_id, "source": source, "title": headline,
                            "url": f"https://{source.replace(' ', '').lower()}.example/{article_id}",
                            "published": published, "repeat_of": original if repeat else None})
            original = original or article_id
        card = dict(template, story_id=story_id, headline=headline, impact=impact, hype=hype,
                    hype_level="low" if hype <= 3 else "moderate" if hype <= 5 else "high" if hype <= 7 else "extreme",
                    sources=sources)
        repeats = sum(1 for s in sources if s["repeat_of"])
        card["coverage"] = dict(template["coverage"], articles=size, repeats=repeats,
                                outlets=len({s["source"] for s in sources if not s["repeat_of"]}),
                                first_ts=min(timestamps), last_ts=max(timestamps))
        story_rows.append((story_id, headline, min(timestamps), max(timestamps), impact, hype, size,
                           card["coverage"]["outlets"], json.dumps(card), now_iso))
    with Store(path) as store, store.transaction():
        store.db.executemany("INSERT INTO stories(id, headline, first_ts, last_ts, impact, hype, articles, outlets, "
                             "card_json, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", story_rows)
        store.db.executemany(
            "INSERT INTO articles(id, url, canonical_url, fingerprint, source, title, text, published, published_ts, "
            "added_at, duplicate_of, story_id, impact, hype, card_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            article_rows)
    return {"articles": article_id, "stories": story_id}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import httpx

    from bench.liveserver import LiveServer

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "front.db"
        t0 = time.perf_counter()
        built = build_store(db, args.articles)
        print(f"built {built['articles']} articles in {built['stories']} stories in "
              f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
        pages = {
            "stories (recent)": "/", "stories (all)": "/?since=all", "stories (text filter)": "/?q=earthquake",
            "stories (outlet filter)": "/?outlet=Outlet+Herald", "story": "/story/1", "story (8 articles)": "",
            "outlets (recent)": "/outlets", "outlets (all)": "/outlets?since=all",
            "outlet": "/outlet?source=Outlet+Herald&since=all", "digest page": "/digest",
            "digest atom": "/digest.atom", "digest json feed": "/digest.json", "about": "/about", "api": "/docs",
            "analyze (form)": "/analyze", "feeds": "/feeds"}
        from newsverdict.stories.store import Store

        with Store(db) as store:
            big = store.db.execute("SELECT id FROM stories WHERE articles = 8 LIMIT 1").fetchone()[0]
        pages["story (8 articles)"] = f"/story/{big}"
        results = {}
        with LiveServer(db) as live, httpx.Client(base_url=live.url, timeout=30) as http:
            for name, path in pages.items():
                assert http.get(path).status_code == 200, path  # warm-up, and a check that the page works
                times = []
                for _ in range(args.rounds):
                    start = time.perf_counter()
                    response = http.get(path)
                    times.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200
                times.sort()
                results[name] = {"p50_ms": round(statistics.median(times), 1),
                                 "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                                 "bytes": len(response.content)}
                print(f"{name:<26} p50 {results[name]['p50_ms']:>6.1f} ms   p95 {results[name]['p95_ms']:>6.1f} ms"
                      f"   {results[name]['bytes'] // 1024:>4} KiB")
    if args.json:
        args.json.write_text(json.dumps({"store": built, "rounds": args.rounds, "pages": results}, indent=2))


if __name__ == "__main__":
    main()
