"""Numbers in text: the one table of scale words and number words, and the figures of an article.

Each figure (money, counts, percentages, casualties) becomes a ``Figure`` with its value normalised
to 0..1 on a log scale, so that "$2 billion" and "400,000 chips" can be compared with each other.
The grounding check of LLM prose (grounding.py) reads numbers with the same tables.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from newsverdict.card.lexicons import _trie_body

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12,
}
VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2e3, "tens of thousands": 2e4,
         "hundreds of thousands": 2e5, "millions": 2e6, "tens of millions": 2e7,
         "hundreds of millions": 2e8, "billions": 2e9, "trillions": 2e12}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
                "forty": 40, "dozen": 12, "fifty": 50, "hundred": 100, "a hundred": 100, "a thousand": 1000,
                "a million": 1e6, "a billion": 1e9}
CURRENCY = r"(?:US\$|\$US|(?:A|AU|C|CA|NZ|HK|S)\$|\$|€|£|¥|USD|EUR|GBP|Rs\.?)"
CURRENCY_WORDS = r"(?:dollars|euros|pounds|yuan|yen|rupees|francs|roubles|rubles)"
# The word lists below are compiled as regex tries (lexicons._trie_body): the same matches as the flat, longest-first
# alternations they replace (no entry of a list is a prefix of another but "hundreds" of "hundreds of ...", which a
# trie also tries longest first), but ``re`` no longer tries every word at every position of the text: the number
# patterns cost 2-3x less (the casualty pattern was the largest single scan of the signals stage).
CASUALTY_WORDS = "(?:" + _trie_body(("dead", "killed", "died", "deaths", "death toll", "fatalities", "casualties",
                                     "injured", "wounded", "missing", "victims")) + ")"
_CASUALTY_VERBS = _trie_body(("killing", "killed", "kills", "injuring", "injured", "wounding", "wounded", "left"))

# A number not glued to a word before it ("H200", "A380" are names, not counts).
NUMBER = r"(?:(?<![\w.])|(?<=\$US))(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SCALE_WORD = r"(?:" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b"
_NUM = NUMBER
_SCALE = SCALE_WORD
_VAGUE = _trie_body(VAGUE)
_WORDNUM = _trie_body(WORD_NUMBERS)

MONEY_RE = re.compile(
    rf"(?P<cur>{CURRENCY})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?"
    rf"|(?P<num2>{_NUM})\s?(?P<scale2>{_SCALE})?\s(?:US\s)?{CURRENCY_WORDS}"
    rf"|(?P<vague>{_VAGUE}) of (?:{CURRENCY_WORDS}|(?:US )?dollars)",
    re.I,
)
PERCENT_RE = re.compile(rf"(?P<num>{_NUM})\s?(?:%|per ?cent\b)", re.I)
COUNT_RE = re.compile(
    rf"(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?(?:\s(?:more|new|additional|other|of))?"
    rf"\s(?P<noun>[a-z][a-z\-]+)"
    rf"|(?P<vague>{_VAGUE})(?: of)?\s(?P<noun2>[a-z][a-z\-]+)"
    rf"|\b(?P<word>{_WORDNUM})\s(?P<noun3>[a-z][a-z\-]+)",
    re.I,
)
CASUALTY_RE = re.compile(
    rf"(?:(?P<num>{_NUM}|{_WORDNUM})\s(?:people\s|persons\s|civilians\s|soldiers\s|workers\s|children\s)?"
    rf"(?:were\s|have been\s|are\s|had been\s)?(?:reported\s|confirmed\s)?{CASUALTY_WORDS})"
    rf"|(?:{CASUALTY_WORDS}\s(?:of|at|to|rose to|reached|stands at|climbed to)\s(?P<num2>{_NUM}))"
    rf"|(?:(?:{_CASUALTY_VERBS})\s"
    rf"(?:at least\s|more than\s|over\s|nearly\s|about\s|some\s|almost\s)?(?P<num3>{_NUM}|{_WORDNUM})(?!\w)"
    rf"(?:\s(?:people|persons|civilians|soldiers|workers|children|passengers|residents|others))?)",
    re.I,
)
#: Every match of CASUALTY_RE holds one of these (a cheap test that spares the costly scan most texts).
_CASUALTY_CUE = re.compile(r"d(?:ead|ied|eath)|kill|fatalities|casualties|injur|wound|missing|victims|left", re.I)
_NOT_COUNT_NOUNS = {
    "am", "pm", "a", "p", "years", "year", "old", "percent", "per", "cent", "st", "nd", "rd", "th",
    "minutes", "minute", "seconds", "hours", "hour", "days", "day", "weeks", "week", "months",
    "month", "times", "points", "point", "goals", "runs", "innings", "laps", "of", "and", "to", "in",
    "or", "at", "on", "the", "for", "by", "mph", "km", "miles", "feet", "metres", "meters", "degrees",
    "inches", "pounds", "kg", "round", "rounds", "games", "matches", "sets", "holes", "yards",
    "kilometers", "kilometres", "kilometre", "kilometer", "mile", "metre", "meter", "foot", "acres", "hectares",
    "votes", "vote", "after", "before", "from", "with", "than", "as", "when", "while", "since",
    "into", "over", "under", "up", "down", "out", "off", "against", "between", "hrs", "mins", "secs",
    "nautical", "kms",
}
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_NOT_COUNT_NOUNS |= set(_MONTHS.split("|")) | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                                "sunday", "gmt", "utc", "edt", "est", "bst", "cet", "pst"}
#: A number right after a month name is a day of the month ("March 12 police said" is no count of police).
_AFTER_MONTH = re.compile(rf"\b(?:{_MONTHS})\.?,?\s*$", re.I)
#: Capitalised words that may open a count ("About 300 people", "Nearly 40 homes").
_COUNT_OPENERS = {"about", "some", "nearly", "almost", "around", "over", "more", "fewer", "at", "only", "just",
                  "the", "all", "another", "roughly", "approximately", "up", "than", "of", "and", "with", "by",
                  "for", "to", "in", "on", "after", "before", "since", "least", "most", "those", "these", "its",
                  "their", "his", "her", "our"}


@dataclass(frozen=True)
class Figure:
    text: str
    kind: str  # money | count | percent | casualties
    amount: float
    size: float  # 0..1, log-normalised
    start: int
    end: int


def _to_float(num: str) -> float | None:
    num = num.replace(",", "")
    try:
        return float(num)
    except ValueError:
        return WORD_NUMBERS.get(num.lower())


def _scaled(num: str | None, scale: str | None) -> float | None:
    if num is None:
        return None
    value = _to_float(num)
    if value is None:
        return None
    if scale:
        value *= SCALES.get(scale.lower(), 1.0)
    return value


def _log_size(amount: float, low: float, high: float) -> float:
    """Map ``amount`` to 0..1: ``low`` and below is 0, ``high`` and above is 1, log in between."""
    if amount <= low:
        return 0.0
    return min(1.0, (math.log10(amount) - math.log10(low)) / (math.log10(high) - math.log10(low)))


# Reference ranges, documented in docs/signals.md: $10k..$1tn, 10..100m people/things,
# 1..1,000 casualties. Percentages are weak evidence of size on their own.
MONEY_RANGE = (1e4, 1e12)
COUNT_RANGE = (10, 1e8)
CASUALTY_RANGE = (0.5, 1e3)


class _Spans:
    """Disjoint (start, end) spans kept sorted, so that an overlap test is a binary search, not a scan."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return False
        return not (i < len(self.starts) and self.starts[i] < end)

    def append(self, span: tuple[int, int]) -> None:
        i = bisect.bisect_right(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])

#: Words before a number that make it a label, not a quantity ("size 24 dress", "Flight 93 passengers").
_LABEL_WORDS = {"size", "sizes", "number", "no", "no.", "nos", "room", "flight", "route", "page", "chapter",
                "highway", "interstate", "exit", "gate", "platform", "channel", "level", "grade", "row", "seat",
                "suite", "apartment", "unit", "ward", "district", "precinct", "squadron", "division", "lane",
                "pier", "terminal", "hangar", "bay", "lot", "box", "model", "version", "season", "episode", "week",
                "day", "stage", "round", "game", "match", "hole", "heat", "leg", "lap", "mile", "track"}
#: A number right after "43-" or "3–" is the second half of a score, record or range ("a 43-39 record").
_SCORE_HALF = re.compile(r"\d[-–]$")


def _plain_count(text: str, start: int, noun: str) -> bool:
    """False for numbers that name things: dates, model numbers, street addresses, labels, scores.

    "March 12 police" (a date), "Boeing 747 jets" and "iPhone 5 users" (model numbers: a
    capitalised name right before the number, mid-sentence), "350 Fifth Avenue" (an address:
    a capitalised word right after it), "size 24 dress" (a label), "a 43-39 record" (a score).
    """
    before = text[max(0, start - 24):start]
    if _AFTER_MONTH.search(before) or _SCORE_HALF.search(before):
        return False
    label = re.search(r"([A-Za-z.]+)\s$", before)
    if label and label.group(1).lower() in _LABEL_WORDS:
        return False
    prev = re.search(r"(\S+)\s$", before)
    if prev:
        word = prev.group(1)
        head = text[:start - len(prev.group(0))].rstrip()
        sentence_start = not head or head[-1] in ".!?\n\"“:"
        core = word.strip("\"'“‘(")
        named = core[:1].isupper() or core[1:2].isupper()  # "Boeing", "iPhone"
        if named and not sentence_start and core.lower() not in _COUNT_OPENERS:
            return False
    return not (noun[:1].isupper() and noun.lower() not in {"people", "dead"} and not noun.isupper())


def _conversion(text: str, start: int, figures: list[Figure]) -> bool:
    """True for a sum given again in another currency: "$US1 million ($1.52 million)" is one sum, not two."""
    if not figures or figures[-1].kind != "money" or not text[:start].endswith("("):
        return False
    return start - figures[-1].end <= 3


def find_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    taken = _Spans()
    free = taken.free

    for m in CASUALTY_RE.finditer(text) if _CASUALTY_CUE.search(text) else ():
        amount = _to_float(m.group("num") or m.group("num2") or m.group("num3") or "")
        if amount is None or (_YEAR.match(str(int(amount))) and "," not in m.group(0)):
            continue
        figures.append(Figure(m.group(0), "casualties", amount, _log_size(amount + 0.5, *CASUALTY_RANGE),
                              m.start(), m.end()))
        taken.append(m.span())
    for m in MONEY_RE.finditer(text):
        if m.group("vague"):
            amount = VAGUE[m.group("vague").lower()]
        else:
            amount = _scaled(m.group("num") or m.group("num2"), m.group("scale") or m.group("scale2"))
        if amount is None or not free(*m.span()):
            continue
        if _conversion(text, m.start(), figures):
            taken.append(m.span())  # the same sum again: neither a second sum nor a count
            continue
        figures.append(Figure(m.group(0), "money", amount, _log_size(amount, *MONEY_RANGE), m.start(), m.end()))
        taken.append(m.span())
    for m in PERCENT_RE.finditer(text):
        amount = _to_float(m.group("num"))
        if amount is None or not free(*m.span()):
            continue
        figures.append(Figure(m.group(0), "percent", amount, 0.3 * min(1.0, amount / 50), m.start(), m.end()))
        taken.append(m.span())
    for m in COUNT_RE.finditer(text):
        if not free(*m.span()):
            continue
        noun_raw = m.group("noun") or m.group("noun2") or m.group("noun3") or ""
        noun = noun_raw.lower()
        if noun in _NOT_COUNT_NOUNS or noun.endswith(("ly", "-")):
            continue  # "23 heavily", "seven AK-": what follows the number is not what is counted
        if m.group("num") and re.search(r"[A-Za-z]-$", text[max(0, m.start() - 8):m.start()]):
            continue  # "AK-47 assault rifles": the number is part of a model name
        if m.group("num") and not _plain_count(text, m.start(), noun_raw):
            continue
        if m.group("vague"):
            amount = VAGUE[m.group("vague").lower()]
        elif m.group("word"):
            amount = WORD_NUMBERS[m.group("word").lower()]
        else:
            raw = m.group("num")
            if _YEAR.match(raw) and not m.group("scale"):
                continue  # "2024 budget" is a year, not a count
            amount = _scaled(raw, m.group("scale"))
        if amount is None or amount < 2:
            continue
        figures.append(Figure(m.group(0), "count", amount, _log_size(amount, *COUNT_RANGE), m.start(), m.end()))
        taken.append(m.span())
    figures.sort(key=lambda f: f.start)
    return figures
