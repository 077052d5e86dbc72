"""Signals stage: measure hype and impact properties of a cleaned article.

Each signal is a value in 0..1 with the evidence that produced it. Weights are
not applied here (see scoring.py); this stage only measures.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources

from . import lexicons as lx
from .headline import default_model
from .models import CleanArticle, Evidence, Signal
from .numbers import find_figures
from .text import jaccard, shingles

MAX_EVIDENCE = 6


def _saturate(x: float, half: float) -> float:
    """0 at 0, 0.5 at ``half``, approaching 1: turns counts and densities into 0..1."""
    return 0.0 if x <= 0 else 1.0 - math.exp(-math.log(2) * x / half)


class _Doc:
    """Lookup helpers over one cleaned article, shared by all signal functions."""

    def __init__(self, clean: CleanArticle):
        self.clean = clean
        self.text = clean.text
        self.starts = [s.start for s in clean.sentences]
        self.n_sentences = max(1, len(clean.sentences))
        self.n_words = max(1, clean.word_count)
        self._matches: dict[tuple, list[tuple[int, int, str]]] = {}

    def matches(self, pattern: re.Pattern[str], case_check: Callable[[str], bool] | None = None):
        """(start, end, text) of every match, computed once per article and pattern."""
        key = (pattern, case_check)
        if key not in self._matches:
            self._matches[key] = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(self.text)
                                  if not case_check or case_check(m.group(0))]
        return self._matches[key]

    def sentence_of(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 else None

    def find(
        self,
        pattern: re.Pattern[str],
        note: str = "",
        case_check: Callable[[str], bool] | None = None,
        direction: str = "raises",
    ) -> list[Evidence]:
        return [Evidence(text=text, sentence=self.sentence_of(start), start=start, end=end, note=note,
                         direction=direction) for start, end, text in self.matches(pattern, case_check)]


def _proper(match: str) -> bool:
    """Names of countries/companies must be capitalised; short ones (US, UK, EU) all caps."""
    core = match.replace(".", "")
    if len(core) <= 3:
        return core.isupper()
    return match[:1].isupper()


def _signal(name: str, kind: str, value: float, description: str, evidence: Iterable[Evidence]) -> Signal:
    ev = list(evidence)[:MAX_EVIDENCE]
    return Signal(name=name, kind=kind, value=round(max(0.0, min(1.0, value)), 4), weight=0.0,
                  contribution=0.0, description=description, evidence=ev)


def _distinct(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[str] = set()
    out = []
    for ev in evidence:
        key = ev.text.lower()
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


# --- hype signals -----------------------------------------------------------


@lru_cache(maxsize=1)
def loaded_words() -> dict[str, float]:
    """Words learnt from PTC loaded-language spans (scripts/build_loaded_lexicon.py), with weights."""
    raw = resources.files("newsverdict.data").joinpath("loaded_words.json").read_text()
    return json.loads(raw)["words"]


@lru_cache(maxsize=1)
def _loaded_pattern() -> re.Pattern[str]:
    return lx.phrase_pattern(frozenset(loaded_words()))


def loaded_language_hits(doc: _Doc) -> list[Evidence]:
    """Sensational, loaded and intensifying words, with event words used literally left out."""
    hits = doc.find(lx.phrase_pattern(lx.SENSATIONAL), "sensational")
    hits += doc.find(lx.phrase_pattern(lx.INTENSIFIERS), "intensifier")
    curated = {(h.start, h.end) for h in hits}
    hits += [h for h in doc.find(_loaded_pattern(), "loaded (learnt from PTC)") if (h.start, h.end) not in curated]
    return sorted((h for h in hits if h.text.lower() not in lx.EVENT_WORDS), key=lambda h: h.start or 0)


def loaded_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of loaded language in raw ``text`` (no cleaning): for span-level evaluation."""
    patterns = (lx.phrase_pattern(lx.SENSATIONAL), lx.phrase_pattern(lx.INTENSIFIERS), _loaded_pattern())
    spans = {m.span() for p in patterns for m in p.finditer(text) if m.group(0).lower() not in lx.EVENT_WORDS}
    return sorted(spans)


def sensational(doc: _Doc) -> Signal:
    hits = loaded_language_hits(doc)
    learnt = loaded_words()
    weight = sum(learnt.get(h.text.lower(), 0.6) if "PTC" in h.note else 1.0 for h in hits)
    analyzer = _vader()
    sentences = doc.clean.sentences[:200]
    intensity = sum(abs(analyzer.polarity_scores(s.text)["compound"]) for s in sentences) / max(1, len(sentences))
    per_100 = 100 * weight / doc.n_words
    value = 0.75 * _saturate(per_100, 1.5) + 0.25 * intensity
    evidence = _distinct(hits)
    evidence.append(Evidence(text=f"mean |sentiment| {intensity:.2f}", note="VADER compound intensity"))
    return _signal("sensational_language", "hype", value,
                   "Loaded, emotional and intensifying words, and the intensity of sentiment.",
                   evidence)


_ACRONYMS = {"NATO", "OPEC", "NASA", "FIFA", "UEFA", "CNN", "USA", "AIDS", "COVID", "UNESCO", "UNICEF", "NHS",
             "BBC", "FBI", "CIA", "NSA", "ISIS", "EU", "UK", "US", "UN", "AP", "CEO", "GDP", "IMF", "WHO"}
_SCARE_QUOTE = re.compile(r"[\"“‘']([A-Za-z][A-Za-z\- ]{2,30})[\"”’'](?!\w)")
_PARTISAN = lx.phrase_pattern(lx.PARTISAN)


def framing(doc: _Doc) -> Signal:
    """Shouting and insinuation: caps, '!', rhetorical questions, scare quotes, partisan labels."""
    text = doc.text
    ev: list[Evidence] = []
    for m in re.finditer(r"\b[A-Z]{4,}\b", text):
        if m.group(0) not in _ACRONYMS:
            ev.append(Evidence(text=m.group(0), sentence=doc.sentence_of(m.start()), start=m.start(),
                               end=m.end(), note="all caps"))
    for m in re.finditer(r"!", text):
        ev.append(Evidence(text="!", sentence=doc.sentence_of(m.start()), start=m.start(), end=m.end(),
                           note="exclamation"))
    for i, s in enumerate(doc.clean.sentences):
        stripped = s.text.rstrip("\"”’' ")
        if stripped.endswith("?") and s.text.lstrip()[:1] not in "\"“‘":
            ev.append(Evidence(text=s.text[:160], sentence=i, start=s.start, end=s.end, note="rhetorical question"))
    for m in _SCARE_QUOTE.finditer(text):
        if len(m.group(1).split()) <= 3:
            ev.append(Evidence(text=m.group(0), sentence=doc.sentence_of(m.start()), start=m.start(),
                               end=m.end(), note="scare quotes"))
    ev += doc.find(_PARTISAN, "partisan label")
    per_100 = 100 * len(ev) / doc.n_words
    return _signal("framing", "hype", _saturate(per_100, 1.5),
                   "Shouting and insinuation: capitals, exclamations, rhetorical questions, scare quotes, labels.",
                   sorted(ev, key=lambda e: e.start or 0))


def superlatives(doc: _Doc) -> Signal:
    hits = doc.find(lx.phrase_pattern(lx.SUPERLATIVES), "superlative/absolute")
    per_100 = 100 * len(hits) / doc.n_words
    return _signal("superlatives", "hype", _saturate(per_100, 1.0),
                   "Superlatives and absolutes: 'biggest ever', 'never', 'unprecedented'.",
                   _distinct(hits))


def clickbait_headline(doc: _Doc) -> Signal:
    title = doc.clean.title
    used = title or (doc.clean.sentences[0].text if doc.clean.sentences else "")
    if not used:
        return _signal("clickbait_headline", "hype", 0.0, "No headline to judge.", [])
    model = default_model()
    score = model.score(used)
    evidence = [Evidence(text=used[:200], note=f"{'headline' if title else 'lead (no headline)'}: "
                         f"clickbait strength {score:.2f}")]
    for pattern, label in lx.CLICKBAIT_PATTERNS:
        m = re.search(pattern, used, 0 if label == "all-caps word" else re.I)
        if m:
            evidence.append(Evidence(text=m.group(0).strip() or used[:40], note=f"headline form: {label}"))
    for feat, weight in model.top_features(used, 3):
        evidence.append(Evidence(text=feat.partition(":")[2] or feat, note=f"model feature {weight:+.2f}",
                                 direction="raises" if weight > 0 else "lowers"))
    # Without a headline, the lead sentence is a weaker proxy: count it at half strength.
    return _signal("clickbait_headline", "hype", score if title else score * 0.5,
                   "Clickbait strength of the headline (trained model over words and characters).",
                   evidence)


def speculation(doc: _Doc) -> Signal:
    hits = doc.find(lx.phrase_pattern(lx.HEDGES), "hedge/speculation")
    sentences_with = {h.sentence for h in hits}
    share = len(sentences_with) / doc.n_sentences
    return _signal("speculation", "hype", _saturate(share, 0.35),
                   "Share of sentences that speculate or hedge ('could', 'is expected to', 'is seen as').",
                   _distinct(hits))


_ANON = re.compile("|".join(lx.ANONYMOUS_SOURCING), re.I)


def anonymous_sourcing(doc: _Doc) -> Signal:
    hits = doc.find(_ANON, "vague or anonymous source")
    return _signal("anonymous_sourcing", "hype", _saturate(len(hits), 1.0),
                   "Claims resting on unnamed sources ('sources said', 'on condition of anonymity').",
                   _distinct(hits))


def repetition(doc: _Doc) -> Signal:
    clean = doc.clean
    total = len(clean.paragraphs) + clean.repeats_dropped
    dropped_share = clean.repeats_dropped / max(1, total)
    # Claims restated in other words inside the kept text.
    sents = [s for s in clean.sentences if len(s.text.split()) >= 6][:150]
    sh = [shingles(s.text, 2) for s in sents]
    restated: list[Evidence] = []
    for i in range(len(sents)):
        for j in range(i):
            if jaccard(sh[i], sh[j]) >= 0.45:
                restated.append(Evidence(text=sents[i].text[:160], sentence=clean.sentences.index(sents[i]),
                                         start=sents[i].start, end=sents[i].end,
                                         note=f"restates sentence {clean.sentences.index(sents[j])}"))
                break
    restated_share = len(restated) / max(1, len(sents))
    evidence = []
    if clean.repeats_dropped:
        evidence.append(Evidence(text=f"{clean.repeats_dropped} repeated paragraph(s) dropped",
                                 note="exact or near-duplicate paragraphs"))
    # Dropped repeats are mostly scraping artefacts, not the outlet's voice: they count a little;
    # claims restated in other words inside the kept text count fully.
    value = min(1.0, 0.3 * dropped_share + 2.0 * restated_share)
    return _signal("repetition", "hype", value,
                   "Paragraphs and claims repeated (counted before de-duplication).",
                   evidence + restated)


# --- impact signals ---------------------------------------------------------


def magnitude(doc: _Doc) -> Signal:
    figures = find_figures(doc.text)
    if not figures:
        return _signal("magnitude", "impact", 0.0, "No figures (money, counts, casualties) found.", [])
    ordered = sorted(figures, key=lambda f: -f.size)
    top = ordered[0].size
    second = ordered[1].size if len(ordered) > 1 else 0.0
    value = 0.8 * top + 0.2 * second
    evidence = [Evidence(text=f.text, sentence=doc.sentence_of(f.start), start=f.start, end=f.end,
                         note=f"{f.kind} {f.amount:.3g} -> size {f.size:.2f}") for f in ordered]
    return _signal("magnitude", "impact", value,
                   "Size of the figures at stake (money, people, things, casualties) on a log scale.",
                   evidence)


def actors(doc: _Doc) -> Signal:
    national = doc.find(lx.phrase_pattern(lx.INSTITUTIONS), "national/international institution",
                        lambda m: len(m) > 3 or m.isupper())
    countries = doc.find(lx.phrase_pattern(lx.COUNTRIES), "country", _proper)
    companies = doc.find(lx.phrase_pattern(lx.LARGE_COMPANIES), "large company", _proper)
    local = doc.find(lx.phrase_pattern(lx.LOCAL_ACTORS), "local actor")
    n_nat = len({h.text.lower() for h in national + countries})
    n_co = len({h.text.lower() for h in companies})
    n_loc = len({h.text.lower() for h in local})
    weight = n_nat + 0.8 * n_co + 0.25 * n_loc
    return _signal("actors", "impact", _saturate(weight, 2.5),
                   "Who acts: governments, regulators, countries and large companies weigh most.",
                   _distinct(countries + national + companies + local))


def action_type(doc: _Doc) -> Signal:
    high_hits = doc.find(lx.phrase_pattern(frozenset(lx.ACTIONS_HIGH)), "consequential action")
    low_hits = doc.find(lx.phrase_pattern(frozenset(lx.ACTIONS_LOW)), "low-stakes content", direction="lowers")
    high = sum(lx.ACTIONS_HIGH[h.text.lower()] for h in _distinct(high_hits))
    low = sum(lx.ACTIONS_LOW[h.text.lower()] for h in _distinct(low_hits))
    value = _saturate(high, 2.0) * (1.0 - _saturate(low, 2.0) * 0.7)
    return _signal("action_type", "impact", value,
                   "What happened: laws, rulings, deals, disasters, deaths versus gossip, previews, opinion.",
                   _distinct(sorted(high_hits, key=lambda h: -lx.ACTIONS_HIGH[h.text.lower()])) +
                   _distinct(low_hits))


def scope(doc: _Doc) -> Signal:
    countries = {h.text.lower() for h in doc.find(lx.phrase_pattern(lx.COUNTRIES), "", _proper)}
    words = doc.find(lx.phrase_pattern(lx.SCOPE_WORDS), "reach")
    n_words = len({h.text.lower() for h in words})
    value = _saturate(0.8 * len(countries) + n_words, 3.0)
    evidence = [Evidence(text=", ".join(sorted(countries)), note=f"{len(countries)} countries")] if countries else []
    return _signal("scope", "impact", value,
                   "Breadth: countries named, sectors, 'nationwide', 'global', 'millions'.",
                   evidence + _distinct(words))


def durability(doc: _Doc) -> Signal:
    long_hits = doc.find(lx.phrase_pattern(lx.DURABLE), "lasting")
    short_hits = doc.find(lx.phrase_pattern(lx.FLEETING), "passing", direction="lowers")
    n_long, n_short = len(long_hits), len(short_hits)
    value = _saturate(n_long, 2.0) * (n_long + 1) / (n_long + n_short + 1)
    return _signal("durability", "impact", value,
                   "Long-term consequences ('law', 'permanent', 'for years') versus one-off ones.",
                   _distinct(long_hits) + _distinct(short_hits))


def certainty(doc: _Doc) -> Signal:
    confirmed = doc.find(lx.phrase_pattern(lx.CONFIRMED), "done/confirmed")
    hedged = doc.find(lx.phrase_pattern(lx.HEDGES), "expected/rumoured", direction="lowers")
    c, s = len(confirmed), len(hedged)
    value = (c + 0.5) / (c + s + 1.0) * _saturate(c + 0.5, 1.5)
    return _signal("certainty", "impact", value,
                   "Done and confirmed ('approved', 'signed', 'ruled') versus expected or rumoured.",
                   _distinct(confirmed) + _distinct(hedged))


def novelty(doc: _Doc) -> Signal:
    new = doc.find(lx.phrase_pattern(lx.NOVEL), "new development")
    old = doc.find(lx.phrase_pattern(lx.RECYCLED), "recycled/ongoing", direction="lowers")
    n, o = len(new), len(old)
    value = (n + 0.5) / (n + o + 1.0) * _saturate(n, 2.0)
    return _signal("novelty", "impact", value,
                   "A new development ('first', 'reverses', 'unveiled') versus a recycled one.",
                   _distinct(new) + _distinct(old))


def coverage_volume(articles: int, repeats: int, outlets: int, span_hours: float) -> Signal:
    """How loud the coverage is: many articles, many repeats, in a short time."""
    burst = articles / max(1.0, span_hours / 6.0)  # articles per six hours
    value = 0.5 * _saturate(articles - 1, 6.0) + 0.3 * _saturate(repeats, 3.0) + 0.2 * _saturate(burst - 1, 4.0)
    evidence = [Evidence(text=f"{articles} articles from {outlets} outlets, {repeats} repeats, "
                              f"over {span_hours:.0f} h", note="coverage")]
    return _signal("coverage_volume", "hype", value,
                   "Volume of coverage: articles, repeated copies and how fast they came.", evidence)


HYPE_SIGNALS = (sensational, framing, superlatives, clickbait_headline, speculation, anonymous_sourcing, repetition)
IMPACT_SIGNALS = (magnitude, actors, action_type, scope, durability, certainty, novelty)


def measure(clean: CleanArticle) -> list[Signal]:
    """All signals of one article, impact first, in a fixed order."""
    doc = _Doc(clean)
    return [fn(doc) for fn in IMPACT_SIGNALS] + [fn(doc) for fn in HYPE_SIGNALS]

