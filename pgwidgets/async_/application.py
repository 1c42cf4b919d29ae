"""The async Application: ``await app.start()`` serves until cancelled."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from pgwidgets.async_.session import Session
from pgwidgets.exceptions import InvalidState
from pgwidgets.server.base_application import BaseApplication
from pgwidgets.server.runner import ServerRunner

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

    def _handler_lock(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    def _started_future(self) -> asyncio.Future[None]:
        if self._started is None or self._started.done():
            self._started = asyncio.get_running_loop().create_future()
        return self._started

    async def start(self) -> None:
        """Listen, then serve until cancelled or :meth:`close`; shuts down cleanly.

        This is what ``task = asyncio.create_task(app.start())`` ... ``task.cancel()``
        expects: on cancellation every session is destroyed, every socket closed and the
        ports freed before the task ends.

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
            try:
                await runner.start()
            except BaseException as exc:
                if not started.done():
                    if isinstance(exc, Exception):
                        started.set_exception(exc)
                        started.exception()  # handed to wait_started(); never "unretrieved"
                    else:
                        started.cancel()
                raise
            started.set_result(None)
            await self._closed.wait()
        finally:
            await self._shutdown(runner)

    async def run(self) -> None:
        """Serve until :meth:`close`, Ctrl-C (``asyncio.run`` cancels) or cancellation."""
        await self.start()

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
        self._serve_task = asyncio.get_running_loop().create_task(self.start())
        await self.wait_started()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
