"""Password hashes: scrypt (OpenSSL, through :mod:`hashlib`), argon2 when argon2-cffi is there.

Stored form: ``scrypt$<n>$<r>$<p>$<salt>$<hash>`` (base64url, no padding), so the cost can
be raised later without breaking old hashes. Hashes made by argon2-cffi (``$argon2id$...``)
are verified too when that package is installed; without it they are a
:class:`ConfigurationError` (at ``PasswordAuth(...)`` through :func:`check_password_hash`),
never a silent refusal. Plaintext is refused, not compared.

An unknown user name is checked against a dummy made by :func:`dummy_hash_like` from a real
user's hash: same scheme, same cost, so the time a failed login takes names no users.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from types import ModuleType

from pgwidgets.exceptions import ConfigurationError

__all__ = [
    "DUMMY_HASH",
    "MAX_PASSWORD_LENGTH",
    "check_password_hash",
    "dummy_hash_like",
    "hash_password",
    "is_password_hash",
    "verify_password",
]

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
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r + (1 << 20),
        dklen=_KEY_BYTES,
    )


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
    """Check ``password`` against a stored hash in constant time.

    Never raises on bad input: a wrong password, a malformed or corrupted hash (scrypt or
    argon2) are all just False.

    Raises:
        ConfigurationError: ``stored`` is an argon2 hash and argon2-cffi is not installed
            (a deployment mistake, not a wrong password).
    """
    if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        return False
    if not isinstance(stored, str):
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


def check_password_hash(stored: object) -> None:
    """Raise unless :func:`verify_password` can ever accept a password for ``stored``.

    For start-up (``PasswordAuth``): a plaintext password, an argon2 hash without
    argon2-cffi, or one that package cannot read would otherwise only show as logins that
    always fail. The message never repeats ``stored``.

    Raises:
        ConfigurationError: says which of those it is.
    """
    if not isinstance(stored, str) or not is_password_hash(stored):
        raise ConfigurationError(
            "not a password hash; make one with "
            "pgwidgets.auth.hash_password() or "
            "'python -m pgwidgets.auth hash-password'"
        )
    if not stored.startswith("$argon2"):
        return
    argon2 = _argon2()
    try:
        argon2.extract_parameters(stored)
        for part in stored.split("$")[-2:]:  # salt and digest: base64, no padding
            base64.b64decode(part + "=" * (-len(part) % 4), validate=True)
    except (argon2.exceptions.InvalidHashError, binascii.Error, ValueError):
        raise ConfigurationError("a malformed argon2 hash: argon2-cffi cannot read it") from None


def dummy_hash_like(stored: str) -> str:
    """A hash no password matches, costing what checking against ``stored`` costs.

    Checked when a login names an unknown user, so that a failure takes as long as for a
    known one: a fixed scrypt dummy would answer in half the time of an argon2 user
    (measured: ~50 ms against ~100 ms with argon2-cffi's defaults) and name the users.
    ``stored`` must have passed :func:`check_password_hash`.
    """
    if not stored.startswith("$argon2"):
        try:
            _, n, r, p, salt, digest = stored.split("$")
            zeros = _b64(bytes(len(_unb64(salt)))), _b64(bytes(len(_unb64(digest))))
        except ValueError:  # a salt that is not base64: that user never logs in anyway
            return DUMMY_HASH
        return f"scrypt${n}${r}${p}${zeros[0]}${zeros[1]}"
    params = _argon2().extract_parameters(stored)

    def std_b64(size: int) -> str:
        return base64.b64encode(bytes(size)).rstrip(b"=").decode("ascii")

    return (
        f"$argon2{params.type.name.lower()}$v={params.version}$m={params.memory_cost},"
        f"t={params.time_cost},p={params.parallelism}${std_b64(params.salt_len)}"
        f"${std_b64(params.hash_len)}"
    )


def _argon2() -> ModuleType:
    """argon2-cffi, or a :class:`ConfigurationError` saying how to get it."""
    try:
        import argon2
        import argon2.exceptions
    except ImportError:
        raise ConfigurationError(
            "an argon2 password hash needs the argon2-cffi package (pip install argon2-cffi)"
        ) from None
    return argon2


def _verify_argon2(password: str, stored: str) -> bool:
    argon2 = _argon2()
    try:
        return bool(argon2.PasswordHasher().verify(stored, password))
    except (argon2.exceptions.Argon2Error, argon2.exceptions.InvalidHashError):
        # InvalidHashError is a ValueError, not an Argon2Error: without it a hash argon2-cffi
        # cannot parse ("$argon2", "$argon2x$...") escaped as an exception (HTTP 500)
        return False


#: verified against when the user name is unknown, so timing does not reveal valid names
#: (for hashes made by :func:`hash_password`; ``PasswordAuth`` uses :func:`dummy_hash_like`)
DUMMY_HASH = f"scrypt${_N}${_R}${_P}${_b64(b'0' * _SALT_BYTES)}${_b64(b'0' * _KEY_BYTES)}"
