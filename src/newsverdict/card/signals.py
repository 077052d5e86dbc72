"""Signals stage: measure hype and impact properties of a cleaned article.

Each signal is a value in 0..1 with the evidence that produced it. Weights are
not applied here (see scoring.py); this stage only measures.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources

from newsverdict.card import lexicons as lx
from newsverdict.card.headline import FUNCTION_WORDS, default_model
from newsverdict.card.numbers import find_figures
from newsverdict.card.registry import pipeline, signal
from newsverdict.card.text import STOPWORDS, jaccard, shingles
from newsverdict.card.wordmodel import WordModel, default_models, term_pattern, terms
from newsverdict.models import CleanArticle, Evidence, Signal

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
        self._phrases: lx.PhraseIndex | None = None
        self.background = _background_sentences(clean)
        self.word_terms: Counter[str] | None = None
        self._word_tfidf: dict[int, dict[str, float]] = {}
        self.questions = {i for i, s in enumerate(clean.sentences) if _QUESTION.search(s.text)}

    def in_background(self, offset: int | None) -> bool:
        """Is the text at ``offset`` in the background (past-dated, recap) clause of a sentence?

        The clause, not the whole sentence: in "It applies to 450 million consumers and to firms
        that sold batteries worth €38 billion last year" only the second clause is dated.
        """
        if offset is None:
            return False
        i = self.sentence_of(offset)
        if i not in self.background:
            return False
        s = self.clean.sentences[i]
        cuts = [s.start] + [s.start + m.end() for m in _CLAUSE_BREAK.finditer(s.text)] + [s.end]
        for a, b in itertools.pairwise(cuts):
            if a <= offset < b:
                clause = self.text[a:b]
                return bool(_PAST_MARKER.search(clause) or next(_year_refs(clause), None)
                            or _other_month(clause, self.clean))
        return True

    def in_question(self, offset: int | None) -> bool:
        """Is it in a question (a quiz, a poll widget, a rhetorical question)?"""
        return offset is not None and self.sentence_of(offset) in self.questions

    def countries(self) -> tuple[list[Evidence], int]:
        """Countries named in the current event's sentences, and how many more were left out.

        Left out: countries in background sentences, and countries in lists of three or more
        ("arrested people from Britain, France, Italy and Spain" is one group, not four countries
        in scope: the list counts once, as its first member).
        """
        hits = [h for h in self.find(lx.phrase_pattern(lx.COUNTRIES), "country", _proper)
                if not self.in_background(h.start)]
        kept: list[Evidence] = []
        left_out = 0
        run: list[Evidence] = []
        for h in [*hits, None]:
            if h is not None and run and _LIST_GAP.fullmatch(self.text[run[-1].end or 0:h.start or 0]):
                run.append(h)
                continue
            if len(run) >= 3:
                kept.append(run[0].model_copy(update={"note": f"country (first of a list of {len(run)})"}))
                left_out += len(run) - 1
            else:
                kept += run
            run = [h] if h is not None else []
        return kept, left_out

    def matches(self, pattern: re.Pattern[str], case_check: Callable[[str], bool] | None = None):
        """(start, end, text) of every match, computed once per article and pattern."""
        key = (pattern, case_check)
        if key not in self._matches:
            if self._phrases is None:  # one index of the text's words for every word list's scan
                self._phrases = lx.PhraseIndex(self.text)
            self._matches[key] = [(m.start(), m.end(), m.group(0)) for m in self._phrases.finditer(pattern)
                                  if not case_check or case_check(m.group(0))]
        return self._matches[key]

    def word_tfidf(self, model: WordModel) -> dict[str, float]:
        """The TF-IDF weights of the text the word models read (``word_text``), computed once per vocabulary:
        the word and tone models share theirs."""
        vocabulary = _vocabulary(model)
        if vocabulary not in self._word_tfidf:
            if model.norm is not None:  # a model with a word table (stems, no names) counts its own terms
                self._word_tfidf[vocabulary] = model.tfidf(model.terms(word_text(self.clean)))
                return self._word_tfidf[vocabulary]
            if self.word_terms is None:
                self.word_terms = terms(word_text(self.clean))
            self._word_tfidf[vocabulary] = model.tfidf(self.word_terms)
        return self._word_tfidf[vocabulary]

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


#: Clause breaks inside a sentence (not commas: "In 2004, a tsunami killed 220,000" is one clause).
_CLAUSE_BREAK = re.compile(r";|\s(?:and|but|while|whereas)\s", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|;|/|,?\s+and|,?\s+or)\s*(?:the\s+)?", re.I)
_QUESTION = re.compile(r"\?[\"”’')\s]*$|^\s*(?:poll|quiz|vote|do you (?:think|agree|support|believe))\b", re.I)
_YEAR_REF = re.compile(r"(?:\b(?P<prep>in|since|back in|during|of|from|until|by|before|through|to|after|the)\s+)?"
                       r"(?:(?:early|late|mid)[- ]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
                       r"(?:\d{1,2},?\s+)?)?\b(?P<year>1[89]\d\d|20\d\d)\b(?!\s*(?:%|per ?cent))", re.I)
#: What every match of _YEAR_REF holds (its ``year`` group).
_YEAR_DIGITS = re.compile(r"1[89]\d\d|20\d\d")
#: A bare number followed by a lower-case word is a count ("2000 people"), not a year, unless a
#: preposition or a month dates it ("In 2009 almost 300 people died"). Case-sensitive on purpose.
_COUNT_FOLLOWS = re.compile(r"\s*[a-z]")
_DATING_PREPS = {"in", "since", "back in", "during", "of", "from", "until", "by", "before", "through", "to", "after"}
_PAST_MARKER = re.compile(r"\b(?:last (?:year|month|spring|summer|autumn|fall|winter|january|february|march|"
                          r"april|may|june|july|august|september|october|november|december)|"
                          r"(?:\d+|two|three|four|five|ten|twenty|many|several) years ago|decades? ago|"
                          r"a decade ago|in the past|back then|at the time|anniversary|in the (?:19|20)\d0s|"
                          r"since (?:1[89]\d\d|20[01]\d))\b", re.I)
#: Years after these words are targets or deadlines, not the past.
_FUTURE_PREPS = {"until", "by", "before", "through", "to"}
#: The lead: the headline and the first sentences tell what the event is, so they are never background.
LEAD_SENTENCES = 2


_VOCABULARIES: list[dict[str, float]] = []


@lru_cache(maxsize=32)
def _vocabulary(model: WordModel) -> int:
    """A number shared by the models whose idf tables are equal (the word and tone models'), once per model.

    At most eight tables are kept; a model with another one gets a number of its own (-id: the cache
    holds the model, so its id is not reused while the number stands)."""
    for i, idf in enumerate(_VOCABULARIES):
        if idf == model.idf:
            return i
    if len(_VOCABULARIES) >= 8:
        return -id(model)
    _VOCABULARIES.append(model.idf)
    return len(_VOCABULARIES) - 1


def _year_refs(text: str) -> Iterator[re.Match[str]]:
    """The years a text names: "in 2009", "since 1976", "May 2010", "2004." — not counts ("2000 people")."""
    if not _YEAR_DIGITS.search(text):  # most sentences name no year: skip the costly scan
        return
    for m in _YEAR_REF.finditer(text):
        prep = m.group("prep") or ""
        dated = prep.lower() in _DATING_PREPS or not m.group(0)[len(prep):].lstrip()[:1].isdigit()
        if dated or not _COUNT_FOLLOWS.match(text, m.end()):
            yield m


_MONTHS = r"(January|February|March|April|May|June|July|August|September|October|November|December)\b"
_MONTH_IN = re.compile(r"\b(?i:in|last|since|early|late|mid-?)\s+" + _MONTHS)
_MONTH = re.compile(r"\b" + _MONTHS)


def _other_month(clause: str, clean: CleanArticle) -> bool:
    """Does a clause date itself "in February" when the lead (the headline, a dateline, the first sentences)
    names other months? Only asked of a clause of a background sentence: in "A quake killed 31,000 in Bam in
    2003, and 600 were killed in Zarand in February" (published November 28) the second clause is past too."""
    named = {m.group(1).lower() for m in _MONTH_IN.finditer(clause)}
    if not named:
        return False
    lead = " ".join([clean.title, *(s.text for s in clean.sentences[:LEAD_SENTENCES]), clean.article.text[:200]])
    lead_months = {m.group(1).lower() for m in _MONTH.finditer(lead)}
    return bool(lead_months) and not (named & lead_months)


def _background_sentences(clean: CleanArticle) -> set[int]:
    """Sentences that recount the past rather than report the event.

    A body sentence is background when it carries a past marker ("last year", "years ago",
    "since 1976") or a year earlier than the lead's (the latest year in the headline and
    first sentences, as in a dateline); with no year in the lead, any body year that is not a
    target ("by 2030") is taken as a reference to a dated past event, since news rarely dates
    the event it reports with its year.
    """
    def years(text: str) -> list[int]:
        return [int(m.group("year")) for m in _year_refs(text)
                if (m.group("prep") or "").lower() not in _FUTURE_PREPS]

    sentences = clean.sentences
    lead = " ".join([clean.title, *(s.text for s in sentences[:LEAD_SENTENCES])])
    lead_years = years(lead)
    now = max(lead_years) if lead_years else None
    out = set()
    for i, s in enumerate(sentences[LEAD_SENTENCES:], start=LEAD_SENTENCES):
        if _PAST_MARKER.search(s.text):
            out.add(i)
            continue
        ys = years(s.text)
        if ys and (now is None or min(ys) < now) and not (now is not None and max(ys) >= now):
            out.add(i)
    return out


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


#: Per-sentence results, cached: a day of news repeats sentences across articles (wire copies,
#: rewrites) and a story card reads its articles' sentences again (batch, ingest).
SENTENCE_CACHE = 32768


@lru_cache(maxsize=SENTENCE_CACHE)
def _intensity(sentence: str) -> float:
    """|VADER compound| of one sentence."""
    return abs(_vader().polarity_scores(sentence)["compound"])


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


@signal("sensational_language", kind="hype", family="loud", plain_name="Sensational words",
        measures="loaded, emotional and intensifying words, and the intensity of sentiment",
        evidence="the loaded words, each with its sentence")
def sensational(doc: _Doc) -> Signal:
    hits = loaded_language_hits(doc)
    learnt = loaded_words()
    weight = sum(learnt.get(h.text.lower(), 0.6) if "PTC" in h.note else 1.0 for h in hits)
    sentences = doc.clean.sentences[:200]
    intensity = sum(_intensity(s.text) for s in sentences) / max(1, len(sentences))
    per_100 = 100 * weight / doc.n_words
    value = 0.75 * _saturate(per_100, 1.5) + 0.25 * intensity
    evidence = _distinct(hits)
    evidence.append(Evidence(text=f"mean |sentiment| {intensity:.2f}", note="VADER compound intensity"))
    return _signal("sensational_language", "hype", value,
                   "Loaded, emotional and intensifying words, and the intensity of sentiment.",
                   evidence)


_ACRONYMS = {"NATO", "OPEC", "NASA", "FIFA", "UEFA", "CNN", "USA", "AIDS", "COVID", "UNESCO", "UNICEF", "NHS",
             "BBC", "FBI", "CIA", "NSA", "ISIS", "EU", "UK", "US", "UN", "AP", "CEO", "GDP", "IMF", "WHO", "NASDAQ",
             "NYSE", "FTSE", "NAACP", "OSHA", "FEMA", "NOAA", "USGS", "AFP", "UPI", "IRNA", "ASEAN", "SWAT", "NCAA",
             "NFL", "NBA", "MLB", "NHL", "UNHCR", "INTERPOL", "OPCW", "IAEA", "NPR", "PBS", "ABC", "NBC", "CBS"}
_SCARE_QUOTE = re.compile(r"[\"“‘']([A-Za-z][A-Za-z\- ]{2,30})[\"”’'](?!\w)")
#: A quoted nickname inside a name (Mark "Deep Throat" Felt, W. Mark "Deep Throat" Felt) is a name, not scare quotes.
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\.?\s*$")
_NAME_AFTER = re.compile(r"^\s*[A-Z][a-z]")


def _scare_quotes(text: str) -> Iterator[re.Match[str]]:
    """Scare quotes: a short quoted phrase that is not a nickname between a first name and a surname."""
    for m in _SCARE_QUOTE.finditer(text):
        if _NAME_BEFORE.search(text[max(0, m.start() - 20):m.start()]) and _NAME_AFTER.match(text[m.end():]):
            continue
        yield m
_PARTISAN = lx.phrase_pattern(lx.PARTISAN)
_CAPS = re.compile(r"\b[A-Z][A-Z'’]{3,}\b")
_VOWELS = set("AEIOU")
#: A dateline opens a paragraph: "WASHINGTON (Reuters) -", "LONDON, May 5 --".
_DATELINE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Za-z. ]{2,30})?\s*(?:\([^)]{1,40}\))?\s*(?:-|–|—|,)")
#: Something said, attributed: the words are the speaker's, not the outlet's.
_ATTRIBUTION = re.compile(r"^\s*,?\s*(?:[\w.'-]+\s+){0,3}"
                          r"(?:said|says|told|added|wrote|tweeted|asked|shouted|chanted|yelled|screamed)\b")


def _shouting(doc: _Doc, start: int, word: str) -> bool:
    """An all-caps word shouts unless it is an acronym, a ticker, a dateline or someone's quoted words."""
    core = word.replace("'", "").replace("’", "")
    if core in _ACRONYMS or len(core) < 4 or not (_VOWELS & set(core)):
        return False
    before = doc.text[max(0, start - 12):start]
    if re.search(r"[(:]\s*$|\b(?:NYSE|NASDAQ|LSE|TSX):?\s*$", before):
        return False  # a ticker: "(AAPL)", "NYSE: IBM"
    line_start = doc.text.rfind("\n", 0, start) + 1
    dateline = _DATELINE.match(doc.text, line_start)
    return not (dateline and dateline.end() >= start)


def _attributed(doc: _Doc, end: int) -> bool:
    """Is the quote or exclamation ending at ``end`` followed by who said it?"""
    return bool(_ATTRIBUTION.match(doc.text[end:end + 40].lstrip("\"”’' ")))


@signal("framing", kind="hype", family="framing", plain_name="Loaded framing",
        measures="shouting and insinuation: capitals, exclamations, rhetorical questions, scare quotes, "
                 "partisan labels",
        evidence="each capitalised word, exclamation, question or scare quote (not acronyms, tickers, "
                 "datelines or attributed quotes)")
def framing(doc: _Doc) -> Signal:
    """Shouting and insinuation: caps, '!', rhetorical questions, scare quotes, partisan labels.

    Acronyms, tickers and datelines are not shouting; quoted speech that is attributed to its
    speaker ("'Get out!' she shouted") is the speaker's voice, not the outlet's.
    """
    text = doc.text
    ev: list[Evidence] = []
    for m in _CAPS.finditer(text):
        if _shouting(doc, m.start(), m.group(0)):
            ev.append(Evidence(text=m.group(0), sentence=doc.sentence_of(m.start()), start=m.start(),
                               end=m.end(), note="all caps"))
    for m in re.finditer(r"!", text):
        if not _attributed(doc, m.end()):
            ev.append(Evidence(text="!", sentence=doc.sentence_of(m.start()), start=m.start(), end=m.end(),
                               note="exclamation"))
    for i, s in enumerate(doc.clean.sentences):
        stripped = s.text.rstrip("\"”’' ")
        if stripped.endswith("?") and s.text.lstrip()[:1] not in "\"“‘":
            ev.append(Evidence(text=s.text[:160], sentence=i, start=s.start, end=s.end, note="rhetorical question"))
    for m in _scare_quotes(text):
        if len(m.group(1).split()) <= 3 and not _attributed(doc, m.end()):
            ev.append(Evidence(text=m.group(0), sentence=doc.sentence_of(m.start()), start=m.start(),
                               end=m.end(), note="scare quotes"))
    ev += doc.find(_PARTISAN, "partisan label")
    per_100 = 100 * len(ev) / doc.n_words
    return _signal("framing", "hype", _saturate(per_100, 1.5),
                   "Shouting and insinuation: capitals, exclamations, rhetorical questions, scare quotes, labels.",
                   sorted(ev, key=lambda e: e.start or 0))


@signal("persuasion", kind="hype", family="loud", plain_name="Persuasion",
        measures="name-calling, insinuation and doubt, appeals to fear, flag-waving, tabloid caption labels",
        evidence="each technique's words")
def persuasion(doc: _Doc) -> Signal:
    """Name-calling, insinuation and doubt, appeals to fear, flag-waving, tabloid caption labels."""
    ev: list[Evidence] = []
    for label, pattern in lx.PERSUASION_PATTERNS:
        ev += doc.find(pattern, label)
    # the headline as given: the clean stage may drop a caption-labelled headline as furniture
    title = doc.clean.title or doc.clean.article.title
    m = lx.CAPTION_LABEL.search(title) if title else None
    caption = [Evidence(text=m.group(0), note="tabloid caption label in the headline")] if m else []
    weight = len(ev) + 3 * len(caption)
    per_100 = 100 * weight / doc.n_words
    return _signal("persuasion", "hype", _saturate(per_100, 1.0),
                   "Persuasion techniques the rubric names: name-calling, insinuation and doubt, appeals to fear, "
                   "flag-waving, tabloid caption labels ('Shock:', 'Slain in cold blood').",
                   caption + _distinct(sorted(ev, key=lambda e: e.start or 0)))


@signal("superlatives", kind="hype", family="loud", plain_name="Superlatives",
        measures="superlatives and absolutes ('biggest ever', 'never', 'unprecedented')",
        evidence="each superlative")
def superlatives(doc: _Doc) -> Signal:
    hits = doc.find(lx.phrase_pattern(lx.SUPERLATIVES), "superlative/absolute")
    per_100 = 100 * len(hits) / doc.n_words
    return _signal("superlatives", "hype", _saturate(per_100, 1.0),
                   "Superlatives and absolutes: 'biggest ever', 'never', 'unprecedented'.",
                   _distinct(hits))


#: A title that is only the outlet's name ("BBC News", "The Daily Herald") says nothing about the story.
_SITE_NAME = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.&'-]*\s*){0,3}(?:news|times|post|daily|journal|herald|guardian|mail|"
                        r"online|tribune|telegraph|express|mirror|sun|gazette|reuters|bbc|cnn|fox|abc|nbc|cbs|npr|"
                        r"\.com|\.co\.uk|\.org)(?:\s+(?:online|news|uk|us|world))?\s*$", re.I)


def _site_name(title: str, source: str) -> bool:
    t = title.strip()
    return bool(t) and (t.lower() == source.strip().lower() or (len(t.split()) <= 4 and bool(_SITE_NAME.match(t))))


#: Floors on the model's strength for headline forms the rubric calls clickbait outright.
CAPTION_LABEL_FLOOR = 0.8
SHOUTING_FLOOR = 0.6


@signal("clickbait_headline", kind="hype", family="framing", plain_name="Clickbait headline",
        measures="how much the headline reads as clickbait (a model fitted on Webis-Clickbait-17)",
        evidence="the headline and the words that moved the model most")
def clickbait_headline(doc: _Doc) -> Signal:
    title = doc.clean.title
    raw_title = doc.clean.article.title.strip()
    if not title and lx.CAPTION_LABEL.search(raw_title):
        title = raw_title  # a tabloid caption label is the headline's voice, not page furniture
    if _site_name(title, doc.clean.article.source):
        title = ""
    used = title or (doc.clean.sentences[0].text if doc.clean.sentences else "")
    if not used:
        return _signal("clickbait_headline", "hype", 0.0, "No headline to judge.", [])
    model = default_model()
    score = model.score(used)
    evidence = [Evidence(text=used[:200], note=f"{'headline' if title else 'lead (no headline)'}: "
                         f"clickbait strength {score:.2f}")]
    if title:
        label = lx.CAPTION_LABEL.search(title)
        shouting = [w for w in _CAPS.findall(title) if w not in _ACRONYMS and _VOWELS & set(w)]
        if label and score < CAPTION_LABEL_FLOOR:
            score = CAPTION_LABEL_FLOOR
            evidence.append(Evidence(text=label.group(0).strip(), note=f"caption label: at least {score:.2f}"))
        if shouting and score < SHOUTING_FLOOR:
            score = SHOUTING_FLOOR
            evidence.append(Evidence(text=shouting[0], note=f"shouting in the headline: at least {score:.2f}"))
    for pattern, label in lx.CLICKBAIT_PATTERNS:
        m = re.search(pattern, used, 0 if label == "all-caps word" else re.I)
        if m:
            evidence.append(Evidence(text=m.group(0).strip() or used[:40], note=f"headline form: {label}"))
    for feat, weight in model.top_features(used, 3):
        evidence.append(Evidence(text=feat.partition(":")[2] or feat, note=f"model feature {weight:+.2f}",
                                 direction="raises" if weight > 0 else "lowers"))
    # Without a headline, the lead sentence is a weaker proxy: count it at half strength.
    return _signal("clickbait_headline", "hype", score if title else score * 0.5,
                   "Clickbait strength of the headline (trained model over words; caption labels and "
                   "shouting set a floor).",
                   evidence)


@signal("speculation", kind="hype", family="guesswork", plain_name="Speculation",
        measures="the share of sentences that speculate or hedge ('could', 'is expected to')",
        evidence="each hedge")
def speculation(doc: _Doc) -> Signal:
    hits = _hedges(doc, "hedge/speculation")
    sentences_with = {h.sentence for h in hits}
    share = len(sentences_with) / doc.n_sentences
    return _signal("speculation", "hype", _saturate(share, 0.35),
                   "Share of sentences that speculate or hedge ('could', 'is expected to', 'is seen as').",
                   _distinct(hits))


_ANON = re.compile("|".join(lx.ANONYMOUS_SOURCING), re.I)


@signal("anonymous_sourcing", kind="hype", family="guesswork", plain_name="Unnamed sources",
        measures="claims resting on unnamed sources ('sources said', 'on condition of anonymity')",
        evidence="each unnamed source")
def anonymous_sourcing(doc: _Doc) -> Signal:
    hits = doc.find(_ANON, "vague or anonymous source")
    return _signal("anonymous_sourcing", "hype", _saturate(len(hits), 1.0),
                   "Claims resting on unnamed sources ('sources said', 'on condition of anonymity').",
                   _distinct(hits))


#: A direct quotation: the words inside double quotes (straight or curly), 3 to 400 characters.
_DIRECT_QUOTE = re.compile(r"[\"“][^\"“”]{3,400}[\"”]")
#: How the two parts of `attribution` mix: grouped CV on dev (hype Spearman, whole numbers): sentences
#: alone 0.716, quotes as a signal of their own 0.727, 0.3 sentences + 0.7 quotes 0.732, half and half 0.716.
ATTRIBUTION_MIX = (0.3, 0.7)


@signal("attribution", kind="hype", family="guesswork", plain_name="Unattributed statements",
        measures="how little of the article rests on a named source: sentences that name none ('said', "
                 "'according to', 'told'), and how little of it is direct quotation",
        evidence="the share of sentences without an attributed source and of text in quotes, the first "
                 "sentences without a source, and those with one")
def attribution(doc: _Doc) -> Signal:
    """A sober report says who said what, often in their words.

    ``0.3 × (1 − the share of sentences that name a source) + 0.7 × (1 − 2 × the share of the text in
    direct quotes, floored at 0)``. Any source counts, named or not (unnamed sources are
    ``anonymous_sourcing``'s business).
    """
    sentences = doc.clean.sentences
    if not sentences:
        return _signal("attribution", "hype", 0.0, "No sentences to judge.", [])
    sourced = [i for i, s in enumerate(sentences) if lx.ATTRIBUTION_VERBS.search(s.text)]
    share = len(sourced) / len(sentences)
    quoted_share = sum(m.end() - m.start() for m in _DIRECT_QUOTE.finditer(doc.text)) / max(1, len(doc.text))
    bare = sorted(set(range(len(sentences))) - set(sourced))
    evidence = [Evidence(text=f"{len(bare)} of {len(sentences)} sentences name no source",
                         note="share without an attributed source"),
                Evidence(text=f"{100 * quoted_share:.0f}% of the text in direct quotes", note="direct quotation")]

    def cited(i: int, note: str, direction: str = "raises") -> Evidence:
        text = sentences[i].text[:160]
        return Evidence(text=text, sentence=i, start=sentences[i].start, end=sentences[i].start + len(text),
                        note=note, direction=direction)

    evidence += [cited(i, "no attributed source") for i in bare[:3]]
    for i in sourced[:2]:
        m = lx.ATTRIBUTION_VERBS.search(sentences[i].text)
        evidence.append(cited(i, f"attributed ('{m.group(0) if m else ''}')", "lowers"))
    w_sentences, w_quotes = ATTRIBUTION_MIX
    value = w_sentences * (1.0 - share) + w_quotes * (1.0 - min(1.0, 2.0 * quoted_share))
    return _signal("attribution", "hype", value,
                   "How little rests on a named source: sentences that name none ('said', 'according to', "
                   "'told') and how little is direct quotation; a sober report says who said what.", evidence)


def headline_of(clean: CleanArticle) -> str:
    """The headline as given, or the clean stage's, or else the opening of the text: its first line, at most
    200 characters (ECB+ pages open with a headline the clean stage may drop as furniture; elsewhere it is the
    lead, which the rubric weighs with the headline). Grouped CV on dev: hype Spearman 0.716 with this opening,
    0.706 with the first sentence, 0.705 with no opening when there is no headline."""
    title = (clean.article.title or clean.title).strip()
    if title:
        return title
    first = clean.article.text.lstrip().split("\n", 1)[0]
    return first[:200]


@signal("headline_loudness", kind="hype", family="framing", plain_name="Loud headline",
        measures="loaded, sensational and intensifying words and scare quotes in the headline",
        evidence="the loud words of the headline")
def headline_loudness(doc: _Doc) -> Signal:
    """Loud words in the headline: careful readers weigh a headline that outruns its body ("'war zone',
    'chaos', 'riot' headline far louder than events"). Event words used literally do not count."""
    head = headline_of(doc.clean)
    found = []
    for pattern, note in ((lx.phrase_pattern(lx.SENSATIONAL), "sensational"),
                          (lx.phrase_pattern(lx.INTENSIFIERS), "intensifier"),
                          (_loaded_pattern(), "loaded (learnt from PTC)")):
        found += [(m.span(), m.group(0), note) for m in pattern.finditer(head)
                  if m.group(0).lower() not in lx.EVENT_WORDS]
    found += [(m.span(), m.group(0), "scare quotes") for m in _scare_quotes(head)]
    hits: dict[tuple[int, int], tuple[str, str]] = {}
    for span, text, note in found:
        hits.setdefault(span, (text, note))
    evidence = [Evidence(text=text, note=f"{note}, in the headline") for _, (text, note) in sorted(hits.items())]
    return _signal("headline_loudness", "hype", _saturate(len(hits), 1.0),
                   "Loaded, sensational and intensifying words and scare quotes in the headline.", evidence)


#: A headline that opens with a label before a colon: "Conspiracy:", "Officials Warn:", "MAJOR NEW STUDY:",
#: "Caught on video:", "War-Zone Athens:". The outlet names the reading before the facts (the annotators' notes on
#: the largest misses: "'MAJOR NEW STUDY' headline oversells", "insinuating headline"). A timestamp or byline
#: line ("8: 24am:", "Last Updated:") is not a label. A headline that asks ("How Many Child Rapists Did a
#: Sanctuary City Mayor Tip Off?") insinuates the same way and counts too (grouped CV on dev: hype Spearman
#: 0.745 with labels only, 0.755 with questions).
_HEADLINE_LABEL = re.compile(r"^\s*[^\W\d_][\w'’-]*(?:\s+[\w'’&-]+){0,3}:\s")
_NOT_A_LABEL = re.compile(r"^\s*(?:last updated|updated|posted|published|by)\b", re.I)


@signal("headline_label", kind="hype", family="framing", plain_name="Label or question headline",
        measures="a headline that opens with a label or a speaker before a colon ('Conspiracy:', 'Officials Warn:') "
                 "or asks a question",
        evidence="the label, or the question")
def headline_label(doc: _Doc) -> Signal:
    """A headline that opens with a label ("Conspiracy:", "Caught on video:") or asks a question: the reading
    comes before the facts."""
    head = headline_of(doc.clean)
    m = _HEADLINE_LABEL.match(head)
    evidence = []
    if m and not _NOT_A_LABEL.match(head):
        evidence.append(Evidence(text=m.group(0).strip(), note="label before a colon, in the headline"))
    if head.rstrip().rstrip("\"”’'").endswith("?"):
        evidence.append(Evidence(text=head.strip()[:160], note="question, in the headline"))
    return _signal("headline_label", "hype", 1.0 if evidence else 0.0,
                   "The headline opens with a label or a speaker before a colon, or asks a question.", evidence)


@signal("repetition", kind="hype", family="echo", plain_name="Repeated claims",
        measures="paragraphs and claims repeated in the article (counted before de-duplication)",
        evidence="the repeated passages")
def repetition(doc: _Doc) -> Signal:
    clean = doc.clean
    total = len(clean.paragraphs) + clean.repeats_dropped
    dropped_share = clean.repeats_dropped / max(1, total)
    # Claims restated in other words inside the kept text.
    sents = [s for s in clean.sentences if len(s.text.split()) >= 6][:150]
    sh = [shingles(s.text, 2) for s in sents]
    restated: list[Evidence] = []
    sizes = [len(x) for x in sh]
    for i in range(len(sents)):
        # a Jaccard of 0.45 needs sizes within a factor 0.45 (J <= min/max): pairs further apart are not
        # compared (bounds at 0.44, clear of any rounding)
        low, high = 0.44 * sizes[i], sizes[i] / 0.44
        for j in range(i):
            if low <= sizes[j] <= high and jaccard(sh[i], sh[j]) >= 0.45:
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

#: Words after which a keyword names a field or a trade, not an act ("law professor", "war veteran").
_NOT_EVENT_AFTER = re.compile(r"\s+(?:professors?|schools?|firms?|students?|enforcement|graduates?|degrees?|clerks?|"
                              r"lecturers?|partners?|journals?|reviews?|veterans?|movies?|films?|games?|stories|"
                              r"novels?|museum|memorial|correspondents?|reporters?|analysts?|experts?)\b", re.I)


def _event_keyword(doc: _Doc, hit: Evidence) -> bool:
    """Does a keyword speak of the event? Not in a background sentence, a question (quizzes,
    poll widgets), a field or trade ("law professor"), nor "Bill" as a name."""
    if doc.in_background(hit.start) or doc.in_question(hit.start):
        return False
    if hit.text == "Bill" or hit.text == "BILL":
        return False
    return not _NOT_EVENT_AFTER.match(doc.text, hit.end or 0)


#: A hedge word that an article says is over: "ended months of speculation".
_HEDGE_ENDED = re.compile(r"(?:\bend(?:s|ed|ing)?|\bput an end to|\bquell(?:s|ed)?|\bdispel(?:s|led)?|"
                          r"\bdismiss(?:es|ed)?|\bconfirm(?:s|ed|ing)?)\s+(?:\w+\s+){0,3}(?:of\s+)?$", re.I)


def _hedges(doc: _Doc, note: str, direction: str = "raises") -> list[Evidence]:
    return [h for h in doc.find(lx.phrase_pattern(lx.HEDGES), note, direction=direction)
            if not _HEDGE_ENDED.search(doc.text[max(0, (h.start or 0) - 40):h.start or 0])]


#: Money that sizes the actor rather than the event: a company's revenue, a country's GDP.
_CONTEXT_MONEY = re.compile(r"\b(?:revenues?|sales|turnover|market (?:value|cap\w*)|assets|annual(?:ly)?|a year|"
                            r"per year|yearly|gdp|economy|profits?|earnings|net (?:income|worth)|budget of)\b", re.I)
#: Context money counts at this share of its size.
CONTEXT_MONEY_SHARE = 0.4


@signal("magnitude", kind="impact", family="stakes", plain_name="Size of the figures",
        measures="the largest figures of the event (money, people, casualties), on a log scale; "
                 "background figures left out",
        evidence="each figure counted, with its kind")
def magnitude(doc: _Doc) -> Signal:
    """The largest figures of the event, on a log scale: background figures are left out and
    money that sizes an actor (annual revenue, GDP) counts at a share of its size."""
    figures = []
    background = 0
    for f in find_figures(doc.text):
        if doc.in_background(f.start) or doc.in_question(f.start):
            background += 1
            continue
        note = ""
        size = f.size
        if f.kind == "money":
            window = doc.text[max(0, f.start - 60):f.end + 30]
            ctx = _CONTEXT_MONEY.search(window)
            if ctx:
                size *= CONTEXT_MONEY_SHARE
                note = f" (sizes an actor: '{ctx.group(0)}', counted at {CONTEXT_MONEY_SHARE:.0%})"
        figures.append((f, size, note))
    tail = [Evidence(text=f"{background} figure(s) in background sentences or questions left out",
                     note="background")] if background else []
    if not figures:
        return _signal("magnitude", "impact", 0.0, "No figures (money, counts, casualties) found about the event.",
                       tail)
    ordered = sorted(figures, key=lambda x: -x[1])
    top = ordered[0][1]
    second = ordered[1][1] if len(ordered) > 1 else 0.0
    value = 0.8 * top + 0.2 * second
    evidence = [Evidence(text=f.text, sentence=doc.sentence_of(f.start), start=f.start, end=f.end,
                         note=f"{f.kind} {f.amount:.3g} -> size {size:.2f}{note}") for f, size, note in ordered]
    return _signal("magnitude", "impact", value,
                   "Size of the figures at stake in the event (money, people, things, casualties) on a log scale.",
                   evidence[:MAX_EVIDENCE - len(tail)] + tail)


@signal("actors", kind="impact", family="actors", plain_name="Who is involved",
        measures="who acts: governments, regulators, countries, large companies (countries in lists not counted)",
        evidence="each actor")
def actors(doc: _Doc) -> Signal:
    national = doc.find(lx.phrase_pattern(lx.INSTITUTIONS), "national/international institution",
                        lambda m: len(m) > 3 or m.isupper())
    countries, _ = doc.countries()
    companies = doc.find(lx.phrase_pattern(lx.LARGE_COMPANIES), "large company", _proper)
    local = doc.find(lx.phrase_pattern(lx.LOCAL_ACTORS), "local actor")
    n_nat = len({h.text.lower() for h in national + countries})
    n_co = len({h.text.lower() for h in companies})
    n_loc = len({h.text.lower() for h in local})
    weight = n_nat + 0.8 * n_co + 0.25 * n_loc
    return _signal("actors", "impact", _saturate(weight, 2.5),
                   "Who acts: governments, regulators, countries and large companies weigh most.",
                   _distinct(countries + national + companies + local))


@signal("action_type", kind="impact", family="actors", plain_name="What kind of event",
        measures="what happened: laws, rulings, deals, disasters, deaths versus gossip, previews, opinion",
        evidence="the action words, high-impact ones first")
def action_type(doc: _Doc) -> Signal:
    high_hits = [h for h in doc.find(lx.phrase_pattern(frozenset(lx.ACTIONS_HIGH)), "consequential action")
                 if _event_keyword(doc, h)]
    low_hits = doc.find(lx.phrase_pattern(frozenset(lx.ACTIONS_LOW)), "low-stakes content", direction="lowers")
    high = sum(lx.ACTIONS_HIGH[h.text.lower()] for h in _distinct(high_hits))
    low = sum(lx.ACTIONS_LOW[h.text.lower()] for h in _distinct(low_hits))
    value = _saturate(high, 2.0) * (1.0 - _saturate(low, 2.0) * 0.7)
    return _signal("action_type", "impact", value,
                   "What happened: laws, rulings, deals, disasters, deaths versus gossip, previews, opinion.",
                   _distinct(sorted(high_hits, key=lambda h: -lx.ACTIONS_HIGH[h.text.lower()])) +
                   _distinct(low_hits))


@signal("scope", kind="impact", family="stakes", plain_name="How far it reaches",
        measures="breadth: countries affected, sectors, 'nationwide', 'global', 'millions'",
        evidence="the countries and breadth words")
def scope(doc: _Doc) -> Signal:
    hits, listed = doc.countries()
    countries = {h.text.lower() for h in hits}
    words = [h for h in doc.find(lx.phrase_pattern(lx.SCOPE_WORDS), "reach") if _event_keyword(doc, h)]
    n_words = len({h.text.lower() for h in words})
    value = _saturate(0.8 * len(countries) + n_words, 3.0)
    note = f"{len(countries)} countries" + (f" ({listed} more in lists, not counted)" if listed else "")
    evidence = [Evidence(text=", ".join(sorted(countries)), note=note)] if countries else []
    return _signal("scope", "impact", value,
                   "Breadth: countries named, sectors, 'nationwide', 'global', 'millions'.",
                   evidence + _distinct(words))


@signal("durability", kind="impact", family="lasting", plain_name="How lasting",
        measures="long-term consequences ('law', 'permanent', 'for years') versus one-off ones",
        evidence="the lasting and the one-off words")
def durability(doc: _Doc) -> Signal:
    long_hits = [h for h in doc.find(lx.phrase_pattern(lx.DURABLE), "lasting") if _event_keyword(doc, h)]
    short_hits = doc.find(lx.phrase_pattern(lx.FLEETING), "passing", direction="lowers")
    n_long, n_short = len(long_hits), len(short_hits)
    value = _saturate(n_long, 2.0) * (n_long + 1) / (n_long + n_short + 1)
    return _signal("durability", "impact", value,
                   "Long-term consequences ('law', 'permanent', 'for years') versus one-off ones.",
                   _distinct(long_hits) + _distinct(short_hits))


#: A confirmation the article says has not happened: "have not yet been finalized", "is yet to be signed".
_NOT_DONE = re.compile(r"(?:\b(?:not|never)\s+(?:yet\s+)?(?:been\s+|be\s+)?|\byet to\s+(?:be\s+)?|"
                       r"\b(?:has|have|had|is|are|was|were)n[’']t\s+(?:yet\s+)?(?:been\s+)?)$", re.I)


@signal("certainty", kind="impact", family="lasting", plain_name="How settled",
        measures="done and confirmed ('approved', 'signed', 'ruled') versus expected or rumoured",
        evidence="the confirming words and the hedges")
def certainty(doc: _Doc) -> Signal:
    found = [h for h in doc.find(lx.phrase_pattern(lx.CONFIRMED), "done/confirmed") if _event_keyword(doc, h)]
    confirmed = [h for h in found if not _NOT_DONE.search(doc.text[max(0, (h.start or 0) - 30):h.start or 0])]
    # what is not yet done is still expected: it counts against certainty, as a hedge does
    pending = [h.model_copy(update={"note": "not yet done", "direction": "lowers"}) for h in found
               if h not in confirmed]
    hedged = _hedges(doc, "expected/rumoured", direction="lowers") + pending
    c, s = len(confirmed), len(hedged)
    value = (c + 0.5) / (c + s + 1.0) * _saturate(c + 0.5, 1.5)
    return _signal("certainty", "impact", value,
                   "Done and confirmed ('approved', 'signed', 'ruled') versus expected or rumoured.",
                   _distinct(confirmed) + _distinct(hedged))


@signal("novelty", kind="impact", family="lasting", plain_name="What is new",
        measures="a new development ('first', 'reverses', 'unveiled') versus a recycled one",
        evidence="the words marking news or recycling")
def novelty(doc: _Doc) -> Signal:
    new = doc.find(lx.phrase_pattern(lx.NOVEL), "new development")
    old = doc.find(lx.phrase_pattern(lx.RECYCLED), "recycled/ongoing", direction="lowers")
    n, o = len(new), len(old)
    value = (n + 0.5) / (n + o + 1.0) * _saturate(n, 2.0)
    return _signal("novelty", "impact", value,
                   "A new development ('first', 'reverses', 'unveiled') versus a recycled one.",
                   _distinct(new) + _distinct(old))


@signal("strategic_shift", kind="impact", family="lasting", plain_name="Strategic shift",
        measures="a strategic shift between powers or across an industry: a government's change of stance, "
                 "reversals, technology races and trade wars, export controls, tariffs, sanctions",
        evidence="the strategic-shift words, each with its sentence")
def strategic_shift(doc: _Doc) -> Signal:
    """The rubric's 8: "a substantial, lasting strategic shift across countries or a whole industry".

    Distinct words about the event (not in background sentences, questions or trades), saturating:
    0.5 at one, 0.75 at two.
    """
    hits = [h for h in doc.find(lx.STRATEGIC_SHIFT, "strategic shift") if _event_keyword(doc, h)]
    found = _distinct(hits)
    return _signal("strategic_shift", "impact", _saturate(len(found), 1.0),
                   "A strategic shift between powers or across an industry: a change of stance, a reversal, "
                   "a technology race or trade war, export controls, tariffs, sanctions.", found)


#: The rule change must be in the lead: the first sentences say what the article is about (on dev, any
#: sentence of the text: impact Spearman 0.686; the first three: 0.703; the first two or five about the same).
RULE_CHANGE_LEAD = 3


@signal("rule_change", kind="impact", family="actors", plain_name="A national rule changed",
        measures="the lead reports a national rule or regulation changed: a rule, a change to it and a national "
                 "actor in one sentence ('the Interior Department overturned the rule')",
        evidence="the lead sentence that says it, with its rule, change and actor words")
def rule_change(doc: _Doc) -> Signal:
    """The rubric's national law (6-7): a government, department or agency issues, changes or overturns a rule.

    0 or 1. Read in the first ``RULE_CHANGE_LEAD`` sentences only, questions left out ("Is the government about
    to scrap the rule?" changes nothing yet).
    """
    evidence = []
    for i, s in enumerate(doc.clean.sentences[:RULE_CHANGE_LEAD]):
        if i in doc.questions:
            continue
        found = [lx.RULE_NOUN.search(s.text), lx.RULE_CHANGE.search(s.text), lx.NATIONAL_RULER.search(s.text)]
        if all(found):
            words = ", ".join(f"'{m.group(0)}'" for m in found if m is not None)
            evidence.append(Evidence(text=s.text[:200], sentence=i, start=s.start, end=s.end,
                                     note=f"a national rule changed ({words})"))
            break
    return _signal("rule_change", "impact", 1.0 if evidence else 0.0,
                   "A national rule changed: the lead names a rule or regulation, a change to it and the "
                   "national government, department or agency that made it.", evidence)


# --- learnt word models ------------------------------------------------------

#: The signal fed by each score's word model (wordmodel.py), by kind.
WORD_SIGNALS = {"impact_words": "impact", "hype_words": "hype"}
#: Evidence lists this many terms each way.
WORD_EVIDENCE = 4


def word_text(clean: CleanArticle) -> str:
    """What the word models read: the article as it was given (headline and text before cleaning).

    The page as published, furniture included, is what a reader saw: poll widgets, "share this"
    calls and repeated teasers are part of how loud it is (grouped CV on dev: hype Spearman of the
    word model 0.66 on the text as given, 0.63 on the cleaned text; impact the same either way).
    """
    article = clean.article
    title = article.title or clean.title
    return f"{title}\n\n{article.text}" if title else article.text


def word_value(model: WordModel, text: str) -> float:
    """A word model's reading of a text as a 0..1 signal value (what the card's word signal holds)."""
    return model.signal_value(model.predict(text))


def _word_signal(doc: _Doc, name: str, description: str) -> Signal:
    kind = WORD_SIGNALS[name]
    model = default_models()[kind]
    score, contrib = model.contributions("", tfidf=doc.word_tfidf(model))  # both word models read the same text
    prediction = model.rating(score)
    # Function words ("the", "its", "of the") move the model too, but a reader cannot check them as reasons:
    # the evidence names the content words, and the function words' summed share comes last, in one line.
    content = [c for c in contrib if not _function_term(c[0])]
    ups = [c for c in content if c[1] > 0][:WORD_EVIDENCE]
    downs = [c for c in content if c[1] < 0][:WORD_EVIDENCE]
    function = [c for c in contrib if _function_term(c[0])]
    evidence = []
    for term, c in ups + downs:
        found = model.find(term, doc.text)  # with a word table: the words of the text the stems stand for
        start = found[0] if found else -1
        evidence.append(Evidence(text=found[2] if found else term,
                                 sentence=doc.sentence_of(start) if start >= 0 else None,
                                 start=start if start >= 0 else None,
                                 end=found[1] if found else None,
                                 note=f"{model.describe(c)} on the {kind} word model's {prediction:.1f}",
                                 direction="raises" if c > 0 else "lowers"))
    evidence = evidence[: MAX_EVIDENCE + 1]
    total = sum(c for _, c in function)
    if function and abs(total) >= 0.01:
        term = function[0][0]
        m = re.search(r"\b" + r"\W+".join(map(re.escape, term.split())) + r"\b", doc.text, re.I)
        shown = ", ".join(f'"{t}"' for t, _ in function[:3])
        evidence.append(Evidence(text=m.group(0) if m else term, start=m.start() if m else None,
                                 end=m.end() if m else None,
                                 note=f"{model.describe(total)} from {len(function)} function-word terms together "
                                      f"({shown}...), on the {kind} word model's {prediction:.1f}",
                                 direction="raises" if total > 0 else "lowers"))
    return Signal(name=name, kind=kind, value=round(model.signal_value(score), 4), weight=0.0, contribution=0.0,
                  description=description, evidence=evidence)


@lru_cache(maxsize=65536)  # asked ~1,400 times an article about the word models' terms (a fixed vocabulary)
def _function_term(term: str) -> bool:
    """A word-model term made only of function words ("the", "of the", "it was")."""
    return all(t in FUNCTION_WORDS or t in STOPWORDS for t in term.split())


@signal("impact_words", kind="impact", family="actors", plain_name="Impact words",
        measures="what the article's words say of its impact (a word model fitted on the rated articles)",
        evidence="the words that raised or lowered it most")
def impact_words(doc: _Doc) -> Signal:
    return _word_signal(doc, "impact_words", "Words that rated articles tie to high or low impact "
                        "(a linear model learnt from the dev ratings; the words that moved it most).")


@signal("hype_words", kind="hype", family="loud", plain_name="Hype words",
        measures="what the article's words say of its hype (a word model fitted on the rated articles)",
        evidence="the words that raised or lowered it most")
def hype_words(doc: _Doc) -> Signal:
    return _word_signal(doc, "hype_words", "Words that rated articles tie to loud or sober coverage "
                        "(a model of the log of the rating learnt from the dev ratings: each word multiplies "
                        "the predicted rating; the value is its log10; the words that moved it most).")


@lru_cache(maxsize=1)
def _technique_model():
    import gzip

    raw = resources.files("newsverdict.data").joinpath("technique_model.json.gz").read_bytes()
    return WordModel.from_dict(json.loads(gzip.decompress(raw))["technique"])


@lru_cache(maxsize=SENTENCE_CACHE)
def _technique_sentence(sentence: str) -> tuple[float, str]:
    """p(technique) of one sentence, and the first four terms that raised it (largest first)."""
    logit, contrib = _technique_model().contributions(sentence)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit)))), ", ".join([t for t, c in contrib if c > 0][:4])


@signal("propaganda_techniques", kind="hype", family="loud", plain_name="Propaganda techniques",
        measures="sentences that read like the propaganda spans of SemEval-2020 task 11 "
                 "(a sentence model fitted there)",
        evidence="the three sentences that read most like propaganda")
def propaganda_techniques(doc: _Doc) -> Signal:
    """Sentences that read like the PTC propaganda spans (a sentence model learnt there)."""
    scored = []
    for i, s in enumerate(doc.clean.sentences[:200]):
        p, words = _technique_sentence(s.text)
        scored.append((p, i, s, words))
    if not scored:
        return _signal("propaganda_techniques", "hype", 0.0, "No sentences to judge.", [])
    # the few most technique-like sentences say more than the average (most sentences of any article are plain)
    top = sorted((p for p, *_ in scored), reverse=True)[:3]
    mean_p = sum(top) / len(top)
    evidence = []
    for p, i, s, words in sorted(scored, key=lambda x: -x[0])[:3]:
        if p < 0.5:
            break
        evidence.append(Evidence(text=s.text[:200], sentence=i, start=s.start, end=s.end,
                                 note=f"technique-like sentence p={p:.2f} (words: {words})"))
    evidence.append(Evidence(text=f"mean p {mean_p:.2f} of the {len(top)} most technique-like of {len(scored)} "
                                  "sentences", note="sentence model learnt on PTC"))
    return _signal("propaganda_techniques", "hype", mean_p,
                   "Sentences like those holding propaganda techniques in the PTC corpus (name-calling, doubt, "
                   "fear, flag-waving, loaded language...): a sentence model learnt there.", evidence)


#: The tone signals: each is a word model of one tone label read from the rating annotators' notes
#: (bench/fit.TONE_LABELS_RULES); "sober" counts against hype, so its signal is 1 - p(sober).
TONE_SIGNALS = {"tone_loaded": "loaded", "tone_unverified": "unverified", "tone_not_sober": "sober"}
TONE_LABELS = tuple(TONE_SIGNALS.values())


@lru_cache(maxsize=1)
def _tone_models() -> dict[str, WordModel]:
    import gzip

    raw = resources.files("newsverdict.data").joinpath("tone_models.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    return {k: WordModel.from_dict(data[k]) for k in TONE_LABELS}


def _probability(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


def tone_value(model: WordModel, label: str, text: str = "", counts: Counter[str] | None = None) -> float:
    """A tone signal's value for a text: p(label), or 1 - p(sober) for the sober label."""
    p = _probability(model.contributions(text, counts)[0])
    return 1.0 - p if label == "sober" else p


def _tone_signal(doc: _Doc, name: str, description: str) -> Signal:
    label = TONE_SIGNALS[name]
    model = _tone_models()[label]
    logit, contrib = model.contributions("", tfidf=doc.word_tfidf(model))  # the word models read the same text
    p = _probability(logit)
    value = 1.0 - p if label == "sober" else p
    # for "not sober", the words that made it less sober raise the signal
    sign = -1.0 if label == "sober" else 1.0
    ranked = sorted(contrib, key=lambda c: -sign * c[1])
    evidence = []
    for term, c in [t for t in ranked if sign * t[1] > 0][:WORD_EVIDENCE]:
        m = term_pattern(term).search(doc.text)
        start = m.start() if m else -1
        evidence.append(Evidence(text=m.group(0) if m else term,
                                 sentence=doc.sentence_of(start) if start >= 0 else None,
                                 start=start if start >= 0 else None, end=m.end() if m else None,
                                 note=f"{c:+.2f} on the logit of p({label}) = {p:.2f}"))
    return _signal(name, "hype", value, description, evidence)


@signal("tone_loaded", kind="hype", family="loud", plain_name="Loaded tone",
        measures="how likely careful readers are to call the article loaded, emotive or tabloid (a word model "
                 "learnt from the rating annotators' notes)",
        evidence="the words that raised it most")
def tone_loaded(doc: _Doc) -> Signal:
    return _tone_signal(doc, "tone_loaded", "How likely careful readers are to call the tone loaded, emotive or "
                        "tabloid: a word model learnt from what the dev annotators wrote about each article.")


@signal("tone_unverified", kind="hype", family="guesswork", plain_name="Unverified tone",
        measures="how likely careful readers are to call the article speculative, insinuating or claiming more "
                 "than it shows (a word model learnt from the rating annotators' notes)",
        evidence="the words that raised it most")
def tone_unverified(doc: _Doc) -> Signal:
    return _tone_signal(doc, "tone_unverified", "How likely careful readers are to call the article speculative, "
                        "insinuating or claiming more than it shows: a word model learnt from the dev annotators' "
                        "notes.")


@signal("tone_not_sober", kind="hype", family="loud", plain_name="Not a sober report",
        measures="how unlikely careful readers are to call the article factual, sober, attributed or balanced "
                 "(1 - p, a word model learnt from the rating annotators' notes)",
        evidence="the words that made it read least sober")
def tone_not_sober(doc: _Doc) -> Signal:
    return _tone_signal(doc, "tone_not_sober", "How unlikely careful readers are to call the article a factual, "
                        "sober, attributed report (1 - p): a word model learnt from the dev annotators' notes.")


@signal("coverage_volume", kind="hype", family="echo", plain_name="Volume of coverage",
        measures="how loud the coverage is: articles, repeated copies and how fast they came (stories only)",
        evidence="the counts of articles, outlets and repeats, and the span", level="story")
def coverage_volume(articles: int, repeats: int, outlets: int, span_hours: float) -> Signal:
    """How loud the coverage is: many articles, many repeats, in a short time."""
    burst = articles / max(1.0, span_hours / 6.0)  # articles per six hours
    value = 0.5 * _saturate(articles - 1, 6.0) + 0.3 * _saturate(repeats, 3.0) + 0.2 * _saturate(burst - 1, 4.0)
    evidence = [Evidence(text=f"{articles} articles from {outlets} outlets, {repeats} repeats, "
                              f"over {span_hours:.0f} h", note="coverage")]
    return _signal("coverage_volume", "hype", value,
                   "Volume of coverage: articles, repeated copies and how fast they came.", evidence)


def measure(clean: CleanArticle) -> list[Signal]:
    """All signals of one article, impact first, in the registry's pipeline order."""
    doc = _Doc(clean)
    return [spec.compute(doc) for spec in pipeline("impact") + pipeline("hype")]

