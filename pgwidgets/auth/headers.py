"""Security headers on every response of the app: pages, static files, errors, refusals.

The one definition of our Content-Security-Policy and companion headers. The page handler
sets its own policy (:func:`content_security_policy` with the WebSocket URL that page
uses); everything else (static files, 401, 403, 404, 413, 429 answers) gets the same strict
defaults here, through aiohttp's ``on_response_prepare`` signal, which also fires for
raised HTTP exceptions.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from aiohttp import web

__all__ = [
    "DEFAULT_CSP",
    "SECURITY_HEADERS",
    "add_security_headers",
    "content_security_policy",
    "script_hash",
]


def content_security_policy(connect: Iterable[str] = (), scripts: Iterable[str] = ()) -> str:
    """Our policy, allowing connections to the page's own origin and to ``connect``.

    ``'self'`` covers a WebSocket on the page's own host and port (CSP Level 3, which every
    current browser implements); a WebSocket elsewhere (split ports) must be named here,
    never a bare ``ws: wss:``, which would let an injected script talk to any server. Our
    pages run no inline script; ``frame-ancestors 'self'`` stops clickjacking frames.
    """
    sources = " ".join(["'self'", *connect])
    # an external server's inline script (the old guide's window.PGWIDGETS_WS_URL), by hash
    script_src = " ".join(["'self'", *(script_hash(text) for text in scripts)])
    return (
        f"default-src 'self'; script-src {script_src}; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:; connect-src {sources}; "
        "font-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'self'"
    )


def script_hash(text: str) -> str:
    """The CSP source allowing exactly the inline script ``text``: ``'sha256-…'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


#: the policy of every response that does not set its own
DEFAULT_CSP = content_security_policy()

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
