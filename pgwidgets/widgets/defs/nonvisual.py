"""Non-visual widgets: Timer and FileDialog.

Timer runs in Python, on the application's event loop: it fires once per session however
many browsers are attached, keeps running while none is, and survives reconnects
untouched. Its browser object is inert. A timer started before the application serves
(set-up code before ``start()``, sync or async) counts from that call, as ``time_left()``
says; its expiry is delivered once serving starts, at once if it is overdue by then (a
repeating one fires once, not once per missed period). It is never dropped silently.

FileDialog opens the browser's file chooser; the chosen files stream to Python in chunks
(:mod:`pgwidgets.protocol.transfers`, limit ``Application(max_upload_size=...)``) and
arrive whole in ``activated({"files": [{name, size, type, data: bytes}]})``, or not at all
(``error(message)``). ``save(filename, data)`` hands bytes to the user as a download.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pgwidgets.widgets.spec import Kind, define, mixin

__all__: list[str] = []

define(
    "Timer",
    inherit=("nonvisual",),
    options={"duration": 0.0, "repeat": False},
    methods="start(duration=None) set(duration=None) cond_set(duration=None) stop() "
    "cancel() is_set() elapsed_time() time_left() set_duration(duration) "
    "get_duration() set_repeat(repeat) get_repeat()",
    kinds={
        name: Kind.CUSTOM
        for name in (
            "start",
            "set",
            "cond_set",
            "stop",
            "cancel",
            "is_set",
            "elapsed_time",
            "time_left",
            "set_duration",
            "set_repeat",
        )
    },
    callbacks="expired cancelled",
    defaults={"duration": 0.0, "repeat": False},
    doc="A timer (seconds): ``expired(duration)`` when it runs out (again and again with "
    "``repeat``), ``cancelled(elapsed)`` on ``cancel()``; ``stop()`` is silent.",
)


@mixin("Timer")
class _TimerMethods:
    """Timing state lives on the proxy; the event loop does the waiting."""

    # a new generation on every start/stop: a scheduled expiry of an older one is void
    _gen = 0
    _started: float | None = None
    _running_for = 0.0

    def _locked(self: Any, fn: Callable[[], Any]) -> Any:
        # user threads (sync API) and the loop both change the timing state: do it under
        # the session's lock (the binding's _read runs fn holding it)
        return self.session._read(lambda _core: fn())

    def _set_local(self: Any, key: str, value: Any) -> None:
        # recorded as state (getters, replay) but never sent: the browser has no timer
        wid = self._wid_checked()
        self.session._read(lambda core: core.put_state(wid, key, "set_" + key, [value]))

    def set_duration(self: Any, duration: float) -> Any:
        """Set the default duration in seconds (used when ``start`` gets none)."""
        self._set_local("duration", _seconds(duration))
        return self.session._done(None)

    def set_repeat(self: Any, repeat: bool) -> Any:
        """Make the timer restart itself after each expiry."""
        self._set_local("repeat", bool(repeat))
        return self.session._done(None)

    def start(self: Any, duration: float | None = None) -> Any:
        """(Re)start: expires after ``duration`` seconds (default: ``get_duration()``)."""
        if duration is not None:
            self._set_local("duration", _seconds(duration))
        wid = self._wid_checked()

        def restart() -> None:
            self._gen += 1
            self._arm(wid, self._gen, float(self.get_duration()))

        self._locked(restart)
        return self.session._done(None)

    def _arm(self: Any, wid: int, gen: int, seconds: float) -> None:
        self._started = time.monotonic()
        self._running_for = seconds
        self.session._call_later(seconds, lambda: self._expire(wid, gen))

    def _expire(self: Any, wid: int, gen: int) -> None:
        def due() -> float | None:
            if gen != self._gen or self._pgw_wid is None:
                return None  # stopped, restarted or destroyed since
            seconds: float = self._running_for
            if self.get_repeat() and seconds > 0:
                self._arm(wid, gen, seconds)
            else:
                self._started = None
            return seconds

        seconds = self._locked(due)
        if seconds is not None:
            self.session._emit(wid, "expired", (seconds,))

    def set(self: Any, duration: float | None = None) -> Any:
        """Same as :meth:`start`."""
        return self.start(duration)

    def cond_set(self: Any, duration: float | None = None) -> Any:
        """Start only if not running."""
        if not self.is_set():
            return self.start(duration)
        return self.session._done(None)

    def stop(self: Any) -> Any:
        """Stop without a callback."""

        def halt() -> None:
            self._gen += 1
            self._started = None

        self._locked(halt)
        return self.session._done(None)

    def cancel(self: Any) -> Any:
        """Stop, and report ``cancelled(elapsed_seconds)`` if it was running."""
        wid = self._wid_checked()

        def halt() -> float | None:
            started: float | None = self._started
            self._started = None
            self._gen += 1
            return started

        started = self._locked(halt)
        if started is not None:
            elapsed = time.monotonic() - started
            self.session._call_later(0, lambda: self.session._emit(wid, "cancelled", (elapsed,)))
        return self.session._done(None)

    def is_set(self: Any) -> bool:
        """True while running."""
        return self._started is not None

    def elapsed_time(self: Any) -> float:
        """Seconds since the (last) start, 0 when not running."""
        return 0.0 if self._started is None else time.monotonic() - self._started

    def time_left(self: Any) -> float:
        """Seconds until expiry, 0 when not running."""
        if self._started is None:
            return 0.0
        running_for: float = self._running_for
        elapsed: float = self.elapsed_time()
        return max(0.0, running_for - elapsed)


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"a duration is a number of seconds >= 0, got {value!r}")
    return float(value)


define(
    "FileDialog",
    inherit=("nonvisual",),
    options={"mode": "file", "accept": ""},
    methods="open() show() popup(x=None, y=None) "
    "save(filename, data, mime_type='application/octet-stream') "
    "set_mode(mode) get_mode() set_accept(accept) get_accept()",
    kinds={"show": Kind.ACTION, "popup": Kind.ACTION, "save": Kind.CUSTOM},
    overrides={"show": {"wire_name": "open"}, "popup": {"wire_name": "open"}},
    callbacks="activated progress cancelled error",
    defaults={"mode": "file", "accept": ""},
    doc="The browser's file chooser. ``mode`` is ``'file'`` or ``'files'``; ``accept`` "
    "filters types (``'.png,image/*'``). ``open()`` must follow a user action (call it "
    "from a button's handler): browsers only open choosers on user activation.",
)


@mixin("FileDialog")
class _FileDialogMethods:
    def save(
        self: Any,
        filename: str,
        data: bytes | bytearray | memoryview | str,
        mime_type: str = "application/octet-stream",
    ) -> Any:
        """Offer ``data`` to the user as a download named ``filename``.

        ``data`` is bytes (sent in binary frames of at most 256 KiB) or text (as UTF-8).
        """
        if isinstance(data, str):
            payload = data.encode("utf-8")
        elif isinstance(data, (bytes, bytearray, memoryview)):
            payload = bytes(data)
        else:
            raise TypeError(f"save() takes bytes or str, not {type(data).__name__}")
        wid = self._wid_checked()
        self.session._send(
            lambda core: core.send_binary(wid, "save", [str(filename), str(mime_type)], payload)
        )
        return self.session._done(None)
