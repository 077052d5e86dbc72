"""The card's analysis (embedded backend): what happened, why the impact and hype scores are what they are.

Written from the signals and their evidence, so that every clause can be traced back to the article: the
kind of event, the rubric band the impact score falls in, the real quantities at stake, and what raised the
hype. Pure: no I/O.
"""

from __future__ import annotations

import math
import re

from newsverdict.card.voice import QUOTED_SPAN, _ends_inside_quote, attribute, attributed, is_opinion
from newsverdict.models import CleanArticle, Scores, Signal

#: Kinds of event, told by the words of the headline and lead, with how the rubric
#: (../shared/data/RUBRIC.md) usually places them. First match wins.
_EVENT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I)) for name, pattern in (
        # a poll's or a study's finding is the event, whatever it asked about ("Scottish voters would rather
        # have a referendum on the EU than another independence vote, a new survey has revealed" is no election)
        ("poll or survey", r"\b(?:opinion poll|poll|survey)s?\b[^.]{0,40}\b(?:revealed|reveals|found|finds|shows?|"
                           r"showed|suggests?|suggested)\b|\bpollsters?\b|\b(?:polled|surveyed)\b|"
                           r"\basked (?:voters|respondents|\d[\d,]* (?:people|adults|voters))\b|"
                           r"\b(?:according to|revealed by|found by|in) (?:a|the) (?:new )?(?:poll|survey)\b"),
        ("study", r"\b(?:study|research|researchers|scientists)\b[^.]{0,40}\b(?:revealed|reveals|found|finds|shows?|"
                  r"showed|suggests?|suggested)\b"),
        ("war or armed conflict", r"\b(?:war|invasion|invaded|airstrikes?|missiles?|shelling|ceasefire)\b"),
        # "under fire" (criticised), "a storm of criticism", "a flood of complaints": idioms, not disasters
        ("disaster", r"\b(?:earthquake|quake|aftershocks?|tsunami|hurricane|typhoon|cyclone|flood(?:s|ing)?(?! of)|"
                     r"wildfire|eruption|landslide|avalanche|tornado|storm(?! (?:of|over))|blaze|"
                     r"(?<!opened )(?<!open )(?<!opens )(?<!under )(?<!line of )fire(?! (?:back|off|away|up))|"
                     r"explosion(?! (?:in|of) (?!gas))"
                     r")\b(?!-)"),
        ("court case", r"\b(?:court|jury|judge|verdict|convicted|sentenced|jailed|(?:death|prison|jail) sentence|"
                       r"pleaded|"
                       r"guilty|acquitted|trial|"
                       r"lawsuit|sued|indicted|prosecutors?)\b"),
        # before crime: "Two climbers killed in Mt Cook falls" is an accident, whoever "killed" them; a fall is one
        # only with its victim ("fell from", "fall to his death"), not prices that fell
        ("accident", r"\b(?:crash(?:ed)?|collision|derail(?:ed)?|pile-?up|drowned|"
                     r"fell (?:from|off|down|into|through|to (?:his|her|their) deaths?)|"
                     r"falls? (?:from|off|to (?:his|her|their) deaths?)|fall to (?:his|her|their) deaths?|"
                     r"(?:fatal|deadly) falls?|killed in (?:\w+ ){0,3}falls?)\b"),
        ("crime", r"\b(?:arrested|charged|murder(?:ed)?|killed|(?:was|were|been|being|fatally|police|people|teen|"
                  r"man|woman|boy|girl) shot(?! down)|"
                  r"shot (?:by|to death|dead|and killed|him|her|them|at|\d+|(?-i:[A-Z])\w*)|"
                  r"stabbed|robbery|suspect|manslaughter|gunm[ae]n|opened fire|shoots|arson|"
                  r"(?<!film )(?<!movie )(?:mass |fatal |deadly |workplace |school )?shooting|"
                  r"assault(?:ed)?|kidnapp(?:ed|ing)|bomb(?:s|ed|ing|ings|er|ers)?|on suspicion of|in custody|"
                  r"handcuffed|"
                  r"booked into|theft|stole|stolen|burglar(?:y|ies)|rape[ds]?|raping|drunk[- ]driving|DUI)\b"),
        ("election", r"\b(?:election|elected|re-elected|ballots?|referendum|polling day)\b"),
        ("trade decision", r"\b(?:imports?|exports?|tariffs?|sanctions|trade deal|embargo)\b"),
        ("sports result", r"\b(?:match|goal|championship|tournament|cup|innings|wickets?|grand prix|pole position|"
                          # "final approval", "the final say": the adjective, not a cup final
                          r"semi-final|final(?! (?:approval|vote|decision|say|word|report|ruling|version|draft|stage|"
                          r"reading))|victory|defeat(?:ed)?|scored|medal|(?:straight|first|home|away|narrow|"
                          r"comfortable|\d+-\d+) win)\b"),
        ("sports story", r"\b(?:leagues?|season(?! of)|coach(?:es)?|strikers?|defenders?|midfielders?|goalkeepers?|"
                         r"footballers?|players?|clubs?|transfer|signing|fixtures?)\b"),
        ("law or policy", r"\b(?:law|bill|legislation|regulations?|ban(?:ned)?|approv(?:ed|al)|"
                          r"polic(?:y|ies)|decree|passed(?! away| on\b)|signed into|enacted|repealed)\b"),
        ("business deal", r"\b(?:acqui(?:re|res|red|sition)|merger|takeover|deal|buy(?:s|out)?|bought|stake|"
                          r"invest(?:s|ed|ment)?|ipo)\b"),
        # a company's quarter is its result, not a deal ("Home Depot sales miss, shares plunge" was "a business deal")
        ("business result", r"\b(?:shares|profits?|revenues?|earnings|sales|quarter(?:ly)?|results|forecasts?|"
                            r"guidance|dividends?)\b"),
        ("appointment or departure", r"\b(?:appointed|named|resign(?:s|ed)|stepp(?:ed|ing) down|sacked|"
                                     r"fired|hired|poached|retire[sd]?)\b"),
        ("study", r"\b(?:study|researchers?|scientists?|survey|report found|findings)\b"),
        ("health story", r"\b(?:(?<!at a )(?<!in a )(?<!in )(?<!at )hospital(?:ised|ized)?|"
                          r"disease|virus|outbreak|patients?|cancer|vaccine)\b"),
        ("celebrity or lifestyle story", r"\b(?:actress|actor|star|singer|celebrity|instagram|fans|fashion|"
                                         r"model|reality|royal|duchess|prince|princess)\b"),
        ("death", r"\b(?:died|dies|death|dead)\b"),
    )
)
#: The rubric's impact bands, in its own terms.
_BANDS = (
    (1, "the rubric's band for stories with no consequences beyond a few people"),
    (3, "the rubric's band for small or local consequences"),
    (5, "the rubric's band for what matters to a city, a sector or a large company"),
    (7, "the rubric's band for national significance or a large sector"),
    (8, "the rubric's band for a lasting strategic shift across countries or an industry"),
    (10, "the rubric's band for historic events affecting hundreds of millions"),
)
#: Kinds that rarely reach beyond the people involved: a high score for one is flagged, not echoed.
_SMALL_KINDS = {"celebrity or lifestyle story", "sports result", "sports story", "accident", "crime", "death"}
_HYPE_NAMES = {
    "sensational_language": "loaded, emotional words",
    "framing": "shouting and insinuation",
    "coverage_volume": "the sheer volume of coverage",
    "superlatives": "superlatives and absolutes",
    "clickbait_headline": "a clickbait-style headline",
    "speculation": "speculation presented alongside the facts",
    "anonymous_sourcing": "claims resting on unnamed sources",
    "repetition": "the same claims repeated",
    "persuasion": "persuasion techniques",
    "propaganda_techniques": "sentences worded like persuasion",
    "headline_label": "a headline led by a label or a question",
    "attribution": "unsourced claims",
}
#: Drivers shown with their first piece of evidence: the label, "38 of 40 sentences name no source", the opening
#: of the most technique-like sentence.
_FIRST_EVIDENCE = {"headline_label", "attribution", "propaganda_techniques"}
_QUOTED_DRIVERS = {"sensational_language", "superlatives", "speculation", "framing", "anonymous_sourcing"}
_FIGURE_KINDS = ("money", "casualties", "percent", "count")
_UNIT_AFTER_NUMBER = re.compile(r"\d[\d,.]*\s*(?:%|per ?cent|percent|[a-zA-Z£$€])|[£$€]\s?\d")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")


def _article_for(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _pick(options: tuple[str, ...], key: str) -> str:
    """One of ``options``, the same one for the same article (wording varies between cards)."""
    return options[sum(map(ord, key)) % len(options)]


def _quote(items: list[str], k: int = 3) -> str:
    items = [x.strip("\"“”'‘’ ") for x in items]
    items = list(dict.fromkeys(x for x in items if len(x) > 1))[:k]
    quoted = [f"“{x}”" for x in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _by_name(signals: list[Signal]) -> dict[str, Signal]:
    return {s.name: s for s in signals}


#: The lead a kind of event is checked against: the sentences that tell what happened (issue 9 item 4).
KIND_LEAD_SENTENCES = 4


def _kind_cues(name: str, pattern: re.Pattern[str], text: str) -> list[re.Match]:
    """The words of a kind of event in ``text`` that say it happened: not in a list, a name or a title, not told as
    background ("in the wake of the earthquake"), asked about or wished for, nor in scare quotes. A proposed law is
    still a story about law or policy; a wished-for election is no election."""
    found = [m for m in pattern.finditer(text) if not _in_a_list(text, m) and not _in_a_name(text, m)
             and not _PAST_EVENT.search(text[: m.start()])
             and (name == "law or policy" or not _PROPOSED.search(text[max(0, m.start() - 80): m.start()]))
             and not _scare_quoted(text, m.start(), m.end())]
    if name == "disaster" and found and all(m.group().lower() in {"fire", "blaze"} for m in found) \
            and _SET_FIRE.search(text):
        return []  # a fire set, or one that a court or the police deal with, is a crime or a court case
    return found


def _event_kind(clean: CleanArticle, development: str, opinion: bool | None = None) -> str:
    """The kind of event the development reports; an opinion piece is one whatever its topic. One word is no kind
    of event (a "murder victim" a cleaner feared, who was a 900-year-old mummy): the development's word needs a
    second cue, in the development or in the lead's first sentences (a cue of two words, "a survey has revealed",
    is two); only a text with no lead beyond its development is judged on the development alone. A kind's word in
    a list, or in a name or title ("Senate Candidate", "Judge Brett Kavanaugh", "The Goal Of ..."), is a keyword,
    not what happened."""
    if is_opinion(clean) if opinion is None else opinion:
        return "opinion piece"
    head = development.strip().rstrip(".")[:60]
    lead = [s.text for s in clean.sentences[:KIND_LEAD_SENTENCES] if head not in s.text]
    for name, pattern in _EVENT_KINDS:
        found = _kind_cues(name, pattern, development)
        # a cue of two words ("a new survey has revealed", "opened fire", "stepped down") is two cues in itself
        if found and (not lead or len(found) + sum(len(m.group().split()) > 1 for m in found)
                      + sum(len(_kind_cues(name, pattern, t)) for t in lead) >= 2):
            return name
    return ""


#: An event told as the background of the development, not as it: "the recent school shooting at Parkland ... was
#: the last straw for scores of parents" (a story about homeschooling), "in the wake of the earthquake".
_PAST_EVENT = re.compile(r"\b(?:recent|last (?:year|month|week)['’]s|in the (?:wake|aftermath) of|anniversary of|"
                         r"since|memories of)\s+(?:(?:the|a|an|this|that|\w+['’]s|[a-z]+)\s+){0,2}$", re.I)


#: A fire someone set, or one in a case before the police or a court: "charged with arson after a fire".
_SET_FIRE = re.compile(r"\b(?:arson\w*|set (?:a )?fire|sets? (?:\w+ )?(?:alight|ablaze)|setting (?:a )?fire|"
                       r"torched|fire-?bomb\w*|charged|convicted|sentenced|guilty|court|trial|jury|arrested|"
                       r"suspect(?:ed)?)\b", re.I)


def _scare_quoted(text: str, start: int, end: int) -> bool:
    """The word stands alone in quotation marks (Migrant ‘Invasion’, `` launched ''): the writer's or someone's
    word for it, not the card's."""
    return bool(re.search(r"(?:[\"“‘`]|(?<!\w)')\s?$", text[max(0, start - 3):start])
                and re.match(r"\s?(?:[\"”’]|'(?!\w))", text[end:end + 3]))


def _in_a_name(text: str, match: re.Match) -> bool:
    """A capitalised kind word that runs into another capitalised word ("Senate Candidate"), or ends a quoted
    title ("... sequel ‘ Catching Fire ’", a film, not a fire), is part of a name or a title."""
    if not match.group()[:1].isupper():
        return False
    if re.match(r"\s+[A-Z][a-z]", text[match.end():]) and not _title_cased(text):
        return True  # in a title-case headline ("5.9 Earthquake Jolts Iran") every word runs into a capital
    before = re.search(r"(\S+)\s+([A-Z][a-z][\w'’-]*)\s+$", text[: match.start()])
    if before and not _title_cased(text) and not before.group(1).endswith((".", ":", "!", "?")):
        return True  # "the Falklands War", "the Cold War": a name's last word, not the event
    # inside a quoted title ("sequel ‘ Catching Fire ’"); a title-case headline ("Man Charged With Murder") is no name
    # or opens a quotation ("In Iran: “Death to America!”", a chant, not a death)
    return bool(re.search(r"(?:[‘“]|(?:^|(?<=\s))[\"'](?=\S))\s*(?:[A-Z][\w-]*\s+)*$", text[: match.start()]))


def _title_cased(text: str) -> bool:
    """A headline in title case: four in five of its words of four letters or more are capitalised."""
    long = [w for w in re.findall(r"[A-Za-z’']+", text) if len(w) >= 4]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


def _in_a_list(text: str, match: re.Match) -> bool:
    """A word named in a list ("problems with war, terrorism and poverty") is not what happened."""
    before, after = text[: match.start()].rstrip(), text[match.end():]
    return bool(re.match(r"\s*,\s*\w+(?:\s+\w+)?\s*(?:,|\band\b|\bor\b)", after)
                or (before.endswith(",") and re.match(r"\s*(?:,|\band\b|\bor\b)", after))
                or re.search(r",\s*(?:\w+\s+)?\w+,?\s+(?:and|or)$", before))


#: The analysis cites what the lead reports: in news writing background, history and asides come
#: later, and citing them names the wrong event ("elected" from a paragraph on 11th-century popes).
LEAD_SHARE = 0.4
LEAD_MIN_SENTENCES = 5


def _lead_first(evidence: list, clean: CleanArticle, *, fallback: bool = True) -> list:
    """The evidence found in the lead (the first 40 % of sentences, at least 5), else all of it
    (``fallback``) or none."""
    size = max(LEAD_MIN_SENTENCES, math.ceil(LEAD_SHARE * len(clean.sentences)))
    in_lead = [e for e in evidence if e.sentence is not None and e.sentence < size]
    return in_lead or (evidence if fallback else [])


def _figures(signals: list[Signal], clean: CleanArticle, *, lead_only: bool = True) -> list[str]:
    """Real quantities behind the magnitude signal: money, people, counts, percentages; never a
    bare year, date, model number or address. ``lead_only``: those the lead states outside quotations."""
    magnitude = _by_name(signals).get("magnitude")
    real = []
    for e in magnitude.evidence if magnitude else []:
        if e.direction != "raises" or e.sentence is None or not e.note.startswith(_FIGURE_KINDS):
            continue
        text = e.text.strip()
        if _YEAR_ONLY.match(text) or not re.search(r"\d|million|billion|thousand|hundred|dozen", text):
            continue
        if e.note.startswith("count") and not (_UNIT_AFTER_NUMBER.search(text) or re.search(r"[a-z]{3}", text)):
            continue
        sentence = clean.sentences[e.sentence].text if e.sentence < len(clean.sentences) else ""
        counted = _counted_phrase(e, clean.text) if _not_a_quantity(text, sentence) else text
        if not counted or _past_figure(text, sentence, clean.text) or _sample_size(text, sentence) \
                or _TABLE_ROW.search(sentence) or _AGE.search(text) or re.match(r"[a-z]{1,3}\s\d", text):
            continue
        real.append(e if counted == text else e.model_copy(update={"text": counted}))
    # the lead's real quantities, filtered before the lead is chosen (a lead of model numbers and units still has
    # its sums); a figure from later on ("a $35,000 reward", "2,000 tents were ready", "19 seasons" of another man)
    # or from a speaker's quotation is not what the development puts at stake, so it is not cited
    if not lead_only:
        return [e.text.strip() for e in real]
    return [_whole_figure(e, clean.text) for e in _lead_first(real, clean, fallback=False)
            if not _inside_a_quotation(clean, e)]


def _counted_phrase(e, text: str) -> str:
    """A count whose next word is an adverb, with what it counts: "23 heavily" -> "23 heavily armed pirates"; ""
    when no plural follows within two words (a unit, a model number: "150 nautical", "AK-47 assault")."""
    m = re.fullmatch(r"(\d[\d,]*) ([a-z]+ly)", e.text.strip())
    if not m or e.start is None or e.end is None \
            or re.search(rf"[A-Za-z]-{re.escape(m.group(1))}\b", text[max(0, e.start - 4):e.end]):
        return ""
    noun = re.match(r"((?: [a-z-]+)?) ([a-z]{3,}s)\b", text[e.end:e.end + 40])
    return f"{e.text.strip()}{noun.group(1)} {noun.group(2)}" if noun and _COUNTED.fullmatch(noun.group(2)) else ""


def _whole_figure(e, text: str) -> str:
    """The figure as the reader finds it: "tens of thousands of union members", not "... of union", where the
    count's noun is a modifier of the plural that follows."""
    figure = e.text.strip()
    if e.end is not None and not figure.endswith("s"):
        following = re.match(r" ([a-z]{3,}s)\b", text[e.end:e.end + 24])
        if following and re.search(r"[a-z]$", figure):
            figure += " " + following.group(1)
    return figure


#: A table flattened into a sentence: numbers glued to the next row's label ("... to 50p 7.2Increase
#: minimum wage to £7.85 8.2The most popular ...").
_TABLE_ROW = re.compile(r"\d[A-Z][a-z]")
#: An age is no stake: "dead at 95", "died at 12".
_AGE = re.compile(r"\b(?:dead|died|dies|aged?)\s+(?:at\s+)?\d{1,3}\b", re.I)
#: How many people a poll or a study asked is its method, not a stake: "surveyed more than 1,000 adults".
_SAMPLE_BEFORE = re.compile(r"\b(?:poll(?:ed)?|survey(?:ed)?|questioned|interviewed|sample|asked|study|studied|"
                            r"respondents)\s(?:of\s)?(?:(?:more than|over|some|around|about|nearly|almost|a total of|"
                            r"just over|just under)\s)?$", re.I)
_SAMPLE_AFTER = re.compile(r"^[^,.;]{0,30}\b(?:were|was)?\s?(?:polled|surveyed|questioned|interviewed|asked|took part|"
                           r"responded)\b", re.I)


def _sample_size(figure: str, sentence: str) -> bool:
    i = sentence.find(figure)
    return i >= 0 and bool(_SAMPLE_BEFORE.search(sentence[:i]) or _SAMPLE_AFTER.match(sentence[i + len(figure):]))


_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-3]\d)\b")
#: A date told as when something happened ("In January 2017, Imran wired ..."), a past tense, a future.
_DATED_PAST = re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]ack in|[Oo]n)\s(?:(?:early|late|mid-?)\s?)?"
                         r"(?:[A-Z][a-z]+\s)?"
                         r"(?:\d{1,2},?\s)?((?:19[5-9]|20[0-3])\d)\b")
_PAST_VERB = re.compile(r"\b(?:was|were|had|did|sold|paid|bought|won|lost|spent|[a-z]{3,}ed)\b")
_FUTURE = re.compile(r"\b(?:will|would|must|shall|by|from|until)\s(?:(?:the\s)?(?:end\s)?(?:of\s)?)?"
                     r"(?:(?:19|20)\d\d|[A-Z][a-z]+ (?:19|20)\d\d)|\b(?:will|must|shall)\b")
#: A person's pay, told as who they were: "Nichols, 37, was an $80,000-a-year computer expert".
_SALARY = re.compile(r"\b(?:was|were|had been) (?:an? )?[$£€]\s?[\d,.]+\s?(?:m|k|million)?(?:-a-| a | per )year\b")


def _dated_past(sentence: str, article: str) -> bool:
    """A sentence told as the story's history: dated years before the article's latest year, in the past tense
    ("He was convicted in 1980 of authorising break-ins": background to an obituary, not what was done)."""
    dated = _DATED_PAST.findall(sentence)
    if not dated or _FUTURE.search(sentence) or not _PAST_VERB.search(sentence):
        return False
    return max(int(y) for y in dated) < max(int(y) for y in _YEAR.findall(article))


def _past_figure(figure: str, sentence: str, article: str) -> bool:
    """A figure from the story's past, not its stakes: a sentence dated years before the article's latest year
    ("In 1972 the house sold for $300,000") or a person's former pay ("was an $80,000-a-year computer expert")."""
    if figure in sentence and _SALARY.search(sentence):
        return True
    dated = [int(y) for y in _DATED_PAST.findall(sentence)]
    if not dated or _FUTURE.search(sentence) or not _PAST_VERB.search(sentence):
        return False  # "must collect 63% of batteries by 2027": a target, not history
    return max(int(y) for y in _YEAR.findall(sentence)) < max(int(y) for y in _YEAR.findall(article))


#: The word after a counted number must be what is counted: a plural, a collective, or an amount word.
_COUNTED = re.compile(r"(?:[a-z]{2,}s|people|police|staff|children|men|women|cattle|livestock|personnel|crew|"
                      r"million|billion|trillion|thousand|hundred|dozen|bn|m|k|per ?cent|percent)$")


def _not_a_quantity(figure: str, sentence: str) -> bool:
    """A figure that is no quantity at stake: part of a model name ("AK-47" read as "47 assault"), or a number
    followed by a unit, an adverb or a preposition ("150 nautical", "1100 hrs", "23 into", "23 heavily")."""
    m = re.match(r"^[^\d]*?(\d[\d,.]*)\s+([A-Za-z]+)$", figure.strip())
    if not m:
        return False
    number, word = m.groups()
    if re.search(rf"[A-Za-z]-{re.escape(number)}\b", sentence):
        return True
    return not _COUNTED.fullmatch(word.lower()) or word.lower() in {"hrs", "mins", "secs", "miles", "kms", "yards",
                                                               "metres", "meters", "feet", "inches"}


def _certainty(signals: list[Signal], clean: CleanArticle) -> tuple[list[str], list[str]]:
    """(words saying it is done, words saying it is expected) in the lead, from the certainty signal.

    Only the lead's words: whether *the development* is done or expected is said there, and a
    "passed" or "could" from a paragraph of history or speculation would misstate it."""
    certainty = _by_name(signals).get("certainty")
    if certainty is None:
        return [], []
    done = [e.text for e in _lead_first([e for e in certainty.evidence if e.direction == "raises"
                                         and not _no_confirmation(clean, e)], clean, fallback=False)]
    expected = [e.text for e in _lead_first([e for e in certainty.evidence if e.direction == "lowers"], clean,
                                            fallback=False)]
    return done, expected


#: Words of the certainty signal that say who spoke, not that the development happened.
_SPEECH_ONLY = {"told reporters", "said in a statement"}


def _no_confirmation(clean: CleanArticle, e, *, may_happen: bool = True) -> bool:
    """A "done" word that confirms nothing: "official" as an adjective ("an official source", "official
    figures"), a speech phrase ("told reporters"), a word in scare quotes (`` launched ''), or one said of what
    may happen ("an analysis is expected to be released", "the bill could be passed")."""
    word = e.text.strip().lower()
    if word in _SPEECH_ONLY:
        return True
    if e.start is None or e.end is None:
        return False
    if word == "official" and re.match(r"\s+[a-z]", clean.text[e.end:e.end + 3]):
        return True
    before = clean.text[max(0, e.start - 80):e.start]
    if may_happen and (_HYPOTHETICAL.search(before) or _PROPOSED.search(before)):
        return True
    return bool(re.search(r"[\"“‘'`]\s?$", clean.text[max(0, e.start - 3):e.start])
                and re.match(r"\s?[\"”’']", clean.text[e.end:e.end + 3]))


#: What the rubric itself names at each band, by kind of event (../shared/data/RUBRIC.md): the score is said
#: against the rubric's own example for this kind, which tells a reader more than the band's bare words.
_RUBRIC_EXAMPLES: dict[str, tuple[tuple[str, int, int], ...]] = {
    "crime": (("a local crime with few victims", 2, 3),),
    "accident": (("a local accident with few victims", 2, 3),),
    "sports result": (("a minor sports result", 2, 3),),
    "sports story": (("minor sports news", 2, 3),),
    "celebrity or lifestyle story": (("celebrity gossip and lifestyle", 1, 1),),
    # a magistrates' court jailing a stalker is the rubric's local crime, not its significant verdict
    "court case": (("a local crime with few victims", 2, 3), ("a significant trial verdict", 4, 5),
                   ("a major court ruling", 6, 7)),
    "business deal": (("a notable company acquisition", 4, 5), ("a major corporate deal worth billions", 6, 7)),
    "business result": (("a minor business result", 2, 3),),
    "disaster": (("a regional disaster with some casualties", 4, 5),
                 ("a large disaster with dozens dead or thousands displaced", 6, 7)),
    "law or policy": (("a state-level policy", 4, 5), ("national legislation or regulation", 6, 7)),
    "study": (("a small study with weak findings", 2, 3), ("a solid study of moderate importance", 4, 5)),
    "election": (("the election of a national leader", 6, 7),),
    "war or armed conflict": (("a war starting or ending", 9, 10),),
}


#: The other impact signals, in the words of their plain names (card/signals.py).
_OTHER_IMPACT = {"scope": "how far it reaches", "durability": "how lasting it is", "novelty": "what is new in it",
                 "strategic_shift": "the strategic shift it describes", "impact_words": "its words of consequence",
                 "certainty": "how settled it is"}


def _rubric_example(kind: str, impact: int) -> tuple[str, str, str]:
    """(the rubric's example for this kind nearest the score, its span "2–3", where the score stands)."""
    example, low, high = min(_RUBRIC_EXAMPLES[kind], key=lambda x: 0 if x[1] <= impact <= x[2]
                             else min(abs(impact - x[1]), abs(impact - x[2])))
    span = str(low) if low == high else f"{low}–{high}"
    where = "in line with" if low <= impact <= high else "above" if impact > high else "below"
    return example, span, where


#: How far below the rubric's lowest example for its kind a score may stand and still be compared with it: a vote
#: counted by fax at 3/10 is no "election of a national leader" (6–7), a supermarket fire at 2/10 no "regional disaster
#: with some casualties" (4–5); they are events of another scale, told against the plain band.
EXAMPLE_REACH = 1


def _rubric_comparison(kind: str, impact: int) -> str:
    """The score against the rubric's example for this kind: "in line with the rubric's band for a local crime
    with few victims (2–3)", "above the rubric's band for celebrity gossip (1)"; "" for a kind without one, or
    whose nearest example is of another scale (more than EXAMPLE_REACH above the score)."""
    if kind not in _RUBRIC_EXAMPLES or impact < min(low for _, low, _ in _RUBRIC_EXAMPLES[kind]) - EXAMPLE_REACH:
        return ""
    example, span, where = _rubric_example(kind, impact)
    return f"{where} the rubric's band for {example} ({span})"


def _rubric_lead(kind: str, impact: int) -> str:
    """The impact sentence opened on the rubric's example: "The rubric's band for a local crime with few victims
    is 2–3; this crime, at 2/10 for impact, is in line with that"."""
    example, span, where = _rubric_example(kind, impact)
    where = {"in line with": "in line with that", "above": "above that", "below": "below that"}[where]
    return f"The rubric's band for {example} is {span}; this {kind}, at {impact}/10 for impact, is {where}"


def _join_words(words: list[str], conj: str = "and") -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {conj} " + words[-1]


def _band(impact: int) -> str:
    return next(text for top, text in _BANDS if impact <= top)


#: An action named as the background of the people in the story, not as what was done: "people fleeing war and
#: poverty", "refugees from the war".
_BACKGROUND_OF = re.compile(r"\b(?:fleeing|fled|flee|escaping|escaped|refugees? from|torn apart by|ravaged by|"
                            r"scarred by)\s+"
                            r"(?:(?:the|a|an|[\w-]+|and)\s+){0,3}$", re.I)


def _background_action(sentence: str, word: str) -> bool:
    """Whether the action ``word`` stands in ``sentence`` only as what people fled or survived."""
    found = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", sentence, re.I)]
    return bool(found) and all(_BACKGROUND_OF.search(sentence[:i]) for i in found)


#: Titles and institutions that say nothing of whose they are ("Minister", "President", "Commission",
#: "government", "police"): a reader learns nothing of who acts from them (issue 9, the second editor's read).
_GENERIC_ACTORS = frozenset("""government governments ministry minister ministers president commission cabinet
chancellor authorities regulators regulator lawmakers legislature army military navy treasury police sheriff mayor
county town village neighbourhood neighborhood hospital university club coach""".split()) | {
    "prime minister", "air force", "national guard", "federal government", "city council", "school board",
    "local council", "fire department", "district attorney"}
#: One country under its several names is one actor: "(United States, U.S., President)" named it twice.
_SAME_ACTOR = {"us": "us", "u.s.": "us", "u.s": "us", "usa": "us", "u.s.a.": "us", "united states": "us",
               "america": "us", "washington": "us", "uk": "uk", "u.k.": "uk", "britain": "uk", "great britain": "uk",
               "united kingdom": "uk", "eu": "eu", "european union": "eu", "justice department": "doj",
               "department of justice": "doj", "doj": "doj", "state department": "dos", "department of state": "dos"}
#: Words after a company's name that still name the company ("Ford Motor Co."), not a product ("Ford Raptor").
_COMPANY_SUFFIX = re.compile(r"(?:Inc|Corp|Corporation|Co|Company|Group|Motors?|Holdings|Ltd|Plc|PLC|plc)\b")


def _part_of_a_name(clean: CleanArticle, e) -> bool:
    """An actor's word inside a longer name: "Ford Raptor" (a truck), "Washington Post", "Harrison Ford",
    "Telecom Egypt". A following institution ("U.S. Navy", "EU Commission") or an acronym keeps the actor."""
    if e.start is None or e.end is None or e.sentence is None or e.sentence >= len(clean.sentences):
        return False
    sentence = clean.sentences[e.sentence]
    if _title_cased(sentence.text):
        return False  # a title-case headline capitalises every word
    after = re.match(r"\s+([A-Z][a-z][\w'’-]*)", clean.text[e.end:e.end + 40])
    if after and not _COMPANY_SUFFIX.fullmatch(after.group(1)) and after.group(1).lower() not in _INSTITUTION_WORDS:
        return True
    if e.note.startswith(("national/international institution", "local actor")):
        return False  # "the Scottish Parliament", "the Indian Navy": a qualified institution is still one
    before = re.search(r"(?:^|\s)([A-Z][a-z][\w'’-]*)\s+$", clean.text[max(sentence.start, e.start - 40):e.start])
    return bool(before) and clean.text[sentence.start:e.start].strip() != before.group(1) \
        and before.group(1) not in {"The", "In", "For", "From", "By", "With", "And", "But", "At", "On", "To", "As"}


_INSTITUTION_WORDS = {"navy", "army", "government", "senate", "congress", "president", "commission", "military",
                      "parliament", "embassy", "ambassador", "forces", "troops", "officials", "department",
                      "court", "supreme", "minister", "prime", "secretary", "state", "air", "central", "federal"}


#: A nationality right before a title: "Indian navy", "Scottish government" (a possessive, "Austria's minister",
#: mostly repeats a country already named).
_QUALIFIER = re.compile(r"(?<![\w.])([A-Z][a-z]+(?:an|ian|ese|ish|ch|i))\s+(?:[a-z]+\s+)?$")


#: Titles held by one person, and the holder's name after one: "President Barack Obama", "Minister Margot Wallström".
_PERSON_TITLES = {"president", "prime minister", "minister", "chancellor", "mayor", "sheriff", "district attorney"}
_HOLDER = re.compile(r"\s+((?:[A-Z][\w-]+\s+|[A-Z]\.\s+){0,2}[A-Z][\w-]+)"
                     r"(?=(?:['’]s\b)?(?:[,.;:)!?]|\s+[a-z(\d]|\s*$))")


#: A platform named as where people spoke ("Twitter users complained", "on his Facebook page"), not as who acts.
_PLATFORM_AS_PLACE = re.compile(r"\s+(?:users?|pages?|posts?|accounts?|feeds?|followers|friends|search|videos?|"
                                r"apps?|store|profiles?|status|messages?|groups?|live)\b")


#: A country named as where something happened or whither someone went, not as who acted: "off Somalia", "flown
#: back to Sweden", "in Hong Kong", "at Valdosta State University, Georgia".
_LOCATIVE = re.compile(r"\b(?i:in|off|from|to|near|across|into|at|via|through|around|throughout|outside|inside|"
                       r"over|toward|towards|for|of)\s+(?:(?i:the)\s+)?(?:(?:[A-Z][\w'’.-]+\s+){0,4}[A-Z][\w'’.-]+,\s+)?$")


def _only_a_place(clean: CleanArticle, country: str, development: str) -> bool:
    """Every mention of the country in the lead and the development stands after a locative preposition."""
    size = max(LEAD_MIN_SENTENCES, math.ceil(LEAD_SHARE * len(clean.sentences)))
    texts = [s.text for s in clean.sentences[:size]] + [development]
    found = [t[: m.start()] for t in texts for m in re.finditer(rf"(?<![\w.]){re.escape(country)}(?!\w)", t)]
    return bool(found) and all(_LOCATIVE.search(before) for before in found)


def _actors(clean: CleanArticle, signals: list[Signal], development: str) -> list[str]:
    """Who is involved, as a reader would name them: the lead's countries, named institutions and companies,
    each once; not a bare title ("Minister"), not a word inside another name ("Ford Raptor"), and not one
    mentioned once in passing ("a broken cable off the coast of Egypt", in a story about the cable's operator)."""
    actor = _by_name(signals).get("actors")
    if actor is None:
        return []
    out: dict[str, str] = {}
    lowered = clean.text.lower()
    for e in _lead_first([e for e in actor.evidence if e.direction == "raises" and e.sentence is not None], clean,
                         fallback=False):
        name = e.text.strip()
        key = name.lower()
        whose = _QUALIFIER.search(clean.text[max(0, (e.start or 0) - 40):e.start or 0]) if e.start else None
        person = _HOLDER.match(clean.text[e.end:e.end + 40]) if e.end is not None and key in _PERSON_TITLES \
            and not _title_cased(clean.sentences[e.sentence].text) else None
        if key in _GENERIC_ACTORS and whose and not key.endswith(("county", "town", "village", "club", "coach")):
            # "the Indian navy", "Scottish government": the title says whose it is, so it names an actor
            name, key = f"{whose.group(1)} {name}", f"{whose.group(1)} {name}".lower()
        elif key in _GENERIC_ACTORS and person and name[:1].isupper():
            # "President Obama", "Prime Minister Theresa May": the title names its holder
            name, key = f"{name} {person.group(1)}", f"{name} {person.group(1)}".lower()
        elif key in _GENERIC_ACTORS or name == "parliament" or _part_of_a_name(clean, e) or (
                e.end is not None and _PLATFORM_AS_PLACE.match(clean.text[e.end:e.end + 30])):
            continue
        if e.note.startswith("country") and _only_a_place(clean, e.text, development):
            continue
        mentions = len(re.findall(rf"(?<![\w.]){re.escape(key)}(?![\w])", lowered))
        if mentions < 2 and name.lower() not in development.lower() and e.sentence > 0:
            continue  # once, in passing, after the lead sentence
        out.setdefault(_SAME_ACTOR.get(key, key), name)
    return list(out.values())[:3]


#: A modifier's word, not an action: "the ruling Syriza party", "a missile destroyer", "a military base", "law
#: enforcement" — the action word is followed by the noun it qualifies.
_FUNCTION_WORDS = frozenset("""a an the of to in on at for and or but with by from as is was are were be been being
has have had will would could should may might must can that which who whom whose this these those it its their
his her after before against over under into than then so if not no nor also said says told when while where there
here out up off about amid during since until upon within without between among across through per worth hit
struck shook left one two three four five six seven eight nine ten""".split())


#: People a participle can qualify: "convicted felons", "elected officials", "banned drivers".
_PERSON_HEADS = frozenset("""criminals criminal felons felon officials official killers killer murderers murderer
offenders offender members member leaders leader representatives representative candidates candidate drivers
driver players player terrorists terrorist""".split())


def _modifier(clean: CleanArticle, e) -> bool:
    """The action word qualifies the next word (a noun or a name) instead of being done: "ruling Syriza party",
    "ruling party", "missile destroyer", "election campaign", "law enforcement"."""
    if e.end is None:
        return False
    nxt = re.match(r"\s+([A-Za-z][\w'’-]*)", clean.text[e.end:e.end + 40])
    if not nxt:
        return False
    word = nxt.group(1)
    if e.text.strip().lower().endswith("ed"):
        # "killed two", "passed unanimously": a verb, done; but "convicted criminals", "elected officials" qualify
        return word.lower() in _PERSON_HEADS
    if word[:1].isupper():
        return not word.isupper()  # "ruling Syriza": a name follows; an acronym ("sanctions UN") is rare
    # a verb after it ("earthquake kills", "violence erupted") makes it the subject, not a modifier
    return word.lower() not in _FUNCTION_WORDS and not re.search(r"(?:ed|ing|ly|[^s]s)$", word)


#: Said of what is proposed, asked about or wished for: "whether there should be another referendum", "calls for a
#: ban", "plans to introduce legislation", "would rather have a referendum", "do not want him to be named". The one
#: home of this concept: neither an action done (what was done), nor a certainty word, nor a kind of event.
_PROPOSED = re.compile(r"\b(?:whether|would rather|should there|wants?|wanted|calls? for|called for|demands?|demanded|"
                       r"urges?|urged|plans?|planned|proposes?|proposed|propos(?:al|ing)|pledges?|pledged|promises?|"
                       r"promised|threatens?|threatened|considering|considers?|asks?|asked|seeks?|sought|"
                       r"push(?:es|ed)? for|hopes?|aims?|intends?)\b[^,;:.!?]*$", re.I)
#: Said of what might happen, not of a proposal: "the flaw would allow a hacker to launch an attack", "unless the
#: eurozone agrees to pay", "an analysis is expected to be released". Such a word is neither done nor proposed.
_HYPOTHETICAL = re.compile(r"\b(?:would|could|might|may|should|will|shall|if|unless|fears?|feared|expected|possible|"
                           r"potential|any|no|without|against|rather than|instead of|only)\b[^,;:.!?]*$", re.I)


#: Who acts, counted by the action signal as a sign of state power, is no action: "what was done (regulator)".
_AGENTS = {"regulator", "regulators", "supreme court", "troops", "military", "army"}


def _done_actions(clean: CleanArticle, signals: list[Signal], *,
                  event_only: bool = True) -> tuple[list[str], list[str]]:
    """(actions the lead reports as done, actions it reports as proposed or asked about), each word once.
    ``event_only``: only those of the first sentences, which tell the development; the rest of the lead's first
    40 % tells its background too ("resulted in the Hammonds being sentenced", in a story about their pardon)."""
    action = _by_name(signals).get("action_type")
    if action is None:
        return [], []
    done: list[str] = []
    proposed: list[str] = []
    for e in _lead_first([e for e in action.evidence if e.direction == "raises" and e.sentence is not None], clean,
                         fallback=False):
        sentence = clean.sentences[e.sentence]
        if (event_only and e.sentence >= KIND_LEAD_SENTENCES) or e.text.lower() in _AGENTS \
                or _background_action(sentence.text, e.text) or _modifier(clean, e) \
                or _dated_past(sentence.text, clean.text) \
                or _part_of_a_name(clean, e) or (e.start is not None and e.end is not None
                                                 and _scare_quoted(clean.text, e.start, e.end)):
            continue
        before = clean.text[max(sentence.start, (e.start or 0) - 80):e.start or 0]
        if _PROPOSED.search(before):
            proposed.append(e.text.lower())
        elif not _HYPOTHETICAL.search(before):
            done.append(e.text.lower())
    return list(dict.fromkeys(done))[:3], [w for w in dict.fromkeys(proposed) if w not in done][:2]


#: Words that report a binding decision: a text saying a pardon was "signed" or a man "jailed" names one.
_DECISION = re.compile(r"\b(?:signed|passed|approved|ratified|enacted|ruled|agreed|adopted|voted|jailed|sentenced|"
                       r"convicted|fined|banned|ordered|fired|sacked|appointed|elected|pardon(?:ed|s)?)\b", re.I)


def _absent(signals: list[Signal], clean: CleanArticle, actors: list[str], said: str) -> list[str]:
    """What the whole text really lacks, of large sums, powerful actors and binding decisions: each is said to be
    absent only when no part of the text names one (the card cites only the lead's, but "it names no binding
    decisions" is false of a text that reports a pardon "signed" further on). ``said``: the development and the
    words the text reports as done."""
    by = _by_name(signals)
    # "powerful actors" are said to be absent only when the text names no actor at all, not merely no actor
    # the list keeps ("the government" is powerful, though it does not say whose)
    named_any = any(e.direction == "raises" for e in (by["actors"].evidence if "actors" in by else []))
    decided = bool(_done_actions(clean, signals, event_only=False)[0]) or bool(_DECISION.search(said))
    return [x for x, absent in (("large sums", not _figures(signals, clean, lead_only=False)),
                                ("powerful actors", not actors and not named_any),
                                ("binding decisions", not decided)) if absent]


def _small_impact(signals: list[Signal], figures: list[str], actors: list[str], missing: list[str], impact: int,
                  kind: str, key: str) -> str:
    """The impact sentence of a story with no weighty reason: what the text names said to stay small, or what it
    really lacks, never the band's words again as the reason ("its consequences are small or local")."""
    compared = _rubric_comparison(kind, impact)
    band = compared or _band(impact)
    names = ([f"cites {_quote(figures, 2)}"] if figures else []) + \
        ([f"involves {_join_words(actors[:2])}"] if actors else [])
    reach = "the people involved" if impact <= 1 else "a locality or a small group"
    if names:
        lacks = f"it {' and '.join(names)}, but nothing in it reaches beyond {reach}"
    elif missing:
        lacks = "it names no " + _join_words(missing, "or")
    else:
        lacks = "nothing it reports reaches beyond " + reach
    others = [_OTHER_IMPACT[x.name] for x in sorted(signals, key=lambda x: -x.contribution)
              if x.name in _OTHER_IMPACT and x.contribution > 0.05][:2]
    if not names and impact >= 4 and others:  # the score is not low: say what carries it
        lacks += f"; the score comes from {_join_words(others)}"
    if compared and _pick((True, False), key[::-1]):
        return f"{_rubric_lead(kind, impact)}: {lacks}"
    return _pick((f"Impact is {impact}/10, {band}: {lacks}",
                  f"At {impact}/10, impact sits {'' if compared else 'in '}{band}, as {lacks}",
                  f"Impact stays at {impact}/10, {band}; {lacks}"), key)


#: Actions that are deeds, told as "what was done"; an event noun ("earthquake", "attack") is "what happened".
_DEED = re.compile(r"(?:ed|signed into law)$|^(?:won|lost|sold|bought|struck|shot|fled|led|met|paid|hit|fell)$")


def _impact_reasons(clean: CleanArticle, signals: list[Signal], key: str) -> tuple[list[str], list[str], list[str]]:
    """(the reasons the impact score rests on, in words; the lead's figures; the actors)."""
    by = _by_name(signals)
    figures = _figures(signals, clean)
    actions, proposed = _done_actions(clean, signals)
    actors = _actors(clean, signals, key)
    reasons = []
    if figures:
        reasons.append(f"the figures at stake ({_quote(figures, 2)})")
    if actors and by["actors"].contribution > 0.05:
        reasons.append(f"who is involved ({', '.join(actors)})")
    if actions and by["action_type"].contribution > 0.05:
        what = "what was done" if all(_DEED.search(a) for a in actions) else "what happened"
        reasons.append(f"{what} ({', '.join(actions)})")
    elif proposed and by["action_type"].contribution > 0.05:
        reasons.append(f"what is proposed or asked about ({', '.join(proposed)})")
    scope = by.get("scope")
    if scope and scope.contribution > 0.3 and scope.value >= 0.4:
        reasons.append("its reach across countries or sectors")
    return reasons, figures, actors


def _impact_sentence(clean: CleanArticle, signals: list[Signal], scores: Scores, kind: str, key: str) -> str:
    reasons, figures, actors = _impact_reasons(clean, signals, key)
    done, expected = _certainty(signals, clean)
    certainty = _by_name(signals).get("certainty")
    # whether the text mostly speaks of what may happen is decided on every "done" word that is not a speech tag,
    # an adjective or a scare quote; the card quotes fewer (not those said of what may happen), so they cannot
    # decide it: "killed" in "the toll could rise after 124 were killed" still counts
    said_done = len(_lead_first([e for e in certainty.evidence if e.direction == "raises"
                                 and not _no_confirmation(clean, e, may_happen=False)], clean,
                                fallback=False)) if certainty else 0
    low_certainty = bool(certainty and certainty.value < 0.15 and len(expected) > 2 * max(1, said_done))
    impact = scores.impact
    what = f"{_article_for(kind)} {kind}" if kind else "the development"
    compared = _rubric_comparison(kind, impact)
    band = compared or _band(impact)
    if kind in _SMALL_KINDS and impact >= 6:
        rating = (f"Impact is rated {impact}/10, {band}" + ("" if compared else f"; that is high for {what}")
                  + f", and rests on {'; '.join(reasons[:3]) or 'its wording more than its facts'}")
    elif reasons and impact >= 3:
        opener = _pick(("Impact is rated {i}/10, {b}" + (", for {w}" if kind and not compared else "")
                        + ": the score rests on {r}",
                        "At {i}/10 for impact, {b}, {w} is weighed by {r}",
                        "{W_cap} earns an impact of {i}/10, {b}, because of {r}"), key)
        rating = opener.format(i=impact, b=band, w=what, W_cap=what[0].upper() + what[1:],
                               r="; ".join(reasons[:3]))
        if compared and _pick((True, False), key[::-1]):
            # led by the rubric's own example, so that the sentence opens on what kind of story this is
            rating = f"{_rubric_lead(kind, impact)}, weighed by {'; '.join(reasons[:3])}"
    else:
        missing = _absent(signals, clean, actors, " ".join([key, *done]))  # the development, the done words
        rating = _small_impact(signals, figures, actors, missing, impact, kind, key)
    if low_certainty:
        rating += f", and it is held down because the text mostly speaks of what may happen ({_quote(expected, 2)})"
    elif done and impact >= 4 and len(done) >= len(expected):
        rating += f", and the text reports it as done ({_quote(done, 2)})"
    return rating + "."


def _hype_drivers(ranked: list[Signal], clean: CleanArticle) -> tuple[list[str], list[str]]:
    """The two largest hype drivers a reader can check, in words, and the names of their signals."""
    drivers: list[str] = []
    named: list[str] = []
    # the two largest drivers a reader can check: a word model's topic words ("Pope", "Catholic") are no reason
    # to give, so the next driver with checkable evidence is named instead of leaving the level unexplained
    for s in ranked:
        if len(drivers) == 2:
            break
        name = _HYPE_NAMES.get(s.name, "")
        if not name:  # a signal this text cannot name in plain words is left to the evidence list
            continue
        if s.name in _FIRST_EVIDENCE:
            # only evidence that points into the text: the technique model's last item is its own summary line
            shown = next((e.text.strip() for e in s.evidence if e.direction == "raises" and e.text.strip()
                          and (e.sentence is not None or s.name != "propaganda_techniques")), "")
            if not shown or shown in " ".join(drivers):  # a label the clickbait driver has quoted already
                continue
            if s.name == "propaganda_techniques":  # the sentence the model found most technique-like, opened
                words = shown.split()
                shown = " ".join(words[:8]).rstrip(",;:.") + ("…" if len(words) > 8 else "")
            name += f" ({shown})" if s.name == "attribution" else f" (“{shown.strip('“”')}”)"
        elif s.name == "clickbait_headline":
            shape = _clickbait_shape(s, clean)
            if not shape:  # a plain statistic headline ("... can expect a retirement income 13% higher") is no bait
                continue
            name += f" ({shape})"
        elif s.name in _QUOTED_DRIVERS:
            words = [e.text for e in s.evidence if e.sentence is not None and e.direction == "raises"
                     and len(e.text) < 60 and not _is_acronym(e.text) and not _is_title(e.text)
                     and not _quoted_name(e.text)
                     and not _quoted_in(clean, e.sentence, e.text)
                     and not (s.name == "framing" and _spoken(clean, e.sentence))
                     and not _inside_a_quotation(clean, e)]
            quoted = _quote(words, 3)
            if not quoted:
                continue
            name += f" ({quoted})"
        drivers.append(name)
        named.append(s.name)
    return drivers, named


def _hype_sentence(signals: list[Signal], scores: Scores, clean: CleanArticle, key: str) -> str:
    ranked = sorted((s for s in signals if s.kind == "hype" and s.contribution > 0.1 and s.value >= 0.4),
                    key=lambda s: -s.contribution)
    drivers, named = _hype_drivers(ranked, clean)
    # a low score's colour is only what the reader can see in the words themselves; "propaganda", a label and
    # unsourced claims are too strong for a report the card calls low in hype
    colour = [d for d, n in zip(drivers, named, strict=True) if n in _QUOTED_DRIVERS or n == "clickbait_headline"]
    level, hype = scores.hype_level, scores.hype
    if level == "low" and hype >= 4:
        # the rubric's 3-4: "mostly factual with some colour or mild framing"; the colour is named where a reader
        # can check it ("propaganda" is too strong a word for a report the card calls low in hype)
        text = f"Hype is low ({hype}/10): the report is mostly factual, with some colour" + \
            (f" from {' and '.join(colour)}" if colour else " or mild framing")
    elif level == "low":
        text = _pick((f"The telling is sober: hype is {hype}/10",
                      f"Coverage stays close to the facts, so hype is low ({hype}/10)",
                      f"Hype is low ({hype}/10): the report is mostly factual and attributed"), key)
        quoted = [d for d, n in zip(drivers, named, strict=True) if n in _QUOTED_DRIVERS and "“" in d]
        if quoted:  # only a driver the reader can check in the text is worth a "despite"
            text += f", despite some {quoted[0]}"
    else:
        lead = {"moderate": "Hype is moderate", "high": "Hype is high", "extreme": "Hype is extreme"}[level]
        text = f"{lead} ({hype}/10)" + (f", driven by {' and '.join(drivers)}" if drivers else "")
        checkable = [d for d in drivers if "“" in d or "(" in d]
        if checkable and _pick((True, False), key[::-1]):
            # led by what the reader can check in the text, the level after it
            text = f"The telling is {level} ({hype}/10) because of {' and '.join(drivers)}"
    text += "; " + _placement_clause(scores)
    if clean.repeats_dropped:
        n = clean.repeats_dropped
        text += f" (the page repeats {n} paragraph{'s' if n > 1 else ''}; each counted once)"
    return text + "."


def _clickbait_shape(signal: Signal, clean: CleanArticle) -> str:
    """What a reader can see of the bait in the headline: a label ("WATCH:", "Breaking:"), a word in capitals
    that the article writes in lower case ("ATTACK", "DARK"; not a brand such as "SEACOM"), a question, an
    exclamation; "" when the signal found none of these."""
    headline = signal.evidence[0].text if signal.evidence else ""
    words: list[str] = []
    shapes: list[str] = []
    for e in signal.evidence[1:]:
        t = e.text.strip()
        label = (t.endswith(":") and len(t) > 2) or t in {"MUST SEE", "BREAKING"}
        # a capitalised word the article also writes in lower case is shouting; a brand ("SEACOM") is not
        shouted = t.isupper() and t.isalpha() and len(t) >= 3 and re.search(rf"\b{re.escape(t.lower())}\b", clean.text)
        if label or shouted:
            words.append(t)
    if headline.rstrip(" \"'”’").endswith("?"):
        shapes.append("a question")
    if "!" in headline:
        shapes.append("an exclamation mark")
    quoted = _quote(words, 2)
    return ", ".join(([quoted] if quoted else []) + shapes)


_SPEECH = re.compile(r"\b(?:said|says|told|added|wrote|according to|described|called)\b", re.I)


def _inside_a_quotation(clean: CleanArticle, e) -> bool:
    """The evidence lies inside a quotation of its sentence: a speaker's "devastating", not the writer's."""
    if e.sentence is None or not 0 <= e.sentence < len(clean.sentences) or e.start is None:
        return False
    sentence = clean.sentences[e.sentence]
    at = e.start - sentence.start
    if any(m.start() < at < m.end() for m in QUOTED_SPAN.finditer(sentence.text)):
        return True
    # a quotation that runs over several sentences: whether it is still open where the word stands
    quoting = False
    for before in clean.sentences[: e.sentence]:
        quoting = _ends_inside_quote(before.text, quoting)
    return _ends_inside_quote(sentence.text[:at], quoting)


def _spoken(clean: CleanArticle, index: int) -> bool:
    """The sentence reports someone's words: a word it quotes ("he was “happy” and “overwhelmed”, she said")
    is theirs, not the writer's insinuation."""
    return 0 <= index < len(clean.sentences) and bool(_SPEECH.search(clean.sentences[index].text))


def _quoted_in(clean: CleanArticle, index: int, text: str) -> bool:
    """``text`` stands in quotation marks in its sentence: a title or a quoted phrase, not the writer's shouting."""
    if not 0 <= index < len(clean.sentences) or len(text.split()) < 2:
        return False
    return bool(re.search(r"[\"“‘']" + re.escape(text.strip("\"“”'‘’ ")) + r"[\"”’']", clean.sentences[index].text))


def _placement_clause(scores: Scores) -> str:
    """The closing placement, worded so that it agrees with the hype level just stated: the placement
    compares hype with impact, so a low hype can still outweigh a lower impact, and an extreme one can
    be matched by its stakes."""
    placement, level, impact, hype = scores.placement, scores.hype_level, scores.impact, scores.hype
    if placement == "more noise than substance" and level == "low":
        return f"even so, that little hype is more than the substance behind it (impact {impact}/10)"
    if placement == "coverage is proportionate to the substance" and level in {"high", "extreme"}:
        return f"in all, the stakes (impact {impact}/10) roughly match the loud telling"
    if placement == "substance outweighs the noise" and level in {"high", "extreme"}:
        return f"in all, loud as it is, the telling is outweighed by the stakes (impact {impact}/10)"
    return f"in all, {placement} (impact {impact}/10 against hype {hype}/10)" if level != "low" else \
        f"in all, {placement}"


#: A title (film, book, show, programme) or a name in title case is not shouting.
_TITLE_WORDS = {"of", "the", "and", "a", "an", "in", "on", "to", "for"}


def _is_title(text: str) -> bool:
    words = text.strip("\"“”'‘’ ()").split()
    return len(words) >= 2 and all(w[:1].isupper() or w.lower() in _TITLE_WORDS for w in words) \
        and not text.strip("\"“”'‘’ ()").isupper()


def _quoted_name(text: str) -> bool:
    """A capitalised word or title in quotation marks ("'Taradise'", a reality show's name) names something; it is
    no scare quote, whatever the framing signal counted."""
    inner = text.strip("\"“”'‘’ ")
    return text[:1] in "\"“‘'" and inner[:1].isupper() and len(inner.split()) <= 4


def _is_acronym(text: str) -> bool:
    """An acronym or ticker ("NYSE", "USGS", "INTC"), not shouting."""
    bare = text.strip("\"“”'‘’ ()$")
    # one capitalised word is an acronym, a ticker, a brand ("SEACOM") or a stamp ("UPDATED"); shouting is a run
    return bare.isupper() and " " not in bare and len(bare.replace(".", "")) <= 9


#: Where a long development can end: before a second clause (", but ...", "; ..."), or before a
#: trailing attribution (", insists Gerard Pique", ", authorities said").
_CLAUSE_END = re.compile(r", but |; |, (?:insists|insisted|says|said|claims|claimed|according to|warns|"
                         r"warned|added)\b[^,]*$|, [A-Z][\w.'’ -]{2,40} (?:insists|insisted|says|said|claims|warns)$")
#: A development longer than this is cut to its main clause: the card's headline already gives it whole.
DEVELOPMENT_WORDS = 30


#: A stamp after a title: "UN consults Turkmenistan on electoral processes 2 October 2013, 15:39 (GMT+05:00)".
_TRAILING_STAMP = re.compile(r"(?<! on)(?<! in)(?<! at)(?<! by)(?<! since)(?<! until)(?<! from)"
                             r"\s+(?:\d{1,2} [A-Z][a-z]+ (?:19|20)\d\d|[A-Z][a-z]+ \d{1,2},? (?:19|20)\d\d)"
                             r",?\s*\d{1,2}\s?:\s?\d{2}(?:\s*\([^)]*\))?\s*$")


#: A long development's fronted clause, background to the news: "Even as Oscar organizers on Friday unveiled Hugh
#: Jackman as the host ..., the prospect of a U.S. actors strike was casting a long shadow ..." (prose11).
#: A participle opens one only before its object ("Striking another blow"): "Boeing said ..." is a subject.
_FRONTED = re.compile(r"(?:(?:After|Even as|While|Although|Though|Despite|Amid|Following)\s"
                      r"|[A-Z][a-z]+ing\s(?=(?:a|an|the|another|his|her|their|its|up|out|off)\s))"
                      r"[^,;:]{8,160}?,\s(?=(?:[Aa]n?|[Tt]he|[A-Z][a-z]+)\s)")


def _without_fronted_clause(development: str) -> str:
    """``development`` without a fronted clause, when what follows is a whole statement (8 words or more)."""
    m = _FRONTED.match(development)
    rest = development[m.end():] if m else ""
    head = development[: m.end()] if m else ""
    if not m or len(rest.split()) < 8 or head.count('"') % 2 or head.count("“") != head.count("”"):
        return development
    return rest[:1].upper() + rest[1:]


def _main_clause(development: str) -> str:
    """The development, a long one cut to its first whole clause (at least 8 words): "Spain's 2-0 defeat by
    Holland on Tuesday brought back bitter memories of their disastrous 2014 World Cup, but coach ... insists
    Gerard Pique" (40 words) is told as its first clause."""
    development = _TRAILING_STAMP.sub("", development) or development
    if len(development.split()) <= DEVELOPMENT_WORDS or development.count("“") != development.count("”") \
            or development.count('"') % 2:
        return development
    development = _without_fronted_clause(development)
    if len(development.split()) <= DEVELOPMENT_WORDS:
        return development
    for m in _CLAUSE_END.finditer(development):
        head = development[: m.start()].rstrip(" ,")
        if "not only" in head.lower():
            break  # "not only repulsed an attack ..., but nabbed 23 pirates": the second half is the news
        if len(head.split()) >= 8 and head.count('"') % 2 == 0 and head.count("“") == head.count("”") \
                and head.count("(") == head.count(")"):
            return head
    return development


def analyze_prose(clean: CleanArticle, signals: list[Signal], scores: Scores, development: str,
                  opinion: bool | None = None, told_as_article: bool | None = None) -> str:
    """Three sentences: what happened and what kind of event it is; why the impact score is what
    it is, against the rubric's bands; why the hype score is what it is. ``told_as_article``: the card tells
    the page's claims as the article's (voice.attributed, as the summary decided it)."""
    opinion = is_opinion(clean) if opinion is None else opinion
    development = _main_clause(development)
    kind = _event_kind(clean, development, opinion)
    key = development
    if attributed(clean, scores, opinion) if told_as_article is None else told_as_article:
        # a partisan or opinion article's claim is the article's, not the card's
        if kind and kind != "opinion piece":  # the kind is the card's reading, the claim the article's
            kind_first = f"{_article_for(kind).capitalize()} {kind}; the article says: {development}"
            first = _pick((f"The article claims: {development} ({kind})", kind_first,
                           f"The article argues: {development}"), key)
        else:
            first = _pick((f"The article claims: {development}", attribute(development),
                           f"The {'opinion piece' if kind == 'opinion piece' else 'article'} argues: {development}"),
                          key)
    elif kind:
        first = _pick((f"The development: {development} ({kind})",
                       f"What happened: {development}, {_article_for(kind)} {kind}",
                       f"At its core this is {_article_for(kind)} {kind}: {development}"), key)
    else:
        first = _pick((f"The development: {development}", f"What happened: {development}",
                       f"The report's core: {development}"), key)
    first = first.rstrip(".") + ("" if first.rstrip(".").endswith(("?", "!")) else ".")
    return " ".join([first, _impact_sentence(clean, signals, scores, kind, key),
                     _hype_sentence(signals, scores, clean, key)])
