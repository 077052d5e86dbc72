"""Ingest: items from feeds or a corpus on disk -> cleaned, de-duplicated articles in the store -> stories.

Each item is stored in its own transaction; a bad item is recorded with its
reason and skipped, and never stops the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

from newsverdict.card.clean import clean
from newsverdict.errors import InputError, NewsverdictError, StoreError
from newsverdict.models import Article
from newsverdict.sources.corpus import RawItem, article_of, parse_date
from newsverdict.sources.net import UrlPolicy
from newsverdict.stories.feed_items import feed_items
from newsverdict.stories.repeats import (
    MINHASH_PERMUTATIONS,
    NEAR_DUPLICATE_THRESHOLD,
    canonical_url,
    fingerprint,
    minhash,
    minhash_from_bytes,
)
from newsverdict.stories.store import Store

#: Only articles published within this window are compared for repeats and clustered into stories.
STORY_WINDOW = timedelta(days=30)
#: A date further ahead than this is wrong, not early.
FUTURE_TOLERANCE = timedelta(days=1)



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
            self.lsh.insert(str(article_id), minhash_from_bytes(blob))

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
                return self._already_stored(label)
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
                return self._already_stored(label)
            mh = minhash(text)
            duplicate_of = self._repeat_of(fp, mh)
            card = run_pipeline(article, cleaned=cleaned).verdict  # cleaned once, above
            article_id = self._insert(
                url=item.url, canonical_url=canon, fingerprint=fp, source=source, title=cleaned.title or card.headline,
                text=text, published=published.isoformat() if published else "",
                published_ts=(published or self.now).timestamp(), added_at=self.now_iso, feed_id=feed_id,
                duplicate_of=duplicate_of, minhash=mh.hashvalues.astype("uint64").tobytes(),
                impact=card.impact, hype=card.hype, card_json=card.model_dump_json(),
            )
            if article_id is None:  # another writer stored it first
                return self._already_stored(label)
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

    def _already_stored(self, label: str) -> None:
        self.report.already_stored += 1
        if self.on_item:
            self.on_item(label, None)

    def _repeat_of(self, fp: str, mh) -> int | None:
        """The original this text repeats (same text, or a near-duplicate within the window), if any."""
        duplicate_of = self.store.same_text_elsewhere(fp)
        if duplicate_of is None:
            near = sorted(int(k) for k in self.lsh.query(mh))
            duplicate_of = near[0] if near else None
        return None if duplicate_of is None else self.store.original_of(duplicate_of)

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
    from newsverdict.stories.cards import analyze_story
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
