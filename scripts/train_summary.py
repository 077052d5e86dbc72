"""Choose the summary ranker's sentence-length cost, and test a supervised sentence scorer, on the FRANK train half.

    python -m scripts.train_summary [--data DIR] [--supervised]

Only the CNN/DM train half of ``frank_cnndm_xsum_summaries`` is used (``split(rows, "id",
train=0.5)``, as bench/quality.py reports the val half). Every figure is the ROUGE F1 (x100, stemmed)
of the card's own summary (``prose.write``, so the budget, the redundancy check, the attribution and
the key points' share all count) against the reference highlights.

* ``LENGTH_COST``: grouped 5-fold cross-validation (each article is its own group; FRANK has one
  article per event) over a grid; the value printed last is the one chosen on the whole train half,
  which prose.py carries as a constant.
* ``--supervised``: the honest test of a learnt scorer. Each usable sentence gets a handful of
  explainable features (position, first, relative position, length, centrality, overlap with the
  lead, figures, quotation, attribution, capitalised words, impact evidence, topic words, main
  event) and a label from its ROUGE against the reference (R-1 + R-2 precision, or membership of
  the greedy ROUGE oracle); a logistic model (pointwise on the oracle labels, pairwise within each
  article on the precision labels) is fitted on four folds and the card's summary, ranked by it, is
  scored on the fifth. It lost 1.2-2.7 R-1 to the hand ranking (docs/prose.md, 2026-12-07), so
  nothing of it ships; the script keeps the test reproducible.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import statistics
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np

from bench.datasets import DEFAULT_DATA_DIR, load, split
from newsverdict.card import prose
from newsverdict.card.clean import clean
from newsverdict.card.scoring import score, weigh
from newsverdict.card.signals import measure
from newsverdict.errors import InputError
from newsverdict.sources.extract import from_text

#: rank lost per word, in steps of 0.05 of rank per 30 words (a long lead sentence)
LENGTH_GRID = tuple(k * 0.05 / 30 for k in range(7))
FOLDS = 5
FEATURES = ("position", "first", "relpos", "words", "central", "lead_overlap", "figure", "quote", "said",
            "capitals", "evidence", "topic", "main_event")
_SAID = re.compile(r"\b(?:said|says|told|according to|added|claimed|explained)\b")
_CAPITAL = re.compile(r"(?<!^)\b[A-Z][a-z]+")
_QUOTE = re.compile(r"[\"“”]|(?:^|\s)'\w")


class Article:
    def __init__(self, row: dict) -> None:
        self.id = row["id"]
        self.reference = row["reference_summary"]
        self.lead = row["article_sentences"]
        self.clean = clean(from_text(row["article"]), min_words=1)
        self.signals = weigh(measure(self.clean), None)
        self.scores = score(self.signals, None)

    def summary(self) -> str:
        return prose.write(self.clean, self.signals, self.scores).summary


def _rouge() -> Callable[[str, str], dict[str, float]]:
    from rouge_score import rouge_scorer

    from bench.quality import _sentences

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)

    @cache
    def rouge(reference: str, text: str) -> dict[str, float]:
        # as bench/quality.py scores it: one sentence a line for ROUGE-Lsum
        s = scorer.score(reference.replace(" . ", " .\n"), "\n".join(_sentences(text)))
        return {k: 100 * v.fmeasure for k, v in s.items()}

    return rouge


ROUGE = _rouge()


def card_r1(articles: list[Article]) -> np.ndarray:
    return np.array([ROUGE(a.reference, a.summary())["rouge1"] for a in articles])


def folds(articles: list[Article], seed: int = 0) -> list[list[Article]]:
    order = sorted(articles, key=lambda a: a.id)
    random.Random(seed).shuffle(order)
    return [order[f::FOLDS] for f in range(FOLDS)]


def choose_length_cost(articles: list[Article]) -> float:
    best = None
    for cost in LENGTH_GRID:
        prose.LENGTH_COST = cost
        value = float(card_r1(articles).mean())
        if best is None or value > best[0] + 0.05:  # a larger cost must earn its place
            best = (value, cost)
    return best[1]


def cross_validate_length(articles: list[Article]) -> tuple[np.ndarray, list[float]]:
    held: dict[str, float] = {}
    chosen = []
    for test in folds(articles):
        train = [a for a in articles if a not in test]
        cost = choose_length_cost(train)
        chosen.append(cost)
        prose.LENGTH_COST = cost
        held.update({a.id: r for a, r in zip(test, card_r1(test), strict=True)})
    return np.array([held[a.id] for a in articles]), chosen


# --- the supervised scorer (tested, not shipped) -----------------------------------------------


def sentence_features(article: Article) -> dict[int, list[float]]:
    c = article.clean
    central, info = prose._sentence_features(c, article.signals)
    sentences = c.sentences
    usable = [i for i, s in enumerate(sentences)
              if prose._usable(s, alone=False) and len(s.text.split()) >= prose.SUMMARY_MIN_WORDS]
    lead = usable[0] if usable else 0
    lead_words = prose._content_set(sentences[lead].text)
    topic = prose._topic_stems(c)
    rows = {}
    for i in usable:
        text = sentences[i].text
        words = text.split()
        content = prose._content_set(text)
        rows[i] = [
            1.0 / (1.0 + prose.POSITION_DECAY * i), float(i == lead), i / max(1, len(sentences) - 1),
            len(words) / 30, central[i], len(content & lead_words) / max(1, len(content)),
            float(bool(re.search(r"\d", text))), float(bool(_QUOTE.search(text))), float(bool(_SAID.search(text))),
            len(_CAPITAL.findall(text)) / max(1, len(words)), min(info[i], 3) / 3,
            float(prose._names_topic(text, topic)), float(bool(prose._MAIN_EVENT.search(text))),
        ]
    return rows


def sentence_labels(article: Article, rows: dict[int, list[float]]) -> dict[str, dict[int, float]]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    texts = {i: article.clean.sentences[i].text for i in rows}
    precision = {}
    for i, text in texts.items():
        s = scorer.score(article.reference, text)
        precision[i] = s["rouge1"].precision + s["rouge2"].precision
    # greedy oracle: add the sentence that most raises R-1 + R-2 of the set, within the card's budget
    chosen: list[int] = []
    best, used = 0.0, 0
    while True:
        step = None
        for i, text in texts.items():
            n = len(text.split())
            if i in chosen or (used + n > prose.SUMMARY_WORDS and chosen):
                continue
            r = ROUGE(article.reference, " ".join(texts[j] for j in sorted([*chosen, i])))
            value = r["rouge1"] + r["rouge2"]
            if value > best + 1e-9 and (step is None or value > step[0]):
                step = (value, i, n)
        if step is None:
            break
        best, i, n = step
        chosen.append(i)
        used += n
    return {"precision": precision, "oracle": {i: float(i in chosen) for i in texts}}


def fit_scorer(articles: list[Article], table: dict, kind: str) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    for a in articles:
        rows, labels = table[a.id]
        if kind == "pointwise":
            for i, row in rows.items():
                x.append(row)
                y.append(labels["oracle"][i])
        else:  # pairwise: which of two sentences of one article is closer to the reference
            for (i, ri), (j, rj) in itertools.combinations(rows.items(), 2):
                gap = labels["precision"][i] - labels["precision"][j]
                if abs(gap) < 0.05:
                    continue
                d = np.subtract(ri, rj) * (1 if gap > 0 else -1)
                x += [d, -d]
                y += [1, 0]
    xa = np.array(x)
    sd = xa.std(0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=3000, fit_intercept=kind == "pointwise").fit(xa / sd, y)
    return model.coef_[0] / sd


def cross_validate_supervised(articles: list[Article], kind: str) -> np.ndarray:
    table = {a.id: (rows := sentence_features(a), sentence_labels(a, rows)) for a in articles}
    by_clean = {id(a.clean): a.id for a in articles}
    original = prose.rank_sentences
    held: dict[str, float] = {}
    try:
        for test in folds(articles):
            w = fit_scorer([a for a in articles if a not in test], table, kind)

            def ranked(c, signals, position_weight=0.75, features=None, w=w):
                rows = table[by_clean[id(c)]][0]
                scored = []
                for i, row in rows.items():
                    s = float(np.dot(row, w))
                    if prose._UNQUOTED_SPEECH.search(c.sentences[i].text) and not _QUOTE.search(c.sentences[i].text):
                        s -= 10.0  # the card's editorial rule stays: speech without its speaker is a last resort
                    scored.append((-s, i))
                return [i for _, i in sorted(scored)]

            prose.rank_sentences = ranked
            held.update({a.id: r for a, r in zip(test, card_r1(test), strict=True)})
    finally:
        prose.rank_sentences = original
    return np.array([held[a.id] for a in articles])


def baselines(articles: list[Article]) -> dict[str, np.ndarray]:
    from bench.quality import _sumy_baselines

    textrank, lexrank = _sumy_baselines()
    out: dict[str, list[float]] = {"lead_3": [], "textrank": [], "lexrank": []}
    for a in articles:
        for name, text in (("lead_3", " ".join(a.lead[:3])), ("textrank", textrank(a.lead, 3)),
                           ("lexrank", lexrank(a.lead, 3))):
            out[name].append(ROUGE(a.reference, text)["rouge1"])
    return {k: np.array(v) for k, v in out.items()}


def _line(name: str, values: np.ndarray, against: np.ndarray | None = None) -> str:
    text = f"{name:<34} R-1 {values.mean():5.2f}"
    if against is not None:
        d = values - against
        text += f"   vs Lead-3 {d.mean():+.2f} (SE {d.std(ddof=1) / len(d) ** 0.5:.2f})"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--supervised", action="store_true", help="also cross-validate the learnt scorers (slow)")
    args = parser.parse_args()
    train, _ = split(load(args.data, "frank_cnndm_xsum_summaries"), "id", train=0.5)
    articles = []
    for row in train:
        if row["dataset"] == "cnndm":
            try:
                articles.append(Article(row))
            except InputError:
                continue
    shipped = prose.LENGTH_COST
    base = baselines(articles)
    lead = base["lead_3"]
    print(f"FRANK CNN/DM train half: {len(articles)} articles; ROUGE-1 F1 of the card's summary")
    for name, values in base.items():
        print(_line(name, values, None if name == "lead_3" else lead))
    prose.LENGTH_COST = 0.0
    print(_line("card, no length cost", card_r1(articles), lead))
    prose.LENGTH_COST = shipped
    print(_line(f"card, LENGTH_COST {30 * shipped:.2f}/30 (in-sample)", card_r1(articles), lead))
    cv, chosen = cross_validate_length(articles)
    print(_line("card, LENGTH_COST chosen by CV", cv, lead), " per fold (x30):", [round(30 * c, 2) for c in chosen])
    if args.supervised:
        for kind in ("pointwise", "pairwise"):
            prose.LENGTH_COST = 0.0  # the learnt scorer has its own length feature
            print(_line(f"card, {kind} logistic scorer (CV)", cross_validate_supervised(articles, kind), lead))
    cost = choose_length_cost(articles)
    prose.LENGTH_COST = shipped
    print(f"LENGTH_COST chosen on the whole train half: {30 * cost:.2f}/30 (prose.py: {30 * shipped:.2f}/30)")
    print("words per summary:", statistics.mean(len(a.summary().split()) for a in articles),
          "Lead-3:", statistics.mean(len(" ".join(a.lead[:3]).split()) for a in articles),
          "reference:", statistics.mean(len(a.reference.split()) for a in articles))


if __name__ == "__main__":
    main()
