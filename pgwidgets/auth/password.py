"""PasswordAuth: user names and password hashes, a login page, logout, a rate limit.

``GET login`` shows the form (styled by the widget library's own CSS), ``POST login`` checks
it and sets the login cookie, ``GET logout`` shows a confirmation button and ``POST logout``
clears the cookie. Pages are found relative to the app's mount prefix, so the same code works
at ``/``, as a sub-application and behind a prefix-stripping proxy.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import html
import logging
import posixpath
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web

from pgwidgets.auth.base import AuthBackend, auth_context, text_page, wants_html
from pgwidgets.auth.origin import parse_origin
from pgwidgets.auth.passwords import check_password_hash, dummy_hash_like, verify_password
from pgwidgets.auth.ratelimit import FailureLimiter
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.protocol.throttle import log_throttled

__all__ = ["MAX_FORM_BYTES", "PasswordAuth"]

logger = logging.getLogger(__name__)

#: the login form is two short fields; anything bigger is refused with 413 unread
MAX_FORM_BYTES = 4096
_LOGIN, _LOGOUT = "pgwidgets-login", "pgwidgets-logout"
#: seconds the login form's body may take when the app sets no ``header_timeout``
_FORM_TIMEOUT = 10.0
_PUBLIC_FILES = ("favicon.svg",)

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="css/pgwidgets.css">
<style>
.pgw-login {{ display: flex; align-items: center; justify-content: center; }}
.pgw-login-form {{ display: flex; flex-direction: column; gap: var(--pgw-spacing);
  min-width: 18em; padding: calc(var(--pgw-spacing) * 3); background: var(--pgw-window-bg);
  border: var(--pgw-border-width) solid var(--pgw-border);
  border-radius: var(--pgw-radius); box-shadow: var(--pgw-shadow); }}
.pgw-login-form h1 {{ margin: 0 0 var(--pgw-spacing); font-size: 1.25em; }}
.pgw-login-form label {{ display: flex; flex-direction: column; gap: 2px; }}
.pgw-login-error {{ margin: 0; color: var(--pgw-danger); }}
</style>
</head>
<body>
<main class="pgw-root pgw-login">
<form class="pgw-login-form" method="post" action="{action}">
<h1>{title}</h1>
{body}
</form>
</main>
</body>
</html>
"""

_LOGIN_FIELDS = """{error}<label>User name
<input class="pgw-input" name="username" autocomplete="username" required autofocus></label>
<label>Password
<input class="pgw-input" type="password" name="password" autocomplete="current-password"
 required></label>
<button class="pgw-button" type="submit">Sign in</button>"""


def _page(
    title: str, action: str, body: str, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    text = _PAGE.format(title=html.escape(title), action=action, body=body)
    return web.Response(
        status=status,
        text=text,
        content_type="text/html",
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def _login_page(
    error: str = "", status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    shown = f'<p class="pgw-login-error" role="alert">{html.escape(error)}</p>\n' if error else ""
    return _page("Sign in", "login", _LOGIN_FIELDS.format(error=shown), status, headers)


async def _read_form(request: web.Request) -> dict[str, str]:
    """The urlencoded body, at most :data:`MAX_FORM_BYTES` (413 beyond, read no further)."""
    if (request.content_length or 0) > MAX_FORM_BYTES:
        raise web.HTTPRequestEntityTooLarge(
            max_size=MAX_FORM_BYTES, actual_size=request.content_length or 0
        )
    body = bytearray()
    while True:
        chunk = await request.content.read(MAX_FORM_BYTES + 1 - len(body))
        if not chunk:
            break
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise web.HTTPRequestEntityTooLarge(max_size=MAX_FORM_BYTES, actual_size=len(body))
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
    return {k: v[0] for k, v in fields.items() if len(v) == 1}


class PasswordAuth(AuthBackend):
    """Users log in with a name and password on a small login page.

    Args:
        users: user name -> hash from :func:`pgwidgets.auth.hash_password`
            (``python -m pgwidgets.auth hash-password``). Plaintext is refused.
        max_failures, window: failed logins allowed per client address per window
            (seconds); beyond that the login answers 429 with ``Retry-After``.

    Raises:
        ConfigurationError: a value is not a password hash, is a malformed one, or is an
            argon2 hash while argon2-cffi is not installed.
    """

    uses_cookies = True

    def __init__(
        self, users: Mapping[str, str], *, max_failures: int = 5, window: float = 60.0
    ) -> None:
        if not isinstance(users, Mapping) or not users:
            raise ConfigurationError("PasswordAuth needs a dict of user name -> password hash")
        for name, stored in users.items():
            if not isinstance(name, str) or not name:
                raise ConfigurationError(f"PasswordAuth: {name!r} is not a user name")
            try:
                check_password_hash(stored)
            except ConfigurationError as exc:
                raise ConfigurationError(f"PasswordAuth, user {name!r}: {exc}") from None
        self._users = dict(users)
        # an unknown name is checked against this: same scheme and cost as a real user's
        # hash, so a failed login takes as long either way (hashes made alike: equal time)
        self._dummy = dummy_hash_like(next(iter(self._users.values())))
        self.limiter = FailureLimiter(max_failures, window)

    def __repr__(self) -> str:
        return f"PasswordAuth(users=<{len(self._users)} users>)"

    def _cookie_key(self, user: str) -> str:
        # bound to the stored hash: changing a password ends that user's old logins
        return hashlib.sha256(b"pgwidgets-cookie\0" + self._users[user].encode()).hexdigest()[:32]

    async def authenticate(self, request: web.Request) -> Any | None:
        ctx = auth_context(request)
        data = await ctx.cookies.load(request, ctx.view) if ctx.cookies is not None else None
        if data is None:
            return None
        user = data.get("u")
        if not isinstance(user, str) or user not in self._users:
            return None
        if not hmac.compare_digest(str(data.get("k", "")), self._cookie_key(user)):
            return None
        return user

    def is_public(self, request: web.Request) -> bool:
        route = request.match_info.route
        if route.name in (_LOGIN, _LOGOUT):
            return True
        tail = request.match_info.get("tail", "")
        if posixpath.normpath(tail) != tail:  # ``css/../js/main.js`` is not under css/
            return False
        return request.method == "GET" and (tail.startswith("css/") or tail in _PUBLIC_FILES)

    async def challenge(self, request: web.Request) -> web.StreamResponse:
        if wants_html(request):
            prefix = auth_context(request).view.prefix
            return web.Response(
                status=303, headers={"Location": f"{prefix}/login", "Cache-Control": "no-store"}
            )
        return await super().challenge(request)

    def setup(self, web_app: web.Application, application: Any) -> None:
        web_app.router.add_route("*", "/login", self._login, name=_LOGIN)
        web_app.router.add_route("*", "/logout", self._logout, name=_LOGOUT)

    # ----------------------------------------------------------------- handlers
    def _same_origin(self, request: web.Request) -> bool:
        """A form post must come from our own page (login CSRF).

        Browsers send ``Origin: null`` on a form post from a ``no-referrer`` page (ours), so
        ``Sec-Fetch-Site`` decides when present; ``Origin`` is the fallback.
        """
        fetch_site = request.headers.get("Sec-Fetch-Site")
        if fetch_site is not None:
            return fetch_site in ("same-origin", "none")
        origin = request.headers.get("Origin")
        if origin is None or origin == "null":
            return True
        view = auth_context(request).view
        return parse_origin(origin) == parse_origin(view.host, default_scheme=view.scheme)

    async def _login(self, request: web.Request) -> web.StreamResponse:
        if request.method in ("GET", "HEAD"):
            return _login_page()
        if request.method != "POST":
            raise web.HTTPMethodNotAllowed(request.method, ["GET", "POST"])
        ctx = auth_context(request)
        client = ctx.view.client or "?"
        retry = self.limiter.retry_after(client)
        if retry is not None:
            return self._too_many(client, retry)
        if not self._same_origin(request):
            return text_page(403, "Forbidden", "This form was sent from another site.")
        # a body sent a byte at a time would hold the connection for as long as it likes:
        # it gets the same deadline as the headers had (Slowloris, issue 13)
        deadline = getattr(ctx.application.config, "header_timeout", None) or _FORM_TIMEOUT
        try:
            async with asyncio.timeout(deadline):
                form = await _read_form(request)
        except TimeoutError:
            raise web.HTTPRequestTimeout(text="408: the login form took too long\n") from None
        # counted now, before the hash is checked: requests sent in parallel each take a
        # place, so at most max_failures of them are ever checked (no await in between)
        retry = self.limiter.reserve(client)
        if retry is not None:
            return self._too_many(client, retry)
        user, password = form.get("username", ""), form.get("password", "")
        stored = self._users.get(user)
        loop = asyncio.get_running_loop()
        ok = await loop.run_in_executor(None, verify_password, password, stored or self._dummy)
        if not ok or stored is None:
            logger.info("failed login from %s", client)
            return _login_page("Wrong user name or password.", 401)
        self.limiter.succeeded(client)
        logger.info("user %r logged in from %s", user[:64], client)
        response = web.Response(
            status=303, headers={"Location": f"{ctx.view.prefix}/", "Cache-Control": "no-store"}
        )
        await ctx.cookies.save(
            request, response, ctx.view, {"u": user, "k": self._cookie_key(user)}
        )
        return response

    def _too_many(self, client: str, retry: int) -> web.Response:
        log_throttled(logger, "login-rate-limit", "login rate limit: refusing %s", client)
        return _login_page(
            f"Too many failed attempts. Try again in {retry} seconds.",
            429,
            {"Retry-After": str(retry)},
        )

    async def _logout(self, request: web.Request) -> web.StreamResponse:
        if request.method in ("GET", "HEAD"):
            return _page(
                "Sign out", "logout", '<button class="pgw-button" type="submit">Sign out</button>'
            )
        if request.method != "POST":
            raise web.HTTPMethodNotAllowed(request.method, ["GET", "POST"])
        if not self._same_origin(request):
            return text_page(403, "Forbidden", "This form was sent from another site.")
        ctx = auth_context(request)
        response = web.Response(
            status=303,
            headers={"Location": f"{ctx.view.prefix}/login", "Cache-Control": "no-store"},
        )
        await ctx.cookies.clear(request, response, ctx.view)
        return response
