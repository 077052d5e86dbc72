"""The story card: the card of a story's articles read together, with its coverage and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsverdict.card.clean import clean
from newsverdict.card.pipeline import card_fields
from newsverdict.card.scoring import score, weigh
from newsverdict.card.signals import coverage_volume, measure
from newsverdict.models import Article, Coverage, SourceRef, StoredArticle, StoryVerdict, Weights

if TYPE_CHECKING:
    from newsverdict.llm import LLMProse

#: A story card reads at most this many independent articles, the earliest first.
STORY_MAX_ARTICLES = 12


def analyze_story(story_id: int, members: list[StoredArticle], weights: Weights | None = None,
                  llm: LLMProse | None = None) -> StoryVerdict:
    """The card of one story from its stored articles (repeats included, counted as such).

    The independent articles' texts are read together: the clean stage drops
    paragraphs that several outlets share, so the summary has no repeated facts,
    and the coverage volume joins the hype signals.
    """
    originals = [a for a in members if a.duplicate_of is None] or members
    repeats = len(members) - len(originals)
    timestamps = sorted(a.published_ts for a in members if a.published_ts is not None)
    outlets = len({a.source or a.url for a in originals})
    span_hours = (timestamps[-1] - timestamps[0]) / 3600 if len(timestamps) > 1 else 0.0
    reading = originals[:STORY_MAX_ARTICLES]
    lead = _lead_article(reading)
    combined = Article(
        text="\n\n".join(a.text for a in [lead, *[a for a in reading if a is not lead]]),
        title=lead.title, source=lead.source, url=lead.url, published=lead.published, origin=f"story {story_id}",
    )
    cleaned = clean(combined, min_words=1, check_language=False)
    signals = measure(cleaned)
    # a single article's own repetition is not the story's: the outlets' overlap is measured by coverage
    signals = [s for s in signals if s.name != "repetition"]
    signals.append(coverage_volume(len(members), repeats, outlets, span_hours))
    signals = weigh(signals, weights)
    scores = score(signals, weights)
    coverage = Coverage(
        outlets=outlets, articles=len(members), repeats=repeats,
        first_seen=_iso(timestamps[0]) if timestamps else "", last_seen=_iso(timestamps[-1]) if timestamps else "",
        first_ts=timestamps[0] if timestamps else None, last_ts=timestamps[-1] if timestamps else None,
        span_hours=round(span_hours, 2),
    )
    return StoryVerdict(
        **card_fields(combined, cleaned, signals, scores, llm),
        story_id=story_id, coverage=coverage,
        sources=[SourceRef(article_id=a.id, source=a.source, title=a.title, url=a.url, published=a.published,
                           repeat_of=a.duplicate_of) for a in members],
    )


def _lead_article(articles: list[StoredArticle]) -> StoredArticle:
    """The article whose headline stands for the story: the earliest with the most sober headline."""
    from newsverdict.card.headline import default_model

    model = default_model()
    return min(articles, key=lambda a: (round(model.score(a.title or a.text[:120]), 1), a.published_ts or 0, a.id))


def _iso(ts: float) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="minutes")
