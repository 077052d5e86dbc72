"""CPU time of the batch worker's path per article, by stage and by signal.

    python -m bench.worker_stages CORPUS [--size 250] [--file 0]

CORPUS is a firehose corpus (``python -m bench.firehose build``). The first ``--size`` records of one of
its WARC files go through what ``batch.work._article_row`` does (extraction, clean, each signal, scores,
prose and the card, its JSON, the fingerprint, the MinHash signature, the story terms), after 20 records
of warm-up, with the per-process caches kept as a worker keeps them. CPU time (``process_time``): on a
shared machine the wall clock counts the neighbours too. Prints mean ms an article, largest first.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections import defaultdict
from pathlib import Path


def stage_times(corpus: Path, size: int, file_index: int = 0) -> tuple[int, dict[str, float]]:
    from newsverdict.batch import inputs
    from newsverdict.card import signals as sig
    from newsverdict.card.clean import clean
    from newsverdict.card.pipeline import card_fields
    from newsverdict.card.registry import pipeline
    from newsverdict.card.scoring import score, weigh
    from newsverdict.models import Verdict
    from newsverdict.sources.corpus import article_of
    from newsverdict.stories.cluster import terms
    from newsverdict.stories.repeats import fingerprint, minhash

    items = []
    with sorted(corpus.glob("*.warc.gz"))[file_index].open("rb") as handle:
        for n, record in enumerate(inputs._warc_responses(handle, parse=True)):
            if n >= size + 20:
                break
            items.append(inputs._warc_item(n, "bench", record))
    spent: dict[str, float] = defaultdict(float)
    specs = pipeline("impact") + pipeline("hype")
    clock = time.process_time

    def one(item, record: bool) -> None:
        t0 = clock()
        article = article_of(item)
        t1 = clock()
        cleaned = clean(article)
        t2 = clock()
        doc = sig._Doc(cleaned)
        measured = []
        t = clock()
        for spec in specs:
            measured.append(spec.compute(doc))
            u = clock()
            if record:
                spent["signal " + spec.name] += u - t
            t = u
        signals = weigh(measured)
        scores = score(signals)
        t3 = clock()
        verdict = Verdict(**card_fields(article, cleaned, signals, scores, None))
        t4 = clock()
        verdict.model_dump_json()
        t5 = clock()
        fingerprint(cleaned.text)
        t6 = clock()
        minhash(cleaned.text).hashvalues.astype("uint64").tobytes()
        t7 = clock()
        terms(cleaned.title or verdict.headline, cleaned.text)
        t8 = clock()
        if record:
            for key, a, b in (("extract", t0, t1), ("clean", t1, t2), ("signals (all, with scores)", t2, t3),
                              ("prose and card", t3, t4), ("card JSON", t4, t5), ("fingerprint", t5, t6),
                              ("MinHash", t6, t7), ("story terms", t7, t8)):
                spent[key] += b - a

    for entry in items[:20]:  # lexicons, models and trafilatura's lazy imports load once per worker
        with contextlib.suppress(Exception):
            one(entry.item, False)
    done = 0
    for entry in items[20:]:
        if entry.item is None:
            continue
        try:
            one(entry.item, True)
            done += 1
        except Exception:  # a record the worker reports as an error: not an article's cost
            continue
    return done, {k: v / max(1, done) * 1000 for k, v in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--size", type=int, default=250)
    parser.add_argument("--file", type=int, default=0, help="which WARC file of the corpus (sorted)")
    args = parser.parse_args()
    done, ms = stage_times(args.corpus, args.size, args.file)
    total = sum(v for k, v in ms.items() if not k.startswith("signal "))
    print(f"articles {done}, worker {total:.2f} ms of CPU an article")
    for key, value in sorted(ms.items(), key=lambda kv: -kv[1]):
        print(f"  {key:36s} {value:7.3f}")


if __name__ == "__main__":
    main()
