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
    r"Image copyright|Getty Images|Follow us|Sign up|Copy this link|"
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
_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|"
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


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘']?[A-Z])", text.strip()) if s]


def broken_point(point: str) -> str:
    """Why a key point is not a whole, publishable statement ('' if it is)."""
    text = point.strip()
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
    if not _VERB.search(text):
        return "no main verb"
    return ""


def card_defects(card: dict, signals: dict[str, dict]) -> Counter:
    """Defect counts of one card (a Verdict as a dict)."""
    d: Counter = Counter()
    points = card["key_points"]
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
            or _is_furniture(headline)):
        d["headline: cut, fragment, stamp or furniture"] += 1
    first = re.sub(r"\W", "", summary.split()[0]).lower() if summary.split() else ""
    if first in _DANGLING_OPENERS:
        d["summary: opens with a pronoun/connective"] += 1
    if any(_overlap(a, b) > 0.8 for i, a in enumerate(summary_sentences) for b in summary_sentences[i + 1:]):
        d["summary: repeated fact"] += 1
    if summary.endswith("…"):
        d["summary: cut"] += 1
    d += analysis_defects(card["analysis"], signals)
    return d


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


def articles(data: Path):
    """(corpus, title, text or None, html or None) for every real article in ``data``."""
    for r in load(data, "frank_cnndm_xsum_summaries") or []:
        yield f"frank-{r['dataset']}", "", r["article"], None
    for r in load(data, "ecbplus_story_clusters") or []:
        yield "ecbplus", "", r["text"], None
    for r in load(data, "propaganda_ptc_semeval2020t11") or []:
        yield "ptc", "", r["text"], None
    for r in load(data, "impact_ratings") or []:
        yield "impact_ratings", r.get("title") or "", r["text"], None
    for r in load(data, "article_extraction_scrapinghub") or []:
        yield "extraction-html", "", None, r["html"]


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
    for corpus, title, text, html in articles(data):
        try:
            card = analyze(from_html(html, origin=corpus)) if html is not None else analyze(text, title=title)
        except InputError:
            refused += 1
            continue
        cards += 1
        payload = card.model_dump()
        signals = {s["name"]: s for s in payload["signals"]}
        defects = card_defects(payload, signals)
        totals.update(defects)
        per_corpus[corpus].update(defects)
        openings.add(" ".join(card.analysis.split()[:4]))
        for name in defects:
            if shown[name] < examples:
                shown[name] += 1
                print(f"[{name}] {corpus}: H={card.headline!r}\n  KP={card.key_points!r}\n  S={card.summary[:300]!r}\n"
                      f"  A={card.analysis[:400]!r}\n", file=sys.stderr)
    return {"cards": cards, "refused": refused, "seconds": round(time.perf_counter() - start, 1),
            "distinct analysis openings (first 4 words)": len(openings),
            "defects": dict(totals), "per_corpus": {k: dict(v) for k, v in per_corpus.items()}}


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


if __name__ == "__main__":
    sys.exit(main())
