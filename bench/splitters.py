"""Sentence splitters on a gold set of real news sentences: boundary accuracy and speed.

    python -m bench.splitters [--data DIR] [--previous PATH_TO_OLD_TEXT_PY]

The gold set is built from ../shared/data/dev:

* FRANK CNN/DM: the ``article`` text against its ``article_sentences``;
* FRANK XSum: the ``article`` (BBC text whose sentences are glued, "2019.Short-format")
  against ``article_sentences``, whose own splitter missed the glue: a full stop between a
  lower-case word or figure and a capitalised word is added as a gold boundary;
* ECB+: runs of consecutive ``sentences`` that end in terminal punctuation, joined by a space
  (titles and date lines have no punctuation that any splitter could use).

Only boundaries right after terminal punctuation count: Daily Mail captions run into the next
sentence without any, which no punctuation splitter can find (the clean stage handles them).
Alternatives (pySBD, syntok, blingfire) are measured when importable; they are not dependencies.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

from bench.datasets import DEFAULT_DATA_DIR, load

_TERMINAL_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_GLUE = re.compile(r"(?<=[a-z0-9])[.!?](?=[\"”']?[A-Z][A-Za-z ])")
_CLOSERS = "\"'”’)] "


def _at_punct(text: str, end: int) -> int:
    """A boundary's offset just after its terminal punctuation: splitters differ on where a quote goes."""
    while end > 0 and text[end - 1] in _CLOSERS:
        end -= 1
    return end

Splitter = Callable[[str], list[str]]


def _ends(text: str, sentences: list[str]) -> set[int] | None:
    """Character offsets in ``text`` where the gold sentences end (None if they cannot be aligned)."""
    ends, pos = set(), 0
    for s in sentences:
        s = s.strip()
        at = text.find(s, pos)
        if at < 0:
            return None
        pos = at + len(s)
        if _TERMINAL_END.search(s):
            ends.add(_at_punct(text, pos))
    ends.discard(_at_punct(text, len(text.rstrip())))
    return ends


def gold_set(data: Path, norm: Callable[[str], str] | None = None, keyed: bool = False):
    """(corpus, text, gold boundary offsets) for every aligned document; with ``norm``, the text and each gold
    sentence as that normaliser writes them (``--normalized``: the card splits normalised text)."""
    out = []
    keys = []
    norm = norm or (lambda t: t)
    for i, r in enumerate(load(data, "frank_cnndm_xsum_summaries") or []):
        text = norm(r["article"])
        ends = _ends(text, [norm(s) for s in r["article_sentences"]])
        if ends is None:
            continue
        if r["dataset"] == "xsum":
            ends |= {_at_punct(text, m.end()) for m in _GLUE.finditer(text)}
        out.append((f"frank-{r['dataset']}", text, ends))
        keys.append(("frank", i))
    for i, r in enumerate(load(data, "ecbplus_story_clusters") or []):
        run: list[str] = []
        for j, s in enumerate([*r["sentences"], ""]):
            s = norm(s).strip()
            if s and _TERMINAL_END.search(s):
                run.append(s)
                continue
            if len(run) >= 2:
                text = " ".join(run)
                ends = _ends(text, run)
                if ends is not None:
                    out.append(("ecbplus", text, ends))
                    keys.append(("ecbplus", i, j))
            run = []
    return dict(zip(keys, out, strict=True)) if keyed else out


def _predicted_ends(text: str, sentences: list[str]) -> set[int]:
    ends, pos = set(), 0
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        at = text.find(s, pos)
        if at < 0:  # a splitter that rewrites text: align on its last characters
            at = text.find(s[-20:], pos)
            if at < 0:
                continue
            pos = at + len(s[-20:])
        else:
            pos = at + len(s)
        if _TERMINAL_END.search(text[:pos]):
            ends.add(_at_punct(text, pos))
    ends.discard(_at_punct(text, len(text.rstrip())))
    return ends


def _spans_splitter(fn) -> Splitter:
    return lambda text: [text[a:b] for a, b in fn(text)]


#: Each release's own normaliser, for ``--normalized``.
NORMALIZERS: dict[str, Callable[[str], str]] = {}


def splitters(previous: Path | None) -> dict[str, Splitter]:
    from newsverdict.card.text import normalize, split_sentences

    found: dict[str, Splitter] = {"newsverdict": _spans_splitter(split_sentences)}
    NORMALIZERS["newsverdict"] = normalize
    if previous is not None and previous.exists():
        module = types.ModuleType("previous_text")
        exec(compile(previous.read_text(), str(previous), "exec"), module.__dict__)
        found = {"previous release": _spans_splitter(module.split_sentences), **found}
        NORMALIZERS["previous release"] = module.normalize
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pySBD 0.3"] = seg.segment
    except ImportError:
        pass
    try:
        from syntok import segmenter

        def syntok_split(text: str) -> list[str]:
            return ["".join(t.spacing + t.value for t in sent).strip()
                    for para in segmenter.analyze(text) for sent in para]

        found["syntok 1.4"] = syntok_split
    except ImportError:
        pass
    try:
        import blingfire

        found["blingfire 0.1"] = lambda text: blingfire.text_to_sentences(text).split("\n")
    except ImportError:
        pass
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--previous", type=Path, help="text.py of the previous release, to compare")
    parser.add_argument("--normalized", action="store_true",
                        help="give our splitters the text as each release's text.normalize writes it (gold sentences "
                             "normalised alike), as the card does; other splitters get the raw text")
    args = parser.parse_args(argv)
    gold = gold_set(args.data)
    if not gold:
        print(f"bench.splitters: no FRANK or ECB+ data in {args.data}", file=sys.stderr)
        return 2
    corpora = sorted({c for c, _, _ in gold})
    n_bounds = sum(len(e) for _, _, e in gold)
    print(f"gold set: {len(gold)} texts, {n_bounds} boundaries "
          + ", ".join(f"{c}={sum(1 for g in gold if g[0] == c)}" for c in corpora))
    found = splitters(args.previous)
    normalised: dict[str, list[tuple[str, str, set[int]]]] = {}
    if args.normalized:
        # the texts that align under every normaliser (a mark moved between two gold sentences loses a text), so
        # that the releases are compared on the same documents
        keyed = {name: gold_set(args.data, norm, keyed=True) for name, norm in NORMALIZERS.items()}
        common = set.intersection(*(set(k) for k in keyed.values()))
        normalised = {name: [v for k, v in g.items() if k in common] for name, g in keyed.items()}
        print(f"normalised: {len(common)} texts align under every normaliser, boundaries "
              + ", ".join(f"{n}={sum(len(e) for _, _, e in g)}" for n, g in normalised.items()))
    header = f"{'splitter':<18}" + "".join(f"{c + ' F1':>16}" for c in corpora)
    header += f"{'all P':>8}{'all R':>8}{'all F1':>8}{'ms/1k words':>13}"
    print(header)
    for name, split in found.items():
        per: dict[str, list[int]] = {c: [0, 0, 0] for c in [*corpora, "all"]}
        times = []
        own = normalised.get(name, gold)
        for corpus, text, ends in own:
            start = time.perf_counter()
            predicted = _predicted_ends(text, split(text))
            times.append((time.perf_counter() - start) * 1000 / max(1, len(text.split())) * 1000)
            for key in (corpus, "all"):
                per[key][0] += len(predicted & ends)
                per[key][1] += len(predicted - ends)
                per[key][2] += len(ends - predicted)

        def f1(tp: int, fp: int, fn: int) -> float:
            return 2 * tp / max(1, 2 * tp + fp + fn)

        tp, fp, fn = per["all"]
        row = f"{name:<18}" + "".join(f"{100 * f1(*per[c]):>16.1f}" for c in corpora)
        row += f"{100 * tp / max(1, tp + fp):>8.1f}{100 * tp / max(1, tp + fn):>8.1f}{100 * f1(tp, fp, fn):>8.1f}"
        row += f"{statistics.median(times):>13.2f}"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
