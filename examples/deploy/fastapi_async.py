"""FastAPI serves the page and static files; pgwidgets (async) shares its event loop.

Run from this folder::

    uvicorn fastapi_async:web --host 0.0.0.0 --port 8000

``/`` uses ``render_remote_html(ws_port=...)``: the page connects to the pgwidgets port of
whatever host it was loaded from, so it works from other machines too (as long as they can
reach that port: set PGWIDGETS_HOST=0.0.0.0 and use auth, or better, put a proxy in front).
``/literal`` is the guide's ``html.replace("<head>", ...)`` variant, with the URL taken from
the request instead of a hard-coded ``localhost``.

Environment: PGWIDGETS_HOST (127.0.0.1), PGWIDGETS_WS_PORT (9500).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from ui import build_async

from pgwidgets.async_ import Application

__all__ = ["pgapp", "web"]

pgapp = Application(
    http_server=False,
    host=os.environ.get("PGWIDGETS_HOST", "127.0.0.1"),
    ws_port=int(os.environ.get("PGWIDGETS_WS_PORT", "9500")),
)


@pgapp.on_connect
async def on_session(session: Any) -> None:
    await build_async(session, "FastAPI Async Demo")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # start() serves until cancelled; cancelling it closes every session and the port
    task = asyncio.create_task(pgapp.start())
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


web = FastAPI(lifespan=lifespan)


@web.get("/", response_class=HTMLResponse)
async def index() -> str:
    return pgapp.render_remote_html(ws_port=pgapp.ws_port)


def ws_origin(request: Request) -> str:
    """The WebSocket's origin: pgwidgets' port on the host the page was loaded from."""
    scheme = "wss" if request.url.scheme == "https" else "ws"
    return f"{scheme}://{request.url.hostname}:{pgapp.ws_port}"


def literal_script(request: Request) -> str:
    """The old guide's injected script, with the URL taken from the request."""
    return f'window.PGWIDGETS_WS_URL = "{ws_origin(request)}/ws";'


@web.get("/literal", response_class=HTMLResponse)
async def literal(request: Request) -> str:
    html = pgapp.remote_html.read_text(encoding="utf-8")
    inject = f"<script>{literal_script(request)}</script>\n"
    return html.replace("<head>", "<head>\n" + inject, 1)


@web.middleware("http")
async def security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """What pgwidgets' own server sends: a Content-Security-Policy that lets the page run
    only its own scripts (and the literal one, by hash) and connect only to its origin and
    the WebSocket, nosniff and no Referer - on the page and on every static file."""
    response = await call_next(request)
    scripts = [literal_script(request)] if request.url.path == "/literal" else []
    response.headers.update(pgapp.security_headers(connect=[ws_origin(request)], scripts=scripts))
    return response


# Serve pgwidgets JS/CSS assets (after the routes above, which take precedence)
web.mount("/", StaticFiles(directory=str(pgapp.static_path)), name="static")
