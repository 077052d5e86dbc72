"""Clean stage: normalise text, drop boilerplate and repeated paragraphs, split sentences."""

from __future__ import annotations

import re

from .errors import InputError
from .models import Article, CleanArticle, Sentence
from .text import guess_language, normalize, shingles, split_sentences, words

#: Fewer words than this cannot be judged: the signals need some text to measure.
MIN_WORDS = 40
#: Two paragraphs whose word-trigram sets overlap this much are the same paragraph
#: (scraped pages repeat blocks with small edits: a changed date, a dropped word).
NEAR_DUPLICATE_JACCARD = 0.8
#: A paragraph is compared with this many kept paragraphs before it, not all of them, so that
#: the check stays linear on a page of thousands of paragraphs (exact repeats are caught anywhere).
NEAR_DUPLICATE_WINDOW = 64

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


def _near(a: frozenset[int], b: frozenset[int]) -> bool:
    """Jaccard(a, b) >= NEAR_DUPLICATE_JACCARD, skipping sets whose sizes alone rule it out."""
    small, large = sorted((len(a), len(b)))
    if not large or small < NEAR_DUPLICATE_JACCARD * large:
        return False
    common = len(a & b)
    return common >= NEAR_DUPLICATE_JACCARD * (len(a) + len(b) - common)


def clean(article: Article, *, min_words: int = MIN_WORDS, check_language: bool = True) -> CleanArticle:
    """De-duplicate and split ``article``; raise ``InputError`` if it cannot be judged."""
    origin = article.origin
    kept: list[str] = []
    kept_shingles: list[frozenset[int]] = []
    seen_exact: set[str] = set()
    repeats = boilerplate = 0
    for raw in split_paragraphs(normalize(article.text)):
        para = strip_markdown(raw)
        if not para:
            continue
        stripped = _BOILERPLATE_PREFIX.sub("", para)
        if stripped != para:
            boilerplate += 1
            para = stripped
            if not para:
                continue
        if len(para.split()) <= _BOILERPLATE_MAX_WORDS and _BOILERPLATE.match(para):
            boilerplate += 1
            continue
        key = re.sub(r"\W+", " ", para.lower()).strip()
        if key in seen_exact:
            repeats += 1
            continue
        sh = frozenset(map(hash, shingles(para)))  # ints: cheaper to intersect than tuples of words
        if len(sh) >= 6 and any(_near(sh, other) for other in kept_shingles[-NEAR_DUPLICATE_WINDOW:]):
            repeats += 1
            continue
        seen_exact.add(key)
        kept.append(para)
        kept_shingles.append(sh)

    title = normalize(article.title).strip()
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

    sentences: list[Sentence] = []
    offset = 0
    for index, para in enumerate(kept):
        for start, end in split_sentences(para):
            sentences.append(Sentence(para[start:end], index, offset + start, offset + end))
        offset += len(para) + 2  # the "\n\n" that joins paragraphs in CleanArticle.text
    return CleanArticle(
        article=article,
        title=title,
        paragraphs=tuple(kept),
        sentences=tuple(sentences),
        repeats_dropped=repeats,
        boilerplate_dropped=boilerplate,
        word_count=body_words,
    )
