"""Fitting the scores on rated articles, one home for scripts/fit_weights.py and bench/quality.py.

Both use the same pieces, so the grouped cross-validation in the harness measures
exactly what ``make models`` ships:

* ``event_groups``: which rated articles are about one event (they stay on one side
  of every split);
* ``grouped_folds``: k folds over those groups, deterministic;
* ``measure_rows``: the signals of every article (the pipeline's own clean stage,
  language check included; refused articles are named, not fatal);
* ``fit_scores`` / ``predict``: the word models (TF-IDF 1-2-gram ridge, learnt per
  score) stacked with the hand-built signals in a non-negative linear model.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

from newsverdict.card.clean import clean
from newsverdict.card.headline import FUNCTION_WORDS
from newsverdict.card.signals import (
    TONE_LABELS,
    TONE_SIGNALS,
    WORD_SIGNALS,
    measure,
    tone_value,
    word_text,
    word_value,
)
from newsverdict.card.text import STOPWORDS
from newsverdict.card.wordmodel import TOKEN_PATTERN, WordModel, analyze
from newsverdict.errors import InputError
from newsverdict.models import Article, CleanArticle

KINDS = ("impact", "hype")
TARGET = {"impact": "impact_mean", "hype": "hype_mean"}
#: Two articles whose TF-IDF cosine (named entities and content words) reaches this are taken
#: as reports of one event. Chosen by reading the pairs around the cut on dev: above it, the
#: same event retold; below, the same kind of event (two earthquakes, two trials).
SAME_EVENT_COSINE = 0.30
_ECB_ID = re.compile(r"^ecbplus:(\d+)_")
_WORD_RE = re.compile(r"\b[^\W\d_][^\W\d_]+\b")
#: Ridge penalties tried for the signal weights; chosen per score by inner grouped CV.
ALPHAS = (0.01, 0.03, 0.1, 1.0, 3.0, 10.0, 30.0)
#: The word models' ridge penalty: 0.5 by grouped CV on dev (0.3: same; 1.0: impact -0.02, hype -0.015).
WORD_ALPHA = 0.5
#: What each word model is fitted on: hype is skewed (most articles sober, a few very loud), and a
#: model of its logarithm ranks better (grouped CV on dev, the word model alone: hype Spearman 0.673
#: linear, 0.696 log); impact is not helped by it (0.669 linear, 0.663 log).
WORD_TARGET = {"impact": "linear", "hype": "log"}
#: How each word model reads a text (None: word 1-2-grams as written). Impact's reads stems, leaves names
#: out, counts the first LEAD words twice and keeps only terms found in articles of at least MIN_EVENTS
#: events, so that it learns kinds of events, not the events of dev ("Athens", "Greek" had put a Greek riot
#: at 10). Grouped CV on dev (docs/scoring.md, issue 10 eighth session): whole-number Spearman 0.704 -> 0.702,
#: Pearson 0.742 -> 0.744, MAE 0.739 -> 0.735, PTC 0.572 -> 0.588 (MAE 0.948 -> 0.876).
WORD_READING: dict[str, dict | None] = {"impact": {"lead": 80, "min_events": 2}, "hype": None}
#: A signal must be clearly present (> 0.05) in this many rated training articles to be fitted;
#: otherwise it keeps the hand-set weight of FALLBACK (score points at full strength).
MIN_SUPPORT = 8
FALLBACK = {"hype": {"repetition": 2.0, "anonymous_sourcing": 1.0}, "impact": {}}
#: Predictions are spread this much around the training mean: a least-squares fit with weak
#: features pulls everything towards the mean, and whole-number scores then tie too often.
#: 1.2 was chosen by grouped CV on dev (Spearman of the rounded scores up, MAE about level).
STRETCH = {"impact": 1.2, "hype": 1.2}
#: How each score's signal weights are fitted. "least_squares": a non-negative ridge against the ratings.
#: "pairwise" (``_fit_pairwise``): non-negative weights that order the pairs of rated articles as the
#: annotators do, then one scale and offset onto the ratings by least squares. Measured on the grouped folds
#: of dev and not used (docs/scoring.md, sixth session): for hype, Spearman 0.752 -> 0.760 and MAE 1.060 ->
#: 1.071 at stretch 1.2 (noise); 0.759 / 1.028 at stretch 1.0, but then the loud end is compressed (the
#: examples' gossip page 10 -> 8, the rubric anchor of 9 -> 8); for impact 0.703 -> 0.694.
SECOND_STAGE = {"impact": "least_squares", "hype": "least_squares"}
#: The pairwise stage's pairs (ratings at least this far apart) and its L2 penalty on standardised signals,
#: by grouped CV on dev (margin 0.25-1.0 and penalty 0.0001-0.001 about level; 0.01 -0.005).
RANK_MARGIN = 0.5
RANK_ALPHA = 0.001
#: The annotators' notes (the ``why`` of each rating) read as tone labels, by fixed rules: a rated article
#: has a label when at least two of its annotators' notes match the pattern. Only the notes of training
#: rows are read; the card's tone signals (signals.TONE_SIGNALS) predict the labels from the article's words.
TONE_LABELS_RULES = {
    "loaded": r"\b(loaded|emotive|vivid|tabloid|sensational\w*|shocking|stunning|dramatic|colourful|emotional|"
              r"brutal|bait|all-caps|clickbait)\b",
    "unverified": r"\b(speculative|speculation|unverified|unconfirmed|insinuation|conspiracy|cover-up|rumou?rs?|fake|"
                  r"overstates?|outruns?|spun|unsupported)\b",
    "sober": r"\b(factual|sober|plain|plainly|attributed|balanced|measured|neutral|dry|straightforward|wire|"
             r"proportionate|even-handed|calm|police-sourced|sourced)\b",
}
assert tuple(TONE_LABELS_RULES) == TONE_LABELS
#: The tone models' inverse regularisation (logistic C), by grouped CV on dev (2 and 4 about level).
TONE_C = 2.0
#: Signals with no labelled data at all (only story cards have them).
HAND_SET = {"hype": {"coverage_volume": 1.5}}


def event_groups(rows: list[dict], threshold: float = SAME_EVENT_COSINE) -> list[str]:
    """One group label per row: articles about one event share it.

    ECB+ ids carry their topic (``ecbplus:<topic>_<n>ecb[plus]``): a topic's two subtopics
    are two events of one kind, kept together to be safe. Every other pair of articles
    (FRANK, PTC, and across datasets) is joined when the TF-IDF cosine of their texts reaches
    ``threshold``; groups are the connected components.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_of_topic: dict[str, int] = {}
    for i, r in enumerate(rows):
        m = _ECB_ID.match(str(r.get("id", "")))
        if m:
            union(i, first_of_topic.setdefault(m.group(1), i))
    if len(rows) > 1:
        x = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(
            [r.get("title", "") + "\n" + r["text"] for r in rows])
        sim = (x @ x.T).toarray()
        for i, j in zip(*np.nonzero(np.triu(sim, 1) >= threshold), strict=True):
            union(int(i), int(j))
    return [f"g{find(i)}" for i in range(len(rows))]


def grouped_folds(groups: list[str], k: int = 5) -> np.ndarray:
    """Fold number per row: whole groups, largest first, each to the fold with fewest rows so far.

    Ties are broken by a hash of the group label, so the folds do not depend on row order.
    """
    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    k = max(1, min(k, len(sizes)))
    order = sorted(sizes, key=lambda g: (-sizes[g], hashlib.sha256(g.encode()).hexdigest()))
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in order:
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[g] = f
        load[f] += sizes[g]
    return np.array([fold_of[g] for g in groups])


@dataclass
class Measured:
    """Signals of the rows that were judged, and the rows that were refused with why."""

    rows: list[dict]
    names: dict[str, list[str]]
    x: dict[str, np.ndarray]
    texts: list[str]
    refused: list[tuple[str, str]] = field(default_factory=list)


def measure_rows(rows: list[dict], *, check_language: bool = True) -> Measured:
    kept, texts, refused = [], [], []
    names: dict[str, list[str]] = {k: [] for k in KINDS}
    values: dict[str, list[list[float]]] = {k: [] for k in KINDS}
    for r in rows:
        try:
            cleaned: CleanArticle = clean(Article(text=r["text"], title=r.get("title", "")), min_words=1,
                                          check_language=check_language)
        except InputError as exc:
            refused.append((str(r.get("id", "?")), str(exc)))
            continue
        sigs = measure(cleaned)
        for kind in KINDS:
            chosen = [s for s in sigs if s.kind == kind]
            names[kind] = [s.name for s in chosen]
            values[kind].append([s.value for s in chosen])
        kept.append(r)
        texts.append(word_text(cleaned))
    x = {k: np.array(v, dtype=float).reshape(len(kept), len(names[k])) for k, v in values.items()}
    return Measured(kept, names, x, texts, refused)


def word_table(texts: list[str]) -> dict[str, str]:
    """Every word of the texts (lower case) to what a model with a word table reads: its Porter stem; nothing
    for a name (a word the texts never write in lower case); function words as they are."""
    from nltk.stem import PorterStemmer

    stemmer = PorterStemmer()
    seen: dict[str, bool] = {}
    for t in texts:
        for w in _WORD_RE.findall(t):
            low = w.lower()
            seen[low] = seen.get(low, False) or not w[0].isupper()
    return {w: (w if w in FUNCTION_WORDS or w in STOPWORDS else stemmer.stem(w)) if lower else ""
            for w, lower in sorted(seen.items())}


def _event_vocabulary(texts: list[str], groups: list[str], norm: dict[str, str], lead: int,
                      min_events: int) -> list[str]:
    """The terms found in at least two texts and in texts of at least ``min_events`` events."""
    docs: dict[str, int] = {}
    events: dict[str, set[str]] = {}
    for t, g in zip(texts, groups, strict=True):
        for term in set(analyze(t, norm, lead)):
            docs[term] = docs.get(term, 0) + 1
            events.setdefault(term, set()).add(g)
    return sorted(t for t, n in docs.items() if n >= 2 and len(events[t]) >= min_events)


def fit_word_model(texts: list[str], y: np.ndarray, alpha: float = WORD_ALPHA, target: str = "linear",
                   groups: list[str] | None = None, reading: dict | None = None) -> WordModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    norm, lead = None, 0
    if reading is None:
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=TOKEN_PATTERN)
    else:
        norm, lead = word_table(texts), int(reading.get("lead", 0))
        vocabulary = _event_vocabulary(texts, groups or [str(i) for i in range(len(texts))], norm, lead,
                                       int(reading.get("min_events", 1)))
        vec = TfidfVectorizer(analyzer=lambda t: analyze(t, norm, lead), vocabulary=vocabulary, sublinear_tf=True)
    xt = vec.fit_transform(texts)
    ridge = Ridge(alpha=alpha).fit(xt, np.log(np.clip(y, 1.0, None)) if target == "log" else y)
    vocab = vec.get_feature_names_out()
    idf = {str(t): float(v) for t, v in zip(vocab, vec.idf_, strict=True)}
    coef = {str(t): float(c) for t, c in zip(vocab, ridge.coef_, strict=True) if abs(c) > 1e-9}
    return WordModel(idf, coef, float(ridge.intercept_), target, norm, lead)


def tone_labels(rows: list[dict]) -> dict[str, np.ndarray]:
    """0/1 per row and tone label: do at least two annotators' notes name that tone? (no notes: 0)"""
    out = {}
    for label, pattern in TONE_LABELS_RULES.items():
        rx = re.compile(pattern, re.I)
        out[label] = np.array([sum(bool(rx.search(str(a.get("why", "")))) for a in r.get("ratings", [])) >= 2
                               for r in rows], dtype=int)
    return out


def fit_tone_models(texts: list[str], labels: dict[str, np.ndarray], c: float = TONE_C) -> dict[str, WordModel]:
    """One logistic word model per tone label (TF-IDF 1-2-grams as the word models); its score is a logit."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=TOKEN_PATTERN)
    xt = vec.fit_transform(texts)
    vocab = vec.get_feature_names_out()
    idf = {str(t): float(v) for t, v in zip(vocab, vec.idf_, strict=True)}
    out = {}
    for label in TONE_LABELS:
        y = labels[label]
        if y.min() == y.max():  # no notes (another data set) or one class only: a constant model
            share = float(np.clip(y.mean(), 0.01, 0.99))
            out[label] = WordModel({}, {}, float(np.log(share / (1 - share))))
            continue
        lr = LogisticRegression(C=c, max_iter=2000).fit(xt, y)
        coef = {str(t): float(w) for t, w in zip(vocab, lr.coef_[0], strict=True) if abs(w) > 1e-9}
        out[label] = WordModel({t: idf[t] for t in coef}, coef, float(lr.intercept_[0]))
    return out


def tone_columns(models: dict[str, WordModel], texts: list[str]) -> dict[str, list[float]]:
    """Each tone signal's values for the texts."""
    return {name: [tone_value(models[label], label, t) for t in texts] for name, label in TONE_SIGNALS.items()}


def _oof_tone_values(texts: list[str], labels: dict[str, np.ndarray], groups: list[str],
                     k: int = 5) -> dict[str, np.ndarray]:
    """Tone signal values for training rows from tone models that did not see their event (stacking)."""
    folds = grouped_folds(groups, k)
    out = {name: np.zeros(len(texts)) for name in TONE_SIGNALS}
    for f in sorted(set(folds)):
        test = folds == f
        keep = ~test if not test.all() else test
        models = fit_tone_models([t for t, m in zip(texts, keep, strict=True) if m],
                                 {label: v[keep] for label, v in labels.items()})
        for name, values in tone_columns(models, [t for t, m in zip(texts, test, strict=True) if m]).items():
            out[name][test] = values
    return out


@dataclass
class ScoreModel:
    """One score: a word model and non-negative weights over the signals (word signal included)."""

    names: list[str]
    coef: np.ndarray
    intercept: float
    word_model: WordModel
    meta: dict = field(default_factory=dict)
    tone_models: dict[str, WordModel] | None = None
    #: The stacked predictions on the rated training rows and their ratings (for a calibration step).
    train_fit: tuple[np.ndarray, np.ndarray] | None = None

    def predict(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        return np.clip(self.features(x, texts) @ self.coef + self.intercept, 1, 10)

    def features(self, x: np.ndarray, texts: list[str]) -> np.ndarray:
        out = _with_word_values(x, self.names, [word_value(self.word_model, t) for t in texts])
        if self.tone_models is not None:
            for name, values in tone_columns(self.tone_models, texts).items():
                out = _with_column(out, self.names, name, values)
        return out


def _with_column(x: np.ndarray, names: list[str], name: str, values: list[float]) -> np.ndarray:
    """The signal matrix with one named signal's column replaced (no such signal: unchanged)."""
    out = x.copy()
    if name in names:
        out[:, names.index(name)] = values
    return out


def _with_word_values(x: np.ndarray, names: list[str], word_values: list[float]) -> np.ndarray:
    """The signal matrix with the word signal's column replaced by values from a given word model."""
    out = x.copy()
    col = [i for i, n in enumerate(names) if n in WORD_SIGNALS]
    if col:
        out[:, col[0]] = word_values
    return out


def _oof_word_values(texts: list[str], y: np.ndarray, groups: list[str], k: int = 5,
                     target: str = "linear", reading: dict | None = None) -> list[float]:
    """Word-model values for training rows from models that did not see their event (stacking)."""
    folds = grouped_folds(groups, k)
    out = np.zeros(len(texts))
    for f in sorted(set(folds)):
        test = folds == f
        if test.all():  # one group only: nothing to learn from
            out[test] = word_value(fit_word_model(texts, y, target=target, groups=groups, reading=reading), "")
            continue
        model = fit_word_model([t for t, m in zip(texts, test, strict=True) if not m], y[~test], target=target,
                               groups=[g for g, m in zip(groups, test, strict=True) if not m], reading=reading)
        out[test] = [word_value(model, t) for t, m in zip(texts, test, strict=True) if m]
    return list(out)


def _hand_set(x: np.ndarray, names: list[str], kind: str, n_rated: int) -> tuple[list[int], np.ndarray]:
    """(the signals to fit, the hand-set weights of those too rare on the rated rows to fit: FALLBACK)."""
    support = (x[:n_rated] > 0.05).sum(axis=0)
    fitted = [j for j, n in enumerate(names) if support[j] >= MIN_SUPPORT or n not in FALLBACK[kind]]
    fixed = np.zeros(len(names))
    for j, n in enumerate(names):
        if j not in fitted:
            fixed[j] = FALLBACK[kind][n]
    return fitted, fixed


def _fit_linear(x: np.ndarray, y: np.ndarray, names: list[str], kind: str, alpha: float,
                sample_weight: np.ndarray, n_rated: int) -> tuple[np.ndarray, float, dict]:
    from sklearn.linear_model import Ridge

    fitted, fixed = _hand_set(x, names, kind, n_rated)
    resid = y - x @ fixed
    model = Ridge(alpha=alpha, positive=True).fit(x[:, fitted], resid, sample_weight=sample_weight)
    coef = fixed.copy()
    coef[fitted] = model.coef_
    intercept = float(model.intercept_)
    hand = {names[j]: float(fixed[j]) for j in range(len(names)) if j not in fitted}
    return coef, intercept, {"alpha": alpha, "hand_set": hand}


def _fit_pairwise(x: np.ndarray, y: np.ndarray, names: list[str], kind: str, alpha: float,
                  sample_weight: np.ndarray, n_rated: int) -> tuple[np.ndarray, float, dict]:
    """Non-negative weights that order the pairs of articles as their ratings do, mapped onto the ratings.

    Pairs: every (i, j) with y_i - y_j >= RANK_MARGIN, weighted by the gap and by both rows' sample weights
    (an anchor counts as much in a pair as in the least-squares fit). Loss: log(1 + exp(-w . (x_i - x_j)))
    on signals divided by their spread (so the penalty treats them alike) plus ``alpha`` |w|^2. The
    hand-set weights of signals too rare to fit (FALLBACK) are kept, as in ``_fit_linear``, and their part
    of each pair's difference is added in. Then y ~ a * (x . w) + b by weighted least squares (a > 0).
    """
    from scipy.optimize import minimize

    fitted, fixed = _hand_set(x, names, kind, n_rated)
    i, j = np.nonzero((y[:, None] - y[None, :]) >= RANK_MARGIN)
    xf = x[:, fitted]
    spread = xf.std(axis=0) + 1e-9
    diff = (xf[i] - xf[j]) / spread
    offset = (x[i] - x[j]) @ fixed
    pair_w = (y[i] - y[j]) * sample_weight[i] * sample_weight[j]
    pair_w = pair_w / max(pair_w.sum(), 1e-12)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = diff @ w + offset
        grad_s = -pair_w / (1.0 + np.exp(np.clip(s, -50, 50)))
        return float(pair_w @ np.logaddexp(0.0, -s) + alpha * w @ w), diff.T @ grad_s + 2 * alpha * w

    w0 = np.full(len(fitted), 0.1)
    w = minimize(loss, w0, jac=True, method="L-BFGS-B", bounds=[(0.0, None)] * len(fitted)).x / spread
    score = xf @ w
    a = np.column_stack([score, np.ones(len(y))]) * np.sqrt(sample_weight)[:, None]
    scale, intercept = np.linalg.lstsq(a, (y - x @ fixed) * np.sqrt(sample_weight), rcond=None)[0]
    scale = max(float(scale), 0.0)
    coef = fixed.copy()
    coef[fitted] = w * scale
    hand = {names[k]: float(fixed[k]) for k in range(len(names)) if k not in fitted}
    return coef, float(intercept), {"alpha": alpha, "hand_set": hand, "second_stage": "pairwise",
                                    "rank_margin": RANK_MARGIN}


def fit_scores(measured: Measured, idx: np.ndarray, groups: list[str], anchors: Measured | None = None,
               anchor_weight: float = 2.0, alpha: dict[str, float] | None = None) -> dict[str, ScoreModel]:
    """Fit both scores on the rows ``idx`` of ``measured`` (plus the anchors, if any)."""
    from scipy.stats import spearmanr

    out = {}
    tr_groups = [groups[i] for i in idx]
    texts = [measured.texts[i] for i in idx]
    for kind in KINDS:
        names = measured.names[kind]
        y = np.array([measured.rows[i][TARGET[kind]] for i in idx], dtype=float)
        target = WORD_TARGET[kind]
        reading = WORD_READING[kind]
        x = _with_word_values(measured.x[kind][idx], names,
                              _oof_word_values(texts, y, tr_groups, target=target, reading=reading))
        word = fit_word_model(texts, y, target=target, groups=tr_groups, reading=reading)
        tone = None
        if any(name in names for name in TONE_SIGNALS):
            labels = tone_labels([measured.rows[i] for i in idx])
            for name, values in _oof_tone_values(texts, labels, tr_groups).items():
                x = _with_column(x, names, name, list(values))
            tone = fit_tone_models(texts, labels)
        if anchors is not None and anchors.rows:
            ya = np.array([r[kind] for r in anchors.rows], dtype=float)
            xa = _with_word_values(anchors.x[kind], names, [word_value(word, t) for t in anchors.texts])
            if tone is not None:
                for name, values in tone_columns(tone, anchors.texts).items():
                    xa = _with_column(xa, names, name, values)
            x_all, y_all = np.vstack([x, xa]), np.concatenate([y, ya])
            sw = np.concatenate([np.ones(len(y)), np.full(len(ya), anchor_weight)])
        else:
            x_all, y_all, sw = x, y, np.ones(len(y))
        a = (alpha or {}).get(kind)
        if SECOND_STAGE[kind] == "pairwise":
            coef, intercept, meta = _fit_pairwise(x_all, y_all, names, kind, RANK_ALPHA if a is None else a, sw,
                                                  len(y))
            out[kind] = _stretched(kind, names, coef, intercept, meta, word, tone, x, y)
            continue
        if a is None:  # chosen by inner grouped CV on the rated rows only, by Spearman
            folds = grouped_folds(tr_groups, 5)

            def inner(a: float, x=x, y=y, folds=folds, names=names, kind=kind) -> float:
                pred = np.zeros(len(y))
                for f in sorted(set(folds)):
                    t = folds == f
                    if t.all():
                        return float("-inf")
                    c, b, _ = _fit_linear(x[~t], y[~t], names, kind, a, np.ones((~t).sum()), int((~t).sum()))
                    pred[t] = x[t] @ c + b
                rho = spearmanr(pred, y)[0]
                return float(rho) if rho == rho else float("-inf")

            a = max(ALPHAS, key=inner)
        coef, intercept, meta = _fit_linear(x_all, y_all, names, kind, a, sw, len(y))
        out[kind] = _stretched(kind, names, coef, intercept, meta, word, tone, x, y)
    return out


def _stretched(kind: str, names: list[str], coef: np.ndarray, intercept: float, meta: dict, word: WordModel,
               tone: dict[str, WordModel] | None, x: np.ndarray, y: np.ndarray) -> ScoreModel:
    """The fitted score, spread by STRETCH around its mean on the rated training rows."""
    stretch = STRETCH[kind]
    centre = float(np.mean(x @ coef + intercept))
    coef, intercept = coef * stretch, centre - stretch * (centre - intercept)
    meta["stretch"] = stretch
    return ScoreModel(names, coef, intercept, word, meta, tone, (x @ coef + intercept, y))


def cross_validate(measured: Measured, groups: list[str], k: int = 5, anchors: Measured | None = None,
                   baseline: bool = True, anchor_weight: float = 2.0) -> dict[str, dict[str, np.ndarray]]:
    """Out-of-fold predictions per score for ours and the TF-IDF ridge baseline on the same folds."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline

    folds = grouped_folds(groups, k)
    n = len(measured.rows)
    preds = {kind: {"ours": np.zeros(n), "ridge": np.zeros(n)} for kind in KINDS}
    raw_texts = [r["text"] for r in measured.rows]
    for f in sorted(set(folds)):
        test = folds == f
        idx = np.nonzero(~test)[0]
        models = fit_scores(measured, idx, groups, anchors, anchor_weight=anchor_weight)
        t_idx = np.nonzero(test)[0]
        for kind in KINDS:
            m = models[kind]
            preds[kind]["ours"][test] = m.predict(measured.x[kind][t_idx], [measured.texts[i] for i in t_idx])
            if baseline:
                y = np.array([measured.rows[i][TARGET[kind]] for i in idx], dtype=float)
                ridge = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                                      Ridge(alpha=1.0)).fit([raw_texts[i] for i in idx], y)
                preds[kind]["ridge"][test] = np.clip(ridge.predict([raw_texts[i] for i in t_idx]), 1, 10)
    return preds
