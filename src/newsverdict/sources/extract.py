"""Sources stage: turn a path, URL, stdin or string into an ``Article``.

All I/O of the single-article pipeline lives here; everything after this
module is pure. Every failure is raised as an ``InputError`` with one line a
user can act on.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from pathlib import Path
from urllib.parse import urlparse

from newsverdict.card.text import normalize
from newsverdict.errors import InputError
from newsverdict.models import Article
from newsverdict.sources.net import MAX_RESPONSE_BYTES, UrlPolicy

#: Largest input read from a file, URL or stdin. Bigger pages are refused, not truncated,
#: so that a card never silently describes half an article.
MAX_INPUT_BYTES = MAX_RESPONSE_BYTES
#: Below this many words, what trafilatura finds is navigation or a caption, not an article.
MIN_HTML_ARTICLE_WORDS = 15

#: Most HTML elements a page may have; the largest real pages of the extraction benchmark have ~1,600.
MAX_HTML_ELEMENTS = 20_000
_ELEMENT = re.compile(r"<[A-Za-z]")
_HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)[\s>]", re.I)


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def load(spec: str, *, title: str = "", source: str = "", policy: UrlPolicy | None = None) -> Article:
    """Read one article from a path, an http(s) URL, or ``-`` (stdin)."""
    if spec == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        article = from_bytes(data, origin="-")
    elif is_url(spec):
        data, content_type = fetch(spec, policy=policy)
        article = from_bytes(data, origin=spec, url=spec, content_type=content_type)
    else:
        article = from_bytes(read_file(Path(spec)), origin=spec)
    return article.overridden(title=title, source=source)


def read_file(path: Path, *, cap: int = MAX_INPUT_BYTES) -> bytes:
    """A regular file's bytes, refused over ``cap``; devices, pipes and sockets are refused unread.

    The cap is enforced on what is read, not on what ``stat`` says (a device reports size 0),
    and the file is opened non-blocking so that a named pipe without a writer cannot hang us.
    """
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory (give files, or use --format jsonl with a directory)")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(f"{path}: not a regular file (a device, pipe or socket); save it to a file first")
            data = handle.read(cap + 1)
        if len(data) > cap:
            raise InputError(f"{path}: file is over the {cap // (1024 * 1024)} MiB cap")
        return data
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def fetch(url: str, *, policy: UrlPolicy | None = None) -> tuple[bytes, str]:
    """GET ``url`` through the one HTTP layer (``net``); return (body, content type)."""
    from newsverdict.sources.net import fetch as net_fetch

    page = net_fetch(url, policy=policy or UrlPolicy())
    return page.body, page.content_type


def decode(data: bytes, origin: str) -> str:
    """Bytes to text: refuse binary data, detect the encoding when it is not UTF-8."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{origin}: input is over the {MAX_INPUT_BYTES // (1024 * 1024)} MiB cap")
    if not data.strip():
        raise InputError(f"{origin}: input is empty")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{origin}: looks like binary data, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes as detect

    best = detect(data).best()
    if best is None:
        raise InputError(f"{origin}: cannot detect the text encoding (binary or corrupt data?)")
    text = str(best)
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.01 * min(len(text), 8192):
        raise InputError(f"{origin}: looks like binary data, not text or HTML")
    return text


def looks_like_html(data: bytes, content_type: str = "", origin: str = "") -> bool:
    if "html" in content_type.lower():
        return True
    if origin.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_HINT.search(data[:4096]))


def from_bytes(
    data: bytes, *, origin: str, url: str = "", content_type: str = ""
) -> Article:
    html = looks_like_html(data, content_type, origin)
    text = decode(data, origin)
    if html:
        return from_html(text, origin=origin, url=url)
    return from_text(text, origin=origin)


def from_text(text: str, *, origin: str = "<text>", title: str = "", source: str = "") -> Article:
    """Plain text or Markdown: a short first line (or a ``# heading``) is the title."""
    text = normalize(text)
    if not text.strip():
        raise InputError(f"{origin}: text is empty")
    if not title:
        lines = text.lstrip().split("\n", 1)
        first = lines[0].strip()
        rest = lines[1] if len(lines) > 1 else ""
        is_heading = first.startswith("#")
        first = first.lstrip("#").strip()
        short = len(first.split()) <= 25 and not first.endswith((".", ",", ";", ":"))
        if rest.strip() and (is_heading or short):
            title, text = first, rest
    return Article(text=text, title=title, source=source, origin=origin)


def from_html(html: str, *, origin: str = "<html>", url: str = "") -> Article:
    """Extract the main text and metadata of an HTML page with trafilatura."""
    import trafilatura  # heavy import, paid only for HTML input

    # an element starts with "<", so a page with few of them is under the cap without counting its elements
    # (the count itself is ~1 ms on a real page)
    if html.count("<") > MAX_HTML_ELEMENTS and (elements := len(_ELEMENT.findall(html))) > MAX_HTML_ELEMENTS:
        # extraction cost grows faster than the element count: refuse rather than hang
        raise InputError(f"{origin}: page has {elements:,} HTML elements, over the {MAX_HTML_ELEMENTS:,} cap "
                         "(a news page has a few thousand)")
    from trafilatura.utils import load_html

    doc = meta = None
    try:
        # the tree is parsed once: the metadata is read from it, then trafilatura extracts the text from
        # a copy (bare_extraction copies a tree it is given). A TypeError or ValueError while loading or
        # reading the metadata is what bare_extraction itself turns into "no document", so it is here too.
        try:
            tree = load_html(html)
            meta = _page_metadata(tree, url) if tree is not None else None
        except (TypeError, ValueError):
            meta = None
        if meta is not None:
            # fast: no second opinion from the readability/jusText fallbacks, which trafilatura otherwise
            # computes on every page; on the extraction benchmark that is a quarter of the time, with the
            # same text on 49 of 50 pages and a better F1 (docs/quality.md). Its metadata pass is off: it
            # would read the fields above again and also search for authors, categories, tags and a
            # licence that the card never shows (_page_metadata)
            doc = trafilatura.bare_extraction(
                tree, url=url or None, with_metadata=False, include_comments=False,
                include_tables=False, fast=True,
            )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken pages
        raise InputError(f"{origin}: cannot parse the HTML ({type(exc).__name__})") from None
    if doc is None or meta is None or len((doc.text or "").split()) < MIN_HTML_ARTICLE_WORDS:
        raise InputError(f"{origin}: no article text found in the HTML page")
    title = normalize(meta.title or "").strip()
    text = doc.text
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest  # trafilatura repeats the <h1> as the first line
    host = meta.hostname or (urlparse(url).hostname if url else "") or ""
    return Article(
        text=normalize(text),
        title=title,
        source=normalize(meta.sitename or host or "").strip(),
        url=url or (meta.url or ""),
        published=meta.date or "",
        origin=origin,
    )


def _page_metadata(tree, url: str):
    """The page's title, site name, host, URL and date, as ``trafilatura.extract_metadata`` reads them.

    The same steps in the same order (meta tags, JSON-LD, the title's fallbacks, the canonical URL,
    htmldate's search with trafilatura's default settings, the site name), less its searches for the
    author, categories, tags and licence, which the card does not use and which were ~70 % of the
    metadata's CPU on the extraction benchmark's real pages (the author search copies the whole tree).
    None of the skipped steps changes the tree or a field read here; a test holds the five fields
    equal to ``extract_metadata``'s on real pages.
    """
    from courlan import extract_domain
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import DEFAULT_CONFIG, set_date_params

    date_config = set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH"))
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with contextlib.suppress(Exception):  # trafilatura's own guard: bugs in its JSON-LD reader
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url or None)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    date_config["url"] = metadata.url
    metadata.date = find_date(tree, **date_config)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (found := META_URL.match(metadata.url)):
        metadata.sitename = found[1]
    metadata.filedate = date_config.get("max_date")
    metadata.clean_and_trim()
    return metadata
