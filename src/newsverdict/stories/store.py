"""The local store: SQLite with WAL, foreign keys, FTS5 search and versioned migrations.

One transaction per stored article, so a run that dies half-way leaves every
finished article in place and nothing half-written; the next run picks up the
rest (articles already stored are recognised by canonical URL or fingerprint).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newsverdict.errors import StoreError
from newsverdict.models import StoredArticle

SCHEMA_VERSION = 3

#: Each entry moves the schema from version i to i + 1. Never edit a released one: append.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        etag TEXT,
        last_modified TEXT,
        added_at TEXT NOT NULL,
        fetched_at TEXT,
        last_status TEXT,
        last_error TEXT
    );
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        headline TEXT NOT NULL DEFAULT '',
        first_ts REAL,
        last_ts REAL,
        impact INTEGER,
        hype INTEGER,
        articles INTEGER NOT NULL DEFAULT 0,
        outlets INTEGER NOT NULL DEFAULT 0,
        card_json TEXT,
        updated_at TEXT
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL DEFAULT '',
        canonical_url TEXT UNIQUE,
        fingerprint TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        published TEXT NOT NULL DEFAULT '',
        published_ts REAL,
        added_at TEXT NOT NULL,
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL,
        minhash BLOB,
        impact INTEGER,
        hype INTEGER,
        card_json TEXT,
        UNIQUE (source, fingerprint)
    );
    CREATE INDEX articles_fingerprint ON articles(fingerprint);
    CREATE INDEX articles_published ON articles(published_ts);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE INDEX articles_duplicate ON articles(duplicate_of);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TABLE ingest_errors (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        item TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    """,
    # 2: LLM prose cache, keyed by (backend, model, prompt version, input hash)
    """
    CREATE TABLE llm_cache (
        key TEXT PRIMARY KEY,
        backend TEXT NOT NULL,
        model TEXT NOT NULL,
        created_at TEXT NOT NULL,
        value TEXT NOT NULL
    );
    """,
    # 3: indexes for the reader's pages: rank order and spans of stories without reading their cards,
    # and the outlet comparison from an index alone (a 10,000-article store stays well under 50 ms a page)
    """
    CREATE INDEX stories_rank ON stories(impact DESC, hype, articles DESC, id, last_ts);
    CREATE INDEX stories_last ON stories(last_ts);
    CREATE INDEX stories_impact ON stories(id, impact);
    CREATE INDEX articles_outlet ON articles(source, published_ts, hype, story_id, duplicate_of);
    CREATE INDEX articles_id_story ON articles(id, story_id);
    """,
]


SQLITE_MAX_INT = 2**63 - 1
#: Full-text search bounds: a query longer or more complex is refused, one slower is interrupted.
MAX_SEARCH_CHARS = 200
MAX_SEARCH_TERMS = 16
MAX_SEARCH_PREFIXES = 4
MAX_SEARCH_RESULTS = 1000
SEARCH_DEADLINE_S = 2.0



def _store_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    """One line a user can act on for an SQLite failure."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        why = "the database or its directory is read-only (newsverdict needs to write both)"
    elif "full" in text:
        why = "the disk is full"
    elif "unable to open" in text:
        why = "cannot open the database file (check the directory exists and is writable)"
    elif "locked" in text or "busy" in text:
        why = "the database is busy (another newsverdict is writing); try again"
    elif "disk i/o" in text:
        why = "disk I/O error"
    elif "not a database" in text or "malformed" in text or "no such table" in text:
        why = f"not a newsverdict database ({exc})"
    else:
        why = f"database error ({exc})"
    return StoreError(f"{path}: {why}")


def since_timestamp(since: str, now: float | None = None) -> float | None:
    """'24h', '90m', '7d', '2w' -> the timestamp that long before now; '' or 'all' -> None."""
    import re
    import time

    from newsverdict.errors import InputError

    if since.strip() in {"", "all"}:
        return None
    m = re.fullmatch(r"(\d+)\s*([mhdw])", since.strip().lower())
    if not m:
        raise InputError(f"since {since!r}: use a number and a unit (90m, 24h, 7d, 2w) or 'all'")
    unit = {"m": 60, "h": 3600, "d": 86400, "w": 604800}[m.group(2)]
    seconds = int(m.group(1)[:12]) * unit if len(m.group(1)) <= 12 else 10**20
    if seconds > 200 * 365 * 86400:
        raise InputError(f"since {since!r}: more than 200 years; use 'all' for everything")
    return (time.time() if now is None else now) - seconds


#: The span every reader view opens on (CLI ``stories``/``digest``, the web pages, the feeds):
#: the RECENT_DAYS up to the newest story in the store, so the first screen is never empty
#: when the store holds anything, however long ago it was last fed.
DEFAULT_SPAN = "recent"
RECENT_DAYS = 7


def span_start(since: str, newest_ts: float | None, now: float | None = None) -> float | None:
    """Start of a span: 'recent' is the RECENT_DAYS up to ``newest_ts``; others as ``since_timestamp``."""
    if since.strip().lower() == "recent":
        return None if newest_ts is None else newest_ts - RECENT_DAYS * 86400
    return since_timestamp(since, now)


def describe_span(since: str) -> str:
    """The span in words, for page headings and digest titles."""
    since = since.strip().lower()
    if since == "recent":
        return f"the latest {RECENT_DAYS} days in the store"
    if since in {"", "all"}:
        return "everything in the store"
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    return f"the last {since[:-1]} {units.get(since[-1:], '')}".strip()


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsverdict", appauthor=False)) / "newsverdict.db"


def _article_filter(since_ts: float | None, source: str | None) -> tuple[str, list]:
    """The " AND ..." clause and parameters that limit articles ``a`` to a span and an outlet."""
    where, params = "", []
    if since_ts is not None:
        where += " AND a.published_ts >= ?"
        params.append(since_ts)
    if source is not None:
        where += " AND a.source = ?"
        params.append(source)
    return where, params


class Store:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            wal = self.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            if wal and self.schema_version() == SCHEMA_VERSION:
                pass  # the common case, readers included: nothing to set up, no lock taken
            else:
                # Switching a fresh file to WAL answers "busy" at once, without waiting, while another
                # opener is doing the same: openers that must set up the file take turns.
                with self.exclusive_writer():
                    self.db.execute("PRAGMA journal_mode=WAL")
                    self.migrate()
        except StoreError:
            self.db.close()
            raise
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise _store_error(self.path, exc) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema --------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self.db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
        if not exists:
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: database schema {version} is newer than this newsverdict "
                             f"({SCHEMA_VERSION}); upgrade newsverdict")
        if version == SCHEMA_VERSION:
            return
        # The version is read again under the write lock: two processes opening a fresh file at
        # once must not both create the tables (the second would fail on "table already exists").
        with self.transaction():
            version = self.schema_version()
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _statements(MIGRATIONS[target - 1]):
                    self.db.execute(statement)
                self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                                (str(target),))

    @contextmanager
    def exclusive_writer(self) -> Iterator[None]:
        """Hold the store's writer lock: concurrent ingests into one store run one after the other.

        An advisory lock on ``<db>.lock`` (flock, so threads with their own handle exclude each
        other too); where it cannot be taken (no fcntl, read-only directory) SQLite's own locking
        and the retries on unique keys still keep the data consistent.
        """
        try:
            import fcntl
        except ImportError:  # Windows
            yield
            return
        try:
            handle = open(self.path.with_name(self.path.name + ".lock"), "a+b")  # noqa: SIM115
        except OSError:
            yield
            return
        with handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _store_error(self.path, exc) from None
        try:
            yield self.db
        except BaseException as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise _store_error(self.path, exc) from None
            raise
        else:
            try:
                self.db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise _store_error(self.path, exc) from None

    # -- feeds ---------------------------------------------------------------

    def add_feed(self, url: str, title: str, now: str) -> bool:
        with self.transaction():
            cur = self.db.execute("INSERT OR IGNORE INTO feeds(url, title, added_at) VALUES (?, ?, ?)",
                                  (url, title, now))
            return cur.rowcount == 1

    def feeds(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM feeds ORDER BY id").fetchall()

    def remove_feed(self, url_or_id: str) -> bool:
        with self.transaction():
            if url_or_id.isdigit() and int(url_or_id) > SQLITE_MAX_INT:
                return False
            if url_or_id.isdigit():
                cur = self.db.execute("DELETE FROM feeds WHERE id = ?", (int(url_or_id),))
            else:
                cur = self.db.execute("DELETE FROM feeds WHERE url = ?", (url_or_id,))
            return cur.rowcount > 0

    def update_feed_fetch(self, feed_id: int, *, etag: str | None, last_modified: str | None, status: str,
                          error: str | None, now: str) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE feeds SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), "
                "fetched_at = ?, last_status = ?, last_error = ? WHERE id = ?",
                (etag, last_modified, now, status, error, feed_id),
            )

    # -- articles ------------------------------------------------------------

    def has_article(self, canonical_url: str | None, source: str, fingerprint: str) -> bool:
        """Stored already: the same canonical URL, or the same text from the same outlet."""
        row = self.db.execute(
            "SELECT 1 FROM articles WHERE (source = ? AND fingerprint = ?) "
            "OR (canonical_url IS NOT NULL AND canonical_url = ?)",
            (source, fingerprint, canonical_url),
        ).fetchone()
        return row is not None

    def has_url(self, canonical_url: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE canonical_url = ?", (canonical_url,)).fetchone()
        return row is not None

    def same_text_elsewhere(self, fingerprint: str) -> int | None:
        """An article with exactly this text from another outlet (a syndicated copy)."""
        row = self.db.execute("SELECT id FROM articles WHERE fingerprint = ? AND duplicate_of IS NULL "
                              "ORDER BY id LIMIT 1", (fingerprint,)).fetchone()
        return int(row[0]) if row else None

    #: the columns a batch's articles table carries into the store (batch.load)
    LOADED_COLUMNS = ("id", "url", "canonical_url", "fingerprint", "source", "title", "text", "published",
                      "published_ts", "duplicate_of", "minhash", "impact", "hype")

    def load_articles(self, batches: Iterable[list[tuple]], added_at: str) -> int:
        """Insert whole batches of articles with their ids (``LOADED_COLUMNS`` then ``card_json``), in one
        transaction: a batch's ids are kept, so the store must be empty; references are checked at commit
        because a repeat may come before its original in the input order."""
        columns = (*self.LOADED_COLUMNS, "added_at", "card_json")
        sql = f"INSERT INTO articles({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        loaded = 0
        with self.transaction() as db:
            db.execute("PRAGMA defer_foreign_keys = ON")
            for rows in batches:
                db.executemany(sql, [(*row[:-1], added_at, row[-1]) for row in rows])
                loaded += len(rows)
        return loaded

    def insert_article(self, **fields: object) -> int:
        columns = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        with self.transaction():
            cur = self.db.execute(f"INSERT INTO articles({columns}) VALUES ({marks})", tuple(fields.values()))
            return int(cur.lastrowid)

    def record_error(self, item: str, reason: str, now: str) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO ingest_errors(at, item, reason) VALUES (?, ?, ?)", (now, item, reason))

    def minhashes(self, since_ts: float | None = None) -> Iterator[tuple[int, bytes]]:
        sql = "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL AND duplicate_of IS NULL"
        params: tuple = ()
        if since_ts is not None:
            sql += " AND (published_ts IS NULL OR published_ts >= ?)"
            params = (since_ts,)
        yield from self.db.execute(sql, params)

    def articles(self, *, since_ts: float | None = None, story_id: int | None = None) -> list[StoredArticle]:
        sql = ("SELECT id, url, source, title, text, published, published_ts, duplicate_of, story_id, impact, hype "
               "FROM articles WHERE 1=1")
        params: list = []
        if since_ts is not None:
            sql += " AND published_ts >= ?"
            params.append(since_ts)
        if story_id is not None:
            sql += " AND story_id = ?"
            params.append(story_id)
        sql += " ORDER BY COALESCE(published_ts, 0), id"
        return [StoredArticle(*row) for row in self.db.execute(sql, params)]

    def count(self, table: str) -> int:
        assert table in {"articles", "stories", "feeds", "ingest_errors"}
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def search_story_ids(self, query: str, limit: int = 2000) -> set[int]:
        """Stories of the articles matching a full-text query (no snippets, no ranking: a filter).

        Bounded like ``search``: the stories page runs it on a GET.
        """
        sql = ("SELECT DISTINCT a.story_id FROM articles_fts JOIN articles a INDEXED BY articles_id_story "
               "ON a.id = articles_fts.rowid "
               "WHERE articles_fts MATCH ? AND a.story_id IS NOT NULL LIMIT ?")
        return {r[0] for r in self._run_fts(sql, query, limit)}

    def search(self, query: str, limit: int = 20) -> list[sqlite3.Row]:
        """Full-text search, bounded: the query's length and terms are limited and it runs under a
        deadline (``SEARCH_DEADLINE_S``), so that no query can pin a core for long."""
        sql = ("SELECT a.id, a.title, a.source, a.published, a.story_id, "
               "snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
               "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
               "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?")
        return self._run_fts(sql, query, max(1, min(int(limit), MAX_SEARCH_RESULTS)))

    def _run_fts(self, sql: str, query: str, limit: int) -> list[sqlite3.Row]:
        """Run an FTS5 ``MATCH ?`` query within the search bounds; a syntax error searches the words as a phrase."""
        from newsverdict.errors import InputError

        query = query.strip()
        if len(query) > MAX_SEARCH_CHARS:
            raise InputError(f"search: the query is over {MAX_SEARCH_CHARS} characters")
        terms = query.split()
        if len(terms) > MAX_SEARCH_TERMS:
            raise InputError(f"search: the query has {len(terms)} words and operators; at most "
                             f"{MAX_SEARCH_TERMS} are allowed")
        if sum(t.endswith("*") for t in terms) > MAX_SEARCH_PREFIXES:
            raise InputError(f"search: at most {MAX_SEARCH_PREFIXES} prefix* terms are allowed")
        too_slow = f"search: the query took over {SEARCH_DEADLINE_S:g} s; use fewer or more specific words"
        with self._deadline(SEARCH_DEADLINE_S):
            try:
                return self.db.execute(sql, (query, limit)).fetchall()
            except sqlite3.OperationalError as exc:
                if "interrupt" in str(exc):
                    raise InputError(too_slow) from None
            phrase = '"' + query.replace('"', '""') + '"'
            try:
                return self.db.execute(sql, (phrase, limit)).fetchall()
            except sqlite3.OperationalError as exc:
                raise InputError(too_slow if "interrupt" in str(exc)
                                 else f"search: cannot run the query ({exc})") from None

    @contextmanager
    def _deadline(self, seconds: float) -> Iterator[None]:
        """Interrupt the statement running on this connection after ``seconds``."""
        import time

        end = time.monotonic() + seconds
        self.db.set_progress_handler(lambda: time.monotonic() > end, 10_000)
        try:
            yield
        finally:
            self.db.set_progress_handler(None, 0)

    # -- LLM cache -------------------------------------------------------------

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM llm_cache WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, backend: str, model: str, value: str) -> None:
        from datetime import UTC, datetime

        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO llm_cache(key, backend, model, created_at, value) "
                            "VALUES (?, ?, ?, ?, ?)",
                            (key, backend, model, datetime.now(UTC).isoformat(timespec="seconds"), value))

    # -- stories -------------------------------------------------------------

    def replace_stories(self, assignments: dict[int, int], cards: dict[int, dict], now: str) -> None:
        """Write the stories of the articles in ``assignments`` and their cards, in one transaction.

        Stories that lost all their articles to others (merged) are deleted; stories
        outside the window are left as they are.
        """
        with self.transaction():
            before = {sid for (sid,) in self.db.execute(
                "SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL AND id IN "
                "(SELECT value FROM json_each(?))", (json.dumps(list(assignments)),))}
            self.db.executemany("UPDATE articles SET story_id = NULL WHERE id = ?", [(a,) for a in assignments])
            for sid in sorted(before - set(cards)):
                self.db.execute("DELETE FROM stories WHERE id = ? AND NOT EXISTS "
                                "(SELECT 1 FROM articles WHERE story_id = ?)", (sid, sid))
            for story_id, card in sorted(cards.items()):
                self.db.execute(
                    "INSERT OR REPLACE INTO stories(id, headline, first_ts, last_ts, impact, hype, articles, outlets, "
                    "card_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (story_id, card["headline"], card["coverage"]["first_ts"], card["coverage"]["last_ts"],
                     card["impact"], card["hype"], card["coverage"]["articles"], card["coverage"]["outlets"],
                     json.dumps(card, ensure_ascii=False), now),
                )
            self.db.executemany("UPDATE articles SET story_id = ? WHERE id = ?",
                                [(sid, aid) for aid, sid in sorted(assignments.items())])

    def load_stories(self, cards: Iterable[list[tuple[int, dict]]], assignments: Iterable[list[tuple[int, int]]],
                     now: str) -> int:
        """Insert batches of (story id, card) and set batches of (article id, story id), in one transaction:
        what ``replace_stories`` writes for a store that had no stories, streamed (a day's cards never all
        in memory). Stories loaded."""
        loaded = 0
        with self.transaction() as db:
            for batch in cards:
                db.executemany(
                    "INSERT OR REPLACE INTO stories(id, headline, first_ts, last_ts, impact, hype, articles, outlets, "
                    "card_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(story_id, card["headline"], card["coverage"]["first_ts"], card["coverage"]["last_ts"],
                      card["impact"], card["hype"], card["coverage"]["articles"], card["coverage"]["outlets"],
                      json.dumps(card, ensure_ascii=False), now) for story_id, card in batch])
                loaded += len(batch)
            for batch in assignments:
                db.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(sid, aid) for aid, sid in batch])
        return loaded

    def previous_story_of(self) -> dict[int, int]:
        return {row[0]: row[1] for row in self.db.execute(
            "SELECT id, story_id FROM articles WHERE story_id IS NOT NULL")}

    def stories(self, *, since_ts: float | None = None, min_impact: int | None = None,
                limit: int | None = None) -> list[dict]:
        sql = "SELECT card_json FROM stories WHERE 1=1"
        params: list = []
        if since_ts is not None:
            sql += " AND last_ts >= ?"
            params.append(since_ts)
        if min_impact is not None:
            sql += " AND impact >= ?"
            params.append(max(0, min(int(min_impact), 11)))  # impacts are 1..10: clamp, never overflow
        order = " ORDER BY impact DESC, hype ASC, articles DESC, id"
        if limit is not None:
            # pick the ids through the rank index first: only the cards returned are read
            sql = ("SELECT card_json FROM stories WHERE id IN (" + sql.replace("card_json", "id", 1) + order
                   + " LIMIT ?)")
            params.append(limit)
        return [json.loads(row[0]) for row in self.db.execute(sql + order, params)]

    def story_rows(self, *, since_ts: float | None = None, min_impact: int | None = None,
                   hype_range: tuple[int, int] | None = None, source: str | None = None,
                   story_ids: set[int] | None = None, limit: int = 50) -> tuple[list[sqlite3.Row], int]:
        """Light rows for the stories list (no card parsing): (the first ``limit`` by rank, how many match)."""
        where, params = ["1=1"], []
        if since_ts is not None:
            where.append("last_ts >= ?")
            params.append(since_ts)
        if min_impact is not None:
            where.append("impact >= ?")
            params.append(max(0, min(int(min_impact), 11)))
        if hype_range is not None:
            where.append("hype BETWEEN ? AND ?")
            params += list(hype_range)
        if source is not None:
            where.append("id IN (SELECT story_id FROM articles WHERE source = ?)")
            params.append(source)
        if story_ids is not None:
            where.append("id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(story_ids)))
        clause = " AND ".join(where)
        total = int(self.db.execute(f"SELECT COUNT(*) FROM stories WHERE {clause}", params).fetchone()[0])
        # ids first, walking the rank index; the cards are read for the listed rows only
        rows = self.db.execute(
            "SELECT id, headline, impact, hype, articles, outlets, first_ts, last_ts, "
            "json_extract(card_json, '$.hype_level') AS hype_level, "
            "json_extract(card_json, '$.placement') AS placement, "
            "json_extract(card_json, '$.coverage.repeats') AS repeats "
            f"FROM stories WHERE id IN (SELECT id FROM stories WHERE {clause} "
            "ORDER BY impact DESC, hype ASC, articles DESC, id LIMIT ?) "
            "ORDER BY impact DESC, hype ASC, articles DESC, id", [*params, limit]).fetchall()
        return rows, total

    def story_outlets(self, story_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
        """{story id: [(source, url) of its independent articles, earliest first]}."""
        out: dict[int, list[tuple[str, str]]] = {}
        rows = self.db.execute(
            "SELECT story_id, source, url, published_ts, id FROM articles INDEXED BY articles_story "
            "WHERE duplicate_of IS NULL AND story_id IN (SELECT value FROM json_each(?))",
            (json.dumps(story_ids),)).fetchall()
        for row in sorted(rows, key=lambda r: (r[3] or 0, r[4])):
            out.setdefault(row[0], []).append((row[1], row[2]))
        return out

    def sources(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT source FROM articles INDEXED BY articles_outlet "
                                              "WHERE source != '' ORDER BY source")]

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def newest_story_ts(self) -> float | None:
        row = self.db.execute("SELECT MAX(last_ts) FROM stories").fetchone()
        return row[0] if row and row[0] is not None else None

    def article_scores(self, story_id: int) -> dict[int, tuple[int | None, int | None]]:
        """{article id: (impact, hype)} of a story's articles: each article's own card, stored at ingest."""
        return {row[0]: (row[1], row[2]) for row in self.db.execute(
            "SELECT id, impact, hype FROM articles WHERE story_id = ?", (story_id,))}

    def outlet_articles(self, since_ts: float | None = None, source: str | None = None,
                        limit: int = 100) -> list[sqlite3.Row]:
        """Articles with their own hype and the impact of their story, for the outlet comparison."""
        sql = ("SELECT a.id, a.source, a.url, a.title, a.published_ts, a.hype, a.duplicate_of, a.story_id, "
               "s.impact AS story_impact, s.headline AS story_headline "
               "FROM articles a LEFT JOIN stories s ON s.id = a.story_id WHERE a.hype IS NOT NULL")
        where, params = _article_filter(since_ts, source)
        return self.db.execute(sql + where + " ORDER BY a.published_ts DESC, a.id DESC LIMIT ?",
                               [*params, limit]).fetchall()

    def outlet_summary(self, since_ts: float | None = None, source: str | None = None) -> list[sqlite3.Row]:
        """Per outlet: articles, repeats, stories, average own hype, average impact of the stories covered.

        Read from two covering indexes (articles_outlet, stories_impact): no article text or card is touched.
        """
        sql = ("SELECT a.source, COUNT(*) AS articles, SUM(a.duplicate_of IS NOT NULL) AS repeats, "
               "COUNT(DISTINCT a.story_id) AS stories, AVG(a.hype) AS avg_hype, AVG(s.impact) AS avg_impact "
               "FROM articles a INDEXED BY articles_outlet "
               "LEFT JOIN stories s INDEXED BY stories_impact ON s.id = a.story_id WHERE a.hype IS NOT NULL")
        where, params = _article_filter(since_ts, source)
        return self.db.execute(sql + where + " GROUP BY a.source", params).fetchall()

    def original_of(self, article_id: int) -> int:
        """Follow repeat links to the article that is no one's repeat."""
        seen = {article_id}
        while True:
            row = self.db.execute("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None or row[0] is None or row[0] in seen:
                return article_id
            article_id = row[0]
            seen.add(article_id)

    def published_ts(self, article_id: int) -> float | None:
        row = self.db.execute("SELECT published_ts FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def make_original(self, article_id: int, previous_original: int) -> None:
        """``article_id`` (published earlier) becomes the original of ``previous_original`` and its repeats."""
        with self.transaction():
            self.db.execute("UPDATE articles SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?",
                            (article_id, previous_original, previous_original))
            self.db.execute("UPDATE articles SET duplicate_of = NULL WHERE id = ?", (article_id,))

    def story(self, story_id: int) -> dict | None:
        if not 0 <= story_id <= SQLITE_MAX_INT:
            return None
        row = self.db.execute("SELECT card_json FROM stories WHERE id = ?", (story_id,)).fetchone()
        return json.loads(row[0]) if row else None


class StoreCache:
    """The LLM cache of a store, opening its own connection per call (safe across threads)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def get(self, key: str) -> str | None:
        with Store(self.path) as store:
            return store.get(key)

    def put(self, key: str, backend: str, model: str, value: str) -> None:
        with Store(self.path) as store:
            store.put(key, backend, model, value)


def _statements(script: str) -> list[str]:
    """Split a migration into statements; triggers keep their inner semicolons."""
    out, buf = [], []
    for line in script.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf).strip())
    return out
