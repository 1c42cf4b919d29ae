"""The calls that run the application's ``on_connect`` / ``on_disconnect`` handlers.

Why a module of its own: a handler is dispatched as a no-argument call, and a ``lambda``
made that call anonymous, so a failing handler was logged as
``BaseApplication._session_opened.<locals>.<lambda>``. These calls carry the user's
function's name, and a failing ``on_connect`` tells the page, which would otherwise stay
a blank window: the browser shows a short notice (never the exception's text, which may
hold server-side details), the log has the traceback.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pgwidgets.server.session import BaseSession

__all__ = ["CONNECT_FAILED_TITLE", "handler_name", "named_call", "on_connect_call"]

#: the page's notice when on_connect raised
CONNECT_FAILED_TITLE = "This application failed to start"


def handler_name(fn: Callable[..., Any]) -> str:
    """``module.qualname`` of a handler (what a log line should name)."""
    qualname = getattr(fn, "__qualname__", None) or repr(fn)
    module = getattr(fn, "__module__", None)
    return f"{module}.{qualname}" if module and module != "__main__" else qualname


def named_call(fn: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    """``fn(*args)`` as a no-argument call that bears ``fn``'s name."""

    def call() -> Any:
        return fn(*args)

    call.__qualname__ = call.__name__ = handler_name(fn)
    return call


def on_connect_call(fn: Callable[..., Any], session: BaseSession) -> Callable[[], Any]:
    """``fn(session)``, telling the page when it raises (then re-raising, to be logged)."""

    def failed(exc: BaseException) -> None:
        try:
            session._show_error(
                CONNECT_FAILED_TITLE,
                f"Its start-up code ({handler_name(fn)}) raised {type(exc).__name__}. "
                "The details are in the server's log.",
            )
        except Exception:  # the session is gone already: nothing to tell
            pass

    def call() -> Any:
        try:
            result = fn(session)
        except Exception as exc:
            failed(exc)
            raise
        if inspect.isawaitable(result):
            return _watch(result, failed)
        return result

    call.__qualname__ = call.__name__ = handler_name(fn)
    return call


async def _watch(result: Awaitable[Any], failed: Callable[[BaseException], None]) -> Any:
    try:
        return await result
    except Exception as exc:
        failed(exc)
        raise
