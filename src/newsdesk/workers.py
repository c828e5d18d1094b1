"""Running the per-batch parts of a stage (cleaning, reuse) in worker processes, in input order.

Results come back in the order of the work items, whatever the number of workers, so the
stage stays deterministic; with one worker everything runs in this process. What the work
items read (a stage's texts, and what it computed of them) is handed to the workers once, when
they start (inherited, not copied, where processes fork), and work items name texts by their index.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from .compiled import ready


T = TypeVar("T")
R = TypeVar("R")

_shared: object = ()  # what the running stage gave its workers, in this process or a worker


def shared_data():
    """What was given to the `Workers` that run this work item (`shared`)."""
    return _shared


def _share(shared: object) -> None:
    global _shared
    _shared = shared


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count(workers: int, batches: int) -> int:
    """How many processes to use for `batches` work items: `workers` when set (> 0), else one per
    core once there are at least two items per core (below that, starting processes costs more)."""
    if workers:
        return workers
    cores = available_cores()
    return cores if batches >= 2 * cores else 1


class Workers:
    """An ordered map over work items, in this process or in a pool of processes sharing `shared`
    (the texts of a stage, say), which work items read through `shared_data`."""

    def __init__(self, processes: int, shared: object = ()):
        self.processes = processes
        self.shared = shared
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "Workers":
        _share(self.shared)
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        _share(())

    @property
    def started(self) -> bool:
        """Whether worker processes are running."""
        return self._pool is not None

    def map(self, function: Callable[..., R], items: Iterable[tuple]) -> Iterator[R]:
        """function(*item) for each item, in order; at most a few items ahead of the one awaited."""
        if self.processes <= 1:
            return (function(*item) for item in items)
        if self._pool is None:
            ready()  # the workers forked next inherit the compiled loops of the modules imported so far
            self._pool = ProcessPoolExecutor(self.processes, mp_context=_context(), initializer=_start_worker,
                                             initargs=(self.shared, os.getpid()))
        return _ordered(self._pool, function, items, ahead=2 * self.processes)


def _start_worker(shared: object, parent: int) -> None:
    """A worker's start: it dies with its parent (a killed `newsdesk analyze` leaves no workers
    behind), then takes what is shared."""
    _die_with(parent)
    _share(shared)


def _die_with(parent: int) -> None:
    """Ask the kernel to end this process when its parent ends (Linux); elsewhere a thread that
    watches the parent's id does it."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before the call
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _context():
    """fork where there is one (Linux): workers inherit what is shared and need no importable __main__;
    spawn elsewhere."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _ordered(pool: ProcessPoolExecutor, function, items, ahead: int):
    pending = []
    for item in items:
        pending.append(pool.submit(function, *item))
        if len(pending) > ahead:
            yield pending.pop(0).result()
    while pending:
        yield pending.pop(0).result()
