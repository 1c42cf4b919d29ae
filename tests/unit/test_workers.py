"""Sync handler workers: a session's calls run in order on its own thread, and handing a
call over never waits for that thread to start (the event loop does the handing over)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from pgwidgets.sync import workers


class HeldStarter:
    """A thread starter that starts nothing until told to (a machine too busy to run it)."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []

    def start(self, thread: threading.Thread) -> None:
        self.threads.append(thread)


def test_submit_returns_before_the_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    held = HeldStarter()
    monkeypatch.setattr(workers, "_starter", held)
    worker = workers.SerialWorker("pgwidgets-session-test")
    ran: list[tuple[int, str]] = []
    done = threading.Event()
    for i in range(3):
        worker.submit(lambda i=i: ran.append((i, threading.current_thread().name)))
    worker.submit(done.set)
    assert ran == [] and len(held.threads) == 1, "one thread, not started by submit"
    held.threads[0].start()
    assert done.wait(5)
    assert ran == [
        (0, "pgwidgets-session-test"),
        (1, "pgwidgets-session-test"),
        (2, "pgwidgets-session-test"),
    ]
    worker.stop()
    held.threads[0].join(5)
    assert not held.threads[0].is_alive()


def test_the_real_starter_runs_calls_in_order_off_the_caller() -> None:
    worker = workers.SerialWorker("pgwidgets-session-real")
    seen: list[Any] = []
    done = threading.Event()
    for i in range(50):
        worker.submit(lambda i=i: seen.append((i, threading.current_thread())))
    worker.submit(done.set)
    assert done.wait(5)
    assert [i for i, _ in seen] == list(range(50))
    threads = {t for _, t in seen}
    assert threads == {worker.thread} and worker.thread is not threading.current_thread()
    worker.stop()


def test_a_failing_start_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    starter = workers._ThreadStarter()
    started = threading.Event()
    ok = threading.Thread(target=started.set)
    ok.start()
    ok.join(5)
    starter.start(ok)  # already started: RuntimeError inside the starter thread
    after = threading.Thread(target=started.set)
    started.clear()
    starter.start(after)  # the starter goes on with the next one
    assert started.wait(5)
    assert "could not start thread" in caplog.text
