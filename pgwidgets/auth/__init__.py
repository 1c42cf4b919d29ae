"""Pluggable authentication: a backend decides who a request is, for every route.

``Application(auth=...)`` takes an :class:`AuthBackend` (:class:`TokenAuth`,
:class:`PasswordAuth`, :class:`TrustedHeaderAuth`, your subclass) or any callable
``check(request) -> identity | None`` (sync or async). See ``docs/auth.md``.
"""

from __future__ import annotations

from pgwidgets.auth.base import IDENTITY_KEY, AuthBackend, CallableAuth, resolve_backend
from pgwidgets.auth.password import PasswordAuth
from pgwidgets.auth.passwords import hash_password, verify_password
from pgwidgets.auth.token import TokenAuth
from pgwidgets.auth.trusted_header import TrustedHeaderAuth

__all__ = [
    "IDENTITY_KEY",
    "AuthBackend",
    "CallableAuth",
    "PasswordAuth",
    "TokenAuth",
    "TrustedHeaderAuth",
    "hash_password",
    "resolve_backend",
    "verify_password",
]
