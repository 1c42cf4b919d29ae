"""The AuthBackend interface (Starlette-style: one async method decides).

A backend looks at a request - the page, a static file or a WebSocket upgrade alike - and
returns an identity or None. The middleware (:mod:`pgwidgets.auth.middleware`) calls it for
every route before the handler runs, so the WebSocket is refused before it is accepted.
"""

from __future__ import annotations

import html
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from pgwidgets.auth.proxy import ClientView, request_key
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.protocol.throttle import log_throttled

__all__ = [
    "CONTEXT_KEY",
    "IDENTITY_KEY",
    "AuthBackend",
    "AuthContext",
    "CallableAuth",
    "auth_context",
    "client_address",
    "identify",
    "internal_error",
    "is_upgrade",
    "resolve_backend",
    "text_page",
    "wants_html",
]

logger = logging.getLogger(__name__)

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


def client_address(request: web.Request) -> str:
    """The client's address as the middleware worked it out (through trusted proxies)."""
    ctx = request.get(CONTEXT_KEY)
    return (ctx.view.client if ctx is not None else None) or request.remote or "?"


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
        '<link rel="icon" href="data:,">'  # no /favicon.ico request (a 404) for this page
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


def _admitted(value: Any, backend: AuthBackend) -> Any | None:
    """The identity ``value`` stands for: None unless it is a non-empty identity.

    A check written as ``return request.headers.get("X-Key") == KEY`` returns False for
    strangers; treating any non-None value as a user let everyone in. A bool is neither a
    user nor "nobody", so it is the operator's mistake, reported as such.
    """
    if isinstance(value, bool):
        raise ConfigurationError(
            f"the auth check {backend!r} returned {value!r}: it must return an identity "
            "(e.g. the user name) or None, not True/False; every request is refused "
            "until it is fixed"
        )
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, (bytes, list, tuple, dict, set, frozenset)) and not value:
        return None
    return value


def internal_error() -> web.HTTPInternalServerError:
    """A 500 that says nothing about the cause (the server log has it)."""
    return web.HTTPInternalServerError(
        text="500: internal server error (details are in the server log)\n"
    )


async def identify(backend: AuthBackend, request: web.Request) -> Any | None:
    """``backend.authenticate(request)``, reduced to a non-empty identity or None.

    Raises:
        web.HTTPException: the backend's own answer (401 for a malformed header, 429), or
            a bare 500 when the backend failed or is misconfigured; the cause is logged at
            most once a minute per kind (a client could otherwise make it log each time).
    """
    try:
        return _admitted(await backend.authenticate(request), backend)
    except web.HTTPException:
        raise
    except ConfigurationError as exc:
        log_throttled(
            logger, f"auth-config:{type(backend).__name__}", "%s", exc, level=logging.ERROR
        )
        raise internal_error() from None
    except Exception:  # noqa: BLE001 - a failing check must refuse, never admit
        log_throttled(
            logger,
            f"auth-error:{type(backend).__name__}",
            "the auth backend %r failed; the request was refused with 500",
            backend,
            level=logging.ERROR,
            exc_info=True,
        )
        raise internal_error() from None
