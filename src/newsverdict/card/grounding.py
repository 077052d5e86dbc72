"""Grounding check: every number, date and name a language model writes must be in the source.

Numbers are compared by value after normalising scale words and currency signs
("$2.1 billion" = "2.1bn dollars" = 2.1e9); names and dates by their words,
case-insensitively. What is not found is returned, so the caller can replace the
field and say why.
"""

from __future__ import annotations

import re

from newsverdict.card.numbers import NUMBER, SCALE_WORD, SCALES, VAGUE, WORD_NUMBERS
from newsverdict.card.text import STOPWORDS

_NUMBER = re.compile(rf"(?:[$€£¥]\s?)?({NUMBER})(?:\s?({SCALE_WORD}))?", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’\-]*[A-Za-z]\b|\b[A-Z]{2,}\b")
#: Capitalised words that may open a sentence of ours without naming anything.
_COMMON_OPENERS = {
    "the", "this", "that", "these", "those", "while", "however", "its", "it", "in", "a", "an", "media", "hype",
    "impact", "analysis", "summary", "key", "although", "despite", "with", "as", "after", "before", "overall",
    "meanwhile", "officials", "authorities", "experts", "critics", "residents", "according", "coverage", "there",
    "why", "what", "how", "when", "where", "who", "which", "one", "two", "three", "both", "all", "some", "many",
    "most", "such", "his", "her", "their", "they", "he", "she", "we", "our", "if", "but", "and", "also", "for",
    "on", "at", "by", "from", "to", "of", "no", "not", "yes", "several", "new", "first", "last", "later",
    "notably", "additionally", "furthermore", "moreover", "finally", "instead", "still", "yet", "here", "today",
    "now", "together", "beyond", "given", "because", "since", "so", "thus", "therefore",
    "long-term", "short-term", "core", "main", "major", "significant", "substantial", "limited", "little",
}
#: Role and domain acronyms a summary may use without the source spelling them out.
COMMON_ACRONYMS = {"CEO", "CFO", "CTO", "AI", "GDP", "TV", "PM", "AM", "UTC"}


#: number words an LLM may write for a number of the source ("one" is left out: it is mostly a pronoun)
_WORD_NUMBERS = {w: v for w, v in {**WORD_NUMBERS, **VAGUE}.items() if " " not in w and v >= 2}
_WORD_NUMBER = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I)


def numbers(text: str) -> list[tuple[str, float, float]]:
    """(as written, value, value with scale) for every number in ``text``, digits or words."""
    out = []
    for m in _NUMBER.finditer(text):
        raw = float(m.group(1).replace(",", ""))
        scale = SCALES.get((m.group(2) or "").lower(), 1.0)
        out.append((m.group(0).strip(), raw, raw * scale))
    for m in _WORD_NUMBER.finditer(text):
        value = float(_WORD_NUMBERS[m.group(1).lower()])
        out.append((m.group(0), value, value))
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def ungrounded(text: str, source: str, *, allowed_numbers: set[float] = frozenset(),
               allowed_words: set[str] = frozenset()) -> list[str]:
    """Numbers and names in ``text`` that ``source`` does not contain (nor the allowed sets)."""
    known = numbers(source)
    values = {v for _, raw, scaled in known for v in (raw, scaled)} | set(allowed_numbers)
    missing: list[str] = []
    for written, raw, scaled in numbers(text):
        if not any(_close(scaled, v) or _close(raw, v) for v in values):
            missing.append(written)
    source_words = {w.lower() for w in re.findall(r"[A-Za-z]+", source)}
    allowed = {w.lower() for w in allowed_words}
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        tokens = list(_CAPITALISED.finditer(sentence))
        for m in tokens:
            word = m.group(0)
            low = word.lower().strip("'’")
            at_start = m.start() == len(sentence) - len(sentence.lstrip(" \"“‘'(–-"))
            if low in STOPWORDS or low in allowed or (at_start and low in _COMMON_OPENERS):
                continue
            if word in COMMON_ACRONYMS:
                continue
            parts = [p for p in re.findall(r"[a-z]+", low) if len(p) > 1]
            if not all(p in source_words for p in parts):
                missing.append(word)
    return list(dict.fromkeys(missing))
