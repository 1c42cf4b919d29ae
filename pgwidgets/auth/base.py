"""The AuthBackend interface (Starlette-style: one async method decides)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from aiohttp import web

__all__ = ["IDENTITY_KEY", "AuthBackend", "CallableAuth", "resolve_backend"]

#: where the middleware stores the identity on the request
IDENTITY_KEY = "pgwidgets.identity"


class AuthBackend:
    """Decides who a request is. Subclass and override :meth:`authenticate`."""

    async def authenticate(self, request: web.Request) -> Any | None:
        """Return an identity (e.g. a user name) or None when not authenticated."""
        raise NotImplementedError

    async def challenge(self, request: web.Request) -> web.StreamResponse:
        """The answer to an unauthenticated request (401 by default)."""
        return web.Response(status=401, text="401: authentication required\n",
                            content_type="text/plain")

    def setup(self, web_app: web.Application, application: Any) -> None:
        """Add routes the backend needs (login/logout pages); default: none."""

    def decorate_url(self, url: str) -> str:
        """The URL to show a user for opening the app (TokenAuth adds its token)."""
        return url

    def is_public(self, request: web.Request) -> bool:
        """Paths served without authentication (e.g. a login page's assets)."""
        return False


class CallableAuth(AuthBackend):
    """Adapts ``check(request) -> identity | None`` (sync or async) to a backend."""

    def __init__(self, check: Callable[[web.Request], Any]) -> None:
        self._check = check

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
