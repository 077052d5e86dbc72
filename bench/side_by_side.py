"""Two source trees side by side on the batch worker's path, for a machine whose load will not hold still.

    git archive BASE src | tar -x -C /tmp/base                        # the tree to compare against
    python -m bench.side_by_side CORPUS /tmp/base/src [--size 250]    # CORPUS: python -m bench.firehose build

Two long-lived processes, one importing each tree (this checkout's ``src`` and the other), take turns on the
same records, one article at a time, both pinned to one core (``taskset -c 0``): whatever the neighbours do
falls on both alike, where two runs minutes apart (``bench.worker_stages`` twice) differed by 25 % on a
shared machine. Each process first reads 150 records of the corpus's first WARC file (models, lexicons,
trafilatura and dateparser's locale patterns load once per worker), then the turns run over ``--size``
records of the second file, in alternating order. Prints the mean CPU (``process_time``) of extraction
(``article_of``) and of the worker's whole row (``batch.work._article_row``: extraction, clean, card,
fingerprint, MinHash, story terms) for each tree, over the records both turned into an article.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

WARM_UP = 150


def serve(corpus: Path, size: int) -> None:
    """Answer "file record" lines with the record's CPU: [extraction s, whole row s, refused]."""
    from datetime import UTC, datetime

    from newsverdict.batch import inputs, work
    from newsverdict.sources.corpus import article_of

    items = {}
    for file_index, limit in ((0, WARM_UP), (1, size)):
        with sorted(corpus.glob("*.warc.gz"))[file_index].open("rb") as handle:
            for n, record in enumerate(inputs._warc_responses(handle, parse=True)):
                if n >= limit:
                    break
                entry = inputs._warc_item(n, "bench", record)
                if entry.item is not None:
                    items[(file_index, n)] = entry
    now = datetime(2026, 12, 1, tzinfo=UTC)
    clock = time.process_time
    for line in sys.stdin:
        entry = items.get(tuple(map(int, line.split())))  # type: ignore[arg-type]
        if entry is None:
            print(json.dumps(None), flush=True)
            continue
        t0 = clock()
        with contextlib.suppress(Exception):  # a page the worker refuses: its row says so below
            article_of(entry.item)
        t1 = clock()
        row = work._article_row(entry.rec, entry.item, entry.fallback_date, now)
        t2 = clock()
        print(json.dumps([t1 - t0, t2 - t1, bool(row.get("error"))]), flush=True)


def compare(corpus: Path, other_src: Path, size: int) -> dict[str, dict[str, float]]:
    here = Path(__file__).resolve().parents[1] / "src"
    trees = {"this tree": here, str(other_src): other_src}
    procs = {
        name: subprocess.Popen(["taskset", "-c", "0", sys.executable, "-m", "bench.side_by_side", str(corpus),
                                "--serve", "--size", str(size)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, cwd=here.parent, env={**os.environ, "PYTHONPATH": f"{path}:{here.parent}"})
        for name, path in trees.items()
    }

    def ask(name: str, file_index: int, n: int):
        proc = procs[name]
        proc.stdin.write(f"{file_index} {n}\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        return json.loads(proc.stdout.readline())  # type: ignore[union-attr]

    for n in range(WARM_UP):
        for name in procs:
            ask(name, 0, n)
    spent = {name: [0.0, 0.0] for name in procs}
    done = 0
    names = list(procs)
    for n in range(size):
        answers = {name: ask(name, 1, n) for name in (names if n % 2 else names[::-1])}
        if any(a is None or a[2] for a in answers.values()):
            continue
        done += 1
        for name, (extract, row, _) in answers.items():
            spent[name][0] += extract
            spent[name][1] += row
    for proc in procs.values():
        proc.stdin.close()  # type: ignore[union-attr]
        proc.wait()
    return {name: {"articles": done, "extraction_ms": round(e / max(1, done) * 1000, 2),
                   "worker_row_ms": round(r / max(1, done) * 1000, 2)} for name, (e, r) in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("other_src", type=Path, nargs="?", help="the other tree's src directory")
    parser.add_argument("--size", type=int, default=250)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.corpus, args.size)
        return
    if args.other_src is None:
        parser.error("give the other tree's src directory")
    for name, figures in compare(args.corpus, args.other_src, args.size).items():
        print(f"{name}: {figures}")


if __name__ == "__main__":
    main()
