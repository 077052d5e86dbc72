"""Fit the scores shipped in src/newsverdict/data/ (weights.json, word_models.json.gz) on impact_ratings.

    python -m scripts.fit_weights [--data DIR] [--dry-run] [--no-cv]

Each score (impact, hype) is a non-negative linear model over its signals, fitted on
all rated articles of ``impact_ratings`` plus the rubric anchors (scripts/anchors)
against the annotators' mean. One of its signals is a word model (TF-IDF 1-2-gram
ridge, src/newsverdict/wordmodel.py) learnt from the same ratings; its values for
the linear fit come from models that did not see the article's event (stacking).
The ridge penalty is chosen per score by cross-validation grouped by event
(bench/fit.py). Before writing, the same procedure is cross-validated on the
ratings, grouped by event, beside the TF-IDF ridge baseline on the same folds
(the figures in docs/quality.md come from ``python -m bench.quality``, which runs
the same code). Reproducible: same data and signals, same files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from bench.datasets import DEFAULT_DATA_DIR, load, read_jsonl
from bench.fit import (
    HAND_SET,
    KINDS,
    TARGET,
    TONE_C,
    TONE_LABELS_RULES,
    WORD_ALPHA,
    WORD_READING,
    WORD_TARGET,
    cross_validate,
    event_groups,
    fit_scores,
    measure_rows,
)
from newsverdict.card.wordmodel import MODEL_FILE, save_models

DATA = Path(__file__).resolve().parents[1] / "src" / "newsverdict" / "data"
ANCHORS = Path(__file__).resolve().parent / "anchors" / "anchors.jsonl"
#: Each anchor counts as this many rated articles: few, but the clearest evidence for the ends of the scale.
ANCHOR_WEIGHT = 2.0
#: The tone signals' models (newsverdict.card.signals._tone_models reads them).
TONE_FILE = "tone_models.json.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--dry-run", action="store_true", help="print figures, do not write the data files")
    parser.add_argument("--no-cv", action="store_true", help="skip the grouped cross-validation report")
    args = parser.parse_args()
    rows = load(args.data, "impact_ratings")
    if rows is None:
        sys.exit(f"fit_weights: no impact_ratings.jsonl in {args.data}")
    measured = measure_rows(rows)
    for item, why in measured.refused:
        print(f"refused {item}: {why}")
    anchors = measure_rows([{**a, "impact_mean": a["impact"], "hype_mean": a["hype"]} for a in read_jsonl(ANCHORS)],
                           check_language=False)
    groups = event_groups(measured.rows)
    if not args.no_cv:
        preds = cross_validate(measured, groups, 5, anchors=anchors)
        for kind in KINDS:
            y = np.array([r[TARGET[kind]] for r in measured.rows])
            ours = np.floor(preds[kind]["ours"] + 0.5)
            print(f"grouped 5-fold CV {kind}: ours Spearman {spearmanr(ours, y)[0]:.3f} "
                  f"MAE {np.mean(np.abs(ours - y)):.3f}; ridge Spearman {spearmanr(preds[kind]['ridge'], y)[0]:.3f}")
    models = fit_scores(measured, np.arange(len(measured.rows)), groups, anchors, anchor_weight=ANCHOR_WEIGHT)
    out: dict = {
        "fitted_on": f"impact_ratings: all {len(measured.rows)} rated articles ({len(measured.refused)} refused) "
                     f"+ {len(anchors.rows)} rubric anchors (scripts/anchors); scripts/fit_weights.py",
        "notes": {},
    }
    for kind in KINDS:
        m = models[kind]
        weights = {n: round(float(w), 4) for n, w in zip(m.names, m.coef, strict=True)}
        weights.update(HAND_SET.get(kind, {}))
        out[kind] = {"intercept": round(m.intercept, 4), "weights": weights}
        out["notes"][kind] = json.dumps(m.meta, sort_keys=True)
        print(kind, m.meta)
        for n, w in weights.items():
            print(f"   {n:<24} {w:+.3f}")
    out["notes"]["coverage_volume"] = ("Set by hand: no labelled multi-outlet data exists in ../shared/data; 1.5 "
                                       "lets a heavily syndicated burst add at most 1.5 hype points. Only story "
                                       "cards have this signal.")
    if not args.dry_run:
        (DATA / "weights.json").write_text(json.dumps(out, indent=2) + "\n")
        save_models({k: models[k].word_model for k in KINDS}, DATA / MODEL_FILE,
                    meta={"fitted_on": out["fitted_on"], "vectoriser": "TF-IDF word 1-2-grams, min_df=2, "
                          "sublinear tf, letters only", "alpha": WORD_ALPHA,
                          "targets": WORD_TARGET, "reading": WORD_READING})
        tone = models["hype"].tone_models
        if tone is not None:
            save_models(tone, DATA / TONE_FILE,
                        meta={"fitted_on": out["fitted_on"], "labels": TONE_LABELS_RULES,
                              "vectoriser": "TF-IDF word 1-2-grams, min_df=2, sublinear tf, letters only",
                              "model": f"logistic regression, C={TONE_C}; score = logit"})
        print(f"wrote {DATA / 'weights.json'}, {DATA / MODEL_FILE} and {DATA / TONE_FILE}")


if __name__ == "__main__":
    main()
