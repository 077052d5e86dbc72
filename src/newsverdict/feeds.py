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

from .errors import InputError
from .sources import MAX_INPUT_BYTES, USER_AGENT

FETCH_TIMEOUT_S = 15.0
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


def parse_opml(data: bytes, origin: str) -> list[tuple[str, str]]:
    """(feed URL, title) for every outline with an xmlUrl; relative URLs resolved against ``origin``."""
    import defusedxml.ElementTree as safe_et

    check_xml(data, origin)
    try:
        root = safe_et.fromstring(data)
    except Exception as exc:
        raise InputError(f"{origin}: malformed OPML ({exc})") from None
    feeds = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            feeds.append((resolve(url, origin), outline.get("title") or outline.get("text") or ""))
    if not feeds:
        raise InputError(f"{origin}: OPML lists no feeds (no outline with xmlUrl)")
    return feeds


def resolve(url: str, origin: str) -> str:
    if urlparse(url).scheme in {"http", "https", "file"}:
        return url
    if origin.startswith(("http://", "https://", "file://")):
        return urljoin(origin, url)
    return Path(origin).resolve().parent.joinpath(url).resolve().as_uri()


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
    path = Path(urlparse(url_or_path).path) if url_or_path.startswith("file://") else Path(url_or_path)
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: feed is over the {MAX_INPUT_BYTES // (1024 * 1024)} MiB cap")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


@dataclass
class FetchResult:
    url: str
    status: int  # 200, 304 (not modified), 0 (failed)
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


async def _fetch_all(requests: list[tuple[str, str | None, str | None]],
                     on_done: Callable[[FetchResult], None] | None) -> list[FetchResult]:
    import httpx

    host_limits: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(PER_HOST_CONCURRENCY))
    total = asyncio.Semaphore(TOTAL_CONCURRENCY)

    async def one(client: httpx.AsyncClient, url: str, etag: str | None, modified: str | None) -> FetchResult:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        async with total, host_limits[urlparse(url).hostname or ""]:
            try:
                async with client.stream("GET", url, headers=headers) as response:
                    if response.status_code == 304:
                        result = FetchResult(url, 304)
                    elif response.status_code >= 400:
                        result = FetchResult(url, 0, error=f"HTTP {response.status_code}")
                    else:
                        chunks, size = [], 0
                        async for chunk in response.aiter_bytes():
                            size += len(chunk)
                            if size > MAX_INPUT_BYTES:
                                raise InputError("over the size cap")
                            chunks.append(chunk)
                        result = FetchResult(url, 200, b"".join(chunks), response.headers.get("etag"),
                                             response.headers.get("last-modified"))
            except httpx.TimeoutException:
                result = FetchResult(url, 0, error=f"timed out after {FETCH_TIMEOUT_S:g} s")
            except (httpx.HTTPError, InputError) as exc:
                result = FetchResult(url, 0, error=str(exc) or type(exc).__name__)
        if on_done:
            on_done(result)
        return result

    async with httpx.AsyncClient(timeout=FETCH_TIMEOUT_S, follow_redirects=True,
                                 headers={"User-Agent": USER_AGENT}) as client:
        return await asyncio.gather(*(one(client, u, e, m) for u, e, m in requests))


def fetch_all(requests: list[tuple[str, str | None, str | None]],
              on_done: Callable[[FetchResult], None] | None = None) -> list[FetchResult]:
    """Conditional GET of (url, etag, last_modified) triples with per-host limits."""
    return asyncio.run(_fetch_all(requests, on_done))
