"""Build src/newsverdict/data/loaded_words.json from the PTC propaganda spans.

    python -m scripts.build_loaded_lexicon [--data DIR]

Counts, on the seeded *train* part (70 %) of propaganda_ptc_semeval2020t11,
how often each lower-case word falls inside a Loaded_Language,
Name_Calling,Labeling or Exaggeration,Minimisation span versus anywhere.
Words inside such spans at least MIN_HITS times and at least MIN_RATIO of the
time are kept, with that ratio as their weight. Proper nouns (mostly written
capitalised) and stop words are left out: the lexicon is about tone, not about
who is talked about. The curated SENSATIONAL list in lexicons.py complements it.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from bench.datasets import DEFAULT_DATA_DIR, load, split
from newsverdict.card.text import STOPWORDS

OUT = Path(__file__).resolve().parents[1] / "src" / "newsverdict" / "data" / "loaded_words.json"
TECHNIQUES = {"Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation"}
MIN_HITS = 3
MIN_RATIO = 0.3
TRAIN_SHARE = 0.7
WORD = re.compile(r"[A-Za-z][a-z]+(?:['-][a-z]+)*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    train, _ = split(load(args.data, "propaganda_ptc_semeval2020t11"), "article_id", train=TRAIN_SHARE)
    # Articles that impact_ratings also holds are left out, so the hype weights fitted
    # there (scripts/fit_weights.py) are not checked on text the lexicon was learnt from.
    rated = {r["id"].split(":", 1)[1] for r in load(args.data, "impact_ratings") or []
             if r["id"].startswith("propaganda_ptc_semeval2020t11:")}
    train = [a for a in train if str(a["article_id"]) not in rated]
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for art in train:
        text = art["text"]
        spans = [(s["start"], s["end"]) for s in art["spans"] if s["technique"] in TECHNIQUES]
        for m in WORD.finditer(text):
            w = m.group(0).lower()
            total[w] += 1
            mid_sentence = m.start() > 0 and text[m.start() - 2 : m.start()].strip() not in {".", "!", "?", ""}
            if m.group(0)[0].isupper() and mid_sentence:
                capitalised[w] += 1
            if any(s <= m.start() < e for s, e in spans):
                inside[w] += 1
    words = {}
    for w, hits in inside.items():
        if hits < MIN_HITS or w in STOPWORDS or len(w) < 4 or capitalised[w] > 0.5 * total[w]:
            continue
        ratio = hits / (total[w] + 1)
        if ratio >= MIN_RATIO:
            words[w] = round(ratio, 3)
    payload = {"source": f"propaganda_ptc_semeval2020t11 train part ({len(train)} articles), "
                         "scripts/build_loaded_lexicon.py", "min_hits": MIN_HITS, "min_ratio": MIN_RATIO,
               "words": dict(sorted(words.items()))}
    OUT.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"{len(words)} words -> {OUT}")
    print(", ".join(sorted(words, key=lambda w: -words[w])[:80]))


if __name__ == "__main__":
    main()
