"""The floor: a minimal hand-written aiohttp + plain-JS page doing the click benchmark's update.

A button sends ``"click"`` over a WebSocket; the server counts and answers with the count;
the page sets a label's ``textContent``. No framework, no JSON, nothing to skip: whatever
pgwidgets adds on top of this is its overhead. ``benchmarks/run.py`` measures both the same
way and prints the ratio.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from aiohttp import WSMsgType, web

__all__ = ["FLOOR_PAGE", "FloorServer"]

logger = logging.getLogger(__name__)

FLOOR_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>floor</title></head>
<body>
<span class="pgw-label"><span class="pgw-label-text">0</span></span>
<button type="button" class="pgw-button"><span class="pgw-button-text">Count</span></button>
<script>
const label = document.querySelector('.pgw-label-text');
const ws = new WebSocket(new URL('ws', location.href).toString().replace(/^http/, 'ws'));
ws.onmessage = (ev) => { label.textContent = ev.data; };
ws.onopen = () => { document.body.dataset.ready = '1'; };
document.querySelector('button').addEventListener('click', () => ws.send('click'));
</script>
</body></html>
"""


async def _page(_: web.Request) -> web.Response:
    return web.Response(text=FLOOR_PAGE, content_type="text/html")


async def _ws(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    count = 0
    async for msg in ws:
        if msg.type is WSMsgType.TEXT and msg.data == "click":
            count += 1
            await ws.send_str(str(count))
    return ws


class FloorServer:
    """The floor page and its WebSocket on 127.0.0.1, served by its own loop thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="floor", daemon=True)
        self._thread.start()
        app = web.Application()
        app.router.add_get("/", _page)
        app.router.add_get("/ws", _ws)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        self.port: int = asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)
        self.url = f"http://127.0.0.1:{self.port}/"

    async def _start(self) -> int:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        return site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
