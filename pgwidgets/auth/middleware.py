"""One aiohttp middleware applies the Host, Origin and auth checks to every route.

Order for each request: work out what the browser sees (through trusted proxies), refuse a
Host name this server does not answer to (403, DNS rebinding: :mod:`pgwidgets.auth.hosts`),
refuse a WebSocket upgrade from a foreign Origin (403), ask the backend who this is (401 if
nobody), let the backend swap in its own answer (a token exchanged for a cookie), and only
then run the handler - so the WebSocket is accepted only after all of this.

A browser cannot see why a WebSocket upgrade was refused (it only gets a failed socket), so
a plain ``GET`` with ``?pgwidgets_why`` on any URL of the app answers, as JSON anyone may
read (CORS ``*``, no credentials), whether this request's Host and Origin would be refused,
and whether the server wants authentication. The page asks after a few failed upgrades and
tells the user what to change instead of "Connecting..." forever.
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
    text_page,
    wants_html,
)
from pgwidgets.auth.cookies import LoginCookies
from pgwidgets.auth.headers import add_security_headers
from pgwidgets.auth.hosts import AllowedHosts, host_name
from pgwidgets.auth.origin import AllowedOrigins, describe, origin_allowed
from pgwidgets.auth.proxy import DEFAULT_TRUSTED_PROXIES, TrustedNetworks, client_view
from pgwidgets.protocol.throttle import log_throttled

__all__ = ["TOKEN_PROTOCOL_PREFIX", "WHY_PARAM", "install_auth", "trusted_networks"]

logger = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: a WebSocket subprotocol carrying a credential: ``pgwidgets.token.<base64url>``
TOKEN_PROTOCOL_PREFIX = "pgwidgets.token."

#: one cookie key per Application, shared by its apps (split ports has two)
_COOKIES: weakref.WeakKeyDictionary[Any, LoginCookies] = weakref.WeakKeyDictionary()


#: the query parameter of the refusal probe (see the module docstring)
WHY_PARAM = "pgwidgets_why"


def trusted_networks(config: Any) -> TrustedNetworks:
    """``config.trusted_proxies``; nobody when it is None."""
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


def _short(text: str) -> str:
    """A client-chosen value, shortened for a message."""
    return text[:120]


def _host_refusal(name: str) -> str:
    return (
        f"This server does not answer to the host name {_short(name)!r} (a defence against "
        "DNS rebinding). If that name is yours, whoever runs the application adds it: "
        f"Application(allowed_hosts=[{_short(name)!r}])."
    )


def _origin_refusal(origin: str, own: str) -> str:
    return (
        f"This page ({_short(origin)}) may not open the application's WebSocket at "
        f"{_short(own)}. If the page is yours, whoever runs the application lists it: "
        f'Application(allowed_origins=["{_short(origin)}"]).'
    )


def install_auth(web_app: web.Application, application: Any, *, serves_page: bool = True) -> None:
    """Guard every route of ``web_app`` (page, static files, WebSocket upgrade).

    Args:
        serves_page: ``web_app`` serves the page (single port, split ports' page app, a
            mounted ``web_app()``): then only the page's own origin may open the WebSocket.
            False: the WebSocket app of split ports, or WebSocket-only mode (another
            server serves the page; only there may the rules for pages elsewhere apply).
    """
    backend: AuthBackend | None = application.auth
    config = application.config
    # split ports: the WebSocket app does not serve the page, but our other app does
    page_elsewhere = not serves_page and not config.http_server
    trusted = trusted_networks(config)
    allowed = AllowedOrigins(getattr(config, "allowed_origins", None) or [])
    hosts = AllowedHosts(
        [*(getattr(config, "allowed_hosts", None) or []), *allowed.host_entries()],
        getattr(config, "host", ""),
    )
    cookies = _cookies_for(application) if getattr(backend, "uses_cookies", False) else None

    def origin_ok(request: web.Request, ctx: AuthContext) -> bool:
        page_port = application.http_port if config.split_ports else None
        return origin_allowed(
            request.headers.get("Origin"),
            own_scheme=ctx.view.scheme,
            own_host=ctx.view.host,
            allowed=allowed,
            page_port=page_port,
            page_elsewhere=page_elsewhere,
            same_host=bool(getattr(config, "same_host_origins", False)),
            loopback=backend is None,
        )

    def refused_host(request: web.Request, ctx: AuthContext) -> str | None:
        """The browser-facing host name this server does not answer to, if any."""
        for host in (request.headers.get("Host"), ctx.view.host if ctx.view.via_proxy else None):
            if host and not hosts.allows(host):
                return host_name(host)
        return None

    def why(request: web.Request, ctx: AuthContext) -> web.StreamResponse:
        """The refusal probe: would an upgrade like this request be refused, and why."""
        refused: str | None = None
        message = ""
        bad_host = refused_host(request, ctx)
        origin = request.headers.get("Origin")
        if bad_host is not None:
            refused, message = "host", _host_refusal(bad_host)
        elif not origin_ok(request, ctx):
            refused, message = "origin", _origin_refusal(origin or "", ctx.view.origin)
        return web.json_response(
            {"refused": refused, "message": message, "auth": backend is not None},
            headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "no-store"},
        )

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        ctx = AuthContext(client_view(request, trusted), cookies, application)
        request[CONTEXT_KEY] = ctx
        upgrade = is_upgrade(request)
        if not upgrade and request.method == "GET" and WHY_PARAM in request.query:
            return why(request, ctx)
        bad_host = refused_host(request, ctx)
        if bad_host is not None:
            log_throttled(
                logger,
                "refused-host",
                "refused a request for host %r: not an allowed host name (DNS rebinding "
                "defence); if the name is yours, add it to Application(allowed_hosts=[...])",
                _short(bad_host),
            )
            if wants_html(request):
                return text_page(403, "Unknown host name", _host_refusal(bad_host))
            return web.Response(status=403, text="403: host name not allowed\n")
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
