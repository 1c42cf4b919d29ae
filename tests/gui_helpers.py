"""A live session plus its browser page, for widget tests in both APIs.

``Gui`` (sync API) and ``AsyncGui`` (async API, its loop on a background thread) both offer:

* ``gui.W``: the session's widget factories (sync) — in AsyncGui use ``gui.run(coro_fn)``;
* ``gui.record(name)``: a handler that queues ``(name, args)``; ``gui.next_event()`` takes
  the next one (waits, with a timeout — never sleeps);
* ``gui.show(*widgets)``: put widgets in a shown window (a VBox in a TopLevel);
* ``gui.reload()``: reload the page and wait until the session is rebuilt.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable, Coroutine
from typing import Any

__all__ = ["AsyncGui", "Gui", "call", "natural_size", "probe", "round_trip"]

EVENT_TIMEOUT = 10.0


class _Base:
    def __init__(self, app: Any, page: Any) -> None:
        self.app = app
        self.page = page
        self.events: queue.Queue[tuple[str, tuple[Any, ...]]] = queue.Queue()
        self._sessions: queue.Queue[Any] = queue.Queue()
        self.session: Any = None

    def record(self, name: str) -> Callable[..., None]:
        """A handler that records its arguments under ``name``."""

        def handler(*args: Any) -> None:
            self.events.put((name, args))

        return handler

    def next_event(self, timeout: float = EVENT_TIMEOUT) -> tuple[str, tuple[Any, ...]]:
        """The next recorded callback, waiting up to ``timeout`` seconds."""
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no callback arrived within {timeout} s") from None

    def assert_no_event(self) -> None:
        """No callback is queued now (call after a round trip that would have carried one)."""
        assert self.events.empty(), f"unexpected callback {self.events.get_nowait()}"

    def open(self, url: str | None = None) -> Any:
        """Open the page and wait for its session."""
        self.page.goto(url or self.app.url)
        self.session = self._sessions.get(timeout=EVENT_TIMEOUT)
        return self.session

    def reload(self) -> None:
        """Reload the page; waits until the rebuilt UI has been applied."""
        before = self.page.evaluate("window.pgwidgets ? window.pgwidgets.client.applied : 0")
        self.page.reload()
        self.page.wait_for_function(
            "() => window.pgwidgets && window.pgwidgets.client.applied > 0 && "
            "document.querySelector('#pgw-root').getAttribute('aria-busy') === null"
        )
        assert before >= 0


class Gui(_Base):
    """Sync API: build widgets directly from the test thread."""

    def __init__(self, app: Any, page: Any) -> None:
        super().__init__(app, page)
        app.on_connect(self._sessions.put)
        self.open()
        self.W = self.session.get_widgets()

    def show(self, *widgets: Any, title: str = "Test", width: int = 480, height: int = 360) -> Any:
        top = self.W.TopLevel(title=title)
        top.resize(width, height)
        box = self.W.VBox(spacing=4, padding=6)
        for w in widgets:
            box.add_widget(w, 0)
        top.set_widget(box)
        top.show()
        self.top = top
        return top


class AsyncGui(_Base):
    """Async API: the Application runs on its own loop thread; use ``run`` to call it."""

    def __init__(self, app: Any, page: Any) -> None:
        super().__init__(app, page)

        async def on_connect(session: Any) -> None:
            self._sessions.put(session)

        app.on_connect(on_connect)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._task = asyncio.run_coroutine_threadsafe(self._serve(), self.loop)
        asyncio.run_coroutine_threadsafe(app.wait_started(), self.loop).result(EVENT_TIMEOUT)
        self.open()
        self.W = self.session.get_widgets()

    async def _serve(self) -> None:
        await self.app.run()

    def run(self, fn: Callable[..., Coroutine[Any, Any, Any]], *args: Any) -> Any:
        """Run ``await fn(*args)`` on the application's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(fn(*args), self.loop).result(EVENT_TIMEOUT)

    async def show_async(
        self, *widgets: Any, title: str = "Test", width: int = 480, height: int = 360
    ) -> Any:
        top = await self.W.TopLevel(title=title)
        await top.resize(width, height)
        box = await self.W.VBox(spacing=4, padding=6)
        for w in widgets:
            await box.add_widget(w, 0)
        await top.set_widget(box)
        await top.show()
        self.top = top
        return top

    def show(self, *widgets: Any, **kwargs: Any) -> Any:
        return (
            self.run(self.show_async, *widgets, **kwargs)
            if not kwargs
            else self.run(lambda: self.show_async(*widgets, **kwargs))
        )

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.app.close(), self.loop).result(EVENT_TIMEOUT)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(EVENT_TIMEOUT)


def call(g: Any, fn: Callable[[], Any]) -> Any:
    """Run ``fn()`` where the API wants it: directly (sync) or on the app's loop (async).

    In the async API an awaitable result (a query) is awaited there too.
    """
    if hasattr(g, "run"):

        async def go() -> Any:
            result = fn()
            return await result if hasattr(result, "__await__") else result

        return g.run(go)
    return fn()


def probe(g: Any) -> Any:
    """A "Probe" button; clicking it (``round_trip``) proves earlier input was handled."""
    b = g.W.Button("Probe")
    b.on("activated", g.record("probe"))
    return b


def round_trip(g: Any) -> None:
    """Click the probe and wait for its callback: every earlier browser message is in."""
    g.page.get_by_role("button", name="Probe").click()
    assert g.next_event() == ("probe", ())


def natural_size(g: Any, name: str) -> Any:
    """The decoded pixel size of the ``<img>`` inside the image widget named ``name``."""
    img = g.page.get_by_role("img", name=name).locator("img")
    img.evaluate("i => i.decode()")
    return img.evaluate("i => [i.naturalWidth, i.naturalHeight]")
