"""What the core hands to the facades after reading browser input (frozen nouns)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "BrowserError",
    "CallbackEvent",
    "Event",
    "QueryFailed",
    "QueryReturned",
    "ViewportChanged",
]


@dataclass(frozen=True, slots=True)
class CallbackEvent:
    """The user did something: run the handlers registered for ``(wid, action)``.

    ``args`` are already resolved: ``{"__wid__": n}`` references are widget ids turned
    back into whatever the facade registered for them (see ``SessionCore.resolve``).
    """

    wid: int
    action: str
    args: tuple[Any, ...]
    conn: object


@dataclass(frozen=True, slots=True)
class QueryReturned:
    """A browser query answered."""

    query_id: int
    value: Any


@dataclass(frozen=True, slots=True)
class QueryFailed:
    """A browser query failed: the browser raised, or the connection closed."""

    query_id: int
    message: str
    stack: str | None = None
    closed: bool = False


@dataclass(frozen=True, slots=True)
class ViewportChanged:
    """The browser window was resized."""

    width: int
    height: int


@dataclass(frozen=True, slots=True)
class BrowserError:
    """The browser reported an error that belongs to no query (logged, then dropped)."""

    message: str


Event = CallbackEvent | QueryReturned | QueryFailed | ViewportChanged | BrowserError
