"""The WebSocket Origin check: same origin as the page, or explicitly allowed."""

from __future__ import annotations

from typing import Any

from aiohttp import web

__all__ = ["origin_allowed"]


def origin_allowed(request: web.Request, config: Any) -> bool:
    """Allow no Origin (non-browser clients), the page's own origin, or a listed one."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    allowed = list(getattr(config, "allowed_origins", []) or [])
    if origin in allowed:
        return True
    own = f"{'https' if request.secure else 'http'}://{request.host}"
    if origin.lower() == own.lower():
        return True
    # split ports: the page is on the HTTP port of the same host
    http_port = getattr(config, "http_port", None)
    if http_port is not None:
        host = request.url.raw_host or ""
        for scheme in ("http", "https"):
            if origin.lower() == f"{scheme}://{host}:{http_port}".lower():
                return True
    # WebSocket-only: another server (another port) serves the page; the host must match
    if not getattr(config, "http_server", True):
        from yarl import URL
        try:
            return (URL(origin).host or "").lower() == (request.url.host or "").lower()
        except ValueError:
            return False
    return False
