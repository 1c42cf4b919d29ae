"""Password hashes: scrypt (OpenSSL, through :mod:`hashlib`), argon2 when argon2-cffi is there.

Stored form: ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` (base64url, no padding), so the cost can
be raised later without breaking old hashes. Hashes made by argon2-cffi (``$argon2id$...``)
are verified too when that package is installed. Plaintext is refused, not compared.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from pgwidgets.exceptions import ConfigurationError

__all__ = ["hash_password", "is_password_hash", "verify_password"]

#: scrypt cost: ~16 MiB and some tens of milliseconds per check - slow for guessing
_N, _R, _P = 2**14, 8, 1
_SALT_BYTES = 16
_KEY_BYTES = 32
#: longest password accepted (scrypt reads all of it; a huge one is a cheap DoS)
MAX_PASSWORD_LENGTH = 1024


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + (1 << 20), dklen=_KEY_BYTES)


def hash_password(password: str) -> str:
    """Hash ``password`` for ``PasswordAuth({"user": hash})`` (a new random salt each time)."""
    if not isinstance(password, str) or not password:
        raise ValueError("the password must be a non-empty string")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"the password is longer than {MAX_PASSWORD_LENGTH} characters")
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(password, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def is_password_hash(text: object) -> bool:
    """True when ``text`` looks like a hash this module can verify (not plaintext)."""
    if not isinstance(text, str):
        return False
    if text.startswith("$argon2"):
        return True
    parts = text.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = (int(x) for x in parts[1:4])
        return n > 1 and n & (n - 1) == 0 and r > 0 and p > 0 and bool(_unb64(parts[5]))
    except ValueError:
        return False


def verify_password(password: str, stored: str) -> bool:
    """Check ``password`` against a stored hash in constant time; never raises on bad input."""
    if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        return False
    if stored.startswith("$argon2"):
        return _verify_argon2(password, stored)
    try:
        _, n, r, p, salt, digest = stored.split("$")
        expected = _unb64(digest)
        actual = _scrypt(password, _unb64(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _verify_argon2(password: str, stored: str) -> bool:
    try:
        from argon2 import PasswordHasher
        from argon2.exceptions import Argon2Error
    except ImportError:
        raise ConfigurationError(
            "an argon2 password hash needs the argon2-cffi package (pip install argon2-cffi)"
        ) from None
    try:
        return bool(PasswordHasher().verify(stored, password))
    except Argon2Error:
        return False


#: verified against when the user name is unknown, so timing does not reveal valid names
DUMMY_HASH = f"scrypt${_N}${_R}${_P}${_b64(b'0' * _SALT_BYTES)}${_b64(b'0' * _KEY_BYTES)}"
