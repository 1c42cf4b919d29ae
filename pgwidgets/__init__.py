"""pgwidgets: desktop-style GUIs rendered in the browser, driven from Python.

Import an API flavour, not this package::

    from pgwidgets.sync import Application     # blocking calls, any thread
    from pgwidgets.async_ import Application   # asyncio

This module only carries the version and the exception tree.
"""

from __future__ import annotations

from pgwidgets.exceptions import (
    AuthenticationError,
    ConfigurationError,
    ConnectionClosed,
    InvalidState,
    PGWidgetsError,
    ProtocolError,
    QueryTimeout,
    RemoteError,
)

__version__ = "0.5.0"

__all__ = [
    "__version__",
    "AuthenticationError",
    "ConfigurationError",
    "ConnectionClosed",
    "InvalidState",
    "PGWidgetsError",
    "ProtocolError",
    "QueryTimeout",
    "RemoteError",
]
