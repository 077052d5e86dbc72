"""Load a batch's output into the local store, so that ``serve``, ``stories`` and ``digest`` show it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from newsverdict.errors import InputError
from newsverdict.stories.store import Store


def load_into_store(out: Path, store: Store) -> tuple[int, int]:
    """(articles, stories) loaded. The store must hold no articles yet: batch ids are kept as they are.

    Streamed one row group at a time (one shard's articles, or up to 5,000 story cards): a day's
    cards and texts are never all in memory.
    """
    import pyarrow.parquet as pq

    if not (out / "stories.parquet").exists():
        raise InputError(f"{out}: no finished batch here (stories.parquet is missing)")
    if store.count("articles"):
        raise InputError(f"{store.path}: the store already holds articles; load a batch into a new store "
                         "(--db NEW.db)")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    articles = pq.ParquetFile(out / "articles.parquet")
    cards = pq.ParquetFile(out / "cards.parquet")
    stories = pq.ParquetFile(out / "stories.parquet")

    def article_batches():
        # row groups of the two files are written in step (one per shard), so they zip
        for g in range(articles.num_row_groups):
            rows = articles.read_row_group(g, columns=list(store.LOADED_COLUMNS)).to_pylist()
            card_json = cards.read_row_group(g, columns=["card_json"])["card_json"].to_pylist()
            yield [(*(row[c] for c in store.LOADED_COLUMNS), card) for row, card in zip(rows, card_json, strict=True)]

    def story_batches():
        for g in range(stories.num_row_groups):
            group = stories.read_row_group(g, columns=["story_id", "card_json"])
            yield [(sid, json.loads(card)) for sid, card in zip(group["story_id"].to_pylist(),
                                                                 group["card_json"].to_pylist(), strict=True)]

    def assignments():
        for g in range(articles.num_row_groups):
            group = articles.read_row_group(g, columns=["id", "story_id"])
            yield list(zip(group["id"].to_pylist(), group["story_id"].to_pylist(), strict=True))

    loaded = store.load_articles(article_batches(), now)
    return loaded, store.load_stories(story_batches(), assignments(), now)
