"""Prose stage (embedded backend): headline, summary and key points from the measured signals.

Deterministic and extractive: the summary and key points are sentences of the
article chosen for coverage and non-redundancy. ``write`` puts the card's prose
together: the analysis comes from ``card.analysis``, whose claim a sentence tells
from ``card.voice``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from newsverdict.card.analysis import _dated_past, analyze_prose
from newsverdict.card.clean import is_furniture_sentence
from newsverdict.card.scoring import ATTRIBUTED_FROM_HYPE
from newsverdict.card.text import STOPWORDS, split_sentences, tokens
from newsverdict.card.voice import QUOTED_SPAN, attribute, attribute_summary, attributed, is_opinion, reported
from newsverdict.models import CleanArticle, Prose, Scores, Sentence, Signal

#: Chosen on the train part of the FRANK CNN/DM articles (bench, docs/quality.md); the card allows 120.
SUMMARY_WORDS = 90
KEY_POINT_WORDS = 30
#: How fast a sentence's position stops counting, and what impact evidence adds (fitted with SUMMARY_WORDS).
POSITION_DECAY = 0.35
EVIDENCE_BONUS = 0.05
SUMMARY_MIN_WORDS = 6
UNQUOTED_FIRST_PERSON_PENALTY = 1.0
QUOTE_PENALTY = 0.1
FIGURE_BONUS = 0.05
#: What each word of a summary sentence costs its rank: of two sentences near the lead, the shorter leaves
#: room for another fact. Chosen by grouped cross-validation on the FRANK train half (scripts/train_summary.py).
LENGTH_COST = 0.1 / 30  # 0.1 of rank (a position step near the lead is ~0.1-0.2) per 30 words
#: Sentences opening with these words lean on an earlier sentence; they read badly alone.
_DANGLING = {
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their",
    "him", "them", "but", "and", "or", "so", "however", "also", "meanwhile", "still", "yet",
    "then", "there", "here", "heres", "theres", "such", "both", "another", "instead", "moreover", "furthermore",
    "besides", "likewise", "similarly", "nevertheless", "thus", "hence", "otherwise", "which",
}
_CLAUSE_OPENERS = {"who", "which", "whose", "whom", "where", "and", "but", "or", "while", "as", "although"}


def _content(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 2 and not t.isdigit()]


def _balanced_quotes(text: str, single: bool = True) -> bool:
    straight = text.count('"') % 2 == 0
    curly = text.count("“") == text.count("”")
    # single marks (Daily Mail quotes): an opening one (after a space, before a letter) needs a closing
    # one; apostrophes inside words ("don't") are neither
    opened = len(re.findall(r"(?:^|[\s(])['‘](?=\w)", text))
    closed = len(re.findall(r"(?<=[\w.,!?])['’](?=[\s.,;:!?)]|$)", text))
    return straight and curly and (not single or opened <= closed)


def _leans_back(text: str) -> bool:
    """Opens with a pronoun or connective that needs the sentence before it."""
    first = re.sub(r"\W", "", re.sub(r"['’](?:s|d|ll|re|ve|m)$", "", text.split()[0])).lower() if text.split() else ""
    # "He's had a long, strange career" leans back as "He" does; "Close behind was ..." as "Prior to that, ..."
    return first in _DANGLING or bool(_POINTS_BACK.match(text))


#: An opening that points at a sentence the card may not hold (issue 9, round 8): "Close behind was the notion
#: ...", "Prior to that, DiLeo spent ...", "Just seconds before, Benson ...", "Meantime, ...", "As a result, ...",
#: "The 22-year-old fractured her neck ..." (who?). "Despite this week's storm" and "After that time" are no
#: pointers to a sentence: a time noun after "this"/"that" is the phrase's own.
_POINTS_BACK = re.compile(
    r"^(?:Close behind|Not far behind|Hot on the heels|(?:The )?[Ss]ame (?:goes|is true|applies|holds)\b|Ditto\b|"
    r"(?:Just |Only )?(?:[Aa] few |[Ss]everal )?(?:[Ss]econds|"
    r"[Mm]inutes|[Mm]oments|[Hh]ours) (?:before|earlier|later|after)(?:,|\s(?:that|this)\b)|Meantime\b|"
    r"In the meantime\b|"
    r"(?:Prior to|Before|After|Despite|Because of|Besides|Apart from|Beyond|Unlike|Like|In addition to|On top of|"
    r"Along with|Due to|Thanks to|Following|Other than|As well as|Instead of|Rather than|In spite of|Even with|"
    r"Without|With all) (?:that|this|these|those|it|them)(?=[,\s])(?!\s(?:week|weekend|year|month|morning|"
    r"afternoon|evening|night|season|summer|winter|spring|autumn|fall|time|decade|century)s?\b)|"
    r"(?:As a result|In response|In return|In turn|In contrast|By contrast|At the same time|At that point|"
    r"On the other hand|Even so|Even then|Not only that|What's more|What is more|Worse still|Worse),|"
    # "The 36-year-old champion Klitschko ..." names its person
    r"The \d+-year-old\b(?!-)(?!(?: [a-z]+)? [A-Z])|The (?:number|No\.) ?\d+ seed\b|The world (?:number|No\.) ?\d+\b)")
#: An epithet for the person a later sentence names: "The 22-year-old fractured her neck ... Norfolk's Williamson
#: spent four weeks in hospital ..." -> "Williamson, 22, fractured her neck ...".
_AGE_EPITHET = re.compile(r"^The (\d{1,3})-year-old (?=[a-z])")
_NAMED_SUBJECT = re.compile(r"^(?:[A-Z][\w'’-]+['’]s )?((?:[A-Z][a-z]+ )?(?:Mc|Mac|O['’])?[A-Z][a-z]{2,})"
                            r"(?:, \d{1,3},)? (?=[a-z])")


def _name_epithet(sentences: tuple[Sentence, ...], i: int) -> str | None:
    """Sentence ``i`` with an opening "The 22-year-old" replaced by the name the next two sentences give their
    subject ("Williamson, 22, fractured ..."), when that name is used as a person's; None otherwise."""
    text = sentences[i].text.strip()
    m = _AGE_EPITHET.match(text)
    if not m:
        return None
    for j in range(i + 1, min(len(sentences), i + 3)):
        subject = _NAMED_SUBJECT.match(sentences[j].text.strip())
        if subject is None:
            continue
        name = subject.group(1)
        last = name.split()[-1]
        whole = " ".join(s.text for s in sentences)
        if (_FRONTED_WORDS.match(name.split()[0]) or last.lower() in STOPWORDS or last.lower() in _COMMON_NEWS
                or re.search(rf"\b{re.escape(last.lower())}\b", whole)
                or len(re.findall(rf"\b{re.escape(last)}\b", whole)) < 2):
            return None  # "Police", "Officials", a word written in lower case too, or a name met once
        return f"{name}, {m.group(1)}, " + text[m.end():]
    return None


#: A time told from an earlier sentence: "Later that year, ...", "The next day ...", "Two days later, ..." (a key
#: point stands alone; the summary's own order is left to its selection).
_TIME_BACK = re.compile(
    r"^(?:(?:Later|Earlier) (?:that|this|the same) (?:day|night|morning|afternoon|evening|week|month|year|season)|"
    r"(?:That|The same|The next|The following|The previous|The day|The night) (?:day|night|morning|afternoon|evening|"
    r"week|weekend|month|year|season|summer|winter|spring|autumn|fall|time)|The day (?:before|after)|"
    r"(?:A|One|Two|Three|Four|Five|Six|Several|A few|Some|\d+) (?:days?|nights?|weeks?|months?|years?|hours?|"
    r"minutes?) (?:later|after(?:wards?)?,|earlier|before,)|(?:Days|Weeks|Months|Years|Hours|Minutes|Moments|Soon) "
    r"(?:later|afterwards?)\b|Shortly (?:after|before)(?:wards?)?,|After(?:wards?)?,|At the time,|By then,|"
    r"Since then,|Until then,|Back then,|By that time,|"
    r"(?:One|That|An|Early one|Late one) (?:day|night|morning|afternoon|evening) (?:that|the same|the following) "
    r"(?:day|week|month|year|season|summer|winter|spring|autumn|fall)\b)")


_REFERS_BACK = re.compile(
    r"^(?:The|This|That|These|Those) (?:move|decision|announcement|comments?|remarks?|news|deal|incident|"
    r"latter|former|pair|couple|trio|duo|two|same|claims?|statement|report|findings|case|episode|row|contrast|"
    r"irony|difference|answer|result|reason)\b"
)
#: A sentence in the first or second person is speech without its speaker once it stands alone.
_FIRST_PERSON = {"i", "im", "ive", "ill", "id", "we", "were", "weve", "my", "our", "us", "me", "you", "your", "youre"}
_PRONOUNS = {"he", "she", "they", "him", "her", "his", "them", "their", "it", "its"}
#: A finite verb: an auxiliary, a common reporting or news verb, or a regular past tense.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|did|does|do|"
    r"says?|said|told|tells|gets?|got|goes|went|made|makes|took|takes|gave|gives|came|comes|saw|sees|"
    r"won|wins|lost|loses|hit|hits|put|puts|set|sets|cut|cuts|led|leads|left|leaves|fell|falls|rose|rises|"
    r"found|finds|faces|held|holds|knew|knows|began|begins|became|becomes|brought|brings|kept|keeps|"
    r"ran|runs|paid|pays|sold|sells|bought|buys|struck|strikes|shot|shoots|spent|spends|sent|sends|"
    r"thinks?|thought|wants?|needs?|believes?|plans?|expects?|remains?|appears?|seems?|shows?|"
    r"means?|calls?|urges?|warns?|claims?|admits?|denies|vows?|hopes?|looks?|stands?|stood|"
    r"[a-z]{2,}ed)\b"
)
#: The same without words that are as often nouns ("plan", "cuts"): a trimmed head must show a real verb.
_FINITE_STRICT = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|did|does|do|"
    r"says?|said|told|tells|gets?|got|goes|went|made|makes|took|takes|gave|gives|came|comes|saw|sees|"
    r"won|wins|lost|loses|led|leads|left|leaves|fell|falls|rose|rises|"
    r"found|finds|faces|held|holds|knew|knows|began|begins|became|becomes|brought|brings|kept|keeps|"
    r"ran|runs|paid|pays|sold|sells|bought|buys|struck|strikes|shot|shoots|spent|spends|sent|sends|"
    r"thinks|thought|believes|expects|remains|appears|seems|urges|warns|admits|denies|vows|stood|"
    r"[a-z]{2,}ed)\b"
)


#: Two sentences run together without punctuation by a page's boxes: "correspondent Cornelius LysaghtThe crucial".
_CAMEL_GLUE = re.compile(r"[a-z](?:The|He|She|It|They|This|In|But|We|His|Her)\b")


#: A live-ticker line: a time stamp first, or dates run together ("then 12 June10 June").
_TICKER_LINE = re.compile(r"^\W*(?:\d{1,2}\s?[:.]\s?\d{2}\b|\d+\s?(?:mins?|minutes|hours?) ago\b|LIVE\b|BREAKING\b|"
                          r"UPDATE\b)|\b\d{1,2} [A-Z][a-z]+\d{1,2}\b|[a-z]\d{1,2} (?:January|February|March|April|"
                          r"May|June|July|August|September|October|November|December)\b")
#: A caption's last word glued to the next sentence's name ("The Woodburn IndependentScott Russell").
_CAMEL_NAME = re.compile(r"\b[A-Z][a-z]{3,}[A-Z][a-z]+ [A-Z][a-z]+")
#: A caption run into the text with no punctuation: "...granted bail on Friday Pama, a married father".
_RUN_IN_CAPTION = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today) "
                             r"(?!(?:And|Or|But|As|At|In|On|The|A|An|Night|Morning|Evening|Afternoon)\b)"
                             r"[A-Z][a-z]+(?:'s)?,? (?:a|an|the|who|is|was)\b")


#: A line of a football live commentary (BBC match reports): "Ross Draper (Inverness CT) wins a free kick on the
#: right wing.", "Scott McMann (Hamilton Academical) right footed shot from outside the box is saved ...".
_COMMENTARY = re.compile(r"^[A-Z][\w'’. -]+ \([A-Z][\w'’. &-]+\) (?:wins a free kick|right footed shot|"
                         r"left footed shot|header|is shown the|hits the|is caught offside|concedes)|"
                         r"^(?:Foul by|Corner,|Attempt (?:saved|missed|blocked)|Offside,|Substitution,|Delay in match|"
                         r"Second Half ends|First Half ends|Match ends)\b|"
                         r"\btries a through ball\b|\bis caught offside\b")
_TICKER_OR_CAPTION = re.compile("|".join(f"(?:{p.pattern})" for p in (_TICKER_LINE, _CAMEL_NAME, _RUN_IN_CAPTION,
                                                                        _COMMENTARY)))


#: An imperative opening: "Just ask the abused children of Oakland.", "Imagine spending all that time ..."
_IMPERATIVE = re.compile(r"^(?:(?:Just|Now|So) )?(?i:ask|imagine|remember|consider|look|think|read|watch|take|let|"
                         r"don't|do not|call|tell|share|join|note|check|keep|stop|try|stay tuned|"
                         r"click|subscribe|sign up|find out)\b")


#: The writer's own comment, not a statement of the story: "Well it's better late than never, Tara.",
#: "Hopefully, Promises will help her ...", "That's right, Pope Francis ...".
_COMMENT_OPENER = re.compile(r"^(?:Oh|Ah|Wow|Well|Hopefully|Sadly|Thankfully|Luckily|Obviously|Clearly|Surely|Frankly|"
                             r"Honestly|True(?=,)|"
                             r"Of course|Needless to say|Mind you|That[’']s right|Yes|No doubt|Seriously|By the way|"
                             r"Incidentally)\b,?", re.I)
#: A police appeal or a helpline, not a fact of the story: "Anyone with information is asked to call ...".
_APPEAL = re.compile(r"^(?:Anyone (?:with|who has) (?:any )?information|Witnesses (?:are|were) (?:asked|urged)|"
                     r"(?:Police|Detectives|Officers) (?:are )?(?:appealing|urge|urging|ask|asking) "
                     r"(?:for )?(?:anyone|witnesses))|\bCrimestoppers\b|\b(?:call|contact) (?:police|us) on\b", re.I)


#: The writer addressing the reader outside any quotation: the second person, or an exclamation.
_WRITER_TO_READER = re.compile(r"\b(?i:you|your|you['’](?:re|ve|d|ll)|yourself)\b|!\s*$")
#: The first person, case-aware: "US" and "U.S." are a country, not "us".
_UNQUOTED_SPEECH = re.compile(r"\b(?:I|I'm|I've|I’m|I’ve|we|We|my|My|our|Our|us|me)\b")


def _dangling_pronoun(text: str) -> bool:
    """A he/she/they/it that no name before it in the sentence can explain ("In 2010, he ...")."""
    if _late_pronoun(text):
        return True
    # "A pensioner is living in fear after his Jack Russell saved him ...": the subject the sentence introduces
    # is the pronoun's referent ("A day after he was freed, ..." introduces no one: no verb before the pronoun)
    named = bool(_INDEFINITE_SUBJECT.match(text))
    for i, word in enumerate(text.split()[:8]):
        bare = re.sub(r"\W", "", re.sub(r"['’](?:s|d|ll|re|ve|m)$", "", word))  # "she's" is "she"
        if bare.lower() in _PRONOUNS:
            return not named
        if bare[:1].isupper() and (i > 0 or (bare.lower() not in STOPWORDS and not bare.endswith("ly")
                                             and not _FRONTED_WORDS.match(bare) and not _ABSTRACT_NOUN.search(bare))):
            named = True  # "Initially she lived ...", "Speculation about his successor ..." name no one
    return False


#: A capitalised first word that is a common noun by its ending, not a name: "Speculation", "Development".
_ABSTRACT_NOUN = re.compile(r"[a-z](?:tion|sion|ship|ism)s?$")  # not -ence, -ment, -ness, -ity: Clarence, Clement


#: A sentence that opens on an indefinite subject and its verb: "A pensioner is ...", "An elderly man who ...".
_NP_WORD = (r"(?!(?:he|she|they|it|his|her|him|them|their|its|after|before|when|while|since|ago|later|on|in|at)\b)"
            r"[a-z][\w-]*")
_INDEFINITE_SUBJECT = re.compile(rf"^(?:A|An)\s(?:{_NP_WORD}\s){{0,3}}?{_NP_WORD},?\s(?:is|was|has|had|who|"
                                 r"have|are|were|will|would|says|said|[a-z]+ed)\b")


def _late_pronoun(text: str) -> bool:
    """"Despite barbed wires and thousands of troops on the border, they have been undeterred.": a fronted
    phrase that names no one, then the subject pronoun."""
    fronted = _FRONTED_PRONOUN.match(text)
    return bool(fronted) and not re.search(r"\s[A-Z]", fronted.group(1))


#: A fronted phrase and the subject pronoun after its comma.
_FRONTED_PRONOUN = re.compile(r"^(?:After|Although|Though|While|When|If|As|Because|Since|Despite|Following|With|"
                              r"Without|Before|Until|Unless|Once|Amid|In|On|At|For|Like|Unlike|Even|Beyond|By|During|"
                              r"Given|Having|Now|Today|Yesterday|Still|Instead)\b([^,]{0,120}),\s"
                              r"(?:he|she|they|it)\s[a-z]")


#: A relative clause set off by commas (", who was ...,"): its verb is not the main clause's.
_RELATIVE_ASIDE = re.compile(r",\s(?:who|which|whose|whom|where)\b[^,;]*")
_RELATIVE_START = re.compile(r"\b(?:who|which|whose|whom|where)\b")
#: A past participle after a noun, before its agent: "the aliens targeted by ERO deportation officers".
_PARTICIPLE_BY = re.compile(r"\b(?!(?:is|are|was|were|be|been|being|has|have|had|get|got|gets)\b)([a-z]+) [a-z]{2,}ed"
                            r"(?= by\b)")
_ADJECTIVE_ED = re.compile(r"\b(?:the|a|an|his|her|their|its|our|some|many|several|few|most|all|of)\s+[a-z]{2,}ed\b",
                           re.I)


def _main_verb(text: str) -> bool:
    """Whether a finite verb belongs to the main clause, not only to a participle ("Several of the aliens
    targeted by ERO deportation officers.") or a relative clause ("Juan Carlos Cruz, the Karadima victim
    whose membership on the Commission the Vatican had blocked.", "Dr Fan, one of the researchers who
    discovered the new species.")."""
    if " by" not in text and _AUXILIARY.search(text) and not _RELATIVE_START.search(text):
        return True  # the common case, decided without the rewrites below (which cannot remove an auxiliary)
    # a present in -s is taken for the main verb only where the sentence has a known verb elsewhere: a caption
    # ("Lewis Hamilton waves to the crowd after claiming pole") has none
    present = bool(_FINITE.search(text) or _MORE_VERBS.search(text))
    text = _PARTICIPLE_BY.sub(r"\1", _RELATIVE_ASIDE.sub(" ", re.sub(r"\s[-–—]+\s", ", ", text)))
    text = _ADJECTIVE_ED.sub(" ", text)  # "the injured Daniel Sturridge", "Some panicked residents", "of wounded"
    relative = _RELATIVE_START.search(text)
    if relative is None:
        return _verbs(text, present) >= 1
    # a restrictive relative clause ("The man who shot him fled") holds its own verb and then the main one
    return _verbs(text[: relative.start()], present) >= 1 or _verbs(text[relative.end():], present) >= 2


#: Verbs _FINITE leaves out: irregular pasts, and negated auxiliaries ("isn't").
_MORE_VERBS = re.compile(r"(?:cast|threw|hung|shook|fought|caught|taught|felt|heard|wrote|drove|flew|grew|wore|beat|"
                         r"built|meant|sought|stole|spoke|broke|chose|swore|sank|\w+n[’']t)")
_AUX_WORDS = frozenset("is are was were be been being has have had will would can could may might must shall should "
                       "do does did".split())
#: A present tense in -s after a name or a noun, before its object: "The charge follows the fracas", "Johnson
#: appoints former CIA Director", "Stadia, launches without ...".
_PRESENT_S = re.compile(r"\b(?!(?:the|an|of|to|in|on|at|for|with|by|from|his|her|their|its|our|my|your|these|those|"
                        r"some|many|several|all|and|or|The|Some|Many|Several|All)\b)(?:[A-Z][a-z]+|[a-z]{3,}),?\s(?!(?:is|was|has|does|this|its|his|hers|as|us|less|news|"
                        r"series|always|perhaps|sometimes|whereas|thus|plus)\b)[a-z]{3,}(?<!ss)(?<!ous)s\s"
                        r"(?:the|a|an|his|her|their|its|to|that|on|in|for|with|from|into|at|up|out|without|"
                        r"[A-Z][a-z]|[0-9])")


def _verbs(text: str, present: bool = True) -> int:
    """How many finite verbs ``text`` shows, an auxiliary and its participle counted once ("was
    hospitalized was" is two, "has had" one)."""
    count, previous = 0, ""
    for word in re.findall(r"[\w’']+", text):  # as written: "United", "Mohamed" and "May" are names
        if (_FINITE.fullmatch(word) or _MORE_VERBS.fullmatch(word)) and previous not in _AUX_WORDS:
            count += 1
        previous = word.lower()
    return count or int(present and bool(_PRESENT_S.search(text)))


#: An object pronoun, or "all of that", whose referent is in another sentence: "President Trump hired him
#: knowing all of that.", "Deputies found him hiding in a bathtub.", "Environmentalists viewed them as ...".
_OBJECT_PRONOUN = re.compile(r"\b(?:him|them|her(?=[.,;:!]|\s(?:to|for|with|in|on|at|as|about|from|and)\b))\b")
_DEMONSTRATIVE_OBJECT = re.compile(r"\b(?:all|none|any|some|most) of (?:that|this|these|those)\b|"
                                   r"\b(?:knowing|despite|after|because of|like) (?:all )?(?:that|this)[.,]")
_CLAUSE_BEFORE = re.compile(r"[,;]|\b(?:and|but|or|after|before|when|while|because|as|if|until|since|who|whom|"
                            r"which|that|where|then)\b")
_PERSON_WORD = re.compile(r"\b(?:man|woman|boy|girl|child|son|daughter|father|mother|husband|wife|suspect|"
                          r"victim|driver|people|men|women|children|family|[a-z]{3,}ers?)\b")


def _dangling_object(text: str) -> bool:
    """An object pronoun with nothing before it in the sentence to refer to: no second name or person,
    no clause that lets it point back to the subject, no possessive ("Gigante's act allowed him"). Quotations
    are the speaker's ("she didn't "need to do any of that anymore"")."""
    text = QUOTED_SPAN.sub(" ", text)
    if _DEMONSTRATIVE_OBJECT.search(text):
        return True
    pronoun = _OBJECT_PRONOUN.search(text)
    if pronoun is None:
        return False
    before = text[: pronoun.start()]
    if _CLAUSE_BEFORE.search(before) or re.search(r"[’']s\b", before):
        return False
    names = re.findall(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*", before)
    subject = names[0] if names and before.startswith(names[0]) else ""
    return len(names) - bool(subject) == 0 and not _PERSON_WORD.search(before[len(subject):])


#: A pointer to the page's pictures or videos, which the card does not carry.
_PAGE_MEDIA = re.compile(
    r"\bthe (?:following|next)\s+(?:image|video|photo|photograph|picture|clip|footage|tweet|graphic|screenshot|"
    r"still)s?\b"
    r"|\bin (?:this|these)\s+(?:image|video|photo|photograph|picture|clip|footage|screenshot)s?\b"
    r"|\b(?:image|video|photo|photograph|picture|clip|footage|tweet|graphic|screenshot)s?\s+(?:below|above)\b"
    r"|\b(?:seen|shown|pictured)\s+(?:below|above)\b",
    re.I)


#: "this" before a noun the sentence has not named ("this move", "this unverified allegation", "in this vein"):
#: the thing is in another sentence. A time ("this week", "this season") or the page itself is its own.
_THIS_NOUN = re.compile(r"\b[Tt]his\s(?!(?:week|weekend|year|month|morning|afternoon|evening|night|season|summer|"
                        r"winter|spring|autumn|fall|time|decade|century|year's|week's|season's|month's|is|was|has|"
                        r"will|would|could|can|may|might|must|should|means|one|article|page|site|story)\b)"
                        r"(?:[a-z]+\s){0,2}?(?:move|decision|allegation|claim|plan|deal|vein|case|idea|notion|news|"
                        r"issue|matter|incident|event|attack|approach|policy|proposal|situation|statement|report|"
                        r"change|step|development|announcement|problem|process|practice|argument|view|theory|"
                        r"accusation|charge|comment|remark|episode|scandal|story|info|information|way)s?\b")
#: A trailing speaker that is only a pronoun: "..., he said." stands alone without saying who.
_PRONOUN_SOURCE = re.compile(r",?[\"”’']?\s(?:he|she|they)\s(?:said|says|added|told [a-z]+|explained|noted|wrote|"
                             r"recalled|insisted|argued|warned|claimed)(?:\s(?:on\s)?[A-Z][a-z]+day)?\.[\"”’']?$")


@lru_cache(maxsize=4096)  # asked again for the same sentences: headline, development, thin-article retries
def _statement(sentence: str) -> bool:
    """A whole statement that can stand alone: a capital, a finite verb, a full stop, balanced
    quotes, no furniture, and no pronoun or "the move" whose referent is in another sentence."""
    text = sentence.strip()
    words = text.split()
    if len(words) < 6 or not (text[:1].isupper() or text[:1].isdigit()):
        return False
    if not text.endswith((".", "!", ".\"", ".”", ".'", ".’", "!\"", "!”")) or text.endswith(("...", "…")):
        return False
    if not _balanced_quotes(text) or is_furniture_sentence(text) or _CAMEL_GLUE.search(text):
        return False
    if _TICKER_OR_CAPTION.search(text):
        return False
    first = re.sub(r"\W", "", re.sub(r"['’](?:s|d|ll|re|ve|m)$", "", words[0])).lower()
    long_words = [w for w in re.findall(r"[A-Za-z’']+", text) if len(w) >= 4]
    if len(long_words) >= 5 and all(w[:1].isupper() for w in long_words):
        return False  # a headline in title case: "An End to Russia Probe - Prosecutors Doing ... Are A Disgrace"
    if re.match(r"\d+ [a-z]+,|\d+/10\b", text):
        return False  # a figure cut off from its point: "290 hitter, it'll be ..." (". 290" in ECB+ texts)
    if _IMPERATIVE.match(text) or _COMMENT_OPENER.match(text) or _APPEAL.search(text):
        return False  # the writer telling the reader what to do, or commenting, is no statement of news
    if (first in _DANGLING or first in _FIRST_PERSON or _REFERS_BACK.match(text) or _TIME_BACK.match(text)
            or _POINTS_BACK.match(text) or _dangling_pronoun(text)):
        return False
    if _THIS_NOUN.search(QUOTED_SPAN.sub(" ", text)):
        return False  # "Really, this move has been in the making ...", "... this unverified allegation": which?
    if _PRONOUN_SOURCE.search(text):
        return False  # "... was relevant to the fire, he said.": who said it is in another sentence
    if re.search(r"\b(click|subscribe|sign up|newsletter|cookies?)\b", text, re.I):
        return False
    if _PAGE_MEDIA.search(text):
        return False  # "the victim can be seen being dragged in the following video": the card shows no video
    if re.search(r"\b(?:you|your|I|I'm|I've|we|We|our|Our|us|my|My|me)\b", QUOTED_SPAN.sub(" ", text)):
        return False  # speech without its marks or its speaker, or the writer's "When I first cited", "my own family"
    if first in _FRONTED and "," in text and not _FINITE.search(text.split(",", 1)[1]):
        return False  # "With Assange now trapped in the embassy, Harding."; "As a back-up plan ..., yes."
    return _main_verb(text) and not _dangling_object(text)


_SENTENCE_END = re.compile(r"[.!][\"'”’)\]]*$")


def _usable(sentence: Sentence, *, alone: bool = True) -> bool:
    return _usable_text(sentence.text, alone)


@lru_cache(maxsize=8192)
def _usable_text(sentence: str, alone: bool) -> bool:
    words = sentence.split()
    if not 6 <= len(words) <= 55:
        return False
    if alone:
        return _statement(sentence)
    text = sentence.strip()
    # single marks only for a sentence standing alone: in a summary the quote may close in the next one
    if text[:1] in "\"“'‘" or text.endswith(("?", ":", "…", "...")) or not _balanced_quotes(text, single=False):
        return False
    if not _SENTENCE_END.search(text):
        return False  # a title, deck, caption or stamp line: no sentence of the report ends without a stop
    if is_furniture_sentence(text) or _CAMEL_GLUE.search(text) or not (text[:1].isupper() or text[:1].isdigit()):
        return False
    if _TICKER_OR_CAPTION.search(text) or _COMMENT_OPENER.match(text) or _APPEAL.search(text):
        return False
    return not re.search(r"\b(click|subscribe|sign up|newsletter|cookies?)\b", text, re.I)


def _centrality(sentences: tuple[Sentence, ...]) -> list[float]:
    """Cosine of each sentence's content-word counts with the whole article's."""
    bags = [Counter(_content(s.text)) for s in sentences]
    total: Counter[str] = Counter()
    for bag in bags:
        total.update(bag)
    norm_total = math.sqrt(sum(v * v for v in total.values())) or 1.0
    out = []
    for bag in bags:
        dot = sum(v * total[k] for k, v in bag.items())
        norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
        out.append(dot / (norm * norm_total))
    return out


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*%?")


@lru_cache(maxsize=8192)
def _figures_in(text: str) -> frozenset[str]:
    return frozenset(f for f in _FIGURE.findall(text) if len(f) > 1)


def _overlap(a: str, b: str) -> float:
    """How much two sentences say the same: shared content words, or shared figures.

    Two outlets rarely word a fact alike, but they quote its numbers alike: two
    sentences sharing two figures ("5.25%", "7.1%") state the same fact.
    """
    figures = _figures_in(a) & _figures_in(b)
    if len(figures) >= 2:
        return 1.0
    sa, sb = _content_set(a), _content_set(b)
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


@lru_cache(maxsize=8192)
def _content_set(text: str) -> frozenset[str]:
    """Content words of a sentence, cached: the same sentences are compared many times per card."""
    return frozenset(_content(text))


def _evidence_sentences(signals: list[Signal]) -> Counter[int]:
    """How much impact evidence each sentence holds (figures, actors, actions)."""
    weight: Counter[int] = Counter()
    for s in signals:
        if s.kind == "impact" and s.name in {"magnitude", "actors", "action_type"}:
            for ev in s.evidence:
                if ev.sentence is not None and ev.direction == "raises":
                    weight[ev.sentence] += 1
    return weight


def _sentence_features(clean: CleanArticle, signals: list[Signal]) -> tuple[list[float], Counter[int]]:
    """(centrality of each sentence scaled to the most central one, impact evidence per sentence)."""
    central = _centrality(clean.sentences)
    peak = max(central, default=1.0) or 1.0
    return [c / peak for c in central], _evidence_sentences(signals)


Features = tuple[list[float], Counter[int]]


def rank_sentences(clean: CleanArticle, signals: list[Signal], position_weight: float = 0.75,
                   features: Features | None = None) -> list[int]:
    """Indices of usable sentences, best first, for the summary."""
    central, info = features or _sentence_features(clean, signals)
    scored = []
    for i, s in enumerate(clean.sentences):
        if not _usable(s, alone=False) or len(s.text.split()) < SUMMARY_MIN_WORDS:
            continue
        position = 1.0 / (1.0 + POSITION_DECAY * i)
        score = (1 - position_weight) * central[i] + position_weight * position
        score += EVIDENCE_BONUS * min(info[i], 3)
        if _unquoted_speech(clean.sentences, i):
            # "Two guys on my ship did the same thing": speech without its quotation marks or its
            # speaker; last resort only (a press release or a column speaks in the first person)
            score -= UNQUOTED_FIRST_PERSON_PENALTY
        elif i > 0 and _WRITER_TO_READER.search(QUOTED_SPAN.sub(" ", s.text)):
            # "You have to feel very sorry for those players ...", "... signed by Donald Trump himself!": the
            # writer talking to the reader, not the report; last resort only, like the first person. The lead
            # still tells the event, however loudly ("Fans are losing their minds after ...!", "for those who
            # remember Cody Wilson, the man who ... so that you could ...")
            score -= UNQUOTED_FIRST_PERSON_PENALTY
        if re.search(r"[\"“”]|(?:^|\s)'\w", s.text):
            score -= QUOTE_PENALTY  # a quotation is colour; the event is told in the reporter's words
        if re.search(r"\d", s.text):
            score += FIGURE_BONUS
        score -= LENGTH_COST * len(s.text.split())
        scored.append((-score, i))
    return [i for _, i in sorted(scored)]


def _unquoted_speech(sentences: tuple[Sentence, ...], i: int) -> bool:
    """Someone's words told without their marks: the first person outside any quotation ("I just responded with
    'did I win?'."), or a sentence with no marks right after such a one in its paragraph ("I am pulling for Del
    Potro ... No player deserves what he has had ..."; issue 9, round 8)."""
    text = sentences[i].text
    outside = QUOTED_SPAN.sub(" ", text)  # a whole quotation inside the sentence is its speaker's
    if _UNQUOTED_SPEECH.search(outside) and not _QUOTE_MARK.search(outside):
        return True
    if i == 0 or _QUOTE_MARK.search(text) or sentences[i - 1].paragraph != sentences[i].paragraph:
        return False
    before = sentences[i - 1].text
    return bool(_UNQUOTED_SPEECH.search(before)) and not _QUOTE_MARK.search(before)


#: Any quotation mark; single ones only where they open a quotation or close one after its punctuation (not
#: "don't", "We’ve", "Ross' car").
_QUOTE_MARK = re.compile(r"[\"“”‘]|(?:^|\s)'\w|[,.!?]['’](?=\s|$)")


_COUNTED_WORD = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds|thousands)"
#: What a lead's main event looks like when it is a toll, a verdict, an approval or a sized deal.
_MAIN_EVENT = re.compile(
    rf"(?<!\bno )\b{_COUNTED_WORD} (?:[\w-]+ ){{0,4}}(?:were |was |have been |are )?(?:killed|dead|died|injured|"
    rf"wounded)\b|\b(?:killing|killed|injuring|left) (?:at least )?{_COUNTED_WORD}\b|\bdeath toll\b|"
    # not "no one was injured", "a convicted rapist", "passed away" or "have not approved it" (issue 9, round 12)
    r"\b(?:found (?:not )?guilty|convicted(?! (?:rapist|killer|murderer|felon|sex|paedophile|pedophile|criminal|"
    r"terrorist|fraudster|drug|child)\b)|acquitted|sentenced|jailed|pleaded guilty|recommended (?:the )?death|"
    r"verdict|signed into law|ratified|gave (?:final )?approval|voted to)\b|"
    r"(?<!\bnot )(?<!n't )\b(?:approved|passed(?! away\b))\b|"
    r"\b(?:agreed to (?:buy|acquire|sell)|will (?:buy|acquire)|to buy|to acquire|takeover of|merger with|deal)\b"
    r"[^.]{0,80}?(?:[$£€]\s?\d[\d,.]*\s?(?:bn|m|million|billion)?|\d[\d,.]* (?:million|billion))", re.I)


def _main_event(clean: CleanArticle, ranked: list[int]) -> int | None:
    """The lead sentence (one of the first two usable ones) that states a toll, verdict, approval or sized deal."""
    for i in sorted(ranked)[:2]:
        if _MAIN_EVENT.search(clean.sentences[i].text):
            return i
    return None


def summary_sentences(clean: CleanArticle, signals: list[Signal], max_words: int = SUMMARY_WORDS,
                      features: Features | None = None) -> list[int]:
    """Indices of the summary's sentences, in article order (empty when none is usable). The lead's
    main event (a toll, a verdict, an approval, a deal and its size) is always among them."""
    ranked = rank_sentences(clean, signals, features=features)
    event = _main_event(clean, ranked)
    if event is not None:
        ranked = [event] + [i for i in ranked if i != event]
        if event - 1 in ranked and (_leans_back(clean.sentences[event].text) or event in _inside_quotation(
                clean.sentences)) and not _name_epithet(clean.sentences, event):
            # "The 62-year-old was found guilty of one count ...": the event comes with the sentence it leans on
            ranked = [event - 1] + [i for i in ranked if i != event - 1]
    chosen: list[int] = []
    used = 0
    quoted = _inside_quotation(clean.sentences)
    title = clean.title.lower()
    # A sentence that leans on the one before it ("It comes after...") may join only
    # right after that one; a second pass gives it the chance once its antecedent is in.
    for _ in range(2):
        for i in ranked:
            if i in chosen:
                continue
            sentence = clean.sentences[i]
            told = _summary_text(sentence.text, follows=(i - 1) in chosen)
            if (i - 1) not in chosen and _AGE_EPITHET.match(told):
                told = _name_epithet(clean.sentences, i) or told
            if (_leans_back(told) or _late_pronoun(told) or i in quoted
                    or (i > 0 and not any(j < i for j in chosen) and _unknown_referent(told, title, True))) \
                    and (i - 1) not in chosen:
                continue  # "The two men were charged ..." does not open the summary: the sentence before tells of them
            if chosen and _unquoted_speech(clean.sentences, i):
                continue  # someone's words without their marks fill no gap: "I just responded with 'did I win?'."
            n = len(told.split())
            # the main event (and the sentence it leans on) may take a short article's summary past its share, up
            # to the card's usual length: the toll or the verdict is what the summary is for (issue 9, round 12)
            limit = max(max_words, SUMMARY_WORDS) if event is not None and i in (event, event - 1) else max_words
            if used + n > limit and chosen:
                continue
            if any(_overlap(sentence.text, clean.sentences[j].text) > 0.5 for j in chosen):
                continue
            chosen.append(i)
            used += n
            if used >= max_words * 0.8:
                break
        if used >= max_words * 0.8:
            break
    return sorted(chosen)


#: Connectives a sentence may open with and lose without changing what it states.
_DROPPABLE_CONNECTIVE = re.compile(r"^(?:And|But|So|Also),? (?=[A-Z\"“‘'0-9]|(?:the|a|an|there|in|on|at)\b)")
COMPRESS_ATTRIBUTION = True
DROP_CONNECTIVE = True


#: An ellipsis for effect inside a sentence, after a word no sentence ends with.
_PAUSE = re.compile(r"(?<=\b(?:is|be|of|to|by|as))\s(?:…|\.\.\.)\s(?=\w)|"
                    r"(?<=\b(?:are|was|the|and|for))\s(?:…|\.\.\.)\s(?=\w)|"
                    r"(?<=\b(?:were|with))\s(?:…|\.\.\.)\s(?=\w)")


def _summary_text(text: str, *, follows: bool, named_next: bool = False) -> str:
    """A summary sentence as the summary tells it: without a trailing attribution that carries no fact
    of its own (", police said on Tuesday."), and without an opening "And"/"But" when the sentence it
    joins is not in the summary. ``named_next``: the next summary sentence opens with a pronoun, so the
    attribution names its antecedent ("..., Governor Heydar Alishvandi said. He said search was going
    on ...") and stays."""
    text = text.strip()
    if COMPRESS_ATTRIBUTION and not named_next:
        attribution = _ATTRIBUTION.search(text)
        # with no speaker after the comma, the speaker stands before it (", police in Palermo, Sicily, said on
        # Wednesday."): cutting at the comma would leave "…, police in Palermo, Sicily." as the sentence's end
        if attribution and attribution.group("speaker"):
            head = text[: attribution.start()]
            if (len(head.split()) >= 8 and _whole_head(head) and _balanced_quotes(head)
                    and not re.search(r"[\"“”‘’]", head)):
                text = _close(head)
    if "..." in text or "…" in text:
        text = _PAUSE.sub(" ", text)  # "The next host of the Academy Awards is ... Ellen DeGeneres."
    if DROP_CONNECTIVE and not follows:
        m = _DROPPABLE_CONNECTIVE.match(text)
        if m:
            rest = text[m.end():]
            text = rest[:1].upper() + rest[1:]
    return text


def _join(clean: CleanArticle, indices: list[int], max_words: int) -> str:
    if not indices:  # nothing usable: fall back to the opening words
        words = clean.text.split()
        return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")
    told = [_summary_text((i == indices[0] and _name_epithet(clean.sentences, i)) or clean.sentences[i].text,
                          follows=(i - 1) in indices,
                          named_next=(i + 1) in indices and bool(_OPENS_ON_PRONOUN.match(clean.sentences[i + 1].text)))
            for i in indices]
    return " ".join([without_also(told[0]), *told[1:]])  # the first sentence has nothing before it to add to


#: "also" outside a quotation: a statement standing alone adds to nothing ("Police also found a gun." -> "Police
#: found a gun."); "not only ... but also" and "also known as" keep it.
_ALSO = re.compile(r"(?<!\bbut)\s[Aa]lso\b(?! known\b)(?=\s[a-z])")


def without_also(text: str) -> str:
    """``text`` without an "also" that points at a statement the card may not hold (issue 9, round 12)."""
    if "also" not in text or re.search(r"\bnot only\b", text):
        return text
    quoted = [m.span() for m in QUOTED_SPAN.finditer(text)]
    for m in reversed(list(_ALSO.finditer(text))):
        if not any(a <= m.start() < b for a, b in quoted):
            text = text[: m.start()] + text[m.end():]
    return text


#: A sentence that opens on a personal pronoun leans on the sentence before it for its person.
_OPENS_ON_PRONOUN = re.compile(r"[\"“]?(?:He|She|They|His|Her|Their)\b")


def summarize(clean: CleanArticle, signals: list[Signal], max_words: int = SUMMARY_WORDS) -> str:
    return _join(clean, summary_sentences(clean, signals, max_words), max_words)


#: Where a trailing modifier starts: dropping it leaves the main clause whole.
_TRAILING = re.compile(
    r",\s(?=(?:who|which|where|when|while|as|after|before|with|without|including|according|amid|following|"
    r"despite|although|though|because|and|prompting|leaving|sending|bringing|making|saying|adding|"
    r"sparking|causing|forcing|putting|raising|in|on|at|for|from|during|since|until|than|just|even|"
    r"to|by|over|under|into|near|outside|inside|across|against|via|between|"
    r"[a-z]+ing)\b)"
    r"|\s(?=(?:after|amid|following|before|because|since|despite|while|as part of|according to|"
    r"in a bid|in an attempt|in order|ahead of|during)\b)"
    r"|\s[-–—]{1,2}\s"
)
_BAD_ENDING = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "by", "from",
               "his", "her", "their", "its", "was", "were", "is", "are", "be", "that", "which", "who", "as"}


#: A cut after a bare reporting verb says nothing: "..., the woman - who asked to remain anonymous - spoke."
_EMPTY_ENDING = {"spoke", "said", "says", "added", "explained", "commented", "revealed", "told", "confirmed", "warned",
                 "wrote", "insisted", "claimed", "admitted"}


#: A head whose last words open a clause ("... but at one point") is not whole.
_OPEN_CLAUSE = {"but", "and", "or", "while", "because", "although", "if", "when", "whether", "that", "which",
                "who", "whose", "whom", "where", "than", "so"}


#: An explicit finite verb (not just an -ed word, which may be a participle: "In 1991, intrigued by ...").
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|"
                        r"do|said|says|told|tells)\b")
#: A relative clause still open at the cut: "The suspect, who was on parole and had prior arrests".
_RELATIVE = re.compile(r",\s(?:who|which|whose|whom|where)\s")


def _open_relative(head: str) -> bool:
    starts = [m.end() for m in _RELATIVE.finditer(head)]
    return bool(starts) and "," not in head[starts[-1]:]


#: A clause opened after "that" and never finished by the cut: "told police that when the shooter ...".
_SUBORDINATE_OPEN = re.compile(r"\bthat (?:when|if|after|because|while|as|before|since|although|until|unless|once)\b")


#: A trailing attribution: ", ISNA news agency reported.", ", police said on Tuesday."
_ATTRIBUTION = re.compile(
    r",\s(?P<speaker>[A-Za-z.'’\- ]{2,60}?\s)?(?:said|says|reported|reports|told [A-Za-z.'’ ]{1,30}|announced|added|"
    r"according to [A-Za-z.'’ ]{2,50})(?:\s(?:on\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"today|yesterday|last week|this week))?\.[\"”’']?$"
)
_FRONTED = {"after", "although", "though", "while", "when", "if", "as", "because", "since", "despite", "following",
            "with", "without", "before", "until", "unless", "whether", "once", "amid", "perhaps"}
_SEGMENT_OPENERS = {"yet", "but", "and", "or", "when", "while", "if", "although", "though", "because", "as", "even",
                    "since", "so", "whether"}


#: A participle phrase before the main clause: "Famished and queuing ...", "Speaking at a conference ...", "Accused
#: of fraud ...", "Having won the ..." ("Boeing said ..." is a subject and its verb).
_FRONTED_PARTICIPLE = re.compile(r"^[A-Z][a-z]{2,}(?:ed|ing) (?:and|or|by|in|at|on|with|from|to|for|into|after|out|"
                                 r"up|down|off|over|through|as|been|a|an|the|his|her|their|its)\b|"
                                 # "In a move environmental groups says strikes at the heart of the Act": whose move?
                                 r"^(?:In|As) (?:a|an|what|another) (?:[a-z-]+ )?(?:move|bid|effort|attempt|sign|step|"
                                 r"twist|blow|boost|setback|reversal|turnaround)\b")


def _whole_head(head: str) -> bool:
    """A cut that keeps a main clause: not only a fronted phrase ("After weeks of speculation about ..."),
    no open dash aside ("Apple - the company that ..."), no last segment left hanging (", yet even when ...",
    ", once again")."""
    words = head.split()
    if len(re.findall(r"\s[-–—]{1,2}\s", head)) % 2:
        return False
    if _FRONTED_PARTICIPLE.match(head) and ", " not in head:
        return False  # "Famished and queuing despondently as far as the eye can see": the main clause came after
    if ", " in head:
        segment = head.rsplit(", ", 1)[1].split()
        opener = re.sub(r"\W", "", segment[0]).lower()
        if (len(segment) <= 3 and segment[0][:1].islower()) or opener in _SEGMENT_OPENERS:
            return False
    if re.sub(r"\W", "", words[0]).lower() in _FRONTED and not any(
            seg.split() and seg.split()[0].lower() not in _FRONTED | {"in", "on", "at", "for", "by", "of"}
            and _FINITE_STRICT.search(seg) for seg in head.split(", ")[1:]):
        return False  # "While the arrows are long-forgotten, with many lost forever": no main clause
    if re.search(r"\b(?:however|but|and|or|yet|so|although|though|while|whereas|because)[\"”’']?$",
                 head.rstrip(" ,;:")):
        return False  # "…a difficult time determining a motive for Escalante's killing," however': the turn is cut
    if re.search(r"\b(?:and|but|or|so|yet),\s[^,]*$", head):
        return False  # "... billed as a tribute to them both and, in a nice touch by the club": the clause never comes
    if re.search(r"\b(?:who|which|whom|that),\s[^,]*$", head):
        return False  # "there are fans who, having stumbled upon an arrow": the relative clause never comes
    # "Several of the aliens targeted by ERO deportation officers": the cut left a participle, not the verb
    return not _open_relative(head) and not _SUBORDINATE_OPEN.search(head) and _main_verb(head)


#: The main clause's verb coming back after a fronted or embedded clause: "Bettie Page, the pinup girl whose
#: looks triggered a cult following four decades after she turned her back on modeling, has died." A cut
#: before such a tail would keep the subject and lose its verb.
_VERB_RESUMES = re.compile(r",\s(?:has|have|had|is|are|was|were|will|would|can|could|did|does)\s[a-z]")


def trim(text: str, max_words: int = KEY_POINT_WORDS) -> str | None:
    """``text`` as a whole statement of at most ``max_words``: the sentence itself, or its main clause
    with a trailing modifier dropped ("..., sobbing as she accepted"); None when neither fits."""
    text = text.strip()
    if len(text.split()) <= max_words:
        return text
    attribution = _ATTRIBUTION.search(text)
    if attribution and attribution.group("speaker") and len(text[: attribution.start()].split()) <= max_words:
        head = text[: attribution.start()]
        if len(head.split()) >= 8 and _whole_head(head) and _balanced_quotes(head):
            return _close(head)  # "..., ISNA news agency reported." carries no fact of its own
    best = None
    for match in _TRAILING.finditer(text):
        head = text[: match.start()].rstrip(",;:–—- ")
        n = len(head.split())
        if n > max_words:
            break
        if _VERB_RESUMES.search(text, match.start()):
            continue  # the main verb is in the tail: no cut here
        if _inside_list(text, match.start()):
            continue  # "... affected Mobinil, Vodafone, and Etisalat networks": the cut would drop items
        last = re.sub(r"\W", "", head.split()[-1]).lower() if head.split() else ""
        tail = {re.sub(r"\W", "", w).lower() for w in head.split()[-4:]}
        if re.match(r"\s(?:after|before|since)\b", text[match.start():]) and re.search(
                r"\b(?:days?|weeks?|months?|years?|hours?|minutes?|moments?|shortly|soon|long|just)$", head):
            continue  # "only 11 days after the strike ended" is one phrase: no cut inside it
        if _cut_changes_meaning(head, text[match.start():]):
            continue
        if (n >= 8 and last not in _BAD_ENDING and not tail & _OPEN_CLAUSE and _balanced_quotes(head)
                and _FINITE_STRICT.search(head) and _whole_head(head) and last not in _EMPTY_ENDING):
            best = head
    if best is None:  # no modifier boundary: any comma that leaves a whole clause
        for match in re.finditer(r"[,;]\s", text):
            head = text[: match.start()]
            n = len(head.split())
            if n > max_words:
                break
            if _VERB_RESUMES.search(text, match.start()):
                continue
            last = re.sub(r"\W", "", head.split()[-1]).lower()
            tail = {re.sub(r"\W", "", w).lower() for w in head.split()[-4:]}
            if _LIST_TAIL.match(text, match.end()) and not _FINITE_STRICT.search(text, match.end()):
                break  # inside a list ("... included driving under the influence, child neglect, ... and larceny")
            if _inside_list(text, match.start()):
                continue  # "... from Egypt, Turkey, Pakistan, Mali and Georgia - countries that ...": no cut
            if _cut_changes_meaning(head, text[match.start():]):
                continue
            if (n >= 10 and last not in _BAD_ENDING and not tail & _OPEN_CLAUSE and _balanced_quotes(head)
                    and _AUXILIARY.search(head) and _whole_head(head)):
                best = head
    if best is None:
        return None
    return _close(best)


#: A superlative, "first", "last" or "only" near the cut: the tail's "since ..."/"until ..." qualifies it ("his first
#: Grand Slam since the Australian Open in 2014"), and without it the statement is false.
_SUPERLATIVE_NEAR_END = re.compile(r"\b(?:first|last|only|ever|record|biggest|largest|highest|lowest|longest|"
                                   r"worst|best|fastest|youngest|oldest|most|least|earliest|deadliest|heaviest|smallest|greatest|"
                                   r"strongest|weakest|top|lowest-ever|highest-ever)\b(?:\s\S+){0,5}$", re.I)
_QUALIFIER_TAIL = re.compile(r"[,;]?\s(?:since|until|till|before|after|for the first time|"
                             r"in (?:more than |over |almost |nearly )?(?:a |\d+ |[a-z]+ )?"
                             r"(?:years?|decades?|months?|weeks?|seasons?))\b", re.I)
#: A reporting verb whose words come after the cut: "Der Spiegel quoted a ... secretary, Nikos Theocharakis, as saying
#: Greece would probably not pay ..." or "Felt told Vanity Fair magazine, "I'm the guy ..."": the cut keeps the
#: speaker and loses what was said.
_SPEECH_HEAD = re.compile(r"\b(?:quoted|told|said|says|asked|cited|wrote|added|tweeted|telling|saying)\b"
                          r"(?:\s\S+){0,7}$")
_SPEECH_TAIL = re.compile(r"[,;:]?\s*(?:as saying|saying|that\b|[\"“‘']|who said|to say)")


def _cut_changes_meaning(head: str, tail: str) -> bool:
    """Cutting ``tail`` off ``head`` would make the statement false or empty (issue 9, round 8)."""
    if _QUALIFIER_TAIL.match(tail) and _SUPERLATIVE_NEAR_END.search(head):
        return True
    return bool(_SPEECH_TAIL.match(tail) and _SPEECH_HEAD.search(head.rstrip(",;: ")))


#: The rest of a list after a comma: short items, the last after "and"/"or" ("child neglect, child abuse, drug
#: offenses, fraud and larceny."): cutting there drops the other items.
_LIST_TAIL = re.compile(r"[^,;]{1,45}(?:,\s[^,;]{1,45})*,?\s(?:and|or)\s[^,;]{1,60}$")


#: A list going on after a comma: short items, then "and"/"or" and its last item up to a dash, a comma, a colon,
#: a bracket or the sentence's end ("Mali and Georgia - countries that ...", "and Etisalat networks across ...").
_LIST_GOES_ON = re.compile(r"\s*(?:(?:[\w'’.&-]+\s){0,3}[\w'’.&-]+,\s)*(?:(?:[\w'’.&-]+\s){0,3}[\w'’.&-]+\s)?"
                           r"(?:and|or)\s([^,;:–—(]+?)(?=\s[-–—]\s|[,;:(–—]|[.!?][\"”’']?$|$)")


def _inside_list(text: str, comma: int) -> bool:
    """The comma at ``comma`` separates items of a list: the words before it since the last comma are a short
    item with no verb, and the list goes on to an "and"/"or" and a last item with no verb. A cut there drops
    the list's other items and states less than the article does (issue 9, round 7: "... married men from
    Egypt, Bangladesh, Turkey, Czechoslovakia, Pakistan." without "Mali and Georgia")."""
    if text[comma: comma + 1] != ",":
        return False
    m = _LIST_GOES_ON.match(text, comma + 1)
    if m is None:
        return False
    rest = text[comma + 1: m.end()]
    if len(m.group(1).split()) > 10 or _FINITE_STRICT.search(rest):
        return False  # ", and he was charged ...": a clause, not an item
    if "," in rest[: m.start(1) - comma - 1]:
        return True  # ", Bangladesh, Turkey, Mali and Georgia": two items or more still to come
    head = text[:comma]
    if "," not in head:
        return False  # "X, and Y" with no item before it: two clauses, not a list
    item = head.rsplit(",", 1)[1].split()  # "Mobinil, Vodafone, and Etisalat": an item before the comma too
    return 1 <= len(item) <= 4 and not _FINITE_STRICT.search(" ".join(item))


def _close(head: str) -> str:
    """End a clause with a full stop, inside its closing quote if it ends with one."""
    head = head.rstrip(",;:–— ")
    if head.endswith((".", "!", ".\"", ".”", "!\"", "!”", ".'", ".’")):
        return head
    if head[-1:] in "\"”'’":
        return head[:-1].rstrip(",;: ") + "." + head[-1]
    return head + "."


def shorten(text: str, max_words: int = KEY_POINT_WORDS) -> str:
    """A whole clause of at most ``max_words`` where one exists, else the words cut with "…"."""
    whole = trim(text, max_words)
    if whole is not None:
        return whole
    return " ".join(text.split()[:max_words]).rstrip(",;:–— ") + "…"


#: What the card says instead of a third key point when the article has too few whole statements.
THIN_NOTE = "The article is too thin to give three distinct key points: {count} that stand{s} alone."
_STATEMENT_COUNTS = {0: "it has no whole statement", 1: "it has only one whole statement",
                     2: "it has only two whole statements"}


#: A sentence opening with "He"/"She"/"His"/"Her" and a lower-case word: "He scored nine goals last season."
_PRONOUN_SUBJECT = re.compile(r"^(He|She|His|Her) (?=[a-z])")
#: A sentence whose subject is a person's name before its verb: "Clarkson, 30, joined ...", "Juan Mata admitted ...".
_NAME_SUBJECT = re.compile(r"^((?:[A-Z][a-z]+ )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
                           r"(?:, (?:\d{1,3}|(?:an?|the) [^,]{1,40}),)? (?=[a-z]+\b)")


def _resolve_subject(sentences: tuple[Sentence, ...], i: int, text: str) -> str | None:
    """``text`` with its opening "He"/"She" ("His"/"Her") replaced by the name (its possessive) that is
    the subject of the sentences just before ("Clarkson joined Motherwell. He scored nine goals." ->
    "Clarkson scored nine goals."), when that name is a proper name (never written in lower case in
    the article, met at least twice); None when there is no such name."""
    pronoun = _PRONOUN_SUBJECT.match(text)
    if not pronoun:
        return None
    name = before = None
    for j in range(i - 1, max(-1, i - 4), -1):  # back over a chain of "He ..." sentences to the name
        before = sentences[j].text.strip()
        subject = _NAME_SUBJECT.match(before)
        if subject:
            name = subject.group(1)
            break
        if not _PRONOUN_SUBJECT.match(before):
            return None
    if name is None or before is None or _FRONTED_WORDS.match(name.split()[0]) or not _balanced_quotes(before):
        return None
    last = name.split()[-1]
    if last.lower() in STOPWORDS or last.lower() in _COMMON_NEWS:
        return None
    whole = " ".join(s.text for s in sentences)
    if re.search(rf"\b{re.escape(last.lower())}\b", whole) or len(re.findall(rf"\b{re.escape(last)}\b", whole)) < 2:
        return None  # a common word ("Police", "Officials") or a name met once
    if not (" " in name or re.search(rf"(?:\b(?:Mr|Ms|Mrs|Dr)\.? |\b[A-Z][a-z]+ ){re.escape(last)}\b|"
                                     rf"\b{re.escape(last)}, \d{{1,3}},", whole)):
        return None  # a person is named in full, with a title or with an age somewhere ("Syria" is not)
    if re.search(r"\bhim\b" if pronoun.group(1) in {"He", "His"} else r"\bher\b", before):
        return None  # "Tibbs introduced her to ...": another person of that gender is in the sentence
    subjects = {m.group(1).split()[-1] for m in map(_NAME_SUBJECT.match, (t.text.strip() for t in sentences)) if m}
    if any(w in subjects and w not in name for w in re.findall(r"\b[A-Z][a-z]+\b", before[len(name):])):
        return None  # "Horton was struck ... as Lopez targeted ...": two people the pronoun may mean
    named = name + ("'s" if pronoun.group(1) in {"His", "Her"} else "")
    return named + text[pronoun.end() - 1:]


_FRONTED_WORDS = re.compile(r"^(?:After|Although|Though|While|When|If|As|Because|Since|Despite|Following|With|"
                            r"Without|Before|Until|Unless|Whether|Once|Amid|Perhaps|Meanwhile|However|Now|Then|"
                            r"Today|Yesterday|Last|Earlier|Later|Also|Still|Instead)$")


#: A quotation closed and attributed: '..., as long as we are strong," he said.'
_QUOTE_ATTRIBUTION = re.compile(r"[,?!.][\"”]\s+(?:he|she|they|[A-Z][\w.'’-]+(?:\s[A-Z][\w'’-]+){0,2})\s"
                                r"(?:said|says|added|told|explained|argued|wrote|warned|insisted)\b")


#: A sentence whose last quotation mark opens a quotation: '"She's in rehab right now.'
_OPENS_LAST = re.compile(r"(?:“|(?:^|(?<=\s))\"(?=\S))[^\"“”]*$")


def _inside_quotation(sentences: tuple[Sentence, ...]) -> set[int]:
    """The sentences with no quotation mark of their own that stand inside a quotation: between the sentence that
    opens it and the one that closes it (curly marks) or closes and attributes it ('..., he said.') in the same
    paragraph, or before a closing mark standing on its own (`"My client is in the facility right now," Heller
    argued." She's in rehab right now. Nothing bad is going to happen. "`), or before a lone closing mark after
    an attributed quotation ('... as life?," he said. A woman is entitled to ... Shouldn't a man ...?"').
    Pages drop and stray marks often; the rules ask for these shapes and spans of at most three sentences."""
    inside: set[int] = set()
    paragraph, straight, curly, pending = -1, 0, 0, []
    for i, s in enumerate(sentences):
        if s.paragraph != paragraph:
            paragraph, straight, curly, pending = s.paragraph, 0, 0, []
        text = s.text.strip()
        marks = re.findall(r"[\"“”]", text)
        if (straight % 2 or curly > 0) and not marks:
            pending.append(i)
        curly_before = curly  # curly marks tell opening from closing by their shape
        straight += text.count('"')
        curly += text.count("“") - text.count("”")
        if marks and not (straight % 2 or curly > 0):
            if len(pending) <= 3 and (_QUOTE_ATTRIBUTION.search(text) or (curly_before > 0 and "”" in text)):
                inside.update(pending)
            pending = []
        alone = bool(text) and not text.strip("\"”’'. ")
        closes_first = text.startswith(("”", '" '))  # ECB+ puts the closing mark at the head of the next sentence
        if alone or closes_first or (len(marks) == 1 and re.search(r"[.!?,][\"”]$", text)):
            back = []
            for j in range(i - 1, max(-1, i - 4), -1):
                before = sentences[j].text
                if re.search(r"[\"“”]", before):
                    if alone or _QUOTE_ATTRIBUTION.search(before) or (closes_first and _OPENS_LAST.search(before)):
                        inside.update(back)
                    break
                back.append(j)
    return inside


def key_points(clean: CleanArticle, signals: list[Signal], n: int = 3,
               summary: str = "", features: Features | None = None) -> list[str]:
    """Up to ``n`` whole statements of at most ~30 words that add to the summary: at most one may
    repeat a summary sentence. Fewer than ``n`` only when the article has no more (see THIN_NOTE)."""
    sentences = clean.sentences
    central, info = features or _sentence_features(clean, signals)
    summary_parts = [summary[a:b] for a, b in split_sentences(summary)] if summary else []
    in_summary = {i for i, s in enumerate(sentences) if s.text.strip() and (
        s.text.strip() in summary or any(_overlap(s.text, p) > 0.8 for p in summary_parts))}
    candidates = []
    quoted = _inside_quotation(sentences)
    for i, s in enumerate(sentences):
        told = s.text
        if i in quoted:
            continue  # the speaker's words, told without the speaker: "She's in rehab right now."
        if not _usable(s):
            # "He scored nine goals ...": the same statement with its subject named can stand alone
            told = _resolve_subject(sentences, i, s.text.strip()) or ""
            if not (6 <= len(told.split()) <= 55 and _statement(told)):
                continue
        text = trim(told)
        if text is None:
            continue
        text = without_also(text)
        score = central[i] + 0.15 * min(info[i], 4) + 0.3 / (1 + 0.5 * i)
        if text != s.text.strip():
            score -= 0.1  # trimmed: prefer sentences that fit whole
        candidates.append((-score, i, text))
    candidates.sort()
    if summary or clean.title:  # "The money for the operation came from ...": which money, which operation?
        known = f"{clean.title} {summary}".lower()
        candidates = [c for c in candidates if not _unknown_referent(c[2], known)]
    points: list[str] = []
    repeated = 0
    for allow_repeat in (False, True):
        for _, i, text in candidates:
            if len(points) == n:
                break
            if text in points or any(_overlap(text, p) > 0.4 for p in points):
                continue
            if i in in_summary or (summary and _overlap(text, summary) > 0.9):
                if not allow_repeat or repeated >= 1:
                    continue
                repeated += 1
            points.append(text)
    if len(points) < n:  # thin: any remaining whole statement that is not nearly another point
        for _, i, text in candidates:
            if len(points) == n:
                break
            repeats_summary = i in in_summary or (summary and _overlap(text, summary) > 0.9)
            if repeats_summary and repeated >= 1:
                continue
            if text not in points and all(_overlap(text, p) <= 0.6 for p in points):
                points.append(text)
                repeated += repeats_summary
    order = {text: i for _, i, text in candidates}
    return sorted(points, key=lambda t: order.get(t, 0))


#: A person's full name: a first name and a surname ("Brian Nichols", "Mary-Kate O'Neil").
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ((?:Mc|Mac|O['’])?[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)"
                        r"\b(?! [A-Z])")
#: Capitalised words before a surname that are no first name: titles, ranks, determiners, days, months, places.
_NOT_FIRST_NAME = frozenset(
    """the a an and but or of in on at for to by with from as if when after before this that these those his her
    their its our my your mr mrs ms dr prof sir lord lady dame president vice chancellor minister senator sen
    governor gov mayor judge justice officer detective det sergeant sgt constable const chief captain capt
    lieutenant lt general gen colonel col major coach manager father brother sister saint st mount mt lake fort
    new north south east west upper lower great little old san santa los las el la le de van von al
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december police prime deputy rep representative secretary attorney agent
    however meanwhile although though instead also still yet moreover furthermore nevertheless besides indeed
    perhaps maybe today yesterday tonight later earlier last next finally eventually unlike like despite during
    since until because both either neither every each many several former
    doctor nurse pastor pope rev reverend king queen prince princess duke duchess count earl baron""".split())
#: A surname used as a person's: "Nichols, 37,", "Nichols said", "Mr Nichols".
_PERSON_CUE = re.compile(r"\b([A-Z][\w'’-]+)(?:, \d{1,3},| (?:said|says|told|added|was|is|has|had)\b)|"
                         r"\b(?:Mr|Ms|Mrs|Dr)\.? ([A-Z][\w'’-]+)")


def _full_names(text: str) -> dict[str, str]:
    """Surname -> first name, for the people the article names in full, where one first name goes with the
    surname (two Nicholses leave "Nichols" alone) and the surname is used as a person's. One pass of each
    pattern over the text: this runs on every card."""
    firsts: dict[str, set[str]] = {}
    for m in _FULL_NAME.finditer(text):
        first, last = m.groups()
        if (first.lower() in _NOT_FIRST_NAME or first.lower() in _RANKS or first.lower() in STOPWORDS
                or first.endswith(("ing", "ly"))
                or last.lower() in _NOT_FIRST_NAME or last.lower() in STOPWORDS):
            continue  # "While Smith ...", "Reclaiming Smith's ...": a sentence's first word before a surname
        firsts.setdefault(last, set()).add(first)
    if not firsts:
        return {}
    people = {a or b for a, b in _PERSON_CUE.findall(text)}
    lower = set(re.findall(r"\b[a-z][a-z'’-]*\b", text))
    # a first name is never written in lower case ("Both Weitz and ..." names no "Both")
    return {last: next(iter(f)) for last, f in firsts.items()
            if len(f) == 1 and last in people and next(iter(f)).lower() not in lower}


def introduce_names(text: str, names: dict[str, str], known: str) -> str:
    """``text`` with the first bare surname of a person whose full name the reader has not met (in ``known``:
    the title, the summary, the key points before) written in full: "Smith didn't return a call." ->
    "Jane Smith didn't return a call." (issue 9, round 6: a surname with no antecedent)."""
    seen = known + " " + text
    for last, first in names.items():
        if f"{first} {last}" in seen:
            continue
        m = re.search(rf"(?<![-\w]){re.escape(last)}\b(?! [A-Z])(?!-)", text)  # not "anti-Trump"
        if m is None:
            continue
        before = text[max(0, m.start() - 20): m.start()].split()
        rank = before[-1].rstrip(".").lower() if before else ""
        if rank in _RANKS and not re.search(rf"\b{re.escape(last)}\b", known):
            pass  # "Insp Gaskin said" with no Gaskin before it in the card: "Insp Dave Gaskin said" (issue 9, round 12)
        elif before and (before[-1][:1].isupper() or rank in _NOT_FIRST_NAME):
            continue  # "Mr Nichols", "Brian Nichols", "Judge Nichols" (met before): introduced or titled
        text = text[: m.start()] + f"{first} " + text[m.start():]
        seen = known + " " + text
    return text


#: Ranks and offices written before a surname: the first name goes between them ("Insp Dave Gaskin"). Not "Mr",
#: "Mrs" or "Ms": another person of that surname may be meant ("Jane Smith ... Mr Smith").
_RANKS = frozenset("insp inspector det detective sgt sergeant supt superintendent const constable capt captain "
                   "officer dr doctor judge prof professor gov governor sen senator rep mayor chief lt lieutenant "
                   "gen general col colonel maj major coach minister secretary".split())


#: The openings the card uses to give a partisan or opinion page's claim to the article.
_ATTRIBUTION_PREFIX = re.compile(r"^(?:According to the article, |The (?:article|piece) (?:says|claims|argues): )")


def attribute_points(points: list[str]) -> list[str]:
    """Key points of a page whose claims are its own (high hype, or an opinion piece), each told as the
    article's unless it already names its source with a reporting verb."""
    # a point about another article ("The article, along with a 2000 Playboy column, ...") is the piece's
    return [p if reported(p) or _ATTRIBUTION_PREFIX.match(p)
            else "The piece says: " + p if re.search(r"\barticle\b", p, re.I) else attribute(p) for p in points]


#: A definite subject that refers back to something the sentence does not name: "The money for the operation ...",
#: "The man was ...", "The attack is ...". The company, the club or the team stand for the article's subject.
_DEFINITE_BACK = re.compile(r"^The (money|operation|attack|plan|scheme|program(?:me)?|investigation|probe|group|"
                            r"agency|man|woman|boy|girl|victim|suspect|couple|incident|project|raid|bill|measure|"
                            r"proposal|fight|trial|case|shooting|crash|fire|blast|explosion|study|survey|report)\b"
                            # a compound names its own thing: "The fire brigade said ...", "The case officer"
                            r"(?! (?:brigade|service|department|station|officer|chief|crew|team|unit|force|"
                            r"fighters?|workers?|manager|leader|members?|spokesman|spokeswoman)\b)"
                            # round 12: more things told as met, unless what follows names them ("The row over ...")
                            r"|^The (accident|collision|tragedy|killing|murder|move|deal|decision|announcement|pair|"
                            r"trio|duo|row|dispute)\b(?! (?:of|in|at|on|between|against|near|over)\b)")


def _unknown_referent(point: str, known: str, named: bool = False) -> bool:
    """``point`` opens on "The <noun>" or "The two men" that neither the title nor the summary (``known``, lower
    case) has named, or tells "another" thing with no first one ("Behind her another mother was shot ...").
    ``named``: an appositive name after it counts ("The victim, Benjamin Banky, 40, was ...")."""
    m = _DEFINITE_BACK.match(point) or _GROUP_BACK.match(point)
    noun = m and (m.group(1) or m.group(2))
    if noun and not re.search(rf"\b{re.escape(noun[:5])}", known) and not (
            named and _NAMED_AFTER.match(point, m.end())):
        return True
    return bool(_ANOTHER.match(QUOTED_SPAN.sub(" ", point)))


#: A group told as met before: "The two men were charged ...", "Both women ...", "The other three men ..." (issue 9,
#: editor3's read of seed 61: "the two men" with no men in the card).
_GROUP_BACK = re.compile(r"^(?:The (?:two|three|four|five|six|seven|eight|nine|ten|\d+|other)|Both)(?: [a-z-]+){0,2}? "
                         r"(men|women|people|boys|girls|brothers|sisters|victims|suspects|officers|teenagers|teens|"
                         r"friends|players|climbers|children|survivors|companies|countries|sides|groups|parties|"
                         r"leaders|soldiers|pilots|passengers)\b(?! (?:at|aboard|inside|on board)\b)")
#: An appositive that names the referent: "The victim, Benjamin David Banky, 40, ...".
_NAMED_AFTER = re.compile(r",\s(?:[A-Z][\w'’-]+\s){1,3}")
#: "another" in a sentence's first words: a second one of something the card has not told.
_ANOTHER = re.compile(r"^(?!(?:In|On|At|For|From|With|During|After|Before|Unlike|Like)\s)(?:[\w'’,-]+\s){0,3}?"
                      r"[Aa]nother\s(?!one\b)[a-z]")  # "In another email, Arnold said ..." tells its own


def key_points_note(points: list[str], n: int = 3) -> str:
    if len(points) >= n:
        return ""
    count = _STATEMENT_COUNTS.get(len(points), f"it has only {len(points)} whole statements")
    return THIN_NOTE.format(count=count, s="s" if len(points) <= 1 else "")


#: A headline for untitled text is the lead's main clause, at most this many words.
HEADLINE_WORDS = 22


#: Words too common in news to tell what an article is about.
_COMMON_NEWS = frozenset("said says would could also will been have their there they than then this that with from "
                         "were which when what where about after before into more most over some such only other "
                         "these those just like year years time people told last first being very many much made "
                         "make because while however still even back well".split())


def _topic_stems(clean: CleanArticle, k: int = 5) -> set[str]:
    """The (five-letter stems of the) ``k`` content words the article uses most: what it is about."""
    words = [w for w in re.findall(r"[a-z]{4,}", clean.text.lower()) if w not in STOPWORDS and w not in _COMMON_NEWS]
    return {w[:5] for w, _ in Counter(words).most_common(k)}


def _names_topic(text: str, topic: set[str]) -> bool:
    stems = {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}
    return any(a.startswith(b) or b.startswith(a) for a in stems for b in topic)


#: A subject pronoun after a fronted phrase, whose referent is in another sentence: "Beyond trying to
#: stabilise the economy, it also created ...", "For Labour it is 26p per vote ..." (no headline).
_LATE_PRONOUN = re.compile(r"^(?:[^,]{0,80},\s|(?:[A-Z]\w+\s){1,2})(?:it|he|she|they)\s[a-z]")


def _lead_statements(clean: CleanArticle, limit: int = 12) -> list[str]:
    """The lead's whole statements, those that name what the article is about first: an untitled text
    (XSum's pages lose their first paragraph) often opens on a scene, a meeting time or background."""
    # "The man is said to have been ...": a headline with no antecedent (XSum's pages lose their first paragraph)
    statements = [s.text for s in clean.sentences[:limit] if _statement(s.text) and not _LATE_PRONOUN.match(s.text)
                  and not _unknown_referent(s.text, clean.title.lower())]
    topic = _topic_stems(clean)
    about = [t for t in statements if _names_topic(t, topic)]
    return about + [t for t in statements if t not in about]


#: A trailing clause that tells the toll: ", killing a police officer and ...".
_TOLL_CLAUSE = re.compile(r"^\s*,?\s*(?:killing|injuring|wounding|leaving (?:\S+ ){1,4}(?:dead|injured))\b")


def headline(clean: CleanArticle) -> str:
    """The title; for untitled text, the lead's first whole statement that names what the article is
    about (its main clause if long)."""
    if clean.title:
        return clean.title
    heads = []
    for rank, text in enumerate(_lead_statements(clean)):
        whole = trim(text, HEADLINE_WORDS) or trim(text, KEY_POINT_WORDS)
        if whole is None and rank == 0 and len(text.split()) <= 40:
            whole = text  # the lead whole rather than a later sentence on something else
        if whole and _TOLL_CLAUSE.match(text[len(whole.rstrip(".")):]):
            whole = trim(text, KEY_POINT_WORDS) or whole  # the toll is the news: keep it if a longer cut can
        if whole:
            heads.append(whole.rstrip("."))
        if len(heads) == 3:
            break
    if heads:
        return _best_head(heads, _topic_stems(clean))
    usable = [s.text for s in clean.sentences if _usable(s, alone=False)]
    # the writer's own voice is no headline: "Oh, it's been so long since we were on the rehab beat!"
    told = [s.text for s in clean.sentences if not _COMMENT_OPENER.match(s.text)
            and not _UNQUOTED_SPEECH.search(QUOTED_SPAN.sub(" ", s.text))]
    usable = [t for t in usable if t in told] or usable or told
    first = usable[0] if usable else (clean.sentences[0].text if clean.sentences else clean.text)
    # a long whole lead (up to 45 words) reads better than one cut with "…" mid-clause
    return (trim(first, KEY_POINT_WORDS) or trim(first, 45) or shorten(first, HEADLINE_WORDS)).rstrip(".")


#: A stamp or a repeated title before the lead: "(Tue, 16 Aug 2011) This morning ...", "November 29, 2018 This ...".
_LEAD_STAMP = re.compile(r"^(?:\([^()]{0,40}\)|(?:[A-Z][a-z]+\.? \d{1,2},? (?:19|20)\d\d|"
                         r"\d{1,2} [A-Z][a-z]+ (?:19|20)\d\d))"
                         r"\s+(?=[A-Z])")
_OPENING_TIME = re.compile(r"^(?:This|Last|Earlier) (?:morning|afternoon|evening|week|night)(?: today)?,? (?=\w)")
#: When it happened, to the day: the mark of news told rather than background or a writer's hook.
_DAY_ANCHOR = re.compile(r"\b(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:yesterday|"
                         r"today|tonight|last night|this (?:morning|afternoon|evening|week)|"
                         r"earlier (?:today|this week)|"
                         r"(?:on|On) (?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December) \d{1,2})\b", re.I)
#: A verb telling what was done: a past tense or a perfect.
_DONE_VERB = re.compile(r"\b(?:was|were|had|has|have|did|[a-z]{3,}ed|said|sold|won|lost|made|took|gave|went|came|"
                        r"became|told|found|got|left|met|paid|put|ran|saw|set|shot|struck|fell|hit|led|began|broke|"
                        r"brought|built|bought|caught|drove|fled|flew|held|kept|rose|sent|spent|stood|stole|threw|"
                        r"wrote|died|sank|won)\b")
#: A writer's hook before the news: "Never before in NBA history have coaches fallen ...", "It's hard to believe ...".
_HOOK = re.compile(r"^(?:Never|Imagine|It['’]s|It is|There['’]s|There is|There are|Those|These|What|Why|How|If|"
                   r"Ever|For (?:years|decades|centuries)|Once upon|All sorts|Few|Many)\b")
_HAS_FIGURE = re.compile(r"[$£€]\s?\d|\b\d[\d,.]*\s?(?:%|per ?cent|million|billion|people|[a-z]{2,}s)\b")
#: The lead's first statements weighed for the development, and the head start of the first of them.
EVENT_WINDOW = 3
FIRST_STATEMENT_BONUS = 2


def _event_score(text: str, first: bool, article: str) -> float:
    """How plainly ``text`` tells news: a day it happened on, a verb of what was done, a figure; a hook or a
    sentence dated years back counts against it, and the lead's first statement has a head start."""
    score = 2.0 * bool(_DAY_ANCHOR.search(text)) + bool(_DONE_VERB.search(text)) + bool(_HAS_FIGURE.search(text))
    score -= 2.0 * bool(_HOOK.match(text)) + 2.0 * _dated_past(text, article)
    return score + (FIRST_STATEMENT_BONUS if first else 0)


def _event_lead(clean: CleanArticle, limit: int = 8) -> str:
    """The lead's statement that tells what happened: of its first whole statements (a stamp or the title run into
    one cut off; for an untitled text, its headline first), the first, unless a later one plainly tells the news
    and it does not ("All sorts of historical cross-currents play off each other in this timeless song" before "On
    Tuesday, Christie's sold the ... manuscript of the song's lyrics for $1.2 million")."""
    statements = []
    for s in clean.sentences[:limit]:
        text = _LEAD_STAMP.sub("", s.text.strip())
        if clean.title and text.startswith(clean.title) and text[len(clean.title):].strip()[:1].isupper():
            text = text[len(clean.title):].strip()
        # a time phrase is no pointer to an earlier sentence: "This morning one of the providers ... experienced"
        probe = _OPENING_TIME.sub("", text)
        # mostly a quotation ("The operative words, of course, are: “Subject to the receipt of ...”"): words, not news
        quoted = sum(len(m.group()) for m in QUOTED_SPAN.finditer(text)) > 0.4 * len(text)
        if _statement(probe[:1].upper() + probe[1:]) and not _LATE_PRONOUN.match(text) and not quoted:
            statements.append(text)
    if not clean.title:  # an untitled text's headline is its lead's first whole statement, cut if long
        first = headline(clean)
        statements = [first] + [t for t in statements if first.rstrip(".") not in t]
    scored = [(_event_score(t, i == 0, clean.text), -i, t) for i, t in enumerate(statements[:EVENT_WINDOW])]
    return max(scored)[2] if scored else ""


def _best_head(heads: list[str], topic: set[str]) -> str:
    """The first head, unless one of the next two names more of what the article is about, two things at least:
    "The hosts won with a day to spare at Old Trafford" gives way to "England made 589-8 declared ... to set up
    their second biggest win over Pakistan" (issue 9, round 12: a headline with none of the article's topic)."""
    def named(head: str) -> int:
        stems = {w[:5] for w in re.findall(r"[a-z]{4,}", head.lower())}
        return sum(any(a.startswith(b) or b.startswith(a) for a in stems) for b in topic)

    subject = _VAGUE_SUBJECT.match(heads[0])
    if not subject or named(subject.group()):
        return heads[0]  # "Four burly Swedish cops put ...", "The election comes ...": the lead names its subject
    counts = [named(h) for h in heads]
    best = max(range(len(heads)), key=lambda k: (counts[k], -k))
    return heads[best] if counts[best] >= 2 and counts[best] > counts[0] <= 1 else heads[0]


#: A lead whose subject names no one: "The hosts won ...", "One traveller in particular knows ...".
_VAGUE_SUBJECT = re.compile(r"^(?:The|This|These|Those|One|Some|It|They|A|An)(?: [a-z][\w'’-]*){1,3} "
                            r"(?!(?:[A-Z]|of [A-Z]))")


def _development(clean: CleanArticle, points: list[str], signals: list[Signal]) -> str:
    """The concrete development as a whole clause: the cleaned headline when it is not clickbait, else the
    statement of the lead that tells what happened (never a quotation, a caption, a stamp or a writer's hook)."""
    clickbait = next((s.value for s in signals if s.name == "clickbait_headline"), 0.0)
    base = clean.title if clean.title and clickbait < 0.5 and len(clean.title.split()) >= 4 else ""
    if not base:
        lead = _event_lead(clean)
        # the headline's own cut (a whole lead up to 40 words), or an untitled text's headline, whatever its length
        whole = lead if len(lead.split()) <= 40 or (not clean.title and lead == headline(clean)) else None
        base = (trim(lead, 30) or whole if lead else None) or (points[0] if points else headline(clean))
    return base.strip().rstrip(".!")


#: A short article's summary is shorter, so that its key points can add to it.
SUMMARY_SHARE_OF_ARTICLE = 0.4


def _drops_event(clean: CleanArticle, chosen: list[int], keep: int) -> bool:
    """Cutting the summary to ``chosen[:keep]`` drops the lead's main event (a toll, a verdict, an approval, a sized
    deal told within two sentences of the summary's first): a thin article keeps it in its summary (round 12)."""
    return any(j <= chosen[0] + 2 and _MAIN_EVENT.search(clean.sentences[j].text) for j in chosen[keep:])


def write(clean: CleanArticle, signals: list[Signal], scores: Scores) -> Prose:
    budget = min(SUMMARY_WORDS, max(30, int(SUMMARY_SHARE_OF_ARTICLE * clean.word_count)))
    features = _sentence_features(clean, signals)
    opinion = is_opinion(clean)
    chosen = summary_sentences(clean, signals, budget, features)
    summary = _join(clean, chosen, budget)
    points = key_points(clean, signals, summary=summary, features=features)
    # a thin article: give up the summary's last sentences to its key points, down to the lead, but
    # only if that gives more points: a summary cut to its lead for nothing misses the event
    for keep in range(len(chosen) - 1, 0, -1):
        if len(points) == 3 or _drops_event(clean, chosen, keep):
            break
        shorter = _join(clean, chosen[:keep], budget)
        more = key_points(clean, signals, summary=shorter, features=features)
        if len(more) > len(points):
            chosen, summary, points = chosen[:keep], shorter, more
    # a surname the reader meets first in a key point or the summary is written in full there
    names = _full_names(clean.text)
    if names:
        known = clean.title or ""  # an untitled text's headline is its lead, which the summary tells again
        summary = introduce_names(summary, names, known) if chosen else summary
        named = []
        for point in points:
            named.append(introduce_names(point, names, " ".join([known, summary, *named])))
        points = named
    # the writer's judgement in the summary, a key point or the development makes a hype-5 page's claims the
    # article's, in all three (the Travis base card told "Protecting the image of Islam ..." as its own)
    development = _development(clean, points, signals)
    told_as_article = attributed(clean, scores, opinion, " ".join([summary if chosen else "", *points,
                                                                   development + "."]))
    if told_as_article:
        if chosen:
            summary = attribute_summary(summary, clean.text, every=opinion or scores.hype > ATTRIBUTED_FROM_HYPE)
        # the writer's claims in the key points are the article's too, not the card's (issue 9, round 6)
        told = attribute_points(points)
    else:
        told = points
    analysis = analyze_prose(clean, signals, scores, development, opinion, told_as_article)
    return Prose(analysis=analysis, summary=summary, key_points=told,
                 key_points_note=key_points_note(points))
