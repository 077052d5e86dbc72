"""Corpus items: JSONL lines and files of a directory, read with size caps, and the article of an item."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from newsverdict.errors import InputError
from newsverdict.models import Article
from newsverdict.sources.extract import decode, from_html, from_text, looks_like_html, read_file

MAX_ITEM_CHARS = 1_000_000


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
