"""The word index finds what a hand-written pattern finds, trying it only where a match can start."""

from __future__ import annotations

import re

import pytest

from newsverdict.card.lexicons import PERSUASION_PATTERNS, STRATEGIC_SHIFT, PhraseIndex, word_prefixes

_PATTERNS = [pattern for _, pattern in PERSUASION_PATTERNS] + [
    STRATEGIC_SHIFT,
    re.compile(r"\b(?:un-?american|so-called|cover[- ]?up|radical (?:left|islam\w*)|it's clear|(?:the )?truth)\b",
               re.I),
    re.compile(r"\b(?:according to |said )?(?:two |some )?(?:sources?|officials?) (?:said|told)\b", re.I),
    re.compile(r"\b(?:Said|Told)\b"),  # case-sensitive: the lower-case index may only try more places
]
_TEXTS = [
    "Some Un-American so-called experts said the Cover-up was a COVER UP; sources said so. Two officials told us.",
    "unamerican covers-up, the truth, The Truth, radical Islamists and radical islam's truths; x-so-called",
    "It's clear: it\u2019s clear, ITS CLEAR, said_ said2 2said, Said and Told, said-told",
    "The \u212aremlin's tariffs (tariff-war) and an AI race: a U-turn, u-turn, policy shift,"
    " shift in the party's stance",
    "\u017fo-called ſources said, \u0130t's clear, the ıtruth",  # letters re folds its own way: scanned the plain way
    "", "so", "-so-called-", "sources said\nsaid\tsaid",
]


@pytest.mark.parametrize("pattern", _PATTERNS, ids=lambda p: p.pattern[:30])
@pytest.mark.parametrize("text", _TEXTS)
def test_the_word_index_finds_what_a_hand_written_pattern_finds(pattern, text):
    assert word_prefixes(pattern) is not None
    assert ([(m.span(), m.group(0)) for m in PhraseIndex(text).finditer(pattern)]
            == [(m.span(), m.group(0)) for m in pattern.finditer(text)])


def test_prefixes_are_read_from_the_pattern():
    pattern = re.compile(r"\b(?:un-?american|patriots?|radical (?:left|right)|(?:our )?nation)\b", re.I)
    assert word_prefixes(pattern) == ("nation", "our", "patriot", "radical", "un")


@pytest.mark.parametrize("body", [
    r"(?:foo|bar)",          # no \b first: a match need not start a word
    r"\b(?:foo|[A-Z]\w+)",   # an alternative opens with a class
    r"\b(?:foo|-bar)",       # or with a non-word character
    r"\b(?:foo)?\w+",        # or may open with anything
])
def test_a_pattern_that_may_start_anywhere_is_scanned_the_plain_way(body):
    pattern = re.compile(body, re.I)
    assert word_prefixes(pattern) is None
    text = "foo bar -bar Quux"
    assert [m.span() for m in PhraseIndex(text).finditer(pattern)] == [m.span() for m in pattern.finditer(text)]
