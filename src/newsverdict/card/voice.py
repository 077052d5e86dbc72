"""Whose claim a sentence tells: the writer's own voice, opinion pieces, and the card's attribution.

A card tells a partisan or opinion article's claims as the article's ("According to the article, ..."),
never in its own voice; the summary, the key points and the analysis all ask this module.
"""

from __future__ import annotations

import re

from newsverdict.card.scoring import ATTRIBUTED_FROM_HYPE
from newsverdict.card.text import split_sentences
from newsverdict.models import CleanArticle, Scores

#: Words that may be lower-cased after "According to the article, ".
_LOWERABLE_FIRST = {"the", "a", "an", "this", "its", "their", "in", "on", "at", "for", "after", "as"}


#: The writer speaking to the reader: first or second person outside quotation marks, or a question; a question
#: after a colon is one the story reports ("provoked a national debate: Was he a hero ...?"), not the writer's.
_OPINION_VOICE = re.compile(r"\b(?:I|I'm|I've|I’m|I’ve|we|We|our|Our|us|you|You|your|Your)\b|^[^:]*\?\s*$")
#: A span inside quotation marks: someone else's words, not the writer's.
QUOTED_SPAN = re.compile(r"[“\"][^”\"]*[”\"]|‘[^’]*’|``.*?''|(?<!\w)'[^']*'(?!\w)")
_SPEECH_VERB = re.compile(r"\b(?:said|says|told|added|asked|wrote|explained|warned|according)\b", re.I)


#: Share of the writer's own sentences in the first or second person (or asking) that makes an opinion piece.
OPINION_SHARE = 0.25


def is_opinion(clean: CleanArticle) -> bool:
    """An opinion piece: 25 % or more of its sentences (at least 5) are the writer speaking to the reader."""
    voiced = total = 0
    quoting = False  # inside a quotation that runs over several sentences
    for sentence in clean.sentences:
        text = sentence.text
        inside = quoting or text[:1] in "\"“‘'`"
        quoting = _ends_inside_quote(text, quoting)
        if len(text.split()) < 4:
            continue
        total += 1
        voiced += (not inside and not _SPEECH_VERB.search(text)
                   and bool(_OPINION_VOICE.search(QUOTED_SPAN.sub(" ", text))))
    return total >= 5 and voiced >= OPINION_SHARE * total


def _ends_inside_quote(text: str, quoting: bool) -> bool:
    """Whether a quotation is still open after ``text`` (curly quotes by kind, straight ones by parity)."""
    opens, closes = text.count("“"), text.count("”")
    if opens or closes:
        return opens > closes
    return quoting != (text.count('"') % 2 == 1)


def attributed(clean: CleanArticle, scores: Scores, opinion: bool | None = None, summary: str = "") -> bool:
    """The card tells this article's claims as the article's: hype from 6 on, an opinion piece, or hype 5
    ("noticeable loaded language") when a sentence the summary tells is the writer's own judgement."""
    if scores.hype >= ATTRIBUTED_FROM_HYPE or (is_opinion(clean) if opinion is None else opinion):
        return True
    return scores.hype >= ATTRIBUTED_FROM_HYPE - 1 and writer_judges(summary)


#: The writer passing judgement rather than reporting: "still seems to be the most important priority for all
#: too many American officials", "The media very deliberately misreported ...", "disgraced FBI figures". Page-wide
#: tone signals do not tell a partisan blog from a tabloid at hype 5 (dev cards, 2026-12-07); these words do.
_JUDGEMENT = re.compile(r"\b(?:seems? to be|all too|deliberately|disgraced|so-called(?!\s*[\"“'‘])|of course|obviously|"
                        r"shamefully|sadly|needless to say|clearly)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def writer_judges(text: str) -> bool:
    """A sentence of ``text`` passes the writer's own judgement: a judgement word outside quotation marks in a
    sentence that names no speaker (", police said" makes it the speaker's)."""
    for sentence in _SENTENCE_END.split(text):
        own = QUOTED_SPAN.sub(" “” ", sentence)  # the marks stay: "the so-called “Teflon Don”" is a nickname
        if _JUDGEMENT.search(own) and not _SPEECH_VERB.search(own):
            return True
    return False


def attribute(text: str, *, summary: bool = False) -> str:
    """``text`` told as the article's: "According to the article, the ..." or "The article says: ..."."""
    if _NAMES_ITS_SOURCE.match(text):
        # "According to a 33-year study, ..." is told as its source's already: a key point needs no stacked
        # attribution; a summary does, for the sentences after it, in words that do not stack two prefixes
        return "The article says, " + text[:1].lower() + text[1:] if summary else text
    # the piece's own connective ties the sentence to its neighbour, which the card does not show:
    # "According to the article, for example, a photo has surfaced ..." loses "for example"
    connective = _ATTRIBUTED_CONNECTIVE.match(text)
    if connective and text[connective.end():connective.end() + 1].isalnum():
        text = text[connective.end()].upper() + text[connective.end() + 1:]
    if text.split(" ", 1)[0].lower() in _LOWERABLE_FIRST:
        return "According to the article, " + _lower_first(text)
    return "The article says: " + text


#: A sentence that opens by naming whose account it tells.
_NAMES_ITS_SOURCE = re.compile(r"(?:According to|As reported by)\s(?!the (?:article|piece|writer|author)\b)"
                               r"|As [A-Z][^,:;]{2,80}?\s(?:writes|wrote|reports|reported|notes|noted|says|said)\b")


_ATTRIBUTED_CONNECTIVE = re.compile(
    r"(?:For example|For instance|In fact|Indeed|Also|And|But|So|Meanwhile|Moreover|However|Still|Yet),\s+")


#: A sentence that already says whose claim it is: a reporting verb outside quotation marks after a named source or
#: a noun ("Khecharem also said: ...", "..., police said.", "according to the Sun-Sentinel", "Snipes' office has
#: admitted ..."). On a partisan or opinion page such a statement is the source's, not the card's; the writer's
#: own claims are not ("The price of a sanctuary city for illegal aliens is paid in abused children.").
_REPORTED = re.compile(r"\b(?!(?:I|We|You|we|you|i|been|be|being|not|is|are|was|were|has|have|had|never)\b)"
                       r"[A-Za-z][\w.'’-]*,?(?:\s(?:also|has|have|had|later|previously|reportedly|allegedly|"
                       r"publicly|then|was|were))?\s(?:said|says|say|told|tells|tell|reported|reports|claimed|claims|"
                       r"claim|allege|insist|argue|warn|confirm|admit|wrote|"
                       r"writes|announced|stated|testified|alleged|admitted|insisted|argued|warned|confirmed|"
                       r"acknowledged|declared|tweeted|added)\b|"
                       r"\b(?i:according to|as reported by) (?!(?i:the (?:article|piece|writer|author))\b)\w")


def reported(text: str) -> bool:
    """The statement names its source with a reporting verb outside any quotation."""
    return bool(_REPORTED.search(QUOTED_SPAN.sub(" \" \" ", text)))


#: How the card tells the second, third ... sentence of a summary it attributes: each one is the article's too
#: (issue 9, editor3's read of seed 61: "According to the article, the president is doubling down ... It's a good
#: example of how badly Trump does his job ..." read as the card's own verdict after its first sentence).
_LATER_ATTRIBUTIONS = (("It adds that ", "It also says: "), ("It says that ", "It says: "),
                       ("It goes on to say that ", "It goes on to say: "), ("It also says that ", "It further says: "))
#: A summary sentence's first word that may be lower-cased after "... that ": a common word, not a name.
_LOWERABLE_AFTER_THAT = _LOWERABLE_FIRST | {
    "it", "it's", "it’s", "he", "she", "they", "there", "these", "those", "that", "some", "many", "most", "no",
    "not", "when", "while", "if", "although", "though", "because", "since", "despite", "with", "without", "by",
    "from", "to", "under", "over", "during", "before", "even", "only", "all", "every", "each", "his", "her",
    "such", "what", "how", "one", "two", "three", "four", "five", "more", "both", "now", "once", "until", "instead"}


def attribute_summary(summary: str, article: str = "", every: bool = True) -> str:
    """An attributed summary: the first sentence as ``attribute`` tells it, each later one that does not name its
    source with "The article adds that ...", "It also says that ..." (or "The article also says: ..." before a
    name). ``article``: the text, where a common word is also met in lower case. ``every``: a partisan page (high
    hype, an opinion piece) has every later sentence told so; a page told as the article's at moderate hype only
    those that pass the writer's judgement ("... all too many officials")."""
    sentences = [summary[a:b].strip() for a, b in split_sentences(summary)]
    if len(sentences) < 2:
        return attribute(summary, summary=True)
    told = [attribute(sentences[0], summary=True)]
    later = 0
    for sentence in sentences[1:]:
        if (_names_source(sentence) or sentence[:1] in "\"“‘'" or _FIRST_PERSON_OPENING.match(sentence)
                or not (every or writer_judges(sentence))):
            told.append(sentence)  # "..., police said." is its source's; a quotation or the first person stays as is
            continue
        connective = _ATTRIBUTED_CONNECTIVE.match(sentence) or _BARE_CONNECTIVE.match(sentence)
        if connective and sentence[connective.end():connective.end() + 1].isalnum():
            sentence = sentence[connective.end()].upper() + sentence[connective.end() + 1:]  # not "adds that but"
        that, colon = _LATER_ATTRIBUTIONS[later % len(_LATER_ATTRIBUTIONS)]
        later += 1
        words = sentence.split(" ", 2)
        first = words[0].rstrip(",").lower()
        common = first in _LOWERABLE_AFTER_THAT or (
            len(words) > 1 and words[1][:1].islower() and re.search(rf"(?<![\w.]){re.escape(first)}\b", article))
        told.append(that + sentence[:1].lower() + sentence[1:] if common else colon + sentence)
    return " ".join(told)


def _names_source(sentence: str) -> bool:
    """The sentence names whose claim it tells near its start ("Police said ...", "According to ...") or at its
    end ("..., police said.")."""
    bare = QUOTED_SPAN.sub(' " " ', sentence)
    return any(_REPORTED.search(" ".join(part)) for part in (bare.split()[:8], bare.split()[-6:]))


_FIRST_PERSON_OPENING = re.compile(r"(?:I|We|You|My|Our)\b")
_BARE_CONNECTIVE = re.compile(r"(?:But|And|So|Yet|Also|Still)\s+")


def _lower_first(text: str) -> str:
    """``text`` to follow "According to the article, ": its first word lower-cased when it is a common word."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _LOWERABLE_FIRST else text
