"""Session credentials: made by the server only, compared in constant time.

The browser never chooses its session id or token (the reference implementation let it,
which allowed session fixation). Both are 128+ bits from :mod:`secrets`.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

__all__ = ["Credentials", "new_credentials"]

#: bytes of randomness in a session id and in a reconnect token (>= 128 bits each)
_ID_BYTES = 16
_TOKEN_BYTES = 32


@dataclass(frozen=True, slots=True)
class Credentials:
    """A session's id (public handle) and reconnect token (secret)."""

    session_id: str
    token: str

    def matches(self, session_id: object, token: object) -> bool:
        """Tell whether the presented pair is exactly ours, in constant time."""
        if not isinstance(session_id, str) or not isinstance(token, str):
            return False
        ok_id = hmac.compare_digest(session_id.encode(), self.session_id.encode())
        ok_token = hmac.compare_digest(token.encode(), self.token.encode())
        return ok_id & ok_token

    def __repr__(self) -> str:  # never leak the token into logs
        return f"Credentials(session_id={self.session_id!r}, token=<hidden>)"


def new_credentials() -> Credentials:
    """Make fresh random credentials."""
    return Credentials(secrets.token_urlsafe(_ID_BYTES), secrets.token_urlsafe(_TOKEN_BYTES))
