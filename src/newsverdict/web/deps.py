"""What a route may depend on: the app's state, set once by ``create_app`` on ``app.state``, and read
back through FastAPI dependencies (never through closures over the factory's locals).

- ``OpenStore``: opens the store (one connection per ``with``; SQLite connections stay in their thread).
- ``Policy``: the URL policy (private addresses refused unless the server was started to allow them).
- ``UrlFetcher``: the one guarded fetch for clients, through ``sources.extract.fetch`` and a bounded
  number of fetch slots.
- ``Writer``: the LLM prose writer, or None (the embedded prose).
- ``Jobs``: the board of background jobs (feed ingests).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request

from newsverdict.llm import LLMConfig, LLMProse
from newsverdict.sources.extract import fetch as fetch_url
from newsverdict.sources.net import UrlPolicy
from newsverdict.stories.store import Store, StoreCache, default_db_path
from newsverdict.web.jobs import JobBoard

#: Largest request body accepted (a pasted article or an uploaded page).
MAX_BODY_BYTES = 2 * 1024 * 1024
#: URL fetches running at once for clients (each holds a worker thread up to the fetch deadline):
#: more are answered 429 at once, so that slow servers elsewhere cannot take every thread from the pages.
MAX_CONCURRENT_FETCHES = 8


@dataclass(frozen=True)
class Fetcher:
    """Fetches a URL for a client under the server's URL policy, in one of a bounded number of slots."""

    policy: UrlPolicy
    slots: threading.BoundedSemaphore
    limit: int

    def fetch(self, url: str) -> tuple[bytes, str]:
        if not self.slots.acquire(blocking=False):
            raise HTTPException(429, f"{self.limit} URL fetches are already running; try again shortly")
        try:
            return fetch_url(url, policy=self.policy)
        finally:
            self.slots.release()


def install_state(app: FastAPI, db: str | Path | None, *, allow_private_urls: bool,
                  llm_config: LLMConfig | None) -> None:
    """Everything the routes share, on ``app.state``: the store's path, the URL policy and fetcher, the
    LLM writer (when a backend is configured) and the job board."""
    db_path = Path(db) if db else default_db_path()
    policy = UrlPolicy(allow_private=allow_private_urls)
    app.state.db_path = db_path
    app.state.url_policy = policy
    app.state.fetcher = Fetcher(policy, threading.BoundedSemaphore(MAX_CONCURRENT_FETCHES), MAX_CONCURRENT_FETCHES)
    app.state.llm_writer = None
    if llm_config is not None and llm_config.backend != "none":
        app.state.llm_writer = LLMProse(llm_config, cache=StoreCache(db_path))
    app.state.jobs = JobBoard()


# The dependencies are async: they only read app.state, so they need no worker thread.


async def store_opener(request: Request) -> Callable[[], Store]:
    return partial(Store, request.app.state.db_path)


async def url_policy(request: Request) -> UrlPolicy:
    return request.app.state.url_policy


async def url_fetcher(request: Request) -> Fetcher:
    return request.app.state.fetcher


async def llm_writer(request: Request) -> LLMProse | None:
    return request.app.state.llm_writer


async def job_board(request: Request) -> JobBoard:
    return request.app.state.jobs


OpenStore = Annotated[Callable[[], Store], Depends(store_opener)]
Policy = Annotated[UrlPolicy, Depends(url_policy)]
UrlFetcher = Annotated[Fetcher, Depends(url_fetcher)]
Writer = Annotated[LLMProse | None, Depends(llm_writer)]
Jobs = Annotated[JobBoard, Depends(job_board)]
