"""The items of the stored feeds: local files read, URLs fetched (conditional GET), short entries
fetched from their link, all through the one guarded HTTP layer."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from newsverdict.errors import InputError
from newsverdict.sources.corpus import RawItem
from newsverdict.sources.extract import decode, looks_like_html
from newsverdict.sources.net import UrlPolicy
from newsverdict.stories.repeats import canonical_url
from newsverdict.stories.store import Store

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
