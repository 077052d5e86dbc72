"""Load a batch's output into the local store, so that ``serve``, ``stories`` and ``digest`` show it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from newsverdict.errors import InputError
from newsverdict.stories.store import Store


def load_into_store(out: Path, store: Store) -> tuple[int, int]:
    """(articles, stories) loaded. The store must hold no articles yet: batch ids are kept as they are."""
    import pyarrow.parquet as pq

    if not (out / "stories.parquet").exists():
        raise InputError(f"{out}: no finished batch here (stories.parquet is missing)")
    if store.count("articles"):
        raise InputError(f"{store.path}: the store already holds articles; load a batch into a new store "
                         "(--db NEW.db)")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    articles = pq.ParquetFile(out / "articles.parquet")
    cards = pq.ParquetFile(out / "cards.parquet")
    story_of: dict[int, int] = {}
    loaded = 0
    columns = ("id", "url", "canonical_url", "fingerprint", "source", "title", "text", "published", "published_ts",
               "duplicate_of", "minhash", "impact", "hype")
    with store.transaction() as db:
        # row groups of the two files are written in step (one per shard), so they zip
        for g in range(articles.num_row_groups):
            rows = articles.read_row_group(g).to_pylist()
            card_json = cards.read_row_group(g, columns=["card_json"])["card_json"].to_pylist()
            # ids grow with time and an original is always earlier than its repeats, but row groups
            # follow the input order: references are checked at commit
            db.execute("PRAGMA defer_foreign_keys = ON")
            db.executemany(
                f"INSERT INTO articles({', '.join(columns)}, added_at, card_json) "
                f"VALUES ({', '.join('?' for _ in columns)}, ?, ?)",
                [(*(row[c] for c in columns), now, card) for row, card in zip(rows, card_json, strict=True)])
            story_of.update((row["id"], row["story_id"]) for row in rows)
            loaded += len(rows)
    stories = pq.read_table(out / "stories.parquet", columns=["story_id", "card_json"])
    story_cards = {sid: json.loads(card) for sid, card in zip(stories["story_id"].to_pylist(),
                                                              stories["card_json"].to_pylist(), strict=True)}
    store.replace_stories(story_of, story_cards, now)
    return loaded, len(story_cards)
