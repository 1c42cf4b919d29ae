"""The sync Session: calls return values, queries block the calling thread."""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections.abc import Callable
from typing import Any

from pgwidgets.exceptions import InvalidState, QueryTimeout
from pgwidgets.server.session import BaseSession
from pgwidgets.sync.workers import SerialWorker, run_handler

__all__ = ["Session"]

logger = logging.getLogger(__name__)


class Session(BaseSession):
    """A session for the blocking API. Handlers never run on the event-loop thread."""

    _worker: SerialWorker | None = None

    def _done(self, value: Any = None) -> Any:
        return value

    def _then(self, result: Any, fn: Callable[[Any], Any]) -> Any:
        return fn(result)

    def _query(self, wid: int | None, method: str, args: list[Any]) -> Any:
        if self.app._on_loop_thread():
            raise InvalidState(
                f"{method}() would block the event loop: call it from a "
                "handler or another thread, or use pgwidgets.async_"
            )
        waiter: concurrent.futures.Future[Any] = concurrent.futures.Future()

        def ask(core: Any) -> int | None:
            qid = core.query(wid, method, args)
            if qid is not None:
                self._waiters[qid] = waiter
            return qid

        qid = self._send(ask, urgent=True)
        if qid is None:
            return None  # no browser attached: nothing to ask (as the reference did)
        timeout = self.app.config.query_timeout
        try:
            return waiter.result(timeout=timeout)
        except concurrent.futures.TimeoutError:
            self._read(lambda core: core.forget_query(qid))
            self._waiters.pop(qid, None)
            raise QueryTimeout(
                f"{method}() got no answer from the browser in {timeout:g} s"
            ) from None

    def _dispatch(self, call: Callable[[], Any]) -> None:
        if self.closed:
            # a destroyed session runs nothing more: a new worker thread here would
            # never be stopped (its widgets are gone anyway)
            logger.debug(
                "session %s is closed; dropping %s", self.id, getattr(call, "__qualname__", call)
            )
            return
        mode = self.app.config.concurrency_handling

        def held() -> None:
            # what the handler queues goes out as one frame when it returns
            try:
                run_handler(call, self.app.logger)
            finally:
                self._handler_done()

        held.__qualname__ = getattr(call, "__qualname__", "handler")
        self._handler_queued()
        if mode == "per_session":
            with self._lock:
                if self._worker is None:
                    self._worker = SerialWorker(f"pgwidgets-session-{self.id[:8]}")
                worker = self._worker
            worker.submit(held)
        else:
            self.app._shared_worker().submit(held)

    def _shutdown_dispatch(self) -> None:
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()

    # --------------------------------------------------------- sync-only API
    def get_session_thread(self) -> threading.Thread | None:
        """The thread running this session's handlers (``per_session`` mode)."""
        return self._worker.thread if self._worker else None

    def gui_do(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run ``fn`` where this session's handlers run, without waiting."""
        self._dispatch(lambda: fn(*args, **kwargs))

    def gui_call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` where this session's handlers run and return its result."""
        thread = self.get_session_thread()
        if thread is not None and thread is threading.current_thread():
            return fn(*args, **kwargs)
        if self.closed:
            raise InvalidState("the session has been destroyed")
        done: concurrent.futures.Future[Any] = concurrent.futures.Future()

        def call() -> None:
            try:
                done.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # handed to the caller
                done.set_exception(exc)

        self._dispatch(call)
        return done.result()

    def close(self) -> None:
        """Close this session's browser connections; the session stays for a reconnect."""
        for conn in self.connections:
            conn.close(code=1000, message="closed by the app")

    def destroy(self) -> None:
        """End the session: connections closed, widgets and handlers released.

        Safe from any thread, including this session's own handler thread; when it
        returns the session is gone from ``app.sessions`` (sockets close on the loop).
        """
        self.app._destroy_session(self)
