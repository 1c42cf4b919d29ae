"""SIGINT and SIGTERM as requests to close the application gracefully.

Why: systemd and Docker stop a service with SIGTERM, whose default action kills the
process at once: no session told, no ``on_disconnect``, exit status 143. And an asyncio
program stopped by Ctrl-C printed a traceback (``asyncio.run`` turns the cancellation back
into ``KeyboardInterrupt``). While an Application's ``run()`` waits, both signals instead
ask it to close; ``run()`` then returns normally and the program exits 0.

Only the main thread can own signal handlers: elsewhere (an app run from a worker thread,
or under a framework that owns the signals) nothing is installed, and the app is stopped
by ``close()`` as before. The previous handlers come back when ``run()`` returns.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

__all__ = ["STOP_SIGNALS", "Interrupted", "stop_signals", "sync_stop_signals"]

#: the signals that stop a running app
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """Raised in the main thread by SIGTERM while a sync ``run()`` waits (like
    ``KeyboardInterrupt`` for SIGINT); ``run()`` catches it and closes."""


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def stop_signals(loop: asyncio.AbstractEventLoop, stop: Callable[[], Any]) -> Iterator[None]:
    """While in the block, SIGINT and SIGTERM call ``stop()`` on ``loop`` (main thread)."""
    installed: list[tuple[signal.Signals, Any]] = []
    if _in_main_thread():
        for sig in STOP_SIGNALS:
            previous = signal.getsignal(sig)
            try:
                loop.add_signal_handler(sig, stop)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not the main loop's thread, or no signals on this platform
            installed.append((sig, previous))
    try:
        yield
    finally:
        for sig, previous in installed:
            loop.remove_signal_handler(sig)
            with contextlib.suppress(TypeError, ValueError):
                signal.signal(sig, previous if previous is not None else signal.SIG_DFL)


@contextlib.contextmanager
def sync_stop_signals() -> Iterator[None]:
    """While in the block, SIGTERM raises :class:`Interrupted` in the main thread (SIGINT
    already raises ``KeyboardInterrupt``); a no-op in other threads."""
    if not _in_main_thread():
        yield
        return

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main interpreter
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
