"""One scenario set, two APIs: ``side`` is a running sync or async Application.

Scenario code is written once. Non-waiting widget calls take effect immediately in both
APIs (async returns an already-resolved awaitable), so UI-building code is plain code;
only what waits goes through ``side.do(fn)``, which returns ``fn()``'s result in the sync
API and awaits it on the application's loop in the async one. The browser is a
:class:`SyncFakeBrowser` on its own thread, so the test thread may block.
"""

from __future__ import annotations

import asyncio
import inspect
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.protocol.fake_browser import WAIT, FakeBrowser, SyncFakeBrowser


class Recorder:
    """Handlers that record what they were called with, and a bounded wait for it."""

    def __init__(self) -> None:
        self.events: queue.Queue[tuple[Any, ...]] = queue.Queue()

    def next_event(self, timeout: float = WAIT) -> tuple[Any, ...]:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no handler ran within {timeout} s") from None


class Side(Recorder):
    """What a scenario needs from an API flavour."""

    api: str
    app: Any

    def __init__(self) -> None:
        super().__init__()
        self.sessions: queue.Queue[Any] = queue.Queue()
        self.fb = SyncFakeBrowser()

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.app.ws_port}/ws"

    def record(self, name: str) -> Callable[..., None]:
        """A handler recording ``(name, thread, *args)``."""

        def handler(*args: Any) -> None:
            self.events.put((name, threading.current_thread(), *args))

        return handler

    def build(self, fn: Callable[[Any], Any]) -> None:
        """Run ``fn(session)`` for each new session, then publish the session."""

        def on_connect(session: Any) -> None:
            fn(session)
            self.sessions.put(session)

        self.app.on_connect(on_connect)

    def connect(self, **kwargs: Any) -> tuple[FakeBrowser, Any]:
        """A fake browser and the (new) session it got."""
        browser = self.fb.connect(self.ws_url, **kwargs)
        try:
            session = self.sessions.get(timeout=WAIT)
        except queue.Empty:
            raise AssertionError("on_connect did not run") from None
        return browser, session

    def browse(self, coro: Any) -> Any:
        """Run a fake-browser coroutine (``b.expect(...)`` ...) and return its result."""
        return self.fb.run(coro)

    def do(self, fn: Callable[..., Any], *args: Any) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SyncSide(Side):
    api = "sync"

    def __init__(self, **params: Any) -> None:
        super().__init__()
        from pgwidgets.sync import Application

        params.setdefault("ws_port", 0)
        self.app = Application(**params)
        self.app.start()

    def do(self, fn: Callable[..., Any], *args: Any) -> Any:
        return fn(*args)

    def close(self) -> None:
        try:
            self.fb.stop()
        finally:
            self.app.close()


class AsyncSide(Side):
    api = "async"

    def __init__(self, **params: Any) -> None:
        super().__init__()
        from pgwidgets.async_ import Application

        params.setdefault("ws_port", 0)
        self.app = Application(**params)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="app-loop", daemon=True)
        self._thread.start()
        self.task = asyncio.run_coroutine_threadsafe(self.app.run(), self.loop)
        asyncio.run_coroutine_threadsafe(self.app.wait_started(), self.loop).result(WAIT)

    def do(self, fn: Callable[..., Any], *args: Any) -> Any:
        async def go() -> Any:
            result = fn(*args)
            while inspect.isawaitable(result):
                result = await result
            return result

        return asyncio.run_coroutine_threadsafe(go(), self.loop).result(WAIT * 2)

    def close(self) -> None:
        try:
            self.fb.stop()
        finally:
            asyncio.run_coroutine_threadsafe(self.app.close(), self.loop).result(WAIT * 2)
            self.task.result(WAIT)
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(WAIT)
            self.loop.close()


@pytest.fixture(params=["sync", "async"])
def make_side(request: Any) -> Iterator[Callable[..., Side]]:
    """``make_side(**Application params)``: the same scenario against both APIs."""
    sides: list[Side] = []

    def make(**params: Any) -> Side:
        side = (SyncSide if request.param == "sync" else AsyncSide)(**params)
        sides.append(side)
        return side

    yield make
    for side in sides:
        side.close()


@pytest.fixture
def side(make_side: Callable[..., Side]) -> Side:
    return make_side()
