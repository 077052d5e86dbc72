"""Count the prose defects of the cards of every real article in ../shared/data/dev.

    python -m bench.prose_defects [--data DIR] [--json OUT] [--compare BEFORE.json] [--examples N]

Articles: FRANK (CNN/DM and XSum ``article``), ECB+ (``text``), PTC (``text``), the impact
ratings (``title`` + ``text``) and the extraction benchmark's HTML pages (through the same
HTML reader as the CLI). Each card is checked by rules written here, independent of the
code that writes the card, for the defect classes of issue 9. To compare with the previous
release, run the same command against its code and pass its JSON to ``--compare``:

    PYTHONPATH=/work/main/src .venv/bin/python -m bench.prose_defects --json /tmp/before.json
    .venv/bin/python -m bench.prose_defects --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.datasets import DEFAULT_DATA_DIR, load

_GLUE = re.compile(r"[a-z0-9][.!?][\"”']?[A-Z][a-z]")
_FURNITURE = re.compile(
    r"with\s?Email\s?Facebook|Share this|\(CNN\)|(?-i:\b(?:PUBLISHED|UPDATED)\b)|\b(?:Updated|Published):|"
    r"Scroll down|©|\bRead more\b|READ MORE|Click here|\bBy \. |Daily Mail Reporter|take our poll|"
    r"story continues below|This field is for validation|\(pictured\)|, pictured,|\bpictured\b|"
    r"Image copyright|Getty Images|Follow us|Sign up|Copy this link|Updates on this story|on Instagram at|"
    r"Follow [A-Z]\w+ on (?:Twitter|Facebook)|"
    # a wire dateline: "BUDAPEST, Feb 18 (Reuters) - ", "NEW YORK (AP) — ", "WASHINGTON — "
    r"(?-i:^[A-Z][A-Za-z0-9 .,'’]{1,40}\s?\((?:AP|AFP|Reuters|UPI|Bloomberg)\)\s*[-—–]|"
    r"^[A-Z]{3,}(?:[ ,]+[A-Z]{2,}\.?)*(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s+[-—–]+\s)|"
    r"(?-i:^[A-Z][\w'’-]*(?: [\w'’-]+){0,2}: [A-Z])",  # a caption label: "Down: RBS reported ..."
    re.I | re.M,
)
_CAPTION_LABEL = re.compile(r"^[A-Z][\w'’-]*(?: [\w'’-]+){0,2}: (?=[A-Z])")
_SPEECH = re.compile(r"\b(?:said|says|told|added|asked|wrote|explained|warned|according)\b", re.I)
_DANGLING_OPENERS = {
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their", "him", "them",
    "but", "and", "or", "so", "however", "also", "meanwhile", "still", "yet", "then", "there", "such",
    "both", "another", "instead", "moreover", "furthermore", "which",
}
_REFERS_BACK = re.compile(r"^The (?:move|decision|announcement|comments?|remarks?|latter|former|pair)\b")
_TIMESTAMP = re.compile(r"^\W*\d{1,2}\s?[:.]\s?\d{2}|^\W*(?:Updated|Published|Posted)\b|^\W*\d+\W*$|"
                        r"^\W*\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+,? \d{4}|"
                        r"^\W*[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}|"
                        r"\b(?:GMT|BST|EST|EDT|UTC)\b", re.I)
#: A date stamp or a "|" at the end of a headline: "Ellen DeGeneres To Host Oscars AUGUST 2, 2013 |".
_TRAILING_STAMP = re.compile(r"\|\s*$|(?<!\b(?:on|in|by))(?<!\bsince|\buntil|\bafter) "
                             r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? "
                             r"(?:19|20)\d\d\s*$", re.I)
#: A finite verb; a negated auxiliary ("didn't", "didn’t", "won't") is one too, whichever apostrophe it has.
_VERB = re.compile(r"\b(?:(?:is|are|was|were|has|have|had|would|could|should|must|did|does|do|wo|ca)n[’']t|"
                   r"is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|"
                   r"did|does|do|says?|said|told|came|gave|got|went|made|took|won|lost|saw|ran|hit|put|set|"
                   r"left|led|fell|rose|held|found|began|became|brought|kept|paid|sold|bought|struck|shot|"
                   r"spent|sent|thought|knew|met|stood|told|wrote|drove|ate|flew|grew|threw|wore|beat|"
                   r"[a-z]{2,}(?:ed|es)|[a-z]{3,}s)\b")
_STOP = set("a an the of to in on at for and or but with by from as is was are were be been it its that this "
            "he she they his her their said says".split())


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def _overlap(a: str, b: str) -> float:
    sa, sb = _content(a), _content(b)
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def _balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _is_furniture(text: str) -> bool:
    if _FURNITURE.search(text):
        label = _CAPTION_LABEL.match(text)
        return not (label and _SPEECH.search(label.group()) and not _FURNITURE.search(text[label.end():]))
    return False


#: A title, rank or initial before its name: "Alaska Gov. Sarah Palin", "Rep. Danny Davis", "Regina M. Benjamin",
#: "the U. S. Surgeon General" - a full stop there ends no sentence.
_ABBREVIATION_END = re.compile(r"(?:\b(?:Gov|Rep|Reps|Sen|Dr|Mr|Mrs|Ms|St|Jr|Sr|Gen|Lt|Col|Sgt|Capt|Fr|Rev|Prof|No|Mt|"
                               r"Ft|Gov't|Atty|Det|Supt)|(?<![\w.])[A-Z]|\b(?:[A-Z]\.)+[A-Z])\.$")


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘']?[A-Z])", text.strip()):
        if out and _ABBREVIATION_END.search(out[-1]):
            out[-1] += " " + piece
        elif piece:
            out.append(piece)
    return out


def _strip_attribution(text: str) -> str:
    m = re.match(r"(?:According to the (?:article|piece), |"
                 r"The (?:article|opinion piece|piece) (?:says|claims|argues): )", text)
    if not m:
        return text
    rest = text[m.end():]
    return rest[:1].upper() + rest[1:]


def broken_point(point: str) -> str:
    """Why a key point is not a whole, publishable statement ('' if it is)."""
    # the card's attribution of a partisan page's claim ("According to the article, ...") is not the statement
    text = _strip_attribution(point.strip())
    words = text.split()
    first = re.sub(r"\W", "", words[0]).lower() if words else ""
    if not text:
        return "empty"
    if text.endswith(("…", "...")):
        return "cut with an ellipsis"
    if not re.search(r"[.!][\"”’']?$", text):
        return "no full stop"
    if len(words) > 32:
        return "over 30 words"
    if len(words) < 5:
        return "fragment"
    if not _balanced(text):
        return "unbalanced quotes"
    if text[:1].islower():
        return "starts in lower case"
    if first in _DANGLING_OPENERS or _REFERS_BACK.match(text):
        return "leans on a missing sentence"
    if time_back(text):
        return "a time told from a missing sentence ('Later that year')"
    if late_pronoun(text):
        return "subject pronoun after a fronted phrase, without its referent"
    if not main_verb(text):
        return "no main verb"
    if title_case(text):
        return "a title, not a statement"
    if dangling_object(text):
        return "pronoun or 'all of that' without its referent"
    return ""


#: A time told from another sentence: "Later that year, ...", "The next day ...", "Two weeks later, ..." (round 6).
_TIME_BACK = re.compile(r"^(?:(?:later|earlier) that|(?:that|the next|the following|the same) (?:day|night|morning|"
                        r"afternoon|evening|week|weekend|month|year|time)\b|the day (?:after|before)\b|"
                        r"(?:a|one|two|three|four|five|several|a few|\d+) (?:days?|weeks?|months?|years?|hours?) "
                        r"(?:later\b|after(?:wards?)?,)|(?:days|weeks|months|years|hours|moments) later\b|"
                        r"after(?:wards?)?,|at the time,|by then,|since then,)", re.I)


def time_back(text: str) -> bool:
    return bool(_TIME_BACK.match(text.strip()))


_NOT_A_FIRST_NAME = set("""the a an and but of in on at for to by with from his her their mr mrs ms dr president
    senator sen governor gov mayor judge officer detective sergeant chief captain general coach manager st saint
    new north south east west san los las el la de van von prime deputy rep secretary attorney agent pope king
    queen prince princess duke monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december police""".split())


def surnames_without_antecedent(card: dict, article: str) -> list[str]:
    """Surnames the card uses bare ("Smith didn't return a call.") for a person the article names in full
    ("Jane Smith"), where neither the headline, the summary nor an earlier key point gives the full name."""
    full: dict[str, set[str]] = defaultdict(set)
    for first, last in re.findall(r"\b([A-Z][a-z]+) ([A-Z][a-z]{2,})\b(?! [A-Z])", article):
        if first.lower() not in _NOT_A_FIRST_NAME and last.lower() not in _NOT_A_FIRST_NAME:
            full[last].add(first)
    lower = set(re.findall(r"\b[a-z]+\b", article))
    # one person of that surname, a first name never written in lower case ("Both Weitz" is no name), and the
    # surname used as a person's
    people = {last: f for last, f in full.items()
              if len(f) == 1 and not {x.lower() for x in f} & lower
              and re.search(rf"\b{last}, \d{{1,3}},|\b{last} (?:said|says|told)\b|\b(?:Mr|Ms|Mrs|Dr)\.? {last}\b",
                            article)}
    out = []
    texts = [card["summary"], *card["key_points"]]
    for k, text in enumerate(texts):
        before = " ".join([card["headline"], *texts[:k], text])
        for last, firsts in people.items():
            if any(f"{f} {last}" in before for f in firsts):
                continue
            for m in re.finditer(rf"\b{last}\b(?! [A-Z])", text):
                prev = text[:m.start()].split()[-1:] or [""]
                if not prev[0][:1].isupper():
                    out.append(last)
                    break
    return out


#: A fronted phrase that names no one, then a subject pronoun: "Despite barbed wires and thousands of troops on
#: the border, they have been undeterred." (issue 9, round 5)
_LATE_PRONOUN = re.compile(r"^[A-Z][a-z]+\b([^,.]{0,120}),\s(?:he|she|they|it)\s[a-z]")


def late_pronoun(text: str) -> bool:
    m = _LATE_PRONOUN.match(text)
    return bool(m) and not re.search(r"\s[A-Z]", m.group(1)) and text.split()[0].lower() in {
        "after", "although", "though", "while", "when", "if", "as", "because", "since", "despite", "following",
        "with", "without", "before", "until", "unless", "once", "amid", "in", "on", "at", "for", "like", "unlike",
        "even", "beyond", "by", "during", "given", "having", "now", "today", "yesterday", "still", "instead"}


def inside_quotation(point: str, article: str) -> bool:
    """The key point stands inside a quotation in the article: the nearest quotation mark before it on its line
    opens one and the nearest after it closes one, or a closing mark follows it on its own ("... right now."
    Heller argued. She's in rehab right now. Nothing bad is going to happen. "). Quotation marks in the point
    itself are its own."""
    if re.search(r"[\"“”]", point):
        return False
    at = article.find(point[:60])
    if at < 0:
        return False
    end = at + len(point)
    if re.match(r"\s*[\"”](?:\s|$)", article[end:]):
        return True
    line_start = article.rfind("\n", 0, at) + 1
    line_end = article.find("\n", end)
    line_end = len(article) if line_end < 0 else line_end
    before = list(re.finditer(r"[\"“”]", article[max(line_start, at - 300):at]))
    after = re.search(r"[\"“”]", article[end:min(line_end, end + 300)])
    opener = before[-1] if before else None
    closer = after
    if opener is not None:
        shift = max(line_start, at - 300)
        opener = (opener.group(), shift + opener.start())
    if closer is not None:
        closer = (closer.group(), end + closer.start())
    if opener is None or closer is None:
        return False
    (mark, i), (mark2, j) = opener, closer
    opens = mark == "“" or (mark == '"' and article[i - 1:i] in ("", " ") and not article[i + 1:i + 2].isspace())
    closes = mark2 == "”" or (mark2 == '"' and not article[j - 1].isspace())
    return opens and closes


def title_case(text: str) -> bool:
    """A headline in title case ("An End to Russia Probe - Prosecutors Doing Mueller's 'Dirty Work Are A
    Disgrace' To America Finally."), not a sentence: every word of four letters or more is capitalised."""
    long = [w for w in re.findall(r"[A-Za-z’']+", text) if len(w) >= 4]
    return len(long) >= 5 and all(w[:1].isupper() for w in long)


#: A finite verb, strictly: auxiliaries, modals, contractions, common irregular pasts and present forms.
_STRICT_VERB = re.compile(
    r"(?:(?:is|are|was|were|has|have|had|would|could|should|must|did|does|do|wo|ca)n[’']t|"
    r"(?:he|she|it|they|we|you|i|there|that|who|what)[’'](?:s|re|ve|ll|d|m)|"
    r"is|are|was|were|am|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|did|does|do|"
    r"says?|said|told|tells|came|comes|gave|gives|got|gets|went|goes|made|makes|took|takes|won|wins|lost|loses|"
    r"saw|sees|ran|runs|hit|hits|put|puts|set|sets|left|leaves|led|leads|fell|falls|rose|rises|held|holds|"
    r"found|finds|began|begins|became|becomes|brought|brings|kept|keeps|paid|pays|sold|sells|bought|buys|"
    r"struck|strikes|shot|spent|sent|sends|thought|thinks|knew|knows|met|meets|stood|stands|wrote|writes|"
    r"drove|ate|flew|grew|threw|wore|beat|beats|fought|taught|caught|felt|feels|heard|hears|lets|cuts|"
    r"quit|hurt|shut|built|lent|meant|means|sought|seeks|stole|spoke|speaks|broke|breaks|chose|forgot|hid|"
    r"shook|hung|swore|sang|sank|swam|rang|bit|slid|sprang|spun|stuck|struck|swept|wept|slept|dealt|"
    r"tried|tries|dies|died|lay|laid)")
#: Base forms that are the verb after a plural subject ("Campus police try to ...", "Wales begin ...").
_BASE_VERB = re.compile(
    r"(?:try|say|want|need|face|plan|believe|appear|provide|begin|journey|spend|contain|remain|seem|claim|show|"
    r"find|make|take|give|get|go|come|see|know|think|look|use|work|call|ask|live|feel|become|leave|keep|hold|"
    r"bring|run|move|play|pay|meet|include|continue|learn|lead|watch|follow|stop|create|speak|allow|add|grow|"
    r"offer|consider|buy|wait|serve|send|expect|build|stay|reach|raise|sell|require|report|decide|cast|"
    r"recommend|agree|argue|insist|suggest|warn|urge|hope|fear|tend|account|oppose|support|refuse|deny|"
    r"accept|demand|help|share|face|return|remain|lose|win|beat|hit|cut|put|set|let)")
_NOT_BEFORE_VERB = {"the", "a", "an", "of", "to", "his", "her", "their", "its", "our", "my", "your", "these",
                    "those", "this", "that", "some", "many", "several", "in", "on", "at", "for", "with", "by",
                    "from", "into", "about", "as", "no", "every", "each", "any", "both", "few", "all"}
_AUX = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "get", "got", "gets", "having"}
_AUX_MODAL = _AUX | {"will", "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does", "did"}
_RELATIVE_WORD = re.compile(r"\b(?:who|which|whose|whom|where)\b")


def _is_verb(words: list[str], i: int) -> bool:
    w = words[i]
    low = w.lower()
    before = words[i - 1] if i else ""
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    if _STRICT_VERB.fullmatch(low):
        return True
    if re.fullmatch(r"[a-z]{2,}ed", w) and low not in {"need", "feed", "seed", "speed", "proceed", "exceed"}:
        if i == 0 or before.lower() in _NOT_BEFORE_VERB - {"that", "this"}:
            return False  # "Accused of fraud, ...", "the injured man"
        # a participle after a noun: "the aliens targeted by ERO officers" (a name before it is a subject:
        # "Palin stopped by the church")
        return not (after == "by" and before.islower() and before not in _AUX)
    if before.lower() in _NOT_BEFORE_VERB or not before:
        return False
    if _BASE_VERB.fullmatch(low):
        return True  # "Campus police try to ...", "Scots appear to ..."
    # a present tense in -s after a name, a noun or an adverb, before more words: "Johnson appoints former
    # CIA Director ...", "The film also stars ...", "The Turriff-based company manufactures and supplies ..."
    return (bool(re.fullmatch(r"[a-z]{3,}s", w)) and not re.search(r"(?:ss|us|is|ics|ous)$", low)
            and bool(after) and after not in {"of", "and", "or"})


def _verb_groups(text: str) -> int:
    words = re.findall(r"[A-Za-z’']+", text)
    groups, previous = 0, ""
    for i, word in enumerate(words):
        verb = _is_verb(words, i)
        # a new group: after a non-verb, or an auxiliary after a participle ("where he was hospitalized was")
        groups += verb and (not previous or (word.lower() in _AUX_MODAL and previous not in _AUX_MODAL))
        previous = word.lower() if verb else ""
    return groups


def main_verb(text: str) -> bool:
    """Whether the statement has a finite verb of its own, outside its relative clauses: "Several of the aliens
    targeted by ERO deportation officers." (a participle) and "Juan Carlos Cruz, the Karadima victim whose
    membership on the Commission the Vatican had blocked." (a verb only in the relative clause) have none."""
    text = re.sub(r"\s[-–—]+\s|--", " , ", text)
    outside = re.sub(r",\s(?:who|which|whose|whom|where)\b[^,;]*", " ", text)  # ", who was ...," asides
    rel = _RELATIVE_WORD.search(outside)
    if rel:  # a restrictive relative clause takes the first verb after it; a second is the main clause's
        return _verb_groups(outside[: rel.start()]) >= 1 or _verb_groups(outside[rel.start():]) >= 2
    return _verb_groups(outside) >= 1


#: An object pronoun whose referent is in another sentence: "President Trump hired him knowing all of that."
_OBJECT_PRONOUN = re.compile(r"\b(?:him|them|her(?=[.,;:!]|\s(?:to|for|with|in|on|at|as|about|from|of|and|"
                             r"after|before|when|because)\b))\b")
_DEMONSTRATIVE_OBJECT = re.compile(r"\b(?:all|none|any|some|most) of (?:that|this|these|those)\b|"
                                   r"\b(?:knowing|despite|after|because of|like) (?:all )?(?:that|this)[.,]")
_BOUNDARY = re.compile(r",|;|\b(?:and|but|or|after|before|when|while|because|as|if|until|since|who|whom|"
                       r"which|that|where|then)\b")
_PERSON_NOUN = re.compile(r"\b(?:man|woman|boy|girl|child|children|son|daughter|father|mother|husband|wife|"
                          r"suspect|victim|officer|player|people|men|women|friends?|family|parents?|"
                          r"patients?|students?|workers?|staff|members?|voters?|fans?|customers?|"
                          r"[a-z]+ers)\b")


def dangling_object(text: str) -> bool:
    """An object pronoun ("him", "them") or "all of that" whose referent the statement does not hold: no
    other person is named before it and no clause lets it point back to the subject."""
    if _DEMONSTRATIVE_OBJECT.search(text):
        return True
    m = _OBJECT_PRONOUN.search(text)
    if not m:
        return False
    before = text[: m.start()]
    names = re.findall(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)*", before)
    subject = names[0] if names and before.startswith(names[0]) else ""
    if subject and before.startswith((subject + "'s", subject + "’s")):
        return False  # "Gigante's act allowed him to ...": him is Gigante
    others = [n for n in names if n != subject and n not in {"The", "A", "An", "President", "Mr", "Mrs", "Ms"}]
    return not (others or _BOUNDARY.search(before) or _PERSON_NOUN.search(before[len(subject):]))


def card_defects(card: dict, signals: dict[str, dict], article: str = "", titled: bool = True) -> Counter:
    """Defect counts of one card (a Verdict as a dict); ``article`` is the text it was made from and
    ``titled`` whether it came with a title (an untitled article's headline is the card's own)."""
    d: Counter = Counter()
    points = [_strip_attribution(p) for p in card["key_points"]]  # judged as the article's sentences
    if len(points) < 3:
        d["key points: fewer than three"] += 1
        if card.get("key_points_note"):
            d["  (of which the card says it is too thin)"] += 1
    for p in points:
        why = broken_point(p)
        if why:
            d["key points: broken"] += 1
            d[f"  broken: {why}"] += 1
    summary = card["summary"]
    summary_sentences = _sentences(summary)
    repeats = sum(any(_overlap(p, s) > 0.8 for s in summary_sentences) for p in points)
    if repeats > 1:
        d["key points: >1 repeats the summary"] += 1
    texts = [card["headline"], summary, *points]
    if any(_GLUE.search(t) for t in texts):
        d["glued sentences (word.Word)"] += 1
    if any(_is_furniture(t) for t in [card["headline"], *summary_sentences, *points]):
        d["furniture in headline/summary/points"] += 1
    headline = card["headline"].strip()
    if (headline.endswith(("…", "...")) or len(headline.split()) < 3 or _TIMESTAMP.match(headline)
            or _TRAILING_STAMP.search(headline)
            or _is_furniture(headline)):
        d["headline: cut, fragment, stamp or furniture"] += 1
    first = re.sub(r"\W", "", summary.split()[0]).lower() if summary.split() else ""
    if first in _DANGLING_OPENERS or late_pronoun(summary) or time_back(_strip_attribution(summary)):
        d["summary: opens with a pronoun/connective"] += 1
    if any(_overlap(a, b) > 0.8 for i, a in enumerate(summary_sentences) for b in summary_sentences[i + 1:]):
        d["summary: repeated fact"] += 1
    if summary.endswith("…"):
        d["summary: cut"] += 1
    if article and summary_misses_event(summary, article):
        d["summary: misses the main event (toll, verdict, approval, deal)"] += 1
    d += analysis_defects(card["analysis"], signals)
    # classes added after a second editor's read (issue 9, round 2)
    if kind_from_keywords(card["analysis"], article):
        d["analysis: event kind from keywords, not what happened"] += 1
    for where in unattributed_claims(card, article):
        d[f"{where}: partisan claims in the card's own voice"] += 1
    # the outlet's own title line at the head of the text (no full stop after it, the lead starting with
    # a capital) is not the card's choice of headline; a lead sentence the card chose is
    own_title = _is_title_line(headline, article)
    if not titled and article and not own_title and headline_misses_event(headline, article):
        d["headline: lead that misses the event"] += 1
    if article and any(inside_quotation(p, article) for p in points):
        d["key points: a sentence inside a quotation, without its speaker"] += 1
    if any(ticker_or_caption(p) for p in points):
        d["key points: live-ticker line or run-in caption"] += 1
    # classes added after a third editor's read (issue 9, round 4)
    if ((article and any(run_in_caption(t, article) for t in [headline, *summary_sentences, *points]))
            or any(glued_title(t) for t in [headline, *summary_sentences[:1]])):
        d["card: caption or title run into the text"] += 1
    # classes added in round 6 (prose8): references the card gives no antecedent
    for k, p in enumerate(points):
        m = re.match(r"The (money|operation|attack|plan|scheme|investigation|group|agency|man|woman|boy|girl|victim|"
                     r"suspect|couple|incident|raid|shooting|crash|blast|explosion)\b", p)
        before = " ".join([headline, summary, *points[:k]]).lower()
        if m and not re.search(rf"\b{m.group(1)}\b", before):
            d["key points: 'the X' never named before ('The money for the operation')"] += 1
            break
    if article and surnames_without_antecedent(card, article):
        d["card: surname without its full name before"] += 1
    # classes added in round 8 (prose10), after the second editor's read of seed 44
    if pointers_without_antecedent(summary_sentences, points):
        d["card: reference to a sentence the card lacks ('Prior to that,', 'this move')"] += 1
    if article and any(cut_loses_meaning(p, article) for p in points):
        d["key points: cut drops what was said or a 'since' qualifier"] += 1
    if any(re.search(r"\b(?:I|I'm|I've|my|me|we|our)\b", _outside_quotes(s)) for s in summary_sentences[1:]):
        d["summary: first person without quotation marks after the lead"] += 1
    if odd_evidence(card["analysis"], article):
        d["analysis: odd evidence (model number, unit, title)"] += 1
    if placement_contradicts(card["analysis"]):
        d["analysis: placement line contradicts the hype wording"] += 1
    # classes added in round 10 (analysis10) after the second editor's read (READ_editor_44): clauses false of
    # the article, each checked against the article's text, not against the code that wrote the card
    for name in analysis_false_clauses(card["analysis"], article):
        d[name] += 1
    # round 11 (prose11): at moderate hype the card told a writer's verdict as its own ("Protecting the image of
    # Islam, not protecting the public, still seems to be the most important priority ...", hype 5)
    if card.get("hype_level") == "moderate" and writer_judgement_unattributed(card["summary"]):
        d["summary: writer's judgement in the card's own voice (moderate hype)"] += 1
    # round 12 (prose12), after editor3's read of seed 61: references the older classes do not see, and the
    # sentences after the first of a summary told as the article's
    dangling = dangling_references(card, titled)
    if dangling:
        d["card: reference without antecedent (the two men, the incident, Mr X, another, also)"] += 1
        for kind in sorted(set(dangling)):
            d[f"  dangling: {kind}"] += 1
    if later_sentences_unattributed(card, article):
        d["summary: a later sentence of a partisan page in the card's own voice"] += 1
    return d


#: A group or a thing told as already met: "The two men were charged ...", "Both women ...", "The incident ...".
_GROUP_BACK = re.compile(r"^(?:The (?:two|three|four|five|six|seven|eight|nine|ten|\d+|other)|Both)(?: [a-z-]+){0,2}? "
                         r"(men|women|people|boys|girls|brothers|sisters|victims|suspects|officers|teenagers|teens|"
                         r"friends|players|climbers|children|survivors|companies|countries|sides|groups|parties|"
                         r"leaders|soldiers|pilots|passengers)\b(?! (?:at|aboard|inside|on board)\b)")
_THING_BACK = re.compile(r"^The (incident|attack|accident|crash|shooting|collision|blast|explosion|move|deal|decision|"
                         r"announcement|pair|couple|trio|duo|man|woman|boy|girl|victim|suspect|plan|"
                         r"case|row|dispute|scheme|operation|raid|tragedy|killing|murder)\b"
                         r"(?!['’]s)(?! (?:of|in|at|on|for|to|from|that|which|who|between|against|by|near)\b)"
                         r"(?! [a-z]+ (?:of|in|at|on)\b)")
#: A titled surname ("Mr Gaskin", "Insp Gaskin", "Sgt. Earley"): a person the reader must have met.
_TITLED_SURNAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Insp|Inspector|Det|Detective|Sgt|Sergeant|Supt|Const|Capt|"
                             r"Captain|Officer|Prof|Professor)\.? ([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\b(?! [A-Z])")
_ANOTHER = re.compile(r"^(?!(?:In|On|At|For|From|With|During|After|Before|Unlike|Like)\s)(?:[\w'’,-]+\s){0,3}?"
                      r"[Aa]nother\s(?!one\b)[a-z]")  # "In another email exchange, Arnold ..." tells its own
_ATTRIBUTION_LEAD = re.compile(r"^(?:According to the (?:article|piece), |The (?:article|opinion piece|piece) "
                               r"(?:says|claims|argues|adds|also says)(?::| that) |"
                               r"It (?:also says|goes on to say|adds|further says|says)(?::| that) |It goes on: )")


def _without_lead(text: str) -> str:
    m = _ATTRIBUTION_LEAD.match(text)
    if not m:
        return text
    rest = text[m.end():]
    return rest[:1].upper() + rest[1:]


def dangling_references(card: dict, titled: bool = True) -> list[str]:
    """References the card leaves without an antecedent: a group or thing told as met before ("The two men",
    "The incident") whose noun neither the headline nor an earlier sentence of the card has; a titled surname
    ("Mr Gaskin") that the card names nowhere before; "another" in a subject, and "also", in the summary's first
    sentence or a key point (they point at a statement the card does not make). An untitled card's headline is
    the card's own words, no antecedent: "The man is said to have been ..." is as lost there as in the summary."""
    out = []
    summary = [_without_lead(s) for s in _sentences(card["summary"])]
    texts = [(s, k == 0, summary[:k]) for k, s in enumerate(summary)]
    points = [_strip_attribution(p) for p in card["key_points"]]
    texts += [(p, True, summary + points[:k]) for k, p in enumerate(points)]
    for text, alone, before in texts:
        known = " ".join([card["headline"] if titled else "", *before]).lower()
        outside = _outside_quotes(text)
        for pattern, kind in ((_GROUP_BACK, "a group told as met ('the two men')"),
                              (_THING_BACK, "a thing told as met ('the incident')")):
            m = pattern.match(text)
            if m and not re.search(rf"\b{re.escape(m.group(1).lower()[:5])}", known):
                out.append(kind)
        for m in _TITLED_SURNAME.finditer(outside):
            if m.group(1).lower() not in known and m.group(1).lower() not in text[: m.start()].lower():
                out.append("a titled surname never named ('Mr Gaskin')")
                break
        if alone and _ANOTHER.match(outside):
            out.append("'another' with no first one")
        if alone and re.search(r"\balso\b(?! known)", outside) and not re.search(r"\bbut also\b", outside):
            out.append("'also' with nothing before it")
    return out


_LATER_ATTRIBUTED = re.compile(r"^(?:The (?:article|piece) (?:adds|also says|goes on)|It (?:also says|goes on|adds|"
                               r"further says|says))\b")


def later_sentences_unattributed(card: dict, article: str) -> bool:
    """A summary told as the article's whose later sentences read as the card's own: no attribution of their own
    and no source named by a reporting verb near their start or end, on a partisan page (high hype or an opinion
    piece: any such sentence) or at moderate hype (a sentence with the writer's judgement)."""
    sentences = _sentences(card["summary"])
    partisan = card.get("hype_level") in {"high", "extreme"} or bool(article and is_opinion(article))
    told = bool(sentences) and bool(_ATTRIBUTED.search(" ".join(sentences[0].split()[:12])))
    if not (told or partisan):
        return False
    for sentence in sentences[1:]:
        bare = _outside_quotes(sentence).split()
        if (_LATER_ATTRIBUTED.match(sentence) or sentence[:1] in "\"“‘'" or re.match(r"(?:I|We|You|My|Our)\b", sentence)
                or _SOURCED.search(" ".join(bare[:8])) or _SOURCED.search(" ".join(bare[-6:]))):
            continue
        # a page told as the article's at moderate hype (a tabloid) is partisan only where the writer judges
        if partisan or _JUDGEMENT.search(" ".join(bare)):
            return True
    return False


#: The writer passing judgement, not reporting (a copy of card.voice._JUDGEMENT, kept here so that the bench does
#: not read the code it checks).
_JUDGEMENT = re.compile(r"\b(?:seems? to be|all too|deliberately|disgraced|so-called(?!\s*[\"“'‘])|of course|obviously|"
                        r"shamefully|sadly|needless to say|clearly)\b", re.I)


def writer_judgement_unattributed(summary: str) -> bool:
    """A summary not told as the article's that has a sentence with a judgement word outside quotation marks
    and no speaker."""
    if _ATTRIBUTED.search(" ".join(summary.split()[:12])):
        return False
    return any(_JUDGEMENT.search(re.sub(r"[“\"][^”\"]*[”\"]", " “” ", s)) and not _SOURCED.search(_outside_quotes(s))
               for s in _sentences(summary))


#: Titles and institutions that do not say whose they are: "who is involved (Egypt, Italy, Minister)".
_BARE_TITLES = {"minister", "ministers", "prime minister", "president", "commission", "government", "governments",
                "ministry", "police", "authorities", "cabinet", "chancellor", "military", "army", "navy", "county",
                "town", "village", "hospital", "university", "club", "coach", "mayor", "sheriff", "regulator",
                "regulators", "lawmakers", "neighborhood", "neighbourhood"}
_COUNTRY_NAMES = {"us": "us", "u.s.": "us", "united states": "us", "america": "us", "usa": "us", "uk": "uk",
                  "u.k.": "uk", "britain": "uk", "united kingdom": "uk", "great britain": "uk", "eu": "eu",
                  "european union": "eu"}
#: Nouns an action word qualifies when it is no action: "the ruling Syriza party", "a missile destroyer".
_QUALIFIED = re.compile(r"\s+(?:[A-Z][a-z]+|party|parties|coalition|class|elite|destroyer|frigate|base|system|"
                        r"campaign|enforcement|firm|school|officer|officers|zone|veterans?|crimes?|criminals?|regime|"
                        r"junta|candidate|chief|commander|spokesman|spokeswoman|minister|committee)\b")
_PROPOSAL = re.compile(r"\b(?:would|could|might|should|whether|if|unless|calls? for|called for|demand(?:s|ed)?|"
                       r"wants?|plans?|proposed?|pledged?|promised?|threaten(?:s|ed)?|asked)\b[^.,;]*$", re.I)
_SAMPLE = re.compile(r"\b(?:poll(?:ed)?|survey(?:ed)?|questioned|interviewed|sample)\s(?:of\s)?(?:more than |over |"
                     r"some |around |about |nearly )?$", re.I)


def analysis_false_clauses(analysis: str, article: str) -> list[str]:
    """The analysis classes of round 10: each clause checked against the article's sentences."""
    out = []
    sentences = article_sentences(article) if article else []
    lowered = article.lower()
    actors = re.search(r"who is involved \(([^)]*)\)", analysis)
    names = [a.strip() for a in actors.group(1).split(",")] if actors else []
    countries = [_COUNTRY_NAMES[a.lower()] for a in names if a.lower() in _COUNTRY_NAMES]
    if any(a.lower() in _BARE_TITLES for a in names) or len(countries) > len(set(countries)):
        out.append("analysis: a bare title or one country twice among the actors")
    if article and any(len(re.findall(rf"(?<![\w.]){re.escape(a.lower())}(?!\w)", lowered)) == 1
                       and sentences and a.lower() not in sentences[0].lower() for a in names):
        out.append("analysis: an actor named once, in passing")
    done = re.search(r"what was done \(([^)]*)\)", analysis)
    for word in [w.strip() for w in done.group(1).split(",")] if done and article else []:
        hits = [m for m in re.finditer(rf"\b{re.escape(word)}\b", article, re.I)]
        if hits and all(_QUALIFIED.match(article[m.end():])
                        or _PROPOSAL.search(article[max(0, m.start() - 80):m.start()]) for m in hits):
            out.append("analysis: 'what was done' names a modifier or a proposal (ruling party, whether a referendum)")
            break
    figures = re.search(r"figures?[^(]{0,30}\(([^)]*)\)", analysis)
    for quoted in re.findall(r"“([^”]+)”", figures.group(1)) if figures and article else []:
        i = article.find(quoted)
        if i >= 0 and (_SAMPLE.search(article[max(0, i - 40):i]) or re.search(r"\d[A-Z][a-z]", article[i:i + 12])):
            out.append("analysis: a poll's sample or a table cell cited as a figure")
            break
    confirm = re.search(r"reports it as done \(([^)]*)\)", analysis)
    for quoted in re.findall(r"“([^”]+)”", confirm.group(1)) if confirm and article else []:
        if quoted in {"told reporters", "said in a statement"} or (
                quoted == "official" and not re.search(r"\bofficial(?!\s+[a-z])", article)):
            out.append("analysis: an adjective or a speech tag cited as confirmation ('an official source')")
            break
    if re.search(r"reports few figures, actors or consequential actions", analysis):
        out.append("analysis: template filler instead of a reason")
    if re.search(r"clickbait-style headline(?! \()", analysis):
        out.append("analysis: clickbait blamed with no visible sign of it")
    development = _development(analysis)
    if len(re.sub(r"^[^:]{0,40}:\s", "", development).split()) > 35:
        out.append("analysis: development over 35 words")
    kind = named_kind(analysis)
    idiom = r"under fire|recent (?:\w+ )?(?:shooting|attack|earthquake|storm|fire)|storm of|flood of"
    rest = re.sub(idiom, "", development, flags=re.I)
    if kind and re.search(rf"\b(?:{idiom})\b", development, re.I) \
            and not re.search(rf"\b(?:{_KIND_EVENT[kind]})\b", rest, re.I):
        out.append("analysis: event kind from an idiom or a past event ('under fire')")
    # round 12 (analysis11), after reading seeds 81 and 82 next to their articles
    if kind_on_one_word(analysis, article):
        out.append("analysis: event kind from one word (no second cue in the development or lead)")
    if figures_off_the_lead(analysis, article):
        out.append("analysis: a figure from after the lead or from a quotation cited as at stake")
    out += action_off_the_event(analysis, article)
    if decision_denied(analysis):
        out.append("analysis: says no binding decision, yet reports one (signed, jailed)")
    if development_not_the_event(analysis, article):
        out.append("analysis: development is a hook, a quotation or dated background")
    if platform_or_place_as_actor(analysis, article):
        out.append("analysis: a platform or a place named as an actor")
    return out


#: A caption run into the text with no punctuation: a lower-case word, then a capitalised word that can only
#: open a sentence, then a lower-case word ("... ahead of a second TV debate tonight When questioned ...").
_RUN_IN = re.compile(r"(?<![A-Za-z-])(?!(?:to|when|that|and|or|of|the|a|an|as|if|so|for|from|in|on|at|by|with|"
                     r"type|plan|vitamin|grade|class|group|category|hepatitis)\b)[a-z][a-z’']+ "
                     r"(?:When|The|A|An|He|She|They|It|After|But|As|This|His|Her|In|On|At|Mr|Ms|Mrs|Police) [a-z]")
_CAPTION_BEFORE = re.compile(r"(?:Scroll down for (?:video|more)|pictured|\((?:left|right|above|below)\))\s*$", re.I)


def run_in_caption(text: str, article: str) -> bool:
    """The card's sentence came from a caption run into the text: in the article it is preceded by "Scroll down
    for video" or runs on, without a full stop, into the next sentence ("... today ahead of a second TV debate
    tonight When questioned ...")."""
    body = " ".join(text.split()).rstrip(".")
    if len(body.split()) < 4:
        return False
    if _RUN_IN.search(body):
        return True
    flat = re.sub(r"[^\S\n]+", " ", article)  # a line break ends a title line
    at = flat.find(body)
    if at < 0:
        flat = " ".join(article.split())
        at = flat.find(body)
    if at <= 0:
        return False  # not found, or the text's own first line (a title)
    if _CAPTION_BEFORE.search(flat[max(0, at - 40):at]):
        return True
    end = re.search(r"[.!?][\"”’']?\s|\n", flat[at:at + 600])
    span = flat[at: at + (end.start() if end else 600)]
    glue = _RUN_IN.search(span, len(body))
    # the caption goes on after the card's words (the card cut it), not where the card's sentence ends
    return bool(glue) and glue.start() > len(body) + 1


def glued_title(text: str) -> bool:
    """A title run into its lead: the sentence's first word comes back capitalised within its first words,
    before a lower-case word ("Germans now think of themselves as the victims of Hitler and his Nazi Regime
    Germans no longer see the Second World War as a defeat ...")."""
    words = re.sub(r"^(?:The (?:article|opinion piece) says: |According to the (?:article|piece), )", "", text).split()
    first = words[0].strip("\"“‘'") if words else ""
    if len(first) < 3 or not first[:1].isupper() or first.lower() in _STOP:
        return False
    return any(w == first and i + 1 < len(words) and words[i + 1][:1].islower()
               and words[i - 1].lower() not in _STOP and not words[i - 1][:1].isdigit()
               for i, w in enumerate(words[4:20], start=4))


def analysis_defects(analysis: str, signals: dict[str, dict]) -> Counter:
    d: Counter = Counter()
    text = analysis.lower()
    certainty = signals.get("certainty", {})
    done = sum(e["direction"] == "raises" for e in certainty.get("evidence", []))
    expected = sum(e["direction"] == "lowers" for e in certainty.get("evidence", []))
    says_uncertain = any(p in text for p in ("expected or rumoured", "may happen", "rather than confirmed"))
    says_done = any(p in text for p in ("done and confirmed", "reports it as done"))
    if says_uncertain and says_done:
        d["analysis: says both done and uncertain"] += 1
    if says_uncertain and (certainty.get("value", 0) >= 0.3 or done >= expected):
        d["analysis: calls confirmed news uncertain"] += 1
    figures = re.search(r"figures?[^(]{0,30}\(([^)]*)\)", analysis)
    if figures:
        for quoted in re.findall(r"“([^”]+)”", figures.group(1)):
            if re.fullmatch(r"(?:19|20)\d\d|\d{1,3}(?: [A-Z][a-z]+)?|\d+(?:st|nd|rd|th)", quoted.strip()):
                d["analysis: a date, number or address cited as a figure"] += 1
                break
    shouting = re.search(r"shouting[^(]{0,30}\(([^)]*)\)", analysis)
    if shouting and any(re.fullmatch(r"[A-Z.]{2,6}", q) for q in re.findall(r"“([^”]+)”", shouting.group(1))):
        d["analysis: acronym cited as shouting"] += 1
    return d


#: The kinds of event the analysis may name, and the words that show each one *happened* in the development
#: (stricter than the card's own table: a "Goal" in "The Goal Of Eliminating Guns" or a "Senate" in a
#: candidate's title is a keyword, not a sports result or a law).
_KIND_EVENT = {
    "war or armed conflict": r"war|invasion|invaded|invade[sd]?|airstrikes?|missiles?|troops|shelling|ceasefire|"
                             r"fighting|offensive|bomb(?:ed|ing)s?",
    "disaster": r"earthquake|quake|aftershocks?|tsunami|hurricane|typhoon|cyclone|flood(?:s|ing)?|wildfire|eruption|"
                r"landslide|avalanche|tornado|storm|blaze|fire|explosion|exploded",
    "court case": r"court|jury|verdict|convicted|sentenced|pleaded|guilty|acquitted|trial|lawsuit|sued|indicted|"
                  r"prosecutors?|ruled|ruling|judge (?:ruled|ordered|said|found|rejected|dismissed|blocked)",
    "crime": r"arrested|arrests?|charged|murder(?:ed)?|killed|shot|stabbed|robbery|heist|stole|stolen|suspects?|"
             r"manslaughter|assault(?:ed)?|kidnapp(?:ed|ing)|attack(?:ed)?|police (?:said|say|have|are|were)|"
             r"gunm[ae]n|kills|shoots|shooting|opened fire|opens fire|arson|handcuffed|custody|booked|bomb\w*|"
             r"fire-?bomb\w*|jailed|rape[ds]?|theft|fraud|DUI|charges|drunk[- ]driving",
    "accident": r"crash(?:ed)?|collision|derail(?:ed)?|pile-?up|drowned|fell|falls?|deaths?",
    "election": r"election|elected|re-elected|ballots?|referendum|polling day|vote[sd]?|voting",
    "trade decision": r"imports?|exports?|tariffs?|sanctions|trade deal|embargo",
    "law or policy": r"law|laws|bill|legislation|regulations?|rules?|ban(?:ned|s)?|polic(?:y|ies)|decree|tax(?:es)?|"
                     r"passed|approved|signed|enacted|repealed|licen[cs]es?|cap|scheme|plans?",
    "business deal": r"acqui(?:re|res|red|sition)|merger|takeover|deal|buy(?:s|out)?|bought|stake|invest(?:s|ed|ment)?|"
                     r"shares|profits?|revenue|earnings|ipo|sale|sold",
    "business result": r"shares|profits?|revenues?|earnings|sales|quarter(?:ly)?|results|forecasts?|guidance|"
                       r"dividends?|rose|fell|jumped|slumped|beat|missed?|estimates",
    "appointment or departure": r"appointed|named|resign(?:s|ed)|stepp(?:ed|ing) down|sacked|fired|hired|poached|"
                                r"retire[sd]?|confirmed as|new (?:manager|boss|chief|coach)",
    "study": r"study|studies|researchers?|scientists?|survey|report found|findings|found",
    "poll or survey": r"polls?|survey|surveyed|questioned|respondents|voters",
    "sports story": r"league|season|coach|striker|defender|midfielder|goalkeeper|footballer|player|club|transfer|"
                    r"signing|fixture|ban(?:ned)?|suspended|injur(?:y|ed|ies)|deal|contract|manager|boss|replaces|"
                    r"rejoin|join(?:s|ed)?|paid|fee|qualifiers?|team|squad|retire[sd]?",
    "sports result": r"won|wins|beat|beats|lost|defeat(?:ed)?|draw|drew|victory|scored?|match|game|title|cup|league|"
                     r"season|championship|tournament|race|fight|round|semi-final|final|ban(?:ned)?|suspended|"
                     r"save|medal|goal|wickets?|innings|run-chase|pole|grand prix|qualifying|laps?",
    "health": r"hospital(?:ised|ized)?|disease|virus|outbreak|patients?|cancer|vaccine|plague|infect(?:ed|ion)s?",
    "celebrity or lifestyle story": r"actress|actor|star|singer|celebrity|instagram|fans|fashion|model|reality|royal|"
                                    r"duchess|prince|princess|wedding|film|show",
    "death": r"died|dies|death|dead",
}
_KIND_NAMES = sorted(_KIND_EVENT, key=len, reverse=True)
#: Speech of the writer to the reader: first and second person, questions, imperatives of opinion writing.
#: A question after a colon is one the story reports ("provoked a national debate: Was he a hero ...?"; round 10:
#: the second editor read the Felt obituary blog as news, not opinion).
_OPINION_VOICE = re.compile(r"\b(?:I|I'm|I've|I’m|I’ve|we|We|our|Our|us|you|You|your|Your)\b|^[^:]*\?\s*$")


#: Openings that point at a sentence before them (round 8): "Close behind was ...", "Prior to that, ...", "Just
#: seconds before, ...", "Meantime, ...", "As a result, ...", "The 22-year-old ..." (who?).
_POINTER_OPENING = re.compile(
    r"^(?:Close behind|Not far behind|"
    r"(?:Just |Only )?(?:seconds|minutes|moments|hours) (?:before|earlier|later|after),|"
    r"Meantime\b|In the meantime\b|(?:Prior to|Before|After|Despite|Because of|Besides|Apart from|Unlike|Like|"
    r"In addition to|Due to|Thanks to|Instead of|In spite of) (?:that|this|these|those|it)(?:,|\s(?!week|year|month|"
    r"season|time|morning|afternoon|evening|weekend)\b)|(?:As a result|In response|In return|In turn|By contrast|"
    r"In contrast|At the same time|At that point|On the other hand|Even so|Even then),|"
    r"(?-i:The \d+-year-old\b(?!-)(?!(?: [a-z]+)? [A-Z])))", re.I)  # "The 36-year-old champion Klitschko" names him
#: "this" before a thing told elsewhere: "this move", "this unverified allegation", "in this vein".
_THIS_THING = re.compile(r"\b[Tt]his (?:[a-z]+ )?(?:move|decision|allegation|claim|plan|deal|vein|idea|notion|"
                         r"incident|approach|proposal|situation|statement|accusation|episode|scandal)s?\b")


def pointers_without_antecedent(summary_sentences: list[str], points: list[str]) -> bool:
    """The summary's first sentence or a key point opens on a pointer to a sentence the card does not hold, or a key
    point says "this move" or ends on a bare "he said."."""
    if summary_sentences and _POINTER_OPENING.match(_strip_attribution(summary_sentences[0])):
        return True
    for p in points:
        if _POINTER_OPENING.match(p) or _THIS_THING.search(_outside_quotes(p)):
            return True
        if re.search(r",[\"”’']?\s(?:he|she|they) (?:said|says|added)\.[\"”’']?$", p):
            return True
    return False


#: A tail whose loss changes what a key point says: a superlative's "since ..." or a reporting verb's words.
_QUALIFIED_HEAD = re.compile(r"\b(?:first|last|only|ever|record|[a-z]{3,}est)\b(?:\s\S+){0,5}$", re.I)


def cut_loses_meaning(point: str, article: str) -> bool:
    """The key point is an article sentence cut before "since ..."/"until ..." after a superlative ("his first Grand
    Slam." of "... since the Australian Open in 2014"), or before what a reporting verb's speaker said ("Felt told
    Vanity Fair magazine." of '..., "I'm the guy ..."')."""
    head = point.rstrip(".! ")  # a closing quote stays: '... "only part of the story".' is whole
    if len(head) < 20:
        return False
    at = article.find(head)
    if at < 0:
        return False
    rest = article[at + len(head): at + len(head) + 40]
    if re.match(r"[,;]?\s(?:since|until|before)\b", rest) and _QUALIFIED_HEAD.search(head):
        return True
    return bool(re.match(r"[,:]?\s*(?:as saying|[\"“])", rest)
                and re.search(r"\b(?:quoted|told|said|asked)\b(?:\s\S+){0,7}$", head))


def _outside_quotes(text: str) -> str:
    return re.sub(r"[“\"][^”\"]*[”\"]|‘[^’]*’|``.*?''|(?<!\w)'[^']*'(?!\w)", " ", text)


def article_sentences(article: str) -> list[str]:
    """The article's sentences, crudely: PTB quotes made quotes again, glued sentences ("2019.Short") split."""
    text = " ".join(article.replace("``", "“").replace("''", "”").split())
    return _sentences(re.sub(r"([a-z][.!?][\"”’']?)(?=[\"“‘']?[A-Z])", r"\1 ", text))


def is_opinion(article: str) -> bool:
    """An opinion piece: at least 30 % of its sentences speak in the writer's own first or second person
    (outside quotation marks) or ask the reader a question."""
    voiced = total = 0
    quoting = False  # a quotation running over several sentences is a speaker's, not the writer's
    for s in article_sentences(article):
        inside = quoting or s[:1] in "\"“‘'"
        opens, closes = s.count("“"), s.count("”")
        quoting = opens > closes if (opens or closes) else quoting != (s.count('"') % 2 == 1)
        if len(s.split()) < 4:
            continue
        total += 1
        voiced += not inside and not _SPEECH.search(s) and bool(_OPINION_VOICE.search(_outside_quotes(s)))
    return total >= 5 and voiced >= 0.3 * total


def _development(analysis: str) -> str:
    """The analysis's first sentence: the development it names."""
    cut = analysis.find("/10")
    head = analysis[:cut] if cut > 0 else analysis
    return head[: head.rfind(". ")] if ". " in head else head


def named_kind(analysis: str) -> str:
    first = _development(analysis)
    # "\b(" never matched after a space, so a kind named in brackets ("... (crime).") went uncounted (analysis11)
    return next((k for k in _KIND_NAMES if re.search(rf"(?:\b(?:a|an|this is an?) |\(){re.escape(k)}\b", first)), "")


def kind_from_keywords(analysis: str, article: str) -> bool:
    """The analysis names a kind of event that its development does not report as happening: the kind's
    words occur only in a name or title ("Senate Candidate", "Judge Kavanaugh", "The Goal Of"), or the
    article is an opinion piece called a news event."""
    kind = named_kind(analysis)
    if not kind or kind == "opinion piece":
        return False
    development = _development(analysis)
    if kind not in {"study", "poll or survey"} and _POLL_FINDING.search(development):
        return True  # a poll's finding about a referendum is a poll, not an election
    if kind == "disaster" and re.search(r"\barson|\bset (?:a )?fire\b|\bcharged with\b", development, re.I) \
            and not re.search(r"\b(?:earthquake|quake|tsunami|hurricane|flood|storm|tornado|explosion)", development,
                              re.I):
        return True  # a fire someone set is a crime or a court case (round 6)
    # an opinionated recap of a real event ("Colts Clinch Playoff Spot with 20-13 Win", told with the
    # writer's asides) is still that event: only an opinion piece whose development states no such event
    # has its kind from keywords
    if article and is_opinion(article) and not re.search(rf"\b(?:{_KIND_EVENT[kind]})\b", development, re.I):
        return True
    for m in re.finditer(rf"\b(?:{_KIND_EVENT[kind]})\b", development, re.I):
        after = development[m.end():]
        if _HYPOTHETICAL.search(development[max(0, m.start() - 40):m.start()]):
            continue  # "would rather have a referendum", "to force a second referendum": not what happened
        if m.group()[:1].isupper() and re.match(r"\s+[A-Z][a-z]", after) and not _title_case_line(development):
            continue  # part of a name or title: "Senate Judiciary Committee", "Judge Brett Kavanaugh"
        if (m.group()[:1].isupper() and not _title_case_line(development)
                and re.match(r"\s+(?:Of|Candidate|Nominee|Committee|[A-Z][a-z]+ [A-Z])", after)):
            continue
        if m.group()[:1].isupper() and re.search(r"[‘“\"']\s*(?:[A-Z][a-z]+\s+)+$", development[:m.start()]):
            continue  # a quoted title: "sequel ‘ Catching Fire ’" is a film, not a fire
        return False
    return True


def _title_case_line(text: str) -> bool:
    """A headline in title case ("Driver Charged In Fatal Queens Hit & Run"): four in five long words capitalised;
    the card's frame around it ("What happened: ...", ", a crime") is not counted."""
    text = re.sub(r"^[^:]{0,40}:\s", "", text)
    text = re.sub(r"(?:,\s(?:an?|the)\s[a-z ]+|\s\([a-z ]+\))$", "", text)
    long = [w for w in re.findall(r"[A-Za-z’']+", text) if len(w) >= 4]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


#: A poll's or study's finding: what happened is the survey, whatever it asked about.
_POLL_FINDING = re.compile(r"\b(?:poll|survey|study|research)\b[^.]{0,40}\b(?:revealed|reveals|found|finds|shows?|"
                           r"showed|suggests?|suggested)\b|\b(?:according to|revealed by|found by) (?:a|the) (?:new )?"
                           r"(?:poll|survey|study)\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:would|wants?|want to|to force|calls? for|could|might|if|plans? to|pledged? to|"
                           r"threatens? to|rather have|demand(?:s|ed)? (?:a|an))\b[^.]*$", re.I)


#: Attribution of a claim to the article rather than to the card.
_ATTRIBUTED = re.compile(r"\b(?:according to the (?:article|piece|writer|author)|the (?:article|opinion piece|piece|"
                         r"writer|author) "
                         r"(?:claims?|says?|argues?|alleges?|asserts?|contends?|writes?))\b", re.I)


#: A statement that says whose it is: a reporting verb after its source, outside quotation marks ("..., police
#: said.", "Khecharem also said: ...", "according to MEMRI").
_SOURCED = re.compile(r"\b(?:said|says|say|told|tells|tell|reported|reports|claimed|claims|claim|allege|insist|"
                      r"argue|warn|confirm|admit|wrote|writes|announced|stated|"
                      r"testified|"
                      r"alleged|admitted|insisted|argued|warned|confirmed|acknowledged|declared|tweeted|added)\b|"
                      r"\baccording to\b|\bas reported by\b", re.I)
_FIRST_PERSON_SOURCE = re.compile(r"\b(?:I|we|We|you|You)\s(?:\w+\s)?(?:said|say|told|wrote|argued|claimed)\b")


def unattributed_point(point: str) -> bool:
    """A key point that states a claim in the card's own voice: neither told as the article's ("According to the
    article, ...") nor naming its source with a reporting verb outside its quotations."""
    if _ATTRIBUTED.match(point.strip()):
        return False
    outside = _outside_quotes(point)
    return not _SOURCED.search(outside) or bool(_FIRST_PERSON_SOURCE.search(outside))


def unattributed_claims(card: dict, article: str) -> list[str]:
    """Where a high-hype or opinion article's claims are stated in the card's own voice: its summary, the
    analysis's development and each key point must say whose claims they are (key points added in round 6: "The
    price of a sanctuary city for illegal aliens is paid in abused children." stood unattributed on PTC pages)."""
    if card.get("hype_level") not in {"high", "extreme"} and not (article and is_opinion(article)):
        return []
    out = []
    if card["summary"] and not _ATTRIBUTED.search(" ".join(card["summary"].split()[:12])):
        out.append("summary")
    if not _ATTRIBUTED.search(_development(card["analysis"])):
        out.append("analysis")
    if any(unattributed_point(p) for p in card["key_points"]):
        out.append("key points")
    return out


def _is_title_line(headline: str, article: str) -> bool:
    head = " ".join(article[:600].split())
    at = head.find(" ".join(headline.split()))
    if at < 0 or at > 120:
        return False
    after = head[at + len(" ".join(headline.split())):].lstrip(" :|")  # the card cuts a title's ":" or "|"
    return not after or after[0].isupper() or after[0] in "\"“'‘0123456789"


def headline_misses_event(headline: str, article: str) -> bool:
    """An untitled article's headline that names none of what the article is about: none of the article's
    five most frequent content words (a scene, a meeting time or background instead of the event)."""
    words = [w for w in re.findall(r"[a-z]{4,}", article.lower()) if w not in _STOP and w not in _COMMON]
    top = {w[:5] for w, _ in Counter(words).most_common(5)}
    said = {w[:5] for w in re.findall(r"[a-z]{4,}", headline.lower())}
    return bool(top) and not any(a.startswith(b) or b.startswith(a) for a in said for b in top)


_COMMON = set("said says would could also will been have their there they than then this that with from were "
              "which when what where about after before into more most over some such only other these those "
              "just like year years time people told last first being very many much made make because while "
              "however still even back well".split())
#: A key point that is a live ticker line, or a caption run into a sentence with no punctuation.
_TICKER = re.compile(r"^\W*(?:\d{1,2}\s?[:.]\s?\d{2}\b|\d+\s?(?:mins?|minutes|hours?) ago\b|LIVE\b|BREAKING\b|"
                     r"UPDATE\b)|\b\d{1,2} [A-Z][a-z]+\d{1,2}\b|[a-z]\d{1,2} (?:January|February|March|April|May|June|"
                     r"July|August|September|October|November|December)\b")
_CAMEL_NAME = re.compile(r"\b[A-Z][a-z]{2,}[a-z][A-Z][a-z]+ [A-Z][a-z]+")
_RUN_IN_CAPTION = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today) "
                             r"(?!(?:and|or|but|as|at|in|on|the|a|an)\b)[A-Z][a-z]+(?:'s)?,? (?:a|an|the|who|is|was)\b")


#: Brands written in camel case are not glue.
_CAMEL_BRANDS = re.compile(r"MailOnline|ParkingEye|YouTube|PlayStation|LinkedIn|WhatsApp|PowerPoint|McDonald|"
                           r"MacBook|JPMorgan|BlackRock|SpaceX|FedEx|PayPal|GoPro|SeaWorld|HuffPost|DreamWorks")


#: A football live-commentary line ("Ross Draper (Inverness CT) wins a free kick on the right wing.").
_MATCH_COMMENTARY = re.compile(r"\) (?:wins a free kick|(?:right|left) footed shot|header from|"
                               r"is shown the (?:yellow|red) card)\b|"
                               r"^(?:Foul by|Corner, |Attempt (?:saved|missed|blocked)|(?:First|Second) Half ends|"
                               r"Match ends)")


def ticker_or_caption(point: str) -> bool:
    camel = _CAMEL_NAME.search(point)
    return bool(_TICKER.search(point) or (camel and not _CAMEL_BRANDS.search(camel.group()))
                or _RUN_IN_CAPTION.search(point) or _MATCH_COMMENTARY.search(point))


#: A figure's noun: plural, or a word that counts people or amounts.
_COUNT_NOUN = re.compile(r"(?:[a-z]+s|people|police|staff|crew|personnel|children|men|women|cattle|million|billion|"
                         r"trillion|thousand|"
                         r"hundred|dozen|bn|m|k|per ?cent|percent)$")


_SMALL_WORDS = {"of", "the", "and", "a", "in", "on"}


def odd_evidence(analysis: str, article: str) -> list[str]:
    """Evidence an editor would not cite: a "figure" that is part of a model name (AK-47 -> "47 assault"),
    a unit, an adverb or a preposition ("23 into", "150 nautical", "1100 hrs"); a title (film, book, show)
    or a name cited as shouting."""
    out = []
    figures = re.search(r"figures?[^(]{0,30}\(([^)]*)\)", analysis)
    for quoted in re.findall(r"“([^”]+)”", figures.group(1)) if figures else []:
        m = re.match(r"^[^\d]*?(\d[\d,.]*)\s+([a-z]+)$", quoted.strip())
        if m and (not _COUNT_NOUN.fullmatch(m.group(2))
                  or re.search(rf"[A-Za-z]-{re.escape(m.group(1))}\b", article)):
            out.append(quoted)
    years = [int(y) for y in re.findall(r"\b(?:19[5-9]\d|20[0-3]\d)\b", article)]
    for quoted in re.findall(r"“([^”]+)”", figures.group(1)) if figures and article else []:
        # a figure from the story's past: its sentence is dated before the article's latest year, or it is
        # someone's former pay ("was an $80,000-a-year computer expert") (round 6)
        for sentence in article_sentences(article):
            if quoted in sentence:
                dated = [int(y) for y in re.findall(r"\b(?:19[5-9]\d|20[0-3]\d)\b", sentence)]
                if (dated and max(dated) < max(years)) or re.search(
                        rf"\bwas an? {re.escape(quoted)}(?:-a-| a )year", sentence):
                    out.append(quoted)
                break
    shouting = re.search(r"shouting and insinuation \(([^)]*)\)", analysis)
    for quoted in re.findall(r"“([^”]+)”", shouting.group(1)) if shouting else []:
        words = quoted.split()
        title = len(words) >= 2 and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)
        if title and (not quoted.isupper() or re.search(rf"[“\"‘']{re.escape(quoted)}", article, re.I)):
            out.append(quoted)
        elif (len(words) == 1 and quoted[:1].isupper() and not quoted.isupper()
              and re.search(rf"[“\"‘']\s?{re.escape(quoted)}\s?[”\"’']", article)):
            out.append(quoted)  # a name in quotes: a show's title, "'Taradise '" (round 6)
    return out


#: The main events a lead can state, by their words: a toll, a verdict or sentence, an approval, a deal
#: with its size. A summary of a lead that states one must state one of the same kind.
_NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds|thousands)"
_MAIN_EVENTS = {
    # round 12 (prose12): "no one was injured", "a convicted rapist", "passed away" and "have not approved it" are
    # no toll, verdict or approval (four of the six dev examples of round 11 were these)
    "toll": re.compile(rf"(?<!\bno )\b{_NUMBER} (?:[\w-]+ ){{0,4}}(?:were |was |have been |are )?(?:killed|dead|died|"
                       rf"injured|wounded)\b|\b(?:killing|killed|injuring|left) (?:at least )?{_NUMBER}\b|\btoll\b",
                       re.I),
    "verdict": re.compile(r"\b(?:found (?:not )?guilty|convicted(?! (?:rapist|killer|murderer|felon|sex|paedophile|"
                          r"pedophile|criminal|terrorist|fraudster|drug|child)\b)|acquitted|sentenced|jailed|"
                          r"pleaded guilty|recommended (?:the )?death|verdict)\b", re.I),
    "approval": re.compile(r"(?<!\bnot )(?<!n't )\b(?:approved|passed(?! away\b)|signed into law|ratified|"
                           r"gave (?:final )?approval|voted to)\b", re.I),
    "deal": re.compile(r"\b(?:agreed to (?:buy|acquire|sell)|will (?:buy|acquire)|to buy|to acquire|takeover of|"
                       r"merger with|deal)\b[^.]{0,80}?(?:[$£€]\s?\d[\d,.]*\s?(?:bn|m|million|billion)?|"
                       r"\d[\d,.]* (?:million|billion))", re.I),
}


def summary_misses_event(summary: str, article: str) -> bool:
    """One of the first two sentences states a toll, verdict, approval or sized deal, and the summary
    carries neither that sentence (half its content words) nor another statement of that kind."""
    for sentence in article_sentences(article)[:2]:
        kinds = [p for p in _MAIN_EVENTS.values() if p.search(sentence)]
        if kinds:
            said = _content(summary)
            carried = len(_content(sentence) & said) >= 0.5 * max(1, len(_content(sentence)))
            return not carried and not any(p.search(summary) for p in kinds)
    return False


def placement_contradicts(analysis: str) -> bool:
    """The closing placement line says the opposite of the hype wording before it."""
    text = analysis.lower()
    low = any(p in text for p in ("hype is low", "telling is sober", "close to the facts", "so hype is low"))
    high = bool(re.search(r"hype is (?:high|extreme)", text))
    return bool((low and "more noise than substance" in text)
                or (high and ("coverage is proportionate to the substance" in text
                              or "substance outweighs the noise" in text)))


def articles(data: Path):
    """(corpus, id, title, text or None, html or None) for every real article in ``data``."""
    for r in load(data, "frank_cnndm_xsum_summaries") or []:
        yield f"frank-{r['dataset']}", f"frank:{r['id'][:8]}", "", r["article"], None
    for r in load(data, "ecbplus_story_clusters") or []:
        yield "ecbplus", f"ecb:{r['doc_id']}", "", r["text"], None
    for r in load(data, "propaganda_ptc_semeval2020t11") or []:
        yield "ptc", f"ptc:{r['article_id']}", "", r["text"], None
    for r in load(data, "impact_ratings") or []:
        yield "impact_ratings", f"rated:{r['id']}", r.get("title") or "", r["text"], None
    for i, r in enumerate(load(data, "article_extraction_scrapinghub") or []):
        yield "extraction-html", f"html:{str(r.get('id', i))[:8]}", "", None, r["html"]


def run(data: Path, examples: int = 0) -> dict:
    from newsverdict.card.pipeline import analyze
    from newsverdict.errors import InputError
    from newsverdict.sources.extract import from_html

    totals: Counter = Counter()
    per_corpus: dict[str, Counter] = defaultdict(Counter)
    cards = refused = 0
    openings: set[str] = set()
    shown: Counter = Counter()
    start = time.perf_counter()
    where: dict[str, list[str]] = defaultdict(list)
    for corpus, ident, title, text, html in articles(data):
        try:
            page = from_html(html, origin=corpus) if html is not None else None
            card = analyze(page) if page is not None else analyze(text, title=title)
        except InputError:
            refused += 1
            continue
        if page is not None:
            text = page.text  # the article as extracted, not the page's menus (the opinion test reads it)
        cards += 1
        payload = card.model_dump()
        signals = {s["name"]: s for s in payload["signals"]}
        defects = card_defects(payload, signals, text, titled=bool(title) or html is not None)
        totals.update(defects)
        per_corpus[corpus].update(defects)
        for name in defects:
            where[name].append(ident)
        openings.add(" ".join(card.analysis.split()[:4]))
        for name in defects:
            if shown[name] < examples:
                shown[name] += 1
                print(f"[{name}] {ident}: H={card.headline!r}\n  KP={card.key_points!r}\n  S={card.summary[:300]!r}\n"
                      f"  A={card.analysis[:400]!r}\n", file=sys.stderr)
    return {"cards": cards, "refused": refused, "seconds": round(time.perf_counter() - start, 1),
            "distinct analysis openings (first 4 words)": len(openings),
            "defects": dict(totals), "per_corpus": {k: dict(v) for k, v in per_corpus.items()},
            "ids": {k: sorted(v) for k, v in where.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--json", type=Path, help="write the counts as JSON")
    parser.add_argument("--compare", type=Path, help="JSON of a previous run (e.g. the previous release)")
    parser.add_argument("--examples", type=int, default=0, help="print N examples of each defect to stderr")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"bench.prose_defects: no data directory at {args.data}", file=sys.stderr)
        return 2
    result = run(args.data, args.examples)
    before = json.loads(args.compare.read_text()) if args.compare else None
    names = sorted(set(result["defects"]) | set(before["defects"] if before else []),
                   key=lambda n: (n.strip().split(":")[0], n.startswith(" "), n))
    print(f"{'defect class (cards with it; broken points counted one by one)':<62}"
          + (f"{'previous':>10}" if before else "") + f"{'now':>8}")
    for name in names:
        row = f"{name:<62}"
        if before:
            row += f"{before['defects'].get(name, 0):>10}"
        print(row + f"{result['defects'].get(name, 0):>8}")
    for key in ("cards", "refused", "distinct analysis openings (first 4 words)", "seconds"):
        row = f"{key:<62}"
        if before:
            row += f"{before.get(key, ''):>10}"
        print(row + f"{result[key]:>8}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


# --- analysis11 (issue 9 item 4): clauses of the analysis false of the article, found by reading seeds 81 and 82 ---
#: The article's sentences that tell the development: the first few (a card's "what was done" and its kind of event
#: are said of these; what comes later is background, reaction or history).
_EVENT_SENTENCES = 4
_HOOK_OPENING = re.compile(r"^(?:[^:]{0,40}:\s)?[\"“‘'](?:[^\"”’']+\s){3}|"
                           r"^(?:[^:]{0,40}:\s)?(?:Never before|Imagine|It['’]s hard to|"
                           r"It is hard to|All sorts of|Once upon)\b|\?$")
_IRREGULAR_PAST = {"won", "lost", "sold", "bought", "struck", "shot", "fled", "led", "met", "paid", "hit", "fell",
                   "signed into law"}


def _lead_size(n: int) -> int:
    return max(5, math.ceil(0.4 * n))


def _where(quoted: str, sentences: list[str]) -> int:
    return next((i for i, s in enumerate(sentences) if quoted in s), -1)


def kind_on_one_word(analysis: str, article: str) -> bool:
    """The analysis names a kind of event of which the development and the article's first sentences hold one word
    only ("a murder victim" a cleaner feared, who was a 900-year-old mummy; a cup named in passing)."""
    kind = named_kind(analysis)
    if not kind or kind == "opinion piece" or not article:
        return False
    development = re.sub(r"^[^:]{0,40}:\s", "", _development(analysis))
    sentences = article_sentences(article)
    lead = [t for t in sentences[:_EVENT_SENTENCES] if development[:60] not in t]
    if not lead:
        return False
    cues = sum(len(re.findall(rf"\b(?:{_KIND_EVENT[kind]})\b", t, re.I)) for t in [development, *lead])
    return cues < 2


def figures_off_the_lead(analysis: str, article: str) -> bool:
    """A figure cited as at stake that the article states only after its lead (a reward, tents made ready, another
    man's 19 seasons) or only inside a speaker's quotation."""
    sentences = article_sentences(article) if article else []
    cited = re.search(r"(?:figures at stake \(|it cites )([^)]*?)(?:\)|, but)", analysis)
    for quoted in re.findall(r"“([^”]+)”", cited.group(1)) if cited and sentences else []:
        at = _where(quoted, sentences)
        if at < 0:
            continue
        spans = re.findall(r"[“\"][^”\"]*[”\"]", sentences[at])
        if at >= _lead_size(len(sentences)) or any(quoted in q for q in spans):
            return True
    return False


def action_off_the_event(analysis: str, article: str) -> list[str]:
    """'What was done' names an event noun ("what was done (earthquake)"), or an action the article tells only as
    background: after its first sentences, or in a sentence dated years before the article's latest year ("killed in
    an airplane crash" on February 3, 1959, in a story about a manuscript sold this week)."""
    out = []
    done = re.search(r"what was done \(([^)]*)\)", analysis)
    words = [w.strip() for w in done.group(1).split(",")] if done else []
    if any(not w.endswith("ed") and w not in _IRREGULAR_PAST for w in words):
        out.append("analysis: 'what was done' names an event, not a deed (earthquake)")
    told = re.search(r"what (?:was done|happened) \(([^)]*)\)", analysis)
    sentences = article_sentences(article) if article else []
    years = [int(y) for y in re.findall(r"\b(?:19[5-9]\d|20[0-3]\d)\b", article)]
    for word in [w.strip() for w in told.group(1).split(",")] if told and sentences else []:
        hits = [i for i, s in enumerate(sentences) if re.search(rf"\b{re.escape(word)}\b", s, re.I)]
        dated = [i for i in hits if any(int(y) < max(years) for y in re.findall(r"\b(?:19[5-9]\d|20[0-3]\d)\b",
                                                                                   sentences[i]))]
        if hits and all(i >= _EVENT_SENTENCES or i in dated for i in hits) \
                and not re.search(rf"\b{re.escape(word)}\b", _development(analysis), re.I):
            out.append("analysis: 'what was done' from the story's background, not its development")
            break
    return out


def decision_denied(analysis: str) -> bool:
    """The analysis says the text names no binding decision, yet its development or its "done" words report one
    (a pardon "signed", a man "jailed")."""
    if "binding decisions" not in analysis or not re.search(r"names no [^.;]*binding decisions", analysis):
        return False
    development = _development(analysis)
    done = re.search(r"reports it as done \(([^)]*)\)", analysis)
    said = development + " " + (done.group(1) if done else "")
    return bool(re.search(r"\b(?:signed|passed|approved|ratified|enacted|ruled|jailed|sentenced|convicted|fined|"
                          r"pardon(?:ed|s)?|fired|sacked|appointed|elected)\b", said, re.I))


def development_not_the_event(analysis: str, article: str) -> bool:
    """The development is a writer's hook, a quotation or a question ("Never before in NBA history have coaches
    fallen ...", "All sorts of historical cross-currents play off each other ..."), or a sentence dated years back,
    where the lead tells what happened."""
    development = _development(analysis)
    bare = re.sub(r"^(?:The article (?:claims|argues|says)|According to the article|The development|What happened|"
                  r"The report's core|At its core this is an? [a-z ]+):?,?\s", "", development)
    if _HOOK_OPENING.search(bare.strip()):
        return True
    years = [int(y) for y in re.findall(r"\b(?:19[5-9]\d|20[0-3]\d)\b", article)] if article else []
    dated = re.search(r"^(?:In|On|Back in)\s(?:[A-Z][a-z]+\s)?(?:\d{1,2},?\s)?((?:19|20)\d\d)\b", bare)
    return bool(dated and years and int(dated.group(1)) < max(years))


def platform_or_place_as_actor(analysis: str, article: str) -> bool:
    """An actor that the article names only as a platform people used ("67 Facebook profiles") or as the place of a
    place ("at Valdosta State University, Georgia")."""
    actors = re.search(r"(?:who is involved \(|it involves |involves )([^)]*?)(?:\)|, but|[;.])", analysis)
    for name in [a.strip() for a in re.split(r",| and ", actors.group(1))] if actors and article else []:
        hits = list(re.finditer(rf"(?<![\w.]){re.escape(name)}(?!\w)", article))
        if hits and all(re.match(r"\s+(?:profiles?|pages?|users?|accounts?|posts?|groups?|friends)\b",
                                 article[m.end():m.end() + 20])
                        or re.search(r"\b(?:in|at|from|near) (?:[A-Z][\w'’.-]+ ){0,4}[A-Z][\w'’.-]+, $",
                                     article[max(0, m.start() - 60):m.start()]) for m in hits):
            return True
    return False



if __name__ == "__main__":
    sys.exit(main())
