"""One browser connection: an ordered, bounded outgoing frame queue over a WebSocket."""

from __future__ import annotations

import asyncio
import logging
from collections import deque

from aiohttp import web

__all__ = ["Connection"]

logger = logging.getLogger(__name__)


class Connection:
    """Writes frames to one WebSocket in order; a browser that cannot keep up is dropped.

    Frames are queued synchronously (from the flush callback) and written by a single writer
    task, so order is kept without awaiting in the flush path.
    """

    def __init__(self, ws: web.WebSocketResponse, *, max_queued: int, peer: str = "") -> None:
        self.ws = ws
        self.peer = peer
        self._queue: deque[str] = deque()
        self._max = max_queued
        self._writer: asyncio.Task[None] | None = None
        self.closed = False

    def send(self, text: str) -> None:
        """Queue a frame (must be called on the event-loop thread)."""
        if self.closed:
            return
        if len(self._queue) >= self._max:
            logger.warning("browser %s is not reading: %d frames queued, disconnecting",
                           self.peer, len(self._queue))
            self.close(code=1008, message="too many queued messages")
            return
        self._queue.append(text)
        if self._writer is None:
            self._writer = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        try:
            while self._queue and not self.ws.closed:
                await self.ws.send_str(self._queue.popleft())
        except (ConnectionError, RuntimeError) as exc:
            logger.debug("write to %s failed: %s", self.peer, exc)
            self._queue.clear()
        finally:
            self._writer = None

    async def drain(self) -> None:
        """Wait until every queued frame is written (used before a deliberate close)."""
        while self._writer is not None:
            await asyncio.shield(self._writer)

    def close(self, code: int = 1000, message: str = "") -> None:
        """Close the socket (asynchronously, after queued frames are written)."""
        if self.closed:
            return
        self.closed = True

        async def closer() -> None:
            try:
                await self.drain()
            except Exception:  # noqa: BLE001 - closing anyway
                pass
            await self.ws.close(code=code, message=message.encode())
        asyncio.get_running_loop().create_task(closer())
