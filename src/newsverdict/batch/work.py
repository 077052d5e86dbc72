"""The parallel work of a batch: what one worker does with one shard, or with one chunk of stories.

Both functions are pure in effect (they read their input, return an Arrow
table, write nothing), so any engine can run them anywhere, retry them, and
the driver alone decides what is kept. Every article goes through the same
public pipeline as ``analyze`` and ``ingest`` (``pipeline.analyze``,
``pipeline.analyze_story``), so a batch card is the card those commands give.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlparse

from ..models import StoredArticle
from .inputs import Shard, read_shard

#: The columns of a shard's table (the articles of one shard, each with its card, or its error).
SHARD_FIELDS = (
    ("rec", "int64"), ("origin", "string"), ("url", "string"), ("canonical_url", "string"), ("source", "string"),
    ("title", "string"), ("published", "string"), ("published_ts", "float64"), ("text", "string"),
    ("fingerprint", "string"), ("minhash", "binary"), ("impact", "int32"), ("hype", "int32"),
    ("hype_level", "string"), ("headline", "string"), ("card_json", "string"),
    ("term_keys", "list<string>"), ("term_counts", "list<float64>"), ("error", "string"),
)


def shard_schema():
    import pyarrow as pa

    types = {"int64": pa.int64(), "int32": pa.int32(), "string": pa.string(), "float64": pa.float64(),
             "binary": pa.binary(), "list<string>": pa.list_(pa.string()), "list<float64>": pa.list_(pa.float64())}
    return pa.schema([(name, types[t]) for name, t in SHARD_FIELDS])


def process_shard(shard: Shard, now_iso: str):
    """Extract, clean, fingerprint and card every record of a shard: an Arrow table, one row per record."""
    import pyarrow as pa

    now = datetime.fromisoformat(now_iso)
    rows: list[dict] = []
    try:
        for entry in read_shard(shard):
            if entry.item is None:
                if entry.error:
                    rows.append({"rec": entry.rec, "origin": entry.error.split(": ", 1)[0], "error": entry.error})
                continue
            rows.append(_article_row(entry.rec, entry.item, entry.fallback_date, now))
    except Exception as exc:  # a truncated or corrupt file: what was read stays, the rest is one error
        rec = rows[-1]["rec"] + 1 if rows else 0
        rows.append({"rec": rec, "origin": shard.label,
                     "error": f"{shard.label}: cannot read the rest of the shard ({type(exc).__name__}: {exc})"})
    columns = {name: [row.get(name) for row in rows] for name, _ in SHARD_FIELDS}
    return pa.table(columns, schema=shard_schema())


def _article_row(rec: int, item, fallback_date: str, now: datetime) -> dict:
    from ..clean import clean
    from ..errors import InputError, NewsverdictError
    from ..ingest import FUTURE_TOLERANCE, _minhash, article_of, canonical_url, fingerprint, parse_date
    from ..pipeline import analyze
    from ..stories import terms

    label = item.url or item.origin
    try:
        canon = canonical_url(item.url)
        article = article_of(item)
        if item.published:
            published = parse_date(item.published)
            if published is None:
                raise InputError(f"unparsable date {item.published!r}")
        else:  # the page's own date (extracted), else the date it was fetched
            published = parse_date(article.published) or parse_date(fallback_date)
        if published and published > now + FUTURE_TOLERANCE:
            raise InputError(f"date {published.isoformat()} is in the future")
        cleaned = clean(article)
        text = cleaned.text
        source = article.source or (urlparse(item.url).hostname or "" if item.url else "")
        card = analyze(article)
        title = cleaned.title or card.headline
        counts = terms(title, text)
        return {
            "rec": rec, "origin": item.origin, "url": item.url, "canonical_url": canon, "source": source,
            "title": title, "published": published.isoformat() if published else "",
            "published_ts": published.timestamp() if published else None, "text": text,
            "fingerprint": fingerprint(text), "minhash": _minhash(text).hashvalues.astype("uint64").tobytes(),
            "impact": card.impact, "hype": card.hype, "hype_level": card.hype_level, "headline": card.headline,
            "card_json": card.model_dump_json(), "term_keys": list(counts), "term_counts": list(counts.values()),
        }
    except NewsverdictError as exc:
        reason = str(exc).removeprefix(item.origin + ": ")
        return {"rec": rec, "origin": label, "error": f"{label}: {reason}"}
    except Exception as exc:  # a page that breaks a library must not stop a day's run: reported, skipped
        return {"rec": rec, "origin": label, "error": f"{label}: internal error ({type(exc).__name__}: {exc})"}


def process_stories(chunk: list[tuple[int, list[StoredArticle]]]) -> list[tuple[int, str]]:
    """The card (JSON) of each story of a chunk."""
    from ..pipeline import analyze_story

    return [(sid, analyze_story(sid, members).model_dump_json()) for sid, members in chunk]
