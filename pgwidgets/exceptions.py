"""The one exception tree of pgwidgets.

::

    PGWidgetsError
    ├── ConfigurationError (also ValueError)  bad Application/widget parameters, port in use
    ├── ProtocolError                          a browser sent something malformed (its fault)
    ├── InvalidState                           you asked for something illegal now (your fault)
    ├── ConnectionClosed                       the browser went away while a call waited
    ├── QueryTimeout (also TimeoutError)       the browser did not answer a query in time
    ├── RemoteError                            the browser raised while running a call
    └── AuthenticationError                    credentials missing or wrong

Whose fault it is is always clear from the class, as in h11.
"""

from __future__ import annotations

__all__ = [
    "AuthenticationError",
    "ConfigurationError",
    "ConnectionClosed",
    "InvalidState",
    "PGWidgetsError",
    "ProtocolError",
    "QueryTimeout",
    "RemoteError",
]


class PGWidgetsError(Exception):
    """Base class of every error raised by pgwidgets."""


class ConfigurationError(PGWidgetsError, ValueError):
    """A parameter value is invalid, or a resource (such as a port) cannot be had."""


class ProtocolError(PGWidgetsError):
    """The browser sent a message that is malformed or not allowed."""


class InvalidState(PGWidgetsError):
    """The call is not legal in the current state (e.g. a destroyed widget)."""


class ConnectionClosed(PGWidgetsError):
    """The browser connection closed while the call was waiting for it."""


class QueryTimeout(PGWidgetsError, TimeoutError):
    """The browser did not answer a query within the timeout."""


class RemoteError(PGWidgetsError):
    """The browser raised an exception while running a call.

    Attributes:
        remote_message: the JavaScript error message.
        remote_stack: the JavaScript stack, when the browser sent one.
    """

    def __init__(self, message: str, stack: str | None = None) -> None:
        super().__init__(message)
        self.remote_message = message
        self.remote_stack = stack


class AuthenticationError(PGWidgetsError):
    """Credentials were missing, malformed or wrong."""
