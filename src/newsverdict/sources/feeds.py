"""Feeds: parse RSS/Atom and OPML safely, fetch them politely.

XML is first checked with defusedxml: a document that declares entities or
points at external ones is refused before any parser expands them
(billion-laughs, XXE). feedparser then does the lenient parsing it is trusted for.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

from newsverdict.errors import InputError
from newsverdict.sources.extract import MAX_INPUT_BYTES
from newsverdict.sources.net import UrlPolicy

PER_HOST_CONCURRENCY = 2
TOTAL_CONCURRENCY = 8


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str
    published: str
    #: full HTML content when the feed carries it, else the summary
    html: str
    source: str


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: list[FeedItem]
    problems: list[str]


def check_xml(data: bytes, origin: str) -> None:
    """Refuse entity declarations and external references; let malformed XML through to feedparser."""
    import defusedxml.ElementTree as safe_et
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    try:
        safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (EntitiesForbidden, ExternalReferenceForbidden, DTDForbidden) as exc:
        raise InputError(f"{origin}: refused hostile XML ({type(exc).__name__}: entities are not expanded)") from None
    except Exception:
        return


def is_opml(data: bytes) -> bool:
    head = data[:2000].lower()
    return b"<opml" in head


def parse_opml(data: bytes, origin: str, policy: UrlPolicy | None = None,
               problems: list[str] | None = None) -> list[tuple[str, str]]:
    """(feed URL, title) for every outline with an acceptable xmlUrl.

    Relative URLs are resolved against an http(s) ``origin``. Entries are checked with the URL
    policy: ``file://`` and other schemes are never taken from a list, nor literal addresses the
    policy blocks; a refused entry is skipped and described in ``problems``.
    """
    import defusedxml.ElementTree as safe_et

    policy = policy or UrlPolicy()
    check_xml(data, origin)
    try:
        root = safe_et.fromstring(data)
    except Exception as exc:
        raise InputError(f"{origin}: malformed OPML ({exc})") from None
    feeds, refused = [], []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        try:
            absolute = resolve(url, origin)
            if not (absolute.startswith("file://") and not urlparse(url).scheme):  # a file beside a local list
                absolute = policy.check_syntax(absolute)
            feeds.append((absolute, outline.get("title") or outline.get("text") or ""))
        except InputError as exc:
            refused.append(str(exc))
    if problems is not None:
        problems.extend(refused)
    if not feeds:
        why = f" ({len(refused)} refused: {refused[0]})" if refused else " (no outline with xmlUrl)"
        raise InputError(f"{origin}: OPML lists no feeds{why}")
    return feeds


def resolve(url: str, origin: str) -> str:
    """``url`` made absolute against ``origin``.

    Against an http(s) list, a relative URL is joined to it. In a local list named on the command
    line, a relative path may name a feed file beside the list (in its directory or below) and
    becomes a file:// URL; nothing else of the file system is reachable from a list, and an explicit
    ``file://`` URL is left as it is, to be refused by the URL policy.
    """
    if urlparse(url).scheme:
        return url
    if origin.startswith(("http://", "https://")):
        return urljoin(origin, url)
    base = Path(origin).resolve().parent
    target = base.joinpath(url).resolve()
    if target.is_relative_to(base) and target.is_file():
        return target.as_uri()
    raise InputError(f"{url}: a list may only name feed files beside it ({base})")


def parse_feed(data: bytes, origin: str) -> ParsedFeed:
    import feedparser

    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{origin}: feed is over the {MAX_INPUT_BYTES // (1024 * 1024)} MiB cap")
    if not data.strip():
        raise InputError(f"{origin}: feed is empty")
    check_xml(data, origin)
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version"):
        head = data[:1000].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise InputError(f"{origin}: this is an HTML page, not an RSS/Atom feed")
        reason = parsed.get("bozo_exception")
        raise InputError(f"{origin}: not a readable RSS/Atom feed" + (f" ({reason})" if reason else ""))
    title = (parsed.feed.get("title") or "").strip()
    items, problems = [], []
    for n, entry in enumerate(parsed.entries, 1):
        link = (entry.get("link") or "").strip()
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry["content"]), key=len)
        html = content or entry.get("summary", "")
        if not link and not html.strip():
            problems.append(f"item {n}: no link and no text")
            continue
        items.append(FeedItem(url=link, title=(entry.get("title") or "").strip(),
                              published=entry.get("published") or entry.get("updated") or "",
                              html=html, source=title))
    if parsed.get("bozo") and not items:
        raise InputError(f"{origin}: malformed feed ({parsed.get('bozo_exception')})")
    return ParsedFeed(title=title, items=items, problems=problems)


def read_local(url_or_path: str) -> bytes:
    """A feed file named on the command line (stored as a file:// URL), read with the size cap."""
    from newsverdict.sources.extract import read_file

    path = Path(urlparse(url_or_path).path) if url_or_path.startswith("file://") else Path(url_or_path)
    return read_file(path)


@dataclass
class FetchResult:
    url: str
    status: int  # 200, 304 (not modified), 0 (failed)
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


async def fetch_many(requests: list[tuple[str, dict[str, str]]], policy: UrlPolicy,
                     on_done: Callable[[FetchResult], None] | None = None) -> list[FetchResult]:
    """GET each (url, headers) through the HTTP layer, at most ``TOTAL_CONCURRENCY`` at a time and
    ``PER_HOST_CONCURRENCY`` per host; results in the order of ``requests``, failures as status 0."""
    from newsverdict.sources.net import fetch_async, new_client

    host_limits: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(PER_HOST_CONCURRENCY))
    total = asyncio.Semaphore(TOTAL_CONCURRENCY)

    async def one(client, url: str, headers: dict[str, str]) -> FetchResult:
        async with total, host_limits[(urlparse(url).hostname or "").lower()]:
            try:
                page = await fetch_async(url, policy=policy, client=client, headers=headers)
                result = FetchResult(url, page.status, page.body, page.headers.get("etag"),
                                     page.headers.get("last-modified"))
            except InputError as exc:
                message = str(exc)
                result = FetchResult(url, 0, error=message.removeprefix(f"{url}: "))
        if on_done:
            on_done(result)
        return result

    async with new_client() as client:
        return await asyncio.gather(*(one(client, u, h) for u, h in requests))


def fetch_all(requests: list[tuple[str, str | None, str | None]],
              on_done: Callable[[FetchResult], None] | None = None,
              policy: UrlPolicy | None = None) -> list[FetchResult]:
    """Conditional GET of (url, etag, last_modified) triples with per-host limits."""
    with_headers = []
    for url, etag, modified in requests:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        with_headers.append((url, headers))
    return asyncio.run(fetch_many(with_headers, policy or UrlPolicy(), on_done))
