"""Ingest: items from feeds or a corpus on disk -> cleaned, de-duplicated articles in the store -> stories.

Each item is stored in its own transaction; a bad item is recorded with its
reason and skipped, and never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

from newsverdict.card.clean import clean
from newsverdict.card.text import tokens
from newsverdict.errors import InputError, NewsverdictError, StoreError
from newsverdict.models import Article
from newsverdict.sources.extract import decode, from_html, from_text, looks_like_html, read_file
from newsverdict.sources.net import UrlPolicy
from newsverdict.stories.store import Store

#: Word-trigram Jaccard (MinHash estimate) at or above which an article repeats an earlier one.
NEAR_DUPLICATE_THRESHOLD = 0.6
MINHASH_PERMUTATIONS = 64
#: Stored signatures are only comparable with signatures of the same scheme and seed.
MINHASH_SCHEME = "affine64"
#: Only articles published within this window are compared for repeats and clustered into stories.
STORY_WINDOW = timedelta(days=30)
#: A date further ahead than this is wrong, not early.
FUTURE_TOLERANCE = timedelta(days=1)
MAX_ITEM_CHARS = 1_000_000

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|_ga|igshid|smid)$", re.I)


@dataclass(frozen=True)
class RawItem:
    """One article to ingest, as read from a feed or a JSONL line."""

    origin: str
    url: str = ""
    source: str = ""
    title: str = ""
    published: str = ""
    text: str = ""
    html: str = ""


@dataclass
class IngestReport:
    added: int = 0
    already_stored: int = 0
    repeats: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    stories: int = 0

    def summary(self) -> str:
        return (f"{self.added} article(s) added ({self.repeats} of them repeats of another outlet's), "
                f"{self.already_stored} already stored, {len(self.skipped)} skipped; {self.stories} stories")


def canonical_url(url: str) -> str | None:
    """Lower-case scheme and host, no fragment, no tracking parameters, sorted query, no trailing slash."""
    if not url:
        return None
    parts = urlparse(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    path = parts.path.rstrip("/") or "/"
    host = parts.hostname.lower() + (f":{parts.port}" if parts.port else "")
    return urlunparse((parts.scheme.lower(), host, path, "", urlencode(query), ""))


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(tokens(text)).encode()).hexdigest()


def parse_date(value: str) -> datetime | None:
    """ISO 8601 or RFC 822 (feeds) to an aware datetime; None when unparsable."""
    value = value.strip()
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _minhash(text: str):
    from datasketch import MinHash

    toks = tokens(text)
    mh = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1, scheme=MINHASH_SCHEME)
    mh.update_batch([" ".join(toks[i : i + 3]).encode() for i in range(max(1, len(toks) - 2))])
    return mh


def _minhash_from_bytes(blob: bytes):
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1, scheme=MINHASH_SCHEME,
                   hashvalues=np.frombuffer(blob, dtype=np.uint64))


def read_corpus(path: Path) -> Iterator[RawItem | InputError]:
    """Items of a JSONL file, or of every .jsonl/.txt/.md/.html file of a directory."""
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    if path.is_dir() and not files:
        yield InputError(f"{path}: directory is empty")
    for file in files:
        if file.suffix.lower() == ".jsonl":
            yield from _read_jsonl(file)
        elif file.suffix.lower() in {".txt", ".md", ".html", ".htm"}:
            try:
                data = read_file(file)
                body = decode(data, str(file))
                is_html = looks_like_html(data, "", str(file))
                yield RawItem(origin=str(file), html=body if is_html else "", text="" if is_html else body)
            except InputError as exc:
                yield exc
        elif path.is_file():
            yield InputError(f"{file}: not a corpus file (.jsonl, or a directory of .jsonl/.txt/.md/.html)")


def _read_jsonl(file: Path) -> Iterator[RawItem | InputError]:
    import os
    import stat

    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            yield InputError(f"{file}: not a regular file (a device, pipe or socket); save it to a file first")
            return
        handle = os.fdopen(fd, "rb")
    except OSError as exc:
        yield InputError(f"{file}: cannot read ({exc.strerror or exc})")
        return
    cap = MAX_ITEM_CHARS * 4
    with handle:
        n = 0
        while raw := handle.readline(cap + 1):  # a line is read at most up to the cap, never whole
            n += 1
            origin = f"{file}:{n}"
            if len(raw) > cap:
                while raw and not raw.endswith(b"\n"):  # skip the rest of the long line, a chunk at a time
                    raw = handle.readline(cap)
                yield InputError(f"{origin}: item is over the size cap")
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield InputError(f"{origin}: not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
                continue
            except RecursionError:
                yield InputError(f"{origin}: JSON nested too deeply")
                continue
            if not isinstance(obj, dict):
                yield InputError(f"{origin}: expected a JSON object per line")
                continue
            yield RawItem(origin=origin, url=str(obj.get("url") or ""), source=str(obj.get("source") or ""),
                          title=str(obj.get("title") or ""), published=str(obj.get("published") or ""),
                          text=str(obj.get("text") or ""), html=str(obj.get("html") or ""))


class Ingester:
    """Stores items one by one; call ``finish`` to update the stories."""

    def __init__(self, store: Store, now: datetime | None = None,
                 on_item: Callable[[str, str | None], None] | None = None):
        from datasketch import MinHashLSH

        self.store = store
        self.now = now or datetime.now(UTC)
        self.now_iso = self.now.isoformat(timespec="seconds")
        self.report = IngestReport()
        self.on_item = on_item
        self.lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=MINHASH_PERMUTATIONS)
        since = (self.now - STORY_WINDOW).timestamp()
        for article_id, blob in store.minhashes(since):
            self.lsh.insert(str(article_id), _minhash_from_bytes(blob))

    def skip(self, item: str, reason: str) -> None:
        self.report.skipped.append((item, reason))
        self.store.record_error(item, reason, self.now_iso)
        if self.on_item:
            self.on_item(item, reason)

    def add(self, item: RawItem, *, feed_id: int | None = None) -> None:
        from newsverdict.card.pipeline import run as run_pipeline

        label = item.url or item.origin
        try:
            canon = canonical_url(item.url)
            if canon and self.store.has_url(canon):  # known URL: skip extraction altogether
                self.report.already_stored += 1
                if self.on_item:
                    self.on_item(label, None)
                return
            article = self._article(item)
            published = parse_date(item.published) if item.published else None
            if item.published and published is None:
                raise InputError(f"unparsable date {item.published!r}")
            if published and published > self.now + FUTURE_TOLERANCE:
                raise InputError(f"date {item.published} is in the future")
            cleaned = clean(article)
            text = cleaned.text
            source = article.source or (urlparse(item.url).hostname or "" if item.url else "")
            fp = fingerprint(text)
            if self.store.has_article(canon, source, fp):
                self.report.already_stored += 1
                if self.on_item:
                    self.on_item(label, None)
                return
            mh = _minhash(text)
            duplicate_of = self.store.same_text_elsewhere(fp)
            if duplicate_of is None:
                near = sorted(int(k) for k in self.lsh.query(mh))
                duplicate_of = near[0] if near else None
            if duplicate_of is not None:
                duplicate_of = self.store.original_of(duplicate_of)
            card = run_pipeline(article, cleaned=cleaned).verdict  # cleaned once, above
            article_id = self._insert(
                url=item.url, canonical_url=canon, fingerprint=fp, source=source, title=cleaned.title or card.headline,
                text=text, published=published.isoformat() if published else "",
                published_ts=(published or self.now).timestamp(), added_at=self.now_iso, feed_id=feed_id,
                duplicate_of=duplicate_of, minhash=mh.hashvalues.astype("uint64").tobytes(),
                impact=card.impact, hype=card.hype, card_json=card.model_dump_json(),
            )
            if article_id is None:  # another writer stored it first
                self.report.already_stored += 1
                if self.on_item:
                    self.on_item(label, None)
                return
            if duplicate_of is None:
                self.lsh.insert(str(article_id), mh)
            else:
                self.report.repeats += 1
                self._credit_earliest(article_id, duplicate_of, mh)
            self.report.added += 1
            if self.on_item:
                self.on_item(label, None)
        except StoreError:
            raise  # the store cannot be written (read-only, full): stop, one line, finished items kept
        except NewsverdictError as exc:
            reason = str(exc)
            if reason.startswith(item.origin + ": "):
                reason = reason[len(item.origin) + 2:]
            self.skip(label, reason)

    def _credit_earliest(self, article_id: int, original: int, mh) -> None:
        """A copy published before the article it repeats becomes the original of the group.

        Feeds arrive in any order; crediting whichever copy was ingested first would make
        "first reported by" contradict the published times.
        """
        mine, theirs = self.store.published_ts(article_id), self.store.published_ts(original)
        if mine is not None and theirs is not None and mine < theirs:
            self.store.make_original(article_id, original)
            self.lsh.insert(str(article_id), mh)

    def _insert(self, **fields: object) -> int | None:
        """Insert an article; None when a concurrent writer stored the same one first."""
        import sqlite3

        try:
            return self.store.insert_article(**fields)
        except sqlite3.IntegrityError:
            return None

    def _article(self, item: RawItem) -> Article:
        return article_of(item)

    def finish(self) -> IngestReport:
        if self.report.added or not self.store.count("stories"):
            self.report.stories = update_stories(self.store, self.now)
        else:  # nothing new: the stories stand as they are, and a re-run on unchanged feeds stays fast
            self.report.stories = self.store.count("stories")
        return self.report


def article_of(item: RawItem) -> Article:
    """The article of an item: its HTML extracted, or its text read; the item's own fields override."""
    if len(item.text) > MAX_ITEM_CHARS or len(item.html) > MAX_ITEM_CHARS * 4:
        raise InputError("item is over the size cap")
    if item.html.strip() and (len(item.html.split()) >= 30 or not item.text.strip()):
        article = from_html(item.html, origin=item.origin, url=item.url)
    elif item.text.strip():
        article = from_text(item.text, origin=item.origin, title=item.title)
    else:
        raise InputError("no text and no HTML")
    return article.overridden(title=item.title, source=item.source, url=item.url, published=item.published,
                              origin=item.origin)


def ingest_items(store: Store, items: Iterable[RawItem | InputError], now: datetime | None = None,
                 on_item: Callable[[str, str | None], None] | None = None) -> IngestReport:
    with store.exclusive_writer():
        ingester = Ingester(store, now, on_item)
        for item in items:
            if isinstance(item, InputError):
                ingester.skip(str(item).split(": ", 1)[0], str(item).split(": ", 1)[-1])
            else:
                ingester.add(item)
        return ingester.finish()


def update_stories(store: Store, now: datetime) -> int:
    """Cluster the window's articles into stories, keep ids of stories that persist, rebuild changed cards."""
    from newsverdict.card.pipeline import analyze_story
    from newsverdict.stories.cluster import StoryDoc, cluster

    since = (now - STORY_WINDOW).timestamp()
    articles = store.articles(since_ts=since)
    originals = [a for a in articles if a.duplicate_of is None]
    labels = cluster([StoryDoc(str(a.id), a.text, a.title, a.published_ts) for a in originals])
    groups: dict[int, list[int]] = {}
    for article, label in zip(originals, labels, strict=True):
        groups.setdefault(label, []).append(article.id)
    by_id = {a.id: a for a in articles}
    # repeats follow the article they repeat
    original_group = {aid: label for label, ids in groups.items() for aid in ids}
    for a in articles:
        if a.duplicate_of is not None and a.duplicate_of in original_group:
            groups[original_group[a.duplicate_of]].append(a.id)
        elif a.duplicate_of is not None:
            groups.setdefault(-a.id, []).append(a.id)  # its original fell out of the window
    # stable ids: a new group takes the id of the old story it shares most articles with
    previous = store.previous_story_of()
    taken: set[int] = set()
    next_id = max(previous.values(), default=0) + 1
    story_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for _label, ids in sorted(groups.items(), key=lambda kv: (-len(kv[1]), min(kv[1]))):
        votes: dict[int, int] = {}
        for aid in ids:
            if aid in previous and previous[aid] not in taken:
                votes[previous[aid]] = votes.get(previous[aid], 0) + 1
        if votes:
            sid = max(sorted(votes), key=lambda s: votes[s])
        else:
            sid, next_id = next_id, next_id + 1
        taken.add(sid)
        members[sid] = sorted(ids, key=lambda i: (by_id[i].published_ts or 0, i))
        for aid in ids:
            story_of[aid] = sid
    old_cards = {sid: store.story(sid) for sid in members}
    cards: dict[int, dict] = {}
    for sid, ids in members.items():
        old = old_cards.get(sid)
        if old and sorted(s["article_id"] for s in old["sources"]) == sorted(ids):
            cards[sid] = old  # same articles, same card: no work
        else:
            cards[sid] = json.loads(analyze_story(sid, [by_id[i] for i in ids]).model_dump_json())
    store.replace_stories(story_of, cards, now.isoformat(timespec="seconds"))
    return len(cards)


#: Feed items with less text than this are fetched from their link and extracted.
FEED_ITEM_MIN_WORDS = 80


def feed_items(store: Store, on_feed: Callable[[str, str | None], None] | None = None,
               now: datetime | None = None,
               policy: UrlPolicy | None = None) -> Iterator[tuple[RawItem | InputError, int | None]]:
    """Items of every stored feed: local files are read, URLs fetched with conditional GET.

    Every network fetch (feeds, and the pages of items too short to judge) goes through the one
    HTTP layer under ``policy``; the item pages of a feed are fetched concurrently, not one by one.
    """
    from newsverdict.sources.feeds import fetch_all, parse_feed, read_local

    policy = policy or UrlPolicy()
    now_iso = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    feeds = store.feeds()
    bodies: dict[int, bytes | None] = {}
    remote = [f for f in feeds if not f["url"].startswith("file://")]
    for f in feeds:
        if f["url"].startswith("file://"):
            try:
                bodies[f["id"]] = read_local(f["url"])
            except InputError as exc:
                store.update_feed_fetch(f["id"], etag=None, last_modified=None, status="error", error=str(exc),
                                        now=now_iso)
                yield exc, f["id"]
                bodies[f["id"]] = None
    if remote:
        results = fetch_all([(f["url"], f["etag"], f["last_modified"]) for f in remote],
                            (lambda r: on_feed(r.url, r.error)) if on_feed else None, policy=policy)
        for f, result in zip(remote, results, strict=True):
            status = {200: "ok", 304: "not modified"}.get(result.status, "error" if result.status == 0 else "ok")
            store.update_feed_fetch(f["id"], etag=result.etag, last_modified=result.last_modified, status=status,
                                    error=result.error, now=now_iso)
            if result.status == 0:
                yield InputError(f"{f['url']}: {result.error}"), f["id"]
            bodies[f["id"]] = result.body if 200 <= result.status < 300 else None
    for f in feeds:
        body = bodies.get(f["id"])
        if not body:
            continue
        try:
            parsed = parse_feed(body, f["url"])
        except InputError as exc:
            store.update_feed_fetch(f["id"], etag=None, last_modified=None, status="error", error=str(exc),
                                    now=now_iso)
            yield exc, f["id"]
            continue
        for problem in parsed.problems:
            yield InputError(f"{f['url']}: {problem}"), f["id"]
        yield from ((item, f["id"]) for item in _items_of_feed(store, parsed, f["url"], policy))


_TAG = re.compile(r"<[A-Za-z!/][^<>]{0,500}>")
#: Feed entries handled per batch: the pages of a batch are fetched concurrently, and memory stays bounded.
FEED_BATCH = 64


def _items_of_feed(store: Store, parsed, feed_url: str, policy: UrlPolicy) -> Iterator[RawItem | InputError]:
    """The feed's entries as items, in feed order; entries too short to judge are fetched from their link."""
    for start in range(0, len(parsed.items), FEED_BATCH):
        yield from _batch_items(store, parsed.items[start : start + FEED_BATCH], parsed.title, feed_url, policy)


def _batch_items(store: Store, entries: list, feed_title: str, feed_url: str,
                 policy: UrlPolicy) -> list[RawItem | InputError]:
    from newsverdict.sources.feeds import fetch_all

    items: list[RawItem | InputError | None] = []
    to_fetch: list[tuple[int, object]] = []
    for entry in entries:
        source = entry.source or feed_title
        has_tags = bool(_TAG.search(entry.html))
        plain = re.sub(r"<[^>]+>", " ", entry.html) if has_tags else entry.html
        canon = canonical_url(entry.url)
        if len(plain.split()) < FEED_ITEM_MIN_WORDS and canon:
            if store.has_url(canon):  # known already: no need to fetch it again
                items.append(RawItem(origin=feed_url, url=entry.url, source=source, title=entry.title))
                continue
            to_fetch.append((len(items), entry))
            items.append(None)
            continue
        items.append(RawItem(origin=feed_url, url=entry.url, source=source, title=entry.title,
                             published=entry.published, html=entry.html if has_tags else "",
                             text="" if has_tags else entry.html))
    if to_fetch:
        results = fetch_all([(entry.url, None, None) for _, entry in to_fetch], policy=policy)
        for (index, entry), result in zip(to_fetch, results, strict=True):
            items[index] = _article_item(entry, feed_title, result)
    return [item for item in items if item is not None]


def _article_item(entry, feed_title: str, result) -> RawItem | InputError:
    if result.status == 0:
        return InputError(f"{entry.url}: {result.error}")
    try:
        body = decode(result.body, entry.url)
    except InputError as exc:
        return exc
    is_html = looks_like_html(result.body, "", entry.url)
    return RawItem(origin=entry.url, url=entry.url, source=entry.source or feed_title, title=entry.title,
                   published=entry.published, html=body if is_html else "", text="" if is_html else body)


def ingest_feeds(store: Store, now: datetime | None = None,
                 on_item: Callable[[str, str | None], None] | None = None,
                 policy: UrlPolicy | None = None) -> IngestReport:
    with store.exclusive_writer():
        ingester = Ingester(store, now, on_item)
        for item, feed_id in feed_items(store, now=now, policy=policy):
            if isinstance(item, InputError):
                where, _, reason = str(item).partition(": ")
                ingester.skip(where, reason or str(item))
            else:
                ingester.add(item, feed_id=feed_id)
        return ingester.finish()
