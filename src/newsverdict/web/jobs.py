"""Background jobs of the web app: a feed ingest runs in a thread while its page (/jobs/{id}) reports
progress. Jobs live in memory for the life of the server; the store keeps what they ingested."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from newsverdict.errors import NewsverdictError
from newsverdict.sources.net import UrlPolicy
from newsverdict.stories.store import Store


@dataclass
class Job:
    id: str
    kind: str
    started: float = field(default_factory=time.time)
    done: int = 0
    skipped: list[str] = field(default_factory=list)
    finished: bool = False
    summary: str = ""
    error: str = ""


class JobBoard:
    """The jobs started by this server, by id (requests add and list them from several threads)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def new(self, kind: str) -> Job:
        job = Job(id=uuid.uuid4().hex[:10], kind=kind)
        with self._lock:
            self._jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def latest(self, count: int) -> list[Job]:
        """The ``count`` most recently started jobs, newest first."""
        with self._lock:
            jobs = list(self._jobs.values())
        return sorted(jobs, key=lambda j: -j.started)[:count]


def start_ingest(board: JobBoard, open_store: Callable[[], Store], policy: UrlPolicy) -> Job:
    """Fetch every feed in a background thread (under the server's URL policy); the job records progress."""
    job = board.new("ingest")
    threading.Thread(target=_ingest, args=(job, open_store, policy), daemon=True).start()
    return job


def _ingest(job: Job, open_store: Callable[[], Store], policy: UrlPolicy) -> None:
    from newsverdict.stories.ingest import ingest_feeds

    def on_item(label: str, error: str | None) -> None:
        job.done += 1
        if error:
            job.skipped.append(f"{label}: {error}")

    try:
        with open_store() as s:
            job.summary = ingest_feeds(s, on_item=on_item, policy=policy).summary()
    except NewsverdictError as exc:
        job.error = str(exc)
    except Exception as exc:
        job.error = f"internal error ({type(exc).__name__})"
    finally:
        job.finished = True
