"""Fixtures for protocol tests: an async Application on the test's loop, free port."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from pgwidgets.async_ import Application


class Served:
    """A running async Application plus helpers to reach it."""

    def __init__(self, app: Application, task: asyncio.Task[None]) -> None:
        self.app = app
        self.task = task

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.app.ws_port}/ws"


@pytest.fixture
async def serve() -> AsyncIterator[Callable[..., Any]]:
    """``await serve(build=None, **params)``: start an async Application on a free port."""
    served: list[Served] = []

    async def make(build: Callable[..., Any] | None = None, **params: Any) -> Served:
        params.setdefault("ws_port", 0)
        app = Application(**params)
        if build is not None:
            app.on_connect(build)
        task = asyncio.get_running_loop().create_task(app.run())
        await asyncio.wait_for(app.wait_started(), 5)
        s = Served(app, task)
        served.append(s)
        return s

    yield make
    for s in served:
        s.task.cancel()
        await asyncio.wait([s.task], timeout=10)
