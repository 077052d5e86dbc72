"""Choose the story clustering thresholds on the train topics of ECB+ (seeded split by topic).

    python -m scripts.tune_stories [--data DIR]

Prints B-cubed F1 on the train topics for each (join, merge) pair, the chosen
pair, and its figure on the val topics, which the choice never saw. The chosen
values are written by hand into stories.py (JOIN_THRESHOLD, MERGE_THRESHOLD).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.datasets import DEFAULT_DATA_DIR, load, part
from bench.quality import bcubed
from newsverdict.stories.cluster import StoryDoc, cluster


def score(rows: list[dict], join: float, merge: float) -> float:
    labels = cluster([StoryDoc(r["doc_id"], r["text"]) for r in rows], join, merge)
    return bcubed([r["cluster_id"] for r in rows], labels)[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    rows = load(args.data, "ecbplus_story_clusters")
    train = [r for r in rows if part(f"topic:{r['topic']}", train=0.5) == "train"]
    val = [r for r in rows if part(f"topic:{r['topic']}", train=0.5) != "train"]
    print(f"train topics: {len({r['topic'] for r in train})} ({len(train)} docs); "
          f"val topics: {len({r['topic'] for r in val})} ({len(val)} docs)")
    grid = [(j, m) for j in (0.1, 0.12, 0.15, 0.18, 0.22) for m in (0.3, 0.4, 0.5, 1.1)]
    results = {(j, m): score(train, j, m) for j, m in grid}
    for (j, m), f in sorted(results.items()):
        print(f"join {j:<5} merge {m:<4} train B3 F1 {f:.3f}")
    best = max(sorted(results), key=lambda k: results[k])
    print(f"chosen join={best[0]} merge={best[1]}: train {results[best]:.3f}, val {score(val, *best):.3f}")


if __name__ == "__main__":
    main()
