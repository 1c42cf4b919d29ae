"""One browser connection: an ordered, bounded outgoing frame queue over a WebSocket.

What goes out when is decided by the sans-I/O :class:`~pgwidgets.protocol.outgoing.FrameQueue`
(text frames first, payloads a chunk at a time); this module only writes what it hands out.

A ``Connection`` belongs to the event loop that accepted it. :meth:`Connection.send` is
called by the session's flush (always on that loop); :meth:`Connection.close` may be called
from any thread (a sync ``Session.destroy()`` runs on the caller's thread), so it hops to
the loop itself and never needs a running loop in the caller.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Coroutine, Generator
from typing import Any, cast

from aiohttp import web

from pgwidgets.protocol.outgoing import FrameQueue, OutgoingPayload

__all__ = ["Connection"]

logger = logging.getLogger(__name__)


class Connection:
    """Writes frames to one WebSocket in order; a browser that cannot keep up is dropped.

    The flush path never awaits: while nothing is in flight a frame is written at once
    (:meth:`_write_now`); once the socket's buffer is full, later frames wait in a queue for
    the single writer task, so order is kept either way. A payload larger than one chunk
    is always finished by the writer task, one chunk per loop turn, so text frames queued
    meanwhile slip in between chunks and other connections keep being served.
    """

    def __init__(
        self,
        ws: web.WebSocketResponse,
        *,
        max_queued: int,
        peer: str = "",
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        self.ws = ws
        #: the remote address, for log lines only
        self.peer = peer
        # the loop that owns the socket: every write and the close happen there
        self.loop = loop or asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._queue = FrameQueue()
        self._max = max_queued
        self._writer: asyncio.Task[None] | None = None
        self._closer: asyncio.Task[None] | None = None
        #: True once closing has begun (by us or by the browser); later sends are dropped
        self.closed = False

    def __repr__(self) -> str:
        return f"<Connection {self.peer or '?'}{' closed' if self.closed else ''}>"

    def send(self, frame: str | bytes | OutgoingPayload) -> None:
        """Queue a text frame or a payload (on the connection's loop: the flush runs there).

        A payload (or plain ``bytes``) goes out in frames of at most
        ``OUTGOING_CHUNK_SIZE`` bytes and counts as one queued entry, whatever its size.
        """
        if self.closed:
            return
        if threading.get_ident() != self._loop_thread:
            self._call_on_loop(lambda: self.send(frame))
            return
        if len(self._queue) >= self._max:
            logger.warning(
                "browser %s is not reading: %d frames queued, disconnecting",
                self.peer,
                len(self._queue),
            )
            self.close(code=1008, message="too many queued messages")
            return
        if self._writer is None and not self.ws.closed:
            if isinstance(frame, str):
                self._write_now(frame)
                return
            self._queue.push(frame)
            first = self._queue.pop()
            if first is not None:
                self._write_now(first)  # may start the writer task (a full socket)
            if not self._queue:  # it fitted in one chunk, as most payloads do
                return
        else:
            self._queue.push(frame)
        if self._writer is None:
            self._writer = self.loop.create_task(self._write())

    def _write_now(self, frame: str | bytes | memoryview) -> None:
        """Nothing is being written: hand ``frame`` to the socket in this loop turn.

        Writing an uncompressed frame never waits unless the socket's buffer is full, so
        the send coroutine is stepped here by hand and normally finishes at once: the reply
        to a click leaves in the same loop turn instead of the next one. Only when it has to
        wait for the buffer to drain does a writer task take over the rest.
        """
        coro = self._send_frame(frame)
        try:
            pending = coro.send(None)
        except StopIteration:
            return
        except (ConnectionError, RuntimeError) as exc:
            logger.debug("write to %s failed: %s", self.peer, exc)
            return
        self._writer = self.loop.create_task(self._finish(_Resume(coro, pending)))

    async def _finish(self, rest: _Resume) -> None:
        try:
            await rest
        except (ConnectionError, RuntimeError) as exc:
            logger.debug("write to %s failed: %s", self.peer, exc)
            self._queue.clear()
            self._writer = None
            return
        await self._write()

    def _send_frame(self, frame: str | bytes | memoryview) -> Coroutine[Any, Any, None]:
        if isinstance(frame, str):
            return self.ws.send_str(frame)
        # a payload chunk, after its header; aiohttp takes any bytes-like object (its
        # annotation says bytes): a memoryview is sent without a copy
        return self.ws.send_bytes(cast(bytes, frame))

    async def _write(self) -> None:
        try:
            while not self.ws.closed and (frame := self._queue.pop()) is not None:
                await self._send_frame(frame)
                if not isinstance(frame, str):
                    # a write that fits the socket's buffer never suspends: without this
                    # a 50 MB payload would hold the loop (every session's input and
                    # output) until all of it is written, and no text frame queued
                    # meanwhile could slip in before the next chunk
                    await asyncio.sleep(0)
        except (ConnectionError, RuntimeError) as exc:
            logger.debug("write to %s failed: %s", self.peer, exc)
            self._queue.clear()
        finally:
            if self.ws.closed:  # nothing more will be written: let a big payload go
                self._queue.clear()
            self._writer = None

    async def drain(self) -> None:
        """Wait until every queued frame is written (used before a deliberate close)."""
        while self._writer is not None:
            await asyncio.shield(self._writer)

    def close(self, code: int = 1000, message: str = "") -> None:
        """Close the socket after queued frames are written; safe from any thread.

        Does nothing when the loop is already gone (the socket went with it).
        """
        if self.closed:
            return
        self.closed = True
        if threading.get_ident() != self._loop_thread:
            self._call_on_loop(lambda: self._start_close(code, message))
        else:
            self._start_close(code, message)

    def _start_close(self, code: int, message: str) -> None:
        async def closer() -> None:
            try:
                await self.drain()
            except Exception:  # noqa: BLE001 - closing anyway
                logger.debug("drain before closing %s failed", self.peer, exc_info=True)
            try:
                await self.ws.close(code=code, message=message.encode())
            except (ConnectionError, RuntimeError) as exc:
                logger.debug("close of %s failed: %s", self.peer, exc)

        if not self.loop.is_closed():
            self._closer = self.loop.create_task(closer())

    def _call_on_loop(self, fn: object) -> None:
        try:
            self.loop.call_soon_threadsafe(fn)  # type: ignore[arg-type]
        except RuntimeError:  # the loop is closed: nothing left to write or close
            logger.debug("loop of %s is closed; dropping", self.peer)


class _Resume:
    """Await the rest of a coroutine that was stepped once by hand and yielded ``pending``.

    A task awaiting this waits on what the coroutine waits on and resumes it, passing on
    exceptions thrown in (cancellation), as if the task had run it from the start.
    """

    def __init__(self, coro: Coroutine[Any, Any, None], pending: Any) -> None:
        self._coro = coro
        self._pending = pending

    def __await__(self) -> Generator[Any, None, None]:
        pending = self._pending
        while True:
            try:
                yield pending
            except BaseException as exc:  # noqa: BLE001 - thrown into the task: forward it
                try:
                    pending = self._coro.throw(exc)
                except StopIteration:
                    return
                continue
            try:
                pending = self._coro.send(None)
            except StopIteration:
                return
