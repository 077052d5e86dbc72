"""Train the clickbait headline model shipped in src/newsverdict/data/headline_model.json.gz.

    python -m scripts.train_headline [--data DIR]

Two stacked logistic models over the same n-gram features (see headline.py):
``style`` on the seeded train part (80 %) of chakraborty_clickbait, then
``strength`` on the train part of webis_clickbait17 with the style logit as
one more input (soft labels: the human strength mean). The strength model's C
is chosen on an inner seeded split of the Webis train part (``inner_split``), so
the val MSE printed at the end is on posts that neither fitting nor choosing saw.
Reproducible: same data, same model file, byte for byte.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.linear_model import LogisticRegression

from bench.datasets import DEFAULT_DATA_DIR, load, part, split
from newsverdict.card.headline import HeadlineModel, features

OUT = Path(__file__).resolve().parents[1] / "src" / "newsverdict" / "data" / "headline_model.json.gz"


def vectorize(texts: list[str], vocab: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for i, text in enumerate(texts):
        for f in set(features(text)):
            j = vocab.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(vocab)))


def build_vocab(texts: list[str], min_df: int = 2) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        for f in set(features(text)):
            counts[f] = counts.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_df))}


def soft_labels(rows: list[dict], x: csr_matrix):
    """One positive and one negative copy of each post, weighted by the strength mean."""
    means = np.array([float(r["truth_mean"]) for r in rows])
    xx = vstack([x, x]).tocsr()
    y = np.r_[np.ones(len(rows)), np.zeros(len(rows))]
    w = np.r_[means, 1 - means]
    return xx, y, w


def inner_split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """A seeded 80/20 split of the train part, for choosing C (the val part stays unseen)."""
    tr = [r for r in rows if part("inner" + str(r["id"])) == "train"]
    return tr, [r for r in rows if part("inner" + str(r["id"])) != "train"]


def fit_strength(rows: list[dict], style_logit, c: float) -> tuple[LogisticRegression, dict[str, int]]:
    """The strength model on ``rows``, its vocabulary from them, the style logit as one dense column."""
    vocab = build_vocab([r["post_text"] for r in rows])
    x, y, w = soft_labels(rows, strength_matrix(rows, vocab, style_logit))
    return LogisticRegression(C=c, max_iter=3000, solver="liblinear").fit(x, y, sample_weight=w), vocab


def strength_matrix(rows: list[dict], vocab: dict[str, int], style_logit) -> csr_matrix:
    texts = [r["post_text"] for r in rows]
    return hstack([vectorize(texts, vocab), csr_matrix(style_logit(texts)[:, None])]).tocsr()


def val_mse(model: LogisticRegression, vocab: dict[str, int], rows: list[dict], style_logit) -> float:
    truth = np.array([r["truth_mean"] for r in rows])
    return float(np.mean((model.predict_proba(strength_matrix(rows, vocab, style_logit))[:, 1] - truth) ** 2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    webis_tr, webis_va = split(load(args.data, "webis_clickbait17"), "id")
    chak_tr, chak_va = split(load(args.data, "chakraborty_clickbait"), "id")

    # 1. style model on Chakraborty (its own vocabulary)
    style_vocab = build_vocab([r["headline"] for r in chak_tr], min_df=3)
    xs_tr = vectorize([r["headline"] for r in chak_tr], style_vocab)
    xs_va = vectorize([r["headline"] for r in chak_va], style_vocab)
    ys_tr = np.array([int(r["label"]) for r in chak_tr])
    ys_va = np.array([int(r["label"]) for r in chak_va])
    best_style = None
    for c in (0.3, 1.0, 3.0):
        m = LogisticRegression(C=c, max_iter=3000, solver="liblinear").fit(xs_tr, ys_tr)
        acc = float(np.mean(m.predict(xs_va) == ys_va))
        print(f"style C={c}: chakraborty val accuracy {acc:.4f}")
        if best_style is None or acc > best_style[0]:
            best_style = (acc, c, m)
    style_acc, style_c, style = best_style

    def style_logit(texts: list[str]) -> np.ndarray:
        return style.decision_function(vectorize(texts, style_vocab))

    # 2. strength model on Webis, with the style logit as a dense extra column; C chosen on an inner split
    inner_tr, inner_va = inner_split(webis_tr)
    scores = {}
    for c in (0.01, 0.02, 0.03, 0.05, 0.1):
        scores[c] = val_mse(*fit_strength(inner_tr, style_logit, c), inner_va, style_logit)
        print(f"strength C={c}: webis inner-val MSE {scores[c]:.4f}")
    c = min(scores, key=scores.get)
    strength, vocab = fit_strength(webis_tr, style_logit, c)
    mse = val_mse(strength, vocab, webis_va, style_logit)
    print(f"strength C={c}: webis val MSE {mse:.4f}")

    inverse = {i: f for f, i in vocab.items()}
    weights = {inverse[j]: round(float(v), 5) for j, v in enumerate(strength.coef_[0][:-1]) if abs(v) >= 1e-3}
    style_inverse = {i: f for f, i in style_vocab.items()}
    style_weights = {style_inverse[j]: round(float(v), 5) for j, v in enumerate(style.coef_[0]) if abs(v) >= 1e-3}
    meta = {"strength_C": c, "strength_C_chosen_on": "inner split of the webis train part", "style_C": style_c,
            "train_webis": len(webis_tr), "train_chakraborty": len(chak_tr),
            "val_webis_mse": round(mse, 4), "val_chakraborty_acc": round(style_acc, 4),
            "features": len(weights) + len(style_weights), "script": "scripts/train_headline.py"}
    HeadlineModel(weights, round(float(strength.intercept_[0]), 5), meta, style_weights,
                  round(float(style.intercept_[0]), 5), round(float(strength.coef_[0][-1]), 5)).save(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB): {meta}")


if __name__ == "__main__":
    main()
