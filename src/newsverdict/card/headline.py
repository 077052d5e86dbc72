"""Clickbait strength of a headline: a linear model over word and character n-grams.

The weights ship in ``data/headline_model.json.gz`` and are produced by
``scripts/train_headline.py`` from the seeded train part of the dev data
(Webis-Clickbait-17 strength means plus the Chakraborty headline labels).
Scoring is pure Python: no numpy or scikit-learn import at run time.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

_WORD = re.compile(r"[a-z0-9']+|[?!]")
MODEL_FILE = "headline_model.json.gz"
#: Function words carry no content of their own: a weight on "the" or "of" says more about the
#: training headlines' length than about clickbait. Left out as single-word features (they stay
#: inside word pairs and character n-grams, where "the best" or "of the year" have meaning).
#: Words that address or tease the reader ("you", "this", "why") are not function words here.
FUNCTION_WORDS = frozenset("""a an the of in on at to for from by with and or but as is are was were be been being
it its that which who whom into onto than then so such there their they them he she his her him we our us i me my
has have had do does did not no""".split())
#: Sentence-form cues of a teaser headline, each one feature the card can name: a forward reference that
#: holds back what it points at ("This is why...", "Here's what..."), the reader addressed, a superlative,
#: a question, an exclamation, a list ("17 things..."), a link or handle (a post, not a headline).
CUES = (
    ("forward reference at the start",
     re.compile(r"^(?:this|these|here'?s|here is|here are|why|what|how|watch|meet|guess|can you)\b")),
    ("forward reference", re.compile(r"\b(?:this|these|here'?s|here)\b")),
    ("the reader addressed", re.compile(r"\b(?:you|your|you're|yourself)\b")),
    ("superlative", re.compile(r"\b(?:(?!(?:inter|prot|requ|arr|cont|sugg|inv|harv|manif|dig|for|gu|hon|mod|"
                                r"ch|cr|[tnwvlrpjzf]|qu)est\b)"
                                r"\w+est|most|best|worst|ever)\b")),
    ("question", re.compile(r"\?")),
    ("exclamation", re.compile(r"!")),
    ("a list", re.compile(r"^\d+\s+\w")),
    ("a link or handle", re.compile(r"https?://|\bvia\b|@\w")),
)


def features(headline: str) -> list[str]:
    """The features the model sees: words, word pairs, character 2-5-grams, sentence-form cues, shape."""
    text = " ".join(headline.split())
    lower = text.lower()
    toks = _WORD.findall(lower)
    feats = [f"w:{t}" for t in toks if t not in FUNCTION_WORDS]
    feats += [f"b:{a} {b}" for a, b in pairwise(toks)]
    if toks and toks[0] not in FUNCTION_WORDS:  # "first:the" weighed +0.12: a function word again
        feats.append(f"first:{toks[0]}")
    feats += [f"cue:{name}" for name, pattern in CUES if pattern.search(lower)]
    padded = f" {lower} "
    for n in (2, 3, 4, 5):
        feats += [f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1)]
    words = text.split()
    caps = sum(1 for w in words if len(w) >= 3 and w.isupper())
    feats.append(f"len:{min(len(words) // 3, 8)}")
    if caps:
        feats.append(f"caps:{min(caps, 3)}")
    if words and words[0][:1].isdigit():
        feats.append("starts_with_number")
    if text.endswith("?"):
        feats.append("ends_question")
    return feats


class HeadlineModel:
    """Two stacked logistic models over the same features.

    ``style`` is fitted on headlines labelled clickbait/not by site (Chakraborty);
    its logit is one more input of ``strength``, fitted on the Webis strength
    means. ``score`` returns the strength: p(clickbait) on the Webis 0..1 scale.
    """

    def __init__(
        self,
        weights: dict[str, float],
        bias: float,
        meta: dict | None = None,
        style_weights: dict[str, float] | None = None,
        style_bias: float = 0.0,
        style_coef: float = 0.0,
    ):
        self.weights = weights
        self.bias = bias
        self.meta = meta or {}
        self.style_weights = style_weights or {}
        self.style_bias = style_bias
        self.style_coef = style_coef

    @classmethod
    def load(cls, path: str | Path | None = None) -> HeadlineModel:
        if path is None:
            raw = resources.files("newsverdict.data").joinpath(MODEL_FILE).read_bytes()
        else:
            raw = Path(path).read_bytes()
        data = json.loads(gzip.decompress(raw))
        return cls(
            data["weights"], data["bias"], data.get("meta", {}),
            data.get("style_weights", {}), data.get("style_bias", 0.0), data.get("style_coef", 0.0),
        )

    def save(self, path: str | Path) -> None:
        payload = {
            "bias": self.bias, "weights": self.weights, "meta": self.meta,
            "style_weights": self.style_weights, "style_bias": self.style_bias,
            "style_coef": self.style_coef,
        }
        # mtime=0 keeps the file byte-identical across re-trainings with the same result.
        Path(path).write_bytes(gzip.compress(json.dumps(payload, sort_keys=True).encode(), mtime=0))

    def style_logit(self, feats: list[str]) -> float:
        return self.style_bias + sum(self.style_weights.get(f, 0.0) for f in feats)

    def score(self, headline: str) -> float:
        # each feature once, as in training (scripts/train_headline.vectorize): summing a character
        # n-gram once per occurrence scored long headlines with repeated n-grams off the fitted scale
        feats = list(dict.fromkeys(features(headline)))
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if self.style_coef:
            z += self.style_coef * self.style_logit(feats)
        return _sigmoid(z)

    def style(self, headline: str) -> float:
        """p(clickbait-style headline) from the site-labelled model alone."""
        return _sigmoid(self.style_logit(list(dict.fromkeys(features(headline)))))

    def top_features(self, headline: str, k: int = 4) -> list[tuple[str, float]]:
        """The features that pushed this headline's score most, for evidence."""
        seen: dict[str, float] = {}
        for f in features(headline):
            if f.startswith(("w:", "b:", "cue:", "caps:", "starts_", "ends_")) and f in self.weights:
                seen[f] = self.weights[f]
        return sorted(seen.items(), key=lambda kv: -abs(kv[1]))[:k]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def default_model() -> HeadlineModel:
    return HeadlineModel.load()
