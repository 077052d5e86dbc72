"""JSON and JSONL renderings: the cards as data, in the shape of the published schema."""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsverdict.models import StoryVerdict, Verdict


def to_json(card: Verdict, *, indent: int | None = 2) -> str:
    """Canonical JSON: the same card always gives the same bytes."""
    return json.dumps(card.model_dump(mode="json"), ensure_ascii=False, indent=indent, sort_keys=False)


def cards_json(cards: Sequence[Verdict], *, explain: bool = False) -> str:
    """One card as an object, several as an array (every signal is always there: ``explain`` changes nothing)."""
    if len(cards) == 1:
        return to_json(cards[0]) + "\n"
    return "[\n" + ",\n".join(to_json(c) for c in cards) + "\n]\n"


def cards_jsonl(cards: Sequence[Verdict], *, explain: bool = False) -> str:
    return "".join(to_json(c, indent=None) + "\n" for c in cards)


def story_json(story: StoryVerdict, *, explain: bool = False) -> str:
    return cards_json([story])


def story_jsonl(story: StoryVerdict, *, explain: bool = False) -> str:
    return cards_jsonl([story])


def stories_json(stories: Sequence[StoryVerdict]) -> str:
    """Stories as one JSON array (the digest's JSON and ``stories --format json``)."""
    return json.dumps([s.model_dump(mode="json") for s in stories], ensure_ascii=False, indent=2) + "\n"


def stories_jsonl(stories: Sequence[StoryVerdict]) -> str:
    """One story a line, compact."""
    return "".join(s.model_dump_json() + "\n" for s in stories)


def digest_json(stories: Sequence[StoryVerdict], **_options: object) -> str:
    """The digest's stories as one JSON array (``_options``: title, span and links belong to the other formats)."""
    return stories_json(stories)
