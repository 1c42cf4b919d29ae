"""Starts and stops the aiohttp sites for an Application (shared port, split, WS-only)."""

from __future__ import annotations

import errno
import logging
import socket
from typing import TYPE_CHECKING

from aiohttp import web

from pgwidgets.auth.proxy import TrustedNetworks
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.server.announce import announce
from pgwidgets.server.guard import ConnectionGuard, GuardedAppRunner
from pgwidgets.server.web_app import build_web_app
from pgwidgets.widgets.factory import all_classes

if TYPE_CHECKING:
    from pgwidgets.server.base_application import BaseApplication
    from pgwidgets.server.config import ServerConfig

__all__ = ["ServerRunner"]

logger = logging.getLogger(__name__)


class ServerRunner:
    """Owns the AppRunners and sites of one Application."""

    def __init__(self, app: BaseApplication) -> None:
        self.app = app
        self._runners: list[web.AppRunner] = []

    async def start(self) -> None:
        """Listen; raises :class:`ConfigurationError` naming the port when it is taken."""
        app, cfg = self.app, self.app.config
        try:
            if cfg.http_server and cfg.http_port is None:
                # a fresh aiohttp app per start: one binds itself to the loop that first
                # serves it, so a reused one could not serve again after close()
                await self._serve(
                    "ws", build_web_app(app, page=True, ws=True), cfg.ws_port, cfg.ws_sock
                )
            elif cfg.http_server:
                await self._serve(
                    "http", build_web_app(app, page=True, ws=False), cfg.http_port, None
                )
                await self._serve(
                    "ws", build_web_app(app, page=False, ws=True), cfg.ws_port, cfg.ws_sock
                )
            else:
                await self._serve(
                    "ws", build_web_app(app, page=False, ws=True), cfg.ws_port, cfg.ws_sock
                )
        except BaseException:
            await self.stop()
            raise
        _warm_up(app, with_page=cfg.http_server)
        announce(app)
        if app.auth is None and cfg.host not in ("127.0.0.1", "localhost", "::1"):
            app._log(logger).warning(
                "pgwidgets is listening on %s with no authentication: anyone who "
                "can reach it runs your UI code. Pass auth= (e.g. "
                "auth=TokenAuth()) to Application.",
                cfg.host,
            )
        if app._launch is not None:
            app._launch.report_started(app)

    async def _serve(
        self, name: str, web_app: web.Application, port: int | None, sock: socket.socket | None
    ) -> None:
        cfg = self.app.config
        runner = GuardedAppRunner(
            web_app,
            _guard_for(cfg),
            access_log=None,
            handle_signals=False,
            shutdown_timeout=2.0,
            keepalive_timeout=cfg.idle_timeout,
        )
        await runner.setup()
        self._runners.append(runner)
        site: web.BaseSite
        if sock is not None:
            site = web.SockSite(runner, sock, ssl_context=cfg.ssl_context)
        else:
            site = web.TCPSite(
                runner, cfg.host, port, ssl_context=cfg.ssl_context, reuse_address=True
            )
        # "port", or which one when the page and the WebSocket have a port each
        what = {"http": "HTTP port", "ws": "WebSocket port"}[name] if cfg.split_ports else "port"
        retries = self.app._port_retries if sock is None and port else 0
        while True:
            try:
                await site.start()
                break
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE and retries > 0:
                    retries -= 1
                    assert port is not None
                    self.app._log(logger).info("%s %s is in use, trying %s", what, port, port + 1)
                    port += 1
                    site = web.TCPSite(
                        runner, cfg.host, port, ssl_context=cfg.ssl_context, reuse_address=True
                    )
                    continue
                if exc.errno == errno.EADDRINUSE:
                    raise ConfigurationError(
                        f"{what} {port} on {cfg.host} is already in use "
                        "(another program, or this one still running?)"
                    ) from None
                raise ConfigurationError(
                    f"cannot listen on {cfg.host}:{port} ({what}): {exc.strerror or exc}"
                ) from None
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.app._bound[name] = sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Close every connection and free the ports."""
        runners, self._runners = self._runners, []
        for runner in reversed(runners):
            await runner.cleanup()


def _guard_for(cfg: ServerConfig) -> ConnectionGuard:
    """The connection limits of ``cfg``; peers listed in ``trusted_proxies`` skip the cap."""
    listed = TrustedNetworks(cfg.trusted_proxies) if cfg.trusted_proxies else None
    return ConnectionGuard(
        cfg.header_timeout,
        cfg.max_connections_per_client,
        exempt=listed.contains if listed is not None else lambda host: False,
    )


def _warm_up(app: BaseApplication, *, with_page: bool) -> None:
    """Do now what the first browser would otherwise wait for (both are made once per
    process): the widget proxy classes, and the page's one-script bundle. Measured: the
    server's first 300-row window took 0.5-0.6 s against 0.3 s for the ones after it."""
    all_classes()
    if with_page:
        app.assets.bundle()
