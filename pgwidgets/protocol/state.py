"""Session life-cycle states and their legal transitions (a table, as in h11)."""

from __future__ import annotations

from enum import Enum

from pgwidgets.exceptions import InvalidState

__all__ = ["SessionState", "check_transition"]


class SessionState(Enum):
    """Where a session is in its life."""

    #: made, no browser has attached yet (or a headless session)
    NEW = "new"
    #: at least one browser connection is attached
    CONNECTED = "connected"
    #: every browser is gone; kept for a reconnect until the session timeout
    DETACHED = "detached"
    #: destroyed for good: widgets, callbacks and thread released
    CLOSED = "closed"


_TRANSITIONS: dict[SessionState, frozenset[SessionState]] = {
    SessionState.NEW: frozenset({SessionState.CONNECTED, SessionState.CLOSED}),
    SessionState.CONNECTED: frozenset(
        {SessionState.CONNECTED, SessionState.DETACHED, SessionState.CLOSED}
    ),
    SessionState.DETACHED: frozenset({SessionState.CONNECTED, SessionState.CLOSED}),
    SessionState.CLOSED: frozenset(),
}


def check_transition(old: SessionState, new: SessionState) -> None:
    """Raise :class:`InvalidState` unless ``old -> new`` is legal."""
    if new not in _TRANSITIONS[old]:
        raise InvalidState(f"session cannot go from {old.value} to {new.value}")
