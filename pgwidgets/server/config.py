"""ServerConfig: every Application parameter, validated once, with clear errors."""

from __future__ import annotations

import logging
import socket
import ssl
from dataclasses import dataclass, field
from typing import Any

from pgwidgets.exceptions import ConfigurationError

__all__ = ["CONCURRENCY_MODES", "ServerConfig"]

CONCURRENCY_MODES = ("per_session", "serialized", "concurrent")


def _port(name: str, value: object, *, allow_none: bool = False) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        raise ConfigurationError(f"{name} must be a port number 0-65535, got {value!r}")
    return value


def _seconds(name: str, value: object, *, allow_none: bool = False) -> float | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigurationError(f"{name} must be a number of seconds >= 0, got {value!r}")
    return float(value)


def _ws_origins(entries: object) -> list[str]:
    """``ws_origins`` as normalised ``scheme://host:port`` strings (ws: is http:)."""
    from pgwidgets.auth.origin import parse_origin

    if entries is None:
        return []
    if isinstance(entries, str) or not isinstance(entries, (list, tuple, set, frozenset)):
        raise ConfigurationError("ws_origins must be a list of origins, not a string")
    out = []
    for entry in entries:
        parsed = parse_origin(str(entry))
        if parsed is None or "*" in parsed.host:
            raise ConfigurationError(
                f"ws_origins: {entry!r} is not an origin like 'wss://ws.example.com' "
                "(scheme, host, optional port; no path, no wildcard)"
            )
        out.append(str(parsed))
    return out


@dataclass
class ServerConfig:
    """Validated settings shared by the transport and both facades."""

    host: str = "127.0.0.1"
    ws_port: int = 9500
    http_port: int | None = None
    http_server: bool = True
    auth: Any = None
    #: live sessions at most (None: no limit); each may hold a thread and widget state
    max_sessions: int | None = 256
    #: live sessions one identity may hold (no auth: one client address); None: no limit
    max_sessions_per_user: int | None = 32
    session_timeout: float | None = 300.0
    concurrency_handling: str = "per_session"
    logger: logging.Logger | None = None
    ws_sock: socket.socket | None = None
    ssl_context: ssl.SSLContext | None = None
    #: seconds between WebSocket pings (keeps proxies from closing idle connections)
    heartbeat: float | None = 20.0
    #: largest browser frame accepted, bytes
    max_message_size: int = 1 << 20
    #: largest file upload (all files of one transfer together), bytes
    max_upload_size: int = 64 * 1024 * 1024
    #: uploads one browser may have in progress at once
    max_uploads: int = 4
    #: frames queued for one slow browser before it is disconnected
    max_queued_frames: int = 10_000
    #: how long a query waits for the browser
    query_timeout: float = 30.0
    #: extra origins allowed to open the WebSocket (full origins, ``*.`` wildcards)
    allowed_origins: list[str] = field(default_factory=list)
    #: origins a ``?ws=`` link may point the page at, besides its own and the server's
    #: choice (``ws://``/``wss://``/``http(s)://`` origins; injected into the page)
    ws_origins: list[str] = field(default_factory=list)
    #: WebSocket-only mode: pages on the same host name (any port or scheme) may open the
    #: WebSocket (opt-in; never where our app serves the page)
    same_host_origins: bool = False
    #: Host names served besides IP literals, localhost and the bound name (DNS rebinding)
    allowed_hosts: list[str] = field(default_factory=list)
    #: peers whose Forwarded / X-Forwarded-* headers are believed (None or []: nobody)
    trusted_proxies: list[str] | None = None
    #: key of the login cookie (None: random per process); never shown in repr
    secret_key: bytes | str | None = field(default=None, repr=False)
    cookie_max_age: int = 7 * 24 * 3600
    #: seconds a new connection has to send its first complete request (None: no limit)
    header_timeout: float | None = 10.0
    #: seconds an idle keep-alive HTTP connection is kept open
    idle_timeout: float = 30.0
    #: connections one client address may hold open at once (None: no limit)
    max_connections_per_client: int | None = 100

    def __post_init__(self) -> None:
        if not isinstance(self.host, str) or not self.host:
            raise ConfigurationError(f"host must be a non-empty string, got {self.host!r}")
        if self.ws_sock is not None:
            try:
                self.ws_port = self.ws_sock.getsockname()[1]
            except (OSError, AttributeError, TypeError, IndexError) as exc:
                raise ConfigurationError(f"ws_sock is not a bound socket: {exc}") from None
            if not self.ws_port:
                raise ConfigurationError(
                    "ws_sock is not bound to a port: bind it first (sock.bind((host, 0)))"
                )
        self.ws_port = _port("ws_port", self.ws_port)  # type: ignore[assignment]
        self.http_port = _port("http_port", self.http_port, allow_none=True)
        if self.http_port is not None and self.http_port == self.ws_port and self.ws_port:
            raise ConfigurationError(
                f"http_port and ws_port are both {self.ws_port}: leave http_port=None to "
                "serve everything on one port"
            )
        if not isinstance(self.http_server, bool):
            raise ConfigurationError("http_server must be True or False")
        for name in ("max_sessions", "max_sessions_per_user"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 1
            ):
                raise ConfigurationError(f"{name} must be None or an integer >= 1, got {value!r}")
        self.session_timeout = _seconds("session_timeout", self.session_timeout, allow_none=True)
        if self.concurrency_handling not in CONCURRENCY_MODES:
            raise ConfigurationError(
                f"concurrency_handling must be one of {', '.join(CONCURRENCY_MODES)}, "
                f"got {self.concurrency_handling!r}"
            )
        if self.ssl_context is not None and not isinstance(self.ssl_context, ssl.SSLContext):
            raise ConfigurationError("ssl_context must be an ssl.SSLContext")
        self.heartbeat = _seconds("heartbeat", self.heartbeat, allow_none=True) or None
        self.query_timeout = _seconds("query_timeout", self.query_timeout)  # type: ignore
        if not isinstance(self.max_message_size, int) or self.max_message_size < 1024:
            raise ConfigurationError("max_message_size must be an integer >= 1024")
        for name in ("max_upload_size", "max_uploads"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigurationError(f"{name} must be an integer >= 1, got {value!r}")
        self._check_connection_limits()
        if self.logger is not None and not isinstance(self.logger, logging.Logger):
            raise ConfigurationError("logger must be a logging.Logger")
        self._check_security()

    def _check_connection_limits(self) -> None:
        """The Slowloris defences (``server/guard.py``): positive numbers, or None for off."""
        timeout = _seconds("header_timeout", self.header_timeout, allow_none=True)
        if timeout == 0:
            raise ConfigurationError("header_timeout must be > 0 seconds, or None for no limit")
        self.header_timeout = timeout
        idle = _seconds("idle_timeout", self.idle_timeout)
        if not idle:
            raise ConfigurationError(f"idle_timeout must be > 0 seconds, got {idle!r}")
        self.idle_timeout = idle
        cap = self.max_connections_per_client
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 1):
            raise ConfigurationError(
                f"max_connections_per_client must be None or an integer >= 1, got {cap!r}"
            )

    def _check_security(self) -> None:
        """Validate the auth-related settings now, not at the first request."""
        from pgwidgets.auth.hosts import AllowedHosts
        from pgwidgets.auth.origin import AllowedOrigins
        from pgwidgets.auth.proxy import TrustedNetworks

        origins = AllowedOrigins(self.allowed_origins or [])
        AllowedHosts([*(self.allowed_hosts or []), *origins.host_entries()], self.host)
        if not isinstance(self.same_host_origins, bool):
            raise ConfigurationError("same_host_origins must be True or False")
        if self.same_host_origins and self.http_server:
            raise ConfigurationError(
                "same_host_origins=True applies only where another server serves the page "
                "(http_server=False): where pgwidgets serves the page, its own origin is known"
            )
        self.ws_origins = _ws_origins(self.ws_origins)
        if self.trusted_proxies is not None:
            TrustedNetworks(self.trusted_proxies)
        if self.secret_key is not None:
            from pgwidgets.auth.cookies import fernet_for

            fernet_for(self.secret_key)  # type and length, with a message naming no secret
        if (
            isinstance(self.cookie_max_age, bool)
            or not isinstance(self.cookie_max_age, int)
            or self.cookie_max_age < 1
        ):
            raise ConfigurationError(
                f"cookie_max_age must be a number of seconds >= 1, got {self.cookie_max_age!r}"
            )

    @property
    def split_ports(self) -> bool:
        """Page and WebSocket on different ports."""
        return self.http_server and self.http_port is not None

    @property
    def scheme(self) -> str:
        return "https" if self.ssl_context is not None else "http"
