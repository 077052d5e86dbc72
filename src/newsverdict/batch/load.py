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

    def batches():
        # row groups of the two files are written in step (one per shard), so they zip
        for g in range(articles.num_row_groups):
            rows = articles.read_row_group(g).to_pylist()
            card_json = cards.read_row_group(g, columns=["card_json"])["card_json"].to_pylist()
            story_of.update((row["id"], row["story_id"]) for row in rows)
            yield [(*(row[c] for c in store.LOADED_COLUMNS), card) for row, card in zip(rows, card_json, strict=True)]

    loaded = store.load_articles(batches(), now)
    stories = pq.read_table(out / "stories.parquet", columns=["story_id", "card_json"])
    story_cards = {sid: json.loads(card) for sid, card in zip(stories["story_id"].to_pylist(),
                                                              stories["card_json"].to_pylist(), strict=True)}
    store.replace_stories(story_of, story_cards, now)
    return loaded, len(story_cards)
