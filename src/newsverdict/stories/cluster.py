"""Stories stage: group articles about the same real-world event.

Representation: TF-IDF over content words, with names (capitalised words and
pairs), numbers and the title weighted up, because two events of the same kind
(two earthquakes, two trials) share their vocabulary and differ in who, where
and how many. Clustering: single pass in time order — each article joins the
most similar story centroid above ``JOIN_THRESHOLD`` or starts a new story —
with an inverted index from salient terms to stories so that the work grows
close to linearly with the number of articles. Thresholds are chosen on the
train topics of ECB+ by scripts/tune_stories.py (figures in docs/stories.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul

from newsverdict.card.text import STOPWORDS

#: Cosine similarity to a story's centroid above which an article joins it.
JOIN_THRESHOLD = 0.12
#: Cosine similarity of two story centroids above which the stories merge.
MERGE_THRESHOLD = 0.3
#: Terms kept per article vector (the most salient by TF-IDF): bounds time and memory.
TERMS_PER_DOC = 60
#: Terms of a story centroid indexed for candidate lookup.
INDEX_TERMS = 25
#: Terms of an article used to look up candidate stories, and the most stories a term may
#: point at to be used for lookup (a term shared by that many live stories names no story).
LOOKUP_TERMS = 40
MAX_POSTINGS = 1000
#: Terms in more than this share of all articles (and more than MIN_COMMON_DF) are too common
#: to find a story by; they still count in the similarity.
COMMON_DF_SHARE = 0.01
MIN_COMMON_DF = 50
#: Weight multipliers by term type.
NAME_WEIGHT = 3.0
NUMBER_WEIGHT = 1.5
TITLE_WEIGHT = 2.0
#: Only the opening of an article is used: the lead says what the story is.
LEAD_WORDS = 400
#: Articles further apart than this (seconds) do not join the same story.
WINDOW_S = 7 * 24 * 3600

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*\d|\d")
_EXTRA_STOP = {"also", "would", "could", "told", "year", "years", "week", "last", "first", "people", "time",
               "according", "reported", "report", "news", "percent", "like", "many", "much", "just", "even",
               "still", "since", "well", "back", "made", "make", "including", "monday", "tuesday",
               "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"}


@dataclass(frozen=True)
class StoryDoc:
    id: str
    text: str
    title: str = ""
    #: seconds since the epoch, or None when unknown
    published: float | None = None
    #: ``terms(title, text)`` computed beforehand (batch workers do it in parallel); None: computed here
    counts: Mapping[str, float] | None = None


@dataclass
class _Story:
    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    members: list[int] = field(default_factory=list)
    first: float | None = None
    last: float | None = None


def terms(title: str, text: str) -> Counter[str]:
    """Weighted term counts of one article: words, names, name pairs, numbers."""
    counts: Counter[str] = Counter()
    lead = " ".join(text.split()[:LEAD_WORDS])
    for part, boost in ((title, TITLE_WEIGHT), (lead, 1.0)):
        tokens = _TOKEN.findall(part)
        prev_name = None
        for i, tok in enumerate(tokens):
            low = tok.lower()
            if tok[0].isdigit():
                if len(tok) >= 2:
                    counts["#" + tok.replace(",", "")] += NUMBER_WEIGHT * boost
                prev_name = None
                continue
            if low in STOPWORDS or low in _EXTRA_STOP or len(low) < 3:
                prev_name = None
                continue
            is_name = tok[0].isupper() and i > 0 and not tokens[i - 1].endswith((".", "!", "?"))
            stem = low[:-1] if low.endswith("s") and len(low) > 4 else low
            if is_name:
                counts["@" + low] += NAME_WEIGHT * boost
                if prev_name:
                    counts["@" + prev_name + "_" + low] += NAME_WEIGHT * boost
                prev_name = low
            else:
                counts[stem] += boost
                prev_name = None
    return counts


def doc_terms(doc: StoryDoc) -> Mapping[str, float]:
    return doc.counts if doc.counts is not None else terms(doc.title, doc.text)


def _normalise(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # the batch driver's hot loop: the same products summed in the same order as
    # ``sum(v * b.get(k, 0.0) for k, v in a.items())``, so the same float, without a generator frame per term
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


class StoryClusterer:
    """Incremental clustering: ``add`` articles in time order, read ``assignments``.

    Document frequencies are updated as articles arrive, so early articles are
    weighed with what was known then; ``fit`` on a batch computes them first.
    """

    def __init__(self, threshold: float = JOIN_THRESHOLD, window_s: float = WINDOW_S):
        self.threshold = threshold
        self.window_s = window_s
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: list[_Story] = []
        self.index: dict[str, set[int]] = defaultdict(set)
        self.assignments: list[int] = []
        self._latest: float | None = None

    def _retire_old_stories(self, now: float) -> None:
        """Drop stories that ended before the window from the index: lookups stay small as time goes on."""
        for story in self.stories:
            if story.last is not None and now - story.last > self.window_s and story.centroid:
                for term in list(story.centroid)[:INDEX_TERMS]:
                    self.index[term].discard(story.id)
                story.centroid = {}

    def observe(self, docs: Iterable[StoryDoc]) -> None:
        """Count document frequencies without clustering (batch mode)."""
        for doc in docs:
            self.df.update(doc_terms(doc).keys())
            self.n_docs += 1

    def vector(self, doc: StoryDoc) -> dict[str, float]:
        counts = doc_terms(doc)
        n = max(self.n_docs, 1)
        weighted = {t: (1 + math.log(c)) * math.log((n + 1) / (self.df.get(t, 0) + 1)) for t, c in counts.items()}
        top = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_PER_DOC]
        return _normalise({k: v for k, v in top if v > 0})

    def add(self, doc: StoryDoc, *, count_df: bool = False) -> int:
        if count_df:
            self.df.update(doc_terms(doc).keys())
            self.n_docs += 1
        # every time the clock has moved on by a day
        if doc.published is not None and (self._latest is None or doc.published - self._latest > 86400):
            self._retire_old_stories(doc.published)
            self._latest = doc.published
        vec = self.vector(doc)
        candidates: set[int] = set()
        common = max(MIN_COMMON_DF, COMMON_DF_SHARE * self.n_docs)
        lookup = [t for t in vec if self.df.get(t, 0) <= common][:LOOKUP_TERMS]  # vec is ordered by weight
        for term in lookup:
            postings = self.index.get(term)
            if postings and len(postings) <= MAX_POSTINGS:
                candidates |= postings
        best, best_sim = None, self.threshold
        for sid in sorted(candidates):
            story = self.stories[sid]
            if doc.published is not None and story.last is not None and story.first is not None and (
                doc.published - story.last > self.window_s or story.first - doc.published > self.window_s
            ):
                continue
            sim = _cosine(vec, story.centroid)
            if sim > best_sim:
                best, best_sim = story, sim
        if best is None:
            best = _Story(id=len(self.stories))
            self.stories.append(best)
        self._join(best, vec, doc.published)
        self.assignments.append(best.id)
        return best.id

    def _join(self, story: _Story, vec: dict[str, float], published: float | None) -> None:
        n = len(story.members)
        merged = {k: v * n for k, v in story.centroid.items()}
        for k, v in vec.items():
            merged[k] = merged.get(k, 0.0) + v
        top = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[: TERMS_PER_DOC * 2]
        old_index = set(list(story.centroid)[:INDEX_TERMS])
        story.centroid = _normalise(dict(top))
        new_index = {k for k, _ in top[:INDEX_TERMS]}
        for t in old_index - new_index:
            self.index[t].discard(story.id)
        for t in new_index:
            self.index[t].add(story.id)
        story.members.append(len(self.assignments))
        if published is not None:
            story.first = published if story.first is None else min(story.first, published)
            story.last = published if story.last is None else max(story.last, published)


    def merges(self, threshold: float = MERGE_THRESHOLD) -> dict[int, int]:
        """Stories whose centroids have grown close: {story id: id of the story it merges into}."""
        parent = list(range(len(self.stories)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for story in self.stories:
            candidates: set[int] = set()
            for term in list(story.centroid)[:INDEX_TERMS]:
                candidates |= self.index.get(term, set())
            for other_id in sorted(c for c in candidates if c > story.id):
                other = self.stories[other_id]
                if _cosine(story.centroid, other.centroid) >= threshold:
                    a, b = root(story.id), root(other_id)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        return {i: root(i) for i in range(len(self.stories)) if root(i) != i}


def cluster(
    docs: Sequence[StoryDoc], threshold: float = JOIN_THRESHOLD, merge_threshold: float | None = None
) -> list[int]:
    """Story label for each doc (batch: document frequencies from the whole batch)."""
    clusterer = StoryClusterer(threshold)
    clusterer.observe(docs)
    order = sorted(range(len(docs)), key=lambda i: (docs[i].published or 0.0, i))
    labels = [0] * len(docs)
    for i in order:
        labels[i] = clusterer.add(docs[i])
    merged = clusterer.merges(MERGE_THRESHOLD if merge_threshold is None else merge_threshold)
    return [merged.get(label, label) for label in labels]
