"""BaseApplication: the parts of ``Application`` both facades share.

Parameters, the session registry (who gets which session on hello), session expiry, the
aiohttp apps and their life cycle. The facades add only how to start/stop/wait.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from aiohttp import web

from pgwidgets.auth import resolve_backend
from pgwidgets.protocol import Hello
from pgwidgets.protocol.messages import (
    REFUSED_ENDED,
    REFUSED_FULL,
    REFUSED_IDENTITY,
    REFUSED_USER_FULL,
)
from pgwidgets.server.assets import Assets, default_assets, inject_settings
from pgwidgets.server.config import ServerConfig
from pgwidgets.server.handlers import named_call, on_connect_call
from pgwidgets.server.launch import current as launched
from pgwidgets.server.session import BaseSession
from pgwidgets.server.web_app import build_web_app

__all__ = ["BaseApplication"]

logger = logging.getLogger(__name__)

#: how many ended sessions' credentials are remembered (to say "Session ended")
_ENDED_MEMORY = 1000


class BaseApplication:
    """Everything an Application is, except how it waits."""

    _session_class: type[BaseSession] = BaseSession

    def __init__(
        self,
        host: str = "127.0.0.1",
        ws_port: int = 9500,
        http_port: int | None = None,
        http_server: bool = True,
        auth: Any = None,
        max_sessions: int | None = 256,
        session_timeout: float | None = 300,
        concurrency_handling: str = "per_session",
        logger: logging.Logger | None = None,
        ws_sock: Any = None,
        ssl_context: Any = None,
        **settings: Any,
    ) -> None:
        launch = launched()  # run by the ``pgwidgets`` command: its settings win
        if launch is not None:
            given = launch.apply(
                {
                    "host": host,
                    "ws_port": ws_port,
                    "http_port": http_port,
                    "http_server": http_server,
                    "auth": auth,
                    "ws_sock": ws_sock,
                }
            )
            host, ws_port, http_port = given["host"], given["ws_port"], given["http_port"]
            auth, ws_sock = given["auth"], given["ws_sock"]
        #: on "port in use", how many following ports to try (``pgwidgets run --port-retries``)
        self._port_retries = launch.port_retries if launch is not None else 0
        self._launch = launch
        try:
            self.config = ServerConfig(
                host=host,
                ws_port=ws_port,
                http_port=http_port,
                http_server=http_server,
                auth=auth,
                max_sessions=max_sessions,
                session_timeout=session_timeout,
                concurrency_handling=concurrency_handling,
                logger=logger,
                ws_sock=ws_sock,
                ssl_context=ssl_context,
                **settings,
            )
        except TypeError as exc:
            raise TypeError(
                f"Application(): {exc}".replace("ServerConfig.__init__() ", "")
            ) from None
        #: where this application's own messages go: the start banner, browsers coming
        #: and going, handler errors. None: each module's logger (``pgwidgets.*``)
        self.logger: logging.Logger | None = logger
        self.auth = resolve_backend(auth)
        self._sessions: dict[str, BaseSession] = {}
        # who opened each browser-made session (for max_sessions_per_user); same lock
        self._owners: dict[str, tuple[str, Any]] = {}
        # guards _sessions: sync threads create and destroy sessions too
        self._registry_lock = threading.Lock()
        # credentials of recently ended sessions: a browser coming back with them is told
        # its session ended instead of silently getting a fresh, empty one
        self._ended: dict[str, Any] = {}
        self._on_connect: Callable[..., Any] | None = None
        self._on_disconnect: Callable[..., Any] | None = None
        self._extra_widgets: dict[str, type] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread_id: int | None = None
        # delayed calls asked for while no loop runs (a Timer started in set-up code, before
        # start()): (deadline on time.monotonic(), fn), scheduled when a loop is bound
        self._pending_calls: list[tuple[float, Callable[[], Any]]] = []
        # guards _loop and _pending_calls together: a user thread deferring a call must
        # not slip in between "no loop yet" and the loop draining the list
        self._loop_lock = threading.Lock()
        self._bound: dict[str, int] = {}
        # the goodbyes (on_disconnect at close) of this serving were handed out
        self._farewell_said = False
        self._web_app: web.Application | None = None
        #: the widget library's files as served (shared by every Application of the process)
        self.assets: Assets = default_assets()

    # ----------------------------------------------------------------- public
    def on_connect(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Set the handler run with each *new* session (usable as a decorator)."""
        self._on_connect = fn
        return fn

    def on_disconnect(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Set the handler run whenever a browser connection of a session closes."""
        self._on_disconnect = fn
        return fn

    @property
    def sessions(self) -> dict[str, BaseSession]:
        """A copy of the live sessions by id."""
        with self._registry_lock:
            return dict(self._sessions)

    @property
    def static_path(self) -> Path:
        """The folder an external web server must serve (JS, CSS, remote.html, icon)."""
        return self.assets.root

    @property
    def remote_html(self) -> Path:
        """The connector page, for external servers (``.read_text()`` it)."""
        return self.assets.root / "remote.html"

    @property
    def ws_port(self) -> int:
        """The WebSocket port (the real one once listening, even when 0 was asked)."""
        return self._bound.get("ws", self.config.ws_port)

    @property
    def http_port(self) -> int | None:
        """The page port: ``ws_port`` in shared-port mode, None without an HTTP server."""
        if not self.config.http_server:
            return None
        if self.config.http_port is None:
            return self.ws_port
        return self._bound.get("http", self.config.http_port)

    @property
    def url(self) -> str | None:
        """The URL to open in a browser, or None without the built-in HTTP server."""
        port = self.http_port
        if port is None:
            return None
        base = f"{self.config.scheme}://{_display_host(self.config.host)}:{port}/"
        return self.auth.decorate_url(base) if self.auth is not None else base

    def register_widget(self, cls: type, name: str | None = None) -> None:
        """Add a widget subclass to every session's ``get_widgets()`` namespace."""
        self._extra_widgets[name or cls.__name__] = cls

    def create_session(self, *, user: Any = None) -> BaseSession:
        """Make a headless session (its UI is built before any browser attaches)."""
        session = self._session_class(self, user=user)
        with self._registry_lock:
            self._sessions[session.id] = session
        return session

    def security_headers(
        self, *, connect: Iterable[str] = (), scripts: Iterable[str] = ()
    ) -> dict[str, str]:
        """The headers our own server sends with the page, for an external server to send.

        Content-Security-Policy (only our own scripts, connections only to the page's origin
        and ``connect``), ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy:
        no-referrer``.

        Args:
            connect: origins the page connects to besides its own: the WebSocket's when it
                is on another port or host (``"ws://example.com:9500"``; a ``ws:`` source
                covers ``http:`` too, which the page uses to ask why it was refused).
            scripts: the exact text of inline scripts the page must run (the old guide's
                ``window.PGWIDGETS_WS_URL = "…";``), allowed by hash; the settings block of
                :meth:`render_remote_html` needs none.
        """
        from pgwidgets.auth.headers import SECURITY_HEADERS, content_security_policy

        return {
            **SECURITY_HEADERS,
            "Content-Security-Policy": content_security_policy(connect, scripts),
        }

    def render_remote_html(
        self, ws_url: str | None = None, *, ws_port: int | None = None, **settings: Any
    ) -> str:
        """The connector page with settings injected, for external servers.

        Saves hand-editing HTML, and unlike a hard-coded ``ws://localhost:9500`` it works
        for a browser on another machine: the page fills in the host it was loaded from.

        Args:
            ws_url: the WebSocket URL; None lets the page derive it from its own location
                (same host and path, ``ws`` beside the page, ``wss:`` under https) - right
                behind a proxy that serves ``/ws`` beside the page.
            ws_port: the WebSocket is on this port of the page's own host (``/ws``, ``wss:``
                under https) - for FastAPI/Flask serving the page while pgwidgets listens
                on its own port (pass ``app.ws_port``).
        """
        if ws_url is not None:
            settings["ws_url"] = ws_url
        if ws_port is not None:
            settings["ws_port"] = int(ws_port)
        if self.config.ws_origins and "ws_origins" not in settings:
            settings["ws_origins"] = self.config.ws_origins
        return inject_settings(self.remote_html.read_text(encoding="utf-8"), settings)

    def web_app(self) -> web.Application:
        """The aiohttp application (page, static files and WebSocket on one port).

        Mount it in your own aiohttp app with ``parent.add_subapp("/gui/", app.web_app())``.
        """
        if self._web_app is None:
            self._web_app = build_web_app(self, page=True, ws=True)
        return self._web_app

    # ----------------------------------------------------- loop plumbing
    def _bind_loop(self) -> None:
        """On the loop, when serving starts: remember it and schedule the deferred calls."""
        loop = asyncio.get_running_loop()
        self._farewell_said = False
        with self._loop_lock:
            self._loop = loop
            self._loop_thread_id = threading.get_ident()
            pending, self._pending_calls = self._pending_calls, []
        if pending:
            logger.debug("scheduling %d delayed call(s) made before the app started", len(pending))
        now = time.monotonic()
        for deadline, fn in pending:
            loop.call_later(max(0.0, deadline - now), fn)

    def _unbind_loop(self) -> None:
        """Serving ended: delayed calls made from now on wait for the next start."""
        with self._loop_lock:
            self._loop = None

    def _on_loop_thread(self) -> bool:
        return threading.get_ident() == self._loop_thread_id

    def _call_later(self, delay: float, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on the event loop ``delay`` seconds from now, from any thread.

        The delay counts from this call, whether or not the app is serving. With no loop
        bound yet (set-up code before ``start()``, or after ``close()``) the call is kept
        and scheduled when serving starts: one already overdue by then runs at once. So a
        Timer started before ``start()`` is never silently lost, and its ``time_left()``
        stays true.
        """
        deadline = time.monotonic() + max(0.0, delay)
        with self._loop_lock:
            loop = self._loop
            if loop is None:
                self._pending_calls.append((deadline, fn))
                return
        if self._on_loop_thread():  # no hop needed
            loop.call_later(max(0.0, deadline - time.monotonic()), fn)
            return

        def schedule() -> None:
            loop = self._loop
            if loop is not None:
                loop.call_later(max(0.0, deadline - time.monotonic()), fn)

        self._call_soon(schedule)

    def _call_soon(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on the event loop soon, from any thread."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if self._on_loop_thread():
            loop.call_soon(fn)
        else:
            loop.call_soon_threadsafe(fn)

    # ------------------------------------------------------- sessions
    def _open_session(
        self, hello: Hello, identity: Any, peer: str | None = None
    ) -> tuple[BaseSession, bool] | str:
        """Decide which session a browser's hello gets: resumed, new, or refused.

        A new session must fit under ``max_sessions`` and under ``max_sessions_per_user``
        for its owner: the identity, or without one (no auth) the client address ``peer``.
        Without these, 300 abandoned sessions held 321 threads until they expired.
        """
        with self._registry_lock:
            if hello.session_id is not None:
                session = self._sessions.get(hello.session_id)
                if (
                    session is not None
                    and not session.closed
                    and session._core.credentials.matches(hello.session_id, hello.token)
                ):
                    if session.user != identity:
                        return REFUSED_IDENTITY
                    return session, True
                ended = self._ended.pop(hello.session_id, None)
                if ended is not None and ended.matches(hello.session_id, hello.token):
                    return REFUSED_ENDED
                # credentials we did not issue: a new session, new credentials
            limit = self.config.max_sessions
            if limit is not None and len(self._sessions) >= limit:
                return REFUSED_FULL
            owner = ("user", identity) if identity is not None else ("address", peer)
            per_user = self.config.max_sessions_per_user
            if per_user is not None:
                held = sum(1 for o in self._owners.values() if o == owner)
                if held >= per_user:
                    return REFUSED_USER_FULL
            session = self._session_class(self, user=identity)
            self._sessions[session.id] = session
            self._owners[session.id] = owner
            return session, False

    def _log(self, default: logging.Logger) -> logging.Logger:
        """The logger for one of this app's messages: ``logger=`` when given, else
        ``default`` (the calling module's)."""
        return self.logger if self.logger is not None else default

    def _session_opened(self, session: BaseSession, resumed: bool) -> None:
        if not resumed and self._on_connect is not None:
            session._dispatch(on_connect_call(self._on_connect, session))

    def _goodbyes(self) -> list[Callable[[], Any]]:
        """For a graceful close: ``on_disconnect`` calls for every connected session.

        Shutting down destroys the sessions before their sockets close, and a destroyed
        session runs no more handlers: without these, a server stopped by Ctrl-C or
        SIGTERM never told the program its browsers went away. The facade runs them
        before it stops the server.
        """
        handler = self._on_disconnect
        with self._registry_lock:
            if handler is None or self._farewell_said:
                return []
            self._farewell_said = True  # once per serving, however many close() calls
            sessions = list(self._sessions.values())
        return [named_call(handler, s) for s in sessions if s.is_connected]

    def _connection_closed(self, session: BaseSession) -> None:
        if session.closed:
            return
        if self._on_disconnect is not None:
            session._dispatch(named_call(self._on_disconnect, session))
        if session.is_connected:
            return
        timeout = self.config.session_timeout
        if timeout is None:
            return
        if timeout == 0:
            self._destroy_session(session)
        elif self._loop is not None:
            session._expiry = self._loop.call_later(timeout, self._destroy_session, session)

    def _destroy_session(
        self, session: BaseSession, *, code: int = 4000, reason: str = "session ended"
    ) -> None:
        """Release a session for good; safe from any thread, and idempotent.

        It leaves the registry at once (so ``app.sessions`` is right when this returns);
        its connections are closed on the loop (``Connection.close`` hops there).
        """
        with self._registry_lock:
            if self._sessions.get(session.id) is session:
                del self._sessions[session.id]
                self._owners.pop(session.id, None)
                self._ended[session.id] = session._core.credentials
                if len(self._ended) > _ENDED_MEMORY:
                    del self._ended[next(iter(self._ended))]
        for conn in session._teardown():
            conn.close(code=code, message=reason)

    def _destroy_all(self, *, code: int = 4000, reason: str = "session ended") -> None:
        with self._registry_lock:
            sessions = list(self._sessions.values())
        for session in sessions:
            self._destroy_session(session, code=code, reason=reason)


def _display_host(host: str) -> str:
    if host in ("", "0.0.0.0", "::"):
        return "localhost"
    try:
        if ipaddress.ip_address(host).version == 6:
            return f"[{host}]"
    except ValueError:
        pass
    return host
