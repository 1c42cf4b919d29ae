"""Login cookies: aiohttp-session's EncryptedCookieStorage (Fernet), keyed per Application.

A successful login (a token or a password) becomes an encrypted, authenticated cookie, so
the secret is presented once and the page, its static files and the WebSocket upgrade are
then recognised from the cookie. Fernet authenticates what it decrypts, so a tampered cookie
fails to decrypt, and its timestamp gives the lifetime (``cookie_max_age``): both are treated
as "no login".

The cookie attributes depend on the request (``Secure`` when the browser's page is https,
``Path`` = the app's mount prefix), so there is one storage per (path, secure) pair, all
sharing one Fernet key. We call the storage directly instead of installing aiohttp-session's
middleware, so a parent application's own aiohttp-session setup is left alone.

Where the browser allows it (https, ``Path=/``) the cookie is named ``__Host-pgwidgets_login``,
which browsers accept only as Secure, host-only and ``Path=/``. Each cookie carries a random
nonce; logout revokes it on the server (remembered in this process until the cookie could
no longer be valid anyway), so a copy of a logged-out cookie is refused too. Revocations are
per process: several workers, or a restart with a fixed ``secret_key``, do not share them -
rotate ``secret_key`` to end every login at once.
"""

from __future__ import annotations

import base64
import binascii
import logging
import secrets
import time
from typing import Any

from aiohttp import web
from aiohttp_session import Session
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from pgwidgets.auth.proxy import ClientView
from pgwidgets.exceptions import ConfigurationError
from pgwidgets.protocol.throttle import log_throttled

__all__ = ["COOKIE_NAME", "HOST_PREFIX", "LoginCookies", "fernet_for"]

logger = logging.getLogger(__name__)

COOKIE_NAME = "pgwidgets_login"
#: the name prefix browsers reserve for Secure, Path=/, host-only cookies
HOST_PREFIX = "__Host-"
#: the key of a cookie's own random nonce (what logout revokes)
NONCE_KEY = "n"
#: logged-out nonces remembered at most (each only until the cookie's max_age has passed)
_MAX_REVOKED = 100_000
#: distinct (path, secure) storages kept; X-Forwarded-Prefix from a proxy could vary
_MAX_STORAGES = 64
_MIN_SECRET = 16


def fernet_for(secret_key: bytes | str | None) -> Fernet:
    """A Fernet for ``secret_key``: a Fernet key as is, anything else derived with HKDF.

    Raises:
        ConfigurationError: the key is too short or of the wrong type (the message never
            contains the key).
    """
    if secret_key is None:
        logger.info(
            "no secret_key given: login cookies use a random key made by this "
            "process, so logins end when it restarts and are not valid on other "
            "processes; pass Application(secret_key=...) (e.g. from an environment "
            "variable) to keep them"
        )
        return Fernet(Fernet.generate_key())
    if isinstance(secret_key, str):
        raw = secret_key.encode("utf-8")
        try:
            if len(base64.urlsafe_b64decode(raw)) == 32 and len(raw) == 44:
                return Fernet(raw)  # already a Fernet key (Fernet.generate_key())
        except (binascii.Error, ValueError):
            pass
    elif isinstance(secret_key, (bytes, bytearray)):
        raw = bytes(secret_key)
    else:
        raise ConfigurationError(
            f"secret_key must be bytes or a string, got {type(secret_key).__name__}"
        )
    if len(raw) < _MIN_SECRET:
        raise ConfigurationError(
            f"secret_key is too short: use at least {_MIN_SECRET} random bytes, e.g. "
            "secrets.token_urlsafe(32)"
        )
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"pgwidgets login cookie"
    ).derive(raw)
    return Fernet(base64.urlsafe_b64encode(derived))


class LoginCookies:
    """Reads and writes the login cookie of one Application."""

    def __init__(
        self, secret_key: bytes | str | None, max_age: int, cookie_name: str = COOKIE_NAME
    ) -> None:
        if isinstance(max_age, bool) or not isinstance(max_age, int) or max_age < 1:
            raise ConfigurationError(f"cookie_max_age must be seconds >= 1, got {max_age!r}")
        self._fernet = fernet_for(secret_key)
        self.max_age = max_age
        self.cookie_name = cookie_name
        self._storages: dict[tuple[str, bool], EncryptedCookieStorage] = {}
        #: nonce of a logged-out cookie -> time.monotonic() after which it has expired anyway
        self._revoked: dict[str, float] = {}

    def __repr__(self) -> str:
        return f"LoginCookies(cookie_name={self.cookie_name!r}, max_age={self.max_age})"

    def name_for(self, view: ClientView) -> str:
        """``__Host-<name>`` where the browser allows it (https, ``Path=/``), else ``<name>``.

        A ``__Host-`` cookie is only accepted by a browser when it is ``Secure``, has
        ``Path=/`` and no ``Domain``: no other host (a sibling subdomain) and no plain-http
        page can set or overwrite it.
        """
        if view.secure and not view.prefix:
            return HOST_PREFIX + self.cookie_name
        return self.cookie_name

    def _storage(self, view: ClientView) -> EncryptedCookieStorage:
        key = (view.prefix or "/", view.secure)
        storage = self._storages.get(key)
        if storage is None:
            if len(self._storages) >= _MAX_STORAGES:
                self._storages.clear()
            storage = EncryptedCookieStorage(
                self._fernet,
                cookie_name=self.name_for(view),
                max_age=self.max_age,
                path=key[0],
                secure=view.secure or None,
                httponly=True,
                samesite="Lax",
            )
            self._storages[key] = storage
        return storage

    async def load(self, request: web.Request, view: ClientView) -> dict[str, Any] | None:
        """The data of a valid, unexpired cookie; None when absent, tampered or expired."""
        raw = request.cookies.get(self.name_for(view))
        if raw is None:
            return None
        try:  # checked here first: aiohttp-session would log a warning for every one
            self._fernet.decrypt(raw.encode("utf-8"), ttl=self.max_age)
        except (InvalidToken, ValueError):
            log_throttled(
                logger,
                "bad-cookie",
                "ignored a login cookie from %s that does not decrypt (tampered, expired, "
                "or made with another secret_key)",
                view.client or "?",
            )
            return None
        session = await self._storage(view).load_session(request)
        if session.new or session.empty:
            return None
        data = dict(session)
        nonce = data.pop(NONCE_KEY, None)
        if not isinstance(nonce, str) or not nonce:
            return None  # made before cookies carried a nonce: it could not be revoked
        if nonce in self._revoked:
            return None  # logged out
        return data

    async def save(
        self,
        request: web.Request,
        response: web.StreamResponse,
        view: ClientView,
        data: dict[str, Any],
    ) -> None:
        """Set a fresh cookie holding ``data`` (JSON-serialisable) on ``response``.

        Each cookie carries a random nonce of its own, which logout revokes (:meth:`clear`).
        """
        session = Session(None, data=None, new=True, max_age=self.max_age)
        session.update(data)
        session[NONCE_KEY] = secrets.token_urlsafe(12)
        await self._storage(view).save_session(request, response, session)

    async def clear(
        self, request: web.Request, response: web.StreamResponse, view: ClientView
    ) -> None:
        """Log out: revoke the request's cookie on the server, and expire it in the browser.

        Expiring it in the browser alone would leave a copy (another tab's, a stolen one)
        valid until its ``max_age``; its nonce is remembered as revoked until then.
        """
        raw = request.cookies.get(self.name_for(view))
        if raw is not None:
            session = await self._storage(view).load_session(request)
            nonce = session.get(NONCE_KEY) if not session.new else None
            if isinstance(nonce, str) and nonce:
                self._revoke(nonce)
        session = Session(None, data=None, new=True, max_age=self.max_age)
        await self._storage(view).save_session(request, response, session)

    def _revoke(self, nonce: str) -> None:
        """Remember ``nonce`` as logged out until no cookie carrying it can be valid."""
        now = time.monotonic()
        revoked = self._revoked
        while revoked:  # the oldest first: drop those past every cookie's lifetime
            first = next(iter(revoked))
            if revoked[first] > now and len(revoked) < _MAX_REVOKED:
                break
            del revoked[first]
        revoked[nonce] = now + self.max_age
