"""Builds the aiohttp ``web.Application``s of a pgwidgets Application: page + static +
WebSocket on one port, or any subset (split ports, WebSocket only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from pgwidgets.auth.middleware import install_auth
from pgwidgets.server.routes import APP_KEY, page_handler, static_handler
from pgwidgets.server.websocket import websocket_handler

if TYPE_CHECKING:
    from pgwidgets.server.base_application import BaseApplication

__all__ = ["APP_KEY", "CLOSE_GOING_AWAY", "build_web_app"]

#: close code sent to browsers when the server shuts down (the page may retry later)
CLOSE_GOING_AWAY = 1001


def build_web_app(app: BaseApplication, *, page: bool, ws: bool) -> web.Application:
    """One aiohttp app.

    Args:
        page: serve the connector page and static files.
        ws: serve the WebSocket (at ``/ws`` when ``page``, else on every path).
    """
    web_app = web.Application(client_max_size=app.config.max_message_size)
    web_app[APP_KEY] = app
    install_auth(web_app, app, serves_page=page)

    async def on_startup(_: web.Application) -> None:
        app._bind_loop()

    async def on_shutdown(_: web.Application) -> None:
        # before aiohttp waits for handlers: close every WebSocket now, or each open
        # browser would hold the shutdown for the whole shutdown timeout
        app._destroy_all(code=CLOSE_GOING_AWAY, reason="server shutting down")

    async def on_cleanup(_: web.Application) -> None:
        app._destroy_all(code=CLOSE_GOING_AWAY, reason="server shutting down")

    web_app.on_startup.append(on_startup)
    web_app.on_shutdown.append(on_shutdown)
    web_app.on_cleanup.append(on_cleanup)
    if page:
        web_app.router.add_get("/", page_handler)
        web_app.router.add_get("/index.html", page_handler)
        if ws:
            web_app.router.add_get("/ws", websocket_handler)
        web_app.router.add_get("/{tail:.+}", static_handler)
    else:
        web_app.router.add_get("/{tail:.*}", websocket_handler)
    return web_app
