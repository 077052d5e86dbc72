"""The single-article pipeline: Article -> clean -> signals -> scores -> prose -> Verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsverdict import __version__
from newsverdict.card.clean import MIN_WORDS, clean
from newsverdict.card.prose import headline, write
from newsverdict.card.scoring import score, weigh
from newsverdict.card.signals import measure
from newsverdict.models import (
    Article,
    CleanArticle,
    CleaningReport,
    Scores,
    Signal,
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
    verdict = Verdict(**card_fields(article, cleaned, signals, scores, llm))
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


def card_fields(article: Article, cleaned: CleanArticle, signals: list[Signal], scores: Scores,
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
