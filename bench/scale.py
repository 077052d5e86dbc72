"""Scale of the stories stage and of ingest.

    python -m bench.scale [--sizes 10000,30000,100000] [--ingest 300] [--json FILE]

1. Story clustering of N synthetic articles (about 150 words each, spread over
   60 days, 1-8 articles per event): wall time and peak memory, each size in a
   fresh process so the memory figure is its own.
2. Ingest of pre-fetched HTML pages into a fresh store on local disk
   (extraction, cleaning, de-duplication, the card of each article, storing,
   stories): articles per second on one core.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SYLLABLES = ["ka", "lo", "mer", "ta", "vin", "dor", "sa", "quel", "ri", "bon", "tes", "na", "ul", "gar", "pe", "zo"]
_KINDS = [
    ("earthquake", "struck", "people were killed", "rescue teams searched collapsed buildings"),
    ("election", "was won by", "voters took part", "the new government will be formed next month"),
    ("merger", "was agreed by", "jobs are affected", "regulators must approve the deal"),
    ("strike", "was called by", "workers walked out", "talks with the ministry will resume"),
    ("flood", "hit", "families were evacuated", "the army sent boats and supplies"),
    ("trial", "opened against", "witnesses will testify", "the court expects a verdict in spring"),
]


def _name(rng: random.Random) -> str:
    # 16^3..16^4 distinct names: events rarely share a name by accident, as in real news
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def synthetic_corpus(n: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    docs: list[dict] = []
    start = 1_790_000_000.0
    while len(docs) < n:
        kind, verb, effect, after = rng.choice(_KINDS)
        place, person, org = _name(rng), f"{_name(rng)} {_name(rng)}", f"{_name(rng)} Group"
        count = rng.randint(2, 900) * 10
        when = start + rng.uniform(0, 60 * 86400)
        event = len(docs)
        for k in range(rng.randint(1, 8)):
            lead = rng.choice([f"A {kind} {verb} {place} on Monday, and {count:,} {effect}, officials said.",
                               f"In {place}, {count:,} {effect} after the {kind} that {verb} the region.",
                               f"Officials in {place} said {count:,} {effect} as the {kind} {verb} the area."])
            body = (f"{person} of {org} said the situation in {place} remained difficult. "
                    f"According to local authorities, {after}. {person} added that {org} would publish "
                    f"more figures later this week. Residents of {place} described long queues and closed "
                    f"roads, and the national news agency reported that {after}. ")
            filler = " ".join(rng.choice(["The", "Local", "Regional", "National"]) + " reporters said the "
                              + rng.choice(["situation", "response", "mood", "traffic"]) + " was "
                              + rng.choice(["calm", "tense", "improving", "uncertain"]) + "." for _ in range(6))
            docs.append({"id": f"{event}-{k}", "title": f"{kind.capitalize()} in {place}",
                         "text": lead + " " + body + filler, "published": when + k * 1800, "event": event})
    return docs[:n]


def cluster_run(n: int) -> dict:
    """Runs in its own process (see main)."""
    from newsverdict.stories.cluster import StoryDoc, cluster

    corpus = synthetic_corpus(n)
    docs = [StoryDoc(d["id"], d["text"], d["title"], d["published"]) for d in corpus]
    start = time.perf_counter()
    labels = cluster(docs)
    wall = time.perf_counter() - start
    gold = [d["event"] for d in corpus]
    from bench.quality import bcubed

    _, _, f1 = bcubed(gold, labels)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "wall_s": round(wall, 2), "articles_per_s": round(n / wall),
            "peak_rss_mib": round(peak_mib), "stories": len(set(labels)), "events": len(set(gold)),
            "bcubed_f1_vs_generator": round(f1, 3)}


def ingest_run(n: int) -> dict:
    from datetime import UTC, datetime

    from newsverdict.sources.corpus import RawItem
    from newsverdict.stories.ingest import ingest_items
    from newsverdict.stories.store import Store

    corpus = synthetic_corpus(n, seed=5)
    items = []
    for d in corpus:
        paras = "".join(f"<p>{s}.</p>" for s in d["text"].split(". ") if s)
        html = (f"<html><head><title>{d['title']}</title></head><body><nav>Home | News</nav>"
                f"<article><h1>{d['title']}</h1>{paras}</article><footer>© Example</footer></body></html>")
        items.append(RawItem(origin=d["id"], url=f"https://news{hash(d['id']) % 7}.example/{d['id']}",
                             source=f"Outlet {hash(d['id']) % 7}", title=d["title"], html=html,
                             published=datetime.fromtimestamp(d["published"], UTC).isoformat()))
    now = datetime.fromtimestamp(corpus[0]["published"] + 61 * 86400, UTC)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        start = time.perf_counter()
        report = ingest_items(store, items, now=now)
        wall = time.perf_counter() - start
        start = time.perf_counter()
        again = ingest_items(store, items, now=now)  # the same pages again: nothing to add
        rerun = time.perf_counter() - start
    return {"pages": n, "added": report.added, "skipped": len(report.skipped), "repeats": report.repeats,
            "wall_s": round(wall, 2), "articles_per_s_one_core": round(n / wall, 1),
            "rerun_unchanged_s": round(rerun, 2), "rerun_added": again.added}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--ingest", type=int, default=300, help="HTML pages to ingest (0: skip)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(cluster_run(args.one)))
        return
    report: dict = {"clustering": []}
    for n in [int(s) for s in args.sizes.split(",") if s]:
        out = subprocess.run([sys.executable, "-m", "bench.scale", "--one", str(n)], capture_output=True, text=True,
                             check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        report["clustering"].append(row)
        print(json.dumps(row), flush=True)
    if args.ingest:
        report["ingest"] = ingest_run(args.ingest)
        print(json.dumps(report["ingest"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
