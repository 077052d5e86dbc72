"""The driver's serial pass, streamed: exact copies, repeats, stories — without holding the batch in memory.

The pass reads the shard tables the workers wrote (``_work/shards/``) a few
times, a few columns at a time, and keeps per article only fixed-size NumPy
columns (a few dozen bytes); what does not fit that shape is spilled to an
SQLite file on local disk:

1. exact copies (input order): 64-bit digests of canonical URLs and of
   (outlet, fingerprint) in two sets; kept rows get ids in publication order;
2. repeats (id order): the same decisions as ingest's ``MinHashLSH`` query — a
   repeat is credited to the smallest earlier *original* sharing its
   fingerprint or one of the LSH bands — taken from band group numbers
   (``numpy.unique`` over each band's exact values, with datasketch's own band
   layout), so no LSH index of Python objects is built;
3. stories: ``stories.StoryClusterer`` as ``stories.cluster`` runs it —
   document frequencies over every original, then each original's TF-IDF
   vector computed by the clusterer itself and spilled, then the single pass in
   time order reading the vectors back (in id order) from the spill, then the
   merges. Only the clusterer's own state (its term counts and the story
   centroids) is in memory;
4. the fields a story card reads (title, outlet, dates, scores; the text only of
   the first ``STORY_MAX_ARTICLES`` originals of each story) go to the spill, so
   story chunks are built one at a time.

Tested to give the same ids, repeats and stories as the in-memory fold it
replaced, and as ``ingest`` (tests/test_batch.py).
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsverdict.stories.cluster import StoryClusterer, StoryDoc


def _digest64(text: str) -> int:
    # a collision of two different keys (2^-64 a pair: ~1e-8 for a 400k day) would drop one article as a copy
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def _compact(values: np.ndarray) -> array:
    """Group numbers as a compact array that a Python loop indexes fast (NumPy scalars are slow one by one)."""
    return array("q", values.astype(np.int64).tobytes())


class _VectorClusterer(StoryClusterer):
    """The clusterer fed the vectors its own ``vector()`` computed earlier (spilled, then read back in time order)."""

    def vector(self, doc: StoryDoc) -> dict[str, float]:
        return dict(doc.counts or {})


@dataclass
class Folded:
    """Which shard rows are kept, their ids, repeats and stories; bulky fields live in the spill."""

    #: row offset of each shard in the global row numbering (shard order), and the total
    row_offset: np.ndarray
    #: global row -> article id (0: an error or an exact copy)
    id_of_row: np.ndarray
    #: article id -> the id of the article it repeats (0: an original); index 0 unused
    duplicate_of: np.ndarray
    #: article id -> story id
    story_of: np.ndarray
    #: article ids grouped by story (story 1 first), each story's in id (= time) order
    member_ids: np.ndarray
    #: story id -> its slice of member_ids: member_ids[story_start[sid - 1]:story_start[sid]]
    story_start: np.ndarray
    spill: Path
    articles: int = 0
    records: int = 0
    errors: int = 0
    exact_copies: int = 0
    repeats: int = 0

    @property
    def stories(self) -> int:
        return len(self.story_start) - 1

    def members(self, sid: int) -> list[int]:
        return self.member_ids[self.story_start[sid - 1]:self.story_start[sid]].tolist()

    def dup(self, aid: int) -> int | None:
        return int(self.duplicate_of[aid]) or None

    def connect(self) -> sqlite3.Connection:
        return _connect(self.spill)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -16000")  # 16 MB: the spill is read in id order, the cache need not hold it
    return db


def _exact_copies(read, paths: list[str]) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Step 1, exact copies in input order: (row offset of each shard, id of each global row (0: dropped),
    counts of records, errors and copies). Ids follow publication time, input order breaking ties."""
    seen_urls: set[int] = set()
    seen_texts: set[int] = set()
    offsets = [0]
    kept_rows: list[np.ndarray] = []
    kept_ts: list[np.ndarray] = []
    counts = {"records": 0, "errors": 0, "copies": 0}
    for path in paths:
        table = read(path, ["canonical_url", "source", "fingerprint", "published_ts", "error"])
        n = table.num_rows
        keep = np.zeros(n, dtype=bool)
        for i, (canon, source, fp, err) in enumerate(zip(table["canonical_url"].to_pylist(),
                                                         table["source"].to_pylist(),
                                                         table["fingerprint"].to_pylist(),
                                                         table["error"].to_pylist(), strict=True)):
            if err is not None:
                counts["errors"] += 1
                continue
            url_key = _digest64(canon) if canon else None
            text_key = _digest64(f"{source}\x00{fp}")
            if (url_key is not None and url_key in seen_urls) or text_key in seen_texts:
                counts["copies"] += 1
                continue
            if url_key is not None:
                seen_urls.add(url_key)
            seen_texts.add(text_key)
            keep[i] = True
        counts["records"] += n
        rows = np.flatnonzero(keep)
        ts = table["published_ts"].to_numpy(zero_copy_only=False)
        kept_rows.append(rows + offsets[-1])
        kept_ts.append(np.nan_to_num(np.asarray(ts, dtype=np.float64)[rows], nan=0.0))
        offsets.append(offsets[-1] + n)
    rows = np.concatenate(kept_rows) if kept_rows else np.zeros(0, np.int64)
    ts = np.concatenate(kept_ts) if kept_ts else np.zeros(0)
    # ids in time order, input order breaking ties (global rows follow shard order, then rec order)
    order = np.lexsort((rows, ts))
    id_of_row = np.zeros(offsets[-1], dtype=np.int64)
    id_of_row[rows[order]] = np.arange(1, len(order) + 1)
    return np.asarray(offsets, dtype=np.int64), id_of_row, counts


def _story_numbers(labels: np.ndarray, originals: np.ndarray, duplicate_of: np.ndarray,
                   n_articles: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ingest's numbering in a fresh store (by size, largest first, then the smallest id): (story of each
    id, member ids by story in id order, where each story's members start)."""
    label_of = np.zeros(n_articles + 1, dtype=np.int64)
    label_of[originals] = labels
    repeat_ids = np.flatnonzero(duplicate_of)
    label_of[repeat_ids] = label_of[duplicate_of[repeat_ids]]  # a repeat's original is always an original
    label_values, label_index = np.unique(label_of[1:], return_inverse=True)
    size = np.bincount(label_index)
    first = np.full(len(label_values), n_articles + 1, dtype=np.int64)
    np.minimum.at(first, label_index, np.arange(1, n_articles + 1))
    story_rank = np.empty(len(label_values), dtype=np.int64)
    story_rank[np.lexsort((first, -size))] = np.arange(1, len(label_values) + 1)
    story_of = np.zeros(n_articles + 1, dtype=np.int64)
    story_of[1:] = story_rank[label_index]
    # members by story, in id order (ids follow publication time: the order analyze_story is given)
    member_ids = (np.lexsort((np.arange(1, n_articles + 1), story_of[1:])) + 1).astype(np.int64)
    story_start = np.zeros(len(label_values) + 1, dtype=np.int64)
    story_start[1:] = np.cumsum(np.bincount(story_of[1:], minlength=len(label_values) + 1)[1:])
    return story_of, member_ids, story_start


def fold_and_cluster(read, paths: list[str], spill: Path, story_max_articles: int) -> Folded:
    """``read(path, columns)`` reads a shard table; ``paths`` in shard order; ``spill`` a local SQLite file."""
    row_offset, id_of_row, counts = _exact_copies(read, paths)
    n_articles = int(id_of_row.max()) if len(id_of_row) else 0
    duplicate_of = _repeats(read, paths, row_offset, id_of_row, n_articles)
    originals = np.flatnonzero(duplicate_of == 0)[1:]  # ids of the originals (index 0 is no article)

    db = _connect(spill)
    db.execute("CREATE TABLE vectors(id INTEGER PRIMARY KEY, ts REAL, terms TEXT, weights BLOB)")
    labels = _cluster(read, paths, row_offset, id_of_row, duplicate_of, db)
    story_of, member_ids, story_start = _story_numbers(labels, originals, duplicate_of, n_articles)
    _spill_story_fields(read, paths, row_offset, id_of_row, duplicate_of, member_ids, story_start,
                        story_max_articles, db)
    db.close()
    return Folded(row_offset, id_of_row, duplicate_of, story_of, member_ids, story_start, spill,
                  articles=n_articles, records=counts["records"], errors=counts["errors"],
                  exact_copies=counts["copies"], repeats=int(np.count_nonzero(duplicate_of)))


def _kept(read, paths, row_offset, id_of_row, columns: list[str]) -> Iterator[tuple[np.ndarray, object]]:
    """(ids, the table's kept rows) for each shard."""
    import pyarrow as pa

    for pos, path in enumerate(paths):
        ids = id_of_row[row_offset[pos]:row_offset[pos + 1]]
        rows = np.flatnonzero(ids)
        if not len(rows):
            continue
        yield ids[rows], read(path, columns).take(pa.array(rows))


def _repeats(read, paths, row_offset, id_of_row, n_articles: int) -> np.ndarray:
    """article id -> the earlier original it repeats (same fingerprint, or sharing an LSH band), else 0."""
    from datasketch import MinHashLSH

    from newsverdict.stories.repeats import MINHASH_PERMUTATIONS, NEAR_DUPLICATE_THRESHOLD

    # datasketch's band layout for ingest's threshold: b bands of r hash values
    bands = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=MINHASH_PERMUTATIONS).hashranges
    width = bands[-1][1]
    signatures = np.zeros((n_articles + 1, width), dtype=np.uint64)
    fingerprints = np.zeros(n_articles + 1, dtype="S64")  # sha256 in hex (ingest.fingerprint)
    for ids, table in _kept(read, paths, row_offset, id_of_row, ["minhash", "fingerprint"]):
        blobs = table["minhash"].to_pylist()
        signatures[ids] = np.frombuffer(b"".join(blobs), dtype=np.uint64).reshape(len(blobs), -1)[:, :width]
        fingerprints[ids] = np.asarray(table["fingerprint"].to_pylist(), dtype="S64")
    # group numbers: equal fingerprints, and for each band equal hash values (exact, not hashed again)
    fp_group = _compact(np.unique(fingerprints, return_inverse=True)[1])
    del fingerprints
    band_groups = []
    for start, end in bands:
        band = np.ascontiguousarray(signatures[:, start:end]).view(np.dtype((np.void, 8 * (end - start)))).ravel()
        band_groups.append(_compact(np.unique(band, return_inverse=True)[1]))
    del signatures
    first_fp = array("q", bytes(8 * (max(fp_group) + 1)))
    first_band = [array("q", bytes(8 * (max(groups) + 1))) for groups in band_groups]
    duplicate_of = array("q", bytes(8 * (n_articles + 1)))
    # in id order, as ingest inserts them: only originals enter the index, the first of each group is the smallest
    for n in range(1, n_articles + 1):
        original = first_fp[fp_group[n]]
        if not original:
            near = [first_band[b][groups[n]] for b, groups in enumerate(band_groups)]
            original = min((o for o in near if o), default=0)
        if original:
            duplicate_of[n] = original
            continue
        first_fp[fp_group[n]] = n
        for b, groups in enumerate(band_groups):
            if not first_band[b][groups[n]]:
                first_band[b][groups[n]] = n
    return np.frombuffer(duplicate_of, dtype=np.int64).copy()


def _cluster(read, paths, row_offset, id_of_row, duplicate_of, db: sqlite3.Connection) -> np.ndarray:
    """Story labels of the originals, in id order: ``stories.cluster``'s result, computed from the spill."""
    intern = sys.intern

    import pyarrow as pa

    def originals(columns):
        for ids, table in _kept(read, paths, row_offset, id_of_row, columns):
            keep = np.flatnonzero(duplicate_of[ids] == 0)
            if len(keep):
                yield ids[keep], table.take(pa.array(keep))

    def docs(columns):
        for ids, table in originals(columns):
            for aid, ts, keys, counts in zip(ids.tolist(), table["published_ts"].to_pylist(),
                                             table["term_keys"].to_pylist(), table["term_counts"].to_pylist(),
                                             strict=True):
                # interned: the clusterer's term counts and centroids share one copy of each term
                yield aid, StoryDoc(str(aid), "", "", ts, counts=dict(zip(map(intern, keys), counts, strict=True)))

    columns = ["published_ts", "term_keys", "term_counts"]
    clusterer = StoryClusterer()
    clusterer.observe(doc for _, doc in docs(columns))  # document frequencies over the whole batch
    # each original's vector, as the clusterer computes it once the frequencies are known
    batch: list[tuple] = []
    for aid, doc in docs(columns):
        vec = clusterer.vector(doc)
        batch.append((aid, doc.published, "\x00".join(vec), np.fromiter(vec.values(), np.float64).tobytes()))
        if len(batch) >= 5000:
            db.executemany("INSERT INTO vectors VALUES (?, ?, ?, ?)", batch)
            batch.clear()
    db.executemany("INSERT INTO vectors VALUES (?, ?, ?, ?)", batch)
    # the single pass in time order (ids follow time), with the frequencies already counted
    single = _VectorClusterer(clusterer.threshold, clusterer.window_s)
    single.df, single.n_docs = clusterer.df, clusterer.n_docs
    del clusterer
    for aid, ts, terms, weights in db.execute("SELECT id, ts, terms, weights FROM vectors ORDER BY id"):
        keys = [intern(k) for k in terms.split("\x00")] if terms else []
        vec = dict(zip(keys, np.frombuffer(weights, np.float64).tolist(), strict=True))
        single.add(StoryDoc(str(aid), "", "", ts, counts=vec))
    db.execute("DROP TABLE vectors")
    merged = single.merges()
    return np.asarray([merged.get(label, label) for label in single.assignments], dtype=np.int64)


def _spill_story_fields(read, paths, row_offset, id_of_row, duplicate_of, member_ids, story_start,
                        story_max_articles: int, db: sqlite3.Connection) -> None:
    """What a story card reads of each article; the text only where ``analyze_story`` reads it."""
    # the first story_max_articles originals of each story (members are in id order within a story)
    is_original = duplicate_of[member_ids] == 0
    seen = np.cumsum(is_original)
    story_of_member = np.repeat(np.arange(len(story_start) - 1), np.diff(story_start))
    before = np.concatenate([[0], seen])[story_start[:-1]][story_of_member]
    reads_text = np.zeros(len(duplicate_of), dtype=bool)
    reads_text[member_ids[is_original & (seen - before <= story_max_articles)]] = True
    db.execute("CREATE TABLE articles(id INTEGER PRIMARY KEY, url TEXT, source TEXT, title TEXT, text TEXT, "
               "published TEXT, published_ts REAL, impact INTEGER, hype INTEGER)")
    columns = ["url", "source", "title", "text", "published", "published_ts", "impact", "hype"]
    for ids, table in _kept(read, paths, row_offset, id_of_row, columns):
        values = [table[c].to_pylist() for c in columns]
        texts = [text if reads_text[aid] else "" for aid, text in zip(ids.tolist(), values[3], strict=True)]
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       zip(ids.tolist(), values[0], values[1], values[2], texts, *values[4:], strict=True))
    db.commit()
