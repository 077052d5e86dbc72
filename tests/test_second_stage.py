"""The signal weights' second stage: the pairwise fit orders articles as their ratings do."""

from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

from bench.fit import _fit_linear, _fit_pairwise


def _data(seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, size=(120, 3))
    # the rating follows the first two signals (the second one in a bent, monotone way); the third is noise
    y = 1 + 4 * x[:, 0] + 3 * x[:, 1] ** 3 + rng.normal(0, 0.3, 120)
    return x, y


def test_pairwise_weights_are_non_negative_and_land_on_the_rating_scale():
    x, y = _data()
    names = ["a", "b", "noise"]
    coef, intercept, meta = _fit_pairwise(x, y, names, "hype", 0.001, np.ones(len(y)), len(y))
    assert (coef >= 0).all() and coef[0] > coef[2] and coef[1] > coef[2]
    pred = x @ coef + intercept
    assert abs(pred.mean() - y.mean()) < 0.05  # the least-squares map puts it on the ratings' scale
    assert spearmanr(pred, y)[0] > 0.9 and meta["second_stage"] == "pairwise"


def test_pairwise_ranks_at_least_as_well_as_least_squares_on_fresh_rows():
    x, y = _data(3)
    xt, yt = _data(4)
    names = ["a", "b", "noise"]
    cp, bp, _ = _fit_pairwise(x, y, names, "hype", 0.001, np.ones(len(y)), len(y))
    cl, bl, _ = _fit_linear(x, y, names, "hype", 0.01, np.ones(len(y)), len(y))
    assert spearmanr(xt @ cp + bp, yt)[0] >= spearmanr(xt @ cl + bl, yt)[0] - 0.01


def test_a_rare_signal_keeps_its_hand_set_weight_in_the_pairwise_fit():
    x, y = _data()
    x = np.column_stack([x, np.zeros(len(y))])  # "repetition" never fires: too rare to fit
    coef, _, meta = _fit_pairwise(x, y, ["a", "b", "noise", "repetition"], "hype", 0.001, np.ones(len(y)), len(y))
    assert coef[3] == 2.0 and meta["hand_set"] == {"repetition": 2.0}
