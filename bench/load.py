"""Load check of the analyze API: N concurrent clients on loopback, bounded in count and time.

    python -m bench.load [--clients 8] [--requests 200] [--max-seconds 60] [--json FILE]
    python -m bench.load --mixed --clients 16 --requests 2000   # pages, API and hostile requests

With ``--mixed``, the store is seeded with the example corpus and the clients cycle through
pages (/, a story, /feeds, /analyze), the API (stories, a story, digests, analyze) and hostile
requests (an over-complex search, huge ids and numbers, cross-site and foreign-Host posts, a HEAD);
the report counts responses by status class (no 5xx is the pass mark), the latency percentiles and
the server process's resident memory at the start, the middle and the end.

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
    parser.add_argument("--mixed", action="store_true", help="pages, API and hostile requests on a seeded store")
    args = parser.parse_args()
    if args.mixed:
        mixed(args)
        return

    import httpx

    import newsverdict
    from bench.liveserver import LiveServer

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

    with tempfile.TemporaryDirectory() as tmp, LiveServer(Path(tmp) / "load.db") as server:
        assert server.url.startswith("http://127.0.0.1:")
        wall = asyncio.run(_drive(server.url, args, 30, lambda w, q, d, h: client(w, q, d, h)))
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


async def _drive(base: str, args: argparse.Namespace, timeout: float, client) -> float:
    """Run ``args.clients`` clients over a queue of ``args.requests`` request numbers until it is empty or
    ``args.max_seconds`` pass; the wall time. ``client(worker, queue, deadline, http)`` does the requests."""
    import httpx

    queue: asyncio.Queue = asyncio.Queue()
    for n in range(args.requests):
        queue.put_nowait(n)
    deadline = time.perf_counter() + args.max_seconds
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as http:
        start = time.perf_counter()
        await asyncio.gather(*(client(w, queue, deadline, http) for w in range(args.clients)))
        return time.perf_counter() - start


def _rss_mb() -> float:
    """Resident memory of this process (the server runs in it), in MB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def mixed(args: argparse.Namespace) -> None:
    import httpx

    from bench.liveserver import LiveServer, seed_store

    examples = ROOT / "examples"
    texts = [p.read_text() for p in sorted(examples.glob("*.md")) + sorted(examples.glob("*.txt"))]
    hostile_q = " AND ".join(["t*"] * 200)
    requests: list[tuple[str, str, dict]] = [
        ("GET", "/", {}), ("GET", "/?since=all&min_impact=5", {}), ("GET", "/story/{story}", {}),
        ("GET", "/feeds", {}), ("GET", "/analyze", {}), ("GET", "/api/stories?since=all", {}),
        ("GET", "/api/stories/{story}", {}), ("GET", "/api/digest?since=all&format=markdown", {}),
        ("GET", "/api/digest?since=all&format=html", {}), ("POST", "/api/analyze", {"json": {"text": texts[0]}}),
        ("POST", "/api/analyze", {"json": {"text": texts[-1]}}), ("GET", "/?q=vote+OR+strike&since=all", {}),
        # hostile: all must be 4xx, never 5xx
        ("GET", "/?q=" + hostile_q, {}), ("GET", "/story/99999999999999999999999", {}),
        ("GET", "/api/stories?since=99999999999999999999d", {}), ("GET", "/?min_impact=99999999999999999999", {}),
        ("POST", "/feeds/1/remove", {"headers": {"Origin": "http://evil.example"}}),
        ("GET", "/api/stories", {"headers": {"Host": "evil.example"}}), ("HEAD", "/", {}),
        ("POST", "/api/analyze", {"json": {"url": "http://169.254.169.254/latest/meta-data/"}}),
    ]
    statuses: dict[str, int] = {}
    latencies: list[float] = []
    memory: list[float] = []
    errors = 0

    async def client(queue: asyncio.Queue, deadline: float, http: httpx.AsyncClient, story: int) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            try:
                n = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            method, path, extra = requests[n % len(requests)]
            start = time.perf_counter()
            try:
                response = await http.request(method, path.format(story=story), **extra)
                latencies.append(time.perf_counter() - start)
                key = f"{response.status_code // 100}xx"
                statuses[key] = statuses.get(key, 0) + 1
            except httpx.HTTPError:
                errors += 1
            if n % max(1, args.requests // 10) == 0:
                memory.append(round(_rss_mb(), 1))

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        seed_store(db)
        from newsverdict.stories.store import Store

        with Store(db) as store:
            story = store.stories()[0]["story_id"]
        with LiveServer(db) as server:
            assert server.url.startswith("http://127.0.0.1:")
            memory.append(round(_rss_mb(), 1))
            wall = asyncio.run(_drive(server.url, args, 60, lambda w, q, d, h: client(q, d, h, story)))
            memory.append(round(_rss_mb(), 1))
    ordered = sorted(latencies)

    def pct(p: float) -> float | None:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else None

    report = {
        "mode": "mixed", "clients": args.clients, "requests_done": len(latencies), "requests_asked": args.requests,
        "wall_s": round(wall, 2), "requests_per_s": round(len(latencies) / wall, 1) if wall else 0.0,
        "statuses": dict(sorted(statuses.items())), "transport_errors": errors,
        "p50_ms": pct(0.5), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": pct(1.0),
        "rss_mb_samples": memory, "no_5xx": statuses.get("5xx", 0) == 0 and errors == 0,
    }
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
