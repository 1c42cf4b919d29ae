"""A scripted fake browser: speaks the pgwidgets wire protocol over a real WebSocket.

``FakeBrowser`` is async (aiohttp ``ws_connect``); ``SyncFakeBrowser`` runs the same thing
on its own loop thread, so a test thread can block in sync API calls while the "browser"
answers queries. Every wait has a timeout; nothing sleeps.

Binary payloads are reassembled as ``static/js/payload.js`` does (chunks pair FIFO with
``binary`` headers, up to each header's ``size``), and messages are *delivered* (``log``,
``frames``, :meth:`FakeBrowser.next`) in the order the page applies them: a frame with a
``binary`` header, and every frame after it, waits until its payloads are complete. The
header then carries its bytes under ``"payload"`` and how many frames they took under
``"chunks"``. ``wire`` records what crossed the socket, in arrival order, to check how
frames were interleaved.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

import aiohttp

__all__ = ["WAIT", "BrowserClosed", "FakeBrowser", "SyncFakeBrowser", "Wire"]

#: seconds any single wait may take before the test fails
WAIT = 5.0


class BrowserClosed(AssertionError):
    """The server closed the socket while the test expected a message."""

    def __init__(self, code: int | None, messages: list[dict[str, Any]]) -> None:
        super().__init__(f"socket closed (code {code}); seen {messages[-5:]}")
        self.code = code


class Wire:
    """One frame as it crossed the socket: text (its messages) or binary (its length)."""

    __slots__ = ("messages", "size")

    def __init__(self, messages: list[dict[str, Any]] | None, size: int) -> None:
        #: the text frame's messages; None for a binary frame
        self.messages = messages
        #: bytes of a binary frame (0 for text)
        self.size = size

    @property
    def binary(self) -> bool:
        return self.messages is None

    def __repr__(self) -> str:
        if self.messages is None:
            return f"<binary {self.size}>"
        return f"<text {[m.get('type') for m in self.messages]}>"


class _Incoming:
    """A payload being reassembled for one ``binary`` header."""

    def __init__(self, header: dict[str, Any]) -> None:
        self.header = header
        self.data = bytearray()
        self.frames = 0


class FakeBrowser:
    """One scripted WebSocket client. ``log`` holds every message delivered, in order."""

    def __init__(
        self, http: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse, own_http: bool
    ) -> None:
        self.http = http
        self.ws = ws
        self._own_http = own_http
        self._pending: deque[dict[str, Any]] = deque()
        self.log: list[dict[str, Any]] = []
        self.frames: list[list[dict[str, Any]]] = []
        self.welcome: dict[str, Any] | None = None
        self.close_code: int | None = None
        #: every frame in arrival order (text and binary), for interleaving checks
        self.wire: list[Wire] = []
        # frames waiting for payloads, and the payloads being received (both FIFO)
        self._held: deque[list[dict[str, Any]]] = deque()
        self._incoming: deque[_Incoming] = deque()

    @classmethod
    async def open(
        cls, url: str, *, http: aiohttp.ClientSession | None = None, **ws_kwargs: Any
    ) -> FakeBrowser:
        """Open the socket without saying hello."""
        own = http is None
        http = http or aiohttp.ClientSession()
        try:
            ws = await http.ws_connect(
                url, timeout=aiohttp.ClientWSTimeout(ws_close=WAIT), **ws_kwargs
            )
        except BaseException:
            if own:
                await http.close()
            raise
        return cls(http, ws, own)

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        session_id: str | None = None,
        token: str | None = None,
        width: int = 800,
        height: int = 600,
        http: aiohttp.ClientSession | None = None,
        **ws_kwargs: Any,
    ) -> FakeBrowser:
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

    async def hello(
        self,
        *,
        session_id: str | None = None,
        token: str | None = None,
        width: int = 800,
        height: int = 600,
    ) -> None:
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
        """Read one frame off the socket (it may deliver nothing yet: a held frame)."""
        msg = await self.ws.receive(timeout=timeout)
        if msg.type is aiohttp.WSMsgType.TEXT:
            self.take_text(msg.data)
            return
        if msg.type is aiohttp.WSMsgType.BINARY:
            self.take_binary(msg.data)
            return
        if msg.type is aiohttp.WSMsgType.CLOSE:
            # the code the server sent (ws.close_code may say 1006 if it hung up first)
            self.close_code = int(msg.data)
            raise BrowserClosed(self.close_code, self.log)
        if msg.type in (
            aiohttp.WSMsgType.CLOSING,
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.ERROR,
        ):
            self.close_code = self.close_code or self.ws.close_code
            raise BrowserClosed(self.close_code, self.log)
        raise AssertionError(f"unexpected frame type {msg.type}")

    def take_text(self, text: str) -> None:
        """A text frame arrived (also fed directly by tests/protocol/test_shared_frames.py)."""
        data = json.loads(text)
        assert isinstance(data, list), f"server frames are arrays, got {data!r}"
        self.wire.append(Wire(data, 0))
        for m in data:
            if m.get("type") == "binary":
                self._incoming.append(_Incoming(m))
        self._held.append(data)
        self._deliver()

    def take_binary(self, chunk: bytes) -> None:
        """A binary frame arrived: a chunk of the oldest unfinished payload."""
        self.wire.append(Wire(None, len(chunk)))
        assert self._incoming, "a binary frame with no binary header waiting for it"
        incoming = self._incoming[0]
        incoming.data += chunk
        incoming.frames += 1
        size = incoming.header["size"]
        assert len(incoming.data) <= size, f"payload longer than its {size} bytes"
        if len(incoming.data) == size:
            incoming.header["payload"] = bytes(incoming.data)
            incoming.header["chunks"] = incoming.frames
            self._incoming.popleft()
            self._deliver()

    def _deliver(self) -> None:
        """Hand on held frames, in order, up to the first whose payloads are not all in."""
        while self._held and all(
            "payload" in m for m in self._held[0] if m.get("type") == "binary"
        ):
            data = self._held.popleft()
            self.frames.append(data)
            self.log.extend(data)
            self._pending.extend(data)

    async def read_wire_until(self, done: Callable[[], bool], timeout: float = WAIT) -> None:
        """Read frames off the socket until ``done()`` (say, a header is on ``wire``)."""

        async def read() -> None:
            while not done():
                await self._read_frame(timeout)

        await asyncio.wait_for(read(), timeout)

    async def next(self, timeout: float = WAIT) -> dict[str, Any]:
        """The next message delivered."""
        await self.read_wire_until(lambda: bool(self._pending), timeout)
        return self._pending.popleft()

    async def frame(self, timeout: float = WAIT) -> list[dict[str, Any]]:
        """The next whole frame delivered (everything pending must have been consumed)."""
        assert not self._pending, f"unread messages: {list(self._pending)}"
        before = len(self.frames)
        await self.read_wire_until(lambda: len(self.frames) > before, timeout)
        batch = self.frames[before]
        for _ in batch:  # frames released together with it stay pending
            self._pending.popleft()
        return list(batch)

    async def expect(self, kind: str, timeout: float = WAIT, **fields: Any) -> dict[str, Any]:
        """Skip messages until one of type ``kind`` whose fields match; return it."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"no {kind} {fields} within {timeout} s; seen {self.log[-10:]}"
                )
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

    async def answer_queries(
        self, answer: Callable[[dict[str, Any]], Any], count: int = 1, timeout: float = WAIT
    ) -> list[dict[str, Any]]:
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
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="fake-browser", daemon=True
        )
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
