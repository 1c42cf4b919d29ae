"""The interface widget proxies use to reach their session (both facades implement it).

Widget methods are written once, against this protocol. The only differences between the
sync and async facades are :meth:`done` (return a value vs. an awaitable already resolved)
and :meth:`query` (block vs. return a future).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from pgwidgets.protocol.session import SessionCore
    from pgwidgets.widgets.base import Widget
    from pgwidgets.widgets.spec import WidgetSpec

__all__ = ["SessionBinding"]

T = TypeVar("T")


class SessionBinding(Protocol):
    """What a widget proxy needs from its session."""

    def _send(self, fn: Callable[[SessionCore], T]) -> T:
        """Run ``fn`` on the core under the session lock, then schedule a flush."""

    def _read(self, fn: Callable[[SessionCore], T]) -> T:
        """Run ``fn`` on the core under the session lock (no output expected)."""

    def _done(self, value: Any = None) -> Any:
        """What a non-waiting method returns: the value (sync) or an awaitable (async)."""

    def _query(self, wid: int | None, method: str, args: list[Any]) -> Any:
        """Ask the browser: the value (sync, blocking) or an awaitable (async)."""

    def _then(
        self,
        result: Any,
        fn: Callable[[Any], Any],
        on_error: Callable[[], Any] | None = None,
    ) -> Any:
        """Apply ``fn`` to a query result, however the facade delivers it; ``on_error()``
        runs if the query fails (in the async API a timeout surfaces only there)."""

    def _register(
        self, widget: Widget, spec: WidgetSpec, args: list[Any], options: dict[str, Any]
    ) -> int:
        """Create the widget in the core and remember its proxy; returns its id."""

    def _proxy(self, wid: int) -> Widget | None:
        """The proxy for a widget id (None if destroyed)."""

    def _release(self, wids: list[int]) -> None:
        """Forget proxies and handlers of destroyed widgets."""

    def _add_handler(
        self,
        wid: int,
        action: str,
        handler: Callable[..., Any],
        extra: tuple[Any, ...],
        kwargs: dict[str, Any],
        widget_first: bool,
    ) -> None: ...

    def _remove_handler(self, wid: int, action: str, handler: Callable[..., Any] | None) -> int: ...
