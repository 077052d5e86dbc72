"""Small, dependency-free text utilities shared by the analysis stages."""

from __future__ import annotations

import re
import unicodedata

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
TOKEN_RE = re.compile(r"\w+", re.UNICODE)

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "no", "u.s", "u.k", "u.n", "e.g",
    "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "fig", "approx", "dept", "est", "min", "max", "rev", "hon", "pres",
}
# Possessive quantifiers and the look-behind keep this linear: a run of 200k "!" with no space after
# it is tried once, from its first character, instead of from every character of the run.
_SENT_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+\s+")
#: Abbreviations and initials are short: the word before a full stop is looked for this far back.
_LAST_WORD_WINDOW = 40

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say new one two after over""".split()
)

# A few very common function words of other languages, to name the language we refuse.
_FOREIGN_MARKERS = {
    "Spanish": {"el", "los", "las", "que", "del", "por", "para", "una", "con", "es", "según"},
    "French": {"le", "les", "des", "est", "une", "dans", "pour", "qui", "sur", "avec", "du"},
    "German": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "auf"},
    "Italian": {"il", "della", "che", "di", "per", "una", "sono", "gli", "nel", "è"},
    "Portuguese": {"o", "os", "que", "não", "uma", "para", "com", "do", "da", "em"},
    "Dutch": {"de", "het", "een", "van", "en", "niet", "op", "zijn", "voor", "met"},
}


def normalize(text: str) -> str:
    """Unicode NFKC, unify quotes and dashes, drop control and zero-width characters."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b-\u200f\u2060\ufeff\u00ad]", "", text)
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
    )
    text = text.replace("\t", " ")
    text = re.sub(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
    return text


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits)."""
    return [t.lower() for t in TOKEN_RE.findall(text)]


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENT_END.finditer(paragraph):
        end = match.end()
        before = paragraph[max(start, match.start() - _LAST_WORD_WINDOW) : match.start() + 1].rstrip(".!?…\"'”’)]")
        last_word = before.rsplit(" ", 1)[-1].lower().rstrip(".")
        nxt = paragraph[end : end + 1]
        # Not a boundary: abbreviation, initial ("J. Smith"), or next word in lower case.
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        if nxt and nxt.islower():
            continue
        spans.append((start, match.end() - (len(match.group()) - len(match.group().rstrip()))))
        start = end
    if start < len(paragraph) and paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return [(s, e) for s, e in spans if paragraph[s:e].strip()]


def shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    toks = tokens(text)
    if len(toks) < size:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i : i + size]) for i in range(len(toks) - size + 1)}


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def english_ratio(text: str) -> float:
    """Share of tokens that are English stop words: ~0.35-0.55 for English prose."""
    toks = [t for t in tokens(text[:20000]) if not t.isdigit()]
    if not toks:
        return 0.0
    return sum(t in STOPWORDS for t in toks) / len(toks)


def guess_language(text: str) -> str:
    """Name of the language of ``text`` when it is clearly not English, else "English".

    A stop-word profile is enough to tell English prose from anything else with
    high confidence, costs microseconds and needs no model file.
    """
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if letters:
        latin = sum("LATIN" in unicodedata.name(ch, "") for ch in letters[:5000])
        if latin / min(len(letters), 5000) < 0.5:
            return "a non-Latin-script language"
    if english_ratio(sample) >= 0.18:
        return "English"
    toks = tokens(sample)
    best, best_hits = "a language other than English", 0
    for name, markers in _FOREIGN_MARKERS.items():
        hits = sum(t in markers for t in toks)
        if hits > best_hits:
            best, best_hits = name, hits
    return best
