"""The async Application: ``await app.start()`` serves until cancelled."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from pgwidgets.async_.session import Session
from pgwidgets.server.application import BaseApplication
from pgwidgets.server.runner import ServerRunner

__all__ = ["Application"]

logger = logging.getLogger(__name__)


class Application(BaseApplication):
    """A pgwidgets server on the caller's asyncio loop."""

    _session_class = Session

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._runner: ServerRunner | None = None
        self._serving: asyncio.Event | None = None
        self._closed: asyncio.Event | None = None
        self._lock: asyncio.Lock | None = None
        self._tasks: set[asyncio.Task[Any]] = set()

    def _handler_lock(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    async def start(self) -> None:
        """Listen, then serve until cancelled or :meth:`close`; shuts down cleanly.

        This is what ``asyncio.create_task(app.start())`` ... ``task.cancel()`` expects.

        Raises:
            ConfigurationError: a port is in use (the message names it).
        """
        if self._runner is not None:
            raise RuntimeError("this Application is already serving")
        self._serving = self._serving or asyncio.Event()
        self._closed = asyncio.Event()
        runner = self._runner = ServerRunner(self)
        try:
            await runner.start()
            self._serving.set()
            await self._closed.wait()
        finally:
            await self._shutdown(runner)

    async def run(self) -> None:
        """Serve until :meth:`close`, Ctrl-C or cancellation."""
        await self.start()

    async def wait_started(self) -> None:
        """Wait until :meth:`start` (running in another task) is listening."""
        if self._serving is None:
            self._serving = asyncio.Event()
        await self._serving.wait()

    async def close(self) -> None:
        """Stop serving: sessions destroyed, connections closed, ports freed."""
        if self._closed is not None:
            self._closed.set()
        runner = self._runner
        if runner is not None:
            await self._shutdown(runner)

    async def _shutdown(self, runner: ServerRunner) -> None:
        if self._runner is not runner:
            return
        self._runner = None
        if self._serving is not None:
            self._serving.clear()
        self._destroy_all()
        await asyncio.shield(runner.stop())
        for task in list(self._tasks):
            task.cancel()
        self._loop = None

    async def __aenter__(self) -> Application:
        asyncio.get_running_loop().create_task(self.start())
        await self.wait_started()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
