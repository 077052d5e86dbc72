"""Train the propaganda-technique sentence detector shipped in src/newsverdict/data/technique_model.json.gz.

    python -m scripts.train_techniques [--data DIR]

A logistic model over word 1-2-grams (TF-IDF, as wordmodel.py computes it) that
tells whether a sentence holds a span of any of the PTC SemEval-2020 task 11
techniques but Repetition (an article-level property, measured by its own signal):
loaded language, name-calling, doubt, appeals to fear, flag-waving, exaggeration,
slogans, black-and-white, whataboutism, causal oversimplification, clichés,
authority, bandwagon. Trained on the PTC articles that impact_ratings does NOT
hold (so the hype weights fitted there are never checked on text this model saw);
C is chosen on a seeded 20 % of those articles, then the model is refitted on all
of them. Reproducible: same data, same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from bench.datasets import DEFAULT_DATA_DIR, load, split
from newsverdict.card.text import split_sentences
from newsverdict.card.wordmodel import TOKEN_PATTERN, WordModel, save_models

OUT = Path(__file__).resolve().parents[1] / "src" / "newsverdict" / "data" / "technique_model.json.gz"
LEFT_OUT = {"Repetition"}
CS = (0.3, 1.0, 3.0, 10.0)


def sentences(article: dict) -> list[tuple[str, int]]:
    """(sentence, label) of one PTC article: 1 when a technique span overlaps the sentence."""
    text = article["text"]
    spans = [(s["start"], s["end"]) for s in article["spans"] if s["technique"] not in LEFT_OUT]
    out = []
    offset = 0
    for para in text.split("\n"):
        for a, b in split_sentences(para):
            s, e = offset + a, offset + b
            if len(para[a:b].split()) >= 3:
                out.append((para[a:b], int(any(x < e and y > s for x, y in spans))))
        offset += len(para) + 1
    return out


def fit(texts: list[str], labels: list[int], c: float) -> WordModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=TOKEN_PATTERN)
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, labels)
    vocab = vec.get_feature_names_out()
    idf = {str(t): float(v) for t, v in zip(vocab, vec.idf_, strict=True)}
    coef = {str(t): float(w) for t, w in zip(vocab, clf.coef_[0], strict=True) if abs(w) > 1e-6}
    return WordModel(idf, coef, float(clf.intercept_[0]))


def main() -> None:
    from sklearn.metrics import f1_score, roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    rows = load(args.data, "propaganda_ptc_semeval2020t11")
    if rows is None:
        sys.exit(f"train_techniques: no propaganda_ptc_semeval2020t11.jsonl in {args.data}")
    rated = {r["id"].split(":", 1)[1] for r in load(args.data, "impact_ratings") or []
             if r.get("source_dataset", "").startswith("propaganda")}
    usable = [a for a in rows if str(a["article_id"]) not in rated]
    train, val = split(usable, "article_id", train=0.8)
    tr = [s for a in train for s in sentences(a)]
    va = [s for a in val for s in sentences(a)]
    best = None
    for c in CS:
        model = fit([t for t, _ in tr], [y for _, y in tr], c)
        logits = np.array([model.predict(t) for t, _ in va])
        gold = [y for _, y in va]
        auc = roc_auc_score(gold, logits)
        f1 = f1_score(gold, logits > 0)
        print(f"C={c}: val sentence AUC {auc:.3f}, F1 {f1:.3f} ({len(va)} sentences, {sum(gold)} with a technique)")
        if best is None or auc > best[0]:
            best = (auc, c, f1)
    auc, c, f1 = best
    everything = tr + va
    model = fit([t for t, _ in everything], [y for _, y in everything], c)
    meta = {"trained_on": f"propaganda_ptc_semeval2020t11: {len(usable)} articles not in impact_ratings "
                          f"({len(everything)} sentences)", "C": c, "val_auc": round(auc, 3), "val_f1": round(f1, 3),
            "left_out_techniques": sorted(LEFT_OUT)}
    save_models({"technique": model}, OUT, meta=meta)
    print(f"wrote {OUT}: {meta}")


if __name__ == "__main__":
    main()
