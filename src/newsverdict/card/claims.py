"""Claim strength of a sentence: none, correlational, conditional causal, direct causal.

The scale is the one of Yu et al. (2019): 0 no relationship, 1 correlational,
2 conditional causal ("may reduce"), 3 direct causal ("reduces"). A jump in
strength from a study to its press coverage is the classic exaggeration. It is measured
by ``python -m bench.quality`` (claim_strength_yu, sci_exaggeration_pairs) and is not yet a
signal of the card: the certainty signal reads hedges from ``lexicons.HEDGES``.
"""

from __future__ import annotations

import re

from newsverdict.card.lexicons import phrase_pattern

CORRELATIONAL = frozenset("""
associated with, association between, association of, associations between, linked to, linked with,
link between, links between, correlated with, correlation between, correlates with, related to,
relationship between, relation between, tied to, connected to, predictor of, predictors of,
predictive of, more likely to, less likely to, higher risk of, lower risk of, increased risk of,
reduced risk of, greater risk of, higher rates of, lower rates of, higher odds of, odds of,
was associated, were associated, is associated, are associated, co-occur, coincides with
""".replace("\n", " ").split(", "))

CAUSAL = frozenset("""
cause, causes, caused, causing, lead to, leads to, led to, leading to, result in, results in, resulted in,
increase, increases, increased, increasing, reduce, reduces, reduced, reducing, decrease, decreases,
decreased, improve, improves, improved, improving, prevent, prevents, prevented, boost, boosts,
boosted, lower, lowers, lowered, raise, raises, raised, protect, protects, protected, trigger,
triggers, triggered, drive, drives, enhance, enhances, enhanced, impair, impairs, impaired, worsen,
worsens, worsened, help, helps, helped, benefit, benefits, effective, effect of, effects of, impact on,
affects, affected, alter, alters, slow, slows, slowed, cut, cuts, halve, halves, double, doubles, doubled,
damage, damages, damaged, kill, kills, cure, cures, treat, treats, makes, make
""".replace("\n", " ").split(", "))

HEDGED = re.compile(
    r"\b(may|might|could|can|would|possibly|potentially|likely|appears? to|seems? to|suggests?|suggested|"
    r"is thought to|are thought to|perhaps|probably)\b",
    re.I,
)


def claim_strength(sentence: str) -> tuple[int, list[str]]:
    """(level 0-3, the cue words found)."""
    correlational = [m.group(0) for m in phrase_pattern(CORRELATIONAL).finditer(sentence)]
    if correlational:
        return 1, correlational
    causal = [m.group(0) for m in phrase_pattern(CAUSAL).finditer(sentence)]
    if not causal:
        return 0, []
    hedges = [m.group(0) for m in HEDGED.finditer(sentence)]
    if hedges:
        return 2, hedges + causal
    return 3, causal
