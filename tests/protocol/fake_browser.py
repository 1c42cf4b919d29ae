"""A scripted fake browser: speaks the pgwidgets wire protocol over a real WebSocket.

``FakeBrowser`` is async (aiohttp ``ws_connect``); ``SyncFakeBrowser`` runs the same thing
on its own loop thread, so a test thread can block in sync API calls while the "browser"
answers queries. Every wait has a timeout; nothing sleeps.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

import aiohttp

__all__ = ["WAIT", "BrowserClosed", "FakeBrowser", "SyncFakeBrowser"]

#: seconds any single wait may take before the test fails
WAIT = 5.0


class BrowserClosed(AssertionError):
    """The server closed the socket while the test expected a message."""

    def __init__(self, code: int | None, messages: list[dict[str, Any]]) -> None:
        super().__init__(f"socket closed (code {code}); seen {messages[-5:]}")
        self.code = code


class FakeBrowser:
    """One scripted WebSocket client. ``log`` holds every message received, in order."""

    def __init__(self, http: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse,
                 own_http: bool) -> None:
        self.http = http
        self.ws = ws
        self._own_http = own_http
        self._pending: deque[dict[str, Any]] = deque()
        self.log: list[dict[str, Any]] = []
        self.frames: list[list[dict[str, Any]]] = []
        self.welcome: dict[str, Any] | None = None
        self.close_code: int | None = None

    @classmethod
    async def open(cls, url: str, *, http: aiohttp.ClientSession | None = None,
                   **ws_kwargs: Any) -> FakeBrowser:
        """Open the socket without saying hello."""
        own = http is None
        http = http or aiohttp.ClientSession()
        try:
            ws = await http.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_close=WAIT),
                                       **ws_kwargs)
        except BaseException:
            if own:
                await http.close()
            raise
        return cls(http, ws, own)

    @classmethod
    async def connect(cls, url: str, *, session_id: str | None = None,
                      token: str | None = None, width: int = 800, height: int = 600,
                      http: aiohttp.ClientSession | None = None,
                      **ws_kwargs: Any) -> FakeBrowser:
        """Open, say hello and wait for ``welcome``."""
        browser = await cls.open(url, http=http, **ws_kwargs)
        await browser.hello(session_id=session_id, token=token, width=width, height=height)
        browser.welcome = await browser.expect("welcome")
        return browser

    # ------------------------------------------------------------------ sending
    async def send(self, *messages: dict[str, Any]) -> None:
        """Send one message as an object, several as one array frame."""
        data: Any = messages[0] if len(messages) == 1 else list(messages)
        await self.ws.send_str(json.dumps(data))

    async def send_raw(self, text: str) -> None:
        await self.ws.send_str(text)

    async def hello(self, *, session_id: str | None = None, token: str | None = None,
                    width: int = 800, height: int = 600) -> None:
        msg: dict[str, Any] = {"type": "hello", "width": width, "height": height}
        if session_id is not None:
            msg["session_id"] = session_id
        if token is not None:
            msg["token"] = token
        await self.send(msg)

    async def callback(self, wid: int, action: str, *args: Any) -> None:
        await self.send({"type": "callback", "wid": wid, "action": action, "args": list(args)})

    async def result(self, query_id: int, value: Any) -> None:
        await self.send({"type": "result", "id": query_id, "value": value})

    # ---------------------------------------------------------------- receiving
    async def _read_frame(self, timeout: float) -> None:
        msg = await self.ws.receive(timeout=timeout)
        if msg.type is aiohttp.WSMsgType.TEXT:
            data = json.loads(msg.data)
            assert isinstance(data, list), f"server frames are arrays, got {data!r}"
            self.frames.append(data)
            self.log.extend(data)
            self._pending.extend(data)
            return
        if msg.type is aiohttp.WSMsgType.CLOSE:
            # the code the server sent (ws.close_code may say 1006 if it hung up first)
            self.close_code = int(msg.data)
            raise BrowserClosed(self.close_code, self.log)
        if msg.type in (aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED,
                        aiohttp.WSMsgType.ERROR):
            self.close_code = self.close_code or self.ws.close_code
            raise BrowserClosed(self.close_code, self.log)
        raise AssertionError(f"unexpected frame type {msg.type}")

    async def next(self, timeout: float = WAIT) -> dict[str, Any]:
        """The next message received."""
        if not self._pending:
            await asyncio.wait_for(self._read_frame(timeout), timeout)
        return self._pending.popleft()

    async def frame(self, timeout: float = WAIT) -> list[dict[str, Any]]:
        """The next whole frame (everything pending must have been consumed)."""
        assert not self._pending, f"unread messages: {list(self._pending)}"
        await asyncio.wait_for(self._read_frame(timeout), timeout)
        batch = list(self._pending)
        self._pending.clear()
        return batch

    async def expect(self, kind: str, timeout: float = WAIT,
                     **fields: Any) -> dict[str, Any]:
        """Skip messages until one of type ``kind`` whose fields match; return it."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"no {kind} {fields} within {timeout} s; "
                                     f"seen {self.log[-10:]}")
            msg = await self.next(remaining)
            if msg.get("type") == kind and all(msg.get(k) == v for k, v in fields.items()):
                return msg

    async def wait_closed(self, timeout: float = WAIT) -> int | None:
        """Read until the server closes; returns the close code."""
        try:
            while True:
                await self.next(timeout)
        except BrowserClosed as exc:
            return exc.code

    async def answer_queries(self, answer: Callable[[dict[str, Any]], Any],
                             count: int = 1, timeout: float = WAIT) -> list[dict[str, Any]]:
        """Answer the next ``count`` queries with ``answer(query)``."""
        seen = []
        for _ in range(count):
            q = await self.expect("query", timeout)
            seen.append(q)
            await self.result(q["id"], answer(q))
        return seen

    async def close(self) -> None:
        await self.ws.close()
        if self._own_http:
            await self.http.close()


class SyncFakeBrowser:
    """A FakeBrowser on its own event-loop thread, driven with blocking calls."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="fake-browser",
                                        daemon=True)
        self._thread.start()
        self.browsers: list[FakeBrowser] = []

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = WAIT * 2) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def connect(self, url: str, **kwargs: Any) -> FakeBrowser:
        browser = self.run(FakeBrowser.connect(url, **kwargs))
        self.browsers.append(browser)
        return browser

    def open(self, url: str, **kwargs: Any) -> FakeBrowser:
        browser = self.run(FakeBrowser.open(url, **kwargs))
        self.browsers.append(browser)
        return browser

    def stop(self) -> None:
        async def close_all() -> None:
            for b in self.browsers:
                try:
                    await b.close()
                except Exception:  # noqa: BLE001 - best effort at teardown
                    pass
        try:
            self.run(close_all())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(WAIT)
            self.loop.close()
