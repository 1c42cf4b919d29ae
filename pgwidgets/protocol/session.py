"""SessionCore: one session's protocol state machine, with no I/O.

Theory of operation
-------------------
Facades call :meth:`create`, :meth:`set_state`, :meth:`action`, :meth:`add_child`,
:meth:`query` ... Each updates the widget mirror (``WidgetRecord``) first, then queues a
message for every attached connection. The transport calls :meth:`frames_to_send` once per
event-loop turn and writes one frame per connection, so a burst of calls costs one frame.

Browser input goes through :meth:`receive_text`, which returns :mod:`events` for the facade
(callbacks to run, queries answered) and queues an ``error`` reply for anything malformed;
a bad message never raises out of here and never changes state.

A connection joining (:meth:`attach`) gets ``welcome``, ``reset`` and the whole UI rebuilt
from the mirror, addressed to it alone: browsers already attached are not disturbed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from pgwidgets.exceptions import InvalidState, ProtocolError
from pgwidgets.protocol.credentials import Credentials, new_credentials
from pgwidgets.protocol.events import (
    BrowserError,
    CallbackEvent,
    Event,
    QueryFailed,
    QueryReturned,
    ViewportChanged,
)
from pgwidgets.protocol.messages import (
    CallbackMsg,
    ErrorMsg,
    Hello,
    OutboundMessage,
    ResultMsg,
    UploadEndMsg,
    UploadStartMsg,
    ViewportMsg,
    call_message,
    decode_browser_frame,
    destroy_message,
    encode_frame,
    error_message,
    listen_message,
    page_message,
    query_message,
    reset_message,
    to_wire,
    welcome_message,
    widget_ref,
)
from pgwidgets.protocol.outgoing import OutgoingPayload
from pgwidgets.protocol.stacking import RAISED, Stacking
from pgwidgets.protocol.state import SessionState, check_transition
from pgwidgets.protocol.throttle import log_throttled
from pgwidgets.protocol.transfers import PAYLOAD_KEY, UploadTable, binary_header, wire_header
from pgwidgets.protocol.uploads import UploadReceiver
from pgwidgets.protocol.widget_state import (
    DELEGATE_ACTION,
    Delegate,
    KindInfo,
    StateEntry,
    WidgetRecord,
    auto_listen,
)

__all__ = ["MAX_LOG_ENTRIES", "SessionCore", "Setting"]

#: cap on replay-log entries a browser may add to one widget (``rules.LogRule``)
MAX_LOG_ENTRIES = 100_000

logger = logging.getLogger(__name__)

Conn = object
"""An opaque handle for one browser connection (the transport's choice)."""


Setting = tuple["StateEntry | None", list[Any], dict[str, Any]]
"""What a getter needs of one widget, read at once under the session lock:
``(entry, args, options)``. ``entry`` is the state key's last setter (an immutable
snapshot, None if never set); ``args`` and ``options`` are the constructor's, which never
change after ``create``. A plain tuple: getters are hot, and a named one costs more to make."""


class SessionCore(UploadReceiver):
    """Protocol state of one session: widgets, connections, pending queries, outbox."""

    def __init__(self, credentials: Credentials | None = None) -> None:
        #: server-made id and reconnect token
        self.credentials = credentials or new_credentials()
        self.state = SessionState.NEW
        #: the mirror, in creation order (a rebuild creates in this order)
        self.widgets: dict[int, WidgetRecord] = {}
        # ids are never reused within a session, so a late browser message cannot hit a
        # newer widget that took a destroyed one's id
        self._next_wid = 1
        self._next_query = 1
        #: attached connections, primary (the one queries go to) first
        self.connections: list[Conn] = []
        self._outbox: dict[Conn, list[OutboundMessage]] = {}
        self._pending: dict[int, Conn] = {}
        #: page-level settings replayed on rebuild (theme, title ...)
        self.page_state: dict[str, StateEntry] = {}
        self.viewport = (0, 0)
        #: uploads in progress (limits: ``uploads.max_size``, ``uploads.max_concurrent``)
        self.uploads = UploadTable()
        #: which windows are above which (replayed at the end of a rebuild)
        self.stacking = Stacking()

    # ----------------------------------------------------------------- connections
    @property
    def session_id(self) -> str:
        return self.credentials.session_id

    def attach(self, conn: Conn, hello: Hello | None = None, *, resumed: bool) -> None:
        """Add a browser connection and queue the full UI for it alone."""
        check_transition(self.state, SessionState.CONNECTED)
        self.state = SessionState.CONNECTED
        self.connections.append(conn)
        if hello is not None and hello.width and hello.height:
            self.viewport = (hello.width, hello.height)
        welcome = welcome_message(
            self.credentials.session_id, self.credentials.token, resumed=resumed
        )
        self._outbox[conn] = [welcome, *self.rebuild_messages()]

    def detach(self, conn: Conn) -> list[Event]:
        """Remove a connection; queries that waited on it fail with ``closed=True``."""
        if conn not in self.connections:
            return []
        self.connections.remove(conn)
        self._outbox.pop(conn, None)
        self.uploads.drop_connection(conn)
        failed: list[Event] = []
        for qid, target in list(self._pending.items()):
            if target is conn:
                del self._pending[qid]
                failed.append(QueryFailed(qid, "the browser disconnected", closed=True))
        if not self.connections and self.state is SessionState.CONNECTED:
            self.state = SessionState.DETACHED
        return failed

    def close(self) -> list[Event]:
        """End the session for good; every pending query fails."""
        failed: list[Event] = [
            QueryFailed(q, "the session was closed", closed=True) for q in self._pending
        ]
        self._pending.clear()
        self.connections.clear()
        self._outbox.clear()
        self.widgets.clear()
        self.state = SessionState.CLOSED
        return failed

    @property
    def closed(self) -> bool:
        return self.state is SessionState.CLOSED

    # -------------------------------------------------------------------- output
    def broadcast(self, msg: OutboundMessage, exclude: Conn | None = None) -> None:
        """Queue ``msg`` for every attached browser (but ``exclude``)."""
        for conn, box in self._outbox.items():
            if conn is not exclude:
                box.append(msg)

    def send_to(self, conn: Conn, msg: OutboundMessage) -> None:
        """Queue ``msg`` for one browser (dropped if it has gone)."""
        box = self._outbox.get(conn)
        if box is not None:
            box.append(msg)

    @property
    def log_limit(self) -> int:
        """How many replay-log entries browsers may add to one widget (:data:`MAX_LOG_ENTRIES`,
        read when used)."""
        return MAX_LOG_ENTRIES

    def is_primary(self, conn: Conn) -> bool:
        """Whether ``conn`` is the browser queries go to (the first attached)."""
        return bool(self.connections) and self.connections[0] is conn

    @property
    def has_output(self) -> bool:
        """True when :meth:`frames_to_send` has something to write."""
        return any(self._outbox.values())

    def frames_to_send(self) -> list[tuple[Conn, str | OutgoingPayload]]:
        """Drain the outbox: one text frame per connection with queued messages.

        The text frame is followed by the payload of each ``binary`` header in it, in
        header order; the transport streams them in chunks (:mod:`.outgoing`).
        """
        frames: list[tuple[Conn, str | OutgoingPayload]] = []
        # several browsers usually got the very same message objects (``broadcast``
        # appends one dict to every box): encode such a sequence once. The key is the
        # objects' ids, so every drained box is kept alive until the end of this call:
        # a freed message's id could otherwise be reused and hit the wrong cache entry.
        cache: dict[tuple[int, ...], str] = {}
        drained: list[list[OutboundMessage]] = []
        for conn in list(self._outbox):
            box = self._outbox[conn]
            if not box:
                continue
            self._outbox[conn] = []
            drained.append(box)
            key = tuple(map(id, box))
            text = cache.get(key)
            if text is None:
                text = cache[key] = encode_frame(
                    [wire_header(m) if PAYLOAD_KEY in m else m for m in box]
                )
            frames.append((conn, text))
            frames.extend(
                (conn, OutgoingPayload(m[PAYLOAD_KEY]))  # type: ignore[typeddict-item]
                for m in box
                if PAYLOAD_KEY in m
            )
        return frames

    def rebuild_messages(self) -> list[OutboundMessage]:
        """Every message needed to draw the current UI in a fresh page."""
        out: list[OutboundMessage] = [reset_message()]
        for method, args in self.page_state.values():
            out.append(page_message(method, args))
        records = list(self.widgets.values())
        out.extend(rec.create_message() for rec in records)
        for rec in records:
            post = rec.kind.post_keys
            for key, (method, args) in rec.state.items():
                if key in rec.payloads:
                    out.append(binary_header(rec.wid, method, args, rec.payloads[key]))
                elif key not in post and not key.startswith("_"):
                    out.append(call_message(rec.wid, method, args))
            for method, args in rec.log:
                out.append(call_message(rec.wid, method, args))
            if rec.delegate is not None:
                for method, args in rec.delegate.rebuild():
                    out.append(call_message(rec.wid, method, to_wire(args)))
        for rec in records:
            post = rec.kind.post_keys
            for key, (method, args) in rec.state.items():
                if key in post:
                    out.append(call_message(rec.wid, method, args))
        out.extend(self.stacking.rebuild_messages())
        return out

    # ------------------------------------------------------------------ reading
    def record(self, wid: int) -> WidgetRecord:
        """The mirror of one widget, for code running under the session lock.

        Raises:
            InvalidState: the widget was destroyed (or never existed).
        """
        rec = self.widgets.get(wid)
        if rec is None:
            raise InvalidState(f"widget {wid} has been destroyed (or never existed)")
        return rec

    def ensure_open(self) -> None:
        """Raise :class:`InvalidState` once the session is closed."""
        if self.state is SessionState.CLOSED:
            raise InvalidState("the session is closed")

    def _missing(self, wid: int) -> NoReturn:
        """Raise the error for a widget not in the mirror (a closed session has none)."""
        self.ensure_open()
        raise InvalidState(f"widget {wid} has been destroyed (or never existed)")

    def state_entry(self, wid: int, key: str) -> StateEntry | None:
        """The last setter of ``key`` (an immutable snapshot), None if never set."""
        return self.record(wid).state.get(key)

    def setting(self, wid: int, key: str) -> Setting:
        """What a getter of ``key`` needs, as one snapshot (see :data:`Setting`)."""
        rec = self.widgets.get(wid)
        if rec is None:
            self._missing(wid)
        return (rec.state.get(key), rec.args, rec.options)

    def parent_of(self, wid: int) -> int | None:
        """The id of the widget's parent (None: a root, or not attached)."""
        return self.record(wid).parent

    # ------------------------------------------------------------- widget calls

    def create(
        self,
        kind: KindInfo,
        args: Iterable[Any],
        options: dict[str, Any],
        listen: Iterable[str] = (),
    ) -> int:
        """Mirror a new widget and queue its ``create``; returns its id."""
        self.ensure_open()
        wid = self._next_wid
        self._next_wid += 1
        rec = WidgetRecord(wid, kind, to_wire(list(args)), to_wire(options))
        rec.listen.update(listen)
        rec.listen.update(auto_listen(kind))
        self.widgets[wid] = rec
        self.broadcast(rec.create_message())
        return wid

    def set_state(self, wid: int, key: str, method: str, args: Iterable[Any]) -> None:
        """A setter: remember the value under ``key`` and send the call."""
        rec = self.widgets.get(wid)  # the hot path: one lookup (a closed session has none)
        if rec is None:
            self._missing(wid)
        wire = to_wire(args if type(args) is list else list(args))
        rec.put_state(key, method, wire)
        if RAISED in rec.kind.callbacks:  # a window shown goes to the top
            self.stacking.called(wid, method)
        self.broadcast(call_message(wid, method, wire))

    def get_state(self, wid: int, key: str) -> list[Any] | None:
        """The args of the last setter for ``key``, or None if never set."""
        entry = self.record(wid).state.get(key)
        return None if entry is None else entry.args

    def send_binary(
        self, wid: int, method: str, args: Iterable[Any], payload: bytes, *, key: str | None = None
    ) -> None:
        """Send ``payload`` in binary frames: the browser calls ``method(payload, *args)``.

        With ``key`` the payload is widget state (the last image), replayed on rebuild;
        a later setter of the same key replaces it.
        """
        self.ensure_open()
        rec = self.record(wid)
        wire = to_wire(list(args))
        data = bytes(payload)
        if key is not None:
            rec.put_state(key, method, wire)
            rec.payloads[key] = data
        self.broadcast(binary_header(wid, method, wire, data))

    def put_state(self, wid: int, key: str, method: str, args: Iterable[Any]) -> None:
        """Record state without sending anything (the browser already has it)."""
        self.record(wid).put_state(key, method, to_wire(list(args)))

    def action(
        self,
        wid: int,
        method: str,
        args: Iterable[Any],
        *,
        replay: bool = False,
        forget: Iterable[str] = (),
        reset_keys: Iterable[str] = (),
    ) -> None:
        """A call with no single state key.

        Args:
            replay: keep it in the widget's log so a rebuild repeats it (``append_text``).
            forget: log methods this call undoes (``clear`` forgets ``append_text``).
            reset_keys: state keys this call resets.
        """
        self.ensure_open()
        rec = self.record(wid)
        wire = to_wire(list(args))
        drop = set(forget)
        if drop:
            rec.log = [entry for entry in rec.log if entry[0] not in drop]
        for key in reset_keys:
            rec.state.pop(key, None)
        if replay:
            rec.log.append((method, wire))
        if RAISED in rec.kind.callbacks:  # raise_() / lower() of a window
            self.stacking.called(wid, method)
        self.broadcast(call_message(wid, method, wire))

    def add_child(
        self, parent: int, method: str, child: int, args: Iterable[Any], *, single: bool = False
    ) -> None:
        """Attach ``child`` under ``parent`` with ``method`` (``add_widget``, ``set_widget``).

        ``args`` are the call's arguments, the child among them as a widget reference.
        A child attached elsewhere moves; ``single`` replaces the parent's child.
        """
        self.ensure_open()
        prec = self.record(parent)
        crec = self.record(child)
        if crec.parent is not None:
            self._unlink(crec.parent, child)
        if single:
            for old in list(prec.children):
                self._unlink(parent, old)
        wire = to_wire(list(args))
        prec.log.append((method, wire))
        prec.children.append(child)
        crec.parent = parent
        self.broadcast(call_message(parent, method, wire))

    def _unlink(self, parent: int, child: int) -> None:
        prec = self.widgets.get(parent)
        crec = self.widgets.get(child)
        if crec is not None:
            crec.parent = None
        if prec is None:
            return
        if child in prec.children:
            prec.children.remove(child)
        ref = widget_ref(child)
        prec.log = [(m, a) for (m, a) in prec.log if ref not in a]

    def remove_child(self, parent: int, child: int, method: str = "remove") -> None:
        """Detach ``child`` from ``parent`` (it survives, unparented)."""
        self.ensure_open()
        self.record(parent)
        self._unlink(parent, child)
        self.broadcast(call_message(parent, method, [widget_ref(child)]))

    def forget_child(self, parent: int, child: int) -> None:
        """The browser already detached ``child`` (its grid row was deleted, another widget
        took its cell): unlink it here too, sending nothing."""
        self.ensure_open()
        self.record(parent)
        self._unlink(parent, child)

    def children(self, wid: int) -> list[int]:
        return list(self.record(wid).children)

    def destroy(self, wid: int) -> list[int]:
        """Destroy a widget and its descendants; returns every id released."""
        self.ensure_open()
        rec = self.widgets.get(wid)
        if rec is None:
            return []
        if rec.parent is not None:
            self._unlink(rec.parent, wid)
        released: list[int] = []
        stack = [wid]
        while stack:
            current = self.widgets.pop(stack.pop(), None)
            if current is not None:
                released.append(current.wid)
                stack.extend(current.children)
        self.stacking.forget(released)
        self.broadcast(destroy_message(wid))
        return released

    def set_delegate(self, wid: int, delegate: Delegate) -> None:
        """Give a widget a Python model (see :class:`Delegate`); its output goes out now."""
        self.record(wid).delegate = delegate
        self.deliver(wid)

    def deliver(self, wid: int) -> None:
        """Queue what a widget's delegate has due, to the connections it is meant for."""
        rec = self.record(wid)
        if rec.delegate is None:
            return
        for target, method, args in rec.delegate.drain(list(self.connections)):
            msg = call_message(wid, method, to_wire(args))
            if target is None:
                self.broadcast(msg)
            elif isinstance(target, tuple) and target[:1] == ("not",):
                self.broadcast(msg, exclude=target[1])
            else:
                self.send_to(target, msg)

    def listen(self, wid: int, action: str) -> None:
        """Ask the browser to forward ``action`` events of this widget."""
        self.ensure_open()
        rec = self.record(wid)
        if action in rec.listen:
            return
        rec.listen.add(action)
        self.broadcast(listen_message(wid, action))

    def page_call(self, method: str, args: Iterable[Any], *, key: str | None = None) -> None:
        """A page-level call (``set_theme``, ``open_url``); ``key`` makes it replayed."""
        self.ensure_open()
        wire = to_wire(list(args))
        if key is not None:
            self.page_state.pop(key, None)
            self.page_state[key] = StateEntry(method, wire)
        self.broadcast(page_message(method, wire))

    def query(self, wid: int | None, method: str, args: Iterable[Any]) -> int | None:
        """Ask the primary browser for a value; returns the query id (None: no browser)."""
        self.ensure_open()
        if wid is not None:
            self.record(wid)
        if not self.connections:
            return None
        qid = self._next_query
        self._next_query += 1
        conn = self.connections[0]
        self._pending[qid] = conn
        self.send_to(conn, query_message(qid, wid, method, to_wire(list(args))))
        return qid

    def forget_query(self, qid: int) -> None:
        """Stop waiting for a query (it timed out); a late answer is then ignored."""
        self._pending.pop(qid, None)

    # --------------------------------------------------------------------- input
    def receive_text(self, conn: Conn, text: str) -> list[Event]:
        """Read one browser frame; returns events, queues error replies for bad input."""
        try:
            messages = decode_browser_frame(text)
        except ProtocolError as exc:
            self._reject(conn, str(exc))
            return []
        events: list[Event] = []
        for msg in messages:
            try:
                event = self._handle(conn, msg)
            except ProtocolError as exc:
                self._reject(conn, str(exc))
                continue
            if isinstance(event, list):
                events.extend(event)
            elif event is not None:
                events.append(event)
        return events

    def _reject(self, conn: Conn, reason: str) -> None:
        log_throttled(
            logger,
            f"bad-message:{self.session_id}",
            "session %s: bad browser message: %s",
            self.session_id,
            reason,
        )
        self.send_to(conn, error_message(reason))

    def report_error(self, conn: Conn, reason: str) -> None:
        """Queue an ``error`` for one browser (the transport failed to handle its frame)."""
        self.send_to(conn, error_message(reason))

    def _handle(self, conn: Conn, msg: object) -> Event | list[Event] | None:
        if isinstance(msg, CallbackMsg):
            return self._callback(conn, msg)
        if isinstance(msg, (UploadStartMsg, UploadEndMsg)):
            return self._upload(conn, msg)
        if isinstance(msg, ResultMsg):
            if self._pending.get(msg.query_id) is not conn:
                raise ProtocolError(f"no query {msg.query_id} is waiting for this browser")
            del self._pending[msg.query_id]
            return QueryReturned(msg.query_id, msg.value)
        if isinstance(msg, ErrorMsg):
            if msg.query_id is None:
                return BrowserError(msg.message)
            if self._pending.get(msg.query_id) is not conn:
                raise ProtocolError(f"no query {msg.query_id} is waiting for this browser")
            del self._pending[msg.query_id]
            return QueryFailed(msg.query_id, msg.message, msg.stack)
        if isinstance(msg, ViewportMsg):
            self.viewport = (msg.width, msg.height)
            return ViewportChanged(msg.width, msg.height)
        raise ProtocolError("hello is only allowed as the first message")

    def _callback(self, conn: Conn, msg: CallbackMsg) -> CallbackEvent | list[Event]:
        rec = self.widgets.get(msg.wid)
        if rec is None:
            raise ProtocolError(f"unknown widget {msg.wid}")
        if msg.action not in rec.kind.callbacks:
            raise ProtocolError(f"{rec.kind.name} has no callback {msg.action!r}")
        if msg.action == RAISED:  # the user brought a window to the front
            self.stacking.to_top(rec.wid)
            self.broadcast(call_message(rec.wid, "raise_", []), exclude=conn)
        args: Sequence[Any] = msg.args
        for rule in rec.kind.sync.get(msg.action, ()):
            # every rule reads the report as sent; handlers get what the rules leave
            rule.apply(self, rec, msg.args, conn)
            args = rule.handler_args(args)
        if rec.delegate is not None and msg.action == DELEGATE_ACTION:
            public = rec.delegate.handle(conn, list(msg.args))
            self.deliver(rec.wid)
            return [CallbackEvent(msg.wid, action, args, conn) for action, args in public]
        return CallbackEvent(msg.wid, msg.action, tuple(args), conn)
