"""The sync Session: calls return values, queries block the calling thread."""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from pgwidgets.exceptions import InvalidState
from pgwidgets.server.session import BaseSession
from pgwidgets.sync.flush_gate import Action, FlushGate
from pgwidgets.sync.workers import PoolWorker, SerialWorker, run_handler

if TYPE_CHECKING:
    from pgwidgets.server.base_application import BaseApplication

__all__ = ["HOLD_MAX", "Session", "SyncHooks"]


@runtime_checkable
class SyncHooks(Protocol):
    """What the sync Application provides its sessions, besides ``BaseApplication``.

    The one contract between the facade's two halves: ``server/`` stays neutral, and the
    session never reaches into its application's private members.
    """

    def handler_worker(self) -> SerialWorker | PoolWorker:
        """The worker running handlers in the ``serialized`` and ``concurrent`` modes."""
        ...


_NOTHING = Action.NONE  # a global: the gate is asked on every widget call

#: seconds a running handler's output may be held before it goes out anyway
HOLD_MAX = 0.05

logger = logging.getLogger(__name__)


class Session(BaseSession):
    """A session for the blocking API. Handlers never run on the event-loop thread."""

    _worker: SerialWorker | None = None

    def __init__(self, app: BaseApplication, **kwargs: Any) -> None:
        if not isinstance(app, SyncHooks):
            raise TypeError(f"a sync Session needs the sync Application, got {app!r}")
        super().__init__(app, **kwargs)
        #: the application's hooks for this facade (see :class:`SyncHooks`)
        self._hooks: SyncHooks = app
        core = self._core
        #: when held output goes out (``flush_gate.py``); used under ``self._lock``
        self._gate = FlushGate(HOLD_MAX)
        self._has_output: Callable[[], bool] = lambda: core.has_output

    # ------------------------------------------------------------- flush gate
    def _claim_flush(self, urgent: bool = False) -> bool:
        """Under the lock: whether to schedule a flush, as the gate says (output of a
        handler is held until it returns, at most ``HOLD_MAX``; urgent output never)."""
        return self._gate.output(self._has_output, urgent=urgent) is not _NOTHING

    def _flushed(self) -> None:
        self._gate.flushed()

    def _handler_queued(self) -> None:
        """A handler was handed to this session's worker: hold output, watch the hold."""
        with self._lock:
            action = self._gate.handler_queued()
        if Action.ARM_WATCH in action:
            self._call_later(HOLD_MAX, self._hold_watch)

    def _handler_done(self) -> None:
        """A handler returned: what it queued goes out now, as one frame."""
        with self._lock:
            action = self._gate.handler_done(self._core.has_output)
        self._schedule_flush(Action.SCHEDULE in action)

    def _hold_watch(self) -> None:
        """On the loop, every HOLD_MAX while handlers are busy: send what they queued."""
        with self._lock:
            action = self._gate.watch(self._core.has_output, closed=self._core.closed)
        if Action.FLUSH_NOW in action:
            self._flush()
        if Action.ARM_WATCH in action:
            self._call_later(HOLD_MAX, self._hold_watch)

    def _done(self, value: Any = None) -> Any:
        return value

    def _then(
        self,
        result: Any,
        fn: Callable[[Any], Any],
        on_error: Callable[[], Any] | None = None,
    ) -> Any:
        return fn(result)  # a failed query raised in _query already

    def _query(self, wid: int | None, method: str, args: list[Any]) -> Any:
        if self.app._on_loop_thread():
            raise InvalidState(
                f"{method}() would block the event loop: call it from a "
                "handler or another thread, or use pgwidgets.async_"
            )
        waiter: concurrent.futures.Future[Any] = concurrent.futures.Future()
        qid = self._ask(wid, method, args, waiter)
        if qid is None:
            return None  # no browser attached: nothing to ask (as the reference did)
        try:
            return waiter.result(timeout=self.app.config.query_timeout)
        except concurrent.futures.TimeoutError:
            raise self._give_up(qid, method) from None

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
            self._hooks.handler_worker().submit(held)

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
