"""The batch driver: plan shards, card them in parallel, fold repeats, cluster, card stories, write Parquet.

Phases (docs/batch.md):

1. plan: list the input files, count their records, cut shards (``_work/manifest.json``);
2. articles (parallel): each shard is extracted, cleaned, fingerprinted and carded by a
   worker; the driver writes its table to ``_work/shards/`` atomically (resume skips it);
3. fold and cluster (driver, one pass in time order over compact columns: fingerprints,
   MinHash signatures, term counts — never the texts): exact copies are dropped, syndicated
   copies and rewrites become repeats (MinHash LSH as in ingest), originals are clustered
   into stories (``stories.cluster``, the same code as ingest);
4. stories (parallel): chunks of stories are carded (``pipeline.analyze_story``) and kept in
   ``_work/stories/``;
5. write: ``articles.parquet``, ``cards.parquet``, ``stories.parquet``, ``errors.parquet``,
   ``digest.md``, ``digest.html`` (each written beside its name and renamed into place).

The output depends only on the input: the same bytes for any engine and worker count.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsverdict import __version__
from newsverdict.batch.engines import make_engine
from newsverdict.batch.inputs import Shard, count_records, list_inputs, plan_shards
from newsverdict.batch.work import process_shard, process_stories
from newsverdict.errors import BatchInterrupted, InputError

MANIFEST_VERSION = 1
DEFAULT_SHARD_SIZE = 500
#: Most stories carded by one task.
STORY_CHUNK = 200
#: Stories in the digest files (the highest-impact first); every story is in stories.parquet.
DIGEST_STORIES = 100
OUTPUT_FILES = ("articles.parquet", "cards.parquet", "stories.parquet", "errors.parquet", "digest.md", "digest.html")

#: progress(phase, done, total, articles_done)
Progress = Callable[[str, int, int, int], None]


@dataclass
class BatchReport:
    records: int = 0
    articles: int = 0
    exact_copies: int = 0
    repeats: int = 0
    errors: int = 0
    stories: int = 0
    shards: int = 0
    shards_reused: int = 0
    story_chunks_reused: int = 0
    #: Ray nodes that ran tasks (0 with the local engine)
    ray_nodes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{self.articles} article(s) carded ({self.repeats} repeats of another outlet's, "
                f"{self.exact_copies} exact copies dropped), {self.errors} skipped; {self.stories} stories"
                + (f"; resumed: {self.shards_reused}/{self.shards} shard(s) already done" if self.shards_reused
                   else "")
                + (f"; tasks ran on {self.ray_nodes} Ray node(s)" if self.ray_nodes else ""))


@dataclass
class BatchOptions:
    inputs: list[str]
    out: Path
    engine: str = "local"
    workers: int = 1
    address: str | None = None
    shard_size: int = DEFAULT_SHARD_SIZE
    progress: Progress | None = None
    #: for tests: stop (as if killed) after this many shards have been written in this run
    interrupt_after_shards: int | None = None



def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_parquet(table, path: Path) -> None:
    import pyarrow.parquet as pq

    _atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def code_version() -> str:
    """The version and a digest of the package's code and data: a resumed run must card with the same code."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".gz"}:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _plan(opts: BatchOptions, work: Path) -> tuple[list[Shard], str]:
    files = list_inputs(opts.inputs, exclude=[str(opts.out)])
    fingerprint_of_inputs = [[f.uri, f.kind, f.size, f.mtime_ns] for f in files]
    manifest_path = work / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if (manifest.get("version") != MANIFEST_VERSION or manifest.get("inputs") != fingerprint_of_inputs
                or manifest.get("shard_size") != opts.shard_size):
            raise InputError(f"{opts.out}: holds a batch of other inputs or settings; give another --out "
                             "or remove it to start over")
        if manifest.get("newsverdict") != code_version():
            raise InputError(f"{opts.out}: was started by another newsverdict ({manifest.get('newsverdict')}); "
                             "its cards would mix two versions: give another --out or remove it")
        shards = [Shard(*s) for s in manifest["shards"]]
        return shards, manifest["now"]
    counts = [count_records(f) for f in files]
    shards = plan_shards(files, counts, opts.shard_size)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    manifest = {"version": MANIFEST_VERSION, "newsverdict": code_version(), "inputs": fingerprint_of_inputs,
                "shard_size": opts.shard_size, "now": now,
                "shards": [[s.index, s.uri, s.kind, s.start, s.stop] for s in shards]}
    work.mkdir(parents=True, exist_ok=True)
    _atomic_write(manifest_path, lambda tmp: tmp.write_text(json.dumps(manifest, indent=1)))
    return shards, now


def run_batch(opts: BatchOptions) -> BatchReport:
    report = BatchReport()
    out = opts.out
    work = out / "_work"
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    shards, now_iso = _plan(opts, work)
    report.shards = len(shards)
    report.seconds["plan"] = time.perf_counter() - t0
    shard_dir = work / "shards"
    shard_dir.mkdir(parents=True, exist_ok=True)
    shard_path = {s.index: shard_dir / f"shard-{s.index:06d}.parquet" for s in shards}
    todo = [s for s in shards if not shard_path[s.index].exists()]
    report.shards_reused = len(shards) - len(todo)
    engine = None
    try:
        t0 = time.perf_counter()
        if todo:
            engine = make_engine(opts.engine, opts.workers, opts.address)
            done, articles = report.shards_reused, 0
            _tick(opts, "articles", done, len(shards), articles)
            for written, (i, table) in enumerate(engine.map(process_shard, [(s, now_iso) for s in todo]), 1):
                _write_parquet(table, shard_path[todo[i].index])
                done, articles = done + 1, articles + table.num_rows
                _tick(opts, "articles", done, len(shards), articles)
                if opts.interrupt_after_shards is not None and written >= opts.interrupt_after_shards:
                    raise BatchInterrupted(f"interrupted after {written} shard(s)")
        report.seconds["articles"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        _tick(opts, "repeats and stories", 0, 1, 0)  # one serial pass on the driver
        folded = _fold_and_cluster([shard_path[s.index] for s in shards], report)
        _tick(opts, "repeats and stories", 1, 1, 0)
        report.seconds["fold_cluster"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        story_cards = _story_cards(folded, [shard_path[s.index] for s in shards], work, opts, engine, report)
        report.seconds["stories"] = time.perf_counter() - t0
    finally:
        if engine is not None:
            report.ray_nodes = len(getattr(engine, "nodes_used", ()))
            engine.close()
    t0 = time.perf_counter()
    _write_outputs(out, [shard_path[s.index] for s in shards], folded, story_cards, report)
    report.seconds["write"] = time.perf_counter() - t0
    return report


def _tick(opts: BatchOptions, phase: str, done: int, total: int, articles: int) -> None:
    if opts.progress:
        opts.progress(phase, done, total, articles)


@dataclass
class Folded:
    """The result of the driver's pass: which records are kept, their ids, repeats and stories."""

    #: (shard position, rec) -> article id, for every kept article
    ids: dict[tuple[int, int], int]
    duplicate_of: dict[int, int]
    story_of: dict[int, int]
    #: story id -> member ids, earliest first
    members: dict[int, list[int]]
    #: article id -> the compact fields analyze_story reads (no text)
    meta: dict[int, tuple]


def _fold_and_cluster(paths: list[Path], report: BatchReport) -> Folded:
    import pyarrow.parquet as pq
    from datasketch import MinHashLSH

    from newsverdict.stories.cluster import StoryDoc, cluster
    from newsverdict.stories.repeats import MINHASH_PERMUTATIONS, NEAR_DUPLICATE_THRESHOLD, minhash_from_bytes

    columns = ["rec", "url", "canonical_url", "source", "title", "published", "published_ts", "fingerprint",
               "minhash", "impact", "hype", "term_keys", "term_counts", "error"]
    kept: list[tuple] = []  # (ts, shard, rec, row)
    seen_urls: set[str] = set()
    seen_texts: set[tuple[str, str]] = set()
    for pos, path in enumerate(paths):
        for row in pq.read_table(path, columns=columns).to_pylist():
            report.records += 1
            if row["error"] is not None:
                report.errors += 1
                continue
            # the same page twice (same canonical URL) or the same text twice from one outlet: kept once
            canon, same_text = row["canonical_url"], (row["source"], row["fingerprint"])
            if (canon and canon in seen_urls) or same_text in seen_texts:
                report.exact_copies += 1
                continue
            if canon:
                seen_urls.add(canon)
            seen_texts.add(same_text)
            kept.append((row["published_ts"] or 0.0, pos, row["rec"], row))
    # ids in time order (input order breaks ties): the earliest copy has the smallest id
    kept.sort(key=lambda k: k[:3])
    ids = {(pos, rec): n for n, (_, pos, rec, _) in enumerate(kept, 1)}
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=MINHASH_PERMUTATIONS)
    first_with_text: dict[str, int] = {}
    duplicate_of: dict[int, int] = {}
    docs: list[StoryDoc] = []
    meta: dict[int, tuple] = {}
    for n, (_ts, _pos, _rec, row) in enumerate(kept, 1):
        meta[n] = (row["url"], row["source"], row["title"], row["published"], row["published_ts"], row["impact"],
                   row["hype"])
        original = first_with_text.get(row["fingerprint"])  # a syndicated copy: the same text elsewhere
        mh = minhash_from_bytes(row["minhash"])
        if original is None:
            near = lsh.query(mh)  # a light rewrite of an earlier article
            original = min((int(k) for k in near), default=None)
        if original is not None:
            duplicate_of[n] = original
            report.repeats += 1
            continue
        first_with_text[row["fingerprint"]] = n
        lsh.insert(str(n), mh)
        docs.append(StoryDoc(str(n), "", row["title"], row["published_ts"],
                             counts=dict(zip(row["term_keys"], row["term_counts"], strict=True))))
    report.articles = len(kept)
    labels = cluster(docs)
    # groups and story ids exactly as ingest's update_stories numbers them in a fresh store
    groups: dict[int, list[int]] = {}
    for doc, label in zip(docs, labels, strict=True):
        groups.setdefault(label, []).append(int(doc.id))
    original_group = {aid: label for label, group in groups.items() for aid in group}
    for aid, original in sorted(duplicate_of.items()):
        groups[original_group[original]].append(aid)
    story_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for sid, (_label, group) in enumerate(sorted(groups.items(), key=lambda kv: (-len(kv[1]), min(kv[1]))), 1):
        members[sid] = sorted(group, key=lambda i: (meta[i][4] or 0, i))
        for aid in group:
            story_of[aid] = sid
    report.stories = len(members)
    return Folded(ids, duplicate_of, story_of, members, meta)


def _story_cards(folded: Folded, paths: list[Path], work: Path, opts: BatchOptions, engine,
                 report: BatchReport) -> dict[int, str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsverdict.models import StoredArticle
    from newsverdict.stories.cards import STORY_MAX_ARTICLES

    story_dir = work / "stories"
    story_dir.mkdir(parents=True, exist_ok=True)
    sids = sorted(folded.members)
    # at least four chunks per worker, so the story phase keeps every worker busy to the end
    # (chunking changes no card: the output is the same bytes whatever the chunks)
    size = max(1, min(STORY_CHUNK, -(-len(sids) // (4 * opts.workers))))
    chunks = [sids[i:i + size] for i in range(0, len(sids), size)]
    chunk_path = []
    for n, chunk in enumerate(chunks):
        key = hashlib.sha256(json.dumps([[sid, folded.members[sid]] for sid in chunk]).encode()).hexdigest()[:16]
        chunk_path.append(story_dir / f"stories-{n:05d}-{key}.parquet")
    todo = [n for n in range(len(chunks)) if not chunk_path[n].exists()]
    report.story_chunks_reused = len(chunks) - len(todo)
    if todo:
        # the texts a story card reads: its first independent articles (analyze_story reads no others)
        needed: set[int] = set()
        for n in todo:
            for sid in chunks[n]:
                originals = [a for a in folded.members[sid] if a not in folded.duplicate_of]
                needed.update(originals[:STORY_MAX_ARTICLES])
        texts: dict[int, str] = {}
        for pos, path in enumerate(paths):
            table = pq.read_table(path, columns=["rec", "text", "error"])
            for rec, text in zip(table["rec"].to_pylist(), table["text"].to_pylist(), strict=True):
                aid = folded.ids.get((pos, rec))
                if aid in needed:
                    texts[aid] = text
        tasks = []
        for n in todo:
            chunk = []
            for sid in chunks[n]:
                stored = []
                for aid in folded.members[sid]:
                    url, source, title, published, ts, impact, hype = folded.meta[aid]
                    stored.append(StoredArticle(aid, url, source, title, texts.get(aid, ""), published, ts,
                                                folded.duplicate_of.get(aid), sid, impact, hype))
                chunk.append((sid, stored))
            tasks.append((chunk,))
        if engine is None:
            engine = make_engine(opts.engine, opts.workers, opts.address)
            owns = True
        else:
            owns = False
        try:
            done = report.story_chunks_reused
            _tick(opts, "stories", done, len(chunks), 0)
            for i, results in engine.map(process_stories, tasks):
                table = pa.table({"story_id": [sid for sid, _ in results], "card_json": [c for _, c in results]},
                                 schema=pa.schema([("story_id", pa.int64()), ("card_json", pa.string())]))
                _write_parquet(table, chunk_path[todo[i]])
                done += 1
                _tick(opts, "stories", done, len(chunks), 0)
        finally:
            if owns:
                report.ray_nodes = len(getattr(engine, "nodes_used", ()))
                engine.close()
    cards: dict[int, str] = {}
    for path in chunk_path:
        table = pq.read_table(path)
        cards.update(zip(table["story_id"].to_pylist(), table["card_json"].to_pylist(), strict=True))
    return cards


def _write_outputs(out: Path, paths: list[Path], folded: Folded, story_cards: dict[int, str],
                   report: BatchReport) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsverdict.models import StoryVerdict
    from newsverdict.render import digest

    article_schema = pa.schema([
        ("id", pa.int64()), ("url", pa.string()), ("canonical_url", pa.string()), ("source", pa.string()),
        ("title", pa.string()), ("published", pa.string()), ("published_ts", pa.float64()), ("text", pa.string()),
        ("fingerprint", pa.string()), ("minhash", pa.binary()), ("duplicate_of", pa.int64()),
        ("story_id", pa.int64()), ("impact", pa.int32()), ("hype", pa.int32()), ("origin", pa.string()),
    ])
    card_schema = pa.schema([("article_id", pa.int64()), ("headline", pa.string()), ("impact", pa.int32()),
                             ("hype", pa.int32()), ("hype_level", pa.string()), ("card_json", pa.string())])
    error_rows: dict[str, list] = {"origin": [], "error": []}

    def write_articles(tmp_articles: Path, tmp_cards: Path) -> None:
        # one row group per shard, sorted by id within it: memory stays at one shard's texts
        with pq.ParquetWriter(tmp_articles, article_schema, compression="zstd") as articles, \
                pq.ParquetWriter(tmp_cards, card_schema, compression="zstd") as cards:
            for pos, path in enumerate(paths):
                rows = pq.read_table(path).to_pylist()
                kept = []
                for row in rows:
                    if row["error"] is not None:
                        error_rows["origin"].append(row["origin"])
                        error_rows["error"].append(row["error"])
                    elif (pos, row["rec"]) in folded.ids:
                        kept.append((folded.ids[(pos, row["rec"])], row))
                kept.sort(key=lambda k: k[0])
                articles.write_table(pa.Table.from_pylist([
                    {**{k: row[k] for k in article_schema.names if k in row}, "id": aid,
                     "duplicate_of": folded.duplicate_of.get(aid), "story_id": folded.story_of[aid]}
                    for aid, row in kept], schema=article_schema))
                cards.write_table(pa.Table.from_pylist([
                    {"article_id": aid, "headline": row["headline"], "impact": row["impact"], "hype": row["hype"],
                     "hype_level": row["hype_level"], "card_json": row["card_json"]} for aid, row in kept],
                    schema=card_schema))

    tmp_cards = out / f".cards.parquet.tmp-{os.getpid()}"
    try:
        _atomic_write(out / "articles.parquet", lambda tmp: write_articles(tmp, tmp_cards))
        os.replace(tmp_cards, out / "cards.parquet")
    finally:
        tmp_cards.unlink(missing_ok=True)
    _write_parquet(pa.table(error_rows, schema=pa.schema([("origin", pa.string()), ("error", pa.string())])),
                   out / "errors.parquet")

    stories = [StoryVerdict.model_validate_json(story_cards[sid]) for sid in sorted(folded.members)]
    _write_parquet(pa.table({
        "story_id": [s.story_id for s in stories], "headline": [s.headline for s in stories],
        "impact": [s.impact for s in stories], "hype": [s.hype for s in stories],
        "hype_level": [s.hype_level for s in stories], "articles": [s.coverage.articles for s in stories],
        "outlets": [s.coverage.outlets for s in stories], "repeats": [s.coverage.repeats for s in stories],
        "first_ts": [s.coverage.first_ts for s in stories], "last_ts": [s.coverage.last_ts for s in stories],
        "article_ids": [folded.members[s.story_id] for s in stories],
        "card_json": [story_cards[s.story_id] for s in stories],
    }, schema=pa.schema([
        ("story_id", pa.int64()), ("headline", pa.string()), ("impact", pa.int32()), ("hype", pa.int32()),
        ("hype_level", pa.string()), ("articles", pa.int32()), ("outlets", pa.int32()), ("repeats", pa.int32()),
        ("first_ts", pa.float64()), ("last_ts", pa.float64()), ("article_ids", pa.list_(pa.int64())),
        ("card_json", pa.string()),
    ])), out / "stories.parquet")
    # the digest: ranked as the store ranks stories (impact, then the soberest, then the most covered)
    ranked = sorted(stories, key=lambda s: (-s.impact, s.hype, -s.coverage.articles, s.story_id))[:DIGEST_STORIES]
    label = f"the {len(ranked)} highest-impact of {len(stories)} stories in the batch"
    # dated by the batch's newest coverage, not the clock: the same input gives the same bytes on a rerun,
    # a resumed run and every engine
    as_of = max((s.coverage.last_ts or 0.0 for s in stories), default=0.0)
    for name, fmt in (("digest.md", "markdown"), ("digest.html", "html")):
        text = digest(ranked, fmt, since=label, now=as_of)
        _atomic_write(out / name, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
