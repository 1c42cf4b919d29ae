"""TrustedHeaderAuth: a reverse proxy has already authenticated the user and says who.

For nginx ``auth_request``, oauth2-proxy, Authelia, Caddy ``forward_auth`` and the like: the
proxy authenticates every request and passes the user name in a header. Any client could send
that header, so it is believed only when the TCP peer is one of ``trusted_proxies``; from
anywhere else it is ignored and the request is refused (401). No cookie is involved: the
proxy vouches for every request, including the WebSocket upgrade.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from aiohttp import web

from pgwidgets.auth.base import AuthBackend, text_page, wants_html
from pgwidgets.auth.proxy import TrustedNetworks
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.protocol.throttle import log_throttled

__all__ = ["TrustedHeaderAuth"]

logger = logging.getLogger(__name__)

#: a longer "user name" is not one
_MAX_NAME = 256


class TrustedHeaderAuth(AuthBackend):
    """The user name comes from ``header``, set by a proxy at one of ``trusted_proxies``.

    Args:
        header: the request header holding the user name.
        trusted_proxies: addresses/CIDRs of the proxies (the TCP peer must be one of them).
    """

    def __init__(
        self, header: str = "X-Forwarded-User", trusted_proxies: Iterable[str] = ("127.0.0.1",)
    ) -> None:
        if not isinstance(header, str) or not header.strip():
            raise ConfigurationError("TrustedHeaderAuth: header must be a header name")
        self.header = header.strip()
        self.trusted = TrustedNetworks(trusted_proxies)
        if not self.trusted:
            raise ConfigurationError("TrustedHeaderAuth: trusted_proxies must not be empty")

    def __repr__(self) -> str:
        return f"TrustedHeaderAuth(header={self.header!r}, trusted_proxies={self.trusted!r})"

    async def authenticate(self, request: web.Request) -> Any | None:
        values = request.headers.getall(self.header, [])
        if not self.trusted.contains(request.remote):
            if values:
                log_throttled(
                    logger,
                    f"foreign-header:{self.header}",
                    "ignored %s from %s: not a trusted proxy (trusted_proxies=%r)",
                    self.header,
                    request.remote,
                    self.trusted,
                )
            return None
        if not values:
            return None
        if len(values) > 1:
            # the proxy set one and the client sent another: which is the proxy's is
            # anyone's guess (proxies append), so neither is believed
            log_throttled(
                logger,
                f"repeated-header:{self.header}",
                "refused a request carrying %s %d times (via %s): configure the proxy to "
                "replace the header, not append to it",
                self.header,
                len(values),
                request.remote,
            )
            raise web.HTTPBadRequest(text="400: the identity header appears more than once\n")
        value = values[0]
        name = value.strip()
        if not name or len(name) > _MAX_NAME or not name.isprintable():
            return None
        return name

    async def challenge(self, request: web.Request) -> web.StreamResponse:
        text = (
            "This application is meant to be reached through a sign-in proxy, which "
            "did not vouch for this request."
        )
        if wants_html(request):
            return text_page(401, "Authentication required", text)
        return web.Response(status=401, text=f"401: {text}\n")
