"""The WebSocket Origin check: same origin as the page, or explicitly allowed.

A browser always sends ``Origin`` on a WebSocket upgrade, and the WebSocket is not bound by
the same-origin policy, so without this check any web page the user visits could drive the
app (cross-site WebSocket hijacking). Rules, in order:

1. no ``Origin`` header: not a browser (curl, a Python client) - allowed; auth still applies;
2. an exact match of an entry of ``allowed_origins`` (``https://*.example.com`` matches one
   extra label, only where written);
3. the page's own origin: scheme, host and port as the browser sees them (through trusted
   proxies); in split-port mode the page's port is the HTTP port;
4. only where another server serves the page (WebSocket-only mode; never where our app
   serves it, a mounted sub-app included):

   a. ``same_host_origins=True`` (opt-in): the same host *name*, any scheme or port;
   b. with no ``auth=``: a page on the browser's own machine (``localhost``, ``*.localhost``,
      127.0.0.0/8, ``::1``; any port) opening the WebSocket through a loopback name too - the
      guide's FastAPI/Flask programs (page on :8000, WebSocket on :9500). Both ends are then
      on the browser's machine, where any program could open the WebSocket directly, and no
      credential is at stake.

Comparisons are on parsed, normalised origins, never on prefixes or substrings, so
``https://example.com.evil.com`` never matches ``https://example.com``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pgwidgets.exceptions import ConfigurationError

__all__ = [
    "AllowedOrigins",
    "Origin",
    "is_loopback_name",
    "origin_allowed",
    "parse_origin",
]

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


@dataclass(frozen=True, slots=True)
class Origin:
    """A parsed origin: lower-case scheme and host, explicit port."""

    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def parse_origin(text: str, *, default_scheme: str | None = None) -> Origin | None:
    """Parse ``scheme://host[:port]`` (no path, no user info); None if it is not one.

    With ``default_scheme`` the text may be a bare ``host[:port]`` (a Host header).
    """
    text = text.strip()
    if default_scheme is not None and "://" not in text:
        text = f"{default_scheme}://{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in _DEFAULT_PORTS or not host or parts.username or parts.password:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return None
    if scheme in ("ws", "wss"):
        scheme = "http" if scheme == "ws" else "https"
    return Origin(scheme, host, port if port is not None else _DEFAULT_PORTS[scheme])


class AllowedOrigins:
    """The ``allowed_origins`` list, parsed once; wildcards only as a leading ``*.`` label."""

    def __init__(self, entries: Iterable[str]) -> None:
        if isinstance(entries, str):
            raise ConfigurationError("allowed_origins must be a list of origins, not a string")
        self._exact: set[Origin] = set()
        self._wild: list[Origin] = []
        for entry in entries:
            text = str(entry)
            wildcard = "://*." in text
            parsed = parse_origin(text.replace("://*.", "://wildcard.", 1) if wildcard else text)
            if parsed is None or "*" in parsed.host:
                raise ConfigurationError(
                    f"allowed_origins: {entry!r} is not an origin like 'https://example.com' "
                    "or 'https://*.example.com:8443' (scheme, host, optional port; no path)"
                )
            if wildcard:
                self._wild.append(Origin(parsed.scheme, parsed.host.split(".", 1)[1], parsed.port))
            else:
                self._exact.add(parsed)

    def host_entries(self) -> list[str]:
        """The hosts these origins name, as ``allowed_hosts`` entries (Host allow-list)."""
        return [o.host for o in self._exact] + ["." + w.host for w in self._wild]

    def matches(self, origin: Origin) -> bool:
        if origin in self._exact:
            return True
        for w in self._wild:
            label, _, rest = origin.host.partition(".")
            if (origin.scheme, origin.port) == (w.scheme, w.port) and label and rest == w.host:
                return True
        return False


def is_loopback_name(host: str) -> bool:
    """``localhost``, a ``*.localhost`` name, or a loopback address (any spelling)."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def origin_allowed(
    origin_header: str | None,
    *,
    own_scheme: str,
    own_host: str,
    allowed: AllowedOrigins,
    page_port: int | None = None,
    page_elsewhere: bool = False,
    same_host: bool = False,
    loopback: bool = False,
) -> bool:
    """Apply the rules of the module docstring.

    Args:
        origin_header: the request's ``Origin`` (None when absent).
        own_scheme, own_host: the browser-facing scheme and Host (through trusted proxies).
        page_port: split ports: the HTTP port the page comes from (else the Host's port).
        page_elsewhere: another server serves the page (rule 4 may apply).
        same_host: rule 4a (``same_host_origins=True``).
        loopback: rule 4b (no authentication configured).
    """
    if origin_header is None:
        return True
    origin = parse_origin(origin_header)
    if origin is None:  # "null" (sandboxed frames, file://) or garbage
        return False
    if allowed.matches(origin):
        return True
    own = parse_origin(own_host, default_scheme=own_scheme)
    if own is None:
        return False
    if origin == own:
        return True
    if page_port is not None and origin == Origin(own.scheme, own.host, page_port):
        return True
    if not page_elsewhere:
        return False
    if same_host and origin.host == own.host:
        return True
    return loopback and is_loopback_name(origin.host) and is_loopback_name(own.host)


def describe(request: Any) -> str:
    """The Origin header, shortened, for log lines."""
    return repr((request.headers.get("Origin") or "")[:200])
