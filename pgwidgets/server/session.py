"""BaseSession: the session object both facades share (the widgets' SessionBinding).

It owns the sans-I/O :class:`SessionCore` behind a lock, the widget proxies and the
callback table, and it schedules one flush per event-loop turn. Subclasses in ``sync/``
and ``async_/`` add only how to wait (``_done``, ``_query``, ``_then``), where handlers
run (``_dispatch``) and, for the sync facade, when output is held (``_claim_flush`` and
``_flushed``: ``pgwidgets/sync/flush_gate.py``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from pgwidgets.exceptions import ConnectionClosed, QueryTimeout, RemoteError
from pgwidgets.protocol import (
    BrowserError,
    CallbackEvent,
    Credentials,
    Event,
    Hello,
    QueryFailed,
    QueryReturned,
    SessionCore,
)
from pgwidgets.protocol.messages import resolve_refs
from pgwidgets.protocol.throttle import log_throttled
from pgwidgets.widgets.factory import WidgetNamespace

if TYPE_CHECKING:
    from pgwidgets.server.base_application import BaseApplication
    from pgwidgets.server.connection import Connection
    from pgwidgets.widgets.base import Widget
    from pgwidgets.widgets.spec import WidgetSpec

__all__ = ["BaseSession", "Handler"]

logger = logging.getLogger(__name__)

#: what a browser is told when handling its frame failed (never the exception text)
_SERVER_ERROR = "server error while handling this message (details are in the server log)"
T = TypeVar("T")

Handler = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], bool]

#: the keys a widget reference from the browser may have (``__class__`` is a hint)


class BaseSession:
    """One user's UI: widgets, callbacks, and the browsers showing it."""

    def __init__(
        self, app: BaseApplication, *, credentials: Credentials | None = None, user: Any = None
    ) -> None:
        self.app = app
        #: the identity the auth backend gave (a user name), None without auth
        self.user = user
        self._core = SessionCore(credentials)
        self._core.uploads.max_size = app.config.max_upload_size
        self._core.uploads.max_concurrent = app.config.max_uploads
        # one lock guards the core: the loop thread and user threads both touch it
        self._lock = threading.RLock()
        self._flush_scheduled = False
        self._proxies: dict[int, Widget] = {}
        self._handlers: dict[tuple[int, str], list[Handler]] = {}
        self._waiters: dict[int, Any] = {}
        self._expiry: Any = None
        self._namespace: WidgetNamespace | None = None

    # ------------------------------------------------------------------ public
    @property
    def id(self) -> str:
        """The session id (server-made, random)."""
        return self._core.credentials.session_id

    @property
    def token(self) -> str:
        """The reconnect token (secret)."""
        return self._core.credentials.token

    @property
    def is_connected(self) -> bool:
        return bool(self._core.connections)

    @property
    def connections(self) -> list[Connection]:
        """A copy of the attached connections, primary first."""
        return list(self._core.connections)  # type: ignore[arg-type]

    @property
    def closed(self) -> bool:
        return self._core.closed

    def get_screen_size(self) -> tuple[int, int]:
        """The browser viewport as last reported, ``(0, 0)`` before any report."""
        return self._core.viewport

    def get_widgets(self) -> WidgetNamespace:
        """The namespace of widget factories bound to this session."""
        if self._namespace is None:
            self._namespace = WidgetNamespace(self, self.app._extra_widgets)
        return self._namespace

    def get_url(self) -> str | None:
        """The page URL (credentials are never put in URLs)."""
        return self.app.url

    def walk_widget_tree(self) -> Iterator[Widget]:
        """Every live widget, depth first, parents before children."""
        with self._lock:
            records = list(self._core.widgets.values())
        roots = [r.wid for r in records if r.parent is None]
        stack = list(reversed(roots))
        while stack:
            wid = stack.pop()
            proxy = self._proxies.get(wid)
            if proxy is not None:
                yield proxy
            with self._lock:
                rec = self._core.widgets.get(wid)
                kids = list(rec.children) if rec else []
            stack.extend(reversed(kids))

    def set_theme(self, theme: str) -> Any:
        """Switch the page theme: ``"light"``, ``"dark"`` or ``"auto"`` (follow the OS)."""
        if theme not in ("light", "dark", "auto"):
            raise ValueError(f"theme must be 'light', 'dark' or 'auto', got {theme!r}")
        self._send(lambda core: core.page_call("set_theme", [theme], key="theme"))
        return self._done(None)

    def open_url(self, url: str) -> Any:
        """Open ``url`` in a new browser tab (``noopener``)."""
        if not isinstance(url, str) or not url.startswith(("http://", "https://", "/")):
            raise ValueError("open_url takes an http(s) URL or a path")
        self._send(lambda core: core.page_call("open_url", [url]))
        return self._done(None)

    def _show_error(self, title: str, text: str) -> None:
        """A notice in place of the page's content (kept for a reload of the page); what
        an ``on_connect`` that raised leaves instead of a blank window."""
        self._send(
            lambda core: core.page_call("show_error", [title, text], key="error"), urgent=True
        )

    def batch(self) -> _Batch:
        """Compatibility no-op: calls are always sent one frame per event-loop turn."""
        return _Batch()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} id={self.id} widgets={len(self._proxies)}>"

    # ------------------------------------------------------- SessionBinding
    def _send(self, fn: Callable[[SessionCore], T], *, urgent: bool = False) -> T:
        """Apply ``fn`` to the core and see that its output goes out.

        ``urgent``: at once even while a handler runs (a query the handler will wait for).
        """
        with self._lock:
            result = fn(self._core)
            schedule = self._claim_flush(urgent)
        self._schedule_flush(schedule)
        return result

    def _claim_flush(self, urgent: bool = False) -> bool:
        """Under the lock: True if the caller must schedule the one flush of this turn.

        Everything queued before that flush runs goes out in the same frame. The flag is
        cleared by the flush itself (:meth:`_flushed`), under the same lock, so no output
        is ever stranded. A facade may hold output longer (the sync facade holds a
        handler's output until it returns); ``urgent`` output (a query the caller will
        wait for) must never be held.
        """
        if self._flush_scheduled:
            return False  # cheap check first: this runs on every widget call
        if not self._core.has_output:
            return False
        self._flush_scheduled = True
        return True

    def _flushed(self) -> None:
        """Under the lock, as a flush drains the core: a scheduled flush has run."""
        self._flush_scheduled = False

    def _schedule_flush(self, schedule: bool) -> None:
        if schedule:
            self.app._call_soon(self._flush)

    def _read(self, fn: Callable[[SessionCore], T]) -> T:
        with self._lock:
            return fn(self._core)

    def _register(
        self, widget: Widget, spec: WidgetSpec, args: list[Any], options: dict[str, Any]
    ) -> int:
        def create(core: SessionCore) -> int:
            wid = core.create(spec, args, options)
            self._proxies[wid] = widget
            return wid

        return self._send(create)

    def _proxy(self, wid: int) -> Widget | None:
        return self._proxies.get(wid)

    def _release(self, wids: list[int]) -> None:
        # under the lock: user threads and the loop touch these tables concurrently
        with self._lock:
            for wid in wids:
                proxy = self._proxies.pop(wid, None)
                if proxy is not None:
                    proxy._pgw_wid = None
            if wids:
                gone = set(wids)
                for key in [k for k in self._handlers if k[0] in gone]:
                    del self._handlers[key]

    def _add_handler(
        self,
        wid: int,
        action: str,
        handler: Callable[..., Any],
        extra: tuple[Any, ...],
        kwargs: dict[str, Any],
        widget_first: bool,
    ) -> None:
        if not callable(handler):
            raise TypeError(f"handler for {action!r} must be callable, got {handler!r}")

        def add(core: SessionCore) -> None:
            core.listen(wid, action)  # first: raises InvalidState for a destroyed widget
            self._handlers.setdefault((wid, action), []).append(
                (handler, extra, kwargs, widget_first)
            )

        self._send(add)

    def _remove_handler(self, wid: int, action: str, handler: Callable[..., Any] | None) -> int:
        with self._lock:
            handlers = self._handlers.get((wid, action), [])
            keep = [
                h
                for h in handlers
                if handler is not None and h[0] is not handler and h[0] != handler
            ]
            removed = len(handlers) - len(keep)
            if keep:
                self._handlers[(wid, action)] = keep
            else:
                self._handlers.pop((wid, action), None)
            return removed

    # Query bookkeeping (both facades) ---------------------------------------
    def _ask(self, wid: int | None, method: str, args: list[Any], waiter: Any) -> int | None:
        """Send a query at once (never held); ``waiter`` (a future of the facade's kind)
        gets the answer or the failure. Returns the query id, None with no browser."""

        def ask(core: SessionCore) -> int | None:
            qid = core.query(wid, method, args)
            if qid is not None:
                self._waiters[qid] = waiter
            return qid

        return self._send(ask, urgent=True)

    def _give_up(self, qid: int, method: str) -> QueryTimeout:
        """The wait for query ``qid`` timed out: forget it (a late answer is then refused)
        and return the error to raise."""
        with self._lock:
            self._core.forget_query(qid)
            self._waiters.pop(qid, None)
        timeout = self.app.config.query_timeout
        return QueryTimeout(f"{method}() got no answer from the browser in {timeout:g} s")

    # Facade hooks ---------------------------------------------------------
    def _done(self, value: Any = None) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _query(self, wid: int | None, method: str, args: list[Any]) -> Any:
        """Ask the browser: the answer (sync, blocking) or an awaitable of it (async)."""
        raise NotImplementedError  # pragma: no cover

    def _then(
        self,
        result: Any,
        fn: Callable[[Any], Any],
        on_error: Callable[[], Any] | None = None,
    ) -> Any:
        """``fn(answer)`` of a :meth:`_query` result, however the facade delivers it;
        ``on_error()`` runs if the answer fails (a timeout surfaces only here in async)."""
        raise NotImplementedError  # pragma: no cover

    def _dispatch(self, call: Callable[[], Any]) -> None:
        """Run a user handler where the concurrency mode says (never inline on the loop)."""
        raise NotImplementedError  # pragma: no cover

    def _shutdown_dispatch(self) -> None:
        """Release the facade's per-session resources (thread, lock)."""

    # ------------------------------------------------- transport side (loop)
    def _flush(self) -> None:
        """Write everything queued since the last flush: one text frame per connection,
        then its payloads (each connection streams those in chunks)."""
        with self._lock:
            self._flushed()
            frames = self._core.frames_to_send()
        for conn, frame in frames:
            conn.send(frame)  # type: ignore[attr-defined]

    def _attach(self, conn: Connection, hello: Hello | None, *, resumed: bool) -> None:
        """A browser joins (on the loop): it alone gets ``welcome`` and the full rebuild.

        Raises:
            InvalidState: the session was destroyed meanwhile (from another thread).
        """
        if self._expiry is not None:
            self._expiry.cancel()
            self._expiry = None

        def attach(core: SessionCore) -> None:
            core.attach(conn, hello, resumed=resumed)

        self._send(attach)

    def _detach(self, conn: Connection) -> None:
        """A browser left: queries waiting on it fail with ConnectionClosed."""
        with self._lock:
            failed = self._core.detach(conn)
        self._handle_events(failed)

    def _receive(self, conn: Connection, text: str) -> None:
        """Feed one text frame from a browser to the core (on the loop)."""
        self._feed(conn, lambda core: core.receive_text(conn, text), "browser frame")

    def _receive_bytes(self, conn: Connection, data: bytes) -> None:
        """Feed one binary browser frame (an upload chunk) to the core."""
        self._feed(conn, lambda core: core.receive_bytes(conn, data), "binary frame")

    def _feed(
        self, conn: Connection, read: Callable[[SessionCore], list[Event]], what: str
    ) -> None:
        """Feed one browser frame to the core; error replies and state echoes are flushed.

        Called on the loop thread by the pump. Never raises: a failure while handling the
        frame is logged and answered with an ``error``, and the session goes on.
        """
        try:
            with self._lock:
                events = read(self._core)
                schedule = self._claim_flush(urgent=True)
            self._schedule_flush(schedule)
            self._handle_events(events)
        except Exception:  # noqa: BLE001 - one bad frame must not end the session
            log_throttled(
                self.app._log(logger),
                f"frame-failed:{what}",
                "session %s: failed to handle a %s",
                self.id,
                what,
                level=logging.ERROR,
                exc_info=True,
            )
            # the exception text stays in the log: it may name paths, values or internals
            self._send(lambda core: core.report_error(conn, _SERVER_ERROR))

    def _call_later(self, delay: float, fn: Callable[[], Any]) -> None:
        """Run ``fn`` on the event loop after ``delay`` seconds, from any thread (Timer).

        Before the app serves, the call waits for it (see ``BaseApplication._call_later``).
        """
        self.app._call_later(delay, fn)

    def _emit(self, wid: int, action: str, args: tuple[Any, ...]) -> None:
        """Run a widget's handlers as if a browser reported ``action`` (on the loop)."""
        self._run_callbacks(CallbackEvent(wid, action, args, None))

    def _handle_events(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, CallbackEvent):
                self._run_callbacks(event)
            elif isinstance(event, QueryReturned):
                self._settle(event.query_id, value=event.value)
            elif isinstance(event, QueryFailed):
                exc: Exception = (
                    ConnectionClosed(event.message)
                    if event.closed
                    else RemoteError(event.message, event.stack)
                )
                self._settle(event.query_id, error=exc)
            elif isinstance(event, BrowserError):
                self.app._log(logger).warning(
                    "session %s: browser error: %s", self.id, event.message
                )

    def _settle(self, qid: int, *, value: Any = None, error: Exception | None = None) -> None:
        waiter = self._waiters.pop(qid, None)
        if waiter is None or waiter.done():
            return
        if error is not None:
            waiter.set_exception(error)
        else:
            waiter.set_result(self._resolve_refs(value))

    def _resolve_refs(self, value: Any) -> Any:
        """Browser values with widget references turned back into proxies (a widget
        destroyed meanwhile resolves to None)."""
        return resolve_refs(value, self._proxies.get)

    def _run_callbacks(self, event: CallbackEvent) -> None:
        with self._lock:
            handlers = list(self._handlers.get((event.wid, event.action), ()))
            widget = self._proxies.get(event.wid)
            if not handlers or widget is None:
                return
            args = tuple(self._resolve_refs(list(event.args)))
        for handler, extra, kwargs, widget_first in handlers:
            head = (widget, *args) if widget_first else args

            def call(
                handler: Callable[..., Any] = handler,
                head: tuple[Any, ...] = head,
                extra: tuple[Any, ...] = extra,
                kwargs: dict[str, Any] = kwargs,
            ) -> Any:
                return handler(*head, *extra, **kwargs)

            call.__qualname__ = (
                f"{getattr(handler, '__qualname__', handler)} "
                f"({type(widget).__name__} {event.action})"
            )
            self._dispatch(call)

    def _teardown(self) -> list[Connection]:
        """Close the core and forget everything; returns connections to close.

        Callable from any thread: the expiry timer is cancelled on the loop.
        """
        expiry, self._expiry = self._expiry, None
        if expiry is not None:
            self.app._call_soon(expiry.cancel)
        with self._lock:
            if self._core.closed:
                return []
            conns: list[Connection] = list(self._core.connections)  # type: ignore[arg-type]
            failed = self._core.close()
        self._handle_events(failed)
        with self._lock:
            for proxy in self._proxies.values():
                proxy._pgw_wid = None
            self._proxies.clear()
            self._handlers.clear()
            self._namespace = None
        self._shutdown_dispatch()
        return conns


class _Batch:
    """Context manager (sync and async) that does nothing: batching is automatic."""

    def __enter__(self) -> _Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    async def __aenter__(self) -> _Batch:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None
