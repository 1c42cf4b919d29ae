"""Where sync handlers run: a serial worker thread, or a pool for ``concurrent``."""

from __future__ import annotations

import inspect
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

__all__ = ["PoolWorker", "SerialWorker", "run_handler"]

logger = logging.getLogger("pgwidgets.callbacks")

_STOP = object()


def run_handler(call: Callable[[], Any], log: logging.Logger | None = None) -> None:
    """Run one handler; an exception is logged with its traceback and goes no further.

    ``log``: the app's ``logger=`` when it gave one (else ``pgwidgets.callbacks``).
    """
    log = log or logger
    try:
        result = call()
        if inspect.iscoroutine(result):
            result.close()
            log.error(
                "handler %s is a coroutine function: use pgwidgets.async_ for async handlers",
                getattr(call, "__qualname__", call),
            )
    except Exception:
        log.exception("exception in handler %s", getattr(call, "__qualname__", call))


class _ThreadStarter:
    """Starts threads on behalf of callers that must not wait: the event loop.

    ``Thread.start()`` returns only once the new thread has run, which takes as long as
    the OS needs to schedule it. With 20 browsers opening at once on two CPUs, that was
    measured at 30-300 ms per session, during which the event loop served nobody (and
    browsers open their WebSockets to one server one after another). One long-lived
    starter thread takes that wait instead.
    """

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[threading.Thread] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self, thread: threading.Thread) -> None:
        """Have ``thread`` started soon; returns at once (after the first call)."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, daemon=True, name="pgwidgets-thread-starter"
                )
                self._thread.start()
        self._queue.put(thread)

    def _run(self) -> None:
        while True:
            thread = self._queue.get()
            try:
                thread.start()
            except RuntimeError:  # interpreter shutting down, or out of threads
                logger.exception("could not start thread %s", thread.name)


_starter = _ThreadStarter()


class SerialWorker:
    """One thread running calls in order (a session's, or the app's in ``serialized``).

    The thread is made on the first call and started by :class:`_ThreadStarter`, so
    ``submit`` never waits; calls queued before it runs are run in order once it does.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, call: Callable[[], Any]) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                _starter.start(self._thread)
        self._queue.put(call)

    def _run(self) -> None:
        while True:
            call = self._queue.get()
            if call is _STOP:
                return
            run_handler(call)

    @property
    def thread(self) -> threading.Thread | None:
        return self._thread

    def stop(self) -> None:
        """Let queued calls finish, then end the thread (does not wait for it)."""
        with self._lock:
            if self._thread is not None:
                self._queue.put(_STOP)
                self._thread = None


class PoolWorker:
    """``concurrent``: every handler on a pool thread, no ordering."""

    def __init__(self, max_workers: int = 32) -> None:
        self._pool = ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix="pgwidgets-handler"
        )

    def submit(self, call: Callable[[], Any]) -> None:
        self._pool.submit(run_handler, call)

    def stop(self) -> None:
        self._pool.shutdown(wait=False)
