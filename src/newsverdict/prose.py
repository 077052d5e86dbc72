"""Prose stage (embedded backend): analysis, summary and key points from the measured signals.

Deterministic and extractive: the summary and key points are sentences of the
article chosen for coverage and non-redundancy; the analysis is written from
the signals and their evidence, so every claim in it can be traced back.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .models import CleanArticle, Prose, Scores, Sentence, Signal
from .text import STOPWORDS, tokens

#: Chosen on the train part of the FRANK CNN/DM articles (bench, docs/quality.md); the card allows 120.
SUMMARY_WORDS = 90
KEY_POINT_WORDS = 30
#: Sentences opening with these words lean on an earlier sentence; they read badly alone.
_DANGLING = {
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their",
    "him", "them", "but", "and", "or", "so", "however", "also", "meanwhile", "still", "yet",
    "then", "there", "here", "such", "both", "another", "instead", "moreover", "furthermore",
    "besides", "likewise", "similarly", "nevertheless", "thus", "hence", "otherwise", "which",
}
_CLAUSE_OPENERS = {"who", "which", "whose", "whom", "where", "and", "but", "or", "while", "as", "although"}
_LOWERABLE_FIRST = {"the", "a", "an", "this", "its", "their", "in", "on", "at", "for", "after", "as"}


def _content(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 2 and not t.isdigit()]


def _balanced_quotes(text: str) -> bool:
    straight = text.count('"') % 2 == 0
    curly = text.count("“") == text.count("”")
    return straight and curly


def _leans_back(sentence: Sentence) -> bool:
    """Opens with a pronoun or connective that needs the sentence before it."""
    first = re.sub(r"\W", "", sentence.text.split()[0]).lower() if sentence.text.split() else ""
    return first in _DANGLING


def _usable(sentence: Sentence, *, alone: bool = True) -> bool:
    words = sentence.text.split()
    if not 6 <= len(words) <= 55:
        return False
    if alone and _leans_back(sentence):
        return False
    text = sentence.text.strip()
    if text[:1] in "\"“'‘" or text.endswith(("?", ":")) or not _balanced_quotes(text):
        return False
    return not re.search(r"\b(click|subscribe|sign up|newsletter|cookies?)\b", text, re.I)


def _centrality(sentences: tuple[Sentence, ...]) -> list[float]:
    """Cosine of each sentence's content-word counts with the whole article's."""
    bags = [Counter(_content(s.text)) for s in sentences]
    total: Counter[str] = Counter()
    for bag in bags:
        total.update(bag)
    norm_total = math.sqrt(sum(v * v for v in total.values())) or 1.0
    out = []
    for bag in bags:
        dot = sum(v * total[k] for k, v in bag.items())
        norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
        out.append(dot / (norm * norm_total))
    return out


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*%?")


def _overlap(a: str, b: str) -> float:
    """How much two sentences say the same: shared content words, or shared figures.

    Two outlets rarely word a fact alike, but they quote its numbers alike: two
    sentences sharing two figures ("5.25%", "7.1%") state the same fact.
    """
    figures = {f for f in _FIGURE.findall(a) if len(f) > 1} & {f for f in _FIGURE.findall(b) if len(f) > 1}
    if len(figures) >= 2:
        return 1.0
    sa, sb = set(_content(a)), set(_content(b))
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def _evidence_sentences(signals: list[Signal]) -> Counter[int]:
    """How much impact evidence each sentence holds (figures, actors, actions)."""
    weight: Counter[int] = Counter()
    for s in signals:
        if s.kind == "impact" and s.name in {"magnitude", "actors", "action_type"}:
            for ev in s.evidence:
                if ev.sentence is not None and ev.direction == "raises":
                    weight[ev.sentence] += 1
    return weight


def _sentence_features(clean: CleanArticle, signals: list[Signal]) -> tuple[list[float], Counter[int]]:
    """(centrality of each sentence scaled to the most central one, impact evidence per sentence)."""
    central = _centrality(clean.sentences)
    peak = max(central, default=1.0) or 1.0
    return [c / peak for c in central], _evidence_sentences(signals)


def rank_sentences(clean: CleanArticle, signals: list[Signal], position_weight: float = 0.75) -> list[int]:
    """Indices of usable sentences, best first, for the summary."""
    central, info = _sentence_features(clean, signals)
    scored = []
    for i, s in enumerate(clean.sentences):
        if not _usable(s, alone=False):
            continue
        position = 1.0 / (1.0 + 0.35 * i)
        score = (1 - position_weight) * central[i] + position_weight * position
        score += 0.05 * min(info[i], 3)
        scored.append((-score, i))
    return [i for _, i in sorted(scored)]


def summarize(clean: CleanArticle, signals: list[Signal], max_words: int = SUMMARY_WORDS) -> str:
    ranked = rank_sentences(clean, signals)
    chosen: list[int] = []
    used = 0
    # A sentence that leans on the one before it ("It comes after...") may join only
    # right after that one; a second pass gives it the chance once its antecedent is in.
    for _ in range(2):
        for i in ranked:
            if i in chosen:
                continue
            sentence = clean.sentences[i]
            if _leans_back(sentence) and (i - 1) not in chosen:
                continue
            n = len(sentence.text.split())
            if used + n > max_words and chosen:
                continue
            if any(_overlap(sentence.text, clean.sentences[j].text) > 0.5 for j in chosen):
                continue
            chosen.append(i)
            used += n
            if used >= max_words * 0.8:
                break
        if used >= max_words * 0.8:
            break
    if not chosen:  # nothing usable: fall back to the opening words
        words = clean.text.split()
        return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")
    return " ".join(clean.sentences[i].text.strip() for i in sorted(chosen))


def shorten(text: str, max_words: int = KEY_POINT_WORDS) -> str:
    """Cut a sentence to ``max_words`` at a clause boundary where one exists."""
    words = text.split()
    if len(words) <= max_words:
        return text.strip()
    head = " ".join(words[:max_words])
    cuts = sorted({m.start() for m in re.finditer(r", |; | – | — ", head)}, reverse=True)
    for i, cut in enumerate(cuts):
        if cut <= len(head) * 0.5:
            break
        # a cut must not leave a clause hanging: "..., and one insider, who" ends at the earlier comma
        previous = cuts[i + 1] if i + 1 < len(cuts) else 0
        segment = head[previous:cut].lstrip(",;–— ").split(" ", 1)[0].lower()
        if segment in _CLAUSE_OPENERS and previous > len(head) * 0.5:
            continue
        return head[:cut].rstrip(",;–— ") + "."
    return head.rstrip(",;:–— ") + "…"


def key_points(clean: CleanArticle, signals: list[Signal], n: int = 3) -> list[str]:
    sentences = clean.sentences
    central, info = _sentence_features(clean, signals)
    scored = []
    for i, s in enumerate(sentences):
        if not _usable(s):
            continue
        score = central[i] + 0.15 * min(info[i], 4) + 0.3 / (1 + 0.5 * i)
        if len(s.text.split()) > KEY_POINT_WORDS:
            score -= 0.15  # must be cut: prefer sentences that fit
        scored.append((-score, i))
    points: list[str] = []
    for _, i in sorted(scored):
        text = shorten(sentences[i].text)
        if any(_overlap(text, p) > 0.4 for p in points):
            continue
        points.append(text)
        if len(points) == n:
            break
    if len(points) < n:  # short articles: fill from any remaining sentences, still distinct
        for s in sentences:
            text = shorten(s.text)
            if len(text.split()) >= 4 and all(_overlap(text, p) <= 0.4 for p in points):
                points.append(text)
            if len(points) == n:
                break
    if not points:  # a one-line text: its only sentence is its only point
        points.append(shorten(sentences[0].text if sentences else clean.text))
    return points


def headline(clean: CleanArticle) -> str:
    if clean.title:
        return clean.title
    first = clean.sentences[0].text if clean.sentences else clean.text
    return shorten(first, 14).rstrip(".")


# --- analysis ---------------------------------------------------------------

_HYPE_DRIVERS = {
    "sensational_language": "loaded, emotional language",
    "framing": "shouting and insinuation",
    "coverage_volume": "the sheer volume of coverage",
    "superlatives": "superlatives and absolutes",
    "clickbait_headline": "a clickbait-style headline",
    "speculation": "speculation presented alongside the facts",
    "anonymous_sourcing": "claims resting on unnamed sources",
    "repetition": "repetition of the same claims",
}
_HYPE_OPENERS = {
    "low": "Media attention is restrained",
    "moderate": "While media attention is moderate, driven mainly by {driver}",
    "high": "While media attention is heavy because of {driver}",
    "extreme": "While the coverage is extremely loud, fuelled by {driver}",
}


def _impact_phrase(impact: int) -> str:
    if impact <= 2:
        return "changes little beyond the people directly involved"
    if impact <= 4:
        return "has limited consequences, mostly local or confined to a small group"
    if impact <= 6:
        return "matters for a sector, a region or a large organisation"
    if impact <= 8:
        return "represents a substantial shift with national or international consequences"
    return "is of historic scale, affecting very many people for years"


def _quote(items: list[str], k: int = 3) -> str:
    items = [x.strip("\"“”'‘’ ") for x in items]
    items = list(dict.fromkeys(x for x in items if len(x) > 1))[:k]
    quoted = [f"“{x}”" for x in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _development(clean: CleanArticle, points: list[str], signals: list[Signal]) -> str:
    """The concrete development, as a clause: from the headline or, when it is clickbait, the top key point."""
    clickbait = next((s.value for s in signals if s.name == "clickbait_headline"), 0.0)
    use_title = clean.title and clickbait < 0.5
    base = clean.title if use_title else (points[0] if points else headline(clean))
    base = shorten(base, 22).removesuffix(".")  # a cut mid-clause keeps its "…"
    first = base.split(" ", 1)[0]
    if first.lower() in _LOWERABLE_FIRST:
        base = base[0].lower() + base[1:]
    return base


def _by_name(signals: list[Signal]) -> dict[str, Signal]:
    return {s.name: s for s in signals}


def _impact_reasons(signals: list[Signal]) -> tuple[list[str], list[str]]:
    """(what raises the impact score, what holds it down), as phrases."""
    by = _by_name(signals)
    ranked = sorted((s for s in signals if s.kind == "impact"), key=lambda s: -s.contribution)
    reasons = []
    for s in ranked[:3]:
        if s.contribution <= 0.05 or s.value < 0.15:
            continue
        raises = [e.text for e in s.evidence if e.direction == "raises" and e.sentence is not None]
        if s.name == "magnitude" and raises:
            reasons.append(f"figures such as {_quote(raises, 2)}")
        elif s.name == "actors" and raises:
            reasons.append(f"the actors involved ({', '.join(list(dict.fromkeys(raises))[:3])})")
        elif s.name == "action_type" and raises:
            actions = list(dict.fromkeys(r.lower() for r in raises))[:3]
            reasons.append(f"the kind of action reported ({', '.join(actions)})")
        elif s.name == "scope":
            reasons.append("its reach across countries or sectors")
        elif s.name == "durability":
            reasons.append("consequences that are likely to last")
        elif s.name == "certainty":
            reasons.append("the fact that it is done and confirmed rather than expected")
        elif s.name == "novelty":
            reasons.append("the newness of the development")
    held_down = []
    certainty = by.get("certainty")
    if certainty and certainty.value < 0.3 and any(e.direction == "lowers" for e in certainty.evidence):
        held_down.append("much of it is expected or rumoured rather than confirmed")
    low = by.get("action_type")
    lowering = [e.text.lower() for e in low.evidence if e.direction == "lowers"] if low else []
    if lowering and low.value < 0.3:
        held_down.append(f"its subject ({', '.join(list(dict.fromkeys(lowering))[:3])}) carries few consequences")
    return reasons, held_down


def analyze_prose(clean: CleanArticle, signals: list[Signal], scores: Scores, points: list[str]) -> str:
    hype_ranked = sorted((s for s in signals if s.kind == "hype"), key=lambda s: -s.contribution)
    top = hype_ranked[0] if hype_ranked else None
    driver = _HYPE_DRIVERS.get(top.name, "its framing") if top else "its framing"
    if top and top.name in {"sensational_language", "superlatives", "speculation", "framing"}:
        words = [e.text for e in top.evidence if e.sentence is not None]
        if words:
            driver += f" ({_quote(words, 3)})"
    opener = _HYPE_OPENERS[scores.hype_level].format(driver=driver)
    development = _development(clean, points, signals)
    if scores.hype_level == "low":
        first = f"{opener}; the core development – {development} – {_impact_phrase(scores.impact)}."
    else:
        first = f"{opener}, the core development – {development} – {_impact_phrase(scores.impact)}."
    reasons, held_down = _impact_reasons(signals)
    if reasons and scores.impact >= 3:
        second = f"Its impact of {scores.impact}/10 rests on {'; '.join(reasons[:3])}"
    else:
        second = (f"Its impact of {scores.impact}/10 reflects that it reports few figures, actors or "
                  "consequential actions")
    if held_down:
        second += f", and is held down because {' and '.join(held_down)}"
    third = f"Hype is {scores.hype_level} ({scores.hype}/10); in all, {scores.placement}"
    if clean.repeats_dropped:
        third += f" (the text repeated {clean.repeats_dropped} paragraph(s), counted once)"
    # three sentences at most: the development and the noise, the impact, the hype
    return " ".join([first, second + ".", third + "."])


def write(clean: CleanArticle, signals: list[Signal], scores: Scores) -> Prose:
    summary = summarize(clean, signals)
    points = key_points(clean, signals)
    return Prose(analysis=analyze_prose(clean, signals, scores, points), summary=summary, key_points=points)
