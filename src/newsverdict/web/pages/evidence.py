"""The evidence in plain words, shared by the story and Analyze pages: the signals grouped in their
families, and the article's paragraphs with the evidence marked in those families' colours."""

from __future__ import annotations

import itertools
import re

from newsverdict.card.registry import FAMILIES
from newsverdict.models import Verdict
from newsverdict.render.reader import plain_signal

#: Evidence notes a reader can use ("hedge", "done/confirmed"); computed ones ("count 6e+06 -> size 0.83") stay
#: in the JSON card and the CLI's --explain.
_PLAIN_NOTE = re.compile(r"^[A-Za-z][A-Za-z /,'()-]*$")
_TECHNICAL = re.compile(r"[|=]|->|\bmean\b")


def _strength(value: float) -> str:
    return "not found" if value < 0.05 else "faint" if value < 0.25 else "some" if value < 0.5 else (
        "clear" if value < 0.75 else "strong")


def signal_view(card: Verdict) -> list[dict]:
    """Signals in plain words, grouped by family (no weights: those are in the JSON and /about)."""
    groups: dict[str, dict] = {f.key: {"family": f, "signals": []} for f in FAMILIES}
    for sig in card.signals:
        label, family = plain_signal(sig.name, sig.kind)
        groups[family.key]["signals"].append({
            "label": label, "strength": _strength(sig.value), "value": sig.value, "description": sig.description,
            "evidence": [{"text": ev.text, "direction": ev.direction,
                          "note": ev.note if _PLAIN_NOTE.match(ev.note) else ""}
                         for ev in sig.evidence if ev.start is not None or not _TECHNICAL.search(ev.text)][:6]})
    return [g for g in groups.values() if g["signals"]]


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
