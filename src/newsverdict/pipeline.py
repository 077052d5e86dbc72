"""The single-article pipeline: Article -> clean -> signals -> scores -> prose -> Verdict."""

from __future__ import annotations

from . import __version__
from .clean import MIN_WORDS, clean
from .models import Article, CleaningReport, Verdict, Weights
from .prose import headline, write
from .scoring import score, weigh
from .signals import measure
from .sources import from_text

GENERATOR = f"newsverdict {__version__} (embedded)"


def analyze(
    article: Article | str,
    *,
    title: str = "",
    source: str = "",
    weights: Weights | None = None,
    min_words: int = MIN_WORDS,
    check_language: bool = True,
) -> Verdict:
    """Turn one article (an ``Article`` or plain text) into its verdict card.

    Raises ``InputError`` for text that cannot be judged (empty, too short, not English).
    The same input always gives the same card.
    """
    if isinstance(article, str):
        article = from_text(article, title=title, source=source)
    elif title or source:
        article = Article(text=article.text, title=title or article.title, source=source or article.source,
                          url=article.url, published=article.published, origin=article.origin)
    cleaned = clean(article, min_words=min_words, check_language=check_language)
    signals = weigh(measure(cleaned), weights)
    scores = score(signals, weights)
    prose = write(cleaned, signals, scores)
    return Verdict(
        generator=GENERATOR,
        headline=headline(cleaned),
        source=article.source,
        url=article.url,
        published=article.published,
        impact=scores.impact,
        hype=scores.hype,
        hype_level=scores.hype_level,
        placement=scores.placement,
        analysis=prose.analysis,
        summary=prose.summary,
        key_points=prose.key_points,
        signals=signals,
        scores=scores,
        cleaning=CleaningReport(
            words=cleaned.word_count, paragraphs=len(cleaned.paragraphs), sentences=len(cleaned.sentences),
            repeats_dropped=cleaned.repeats_dropped, boilerplate_dropped=cleaned.boilerplate_dropped,
        ),
        prose_origin={"analysis": "embedded", "summary": "embedded", "key_points": "embedded"},
    )
