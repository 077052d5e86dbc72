"""The single-article pipeline: Article -> clean -> signals -> scores -> prose -> Verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsverdict import __version__
from newsverdict.card.clean import MIN_WORDS, clean
from newsverdict.card.prose import headline, write
from newsverdict.card.scoring import score, weigh
from newsverdict.card.signals import coverage_volume, measure
from newsverdict.models import (
    Article,
    CleanArticle,
    CleaningReport,
    Coverage,
    Scores,
    Signal,
    SourceRef,
    StoredArticle,
    StoryVerdict,
    Verdict,
    Weights,
)
from newsverdict.sources.extract import from_text

if TYPE_CHECKING:
    from newsverdict.llm import LLMProse

GENERATOR = f"newsverdict {__version__} (embedded)"


def _write_prose(cleaned, signals, scores, llm) -> tuple:
    """Embedded prose, refined by the LLM when one is given: (prose, origin, neutral headline)."""
    embedded = write(cleaned, signals, scores)
    origin = {"analysis": "embedded", "summary": "embedded", "key_points": "embedded"}
    if llm is None:
        return embedded, origin, ""
    from newsverdict.errors import LLMError

    try:
        return llm.refine(cleaned, signals, scores, embedded)
    except LLMError as exc:
        reason = f"embedded (LLM unavailable: {exc})"
        return embedded, dict.fromkeys(origin, reason), ""


@dataclass(frozen=True)
class CardRun:
    """What the pipeline computed for one article: its card and every intermediate result, so that a
    caller (ingest, the web app's highlighted evidence) never cleans or measures the article again."""

    article: Article
    cleaned: CleanArticle
    signals: list[Signal]
    scores: Scores
    verdict: Verdict


def run(
    article: Article | str,
    *,
    title: str = "",
    source: str = "",
    weights: Weights | None = None,
    min_words: int = MIN_WORDS,
    check_language: bool = True,
    llm: LLMProse | None = None,
    cleaned: CleanArticle | None = None,
) -> CardRun:
    """Article -> clean -> signals -> scores -> prose, keeping each stage's result.

    ``cleaned`` is the article's clean stage when the caller already ran it (with the same
    ``min_words`` and ``check_language``), e.g. to look for repeats before paying for the rest.
    """
    if isinstance(article, str):
        article = from_text(article, title=title, source=source)
    else:
        article = article.overridden(title=title, source=source)
    if cleaned is None:
        cleaned = clean(article, min_words=min_words, check_language=check_language)
    signals = weigh(measure(cleaned), weights)
    scores = score(signals, weights)
    verdict = Verdict(**_card_fields(article, cleaned, signals, scores, llm))
    return CardRun(article=article, cleaned=cleaned, signals=signals, scores=scores, verdict=verdict)


def analyze(
    article: Article | str,
    *,
    title: str = "",
    source: str = "",
    weights: Weights | None = None,
    min_words: int = MIN_WORDS,
    check_language: bool = True,
    llm: LLMProse | None = None,
) -> Verdict:
    """Turn one article (an ``Article`` or plain text) into its verdict card.

    Raises ``InputError`` for text that cannot be judged (empty, too short, not English).
    The same input always gives the same card.
    """
    return run(article, title=title, source=source, weights=weights, min_words=min_words,
               check_language=check_language, llm=llm).verdict


def _card_fields(article: Article, cleaned: CleanArticle, signals: list[Signal], scores: Scores,
                 llm: LLMProse | None) -> dict:
    """The fields every card has, article or story: prose is written here, last in the pipeline."""
    prose, origin, neutral = _write_prose(cleaned, signals, scores, llm)
    return {
        "generator": GENERATOR, "headline": headline(cleaned), "source": article.source, "url": article.url,
        "published": article.published, "impact": scores.impact, "hype": scores.hype,
        "hype_level": scores.hype_level, "placement": scores.placement, "analysis": prose.analysis,
        "summary": prose.summary, "key_points": prose.key_points,
        "key_points_note": prose.key_points_note, "signals": signals, "scores": scores,
        "cleaning": CleaningReport(
            words=cleaned.word_count, paragraphs=len(cleaned.paragraphs), sentences=len(cleaned.sentences),
            repeats_dropped=cleaned.repeats_dropped, boilerplate_dropped=cleaned.boilerplate_dropped,
        ),
        "prose_origin": origin, "neutral_headline": neutral,
    }


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
        **_card_fields(combined, cleaned, signals, scores, llm),
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
