"""Scores stage: combine signals into impact (1-10) and hype (1-10).

This module and ``data/weights.json`` are the one place where weights and
thresholds live. The weights are a linear model per score, fitted by
``scripts/fit_weights.py`` on the seeded train part of ``impact_ratings``
(see docs/scoring.md for the figures on the part it was not fitted on).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsverdict.models import HypeWord, Scores, Signal, Weights

WEIGHTS_FILE = "weights.json"

#: Hype level words by the 1-10 hype score (inclusive upper bounds), on the rubric's bands
#: (../shared/data/RUBRIC.md): 1-2 "sober, factual" and 3-4 "mostly factual with some colour or mild
#: framing" are low; 5-6 "noticeable loaded language or speculation" moderate; 7-8 "heavily sensational
#: or partisan" high; 9-10 "propaganda or clickbait in its purest form" extreme.
HYPE_LEVELS: tuple[tuple[int, HypeWord], ...] = ((4, "low"), (6, "moderate"), (8, "high"), (10, "extreme"))
#: From this hype on, the card tells the article's claims as the article's ("According to the article, ..."):
#: the upper half of the rubric's 5-6 band, "framing that pushes a reading".
ATTRIBUTED_FROM_HYPE = 6
#: impact - hype at or above this: substance outweighs the noise; at or below minus this: more noise.
PLACEMENT_MARGIN = 2


def load_weights(path: str | Path | None = None) -> Weights:
    if path is None:
        raw = resources.files("newsverdict.data").joinpath(WEIGHTS_FILE).read_text()
    else:
        raw = Path(path).read_text()
    data = json.loads(raw)
    return Weights(
        impact=data["impact"]["weights"], impact_intercept=data["impact"]["intercept"],
        hype=data["hype"]["weights"], hype_intercept=data["hype"]["intercept"],
        fitted_on=data.get("fitted_on", ""), notes=data.get("notes", {}),
    )


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    return load_weights()


def hype_level(hype: int) -> HypeWord:
    for bound, word in HYPE_LEVELS:
        if hype <= bound:
            return word
    return "extreme"


def placement(impact: int, hype: int) -> str:
    if impact - hype >= PLACEMENT_MARGIN:
        return "substance outweighs the noise"
    if hype - impact >= PLACEMENT_MARGIN:
        return "more noise than substance"
    return "coverage is proportionate to the substance"


def _clip(x: float) -> float:
    return max(1.0, min(10.0, x))


def weigh(signals: list[Signal], weights: Weights | None = None) -> list[Signal]:
    """Attach each signal's weight and contribution (weight * value)."""
    weights = weights or default_weights()
    out = []
    for s in signals:
        table = weights.impact if s.kind == "impact" else weights.hype
        w = float(table.get(s.name, 0.0))
        out.append(s.model_copy(update={"weight": round(w, 4), "contribution": round(w * s.value, 4)}))
    return out


def score(signals: list[Signal], weights: Weights | None = None) -> Scores:
    """Signals (already weighed) to scores."""
    weights = weights or default_weights()
    impact_raw = _clip(weights.impact_intercept + sum(s.contribution for s in signals if s.kind == "impact"))
    hype_raw = _clip(weights.hype_intercept + sum(s.contribution for s in signals if s.kind == "hype"))
    # round half up, explicitly, so 5.5 is 6 on every platform
    impact, hype = int(impact_raw + 0.5), int(hype_raw + 0.5)
    return Scores(impact=impact, hype=hype, hype_level=hype_level(hype), placement=placement(impact, hype),
                  impact_raw=round(impact_raw, 3), hype_raw=round(hype_raw, 3))
