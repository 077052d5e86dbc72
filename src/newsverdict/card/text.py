"""Small, dependency-free text utilities shared by the analysis stages."""

from __future__ import annotations

import re
import unicodedata

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
TOKEN_RE = re.compile(r"\w+", re.UNICODE)

#: Abbreviations after which a full stop never ends a sentence: titles and ranks before a name
#: ("Dr.", "Army Spc.", "Gen.") and a few that always take a following word ("vs.", "approx.").
_TITLES = frozenset(
    """mr mrs ms mx dr prof sen sens rep reps gov gen lt col sgt capt cpl cpt pvt pfc spc maj adm cmdr
    cdr brig det insp supt const ofc cllr amb asst atty rev fr msgr hon pres messrs mme mlle vs v fig figs nos approx
    dept
    est cf""".split()
)
#: Abbreviations that may also close a sentence ("... in the U.S. The company ..."): a full stop
#: after them is a boundary only when the next word is one that opens sentences ("The", "He").
_FINAL_ABBREVIATIONS = frozenset(
    """inc ltd co corp plc llc bros jr sr st mt ft ave blvd rd etc jan feb mar apr jun jul aug sep
    sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ala ariz ark calif colo conn del fla
    ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash
    wis wyo govt univ assn""".split()
)
#: A run of terminal punctuation and the closing quotes or brackets after it. Each run is
#: matched once, whatever its length, so splitting is linear in the text (no backtracking).
_TERMINAL = re.compile(r"[.!?…]+[\"'”’)\]]*")
_LAST_TOKEN = re.compile(r"[\w.'’\-]+$")
_NEXT_WORD = re.compile(r"[\"“'‘(\[]*(\w+)")
_DOUBLE_QUOTE = re.compile(r"[\"“”]")
_QUOTE_CLOSES_SOON = re.compile(r"[^\"“”.!?]{1,30}[\"”]")
_TIME_FOLLOWERS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday et est edt pt pst pdt ct cst gmt bst utc local
    january february march april may june july august september october november december""".split()
)
_ACRONYM_BEFORE = re.compile(r"(?<![\w.])[A-Z]{2,6}$")  # "...by someone from BT.Now a woman ..."
_DOMAIN_AFTER = re.compile(r"(?:COM|ORG|NET|GOV|EDU|Com|Org|Net)(?![A-Za-z])")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s", "p.m", "d.c"; not "6.8"

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


_GLUED_TITLE = re.compile(r"\b(Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Gen|Lt|Sgt|Capt|Col|Prof|Rev)\.(?=[A-Z][a-z])")
_MOJIBAKE = re.compile(r"[ÂÃ][\u0080-\u00bf]|â€")
_PTB_OPEN = re.compile(r"``\s?")
_PTB_CLOSE = re.compile(r"\s?''(?=\s|$|[.,;:!?])")


_SPLIT_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3]): ([0-5]\d)(?![\d:])")
_SPLIT_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3}), (\d{3})(?![\d,]|\.\d)")
_SPLIT_DECIMAL = re.compile(
    r"(?<![\d.])(\d{1,3})\. (\d{1,2})(?= ?(?:magnitude|earthquake|quake|percent|per cent|%|million|billion|trillion|"
    r"bn\b|m\b|am\b|pm\b|a\.m|p\.m|miles|km|kilomet|degrees))",
    re.I,
)


_SPLIT_DOUBLE_HYPHEN = re.compile(r"(?<=[\w.,)\"”’])- - (?=[\w\"“‘(])")
_SPLIT_CONTRACTION = re.compile(r"(\w) ([’']) (t|s|re|ve|ll|d|m)\b")
#: Detokenised quotes of the same corpora: "‘ Hunger Games ’", "“ I heard ...”", "'party girl ' reputation",
#: "the Globes ' typical audience" (a plural possessive). A curly mark is told open or closed by its shape; a
#: straight single mark after a word and before a space or punctuation closes a quote or a plural's possessive.
#: A closing mark before a letter ("whip ’em up") is left alone.
_SPACED_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))([“‘]) (?=[\w$£€])")
_SPACED_CLOSING = re.compile(r"(?<=[\w.,!?%’']) ([”’])(?=[\s.,;:!?)\]]|$)", re.M)
_SPACED_STRAIGHT_CLOSING = re.compile(r"(?<=[A-Za-z.,!?]) '(?=[\s.,;:!?)]|$)", re.M)
#: Detokenised initials and abbreviations: "U. S.", "A. J. Smith", "N. J.", "a. m." -> "U.S.", "A.J. Smith".
_SPLIT_INITIALS = re.compile(r"\b([A-Z])\. (?=[A-Z]\.)")
_SPLIT_AM_PM = re.compile(r"\b([ap])\. m\.")
#: A decimal split after its point before anything but a capital: "(14. 1 rating", "Windows 8. 1 when", "13. 6
#: percent". The splitter already ends no sentence between two figures, so joining them changes only the text.
#: One digit after the point only: "52 to 48. 12 members abstained" is two sentences.
_SPLIT_DECIMAL_ANY = re.compile(r"(?<![\d.,])(\d{1,3})\. (\d)(?= ?(?:[a-z%)/]|$))", re.M)
#: A calibre or a batting average whose point went to the word before: "a. 357 caliber", "He hit. 308 with".
_SPLIT_CALIBRE = re.compile(r"\b([a-z]+)\. (\d{3})(?=[ -](?:caliber|calibre|[Mm]agnum|revolver|handgun|pistol|rifle|"
                            r"average|hitter|with \d)|"
                            r"(?:,| and) \d+ (?:homers|home runs|hits|RBIs?))")


#: A closing straight quote split from its sentence at the end of a line: 'a sequel to "The Hunger Games. "' (ECB+).
#: Nothing follows on the line for it to open, so it closes.
_SPACED_STRAIGHT_END = re.compile(r'(?<=[.!?,]) "(?=[ ]*(?:\n|$))')
#: A stray quotation mark opening a reporter's sentence that ends on its source: '"A man suspected of shooting three
#: people ... was arrested ..., authorities said.' (the mark opens nothing that closes on its line).
_STRAY_OPENING_QUOTE = re.compile(r'^"(?=[A-Z])([^"\n]{40,}, (?:[\w.\'’-]+ ){0,4}(?:said|says)\.)[ ]*$', re.M)
#: A name glued to the next word in the source: "Police said Johnsonwas in the crosswalk" (ECB+). Split only where
#: the name stands alone elsewhere in the text and the glued word does not.
_GLUED_NAME = re.compile(r"\b([A-Z][a-z]{3,})(was|were|had|has|said|says|and|the|who|with)\b")


def _unglue_names(text: str) -> str:
    def split(m: re.Match[str]) -> str:
        name, glued = m.group(1), m.group()
        if re.search(rf"\b{name}\b", text) and len(re.findall(rf"\b{glued}\b", text)) == 1:
            return f"{name} {m.group(2)}"
        return glued
    return _GLUED_NAME.sub(split, text)


#: A winning percentage or an average in brackets whose point was split off: "a mark of 182-158 (. 535)" (ECB+).
_SPLIT_BRACKETED_AVERAGE = re.compile(r"\(\. (\d{3})\)")
_DOT_SPACE_DIGIT = re.compile(r"\. \d")
_COLON_SPACE_DIGIT = re.compile(r": \d")
_COMMA_SPACE_DIGIT = re.compile(r", \d")


class _PrintableTable(dict):
    """A ``str.translate`` table that drops control, format, private-use and unassigned characters
    (Unicode category C) but newline and tab; each character's category is looked up once, then the
    table answers from C (a character-by-character filter in Python cost ~1 ms per 800 words)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = char if char in "\n\t" or unicodedata.category(char)[0] != "C" else None
        self[code] = kept
        return kept


_KEEP_PRINTABLE = _PrintableTable()


#: The last texts ``normalize`` returned: normalising is idempotent, so an article normalised on
#: reading costs nothing when the clean stage normalises it again. Cleared, not evicted, when full
#: (atomic in CPython, so safe for the web app's threads); four entries bound what it holds.
_NORMALIZED: dict[str, None] = {}


def normalize(text: str) -> str:
    """Unicode NFKC, unify quotes and dashes, drop control and zero-width characters."""
    if text in _NORMALIZED:
        return text
    out = _normalize(text)
    if len(_NORMALIZED) >= 4:
        _NORMALIZED.clear()
    _NORMALIZED[out] = None
    return out


def _normalize(text: str) -> str:
    if _MOJIBAKE.search(text):  # UTF-8 read as Latin-1 upstream: "Â£1,000" for "£1,000"
        import ftfy

        text = ftfy.fix_text(text, normalization="NFC")
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b-\u200f\u2060\ufeff\u00ad]", "", text)
    text = text.translate(_KEEP_PRINTABLE)
    text = text.replace("\t", " ")
    text = _GLUED_TITLE.sub(r"\1. ", text)  # "Alaska Gov.Sarah Palin"
    # PTB-tokenised corpora (ECB+) write quotes as `` and '': make them quotes again
    text = _PTB_OPEN.sub('"', text)
    text = _PTB_CLOSE.sub('"', text)
    text = re.sub(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
    # tokenised corpora (ECB+) split numbers at their punctuation: "09: 11 GMT", "1, 500", "a 5. 9 magnitude"
    # each guard is a literal the pattern needs, so most texts skip a full scan (same output)
    if _COLON_SPACE_DIGIT.search(text):
        text = _SPLIT_TIME.sub(r"\1:\2", text)
    if _COMMA_SPACE_DIGIT.search(text):
        text = _SPLIT_THOUSANDS.sub(r"\1,\2", text)
    text = _SPLIT_CONTRACTION.sub(r"\1\2\3", text)  # "don ’ t", "the team ’ s" of the same corpora
    if "- -" in text:  # their "--" dash split in two: "the burglary- - phoned Magruder" is "the burglary — phoned"
        text = _SPLIT_DOUBLE_HYPHEN.sub(" — ", text)
    if " ’" in text or " ”" in text or "‘ " in text or "“ " in text:
        text = _SPACED_CLOSING.sub(r"\1", _SPACED_OPENING.sub(r"\1", text))
    if " '" in text:
        text = _SPACED_STRAIGHT_CLOSING.sub("'", text)
    if ' "' in text:
        text = _SPACED_STRAIGHT_END.sub('"', text)
    if '"' in text:
        text = _STRAY_OPENING_QUOTE.sub(r"\1", text)
    text = _unglue_names(text)
    if ". " in text:
        text = _SPLIT_AM_PM.sub(r"\1.m.", _SPLIT_INITIALS.sub(r"\1.", text))
    if _DOT_SPACE_DIGIT.search(text):  # the three decimal and calibre patterns all need ". " before a digit
        text = _SPLIT_CALIBRE.sub(r"\1 .\2", text)
        text = _SPLIT_BRACKETED_AVERAGE.sub(r"(.\1)", text)
        text = _SPLIT_DECIMAL_ANY.sub(r"\1.\2", text)
        text = _SPLIT_DECIMAL.sub(r"\1.\2", text)
    return text


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits)."""
    if text.isascii():  # lower-casing ASCII first gives the same tokens, in one call
        return TOKEN_RE.findall(text.lower())
    return [t.lower() for t in TOKEN_RE.findall(text)]


def _opens_sentence(word: str) -> bool:
    """A capitalised function word ("The", "He", "But") can only be the start of a sentence."""
    return word[:1].isupper() and (word.lower() in STOPWORDS or word in {"A", "I"})


def _is_boundary(paragraph: str, run_start: int, run_end: int, quote_open_at: int) -> bool:
    """Whether the terminal punctuation ``paragraph[run_start:run_end]`` ends a sentence."""
    punct = paragraph[run_start]
    nxt = paragraph[run_end : run_end + 1]
    if not nxt:
        return True
    glued = not nxt.isspace()
    if glued:
        # "word.Word" glue (BBC/XSum texts: "...until 2019.Short-format..."): a boundary only
        # between a lower-case word or a figure and a capitalised word; never "4.6", "U.S.A",
        # "bbc.co.uk" or "Ph.D".
        before = paragraph[run_start - 1 : run_start]
        after = paragraph[run_end : run_end + 2]
        acronym = _ACRONYM_BEFORE.search(paragraph, max(0, run_start - 8), run_start)
        if not (before.islower() or before.isdigit() or before in "\"'”’)" or acronym):
            return False
        if not after[:1].isupper() and after[:1] not in "\"“":
            return False
        if _DOMAIN_AFTER.match(paragraph, run_end):
            return False  # "VDARE.COM readers", "Amazon.COM": a web address, not two sentences
        if after[:1].isupper() and len(after) == 2 and not (after[1].isalpha() or after[1] in " '’"):
            return False
        if after[:1].isupper() and after[1:2].isupper() and not (before.isalpha() or before in "\"'”’"):
            return False  # "v2.BETA"; but "disappearance.CCTV footage" glues
    match = _NEXT_WORD.match(paragraph, run_end + (0 if glued else 1))
    next_word = match.group(1) if match else ""
    first = paragraph[run_end + (0 if glued else 1) : run_end + (1 if glued else 2)]
    if punct == "." and paragraph[run_start - 1 : run_start].isdigit() and next_word[:1].isdigit():
        return False  # a detokenised decimal or time: "£1. 7 million", "at 4. 30am"
    if next_word[:1].islower() or (first and first.islower()):
        return False  # "...?" he asked; "e.g. a case"; "3 p.m. on Friday"
    if punct not in ".…":
        return True
    token = _LAST_TOKEN.search(paragraph, max(0, run_start - 40), run_start)
    last = token.group(0).lower().strip(".'’-").rsplit("-", 1)[-1] if token else ""  # "Aoraki-Mt. Cook"
    if (quote_open_at >= 0 and run_start - quote_open_at < 40 and paragraph.count(" ", quote_open_at, run_start) < 3
            and _QUOTE_CLOSES_SOON.match(paragraph, run_end)):
        return False  # a title inside quotes: a report titled "Putin. War"
    if ((punct == "…" or paragraph.startswith("...", run_start))
            and (paragraph[max(0, run_start - 6):run_start].split() or [""])[-1].lower() in _NO_END_WORDS):
        return False  # a pause for effect: "the next host of the Academy Awards is … Ellen DeGeneres."
    if last in {"a.m", "p.m"}:
        return next_word.lower() not in _TIME_FOLLOWERS  # "6 p.m. Friday", but "6 p.m. Police said"
    if last in _TITLES:
        return False
    if last in {"no", "nos"}:
        return not next_word[:1].isdigit()  # "No. 5" but "the answer was no. Frederick ..."
    if last in _FINAL_ABBREVIATIONS or (len(last) == 1 and last.isalpha()) or _DOTTED.fullmatch(last):
        # "J. Smith", "Frederick C. LaRue", "U.S.", "p.m.": a boundary only before a sentence opener
        return _opens_sentence(next_word)
    return True


def _opens_quote(text: str, at: int, inside: bool) -> bool:
    """Whether the double quote at ``at`` opens a quotation: by its shape, else by parity."""
    ch = text[at]
    if ch in "“”":
        return ch == "“"
    before = text[at - 1 : at]
    after = text[at + 1 : at + 2]
    if (not before or before.isspace() or before in "([—–-") and after and not after.isspace():
        return True
    if before and not before.isspace() and (not after or after.isspace() or after in ".,;:!?)"):
        return False
    return not inside


#: Words no sentence ends with: an ellipsis after one is a pause, not an end.
_NO_END_WORDS = frozenset("is are was were be the a an of to and or by with for as his her their its".split())


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of one paragraph, in linear time.

    Right on decimals ("4.6 magnitude"), titles and ranks ("Army Spc."), initials,
    dotted abbreviations ("U.S."), quotations ("'...,' he said."), short titles inside
    quotes, and on sentences glued without a space ("until 2019.Short-format").
    """
    spans: list[tuple[int, int]] = []
    quotes = [m.start() for m in _DOUBLE_QUOTE.finditer(paragraph)]
    q = 0
    open_at = -1  # where the double quote we are inside opened, -1 when outside
    start = 0
    for match in _TERMINAL.finditer(paragraph):
        run_start, run_end = match.start(), match.end()
        while q < len(quotes) and quotes[q] < run_start:
            open_at = quotes[q] if _opens_quote(paragraph, quotes[q], open_at >= 0) else -1
            q += 1
        # closing quotes inside the run itself close the quotation ("... he said." ")
        inside = open_at if not any(c in "\"”" for c in match.group()) else -1
        if run_start <= start or not _is_boundary(paragraph, run_start, run_end, inside):
            continue
        if (paragraph[run_end - 1] == '"' and run_end < len(paragraph) and not paragraph[run_end].isspace()
                and open_at < 0):
            run_end -= 1  # 'said."Detectives ...': the glued quote opens the next sentence
        spans.append((start, run_end))
        start = run_end
        while start < len(paragraph) and paragraph[start].isspace():
            start += 1
        if any(c in "\"”" for c in match.group()):
            open_at = -1
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
    return sum(map(STOPWORDS.__contains__, toks)) / len(toks)  # the same count, without a generator


class _LatinTable(dict):
    """Is a letter of the Latin script? Each character's Unicode name is read once."""

    def __missing__(self, char: str) -> bool:
        latin = self[char] = "LATIN" in unicodedata.name(char, "")
        return latin


_LATIN_LETTER = _LatinTable()


def guess_language(text: str) -> str:
    """Name of the language of ``text`` when it is clearly not English, else "English".

    A stop-word profile is enough to tell English prose from anything else with
    high confidence, costs microseconds and needs no model file.
    """
    sample = text[:20000]
    # every letter of an ASCII text is Latin: the per-character look-up is for the others
    letters = [] if sample.isascii() else [ch for ch in sample if ch.isalpha()]
    if letters:
        latin = sum(map(_LATIN_LETTER.__getitem__, letters[:5000]))
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
