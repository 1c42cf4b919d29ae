"""The sync Application: ``run()`` blocks (from any thread), ``start()`` returns."""

from __future__ import annotations

import logging
import threading
from typing import Any

from pgwidgets.server.base_application import BaseApplication
from pgwidgets.server.runner import ServerRunner
from pgwidgets.server.signals import Interrupted, sync_stop_signals
from pgwidgets.sync.loop_thread import LoopThread
from pgwidgets.sync.session import Session
from pgwidgets.sync.workers import PoolWorker, SerialWorker, run_handler

__all__ = ["Application"]

logger = logging.getLogger(__name__)


class Application(BaseApplication):
    """A pgwidgets server driven by blocking calls.

    The event loop runs on its own thread; handlers run on session threads
    (``per_session``), one app thread (``serialized``) or a pool (``concurrent``).
    """

    _session_class = Session

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loop_thread: LoopThread | None = None
        self._runner: ServerRunner | None = None
        self._stopped = threading.Event()
        self._state_lock = threading.Lock()
        self._worker: SerialWorker | PoolWorker | None = None

    def handler_worker(self) -> SerialWorker | PoolWorker:
        """The worker running handlers in the ``serialized`` and ``concurrent`` modes
        (:class:`~pgwidgets.sync.session.SyncHooks`); made on first use."""
        with self._state_lock:
            if self._worker is None:
                self._worker = (
                    PoolWorker()
                    if self.config.concurrency_handling == "concurrent"
                    else SerialWorker("pgwidgets-serialized")
                )
            return self._worker

    def start(self) -> None:
        """Start listening; returns once the ports are bound.

        Raises:
            ConfigurationError: a port is in use or cannot be bound (the message names it).
        """
        with self._state_lock:
            if self._loop_thread is not None:
                return
            self._stopped.clear()
            loop_thread = LoopThread()
            runner = ServerRunner(self)
            try:
                loop_thread.submit(runner.start())
            except BaseException:
                loop_thread.stop()
                raise
            self._loop_thread, self._runner = loop_thread, runner

    def run(self) -> None:
        """Serve until :meth:`close` (from another thread or a handler), Ctrl-C or SIGTERM.

        Starts the server unless :meth:`start` already did. Ctrl-C (SIGINT) and SIGTERM
        (what systemd and Docker send) close the app gracefully when ``run()`` waits in
        the main thread: sessions end, ``on_disconnect`` runs, and ``run()`` returns.
        """
        try:
            with sync_stop_signals():  # before start(): a SIGTERM while binding counts too
                self.start()
                while not self._stopped.wait(0.5):
                    pass
        except (KeyboardInterrupt, Interrupted):
            self._log(logger).info("interrupted, shutting down")
        finally:
            self.close()

    def close(self) -> None:
        """Stop serving: ``on_disconnect`` for each connected browser (run here, in the
        calling thread), then sessions destroyed, connections closed, ports freed."""
        if self._loop_thread is not None:
            for call in self._goodbyes():
                run_handler(call, self.logger)
        with self._state_lock:
            loop_thread, runner = self._loop_thread, self._runner
            self._loop_thread = self._runner = None
            worker, self._worker = self._worker, None
        if loop_thread is not None and runner is not None:
            try:
                loop_thread.submit(runner.stop(), timeout=15)
            finally:
                loop_thread.stop()
        else:
            self._destroy_all()
        if worker is not None:
            worker.stop()
        self._unbind_loop()
        self._stopped.set()

    def process_events(self, timeout: float = 0.1) -> None:
        """Compatibility: handlers run on their own threads, so this only waits."""
        self._stopped.wait(min(timeout, 0.05))

    def __enter__(self) -> Application:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
