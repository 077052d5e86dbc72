"""Hash everything a user sees for the examples: cards, stories, digest, web pages and API answers.

A restructure must not change one byte of what the tool writes. Run this before and after:

    python -m scripts.output_hashes --save before.txt     # on the old tree
    python -m scripts.output_hashes --check before.txt    # on the new tree: lists every output that moved

The clock is frozen (time-machine) and the configuration, data directory and ``NEWSVERDICT_*``
variables are cleared, so two runs of one tree print the same hashes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import time_machine
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FROZEN = "2026-11-20T12:00:00+00:00"
CARD_FORMATS = ("text", "markdown", "json", "jsonl", "html")
DIGEST_FORMATS = ("text", "markdown", "html", "json", "atom", "jsonfeed")


def _digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()[:16]


def _cli_outputs(db: Path) -> Iterator[tuple[str, str]]:
    from newsverdict.cli import app

    runner = CliRunner()

    def stdout(*args: str) -> str:
        return runner.invoke(app, list(args), catch_exceptions=False).stdout

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args), catch_exceptions=False)
        return f"exit {result.exit_code}\n{result.stdout}\nstderr:\n{result.stderr}"

    for example in sorted(p for p in EXAMPLES.iterdir() if p.is_file()):
        for fmt in CARD_FORMATS:
            yield f"analyze {example.name} -f {fmt}", run("analyze", str(example), "--format", fmt)
        for fmt in ("text", "json", "markdown"):
            yield f"analyze {example.name} -f {fmt} --explain", run("analyze", str(example), "--format", fmt,
                                                                     "--explain")
    yield "schema", run("schema")
    yield "ingest corpus", run("ingest", str(EXAMPLES / "corpus" / "articles.jsonl"), "--db", str(db))
    for fmt in ("text", "json"):
        yield f"stories -f {fmt}", run("stories", "--since", "all", "--format", fmt, "--db", str(db))
    ids = [json.loads(line)["story_id"] for line in
           stdout("stories", "--since", "all", "--format", "jsonl", "--db", str(db)).splitlines() if line]
    for story_id in ids:
        for fmt in CARD_FORMATS:
            yield f"story {story_id} -f {fmt}", run("story", str(story_id), "--format", fmt, "--db", str(db))
        yield f"story {story_id} --explain", run("story", str(story_id), "--explain", "--db", str(db))
    for fmt in DIGEST_FORMATS:
        yield f"digest -f {fmt}", run("digest", "--since", "all", "--format", fmt, "--db", str(db))
    yield "search", run("search", "strike", "--db", str(db))
    out = db.parent / "batch"
    yield "batch corpus", run("batch", str(EXAMPLES / "corpus" / "articles.jsonl"), "--out", str(out))
    for name in ("articles.parquet", "cards.parquet", "stories.parquet", "digest.md", "digest.html"):
        yield f"batch {name}", (out / name).read_bytes().hex()
    yield "bad input: missing file", run("analyze", str(EXAMPLES / "no-such-article.txt"))
    yield "bad input: unknown story", run("story", "999999", "--db", str(db))


def _web_outputs(db: Path) -> Iterator[tuple[str, str]]:
    from fastapi.testclient import TestClient

    from newsverdict.web import create_app

    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    stories = client.get("/api/stories", params={"since": "all"}).json()
    paths = ["/", "/?since=all", "/about", "/docs", "/analyze", "/feeds", "/outlets?since=all",
             "/digest?since=all", "/digest.atom?since=all", "/digest.json?since=all", "/api/digest?since=all",
             "/api/stories?since=all", "/style.css", "/openapi.json", "/story/999999", "/api/stories/999999"]
    paths += [f"/story/{s['story_id']}" for s in stories] + [f"/api/stories/{s['story_id']}" for s in stories]
    outlets = sorted({src["source"] for s in stories for src in s["sources"]})
    paths += [f"/outlet?source={name}&since=all" for name in outlets] + ["/outlet?source=Nobody"]
    for path in paths:
        response = client.get(path)
        yield f"GET {path}", f"{response.status_code} {response.headers.get('content-type')}\n{response.text}"
    for example in ("eu-battery-law.md", "celebrity-rumour.txt"):
        body = {"text": (EXAMPLES / example).read_text(), "title": "", "source": "example"}
        response = client.post("/api/analyze", json=body)
        yield f"POST /api/analyze {example}", f"{response.status_code}\n{response.text}"
    form = client.get("/analyze").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    fields = {"text": (EXAMPLES / "eu-battery-law.md").read_text(), "csrf_token": token.group(1) if token else ""}
    response = client.post("/analyze", data=fields)
    page = re.sub(r'name="csrf_token" value="[^"]+"', 'name="csrf_token" value=""', response.text)
    yield "POST /analyze", f"{response.status_code}\n{page}"


def output_hashes() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        for name in [n for n in os.environ if n.startswith("NEWSVERDICT_")]:
            del os.environ[name]
        os.environ["HOME"] = tmp
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        db = Path(tmp) / "examples.db"
        with time_machine.travel(FROZEN, tick=False):
            outputs = dict(_cli_outputs(db))
            outputs.update(_web_outputs(db))
    return {name: _digest(text.replace(str(db.parent), "TMP")) for name, text in outputs.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write the hashes to this file")
    parser.add_argument("--check", type=Path, help="compare with a file written by --save")
    args = parser.parse_args()
    hashes = output_hashes()
    lines = [f"{digest}  {name}" for name, digest in hashes.items()]
    if args.save:
        args.save.write_text("\n".join(lines) + "\n")
    if args.check:
        before = dict(line.split("  ", 1)[::-1] for line in args.check.read_text().splitlines() if line)
        moved = sorted(n for n in before.keys() | hashes.keys() if before.get(n) != hashes.get(n))
        for name in moved:
            print(f"changed: {name}  {before.get(name, '-')} -> {hashes.get(name, '-')}")
        print(f"{len(hashes)} outputs, {len(moved)} changed")
        return 1 if moved else 0
    if not args.save:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
