"""Quality harness: every part of newsverdict against human-made data, beside baselines.

    python -m bench.quality [--data DIR] [--only NAME[,NAME]] [--json FILE]

DIR defaults to ../shared/data/dev. Every evaluation whose data file is present
runs, and prints the project's figures and its baselines, computed in this run,
with items per second. Where something in newsverdict was fitted on a dataset,
figures are reported on the seeded validation part it was not fitted on
(bench/datasets.py: a hash of each item's id decides its part, so any directory
with files of the same names and format splits the same way).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.datasets import DEFAULT_DATA_DIR, load, split


@dataclass
class Result:
    dataset: str
    rows: list[tuple[str, float | None, dict[str, float]]] = field(default_factory=list)
    items: int = 0
    seconds: float = 0.0
    note: str = ""

    def add(self, metric: str, ours: float | None, **baselines: float) -> None:
        self.rows.append((metric, ours, baselines))


EVALUATIONS: dict[str, Callable[[Path], Result | None]] = {}


def evaluation(name: str):
    def register(fn):
        EVALUATIONS[name] = fn
        return fn

    return register


# --- metric helpers ---------------------------------------------------------


def _spearman(a, b) -> float:
    from scipy.stats import spearmanr

    return float(spearmanr(a, b)[0])


def _pearson(a, b) -> float:
    from scipy.stats import pearsonr

    return float(pearsonr(a, b)[0])


def bcubed(gold: list, pred: list) -> tuple[float, float, float]:
    gold_members: dict = defaultdict(set)
    pred_members: dict = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        gold_members[g].add(i)
        pred_members[p].add(i)
    precision = recall = 0.0
    for g, p in zip(gold, pred, strict=True):
        inter = len(gold_members[g] & pred_members[p])
        precision += inter / len(pred_members[p])
        recall += inter / len(gold_members[g])
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def span_prf(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float, int, int]:
    """SemEval-2020 T11 SI sums with partial-overlap credit: (precision sum, recall sum, |pred|, |gold|)."""

    def overlap(a, b):
        return max(0, min(a[1], b[1]) - max(a[0], b[0]))

    p_sum = sum(sum(overlap(s, t) for t in gold) / max(1, s[1] - s[0]) for s in pred)
    r_sum = sum(sum(overlap(s, t) for s in pred) / max(1, t[1] - t[0]) for t in gold)
    return min(p_sum, len(pred)), min(r_sum, len(gold)), len(pred), len(gold)


def shingle_prf(pred: str, gold: str, n: int = 4) -> tuple[float, float]:
    """The Scrapinghub article-extraction benchmark's per-page shingle precision and recall."""

    def shingles(text):
        toks = re.findall(r"\w+", text.lower())
        return Counter(tuple(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1)))

    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(g.values()) if g else 0.0
    return precision, recall


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ngram_model(train_texts, train_y, *, regression: bool):
    """The baseline a specialist names first: word 1-2-gram TF-IDF and a linear model."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.pipeline import make_pipeline

    model = Ridge(alpha=1.0) if regression else LogisticRegression(max_iter=2000, C=3.0)
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True), model).fit(
        train_texts, train_y
    )


# --- evaluations ------------------------------------------------------------


@evaluation("webis_clickbait17")
def eval_webis(data: Path) -> Result | None:
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score

    from newsverdict.card.headline import default_model

    rows = load(data, "webis_clickbait17")
    if rows is None:
        return None
    train, val = split(rows, "id")
    res = Result("webis_clickbait17", note=f"val part, {len(val)} posts (headline model fitted on train)")
    model = default_model()
    start = time.perf_counter()
    ours = np.array([model.score(r["post_text"]) for r in val])
    res.seconds = time.perf_counter() - start
    res.items = len(val)
    truth = np.array([r["truth_mean"] for r in val])
    gold_class = np.array([r["truth_class"] == "clickbait" for r in val])
    mean = float(np.mean([r["truth_mean"] for r in train]))
    const = np.full(len(val), mean)
    ngram = np.clip(_ngram_model([r["post_text"] for r in train], [r["truth_mean"] for r in train],
                                 regression=True).predict([r["post_text"] for r in val]), 0, 1)
    res.add("MSE", float(np.mean((ours - truth) ** 2)), train_mean=float(np.mean((const - truth) ** 2)),
            word_ngram_lr=float(np.mean((ngram - truth) ** 2)))
    res.add("Pearson", _pearson(ours, truth), word_ngram_lr=_pearson(ngram, truth))
    res.add("Spearman", _spearman(ours, truth), word_ngram_lr=_spearman(ngram, truth))
    # truth_class is a majority vote of judgments >= 0.5; a mean around 0.5 marks the boundary
    res.add("F1 (clickbait)", f1_score(gold_class, ours >= 0.5, zero_division=0),
            train_mean=f1_score(gold_class, const >= 0.5, zero_division=0),
            word_ngram_lr=f1_score(gold_class, ngram >= 0.5, zero_division=0))
    res.add("accuracy", accuracy_score(gold_class, ours >= 0.5), train_mean=accuracy_score(gold_class, const >= 0.5),
            word_ngram_lr=accuracy_score(gold_class, ngram >= 0.5))
    return res


@evaluation("chakraborty_clickbait")
def eval_chakraborty(data: Path) -> Result | None:
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score

    from newsverdict.card.headline import default_model

    rows = load(data, "chakraborty_clickbait")
    if rows is None:
        return None
    train, val = split(rows, "id")
    model = default_model()
    res = Result("chakraborty_clickbait", note=f"val part, {len(val)} headlines; threshold chosen on train")
    # The signal is the Webis-scale strength; the cut that best separates the two classes
    # is chosen on the train part.
    sample = train[:4000]
    train_scores = np.array([model.score(r["headline"]) for r in sample])
    train_gold = np.array([r["label"] == 1 for r in sample])
    cut = max(np.arange(0.05, 0.95, 0.01), key=lambda t: accuracy_score(train_gold, train_scores >= t))
    start = time.perf_counter()
    ours = np.array([model.score(r["headline"]) for r in val])
    res.seconds = time.perf_counter() - start
    res.items = len(val)
    gold = np.array([r["label"] == 1 for r in val])
    majority = np.full(len(val), Counter(r["label"] for r in train).most_common(1)[0][0] == 1)
    ngram = _ngram_model([r["headline"] for r in train], [r["label"] for r in train], regression=False).predict(
        [r["headline"] for r in val]) == 1
    res.add("accuracy", accuracy_score(gold, ours >= cut), majority=accuracy_score(gold, majority),
            word_ngram_lr=accuracy_score(gold, ngram))
    res.add("F1", f1_score(gold, ours >= cut, zero_division=0), majority=f1_score(gold, majority, zero_division=0),
            word_ngram_lr=f1_score(gold, ngram, zero_division=0))
    res.add(f"threshold (train) {cut:.2f}", None)
    return res


@evaluation("propaganda_ptc_semeval2020t11")
def eval_ptc(data: Path) -> Result | None:
    from newsverdict.card.signals import loaded_spans

    rows = load(data, "propaganda_ptc_semeval2020t11")
    if rows is None:
        return None
    _, val = split(rows, "article_id", train=0.7)  # the lexicon was learnt on the train part
    techniques = {"Loaded_Language", "Exaggeration,Minimisation"}
    vader = _vader_spans_baseline()
    res = Result("propaganda_ptc_semeval2020t11", note=f"val part, {len(val)} articles; gold = Loaded_Language "
                                                       "+ Exaggeration,Minimisation spans")
    totals = {"ours": [0.0, 0.0, 0, 0], "vader": [0.0, 0.0, 0, 0]}
    dens_ours, dens_vader, dens_gold = [], [], []
    start = time.perf_counter()
    for art in val:
        text = art["text"]
        gold = [(s["start"], s["end"]) for s in art["spans"] if s["technique"] in techniques]
        words = max(1, len(text.split()))
        for name, spans in (("ours", loaded_spans(text)), ("vader", vader(text))):
            p, r, n_p, n_g = span_prf(spans, gold)
            t = totals[name]
            t[0] += p
            t[1] += r
            t[2] += n_p
            t[3] += n_g
            (dens_ours if name == "ours" else dens_vader).append(100 * len(spans) / words)
        dens_gold.append(100 * len(gold) / words)
    res.seconds = time.perf_counter() - start
    res.items = len(val)
    prf = {k: (t[0] / max(1, t[2]), t[1] / max(1, t[3])) for k, t in totals.items()}
    res.add("span precision", prf["ours"][0], vader_strong_words=prf["vader"][0])
    res.add("span recall", prf["ours"][1], vader_strong_words=prf["vader"][1])
    res.add("span F1", _f1(*prf["ours"]), vader_strong_words=_f1(*prf["vader"]))
    res.add("density Spearman (per article)", _spearman(dens_ours, dens_gold),
            vader_strong_words=_spearman(dens_vader, dens_gold))
    return res


def _vader_spans_baseline():
    """Baseline spans: every word VADER rates strongly (|valence| >= 2)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = SentimentIntensityAnalyzer().lexicon

    def spans(text: str) -> list[tuple[int, int]]:
        return [m.span() for m in re.finditer(r"[A-Za-z']+", text) if abs(lexicon.get(m.group(0).lower(), 0)) >= 2]

    return spans


@evaluation("claim_strength_yu")
def eval_claims(data: Path) -> Result | None:
    from sklearn.metrics import f1_score

    from newsverdict.card.claims import claim_strength

    rows = load(data, "claim_strength_yu")
    if rows is None:
        return None
    train, _ = split(rows, "id")
    res = Result("claim_strength_yu", note=f"all {len(rows)} sentences (rules, nothing fitted)")
    start = time.perf_counter()
    ours = [claim_strength(r["sentence"])[0] for r in rows]
    res.seconds = time.perf_counter() - start
    res.items = len(rows)
    gold = [r["label"] for r in rows]
    majority = [Counter(r["label"] for r in train).most_common(1)[0][0]] * len(rows)
    res.add("macro-F1 (4 levels)", f1_score(gold, ours, average="macro", zero_division=0),
            majority=f1_score(gold, majority, average="macro", zero_division=0))
    res.add("Spearman", _spearman(ours, gold))
    return res


@evaluation("sci_exaggeration_pairs")
def eval_exaggeration(data: Path) -> Result | None:
    from sklearn.metrics import f1_score

    from newsverdict.card.claims import claim_strength

    rows = load(data, "sci_exaggeration_pairs")
    if rows is None:
        return None
    res = Result("sci_exaggeration_pairs", note=f"all {len(rows)} pairs (rules, nothing fitted)")

    def label(press: int, paper: int) -> str:
        return "exaggerates" if press > paper else "downplays" if press < paper else "same"

    start = time.perf_counter()
    ours = [label(claim_strength(r["press_release_conclusion"])[0], claim_strength(r["abstract_conclusion"])[0])
            for r in rows]
    res.seconds = time.perf_counter() - start
    res.items = len(rows)
    gold = [r["exaggeration_label"] for r in rows]
    majority = [Counter(gold).most_common(1)[0][0]] * len(rows)
    res.add("macro-F1 (3 labels)", f1_score(gold, ours, average="macro", zero_division=0),
            majority=f1_score(gold, majority, average="macro", zero_division=0))
    press_gold = [r["press_release_strength"] for r in rows]
    press_ours = [claim_strength(r["press_release_conclusion"])[0] for r in rows]
    res.add("press-release strength Spearman", _spearman(press_ours, press_gold))
    return res


@evaluation("frank_cnndm_xsum_summaries")
def eval_summaries(data: Path) -> Result | None:
    from rouge_score import rouge_scorer

    from newsverdict.card.pipeline import analyze
    from newsverdict.errors import InputError

    rows = load(data, "frank_cnndm_xsum_summaries")
    if rows is None:
        return None
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    # The summary's length and position weight were chosen on the train part: report on val.
    _, rows = split(rows, "id", train=0.5)
    res = Result("frank_cnndm_xsum_summaries", note=f"val part, {len(rows)} docs; ROUGE F1 x100 vs reference")
    textrank, lexrank = _sumy_baselines()
    elapsed = 0.0
    for part, lead_k in (("cnndm", 3), ("xsum", 1)):
        docs = [r for r in rows if r["dataset"] == part]
        if not docs:
            continue
        scores: dict[str, list[dict]] = defaultdict(list)
        for r in docs:
            sentences = r["article_sentences"]
            ref = r["reference_summary"]
            start = time.perf_counter()
            try:
                ours = analyze(r["article"], min_words=1).summary
            except InputError:
                ours = " ".join(sentences[:lead_k])
            elapsed += time.perf_counter() - start
            candidates = {
                "ours": ours,
                f"lead_{lead_k}": " ".join(sentences[:lead_k]),
                "textrank": textrank(sentences, lead_k),
                "lexrank": lexrank(sentences, lead_k),
            }
            for name, text in candidates.items():
                # rougeLsum splits summary sentences on newlines
                s = scorer.score(ref.replace(" . ", " .\n"), "\n".join(_sentences(text)))
                scores[name].append({k: v.fmeasure for k, v in s.items()})
        for metric in ("rouge1", "rouge2", "rougeLsum"):
            avg = {name: 100 * sum(x[metric] for x in vals) / len(vals) for name, vals in scores.items()}
            res.add(f"{part} {metric}", avg.pop("ours"), **avg)
        res.items += len(docs)
    res.seconds = elapsed
    return res


def _sentences(text: str) -> list[str]:
    from newsverdict.card.text import split_sentences

    return [text[a:b] for a, b in split_sentences(text)] or [text]


def _sumy_baselines():
    """TextRank and LexRank from sumy, fed the dataset's own sentence split (no NLTK download)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class Tokenizer:
        language = "english"

        @staticmethod
        def to_words(sentence: str) -> list[str]:
            return re.findall(r"[A-Za-z0-9']+", sentence)

    stemmer = Stemmer("english")
    stop = get_stop_words("english")
    runners = []
    for cls in (TextRankSummarizer, LexRankSummarizer):
        summarizer = cls(stemmer)
        summarizer.stop_words = stop

        def run(sentences: list[str], k: int, summarizer=summarizer) -> str:
            doc = ObjectDocumentModel([Paragraph([Sentence(s, Tokenizer) for s in sentences if s.strip()])])
            return " ".join(str(s) for s in summarizer(doc, k))

        runners.append(run)
    return runners


@evaluation("ecbplus_story_clusters")
def eval_clusters(data: Path) -> Result | None:
    from sklearn.metrics import adjusted_rand_score

    from bench.datasets import part
    from newsverdict.stories.cluster import StoryDoc, cluster

    rows = load(data, "ecbplus_story_clusters")
    if rows is None:
        return None
    # thresholds were chosen on the train topics (scripts/tune_stories.py): report on the val topics,
    # then on all documents pooled (on dev that includes the topics the thresholds were chosen on)
    all_rows = rows
    rows = [r for r in rows if part(f"topic:{r['topic']}", train=0.5) != "train"]
    docs = [StoryDoc(r["doc_id"], r["text"]) for r in rows]
    gold = [r["cluster_id"] for r in rows]
    res = Result("ecbplus_story_clusters", note=f"val topics: {len(rows)} docs pooled, {len(set(gold))} gold "
                                                "stories; thresholds chosen on the train topics")
    start = time.perf_counter()
    ours = cluster(docs)
    res.seconds = time.perf_counter() - start
    res.items = len(rows)
    title = [_first_sentence(r["text"]).lower() for r in rows]
    topic_word = _topic_word_baseline([r["text"] for r in rows])
    p, r_, f = bcubed(gold, ours)
    tp, tr, tf = bcubed(gold, title)
    wp, wr, wf = bcubed(gold, topic_word)
    res.add("B3 precision", p, exact_title=tp, topic_word=wp)
    res.add("B3 recall", r_, exact_title=tr, topic_word=wr)
    res.add("B3 F1", f, exact_title=tf, topic_word=wf)
    res.add("ARI", adjusted_rand_score(gold, ours), exact_title=adjusted_rand_score(gold, title),
            topic_word=adjusted_rand_score(gold, topic_word))
    res.add("clusters", len(set(ours)), exact_title=len(set(title)), topic_word=len(set(topic_word)))
    all_gold = [r["cluster_id"] for r in all_rows]
    all_ours = cluster([StoryDoc(r["doc_id"], r["text"]) for r in all_rows])
    all_title = [_first_sentence(r["text"]).lower() for r in all_rows]
    all_word = _topic_word_baseline([r["text"] for r in all_rows])
    res.add(f"all {len(all_rows)} docs: B3 F1", bcubed(all_gold, all_ours)[2],
            exact_title=bcubed(all_gold, all_title)[2], topic_word=bcubed(all_gold, all_word)[2])
    res.add(f"all {len(all_rows)} docs: ARI", adjusted_rand_score(all_gold, all_ours),
            exact_title=adjusted_rand_score(all_gold, all_title), topic_word=adjusted_rand_score(all_gold, all_word))
    res.add("all docs: clusters (gold)", len(set(all_ours)), gold=len(set(all_gold)))
    return res


def _first_sentence(text: str) -> str:
    return text.split("\n", 1)[0]


def _topic_word_baseline(texts: list[str]) -> list[str]:
    """One cluster per topic word: each document goes to its highest-TF-IDF word."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english", min_df=2)
    x = vec.fit_transform(texts)
    vocab = vec.get_feature_names_out()
    return [vocab[x[i].toarray().argmax()] if x[i].nnz else f"doc{i}" for i in range(x.shape[0])]


@evaluation("article_extraction_scrapinghub")
def eval_extraction(data: Path) -> Result | None:
    import trafilatura

    from newsverdict.errors import InputError
    from newsverdict.sources.extract import from_html

    rows = load(data, "article_extraction_scrapinghub")
    if rows is None:
        return None
    res = Result("article_extraction_scrapinghub", note=f"{len(rows)} pages; shingle metric of the benchmark")
    ours_pr, base_pr = [], []
    elapsed = 0.0
    for r in rows:
        start = time.perf_counter()
        try:
            ours = from_html(r["html"], url=r["url"]).text
        except InputError:
            ours = ""
        elapsed += time.perf_counter() - start
        base = trafilatura.extract(r["html"], url=r["url"]) or ""
        ours_pr.append(shingle_prf(ours, r["article_body"]))
        base_pr.append(shingle_prf(base, r["article_body"]))
    res.seconds = elapsed
    res.items = len(rows)
    for name, idx in (("precision", 0), ("recall", 1)):
        res.add(name, sum(x[idx] for x in ours_pr) / len(rows),
                trafilatura_default=sum(x[idx] for x in base_pr) / len(rows))
    op = sum(x[0] for x in ours_pr) / len(rows)
    orc = sum(x[1] for x in ours_pr) / len(rows)
    bp = sum(x[0] for x in base_pr) / len(rows)
    br = sum(x[1] for x in base_pr) / len(rows)
    res.add("F1", _f1(op, orc), trafilatura_default=_f1(bp, br))
    return res


ANCHORS = Path(__file__).resolve().parents[1] / "scripts" / "anchors" / "anchors.jsonl"
#: Folds of the grouped cross-validation (articles about one event stay in one fold).
CV_FOLDS = 5


@evaluation("impact_ratings")
def eval_impact(data: Path) -> Result | None:
    """Grouped cross-validation: the scores refitted on 4/5 of the events, judged on the other fifth.

    The TF-IDF 1-2-gram ridge baseline is fitted on the same folds in the same run. Articles
    the pipeline refuses (too short, not English) are counted and named, not fatal.
    """
    import numpy as np

    from bench.datasets import read_jsonl
    from bench.fit import TARGET, cross_validate, event_groups, grouped_folds, measure_rows

    rows = load(data, "impact_ratings")
    if rows is None:
        return None
    start = time.perf_counter()
    measured = measure_rows(rows)
    res = Result("impact_ratings")
    res.seconds = time.perf_counter() - start
    res.items = len(rows)
    anchors = measure_rows([{**a, "impact_mean": a["impact"], "hype_mean": a["hype"]} for a in read_jsonl(ANCHORS)],
                           check_language=False)
    groups = event_groups(measured.rows)
    folds = grouped_folds(groups, CV_FOLDS)
    n_folds = len(set(folds.tolist()))
    refused = "; ".join(f"{i} ({why})" for i, why in measured.refused)
    res.note = (f"grouped {n_folds}-fold CV over {len(measured.rows)} articles in {len(set(groups))} event groups; "
                f"ours and the ridge refitted on the same folds; {len(measured.refused)} refused"
                + (f": {refused}" if refused else ""))
    if n_folds < 2:
        res.note += "; fewer than two event groups, nothing to cross-validate"
        return res
    preds = cross_validate(measured, groups, CV_FOLDS, anchors=anchors)
    datasets = [r.get("source_dataset", "?") for r in measured.rows]
    parts = [("", np.ones(len(datasets), bool))]
    if len(set(datasets)) > 1:
        parts += [(f"{d}: ", np.array([x == d for x in datasets])) for d in sorted(set(datasets))]
    for label, mask in parts:
        sub = [r for r, m in zip(measured.rows, mask, strict=True) if m]
        for kind in ("impact", "hype"):
            gold = np.array([r[TARGET[kind]] for r in sub])
            # the card shows whole numbers: judge those
            ours = np.floor(preds[kind]["ours"][mask] + 0.5)
            ridge = preds[kind]["ridge"][mask]
            res.add(f"{label}{kind} Spearman", _spearman(ours, gold), ridge_same_folds=_spearman(ridge, gold),
                    annotators=_annotator_agreement(sub, kind))
            res.add(f"{label}{kind} Pearson", _pearson(ours, gold), ridge_same_folds=_pearson(ridge, gold))
            res.add(f"{label}{kind} MAE", float(np.mean(np.abs(ours - gold))),
                    ridge_same_folds=float(np.mean(np.abs(ridge - gold))))
        if label == "":
            res.add("n", len(sub))
        else:
            res.add(f"{label}n", len(sub))
    return res


def _annotator_agreement(rows: list[dict], kind: str) -> float:
    from itertools import combinations

    by_annotator: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        for rating in r["ratings"]:
            by_annotator[rating["annotator"]].append(rating[kind])
    series = [v for v in by_annotator.values() if len(v) == len(rows)]
    pairs = [_spearman(a, b) for a, b in combinations(series, 2)]
    return sum(pairs) / len(pairs) if pairs else float("nan")


@evaluation("cameo_goldstein_scale")
def eval_cameo(data: Path) -> Result | None:
    from newsverdict.card.pipeline import analyze

    rows = load(data, "cameo_goldstein_scale")
    if rows is None:
        return None
    res = Result("cameo_goldstein_scale", note=f"all {len(rows)} event types; calibration check, nothing fitted")
    start = time.perf_counter()
    ours = [analyze(r["description"], min_words=1, check_language=False).scores.impact_raw for r in rows]
    res.seconds = time.perf_counter() - start
    res.items = len(rows)
    magnitude = [abs(r["goldstein_score"]) for r in rows]
    length = [len(r["description"].split()) for r in rows]
    res.add("Spearman impact vs |Goldstein|", _spearman(ours, magnitude),
            description_length=_spearman(length, magnitude))
    res.add("Spearman impact vs Goldstein (signed)", _spearman(ours, [r["goldstein_score"] for r in rows]))
    return res


# --- report -----------------------------------------------------------------


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    if isinstance(x, int) or (isinstance(x, float) and x.is_integer() and abs(x) >= 10):
        return str(int(x))
    return f"{x:.3f}" if abs(x) < 10 else f"{x:.1f}"


def render_table(results: list[Result]) -> str:
    lines = [f"{'dataset':<31} {'metric':<34} {'newsverdict':>11}  baselines (same run)"]
    lines.append("-" * 110)
    for res in results:
        rate = f"{res.items / res.seconds:,.0f} items/s" if res.seconds else ""
        for i, (metric, ours, base) in enumerate(res.rows):
            name = res.dataset if i == 0 else ""
            base_txt = "  ".join(f"{k}={_fmt(v)}" for k, v in base.items())
            lines.append(f"{name:<31} {metric:<34} {_fmt(ours):>11}  {base_txt}")
        lines.append(f"{'':<31} ({res.note}; {rate})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--only", default="", help="comma-separated evaluation names")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"bench.quality: no data directory at {args.data}", file=sys.stderr)
        return 2
    wanted = [n for n in args.only.split(",") if n] or list(EVALUATIONS)
    unknown = [n for n in wanted if n not in EVALUATIONS]
    if unknown:
        print(f"bench.quality: unknown evaluation(s): {', '.join(unknown)}; known: {', '.join(EVALUATIONS)}",
              file=sys.stderr)
        return 2
    results = []
    for name in wanted:
        res = EVALUATIONS[name](args.data)
        if res is not None:
            results.append(res)
            print(f"done: {name}", file=sys.stderr)
    if not results:
        print(f"bench.quality: no evaluation data found in {args.data}", file=sys.stderr)
        return 2
    print(render_table(results))
    if args.json:
        payload = [{"dataset": r.dataset, "note": r.note, "items": r.items, "seconds": round(r.seconds, 3),
                    "rows": [{"metric": m, "newsverdict": o, "baselines": b} for m, o, b in r.rows]}
                   for r in results]
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
