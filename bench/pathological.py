"""Cost per MB of hostile input shapes through the public pipeline (issue 11, items 2 and 5).

Each shape is grown to several sizes and run through the stage it stresses (``clean``, the whole
``analyze``, or HTML extraction then ``analyze``); the table gives seconds, seconds per MB and the
growth exponent between the two largest sizes (1 = linear, 2 = quadratic).

    python -m bench.pathological                 # all shapes, 16/64/256 KB
    python -m bench.pathological --sizes 16 64   # smaller, faster
    python -m bench.pathological --only dots

A size is skipped once the one before it took longer than --budget seconds.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable

PREFIX = (
    "Parliament approves national minimum wage rise for 6 million workers\n\n"
    "The national parliament on Thursday approved a law raising the minimum wage by 12% from January, a change "
    "the labour ministry said would cover 6 million workers and cost employers $9.4 billion a year. The "
    "legislation passed by 302 votes to 211 after a two-month debate and was signed by the president the same "
    "evening, the government said in a statement.\n\n"
)


def _text(unit: str, size: int, tail: str = " and the law passed.") -> str:
    return PREFIX + "The vote was close" + unit * max(1, (size - len(PREFIX)) // len(unit)) + tail


def _paragraphs(size: int, near: bool) -> str:
    out, n = [], 0
    while sum(map(len, out)) < size:
        tail = f"item {n}" if near else f"item {n} word{n} term{n} other{n}"
        out.append(f"The council met on day {n} and voted on budget {tail} after a long debate about roads.")
        n += 1
    return PREFIX + "\n\n".join(out)


#: name -> (stage, input builder of a size in bytes)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "dots": ("analyze", lambda n: _text(".", n, "and the law passed.")),
    "exclamations": ("analyze", lambda n: _text("!", n, "and the law passed.")),
    "?! pairs": ("analyze", lambda n: _text("?!", n, "and the law passed.")),
    "ellipses": ("analyze", lambda n: _text("…", n, "and the law passed.")),
    "initials 'x. '": ("clean", lambda n: _text("x. ", n)),
    "abbreviations 'Mr. '": ("clean", lambda n: _text("Mr. ", n)),
    "one long word": ("analyze", lambda n: _text("a", n)),
    "quote-heavy": ("analyze", lambda n: _text(' "This is a terrible disaster and a wonderful triumph," '
                                                "the minister said.", n)),
    "figures": ("analyze", lambda n: _text(" $1.5 million, 12% and 3,000 people;", n)),
    "near-duplicate paragraphs": ("analyze", lambda n: _paragraphs(n, near=True)),
    "distinct paragraphs": ("analyze", lambda n: _paragraphs(n, near=False)),
    "HTML <p> paragraphs": ("html", lambda n: "<html><body><article>" + "".join(
        f"<p>Paragraph {i} word{i} term{i} says the council voted on the roads budget.</p>"
        for i in range(max(1, n // 80))) + "</article></body></html>"),
    "HTML empty <p>": ("html", lambda n: "<html><body>" + "<p>" * (n // 3) + "</body></html>"),
}


def run_stage(stage: str, payload: str) -> str:
    """Run ``payload`` through ``stage``; the outcome: 'ok' or the refusal's message."""
    from newsverdict.card.clean import clean
    from newsverdict.card.pipeline import analyze
    from newsverdict.errors import InputError
    from newsverdict.sources.extract import from_html, from_text

    try:
        if stage == "clean":
            clean(from_text(payload, origin="bench"), check_language=False)
        elif stage == "html":
            analyze(from_html(payload, origin="bench"))
        else:
            analyze(from_text(payload, origin="bench"))
        return "ok"
    except InputError as exc:
        return "refused: " + str(exc).split(": ", 1)[-1][:50]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[16, 64, 256], help="sizes in KB")
    parser.add_argument("--only", default="", help="run the shapes whose name contains this")
    parser.add_argument("--budget", type=float, default=60.0, help="skip larger sizes after a run this slow")
    args = parser.parse_args(argv)
    run_stage("analyze", PREFIX * 3)  # warm up: imports, models, lexicons
    print(f"{'shape':<28} {'stage':<8} " + " ".join(f"{s:>6} KB" for s in args.sizes)
          + f" {'s/MB':>7} {'growth':>6}  outcome")
    for name, (stage, build) in SHAPES.items():
        if args.only and args.only not in name:
            continue
        times: list[tuple[int, float]] = []
        outcome = ""
        for kb in args.sizes:
            if times and times[-1][1] > args.budget:
                break
            payload = build(kb * 1024)
            started = time.perf_counter()
            outcome = run_stage(stage, payload)
            times.append((len(payload.encode()), time.perf_counter() - started))
        cells = [f"{t:>7.2f}s" for _, t in times] + ["       -"] * (len(args.sizes) - len(times))
        size, seconds = times[-1]
        per_mb = seconds / (size / 1e6)
        growth = "-"
        if len(times) >= 2:
            (s1, t1), (s2, t2) = times[-2], times[-1]
            growth = f"{math.log(max(t2, 1e-3) / max(t1, 1e-3)) / math.log(s2 / s1):.2f}"
        print(f"{name:<28} {stage:<8} " + " ".join(cells) + f" {per_mb:>7.1f} {growth:>6}  {outcome}", flush=True)


if __name__ == "__main__":
    main()
