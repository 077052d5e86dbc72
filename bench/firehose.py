"""A day of crawled news through `newsverdict batch`: corpus, profile, throughput, scaling.

    python -m bench.firehose build --size 10000 --out /tmp/firehose-10k      # WARC.gz files of HTML pages
    python -m bench.firehose profile /tmp/firehose-10k --size 300             # where one article's time goes
    python -m bench.firehose card-profile /tmp/firehose-10k --size 150     # cProfile of the card's functions
    python -m bench.firehose warc /tmp/firehose-10k                           # fastwarc vs warcio on the job
    python -m bench.firehose run /tmp/firehose-10k --engine local --workers 2 # wall, articles/s, peak RSS
    python -m bench.firehose structure /tmp/firehose-10k-out-local-2   # stories per day, articles per story
    python -m bench.firehose multiply /tmp/firehose-10k-out-local-2 --times 10 --dest /tmp/drv100k
    python -m bench.firehose driver /tmp/drv100k [--implementation old]  # the driver alone: time, peak RSS

The corpus is built from real article text in ../shared/data/dev: FRANK (CNN/DM and
XSum articles), ECB+ (several outlets' reports of the same events: real multi-source
stories), PTC (propaganda-rich news) and the Scrapinghub extraction set's real HTML pages
(kept as fetched). It is multiplied with the variation a day of news has:

* story sizes follow a power law (P(k) ~ k^-2, k <= 500: most stories have one article,
  the mean is about 4, a few have hundreds), as in GDELT/CC-NEWS days;
* each article of a story is a syndicated copy (30 %: the wire text under another outlet, credited),
  a light rewrite (20 %: a sentence dropped, words swapped, new headline) or independent
  coverage (50 %: another ECB+ report of the event where there is one, else a heavy rewrite:
  45 % of the sentences, reordered and reworded);
* once the real texts are used up, new events are made from them by swapping names and
  figures and rewriting heavily (a "twin" event: the same kind of story about other people,
  as real news has);
* 200 outlets, each with its own page template (navigation, related links, footer), over
  one day: a story starts at a uniform time and its articles follow with an exponential
  delay (mean 3 h).

Everything is seeded: the same --size gives the same bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

from bench.datasets import DEFAULT_DATA_DIR, load

DAY = datetime(2026, 11, 20, tzinfo=UTC)
RECORDS_PER_WARC = 1000
_WORDS = re.compile(r"[A-Za-z]{4,}")
_TAGS = re.compile(r"<[^>]*>")
_SWAPS = {"said": "stated", "says": "states", "big": "large", "help": "assist", "start": "begin",
          "show": "reveal", "buy": "purchase", "need": "require", "try": "attempt", "also": "as well",
          "about": "around", "many": "numerous", "people": "residents", "after": "following"}


def base_documents(data_dir: Path) -> list[dict]:
    """Real articles: {title, text, group} (group: the ECB+ event, shared by several outlets' reports)."""
    docs: list[dict] = []
    for row in load(data_dir, "frank_cnndm_xsum_summaries") or []:
        text = row["article"].strip()
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        docs.append({"title": " ".join(first.split()[:14]), "text": text, "group": f"frank:{row['id']}"})
    for row in load(data_dir, "ecbplus_story_clusters") or []:
        sentences = row.get("sentences") or [row["text"]]
        title = " ".join(str(sentences[0]).split()[:14])
        docs.append({"title": title, "text": row["text"], "group": f"ecb:{row['cluster_id']}"})
    for row in load(data_dir, "propaganda_ptc_semeval2020t11") or []:
        text = row["text"].split("\n", 1)[-1].strip()
        docs.append({"title": row["title"], "text": text, "group": f"ptc:{row['article_id']}"})
    pages = [{"html": row["html"], "url": row["url"], "group": f"page:{row['id']}"}
             for row in load(data_dir, "article_extraction_scrapinghub") or []]
    docs = [d for d in docs if len(d["text"].split()) >= 80]
    if not docs:
        sys.exit(f"no article text under {data_dir} (../shared/data/dev)")
    return docs + pages


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def _light_rewrite(text: str, rng: random.Random) -> str:
    sentences = _sentences(text)
    if len(sentences) > 4:
        del sentences[rng.randrange(1, len(sentences))]
    out = " ".join(sentences)
    for word, repl in _SWAPS.items():
        if rng.random() < 0.5:
            out = re.sub(rf"\b{word}\b", repl, out)
    return _paragraphs(out, rng)


#: Share of sentences a heavy rewrite keeps: 0.45 for the short corpus; 0.85 with --length real, so that
#: independent coverage and twin events keep a real article's length.
HEAVY_KEEP = {"short": 0.45, "real": 0.85}
#: With --length real, only real texts of at least this many words are used (news articles run 500-800).
REAL_MIN_WORDS = 400


def _heavy_rewrite(text: str, rng: random.Random, keep_share: float = HEAVY_KEEP["short"]) -> str:
    """Another outlet's report from the same facts: part of the sentences, in another order, reworded."""
    sentences = _sentences(_light_rewrite(text, rng).replace("\n\n", " "))
    keep = max(3, int(len(sentences) * keep_share))
    lead, rest = sentences[:2], sentences[2:]
    rng.shuffle(rest)
    return _paragraphs(" ".join(lead[::-1] + rest[: keep - 2]), rng)


def _paragraphs(text: str, rng: random.Random) -> str:
    sentences = _sentences(text)
    paras, i = [], 0
    while i < len(sentences):
        n = rng.randint(1, 3)
        paras.append(" ".join(sentences[i:i + n]))
        i += n
    return "\n\n".join(paras)


def _twin(doc: dict, rng: random.Random, names: list[str], keep_share: float = HEAVY_KEEP["short"]) -> dict:
    """The same kind of story about other people and other figures."""
    mapping: dict[str, str] = {}

    def name(m: re.Match) -> str:
        word = m.group(0)
        if word not in mapping:
            mapping[word] = rng.choice(names)
        return mapping[word]

    def number(m: re.Match) -> str:
        return str(max(1, int(int(m.group(0)) * rng.uniform(0.3, 3.0))))

    swap = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{3,}\b")
    # other people, other figures, and told in other words: two earthquakes share their vocabulary, not their text
    text = _heavy_rewrite(re.sub(r"\b\d{1,6}\b", number, swap.sub(name, doc["text"])), rng, keep_share)
    return {"title": re.sub(r"\b\d{1,6}\b", number, swap.sub(name, doc["title"])), "text": text,
            "group": doc["group"] + f":twin{rng.randrange(10**9)}"}


class Outlets:
    def __init__(self, rng: random.Random, n: int = 200):
        stems = ["Herald", "Courier", "Post", "Times", "Ledger", "Gazette", "Chronicle", "Tribune", "Observer",
                 "Daily", "Wire", "Journal", "Record", "Standard", "Mirror", "Express", "Star", "Sentinel"]
        places = ["North", "South", "East", "West", "Metro", "Valley", "Coast", "Capital", "River", "Harbour",
                  "Lake", "Hill", "Bay", "Central", "Island", "Plains"]
        seen: set[str] = set()
        self.outlets: list[tuple[str, str, int]] = []
        while len(self.outlets) < n:
            name = f"The {rng.choice(places)} {rng.choice(stems)}"
            if name in seen:
                name += f" {len(seen)}"
            seen.add(name)
            domain = re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the ")) + ".example"
            self.outlets.append((name, domain, rng.randrange(4)))

    def page(self, outlet: tuple[str, str, int], title: str, text: str, published: datetime,
             related: list[str]) -> bytes:
        name, domain, style = outlet
        paras = "".join(f"<p>{escape(p)}</p>\n" for p in text.split("\n\n") if p.strip())
        nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in
                      ["World", "Politics", "Business", "Science", "Sport", "Opinion", "Culture"])
        links = "".join(f'<li><a href="/story/{i}">{escape(t)}</a></li>' for i, t in enumerate(related))
        share = '<div class="share">Share this article: Facebook Twitter Email</div>' if style % 2 else ""
        return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)} | {name}"
                f"</title><meta property=\"og:site_name\" content=\"{escape(name)}\">"
                f"<meta property=\"article:published_time\" content=\"{published.isoformat()}\">"
                f"<link rel=\"canonical\" href=\"https://{domain}/\"></head><body>"
                f"<header><a href=\"/\">{escape(name)}</a><ul class=\"nav\">{nav}</ul></header>"
                f"<main><article><h1>{escape(title)}</h1><p class=\"byline\">By Staff Reporter</p>{share}"
                f"{paras}</article><aside><h2>Most read</h2><ul>{links}</ul></aside></main>"
                f"<footer><p>&copy; 2026 {escape(name)}. All rights reserved.</p><p>Privacy policy | Terms |"
                " Contact us | Advertise</p></footer></body></html>").encode()


def build(size: int, out: Path, data_dir: Path, seed: int = 20261120, length: str = "short") -> dict:
    rng = random.Random(seed)
    docs = base_documents(data_dir)
    texts = [d for d in docs if "text" in d]
    if length == "real":  # real-length articles only: FRANK's CNN/DM, PTC and the longer ECB+ reports
        texts = [d for d in texts if len(d["text"].split()) >= REAL_MIN_WORDS]
    keep_share = HEAVY_KEEP[length]
    pages = [d for d in docs if "html" in d]
    by_group: dict[str, list[dict]] = {}
    for d in texts:
        by_group.setdefault(d["group"], []).append(d)
    names = sorted({w for d in texts for w in re.findall(r"\b[A-Z][a-z]{3,}\b", d["text"])})
    outlets = Outlets(rng)
    order = list(range(len(texts)))
    rng.shuffle(order)
    weights = [k ** -2.0 for k in range(1, 501)]
    records: list[tuple[datetime, str, bytes]] = []
    used_groups: set[str] = set()
    stats = {"stories": 0, "syndicated": 0, "light_rewrites": 0, "independent": 0, "real_pages": 0}
    cursor = 0
    while len(records) < size:
        if rng.random() < 0.02 and pages:  # a real crawled page, as fetched
            page = rng.choice(pages)
            when = DAY + timedelta(seconds=rng.uniform(0, 86400))
            url = page["url"] + ("&" if "?" in page["url"] else "?") + f"v={len(records)}"
            records.append((when, url, page["html"].encode()))
            stats["real_pages"] += 1
            stats["stories"] += 1
            continue
        k = min(rng.choices(range(1, 501), weights)[0], size - len(records))
        doc = texts[order[cursor % len(order)]]
        if cursor >= len(order) or doc["group"] in used_groups:
            doc = _twin(doc, rng, names, keep_share)  # the real texts are used up: a new event of the same kind
        cursor += 1
        used_groups.add(doc["group"])
        siblings = [d for d in by_group.get(doc["group"], []) if d is not doc]
        start = DAY + timedelta(seconds=rng.uniform(0, 86400 * 0.9))
        stats["stories"] += 1
        wire = rng.choice(outlets.outlets)
        for i in range(k):
            outlet = rng.choice(outlets.outlets)
            when = min(start + timedelta(seconds=rng.expovariate(1 / (3 * 3600))) if i else start,
                       DAY + timedelta(seconds=86399))
            title, text = doc["title"], doc["text"]
            if i:
                roll = rng.random()
                if roll < 0.3:
                    stats["syndicated"] += 1
                    text = text + f"\n\n({wire[0]})"
                elif roll < 0.5:
                    stats["light_rewrites"] += 1
                    text, title = _light_rewrite(text, rng), _light_rewrite(title, rng).replace("\n\n", " ")
                else:
                    stats["independent"] += 1
                    if siblings and i <= len(siblings):  # each outlet's own report, used once
                        sib = siblings[i - 1]
                        title, text = sib["title"], sib["text"]
                    else:
                        text = _heavy_rewrite(text, rng, keep_share)
                        title = _sentences(text)[0][:110]
            else:
                text = _paragraphs(text, rng)
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower())[:60].strip("-") or "story"
            url = f"https://{outlet[1]}/news/{when:%Y/%m/%d}/{slug}-{len(records)}"
            related = [texts[rng.randrange(len(texts))]["title"][:80] for _ in range(5)]
            records.append((when, url, outlets.page(outlet, title, text, when, related)))
    # a crawl fetches in its own order, not in publication order
    rng.shuffle(records)
    out.mkdir(parents=True, exist_ok=True)
    for n in range(0, len(records), RECORDS_PER_WARC):
        with (out / f"crawl-{n // RECORDS_PER_WARC:05d}.warc.gz").open("wb") as handle:
            for when, url, body in records[n:n + RECORDS_PER_WARC]:
                fetched = when + timedelta(minutes=rng.randint(1, 90))
                handle.write(gzip.compress(_warc_response(url, fetched, body), compresslevel=6))
    words = [len(_TAGS.sub(" ", body.decode(errors="replace")).split()) for _, _, body in records[:2000]]
    stats.update(length=length, page_words_mean_first_2000=round(sum(words) / max(1, len(words))))
    stats.update(articles=len(records), warc_files=-(-len(records) // RECORDS_PER_WARC),
                 bytes=sum(p.stat().st_size for p in out.glob("*.warc.gz")))
    (out / "corpus.json").write_text(json.dumps(stats, indent=1))
    return stats


def _warc_response(url: str, fetched: datetime, body: bytes) -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)
    rid = hashlib.sha256(url.encode() + body).hexdigest()[:32]
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: {fetched.strftime('%Y-%m-%dT%H:%M:%SZ')}\r\n"
            f"WARC-Record-ID: <urn:uuid:{rid[:8]}-{rid[8:12]}-{rid[12:16]}-{rid[16:20]}-{rid[20:32]}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


# --- measurements -------------------------------------------------------------------


def warc_readers(corpus: Path) -> dict:
    """Read every response (URL, date, body) of the corpus with each reader, twice; best wall time."""
    from newsverdict.batch import inputs

    files = sorted(corpus.glob("*.warc.gz"))
    out = {}
    for reader in ("fastwarc", "warcio"):
        best = None
        for _ in range(2):
            t0 = time.perf_counter()
            n = size = 0
            for f in files:
                with f.open("rb") as handle:
                    for r in inputs._warc_responses(handle, parse=True, reader=reader):
                        n += 1
                        size += len(r.body)
            wall = time.perf_counter() - t0
            best = wall if best is None else min(best, wall)
        out[reader] = {"records": n, "body_mb": round(size / 1e6, 1), "seconds": round(best, 3),
                       "records_per_s": round(n / best), "us_per_record": round(best / n * 1e6, 1)}
    return out


def profile(corpus: Path, size: int) -> dict:
    """Per-article CPU time by stage, in this process: median and mean ms.

    CPU time (``process_time``), not wall time: on a shared, loaded machine the wall clock
    also counts the time other processes held the core.
    """
    import statistics

    from newsverdict.batch import inputs
    from newsverdict.card.clean import clean
    from newsverdict.card.pipeline import card_fields
    from newsverdict.card.scoring import score, weigh
    from newsverdict.card.signals import measure
    from newsverdict.models import Verdict
    from newsverdict.sources.corpus import article_of
    from newsverdict.stories.cluster import terms
    from newsverdict.stories.repeats import canonical_url, fingerprint, minhash

    files = sorted(corpus.glob("*.warc.gz"))
    stages: dict[str, list[float]] = {k: [] for k in
                                      ("warc_read", "extract", "clean", "signals", "scores", "prose_and_card",
                                       "card_json", "dedup_keys", "story_terms")}
    items = []
    t0 = time.process_time()
    with files[0].open("rb") as handle:
        for n, r in enumerate(inputs._warc_responses(handle, parse=True)):
            if n >= size:
                break
            items.append(inputs._warc_item(n, "bench", r))
    read_per = (time.process_time() - t0) / max(1, len(items)) * 1000
    # warm-up: lexicons, models and trafilatura's lazy imports load once per worker; they are not
    # per-article costs (dateparser's per-locale patterns, compiled the first time a page sends a date
    # string to it, keep loading later: a few seconds once per process, inside the means below)
    from newsverdict.card.pipeline import analyze

    warm, items = items[:20], items[20:]
    for entry in warm:
        with contextlib.suppress(Exception):
            analyze(article_of(entry.item))
    for entry in items:
        if entry.item is None:
            continue
        t = time.process_time()
        try:  # what batch.work._article_row does, stage by stage: one clean, shared by the card and the keys
            article = article_of(entry.item)
            t1 = time.process_time()
            cleaned = clean(article)
        except Exception:
            continue
        t2 = time.process_time()
        signals = weigh(measure(cleaned))
        t3 = time.process_time()
        scores = score(signals)
        t4 = time.process_time()
        verdict = Verdict(**card_fields(article, cleaned, signals, scores, None))
        t5 = time.process_time()
        verdict.model_dump_json()
        t6 = time.process_time()
        canonical_url(entry.item.url)
        fingerprint(cleaned.text)
        minhash(cleaned.text).hashvalues.astype("uint64").tobytes()
        t7 = time.process_time()
        terms(cleaned.title or verdict.headline, cleaned.text)
        t8 = time.process_time()
        stages["warc_read"].append(read_per)
        for key, value in (("extract", t1 - t), ("clean", t2 - t1), ("signals", t3 - t2), ("scores", t4 - t3),
                           ("prose_and_card", t5 - t4), ("card_json", t6 - t5), ("dedup_keys", t7 - t6),
                           ("story_terms", t8 - t7)):
            stages[key].append(value * 1000)
    result: dict = {k: {"median_ms": round(statistics.median(v), 2), "mean_ms": round(statistics.fmean(v), 2)}
                     for k, v in stages.items() if v}
    result["articles"] = len(stages["extract"])
    result["worker_total_mean_ms"] = round(sum(result[k]["mean_ms"] for k in stages), 2)
    result["worker_total_median_ms"] = round(sum(result[k]["median_ms"] for k in stages), 2)
    return result


def card_profile(corpus: Path, size: int, top: int = 25) -> dict:
    """cProfile of the card's stages (clean, signals, prose) on real pages: the functions that cost the most.

    Own time (tottime) and cumulative time per function, over ``size`` articles of the first WARC file,
    after the same warm-up as ``profile``. For the owners of the card's modules: where to cut.
    """
    import cProfile
    import pstats

    from newsverdict.batch import inputs
    from newsverdict.card.clean import clean
    from newsverdict.card.prose import write
    from newsverdict.card.scoring import score, weigh
    from newsverdict.card.signals import measure
    from newsverdict.sources.corpus import article_of

    articles = []
    with sorted(corpus.glob("*.warc.gz"))[0].open("rb") as handle:
        for n, r in enumerate(inputs._warc_responses(handle, parse=True)):
            if n >= size + 20:
                break
            with contextlib.suppress(Exception):
                articles.append(article_of(inputs._warc_item(n, "bench", r).item))
    for article in articles[:20]:  # warm-up: lexicons and models load once per process
        with contextlib.suppress(Exception):
            cleaned = clean(article)
            signals = weigh(measure(cleaned))
            write(cleaned, signals, score(signals))
    profiler = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    carded = 0
    for article in articles[20:]:
        try:
            profiler.enable()
            cleaned = clean(article)
            signals = weigh(measure(cleaned))
            write(cleaned, signals, score(signals))
            profiler.disable()
            carded += 1
        except Exception:
            profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (file, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        short = file.split("/src/newsverdict/")[-1] if "/src/newsverdict/" in file else file.rsplit("/", 1)[-1]
        rows.append({"function": f"{short}:{line}({name})", "calls_per_article": round(calls / max(1, carded), 1),
                     "own_ms_per_article": round(tottime / max(1, carded) * 1000, 3),
                     "cum_ms_per_article": round(cumtime / max(1, carded) * 1000, 3)})
    return {"articles": carded,
            "by_own_time": sorted(rows, key=lambda r: -r["own_ms_per_article"])[:top],
            "by_cumulative_time_in_newsverdict": [r for r in sorted(rows, key=lambda r: -r["cum_ms_per_article"])
                                                  if r["function"].split(":")[0].endswith(".py")
                                                  and "/" not in r["function"].split(":")[0][:1]
                                                  and not r["function"].startswith(("<", "{"))][:top]}


def run(corpus: Path, engine: str, workers: int, out: Path | None, shard_size: int, address: str | None) -> dict:
    """One batch in a child process: wall time, articles/s and peak RSS (driver, and the largest worker)."""
    out = out or corpus.parent / f"{corpus.name}-out-{engine}-{workers}"  # never inside the input
    code = (
        "import json, resource, sys, time\n"
        "from pathlib import Path\n"
        "from newsverdict.batch import BatchOptions, run_batch\n"
        "t = time.perf_counter()\n"
        f"r = run_batch(BatchOptions([{str(corpus)!r}], Path({str(out)!r}), engine={engine!r}, workers={workers},"
        f" shard_size={shard_size}, address={address!r}))\n"
        "wall = time.perf_counter() - t\n"
        "print(json.dumps({'wall_s': wall, 'records': r.records, 'articles': r.articles, 'repeats': r.repeats,"
        " 'exact_copies': r.exact_copies, 'errors': r.errors, 'stories': r.stories, 'phases_s': r.seconds,"
        " 'driver_cpu_s': r.cpu_seconds,"
        " 'driver_peak_rss_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " 'worker_peak_rss_mib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    )
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "RAY_USAGE_STATS_ENABLED": "0"})
    if proc.returncode != 0:
        sys.exit(proc.stderr[-3000:])
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update(engine=engine, workers=workers, process_wall_s=round(time.perf_counter() - t0, 1),
                  articles_per_s=round(result["records"] / result["wall_s"], 1),
                  cpu_ms_per_article=round(
                      (resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                       + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime) / result["records"] * 1000, 1))
    result["phases_s"] = {k: round(v, 1) for k, v in result["phases_s"].items()}
    result["driver_cpu_s"] = {k: round(v, 1) for k, v in result["driver_cpu_s"].items()}
    result["wall_s"] = round(result["wall_s"], 1)
    return result


def multiply_shards(run_out: Path, times: int, dest: Path) -> list[str]:
    """A day ``times`` as big, for the driver alone: each shard of a finished run, copied with variation.

    Copy k of every article gets its own URL, fingerprint and MinHash (each hash value XORed with a
    constant of copy k: repeats within a copy stay repeats, copies never repeat each other) and its own
    story terms (every term gets a suffix of copy k), at the same time of day. So the day has k times the
    stories, of the same sizes. Two sides to that: the vocabulary grows k times (a real day's grows
    slower: everyday words repeat) — pessimistic for the clusterer's memory; and an article's candidate
    stories are only those of its copy — optimistic for the clustering time (bench.scale measures that
    growth on one corpus: x14 the time for x10 the articles). With names alone made distinct, the copies'
    identical everyday wording merged them into giant stories, which no real day has.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    src = sorted((run_out / "_work" / "shards").glob("shard-*.parquet"))
    dest.mkdir(parents=True, exist_ok=True)
    names = []
    rng = np.random.default_rng(7)
    for k in range(times):
        salt = rng.integers(0, 2**63, size=64, dtype=np.uint64)
        for path in src:
            table = pq.read_table(path)
            if k:
                ok = pc.is_null(table["error"])
                suffix = f"?copy={k}"
                cols = {c: table[c] for c in table.column_names}
                for c in ("url", "canonical_url"):
                    cols[c] = pc.if_else(ok, pc.binary_join_element_wise(table[c], pa.scalar(suffix), ""), table[c])
                cols["fingerprint"] = pa.array([hashlib.sha256(f"{fp}{k}".encode()).hexdigest() if fp else fp
                                                for fp in table["fingerprint"].to_pylist()], pa.string())
                cols["minhash"] = pa.array([(np.frombuffer(b, np.uint64) ^ salt[:len(b) // 8]).tobytes() if b else b
                                            for b in table["minhash"].to_pylist()], pa.binary())
                cols["term_keys"] = pa.array([[t + f"~{k}" for t in keys] if keys else keys
                                              for keys in table["term_keys"].to_pylist()], pa.list_(pa.string()))
                table = pa.table(cols, schema=table.schema)
            name = f"shard-{len(names):06d}.parquet"
            pq.write_table(table, dest / name, compression="zstd")
            names.append(name)
    return names


def driver(dest: Path, implementation: str) -> dict:
    """The driver's serial pass alone (fold, repeats, clustering, the story tasks, the tables) on a day
    ``times`` as big as a finished run's: wall time and peak RSS of this process (run it in a fresh one)."""
    import pyarrow.parquet as pq

    names = sorted(p.name for p in (dest / "_work" / "shards").glob("shard-*.parquet"))
    if not names:
        sys.exit(f"{dest}: no shards; make them first: python -m bench.firehose multiply RUN_OUT --times K --dest DIR")
    records = sum(pq.ParquetFile(dest / "_work" / "shards" / n).metadata.num_rows for n in names)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result: dict = {"records": records, "implementation": implementation}
    t0 = time.perf_counter()
    c0 = time.process_time()
    if implementation == "old":  # the in-memory fold this replaced (git show a815d26^:src/newsverdict/batch/run.py)
        import importlib.util

        spec = importlib.util.spec_from_file_location("newsverdict.batch.run_old", os.environ["OLD_RUN_PY"])
        old = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = old
        spec.loader.exec_module(old)
        from newsverdict.batch.run import BatchReport

        report = BatchReport()
        folded = old._fold_and_cluster([dest / "_work" / "shards" / n for n in names], report)
        result.update(articles=report.articles, repeats=report.repeats, stories=report.stories)
        result["fold_cluster_s"] = round(time.perf_counter() - t0, 1)
        # what the old story phase gathered before carding: every needed text, every task at once
        from newsverdict.stories.cards import STORY_MAX_ARTICLES

        needed: set[int] = set()
        for members in folded.members.values():
            originals = [a for a in members if a not in folded.duplicate_of]
            needed.update(originals[:STORY_MAX_ARTICLES])
        texts = {}
        for pos, n in enumerate(names):
            table = pq.read_table(dest / "_work" / "shards" / n, columns=["rec", "text"])
            for rec, text in zip(table["rec"].to_pylist(), table["text"].to_pylist(), strict=True):
                aid = folded.ids.get((pos, rec))
                if aid in needed:
                    texts[aid] = text
        result["story_texts_held"] = len(texts)
    else:
        from newsverdict.batch.fold import fold_and_cluster
        from newsverdict.batch.outdir import OutDir
        from newsverdict.models import StoredArticle
        from newsverdict.stories.cards import STORY_MAX_ARTICLES

        out = OutDir(dest)

        def read(name, columns):
            return out.read_table(("_work", "shards", name), columns)

        folded = fold_and_cluster(read, names, out.scratch() / "spill.sqlite", STORY_MAX_ARTICLES)
        result.update(articles=folded.articles, repeats=folded.repeats, stories=folded.stories)
        result["fold_cluster_s"] = round(time.perf_counter() - t0, 1)
        # the story tasks, built one at a time as the engine would draw them (not carded here)
        db = folded.connect()
        members = 0
        for sid in range(1, folded.stories + 1):
            ids = folded.members(sid)
            rows = {r[0]: r for r in db.execute(
                f"SELECT id, url, source, title, text, published, published_ts, impact, hype FROM articles "
                f"WHERE id IN ({', '.join('?' for _ in ids)})", ids)}
            members += len([StoredArticle(*rows[i][:5], rows[i][5], rows[i][6], folded.dup(i), sid, rows[i][7],
                                          rows[i][8]) for i in ids])
        db.close()
        result["story_members_built"] = members
        out.drop_scratch()
    result["driver_s"] = round(time.perf_counter() - t0, 1)
    result["driver_cpu_s"] = round(time.process_time() - c0, 1)  # the figure that does not depend on the load
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    result["rss_before_mib"] = round(base)
    return result


def structure(out: Path) -> dict:
    """Stories per day and articles per story of a batch's output."""
    import statistics

    import pyarrow.parquet as pq

    stories = pq.read_table(out / "stories.parquet", columns=["articles", "outlets", "repeats"]).to_pylist()
    sizes = sorted(s["articles"] for s in stories)
    return {"stories": len(sizes), "articles": sum(sizes), "mean_articles_per_story": round(statistics.fmean(sizes), 2),
            "median": statistics.median(sizes), "p99": sizes[int(len(sizes) * 0.99)], "max": sizes[-1],
            "single_article_share": round(sum(1 for s in sizes if s == 1) / len(sizes), 3),
            "repeats_share": round(sum(s["repeats"] for s in stories) / max(1, sum(sizes)), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--size", type=int, default=10_000)
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    b.add_argument("--length", choices=sorted(HEAVY_KEEP), default="short",
                   help="short: the corpus of the first figures (229 words a kept article); real: real-length")
    w = sub.add_parser("warc")
    w.add_argument("corpus", type=Path)
    p = sub.add_parser("profile")
    p.add_argument("corpus", type=Path)
    p.add_argument("--size", type=int, default=300)
    r = sub.add_parser("run")
    r.add_argument("corpus", type=Path)
    r.add_argument("--engine", default="local")
    r.add_argument("--workers", type=int, default=2)
    r.add_argument("--out", type=Path)
    r.add_argument("--shard-size", type=int, default=250)
    r.add_argument("--address")
    c = sub.add_parser("card-profile", help="cProfile of clean, signals and prose on the corpus's pages")
    c.add_argument("corpus", type=Path)
    c.add_argument("--size", type=int, default=150)
    m = sub.add_parser("multiply", help="a finished run's shards, multiplied with variation (for `driver`)")
    m.add_argument("run_out", type=Path)
    m.add_argument("--times", type=int, default=10)
    m.add_argument("--dest", type=Path, required=True)
    d = sub.add_parser("driver", help="the driver's serial pass alone, on multiplied shards, in this process")
    d.add_argument("dest", type=Path)
    d.add_argument("--implementation", choices=("new", "old"), default="new")
    s = sub.add_parser("structure")
    s.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.cmd == "build":
        t0 = time.perf_counter()
        stats = build(args.size, args.out, args.data, length=args.length)
        stats["build_s"] = round(time.perf_counter() - t0, 1)
        print(json.dumps(stats))
    elif args.cmd == "warc":
        print(json.dumps(warc_readers(args.corpus), indent=1))
    elif args.cmd == "profile":
        print(json.dumps(profile(args.corpus, args.size), indent=1))
    elif args.cmd == "card-profile":
        print(json.dumps(card_profile(args.corpus, args.size), indent=1))
    elif args.cmd == "multiply":
        print(json.dumps({"shards": len(multiply_shards(args.run_out, args.times, args.dest / "_work" / "shards"))}))
    elif args.cmd == "driver":
        print(json.dumps(driver(args.dest, args.implementation)))
    elif args.cmd == "run":
        print(json.dumps(run(args.corpus, args.engine, args.workers, args.out, args.shard_size, args.address)))
    else:
        print(json.dumps(structure(args.out), indent=1))


if __name__ == "__main__":
    main()
