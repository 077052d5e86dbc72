"""The evidence in plain words, shared by the story and Analyze pages: the signals grouped in their
families, and the article's paragraphs with the evidence marked in those families' colours."""

from __future__ import annotations

import itertools

from newsverdict.models import Verdict
from newsverdict.render.reader import plain_signal


def highlighted_paragraphs(paragraphs: tuple[str, ...], card: Verdict) -> list[list[tuple[str, str, str]]]:
    """Each paragraph as (text, family key, plain signal names) pieces; family empty for plain text.

    Offsets of evidence index the cleaned text, whose paragraphs are joined by two newlines.
    """
    marks: list[tuple[int, int, str, str]] = []
    for signal in card.signals:
        label, family = plain_signal(signal.name, signal.kind)
        for ev in signal.evidence:
            if ev.start is not None and ev.end is not None and ev.end - ev.start < 400:
                marks.append((ev.start, ev.end, label, family.key))
    out = []
    offset = 0
    for para in paragraphs:
        end = offset + len(para)
        cuts = sorted({offset, end, *(max(offset, min(end, p)) for s, e, _, _ in marks for p in (s, e))})
        pieces = []
        for a, b in itertools.pairwise(cuts):
            here = sorted({(n, f) for s, e, n, f in marks if s <= a and e >= b})
            pieces.append((para[a - offset : b - offset], here[0][1] if here else "", ", ".join(n for n, _ in here)))
        out.append(pieces)
        offset = end + 2
    return out
