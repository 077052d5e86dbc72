"""Engines run a function over tasks and hand back the results as they finish.

``local``: a process pool on this machine (in-process for one worker).
``ray``: Ray core tasks, on a local Ray started here or on an existing cluster
(``address``, or ``RAY_ADDRESS``). Results come back to the driver through the
engine (Ray's object store), so workers need to read the input but never
write anywhere: the driver alone writes the output and the resume state.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsverdict.errors import EngineError, InputError


class LocalEngine:
    name = "local"

    def __init__(self, workers: int):
        self.workers = workers
        self._pool = None

    def map(self, fn: Callable[..., Any], tasks: Iterable[tuple]) -> Iterator[tuple[int, Any]]:
        """(index of the task, its result) for every task, in the order they finish.

        ``tasks`` may be a generator: it is drawn as tasks are submitted (a bounded number in flight),
        so the driver builds a task's input only when a worker is about to need it.
        """
        if self.workers == 1 or (isinstance(tasks, list) and len(tasks) <= 1):
            for i, args in enumerate(tasks):
                yield i, fn(*args)
            return
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        pending: dict = {}
        queue = iter(enumerate(tasks))
        # a bounded number in flight: results (shards of cards) are held until the driver writes them
        for i, args in queue:
            pending[self._pool.submit(fn, *args)] = i
            if len(pending) >= 2 * self.workers:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f]):
                i = pending.pop(future)
                yield i, future.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending[self._pool.submit(fn, *nxt[1])] = nxt[0]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _on_node(fn: Callable[..., Any], *args: Any) -> tuple[str, Any]:
    """Run ``fn`` in a Ray worker and say on which node it ran."""
    import ray

    return ray.get_runtime_context().get_node_id(), fn(*args)


class RayEngine:
    name = "ray"

    def __init__(self, workers: int, address: str | None = None):
        try:
            import ray
        except ImportError:
            raise EngineError("--engine ray needs Ray: pip install 'newsverdict[ray]'") from None
        self.ray = ray
        self.workers = workers
        address = address or os.environ.get("RAY_ADDRESS") or None
        self._started_here = address is None
        try:
            if address is None:
                # a private Ray on this machine, on loopback, with as many CPUs as workers. Its workers at
                # the driver's priority: Ray's default (worker_niceness 15) puts them below every other
                # process, which on a shared machine was most of Ray's measured overhead (docs/speed.md)
                ray.init(address="local", num_cpus=workers, include_dashboard=False, _node_ip_address="127.0.0.1",
                         log_to_driver=False, configure_logging=False, _system_config={"worker_niceness": 0})
            else:
                ray.init(address=address, log_to_driver=False, configure_logging=False)
        except Exception as exc:  # ray raises ConnectionError, RuntimeError, ValueError, ...
            raise EngineError(f"cannot start or reach Ray ({type(exc).__name__}: {exc})") from None
        self._remote = ray.remote(num_cpus=1, max_retries=3)(_on_node)
        #: the nodes that ran at least one task (the cluster test checks that both did)
        self.nodes_used: set[str] = set()

    def map(self, fn: Callable[..., Any], tasks: Iterable[tuple]) -> Iterator[tuple[int, Any]]:
        ray = self.ray
        remote = self._remote
        pending: dict = {}
        queue = iter(enumerate(tasks))
        for i, args in queue:
            pending[remote.remote(fn, *args)] = i
            if len(pending) >= 2 * self.workers:
                break
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                i = pending.pop(ref)
                node, result = ray.get(ref)
                self.nodes_used.add(node)
                yield i, result
                nxt = next(queue, None)
                if nxt is not None:
                    pending[remote.remote(fn, *nxt[1])] = nxt[0]

    def close(self) -> None:
        self.ray.shutdown()


def make_engine(name: str, workers: int, address: str | None = None) -> LocalEngine | RayEngine:
    if name == "local":
        if address:
            raise InputError("--address needs --engine ray")
        return LocalEngine(workers)
    if name == "ray":
        return RayEngine(workers, address)
    raise InputError(f"unknown engine {name!r} (local or ray)")
