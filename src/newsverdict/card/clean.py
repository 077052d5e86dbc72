"""Clean stage: normalise text, drop boilerplate and repeated paragraphs, split sentences."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from newsverdict.card.text import STOPWORDS, guess_language, jaccard, normalize, shingles, split_sentences, words
from newsverdict.errors import InputError
from newsverdict.models import Article, CleanArticle, Sentence

#: Fewer words than this cannot be judged: the signals need some text to measure.
MIN_WORDS = 40
#: Two paragraphs whose word-trigram sets overlap this much are the same paragraph
#: (scraped pages repeat blocks with small edits: a changed date, a dropped word).
NEAR_DUPLICATE_JACCARD = 0.8

_BOILERPLATE = re.compile(
    r"^(advertisement|advert|sponsored( content)?|share (this|on)\b.*|click here\b.*|"
    r"read more\b.*|related( articles| stories)?:?.*|subscribe\b.*|sign up\b.*|"
    r"follow us\b.*|all rights reserved.*|©.*|copyright \d{4}.*|"
    r"(we|this site) use[s]? cookies.*|accept (all )?cookies.*|skip to (main )?content|"
    r"image (source|copyright|caption).*|media playback is (not supported|unsupported).*|"
    r"getty images|photo:.*|listen to (this|the) (article|story).*|"
    r"(facebook|twitter|linkedin|whatsapp|email|print)( \| (facebook|twitter|linkedin|whatsapp|email|print))*)$",
    re.I,
)
#: Boilerplate that scrapers glue to the start of the first real paragraph.
_BOILERPLATE_PREFIX = re.compile(
    r"^(media playback is (not supported|unsupported) on (this|your) device|image copyright \S+( \S+)?|"
    r"advertisement)\s*", re.I
)
#: Page furniture that scrapers leave inside the text, removed wherever it stands (in a line of
#: its own or run into a sentence): share bars, "(CNN)" and wire datelines, Daily Mail bylines
#: and stamps, "Scroll down for video", photo credits. Shapes taken from CNN/Daily Mail (FRANK),
#: BBC (XSum), PTC and the extraction pages (docs/prose.md).
_INLINE_FURNITURE = re.compile(
    r"Share (?:this|the article|on)\s?with\s?(?:Email|Facebook|Twitter|Pinterest|WhatsApp|Whatsapp|Linkedin|"
    r"LinkedIn|Messenger|Copy this link|Reddit|\s)+"
    r"|^\s*(?:By\s+\.?\s*)?[A-Z][\w.'’\- ]{0,60}?\s+\.\s+(?=PUBLISHED\b)"  # "By . Daily Mail Reporter . "
    r"|\b(?:PUBLISHED|UPDATED|POSTED|Published|Updated|Last updated|Posted)\s*:?\s*\.?\s*(?:on\s+)?"
    r"(?:\d{1,2}\s?:\s?\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?|EST|EDT|GMT|BST|ET)?\s*,?\s*)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}\s?[:.]\s?\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:EST|EDT|GMT|BST|ET|IST|UTC)?)?\s*(?:\.\s*\|?\s*\.?\s*)?"
    r"|\b(?:Updated|Published)\s+\d{1,2}\s?:\s?\d{2}\s*(?:[ap]\.?\s?m\.?)\s*(?:ET|EST|GMT|BST)?\s*"
    # a bare stamp with a time and a zone: "July 25, 2005, 12: 18 AM ET", "November 11, 2011 20: 09 IST"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4},? "
    r"\d{1,2}\s?:\s?\d{2}"
    r"\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:ET|EST|EDT|GMT|BST|IST|UTC|PT|PST|CT)\b\s*"
    r"|^\s*\((?:CNN|AP|AFP|Reuters|CNN Money|EW\.com|The Hollywood Reporter|Mashable|Bloomberg|Variety)\)"
    r"\s*(?:[-—–]+\s*)?"
    # a wire dateline, with its date: "BUDAPEST, Feb 18 (Reuters) - ", "NEW YORK (AP) — "
    r"|^\s*[A-Z][A-Za-z0-9 .,'’]{1,40}\s?\((?:CNN|AP|AFP|Reuters|UPI|Bloomberg|dpa|Xinhua)\)\s*(?:[-—–]+\s*)?"
    r"|^\s*[A-Z]{3,}(?:[ ,]+[A-Z]{2,}\.?)*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}|,\s[A-Z][a-z]{1,5}\.)?\s+[-—–]+\s+"
    r"(?=[A-Z])"  # "WASHINGTON — ", "KALAMAZOO, Mich. – "
    # a place in capitals and any outlet's name in brackets: "LAS VEGAS (INTELLIHUB) — "
    # (and with its state: "TRAVIS AIR FORCE BASE, Calif. (KGO) — ")
    r"|^\s*[A-Z]{3,}(?:[ ,]+[A-Z]{2,}\.?)*(?:,\s[A-Z][a-z]{1,5}\.)?\s?\([A-Z][A-Za-z.]{1,20}\)\s*[-—–]+\s*(?=[A-Z])"
    r"|\s*Scroll down for (?:video|more|the latest)[.:]?\s*"
    r"|\s*Can['’]t render,? error\b\s*"  # a chart widget that failed on the page: "Can't render, error In other words"
    r"|^\s*Story highlights\b.{0,600}?\(CNN\)\s*(?:[-—–]+\s*)?"  # CNN's bullet box before the dateline
    r"|^\s*\d{1,2}\s?:\s?\d{2}\s?(?:[ap]\.?\s?m\.?)\s*:\s*"  # a live blog's "8: 24am: "
    r"|\b(?:UPDATED|Updated|Posted|POSTED)\s+\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{2,4}"
    r"(?:\s+at\s+\d{1,2}\s?:\s?\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:EDT|EST|ET|GMT|BST|UTC)?)?\s*"
    # a date-and-time stamp with an abbreviated weekday or a dash before the time, in any zone:
    # "Updated Thu 6 May 2010, 9: 03am AEST", "Jan 5, 2011 – 4: 35 PM", "Sat Nov 12 2011, 01: 19 hrs"
    r"|\b(?:(?:Updated|Published|Posted)\s+)?(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})"
    r"\s*(?:[-–—,]\s*)?(?:at\s+)?\d{1,2}\s?[:.]\s?\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*"
    r"(?:hrs|AEST|AEDT|[A-Z]{1,3}T|GMT|BST|UTC)?\b\s*(?=[A-Z\"“])"
    r"|\s*Media playback is (?:not supported|unsupported) on (?:this|your) device\s*"
    # a deck's label, not a caption's: "... October 11, 2011 Summary: MWEB has managed to restore 83% ..."
    r"|(?<![\w,;:])Summary:\s+(?=[A-Z])"
    # the BBC's local-news link, glued to the next sentence: "Updates on this story and more from LeicestershireThree"
    r"|\s*Updates on this story and more from (?:the )?[A-Z][a-z'’-]+(?:(?: and| of the| of) [A-Z][a-z'’-]+)*\s*"
    # a share counter: "2.3k SHARES Facebook Twitter"
    r"|\b\d+(?:\.\d+)?[kKmM]? SHARES(?:\s+(?:Facebook|Twitter|Share|Tweet|Email|Pinterest))*\s*"
    r"|©\s*(?:\d{4}\s*)?(?:Provided by\s+)?(?:Getty Images|Getty|AP|AFP|Reuters|EPA|PA|Rex Features|Rex|"
    r"Shutterstock|Alamy|Al Jazeera|Splash News|Corbis|Deutsche Presse-Agentur GmbH(?: \([^)]*\))?)\s*"
    # photo credits left in a row where the pictures were: "... a 911 hangup call. Reuters Reuters In the following ..."
    r"|(?<=[.!?”\"] )(?:(?:Reuters|AP|AFP|EPA|Getty Images|Getty|Shutterstock)\s+){2,}(?=[A-Z])",
    re.M,
)
#: Sentences that are furniture, not reporting: photo captions ("Down: RBS reported ...",
#: "Ramsey, pictured, ..."), "Read more" teasers, poll widgets, bylines, credits, and link
#: titles cut off with an ellipsis. A caption label is a few words before a colon that is not
#: a speech verb's ("He said: ...").
_CAPTION_LABEL = re.compile(r"^[\"'‘“]?[A-Z][\w'’\-]*(?: [\w'’\-&]+){0,3}:\s+[\"'‘“]?[A-Za-z0-9]")
_SPEECH = re.compile(r"\b(?:said|says|told|added|asked|wrote|explained|warned|tweeted|stated|insisted|"
                     r"according|claimed|revealed|commented|announced|replied|declared|reads|read)\b", re.I)
_CAPTION_MARK = re.compile(
    r"\((?:pictured|left|right|centre|center|above|below|top|bottom|inset|file photo)(?:[ ,][^)]{0,30})?\)"
    r"|,\s(?:pictured|left|right|centre|center|above|below)(?: [a-z]+){0,3},"
    r"|\bpictured\b|\bcaption\b|\bphoto(?:graph)?:\s|\bimage (?:copyright|caption|source)\b"
    r"|\b(?:Photo|Picture|Image)s?(?: credit)?:\s|\bGetty Images\b",
    re.I,
)
_FURNITURE_SENTENCE = re.compile(
    r"^(?:Read more\b|READ MORE\b|Read [A-Z][\w'’]+(?: [\w'’]+){0,2}'s (?:analysis|story|full|report)|"
    r"Click (?:here|to)\b|Scroll down\b|Watch the video\b|Watch:|Video:|WATCH:|RELATED:|Related:|"
    r"Follow (?:us|@|[A-Z][\w]+ on)\b|Sign up\b|Subscribe\b|Like us on\b|Share (?:this|on)\b|"
    r"Take our poll\b|Vote:|Poll:|Email \* |Email This\b|This field is for validation|"
    r"Story continues below|Advertisement\b|Please (?:help )?support us\b|For all the latest\b|"
    r".{0,40}\bcheck out our\b|"
    r".{0,40}\bcheck out\b.{0,80}\bhere\b|"
    r"(?:By|Written by|Reporting by|Editing by)\s+[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3}"
    r"\s*(?:$|[|,]|\.\s*$)|Copyright\b|All rights reserved|Originally published\b|"
    r"This (?:article|story) (?:was|first) (?:originally )?(?:published|appeared)\b)",
)
_POLL_WIDGET = re.compile(r"(?:\btake our poll\b|\bstory continues below\b|\bthis field is for validation\b|"
                          r"\bvote (?:now|here)\b|\* Yes\b|\* No\b|\bview results\b|\bcompleting this poll\b|"
                          r"\bgrants you access to\b|\byou may opt out\b|\bexercise your right to vote\b|"
                          r"\bagree to (?:this|our) site's privacy policy\b)", re.I)


#: An author's plug at the foot of a column: "his books ... are available from Amazon.com".
_PROMOTION = re.compile(r"\b(?:are|is) available (?:from|at|on) Amazon\b|\bneeds no introduction to\b", re.I)


def strip_inline_furniture(paragraph: str) -> tuple[str, int]:
    """``paragraph`` without the furniture run into it, and how many pieces were removed."""
    removed = 0
    title_end = 0

    def drop(match: re.Match) -> str:
        nonlocal removed, title_end
        removed += 1
        head = paragraph[: match.start()]
        if (match.group().lstrip()[:1] in "PULJFMASONDTW" and head.strip() and not title_end
                and not re.search(r"[.!?]", head) and len(head.split()) <= 20):
            title_end = match.start()  # a title line run into its stamp and the lead: the title goes too
        # keep a space where the furniture stood between two words
        return " " if match.start() > 0 and match.end() < len(paragraph) else ""

    text = _INLINE_FURNITURE.sub(drop, paragraph)
    if title_end:
        text = text[title_end:]
        removed += 1
    return re.sub(r" {2,}", " ", text).strip(), removed


@lru_cache(maxsize=4096)  # the clean and prose stages ask about the same sentences several times
def is_furniture_sentence(sentence: str) -> bool:
    """A caption, teaser, widget or credit rather than a sentence of the report."""
    text = sentence.strip()
    if _FURNITURE_SENTENCE.match(text) or _POLL_WIDGET.search(text):
        return True
    if text.endswith(("…", "...")) and not re.search(r"[.!?][\"'”’]?\s*(?:…|\.\.\.)$", text):
        return True  # a link title cut off by the page: "...over free speech issues…"
    if _PROMOTION.search(text):
        return True
    label = _CAPTION_LABEL.match(text)
    if label and not _SPEECH.search(text[: label.end()]):
        return True
    return bool(_CAPTION_MARK.search(text))


#: Only short paragraphs can be boilerplate lines; a long one that starts like one is an article.
_BOILERPLATE_MAX_WORDS = 12


def split_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs when the text has them; else every line is one."""
    text = text.strip()
    if re.search(r"\n\s*\n", text):
        blocks = re.split(r"\n\s*\n", text)
        paras = [" ".join(line.strip() for line in b.split("\n") if line.strip()) for b in blocks]
    else:
        paras = [line.strip() for line in text.split("\n")]
    return [re.sub(r" {2,}", " ", p).strip() for p in paras if p.strip()]


def strip_markdown(paragraph: str) -> str:
    paragraph = re.sub(r"^#{1,6}\s+", "", paragraph)
    paragraph = re.sub(r"^[*\-+]\s+", "", paragraph)
    # No "[" inside the brackets and no "(" inside the parentheses: a run of "[[[[" or "((((" is then
    # scanned once, not once from every bracket (which was quadratic).
    paragraph = re.sub(r"!\[([^\[\]]*)\]\([^()]*\)", r"\1", paragraph)
    paragraph = re.sub(r"\[([^\[\]]+)\]\([^()]*\)", r"\1", paragraph)
    return re.sub(r"(\*\*|__|`)", "", paragraph).strip()


class _NearDuplicateIndex:
    """Finds a kept paragraph whose shingle set has Jaccard >= ``threshold`` with a new one.

    Prefix filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007):
    with every set sorted in one global order, two sets with Jaccard >= t share at least
    one of their first ``len - ceil(t * len) + 1`` shingles, so only those are indexed and
    looked up, and only the few candidates found are compared in full. The answer is the
    same as comparing every pair; the cost is near-linear instead of quadratic (8,000
    paragraphs: 26 s before).
    """

    def __init__(self, threshold: float, all_sets: list[set]) -> None:
        self.threshold = threshold
        self.postings: dict[tuple[str, ...], list[int]] = {}
        self.kept: list[set] = []
        # rarest shingles first, so that the prefixes hold rare ones and postings stay short
        self.frequency: Counter[tuple[str, ...]] = Counter(g for sh in all_sets for g in sh)

    def _prefix(self, sh: set) -> list[tuple[str, ...]]:
        ordered = sorted(sh, key=lambda g: (self.frequency[g], g))
        return ordered[: len(ordered) - math.ceil(self.threshold * len(ordered)) + 1]

    def seen(self, sh: set) -> bool:
        if not self.kept:
            return False
        low, high = self.threshold * len(sh), len(sh) / self.threshold
        checked: set[int] = set()
        for gram in self._prefix(sh):
            for i in self.postings.get(gram, ()):
                if i in checked:
                    continue
                checked.add(i)
                other = self.kept[i]
                if low <= len(other) <= high and jaccard(sh, other) >= self.threshold:
                    return True
        return False

    def add(self, sh: set) -> None:
        self.kept.append(sh)
        for gram in self._prefix(sh):
            self.postings.setdefault(gram, []).append(len(self.kept) - 1)


def _without_furniture(para: str) -> tuple[str, int]:
    """A paragraph with inline furniture and furniture sentences removed, and how many went."""
    para, removed = strip_inline_furniture(para)
    if not para:
        return "", removed
    spans = split_sentences(para)
    kept = []
    in_widget = False
    for a, b in spans:
        sentence = para[a:b]
        if is_furniture_sentence(sentence):
            in_widget = in_widget or bool(_POLL_WIDGET.search(sentence))
            continue
        if in_widget and len(sentence.split()) <= _WIDGET_LINE_WORDS:
            continue  # a poll's question and answers: "No, he will not be confirmed."
        in_widget = False
        kept.append(sentence)
    if len(kept) == len(spans):
        return para, removed
    return " ".join(kept), removed + len(spans) - len(kept)


def _is_furniture_line(para: str) -> bool:
    """A short line that is page furniture: a stamp, byline, share bar, credit, widget or link title."""
    if len(para.split()) <= _BOILERPLATE_MAX_WORDS and _BOILERPLATE.match(para):
        return True
    # the word count first: a long paragraph is never furniture, and its pattern scans were ~40 % of the
    # furniture checks' CPU on the batch corpus
    return len(para.split()) <= 40 and is_furniture_sentence(para)


_STAMP_WORDS = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)?|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|last|updated|published|posted|at|on|am|pm|a|p|m|"
    r"gmt|bst|est|edt|et|utc)\b|\d{1,2}:\d{2}(?:[ap]\.?m\.?)?\b|[\d:,.|/@-]+",
    re.I,
)


#: A title run into the lead with no punctuation: "Saints place Bush on IR The New Orleans Saints have ..."
#: (corpus lines and some pages). A capitalised article after a word that is not a preposition or an
#: article, within the first words of the text, is where the lead starts.
_GLUED_TITLE_END = re.compile(r"^(?P<title>(?:[^.!?\n]|(?<=\d)\.(?=\d)){6,160}?[\w'’\")]) (?=(?:The|A|An) \w)")
_NOT_TITLE_END = {"of", "in", "to", "by", "at", "on", "for", "with", "and", "or", "the", "a", "an", "from", "into",
                  "as", "is", "was", "are", "were", "said", "says", "told", "that", "visit", "called", "named"}
#: A bare date (with an optional time) between a title and its lead: "... heavyweight belts July 08, 2012
#: Wladimir Klitschko stopped ...", "... unapproved rehab 12:52 p.m. EDT May 2, 2013 She checked in today."
_MONTH = r"(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?i:[a-z]*)\.?"
_WEEKDAY = r"(?i:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?i:[a-z]*),?"
_TIME = r"\d{1,2}\s?:\s?\d{2}(?:\s?:\s?\d{2})?\s*(?:[apAP]\.?\s?[mM]\.?)?(?:\s*[A-Z]{2,4}\b){0,2}"
_GLUED_DATE = re.compile(
    rf"(?:(?:Last updated|Updated|Published|Posted)(?: at| on)?:?\s+)?(?:{_TIME},?\s*)?"
    rf"(?:{_WEEKDAY}\s+)?(?:{_TIME}\s*)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,|-)?\s*\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    rf"|\d{{1,2}}\s?/\s?\d{{1,2}}\s?/\s?\d{{2,4}})"
    rf"(?:,?\s*(?:at\s+)?{_TIME})?\s+(?=[A-Z\"“])"
    rf"|\b\d{{1,2}}\s?:\s?\d{{2}}\s*[apAP]\.?\s?[mM]\.?(?:\s*[A-Z]{{2,4}}\b)?\s+(?=[A-Z\"“])")
#: Words that open a lead sentence after a title, besides "The/A/An": counts, and a word of the title
#: ("Athens vigil ends in violence Violence reignited ...", "France hit by another jewellery heist Four men ...").
_LEAD_OPENERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
                 "hundreds", "thousands"}
_MASTHEAD = re.compile(r"\bFOR IMMEDIATE RELEASE\b|\bOffice of the Press Secretary\b", re.I)
_LEADING_STAMP = re.compile(rf"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
                            rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}),?\s*(?:{_TIME})?\s+(?=[A-Z0-9\"“])")


def _title_head(head: str) -> bool:
    """Can ``head`` be a title run into the text after it: a few words, no sentence end, no dangling last word?"""
    words = head.split()
    return (2 <= len(words) <= 20 and not re.search(r"[.!?](?!\d)", head)
            and words[-1].lower().strip("\"'’,") not in _NOT_TITLE_END and not head.rstrip().endswith(",")
            and not _CLAUSE_CUT.search(head))


#: A head that ends one lower-case word after a comma is a sentence cut inside its clause, not a title: "Three more
#: political parties have vowed to teach lifesaving skills in schools, backing" + "The Mail on Sunday's campaign".
_CLAUSE_CUT = re.compile(r",\s+[a-z][\w'’-]*$")


def _glued_lead_start(paragraph: str) -> int:
    """Where the lead starts after a title glued to it with no date between (0: no title found)."""
    first = re.split(r"(?<!\d)[.!?](?!\d)", paragraph, maxsplit=1)[0]
    words = list(re.finditer(r"\S+", first))
    if len(words) < 12:
        return 0
    seen: set[str] = set()  # the head's lower-case words: "violence" before "Violence reignited ..."
    opener = words[0].group().strip("\"'“”‘’,:;()")
    for i, w in enumerate(words[:20]):
        word = w.group().strip("\"'“”‘’,:;()")
        # the title's first word opening the lead ("Germans now think of themselves as the victims of Hitler
        # and his Nazi Regime Germans no longer see ..."), before a lower-case word
        again = (word == opener and len(word) > 2 and word.lower() not in STOPWORDS and i + 1 < len(words)
                 and words[i + 1].group()[:1].islower() and words[i - 1].group().lower() not in _NOT_TITLE_END)
        if i >= 3 and word[:1].isupper() and (word.lower() in _LEAD_OPENERS or word.lower() in seen or again):
            head = paragraph[: w.start()].strip()
            rest = paragraph[w.start():]
            lead = re.split(r"(?<!\d)[.!?](?!\d)", rest, maxsplit=1)[0]
            # a repeated name opens the lead only after a lower-case word ("... in violence Violence"), not
            # inside a run of names ("W. Mark Felt")
            after_lower = not words[i - 1].group()[:1].isupper()
            if (_title_head(head) and len(lead.split()) >= 8
                    and (word.lower() in _LEAD_OPENERS or after_lower or again)):
                return w.start()
        if word.islower() or (word.isupper() and len(word) >= 3 and i):
            seen.add(word.lower())  # "... on SEACOM downtime SEACOM downtime has local ISPs ..."
    return 0


def _is_title_line(paragraph: str) -> bool:
    """A paragraph that is a headline: a few words, no sentence end ("The Pope Is Now Openly Attacking ...")."""
    text = paragraph.strip()
    return (3 <= len(text.split()) <= 20 and not re.search(r"[.!?…][\"'”’)]*$", text)
            and not _is_furniture_line(text))


def lead_title(paragraph: str) -> tuple[str, str]:
    """(title, rest) when the paragraph opens with a title run into its stamp or its lead; else ("", paragraph)."""
    stamp = _INLINE_FURNITURE.search(paragraph[:400])  # a title and its stamp open the text
    if stamp and stamp.start() > 0 and stamp.group().lstrip()[:1] in "PULJFMASONDTW":
        head = paragraph[: stamp.start()].strip()
        if head and not re.search(r"[.!?]", head) and len(head.split()) <= 20:
            return head, paragraph[stamp.start():]
    leading = _LEADING_STAMP.match(paragraph)  # "November 28th, 2005, 09:11 GMT 5.9 Earthquake Jolts Iran A 5.9 ..."
    body = paragraph[leading.end():] if leading else paragraph
    date = _GLUED_DATE.search(body[:300])
    if date and date.start() > 0 and _title_head(body[: date.start()].strip()):
        head = body[: date.start()].strip()
        if _MASTHEAD.search(head):  # a press release's masthead, not its title: look after the date
            return lead_title(body[date.end():])
        deck = _glued_lead_start(head)  # "Seacom restored via alternative routes Seacom announced that it ..."
        return (head[:deck].strip() if deck else head), body[date.end():]
    match = _GLUED_TITLE_END.match(body)
    if match:
        title = match.group("title").strip()
        words = title.split()
        rest = body[match.end():]
        first_sentence = re.split(r"(?<!\d)[.!?](?!\d)", rest, maxsplit=1)[0]
        if (2 <= len(words) <= 15 and words[-1].lower().strip("\"'’") not in _NOT_TITLE_END
                and len(first_sentence.split()) >= 8 and not _CLAUSE_CUT.search(title)):
            return title, rest
    start = _glued_lead_start(body)
    if start:
        return body[:start].strip(), body[start:]
    run_in = _RUN_IN.search(body, 0, 200)  # "A programmer has created these graphs ... through history They show ..."
    if run_in and len(body[: run_in.end()].split()) >= 5 and _title_head(body[: run_in.end()].strip()):
        rest = body[run_in.end():]
        if len(re.split(r"(?<!\d)[.!?](?!\d)", rest, maxsplit=1)[0].split()) >= 6:
            return body[: run_in.end()].strip(), rest
    return "", paragraph


def _without_repeated_title(paragraph: str, title: str) -> str:
    """The first paragraph without the title that the page repeats at its head ("Pope admits ... abuse
    VATICAN CITY — Pope Francis on Monday ...")."""
    head = normalize(title).strip()
    if len(head.split()) >= 3 and paragraph.startswith(head) and paragraph[len(head):len(head) + 1] in " \n":
        rest = paragraph[len(head):].lstrip()
        return rest if len(rest.split()) >= 5 else paragraph
    return paragraph


#: A date stamp (a month, a day and a year), and a "|" after it, at the end of a title.
_TRAILING_STAMP = re.compile(rf"\s+(?:{_WEEKDAY}\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}"
                             rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})(?:,?\s*{_TIME})?[\s|]*$")


def clean_title(title: str) -> str:
    """The title without furniture; empty when the whole title is furniture (a stamp, a share bar)."""
    title, _ = strip_inline_furniture(normalize(title).strip())
    words = title.split()
    lead = 0
    while lead < len(words) and _STAMP_WORDS.fullmatch(words[lead].lower()):
        lead += 1
    stamp = words[:lead]
    # a stamp has a date or a time, not just a number: "3 dead after protesters torch Greek bank" keeps its 3
    if lead < len(words) and any(re.search(r"\d", w) for w in stamp) and (
            len(stamp) >= 2 or any(re.search(r"\d[:.]\d\d|[a-z]", w, re.I) for w in stamp)):
        title = " ".join(words[lead:])  # "May 2, 2013, 1: 12 PM Lawyer: Lindsay Lohan checks into rehab"
    title = _TRAILING_STAMP.sub("", title).rstrip(" |:")  # "Ellen DeGeneres To Host Oscars AUGUST 2, 2013 |"
    if not title or _is_furniture_line(title) or not re.search(r"[A-Za-z]{2}", title):
        return ""
    if title.endswith(("…", "...")):
        return ""  # a teaser cut by the page: the lead says more
    if re.match(r"(?:Oh|Ah|Wow|Well),\s", title):
        return ""  # the writer's aside in a blog's first line: "Oh, it's been so long since we were on the rehab beat!"
    if len(_STAMP_WORDS.sub(" ", title).split()) < 2:
        return ""  # a date or time stamp where the title should be: "16 September 2013 Last updated at 12: 42 GMT"
    return title


#: After a poll widget's furniture, lines this short are its questions and answers, not the article.
_WIDGET_LINE_WORDS = 15


def _candidate_paragraphs(article: Article) -> tuple[list[str], str, int, int]:
    """Paragraphs without markup, furniture and exact repeats: (paragraphs, title found in the lead,
    repeats dropped, boilerplate dropped)."""
    candidates: list[str] = []
    seen_exact: set[str] = set()
    repeats = boilerplate = 0
    found_title = ""
    in_widget = False
    paragraphs = split_paragraphs(normalize(article.text))
    for index, raw in enumerate(paragraphs):
        para = strip_markdown(raw)
        if not para:
            continue
        if not candidates and not found_title and not clean_title(article.title):
            # no title, or one that is furniture ("Shock!"): the text's first line may be the real one
            found_title, para = lead_title(para)
            if not found_title and index < len(paragraphs) - 1 and _is_title_line(para):
                found_title, para = para, ""
                continue
        elif not candidates and article.title.strip():
            para = _without_repeated_title(para, article.title)
        stripped = _BOILERPLATE_PREFIX.sub("", para)
        if stripped != para:
            boilerplate += 1
            para = stripped
            if not para:
                continue
        if _is_furniture_line(para):
            boilerplate += 1
            in_widget = in_widget or bool(_POLL_WIDGET.search(para))
            continue
        if in_widget and len(para.split()) <= _WIDGET_LINE_WORDS:
            boilerplate += 1  # a poll's question and answers: "No, he will not be confirmed."
            continue
        in_widget = False
        para, removed = _without_furniture(para)
        boilerplate += removed
        if not para:
            continue
        key = re.sub(r"\W+", " ", para.lower()).strip()
        if key in seen_exact:
            repeats += 1
            continue
        seen_exact.add(key)
        candidates.append(para)
    return candidates, found_title, repeats, boilerplate


def _without_near_duplicates(candidates: list[str]) -> tuple[list[str], int]:
    """The paragraphs that do not repeat an earlier one nearly word for word, and how many did."""
    shingle_sets = [shingles(p) for p in candidates] if len(candidates) > 1 else [set() for _ in candidates]
    near_duplicates = _NearDuplicateIndex(NEAR_DUPLICATE_JACCARD, shingle_sets)
    kept: list[str] = []
    for para, sh in zip(candidates, shingle_sets, strict=True):
        if len(sh) >= 6 and near_duplicates.seen(sh):
            continue
        kept.append(para)
        near_duplicates.add(sh)
    return kept, len(candidates) - len(kept)


#: A caption or title run into the text with no punctuation: a lower-case word, then a capitalised word that
#: only opens a sentence, then a lower-case word ("... ahead of a second TV debate tonight When questioned on
#: the issue ...", "... to frame her It was a last-minute decision ..."). The new sentence starts at the
#: capital; the caption before it has no full stop, so it is neither summary prose nor a key point.
_RUN_IN = re.compile(r"(?<![A-Za-z-])(?!(?:to|when|that|and|or|of|the|a|an|as|if|so|for|from|in|on|at|by|with|"
                     r"type|plan|vitamin|grade|class|group|category|hepatitis)\b)(?:[a-z][a-z'’]+|\d[\d,.]*[a-z]*) "
                     r"(?=(?:When|The|A|An|He|She|They|It|After|But|And|As|This|His|Her|In|On|At|Mr|Ms|Mrs|Police|"
                     # an infobox's or a caption's next line: "... totaling at 64million Without no change ...",
                     # "... rounded penis compared to other macaques Officially named ..." (issue 9, round 12)
                     r"Without|While|Officially|Currently|Previously|Recently|Meanwhile)"
                     r" [a-z])")


def _run_in_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` split where a caption or title runs into the next sentence."""
    spans = []
    for match in _RUN_IN.finditer(text, start, end):
        cut = match.end()
        if len(text[start:cut].split()) >= 4:  # a caption has a few words at least
            spans.append((start, cut - 1))
            start = cut
    spans.append((start, end))
    return spans


#: A run-in head in the lead is the page's standfirst, not a caption, when it is a whole clause:
#: "A programmer has created these stunning graphs to reveal the dominant colour of artworks through
#: history They show ..." - it gets its full stop.
_LEAD_RUN_IN = 2
_HAS_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|[a-z]{3,}ed)\b")


def _sentences(paragraphs: list[str]) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    offset = 0
    for index, para in enumerate(paragraphs):
        for whole_start, whole_end in split_sentences(para):
            spans = _run_in_spans(para, whole_start, whole_end)
            for k, (start, end) in enumerate(spans):
                text = para[start:end]
                if (k < len(spans) - 1 and len(sentences) < _LEAD_RUN_IN and len(text.split()) >= 8
                        and _HAS_VERB.search(text)):
                    text += "."
                sentences.append(Sentence(text, index, offset + start, offset + end))
        offset += len(para) + 2  # the "\n\n" that joins paragraphs in CleanArticle.text
    return tuple(sentences)


#: A paragraph that goes on with its sentence: a lower-case word first ("have made an offer ..."), not a brand
#: ("iPhone", "eBay").
_CONTINUES = re.compile(r"[a-z]+(?:[ ,]|$)")


def clean(article: Article, *, min_words: int = MIN_WORDS, check_language: bool = True) -> CleanArticle:
    """De-duplicate and split ``article``; raise ``InputError`` if it cannot be judged."""
    origin = article.origin
    candidates, found_title, repeats, boilerplate = _candidate_paragraphs(article)
    kept, near_repeats = _without_near_duplicates(candidates)
    # a found title of one or two words is a label ("Julian Assange"), not a headline
    title = clean_title(article.title) or (clean_title(found_title) if len(found_title.split()) > 2 else "")
    if title and kept and _CONTINUES.match(kept[0]) and not re.search(r"[.!?:;|)\]\"”’']$", title):
        # a first line broken inside its sentence ("Michael Silverman reports that the Red Sox" / "have made an
        # offer ...") was taken for the title: it is the lead's opening words (issue 9, round 8)
        kept = [f"{title} {kept[0]}", *kept[1:]]
        title = ""
    elif title and kept and re.match(r"(?:He|She|They|It)\s[a-z]", title) and re.search(r"[.!][\"”’']?$", title):
        # 'He sings, dances, acts on stage and screen, and he's the "Sexiest Man Alive."': a sentence of the text
        # that leans on the next one, not a title
        kept = [title, *kept]
        title = ""
    body_words = sum(len(words(p)) for p in kept)
    if body_words == 0:
        raise InputError(f"{origin}: text is empty (nothing left after removing boilerplate)")
    if body_words < min_words:
        raise InputError(
            f"{origin}: text too short to judge: {body_words} words, need at least {min_words}"
        )
    language = guess_language(" ".join([title, *kept])) if check_language else "English"
    if language != "English":
        raise InputError(f"{origin}: text appears to be in {language}; only English is scored")
    return CleanArticle(
        article=article,
        title=title,
        paragraphs=tuple(kept),
        sentences=_sentences(kept),
        repeats_dropped=repeats + near_repeats,
        boilerplate_dropped=boilerplate,
        word_count=body_words,
    )
