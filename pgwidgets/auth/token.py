"""TokenAuth: one shared secret, presented once, then remembered in the login cookie.

Where the token is read, first match wins:

* ``Authorization: Bearer <token>`` (scripts, API clients; a malformed header is a 401);
* ``?token=`` on any URL - on a page this is exchanged for the cookie and answered with a
  redirect to the same URL without the token (so it leaves the address bar, the history and
  later ``Referer`` headers); on the WebSocket URL it is how WebSocket-only mode gets it;
* the ``Sec-WebSocket-Protocol`` entry ``pgwidgets.token.<base64url(token)>`` on an upgrade
  (what our page sends in WebSocket-only mode: no token in any URL);
* the login cookie, bound to this token (a new token invalidates old cookies).

Keeping the token out of every log: a URL's query is written to access logs (ours, a
parent application's when mounted, an external page server's), its fragment never leaves
the browser. So the link to hand out is ``…/#token=<token>`` (what ``app.url`` prints):

* our server (single/split port, mounted): the first request carries no token and gets the
  "Access token required" page, whose script (``static/auth/token-link.js``) takes the token
  out of the address bar and presents it once as ``Authorization: Bearer`` in a GET of the
  same URL, marked ``X-Pgwidgets-Token-Exchange: 1`` (a page on another site cannot send
  that header); that answers 204 with the cookie, and the page reloads;
* WebSocket-only mode: the page (``boot.js``) reads ``#token=`` like ``?token=`` and sends it
  as the subprotocol above.

``?token=`` keeps working for old links, but may be logged wherever the URL passes.

The redirect after a ``?token=`` exchange is built from the last path segment,
percent-encoded, behind ``./``: a path like ``/%5C%5Cevil.example`` (``\\evil.example``,
which browsers read as ``//evil.example``) or ``/https:evil.example`` cannot send the browser
to another site (issue 13, finding 10).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import html
import logging
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import web

from pgwidgets.auth.base import (
    AuthBackend,
    auth_context,
    client_address,
    is_upgrade,
    text_page,
    wants_html,
)
from pgwidgets.auth.middleware import TOKEN_PROTOCOL_PREFIX
from pgwidgets.auth.ratelimit import FailureLimiter
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.protocol.throttle import log_throttled

__all__ = ["TokenAuth"]

logger = logging.getLogger(__name__)

_MIN_LENGTH = 16
#: the header marking the fragment exchange's request (see the module docstring)
EXCHANGE_HEADER = "X-Pgwidgets-Token-Exchange"
#: the script of the "Access token required" page, relative to the app's root
EXCHANGE_SCRIPT = "auth/token-link.js"
_WWW_AUTHENTICATE = 'Bearer realm="pgwidgets"'


def _digest(text: str) -> bytes:
    # comparing digests keeps the comparison constant-time and hides the token's length
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class TokenAuth(AuthBackend):
    """A shared secret token.

    Args:
        token: the token; None (and no ``env``/``file``) generates one, which ``app.url``
            and the startup log line then carry.
        env: read the token from this environment variable.
        file: read the token from this file (surrounding whitespace ignored).
        identity: what ``session.user`` is for a holder of the token.
        max_failures, window: wrong tokens allowed per client address per window
            (seconds); beyond that a presented token is answered 429 with ``Retry-After``.

    Raises:
        ConfigurationError: more than one source, an empty or unreadable token.
    """

    uses_cookies = True

    def __init__(
        self,
        token: str | None = None,
        *,
        env: str | None = None,
        file: str | os.PathLike[str] | None = None,
        identity: str = "token",
        max_failures: int = 10,
        window: float = 60.0,
    ) -> None:
        if sum(x is not None for x in (token, env, file)) > 1:
            raise ConfigurationError("TokenAuth: give one of token=, env= or file=")
        if env is not None:
            token = os.environ.get(env)
            if not token:
                raise ConfigurationError(f"TokenAuth: environment variable {env} is not set")
        elif file is not None:
            try:
                token = Path(file).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigurationError(
                    f"TokenAuth: cannot read the token file {file}: {exc.strerror}"
                ) from None
        #: the token was made here, so the user learns it only from app.url / the log
        self.generated = token is None
        if token is None:
            token = secrets.token_urlsafe(24)
        if not isinstance(token, str) or not token.strip():
            raise ConfigurationError("TokenAuth: the token must be a non-empty string")
        if len(token) < _MIN_LENGTH:
            logger.warning(
                "TokenAuth: the token is shorter than %d characters and easy to "
                "guess; prefer secrets.token_urlsafe()",
                _MIN_LENGTH,
            )
        self._token = token
        self._digest = _digest(token)
        # what the cookie stores: identifies the token without revealing it
        self._cookie_key = hashlib.sha256(b"pgwidgets-cookie\0" + self._digest).hexdigest()[:32]
        self.identity = identity
        #: wrong tokens allowed per client address per ``window`` seconds (then 429)
        self.limiter = FailureLimiter(max_failures, window)

    @property
    def token(self) -> str:
        """The token (to show or hand to a client; never logged by pgwidgets)."""
        return self._token

    def __repr__(self) -> str:
        return "TokenAuth(token=<hidden>)"

    def _matches(self, presented: str) -> bool:
        return hmac.compare_digest(_digest(presented), self._digest)

    async def authenticate(self, request: web.Request) -> Any | None:
        header = request.headers.get("Authorization")
        if header is not None:
            scheme, _, credential = header.strip().partition(" ")
            credential = credential.strip()
            if scheme.lower() != "bearer" or not credential or " " in credential:
                raise web.HTTPUnauthorized(
                    text="401: malformed Authorization header (expected: Bearer <token>)\n",
                    headers={
                        "WWW-Authenticate": 'Bearer realm="pgwidgets", error="invalid_request"'
                    },
                )
            return self._check(request, [credential])
        if "token" in request.query:
            values = request.query.getall("token")
            return self._check(request, values if len(values) == 1 else [])
        if is_upgrade(request):
            presented = _protocol_tokens(request)
            if presented:
                return self._check(request, presented)
        ctx = auth_context(request)
        data = await ctx.cookies.load(request, ctx.view) if ctx.cookies is not None else None
        if data is not None and hmac.compare_digest(str(data.get("k", "")), self._cookie_key):
            return self.identity
        return None

    def _check(self, request: web.Request, presented: list[str]) -> str | None:
        """Check presented tokens, at most ``max_failures`` wrong ones per client per window.

        The attempt is counted before the check (no await in between, so parallel
        requests cannot all slip under the limit); a right token forgets the count.

        Raises:
            web.HTTPTooManyRequests: this client is over the limit (even a right token
                waits: telling it apart would let guessing go on).
        """
        client = client_address(request)
        retry = self.limiter.reserve(client)
        if retry is not None:
            log_throttled(
                logger,
                "token-rate-limit",
                "TokenAuth: too many wrong tokens from %s; refusing its attempts for %d s",
                client,
                retry,
            )
            raise web.HTTPTooManyRequests(
                text=f"429: too many wrong tokens; try again in {retry} seconds\n",
                headers={"Retry-After": str(retry), "Cache-Control": "no-store"},
            )
        if any(self._matches(t) for t in presented):
            self.limiter.succeeded(client)
            return self.identity
        return None

    async def exchange(self, request: web.Request, identity: Any) -> web.StreamResponse | None:
        """A page opened with ``?token=``: set the cookie, redirect to the URL without it.

        Or the fragment exchange (module docstring): 204 with the cookie, before the handler.
        """
        if (
            request.method == "GET"
            and request.headers.get(EXCHANGE_HEADER) == "1"
            and "Authorization" in request.headers
        ):
            response = web.Response(status=204, headers={"Cache-Control": "no-store"})
            ctx = auth_context(request)
            await ctx.cookies.save(request, response, ctx.view, {"k": self._cookie_key})
            return response
        if "token" not in request.query or is_upgrade(request) or request.method != "GET":
            return None
        rest = [(k, v) for k, v in request.query.items() if k != "token"]
        location = _same_place(request.path)
        if rest:
            location += "?" + urlencode(rest)
        response = web.Response(
            status=303, headers={"Location": location, "Cache-Control": "no-store"}
        )
        ctx = auth_context(request)
        await ctx.cookies.save(request, response, ctx.view, {"k": self._cookie_key})
        return response

    async def challenge(self, request: web.Request) -> web.StreamResponse:
        headers = {"WWW-Authenticate": _WWW_AUTHENTICATE, "Cache-Control": "no-store"}
        if wants_html(request):
            page = text_page(
                401,
                "Access token required",
                "This application needs an access token. Open the link printed "
                "when the server started (it ends in #token=...), or ask whoever "
                "runs it for a link.",
                headers=headers,
            )
            script = f"{auth_context(request).view.prefix}/{EXCHANGE_SCRIPT}"
            body = page.text or ""
            page.text = body.replace(
                "</body>", f'<script src="{html.escape(script)}"></script></body>', 1
            )
            return page
        return web.Response(status=401, text="401: a valid token is required\n", headers=headers)

    def decorate_url(self, url: str) -> str:
        """``url#token=…``: a fragment reaches no server, so no log (module docstring)."""
        return f"{url.split('#', 1)[0]}#{urlencode({'token': self._token})}"

    def redact_url(self, url: str) -> str:
        """Keep the token in the startup line only when the user could not know it."""
        if self.generated:
            return url
        return url.replace(urlencode({"token": self._token}), "token=<your token>")

    def is_public(self, request: web.Request) -> bool:
        """The fragment-exchange script runs on the "Access token required" page."""
        return request.method in ("GET", "HEAD") and (
            request.match_info.get("tail", "") == EXCHANGE_SCRIPT
        )


def _same_place(path: str) -> str:
    """A relative reference to ``path``'s own last segment: never another site."""
    if path.endswith("/"):
        return "./"
    return "./" + quote(path.rsplit("/", 1)[-1], safe="")


def _protocol_tokens(request: web.Request) -> list[str]:
    """Tokens offered as ``pgwidgets.token.<base64url>`` subprotocols."""
    found = []
    for proto in request.headers.get("Sec-WebSocket-Protocol", "").split(","):
        proto = proto.strip()
        if proto.startswith(TOKEN_PROTOCOL_PREFIX):
            encoded = proto[len(TOKEN_PROTOCOL_PREFIX) :]
            try:
                raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
                found.append(raw.decode("utf-8"))
            except (binascii.Error, ValueError):
                found.append("")  # present but garbage: a wrong token, not "no token"
    return found
