"""Pluggable authentication: a backend decides who a request is, for every route.

``Application(auth=...)`` takes an :class:`AuthBackend` or any callable
``check(request) -> identity | None`` (sync or async).
"""

from __future__ import annotations

from pgwidgets.auth.base import IDENTITY_KEY, AuthBackend, CallableAuth, resolve_backend

__all__ = ["IDENTITY_KEY", "AuthBackend", "CallableAuth", "resolve_backend"]
