"""The async Application: ``await app.start()`` listens and returns; ``await app.run()``
serves until closed."""

from __future__ import annotations

import asyncio
import inspect
import logging
from typing import Any

from pgwidgets.async_.session import Session
from pgwidgets.async_.session import _run as run_handler
from pgwidgets.exceptions import InvalidState
from pgwidgets.server.base_application import BaseApplication
from pgwidgets.server.runner import ServerRunner
from pgwidgets.server.signals import stop_signals

__all__ = ["Application"]

logger = logging.getLogger(__name__)


class Application(BaseApplication):
    """A pgwidgets server on the caller's asyncio loop."""

    _session_class = Session

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._runner: ServerRunner | None = None
        # resolved once listening; failed if start() failed (so wait_started never hangs)
        self._started: asyncio.Future[None] | None = None
        self._closed: asyncio.Event | None = None
        # the one shutdown in progress: start()'s finally, close() and __aexit__ share it
        self._stopping: asyncio.Task[None] | None = None
        self._serve_task: asyncio.Task[None] | None = None
        self._lock: asyncio.Lock | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        # tasks awaiting close(): spared when the shutdown cancels handler tasks
        self._closers: set[asyncio.Task[Any]] = set()

    def handler_lock(self) -> asyncio.Lock:
        """The lock serialising handlers (``serialized`` mode;
        :class:`~pgwidgets.async_.session.AsyncHooks`)."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    def track_task(self, task: asyncio.Task[Any]) -> None:
        """Keep a handler task until it ends (:class:`~pgwidgets.async_.session.AsyncHooks`):
        the shutdown cancels the ones still running."""
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _started_future(self) -> asyncio.Future[None]:
        if self._started is None or self._started.done():
            self._started = asyncio.get_running_loop().create_future()
        return self._started

    async def start(self) -> None:
        """Listen; returns once the server is listening. Serving goes on until
        :meth:`close` (as in the reference API; :meth:`run` is start-and-wait).

        Raises:
            ConfigurationError: a port is in use (the message names it).
            InvalidState: this Application is already serving.
        """
        if self._runner is not None:
            raise InvalidState("this Application is already serving")
        started = (
            self._started
            if self._started is not None and not self._started.done()
            else self._started_future()
        )
        self._closed = asyncio.Event()
        runner = self._runner = ServerRunner(self)
        try:
            await runner.start()
        except BaseException as exc:
            if self._runner is runner:
                self._runner = None  # runner.start() has freed what it had bound
            self._unbind_loop()
            if not started.done():
                if isinstance(exc, Exception):
                    started.set_exception(exc)
                    started.exception()  # handed to wait_started(); never "unretrieved"
                else:
                    started.cancel()
            raise
        started.set_result(None)
        if _is_whole_task(inspect.currentframe()):
            # ``asyncio.create_task(app.start())``, as the deployment guide writes: only the
            # task waits for start(), and the guide stops pgwidgets with ``task.cancel()``.
            # Keep this task serving so that cancelling it really shuts down.
            await self._serve_until_closed()

    async def _serve_until_closed(self) -> None:
        """Wait until :meth:`close`; a cancellation shuts down first, then goes on."""
        closed = self._closed
        assert closed is not None
        try:
            await closed.wait()
        except asyncio.CancelledError:
            await self.close()
            raise

    async def run(self) -> None:
        """Serve until :meth:`close`, Ctrl-C, SIGTERM or cancellation; then shut down.

        Starts the server unless :meth:`start` already did. In the main thread, SIGINT
        (Ctrl-C) and SIGTERM (what systemd and Docker send) close the app gracefully:
        ``on_disconnect`` runs, and ``run()`` returns normally, so
        ``asyncio.run(app.run())`` ends without a traceback. Cancelling the task running
        ``run()`` shuts down the same way, then the cancellation goes on.
        """
        stop = asyncio.Event()  # a signal, even one that arrives while start() binds
        with stop_signals(asyncio.get_running_loop(), stop.set):
            try:
                if self._runner is None:
                    await self.start()
                closed = self._closed
                assert closed is not None
                waiters = [asyncio.ensure_future(e.wait()) for e in (closed, stop)]
                try:
                    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for waiter in waiters:
                        waiter.cancel()
            finally:
                await self.close()

    async def wait_started(self) -> None:
        """Wait until :meth:`start` (running in another task) is listening.

        Raises:
            ConfigurationError: start() failed (a port in use ...), instead of hanging.
        """
        started = self._started if self._started is not None else self._started_future()
        await asyncio.shield(started)

    async def close(self) -> None:
        """Stop serving: sessions destroyed, connections closed, ports freed.

        May be awaited from a handler: that handler's task is not cancelled by the
        shutdown (every other handler task is).
        """
        me = asyncio.current_task()
        if me is not None:
            self._closers.add(me)
        if self._closed is not None:
            self._closed.set()
        runner = self._runner
        if runner is not None:
            for call in self._goodbyes():  # on_disconnect for each connected browser
                await run_handler(call, None, self.logger)
            await self._shutdown(runner)
        elif self._stopping is not None:
            await asyncio.shield(self._stopping)
        else:
            self._destroy_all()  # headless sessions of an app that never started
        task, self._serve_task = self._serve_task, None
        if task is not None and task is not me:
            await asyncio.wait([task])
        if me is not None:
            self._closers.discard(me)

    async def _shutdown(self, runner: ServerRunner) -> None:
        if self._runner is runner:
            self._runner = None
            started = self._started
            if (
                started is not None
                and started.done()
                and not started.cancelled()
                and started.exception() is None
            ):
                self._started = None  # a failed start stays visible to wait_started()
            self._stopping = asyncio.get_running_loop().create_task(self._stop(runner))
        if self._stopping is not None:
            await asyncio.shield(self._stopping)

    async def _stop(self, runner: ServerRunner) -> None:
        try:
            await runner.stop()
        finally:
            self._destroy_all()
            for task in list(self._tasks):
                if task not in self._closers:
                    task.cancel()
            self._closers.clear()
            self._unbind_loop()

    async def __aenter__(self) -> Application:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def _is_whole_task(frame: Any) -> bool:
    """True for a fire-and-forget ``asyncio.create_task(app.start())``.

    That is: the running task was made from this very coroutine, and nothing waits for the
    task's result (no done-callback: ``await task``, ``gather`` and ``wait_for`` all add one).
    ``await app.start()`` inside another coroutine is not such a task: its caller wants
    start() back once the server listens.
    """
    task = asyncio.current_task()
    if task is None or frame is None:
        return False
    if getattr(task.get_coro(), "cr_frame", None) is not frame:
        return False
    return not getattr(task, "_callbacks", True)
