"""Speed of the single-article pipeline.

    python -m bench.speed [--runs 50] [--json FILE]

1. ``analyze`` on an 800-word article, in process, after warm-up: median and p90 of the CPU time
   (``time.process_time``: on a shared machine the wall clock also counts the neighbours' work),
   and the time of each stage (clean, signals, scores, prose).
2. A fresh process: ``newsverdict --help`` and a first ``newsverdict analyze`` (wall).

The article is generated deterministically from templates (no data needed);
when ../shared/data/dev holds FRANK articles, real ones of about 800 words are timed too.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.datasets import DEFAULT_DATA_DIR, load

ROOT = Path(__file__).resolve().parents[1]

_ACTORS = ["The finance ministry", "The European Commission", "Regional officials", "The central bank",
           "Union leaders", "The port authority", "Analysts at a large bank", "The health regulator",
           "Lawmakers in the lower house", "The country's largest carmaker"]
_VERBS = ["said on Tuesday that", "confirmed in a statement that", "warned that", "estimated that",
          "told reporters that", "announced that"]
_CLAIMS = ["spending on rail would rise by {n}% over {y} years",
           "about {k},000 households would receive the payment from {month}",
           "the plan could cost ${b} billion and may need new legislation",
           "{k},000 workers had been affected by the shutdown in {c} regions",
           "exports to {c} neighbouring countries fell by {n}% in the quarter",
           "the new rules would take effect in {month} and last until 20{y}",
           "sources familiar with the talks expected a deal within {n} days",
           "the shocking decline was the biggest in {y} decades"]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


def synthetic_article(words: int = 800, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            claim = rng.choice(_CLAIMS).format(n=rng.randint(2, 40), y=rng.randint(2, 9), k=rng.randint(2, 900),
                                               b=rng.randint(1, 90), c=rng.randint(2, 12),
                                               month=rng.choice(_MONTHS))
            sentences.append(f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} {claim}.")
        para = " ".join(sentences)
        paragraphs.append(para)
        count += len(para.split())
    return "Government unveils spending plan as exports slow\n\n" + "\n\n".join(paragraphs)


def _forget_texts() -> None:
    """Empty the card's per-text caches, so that timing one article again and again costs what a new article does."""
    from newsverdict.card import clean, prose, signals, text

    caches = [clean.is_furniture_sentence, signals._intensity, signals._technique_sentence]
    # prose's per-sentence caches, whichever this version has
    caches += [getattr(prose, name) for name in ("_figures_in", "_content_set", "_statement", "_usable_text")
               if hasattr(getattr(prose, name, None), "cache_clear")]
    for cached in caches:
        cached.cache_clear()
    text._NORMALIZED.clear()


def time_in_process(text: str, runs: int) -> dict:
    from newsverdict.card.clean import clean
    from newsverdict.card.pipeline import analyze
    from newsverdict.card.prose import write
    from newsverdict.card.scoring import score, weigh
    from newsverdict.card.signals import measure
    from newsverdict.sources.extract import from_text

    for _ in range(5):
        analyze(text)
    totals, stages = [], {"clean": [], "signals": [], "scores": [], "prose": []}
    for _ in range(runs):
        _forget_texts()
        t0 = time.process_time()
        cleaned = clean(from_text(text))
        t1 = time.process_time()
        signals = weigh(measure(cleaned))
        t2 = time.process_time()
        scores = score(signals)
        t3 = time.process_time()
        write(cleaned, signals, scores)
        t4 = time.process_time()
        _forget_texts()
        start = time.process_time()
        analyze(text)
        totals.append(time.process_time() - start)
        for name, (a, b) in zip(stages, [(t0, t1), (t1, t2), (t2, t3), (t3, t4)], strict=True):
            stages[name].append(b - a)
    ordered = sorted(totals)
    return {
        "words": len(text.split()),
        "median_ms": round(1000 * statistics.median(totals), 2),
        "p90_ms": round(1000 * ordered[int(0.9 * (len(ordered) - 1))], 2),
        "stages_median_ms": {k: round(1000 * statistics.median(v), 2) for k, v in stages.items()},
    }


def time_fresh_process(args: list[str], runs: int = 5) -> float:
    exe = str(Path(sys.executable).with_name("newsverdict"))
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, *args], capture_output=True, check=True)
        walls.append(time.perf_counter() - start)
    return round(statistics.median(walls), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report: dict = {"synthetic_800": time_in_process(synthetic_article(), args.runs)}
    frank = load(args.data, "frank_cnndm_xsum_summaries")
    if frank:
        real = [r["article"] for r in frank if 700 <= len(r["article"].split()) <= 900][:10]
        if real:
            medians = [time_in_process(text, max(5, args.runs // 10))["median_ms"] for text in real]
            report["frank_700_900_words"] = {"articles": len(real), "median_of_medians_ms":
                                             round(statistics.median(medians), 2)}
    report["fresh_process_help_s"] = time_fresh_process(["--help"])
    report["fresh_process_first_analyze_s"] = time_fresh_process(["analyze", str(ROOT / "examples/eu-battery-law.md")])
    report["fresh_process_first_analyze_html_s"] = time_fresh_process(
        ["analyze", str(ROOT / "examples/port-strike.html")])
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
