"""Getters read the mirror under the session lock, so they never see a setter half done.

``WidgetRecord.put_state`` moves a state key to the end of the dict by removing and
re-inserting it; a getter reading between the two (a browser callback applied on the loop
thread while a user thread reads) would answer the constructor's value instead of the
state. The core's read API (``SessionCore.setting``, ``state_entry``) is called under
the session lock and returns immutable snapshots.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from pgwidgets.sync import Application

CALLBACKS = 5_000
#: bound on each wait of the two threads (only reached if the code under test hangs)
WAIT = 30.0


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Let threads switch as often as the interpreter can, so a race shows quickly."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def _session_with_entry() -> tuple[Any, object, Any, list[str]]:
    """A sync session (no loop: nothing is written) with one browser and a TextEntry the
    user typed ``typed a`` into; also the frames of the user typing ``a`` and ``b``."""
    app = Application()
    session: Any = app.create_session()
    session._schedule_flush = lambda schedule: None
    conn = object()
    session._attach(conn, None, resumed=False)
    entry = session.get_widgets().TextEntry("constructor")
    frames = [
        json.dumps({"type": "callback", "wid": entry.wid, "action": "modified", "args": [text]})
        for text in ("typed a", "typed b")
    ]
    session._receive(conn, frames[0])
    assert entry.get_text() == "typed a"
    return session, conn, entry, frames


class _GapDict(dict[str, Any]):
    """A widget's state dict that stops in the middle of ``put_state`` (the key popped,
    not yet re-inserted) until the reader has finished, the first time only."""

    def __init__(
        self, data: dict[str, Any], gap_open: threading.Event, reader_finished: threading.Event
    ) -> None:
        super().__init__(data)
        self.gap_open = gap_open
        self.reader_finished = reader_finished

    def pop(self, key: str, default: Any = None) -> Any:
        value = super().pop(key, default)
        if not self.gap_open.is_set():
            self.gap_open.set()
            assert self.reader_finished.wait(WAIT), "the reader never finished"
        return value


def test_a_getter_reads_its_answer_under_the_lock() -> None:
    """The getter that got past the lock before a callback started is not hurt by it.

    Deterministic: the reader stops right after its locked read; a callback then stops
    halfway through ``put_state`` until the reader has answered. Reading the state outside
    the lock (the old ``_get``) answered the constructor's ``"constructor"`` here.
    """
    session, conn, entry, frames = _session_with_entry()
    read_done, gap_open, reader_finished = threading.Event(), threading.Event(), threading.Event()
    rec = session._core.record(entry.wid)
    rec.state = _GapDict(rec.state, gap_open, reader_finished)
    locked_read = session._read

    def read_then_wait(fn: Any) -> Any:
        value = locked_read(fn)
        read_done.set()
        assert gap_open.wait(WAIT), "the callback never started"
        return value

    session._read = read_then_wait
    answers: list[Any] = []

    def reader() -> None:
        try:
            answers.append(entry.get_text())
        finally:
            reader_finished.set()

    thread = threading.Thread(target=reader)
    thread.start()
    assert read_done.wait(WAIT)
    session._receive(conn, frames[1])  # stops in the gap until the reader has answered
    thread.join(WAIT)
    assert answers == ["typed a"]
    del session._read
    assert entry.get_text() == "typed b"


def test_a_getter_never_answers_the_default_while_callbacks_arrive(
    fast_switching: None,
) -> None:
    """The hammer: a getter in a loop while another thread feeds browser callbacks."""
    session, conn, entry, frames = _session_with_entry()

    done = threading.Event()
    failures: list[BaseException] = []

    def browser() -> None:
        try:
            for i in range(CALLBACKS):
                session._receive(conn, frames[i % 2])
        except BaseException as exc:  # handed to the test thread
            failures.append(exc)
        finally:
            done.set()

    feeder = threading.Thread(target=browser)
    feeder.start()
    seen: set[str] = set()
    reads = 0
    while not done.is_set():
        seen.add(entry.get_text())
        reads += 1
    feeder.join()
    assert not failures
    assert reads > 0
    assert seen <= {"typed a", "typed b"}, f"a getter saw {seen - {'typed a', 'typed b'}}"
    assert entry.get_text() == "typed b"
