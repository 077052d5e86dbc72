"""A seeded store and a live server on loopback, shared by the benchmarks (bench/load.py, bench/front.py)
and the web and browser tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsverdict.sources.corpus import RawItem
from newsverdict.stories.ingest import ingest_items
from newsverdict.stories.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def seed_store(path: Path) -> None:
    """The example corpus, re-dated to the last few hours so the default 24 h view shows it."""
    now = datetime.now(UTC)
    items = []
    for n, line in enumerate((EXAMPLES / "corpus" / "articles.jsonl").read_text().splitlines()):
        obj = json.loads(line)
        obj["published"] = (now - timedelta(hours=20 - n)).isoformat()
        items.append(RawItem(origin=f"corpus:{n}", **obj))
    with Store(path) as store:
        ingest_items(store, items, now=now)


class LiveServer:
    def __init__(self, db: Path, **app_kwargs):
        import uvicorn

        from newsverdict.web import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        config = uvicorn.Config(create_app(db, **app_kwargs), host="127.0.0.1", port=self.port, log_level="error")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
