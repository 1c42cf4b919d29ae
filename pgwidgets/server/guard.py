"""Connection limits before any request is read: against Slowloris and socket floods.

aiohttp reads a request only when it is complete, and nothing closed a connection that sent
no request at all: 300 silent sockets used up the file descriptors and locked real users out.
:class:`GuardedAppRunner` adds, per listening port:

* a deadline for the first request's headers (``header_timeout``): a connection that has not
  sent a complete request line and headers in time is closed, whether it sent nothing or
  trickled a byte now and then;
* a deadline for idle keep-alive connections (``idle_timeout``, aiohttp's keep-alive);
* a cap on connections per client address (``max_connections_per_client``): one more is
  answered ``503`` and closed at once, before it costs a task or a parser. Peers listed in
  ``trusted_proxies`` are exempt (a proxy carries many users on its connections).

An authenticated WebSocket is past all of this: its first request was read in time, and the
WebSocket heartbeat and hello timeout look after it from then on.

It hooks the low-level ``aiohttp.web.Server`` the runner makes: its ``connection_made`` /
``connection_lost`` (called by every connection's protocol) and its ``request_factory``
(called once a request's headers are parsed).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from aiohttp import web

from pgwidgets.protocol.throttle import log_throttled

__all__ = ["ConnectionGuard", "GuardedAppRunner"]

logger = logging.getLogger(__name__)

_REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\n"
    b"Content-Length: 48\r\n\r\n"
    b"503: too many connections from your address\r\n\r\n"
)


def _peer_host(transport: asyncio.BaseTransport) -> str | None:
    peer = transport.get_extra_info("peername")
    if isinstance(peer, (tuple, list)) and peer:
        return str(peer[0])
    return None  # a Unix socket, or a peer already gone


class ConnectionGuard:
    """Counts connections per address and closes those that send no request in time.

    Args:
        header_timeout: seconds from accept to a complete first request (None: no limit).
        max_per_client: connections one address may hold open (None: no limit).
        exempt: is this address exempt from the cap (a trusted proxy)?
    """

    def __init__(
        self,
        header_timeout: float | None,
        max_per_client: int | None,
        exempt: Callable[[str], bool] = lambda host: False,
    ) -> None:
        self.header_timeout = header_timeout
        self.max_per_client = max_per_client
        self._exempt = exempt
        self._per_host: dict[str, int] = {}
        # connection (aiohttp's RequestHandler) -> its address, and its header deadline
        self._hosts: dict[Any, str | None] = {}
        self._deadlines: dict[Any, asyncio.TimerHandle] = {}

    def __repr__(self) -> str:
        return (
            f"ConnectionGuard(header_timeout={self.header_timeout}, "
            f"max_per_client={self.max_per_client}, open={len(self._hosts)})"
        )

    def connections_from(self, host: str) -> int:
        """Connections ``host`` holds open now."""
        return self._per_host.get(host, 0)

    def install(self, server: web.Server) -> None:
        """Hook ``server`` (instance attributes: aiohttp calls them through the instance)."""
        made, lost, factory = server.connection_made, server.connection_lost, server.request_factory

        def connection_made(handler: Any, transport: asyncio.Transport) -> None:
            made(handler, transport)
            self.opened(handler, transport)

        def connection_lost(handler: Any, exc: BaseException | None = None) -> None:
            self.closed(handler)
            lost(handler, exc)

        def request_factory(*args: Any, **kwargs: Any) -> Any:
            # (message, payload, protocol, writer, task): the headers are complete
            self.request_started(args[2] if len(args) > 2 else kwargs.get("protocol"))
            return factory(*args, **kwargs)

        server.connection_made = connection_made  # type: ignore[method-assign]
        server.connection_lost = connection_lost  # type: ignore[method-assign]
        server.request_factory = request_factory

    def opened(self, handler: Any, transport: asyncio.Transport) -> None:
        """A connection was accepted: count it, refuse it over the cap, start its clock."""
        host = _peer_host(transport)
        self._hosts[handler] = host
        if host is not None:
            count = self._per_host[host] = self._per_host.get(host, 0) + 1
            limit = self.max_per_client
            if limit is not None and count > limit and not self._exempt(host):
                log_throttled(
                    logger,
                    "connection-cap",
                    "refused a connection from %s: it holds %d already "
                    "(max_connections_per_client=%d); behind a reverse proxy, list the "
                    "proxy in trusted_proxies=[...]",
                    host,
                    count - 1,
                    limit,
                )
                transport.write(_REFUSAL)
                transport.close()
                return
        if self.header_timeout is not None:
            loop = asyncio.get_running_loop()
            self._deadlines[handler] = loop.call_later(self.header_timeout, self._expire, handler)

    def request_started(self, handler: Any) -> None:
        """The first request's headers arrived in time: its deadline is off."""
        deadline = self._deadlines.pop(handler, None)
        if deadline is not None:
            deadline.cancel()

    def closed(self, handler: Any) -> None:
        """A connection went away: forget it (idempotent)."""
        self.request_started(handler)
        if handler not in self._hosts:
            return
        host = self._hosts.pop(handler)
        if host is not None:
            left = self._per_host.get(host, 1) - 1
            if left > 0:
                self._per_host[host] = left
            else:
                self._per_host.pop(host, None)

    def _expire(self, handler: Any) -> None:
        self._deadlines.pop(handler, None)
        log_throttled(
            logger,
            "header-timeout",
            "closed a connection from %s: no complete request within %s s (header_timeout)",
            self._hosts.get(handler) or "?",
            self.header_timeout,
            level=logging.INFO,
        )
        handler.force_close()


class GuardedAppRunner(web.AppRunner):
    """An ``AppRunner`` whose server is watched by a :class:`ConnectionGuard`."""

    def __init__(self, app: web.Application, guard: ConnectionGuard, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.guard = guard

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        self.guard.install(server)
        return server
