"""One aiohttp middleware applies the auth backend and the Origin check to every route."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from pgwidgets.auth.base import IDENTITY_KEY
from pgwidgets.auth.origin import origin_allowed

__all__ = ["install_auth"]

logger = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _is_upgrade(request: web.Request) -> bool:
    return request.headers.get("Upgrade", "").lower() == "websocket"


def install_auth(web_app: web.Application, application: Any) -> None:
    """Guard every route of ``web_app`` (page, static files, WebSocket upgrade)."""
    backend = application.auth
    config = application.config

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if _is_upgrade(request) and not origin_allowed(request, config):
            logger.warning("refused a WebSocket from origin %r: not this page's origin; "
                           "list it in Application(allowed_origins=[...]) if it is yours",
                           request.headers.get("Origin"))
            return web.Response(status=403, text="403: WebSocket origin not allowed\n")
        if backend is None or backend.is_public(request):
            request[IDENTITY_KEY] = None
            return await handler(request)
        identity = await backend.authenticate(request)
        if identity is None:
            return await backend.challenge(request)
        request[IDENTITY_KEY] = identity
        return await handler(request)

    web_app.middlewares.append(guard)
    if backend is not None:
        backend.setup(web_app, application)
