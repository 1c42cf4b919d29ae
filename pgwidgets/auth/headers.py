"""Security headers on every response of the app: pages, static files, errors, refusals.

The page handler sets its own Content-Security-Policy; everything else (static files, 401,
403, 404, 413, 429 answers) gets the same strict defaults here, through aiohttp's
``on_response_prepare`` signal, which also fires for raised HTTP exceptions.
"""

from __future__ import annotations

from aiohttp import web

__all__ = ["DEFAULT_CSP", "SECURITY_HEADERS", "add_security_headers"]

#: our pages run no inline script; ``frame-ancestors 'self'`` stops clickjacking frames
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self' ws: wss:; "
    "font-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": DEFAULT_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Add each header the handler did not set itself (never on a 101 upgrade)."""
    if response.status == 101:
        return
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
