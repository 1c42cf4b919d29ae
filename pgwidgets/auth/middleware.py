"""One aiohttp middleware applies the Origin check and the auth backend to every route.

Order for each request: work out what the browser sees (through trusted proxies), refuse a
WebSocket upgrade from a foreign Origin (403), ask the backend who this is (401 if nobody),
let the backend swap in its own answer (a token exchanged for a cookie), and only then run
the handler - so the WebSocket is accepted only after all of this.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from pgwidgets.auth.base import (
    CONTEXT_KEY,
    IDENTITY_KEY,
    AuthBackend,
    AuthContext,
    identify,
    internal_error,
    is_upgrade,
)
from pgwidgets.auth.cookies import LoginCookies
from pgwidgets.auth.headers import add_security_headers
from pgwidgets.auth.origin import AllowedOrigins, describe, origin_allowed
from pgwidgets.auth.proxy import DEFAULT_TRUSTED_PROXIES, TrustedNetworks, client_view
from pgwidgets.protocol.throttle import log_throttled

__all__ = ["TOKEN_PROTOCOL_PREFIX", "install_auth", "trusted_networks"]

logger = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: a WebSocket subprotocol carrying a credential: ``pgwidgets.token.<base64url>``
TOKEN_PROTOCOL_PREFIX = "pgwidgets.token."

#: one cookie key per Application, shared by its apps (split ports has two)
_COOKIES: weakref.WeakKeyDictionary[Any, LoginCookies] = weakref.WeakKeyDictionary()


def trusted_networks(config: Any) -> TrustedNetworks:
    """``config.trusted_proxies``, or loopback when it is None."""
    entries = getattr(config, "trusted_proxies", None)
    return TrustedNetworks(DEFAULT_TRUSTED_PROXIES if entries is None else entries)


def _cookies_for(application: Any) -> LoginCookies:
    cookies = _COOKIES.get(application)
    if cookies is None:
        cfg = application.config
        cookies = _COOKIES[application] = LoginCookies(cfg.secret_key, cfg.cookie_max_age)
    return cookies


def _strip_credentials(request: web.Request) -> web.Request:
    """Drop credential subprotocols so the handshake never echoes or logs them."""
    offered = request.headers.get("Sec-WebSocket-Protocol")
    if not offered or TOKEN_PROTOCOL_PREFIX not in offered:
        return request
    kept = [
        p.strip()
        for p in offered.split(",")
        if p.strip() and not p.strip().startswith(TOKEN_PROTOCOL_PREFIX)
    ]
    headers = request.headers.copy()
    del headers["Sec-WebSocket-Protocol"]
    if kept:
        headers["Sec-WebSocket-Protocol"] = ", ".join(kept)
    return request.clone(headers=headers)


async def _guarded(handler: Handler, request: web.Request) -> web.StreamResponse:
    """Run ``handler``; an unexpected failure is a bare 500 and a rate-limited log line.

    aiohttp would log a traceback for every such request, so anyone able to trigger one
    (authenticated or not) could fill the log; the answer never carries the exception text.
    """
    try:
        return await handler(request)
    except (web.HTTPException, ConnectionError):  # an answer, or a browser gone away
        raise
    except Exception:  # noqa: BLE001 - answered with 500, logged (throttled)
        log_throttled(
            logger,
            f"handler-500:{request.match_info.route.name or request.match_info.route}",
            "request %s %s failed with 500",
            request.method,
            request.path[:200],
            level=logging.ERROR,
            exc_info=True,
        )
        raise internal_error() from None


def install_auth(web_app: web.Application, application: Any) -> None:
    """Guard every route of ``web_app`` (page, static files, WebSocket upgrade)."""
    backend: AuthBackend | None = application.auth
    config = application.config
    trusted = trusted_networks(config)
    allowed = AllowedOrigins(getattr(config, "allowed_origins", None) or [])
    cookies = _cookies_for(application) if getattr(backend, "uses_cookies", False) else None

    def origin_ok(request: web.Request, ctx: AuthContext) -> bool:
        page_port = application.http_port if config.split_ports else None
        return origin_allowed(
            request.headers.get("Origin"),
            own_scheme=ctx.view.scheme,
            own_host=ctx.view.host,
            allowed=allowed,
            page_port=page_port,
            ws_only=not config.http_server,
        )

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        ctx = AuthContext(client_view(request, trusted), cookies, application)
        request[CONTEXT_KEY] = ctx
        upgrade = is_upgrade(request)
        if upgrade and not origin_ok(request, ctx):
            log_throttled(
                logger,
                "refused-origin",
                "refused a WebSocket from origin %s (this page is %s): if that page is "
                "yours, list it in Application(allowed_origins=[...]); behind a reverse "
                "proxy, list the proxy in trusted_proxies=[...] so its X-Forwarded-Host/"
                "-Proto are believed",
                describe(request),
                ctx.view.origin,
            )
            return web.Response(status=403, text="403: WebSocket origin not allowed\n")
        if backend is None or (not upgrade and backend.is_public(request)):
            identity = None
        else:
            identity = await identify(backend, request)
            if identity is None:
                if upgrade:
                    log_throttled(
                        logger,
                        "refused-unauthenticated",
                        "refused a WebSocket from %s: not authenticated",
                        ctx.view.client or "?",
                        level=logging.INFO,
                    )
                return await backend.challenge(request)
            replaced = await backend.exchange(request, identity)
            if replaced is not None:
                return replaced
        if upgrade:
            request = _strip_credentials(request)
        request[IDENTITY_KEY] = identity
        if upgrade:
            return await handler(request)  # a prepared WebSocket cannot become a 500
        return await _guarded(handler, request)

    web_app.middlewares.append(guard)
    web_app.on_response_prepare.append(add_security_headers)
    if backend is not None:
        backend.setup(web_app, application)
