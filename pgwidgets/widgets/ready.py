"""The one "already resolved" awaitable of the async API.

Calls that do not wait (setters, constructors, answers from Python state) take effect
before they return; in the async API what they return must still be awaitable, so that
``await label.set_text("hi")`` and ``await w.get_size()`` read the same whether or not the
browser was asked. :func:`resolved` is that awaitable's whole implementation: a generator
that returns at once. :class:`Ready` wraps a plain value in it; widgets and ``Size`` values
await to themselves through it.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, Generic, TypeVar

__all__ = ["Ready", "resolved"]

T = TypeVar("T")


def resolved(value: T) -> Generator[Any, None, T]:
    """An ``__await__`` iterator that finishes at once with ``value`` (never suspends)."""
    return value
    yield  # unreachable: the yield makes this a generator function


class Ready(Generic[T]):
    """An already-resolved awaitable: what a non-waiting call returns in the async API.

    The call has taken effect before it is awaited; awaiting only yields the value, so
    forgetting ``await`` loses nothing.
    """

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __await__(self) -> Generator[Any, None, T]:
        return resolved(self.value)

    def __repr__(self) -> str:
        return f"Ready({self.value!r})"
