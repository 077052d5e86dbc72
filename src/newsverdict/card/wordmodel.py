"""A linear model over an article's words, in pure Python, with the words that moved it.

Word 1-2-grams weighted by TF-IDF (sublinear tf, smoothed idf, L2-normalised, as
scikit-learn's ``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)`` does)
times a ridge coefficient per term. The models ship in ``data/word_models.json.gz``
and are fitted by ``scripts/fit_weights.py``; each term's contribution is
``tfidf * coef``, so the card can name the words that raised or lowered the score.

A model may be fitted on the logarithm of the rating (``target="log"``): its terms then
multiply the predicted rating (a term's contribution ``c`` scales it by ``exp(c)``), which
suits a skewed rating such as hype, where most articles are sober and a few very loud.

A model may also carry a word table (``norm``) and a lead length (``lead``): it then reads words through
the table before counting terms. The table maps each word of the texts it was fitted on to its stem
("riots", "rioting" -> "riot") and each name (a word never written in lower case there: "Athens",
"Greek") to nothing, so the model learns what kind of event an article reports, not which one;
the first ``lead`` words of the text count twice (``analyze``).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from operator import itemgetter
from pathlib import Path

#: Words of two letters or more, no digits: figures, dates and model numbers are measured by the
#: magnitude signal, and a year learnt as a word would tie an event's date to its rating.
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"
_TOKEN = re.compile(TOKEN_PATTERN)
MODEL_FILE = "word_models.json.gz"
#: What a model's linear score means: the rating itself, or its natural logarithm.
TARGETS = ("linear", "log")


_TERM = itemgetter(0)
_CONTRIBUTION = itemgetter(1)


def _size(contribution: tuple[str, float]) -> float:
    return abs(contribution[1])


def terms(text: str) -> Counter[str]:
    toks = _TOKEN.findall(text.lower())
    counts = Counter(toks)
    counts.update(f"{a} {b}" for a, b in pairwise(toks))
    return counts


_WORD = re.compile(r"\b[^\W\d_][^\W\d_]+\b")


def _reading(text: str, norm: dict[str, str]) -> list[tuple[re.Match[str], str]]:
    """A text's words through a word table, each with what the model reads for it: stems, names left out.
    A word the table does not know is left out when the text only ever writes it capitalised (a name the fit
    never saw), else read as it is."""
    found = list(_WORD.finditer(text))
    lower = {m.group(0).lower() for m in found if not m.group(0)[0].isupper()}
    out = []
    for m in found:
        low = m.group(0).lower()
        read = norm.get(low, low if low in lower else "")
        if read:
            out.append((m, read))
    return out


def _normalised(text: str, norm: dict[str, str]) -> list[str]:
    """What ``_reading`` reads, without the places (the fast path for counting terms)."""
    found = _WORD.findall(text)
    words = [w.lower() for w in found]
    lower = {w.lower() for w in found if not w[0].isupper()}
    get = norm.get
    return [r for w in words if (r := get(w, w if w in lower else ""))]


def analyze(text: str, norm: dict[str, str], lead: int = 0) -> list[str]:
    """The terms (word 1-2-grams, with repeats) a model with a word table reads: the whole text's, then
    its first ``lead`` words' again."""
    out: list[str] = []
    parts = [text, " ".join(text.split()[:lead])] if lead else [text]
    for part in parts:
        toks = _normalised(part, norm)
        out += toks
        out += [f"{a} {b}" for a, b in pairwise(toks)]
    return out


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    """The pattern that finds a term in a text (its words with any non-word characters between).

    Compiled once per term: handed to ``re.search`` as a string, every article's new terms pushed ``re``'s own
    cache of 512 patterns (emptied oldest first) past its size, so the modules' fixed patterns were evicted
    and compiled again (~0.8 ms an article on the firehose corpus)."""
    return re.compile(r"\b" + r"\W+".join(map(re.escape, term.split())) + r"\b", re.I)


class WordModel:
    """``predict(text) = intercept + sum(coef[t] * tfidf[t])`` over the known terms.

    ``predict`` is the linear score; ``rating`` turns it into the 1-10 rating it stands for
    and ``signal_value`` into a 0..1 signal value that stays linear in the score, so that the
    terms' contributions add up on the card.
    """

    def __init__(self, idf: dict[str, float], coef: dict[str, float], intercept: float, target: str = "linear",
                 norm: dict[str, str] | None = None, lead: int = 0):
        if target not in TARGETS:
            raise ValueError(f"unknown word-model target {target!r}")
        self.idf = idf
        self.coef = coef
        self.intercept = intercept
        self.target = target
        self.norm = norm
        self.lead = lead
        self._read: tuple[str, list[tuple[re.Match[str], str]], dict[str, list[int]]] | None = None

    def terms(self, text: str) -> Counter[str]:
        """The text's terms as this model counts them (through its word table, if it has one)."""
        return terms(text) if self.norm is None else Counter(analyze(text, self.norm, self.lead))

    def find(self, term: str, text: str) -> tuple[int, int, str] | None:
        """Where a term of this model is written in a text, as (start, end, the text there): its words in
        order, each spelt as the text spells it (with a word table: any word whose stem is the term's word,
        names between them skipped as the model skips them)."""
        words = term.split()
        if self.norm is None:
            m = term_pattern(term).search(text)
            return (m.start(), m.end(), m.group(0)) if m else None
        cached = self._read
        if cached is None or cached[0] != text:  # the evidence asks for several terms of one text
            read = _reading(text, self.norm)
            where: dict[str, list[int]] = {}
            for i, (_, w) in enumerate(read):
                where.setdefault(w, []).append(i)
            cached = self._read = (text, read, where)
        _, read, where = cached
        for i in where.get(words[0], []):
            if all(i + k < len(read) and read[i + k][1] == w for k, w in enumerate(words)):
                start, end = read[i][0].start(), read[i + len(words) - 1][0].end()
                return start, end, text[start:end]
        return None

    def tfidf(self, counts: Counter[str]) -> dict[str, float]:
        """The L2-normalised TF-IDF weights of a text's terms (``terms(text)``) over this model's vocabulary."""
        idf = self.idf
        weights = {t: (1.0 + math.log(n)) * idf[t] for t, n in counts.items() if t in idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def contributions(self, text: str, counts: Counter[str] | None = None,
                      tfidf: dict[str, float] | None = None) -> tuple[float, list[tuple[str, float]]]:
        """(prediction, [(term, contribution)] sorted by |contribution|, largest first).

        ``counts`` (``terms(text)``) may be given when several models read the same text, and
        ``tfidf`` (``tfidf(counts)``) when they also share the vocabulary and its idf.
        """
        if tfidf is None:
            tfidf = self.tfidf(self.terms(text) if counts is None else counts)
        get = self.coef.get
        contrib = [(t, c) for t, w in tfidf.items() if (c := w * get(t, 0.0))]
        # the order of the key (-|c|, term) from two stable sorts, without building a tuple per term (a quarter
        # of the time of the five article-level models); the sum then adds the same floats in the same order
        contrib.sort(key=_TERM)
        contrib.sort(key=_size, reverse=True)  # reverse keeps equal sizes in term order
        return self.intercept + sum(map(_CONTRIBUTION, contrib)), contrib

    def predict(self, text: str) -> float:
        return self.contributions(text)[0]

    def rating(self, score: float) -> float:
        """The 1-10 rating a linear score stands for."""
        return math.exp(max(-50.0, min(50.0, score))) if self.target == "log" else score

    def signal_value(self, score: float) -> float:
        """A linear score as a 0..1 signal value: (rating - 1) / 9, or log10 of the rating for a log model
        (both 0 at a rating of 1 and 1 at 10)."""
        value = score / math.log(10.0) if self.target == "log" else (score - 1.0) / 9.0
        return max(0.0, min(1.0, value))

    def describe(self, contribution: float) -> str:
        """How one term moved the rating, in words a reader can check: '+0.12' or 'x1.05'."""
        return f"\u00d7{math.exp(contribution):.2f}" if self.target == "log" else f"{contribution:+.2f}"

    def to_dict(self) -> dict:
        out = {"idf": self.idf, "coef": self.coef, "intercept": self.intercept}
        if self.target != "linear":
            out["target"] = self.target
        if self.norm is not None:
            out["norm"], out["lead"] = self.norm, self.lead
        return out

    @classmethod
    def from_dict(cls, data: dict) -> WordModel:
        return cls(data["idf"], data["coef"], data["intercept"], data.get("target", "linear"), data.get("norm"),
                   data.get("lead", 0))


def save_models(models: dict[str, WordModel], path: str | Path, meta: dict | None = None) -> None:
    payload = {"meta": meta or {}, **{k: m.to_dict() for k, m in models.items()}}
    # mtime=0 and sorted keys: the same fit gives the same bytes
    Path(path).write_bytes(gzip.compress(json.dumps(payload, sort_keys=True).encode(), mtime=0))


@lru_cache(maxsize=1)
def default_models() -> dict[str, WordModel]:
    raw = resources.files("newsverdict.data").joinpath(MODEL_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    return {k: WordModel.from_dict(v) for k, v in data.items() if k != "meta"}
