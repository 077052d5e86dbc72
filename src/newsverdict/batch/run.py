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
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsverdict import __version__
from newsverdict.batch.engines import make_engine
from newsverdict.batch.fold import Folded, fold_and_cluster
from newsverdict.batch.inputs import Shard, count_records, list_inputs, plan_shards
from newsverdict.batch.outdir import OutDir
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
    #: CPU time of this (the driver's) process in each phase: with the local engine and one worker, all the work
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"{self.articles} article(s) carded ({self.repeats} repeats of another outlet's, "
                f"{self.exact_copies} exact copies dropped), {self.errors} skipped; {self.stories} stories"
                + (f"; resumed: {self.shards_reused}/{self.shards} shard(s) already done" if self.shards_reused
                   else "")
                + (f"; tasks ran on {self.ray_nodes} Ray node(s)" if self.ray_nodes else ""))


@dataclass
class BatchOptions:
    inputs: list[str]
    #: a local folder or an object-storage URI (s3://bucket/day/, gs://…)
    out: str | Path
    engine: str = "local"
    workers: int = 1
    address: str | None = None
    shard_size: int = DEFAULT_SHARD_SIZE
    progress: Progress | None = None
    #: for tests: stop (as if killed) after this many shards have been written in this run
    interrupt_after_shards: int | None = None



def code_version() -> str:
    """The version and a digest of the package's code and data: a resumed run must card with the same code."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".gz"}:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _plan(opts: BatchOptions, out: OutDir) -> tuple[list[Shard], str]:
    files = list_inputs(opts.inputs, exclude=[out.spec])
    fingerprint_of_inputs = [[f.uri, f.kind, f.size, f.mtime_ns] for f in files]
    if out.exists("_work", "manifest.json"):
        manifest = json.loads(out.read_text("_work", "manifest.json"))
        if (manifest.get("version") != MANIFEST_VERSION or manifest.get("inputs") != fingerprint_of_inputs
                or manifest.get("shard_size") != opts.shard_size):
            raise InputError(f"{out.display()}: holds a batch of other inputs or settings; give another --out "
                             "or remove it to start over")
        if manifest.get("newsverdict") != code_version():
            raise InputError(f"{out.display()}: was started by another newsverdict ({manifest.get('newsverdict')}); "
                             "its cards would mix two versions: give another --out or remove it")
        shards = [Shard(*s) for s in manifest["shards"]]
        return shards, manifest["now"]
    counts = [count_records(f) for f in files]
    shards = plan_shards(files, counts, opts.shard_size)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    manifest = {"version": MANIFEST_VERSION, "newsverdict": code_version(), "inputs": fingerprint_of_inputs,
                "shard_size": opts.shard_size, "now": now,
                "shards": [[s.index, s.uri, s.kind, s.start, s.stop] for s in shards]}
    out.makedirs("_work")
    out.write_text(("_work", "manifest.json"), json.dumps(manifest, indent=1))
    return shards, now


def _shard_name(shard: Shard) -> str:
    return f"shard-{shard.index:06d}.parquet"


class _Clock:
    """The wall and CPU time of each phase, into the report."""

    def __init__(self, report: BatchReport) -> None:
        self.report = report
        self.start()

    def start(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self, phase: str) -> None:
        self.report.seconds[phase] = time.perf_counter() - self.wall
        self.report.cpu_seconds[phase] = time.process_time() - self.cpu


def run_batch(opts: BatchOptions) -> BatchReport:
    report = BatchReport()
    out = OutDir(opts.out)
    out.makedirs()
    clock = _Clock(report)
    shards, now_iso = _plan(opts, out)
    report.shards = len(shards)
    clock.stop("plan")
    out.makedirs("_work", "shards")
    names = [_shard_name(s) for s in shards]
    written = out.names("_work", "shards")
    todo = [s for s in shards if _shard_name(s) not in written]
    report.shards_reused = len(shards) - len(todo)
    engine = None
    try:
        clock.start()
        if todo:
            engine = make_engine(opts.engine, opts.workers, opts.address)
            done, articles = report.shards_reused, 0
            _tick(opts, "articles", done, len(shards), articles)
            for n_written, (i, table) in enumerate(engine.map(process_shard, [(s, now_iso) for s in todo]), 1):
                out.write_parquet(("_work", "shards", _shard_name(todo[i])), table)
                done, articles = done + 1, articles + table.num_rows
                _tick(opts, "articles", done, len(shards), articles)
                if opts.interrupt_after_shards is not None and n_written >= opts.interrupt_after_shards:
                    raise BatchInterrupted(f"interrupted after {n_written} shard(s)")
        clock.stop("articles")

        clock.start()
        _tick(opts, "repeats and stories", 0, 1, 0)  # one serial pass on the driver

        def read(name: str, columns: list[str] | None):
            return out.read_table(("_work", "shards", name), columns)

        from newsverdict.stories.cards import STORY_MAX_ARTICLES

        folded = fold_and_cluster(read, names, out.scratch() / "spill.sqlite", STORY_MAX_ARTICLES)
        for key in ("records", "articles", "errors", "exact_copies", "repeats", "stories"):
            setattr(report, key, getattr(folded, key))
        _tick(opts, "repeats and stories", 1, 1, 0)
        clock.stop("fold_cluster")

        clock.start()
        story_chunks = _story_cards(folded, out, opts, engine, report)
        clock.stop("stories")
        clock.start()
        _write_outputs(out, names, folded, story_chunks)
        clock.stop("write")
    finally:
        if engine is not None:
            report.ray_nodes = len(getattr(engine, "nodes_used", ()))
            engine.close()
        out.drop_scratch()
    return report


def _tick(opts: BatchOptions, phase: str, done: int, total: int, articles: int) -> None:
    if opts.progress:
        opts.progress(phase, done, total, articles)


def _story_cards(folded: Folded, out: OutDir, opts: BatchOptions, engine, report: BatchReport) -> list[str]:
    """Card every story (in chunks, in parallel); the names of the chunk files under ``_work/stories``, in order."""
    import pyarrow as pa

    from newsverdict.models import StoredArticle

    out.makedirs("_work", "stories")
    n_stories = folded.stories
    # at least four chunks per worker, so the story phase keeps every worker busy to the end
    # (chunking changes no card: the output is the same bytes whatever the chunks)
    size = max(1, min(STORY_CHUNK, -(-n_stories // (4 * opts.workers))))
    chunks = [range(first, min(n_stories, first + size - 1) + 1) for first in range(1, n_stories + 1, size)]
    chunk_names = []
    for n, chunk in enumerate(chunks):
        key = hashlib.sha256(json.dumps([[sid, folded.members(sid)] for sid in chunk]).encode()).hexdigest()[:16]
        chunk_names.append(f"stories-{n:05d}-{key}.parquet")
    written = out.names("_work", "stories")
    todo = [n for n in range(len(chunks)) if chunk_names[n] not in written]
    report.story_chunks_reused = len(chunks) - len(todo)
    if not todo:
        return chunk_names
    db = folded.connect()

    def tasks():
        # built one chunk at a time, as the engine asks for the next (the spill holds the texts)
        for n in todo:
            chunk = []
            for sid in chunks[n]:
                ids = folded.members(sid)
                rows = {row[0]: row for row in db.execute(
                    f"SELECT id, url, source, title, text, published, published_ts, impact, hype FROM articles "
                    f"WHERE id IN ({', '.join('?' for _ in ids)})", ids)}
                chunk.append((sid, [StoredArticle(aid, url, source, title, text, published, ts, folded.dup(aid), sid,
                                                  impact, hype)
                                    for aid, url, source, title, text, published, ts, impact, hype
                                    in (rows[i] for i in ids)]))
            yield (chunk,)

    owns = engine is None
    if owns:
        engine = make_engine(opts.engine, opts.workers, opts.address)
    try:
        done = report.story_chunks_reused
        _tick(opts, "stories", done, len(chunks), 0)
        schema = pa.schema([("story_id", pa.int64()), ("card_json", pa.string())])
        for i, results in engine.map(process_stories, tasks()):
            table = pa.table({"story_id": [sid for sid, _ in results], "card_json": [c for _, c in results]},
                             schema=schema)
            out.write_parquet(("_work", "stories", chunk_names[todo[i]]), table)
            done += 1
            _tick(opts, "stories", done, len(chunks), 0)
    finally:
        db.close()
        if owns:
            report.ray_nodes = len(getattr(engine, "nodes_used", ()))
            engine.close()
    return chunk_names


ARTICLE_SCHEMA_FIELDS = (
    ("id", "int64"), ("url", "string"), ("canonical_url", "string"), ("source", "string"), ("title", "string"),
    ("published", "string"), ("published_ts", "float64"), ("text", "string"), ("fingerprint", "string"),
    ("minhash", "binary"), ("duplicate_of", "int64"), ("story_id", "int64"), ("impact", "int32"), ("hype", "int32"),
    ("origin", "string"),
)
#: Stories per row group of stories.parquet (fixed: the bytes must not depend on the chunks of the story phase)
STORIES_ROW_GROUP = 5000


def _write_outputs(out: OutDir, names: list[str], folded: Folded, chunk_names: list[str]) -> None:
    """Stream the tables out: one shard's rows (or one chunk of stories) in memory at a time."""
    from newsverdict.render import digest

    _write_article_tables(out, names, folded)
    top, n_stories, as_of = _write_stories_table(out, folded, chunk_names)
    label = f"the {len(top)} highest-impact of {n_stories} stories in the batch"
    for name, fmt in (("digest.md", "markdown"), ("digest.html", "html")):
        out.write_text((name,), digest(top, fmt, since=label, now=as_of))


def _write_article_tables(out: OutDir, names: list[str], folded: Folded) -> None:
    """articles.parquet, cards.parquet and errors.parquet: one row group per shard, sorted by id within it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    types = {"int64": pa.int64(), "int32": pa.int32(), "string": pa.string(), "float64": pa.float64(),
             "binary": pa.binary()}
    article_schema = pa.schema([(name, types[t]) for name, t in ARTICLE_SCHEMA_FIELDS])
    card_schema = pa.schema([("article_id", pa.int64()), ("headline", pa.string()), ("impact", pa.int32()),
                             ("hype", pa.int32()), ("hype_level", pa.string()), ("card_json", pa.string())])
    error_schema = pa.schema([("origin", pa.string()), ("error", pa.string())])
    with out.parquet_writers([("articles.parquet", article_schema), ("cards.parquet", card_schema),
                              ("errors.parquet", error_schema)]) as (articles, cards, errors):
        # one row group per shard, sorted by id within it: memory holds one shard's texts at a time
        for pos, name in enumerate(names):
            table = out.read_table(("_work", "shards", name))
            failed = pc.is_valid(table["error"])
            if pc.any(failed).as_py():
                errors.write_table(table.filter(failed).select(["origin", "error"]).cast(error_schema))
            ids = folded.id_of_row[folded.row_offset[pos]:folded.row_offset[pos + 1]]
            rows = np.flatnonzero(ids)
            rows = rows[np.argsort(ids[rows], kind="stable")]
            kept = table.take(pa.array(rows, type=pa.int64())).combine_chunks()
            aid = ids[rows]
            dup = folded.duplicate_of[aid]
            columns = {"id": pa.array(aid, pa.int64()),
                       "duplicate_of": pa.array(dup, pa.int64(), mask=dup == 0),
                       "story_id": pa.array(folded.story_of[aid], pa.int64())}
            articles.write_table(pa.table([columns[f.name] if f.name in columns else kept[f.name]
                                           for f in article_schema], schema=article_schema))
            cards.write_table(pa.table([columns["id"], *(kept[c] for c in card_schema.names[1:])],
                                       schema=card_schema))


def _write_stories_table(out: OutDir, folded: Folded, chunk_names: list[str]) -> tuple[list, int, float]:
    """stories.parquet in story order, keeping the digest's top stories on the way: (top, count, as of)."""
    import pyarrow as pa

    from newsverdict.models import StoryVerdict

    story_schema = pa.schema([
        ("story_id", pa.int64()), ("headline", pa.string()), ("impact", pa.int32()), ("hype", pa.int32()),
        ("hype_level", pa.string()), ("articles", pa.int32()), ("outlets", pa.int32()), ("repeats", pa.int32()),
        ("first_ts", pa.float64()), ("last_ts", pa.float64()), ("article_ids", pa.list_(pa.int64())),
        ("card_json", pa.string()),
    ])

    def rank(s: StoryVerdict) -> tuple:  # as the store ranks stories: impact, then the soberest, the most covered
        return (-s.impact, s.hype, -s.coverage.articles, s.story_id)

    top: list[StoryVerdict] = []
    as_of = 0.0
    n_stories = 0
    with out.parquet_writers([("stories.parquet", story_schema)]) as (writer,):
        buffer: list[tuple[StoryVerdict, str]] = []

        def flush() -> None:
            stories = [s for s, _ in buffer]
            writer.write_table(pa.table({
                "story_id": [s.story_id for s in stories], "headline": [s.headline for s in stories],
                "impact": [s.impact for s in stories], "hype": [s.hype for s in stories],
                "hype_level": [s.hype_level for s in stories], "articles": [s.coverage.articles for s in stories],
                "outlets": [s.coverage.outlets for s in stories], "repeats": [s.coverage.repeats for s in stories],
                "first_ts": [s.coverage.first_ts for s in stories], "last_ts": [s.coverage.last_ts for s in stories],
                "article_ids": [folded.members(s.story_id) for s in stories],
                "card_json": [card for _, card in buffer],
            }, schema=story_schema))
            buffer.clear()

        for name in chunk_names:
            table = out.read_table(("_work", "stories", name))
            for card in table["card_json"].to_pylist():
                story = StoryVerdict.model_validate_json(card)
                buffer.append((story, card))
                n_stories += 1
                # dated by the batch's newest coverage, not the clock: the same bytes on a rerun and every engine
                as_of = max(as_of, story.coverage.last_ts or 0.0)
                if len(buffer) >= STORIES_ROW_GROUP:
                    top = sorted([*top, *(s for s, _ in buffer)], key=rank)[:DIGEST_STORIES]
                    flush()
        if buffer or not n_stories:
            top = sorted([*top, *(s for s, _ in buffer)], key=rank)[:DIGEST_STORIES]
            flush()
    return top, n_stories, as_of
