"""The AuthBackend interface (Starlette-style: one async method decides).

A backend looks at a request - the page, a static file or a WebSocket upgrade alike - and
returns an identity or None. The middleware (:mod:`pgwidgets.auth.middleware`) calls it for
every route before the handler runs, so the WebSocket is refused before it is accepted.
"""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from pgwidgets.auth.proxy import ClientView, request_key

__all__ = [
    "CONTEXT_KEY",
    "IDENTITY_KEY",
    "AuthBackend",
    "AuthContext",
    "CallableAuth",
    "auth_context",
    "is_upgrade",
    "resolve_backend",
    "text_page",
    "wants_html",
]

#: where the middleware stores the identity on the request
IDENTITY_KEY: Any = request_key("pgwidgets.identity")
#: where the middleware stores the :class:`AuthContext` of the request
CONTEXT_KEY: Any = request_key("pgwidgets.auth_context")


@dataclass(frozen=True, slots=True)
class AuthContext:
    """What a backend may need besides the request.

    Attributes:
        view: scheme, host, prefix and client address as the browser sees them.
        cookies: the Application's login cookies (None unless the backend uses cookies).
        application: the pgwidgets Application.
    """

    view: ClientView
    cookies: Any
    application: Any


def auth_context(request: web.Request) -> AuthContext:
    """The context the middleware attached to ``request``."""
    return request[CONTEXT_KEY]  # type: ignore[no-any-return]


def is_upgrade(request: web.Request) -> bool:
    """A WebSocket upgrade request."""
    return request.headers.get("Upgrade", "").lower() == "websocket"


def wants_html(request: web.Request) -> bool:
    """A browser navigating to a page (not a script, style or WebSocket)."""
    return (
        request.method in ("GET", "HEAD")
        and not is_upgrade(request)
        and "text/html" in request.headers.get("Accept", "")
    )


def text_page(
    status: int, title: str, text: str, *, headers: dict[str, str] | None = None
) -> web.Response:
    """A short HTML page explaining a refusal (text escaped; nothing from the request)."""
    body = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(text)}</p></body></html>\n"
    )
    return web.Response(status=status, text=body, content_type="text/html", headers=headers or {})


class AuthBackend:
    """Decides who a request is. Subclass and override :meth:`authenticate`."""

    #: the backend keeps logins in the encrypted cookie (the middleware makes the key)
    uses_cookies: bool = False

    async def authenticate(self, request: web.Request) -> Any | None:
        """Return an identity (e.g. a user name) or None when not authenticated.

        May raise an ``aiohttp.web.HTTPException`` for input that deserves its own answer
        (a malformed ``Authorization`` header: 401; too many attempts: 429).
        """
        raise NotImplementedError

    async def challenge(self, request: web.Request) -> web.StreamResponse:
        """The answer to an unauthenticated request (401 by default)."""
        if wants_html(request):
            return text_page(
                401,
                "Authentication required",
                "This application needs you to sign in before it can be used.",
            )
        return web.Response(
            status=401, text="401: authentication required\n", content_type="text/plain"
        )

    async def exchange(self, request: web.Request, identity: Any) -> web.StreamResponse | None:
        """A response to send instead of the handler's (e.g. set a cookie and redirect)."""
        return None

    def setup(self, web_app: web.Application, application: Any) -> None:
        """Add routes the backend needs (login/logout pages); default: none."""

    def decorate_url(self, url: str) -> str:
        """The URL to show a user for opening the app (TokenAuth adds its token)."""
        return url

    def redact_url(self, url: str) -> str:
        """``url`` as it may appear in logs (secrets the user did not need removed)."""
        return url

    def is_public(self, request: web.Request) -> bool:
        """Paths served without authentication (e.g. a login page's assets)."""
        return False


class CallableAuth(AuthBackend):
    """Adapts ``check(request) -> identity | None`` (sync or async) to a backend."""

    def __init__(self, check: Callable[[web.Request], Any]) -> None:
        self._check = check

    def __repr__(self) -> str:
        return f"CallableAuth({getattr(self._check, '__qualname__', self._check)!r})"

    async def authenticate(self, request: web.Request) -> Any | None:
        result = self._check(request)
        if inspect.isawaitable(result):
            result = await result
        return result


def resolve_backend(auth: Any) -> AuthBackend | None:
    """Turn the ``auth=`` argument into a backend (None: no authentication)."""
    if auth is None or isinstance(auth, AuthBackend):
        return auth
    if isinstance(auth, type) and issubclass(auth, AuthBackend):
        return auth()
    if callable(auth):
        return CallableAuth(auth)
    raise TypeError(f"auth must be an AuthBackend or a callable, got {type(auth).__name__}")
