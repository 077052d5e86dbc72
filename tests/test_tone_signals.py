"""The tone signals: word models of what careful readers wrote about an article's tone."""

from __future__ import annotations

import numpy as np

from bench.fit import tone_labels
from newsverdict.card.clean import clean
from newsverdict.card.signals import TONE_SIGNALS, measure
from newsverdict.models import Article

SOBER = ("The city council approved the budget on Tuesday, a spokesman said. The plan allocates funds "
         "to road repairs and schools, according to a statement. Officials said the vote was eight to one.")
LOUD = ("SHOCKING! The corrupt, lying elites are DESTROYING everything you love and the media cover-up is "
        "a disgrace! This outrageous regime will stop at nothing, and they think you are too stupid to notice!")


def _tones(text: str) -> dict:
    return {s.name: s for s in measure(_clean(text)) if s.name in TONE_SIGNALS}


def _clean(text: str):
    return clean(Article(text=text), min_words=1, check_language=False)


def test_a_ranting_text_reads_less_sober_and_more_loaded_than_a_wire_report():
    sober, loud = _tones(SOBER), _tones(LOUD)
    assert loud["tone_loaded"].value > sober["tone_loaded"].value
    assert loud["tone_not_sober"].value > sober["tone_not_sober"].value
    shown = _clean(LOUD).text
    for sig in loud.values():
        assert 0.0 <= sig.value <= 1.0
        # every word cited is in the text, where the card says it is
        for e in sig.evidence:
            assert e.start is None or shown[e.start:e.end].lower() == e.text.lower()


def test_tone_labels_need_two_annotators_and_read_only_the_notes():
    rows = [{"ratings": [{"why": "Loaded, tabloid framing."}, {"why": "Emotive and loaded."},
                         {"why": "Factual."}]},
            {"ratings": [{"why": "Sober wire report."}, {"why": "Loaded words."}, {"why": "Plain, attributed."}]},
            {"text": "no notes at all"}]
    labels = tone_labels(rows)
    assert list(labels["loaded"]) == [1, 0, 0]
    assert list(labels["sober"]) == [0, 1, 0]
    assert isinstance(labels["unverified"], np.ndarray) and labels["unverified"].sum() == 0
