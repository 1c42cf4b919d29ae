"""The async Session: calls return awaitables, queries await the browser's answer."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from pgwidgets.exceptions import InvalidState
from pgwidgets.server.session import BaseSession
from pgwidgets.widgets.ready import Ready

if TYPE_CHECKING:
    from pgwidgets.server.base_application import BaseApplication

__all__ = ["AsyncHooks", "Ready", "Session"]

logger = logging.getLogger("pgwidgets.callbacks")


@runtime_checkable
class AsyncHooks(Protocol):
    """What the async Application provides its sessions, besides ``BaseApplication``.

    The one contract between the facade's two halves: ``server/`` stays neutral, and the
    session never reaches into its application's private members.
    """

    def handler_lock(self) -> asyncio.Lock:
        """The lock serialising handlers of every session (``serialized`` mode)."""
        ...

    def track_task(self, task: asyncio.Task[Any]) -> None:
        """Keep a handler task until it ends (the shutdown cancels what still runs)."""
        ...


class Session(BaseSession):
    """A session for the asyncio API. Handlers may be coroutines."""

    def __init__(self, app: BaseApplication, **kwargs: Any) -> None:
        if not isinstance(app, AsyncHooks):
            raise TypeError(f"an async Session needs the async Application, got {app!r}")
        super().__init__(app, **kwargs)
        #: the application's hooks for this facade (see :class:`AsyncHooks`)
        self._hooks: AsyncHooks = app

    _lock_for_handlers: asyncio.Lock | None = None

    def _done(self, value: Any = None) -> Any:
        return Ready(value)

    def _then(
        self,
        result: Any,
        fn: Callable[[Any], Any],
        on_error: Callable[[], Any] | None = None,
    ) -> Any:
        async def chain() -> Any:
            try:
                value = await result
            except BaseException:
                if on_error is not None:
                    on_error()
                raise
            return fn(value)

        return chain()

    def _query(self, wid: int | None, method: str, args: list[Any]) -> Awaitable[Any]:
        loop = self.app._loop
        if loop is None or not self.app._on_loop_thread():
            if not self.is_connected:
                return Ready(None)
            raise InvalidState(f"{method}() must be awaited on the application's event loop")
        waiter: asyncio.Future[Any] = loop.create_future()
        qid = self._ask(wid, method, args, waiter)
        if qid is None:
            return Ready(None)
        timeout = self.app.config.query_timeout

        async def wait() -> Any:
            try:
                return await asyncio.wait_for(waiter, timeout)
            except TimeoutError:
                raise self._give_up(qid, method) from None

        return wait()

    def _dispatch(self, call: Callable[[], Any]) -> None:
        mode = self.app.config.concurrency_handling
        lock: asyncio.Lock | None = None
        if mode == "per_session":
            if self._lock_for_handlers is None:
                self._lock_for_handlers = asyncio.Lock()
            lock = self._lock_for_handlers
        elif mode == "serialized":
            lock = self._hooks.handler_lock()
        task = asyncio.get_running_loop().create_task(_run(call, lock, self.app.logger))
        self._hooks.track_task(task)

    async def close(self) -> None:
        """Close this session's browser connections; the session stays for a reconnect."""
        for conn in self.connections:
            conn.close(code=1000, message="closed by the app")

    async def destroy(self) -> None:
        """End the session: connections closed, widgets and handlers released."""
        self.app._destroy_session(self)


async def _run(
    call: Callable[[], Any], lock: asyncio.Lock | None, log: logging.Logger | None = None
) -> None:
    """Run one handler; an exception is logged (to the app's ``logger=`` when it gave one)."""
    try:
        if lock is None:
            await _invoke(call)
        else:
            async with lock:
                await _invoke(call)
    except Exception:
        (log or logger).exception("exception in handler %s", getattr(call, "__qualname__", call))


async def _invoke(call: Callable[[], Any]) -> None:
    result = call()
    if inspect.isawaitable(result):
        await result
