"""Load check of the analyze API: N concurrent clients on loopback, bounded in count and time.

    python -m bench.load [--clients 8] [--requests 200] [--max-seconds 60] [--json FILE]

Starts the app with uvicorn on 127.0.0.1 (a random free port) in this process,
sends ``--requests`` POST /api/analyze calls from ``--clients`` concurrent
clients (the example articles in turn), and checks every response against the
card the library computes for the same text. Traffic never leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import httpx

    sys.path.insert(0, str(ROOT / "tests"))
    from webutil import LiveServer

    import newsverdict

    examples = ROOT / "examples"
    texts = [p.read_text() for p in sorted(examples.glob("*.md")) + sorted(examples.glob("*.txt"))]
    expected = [newsverdict.analyze(t).model_dump(mode="json") for t in texts]
    latencies: list[float] = []
    wrong = errors = 0

    async def client(worker: int, queue: asyncio.Queue, deadline: float, http: httpx.AsyncClient) -> None:
        nonlocal wrong, errors
        while time.perf_counter() < deadline:
            try:
                n = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            i = n % len(texts)
            start = time.perf_counter()
            try:
                response = await http.post("/api/analyze", json={"text": texts[i]})
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200 or response.json() != expected[i]:
                    wrong += 1
            except httpx.HTTPError:
                errors += 1

    async def run(base: str) -> float:
        queue: asyncio.Queue = asyncio.Queue()
        for n in range(args.requests):
            queue.put_nowait(n)
        deadline = time.perf_counter() + args.max_seconds
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            start = time.perf_counter()
            await asyncio.gather(*(client(w, queue, deadline, http) for w in range(args.clients)))
            return time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp, LiveServer(Path(tmp) / "load.db") as server:
        assert server.url.startswith("http://127.0.0.1:")
        wall = asyncio.run(run(server.url))
    done = len(latencies)
    ordered = sorted(latencies)
    report = {
        "clients": args.clients, "requests_sent": done + errors, "wall_s": round(wall, 2),
        "requests_per_s": round(done / wall, 1) if wall else 0.0,
        "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
        "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1) if ordered else None,
        "wrong_responses": wrong, "transport_errors": errors,
        "all_correct": wrong == 0 and errors == 0 and done == args.requests,
    }
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
