"""A Timer started before the application serves, in both APIs.

Set-up code often builds a headless session (``app.create_session()``) and starts its
timers before ``app.start()``; in the async API that code may run with no event loop at all.
Such a timer was silently lost: it claimed to run (``is_set()``) and never fired. Now its
duration counts from the ``start()`` call (as ``time_left()`` says) and the expiry is
delivered once the application serves, at once if it is overdue by then.

"Counted from the call" is checked with a controlled clock: the ``time`` the Timer and the
application read is shifted forward, as if set-up had taken that long, while the event
loop keeps the real clock. No test sleeps; each waits on a queue with a timeout.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from pgwidgets.server import base_application as application_module
from pgwidgets.widgets.defs import nonvisual as nonvisual_module
from tests.facades.conftest import Recorder

WAIT = 5.0


class Unstarted(Recorder):
    """An Application that does not serve yet, a headless session's widgets, a recorder."""

    api: str
    app: Any

    def __init__(self) -> None:
        super().__init__()
        self.session = self.app.create_session()
        self.W = self.session.get_widgets()

    def record(self, name: str) -> Callable[..., None]:
        """A handler recording ``(name, *args)``."""

        def handler(*args: Any) -> None:
            self.events.put((name, *args))

        return handler

    def assert_nothing_yet(self) -> None:
        assert self.events.empty()

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        """Stop serving (the application may start again)."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop serving and release everything the test made."""
        raise NotImplementedError


class SyncUnstarted(Unstarted):
    api = "sync"

    def __init__(self) -> None:
        from pgwidgets.sync import Application

        self.app = Application(ws_port=0)
        super().__init__()

    def start(self) -> None:
        self.app.start()

    def stop(self) -> None:
        self.app.close()

    def close(self) -> None:
        self.app.close()


class AsyncUnstarted(Unstarted):
    """The set-up code runs on the test thread, where no event loop runs at all."""

    api = "async"

    def __init__(self) -> None:
        from pgwidgets.async_ import Application

        self.app = Application(ws_port=0)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="app-loop", daemon=True)
        self._thread.start()
        self.task: Any = None
        super().__init__()

    def start(self) -> None:
        self.task = asyncio.run_coroutine_threadsafe(self.app.run(), self.loop)
        asyncio.run_coroutine_threadsafe(self.app.wait_started(), self.loop).result(WAIT)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.app.close(), self.loop).result(WAIT * 2)
        task, self.task = self.task, None
        if task is not None:
            task.result(WAIT)

    def close(self) -> None:
        try:
            self.stop()
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(WAIT)
            self.loop.close()


@pytest.fixture(params=["sync", "async"])
def before(request: Any) -> Iterator[Unstarted]:
    """An application of either API that has not started serving."""
    side = (SyncUnstarted if request.param == "sync" else AsyncUnstarted)()
    try:
        yield side
    finally:
        side.close()


class ShiftedClock:
    """``time`` as the Timer and the application see it, movable forward by hand."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.module = SimpleNamespace(monotonic=lambda: time.monotonic() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch: Any) -> ShiftedClock:
    shifted = ShiftedClock()
    monkeypatch.setattr(application_module, "time", shifted.module)
    monkeypatch.setattr(nonvisual_module, "time", shifted.module)
    return shifted


# ---------------------------------------------------------------------- tests
def test_timer_started_before_start_fires_once_serving(before: Unstarted) -> None:
    t = before.W.Timer(duration=0.05)
    t.on("expired", before.record("expired"))
    called = time.monotonic()
    t.start()
    assert t.is_set() and 0 < t.time_left() <= 0.05
    before.assert_nothing_yet()
    before.start()
    assert before.next_event() == ("expired", 0.05)
    assert time.monotonic() - called >= 0.05
    assert not t.is_set() and t.time_left() == 0.0
    # a later timer, started while serving, fires after it: the first did not fire twice
    marker = before.W.Timer()
    marker.on("expired", before.record("marker"))
    marker.start(0.1)
    assert before.next_event() == ("marker", 0.1)


def test_duration_counts_from_the_call_not_from_start(
    before: Unstarted, clock: ShiftedClock
) -> None:
    t = before.W.Timer()
    t.on("expired", before.record("expired"))
    t.start(30)
    clock.advance(29.9)  # set-up code took 29.9 s after the start() call
    assert 0 < t.time_left() <= 0.1 and t.elapsed_time() >= 29.9
    before.start()
    # counted from start() it would be 30 s away: the wait would time out
    assert before.next_event() == ("expired", 30.0)
    assert not t.is_set()


def test_overdue_timer_fires_at_start_and_a_repeating_one_only_once(
    before: Unstarted, clock: ShiftedClock
) -> None:
    once = before.W.Timer(duration=1)
    every = before.W.Timer(duration=2, repeat=True)
    once.on("expired", before.record("once"))
    every.on("expired", before.record("every"))
    once.start()
    every.start()
    clock.advance(3600)  # an hour late: one expiry each, not 1800 for the repeating one
    assert once.time_left() == 0.0 and every.time_left() == 0.0
    before.start()
    assert sorted([before.next_event(), before.next_event()]) == [("every", 2.0), ("once", 1.0)]
    assert every.is_set() and 1.0 < every.time_left() <= 2.0  # goes on from its expiry
    every.stop()
    marker = before.W.Timer()
    marker.on("expired", before.record("marker"))
    marker.start(0.05)
    assert before.next_event() == ("marker", 0.05)


def test_stop_before_start_is_silent_and_cancel_reports_once_serving(before: Unstarted) -> None:
    stopped = before.W.Timer()
    stopped.on("expired", before.record("stopped"))
    stopped.start(0.01)
    stopped.stop()
    assert not stopped.is_set()
    cancelled = before.W.Timer()
    cancelled.on("cancelled", before.record("cancelled"))
    cancelled.start(60)
    cancelled.cancel()
    marker = before.W.Timer()
    marker.on("expired", before.record("marker"))
    marker.start(0.2)  # later than the stopped timer would have fired
    before.assert_nothing_yet()
    before.start()
    name, elapsed = before.next_event()
    assert name == "cancelled" and 0 <= elapsed < 60
    assert before.next_event() == ("marker", 0.2)


def test_async_set_up_on_the_loop_before_await_start() -> None:
    """The note's case: an async program builds its UI, then ``await app.start()``."""
    from pgwidgets.async_ import Application

    fired: queue.Queue[tuple[Any, ...]] = queue.Queue()
    app = Application(ws_port=0)

    async def main() -> None:
        W = app.create_session().get_widgets()
        t = await W.Timer(duration=0.05)

        async def on_expired(duration: float) -> None:
            fired.put(("expired", duration, app.ws_port != 0))

        await t.on("expired", on_expired)
        await t.start()
        assert t.is_set()
        await app.run()  # serves until close()

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="app-loop", daemon=True)
    thread.start()
    try:
        serving = asyncio.run_coroutine_threadsafe(main(), loop)
        try:
            assert fired.get(timeout=WAIT) == ("expired", 0.05, True)
        finally:
            asyncio.run_coroutine_threadsafe(app.close(), loop).result(WAIT * 2)
            serving.result(WAIT)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(WAIT)
        loop.close()


def test_timer_started_after_close_waits_for_the_next_start() -> None:
    """A stopped app is one that does not serve: a new session's timer waits for a
    restart (sessions of the earlier run are gone, as close() says).

    Async only: a sync Application cannot start again after close() in shared-port mode
    (its cached aiohttp app stays bound to the first loop thread's loop).
    """
    before = AsyncUnstarted()
    try:
        _restart_scenario(before)
    finally:
        before.close()


def _restart_scenario(before: Unstarted) -> None:
    before.start()
    before.stop()
    W = before.app.create_session().get_widgets()
    t = W.Timer(duration=0.05)
    t.on("expired", before.record("expired"))
    t.start()
    before.assert_nothing_yet()
    before.start()
    assert before.next_event() == ("expired", 0.05)
